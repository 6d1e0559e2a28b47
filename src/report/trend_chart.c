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

/* rt_num_format_short's bytes ("2,5", "-1 000", "0,125") without its
 * snprintf: a region's report formats every tick and every value of ~17 000
 * charts, and that printf was a twentieth of the HTML's instructions. Out
 * of its plain range it hands over to rt_num_format_short. */
static void short_num(rt_buf *b, double v)
{
	if (!isfinite(v) || fabs(v) >= 9.2e12) {
		rt_num_format_short(b, v);
		return;
	}
	long long scaled = llround(v * 1e6);
	int decimals = 6;
	while (decimals > 0 && scaled % 10 == 0) {
		scaled /= 10;
		decimals--;
	}
	unsigned long long mag = scaled < 0 ? 0ULL - (unsigned long long)scaled
	                                    : (unsigned long long)scaled;
	char d[32];                         /* digits, least significant first */
	int n = 0;
	do {
		d[n++] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag);
	while (n < decimals + 1)            /* "0,125": at least one integer digit */
		d[n++] = '0';
	int int_len = n - decimals;
	if (scaled < 0)
		rt_buf_addch(b, '-');
	for (int i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0)
			rt_buf_addstr(b, RT_NUM_GROUP_SEP);
		rt_buf_addch(b, d[n - 1 - i]);
	}
	if (decimals) {
		rt_buf_addch(b, ',');
		for (int i = int_len; i < n; i++)
			rt_buf_addch(b, d[n - 1 - i]);
	}
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
	double step = nice_step((hi - lo) / 4);
	double nlo = floor(lo / step + 1e-9) * step;
	double nhi = ceil(hi / step - 1e-9) * step;
	size_t n = (size_t)llround((nhi - nlo) / step) + 1;
	while (n > RT_TREND_MAX_TICKS) {    /* cannot happen with /4, but stay in bounds */
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
		short_num(&t, v);
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

static void add_value(rt_buf *d, double v, const char *unit)
{
	short_num(d, v);
	if (unit) {
		rt_buf_addch(d, ' ');
		rt_buf_addstr(d, unit);
	}
}

/* "; 2021-T2: ", without printf: it is called for every value of every chart. */
static void period_label(rt_buf *d, bool sep, const char *label)
{
	if (sep)
		rt_buf_addstr(d, "; ");
	rt_buf_addstr(d, label);
	rt_buf_addstr(d, ": ");
}

/* "Trend för Sjukfrånvaro. Utfall 2021-T1: 5,4 %; 2021-T2: 5,1 %.
 * Målvärde 4,6 %." — one target value when it is the same throughout. */
static void describe(rt_buf *d, const struct rt_report_indicator *ind)
{
	rt_buf_addstr(d, "Trend för ");
	rt_buf_addstr(d, ind->name ? ind->name : "mätetalet");
	rt_buf_addstr(d, ". Utfall ");
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
		rt_buf_addstr(d, " Inget målvärde.");
		return;
	}
	rt_buf_addstr(d, " Målvärde ");
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
	c->legend_y = height - 3;
	c->label_y = c->legend_y - RT_TREND_FONT_SIZE - 5;
	c->plot_bottom = c->label_y - RT_TREND_FONT_SIZE - 3;

	c->n = n;
	c->labels = ind->trend_labels;
	c->values = ind->trend_values;
	c->targets = ind->trend_targets;
	for (size_t i = 0; i < c->n_ticks; i++)
		c->ticks[i].y = map_y(c, c->ticks[i].value);
	c->x = rt_xmalloc(n * sizeof(*c->x));
	c->y_outcome = rt_xmalloc(n * sizeof(*c->y_outcome));
	c->y_target = rt_xmalloc(n * sizeof(*c->y_target));
	double x0 = c->plot_left + POINT_PAD, x1 = c->plot_right - POINT_PAD;
	for (size_t i = 0; i < n; i++) {
		c->x[i] = x0 + (double)i * (x1 - x0) / (double)(n - 1);
		c->y_outcome[i] = isnan(ind->trend_values[i]) ? NAN : map_y(c, ind->trend_values[i]);
		c->y_target[i] = isnan(ind->trend_targets[i]) ? NAN : map_y(c, ind->trend_targets[i]);
	}
	describe(&c->desc, ind);
	return true;
}

void rt_trend_chart_release(struct rt_trend_chart *c)
{
	free(c->x);
	free(c->y_outcome);
	free(c->y_target);
	rt_buf_release(&c->desc);
	memset(c, 0, sizeof(*c));
	c->desc = (rt_buf)RT_BUF_INIT;
}

/* Period labels that fit side by side: every k-th, counted back from the
 * newest so that the latest period is always named. */
size_t rt_trend_label_every(const struct rt_trend_chart *c)
{
	size_t chars = 0;
	for (size_t i = 0; i < c->n; i++) {
		size_t l = utf8_len(c->labels[i]);
		chars = l > chars ? l : chars;
	}
	double gap = (c->x[c->n - 1] - c->x[0]) / (double)(c->n - 1);
	double need = (double)chars * RT_TREND_CHAR_W + 6;
	size_t k = 1;
	while ((double)k * gap < need && k < c->n)
		k++;
	return k;
}

bool rt_trend_label_shown(const struct rt_trend_chart *c, size_t k, size_t i)
{
	return (c->n - 1 - i) % k == 0;
}

/* ---- SVG ---------------------------------------------------------------- */

/* One decimal, '.' as SVG wants it, without printf and without a ".0": a
 * region's report has tens of thousands of charts, and every byte of them
 * is written and read again by the browser. */
static void num(rt_buf *b, double v)
{
	long long t = llround(v * 10);
	char d[24];
	int n = 0;
	if (t < 0) {
		rt_buf_addch(b, '-');
		t = -t;
	}
	if (t % 10) {
		d[n++] = (char)('0' + t % 10);
		d[n++] = '.';
	}
	t /= 10;
	do {
		d[n++] = (char)('0' + t % 10);
		t /= 10;
	} while (t);
	rt_buf_grow(b, (size_t)n);
	while (n)
		b->buf[b->len++] = d[--n];
	b->buf[b->len] = '\0';
}

/* "x y" */
static void point(rt_buf *b, double x, double y)
{
	num(b, x);
	rt_buf_addch(b, ' ');
	num(b, y);
}

static void svg_polyline(rt_buf *b, const struct rt_trend_chart *c, const double *ys,
                         const char *attrs)
{
	size_t i = 0;
	while (i < c->n) {
		while (i < c->n && isnan(ys[i]))
			i++;
		size_t start = i;
		while (i < c->n && !isnan(ys[i]))
			i++;
		if (i - start < 2)
			continue;
		rt_buf_addstr(b, "<polyline ");
		rt_buf_addstr(b, attrs);
		rt_buf_addstr(b, " points=\"");
		for (size_t k = start; k < i; k++) {
			if (k > start)
				rt_buf_addch(b, ' ');
			num(b, c->x[k]);
			rt_buf_addch(b, ',');
			num(b, ys[k]);
		}
		rt_buf_addstr(b, "\"/>\n");
	}
}

/* All markers of a series and its legend sample (at lx, ly) in one path:
 * circles as zero-length segments with round caps (as in the PDF), squares
 * as closed 6 × 6 subpaths. */
static void svg_markers(rt_buf *b, const struct rt_trend_chart *c, const double *ys, bool square,
                        double lx, double ly)
{
	rt_buf_addstr(b, square ? "<path class=\"target-marks\" fill=\"#fff\" stroke=\"#555\" "
	                          "stroke-width=\"1.5\" d=\""
	                        : "<path class=\"outcome-marks\" fill=\"none\" stroke=\"#1f4e79\" "
	                          "stroke-width=\"6\" stroke-linecap=\"round\" d=\"");
	for (size_t i = 0; i <= c->n; i++) {
		double x = i < c->n ? c->x[i] : lx, y = i < c->n ? ys[i] : ly;
		if (isnan(y))
			continue;
		rt_buf_addch(b, 'M');
		if (square) {
			point(b, x - RT_TREND_MARKER_R, y - RT_TREND_MARKER_R);
			rt_buf_addstr(b, "h6v6h-6z");
		} else {
			point(b, x, y);
			rt_buf_addstr(b, "h0");
		}
	}
	rt_buf_addstr(b, "\"/>\n");
}

/* rt_buf_add_html's bytes, but the runs between the five special
 * characters are copied at once: the accessible name of every chart goes
 * through it. */
static void add_html(rt_buf *b, const char *s)
{
	static const char special[] = "&<>\"'";
	while (s && *s) {
		size_t n = strcspn(s, special);
		rt_buf_add(b, s, n);
		s += n;
		if (*s) {
			char one[2] = { *s++, '\0' };
			rt_buf_add_html(b, one);
		}
	}
}

static void svg_text(rt_buf *b, double x, double y, const char *s)
{
	rt_buf_addstr(b, "<text x=\"");
	num(b, x);
	rt_buf_addstr(b, "\" y=\"");
	num(b, y);
	rt_buf_addstr(b, "\">");
	add_html(b, s);
	rt_buf_addstr(b, "</text>\n");
}

static void svg_line(rt_buf *b, const char *attrs, double x1, double y1, double x2, double y2)
{
	rt_buf_addstr(b, "<path ");
	rt_buf_addstr(b, attrs);
	rt_buf_addstr(b, " d=\"M");
	point(b, x1, y1);
	rt_buf_addch(b, 'L');
	point(b, x2, y2);
	rt_buf_addstr(b, "\"/>\n");
}

#define OUTCOME_LINE "class=\"outcome\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\""
#define TARGET_LINE "class=\"target\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.5\" " \
	"stroke-dasharray=\"5 3\""

void rt_trend_chart_svg(const struct rt_trend_chart *c, rt_buf *b)
{
	/* the accessible name (every value in words) once, as aria-label */
	rt_buf_grow(b, 1024 + 2 * c->desc.len);
	rt_buf_addstr(b, "<svg class=\"trend\" width=\"");
	num(b, c->width);
	rt_buf_addstr(b, "\" height=\"");
	num(b, c->height);
	rt_buf_addstr(b, "\" viewBox=\"0 0 ");
	point(b, c->width, c->height);
	rt_buf_addstr(b, "\" role=\"img\" aria-label=\"");
	add_html(b, c->desc.buf);
	rt_buf_addstr(b, "\">\n<desc>Heldragen linje med fyllda cirklar: utfall.");
	if (c->has_target)
		rt_buf_addstr(b, " Streckad linje med ofyllda kvadrater: målvärde.");
	rt_buf_addstr(b, "</desc>\n<g font-size=\"9\" fill=\"#333\">\n");
	/* the grid in one path, the axes in another */
	rt_buf_addstr(b, "<path fill=\"none\" stroke=\"#ddd\" d=\"");
	for (size_t i = 1; i < c->n_ticks; i++) {
		rt_buf_addch(b, 'M');
		point(b, c->plot_left, c->ticks[i].y);
		rt_buf_addch(b, 'H');
		num(b, c->plot_right);
	}
	rt_buf_addstr(b, "\"/>\n<path fill=\"none\" stroke=\"#999\" d=\"M");
	point(b, c->plot_left, c->plot_top);
	rt_buf_addch(b, 'V');
	num(b, c->ticks[0].y);
	rt_buf_addch(b, 'H');
	num(b, c->plot_right);
	rt_buf_addstr(b, "\"/>\n<g text-anchor=\"end\">\n");
	for (size_t i = 0; i < c->n_ticks; i++)
		svg_text(b, c->plot_left - 4, c->ticks[i].y + RT_TREND_FONT_SIZE * 0.35,
		         c->ticks[i].label);
	rt_buf_addstr(b, "</g>\n<g text-anchor=\"middle\">\n");
	size_t k = rt_trend_label_every(c);
	for (size_t i = 0; i < c->n; i++)
		if (rt_trend_label_shown(c, k, i))
			svg_text(b, c->x[i], c->label_y, c->labels[i]);
	rt_buf_addstr(b, "</g>\n");

	/* lines, then markers on top; legend: line sample + marker + word, so
	 * neither colour nor shape alone tells the two series apart */
	double lx = c->plot_left, ly = c->legend_y - RT_TREND_FONT_SIZE * 0.35;
	double tx = lx + RT_TREND_LEGEND_SAMPLE + 4 + 7 * RT_TREND_CHAR_W + 12;
	if (c->has_target)
		svg_polyline(b, c, c->y_target, TARGET_LINE);
	svg_polyline(b, c, c->y_outcome, OUTCOME_LINE);
	svg_line(b, OUTCOME_LINE, lx, ly, lx + RT_TREND_LEGEND_SAMPLE, ly);
	if (c->has_target) {
		svg_line(b, TARGET_LINE, tx, ly, tx + RT_TREND_LEGEND_SAMPLE, ly);
		svg_markers(b, c, c->y_target, true, tx + RT_TREND_LEGEND_SAMPLE / 2, ly);
	}
	svg_markers(b, c, c->y_outcome, false, lx + RT_TREND_LEGEND_SAMPLE / 2, ly);
	svg_text(b, lx + RT_TREND_LEGEND_SAMPLE + 4, c->legend_y, "Utfall");
	if (c->has_target)
		svg_text(b, tx + RT_TREND_LEGEND_SAMPLE + 4, c->legend_y, "Målvärde");
	rt_buf_addstr(b, "</g>\n</svg>");
}
