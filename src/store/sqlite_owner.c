/* Who owns what and who may write it (store_auth.h): entity → plan →
 * owner org unit in one read, the principal a connection writes as, and
 * the check every put and delete makes with it (rt_sql_authz_check, called
 * by the workflow guard in sqlite_workflow.c). The rules themselves are
 * core/authz.h and core/workflow.h; this file only finds the org unit, the
 * period and the clock they are asked about. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/workflow.h"
#include "store/sqlite_auth_int.h"

/* Every lookup ends at the plan and its owner org unit. */
#define OWNER_COLS "SELECT p.id, p.owner_org_id, p.status, o.name FROM "
#define OWNER_TAIL(plan_ref) \
	" JOIN plan p ON p.id = " plan_ref " JOIN org_unit o ON o.id = p.owner_org_id WHERE x.id = ?"

static const char *const owner_sql[] = {
	[RT_ENTITY_PLAN] = OWNER_COLS "plan x" OWNER_TAIL("x.id"),
	[RT_ENTITY_GOAL] = OWNER_COLS "goal x" OWNER_TAIL("x.plan_id"),
	[RT_ENTITY_INDICATOR] = OWNER_COLS "indicator x JOIN goal g ON g.id = x.goal_id"
	                        OWNER_TAIL("g.plan_id"),
	[RT_ENTITY_TARGET] = OWNER_COLS "target x JOIN indicator i ON i.id = x.indicator_id "
	                     "JOIN goal g ON g.id = i.goal_id" OWNER_TAIL("g.plan_id"),
	[RT_ENTITY_ACTIVITY] = OWNER_COLS "activity x JOIN goal g ON g.id = x.goal_id"
	                       OWNER_TAIL("g.plan_id"),
};

int rt_store_entity_owner(rt_store *s, rt_arena *a, enum rt_entity_kind kind, int64_t id,
                          struct rt_entity_owner *out, rt_err *err)
{
	if ((int)kind < 0 || (size_t)kind >= sizeof owner_sql / sizeof owner_sql[0])
		return rt_err_set(err, RT_EINTERNAL, "", "Okänd sorts rad (%d)", (int)kind);
	STMT(s, owner_sql[kind], err);
	rt_bind_int(&b, id);
	int rc = rt_db_step(st);
	if (rc == RT_DB_ROW) {
		out->plan_id = rt_db_col_int(st, 0);
		out->owner_org_id = rt_db_col_int(st, 1);
		const char *status = rt_db_col_text(st, 2);
		if (rt_plan_status_parse(status ? status : "", &out->status, NULL) != 0)
			out->status = RT_PLAN_DRAFT;
		const char *name = rt_db_col_text(st, 3);
		out->owner_name = a ? rt_arena_strdup(a, name ? name : "") : NULL;
	}
	rt_sql_done(st);
	if (rc == RT_DB_DONE)
		return rt_err_set(err, RT_ENOTFOUND, "id", "Finns inte (id %lld)", (long long)id);
	return rc == RT_DB_ROW ? 0 : rt_sql_fail(s, rc, "ägare", err);
}

void rt_store_set_principal(rt_store *s, const struct rt_principal *p)
{
	s->principal = p;
}

const struct rt_principal *rt_store_principal_get(rt_store *s)
{
	return s->principal;
}

int64_t rt_store_clock(void)
{
	const char *t = getenv("RODTRAD_TEST_NOW");
	if (t && *t) {
		char *end;
		long long v = strtoll(t, &end, 10);
		if (!*end && v > 0)
			return (int64_t)v;
	}
	return (int64_t)time(NULL);
}

/* Today as the region sees it (local date), for deadlines. */
static void today(char out[11])
{
	time_t t = (time_t)rt_store_clock();
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int rt_store_followup_check(rt_store *s, const struct rt_principal *p, int64_t owner_org_id,
                            int64_t period_id, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_org_link *org = NULL;
	size_t n_org = 0;
	struct rt_period per = { 0 };
	bool open = true;
	char now[11];
	today(now);
	int rc = rt_store_org_links(s, &a, &org, &n_org, err);
	if (!rc && period_id) {
		rc = rt_store_period_get(s, &a, period_id, &per, err);
		if (!rc)
			rc = rt_store_period_open(s, period_id, now, &open, err);
		if (rc == RT_ENOTFOUND) {   /* the write itself reports the missing period */
			rt_err_clear(err);
			rc = 0;
		}
	}
	if (!rc)
		rc = rt_workflow_outcome_check(p, open, per.key, per.deadline, owner_org_id, org, n_org,
		                               err);
	rt_arena_release(&a);
	return rc;
}

/* ---- the check every put and delete makes -------------------------------- */

/* How a table's rows reach their plan: the kind of row their reference
 * names, where that reference sits in the struct, and the SQL from a
 * stored row's id to the reference and the period (0 for plan content). */
struct path {
	const struct rt_sql_entity *e;
	enum rt_entity_kind ref_kind;
	size_t ref_off, period_off;   /* period_off 0: plan content */
	const char *by_id;
};

#define REF(type, field) offsetof(type, field)
static const struct path paths[] = {
	{ &rt_sql_goal, RT_ENTITY_PLAN, REF(struct rt_goal, plan_id), 0,
	  "SELECT plan_id, 0 FROM goal WHERE id = ?" },
	{ &rt_sql_indicator, RT_ENTITY_GOAL, REF(struct rt_indicator, goal_id), 0,
	  "SELECT goal_id, 0 FROM indicator WHERE id = ?" },
	{ &rt_sql_activity, RT_ENTITY_GOAL, REF(struct rt_activity, goal_id), 0,
	  "SELECT goal_id, 0 FROM activity WHERE id = ?" },
	{ &rt_sql_target, RT_ENTITY_INDICATOR, REF(struct rt_target, indicator_id), 0,
	  "SELECT indicator_id, 0 FROM target WHERE id = ?" },
	{ &rt_sql_baseline, RT_ENTITY_INDICATOR, REF(struct rt_baseline, indicator_id), 0,
	  "SELECT indicator_id, 0 FROM baseline WHERE id = ?" },
	{ &rt_sql_budget_line, RT_ENTITY_PLAN, REF(struct rt_budget_line, plan_id), 0,
	  "SELECT plan_id, 0 FROM budget_line WHERE id = ?" },
	{ &rt_sql_plan_change, RT_ENTITY_PLAN, REF(struct rt_plan_change, plan_id), 0,
	  "SELECT plan_id, 0 FROM plan_change WHERE id = ?" },
	{ &rt_sql_outcome, RT_ENTITY_INDICATOR, REF(struct rt_outcome, indicator_id),
	  REF(struct rt_outcome, period_id),
	  "SELECT indicator_id, period_id FROM outcome WHERE id = ?" },
	{ &rt_sql_assessment, RT_ENTITY_GOAL, REF(struct rt_assessment, goal_id),
	  REF(struct rt_assessment, period_id),
	  "SELECT goal_id, period_id FROM assessment WHERE id = ?" },
	{ &rt_sql_activity_status, RT_ENTITY_ACTIVITY, REF(struct rt_activity_status, activity_id),
	  REF(struct rt_activity_status, period_id),
	  "SELECT activity_id, period_id FROM activity_status WHERE id = ?" },
};

static int64_t field(const void *obj, size_t off)
{
	int64_t v;
	memcpy(&v, (const char *)obj + off, sizeof v);
	return v;
}

/* The stored row's reference and period; *ref 0 when the row is gone. */
static int stored_ref(rt_store *s, const struct path *p, int64_t id, int64_t *ref,
                      int64_t *period, rt_err *err)
{
	*ref = *period = 0;
	STMT(s, p->by_id, err);
	rt_bind_int(&b, id);
	int rc = rt_db_step(st);
	if (rc == RT_DB_ROW) {
		*ref = rt_db_col_int(st, 0);
		*period = rt_db_col_int(st, 1);
	}
	rt_sql_done(st);
	return rc == RT_DB_ROW || rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, p->e->table, err);
}

struct who {
	const struct rt_principal *p;
	struct rt_org_link *org;
	size_t n_org;
	rt_arena *a;
};

/* One image of a row (new or stored): its plan's owner may be changed by
 * w for plan content, reported on for follow-up. An unknown reference is
 * left to the put's own foreign-key check. */
static int check_ref(rt_store *s, const struct who *w, const struct path *p, int64_t ref,
                     int64_t period, rt_err *err)
{
	struct rt_entity_owner o;
	if (!ref)
		return 0;
	int rc = rt_store_entity_owner(s, w->a, p->ref_kind, ref, &o, err);
	if (rc == RT_ENOTFOUND) {
		rt_err_clear(err);
		return 0;
	}
	if (rc)
		return rc;
	if (p->period_off)
		return rt_store_followup_check(s, w->p, o.owner_org_id, period, err);
	return rt_authz_check(w->p, RT_PERM_PLAN_EDIT, o.owner_org_id, o.owner_name, w->org,
	                      w->n_org, err);
}

/* Writes as nobody in particular: the store's own follow-on writes (the
 * change-log row of a decision, a new version) once the person's step has
 * been checked. */
static int as_store(rt_store *s, int (*fn)(rt_store *, void *, rt_err *), void *arg,
                    rt_err *err)
{
	const struct rt_principal *saved = s->principal;
	s->principal = NULL;
	int rc = fn(s, arg, err);
	s->principal = saved;
	return rc;
}

static int put_change(rt_store *s, void *c, rt_err *err)
{
	return rt_store_plan_change_put(s, c, err);
}

/* The change-log row of a decision (seed 000: version, date, change,
 * "Beslutat av"): the row new-version wrote for this version gets the
 * decider; a first decision gets "Nyutgåva". The decider is the person's
 * display name, else the login name. */
static int record_decision(rt_store *s, const struct who *w, const struct rt_plan *np,
                           rt_err *err)
{
	struct rt_user u;
	const char *by = w->p->name ? w->p->name : "";
	if (rt_store_user_get(s, w->a, by, &u, NULL) == 0 && u.display_name && *u.display_name)
		by = u.display_name;
	char date[11];
	today(date);
	struct rt_plan_change c = { 0, np->id, np->version, date,
	                            np->version <= 1 ? "Nyutgåva" : "Ny version beslutad",
	                            (char *)by };
	STMT(s, "SELECT id, date, change FROM plan_change WHERE plan_id = ? AND version = ? "
	        "ORDER BY id DESC LIMIT 1", err);
	rt_bind_int(&b, np->id);
	rt_bind_int(&b, np->version);
	int rc = rt_db_step(st);
	if (rc == RT_DB_ROW) {
		c.id = rt_db_col_int(st, 0);
		const char *d = rt_db_col_text(st, 1), *ch = rt_db_col_text(st, 2);
		c.date = rt_arena_strdup(w->a, d ? d : date);
		c.change = rt_arena_strdup(w->a, ch ? ch : c.change);
	}
	rt_sql_done(st);
	if (rc != RT_DB_ROW && rc != RT_DB_DONE)
		return rt_sql_fail(s, rc, "plan_change", err);
	return as_store(s, put_change, &c, err);
}

/* Does the new image differ from the stored plan in more than status? */
static bool more_than_status(const struct rt_plan *old, const struct rt_plan *np)
{
	struct rt_plan x = *np;
	x.status = old->status;
	json_t *a = rt_json_plan(old), *b = rt_json_plan(&x);
	bool differ = !json_equal(a, b);
	json_decref(a);
	json_decref(b);
	return differ;
}

/* The plan row: creating or changing needs the planner of the owner (both
 * owners when it moves), a status move the permission core/workflow.h
 * names and the diarienummer; a decision writes its change-log row. */
static int check_plan(rt_store *s, const struct who *w, const struct rt_plan *np, int64_t id,
                      rt_err *err)
{
	struct rt_entity_owner o;
	struct rt_plan old;
	int rc = id ? rt_store_entity_owner(s, w->a, RT_ENTITY_PLAN, id, &o, err) : RT_ENOTFOUND;
	if (rc == RT_ENOTFOUND) {   /* a new plan */
		rt_err_clear(err);
		return np ? rt_authz_check(w->p, RT_PERM_PLAN_EDIT, np->owner_org_id, NULL, w->org,
		                           w->n_org, err) : 0;
	}
	if (rc || (rc = rt_store_plan_get(s, w->a, id, &old, err)) != 0)
		return rc;
	if (!np || np->status == old.status || more_than_status(&old, np)) {
		if ((rc = rt_authz_check(w->p, RT_PERM_PLAN_EDIT, o.owner_org_id, o.owner_name, w->org,
		                         w->n_org, err)) != 0)
			return rc;
	}
	if (!np)
		return 0;
	if (np->owner_org_id != old.owner_org_id &&
	    (rc = rt_authz_check(w->p, RT_PERM_PLAN_EDIT, np->owner_org_id, NULL, w->org, w->n_org,
	                         err)) != 0)
		return rc;
	if (np->status == old.status)
		return 0;
	struct rt_plan move = *np;   /* the new diarienummer counts, the old owner decides */
	move.status = old.status;
	move.owner_org_id = old.owner_org_id;
	if ((rc = rt_workflow_move_check(w->p, &move, np->status, o.owner_name, w->org, w->n_org,
	                                 err)) != 0)
		return rc;
	return np->status == RT_PLAN_DECIDED ? record_decision(s, w, np, err) : 0;
}

static bool global_admin(const struct rt_principal *p)
{
	for (size_t i = 0; p->authenticated && i < p->n_grants; i++)
		if (p->grants[i].role == RT_ROLE_ADMIN && p->grants[i].org_unit_id == 0)
			return true;
	return false;
}

int rt_sql_authz_check(rt_store *s, const struct rt_sql_entity *e, const void *obj, int64_t id,
                       rt_err *err)
{
	if (!s->principal)
		return 0;
	/* An administrator of the whole database may write any row; only the
	 * plan row has more to it (the diarienummer, the decision's change-log
	 * row). Spares an import its per-row lookups. */
	if (e != &rt_sql_plan && global_admin(s->principal))
		return 0;
	rt_arena a = RT_ARENA_INIT;
	struct who w = { s->principal, NULL, 0, &a };
	int rc = rt_store_org_links(s, &a, &w.org, &w.n_org, err);
	const struct path *p = NULL;
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
		if (paths[i].e == e)
			p = &paths[i];
	if (rc) {
		/* nothing */
	} else if (e == &rt_sql_plan) {
		rc = check_plan(s, &w, obj, id, err);
	} else if (p) {
		int64_t ref = 0, period = 0;
		if (obj)
			rc = check_ref(s, &w, p, field(obj, p->ref_off),
			               p->period_off ? field(obj, p->period_off) : 0, err);
		if (!rc && id)
			rc = stored_ref(s, p, id, &ref, &period, err);
		if (!rc && id && (!obj || ref != field(obj, p->ref_off)))
			rc = check_ref(s, &w, p, ref, period, err);
	} else {
		/* org units, periods: the administrator's */
		rc = rt_authz_check(w.p, RT_PERM_ADMIN, 0, NULL, w.org, w.n_org, err);
	}
	rt_arena_release(&a);
	return rc;
}

int rt_sql_authz_plan_edit(rt_store *s, int64_t plan_id, rt_err *err)
{
	if (!s->principal || global_admin(s->principal))
		return 0;
	rt_arena a = RT_ARENA_INIT;
	struct who w = { s->principal, NULL, 0, &a };
	static const struct path plan_path = { &rt_sql_plan, RT_ENTITY_PLAN, 0, 0, NULL };
	int rc = rt_store_org_links(s, &a, &w.org, &w.n_org, err);
	if (!rc)
		rc = check_ref(s, &w, &plan_path, plan_id, 0, err);
	rt_arena_release(&a);
	return rc;
}

int rt_store_authz_org(rt_store *s, enum rt_perm perm, int64_t org_unit_id, rt_err *err)
{
	if (!s->principal || global_admin(s->principal))
		return 0;
	rt_arena a = RT_ARENA_INIT;
	struct rt_org_link *org = NULL;
	size_t n_org = 0;
	int rc = rt_store_org_links(s, &a, &org, &n_org, err);
	if (!rc)
		rc = rt_authz_check(s->principal, org_unit_id ? perm : RT_PERM_ADMIN, org_unit_id, NULL,
		                    org, n_org, err);
	rt_arena_release(&a);
	return rc;
}
