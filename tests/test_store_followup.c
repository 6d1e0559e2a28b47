/* The follow-up parts of the store (migration 0002): outcome corrections
 * keep their history in the same transaction as the update, the computed
 * and chosen status with the override reason, per-indicator tolerance,
 * activity states per period (also in the loaded plan), finding an outcome
 * by its natural key, and a 0001 database migrated without losing data. */
#include "test_util.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/migrations.h"
#include "store/sqlite_int.h"
#include "store/store.h"

struct fx {
	char *path;
	rt_store *s;
	rt_err err;
	rt_arena a;
	int64_t org, plan, goal, ind, qual, act, t1, t2;
};

#define OK(f, call)                                                             \
	do {                                                                    \
		int rc_ = (call);                                               \
		if (rc_ != 0)                                                   \
			fail_msg("%s: %d %s", #call, rc_, (f)->err.msg);        \
	} while (0)

static int64_t put_period(struct fx *f, const char *key, int number, const char *end)
{
	struct rt_period p = { 0 };
	p.key = (char *)key;
	p.kind = RT_PERIOD_TERTIAL;
	p.year = 2021;
	p.number = number;
	p.start_date = "2021-01-01";
	p.end_date = (char *)end;
	OK(f, rt_store_period_put(f->s, &p, &f->err));
	return p.id;
}

/* An org unit, a plan with one goal, a quantitative and a qualitative
 * indicator, an activity and two tertials. */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->path = rt_test_db("store_followup.db");
	if (rt_store_open(&f->s, f->path, RT_STORE_OPEN_CREATE, &f->err) != 0)
		return -1;
	*state = f;
	OK(f, rt_store_begin(f->s, "setup", &f->err));
	struct rt_org_unit u = { 0, 0, RT_ORG_BOARD, "rs", "Regionstyrelsen", NULL };
	OK(f, rt_store_org_put(f->s, &u, &f->err));
	f->org = u.id;
	struct rt_plan p = { 0 };
	p.key = "rs-plan";
	p.kind = RT_PLAN_OPERATIONAL;
	p.owner_org_id = u.id;
	p.title = "Verksamhetsplan 2021";
	p.start_year = p.end_year = 2021;
	p.version = 1;
	OK(f, rt_store_plan_put(f->s, &p, &f->err));
	f->plan = p.id;
	struct rt_goal g = { 0 };
	g.plan_id = p.id;
	g.kind = RT_GOAL_GOAL;
	g.title = "Hälsofrämjande arbetsmiljö";
	OK(f, rt_store_goal_put(f->s, &g, &f->err));
	f->goal = g.id;
	struct rt_indicator ind = { 0 };
	ind.goal_id = g.id;
	ind.key = "sjuk";
	ind.name = "Sjukfrånvaro";
	ind.kind = RT_IND_QUANTITATIVE;
	ind.unit = "%";
	ind.direction = RT_DIR_LOWER;
	ind.frequency = RT_FREQ_TERTIAL;
	OK(f, rt_store_indicator_put(f->s, &ind, &f->err));
	f->ind = ind.id;
	struct rt_indicator q = { 0 };
	q.goal_id = g.id;
	q.position = 1;
	q.key = "plan-finns";
	q.name = "Finns en plan?";
	q.kind = RT_IND_QUALITATIVE;
	q.frequency = RT_FREQ_TERTIAL;
	q.tolerance = 2.5;
	q.has_tolerance = true;
	OK(f, rt_store_indicator_put(f->s, &q, &f->err));
	f->qual = q.id;
	struct rt_activity a = { 0 };
	a.goal_id = g.id;
	a.key = "apt";
	a.title = "Normkritiskt APT-material";
	OK(f, rt_store_activity_put(f->s, &a, &f->err));
	f->act = a.id;
	f->t1 = put_period(f, "2021-T1", 1, "2021-04-30");
	f->t2 = put_period(f, "2021-T2", 2, "2021-08-31");
	OK(f, rt_store_commit(f->s, &f->err));
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

static struct rt_outcome outcome(struct fx *f, const char *text, double v, enum rt_status st)
{
	struct rt_outcome o = { 0 };
	o.indicator_id = f->ind;
	o.period_id = f->t1;
	o.text = (char *)text;
	o.value.cmp = RT_CMP_REACH;
	o.value.has_value = true;
	o.value.value = v;
	strcpy(o.value.unit, "%");
	o.status = st;
	o.computed_status = st;
	o.entered_by = "Örjan";
	o.entered_at = "2021-05-10T08:00:00Z";
	return o;
}

static size_t audit_count(struct fx *f, const char *entity, int64_t id)
{
	struct rt_audit_row *rows;
	size_t n;
	OK(f, rt_store_audit_list(f->s, &f->a, entity, id, &rows, &n, &f->err));
	return n;
}

/* ---- history ------------------------------------------------------------ */

static void test_history_on_update(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "anna", &f->err));
	struct rt_outcome o = outcome(f, "5,4 %", 5.4, RT_STATUS_NOT_ACHIEVED);
	OK(f, rt_store_outcome_put(f->s, &o, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	struct rt_outcome_history *h;
	size_t n;
	OK(f, rt_store_outcome_history(f->s, &f->a, o.id, &h, &n, &f->err));
	assert_int_equal(n, 0); /* an insert has no earlier version */

	OK(f, rt_store_begin(f->s, "bertil", &f->err));
	o.text = "4,9 %";
	o.value.value = 4.9;
	o.comment = "Rättat efter ny körning";
	o.status = RT_STATUS_PARTLY;
	o.computed_status = RT_STATUS_PARTLY;
	OK(f, rt_store_outcome_put(f->s, &o, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	OK(f, rt_store_begin(f->s, "cecilia", &f->err));
	o.text = "4,5 %";
	o.value.value = 4.5;
	o.status = RT_STATUS_ACHIEVED;
	o.computed_status = RT_STATUS_ACHIEVED;
	OK(f, rt_store_outcome_put(f->s, &o, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	OK(f, rt_store_outcome_history(f->s, &f->a, o.id, &h, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(h[0].outcome_id, o.id);
	assert_string_equal(h[0].text, "5,4 %");
	assert_true(h[0].value.has_value && h[0].value.value == 5.4);
	assert_string_equal(h[0].value.unit, "%");
	assert_null(h[0].comment);
	assert_int_equal(h[0].status, RT_STATUS_NOT_ACHIEVED);
	assert_int_equal(h[0].computed_status, RT_STATUS_NOT_ACHIEVED);
	assert_string_equal(h[0].entered_by, "Örjan");
	assert_string_equal(h[0].changed_by, "bertil");
	assert_non_null(h[0].changed_at);
	assert_string_equal(h[1].text, "4,9 %");
	assert_string_equal(h[1].comment, "Rättat efter ny körning");
	assert_int_equal(h[1].status, RT_STATUS_PARTLY);
	assert_string_equal(h[1].changed_by, "cecilia");

	/* insert + two updates in the audit log, next to the history */
	assert_int_equal(audit_count(f, "outcome", o.id), 3);
	struct rt_outcome now;
	OK(f, rt_store_outcome_find(f->s, &f->a, f->ind, f->t1, RT_GENDER_TOTAL, 0, &now, &f->err));
	assert_string_equal(now.text, "4,5 %");
}

/* A failed update leaves neither a history row nor an audit row. */
static void test_history_rolled_back_with_update(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "anna", &f->err));
	struct rt_outcome o = outcome(f, "5,4 %", 5.4, RT_STATUS_NOT_ACHIEVED);
	OK(f, rt_store_outcome_put(f->s, &o, &f->err));
	struct rt_outcome other = outcome(f, "5,0 %", 5.0, RT_STATUS_PARTLY);
	other.period_id = f->t2;
	OK(f, rt_store_outcome_put(f->s, &other, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	/* moving `other` onto o's (indicator, period) violates the unique index */
	OK(f, rt_store_begin(f->s, "bertil", &f->err));
	other.period_id = f->t1;
	assert_int_equal(rt_store_outcome_put(f->s, &other, &f->err), RT_ECONFLICT);
	OK(f, rt_store_commit(f->s, &f->err));

	struct rt_outcome_history *h;
	size_t n;
	OK(f, rt_store_outcome_history(f->s, &f->a, other.id, &h, &n, &f->err));
	assert_int_equal(n, 0);
	assert_int_equal(audit_count(f, "outcome", other.id), 1);

	/* and a rolled-back transaction keeps nothing either */
	OK(f, rt_store_begin(f->s, "bertil", &f->err));
	o.text = "1 %";
	OK(f, rt_store_outcome_put(f->s, &o, &f->err));
	rt_store_rollback(f->s);
	OK(f, rt_store_outcome_history(f->s, &f->a, o.id, &h, &n, &f->err));
	assert_int_equal(n, 0);
}

/* ---- override, tolerance ------------------------------------------------ */

static void test_override_persisted(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "anna", &f->err));
	struct rt_outcome o = outcome(f, "5,4 %", 5.4, RT_STATUS_PARTLY);
	o.computed_status = RT_STATUS_NOT_ACHIEVED;
	o.override_reason = "Tillfällig ökning under pandemin – trenden är nedåtgående";
	OK(f, rt_store_outcome_put(f->s, &o, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	struct rt_outcome got;
	OK(f, rt_store_outcome_find(f->s, &f->a, f->ind, f->t1, RT_GENDER_TOTAL, 0, &got, &f->err));
	assert_int_equal(got.id, o.id);
	assert_int_equal(got.status, RT_STATUS_PARTLY);
	assert_int_equal(got.computed_status, RT_STATUS_NOT_ACHIEVED);
	assert_string_equal(got.override_reason, o.override_reason);

	/* the audit row carries both statuses and the reason */
	struct rt_audit_row *rows;
	size_t n;
	OK(f, rt_store_audit_list(f->s, &f->a, "outcome", o.id, &rows, &n, &f->err));
	assert_int_equal(n, 1);
	assert_non_null(strstr(rows[0].after, "\"computed_status\":\"not_achieved\""));
	assert_non_null(strstr(rows[0].after, "\"status\":\"partly\""));
	assert_non_null(strstr(rows[0].after, "\"override_reason\":\"Tillfällig"));

	/* the plan loader reads the same */
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	OK(f, rt_store_plan_load(f->s, f->plan, &doc, &f->err));
	assert_int_equal(doc.n_outcomes, 1);
	assert_int_equal(doc.outcomes[0].computed_status, RT_STATUS_NOT_ACHIEVED);
	assert_string_equal(doc.outcomes[0].override_reason, o.override_reason);
	const struct rt_indicator *q = rt_doc_indicator(&doc, f->qual);
	assert_non_null(q);
	assert_true(q->has_tolerance);
	assert_true(q->tolerance == 2.5);
	const struct rt_indicator *ind = rt_doc_indicator(&doc, f->ind);
	assert_false(ind->has_tolerance);
	rt_plan_doc_release(&doc);
}

static void test_outcome_find(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "anna", &f->err));
	struct rt_outcome total = outcome(f, "5,4 %", 5.4, RT_STATUS_NOT_ACHIEVED);
	struct rt_outcome women = outcome(f, "6,1 %", 6.1, RT_STATUS_NOT_ACHIEVED);
	women.gender = RT_GENDER_WOMEN;
	struct rt_outcome org = outcome(f, "3,0 %", 3.0, RT_STATUS_ACHIEVED);
	org.org_unit_id = f->org;
	OK(f, rt_store_outcome_put(f->s, &total, &f->err));
	OK(f, rt_store_outcome_put(f->s, &women, &f->err));
	OK(f, rt_store_outcome_put(f->s, &org, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	struct rt_outcome got;
	OK(f, rt_store_outcome_find(f->s, &f->a, f->ind, f->t1, RT_GENDER_WOMEN, 0, &got, &f->err));
	assert_int_equal(got.id, women.id);
	OK(f, rt_store_outcome_find(f->s, &f->a, f->ind, f->t1, RT_GENDER_TOTAL, f->org, &got,
	                            &f->err));
	assert_int_equal(got.id, org.id);
	OK(f, rt_store_outcome_find(f->s, &f->a, f->ind, f->t1, RT_GENDER_TOTAL, 0, &got, &f->err));
	assert_int_equal(got.id, total.id);
	assert_int_equal(rt_store_outcome_find(f->s, &f->a, f->ind, f->t2, RT_GENDER_TOTAL, 0, &got,
	                                       &f->err), RT_ENOTFOUND);
	assert_int_equal(rt_store_outcome_find(f->s, &f->a, f->ind, f->t1, RT_GENDER_MEN, 0, &got,
	                                       &f->err), RT_ENOTFOUND);
}

/* ---- activity states ------------------------------------------------------ */

static void test_activity_status_round_trip(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "anna", &f->err));
	struct rt_activity_status s2 = { 0, f->act, f->t2, RT_ACT_DELAYED, "Väntar på material",
	                                 "Åsa", "2021-09-01T10:00:00Z" };
	struct rt_activity_status s1 = { 0, f->act, f->t1, RT_ACT_ONGOING, NULL, NULL, NULL };
	OK(f, rt_store_activity_status_put(f->s, &s2, &f->err));
	OK(f, rt_store_activity_status_put(f->s, &s1, &f->err));
	/* one state per activity and period */
	struct rt_activity_status dup = { 0, f->act, f->t1, RT_ACT_DONE, NULL, NULL, NULL };
	assert_int_equal(rt_store_activity_status_put(f->s, &dup, &f->err), RT_ECONFLICT);
	assert_non_null(strstr(f->err.msg, "finns redan ett läge"));
	/* a missing period is named */
	struct rt_activity_status bad = { 0, f->act, 999, RT_ACT_DONE, NULL, NULL, NULL };
	assert_int_equal(rt_store_activity_status_put(f->s, &bad, &f->err), RT_EINVAL);
	assert_non_null(strstr(f->err.msg, "Perioden med id 999 finns inte"));
	OK(f, rt_store_commit(f->s, &f->err));

	struct rt_activity_status got;
	OK(f, rt_store_activity_status_find(f->s, &f->a, f->act, f->t2, &got, &f->err));
	assert_int_equal(got.id, s2.id);
	assert_int_equal(got.state, RT_ACT_DELAYED);
	assert_string_equal(got.comment, "Väntar på material");
	assert_string_equal(got.entered_by, "Åsa");
	assert_string_equal(got.entered_at, "2021-09-01T10:00:00Z");

	/* update through the found id */
	OK(f, rt_store_begin(f->s, "anna", &f->err));
	got.state = RT_ACT_DONE;
	got.comment = NULL;
	OK(f, rt_store_activity_status_put(f->s, &got, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	assert_int_equal(audit_count(f, "activity_status", s2.id), 2);

	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	OK(f, rt_store_plan_load(f->s, f->plan, &doc, &f->err));
	assert_int_equal(doc.n_activity_statuses, 2);
	/* ordered by activity, then period (T1 before T2) */
	assert_int_equal(doc.activity_statuses[0].id, s1.id);
	assert_int_equal(doc.activity_statuses[0].state, RT_ACT_ONGOING);
	assert_null(doc.activity_statuses[0].comment);
	assert_int_equal(doc.activity_statuses[1].id, s2.id);
	assert_int_equal(doc.activity_statuses[1].state, RT_ACT_DONE);
	assert_null(doc.activity_statuses[1].comment);
	/* their periods are in the document */
	assert_non_null(rt_doc_period(&doc, f->t1));
	assert_non_null(rt_doc_period(&doc, f->t2));
	rt_plan_doc_release(&doc);

	assert_int_equal(rt_store_activity_status_find(f->s, &f->a, f->act, 12345, &got, &f->err),
	                 RT_ENOTFOUND);
}

static void test_activity_state_tokens(void **state)
{
	(void)state;
	const struct { enum rt_activity_state s; const char *name, *label; } rows[] = {
		{ RT_ACT_NOT_STARTED, "not_started", "Ej påbörjad" },
		{ RT_ACT_ONGOING, "ongoing", "Pågår" },
		{ RT_ACT_DONE, "done", "Klar" },
		{ RT_ACT_DELAYED, "delayed", "Försenad" },
		{ RT_ACT_CANCELLED, "cancelled", "Inställd" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_string_equal(rt_activity_state_name(rows[i].s), rows[i].name);
		assert_string_equal(rt_activity_state_label(rows[i].s), rows[i].label);
		enum rt_activity_state got;
		assert_int_equal(rt_activity_state_parse(rows[i].name, &got, NULL), 0);
		assert_int_equal(got, rows[i].s);
	}
	rt_err err = RT_ERR_INIT;
	enum rt_activity_state got;
	assert_int_equal(rt_activity_state_parse("paused", &got, &err), RT_EINVAL);
	assert_non_null(strstr(err.msg, "not_started"));
}

/* ---- migration 0002 on a 0001 database ----------------------------------- */

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

static void test_migrate_from_0001_keeps_data(void **state)
{
	(void)state;
	assert_true(rt_migrations_count >= 2);
	assert_int_equal(rt_migrations[0].version, 1);
	char *path = rt_test_tmp_path("from_0001.db");
	raw_exec(path, rt_migrations[0].sql);
	raw_exec(path,
		"INSERT INTO schema_version VALUES (1, '0001_initial', '2021-01-01T00:00:00Z');"
		"INSERT INTO org_unit (id, kind, key, name) VALUES (1, 'board', 'rs', 'Regionstyrelsen');"
		"INSERT INTO plan (id, key, kind, owner_org_id, title, start_year, end_year) "
		"  VALUES (1, 'p', 'operational_plan', 1, 'Plan', 2021, 2021);"
		"INSERT INTO goal (id, plan_id, kind, title) VALUES (1, 1, 'goal', 'Mål');"
		"INSERT INTO indicator (id, goal_id, key, name, kind, unit, direction, frequency) "
		"  VALUES (1, 1, 'sjuk', 'Sjukfrånvaro', 'quantitative', '%', 'lower', 'tertial');"
		"INSERT INTO period (id, key, kind, year, number, start_date, end_date) "
		"  VALUES (1, '2021-T1', 'tertial', 2021, 1, '2021-01-01', '2021-04-30');"
		"INSERT INTO outcome (id, indicator_id, period_id, text, cmp, value, unit, comment, "
		"  status, entered_by) VALUES (1, 1, 1, '5,4 %', 'reach', 5.4, '%', 'Hög', "
		"  'not_achieved', 'Örjan');");

	rt_store *s;
	rt_err err = RT_ERR_INIT;
	/* an existing-only open refuses the old schema and changes nothing */
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_EXISTING, &err), RT_ESTATE);
	assert_int_equal(rt_store_open(&s, path, RT_STORE_OPEN_CREATE, &err), 0);
	int version;
	assert_int_equal(rt_store_schema_version(s, &version, &err), 0);
	assert_int_equal(version, rt_migrations[rt_migrations_count - 1].version);

	rt_arena a = RT_ARENA_INIT;
	struct rt_outcome o;
	assert_int_equal(rt_store_outcome_find(s, &a, 1, 1, RT_GENDER_TOTAL, 0, &o, &err), 0);
	assert_string_equal(o.text, "5,4 %");
	assert_true(o.value.value == 5.4);
	assert_string_equal(o.comment, "Hög");
	assert_int_equal(o.status, RT_STATUS_NOT_ACHIEVED);
	assert_int_equal(o.computed_status, RT_STATUS_NONE); /* never computed */
	assert_null(o.override_reason);
	assert_string_equal(o.entered_by, "Örjan");
	struct rt_indicator ind;
	assert_int_equal(rt_store_indicator_get(s, &a, 1, &ind, &err), 0);
	assert_string_equal(ind.name, "Sjukfrånvaro");
	assert_false(ind.has_tolerance);

	/* the new tables work on the migrated database */
	assert_int_equal(rt_store_begin(s, "test", &err), 0);
	o.text = "4,9 %";
	assert_int_equal(rt_store_outcome_put(s, &o, &err), 0);
	assert_int_equal(rt_store_commit(s, &err), 0);
	struct rt_outcome_history *h;
	size_t n;
	assert_int_equal(rt_store_outcome_history(s, &a, 1, &h, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(h[0].text, "5,4 %");

	rt_arena_release(&a);
	rt_store_close(s);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_history_on_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_rolled_back_with_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_override_persisted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outcome_find, setup, teardown),
		cmocka_unit_test_setup_teardown(test_activity_status_round_trip, setup, teardown),
		cmocka_unit_test(test_activity_state_tokens),
		cmocka_unit_test(test_migrate_from_0001_keeps_data),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
