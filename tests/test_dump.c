/* rodtrad dump / load (docs/dump-json.md): a demo database with everything
 * a backup must carry — a corrected outcome (history), a chosen status with
 * its justification, an outcome in a second period, an activity state, an
 * indicator's own tolerance and region/board settings — dumps, restores
 * into a new database and dumps to the same bytes. A restore into a
 * database with content, or of a broken backup, changes nothing. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "store/store.h"
#include "store/store_auth.h"

#define SJUK "rjh-rs-2021-sjukfranvaro-ind"
#define SAMARBETE "rjh-rs-2021-samarbetsproblem"
#define AKTIVITET "rjh-rs-2021-diskriminering-akt-apt"

static int run(rt_buf *out, rt_buf *err, const char *const *argv)
{
	rt_buf_reset(out);
	rt_buf_reset(err);
	int rc = rt_test_run(out, err, argv);
	if (rc)
		fprintf(stderr, "exit %d: %s\n%s\n", rc, argv[0], err->buf);
	return rc;
}
#define RUN(out, err, ...) run(out, err, (const char *const[]){ __VA_ARGS__, NULL })

static void set_indicator_tolerance(const char *db, const char *key, double tol)
{
	rt_store *s;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, db, RT_STORE_OPEN_EXISTING, &err), 0);
	int64_t id;
	assert_int_equal(rt_store_find_key(s, "indicator", key, &id, &err), 0);
	rt_arena a = RT_ARENA_INIT;
	struct rt_indicator ind;
	assert_int_equal(rt_store_begin(s, "test", &err), 0);
	assert_int_equal(rt_store_indicator_get(s, &a, id, &ind, &err), 0);
	ind.has_tolerance = tol >= 0;
	ind.tolerance = tol;
	assert_int_equal(rt_store_indicator_put(s, &ind, &err), 0);
	assert_int_equal(rt_store_commit(s, &err), 0);
	rt_arena_release(&a);
	rt_store_close(s);
}

/* A Kolada mapping with a peer, and fetched values (one missing). */
static void add_kolada(const char *db)
{
	rt_store *s;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, db, RT_STORE_OPEN_EXISTING, &err), 0);
	struct rt_kolada_map m = { 0 };
	assert_int_equal(rt_store_find_key(s, "indicator", SJUK, &m.indicator_id, &err), 0);
	char *peers[] = { "0000" };
	m.kpi = "N00945";
	m.municipality = "0023";
	m.peers = peers;
	m.n_peers = 1;
	assert_int_equal(rt_store_begin(s, "test", &err), 0);
	assert_int_equal(rt_store_kolada_map_put(s, &m, &err), 0);
	struct rt_kolada_value v = { "N00945", "0023", 2021, RT_GENDER_WOMEN, true, 6.2, true, 1,
	                             NULL };
	assert_int_equal(rt_store_kolada_value_put(s, &v, &err), 0);
	v = (struct rt_kolada_value){ "N00945", "0000", 2021, RT_GENDER_TOTAL, false, 0, true, 21,
	                              "Missing" };
	assert_int_equal(rt_store_kolada_value_put(s, &v, &err), 0);
	assert_int_equal(rt_store_commit(s, &err), 0);
	rt_store_close(s);
}

/* The §3.4 checklist and §3.5 ordlista of a plan, a budget frame and an
 * economic follow-up, a disabled user with a role on a board. */
static void add_sections_economy_users(const char *db)
{
	rt_store *s;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, db, RT_STORE_OPEN_EXISTING, &err), 0);
	int64_t plan, org, period;
	assert_int_equal(rt_store_find_key(s, "plan", "rjh-ap-2016-attraktiv-arbetsgivare", &plan,
	                                   &err), 0);
	assert_int_equal(rt_store_find_key(s, "org_unit", "rjh-rs", &org, &err), 0);
	assert_int_equal(rt_store_find_key(s, "period", "2021-T1", &period, &err), 0);
	assert_int_equal(rt_store_begin(s, "test", &err), 0);
	struct rt_checklist_answer ans = { 0, plan, RT_PERSP_ENVIRONMENT, 2, RT_ANSWER_NA, NULL };
	assert_int_equal(rt_store_checklist_put(s, &ans, &err), 0);
	ans = (struct rt_checklist_answer){ 0, plan, RT_PERSP_REGIONAL, 0, RT_ANSWER_NONE,
	                                    "Ingen påverkan på den regionala utvecklingen" };
	assert_int_equal(rt_store_checklist_put(s, &ans, &err), 0);
	struct rt_plan_term t = { 0, plan, 1, "APT", "Arbetsplatsträff" };
	assert_int_equal(rt_store_plan_term_put(s, &t, &err), 0);
	struct rt_budget_frame f = { 0, org, 2021, -713000, "budget" };
	assert_int_equal(rt_store_budget_frame_put(s, &f, &err), 0);
	struct rt_econ_followup e = { 0, org, period, -5200, -4800, -14400, -15100,
	                              "Högre kostnader för hyrpersonal" };
	assert_int_equal(rt_store_econ_followup_put(s, &e, &err), 0);
	int64_t uid;
	assert_int_equal(rt_store_user_add_hashed(s, "vikarie", "Vera Vikarie",
	                                          "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$"
	                                          "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGg", &uid,
	                                          &err), 0);
	assert_int_equal(rt_store_user_role_add(s, "vikarie", RT_ROLE_REPORTER, org, &err), 0);
	assert_int_equal(rt_store_user_set_disabled(s, "vikarie", true, &err), 0);
	assert_int_equal(rt_store_commit(s, &err), 0);
	rt_store_close(s);
}

/* A demo database with follow-up on top; returns its path (malloc'd). */
static char *rich_db(const char *name)
{
	char *db = rt_test_tmp_path(name);
	rt_buf o = RT_BUF_INIT, e = RT_BUF_INIT;
	assert_int_equal(RUN(&o, &e, "demo", db), 0);
	assert_int_equal(RUN(&o, &e, "outcome", "set", "-i", SAMARBETE, "-p", "2021-T1", "4,46",
	                     "--status", "uppfyllt", "--reason", "Avrundat i enkätens rapport",
	                     "--db", db), 0);
	assert_int_equal(RUN(&o, &e, "outcome", "set", "-i", SJUK, "-p", "2021-T1", "5,1 %",
	                     "--comment", "Rättat efter ny körning", "--by", "Anna", "--db", db), 0);
	assert_int_equal(RUN(&o, &e, "period", "add", "2021-T2", "--db", db), 0);
	assert_int_equal(RUN(&o, &e, "outcome", "set", "-i", SJUK, "-p", "2021-T2", "5,0",
	                     "--gender", "k", "--db", db), 0);
	assert_int_equal(RUN(&o, &e, "activity", "status", "-a", AKTIVITET, "-p", "2021-T1",
	                     "pågår", "--comment", "APT i maj", "--db", db), 0);
	assert_int_equal(RUN(&o, &e, "outcome", "tolerance", "15", "--db", db), 0);
	assert_int_equal(RUN(&o, &e, "outcome", "tolerance", "--org", "rjh-rs", "12,5", "--db", db),
	                 0);
	rt_buf_release(&o);
	rt_buf_release(&e);
	set_indicator_tolerance(db, SAMARBETE, 7.5);
	add_kolada(db);
	add_sections_economy_users(db);
	return db;
}

static void test_round_trip(void **state)
{
	(void)state;
	char *a = rich_db("dump_a.db"), *b = rt_test_db("dump_b.db");
	char *file = rt_test_tmp_path("dump_a.json");
	rt_buf d1 = RT_BUF_INIT, d2 = RT_BUF_INIT, e = RT_BUF_INIT, o = RT_BUF_INIT;
	assert_int_equal(RUN(&d1, &e, "dump", "--db", a), 0);
	assert_int_equal(RUN(&o, &e, "dump", "--db", a, "-o", file), 0);
	assert_int_equal(RUN(&o, &e, "load", file, "--db", b), 0);
	assert_non_null(strstr(o.buf, "utfall: 37 (tidigare versioner: 2)"));
	assert_non_null(strstr(o.buf, "aktiviteters lägen: 1"));
	assert_non_null(strstr(o.buf, "toleranser: 1"));
	assert_non_null(strstr(o.buf, "inställningar: 2"));
	assert_non_null(strstr(o.buf, "Kolada-kopplingar och -värden: 3"));
	assert_int_equal(RUN(&d2, &e, "dump", "--db", b), 0);
	assert_int_equal(d1.len, d2.len);
	assert_memory_equal(d1.buf, d2.buf, d1.len);

	/* what a plan document cannot carry is in the backup */
	assert_non_null(strstr(d1.buf, "\"format\": \"rodtrad-dump/1\""));
	assert_non_null(strstr(d1.buf, "\"override_reason\": \"Avrundat i enkätens rapport\""));
	assert_non_null(strstr(d1.buf, "\"comment\": \"Rättat efter ny körning\""));
	assert_non_null(strstr(d1.buf, "\"entered_by\": \"Anna\""));
	assert_non_null(strstr(d1.buf, "\"text\": \"5,4 %\""));       /* the old version */
	assert_non_null(strstr(d1.buf, "\"gender\": \"women\""));
	assert_non_null(strstr(d1.buf, "\"state\": \"ongoing\""));
	assert_non_null(strstr(d1.buf, "\"tolerance\": 7.5"));
	assert_non_null(strstr(d1.buf, "\"value\": \"12,5\""));
	assert_non_null(strstr(d1.buf, "\"kpi\": \"N00945\""));
	assert_non_null(strstr(d1.buf, "\"status\": \"Missing\""));
	/* the planning process, plan sections, economy and users too */
	assert_non_null(strstr(d1.buf, "\"title\": \"Planerings- och budgetprocess 2026\""));
	assert_non_null(strstr(d1.buf, "\"heading\": \"competence\""));
	assert_non_null(strstr(d1.buf, "\"perspective\": \"environment\""));
	assert_non_null(strstr(d1.buf, "\"answer\": \"not_applicable\""));
	assert_non_null(strstr(d1.buf, "\"definition\": \"Arbetsplatsträff\""));
	assert_non_null(strstr(d1.buf, "\"amount_tkr\": -713000"));
	assert_non_null(strstr(d1.buf, "\"forecast_tkr\": -15100"));
	assert_non_null(strstr(d1.buf, "\"pw_hash\": \"$argon2id$"));
	assert_non_null(strstr(d1.buf, "\"disabled\": true"));
	assert_non_null(strstr(d1.buf, "\"role\": \"reporter\""));
	assert_null(strstr(d1.buf, "token"));   /* sessions and API keys are not carried */
	/* the restored database answers like the original */
	assert_int_equal(RUN(&o, &e, "outcome", "history", "-i", SJUK, "-p", "2021-T1", "--db", b), 0);
	assert_non_null(strstr(o.buf, "5,4 %"));
	assert_non_null(strstr(o.buf, "5,1 %"));
	assert_int_equal(RUN(&o, &e, "outcome", "tolerance", "--org", "rjh-rs", "--db", b), 0);
	assert_non_null(strstr(o.buf, "12,5 %"));
	assert_int_equal(RUN(&o, &e, "economy", "show", "--db", b), 0);
	assert_non_null(strstr(o.buf, "Högre kostnader för hyrpersonal"));
	/* the demo users log in with their passwords in the restored database */
	assert_non_null(strstr(d1.buf, "\"name\": \"planerare\""));
	rt_store *rs;
	rt_err rerr = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&rs, b, RT_STORE_OPEN_EXISTING, &rerr), 0);
	rt_arena ra = RT_ARENA_INIT;
	struct rt_user_backup *users;
	size_t n_users;
	assert_int_equal(rt_store_user_backup_list(rs, &ra, &users, &n_users, &rerr), 0);
	bool found = false;
	for (size_t i = 0; i < n_users; i++)
		if (!strcmp(users[i].name, "planerare")) {
			assert_true(rt_password_verify(users[i].pw_hash, "planerare-demo"));
			found = true;
		}
	assert_true(found);
	rt_arena_release(&ra);
	rt_store_close(rs);
	/* the restored database's own audit log (the restore itself) is whole */
	assert_int_equal(RUN(&o, &e, "audit", "verify", "--db", b), 0);
	assert_non_null(strstr(o.buf, "kedjan av kontrollsummor stämmer"));

	/* a backup with one outcome twice: the bulk restore finds the row and
	 * says what the put says, at its JSON path; nothing is written */
	json_t *doc = json_loadb(d1.buf, d1.len, 0, NULL);
	assert_non_null(doc);
	json_t *outcomes = json_object_get(doc, "outcomes");
	size_t n_out = json_array_size(outcomes);
	assert_int_equal(n_out, 37);
	json_array_append(outcomes, json_array_get(outcomes, 3));
	char *twice = rt_test_tmp_path("dump_twice.json"), *c = rt_test_db("dump_c.db");
	assert_int_equal(json_dump_file(doc, twice, JSON_INDENT(1)), 0);
	json_decref(doc);
	assert_int_equal(RUN(&o, &e, "load", twice, "--db", c), 1);
	assert_non_null(strstr(e.buf, "outcomes[37]"));
	assert_non_null(strstr(e.buf, "Det finns redan ett utfall för indikator"));
	/* the database the load made is gone again, or (PostgreSQL) empty */
	if (rt_test_run(&o, &e, (const char *const[]){ "dump", "--db", c, NULL }) == 0)
		assert_null(strstr(o.buf, "\"indicator\""));
	free(twice);
	free(c);

	/* a second load into the restored database is refused and changes nothing */
	assert_int_equal(RUN(&o, &e, "load", file, "--db", b), 1);
	assert_non_null(strstr(e.buf, "Databasen är inte tom"));
	assert_int_equal(RUN(&d2, &e, "dump", "--db", b), 0);
	assert_memory_equal(d1.buf, d2.buf, d1.len);
	rt_buf_release(&d1);
	rt_buf_release(&d2);
	rt_buf_release(&e);
	rt_buf_release(&o);
	free(a);
	free(b);
	free(file);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Broken backups: refused with the JSON path, and the database the load
 * created is gone again. */
static void test_refused(void **state)
{
	(void)state;
	char *file = rt_test_tmp_path("dump_bad.json"), *db = rt_test_tmp_path("dump_bad.db");
	rt_buf o = RT_BUF_INIT, e = RT_BUF_INIT;
	static const struct { const char *doc, *msg; } cases[] = {
		{ "{\"format\": \"rodtrad-plans/1\"}", "Ingen säkerhetskopia från rodtrad dump" },
		{ "{\"format\": \"rodtrad-dump/1\", \"outcomes\": [{\"indicator\": \"finns-inte\", "
		  "\"period\": \"2021-T1\", \"cmp\": \"reach\"}]}", "outcomes[0].indicator" },
		{ "{\"format\": \"rodtrad-dump/1\", \"periods\": [{\"key\": \"2021-T1\"}], "
		  "\"extra\": 1}", "Okänt fält 'extra'" },
		{ "{\"format\": \"rodtrad-dump/1\", \"periods\": [{\"key\": \"2021-T1\"}], "
		  "\"settings\": [{\"name\": \"default_tolerance\"}]}", "settings[0].value" },
		{ "{\"format\": \"rodtrad-dump/1\",", "Ogiltig JSON" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		write_text(file, cases[i].doc);
		assert_int_equal(RUN(&o, &e, "load", file, "--db", db), 1);
		if (!strstr(e.buf, cases[i].msg))
			fprintf(stderr, "case %zu: missing '%s' in %s\n", i, cases[i].msg, e.buf);
		assert_non_null(strstr(e.buf, cases[i].msg));
		assert_int_not_equal(access(db, F_OK), 0);
	}
	rt_buf_release(&o);
	rt_buf_release(&e);
	free(file);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
