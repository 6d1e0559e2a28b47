/* The audit log: every put appends one row in the same transaction, with
 * the actor, an ISO 8601 UTC time, and the row before (NULL for an insert)
 * and after as compact key-sorted JSON. A rollback or a failed put leaves
 * no row; rt_store_audit_list filters by entity and id, in id order. */
#include "test_util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"

struct fx {
	char *path;
	rt_store *s;
	rt_err err;
	rt_arena a;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->path = rt_test_db("audit.db");
	if (rt_store_open(&f->s, f->path, RT_STORE_OPEN_CREATE, &f->err) != 0)
		return -1;
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

#define OK(f, call)                                                             \
	do {                                                                    \
		int rc_ = (call);                                               \
		if (rc_ != 0)                                                   \
			fail_msg("%s: %d %s", #call, rc_, (f)->err.msg);        \
	} while (0)

static size_t audit_count(struct fx *f)
{
	struct rt_audit_row *rows;
	size_t n;
	OK(f, rt_store_audit_list(f->s, &f->a, NULL, 0, &rows, &n, &f->err));
	return n;
}

/* "2024-05-01T12:34:56Z", within a few minutes of now. */
static void assert_recent_utc(const char *at)
{
	assert_non_null(at);
	assert_int_equal(strlen(at), 20);
	struct tm tm = { 0 };
	char z = 0;
	assert_int_equal(sscanf(at, "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	                        &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z), 7);
	assert_int_equal(z, 'Z');
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	double diff = difftime(time(NULL), timegm(&tm));
	assert_true(diff >= -5 && diff < 300);
}

static void test_insert_then_update(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "Åsa Öberg", &f->err));
	struct rt_org_unit region = { 0, 0, RT_ORG_REGION, "rjh", "Region Jämtland Härjedalen", "RJH" };
	OK(f, rt_store_org_put(f->s, &region, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	OK(f, rt_store_begin(f->s, "bertil", &f->err));
	struct rt_org_unit board = { 0, region.id, RT_ORG_BOARD, "rjh-rs", "Regionstyrelsen", NULL };
	OK(f, rt_store_org_put(f->s, &board, &f->err));
	board.name = "Regionstyrelsen (RS)";
	board.short_name = "RS";
	OK(f, rt_store_org_put(f->s, &board, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	struct rt_audit_row *rows;
	size_t n;
	OK(f, rt_store_audit_list(f->s, &f->a, NULL, 0, &rows, &n, &f->err));
	assert_int_equal(n, 3);
	assert_true(rows[0].id < rows[1].id && rows[1].id < rows[2].id);

	assert_string_equal(rows[0].actor, "Åsa Öberg");
	assert_string_equal(rows[0].entity, "org_unit");
	assert_int_equal(rows[0].entity_id, region.id);
	assert_string_equal(rows[0].action, "insert");
	assert_null(rows[0].before);
	assert_string_equal(rows[0].after,
		"{\"id\":1,\"key\":\"rjh\",\"kind\":\"region\",\"name\":\"Region Jämtland Härjedalen\","
		"\"parent_id\":null,\"short_name\":\"RJH\"}");
	assert_recent_utc(rows[0].at);

	const char *inserted =
		"{\"id\":2,\"key\":\"rjh-rs\",\"kind\":\"board\",\"name\":\"Regionstyrelsen\","
		"\"parent_id\":1,\"short_name\":null}";
	assert_string_equal(rows[1].actor, "bertil");
	assert_string_equal(rows[1].action, "insert");
	assert_int_equal(rows[1].entity_id, board.id);
	assert_null(rows[1].before);
	assert_string_equal(rows[1].after, inserted);

	assert_string_equal(rows[2].actor, "bertil");
	assert_string_equal(rows[2].entity, "org_unit");
	assert_int_equal(rows[2].entity_id, board.id);
	assert_string_equal(rows[2].action, "update");
	assert_string_equal(rows[2].before, inserted);
	assert_string_equal(rows[2].after,
		"{\"id\":2,\"key\":\"rjh-rs\",\"kind\":\"board\",\"name\":\"Regionstyrelsen (RS)\","
		"\"parent_id\":1,\"short_name\":\"RS\"}");
	assert_recent_utc(rows[2].at);
}

static void test_plan_json(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "cli", &f->err));
	struct rt_org_unit org = { 0, 0, RT_ORG_REGION, NULL, "Region", NULL };
	OK(f, rt_store_org_put(f->s, &org, &f->err));
	struct rt_plan p = { 0, "vp", RT_PLAN_OPERATIONAL, org.id, 0, "Verksamhetsplan", 2021, 2023,
	                     "RS/1321/2015", 1, RT_PLAN_DRAFT, "Regiondirektör", NULL };
	OK(f, rt_store_plan_put(f->s, &p, &f->err));
	p.status = RT_PLAN_DECIDED;
	p.version = 2;
	p.introduction = "Inledning";
	OK(f, rt_store_plan_put(f->s, &p, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	struct rt_audit_row *rows;
	size_t n;
	OK(f, rt_store_audit_list(f->s, &f->a, "plan", p.id, &rows, &n, &f->err));
	assert_int_equal(n, 2);
	const char *draft =
		"{\"case_number\":\"RS/1321/2015\",\"decision_body\":\"Regiondirektör\",\"end_year\":2023,"
		"\"id\":1,\"introduction\":null,\"key\":\"vp\",\"kind\":\"operational_plan\","
		"\"owner_org_id\":1,\"parent_plan_id\":null,\"start_year\":2021,\"status\":\"draft\","
		"\"title\":\"Verksamhetsplan\",\"version\":1}";
	assert_string_equal(rows[0].after, draft);
	assert_string_equal(rows[1].before, draft);
	assert_string_equal(rows[1].after,
		"{\"case_number\":\"RS/1321/2015\",\"decision_body\":\"Regiondirektör\",\"end_year\":2023,"
		"\"id\":1,\"introduction\":\"Inledning\",\"key\":\"vp\",\"kind\":\"operational_plan\","
		"\"owner_org_id\":1,\"parent_plan_id\":null,\"start_year\":2021,\"status\":\"decided\","
		"\"title\":\"Verksamhetsplan\",\"version\":2}");
}

/* The parsed target/outcome columns appear in the JSON as stored. */
static void test_value_json(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	struct rt_org_unit org = { 0, 0, RT_ORG_REGION, NULL, "Region", NULL };
	OK(f, rt_store_org_put(f->s, &org, &f->err));
	struct rt_plan p = { 0, NULL, RT_PLAN_ACTION, org.id, 0, "Plan", 2021, 2021, NULL, 1,
	                     RT_PLAN_DRAFT, NULL, NULL };
	OK(f, rt_store_plan_put(f->s, &p, &f->err));
	struct rt_goal g = { 0, p.id, 0, 0, RT_GOAL_GOAL, NULL, NULL, "Mål", NULL, 0, true };
	OK(f, rt_store_goal_put(f->s, &g, &f->err));
	struct rt_indicator ind = { 0 };
	ind.goal_id = g.id;
	ind.name = "Sjukfrånvaro";
	ind.unit = "%";
	ind.direction = RT_DIR_LOWER;
	ind.by_gender = true;
	OK(f, rt_store_indicator_put(f->s, &ind, &f->err));
	struct rt_target t = { 0, ind.id, 2021, RT_GENDER_WOMEN, 0, "≤ 4,7 %",
	                       { RT_CMP_LE, true, 4.7, "%", 0, RT_QUAL_NONE } };
	OK(f, rt_store_target_put(f->s, &t, &f->err));
	struct rt_period per = { 0, "2021-T1", RT_PERIOD_TERTIAL, 2021, 1, "2021-01-01", "2021-04-30",
	                         NULL };
	OK(f, rt_store_period_put(f->s, &per, &f->err));
	struct rt_outcome o = { 0 };
	o.indicator_id = ind.id;
	o.period_id = per.id;
	o.text = "Delvis";
	o.value = (struct rt_target_spec){ RT_CMP_QUALITATIVE, false, 0, "", 0, RT_QUAL_PARTLY };
	o.status = RT_STATUS_PARTLY;
	OK(f, rt_store_outcome_put(f->s, &o, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	struct rt_audit_row *rows;
	size_t n;
	OK(f, rt_store_audit_list(f->s, &f->a, "target", 0, &rows, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].after,
		"{\"base_year\":null,\"cmp\":\"le\",\"gender\":\"women\",\"id\":1,\"indicator_id\":1,"
		"\"org_unit_id\":null,\"qual\":null,\"text\":\"≤ 4,7 %\",\"unit\":\"%\",\"value\":4.7,"
		"\"year\":2021}");

	OK(f, rt_store_audit_list(f->s, &f->a, "outcome", o.id, &rows, &n, &f->err));
	assert_int_equal(n, 1);
	json_error_t je;
	json_t *j = json_loads(rows[0].after, 0, &je);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "cmp")), "qualitative");
	assert_string_equal(json_string_value(json_object_get(j, "qual")), "partly");
	assert_string_equal(json_string_value(json_object_get(j, "status")), "partly");
	assert_string_equal(json_string_value(json_object_get(j, "text")), "Delvis");
	assert_true(json_is_null(json_object_get(j, "value")));
	assert_true(json_is_null(json_object_get(j, "comment")));
	assert_int_equal(json_integer_value(json_object_get(j, "period_id")), per.id);
	json_decref(j);

	OK(f, rt_store_audit_list(f->s, &f->a, "indicator", ind.id, &rows, &n, &f->err));
	assert_int_equal(n, 1);
	j = json_loads(rows[0].after, 0, &je);
	assert_non_null(j);
	assert_true(json_is_true(json_object_get(j, "by_gender")));
	assert_true(json_is_false(json_object_get(j, "by_org")));
	assert_string_equal(json_string_value(json_object_get(j, "direction")), "lower");
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "quantitative");
	json_decref(j);
}

/* One row per put, for every entity, named as the table. */
static void test_every_entity(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	struct rt_org_unit org = { 0, 0, RT_ORG_REGION, NULL, "Region", NULL };
	OK(f, rt_store_org_put(f->s, &org, &f->err));
	struct rt_plan p = { 0, NULL, RT_PLAN_OPERATIONAL, org.id, 0, "Plan", 2021, 2021, NULL, 1,
	                     RT_PLAN_DRAFT, NULL, NULL };
	OK(f, rt_store_plan_put(f->s, &p, &f->err));
	struct rt_plan_change c = { 0, p.id, 1, "2021-01-01", "Nyutgåva", "" };
	OK(f, rt_store_plan_change_put(f->s, &c, &f->err));
	struct rt_goal g = { 0, p.id, 0, 0, RT_GOAL_GOAL, NULL, NULL, "Mål", NULL, 0, false };
	OK(f, rt_store_goal_put(f->s, &g, &f->err));
	struct rt_indicator ind = { 0 };
	ind.goal_id = g.id;
	ind.name = "Indikator";
	OK(f, rt_store_indicator_put(f->s, &ind, &f->err));
	struct rt_target t = { 0, ind.id, 2021, RT_GENDER_TOTAL, 0, "5", { 0 } };
	OK(f, rt_store_target_put(f->s, &t, &f->err));
	struct rt_baseline b = { 0, ind.id, 2020, RT_GENDER_TOTAL, 0, "4", true, 4 };
	OK(f, rt_store_baseline_put(f->s, &b, &f->err));
	struct rt_activity a = { 0 };
	a.goal_id = g.id;
	a.title = "Aktivitet";
	OK(f, rt_store_activity_put(f->s, &a, &f->err));
	struct rt_budget_line l = { 0, p.id, 0, 0, RT_BUDGET_OPERATING, RT_BUDGET_NET, "Netto", 2024,
	                            -713000 };
	OK(f, rt_store_budget_put(f->s, &l, &f->err));
	struct rt_period per = { 0, "2021", RT_PERIOD_YEAR, 2021, 0, "2021-01-01", "2021-12-31", NULL };
	OK(f, rt_store_period_put(f->s, &per, &f->err));
	struct rt_outcome o = { 0 };
	o.indicator_id = ind.id;
	o.period_id = per.id;
	OK(f, rt_store_outcome_put(f->s, &o, &f->err));
	struct rt_assessment as = { 0, g.id, per.id, RT_STATUS_ACHIEVED, "Bra" };
	OK(f, rt_store_assessment_put(f->s, &as, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	static const char *const want[] = {
		"org_unit", "plan", "plan_change", "goal", "indicator", "target", "baseline",
		"activity", "budget_line", "period", "outcome", "assessment",
	};
	const int64_t ids[] = { org.id, p.id, c.id, g.id, ind.id, t.id, b.id, a.id, l.id, per.id,
	                        o.id, as.id };
	struct rt_audit_row *rows;
	size_t n;
	OK(f, rt_store_audit_list(f->s, &f->a, NULL, 0, &rows, &n, &f->err));
	assert_int_equal(n, 12);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(rows[i].entity, want[i]);
		assert_int_equal(rows[i].entity_id, ids[i]);
		assert_string_equal(rows[i].action, "insert");
		assert_string_equal(rows[i].actor, "test");
		json_error_t je;
		json_t *j = json_loads(rows[i].after, 0, &je);
		assert_non_null(j);
		assert_int_equal(json_integer_value(json_object_get(j, "id")), ids[i]);
		json_decref(j);
	}
	assert_non_null(strstr(rows[8].after, "\"amount_tkr\":-713000"));
	assert_non_null(strstr(rows[8].after, "\"category\":\"net\""));
	assert_non_null(strstr(rows[2].after, "\"decided_by\":\"\""));

	/* filters: one entity, one row of it */
	OK(f, rt_store_audit_list(f->s, &f->a, "goal", 0, &rows, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].entity_id, g.id);
	OK(f, rt_store_audit_list(f->s, &f->a, "plan", p.id + 100, &rows, &n, &f->err));
	assert_int_equal(n, 0);
}

static void test_rollback_leaves_nothing(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	struct rt_org_unit org = { 0, 0, RT_ORG_REGION, "r", "Region", NULL };
	OK(f, rt_store_org_put(f->s, &org, &f->err));
	struct rt_period per = { 0, "2021", RT_PERIOD_YEAR, 2021, 0, "2021-01-01", "2021-12-31", NULL };
	OK(f, rt_store_period_put(f->s, &per, &f->err));
	assert_int_equal(audit_count(f), 2);   /* visible inside the transaction */
	rt_store_rollback(f->s);
	assert_int_equal(audit_count(f), 0);
	struct rt_org_unit *orgs;
	size_t n;
	OK(f, rt_store_org_list(f->s, &f->a, &orgs, &n, &f->err));
	assert_int_equal(n, 0);

	/* closing with an open transaction rolls it back too */
	OK(f, rt_store_begin(f->s, "test", &f->err));
	org.id = 0;
	OK(f, rt_store_org_put(f->s, &org, &f->err));
	rt_store_close(f->s);
	f->s = NULL;
	OK(f, rt_store_open(&f->s, f->path, RT_STORE_OPEN_EXISTING, &f->err));
	assert_int_equal(audit_count(f), 0);
}

static void test_failed_put_leaves_nothing(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	struct rt_org_unit org = { 0, 0, RT_ORG_REGION, "r", "Region", NULL };
	OK(f, rt_store_org_put(f->s, &org, &f->err));
	struct rt_org_unit dup = { 0, 0, RT_ORG_REGION, "r", "Region igen", NULL };
	assert_int_equal(rt_store_org_put(f->s, &dup, &f->err), RT_ECONFLICT);
	struct rt_org_unit missing = { 999, 0, RT_ORG_REGION, NULL, "Finns inte", NULL };
	assert_int_equal(rt_store_org_put(f->s, &missing, &f->err), RT_ENOTFOUND);
	/* not valid UTF-8: refused before anything is written */
	struct rt_org_unit bad = { 0, 0, RT_ORG_REGION, NULL, "Trasig \xff\xfe text", NULL };
	assert_int_equal(rt_store_org_put(f->s, &bad, &f->err), RT_EINVAL);
	assert_non_null(strstr(f->err.msg, "UTF-8"));
	assert_int_equal(bad.id, 0);
	OK(f, rt_store_commit(f->s, &f->err));

	assert_int_equal(audit_count(f), 1);
	struct rt_org_unit *orgs;
	size_t n;
	OK(f, rt_store_org_list(f->s, &f->a, &orgs, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(orgs[0].name, "Region");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_insert_then_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_value_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_entity, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_put_leaves_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
