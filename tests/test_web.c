/* The web UI's renderers (src/web) on the demo database: each page type
 * with real content from the seeds (plan titles, Regionstyrelsen, the
 * seed-003 sjukfrånvaro indicator and its outcome 5,4 % against ≤ 4,6 %),
 * statuses as symbol + words, a label on every input, saving outcomes
 * (status recomputed; bad input saves nothing), the live status preview,
 * search with Swedish case folding, escaping of a <script> in a title and
 * the embedded static files. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/demo.h"
#include "store/store.h"
#include "web/web.h"

struct fx {
	char *path;
	rt_store *s;
	rt_err err;
	rt_buf out;
	int64_t plan;   /* Regionstyrelsens verksamhetsplan 2021 (seed 003) */
	int64_t ind;    /* Sjukfrånvaron ska vara lägre än utsatt målvärde */
	int64_t goal;   /* its goal */
};

#define OK(f, call)                                                          \
	do {                                                                 \
		int rc_ = (call);                                            \
		if (rc_ != 0)                                                \
			fail_msg("%s: %d %s", #call, rc_, (f)->err.msg);     \
	} while (0)

#define HAS(f, needle)                                                       \
	do {                                                                 \
		if (!strstr((f)->out.buf, (needle)))                         \
			fail_msg("missing in page: %s", (needle));           \
	} while (0)

#define HASNT(f, needle)                                                     \
	do {                                                                 \
		if (strstr((f)->out.buf, (needle)))                          \
			fail_msg("unexpected in page: %s", (needle));        \
	} while (0)

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->path = rt_test_db("web.db");
	rt_buf_init(&f->out, 0);
	if (rt_store_open(&f->s, f->path, RT_STORE_OPEN_CREATE, &f->err) != 0)
		return -1;
	struct rt_import_stats st;
	memset(&st, 0, sizeof(st));
	if (rt_demo_load(f->s, &st, &f->err) != 0 ||
	    rt_store_find_key(f->s, "plan", "rjh-rs-vp-2021", &f->plan, &f->err) != 0 ||
	    rt_store_find_key(f->s, "indicator", "rjh-rs-2021-sjukfranvaro-ind", &f->ind, &f->err) != 0) {
		fprintf(stderr, "setup: %s\n", f->err.msg);
		return -1;
	}
	rt_arena a = RT_ARENA_INIT;
	struct rt_indicator ind;
	if (rt_store_indicator_get(f->s, &a, f->ind, &ind, &f->err) != 0)
		return -1;
	f->goal = ind.goal_id;
	rt_arena_release(&a);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	rt_store_close(f->s);
	remove(f->path);
	free(f->path);
	rt_buf_release(&f->out);
	free(f);
	return 0;
}

/* Common to every page: Swedish, skip link, main landmark, search box with
 * a label, the stylesheet and script from /static, no inline script/style. */
static void assert_layout(struct fx *f)
{
	HAS(f, "<html lang=\"sv\">");
	HAS(f, "<a class=\"skip\" href=\"#innehall\">Hoppa till innehållet</a>");
	HAS(f, "<main id=\"innehall\"");
	HAS(f, "<label for=\"sok-topp\">Sök mål och indikatorer</label>");
	HAS(f, "<script src=\"/static/app.js\" defer></script>");
	HASNT(f, "style=\"");
	HASNT(f, "<style");
	HASNT(f, "<script>");
	HAS(f, "</html>\n");
}

static void test_start(void **state)
{
	struct fx *f = *state;
	OK(f, rt_web_start(f->s, &f->out, &f->err));
	assert_layout(f);
	HAS(f, "<a href=\"/plan/6\">Regionstyrelsens verksamhetsplan 2021</a>");
	HAS(f, "Regionplan 2016");
	HAS(f, "<caption>Region Halland</caption>");
	HAS(f, "<caption>Region Västernorrland</caption>");
	/* the seed-003 summary: 36 indicators of Regionstyrelsen in 2021-T1 */
	HAS(f, "Måluppfyllelse för mätetalen per april 2021 (2021-T1)");
	HAS(f, "<th scope=\"row\">Regionstyrelsen<span class=\"meta\"> – Region Jämtland Härjedalen"
	       "</span><br><a href=\"/plan/6\">Regionstyrelsens verksamhetsplan 2021</a> · "
	       "<a href=\"/plan/6/utfall/2021-T1\">Mata in utfall</a></th>");
	HAS(f, "<span class=\"sym\">●</span> Uppfyllt");
	HAS(f, "<span class=\"sym\">◆</span> Delvis uppfyllt");
	HAS(f, "<span class=\"sym\">■</span> Ej uppfyllt");
	HAS(f, "<td class=\"num\">11</td><td class=\"num\">4</td><td class=\"num\">20</td>"
	       "<td class=\"num\">1</td>");
}

static void test_plan(void **state)
{
	struct fx *f = *state;
	OK(f, rt_web_plan(f->s, f->plan, &f->out, &f->err));
	assert_layout(f);
	HAS(f, "<h1>Regionstyrelsens verksamhetsplan 2021</h1>");
	HAS(f, "<dt>Ägare</dt><dd>Regionstyrelsen</dd>");
	HAS(f, "<a href=\"/plan/6/utfall/2021-T1\">Mata in utfall för 2021-T1</a>");
	HAS(f, "<ul class=\"tree\">");
	HAS(f, "<span class=\"kind\">Målområde</span>");
	HAS(f, "Sjukfrånvaron ska vara lägre än utsatt målvärde <span class=\"meta\">(Målvärde "
	       "2021: 4,6 %)</span>");
	HAS(f, "<h2 id=\"granskning\">Granskning</h2>");
	HAS(f, "<caption>Fel och varningar</caption>");
	HAS(f, "<td class=\"warning\">Varning</td><td>Mätetal: <a href=\"/mal/");

	rt_buf_reset(&f->out);
	rt_err_clear(&f->err);
	assert_int_equal(rt_web_plan(f->s, 9999, &f->out, &f->err), RT_ENOTFOUND);
	assert_string_equal(f->err.msg, "Planen med id 9999 finns inte");
}

static void test_plan_changes(void **state)
{
	struct fx *f = *state;
	struct rt_plan_change c = { 0 };
	c.plan_id = f->plan;
	c.version = 2;
	c.date = "2021-03-01";
	c.change = "Nytt mätetal <sjukfrånvaro>";
	c.decided_by = "Regionstyrelsen";
	OK(f, rt_store_begin(f->s, "test", &f->err));
	OK(f, rt_store_plan_change_put(f->s, &c, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	OK(f, rt_web_plan(f->s, f->plan, &f->out, &f->err));
	HAS(f, "<h2>Ändringsförteckning</h2>");
	HAS(f, "<tr><td class=\"num\">2</td><td>2021-03-01</td><td>Nytt mätetal &lt;sjukfrånvaro&gt;"
	       "</td><td>Regionstyrelsen</td></tr>");
}

static void test_goal(void **state)
{
	struct fx *f = *state;
	OK(f, rt_web_goal(f->s, f->goal, &f->out, &f->err));
	assert_layout(f);
	HAS(f, "<h2>Målkedja</h2>");
	HAS(f, "<a href=\"/plan/6\">Regionstyrelsens verksamhetsplan 2021</a>");
	HAS(f, "<h3>Sjukfrånvaron ska vara lägre än utsatt målvärde</h3>");
	HAS(f, "<caption>Utfall per period</caption>");
	HAS(f, "<th scope=\"row\">2021-T1</th><td class=\"num\">5,4 %</td><td class=\"num\">4,6 %"
	       "</td><td><span class=\"status status-not-achieved\"><span class=\"sym\">■</span> "
	       "Ej uppfyllt</span>");

	/* the goal area above it has the recorded assessment of seed 003 */
	int64_t area;
	OK(f, rt_store_find_key(f->s, "goal", "rjh-rs-2021-halsoframjande-arbetsmiljo", &area, &f->err));
	rt_buf_reset(&f->out);
	OK(f, rt_web_goal(f->s, area, &f->out, &f->err));
	HAS(f, "<h2>Bedömning</h2>\n<dl class=\"assessments\">\n<dt>2021-T1: <span class=\"status "
	       "status-partly\"><span class=\"sym\">◆</span> Delvis uppfyllt</span></dt>\n"
	       "<dd>Sjukfrånvaron är fortsatt högre än målvärdet.");
	rt_buf_reset(&f->out);
	assert_int_equal(rt_web_goal(f->s, 999999, &f->out, &f->err), RT_ENOTFOUND);
}

/* A second tertial with an outcome: the goal page gets the trend chart
 * (report/trend_chart.h SVG) and the table runs oldest first. */
static void test_goal_trend(void **state)
{
	struct fx *f = *state;
	struct rt_period p = { 0 };
	p.key = "2021-T2";
	p.kind = RT_PERIOD_TERTIAL;
	p.year = 2021;
	p.number = 2;
	p.start_date = "2021-01-01";
	p.end_date = "2021-08-31";
	struct rt_outcome o = { 0 };
	o.indicator_id = f->ind;
	o.text = "5,0 %";
	OK(f, rt_value_parse(o.text, &o.value, &f->err));
	OK(f, rt_store_begin(f->s, "test", &f->err));
	OK(f, rt_store_period_put(f->s, &p, &f->err));
	o.period_id = p.id;
	OK(f, rt_store_outcome_put(f->s, &o, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));

	OK(f, rt_web_goal(f->s, f->goal, &f->out, &f->err));
	HAS(f, "<figure class=\"chart\">\n<svg class=\"trend\"");
	const char *t1 = strstr(f->out.buf, "<th scope=\"row\">2021-T1</th>");
	const char *t2 = strstr(f->out.buf, "<th scope=\"row\">2021-T2</th><td class=\"num\">5,0 %</td>");
	assert_non_null(t1);
	assert_non_null(t2);
	assert_true(t1 < t2);
	/* the latest period is now the start page's summary period */
	rt_buf_reset(&f->out);
	OK(f, rt_web_start(f->s, &f->out, &f->err));
	HAS(f, "per augusti 2021 (2021-T2)");
}

static void test_goal_chain_seed000(void **state)
{
	struct fx *f = *state;
	int64_t id;
	OK(f, rt_store_find_key(f->s, "goal", "rjh-ap-2016-sjukfranvaro", &id, &f->err));
	OK(f, rt_web_goal(f->s, id, &f->out, &f->err));
	/* up the chain from the action plan to the regionplan, top first */
	HAS(f, "<ol class=\"chain\">");
	HAS(f, "<span class=\"meta\">(Regionplan 2016)</span>");
	HAS(f, "<li class=\"self\" aria-current=\"true\">");
}

static void test_outcome_form(void **state)
{
	struct fx *f = *state;
	OK(f, rt_web_outcomes(f->s, f->plan, "2021-T1", -1, &f->out, &f->err));
	assert_layout(f);
	HAS(f, "<h1>Utfall för 2021-T1</h1>");
	HAS(f, "<form class=\"outcomes\" method=\"post\" action=\"/plan/6/utfall/2021-T1\">");
	char want[512];
	long long id = (long long)f->ind;
	snprintf(want, sizeof(want), "<label class=\"vh\" for=\"utfall-%lld\">Utfall för Sjukfrånvaron "
	         "ska vara lägre än utsatt målvärde</label><input type=\"text\" id=\"utfall-%lld\" "
	         "name=\"utfall-%lld\" value=\"5,4 %%\"", id, id, id);
	HAS(f, want);
	snprintf(want, sizeof(want), "<label class=\"vh\" for=\"kommentar-%lld\">Kommentar till ", id);
	HAS(f, want);
	snprintf(want, sizeof(want), "<output id=\"status-%lld\" for=\"utfall-%lld\" aria-live=\"polite\">"
	         "<span class=\"status status-not-achieved\"><span class=\"sym\">■</span> Ej uppfyllt",
	         id, id);
	HAS(f, want);
	HAS(f, "<caption>Mätetal, målvärde 2021, utfall och kommentar</caption>");
	/* every input and textarea has a label with its id */
	size_t inputs = 0, labels = 0;
	for (const char *p = f->out.buf; (p = strstr(p, "<input type=\"text\" id=\"")); p++)
		inputs++;
	for (const char *p = f->out.buf; (p = strstr(p, "<textarea id=\"")); p++)
		inputs++;
	for (const char *p = f->out.buf; (p = strstr(p, "<label class=\"vh\" for=\"")); p++)
		labels++;
	assert_true(inputs >= 36);
	assert_int_equal(inputs, labels);

	rt_buf_reset(&f->out);
	assert_int_equal(rt_web_outcomes(f->s, f->plan, "2099-T1", -1, &f->out, &f->err), RT_ENOTFOUND);
	assert_string_equal(f->err.msg, "Perioden '2099-T1' finns inte");
	int64_t rp2016;
	OK(f, rt_store_find_key(f->s, "plan", "rjh-rp-2016", &rp2016, &f->err));
	assert_int_equal(rt_web_outcomes(f->s, rp2016, "2021-T1", -1, &f->out, &f->err), RT_ENOTFOUND);
	assert_string_equal(f->err.msg, "Perioden 2021-T1 ligger utanför planens giltighetstid (2016)");
}

static void test_outcome_save(void **state)
{
	struct fx *f = *state;
	char name[64], cname[64];
	snprintf(name, sizeof(name), "utfall-%lld", (long long)f->ind);
	snprintf(cname, sizeof(cname), "kommentar-%lld", (long long)f->ind);

	/* bad value: nothing saved, the form comes back with the message */
	struct rt_web_param bad[] = { { name, "fem procent" }, { cname, "Ny kommentar" } };
	int saved = -1;
	assert_int_equal(rt_web_outcomes_save(f->s, f->plan, "2021-T1", bad, 2, "test", &saved,
	                                      &f->out, &f->err), RT_EINVAL);
	assert_int_equal(saved, 0);
	HAS(f, "Inget sparades: 1 fält att rätta");
	HAS(f, "value=\"fem procent\"");
	HAS(f, "aria-invalid=\"true\"");
	rt_arena a = RT_ARENA_INIT;
	struct rt_outcome o;
	int64_t period;
	OK(f, rt_store_find_key(f->s, "period", "2021-T1", &period, &f->err));
	OK(f, rt_store_outcome_find(f->s, &a, f->ind, period, RT_GENDER_TOTAL, 0, &o, &f->err));
	assert_string_equal(o.text, "5,4 %");

	/* 4,2 % against ≤ 4,6 % (lower is better): ● uppfyllt */
	struct rt_web_param good[] = { { "annat", "x" }, { name, "4,2 %" }, { cname, "Bättre" } };
	rt_buf_reset(&f->out);
	OK(f, rt_web_outcomes_save(f->s, f->plan, "2021-T1", good, 3, "test", &saved, NULL, &f->err));
	assert_int_equal(saved, 1);
	OK(f, rt_store_outcome_find(f->s, &a, f->ind, period, RT_GENDER_TOTAL, 0, &o, &f->err));
	assert_string_equal(o.text, "4,2 %");
	assert_string_equal(o.comment, "Bättre");
	assert_int_equal(o.status, RT_STATUS_ACHIEVED);
	assert_int_equal(o.computed_status, RT_STATUS_ACHIEVED);
	assert_string_equal(o.entered_by, "test");

	/* the same again changes nothing */
	OK(f, rt_web_outcomes_save(f->s, f->plan, "2021-T1", good, 3, "test", &saved, NULL, &f->err));
	assert_int_equal(saved, 0);

	OK(f, rt_web_outcomes(f->s, f->plan, "2021-T1", 1, &f->out, &f->err));
	HAS(f, "<p class=\"notice\" role=\"status\">1 utfall sparade.</p>");
	HAS(f, "value=\"4,2 %\"");
	HAS(f, "<span class=\"sym\">●</span> Uppfyllt</span></output>");
	rt_arena_release(&a);
}

static void test_status_preview(void **state)
{
	struct fx *f = *state;
	OK(f, rt_web_status_preview(f->s, f->ind, "2021-T1", "4,9 %", &f->out, &f->err));
	/* 4,9 misses 4,6 by 6,5 %: inside the 10 % band */
	assert_string_equal(f->out.buf, "{\"status\":\"partly\",\"symbol\":\"◆\",\"label\":\"Delvis "
	                                "uppfyllt\",\"text\":\"Inom toleransen\"}");
	rt_buf_reset(&f->out);
	OK(f, rt_web_status_preview(f->s, f->ind, "2021-T1", "6 %", &f->out, &f->err));
	HAS(f, "\"status\":\"not_achieved\",\"symbol\":\"■\"");
	rt_buf_reset(&f->out);
	OK(f, rt_web_status_preview(f->s, f->ind, "2021-T1", "mycket", &f->out, &f->err));
	HAS(f, "\"status\":\"invalid\"");
	rt_buf_reset(&f->out);
	assert_int_equal(rt_web_status_preview(f->s, 999999, "2021-T1", "1", &f->out, &f->err),
	                 RT_ENOTFOUND);
}

static void test_report(void **state)
{
	struct fx *f = *state;
	OK(f, rt_web_report(f->s, NULL, &f->out, &f->err));
	assert_layout(f);
	HAS(f, "<h1>Sammanställd måluppfyllelse per april 2021</h1>");
	HAS(f, "<a href=\"/api/v1/reports/2021-T1?format=xlsx\" download>Excel (XLSX)</a>");
	HAS(f, "<a href=\"/api/v1/reports/2021-T1?format=pdf\" download>PDF</a>");
	HAS(f, "format=docx");
	HAS(f, "<h2>Regionstyrelsen – Region Jämtland Härjedalen</h2>");
	rt_buf_reset(&f->out);
	assert_int_equal(rt_web_report(f->s, "1999-T1", &f->out, &f->err), RT_ENOTFOUND);
}

static void test_search(void **state)
{
	struct fx *f = *state;
	OK(f, rt_web_search(f->s, "SJUKFRÅNVARON", &f->out, &f->err));
	assert_layout(f);
	HAS(f, "value=\"SJUKFRÅNVARON\"");
	char want[256];
	snprintf(want, sizeof(want), "<li><a href=\"/mal/%lld\">Sjukfrånvaron ska vara lägre än utsatt "
	         "målvärde</a>", (long long)f->goal);
	HAS(f, want);
	rt_buf_reset(&f->out);
	OK(f, rt_web_search(f->s, "<script>x</script>", &f->out, &f->err));
	HAS(f, "value=\"&lt;script&gt;x&lt;/script&gt;\"");
	HAS(f, "0 träffar");
	HASNT(f, "<script>x");
	rt_buf_reset(&f->out);
	OK(f, rt_web_search(f->s, NULL, &f->out, &f->err));
	HASNT(f, "träffar");
}

static void test_escaping(void **state)
{
	struct fx *f = *state;
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan p;
	OK(f, rt_store_plan_get(f->s, &a, f->plan, &p, &f->err));
	p.title = "Plan <script>alert(\"x\")</script> & co";
	OK(f, rt_store_begin(f->s, "test", &f->err));
	OK(f, rt_store_plan_put(f->s, &p, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	OK(f, rt_web_plan(f->s, f->plan, &f->out, &f->err));
	HAS(f, "<h1>Plan &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</h1>");
	HAS(f, "<title>Plan &lt;script&gt;");
	HASNT(f, "<script>alert");
	rt_buf_reset(&f->out);
	OK(f, rt_web_start(f->s, &f->out, &f->err));
	HAS(f, "Plan &lt;script&gt;");
	HASNT(f, "<script>alert");
	rt_arena_release(&a);
}

static void test_static_and_errors(void **state)
{
	struct fx *f = *state;
	size_t len = 0;
	const char *type = NULL;
	const char *css = rt_web_static("app.css", &len, &type);
	assert_non_null(css);
	assert_string_equal(type, "text/css; charset=utf-8");
	assert_int_equal(strlen(css), len);
	assert_non_null(strstr(css, "@media print"));
	const char *js = rt_web_static("app.js", &len, &type);
	assert_non_null(js);
	assert_non_null(strstr(js, "/utfall/status"));
	assert_null(rt_web_static("../app.css", NULL, NULL));
	assert_null(rt_web_static("nope.css", NULL, NULL));

	rt_web_error_page(404, "Sidan <finns> inte.", &f->out);
	assert_layout(f);
	HAS(f, "<h1>Sidan finns inte</h1>");
	HAS(f, "Sidan &lt;finns&gt; inte.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_start, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_goal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_goal_trend, setup, teardown),
		cmocka_unit_test_setup_teardown(test_goal_chain_seed000, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outcome_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outcome_save, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_preview, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escaping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_static_and_errors, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
