/* Integration tests of the follow-up data entry commands: `period add/list`,
 * `outcome set/history/import` and `activity status`, run as the real binary
 * on a fresh demo database. Values are seed 003's (Regionstyrelsen, per
 * april 2021, data/demo/2-jamtland-harjedalen-uppfoljning-2021.json); every
 * refusal is checked to leave the database as it was, by comparing the
 * outcome's full history before and after. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------ */

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

static void run_release(struct run *r)
{
	rt_buf_release(&r->out);
	rt_buf_release(&r->err);
}

#define EXPECT_CODE(r, want)                                                              \
	do {                                                                              \
		if ((r).code != (want))                                                   \
			fprintf(stderr, "exit %d\nstdout:\n%s\nstderr:\n%s\n", (r).code,  \
			        (r).out.buf, (r).err.buf);                                \
		assert_int_equal((r).code, (want));                                       \
	} while (0)

#define EXPECT_IN(text, s)                                                        \
	do {                                                                      \
		if (!strstr((text).buf, (s)))                                     \
			fprintf(stderr, "missing \"%s\" in:\n%s\n", (s), (text).buf); \
		assert_non_null(strstr((text).buf, (s)));                        \
	} while (0)

/* Runs argv and expects exit `code` and `want` in stdout (exit 0) or stderr. */
static void expect_run(int code, const char *want, const char *const *argv)
{
	struct run r = run_argv(argv);
	EXPECT_CODE(r, code);
	if (code == 0)
		EXPECT_IN(r.out, want);
	else
		EXPECT_IN(r.err, want);
	run_release(&r);
}

#define EXPECT_RUN(code, want, ...) \
	expect_run((code), (want), (const char *const[]){ __VA_ARGS__, NULL })

static char *db_path;

/* Seed-003 indicators of Regionstyrelsen VP 2021. */
#define SJUK "rjh-rs-2021-sjukfranvaro-ind"         /* lower, 4,6 %, utfall 5,4 % ■ */
#define SAMARBETE "rjh-rs-2021-samarbetsproblem"    /* higher, 4,5, utfall 4,46 ◆ */
#define LEVERANTOR "rjh-rs-2021-leverantorstrohet"  /* higher, 95 %, utfall 90 % ◆ */
#define ENERGI "rjh-rs-2021-energianvandning"       /* mäts helår, 203,5 kWh/m2 */
#define HALSA "rjh-rs-2021-index-halsoframjande"    /* higher, 4,65, utfall 4,67 ● */
#define AKTIVITET "rjh-rs-2021-diskriminering-akt-apt"

static int setup(void **state)
{
	(void)state;
	db_path = rt_test_db("cli-outcome.db");
	struct run r = RUN("demo", db_path);
	EXPECT_CODE(r, 0);
	run_release(&r);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(db_path);
	return 0;
}

/* The full history of one outcome as the command prints it: it covers every
 * version's value, status, reason, comment, author and time. */
static void history(const char *indicator, const char *period, rt_buf *out)
{
	struct run r = RUN("outcome", "history", "--indicator", indicator, "--period", period,
	                   "--db", db_path);
	rt_buf_addf(out, "exit %d\n%s%s", r.code, r.out.buf, r.err.buf);
	run_release(&r);
}

/* Runs a command that must fail with `code` and `msg` on stderr and leave the
 * history of (indicator, period) exactly as it was. */
static void refused(const char *indicator, const char *period, int code, const char *msg,
                    const char *const *argv)
{
	rt_buf before = RT_BUF_INIT, after = RT_BUF_INIT;
	history(indicator, period, &before);
	struct run r = run_argv(argv);
	EXPECT_CODE(r, code);
	EXPECT_IN(r.err, msg);
	assert_int_equal(r.out.len, 0);
	history(indicator, period, &after);
	assert_string_equal(before.buf, after.buf);
	run_release(&r);
	rt_buf_release(&before);
	rt_buf_release(&after);
}

#define REFUSED(ind, period, code, msg, ...) \
	refused((ind), (period), (code), (msg), (const char *const[]){ __VA_ARGS__, NULL })

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void ensure_period(const char *key)
{
	struct run r = RUN("period", "add", key, "--db", db_path);
	assert_true(r.code == 0 || strstr(r.err.buf, "finns redan"));
	run_release(&r);
}

/* The line of the compiled HTML report (2021-T1) that holds an indicator. */
static void report_row(const char *name_end, rt_buf *row)
{
	struct run r = RUN("report", "--period", "2021-T1", "--db", db_path);
	EXPECT_CODE(r, 0);
	const char *at = strstr(r.out.buf, name_end);
	assert_non_null(at);
	const char *start = at, *end = strchr(at, '\n');
	while (start > r.out.buf && start[-1] != '\n')
		start--;
	rt_buf_reset(row);
	rt_buf_add(row, start, end ? (size_t)(end - start) : strlen(start));
	run_release(&r);
}

/* ---- periods -------------------------------------------------------------- */

static void test_period_add_list(void **state)
{
	(void)state;
	struct run r = RUN("period", "add", "2021-t2", "--deadline", "2021-09-15", "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "Perioden 2021-T2 (Tertial 2, 2021-01-01 – 2021-08-31) är tillagd, "
	                 "sista rapporteringsdag 2021-09-15.");
	run_release(&r);
	EXPECT_RUN(0, "Perioden 2024-H1 (Halvår 1, 2024-01-01 – 2024-05-31) är tillagd.",
	           "period", "add", "2024-H1", "--db", db_path);
	EXPECT_RUN(0, "(Månad 2, 2024-02-01 – 2024-02-29)",
	           "period", "add", "2024-M02", "--db", db_path);

	r = RUN("period", "list", "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "Nyckel    Typ         Period                   Sista rapporteringsdag\n");
	EXPECT_IN(r.out, "2021-T1   Tertial 1   2021-01-01 – 2021-04-30  –\n");
	EXPECT_IN(r.out, "2021-T2   Tertial 2   2021-01-01 – 2021-08-31  2021-09-15\n");
	EXPECT_IN(r.out, "2024-H1   Halvår 1    2024-01-01 – 2024-05-31  –\n");
	run_release(&r);

	EXPECT_RUN(1, "perioden 2021-T2 finns redan", "period", "add", "2021-T2", "--db", db_path);
	EXPECT_RUN(1, "Ogiltig periodnyckel '2021-T4'",
	           "period", "add", "2021-T4", "--db", db_path);
	EXPECT_RUN(1, "sista rapporteringsdag 2021-06-01 ligger före periodens slut 2021-12-31",
	           "period", "add", "2021-T3", "--deadline", "2021-06-01", "--db", db_path);
	EXPECT_RUN(1, "2022-02-30",
	           "period", "add", "2021-T3", "--deadline", "2022-02-30", "--db", db_path);
	/* neither refusal added the period */
	r = RUN("period", "list", "--db", db_path);
	assert_null(strstr(r.out.buf, "2021-T3"));
	run_release(&r);
}

/* ---- outcome set / history ----------------------------------------------- */

static void test_set_correct_history(void **state)
{
	(void)state;
	/* the demo holds seed 003's 5,4 %: entering it again is a correction */
	struct run r = RUN("outcome", "set", "--indicator", SJUK, "--period", "2021-T1", "5,4 %",
	                   "--by", "Anna Planerare", "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "Utfallet är rättat: Sjukfrånvaron ska vara lägre än utsatt målvärde, "
	                 "2021-T1\n");
	EXPECT_IN(r.out, "  Utfall:            5,4 %\n");
	EXPECT_IN(r.out, "  Målvärde:          4,6 %\n");
	EXPECT_IN(r.out, "  Status:            ■ Ej uppfyllt – Målvärdet är inte nått\n");
	run_release(&r);

	r = RUN("outcome", "set", "-i", SJUK, "-p", "2021-T1", "4,9 %", "--comment",
	        "Rättad efter ny körning i HR-systemet", "--by", "Anna Planerare", "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "  Utfall:            4,9 %\n");
	EXPECT_IN(r.out, "  Status:            ◆ Delvis uppfyllt – Inom toleransen\n");
	EXPECT_IN(r.out, "  Kommentar:         Rättad efter ny körning i HR-systemet\n");
	EXPECT_IN(r.out, "Den tidigare versionen finns i historiken");
	run_release(&r);

	r = RUN("outcome", "history", "--indicator", SJUK, "--period", "2021-T1", "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "3 versioner, äldst först");
	const char *v1 = strstr(r.out.buf, "Version 1 (ersatt ");
	const char *v2 = strstr(r.out.buf, "Version 2 (ersatt ");
	const char *v3 = strstr(r.out.buf, "Version 3 (gällande)");
	assert_non_null(v1);
	assert_non_null(v2);
	assert_non_null(v3);
	assert_true(v1 < v2 && v2 < v3);
	/* version 1 is the demo's row: chosen by the region, never computed */
	assert_non_null(strstr(v1, "Utfall:            5,4 %"));
	assert_non_null(strstr(v1, "Beräknad status:   ej beräknad (inläst)"));
	assert_true(strstr(v1, "Beräknad status:   ej beräknad") < v2);
	assert_non_null(strstr(v2, "Status:            ■ Ej uppfyllt"));
	assert_non_null(strstr(v2, "Inmatat:           Anna Planerare, 20"));
	assert_non_null(strstr(v3, "Utfall:            4,9 %"));
	assert_non_null(strstr(v3, "Status:            ◆ Delvis uppfyllt"));
	assert_non_null(strstr(v3, "Kommentar:         Rättad efter ny körning i HR-systemet"));
	run_release(&r);

	/* a correction without --comment keeps the comment */
	r = RUN("outcome", "set", "-i", SJUK, "-p", "2021-T1", "4,8", "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "  Utfall:            4,8\n");
	EXPECT_IN(r.out, "  Kommentar:         Rättad efter ny körning i HR-systemet\n");
	run_release(&r);

	/* a new outcome in a new period */
	ensure_period("2021-T2");
	r = RUN("outcome", "set", "-i", HALSA, "-p", "2021-T2", "4,70", "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "Utfallet är sparat: Arbetsmiljöenkät");
	EXPECT_IN(r.out, "  Målvärde:          4,65\n");
	EXPECT_IN(r.out, "  Status:            ● Uppfyllt – Målvärdet är nått\n");
	assert_null(strstr(r.out.buf, "historiken"));
	run_release(&r);
	r = RUN("outcome", "history", "-i", HALSA, "-p", "2021-T2", "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, ": 1 version\n");
	EXPECT_IN(r.out, "Version 1 (gällande)");
	run_release(&r);

	/* a women's row and an org unit's row are outcomes of their own */
	EXPECT_RUN(0, "Utfallet är sparat: Sjukfrånvaron", "outcome", "set", "-i", SJUK, "-p",
	           "2021-T1", "5,9 %", "--gender", "k", "--db", db_path);
	EXPECT_RUN(0, "Utfallet är sparat: Sjukfrånvaron", "outcome", "set", "-i", SJUK, "-p",
	           "2021-T1", "4,1 %", "--org", "rjh-rs", "--gender", "m", "--db", db_path);
	r = RUN("outcome", "history", "-i", SJUK, "-p", "2021-T1", "--gender", "kvinnor", "--db",
	        db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, ": 1 version\n");
	EXPECT_IN(r.out, "Utfall:            5,9 %");
	run_release(&r);
	EXPECT_RUN(1, "Det finns inget utfall för '" SJUK "' i 2021-T1", "outcome", "history", "-i",
	           SJUK, "-p", "2021-T1", "--org", "rjh-rs", "--db", db_path);
	r = RUN("outcome", "history", "-i", SJUK, "-p", "2021-T1", "--db", db_path);
	EXPECT_IN(r.out, "Utfall:            4,8");   /* the total is untouched */
	assert_null(strstr(r.out.buf, "5,9 %"));
	run_release(&r);

	/* a yearly indicator: a comment alone in T1 shows "Mäts helår" */
	r = RUN("outcome", "set", "-i", ENERGI, "-p", "2021-T1", "--comment", "Mäts helår",
	        "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "  Utfall:            –\n");
	EXPECT_IN(r.out, "  Status:            – Mäts helår\n");
	run_release(&r);
	rt_buf row = RT_BUF_INIT;
	report_row("(Måts på övergripande nivå - verksamheterna bidrar med aktiviteter)</span>", &row);
	EXPECT_IN(row, "Mäts helår");
	rt_buf_release(&row);
}

static void test_override(void **state)
{
	(void)state;
	REFUSED(SAMARBETE, "2021-T1", 1,
	        "Den valda statusen (● Uppfyllt) skiljer sig från den beräknade (◆ Delvis "
	        "uppfyllt – Inom toleransen); en ändrad status kräver en motivering (--reason TEXT)",
	        "outcome", "set", "-i", SAMARBETE, "-p", "2021-T1", "4,46", "--status", "uppfyllt",
	        "--db", db_path);
	REFUSED(SAMARBETE, "2021-T1", 2, "ange även --status", "outcome", "set", "-i", SAMARBETE,
	        "-p", "2021-T1", "4,46", "--reason", "Avrundat", "--db", db_path);
	REFUSED(SAMARBETE, "2021-T1", 2, "Okänd status 'grön'", "outcome", "set", "-i", SAMARBETE,
	        "-p", "2021-T1", "4,46", "--status", "grön", "--reason", "x", "--db", db_path);

	struct run r = RUN("outcome", "set", "-i", SAMARBETE, "-p", "2021-T1", "4,46", "--status",
	                   "uppfyllt", "--reason", "4,46 avrundas till 4,5 i enkätens rapport",
	                   "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "  Vald status:       ● Uppfyllt\n");
	EXPECT_IN(r.out, "  Beräknad status:   ◆ Delvis uppfyllt – Inom toleransen\n");
	EXPECT_IN(r.out, "  Motivering:        4,46 avrundas till 4,5 i enkätens rapport\n");
	run_release(&r);
	r = RUN("outcome", "history", "-i", SAMARBETE, "-p", "2021-T1", "--db", db_path);
	const char *cur = strstr(r.out.buf, "(gällande)");
	assert_non_null(cur);
	assert_non_null(strstr(cur, "Vald status:       ● Uppfyllt"));
	assert_non_null(strstr(cur, "Beräknad status:   ◆ Delvis uppfyllt"));
	assert_non_null(strstr(cur, "Motivering:        4,46 avrundas till 4,5 i enkätens rapport"));
	run_release(&r);
	/* the compiled report shows the chosen status, the computed one and why */
	EXPECT_RUN(0, "Beräknad status: <span aria-hidden=\"true\">◆</span> Delvis uppfyllt</span>"
	           "<span class=\"computed\">Motivering: 4,46 avrundas till 4,5 i enkätens "
	           "rapport</span>",
	           "report", "--period", "2021-T1", "--db", db_path);

	/* a new value without --status drops the choice, and says so */
	r = RUN("outcome", "set", "-i", SAMARBETE, "-p", "2021-T1", "4,3", "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "  Status:            ◆ Delvis uppfyllt – Inom toleransen\n");
	EXPECT_IN(r.out, "Obs: den tidigare valda statusen (● Uppfyllt, motivering: 4,46 avrundas");
	run_release(&r);
}

static void test_bad_values(void **state)
{
	(void)state;
	REFUSED(SJUK, "2021-T1", 1, "Indikatorn är kvantitativ: utfallet ska vara ett tal",
	        "outcome", "set", "-i", SJUK, "-p", "2021-T1", "Ja", "--db", db_path);
	REFUSED(SJUK, "2021-T1", 1,
	        "Enheten 'kr' i utfallet '5 kr' passar inte indikatorn, som mäts i '%'",
	        "outcome", "set", "-i", SJUK, "-p", "2021-T1", "5 kr", "--db", db_path);
	REFUSED(SJUK, "2021-T1", 1, "Utfallet '5,4,3 %' kan inte tolkas", "outcome", "set", "-i",
	        SJUK, "-p", "2021-T1", "5,4,3 %", "--db", db_path);
	REFUSED(SJUK, "2021-T1", 1,
	        "Perioden '2021-T3' finns inte; lägg till den med 'rodtrad period add 2021-T3'",
	        "outcome", "set", "-i", SJUK, "-p", "2021-T3", "5 %", "--db", db_path);
	REFUSED(SJUK, "2021-T1", 1, "Det finns ingen indikator med id eller nyckel 'rjh-okand'",
	        "outcome", "set", "-i", "rjh-okand", "-p", "2021-T1", "5 %", "--db", db_path);
	REFUSED(ENERGI, "2021-T1", 1, "Indikatorn mäts helår och rapporteras inte i 2021-T1",
	        "outcome", "set", "-i", ENERGI, "-p", "2021-T1", "198,2 kWh/m2", "--db", db_path);
	REFUSED(SJUK, "2021-T1", 2, "okänt kön 'x'", "outcome", "set", "-i", SJUK, "-p", "2021-T1",
	        "5 %", "--gender", "x", "--db", db_path);
	REFUSED(SJUK, "2021-T1", 2, "ange --indicator och --period", "outcome", "set", "-i", SJUK,
	        "5 %", "--db", db_path);

	/* a qualitative indicator (Västernorrland VP 2024): only Ja/Delvis/Nej */
	ensure_period("2024");
	const char *qual = "rvn-rs-2024-gonv-proaktiv";
	struct run r = RUN("outcome", "set", "-i", qual, "-p", "2024", "Delvis", "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "  Status:            ◆ Delvis uppfyllt – Kvalitativ bedömning\n");
	run_release(&r);
	REFUSED(qual, "2024", 1, "Indikatorn är kvalitativ: utfallet ska vara Ja, Delvis eller Nej, "
	        "inte '75'", "outcome", "set", "-i", qual, "-p", "2024", "75", "--db", db_path);
	REFUSED(qual, "2024", 1, "Utfallet 'Kanske' är inte ett tal eller Ja/Delvis/Nej", "outcome",
	        "set", "-i", qual, "-p", "2024", "Kanske", "--db", db_path);
}

/* ---- CSV import ------------------------------------------------------------ */

static void test_import_good(void **state)
{
	(void)state;
	ensure_period("2021-T2");
	char *csv = rt_test_tmp_path("utfall-t2.csv");
	static const char data[] =
		"\xEF\xBB\xBFindikator;period;värde;kommentar\r\n"
		LEVERANTOR ";2021-T2;93 %;Fler avtal följs\r\n"
		"rjh-rs-2021-budgetefterlevnad;2021-T2;-12 000;\r\n"
		"\r\n"
		"rjh-rs-2021-privata-tandvard;2021-T2;25;\"Två nya vårdgivare; en har slutat\"\r\n";
	write_file(csv, data, sizeof(data) - 1);
	struct run r = RUN("outcome", "import", csv, "--by", "Ekonomienheten", "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, ": 3 rader\n");
	EXPECT_IN(r.out, "  nya utfall:        3\n");
	EXPECT_IN(r.out, "  rättade utfall:    0\n");
	run_release(&r);

	rt_buf h = RT_BUF_INIT;
	history(LEVERANTOR, "2021-T2", &h);
	EXPECT_IN(h, "Utfall:            93 %");
	EXPECT_IN(h, "Status:            ◆ Delvis uppfyllt");
	EXPECT_IN(h, "Kommentar:         Fler avtal följs");
	EXPECT_IN(h, "Inmatat:           Ekonomienheten, ");
	rt_buf_reset(&h);
	history("rjh-rs-2021-privata-tandvard", "2021-T2", &h);
	EXPECT_IN(h, "Utfall:            25");
	EXPECT_IN(h, "Kommentar:         Två nya vårdgivare; en har slutat");
	EXPECT_IN(h, "Status:            ◆ Delvis uppfyllt");
	rt_buf_reset(&h);

	/* ',' as delimiter, a decimal comma in quotes: a correction */
	static const char comma[] = "Indikator,Period,Värde\n" LEVERANTOR ",2021-T2,\"95,5 %\"\n";
	write_file(csv, comma, sizeof(comma) - 1);
	EXPECT_RUN(0, "  rättade utfall:    1\n",
	           "outcome", "import", csv, "--db", db_path);
	history(LEVERANTOR, "2021-T2", &h);
	EXPECT_IN(h, "2 versioner");
	EXPECT_IN(h, "Utfall:            95,5 %");
	EXPECT_IN(h, "Status:            ● Uppfyllt");
	EXPECT_IN(h, "Kommentar:         Fler avtal följs");
	rt_buf_release(&h);
	free(csv);
}

static void test_import_bad_row(void **state)
{
	(void)state;
	ensure_period("2021-T2");
	char *csv = rt_test_tmp_path("utfall-fel.csv");
	/* rows 2 and 3 are fine, row 4 is not: nothing may be written */
	static const char data[] =
		"indikator;period;värde;kommentar\n"
		SJUK ";2021-T1;3,9 %;Ska inte sparas\n"
		HALSA ";2021-T2;4,1;Ska inte heller sparas\n"
		SAMARBETE ";2021-T1;Ja;fel: kvantitativ\n";
	write_file(csv, data, sizeof(data) - 1);
	rt_buf b1 = RT_BUF_INIT, b2 = RT_BUF_INIT, a1 = RT_BUF_INIT, a2 = RT_BUF_INIT;
	history(SJUK, "2021-T1", &b1);
	history(HALSA, "2021-T2", &b2);
	struct run r = RUN("outcome", "import", csv, "--db", db_path);
	EXPECT_CODE(r, 1);
	EXPECT_IN(r.err, "utfall-fel.csv, rad 4: Indikatorn är kvantitativ");
	EXPECT_IN(r.err, "ingenting är inläst");
	assert_int_equal(r.out.len, 0);
	run_release(&r);
	history(SJUK, "2021-T1", &a1);
	history(HALSA, "2021-T2", &a2);
	assert_string_equal(b1.buf, a1.buf);
	assert_string_equal(b2.buf, a2.buf);
	assert_null(strstr(a1.buf, "Ska inte sparas"));

	/* an unknown period and a wrong field count name their rows too */
	static const char period[] = "indikator;period;värde\n" SJUK ";2021-T1;4 %\n"
	                             SJUK ";2030-T1;4 %\n";
	write_file(csv, period, sizeof(period) - 1);
	EXPECT_RUN(1, "rad 3: Perioden '2030-T1' finns inte",
	           "outcome", "import", csv, "--db", db_path);
	static const char fields[] = "indikator,period,värde\n" SJUK ",2021-T1,5,4 %\n";
	write_file(csv, fields, sizeof(fields) - 1);
	EXPECT_RUN(1, "rad 2: 4 fält men rubriken har 3",
	           "outcome", "import", csv, "--db", db_path);
	static const char header[] = "indikator;värde\n" SJUK ";4 %\n";
	write_file(csv, header, sizeof(header) - 1);
	EXPECT_RUN(1, "rad 1: kolumnen 'period' saknas",
	           "outcome", "import", csv, "--db", db_path);
	rt_buf_reset(&a1);
	history(SJUK, "2021-T1", &a1);
	assert_string_equal(b1.buf, a1.buf);

	rt_buf_release(&b1);
	rt_buf_release(&b2);
	rt_buf_release(&a1);
	rt_buf_release(&a2);
	free(csv);
}

static void test_import_not_utf8(void **state)
{
	(void)state;
	char *csv = rt_test_tmp_path("utfall-latin1.csv");
	rt_buf before = RT_BUF_INIT, after = RT_BUF_INIT;
	history(SJUK, "2021-T1", &before);
	/* Windows-1252 header ("v\xe4rde"): refused on line 1 */
	static const char latin1[] = "indikator;period;v\xe4rde\n" SJUK ";2021-T1;3 %\n";
	write_file(csv, latin1, sizeof(latin1) - 1);
	struct run r = RUN("outcome", "import", csv, "--db", db_path);
	EXPECT_CODE(r, 1);
	EXPECT_IN(r.err, "utfall-latin1.csv, rad 1: filen är inte UTF-8 (byte 0xE4)");
	run_release(&r);
	/* valid header and first row, a Latin-1 comment on line 3 */
	static const char late[] = "indikator;period;värde;kommentar\n" SJUK ";2021-T1;3 %;ok\n"
	                           HALSA ";2021-T1;4,7;f\xf6rb\xe4ttrat\n";
	write_file(csv, late, sizeof(late) - 1);
	EXPECT_RUN(1, "rad 3: filen är inte UTF-8 (byte 0xF6)",
	           "outcome", "import", csv, "--db", db_path);
	history(SJUK, "2021-T1", &after);
	assert_string_equal(before.buf, after.buf);
	/* a missing file */
	EXPECT_RUN(1, "kan inte läsa '/nonexistent/utfall.csv'",
	           "outcome", "import", "/nonexistent/utfall.csv", "--db", db_path);
	rt_buf_release(&before);
	rt_buf_release(&after);
	free(csv);
}

/* ---- activity status ------------------------------------------------------- */

static void test_activity_status(void **state)
{
	(void)state;
	struct run r = RUN("activity", "status", "--activity", AKTIVITET, "--period", "2021-T1",
	                   "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "inget läge är satt");
	run_release(&r);

	r = RUN("activity", "status", "--activity", AKTIVITET, "--period", "2021-T1", "pågår",
	        "--comment", "Materialet används på APT i två av tre enheter", "--by", "HR",
	        "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "Läget är sparat.\n");
	EXPECT_IN(r.out, "Aktivitet " AKTIVITET ", 2021-T1: Pågår\n");
	EXPECT_IN(r.out, "  Kommentar: Materialet används på APT i två av tre enheter\n");
	EXPECT_IN(r.out, "  Inmatat:   HR, 20");
	run_release(&r);

	r = RUN("activity", "status", "-a", AKTIVITET, "-p", "2021-T1", "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, ": Pågår\n");
	EXPECT_IN(r.out, "Materialet används på APT");
	run_release(&r);

	/* the compiled report's activity table shows it under Kommentar */
	EXPECT_RUN(0, "Pågår: Materialet används på APT i två av tre enheter",
	           "report", "--period", "2021-T1", "--db", db_path);

	r = RUN("activity", "status", "-a", AKTIVITET, "-p", "2021-T1", "Klar", "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "Läget är ändrat.\n");
	EXPECT_IN(r.out, ": Klar\n");
	run_release(&r);

	EXPECT_RUN(0, ": Ej påbörjad\n",
	           "activity", "status", "-a", AKTIVITET, "-p", "2021-T1", "ej-påbörjad", "--db",
	        db_path);

	EXPECT_RUN(2, "Okänt läge 'halvklar' för aktiviteten. Välj ej-påbörjad, pågår, klar, "
	           "försenad eller inställd",
	           "activity", "status", "-a", AKTIVITET, "-p", "2021-T1", "halvklar", "--db", db_path);
	EXPECT_RUN(1, "Det finns ingen aktivitet med id eller nyckel 'rjh-ingen-aktivitet'",
	           "activity", "status", "-a", "rjh-ingen-aktivitet", "-p", "2021-T1", "klar", "--db",
	        db_path);
	/* the refusals changed nothing */
	r = RUN("activity", "status", "-a", AKTIVITET, "-p", "2021-T1", "--db", db_path);
	EXPECT_IN(r.out, ": Ej påbörjad\n");
	run_release(&r);
}

static void test_tolerance(void **state)
{
	(void)state;
	struct run r = RUN("outcome", "tolerance", "--db", db_path);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "Standardtolerans för hela databasen: 10 % (inbyggd standard)\n");
	run_release(&r);

	/* Leverantörstrohet 80 % against 95 %: 15,8 % off, ■ with the built-in 10 % */
	EXPECT_RUN(0, "  Status:            ■ Ej uppfyllt – Målvärdet är inte nått\n",
	           "outcome", "set", "-i", LEVERANTOR, "-p", "2021-T1", "80 %", "--db", db_path);

	EXPECT_RUN(0, "Standardtolerans för Region Jämtland Härjedalen: 20 %\n",
	           "outcome", "tolerance", "--org", "rjh", "20", "--db", db_path);
	/* a board inherits its region's */
	EXPECT_RUN(0, "Standardtolerans för Regionstyrelsen: 20 %\n",
	           "outcome", "tolerance", "--org", "rjh-rs", "--db", db_path);
	/* the report computes again with it: the row is ◆ now */
	rt_buf row = RT_BUF_INIT;
	report_row("Leverantörstrohet</span>", &row);
	EXPECT_IN(row, "◆</span> Delvis uppfyllt");
	EXPECT_IN(row, "80 %");
	assert_null(strstr(row.buf, "Beräknad status"));
	/* and so does a new entry */
	EXPECT_RUN(0, "  Status:            ◆ Delvis uppfyllt – Inom toleransen\n",
	           "outcome", "set", "-i", LEVERANTOR, "-p", "2021-T1", "80 %", "--db", db_path);

	/* the nearest setting wins over the database-wide one */
	EXPECT_RUN(0, "Standardtolerans för hela databasen: 12,5 %\n",
	           "outcome", "tolerance", "12,5", "--db", db_path);
	report_row("Leverantörstrohet</span>", &row);
	EXPECT_IN(row, "◆</span> Delvis uppfyllt");
	EXPECT_RUN(0, "Standardtolerans för Region Jämtland Härjedalen: 12,5 %\n",
	           "outcome", "tolerance", "--org", "rjh", "--clear", "--db", db_path);
	report_row("Leverantörstrohet</span>", &row);
	EXPECT_IN(row, "■</span> Ej uppfyllt");

	EXPECT_RUN(2, "Ogiltig tolerans '150'; ange procent mellan 0 och 100",
	           "outcome", "tolerance", "150", "--db", db_path);
	EXPECT_RUN(1, "Det finns ingen organisationsenhet med id eller nyckel 'rjh-okand'",
	           "outcome", "tolerance", "--org", "rjh-okand", "5", "--db", db_path);
	EXPECT_RUN(0, "hela databasen: 10 % (inbyggd standard)\n",
	           "outcome", "tolerance", "--clear", "--db", db_path);
	rt_buf_release(&row);
}

static void test_help(void **state)
{
	(void)state;
	struct run r = RUN("outcome", "set", "--help");
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "Användning: rodtrad outcome set --indicator ID|NYCKEL");
	EXPECT_IN(r.out, "--reason TEXT");
	run_release(&r);
	EXPECT_RUN(0, "2024-H1, 2024-H2",
	           "period", "--help");
	EXPECT_RUN(2, "okänt underkommando 'outcome frobnicate'",
	           "outcome", "frobnicate");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_add_list),
		cmocka_unit_test(test_set_correct_history),
		cmocka_unit_test(test_override),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_import_good),
		cmocka_unit_test(test_import_bad_row),
		cmocka_unit_test(test_import_not_utf8),
		cmocka_unit_test(test_activity_status),
		cmocka_unit_test(test_tolerance),
		cmocka_unit_test(test_help),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
