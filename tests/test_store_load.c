/* The store against a real database (a SQLite file, or a PostgreSQL schema
 * in the _pg variant): the order of a loaded plan, goal refs and keys,
 * transactions and the errors a caller acts on. Split from test_store.c
 * (the round trips), unchanged. */
#include "test_store.h"

/* ---- plan_load order --------------------------------------------------------- */

static void test_plan_load_order(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	int64_t org = put_org(f, 0, RT_ORG_REGION, "r", "Region");
	int64_t org2 = put_org(f, org, RT_ORG_UNIT, "r-u", "Enhet");
	int64_t plan = put_plan(f, RT_PLAN_OPERATIONAL, org, "vp", "VP");
	int64_t other = put_plan(f, RT_PLAN_OPERATIONAL, org, "vp2", "Annan VP");

	/* inserted out of order; expected pre-order A, A0, A0x, A1, B, B0 */
	int64_t B = put_goal(f, plan, 0, 1, "B");
	int64_t A = put_goal(f, plan, 0, 0, "A");
	int64_t A1 = put_goal(f, plan, A, 1, "A1");
	int64_t B0 = put_goal(f, plan, B, 0, "B0");
	int64_t A0 = put_goal(f, plan, A, 0, "A0");
	int64_t A0x = put_goal(f, plan, A0, 0, "A0x");
	int64_t O = put_goal(f, other, 0, 0, "other plan");
	const int64_t want_goals[] = { A, A0, A0x, A1, B, B0 };

	int64_t iB0 = put_indicator(f, B0, 0, "iB0");
	int64_t iA1b = put_indicator(f, A1, 1, "iA1b");
	int64_t iA1a = put_indicator(f, A1, 0, "iA1a");
	int64_t iA0x = put_indicator(f, A0x, 0, "iA0x");
	int64_t iOther = put_indicator(f, O, 0, "other");
	const int64_t want_inds[] = { iA0x, iA1a, iA1b, iB0 };

	struct { int year; enum rt_gender g; int64_t org; } tin[] = {
		{ 2023, RT_GENDER_TOTAL, 0 }, { 2022, RT_GENDER_MEN, 0 }, { 2022, RT_GENDER_TOTAL, org2 },
		{ 2022, RT_GENDER_WOMEN, 0 }, { 2022, RT_GENDER_TOTAL, 0 },
	};
	int64_t tid[5];
	for (int i = 0; i < 5; i++) {
		struct rt_target t = { 0, iA1a, tin[i].year, tin[i].g, tin[i].org, "1", { 0 } };
		OK(f, rt_store_target_put(f->s, &t, &f->err));
		tid[i] = t.id;
	}
	struct rt_target tfirst = { 0, iA0x, 2030, RT_GENDER_TOTAL, 0, "1", { 0 } };
	OK(f, rt_store_target_put(f->s, &tfirst, &f->err));
	const int64_t want_targets[] = { tfirst.id, tid[4], tid[2], tid[3], tid[1], tid[0] };

	struct { enum rt_budget_kind k; enum rt_budget_category c; int pos; int year; } bin[] = {
		{ RT_BUDGET_CAPITAL, RT_BUDGET_DECIDED, 0, 2025 },
		{ RT_BUDGET_OPERATING, RT_BUDGET_INCOME, 1, 2024 },
		{ RT_BUDGET_OPERATING, RT_BUDGET_STAFF_COSTS, 0, 2025 },
		{ RT_BUDGET_OPERATING, RT_BUDGET_STAFF_COSTS, 0, 2024 },
	};
	int64_t bid[4];
	for (int i = 0; i < 4; i++) {
		struct rt_budget_line l = { 0, plan, 0, bin[i].pos, bin[i].k, bin[i].c, "x", bin[i].year, 1 };
		OK(f, rt_store_budget_put(f->s, &l, &f->err));
		bid[i] = l.id;
	}
	const int64_t want_budget[] = { bid[3], bid[2], bid[1], bid[0] };

	int64_t pT2 = put_period(f, "2021-T2", RT_PERIOD_TERTIAL, 2, "2021-01-01", "2021-08-31");
	int64_t pY = put_period(f, "2021", RT_PERIOD_YEAR, 0, "2021-01-01", "2021-12-31");
	int64_t pT1 = put_period(f, "2021-T1", RT_PERIOD_TERTIAL, 1, "2021-01-01", "2021-04-30");
	int64_t pOld = put_period(f, "2020-T1", RT_PERIOD_TERTIAL, 1, "2020-01-01", "2020-04-30");
	const int64_t want_periods[] = { pT1, pT2, pY };

	struct { int64_t ind, per; enum rt_gender g; } oin[] = {
		{ iB0, pT1, RT_GENDER_TOTAL }, { iA1a, pT2, RT_GENDER_TOTAL },
		{ iA1a, pT1, RT_GENDER_MEN }, { iA1a, pT1, RT_GENDER_WOMEN },
	};
	int64_t oid[4];
	for (int i = 0; i < 4; i++) {
		struct rt_outcome o = { 0 };
		o.indicator_id = oin[i].ind;
		o.period_id = oin[i].per;
		o.gender = oin[i].g;
		o.text = "1";
		OK(f, rt_store_outcome_put(f->s, &o, &f->err));
		oid[i] = o.id;
	}
	const int64_t want_outcomes[] = { oid[3], oid[2], oid[1], oid[0] };
	/* an outcome of the other plan in an old period: neither is loaded */
	struct rt_outcome oo = { 0 };
	oo.indicator_id = iOther;
	oo.period_id = pOld;
	OK(f, rt_store_outcome_put(f->s, &oo, &f->err));

	struct { int64_t goal, per; } ain[] = { { B0, pY }, { A, pY }, { A, pT1 } };
	int64_t aid[3];
	for (int i = 0; i < 3; i++) {
		struct rt_assessment as = { 0, ain[i].goal, ain[i].per, RT_STATUS_ACHIEVED, NULL };
		OK(f, rt_store_assessment_put(f->s, &as, &f->err));
		aid[i] = as.id;
	}
	const int64_t want_assessments[] = { aid[2], aid[1], aid[0] };

	int64_t cid[3];
	const int cver[] = { 2, 1, 1 };
	for (int i = 0; i < 3; i++) {
		struct rt_plan_change c = { 0, plan, cver[i], "2021-01-01", "Ändring", NULL };
		OK(f, rt_store_plan_change_put(f->s, &c, &f->err));
		cid[i] = c.id;
	}
	const int64_t want_changes[] = { cid[1], cid[2], cid[0] };

	int64_t acts[3];
	const int64_t act_goal[] = { B, A0, A0 };
	const int act_pos[] = { 0, 1, 0 };
	for (int i = 0; i < 3; i++) {
		struct rt_activity a = { 0 };
		a.goal_id = act_goal[i];
		a.position = act_pos[i];
		a.title = "Aktivitet";
		OK(f, rt_store_activity_put(f->s, &a, &f->err));
		acts[i] = a.id;
	}
	const int64_t want_acts[] = { acts[2], acts[1], acts[0] };
	OK(f, rt_store_commit(f->s, &f->err));

	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	OK(f, rt_store_plan_load(f->s, plan, &doc, &f->err));
#define EXPECT_ORDER(arr, want)                                                         \
	do {                                                                            \
		assert_int_equal(doc.n_##arr, sizeof(want) / sizeof(want[0]));          \
		for (size_t i_ = 0; i_ < doc.n_##arr; i_++)                             \
			if (doc.arr[i_].id != want[i_])                                 \
				fail_msg(#arr "[%zu] is %lld, want %lld", i_,           \
				         (long long)doc.arr[i_].id, (long long)want[i_]); \
	} while (0)
	EXPECT_ORDER(goals, want_goals);
	EXPECT_ORDER(indicators, want_inds);
	EXPECT_ORDER(targets, want_targets);
	EXPECT_ORDER(budget, want_budget);
	EXPECT_ORDER(periods, want_periods);
	EXPECT_ORDER(outcomes, want_outcomes);
	EXPECT_ORDER(assessments, want_assessments);
	EXPECT_ORDER(changes, want_changes);
	EXPECT_ORDER(activities, want_acts);
	rt_plan_doc_release(&doc);
}

static void test_plan_load_missing(void **state)
{
	struct fx *f = *state;
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	assert_int_equal(rt_store_plan_load(f->s, 4711, &doc, &f->err), RT_ENOTFOUND);
	assert_string_equal(f->err.msg, "Det finns ingen plan med id 4711");
	assert_int_equal(doc.plan.id, 0);
	assert_int_equal(doc.n_goals, 0);
	assert_null(doc.goals);
	rt_plan_doc_release(&doc);
}

/* ---- errors ----------------------------------------------------------------- */

static void test_update_missing(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	int64_t org = put_org(f, 0, RT_ORG_REGION, NULL, "Region");
	struct rt_plan p = { 999, NULL, RT_PLAN_OPERATIONAL, org, 0, "Plan", 2021, 2021, NULL, 1,
	                     RT_PLAN_DRAFT, NULL, NULL };
	assert_int_equal(rt_store_plan_put(f->s, &p, &f->err), RT_ENOTFOUND);
	assert_string_equal(f->err.msg, "Det finns ingen plan med id 999");
	assert_int_equal(p.id, 999);
	struct rt_org_unit u = { 12345, 0, RT_ORG_UNIT, NULL, "Enhet", NULL };
	assert_int_equal(rt_store_org_put(f->s, &u, &f->err), RT_ENOTFOUND);
	struct rt_period per = { 7, "2021", RT_PERIOD_YEAR, 2021, 0, "2021-01-01", "2021-12-31", NULL };
	assert_int_equal(rt_store_period_put(f->s, &per, &f->err), RT_ENOTFOUND);
	assert_string_equal(f->err.msg, "Det finns ingen period med id 7");
	OK(f, rt_store_commit(f->s, &f->err));

	struct rt_audit_row *rows;
	size_t n;
	OK(f, rt_store_audit_list(f->s, &f->a, NULL, 0, &rows, &n, &f->err));
	assert_int_equal(n, 1);   /* only the org insert */
	struct rt_goal g;
	assert_int_equal(rt_store_goal_get(f->s, &f->a, 5, &g, &f->err), RT_ENOTFOUND);
	assert_string_equal(f->err.msg, "Det finns inget mål med id 5");
}

static void test_duplicate_key(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	put_org(f, 0, RT_ORG_REGION, "rjh", "Region Jämtland Härjedalen");
	struct rt_org_unit dup = { 0, 0, RT_ORG_BOARD, "rjh", "Regionstyrelsen", NULL };
	assert_int_equal(rt_store_org_put(f->s, &dup, &f->err), RT_ECONFLICT);
	assert_string_equal(f->err.msg, "Nyckeln 'rjh' finns redan");
	assert_string_equal(f->err.field, "key");
	assert_int_equal(dup.id, 0);
	rt_store_rollback(f->s);

	struct rt_org_unit *orgs;
	size_t n;
	OK(f, rt_store_org_list(f->s, &f->a, &orgs, &n, &f->err));
	assert_int_equal(n, 0);
	struct rt_audit_row *rows;
	OK(f, rt_store_audit_list(f->s, &f->a, NULL, 0, &rows, &n, &f->err));
	assert_int_equal(n, 0);

	/* a failed put leaves the transaction as it was: the rest commits */
	OK(f, rt_store_begin(f->s, "test", &f->err));
	int64_t org = put_org(f, 0, RT_ORG_REGION, "rjh", "Region");
	assert_int_equal(rt_store_org_put(f->s, &dup, &f->err), RT_ECONFLICT);
	int64_t plan = put_plan(f, RT_PLAN_OPERATIONAL, org, "p", "Plan");
	int64_t goal = put_goal(f, plan, 0, 0, "Mål");
	int64_t ind = put_indicator(f, goal, 0, "Indikator");
	struct rt_target t = { 0, ind, 2021, RT_GENDER_TOTAL, 0, "5", { 0 } };
	OK(f, rt_store_target_put(f->s, &t, &f->err));
	struct rt_target t_dup = t;
	t_dup.id = 0;
	assert_int_equal(rt_store_target_put(f->s, &t_dup, &f->err), RT_ECONFLICT);
	assert_non_null(strstr(f->err.msg, "Det finns redan ett målvärde"));
	/* another gender or org is another value */
	t_dup.gender = RT_GENDER_WOMEN;
	OK(f, rt_store_target_put(f->s, &t_dup, &f->err));
	t_dup.id = 0;
	t_dup.org_unit_id = org;
	OK(f, rt_store_target_put(f->s, &t_dup, &f->err));
	t_dup.id = 0;
	assert_int_equal(rt_store_target_put(f->s, &t_dup, &f->err), RT_ECONFLICT);
	/* a key clash on update too */
	struct rt_plan p2 = { 0, "p2", RT_PLAN_OPERATIONAL, org, 0, "Plan 2", 2021, 2021, NULL, 1,
	                      RT_PLAN_DRAFT, NULL, NULL };
	OK(f, rt_store_plan_put(f->s, &p2, &f->err));
	p2.key = "p";
	assert_int_equal(rt_store_plan_put(f->s, &p2, &f->err), RT_ECONFLICT);
	assert_string_equal(f->err.msg, "Nyckeln 'p' finns redan");
	OK(f, rt_store_commit(f->s, &f->err));

	OK(f, rt_store_org_list(f->s, &f->a, &orgs, &n, &f->err));
	assert_int_equal(n, 1);
	struct rt_plan back;
	OK(f, rt_store_plan_get(f->s, &f->a, p2.id, &back, &f->err));
	assert_string_equal(back.key, "p2");
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	OK(f, rt_store_plan_load(f->s, plan, &doc, &f->err));
	assert_int_equal(doc.n_targets, 3);
	rt_plan_doc_release(&doc);
}

static void test_outside_transaction(void **state)
{
	struct fx *f = *state;
	struct rt_org_unit u = { 0, 0, RT_ORG_REGION, "r", "Region", NULL };
	assert_int_equal(rt_store_org_put(f->s, &u, &f->err), RT_ESTATE);
	assert_int_equal(f->err.code, RT_ESTATE);
	assert_int_equal(u.id, 0);
	struct rt_period p = { 0, "2021", RT_PERIOD_YEAR, 2021, 0, "2021-01-01", "2021-12-31", NULL };
	assert_int_equal(rt_store_period_put(f->s, &p, &f->err), RT_ESTATE);
	assert_int_equal(rt_store_commit(f->s, &f->err), RT_ESTATE);
	assert_int_equal(rt_store_begin(f->s, NULL, &f->err), RT_EINVAL);
	assert_int_equal(rt_store_begin(f->s, "", &f->err), RT_EINVAL);
	OK(f, rt_store_begin(f->s, "test", &f->err));
	assert_int_equal(rt_store_begin(f->s, "test", &f->err), RT_ESTATE);
	OK(f, rt_store_org_put(f->s, &u, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	/* after commit, puts are refused again */
	u.name = "Ändrad";
	assert_int_equal(rt_store_org_put(f->s, &u, &f->err), RT_ESTATE);
	rt_store_rollback(f->s);   /* harmless without a transaction */
	struct rt_org_unit back;
	OK(f, rt_store_org_get(f->s, &f->a, u.id, &back, &f->err));
	assert_string_equal(back.name, "Region");
}

static void test_missing_references(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	struct rt_plan p = { 0, NULL, RT_PLAN_OPERATIONAL, 77, 0, "Plan", 2021, 2021, NULL, 1,
	                     RT_PLAN_DRAFT, NULL, NULL };
	assert_int_equal(rt_store_plan_put(f->s, &p, &f->err), RT_EINVAL);
	assert_string_equal(f->err.msg, "Organisationsenheten med id 77 finns inte");
	assert_string_equal(f->err.field, "owner_org_id");
	int64_t org = put_org(f, 0, RT_ORG_REGION, NULL, "Region");
	int64_t plan = put_plan(f, RT_PLAN_OPERATIONAL, org, NULL, "Plan");
	struct rt_goal g = { 0, plan, 0, 0, RT_GOAL_GOAL, NULL, NULL, "Mål", NULL, 555, false };
	assert_int_equal(rt_store_goal_put(f->s, &g, &f->err), RT_EINVAL);
	assert_string_equal(f->err.msg, "Målet med id 555 finns inte");
	assert_string_equal(f->err.field, "serves_goal_id");
	g.serves_goal_id = 0;
	g.title = NULL;
	assert_int_equal(rt_store_goal_put(f->s, &g, &f->err), RT_EINVAL);
	assert_string_equal(f->err.field, "title");
	struct rt_outcome o = { 0 };
	o.indicator_id = 3;
	o.period_id = 4;
	assert_int_equal(rt_store_outcome_put(f->s, &o, &f->err), RT_EINVAL);
	assert_string_equal(f->err.msg, "Indikatorn med id 3 finns inte");
	OK(f, rt_store_commit(f->s, &f->err));
}

/* ---- goal refs and keys -------------------------------------------------------- */

static void test_goal_refs(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	int64_t region = put_org(f, 0, RT_ORG_REGION, "rjh", "Region");
	int64_t board = put_org(f, region, RT_ORG_BOARD, "rs", "Regionstyrelsen");
	int64_t admin = put_org(f, region, RT_ORG_ADMINISTRATION, "rdf", "Regiondirektörens förvaltning");
	struct { enum rt_plan_kind kind; int64_t owner; enum rt_org_kind ok; const char *title; } pl[] = {
		{ RT_PLAN_REGION_PLAN, region, RT_ORG_REGION, "Regionplan" },
		{ RT_PLAN_OPERATIONAL, board, RT_ORG_BOARD, "RS verksamhetsplan" },
		{ RT_PLAN_OPERATIONAL, admin, RT_ORG_ADMINISTRATION, "RD:s verksamhetsplan" },
		{ RT_PLAN_ACTION, admin, RT_ORG_ADMINISTRATION, "Övergripande handlingsplan för X 2021" },
	};
	int64_t plan[4], goal[4];
	for (int i = 0; i < 4; i++) {
		plan[i] = put_plan(f, pl[i].kind, pl[i].owner, NULL, pl[i].title);
		struct rt_goal g = { 0, plan[i], 0, 0, RT_GOAL_GOAL, NULL, NULL, "Mål åäö", NULL,
		                     i ? goal[i - 1] : 0, false };
		OK(f, rt_store_goal_put(f->s, &g, &f->err));
		goal[i] = g.id;
	}
	OK(f, rt_store_commit(f->s, &f->err));

	struct rt_goal_ref *refs;
	size_t n;
	OK(f, rt_store_goal_refs(f->s, &f->a, &refs, &n, &f->err));
	assert_int_equal(n, 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(refs[i].goal_id, goal[i]);
		assert_int_equal(refs[i].plan_id, plan[i]);
		assert_int_equal(refs[i].serves_goal_id, i ? goal[i - 1] : 0);
		assert_int_equal(refs[i].plan_level, rt_plan_level(pl[i].kind, pl[i].ok));
		assert_string_equal(refs[i].title, "Mål åäö");
		assert_string_equal(refs[i].plan_title, pl[i].title);
	}
	/* the cascade as seed 000 §4 draws it: each plan ranks below the one it serves */
	assert_int_equal(refs[0].plan_level, 0);
	assert_true(refs[1].plan_level > refs[0].plan_level);
	assert_true(refs[2].plan_level > refs[1].plan_level);
	assert_true(refs[3].plan_level >= refs[2].plan_level);
}

static void test_find_key(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	int64_t org = put_org(f, 0, RT_ORG_REGION, "rjh", "Region");
	int64_t plan = put_plan(f, RT_PLAN_OPERATIONAL, org, "vp-2021", "Plan");
	struct rt_goal g = { 0, plan, 0, 0, RT_GOAL_GOAL, "mål-ö", NULL, "Mål", NULL, 0, false };
	OK(f, rt_store_goal_put(f->s, &g, &f->err));
	struct rt_indicator ind = { 0 };
	ind.goal_id = g.id;
	ind.key = "ind";
	ind.name = "Indikator";
	OK(f, rt_store_indicator_put(f->s, &ind, &f->err));
	struct rt_activity a = { 0 };
	a.goal_id = g.id;
	a.key = "akt";
	a.title = "Aktivitet";
	OK(f, rt_store_activity_put(f->s, &a, &f->err));
	int64_t per = put_period(f, "2021-T1", RT_PERIOD_TERTIAL, 1, "2021-01-01", "2021-04-30");
	OK(f, rt_store_commit(f->s, &f->err));

	struct { const char *table, *key; int64_t want; } cases[] = {
		{ "org_unit", "rjh", org }, { "plan", "vp-2021", plan }, { "goal", "mål-ö", g.id },
		{ "indicator", "ind", ind.id }, { "activity", "akt", a.id }, { "period", "2021-T1", per },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t id = -1;
		OK(f, rt_store_find_key(f->s, cases[i].table, cases[i].key, &id, &f->err));
		assert_int_equal(id, cases[i].want);
	}
	int64_t id = -1;
	assert_int_equal(rt_store_find_key(f->s, "plan", "finns-inte", &id, &f->err), RT_ENOTFOUND);
	assert_string_equal(f->err.msg, "Det finns ingen plan med nyckeln 'finns-inte'");
	assert_int_equal(id, 0);
	assert_int_equal(rt_store_find_key(f->s, "goal", "rjh", &id, &f->err), RT_ENOTFOUND);
	assert_int_equal(rt_store_find_key(f->s, "target", "x", &id, &f->err), RT_EINVAL);
	assert_int_equal(rt_store_find_key(f->s, "plan; DROP TABLE plan", "x", &id, &f->err), RT_EINVAL);
	assert_int_equal(rt_store_find_key(f->s, NULL, "x", &id, &f->err), RT_EINVAL);
}

/* WAL: a second connection reads the last committed state while the first
 * one is in the middle of a transaction, without waiting. */
static void test_reader_during_write(void **state)
{
	struct fx *f = *state;
	rt_store *reader = NULL;
	OK(f, rt_store_open(&reader, f->path, RT_STORE_OPEN_EXISTING, &f->err));
	OK(f, rt_store_begin(f->s, "writer", &f->err));
	int64_t org = put_org(f, 0, RT_ORG_REGION, "r", "Region");
	struct rt_org_unit *orgs;
	size_t n = 99;
	OK(f, rt_store_org_list(reader, &f->a, &orgs, &n, &f->err));
	assert_int_equal(n, 0);
	OK(f, rt_store_commit(f->s, &f->err));
	OK(f, rt_store_org_list(reader, &f->a, &orgs, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(orgs[0].id, org);
	rt_store_close(reader);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_plan_load_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_load_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outside_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_references, setup, teardown),
		cmocka_unit_test_setup_teardown(test_goal_refs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reader_during_write, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
