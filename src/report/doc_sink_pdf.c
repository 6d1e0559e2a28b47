/* PDF rendering of a struct rt_doc (see doc_sink_pdf.h): headings 1–3 as
 * bold text with PDF bookmarks, paragraphs with a bold label, tables whose
 * column widths follow their content, all with pdf_text.h's fonts, wrapping
 * and "Sida N av M". */
#include <stdlib.h>
#include <string.h>

#include "report/doc_sink_pdf.h"
#include "report/pdf_text.h"
#include "util/alloc.h"

enum item_kind { I_HEADING, I_PARA, I_TABLE, I_ROW };

struct rt_doc_item {
	enum item_kind kind;
	int level;                         /* heading level; table: number of columns */
	char *label, *cls;                 /* para */
	char **text;                       /* heading/para: [0]; table: titles; row: cells */
	double frac[RT_PDF_MAX_COLS];      /* table: column widths, set at table end */
};

static const struct rt_pdf_rgb missing = { 0x8a / 255.0, 0x1c / 255.0, 0x1c / 255.0 };

static struct rt_doc_item *item_add(struct rt_doc *d, enum item_kind k, int level,
                                    const char *const *texts, int n)
{
	if (d->n_items == d->cap_items) {
		d->cap_items = d->cap_items ? 2 * d->cap_items : 32;
		d->items = rt_xrealloc(d->items, d->cap_items * sizeof(*d->items));
	}
	struct rt_doc_item *it = &d->items[d->n_items++];
	memset(it, 0, sizeof(*it));
	it->kind = k;
	it->level = level;
	it->text = rt_xcalloc((size_t)n + 1, sizeof(char *));
	for (int i = 0; i < n; i++)
		it->text[i] = rt_xstrdup(texts[i] ? texts[i] : "");
	return it;
}

static int clamp_cols(int n)
{
	return n < 1 ? 1 : n > RT_PDF_MAX_COLS ? RT_PDF_MAX_COLS : n;
}

void rt_doc_pdf_heading(struct rt_doc *d, int level, const char *text)
{
	item_add(d, I_HEADING, level < 1 ? 1 : level > 3 ? 3 : level, &text, 1);
}

void rt_doc_pdf_para(struct rt_doc *d, const char *label, const char *text, const char *cls)
{
	struct rt_doc_item *it = item_add(d, I_PARA, 0, &text, 1);
	it->label = label ? rt_xstrdup(label) : NULL;
	it->cls = cls ? rt_xstrdup(cls) : NULL;
}

void rt_doc_pdf_table_begin(struct rt_doc *d, const char *caption, const char *const *cols, int n)
{
	if (caption)
		rt_doc_pdf_para(d, caption, "", NULL);
	d->table = d->n_items;
	item_add(d, I_TABLE, clamp_cols(n), cols, clamp_cols(n));
}

void rt_doc_pdf_row(struct rt_doc *d, const char *const *cells, int n)
{
	int cols = d->items[d->table].level;
	const char *v[RT_PDF_MAX_COLS] = { 0 };
	for (int i = 0; i < cols && i < n; i++)
		v[i] = cells[i];
	item_add(d, I_ROW, cols, v, cols);
}

/* Column widths in proportion to their text (the header's longest word at
 * least, long texts capped), so a date column stays narrow and a
 * description gets the room. */
void rt_doc_pdf_table_end(struct rt_doc *d)
{
	struct rt_doc_item *t = &d->items[d->table];
	double w[RT_PDF_MAX_COLS] = { 0 }, sum = 0;
	for (int c = 0; c < t->level; c++) {
		double len = (double)strlen(t->text[c]) * 1.1;
		for (size_t r = d->table + 1; r < d->n_items; r++) {
			double l = (double)strlen(d->items[r].text[c]);
			if (l > len) len = l;
		}
		w[c] = len < 6 ? 6 : len > 60 ? 60 : len;
		sum += w[c];
	}
	for (int c = 0; c < t->level; c++)
		t->frac[c] = w[c] / sum;
}

/* ---- layout ------------------------------------------------------------------ */

/* A paragraph: the label in bold, then the text on the same line. The text
 * is wrapped as one string a little narrower than the page, so the wider
 * bold label still fits. */
static void para(struct rt_pdf *p, const struct rt_doc_item *it)
{
	const double size = RT_PDF_BODY_SIZE, lead = size * 1.3;
	struct rt_pdf_rgb c = it->cls ? missing : rt_pdf_black;
	rt_buf s = RT_BUF_INIT;
	size_t ll = 0;
	double extra = 0;
	if (it->label) {
		rt_buf_addf(&s, "%s ", it->label);
		ll = strlen(it->label);
		extra = rt_pdf_text_width(p, RT_PDF_BOLD, size, it->label, ll) -
		        rt_pdf_text_width(p, RT_PDF_REGULAR, size, it->label, ll);
	}
	rt_buf_addstr(&s, it->text[0]);
	struct rt_pdf_lines l = { 0 };
	rt_pdf_wrap(p, RT_PDF_REGULAR, size, s.buf, RT_PDF_CONTENT_W - extra, false, &l);
	if (l.n)
		rt_pdf_need(p, (double)(l.n < 3 ? l.n : 3) * lead);
	for (size_t i = 0; i < l.n; i++) {
		rt_pdf_need(p, lead);
		double x = RT_PDF_MARGIN_X, y = p->y + size * 0.95;
		size_t off = l.v[i].off, len = l.v[i].len;
		if (ll && off < ll) {          /* the label's part of this line, in bold */
			size_t n = off + len < ll ? len : ll - off;
			rt_pdf_show(p, RT_PDF_BOLD, size, rt_pdf_black, x, y, s.buf + off, n);
			x += rt_pdf_text_width(p, RT_PDF_BOLD, size, s.buf + off, n);
			off += n;
			len -= n;
		}
		rt_pdf_show(p, RT_PDF_REGULAR, size, c, x, y, s.buf + off, len);
		p->y += lead;
		p->page_empty = false;
	}
	rt_pdf_space(p, 4);
	free(l.v);
	rt_buf_release(&s);
}

static void heading(struct rt_pdf *p, const struct rt_doc_item *it)
{
	static const double sizes[] = { 18, 14, 11.5 }, before[] = { 0, 14, 10 };
	double size = sizes[it->level - 1];
	rt_pdf_space(p, before[it->level - 1]);
	rt_pdf_need(p, size * 1.3 + 70);   /* a heading stays with what follows */
	rt_pdf_outline(p, it->level - 1, it->text[0], it->level == 1);
	rt_pdf_block(p, it->text[0], RT_PDF_BOLD, size, rt_pdf_black, 0, RT_PDF_BODY_SIZE * 1.3);
	rt_pdf_space(p, 4);
}

/* The width of the longest word of a header, in the bold table font. */
static double longest_word(struct rt_pdf *p, const char *s)
{
	double best = 0;
	while (*s) {
		size_t n = strcspn(s, " ");
		double w = rt_pdf_text_width(p, RT_PDF_BOLD, RT_PDF_TABLE_SIZE, s, n);
		if (w > best) best = w;
		s += n;
		s += strspn(s, " ");
	}
	return best;
}

/* The table at items[i] and its rows; returns the index after them. */
static size_t table(struct rt_pdf *p, const struct rt_doc *d, size_t i)
{
	const struct rt_doc_item *t = &d->items[i];
	struct rt_pdf_column cols[RT_PDF_MAX_COLS];
	double frac[RT_PDF_MAX_COLS], min[RT_PDF_MAX_COLS], sum = 0, slack = 0;
	for (int c = 0; c < t->level; c++) {
		min[c] = (longest_word(p, t->text[c]) + 2 * RT_PDF_CELL_PAD + 2) / RT_PDF_CONTENT_W;
		frac[c] = t->frac[c] > min[c] ? t->frac[c] : min[c];
		sum += frac[c];
		slack += frac[c] - min[c];
	}
	/* no header word is cut ("Målgru|pp"): the wider columns give way */
	for (int c = 0; c < t->level; c++) {
		if (sum > 1 && slack > 0)
			frac[c] -= (frac[c] - min[c]) * (sum - 1) / slack;
		cols[c] = (struct rt_pdf_column){ t->text[c], frac[c], 0 };
	}
	const struct rt_pdf_table tab = { cols, (size_t)t->level };
	rt_pdf_table_start(p, &tab);
	for (i++; i < d->n_items && d->items[i].kind == I_ROW; i++) {
		struct rt_pdf_cell cells[RT_PDF_MAX_COLS];
		for (int c = 0; c < t->level; c++)
			cells[c] = (struct rt_pdf_cell){ .text = d->items[i].text[c],
			                                 .font = RT_PDF_REGULAR, .color = rt_pdf_black };
		rt_pdf_table_row(p, &tab, cells, 0);
	}
	rt_pdf_space(p, 8);
	return i;
}

static void layout(struct rt_pdf *p)
{
	const struct rt_doc *d = p->user;
	for (size_t i = 0; i < d->n_items;) {
		const struct rt_doc_item *it = &d->items[i];
		if (it->kind == I_TABLE) {
			i = table(p, d, i);
			continue;
		}
		if (it->kind == I_HEADING) heading(p, it);
		else if (it->kind == I_PARA) para(p, it);
		i++;
	}
}

int rt_doc_pdf_finish(struct rt_doc *d, rt_buf *out, rt_err *err)
{
	int rc = rt_pdf_render_buf(out, d->title, layout, d, err);
	for (size_t i = 0; i < d->n_items; i++) {
		struct rt_doc_item *it = &d->items[i];
		for (char **s = it->text; *s; s++)
			free(*s);
		free(it->text);
		free(it->label);
		free(it->cls);
	}
	free(d->items);
	d->items = NULL;
	d->n_items = d->cap_items = 0;
	return rc;
}
