/* Tests of the SpreadsheetML writer (src/report/xlsx_writer.c) on a small
 * workbook read back with libzip: shared strings (one entry per distinct
 * text, XML and Excel's _xHHHH_ escapes, kept spaces), numbers as the
 * shortest text that reads back exactly, styles and number formats shared,
 * merges, row heights, frozen rows, print titles with an apostrophe in the
 * sheet name, and the same calls giving the same bytes. The report's own
 * XLSX is tested in test_report_formats.c. */
#include "test_util.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "report/xlsx_writer.h"

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle)) fail_msg("missing \"%s\" in:\n%.3000s", needle, hay);
}

/* One part of the zip in `zipbuf` into out (NUL-terminated). */
static void part(const rt_buf *zipbuf, const char *name, rt_buf *out)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(zipbuf->buf, zipbuf->len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	assert_non_null(z);
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f) fail_msg("no part %s", name);
	char chunk[4096];
	zip_int64_t n;
	rt_buf_reset(out);
	while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0) rt_buf_add(out, chunk, (size_t)n);
	zip_fclose(f);
	zip_close(z);
	zip_error_fini(&ze);
}

/* The small workbook every test reads: two sheets. */
static void build(rt_buf *out, unsigned *styles)
{
	rt_xlsx *x = rt_xlsx_new("DejaVu Sans");
	unsigned bold = rt_xlsx_style(x, &(struct rt_xlsx_style){ .bold = true, .size = 13 });
	unsigned cell = rt_xlsx_style(x, &(struct rt_xlsx_style){ .border = true, .wrap = true,
	                                                          .top = true, .size = 10 });
	unsigned pct = rt_xlsx_style(x, &(struct rt_xlsx_style){ .border = true, .size = 10,
	                                                         .num_format = "[$-41D]#,##0.0\" %\"" });
	unsigned pct2 = rt_xlsx_style(x, &(struct rt_xlsx_style){ .border = true, .size = 10,
	                                                          .num_format = "[$-41D]#,##0.0\" %\"" });
	unsigned ind = rt_xlsx_style(x, &(struct rt_xlsx_style){ .bold = true, .indent = 2, .grey = true,
	                                                         .top = true, .size = 10 });
	if (styles) {
		styles[0] = bold, styles[1] = cell, styles[2] = pct, styles[3] = pct2, styles[4] = ind;
	}
	double widths[] = { 50, 13 };
	struct rt_xlsx_sheet_setup setup = { .col_widths = widths, .n_cols = 2, .freeze_rows = 2,
	                                     .repeat_rows = 2, .landscape = true };
	rt_xlsx_sheet(x, "Hälso- och sjukvårdsnämnden", &setup);
	rt_xlsx_row(x, 0, 21);
	rt_xlsx_text(x, 0, "Rubrik & <titel> \"citat\"", bold);
	rt_xlsx_row(x, 2, 0);
	rt_xlsx_text(x, 0, "■ Ej uppfyllt", cell);
	rt_xlsx_number(x, 1, 5.4, pct);
	rt_xlsx_number(x, 2, 26151, 0);
	rt_xlsx_number(x, 3, -0.5, 0);
	rt_xlsx_number(x, 4, 68.6, 0);
	rt_xlsx_number(x, 5, 0.1 + 0.2, 0);
	rt_xlsx_row(x, 3, 45);
	rt_xlsx_text(x, 0, "■ Ej uppfyllt", cell);
	rt_xlsx_text(x, 1, " två rader\nmed ett\ttab ", cell);
	rt_xlsx_blank(x, 2, cell);
	rt_xlsx_merge(x, 1, 2);
	rt_xlsx_text(x, 27, "styr\x01tecken och _x0041_", ind);
	rt_xlsx_text(x, 28, "", cell);
	rt_xlsx_sheet(x, "Kvinnors 'hälsa' och mäns", &setup);
	rt_xlsx_row(x, 0, 0);
	rt_xlsx_text(x, 0, "Rubrik & <titel> \"citat\"", bold);
	struct rt_xlsx_props props = { .title = "Titel & mer", .author = "Rödtråd",
	                               .created = 946684800 };
	assert_int_equal(rt_xlsx_finish(x, &props, out), 0);
	rt_xlsx_free(x);
}

static void test_shared_strings(void **state)
{
	(void)state;
	rt_buf zip = RT_BUF_INIT, sst = RT_BUF_INIT, sheet = RT_BUF_INIT;
	build(&zip, NULL);
	part(&zip, "xl/sharedStrings.xml", &sst);
	/* 6 cells with text, 4 distinct texts, in order of first use */
	assert_contains(sst.buf, "count=\"6\" uniqueCount=\"4\"><si><t>Rubrik &amp; &lt;titel&gt; "
	                         "\"citat\"</t></si><si><t>■ Ej uppfyllt</t></si><si><t "
	                         "xml:space=\"preserve\"> två rader\nmed ett\ttab </t></si>"
	                         "<si><t>styr_x0001_tecken och _x005F_x0041_</t></si></sst>");
	part(&zip, "xl/worksheets/sheet1.xml", &sheet);
	assert_contains(sheet.buf, "<row r=\"3\"><c r=\"A3\" s=\"2\" t=\"s\"><v>1</v></c>");
	assert_contains(sheet.buf, "<row r=\"4\" ht=\"45\" customHeight=\"1\"><c r=\"A4\" s=\"2\" "
	                           "t=\"s\"><v>1</v></c><c r=\"B4\" s=\"2\" t=\"s\"><v>2</v></c>"
	                           "<c r=\"C4\" s=\"2\"/><c r=\"AB4\" s=\"4\" t=\"s\"><v>3</v></c>"
	                           "<c r=\"AC4\" s=\"2\"/></row>");
	part(&zip, "xl/worksheets/sheet2.xml", &sheet);
	assert_contains(sheet.buf, "<c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c>");
	rt_buf_release(&zip);
	rt_buf_release(&sst);
	rt_buf_release(&sheet);
}

static void test_numbers_and_styles(void **state)
{
	(void)state;
	rt_buf zip = RT_BUF_INIT, sheet = RT_BUF_INIT, styles = RT_BUF_INIT;
	unsigned st[5];
	build(&zip, st);
	assert_int_equal(st[0], 1);
	assert_int_equal(st[2], st[3]);           /* the same style twice: one xf */
	assert_int_equal(st[4], 4);
	part(&zip, "xl/worksheets/sheet1.xml", &sheet);
	/* numbers as numbers, the shortest text that reads back as the double */
	assert_contains(sheet.buf, "<c r=\"B3\" s=\"3\"><v>5.4</v></c><c r=\"C3\"><v>26151</v></c>"
	                           "<c r=\"D3\"><v>-0.5</v></c><c r=\"E3\"><v>68.6</v></c>"
	                           "<c r=\"F3\"><v>0.30000000000000004</v></c>");
	part(&zip, "xl/styles.xml", &styles);
	assert_contains(styles.buf, "<numFmts count=\"1\"><numFmt numFmtId=\"164\" "
	                            "formatCode=\"[$-41D]#,##0.0&quot; %&quot;\"/></numFmts>");
	assert_contains(styles.buf, "<font><b/><sz val=\"13\"/><name val=\"DejaVu Sans\"/>");
	assert_contains(styles.buf, "<cellXfs count=\"5\">");
	assert_contains(styles.buf, "<xf numFmtId=\"164\" fontId=\"2\" fillId=\"0\" borderId=\"1\" "
	                            "xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" "
	                            "applyBorder=\"1\"/>");
	assert_contains(styles.buf, "fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" "
	                            "applyFill=\"1\" applyAlignment=\"1\"><alignment "
	                            "horizontal=\"left\" vertical=\"top\" indent=\"2\"/></xf>");
	rt_buf_release(&zip);
	rt_buf_release(&sheet);
	rt_buf_release(&styles);
}

static void test_sheet_setup(void **state)
{
	(void)state;
	rt_buf zip = RT_BUF_INIT, b = RT_BUF_INIT;
	build(&zip, NULL);
	part(&zip, "xl/worksheets/sheet1.xml", &b);
	assert_contains(b.buf, "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
	                       "<dimension ref=\"A1:AC4\"/><sheetViews><sheetView tabSelected=\"1\" "
	                       "workbookViewId=\"0\"><pane ySplit=\"2\" topLeftCell=\"A3\" "
	                       "activePane=\"bottomLeft\" state=\"frozen\"/>");
	assert_contains(b.buf, "<col min=\"1\" max=\"1\" width=\"50.7109375\" customWidth=\"1\"/>"
	                       "<col min=\"2\" max=\"2\" width=\"13.7109375\" customWidth=\"1\"/>");
	assert_contains(b.buf, "<row r=\"1\" ht=\"21\" customHeight=\"1\">");
	assert_contains(b.buf, "<mergeCells count=\"1\"><mergeCell ref=\"B4:C4\"/></mergeCells>");
	assert_contains(b.buf, "<pageSetup paperSize=\"9\" fitToHeight=\"0\" "
	                       "orientation=\"landscape\"/></worksheet>");
	part(&zip, "xl/worksheets/sheet2.xml", &b);
	assert_contains(b.buf, "<dimension ref=\"A1\"/><sheetViews><sheetView workbookViewId=\"0\">");
	assert_null(strstr(b.buf, "<mergeCells"));
	part(&zip, "xl/workbook.xml", &b);
	assert_contains(b.buf, "<sheet name=\"Hälso- och sjukvårdsnämnden\" sheetId=\"1\" r:id=\"rId1\"/>"
	                       "<sheet name=\"Kvinnors 'hälsa' och mäns\" sheetId=\"2\" r:id=\"rId2\"/>");
	assert_contains(b.buf, "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">"
	                       "'Hälso- och sjukvårdsnämnden'!$1:$2</definedName>");
	assert_contains(b.buf, "localSheetId=\"1\">'Kvinnors ''hälsa'' och mäns'!$1:$2</definedName>");
	part(&zip, "xl/_rels/workbook.xml.rels", &b);
	assert_contains(b.buf, "Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
	                       "2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/>");
	assert_contains(b.buf, "Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
	                       "2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
	part(&zip, "[Content_Types].xml", &b);
	assert_contains(b.buf, "<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\""
	                       "application/vnd.openxmlformats-officedocument.spreadsheetml."
	                       "worksheet+xml\"/>");
	part(&zip, "docProps/core.xml", &b);
	assert_contains(b.buf, "<dc:title>Titel &amp; mer</dc:title><dc:creator>Rödtråd</dc:creator>");
	assert_contains(b.buf, ">2000-01-01T00:00:00Z</dcterms:modified>");
	rt_buf_release(&zip);
	rt_buf_release(&b);
}

static void test_same_bytes(void **state)
{
	(void)state;
	rt_buf a = RT_BUF_INIT, b = RT_BUF_INIT;
	build(&a, NULL);
	build(&b, NULL);
	assert_true(a.len > 1000);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	rt_buf_release(&a);
	rt_buf_release(&b);
}

/* A workbook needs a sheet: finishing without one fails, nothing made. */
static void test_no_sheet(void **state)
{
	(void)state;
	rt_xlsx *x = rt_xlsx_new(NULL);
	rt_buf out = RT_BUF_INIT;
	struct rt_xlsx_props props = { .title = "t" };
	assert_int_equal(rt_xlsx_finish(x, &props, &out), -1);
	assert_int_equal(out.len, 0);
	rt_xlsx_free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_strings),
		cmocka_unit_test(test_numbers_and_styles),
		cmocka_unit_test(test_sheet_setup),
		cmocka_unit_test(test_same_bytes),
		cmocka_unit_test(test_no_sheet),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
