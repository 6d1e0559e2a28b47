/* The planning process and plan sections in the store (0005_process.sql,
 * sqlite_process.c): round trips of a seed-002 cycle, upserts by natural
 * key, every write audited with before/after, a plan refused "för beslut"
 * until its §3.4 checklists are answered, frames and economic follow-up,
 * and refusals that change nothing. */
#include "test_util.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"

struct fx {
	char *path;
	rt_store *s;
	rt_err err;
	int64_t region, hsn, run, plan, cycle;
};

#define OK(f, call)                                                      \
	do {                                                             \
		int rc_ = (call);                                        \
		if (rc_ != 0)                                            \
			fail_msg("%s: %d %s", #call, rc_, (f)->err.msg); \
	} while (0)

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->path = rt_test_db("store_process.db");
	if (rt_store_open(&f->s, f->path, RT_STORE_OPEN_CREATE, &f->err) != 0) return -1;
	*state = f;
	OK(f, rt_store_begin(f->s, "setup", &f->err));
	struct rt_org_unit r = { 0, 0, RT_ORG_REGION, "rvb", "Region Västerbotten", NULL };
	OK(f, rt_store_org_put(f->s, &r, &f->err));
	struct rt_org_unit h = { 0, r.id, RT_ORG_BOARD, "rvb-hsn", "Hälso- och sjukvårdsnämnden", "HSN" };
	OK(f, rt_store_org_put(f->s, &h, &f->err));
	struct rt_org_unit u = { 0, r.id, RT_ORG_BOARD, "rvb-run", "Regionala utvecklingsnämnden", "RUN" };
	OK(f, rt_store_org_put(f->s, &u, &f->err));
	struct rt_plan p = { 0 };
	p.kind = RT_PLAN_ACTION;
	p.owner_org_id = r.id;
	p.title = "Övergripande handlingsplan för attraktiv arbetsgivare 2026";
	p.start_year = p.end_year = 2026;
	p.version = 1;
	p.introduction = "Syfte, innehåll, ansvariga och tidplan.";
	OK(f, rt_store_plan_put(f->s, &p, &f->err));
	struct rt_process_cycle c = { 0, r.id, 2026, "Planerings- och budgetprocess 2026", "Regiondirektören" };
	OK(f, rt_store_process_cycle_put(f->s, &c, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	f->region = r.id;
	f->hsn = h.id;
	f->run = u.id;
	f->plan = p.id;
	f->cycle = c.id;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	rt_store_close(f->s);
	free(f->path);
	free(f);
	return 0;
}

static void test_cycle_round_trip(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "anna", &f->err));
	struct rt_process_phase ph = { 0, f->cycle, 2, "Planeringsförutsättningar (PF)", "2026-01-01",
	                               "2026-02-28", "Ekonomidirektören", NULL };
	OK(f, rt_store_process_phase_put(f->s, &ph, &f->err));
	struct rt_process_event kick = { 0, f->cycle, ph.id, RT_EVENT_MILESTONE, "Kickoff",
	                                 "2026-02-10", NULL, NULL, NULL };
	OK(f, rt_store_process_event_put(f->s, &kick, &f->err));
	struct rt_process_event sd = { 0, f->cycle, 0, RT_EVENT_MEETING, "Styrdialog", "2026-04-23",
	                               "Dialog om PF", "Prioriteringar kända", "Presidier, RSAU" };
	OK(f, rt_store_process_event_put(f->s, &sd, &f->err));
	struct rt_process_delivery d = { 0, f->cycle, f->run, NULL, RT_DELIVERY_FEEDBACK,
	                                 "2026-04-16", RT_DELIVERY_IN_PROGRESS, NULL };
	OK(f, rt_store_process_delivery_put(f->s, &d, &f->err));
	/* Same (cycle, board, kind) again: the row is updated, not duplicated. */
	struct rt_process_delivery d2 = { 0, f->cycle, f->run, NULL, RT_DELIVERY_FEEDBACK,
	                                  "2026-04-16", RT_DELIVERY_DELIVERED, "2026-04-15" };
	OK(f, rt_store_process_delivery_put(f->s, &d2, &f->err));
	assert_int_equal(d2.id, d.id);
	struct rt_feedback_section fb = { 0, f->cycle, f->hsn, RT_FB_RISK, "Kompetensbrist." };
	OK(f, rt_store_feedback_put(f->s, &fb, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	int64_t id = 0;
	OK(f, rt_store_process_find(f->s, 0, 2026, &id, &f->err));
	assert_int_equal(id, f->cycle);
	OK(f, rt_store_process_find(f->s, f->region, 0, &id, &f->err));
	assert_int_equal(rt_store_process_find(f->s, 0, 2019, &id, &f->err), RT_ENOTFOUND);
	assert_string_equal(f->err.msg, "Det finns ingen planeringsprocess för 2019");

	struct rt_process_doc doc;
	OK(f, rt_store_process_load(f->s, f->cycle, &doc, &f->err));
	assert_string_equal(doc.region_name, "Region Västerbotten");
	assert_int_equal(doc.cycle.year, 2026);
	assert_int_equal(doc.n_phases, 1);
	assert_string_equal(doc.phases[0].owner, "Ekonomidirektören");
	assert_int_equal(doc.n_events, 2);
	assert_string_equal(doc.events[0].title, "Kickoff");
	assert_int_equal(doc.events[0].phase_id, ph.id);
	assert_int_equal(doc.events[1].kind, RT_EVENT_MEETING);
	assert_string_equal(doc.events[1].participants, "Presidier, RSAU");
	assert_int_equal(doc.n_deliveries, 1);
	assert_int_equal(doc.deliveries[0].status, RT_DELIVERY_DELIVERED);
	assert_string_equal(doc.deliveries[0].delivered_on, "2026-04-15");
	assert_string_equal(doc.deliveries[0].org_name, "Regionala utvecklingsnämnden");
	assert_int_equal(doc.n_feedback, 1);
	assert_int_equal(doc.feedback[0].heading, RT_FB_RISK);
	rt_store_process_doc_release(&doc);

	/* Audited: the delivery's insert, then its update with before/after. */
	rt_arena a = RT_ARENA_INIT;
	struct rt_audit_row *rows;
	size_t n;
	OK(f, rt_store_audit_list(f->s, &a, "process_delivery", d.id, &rows, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(rows[1].action, "update");
	assert_string_equal(rows[1].actor, "anna");
	assert_non_null(strstr(rows[1].before, "\"status\":\"in_progress\""));
	assert_non_null(strstr(rows[1].after, "\"status\":\"delivered\""));
	rt_arena_release(&a);
}

static void test_refusals_change_nothing(void **state)
{
	struct fx *f = *state;
	struct rt_process_event e = { 0, f->cycle, 0, RT_EVENT_MEETING, "Möte", "2026-05-01",
	                              NULL, NULL, NULL };
	struct rt_process_event ok = { 0, f->cycle, 0, RT_EVENT_MILESTONE, "VP klar", "2026-09-30",
	                               NULL, NULL, NULL };
	assert_int_equal(rt_store_process_event_put(f->s, &ok, &f->err), RT_ESTATE);
	OK(f, rt_store_begin(f->s, "anna", &f->err));
	assert_int_equal(rt_store_process_event_put(f->s, &e, &f->err), RT_EINVAL);
	assert_non_null(strstr(f->err.msg, "syfte"));
	struct rt_process_phase bad = { 0, f->cycle, 1, "Beslut", "2026-06-30", "2026-05-01", NULL, NULL };
	assert_int_equal(rt_store_process_phase_put(f->s, &bad, &f->err), RT_EINVAL);
	struct rt_process_delivery d = { 0, 999, f->hsn, NULL, RT_DELIVERY_FEEDBACK, "2026-04-16",
	                                 RT_DELIVERY_NOT_STARTED, NULL };
	assert_int_equal(rt_store_process_delivery_put(f->s, &d, &f->err), RT_ENOTFOUND);
	OK(f, rt_store_commit(f->s, &f->err));
	rt_arena a = RT_ARENA_INIT;
	struct rt_audit_row *rows;
	size_t n;
	OK(f, rt_store_audit_list(f->s, &a, "process_event", 0, &rows, &n, &f->err));
	assert_int_equal(n, 0);
	rt_arena_release(&a);
}

static void test_checklist_blocks_for_decision(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "anna", &f->err));
	assert_int_equal(rt_store_plan_status_set(f->s, f->plan, RT_PLAN_FOR_DECISION, &f->err),
	                 RT_ECONFLICT);
	assert_non_null(strstr(f->err.msg, "Planen kan inte gå till beslut"));
	assert_non_null(strstr(f->err.msg, "3.4.1"));
	for (int p = 0; p < RT_PERSP_COUNT; p++) {
		const struct rt_perspective_def *d = rt_perspective_def((enum rt_perspective)p);
		for (int q = 1; q <= d->n_questions; q++) {
			struct rt_checklist_answer x = { 0, f->plan, (enum rt_perspective)p, q,
			                                 q == 1 ? RT_ANSWER_YES : RT_ANSWER_NO, NULL };
			OK(f, rt_store_checklist_put(f->s, &x, &f->err));
		}
	}
	/* Regional utveckling has no questions: it needs its motivation. */
	assert_int_equal(rt_store_plan_status_set(f->s, f->plan, RT_PLAN_FOR_DECISION, &f->err),
	                 RT_ECONFLICT);
	assert_non_null(strstr(f->err.msg, "3.4.5"));
	struct rt_checklist_answer m = { 0, f->plan, RT_PERSP_REGIONAL, 0, RT_ANSWER_NONE,
	                                 "Planen berör inte den regionala utvecklingsstrategin." };
	OK(f, rt_store_checklist_put(f->s, &m, &f->err));
	/* Upsert: answering question 1 again updates the same row. */
	struct rt_checklist_answer again = { 0, f->plan, RT_PERSP_EQUALITY, 1, RT_ANSWER_YES, "Ja" };
	OK(f, rt_store_checklist_put(f->s, &again, &f->err));
	struct rt_plan_term t = { 0, f->plan, 1, "PF", "Planeringsförutsättningar" };
	OK(f, rt_store_plan_term_put(f->s, &t, &f->err));
	OK(f, rt_store_plan_status_set(f->s, f->plan, RT_PLAN_FOR_DECISION, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	rt_arena a = RT_ARENA_INIT;
	struct rt_checklist_answer *ans;
	struct rt_plan_term *terms;
	size_t na, nt;
	OK(f, rt_store_plan_sections_load(f->s, &a, f->plan, &ans, &na, &terms, &nt, &f->err));
	assert_int_equal(na, 23);   /* 22 questions + one motivation */
	assert_int_equal(nt, 1);
	assert_string_equal(terms[0].definition, "Planeringsförutsättningar");
	struct rt_plan p;
	OK(f, rt_store_plan_get(f->s, &a, f->plan, &p, &f->err));
	assert_int_equal(p.status, RT_PLAN_FOR_DECISION);
	rt_arena_release(&a);
}

static void test_frames_and_econ_followup(void **state)
{
	struct fx *f = *state;
	OK(f, rt_store_begin(f->s, "anna", &f->err));
	struct rt_period per = { 0, "2026-T1", RT_PERIOD_TERTIAL, 2026, 1, "2026-01-01", "2026-04-30", NULL };
	OK(f, rt_store_period_put(f->s, &per, &f->err));
	struct rt_budget_frame fr = { 0, f->hsn, 2026, -713000, "budget" };
	OK(f, rt_store_budget_frame_put(f->s, &fr, &f->err));
	struct rt_budget_frame fr2 = { 0, f->hsn, 2026, -715000, "budget" };
	OK(f, rt_store_budget_frame_put(f->s, &fr2, &f->err));
	assert_int_equal(fr2.id, fr.id);
	struct rt_budget_frame fr3 = { 0, f->run, 2027, -120000, "plan" };
	OK(f, rt_store_budget_frame_put(f->s, &fr3, &f->err));
	struct rt_econ_followup e = { 0, f->hsn, per.id, -250000, -240000, -715000, -735000, "Inhyrd personal" };
	OK(f, rt_store_econ_followup_put(f->s, &e, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	rt_arena a = RT_ARENA_INIT;
	struct rt_budget_frame *frames;
	size_t n;
	OK(f, rt_store_budget_frame_list(f->s, &a, 0, &frames, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(frames[0].amount_tkr, -715000);
	OK(f, rt_store_budget_frame_list(f->s, &a, f->run, &frames, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(frames[0].year, 2027);
	struct rt_econ_followup *ef;
	OK(f, rt_store_econ_followup_list(f->s, &a, per.id, &ef, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(rt_econ_deviation(&ef[0]), -10000);
	assert_int_equal(rt_econ_status(rt_econ_deviation(&ef[0]), ef[0].annual_budget_tkr, -1),
	                 RT_STATUS_PARTLY);
	assert_string_equal(ef[0].comment, "Inhyrd personal");
	rt_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cycle_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals_change_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checklist_blocks_for_decision, setup, teardown),
		cmocka_unit_test_setup_teardown(test_frames_and_econ_followup, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
