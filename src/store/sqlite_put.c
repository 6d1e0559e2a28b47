/* Writes: one generic put (insert when id == 0, else update) driven by the
 * rt_sql_entity descriptors, with the audit row written in the same
 * transaction. Each put runs inside a savepoint, so a put that fails leaves
 * the transaction exactly as it was before it (the caller may go on or roll
 * back). Foreign keys are checked first so that the message can say which
 * reference is missing; constraint errors become Swedish rt_err messages. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_auth_int.h"
#include "util/alloc.h"

/* The generic code reads and sets the id through the struct's first member. */
_Static_assert(offsetof(struct rt_org_unit, id) == 0, "id first");
_Static_assert(offsetof(struct rt_plan, id) == 0, "id first");
_Static_assert(offsetof(struct rt_plan_change, id) == 0, "id first");
_Static_assert(offsetof(struct rt_goal, id) == 0, "id first");
_Static_assert(offsetof(struct rt_indicator, id) == 0, "id first");
_Static_assert(offsetof(struct rt_target, id) == 0, "id first");
_Static_assert(offsetof(struct rt_baseline, id) == 0, "id first");
_Static_assert(offsetof(struct rt_activity, id) == 0, "id first");
_Static_assert(offsetof(struct rt_budget_line, id) == 0, "id first");
_Static_assert(offsetof(struct rt_period, id) == 0, "id first");
_Static_assert(offsetof(struct rt_outcome, id) == 0, "id first");
_Static_assert(offsetof(struct rt_assessment, id) == 0, "id first");
_Static_assert(offsetof(struct rt_activity_status, id) == 0, "id first");

static int check_fks(rt_store *s, const struct rt_sql_entity *e, const void *obj, rt_err *err)
{
	rt_buf sql = RT_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < e->n_fks && !rc; i++) {
		const struct rt_sql_fk *fk = &e->fks[i];
		int64_t id = *(const int64_t *)((const char *)obj + fk->offset);
		if (!id)
			continue;
		rt_buf_reset(&sql);
		rt_buf_addf(&sql, "SELECT 1 FROM %s WHERE id = ?", fk->ref->table);
		rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
		if (!st) {
			rc = err ? err->code : RT_EIO;
			break;
		}
		rt_db_bind_int(st, 1, id);
		int src = rt_db_step(st);
		rt_sql_done(st);
		if (src == RT_DB_DONE)
			rc = rt_err_set(err, RT_EINVAL, fk->column, "%s med id %lld finns inte",
			                fk->ref->definite, (long long)id);
		else if (src != RT_DB_ROW)
			rc = rt_sql_fail(s, src, "kontrollera referenser", err);
	}
	rt_buf_release(&sql);
	return rc;
}

/* Turns a failed INSERT/UPDATE into a message a person can act on. */
static int write_error(rt_store *s, int rc, const struct rt_sql_entity *e, const void *obj,
                       rt_err *err)
{
	const char *msg = rt_db_errmsg(s->db);
	int ext = rt_db_errcode(s->db);
	rt_buf b = RT_BUF_INIT;
	int code;
	switch (ext) {
	case RT_DB_CONSTRAINT_UNIQUE:
	case RT_DB_CONSTRAINT_PRIMARYKEY: {
		rt_buf_addf(&b, "%s.key", e->table);
		const char *key = e->key_offset != (size_t)-1
			? *(char *const *)((const char *)obj + e->key_offset) : NULL;
		if (key && strstr(msg, b.buf)) {
			code = rt_err_set(err, RT_ECONFLICT, "key", "Nyckeln '%s' finns redan", key);
		} else {
			rt_buf_reset(&b);
			if (e->conflict)
				e->conflict(obj, &b);
			else
				rt_buf_addf(&b, "Raden finns redan (%s)", msg);
			code = rt_err_set(err, RT_ECONFLICT, "", "%s", b.buf);
		}
		break;
	}
	case RT_DB_CONSTRAINT_FOREIGNKEY:
		code = rt_err_set(err, RT_EINVAL, "", "Något som %s hänvisar till finns inte",
		                  e->table);
		break;
	case RT_DB_CONSTRAINT_NOTNULL: {
		/* "NOT NULL constraint failed: goal.title" */
		const char *dot = strrchr(msg, '.');
		const char *col = dot ? dot + 1 : msg;
		code = rt_err_set(err, RT_EINVAL, col, "Fältet '%s' saknas (%s)", col, e->table);
		break;
	}
	case RT_DB_CONSTRAINT_CHECK:
		code = rt_err_set(err, RT_EINVAL, "", "Ogiltigt värde i %s (%s)", e->table, msg);
		break;
	default:
		code = rt_sql_fail(s, rc, e->table, err);
	}
	rt_buf_release(&b);
	return code;
}

/* guarded: the caller expects a row version (rt_store_expect_version);
 * the UPDATE then changes nothing unless the row is still at it. */
static void update_sql(rt_buf *sql, const struct rt_sql_entity *e, bool guarded)
{
	rt_buf_addf(sql, "UPDATE %s SET ", e->table);
	for (const char *p = e->cols; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		rt_buf_addf(sql, "%.*s = ?", (int)len, p);
		if (!end)
			break;
		rt_buf_addstr(sql, ", ");
		for (p = end + 1; *p == ' '; p++)
			;
	}
	/* every update moves the row version, expected or not (0010) */
	if (rt_sql_has_row_version(e->table))
		rt_buf_addstr(sql, ", row_version = row_version + 1");
	rt_buf_addstr(sql, guarded ? " WHERE id = ? AND row_version = ?" : " WHERE id = ?");
}

static void insert_sql(rt_buf *sql, const struct rt_sql_entity *e)
{
	rt_buf_addf(sql, "INSERT INTO %s (%s) VALUES (?", e->table, e->cols);
	for (const char *p = e->cols; (p = strchr(p, ',')) != NULL; p++)
		rt_buf_addstr(sql, ", ?");
	rt_buf_addch(sql, ')');
}

/* Binds the struct (and the id for an update) and runs the statement.
 * expected: the row version the caller started from, 0 for none. */
static int write_row(rt_store *s, const struct rt_sql_entity *e, const void *obj, int64_t id,
                     int64_t expected, rt_err *err)
{
	rt_buf sql = RT_BUF_INIT;
	if (id)
		update_sql(&sql, e, expected > 0);
	else
		insert_sql(&sql, e);
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	e->bind(&b, obj);
	if (id)
		rt_bind_int(&b, id);
	if (id && expected > 0)
		rt_bind_int(&b, expected);
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	rt_sql_done(st);
	if (rc != RT_DB_DONE)
		return write_error(s, rc, e, obj, err);
	if (id && rt_db_changes(s->db) == 0 && expected > 0)
		return rt_sql_version_conflict(s, e, id, expected, err);
	if (id && rt_db_changes(s->db) == 0)
		return rt_err_set(err, RT_ENOTFOUND, "id", "Det finns %s med id %lld", e->none,
		                  (long long)id);
	return 0;
}

static int audit_append(rt_store *s, const struct rt_sql_entity *e, int64_t id,
                        const char *action, const char *before, const char *after, rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s,
		"INSERT INTO audit_log (at, actor, entity, entity_id, action, before_json, after_json) "
		"VALUES (?, ?, ?, ?, ?, ?, ?)", err);
	if (!st)
		return err ? err->code : RT_EIO;
	char now[32];
	rt_sql_now(now);
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_text(&b, now);
	rt_bind_text(&b, s->actor);
	rt_bind_text(&b, e->table);
	rt_bind_int(&b, id);
	rt_bind_text(&b, action);
	rt_bind_text(&b, before);
	rt_bind_text(&b, after);
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "skriva ändringsloggen", err);
}

/* The row as it is stored now, as JSON text (malloc'd); RT_ENOTFOUND.
 * Also hands the old row to the entity's before_update hook (history). */
static int before_json(rt_store *s, const struct rt_sql_entity *e, int64_t id, char **out,
                       rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	void *old = rt_xcalloc(1, e->size);
	int rc = rt_sql_get(s, e, &a, id, old, err);
	if (!rc) {
		json_t *j = e->to_json(old);
		*out = rt_json_text(j);
		json_decref(j);
		if (e->before_update)
			rc = e->before_update(s, old, err);
	}
	free(old);
	rt_arena_release(&a);
	return rc;
}

static int put(rt_store *s, const struct rt_sql_entity *e, void *obj, rt_err *err)
{
	if (!s->in_tx)
		return rt_err_set(err, RT_ESTATE, "",
		                  "Ändringar kan bara göras i en transaktion (rt_store_begin)");
	int64_t *idp = obj;
	int64_t id = *idp;
	if (id < 0)
		return rt_err_set(err, RT_EINVAL, "id", "Ogiltigt id: %lld", (long long)id);

	/* Build the after image first: text that jansson refuses (invalid
	 * UTF-8) is refused before anything is written. */
	json_t *after = e->to_json(obj);
	if (!after)
		return rt_err_set(err, RT_EINVAL, "", "Texten är inte giltig UTF-8 (%s)", e->table);

	char *before = NULL, *after_text = NULL;
	int rc = check_fks(s, e, obj, err);
	if (!rc)
		rc = rt_sql_frozen_check(s, e, obj, id, err);   /* decided plans (workflow) */
	if (rc)
		goto out;
	if ((rc = rt_sql_exec(s, "SAVEPOINT rt_put", err)) != 0)
		goto out;
	if (id && (rc = before_json(s, e, id, &before, err)) != 0)
		goto undo;
	int64_t expected = 0;
	if (id)
		rt_sql_expect_take(s, e->table, id, &expected);
	if ((rc = write_row(s, e, obj, id, expected, err)) != 0)
		goto undo;
	int64_t new_id = id ? id : rt_db_last_id(s->db);
	json_object_set_new(after, "id", json_integer((json_int_t)new_id));
	after_text = rt_json_text(after);
	if ((rc = audit_append(s, e, new_id, id ? "update" : "insert", before, after_text,
	                       err)) != 0)
		goto undo;
	if ((rc = rt_sql_exec(s, "RELEASE rt_put", err)) != 0)
		goto undo;
	*idp = new_id;
	goto out;
undo:
	rt_sql_exec(s, "ROLLBACK TO rt_put", NULL);
	rt_sql_exec(s, "RELEASE rt_put", NULL);
out:
	json_decref(after);
	free(before);
	free(after_text);
	return rc;
}

int rt_store_org_put(rt_store *s, struct rt_org_unit *u, rt_err *err)
{
	return put(s, &rt_sql_org_unit, u, err);
}

int rt_store_plan_put(rt_store *s, struct rt_plan *p, rt_err *err)
{
	return put(s, &rt_sql_plan, p, err);
}

int rt_store_plan_change_put(rt_store *s, struct rt_plan_change *c, rt_err *err)
{
	return put(s, &rt_sql_plan_change, c, err);
}

int rt_store_goal_put(rt_store *s, struct rt_goal *g, rt_err *err)
{
	return put(s, &rt_sql_goal, g, err);
}

int rt_store_indicator_put(rt_store *s, struct rt_indicator *ind, rt_err *err)
{
	return put(s, &rt_sql_indicator, ind, err);
}

int rt_store_target_put(rt_store *s, struct rt_target *t, rt_err *err)
{
	return put(s, &rt_sql_target, t, err);
}

int rt_store_baseline_put(rt_store *s, struct rt_baseline *b, rt_err *err)
{
	return put(s, &rt_sql_baseline, b, err);
}

int rt_store_activity_put(rt_store *s, struct rt_activity *a, rt_err *err)
{
	return put(s, &rt_sql_activity, a, err);
}

int rt_store_budget_put(rt_store *s, struct rt_budget_line *l, rt_err *err)
{
	return put(s, &rt_sql_budget_line, l, err);
}

int rt_store_period_put(rt_store *s, struct rt_period *p, rt_err *err)
{
	return put(s, &rt_sql_period, p, err);
}

int rt_store_outcome_put(rt_store *s, struct rt_outcome *o, rt_err *err)
{
	return put(s, &rt_sql_outcome, o, err);
}

int rt_store_assessment_put(rt_store *s, struct rt_assessment *a, rt_err *err)
{
	return put(s, &rt_sql_assessment, a, err);
}

int rt_store_activity_status_put(rt_store *s, struct rt_activity_status *a, rt_err *err)
{
	return put(s, &rt_sql_activity_status, a, err);
}
