/* Schema migrations on PostgreSQL (src/store/migrations/pg/): every one
 * applies to an empty schema, re-running is a no-op, the schema mirrors the
 * SQLite one (tables, columns, named indexes), a newer schema is refused and
 * a failing migration leaves nothing behind (DDL is transactional there).
 * Run by ctest as test_migrations_pg (label postgres) against the throwaway
 * cluster; without one (RT_TEST_PG_URL_FILE) every test is skipped. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/migrations.h"
#include "store/sqlite_int.h"
#include "store/store.h"
#include "util/buf.h"

static int latest(const struct rt_migration *list, int count)
{
	int v = 0;
	for (int i = 0; i < count; i++)
		if (list[i].version > v)
			v = list[i].version;
	return v;
}

static long long sql_int(const char *db, const char *sql)
{
	char *t = rt_test_sql_text(db, sql);
	assert_non_null(t);
	long long v = atoll(t);
	free(t);
	return v;
}

/* A fresh schema in the cluster, or skip. */
static char *fresh(const char *name)
{
	if (!rt_test_pg())
		skip();
	return rt_test_db(name);
}

/* Every table, column and named index of the PostgreSQL schema, as sorted
 * "table.column" / "index:name" words. */
static const char pg_columns[] =
	"SELECT string_agg(table_name || '.' || column_name, ' ' ORDER BY table_name || '.' || "
	"column_name COLLATE \"C\") FROM information_schema.columns "
	"WHERE table_schema = current_schema()";
/* Indexes created by CREATE INDEX (not those behind a primary key or a
 * UNIQUE constraint: SQLite has no name for those either). */
static const char pg_indexes[] =
	"SELECT string_agg(i.relname, ' ' ORDER BY i.relname COLLATE \"C\") "
	"FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
	"JOIN pg_class t ON t.oid = x.indrelid "
	"WHERE t.relnamespace = current_schema()::regnamespace "
	"AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)";
static const char sqlite_columns[] =
	"SELECT group_concat(x, ' ') FROM (SELECT m.name || '.' || c.name AS x "
	"FROM sqlite_master m, pragma_table_info(m.name) c "
	"WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY x)";
static const char sqlite_indexes[] =
	"SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master "
	"WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)";

static void test_migrate_empty_schema(void **state)
{
	(void)state;
	char *url = fresh("mig_empty");
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, url, RT_STORE_OPEN_CREATE, &err), 0);
	assert_true(rt_store_created(s));
	int version = -1;
	assert_int_equal(rt_store_schema_version(s, &version, &err), 0);
	assert_int_equal(version, latest(rt_pg_migrations, rt_pg_migrations_count));
	/* re-running is a no-op */
	int applied = -1;
	assert_int_equal(rt_store_migrate(s, &applied, &err), 0);
	assert_int_equal(applied, 0);
	rt_store_close(s);

	assert_int_equal(sql_int(url, "SELECT count(*) FROM schema_version"), rt_pg_migrations_count);
	assert_int_equal(sql_int(url, "SELECT count(*) FROM schema_version WHERE name = '0001_initial' "
	                              "AND applied_at LIKE '____-__-__T__:__:__Z'"), 1);
	char *before = rt_test_sql_text(url, pg_columns);
	/* opening again in every mode changes nothing */
	assert_int_equal(rt_store_open(&s, url, RT_STORE_OPEN_CREATE, &err), 0);
	assert_false(rt_store_created(s));
	rt_store_close(s);
	assert_int_equal(rt_store_open(&s, url, RT_STORE_OPEN_EXISTING, &err), 0);
	rt_store_close(s);
	char *after = rt_test_sql_text(url, pg_columns);
	assert_string_equal(before, after);
	assert_int_equal(sql_int(url, "SELECT count(*) FROM schema_version"), rt_pg_migrations_count);
	/* the chain's columns are there, and the audit seal of the migration found nothing to seal */
	assert_non_null(strstr(after, "audit_log.hash"));
	assert_int_equal(sql_int(url, "SELECT count(*) FROM audit_log WHERE hash IS NULL"), 0);
	free(before);
	free(after);
	free(url);
}

/* docs/postgresql.md: a new migration needs both files. */
static void test_same_versions_as_sqlite(void **state)
{
	(void)state;
	if (!rt_test_pg())
		skip();
	assert_int_equal(rt_pg_migrations_count, rt_migrations_count);
	for (int i = 0; i < rt_migrations_count; i++) {
		assert_int_equal(rt_pg_migrations[i].version, rt_migrations[i].version);
		assert_string_equal(rt_pg_migrations[i].name, rt_migrations[i].name);
		/* each is a real script, not an empty placeholder */
		assert_non_null(strstr(rt_pg_migrations[i].sql, ";"));
	}
}

/* The same tables, columns and indexes as a SQLite database made by the
 * same binary: the store's SQL runs on both. */
static void test_schema_mirrors_sqlite(void **state)
{
	(void)state;
	char *url = fresh("mig_mirror");
	char *path = rt_test_tmp_path("mig-mirror.db");
	remove(path);
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, url, RT_STORE_OPEN_CREATE, &err), 0);
	rt_store_close(s);
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_CREATE, &err), 0);
	rt_store_close(s);

	char *pc = rt_test_sql_text(url, pg_columns), *sc = rt_test_sql_text(path, sqlite_columns);
	assert_non_null(pc);
	assert_non_null(sc);
	assert_string_equal(pc, sc);
	assert_non_null(strstr(pc, "outcome.indicator_id"));
	char *pi = rt_test_sql_text(url, pg_indexes), *si = rt_test_sql_text(path, sqlite_indexes);
	assert_non_null(pi);
	assert_non_null(si);
	assert_string_equal(pi, si);
	free(pc);
	free(sc);
	free(pi);
	free(si);
	free(path);
	free(url);
}

/* A schema from a newer rodtrad is refused and left as it is. */
static void test_newer_version_refused(void **state)
{
	(void)state;
	char *url = fresh("mig_newer");
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, url, RT_STORE_OPEN_CREATE, &err), 0);
	rt_store_close(s);
	int next = latest(rt_pg_migrations, rt_pg_migrations_count) + 1;
	char sql[160];
	snprintf(sql, sizeof sql, "INSERT INTO schema_version (version, name, applied_at) "
	         "VALUES (%d, 'framtida', '2030-01-01T00:00:00Z')", next);
	rt_test_sql_exec(url, sql);
	assert_int_equal(rt_store_open(&s, url, RT_STORE_OPEN_EXISTING, &err), RT_ESTATE);
	assert_null(s);
	char want[64];
	snprintf(want, sizeof want, "schemaversion %d", next);
	assert_non_null(strstr(err.msg, want));
	assert_non_null(strstr(err.msg, "nyare rodtrad"));
	assert_int_equal(rt_store_open(&s, url, RT_STORE_OPEN_CREATE, &err), RT_ESTATE);
	assert_int_equal(sql_int(url, "SELECT max(version) FROM schema_version"), next);
	free(url);
}

/* A migration that fails half-way leaves neither its tables nor its
 * schema_version row; the ones before it stay. */
static void test_failed_migration_rolls_back(void **state)
{
	(void)state;
	char *url = fresh("mig_broken");
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, url, RT_STORE_OPEN_CREATE, &err), 0);
	int n = rt_pg_migrations_count, top = latest(rt_pg_migrations, n);
	struct rt_migration *list = calloc((size_t)n + 2, sizeof(*list));
	assert_non_null(list);
	memcpy(list, rt_pg_migrations, (size_t)n * sizeof(*list));
	list[n] = (struct rt_migration){ top + 1, "0100_ok_one",
		"CREATE TABLE ok_one (id BIGINT PRIMARY KEY);" };
	list[n + 1] = (struct rt_migration){ top + 2, "0101_broken",
		"CREATE TABLE half (id BIGINT PRIMARY KEY); INSERT INTO no_such_table VALUES (1);" };
	int applied = -1;
	assert_int_equal(rt_sql_migrate_list(s, list, n + 2, &applied, &err), RT_EIO);
	assert_int_equal(applied, 1);
	assert_non_null(strstr(err.msg, "0101_broken"));
	assert_non_null(strstr(err.msg, "no_such_table"));
	int version = 0;
	assert_int_equal(rt_store_schema_version(s, &version, &err), 0);
	assert_int_equal(version, top + 1);
	rt_store_close(s);
	assert_int_equal(sql_int(url, "SELECT count(*) FROM information_schema.tables "
	                              "WHERE table_schema = current_schema() AND table_name = 'ok_one'"), 1);
	assert_int_equal(sql_int(url, "SELECT count(*) FROM information_schema.tables "
	                              "WHERE table_schema = current_schema() AND table_name = 'half'"), 0);
	free(list);
	free(url);
}

/* What scripts/pg_schema.sh does for crash.sh and test-scaleout.sh:
 * `rodtrad demo URL` into an empty schema, then `rodtrad init` applies
 * nothing more and the audit chain verifies. */
static void test_cli_demo_then_init(void **state)
{
	(void)state;
	char *url = fresh("mig_cli");
	rt_buf out = RT_BUF_INIT, err = RT_BUF_INIT;
	const char *demo[] = { "demo", url, NULL };
	if (rt_test_run(&out, &err, demo) != 0)
		fail_msg("rodtrad demo: %s", err.buf ? err.buf : "");
	long long v1 = sql_int(url, "SELECT max(version) FROM schema_version");
	long long rows = sql_int(url, "SELECT count(*) FROM schema_version");
	assert_int_equal(v1, latest(rt_pg_migrations, rt_pg_migrations_count));
	assert_true(sql_int(url, "SELECT count(*) FROM plan") > 0);
	const char *init[] = { "init", "--db", url, NULL };
	rt_buf_reset(&err);
	if (rt_test_run(&out, &err, init) != 0)
		fail_msg("rodtrad init: %s", err.buf ? err.buf : "");
	assert_int_equal(sql_int(url, "SELECT max(version) FROM schema_version"), v1);
	assert_int_equal(sql_int(url, "SELECT count(*) FROM schema_version"), rows);
	const char *verify[] = { "audit", "verify", "--db", url, NULL };
	rt_buf_reset(&err);
	if (rt_test_run(&out, &err, verify) != 0)
		fail_msg("rodtrad audit verify: %s", err.buf ? err.buf : "");
	rt_buf_release(&out);
	rt_buf_release(&err);
	free(url);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_empty_schema),
		cmocka_unit_test(test_same_versions_as_sqlite),
		cmocka_unit_test(test_schema_mirrors_sqlite),
		cmocka_unit_test(test_newer_version_refused),
		cmocka_unit_test(test_failed_migration_rolls_back),
		cmocka_unit_test(test_cli_demo_then_init),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
