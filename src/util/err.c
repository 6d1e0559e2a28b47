/* rt_err helpers; see err.h for the convention. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int rt_err_set(rt_err *err, int code, const char *field, const char *fmt, ...)
{
	if (!err) return code;
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void rt_err_clear(rt_err *err)
{
	if (!err) return;
	err->code = 0;
	err->field[0] = '\0';
	err->msg[0] = '\0';
}

const char *rt_code_name(int code)
{
	switch (code) {
	case RT_OK: return "ok";
	case RT_EINVAL: return "invalid";
	case RT_ENOTFOUND: return "not_found";
	case RT_ECONFLICT: return "conflict";
	case RT_EIO: return "io";
	case RT_ESTATE: return "state";
	case RT_EFORBIDDEN: return "forbidden";
	default: return "internal";
	}
}
