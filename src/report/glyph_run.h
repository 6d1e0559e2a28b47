/* A run of glyphs shown with one cairo_show_glyphs: the PDF report and the
 * trend charts collect all text of one font, size and colour here, because
 * cairo's PDF surface replays every drawing operator of a page at
 * show_page and thousands of small show_text calls were most of a large
 * report's time. The glyphs are in user space, converted with cr's current
 * scaled font. */
#ifndef RT_REPORT_GLYPH_RUN_H
#define RT_REPORT_GLYPH_RUN_H
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

#endif
