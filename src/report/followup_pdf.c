/* The compiled follow-up report as an A4 PDF drawn with cairo: heading and
 * summary, then per board the goals with status symbol + text and analysis,
 * the indicator table (Mätetal | Utfall | Målvärde | Kommentar | Status) with
 * trend charts, and the activity table. Text is DejaVu Sans found through
 * fontconfig and embedded by cairo, so å ä ö ● ◆ ■ render everywhere; lines
 * are wrapped here (no Pango). The layout runs twice with the same
 * measurements: once to count pages, once to draw, so the footer can say
 * "Sida N av M". Fixed creation date: the same report gives the same bytes.
 * Written to PATH.tmp and renamed. */
#include "report/followup.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/glyph_run.h"
#include "report/report_file.h"
#include "report/trend_chart.h"
#include "util/alloc.h"

#define PAGE_W 595.276                 /* A4 in points */
#define PAGE_H 841.89
#define MARGIN_X 50.0
#define TOP 56.0
#define BOTTOM (PAGE_H - 60.0)
#define CONTENT_W (PAGE_W - 2 * MARGIN_X)
#define BODY_SIZE 10.0
#define TABLE_SIZE 8.5
#define CELL_PAD 3.5
#define CHART_W 320.0
#define CHART_H 130.0
#define CHART_ROW_H (CHART_H + 2 * CELL_PAD)
#define FONT_FAMILY "DejaVu Sans"
#define FIXED_DATE "2000-01-01T00:00:00Z" /* as the XLSX writer's document date */
#define ADV_CACHE 0x2600               /* Latin, punctuation, ● ◆ ■: cached widths */
#define MAX_COLS 5

enum font_id { F_REGULAR, F_BOLD, F_COUNT };

struct font {
	cairo_font_face_t *face;
	cairo_scaled_font_t *measure;      /* at 1000 pt: widths without hinting */
	float adv[ADV_CACHE];              /* advance per pt of size; < 0 = not yet known */
};

struct line { size_t off, len; bool second; };

struct rgb { double r, g, b; };

struct run {                           /* pending glyphs, see run_flush */
	struct rt_glyph_run glyphs;
	int font;
	double size;
	struct rgb color;
};

struct lines { struct line *v; size_t n, cap; };

struct pdf {
	cairo_t *cr;
	cairo_surface_t *surface;
	bool draw;                         /* false: the counting pass */
	int page, n_pages;
	double y;                          /* top of the free space on the page */
	bool page_empty;                   /* nothing drawn below TOP yet */
	int outline[8];                    /* outline parents per depth */
	struct font fonts[F_COUNT];
	struct run run;
	const struct rt_followup_report *r;
};

static const struct rgb black = { 0.1, 0.1, 0.1 }, grey = { 0.33, 0.33, 0.33 };

static struct rgb status_rgb(enum rt_status s)
{
	switch (s) {
	case RT_STATUS_ACHIEVED: return (struct rgb){ 0x1b / 255.0, 0x6e / 255.0, 0x2e / 255.0 };
	case RT_STATUS_PARTLY: return (struct rgb){ 0x8a / 255.0, 0x5a / 255.0, 0 };
	case RT_STATUS_NOT_ACHIEVED: return (struct rgb){ 0xa4 / 255.0, 0x16 / 255.0, 0x1a / 255.0 };
	case RT_STATUS_NONE: break;
	}
	return grey;
}

/* ---- fonts and widths ---------------------------------------------------- */

static cairo_font_face_t *load_face(int weight)
{
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)FONT_FAMILY);
	FcPatternAddInteger(pat, FC_WEIGHT, weight);
	FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcPattern *match = FcFontMatch(NULL, pat, &res);
	FcPatternDestroy(pat);
	if (!match)
		return NULL;
	cairo_font_face_t *face = cairo_ft_font_face_create_for_pattern(match);
	FcPatternDestroy(match);
	if (cairo_font_face_status(face) != CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(face);
		return NULL;
	}
	return face;
}

static cairo_font_options_t *font_options(void)
{
	/* Unhinted metrics: widths scale linearly with the size, so one cached
	 * advance per character serves every size, and both passes agree. */
	cairo_font_options_t *o = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
	return o;
}

static int fonts_open(struct pdf *p, rt_err *err)
{
	static const int weights[F_COUNT] = { FC_WEIGHT_REGULAR, FC_WEIGHT_BOLD };
	cairo_font_options_t *o = font_options();
	cairo_matrix_t size, ctm;
	cairo_matrix_init_scale(&size, 1000, 1000);
	cairo_matrix_init_identity(&ctm);
	int rc = 0;
	for (int i = 0; i < F_COUNT && rc == 0; i++) {
		struct font *f = &p->fonts[i];
		f->face = load_face(weights[i]);
		if (!f->face) {
			rc = rt_err_set(err, RT_EIO, "", "Hittar inget typsnitt för PDF (%s)", FONT_FAMILY);
			break;
		}
		f->measure = cairo_scaled_font_create(f->face, &size, &ctm, o);
		for (size_t k = 0; k < ADV_CACHE; k++)
			f->adv[k] = -1;
	}
	cairo_set_font_options(p->cr, o);
	cairo_font_options_destroy(o);
	return rc;
}

static void fonts_close(struct pdf *p)
{
	for (int i = 0; i < F_COUNT; i++) {
		if (p->fonts[i].measure)
			cairo_scaled_font_destroy(p->fonts[i].measure);
		if (p->fonts[i].face)
			cairo_font_face_destroy(p->fonts[i].face);
	}
}

/* One UTF-8 character at s: its code point and byte length (an invalid
 * byte counts as one character of its own). */
static unsigned decode(const char *s, size_t left, size_t *used)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = u[0] < 0x80 ? 1 : (u[0] & 0xe0) == 0xc0 ? 2 : (u[0] & 0xf0) == 0xe0 ? 3
	         : (u[0] & 0xf8) == 0xf0 ? 4 : 1;
	if (n > left)
		n = 1;
	unsigned cp = n == 1 ? u[0] : u[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++)
		cp = (cp << 6) | (u[i] & 0x3f);
	*used = n;
	return cp;
}

static double char_width(struct font *f, const char *s, size_t n, unsigned cp)
{
	if (cp < ADV_CACHE && f->adv[cp] >= 0)
		return f->adv[cp];
	char one[5] = { 0 };
	memcpy(one, s, n);
	cairo_text_extents_t e;
	cairo_scaled_font_text_extents(f->measure, one, &e);
	double w = e.x_advance / 1000.0;
	if (cp < ADV_CACHE)
		f->adv[cp] = (float)w;
	return w;
}

static double text_width(struct pdf *p, int font, double size, const char *s, size_t len)
{
	double w = 0;
	for (size_t i = 0; i < len;) {
		size_t n;
		unsigned cp = decode(s + i, len - i, &n);
		w += char_width(&p->fonts[font], s + i, n, cp);
		i += n;
	}
	return w * size;
}

/* ---- word wrapping --------------------------------------------------------- */

static void lines_push(struct lines *l, size_t off, size_t len, bool second)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = rt_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = (struct line){ off, len, second };
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Greedy wrapping of text[0..len) (one source line) into widths of maxw;
 * a word wider than a line is cut between characters. */
static void wrap_line(struct pdf *p, int font, double size, const char *text, size_t base,
                      size_t len, double maxw, bool second, struct lines *out)
{
	size_t i = 0;
	while (i < len) {
		while (i < len && is_space(text[i]))
			i++;
		if (i == len)
			break;
		size_t start = i, end = i;
		double w = 0;
		for (;;) {
			size_t ws = end;
			while (ws < len && is_space(text[ws]))
				ws++;
			size_t we = ws;
			while (we < len && !is_space(text[we]))
				we++;
			if (ws == we)
				break;
			double add = text_width(p, font, size, text + end, we - end);
			if (end > start && w + add > maxw)
				break;
			if (end == start && add > maxw) {
				/* a single over-long word: as many characters as fit, at least one */
				size_t k = start, n;
				double cw = 0;
				while (k < we) {
					decode(text + k, we - k, &n);
					double c = text_width(p, font, size, text + k, n);
					if (k > start && cw + c > maxw)
						break;
					cw += c;
					k += n;
				}
				/* rather after a slash or hyphen that fits ("Bibehålla/|öka") */
				for (size_t q = k; q > start + 1 && k < we; q--)
					if (text[q - 1] == '/' || text[q - 1] == '-') {
						k = q;
						break;
					}
				end = k;
				break;
			}
			w += add;
			end = we;
		}
		lines_push(out, base + start, end - start, second);
		i = end;
	}
}

/* Wraps a text with its own line breaks; a blank line between paragraphs
 * stays one empty line. */
static void wrap(struct pdf *p, int font, double size, const char *text, double maxw,
                 bool second, struct lines *out)
{
	if (!text)
		return;
	size_t len = strlen(text), i = 0;
	bool blank = false, any = false;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len, k = i;
		while (k < e && is_space(text[k]))
			k++;
		if (k == e) {
			blank = any;
		} else {
			if (blank)
				lines_push(out, 0, 0, second);
			wrap_line(p, font, size, text + i, i, e - i, maxw, second, out);
			blank = false;
			any = true;
		}
		i = e + 1;
	}
}

/* ---- pages ------------------------------------------------------------------ */

static void set_rgb(struct pdf *p, struct rgb c)
{
	cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
}

/* Text is collected as one glyph run per font, size and colour and shown
 * with one operator (run_flush; why: glyph_run.h). */
static void run_flush(struct pdf *p)
{
	if (!p->run.glyphs.n)
		return;
	set_rgb(p, p->run.color);
	rt_glyph_run_show(p->cr, &p->run.glyphs);
}

static void show(struct pdf *p, int font, double size, struct rgb c, double x, double y,
                 const char *s, size_t len)
{
	if (!p->draw || !len)
		return;
	struct run *r = &p->run;
	if (r->font != font || r->size != size || memcmp(&r->color, &c, sizeof c)) {
		run_flush(p);
		cairo_set_font_face(p->cr, p->fonts[font].face);
		cairo_set_font_size(p->cr, size);
		r->font = font;
		r->size = size;
		r->color = c;
	}
	rt_glyph_run_add(p->cr, &r->glyphs, x, y, 0, s, (int)len);
}

static void footer(struct pdf *p)
{
	if (!p->draw)
		return;
	char num[64];
	snprintf(num, sizeof num, "Sida %d av %d", p->page, p->n_pages);
	double y = PAGE_H - 32;
	cairo_set_line_width(p->cr, 0.5);
	cairo_set_source_rgb(p->cr, 0.7, 0.7, 0.7);
	cairo_move_to(p->cr, MARGIN_X, y - 12);
	cairo_line_to(p->cr, PAGE_W - MARGIN_X, y - 12);
	cairo_stroke(p->cr);
	const char *t = p->r->title ? p->r->title : "";
	show(p, F_REGULAR, 8, grey, MARGIN_X, y, t, strlen(t));
	double w = text_width(p, F_REGULAR, 8, num, strlen(num));
	show(p, F_REGULAR, 8, grey, PAGE_W - MARGIN_X - w, y, num, strlen(num));
	run_flush(p);
}

static void new_page(struct pdf *p)
{
	footer(p);
	if (p->draw)
		cairo_show_page(p->cr);
	p->page++;
	p->y = TOP;
	p->page_empty = true;
}

static void need(struct pdf *p, double h)
{
	if (p->y + h > BOTTOM && !p->page_empty)
		new_page(p);
}

static void outline(struct pdf *p, int depth, const char *title, bool bold)
{
	if (!p->draw || !title)
		return;
	if (depth > 6)
		depth = 6;
	char link[96];
	snprintf(link, sizeof link, "page=%d pos=[%.1f %.1f]", p->page, MARGIN_X, p->y);
	int parent = depth == 0 ? CAIRO_PDF_OUTLINE_ROOT : p->outline[depth - 1];
	p->outline[depth] = cairo_pdf_surface_add_outline(p->surface, parent, title, link,
	                                                  bold ? CAIRO_PDF_OUTLINE_FLAG_BOLD : 0);
	for (int d = depth + 1; d < 8; d++)
		p->outline[d] = p->outline[depth];
}

/* A wrapped block of text over the full width; breaks pages between lines.
 * `keep` is extra space that must follow on the same page (a heading's
 * first lines of content). */
static void block(struct pdf *p, const char *text, int font, double size, struct rgb c,
                  double indent, double keep)
{
	struct lines l = { 0 };
	wrap(p, font, size, text, CONTENT_W - indent, false, &l);
	double lead = size * 1.3;
	if (l.n)
		need(p, (double)(l.n < 3 ? l.n : 3) * lead + keep);
	for (size_t i = 0; i < l.n; i++) {
		need(p, lead);
		show(p, font, size, c, MARGIN_X + indent, p->y + size * 0.95, text + l.v[i].off,
		     l.v[i].len);
		p->y += lead;
		p->page_empty = false;
	}
	if (p->draw)
		run_flush(p);
	free(l.v);
}

static void space(struct pdf *p, double h)
{
	if (!p->page_empty)
		p->y += h;
}

/* ---- tables ------------------------------------------------------------------ */

struct column { const char *title; double frac; double align; /* 0 left, 1 right */ };

struct cell {
	const char *text;                  /* first part, in `font` and `color` */
	int font;
	struct rgb color;
	const char *second;                /* a note below, regular grey; may be NULL */
	struct lines l;
};

struct table {
	const struct column *cols;
	size_t n_cols;
};

static double col_x(const struct table *t, size_t c)
{
	double x = MARGIN_X;
	for (size_t i = 0; i < c; i++)
		x += t->cols[i].frac * CONTENT_W;
	return x;
}

#define LEAD (TABLE_SIZE * 1.25)

static void cells_wrap(struct pdf *p, const struct table *t, struct cell *cells)
{
	for (size_t c = 0; c < t->n_cols; c++) {
		double w = t->cols[c].frac * CONTENT_W - 2 * CELL_PAD;
		cells[c].l = (struct lines){ 0 };
		wrap(p, cells[c].font, TABLE_SIZE, cells[c].text, w, false, &cells[c].l);
		wrap(p, F_REGULAR, TABLE_SIZE, cells[c].second, w, true, &cells[c].l);
	}
}

/* Draws lines [from, from + n) of every cell as one band of the row. */
static void row_band(struct pdf *p, const struct table *t, const struct cell *cells, size_t from,
                     size_t n, bool header)
{
	double h = (double)n * LEAD + 2 * CELL_PAD;
	if (p->draw) {
		if (header) {
			cairo_rectangle(p->cr, MARGIN_X, p->y, CONTENT_W, h);
			cairo_set_source_rgb(p->cr, 0.93, 0.93, 0.93);
			cairo_fill(p->cr);
		}
		cairo_set_line_width(p->cr, 0.5);
		cairo_set_source_rgb(p->cr, 0.72, 0.72, 0.72);
		for (size_t c = 0; c < t->n_cols; c++)
			cairo_rectangle(p->cr, col_x(t, c), p->y, t->cols[c].frac * CONTENT_W, h);
		cairo_stroke(p->cr);
	}
	for (size_t c = 0; c < t->n_cols; c++) {
		const struct cell *ce = &cells[c];
		double x = col_x(t, c) + CELL_PAD, w = t->cols[c].frac * CONTENT_W - 2 * CELL_PAD;
		for (size_t i = from; i < from + n && i < ce->l.n; i++) {
			const struct line *ln = &ce->l.v[i];
			const char *src = ln->second ? ce->second : ce->text;
			int font = ln->second ? F_REGULAR : ce->font;
			double lw = t->cols[c].align > 0 ? text_width(p, font, TABLE_SIZE, src + ln->off, ln->len) : 0;
			show(p, font, TABLE_SIZE, ln->second ? grey : ce->color, x + (w - lw) * t->cols[c].align,
			     p->y + CELL_PAD + (double)(i - from) * LEAD + TABLE_SIZE * 0.95, src + ln->off,
			     ln->len);
		}
	}
	if (p->draw)
		run_flush(p);
	p->y += h;
	p->page_empty = false;
}

static size_t row_lines(const struct table *t, const struct cell *cells)
{
	size_t n = 1;
	for (size_t c = 0; c < t->n_cols; c++)
		n = cells[c].l.n > n ? cells[c].l.n : n;
	return n;
}

static void header_row(struct pdf *p, const struct table *t)
{
	struct cell cells[MAX_COLS];
	for (size_t c = 0; c < t->n_cols; c++)
		cells[c] = (struct cell){ .text = t->cols[c].title, .font = F_BOLD, .color = black };
	cells_wrap(p, t, cells);
	row_band(p, t, cells, 0, row_lines(t, cells), true);
	for (size_t c = 0; c < t->n_cols; c++)
		free(cells[c].l.v);
}

static double header_height(struct pdf *p, const struct table *t)
{
	struct cell cells[MAX_COLS];
	for (size_t c = 0; c < t->n_cols; c++)
		cells[c] = (struct cell){ .text = t->cols[c].title, .font = F_BOLD };
	cells_wrap(p, t, cells);
	double h = (double)row_lines(t, cells) * LEAD + 2 * CELL_PAD;
	for (size_t c = 0; c < t->n_cols; c++)
		free(cells[c].l.v);
	return h;
}

static void table_break(struct pdf *p, const struct table *t)
{
	new_page(p);
	header_row(p, t);
}

/* One body row: whole on this page, else whole on the next, else split
 * between lines (a long comment may be taller than a page). `keep` is the
 * height of what must follow on the same page (the row's trend chart). */
static void table_row(struct pdf *p, const struct table *t, struct cell *cells, double keep)
{
	cells_wrap(p, t, cells);
	size_t total = row_lines(t, cells), done = 0;
	double full = (double)total * LEAD + 2 * CELL_PAD;
	double fresh = BOTTOM - TOP - header_height(p, t);
	if (p->y + full + keep > BOTTOM && full + keep <= fresh)
		table_break(p, t);
	while (done < total) {
		double avail = BOTTOM - p->y - 2 * CELL_PAD;
		size_t fit = avail > 0 ? (size_t)(avail / LEAD) : 0;
		if (fit < 2 && fit < total - done) {
			table_break(p, t);
			continue;
		}
		size_t n = total - done < fit ? total - done : fit;
		row_band(p, t, cells, done, n, false);
		done += n;
	}
	for (size_t c = 0; c < t->n_cols; c++)
		free(cells[c].l.v);
}

static void table_start(struct pdf *p, const struct table *t)
{
	/* the header and at least a couple of lines of the first row together */
	need(p, header_height(p, t) + 3 * LEAD + 2 * CELL_PAD);
	header_row(p, t);
}

/* ---- the report ------------------------------------------------------------ */

static const struct column ind_cols[] = {
	{ "Mätetal", 0.32, 0 }, { "Utfall", 0.11, 1 }, { "Målvärde", 0.12, 1 },
	{ "Kommentar", 0.26, 0 }, { "Status", 0.19, 0 },
};
static const struct column act_cols[] = {
	{ "Aktiviteter", 0.24, 0 }, { "Beskrivning", 0.34, 0 },
	{ "Start- och slutdatum", 0.16, 0 }, { "Kommentar", 0.26, 0 },
};
static const struct column sum_cols[] = {
	{ "Styrelse/nämnd", 0.36, 0 }, { "● Uppfyllt", 0.16, 1 }, { "◆ Delvis uppfyllt", 0.16, 1 },
	{ "■ Ej uppfyllt", 0.16, 1 }, { "Status saknas", 0.16, 1 },
};
#define TABLE_OF(c) { c, sizeof(c) / sizeof(c[0]) }

/* "● Uppfyllt"; without a status the reason ("Mäts helår"). Arena-free:
 * written into `b`. */
static const char *status_text(rt_buf *b, enum rt_status s, const char *none_text)
{
	rt_buf_reset(b);
	if (s != RT_STATUS_NONE)
		rt_buf_addf(b, "%s %s", rt_status_symbol(s), rt_status_label(s));
	else
		rt_buf_addstr(b, none_text ? none_text : rt_status_label(s));
	return b->buf;
}

static void chart_row(struct pdf *p, const struct table *t, const struct rt_report_indicator *ind)
{
	struct rt_trend_chart c;
	if (!rt_trend_chart_init(&c, ind, CHART_W, CHART_H))
		return;
	double h = CHART_ROW_H;
	if (p->y + h > BOTTOM)
		table_break(p, t);
	if (p->draw) {
		cairo_set_line_width(p->cr, 0.5);
		cairo_set_source_rgb(p->cr, 0.72, 0.72, 0.72);
		cairo_rectangle(p->cr, MARGIN_X, p->y, CONTENT_W, h);
		cairo_stroke(p->cr);
		run_flush(p);
		cairo_set_font_face(p->cr, p->fonts[F_REGULAR].face);
		rt_trend_chart_cairo(&c, p->cr, MARGIN_X + CELL_PAD, p->y + CELL_PAD);
		p->run.font = -1;            /* the chart set its own size */
	}
	p->y += h;
	p->page_empty = false;
	rt_trend_chart_release(&c);
}

static void indicators(struct pdf *p, const struct rt_report_goal *g)
{
	static const struct table t = TABLE_OF(ind_cols);
	rt_buf st = RT_BUF_INIT, note = RT_BUF_INIT;
	space(p, 4);
	table_start(p, &t);
	for (size_t i = 0; i < g->n_indicators; i++) {
		const struct rt_report_indicator *ind = &g->indicators[i];
		const char *reason = rt_status_reason_label(ind->computed.reason);
		rt_buf_reset(&note);
		if (ind->status_recorded && ind->computed.status != ind->status) {
			rt_buf_addstr(&note, "Beräknad status: ");
			rt_buf tmp = RT_BUF_INIT;
			rt_buf_addstr(&note, status_text(&tmp, ind->computed.status, reason));
			rt_buf_release(&tmp);
			if (ind->override_reason)   /* the person's justification */
				rt_buf_addf(&note, "\nMotivering: %s", ind->override_reason);
		}
		struct cell cells[] = {
			{ .text = ind->name, .font = F_REGULAR, .color = black },
			{ .text = ind->outcome_text, .font = F_REGULAR, .color = black },
			{ .text = ind->target_text, .font = F_REGULAR, .color = black },
			{ .text = ind->comment, .font = F_REGULAR, .color = black },
			{ .text = status_text(&st, ind->status, reason), .font = F_BOLD,
			  .color = status_rgb(ind->status), .second = note.len ? note.buf : NULL },
		};
		table_row(p, &t, cells, rt_trend_chart_wanted(ind) ? CHART_ROW_H : 0);
		chart_row(p, &t, ind);
	}
	rt_buf_release(&st);
	rt_buf_release(&note);
	space(p, 6);
}

static void activities(struct pdf *p, const struct rt_report_goal *g)
{
	static const struct table t = TABLE_OF(act_cols);
	rt_buf dates = RT_BUF_INIT;
	space(p, 4);
	table_start(p, &t);
	for (size_t i = 0; i < g->n_activities; i++) {
		const struct rt_report_activity *a = &g->activities[i];
		rt_buf_reset(&dates);
		if (a->start_date || a->end_date)
			rt_buf_addf(&dates, "%s – %s", a->start_date ? a->start_date : "",
			            a->end_date ? a->end_date : "");
		struct cell cells[] = {
			{ .text = a->title, .font = F_REGULAR, .color = black },
			{ .text = a->description, .font = F_REGULAR, .color = black },
			{ .text = dates.len ? dates.buf : NULL, .font = F_REGULAR, .color = black },
			{ .text = a->comment, .font = F_REGULAR, .color = black },
		};
		table_row(p, &t, cells, 0);
	}
	rt_buf_release(&dates);
	space(p, 6);
}

static void goal(struct pdf *p, const struct rt_report_goal *g)
{
	static const double sizes[] = { 13, 11.5, 10.5 };
	double size = sizes[g->depth < 2 ? g->depth : 2];
	space(p, g->depth == 0 ? 14 : 10);
	/* heading + status line + a few lines of what follows stay together */
	need(p, size * 1.3 + 60);
	outline(p, g->depth + 1, g->title, false);
	block(p, g->title, F_BOLD, size, black, 0, BODY_SIZE * 1.3);
	rt_buf st = RT_BUF_INIT;
	block(p, status_text(&st, g->status, NULL), F_BOLD, BODY_SIZE, status_rgb(g->status), 0, 0);
	rt_buf_release(&st);
	if (g->analysis) {
		space(p, 3);
		block(p, g->analysis, F_REGULAR, BODY_SIZE, black, 0, 0);
	}
	if (g->n_indicators)
		indicators(p, g);
	if (g->n_activities)
		activities(p, g);
}

static void summary(struct pdf *p)
{
	static const struct table t = TABLE_OF(sum_cols);
	static const enum rt_status order[] = {
		RT_STATUS_ACHIEVED, RT_STATUS_PARTLY, RT_STATUS_NOT_ACHIEVED, RT_STATUS_NONE,
	};
	space(p, 10);
	outline(p, 0, "Sammanfattning", true);
	block(p, "Sammanfattning", F_BOLD, 14, black, 0, 40);
	block(p, "Mätetalens status per styrelse eller nämnd", F_REGULAR, BODY_SIZE, grey, 0, 30);
	space(p, 3);
	table_start(p, &t);
	char nums[4][24];
	for (size_t i = 0; i < p->r->n_sections; i++) {
		const struct rt_report_section *s = &p->r->sections[i];
		struct cell cells[MAX_COLS] = { { .text = s->org_name, .font = F_REGULAR, .color = black } };
		for (size_t k = 0; k < 4; k++) {
			snprintf(nums[k], sizeof nums[k], "%zu", s->status_counts[order[k]]);
			cells[k + 1] = (struct cell){ .text = nums[k], .font = F_REGULAR, .color = black };
		}
		table_row(p, &t, cells, 0);
	}
}

static void section(struct pdf *p, const struct rt_report_section *s)
{
	new_page(p);
	rt_buf h = RT_BUF_INIT;
	rt_buf_addf(&h, "Mål %s", s->org_name ? s->org_name : "");
	outline(p, 0, h.buf, true);
	block(p, h.buf, F_BOLD, 16, black, 0, 40);
	rt_buf_reset(&h);
	rt_buf_addstr(&h, s->plan_title ? s->plan_title : "");
	if (s->region_name)
		rt_buf_addf(&h, " · %s", s->region_name);
	block(p, h.buf, F_REGULAR, BODY_SIZE, grey, 0, 0);
	rt_buf_release(&h);
	for (size_t g = 0; g < s->n_goals; g++)
		goal(p, &s->goals[g]);
}

static void document(struct pdf *p)
{
	p->page = 1;
	p->y = TOP;
	p->page_empty = true;
	const char *title = p->r->title ? p->r->title : "Sammanställd måluppfyllelse";
	block(p, title, F_BOLD, 18, black, 0, 40);
	rt_buf b = RT_BUF_INIT;
	rt_buf_addf(&b, "Period %s", p->r->period_key ? p->r->period_key : "");
	if (p->r->period_label)
		rt_buf_addf(&b, " (%s)", p->r->period_label);
	space(p, 4);
	block(p, b.buf, F_REGULAR, BODY_SIZE, grey, 0, 0);
	rt_buf_release(&b);
	block(p, "Symbolerna står alltid med text: ● Uppfyllt, ◆ Delvis uppfyllt, ■ Ej uppfyllt.",
	      F_REGULAR, BODY_SIZE, grey, 0, 0);
	if (p->r->n_sections == 0) {
		space(p, 12);
		block(p, "Ingen uppföljning finns för perioden.", F_REGULAR, BODY_SIZE, black, 0, 0);
	} else {
		summary(p);
	}
	for (size_t i = 0; i < p->r->n_sections; i++)
		section(p, &p->r->sections[i]);
	footer(p);
}

/* ---- the file -------------------------------------------------------------- */

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static int render(const struct rt_followup_report *r, FILE *f, const char *path, rt_err *err)
{
	struct pdf p = { .r = r, .run = { .font = -1 } };
	p.surface = cairo_pdf_surface_create_for_stream(write_stream, f, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, r->title ? r->title : "");
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "Rödtråd");
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATE_DATE, FIXED_DATE);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_MOD_DATE, FIXED_DATE);
	p.cr = cairo_create(p.surface);
	int rc = fonts_open(&p, err);
	if (rc == 0) {
		p.draw = false;              /* pass 1: count the pages */
		document(&p);
		p.n_pages = p.page;
		p.draw = true;               /* pass 2: the same layout, drawn */
		document(&p);
		cairo_surface_finish(p.surface);
		cairo_status_t cs = cairo_status(p.cr);
		if (cs == CAIRO_STATUS_SUCCESS)
			cs = cairo_surface_status(p.surface);
		if (cs != CAIRO_STATUS_SUCCESS)
			rc = rt_err_set(err, RT_EIO, "", "Kan inte skriva %s: %s", path,
			                cairo_status_to_string(cs));
	}
	cairo_destroy(p.cr);
	cairo_surface_destroy(p.surface);
	fonts_close(&p);
	rt_glyph_run_release(&p.run.glyphs);
	return rc;
}

/* Streamed to PATH.tmp (a large report need not fit in memory, unlike
 * rt_report_file_write's buffer), with report_file.h's Swedish messages. */
int rt_report_pdf(const struct rt_followup_report *r, const char *path, rt_err *err)
{
	rt_buf tmp = RT_BUF_INIT;
	rt_buf_addf(&tmp, "%s.tmp", path);
	FILE *f = fopen(tmp.buf, "wb");
	if (!f) {
		int e = errno;
		rt_buf_release(&tmp);
		return rt_report_file_error(err, path, e);
	}
	int rc = render(r, f, path, err);
	if (rc == 0 && (fflush(f) != 0 || fsync(fileno(f)) != 0))
		rc = rt_report_file_error(err, path, errno);
	if (fclose(f) != 0 && rc == 0)
		rc = rt_report_file_error(err, path, errno);
	if (rc == 0 && rename(tmp.buf, path) != 0)
		rc = rt_report_file_error(err, path, errno);
	if (rc != 0)
		unlink(tmp.buf);
	rt_buf_release(&tmp);
	return rc;
}
