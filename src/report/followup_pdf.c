/* The compiled follow-up report as an A4 PDF drawn with cairo: heading and
 * summary, then per board the goals with status symbol + text and analysis,
 * the indicator table (Mätetal | Utfall | Målvärde | Kommentar | Status) with
 * trend charts, and the activity table. Fonts, wrapping, page breaks, the
 * "Sida N av M" footer, the fixed creation date and PATH.tmp + rename are
 * report/pdf_text.h's, shared with the documents of doc_sink.h. */
#include "report/followup.h"

#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/pdf_text.h"
#include "report/trend_chart.h"
#include "util/alloc.h"

/* A chart with three ticks reads well this low; the legend (line, marker
 * and word per series) is in the first chart of each page only, the
 * others are RT_TREND_LEGEND_H lower. */
#define CHART_W 320.0
#define CHART_H 100.0
#define CHART_ROW_H (CHART_H + 2 * RT_PDF_CELL_PAD)
#define REPORT(p) ((const struct rt_followup_report *)(p)->user)

static struct rt_pdf_rgb status_rgb(enum rt_status s)
{
	switch (s) {
	case RT_STATUS_ACHIEVED: return (struct rt_pdf_rgb){ 0x1b / 255.0, 0x6e / 255.0, 0x2e / 255.0 };
	case RT_STATUS_PARTLY: return (struct rt_pdf_rgb){ 0x8a / 255.0, 0x5a / 255.0, 0 };
	case RT_STATUS_NOT_ACHIEVED: return (struct rt_pdf_rgb){ 0xa4 / 255.0, 0x16 / 255.0, 0x1a / 255.0 };
	case RT_STATUS_NONE: break;
	}
	return rt_pdf_grey;
}

/* ---- the report ------------------------------------------------------------ */

static const struct rt_pdf_column ind_cols[] = {
	{ "Mätetal", 0.32, 0 }, { "Utfall", 0.11, 1 }, { "Målvärde", 0.12, 1 },
	{ "Kommentar", 0.26, 0 }, { "Status", 0.19, 0 },
};
static const struct rt_pdf_column act_cols[] = {
	{ "Aktiviteter", 0.24, 0 }, { "Beskrivning", 0.34, 0 },
	{ "Start- och slutdatum", 0.16, 0 }, { "Kommentar", 0.26, 0 },
};
static const struct rt_pdf_column sum_cols[] = {
	{ "Styrelse/nämnd", 0.36, 0 }, { "● Uppfyllt", 0.16, 1 }, { "◆ Delvis uppfyllt", 0.16, 1 },
	{ "■ Ej uppfyllt", 0.16, 1 }, { "Status saknas", 0.16, 1 },
};
#define RT_PDF_TABLE_OF(c) { c, sizeof(c) / sizeof(c[0]) }

/* "● Uppfyllt"; without a status the reason ("Mäts helår"). Arena-free:
 * written into `b`. */
static const char *status_text(rt_buf *b, enum rt_status s, const char *none_text)
{
	rt_buf_reset(b);
	if (s != RT_STATUS_NONE)
		rt_buf_addf(b, "%s %s", rt_status_symbol(s), rt_status_label(s));
	else
		rt_buf_addstr(b, none_text ? none_text : rt_status_label(s));
	return b->buf;
}

static void chart_row(struct rt_pdf *p, const struct rt_pdf_table *t, const struct rt_report_indicator *ind)
{
	struct rt_trend_chart c;
	if (!rt_trend_chart_wanted(ind))
		return;
	bool legend = p->mark_page != p->page, joined = true;
	double h = CHART_ROW_H - (legend ? 0 : RT_TREND_LEGEND_H);
	if (p->y + h > RT_PDF_BOTTOM) {
		rt_pdf_table_break(p, t);
		legend = true;
		joined = false;              /* under the repeated header, not its row */
		h = CHART_ROW_H;
	}
	p->mark_page = p->page;
	/* the counting pass needs only the chart's height, not its layout */
	if (p->draw && !rt_trend_chart_init_legend(&c, ind, CHART_W, h - 2 * RT_PDF_CELL_PAD, legend))
		return;
	if (p->draw) {
		c.key_target = true;         /* the page's legend: for its other charts too */
		/* drawn with the page's other charts when the page ends; the
		 * layout's context measures the markers in the labels' face */
		cairo_set_font_face(p->measure, p->fonts[RT_PDF_REGULAR].face);
		rt_trend_chart_batch(&c, rt_pdf_page_extra(p), p->measure,
		                     RT_PDF_MARGIN_X + RT_PDF_CELL_PAD, p->y + RT_PDF_CELL_PAD);
	}
	rt_pdf_table_span(p, t, h, joined);  /* the chart's frame: part of the table's borders */
	if (p->draw)
		rt_trend_chart_release(&c);
}

static void indicators(struct rt_pdf *p, const struct rt_report_goal *g)
{
	static const struct rt_pdf_table t = RT_PDF_TABLE_OF(ind_cols);
	rt_buf st = RT_BUF_INIT, note = RT_BUF_INIT;
	rt_pdf_space(p, 4);
	rt_pdf_table_start(p, &t);
	for (size_t i = 0; i < g->n_indicators; i++) {
		const struct rt_report_indicator *ind = &g->indicators[i];
		const char *reason = rt_status_reason_label(ind->computed.reason);
		rt_buf_reset(&note);
		if (ind->status_recorded && ind->computed.status != ind->status) {
			rt_buf_addstr(&note, "Beräknad status: ");
			rt_buf tmp = RT_BUF_INIT;
			rt_buf_addstr(&note, status_text(&tmp, ind->computed.status, reason));
			rt_buf_release(&tmp);
			if (ind->override_reason)   /* the person's justification */
				rt_buf_addf(&note, "\nMotivering: %s", ind->override_reason);
		}
		struct rt_pdf_cell cells[] = {
			{ .text = ind->name, .font = RT_PDF_REGULAR, .color = rt_pdf_black },
			{ .text = ind->outcome_text, .font = RT_PDF_REGULAR, .color = rt_pdf_black },
			{ .text = ind->target_text, .font = RT_PDF_REGULAR, .color = rt_pdf_black },
			{ .text = ind->comment, .font = RT_PDF_REGULAR, .color = rt_pdf_black },
			{ .text = status_text(&st, ind->status, reason), .font = RT_PDF_BOLD,
			  .color = status_rgb(ind->status), .second = note.len ? note.buf : NULL },
		};
		rt_pdf_table_row(p, &t, cells, rt_trend_chart_wanted(ind) ? CHART_ROW_H : 0);
		chart_row(p, &t, ind);
	}
	rt_buf_release(&st);
	rt_buf_release(&note);
	rt_pdf_space(p, 6);
}

static void activities(struct rt_pdf *p, const struct rt_report_goal *g)
{
	static const struct rt_pdf_table t = RT_PDF_TABLE_OF(act_cols);
	rt_buf dates = RT_BUF_INIT;
	rt_pdf_space(p, 4);
	rt_pdf_table_start(p, &t);
	for (size_t i = 0; i < g->n_activities; i++) {
		const struct rt_report_activity *a = &g->activities[i];
		rt_buf_reset(&dates);
		if (a->start_date || a->end_date)
			rt_buf_addf(&dates, "%s – %s", a->start_date ? a->start_date : "",
			            a->end_date ? a->end_date : "");
		struct rt_pdf_cell cells[] = {
			{ .text = a->title, .font = RT_PDF_REGULAR, .color = rt_pdf_black },
			{ .text = a->description, .font = RT_PDF_REGULAR, .color = rt_pdf_black },
			{ .text = dates.len ? dates.buf : NULL, .font = RT_PDF_REGULAR, .color = rt_pdf_black },
			{ .text = a->comment, .font = RT_PDF_REGULAR, .color = rt_pdf_black },
		};
		rt_pdf_table_row(p, &t, cells, 0);
	}
	rt_buf_release(&dates);
	rt_pdf_space(p, 6);
}

static void goal(struct rt_pdf *p, const struct rt_report_goal *g)
{
	static const double sizes[] = { 13, 11.5, 10.5 };
	double size = sizes[g->depth < 2 ? g->depth : 2];
	rt_pdf_space(p, g->depth == 0 ? 14 : 10);
	/* heading + status line + a few lines of what follows stay together */
	rt_pdf_need(p, size * 1.3 + 60);
	rt_pdf_outline(p, g->depth + 1, g->title, false);
	rt_pdf_block(p, g->title, RT_PDF_BOLD, size, rt_pdf_black, 0, RT_PDF_BODY_SIZE * 1.3);
	rt_buf st = RT_BUF_INIT;
	rt_pdf_block(p, status_text(&st, g->status, NULL), RT_PDF_BOLD, RT_PDF_BODY_SIZE, status_rgb(g->status), 0, 0);
	rt_buf_release(&st);
	if (g->analysis) {
		rt_pdf_space(p, 3);
		rt_pdf_block(p, g->analysis, RT_PDF_REGULAR, RT_PDF_BODY_SIZE, rt_pdf_black, 0, 0);
	}
	if (g->n_indicators)
		indicators(p, g);
	if (g->n_activities)
		activities(p, g);
}

static void summary(struct rt_pdf *p)
{
	static const struct rt_pdf_table t = RT_PDF_TABLE_OF(sum_cols);
	static const enum rt_status order[] = {
		RT_STATUS_ACHIEVED, RT_STATUS_PARTLY, RT_STATUS_NOT_ACHIEVED, RT_STATUS_NONE,
	};
	rt_pdf_space(p, 10);
	rt_pdf_outline(p, 0, "Sammanfattning", true);
	rt_pdf_block(p, "Sammanfattning", RT_PDF_BOLD, 14, rt_pdf_black, 0, 40);
	rt_pdf_block(p, "Mätetalens status per styrelse eller nämnd", RT_PDF_REGULAR, RT_PDF_BODY_SIZE, rt_pdf_grey, 0, 30);
	rt_pdf_space(p, 3);
	rt_pdf_table_start(p, &t);
	char nums[4][24];
	for (size_t i = 0; i < REPORT(p)->n_sections; i++) {
		const struct rt_report_section *s = &REPORT(p)->sections[i];
		struct rt_pdf_cell cells[RT_PDF_MAX_COLS] = { { .text = s->org_name, .font = RT_PDF_REGULAR, .color = rt_pdf_black } };
		for (size_t k = 0; k < 4; k++) {
			snprintf(nums[k], sizeof nums[k], "%zu", s->status_counts[order[k]]);
			cells[k + 1] = (struct rt_pdf_cell){ .text = nums[k], .font = RT_PDF_REGULAR, .color = rt_pdf_black };
		}
		rt_pdf_table_row(p, &t, cells, 0);
	}
}

static void section(struct rt_pdf *p, const struct rt_report_section *s)
{
	rt_pdf_new_page(p);
	rt_buf h = RT_BUF_INIT;
	rt_buf_addf(&h, "Mål %s", s->org_name ? s->org_name : "");
	rt_pdf_outline(p, 0, h.buf, true);
	rt_pdf_block(p, h.buf, RT_PDF_BOLD, 16, rt_pdf_black, 0, 40);
	rt_buf_reset(&h);
	rt_buf_addstr(&h, s->plan_title ? s->plan_title : "");
	if (s->region_name)
		rt_buf_addf(&h, " · %s", s->region_name);
	rt_pdf_block(p, h.buf, RT_PDF_REGULAR, RT_PDF_BODY_SIZE, rt_pdf_grey, 0, 0);
	rt_buf_release(&h);
	for (size_t g = 0; g < s->n_goals; g++)
		goal(p, &s->goals[g]);
}

static void chart_text(void *ctx, struct rt_glyph_run *r, double x, double y, double anchor,
                       const char *s)
{
	rt_pdf_glyphs(ctx, RT_PDF_REGULAR, RT_TREND_FONT_SIZE, r, x, y, anchor, s, strlen(s));
}

/* A page's trend charts (rt_pdf_extra), drawn together when the page ends. */
static void *charts_create(struct rt_pdf *p)
{
	struct rt_trend_batch *b = rt_xcalloc(1, sizeof(*b));
	b->text = chart_text;
	b->text_ctx = p;
	return b;
}

static void charts_draw(void *b, cairo_t *cr)
{
	rt_trend_batch_draw(b, cr);
}

static void charts_destroy(void *b)
{
	rt_trend_batch_release(b);
	free(b);
}

static void document(struct rt_pdf *p)
{
	static const struct rt_pdf_extra charts = { charts_create, charts_draw, charts_destroy };
	p->extra = &charts;
	const char *title = REPORT(p)->title ? REPORT(p)->title : "Sammanställd måluppfyllelse";
	rt_pdf_block(p, title, RT_PDF_BOLD, 18, rt_pdf_black, 0, 40);
	rt_buf b = RT_BUF_INIT;
	rt_buf_addf(&b, "Period %s", REPORT(p)->period_key ? REPORT(p)->period_key : "");
	if (REPORT(p)->period_label)
		rt_buf_addf(&b, " (%s)", REPORT(p)->period_label);
	rt_pdf_space(p, 4);
	rt_pdf_block(p, b.buf, RT_PDF_REGULAR, RT_PDF_BODY_SIZE, rt_pdf_grey, 0, 0);
	rt_buf_release(&b);
	rt_pdf_block(p, "Symbolerna står alltid med text: ● Uppfyllt, ◆ Delvis uppfyllt, ■ Ej uppfyllt.",
	      RT_PDF_REGULAR, RT_PDF_BODY_SIZE, rt_pdf_grey, 0, 0);
	if (REPORT(p)->n_sections == 0) {
		rt_pdf_space(p, 12);
		rt_pdf_block(p, "Ingen uppföljning finns för perioden.", RT_PDF_REGULAR, RT_PDF_BODY_SIZE, rt_pdf_black, 0, 0);
	} else {
		summary(p);
	}
	for (size_t i = 0; i < REPORT(p)->n_sections; i++)
		section(p, &REPORT(p)->sections[i]);
	rt_pdf_extra_flush(p);           /* the last page's; its footer follows */
	p->extra = NULL;
}

int rt_report_pdf(const struct rt_followup_report *r, const char *path, rt_err *err)
{
	return rt_pdf_write_file(path, r->title, document, r, err);
}
