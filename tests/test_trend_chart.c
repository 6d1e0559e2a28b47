/* Tests of the trend chart (src/report/trend_chart.c): the nice y scale and
 * its Swedish tick labels, point positions, the accessible SVG text with
 * every value in words, outcome vs target told apart by line style and
 * marker, the compact SVG of the report (classes, shared markers, same
 * texts), no chart below two outcomes, and the cairo renderer drawing the
 * same geometry. Models are built by hand (the demo has one period). */
#include "test_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/trend_chart.h"

struct series {
	const char *labels[8];
	double values[8];
	double targets[8];
	size_t n;
};

static struct rt_report_indicator indicator(const char *name, const char *unit,
                                            const struct series *s)
{
	struct rt_report_indicator ind = { .name = name, .unit = unit };
	ind.n_trend = s->n;
	ind.trend_labels = (const char **)s->labels;
	ind.trend_values = s->values;
	ind.trend_targets = s->targets;
	return ind;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void assert_ticks(const struct rt_trend_chart *c, const char *const *want, size_t n)
{
	assert_int_equal(c->n_ticks, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(c->ticks[i].label, want[i]);
}

static void test_scale_quarter_steps(void **state)
{
	(void)state;
	struct series s = { { "2021-T1", "2021-T2" }, { 2, 9 }, { 10, 10 }, 2 };
	struct rt_report_indicator ind = indicator("Andel", "%", &s);
	struct rt_trend_chart c;
	assert_true(rt_trend_chart_init(&c, &ind, 360, 150));
	/* 2 is near zero compared with 10, so the scale starts at 0; three
	 * ticks at most (bottom, middle, top) */
	static const char *const want[] = { "0", "5", "10" };
	assert_ticks(&c, want, 3);
	assert_true(c.lo == 0 && c.hi == 10 && c.step == 5);
	/* ticks run bottom-up: 0 on the x axis, 10 at the top of the plot */
	assert_true(fabs(c.ticks[0].y - c.plot_bottom) < 1e-9);
	assert_true(fabs(c.ticks[2].y - c.plot_top) < 1e-9);
	rt_trend_chart_release(&c);
}

static void test_scale_seed_sjukfranvaro(void **state)
{
	(void)state;
	/* seed 003: sjukfrånvaro 5,4 % against the target 4,6 %; a made-up
	 * earlier 5,1 % — the scale hugs the data instead of starting at 0 */
	struct series s = { { "2020-T3", "2021-T1" }, { 5.1, 5.4 }, { NAN, 4.6 }, 2 };
	struct rt_report_indicator ind = indicator("Sjukfrånvaro", "%", &s);
	struct rt_trend_chart c;
	assert_true(rt_trend_chart_init(&c, &ind, 360, 150));
	static const char *const want[] = { "4,5", "5", "5,5" };
	assert_ticks(&c, want, 3);
	assert_true(c.has_target);
	assert_true(isnan(c.y_target[0]));
	/* 4,6 a fifth of the plot above the bottom, 5,4 a fifth below the top */
	double h = c.plot_bottom - c.plot_top;
	assert_true(fabs(c.y_target[1] - (c.plot_bottom - 0.1 * h)) < 1e-6);
	assert_true(fabs(c.y_outcome[1] - (c.plot_top + 0.1 * h)) < 1e-6);
	rt_trend_chart_release(&c);
}

static void test_scale_thousands_and_zero(void **state)
{
	(void)state;
	/* seed 003's CO2 figures (kg): thousands with a no-break space */
	struct series s = { { "2018-T1", "2021-T1" }, { 192855, 100662 }, { NAN, NAN }, 2 };
	struct rt_report_indicator ind = indicator("CO2", "kg", &s);
	struct rt_trend_chart c;
	assert_true(rt_trend_chart_init(&c, &ind, 360, 150));
	assert_string_equal(c.ticks[0].label, "100\xc2\xa0" "000");
	assert_string_equal(c.ticks[c.n_ticks - 1].label, "200\xc2\xa0" "000");
	assert_true(c.step == 50000);
	assert_false(c.has_target);
	rt_trend_chart_release(&c);

	/* across zero: a plain "0", never "-0" */
	struct series z = { { "A", "B" }, { -2, 3 }, { NAN, NAN }, 2 };
	ind = indicator("Resultat", NULL, &z);
	assert_true(rt_trend_chart_init(&c, &ind, 360, 150));
	static const char *const want[] = { "-5", "0", "5" };
	assert_ticks(&c, want, 3);
	rt_trend_chart_release(&c);

	/* a flat series still gets a scale around its value */
	struct series f = { { "A", "B" }, { 5, 5 }, { NAN, NAN }, 2 };
	ind = indicator("Platt", NULL, &f);
	assert_true(rt_trend_chart_init(&c, &ind, 360, 150));
	assert_true(c.lo < 5 && c.hi > 5);
	assert_true(fabs(c.y_outcome[0] - c.y_outcome[1]) < 1e-9);
	rt_trend_chart_release(&c);
}

static void test_two_points_positions(void **state)
{
	(void)state;
	struct series s = { { "2021-T1", "2021-T2" }, { 5.4, 5.1 }, { 4.6, 4.6 }, 2 };
	struct rt_report_indicator ind = indicator("Sjukfrånvaro", "%", &s);
	struct rt_trend_chart c;
	assert_true(rt_trend_chart_init(&c, &ind, 360, 150));
	assert_int_equal(c.n, 2);
	/* first and last point 12 units inside the plot, whatever the width */
	assert_true(fabs(c.x[0] - (c.plot_left + 12)) < 1e-9);
	assert_true(fabs(c.x[1] - (c.plot_right - 12)) < 1e-9);
	assert_true(c.plot_left > 0 && c.plot_right <= 360 && c.plot_bottom < c.label_y);
	assert_true(c.label_y < c.legend_y && c.legend_y <= 150);
	assert_true(c.y_outcome[0] < c.y_outcome[1]);   /* 5,4 drawn above 5,1 */
	rt_trend_chart_release(&c);

	/* three points: the middle one halfway */
	struct series t = { { "2021-T1", "2021-T2", "2021-T3" }, { 1, 2, 3 }, { NAN, NAN, NAN }, 3 };
	ind = indicator("Tre", NULL, &t);
	assert_true(rt_trend_chart_init(&c, &ind, 360, 150));
	assert_true(fabs(c.x[1] - (c.x[0] + c.x[2]) / 2) < 1e-9);
	rt_trend_chart_release(&c);
}

static void test_no_chart_below_two_outcomes(void **state)
{
	(void)state;
	struct series one = { { "2021-T1" }, { 5.4 }, { 4.6 }, 1 };
	struct rt_report_indicator ind = indicator("Ett", "%", &one);
	struct rt_trend_chart c;
	assert_false(rt_trend_chart_wanted(&ind));
	assert_false(rt_trend_chart_init(&c, &ind, 360, 150));
	rt_trend_chart_release(&c);                    /* harmless after a false init */

	struct series gap = { { "2020-T3", "2021-T1" }, { NAN, 5.4 }, { 4.6, 4.6 }, 2 };
	ind = indicator("Lucka", "%", &gap);
	assert_false(rt_trend_chart_wanted(&ind));
	assert_false(rt_trend_chart_init(&c, &ind, 360, 150));

	struct series none = { { NULL }, { 0 }, { 0 }, 0 };
	ind = indicator("Inget", NULL, &none);
	assert_false(rt_trend_chart_wanted(&ind));
}

/* A coordinate as the SVG writes it: "%.1f" without a trailing ".0". */
static void coord(char out[16], double v)
{
	snprintf(out, 16, "%.1f", v);
	size_t l = strlen(out);
	if (l > 2 && strcmp(out + l - 2, ".0") == 0)
		out[l - 2] = '\0';
	if (strcmp(out, "-0") == 0)
		strcpy(out, "0");
}

static void test_svg_accessible(void **state)
{
	(void)state;
	struct series s = { { "2020-T3", "2021-T1" }, { 5.9, 5.4 }, { 4.6, 4.6 }, 2 };
	struct rt_report_indicator ind = indicator("Sjukfrånvaron ska vara lägre än utsatt målvärde",
	                                           "%", &s);
	struct rt_trend_chart c;
	assert_true(rt_trend_chart_init(&c, &ind, 360, 150));
	assert_string_equal(c.desc.buf, "Trend för Sjukfrånvaron ska vara lägre än utsatt målvärde. "
	                                "Utfall 2020-T3: 5,9 %; 2021-T1: 5,4 %. Målvärde 4,6 %.");
	rt_buf svg = RT_BUF_INIT;
	rt_trend_chart_svg(&c, &svg);
	assert_true(strncmp(svg.buf, "<svg class=\"trend\"", 18) == 0);
	/* every value in words once, as the accessible name */
	assert_non_null(strstr(svg.buf, "role=\"img\" aria-label=\"Trend för Sjukfrånvaron ska vara "
	                                "lägre än utsatt målvärde. Utfall 2020-T3: 5,9 %; "
	                                "2021-T1: 5,4 %. Målvärde 4,6 %.\">"));
	assert_int_equal(count(svg.buf, "Trend för"), 1);
	assert_non_null(strstr(svg.buf, "<desc>Heldragen linje med fyllda cirklar: utfall. "
	                                "Streckad linje med ofyllda kvadrater: målvärde.</desc>"));
	/* outcome solid + filled circles, target dashed + hollow squares, and a
	 * legend with both words: not colour alone */
	assert_int_equal(count(svg.buf, "<polyline class=\"outcome\""), 1);
	assert_int_equal(count(svg.buf, "<polyline class=\"target\""), 1);
	assert_int_equal(count(svg.buf, "stroke-dasharray"), 2);        /* line + legend */
	/* markers: one path per series, a subpath per point and one for the
	 * legend; circles are round-capped zero-length strokes */
	assert_int_equal(count(svg.buf, "<path class=\"outcome-marks\""), 1);
	assert_int_equal(count(svg.buf, "h0"), 3);                      /* 2 points + legend */
	assert_non_null(strstr(svg.buf, "stroke-linecap=\"round\""));
	assert_int_equal(count(svg.buf, "<path class=\"target-marks\""), 1);
	assert_int_equal(count(svg.buf, "h6v6h-6z"), 3);
	assert_non_null(strstr(svg.buf, ">Utfall</text>"));
	assert_non_null(strstr(svg.buf, ">Målvärde</text>"));
	assert_non_null(strstr(svg.buf, ">2020-T3</text>"));
	assert_non_null(strstr(svg.buf, ">2021-T1</text>"));
	assert_non_null(strstr(svg.buf, ">4</text>"));                  /* tick labels 4, 5, 6 */
	assert_non_null(strstr(svg.buf, ">6</text>"));
	assert_true(svg.len > 6 && strcmp(svg.buf + svg.len - 6, "</svg>") == 0);
	/* coordinates with one decimal (none when it is 0) and a point, where
	 * the geometry says */
	char at[96], x0[16], y0[16], x1[16], y1[16];
	coord(x1, c.x[1]);
	coord(y1, c.y_outcome[1]);
	snprintf(at, sizeof at, "M%s %sh0", x1, y1);
	assert_non_null(strstr(svg.buf, at));
	coord(x0, c.x[0]);
	coord(y0, c.y_target[0]);
	coord(y1, c.y_target[1]);
	snprintf(at, sizeof at, "points=\"%s,%s %s,%s\"", x0, y0, x1, y1);
	assert_non_null(strstr(svg.buf, at));

	/* deterministic */
	rt_buf again = RT_BUF_INIT;
	rt_trend_chart_svg(&c, &again);
	assert_string_equal(svg.buf, again.buf);
	rt_buf_release(&again);
	rt_buf_release(&svg);
	rt_trend_chart_release(&c);
}

static void test_svg_without_target_and_escaping(void **state)
{
	(void)state;
	struct series s = { { "2021-T1", "2021-T2", "2021-T3" }, { 466, NAN, 500 },
	                    { NAN, NAN, NAN }, 3 };
	struct rt_report_indicator ind = indicator("Antal <uppkopplade> & \"fler\"", NULL, &s);
	struct rt_trend_chart c;
	assert_true(rt_trend_chart_init(&c, &ind, 360, 150));
	assert_string_equal(c.desc.buf, "Trend för Antal <uppkopplade> & \"fler\". "
	                                "Utfall 2021-T1: 466; 2021-T3: 500. Inget målvärde.");
	rt_buf svg = RT_BUF_INIT;
	rt_trend_chart_svg(&c, &svg);
	assert_non_null(strstr(svg.buf, "Antal &lt;uppkopplade&gt; &amp; &quot;fler&quot;"));
	assert_null(strstr(svg.buf, "<uppkopplade>"));
	assert_null(strstr(svg.buf, "class=\"target\""));
	assert_null(strstr(svg.buf, "Målvärde</text>"));
	assert_null(strstr(svg.buf, "target-marks"));
	/* the missing middle outcome breaks the line: no run of two points */
	assert_null(strstr(svg.buf, "<polyline class=\"outcome\""));
	assert_int_equal(count(svg.buf, "h0"), 3);                      /* 2 points + legend */
	rt_buf_release(&svg);
	rt_trend_chart_release(&c);
}

/* The texts of an SVG in order: every ">…</text>" and the aria-label. */
static void texts(const char *svg, rt_buf *out)
{
	const char *l = strstr(svg, "aria-label=\"");
	assert_non_null(l);
	rt_buf_add(out, l, strcspn(l + 12, "\"") + 12);
	for (const char *p = strstr(svg, "<text"); p; p = strstr(p + 1, "<text")) {
		const char *gt = strchr(p, '>'), *end = strstr(p, "</text>");
		rt_buf_addch(out, '|');
		rt_buf_add(out, gt + 1, (size_t)(end - gt - 1));
	}
}

/* The report's compact SVG: styles as classes of rt_trend_chart_css, the
 * point markers as <marker>s of rt_trend_chart_defs on the lines' vertices
 * (a lone point a zero-length path), the same texts and accessible name as
 * the standalone SVG, and coordinates where the geometry says. */
static void test_svg_shared(void **state)
{
	(void)state;
	struct series s = { { "2020-T3", "2021-T1", "2021-T2", "2021-T3" }, { 466, NAN, 500, 480 },
	                    { NAN, 450, 450, NAN }, 4 };
	struct rt_report_indicator ind = indicator("Antal <uppkopplade>", NULL, &s);
	struct rt_trend_chart c;
	assert_true(rt_trend_chart_init(&c, &ind, 360, 150));
	rt_buf shared = RT_BUF_INIT, alone = RT_BUF_INIT;
	rt_trend_chart_svg_shared(&c, &shared);
	rt_trend_chart_svg(&c, &alone);
	const char *svg = shared.buf;
	assert_true(strncmp(svg, "<svg class=\"trend\"", 18) == 0);
	assert_null(strstr(svg, "stroke="));                        /* styles are classes */
	assert_null(strstr(svg, "fill="));
	assert_null(strstr(svg, "-marks"));                         /* markers are <marker>s */
	assert_int_equal(count(svg, "<polyline class=\"outcome\" points="), 1);   /* 500, 480 */
	assert_int_equal(count(svg, "<polyline class=\"target\" points="), 1);    /* 450, 450 */
	char at[96], x[16], y[16];
	coord(x, c.x[0]);
	coord(y, c.y_outcome[0]);
	snprintf(at, sizeof at, "<path class=\"outcome\" d=\"M%s %sh0\"/>", x, y);   /* lone 466 */
	assert_non_null(strstr(svg, at));
	assert_int_equal(count(svg, "class=\"outcome key\""), 1);
	assert_int_equal(count(svg, "class=\"target key\""), 1);
	assert_non_null(strstr(svg, "h11h11\"/>"));                /* the key's middle vertex */
	/* same words, same order, as the standalone chart */
	rt_buf t1 = RT_BUF_INIT, t2 = RT_BUF_INIT;
	texts(shared.buf, &t1);
	texts(alone.buf, &t2);
	assert_string_equal(t1.buf, t2.buf);
	assert_non_null(strstr(t1.buf, "|Utfall|Målvärde"));
	assert_non_null(strstr(t1.buf, "Antal &lt;uppkopplade&gt;. Utfall 2020-T3: 466; "
	                               "2021-T2: 500; 2021-T3: 480. Målvärde 450."));
	/* the CSS names the markers the defs define, and the key keeps only
	 * the middle one */
	rt_buf defs = RT_BUF_INIT;
	rt_trend_chart_defs(&defs);
	assert_non_null(strstr(defs.buf, "<marker id=\"rt-trend-dot\""));
	assert_non_null(strstr(defs.buf, "<marker id=\"rt-trend-square\""));
	assert_non_null(strstr(defs.buf, "aria-hidden=\"true\""));
	assert_non_null(strstr(rt_trend_chart_css, ".outcome{fill:none;stroke:#1f4e79;stroke-width:2;"
	                                           "marker:url(#rt-trend-dot)}"));
	assert_non_null(strstr(rt_trend_chart_css, "stroke-dasharray:5 3;marker:url(#rt-trend-square)}"));
	assert_non_null(strstr(rt_trend_chart_css, ".key{marker-start:none;marker-end:none}"));
	rt_buf_release(&defs);
	rt_buf_release(&t1);
	rt_buf_release(&t2);
	rt_buf_release(&shared);
	rt_buf_release(&alone);
	rt_trend_chart_release(&c);
}

/* A year's constant target is one segment with a marker at each end; the
 * period labels name the oldest and the newest period; a chart without
 * its legend (a PDF page's second chart) puts its labels in the legend's
 * place and has no key. */
static void test_constant_target_and_no_legend(void **state)
{
	(void)state;
	struct series s = { { "2025-M01", "2025-M02", "2025-M03", "2025-M04" }, { 48, 54, 45, 47 },
	                    { 49, 49, 49, 49 }, 4 };
	struct rt_report_indicator ind = indicator("Besök", NULL, &s);
	assert_false(rt_trend_vertex(s.targets, 4, 1));
	assert_false(rt_trend_vertex(s.targets, 4, 2));
	assert_true(rt_trend_vertex(s.targets, 4, 0) && rt_trend_vertex(s.targets, 4, 3));
	assert_true(rt_trend_vertex(s.values, 4, 1));            /* 48 → 54 → 45 bends */
	struct rt_trend_chart c;
	assert_true(rt_trend_chart_init(&c, &ind, 320, 100));
	assert_true(c.legend);
	rt_buf svg = RT_BUF_INIT;
	rt_trend_chart_svg(&c, &svg);
	char at[96], x0[16], x3[16], y[16];
	coord(x0, c.x[0]);
	coord(x3, c.x[3]);
	coord(y, c.y_target[0]);
	snprintf(at, sizeof at, "points=\"%s,%s %s,%s\"", x0, y, x3, y);
	assert_non_null(strstr(svg.buf, at));                   /* the target: two points */
	assert_int_equal(count(svg.buf, "h6v6h-6z"), 3);        /* 2 ends + legend */
	assert_int_equal(count(svg.buf, "h0"), 5);              /* 4 outcomes + legend */
	assert_non_null(strstr(svg.buf, ">2025-M01</text>"));
	assert_non_null(strstr(svg.buf, ">2025-M04</text>"));
	assert_null(strstr(svg.buf, ">2025-M02</text>"));
	assert_null(strstr(svg.buf, ">2025-M03</text>"));
	assert_non_null(strstr(svg.buf, ">Utfall</text>"));
	rt_trend_chart_release(&c);

	assert_true(rt_trend_chart_init_legend(&c, &ind, 320, 100 - RT_TREND_LEGEND_H, false));
	assert_false(c.legend);
	assert_true(c.label_y == c.legend_y && c.plot_bottom < c.label_y);
	rt_buf_reset(&svg);
	rt_trend_chart_svg(&c, &svg);
	assert_null(strstr(svg.buf, ">Utfall</text>"));
	assert_null(strstr(svg.buf, "key"));
	assert_int_equal(count(svg.buf, "h6v6h-6z"), 2);
	assert_int_equal(count(svg.buf, "h0"), 4);
	/* the words stay: every value in the accessible name */
	assert_non_null(strstr(svg.buf, "Utfall 2025-M01: 48; 2025-M02: 54; 2025-M03: 45; "
	                                "2025-M04: 47. Målvärde 49."));
	rt_buf_release(&svg);
	rt_trend_chart_release(&c);
}

/* Wide charts: coordinates of thousands and more are written whole too. */
static void test_svg_wide_coordinates(void **state)
{
	(void)state;
	struct series s = { { "2021-T1", "2021-T2", "2021-T3" }, { -5, 3, 7 }, { 1, 1, 1 }, 3 };
	struct rt_report_indicator ind = indicator("Bred", NULL, &s);
	struct rt_trend_chart c;
	assert_true(rt_trend_chart_init(&c, &ind, 123456.7, 98765.4));
	rt_buf svg = RT_BUF_INIT;
	rt_trend_chart_svg_shared(&c, &svg);
	assert_non_null(strstr(svg.buf, "width=\"123456.7\" height=\"98765.4\""));
	char at[128], x[3][16], y[3][16];
	for (int i = 0; i < 3; i++) {
		coord(x[i], c.x[i]);
		coord(y[i], c.y_outcome[i]);
	}
	snprintf(at, sizeof at, "points=\"%s,%s %s,%s %s,%s\"", x[0], y[0], x[1], y[1], x[2], y[2]);
	assert_non_null(strstr(svg.buf, at));
	rt_buf_release(&svg);
	rt_trend_chart_release(&c);
}

/* The cairo renderer draws the same geometry: the outcome point is a
 * filled dark-blue circle, the target point a hollow (white) square. */
static void test_cairo_pixels(void **state)
{
	(void)state;
	struct series s = { { "2021-T1", "2021-T2" }, { 2, 9 }, { 10, 10 }, 2 };
	struct rt_report_indicator ind = indicator("Andel", "%", &s);
	struct rt_trend_chart c;
	assert_true(rt_trend_chart_init(&c, &ind, 360, 150));
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 360, 150);
	cairo_t *cr = cairo_create(img);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	rt_trend_chart_cairo(&c, cr, 0, 0);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_surface_flush(img);
	const unsigned char *px = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	const uint32_t *at;
	at = (const uint32_t *)(px + (int)c.y_outcome[0] * stride) + (int)c.x[0];
	assert_int_equal(*at & 0xffffff, 0x1f4e79);
	at = (const uint32_t *)(px + (int)c.y_target[0] * stride) + (int)c.x[0];
	assert_int_equal(*at & 0xffffff, 0xffffff);
	cairo_destroy(cr);
	cairo_surface_destroy(img);
	rt_trend_chart_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scale_quarter_steps),
		cmocka_unit_test(test_scale_seed_sjukfranvaro),
		cmocka_unit_test(test_scale_thousands_and_zero),
		cmocka_unit_test(test_two_points_positions),
		cmocka_unit_test(test_no_chart_below_two_outcomes),
		cmocka_unit_test(test_svg_accessible),
		cmocka_unit_test(test_svg_without_target_and_escaping),
		cmocka_unit_test(test_svg_shared),
		cmocka_unit_test(test_constant_target_and_no_legend),
		cmocka_unit_test(test_svg_wide_coordinates),
		cmocka_unit_test(test_cairo_pixels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
