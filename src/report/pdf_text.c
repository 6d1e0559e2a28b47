/* The shared A4 text layout of the PDF renderers; see pdf_text.h. */
#include "report/pdf_text.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/pdf_page.h"
#include "report/report_file.h"
#include "util/alloc.h"

#define FONT_FAMILY "DejaVu Sans"
#define FIXED_DATE "2000-01-01T00:00:00Z" /* as the XLSX writer's document date */

const struct rt_pdf_rgb rt_pdf_black = { 0.1, 0.1, 0.1 }, rt_pdf_grey = { 0.33, 0.33, 0.33 };

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

static int fonts_open(struct rt_pdf *p, rt_err *err)
{
	static const int weights[RT_PDF_FONTS] = { FC_WEIGHT_REGULAR, FC_WEIGHT_BOLD };
	cairo_font_options_t *o = font_options();
	cairo_matrix_t size, ctm;
	cairo_matrix_init_scale(&size, 1000, 1000);
	cairo_matrix_init_identity(&ctm);
	int rc = 0;
	for (int i = 0; i < RT_PDF_FONTS && rc == 0; i++) {
		struct rt_pdf_font *f = &p->fonts[i];
		f->face = load_face(weights[i]);
		if (!f->face) {
			rc = rt_err_set(err, RT_EIO, "", "Hittar inget typsnitt för PDF (%s)", FONT_FAMILY);
			break;
		}
		f->measure = cairo_scaled_font_create(f->face, &size, &ctm, o);
		for (size_t k = 0; k < RT_PDF_ADV_CACHE; k++)
			f->adv[k] = -1;
	}
	cairo_set_font_options(p->cr, o);
	/* the layout's own context (charts measure their markers with it): the
	 * PDF's cairo_t belongs to the drawing thread */
	cairo_surface_t *one = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	p->measure = cairo_create(one);
	cairo_surface_destroy(one);
	cairo_font_options_t *so = cairo_font_options_create();
	cairo_surface_get_font_options(p->surface, so);
	cairo_font_options_merge(so, o);
	cairo_set_font_options(p->measure, so);
	cairo_font_options_destroy(so);
	cairo_font_options_destroy(o);
	return rc;
}

static void fonts_close(struct rt_pdf *p)
{
	if (p->measure)
		cairo_destroy(p->measure);
	for (int i = 0; i < RT_PDF_FONTS; i++) {
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

/* A character's glyph and advance (per pt of size), cached for Latin and
 * the symbols: the layout measures every text, and the page's glyph runs
 * are made from the same cache instead of cairo_scaled_font_text_to_glyphs
 * per string (cairo's conversion and FreeType's cmap lookup were ~8 % of
 * a board's report). cairo's conversion of the whole string gives the same
 * glyphs at the same positions: no kerning, unhinted advances. */
static double char_glyph(struct rt_pdf_font *f, const char *s, size_t n, unsigned cp,
                         unsigned long *index)
{
	if (cp < RT_PDF_ADV_CACHE && f->adv[cp] >= 0) {
		*index = f->glyph[cp];
		return f->adv[cp];
	}
	char one[5] = { 0 };
	memcpy(one, s, n);
	cairo_glyph_t *g = NULL;
	int ng = 0;
	double w = 0;
	*index = 0;
	if (cairo_scaled_font_text_to_glyphs(f->measure, 0, 0, one, (int)n, &g, &ng, NULL, NULL,
	                                     NULL) == CAIRO_STATUS_SUCCESS && ng == 1) {
		cairo_text_extents_t e;
		cairo_scaled_font_glyph_extents(f->measure, g, 1, &e);
		w = e.x_advance / 1000.0;
		*index = g[0].index;
	}
	cairo_glyph_free(g);
	if (cp < RT_PDF_ADV_CACHE) {
		f->adv[cp] = (float)w;
		f->glyph[cp] = (unsigned)*index;
	}
	return w;
}

static double char_width(struct rt_pdf_font *f, const char *s, size_t n, unsigned cp)
{
	unsigned long index;
	return char_glyph(f, s, n, cp, &index);
}

double rt_pdf_text_width(struct rt_pdf *p, int font, double size, const char *s, size_t len)
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

static void lines_push(struct rt_pdf_lines *l, size_t off, size_t len, bool second)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = rt_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = (struct rt_pdf_line){ off, len, second };
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Greedy wrapping of text[0..len) (one source line) into widths of maxw;
 * a word wider than a line is cut between characters. */
static void wrap_line(struct rt_pdf *p, int font, double size, const char *text, size_t base,
                      size_t len, double maxw, bool second, struct rt_pdf_lines *out)
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
			double add = rt_pdf_text_width(p, font, size, text + end, we - end);
			if (end > start && w + add > maxw)
				break;
			if (end == start && add > maxw) {
				/* a single over-long word: as many characters as fit, at least one */
				size_t k = start, n;
				double cw = 0;
				while (k < we) {
					decode(text + k, we - k, &n);
					double c = rt_pdf_text_width(p, font, size, text + k, n);
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
void rt_pdf_wrap(struct rt_pdf *p, int font, double size, const char *text, double maxw,
                 bool second, struct rt_pdf_lines *out)
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

/* cairo's PDF surface costs about as much per operator and per subpath as
 * per page (it strokes every path once more to find its extents, twice,
 * and prints every number with snprintf), so a page's table borders, chart
 * frames and footer line are one path of single lines stroked once when
 * the page ends, and its header backgrounds one fill, instead of a stroked
 * rectangle per cell. */
static void seg_add(struct rt_pdf_segs *s, double a, double b, double c, double d)
{
	if (s->n + 4 > s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->v = rt_xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	double *v = s->v + s->n;
	v[0] = rt_snap(a, 0.25), v[1] = rt_snap(b, 0.25), v[2] = rt_snap(c, 0.25), v[3] = rt_snap(d, 0.25);
	s->n += 4;
}

static double col_x(const struct rt_pdf_table *t, size_t c);

/* The rules of a band [y0, y1) of table t: the line below it, and the
 * line above it unless the band continues the table's previous one. No
 * column lines: the columns read by their alignment and the header's
 * background, and a vertical line per column and band was a third of a
 * page's numbers for cairo to print (every one ~2 700 instructions). */
static void band_rules(struct rt_pdf *p, const struct rt_pdf_table *t, double y0, double y1)
{
	double x0 = col_x(t, 0), x1 = col_x(t, t->n_cols);
	if (!(p->rule_y == y0 && p->rule_x0 == x0 && p->rule_x1 == x1))
		seg_add(&p->rules, x0, y0, x1, y0);
	seg_add(&p->rules, x0, y1, x1, y1);
	p->rule_x0 = x0;
	p->rule_x1 = x1;
	p->rule_y = y1;
}

/* The backgrounds go under the text, so before any text is shown. */
static void fills_draw(struct rt_pdf *p)
{
	rt_pdf_page_fills(p, &p->fills);
	p->fills.n = 0;
}

static void rules_draw(struct rt_pdf *p)
{
	p->rule_y = -1;
	fills_draw(p);
	rt_pdf_page_rules(p, &p->rules);
	p->rules.n = 0;
}

/* The page's text is collected as one glyph run per font, size and colour
 * and shown with one operator each (why: glyph_run.h) when the page ends:
 * cairo's cost is per operator, and no line or fill of ours lies over text. */
void rt_pdf_flush(struct rt_pdf *p)
{
	fills_draw(p);
	for (size_t i = 0; i < p->n_runs; i++) {
		rt_pdf_page_run(p, &p->runs[i]);
		p->runs[i].glyphs.n = 0;
	}
	p->n_runs = 0;
}

void rt_pdf_glyphs(struct rt_pdf *p, int font, double size, struct rt_glyph_run *r, double x,
                   double y, double anchor, const char *s, size_t len)
{
	struct rt_pdf_font *f = &p->fonts[font];
	if (anchor != 0)
		x -= rt_pdf_text_width(p, font, size, s, len) * anchor;
	x = rt_snap(x, size / 100);
	y = rt_snap(y, size / 100);
	for (size_t i = 0; i < len;) {
		size_t n;
		unsigned cp = decode(s + i, len - i, &n);
		unsigned long index;
		/* U+00A0 ("4 757") as the space glyph, the same blank: cairo puts
		 * it outside its Latin subset, which switched the PDF font twice */
		double adv = cp == 0xa0 ? char_glyph(f, " ", 1, ' ', &index)
		                        : char_glyph(f, s + i, n, cp, &index);
		rt_glyph_run_push(r, index, x, y);
		x += adv * size;
		i += n;
	}
}

void rt_pdf_show(struct rt_pdf *p, int font, double size, struct rt_pdf_rgb c, double x, double y,
                 const char *s, size_t len)
{
	if (!p->draw || !len)
		return;
	struct rt_pdf_run *r = NULL;
	for (size_t i = 0; i < p->n_runs && !r; i++)
		if (p->runs[i].font == font && p->runs[i].size == size &&
		    !memcmp(&p->runs[i].color, &c, sizeof c))
			r = &p->runs[i];
	if (!r) {
		if (p->n_runs == RT_PDF_RUNS)
			rt_pdf_flush(p);
		r = &p->runs[p->n_runs++];
		r->font = font;
		r->size = size;
		r->color = c;
	}
	rt_pdf_glyphs(p, font, size, &r->glyphs, x, y, 0, s, len);
}

void rt_pdf_footer(struct rt_pdf *p)
{
	if (!p->draw)
		return;
	char num[64];
	snprintf(num, sizeof num, "Sida %d av %d", p->page, p->n_pages);
	double y = RT_PDF_PAGE_H - 32;
	seg_add(&p->rules, RT_PDF_MARGIN_X, y - 12, RT_PDF_PAGE_W - RT_PDF_MARGIN_X, y - 12);
	rules_draw(p);
	rt_pdf_page_extra_draw(p);
	const char *t = p->footer ? p->footer : "";
	rt_pdf_show(p, RT_PDF_REGULAR, 8, rt_pdf_grey, RT_PDF_MARGIN_X, y, t, strlen(t));
	double w = rt_pdf_text_width(p, RT_PDF_REGULAR, 8, num, strlen(num));
	rt_pdf_show(p, RT_PDF_REGULAR, 8, rt_pdf_grey, RT_PDF_PAGE_W - RT_PDF_MARGIN_X - w, y, num, strlen(num));
	rt_pdf_flush(p);
}

void rt_pdf_new_page(struct rt_pdf *p)
{
	rt_pdf_footer(p);
	if (p->draw) {
		rt_pdf_page_end(p, true);
		rt_pdf_page_begin(p);
	}
	p->page++;
	p->y = RT_PDF_TOP;
	p->page_empty = true;
}

void rt_pdf_need(struct rt_pdf *p, double h)
{
	if (p->y + h > RT_PDF_BOTTOM && !p->page_empty)
		rt_pdf_new_page(p);
}

void rt_pdf_outline(struct rt_pdf *p, int depth, const char *title, bool bold)
{
	if (!p->draw || !title)
		return;
	if (depth > 6)
		depth = 6;
	rt_pdf_page_outline(p, depth, title, bold, p->page, p->y);
}

void rt_pdf_extra_flush(struct rt_pdf *p)
{
	if (p->draw)
		rt_pdf_page_extra_draw(p);
}

/* A wrapped block of text over the full width; breaks pages between lines.
 * `keep` is extra space that must follow on the same page (a heading's
 * first lines of content). */
void rt_pdf_block(struct rt_pdf *p, const char *text, int font, double size, struct rt_pdf_rgb c,
                  double indent, double keep)
{
	struct rt_pdf_lines l = { 0 };
	rt_pdf_wrap(p, font, size, text, RT_PDF_CONTENT_W - indent, false, &l);
	double lead = size * 1.3;
	if (l.n)
		rt_pdf_need(p, (double)(l.n < 3 ? l.n : 3) * lead + keep);
	for (size_t i = 0; i < l.n; i++) {
		rt_pdf_need(p, lead);
		rt_pdf_show(p, font, size, c, RT_PDF_MARGIN_X + indent, p->y + size * 0.95, text + l.v[i].off,
		     l.v[i].len);
		p->y += lead;
		p->page_empty = false;
	}
	free(l.v);
}

void rt_pdf_space(struct rt_pdf *p, double h)
{
	if (!p->page_empty)
		p->y += h;
}

/* ---- tables ------------------------------------------------------------------ */

static double col_x(const struct rt_pdf_table *t, size_t c)
{
	double x = RT_PDF_MARGIN_X;
	for (size_t i = 0; i < c; i++)
		x += t->cols[i].frac * RT_PDF_CONTENT_W;
	return x;
}

#define LEAD (RT_PDF_TABLE_SIZE * 1.25)

static void cells_wrap(struct rt_pdf *p, const struct rt_pdf_table *t, struct rt_pdf_cell *cells)
{
	for (size_t c = 0; c < t->n_cols; c++) {
		double w = t->cols[c].frac * RT_PDF_CONTENT_W - 2 * RT_PDF_CELL_PAD;
		cells[c].l = (struct rt_pdf_lines){ 0 };
		rt_pdf_wrap(p, cells[c].font, RT_PDF_TABLE_SIZE, cells[c].text, w, false, &cells[c].l);
		rt_pdf_wrap(p, RT_PDF_REGULAR, RT_PDF_TABLE_SIZE, cells[c].second, w, true, &cells[c].l);
	}
}

/* Draws lines [from, from + n) of every cell as one band of the row. */
static void row_band(struct rt_pdf *p, const struct rt_pdf_table *t, const struct rt_pdf_cell *cells, size_t from,
                     size_t n, bool header)
{
	double h = (double)n * LEAD + 2 * RT_PDF_CELL_PAD;
	if (p->draw) {
		if (header)
			seg_add(&p->fills, col_x(t, 0), p->y, col_x(t, t->n_cols) - col_x(t, 0), h);
		band_rules(p, t, p->y, p->y + h);
	}
	for (size_t c = 0; c < t->n_cols; c++) {
		const struct rt_pdf_cell *ce = &cells[c];
		double x = col_x(t, c) + RT_PDF_CELL_PAD, w = t->cols[c].frac * RT_PDF_CONTENT_W - 2 * RT_PDF_CELL_PAD;
		for (size_t i = from; i < from + n && i < ce->l.n; i++) {
			const struct rt_pdf_line *ln = &ce->l.v[i];
			const char *src = ln->second ? ce->second : ce->text;
			int font = ln->second ? RT_PDF_REGULAR : ce->font;
			double lw = t->cols[c].align > 0 ? rt_pdf_text_width(p, font, RT_PDF_TABLE_SIZE, src + ln->off, ln->len) : 0;
			rt_pdf_show(p, font, RT_PDF_TABLE_SIZE, ln->second ? rt_pdf_grey : ce->color, x + (w - lw) * t->cols[c].align,
			     p->y + RT_PDF_CELL_PAD + (double)(i - from) * LEAD + RT_PDF_TABLE_SIZE * 0.95, src + ln->off,
			     ln->len);
		}
	}
	p->y += h;
	p->page_empty = false;
}

static size_t row_lines(const struct rt_pdf_table *t, const struct rt_pdf_cell *cells)
{
	size_t n = 1;
	for (size_t c = 0; c < t->n_cols; c++)
		n = cells[c].l.n > n ? cells[c].l.n : n;
	return n;
}

static void header_row(struct rt_pdf *p, const struct rt_pdf_table *t)
{
	struct rt_pdf_cell cells[RT_PDF_MAX_COLS];
	for (size_t c = 0; c < t->n_cols; c++)
		cells[c] = (struct rt_pdf_cell){ .text = t->cols[c].title, .font = RT_PDF_BOLD, .color = rt_pdf_black };
	cells_wrap(p, t, cells);
	row_band(p, t, cells, 0, row_lines(t, cells), true);
	for (size_t c = 0; c < t->n_cols; c++)
		free(cells[c].l.v);
}

static double header_height(struct rt_pdf *p, const struct rt_pdf_table *t)
{
	struct rt_pdf_cell cells[RT_PDF_MAX_COLS];
	for (size_t c = 0; c < t->n_cols; c++)
		cells[c] = (struct rt_pdf_cell){ .text = t->cols[c].title, .font = RT_PDF_BOLD };
	cells_wrap(p, t, cells);
	double h = (double)row_lines(t, cells) * LEAD + 2 * RT_PDF_CELL_PAD;
	for (size_t c = 0; c < t->n_cols; c++)
		free(cells[c].l.v);
	return h;
}

void rt_pdf_table_break(struct rt_pdf *p, const struct rt_pdf_table *t)
{
	rt_pdf_new_page(p);
	header_row(p, t);
}

void rt_pdf_table_span(struct rt_pdf *p, const struct rt_pdf_table *t, double h, bool joined)
{
	/* the row's bottom rule is the last one added: the row and its chart
	 * read as one, and that is a stroked line fewer per chart */
	double *last = p->rules.n >= 4 ? p->rules.v + p->rules.n - 4 : NULL;
	if (p->draw && joined && last && p->rule_y == p->y && last[1] == last[3] &&
	    last[1] == rt_snap(p->y, 0.25))
		p->rules.n -= 4;
	if (p->draw)
		band_rules(p, t, p->y, p->y + h);
	p->y += h;
	p->page_empty = false;
}

/* One body row: whole on this page, else whole on the next, else split
 * between lines (a long comment may be taller than a page). `keep` is the
 * height of what must follow on the same page (the row's trend chart). */
void rt_pdf_table_row(struct rt_pdf *p, const struct rt_pdf_table *t, struct rt_pdf_cell *cells, double keep)
{
	cells_wrap(p, t, cells);
	size_t total = row_lines(t, cells), done = 0;
	double full = (double)total * LEAD + 2 * RT_PDF_CELL_PAD;
	/* the header's height (wrapping its titles) only when the row is near the page's end */
	if (p->y + full + keep > RT_PDF_BOTTOM &&
	    full + keep <= RT_PDF_BOTTOM - RT_PDF_TOP - header_height(p, t))
		rt_pdf_table_break(p, t);
	while (done < total) {
		double avail = RT_PDF_BOTTOM - p->y - 2 * RT_PDF_CELL_PAD;
		size_t fit = avail > 0 ? (size_t)(avail / LEAD) : 0;
		if (fit < 2 && fit < total - done) {
			rt_pdf_table_break(p, t);
			continue;
		}
		size_t n = total - done < fit ? total - done : fit;
		row_band(p, t, cells, done, n, false);
		done += n;
	}
	for (size_t c = 0; c < t->n_cols; c++)
		free(cells[c].l.v);
}

void rt_pdf_table_start(struct rt_pdf *p, const struct rt_pdf_table *t)
{
	/* the header and at least a couple of lines of the first row together */
	rt_pdf_need(p, header_height(p, t) + 3 * LEAD + 2 * RT_PDF_CELL_PAD);
	header_row(p, t);
}


/* ---- the file -------------------------------------------------------------- */

int rt_pdf_render(cairo_write_func_t write, void *closure, const char *title,
                  rt_pdf_layout_fn layout, const void *user, const char *path, rt_err *err)
{
	struct rt_pdf p = { .footer = title, .user = user, .rule_y = -1 };
	p.surface = cairo_pdf_surface_create_for_stream(write, closure, RT_PDF_PAGE_W, RT_PDF_PAGE_H);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, title ? title : "");
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "Rödtråd");
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATE_DATE, FIXED_DATE);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_MOD_DATE, FIXED_DATE);
	p.cr = cairo_create(p.surface);
	int rc = fonts_open(&p, err);
	for (int pass = 0; rc == 0 && pass < 2; pass++) {
		p.draw = pass == 1;          /* pass 0 counts the pages, pass 1 draws the same */
		p.page = 1;
		p.mark_page = 0;
		p.y = RT_PDF_TOP;
		p.page_empty = true;
		if (p.draw) {
			rt_pdf_pages_start(&p);
			rt_pdf_page_begin(&p);
		}
		layout(&p);
		rt_pdf_footer(&p);
		if (p.draw) {
			rt_pdf_page_end(&p, false);
			rt_pdf_pages_stop(&p);
		}
		p.n_pages = p.page;
	}
	if (rc == 0) {
		cairo_surface_finish(p.surface);
		cairo_status_t cs = cairo_status(p.cr);
		if (cs == CAIRO_STATUS_SUCCESS)
			cs = cairo_surface_status(p.surface);
		if (cs != CAIRO_STATUS_SUCCESS)
			rc = rt_err_set(err, RT_EIO, "", "Kan inte skriva %s: %s", path ? path : "PDF",
			                cairo_status_to_string(cs));
	}
	cairo_destroy(p.cr);
	cairo_surface_destroy(p.surface);
	fonts_close(&p);
	for (size_t i = 0; i < RT_PDF_RUNS; i++)
		rt_glyph_run_release(&p.runs[i].glyphs);
	free(p.rules.v);
	free(p.fills.v);
	return rc;
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	rt_buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

int rt_pdf_render_buf(rt_buf *out, const char *title, rt_pdf_layout_fn layout, const void *user,
                      rt_err *err)
{
	return rt_pdf_render(write_buf, out, title, layout, user, NULL, err);
}

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Streamed to PATH.tmp (a large report need not fit in memory, unlike
 * rt_report_file_write's buffer), with report_file.h's Swedish messages. */
int rt_pdf_write_file(const char *path, const char *title, rt_pdf_layout_fn layout,
                      const void *user, rt_err *err)
{
	rt_buf tmp = RT_BUF_INIT;
	rt_buf_addf(&tmp, "%s.tmp", path);
	FILE *f = fopen(tmp.buf, "wb");
	if (!f) {
		int e = errno;
		rt_buf_release(&tmp);
		return rt_report_file_error(err, path, e);
	}
	int rc = rt_pdf_render(write_stream, f, title, layout, user, path, err);
	if (rc == 0 && (fflush(f) != 0 || fsync(fileno(f)) != 0))
		rc = rt_report_file_error(err, path, errno);
	if (fclose(f) != 0 && rc == 0)
		rc = rt_report_file_error(err, path, errno);
	int e;
	if (rc == 0 && (e = rt_report_file_publish(tmp.buf, path)) != 0)
		rc = rt_report_file_error(err, path, e);
	if (rc != 0)
		unlink(tmp.buf);
	rt_buf_release(&tmp);
	return rc;
}
