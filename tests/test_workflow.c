/* The plan workflow (core/workflow.h, store_auth.h): a decided plan's
 * goals, indicators and targets cannot change; an import may fill a plan it
 * creates as decided in the same transaction; a new version keeps the
 * decided one as a snapshot, reopens the plan as a draft with the next
 * version and a change-log row; the diarienummer rule; closed periods. */
#include "test_util.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/workflow.h"
#include "store/store.h"
#include "store/store_auth.h"

struct fx {
	char *path;
	rt_store *s;
	rt_err err;
	rt_arena a;
	struct rt_plan plan;
	struct rt_goal goal;
};

#define OK(f, call)                                                             \
	do {                                                                    \
		int rc_ = (call);                                               \
		if (rc_ != 0)                                                   \
			fail_msg("%s: %d %s", #call, rc_, (f)->err.msg);        \
	} while (0)

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->path = rt_test_db("workflow.db");
	if (rt_store_open(&f->s, f->path, RT_STORE_OPEN_CREATE, &f->err) != 0)
		return -1;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	struct rt_org_unit org = { 0, 0, RT_ORG_REGION, "r", "Region", NULL };
	OK(f, rt_store_org_put(f->s, &org, &f->err));
	f->plan = (struct rt_plan){ 0, "vp", RT_PLAN_OPERATIONAL, org.id, 0, "Verksamhetsplan",
	                            2021, 2021, "RS/1/2021", 1, RT_PLAN_DECIDED, "Regionstyrelsen",
	                            NULL };
	OK(f, rt_store_plan_put(f->s, &f->plan, &f->err));
	/* Filling a plan created as decided in the same transaction: allowed. */
	f->goal = (struct rt_goal){ .plan_id = f->plan.id, .kind = RT_GOAL_GOAL,
	                            .key = "g", .title = "Nöjda invånare" };
	OK(f, rt_store_goal_put(f->s, &f->goal, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	rt_store_close(f->s);
	rt_arena_release(&f->a);
	free(f->path);
	free(f);
	return 0;
}

static void test_decided_plan_is_frozen(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	f->goal.title = "Ändrat i efterhand";
	assert_int_equal(rt_store_goal_put(f->s, &f->goal, &f->err), RT_ESTATE);
	assert_non_null(strstr(f->err.msg, "Planen 'Verksamhetsplan' är beslutad och kan inte "
	                                   "ändras; skapa en ny version"));
	struct rt_goal g2 = { .plan_id = f->plan.id, .kind = RT_GOAL_GOAL, .title = "Nytt" };
	assert_int_equal(rt_store_goal_put(f->s, &g2, &f->err), RT_ESTATE);
	struct rt_indicator ind = { .goal_id = f->goal.id, .name = "Andel nöjda" };
	assert_int_equal(rt_store_indicator_put(f->s, &ind, &f->err), RT_ESTATE);
	rt_store_rollback(f->s);
	struct rt_goal stored;
	OK(f, rt_store_goal_get(f->s, &f->a, f->goal.id, &stored, &f->err));
	assert_string_equal(stored.title, "Nöjda invånare");
}

static void test_new_version(void **state)
{
	struct fx *f = *state;
	int version;
	OK(f, rt_store_begin(f->s, "planerare", &f->err));
	OK(f, rt_store_plan_new_version(f->s, f->plan.id, "Nytt mål om väntetider", "2021-09-01",
	                                &version, &f->err));
	assert_int_equal(version, 2);
	/* Now a draft: the goal may change. */
	f->goal.title = "Nöjda invånare och patienter";
	OK(f, rt_store_goal_put(f->s, &f->goal, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	struct rt_plan_doc d;
	rt_plan_doc_init(&d);
	OK(f, rt_store_plan_load(f->s, f->plan.id, &d, &f->err));
	assert_int_equal(d.plan.status, RT_PLAN_DRAFT);
	assert_int_equal(d.plan.version, 2);
	assert_int_equal(d.n_changes, 1);
	assert_int_equal(d.changes[0].version, 2);
	assert_string_equal(d.changes[0].date, "2021-09-01");
	assert_string_equal(d.changes[0].change, "Nytt mål om väntetider");
	rt_plan_doc_release(&d);
	/* Version 1 is kept as it was decided. */
	char *row = rt_test_sql_text(f->path, "SELECT version || ' ' || status FROM plan_version");
	assert_string_equal(row, "1 decided");
	free(row);
	char *snap = rt_test_sql_text(f->path, "SELECT snapshot FROM plan_version");
	assert_non_null(snap);
	assert_non_null(strstr(snap, "\"title\":\"Nöjda invånare\""));
	assert_null(strstr(snap, "patienter"));
	free(snap);
	/* A draft needs no new version. */
	OK(f, rt_store_begin(f->s, "planerare", &f->err));
	assert_int_equal(rt_store_plan_new_version(f->s, f->plan.id, "x", "2021-09-02", NULL,
	                                           &f->err), RT_ESTATE);
	assert_non_null(strstr(f->err.msg, "en ny version behövs bara för en beslutad plan"));
	assert_int_equal(rt_store_plan_new_version(f->s, f->plan.id, "", "2021-09-02", NULL,
	                                           &f->err), RT_EINVAL);
	rt_store_rollback(f->s);
}

static void test_status_rules(void **state)
{
	(void)state;
	rt_err err = RT_ERR_INIT;
	struct rt_plan p = { .title = "Plan", .status = RT_PLAN_DRAFT };
	assert_int_equal(rt_workflow_status_check(&p, RT_PLAN_FOR_DECISION, &err), RT_EINVAL);
	assert_string_equal(err.msg, "Planen måste ha ett diarienummer innan den går till beslut");
	assert_string_equal(err.field, "case_number");
	p.case_number = "RS/1321/2015";
	assert_int_equal(rt_workflow_status_check(&p, RT_PLAN_FOR_DECISION, &err), 0);
	assert_int_equal(rt_workflow_status_check(&p, RT_PLAN_DECIDED, &err), RT_ESTATE);
	assert_string_equal(err.msg, "En plan som är 'Utkast' kan inte bli 'Beslutad'");
	p.status = RT_PLAN_DECIDED;
	assert_int_equal(rt_workflow_status_check(&p, RT_PLAN_ARCHIVED, &err), 0);
	assert_int_equal(rt_workflow_status_check(&p, RT_PLAN_DRAFT, &err), RT_ESTATE);
	assert_true(rt_workflow_frozen(RT_PLAN_DECIDED));
	assert_true(rt_workflow_frozen(RT_PLAN_ARCHIVED));
	assert_false(rt_workflow_frozen(RT_PLAN_FOR_DECISION));
}

static void test_closed_period(void **state)
{
	(void)state;
	static const struct rt_org_link org[] = { { 1, 0 }, { 2, 1 } };
	struct rt_role_grant rep = { RT_ROLE_REPORTER, 2 }, adm = { RT_ROLE_ADMIN, 0 };
	struct rt_principal reporter = { "rut", true, &rep, 1 }, admin = { "admin", true, &adm, 1 };
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_workflow_outcome_check(&reporter, true, "2021-T1", "2021-05-15", 2, org,
	                                           2, &err), 0);
	assert_int_equal(rt_workflow_outcome_check(&reporter, false, "2021-T1", "2021-05-15", 2, org,
	                                           2, &err), RT_ESTATE);
	assert_string_equal(err.msg, "Perioden 2021-T1 är stängd sedan 2021-05-15; en planerare "
	                             "kan öppna den igen");
	assert_int_equal(rt_workflow_outcome_check(&admin, false, "2021-T1", "2021-05-15", 2, org,
	                                           2, &err), 0);
}

/* Who moves a plan: the planner sends it for decision, the decision maker
 * of the unit (or above) decides and archives; the message names both. */
static void test_move_permission(void **state)
{
	(void)state;
	static const struct rt_org_link org[] = { { 1, 0 }, { 2, 1 }, { 3, 0 } };
	struct rt_role_grant pl = { RT_ROLE_PLANNER, 2 }, dm = { RT_ROLE_DECIDER, 1 },
	                     other = { RT_ROLE_DECIDER, 3 };
	struct rt_principal planner = { "per", true, &pl, 1 }, decider = { "dora", true, &dm, 1 },
	                    elsewhere = { "eva", true, &other, 1 };
	rt_err err = RT_ERR_INIT;
	struct rt_plan p = { .title = "Plan", .status = RT_PLAN_DRAFT, .owner_org_id = 2,
	                     .case_number = "RS/1321/2015" };
	assert_int_equal(rt_workflow_status_perm(RT_PLAN_DRAFT, RT_PLAN_FOR_DECISION),
	                 RT_PERM_PLAN_EDIT);
	assert_int_equal(rt_workflow_status_perm(RT_PLAN_FOR_DECISION, RT_PLAN_DECIDED),
	                 RT_PERM_PLAN_DECIDE);
	assert_int_equal(rt_workflow_status_perm(RT_PLAN_DECIDED, RT_PLAN_ARCHIVED),
	                 RT_PERM_PLAN_DECIDE);
	assert_int_equal(rt_workflow_move_check(&planner, &p, RT_PLAN_FOR_DECISION, "Styrelsen", org,
	                                        3, &err), 0);
	assert_int_equal(rt_workflow_move_check(&decider, &p, RT_PLAN_FOR_DECISION, "Styrelsen", org,
	                                        3, &err), RT_EFORBIDDEN);
	p.status = RT_PLAN_FOR_DECISION;
	assert_int_equal(rt_workflow_move_check(&planner, &p, RT_PLAN_DECIDED, "Styrelsen", org, 3,
	                                        &err), RT_EFORBIDDEN);
	assert_string_equal(err.msg, "per saknar behörighet att besluta planer för Styrelsen");
	assert_int_equal(rt_workflow_move_check(&elsewhere, &p, RT_PLAN_DECIDED, "Styrelsen", org, 3,
	                                        &err), RT_EFORBIDDEN);
	assert_int_equal(rt_workflow_move_check(&decider, &p, RT_PLAN_DECIDED, "Styrelsen", org, 3,
	                                        &err), 0);
	/* the reporter of another unit is refused for the unit, not the period */
	struct rt_role_grant rep3 = { RT_ROLE_REPORTER, 3 };
	struct rt_principal rep = { "rut", true, &rep3, 1 };
	assert_int_equal(rt_workflow_outcome_check(&rep, true, "2021-T1", NULL, 2, org, 3, &err),
	                 RT_EFORBIDDEN);
	assert_string_equal(err.msg, "rut saknar behörighet att rapportera utfall");
	/* a planner of the unit writes in a closed period */
	assert_int_equal(rt_workflow_outcome_check(&planner, false, "2021-T1", "2021-05-15", 2, org,
	                                           3, &err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_decided_plan_is_frozen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_version, setup, teardown),
		cmocka_unit_test(test_status_rules),
		cmocka_unit_test(test_closed_period),
		cmocka_unit_test(test_move_permission),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
