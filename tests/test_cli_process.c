/* Integration tests of the planning-process commands, run as the real
 * binary on a fresh demo database: 'process show' and 'process calendar'
 * (seed 002's 2026 process), 'feedback set/compile', 'plan checklist' and
 * 'plan status' — a plan is refused "för beslut" until avsnitt 4 is
 * answered and it has a diarienummer, and every refusal leaves the
 * database as it was. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

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

/* Runs argv, expects exit `code` and `want` in stdout (exit 0) or stderr. */
static void expect(int code, const char *want, const char *const *argv)
{
	struct run r = run_argv(argv);
	if (r.code != code || !strstr(code ? r.err.buf : r.out.buf, want))
		fail_msg("exit %d (want %d), missing \"%s\"\nstdout:\n%s\nstderr:\n%s", r.code, code,
		         want, r.out.buf, r.err.buf);
	rt_buf_release(&r.out);
	rt_buf_release(&r.err);
}

#define EXPECT(code, want, ...) expect(code, want, (const char *const[]){ __VA_ARGS__, NULL })

static char *db;

static int setup(void **state)
{
	(void)state;
	db = rt_test_db("cli_process.db");
	struct run r = RUN("demo", db);
	int ok = r.code == 0;
	rt_buf_release(&r.out);
	rt_buf_release(&r.err);
	return ok ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(db);
	return 0;
}

static void test_process_show_and_calendar(void **state)
{
	(void)state;
	EXPECT(0, "Planerings- och budgetprocess 2026 – Region Västerbotten", "process", "show",
	       "--db", db);
	EXPECT(0, "2026-02-10  Milstolpe: Kickoff: majoritetens förslag till PF presenteras",
	       "process", "show", "--db", db);
	EXPECT(0, "Verksamhetsplan: 2 av 2 levererade", "process", "show", "--year", "2026",
	       "--db", db);
	EXPECT(0, "Deltagare: Nämndernas presidier, regionstyrelsens arbetsutskott", "process",
	       "show", "--db", db);
	EXPECT(1, "Det finns ingen planeringsprocess för 2019", "process", "show", "--year", "2019",
	       "--db", db);
	EXPECT(1, "ogiltigt år 'tjugo'", "process", "show", "--year", "tjugo", "--db", db);
	char *ics = rt_test_tmp_path("process.ics");
	EXPECT(0, "(7 faser, 8 milstolpar och möten, 6 leveranser)", "process", "calendar", "-o",
	       ics, "--db", db);
	FILE *f = fopen(ics, "rb");
	assert_non_null(f);
	char buf[256] = { 0 };
	assert_true(fread(buf, 1, sizeof(buf) - 1, f) > 0);
	fclose(f);
	assert_memory_equal(buf, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30);
	free(ics);
	EXPECT(2, "ange kalenderfilen med -o FIL.ics", "process", "calendar", "--db", db);
	/* Progress: RUN delivers its feedback; a new delivery needs a due date. */
	EXPECT(0, "Återkoppling på planeringsförutsättningarna från rvb-run: Levererad.", "process",
	       "deliver", "rvb-run", "feedback", "delivered", "--date", "2026-04-20", "--db", db);
	EXPECT(0, "Återkoppling på planeringsförutsättningarna: 2 av 2 levererade", "process", "show",
	       "--db", db);
	EXPECT(1, "ange sista dag med --due", "process", "deliver", "rvb-rs", "feedback",
	       "in_progress", "--db", db);
	EXPECT(1, "Okänd leveransstatus 'klar'", "process", "deliver", "rvb-run", "feedback", "klar",
	       "--db", db);
	EXPECT(1, "Ogiltigt datum", "process", "deliver", "rvb-run", "feedback", "delivered",
	       "--date", "2026-02-30", "--db", db);
}

static void test_feedback(void **state)
{
	(void)state;
	EXPECT(1, "Okänd rubrik 'risker'", "feedback", "set", "rvb-run", "risker", "x", "--db", db);
	EXPECT(1, "ingen nämnd med nyckeln 'rvb-xyz'", "feedback", "set", "rvb-xyz", "risk", "x",
	       "--db", db);
	EXPECT(0, "Texten under 'Risk- och känslighetsanalys' är sparad för rvb-run (2026)",
	       "feedback", "set", "rvb-run", "risk", "Minskade statsbidrag ger 15 mnkr sämre resultat.",
	       "--db", db);
	char *html = rt_test_tmp_path("feedback.html");
	EXPECT(0, "Återkopplingen för 2026 är sammanställd i", "feedback", "compile", "-o", html,
	       "--db", db);
	FILE *f = fopen(html, "rb");
	assert_non_null(f);
	rt_buf b = RT_BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) rt_buf_add(&b, chunk, n);
	fclose(f);
	assert_non_null(strstr(b.buf, "<td>Levererad</td><td>4 av 7</td>"));   /* delivered above */
	assert_non_null(strstr(b.buf, "<h3>7. Risk- och känslighetsanalys</h3>\n<p>Minskade statsbidrag"));
	rt_buf_release(&b);
	free(html);
}

/* The demo plan has no diarienummer (seed 000 gives none for the example
 * plan), so the test gives it one straight in the store. */
static void set_case_number(const char *plan_key, const char *case_number)
{
	rt_store *s;
	rt_err e = RT_ERR_INIT;
	rt_arena a = RT_ARENA_INIT;
	int64_t id;
	struct rt_plan p;
	assert_int_equal(rt_store_open(&s, db, RT_STORE_OPEN_EXISTING, &e), 0);
	assert_int_equal(rt_store_find_key(s, "plan", plan_key, &id, &e), 0);
	assert_int_equal(rt_store_plan_get(s, &a, id, &p, &e), 0);
	p.case_number = (char *)case_number;
	assert_int_equal(rt_store_begin(s, "test", &e), 0);
	assert_int_equal(rt_store_plan_put(s, &p, &e), 0);
	assert_int_equal(rt_store_commit(s, &e), 0);
	rt_arena_release(&a);
	rt_store_close(s);
}

static void test_checklist_blocks_for_decision(void **state)
{
	(void)state;
	const char *plan = "rjh-ap-2016-attraktiv-arbetsgivare";
	EXPECT(1, "Planen kan inte gå till beslut: Avsnitt 4: 3.4.1 Jämställdhets- och "
	          "jämlikhetsperspektivet har 4 obesvarade frågor", "plan", "status", plan,
	       "for_decision", "--db", db);
	EXPECT(0, "Status:          Utkast", "plan", "show", plan, "--db", db);
	EXPECT(1, "Okänt svar 'kanske'", "plan", "checklist", plan, "answer", "environment", "1",
	       "kanske", "--db", db);
	EXPECT(1, "har 9 frågor; fråga 10 finns inte", "plan", "checklist", plan, "answer",
	       "environment", "10", "nej", "--db", db);
	/* Answer every question: "ja" to the first of each, "nej" to the rest. */
	static const struct { const char *key; int n; } persp[] = {
		{ "equality", 4 }, { "child_rights", 5 }, { "environment", 9 }, { "economy", 4 },
	};
	for (size_t p = 0; p < 4; p++)
		for (int q = 1; q <= persp[p].n; q++) {
			char num[16];
			snprintf(num, sizeof(num), "%d", q);
			EXPECT(0, "fråga", "plan", "checklist", plan, "answer", persp[p].key, num,
			       q == 1 ? "ja" : "nej", "--db", db);
		}
	EXPECT(0, "3.4.5 Regional utveckling – planen bedöms inte beröras men motivering saknas",
	       "plan", "checklist", plan, "--db", db);
	EXPECT(1, "3.4.5 Regional utveckling", "plan", "status", plan, "for_decision", "--db", db);
	EXPECT(0, "3.4.5 Regional utveckling: motiveringen är sparad", "plan", "checklist", plan,
	       "motivate", "regional_development", "Planen berör inte den regionala "
	       "utvecklingsstrategin.", "--db", db);
	EXPECT(0, "Alla frågor är besvarade; planen kan gå till beslut.", "plan", "checklist", plan,
	       "--db", db);
	/* the checklist is done, but the registrar's number is still missing */
	EXPECT(1, "Planen måste ha ett diarienummer innan den går till beslut", "plan", "status",
	       plan, "for_decision", "--db", db);
	set_case_number(plan, "RS/TEST/2016");
	EXPECT(0, "Planen har nu status 'För beslut'", "plan", "status", plan, "for_decision",
	       "--db", db);
	char *doc = rt_test_tmp_path("plan.html");
	EXPECT(0, "Plandokumentet är skrivet till", "plan", "document", plan, "-o", doc, "--db", db);
	free(doc);
	doc = rt_test_tmp_path("plan.docx");
	EXPECT(0, "Plandokumentet är skrivet till", "plan", "document", plan, "-f", "docx", "-o", doc,
	       "--db", db);
	FILE *f = fopen(doc, "rb");
	assert_non_null(f);
	char pk[2] = { 0 };
	assert_int_equal(fread(pk, 1, 2, f), 2);
	fclose(f);
	assert_memory_equal(pk, "PK", 2);
	free(doc);
	EXPECT(1, "Okänt format 'odt'; välj html, docx eller pdf", "plan", "document", plan, "-f", "odt",
	       "-o", "x.odt", "--db", db);
}

static void test_economy(void **state)
{
	(void)state;
	EXPECT(0, "Ramen för rvb-hsn 2026 är sparad.", "economy", "frame", "rvb-hsn", "2026",
	       "--note", "budget", "--db", db, "--", "-713");
	EXPECT(1, "högst tre decimaler", "economy", "frame", "rvb-hsn", "2026", "--db", db, "--",
	       "12,3456");
	EXPECT(1, "ingen organisation med nyckeln 'rvb-x'", "economy", "frame", "rvb-x", "2026",
	       "--db", db, "--", "-1");
	EXPECT(0, "Perioden 2026-T1", "period", "add", "2026-T1", "--db", db);
	EXPECT(1, "ange --forecast", "economy", "result", "rvb-hsn", "2026-T1", "--result", "-250",
	       "--budget", "-240", "--annual", "-713", "--db", db);
	/* -10 mnkr against a budget of 713: within 10 % → ◆ */
	EXPECT(0, "sparad: ◆ Delvis uppfyllt", "economy", "result", "rvb-hsn", "2026-T1",
	       "--result", "-250", "--budget", "-240", "--annual", "-713", "--forecast", "-800",
	       "--db", db);
	EXPECT(0, "2026  Hälso- och sjukvårdsnämnden: -713,0 mnkr – budget", "economy", "show",
	       "--db", db);
	EXPECT(0, "Ackumulerad budgetavvikelse:    -10,0 mnkr  ◆ Delvis uppfyllt", "economy", "show",
	       "--period", "2026-T1", "--db", db);
	/* forecast -800 vs budget -713: 87 mnkr worse, more than 10 % → ■ */
	EXPECT(0, "Prognos budgetavvikelse helår:  -87,0 mnkr  ■ Ej uppfyllt", "economy", "show",
	       "--db", db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_process_show_and_calendar),
		cmocka_unit_test(test_feedback),
		cmocka_unit_test(test_checklist_blocks_for_decision),
		cmocka_unit_test(test_economy),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
