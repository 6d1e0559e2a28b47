/* Shared by sqlite_auth.c and sqlite_session.c only. */
#ifndef RT_STORE_SQLITE_AUTH_INT_H
#define RT_STORE_SQLITE_AUTH_INT_H
#include "store/sqlite_int.h"
#include "store/store_auth.h"

/* RT_ESTATE unless inside rt_store_begin/commit. */
int rt_sql_auth_need_tx(rt_store *s, rt_err *err);
/* One audit row for a write without an entity descriptor (no before
 * image); takes the reference to `after`. */
int rt_sql_auth_audit(rt_store *s, const char *entity, int64_t id, const char *action,
                      json_t *after, rt_err *err);
/* Steps a bound statement that returns no rows and hands it back;
 * *changes (may be NULL) gets the rows changed. A unique violation is
 * RT_ECONFLICT "Finns redan (what)". */
int rt_sql_auth_run(rt_store *s, rt_db_stmt *st, struct rt_bind *b, const char *what,
                    int *changes, rt_err *err);

/* sqlite_workflow.c: RT_ESTATE when the put (obj, id) or delete (obj
 * NULL, id) touches a decided or archived plan (store_auth.h). */
int rt_sql_frozen_check(rt_store *s, const struct rt_sql_entity *e, const void *obj, int64_t id,
                        rt_err *err);

/* sqlite_owner.c: 0 without a principal, else the principal's permission
 * for the put (obj, id) or delete (obj NULL, id) of a row of e
 * (store_auth.h rt_store_set_principal). */
int rt_sql_authz_check(rt_store *s, const struct rt_sql_entity *e, const void *obj, int64_t id,
                       rt_err *err);

/* Declares `st` (the cached statement for sql) and its binder `b`; returns
 * from the function when the statement cannot be prepared. */
#define STMT(s, sql, err) \
	rt_db_stmt *st = rt_sql_stmt((s), (sql), (err)); \
	if (!st) \
		return (err) ? (err)->code : RT_EIO; \
	struct rt_bind b = { st, 1, RT_DB_OK }

#endif
