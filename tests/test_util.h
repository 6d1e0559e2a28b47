/* Shared helpers for the cmocka tests: temporary paths and running the
 * rodtrad binary with captured output. */
#ifndef RT_TEST_UTIL_H
#define RT_TEST_UTIL_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "util/buf.h"

/* A fresh path under $RODTRAD_TMP (or /tmp) for `name`, removed if present.
 * Returned string is malloc'd. */
char *rt_test_tmp_path(const char *name);

/* The database of a test: a fresh SQLite file under $RODTRAD_TMP as
 * rt_test_tmp_path gives, or, when the test runs against PostgreSQL (the
 * ctest variants labelled `postgres` set $RT_TEST_PG_URL_FILE to the file
 * with the cluster's URL, scripts/pg_cluster.sh), a fresh schema in that
 * cluster as a postgres:// URL whose search_path is the schema. Either can
 * go wherever a --db or rt_store_open takes a database. malloc'd. */
char *rt_test_db(const char *name);
/* Is this run against PostgreSQL? */
bool rt_test_pg(void);

/* SQL straight into a test database (a file or a postgres:// URL from
 * rt_test_db), past the store: to set up what the store would refuse or
 * to look at what it wrote. exec fails the test on an error; text gives
 * the first column of the first row (malloc'd, NULL for no row or NULL). */
void rt_test_sql_exec(const char *db, const char *sql);
char *rt_test_sql_text(const char *db, const char *sql);

/* Runs $RODTRAD_BIN with argv (NULL-terminated, without argv[0]), stdin from
 * /dev/null; captures stdout and stderr. Returns the exit code (or 128+signal). */
int rt_test_run(rt_buf *out, rt_buf *err, const char *const *argv);

/* The path of a file in the source tree: $RODTRAD_SRC/rel (malloc'd). */
char *rt_test_src_path(const char *rel);

#endif
