/* The org tree (parents exist, no cycles, names, depth) and the plan
 * structure built on it: rank in the cascade, the status workflow and a
 * plan's own fields. */
#include "test_util.h"
#include "core/org.h"
#include "core/plan.h"

#include <string.h>

/* Seed 000 §4: Region → Regionstyrelsen → Regiondirektörens förvaltning → HR-staben */
static struct rt_org_unit unit(int64_t id, int64_t parent, enum rt_org_kind kind, char *name)
{
	struct rt_org_unit u;
	memset(&u, 0, sizeof(u));
	u.id = id;
	u.parent_id = parent;
	u.kind = kind;
	u.name = name;
	return u;
}

static void test_tree_ok_and_depth(void **state)
{
	(void)state;
	struct rt_org_unit u[] = {
		unit(1, 0, RT_ORG_REGION, "Region Jämtland Härjedalen"),
		unit(2, 1, RT_ORG_COUNCIL, "Regionfullmäktige"),
		unit(3, 1, RT_ORG_BOARD, "Regionstyrelsen"),
		unit(5, 4, RT_ORG_STAFF, "HR-staben"),          /* parent listed later is fine */
		unit(4, 3, RT_ORG_ADMINISTRATION, "Regiondirektörens förvaltning"),
	};
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_org_tree_check(u, 5, &err), 0);
	assert_int_equal(rt_org_depth(u, 5, 1), 0);
	assert_int_equal(rt_org_depth(u, 5, 2), 1);
	assert_int_equal(rt_org_depth(u, 5, 4), 2);
	assert_int_equal(rt_org_depth(u, 5, 5), 3);
	assert_int_equal(rt_org_depth(u, 5, 99), -1);
	assert_int_equal(rt_org_tree_check(u, 0, &err), 0);
	/* two roots are allowed: two regions in one database */
	struct rt_org_unit two[] = { unit(1, 0, RT_ORG_REGION, "A"), unit(2, 0, RT_ORG_REGION, "B") };
	assert_int_equal(rt_org_tree_check(two, 2, NULL), 0);
}

static void test_tree_errors(void **state)
{
	(void)state;
	rt_err err = RT_ERR_INIT;
	struct rt_org_unit missing[] = {
		unit(1, 0, RT_ORG_REGION, "Region"), unit(2, 7, RT_ORG_BOARD, "Regionstyrelsen"),
	};
	assert_int_equal(rt_org_tree_check(missing, 2, &err), RT_EINVAL);
	assert_string_equal(err.field, "parent_id");
	assert_string_equal(err.msg,
	                    "Organisationsenheten 'Regionstyrelsen' har en överordnad enhet som inte finns (id 7)");

	struct rt_org_unit cycle[] = {
		unit(1, 0, RT_ORG_REGION, "Region"),
		unit(2, 3, RT_ORG_BOARD, "Styrelsen"),
		unit(3, 2, RT_ORG_ADMINISTRATION, "Förvaltningen"),
	};
	rt_err_clear(&err);
	assert_int_equal(rt_org_tree_check(cycle, 3, &err), RT_EINVAL);
	assert_non_null(strstr(err.msg, "bildar en cirkel vid 'Styrelsen'"));
	assert_int_equal(rt_org_depth(cycle, 3, 2), -1);
	assert_int_equal(rt_org_depth(cycle, 3, 1), 0);

	struct rt_org_unit self[] = { unit(1, 1, RT_ORG_REGION, "Region") };
	assert_int_equal(rt_org_tree_check(self, 1, NULL), RT_EINVAL);
	assert_int_equal(rt_org_depth(self, 1, 1), -1);

	struct rt_org_unit noname[] = { unit(1, 0, RT_ORG_REGION, "Region"), unit(2, 1, RT_ORG_UNIT, "  ") };
	rt_err_clear(&err);
	assert_int_equal(rt_org_tree_check(noname, 2, &err), RT_EINVAL);
	assert_string_equal(err.field, "name");
	assert_string_equal(err.msg, "Organisationsenheten med id 2 saknar namn");
	noname[1].name = NULL;
	assert_int_equal(rt_org_tree_check(noname, 2, NULL), RT_EINVAL);

	struct rt_org_unit dup[] = { unit(1, 0, RT_ORG_REGION, "Region"), unit(1, 0, RT_ORG_REGION, "Region 2") };
	rt_err_clear(&err);
	assert_int_equal(rt_org_tree_check(dup, 2, &err), RT_EINVAL);
	assert_string_equal(err.field, "id");
}

static void test_plan_level(void **state)
{
	(void)state;
	static const struct { enum rt_plan_kind kind; enum rt_org_kind owner; int level; } rows[] = {
		{ RT_PLAN_REGION_PLAN, RT_ORG_COUNCIL, 0 },
		{ RT_PLAN_REGION_PLAN, RT_ORG_REGION, 0 },
		{ RT_PLAN_PLANNING_PREMISES, RT_ORG_BOARD, 0 },
		{ RT_PLAN_OPERATIONAL, RT_ORG_REGION, 1 },
		{ RT_PLAN_OPERATIONAL, RT_ORG_COUNCIL, 1 },
		{ RT_PLAN_OPERATIONAL, RT_ORG_BOARD, 1 },
		{ RT_PLAN_OPERATIONAL, RT_ORG_ADMINISTRATION, 2 },
		{ RT_PLAN_OPERATIONAL, RT_ORG_DEPARTMENT, 2 },
		{ RT_PLAN_OPERATIONAL, RT_ORG_UNIT, 2 },
		{ RT_PLAN_OPERATIONAL, RT_ORG_STAFF, 2 },
		{ RT_PLAN_ACTION, RT_ORG_ADMINISTRATION, 3 },
		{ RT_PLAN_ACTION, RT_ORG_BOARD, 3 },
		{ RT_PLAN_ACTIVITY, RT_ORG_UNIT, 4 },
		{ RT_PLAN_ACTIVITY, RT_ORG_DEPARTMENT, 4 },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (rt_plan_level(rows[i].kind, rows[i].owner) != rows[i].level)
			fail_msg("%s owned by %s: level %d, want %d", rt_plan_kind_name(rows[i].kind),
			         rt_org_kind_name(rows[i].owner), rt_plan_level(rows[i].kind, rows[i].owner),
			         rows[i].level);
	/* seed 000 §4: each step of the example chain points up */
	assert_true(rt_plan_level(RT_PLAN_ACTION, RT_ORG_ADMINISTRATION) >
	            rt_plan_level(RT_PLAN_OPERATIONAL, RT_ORG_ADMINISTRATION));
	assert_true(rt_plan_level(RT_PLAN_OPERATIONAL, RT_ORG_ADMINISTRATION) >
	            rt_plan_level(RT_PLAN_OPERATIONAL, RT_ORG_BOARD));
	assert_true(rt_plan_level(RT_PLAN_OPERATIONAL, RT_ORG_BOARD) >
	            rt_plan_level(RT_PLAN_REGION_PLAN, RT_ORG_COUNCIL));
}

static void test_status_transitions(void **state)
{
	(void)state;
	/* ok[from][to] */
	static const int ok[4][4] = {
		/* to: draft, for_decision, decided, archived */
		{ 0, 1, 0, 0 },   /* from draft */
		{ 1, 0, 1, 0 },   /* from for_decision: decided, or sent back */
		{ 0, 0, 0, 1 },   /* from decided */
		{ 0, 0, 0, 0 },   /* from archived: final */
	};
	for (int from = 0; from < 4; from++)
		for (int to = 0; to < 4; to++)
			if (rt_plan_status_transition_ok((enum rt_plan_status)from, (enum rt_plan_status)to) !=
			    ok[from][to])
				fail_msg("%s → %s", rt_plan_status_name(from), rt_plan_status_name(to));
}

static struct rt_plan good_plan(void)
{
	struct rt_plan p;
	memset(&p, 0, sizeof(p));
	p.kind = RT_PLAN_ACTION;
	p.title = "Övergripande handlingsplan för jämställdhet 2025";
	p.start_year = 2025;
	p.end_year = 2025;
	p.version = 1;
	return p;
}

static void test_plan_fields(void **state)
{
	(void)state;
	rt_err err = RT_ERR_INIT;
	struct rt_plan p = good_plan();
	assert_int_equal(rt_plan_check_fields(&p, &err), 0);
	p.start_year = 1900;
	p.end_year = 2200;
	assert_int_equal(rt_plan_check_fields(&p, &err), 0);

	static const struct { const char *field; int start, end, version; const char *title; const char *msg; } bad[] = {
		{ "title", 2025, 2025, 1, "", "Planen måste ha en titel" },
		{ "title", 2025, 2025, 1, NULL, "Planen måste ha en titel" },
		{ "start_year", 1899, 2025, 1, "X", "Planens startår 1899 ligger inte mellan 1900 och 2200" },
		{ "end_year", 2025, 2201, 1, "X", "Planens slutår 2201 ligger inte mellan 1900 och 2200" },
		{ "end_year", 2026, 2024, 1, "X", "Planens slutår 2024 ligger före startåret 2026" },
		{ "version", 2025, 2025, 0, "X", "Planens version måste vara 1 eller högre (är 0)" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = good_plan();
		p.start_year = bad[i].start;
		p.end_year = bad[i].end;
		p.version = bad[i].version;
		p.title = (char *)bad[i].title;
		rt_err_clear(&err);
		assert_int_equal(rt_plan_check_fields(&p, &err), RT_EINVAL);
		assert_string_equal(err.field, bad[i].field);
		assert_string_equal(err.msg, bad[i].msg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_ok_and_depth),
		cmocka_unit_test(test_tree_errors),
		cmocka_unit_test(test_plan_level),
		cmocka_unit_test(test_status_transitions),
		cmocka_unit_test(test_plan_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
