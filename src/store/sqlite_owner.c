/* Who owns what and who may write it (store_auth.h): entity → plan →
 * owner org unit in one read, the principal a connection writes as, and
 * the check every put and delete makes with it (rt_sql_authz_check, called
 * by the workflow guard in sqlite_workflow.c). The rules themselves are
 * core/authz.h and core/workflow.h; this file only finds the org unit, the
 * period and the clock they are asked about. */
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
