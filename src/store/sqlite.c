/* The SQLite backend's life cycle: opening (with the checks that keep
 * `rodtrad` from touching files that are not its databases), pragmas,
 * migrations, transactions and the prepared-statement cache. Puts live in
 * sqlite_put.c, reads in sqlite_read.c. Never prints; errors go to rt_err. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "store/sqlite_int.h"
#include "store/store_auth.h"
#include "util/alloc.h"

/* ---- statement cache ------------------------------------------------- */

rt_db_stmt *rt_sql_stmt(rt_store *s, const char *sql, rt_err *err)
{
	for (size_t i = 0; i < s->n_stmts; i++) {
		if (strcmp(s->stmts[i].sql, sql) != 0)
			continue;
		rt_db_stmt *st = s->stmts[i].st;
		if (rt_db_busy(st)) {
			rt_err_set(err, RT_EINTERNAL, "", "Internt fel: SQL-satsen används redan: %s", sql);
			return NULL;
		}
		rt_db_reset(st);
		return st;
	}
	rt_db_stmt *st = NULL;
	int rc = rt_db_prepare(s->db, sql, &st);
	if (rc != RT_DB_OK) {
		rt_sql_fail(s, rc, "förbereda SQL", err);
		rt_db_finalize(st);
		return NULL;
	}
	RT_ALLOC_GROW(s->stmts, s->n_stmts + 1, s->cap_stmts);
	s->stmts[s->n_stmts].sql = rt_xstrdup(sql);
	s->stmts[s->n_stmts].st = st;
	s->n_stmts++;
	return st;
}

void rt_sql_done(rt_db_stmt *st)
{
	if (!st)
		return;
	rt_db_reset(st);
}

int rt_sql_exec(rt_store *s, const char *sql, rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s, sql, err);
	if (!st)
		return err ? err->code : RT_EIO;
	int rc = rt_db_step(st);
	rt_sql_done(st);
	if (rc != RT_DB_DONE && rc != RT_DB_ROW)
		return rt_sql_fail(s, rc, sql, err);
	return 0;
}

int rt_sql_fail(rt_store *s, int rc, const char *what, rt_err *err)
{
	const char *msg = s && s->db ? rt_db_errmsg(s->db) : rt_db_errstr(rc);
	switch (rc & 0xff) {
	case RT_DB_BUSY:
	case RT_DB_LOCKED:
		return rt_err_set(err, RT_ECONFLICT, "",
		                  "Databasen är upptagen av en annan användare; försök igen (%s)", msg);
	case RT_DB_NOTADB:
		return rt_err_set(err, RT_EINVAL, "", "Filen är inte en SQLite-databas (%s)",
		                  s && s->path ? s->path : "");
	case RT_DB_READONLY:
		return rt_err_set(err, RT_EIO, "", "Databasen är skrivskyddad: %s", msg);
	case RT_DB_FULL:
		return rt_err_set(err, RT_EIO, "", "Disken är full: %s", msg);
	default:
		return rt_err_set(err, RT_EIO, "", "Databasfel vid %s: %s", what, msg);
	}
}

void rt_sql_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- schema version and migrations ----------------------------------- */

static int latest_known(const struct rt_migration *list, int count)
{
	int v = 0;
	for (int i = 0; i < count; i++)
		if (list[i].version > v)
			v = list[i].version;
	return v;
}

/* The migrations of this store's backend. */
static void migration_list(const rt_store *s, const struct rt_migration **list, int *count)
{
	bool pg = rt_db_kind(s->db) == RT_DB_POSTGRES;
	*list = pg ? rt_pg_migrations : rt_migrations;
	*count = pg ? rt_pg_migrations_count : rt_migrations_count;
}

/* Does the database have any table, and a schema_version table? */
static int probe(rt_store *s, bool *has_tables, bool *has_version, rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s, rt_db_kind(s->db) == RT_DB_POSTGRES
		? "SELECT count(*), count(*) FILTER (WHERE table_name = 'schema_version') "
		  "FROM information_schema.tables WHERE table_schema = current_schema() "
		  "AND table_type = 'BASE TABLE'"
		: "SELECT count(*), coalesce(sum(name = 'schema_version'), 0) "
		  "FROM sqlite_master WHERE type = 'table'", err);
	if (!st)
		return err ? err->code : RT_EIO;
	int rc = rt_db_step(st);
	if (rc != RT_DB_ROW) {
		rt_sql_done(st);
		return rt_sql_fail(s, rc, "läsa schemat", err);
	}
	*has_tables = rt_db_col_int(st, 0) > 0;
	*has_version = rt_db_col_int(st, 1) > 0;
	rt_sql_done(st);
	return 0;
}

int rt_store_schema_version(rt_store *s, int *version, rt_err *err)
{
	bool tables, has_version;
	int rc = probe(s, &tables, &has_version, err);
	if (rc)
		return rc;
	*version = 0;
	if (!has_version)
		return 0;
	rt_db_stmt *st = rt_sql_stmt(s, "SELECT coalesce(max(version), 0) FROM schema_version", err);
	if (!st)
		return err ? err->code : RT_EIO;
	rc = rt_db_step(st);
	if (rc == RT_DB_ROW)
		*version = rt_db_col_int(st, 0);
	rt_sql_done(st);
	return rc == RT_DB_ROW ? 0 : rt_sql_fail(s, rc, "läsa schemaversionen", err);
}

static int newer_than_known(const rt_store *s, int version, int known, rt_err *err)
{
	return rt_err_set(err, RT_ESTATE, "",
	                  "Databasen %s har schemaversion %d men den här versionen av rodtrad "
	                  "känner bara till version %d; använd en nyare rodtrad",
	                  s->path, version, known);
}

/* One migration: its SQL and its schema_version row, in one transaction. */
static int apply_one(rt_store *s, const struct rt_migration *m, rt_err *err)
{
	int rc = rt_sql_exec(s, "BEGIN IMMEDIATE", err);
	if (rc)
		return rc;
	char *msg = NULL;
	/* Migration scripts are fixed text from the binary, several statements
	 * each: rt_db_exec prepares them one by one. */
	int src = rt_db_exec(s->db, m->sql, &msg);
	if (src != RT_DB_OK) {
		rc = rt_err_set(err, RT_EIO, "", "Migrering %04d_%s misslyckades: %s", m->version,
		                m->name, msg ? msg : rt_db_errstr(src));
		free(msg);
		rt_sql_exec(s, "ROLLBACK", NULL);
		return rc;
	}
	char now[32];
	rt_sql_now(now);
	rt_db_stmt *st = rt_sql_stmt(s,
		"INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)", err);
	if (!st) {
		rt_sql_exec(s, "ROLLBACK", NULL);
		return err ? err->code : RT_EIO;
	}
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_int(&b, m->version);
	rt_bind_text(&b, m->name);
	rt_bind_text(&b, now);
	src = b.rc == RT_DB_OK ? rt_db_step(st) : b.rc;
	rt_sql_done(st);
	if (src != RT_DB_DONE) {
		rc = rt_err_set(err, RT_EIO, "", "Migrering %04d_%s kunde inte registreras: %s",
		                m->version, m->name, rt_db_errmsg(s->db));
		rt_sql_exec(s, "ROLLBACK", NULL);
		return rc;
	}
	return rt_sql_exec(s, "COMMIT", err);
}

int rt_sql_migrate_list(rt_store *s, const struct rt_migration *list, int count,
                        int *applied, rt_err *err)
{
	if (applied)
		*applied = 0;
	if (s->in_tx)
		return rt_err_set(err, RT_ESTATE, "",
		                  "Schemat kan inte uppdateras mitt i en transaktion");
	int version, rc = rt_store_schema_version(s, &version, err);
	if (rc)
		return rc;
	int known = latest_known(list, count);
	if (version > known)
		return newer_than_known(s, version, known, err);
	for (int i = 1; i < count; i++)
		if (list[i].version <= list[i - 1].version)
			return rt_err_set(err, RT_EINTERNAL, "",
			                  "Migreringarna är inte i stigande ordning (%04d efter %04d)",
			                  list[i].version, list[i - 1].version);
	for (int i = 0; i < count; i++) {
		if (list[i].version <= version)
			continue;
		if ((rc = apply_one(s, &list[i], err)) != 0)
			return rc;
		if (applied)
			(*applied)++;
	}
	return 0;
}

int rt_store_migrate(rt_store *s, int *applied, rt_err *err)
{
	const struct rt_migration *list;
	int count;
	migration_list(s, &list, &count);
	int rc = rt_sql_migrate_list(s, list, count, applied, err);
	/* Rows written before the chain existed (0007) are sealed once. */
	if (!rc && (rc = rt_sql_exec(s, "BEGIN IMMEDIATE", err)) == 0) {
		rc = rt_store_audit_seal(s, err);
		if (!rc)
			rc = rt_sql_exec(s, "COMMIT", err);
		else
			rt_sql_exec(s, "ROLLBACK", NULL);
	}
	return rc;
}

/* ---- open and close -------------------------------------------------- */

static int pragmas(rt_store *s, rt_err *err)
{
	/* foreign_keys is per connection and off by default; WAL lets readers
	 * (the web server) go on while one writer commits; NORMAL is safe in WAL. */
	static const char *const list[] = {
		"PRAGMA foreign_keys = ON",
		"PRAGMA journal_mode = WAL",
		"PRAGMA synchronous = NORMAL",
	};
	for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++) {
		char *msg = NULL;
		int rc = rt_db_exec(s->db, list[i], &msg);
		if (rc != RT_DB_OK) {
			free(msg);
			return rt_sql_fail(s, rc, list[i], err);
		}
	}
	return 0;
}

/* Decides whether the opened file is ours and usable in `mode`. */
static int check_schema(rt_store *s, enum rt_store_open_mode mode, rt_err *err)
{
	bool tables, has_version;
	int rc = probe(s, &tables, &has_version, err);
	if (rc == RT_EINVAL || (rc && (rt_db_errcode(s->db) & 0xff) == RT_DB_NOTADB))
		return rt_err_set(err, RT_EINVAL, "",
		                  "Filen %s är inte en SQLite-databas; välj en annan fil eller skapa "
		                  "en ny med 'rodtrad init'", s->path);
	if (rc)
		return rc;
	const struct rt_migration *list;
	int count;
	migration_list(s, &list, &count);
	int known = latest_known(list, count);
	if (tables && !has_version)
		return rt_err_set(err, RT_EINVAL, "",
		                  "Filen %s är en SQLite-databas men inte en Rödtråd-databas "
		                  "(tabellen schema_version saknas); den lämnas orörd", s->path);
	int version = 0;
	if (has_version && (rc = rt_store_schema_version(s, &version, err)) != 0)
		return rc;
	if (version > known)
		return newer_than_known(s, version, known, err);
	s->created = mode == RT_STORE_OPEN_CREATE && !has_version;
	if (mode == RT_STORE_OPEN_UPGRADE && !has_version)
		return rt_err_set(err, RT_EINVAL, "",
		                  "Filen %s har inget Rödtråd-schema; den lämnas orörd", s->path);
	if (mode == RT_STORE_OPEN_EXISTING) {
		if (!has_version)
			return rt_err_set(err, RT_EINVAL, "",
			                  "Databasen %s har inget Rödtråd-schema (skapa det med "
			                  "'rodtrad init %s')", s->path, s->path);
		if (version < known)
			return rt_err_set(err, RT_ESTATE, "",
			                  "Databasen %s har schemaversion %d men rodtrad behöver "
			                  "version %d (uppdatera den med 'rodtrad init %s')",
			                  s->path, version, known, s->path);
	}
	return 0;
}

/* The URL as messages show it: postgres://user:***@host/… */
static char *url_without_password(const char *url)
{
	const char *auth = strstr(url, "://") + 3;
	const char *at = strchr(auth, '@');
	const char *colon = strchr(auth, ':');
	const char *slash = strchr(auth, '/');
	if (!at || !colon || colon > at || (slash && slash < at))
		return rt_xstrdup(url);
	rt_buf b = RT_BUF_INIT;
	rt_buf_add(&b, url, (size_t)(colon + 1 - url));
	rt_buf_addstr(&b, "***");
	rt_buf_addstr(&b, at);
	return rt_buf_detach(&b, NULL);
}

/* A postgres:// URL: the same checks and migrations as a file, without
 * the pragmas (the server's own settings apply). */
static int open_pg(rt_store **out, const char *url, enum rt_store_open_mode mode, rt_err *err)
{
	rt_store *s = rt_xcalloc(1, sizeof(*s));
	s->path = url_without_password(url);
	int rc = rt_db_open_pg(url, &s->db);
	if (rc != RT_DB_OK) {
		rc = rt_err_set(err, RT_EIO, "db", "Kan inte ansluta till PostgreSQL-databasen %s: %s",
		                s->path, s->db ? rt_db_errmsg(s->db) : rt_db_errstr(rc));
		rt_store_close(s);
		return rc;
	}
	if ((rc = check_schema(s, mode, err)) != 0 ||
	    (mode == RT_STORE_OPEN_CREATE && (rc = rt_store_migrate(s, NULL, err)) != 0)) {
		rt_store_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

int rt_store_open(rt_store **out, const char *url, enum rt_store_open_mode mode, rt_err *err)
{
	*out = NULL;
	if (!url || !*url)
		return rt_err_set(err, RT_EINVAL, "db", "Ingen databas angiven");
	if (rt_store_is_url(url))
		return open_pg(out, url, mode, err);

	if (mode != RT_STORE_OPEN_CREATE) {
		struct stat st;
		if (stat(url, &st) != 0)
			return rt_err_set(err, RT_EIO, "db",
			                  "Databasen finns inte: %s (skapa den med 'rodtrad init %s')",
			                  url, url);
		if (S_ISDIR(st.st_mode))
			return rt_err_set(err, RT_EINVAL, "db", "%s är en katalog, inte en databasfil", url);
	}

	rt_store *s = rt_xcalloc(1, sizeof(*s));
	s->path = rt_xstrdup(url);
	int rc = rt_db_open_sqlite(url, mode == RT_STORE_OPEN_CREATE, &s->db);
	if (rc != RT_DB_OK) {
		rc = rt_err_set(err, RT_EIO, "db", "Kan inte öppna databasen %s: %s", url,
		                s->db ? rt_db_errmsg(s->db) : rt_db_errstr(rc));
		rt_store_close(s);
		return rc;
	}

	/* Check before any pragma: journal_mode = WAL writes to the file, and a
	 * file that is not ours must be left exactly as it was. */
	if ((rc = check_schema(s, mode, err)) != 0 || (rc = pragmas(s, err)) != 0 ||
	    (mode == RT_STORE_OPEN_CREATE && (rc = rt_store_migrate(s, NULL, err)) != 0)) {
		rt_store_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

bool rt_store_is_url(const char *db)
{
	return db && (!strncmp(db, "postgres://", 11) || !strncmp(db, "postgresql://", 13));
}

bool rt_store_created(const rt_store *s)
{
	return s->created;
}

void rt_store_close(rt_store *s)
{
	if (!s)
		return;
	if (s->in_tx)
		rt_store_rollback(s);
	rt_store_read_end(s);
	for (size_t i = 0; i < s->n_stmts; i++) {
		rt_db_finalize(s->stmts[i].st);
		free(s->stmts[i].sql);
	}
	free(s->stmts);
	rt_sql_expect_free(s);
	rt_db_close(s->db);
	free(s->actor);
	free(s->path);
	free(s);
}

/* ---- transactions ---------------------------------------------------- */

int rt_store_read_begin(rt_store *s, rt_err *err)
{
	if (s->in_tx)
		return rt_err_set(err, RT_ESTATE, "", "En transaktion pågår redan");
	if (s->in_read || rt_db_kind(s->db) != RT_DB_SQLITE)
		return 0;
	/* DEFERRED: the shared lock comes with the first read. */
	int rc = rt_sql_exec(s, "BEGIN DEFERRED", err);
	if (!rc)
		s->in_read = true;
	return rc;
}

void rt_store_read_end(rt_store *s)
{
	if (!s || !s->in_read)
		return;
	s->in_read = false;
	if (rt_db_in_tx(s->db) && rt_sql_exec(s, "COMMIT", NULL) != 0)
		rt_sql_exec(s, "ROLLBACK", NULL);
	rt_sql_session_touch_due(s);
}

int rt_store_begin(rt_store *s, const char *actor, rt_err *err)
{
	if (s->in_tx)
		return rt_err_set(err, RT_ESTATE, "", "En transaktion pågår redan");
	/* A write inside a read transaction would have to upgrade its lock
	 * (SQLITE_BUSY on a stale snapshot): the write starts afresh. */
	rt_store_read_end(s);
	if (!actor || !*actor)
		return rt_err_set(err, RT_EINVAL, "actor",
		                  "Ange vem som gör ändringen (den skrivs i ändringsloggen)");
	/* IMMEDIATE takes the write lock now, so two writers wait for each
	 * other (busy_timeout) instead of failing halfway through. */
	int rc = rt_sql_exec(s, "BEGIN IMMEDIATE", err);
	if (rc)
		return rc;
	s->actor = rt_xstrdup(actor);
	s->in_tx = true;
	return 0;
}

int rt_store_commit(rt_store *s, rt_err *err)
{
	if (!s->in_tx)
		return rt_err_set(err, RT_ESTATE, "", "Ingen transaktion pågår");
	/* Seal the audit rows of this transaction into the hash chain, from
	 * whichever store file wrote them (sqlite_audit.c). */
	int rc = rt_store_audit_seal(s, err);
	if (!rc)
		rc = rt_sql_exec(s, "COMMIT", err);
	if (rc) {
		rt_store_rollback(s);
		return rc;
	}
	s->in_tx = false;
	free(s->actor);
	s->actor = NULL;
	rt_sql_expect_clear(s);
	return 0;
}

void rt_store_rollback(rt_store *s)
{
	if (!s || !s->in_tx)
		return;
	if (rt_db_in_tx(s->db))
		rt_sql_exec(s, "ROLLBACK", NULL);
	s->in_tx = false;
	free(s->actor);
	s->actor = NULL;
	rt_sql_expect_clear(s);
}
