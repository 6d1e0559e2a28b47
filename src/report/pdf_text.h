/* The small A4 text layout engine shared by the PDF renderers (the
 * follow-up report, followup_pdf.c, and the documents of doc_sink.h):
 * DejaVu Sans found through fontconfig and embedded by cairo, so å ä ö
 * ● ◆ ■ render everywhere; greedy word wrapping here (no Pango); blocks of
 * text and tables that break between pages; a footer "Sida N av M". The
 * caller's layout runs twice with the same measurements (rt_pdf_render):
 * once to count pages, once to draw. Fixed creation date, so the same
 * input gives the same bytes. */
#ifndef RT_REPORT_PDF_TEXT_H
#define RT_REPORT_PDF_TEXT_H
#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "report/glyph_run.h"
#include "util/buf.h"
#include "util/err.h"

#define RT_PDF_PAGE_W 595.276          /* A4 in points */
#define RT_PDF_PAGE_H 841.89
#define RT_PDF_MARGIN_X 50.0
#define RT_PDF_TOP 56.0
#define RT_PDF_BOTTOM (RT_PDF_PAGE_H - 60.0)
#define RT_PDF_CONTENT_W (RT_PDF_PAGE_W - 2 * RT_PDF_MARGIN_X)
#define RT_PDF_BODY_SIZE 10.0
#define RT_PDF_TABLE_SIZE 8.5
#define RT_PDF_CELL_PAD 3.5
#define RT_PDF_ADV_CACHE 0x2600        /* Latin, punctuation, ● ◆ ■: cached widths */
#define RT_PDF_MAX_COLS 8

enum rt_pdf_font_id { RT_PDF_REGULAR, RT_PDF_BOLD, RT_PDF_FONTS };

struct rt_pdf_font {
	cairo_font_face_t *face;
	cairo_scaled_font_t *measure;      /* at 1000 pt: widths without hinting */
	float adv[RT_PDF_ADV_CACHE];       /* advance per pt of size; < 0 = not yet known */
	unsigned glyph[RT_PDF_ADV_CACHE];  /* and the glyph, where adv is known */
};

struct rt_pdf_line { size_t off, len; bool second; };
struct rt_pdf_lines { struct rt_pdf_line *v; size_t n, cap; };
struct rt_pdf_rgb { double r, g, b; };

#define RT_PDF_RUNS 8
struct rt_pdf_run {                    /* pending glyphs, see rt_pdf_flush */
	struct rt_glyph_run glyphs;
	int font;
	double size;
	struct rt_pdf_rgb color;
};

/* Lines and fills kept until the page ends and then drawn with one
 * operator each (why: rt_pdf_rules in pdf_text.c). */
struct rt_pdf_segs { double *v; size_t n, cap; };   /* 4 numbers a segment or box */

struct rt_pdf;
struct rt_pdf_pages;                   /* the drawing thread (pdf_page.h) */
struct rt_pdf_page;                    /* a page as drawing commands */

/* A layout's own drawing that goes with each page, under the text (the
 * follow-up's trend charts): `create` makes one per page buffer, which the
 * layout fills (rt_pdf_page_extra); `draw` draws and empties it with the
 * PDF's cairo_t on the drawing thread when the page ends (before the
 * footer) or at rt_pdf_extra_flush; `destroy` frees it at the end. */
struct rt_pdf_extra {
	void *(*create)(struct rt_pdf *p);
	void (*draw)(void *x, cairo_t *cr);
	void (*destroy)(void *x);
};

struct rt_pdf {
	cairo_t *cr;                       /* the PDF's: only the drawing thread's */
	cairo_surface_t *surface;
	cairo_t *measure;                  /* the layout's, for measuring (the DejaVu faces) */
	bool draw;                         /* false: the counting pass */
	int page, n_pages;
	double y;                          /* top of the free space on the page */
	bool page_empty;                   /* nothing drawn below TOP yet */
	struct rt_pdf_font fonts[RT_PDF_FONTS];
	/* the page's pending text, one run per font, size and colour, shown at
	 * the end of the page (rt_pdf_flush) */
	struct rt_pdf_run runs[RT_PDF_RUNS];
	size_t n_runs;
	struct rt_pdf_segs rules;          /* table borders and the footer line */
	struct rt_pdf_segs fills;          /* header backgrounds: x, y, w, h */
	double rule_x0, rule_x1, rule_y;   /* the last table rule on the page (y < 0: none) */
	const struct rt_pdf_extra *extra;  /* the layout's per-page drawing, or NULL */
	struct rt_pdf_pages *pages;        /* draw pass: the drawing thread */
	struct rt_pdf_page *pg;            /* and the page being laid out */
	const char *footer;                /* the footer's left text (the title) */
	int mark_page;                     /* the layout's: the page it last marked (0 at
	                                      each pass's start), e.g. a page's chart legend */
	const void *user;                  /* the layout's own data */
};

extern const struct rt_pdf_rgb rt_pdf_black, rt_pdf_grey;

double rt_pdf_text_width(struct rt_pdf *p, int font, double size, const char *s, size_t len);
/* Wraps a text with its own line breaks into lines of at most maxw; a blank
 * line between paragraphs stays one empty line. */
void rt_pdf_wrap(struct rt_pdf *p, int font, double size, const char *text, double maxw,
                 bool second, struct rt_pdf_lines *out);
/* Text is collected as one glyph run per font, size and colour for the
 * whole page (why: glyph_run.h) and drawn over the page's lines and fills
 * when the page ends; flush shows what is pending. */
void rt_pdf_flush(struct rt_pdf *p);
/* The page's rt_pdf_extra object (draw pass only), made on first use. */
void *rt_pdf_page_extra(struct rt_pdf *p);
/* Draws the page's extra now, in order with what was drawn before. */
void rt_pdf_extra_flush(struct rt_pdf *p);
void rt_pdf_show(struct rt_pdf *p, int font, double size, struct rt_pdf_rgb c, double x, double y,
                 const char *s, size_t len);
/* s as glyphs of `font` at `size` into r, from the layout's cached glyphs
 * and advances; anchor 0 puts the start at x, 0,5 the middle, 1 the end. */
void rt_pdf_glyphs(struct rt_pdf *p, int font, double size, struct rt_glyph_run *r, double x,
                   double y, double anchor, const char *s, size_t len);
void rt_pdf_footer(struct rt_pdf *p);
void rt_pdf_new_page(struct rt_pdf *p);
/* A new page unless h more points fit on this one. */
void rt_pdf_need(struct rt_pdf *p, double h);
/* A PDF bookmark at the current position. */
void rt_pdf_outline(struct rt_pdf *p, int depth, const char *title, bool bold);
/* A wrapped block of text over the full width; `keep` is extra space that
 * must follow on the same page. */
void rt_pdf_block(struct rt_pdf *p, const char *text, int font, double size, struct rt_pdf_rgb c,
                  double indent, double keep);
void rt_pdf_space(struct rt_pdf *p, double h);

struct rt_pdf_column { const char *title; double frac; double align; /* 0 left, 1 right */ };

struct rt_pdf_cell {
	const char *text;                  /* first part, in `font` and `color` */
	int font;
	struct rt_pdf_rgb color;
	const char *second;                /* a note below, regular grey; may be NULL */
	struct rt_pdf_lines l;
};

struct rt_pdf_table {
	const struct rt_pdf_column *cols;
	size_t n_cols;                     /* at most RT_PDF_MAX_COLS */
};
#define RT_PDF_TABLE_OF(c) { c, sizeof(c) / sizeof(c[0]) }

/* The header row and room for the first lines of a row. */
void rt_pdf_table_start(struct rt_pdf *p, const struct rt_pdf_table *t);
/* One body row, whole on this page, else on the next, else split between
 * lines; `keep` is what must follow on the same page. */
void rt_pdf_table_row(struct rt_pdf *p, const struct rt_pdf_table *t, struct rt_pdf_cell *cells,
                      double keep);
void rt_pdf_table_break(struct rt_pdf *p, const struct rt_pdf_table *t);
/* A band of height h over the table's whole width without column lines
 * (a trend chart; its content is the caller's), at p->y, which it advances.
 * joined: it belongs to the row just above it on this page (no rule
 * between the two; the caller knows no page break came between). */
void rt_pdf_table_span(struct rt_pdf *p, const struct rt_pdf_table *t, double h, bool joined);

/* Lays out the document twice (count, draw) through layout(p), which starts
 * on page 1 at RT_PDF_TOP; the last footer is drawn here. */
typedef void (*rt_pdf_layout_fn)(struct rt_pdf *p);
int rt_pdf_render(cairo_write_func_t write, void *closure, const char *title,
                  rt_pdf_layout_fn layout, const void *user, const char *path, rt_err *err);
/* The PDF into memory. */
int rt_pdf_render_buf(rt_buf *out, const char *title, rt_pdf_layout_fn layout, const void *user,
                      rt_err *err);
/* Streamed to PATH.tmp, fsync'ed and renamed (report_file.h's messages). */
int rt_pdf_write_file(const char *path, const char *title, rt_pdf_layout_fn layout,
                      const void *user, rt_err *err);

#endif
