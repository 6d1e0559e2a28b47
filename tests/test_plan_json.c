/* Tests of the plan-document codec (src/ingest/plan_json*.c, src/report/
 * plan_json.c) against a real SQLite store: a fixture with å ä ö, nested
 * goals, a målkedja link to a goal further down the file, gender and org
 * targets and outcomes is read back value by value; every error names the
 * source and the JSON path and leaves the database as it was (same audit
 * row count); export → import into an empty database → export gives the
 * same bytes. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/plan_json.h"
#include "report/plan_json.h"
#include "util/alloc.h"

#define FIXTURE "tests/fixtures/plan-small.json"

/* ---- helpers --------------------------------------------------------- */

static rt_store *fresh_store(const char *name)
{
	char *path = rt_test_db(name);
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	int rc = rt_store_open(&s, path, RT_STORE_OPEN_CREATE, &err);
	if (rc)
		fprintf(stderr, "open %s: %s\n", path, err.msg);
	assert_int_equal(rc, 0);
	free(path);
	return s;
}

static size_t audit_count(rt_store *s)
{
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_audit_row *rows = NULL;
	size_t n = 0;
	assert_int_equal(rt_store_audit_list(s, &a, NULL, 0, &rows, &n, &err), 0);
	rt_arena_release(&a);
	return n;
}

static size_t plan_count(rt_store *s)
{
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_plan *plans = NULL;
	size_t n = 0;
	assert_int_equal(rt_store_plan_list(s, &a, &plans, &n, &err), 0);
	rt_arena_release(&a);
	return n;
}

static int64_t key_id(rt_store *s, const char *table, const char *key)
{
	int64_t id = 0;
	rt_err err = RT_ERR_INIT;
	int rc = rt_store_find_key(s, table, key, &id, &err);
	if (rc)
		fprintf(stderr, "find %s '%s': %s\n", table, key, err.msg);
	assert_int_equal(rc, 0);
	return id;
}

static void import_fixture(rt_store *s, struct rt_import_stats *st)
{
	char *path = rt_test_src_path(FIXTURE);
	rt_err err = RT_ERR_INIT;
	int rc = rt_import_json_file(s, "test", path, st, &err);
	if (rc)
		fprintf(stderr, "import: %s\n", err.msg);
	assert_int_equal(rc, 0);
	free(path);
}

static int import_text(rt_store *s, const char *text, rt_err *err)
{
	return rt_import_json_text(s, "test", "data.json", text, strlen(text), NULL, err);
}

static void export_plan(rt_store *s, const char *key, rt_buf *out)
{
	rt_err err = RT_ERR_INIT;
	int rc = rt_export_plan_json(s, key_id(s, "plan", key), out, &err);
	if (rc)
		fprintf(stderr, "export %s: %s\n", key, err.msg);
	assert_int_equal(rc, 0);
}

#define EXPECT_IN(hay, needle)                                                  \
	do {                                                                    \
		if (!strstr((hay), (needle)))                                   \
			fprintf(stderr, "expected '%s' in:\n%s\n", (needle), (hay));\
		assert_non_null(strstr((hay), (needle)));                       \
	} while (0)

static const struct rt_goal *goal_by_key(const struct rt_plan_doc *d, const char *key)
{
	for (size_t i = 0; i < d->n_goals; i++)
		if (d->goals[i].key && !strcmp(d->goals[i].key, key))
			return &d->goals[i];
	fail_msg("goal %s missing", key);
	return NULL;
}

static const struct rt_indicator *ind_by_key(const struct rt_plan_doc *d, const char *key)
{
	for (size_t i = 0; i < d->n_indicators; i++)
		if (d->indicators[i].key && !strcmp(d->indicators[i].key, key))
			return &d->indicators[i];
	fail_msg("indicator %s missing", key);
	return NULL;
}

/* ---- import: values read back ---------------------------------------- */

static void test_import_fixture(void **state)
{
	(void)state;
	rt_store *s = fresh_store("pj-fixture.db");
	struct rt_import_stats st;
	memset(&st, 0xff, sizeof(st));    /* rt_import_json_file sets every count */
	import_fixture(s, &st);
	assert_int_equal(st.org_units, 4);
	assert_int_equal(st.periods, 3);
	assert_int_equal(st.plans, 2);
	assert_int_equal(st.goals, 4);
	assert_int_equal(st.indicators, 3);
	assert_int_equal(st.targets, 6);
	assert_int_equal(st.baselines, 3);
	assert_int_equal(st.outcomes, 4);
	assert_int_equal(st.assessments, 2);
	assert_int_equal(st.activities, 1);
	assert_int_equal(st.budget_lines, 3);
	assert_int_equal(st.changes, 2);

	rt_err err = RT_ERR_INIT;
	int64_t rp = key_id(s, "plan", "tr-rp-2024"), vp = key_id(s, "plan", "tr-rs-vp-2024");
	struct rt_plan_doc d;
	rt_plan_doc_init(&d);
	assert_int_equal(rt_store_plan_load(s, vp, &d, &err), 0);

	/* the plan, with a parent plan defined later in the file */
	assert_string_equal(d.plan.title, "Regionstyrelsens verksamhetsplan 2024");
	assert_int_equal(d.plan.kind, RT_PLAN_OPERATIONAL);
	assert_int_equal(d.plan.status, RT_PLAN_DECIDED);
	assert_int_equal(d.plan.version, 2);
	assert_string_equal(d.plan.case_number, "RS/12/2023");
	assert_int_equal(d.plan.parent_plan_id, rp);
	assert_int_equal(d.plan.owner_org_id, key_id(s, "org_unit", "tr-rs"));
	assert_int_equal(d.n_changes, 2);
	assert_string_equal(d.changes[0].change, "Nyutgåva");
	assert_string_equal(d.changes[0].date, "2023-11-28");
	assert_string_equal(d.changes[1].decided_by, "Regionstyrelsen");

	/* nested goals, the målkedja link forward, a generated key */
	assert_int_equal(d.n_goals, 3);
	const struct rt_goal *area = goal_by_key(&d, "tr-rs-2024-medarbetare");
	const struct rt_goal *sjuk = goal_by_key(&d, "tr-rs-2024-sjukfranvaro");
	const struct rt_goal *upp = goal_by_key(&d, "tr-rs-vp-2024/g3");
	assert_int_equal(area->parent_id, 0);
	assert_int_equal(area->kind, RT_GOAL_AREA);
	assert_int_equal(sjuk->parent_id, area->id);
	assert_int_equal(sjuk->position, 0);
	assert_true(sjuk->lifted);
	assert_string_equal(sjuk->code, "2.1");
	assert_int_equal(sjuk->serves_goal_id, key_id(s, "goal", "tr-rp-2024-arbetsgivare"));
	assert_int_equal(upp->parent_id, area->id);
	assert_int_equal(upp->position, 1);
	assert_int_equal(upp->kind, RT_GOAL_ASSIGNMENT);
	assert_string_equal(upp->title, "Ta fram en plan för kompetensförsörjning");
	assert_int_equal(upp->serves_goal_id, 0);

	/* indicators, targets by gender and org, baselines, outcomes */
	const struct rt_indicator *ind = ind_by_key(&d, "tr-rs-2024-sjukfranvaro-ind");
	const struct rt_indicator *hme = ind_by_key(&d, "tr-rs-2024-sjukfranvaro/i2");
	assert_int_equal(ind->direction, RT_DIR_LOWER);
	assert_true(ind->by_gender && ind->by_org);
	assert_string_equal(ind->unit, "%");
	assert_int_equal(hme->frequency, RT_FREQ_YEAR);
	assert_int_equal(hme->position, 1);
	int seen = 0;
	for (size_t i = 0; i < d.n_targets; i++) {
		const struct rt_target *t = &d.targets[i];
		if (t->indicator_id != ind->id)
			continue;
		seen++;
		assert_int_equal(t->year, 2024);
		if (t->org_unit_id) {
			assert_int_equal(t->org_unit_id, key_id(s, "org_unit", "tr-hsn"));
			assert_string_equal(t->text, "<6 %");
			assert_int_equal(t->spec.cmp, RT_CMP_LT);
		} else if (t->gender == RT_GENDER_MEN) {
			assert_string_equal(t->text, "≤ 4,7 %");
			assert_int_equal(t->spec.cmp, RT_CMP_LE);
			assert_float_equal(t->spec.value, 4.7, 1e-9);
		} else if (t->gender == RT_GENDER_WOMEN) {
			assert_string_equal(t->text, "6,5 %");
			assert_float_equal(t->spec.value, 6.5, 1e-9);
		} else {
			assert_string_equal(t->text, "5,7 %");
			assert_true(t->spec.has_value);
			assert_float_equal(t->spec.value, 5.7, 1e-9);
		}
	}
	assert_int_equal(seen, 4);
	for (size_t i = 0; i < d.n_baselines; i++) {
		const struct rt_baseline *b = &d.baselines[i];
		if (b->indicator_id == hme->id) {
			assert_string_equal(b->text, "Ny indikator 2024");
			assert_false(b->has_value);
		} else if (b->gender == RT_GENDER_TOTAL) {
			assert_string_equal(b->text, "5,9 %");
			assert_true(b->has_value);
			assert_float_equal(b->value, 5.9, 1e-9);
		}
	}
	int64_t t1 = key_id(s, "period", "2024-T1"), t2 = key_id(s, "period", "2024-T2");
	seen = 0;
	for (size_t i = 0; i < d.n_outcomes; i++) {
		const struct rt_outcome *o = &d.outcomes[i];
		assert_int_equal(o->indicator_id, ind->id);
		seen++;
		if (o->period_id == t2) {
			assert_null(o->text);
			assert_false(o->value.has_value);
			assert_string_equal(o->comment, "Uppgift saknas från lönesystemet.");
			assert_int_equal(o->status, RT_STATUS_NONE);
		} else if (o->gender == RT_GENDER_TOTAL) {
			assert_int_equal(o->period_id, t1);
			assert_string_equal(o->text, "5,4 %");
			assert_float_equal(o->value.value, 5.4, 1e-9);
			assert_int_equal(o->status, RT_STATUS_ACHIEVED);
			assert_non_null(strstr(o->comment, "influensa"));
		} else {
			assert_int_equal(o->gender, RT_GENDER_WOMEN);
			assert_int_equal(o->status, RT_STATUS_NOT_ACHIEVED);
		}
	}
	assert_int_equal(seen, 3);

	/* activity with a generated key and a plan link forward */
	assert_int_equal(d.n_activities, 1);
	assert_string_equal(d.activities[0].key, "tr-rs-2024-sjukfranvaro/a1");
	assert_string_equal(d.activities[0].contact, "Åsa Öberg");
	assert_int_equal(d.activities[0].scope, RT_SCOPE_MANAGEMENT_STAFF);
	assert_int_equal(d.activities[0].origin_plan_id, rp);
	assert_string_equal(d.activities[0].end_date, "2024-06-30");

	assert_int_equal(d.n_assessments, 1);
	assert_int_equal(d.assessments[0].goal_id, sjuk->id);
	assert_int_equal(d.assessments[0].status, RT_STATUS_PARTLY);

	/* budget in whole tkr */
	assert_int_equal(d.n_budget, 3);
	int64_t sum = 0;
	for (size_t i = 0; i < d.n_budget; i++) {
		sum += d.budget[i].amount_tkr;
		if (d.budget[i].category == RT_BUDGET_STAFF_COSTS) {
			assert_int_equal(d.budget[i].amount_tkr, -529500);
			assert_int_equal(d.budget[i].org_unit_id, key_id(s, "org_unit", "tr-rs"));
		}
	}
	assert_int_equal(sum, 332000 - 529500 + 20125);
	rt_plan_doc_release(&d);

	/* periods from their keys, the deadline only where given */
	rt_arena a = RT_ARENA_INIT;
	struct rt_period *periods = NULL;
	size_t n = 0;
	assert_int_equal(rt_store_period_list(s, &a, &periods, &n, &err), 0);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		if (periods[i].id == t1) {
			assert_int_equal(periods[i].kind, RT_PERIOD_TERTIAL);
			assert_int_equal(periods[i].number, 1);
			assert_string_equal(periods[i].start_date, "2024-01-01");
			assert_string_equal(periods[i].end_date, "2024-04-30");
			assert_string_equal(periods[i].deadline, "2024-05-15");
		} else {
			assert_null(periods[i].deadline);
		}
	}
	/* the org unit hung under its parent by key, names with å ä ö */
	struct rt_org_unit hsn, tr;
	assert_int_equal(rt_store_org_get(s, &a, key_id(s, "org_unit", "tr-hsn"), &hsn, &err), 0);
	assert_int_equal(rt_store_org_get(s, &a, key_id(s, "org_unit", "tr"), &tr, &err), 0);
	assert_int_equal(hsn.parent_id, tr.id);
	assert_string_equal(tr.name, "Region Åreälv-Östbö");
	assert_string_equal(tr.short_name, "RÅÖ");

	/* everything in one transaction by the given actor */
	struct rt_audit_row *rows = NULL;
	assert_int_equal(rt_store_audit_list(s, &a, NULL, 0, &rows, &n, &err), 0);
	assert_true(n >= 30);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(rows[i].actor, "test");
	rt_arena_release(&a);
	rt_store_close(s);
}

/* ---- errors ---------------------------------------------------------- */

#define DOC(plans) "{ \"format\": \"rodtrad-plans/1\", \"plans\": [ " plans " ] }"
#define PLAN(extra)                                                             \
	"{ \"key\": \"x-vp\", \"kind\": \"operational_plan\", \"owner\": \"tr-rs\", " \
	"\"title\": \"Verksamhetsplan 2025\", \"start_year\": 2025, \"end_year\": 2025" extra " }"
#define GOAL(extra) ", \"goals\": [ { \"kind\": \"goal\", \"title\": \"Mål för året\"" extra " } ]"
#define IND(extra)                                                              \
	GOAL(", \"indicators\": [ { \"name\": \"Andel nöjda\", \"kind\": \"quantitative\"" extra " } ]")

struct bad_case {
	const char *name;
	const char *text;
	const char *expect1, *expect2;
};

static const struct bad_case bad_cases[] = {
	{ "malformed", "{ \"format\": \"rodtrad-plans/1\", \"plans\": [ { \"key\": ",
	  "data.json: rad 1", "Ogiltig JSON" },
	{ "not an object", "[ 1, 2 ]", "data.json: ", "JSON-objekt" },
	{ "no format", "{ \"plans\": [] }", "data.json: format: ", "saknas" },
	{ "wrong format", "{ \"format\": \"rodtrad-plans/2\" }", "data.json: format: ",
	  "rodtrad-plans/2" },
	{ "unknown top field", "{ \"format\": \"rodtrad-plans/1\", \"planer\": [] }",
	  "data.json: ", "Okänt fält 'planer' i dokumentet" },
	{ "unknown field", DOC(PLAN(", \"titel\": \"x\"")), "data.json: ",
	  "Okänt fält 'titel' i plans[0]" },
	{ "duplicate member", DOC(PLAN(", \"title\": \"x\"")), "data.json: ", "två gånger" },
	{ "unknown owner",
	  DOC("{ \"key\": \"x-vp\", \"kind\": \"operational_plan\", \"owner\": \"nobody\", "
	      "\"title\": \"Plan\", \"start_year\": 2025, \"end_year\": 2025 }"),
	  "data.json: plans[0].owner: ", "'nobody'" },
	{ "duplicate plan key",
	  DOC("{ \"key\": \"tr-rp-2024\", \"kind\": \"operational_plan\", \"owner\": \"tr-rs\", "
	      "\"title\": \"Plan\", \"start_year\": 2025, \"end_year\": 2025 }"),
	  "data.json: plans[0].key: ", "Planen 'tr-rp-2024' finns redan" },
	{ "bad plan kind", DOC(PLAN("") ", " "{ \"key\": \"x-2\", \"kind\": \"no_such_kind\", "
	                                    "\"owner\": \"tr-rs\", \"title\": \"Fel\", "
	                                    "\"start_year\": 2025, \"end_year\": 2025 }"),
	  "data.json: plans[1].kind: ", "no_such_kind" },
	{ "year as text",
	  DOC("{ \"key\": \"x-vp\", \"kind\": \"operational_plan\", \"owner\": \"tr-rs\", "
	      "\"title\": \"Plan\", \"start_year\": \"2025\", \"end_year\": 2025 }"),
	  "data.json: plans[0].start_year: ", "heltal" },
	{ "bad target number",
	  DOC(PLAN(IND(", \"targets\": [ { \"year\": 2025, \"text\": \"5,4,3\" } ]"))),
	  "data.json: plans[0].goals[0].indicators[0].targets[0].text: ", "" },
	{ "bad date",
	  DOC(PLAN(", \"changelog\": [ { \"version\": 1, \"date\": \"2024-02-30\", "
	           "\"change\": \"Nyutgåva\" } ]")),
	  "data.json: plans[0].changelog[0].date: ", "2024-02-30" },
	{ "bad activity date",
	  DOC(PLAN(GOAL(", \"activities\": [ { \"title\": \"Gör något\", "
	                "\"start_date\": \"1 maj\" } ]"))),
	  "data.json: plans[0].goals[0].activities[0].start_date: ", "1 maj" },
	{ "bad period key",
	  "{ \"format\": \"rodtrad-plans/1\", \"periods\": [ { \"key\": \"2024-T4\" } ] }",
	  "data.json: periods[0].key: ", "" },
	{ "outcome for unknown period",
	  DOC(PLAN(IND(", \"outcomes\": [ { \"period\": \"2031-T1\", \"text\": \"5 %\" } ]"))),
	  "data.json: plans[0].goals[0].indicators[0].outcomes[0].period: ", "'2031-T1'" },
	{ "outcome prose",
	  DOC(PLAN(IND(", \"outcomes\": [ { \"period\": \"2024-T1\", "
	               "\"text\": \"Ingen uppgift\" } ]"))),
	  "data.json: plans[0].goals[0].indicators[0].outcomes[0].text: ", "" },
	{ "unknown serves",
	  DOC(PLAN(", \"goals\": [ { \"kind\": \"goal_area\", \"title\": \"Område\", "
	           "\"children\": [ { \"kind\": \"goal\", \"title\": \"Mål\", "
	           "\"serves\": \"no-such-goal\" } ] } ]")),
	  "data.json: plans[0].goals[0].children[0].serves: ", "'no-such-goal'" },
	{ "bad gender",
	  DOC(PLAN(IND(", \"targets\": [ { \"year\": 2025, \"gender\": \"kvinnor\", "
	               "\"text\": \"5 %\" } ]"))),
	  "data.json: plans[0].goals[0].indicators[0].targets[0].gender: ", "kvinnor" },
	{ "bad mnkr",
	  DOC(PLAN(", \"budget\": [ { \"kind\": \"operating\", \"category\": \"income\", "
	           "\"year\": 2025, \"mnkr\": \"tre\" } ]")),
	  "data.json: plans[0].budget[0].mnkr: ", "" },
	{ "category of other kind",
	  DOC(PLAN(", \"budget\": [ { \"kind\": \"capital\", \"category\": \"income\", "
	           "\"year\": 2025, \"mnkr\": \"3\" } ]")),
	  "data.json: plans[0].budget[0].category: ", "income" },
	{ "org unit differs",
	  "{ \"format\": \"rodtrad-plans/1\", \"org_units\": [ { \"key\": \"tr\", "
	  "\"kind\": \"region\", \"name\": \"En annan region\" } ] }",
	  "data.json: org_units[0].key: ", "name" },
	{ "nested org with parent",
	  "{ \"format\": \"rodtrad-plans/1\", \"org_units\": [ { \"key\": \"y\", "
	  "\"kind\": \"region\", \"name\": \"Y\", \"children\": [ { \"key\": \"y-1\", "
	  "\"kind\": \"board\", \"name\": \"Y1\", \"parent\": \"tr\" } ] } ] }",
	  "data.json: org_units[0].children[0].parent: ", "" },
	{ "period deadline differs",
	  "{ \"format\": \"rodtrad-plans/1\", \"periods\": [ { \"key\": \"2024-T1\", "
	  "\"deadline\": \"2024-05-20\" } ] }",
	  "data.json: periods[0].deadline: ", "2024-05-15" },
	{ "empty goal key", DOC(PLAN(GOAL(", \"key\": \"\""))),
	  "data.json: plans[0].goals[0].key: ", "tomt" },
	{ "children not a list", DOC(PLAN(GOAL(", \"children\": { }"))),
	  "data.json: plans[0].goals[0].children: ", "lista" },
	{ "invalid UTF-8", "{ \"format\": \"rodtrad-plans/1\", \"source\": \"\xc3\x28\" }",
	  "data.json: ", "UTF-8" },
	{ "missing title", DOC("{ \"key\": \"x-vp\", \"kind\": \"operational_plan\", "
	                       "\"owner\": \"tr-rs\", \"start_year\": 2025, \"end_year\": 2025 }"),
	  "data.json: plans[0].title: ", "saknas" },
};

static void test_errors_leave_db_unchanged(void **state)
{
	(void)state;
	rt_store *s = fresh_store("pj-errors.db");
	import_fixture(s, NULL);
	size_t audit = audit_count(s), plans = plan_count(s);
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		rt_err err = RT_ERR_INIT;
		int rc = import_text(s, c->text, &err);
		if (rc == 0 || !strstr(err.msg, c->expect1) || !strstr(err.msg, c->expect2))
			fprintf(stderr, "case '%s': rc %d, message: %s\n", c->name, rc, err.msg);
		assert_int_not_equal(rc, 0);
		assert_int_equal(err.code, rc);
		assert_non_null(strstr(err.msg, c->expect1));
		assert_non_null(strstr(err.msg, c->expect2));
		/* the message says more than where */
		assert_true(strlen(err.msg) > strlen(c->expect1));
		assert_int_equal(audit_count(s), audit);
		assert_int_equal(plan_count(s), plans);
	}

	/* the whole fixture again: the org units are reused, the plans are not */
	char *path = rt_test_src_path(FIXTURE);
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_import_json_file(s, "test", path, NULL, &err), RT_ECONFLICT);
	EXPECT_IN(err.msg, path);
	EXPECT_IN(err.msg, "plans[0].key: Planen 'tr-rs-vp-2024' finns redan");
	assert_int_equal(audit_count(s), audit);
	free(path);
	rt_store_close(s);
}

static void test_file_errors(void **state)
{
	(void)state;
	rt_store *s = fresh_store("pj-files.db");
	rt_err err = RT_ERR_INIT;
	assert_int_not_equal(rt_import_json_file(s, "test", "/nonexistent/plan.json", NULL, &err), 0);
	EXPECT_IN(err.msg, "/nonexistent/plan.json");
	EXPECT_IN(err.msg, "finns inte");

	char *bad = rt_test_tmp_path("pj-latin1.json");
	FILE *f = fopen(bad, "wb");
	assert_non_null(f);
	fputs("{ \"format\": \"rodtrad-plans/1\",\n  \"source\": \"R\xe4ksm\xf6rg\xe5s\" }\n", f);
	fclose(f);
	rt_err_clear(&err);
	assert_int_equal(rt_import_json_file(s, "test", bad, NULL, &err), RT_EINVAL);
	EXPECT_IN(err.msg, bad);
	EXPECT_IN(err.msg, "UTF-8");
	EXPECT_IN(err.msg, "rad 2");
	unlink(bad);
	free(bad);
	assert_int_equal(audit_count(s), 0);
	rt_store_close(s);
}

/* rt_import_json_in_tx writes into the caller's transaction: nothing is
 * committed until the caller commits, and the counts add up. */
static void test_in_tx(void **state)
{
	(void)state;
	rt_store *s = fresh_store("pj-tx.db");
	static const char one[] =
		"{ \"format\": \"rodtrad-plans/1\", \"org_units\": [ { \"key\": \"q\", "
		"\"kind\": \"region\", \"name\": \"Q\" } ] }";
	static const char two[] =
		"{ \"format\": \"rodtrad-plans/1\", \"org_units\": [ { \"key\": \"q-rs\", "
		"\"kind\": \"board\", \"name\": \"Qs styrelse\", \"parent\": \"q\" } ] }";
	rt_err err = RT_ERR_INIT;
	struct rt_import_stats st = { 0 };
	assert_int_equal(rt_store_begin(s, "test", &err), 0);
	assert_int_equal(rt_import_json_in_tx(s, "one.json", one, strlen(one), &st, &err), 0);
	assert_int_equal(rt_import_json_in_tx(s, "two.json", two, strlen(two), &st, &err), 0);
	assert_int_equal(st.org_units, 2);
	rt_store_rollback(s);
	int64_t id;
	assert_int_equal(rt_store_find_key(s, "org_unit", "q", &id, &err), RT_ENOTFOUND);
	assert_int_equal(audit_count(s), 0);
	rt_store_close(s);
}

/* ---- export ---------------------------------------------------------- */

static void test_roundtrip(void **state)
{
	(void)state;
	static const char *const keys[] = { "tr-rp-2024", "tr-rs-vp-2024" };
	rt_store *a = fresh_store("pj-rt-a.db");
	import_fixture(a, NULL);
	rt_buf first[2] = { RT_BUF_INIT, RT_BUF_INIT }, second[2] = { RT_BUF_INIT, RT_BUF_INIT };
	for (int i = 0; i < 2; i++)
		export_plan(a, keys[i], &first[i]);

	const char *vp = first[1].buf;
	EXPECT_IN(vp, "{\n  \"format\": \"rodtrad-plans/1\",\n  \"org_units\": [\n");
	EXPECT_IN(vp, "\"name\": \"Region Åreälv-Östbö\"");
	EXPECT_IN(vp, "\"key\": \"tr-hsn\"");                 /* a target's org */
	assert_null(strstr(vp, "\"tr-rf\""));                 /* not on the path */
	EXPECT_IN(vp, "\"parent_plan\": \"tr-rp-2024\"");
	EXPECT_IN(vp, "\"serves\": \"tr-rp-2024-arbetsgivare\"");
	EXPECT_IN(vp, "\"key\": \"tr-rs-vp-2024/g3\"");
	EXPECT_IN(vp, "\"key\": \"tr-rs-2024-sjukfranvaro/i2\"");
	EXPECT_IN(vp, "\"origin_plan\": \"tr-rp-2024\"");
	EXPECT_IN(vp, "\"text\": \"≤ 4,7 %\"");
	EXPECT_IN(vp, "\"gender\": \"women\"");
	EXPECT_IN(vp, "\"org\": \"tr-hsn\"");
	EXPECT_IN(vp, "\"decided_by\": \"\"");
	EXPECT_IN(vp, "\"mnkr\": \"20,125\"");
	EXPECT_IN(vp, "\"key\": \"2024-T1\",\n      \"deadline\": \"2024-05-15\"");
	EXPECT_IN(vp, "\"comment\": \"Uppgift saknas från lönesystemet.\"");
	assert_null(strstr(vp, "\"gender\": \"total\""));
	assert_null(strstr(vp, "null"));
	assert_int_equal(vp[first[1].len - 1], '\n');
	/* the region plan's export names only the periods it uses */
	assert_null(strstr(first[0].buf, "2024-T1"));
	EXPECT_IN(first[0].buf, "\"key\": \"2024\"");

	/* the same bytes every time */
	rt_buf again = RT_BUF_INIT;
	export_plan(a, keys[1], &again);
	assert_string_equal(again.buf, first[1].buf);
	rt_buf_release(&again);

	/* into an empty database, in chain order, and out again */
	rt_store *b = fresh_store("pj-rt-b.db");
	for (int i = 0; i < 2; i++) {
		rt_err err = RT_ERR_INIT;
		int rc = rt_import_json_text(b, "test", keys[i], first[i].buf, first[i].len, NULL,
		                             &err);
		if (rc)
			fprintf(stderr, "re-import %s: %s\n", keys[i], err.msg);
		assert_int_equal(rc, 0);
	}
	for (int i = 0; i < 2; i++) {
		export_plan(b, keys[i], &second[i]);
		if (strcmp(first[i].buf, second[i].buf))
			fprintf(stderr, "first:\n%s\nsecond:\n%s\n", first[i].buf, second[i].buf);
		assert_string_equal(first[i].buf, second[i].buf);
		rt_buf_release(&first[i]);
		rt_buf_release(&second[i]);
	}

	rt_err err = RT_ERR_INIT;
	rt_buf none = RT_BUF_INIT;
	assert_int_equal(rt_export_plan_json(b, 9999, &none, &err), RT_ENOTFOUND);
	assert_int_equal(none.len, 0);
	rt_store_close(a);
	rt_store_close(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_fixture),
		cmocka_unit_test(test_errors_leave_db_unchanged),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_in_tx),
		cmocka_unit_test(test_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
