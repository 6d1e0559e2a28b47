/* Glyph runs for the cairo renderers (glyph_run.h). */
#include "report/glyph_run.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

void rt_glyph_run_add(cairo_t *cr, struct rt_glyph_run *r, double x, double y, double anchor,
                      const char *s, int len)
{
	cairo_glyph_t *g = NULL;
	int n = 0;
	if (cairo_scaled_font_text_to_glyphs(cairo_get_scaled_font(cr), x, y, s, len, &g, &n, NULL,
	                                     NULL, NULL) != CAIRO_STATUS_SUCCESS)
		return;
	if (anchor != 0 && n > 0) {
		cairo_text_extents_t e;
		cairo_glyph_extents(cr, g, n, &e);
		for (int i = 0; i < n; i++)
			g[i].x -= e.x_advance * anchor;
	}
	if (r->n + (size_t)n > r->cap) {
		r->cap = (r->n + (size_t)n) * 2;
		r->v = rt_xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	memcpy(r->v + r->n, g, (size_t)n * sizeof(*g));
	r->n += (size_t)n;
	cairo_glyph_free(g);
}

void rt_glyph_run_show(cairo_t *cr, struct rt_glyph_run *r)
{
	if (r->n)
		cairo_show_glyphs(cr, r->v, (int)r->n);
	r->n = 0;
}

void rt_glyph_run_release(struct rt_glyph_run *r)
{
	free(r->v);
	*r = (struct rt_glyph_run){ 0 };
}
