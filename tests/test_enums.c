/* Every enum of the core: token (as docs/plan-json.md spells it), Swedish
 * label, parse round trip and the error that lists the valid tokens. Also
 * period keys, whose tokens carry dates. */
#include "test_util.h"
#include "core/activity.h"
#include "core/budget.h"
#include "core/finding.h"
#include "core/followup.h"
#include "core/goal.h"
#include "core/indicator.h"
#include "core/org.h"
#include "core/plan.h"
#include "core/target.h"

#include <string.h>

/* One table row per enum value: name, label, and a parse call through a
 * small adapter so every enum type fits one table. */
typedef int (*parse_fn)(const char *s, int *out, rt_err *err);
struct enum_row { const char *family; int value; const char *name, *label; parse_fn parse; };

#define ADAPT(fn, type) \
	static int p_##fn(const char *s, int *out, rt_err *err) \
	{ type v; int rc = fn(s, &v, err); if (!rc) *out = (int)v; return rc; }
ADAPT(rt_org_kind_parse, enum rt_org_kind)
ADAPT(rt_plan_kind_parse, enum rt_plan_kind)
ADAPT(rt_plan_status_parse, enum rt_plan_status)
ADAPT(rt_goal_kind_parse, enum rt_goal_kind)
ADAPT(rt_indicator_kind_parse, enum rt_indicator_kind)
ADAPT(rt_frequency_parse, enum rt_frequency)
ADAPT(rt_gender_parse, enum rt_gender)
ADAPT(rt_activity_scope_parse, enum rt_activity_scope)
ADAPT(rt_period_kind_parse, enum rt_period_kind)
ADAPT(rt_status_parse, enum rt_status)
ADAPT(rt_budget_kind_parse, enum rt_budget_kind)
ADAPT(rt_budget_category_parse, enum rt_budget_category)
ADAPT(rt_direction_parse, enum rt_direction)

static const char *name_of(const char *family, int v, bool label)
{
	if (!strcmp(family, "org")) return label ? rt_org_kind_label(v) : rt_org_kind_name(v);
	if (!strcmp(family, "plan")) return label ? rt_plan_kind_label(v) : rt_plan_kind_name(v);
	if (!strcmp(family, "pstatus")) return label ? rt_plan_status_label(v) : rt_plan_status_name(v);
	if (!strcmp(family, "goal")) return label ? rt_goal_kind_label(v) : rt_goal_kind_name(v);
	if (!strcmp(family, "ind")) return label ? rt_indicator_kind_label(v) : rt_indicator_kind_name(v);
	if (!strcmp(family, "freq")) return label ? rt_frequency_label(v) : rt_frequency_name(v);
	if (!strcmp(family, "gender")) return label ? rt_gender_label(v) : rt_gender_name(v);
	if (!strcmp(family, "scope")) return label ? rt_activity_scope_label(v) : rt_activity_scope_name(v);
	if (!strcmp(family, "period")) return label ? rt_period_kind_label(v) : rt_period_kind_name(v);
	if (!strcmp(family, "status")) return label ? rt_status_label(v) : rt_status_name(v);
	if (!strcmp(family, "bkind")) return label ? rt_budget_kind_label(v) : rt_budget_kind_name(v);
	if (!strcmp(family, "bcat")) return label ? rt_budget_category_label(v) : rt_budget_category_name(v);
	if (!strcmp(family, "dir")) return label ? NULL : rt_direction_name(v);
	return NULL;
}

static const struct enum_row rows[] = {
	{ "org", RT_ORG_REGION, "region", "Region", p_rt_org_kind_parse },
	{ "org", RT_ORG_COUNCIL, "council", "Fullmäktige", p_rt_org_kind_parse },
	{ "org", RT_ORG_BOARD, "board", "Styrelse/nämnd", p_rt_org_kind_parse },
	{ "org", RT_ORG_ADMINISTRATION, "administration", "Förvaltning", p_rt_org_kind_parse },
	{ "org", RT_ORG_DEPARTMENT, "department", "Verksamhetsområde", p_rt_org_kind_parse },
	{ "org", RT_ORG_UNIT, "unit", "Enhet", p_rt_org_kind_parse },
	{ "org", RT_ORG_STAFF, "staff", "Ledningsstab", p_rt_org_kind_parse },
	{ "plan", RT_PLAN_REGION_PLAN, "region_plan", "Regionplan", p_rt_plan_kind_parse },
	{ "plan", RT_PLAN_PLANNING_PREMISES, "planning_premises", "Planeringsförutsättningar", p_rt_plan_kind_parse },
	{ "plan", RT_PLAN_OPERATIONAL, "operational_plan", "Verksamhetsplan", p_rt_plan_kind_parse },
	{ "plan", RT_PLAN_ACTION, "action_plan", "Övergripande handlingsplan", p_rt_plan_kind_parse },
	{ "plan", RT_PLAN_ACTIVITY, "activity_plan", "Aktivitetsplan", p_rt_plan_kind_parse },
	{ "pstatus", RT_PLAN_DRAFT, "draft", "Utkast", p_rt_plan_status_parse },
	{ "pstatus", RT_PLAN_FOR_DECISION, "for_decision", "För beslut", p_rt_plan_status_parse },
	{ "pstatus", RT_PLAN_DECIDED, "decided", "Beslutad", p_rt_plan_status_parse },
	{ "pstatus", RT_PLAN_ARCHIVED, "archived", "Arkiverad", p_rt_plan_status_parse },
	{ "goal", RT_GOAL_AREA, "goal_area", "Målområde", p_rt_goal_kind_parse },
	{ "goal", RT_GOAL_GOAL, "goal", "Mål", p_rt_goal_kind_parse },
	{ "goal", RT_GOAL_DEVELOPMENT, "development_area", "Utvecklingsområde", p_rt_goal_kind_parse },
	{ "goal", RT_GOAL_ASSIGNMENT, "assignment", "Uppdrag", p_rt_goal_kind_parse },
	{ "ind", RT_IND_QUANTITATIVE, "quantitative", "Kvantitativ", p_rt_indicator_kind_parse },
	{ "ind", RT_IND_QUALITATIVE, "qualitative", "Kvalitativ", p_rt_indicator_kind_parse },
	{ "freq", RT_FREQ_MONTH, "month", "Månad", p_rt_frequency_parse },
	{ "freq", RT_FREQ_TERTIAL, "tertial", "Tertial", p_rt_frequency_parse },
	{ "freq", RT_FREQ_HALF_YEAR, "half_year", "Halvår", p_rt_frequency_parse },
	{ "freq", RT_FREQ_YEAR, "year", "Helår", p_rt_frequency_parse },
	{ "gender", RT_GENDER_TOTAL, "total", "Totalt", p_rt_gender_parse },
	{ "gender", RT_GENDER_WOMEN, "women", "Kvinnor", p_rt_gender_parse },
	{ "gender", RT_GENDER_MEN, "men", "Män", p_rt_gender_parse },
	{ "scope", RT_SCOPE_OPERATIONS, "operations", "Verksamheterna", p_rt_activity_scope_parse },
	{ "scope", RT_SCOPE_MANAGEMENT_STAFF, "management_staff", "Ledningsstaberna", p_rt_activity_scope_parse },
	{ "period", RT_PERIOD_MONTH, "month", "Månad", p_rt_period_kind_parse },
	{ "period", RT_PERIOD_TERTIAL, "tertial", "Tertial", p_rt_period_kind_parse },
	{ "period", RT_PERIOD_HALF_YEAR, "half_year", "Halvår", p_rt_period_kind_parse },
	{ "period", RT_PERIOD_YEAR, "year", "År", p_rt_period_kind_parse },
	{ "status", RT_STATUS_NONE, "none", "Status saknas", p_rt_status_parse },
	{ "status", RT_STATUS_ACHIEVED, "achieved", "Uppfyllt", p_rt_status_parse },
	{ "status", RT_STATUS_PARTLY, "partly", "Delvis uppfyllt", p_rt_status_parse },
	{ "status", RT_STATUS_NOT_ACHIEVED, "not_achieved", "Ej uppfyllt", p_rt_status_parse },
	{ "bkind", RT_BUDGET_OPERATING, "operating", "Driftbudget", p_rt_budget_kind_parse },
	{ "bkind", RT_BUDGET_CAPITAL, "capital", "Investeringsbudget", p_rt_budget_kind_parse },
	{ "bcat", RT_BUDGET_INCOME, "income", "Intäkter", p_rt_budget_category_parse },
	{ "bcat", RT_BUDGET_STAFF_COSTS, "staff_costs", "Personalkostnader", p_rt_budget_category_parse },
	{ "bcat", RT_BUDGET_OTHER_COSTS, "other_costs", "Övriga driftskostnader", p_rt_budget_category_parse },
	{ "bcat", RT_BUDGET_NET, "net", "Nettobudget", p_rt_budget_category_parse },
	{ "bcat", RT_BUDGET_DECIDED, "decided", "Redan beslutade investeringar", p_rt_budget_category_parse },
	{ "bcat", RT_BUDGET_NEW_NEEDS, "new_needs", "Nya behov av investeringar", p_rt_budget_category_parse },
	{ "bcat", RT_BUDGET_REINVESTMENT, "reinvestment", "Reinvesteringar", p_rt_budget_category_parse },
	{ "dir", RT_DIR_NONE, "none", NULL, p_rt_direction_parse },
	{ "dir", RT_DIR_HIGHER, "higher", NULL, p_rt_direction_parse },
	{ "dir", RT_DIR_LOWER, "lower", NULL, p_rt_direction_parse },
};

static void test_names_labels_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct enum_row *r = &rows[i];
		const char *name = name_of(r->family, r->value, false);
		if (strcmp(name, r->name)) fail_msg("%s %d: name '%s' want '%s'", r->family, r->value, name, r->name);
		if (r->label) {
			const char *label = name_of(r->family, r->value, true);
			if (strcmp(label, r->label))
				fail_msg("%s %d: label '%s' want '%s'", r->family, r->value, label, r->label);
		}
		int v = -1;
		rt_err err = RT_ERR_INIT;
		assert_int_equal(r->parse(r->name, &v, &err), 0);
		assert_int_equal(v, r->value);
		/* case and surrounding space are forgiven */
		char upper[64];
		size_t k = 0;
		upper[k++] = ' ';
		for (const char *c = r->name; *c && k < 60; c++)
			upper[k++] = (*c >= 'a' && *c <= 'z') ? (char)(*c - 32) : *c;
		upper[k] = '\0';
		v = -1;
		assert_int_equal(r->parse(upper, &v, NULL), 0);
		assert_int_equal(v, r->value);
	}
}

static void test_parse_errors(void **state)
{
	(void)state;
	rt_err err = RT_ERR_INIT;
	enum rt_plan_kind pk = RT_PLAN_ACTIVITY;
	assert_int_equal(rt_plan_kind_parse("handlingsplan", &pk, &err), RT_EINVAL);
	assert_int_equal(pk, RT_PLAN_ACTIVITY);   /* untouched */
	assert_string_equal(err.field, "kind");
	assert_string_equal(err.msg, "Okänd plantyp 'handlingsplan'. Giltiga värden: region_plan, "
	                    "planning_premises, operational_plan, action_plan, activity_plan");
	enum rt_plan_status ps;
	assert_int_equal(rt_plan_status_parse("beslutad", &ps, &err), RT_EINVAL);
	assert_string_equal(err.field, "status");
	assert_non_null(strstr(err.msg, "draft, for_decision, decided, archived"));
	enum rt_gender g;
	assert_int_equal(rt_gender_parse("kvinnor", &g, &err), RT_EINVAL);
	assert_string_equal(err.msg, "Okänd könsuppdelning 'kvinnor'. Giltiga värden: total, women, men");
	enum rt_org_kind ok;
	assert_int_equal(rt_org_kind_parse(NULL, &ok, &err), RT_EINVAL);
	assert_int_equal(rt_org_kind_parse("", &ok, NULL), RT_EINVAL);
	assert_int_equal(rt_org_kind_parse("boards", &ok, NULL), RT_EINVAL);
	enum rt_status st;
	assert_int_equal(rt_status_parse("partial", &st, &err), RT_EINVAL);
	assert_non_null(strstr(err.msg, "none, achieved, partly, not_achieved"));
}

static void test_out_of_range_and_misc(void **state)
{
	(void)state;
	assert_string_equal(rt_plan_kind_name(RT_PLAN_KIND_COUNT), "");
	assert_string_equal(rt_org_kind_label((enum rt_org_kind)99), "");
	assert_string_equal(rt_status_symbol(RT_STATUS_ACHIEVED), "●");
	assert_string_equal(rt_status_symbol(RT_STATUS_PARTLY), "◆");
	assert_string_equal(rt_status_symbol(RT_STATUS_NOT_ACHIEVED), "■");
	assert_string_equal(rt_status_symbol(RT_STATUS_NONE), "");
	assert_string_equal(rt_severity_label(RT_SEV_ERROR), "Fel");
	assert_string_equal(rt_severity_label(RT_SEV_WARNING), "Varning");
}

struct period_row { const char *key; enum rt_period_kind kind; int year, number; const char *start, *end; };

static void test_period_keys(void **state)
{
	(void)state;
	static const struct period_row rows_ok[] = {
		{ "2021-T1", RT_PERIOD_TERTIAL, 2021, 1, "2021-01-01", "2021-04-30" },
		{ "2021-T2", RT_PERIOD_TERTIAL, 2021, 2, "2021-01-01", "2021-08-31" },
		{ "2021-T3", RT_PERIOD_TERTIAL, 2021, 3, "2021-01-01", "2021-12-31" },
		{ "2024-H1", RT_PERIOD_HALF_YEAR, 2024, 1, "2024-01-01", "2024-05-31" },
		{ "2024-H2", RT_PERIOD_HALF_YEAR, 2024, 2, "2024-06-01", "2024-12-31" },
		{ "2024-M02", RT_PERIOD_MONTH, 2024, 2, "2024-02-01", "2024-02-29" },
		{ "2023-M02", RT_PERIOD_MONTH, 2023, 2, "2023-02-01", "2023-02-28" },
		{ "2100-M02", RT_PERIOD_MONTH, 2100, 2, "2100-02-01", "2100-02-28" },
		{ "2024-M04", RT_PERIOD_MONTH, 2024, 4, "2024-04-01", "2024-04-30" },
		{ "2024-M12", RT_PERIOD_MONTH, 2024, 12, "2024-12-01", "2024-12-31" },
		{ "2024", RT_PERIOD_YEAR, 2024, 0, "2024-01-01", "2024-12-31" },
		{ "2021-t1", RT_PERIOD_TERTIAL, 2021, 1, "2021-01-01", "2021-04-30" },
	};
	for (size_t i = 0; i < sizeof(rows_ok) / sizeof(rows_ok[0]); i++) {
		const struct period_row *r = &rows_ok[i];
		struct rt_period p;
		memset(&p, 0, sizeof(p));
		char start[11], end[11];
		rt_err err = RT_ERR_INIT;
		if (rt_period_parse_key(r->key, &p, start, end, &err) != 0) fail_msg("%s: %s", r->key, err.msg);
		assert_int_equal(p.kind, r->kind);
		assert_int_equal(p.year, r->year);
		assert_int_equal(p.number, r->number);
		assert_string_equal(start, r->start);
		assert_string_equal(end, r->end);
		assert_ptr_equal(p.start_date, start);
		assert_ptr_equal(p.end_date, end);
	}
	static const char *const bad[] = {
		"", "21", "2021-T0", "2021-T4", "2021-H3", "2021-M13", "2021-M00", "2021-M2",
		"2021-Q1", "2021T1", "2021-T1x", "abcd", "1800", "2021-", "2021-T", NULL,
	};
	for (size_t i = 0; bad[i]; i++) {
		char start[11], end[11];
		rt_err err = RT_ERR_INIT;
		if (rt_period_parse_key(bad[i], NULL, start, end, &err) != RT_EINVAL)
			fail_msg("'%s' should be rejected", bad[i]);
		assert_string_equal(err.field, "key");
		assert_non_null(strstr(err.msg, "Ogiltig periodnyckel"));
	}
	char s[11], e[11];
	assert_int_equal(rt_period_parse_key(NULL, NULL, s, e, NULL), RT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_labels_parse),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_out_of_range_and_misc),
		cmocka_unit_test(test_period_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
