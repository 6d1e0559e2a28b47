/* Plan validation against seed 000's rules and the field checks: every rule
 * has a failing and a passing case, and a plan with several problems gives
 * its findings in document order. */
#include "test_util.h"
#include "core/validate.h"

#include <string.h>

/* ---- building documents -------------------------------------------------- */

static void action_doc(struct rt_plan_doc *d)
{
	rt_plan_doc_init(d);
	d->plan.id = 40;
	d->plan.kind = RT_PLAN_ACTION;
	d->plan.title = "Övergripande handlingsplan för attraktiv arbetsgivare 2016";
	d->plan.start_year = 2016;
	d->plan.end_year = 2016;
	d->plan.version = 1;
	d->plan.case_number = "RS/1321/2015";
	d->owner.kind = RT_ORG_ADMINISTRATION;
}

static struct rt_goal *add_goal(struct rt_plan_doc *d, int64_t id, enum rt_goal_kind kind,
                                int64_t parent, const char *title)
{
	struct rt_goal *g = RT_ARENA_PUSH(&d->arena, d->goals, d->n_goals, d->cap_goals);
	g->id = id;
	g->plan_id = d->plan.id;
	g->kind = kind;
	g->parent_id = parent;
	g->title = rt_arena_strdup(&d->arena, title);
	return g;
}

static struct rt_activity *add_activity(struct rt_plan_doc *d, int64_t id, int64_t goal,
                                        const char *title)
{
	struct rt_activity *a = RT_ARENA_PUSH(&d->arena, d->activities, d->n_activities,
	                                      d->cap_activities);
	a->id = id;
	a->goal_id = goal;
	a->title = rt_arena_strdup(&d->arena, title);
	return a;
}

static struct rt_indicator *add_indicator(struct rt_plan_doc *d, int64_t id, int64_t goal,
                                          enum rt_indicator_kind kind, const char *name)
{
	struct rt_indicator *i = RT_ARENA_PUSH(&d->arena, d->indicators, d->n_indicators,
	                                       d->cap_indicators);
	i->id = id;
	i->goal_id = goal;
	i->kind = kind;
	i->name = rt_arena_strdup(&d->arena, name);
	i->frequency = RT_FREQ_YEAR;
	return i;
}

static void add_target(struct rt_plan_doc *d, int64_t id, int64_t ind, int year, const char *text)
{
	struct rt_target *t = RT_ARENA_PUSH(&d->arena, d->targets, d->n_targets, d->cap_targets);
	t->id = id;
	t->indicator_id = ind;
	t->year = year;
	t->text = rt_arena_strdup(&d->arena, text);
	assert_int_equal(rt_target_parse(text, &t->spec, NULL), 0);
}

/* A valid action plan: one goal area with a goal, its indicator, target and
 * activity. Tests break one thing at a time. */
static void good_doc(struct rt_plan_doc *d)
{
	action_doc(d);
	add_goal(d, 1, RT_GOAL_AREA, 0, "Attraktiv arbetsgivare");
	struct rt_goal *g = add_goal(d, 2, RT_GOAL_GOAL, 1, "Sänka sjukfrånvaron för medarbetare");
	g->lifted = true;
	add_indicator(d, 100, 2, RT_IND_QUANTITATIVE, "Sjukfrånvaro");
	add_target(d, 1000, 100, 2016, "5,7 %");
	struct rt_activity *a = add_activity(d, 500, 2, "Utbilda chefer i rehabilitering");
	a->start_date = "2016-01-01";
	a->end_date = "2016-12-31";
}

static size_t count_rule(const struct rt_findings *f, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->items[i].rule, rule)) n++;
	return n;
}

static const struct rt_finding *find_rule(const struct rt_findings *f, const char *rule)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->items[i].rule, rule)) return &f->items[i];
	return NULL;
}

static void validate(const struct rt_plan_doc *d, struct rt_findings *f)
{
	rt_findings_release(f);
	rt_validate_plan(d, NULL, 0, f);
}

/* ---- rules ---------------------------------------------------------------- */

static void test_good_plan_is_clean(void **state)
{
	(void)state;
	struct rt_plan_doc d;
	good_doc(&d);
	struct rt_findings f = RT_FINDINGS_INIT;
	validate(&d, &f);
	for (size_t i = 0; i < f.n; i++) print_error("unexpected: %s %s\n", f.items[i].rule, f.items[i].message);
	assert_int_equal(f.n, 0);
	rt_findings_release(&f);
	rt_plan_doc_release(&d);
}

static void test_title(void **state)
{
	(void)state;
	static const struct { const char *title; int start, end; const char *rule; } rows[] = {
		{ "Övergripande handlingsplan för attraktiv arbetsgivare 2016", 2016, 2016, NULL },
		{ "Övergripande handlingsplan för jämställdhet 2025", 2025, 2026, NULL },
		{ "Övergripande handlingsplan för sexuell och reproduktiv hälsa 2017-2021", 2017, 2021, NULL },
		{ "Övergripande handlingsplan för sexuell och reproduktiv hälsa 2017–2021", 2017, 2021, NULL },
		{ "Övergripande handlingsplan för miljö 2017 - 2021", 2017, 2021, NULL },
		{ "övergripande handlingsplan för miljö 2020", 2020, 2020, NULL },
		{ "Övergripande handlingsplan för miljö 2020", 2021, 2022, "action_plan_title_year" },
		{ "Övergripande handlingsplan för miljö 2017-2021", 2018, 2021, "action_plan_title_year" },
		{ "Handlingsplan hälsa", 2025, 2025, "action_plan_title" },
		{ "Övergripande handlingsplan gällande sexuell och reproduktiv hälsa 2017-2021", 2017, 2021, "action_plan_title" },
		{ "Övergripande handlingsplan för 2025", 2025, 2025, "action_plan_title" },
		{ "Övergripande handlingsplan för miljö", 2025, 2025, "action_plan_title" },
		{ "Övergripande handlingsplan för miljö 25", 2025, 2025, "action_plan_title" },
		{ "Övergripande handlingsplan för miljö 20255", 2025, 2025, "action_plan_title" },
		{ "Övergripande handlingsplan för miljö2025", 2025, 2025, "action_plan_title" },
		{ "Övergripande handlingsplan för miljö 2021-2017", 2017, 2021, "action_plan_title" },
		{ "Övergripande handlingsplan för miljö -2021", 2021, 2021, "action_plan_title" },
		{ "", 2025, 2025, "action_plan_title" },
		{ NULL, 2025, 2025, "action_plan_title" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct rt_plan p;
		memset(&p, 0, sizeof(p));
		p.id = 7;
		p.kind = RT_PLAN_ACTION;
		p.title = (char *)rows[i].title;
		p.start_year = rows[i].start;
		p.end_year = rows[i].end;
		struct rt_findings f = RT_FINDINGS_INIT;
		rt_validate_action_plan_title(&p, &f);
		if (!rows[i].rule) {
			if (f.n) fail_msg("'%s': unexpected %s", rows[i].title, f.items[0].rule);
		} else {
			if (f.n != 1 || strcmp(f.items[0].rule, rows[i].rule))
				fail_msg("'%s': want one %s, got %zu", rows[i].title, rows[i].rule, f.n);
			assert_int_equal(f.items[0].entity_id, 7);
			assert_string_equal(f.items[0].entity, "plan");
			assert_int_equal(f.items[0].severity, !strcmp(rows[i].rule, "action_plan_title")
			                 ? RT_SEV_ERROR : RT_SEV_WARNING);
		}
		rt_findings_release(&f);
	}
	/* the message names the pattern and quotes the rule of seed 000 §2.4 */
	struct rt_plan p;
	memset(&p, 0, sizeof(p));
	p.kind = RT_PLAN_ACTION;
	p.title = "Handlingsplan hälsa";
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_validate_action_plan_title(&p, &f);
	assert_non_null(strstr(f.items[0].message, "\"Handlingsplan hälsa\""));
	assert_non_null(strstr(f.items[0].message, "Övergripande handlingsplan för <ämne> <ÅR>"));
	assert_non_null(strstr(f.items[0].message, "ska döpas enligt följande; Övergripande handlingsplan för xxxx ÅR."));
	rt_findings_release(&f);
	/* other plan kinds have no title rule */
	p.kind = RT_PLAN_OPERATIONAL;
	rt_validate_action_plan_title(&p, &f);
	assert_int_equal(f.n, 0);
}

static void test_goal_needs_activity(void **state)
{
	(void)state;
	struct rt_plan_doc d;
	good_doc(&d);
	add_goal(&d, 3, RT_GOAL_GOAL, 1, "Minska arbetsskador");   /* no activity */
	add_goal(&d, 4, RT_GOAL_AREA, 0, "Tomt målområde");          /* areas are exempt */
	add_goal(&d, 5, RT_GOAL_GOAL, 0, "Övergripande mål");        /* its sub-goal has one */
	add_goal(&d, 6, RT_GOAL_GOAL, 5, "Delmål");
	add_activity(&d, 501, 6, "Skyddsronder");
	struct rt_findings f = RT_FINDINGS_INIT;
	validate(&d, &f);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.items[0].rule, "action_plan_goal_activity");
	assert_int_equal(f.items[0].severity, RT_SEV_ERROR);
	assert_string_equal(f.items[0].entity, "goal");
	assert_int_equal(f.items[0].entity_id, 3);
	assert_non_null(strstr(f.items[0].message, "För varje mål ska det finnas aktiviteter."));
	/* passing: give it an activity */
	add_activity(&d, 502, 3, "Analysera arbetsskador");
	validate(&d, &f);
	assert_int_equal(f.n, 0);
	/* the rule is for action plans only */
	d.activities[d.n_activities - 1].goal_id = 999;
	d.plan.kind = RT_PLAN_OPERATIONAL;
	d.goals[1].lifted = false;
	validate(&d, &f);
	assert_int_equal(count_rule(&f, "action_plan_goal_activity"), 0);
	rt_findings_release(&f);
	rt_plan_doc_release(&d);
}

static void test_lifted_max(void **state)
{
	(void)state;
	struct rt_plan_doc d;
	good_doc(&d);
	for (int i = 0; i < 2; i++) {
		struct rt_goal *g = add_goal(&d, 10 + i, RT_GOAL_GOAL, 1, "Lyft mål");
		g->lifted = true;
		add_activity(&d, 600 + i, 10 + i, "Aktivitet");
	}
	struct rt_findings f = RT_FINDINGS_INIT;
	validate(&d, &f);
	assert_int_equal(count_rule(&f, "action_plan_lifted_max"), 0);   /* 3 lifted: ok */
	struct rt_goal *g = add_goal(&d, 20, RT_GOAL_GOAL, 1, "Ett fjärde lyft mål");
	g->lifted = true;
	add_activity(&d, 620, 20, "Aktivitet");
	validate(&d, &f);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.items[0].rule, "action_plan_lifted_max");
	assert_int_equal(f.items[0].severity, RT_SEV_ERROR);
	assert_string_equal(f.items[0].entity, "plan");
	assert_int_equal(f.items[0].entity_id, 40);
	assert_non_null(strstr(f.items[0].message, "4 mål är markerade"));
	assert_non_null(strstr(f.items[0].message, "max 2-3 stycken"));
	rt_findings_release(&f);
	rt_plan_doc_release(&d);
}

static void test_lifted_outside_action_plan(void **state)
{
	(void)state;
	struct rt_plan_doc d;
	good_doc(&d);
	d.plan.kind = RT_PLAN_OPERATIONAL;
	d.plan.title = "Regiondirektörens verksamhetsplan 2016";
	struct rt_findings f = RT_FINDINGS_INIT;
	validate(&d, &f);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.items[0].rule, "lifted_not_action_plan");
	assert_int_equal(f.items[0].severity, RT_SEV_WARNING);
	assert_int_equal(f.items[0].entity_id, 2);
	d.goals[1].lifted = false;
	validate(&d, &f);
	assert_int_equal(f.n, 0);
	rt_findings_release(&f);
	rt_plan_doc_release(&d);
}

static void test_case_number(void **state)
{
	(void)state;
	struct rt_plan_doc d;
	good_doc(&d);
	d.plan.case_number = NULL;
	struct rt_findings f = RT_FINDINGS_INIT;
	validate(&d, &f);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.items[0].rule, "case_number_missing");
	assert_int_equal(f.items[0].severity, RT_SEV_WARNING);
	assert_int_equal(rt_findings_errors(&f), 0);
	d.plan.case_number = "";
	validate(&d, &f);
	assert_int_equal(count_rule(&f, "case_number_missing"), 1);
	d.plan.case_number = "23RS106";
	validate(&d, &f);
	assert_int_equal(f.n, 0);
	/* operational plans are not asked for one by this rule */
	d.plan.case_number = NULL;
	d.plan.kind = RT_PLAN_OPERATIONAL;
	d.goals[1].lifted = false;
	validate(&d, &f);
	assert_int_equal(f.n, 0);
	rt_findings_release(&f);
	rt_plan_doc_release(&d);
}

static void test_plan_fields(void **state)
{
	(void)state;
	struct rt_plan_doc d;
	good_doc(&d);
	d.plan.end_year = 2015;
	struct rt_findings f = RT_FINDINGS_INIT;
	validate(&d, &f);
	const struct rt_finding *it = find_rule(&f, "plan_fields");
	assert_non_null(it);
	assert_int_equal(it->severity, RT_SEV_ERROR);
	assert_string_equal(it->message, "Planens slutår 2015 ligger före startåret 2016");
	d.plan.end_year = 2016;
	validate(&d, &f);
	assert_null(find_rule(&f, "plan_fields"));
	rt_findings_release(&f);
	rt_plan_doc_release(&d);
}

static void test_activity_fields(void **state)
{
	(void)state;
	static const struct { const char *title, *start, *end; const char *msg; } rows[] = {
		{ "Utbilda", "2016-01-01", "2016-12-31", NULL },
		{ "Utbilda", NULL, NULL, NULL },
		{ "Utbilda", "", "", NULL },
		{ "Utbilda", "2016-06-01", NULL, NULL },
		{ "", NULL, NULL, "Aktiviteten måste ha en titel" },
		{ "Utbilda", "2016-02-30", NULL, "Aktiviteten 'Utbilda' har ett ogiltigt startdatum '2016-02-30' (skriv ÅÅÅÅ-MM-DD)" },
		{ "Utbilda", NULL, "31/12", "Aktiviteten 'Utbilda' har ett ogiltigt slutdatum '31/12' (skriv ÅÅÅÅ-MM-DD)" },
		{ "Utbilda", "2016-12-31", "2016-01-01", "Aktiviteten 'Utbilda' slutar (2016-01-01) före den börjar (2016-12-31)" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct rt_plan_doc d;
		good_doc(&d);
		d.activities[0].title = (char *)rows[i].title;
		d.activities[0].start_date = (char *)rows[i].start;
		d.activities[0].end_date = (char *)rows[i].end;
		struct rt_findings f = RT_FINDINGS_INIT;
		validate(&d, &f);
		const struct rt_finding *it = find_rule(&f, "activity_fields");
		if (!rows[i].msg) {
			assert_null(it);
		} else {
			assert_non_null(it);
			assert_int_equal(it->severity, RT_SEV_ERROR);
			assert_string_equal(it->entity, "activity");
			assert_int_equal(it->entity_id, 500);
			assert_string_equal(it->message, rows[i].msg);
		}
		rt_findings_release(&f);
		rt_plan_doc_release(&d);
	}
}

static void test_target_kind_and_missing_target(void **state)
{
	(void)state;
	struct rt_plan_doc d;
	good_doc(&d);
	/* qualitative indicator (seed 004) with Ja and prose targets: fine */
	add_indicator(&d, 101, 2, RT_IND_QUALITATIVE, "Civil beredskap, fortsatt utveckling enligt plan");
	add_target(&d, 1001, 101, 2024, "Ja");
	add_target(&d, 1002, 101, 2026, "Ska utarbetas");
	struct rt_findings f = RT_FINDINGS_INIT;
	validate(&d, &f);
	assert_int_equal(f.n, 0);
	/* a number on a qualitative indicator, Ja on a quantitative one */
	add_target(&d, 1003, 101, 2025, "75 %");
	add_target(&d, 1004, 100, 2017, "Ja");
	validate(&d, &f);
	assert_int_equal(count_rule(&f, "target_kind"), 2);
	const struct rt_finding *it = find_rule(&f, "target_kind");
	assert_int_equal(it->severity, RT_SEV_ERROR);
	assert_string_equal(it->entity, "indicator");
	assert_int_equal(it->entity_id, 100);   /* document order: indicator 100 first */
	assert_string_equal(it->message, "Indikatorn 'Sjukfrånvaro' är kvantitativ: målvärdet ska "
	                    "vara ett tal, inte 'Ja'");
	assert_non_null(strstr(f.items[1].message, "är kvalitativ: målvärdet ska vara Ja, Delvis eller Nej, inte '75 %'"));
	/* an indicator without targets */
	add_indicator(&d, 102, 2, RT_IND_QUANTITATIVE, "Antal utbildade chefer");
	validate(&d, &f);
	it = find_rule(&f, "indicator_no_target");
	assert_non_null(it);
	assert_int_equal(it->severity, RT_SEV_WARNING);
	assert_int_equal(it->entity_id, 102);
	add_target(&d, 1005, 102, 2016, "48");
	validate(&d, &f);
	assert_null(find_rule(&f, "indicator_no_target"));
	/* an indicator without a name */
	d.indicators[2].name = "";
	validate(&d, &f);
	it = find_rule(&f, "indicator_fields");
	assert_non_null(it);
	assert_string_equal(it->message, "Indikatorn måste ha ett namn (mätetal)");
	rt_findings_release(&f);
	rt_plan_doc_release(&d);
}

static void test_chain_in_validation(void **state)
{
	(void)state;
	struct rt_plan_doc d;
	good_doc(&d);
	struct rt_goal_ref refs[] = {
		{ 90, 30, 0, 2, "Sänka sjukfrånvaron (RD)", "Regiondirektörens verksamhetsplan 2016" },
		{ 2, 40, 90, 3, "Sänka sjukfrånvaron för medarbetare", "Övergripande handlingsplan för attraktiv arbetsgivare 2016" },
		{ 91, 50, 0, 4, "Friskvårdstimmen", "Aktivitetsplan kirurgi" },
		{ 92, 60, 91, 3, "Annan plans fel", "En annan handlingsplan" },
	};
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_validate_plan(&d, refs, 4, &f);
	assert_int_equal(f.n, 0);   /* plan 60's bad link is not this plan's */
	refs[1].serves_goal_id = 91;  /* now it points down to the activity plan */
	rt_findings_release(&f);
	rt_validate_plan(&d, refs, 4, &f);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.items[0].rule, "chain_not_upward");
	assert_int_equal(f.items[0].entity_id, 2);
	/* no refs: chain rules skipped */
	validate(&d, &f);
	assert_int_equal(f.n, 0);
	rt_findings_release(&f);
	rt_plan_doc_release(&d);
}

static void test_budget_in_validation(void **state)
{
	(void)state;
	struct rt_plan_doc d;
	good_doc(&d);
	static const struct { enum rt_budget_category c; int64_t tkr; } lines[] = {
		{ RT_BUDGET_INCOME, 332000 }, { RT_BUDGET_STAFF_COSTS, -529000 },
		{ RT_BUDGET_OTHER_COSTS, -515000 }, { RT_BUDGET_NET, -713000 },
	};
	for (size_t i = 0; i < 4; i++) {
		struct rt_budget_line *l = RT_ARENA_PUSH(&d.arena, d.budget, d.n_budget, d.cap_budget);
		l->id = 70 + (int64_t)i;
		l->kind = RT_BUDGET_OPERATING;
		l->category = lines[i].c;
		l->year = 2024;
		l->amount_tkr = lines[i].tkr;
	}
	struct rt_findings f = RT_FINDINGS_INIT;
	validate(&d, &f);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.items[0].rule, "budget_net_sum");
	d.budget[3].amount_tkr = -712000;
	validate(&d, &f);
	assert_int_equal(f.n, 0);
	rt_findings_release(&f);
	rt_plan_doc_release(&d);
}

/* The broken example plan (examples/broken-action-plan.json): wrong title,
 * a goal without activity, four lifted goals, a link down to an activity
 * plan and no case number. Findings come in document order. */
static void test_broken_example_order(void **state)
{
	(void)state;
	struct rt_plan_doc d;
	action_doc(&d);
	d.plan.title = "Handlingsplan hälsa";
	d.plan.start_year = d.plan.end_year = 2025;
	d.plan.case_number = NULL;
	const char *titles[] = { "Sänka sjukfrånvaron för medarbetare",
	                         "Fler medarbetare ska använda friskvårdstimmen",
	                         "Minska antalet arbetsskador",
	                         "Ingen medarbetare ska utsättas för kränkande särbehandling" };
	for (int i = 0; i < 4; i++) {
		struct rt_goal *g = add_goal(&d, i + 1, RT_GOAL_GOAL, 0, titles[i]);
		g->lifted = true;
		if (i < 3) add_activity(&d, 100 + i, i + 1, "Aktivitet");
	}
	struct rt_goal_ref refs[] = {
		{ 50, 5, 0, 4, "Alla medarbetare på kirurgen använder friskvårdstimmen", "Aktivitetsplan verksamhetsområde kirurgi 2025" },
		{ 1, 40, 0, 3, titles[0], "Handlingsplan hälsa" },
		{ 2, 40, 50, 3, titles[1], "Handlingsplan hälsa" },
		{ 3, 40, 0, 3, titles[2], "Handlingsplan hälsa" },
		{ 4, 40, 0, 3, titles[3], "Handlingsplan hälsa" },
	};
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_validate_plan(&d, refs, 5, &f);
	static const char *const want[] = {
		"action_plan_title", "case_number_missing", "action_plan_lifted_max",
		"action_plan_goal_activity", "chain_not_upward",
	};
	assert_int_equal(f.n, 5);
	for (size_t i = 0; i < 5; i++) assert_string_equal(f.items[i].rule, want[i]);
	assert_int_equal(rt_findings_errors(&f), 4);
	assert_int_equal(f.items[3].entity_id, 4);
	assert_string_equal(f.items[4].message, "Målkedjan måste peka uppåt: målet i Handlingsplan hälsa "
	                    "(nivå 3) kopplas till Aktivitetsplan verksamhetsområde kirurgi 2025 (nivå 4)");
	/* deterministic: the same input gives the same list */
	struct rt_findings again = RT_FINDINGS_INIT;
	rt_validate_plan(&d, refs, 5, &again);
	assert_int_equal(again.n, f.n);
	for (size_t i = 0; i < f.n; i++) assert_string_equal(again.items[i].message, f.items[i].message);
	rt_findings_release(&again);
	rt_findings_release(&f);
	rt_plan_doc_release(&d);
}

static void test_indicator_and_activity_checks_direct(void **state)
{
	(void)state;
	struct rt_indicator ind;
	memset(&ind, 0, sizeof(ind));
	ind.name = "Sjukfrånvaro";
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_indicator_check(&ind, &err), 0);
	ind.direction = (enum rt_direction)7;
	assert_int_equal(rt_indicator_check(&ind, &err), RT_EINVAL);
	assert_string_equal(err.field, "direction");
	ind.direction = RT_DIR_LOWER;
	struct rt_target t;
	memset(&t, 0, sizeof(t));
	t.year = 1800;
	t.text = "5 %";
	assert_int_equal(rt_target_parse(t.text, &t.spec, NULL), 0);
	rt_err_clear(&err);
	assert_int_equal(rt_target_check(&ind, &t, &err), RT_EINVAL);
	assert_string_equal(err.field, "year");
	t.year = 2021;
	assert_int_equal(rt_target_check(&ind, &t, NULL), 0);
	struct rt_activity a;
	memset(&a, 0, sizeof(a));
	a.title = "Utbilda";
	a.scope = (enum rt_activity_scope)5;
	rt_err_clear(&err);
	assert_int_equal(rt_activity_check(&a, &err), RT_EINVAL);
	assert_string_equal(err.field, "scope");
	a.scope = RT_SCOPE_MANAGEMENT_STAFF;
	assert_int_equal(rt_activity_check(&a, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_plan_is_clean),
		cmocka_unit_test(test_title),
		cmocka_unit_test(test_goal_needs_activity),
		cmocka_unit_test(test_lifted_max),
		cmocka_unit_test(test_lifted_outside_action_plan),
		cmocka_unit_test(test_case_number),
		cmocka_unit_test(test_plan_fields),
		cmocka_unit_test(test_activity_fields),
		cmocka_unit_test(test_target_kind_and_missing_target),
		cmocka_unit_test(test_chain_in_validation),
		cmocka_unit_test(test_budget_in_validation),
		cmocka_unit_test(test_broken_example_order),
		cmocka_unit_test(test_indicator_and_activity_checks_direct),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
