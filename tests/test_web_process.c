/* The årshjul page and the checklist form (src/web/page_process.c,
 * page_checklist.c) rendered over the demo database: seed 002's phases,
 * dates and deliveries, the SVG wheel with one arc per phase, the seed's
 * exact questions as radio groups, saving answers (and refusing a bad one
 * with nothing saved). */
#include "test_util.h"

#include <stdlib.h>
#include <string.h>

#include "ingest/demo.h"
#include "web/web_process.h"

struct fx {
	char *path;
	rt_store *s;
	rt_err err;
	int64_t plan;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->path = rt_test_db("web_process.db");
	*state = f;
	if (rt_store_open(&f->s, f->path, RT_STORE_OPEN_CREATE, &f->err) != 0 ||
	    rt_demo_load(f->s, NULL, &f->err) != 0 ||
	    rt_store_find_key(f->s, "plan", "rjh-ap-2016-attraktiv-arbetsgivare", &f->plan,
	                      &f->err) != 0)
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

static size_t count(const char *h, const char *needle)
{
	size_t n = 0;
	for (const char *p = h; (p = strstr(p, needle)); p++) n++;
	return n;
}

static void test_arshjul(void **state)
{
	struct fx *f = *state;
	rt_buf b = RT_BUF_INIT;
	assert_int_equal(rt_web_process(f->s, NULL, &b, &f->err), 0);
	const char *h = b.buf;
	assert_non_null(strstr(h, "<h1>Planerings- och budgetprocess 2026</h1>"));
	assert_non_null(strstr(h, "<title id=\"hjul-titel\">Årshjul 2026</title>"));
	assert_int_equal(count(h, "stroke-width=\"20\""), 7);              /* one arc per phase */
	char *tl = strdup(strstr(h, "<ol class=\"timeline\">"));
	*strstr(tl, "</ol>") = 0;
	assert_int_equal(count(tl, "<li"), 7);
	free(tl);
	assert_non_null(strstr(h, "<strong>Planeringsförutsättningar (PF)</strong>"));
	assert_non_null(strstr(h, "1 januari 2026 – 28 februari 2026. Processägare: Ekonomidirektören"));
	assert_non_null(strstr(h, "<td>10 februari 2026</td><th scope=\"row\">Milstolpe: Kickoff"));
	assert_non_null(strstr(h, "<td>9 mars 2026</td><th scope=\"row\">Milstolpe: PF beslutas i regionstyrelsen"));
	assert_non_null(strstr(h, "<td>16 april 2026</td>"));
	assert_non_null(strstr(h, "<td>30 september 2026</td><th scope=\"row\">Milstolpe: VP klar"));
	assert_non_null(strstr(h, "<li>Verksamhetsplan: 2 av 2 levererade</li>"));
	assert_non_null(strstr(h, "href=\"/api/v1/process/calendar.ics?year=2026\""));
	assert_null(strstr(h, "style="));   /* CSP: no inline style */
	rt_buf_release(&b);
	assert_int_equal(rt_web_process(f->s, "2019", &b, &f->err), RT_ENOTFOUND);
	assert_int_equal(rt_web_process(f->s, "år", &b, &f->err), RT_EINVAL);
	rt_buf_release(&b);
}

static void test_checklist_form(void **state)
{
	struct fx *f = *state;
	rt_buf b = RT_BUF_INIT;
	assert_int_equal(rt_web_checklist(f->s, f->plan, false, &b, &f->err), 0);
	assert_non_null(strstr(b.buf, "Planen kan inte gå till beslut än (5 kvar)"));
	assert_non_null(strstr(b.buf, "<legend>4. Har barn och ungdom fått möjlighet att uttrycka "
	                              "sin mening?</legend>"));
	assert_non_null(strstr(b.buf, "<label><input type=\"radio\" name=\"svar-environment-6\" "
	                              "value=\"not_applicable\"> Ej aktuellt</label>"));
	assert_int_equal(count(b.buf, "type=\"radio\""), 3 * 22);
	rt_buf_release(&b);

	struct rt_web_param bad[] = { { "svar-equality-1", "yes" }, { "svar-equality-2", "kanske" } };
	assert_int_equal(rt_web_checklist_save(f->s, f->plan, bad, 2, "anna", &b, &f->err), RT_EINVAL);
	assert_non_null(strstr(b.buf, "Okänt svar &#39;kanske&#39;"));
	rt_buf_release(&b);
	rt_arena a = RT_ARENA_INIT;
	struct rt_checklist_answer *ans;
	struct rt_plan_term *t;
	size_t na, nt;
	assert_int_equal(rt_store_plan_sections_load(f->s, &a, f->plan, &ans, &na, &t, &nt, &f->err), 0);
	assert_int_equal(na, 0);   /* nothing saved */

	struct rt_web_param ok[] = {
		{ "svar-environment-6", "not_applicable" },
		{ "motivering-regional_development", "Berör inte RUS." },
	};
	assert_int_equal(rt_web_checklist_save(f->s, f->plan, ok, 2, "anna", NULL, &f->err), 0);
	assert_int_equal(rt_web_checklist(f->s, f->plan, true, &b, &f->err), 0);
	assert_non_null(strstr(b.buf, "Svaren är sparade."));
	assert_non_null(strstr(b.buf, "(4 kvar)"));
	assert_non_null(strstr(b.buf, "value=\"not_applicable\" checked> Ej aktuellt"));
	assert_non_null(strstr(b.buf, ">Berör inte RUS.</textarea>"));
	rt_buf_release(&b);
	rt_arena_release(&a);
	assert_int_equal(rt_web_checklist(f->s, 9999, false, &b, &f->err), RT_ENOTFOUND);
	rt_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arshjul),
		cmocka_unit_test(test_checklist_form),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
