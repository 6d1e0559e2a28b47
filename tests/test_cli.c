/* Integration tests of the command line: they run the built rodtrad binary
 * against real SQLite files and assert on exit codes, stdout, stderr and
 * the database afterwards. Demo-content assertions are guarded by what
 * data/demo actually holds, since the demo data grows over time. */
#include "test_util.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"

/* ---- helpers --------------------------------------------------------- */

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

static void print_run(const char *what, const struct run *r)
{
	fprintf(stderr, "--- %s: exit %d\n--- stdout:\n%s\n--- stderr:\n%s\n", what, r->code,
	        r->out.buf, r->err.buf);
}

#define EXPECT_CODE(r, want)                                      \
	do {                                                      \
		if ((r).code != (want))                           \
			print_run(#r, &(r));                      \
		assert_int_equal((r).code, (want));               \
	} while (0)

#define EXPECT_IN(text, s)                                                       \
	do {                                                                     \
		if (!strstr((text).buf, (s)))                                    \
			fprintf(stderr, "missing \"%s\" in:\n%s\n", (s), (text).buf); \
		assert_non_null(strstr((text).buf, (s)));                       \
	} while (0)

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static bool slurp_file(const char *path, rt_buf *into)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rt_buf_add(into, chunk, n);
	fclose(f);
	return true;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* Does any file of data/demo mention `s`? Guards demo-content asserts. */
static bool demo_mentions(const char *s)
{
	char *dir = rt_test_src_path("data/demo");
	DIR *d = opendir(dir);
	bool found = false;
	if (d) {
		struct dirent *e;
		while (!found && (e = readdir(d))) {
			if (!strstr(e->d_name, ".json"))
				continue;
			rt_buf path = RT_BUF_INIT, text = RT_BUF_INIT;
			rt_buf_addf(&path, "%s/%s", dir, e->d_name);
			if (slurp_file(path.buf, &text) && strstr(text.buf, s))
				found = true;
			rt_buf_release(&path);
			rt_buf_release(&text);
		}
		closedir(d);
	}
	free(dir);
	return found;
}

static char *fresh_db(const char *name)
{
	char *db = rt_test_db(name);
	struct run r = RUN("init", db);
	EXPECT_CODE(r, 0);
	run_release(&r);
	return db;
}

static void import_ok(const char *db, const char *file)
{
	struct run r = RUN("import", file, "--db", db);
	EXPECT_CODE(r, 0);
	run_release(&r);
}

static void import_example(const char *db, const char *name)
{
	char *file = rt_test_src_path(name);
	import_ok(db, file);
	free(file);
}

/* ---- help, version, usage errors -------------------------------------- */

static void test_help(void **state)
{
	(void)state;
	struct run r = RUN("--help");
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "Användning");
	EXPECT_IN(r.out, "export-json");
	run_release(&r);

	r = RUN("--version");
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "rodtrad ");
	run_release(&r);

	static const char *const cmds[][2] = {
		{ "init", NULL }, { "demo", NULL }, { "import", NULL }, { "plan", NULL },
		{ "plan", "list" }, { "plan", "show" }, { "chain", NULL }, { "check", NULL },
		{ "export-json", NULL },
	};
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		const char *c = cmds[i][0], *sub = cmds[i][1];
		for (int form = 0; form < 3; form++) {
			const char *argv[5] = { 0 };
			int k = 0;
			if (form == 2)
				argv[k++] = "help";
			argv[k++] = c;
			if (sub)
				argv[k++] = sub;
			if (form < 2)
				argv[k++] = form == 0 ? "--help" : "-h";
			r = run_argv(argv);
			EXPECT_CODE(r, 0);
			EXPECT_IN(r.out, "Användning");
			EXPECT_IN(r.out, c);
			run_release(&r);
		}
	}
}

static void test_usage_errors(void **state)
{
	(void)state;
	struct run r = RUN("frobnicate");
	EXPECT_CODE(r, 2);
	EXPECT_IN(r.err, "rodtrad: ");
	EXPECT_IN(r.err, "frobnicate");
	EXPECT_IN(r.err, "--help");
	assert_int_equal(r.out.len, 0);
	run_release(&r);

	r = RUN("plan", "list", "--bogus");
	EXPECT_CODE(r, 2);
	EXPECT_IN(r.err, "okänd flagga '--bogus'");
	run_release(&r);

	r = RUN("plan", "frob");
	EXPECT_CODE(r, 2);
	run_release(&r);

	r = RUN("plan", "show");
	EXPECT_CODE(r, 2);
	EXPECT_IN(r.err, "argument saknas");
	run_release(&r);

	r = RUN("check", "1", "2");
	EXPECT_CODE(r, 2);
	EXPECT_IN(r.err, "för många argument");
	run_release(&r);

	r = RUN("export-json", "1", "-o");
	EXPECT_CODE(r, 2);
	run_release(&r);

	r = RUN("--bogus");
	EXPECT_CODE(r, 2);
	run_release(&r);

	/* every error is exactly one line */
	r = RUN("init", "--db");
	EXPECT_CODE(r, 2);
	assert_int_equal(count(r.err.buf, "\n"), 1);
	run_release(&r);
}

/* ---- init and missing databases -------------------------------------- */

static void test_init(void **state)
{
	(void)state;
	char *db = rt_test_tmp_path("init.db");
	struct run r = RUN("init", db);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "Skapade");
	assert_true(file_exists(db));
	run_release(&r);

	rt_buf before = RT_BUF_INIT, after = RT_BUF_INIT;
	assert_true(slurp_file(db, &before));
	r = RUN("init", "--db", db);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "finns redan");
	run_release(&r);
	assert_true(slurp_file(db, &after));
	assert_int_equal(before.len, after.len);
	assert_memory_equal(before.buf, after.buf, before.len);
	rt_buf_release(&before);
	rt_buf_release(&after);

	r = RUN("plan", "list", "--db", db);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "inga planer");
	run_release(&r);

	/* a file that is not a database is left alone */
	char *txt = rt_test_tmp_path("not-a-db.txt");
	write_file(txt, "hej\n");
	r = RUN("init", txt);
	EXPECT_CODE(r, 1);
	EXPECT_IN(r.err, "rodtrad: ");
	run_release(&r);
	rt_buf t = RT_BUF_INIT;
	assert_true(slurp_file(txt, &t));
	assert_string_equal(t.buf, "hej\n");
	rt_buf_release(&t);
	unlink(txt);
	free(txt);
	free(db);
}

static void test_missing_db(void **state)
{
	(void)state;
	char *db = rt_test_tmp_path("missing.db");
	char *example = rt_test_src_path("examples/action-plan.json");
	const char *const *cmds[] = {
		(const char *const[]){ "import", example, "--db", db, NULL },
		(const char *const[]){ "plan", "list", "--db", db, NULL },
		(const char *const[]){ "plan", "show", "1", "--db", db, NULL },
		(const char *const[]){ "chain", "1", "--db", db, NULL },
		(const char *const[]){ "check", "1", "--db", db, NULL },
		(const char *const[]){ "export-json", "1", "--db", db, NULL },
	};
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		struct run r = run_argv(cmds[i]);
		EXPECT_CODE(r, 1);
		EXPECT_IN(r.err, "rodtrad: ");
		EXPECT_IN(r.err, db);
		EXPECT_IN(r.err, "finns inte");
		assert_false(file_exists(db));
		run_release(&r);
	}
	free(example);
	free(db);
}

/* $RODTRAD_DB is honoured; --db wins over it. */
static void test_db_env(void **state)
{
	(void)state;
	char *db = fresh_db("env.db");
	char *missing = rt_test_tmp_path("env-missing.db");
	setenv("RODTRAD_DB", db, 1);
	struct run r = RUN("plan", "list");
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, db);
	run_release(&r);
	setenv("RODTRAD_DB", missing, 1);
	r = RUN("plan", "list", "--db", db);
	EXPECT_CODE(r, 0);
	run_release(&r);
	r = RUN("plan", "list");
	EXPECT_CODE(r, 1);
	EXPECT_IN(r.err, missing);
	run_release(&r);
	unsetenv("RODTRAD_DB");
	assert_false(file_exists(missing));
	free(missing);
	free(db);
}

static void test_unknown_ids(void **state)
{
	(void)state;
	char *db = fresh_db("ids.db");
	struct run r = RUN("plan", "show", "999", "--db", db);
	EXPECT_CODE(r, 1);
	EXPECT_IN(r.err, "rodtrad: ");
	EXPECT_IN(r.err, "999");
	run_release(&r);

	r = RUN("plan", "show", "abc", "--db", db);
	EXPECT_CODE(r, 1);
	EXPECT_IN(r.err, "'abc'");
	run_release(&r);

	r = RUN("chain", "12x", "--db", db);
	EXPECT_CODE(r, 1);
	EXPECT_IN(r.err, "mål");
	run_release(&r);

	r = RUN("check", "0", "--db", db);
	EXPECT_CODE(r, 1);
	run_release(&r);
	free(db);
}

/* ---- import and check -------------------------------------------------- */

static void test_broken_example(void **state)
{
	(void)state;
	char *db = fresh_db("broken.db");
	char *file = rt_test_src_path("examples/broken-action-plan.json");
	struct run r = RUN("import", file, "--db", db);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "planer:");
	EXPECT_IN(r.out, "ex-ap-2025-brister");
	run_release(&r);

	r = RUN("check", "ex-ap-2025-brister", "--db", db);
	EXPECT_CODE(r, 1);
	EXPECT_IN(r.out, "Fel: ");
	EXPECT_IN(r.out, "Gäller: ");
	EXPECT_IN(r.out, "Handlingsplan hälsa");
	EXPECT_IN(r.out, "fel och");
	/* the title, the goal without activity, four lifted goals, and the
	 * chain link that points down: four findings at least */
	assert_true(count(r.out.buf, "Fel: ") >= 4);
	/* the goal without activity and the goal whose link points down are named */
	EXPECT_IN(r.out, "kränkande särbehandling");
	EXPECT_IN(r.out, "friskvårdstimmen");
	/* the plan is listed after the import, so `check ID` can follow */
	EXPECT_IN(r.out, "Granskning av plan ");
	run_release(&r);
	free(file);
	free(db);
}

static void test_correct_example(void **state)
{
	(void)state;
	char *db = fresh_db("correct.db");
	import_example(db, "examples/action-plan.json");
	struct run r = RUN("check", "ex-ap-2025-jamstalldhet", "--db", db);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "Inga fel hittades");
	assert_null(strstr(r.out.buf, "Fel: "));
	run_release(&r);

	r = RUN("plan", "show", "ex-ap-2025-jamstalldhet", "--db", db);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "Övergripande handlingsplan för jämställdhet 2025");
	EXPECT_IN(r.out, "RS/100/2025");
	EXPECT_IN(r.out, "Beslutsinstans:");
	EXPECT_IN(r.out, "Ändringsförteckning");
	EXPECT_IN(r.out, "Beslutat av");
	EXPECT_IN(r.out, "Nyutgåva");
	EXPECT_IN(r.out, "Målvärde 2025: 5,7 %");
	EXPECT_IN(r.out, "Kvinnor: 6,5 %");
	EXPECT_IN(r.out, "Män: ≤ 4,7 %");
	EXPECT_IN(r.out, "Utgångsvärde 2024: 6,1 %");
	EXPECT_IN(r.out, "Aktivitet: Utbilda chefer");
	EXPECT_IN(r.out, "Målgrupp: Alla chefer");
	EXPECT_IN(r.out, "Kontaktperson: HR-staben");
	EXPECT_IN(r.out, "Utfall per maj 2025: 5,9 %");
	EXPECT_IN(r.out, "◆ Delvis");
	run_release(&r);

	r = RUN("plan", "list", "--db", db);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "Exempelregionen");
	EXPECT_IN(r.out, "Övergripande handlingsplan");
	EXPECT_IN(r.out, "2025");
	/* the director's plan ranks above the action plan */
	assert_true(strstr(r.out.buf, "Regiondirektörens verksamhetsplan 2025") <
	            strstr(r.out.buf, "Övergripande handlingsplan för jämställdhet"));
	run_release(&r);

	r = RUN("chain", "ex-ap-2025-sjukfranvaro", "--db", db);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "Exempelregionen är en jämställd arbetsgivare");
	EXPECT_IN(r.out, "Mått 2025: Totalt 5,7 % · Kvinnor 6,5 % · Män ≤ 4,7 %");
	EXPECT_IN(r.out, "Aktivitet: ");
	run_release(&r);

	/* both examples share Exempelregionen's org tree */
	import_example(db, "examples/broken-action-plan.json");
	free(db);
}

static void test_malformed_import(void **state)
{
	(void)state;
	char *db = fresh_db("malformed.db");
	char *bad = rt_test_tmp_path("malformed.json");
	write_file(bad, "{ \"format\": \"rodtrad-plans/1\", \"plans\": [ { \"key\": ");
	struct run r = RUN("import", bad, "--db", db);
	EXPECT_CODE(r, 1);
	EXPECT_IN(r.err, "rodtrad: ");
	assert_int_equal(count(r.err.buf, "\n"), 1);
	run_release(&r);

	/* valid JSON whose second plan is wrong: nothing of the first stays */
	write_file(bad, "{ \"format\": \"rodtrad-plans/1\",\n"
	                "  \"org_units\": [ { \"key\": \"mx\", \"kind\": \"region\", \"name\": \"Mx\" } ],\n"
	                "  \"plans\": [\n"
	                "    { \"key\": \"mx-1\", \"kind\": \"operational_plan\", \"owner\": \"mx\",\n"
	                "      \"title\": \"Verksamhetsplan 2025\", \"start_year\": 2025, \"end_year\": 2025 },\n"
	                "    { \"key\": \"mx-2\", \"kind\": \"no_such_kind\", \"owner\": \"mx\",\n"
	                "      \"title\": \"Fel\", \"start_year\": 2025, \"end_year\": 2025 } ] }\n");
	r = RUN("import", bad, "--db", db);
	EXPECT_CODE(r, 1);
	EXPECT_IN(r.err, "rodtrad: ");
	run_release(&r);

	r = RUN("import", "/nonexistent/file.json", "--db", db);
	EXPECT_CODE(r, 1);
	EXPECT_IN(r.err, "/nonexistent/file.json");
	run_release(&r);

	r = RUN("plan", "list", "--db", db);
	EXPECT_CODE(r, 0);
	EXPECT_IN(r.out, "inga planer");
	run_release(&r);
	unlink(bad);
	free(bad);
	free(db);
}

/* ---- export ------------------------------------------------------------ */

static void test_export_roundtrip(void **state)
{
	(void)state;
	static const char *const keys[] = { "ex-rd-vp-2025", "ex-ap-2025-jamstalldhet" };
	char *a = fresh_db("export-a.db"), *b = fresh_db("export-b.db");
	import_example(a, "examples/action-plan.json");
	char *files[2];
	rt_buf first[2] = { RT_BUF_INIT, RT_BUF_INIT };
	for (int i = 0; i < 2; i++) {
		char name[32];
		snprintf(name, sizeof(name), "export-%d.json", i);
		files[i] = rt_test_tmp_path(name);
		struct run r = RUN("export-json", keys[i], "--db", a, "-o", files[i]);
		EXPECT_CODE(r, 0);
		assert_int_equal(r.out.len, 0);
		run_release(&r);
		assert_true(slurp_file(files[i], &first[i]));
		EXPECT_IN(first[i], "rodtrad-plans/1");
		rt_buf tmp = RT_BUF_INIT;
		rt_buf_addf(&tmp, "%s.tmp", files[i]);
		assert_false(file_exists(tmp.buf));
		rt_buf_release(&tmp);
		/* stdout gives the same bytes */
		r = RUN("export-json", keys[i], "--db", a);
		EXPECT_CODE(r, 0);
		assert_int_equal(r.out.len, first[i].len);
		assert_memory_equal(r.out.buf, first[i].buf, first[i].len);
		run_release(&r);
	}
	for (int i = 0; i < 2; i++)
		import_ok(b, files[i]);
	for (int i = 0; i < 2; i++) {
		struct run r = RUN("export-json", keys[i], "--db", b);
		EXPECT_CODE(r, 0);
		if (r.out.len != first[i].len || memcmp(r.out.buf, first[i].buf, r.out.len))
			fprintf(stderr, "first:\n%s\nsecond:\n%s\n", first[i].buf, r.out.buf);
		assert_int_equal(r.out.len, first[i].len);
		assert_memory_equal(r.out.buf, first[i].buf, first[i].len);
		run_release(&r);
		unlink(files[i]);
		free(files[i]);
		rt_buf_release(&first[i]);
	}

	/* an unwritable target leaves nothing behind */
	struct run r = RUN("export-json", keys[0], "--db", a, "-o", "/nonexistent-dir/x.json");
	EXPECT_CODE(r, 1);
	EXPECT_IN(r.err, "rodtrad: ");
	run_release(&r);
	free(a);
	free(b);
}

/* ---- demo --------------------------------------------------------------- */

/* The demo database the demo tests share: made by `rodtrad demo` on first
 * use (test_demo checks that run), then only read (reports, show, check,
 * export). One demo load instead of three: on PostgreSQL under ASan each
 * takes several seconds. */
static char *shared_demo;

static const char *demo_db(void)
{
	if (!shared_demo) {
		shared_demo = rt_test_db("demo.db");
		struct run r = RUN("demo", shared_demo);
		EXPECT_CODE(r, 0);
		run_release(&r);
	}
	return shared_demo;
}

/* `report -o /dev/null` writes into the device: the PATH.tmp + rename that
 * keeps a half-written report from ever showing would, run as root,
 * replace /dev/null with a regular file (it happened on a shared machine). */
static void test_report_to_device(void **state)
{
	(void)state;
	const char *db = demo_db();
	static const char *const formats[] = { "html", "pdf", "xlsx", "docx" };
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		struct run r = RUN("report", "--period", "2021-T1", "--db", db, "-f", formats[i],
		                   "-o", "/dev/null");
		EXPECT_CODE(r, 0);
		run_release(&r);
		struct stat sb;
		assert_int_equal(stat("/dev/null", &sb), 0);
		assert_true(S_ISCHR(sb.st_mode));
		assert_false(file_exists("/dev/null.tmp"));
	}
}

static void test_demo(void **state)
{
	(void)state;
	const char *db = demo_db();
	struct run r = RUN("plan", "list", "--db", db);
	EXPECT_CODE(r, 0);
	if (strstr(r.out.buf, "inga planer")) {
		/* the demo data is still being transcribed */
		run_release(&r);
		skip();
	}
	static const char *const expect[] = {
		"Region Jämtland Härjedalen", "Region Halland", "Region Västernorrland",
		"Regionplan 2016", "Verksamhetsplan 2024", "Övergripande handlingsplan",
	};
	for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++)
		if (demo_mentions(expect[i]))
			EXPECT_IN(r.out, expect[i]);
	run_release(&r);

	/* never mix demo data into a database with plans */
	r = RUN("demo", "--db", db);
	EXPECT_CODE(r, 1);
	EXPECT_IN(r.err, "innehåller redan planer");
	run_release(&r);

	/* the whole seed-000 chain, from any goal of it */
	if (demo_mentions("rjh-ap-2016-sjukfranvaro")) {
		static const char *const goals[] = {
			"rjh-ap-2016-sjukfranvaro", "rjh-rd-2016-sjukfranvaro",
			"rjh-rp-2016-attraktiv-arbetsgivare",
		};
		for (size_t g = 0; g < sizeof(goals) / sizeof(goals[0]); g++) {
			r = RUN("chain", goals[g], "--db", db);
			EXPECT_CODE(r, 0);
			EXPECT_IN(r.out, "Regionplan 2016");
			EXPECT_IN(r.out, "Regionstyrelsens verksamhetsplan 2016");
			EXPECT_IN(r.out, "Regiondirektörens verksamhetsplan 2016");
			EXPECT_IN(r.out, "Övergripande handlingsplan");
			EXPECT_IN(r.out, "Attraktiv arbetsgivare till kompetenta medarbetare");
			EXPECT_IN(r.out, "Minska antalet sjukskrivningar");
			EXPECT_IN(r.out, "Mått 2016: Totalt 5,7 % · Kvinnor 6,5 % · Män ≤ 4,7 %");
			EXPECT_IN(r.out, "Aktivitet: Utbilda chefer");
			/* top first: the regionplan before the action plan */
			assert_true(strstr(r.out.buf, "Regionplan 2016") <
			            strstr(r.out.buf, "Aktivitet: "));
			run_release(&r);
		}
		r = RUN("plan", "show", "rjh-ap-2016-attraktiv-arbetsgivare", "--db", db);
		EXPECT_CODE(r, 0);
		EXPECT_IN(r.out, "Kvinnor: 6,5 %");
		EXPECT_IN(r.out, "Aktivitet: Utbilda chefer");
		EXPECT_IN(r.out, "Beslutsinstans:");
		run_release(&r);
		r = RUN("check", "rjh-ap-2016-attraktiv-arbetsgivare", "--db", db);
		EXPECT_CODE(r, 0);
		run_release(&r);
	}
	/* recorded follow-up (seed 003): symbol and words, per april 2021 */
	if (demo_mentions("rjh-rs-vp-2021")) {
		r = RUN("plan", "show", "rjh-rs-vp-2021", "--db", db);
		EXPECT_CODE(r, 0);
		EXPECT_IN(r.out, "Utfall per april 2021: ");
		EXPECT_IN(r.out, "■ Ej uppfyllt");
		EXPECT_IN(r.out, "● Uppfyllt");
		run_release(&r);
	}
}

/* Every plan of the demo shows and checks without crashing or failing to
 * load (exit 0 or 1 from check, never anything else). */
static void test_demo_every_plan(void **state)
{
	(void)state;
	const char *db = demo_db();
	/* The ids from 'plan list' (rows start with the id), not a guessed range:
	 * every rodtrad run costs a connection, ~0,3 s on PostgreSQL. */
	struct run r = RUN("plan", "list", "--db", db);
	EXPECT_CODE(r, 0);
	long ids_listed[64];
	int n_ids = 0;
	for (const char *line = r.out.buf; line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		char *end;
		long id = strtol(line, &end, 10);
		if (end != line && id > 0 && *end == ' ' && n_ids < 64)
			ids_listed[n_ids++] = id;
	}
	run_release(&r);
	assert_true(n_ids >= 10); /* the demo has the seed chains' plans */
	for (int i = 0; i < n_ids; i++) {
		char ids[16];
		snprintf(ids, sizeof(ids), "%ld", ids_listed[i]);
		r = RUN("plan", "show", ids, "--db", db);
		EXPECT_CODE(r, 0);
		run_release(&r);
		r = RUN("check", ids, "--db", db);
		assert_true(r.code == 0 || r.code == 1);
		if (r.code == 1)
			EXPECT_IN(r.out, "Fel: ");
		run_release(&r);
		r = RUN("export-json", ids, "--db", db);
		EXPECT_CODE(r, 0);
		run_release(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_missing_db),
		cmocka_unit_test(test_db_env),
		cmocka_unit_test(test_unknown_ids),
		cmocka_unit_test(test_broken_example),
		cmocka_unit_test(test_correct_example),
		cmocka_unit_test(test_malformed_import),
		cmocka_unit_test(test_export_roundtrip),
		cmocka_unit_test(test_demo),
		cmocka_unit_test(test_report_to_device),
		cmocka_unit_test(test_demo_every_plan),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	free(shared_demo);
	return failed;
}
