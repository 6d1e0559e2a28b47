/* db.h on SQLite: a thin wrapper, since db.h's result codes are SQLite's
 * own numbers (checked below at compile time). The connection has
 * extended result codes on, so a constraint failure says which kind. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_int.h"
#include "util/alloc.h"

_Static_assert(RT_DB_BUSY == SQLITE_BUSY && RT_DB_LOCKED == SQLITE_LOCKED &&
	       RT_DB_READONLY == SQLITE_READONLY && RT_DB_FULL == SQLITE_FULL &&
	       RT_DB_NOTADB == SQLITE_NOTADB && RT_DB_ROW == SQLITE_ROW &&
	       RT_DB_DONE == SQLITE_DONE && RT_DB_CONSTRAINT == SQLITE_CONSTRAINT,
	       "db.h result codes are SQLite's");
_Static_assert(RT_DB_CONSTRAINT_CHECK == SQLITE_CONSTRAINT_CHECK &&
	       RT_DB_CONSTRAINT_FOREIGNKEY == SQLITE_CONSTRAINT_FOREIGNKEY &&
	       RT_DB_CONSTRAINT_NOTNULL == SQLITE_CONSTRAINT_NOTNULL &&
	       RT_DB_CONSTRAINT_PRIMARYKEY == SQLITE_CONSTRAINT_PRIMARYKEY &&
	       RT_DB_CONSTRAINT_UNIQUE == SQLITE_CONSTRAINT_UNIQUE,
	       "db.h constraint codes are SQLite's");

struct lite_db {
	struct rt_db base;
	sqlite3 *h;
};

struct lite_stmt {
	struct rt_db_stmt base;
	sqlite3_stmt *h;
};

#define H(db) (((struct lite_db *)(db))->h)
#define S(st) (((struct lite_stmt *)(st))->h)

static void lite_close(rt_db *db)
{
	sqlite3_close(H(db));
	free(db);
}

static int lite_errcode(rt_db *db) { return sqlite3_extended_errcode(H(db)); }
static const char *lite_errmsg(rt_db *db) { return sqlite3_errmsg(H(db)); }

static int lite_exec(rt_db *db, const char *sql, char **msg)
{
	char *m = NULL;
	int rc = sqlite3_exec(H(db), sql, NULL, NULL, &m);
	if (msg)
		*msg = rc != SQLITE_OK ? rt_xstrdup(m ? m : sqlite3_errstr(rc)) : NULL;
	sqlite3_free(m);
	return rc;
}

static bool lite_in_tx(rt_db *db) { return sqlite3_get_autocommit(H(db)) == 0; }
static int64_t lite_changes(rt_db *db) { return sqlite3_changes64(H(db)); }
static int64_t lite_total_changes(rt_db *db) { return sqlite3_total_changes64(H(db)); }
static int64_t lite_last_id(rt_db *db) { return sqlite3_last_insert_rowid(H(db)); }

static const struct rt_db_ops lite_ops;

static int lite_prepare(rt_db *db, const char *sql, rt_db_stmt **out)
{
	*out = NULL;
	sqlite3_stmt *h = NULL;
	int rc = sqlite3_prepare_v2(H(db), sql, -1, &h, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(h);
		return rc;
	}
	struct lite_stmt *st = rt_xcalloc(1, sizeof(*st));
	st->base.ops = &lite_ops;
	st->h = h;
	*out = &st->base;
	return SQLITE_OK;
}

static void lite_finalize(rt_db_stmt *st)
{
	sqlite3_finalize(S(st));
	free(st);
}

static bool lite_busy(rt_db_stmt *st) { return sqlite3_stmt_busy(S(st)) != 0; }

static void lite_reset(rt_db_stmt *st)
{
	sqlite3_reset(S(st));
	sqlite3_clear_bindings(S(st));
}

static int lite_step(rt_db_stmt *st) { return sqlite3_step(S(st)); }
static int lite_param_count(rt_db_stmt *st) { return sqlite3_bind_parameter_count(S(st)); }

static int lite_param_index(rt_db_stmt *st, const char *name)
{
	return sqlite3_bind_parameter_index(S(st), name);
}

static int lite_bind_null(rt_db_stmt *st, int i) { return sqlite3_bind_null(S(st), i); }

static int lite_bind_int(rt_db_stmt *st, int i, int64_t v)
{
	return sqlite3_bind_int64(S(st), i, v);
}

static int lite_bind_double(rt_db_stmt *st, int i, double v)
{
	return sqlite3_bind_double(S(st), i, v);
}

static int lite_bind_text(rt_db_stmt *st, int i, const char *s)
{
	return sqlite3_bind_text(S(st), i, s, -1, SQLITE_TRANSIENT);
}

static int lite_bind_text_static(rt_db_stmt *st, int i, const char *s)
{
	return sqlite3_bind_text(S(st), i, s, -1, SQLITE_STATIC);
}

static int lite_col_count(rt_db_stmt *st) { return sqlite3_column_count(S(st)); }

static bool lite_col_is_null(rt_db_stmt *st, int i)
{
	return sqlite3_column_type(S(st), i) == SQLITE_NULL;
}

static int64_t lite_col_int(rt_db_stmt *st, int i) { return sqlite3_column_int64(S(st), i); }
static double lite_col_double(rt_db_stmt *st, int i) { return sqlite3_column_double(S(st), i); }

static const char *lite_col_text(rt_db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(S(st), i);
}

static int lite_col_bytes(rt_db_stmt *st, int i) { return sqlite3_column_bytes(S(st), i); }

static const struct rt_db_ops lite_ops = {
	RT_DB_SQLITE,
	lite_close, lite_errcode, lite_errmsg, lite_exec, lite_in_tx, lite_changes,
	lite_total_changes, lite_last_id, lite_prepare, lite_finalize, lite_busy, lite_reset,
	lite_step, lite_param_count, lite_param_index, lite_bind_null, lite_bind_int,
	lite_bind_double, lite_bind_text, lite_col_count, lite_col_is_null, lite_col_int,
	lite_col_double, lite_col_text, lite_col_bytes, lite_bind_text_static,
};

int rt_db_open_sqlite(const char *path, bool create, rt_db **out)
{
	struct lite_db *db = rt_xcalloc(1, sizeof(*db));
	db->base.ops = &lite_ops;
	*out = &db->base;
	/* No per-connection mutex: every rt_store is used by one thread at a
	 * time (the server gives each worker thread its own, and hands the
	 * probe connection over under its lock), and in serialized mode SQLite
	 * took that mutex for every sqlite3_column_* call: a tenth of a
	 * region report's instructions. */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	int rc = sqlite3_open_v2(path, &db->h, flags, NULL);
	if (rc != SQLITE_OK) {
		if (!db->h) {
			free(db);
			*out = NULL;
		}
		return rc;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 5000);
	return SQLITE_OK;
}

const char *rt_db_errstr(int rc)
{
	return sqlite3_errstr(rc);
}
