/* The cairo renderer of the trend chart (declared in trend_chart.h; the
 * geometry and the SVG renderer are in trend_chart.c). */
#include "report/trend_chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/glyph_run.h"
#include "util/alloc.h"

#define OUTCOME_RGB 0x1f, 0x4e, 0x79    /* dark blue */
#define TARGET_RGB 0x55, 0x55, 0x55     /* dark grey */
#define GRID_RGB 0xdd, 0xdd, 0xdd
#define AXIS_RGB 0x99, 0x99, 0x99
#define TEXT_RGB 0x33, 0x33, 0x33

/* cairo's PDF surface replays every operator of a page at show_page, and a
 * chart drawn on its own was ~10 operators: for a region's ~17 000 charts
 * that was more than half of the PDF's time. The charts of a page are
 * therefore collected by style (rt_trend_batch) and each style is drawn
 * with one operator for all of them. Charts never overlap, so the page
 * looks the same as when every chart is drawn in turn. */

enum { SEG_MOVE, SEG_LINE };

static void seg(struct rt_trend_path *p, int op, double x, double y)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->v = rt_xrealloc(p->v, p->cap * sizeof(*p->v));
	}
	p->v[p->n++] = (struct rt_trend_seg){ op, rt_snap(x, 0.25), rt_snap(y, 0.25) };
}

static void path_emit(cairo_t *cr, const struct rt_trend_path *p)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct rt_trend_seg *s = &p->v[i];
		if (s->op == SEG_MOVE)
			cairo_move_to(cr, s->x, s->y);
		else
			cairo_line_to(cr, s->x, s->y);
	}
}

/* The markers are glyphs of the labels' font (⬤ U+2B24, ◼ U+25FC): cairo
 * strokes a round-capped dot or a square's four sides once more per page
 * pass to find its extents (~24 000 and ~45 000 instructions each), a
 * glyph costs ~10 000, and the picture is the same — a filled circle, a
 * white square in a grey one. Sized so that the ink is `ink` points wide
 * and centred on the data point. */
static void mark_init(struct rt_trend_mark *m, cairo_t *cr, const char *utf8, double ink)
{
	cairo_set_font_size(cr, 1000);
	cairo_glyph_t *g = NULL;
	int n = 0;
	m->size = 0;
	if (cairo_scaled_font_text_to_glyphs(cairo_get_scaled_font(cr), 0, 0, utf8, -1, &g, &n, NULL,
	                                     NULL, NULL) == CAIRO_STATUS_SUCCESS && n == 1) {
		cairo_text_extents_t e;
		cairo_scaled_font_glyph_extents(cairo_get_scaled_font(cr), g, 1, &e);
		if (e.width > 0 && e.height > 0) {
			double k = ink / e.width;
			m->index = g[0].index;
			m->size = 1000 * k;
			m->dx = -(e.x_bearing + e.width / 2) * k;
			m->dy = -(e.y_bearing + e.height / 2) * k;
		}
	}
	cairo_glyph_free(g);
}

static void mark(struct rt_trend_mark *m, double x, double y)
{
	if (m->size > 0)
		rt_glyph_run_push(&m->run, m->index, rt_snap(x + m->dx, m->size / 100),
		                  rt_snap(y + m->dy, m->size / 100));
}

static void mark_show(cairo_t *cr, struct rt_trend_mark *m)
{
	if (!m->run.n)
		return;
	cairo_set_font_size(cr, m->size);
	rt_glyph_run_show_blank(cr, &m->run);
}

static void rgb(cairo_t *cr, int r, int g, int b)
{
	cairo_set_source_rgb(cr, r / 255.0, g / 255.0, b / 255.0);
}

static void polyline(struct rt_trend_path *p, const struct rt_trend_chart *c, const double *ys,
                     double ox, double oy)
{
	size_t run = 0;                    /* points in the open subpath */
	for (size_t i = 0; i < c->n; i++) {
		if (isnan(ys[i])) {
			run = 0;
			continue;
		}
		double x = rt_snap(ox + c->x[i], 0.25), y = rt_snap(oy + ys[i], 0.25);
		/* a level stretch (a year's target) is one segment: the same
		 * line and dashes, fewer numbers for cairo to print */
		if (run >= 2 && p->v[p->n - 1].y == y && p->v[p->n - 2].y == y) {
			p->v[p->n - 1].x = x;
			continue;
		}
		seg(p, run ? SEG_LINE : SEG_MOVE, x, y);
		run++;
	}
}

/* One series: its legend sample at (sx, ly) when the chart has a legend,
 * its line and a marker (two glyphs on top of each other for a square) on
 * every value, or on every bend (bends_only: the target), and the sample. */
static void series(const struct rt_trend_chart *c, struct rt_trend_path *line,
                   const double *ys, double x, double y, double sx, double ly,
                   struct rt_trend_mark *m1, struct rt_trend_mark *m2, bool bends_only)
{
	if (c->legend) {
		seg(line, SEG_MOVE, sx, ly);
		seg(line, SEG_LINE, sx + RT_TREND_LEGEND_SAMPLE, ly);
	}
	polyline(line, c, ys, x, y);
	for (size_t i = 0; i <= c->n; i++) {
		if (i == c->n && !c->legend)
			break;
		if (i < c->n && (isnan(ys[i]) || (bends_only && !rt_trend_vertex(ys, c->n, i))))
			continue;
		double px = i < c->n ? x + c->x[i] : sx + RT_TREND_LEGEND_SAMPLE / 2;
		double py = i < c->n ? y + ys[i] : ly;
		mark(m1, px, py);
		if (m2)
			mark(m2, px, py);
	}
}

static void label(struct rt_trend_batch *b, cairo_t *cr, double x, double y, double anchor,
                  const char *s)
{
	if (b->text)
		b->text(b->text_ctx, &b->labels, x, y, anchor, s);
	else
		rt_glyph_run_add(cr, &b->labels, x, y, anchor, s, -1);
}

void rt_trend_chart_batch(const struct rt_trend_chart *c, struct rt_trend_batch *b, cairo_t *cr,
                          double x, double y)
{
	for (size_t i = 1; i < c->n_ticks; i++) {
		seg(&b->grid, SEG_MOVE, x + c->plot_left, y + c->ticks[i].y);
		seg(&b->grid, SEG_LINE, x + c->plot_right, y + c->ticks[i].y);
	}
	/* the x axis; the grid lines and their labels read as the y axis */
	seg(&b->axis, SEG_MOVE, x + c->plot_left, y + c->ticks[0].y);
	seg(&b->axis, SEG_LINE, x + c->plot_right, y + c->ticks[0].y);

	b->face = cairo_get_font_face(cr);
	if (!b->marks_ready) {
		double w = 1.5;                /* the square's border */
		mark_init(&b->dots, cr, "\u2b24", 2 * RT_TREND_MARKER_R);
		mark_init(&b->squares, cr, "\u25fc", 2 * RT_TREND_MARKER_R + w);
		mark_init(&b->holes, cr, "\u25fc", 2 * RT_TREND_MARKER_R - w);
		b->marks_ready = true;
	}
	cairo_set_font_size(cr, RT_TREND_FONT_SIZE);
	for (size_t i = 0; i < c->n_ticks; i++)
		label(b, cr, x + c->plot_left - 4, y + c->ticks[i].y + RT_TREND_FONT_SIZE * 0.35, 1,
		      c->ticks[i].label);
	size_t k = rt_trend_label_every(c);
	for (size_t i = 0; i < c->n; i++)
		if (rt_trend_label_shown(c, k, i))
			label(b, cr, x + c->x[i], y + c->label_y, 0.5, c->labels[i]);
	double lx = x + c->plot_left, ly = y + c->legend_y - RT_TREND_FONT_SIZE * 0.35;
	double tx = lx + RT_TREND_LEGEND_SAMPLE + 4 + 7 * RT_TREND_CHAR_W + 12;
	if (c->legend)
		label(b, cr, lx + RT_TREND_LEGEND_SAMPLE + 4, y + c->legend_y, 0, "Utfall");
	bool key_target = c->has_target || c->key_target;
	if (c->legend && key_target)
		label(b, cr, tx + RT_TREND_LEGEND_SAMPLE + 4, y + c->legend_y, 0, "Målvärde");

	/* lines, then markers on top; the legend samples share the paths */
	if (key_target)
		series(c, &b->target, c->y_target, x, y, tx, ly, &b->squares, &b->holes, true);
	series(c, &b->outcome, c->y_outcome, x, y, lx, ly, &b->dots, NULL, false);
	b->pending = true;
}

void rt_trend_batch_draw(struct rt_trend_batch *b, cairo_t *cr)
{
	static const double dash[] = { 5, 3 };
	if (!b->pending)
		return;
	cairo_save(cr);
	cairo_new_path(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_set_line_width(cr, 0.75);
	path_emit(cr, &b->grid);
	rgb(cr, GRID_RGB);
	cairo_stroke(cr);
	path_emit(cr, &b->axis);
	rgb(cr, AXIS_RGB);
	cairo_stroke(cr);
	if (b->labels.n) {
		cairo_set_font_face(cr, b->face);
		cairo_set_font_size(cr, RT_TREND_FONT_SIZE);
		rgb(cr, TEXT_RGB);
		rt_glyph_run_show(cr, &b->labels);
	}
	if (b->target.n) {
		path_emit(cr, &b->target);
		rgb(cr, TARGET_RGB);
		cairo_set_line_width(cr, 1.5);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_stroke(cr);
	}
	path_emit(cr, &b->outcome);
	rgb(cr, OUTCOME_RGB);
	cairo_set_line_width(cr, 2);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_stroke(cr);
	cairo_set_font_face(cr, b->face);
	rgb(cr, TARGET_RGB);
	mark_show(cr, &b->squares);
	cairo_set_source_rgb(cr, 1, 1, 1);
	mark_show(cr, &b->holes);
	rgb(cr, OUTCOME_RGB);
	mark_show(cr, &b->dots);
	cairo_restore(cr);
	b->grid.n = b->axis.n = b->target.n = b->outcome.n = 0;
	b->labels.n = 0;
	b->pending = false;
}

void rt_trend_batch_release(struct rt_trend_batch *b)
{
	struct rt_trend_path *paths[] = { &b->grid, &b->axis, &b->target, &b->outcome };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		free(paths[i]->v);
	rt_glyph_run_release(&b->labels);
	rt_glyph_run_release(&b->dots.run);
	rt_glyph_run_release(&b->squares.run);
	rt_glyph_run_release(&b->holes.run);
	memset(b, 0, sizeof(*b));
}

void rt_trend_chart_cairo(const struct rt_trend_chart *c, cairo_t *cr, double x, double y)
{
	struct rt_trend_batch b = { 0 };
	cairo_save(cr);
	rt_trend_chart_batch(c, &b, cr, x, y);
	rt_trend_batch_draw(&b, cr);
	cairo_restore(cr);
	rt_trend_batch_release(&b);
}
