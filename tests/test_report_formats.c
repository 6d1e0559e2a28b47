/* Tests of the DOCX, XLSX and HTML renderers (src/report/followup_docx.c,
 * followup_xlsx.c, followup_html.c): the demo's 2021-T1 report (seed 003, Regionstyrelsen)
 * is written, unzipped back with `unzip -p`, and the XML must hold the
 * seed's real rows: "Sjukfrånvaron ska vara lägre än utsatt målvärde"
 * 5,4 % against 4,6 % with ■ Ej uppfyllt, the 466/336 uppkopplade
 * medarbetare with ● Uppfyllt, Word heading styles and repeating table
 * headers, a sheet per board with numbers stored as numbers. Also: the
 * same data gives byte-identical files, and a missing directory gives one
 * Swedish message and leaves no file behind. */
#include "test_util.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/demo.h"
#include "report/followup.h"

#define SJUK "Sjukfrånvaron ska vara lägre än utsatt målvärde"
#define UPPKOPPLADE "Antal medarbetare som är uppkopplade utanför Region Jämtland Härjedalens"
#define APT "Använda normkritiskt APT-material för att motverka sexuella trakasserier"

struct fixture {
	rt_store *s;
	struct rt_followup_report r;
	char *docx, *xlsx;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char *db = rt_test_db("report-formats.db");
	rt_err err = RT_ERR_INIT;
	struct rt_import_stats st;
	int rc = rt_store_open(&f->s, db, RT_STORE_OPEN_CREATE, &err);
	if (rc == 0) rc = rt_demo_load(f->s, &st, &err);
	if (rc == 0) rc = rt_followup_report_build(f->s, "2021-T1", NULL, &f->r, &err);
	free(db);
	if (rc != 0) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	f->docx = rt_test_tmp_path("report.docx");
	f->xlsx = rt_test_tmp_path("report.xlsx");
	if (rt_report_docx(&f->r, f->docx, &err) != 0 || rt_report_xlsx(&f->r, f->xlsx, &err) != 0) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	unlink(f->docx);
	unlink(f->xlsx);
	free(f->docx);
	free(f->xlsx);
	rt_followup_report_release(&f->r);
	rt_store_close(f->s);
	free(f);
	return 0;
}

/* ---- reading the package back --------------------------------------------- */

/* One part of a zip through `unzip -p`; fails the test when it is missing. */
/* Appends the ZIP part to `out`; a missing part leaves it empty and returns
 * false (libxlsxwriter's constant_memory mode writes no
 * xl/sharedStrings.xml). */
static bool read_part_if(const char *zip, const char *part, rt_buf *out)
{
	rt_buf cmd = RT_BUF_INIT;
	rt_buf_addf(&cmd, "unzip -p '%s' '%s' 2>/dev/null", zip, part);
	FILE *p = popen(cmd.buf, "r");
	assert_non_null(p);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0) rt_buf_add(out, chunk, n);
	int status = pclose(p);
	rt_buf_release(&cmd);
	return status == 0 && out->len > 0;
}

static void read_part(const char *zip, const char *part, rt_buf *out)
{
	if (!read_part_if(zip, part, out)) fail_msg("%s: no part %s", zip, part);
}

static void read_file(const char *path, rt_buf *out)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) rt_buf_add(out, chunk, n);
	fclose(fp);
}

/* The text of a piece of WordprocessingML: tags dropped, a cell ends in
 * "|", a line break is "\n", the five XML entities decoded. */
static void docx_text(const char *s, size_t n, rt_buf *out)
{
	static const char *const ent[][2] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
	                                      { "&quot;", "\"" }, { "&apos;", "'" } };
	for (size_t i = 0; i < n;) {
		if (s[i] == '<') {
			const char *end = memchr(s + i, '>', n - i);
			assert_non_null(end);
			size_t len = (size_t)(end - (s + i)) + 1;
			if (len == 7 && strncmp(s + i, "</w:tc>", 7) == 0) rt_buf_addch(out, '|');
			if (strncmp(s + i, "<w:br/>", 7) == 0) rt_buf_addch(out, '\n');
			i += len;
			continue;
		}
		bool done = false;
		for (size_t e = 0; e < 5 && !done; e++) {
			size_t l = strlen(ent[e][0]);
			if (strncmp(s + i, ent[e][0], l) == 0) {
				rt_buf_addstr(out, ent[e][1]);
				i += l;
				done = true;
			}
		}
		if (!done) rt_buf_addch(out, s[i++]);
	}
}

/* The text of the enclosing element <tag>…</tag> around the first
 * occurrence of `needle` (e.g. the <w:tr> that names an indicator). */
static void enclosing(const char *xml, const char *needle, const char *open, const char *close,
                      rt_buf *out)
{
	rt_buf_reset(out);
	const char *at = strstr(xml, needle);
	if (!at) fail_msg("not in the XML: %s", needle);
	const char *start = NULL;
	for (const char *p = xml; (p = strstr(p, open)) && p < at; p++) start = p;
	assert_non_null(start);
	const char *end = strstr(at, close);
	assert_non_null(end);
	end += strlen(close);
	docx_text(start, (size_t)(end - start), out);
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle)) fail_msg("missing \"%s\" in:\n%.2000s", needle, hay);
}

/* ---- DOCX ------------------------------------------------------------------ */

static void test_docx_package(void **state)
{
	struct fixture *f = *state;
	static const char *const parts[] = { "\\[Content_Types\\].xml", "_rels/.rels",
		"word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels",
		"word/header1.xml", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml" };
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		rt_buf b = RT_BUF_INIT;
		read_part(f->docx, parts[i], &b);
		assert_true(strncmp(b.buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"", 36) == 0);
		rt_buf_release(&b);
	}
	rt_buf ct = RT_BUF_INIT, rels = RT_BUF_INIT, core = RT_BUF_INIT, foot = RT_BUF_INIT;
	read_part(f->docx, "\\[Content_Types\\].xml", &ct);
	assert_contains(ct.buf, "PartName=\"/word/document.xml\" ContentType=\"application/"
	                        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"");
	read_part(f->docx, "_rels/.rels", &rels);
	assert_contains(rels.buf, "relationships/officeDocument\" Target=\"word/document.xml\"");
	/* A fixed date, never the time of writing. */
	read_part(f->docx, "docProps/core.xml", &core);
	assert_contains(core.buf, "<dc:title>Sammanställd måluppfyllelse per april 2021</dc:title>");
	assert_contains(core.buf, ">2000-01-01T00:00:00Z</dcterms:created>");
	read_part(f->docx, "word/footer1.xml", &foot);
	assert_contains(foot.buf, "w:instr=\" PAGE \"");
	rt_buf_release(&ct);
	rt_buf_release(&rels);
	rt_buf_release(&core);
	rt_buf_release(&foot);
}

static void test_docx_styles(void **state)
{
	struct fixture *f = *state;
	rt_buf st = RT_BUF_INIT;
	read_part(f->docx, "word/styles.xml", &st);
	/* Word's own heading styles with 0-based outline levels, and a font
	 * that has å ä ö and ● ◆ ■. */
	assert_contains(st.buf, "w:styleId=\"Title\"><w:name w:val=\"Title\"/>");
	assert_contains(st.buf, "w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>");
	assert_contains(st.buf, "w:styleId=\"Heading4\"><w:name w:val=\"heading 4\"/>");
	const char *h2 = strstr(st.buf, "w:styleId=\"Heading2\"");
	assert_non_null(h2);
	assert_true(strstr(h2, "<w:outlineLvl w:val=\"1\"/>") < strstr(h2, "</w:style>"));
	assert_contains(st.buf, "<w:rFonts w:ascii=\"DejaVu Sans\"");
	assert_contains(st.buf, "<w:lang w:val=\"sv-SE\"");
	rt_buf_release(&st);
}

static void test_docx_structure(void **state)
{
	struct fixture *f = *state;
	rt_buf doc = RT_BUF_INIT, t = RT_BUF_INIT;
	read_part(f->docx, "word/document.xml", &doc);
	/* board → goal area → goal as Heading1 → Heading2 → Heading3 */
	static const struct {
		const char *needle, *want;
	} paras[] = {
		{ "<w:pStyle w:val=\"Title\"/>", "Sammanställd måluppfyllelse per april 2021" },
		{ "<w:pStyle w:val=\"Heading1\"/><w:pageBreakBefore/>", "Regionstyrelsen" },
		{ "<w:pStyle w:val=\"Heading2\"/>", "Strategi för länets utveckling" },
		{ "<w:pStyle w:val=\"Heading3\"/>", "Regionalt ledarskap för tillväxt och utveckling" },
	};
	for (size_t i = 0; i < sizeof(paras) / sizeof(paras[0]); i++) {
		enclosing(doc.buf, paras[i].needle, "<w:p>", "</w:p>", &t);
		assert_string_equal(t.buf, paras[i].want);
	}
	/* the goal's assessed status follows its heading, shape and words */
	const char *h2 = strstr(doc.buf, "<w:pStyle w:val=\"Heading2\"/>");
	enclosing(h2, "<w:pStyle w:val=\"Status\"/>", "<w:p>", "</w:p>", &t);
	assert_string_equal(t.buf, "Status: ◆ Delvis uppfyllt");
	/* summary: 11 ●, 4 ◆, 20 ■, 1 without status (as the HTML) */
	enclosing(doc.buf, ">Regionstyrelsen</w:t>", "<w:tr>", "</w:tr>", &t);
	assert_string_equal(t.buf, "Regionstyrelsen|11|4|20|1|");
	rt_buf_release(&doc);
	rt_buf_release(&t);
}

static void test_docx_tables(void **state)
{
	struct fixture *f = *state;
	rt_buf doc = RT_BUF_INIT, t = RT_BUF_INIT;
	read_part(f->docx, "word/document.xml", &doc);
	/* seed 003: "■ Sjukfrånvaron … 5,4 % 4,6 %", no comment */
	enclosing(doc.buf, SJUK, "<w:tr>", "</w:tr>", &t);
	assert_string_equal(t.buf, SJUK "|5,4 %|4,6 %||■ Ej uppfyllt|");
	/* seed 003: "● Antal medarbetare som är uppkopplade … 466 336" */
	enclosing(doc.buf, UPPKOPPLADE, "<w:tr>", "</w:tr>", &t);
	assert_contains(t.buf, "|466|336||● Uppfyllt|");
	/* the indicator table's header row repeats on every page */
	enclosing(doc.buf, SJUK, "<w:tbl>", "</w:tbl>", &t);
	assert_true(strncmp(t.buf, "Mätetal|Utfall|Målvärde|Kommentar|Status|", 41) == 0);
	const char *tbl = strstr(doc.buf, "<w:tbl>");
	assert_non_null(tbl);
	assert_contains(tbl, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
	/* the activity table, dates on two lines */
	enclosing(doc.buf, APT, "<w:tbl>", "</w:tbl>", &t);
	assert_true(strncmp(t.buf, "Aktiviteter|Beskrivning|Start- och slutdatum|Kommentar|", 55) == 0);
	assert_contains(t.buf, "|2021-01-01\n2021-12-31|");
	/* a yearly indicator in tertial 1 whose ■ a person chose: both shown */
	enclosing(doc.buf, "Minskad energianvändning, mål för helår", "<w:tr>", "</w:tr>", &t);
	assert_contains(t.buf, "|203,5|Måts på helår.|■ Ej uppfyllt\nBeräknad status: Mäts helår|");
	rt_buf_release(&doc);
	rt_buf_release(&t);
}

/* ---- XLSX ------------------------------------------------------------------ */

/* The index of a shared string that is `text` (or starts with it), or -1. */
static long shared_index(const char *sst, const char *text, bool prefix)
{
	rt_buf want = RT_BUF_INIT;
	rt_buf_addf(&want, "<t>%s%s", text, prefix ? "" : "</t>");
	const char *at = strstr(sst, want.buf);
	rt_buf_release(&want);
	if (!at) return -1;
	long idx = -1;
	for (const char *p = sst; (p = strstr(p, "<si>")) && p < at; p++) idx++;
	return idx;
}

/* The <c …>…</c> (or empty <c …/>) element of a cell such as "B20". */
static void cell_xml(const char *sheet, const char *ref, rt_buf *out)
{
	rt_buf want = RT_BUF_INIT;
	rt_buf_addf(&want, "<c r=\"%s\"", ref);
	const char *at = strstr(sheet, want.buf);
	if (!at) fail_msg("no cell %s", ref);
	const char *gt = strchr(at, '>');
	assert_non_null(gt);
	const char *end = gt[-1] == '/' ? gt + 1 : strstr(gt, "</c>") + 4;
	rt_buf_add(out, at, (size_t)(end - at));
	rt_buf_release(&want);
}

/* How a cell of `sheet` holds the text `text` (or one starting with it) as
 * its value, into `out`: a shared string (t="s"><v>index</v></c>) or an
 * inline one (t="inlineStr"><is><t>text</t></is></c>, what libxlsxwriter's
 * constant_memory mode writes). Empty when no cell holds it. */
static void text_value(const char *sheet, const char *sst, const char *text, bool prefix,
                       rt_buf *out)
{
	rt_buf_reset(out);
	long idx = shared_index(sst, text, prefix);
	if (idx >= 0)
		rt_buf_addf(out, " t=\"s\"><v>%ld</v></c>", idx);
	else
		rt_buf_addf(out, " t=\"inlineStr\"><is><t>%s%s", text, prefix ? "" : "</t></is></c>");
	if (!strstr(sheet, out->buf)) rt_buf_reset(out);
}

/* The row of the cell in column A whose value is `value` (from text_value). */
static long row_of(const char *sheet, const char *value)
{
	const char *at = *value ? strstr(sheet, value) : NULL;
	if (!at) return -1;
	const char *c = at;
	while (c > sheet && strncmp(c, "<c r=\"A", 7) != 0) c--;
	return strtol(c + 7, NULL, 10);
}

/* Cell `col``row` holds a number (no string type), with `value`. */
static void assert_number(const char *sheet, char col, long row, const char *value)
{
	rt_buf ref = RT_BUF_INIT, c = RT_BUF_INIT;
	rt_buf_addf(&ref, "%c%ld", col, row);
	cell_xml(sheet, ref.buf, &c);
	if (strstr(c.buf, " t=\"") || !strstr(c.buf, " s=\"") || !strstr(c.buf, value))
		fail_msg("%s is not the formatted number %s: %s", ref.buf, value, c.buf);
	rt_buf_release(&ref);
	rt_buf_release(&c);
}

static void test_xlsx(void **state)
{
	struct fixture *f = *state;
	rt_buf wb = RT_BUF_INIT, sst = RT_BUF_INIT, sheet = RT_BUF_INIT, styles = RT_BUF_INIT,
	       core = RT_BUF_INIT, c = RT_BUF_INIT, ref = RT_BUF_INIT, val = RT_BUF_INIT;
	read_part(f->xlsx, "xl/workbook.xml", &wb);
	assert_contains(wb.buf, "<sheet name=\"Regionstyrelsen\" sheetId=\"1\"");
	read_part_if(f->xlsx, "xl/sharedStrings.xml", &sst);
	read_part(f->xlsx, "xl/worksheets/sheet1.xml", &sheet);
	read_part(f->xlsx, "xl/styles.xml", &styles);
	read_part(f->xlsx, "docProps/core.xml", &core);
	assert_contains(core.buf, ">2000-01-01T00:00:00Z</dcterms:created>");
	assert_contains(styles.buf, "<name val=\"DejaVu Sans\"/>");
	/* Printed: title rows on every page, A4 landscape one page wide; on
	 * screen the two title rows stay; goal titles merged over A:D. */
	assert_contains(wb.buf, "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">"
	                        "Regionstyrelsen!$1:$2</definedName>");
	assert_contains(sheet.buf, "<pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" "
	                           "state=\"frozen\"/>");
	assert_contains(sheet.buf, "<pageSetup paperSize=\"9\" fitToHeight=\"0\" "
	                           "orientation=\"landscape\"/>");
	assert_contains(sheet.buf, "<mergeCell ref=\"A4:D4\"/>");

	/* Sjukfrånvaro: 5,4 % and 4,6 % as the numbers 5.4 and 4.6 with a
	 * Swedish-locale percent format, ■ Ej uppfyllt as text beside them. */
	text_value(sheet.buf, sst.buf, SJUK, false, &val);
	long row = row_of(sheet.buf, val.buf);
	assert_true(row > 2);
	assert_number(sheet.buf, 'B', row, "<v>5.4</v>");
	assert_number(sheet.buf, 'C', row, "<v>4.6</v>");
	assert_contains(styles.buf, "formatCode=\"[$-41D]#,##0.0&quot; %&quot;\"");
	rt_buf_addf(&ref, "E%ld", row);
	cell_xml(sheet.buf, ref.buf, &c);
	text_value(sheet.buf, sst.buf, "■ Ej uppfyllt", false, &val);
	assert_true(val.len > 0);
	assert_contains(c.buf, val.buf);

	/* 466 uppkopplade against 336: plain integers, ● Uppfyllt */
	text_value(sheet.buf, sst.buf, UPPKOPPLADE, true, &val);
	row = row_of(sheet.buf, val.buf);
	assert_true(row > 2);
	assert_number(sheet.buf, 'B', row, "<v>466</v>");
	assert_number(sheet.buf, 'C', row, "<v>336</v>");
	text_value(sheet.buf, sst.buf, "● Uppfyllt", false, &val);
	assert_true(val.len > 0);
	text_value(sheet.buf, sst.buf, "◆ Delvis uppfyllt", false, &val);
	assert_true(val.len > 0);

	rt_buf *all[] = { &wb, &sst, &sheet, &styles, &core, &c, &ref, &val };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) rt_buf_release(all[i]);
}

/* ---- HTML ------------------------------------------------------------------------ */

/* The HTML (followup_html.c): the seed's row with symbol + words, the
 * charts' CSS and shared markers once per document, and a chart in the
 * row of an indicator with two periods in its compact form (classes, no
 * style attributes), with every value in its accessible name; the same
 * model gives the same bytes. The demo has one period, so the second
 * outcome is put into the model by hand. */
static bool once(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);
	return p && !strstr(p + 1, needle);
}

static void test_html(void **state)
{
	struct fixture *f = *state;
	struct rt_report_indicator *sjuk = NULL;
	for (size_t s = 0; s < f->r.n_sections; s++)
		for (size_t g = 0; g < f->r.sections[s].n_goals; g++)
			for (size_t i = 0; i < f->r.sections[s].goals[g].n_indicators; i++)
				if (!strcmp(f->r.sections[s].goals[g].indicators[i].name, SJUK))
					sjuk = &f->r.sections[s].goals[g].indicators[i];
	assert_non_null(sjuk);
	struct rt_report_indicator kept = *sjuk;
	static const char *labels[] = { "2020-T3", "2021-T1" };
	static const double values[] = { 5.9, 5.4 }, targets[] = { 4.6, 4.6 };
	sjuk->n_trend = 2;
	sjuk->trend_labels = labels;
	sjuk->trend_values = values;
	sjuk->trend_targets = targets;
	rt_buf h = RT_BUF_INIT, again = RT_BUF_INIT;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_report_html(&f->r, &h, &err), 0);
	assert_int_equal(rt_report_html(&f->r, &again, &err), 0);
	*sjuk = kept;
	assert_int_equal(h.len, again.len);
	assert_memory_equal(h.buf, again.buf, h.len);

	const char *row = strstr(h.buf, "<tr><td><span class=\"status status-not-achieved\">"
	                                 "<span aria-hidden=\"true\">■</span> Ej uppfyllt</span>"
	                                 "<span class=\"ind-name\">" SJUK "</span>");
	assert_non_null(row);
	const char *row_end = strstr(row, "</tr>");
	assert_non_null(strstr(row, "<td class=\"num\">5,4 %</td><td class=\"num\">4,6 %</td>"));
	/* the markers and the chart CSS once, before the first chart */
	assert_true(once(h.buf, "<svg class=\"trend-defs\""));
	assert_true(once(h.buf, "<marker id=\"rt-trend-dot\""));
	assert_true(once(h.buf, "svg.trend .outcome{"));
	const char *defs = strstr(h.buf, "<svg class=\"trend-defs\"");
	assert_true(defs < strstr(h.buf, "<header>"));
	/* one chart, in the row, compact */
	const char *svg = strstr(h.buf, "<svg class=\"trend\"");
	assert_non_null(svg);
	assert_true(svg > row && svg < row_end);
	assert_true(once(h.buf, "<svg class=\"trend\""));
	const char *svg_end = strstr(svg, "</svg>");
	assert_non_null(strstr(svg, "aria-label=\"Trend för " SJUK ". Utfall 2020-T3: 5,9 %; "
	                            "2021-T1: 5,4 %. Målvärde 4,6 %.\""));
	const char *outcome = strstr(svg, "<polyline class=\"outcome\" points=\"");
	const char *target = strstr(svg, "<polyline class=\"target\" points=\"");
	assert_true(outcome && outcome < svg_end && target && target < svg_end);
	const char *style = strstr(svg, "stroke=");
	assert_true(!style || style > svg_end);
	assert_true(strstr(svg, ">Utfall</text>") < svg_end);
	assert_true(strstr(svg, ">Målvärde</text>") < svg_end);
	assert_true(strstr(svg, ">2020-T3</text>") < svg_end);
	rt_buf_release(&h);
	rt_buf_release(&again);
}

/* ---- determinism and failures ------------------------------------------------ */

static void test_byte_identical(void **state)
{
	struct fixture *f = *state;
	char *docx = rt_test_tmp_path("again.docx"), *xlsx = rt_test_tmp_path("again.xlsx");
	rt_err err = RT_ERR_INIT;
	sleep(2);  /* zip times have 2 s resolution: a clock in the output would show */
	assert_int_equal(rt_report_docx(&f->r, docx, &err), 0);
	assert_int_equal(rt_report_xlsx(&f->r, xlsx, &err), 0);
	const char *pairs[][2] = { { f->docx, docx }, { f->xlsx, xlsx } };
	for (size_t i = 0; i < 2; i++) {
		rt_buf a = RT_BUF_INIT, b = RT_BUF_INIT;
		read_file(pairs[i][0], &a);
		read_file(pairs[i][1], &b);
		assert_true(a.len > 1000);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.buf, b.buf, a.len);
		rt_buf_release(&a);
		rt_buf_release(&b);
	}
	unlink(docx);
	unlink(xlsx);
	free(docx);
	free(xlsx);
}

static void test_missing_directory(void **state)
{
	struct fixture *f = *state;
	char *dir = rt_test_tmp_path("no-such-dir");
	int (*const writers[])(const struct rt_followup_report *, const char *, rt_err *) = {
		rt_report_docx, rt_report_xlsx };
	const char *names[] = { "r.docx", "r.xlsx" };
	for (size_t i = 0; i < 2; i++) {
		rt_buf path = RT_BUF_INIT, tmp = RT_BUF_INIT, msg = RT_BUF_INIT;
		rt_buf_addf(&path, "%s/%s", dir, names[i]);
		rt_buf_addf(&tmp, "%s.tmp", path.buf);
		rt_buf_addf(&msg, "Kan inte skriva %s: katalogen finns inte", path.buf);
		rt_err err = RT_ERR_INIT;
		assert_int_equal(writers[i](&f->r, path.buf, &err), RT_EIO);
		assert_string_equal(err.msg, msg.buf);
		struct stat st;
		assert_int_not_equal(stat(dir, &st), 0);
		assert_int_not_equal(stat(path.buf, &st), 0);
		assert_int_not_equal(stat(tmp.buf, &st), 0);
		rt_buf_release(&path);
		rt_buf_release(&tmp);
		rt_buf_release(&msg);
	}
	free(dir);
}

/* A scope without follow-up still gives a valid document that says so. */
static void test_empty_report(void **state)
{
	struct fixture *f = *state;
	struct rt_followup_report r;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_followup_report_build(f->s, "2021-T1", "rjh-rf", &r, &err), 0);
	assert_int_equal(r.n_sections, 0);
	char *docx = rt_test_tmp_path("empty.docx"), *xlsx = rt_test_tmp_path("empty.xlsx");
	assert_int_equal(rt_report_docx(&r, docx, &err), 0);
	assert_int_equal(rt_report_xlsx(&r, xlsx, &err), 0);
	rt_buf doc = RT_BUF_INIT, sst = RT_BUF_INIT, sheet = RT_BUF_INIT, val = RT_BUF_INIT;
	read_part(docx, "word/document.xml", &doc);
	assert_contains(doc.buf, ">Ingen uppföljning i urvalet.</w:t>");
	assert_contains(doc.buf, "<w:sectPr>");
	read_part_if(xlsx, "xl/sharedStrings.xml", &sst);
	read_part(xlsx, "xl/worksheets/sheet1.xml", &sheet);
	text_value(sheet.buf, sst.buf, "Ingen uppföljning i urvalet.", false, &val);
	assert_int_equal(row_of(sheet.buf, val.buf), 1);
	rt_buf_release(&doc);
	rt_buf_release(&sst);
	rt_buf_release(&sheet);
	rt_buf_release(&val);
	unlink(docx);
	unlink(xlsx);
	free(docx);
	free(xlsx);
	rt_followup_report_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docx_package),
		cmocka_unit_test(test_docx_styles),
		cmocka_unit_test(test_docx_structure),
		cmocka_unit_test(test_docx_tables),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_byte_identical),
		cmocka_unit_test(test_missing_directory),
		cmocka_unit_test(test_empty_report),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
