/* See xlsx_writer.h. The parts follow what libxlsxwriter (which rendered
 * the report before) writes and Excel and LibreOffice open, minus what the
 * report never uses (theme, calc chain, spans). The worksheet XML is built
 * in an rt_buf per sheet with plain appends; a region's 25 sheets are ~6 MB
 * of XML held until the zip is made. */
#include "report/xlsx_writer.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/docx_package.h"
#include "util/alloc.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT_SHEET "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
#define DEFAULT_HEIGHT 15.0
#ifndef ZIP_LEVEL
#define ZIP_LEVEL 1
#endif

struct style {
	struct rt_xlsx_style s;        /* num_format owned */
	unsigned font;                 /* index into fonts */
	unsigned numfmt;               /* 0, or 164 + index into numfmts */
};

struct font {
	bool bold, italic;
	int size;
};

struct sheet {
	char *name;
	rt_buf xml;                    /* the finished part */
	unsigned repeat_rows;
};

/* One distinct shared string: its bytes in `pool`. */
struct sst_slot {
	uint32_t hash, index_plus1, off, len;
};

struct rt_xlsx {
	char *font_name;
	struct style *styles;
	size_t n_styles, cap_styles;
	struct font *fonts;
	size_t n_fonts, cap_fonts;
	char **numfmts;
	size_t n_numfmts, cap_numfmts;
	struct sheet *sheets;
	size_t n_sheets, cap_sheets;

	/* the sheet being written */
	bool open;
	struct rt_xlsx_sheet_setup setup;
	double *widths;
	rt_buf body, merges;
	size_t n_merges;
	uint32_t row;                  /* 1-based; 0 before the first row */
	bool in_row;
	uint32_t max_row;
	unsigned max_col;

	/* shared strings */
	rt_buf sst, pool;
	struct sst_slot *slots;
	size_t n_slots, n_unique, n_refs;
};

/* ---- XML text ------------------------------------------------------------ */

/* `s` escaped for element text (`attr` false) or a double-quoted attribute.
 * In cell text Excel reads "_xHHHH_" as an escaped character, so control
 * characters are written that way and a literal "_x" gets its underscore
 * escaped; elsewhere (attributes, properties) they are dropped. */
static void add_xml(rt_buf *b, const char *s, size_t n, bool attr, bool cell)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '"' && c != '_')
			continue;
		const char *rep = NULL;
		char hex[8];
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		case '_': rep = cell && i + 1 < n && s[i + 1] == 'x' ? "_x005F_" : NULL; break;
		case '\t': case '\n': rep = attr ? (c == '\t' ? "&#9;" : "&#10;") : NULL; break;
		default:
			if (cell) {
				snprintf(hex, sizeof(hex), "_x%04X_", c);
				rep = hex;
			} else {
				rep = "";
			}
		}
		if (!rep) continue;
		rt_buf_add(b, s + run, i - run);
		rt_buf_addstr(b, rep);
		run = i + 1;
	}
	rt_buf_add(b, s + run, n - run);
}

static void add_xml_str(rt_buf *b, const char *s, bool attr)
{
	add_xml(b, s ? s : "", s ? strlen(s) : 0, attr, false);
}

static char *put_digits(char *end, uint64_t v);

static void add_uint(rt_buf *b, uint64_t v)
{
	char d[24], *p = put_digits(d + sizeof(d), v);
	rt_buf_add(b, p, (size_t)(d + sizeof(d) - p));
}

/* "A", "E", "AA": the column's letters, 0-based. */
static void add_col(rt_buf *b, unsigned col)
{
	char d[4];
	size_t n = 0;
	col++;
	while (col && n < sizeof(d)) {
		d[sizeof(d) - ++n] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	rt_buf_add(b, d + sizeof(d) - n, n);
}

static const double pow10_tab[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };

/* The shortest of "5.4", "26151", "0.125" that reads back as exactly `v`
 * (m / 10^d with m, 10^d exact is one correctly rounded division, the same
 * double a reader's strtod makes of the text); %.17g for the rest. */
static void add_number(rt_buf *b, double v)
{
	double a = fabs(v);
	if (a < 1e15) {
		for (int d = 0; d <= 9; d++) {
			double m = nearbyint(a * pow10_tab[d]);
			if (m >= 9007199254740992.0) break;
			if (m / pow10_tab[d] != a) continue;
			uint64_t im = (uint64_t)m, p = (uint64_t)pow10_tab[d];
			if (v < 0 && im) rt_buf_addch(b, '-');
			add_uint(b, im / p);
			if (d) {
				char frac[12];
				uint64_t f = im % p;
				for (int k = d - 1; k >= 0; k--, f /= 10) frac[k] = (char)('0' + f % 10);
				rt_buf_addch(b, '.');
				rt_buf_add(b, frac, (size_t)d);
			}
			return;
		}
	}
	rt_buf_addf(b, "%.17g", v);
}

/* ---- shared strings -------------------------------------------------------- */

static uint32_t fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void sst_grow(rt_xlsx *x)
{
	size_t n = x->n_slots ? x->n_slots * 2 : 4096;
	struct sst_slot *slots = rt_xcalloc(n, sizeof(*slots));
	for (size_t i = 0; i < x->n_slots; i++) {
		struct sst_slot *o = &x->slots[i];
		if (!o->index_plus1) continue;
		size_t j = o->hash & (n - 1);
		while (slots[j].index_plus1) j = (j + 1) & (n - 1);
		slots[j] = *o;
	}
	free(x->slots);
	x->slots = slots;
	x->n_slots = n;
}

/* The string's index in the table, added on first sight. */
static uint32_t sst_index(rt_xlsx *x, const char *s, size_t n)
{
	if ((x->n_unique + 1) * 2 > x->n_slots) sst_grow(x);
	uint32_t h = fnv1a(s, n);
	size_t j = h & (x->n_slots - 1);
	for (;; j = (j + 1) & (x->n_slots - 1)) {
		struct sst_slot *sl = &x->slots[j];
		if (!sl->index_plus1) break;
		if (sl->hash == h && sl->len == n && memcmp(x->pool.buf + sl->off, s, n) == 0)
			return sl->index_plus1 - 1;
	}
	struct sst_slot *sl = &x->slots[j];
	sl->hash = h;
	sl->off = (uint32_t)x->pool.len;
	sl->len = (uint32_t)n;
	sl->index_plus1 = (uint32_t)++x->n_unique;
	rt_buf_add(&x->pool, s, n);
	/* Spaces at either end are kept only with xml:space. */
	bool keep = strchr(" \t\n\r", s[0]) || strchr(" \t\n\r", s[n - 1]);
	rt_buf_addstr(&x->sst, keep ? "<si><t xml:space=\"preserve\">" : "<si><t>");
	add_xml(&x->sst, s, n, false, true);
	rt_buf_addstr(&x->sst, "</t></si>");
	return sl->index_plus1 - 1;
}

/* ---- styles -------------------------------------------------------------- */

rt_xlsx *rt_xlsx_new(const char *font)
{
	rt_xlsx *x = rt_xcalloc(1, sizeof(*x));
	x->font_name = rt_xstrdup(font ? font : "Calibri");
	x->body = x->merges = x->sst = x->pool = (rt_buf)RT_BUF_INIT;
	return x;
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

unsigned rt_xlsx_style(rt_xlsx *x, const struct rt_xlsx_style *s)
{
	struct rt_xlsx_style k = *s;
	if (!k.size) k.size = 11;
	for (size_t i = 0; i < x->n_styles; i++) {
		const struct rt_xlsx_style *o = &x->styles[i].s;
		if (o->bold == k.bold && o->italic == k.italic && o->wrap == k.wrap && o->top == k.top &&
		    o->border == k.border && o->grey == k.grey && o->size == k.size &&
		    o->indent == k.indent && same_str(o->num_format, k.num_format))
			return (unsigned)i + 1;
	}
	struct style st = { .s = k };
	size_t f = 0;
	while (f < x->n_fonts && !(x->fonts[f].bold == k.bold && x->fonts[f].italic == k.italic &&
	                           x->fonts[f].size == k.size))
		f++;
	if (f == x->n_fonts) {
		RT_ALLOC_GROW(x->fonts, x->n_fonts + 1, x->cap_fonts);
		x->fonts[x->n_fonts++] = (struct font){ k.bold, k.italic, k.size };
	}
	st.font = (unsigned)f + 1;     /* font 0 is the default */
	if (k.num_format) {
		size_t n = 0;
		while (n < x->n_numfmts && strcmp(x->numfmts[n], k.num_format) != 0) n++;
		if (n == x->n_numfmts) {
			RT_ALLOC_GROW(x->numfmts, x->n_numfmts + 1, x->cap_numfmts);
			x->numfmts[x->n_numfmts++] = rt_xstrdup(k.num_format);
		}
		st.s.num_format = x->numfmts[n];
		st.numfmt = 164 + (unsigned)n;
	}
	RT_ALLOC_GROW(x->styles, x->n_styles + 1, x->cap_styles);
	x->styles[x->n_styles++] = st;
	return (unsigned)x->n_styles;
}

static void styles_xml(const rt_xlsx *x, rt_buf *b)
{
	rt_buf_addstr(b, XML_DECL "<styleSheet xmlns=\"" NS_MAIN "\">");
	if (x->n_numfmts) {
		rt_buf_addf(b, "<numFmts count=\"%zu\">", x->n_numfmts);
		for (size_t i = 0; i < x->n_numfmts; i++) {
			rt_buf_addf(b, "<numFmt numFmtId=\"%zu\" formatCode=\"", 164 + i);
			add_xml_str(b, x->numfmts[i], true);
			rt_buf_addstr(b, "\"/>");
		}
		rt_buf_addstr(b, "</numFmts>");
	}
	rt_buf_addf(b, "<fonts count=\"%zu\"><font><sz val=\"11\"/><name val=\"Calibri\"/>"
	               "<family val=\"2\"/></font>", x->n_fonts + 1);
	for (size_t i = 0; i < x->n_fonts; i++) {
		rt_buf_addf(b, "<font>%s%s<sz val=\"%d\"/><name val=\"", x->fonts[i].bold ? "<b/>" : "",
		            x->fonts[i].italic ? "<i/>" : "", x->fonts[i].size);
		add_xml_str(b, x->font_name, true);
		rt_buf_addstr(b, "\"/><family val=\"2\"/></font>");
	}
	rt_buf_addstr(b, "</fonts><fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill>"
	                 "<fill><patternFill patternType=\"gray125\"/></fill><fill><patternFill "
	                 "patternType=\"solid\"><fgColor rgb=\"FFD9D9D9\"/><bgColor indexed=\"64\"/>"
	                 "</patternFill></fill></fills><borders count=\"2\"><border><left/><right/>"
	                 "<top/><bottom/><diagonal/></border><border>");
	static const char *const sides[] = { "left", "right", "top", "bottom" };
	for (size_t i = 0; i < 4; i++)
		rt_buf_addf(b, "<%s style=\"thin\"><color auto=\"1\"/></%s>", sides[i], sides[i]);
	rt_buf_addf(b, "<diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" "
	               "fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs "
	               "count=\"%zu\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" "
	               "xfId=\"0\"/>", x->n_styles + 1);
	for (size_t i = 0; i < x->n_styles; i++) {
		const struct style *st = &x->styles[i];
		const struct rt_xlsx_style *s = &st->s;
		bool align = s->wrap || s->top || s->indent;
		rt_buf_addf(b, "<xf numFmtId=\"%u\" fontId=\"%u\" fillId=\"%d\" borderId=\"%d\" xfId=\"0\""
		               "%s applyFont=\"1\"%s%s%s", st->numfmt, st->font, s->grey ? 2 : 0,
		            s->border ? 1 : 0, st->numfmt ? " applyNumberFormat=\"1\"" : "",
		            s->grey ? " applyFill=\"1\"" : "", s->border ? " applyBorder=\"1\"" : "",
		            align ? " applyAlignment=\"1\"" : "");
		if (!align) {
			rt_buf_addstr(b, "/>");
			continue;
		}
		rt_buf_addstr(b, "><alignment");
		if (s->indent) rt_buf_addstr(b, " horizontal=\"left\"");
		if (s->top) rt_buf_addstr(b, " vertical=\"top\"");
		if (s->indent) rt_buf_addf(b, " indent=\"%d\"", s->indent);
		if (s->wrap) rt_buf_addstr(b, " wrapText=\"1\"");
		rt_buf_addstr(b, "/></xf>");
	}
	rt_buf_addstr(b, "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" "
	                 "builtinId=\"0\"/></cellStyles><dxfs count=\"0\"/><tableStyles count=\"0\" "
	                 "defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/>"
	                 "</styleSheet>");
}

/* ---- sheets -------------------------------------------------------------- */

/* Excel stores a column width with the padding of its default font:
 * 50 characters are 355 pixels, saved as 50.7109375. */
static double col_width(double w)
{
	if (w <= 0) return 0;
	double px = w < 1 ? floor(w * 12 + 0.5) : floor(w * 7 + 0.5) + 5;
	return floor(px / 7 * 256) / 256;
}

static void end_row(rt_xlsx *x)
{
	if (x->in_row) rt_buf_addstr(&x->body, "</row>");
	x->in_row = false;
}

static void end_sheet(rt_xlsx *x)
{
	if (!x->open) return;
	end_row(x);
	struct sheet *sh = &x->sheets[x->n_sheets - 1];
	rt_buf *b = &sh->xml;
	rt_buf_grow(b, x->body.len + x->merges.len + 2048);
	rt_buf_addstr(b, XML_DECL "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">");
	if (x->setup.landscape) rt_buf_addstr(b, "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>");
	rt_buf_addstr(b, "<dimension ref=\"A1");
	if (x->max_row > 1 || x->max_col > 0) {
		rt_buf_addch(b, ':');
		add_col(b, x->max_col);
		add_uint(b, x->max_row ? x->max_row : 1);
	}
	rt_buf_addf(b, "\"/><sheetViews><sheetView %sworkbookViewId=\"0\"",
	            x->n_sheets == 1 ? "tabSelected=\"1\" " : "");
	if (x->setup.freeze_rows) {
		rt_buf_addf(b, "><pane ySplit=\"%u\" topLeftCell=\"A%u\" activePane=\"bottomLeft\" "
		               "state=\"frozen\"/><selection pane=\"bottomLeft\"/></sheetView>",
		            x->setup.freeze_rows, x->setup.freeze_rows + 1);
	} else {
		rt_buf_addstr(b, "/>");
	}
	rt_buf_addstr(b, "</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
	if (x->setup.n_cols) {
		rt_buf_addstr(b, "<cols>");
		for (unsigned c = 0; c < x->setup.n_cols; c++)
			rt_buf_addf(b, "<col min=\"%u\" max=\"%u\" width=\"%.16g\" customWidth=\"1\"/>", c + 1,
			            c + 1, col_width(x->widths[c]));
		rt_buf_addstr(b, "</cols>");
	}
	if (x->body.len) {
		rt_buf_addstr(b, "<sheetData>");
		rt_buf_add(b, x->body.buf, x->body.len);
		rt_buf_addstr(b, "</sheetData>");
	} else {
		rt_buf_addstr(b, "<sheetData/>");
	}
	if (x->n_merges) {
		rt_buf_addf(b, "<mergeCells count=\"%zu\">", x->n_merges);
		rt_buf_add(b, x->merges.buf, x->merges.len);
		rt_buf_addstr(b, "</mergeCells>");
	}
	rt_buf_addstr(b, "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" "
	                 "header=\"0.3\" footer=\"0.3\"/>");
	if (x->setup.landscape)
		rt_buf_addstr(b, "<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"/>");
	rt_buf_addstr(b, "</worksheet>");
	free(x->widths);
	x->widths = NULL;
	x->open = false;
}

void rt_xlsx_sheet(rt_xlsx *x, const char *name, const struct rt_xlsx_sheet_setup *setup)
{
	end_sheet(x);
	RT_ALLOC_GROW(x->sheets, x->n_sheets + 1, x->cap_sheets);
	x->sheets[x->n_sheets++] = (struct sheet){ .name = rt_xstrdup(name), .xml = RT_BUF_INIT,
	                                           .repeat_rows = setup ? setup->repeat_rows : 0 };
	x->setup = setup ? *setup : (struct rt_xlsx_sheet_setup){ 0 };
	x->widths = rt_xcalloc(x->setup.n_cols + 1, sizeof(double));
	if (x->setup.n_cols) memcpy(x->widths, setup->col_widths, x->setup.n_cols * sizeof(double));
	x->setup.col_widths = NULL;
	rt_buf_reset(&x->body);
	rt_buf_reset(&x->merges);
	x->n_merges = 0;
	x->row = x->max_row = 0;
	x->max_col = 0;
	x->in_row = false;
	x->open = true;
}

void rt_xlsx_row(rt_xlsx *x, uint32_t row, double height)
{
	assert(x->open && row + 1 > x->row);
	end_row(x);
	x->row = row + 1;
	x->in_row = true;
	rt_buf_addstr(&x->body, "<row r=\"");
	add_uint(&x->body, x->row);
	if (height > 0 && height != DEFAULT_HEIGHT) {
		rt_buf_addstr(&x->body, "\" ht=\"");
		add_number(&x->body, height);
		rt_buf_addstr(&x->body, "\" customHeight=\"1");
	}
	rt_buf_addstr(&x->body, "\">");
}

/* Writes n digits of v ending just before `end`; returns the start. */
static char *put_digits(char *end, uint64_t v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

/* `<c r="B7" s="8"` (no s for the default format) and `tail`, in one append:
 * this runs for every cell. */
static void cell(rt_xlsx *x, unsigned col, unsigned style, const char *tail, size_t tail_len)
{
	assert(x->in_row);
	if (col > x->max_col) x->max_col = col;
	x->max_row = x->row;
	char tmp[64], *p = tmp;
	memcpy(p, "<c r=\"", 6);
	p += 6;
	if (col < 26) {
		*p++ = (char)('A' + col);
	} else {
		rt_buf c = RT_BUF_INIT;
		add_col(&c, col);
		memcpy(p, c.buf, c.len);
		p += c.len;
		rt_buf_release(&c);
	}
	char num[24], *d = put_digits(num + sizeof(num), x->row);
	memcpy(p, d, (size_t)(num + sizeof(num) - d));
	p += num + sizeof(num) - d;
	if (style) {
		memcpy(p, "\" s=\"", 5);
		p += 5;
		d = put_digits(num + sizeof(num), style);
		memcpy(p, d, (size_t)(num + sizeof(num) - d));
		p += num + sizeof(num) - d;
	}
	*p++ = '"';
	rt_buf_grow(&x->body, (size_t)(p - tmp) + tail_len);
	rt_buf_add(&x->body, tmp, (size_t)(p - tmp));
	rt_buf_add(&x->body, tail, tail_len);
}

void rt_xlsx_blank(rt_xlsx *x, unsigned col, unsigned style)
{
	cell(x, col, style, "/>", 2);
}

void rt_xlsx_text(rt_xlsx *x, unsigned col, const char *s, unsigned style)
{
	if (!s || !*s) {
		rt_xlsx_blank(x, col, style);
		return;
	}
	uint32_t i = sst_index(x, s, strlen(s));
	x->n_refs++;
	/* " t="s"><v>12</v></c>" */
	char tail[48], *end = tail + sizeof(tail) - 8;
	memcpy(end, "</v></c>", 8);
	char *p = put_digits(end, i) - 10;
	memcpy(p, " t=\"s\"><v>", 10);
	cell(x, col, style, p, (size_t)(tail + sizeof(tail) - p));
}

void rt_xlsx_number(rt_xlsx *x, unsigned col, double v, unsigned style)
{
	if (!isfinite(v)) {
		rt_xlsx_blank(x, col, style);
		return;
	}
	cell(x, col, style, "><v>", 4);
	add_number(&x->body, v);
	rt_buf_add(&x->body, "</v></c>", 8);
}

void rt_xlsx_merge(rt_xlsx *x, unsigned c0, unsigned c1)
{
	assert(x->in_row && c0 < c1);
	rt_buf *b = &x->merges;
	rt_buf_addstr(b, "<mergeCell ref=\"");
	add_col(b, c0);
	add_uint(b, x->row);
	rt_buf_addch(b, ':');
	add_col(b, c1);
	add_uint(b, x->row);
	rt_buf_addstr(b, "\"/>");
	x->n_merges++;
}

/* ---- the package ------------------------------------------------------------ */

static void iso_time(char out[32], time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void workbook_xml(const rt_xlsx *x, rt_buf *b)
{
	rt_buf_addstr(b, XML_DECL "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
	                 "<workbookPr/><bookViews><workbookView xWindow=\"240\" yWindow=\"15\" "
	                 "windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews><sheets>");
	for (size_t i = 0; i < x->n_sheets; i++) {
		rt_buf_addstr(b, "<sheet name=\"");
		add_xml_str(b, x->sheets[i].name, true);
		rt_buf_addf(b, "\" sheetId=\"%zu\" r:id=\"rId%zu\"/>", i + 1, i + 1);
	}
	rt_buf_addstr(b, "</sheets>");
	bool any = false;
	for (size_t i = 0; i < x->n_sheets; i++) {
		const struct sheet *sh = &x->sheets[i];
		if (!sh->repeat_rows) continue;
		if (!any) rt_buf_addstr(b, "<definedNames>");
		any = true;
		/* 'O''Brien'!$1:$2: always quoted, an apostrophe doubled */
		rt_buf_addf(b, "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"%zu\">'", i);
		for (const char *p = sh->name; *p; p++) {
			if (*p == '\'') rt_buf_addch(b, '\'');
			add_xml(b, p, 1, false, false);
		}
		rt_buf_addf(b, "'!$1:$%u</definedName>", sh->repeat_rows);
	}
	if (any) rt_buf_addstr(b, "</definedNames>");
	rt_buf_addstr(b, "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>");
}

static void content_types_xml(const rt_xlsx *x, rt_buf *b)
{
	rt_buf_addstr(b, XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	                 "content-types\"><Default Extension=\"rels\" ContentType=\"application/"
	                 "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
	                 "ContentType=\"application/xml\"/><Override PartName=\"/docProps/app.xml\" "
	                 "ContentType=\"application/vnd.openxmlformats-officedocument.extended-"
	                 "properties+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\""
	                 "application/vnd.openxmlformats-package.core-properties+xml\"/><Override "
	                 "PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-"
	                 "officedocument.spreadsheetml.styles+xml\"/><Override PartName=\"/xl/"
	                 "workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
	                 "spreadsheetml.sheet.main+xml\"/>");
	for (size_t i = 0; i < x->n_sheets; i++)
		rt_buf_addf(b, "<Override PartName=\"/xl/worksheets/sheet%zu.xml\" ContentType=\""
		               CT_SHEET "\"/>", i + 1);
	rt_buf_addstr(b, "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/"
	                 "vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>");
}

static void workbook_rels_xml(const rt_xlsx *x, rt_buf *b)
{
	rt_buf_addstr(b, XML_DECL "<Relationships xmlns=\"" NS_PKG_REL "\">");
	for (size_t i = 0; i < x->n_sheets; i++)
		rt_buf_addf(b, "<Relationship Id=\"rId%zu\" Type=\"" NS_REL "/worksheet\" "
		               "Target=\"worksheets/sheet%zu.xml\"/>", i + 1, i + 1);
	size_t n = x->n_sheets;
	rt_buf_addf(b, "<Relationship Id=\"rId%zu\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
	               "<Relationship Id=\"rId%zu\" Type=\"" NS_REL "/sharedStrings\" "
	               "Target=\"sharedStrings.xml\"/></Relationships>", n + 1, n + 2);
}

static void core_xml(const struct rt_xlsx_props *p, rt_buf *b)
{
	char when[32];
	iso_time(when, p->created);
	rt_buf_addstr(b, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
	                 "package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/"
	                 "elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype="
	                 "\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/"
	                 "XMLSchema-instance\">");
	if (p->title && *p->title) {
		rt_buf_addstr(b, "<dc:title>");
		add_xml_str(b, p->title, false);
		rt_buf_addstr(b, "</dc:title>");
	}
	if (p->author && *p->author) {
		rt_buf_addstr(b, "<dc:creator>");
		add_xml_str(b, p->author, false);
		rt_buf_addstr(b, "</dc:creator><cp:lastModifiedBy>");
		add_xml_str(b, p->author, false);
		rt_buf_addstr(b, "</cp:lastModifiedBy>");
	}
	rt_buf_addf(b, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
	               "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>"
	               "</cp:coreProperties>", when, when);
}

static const char root_rels[] =
	XML_DECL "<Relationships xmlns=\"" NS_PKG_REL "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
	"/officeDocument\" Target=\"xl/workbook.xml\"/><Relationship Id=\"rId2\" Type=\""
	"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
	"Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"" NS_REL
	"/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>";

/* Excel shows the application; other readers do not care. */
static const char app_xml[] =
	XML_DECL "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"docPropsVTypes\"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>"
	"<ScaleCrop>false</ScaleCrop></Properties>";

int rt_xlsx_finish(rt_xlsx *x, const struct rt_xlsx_props *props, rt_buf *out)
{
	end_sheet(x);
	if (!x->n_sheets) return -1;
	rt_buf ct = RT_BUF_INIT, wb = RT_BUF_INIT, rels = RT_BUF_INIT, styles = RT_BUF_INIT,
	       sst = RT_BUF_INIT, core = RT_BUF_INIT;
	content_types_xml(x, &ct);
	workbook_xml(x, &wb);
	workbook_rels_xml(x, &rels);
	styles_xml(x, &styles);
	core_xml(props, &core);
	rt_buf_addf(&sst, XML_DECL "<sst xmlns=\"" NS_MAIN "\" count=\"%zu\" uniqueCount=\"%zu\">",
	            x->n_refs, x->n_unique);
	rt_buf_add(&sst, x->sst.buf, x->sst.len);
	rt_buf_addstr(&sst, "</sst>");

	size_t n = 0, cap = x->n_sheets + 8;
	struct rt_docx_part *parts = rt_xcalloc(cap, sizeof(*parts));
	char **names = rt_xcalloc(x->n_sheets, sizeof(*names));
#define PART(nm, b) (parts[n++] = (struct rt_docx_part){ .name = (nm), .data = (b).buf, .len = (b).len, \
                                                        .level = ZIP_LEVEL })
	PART("[Content_Types].xml", ct);
	parts[n++] = (struct rt_docx_part){ .name = "_rels/.rels", .data = root_rels,
	                                    .len = sizeof(root_rels) - 1, .level = ZIP_LEVEL };
	parts[n++] = (struct rt_docx_part){ .name = "docProps/app.xml", .data = app_xml,
	                                    .len = sizeof(app_xml) - 1, .level = ZIP_LEVEL };
	PART("docProps/core.xml", core);
	PART("xl/workbook.xml", wb);
	PART("xl/_rels/workbook.xml.rels", rels);
	for (size_t i = 0; i < x->n_sheets; i++) {
		rt_buf nm = RT_BUF_INIT;
		rt_buf_addf(&nm, "xl/worksheets/sheet%zu.xml", i + 1);
		names[i] = rt_buf_detach(&nm, NULL);
		PART(names[i], x->sheets[i].xml);
	}
	PART("xl/styles.xml", styles);
	PART("xl/sharedStrings.xml", sst);
#undef PART
	int rc = rt_docx_package(parts, n, out);
	for (size_t i = 0; i < x->n_sheets; i++) free(names[i]);
	free(names);
	free(parts);
	rt_buf *all[] = { &ct, &wb, &rels, &styles, &sst, &core };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) rt_buf_release(all[i]);
	return rc;
}

void rt_xlsx_free(rt_xlsx *x)
{
	if (!x) return;
	for (size_t i = 0; i < x->n_sheets; i++) {
		free(x->sheets[i].name);
		rt_buf_release(&x->sheets[i].xml);
	}
	for (size_t i = 0; i < x->n_numfmts; i++) free(x->numfmts[i]);
	free(x->sheets);
	free(x->numfmts);
	free(x->styles);
	free(x->fonts);
	free(x->widths);
	free(x->slots);
	free(x->font_name);
	rt_buf *all[] = { &x->body, &x->merges, &x->sst, &x->pool };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) rt_buf_release(all[i]);
	free(x);
}
