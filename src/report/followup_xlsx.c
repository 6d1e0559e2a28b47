/* XLSX rendering of the compiled follow-up (rt_report_xlsx) with
 * xlsx_writer.h: one worksheet per section (board), each goal with its
 * status as symbol + text (never colour alone), the analysis, the indicator
 * table and the activity table. Utfall and målvärde become numbers when the
 * stored text is a plain "[≤] 5,4 [%|unit]", so Excel can compute with them;
 * anything else stays text, so nothing a person wrote is lost.
 * Rows are written in order, each cell once (the writer streams the sheet
 * XML; libxlsxwriter's cell tree, printf per cell and shared-string
 * bookkeeping were half the CPU of a region's report). Deterministic (fixed
 * document dates), written to PATH.tmp and renamed. Only formats the model:
 * never asks the store, never prints. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "report/followup.h"
#include "report/report_file.h"
#include "report/xlsx_writer.h"
#include "util/alloc.h"
#include "util/numfmt.h"

/* 2000-01-01T00:00:00Z: "no timestamps unless asked", but Excel wants one. */
#define FIXED_TIME ((time_t)946684800)
#define NCOLS 5
#define CELL_MAX 32767          /* Excel's limit per cell, in characters */
#define SHEETNAME_MAX 31        /* Excel's limit, in characters */
#define ROW_HEIGHT 15.0         /* points per line of 11 pt text */

/* A: Mätetal/Aktiviteter, B: Utfall, C: Målvärde, D: Kommentar, E: Status.
 * The activity table puts Beskrivning in B:C merged and the dates in D. */
static const double col_width[NCOLS] = { 50, 13, 13, 40, 22 };

struct xlsx {
	rt_xlsx *w;
	unsigned title, subtitle, status, analysis, head, cell, goal[7];
	char **names;           /* sheet names used so far */
	size_t n_names, cap_names;
	rt_buf tmp, code;
};

/* ---- text helpers ------------------------------------------------------- */

static size_t utf8_len(unsigned char c)
{
	if (c < 0x80) return 1;
	if ((c & 0xE0) == 0xC0) return 2;
	if ((c & 0xF0) == 0xE0) return 3;
	if ((c & 0xF8) == 0xF0) return 4;
	return 1;
}

static size_t utf8_chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i += utf8_len((unsigned char)s[i])) k++;
	return k;
}

/* "◆ Delvis uppfyllt"; without a status `none_text` ("Mäts helår") or
 * "Status saknas". */
static void add_status(rt_buf *b, enum rt_status st, const char *none_text)
{
	if (st != RT_STATUS_NONE) {
		rt_buf_addstr(b, rt_status_symbol(st));
		rt_buf_addch(b, ' ');
		rt_buf_addstr(b, rt_status_label(st));
	} else {
		rt_buf_addstr(b, none_text ? none_text : rt_status_label(st));
	}
}

/* The shown status; when a person chose another one than the rule
 * computed, the computed one follows on a line of its own, as in the HTML
 * and DOCX ("■ Ej uppfyllt\nBeräknad status: Mäts helår"). */
static void add_indicator_status(rt_buf *b, const struct rt_report_indicator *ind)
{
	const char *none = ind->computed.status == RT_STATUS_NONE
	                   ? rt_status_reason_label(ind->computed.reason) : NULL;
	add_status(b, ind->status, none);
	if (ind->status_recorded && ind->computed.status != ind->status) {
		rt_buf_addstr(b, "\nBeräknad status: ");
		add_status(b, ind->computed.status, none);
	}
}

/* Estimated row height for text wrapped in `width` column units; Excel does
 * not fit the height of merged cells itself, LibreOffice no wrapped rows. */
static double est_height(const char *s, double width)
{
	if (!s || !*s) return ROW_HEIGHT;
	double per_line = width * 1.15;
	size_t n = strlen(s);
	/* bytes >= characters: a short line without a break is one line */
	if ((double)n <= per_line && !memchr(s, '\n', n)) return ROW_HEIGHT;
	size_t lines = 0;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		size_t chars = utf8_chars(s, len);
		lines += chars ? (size_t)ceil((double)chars / per_line) : 1;
		s += len;
		if (*s == '\n') s++;
	}
	if (lines < 1) lines = 1;
	if (lines > 27) lines = 27;     /* Excel's maximum is 409 pt */
	return (double)lines * ROW_HEIGHT;
}

/* Cell text, cut at CELL_MAX bytes on a character boundary. */
static const char *cell_text(struct xlsx *x, const char *s)
{
	if (!s) return "";
	size_t n = strlen(s);
	if (n <= CELL_MAX) return s;
	size_t cut = 0;
	while (cut < n) {
		size_t l = utf8_len((unsigned char)s[cut]);
		if (cut + l > CELL_MAX - 3) break;
		cut += l;
	}
	rt_buf_reset(&x->tmp);
	rt_buf_add(&x->tmp, s, cut);
	rt_buf_addstr(&x->tmp, "…");
	return x->tmp.buf;
}

static void put_text(struct xlsx *x, unsigned col, const char *s, unsigned style)
{
	rt_xlsx_text(x->w, col, s && *s ? cell_text(x, s) : NULL, style);
}

/* The text in c0, the same format on the cells it covers. */
static void put_merged(struct xlsx *x, unsigned c0, unsigned c1, const char *s, unsigned style)
{
	put_text(x, c0, s, style);
	for (unsigned c = c0 + 1; c <= c1; c++) rt_xlsx_blank(x->w, c, style);
	rt_xlsx_merge(x->w, c0, c1);
}

/* Every format uses DejaVu Sans (the writer's font), the font of the DOCX
 * and the PDF, which has å ä ö and ● ◆ ■ (Calibri, the default, lacks ◆). */
static unsigned num_style(struct xlsx *x, const char *code)
{
	struct rt_xlsx_style s = { .border = true, .top = true, .size = 10, .num_format = code };
	return rt_xlsx_style(x->w, &s);
}

/* ---- numbers ------------------------------------------------------------ */

static const char *const comparators[] = { "<=", ">=", "≤", "≥", "<", ">", "=" };

/* Writes "5,4 %" as the number 5.4 with format 0.0" %" (Swedish Excel
 * shows 5,4 %), "≤ 4,7 %" with the comparator kept in the format, "26 151"
 * as 26151 with #,##0. Returns false (nothing written) when the text is
 * not just [comparator] number [unit] or disagrees with the model's value. */
static bool put_number(struct xlsx *x, unsigned col, const char *text, double value,
                       const char *unit)
{
	const char *cmp = NULL, *p = text;
	if (!p) return false;
	while (rt_num_space_len(p)) p += rt_num_space_len(p);
	for (size_t i = 0; i < sizeof(comparators) / sizeof(comparators[0]); i++) {
		size_t l = strlen(comparators[i]);
		if (strncmp(p, comparators[i], l) == 0) {
			cmp = comparators[i];
			p += l;
			while (rt_num_space_len(p)) p += rt_num_space_len(p);
			break;
		}
	}
	double num;
	size_t used;
	if (rt_num_scan(p, &num, &used, NULL) != 0) return false;
	int decimals = 0;
	for (size_t i = 0; i < used; i++) {
		if (p[i] == ',' || p[i] == '.') {
			decimals = (int)(used - i - 1);
			break;
		}
	}
	if (decimals > 9) return false;
	const char *rest = p + used;
	while (rt_num_space_len(rest)) rest += rt_num_space_len(rest);
	size_t rl = strlen(rest);
	while (rl && rt_num_space_len(rest + rl - 1) == 1) rl--;
	bool pct = rl == 1 && rest[0] == '%';
	if (rl && !pct && !(unit && strlen(unit) == rl && strncmp(rest, unit, rl) == 0))
		return false;
	if (rl && (memchr(rest, '"', rl) || memchr(rest, '\\', rl))) return false;
	double tol = 1e-9 * fmax(1.0, fabs(num));
	if (fabs(value - num) > tol && !(pct && fabs(value * 100.0 - num) <= tol))
		return false;

	/* Format codes use the invariant "," and "."; Excel shows them with the
	 * reader's separators, so a Swedish Excel shows 1 234,5. */
	rt_buf *code = &x->code;
	rt_buf_reset(code);
	rt_buf_addstr(code, "[$-41D]");
	if (cmp) {
		rt_buf_addch(code, '"');
		rt_buf_addstr(code, cmp);
		rt_buf_addstr(code, " \"");
	}
	rt_buf_addstr(code, "#,##0");
	if (decimals) {
		rt_buf_addch(code, '.');
		for (int i = 0; i < decimals; i++) rt_buf_addch(code, '0');
	}
	if (rl) {
		rt_buf_addstr(code, "\" ");
		rt_buf_add(code, rest, rl);
		rt_buf_addch(code, '"');
	}
	rt_xlsx_number(x->w, col, num, num_style(x, code->buf));
	return true;
}

static void put_value(struct xlsx *x, unsigned col, const char *text, bool has, double value,
                      const char *unit)
{
	if (has && !text) {
		rt_buf b = RT_BUF_INIT;
		rt_num_format_short(&b, value);
		if (unit && strcmp(unit, "%") == 0) rt_buf_addstr(&b, " %");
		bool ok = put_number(x, col, b.buf, value, unit);
		rt_buf_release(&b);
		if (ok) return;
	}
	if (has && put_number(x, col, text, value, unit)) return;
	put_text(x, col, text, x->cell);
}

/* ---- sheets ------------------------------------------------------------- */

/* ASCII and Latin-1 letters folded, enough for Swedish board names. */
static bool same_name(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char ca = (unsigned char)*a, cb = (unsigned char)*b;
		if (ca >= 'A' && ca <= 'Z') ca += 32;
		if (cb >= 'A' && cb <= 'Z') cb += 32;
		if (ca == 0xC3 && cb == 0xC3 && a[1] && b[1]) {
			unsigned char na = (unsigned char)a[1], nb = (unsigned char)b[1];
			if (na >= 0x80 && na <= 0x9E && na != 0x97) na += 0x20;
			if (nb >= 0x80 && nb <= 0x9E && nb != 0x97) nb += 0x20;
			if (na != nb) return false;
			a++, b++;
			continue;
		}
		if (ca != cb) return false;
		if (!ca) return true;
	}
}

/* Excel's rules: at most 31 characters, none of []:*?/\, not starting or
 * ending with an apostrophe, unique regardless of case. */
static void sheet_name(struct xlsx *x, const char *org, size_t index, rt_buf *out)
{
	rt_buf base = RT_BUF_INIT;
	for (const char *s = org ? org : ""; *s;) {
		size_t l = utf8_len((unsigned char)*s);
		if ((unsigned char)*s < 0x20) {
			rt_buf_addch(&base, ' ');
		} else if (strchr("[]:*?/\\", *s)) {
			rt_buf_addch(&base, '-');
		} else {
			size_t have = strnlen(s, l);
			rt_buf_add(&base, s, have);
			l = have ? have : 1;
		}
		s += l;
	}
	rt_buf_trim(&base);
	size_t lead = 0;
	while (base.buf[lead] == '\'' || base.buf[lead] == ' ') lead++;
	if (!base.buf[lead]) {
		rt_buf_reset(&base);
		rt_buf_addf(&base, "Blad %zu", index + 1);
		lead = 0;
	}
	for (int k = 1;; k++) {
		char suffix[24] = "";
		if (k > 1) snprintf(suffix, sizeof(suffix), " (%d)", k);
		size_t room = SHEETNAME_MAX - strlen(suffix), i = lead, chars = 0;
		while (base.buf[i] && chars < room) {
			i += utf8_len((unsigned char)base.buf[i]);
			chars++;
		}
		while (i > lead && (base.buf[i - 1] == '\'' || base.buf[i - 1] == ' ')) i--;
		rt_buf_reset(out);
		rt_buf_add(out, base.buf + lead, i - lead);
		rt_buf_addstr(out, suffix);
		bool taken = false;
		for (size_t n = 0; n < x->n_names && !taken; n++)
			taken = same_name(x->names[n], out->buf);
		if (!taken) break;
	}
	rt_buf_release(&base);
	RT_ALLOC_GROW(x->names, x->n_names + 1, x->cap_names);
	x->names[x->n_names++] = rt_xstrdup(out->buf);
}

static const char *const ind_head[NCOLS] = { "Mätetal", "Utfall", "Målvärde", "Kommentar", "Status" };

static uint32_t write_indicators(struct xlsx *x, uint32_t row, const struct rt_report_goal *g)
{
	rt_xlsx_row(x->w, row++, 0);
	for (unsigned c = 0; c < NCOLS; c++) rt_xlsx_text(x->w, c, ind_head[c], x->head);
	rt_buf st = RT_BUF_INIT;
	for (size_t i = 0; i < g->n_indicators; i++, row++) {
		const struct rt_report_indicator *ind = &g->indicators[i];
		rt_buf_reset(&st);
		add_indicator_status(&st, ind);
		/* LibreOffice does not fit wrapped rows by itself. */
		double h = est_height(ind->name, col_width[0]);
		h = fmax(h, est_height(ind->outcome_text, col_width[1]));
		h = fmax(h, est_height(ind->target_text, col_width[2]));
		h = fmax(h, est_height(ind->comment, col_width[3]));
		h = fmax(h, est_height(st.buf, col_width[4]));
		rt_xlsx_row(x->w, row, h);
		put_text(x, 0, ind->name, x->cell);
		put_value(x, 1, ind->outcome_text, ind->has_value, ind->value, ind->unit);
		put_value(x, 2, ind->target_text, ind->has_target_value, ind->target_value, ind->unit);
		put_text(x, 3, ind->comment, x->cell);
		put_text(x, 4, st.buf, x->cell);
	}
	rt_buf_release(&st);
	return row;
}

static uint32_t write_activities(struct xlsx *x, uint32_t row, const struct rt_report_goal *g)
{
	rt_xlsx_row(x->w, row++, 0);
	rt_xlsx_text(x->w, 0, "Aktiviteter", x->head);
	put_merged(x, 1, 2, "Beskrivning", x->head);
	rt_xlsx_text(x->w, 3, "Start- och slutdatum", x->head);
	rt_xlsx_text(x->w, 4, "Kommentar", x->head);
	rt_buf dates = RT_BUF_INIT;
	for (size_t i = 0; i < g->n_activities; i++, row++) {
		const struct rt_report_activity *a = &g->activities[i];
		rt_buf_reset(&dates);
		if (a->start_date) rt_buf_addstr(&dates, a->start_date);
		if (a->start_date && a->end_date) rt_buf_addch(&dates, ' ');
		if (a->end_date) rt_buf_addstr(&dates, a->end_date);
		/* The merged description does not fit its height by itself. */
		double h = est_height(a->title, col_width[0]);
		h = fmax(h, est_height(a->description, col_width[1] + col_width[2]));
		h = fmax(h, est_height(a->comment, col_width[4]));
		rt_xlsx_row(x->w, row, h);
		put_text(x, 0, a->title, x->cell);
		put_merged(x, 1, 2, a->description, x->cell);
		put_text(x, 3, dates.buf, x->cell);
		put_text(x, 4, a->comment, x->cell);
	}
	rt_buf_release(&dates);
	return row;
}

static void write_section(struct xlsx *x, const struct rt_followup_report *r, size_t index)
{
	const struct rt_report_section *sec = &r->sections[index];
	rt_buf name = RT_BUF_INIT, line = RT_BUF_INIT;
	sheet_name(x, sec->org_name, index, &name);
	struct rt_xlsx_sheet_setup setup = { .col_widths = col_width, .n_cols = NCOLS,
	                                     .freeze_rows = 2, .repeat_rows = 2, .landscape = true };
	rt_xlsx_sheet(x->w, name.buf, &setup);
	rt_buf_release(&name);

	rt_xlsx_row(x->w, 0, 21);
	put_text(x, 0, r->title ? r->title : "Sammanställd måluppfyllelse", x->title);
	const char *parts[] = { sec->org_name, sec->region_name, sec->plan_title };
	for (size_t i = 0; i < 3; i++) {
		if (!parts[i] || !*parts[i]) continue;
		if (line.len) rt_buf_addstr(&line, " – ");
		rt_buf_addstr(&line, parts[i]);
	}
	rt_xlsx_row(x->w, 1, 0);
	put_text(x, 0, line.buf, x->subtitle);

	double wide = col_width[0] + col_width[1] + col_width[2] + col_width[3];
	uint32_t row = 3;
	for (size_t gi = 0; gi < sec->n_goals; gi++) {
		const struct rt_report_goal *g = &sec->goals[gi];
		int d = g->depth < 0 ? 0 : g->depth > 6 ? 6 : g->depth;
		rt_xlsx_row(x->w, row++, est_height(g->title, wide - 2.0 * d));
		put_merged(x, 0, 3, g->title, x->goal[d]);
		rt_buf_reset(&line);
		add_status(&line, g->has_assessment ? g->status : RT_STATUS_NONE, NULL);
		put_text(x, 4, line.buf, x->status);
		if (g->analysis && *g->analysis) {
			rt_xlsx_row(x->w, row++, est_height(g->analysis, wide + col_width[4]));
			put_merged(x, 0, NCOLS - 1, g->analysis, x->analysis);
		}
		if (g->n_indicators) row = write_indicators(x, row, g) + 1;
		if (g->n_activities) row = write_activities(x, row, g) + 1;
		if (!g->n_indicators && !g->n_activities) row++;
	}
	rt_buf_release(&line);
}

static void make_styles(struct xlsx *x)
{
	rt_xlsx *w = x->w;
	x->title = rt_xlsx_style(w, &(struct rt_xlsx_style){ .bold = true, .size = 13 });
	x->subtitle = rt_xlsx_style(w, &(struct rt_xlsx_style){ .italic = true, .size = 10 });
	x->status = rt_xlsx_style(w, &(struct rt_xlsx_style){ .bold = true, .top = true, .size = 10 });
	x->analysis = rt_xlsx_style(w, &(struct rt_xlsx_style){ .wrap = true, .top = true, .size = 10 });
	x->head = rt_xlsx_style(w, &(struct rt_xlsx_style){ .bold = true, .grey = true, .border = true,
	                                                    .wrap = true, .top = true, .size = 10 });
	x->cell = rt_xlsx_style(w, &(struct rt_xlsx_style){ .border = true, .wrap = true, .top = true,
	                                                    .size = 10 });
	for (int d = 0; d < 7; d++)
		x->goal[d] = rt_xlsx_style(w, &(struct rt_xlsx_style){ .bold = true, .wrap = true,
		                                                       .top = true, .indent = d,
		                                                       .size = d ? 10 : 11 });
}

int rt_report_xlsx(const struct rt_followup_report *r, const char *path, rt_err *err)
{
	struct xlsx x = { .w = rt_xlsx_new("DejaVu Sans"), .tmp = RT_BUF_INIT, .code = RT_BUF_INIT };
	make_styles(&x);
	for (size_t i = 0; i < r->n_sections; i++)
		write_section(&x, r, i);
	if (r->n_sections == 0) {
		rt_xlsx_sheet(x.w, "Uppföljning", NULL);
		rt_xlsx_row(x.w, 0, 0);
		put_text(&x, 0, "Ingen uppföljning i urvalet.", 0);
	}
	struct rt_xlsx_props props = { .title = r->title, .author = "Rödtråd", .created = FIXED_TIME };
	rt_buf zip = RT_BUF_INIT;
	int rc = rt_xlsx_finish(x.w, &props, &zip);
	rt_xlsx_free(x.w);
	for (size_t i = 0; i < x.n_names; i++) free(x.names[i]);
	free(x.names);
	rt_buf_release(&x.tmp);
	rt_buf_release(&x.code);
	if (rc != 0)
		rc = rt_err_set(err, RT_EINTERNAL, "", "Kan inte skapa kalkylbladet %s", path);
	else
		rc = rt_report_file_write(path, zip.buf, zip.len, err);
	rt_buf_release(&zip);
	return rc;
}
