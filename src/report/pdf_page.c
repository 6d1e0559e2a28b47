/* Pages as drawing commands and the drawing thread; see pdf_page.h. */
#include "report/pdf_page.h"

#include <cairo-pdf.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

enum op_kind { OP_FILLS, OP_RULES, OP_RUN, OP_EXTRA, OP_OUTLINE };

struct op {
	enum op_kind kind;
	size_t off, n;                     /* in the page's segs, glyphs or text */
	int font;                          /* run: font and size; outline: depth */
	double size;                       /* outline: y */
	struct rt_pdf_rgb color;           /* run */
	int page;                          /* outline: its page; bold in `font`'s sign */
};

struct rt_pdf_page {
	struct op *ops;
	size_t n_ops, cap_ops;
	struct rt_pdf_segs segs;           /* the boxes and lines of FILLS and RULES */
	struct rt_glyph_run glyphs;        /* the glyphs of the RUNs */
	rt_buf text;                       /* outline titles, NUL-terminated */
	void *extra;                       /* the layout's drawing (rt_pdf_page_extra) */
	const struct rt_pdf_extra *extra_ops;
	bool show;
	struct rt_pdf_page *next;
};

struct rt_pdf_pages {
	pthread_mutex_t mu;
	pthread_cond_t cv;                 /* a page queued, freed, or the end */
	struct rt_pdf_page *free, *head, *tail, *all[RT_PDF_AHEAD];
	size_t n_all, n_free;
	bool threaded, done;
	bool layout_waits;                 /* woken when half the buffers are free */
	pthread_t thread;
	/* the drawing thread's own: the PDF's context and what it has set */
	cairo_t *cr;
	cairo_surface_t *surface;
	cairo_font_face_t *faces[RT_PDF_FONTS];
	int font;
	double size;
	int outline[8];                    /* outline parents per depth */
};

static struct op *op_add(struct rt_pdf_page *pg, enum op_kind kind)
{
	if (pg->n_ops == pg->cap_ops) {
		pg->cap_ops = pg->cap_ops ? 2 * pg->cap_ops : 64;
		pg->ops = rt_xrealloc(pg->ops, pg->cap_ops * sizeof(*pg->ops));
	}
	struct op *o = &pg->ops[pg->n_ops++];
	*o = (struct op){ .kind = kind };
	return o;
}

static void segs_copy(struct rt_pdf_page *pg, enum op_kind kind, const struct rt_pdf_segs *s)
{
	if (!s->n)
		return;
	struct op *o = op_add(pg, kind);
	o->off = pg->segs.n;
	o->n = s->n;
	if (pg->segs.n + s->n > pg->segs.cap) {
		pg->segs.cap = 2 * (pg->segs.n + s->n);
		pg->segs.v = rt_xrealloc(pg->segs.v, pg->segs.cap * sizeof(*pg->segs.v));
	}
	memcpy(pg->segs.v + pg->segs.n, s->v, s->n * sizeof(*s->v));
	pg->segs.n += s->n;
}

void rt_pdf_page_fills(struct rt_pdf *p, const struct rt_pdf_segs *boxes)
{
	segs_copy(p->pg, OP_FILLS, boxes);
}

void rt_pdf_page_rules(struct rt_pdf *p, const struct rt_pdf_segs *lines)
{
	segs_copy(p->pg, OP_RULES, lines);
}

void rt_pdf_page_run(struct rt_pdf *p, const struct rt_pdf_run *r)
{
	struct rt_pdf_page *pg = p->pg;
	if (!r->glyphs.n)
		return;
	struct op *o = op_add(pg, OP_RUN);
	o->off = pg->glyphs.n;
	o->n = r->glyphs.n;
	o->font = r->font;
	o->size = r->size;
	o->color = r->color;
	for (size_t i = 0; i < r->glyphs.n; i++)
		rt_glyph_run_push(&pg->glyphs, r->glyphs.v[i].index, r->glyphs.v[i].x, r->glyphs.v[i].y);
}

void rt_pdf_page_extra_draw(struct rt_pdf *p)
{
	if (p->pg->extra)
		op_add(p->pg, OP_EXTRA);
}

void rt_pdf_page_outline(struct rt_pdf *p, int depth, const char *title, bool bold, int page,
                         double y)
{
	struct rt_pdf_page *pg = p->pg;
	struct op *o = op_add(pg, OP_OUTLINE);
	o->off = pg->text.len;
	o->font = bold ? -1 - depth : depth;
	o->page = page;
	o->size = y;
	rt_buf_add(&pg->text, title, strlen(title) + 1);
}

void *rt_pdf_page_extra(struct rt_pdf *p)
{
	struct rt_pdf_page *pg = p->pg;
	if (!pg->extra && p->extra) {
		pg->extra = p->extra->create(p);
		pg->extra_ops = p->extra;
	}
	return pg->extra;
}

/* ---- drawing (the drawing thread's, or the caller's without one) ------------ */

static void select_font(struct rt_pdf_pages *q, int font, double size)
{
	if (q->font == font && q->size == size)
		return;
	cairo_set_font_face(q->cr, q->faces[font]);
	cairo_set_font_size(q->cr, size);
	q->font = font;
	q->size = size;
}

static void outline(struct rt_pdf_pages *q, const struct op *o, const char *title)
{
	int depth = o->font < 0 ? -1 - o->font : o->font;
	char link[96];
	snprintf(link, sizeof link, "page=%d pos=[%.1f %.1f]", o->page, RT_PDF_MARGIN_X, o->size);
	int parent = depth == 0 ? CAIRO_PDF_OUTLINE_ROOT : q->outline[depth - 1];
	q->outline[depth] = cairo_pdf_surface_add_outline(q->surface, parent, title, link,
	                                                  o->font < 0 ? CAIRO_PDF_OUTLINE_FLAG_BOLD : 0);
	for (int d = depth + 1; d < 8; d++)
		q->outline[d] = q->outline[depth];
}

static void draw(struct rt_pdf_pages *q, struct rt_pdf_page *pg)
{
	cairo_t *cr = q->cr;
	for (size_t i = 0; i < pg->n_ops; i++) {
		const struct op *o = &pg->ops[i];
		const double *v = pg->segs.v + o->off;
		switch (o->kind) {
		case OP_FILLS:
			for (size_t k = 0; k < o->n; k += 4)
				cairo_rectangle(cr, v[k], v[k + 1], v[k + 2], v[k + 3]);
			cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
			cairo_fill(cr);
			break;
		case OP_RULES:
			for (size_t k = 0; k < o->n; k += 4) {
				cairo_move_to(cr, v[k], v[k + 1]);
				cairo_line_to(cr, v[k + 2], v[k + 3]);
			}
			cairo_set_line_width(cr, 0.5);
			cairo_set_source_rgb(cr, 0.72, 0.72, 0.72);
			cairo_stroke(cr);
			break;
		case OP_RUN:
			select_font(q, o->font, o->size);
			cairo_set_source_rgb(cr, o->color.r, o->color.g, o->color.b);
			cairo_show_glyphs(cr, pg->glyphs.v + o->off, (int)o->n);
			break;
		case OP_EXTRA:
			pg->extra_ops->draw(pg->extra, cr);
			break;
		case OP_OUTLINE:
			outline(q, o, pg->text.buf + o->off);
			break;
		}
	}
	if (pg->show)
		cairo_show_page(cr);
	pg->n_ops = 0;
	pg->segs.n = 0;
	pg->glyphs.n = 0;
	rt_buf_reset(&pg->text);
}

static void *draw_thread(void *arg)
{
	struct rt_pdf_pages *q = arg;
	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (!q->head && !q->done)
			pthread_cond_wait(&q->cv, &q->mu);
		struct rt_pdf_page *pg = q->head;
		if (!pg)
			break;
		q->head = pg->next;
		if (!q->head)
			q->tail = NULL;
		pthread_mutex_unlock(&q->mu);
		draw(q, pg);
		pthread_mutex_lock(&q->mu);
		pg->next = q->free;
		q->free = pg;
		/* the layout is faster: waking it for every page would be a
		 * context switch per page */
		if (++q->n_free >= RT_PDF_AHEAD / 2 && q->layout_waits) {
			q->layout_waits = false;
			pthread_cond_broadcast(&q->cv);
		}
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

void rt_pdf_pages_start(struct rt_pdf *p)
{
	struct rt_pdf_pages *q = rt_xcalloc(1, sizeof(*q));
	q->cr = p->cr;
	q->surface = p->surface;
	for (int i = 0; i < RT_PDF_FONTS; i++)
		q->faces[i] = p->fonts[i].face;
	q->font = -1;
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->cv, NULL);
	q->threaded = pthread_create(&q->thread, NULL, draw_thread, q) == 0;
	p->pages = q;
}

void rt_pdf_pages_stop(struct rt_pdf *p)
{
	struct rt_pdf_pages *q = p->pages;
	if (!q)
		return;
	if (q->threaded) {
		pthread_mutex_lock(&q->mu);
		q->done = true;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
		pthread_join(q->thread, NULL);
	}
	for (size_t i = 0; i < q->n_all; i++) {
		struct rt_pdf_page *pg = q->all[i];
		if (pg->extra)
			pg->extra_ops->destroy(pg->extra);
		free(pg->ops);
		free(pg->segs.v);
		rt_glyph_run_release(&pg->glyphs);
		rt_buf_release(&pg->text);
		free(pg);
	}
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->cv);
	free(q);
	p->pages = NULL;
	p->pg = NULL;
}

void rt_pdf_page_begin(struct rt_pdf *p)
{
	struct rt_pdf_pages *q = p->pages;
	pthread_mutex_lock(&q->mu);
	while (!q->free && q->n_all == RT_PDF_AHEAD) {
		q->layout_waits = true;
		pthread_cond_wait(&q->cv, &q->mu);
	}
	struct rt_pdf_page *pg = q->free;
	if (pg) {
		q->free = pg->next;
		q->n_free--;
	}
	pthread_mutex_unlock(&q->mu);
	if (!pg) {
		pg = rt_xcalloc(1, sizeof(*pg));
		pg->text = (rt_buf)RT_BUF_INIT;
		q->all[q->n_all++] = pg;
	}
	pg->next = NULL;
	p->pg = pg;
}

void rt_pdf_page_end(struct rt_pdf *p, bool show)
{
	struct rt_pdf_pages *q = p->pages;
	struct rt_pdf_page *pg = p->pg;
	pg->show = show;
	p->pg = NULL;
	if (!q->threaded) {
		draw(q, pg);
		pg->next = q->free;
		q->free = pg;
		q->n_free++;
		return;
	}
	pthread_mutex_lock(&q->mu);
	if (q->tail)
		q->tail->next = pg;
	else
		q->head = pg;
	q->tail = pg;
	if (q->head == pg)                 /* the drawing thread may be waiting */
		pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
}
