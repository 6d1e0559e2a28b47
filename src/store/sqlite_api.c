/* Deletes for the API: removing a row that nothing refers to (an activity
 * of a plan still in draft, a mistyped target), in the caller's
 * transaction, with the row as it was in the audit log ("delete", before
 * JSON, no after). The schema's ON DELETE RESTRICT keeps anything that is
 * referred to (an activity with follow-up states): that is RT_ECONFLICT
 * with a Swedish message, and nothing changes. */
#include <stdlib.h>

#include "store/sqlite_auth_int.h"
#include "util/alloc.h"

static int audit_delete(rt_store *s, const struct rt_sql_entity *e, int64_t id, const char *before,
                        rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s,
		"INSERT INTO audit_log (at, actor, entity, entity_id, action, before_json, after_json) "
		"VALUES (?, ?, ?, ?, 'delete', ?, NULL)", err);
	if (!st)
		return err ? err->code : RT_EIO;
	char now[32];
	rt_sql_now(now);
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_text(&b, now);
	rt_bind_text(&b, s->actor);
	rt_bind_text(&b, e->table);
	rt_bind_int(&b, id);
	rt_bind_text(&b, before);
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "skriva ändringsloggen", err);
}

static int delete_row(rt_store *s, const struct rt_sql_entity *e, int64_t id, rt_err *err)
{
	if (!s->in_tx)
		return rt_err_set(err, RT_ESTATE, "",
		                  "Ändringar kan bara göras i en transaktion (rt_store_begin)");
	rt_arena a = RT_ARENA_INIT;
	void *old = rt_xcalloc(1, e->size);
	char *before = NULL;
	int rc = rt_sql_get(s, e, &a, id, old, err);
	if (!rc)
		rc = rt_sql_frozen_check(s, e, NULL, id, err);   /* decided plans (workflow) */
	if (rc)
		goto out;
	json_t *j = e->to_json(old);
	before = rt_json_text(j);
	json_decref(j);
	if ((rc = rt_sql_exec(s, "SAVEPOINT rt_delete", err)) != 0)
		goto out;
	rt_buf sql = RT_BUF_INIT;
	rt_buf_addf(&sql, "DELETE FROM %s WHERE id = ?", e->table);
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st) {
		rc = err ? err->code : RT_EIO;
		goto undo;
	}
	rt_db_bind_int(st, 1, id);
	int src = rt_db_step(st);
	int ext = rt_db_errcode(s->db);
	rt_sql_done(st);
	if (src != RT_DB_DONE) {
		if (ext == RT_DB_CONSTRAINT_FOREIGNKEY)
			rc = rt_err_set(err, RT_ECONFLICT, "id",
			                "%s med id %lld används av andra uppgifter och kan inte tas bort",
			                e->definite, (long long)id);
		else
			rc = rt_sql_fail(s, src, e->table, err);
		goto undo;
	}
	if ((rc = audit_delete(s, e, id, before, err)) != 0)
		goto undo;
	rc = rt_sql_exec(s, "RELEASE rt_delete", err);
	if (!rc)
		goto out;
undo:
	rt_sql_exec(s, "ROLLBACK TO rt_delete", NULL);
	rt_sql_exec(s, "RELEASE rt_delete", NULL);
out:
	free(before);
	free(old);
	rt_arena_release(&a);
	return rc;
}

int rt_store_activity_delete(rt_store *s, int64_t id, rt_err *err)
{
	return delete_row(s, &rt_sql_activity, id, err);
}

int rt_store_target_delete(rt_store *s, int64_t id, rt_err *err)
{
	return delete_row(s, &rt_sql_target, id, err);
}

int rt_store_target_get(rt_store *s, rt_arena *a, int64_t id, struct rt_target *out, rt_err *err)
{
	return rt_sql_get(s, &rt_sql_target, a, id, out, err);
}

/* PRAGMA data_version changes when another connection (thread or process)
 * commits; total_changes counts this connection's own row changes. Both
 * together tell a reader whether anything it read may have changed. On
 * PostgreSQL the newest audit row plays data_version's part: every write
 * of the store is audited. */
int rt_store_change_stamp(rt_store *s, uint64_t *stamp, rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s, rt_db_kind(s->db) == RT_DB_POSTGRES
		? "SELECT coalesce(max(id), 0) FROM audit_log" : "PRAGMA data_version", err);
	if (!st)
		return err ? err->code : RT_EIO;
	int rc = rt_db_step(st);
	uint64_t dv = rc == RT_DB_ROW ? (uint64_t)rt_db_col_int(st, 0) : 0;
	rt_sql_done(st);
	if (rc != RT_DB_ROW)
		return rt_sql_fail(s, rc, "läsa databasens version", err);
	*stamp = (dv << 40) ^ (uint64_t)rt_db_total_changes(s->db);
	return 0;
}
