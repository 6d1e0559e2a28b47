/* SQLite backend: settings (0003_settings.sql) and the region-wide default
 * tolerance of the status rule. A setting belongs to an org unit (or, with
 * org unit 0, to the whole database); the nearest one up the org tree from
 * a plan's owner applies. Writes are audited like every put (entity
 * "setting"), in the caller's transaction. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_auth.h"
#include "util/numfmt.h"

static json_t *setting_json(int64_t id, int64_t org_unit_id, const char *name, const char *value)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer((json_int_t)id));
	json_object_set_new(j, "org_unit_id", org_unit_id ? json_integer((json_int_t)org_unit_id)
	                                                  : json_null());
	json_object_set_new(j, "name", json_string(name));
	json_object_set_new(j, "value", json_string(value));
	return j;
}

static int audit(rt_store *s, int64_t id, const char *action, json_t *before, json_t *after,
                 rt_err *err)
{
	char *b = before ? rt_json_text(before) : NULL;
	char *a = after ? rt_json_text(after) : NULL;
	rt_db_stmt *st = rt_sql_stmt(s,
		"INSERT INTO audit_log (at, actor, entity, entity_id, action, before_json, after_json) "
		"VALUES (?, ?, 'setting', ?, ?, ?, ?)", err);
	int rc = st ? RT_DB_OK : (err ? err->code : RT_EIO);
	if (st) {
		char now[32];
		rt_sql_now(now);
		struct rt_bind bd = { st, 1, RT_DB_OK };
		rt_bind_text(&bd, now);
		rt_bind_text(&bd, s->actor);
		rt_bind_int(&bd, id);
		rt_bind_text(&bd, action);
		rt_bind_text(&bd, b);
		rt_bind_text(&bd, a);
		rc = bd.rc != RT_DB_OK ? bd.rc : rt_db_step(st);
		rt_sql_done(st);
		rc = rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "skriva ändringsloggen", err);
	}
	free(b);
	free(a);
	return rc;
}

/* The stored row of (org unit, name): *id 0 when there is none. */
static int find_setting(rt_store *s, rt_arena *a, int64_t org_unit_id, const char *name,
                        int64_t *id, char **value, rt_err *err)
{
	*id = 0;
	*value = NULL;
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT id, value FROM setting WHERE COALESCE(org_unit_id, 0) = ? AND name = ?", err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_int(&b, org_unit_id);
	rt_bind_text(&b, name);
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	if (rc == RT_DB_ROW) {
		struct rt_col c = { st, 0, a, NULL };
		*id = rt_col_int(&c);
		*value = rt_col_text(&c);
	}
	rt_sql_done(st);
	return rc == RT_DB_ROW || rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "setting", err);
}

int rt_store_setting_get(rt_store *s, rt_arena *a, int64_t org_unit_id, const char *name,
                         char **value, rt_err *err)
{
	int64_t id;
	int rc = find_setting(s, a, org_unit_id, name, &id, value, err);
	if (rc == 0 && !id)
		return rt_err_set(err, RT_ENOTFOUND, "name", "Inställningen %s är inte satt", name);
	return rc;
}

/* Runs `sql` with the texts t1, t2 (those not NULL) and then the integer
 * bound in that order. */
static int exec_setting(rt_store *s, const char *sql, const char *t1, const char *t2,
                        int64_t i, rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s, sql, err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	if (t1)
		rt_bind_text(&b, t1);
	if (t2)
		rt_bind_text(&b, t2);
	rt_bind_int(&b, i);
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "spara inställningen", err);
}

int rt_store_setting_put(rt_store *s, int64_t org_unit_id, const char *name, const char *value,
                         rt_err *err)
{
	if (!s->in_tx)
		return rt_err_set(err, RT_ESTATE, "",
		                  "Ändringar kan bara göras i en transaktion (rt_store_begin)");
	if (org_unit_id < 0)
		return rt_err_set(err, RT_EINVAL, "org", "Ogiltigt id: %lld", (long long)org_unit_id);
	/* a unit's settings are its planner's, the region's the administrator's */
	int arc = rt_store_authz_org(s, RT_PERM_PLAN_EDIT, org_unit_id, err);
	if (arc)
		return arc;
	rt_arena a = RT_ARENA_INIT;
	int64_t id;
	char *old;
	int rc = find_setting(s, &a, org_unit_id, name, &id, &old, err);
	if (rc == 0 && org_unit_id) {
		struct rt_org_unit u;
		rc = rt_store_org_get(s, &a, org_unit_id, &u, err);
	}
	json_t *before = id ? setting_json(id, org_unit_id, name, old) : NULL, *after = NULL;
	if (rc == 0 && (rc = rt_sql_exec(s, "SAVEPOINT rt_setting", err)) == 0) {
		if (!value) {
			if (id && (rc = exec_setting(s, "DELETE FROM setting WHERE id = ?", NULL, NULL,
			                             id, err)) == 0)
				rc = audit(s, id, "delete", before, NULL, err);
		} else if (id) {
			if ((rc = exec_setting(s, "UPDATE setting SET value = ? WHERE id = ?", value,
			                       NULL, id, err)) == 0) {
				after = setting_json(id, org_unit_id, name, value);
				rc = audit(s, id, "update", before, after, err);
			}
		} else {
			if ((rc = exec_setting(s, "INSERT INTO setting (name, value, org_unit_id) "
			                          "VALUES (?, ?, NULLIF(?, 0))", name, value,
			                       org_unit_id, err)) == 0) {
				id = rt_db_last_id(s->db);
				after = setting_json(id, org_unit_id, name, value);
				rc = audit(s, id, "insert", NULL, after, err);
			}
		}
		if (rc)
			rt_sql_exec(s, "ROLLBACK TO rt_setting", NULL);
		rt_sql_exec(s, "RELEASE rt_setting", NULL);
	}
	json_decref(before);
	json_decref(after);
	rt_arena_release(&a);
	return rc;
}

int rt_store_default_tolerance(rt_store *s, int64_t org_unit_id, double *tol, bool *found,
                               rt_err *err)
{
	*found = false;
	*tol = -1;
	/* nearest up the tree (depth bounded against a broken, cyclic tree),
	 * then the database-wide row (depth 1000) */
	rt_db_stmt *st = rt_sql_stmt(s,
		"WITH RECURSIVE up(id, depth) AS ("
		" SELECT ?, 0"
		" UNION ALL SELECT o.parent_id, up.depth + 1 FROM org_unit o JOIN up ON o.id = up.id"
		" WHERE o.parent_id IS NOT NULL AND up.depth < 64) "
		"SELECT x.value FROM setting x LEFT JOIN up ON x.org_unit_id = up.id "
		"WHERE x.name = 'default_tolerance' AND (up.id IS NOT NULL OR x.org_unit_id IS NULL) "
		"ORDER BY COALESCE(up.depth, 1000) LIMIT 1", err);
	if (!st)
		return err ? err->code : RT_EIO;
	rt_db_bind_int(st, 1, org_unit_id);
	int rc = rt_db_step(st);
	int out = 0;
	if (rc == RT_DB_ROW) {
		const char *text = rt_db_col_text(st, 0);
		double v;
		if (text && rt_num_parse(text, &v, NULL) == 0 && v >= 0) {
			*tol = v;
			*found = true;
		} else {
			out = rt_err_set(err, RT_EIO, "default_tolerance",
			                 "Databasen har en ogiltig standardtolerans '%.40s'",
			                 text ? text : "");
		}
	} else if (rc != RT_DB_DONE) {
		out = rt_sql_fail(s, rc, "setting", err);
	}
	rt_sql_done(st);
	return out;
}

/* ---- one indicator's slice of its plan ------------------------------------ */

/* Appends the rows of `e` that `where` selects (?1 = id) to an arena array. */
static int load_slice(rt_store *s, const struct rt_sql_entity *e, const char *where, int64_t id,
                      rt_arena *a, void **items, size_t *n, size_t *cap, rt_err *err)
{
	rt_buf sql = RT_BUF_INIT;
	rt_sql_select(&sql, e, "x");
	rt_buf_addf(&sql, " %s ORDER BY x.id", where);
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st)
		return err ? err->code : RT_EIO;
	rt_db_bind_int(st, 1, id);
	int rc;
	const char *bad = NULL;
	while (!bad && (rc = rt_db_step(st)) == RT_DB_ROW) {
		rt_arena_reserve(a, items, e->size, cap, *n + 1);
		void *obj = (char *)*items + *n * e->size;
		memset(obj, 0, e->size);
		struct rt_col c = { st, 0, a, NULL };
		e->read(&c, obj);
		bad = c.bad;
		(*n)++;
	}
	rt_sql_done(st);
	if (bad)
		return rt_err_set(err, RT_EIO, bad, "Databasen innehåller ett okänt värde i %s.%s",
		                  e->table, bad);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, e->table, err);
}

#define SLICE(e, where, arr)                                                             \
	load_slice(s, (e), (where), indicator_id, &doc->arena, (void **)&doc->arr,        \
	           &doc->n_##arr, &doc->cap_##arr, err)

int rt_store_indicator_load(rt_store *s, int64_t indicator_id, struct rt_plan_doc *doc,
                            rt_err *err)
{
	int rc;
	struct rt_indicator *ind = RT_ARENA_PUSH(&doc->arena, doc->indicators, doc->n_indicators,
	                                         doc->cap_indicators);
	struct rt_goal goal;
	if ((rc = rt_sql_get(s, &rt_sql_indicator, &doc->arena, indicator_id, ind, err)) != 0 ||
	    (rc = rt_sql_get(s, &rt_sql_goal, &doc->arena, ind->goal_id, &goal, err)) != 0 ||
	    (rc = rt_sql_get(s, &rt_sql_plan, &doc->arena, goal.plan_id, &doc->plan, err)) != 0 ||
	    (rc = SLICE(&rt_sql_target, "WHERE x.indicator_id = ?1", targets)) != 0 ||
	    (rc = SLICE(&rt_sql_baseline, "WHERE x.indicator_id = ?1", baselines)) != 0 ||
	    (rc = SLICE(&rt_sql_outcome, "WHERE x.indicator_id = ?1", outcomes)) != 0 ||
	    (rc = SLICE(&rt_sql_period,
	                "WHERE x.id IN (SELECT period_id FROM outcome WHERE indicator_id = ?1)",
	                periods)) != 0) {
		rt_plan_doc_release(doc);
		rt_plan_doc_init(doc);
	}
	return rc;
}
