/* The main menu, the plan page's links and the economy page (src/web:
 * layout.c, page_plan.c, page_economy.c) over the demo database: Årshjul
 * in the menu and marked as the current page on /arshjul, the plan page
 * linking to its §3.4 checklists and its document in html/docx/pdf, and
 * /ekonomi showing frames and a follow-up written through the store with
 * exact Swedish amounts (U+00A0 between thousands) and ● ◆ ■ in words,
 * and the region's default tolerance deciding the shown ◆/■ of outcomes. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/demo.h"
#include "core/plan_doc.h"
#include "web/web_economy.h"
#include "web/web_process.h"

#define NBSP "\xc2\xa0"

struct fx {
	char *path;
	rt_store *s;
	rt_err err;
	int64_t plan, hsn, run;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->path = rt_test_db("web_nav.db");
	*state = f;
	if (rt_store_open(&f->s, f->path, RT_STORE_OPEN_CREATE, &f->err) != 0 ||
	    rt_demo_load(f->s, NULL, &f->err) != 0 ||
	    rt_store_find_key(f->s, "plan", "rjh-ap-2016-attraktiv-arbetsgivare", &f->plan,
	                      &f->err) != 0 ||
	    rt_store_find_key(f->s, "org_unit", "rvb-hsn", &f->hsn, &f->err) != 0 ||
	    rt_store_find_key(f->s, "org_unit", "rvb-run", &f->run, &f->err) != 0)
		return -1;
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

#define HAS(h, s) assert_non_null(strstr((h), (s)))

static void test_menu(void **state)
{
	struct fx *f = *state;
	rt_buf b = RT_BUF_INIT;
	assert_int_equal(rt_web_process(f->s, NULL, &b, &f->err), 0);
	HAS(b.buf, "<a href=\"/arshjul\" aria-current=\"page\">Årshjul</a>");
	HAS(b.buf, "<a href=\"/ekonomi\">Ekonomi</a>");
	HAS(b.buf, "<a href=\"/\">Start</a>");
	rt_buf_release(&b);

	assert_int_equal(rt_web_start(f->s, &b, &f->err), 0);
	HAS(b.buf, "<a href=\"/arshjul\">Årshjul</a>");
	HAS(b.buf, "<a href=\"/\" aria-current=\"page\">Start</a>");
	rt_buf_release(&b);
}

static void test_plan_links(void **state)
{
	struct fx *f = *state;
	rt_buf b = RT_BUF_INIT;
	char want[160];
	assert_int_equal(rt_web_plan(f->s, f->plan, &b, &f->err), 0);
	long long id = (long long)f->plan;
	snprintf(want, sizeof(want),
	         "<a href=\"/plan/%lld/checklista\">Perspektivanalyser (checklistor)</a>", id);
	HAS(b.buf, want);
	snprintf(want, sizeof(want),
	         "<a href=\"/api/v1/plans/%lld/document?format=html\">Plandokument (HTML)</a>", id);
	HAS(b.buf, want);
	snprintf(want, sizeof(want),
	         "<a href=\"/api/v1/plans/%lld/document?format=docx\">Plandokument (Word, DOCX)</a>",
	         id);
	HAS(b.buf, want);
	snprintf(want, sizeof(want),
	         "<a href=\"/api/v1/plans/%lld/document?format=pdf\">Plandokument (PDF)</a>", id);
	HAS(b.buf, want);
	rt_buf_release(&b);
}

static void test_economy_empty(void **state)
{
	struct fx *f = *state;
	rt_buf b = RT_BUF_INIT;
	/* the demo has no economy data (runs before test_economy adds some) */
	assert_int_equal(rt_web_economy(f->s, &b, &f->err), 0);
	HAS(b.buf, "<h1>Ekonomi</h1>");
	HAS(b.buf, "<a href=\"/ekonomi\" aria-current=\"page\">Ekonomi</a>");
	HAS(b.buf, "<p>Inga budgetramar är registrerade.</p>");
	HAS(b.buf, "<p>Ingen ekonomisk uppföljning är registrerad.</p>");
	rt_buf_release(&b);
}

static void put_frame(struct fx *f, int64_t org, int year, int64_t tkr, const char *note)
{
	struct rt_budget_frame fr = { .org_unit_id = org, .year = year, .amount_tkr = tkr,
	                              .note = (char *)note };
	assert_int_equal(rt_store_budget_frame_put(f->s, &fr, &f->err), 0);
}

static size_t count(const char *h, const char *needle)
{
	size_t n = 0;
	for (const char *p = h; (p = strstr(p, needle)); p++) n++;
	return n;
}

static void test_economy(void **state)
{
	struct fx *f = *state;
	int64_t period;
	assert_int_equal(rt_store_find_key(f->s, "period", "2021-T1", &period, &f->err), 0);
	assert_int_equal(rt_store_begin(f->s, "test", &f->err), 0);
	put_frame(f, f->hsn, 2026, -713000, "budget");
	put_frame(f, f->hsn, 2027, -1234500, "plan");
	put_frame(f, f->run, 2026, -95400, NULL);
	struct rt_econ_followup e = {
		.org_unit_id = f->hsn, .period_id = period, .result_tkr = -12000,
		.budget_tkr = -10000, .annual_budget_tkr = -30000, .forecast_tkr = -36000,
		.comment = "Inhyrd personal <dyr>",
	};
	assert_int_equal(rt_store_econ_followup_put(f->s, &e, &f->err), 0);
	assert_int_equal(rt_store_commit(f->s, &f->err), 0);

	rt_buf b = RT_BUF_INIT;
	assert_int_equal(rt_web_economy(f->s, &b, &f->err), 0);
	const char *h = b.buf;
	assert_int_equal(count(h, "<h1"), 1);
	HAS(h, "<thead><tr><th scope=\"col\">Nämnd</th><th scope=\"col\" class=\"num\">2026</th>"
	       "<th scope=\"col\" class=\"num\">2027</th></tr></thead>");
	HAS(h, "<tr><th scope=\"row\">Hälso- och sjukvårdsnämnden</th>"
	       "<td class=\"num\">-713,0 <span class=\"meta\">(budget)</span></td>"
	       "<td class=\"num\">-1" NBSP "234,5 <span class=\"meta\">(plan)</span></td></tr>");
	HAS(h, "<tr><th scope=\"row\">Regionala utvecklingsnämnden</th>"
	       "<td class=\"num\">-95,4</td><td class=\"num\">–</td></tr>");
	/* the sum is computed: -713,0 + -95,4 */
	HAS(h, "<tfoot><tr><th scope=\"row\">Summa</th><td class=\"num\">-808,4</td>"
	       "<td class=\"num\">-1" NBSP "234,5</td></tr></tfoot>");
	/* deviation -2,0 of a budget of 30 mnkr: within 10 % → ◆; forecast
	 * -36 against -30: -6,0 (20 %) → ■ */
	HAS(h, "<tr><th scope=\"row\">2021-T1</th><td>Hälso- och sjukvårdsnämnden</td>"
	       "<td class=\"num\">-12,0</td>"
	       "<td class=\"num\">-2,0</td><td><span class=\"status status-partly\">"
	       "<span class=\"sym\">◆</span> Delvis uppfyllt</span></td>"
	       "<td class=\"num\">-6,0</td><td><span class=\"status status-not-achieved\">"
	       "<span class=\"sym\">■</span> Ej uppfyllt</span></td>"
	       "<td>Inhyrd personal &lt;dyr&gt;</td></tr>");
	assert_null(strstr(h, "<dyr>"));
	assert_null(strstr(h, "style="));
	rt_buf_release(&b);

	/* the region's own tolerance decides the ◆ band: at 5 % the -2,0 is ■ */
	assert_int_equal(rt_store_begin(f->s, "test", &f->err), 0);
	assert_int_equal(rt_store_setting_put(f->s, f->hsn, "default_tolerance", "5", &f->err), 0);
	assert_int_equal(rt_store_commit(f->s, &f->err), 0);
	assert_int_equal(rt_web_economy(f->s, &b, &f->err), 0);
	HAS(b.buf, "<td class=\"num\">-2,0</td><td><span class=\"status status-not-achieved\">");
	assert_null(strstr(b.buf, "status-partly"));
	rt_buf_release(&b);
}

/* The shown status of an outcome without a recorded status follows the
 * region's default tolerance (rt_web_shown_status): the demo's
 * trakasserier indicator is ◆ within the built-in 10 %, ■ at 0 %, on the
 * outcome form and on the goal page. */
static void check_shown(struct fx *f, int64_t plan, int64_t goal, const char *want_form,
                         size_t want_goal_partly)
{
	rt_buf b = RT_BUF_INIT;
	assert_int_equal(rt_web_outcomes(f->s, plan, "2021-T1", -1, &b, &f->err), 0);
	HAS(b.buf, want_form);
	rt_buf_release(&b);
	assert_int_equal(rt_web_goal(f->s, goal, &b, &f->err), 0);
	assert_int_equal(count(b.buf, "status-partly"), want_goal_partly);
	rt_buf_release(&b);
}

static void test_shown_status_tolerance(void **state)
{
	struct fx *f = *state;
	int64_t plan, ind;
	assert_int_equal(rt_store_find_key(f->s, "plan", "rjh-rs-vp-2021", &plan, &f->err), 0);
	assert_int_equal(rt_store_find_key(f->s, "indicator", "rjh-rs-2021-inga-trakasserier", &ind,
	                                   &f->err), 0);
	struct rt_plan_doc d;
	rt_plan_doc_init(&d);
	assert_int_equal(rt_store_indicator_load(f->s, ind, &d, &f->err), 0);
	assert_int_equal(d.n_indicators, 1);
	int64_t goal = d.indicators[0].goal_id;
	rt_plan_doc_release(&d);

	char want[200];
	long long id = (long long)ind;
	snprintf(want, sizeof(want), "<output id=\"status-%lld\" for=\"utfall-%lld\" "
	         "aria-live=\"polite\"><span class=\"status status-partly\">", id, id);
	rt_buf b = RT_BUF_INIT;
	assert_int_equal(rt_web_goal(f->s, goal, &b, &f->err), 0);
	size_t partly = count(b.buf, "status-partly");
	rt_buf_release(&b);
	assert_true(partly >= 1);
	check_shown(f, plan, goal, want, partly);

	assert_int_equal(rt_store_begin(f->s, "test", &f->err), 0);
	assert_int_equal(rt_store_setting_put(f->s, 0, "default_tolerance", "0", &f->err), 0);
	assert_int_equal(rt_store_commit(f->s, &f->err), 0);
	snprintf(want, sizeof(want), "<output id=\"status-%lld\" for=\"utfall-%lld\" "
	         "aria-live=\"polite\"><span class=\"status status-not-achieved\">", id, id);
	check_shown(f, plan, goal, want, partly - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_menu),
		cmocka_unit_test(test_plan_links),
		cmocka_unit_test(test_economy_empty),
		cmocka_unit_test(test_economy),
		cmocka_unit_test(test_shown_status_tolerance),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
