/* A run of glyphs shown with one cairo_show_glyphs: the PDF report and the
 * trend charts collect all text of one font, size and colour here, because
 * cairo's PDF surface replays every drawing operator of a page at
 * show_page and thousands of small show_text calls were most of a large
 * report's time. The glyphs are in user space, converted with cr's current
 * scaled font. */
#ifndef RT_REPORT_GLYPH_RUN_H
#define RT_REPORT_GLYPH_RUN_H
#include <math.h>
#include <stddef.h>

#include <cairo.h>

struct rt_glyph_run {
	cairo_glyph_t *v;
	size_t n, cap;
};

/* Appends s (len bytes, -1 = up to NUL) at (x, y) in cr's current font;
 * anchor 0 puts the text's start at x, 0,5 its middle, 1 its end. */
void rt_glyph_run_add(cairo_t *cr, struct rt_glyph_run *r, double x, double y, double anchor,
                      const char *s, int len);
/* Appends one glyph by its index. */
void rt_glyph_run_push(struct rt_glyph_run *r, unsigned long index, double x, double y);
/* Shows the run with cr's current source and font, then empties it. */
void rt_glyph_run_show(cairo_t *cr, struct rt_glyph_run *r);
/* The same for glyphs that are pictures, not text (chart markers): the PDF
 * maps each to a space, so copied or extracted text holds no "⬤". */
void rt_glyph_run_show_blank(cairo_t *cr, struct rt_glyph_run *r);
void rt_glyph_run_release(struct rt_glyph_run *r);

/* v on a grid of step q. cairo's PDF prints every number with six
 * decimals, trims trailing zeros and deflates every byte (~90 instructions
 * each), so positions are drawn on a grid that prints short: a text line's
 * start on 1/100 of its font size (its "Td" then reads "13.11", not
 * "13.114258"), lines on 1/4 pt (cairo keeps paths in 1/256 pt, so 0,1
 * would print as "545.301"). Neither shift can be seen. */
static inline double rt_snap(double v, double q)
{
	return floor(v / q + 0.5) * q;
}

#endif
