/* The planning process, board feedback, plan sections (§3.4 checklists,
 * introduction length, ordlista) and the economy rules of src/core, with
 * seed values: seed 002's phases and dates, seed 000's questions, seed
 * 001's investeringsbudget 2024. */
#include "test_util.h"
#include "core/economy.h"
#include "core/feedback.h"
#include "core/plan_sections.h"
#include "core/process.h"

#include <stdlib.h>
#include <string.h>

static void test_phase_at_and_progress(void **state)
{
	(void)state;
	struct rt_process_phase ph[] = {
		{ 1, 1, 1, "Förberedelser", "2025-10-01", "2026-01-31", "Ekonomidirektör", NULL },
		{ 2, 1, 2, "Planeringsförutsättningar (PF)", "2026-01-01", "2026-02-28", "Ekonomidirektör", NULL },
		{ 3, 1, 3, "Nämnderna behandlar PF och återkopplar", "2026-03-01", "2026-04-30", NULL, NULL },
	};
	assert_int_equal(rt_process_phase_at(ph, 3, "2026-02-10"), 1);
	assert_int_equal(rt_process_phase_at(ph, 3, "2026-01-15"), 1);  /* overlap: later start */
	assert_int_equal(rt_process_phase_at(ph, 3, "2025-11-01"), 0);
	assert_int_equal(rt_process_phase_at(ph, 3, "2026-06-01"), -1);
	struct rt_process_delivery d[] = {
		{ 1, 1, 10, "Hälso- och sjukvårdsnämnden", RT_DELIVERY_FEEDBACK, "2026-04-16",
		  RT_DELIVERY_DELIVERED, "2026-04-15" },
		{ 2, 1, 11, "Regionala utvecklingsnämnden", RT_DELIVERY_FEEDBACK, "2026-04-16",
		  RT_DELIVERY_IN_PROGRESS, NULL },
		{ 3, 1, 10, "Hälso- och sjukvårdsnämnden", RT_DELIVERY_OPERATIONAL, "2026-09-30",
		  RT_DELIVERY_NOT_STARTED, NULL },
	};
	size_t done, total;
	rt_process_progress(d, 3, RT_DELIVERY_FEEDBACK, &done, &total);
	assert_int_equal(done, 1);
	assert_int_equal(total, 2);
	rt_process_progress(d, 3, -1, &done, &total);
	assert_int_equal(total, 3);
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_process_check(ph, 3, d, 3, "2026-05-01", &f);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.items[0].rule, "phase_owner");
	assert_string_equal(f.items[1].rule, "delivery_late");
	assert_non_null(strstr(f.items[1].message, "Regionala utvecklingsnämnden"));
	assert_non_null(strstr(f.items[1].message, "2026-04-16"));
	rt_findings_release(&f);
}

static void test_meeting_needs_purpose_goal_participants(void **state)
{
	(void)state;
	struct rt_process_event e = { 0, 1, 0, RT_EVENT_MEETING, "Styrdialog", "2026-04-20",
	                              "Dialog om PF", NULL, "Nämnd och RSAU" };
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_process_event_check(&e, &err), RT_EINVAL);
	assert_non_null(strstr(err.msg, "saknar mål"));
	e.goal = "Gemensam bild av nämndens prioriteringar";
	assert_int_equal(rt_process_event_check(&e, &err), 0);
	struct rt_process_event m = { 0, 1, 0, RT_EVENT_MILESTONE, "Kickoff", "2026-02-10",
	                              NULL, NULL, NULL };
	assert_int_equal(rt_process_event_check(&m, &err), 0);
	m.on_date = "2026-02-30";
	assert_int_equal(rt_process_event_check(&m, &err), RT_EINVAL);
}

static void test_feedback_six_headings(void **state)
{
	(void)state;
	assert_string_equal(rt_feedback_heading_label(RT_FB_GOALS),
	                    "Nämndens bidrag till fullmäktiges mål och uppdrag");
	assert_string_equal(rt_feedback_heading_label(RT_FB_ECONOMY),
	                    "Nämndens plan för hållbar ekonomi och prioriteringar av resurser");
	assert_string_equal(rt_feedback_heading_label(RT_FB_RISK), "Risk- och känslighetsanalys");
	assert_int_equal(RT_FB_HEADING_COUNT, 7);
	struct rt_feedback_section s[] = {
		{ 1, 1, 10, RT_FB_GOALS, "Nämnden bidrar till målen." },
		{ 2, 1, 10, RT_FB_OTHER, "  " },
		{ 3, 1, 11, RT_FB_RISK, "Risk för kompetensbrist." },
	};
	struct rt_findings f = RT_FINDINGS_INIT;
	assert_int_equal(rt_feedback_check(s, 3, 10, "HSN", &f), 1);
	assert_int_equal(f.n, 6);
	assert_non_null(strstr(f.items[0].message, "Nämndens utvecklingsinsatser"));
	rt_findings_release(&f);
	enum rt_feedback_heading h;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_feedback_heading_parse("competence", &h, &err), 0);
	assert_int_equal(h, RT_FB_COMPETENCE);
	assert_int_equal(rt_feedback_heading_parse("kompetens", &h, &err), RT_EINVAL);
}

/* Answers every question of every perspective with `a`. */
static size_t answer_all(struct rt_checklist_answer *out, int64_t plan, enum rt_answer a)
{
	size_t n = 0;
	for (int p = 0; p < RT_PERSP_COUNT; p++) {
		const struct rt_perspective_def *d = rt_perspective_def((enum rt_perspective)p);
		for (int q = 1; q <= d->n_questions; q++) {
			memset(&out[n], 0, sizeof(out[n]));
			out[n].plan_id = plan;
			out[n].perspective = (enum rt_perspective)p;
			out[n].question = q;
			out[n].answer = a;
			n++;
		}
	}
	return n;
}

static void test_checklist_blocks_for_decision(void **state)
{
	(void)state;
	const struct rt_perspective_def *env = rt_perspective_def(RT_PERSP_ENVIRONMENT);
	assert_int_equal(env->n_questions, 9);
	assert_string_equal(env->questions[5], "medför mål och aktiviteter ökat behov av transporter ?");
	assert_string_equal(rt_perspective_def(RT_PERSP_CHILD)->questions[3],
	                    "Har barn och ungdom fått möjlighet att uttrycka sin mening?");
	assert_int_equal(rt_perspective_def(RT_PERSP_EQUALITY)->n_questions, 4);
	assert_int_equal(rt_perspective_def(RT_PERSP_ECONOMY)->n_questions, 4);
	assert_int_equal(rt_perspective_def(RT_PERSP_REGIONAL)->n_questions, 0);

	struct rt_plan plan = { 0 };
	plan.id = 5;
	plan.kind = RT_PLAN_ACTION;
	plan.status = RT_PLAN_DRAFT;
	plan.introduction = "Handlingsplanens syfte är att sänka sjukfrånvaron.";
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_plan_sections_check(&plan, NULL, 0, NULL, 0, &f);
	assert_int_equal(rt_findings_errors(&f), 5);   /* four unanswered + regional motivation */
	assert_string_equal(f.items[0].rule, "checklist_unanswered");
	assert_non_null(strstr(f.items[0].message, "3.4.1"));
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_plan_sections_status_ok(&plan, RT_PLAN_FOR_DECISION, &f, &err),
	                 RT_ECONFLICT);
	assert_non_null(strstr(err.msg, "kan inte gå till beslut"));
	rt_findings_release(&f);

	/* All "nej": not affected, so every perspective needs its motivation. */
	struct rt_checklist_answer a[40];
	size_t n = answer_all(a, 5, RT_ANSWER_NO);
	assert_int_equal(n, 22);
	rt_plan_sections_check(&plan, a, n, NULL, 0, &f);
	assert_int_equal(f.n, 5);
	assert_string_equal(f.items[2].rule, "checklist_motivation");
	assert_non_null(strstr(f.items[2].message, "Om planen inte har någon påverkan på miljön – motivera varför."));
	rt_findings_release(&f);

	/* One "ja" per perspective makes it affected; regional still needs text. */
	a[0].answer = RT_ANSWER_YES;          /* equality q1 */
	a[4].answer = RT_ANSWER_YES;          /* child q1 */
	a[9].answer = RT_ANSWER_YES;          /* environment q1 */
	a[18].answer = RT_ANSWER_NA;          /* economy q1 */
	assert_true(rt_perspective_not_affected(a, n, RT_PERSP_ECONOMY));
	a[n] = (struct rt_checklist_answer){ 0, 5, RT_PERSP_ECONOMY, 0, RT_ANSWER_NONE,
	                                    "Ryms inom befintlig ram." };
	a[n + 1] = (struct rt_checklist_answer){ 0, 5, RT_PERSP_REGIONAL, 0, RT_ANSWER_NONE, "" };
	rt_plan_sections_check(&plan, a, n + 2, NULL, 0, &f);
	assert_int_equal(f.n, 1);
	assert_non_null(strstr(f.items[0].message, "3.4.5 Regional utveckling"));
	rt_findings_release(&f);
	a[n + 1].motivation = "Planen stärker länets kompetensförsörjning.";
	rt_plan_sections_check(&plan, a, n + 2, NULL, 0, &f);
	assert_int_equal(f.n, 0);
	assert_int_equal(rt_plan_sections_status_ok(&plan, RT_PLAN_FOR_DECISION, &f, &err), 0);
	assert_int_equal(rt_plan_sections_status_ok(&plan, RT_PLAN_DECIDED, &f, &err), RT_ESTATE);
	rt_findings_release(&f);

	enum rt_answer ans;
	assert_int_equal(rt_answer_parse("Ej aktuellt", &ans, &err), 0);
	assert_int_equal(ans, RT_ANSWER_NA);
	assert_int_equal(rt_answer_parse("kanske", &ans, &err), RT_EINVAL);
	struct rt_checklist_answer bad = { 0, 5, RT_PERSP_EQUALITY, 5, RT_ANSWER_YES, NULL };
	assert_int_equal(rt_checklist_answer_check(&bad, &err), RT_EINVAL);
	assert_non_null(strstr(err.msg, "har 4 frågor"));
}

static void test_introduction_length_and_terms(void **state)
{
	(void)state;
	/* 3 500 characters of "å" (7 000 bytes) is exactly one page. */
	char *intro = malloc(2 * 3501 + 1);
	for (int i = 0; i < 3500; i++) memcpy(intro + 2 * i, "å", 2);
	intro[7000] = 0;
	struct rt_plan plan = { 0 };
	plan.id = 5;
	plan.kind = RT_PLAN_OPERATIONAL;   /* no checklists required */
	plan.introduction = intro;
	assert_int_equal(rt_utf8_chars(intro), 3500);
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_plan_sections_check(&plan, NULL, 0, NULL, 0, &f);
	assert_int_equal(f.n, 0);
	memcpy(intro + 7000, "a", 2);
	rt_plan_sections_check(&plan, NULL, 0, NULL, 0, &f);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.items[0].rule, "introduction_length");
	assert_non_null(strstr(f.items[0].message, "3501 tecken"));
	rt_findings_release(&f);
	free(intro);
	plan.introduction = "Kort.";
	struct rt_plan_term t[] = {
		{ 1, 5, 1, "PF", "Planeringsförutsättningar" },
		{ 2, 5, 2, "pf", "dubblett" },
		{ 3, 5, 3, "CLG", "" },
	};
	rt_plan_sections_check(&plan, NULL, 0, t, 3, &f);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.items[0].rule, "term_duplicate");
	assert_string_equal(f.items[1].rule, "term_blank");
	rt_findings_release(&f);
}

static void test_capital_sums_and_econ_status(void **state)
{
	(void)state;
	/* Seed 001 investeringsbudget (mnkr → tkr). */
	struct rt_budget_line l[] = {
		{ 1, 1, 0, 1, RT_BUDGET_CAPITAL, RT_BUDGET_DECIDED, "Bredbandsutbyggnad", 2024, 15000 },
		{ 2, 1, 0, 2, RT_BUDGET_CAPITAL, RT_BUDGET_DECIDED, "FVIS", 2024, 500 },
		{ 3, 1, 0, 3, RT_BUDGET_CAPITAL, RT_BUDGET_REINVESTMENT, "Möbler och utrustning, övrigt", 2024, 600 },
		{ 4, 1, 0, 4, RT_BUDGET_CAPITAL, RT_BUDGET_REINVESTMENT, "IT-utrustning", 2024, 95400 },
		{ 5, 1, 0, 5, RT_BUDGET_CAPITAL, RT_BUDGET_DECIDED, "Bredbandsutbyggnad", 2025, 20000 },
		{ 6, 1, 0, 6, RT_BUDGET_OPERATING, RT_BUDGET_INCOME, "Intäkter", 2024, 332000 },
	};
	assert_int_equal(rt_budget_capital_sum(l, 6, 2024, RT_BUDGET_DECIDED), 15500);
	assert_int_equal(rt_budget_capital_sum(l, 6, 2024, RT_BUDGET_REINVESTMENT), 96000);
	assert_int_equal(rt_budget_capital_sum(l, 6, 2024, RT_BUDGET_NEW_NEEDS), 0);
	assert_int_equal(rt_budget_capital_sum(l, 6, 2024, -1), 111500);
	assert_int_equal(rt_budget_capital_sum(l, 6, 2025, -1), 20000);

	struct rt_budget_frame fr[] = {
		{ 1, 10, 2024, -713000, "budget" }, { 2, 11, 2024, -120000, "budget" },
		{ 3, 10, 2025, -730000, "plan" },
	};
	size_t c;
	assert_int_equal(rt_budget_frame_total(fr, 3, 2024, &c), -833000);
	assert_int_equal(c, 2);

	struct rt_econ_followup e = { 1, 10, 3, -250000, -240000, -713000, -735000, NULL };
	assert_int_equal(rt_econ_deviation(&e), -10000);
	assert_int_equal(rt_econ_forecast_deviation(&e), -22000);
	assert_int_equal(rt_econ_status(rt_econ_deviation(&e), e.annual_budget_tkr, -1),
	                 RT_STATUS_PARTLY);
	assert_int_equal(rt_econ_status(5000, -713000, -1), RT_STATUS_ACHIEVED);
	assert_int_equal(rt_econ_status(0, -713000, -1), RT_STATUS_ACHIEVED);
	/* 10 % of 713 mnkr is 71,3 mnkr: inclusive edge, then one tkr past it. */
	assert_int_equal(rt_econ_status(-71300, -713000, -1), RT_STATUS_PARTLY);
	assert_int_equal(rt_econ_status(-71301, -713000, -1), RT_STATUS_NOT_ACHIEVED);
	assert_int_equal(rt_econ_status(-10000, -713000, 1.0), RT_STATUS_NOT_ACHIEVED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phase_at_and_progress),
		cmocka_unit_test(test_meeting_needs_purpose_goal_participants),
		cmocka_unit_test(test_feedback_six_headings),
		cmocka_unit_test(test_checklist_blocks_for_decision),
		cmocka_unit_test(test_introduction_length_and_terms),
		cmocka_unit_test(test_capital_sums_and_econ_status),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
