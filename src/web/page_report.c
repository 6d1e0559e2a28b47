/* The report page: the compiled follow-up of a period (report/followup.h)
 * as the summary per board and each board's goals with their assessed
 * status, plus the downloads in every format, served by the JSON API's
 * report route (RT_WEB_REPORT_API) so the page and the files are built
 * from the same model. */
#include "web/web_int.h"

#include <string.h>

#include "report/followup.h"

static void add_periods(rt_buf *b, rt_store *s, rt_arena *a, const char *current)
{
	struct rt_period *list = NULL;
	size_t n = 0;
	rt_err ignore = RT_ERR_INIT;
	if (rt_store_period_list(s, a, &list, &n, &ignore) != 0 || n < 2)
		return;
	rt_buf_addstr(b, "<nav aria-label=\"Perioder\"><p>Andra perioder:</p><ul>\n");
	for (size_t i = 0; i < n; i++) {
		rt_buf_addstr(b, "<li><a href=\"/rapport?period=");
		rt_web_add_url(b, list[i].key);
		rt_buf_addstr(b, "\"");
		if (current && list[i].key && !strcmp(current, list[i].key))
			rt_buf_addstr(b, " aria-current=\"page\"");
		rt_buf_addstr(b, ">");
		rt_buf_add_html(b, list[i].key);
		rt_buf_addstr(b, "</a></li>\n");
	}
	rt_buf_addstr(b, "</ul></nav>\n");
}

static void add_downloads(rt_buf *b, const char *period_key)
{
	static const struct { const char *format, *label; } formats[] = {
		{ "html", "Webbsida (HTML)" },
		{ "xlsx", "Excel (XLSX)" },
		{ "docx", "Word (DOCX)" },
		{ "pdf", "PDF" },
	};
	rt_buf_addstr(b, "<h2>Ladda ner rapporten</h2>\n<ul class=\"downloads\">\n");
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		rt_buf_addstr(b, "<li><a href=\"" RT_WEB_REPORT_API "/");
		rt_web_add_url(b, period_key);
		rt_buf_addf(b, "?format=%s\" download>", formats[i].format);
		rt_buf_addstr(b, formats[i].label);
		rt_buf_addstr(b, "</a></li>\n");
	}
	rt_buf_addstr(b, "</ul>\n");
}

/* Per board: the goals with their assessed status, as the report shows. */
static void add_sections(rt_buf *b, const struct rt_followup_report *r)
{
	for (size_t i = 0; i < r->n_sections; i++) {
		const struct rt_report_section *sec = &r->sections[i];
		rt_buf_addstr(b, "<h2>");
		rt_buf_add_html(b, sec->org_name ? sec->org_name : "");
		rt_buf_addstr(b, " – ");
		rt_buf_add_html(b, sec->region_name ? sec->region_name : "");
		rt_buf_addstr(b, "</h2>\n<p class=\"meta\">");
		rt_buf_add_html(b, sec->plan_title ? sec->plan_title : "");
		rt_buf_addstr(b, "</p>\n<table class=\"goals\">\n<caption>Målens bedömning</caption>\n"
		                 "<thead><tr><th scope=\"col\">Mål</th><th scope=\"col\">Status</th>"
		                 "<th scope=\"col\" class=\"num\">Mätetal</th></tr></thead>\n<tbody>\n");
		for (size_t g = 0; g < sec->n_goals; g++) {
			const struct rt_report_goal *rg = &sec->goals[g];
			if (!rg->has_assessment && rg->n_indicators == 0)
				continue;
			rt_buf_addf(b, "<tr><th scope=\"row\" class=\"depth-%d\">", rg->depth > 3 ? 3 : rg->depth);
			rt_buf_add_html(b, rg->title ? rg->title : "");
			rt_buf_addstr(b, "</th><td>");
			rt_web_status(b, rg->status, rg->has_assessment ? "Status saknas" : "Ej bedömt");
			rt_buf_addf(b, "</td><td class=\"num\">%zu</td></tr>\n", rg->n_indicators);
		}
		rt_buf_addstr(b, "</tbody>\n</table>\n");
	}
}

int rt_web_report(rt_store *s, const char *period_key, rt_buf *out, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_period period;
	int rc = period_key && *period_key ? rt_web_find_period(s, &a, period_key, &period, err)
	                                   : rt_web_latest_period(s, &a, &period, err);
	struct rt_followup_report r;
	if (rc == 0)
		rc = rt_followup_report_build(s, period.key, NULL, &r, err);
	if (rc) {
		rt_arena_release(&a);
		return rc;
	}
	rt_web_page_begin(out, r.title, RT_NAV_REPORT);
	rt_buf_addstr(out, "<h1>");
	rt_buf_add_html(out, r.title);
	rt_buf_addstr(out, "</h1>\n");
	add_periods(out, s, &a, r.period_key);
	add_downloads(out, r.period_key);
	rt_buf_addstr(out, "<h2>Sammanfattning</h2>\n");
	rt_web_summary(out, s, &r);
	add_sections(out, &r);
	rt_web_page_end(out);
	rt_followup_report_release(&r);
	rt_arena_release(&a);
	return 0;
}
