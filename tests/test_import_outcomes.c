/* rodtrad import outcomes (docs/import-outcomes.md) on the demo database:
 * CSV with every column, tab and comma files, decimal point files, a dry
 * run, an XLSX workbook written with libxlsxwriter (shared strings, number
 * cells, a date cell), and every error path — bad encoding, wrong
 * delimiter, unknown indicator, value of the wrong type, duplicate row,
 * empty file and more — each checked to leave the database byte-for-byte
 * as it was (rodtrad dump before and after). */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define SJUK "rjh-rs-2021-sjukfranvaro-ind"          /* lower, %, 4,6 %, utfall 5,4 % */
#define LEVERANTOR "rjh-rs-2021-leverantorstrohet"   /* higher, 95 % */
#define SAMARBETE "rjh-rs-2021-samarbetsproblem"     /* quantitative, 4,5 */

static char *db;

struct run {
	int code;
	rt_buf out, err;
};

static struct run run_argv(const char *const *argv)
{
	struct run r = { 0, RT_BUF_INIT, RT_BUF_INIT };
	r.code = rt_test_run(&r.out, &r.err, argv);
	return r;
}
#define RUN(...) run_argv((const char *const[]){ __VA_ARGS__, NULL })

static void expect(struct run r, int code, const char *want)
{
	const char *text = code ? r.err.buf : r.out.buf;
	if (r.code != code || !strstr(text ? text : "", want))
		fprintf(stderr, "exit %d (want %d, \"%s\")\nstdout:\n%s\nstderr:\n%s\n", r.code, code,
		        want, r.out.buf, r.err.buf);
	assert_int_equal(r.code, code);
	assert_non_null(strstr(text ? text : "", want));
	rt_buf_release(&r.out);
	rt_buf_release(&r.err);
}

static char *dump(void)
{
	struct run r = RUN("dump", "--db", db);
	assert_int_equal(r.code, 0);
	rt_buf_release(&r.err);
	return r.out.buf;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	db = rt_test_db("import_outcomes.db");
	expect(RUN("demo", db), 0, "");
	expect(RUN("period", "add", "2021-T2", "--db", db), 0, "");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(db);
	return 0;
}

static void test_csv(void **state)
{
	(void)state;
	char *csv = rt_test_tmp_path("utfall-alla.csv");
	static const char data[] =
		"\xEF\xBB\xBFIndikator;Period;Värde;Kön;Enhet;Kommentar\r\n"
		SJUK ";2021-T2;5,2 %;k;;Kvinnor\r\n"
		SJUK ";2021-T2;4,1 %;M;;\r\n"
		SJUK ";2021-T2;4,6 %;;;\"Totalt; alla\"\r\n";
	write_file(csv, data, sizeof(data) - 1);

	/* dry run: what would change, nothing written */
	char *before = dump();
	expect(RUN("import", "outcomes", csv, "--dry-run", "--db", db), 0,
	       "rad 2: nytt utfall " SJUK " 2021-T2 (kvinnor): 5,2 % ■\n"
	       "rad 3: nytt utfall " SJUK " 2021-T2 (män): 4,1 % ●\n"
	       "rad 4: nytt utfall " SJUK " 2021-T2: 4,6 % ●\n"
	       "Skulle läsa in från");
	char *after = dump();
	assert_string_equal(before, after);
	free(before);
	free(after);

	expect(RUN("import", "outcomes", csv, "--by", "HR", "--db", db), 0,
	       ": 3 rader\n  nya utfall:        3\n  rättade utfall:    0\n");
	expect(RUN("outcome", "history", "-i", SJUK, "-p", "2021-T2", "--gender", "k", "--db", db),
	       0, "Utfall:            5,2 %");
	expect(RUN("outcome", "history", "-i", SJUK, "-p", "2021-T2", "--db", db), 0,
	       "Kommentar:         Totalt; alla");

	/* tab-separated with decimal points (a machine export): a correction */
	static const char tab[] = "indicator\tperiod\tvalue\tgender\n" SJUK "\t2021-T2\t4.4\tm\n";
	write_file(csv, tab, sizeof(tab) - 1);
	expect(RUN("import", "outcomes", csv, "--db", db), 0, "  rättade utfall:    1\n");
	expect(RUN("outcome", "history", "-i", SJUK, "-p", "2021-T2", "--gender", "m", "--db", db),
	       0, "Utfall:            4,4\n");
	/* the old 4,1 % is kept as the earlier version */
	expect(RUN("outcome", "history", "-i", SJUK, "-p", "2021-T2", "--gender", "m", "--db", db),
	       0, "4,1 %");
	free(csv);
}

/* One audit row per imported file (entity import_batch) with the file's
 * SHA-256 and counts, no audit row per outcome, and the chain whole. */
static void test_audit_batch(void **state)
{
	(void)state;
	char *csv = rt_test_tmp_path("utfall-logg.csv");
	static const char data[] = "indikator;period;värde;kön\n" SAMARBETE ";2021-T2;4,2;t\n"
	                           LEVERANTOR ";2021-T2;97;k\n";
	write_file(csv, data, sizeof(data) - 1);
	struct run before = RUN("audit", "list", "--entity", "outcome", "--db", db);
	assert_int_equal(before.code, 0);
	expect(RUN("import", "outcomes", csv, "--db", db), 0,
	       ": 2 rader\n  nya utfall:        1\n  rättade utfall:    1\n");
	struct run r = RUN("audit", "list", "--entity", "import_batch", "--json", "--db", db);
	assert_int_equal(r.code, 0);
	/* sha256sum of the file's bytes */
	assert_non_null(strstr(r.out.buf, "\"sha256\": \"cfebde02219d8fc0"));
	assert_non_null(strstr(r.out.buf, "\"rows\": 2"));
	assert_non_null(strstr(r.out.buf, "\"inserted\": 1"));
	assert_non_null(strstr(r.out.buf, "\"updated\": 1"));
	assert_non_null(strstr(r.out.buf, "utfall-logg.csv"));
	rt_buf_release(&r.out);
	rt_buf_release(&r.err);
	/* no outcome rows were added to the log by the import */
	struct run after = RUN("audit", "list", "--entity", "outcome", "--db", db);
	assert_string_equal(before.out.buf ? before.out.buf : "", after.out.buf ? after.out.buf : "");
	rt_buf_release(&before.out);
	rt_buf_release(&before.err);
	rt_buf_release(&after.out);
	rt_buf_release(&after.err);
	expect(RUN("audit", "verify", "--db", db), 0, "kedjan av kontrollsummor stämmer");
	/* the correction's old value is the history's, the new one the outcome's */
	expect(RUN("outcome", "history", "-i", SAMARBETE, "-p", "2021-T2", "--db", db), 0,
	       "Utfall:            4,2\n");
	expect(RUN("outcome", "history", "-i", SAMARBETE, "-p", "2021-T2", "--db", db), 0, "4,6");
	free(csv);
}

/* Per-row trace (0011): import_row names, for each line of the file, the
 * outcome it wrote and for a correction the history row with the version
 * it replaced; the outcome row is the after image. */
static void test_trace(void **state)
{
	(void)state;
	char *csv = rt_test_tmp_path("utfall-spar.csv");
	static const char data[] = "indikator;period;värde;kön\n" LEVERANTOR ";2021-T2;98;m\n"
	                           SAMARBETE ";2021-T2;4,1;t\n";
	write_file(csv, data, sizeof(data) - 1);
	expect(RUN("import", "outcomes", csv, "--db", db), 0,
	       ": 2 rader\n  nya utfall:        1\n  rättade utfall:    1\n");
#define BATCH "r.batch_id = (SELECT max(id) FROM import_batch)"
	const struct { const char *sql, *want; } q[] = {
		{ "SELECT count(*) || ' ' || count(r.history_id) FROM import_row r WHERE " BATCH,
		  "2 1" },
		{ "SELECT o.text || ' ' || o.gender FROM import_row r JOIN outcome o "
		  "ON o.id = r.outcome_id WHERE " BATCH " AND r.line = 2 AND r.history_id IS NULL",
		  "98 men" },
		{ "SELECT h.text || ' -> ' || o.text FROM import_row r JOIN outcome o "
		  "ON o.id = r.outcome_id JOIN outcome_history h ON h.id = r.history_id "
		  "AND h.outcome_id = o.id WHERE " BATCH " AND r.line = 3", "4,2 -> 4,1" },
		{ "SELECT b.source FROM import_row r JOIN import_batch b ON b.id = r.batch_id "
		  "WHERE " BATCH " AND r.line = 3", csv },
	};
#undef BATCH
	for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		char *got = rt_test_sql_text(db, q[i].sql);
		if (!got || strcmp(got, q[i].want))
			fprintf(stderr, "%s\ngot '%s', want '%s'\n", q[i].sql, got ? got : "(null)",
			        q[i].want);
		assert_non_null(got);
		assert_string_equal(got, q[i].want);
		free(got);
	}
	expect(RUN("audit", "verify", "--db", db), 0, "kedjan av kontrollsummor stämmer");
	free(csv);
}

static void test_xlsx(void **state)
{
	(void)state;
	char *path = rt_test_tmp_path("utfall.xlsx");
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Utfall");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	const char *head[] = { "indikator", "period", "värde", "kön", "kommentar" };
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(ws, 1, 0, LEVERANTOR, NULL);
	worksheet_write_string(ws, 1, 1, "2021-T2", NULL);
	worksheet_write_number(ws, 1, 2, 96.5, NULL);       /* a number cell */
	lxw_datetime dt = { 2021, 8, 31, 0, 0, 0 };
	worksheet_write_datetime(ws, 1, 4, &dt, date);      /* a date cell */
	worksheet_write_string(ws, 2, 0, SAMARBETE, NULL);
	worksheet_write_string(ws, 2, 1, "2021-T2", NULL);
	worksheet_write_string(ws, 2, 2, "4,6", NULL);      /* a text cell, decimal comma */
	worksheet_write_string(ws, 2, 3, "t", NULL);
	worksheet_write_string(ws, 2, 4, "Från enkäten", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	expect(RUN("import", "outcomes", path, "--db", db), 0,
	       ": 2 rader\n  nya utfall:        2\n");
	expect(RUN("outcome", "history", "-i", LEVERANTOR, "-p", "2021-T2", "--db", db), 0,
	       "Utfall:            96,5\n");
	expect(RUN("outcome", "history", "-i", LEVERANTOR, "-p", "2021-T2", "--db", db), 0,
	       "Kommentar:         2021-08-31");
	expect(RUN("outcome", "history", "-i", SAMARBETE, "-p", "2021-T2", "--db", db), 0,
	       "Utfall:            4,6");

	/* an XLSX with a bad row: its sheet row number, nothing written */
	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, NULL);
	for (int c = 0; c < 3; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(ws, 1, 0, SJUK, NULL);
	worksheet_write_string(ws, 1, 1, "2021-T1", NULL);
	worksheet_write_number(ws, 1, 2, 3.3, NULL);
	worksheet_write_string(ws, 4, 0, "finns-inte", NULL);
	worksheet_write_string(ws, 4, 1, "2021-T1", NULL);
	worksheet_write_number(ws, 4, 2, 1, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	char *before = dump();
	expect(RUN("import", "outcomes", path, "--db", db), 1, "utfall.xlsx, rad 5: ");
	char *after = dump();
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(path);
}

/* Every refusal names the row and changes nothing. */
static void test_errors(void **state)
{
	(void)state;
	static const struct { const char *name, *data, *msg; size_t len; } cases[] = {
		{ "latin1.csv", "indikator;period;v\xe4rde\n" SJUK ";2021-T1;3 %\n",
		  "rad 1: filen är inte UTF-8 (byte 0xE4)", 0 },
		{ "latin1-late.csv", "indikator;period;värde;kommentar\n" SJUK ";2021-T1;3 %;ok\n"
		  SJUK ";2021-T2;3 %;f\xf6rb\xe4ttrat\n", "rad 3: filen är inte UTF-8", 0 },
		{ "pipe.csv", "indikator|period|värde\n" SJUK "|2021-T1|3 %\n",
		  "rad 1: hittar ingen avgränsare", 0 },
		{ "mixed.csv", "indikator;period;värde\n" SJUK ",2021-T1,3 %\n",
		  "rad 2: 1 fält men rubriken har 3", 0 },
		{ "unknown.csv", "indikator;period;värde\n" SJUK ";2021-T1;3 %\nfinns-inte;2021-T1;3\n",
		  "rad 3: ", 0 },
		{ "type.csv", "indikator;period;värde\n" SJUK ";2021-T1;3 %\n" SAMARBETE ";2021-T1;Ja\n",
		  "rad 3: Indikatorn är kvantitativ", 0 },
		{ "text.csv", "indikator;period;värde\n" SJUK ";2021-T1;mycket\n", "rad 2: ", 0 },
		{ "dup.csv", "indikator;period;värde;kön\n" SJUK ";2021-T1;3 %;k\n" SJUK
		  ";2021-T1;4 %;t\n" SJUK ";2021-T1;3,5 %;K\n",
		  "rad 4: samma indikator, period, kön och enhet som rad 2", 0 },
		{ "empty.csv", "", "empty.csv är tom", 0 },
		{ "blank.csv", "\xEF\xBB\xBF\r\n\r\n", "blank.csv är tom", 0 },
		{ "header.csv", "indikator;period;värde\n", "har inga rader med utfall", 0 },
		{ "decimals.csv", "indikator;period;värde\n" SJUK ";2021-T1;3,5 %\n" SJUK
		  ";2021-T2;3.5 %\n", "rad 3: värdet '3.5 %' har decimalpunkt men filen använder "
		  "decimalkomma", 0 },
		{ "gender.csv", "indikator;period;värde;kön\n" SJUK ";2021-T1;3 %;x\n",
		  "rad 2: okänt kön 'x'", 0 },
		{ "period.csv", "indikator;period;värde\n" SJUK ";2030-T1;3 %\n",
		  "rad 2: Perioden '2030-T1' finns inte", 0 },
		{ "broken.xlsx", "PK\x03\x04trasig", "ingen läsbar XLSX-arbetsbok", 10 },
		{ "nul.csv", "indikator;period;värde\n\0", "rad 2: filen innehåller en NUL-byte", 25 },
	};
	char *before = dump();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = rt_test_tmp_path(cases[i].name);
		write_file(path, cases[i].data, cases[i].len ? cases[i].len : strlen(cases[i].data));
		struct run r = RUN("import", "outcomes", path, "--db", db);
		if (r.code != 1 || !strstr(r.err.buf, cases[i].msg) ||
		    !strstr(r.err.buf, "ingenting är inläst"))
			fprintf(stderr, "%s: exit %d, want \"%s\" in:\n%s\n", cases[i].name, r.code,
			        cases[i].msg, r.err.buf);
		assert_int_equal(r.code, 1);
		assert_non_null(strstr(r.err.buf, cases[i].msg));
		assert_non_null(strstr(r.err.buf, "ingenting är inläst"));
		assert_int_equal(r.out.len, 0);
		rt_buf_release(&r.out);
		rt_buf_release(&r.err);
		char *after = dump();
		assert_string_equal(before, after);
		free(after);
		free(path);
	}
	free(before);
	expect(RUN("import", "outcomes", "/finns/inte.csv", "--db", db), 1,
	       "kan inte läsa '/finns/inte.csv'");
}

/* A file checked and written in pieces (here 2 rows a piece; 65 536 in
 * use): a row of a later piece corrects a stored outcome of an indicator
 * read with an earlier piece, a key repeated across pieces is refused, and
 * an error after pieces were written leaves the database as it was. */
static void test_pieces(void **state)
{
	(void)state;
	setenv("RODTRAD_IMPORT_TEST_PIECE_ROWS", "2", 1);
	char *csv = rt_test_tmp_path("utfall-bitar.csv");
	static const struct { const char *data, *msg; } bad[] = {
		{ "indikator;period;värde;kön\n" SJUK ";2021-T1;5 %;t\n" LEVERANTOR ";2021-T1;91 %;k\n"
		  SJUK ";2021-T1;6 %;\n", "rad 4: samma indikator, period, kön och enhet som rad 2" },
		{ "indikator;period;värde;kön\n" SJUK ";2021-T1;5 %;k\n" LEVERANTOR ";2021-T1;91 %;k\n"
		  SAMARBETE ";2021-T1;4,3;k\n" SJUK ";2021-T1;5,2 %;t\n" SAMARBETE ";2021-T1;Ja;m\n",
		  "rad 6: Indikatorn är kvantitativ" },
		{ "indikator;period;värde;kön\n" SJUK ";2021-T1;5 %;k\n" LEVERANTOR ";2021-T1;91 %;k\n"
		  SJUK ";2021-T1\n", "rad 4: 2 fält men rubriken har 4" },
	};
	char *before = dump();
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_file(csv, bad[i].data, strlen(bad[i].data));
		expect(RUN("import", "outcomes", csv, "--db", db), 1, bad[i].msg);
		char *after = dump();
		assert_string_equal(before, after);
		free(after);
	}
	static const char good[] = "indikator;period;värde;kön\n" SJUK ";2021-T1;5,1 %;k\n"
	                           LEVERANTOR ";2021-T1;91 %;k\n" SAMARBETE ";2021-T1;4,3;k\n"
	                           SJUK ";2021-T1;5,2 %;t\n";
	write_file(csv, good, sizeof(good) - 1);
	expect(RUN("import", "outcomes", csv, "--dry-run", "--db", db), 0,
	       "rad 5: rättar " SJUK " 2021-T1: 5,2 %");
	char *after = dump();
	assert_string_equal(before, after);
	free(after);
	free(before);
	expect(RUN("import", "outcomes", csv, "--db", db), 0,
	       ": 4 rader\n  nya utfall:        3\n  rättade utfall:    1\n");
	expect(RUN("outcome", "history", "-i", SJUK, "-p", "2021-T1", "--db", db), 0,
	       "Utfall:            5,2 %");
	expect(RUN("outcome", "history", "-i", SJUK, "-p", "2021-T1", "--db", db), 0, "5,4 %");
	expect(RUN("outcome", "history", "-i", SAMARBETE, "-p", "2021-T1", "--gender", "k", "--db",
	           db), 0, "Utfall:            4,3");
	unsetenv("RODTRAD_IMPORT_TEST_PIECE_ROWS");
	free(csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_audit_batch),
		cmocka_unit_test(test_trace),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_pieces),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
