/* Trend charts for the compiled follow-up: one geometry, two renderers (SVG
 * text for HTML, cairo for PDF). The scale is "nice" (steps of 1, 2, 2,5 or
 * 5 × 10^k) so that tick labels read like a person would write them, in
 * Swedish number format. Text widths are estimated from character counts
 * so the geometry does not depend on a font being installed. */
#include "report/trend_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/glyph_run.h"
#include "util/alloc.h"
#include "util/numfmt.h"

#define POINT_PAD 12.0                  /* keeps the first and last point off the edges */

/* Characters, not bytes: the labels hold U+00A0 between thousands. */
static size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

bool rt_trend_chart_wanted(const struct rt_report_indicator *ind)
{
	size_t n = 0;
	for (size_t i = 0; i < ind->n_trend; i++)
		if (!isnan(ind->trend_values[i]))
			n++;
	return n >= 2;
}

/* 1, 2, 2,5 or 5 × 10^k, at least `rough`. */
static double nice_step(double rough)
{
	double mag = pow(10, floor(log10(rough)));
	double norm = rough / mag * (1 - 1e-9);  /* 0,8 / 4 is 0,2000…02: still a step of 0,2 */
	double f = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
	return f * mag;
}

static void scale(struct rt_trend_chart *c, double lo, double hi)
{
	/* Start at zero when zero is near anyway (reads more honestly), but not
	 * for 4,6 → 5,4, which would be a flat line on a 0–6 scale. */
	if (lo > 0 && lo < hi * 0.5)
		lo = 0;
	if (hi < 0 && hi > lo * 0.5)
		hi = 0;
	if (hi - lo < 1e-9) {
		double pad = fabs(hi) > 1e-9 ? fabs(hi) * 0.1 : 1.0;
		lo -= pad;
		hi += pad;
	}
	/* three ticks at most (bottom, middle, top): enough to read a trend
	 * by, and each tick is a label and a grid line that cairo prints
	 * for every one of a region's ~17 000 charts */
	double step = nice_step((hi - lo) / 2);
	double nlo = floor(lo / step + 1e-9) * step;
	double nhi = ceil(hi / step - 1e-9) * step;
	size_t n = (size_t)llround((nhi - nlo) / step) + 1;
	while (n > RT_TREND_MAX_TICKS) {
		step = nice_step(step * 1.01);
		nlo = floor(lo / step + 1e-9) * step;
		nhi = ceil(hi / step - 1e-9) * step;
		n = (size_t)llround((nhi - nlo) / step) + 1;
	}
	c->lo = nlo;
	c->hi = nhi;
	c->step = step;
	c->n_ticks = n;
	rt_buf t = RT_BUF_INIT;             /* one buffer for all labels of the chart */
	for (size_t i = 0; i < n; i++) {
		double v = nlo + (double)i * step;
		if (fabs(v) < step * 1e-6)
			v = 0;                      /* no "-0" */
		c->ticks[i].value = v;
		rt_buf_reset(&t);
		rt_num_format_short(&t, v);
		size_t l = t.len < sizeof c->ticks[i].label ? t.len : sizeof c->ticks[i].label - 1;
		memcpy(c->ticks[i].label, t.buf, l);
		c->ticks[i].label[l] = '\0';
	}
	rt_buf_release(&t);
}

static double map_y(const struct rt_trend_chart *c, double v)
{
	return c->plot_bottom - (v - c->lo) / (c->hi - c->lo) * (c->plot_bottom - c->plot_top);
}

/* A string literal appended without strlen: describe runs for every chart. */
#define ADD_LIT(b, lit) rt_buf_add(b, lit, sizeof(lit) - 1)

static void add_value(rt_buf *d, double v, const char *unit)
{
	rt_num_format_short(d, v);
	if (unit) {
		rt_buf_addch(d, ' ');
		rt_buf_addstr(d, unit);
	}
}

/* "; 2021-T2: ", without printf: it is called for every value of every chart. */
static void period_label(rt_buf *d, bool sep, const char *label)
{
	if (sep)
		ADD_LIT(d, "; ");
	rt_buf_addstr(d, label);
	ADD_LIT(d, ": ");
}

/* "Trend för Sjukfrånvaro. Utfall 2021-T1: 5,4 %; 2021-T2: 5,1 %.
 * Målvärde 4,6 %." — one target value when it is the same throughout. */
static void describe(rt_buf *d, const struct rt_report_indicator *ind)
{
	ADD_LIT(d, "Trend för ");
	rt_buf_addstr(d, ind->name ? ind->name : "mätetalet");
	ADD_LIT(d, ". Utfall ");
	bool sep = false;
	for (size_t i = 0; i < ind->n_trend; i++) {
		if (isnan(ind->trend_values[i]))
			continue;
		period_label(d, sep, ind->trend_labels[i]);
		add_value(d, ind->trend_values[i], ind->unit);
		sep = true;
	}
	rt_buf_addch(d, '.');
	size_t n_t = 0;
	bool same = true;
	double first = NAN;
	for (size_t i = 0; i < ind->n_trend; i++) {
		double t = ind->trend_targets[i];
		if (isnan(t))
			continue;
		if (n_t++ == 0)
			first = t;
		else if (t != first)
			same = false;
	}
	if (n_t == 0) {
		ADD_LIT(d, " Inget målvärde.");
		return;
	}
	ADD_LIT(d, " Målvärde ");
	if (same) {
		add_value(d, first, ind->unit);
	} else {
		sep = false;
		for (size_t i = 0; i < ind->n_trend; i++) {
			if (isnan(ind->trend_targets[i]))
				continue;
			period_label(d, sep, ind->trend_labels[i]);
			add_value(d, ind->trend_targets[i], ind->unit);
			sep = true;
		}
	}
	rt_buf_addch(d, '.');
}

bool rt_trend_chart_init(struct rt_trend_chart *c, const struct rt_report_indicator *ind,
                         double width, double height)
{
	return rt_trend_chart_init_legend(c, ind, width, height, true);
}

bool rt_trend_vertex(const double *ys, size_t n, size_t i)
{
	if (isnan(ys[i]))
		return false;
	return i == 0 || i + 1 == n || isnan(ys[i - 1]) || isnan(ys[i + 1]) ||
	       ys[i - 1] != ys[i] || ys[i + 1] != ys[i];
}

bool rt_trend_chart_init_legend(struct rt_trend_chart *c, const struct rt_report_indicator *ind,
                                double width, double height, bool legend)
{
	memset(c, 0, sizeof(*c));
	c->desc = (rt_buf)RT_BUF_INIT;
	if (!rt_trend_chart_wanted(ind))
		return false;
	size_t n = ind->n_trend;
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		double v[2] = { ind->trend_values[i], ind->trend_targets[i] };
		for (int k = 0; k < 2; k++) {
			if (isnan(v[k]))
				continue;
			lo = fmin(lo, v[k]);
			hi = fmax(hi, v[k]);
		}
		if (!isnan(v[1]))
			c->has_target = true;
	}
	scale(c, lo, hi);

	size_t tick_chars = 0, period_chars = 0;
	for (size_t i = 0; i < c->n_ticks; i++) {
		size_t l = utf8_len(c->ticks[i].label);
		tick_chars = l > tick_chars ? l : tick_chars;
	}
	for (size_t i = 0; i < n; i++) {
		size_t l = utf8_len(ind->trend_labels[i]);
		period_chars = l > period_chars ? l : period_chars;
	}
	double half_label = (double)period_chars * RT_TREND_CHAR_W / 2;
	c->width = width;
	c->height = height;
	c->plot_left = 6 + (double)tick_chars * RT_TREND_CHAR_W + 4;
	c->plot_right = width - fmax(6, half_label - POINT_PAD + 2);
	c->plot_top = RT_TREND_FONT_SIZE / 2 + 2;
	c->legend = legend;
	c->legend_y = height - 3;
	c->label_y = legend ? c->legend_y - RT_TREND_LEGEND_H : c->legend_y;
	c->plot_bottom = c->label_y - RT_TREND_FONT_SIZE - 3;

	c->n = n;
	c->labels = ind->trend_labels;
	c->values = ind->trend_values;
	c->targets = ind->trend_targets;
	for (size_t i = 0; i < c->n_ticks; i++)
		c->ticks[i].y = map_y(c, c->ticks[i].value);
	c->x = rt_xmalloc(3 * n * sizeof(*c->x));  /* one block: x, y_outcome, y_target */
	c->y_outcome = c->x + n;
	c->y_target = c->x + 2 * n;
	double x0 = c->plot_left + POINT_PAD, x1 = c->plot_right - POINT_PAD;
	for (size_t i = 0; i < n; i++) {
		c->x[i] = x0 + (double)i * (x1 - x0) / (double)(n - 1);
		c->y_outcome[i] = isnan(ind->trend_values[i]) ? NAN : map_y(c, ind->trend_values[i]);
		c->y_target[i] = isnan(ind->trend_targets[i]) ? NAN : map_y(c, ind->trend_targets[i]);
	}
	/* the name, and per period a label and at most two values */
	rt_buf_grow(&c->desc, 96 + (ind->name ? strlen(ind->name) : 0) + n * (period_chars + 48));
	describe(&c->desc, ind);
	return true;
}

void rt_trend_chart_release(struct rt_trend_chart *c)
{
	free(c->x);                         /* the y arrays share its block */
	rt_buf_release(&c->desc);
	memset(c, 0, sizeof(*c));
	c->desc = (rt_buf)RT_BUF_INIT;
}

/* The period labels shown: the oldest and the newest. */
size_t rt_trend_label_every(const struct rt_trend_chart *c)
{
	/* the points are evenly spaced, so the two ends date the rest; a
	 * label per period was ~8 glyphs each, a quarter of a chart's cost */
	return c->n > 1 ? c->n - 1 : 1;
}

bool rt_trend_label_shown(const struct rt_trend_chart *c, size_t k, size_t i)
{
	return (c->n - 1 - i) % k == 0;
}

/* ---- SVG ---------------------------------------------------------------- */

/* The SVG is written with raw appenders into room reserved per element
 * (svg_room): a region's report has ~17 000 charts and ~1,2 million
 * coordinates, and a call chain per byte or number was most of its
 * rendering time. */
#define NUM_MAX 20                      /* "-123456789012345.6" and more */

static char *svg_room(rt_buf *b, size_t n)
{
	rt_buf_grow(b, n);
	return b->buf + b->len;
}

static void svg_done(rt_buf *b, char *p)
{
	b->len = (size_t)(p - b->buf);
	*p = '\0';
}

static char *put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}
#define PUT(p, lit) put(p, lit, sizeof(lit) - 1)

/* One decimal, '.' as SVG wants it, no ".0": rounds half away from zero
 * as llround does, without the libm call, and writes the digits in place
 * once their count is known. */
static char *num(char *p, double v)
{
	double t = v * 10;
	if (!(fabs(t) < 1e17))
		t = 0;                          /* off any chart: a bug, but bounded text */
	long long i = (long long)t;         /* truncates; t - i is exact */
	double frac = t - (double)i;
	if (frac >= 0.5)
		i++;
	else if (frac <= -0.5)
		i--;
	if (i < 0) {
		*p++ = '-';
		i = -i;
	}
	unsigned long long u = (unsigned long long)i / 10;
	unsigned tenth = (unsigned)((unsigned long long)i % 10);
	if (u < 10000) {                    /* every coordinate of a chart: 32-bit digits */
		unsigned w = (unsigned)u;
		if (w >= 100) {
			if (w >= 1000)
				*p++ = (char)('0' + w / 1000);
			*p++ = (char)('0' + w / 100 % 10);
		}
		if (w >= 10)
			*p++ = (char)('0' + w / 10 % 10);
		*p++ = (char)('0' + w % 10);
	} else {
		int len = 1;
		for (unsigned long long q = u; q >= 10; q /= 10)
			len++;
		char *e = p + len;
		do {
			*--e = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		p += len;
	}
	if (tenth) {
		*p++ = '.';
		*p++ = (char)('0' + tenth);
	}
	return p;
}

/* "x y" */
static char *point(char *p, double x, double y)
{
	p = num(p, x);
	*p++ = ' ';
	return num(p, y);
}

/* The x coordinates as text, formatted once per chart: each is written
 * for both series and for its period label. */
#define XS_MAX 64
struct xs {
	size_t n;                           /* the first n are here; the rest are formatted */
	unsigned char len[XS_MAX];
	char text[XS_MAX][NUM_MAX];
};

static void xs_init(struct xs *xs, const struct rt_trend_chart *c)
{
	xs->n = c->n < XS_MAX ? c->n : XS_MAX;
	for (size_t i = 0; i < xs->n; i++)
		xs->len[i] = (unsigned char)(num(xs->text[i], c->x[i]) - xs->text[i]);
}

static char *put_x(char *p, const struct xs *xs, const struct rt_trend_chart *c, size_t i)
{
	return i < xs->n ? put(p, xs->text[i], xs->len[i]) : num(p, c->x[i]);
}

/* How the two kinds of SVG look: standalone (every style an attribute, the
 * markers as paths: a chart anywhere, e.g. the web's goal page) or shared
 * (classes from rt_trend_chart_css and the markers of rt_trend_chart_defs,
 * written once per document: the compiled report). Same picture. */
struct svg_look {
	const char *frame_open, *frame_close;   /* around the chart's content */
	const char *grid, *axis, *ticks, *periods;
	const char *outcome, *target, *outcome_key, *target_key;
	bool marker_paths;                      /* markers as paths, not <marker> */
};

#define OUTCOME_LINE "class=\"outcome\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\""
#define TARGET_LINE "class=\"target\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.5\" " \
	"stroke-dasharray=\"5 3\""

static const struct svg_look standalone = {
	"<g font-size=\"9\" fill=\"#333\">\n", "</g>\n",
	"fill=\"none\" stroke=\"#ddd\"", "fill=\"none\" stroke=\"#999\"",
	"text-anchor=\"end\"", "text-anchor=\"middle\"",
	OUTCOME_LINE, TARGET_LINE, OUTCOME_LINE, TARGET_LINE, true,
};

static const struct svg_look shared = {
	"", "",
	"class=\"grid\"", "class=\"axis\"", "class=\"ticks\"", "class=\"periods\"",
	"class=\"outcome\"", "class=\"target\"", "class=\"outcome key\"", "class=\"target key\"", false,
};

/* Markers sit on every vertex of the lines (marker: all three), the legend
 * sample has one in its middle (marker-mid only); userSpaceOnUse keeps them
 * the size of the standalone paths whatever the line width. */
const char rt_trend_chart_css[] =
	"svg.trend text{font-size:9px;fill:#333}\n"
	"svg.trend .grid{fill:none;stroke:#ddd}\n"
	"svg.trend .axis{fill:none;stroke:#999}\n"
	"svg.trend .ticks{text-anchor:end}\n"
	"svg.trend .periods{text-anchor:middle}\n"
	"svg.trend .outcome{fill:none;stroke:#1f4e79;stroke-width:2;marker:url(#rt-trend-dot)}\n"
	"svg.trend .target{fill:none;stroke:#555;stroke-width:1.5;stroke-dasharray:5 3;"
	"marker:url(#rt-trend-square)}\n"
	"svg.trend .key{marker-start:none;marker-end:none}\n"
	"svg.trend-defs{position:absolute;width:0;height:0;overflow:hidden}\n";

void rt_trend_chart_defs(rt_buf *out)
{
	rt_buf_addstr(out,
		"<svg class=\"trend-defs\" width=\"0\" height=\"0\" aria-hidden=\"true\" "
		"focusable=\"false\">\n<defs>\n"
		"<marker id=\"rt-trend-dot\" markerUnits=\"userSpaceOnUse\" markerWidth=\"8\" "
		"markerHeight=\"8\" refX=\"4\" refY=\"4\"><circle cx=\"4\" cy=\"4\" r=\"3\" "
		"fill=\"#1f4e79\"/></marker>\n"
		"<marker id=\"rt-trend-square\" markerUnits=\"userSpaceOnUse\" markerWidth=\"8\" "
		"markerHeight=\"8\" refX=\"4\" refY=\"4\"><rect x=\"1\" y=\"1\" width=\"6\" "
		"height=\"6\" fill=\"#fff\" stroke=\"#555\" stroke-width=\"1.5\"/></marker>\n"
		"</defs>\n</svg>\n");
}

/* The lines of a series, a polyline per run of two or more points; with
 * <marker>s (shared) a lone point is a zero-length path, which draws its
 * marker and no line. */
static void svg_series(rt_buf *b, const struct rt_trend_chart *c, const struct xs *xs,
                       const double *ys, const char *attrs, bool lone_points, bool bends_only)
{
	size_t alen = strlen(attrs);
	size_t i = 0;
	while (i < c->n) {
		while (i < c->n && isnan(ys[i]))
			i++;
		size_t start = i;
		while (i < c->n && !isnan(ys[i]))
			i++;
		if (i == start || (i - start < 2 && !lone_points))
			continue;
		char *p = svg_room(b, 32 + alen + (i - start) * (2 * NUM_MAX + 2));
		if (i - start == 1) {
			p = PUT(p, "<path ");
			p = put(p, attrs, alen);
			p = PUT(p, " d=\"M");
			p = put_x(p, xs, c, start);
			*p++ = ' ';
			p = num(p, ys[start]);
			p = PUT(p, "h0\"/>\n");
		} else {
			p = PUT(p, "<polyline ");
			p = put(p, attrs, alen);
			p = PUT(p, " points=\"");
			for (size_t k = start; k < i; k++) {
				if (bends_only && !rt_trend_vertex(ys, c->n, k))
					continue;       /* the target: a marker where it changes */
				if (k > start)
					*p++ = ' ';
				p = put_x(p, xs, c, k);
				*p++ = ',';
				p = num(p, ys[k]);
			}
			p = PUT(p, "\"/>\n");
		}
		svg_done(b, p);
	}
}

/* Standalone: all markers of a series and its legend sample (at lx, ly) in
 * one path: circles as zero-length segments with round caps (as in the
 * PDF), squares as closed 6 × 6 subpaths. */
static void svg_marker_path(rt_buf *b, const struct rt_trend_chart *c, const double *ys,
                            bool square, double lx, double ly)
{
	char *p = svg_room(b, 128 + (c->n + 1) * (2 * NUM_MAX + 12));
	p = square ? PUT(p, "<path class=\"target-marks\" fill=\"#fff\" stroke=\"#555\" "
	                    "stroke-width=\"1.5\" d=\"")
	           : PUT(p, "<path class=\"outcome-marks\" fill=\"none\" stroke=\"#1f4e79\" "
	                    "stroke-width=\"6\" stroke-linecap=\"round\" d=\"");
	for (size_t i = 0; i <= c->n; i++) {
		double x = i < c->n ? c->x[i] : lx, y = i < c->n ? ys[i] : ly;
		if (isnan(y) || (square && i < c->n && !rt_trend_vertex(ys, c->n, i)))
			continue;
		*p++ = 'M';
		if (square) {
			p = point(p, x - RT_TREND_MARKER_R, y - RT_TREND_MARKER_R);
			p = PUT(p, "h6v6h-6z");
		} else {
			p = point(p, x, y);
			p = PUT(p, "h0");
		}
	}
	p = PUT(p, "\"/>\n");
	svg_done(b, p);
}

/* <text x="…" y="…">s</text>, the legend's words */
static void svg_text(rt_buf *b, double x, double y, const char *s)
{
	char *p = svg_room(b, 32 + 2 * NUM_MAX);
	p = PUT(p, "<text x=\"");
	p = num(p, x);
	p = PUT(p, "\" y=\"");
	p = num(p, y);
	p = PUT(p, "\">");
	svg_done(b, p);
	rt_buf_add_html(b, s);
	rt_buf_add(b, "</text>\n", 8);
}

/* <g ATTRS transform="translate(x y)">, the labels of one kind. */
static void svg_group(rt_buf *b, const char *attrs, double x, double y)
{
	char *p = svg_room(b, 48 + strlen(attrs) + 2 * NUM_MAX);
	p = PUT(p, "<g ");
	p = put(p, attrs, strlen(attrs));
	p = PUT(p, " transform=\"translate(");
	p = y != 0 ? point(p, x, y) : num(p, x);    /* translate(x) is (x 0) */
	p = PUT(p, ")\">\n");
	svg_done(b, p);
}

/* The legend's line sample from (x, y), RT_TREND_LEGEND_SAMPLE long, with
 * a vertex in its middle for the marker. */
static void svg_key(rt_buf *b, const char *attrs, double x, double y)
{
	char *p = svg_room(b, 48 + strlen(attrs) + 4 * NUM_MAX);
	p = PUT(p, "<path ");
	p = put(p, attrs, strlen(attrs));
	p = PUT(p, " d=\"M");
	p = point(p, x, y);
	*p++ = 'h';
	p = num(p, RT_TREND_LEGEND_SAMPLE / 2);
	*p++ = 'h';
	p = num(p, RT_TREND_LEGEND_SAMPLE / 2);
	p = PUT(p, "\"/>\n");
	svg_done(b, p);
}

static void svg_chart(const struct rt_trend_chart *c, rt_buf *b, const struct svg_look *look)
{
	/* the accessible name (every value in words) once, as aria-label */
	rt_buf_grow(b, 2048 + 2 * c->desc.len);
	char *p = svg_room(b, 128 + 4 * NUM_MAX);
	p = PUT(p, "<svg class=\"trend\" width=\"");
	p = num(p, c->width);
	p = PUT(p, "\" height=\"");
	p = num(p, c->height);
	p = PUT(p, "\" viewBox=\"0 0 ");
	p = point(p, c->width, c->height);
	p = PUT(p, "\" role=\"img\" aria-label=\"");
	svg_done(b, p);
	rt_buf_add_html(b, c->desc.buf);
	rt_buf_addstr(b, "\">\n<desc>Heldragen linje med fyllda cirklar: utfall.");
	if (c->has_target)
		rt_buf_addstr(b, " Streckad linje med ofyllda kvadrater: målvärde.");
	rt_buf_addstr(b, "</desc>\n");
	rt_buf_addstr(b, look->frame_open);

	/* the grid in one path, the axes in another */
	p = svg_room(b, 96 + strlen(look->grid) + strlen(look->axis) + c->n_ticks * 3 * NUM_MAX);
	p = PUT(p, "<path ");
	p = put(p, look->grid, strlen(look->grid));
	p = PUT(p, " d=\"");
	for (size_t i = 1; i < c->n_ticks; i++) {
		*p++ = 'M';
		p = point(p, c->plot_left, c->ticks[i].y);
		*p++ = 'H';
		p = num(p, c->plot_right);
	}
	p = PUT(p, "\"/>\n<path ");
	p = put(p, look->axis, strlen(look->axis));
	p = PUT(p, " d=\"M");
	p = point(p, c->plot_left, c->ticks[0].y);   /* the x axis; the grid reads as the y axis */
	*p++ = 'H';
	p = num(p, c->plot_right);
	p = PUT(p, "\"/>\n");
	svg_done(b, p);

	/* tick labels right-aligned at one x, period labels centred on one
	 * baseline: the shared coordinate once, on the group */
	svg_group(b, look->ticks, c->plot_left - 4, 0);
	p = svg_room(b, 8 + c->n_ticks * (32 + NUM_MAX + sizeof c->ticks[0].label));
	for (size_t i = 0; i < c->n_ticks; i++) {
		p = PUT(p, "<text y=\"");
		p = num(p, c->ticks[i].y + RT_TREND_FONT_SIZE * 0.35);
		p = PUT(p, "\">");
		p = put(p, c->ticks[i].label, strlen(c->ticks[i].label));  /* numfmt's: no escapes */
		p = PUT(p, "</text>\n");
	}
	p = PUT(p, "</g>\n");
	svg_done(b, p);
	svg_group(b, look->periods, 0, c->label_y);
	struct xs xs;
	xs_init(&xs, c);
	size_t k = rt_trend_label_every(c);
	for (size_t i = 0; i < c->n; i++) {
		if (!rt_trend_label_shown(c, k, i))
			continue;
		p = svg_room(b, 32 + NUM_MAX);
		p = PUT(p, "<text x=\"");
		p = put_x(p, &xs, c, i);
		p = PUT(p, "\">");
		svg_done(b, p);
		rt_buf_add_html(b, c->labels[i]);
		rt_buf_add(b, "</text>\n", 8);
	}
	rt_buf_add(b, "</g>\n", 5);

	/* lines, then markers on top; legend: line sample + marker + word, so
	 * neither colour nor shape alone tells the two series apart */
	double lx = c->plot_left, ly = c->legend_y - RT_TREND_FONT_SIZE * 0.35;
	double tx = lx + RT_TREND_LEGEND_SAMPLE + 4 + 7 * RT_TREND_CHAR_W + 12;
	bool lone = !look->marker_paths;
	bool key = c->legend;
	if (c->has_target)
		svg_series(b, c, &xs, c->y_target, look->target, lone, true);
	svg_series(b, c, &xs, c->y_outcome, look->outcome, lone, false);
	if (key)
		svg_key(b, look->outcome_key, lx, ly);
	if (key && c->has_target)
		svg_key(b, look->target_key, tx, ly);
	if (look->marker_paths) {
		if (c->has_target)
			svg_marker_path(b, c, c->y_target, true, tx + RT_TREND_LEGEND_SAMPLE / 2,
			                key ? ly : NAN);
		svg_marker_path(b, c, c->y_outcome, false, lx + RT_TREND_LEGEND_SAMPLE / 2,
		                key ? ly : NAN);
	}
	if (key)
		svg_text(b, lx + RT_TREND_LEGEND_SAMPLE + 4, c->legend_y, "Utfall");
	if (key && c->has_target)
		svg_text(b, tx + RT_TREND_LEGEND_SAMPLE + 4, c->legend_y, "Målvärde");
	rt_buf_addstr(b, look->frame_close);
	rt_buf_addstr(b, "</svg>");
}

void rt_trend_chart_svg(const struct rt_trend_chart *c, rt_buf *out)
{
	svg_chart(c, out, &standalone);
}

void rt_trend_chart_svg_shared(const struct rt_trend_chart *c, rt_buf *out)
{
	svg_chart(c, out, &shared);
}
