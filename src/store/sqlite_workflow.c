/* The plan workflow in the store (core/workflow.h): every put or delete
 * of a plan's content (not the plan row) is refused while the plan is
 * decided or archived, whichever edge asked; a new version keeps the decided one as a snapshot
 * (plan_version, 0008) and reopens the plan as a draft with the next
 * version number and a change-log row. */
#include <stdlib.h>
#include <string.h>

#include "core/workflow.h"
#include "store/sqlite_auth_int.h"
#include "util/alloc.h"

/* The plan a row belongs to, from the row's own reference (new) or from
 * the stored row (id != 0); 0 when the entity is not plan content. */
static int plan_of(rt_store *s, const struct rt_sql_entity *e, const void *obj, int64_t id,
                   int64_t *plan_id, rt_err *err)
{
	*plan_id = 0;
	const char *by_ref = NULL, *by_id = NULL;
	int64_t ref = 0;
	if (e == &rt_sql_goal) {
		ref = obj ? ((const struct rt_goal *)obj)->plan_id : 0;
		by_id = "SELECT plan_id FROM goal WHERE id = ?";
	} else if (e == &rt_sql_budget_line) {
		ref = obj ? ((const struct rt_budget_line *)obj)->plan_id : 0;
		by_id = "SELECT plan_id FROM budget_line WHERE id = ?";
	} else if (e == &rt_sql_plan_change) {
		ref = obj ? ((const struct rt_plan_change *)obj)->plan_id : 0;
		by_id = "SELECT plan_id FROM plan_change WHERE id = ?";
	} else if (e == &rt_sql_indicator || e == &rt_sql_activity) {
		ref = obj ? (e == &rt_sql_indicator ? ((const struct rt_indicator *)obj)->goal_id
		                                    : ((const struct rt_activity *)obj)->goal_id) : 0;
		by_ref = "SELECT plan_id FROM goal WHERE id = ?";
		by_id = e == &rt_sql_indicator
			? "SELECT g.plan_id FROM indicator x JOIN goal g ON g.id = x.goal_id WHERE x.id = ?"
			: "SELECT g.plan_id FROM activity x JOIN goal g ON g.id = x.goal_id WHERE x.id = ?";
	} else if (e == &rt_sql_target || e == &rt_sql_baseline) {
		ref = obj ? (e == &rt_sql_target ? ((const struct rt_target *)obj)->indicator_id
		                                 : ((const struct rt_baseline *)obj)->indicator_id) : 0;
		by_ref = "SELECT g.plan_id FROM indicator i JOIN goal g ON g.id = i.goal_id "
		         "WHERE i.id = ?";
		by_id = e == &rt_sql_target
			? "SELECT g.plan_id FROM target x JOIN indicator i ON i.id = x.indicator_id "
			  "JOIN goal g ON g.id = i.goal_id WHERE x.id = ?"
			: "SELECT g.plan_id FROM baseline x JOIN indicator i ON i.id = x.indicator_id "
			  "JOIN goal g ON g.id = i.goal_id WHERE x.id = ?";
	} else {
		return 0;
	}
	const char *sql = id ? by_id : by_ref;
	int64_t key = id ? id : ref;
	if (!sql) {
		*plan_id = ref;
		return 0;
	}
	STMT(s, sql, err);
	rt_bind_int(&b, key);
	int rc = rt_db_step(st);
	if (rc == RT_DB_ROW)
		*plan_id = rt_db_col_int(st, 0);
	rt_sql_done(st);
	return rc == RT_DB_ROW || rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "plan", err);
}

/* Was the plan inserted in the transaction now running? Its insert's audit
 * row is not sealed yet (sealing happens at commit): an import may fill a
 * plan it has just created as decided. */
static bool inserted_now(rt_store *s, int64_t plan_id)
{
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT 1 FROM audit_log WHERE entity = 'plan' AND entity_id = ? AND action = 'insert' "
		"AND hash IS NULL", NULL);
	if (!st)
		return false;
	rt_db_bind_int(st, 1, plan_id);
	bool yes = rt_db_step(st) == RT_DB_ROW;
	rt_sql_done(st);
	return yes;
}

static int frozen_plan(rt_store *s, rt_arena *a, int64_t plan_id, struct rt_plan *p, bool *frozen,
                       rt_err *err)
{
	*frozen = false;
	if (!plan_id)
		return 0;
	int rc = rt_store_plan_get(s, a, plan_id, p, err);
	if (rc == RT_ENOTFOUND)
		return 0;   /* check_fks reports the missing plan */
	if (!rc)
		*frozen = rt_workflow_frozen(p->status) && !inserted_now(s, plan_id);
	return rc;
}

int rt_sql_frozen_check(rt_store *s, const struct rt_sql_entity *e, const void *obj, int64_t id,
                        rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan p;
	bool frozen = false;
	/* Who may write it first (store_auth.h rt_store_set_principal). */
	int rc = rt_sql_authz_check(s, e, obj, id, err);
	if (rc)
		return rc;
	/* The plan row itself stays settable by a plain put: the status moves
	 * go through rt_store_plan_status_set and rt_store_plan_new_version,
	 * and fixtures, imports and restores write whole rows. */
	if (e == &rt_sql_plan)
		return 0;
	int64_t plan_new = 0, plan_old = 0;
	if (obj)
		rc = plan_of(s, e, obj, 0, &plan_new, err);
	if (!rc && id)
		rc = plan_of(s, e, NULL, id, &plan_old, err);
	if (!rc)
		rc = frozen_plan(s, &a, plan_new, &p, &frozen, err);
	if (!rc && frozen)
		rc = rt_workflow_frozen_error(&p, err);
	if (!rc && plan_old != plan_new && (rc = frozen_plan(s, &a, plan_old, &p, &frozen, err)) == 0
	    && frozen)
		rc = rt_workflow_frozen_error(&p, err);
	rt_arena_release(&a);
	return rc;
}

/* ---- a new version -------------------------------------------------------- */

static void add_all(json_t *arr, const void *items, size_t n, size_t size,
                    json_t *(*to_json)(const void *))
{
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, to_json((const char *)items + i * size));
}

static char *snapshot(const struct rt_plan_doc *d)
{
	json_t *j = json_object();
	json_object_set_new(j, "plan", rt_json_plan(&d->plan));
	struct { const char *k; const void *items; size_t n, size; json_t *(*f)(const void *); } parts[] = {
		{ "changes", d->changes, d->n_changes, sizeof *d->changes, rt_json_plan_change },
		{ "goals", d->goals, d->n_goals, sizeof *d->goals, rt_json_goal },
		{ "indicators", d->indicators, d->n_indicators, sizeof *d->indicators, rt_json_indicator },
		{ "targets", d->targets, d->n_targets, sizeof *d->targets, rt_json_target },
		{ "baselines", d->baselines, d->n_baselines, sizeof *d->baselines, rt_json_baseline },
		{ "activities", d->activities, d->n_activities, sizeof *d->activities, rt_json_activity },
		{ "budget", d->budget, d->n_budget, sizeof *d->budget, rt_json_budget_line },
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		json_t *arr = json_array();
		add_all(arr, parts[i].items, parts[i].n, parts[i].size, parts[i].f);
		json_object_set_new(j, parts[i].k, arr);
	}
	char *text = rt_json_text(j);
	json_decref(j);
	return text;
}

int rt_store_plan_new_version(rt_store *s, int64_t plan_id, const char *change,
                              const char *date, int *version, rt_err *err)
{
	int rc = rt_sql_auth_need_tx(s, err);
	if (rc)
		return rc;
	if (!change || !*change)
		return rt_err_set(err, RT_EINVAL, "change", "Beskriv ändringen (den skrivs i "
		                  "ändringsförteckningen)");
	struct rt_plan_doc d;
	rt_plan_doc_init(&d);
	if ((rc = rt_store_plan_load(s, plan_id, &d, err)) != 0)
		return rc;
	const struct rt_principal *who = s->principal;
	if (who) {
		struct rt_org_link *org = NULL;
		size_t n_org = 0;
		rt_arena a = RT_ARENA_INIT;
		struct rt_entity_owner o;
		rc = rt_store_org_links(s, &a, &org, &n_org, err);
		if (!rc)
			rc = rt_store_entity_owner(s, &a, RT_ENTITY_PLAN, plan_id, &o, err);
		if (!rc)
			rc = rt_authz_check(who, RT_PERM_PLAN_EDIT, o.owner_org_id, o.owner_name, org,
			                    n_org, err);
		rt_arena_release(&a);
		if (rc) {
			rt_plan_doc_release(&d);
			return rc;
		}
	}
	if (!rt_workflow_frozen(d.plan.status)) {
		rc = rt_err_set(err, RT_ESTATE, "status",
		                "Planen är '%s' och kan ändras direkt; en ny version behövs bara för "
		                "en beslutad plan", rt_plan_status_label(d.plan.status));
		rt_plan_doc_release(&d);
		return rc;
	}
	char *snap = snapshot(&d);
	char now[32];
	rt_sql_now(now);
	rt_db_stmt *st = rt_sql_stmt(s, "INSERT INTO plan_version (plan_id, version, status, "
	                                  "saved_at, snapshot) VALUES (?, ?, ?, ?, ?)", err);
	struct rt_bind b = { st, 1, RT_DB_OK };
	rc = st ? 0 : (err ? err->code : RT_EIO);
	if (st) {
		rt_bind_int(&b, plan_id);
		rt_bind_int(&b, d.plan.version);
		rt_bind_text(&b, rt_plan_status_name(d.plan.status));
		rt_bind_text(&b, now);
		rt_bind_text(&b, snap);
		rc = rt_sql_auth_run(s, st, &b, "plan_version", NULL, err);
	}
	if (!rc)
		rc = rt_sql_auth_audit(s, "plan_version", rt_db_last_id(s->db), "insert",
		                       json_pack("{s:I, s:i}", "plan_id", (json_int_t)plan_id,
		                                 "version", d.plan.version), err);
	/* The planner's step is checked above; the reopening itself (decided →
	 * draft) is no status move a person makes, so it is written unchecked. */
	s->principal = NULL;
	struct rt_plan p = d.plan;
	p.status = RT_PLAN_DRAFT;
	p.version = d.plan.version + 1;
	if (!rc)
		rc = rt_store_plan_put(s, &p, err);
	struct rt_plan_change c = { 0, plan_id, p.version, (char *)date, (char *)change, NULL };
	if (!rc)
		rc = rt_store_plan_change_put(s, &c, err);
	s->principal = who;
	if (!rc && version)
		*version = p.version;
	free(snap);
	rt_plan_doc_release(&d);
	return rc;
}
