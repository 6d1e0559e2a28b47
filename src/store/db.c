/* db.h's calls, dispatched to the connection's driver (db_sqlite.c or
 * db_pg.c). One indirect call per statement operation; the drivers do the
 * work. */
#include <stddef.h>

#include "store/db_int.h"

void rt_db_close(rt_db *db)
{
	if (db)
		db->ops->close(db);
}

enum rt_db_kind rt_db_kind(const rt_db *db) { return db->ops->kind; }
int rt_db_errcode(rt_db *db) { return db->ops->errcode(db); }
const char *rt_db_errmsg(rt_db *db) { return db->ops->errmsg(db); }
int rt_db_exec(rt_db *db, const char *sql, char **msg) { return db->ops->exec(db, sql, msg); }
bool rt_db_in_tx(rt_db *db) { return db->ops->in_tx(db); }
int64_t rt_db_changes(rt_db *db) { return db->ops->changes(db); }
int64_t rt_db_total_changes(rt_db *db) { return db->ops->total_changes(db); }
int64_t rt_db_last_id(rt_db *db) { return db->ops->last_id(db); }

int rt_db_prepare(rt_db *db, const char *sql, rt_db_stmt **out)
{
	return db->ops->prepare(db, sql, out);
}

void rt_db_finalize(rt_db_stmt *st)
{
	if (st)
		st->ops->finalize(st);
}

bool rt_db_busy(rt_db_stmt *st) { return st->ops->busy(st); }
void rt_db_reset(rt_db_stmt *st) { st->ops->reset(st); }
int rt_db_step(rt_db_stmt *st) { return st->ops->step(st); }
int rt_db_param_count(rt_db_stmt *st) { return st->ops->param_count(st); }
int rt_db_param_index(rt_db_stmt *st, const char *n) { return st->ops->param_index(st, n); }
int rt_db_bind_null(rt_db_stmt *st, int i) { return st->ops->bind_null(st, i); }
int rt_db_bind_int(rt_db_stmt *st, int i, int64_t v) { return st->ops->bind_int(st, i, v); }
int rt_db_bind_double(rt_db_stmt *st, int i, double v) { return st->ops->bind_double(st, i, v); }
int rt_db_bind_text(rt_db_stmt *st, int i, const char *s) { return st->ops->bind_text(st, i, s); }
int rt_db_bind_text_static(rt_db_stmt *st, int i, const char *s)
{
	return st->ops->bind_text_static(st, i, s);
}
int rt_db_col_count(rt_db_stmt *st) { return st->ops->col_count(st); }
bool rt_db_col_is_null(rt_db_stmt *st, int i) { return st->ops->col_is_null(st, i); }
int64_t rt_db_col_int(rt_db_stmt *st, int i) { return st->ops->col_int(st, i); }
double rt_db_col_double(rt_db_stmt *st, int i) { return st->ops->col_double(st, i); }
const char *rt_db_col_text(rt_db_stmt *st, int i) { return st->ops->col_text(st, i); }
int rt_db_col_bytes(rt_db_stmt *st, int i) { return st->ops->col_bytes(st, i); }
