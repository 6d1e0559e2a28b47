/* The application/x-www-form-urlencoded parser the server runs on every
 * form POST (src/http/form_parse.c), followed by what a handler does with
 * the fields: UTF-8 check and HTML escaping. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http/http_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_http_kv *kv = NULL;
	size_t n = 0;
	rt_http_form_parse(&a, (const char *)data, size, &kv, &n);
	/* every pair is at most as long as the input, and NUL-terminated */
	assert(n <= size);
	rt_buf html = RT_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		size_t ln = strlen(kv[i].name), lv = strlen(kv[i].value);
		assert(ln + lv <= size);
		if (rt_http_utf8_ok(kv[i].value, lv))
			rt_buf_add_html(&html, kv[i].value);
	}
	rt_buf_release(&html);
	rt_arena_release(&a);
	return 0;
}
