/* Authorisation rules (core/authz.h) as a table: every role × every
 * permission class on its own unit, a unit below it and a sibling unit;
 * anonymous visitors; grants for the whole database; published plans. */
#include "test_util.h"

#include <string.h>

#include "core/authz.h"
#include "core/plan.h"

/* Region 1 → boards 2 (RS) and 3 (HSN); 4 is an administration under 2. */
static const struct rt_org_link org[] = { { 1, 0 }, { 2, 1 }, { 3, 1 }, { 4, 2 } };
#define N_ORG (sizeof org / sizeof org[0])

/* Expected per role: public read report plan_edit decide reopen admin. */
static const bool expect[RT_ROLE_COUNT][RT_PERM_COUNT] = {
	[RT_ROLE_ADMIN]    = { 1, 1, 1, 1, 1, 1, 1 },
	[RT_ROLE_PLANNER]  = { 1, 1, 0, 1, 0, 1, 0 },
	[RT_ROLE_REPORTER] = { 1, 1, 1, 0, 0, 0, 0 },
	[RT_ROLE_DECIDER]  = { 1, 1, 0, 0, 1, 0, 0 },
	[RT_ROLE_READER]   = { 1, 1, 0, 0, 0, 0, 0 },
};

static void test_every_role_and_permission(void **state)
{
	(void)state;
	for (int r = 0; r < RT_ROLE_COUNT; r++) {
		struct rt_role_grant g = { (enum rt_role)r, 2 };
		struct rt_principal p = { "u", true, &g, 1 };
		for (int m = 0; m < RT_PERM_COUNT; m++) {
			bool own = rt_authz_allows(&p, (enum rt_perm)m, 2, org, N_ORG);
			bool below = rt_authz_allows(&p, (enum rt_perm)m, 4, org, N_ORG);
			bool sibling = rt_authz_allows(&p, (enum rt_perm)m, 3, org, N_ORG);
			bool above = rt_authz_allows(&p, (enum rt_perm)m, 1, org, N_ORG);
			if (own != expect[r][m] || below != expect[r][m])
				fail_msg("%s/%s: own %d below %d", rt_role_name(g.role),
				         rt_perm_name((enum rt_perm)m), own, below);
			/* Only what is public reaches outside the unit's subtree. */
			bool outside = m == RT_PERM_PUBLIC;
			if (sibling != outside || above != outside)
				fail_msg("%s/%s: sibling %d above %d", rt_role_name(g.role),
				         rt_perm_name((enum rt_perm)m), sibling, above);
		}
	}
}

static void test_planner_of_a_cannot_touch_b(void **state)
{
	(void)state;
	struct rt_role_grant g = { RT_ROLE_PLANNER, 2 };
	struct rt_principal p = { "anna", true, &g, 1 };
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_authz_check(&p, RT_PERM_PLAN_EDIT, 2, "Regionstyrelsen", org, N_ORG,
	                                &err), 0);
	assert_int_equal(rt_authz_check(&p, RT_PERM_PLAN_EDIT, 3, "Hälso- och sjukvårdsnämnden",
	                                org, N_ORG, &err), RT_EFORBIDDEN);
	assert_string_equal(err.msg,
	                    "anna saknar behörighet att ändra planer för Hälso- och sjukvårdsnämnden");
}

static void test_reporter_cannot_edit_plan(void **state)
{
	(void)state;
	struct rt_role_grant g = { RT_ROLE_REPORTER, 2 };
	struct rt_principal p = { "rut", true, &g, 1 };
	rt_err err = RT_ERR_INIT;
	assert_true(rt_authz_allows(&p, RT_PERM_REPORT, 4, org, N_ORG));
	assert_int_equal(rt_authz_check(&p, RT_PERM_PLAN_EDIT, 2, NULL, org, N_ORG, &err), RT_EFORBIDDEN);
	assert_string_equal(err.msg, "rut saknar behörighet att ändra planer");
	assert_false(rt_authz_allows(&p, RT_PERM_PLAN_DECIDE, 2, org, N_ORG));
}

static void test_anonymous_and_published(void **state)
{
	(void)state;
	struct rt_principal anon = { NULL, false, NULL, 0 };
	rt_err err = RT_ERR_INIT;
	for (int m = 1; m < RT_PERM_COUNT; m++)
		assert_false(rt_authz_allows(&anon, (enum rt_perm)m, 2, org, N_ORG));
	assert_true(rt_authz_allows(&anon, RT_PERM_PUBLIC, 2, org, N_ORG));
	assert_true(rt_authz_allows(NULL, RT_PERM_PUBLIC, 0, org, N_ORG));
	assert_int_equal(rt_authz_check(&anon, RT_PERM_REPORT, 2, NULL, org, N_ORG, &err), RT_EFORBIDDEN);
	assert_string_equal(err.msg, "Logga in för att rapportera utfall");
	/* Only a decided plan, and only when the region publishes. */
	assert_true(rt_authz_plan_readable(&anon, 2, RT_PLAN_DECIDED, true, org, N_ORG));
	assert_false(rt_authz_plan_readable(&anon, 2, RT_PLAN_DECIDED, false, org, N_ORG));
	assert_false(rt_authz_plan_readable(&anon, 2, RT_PLAN_DRAFT, true, org, N_ORG));
	assert_false(rt_authz_plan_readable(&anon, 2, RT_PLAN_FOR_DECISION, true, org, N_ORG));
	struct rt_role_grant g = { RT_ROLE_READER, 3 };
	struct rt_principal reader = { "lo", true, &g, 1 };
	assert_true(rt_authz_plan_readable(&reader, 3, RT_PLAN_DRAFT, false, org, N_ORG));
	assert_false(rt_authz_plan_readable(&reader, 2, RT_PLAN_DRAFT, false, org, N_ORG));
	/* A logged-in user without any role is no better than anonymous. */
	struct rt_principal none = { "ny", true, NULL, 0 };
	assert_false(rt_authz_allows(&none, RT_PERM_READ, 2, org, N_ORG));
}

static void test_whole_database_grant_and_cycles(void **state)
{
	(void)state;
	struct rt_role_grant g = { RT_ROLE_ADMIN, 0 };
	struct rt_principal p = { "admin", true, &g, 1 };
	for (int64_t u = 1; u <= 4; u++)
		assert_true(rt_authz_allows(&p, RT_PERM_ADMIN, u, org, N_ORG));
	/* A cycle in bad data ends the walk instead of looping. */
	static const struct rt_org_link loop[] = { { 5, 6 }, { 6, 5 } };
	assert_false(rt_org_within(loop, 2, 5, 7));
	assert_true(rt_org_within(loop, 2, 5, 6));
}

static void test_role_names(void **state)
{
	(void)state;
	enum rt_role r;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_role_parse("decision_maker", &r, &err), 0);
	assert_int_equal(r, RT_ROLE_DECIDER);
	assert_int_equal(rt_role_parse("planerare", &r, &err), 0);
	assert_int_equal(r, RT_ROLE_PLANNER);
	assert_int_equal(rt_role_parse("chef", &r, &err), RT_EINVAL);
	assert_non_null(strstr(err.msg, "Okänd roll 'chef'"));
	assert_string_equal(rt_role_label(RT_ROLE_REPORTER), "Rapportör");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_role_and_permission),
		cmocka_unit_test(test_planner_of_a_cannot_touch_b),
		cmocka_unit_test(test_reporter_cannot_edit_plan),
		cmocka_unit_test(test_anonymous_and_published),
		cmocka_unit_test(test_whole_database_grant_and_cycles),
		cmocka_unit_test(test_role_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
