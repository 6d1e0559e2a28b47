/* The PDF form of doc_sink's documents on the demo database, read back with
 * poppler-utils: the plan document (seed 000 §3: the change log first, then
 * 1 Inledning … 5 Definitioner, with the plan's own texts) and the compiled
 * board feedback (seed 002's six headings per board); fonts embedded; the
 * same document gives the same bytes; 'plan document -f pdf' writes it. */
#include "test_util.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/demo.h"
#include "report/feedback_doc.h"
#include "report/pdf_text.h"
#include "report/plan_document.h"
#include "report/report_file.h"

struct fx {
	char *db;
	rt_store *s;
	rt_err err;
	struct rt_process_doc doc;
	int64_t plan;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->db = rt_test_db("doc_pdf.db");
	*state = f;
	int64_t id;
	if (rt_store_open(&f->s, f->db, RT_STORE_OPEN_CREATE, &f->err) != 0 ||
	    rt_demo_load(f->s, NULL, &f->err) != 0 ||
	    rt_store_process_find(f->s, 0, 2026, &id, &f->err) != 0 ||
	    rt_store_process_load(f->s, id, &f->doc, &f->err) != 0 ||
	    rt_store_find_key(f->s, "plan", "rjh-ap-2016-attraktiv-arbetsgivare", &f->plan,
	                      &f->err) != 0) {
		fprintf(stderr, "setup: %s\n", f->err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	rt_store_process_doc_release(&f->doc);
	rt_store_close(f->s);
	unlink(f->db);
	free(f->db);
	free(f);
	return 0;
}

/* stdout of a poppler tool on a file of ours. */
static void run(rt_buf *out, const char *prog, const char *path)
{
	rt_buf cmd = RT_BUF_INIT;
	rt_buf_addf(&cmd, "%s '%s'%s", prog, path, strncmp(prog, "pdftotext", 9) ? "" : " -");
	FILE *p = popen(cmd.buf, "r");
	assert_non_null(p);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		rt_buf_add(out, chunk, n);
	assert_int_equal(pclose(p), 0);
	rt_buf_release(&cmd);
}

/* Runs of blanks and line ends as one space, so wrapped phrases are found. */
static void squeeze(rt_buf *b)
{
	size_t w = 0;
	bool blank = false;
	for (size_t i = 0; i < b->len; i++) {
		char c = b->buf[i];
		bool sp = c == ' ' || c == '\n' || c == '\f' || c == '\t';
		if (sp && blank) continue;
		b->buf[w++] = sp ? ' ' : c;
		blank = sp;
	}
	rt_buf_setlen(b, w);
}

/* The PDF bytes written to a temp file named `name`; returns its path. */
static char *save(const rt_buf *pdf, const char *name)
{
	char *path = rt_test_tmp_path(name);
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_report_file_write(path, pdf->buf, pdf->len, &err), 0);
	return path;
}

static void text_of(const rt_buf *pdf, const char *name, rt_buf *text)
{
	char *path = save(pdf, name);
	run(text, "pdftotext", path);
	squeeze(text);
	unlink(path);
	free(path);
}

static void in_order(const char *text, const char *const *want, size_t n)
{
	const char *prev = text;
	for (size_t i = 0; i < n; i++) {
		const char *at = strstr(prev, want[i]);
		if (!at) fail_msg("'%s' missing or out of order", want[i]);
		prev = at + strlen(want[i]);
	}
}

static void test_plan_document_pdf(void **state)
{
	struct fx *f = *state;
	rt_buf pdf = RT_BUF_INIT, text = RT_BUF_INIT;
	assert_int_equal(rt_plan_document_render(f->s, f->plan, RT_DOC_PDF, &pdf, &f->err), 0);
	assert_memory_equal(pdf.buf, "%PDF-", 5);
	text_of(&pdf, "plan.pdf", &text);
	static const char *const order[] = {
		"Övergripande handlingsplan för attraktiv arbetsgivare 2016",
		"Ändringsförteckning", "Version", "Datum", "Ändring", "Beslutat av",
		"1 Inledning",
		"Exempel ur Rutin för upprättande av övergripande handlingsplan (Region Jämtland "
		"Härjedalen)",
		"2 Mål", "Mål 1: Sänka sjukfrånvaron för medarbetare",
		"Mätetal: Sjukfrånvaro för medarbetare",
		"3 Aktiviteter", "3.1 Aktiviteter som rör verksamheterna",
		"Utbilda chefer och föra dialog kring arbetslivsinriktad rehabilitering",
		"3.2 Aktiviteter som rör ledningsstaberna",
		"4 Beskrivning av hur handlingsplanen avser uppnå krav enligt särskilda perspektiv",
		"4.2 Barnens rätt", "Har barn och ungdom fått möjlighet att uttrycka sin mening?",
		"5 Definitioner",
	};
	in_order(text.buf, order, sizeof(order) / sizeof(order[0]));
	assert_non_null(strstr(text.buf, "Sida 1 av "));
	/* The same plan gives the same bytes (fixed dates, no random ids). */
	rt_buf again = RT_BUF_INIT;
	assert_int_equal(rt_plan_document_render(f->s, f->plan, RT_DOC_PDF, &again, &f->err), 0);
	assert_int_equal(again.len, pdf.len);
	assert_memory_equal(again.buf, pdf.buf, pdf.len);
	rt_buf_release(&again);
	rt_buf_release(&text);
	rt_buf_release(&pdf);
}

static void test_feedback_pdf(void **state)
{
	struct fx *f = *state;
	rt_buf pdf = RT_BUF_INIT, text = RT_BUF_INIT;
	assert_int_equal(rt_feedback_render(&f->doc, RT_DOC_PDF, &pdf, &f->err), 0);
	text_of(&pdf, "feedback.pdf", &text);
	const char *sec = strstr(text.buf, "Nämndernas återkoppling på planeringsförutsättningarna 2026");
	assert_non_null(sec);
	/* HSN's section: the six headings of seed 002 in the template's order, its text. */
	sec = strstr(sec, "Hälso- och sjukvårdsnämnden 1.");
	assert_non_null(sec);
	char want[RT_FB_HEADING_COUNT][200];
	const char *order[RT_FB_HEADING_COUNT];
	for (int k = 0; k < RT_FB_HEADING_COUNT; k++) {
		snprintf(want[k], sizeof want[k], "%d. %s", k + 1,
		         rt_feedback_heading_label((enum rt_feedback_heading)k));
		order[k] = want[k];
	}
	in_order(sec, order, RT_FB_HEADING_COUNT);
	assert_non_null(strstr(sec, "Nämnden bidrar till fullmäktiges mål om en jämlik och "
	                            "tillgänglig vård"));
	assert_non_null(strstr(text.buf, "6. Nämndens övriga synpunkter"));
	rt_buf_release(&text);
	rt_buf_release(&pdf);
}

/* Every font is embedded (pdffonts' emb column), and it is DejaVu Sans. */
static void test_fonts_embedded(void **state)
{
	struct fx *f = *state;
	rt_buf pdf = RT_BUF_INIT, out = RT_BUF_INIT;
	assert_int_equal(rt_feedback_render(&f->doc, RT_DOC_PDF, &pdf, &f->err), 0);
	char *path = save(&pdf, "fonts.pdf");
	run(&out, "pdffonts", path);
	int fonts = 0;
	char *save_ptr = NULL;
	for (char *line = strtok_r(out.buf, "\n", &save_ptr); line; line = strtok_r(NULL, "\n", &save_ptr)) {
		if (!strstr(line, "DejaVuSans")) continue;
		char *tok[16];
		int n = 0;
		char *sp = NULL;
		for (char *t = strtok_r(line, " ", &sp); t && n < 16; t = strtok_r(NULL, " ", &sp))
			tok[n++] = t;
		assert_true(n >= 6);
		assert_string_equal(tok[n - 5], "yes");   /* emb */
		fonts++;
	}
	assert_true(fonts >= 2);                   /* regular and bold */
	unlink(path);
	free(path);
	rt_buf_release(&out);
	rt_buf_release(&pdf);
}

/* The command line: 'plan document -f pdf' and 'feedback compile -f pdf'. */
/* pdf_text's tables: horizontal rules only (one line below each band, one
 * above a table), and a span joined to its row (a trend chart) takes the
 * row's bottom rule away, a span after a page break does not. */
struct rules_seen {
	size_t header, row, joined, row2, unjoined;
	bool all_horizontal, last_at_bottom;
	int draw_passes;
};
static struct rules_seen seen;

static void rules_layout(struct rt_pdf *p)
{
	static const struct rt_pdf_column cols[] = { { "Mätetal", 0.5, 0 }, { "Utfall", 0.5, 1 } };
	static const struct rt_pdf_table t = RT_PDF_TABLE_OF(cols);
	if (!p->draw)
		return;                      /* the counting pass lays out nothing here */
	seen.draw_passes++;
	rt_pdf_table_start(p, &t);
	seen.header = p->rules.n / 4;
	struct rt_pdf_cell cells[] = {
		{ .text = "Sjukfrånvaro", .font = RT_PDF_REGULAR, .color = rt_pdf_black },
		{ .text = "5,4 %", .font = RT_PDF_REGULAR, .color = rt_pdf_black },
	};
	rt_pdf_table_row(p, &t, cells, 0);
	seen.row = p->rules.n / 4;
	rt_pdf_table_span(p, &t, 40, true);
	seen.joined = p->rules.n / 4;
	struct rt_pdf_cell again[] = {
		{ .text = "Andel", .font = RT_PDF_REGULAR, .color = rt_pdf_black },
		{ .text = "12", .font = RT_PDF_REGULAR, .color = rt_pdf_black },
	};
	rt_pdf_table_row(p, &t, again, 0);
	seen.row2 = p->rules.n / 4;
	rt_pdf_table_span(p, &t, 40, false);
	seen.unjoined = p->rules.n / 4;
	seen.all_horizontal = true;
	for (size_t i = 0; i < p->rules.n; i += 4)
		seen.all_horizontal &= p->rules.v[i + 1] == p->rules.v[i + 3];
	seen.last_at_bottom = p->rules.v[p->rules.n - 1] == rt_snap(p->y, 0.25);   /* on the 1/4 pt grid */
}

static void test_table_rules(void **state)
{
	(void)state;
	rt_buf pdf = RT_BUF_INIT;
	rt_err err = RT_ERR_INIT;
	memset(&seen, 0, sizeof seen);
	assert_int_equal(rt_pdf_render_buf(&pdf, "Regler", rules_layout, NULL, &err), 0);
	assert_int_equal(seen.draw_passes, 1);
	assert_int_equal(seen.header, 2);            /* above and below the header */
	assert_int_equal(seen.row, 3);               /* + below the row */
	assert_int_equal(seen.joined, 3);            /* the row's rule gone, the chart's added */
	assert_int_equal(seen.row2, 4);
	assert_int_equal(seen.unjoined, 5);          /* not joined: both rules stay */
	assert_true(seen.all_horizontal);            /* no column lines */
	assert_true(seen.last_at_bottom);
	assert_true(pdf.len > 4 && memcmp(pdf.buf, "%PDF", 4) == 0);
	rt_buf_release(&pdf);
}

static void test_cli_pdf(void **state)
{
	struct fx *f = *state;
	char *out = rt_test_tmp_path("cli_plan.pdf");
	rt_buf so = RT_BUF_INIT, se = RT_BUF_INIT, text = RT_BUF_INIT;
	const char *argv[] = { "plan", "document", "rjh-ap-2016-attraktiv-arbetsgivare", "-f", "pdf",
	                       "-o", out, "--db", f->db, NULL };
	assert_int_equal(rt_test_run(&so, &se, argv), 0);
	assert_non_null(strstr(so.buf, "Plandokumentet är skrivet till"));
	run(&text, "pdftotext", out);
	squeeze(&text);
	assert_non_null(strstr(text.buf, "5 Definitioner"));
	unlink(out);
	rt_buf_reset(&so);
	rt_buf_reset(&text);
	const char *fb[] = { "feedback", "compile", "--year", "2026", "-f", "pdf", "-o", out, "--db",
	                     f->db, NULL };
	assert_int_equal(rt_test_run(&so, &se, fb), 0);
	run(&text, "pdftotext", out);
	squeeze(&text);
	assert_non_null(strstr(text.buf, "1. Nämndens bidrag till fullmäktiges mål och uppdrag"));
	unlink(out);
	free(out);
	rt_buf_release(&so);
	rt_buf_release(&se);
	rt_buf_release(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_document_pdf),
		cmocka_unit_test(test_feedback_pdf),
		cmocka_unit_test(test_fonts_embedded),
		cmocka_unit_test(test_table_rules),
		cmocka_unit_test(test_cli_pdf),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
