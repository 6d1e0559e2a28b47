/* Optimistic concurrency in the store (issue 8 §1, 0010_row_version.sql):
 * two writers on two connections start from the same row version; the
 * first wins, the second gets RT_ECONFLICT with the Swedish message and
 * changes nothing (row, audit log, outcome history). Without an expected
 * version a put still moves the version. Runs on SQLite and (test_*_pg)
 * PostgreSQL. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

struct fx {
	char *path;
	rt_store *s1, *s2;   /* two connections: two officers, two processes */
	rt_err err;
	rt_arena a;
	int64_t org, plan, goal, ind, period, outcome;
};

#define OK(f, call)                                                             \
	do {                                                                    \
		int rc_ = (call);                                               \
		if (rc_ != 0)                                                   \
			fail_msg("%s: %d %s", #call, rc_, (f)->err.msg);        \
	} while (0)

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->path = rt_test_db("store_version.db");
	if (rt_store_open(&f->s1, f->path, RT_STORE_OPEN_CREATE, &f->err) != 0 ||
	    rt_store_open(&f->s2, f->path, RT_STORE_OPEN_EXISTING, &f->err) != 0)
		return -1;
	rt_store *s = f->s1;
	OK(f, rt_store_begin(s, "setup", &f->err));
	struct rt_org_unit u = { 0, 0, RT_ORG_REGION, "reg", "Region Test", NULL };
	OK(f, rt_store_org_put(s, &u, &f->err));
	struct rt_plan p = { 0, "vp", RT_PLAN_OPERATIONAL, u.id, 0, "Verksamhetsplan", 2024, 2024,
	                     NULL, 1, RT_PLAN_DRAFT, NULL, NULL };
	OK(f, rt_store_plan_put(s, &p, &f->err));
	struct rt_goal g = { 0, p.id, 0, 0, RT_GOAL_GOAL, "mal", "1", "Minskad sjukfrånvaro", NULL,
	                     0, false };
	OK(f, rt_store_goal_put(s, &g, &f->err));
	struct rt_indicator ind = { 0 };
	ind.goal_id = g.id;
	ind.key = "ind";
	ind.name = "Sjukfrånvaro";
	ind.kind = RT_IND_QUANTITATIVE;
	ind.unit = "%";
	ind.direction = RT_DIR_LOWER;
	ind.frequency = RT_FREQ_TERTIAL;
	OK(f, rt_store_indicator_put(s, &ind, &f->err));
	struct rt_period per = { 0, "2024-T1", RT_PERIOD_TERTIAL, 2024, 1, "2024-01-01",
	                         "2024-04-30", NULL };
	OK(f, rt_store_period_put(s, &per, &f->err));
	struct rt_outcome o = { 0 };
	o.indicator_id = ind.id;
	o.period_id = per.id;
	o.text = "5,4 %";
	o.value.cmp = RT_CMP_REACH;
	o.value.has_value = true;
	o.value.value = 5.4;
	strcpy(o.value.unit, "%");
	OK(f, rt_store_outcome_put(s, &o, &f->err));
	OK(f, rt_store_commit(s, &f->err));
	f->org = u.id, f->plan = p.id, f->goal = g.id, f->ind = ind.id, f->period = per.id;
	f->outcome = o.id;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	rt_store_close(f->s1);
	rt_store_close(f->s2);
	rt_arena_release(&f->a);
	free(f->path);
	free(f);
	return 0;
}

static int64_t version_of(struct fx *f, const char *table, int64_t id)
{
	int64_t v = -1;
	OK(f, rt_store_row_version(f->s1, table, id, &v, &f->err));
	return v;
}

static size_t audit_count(struct fx *f, const char *entity, int64_t id)
{
	struct rt_audit_row *rows = NULL;
	size_t n = 0;
	OK(f, rt_store_audit_list(f->s1, &f->a, entity, id, &rows, &n, &f->err));
	return n;
}

/* Officer A and officer B open the goal at version 1; A saves first. */
static void test_two_writers_same_version(void **state)
{
	struct fx *f = *state;
	assert_int_equal(version_of(f, "goal", f->goal), 1);
	struct rt_goal ga, gb;
	OK(f, rt_store_goal_get(f->s1, &f->a, f->goal, &ga, &f->err));
	OK(f, rt_store_goal_get(f->s2, &f->a, f->goal, &gb, &f->err));

	ga.title = "Minskad sjukfrånvaro bland chefer";
	OK(f, rt_store_begin(f->s1, "eva", &f->err));
	OK(f, rt_store_expect_version(f->s1, "goal", f->goal, 1, &f->err));
	OK(f, rt_store_goal_put(f->s1, &ga, &f->err));
	OK(f, rt_store_commit(f->s1, &f->err));
	assert_int_equal(version_of(f, "goal", f->goal), 2);

	gb.title = "Minskad sjukfrånvaro i vården";
	rt_err e2 = RT_ERR_INIT;
	OK(f, rt_store_begin(f->s2, "olle", &e2));
	OK(f, rt_store_expect_version(f->s2, "goal", f->goal, 1, &e2));
	assert_int_equal(rt_store_goal_put(f->s2, &gb, &e2), RT_ECONFLICT);
	rt_store_rollback(f->s2);
	assert_string_equal(e2.field, "version");
	assert_string_equal(e2.msg,
		"Målet har ändrats av någon annan sedan du öppnade det (version 2, du utgick från "
		"version 1). Ladda om och gör om din ändring.");

	struct rt_goal now;
	OK(f, rt_store_goal_get(f->s1, &f->a, f->goal, &now, &f->err));
	assert_string_equal(now.title, "Minskad sjukfrånvaro bland chefer");
	assert_int_equal(version_of(f, "goal", f->goal), 2);
	/* the insert and A's update; nothing from B */
	assert_int_equal(audit_count(f, "goal", f->goal), 2);

	/* B reloads (version 2) and redoes the change: it goes through */
	OK(f, rt_store_begin(f->s2, "olle", &e2));
	OK(f, rt_store_expect_version(f->s2, "goal", f->goal, 2, &e2));
	OK(f, rt_store_goal_put(f->s2, &gb, &e2));
	OK(f, rt_store_commit(f->s2, &e2));
	assert_int_equal(version_of(f, "goal", f->goal), 3);
	assert_int_equal(audit_count(f, "goal", f->goal), 3);
}

/* CLI and import give no expected version: the put works as before and
 * still moves the version, so a form opened earlier sees the change. */
static void test_without_expectation(void **state)
{
	struct fx *f = *state;
	struct rt_plan p;
	OK(f, rt_store_plan_get(f->s1, &f->a, f->plan, &p, &f->err));
	p.title = "Verksamhetsplan 2024 (rev)";
	OK(f, rt_store_begin(f->s1, "cli", &f->err));
	OK(f, rt_store_plan_put(f->s1, &p, &f->err));
	OK(f, rt_store_plan_put(f->s1, &p, &f->err));
	OK(f, rt_store_commit(f->s1, &f->err));
	assert_int_equal(version_of(f, "plan", f->plan), 3);
	/* plan.version (the decided document's version) is another thing */
	OK(f, rt_store_plan_get(f->s1, &f->a, f->plan, &p, &f->err));
	assert_int_equal(p.version, 1);

	/* a form still at version 1 now gets the conflict, with "den" for a plan */
	OK(f, rt_store_begin(f->s2, "olle", &f->err));
	OK(f, rt_store_expect_version(f->s2, "plan", f->plan, 1, &f->err));
	assert_int_equal(rt_store_plan_put(f->s2, &p, &f->err), RT_ECONFLICT);
	rt_store_rollback(f->s2);
	assert_string_equal(f->err.msg,
		"Planen har ändrats av någon annan sedan du öppnade den (version 3, du utgick från "
		"version 1). Ladda om och gör om din ändring.");
	assert_int_equal(version_of(f, "plan", f->plan), 3);
}

/* An outcome update keeps the old row in outcome_history inside the put: a
 * refused update leaves no history row behind either. The expectation
 * covers one update; a second put in the same transaction builds on it. */
static void test_outcome_conflict_keeps_history(void **state)
{
	struct fx *f = *state;
	struct rt_outcome o;
	OK(f, rt_store_outcome_find(f->s1, &f->a, f->ind, f->period, RT_GENDER_TOTAL, 0, &o,
	                            &f->err));
	o.comment = "Första rättelsen";
	OK(f, rt_store_begin(f->s1, "eva", &f->err));
	OK(f, rt_store_expect_version(f->s1, "outcome", o.id, 1, &f->err));
	OK(f, rt_store_outcome_put(f->s1, &o, &f->err));
	o.comment = "Andra rättelsen, samma transaktion";
	OK(f, rt_store_outcome_put(f->s1, &o, &f->err));
	OK(f, rt_store_commit(f->s1, &f->err));
	assert_int_equal(version_of(f, "outcome", o.id), 3);

	struct rt_outcome_history *h = NULL;
	size_t nh = 0;
	OK(f, rt_store_outcome_history(f->s1, &f->a, o.id, &h, &nh, &f->err));
	assert_int_equal(nh, 2);

	o.comment = "Från ett gammalt formulär";
	rt_err e2 = RT_ERR_INIT;
	OK(f, rt_store_begin(f->s2, "olle", &e2));
	OK(f, rt_store_expect_version(f->s2, "outcome", o.id, 2, &e2));
	assert_int_equal(rt_store_outcome_put(f->s2, &o, &e2), RT_ECONFLICT);
	rt_store_rollback(f->s2);
	assert_string_equal(e2.msg,
		"Utfallet har ändrats av någon annan sedan du öppnade det (version 3, du utgick från "
		"version 2). Ladda om och gör om din ändring.");
	OK(f, rt_store_outcome_history(f->s1, &f->a, o.id, &h, &nh, &f->err));
	assert_int_equal(nh, 2);
	struct rt_outcome now;
	OK(f, rt_store_outcome_find(f->s1, &f->a, f->ind, f->period, RT_GENDER_TOTAL, 0, &now,
	                            &f->err));
	assert_string_equal(now.comment, "Andra rättelsen, samma transaktion");

	/* a rollback forgets the expectation: the next transaction is free */
	OK(f, rt_store_begin(f->s2, "olle", &e2));
	OK(f, rt_store_outcome_put(f->s2, &o, &e2));
	OK(f, rt_store_commit(f->s2, &e2));
	assert_int_equal(version_of(f, "outcome", o.id), 4);
}

static void test_errors(void **state)
{
	struct fx *f = *state;
	int64_t v = 0;
	/* outside a transaction, for a table without versions, a bad version */
	assert_int_equal(rt_store_expect_version(f->s1, "goal", f->goal, 1, &f->err), RT_ESTATE);
	assert_int_equal(rt_store_row_version(f->s1, "period", f->period, &v, &f->err), RT_EINVAL);
	assert_int_equal(rt_store_row_version(f->s1, "goal", 999999, &v, &f->err), RT_ENOTFOUND);
	OK(f, rt_store_begin(f->s1, "eva", &f->err));
	assert_int_equal(rt_store_expect_version(f->s1, "org_unit", f->org, 1, &f->err), RT_EINVAL);
	assert_int_equal(rt_store_expect_version(f->s1, "goal", f->goal, 0, &f->err), RT_EINVAL);
	assert_string_equal(f->err.field, "version");
	/* an expectation for a row that is gone: "finns inte", not a conflict */
	OK(f, rt_store_expect_version(f->s1, "goal", 999999, 1, &f->err));
	struct rt_goal g;
	OK(f, rt_store_goal_get(f->s1, &f->a, f->goal, &g, &f->err));
	g.id = 999999;
	assert_int_equal(rt_store_goal_put(f->s1, &g, &f->err), RT_ENOTFOUND);
	rt_store_rollback(f->s1);
	assert_int_equal(version_of(f, "goal", f->goal), 1);
}

/* The outcome import writes past the generic put (sqlite_bulk.c): its
 * corrections move the version too, so a form opened before an import
 * gets a conflict instead of overwriting the imported value. */
static void test_import_moves_version(void **state)
{
	struct fx *f = *state;
	assert_int_equal(version_of(f, "outcome", f->outcome), 1);
	char *csv = rt_test_tmp_path("store_version_import.csv");
	FILE *fp = fopen(csv, "w");
	assert_non_null(fp);
	fputs("indikator;period;värde;kommentar\nind;2024-T1;4,9 %;Import\n", fp);
	fclose(fp);
	const char *argv[] = { "import", "outcomes", csv, "--db", f->path, NULL };
	rt_buf out = RT_BUF_INIT, err = RT_BUF_INIT;
	int rc = rt_test_run(&out, &err, argv);
	if (rc != 0)
		fail_msg("import: %d %s %s", rc, out.buf, err.buf);
	assert_non_null(strstr(out.buf, "rättade utfall:    1"));
	assert_int_equal(version_of(f, "outcome", f->outcome), 2);
	rt_buf_release(&out);
	rt_buf_release(&err);
	free(csv);
}

/* A target and an activity's state per period (api: PUT /targets/{id},
 * PUT /activities/{id}/states/{period}): the same guard; a state is found
 * by (activity, period), version 0 meaning "none set yet". */
static void test_target_and_activity_state(void **state)
{
	struct fx *f = *state;
	struct rt_target t = { 0 };
	t.indicator_id = f->ind;
	t.year = 2024;
	t.text = "≤ 4,7 %";
	struct rt_activity act = { 0 };
	act.goal_id = f->goal;
	act.key = "akt";
	act.title = "Friskvårdstimme";
	OK(f, rt_store_begin(f->s1, "setup", &f->err));
	OK(f, rt_store_target_put(f->s1, &t, &f->err));
	OK(f, rt_store_activity_put(f->s1, &act, &f->err));
	OK(f, rt_store_commit(f->s1, &f->err));
	assert_int_equal(version_of(f, "target", t.id), 1);

	struct rt_target tb = t;
	t.text = "≤ 4,5 %";
	OK(f, rt_store_begin(f->s1, "eva", &f->err));
	OK(f, rt_store_expect_version(f->s1, "target", t.id, 1, &f->err));
	OK(f, rt_store_target_put(f->s1, &t, &f->err));
	OK(f, rt_store_commit(f->s1, &f->err));
	tb.text = "≤ 4,0 %";
	rt_err e2 = RT_ERR_INIT;
	OK(f, rt_store_begin(f->s2, "olle", &e2));
	OK(f, rt_store_expect_version(f->s2, "target", t.id, 1, &e2));
	assert_int_equal(rt_store_target_put(f->s2, &tb, &e2), RT_ECONFLICT);
	rt_store_rollback(f->s2);
	assert_string_equal(e2.msg,
		"Målvärdet har ändrats av någon annan sedan du öppnade det (version 2, du utgick från "
		"version 1). Ladda om och gör om din ändring.");
	struct rt_target tnow;
	OK(f, rt_store_target_get(f->s1, &f->a, t.id, &tnow, &f->err));
	assert_string_equal(tnow.text, "≤ 4,5 %");
	assert_int_equal(audit_count(f, "target", t.id), 2);

	/* the first state: both start from "none" (0); the second is refused */
	struct rt_activity_status sa = { 0 };
	sa.activity_id = act.id;
	sa.period_id = f->period;
	sa.state = RT_ACT_ONGOING;
	struct rt_activity_status sb = sa;
	sb.state = RT_ACT_DONE;
	OK(f, rt_store_begin(f->s1, "eva", &f->err));
	OK(f, rt_store_expect_activity_status(f->s1, act.id, f->period, 0, &f->err));
	OK(f, rt_store_activity_status_put(f->s1, &sa, &f->err));
	OK(f, rt_store_commit(f->s1, &f->err));
	OK(f, rt_store_begin(f->s2, "olle", &e2));
	assert_int_equal(rt_store_expect_activity_status(f->s2, act.id, f->period, 0, &e2),
	                 RT_ECONFLICT);
	rt_store_rollback(f->s2);
	assert_string_equal(e2.msg, "Aktivitetsläget har lagts in av någon annan sedan du öppnade "
	                            "formuläret (version 1). Ladda om och gör om din ändring.");
	/* then by version, as any row */
	sb.id = sa.id;
	sa.comment = "Eva";
	OK(f, rt_store_begin(f->s1, "eva", &f->err));
	OK(f, rt_store_expect_activity_status(f->s1, act.id, f->period, 1, &f->err));
	OK(f, rt_store_activity_status_put(f->s1, &sa, &f->err));
	OK(f, rt_store_commit(f->s1, &f->err));
	OK(f, rt_store_begin(f->s2, "olle", &e2));
	OK(f, rt_store_expect_activity_status(f->s2, act.id, f->period, 1, &e2));
	assert_int_equal(rt_store_activity_status_put(f->s2, &sb, &e2), RT_ECONFLICT);
	rt_store_rollback(f->s2);
	assert_string_equal(e2.msg,
		"Aktivitetsläget har ändrats av någon annan sedan du öppnade det (version 2, du utgick "
		"från version 1). Ladda om och gör om din ändring.");
	struct rt_activity_status snow;
	OK(f, rt_store_activity_status_find(f->s1, &f->a, act.id, f->period, &snow, &f->err));
	assert_int_equal(snow.state, RT_ACT_ONGOING);
	assert_string_equal(snow.comment, "Eva");
	assert_int_equal(version_of(f, "activity_status", sa.id), 2);
	assert_int_equal(audit_count(f, "activity_status", sa.id), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_two_writers_same_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_without_expectation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outcome_conflict_keeps_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_moves_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_and_activity_state, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
