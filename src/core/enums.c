/* Enum token tables: parsing with a helpful Swedish error; see enums.h. */
#include "core/enums.h"
#include "util/buf.h"

#include <string.h>
#include <strings.h>

const char *rt_enum_name(const char *const *names, size_t n, int v)
{
	if (v < 0 || (size_t)v >= n || !names[v]) return "";
	return names[v];
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

int rt_enum_parse(const char *const *names, size_t n, const char *s, int *out,
                  const char *field, const char *what, rt_err *err)
{
	if (s) {
		while (is_space(*s)) s++;
		size_t len = strlen(s);
		while (len && is_space(s[len - 1])) len--;
		for (size_t i = 0; i < n; i++) {
			if (names[i] && strlen(names[i]) == len && !strncasecmp(names[i], s, len)) {
				if (out) *out = (int)i;
				return 0;
			}
		}
	}
	rt_buf valid = RT_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (!names[i]) continue;
		if (valid.len) rt_buf_addstr(&valid, ", ");
		rt_buf_addstr(&valid, names[i]);
	}
	int rc = rt_err_set(err, RT_EINVAL, field, "Okänd %s '%.100s'. Giltiga värden: %s",
	                    what, s ? s : "", valid.buf);
	rt_buf_release(&valid);
	return rc;
}
