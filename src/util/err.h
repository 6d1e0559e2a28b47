/* The one error convention (STYLE.md §2): functions that can fail return an
 * int (0 ok, negative RT_E* code) and fill an optional rt_err with the field
 * and a human message in Swedish. Libraries never print; only src/cli and
 * src/http turn an rt_err into output. */
#ifndef RT_UTIL_ERR_H
#define RT_UTIL_ERR_H

enum rt_code {
	RT_OK = 0,
	RT_EINVAL = -1,     /* bad input from a person or a file */
	RT_ENOTFOUND = -2,  /* unknown id or key */
	RT_ECONFLICT = -3,  /* duplicate key, stale version, constraint */
	RT_EIO = -4,        /* database or file system failed */
	RT_ESTATE = -5,     /* not allowed in the object's current state */
	RT_EINTERNAL = -6,  /* a bug: invariant broken */
	RT_EFORBIDDEN = -7, /* the principal may not do this (core/authz.h) */
};

typedef struct rt_err {
	int code;
	char field[64];     /* the input field at fault, "" when none */
	char msg[512];      /* Swedish, for a person */
} rt_err;

#define RT_ERR_INIT { 0, "", "" }

/* Fills err (if not NULL) and returns code, so callers can write
 * `return rt_err_set(err, RT_EINVAL, "year", "Ogiltigt år: %s", s);` */
int rt_err_set(rt_err *err, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void rt_err_clear(rt_err *err);
/* A short English name of the code, for logs and JSON error bodies. */
const char *rt_code_name(int code);

#endif
