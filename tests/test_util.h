/* Shared helpers for the cmocka tests: temporary paths and running the
 * rodtrad binary with captured output. */
#ifndef RT_TEST_UTIL_H
#define RT_TEST_UTIL_H
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "util/buf.h"

/* A fresh path under $RODTRAD_TMP (or /tmp) for `name`, removed if present.
 * Returned string is malloc'd. */
char *rt_test_tmp_path(const char *name);

/* Runs $RODTRAD_BIN with argv (NULL-terminated, without argv[0]), stdin from
 * /dev/null; captures stdout and stderr. Returns the exit code (or 128+signal). */
int rt_test_run(rt_buf *out, rt_buf *err, const char *const *argv);

/* The path of a file in the source tree: $RODTRAD_SRC/rel (malloc'd). */
char *rt_test_src_path(const char *rel);

#endif
