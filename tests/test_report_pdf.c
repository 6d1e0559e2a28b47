/* Tests of the PDF follow-up report (src/report/followup_pdf.c) and of the
 * trend charts end to end: the demo database's 2021-T1 report written as
 * PDF and read back with poppler-utils (pdftotext, pdfinfo, pdffonts): seed
 * 003's values and symbols, Swedish letters, "Sida N av M", A4 and embedded
 * fonts. A second period added through the store gives an indicator two
 * outcomes, and then the HTML and the PDF carry its trend chart. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/target.h"
#include "ingest/demo.h"
#include "report/followup.h"

#define SJUK "Sjukfrånvaron ska vara lägre än utsatt målvärde"

struct fx {
	rt_store *s;
	char *db;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->db = rt_test_db("report-pdf.db");
	rt_err err = RT_ERR_INIT;
	struct rt_import_stats st;
	if (rt_store_open(&f->s, f->db, RT_STORE_OPEN_CREATE, &err) != 0 ||
	    rt_demo_load(f->s, &st, &err) != 0) {
		fprintf(stderr, "demo: %s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	rt_store_close(f->s);
	unlink(f->db);
	free(f->db);
	free(f);
	return 0;
}

/* stdout of a shell command (the arguments are our own temp paths). */
static void run(rt_buf *out, const char *prog, const char *path, const char *tail)
{
	rt_buf cmd = RT_BUF_INIT;
	rt_buf_addf(&cmd, "%s '%s'%s", prog, path, tail);
	FILE *p = popen(cmd.buf, "r");
	assert_non_null(p);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		rt_buf_add(out, chunk, n);
	assert_int_equal(pclose(p), 0);
	rt_buf_release(&cmd);
}

static char *write_pdf(rt_store *s, const char *name)
{
	rt_err err = RT_ERR_INIT;
	struct rt_followup_report r;
	assert_int_equal(rt_followup_report_build(s, "2021-T1", NULL, &r, &err), 0);
	char *path = rt_test_tmp_path(name);
	int rc = rt_report_pdf(&r, path, &err);
	if (rc != 0)
		fprintf(stderr, "pdf: %s\n", err.msg);
	assert_int_equal(rc, 0);
	rt_followup_report_release(&r);
	return path;
}

/* pdftotext keeps table cells apart with spaces; squeeze runs of blanks
 * and line ends into one space so that wrapped phrases can be found. */
static void squeeze(rt_buf *b)
{
	size_t w = 0;
	bool blank = false;
	for (size_t i = 0; i < b->len; i++) {
		char c = b->buf[i];
		bool sp = c == ' ' || c == '\n' || c == '\f' || c == '\t';
		if (sp && blank)
			continue;
		b->buf[w++] = sp ? ' ' : c;
		blank = sp;
	}
	rt_buf_setlen(b, w);
}

static void test_pdf_text(void **state)
{
	struct fx *f = *state;
	char *path = write_pdf(f->s, "report.pdf");
	rt_buf t = RT_BUF_INIT;
	run(&t, "pdftotext -layout", path, " -");
	/* one indicator row of seed 003 on one line: name, utfall, målvärde, status */
	const char *row = strstr(t.buf, "Sjukfrånvaron ska vara lägre än");
	assert_non_null(row);
	const char *eol = strchr(row, '\n');
	rt_buf line = RT_BUF_INIT;
	rt_buf_add(&line, row, eol ? (size_t)(eol - row) : strlen(row));
	assert_non_null(strstr(line.buf, "5,4 %"));
	assert_non_null(strstr(line.buf, "4,6 %"));
	assert_non_null(strstr(line.buf, "■ Ej uppfyllt"));
	rt_buf_release(&line);
	assert_non_null(strstr(t.buf, "Sammanställd måluppfyllelse per april 2021"));
	assert_non_null(strstr(t.buf, "Mål Regionstyrelsen"));
	assert_non_null(strstr(t.buf, "Regionstyrelsens verksamhetsplan 2021"));
	assert_non_null(strstr(t.buf, "● Uppfyllt"));
	assert_non_null(strstr(t.buf, "◆ Delvis uppfyllt"));
	assert_non_null(strstr(t.buf, "Ej uppfyllt"));
	assert_non_null(strstr(t.buf, "Mäts helår"));
	assert_non_null(strstr(t.buf, "Strategi för länets utveckling"));
	assert_non_null(strstr(t.buf, "Region Jämtland Härjedalen"));
	/* table headers, both tables */
	assert_non_null(strstr(t.buf, "Mätetal"));
	assert_non_null(strstr(t.buf, "Målvärde"));
	assert_non_null(strstr(t.buf, "Kommentar"));
	assert_non_null(strstr(t.buf, "Aktiviteter"));
	assert_non_null(strstr(t.buf, "Beskrivning"));
	assert_non_null(strstr(t.buf, "Sida 1 av "));
	/* the last page says so */
	const char *last = NULL;
	for (const char *p = strstr(t.buf, "Sida "); p; p = strstr(p + 1, "Sida "))
		last = p;
	int n, m;
	assert_int_equal(sscanf(last, "Sida %d av %d", &n, &m), 2);
	assert_int_equal(n, m);
	assert_true(m >= 5);
	/* wrapping keeps every word: a goal analysis over two lines, squeezed */
	squeeze(&t);
	assert_non_null(strstr(t.buf, "Betydligt mindre resor ger minskad klimatpåverkan, även om "
	                              "mätetalet inte finns tillgängligt ännu. Övriga mätetal mäts "
	                              "vid helår."));
	/* the summary counts of the HTML report: 11 ● 4 ◆ 20 ■ 1 none */
	assert_non_null(strstr(t.buf, "Regionstyrelsen 11 4 20 1"));
	rt_buf_release(&t);
	unlink(path);
	free(path);
}

/* The value of a pdfinfo field ("Title:   …") when it is `want`, else NULL. */
static const char *field(const rt_buf *info, const char *name, const char *want)
{
	const char *p = strstr(info->buf, name);
	if (!p)
		return NULL;
	p += strlen(name);
	while (*p == ' ')
		p++;
	return !strncmp(p, want, strlen(want)) && p[strlen(want)] == '\n' ? p : NULL;
}

static void test_pdf_a4_fonts_deterministic(void **state)
{
	struct fx *f = *state;
	char *path = write_pdf(f->s, "report-a4.pdf");
	rt_buf info = RT_BUF_INIT, fonts = RT_BUF_INIT;
	run(&info, "pdfinfo", path, "");
	assert_non_null(field(&info, "Page size:", "595.276 x 841.89 pts (A4)"));
	assert_non_null(field(&info, "Title:", "Sammanställd måluppfyllelse per april 2021"));
	assert_non_null(field(&info, "Creator:", "Rödtråd"));
	assert_non_null(field(&info, "CreationDate:", "Sat Jan  1 00:00:00 2000 UTC"));
	run(&fonts, "pdffonts", path, "");
	assert_non_null(strstr(fonts.buf, "DejaVuSans "));
	assert_non_null(strstr(fonts.buf, "DejaVuSans-Bold"));
	/* every font line: embedded (emb) and subset (sub) both "yes" */
	size_t n_fonts = 0;
	for (char *l = strstr(fonts.buf, "\n---"); l && (l = strchr(l + 1, '\n')) && l[1];) {
		char name[128], type[32], enc[64], emb[8], sub[8];
		assert_int_equal(sscanf(l + 1, "%127s %31s %*s %63s %7s %7s", name, type, enc, emb, sub),
		                 5);
		assert_string_equal(emb, "yes");
		n_fonts++;
	}
	assert_true(n_fonts >= 2);
	/* the same report twice: the same bytes */
	char *again = write_pdf(f->s, "report-a4-again.pdf");
	rt_buf cmp = RT_BUF_INIT;
	rt_buf_addf(&cmp, "cmp -s '%s' '%s'", path, again);
	assert_int_equal(system(cmp.buf), 0);
	rt_buf_release(&cmp);
	/* no PATH.tmp left behind */
	rt_buf tmp = RT_BUF_INIT;
	rt_buf_addf(&tmp, "%s.tmp", path);
	assert_int_not_equal(access(tmp.buf, F_OK), 0);
	rt_buf_release(&tmp);
	rt_buf_release(&info);
	rt_buf_release(&fonts);
	unlink(path);
	unlink(again);
	free(path);
	free(again);
}

static void test_pdf_unwritable(void **state)
{
	struct fx *f = *state;
	rt_err err = RT_ERR_INIT;
	struct rt_followup_report r;
	assert_int_equal(rt_followup_report_build(f->s, "2021-T1", NULL, &r, &err), 0);
	assert_int_equal(rt_report_pdf(&r, "/nonexistent-dir/r.pdf", &err), RT_EIO);
	assert_string_equal(err.msg, "Kan inte skriva /nonexistent-dir/r.pdf: katalogen finns inte");
	rt_followup_report_release(&r);
}

static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *q = strstr(hay, needle); q; q = strstr(q + 1, needle))
		n++;
	return n;
}

/* A report built by hand: 40 indicators with trend charts over several
 * pages, one comment taller than a page (split between lines, every word
 * kept), a target that breaks after its slash; and an empty report. */
static void test_pdf_hand_model(void **state)
{
	(void)state;
	static const char *labels[] = { "2021-T1", "2021-T2" };
	static const double values[] = { 5.9, 5.4 }, targets[] = { 4.6, 4.6 };
	struct rt_report_indicator inds[41];
	char names[41][48];
	rt_buf longc = RT_BUF_INIT;
	for (int i = 1; i <= 300; i++)
		rt_buf_addf(&longc, "ord%d ", i);
	for (int i = 0; i < 41; i++) {
		snprintf(names[i], sizeof names[i], "Mätetal nummer %d", i + 1);
		inds[i] = (struct rt_report_indicator){
			.name = names[i], .unit = "%", .outcome_text = "5,4 %",
			.target_text = i == 0 ? "Bibehålla/öka" : "4,6 %",
			.comment = i == 40 ? longc.buf : NULL, .status = RT_STATUS_NOT_ACHIEVED,
			.n_trend = i == 40 ? 0 : 2, .trend_labels = labels, .trend_values = values,
			.trend_targets = targets,
		};
	}
	struct rt_report_goal goal = { .title = "Ett friskare liv", .status = RT_STATUS_PARTLY,
	                               .indicators = inds, .n_indicators = 41 };
	struct rt_report_section sec = { .org_name = "Hälso- och sjukvårdsnämnden",
	                                 .plan_title = "Verksamhetsplan", .goals = &goal,
	                                 .n_goals = 1 };
	struct rt_followup_report r = { .title = "Sammanställd måluppfyllelse per april 2021",
	                                .period_key = "2021-T1", .sections = &sec, .n_sections = 1 };
	rt_err err = RT_ERR_INIT;
	char *path = rt_test_tmp_path("hand.pdf");
	assert_int_equal(rt_report_pdf(&r, path, &err), 0);
	rt_buf t = RT_BUF_INIT;
	run(&t, "pdftotext", path, " -");           /* reading order, not layout */
	for (int i = 0; i < 41; i++)
		assert_non_null(strstr(t.buf, names[i]));
	assert_int_equal(count_of(t.buf, "Trend"), 0);  /* the SVG's words are HTML only */
	assert_int_equal(count_of(t.buf, "2021-T2"), 40);  /* one chart per indicator */
	/* the charts' markers are glyphs (⬤, ◼) that read as blanks: the text
	 * has them nowhere, and ■ only in the symbol line, the summary's
	 * column title and the 41 statuses (not in 40 charts × 3 markers) */
	assert_int_equal(count_of(t.buf, "\u2b24"), 0);
	assert_int_equal(count_of(t.buf, "\u25fc"), 0);
	assert_int_equal(count_of(t.buf, "■"), 43);
	size_t words = 0;
	for (int i = 1; i <= 300; i++) {
		char w[16];
		snprintf(w, sizeof w, "ord%d\n", i);    /* each word whole, ends a run */
		char w2[16];
		snprintf(w2, sizeof w2, "ord%d ", i);
		words += strstr(t.buf, w) || strstr(t.buf, w2);
	}
	assert_int_equal(words, 300);
	assert_non_null(strstr(t.buf, "Bibehålla/\nöka"));
	int n = 0, m = 0;
	const char *last = NULL;
	for (const char *q = strstr(t.buf, "Sida "); q; q = strstr(q + 1, "Sida "))
		last = q;
	assert_int_equal(sscanf(last, "Sida %d av %d", &n, &m), 2);
	assert_int_equal(n, m);
	assert_true(m >= 10);
	rt_buf_release(&t);

	struct rt_followup_report empty = { .title = "Sammanställd måluppfyllelse per april 2021",
	                                    .period_key = "2021-T1" };
	assert_int_equal(rt_report_pdf(&empty, path, &err), 0);
	run(&t, "pdftotext", path, " -");
	assert_non_null(strstr(t.buf, "Ingen uppföljning finns för perioden."));
	assert_non_null(strstr(t.buf, "Sida 1 av 1"));
	rt_buf_release(&t);
	rt_buf_release(&longc);
	unlink(path);
	free(path);
}

/* Many pages through the drawing thread (pdf_page.c, more pages than its
 * RT_PDF_AHEAD buffers): every page has its "Sida k av N" in order, every
 * board and goal its bookmark on the page where it starts, and the file is
 * the same bytes when written again. */
static void test_pdf_many_pages(void **state)
{
	(void)state;
	static const char *labels[] = { "2021-T1", "2021-T2", "2021-T3" };
	static const double values[] = { 5.9, 5.4, 5.1 }, targets[] = { 4.6, 4.6, 4.6 };
	enum { BOARDS = 3, INDS = 40 };
	struct rt_report_indicator inds[INDS];
	char names[INDS][32], orgs[BOARDS][32], titles[BOARDS][32];
	for (int i = 0; i < INDS; i++) {
		snprintf(names[i], sizeof names[i], "Mätetal %d", i + 1);
		inds[i] = (struct rt_report_indicator){
			.name = names[i], .outcome_text = "5,1 %", .target_text = "4,6 %",
			.status = RT_STATUS_NOT_ACHIEVED, .n_trend = 3, .trend_labels = labels,
			.trend_values = values, .trend_targets = targets,
		};
	}
	struct rt_report_goal goals[BOARDS];
	struct rt_report_section secs[BOARDS];
	for (int b = 0; b < BOARDS; b++) {
		snprintf(orgs[b], sizeof orgs[b], "Nämnd %d", b + 1);
		snprintf(titles[b], sizeof titles[b], "Mål för nämnd %d", b + 1);
		goals[b] = (struct rt_report_goal){ .title = titles[b], .status = RT_STATUS_PARTLY,
		                                    .indicators = inds, .n_indicators = INDS };
		secs[b] = (struct rt_report_section){ .org_name = orgs[b], .plan_title = "Plan",
		                                      .goals = &goals[b], .n_goals = 1 };
	}
	struct rt_followup_report r = { .title = "Sammanställd måluppfyllelse", .period_key = "2021-T3",
	                                .sections = secs, .n_sections = BOARDS };
	rt_err err = RT_ERR_INIT;
	char *path = rt_test_tmp_path("many.pdf"), *again = rt_test_tmp_path("many-again.pdf");
	assert_int_equal(rt_report_pdf(&r, path, &err), 0);
	assert_int_equal(rt_report_pdf(&r, again, &err), 0);
	rt_buf cmp = RT_BUF_INIT;
	rt_buf_addf(&cmp, "cmp -s '%s' '%s'", path, again);
	assert_int_equal(system(cmp.buf), 0);

	rt_buf info = RT_BUF_INIT, t = RT_BUF_INIT, x = RT_BUF_INIT;
	run(&info, "pdfinfo", path, "");
	const char *pages = strstr(info.buf, "Pages:");
	int n = 0;
	assert_non_null(pages);
	assert_int_equal(sscanf(pages, "Pages: %d", &n), 1);
	assert_true(n > 2 * 8);          /* the three boards' 120 charts, ~6 a page */
	run(&t, "pdftotext", path, " -layout -");
	const char *q = t.buf;
	for (int k = 1; k <= n; k++) {   /* each page's footer, in page order */
		char want[32];
		snprintf(want, sizeof want, "Sida %d av %d\n", k, n);
		q = strstr(q, want);
		assert_non_null(q);
	}
	/* the bookmarks: Sammanfattning, then per board its heading (a new
	 * page) with its goal below it, on the same page */
	run(&x, "pdftohtml", path, " -xml -i -q -stdout");
	assert_non_null(strstr(x.buf, "<item page=\"1\">Sammanfattning</item>"));
	int prev = 1;
	for (int b = 0; b < BOARDS; b++) {
		char want[64];
		snprintf(want, sizeof want, "\">Mål %s</item>", orgs[b]);
		const char *item = strstr(x.buf, want);
		assert_non_null(item);
		const char *at = item;
		while (at > x.buf && strncmp(at, "page=\"", 6))
			at--;
		int page = atoi(at + 6);
		assert_true(page > prev);
		prev = page;
		snprintf(want, sizeof want, "<item page=\"%d\">%s</item>", page, titles[b]);
		assert_non_null(strstr(item, want));
	}
	rt_buf_release(&info);
	rt_buf_release(&t);
	rt_buf_release(&x);
	rt_buf_release(&cmp);
	unlink(path);
	unlink(again);
	free(path);
	free(again);
}

/* The id of the demo's sjukfrånvaro indicator (seed 003). */
static int64_t sjuk_indicator(rt_store *s)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan *plans;
	size_t n;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_plan_list(s, &a, &plans, &n, &err), 0);
	int64_t id = 0;
	for (size_t i = 0; i < n && !id; i++) {
		struct rt_plan_doc d;
		rt_plan_doc_init(&d);
		assert_int_equal(rt_store_plan_load(s, plans[i].id, &d, &err), 0);
		for (size_t k = 0; k < d.n_indicators; k++)
			if (d.indicators[k].name && !strncmp(d.indicators[k].name, SJUK, strlen(SJUK)))
				id = d.indicators[k].id;
		rt_plan_doc_release(&d);
	}
	rt_arena_release(&a);
	assert_true(id > 0);
	return id;
}

/* Outcome 5,9 % for 2020-T3 (before 2021-T1's 5,4 %): two outcomes, so
 * the indicator gets a trend chart in HTML and PDF. */
static void add_earlier_outcome(rt_store *s)
{
	rt_err err = RT_ERR_INIT;
	int64_t ind = sjuk_indicator(s);
	char start[11], end[11];
	struct rt_period p = { 0 };
	assert_int_equal(rt_period_parse_key("2020-T3", &p, start, end, &err), 0);
	p.key = "2020-T3";
	p.start_date = start;
	p.end_date = end;
	assert_int_equal(rt_store_begin(s, "test", &err), 0);
	assert_int_equal(rt_store_period_put(s, &p, &err), 0);
	struct rt_outcome o = { .indicator_id = ind, .period_id = p.id, .text = "5,9 %" };
	assert_int_equal(rt_value_parse("5,9 %", &o.value, &err), 0);
	assert_int_equal(rt_store_outcome_put(s, &o, &err), 0);
	/* and a person's override of 2021-T1's computed ■, with its reason */
	rt_arena a = RT_ARENA_INIT;
	int64_t t1;
	assert_int_equal(rt_store_find_key(s, "period", "2021-T1", &t1, &err), 0);
	struct rt_outcome cur;
	assert_int_equal(rt_store_outcome_find(s, &a, ind, t1, RT_GENDER_TOTAL, 0, &cur, &err), 0);
	cur.status = RT_STATUS_PARTLY;
	cur.override_reason = "Pandemin gör jämförelsen orättvis";
	assert_int_equal(rt_store_outcome_put(s, &cur, &err), 0);
	assert_int_equal(rt_store_commit(s, &err), 0);
	rt_arena_release(&a);
}

static void test_trend_chart_end_to_end(void **state)
{
	struct fx *f = *state;
	add_earlier_outcome(f->s);
	rt_err err = RT_ERR_INIT;
	struct rt_followup_report r;
	assert_int_equal(rt_followup_report_build(f->s, "2021-T1", NULL, &r, &err), 0);
	rt_buf html = RT_BUF_INIT;
	assert_int_equal(rt_report_html(&r, &html, &err), 0);
	/* exactly one chart: the only indicator with two outcomes */
	const char *svg = strstr(html.buf, "<svg class=\"trend\"");
	assert_non_null(svg);
	assert_null(strstr(svg + 1, "<svg"));
	assert_non_null(strstr(svg, "aria-label=\"Trend för " SJUK ". Utfall 2020-T3: 5,9 %; "
	                            "2021-T1: 5,4 %. Målvärde 4,6 %.\""));
	/* inside the sjukfrånvaro row */
	const char *row = strstr(html.buf, "<span class=\"ind-name\">" SJUK "</span>");
	assert_non_null(row);
	const char *row_end = strstr(row, "</tr>");
	assert_true(svg > row && svg < row_end);
	rt_buf_release(&html);

	char *path = rt_test_tmp_path("report-chart.pdf");
	assert_int_equal(rt_report_pdf(&r, path, &err), 0);
	rt_followup_report_release(&r);
	rt_buf t = RT_BUF_INIT;
	run(&t, "pdftotext -layout", path, " -");
	assert_non_null(strstr(t.buf, "2020-T3"));          /* the chart's period label */
	assert_non_null(strstr(t.buf, "Utfall"));
	/* the override: chosen ◆, the rule's ■ and the justification */
	const char *prow = strstr(t.buf, "Sjukfrånvaron ska vara lägre än");
	assert_non_null(prow);
	assert_non_null(strstr(prow, "◆ Delvis uppfyllt"));
	assert_non_null(strstr(prow, "Beräknad status:"));
	squeeze(&t);
	assert_non_null(strstr(t.buf, "Motivering:"));
	assert_non_null(strstr(t.buf, "orättvis"));
	rt_buf_release(&t);
	unlink(path);
	free(path);
}

static void test_cli_pdf(void **state)
{
	struct fx *f = *state;
	rt_buf out = RT_BUF_INIT, err = RT_BUF_INIT;
	const char *const no_file[] = { "report", "--period", "2021-T1", "--db", f->db, "-f", "pdf",
	                                NULL };
	assert_int_not_equal(rt_test_run(&out, &err, no_file), 0);
	assert_non_null(strstr(err.buf, "formatet pdf kräver -o FIL"));
	char *path = rt_test_tmp_path("cli-report.pdf");
	const char *const ok[] = { "report", "--period", "2021-T1", "--db", f->db, "--format", "pdf",
	                           "-o", path, NULL };
	rt_buf_reset(&out);
	rt_buf_reset(&err);
	assert_int_equal(rt_test_run(&out, &err, ok), 0);
	assert_non_null(strstr(err.buf, "rapport 2021-T1"));
	FILE *pf = fopen(path, "rb");
	assert_non_null(pf);
	char magic[6] = { 0 };
	assert_int_equal(fread(magic, 1, 5, pf), 5);
	fclose(pf);
	assert_string_equal(magic, "%PDF-");
	unlink(path);
	free(path);
	rt_buf_release(&out);
	rt_buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_text),
		cmocka_unit_test(test_pdf_a4_fonts_deterministic),
		cmocka_unit_test(test_pdf_unwritable),
		cmocka_unit_test(test_pdf_hand_model),
		cmocka_unit_test(test_pdf_many_pages),
		cmocka_unit_test(test_cli_pdf),
		/* last: it adds a period to the shared database */
		cmocka_unit_test(test_trend_chart_end_to_end),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
