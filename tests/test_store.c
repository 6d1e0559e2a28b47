/* The store against a real database (a SQLite file, or a PostgreSQL schema
 * in the _pg variant): every entity written and read back field by field
 * (with å ä ö and with NULL optional fields) and every enum token through
 * the CHECK constraints. test_store_load.c has the order of a loaded plan,
 * keys and the errors a caller acts on. */
#include "test_store.h"

static void str_eq(const char *a, const char *b, const char *what)
{
	if (!a || !b) {
		if (a != b)
			fail_msg("%s: '%s' vs '%s'", what, a ? a : "(null)", b ? b : "(null)");
		return;
	}
	if (strcmp(a, b) != 0)
		fail_msg("%s: '%s' vs '%s'", what, a, b);
}

#define S_EQ(x, y, field) str_eq((x)->field, (y)->field, #field)
#define I_EQ(x, y, field) assert_int_equal((x)->field, (y)->field)

/* ---- field-by-field comparison ------------------------------------------ */

static void org_eq(const struct rt_org_unit *a, const struct rt_org_unit *b)
{
	I_EQ(a, b, id); I_EQ(a, b, parent_id); I_EQ(a, b, kind);
	S_EQ(a, b, key); S_EQ(a, b, name); S_EQ(a, b, short_name);
}

static void plan_eq(const struct rt_plan *a, const struct rt_plan *b)
{
	I_EQ(a, b, id); S_EQ(a, b, key); I_EQ(a, b, kind); I_EQ(a, b, owner_org_id);
	I_EQ(a, b, parent_plan_id); S_EQ(a, b, title); I_EQ(a, b, start_year);
	I_EQ(a, b, end_year); S_EQ(a, b, case_number); I_EQ(a, b, version);
	I_EQ(a, b, status); S_EQ(a, b, decision_body); S_EQ(a, b, introduction);
}

static void change_eq(const struct rt_plan_change *a, const struct rt_plan_change *b)
{
	I_EQ(a, b, id); I_EQ(a, b, plan_id); I_EQ(a, b, version);
	S_EQ(a, b, date); S_EQ(a, b, change); S_EQ(a, b, decided_by);
}

static void goal_eq(const struct rt_goal *a, const struct rt_goal *b)
{
	I_EQ(a, b, id); I_EQ(a, b, plan_id); I_EQ(a, b, parent_id); I_EQ(a, b, position);
	I_EQ(a, b, kind); S_EQ(a, b, key); S_EQ(a, b, code); S_EQ(a, b, title);
	S_EQ(a, b, description); I_EQ(a, b, serves_goal_id); I_EQ(a, b, lifted);
}

static void indicator_eq(const struct rt_indicator *a, const struct rt_indicator *b)
{
	I_EQ(a, b, id); I_EQ(a, b, goal_id); I_EQ(a, b, position); S_EQ(a, b, key);
	S_EQ(a, b, name); S_EQ(a, b, description); I_EQ(a, b, kind); S_EQ(a, b, unit);
	I_EQ(a, b, direction); S_EQ(a, b, source); S_EQ(a, b, motivation);
	S_EQ(a, b, criteria); I_EQ(a, b, frequency); I_EQ(a, b, central_only);
	I_EQ(a, b, by_gender); I_EQ(a, b, by_org); I_EQ(a, b, has_tolerance);
	assert_true(a->tolerance == b->tolerance);
}

static void spec_eq(const struct rt_target_spec *a, const struct rt_target_spec *b)
{
	I_EQ(a, b, cmp); I_EQ(a, b, has_value); assert_true(a->value == b->value);
	assert_string_equal(a->unit, b->unit); I_EQ(a, b, base_year); I_EQ(a, b, qual);
}

static void target_eq(const struct rt_target *a, const struct rt_target *b)
{
	I_EQ(a, b, id); I_EQ(a, b, indicator_id); I_EQ(a, b, year); I_EQ(a, b, gender);
	I_EQ(a, b, org_unit_id); S_EQ(a, b, text); spec_eq(&a->spec, &b->spec);
}

static void baseline_eq(const struct rt_baseline *a, const struct rt_baseline *b)
{
	I_EQ(a, b, id); I_EQ(a, b, indicator_id); I_EQ(a, b, year); I_EQ(a, b, gender);
	I_EQ(a, b, org_unit_id); S_EQ(a, b, text); I_EQ(a, b, has_value);
	assert_true(a->value == b->value);
}

static void activity_eq(const struct rt_activity *a, const struct rt_activity *b)
{
	I_EQ(a, b, id); I_EQ(a, b, goal_id); I_EQ(a, b, position); S_EQ(a, b, key);
	S_EQ(a, b, title); S_EQ(a, b, description); S_EQ(a, b, target_group);
	S_EQ(a, b, start_date); S_EQ(a, b, end_date); S_EQ(a, b, owner); S_EQ(a, b, contact);
	I_EQ(a, b, scope); S_EQ(a, b, origin); I_EQ(a, b, origin_plan_id);
}

static void budget_eq(const struct rt_budget_line *a, const struct rt_budget_line *b)
{
	I_EQ(a, b, id); I_EQ(a, b, plan_id); I_EQ(a, b, org_unit_id); I_EQ(a, b, position);
	I_EQ(a, b, kind); I_EQ(a, b, category); S_EQ(a, b, label); I_EQ(a, b, year);
	I_EQ(a, b, amount_tkr);
}

static void period_eq(const struct rt_period *a, const struct rt_period *b)
{
	I_EQ(a, b, id); S_EQ(a, b, key); I_EQ(a, b, kind); I_EQ(a, b, year); I_EQ(a, b, number);
	S_EQ(a, b, start_date); S_EQ(a, b, end_date); S_EQ(a, b, deadline);
}

static void outcome_eq(const struct rt_outcome *a, const struct rt_outcome *b)
{
	I_EQ(a, b, id); I_EQ(a, b, indicator_id); I_EQ(a, b, period_id); I_EQ(a, b, gender);
	I_EQ(a, b, org_unit_id); S_EQ(a, b, text); spec_eq(&a->value, &b->value);
	S_EQ(a, b, comment); I_EQ(a, b, status); S_EQ(a, b, entered_by); S_EQ(a, b, entered_at);
	I_EQ(a, b, computed_status); S_EQ(a, b, override_reason);
}

static void assessment_eq(const struct rt_assessment *a, const struct rt_assessment *b)
{
	I_EQ(a, b, id); I_EQ(a, b, goal_id); I_EQ(a, b, period_id); I_EQ(a, b, status);
	S_EQ(a, b, analysis);
}

/* Finds the element with `id` in a doc array (every struct starts with id). */
static const void *find_id(const void *items, size_t n, size_t size, int64_t id)
{
	for (size_t i = 0; i < n; i++) {
		const void *p = (const char *)items + i * size;
		if (*(const int64_t *)p == id)
			return p;
	}
	fail_msg("id %lld not found", (long long)id);
	return NULL;
}
#define FIND(doc, arr, id) find_id((doc)->arr, (doc)->n_##arr, sizeof(*(doc)->arr), (id))

/* ---- round trips ------------------------------------------------------------ */

static void test_round_trip_all_fields(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "Åsa Öberg", &f->err));

	struct rt_org_unit region = { 0, 0, RT_ORG_REGION, "rjh", "Region Jämtland Härjedalen", "RJH" };
	OK(f, rt_store_org_put(f->s, &region, &f->err));
	struct rt_org_unit board = { 0, region.id, RT_ORG_BOARD, "rjh-rs", "Regionstyrelsen", "RS" };
	OK(f, rt_store_org_put(f->s, &board, &f->err));
	struct rt_org_unit admin = { 0, region.id, RT_ORG_ADMINISTRATION, NULL,
	                             "Regiondirektörens förvaltning", NULL };
	OK(f, rt_store_org_put(f->s, &admin, &f->err));
	assert_true(region.id > 0 && board.id > region.id && admin.id > board.id);

	int64_t rp = put_plan(f, RT_PLAN_REGION_PLAN, region.id, "rjh-rp", "Regionplan 2021");
	int64_t rp_goal = put_goal(f, rp, 0, 0, "Attraktiv arbetsgivare");

	struct rt_plan plan = {
		0, "rjh-rs-vp-2021", RT_PLAN_OPERATIONAL, board.id, rp,
		"Regionstyrelsens verksamhetsplan 2021 – å ä ö Å Ä Ö", 2021, 2023, "RS/1321/2015", 4,
		RT_PLAN_DECIDED, "Regiondirektör", "Inledning med \"citat\", ’apostrof’ och\nradbrytning."
	};
	OK(f, rt_store_plan_put(f->s, &plan, &f->err));
	struct rt_plan bare = { 0, NULL, RT_PLAN_ACTIVITY, admin.id, 0, "Aktivitetsplan", 2022, 2022,
	                        NULL, 1, RT_PLAN_DRAFT, NULL, NULL };
	OK(f, rt_store_plan_put(f->s, &bare, &f->err));

	struct rt_plan_change ch1 = { 0, plan.id, 1, "2013-03-12", "Nyutgåva", NULL };
	struct rt_plan_change ch2 = { 0, plan.id, 2, "2015-08-14", "Ändrad målkedja", "Regiondirektör" };
	OK(f, rt_store_plan_change_put(f->s, &ch1, &f->err));
	OK(f, rt_store_plan_change_put(f->s, &ch2, &f->err));

	struct rt_goal area = { 0, plan.id, 0, 0, RT_GOAL_AREA, "rs-area", "2", "Medarbetare",
	                        NULL, 0, false };
	OK(f, rt_store_goal_put(f->s, &area, &f->err));
	struct rt_goal goal = { 0, plan.id, area.id, 0, RT_GOAL_GOAL, "rs-sjuk", "2.1.1",
	                        "Arbetsmiljön ska vara hälsofrämjande",
	                        "Brödtext om sjukfrånvaro – även för män och kvinnor.", rp_goal, true };
	OK(f, rt_store_goal_put(f->s, &goal, &f->err));

	struct rt_indicator ind = {
		0, goal.id, 0, "rs-sjuk-ind", "Sjukfrånvaron ska vara lägre än målvärdet",
		"Beskrivning", RT_IND_QUANTITATIVE, "%", RT_DIR_LOWER, "Heroma", "Motivering",
		"Bedömningsgrunder: Ja om …", RT_FREQ_HALF_YEAR, true, true, true, 5.0, true
	};
	OK(f, rt_store_indicator_put(f->s, &ind, &f->err));
	struct rt_indicator qual = { 0 };
	qual.goal_id = goal.id;
	qual.position = 1;
	qual.name = "Finns en plan för kompetensförsörjning?";
	qual.kind = RT_IND_QUALITATIVE;
	qual.frequency = RT_FREQ_YEAR;
	OK(f, rt_store_indicator_put(f->s, &qual, &f->err));

	struct rt_target t1 = { 0, ind.id, 2021, RT_GENDER_WOMEN, admin.id, "≤ 4,7 %",
	                        { RT_CMP_LE, true, 4.7, "%", 0, RT_QUAL_NONE } };
	struct rt_target t2 = { 0, ind.id, 2022, RT_GENDER_TOTAL, 0, "-10 % jämfört med 2018",
	                        { RT_CMP_RELATIVE, true, -10, "%", 2018, RT_QUAL_NONE } };
	struct rt_target t3 = { 0, qual.id, 2021, RT_GENDER_TOTAL, 0, "Ja",
	                        { RT_CMP_QUALITATIVE, false, 0, "", 0, RT_QUAL_YES } };
	struct rt_target t4 = { 0, ind.id, 2023, RT_GENDER_MEN, 0, "Ny indikator 2024",
	                        { RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE } };
	OK(f, rt_store_target_put(f->s, &t1, &f->err));
	OK(f, rt_store_target_put(f->s, &t2, &f->err));
	OK(f, rt_store_target_put(f->s, &t3, &f->err));
	OK(f, rt_store_target_put(f->s, &t4, &f->err));

	struct rt_baseline b1 = { 0, ind.id, 2020, RT_GENDER_MEN, admin.id, "RVN 77", true, 77 };
	struct rt_baseline b2 = { 0, ind.id, 2021, RT_GENDER_TOTAL, 0, "-", false, 0 };
	OK(f, rt_store_baseline_put(f->s, &b1, &f->err));
	OK(f, rt_store_baseline_put(f->s, &b2, &f->err));

	struct rt_activity act = {
		0, goal.id, 0, "rs-akt-1", "Använda normkritiskt APT-material",
		"Ska genomföras på APT.", "Alla medarbetare", "2021-01-01", "2021-12-31",
		"Regiondirektör", "Sandra Hedman", RT_SCOPE_MANAGEMENT_STAFF,
		"Från Övergripande handlingsplan gällande SRHR 2017–2021", rp
	};
	struct rt_activity act_min = { 0 };
	act_min.goal_id = goal.id;
	act_min.position = 1;
	act_min.title = "Minsta möjliga aktivitet";
	OK(f, rt_store_activity_put(f->s, &act, &f->err));
	OK(f, rt_store_activity_put(f->s, &act_min, &f->err));

	struct rt_budget_line bl1 = { 0, plan.id, admin.id, 0, RT_BUDGET_OPERATING,
	                              RT_BUDGET_STAFF_COSTS, "Personalkostnader", 2024, -529000 };
	struct rt_budget_line bl2 = { 0, plan.id, 0, 0, RT_BUDGET_CAPITAL, RT_BUDGET_NEW_NEEDS,
	                              NULL, 2025, 20000 };
	OK(f, rt_store_budget_put(f->s, &bl1, &f->err));
	OK(f, rt_store_budget_put(f->s, &bl2, &f->err));

	struct rt_period t1p = { 0, "2021-T1", RT_PERIOD_TERTIAL, 2021, 1, "2021-01-01", "2021-04-30",
	                         "2021-05-15" };
	struct rt_period yp = { 0, "2021", RT_PERIOD_YEAR, 2021, 0, "2021-01-01", "2021-12-31", NULL };
	OK(f, rt_store_period_put(f->s, &t1p, &f->err));
	OK(f, rt_store_period_put(f->s, &yp, &f->err));

	struct rt_outcome o1 = { 0, ind.id, t1p.id, RT_GENDER_WOMEN, admin.id, "5,4 %",
	                         { RT_CMP_REACH, true, 5.4, "%", 0, RT_QUAL_NONE },
	                         "Sjukfrånvaron är hög under pandemin", RT_STATUS_NOT_ACHIEVED,
	                         "Örjan", "2021-05-10T08:00:00Z", RT_STATUS_PARTLY,
	                         "Pandemin förklarar ökningen – bedöms som ej uppfyllt ändå" };
	struct rt_outcome o2 = { 0 };   /* only a comment: the seed's empty Utfall cell */
	o2.indicator_id = qual.id;
	o2.period_id = yp.id;
	o2.comment = "Mäts helår";
	OK(f, rt_store_outcome_put(f->s, &o1, &f->err));
	OK(f, rt_store_outcome_put(f->s, &o2, &f->err));

	struct rt_assessment as1 = { 0, goal.id, t1p.id, RT_STATUS_PARTLY, "Analys: delvis uppfyllt." };
	struct rt_assessment as2 = { 0, area.id, yp.id, RT_STATUS_NONE, NULL };
	OK(f, rt_store_assessment_put(f->s, &as1, &f->err));
	OK(f, rt_store_assessment_put(f->s, &as2, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	/* single gets and lists */
	struct rt_org_unit org;
	OK(f, rt_store_org_get(f->s, &f->a, board.id, &org, &f->err));
	org_eq(&org, &board);
	OK(f, rt_store_org_get(f->s, &f->a, admin.id, &org, &f->err));
	org_eq(&org, &admin);
	struct rt_org_unit *orgs;
	size_t n;
	OK(f, rt_store_org_list(f->s, &f->a, &orgs, &n, &f->err));
	assert_int_equal(n, 3);
	org_eq(&orgs[0], &region);
	org_eq(&orgs[2], &admin);
	struct rt_plan p;
	OK(f, rt_store_plan_get(f->s, &f->a, plan.id, &p, &f->err));
	plan_eq(&p, &plan);
	OK(f, rt_store_plan_get(f->s, &f->a, bare.id, &p, &f->err));
	plan_eq(&p, &bare);
	struct rt_plan *plans;
	OK(f, rt_store_plan_list(f->s, &f->a, &plans, &n, &f->err));
	assert_int_equal(n, 3);
	plan_eq(&plans[1], &plan);
	struct rt_goal g;
	OK(f, rt_store_goal_get(f->s, &f->a, goal.id, &g, &f->err));
	goal_eq(&g, &goal);
	struct rt_period *periods;
	OK(f, rt_store_period_list(f->s, &f->a, &periods, &n, &f->err));
	assert_int_equal(n, 2);
	period_eq(&periods[0], &t1p);
	period_eq(&periods[1], &yp);

	/* the whole document */
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	OK(f, rt_store_plan_load(f->s, plan.id, &doc, &f->err));
	plan_eq(&doc.plan, &plan);
	org_eq(&doc.owner, &board);
	assert_int_equal(doc.n_changes, 2);
	change_eq(&doc.changes[0], &ch1);
	change_eq(&doc.changes[1], &ch2);
	assert_int_equal(doc.n_goals, 2);
	goal_eq(&doc.goals[0], &area);
	goal_eq(&doc.goals[1], &goal);
	assert_int_equal(doc.n_indicators, 2);
	indicator_eq(&doc.indicators[0], &ind);
	indicator_eq(&doc.indicators[1], &qual);
	assert_int_equal(doc.n_targets, 4);
	target_eq(FIND(&doc, targets, t1.id), &t1);
	target_eq(FIND(&doc, targets, t2.id), &t2);
	target_eq(FIND(&doc, targets, t3.id), &t3);
	target_eq(FIND(&doc, targets, t4.id), &t4);
	assert_int_equal(doc.n_baselines, 2);
	baseline_eq(FIND(&doc, baselines, b1.id), &b1);
	baseline_eq(FIND(&doc, baselines, b2.id), &b2);
	assert_int_equal(doc.n_activities, 2);
	activity_eq(&doc.activities[0], &act);
	activity_eq(&doc.activities[1], &act_min);
	assert_int_equal(doc.n_budget, 2);
	budget_eq(&doc.budget[0], &bl1);
	budget_eq(&doc.budget[1], &bl2);
	assert_int_equal(doc.n_periods, 2);
	period_eq(&doc.periods[0], &t1p);
	period_eq(&doc.periods[1], &yp);
	assert_int_equal(doc.n_outcomes, 2);
	outcome_eq(FIND(&doc, outcomes, o1.id), &o1);
	outcome_eq(FIND(&doc, outcomes, o2.id), &o2);
	assert_int_equal(doc.n_assessments, 2);
	assessment_eq(FIND(&doc, assessments, as1.id), &as1);
	assessment_eq(FIND(&doc, assessments, as2.id), &as2);
	rt_plan_doc_release(&doc);

	/* updates: fields change, optional ones become NULL, ids stay */
	OK(f, rt_store_begin(f->s, "test", &f->err));
	int64_t plan_id = plan.id;
	plan.title = "Ny titel – ändrad";
	plan.case_number = NULL;
	plan.introduction = NULL;
	/* back to draft: the goal and target below may only change in a plan
	 * that is not decided or archived (store_auth.h, issue 5) */
	plan.status = RT_PLAN_DRAFT;
	plan.parent_plan_id = 0;
	OK(f, rt_store_plan_put(f->s, &plan, &f->err));
	assert_int_equal(plan.id, plan_id);
	goal.serves_goal_id = 0;
	goal.lifted = false;
	goal.description = NULL;
	OK(f, rt_store_goal_put(f->s, &goal, &f->err));
	t1.text = "< 250";
	t1.spec = (struct rt_target_spec){ RT_CMP_LT, true, 250, "", 0, RT_QUAL_NONE };
	t1.org_unit_id = 0;
	OK(f, rt_store_target_put(f->s, &t1, &f->err));
	o1.text = NULL;
	o1.value = (struct rt_target_spec){ RT_CMP_QUALITATIVE, false, 0, "", 0, RT_QUAL_PARTLY };
	o1.entered_by = NULL;
	OK(f, rt_store_outcome_put(f->s, &o1, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	rt_plan_doc_init(&doc);
	OK(f, rt_store_plan_load(f->s, plan.id, &doc, &f->err));
	plan_eq(&doc.plan, &plan);
	goal_eq(FIND(&doc, goals, goal.id), &goal);
	target_eq(FIND(&doc, targets, t1.id), &t1);
	outcome_eq(FIND(&doc, outcomes, o1.id), &o1);
	rt_plan_doc_release(&doc);
}

/* Every enum value goes through the CHECK constraints and comes back: the
 * SQL tokens and the core's rt_*_name() agree. */
static void test_enum_tokens(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	int64_t root = 0;
	for (int k = 0; k < RT_ORG_KIND_COUNT; k++) {
		struct rt_org_unit u = { 0, root, (enum rt_org_kind)k, NULL, "Enhet", NULL };
		OK(f, rt_store_org_put(f->s, &u, &f->err));
		struct rt_org_unit back;
		OK(f, rt_store_org_get(f->s, &f->a, u.id, &back, &f->err));
		org_eq(&back, &u);
		if (!root)
			root = u.id;
	}
	int64_t plan = 0;
	for (int k = 0; k < RT_PLAN_KIND_COUNT; k++)
		for (int st = 0; st < RT_PLAN_STATUS_COUNT; st++) {
			struct rt_plan p = { 0, NULL, (enum rt_plan_kind)k, root, 0, "Plan", 2021, 2022,
			                     NULL, 1, (enum rt_plan_status)st, NULL, NULL };
			OK(f, rt_store_plan_put(f->s, &p, &f->err));
			struct rt_plan back;
			OK(f, rt_store_plan_get(f->s, &f->a, p.id, &back, &f->err));
			plan_eq(&back, &p);
			plan = p.id;
		}
	int64_t goal = 0;
	for (int k = 0; k < RT_GOAL_KIND_COUNT; k++) {
		struct rt_goal g = { 0, plan, 0, k, (enum rt_goal_kind)k, NULL, NULL, "Mål", NULL, 0, false };
		OK(f, rt_store_goal_put(f->s, &g, &f->err));
		struct rt_goal back;
		OK(f, rt_store_goal_get(f->s, &f->a, g.id, &back, &f->err));
		goal_eq(&back, &g);
		goal = g.id;
	}
	struct rt_indicator inds[2 * 3 * 4];
	size_t n_inds = 0;
	for (int k = 0; k < 2; k++)
		for (int d = 0; d < 3; d++)
			for (int fr = 0; fr < 4; fr++) {
				struct rt_indicator *ind = &inds[n_inds];
				*ind = (struct rt_indicator){ 0 };
				ind->goal_id = goal;
				ind->position = (int)n_inds++;
				ind->name = "Indikator";
				ind->kind = (enum rt_indicator_kind)k;
				ind->direction = (enum rt_direction)d;
				ind->frequency = (enum rt_frequency)fr;
				OK(f, rt_store_indicator_put(f->s, ind, &f->err));
			}
	/* targets: every comparator and qual, every gender */
	struct rt_target ts[10 * 4];
	size_t n_ts = 0;
	for (int c = 0; c <= RT_CMP_TEXT; c++)
		for (int q = 0; q <= RT_QUAL_NO; q++) {
			struct rt_target *t = &ts[n_ts];
			*t = (struct rt_target){ 0, inds[0].id, 2000 + (int)n_ts, (enum rt_gender)(n_ts % 3),
			                         0, "x", { (enum rt_comparator)c, c % 2 == 0, c % 2 ? 0 : c * 1.5,
			                                   "kWh/m2", c == RT_CMP_RELATIVE ? 2018 : 0,
			                                   (enum rt_qual)q } };
			n_ts++;
			OK(f, rt_store_target_put(f->s, t, &f->err));
		}
	int64_t period = 0;
	static const char *const keys[] = { "2021-M01", "2021-T1", "2021-H1", "2021" };
	for (int k = 0; k < 4; k++) {
		struct rt_period p = { 0, (char *)keys[k], (enum rt_period_kind)k, 2021, 1, "2021-01-01",
		                       "2021-01-31", NULL };
		OK(f, rt_store_period_put(f->s, &p, &f->err));
		period = p.id;
	}
	struct rt_outcome os[4];
	struct rt_assessment as[4];
	for (int st = 0; st < 4; st++) {
		os[st] = (struct rt_outcome){ 0 };
		os[st].indicator_id = inds[st].id;
		os[st].period_id = period;
		os[st].gender = (enum rt_gender)(st % 3);
		os[st].status = (enum rt_status)st;
		OK(f, rt_store_outcome_put(f->s, &os[st], &f->err));
		as[st] = (struct rt_assessment){ 0, goal - st, period, (enum rt_status)st, NULL };
		OK(f, rt_store_assessment_put(f->s, &as[st], &f->err));
	}
	struct rt_activity acts[2];
	for (int sc = 0; sc < 2; sc++) {
		acts[sc] = (struct rt_activity){ 0 };
		acts[sc].goal_id = goal;
		acts[sc].position = sc;
		acts[sc].title = "Aktivitet";
		acts[sc].scope = (enum rt_activity_scope)sc;
		OK(f, rt_store_activity_put(f->s, &acts[sc], &f->err));
	}
	struct rt_budget_line bls[7];
	for (int c = 0; c < 7; c++) {
		bls[c] = (struct rt_budget_line){ 0, plan, 0, c,
		                                  c < 4 ? RT_BUDGET_OPERATING : RT_BUDGET_CAPITAL,
		                                  (enum rt_budget_category)c, "Rad", 2024, -c * 1000 };
		OK(f, rt_store_budget_put(f->s, &bls[c], &f->err));
	}
	/* a category of the wrong kind is refused by the CHECK */
	struct rt_budget_line wrong = { 0, plan, 0, 0, RT_BUDGET_CAPITAL, RT_BUDGET_INCOME, "Fel", 2024, 1 };
	assert_int_equal(rt_store_budget_put(f->s, &wrong, &f->err), RT_EINVAL);
	assert_int_equal(wrong.id, 0);
	OK(f, rt_store_commit(f->s, &f->err));

	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	OK(f, rt_store_plan_load(f->s, plan, &doc, &f->err));
	assert_int_equal(doc.n_indicators, n_inds);
	for (size_t i = 0; i < n_inds; i++)
		indicator_eq(FIND(&doc, indicators, inds[i].id), &inds[i]);
	assert_int_equal(doc.n_targets, n_ts);
	for (size_t i = 0; i < n_ts; i++)
		target_eq(FIND(&doc, targets, ts[i].id), &ts[i]);
	assert_int_equal(doc.n_outcomes, 4);
	for (int i = 0; i < 4; i++) {
		outcome_eq(FIND(&doc, outcomes, os[i].id), &os[i]);
		assessment_eq(FIND(&doc, assessments, as[i].id), &as[i]);
	}
	assert_int_equal(doc.n_activities, 2);
	activity_eq(&doc.activities[0], &acts[0]);
	activity_eq(&doc.activities[1], &acts[1]);
	assert_int_equal(doc.n_budget, 7);
	for (int c = 0; c < 7; c++)
		budget_eq(&doc.budget[c], &bls[c]);
	assert_int_equal(doc.n_periods, 1);
	assert_int_equal(doc.periods[0].kind, RT_PERIOD_YEAR);
	rt_plan_doc_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip_all_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enum_tokens, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
