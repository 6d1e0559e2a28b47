/* The multipart/form-data parser of the upload form (src/http/multipart.c).
 * Input: the Content-Type header on the first line, then the body; without
 * a newline the whole input is the body under a fixed boundary. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rt_arena a = RT_ARENA_INIT;
	const char *in = (const char *)data;
	const char *nl = memchr(in, '\n', size);
	const char *ct = "multipart/form-data; boundary=----rodtrad";
	const char *body = in;
	size_t len = size;
	if (nl) {
		ct = rt_arena_strndup(&a, in, (size_t)(nl - in));
		body = nl + 1;
		len = size - (size_t)(nl - in) - 1;
	}
	struct rt_multipart_part parts[RT_MULTIPART_MAX_PARTS];
	size_t n = 0;
	rt_err err = RT_ERR_INIT;
	int rc = rt_multipart_parse(&a, ct, body, len, parts, &n, &err);
	assert(n <= RT_MULTIPART_MAX_PARTS);
	assert(rc == 0 || (rc == RT_EINVAL && err.msg[0]));
	for (size_t i = 0; i < n; i++) {
		/* the data lies inside the body */
		assert(parts[i].data >= body && parts[i].data + parts[i].len <= body + len);
		assert(parts[i].name);
		(void)strlen(parts[i].name);
		if (parts[i].filename)
			assert(!strchr(parts[i].filename, '/') && !strchr(parts[i].filename, '\\'));
	}
	if (rc == 0)
		(void)rt_multipart_get(parts, n, "fil");
	rt_arena_release(&a);
	return 0;
}
