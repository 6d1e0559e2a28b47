/* The compiled follow-up report as one self-contained HTML5 document: the
 * structure of seed 003 (board → goal area → goal with status and analysis →
 * Mätetal | Utfall | Målvärde | Kommentar → Aktiviteter), a summary table,
 * embedded screen and print CSS (A4, a page per board) and inline SVG trend
 * charts. No scripts, no external resources, no timestamps: the same report
 * gives the same bytes. A status is always symbol + words, never colour or
 * shape alone. Every text from the data goes through rt_buf_add_html. */
#include "report/followup.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "report/trend_chart.h"
#include "util/numfmt.h"

static const char css[] =
	":root{--ok:#1b6e2e;--partly:#8a5a00;--bad:#a4161a;--none:#555;--line:#c8c8c8}\n"
	"body{font-family:\"Liberation Sans\",Arial,Helvetica,sans-serif;font-size:11pt;"
	"line-height:1.4;color:#1a1a1a;max-width:60rem;margin:0 auto;padding:1rem}\n"
	"h1{font-size:1.6rem;margin:0 0 .3rem}\n"
	"h2{font-size:1.35rem;margin:2rem 0 .2rem;border-bottom:2px solid #333}\n"
	"h3{font-size:1.15rem;margin:1.5rem 0 .3rem}\n"
	"h4,h5,h6{font-size:1rem;margin:1.2rem 0 .3rem}\n"
	".meta,.plan{color:#444;margin:.2rem 0 1rem}\n"
	".goal-status{margin:.2rem 0}\n"
	".analysis p{margin:.3rem 0}\n"
	"table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.95em}\n"
	"caption{text-align:left;font-weight:bold;padding:.2rem 0}\n"
	"th,td{border:1px solid var(--line);padding:.25rem .4rem;vertical-align:top;text-align:left}\n"
	"thead th{background:#eee}\n"
	"td.num,th.num{text-align:right;white-space:nowrap}\n"
	".status{font-weight:bold;white-space:nowrap}\n"
	".status-achieved{color:var(--ok)}\n"
	".status-partly{color:var(--partly)}\n"
	".status-not-achieved{color:var(--bad)}\n"
	".status-none{color:var(--none);font-weight:normal;font-style:italic}\n"
	".computed{display:block;font-size:.85em;color:#444}\n"
	".ind-name{display:block}\n"
	"svg.trend{display:block;margin-top:.3rem;max-width:100%;height:auto}\n"
	"@media print{\n"
	"@page{size:A4;margin:18mm 16mm}\n"
	"body{max-width:none;padding:0;font-size:10pt}\n"
	"section.board{break-before:page;page-break-before:always}\n"
	"h1,h2,h3,h4,h5,h6{break-after:avoid;page-break-after:avoid}\n"
	"tr,svg.trend{break-inside:avoid;page-break-inside:avoid}\n"
	"thead{display:table-header-group}\n"
	"a{color:inherit;text-decoration:none}\n"
	"}\n";

static const char *status_class(enum rt_status s)
{
	switch (s) {
	case RT_STATUS_ACHIEVED: return "status-achieved";
	case RT_STATUS_PARTLY: return "status-partly";
	case RT_STATUS_NOT_ACHIEVED: return "status-not-achieved";
	case RT_STATUS_NONE: break;
	}
	return "status-none";
}

/* <span class="status status-partly"><span aria-hidden="true">◆</span>
 * Delvis uppfyllt</span>; without a status, the reason in words. */
static void add_status(rt_buf *b, enum rt_status s, const char *none_text)
{
	rt_buf_addstr(b, "<span class=\"status ");
	rt_buf_addstr(b, status_class(s));
	rt_buf_addstr(b, "\">");
	if (s != RT_STATUS_NONE) {
		rt_buf_addstr(b, "<span aria-hidden=\"true\">");
		rt_buf_addstr(b, rt_status_symbol(s));
		rt_buf_addstr(b, "</span> ");
		rt_buf_add_html(b, rt_status_label(s));
	} else {
		rt_buf_add_html(b, none_text ? none_text : rt_status_label(s));
	}
	rt_buf_addstr(b, "</span>");
}

/* A text with its own line breaks: blank lines separate paragraphs, a
 * single break stays a line break inside one. */
static void add_paragraphs(rt_buf *b, const char *text)
{
	const char *p = text;
	while (*p) {
		while (*p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		const char *end = strstr(p, "\n\n");
		size_t len = end ? (size_t)(end - p) : strlen(p);
		rt_buf_addstr(b, "<p>");
		rt_buf tmp = RT_BUF_INIT;
		rt_buf_add(&tmp, p, len);
		char *line = tmp.buf;
		for (bool first = true; line; first = false) {
			char *nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			size_t ll = strlen(line);
			if (ll && line[ll - 1] == '\r')
				line[ll - 1] = '\0';
			if (!first)
				rt_buf_addstr(b, "<br>\n");
			rt_buf_add_html(b, line);
			line = nl ? nl + 1 : NULL;
		}
		rt_buf_release(&tmp);
		rt_buf_addstr(b, "</p>\n");
		p += len;
	}
}

/* ---- the trend chart ----------------------------------------------------- */

/* The shared chart module (trend_chart.h) draws it, styled by the
 * document's CSS and markers (render); PDF uses the same geometry. */
static void add_chart(rt_buf *b, const struct rt_report_indicator *ind)
{
	struct rt_trend_chart c;
	if (!rt_trend_chart_init(&c, ind, 360, 150))
		return;
	rt_trend_chart_svg_shared(&c, b);
	rt_trend_chart_release(&c);
}

/* ---- tables -------------------------------------------------------------- */

static void add_indicator_status(rt_buf *b, const struct rt_report_indicator *ind)
{
	const char *reason = rt_status_reason_label(ind->computed.reason);
	add_status(b, ind->status, reason);
	if (ind->status_recorded && ind->computed.status != ind->status) {
		rt_buf_addstr(b, "<span class=\"computed\">Beräknad status: ");
		if (ind->computed.status != RT_STATUS_NONE) {
			rt_buf_addf(b, "<span aria-hidden=\"true\">%s</span> ",
			            rt_status_symbol(ind->computed.status));
			rt_buf_add_html(b, rt_status_label(ind->computed.status));
		} else {
			rt_buf_add_html(b, reason);
		}
		rt_buf_addstr(b, "</span>");
		/* the justification the person gave for choosing another status */
		if (ind->override_reason) {
			rt_buf_addstr(b, "<span class=\"computed\">Motivering: ");
			rt_buf_add_html(b, ind->override_reason);
			rt_buf_addstr(b, "</span>");
		}
	}
}

static void add_indicators(rt_buf *b, const struct rt_report_goal *g)
{
	rt_buf_addstr(b, "<table class=\"indicators\">\n<caption>Mätetal för ");
	rt_buf_add_html(b, g->title);
	rt_buf_addstr(b, "</caption>\n<thead><tr><th scope=\"col\">Mätetal</th>"
	                 "<th scope=\"col\" class=\"num\">Utfall</th>"
	                 "<th scope=\"col\" class=\"num\">Målvärde</th>"
	                 "<th scope=\"col\">Kommentar</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < g->n_indicators; i++) {
		const struct rt_report_indicator *ind = &g->indicators[i];
		rt_buf_addstr(b, "<tr><td>");
		add_indicator_status(b, ind);
		rt_buf_addstr(b, "<span class=\"ind-name\">");
		rt_buf_add_html(b, ind->name);
		rt_buf_addstr(b, "</span>");
		if (ind->n_trend >= 2)
			add_chart(b, ind);
		rt_buf_addstr(b, "</td><td class=\"num\">");
		rt_buf_add_html(b, ind->outcome_text);
		rt_buf_addstr(b, "</td><td class=\"num\">");
		rt_buf_add_html(b, ind->target_text);
		rt_buf_addstr(b, "</td><td>");
		if (ind->comment)
			add_paragraphs(b, ind->comment);
		rt_buf_addstr(b, "</td></tr>\n");
	}
	rt_buf_addstr(b, "</tbody>\n</table>\n");
}

static void add_activities(rt_buf *b, const struct rt_report_goal *g)
{
	rt_buf_addstr(b, "<table class=\"activities\">\n<caption>Aktiviteter för ");
	rt_buf_add_html(b, g->title);
	rt_buf_addstr(b, "</caption>\n<thead><tr><th scope=\"col\">Aktiviteter</th>"
	                 "<th scope=\"col\">Beskrivning</th>"
	                 "<th scope=\"col\">Start- och slutdatum</th>"
	                 "<th scope=\"col\">Kommentar</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < g->n_activities; i++) {
		const struct rt_report_activity *a = &g->activities[i];
		rt_buf_addstr(b, "<tr><td>");
		rt_buf_add_html(b, a->title);
		rt_buf_addstr(b, "</td><td>");
		if (a->description)
			add_paragraphs(b, a->description);
		rt_buf_addstr(b, "</td><td class=\"num\">");
		rt_buf_add_html(b, a->start_date);
		if (a->start_date || a->end_date)
			rt_buf_addstr(b, " – ");
		rt_buf_add_html(b, a->end_date);
		rt_buf_addstr(b, "</td><td>");
		if (a->comment)
			add_paragraphs(b, a->comment);
		rt_buf_addstr(b, "</td></tr>\n");
	}
	rt_buf_addstr(b, "</tbody>\n</table>\n");
}

static void add_goal(rt_buf *b, const struct rt_report_goal *g)
{
	int level = g->depth + 3 > 6 ? 6 : g->depth + 3;
	rt_buf_addf(b, "<div class=\"goal depth-%d\">\n<h%d>", g->depth, level);
	rt_buf_add_html(b, g->title);
	rt_buf_addf(b, "</h%d>\n<p class=\"goal-status\">", level);
	add_status(b, g->status, NULL);
	rt_buf_addstr(b, "</p>\n");
	if (g->analysis) {
		rt_buf_addstr(b, "<div class=\"analysis\">\n");
		add_paragraphs(b, g->analysis);
		rt_buf_addstr(b, "</div>\n");
	}
	if (g->n_indicators)
		add_indicators(b, g);
	if (g->n_activities)
		add_activities(b, g);
	rt_buf_addstr(b, "</div>\n");
}

static void add_summary(rt_buf *b, const struct rt_followup_report *r)
{
	rt_buf_addstr(b, "<section class=\"summary\" aria-labelledby=\"sammanfattning\">\n"
	                 "<h2 id=\"sammanfattning\">Sammanfattning</h2>\n"
	                 "<table>\n<caption>Mätetalens status per styrelse eller nämnd</caption>\n"
	                 "<thead><tr><th scope=\"col\">Styrelse/nämnd</th>");
	static const enum rt_status order[] = {
		RT_STATUS_ACHIEVED, RT_STATUS_PARTLY, RT_STATUS_NOT_ACHIEVED,
	};
	for (size_t k = 0; k < 3; k++) {
		rt_buf_addstr(b, "<th scope=\"col\" class=\"num\">");
		add_status(b, order[k], NULL);
		rt_buf_addstr(b, "</th>");
	}
	rt_buf_addstr(b, "<th scope=\"col\" class=\"num\">Status saknas</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->n_sections; i++) {
		const struct rt_report_section *s = &r->sections[i];
		rt_buf_addf(b, "<tr><th scope=\"row\"><a href=\"#sektion-%zu\">", i + 1);
		rt_buf_add_html(b, s->org_name);
		rt_buf_addstr(b, "</a></th>");
		for (size_t k = 0; k < 3; k++)
			rt_buf_addf(b, "<td class=\"num\">%zu</td>", s->status_counts[order[k]]);
		rt_buf_addf(b, "<td class=\"num\">%zu</td></tr>\n", s->status_counts[RT_STATUS_NONE]);
	}
	rt_buf_addstr(b, "</tbody>\n</table>\n</section>\n");
}

/* Where a streamed document goes: `out` is written to `f` and emptied
 * whenever it holds a chunk, so a whole region (tens of MB of HTML) never
 * sits in memory at once. f == NULL keeps everything in `out`. */
struct sink {
	FILE *f;
	bool failed;
};

#define HTML_CHUNK (256 * 1024)

static void drain(rt_buf *out, struct sink *k, size_t at_least)
{
	if (!k->f || out->len < at_least)
		return;
	if (!k->failed && fwrite(out->buf, 1, out->len, k->f) != out->len)
		k->failed = true;
	rt_buf_reset(out);
}

static void add_section(rt_buf *out, const struct rt_followup_report *r, size_t i,
                        struct sink *k)
{
	const struct rt_report_section *s = &r->sections[i];
	rt_buf_addf(out, "<section class=\"board\" id=\"sektion-%zu\">\n<h2>Mål ", i + 1);
	rt_buf_add_html(out, s->org_name);
	rt_buf_addstr(out, "</h2>\n<p class=\"plan\">");
	rt_buf_add_html(out, s->plan_title);
	if (s->region_name) {
		rt_buf_addstr(out, " · ");
		rt_buf_add_html(out, s->region_name);
	}
	rt_buf_addstr(out, "</p>\n");
	for (size_t g = 0; g < s->n_goals; g++) {
		add_goal(out, &s->goals[g]);
		drain(out, k, HTML_CHUNK);
	}
	rt_buf_addstr(out, "</section>\n");
}

/* A board rendered by a second thread into its own buffer. */
struct ahead {
	const struct rt_followup_report *r;
	size_t i;
	rt_buf buf;
};

static void *render_ahead(void *arg)
{
	struct ahead *a = arg;
	struct sink none = { NULL, false };
	add_section(&a->buf, a->r, a->i, &none);
	return NULL;
}

/* Streamed, on two cores: while this thread renders board i and writes it
 * as it goes, a second one renders board i + 1 into a buffer (one board,
 * a few MB at most), written right after; the bytes are the same as one
 * thread's. Without a thread, board by board here. */
static void render_sections_2(const struct rt_followup_report *r, rt_buf *out, struct sink *k)
{
	struct ahead a = { r, 0, RT_BUF_INIT };
	for (size_t i = 0; i < r->n_sections; i += 2) {
		pthread_t t;
		bool threaded = false;
		if (i + 1 < r->n_sections) {
			a.i = i + 1;
			rt_buf_reset(&a.buf);
			threaded = pthread_create(&t, NULL, render_ahead, &a) == 0;
		}
		add_section(out, r, i, k);
		if (i + 1 >= r->n_sections)
			break;
		if (threaded) {
			pthread_join(t, NULL);
			drain(out, k, 0);
			if (!k->failed && fwrite(a.buf.buf, 1, a.buf.len, k->f) != a.buf.len)
				k->failed = true;
		} else {
			add_section(out, r, i + 1, k);
		}
	}
	rt_buf_release(&a.buf);
}

static void render(const struct rt_followup_report *r, rt_buf *out, struct sink *k)
{
	rt_buf_addstr(out, "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
	                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                   "<title>");
	rt_buf_add_html(out, r->title);
	rt_buf_addstr(out, "</title>\n<style>\n");
	rt_buf_addstr(out, css);
	rt_buf_addstr(out, rt_trend_chart_css);
	rt_buf_addstr(out, "</style>\n</head>\n<body>\n");
	rt_trend_chart_defs(out);               /* the charts' markers, once */
	rt_buf_addstr(out, "<header>\n<h1>");
	rt_buf_add_html(out, r->title);
	rt_buf_addstr(out, "</h1>\n<p class=\"meta\">Period ");
	rt_buf_add_html(out, r->period_key);
	rt_buf_addstr(out, ". Symbolerna står alltid med text: ● Uppfyllt, ◆ Delvis uppfyllt, "
	                   "■ Ej uppfyllt.</p>\n</header>\n<main>\n");
	if (r->n_sections == 0)
		rt_buf_addstr(out, "<p>Ingen uppföljning finns för perioden.</p>\n");
	else
		add_summary(out, r);
	if (k->f)
		render_sections_2(r, out, k);
	else
		for (size_t i = 0; i < r->n_sections; i++)
			add_section(out, r, i, k);
	rt_buf_addstr(out, "</main>\n</body>\n</html>\n");
	drain(out, k, 0);
}

int rt_report_html(const struct rt_followup_report *r, rt_buf *out, rt_err *err)
{
	(void)err;
	struct sink k = { NULL, false };
	render(r, out, &k);
	return 0;
}

int rt_report_html_stream(const struct rt_followup_report *r, FILE *f, rt_err *err)
{
	rt_buf out = RT_BUF_INIT;
	struct sink k = { f, false };
	rt_buf_init(&out, HTML_CHUNK + HTML_CHUNK / 2);
	render(r, &out, &k);
	rt_buf_release(&out);
	if (k.failed)
		return rt_err_set(err, RT_EIO, NULL, "Kunde inte skriva rapporten");
	return 0;
}
