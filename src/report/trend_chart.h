/* The trend chart of one indicator in the compiled follow-up: outcomes
 * (utfall) per period against the target (målvärde). The geometry is
 * computed once (rt_trend_chart_init: nice y scale with Swedish tick labels,
 * point positions, legend) and drawn by two renderers that share it: inline
 * SVG for HTML and cairo for PDF. Outcome and target differ in line style
 * and marker, not only colour (solid line + filled circles vs dashed line +
 * hollow squares), and the SVG carries every value in words. Deterministic:
 * fixed number formatting, no clock, no locale. */
#ifndef RT_REPORT_TREND_CHART_H
#define RT_REPORT_TREND_CHART_H
#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "report/followup.h"
#include "report/glyph_run.h"
#include "util/buf.h"

#define RT_TREND_MAX_TICKS 3       /* bottom, middle, top */
#define RT_TREND_FONT_SIZE 9.0      /* tick, period and legend labels */
/* Shared by the SVG (trend_chart.c) and cairo (trend_chart_cairo.c) renderers. */
#define RT_TREND_CHAR_W (RT_TREND_FONT_SIZE * 0.6) /* a generous average glyph width */
#define RT_TREND_MARKER_R 3.0       /* outcome circle radius, half the target square */
#define RT_TREND_LEGEND_SAMPLE 22.0 /* length of the line sample in the legend */

struct rt_trend_tick {
	double value;
	double y;
	char label[32];                 /* "2,5", "-1 000", "0" */
};

struct rt_trend_chart {
	double width, height;           /* whole chart (px in SVG, pt in PDF) */
	double plot_left, plot_right, plot_top, plot_bottom;
	double lo, hi, step;            /* y scale: nice bounds and tick step */
	size_t n_ticks;
	struct rt_trend_tick ticks[RT_TREND_MAX_TICKS];
	size_t n;                       /* periods, oldest first */
	const char *const *labels;      /* period keys, borrowed from the report */
	double *x;                      /* n x positions */
	double *y_outcome;              /* n; NaN where no outcome */
	double *y_target;               /* n; NaN where no numeric target */
	const double *values, *targets; /* borrowed: the numbers behind the points */
	bool has_target;
	double label_y;                 /* baseline of the period labels */
	double legend_y;                /* baseline of the legend */
	bool legend;                    /* drawn with its legend (below the period labels) */
	bool key_target;                /* the legend names the target even when this chart
	                                   has none (a PDF page's legend is for all its charts) */
	rt_buf desc;                    /* "Trend för …. Utfall 2021-T1: 5,4 %; … Målvärde 4,6 %." */
};

/* Does the indicator get a chart? At least two periods with an outcome. */
bool rt_trend_chart_wanted(const struct rt_report_indicator *ind);

/* Lays out the chart for `ind` in a width × height box. Returns false (and
 * leaves nothing to release) when the indicator gets no chart. */
bool rt_trend_chart_init(struct rt_trend_chart *c, const struct rt_report_indicator *ind,
                         double width, double height);
/* The same without the legend when !legend (a PDF page names the series
 * once, in its first chart): the period labels go to the legend's place. */
bool rt_trend_chart_init_legend(struct rt_trend_chart *c, const struct rt_report_indicator *ind,
                                double width, double height, bool legend);
/* The legend's height: a chart without one is this much shorter. */
#define RT_TREND_LEGEND_H (RT_TREND_FONT_SIZE + 5)

/* Does point i of ys start, end or bend its line? A constant target is one
 * segment with a marker at each end, not one per period. */
bool rt_trend_vertex(const double *ys, size_t n, size_t i);
void rt_trend_chart_release(struct rt_trend_chart *c);

/* The period labels shown: the oldest and the newest (rt_trend_label_every
 * is n - 1 then; rt_trend_label_shown says whether label i is). */
size_t rt_trend_label_every(const struct rt_trend_chart *c);
bool rt_trend_label_shown(const struct rt_trend_chart *c, size_t k, size_t i);

/* <svg class="trend" role="img" aria-label="…"><desc>…</desc>…</svg>, standalone:
 * every style an attribute, so it can go into any page. */
void rt_trend_chart_svg(const struct rt_trend_chart *c, rt_buf *out);

/* The same chart, smaller, for a document with many: the styles are
 * classes from rt_trend_chart_css (put it in the document's <style>) and
 * the point markers are <marker>s of rt_trend_chart_defs (written once,
 * before the first chart). Same picture, same texts. */
void rt_trend_chart_svg_shared(const struct rt_trend_chart *c, rt_buf *out);
extern const char rt_trend_chart_css[];
void rt_trend_chart_defs(rt_buf *out);

/* Draws the chart with its top-left corner at (x, y) using cr's current
 * font face (the caller selects one that has å ä ö); cr's state is kept. */
void rt_trend_chart_cairo(const struct rt_trend_chart *c, cairo_t *cr, double x, double y);

/* Many charts on one page, drawn with a few operators for all of them
 * (trend_chart.c says why): rt_trend_chart_batch adds a chart at (x, y)
 * (cr converts the labels with its current font face, at the chart's
 * size, which it leaves set), rt_trend_batch_draw draws and empties the
 * batch, keeping cr's state. */
struct rt_trend_seg {
	int op;
	double x, y;
};
struct rt_trend_path {
	struct rt_trend_seg *v;
	size_t n, cap;
};
struct rt_trend_mark {                 /* a marker glyph (⬤, ◼) at one size */
	struct rt_glyph_run run;
	unsigned long index;
	double size, dx, dy;               /* font size; glyph origin = centre + (dx, dy) */
};
struct rt_trend_batch {
	struct rt_trend_path grid, axis, target, outcome;
	struct rt_trend_mark dots, squares, holes;
	struct rt_glyph_run labels;
	cairo_font_face_t *face;           /* the labels' and markers' face (borrowed) */
	bool pending, marks_ready;
	/* converts a label (anchor as rt_glyph_run_add's) when set, e.g. from
	 * the PDF layout's glyph cache; else cr's font converts it */
	void (*text)(void *ctx, struct rt_glyph_run *r, double x, double y, double anchor,
	             const char *s);
	void *text_ctx;
};
void rt_trend_chart_batch(const struct rt_trend_chart *c, struct rt_trend_batch *b, cairo_t *cr,
                          double x, double y);
void rt_trend_batch_draw(struct rt_trend_batch *b, cairo_t *cr);
void rt_trend_batch_release(struct rt_trend_batch *b);

#endif
