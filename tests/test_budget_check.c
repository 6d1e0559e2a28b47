/* Budget sums against stated totals, with seed 001's driftbudget. */
#include "test_util.h"
#include "core/budget_check.h"

#include <string.h>

static struct rt_budget_line line(enum rt_budget_category c, int64_t tkr)
{
	struct rt_budget_line l;
	memset(&l, 0, sizeof(l));
	l.kind = RT_BUDGET_OPERATING;
	l.category = c;
	l.year = 2024;
	l.org_unit_id = 7;
	l.amount_tkr = tkr;
	l.id = 100 + c;
	return l;
}

static void test_seed001_mismatch(void **state)
{
	(void)state;
	/* Regionkontoret 2024: 332, -529, -515, nettobudget printed -713 */
	struct rt_budget_line lines[] = {
		line(RT_BUDGET_INCOME, 332000), line(RT_BUDGET_STAFF_COSTS, -529000),
		line(RT_BUDGET_OTHER_COSTS, -515000), line(RT_BUDGET_NET, -713000),
	};
	bool any = false;
	assert_int_equal(rt_budget_net_sum(lines, 4, 7, 2024, &any), -712000);
	assert_true(any);
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_budget_check(lines, 4, &f);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.items[0].severity, RT_SEV_WARNING);
	assert_string_equal(f.items[0].rule, "budget_net_sum");
	assert_int_equal(f.items[0].entity_id, 100 + RT_BUDGET_NET);
	assert_non_null(strstr(f.items[0].message, "-713,0 mnkr"));
	assert_non_null(strstr(f.items[0].message, "-712,0 mnkr"));
	rt_findings_release(&f);
}

static void test_matching_total_and_other_scopes(void **state)
{
	(void)state;
	struct rt_budget_line lines[] = {
		line(RT_BUDGET_INCOME, 332000), line(RT_BUDGET_STAFF_COSTS, -529000),
		line(RT_BUDGET_OTHER_COSTS, -515000), line(RT_BUDGET_NET, -712000),
		line(RT_BUDGET_INCOME, 5000),
	};
	lines[4].year = 2025;    /* another year does not count */
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_budget_check(lines, 5, &f);
	assert_int_equal(f.n, 0);
	bool any = true;
	assert_int_equal(rt_budget_net_sum(lines, 5, 8, 2024, &any), 0);
	assert_false(any);
	rt_findings_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed001_mismatch),
		cmocka_unit_test(test_matching_total_and_other_scopes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
