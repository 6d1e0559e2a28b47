/* Schema migrations and opening databases: from empty to the latest version,
 * idempotent re-runs, a newer schema refused, a failing migration rolled
 * back, and the files rt_store_open must refuse and leave untouched. */
#include "test_util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/migrations.h"
#include "store/sqlite_int.h"
#include "store/store.h"
#include "util/buf.h"

static const char *const all_tables[] = {
	"schema_version", "org_unit", "plan", "plan_change", "goal", "indicator", "target",
	"baseline", "activity", "budget_line", "period", "outcome", "assessment", "audit_log",
	"outcome_history", "activity_status",
};

static int latest(void)
{
	int v = 0;
	for (int i = 0; i < rt_migrations_count; i++)
		if (rt_migrations[i].version > v)
			v = rt_migrations[i].version;
	return v;
}

/* One integer from a query on a raw connection to `path`. */
static long long raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	rt_buf b = RT_BUF_INIT;
	char chunk[256];
	size_t r;
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rt_buf_add(&b, chunk, r);
	fclose(f);
	return rt_buf_detach(&b, NULL);
}

/* The whole file as bytes (it may contain NULs). */
static void slurp(const char *path, rt_buf *out)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char chunk[4096];
	size_t r;
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rt_buf_add(out, chunk, r);
	fclose(f);
}

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static long long table_count(rt_store *s)
{
	rt_db_stmt *st;
	assert_int_equal(rt_db_prepare(s->db,
		"SELECT count(*) FROM sqlite_master WHERE type = 'table'", &st), RT_DB_OK);
	assert_int_equal(rt_db_step(st), RT_DB_ROW);
	long long n = rt_db_col_int(st, 0);
	rt_db_finalize(st);
	return n;
}

static void test_migrate_from_empty(void **state)
{
	(void)state;
	assert_true(rt_migrations_count >= 1);
	assert_int_equal(rt_migrations[0].version, 1);
	assert_string_equal(rt_migrations[0].name, "0001_initial");

	char *path = rt_test_tmp_path("mig-empty.db");
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_CREATE, &err), 0);
	int version = -1;
	assert_int_equal(rt_store_schema_version(s, &version, &err), 0);
	assert_int_equal(version, latest());
	/* numbers may have gaps (a migration number reserved and dropped); only order matters */

	/* every table of the schema is there */
	for (size_t i = 0; i < sizeof(all_tables) / sizeof(all_tables[0]); i++) {
		rt_db_stmt *st;
		assert_int_equal(rt_db_prepare(s->db,
			"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
			&st), RT_DB_OK);
		rt_db_bind_text(st, 1, all_tables[i]);
		assert_int_equal(rt_db_step(st), RT_DB_ROW);
		if (rt_db_col_int(st, 0) != 1)
			fail_msg("table %s missing", all_tables[i]);
		rt_db_finalize(st);
	}

	/* re-running is a no-op */
	int applied = -1;
	assert_int_equal(rt_store_migrate(s, &applied, &err), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(rt_store_schema_version(s, &version, &err), 0);
	assert_int_equal(version, latest());
	rt_store_close(s);

	assert_int_equal(raw_int(path, "SELECT count(*) FROM schema_version"), rt_migrations_count);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM schema_version "
	                               "WHERE name = '0001_initial' AND applied_at LIKE '____-__-__T__:__:__Z'"), 1);

	/* opening again, in both modes, changes nothing, not even a byte
	 * (`rodtrad init` on an up-to-date database promises that) */
	rt_buf before = RT_BUF_INIT, after = RT_BUF_INIT;
	slurp(path, &before);
	assert_true(before.len > 0);
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_CREATE, &err), 0);
	rt_store_close(s);
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_EXISTING, &err), 0);
	int v2 = 0;
	assert_int_equal(rt_store_schema_version(s, &v2, &err), 0);
	assert_int_equal(v2, latest());
	rt_store_close(s);
	slurp(path, &after);
	assert_int_equal(before.len, after.len);
	assert_memory_equal(before.buf, after.buf, before.len);
	rt_buf_release(&before);
	rt_buf_release(&after);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM schema_version"), rt_migrations_count);
	free(path);
}

static void test_pragmas(void **state)
{
	(void)state;
	char *path = rt_test_tmp_path("mig-pragmas.db");
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_CREATE, &err), 0);
	struct { const char *sql; const char *want; } checks[] = {
		{ "PRAGMA foreign_keys", "1" },
		{ "PRAGMA journal_mode", "wal" },
		{ "PRAGMA synchronous", "1" },     /* NORMAL */
		{ "PRAGMA busy_timeout", "5000" },
	};
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		rt_db_stmt *st;
		assert_int_equal(rt_db_prepare(s->db, checks[i].sql, &st), RT_DB_OK);
		assert_int_equal(rt_db_step(st), RT_DB_ROW);
		assert_string_equal(rt_db_col_text(st, 0), checks[i].want);
		rt_db_finalize(st);
	}
	rt_store_close(s);
	free(path);
}

/* A later migration on top of the real ones; then the binary (which knows
 * only the real ones) refuses the newer database. */
static void test_newer_version_refused(void **state)
{
	(void)state;
	char *path = rt_test_tmp_path("mig-newer.db");
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_CREATE, &err), 0);

	int n = rt_migrations_count;
	struct rt_migration *list = calloc((size_t)n + 1, sizeof(*list));
	memcpy(list, rt_migrations, (size_t)n * sizeof(*list));
	list[n] = (struct rt_migration){ latest() + 1, "9999_next", "CREATE TABLE next_thing (x INTEGER);" };
	int applied = -1;
	assert_int_equal(rt_sql_migrate_list(s, list, n + 1, &applied, &err), 0);
	assert_int_equal(applied, 1);
	int version = 0;
	assert_int_equal(rt_store_schema_version(s, &version, &err), 0);
	assert_int_equal(version, latest() + 1);
	/* the known list is now older than the database */
	assert_int_equal(rt_store_migrate(s, &applied, &err), RT_ESTATE);
	assert_non_null(strstr(err.msg, "nyare rodtrad"));
	rt_store_close(s);
	free(list);

	char want[32];
	snprintf(want, sizeof(want), "schemaversion %d", latest() + 1);
	for (int mode = 0; mode < 2; mode++) {
		err = (rt_err)RT_ERR_INIT;
		s = NULL;
		assert_int_equal(rt_store_open(&s, path, mode ? RT_STORE_OPEN_CREATE
		                                              : RT_STORE_OPEN_EXISTING, &err), RT_ESTATE);
		assert_null(s);
		assert_int_equal(err.code, RT_ESTATE);
		assert_non_null(strstr(err.msg, want));
		assert_non_null(strstr(err.msg, path));
	}
	free(path);
}

/* A database made by an older rodtrad (schema version 1): normal opening
 * refuses it and names 'rodtrad init'; UPGRADE opens it unmigrated and
 * migrating brings it to the latest version with its rows intact. */
static void test_upgrade_older_version(void **state)
{
	(void)state;
	char *path = rt_test_tmp_path("mig-older.db");
	raw_exec(path, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
	               "name TEXT NOT NULL, applied_at TEXT NOT NULL);");
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_UPGRADE, &err), 0);
	int applied = -1, version = -1;
	assert_int_equal(rt_sql_migrate_list(s, rt_migrations, 1, &applied, &err), 0);
	assert_int_equal(applied, 1);
	rt_store_close(s);
	raw_exec(path, "INSERT INTO org_unit (id, kind, key, name) "
	               "VALUES (1, 'region', 'r', 'Region Äldre');");

	s = NULL;
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_EXISTING, &err), RT_ESTATE);
	assert_null(s);
	assert_non_null(strstr(err.msg, "schemaversion 1"));
	assert_non_null(strstr(err.msg, "rodtrad init"));

	err = (rt_err)RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_UPGRADE, &err), 0);
	assert_int_equal(rt_store_schema_version(s, &version, &err), 0);
	assert_int_equal(version, 1);
	assert_int_equal(rt_store_migrate(s, &applied, &err), 0);
	assert_int_equal(applied, rt_migrations_count - 1);
	assert_int_equal(rt_store_schema_version(s, &version, &err), 0);
	assert_int_equal(version, latest());
	rt_store_close(s);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM org_unit WHERE name = 'Region Äldre'"), 1);

	/* UPGRADE still leaves a file that is not ours alone */
	char *other = rt_test_tmp_path("mig-other.db");
	raw_exec(other, "CREATE TABLE t (x INTEGER);");
	err = (rt_err)RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, other, RT_STORE_OPEN_UPGRADE, &err), RT_EINVAL);
	assert_null(s);
	assert_int_equal(raw_int(other, "SELECT count(*) FROM sqlite_master"), 1);
	unlink(other);
	free(other);
	unlink(path);
	free(path);
}

static void test_failed_migration_rolls_back(void **state)
{
	(void)state;
	char *path = rt_test_tmp_path("mig-fail.db");
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_CREATE, &err), 0);
	long long tables = table_count(s);

	int n = rt_migrations_count;
	struct rt_migration *list = calloc((size_t)n + 2, sizeof(*list));
	memcpy(list, rt_migrations, (size_t)n * sizeof(*list));
	list[n] = (struct rt_migration){ latest() + 1, "0100_ok", "CREATE TABLE ok_one (x INTEGER);" };
	list[n + 1] = (struct rt_migration){ latest() + 2, "0101_broken",
		"CREATE TABLE half_done (x INTEGER); CREATE TABLE oops (;" };
	int applied = -1;
	assert_int_equal(rt_sql_migrate_list(s, list, n + 2, &applied, &err), RT_EIO);
	assert_int_equal(applied, 1);
	assert_non_null(strstr(err.msg, "0101_broken"));
	int version = 0;
	assert_int_equal(rt_store_schema_version(s, &version, &err), 0);
	assert_int_equal(version, latest() + 1);
	/* ok_one is there, nothing of the broken one */
	assert_int_equal(table_count(s), tables + 1);

	/* out of order lists are a bug, refused before anything runs */
	list[n + 1].version = latest();
	err = (rt_err)RT_ERR_INIT;
	assert_int_equal(rt_sql_migrate_list(s, list, n + 2, &applied, &err), RT_EINTERNAL);
	assert_int_equal(applied, 0);

	/* not inside a transaction */
	assert_int_equal(rt_store_begin(s, "test", &err), 0);
	assert_int_equal(rt_store_migrate(s, &applied, &err), RT_ESTATE);
	rt_store_rollback(s);
	rt_store_close(s);
	free(list);
	free(path);
}

static void test_open_missing(void **state)
{
	(void)state;
	char *path = rt_test_tmp_path("mig-missing.db");
	rt_store *s = (rt_store *)1;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_EXISTING, &err), RT_EIO);
	assert_null(s);
	assert_int_equal(err.code, RT_EIO);
	char want[600];
	snprintf(want, sizeof(want), "Databasen finns inte: %s (skapa den med 'rodtrad init %s')",
	         path, path);
	assert_string_equal(err.msg, want);
	assert_false(file_exists(path));
	free(path);
}

static void test_open_not_sqlite(void **state)
{
	(void)state;
	char *path = rt_test_tmp_path("mig-text.txt");
	write_file(path, "hej\nDetta är ingen databas, men en textfil som är lite längre än så.\n");
	char *before = read_file(path);
	for (int mode = 0; mode < 2; mode++) {
		rt_store *s = NULL;
		rt_err err = RT_ERR_INIT;
		assert_int_equal(rt_store_open(&s, path, mode ? RT_STORE_OPEN_CREATE
		                                              : RT_STORE_OPEN_EXISTING, &err), RT_EINVAL);
		assert_null(s);
		assert_non_null(strstr(err.msg, "inte en SQLite-databas"));
		assert_non_null(strstr(err.msg, path));
		char *after = read_file(path);
		assert_string_equal(before, after);
		free(after);
	}
	/* a short one too: SQLite's header check differs for tiny files */
	write_file(path, "hej\n");
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_EXISTING, &err), RT_EINVAL);
	char *after = read_file(path);
	assert_string_equal(after, "hej\n");
	free(after);
	free(before);
	unlink(path);
	free(path);
}

/* A SQLite file that belongs to something else is never migrated. */
static void test_open_foreign_sqlite(void **state)
{
	(void)state;
	char *path = rt_test_tmp_path("mig-foreign.db");
	raw_exec(path, "CREATE TABLE their_stuff (x INTEGER); INSERT INTO their_stuff VALUES (42);");
	for (int mode = 0; mode < 2; mode++) {
		rt_store *s = NULL;
		rt_err err = RT_ERR_INIT;
		assert_int_equal(rt_store_open(&s, path, mode ? RT_STORE_OPEN_CREATE
		                                              : RT_STORE_OPEN_EXISTING, &err), RT_EINVAL);
		assert_null(s);
		assert_non_null(strstr(err.msg, "inte en Rödtråd-databas"));
	}
	assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_master"), 1);
	assert_int_equal(raw_int(path, "SELECT x FROM their_stuff"), 42);
	free(path);
}

/* An empty file is an empty database: EXISTING says to run init, CREATE
 * (what init does) migrates it. */
static void test_open_empty_file(void **state)
{
	(void)state;
	char *path = rt_test_tmp_path("mig-zero.db");
	write_file(path, "");
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_EXISTING, &err), RT_EINVAL);
	assert_null(s);
	assert_non_null(strstr(err.msg, "rodtrad init"));
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 0);

	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_CREATE, &err), 0);
	int version = 0;
	assert_int_equal(rt_store_schema_version(s, &version, &err), 0);
	assert_int_equal(version, latest());
	rt_store_close(s);
	free(path);
}

/* schema_version present but behind: EXISTING asks for init, CREATE migrates. */
static void test_open_older_schema(void **state)
{
	(void)state;
	char *path = rt_test_tmp_path("mig-older.db");
	raw_exec(path, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
	               "applied_at TEXT NOT NULL);");
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_EXISTING, &err), RT_ESTATE);
	assert_null(s);
	assert_non_null(strstr(err.msg, "schemaversion 0"));
	assert_non_null(strstr(err.msg, "rodtrad init"));

	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_CREATE, &err), 0);
	int version = 0;
	assert_int_equal(rt_store_schema_version(s, &version, &err), 0);
	assert_int_equal(version, latest());
	rt_store_close(s);
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_EXISTING, &err), 0);
	rt_store_close(s);
	free(path);
}

/* A postgres:// URL goes to the PostgreSQL backend, never to a file of
 * that name; a server that is not there is a clear message. */
static void test_open_postgres_unreachable(void **state)
{
	(void)state;
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, "postgres://rodtrad@127.0.0.1:1/rodtrad?connect_timeout=2",
	                               RT_STORE_OPEN_CREATE, &err), RT_EIO);
	assert_null(s);
	assert_non_null(strstr(err.msg, "Kan inte ansluta till PostgreSQL-databasen"));
	assert_false(file_exists("postgres:"));
	/* a password in the URL is never shown */
	assert_int_equal(rt_store_open(&s, "postgresql://rodtrad:hemligt@127.0.0.1:1/rodtrad",
	                               RT_STORE_OPEN_EXISTING, &err), RT_EIO);
	assert_non_null(strstr(err.msg, "postgresql://rodtrad:***@127.0.0.1:1/rodtrad"));
	assert_null(strstr(err.msg, "hemligt"));
	assert_null(strchr(err.msg, '\n'));
}

static void test_open_directory(void **state)
{
	(void)state;
	const char *dir = getenv("RODTRAD_TMP");
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	int rc = rt_store_open(&s, dir && *dir ? dir : "/tmp", RT_STORE_OPEN_EXISTING, &err);
	assert_int_equal(rc, RT_EINVAL);
	assert_null(s);
	assert_non_null(strstr(err.msg, "katalog"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_from_empty),
		cmocka_unit_test(test_pragmas),
		cmocka_unit_test(test_newer_version_refused),
		cmocka_unit_test(test_upgrade_older_version),
		cmocka_unit_test(test_failed_migration_rolls_back),
		cmocka_unit_test(test_open_missing),
		cmocka_unit_test(test_open_not_sqlite),
		cmocka_unit_test(test_open_foreign_sqlite),
		cmocka_unit_test(test_open_empty_file),
		cmocka_unit_test(test_open_older_schema),
		cmocka_unit_test(test_open_postgres_unreachable),
		cmocka_unit_test(test_open_directory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
