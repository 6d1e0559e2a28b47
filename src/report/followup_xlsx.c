/* XLSX rendering of the compiled follow-up (rt_report_xlsx) with
 * libxlsxwriter: one worksheet per section (board), each goal with its
 * status as symbol + text (never colour alone), the analysis, the indicator
 * table and the activity table. Utfall and målvärde become numbers when the
 * stored text is a plain "[≤] 5,4 [%|unit]", so Excel can compute with them;
 * anything else stays text, so nothing a person wrote is lost.
 * Deterministic (fixed document dates), written to PATH.tmp and renamed.
 * Only formats the model: never asks the store, never prints. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/status.h"
#include "report/followup.h"
#include "report/report_file.h"
#include "util/alloc.h"
#include "util/numfmt.h"

/* 2000-01-01T00:00:00Z: "no timestamps unless asked", but Excel wants one. */
#define FIXED_TIME ((time_t)946684800)
#define NCOLS 5
#define CELL_MAX 32767          /* Excel's limit per cell, in characters */
#define ROW_HEIGHT 15.0         /* points per line of 11 pt text */

/* A: Mätetal/Aktiviteter, B: Utfall, C: Målvärde, D: Kommentar, E: Status.
 * The activity table puts Beskrivning in B:C merged and the dates in D. */
static const double col_width[NCOLS] = { 50, 13, 13, 40, 22 };

struct numfmt {
	char *code;
	lxw_format *fmt;
};

struct xlsx {
	lxw_workbook *wb;
	lxw_format *title, *subtitle, *status, *analysis, *head, *cell, *goal[7];
	struct numfmt *nf;
	size_t n_nf, cap_nf;
	char **names;           /* sheet names used so far */
	size_t n_names, cap_names;
	rt_buf tmp;
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
	/* addstr, not addf: this runs for every indicator row. */
	if (st != RT_STATUS_NONE) {
		rt_buf_addstr(b, rt_status_symbol(st));
		rt_buf_addch(b, ' ');
		rt_buf_addstr(b, rt_status_label(st));
	} else
		rt_buf_addstr(b, none_text ? none_text : rt_status_label(st));
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
 * not fit the height of merged cells itself. */
static double est_height(const char *s, double width)
{
	if (!s || !*s) return ROW_HEIGHT;
	double per_line = width * 1.15;
	size_t lines = 0;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		size_t chars = utf8_chars(s, n);
		lines += chars ? (size_t)ceil((double)chars / per_line) : 1;
		s += n;
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

static void put_text(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                     const char *s, lxw_format *f)
{
	if (!s || !*s)
		worksheet_write_blank(ws, row, col, f);
	else
		worksheet_write_string(ws, row, col, cell_text(x, s), f);
}

static void put_merged(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t c0,
                       lxw_col_t c1, const char *s, lxw_format *f)
{
	worksheet_merge_range(ws, row, c0, row, c1, cell_text(x, s), f);
}

/* Every format uses DejaVu Sans, the font of the DOCX and the PDF, which
 * has å ä ö and ● ◆ ■ (Calibri, the default, lacks ◆). */
static lxw_format *new_format(struct xlsx *x)
{
	lxw_format *f = workbook_add_format(x->wb);
	format_set_font_name(f, "DejaVu Sans");
	format_set_font_size(f, 10);
	return f;
}

/* ---- numbers ------------------------------------------------------------ */

/* The number format for a cell, one lxw_format per distinct code. */
static lxw_format *num_format(struct xlsx *x, const char *code)
{
	for (size_t i = 0; i < x->n_nf; i++)
		if (strcmp(x->nf[i].code, code) == 0) return x->nf[i].fmt;
	RT_ALLOC_GROW(x->nf, x->n_nf + 1, x->cap_nf);
	lxw_format *f = new_format(x);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(f, code);
	x->nf[x->n_nf].code = rt_xstrdup(code);
	x->nf[x->n_nf].fmt = f;
	x->n_nf++;
	return f;
}

static const char *const comparators[] = { "<=", ">=", "≤", "≥", "<", ">", "=" };

/* Writes "5,4 %" as the number 5.4 with format 0.0" %" (Swedish Excel
 * shows 5,4 %), "≤ 4,7 %" with the comparator kept in the format, "26 151"
 * as 26151 with #,##0. Returns false (nothing written) when the text is
 * not just [comparator] number [unit] or disagrees with the model's value. */
static bool put_number(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const char *text, double value, const char *unit)
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
	rt_buf code = RT_BUF_INIT;
	rt_buf_addstr(&code, "[$-41D]");
	if (cmp) {
		rt_buf_addch(&code, '"');
		rt_buf_addstr(&code, cmp);
		rt_buf_addstr(&code, " \"");
	}
	rt_buf_addstr(&code, "#,##0");
	if (decimals) {
		rt_buf_addch(&code, '.');
		for (int i = 0; i < decimals; i++) rt_buf_addch(&code, '0');
	}
	if (rl) {
		rt_buf_addstr(&code, "\" ");
		rt_buf_add(&code, rest, rl);
		rt_buf_addch(&code, '"');
	}
	worksheet_write_number(ws, row, col, num, num_format(x, code.buf));
	rt_buf_release(&code);
	return true;
}

static void put_value(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                      const char *text, bool has, double value, const char *unit)
{
	if (has && !text) {
		rt_buf b = RT_BUF_INIT;
		rt_num_format_short(&b, value);
		if (unit && strcmp(unit, "%") == 0) rt_buf_addstr(&b, " %");
		bool ok = put_number(x, ws, row, col, b.buf, value, unit);
		rt_buf_release(&b);
		if (ok) return;
	}
	if (has && put_number(x, ws, row, col, text, value, unit)) return;
	put_text(x, ws, row, col, text, x->cell);
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
		size_t room = LXW_SHEETNAME_MAX - strlen(suffix), i = lead, chars = 0;
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

static lxw_row_t write_indicators(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row,
                                  const struct rt_report_goal *g)
{
	for (lxw_col_t c = 0; c < NCOLS; c++)
		worksheet_write_string(ws, row, c, ind_head[c], x->head);
	row++;
	rt_buf st = RT_BUF_INIT;
	for (size_t i = 0; i < g->n_indicators; i++, row++) {
		const struct rt_report_indicator *ind = &g->indicators[i];
		put_text(x, ws, row, 0, ind->name, x->cell);
		put_value(x, ws, row, 1, ind->outcome_text, ind->has_value, ind->value, ind->unit);
		put_value(x, ws, row, 2, ind->target_text, ind->has_target_value,
		          ind->target_value, ind->unit);
		put_text(x, ws, row, 3, ind->comment, x->cell);
		rt_buf_reset(&st);
		add_indicator_status(&st, ind);
		put_text(x, ws, row, 4, st.buf, x->cell);
		/* LibreOffice does not fit wrapped rows by itself. */
		double h = est_height(ind->name, col_width[0]);
		h = fmax(h, est_height(ind->outcome_text, col_width[1]));
		h = fmax(h, est_height(ind->target_text, col_width[2]));
		h = fmax(h, est_height(ind->comment, col_width[3]));
		h = fmax(h, est_height(st.buf, col_width[4]));
		worksheet_set_row(ws, row, h, NULL);
	}
	rt_buf_release(&st);
	return row;
}

static lxw_row_t write_activities(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row,
                                  const struct rt_report_goal *g)
{
	worksheet_write_string(ws, row, 0, "Aktiviteter", x->head);
	worksheet_merge_range(ws, row, 1, row, 2, "Beskrivning", x->head);
	worksheet_write_string(ws, row, 3, "Start- och slutdatum", x->head);
	worksheet_write_string(ws, row, 4, "Kommentar", x->head);
	row++;
	rt_buf dates = RT_BUF_INIT;
	for (size_t i = 0; i < g->n_activities; i++, row++) {
		const struct rt_report_activity *a = &g->activities[i];
		rt_buf_reset(&dates);
		if (a->start_date) rt_buf_addstr(&dates, a->start_date);
		if (a->start_date && a->end_date) rt_buf_addch(&dates, ' ');
		if (a->end_date) rt_buf_addstr(&dates, a->end_date);
		put_text(x, ws, row, 0, a->title, x->cell);
		put_merged(x, ws, row, 1, 2, a->description, x->cell);
		put_text(x, ws, row, 3, dates.buf, x->cell);
		put_text(x, ws, row, 4, a->comment, x->cell);
		/* The merged description does not fit its height by itself. */
		double h = est_height(a->title, col_width[0]);
		h = fmax(h, est_height(a->description, col_width[1] + col_width[2]));
		h = fmax(h, est_height(a->comment, col_width[4]));
		worksheet_set_row(ws, row, h, NULL);
	}
	rt_buf_release(&dates);
	return row;
}

static int write_section(struct xlsx *x, const struct rt_followup_report *r, size_t index)
{
	const struct rt_report_section *sec = &r->sections[index];
	rt_buf name = RT_BUF_INIT, line = RT_BUF_INIT;
	sheet_name(x, sec->org_name, index, &name);
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name.buf);
	rt_buf_release(&name);
	if (!ws) return RT_EINTERNAL;

	for (lxw_col_t c = 0; c < NCOLS; c++)
		worksheet_set_column(ws, c, c, col_width[c], NULL);
	worksheet_set_paper(ws, 9);                  /* A4 */
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 1);
	worksheet_freeze_panes(ws, 2, 0);

	put_text(x, ws, 0, 0, r->title ? r->title : "Sammanställd måluppfyllelse", x->title);
	worksheet_set_row(ws, 0, 21, NULL);
	const char *parts[] = { sec->org_name, sec->region_name, sec->plan_title };
	for (size_t i = 0; i < 3; i++) {
		if (!parts[i] || !*parts[i]) continue;
		if (line.len) rt_buf_addstr(&line, " – ");
		rt_buf_addstr(&line, parts[i]);
	}
	put_text(x, ws, 1, 0, line.buf, x->subtitle);

	double wide = col_width[0] + col_width[1] + col_width[2] + col_width[3];
	lxw_row_t row = 3;
	for (size_t gi = 0; gi < sec->n_goals; gi++) {
		const struct rt_report_goal *g = &sec->goals[gi];
		int d = g->depth < 0 ? 0 : g->depth > 6 ? 6 : g->depth;
		put_merged(x, ws, row, 0, 3, g->title, x->goal[d]);
		rt_buf_reset(&line);
		add_status(&line, g->has_assessment ? g->status : RT_STATUS_NONE, NULL);
		put_text(x, ws, row, 4, line.buf, x->status);
		worksheet_set_row(ws, row, est_height(g->title, wide - 2.0 * d), NULL);
		row++;
		if (g->analysis && *g->analysis) {
			put_merged(x, ws, row, 0, NCOLS - 1, g->analysis, x->analysis);
			worksheet_set_row(ws, row, est_height(g->analysis, wide + col_width[4]), NULL);
			row++;
		}
		if (g->n_indicators) row = write_indicators(x, ws, row, g) + 1;
		if (g->n_activities) row = write_activities(x, ws, row, g) + 1;
		if (!g->n_indicators && !g->n_activities) row++;
	}
	rt_buf_release(&line);
	return 0;
}

static void make_formats(struct xlsx *x)
{
	x->title = new_format(x);
	format_set_bold(x->title);
	format_set_font_size(x->title, 13);
	x->subtitle = new_format(x);
	format_set_italic(x->subtitle);
	x->status = new_format(x);
	format_set_bold(x->status);
	format_set_align(x->status, LXW_ALIGN_VERTICAL_TOP);
	x->analysis = new_format(x);
	format_set_text_wrap(x->analysis);
	format_set_align(x->analysis, LXW_ALIGN_VERTICAL_TOP);
	x->head = new_format(x);
	format_set_bold(x->head);
	format_set_pattern(x->head, LXW_PATTERN_SOLID);
	format_set_bg_color(x->head, 0xD9D9D9);
	format_set_border(x->head, LXW_BORDER_THIN);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_TOP);
	x->cell = new_format(x);
	format_set_border(x->cell, LXW_BORDER_THIN);
	format_set_text_wrap(x->cell);
	format_set_align(x->cell, LXW_ALIGN_VERTICAL_TOP);
	for (int d = 0; d < 7; d++) {
		x->goal[d] = new_format(x);
		format_set_bold(x->goal[d]);
		format_set_text_wrap(x->goal[d]);
		format_set_align(x->goal[d], LXW_ALIGN_VERTICAL_TOP);
		if (d) format_set_indent(x->goal[d], (uint8_t)d);
		if (d == 0) format_set_font_size(x->goal[d], 11);
	}
}

int rt_report_xlsx(const struct rt_followup_report *r, const char *path, rt_err *err)
{
	rt_buf tmp = RT_BUF_INIT;
	rt_buf_addf(&tmp, "%s.tmp", path);
	/* Open it ourselves first: libxlsxwriter would only fail at the end, and
	 * it prints its errors. */
	int fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0) {
		int e = errno;
		rt_buf_release(&tmp);
		return rt_report_file_error(err, path, e);
	}
	close(fd);

	/* constant_memory: each row goes to a temporary file as soon as the
	 * next one starts and strings are written inline, so no cell tree and
	 * no shared-string table are built (for a region's report they cost
	 * more than the model). It needs rows in order, top to bottom, and a
	 * row's cells left to right, which is how write_section writes them;
	 * worksheet_set_row is only called for the row being written. */
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = NULL,
	                              .use_zip64 = LXW_FALSE };
	struct xlsx x = { .tmp = RT_BUF_INIT };
	x.wb = workbook_new_opt(tmp.buf, &opts);
	if (!x.wb) {
		unlink(tmp.buf);
		rt_buf_release(&tmp);
		return rt_err_set(err, RT_EIO, "", "Kan inte skapa %s", path);
	}
	lxw_doc_properties props = {
		.title = (char *)(r->title ? r->title : ""),
		.author = "Rödtråd",
		.created = FIXED_TIME,
	};
	workbook_set_properties(x.wb, &props);
	make_formats(&x);

	int rc = 0;
	for (size_t i = 0; i < r->n_sections && rc == 0; i++)
		rc = write_section(&x, r, i);
	if (rc == 0 && r->n_sections == 0) {
		lxw_worksheet *ws = workbook_add_worksheet(x.wb, "Uppföljning");
		if (ws) put_text(&x, ws, 0, 0, "Ingen uppföljning i urvalet.", NULL);
	}
	lxw_error le = workbook_close(x.wb);
	for (size_t i = 0; i < x.n_nf; i++) free(x.nf[i].code);
	for (size_t i = 0; i < x.n_names; i++) free(x.names[i]);
	free(x.nf);
	free(x.names);
	rt_buf_release(&x.tmp);

	if (rc == 0 && le != LXW_NO_ERROR)
		rc = rt_err_set(err, RT_EIO, "", "Kan inte skriva %s: %s", path, lxw_strerror(le));
	else if (rc != 0)
		rc = rt_err_set(err, rc, "", "Kan inte skapa kalkylblad i %s", path);
	int e;
	if (rc == 0 && (e = rt_report_file_publish(tmp.buf, path)) != 0)
		rc = rt_report_file_error(err, path, e);
	if (rc != 0) unlink(tmp.buf);
	rt_buf_release(&tmp);
	return rc;
}
