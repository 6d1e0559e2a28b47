/* The report's bulk read (store.h, rt_store_plan_load_followup) on the demo
 * database: it must give exactly the rows of rt_store_plan_load that a
 * report for the period can show, in the same order (the report builder
 * walks them with cursors), and the streamed HTML must be the same bytes as
 * the HTML built in memory. The read of many plans at once
 * (store_report.h) must give every plan the same document as the read per
 * plan. Seed 003 values: Regionstyrelsen's plan 2021 has
 * 36 outcomes and 30 assessments for 2021-T1. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/demo.h"
#include "report/followup.h"
#include "store/store.h"
#include "store/store_report.h"

struct fx {
	char *path;
	rt_store *s;
	rt_err err;
	rt_arena a;
	int64_t plan, t1, t2, ind, goal;
};

#define OK(f, call)                                                             \
	do {                                                                    \
		int rc_ = (call);                                               \
		if (rc_ != 0)                                                   \
			fail_msg("%s: %d %s", #call, rc_, (f)->err.msg);        \
	} while (0)

/* A tertial of `year` ending `end` (tertials are cumulative from January). */
static int64_t add_tertial(struct fx *f, const char *key, int year, int number, const char *end)
{
	char start[11];
	snprintf(start, sizeof start, "%d-01-01", year);
	struct rt_period p = { 0 };
	p.key = (char *)key;
	p.kind = RT_PERIOD_TERTIAL;
	p.year = year;
	p.number = number;
	p.start_date = start;
	p.end_date = (char *)end;
	OK(f, rt_store_period_put(f->s, &p, &f->err));
	return p.id;
}

/* A copy of `like` for another period and/or gender, with value v. */
static void add_outcome(struct fx *f, const struct rt_outcome *like, int64_t period,
                        enum rt_gender g, const char *text, double v)
{
	struct rt_outcome o = *like;
	o.id = 0;
	o.period_id = period;
	o.gender = g;
	o.text = (char *)text;
	o.value.value = v;
	OK(f, rt_store_outcome_put(f->s, &o, &f->err));
}

/* The demo, plus a later tertial with one outcome and one assessment,
 * breakdown rows (women, men) in 2021-T1, so both the period window and the
 * whole-scope rule have something to leave out, and an earlier tertial
 * created last (the highest period id, first in time): SQLite's natural
 * order (by period id, 'men' < 'total' by name) is not the report's, which
 * the store sorts. */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	*state = f;
	f->path = rt_test_db("store_report.db");
	if (rt_store_open(&f->s, f->path, RT_STORE_OPEN_CREATE, &f->err) != 0 ||
	    rt_demo_load(f->s, NULL, &f->err) != 0)
		return -1;
	OK(f, rt_store_find_key(f->s, "plan", "rjh-rs-vp-2021", &f->plan, &f->err));
	OK(f, rt_store_find_key(f->s, "period", "2021-T1", &f->t1, &f->err));

	struct rt_plan_doc d;
	rt_plan_doc_init(&d);
	OK(f, rt_store_plan_load(f->s, f->plan, &d, &f->err));
	const struct rt_outcome *first = NULL;
	for (size_t i = 0; i < d.n_outcomes && !first; i++)
		if (d.outcomes[i].value.has_value)
			first = &d.outcomes[i];
	assert_non_null(first);
	f->ind = first->indicator_id;
	f->goal = d.goals[0].id;

	OK(f, rt_store_begin(f->s, "test", &f->err));
	f->t2 = add_tertial(f, "2021-T2", 2021, 2, "2021-08-31");
	add_outcome(f, first, f->t2, RT_GENDER_TOTAL, "4,9 %", 4.9);
	add_outcome(f, first, f->t1, RT_GENDER_WOMEN, "6,1 %", 6.1);
	add_outcome(f, first, f->t1, RT_GENDER_MEN, "4,2 %", 4.2);
	int64_t early = add_tertial(f, "2020-T3", 2020, 3, "2020-12-31");
	add_outcome(f, first, early, RT_GENDER_TOTAL, "5,9 %", 5.9);
	struct rt_assessment as = { 0, f->goal, f->t2, RT_STATUS_PARTLY, "Delvis" };
	OK(f, rt_store_assessment_put(f->s, &as, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	rt_plan_doc_release(&d);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	if (f->s)
		rt_store_close(f->s);
	rt_arena_release(&f->a);
	free(f->path);
	free(f);
	return 0;
}

#define WHOLE(x) ((x)->gender == RT_GENDER_TOTAL && (x)->org_unit_id == 0)

static const struct rt_period *period_of(const struct rt_period *list, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (list[i].id == id)
			return &list[i];
	return NULL;
}

/* followup.c's window: this period, or one that ends earlier, or ends the
 * same day and starts later. */
static bool up_to(const struct rt_period *q, const struct rt_period *p)
{
	int c = strcmp(q->end_date, p->end_date);
	return q->id == p->id || c < 0 || (c == 0 && strcmp(q->start_date, p->start_date) > 0);
}

/* The report read against the full document, for one period: same goals,
 * indicators and activities in the same order; targets, outcomes and
 * assessments are exactly the full document's rows that pass the rule, in
 * the full document's order. Returns the number of outcomes. */
static size_t check_against_full(struct fx *f, int64_t period_id)
{
	struct rt_period *periods;
	size_t n_periods;
	OK(f, rt_store_period_list(f->s, &f->a, &periods, &n_periods, &f->err));
	const struct rt_period *p = period_of(periods, n_periods, period_id);
	assert_non_null(p);

	struct rt_plan_doc full, rep;
	rt_plan_doc_init(&full);
	rt_plan_doc_init(&rep);
	OK(f, rt_store_plan_load(f->s, f->plan, &full, &f->err));
	OK(f, rt_store_plan_load_followup(f->s, f->plan, p, &rep, &f->err));
	assert_string_equal(rep.plan.title, full.plan.title);
	assert_string_equal(rep.owner.name, "Regionstyrelsen");

	assert_int_equal(rep.n_goals, full.n_goals);
	for (size_t i = 0; i < full.n_goals; i++)
		assert_int_equal(rep.goals[i].id, full.goals[i].id);
	assert_int_equal(rep.n_indicators, full.n_indicators);
	for (size_t i = 0; i < full.n_indicators; i++)
		assert_int_equal(rep.indicators[i].id, full.indicators[i].id);
	assert_int_equal(rep.n_activities, full.n_activities);
	for (size_t i = 0; i < full.n_activities; i++)
		assert_int_equal(rep.activities[i].id, full.activities[i].id);

	size_t k = 0;
	for (size_t i = 0; i < full.n_targets; i++)
		if (WHOLE(&full.targets[i])) {
			assert_true(k < rep.n_targets);
			assert_int_equal(rep.targets[k++].id, full.targets[i].id);
		}
	assert_int_equal(k, rep.n_targets);

	k = 0;
	for (size_t i = 0; i < full.n_outcomes; i++) {
		const struct rt_outcome *o = &full.outcomes[i];
		const struct rt_period *q = period_of(periods, n_periods, o->period_id);
		if (o->period_id == p->id || (WHOLE(o) && up_to(q, p))) {
			assert_true(k < rep.n_outcomes);
			assert_int_equal(rep.outcomes[k].id, o->id);
			assert_int_equal(rep.outcomes[k].value.has_value, o->value.has_value);
			if (o->value.has_value)
				assert_true(rep.outcomes[k].value.value == o->value.value);
			/* an earlier period's row carries only its number (trend) */
			if (o->period_id == p->id)
				assert_string_equal(rep.outcomes[k].text ? rep.outcomes[k].text : "",
				                    o->text ? o->text : "");
			else
				assert_null(rep.outcomes[k].text);
			k++;
		}
	}
	assert_int_equal(k, rep.n_outcomes);

	k = 0;
	for (size_t i = 0; i < full.n_assessments; i++)
		if (full.assessments[i].period_id == p->id) {
			assert_true(k < rep.n_assessments);
			assert_int_equal(rep.assessments[k++].id, full.assessments[i].id);
		}
	assert_int_equal(k, rep.n_assessments);
	for (size_t i = 0; i < rep.n_outcomes; i++)
		assert_non_null(period_of(rep.periods, rep.n_periods, rep.outcomes[i].period_id));

	size_t n = rep.n_outcomes;
	rt_plan_doc_release(&full);
	rt_plan_doc_release(&rep);
	return n;
}

static void test_t1_same_rows_as_plan_load(void **state)
{
	struct fx *f = *state;
	/* seed 003's 36 outcomes, the women and men rows of the period itself
	 * and 2020-T3's whole-scope row (trend), in rt_store_plan_load's order */
	assert_int_equal(check_against_full(f, f->t1), 39);

	struct rt_period *periods;
	size_t n;
	OK(f, rt_store_period_list(f->s, &f->a, &periods, &n, &f->err));
	struct rt_plan_doc rep;
	rt_plan_doc_init(&rep);
	OK(f, rt_store_plan_load_followup(f->s, f->plan, period_of(periods, n, f->t1), &rep,
	                                  &f->err));
	assert_int_equal(rep.n_assessments, 30);
	assert_int_equal(rep.n_periods, 2); /* 2021-T2 ends later: not in the window */
	assert_string_equal(rep.periods[0].key, "2020-T3");
	assert_string_equal(rep.periods[1].key, "2021-T1");
	rt_plan_doc_release(&rep);
}

static void test_t2_window_keeps_earlier_whole_scope(void **state)
{
	struct fx *f = *state;
	/* 2020-T3's and T1's 36 whole-scope outcomes (trend) and T2's one;
	 * T1's women and men rows are breakdowns of an earlier period and stay out */
	assert_int_equal(check_against_full(f, f->t2), 38);

	struct rt_period *periods;
	size_t n;
	OK(f, rt_store_period_list(f->s, &f->a, &periods, &n, &f->err));
	struct rt_plan_doc rep;
	rt_plan_doc_init(&rep);
	OK(f, rt_store_plan_load_followup(f->s, f->plan, period_of(periods, n, f->t2), &rep,
	                                  &f->err));
	assert_int_equal(rep.n_assessments, 1);
	assert_int_equal(rep.assessments[0].status, RT_STATUS_PARTLY);
	for (size_t i = 0; i < rep.n_outcomes; i++)
		assert_int_equal(rep.outcomes[i].gender, RT_GENDER_TOTAL);
	rt_plan_doc_release(&rep);
}

static void test_unknown_plan_is_not_found(void **state)
{
	struct fx *f = *state;
	struct rt_period *periods;
	size_t n;
	OK(f, rt_store_period_list(f->s, &f->a, &periods, &n, &f->err));
	struct rt_plan_doc rep;
	rt_plan_doc_init(&rep);
	assert_int_equal(rt_store_plan_load_followup(f->s, 999999, &periods[0], &rep, &f->err),
	                 RT_ENOTFOUND);
	assert_int_equal(rep.n_goals, 0);
}

#define SAME_IDS(a, b, arr)                                                     \
	do {                                                                    \
		assert_int_equal((a)->n_##arr, (b)->n_##arr);                   \
		for (size_t i_ = 0; i_ < (a)->n_##arr; i_++)                    \
			assert_int_equal((a)->arr[i_].id, (b)->arr[i_].id);     \
	} while (0)

static const char *str(const char *s) { return s ? s : "(null)"; }

/* A document read together (a, with its points) is the one read alone
 * (b): same rows, order, and what the report reads of them; a's outcomes
 * are b's of the period itself, its points b's earlier whole-scope rows
 * with a number. */
static void same_doc(const struct rt_plan_doc *a, const struct rt_report_points *pts,
                     const struct rt_plan_doc *b, int64_t period_id)
{
	size_t k = 0, m = 0;
	for (size_t i = 0; i < b->n_outcomes; i++) {
		const struct rt_outcome *y = &b->outcomes[i];
		if (y->period_id == period_id) {
			assert_true(k < a->n_outcomes);
			const struct rt_outcome *x = &a->outcomes[k++];
			assert_int_equal(x->id, y->id);
			assert_int_equal(x->gender, y->gender);
			assert_int_equal(x->value.has_value, y->value.has_value);
			assert_true(x->value.value == y->value.value);
			assert_string_equal(str(x->text), str(y->text));
			assert_string_equal(str(x->comment), str(y->comment));
			assert_int_equal(x->status, y->status);
		} else if (y->value.has_value && WHOLE(y)) {
			assert_true(m < pts->n);
			const struct rt_report_point *pt = &pts->items[m++];
			assert_int_equal(pt->indicator_id, y->indicator_id);
			assert_int_equal(pt->period_id, y->period_id);
			assert_true(pt->value == y->value.value);
		}
	}
	assert_int_equal(k, a->n_outcomes);
	assert_int_equal(m, pts->n);
	assert_int_equal(a->plan.id, b->plan.id);
	assert_string_equal(str(a->owner.name), str(b->owner.name));
	SAME_IDS(a, b, goals);
	SAME_IDS(a, b, indicators);
	SAME_IDS(a, b, targets);
	SAME_IDS(a, b, baselines);
	SAME_IDS(a, b, activities);
	SAME_IDS(a, b, periods);
	SAME_IDS(a, b, assessments);
	SAME_IDS(a, b, activity_statuses);
	for (size_t i = 0; i < a->n_goals; i++) {
		assert_int_equal(a->goals[i].parent_id, b->goals[i].parent_id);
		assert_int_equal(a->goals[i].kind, b->goals[i].kind);
		assert_string_equal(str(a->goals[i].title), str(b->goals[i].title));
	}
	for (size_t i = 0; i < a->n_indicators; i++) {
		assert_string_equal(str(a->indicators[i].name), str(b->indicators[i].name));
		assert_string_equal(str(a->indicators[i].unit), str(b->indicators[i].unit));
		assert_int_equal(a->indicators[i].frequency, b->indicators[i].frequency);
	}
	for (size_t i = 0; i < a->n_targets; i++) {
		assert_string_equal(str(a->targets[i].text), str(b->targets[i].text));
		assert_int_equal(a->targets[i].spec.cmp, b->targets[i].spec.cmp);
	}
	for (size_t i = 0; i < a->n_activities; i++)
		assert_string_equal(str(a->activities[i].description),
		                    str(b->activities[i].description));
	for (size_t i = 0; i < a->n_assessments; i++)
		assert_string_equal(str(a->assessments[i].analysis), str(b->assessments[i].analysis));
	for (size_t i = 0; i < a->n_activity_statuses; i++)
		assert_int_equal(a->activity_statuses[i].state, b->activity_statuses[i].state);
}

/* Every plan of the demo read at once, for T1 and T2, in reverse id order
 * (the documents follow plan_ids, not the table), and for T1 with a second
 * thread: each document is the per-plan read's. Regionstyrelsen's has
 * seed 003's 30 assessments for T1. */
static void test_plans_together_same_docs(void **state)
{
	struct fx *f = *state;
	struct rt_period *periods;
	size_t n_periods;
	OK(f, rt_store_period_list(f->s, &f->a, &periods, &n_periods, &f->err));
	struct rt_plan *plans;
	size_t n;
	OK(f, rt_store_plan_list(f->s, &f->a, &plans, &n, &f->err));
	assert_true(n >= 3);
	int64_t *ids = calloc(n, sizeof(*ids));
	for (size_t i = 0; i < n; i++)
		ids[i] = plans[n - 1 - i].id;
	/* T1 once more with a second connection: part of the outcomes read
	 * by a second thread, in chunks of row ids */
	rt_store *s2;
	OK(f, rt_store_open(&s2, f->path, RT_STORE_OPEN_EXISTING, &f->err));
	int64_t keys[] = { f->t1, f->t2, f->t1 };
	for (size_t k = 0; k < 3; k++) {
		const struct rt_period *p = period_of(periods, n_periods, keys[k]);
		struct rt_report_docs docs;
		OK(f, rt_store_plans_load_followup(f->s, k == 2 ? s2 : NULL, ids, n, p, &docs,
		                                   &f->err));
		assert_int_equal(docs.n, n);
		size_t found = 0;
		for (size_t i = 0; i < n; i++) {
			struct rt_plan_doc one;
			rt_plan_doc_init(&one);
			OK(f, rt_store_plan_load_followup(f->s, ids[i], p, &one, &f->err));
			same_doc(&docs.docs[i], &docs.points[i], &one, keys[k]);
			if (ids[i] == f->plan) {
				found++;
				assert_int_equal(docs.docs[i].n_assessments, k == 1 ? 1 : 30);
				/* T1: seed 003's 36 and the women and men rows; T2: its one */
				assert_int_equal(docs.docs[i].n_outcomes, k == 1 ? 1 : 38);
				/* 2020-T3's number for T1; for T2 also T1's */
				assert_true(docs.points[i].n >= (k == 1 ? 2u : 1u));
			}
			rt_plan_doc_release(&one);
		}
		assert_int_equal(found, 1);
		rt_report_docs_release(&docs);
	}

	/* an unknown plan: not found, nothing left to release */
	int64_t bad[] = { f->plan, 999999 };
	struct rt_report_docs docs;
	assert_int_equal(rt_store_plans_load_followup(f->s, s2, bad, 2, &periods[0], &docs,
	                                              &f->err), RT_ENOTFOUND);
	assert_int_equal(docs.n, 0);
	rt_store_close(s2);
	free(ids);
}

/* The HTML written in chunks to a file is the HTML built in memory. */
static void test_html_stream_same_bytes(void **state)
{
	struct fx *f = *state;
	struct rt_followup_report r;
	OK(f, rt_followup_report_build(f->s, "2021-T1", NULL, &r, &f->err));
	rt_buf mem = RT_BUF_INIT;
	OK(f, rt_report_html(&r, &mem, &f->err));
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	OK(f, rt_report_html_stream(&r, tmp, &f->err));
	long len = ftell(tmp);
	assert_int_equal((size_t)len, mem.len);
	rewind(tmp);
	char *back = malloc(mem.len + 1);
	assert_int_equal(fread(back, 1, mem.len, tmp), mem.len);
	assert_memory_equal(back, mem.buf, mem.len);
	assert_non_null(strstr(mem.buf, "Sammanställd måluppfyllelse per april 2021"));
	free(back);
	fclose(tmp);
	rt_buf_release(&mem);
	rt_followup_report_release(&r);
}

/* Two threads (rt_followup_report_build2, a second connection to the same
 * file) give the same report, byte for byte, and an unknown period the
 * same message; a database that cannot be opened again means one thread. */
static void test_two_threads_same_report(void **state)
{
	struct fx *f = *state;
	struct rt_followup_report one, two, mem;
	OK(f, rt_followup_report_build(f->s, "2021-T1", NULL, &one, &f->err));
	OK(f, rt_followup_report_build2(f->s, f->path, "2021-T1", NULL, &two, &f->err));
	OK(f, rt_followup_report_build2(f->s, ":memory:", "2021-T1", NULL, &mem, &f->err));
	rt_buf a = RT_BUF_INIT, b = RT_BUF_INIT, c = RT_BUF_INIT;
	OK(f, rt_report_html(&one, &a, &f->err));
	OK(f, rt_report_html(&two, &b, &f->err));
	OK(f, rt_report_html(&mem, &c, &f->err));
	assert_int_equal(two.n_sections, 1);
	assert_string_equal(two.sections[0].org_name, "Regionstyrelsen");
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	assert_int_equal(a.len, c.len);
	assert_memory_equal(a.buf, c.buf, a.len);
	rt_buf_release(&a);
	rt_buf_release(&b);
	rt_buf_release(&c);
	rt_followup_report_release(&one);
	rt_followup_report_release(&two);
	rt_followup_report_release(&mem);

	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_followup_report_build2(f->s, f->path, "2099-T1", NULL, &two, &err),
	                 RT_ENOTFOUND);
	assert_string_equal(err.msg, "Perioden '2099-T1' finns inte");
}

/* Two boards: an assessment for the regionplan's first goal gives it a
 * section beside Regionstyrelsen's, so the second thread has a plan of its
 * own and the streamed HTML renders board 2 in its second thread; both
 * are the bytes one thread builds in memory. */
static void test_two_boards_two_threads(void **state)
{
	struct fx *f = *state;
	int64_t rp;
	OK(f, rt_store_find_key(f->s, "plan", "rjh-rp-2021-2023", &rp, &f->err));
	struct rt_plan_doc d;
	rt_plan_doc_init(&d);
	OK(f, rt_store_plan_load(f->s, rp, &d, &f->err));
	assert_true(d.n_goals > 0);
	struct rt_assessment as = { 0, d.goals[0].id, f->t1, RT_STATUS_ACHIEVED,
	                            "Uppfyllt enligt plan" };
	rt_plan_doc_release(&d);
	OK(f, rt_store_begin(f->s, "test", &f->err));
	OK(f, rt_store_assessment_put(f->s, &as, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	struct rt_followup_report one, two;
	OK(f, rt_followup_report_build(f->s, "2021-T1", NULL, &one, &f->err));
	OK(f, rt_followup_report_build2(f->s, f->path, "2021-T1", NULL, &two, &f->err));
	assert_int_equal(one.n_sections, 2);
	assert_int_equal(two.n_sections, 2);
	rt_buf a = RT_BUF_INIT, b = RT_BUF_INIT;
	OK(f, rt_report_html(&one, &a, &f->err));
	OK(f, rt_report_html(&two, &b, &f->err));
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	assert_non_null(strstr(a.buf, "Uppfyllt enligt plan"));

	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	OK(f, rt_report_html_stream(&two, tmp, &f->err));
	assert_int_equal((size_t)ftell(tmp), a.len);
	rewind(tmp);
	char *back = malloc(a.len + 1);
	assert_int_equal(fread(back, 1, a.len, tmp), a.len);
	assert_memory_equal(back, a.buf, a.len);
	free(back);
	fclose(tmp);
	rt_buf_release(&a);
	rt_buf_release(&b);
	rt_followup_report_release(&one);
	rt_followup_report_release(&two);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_t1_same_rows_as_plan_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_t2_window_keeps_earlier_whole_scope, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_unknown_plan_is_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plans_together_same_docs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_stream_same_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_threads_same_report, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_boards_two_threads, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
