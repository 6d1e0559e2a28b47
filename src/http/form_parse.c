/* application/x-www-form-urlencoded bodies: "a=1&b=x+y&c=%C3%A5". The
 * server decodes a form body with this before routing (server.c); it is a
 * file of its own so the fuzz target fuzz/fuzz_form.c reaches exactly the
 * code the server runs. */
#include <string.h>

#include "http/http_int.h"

int rt_http_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* '+' is a space, %XX a byte; a '%' without two hex digits stays as is. */
static char *form_decode(rt_arena *a, const char *s, size_t n)
{
	char *out = rt_arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			*o++ = ' ';
		} else if (s[i] == '%' && i + 2 < n && rt_http_hexval(s[i + 1]) >= 0 &&
		           rt_http_hexval(s[i + 2]) >= 0) {
			*o++ = (char)(rt_http_hexval(s[i + 1]) * 16 + rt_http_hexval(s[i + 2]));
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

void rt_http_form_parse(rt_arena *a, const char *body, size_t len, struct rt_http_kv **items,
                        size_t *n)
{
	size_t cap = 0;
	*items = NULL;
	*n = 0;
	if (!body || !len)
		return;
	const char *p = body, *end = body + len;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *e = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(e - p));
		if (e > p) {
			struct rt_http_kv *kv = RT_ARENA_PUSH(a, *items, *n, cap);
			const char *ne = eq ? eq : e;
			kv->name = form_decode(a, p, (size_t)(ne - p));
			kv->value = eq ? form_decode(a, eq + 1, (size_t)(e - eq - 1)) : "";
		}
		p = e + 1;
	}
}
