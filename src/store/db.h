/* The store's backend-neutral statement layer: one connection (rt_db) and
 * its prepared statements (rt_db_stmt), implemented on SQLite
 * (db_sqlite.c) and on PostgreSQL through libpq (db_pg.c). The store's
 * .c files speak SQL only through these calls, so one body of store code
 * runs on both databases.
 *
 * Result codes are SQLite's numbers: they are the common vocabulary that
 * the PostgreSQL driver maps its SQLSTATEs onto (23505 → UNIQUE, 23503 →
 * FOREIGNKEY, 40001 → BUSY …), so code that tests `rc & 0xff` or the
 * extended constraint codes works unchanged on either backend.
 *
 * Placeholders are `?` (numbered in order) or `:name`; the PostgreSQL
 * driver rewrites both to $n when it prepares. Columns count from 0,
 * parameters from 1. */
#ifndef RT_STORE_DB_H
#define RT_STORE_DB_H
#include <stdbool.h>
#include <stdint.h>

typedef struct rt_db rt_db;
typedef struct rt_db_stmt rt_db_stmt;

enum {
	RT_DB_OK = 0,
	RT_DB_ERROR = 1,
	RT_DB_BUSY = 5,
	RT_DB_LOCKED = 6,
	RT_DB_NOMEM = 7,
	RT_DB_READONLY = 8,
	RT_DB_IOERR = 10,
	RT_DB_FULL = 13,
	RT_DB_CANTOPEN = 14,
	RT_DB_CONSTRAINT = 19,
	RT_DB_MISUSE = 21,
	RT_DB_RANGE = 25,
	RT_DB_NOTADB = 26,
	RT_DB_ROW = 100,
	RT_DB_DONE = 101,
	RT_DB_CONSTRAINT_CHECK = RT_DB_CONSTRAINT | (1 << 8),
	RT_DB_CONSTRAINT_FOREIGNKEY = RT_DB_CONSTRAINT | (3 << 8),
	RT_DB_CONSTRAINT_NOTNULL = RT_DB_CONSTRAINT | (5 << 8),
	RT_DB_CONSTRAINT_PRIMARYKEY = RT_DB_CONSTRAINT | (6 << 8),
	RT_DB_CONSTRAINT_UNIQUE = RT_DB_CONSTRAINT | (8 << 8),
};

enum rt_db_kind { RT_DB_SQLITE, RT_DB_POSTGRES };

/* ---- connections ------------------------------------------------------ */

/* Opens an SQLite file (created when `create`), with extended result
 * codes and a 5 s busy timeout. On failure *out may still be set so that
 * rt_db_errmsg can say why; rt_db_close it either way. */
int rt_db_open_sqlite(const char *path, bool create, rt_db **out);
/* Connects to a postgres:// URL. Same contract as rt_db_open_sqlite. */
int rt_db_open_pg(const char *url, rt_db **out);
/* Finalizes nothing: statements must be finalized first. NULL is fine. */
void rt_db_close(rt_db *db);

enum rt_db_kind rt_db_kind(const rt_db *db);
/* The extended result code and message of the last failed call. */
int rt_db_errcode(rt_db *db);
const char *rt_db_errmsg(rt_db *db);
/* Text for a result code when there is no connection to ask. */
const char *rt_db_errstr(int rc);

/* Runs a script of one or more statements without result rows (the
 * migrations, pragmas). On failure *msg (when given) is a malloc'd
 * message for free(). */
int rt_db_exec(rt_db *db, const char *sql, char **msg);
/* Inside an explicit transaction (BEGIN … not yet COMMIT/ROLLBACK)? */
bool rt_db_in_tx(rt_db *db);
/* Rows changed by the last INSERT/UPDATE/DELETE; the total of the
 * connection (a cheap "anything written?" stamp); the id given to the row
 * of the last INSERT. */
int64_t rt_db_changes(rt_db *db);
int64_t rt_db_total_changes(rt_db *db);
int64_t rt_db_last_id(rt_db *db);

/* ---- statements ------------------------------------------------------- */

int rt_db_prepare(rt_db *db, const char *sql, rt_db_stmt **out);
void rt_db_finalize(rt_db_stmt *st);
/* Has the statement been stepped and not yet reset? */
bool rt_db_busy(rt_db_stmt *st);
/* Back to the start, with every parameter NULL again. */
void rt_db_reset(rt_db_stmt *st);
/* RT_DB_ROW with a row to read, RT_DB_DONE at the end, else an error. */
int rt_db_step(rt_db_stmt *st);

int rt_db_param_count(rt_db_stmt *st);
/* The index of ":name", 0 when the statement has no such parameter. */
int rt_db_param_index(rt_db_stmt *st, const char *name);
int rt_db_bind_null(rt_db_stmt *st, int i);
int rt_db_bind_int(rt_db_stmt *st, int i, int64_t v);
int rt_db_bind_double(rt_db_stmt *st, int i, double v);
int rt_db_bind_text(rt_db_stmt *st, int i, const char *s);   /* copied */
/* Not copied where the driver can avoid it (SQLite): s must stay valid
 * until the statement has been stepped to its end and reset. For the
 * bulk writes, where the copy of every text was a tenth of the work. */
int rt_db_bind_text_static(rt_db_stmt *st, int i, const char *s);

int rt_db_col_count(rt_db_stmt *st);
bool rt_db_col_is_null(rt_db_stmt *st, int i);
int64_t rt_db_col_int(rt_db_stmt *st, int i);
double rt_db_col_double(rt_db_stmt *st, int i);
/* NULL for SQL NULL; valid until the next step or reset. */
const char *rt_db_col_text(rt_db_stmt *st, int i);
int rt_db_col_bytes(rt_db_stmt *st, int i);

#endif
