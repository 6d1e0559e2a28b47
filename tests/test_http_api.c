/* The JSON API end to end: the server in-process on an ephemeral port over
 * a demo database, driven with libcurl. Every route with real seed values
 * (seed 003 Regionstyrelsens verksamhetsplan 2021 and its 2021-T1
 * outcomes, the seed-000 goal chain), the error cases (400 bad JSON,
 * invalid UTF-8, unknown field; 415; 422 domain rules; 404; 409) with
 * nothing changed, and the OpenAPI description checked against the router
 * in both directions. */
#define HTTP_TEST_DB "http_api.db"
#include "test_http.h"

#include <strings.h>

static json_t *get_json(const char *path, long want_status)
{
	struct http_res r;
	assert_int_equal(http_get(path, &r), want_status);
	json_t *j = res_json(&r);
	res_release(&r);
	return j;
}

/* Sends a write and expects `status`; returns the body as JSON. */
static json_t *send_json(const char *method, const char *path, const char *body, long status)
{
	struct http_res r;
	long got = http_json(method, path, body, &r);
	if (got != status)
		fail_msg("%s %s: %ld, want %ld: %s", method, path, got, status, r.body.buf);
	json_t *j = r.body.len ? res_json(&r) : json_null();
	res_release(&r);
	return j;
}

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static json_int_t num(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* "/api/v1/plans/" 6 "/findings" → "/api/v1/plans/6/findings" (malloc'd) */
static char *fmt(const char *pre, long long id, const char *post)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_addf(&b, "%s%lld%s", pre, id, post);
	return rt_buf_detach(&b, NULL);
}

static void test_openapi_matches_router(void **state)
{
	(void)state;
	json_t *doc = get_json("/api/v1/openapi.json", 200);
	assert_string_equal(str(doc, "openapi"), "3.0.3");
	json_t *paths = json_object_get(doc, "paths");
	size_t n_routes = 0;
	for (const struct rt_http_route *r = rt_routes_api; r->method; r++, n_routes++) {
		char lower[16];
		size_t i = 0;
		for (; r->method[i] && i < sizeof(lower) - 1; i++)
			lower[i] = (char)(r->method[i] - 'A' + 'a');
		lower[i] = '\0';
		json_t *op = json_object_get(json_object_get(paths, r->pattern), lower);
		if (!op)
			fail_msg("route %s %s is not in openapi.json", r->method, r->pattern);
		assert_non_null(json_object_get(op, "responses"));
	}
	/* and every documented operation is routed */
	size_t n_ops = 0;
	const char *path;
	json_t *ops;
	json_object_foreach(paths, path, ops) {
		const char *m;
		json_t *op;
		json_object_foreach(ops, m, op) {
			bool found = false;
			for (const struct rt_http_route *r = rt_routes_api; r->method; r++)
				if (!strcmp(r->pattern, path) && !strcasecmp(r->method, m))
					found = true;
			if (!found)
				fail_msg("openapi.json documents %s %s, which the router lacks", m, path);
			n_ops++;
		}
	}
	assert_int_equal(n_ops, n_routes);
	/* No web page hides under /api/. */
	for (const struct rt_http_route *r = rt_routes_web; r->method; r++)
		assert_true(strncmp(r->pattern, "/api/", 5) != 0);
	json_decref(doc);
}

static void test_plans(void **state)
{
	(void)state;
	json_t *plans = get_json("/api/v1/plans", 200);
	assert_int_equal(json_array_size(plans), 9);
	int64_t rs21 = key_id("plan", "rjh-rs-vp-2021");
	bool seen = false;
	size_t i;
	json_t *p;
	json_array_foreach(plans, i, p)
		if (num(p, "id") == rs21) {
			assert_string_equal(str(p, "title"), "Regionstyrelsens verksamhetsplan 2021");
			assert_string_equal(str(p, "kind"), "operational_plan");
			seen = true;
		}
	assert_true(seen);
	json_decref(plans);

	char *path = fmt("/api/v1/plans/", rs21, "");
	json_t *tree = get_json(path, 200);
	assert_string_equal(str(tree, "title"), "Regionstyrelsens verksamhetsplan 2021");
	assert_string_equal(str(json_object_get(tree, "owner"), "name"), "Regionstyrelsen");
	json_t *goals = json_object_get(tree, "goals");
	assert_true(json_array_size(goals) > 0);
	/* the sjukfrånvaro indicator sits somewhere in the tree with its target */
	char *dump = json_dumps(tree, 0);
	assert_non_null(strstr(dump, "\"key\": \"rjh-rs-2021-sjukfranvaro-ind\""));
	assert_non_null(strstr(dump, "\"text\": \"4,6 %\""));
	free(dump);
	json_decref(tree);
	free(path);

	json_t *e = get_json("/api/v1/plans/999999", 404);
	assert_string_equal(err_code(e), "not_found");
	json_decref(e);
	e = get_json("/api/v1/plans/abc", 404);
	json_decref(e);
}

static void test_plan_create_update_findings(void **state)
{
	(void)state;
	int64_t rd = key_id("org_unit", "rjh-rd");
	rt_buf body = RT_BUF_INIT;
	rt_buf_addf(&body, "{\"kind\":\"action_plan\",\"owner_org_id\":%lld,\"title\":\"Plan för test\","
	                   "\"start_year\":2025,\"end_year\":2025}", (long long)rd);
	json_t *p = send_json("POST", "/api/v1/plans", body.buf, 201);
	int64_t id = num(p, "id");
	assert_true(id > 0);
	assert_string_equal(str(p, "status"), "draft");
	json_decref(p);

	/* seed 000 §2.4: an action plan's title names its subject and year */
	char *path = fmt("/api/v1/plans/", id, "/findings");
	json_t *f = get_json(path, 200);
	char *dump = json_dumps(f, 0);
	assert_non_null(strstr(dump, "action_plan_title"));
	free(dump);
	json_decref(f);
	free(path);

	path = fmt("/api/v1/plans/", id, "");
	p = send_json("PUT", path, "{\"title\":\"Övergripande handlingsplan för test 2025\"}", 200);
	assert_string_equal(str(p, "title"), "Övergripande handlingsplan för test 2025");
	json_decref(p);
	/* draft → decided skips "för beslut": 409, nothing changed */
	json_t *e = send_json("PUT", path, "{\"status\":\"decided\"}", 409);
	assert_string_equal(err_field(e), "status");
	json_decref(e);
	/* end before start: the core's field check, 422 */
	e = send_json("PUT", path, "{\"end_year\":2020}", 422);
	json_decref(e);
	p = get_json(path, 200);
	assert_int_equal(num(p, "end_year"), 2025);
	assert_string_equal(str(p, "status"), "draft");
	json_decref(p);
	free(path);

	e = send_json("POST", "/api/v1/plans", "{\"title\":\"x\",\"start_year\":2025,\"end_year\":2025}",
	              422);
	assert_string_equal(err_field(e), "owner_org_id");
	json_decref(e);
	rt_buf_release(&body);
}

static void test_org_units(void **state)
{
	(void)state;
	json_t *l = get_json("/api/v1/org-units", 200);
	assert_true(json_array_size(l) >= 12);
	json_decref(l);
	int64_t rs = key_id("org_unit", "rjh-rs");
	char *path = fmt("/api/v1/org-units/", rs, "");
	json_t *u = get_json(path, 200);
	assert_string_equal(str(u, "name"), "Regionstyrelsen");
	assert_string_equal(str(u, "kind"), "board");
	json_decref(u);
	free(path);

	rt_buf b = RT_BUF_INIT;
	rt_buf_addf(&b, "{\"parent_id\":%lld,\"kind\":\"unit\",\"key\":\"test-enhet\",\"name\":\"Testenheten\"}",
	            (long long)key_id("org_unit", "rjh-rd"));
	u = send_json("POST", "/api/v1/org-units", b.buf, 201);
	int64_t id = num(u, "id");
	json_decref(u);
	path = fmt("/api/v1/org-units/", id, "");
	u = send_json("PUT", path, "{\"name\":\"Testenheten Öst\"}", 200);
	assert_string_equal(str(u, "name"), "Testenheten Öst");
	json_decref(u);
	/* a blank name and a cycle are refused by the core */
	json_t *e = send_json("PUT", path, "{\"name\":\"  \"}", 422);
	assert_string_equal(err_field(e), "name");
	json_decref(e);
	rt_buf_reset(&b);
	rt_buf_addf(&b, "{\"parent_id\":%lld}", (long long)id);
	e = send_json("PUT", path, b.buf, 422);
	assert_string_equal(err_field(e), "parent_id");
	json_decref(e);
	/* a second unit with the same key: 409 */
	rt_buf_reset(&b);
	rt_buf_addstr(&b, "{\"kind\":\"unit\",\"key\":\"test-enhet\",\"name\":\"Dubblett\"}");
	e = send_json("POST", "/api/v1/org-units", b.buf, 409);
	json_decref(e);
	free(path);
	rt_buf_release(&b);
}

/* The audit log of one row: its actions in order, all by the logged-in user. */
static void assert_audited(const char *entity, int64_t id, const char *actions)
{
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	rt_arena a = RT_ARENA_INIT;
	struct rt_audit_row *rows = NULL;
	size_t n = 0;
	assert_int_equal(rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &err), 0);
	assert_int_equal(rt_store_audit_list(s, &a, entity, id, &rows, &n, &err), 0);
	rt_buf got = RT_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		rt_buf_addf(&got, "%s%s", i ? "," : "", rows[i].action);
		assert_string_equal(rows[i].actor, "admin");   /* the logged-in user */
	}
	assert_string_equal(got.buf, actions);
	/* the delete keeps the row as it was */
	if (n && !strcmp(rows[n - 1].action, "delete")) {
		assert_non_null(rows[n - 1].before);
		assert_null(rows[n - 1].after);
	}
	rt_buf_release(&got);
	rt_arena_release(&a);
	rt_store_close(s);
}

static void test_goals_chain_activities_targets(void **state)
{
	(void)state;
	/* seed 000: the regionplan's goal is served by the RS plan's goal */
	int64_t top = key_id("goal", "rjh-rp-2016-attraktiv-arbetsgivare");
	char *path = fmt("/api/v1/goals/", top, "/chain");
	json_t *c = get_json(path, 200);
	char *dump = json_dumps(c, 0);
	assert_non_null(strstr(dump, "Minska antalet sjukskrivningar jämfört med 2015."));
	free(dump);
	assert_true(json_array_size(json_object_get(c, "down")) >= 3);
	json_decref(c);
	free(path);
	json_t *e = get_json("/api/v1/goals/999999/chain", 404);
	json_decref(e);

	path = fmt("/api/v1/goals/", top, "");
	json_t *g = get_json(path, 200);
	assert_string_equal(str(g, "plan_title"), "Regionplan 2016");
	json_decref(g);
	free(path);

	/* a new goal, indicator, target and activity in a draft plan */
	int64_t plan = key_id("plan", "rjh-rd-vp-2016");
	path = fmt("/api/v1/plans/", plan, "/goals");
	rt_buf b = RT_BUF_INIT;
	rt_buf_addf(&b, "{\"title\":\"Testmål\",\"serves_goal_id\":%lld}", (long long)top);
	g = send_json("POST", path, b.buf, 201);
	int64_t gid = num(g, "id");
	assert_int_equal(num(g, "serves_goal_id"), top);
	json_decref(g);
	e = send_json("POST", path, "{\"title\":\"\"}", 422);
	assert_string_equal(err_field(e), "title");
	json_decref(e);
	free(path);
	/* a chain link into a lower plan is refused */
	path = fmt("/api/v1/goals/", top, "");
	rt_buf_reset(&b);
	rt_buf_addf(&b, "{\"serves_goal_id\":%lld}", (long long)gid);
	e = send_json("PUT", path, b.buf, 422);
	assert_string_equal(err_field(e), "serves_goal_id");
	json_decref(e);
	free(path);
	path = fmt("/api/v1/goals/", gid, "");
	g = send_json("PUT", path, "{\"code\":\"9.9\"}", 200);
	assert_string_equal(str(g, "code"), "9.9");
	assert_string_equal(str(g, "title"), "Testmål");
	json_decref(g);
	free(path);

	path = fmt("/api/v1/goals/", gid, "/indicators");
	json_t *ind = send_json("POST", path, "{\"name\":\"Andel klara\",\"unit\":\"%\",\"direction\":\"higher\"}", 201);
	int64_t iid = num(ind, "id");
	json_decref(ind);
	e = send_json("POST", path, "{\"name\":\"x\",\"direction\":\"sideways\"}", 422);
	assert_string_equal(err_field(e), "direction");
	json_decref(e);
	free(path);
	path = fmt("/api/v1/indicators/", iid, "");
	ind = send_json("PUT", path, "{\"tolerance\":5}", 200);
	assert_true(json_real_value(json_object_get(ind, "tolerance")) == 5.0);
	json_decref(ind);
	free(path);

	path = fmt("/api/v1/indicators/", iid, "/targets");
	json_t *t = send_json("POST", path, "{\"year\":2016,\"text\":\"≥ 80 %\"}", 201);
	int64_t tid = num(t, "id");
	assert_true(json_real_value(json_object_get(t, "value")) == 80.0);
	json_decref(t);
	/* Ja/Delvis/Nej is no target for a quantitative indicator */
	e = send_json("POST", path, "{\"year\":2017,\"text\":\"Ja\"}", 422);
	json_decref(e);
	free(path);
	path = fmt("/api/v1/targets/", tid, "");
	struct http_res r;
	assert_int_equal(http_do("DELETE", path, NULL, NULL, 0, NULL, &r), 204);
	res_release(&r);
	assert_int_equal(http_do("DELETE", path, NULL, NULL, 0, NULL, &r), 404);
	res_release(&r);
	free(path);

	path = fmt("/api/v1/goals/", gid, "/activities");
	json_t *a = send_json("POST", path, "{\"title\":\"Utbilda chefer\",\"start_date\":\"2016-01-01\","
	                                     "\"end_date\":\"2016-06-30\"}", 201);
	int64_t aid = num(a, "id");
	json_decref(a);
	e = send_json("POST", path, "{\"title\":\"x\",\"start_date\":\"2016-13-01\"}", 422);
	json_decref(e);
	free(path);
	path = fmt("/api/v1/activities/", aid, "");
	a = send_json("PUT", path, "{\"owner\":\"HR-direktören\"}", 200);
	assert_string_equal(str(a, "owner"), "HR-direktören");
	assert_string_equal(str(a, "title"), "Utbilda chefer");
	json_decref(a);
	a = get_json(path, 200);
	assert_string_equal(str(a, "end_date"), "2016-06-30");
	json_decref(a);
	assert_int_equal(http_do("DELETE", path, NULL, NULL, 0, NULL, &r), 204);
	res_release(&r);
	e = get_json(path, 404);
	json_decref(e);
	free(path);
	rt_buf_release(&b);
	assert_audited("activity", aid, "insert,update,delete");
}

static void test_outcomes(void **state)
{
	(void)state;
	int64_t ind = key_id("indicator", "rjh-rs-2021-sjukfranvaro-ind");
	char *path = fmt("/api/v1/indicators/", ind, "/outcomes/2021-T1");
	json_t *o = get_json(path, 200);
	assert_string_equal(str(o, "text"), "5,4 %");
	assert_string_equal(str(o, "status"), "not_achieved");
	assert_string_equal(str(o, "status_symbol"), "■");
	json_decref(o);

	/* bad input changes nothing */
	struct http_res r;
	assert_int_equal(http_json("PUT", path, "{\"value\":\"4,5 %\",\"extra\":1}", &r), 400);
	json_t *e = res_json(&r);
	assert_string_equal(err_code(e), "unknown_field");
	assert_string_equal(err_field(e), "extra");
	json_decref(e);
	res_release(&r);
	assert_int_equal(http_json("PUT", path, "{\"value\":\"4,5 %\"", &r), 400);
	res_release(&r);
	assert_int_equal(http_json("PUT", path, "[1,2]", &r), 400);
	res_release(&r);
	const char bad_utf8[] = "{\"value\":\"4,5 \xff%\"}";
	assert_int_equal(http_do("PUT", path, "application/json", bad_utf8, sizeof(bad_utf8) - 1, NULL,
	                         &r), 400);
	res_release(&r);
	assert_int_equal(http_do("PUT", path, "text/plain", "{}", 2, NULL, &r), 415);
	res_release(&r);
	assert_int_equal(http_json("PUT", path, "{\"value\":42}", &r), 400);
	res_release(&r);
	assert_int_equal(http_json("PUT", path, "{\"value\":\"fyra\"}", &r), 422);
	e = res_json(&r);
	assert_string_equal(err_code(e), "invalid");
	json_decref(e);
	res_release(&r);
	/* a chosen status against the rule needs a reason */
	assert_int_equal(http_json("PUT", path, "{\"value\":\"4,5 %\",\"status\":\"ej\"}", &r), 422);
	e = res_json(&r);
	assert_string_equal(err_field(e), "reason");
	json_decref(e);
	res_release(&r);
	o = get_json(path, 200);
	assert_string_equal(str(o, "text"), "5,4 %");
	assert_int_equal(json_array_size(json_object_get(o, "history")), 0);
	json_decref(o);

	/* a correction: 4,5 % meets ≤ 4,6 %, and the old value is history */
	o = send_json("PUT", path, "{\"value\":\"4,5 %\",\"comment\":\"Rättat\"}", 200);
	assert_string_equal(str(o, "status"), "achieved");
	assert_string_equal(str(o, "computed_status"), "achieved");
	assert_string_equal(str(o, "status_symbol"), "●");
	assert_string_equal(str(o, "target"), "4,6 %");
	assert_true(json_is_true(json_object_get(o, "updated")));
	json_decref(o);
	/* 4,9 % misses 4,6 % by less than 10 %: ◆ delvis */
	o = send_json("POST", path, "{\"value\":\"4,9 %\"}", 200);
	assert_string_equal(str(o, "computed_status"), "partly");
	json_decref(o);
	o = get_json(path, 200);
	assert_string_equal(str(o, "text"), "4,9 %");
	json_t *h = json_object_get(o, "history");
	assert_int_equal(json_array_size(h), 2);
	assert_string_equal(str(json_array_get(h, 0), "text"), "5,4 %");
	json_decref(o);
	free(path);

	e = get_json("/api/v1/indicators/999999/outcomes/2021-T1", 404);
	json_decref(e);
	path = fmt("/api/v1/indicators/", ind, "/outcomes/1999-T1");
	e = get_json(path, 404);
	assert_string_equal(err_field(e), "period");
	json_decref(e);
	free(path);

	path = fmt("/api/v1/indicators/", ind, "");
	json_t *full = get_json(path, 200);
	/* the period by id reads the same outcome, named by its key */
	json_int_t period_id = json_integer_value(json_object_get(
		json_array_get(json_object_get(full, "outcomes"), 0), "period_id"));
	rt_buf by_id = RT_BUF_INIT;
	rt_buf_addf(&by_id, "/api/v1/indicators/%lld/outcomes/%lld", (long long)ind,
	            (long long)period_id);
	o = get_json(by_id.buf, 200);
	assert_string_equal(str(o, "period"), "2021-T1");
	assert_string_equal(str(o, "text"), "4,9 %");
	json_decref(o);
	rt_buf_release(&by_id);
	assert_int_equal(json_array_size(json_object_get(full, "outcomes")), 1);
	assert_string_equal(str(json_array_get(json_object_get(full, "targets"), 0), "text"), "4,6 %");
	json_decref(full);
	free(path);
}

/* The goal of the plan's first assessment and its first activity. */
static void first_ids(int64_t plan, int64_t *goal, int64_t *act)
{
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &err), 0);
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	assert_int_equal(rt_store_plan_load(s, plan, &doc, &err), 0);
	assert_true(doc.n_assessments > 0 && doc.n_activities > 0);
	*goal = doc.assessments[0].goal_id;
	*act = doc.activities[0].id;
	rt_plan_doc_release(&doc);
	rt_store_close(s);
}

static void test_periods_followup_assessments(void **state)
{
	(void)state;
	json_t *l = get_json("/api/v1/periods", 200);
	assert_string_equal(str(json_array_get(l, 0), "key"), "2021-T1");
	json_decref(l);
	json_t *p = get_json("/api/v1/periods/2021-T1", 200);
	assert_string_equal(str(p, "end_date"), "2021-04-30");
	json_decref(p);
	p = send_json("POST", "/api/v1/periods", "{\"key\":\"2021-T2\"}", 201);
	assert_string_equal(str(p, "start_date"), "2021-01-01");
	assert_string_equal(str(p, "end_date"), "2021-08-31");
	json_decref(p);
	json_t *e = send_json("POST", "/api/v1/periods", "{\"key\":\"2021-T2\"}", 409);
	json_decref(e);
	e = send_json("POST", "/api/v1/periods", "{\"key\":\"2021-T9\"}", 422);
	json_decref(e);
	e = get_json("/api/v1/periods/2030-T1", 404);
	json_decref(e);

	int64_t plan = key_id("plan", "rjh-rs-vp-2021");
	char *path = fmt("/api/v1/plans/", plan, "/followup/2021-T1");
	json_t *f = get_json(path, 200);
	assert_int_equal(json_array_size(json_object_get(f, "outcomes")), 36);
	assert_int_equal(json_array_size(json_object_get(f, "assessments")), 30);
	json_decref(f);
	free(path);

	/* the assessment of a goal: update the recorded one */
	int64_t goal = 0, act = 0;
	first_ids(plan, &goal, &act);
	path = fmt("/api/v1/goals/", goal, "/assessments/2021-T1");
	json_t *a = send_json("PUT", path, "{\"status\":\"delvis\",\"analysis\":\"Analys från test\"}", 200);
	assert_string_equal(str(a, "status"), "partly");
	assert_string_equal(str(a, "status_symbol"), "◆");
	json_decref(a);
	e = send_json("PUT", path, "{\"status\":\"kanske\"}", 422);
	json_decref(e);
	free(path);
	path = fmt("/api/v1/goals/", goal, "");
	json_t *g = get_json(path, 200);
	char *dump = json_dumps(g, 0);
	assert_non_null(strstr(dump, "Analys från test"));
	free(dump);
	json_decref(g);
	free(path);

	/* activity state per period */
	path = fmt("/api/v1/activities/", act, "/states/2021-T1");
	json_t *st = send_json("PUT", path, "{\"state\":\"pågår\",\"comment\":\"Startad\"}", 201);
	assert_string_equal(str(st, "state"), "ongoing");
	assert_string_equal(str(st, "state_label"), "Pågår");
	json_decref(st);
	st = send_json("PUT", path, "{\"state\":\"klar\"}", 200);
	assert_string_equal(str(st, "state"), "done");
	json_decref(st);
	e = send_json("PUT", path, "{\"state\":\"snart\"}", 422);
	json_decref(e);
	free(path);
}

static void test_decided_plan_is_read_only(void **state)
{
	(void)state;
	rt_buf b = RT_BUF_INIT;
	rt_buf_addf(&b, "{\"kind\":\"operational_plan\",\"owner_org_id\":%lld,\"title\":\"Beslutad plan\","
	                "\"start_year\":2025,\"end_year\":2025}", (long long)key_id("org_unit", "rjh-rs"));
	json_t *p = send_json("POST", "/api/v1/plans", b.buf, 201);
	int64_t id = num(p, "id");
	json_decref(p);
	char *path = fmt("/api/v1/plans/", id, "");
	/* no diarienummer, no decision (issue 5 §3) */
	json_t *nr = send_json("PUT", path, "{\"status\":\"for_decision\"}", 422);
	assert_string_equal(str(json_object_get(nr, "error"), "field"), "case_number");
	json_decref(nr);
	json_decref(send_json("PUT", path, "{\"status\":\"for_decision\",\"case_number\":"
	                                   "\"RS/TEST/2025\"}", 200));
	json_decref(send_json("PUT", path, "{\"status\":\"decided\"}", 200));
	free(path);
	path = fmt("/api/v1/plans/", id, "/goals");
	json_t *e = send_json("POST", path, "{\"title\":\"Sent mål\"}", 409);
	assert_string_equal(err_code(e), "state");
	json_decref(e);
	free(path);
	rt_buf_release(&b);
}

static void test_reports(void **state)
{
	(void)state;
	struct http_res r;
	assert_int_equal(http_get("/api/v1/reports/2021-T1", &r), 200);
	assert_non_null(strstr(r.body.buf, "Sammanställd måluppfyllelse per april 2021"));
	assert_non_null(strstr(r.body.buf, "Regionstyrelsen"));
	char *etag = res_header(&r, "ETag");
	char *ct = res_header(&r, "Content-Type");
	assert_non_null(etag);
	assert_string_equal(ct, "text/html; charset=utf-8");
	free(ct);
	res_release(&r);
	rt_buf inm = RT_BUF_INIT;
	rt_buf_addf(&inm, "If-None-Match: %s", etag);
	assert_int_equal(http_do("GET", "/api/v1/reports/2021-T1", NULL, NULL, 0, inm.buf, &r), 304);
	assert_int_equal(r.body.len, 0);
	res_release(&r);
	assert_int_equal(http_do("GET", "/api/v1/reports/2021-T1", NULL, NULL, 0,
	                         "If-None-Match: \"0000000000000000\"", &r), 200);
	res_release(&r);
	rt_buf_release(&inm);
	free(etag);

	static const struct { const char *fmt, *magic, *mime; } files[] = {
		{ "xlsx", "PK", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
		{ "docx", "PK", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
		{ "pdf", "%PDF", "application/pdf" },
	};
	for (size_t i = 0; i < 3; i++) {
		char *path = NULL;
		rt_buf p = RT_BUF_INIT;
		rt_buf_addf(&p, "/api/v1/reports/2021-T1?scope=rjh-rs&format=%s", files[i].fmt);
		path = rt_buf_detach(&p, NULL);
		assert_int_equal(http_get(path, &r), 200);
		assert_true(r.body.len > 1000);
		assert_memory_equal(r.body.buf, files[i].magic, strlen(files[i].magic));
		char *h = res_header(&r, "Content-Type");
		assert_string_equal(h, files[i].mime);
		free(h);
		h = res_header(&r, "Content-Disposition");
		rt_buf want = RT_BUF_INIT;
		rt_buf_addf(&want, "attachment; filename=\"uppfoljning-2021-T1.%s\"", files[i].fmt);
		assert_string_equal(h, want.buf);
		rt_buf_release(&want);
		free(h);
		res_release(&r);
		free(path);
	}
	json_t *e = get_json("/api/v1/reports/1999-T1", 404);
	json_decref(e);
	e = get_json("/api/v1/reports/2021-T1?format=odt", 400);
	assert_string_equal(err_field(e), "format");
	json_decref(e);
	e = get_json("/api/v1/reports/2021-T1?scope=ingen-sadan", 404);
	json_decref(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_openapi_matches_router),
		cmocka_unit_test(test_plans),
		cmocka_unit_test(test_plan_create_update_findings),
		cmocka_unit_test(test_org_units),
		cmocka_unit_test(test_goals_chain_activities_targets),
		cmocka_unit_test(test_outcomes),
		cmocka_unit_test(test_periods_followup_assessments),
		cmocka_unit_test(test_decided_plan_is_read_only),
		cmocka_unit_test(test_reports),
	};
	return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
