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

void rt_glyph_run_push(struct rt_glyph_run *r, unsigned long index, double x, double y)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = rt_xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	r->v[r->n++] = (cairo_glyph_t){ index, x, y };
}

void rt_glyph_run_show_blank(cairo_t *cr, struct rt_glyph_run *r)
{
	if (!r->n)
		return;
	/* one cluster (one space, one glyph) per glyph: cairo's ToUnicode then
	 * maps the glyph to the space, as long as no text used it first */
	char *blank = rt_xmalloc(r->n);
	cairo_text_cluster_t *cl = rt_xmalloc(r->n * sizeof(*cl));
	memset(blank, ' ', r->n);
	for (size_t i = 0; i < r->n; i++)
		cl[i] = (cairo_text_cluster_t){ 1, 1 };
	cairo_show_text_glyphs(cr, blank, (int)r->n, r->v, (int)r->n, cl, (int)r->n, 0);
	free(blank);
	free(cl);
	r->n = 0;
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
