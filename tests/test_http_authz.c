/* Who may do what, over HTTP and on the CLI (issue 5 §2, §3, §6): one table
 * of route classes × roles (admin, planner of RJH Regionstyrelsen "A",
 * planner of Region Halland "B", reporter of A, decision maker of Region
 * Jämtland Härjedalen, reader, anonymous) against the demo database, each
 * request made with the user's API key; then closed periods, the decision
 * step with its change-log row, and the same refusals on the CLI (--as).
 * Plan 6 (RJH Regionstyrelsen VP 2021, owner rjh-rs) is unit A's, plan 7
 * (Halland VP 2024, owner rh-rs) unit B's; plan 1 is made decided so that
 * anonymous visitors have a published plan. 2021-T1 gets the deadline
 * 2021-05-15 (closed), 2099-T1 is a period that is open. */
#define HTTP_TEST_DB "http_authz.db"

#include "test_http.h"

#include "core/economy.h"
#include "core/plan_doc.h"
#include "core/process.h"

enum who { ADMIN, PLANNER_A, PLANNER_B, REPORTER, DECIDER, READER, ANON, N_WHO };
static const char *const who_name[N_WHO] = {
	"admin", "planerare", "halland", "rapportor", "beslutsfattare", "lasare", "anonym",
};
static char tokens[N_WHO][65];

/* Ids the table's paths name: {P6} {G6} {I6} {A6} {T6} {G7} {I7} {A7} {G1} {RS}. */
static struct { const char *name; int64_t id; } ids[] = {
	{ "{P6}", 6 }, { "{G6}", 0 }, { "{I6}", 0 }, { "{A6}", 0 }, { "{T6}", 0 },
	{ "{G7}", 0 }, { "{I7}", 0 }, { "{A7}", 0 }, { "{G1}", 0 }, { "{RS}", 0 },
};

static int64_t id_of(const char *name)
{
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		if (!strcmp(ids[i].name, name))
			return ids[i].id;
	return 0;
}

static void set_id(const char *name, int64_t v)
{
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		if (!strcmp(ids[i].name, name))
			ids[i].id = v;
}

/* The first goal, indicator, activity and target of a plan. */
static int first_rows(rt_store *s, int64_t plan, const char *g, const char *i, const char *a,
                      const char *t)
{
	struct rt_plan_doc d;
	rt_plan_doc_init(&d);
	int rc = rt_store_plan_load(s, plan, &d, NULL);
	if (rc == 0) {
		set_id(g, d.n_goals ? d.goals[0].id : 0);
		if (i)
			set_id(i, d.n_indicators ? d.indicators[0].id : 0);
		if (a)
			set_id(a, d.n_activities ? d.activities[0].id : 0);
		if (t)
			set_id(t, d.n_targets ? d.targets[0].id : 0);
	}
	rt_plan_doc_release(&d);
	return rc;
}

static int authz_setup(void **state)
{
	if (http_setup(state) != 0)
		return -1;
	http_anonymous = true;
	rt_store *s;
	rt_err e = RT_ERR_INIT;
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan p;
	struct rt_period per = { 0, "2099-T1", RT_PERIOD_TERTIAL, 2099, 1, "2099-01-01", "2099-04-30",
	                         "2099-05-15" };
	struct rt_period closed;
	int64_t t1 = 0, rs = 0;
	int rc = rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &e);
	if (rc != 0)
		return -1;
	if ((rc = rt_store_begin(s, "test", &e)) == 0 &&
	    (rc = rt_store_plan_get(s, &a, 1, &p, &e)) == 0) {
		p.status = RT_PLAN_DECIDED;
		rc = rt_store_plan_put(s, &p, &e);
	}
	if (!rc)
		rc = rt_store_period_put(s, &per, &e);
	if (!rc && (rc = rt_store_find_key(s, "period", "2021-T1", &t1, &e)) == 0 &&
	    (rc = rt_store_period_get(s, &a, t1, &closed, &e)) == 0) {
		closed.deadline = "2021-05-15";
		rc = rt_store_period_put(s, &closed, &e);
	}
	for (int w = 0; !rc && w < ANON; w++)
		rc = rt_store_api_token_create(s, who_name[w], "test", tokens[w], &e);
	if (!rc)
		rc = rt_store_commit(s, &e);
	if (!rc && (rc = first_rows(s, 6, "{G6}", "{I6}", "{A6}", "{T6}")) == 0 &&
	    (rc = first_rows(s, 7, "{G7}", "{I7}", "{A7}", NULL)) == 0)
		rc = first_rows(s, 1, "{G1}", NULL, NULL, NULL);
	if (!rc && (rc = rt_store_find_key(s, "org_unit", "rjh-rs", &rs, &e)) == 0)
		set_id("{RS}", rs);
	if (rc)
		fprintf(stderr, "setup: %s\n", e.msg);
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}

/* `tmpl` with every {X} replaced by its id. */
static void expand(rt_buf *out, const char *tmpl)
{
	for (const char *p = tmpl; *p;) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		if (close && close - p < 8) {
			char name[8];
			memcpy(name, p, (size_t)(close - p + 1));
			name[close - p + 1] = '\0';
			rt_buf_addf(out, "%lld", (long long)id_of(name));
			p = close + 1;
		} else {
			rt_buf_addch(out, *p++);
		}
	}
}

/* One request as `w`: a JSON body starts with '{', anything else is sent as
 * a form. */
static long as_who(enum who w, const char *method, const char *path, const char *body,
                   struct http_res *r)
{
	char h[128] = "";
	if (w != ANON)
		snprintf(h, sizeof h, "Authorization: Bearer %s", tokens[w]);
	const char *ct = !body ? NULL : body[0] == '{' ? "application/json"
	                                                : "application/x-www-form-urlencoded";
	return http_do(method, path, ct, body, body ? strlen(body) : 0, w == ANON ? NULL : h, r);
}

/* y: gets past the authorisation (the handler answers: 200, 201, 404,
 * 415, 422 …); f: 403; u: 401 (the API) or 303 to /logga-in (a page). */
struct row {
	const char *method, *path, *body;
	const char expect[N_WHO + 1];   /* admin, A, B, reporter, decider, reader, anon */
};

static const struct row table[] = {
	/* reading */
	{ "GET", "/api/v1/plans", NULL, "yyyyyyu" },
	{ "GET", "/api/v1/plans/{P6}", NULL, "yyfyyyu" },   /* B reads only its own drafts */
	{ "GET", "/api/v1/goals/{G6}", NULL, "yyfyyyu" },
	{ "GET", "/api/v1/goals/{G7}", NULL, "yfyffyu" },
	{ "GET", "/api/v1/goals/{G1}", NULL, "yyyyyyy" },   /* a goal of the decided plan */
	{ "GET", "/plan/{P6}", NULL, "yyfyyyr" },
	{ "GET", "/plan/1", NULL, "yyyyyyy" },
	/* the plan and its content: the planner of the owner unit (or above) */
	{ "PUT", "/api/v1/plans/{P6}", "{\"introduction\":\"Ändrad i test\"}", "yyffffu" },
	{ "PUT", "/api/v1/goals/{G6}", "{\"description\":\"Ändrad i test\"}", "yyffffu" },
	{ "PUT", "/api/v1/goals/{G7}", "{\"description\":\"Ändrad i test\"}", "yfyfffu" },
	{ "POST", "/api/v1/goals/{G6}/activities", "{\"title\":\"Aktivitet från test\"}", "yyffffu" },
	{ "POST", "/api/v1/goals/{G7}/indicators", "{\"name\":\"Indikator från test\"}", "yfyfffu" },
	{ "PUT", "/api/v1/indicators/{I7}", "{\"description\":\"Ändrad i test\"}", "yfyfffu" },
	{ "POST", "/api/v1/indicators/{I6}/targets", "{\"year\":2021,\"text\":\"Minst 5\"}", "yyffffu" },
	{ "PUT", "/api/v1/activities/{A7}", "{\"description\":\"Ändrad i test\"}", "yfyfffu" },
	{ "POST", "/api/v1/plans", "{\"kind\":\"operational_plan\",\"owner_org_id\":{RS},"
	  "\"title\":\"Plan från test\",\"start_year\":2030,\"end_year\":2030}", "yyffffu" },
	{ "POST", "/plan/{P6}/checklista", "svar-environment-1=ja", "yyffffr" },
	{ "POST", "/import", "x=1", "yyyyffr" },   /* reporters upload outcomes */
	/* follow-up in an open period: the reporter of the unit, its planner */
	{ "PUT", "/api/v1/indicators/{I6}/outcomes/2099-T1", "{\"value\":\"5,0 %\"}", "yyfyffu" },
	{ "PUT", "/api/v1/goals/{G6}/assessments/2099-T1", "{\"status\":\"delvis\"}", "yyfyffu" },
	{ "PUT", "/api/v1/activities/{A6}/states/2099-T1", "{\"state\":\"pågår\"}", "yyfyffu" },
	{ "PUT", "/api/v1/goals/{G7}/assessments/2099-T1", "{\"status\":\"delvis\"}", "yfyfffu" },
	{ "POST", "/plan/{P6}/utfall/2099-T1", "x=1", "yyfyffr" },
	/* a closed period: no longer the reporter */
	{ "PUT", "/api/v1/indicators/{I6}/outcomes/2021-T1", "{\"value\":\"5,0 %\"}", "yyffffu" },
	{ "PUT", "/api/v1/activities/{A6}/states/2021-T1", "{\"state\":\"pågår\"}", "yyffffu" },
	{ "POST", "/plan/{P6}/utfall/2021-T1", "x=1", "yyffffr" },
	/* the administrator's */
	{ "POST", "/api/v1/org-units", "{\"kind\":\"unit\",\"name\":\"Enhet från test\"}", "yfffffu" },
	{ "POST", "/api/v1/periods", "{\"key\":\"2098-T1\"}", "yfffffu" },
	/* deletes last */
	{ "DELETE", "/api/v1/activities/{A7}", NULL, "yfyfffu" },
	{ "DELETE", "/api/v1/targets/{T6}", NULL, "yyffffu" },
};

static void test_roles_by_route_class(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		const struct row *row = &table[i];
		rt_buf path = RT_BUF_INIT, body = RT_BUF_INIT;
		expand(&path, row->path);
		if (row->body)
			expand(&body, row->body);
		/* the refusals first, so that a permitted delete comes after them */
		for (int k = 0; k < 2 * N_WHO; k++) {
			int w = k % N_WHO;
			if ((k < N_WHO) == (row->expect[w] == 'y'))
				continue;
			struct http_res r;
			long st = as_who((enum who)w, row->method, path.buf, row->body ? body.buf : NULL,
			                 &r);
			char want = row->expect[w];
			char *loc = res_header(&r, "Location");
			bool to_login = st == 303 && loc && !strcmp(loc, "/logga-in");
			free(loc);
			bool ok = want == 'y' ? st != 401 && st != 403 && !to_login && st >= 200 && st < 500
			        : want == 'f' ? st == 403
			        : want == 'u' ? st == 401
			        : to_login;
			if (want == 'f' && ok && !strncmp(path.buf, "/api/", 5)) {
				json_t *j = res_json(&r);
				ok = !strcmp(err_code(j), "forbidden");
				json_decref(j);
			}
			if (!ok)
				fail_msg("%s %s as %s: %ld, want %c\n%s", row->method, path.buf, who_name[w],
				         st, want, r.body.buf);
			res_release(&r);
		}
		rt_buf_release(&path);
		rt_buf_release(&body);
	}
}

/* A refused write names who and where, and changes nothing. */
static void test_refusal_says_why_and_changes_nothing(void **state)
{
	(void)state;
	rt_buf path = RT_BUF_INIT;
	expand(&path, "/api/v1/goals/{G7}");
	struct http_res r;
	assert_int_equal(as_who(ADMIN, "GET", path.buf, NULL, &r), 200);
	json_t *before = res_json(&r);
	res_release(&r);
	assert_int_equal(as_who(PLANNER_A, "PUT", path.buf, "{\"title\":\"Kapat av A\"}", &r), 403);
	json_t *j = res_json(&r);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "message")),
	                    "planerare saknar behörighet att ändra planer för Regionstyrelsen");
	json_decref(j);
	res_release(&r);
	assert_int_equal(as_who(ADMIN, "GET", path.buf, NULL, &r), 200);
	json_t *after = res_json(&r);
	assert_true(json_equal(before, after));
	json_decref(before);
	json_decref(after);
	res_release(&r);
	rt_buf_release(&path);
}

static const char *err_message(json_t *j)
{
	return json_string_value(json_object_get(json_object_get(j, "error"), "message"));
}

static void test_closed_period(void **state)
{
	(void)state;
	rt_buf path = RT_BUF_INIT;
	expand(&path, "/api/v1/indicators/{I6}/outcomes/2021-T1");
	struct http_res r;
	assert_int_equal(as_who(REPORTER, "PUT", path.buf, "{\"value\":\"4,0 %\"}", &r), 403);
	json_t *j = res_json(&r);
	assert_string_equal(err_message(j),
	                    "Perioden 2021-T1 är stängd sedan 2021-05-15; en planerare kan öppna den igen");
	json_decref(j);
	res_release(&r);
	/* the planner writes anyway (audited as the planner) */
	assert_int_equal(as_who(PLANNER_A, "PUT", path.buf, "{\"value\":\"4,1 %\"}", &r), 200);
	j = res_json(&r);
	assert_string_equal(json_string_value(json_object_get(j, "text")), "4,1 %");
	json_decref(j);
	res_release(&r);
	/* the clock says the deadline has not passed yet: the reporter may */
	setenv("RODTRAD_TEST_NOW", "1620000000", 1);   /* 2021-05-03 */
	assert_int_equal(as_who(REPORTER, "PUT", path.buf, "{\"value\":\"4,2 %\"}", &r), 200);
	res_release(&r);
	unsetenv("RODTRAD_TEST_NOW");
	rt_buf_release(&path);
}

/* Draft → for decision needs the planner and the diarienummer; decided
 * and archived the decision maker of the unit; the decision writes the
 * change-log row with the decider (seed 000's "Beslutat av"). */
static void test_decide(void **state)
{
	(void)state;
	rt_buf body = RT_BUF_INIT;
	expand(&body, "{\"kind\":\"operational_plan\",\"owner_org_id\":{RS},"
	              "\"title\":\"Beslutstest\",\"start_year\":2031,\"end_year\":2031}");
	struct http_res r;
	assert_int_equal(as_who(PLANNER_A, "POST", "/api/v1/plans", body.buf, &r), 201);
	json_t *j = res_json(&r);
	int64_t id = (int64_t)json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	res_release(&r);
	rt_buf_release(&body);
	char path[64];
	snprintf(path, sizeof path, "/api/v1/plans/%lld", (long long)id);

	assert_int_equal(as_who(PLANNER_A, "PUT", path, "{\"status\":\"for_decision\"}", &r), 422);
	j = res_json(&r);
	assert_string_equal(err_message(j), "Planen måste ha ett diarienummer innan den går till beslut");
	json_decref(j);
	res_release(&r);
	assert_int_equal(as_who(REPORTER, "PUT", path, "{\"status\":\"for_decision\","
	                        "\"case_number\":\"RS/TEST/2031\"}", &r), 403);
	res_release(&r);
	assert_int_equal(as_who(PLANNER_A, "PUT", path, "{\"status\":\"for_decision\","
	                        "\"case_number\":\"RS/TEST/2031\"}", &r), 200);
	res_release(&r);
	/* deciding is not the planner's, nor the reporter's */
	assert_int_equal(as_who(PLANNER_A, "PUT", path, "{\"status\":\"decided\"}", &r), 403);
	j = res_json(&r);
	assert_string_equal(err_message(j),
	                    "planerare saknar behörighet att besluta planer för Regionstyrelsen");
	json_decref(j);
	res_release(&r);
	assert_int_equal(as_who(PLANNER_B, "PUT", path, "{\"status\":\"decided\"}", &r), 403);
	res_release(&r);
	/* the decision maker decides, but does not edit on the way */
	assert_int_equal(as_who(DECIDER, "PUT", path, "{\"status\":\"decided\",\"title\":\"Annan\"}",
	                        &r), 403);
	j = res_json(&r);
	assert_string_equal(err_code(j), "forbidden");
	assert_non_null(strstr(err_message(j), "beslutsfattare saknar behörighet att ändra planer"));
	json_decref(j);
	res_release(&r);
	assert_int_equal(as_who(DECIDER, "PUT", path, "{\"status\":\"decided\"}", &r), 200);
	j = res_json(&r);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "decided");
	json_decref(j);
	res_release(&r);

	rt_store *s;
	rt_err e = RT_ERR_INIT;
	struct rt_plan_doc d;
	rt_plan_doc_init(&d);
	assert_int_equal(rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &e), 0);
	assert_int_equal(rt_store_plan_load(s, id, &d, &e), 0);
	assert_int_equal(d.n_changes, 1);
	assert_int_equal(d.changes[0].version, 1);
	assert_string_equal(d.changes[0].change, "Nyutgåva");
	assert_string_equal(d.changes[0].decided_by, "Demo Beslutsfattare (Region Jämtland Härjedalen)");
	assert_int_equal(strlen(d.changes[0].date), 10);
	rt_plan_doc_release(&d);
	rt_store_close(s);

	/* archiving is the decision maker's too */
	assert_int_equal(as_who(PLANNER_A, "PUT", path, "{\"status\":\"archived\"}", &r), 403);
	res_release(&r);
	assert_int_equal(as_who(DECIDER, "PUT", path, "{\"status\":\"archived\"}", &r), 200);
	res_release(&r);
}

#define BOUNDARY "rt-authz-boundary"

/* POST /import as `w` with an outcome file (API key, so no CSRF token). */
static long import_as(enum who w, const char *csv, struct http_res *r)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_addf(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"fil\"; "
	                "filename=\"utfall.csv\"\r\nContent-Type: text/csv\r\n\r\n%s\r\n"
	                "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"atgard\"\r\n\r\n"
	                "importera\r\n--" BOUNDARY "--\r\n", csv);
	char h[128];
	snprintf(h, sizeof h, "Authorization: Bearer %s", tokens[w]);
	long st = http_do("POST", "/import", "multipart/form-data; boundary=" BOUNDARY, b.buf, b.len,
	                  h, r);
	rt_buf_release(&b);
	return st;
}

static int64_t outcomes_of(const char *indicator_key)
{
	rt_store *s;
	rt_err e = RT_ERR_INIT;
	struct rt_plan_doc d;
	int64_t id = 0, n = -1, *owners;
	rt_plan_doc_init(&d);
	if (rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &e) != 0)
		return -1;
	if (rt_store_find_key(s, "indicator", indicator_key, &id, &e) == 0 &&
	    rt_store_indicators_load(s, &id, 1, &d, &owners, &e) == 0)
		n = (int64_t)d.n_outcomes;
	rt_plan_doc_release(&d);
	rt_store_close(s);
	return n;
}

/* A reporter uploads outcomes through the web import; every row's unit and
 * period are checked by the store, and one refused row refuses the file
 * (403, the row named, nothing saved). */
static void test_import_by_reporter(void **state)
{
	(void)state;
	struct http_res r;
	setenv("RODTRAD_TEST_NOW", "1620000000", 1);   /* 2021-05-03: 2021-T1 is open */
	int64_t own = outcomes_of("rjh-rs-2021-sjukfranvaro-ind");
	int64_t other = outcomes_of("rh-rs-2024-personalomsattning");
	assert_true(own >= 0 && other >= 0);
	assert_int_equal(import_as(REPORTER, "indikator;period;värde\n"
	                           "rjh-rs-2021-sjukfranvaro-ind;2021-T1;4,3 %\n"
	                           "rh-rs-2024-personalomsattning;2021-T1;7,0 %\n", &r), 403);
	assert_non_null(strstr(r.body.buf, "rad 3"));
	assert_non_null(strstr(r.body.buf, "rapportor saknar behörighet att rapportera utfall"));
	assert_non_null(strstr(r.body.buf, "Ingenting lästes in"));
	res_release(&r);
	assert_int_equal(outcomes_of("rjh-rs-2021-sjukfranvaro-ind"), own);
	assert_int_equal(outcomes_of("rh-rs-2024-personalomsattning"), other);
	/* its own unit's rows go in */
	assert_int_equal(import_as(REPORTER, "indikator;period;värde\n"
	                           "rjh-rs-2021-sjukfranvaro-ind;2021-T1;4,3 %\n", &r), 200);
	assert_non_null(strstr(r.body.buf, "Utfallen är inlästa"));
	res_release(&r);
	unsetenv("RODTRAD_TEST_NOW");
	/* after the deadline the period is closed for the reporter's file too */
	assert_int_equal(import_as(REPORTER, "indikator;period;värde\n"
	                           "rjh-rs-2021-sjukfranvaro-ind;2021-T1;4,2 %\n", &r), 422);
	assert_non_null(strstr(r.body.buf, "Perioden 2021-T1 är stängd"));
	res_release(&r);
	/* a reader may not upload at all */
	assert_int_equal(import_as(READER, "indikator;period;värde\n", &r), 403);
	res_release(&r);
}

/* Budget frames, economic follow-up, board feedback and the planning
 * process are written through the same decision: the planner of the unit,
 * region-wide rows the administrator. */
static void test_region_data(void **state)
{
	(void)state;
	rt_store *s;
	rt_err e = RT_ERR_INIT;
	rt_arena a = RT_ARENA_INIT;
	struct rt_principal b, adm;
	int64_t rs = id_of("{RS}"), t1 = 0;
	assert_int_equal(rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &e), 0);
	assert_int_equal(rt_store_principal(s, &a, "halland", &b, &e), 0);
	assert_int_equal(rt_store_principal(s, &a, "admin", &adm, &e), 0);
	assert_int_equal(rt_store_find_key(s, "period", "2021-T1", &t1, &e), 0);
	rt_store_set_principal(s, &b);
	assert_int_equal(rt_store_begin(s, "halland", &e), 0);
	struct rt_budget_frame f = { 0, rs, 2031, -1000, NULL };
	assert_int_equal(rt_store_budget_frame_put(s, &f, &e), RT_EFORBIDDEN);
	assert_string_equal(e.msg, "halland saknar behörighet att ändra planer");
	struct rt_econ_followup ec = { 0, rs, t1, 1, 2, 3, 4, NULL };
	assert_int_equal(rt_store_econ_followup_put(s, &ec, &e), RT_EFORBIDDEN);
	struct rt_process_cycle c = { 0, rs, 2031, "Planeringsprocess 2031", NULL };
	assert_int_equal(rt_store_process_cycle_put(s, &c, &e), RT_EFORBIDDEN);
	rt_store_rollback(s);
	rt_store_set_principal(s, &adm);
	assert_int_equal(rt_store_begin(s, "admin", &e), 0);
	f.id = 0;
	assert_int_equal(rt_store_budget_frame_put(s, &f, &e), 0);
	c.id = 0;
	assert_int_equal(rt_store_process_cycle_put(s, &c, &e), 0);
	assert_int_equal(rt_store_setting_put(s, 0, "default_tolerance", "10", &e), 0);
	assert_int_equal(rt_store_commit(s, &e), 0);
	/* the process's phases, settings and Kolada mappings too */
	rt_store_set_principal(s, &b);
	assert_int_equal(rt_store_begin(s, "halland", &e), 0);
	struct rt_process_phase ph = { 0, c.id, 1, "Planeringsförutsättningar (PF)", "2031-01-01",
	                               "2031-03-31", NULL, NULL };
	assert_int_equal(rt_store_process_phase_put(s, &ph, &e), RT_EFORBIDDEN);
	assert_int_equal(rt_store_setting_put(s, rs, "default_tolerance", "2", &e), RT_EFORBIDDEN);
	assert_int_equal(rt_store_setting_put(s, 0, "default_tolerance", "5", &e),
	                 RT_EFORBIDDEN);
	assert_string_equal(e.msg, "halland saknar behörighet att administrera");
	struct rt_kolada_map km = { 0, id_of("{I6}"), "N00945", "0000", NULL, 0 };
	assert_int_equal(rt_store_kolada_map_put(s, &km, &e), RT_EFORBIDDEN);
	rt_store_rollback(s);
	/* the planner of the unit may */
	struct rt_principal pa;
	assert_int_equal(rt_store_principal(s, &a, "planerare", &pa, &e), 0);
	rt_store_set_principal(s, &pa);
	assert_int_equal(rt_store_begin(s, "planerare", &e), 0);
	assert_int_equal(rt_store_process_phase_put(s, &ph, &e), 0);
	assert_int_equal(rt_store_setting_put(s, rs, "default_tolerance", "2", &e), 0);
	rt_store_rollback(s);
	rt_store_set_principal(s, NULL);
	rt_arena_release(&a);
	rt_store_close(s);
}

/* openapi.json says how to log in and that every closed operation may
 * answer 401 and 403. */
static void test_openapi_security(void **state)
{
	(void)state;
	struct http_res r;
	assert_int_equal(as_who(ANON, "GET", "/api/v1/openapi.json", NULL, &r), 200);
	json_t *doc = res_json(&r);
	res_release(&r);
	json_t *schemes = json_object_get(json_object_get(doc, "components"), "securitySchemes");
	assert_string_equal(json_string_value(json_object_get(json_object_get(schemes, "session"),
	                                                      "name")), "rt_session");
	assert_string_equal(json_string_value(json_object_get(json_object_get(schemes, "bearer"),
	                                                      "scheme")), "bearer");
	for (const struct rt_http_route *rt = rt_routes_api; rt->method; rt++) {
		char m[8];
		size_t i = 0;
		for (; rt->method[i] && i < sizeof m - 1; i++)
			m[i] = (char)(rt->method[i] - 'A' + 'a');
		m[i] = '\0';
		json_t *op = json_object_get(json_object_get(json_object_get(doc, "paths"), rt->pattern), m);
		json_t *res = json_object_get(op, "responses");
		bool open = rt->perm == RT_PERM_PUBLIC;
		if (open != !json_object_get(res, "401") || open != !json_object_get(res, "403"))
			fail_msg("%s %s: 401/403 %s documented", rt->method, rt->pattern,
			         open ? "wrongly" : "not");
	}
	json_decref(doc);
}

/* The CLI writes through the same decision: --as names the user. */
static void test_cli_as(void **state)
{
	(void)state;
	struct { int code; const char *want; const char *argv[12]; } cases[] = {
		{ 1, "det finns ingen användare 'okand' (--as)",
		  { "--as", "okand", "plan", "new-version", "6", "--change", "x", "--db", db_path } },
		{ 1, "rapportor saknar behörighet att ändra planer för Regionstyrelsen",
		  { "--as", "rapportor", "plan", "new-version", "6", "--change", "x", "--db", db_path } },
		{ 1, "halland saknar behörighet att ändra planer för Regionstyrelsen",
		  { "--as", "halland", "plan", "checklist", "6", "answer", "environment", "1", "ja",
		    "--db", db_path } },
		{ 0, "fråga 1",
		  { "--as", "planerare", "plan", "checklist", "6", "answer", "environment", "1", "ja",
		    "--db", db_path } },
		{ 1, "rapportor saknar behörighet att öppna perioder igen",
		  { "period", "reopen", "2021-T1", "--until", "2099-12-31", "--as", "rapportor", "--db",
		    db_path } },
		{ 1, "Perioden 2021-T1 är stängd sedan 2021-05-15; en planerare kan öppna den igen",
		  { "--as", "rapportor", "outcome", "set", "--indicator", "rjh-rs-2021-sjukfranvaro-ind",
		    "--period", "2021-T1", "4,4 %", "--db", db_path } },
		{ 1, "halland saknar behörighet att rapportera utfall",
		  { "--as", "halland", "outcome", "set", "--indicator", "rjh-rs-2021-sjukfranvaro-ind",
		    "--period", "2099-T1", "4,4 %", "--db", db_path } },
		{ 0, "Perioden 2021-T1 är öppen för rapportering till och med 2099-12-31",
		  { "--as", "planerare", "period", "reopen", "2021-T1", "--until", "2099-12-31", "--db",
		    db_path } },
		{ 0, "4,4 %",
		  { "--as", "rapportor", "outcome", "set", "--indicator", "rjh-rs-2021-sjukfranvaro-ind",
		    "--period", "2021-T1", "4,4 %", "--db", db_path } },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rt_buf out = RT_BUF_INIT, err = RT_BUF_INIT;
		int rc = rt_test_run(&out, &err, cases[i].argv);
		if (rc != cases[i].code || !strstr(rc ? err.buf : out.buf, cases[i].want))
			fail_msg("case %zu: exit %d (want %d), missing \"%s\"\nstdout:\n%s\nstderr:\n%s", i,
			         rc, cases[i].code, cases[i].want, out.buf, err.buf);
		rt_buf_release(&out);
		rt_buf_release(&err);
	}
	/* user administration is the administrator's; one's own password is one's own */
	struct { int code; const char *want; const char *argv[12]; } users[] = {
		{ 1, "rapportor saknar behörighet att administrera",
		  { "--as", "rapportor", "user", "disable", "lasare", "--db", db_path } },
		{ 1, "planerare saknar behörighet att administrera",
		  { "--as", "planerare", "user", "role", "add", "lasare", "planner", "--db", db_path } },
		{ 1, "beslutsfattare saknar behörighet att administrera",
		  { "--as", "beslutsfattare", "user", "token", "lasare", "--db", db_path } },
		{ 0, "lasare har fått rollen reporter",
		  { "--as", "admin", "user", "role", "add", "lasare", "reporter", "--org", "rjh-rs",
		    "--db", db_path } },
	};
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
		rt_buf out = RT_BUF_INIT, err = RT_BUF_INIT;
		int rc = rt_test_run(&out, &err, users[i].argv);
		if (rc != users[i].code || !strstr(rc ? err.buf : out.buf, users[i].want))
			fail_msg("user case %zu: exit %d (want %d), missing \"%s\"\nstdout:\n%s\nstderr:\n%s",
			         i, rc, users[i].code, users[i].want, out.buf, err.buf);
		rt_buf_release(&out);
		rt_buf_release(&err);
	}
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "printf 'Nytt-losen-123\\n' | \"%s\" --as lasare user passwd %s "
	         "--db '%s' >/dev/null 2>&1", getenv("RODTRAD_BIN"), "lasare", db_path);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "printf 'Nytt-losen-123\\n' | \"%s\" --as lasare user passwd %s "
	         "--db '%s' >/dev/null 2>&1", getenv("RODTRAD_BIN"), "rapportor", db_path);
	assert_int_not_equal(system(cmd), 0);

	/* the audit log names the --as user */
	rt_store *s;
	rt_err e = RT_ERR_INIT;
	rt_arena a = RT_ARENA_INIT;
	struct rt_audit_row *rows;
	size_t n;
	assert_int_equal(rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &e), 0);
	assert_int_equal(rt_store_audit_list(s, &a, "outcome", 0, &rows, &n, &e), 0);
	assert_true(n > 0);
	assert_string_equal(rows[n - 1].actor, "rapportor");
	rt_arena_release(&a);
	rt_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles_by_route_class),
		cmocka_unit_test(test_refusal_says_why_and_changes_nothing),
		cmocka_unit_test(test_closed_period),
		cmocka_unit_test(test_decide),
		cmocka_unit_test(test_openapi_security),
		cmocka_unit_test(test_import_by_reporter),
		cmocka_unit_test(test_region_data),
		cmocka_unit_test(test_cli_as),
	};
	return cmocka_run_group_tests(tests, authz_setup, http_teardown);
}
