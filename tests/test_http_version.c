/* Optimistic concurrency over HTTP (issue 8 §1): two officers (two
 * sessions) open the same goal, both save from the same version; the first
 * wins, the second gets 409 with the Swedish message and the goal keeps
 * the first one's text (one audited update). The same with If-Match, for
 * indicators, plans, activities, outcomes, assessments, targets and
 * activity states, the goals in a plan's tree, and the web's
 * outcome form, which keeps what the second officer typed. In-process
 * server over a demo database; SQLite and (test_http_version_pg)
 * PostgreSQL. */
#define HTTP_TEST_DB "http_version.db"
#include "test_http.h"
#include "test_http_session.h"

static void assert_conflict(json_t *e, const char *msg)
{
	json_t *err = json_object_get(e, "error");
	assert_string_equal(str(err, "code"), "conflict");
	assert_string_equal(str(err, "field"), "version");
	assert_string_equal(str(err, "message"), msg);
}

static void test_goal_two_sessions(void **state)
{
	(void)state;
	int64_t goal = key_id("goal", "rjh-rs-2021-sjukfranvaro");
	char *path = fmt("/api/v1/goals/", goal, "");
	struct session eva, olle;
	two_sessions(&eva, &olle);

	session_use(&eva);
	char *tag_a = NULL, *tag_b = NULL;
	json_t *ga = get(path, &tag_a);
	session_use(&olle);
	json_t *gb = get(path, &tag_b);
	json_int_t v = num(ga, "version");
	assert_true(v >= 1);
	assert_int_equal(num(gb, "version"), v);
	char want_tag[32];
	snprintf(want_tag, sizeof(want_tag), "\"%lld\"", (long long)v);
	assert_string_equal(tag_a, want_tag);
	assert_string_equal(tag_b, want_tag);
	size_t updates = audit_updates("goal", goal);

	char body[256];
	session_use(&eva);
	snprintf(body, sizeof(body), "{\"title\":\"Sjukfrånvaron ska minska (Eva)\",\"version\":%lld}",
	         (long long)v);
	json_t *ok = send_req("PUT", path, body, NULL, 200);
	assert_int_equal(num(ok, "version"), v + 1);
	assert_string_equal(str(ok, "title"), "Sjukfrånvaron ska minska (Eva)");

	session_use(&olle);
	snprintf(body, sizeof(body), "{\"title\":\"Sjukfrånvaron ska minska (Olle)\",\"version\":%lld}",
	         (long long)v);
	json_t *e = send_req("PUT", path, body, NULL, 409);
	char msg[300];
	snprintf(msg, sizeof(msg), "Målet har ändrats av någon annan sedan du öppnade det (version "
	         "%lld, du utgick från version %lld). Ladda om och gör om din ändring.",
	         (long long)v + 1, (long long)v);
	assert_conflict(e, msg);

	json_t *now = get(path, NULL);
	assert_string_equal(str(now, "title"), "Sjukfrånvaron ska minska (Eva)");
	assert_int_equal(num(now, "version"), v + 1);
	assert_int_equal(audit_updates("goal", goal), updates + 1);

	/* Olle reloads and redoes it with If-Match: fine; the old tag again: 409 */
	char hdr[64];
	snprintf(hdr, sizeof(hdr), "If-Match: \"%lld\"", (long long)v + 1);
	json_t *redo = send_req("PUT", path, "{\"title\":\"Sjukfrånvaron ska minska (Olle)\"}", hdr, 200);
	assert_int_equal(num(redo, "version"), v + 2);
	json_t *again = send_req("PUT", path, "{\"title\":\"Tredje\"}", hdr, 409);
	assert_string_equal(str(json_object_get(again, "error"), "field"), "version");
	/* no version at all: as before, and the version still moves */
	json_t *plain = send_req("PUT", path, "{\"description\":\"Utan version\"}", NULL, 200);
	assert_int_equal(num(plain, "version"), v + 3);
	assert_int_equal(audit_updates("goal", goal), updates + 3);

	json_decref(ga); json_decref(gb); json_decref(ok); json_decref(e); json_decref(now);
	json_decref(redo); json_decref(again); json_decref(plain);
	free(tag_a); free(tag_b); free(path);
	http_logged_in = false;
}

/* If-Match forms and mistakes; the other entities of the generic update. */
static void test_if_match_and_entities(void **state)
{
	(void)state;
	use_session("admin");
	int64_t ind = key_id("indicator", "rjh-rs-2021-sjukfranvaro-ind");
	char *path = fmt("/api/v1/indicators/", ind, "");
	char *tag = NULL;
	json_t *j = get(path, &tag);
	json_int_t v = num(j, "version");
	char hdr[64];
	snprintf(hdr, sizeof(hdr), "If-Match: W/%s", tag);   /* weak form of the same tag */
	json_t *ok = send_req("PUT", path, "{\"source\":\"HR-systemet\"}", hdr, 200);
	assert_int_equal(num(ok, "version"), v + 1);
	json_t *e = send_req("PUT", path, "{\"source\":\"Gammal\"}", hdr, 409);
	char msg[300];
	snprintf(msg, sizeof(msg), "Indikatorn har ändrats av någon annan sedan du öppnade den "
	         "(version %lld, du utgick från version %lld). Ladda om och gör om din ändring.",
	         (long long)v + 1, (long long)v);
	assert_conflict(e, msg);
	json_decref(e);
	e = send_req("PUT", path, "{\"source\":\"X\"}", "If-Match: tre", 400);
	assert_string_equal(str(json_object_get(e, "error"), "field"), "If-Match");
	json_decref(e);
	e = send_req("PUT", path, "{\"source\":\"X\",\"version\":\"3\"}", NULL, 400);
	json_decref(e);
	e = send_req("PUT", path, "{\"source\":\"X\",\"version\":1}", "If-Match: \"2\"", 400);
	json_decref(e);
	json_t *any = send_req("PUT", path, "{\"source\":\"Alla versioner\"}", "If-Match: *", 200);
	assert_int_equal(num(any, "version"), v + 2);
	json_decref(j); json_decref(ok); json_decref(any);
	free(tag); free(path);

	/* a plan: "version" is the decided document's, the row's is row_version */
	int64_t plan = key_id("plan", "rjh-rs-vp-2021");
	path = fmt("/api/v1/plans/", plan, "");
	j = get(path, &tag);
	json_int_t pv = num(j, "row_version");
	assert_int_equal(num(j, "version"), 1);
	char body[128];
	snprintf(body, sizeof(body), "{\"introduction\":\"Ny inledning\",\"row_version\":%lld}",
	         (long long)pv);
	ok = send_req("PUT", path, body, NULL, 200);
	assert_int_equal(num(ok, "row_version"), pv + 1);
	e = send_req("PUT", path, body, NULL, 409);
	snprintf(msg, sizeof(msg), "Planen har ändrats av någon annan sedan du öppnade den "
	         "(version %lld, du utgick från version %lld). Ladda om och gör om din ändring.",
	         (long long)pv + 1, (long long)pv);
	assert_conflict(e, msg);
	json_decref(j); json_decref(ok); json_decref(e);
	free(tag); free(path);

	/* an activity through the generic read: ETag and version */
	int64_t goal = key_id("goal", "rjh-rs-2021-diskriminering");
	char *gpath = fmt("/api/v1/goals/", goal, "");
	json_t *g = get(gpath, NULL);
	json_t *act = json_array_get(json_object_get(g, "activities"), 0);
	assert_non_null(act);
	json_int_t act_id = num(act, "id"), av = num(act, "version");
	assert_true(av >= 1);
	path = fmt("/api/v1/activities/", act_id, "");
	j = get(path, &tag);
	assert_int_equal(num(j, "version"), av);
	snprintf(body, sizeof(body), "\"%lld\"", (long long)av);
	assert_string_equal(tag, body);
	snprintf(body, sizeof(body), "{\"owner\":\"Eva\",\"version\":%lld}", (long long)av);
	ok = send_req("PUT", path, body, NULL, 200);
	e = send_req("PUT", path, body, NULL, 409);
	assert_true(strstr(str(json_object_get(e, "error"), "message"),
	                   "Aktiviteten har ändrats av någon annan sedan du öppnade den") != NULL);
	json_decref(g); json_decref(j); json_decref(ok); json_decref(e);
	free(tag); free(path); free(gpath);

	/* a target nested in the goal's indicator carries the version its own GET has */
	goal = key_id("goal", "rjh-rs-2021-sjukfranvaro");
	gpath = fmt("/api/v1/goals/", goal, "");
	g = get(gpath, NULL);
	json_t *t = json_array_get(json_object_get(json_array_get(json_object_get(g, "indicators"),
	                                                          0), "targets"), 0);
	assert_non_null(t);
	json_int_t tv = num(t, "version");
	assert_true(tv >= 1);
	path = fmt("/api/v1/targets/", num(t, "id"), "");
	j = get(path, NULL);
	assert_int_equal(num(j, "version"), tv);
	json_decref(g); json_decref(j);
	free(path); free(gpath);
	http_logged_in = false;
}

static void test_outcome_and_assessment(void **state)
{
	(void)state;
	use_session("admin");
	int64_t ind = key_id("indicator", "rjh-rs-2021-sjukfranvaro-ind");
	char *path = fmt("/api/v1/indicators/", ind, "/outcomes/2021-T1");
	char *tag = NULL;
	json_t *o = get(path, &tag);
	json_int_t v = num(o, "version");
	assert_true(v >= 1);
	char body[160];
	snprintf(body, sizeof(body), "{\"value\":\"5,1 %%\",\"version\":%lld}", (long long)v);
	json_t *ok = send_req("PUT", path, body, NULL, 200);
	assert_int_equal(num(ok, "version"), v + 1);
	snprintf(body, sizeof(body), "{\"value\":\"6,0 %%\",\"version\":%lld}", (long long)v);
	json_t *e = send_req("PUT", path, body, NULL, 409);
	char msg[300];
	snprintf(msg, sizeof(msg), "Utfallet har ändrats av någon annan sedan du öppnade det "
	         "(version %lld, du utgick från version %lld). Ladda om och gör om din ändring.",
	         (long long)v + 1, (long long)v);
	assert_conflict(e, msg);
	json_decref(o);
	o = get(path, NULL);
	assert_string_equal(str(o, "text"), "5,1 %");
	json_decref(o); json_decref(ok); json_decref(e);
	free(path); free(tag);

	/* the first entry of a period: version 0 = "none entered when I looked" */
	json_t *p = send_req("POST", "/api/v1/periods", "{\"key\":\"2021-T2\"}", NULL, 201);
	json_decref(p);
	path = fmt("/api/v1/indicators/", ind, "/outcomes/2021-T2");
	ok = send_req("PUT", path, "{\"value\":\"5,0 %\",\"version\":0}", NULL, 201);
	assert_int_equal(num(ok, "version"), 1);
	e = send_req("PUT", path, "{\"value\":\"4,0 %\",\"version\":0}", NULL, 409);
	assert_conflict(e, "Utfallet har lagts in av någon annan sedan du öppnade formuläret "
	                   "(version 1). Ladda om och gör om din ändring.");
	json_decref(ok); json_decref(e);
	free(path);

	/* an assessment: its version comes with the goal */
	int64_t goal = key_id("goal", "rjh-rs-2021-lanets-utveckling");
	char *gpath = fmt("/api/v1/goals/", goal, "");
	json_t *g = get(gpath, NULL);
	json_t *as = json_array_get(json_object_get(g, "assessments"), 0);
	assert_non_null(as);
	json_int_t av = num(as, "version");
	assert_true(av >= 1);
	path = fmt("/api/v1/goals/", goal, "/assessments/2021-T1");
	snprintf(body, sizeof(body), "{\"analysis\":\"Analys A\",\"version\":%lld}", (long long)av);
	ok = send_req("PUT", path, body, NULL, 200);
	assert_int_equal(num(ok, "version"), av + 1);
	snprintf(body, sizeof(body), "{\"analysis\":\"Analys B\",\"version\":%lld}", (long long)av);
	e = send_req("PUT", path, body, NULL, 409);
	snprintf(msg, sizeof(msg), "Bedömningen har ändrats av någon annan sedan du öppnade den "
	         "(version %lld, du utgick från version %lld). Ladda om och gör om din ändring.",
	         (long long)av + 1, (long long)av);
	assert_conflict(e, msg);
	json_decref(g);
	g = get(gpath, NULL);
	as = json_array_get(json_object_get(g, "assessments"), 0);
	assert_string_equal(str(as, "analysis"), "Analys A");
	assert_int_equal(num(as, "version"), av + 1);
	json_decref(g); json_decref(ok); json_decref(e);
	free(path); free(gpath);
	http_logged_in = false;
}

/* A target (målvärde): its version under the indicator and in its own GET;
 * a stale PUT (If-Match) is 409 and leaves the text and the audit log. */
static void test_target_versions(void **state)
{
	(void)state;
	use_session("admin");
	int64_t ind = key_id("indicator", "rjh-rs-2021-sjukfranvaro-ind");
	char *ipath = fmt("/api/v1/indicators/", ind, "");
	json_t *i = get(ipath, NULL);
	json_t *t = json_array_get(json_object_get(i, "targets"), 0);
	assert_non_null(t);
	assert_string_equal(str(t, "text"), "4,6 %");
	json_int_t tid = num(t, "id"), v = num(t, "version");
	assert_true(v >= 1);
	char *path = fmt("/api/v1/targets/", tid, "");
	char *tag = NULL;
	json_t *g = get(path, &tag);
	assert_int_equal(num(g, "version"), v);
	assert_string_equal(str(g, "text"), "4,6 %");
	char hdr[64];
	snprintf(hdr, sizeof(hdr), "If-Match: %s", tag);
	size_t updates = audit_updates("target", tid);

	json_t *ok = send_req("PUT", path, "{\"text\":\"≤ 4,5 %\"}", hdr, 200);
	assert_string_equal(str(ok, "text"), "≤ 4,5 %");
	assert_int_equal(num(ok, "version"), v + 1);
	json_t *e = send_req("PUT", path, "{\"text\":\"≤ 4,0 %\"}", hdr, 409);
	char msg[300];
	snprintf(msg, sizeof(msg), "Målvärdet har ändrats av någon annan sedan du öppnade det "
	         "(version %lld, du utgick från version %lld). Ladda om och gör om din ändring.",
	         (long long)v + 1, (long long)v);
	assert_conflict(e, msg);
	json_decref(e);
	/* a text the indicator cannot take: 422, nothing written */
	char body[96];
	snprintf(body, sizeof(body), "{\"text\":\"Ja\",\"version\":%lld}", (long long)v + 1);
	e = send_req("PUT", path, body, NULL, 422);
	json_decref(e);
	json_decref(g);
	g = get(path, NULL);
	assert_string_equal(str(g, "text"), "≤ 4,5 %");
	assert_int_equal(num(g, "version"), v + 1);
	assert_int_equal(audit_updates("target", tid), updates + 1);
	/* a new target answers with its version and where it lives */
	struct http_res r;
	char *tpath = fmt("/api/v1/indicators/", ind, "/targets");
	assert_int_equal(http_json("POST", tpath, "{\"year\":2022,\"text\":\"≤ 4,4 %\"}", &r), 201);
	json_t *c = res_json(&r);
	assert_int_equal(num(c, "version"), 1);
	char *loc = res_header(&r, "Location");
	char *want = fmt("/api/v1/targets/", num(c, "id"), "");
	assert_string_equal(loc, want);
	res_release(&r);
	json_decref(i); json_decref(g); json_decref(ok); json_decref(c);
	free(tag); free(path); free(ipath); free(tpath); free(loc); free(want);
	http_logged_in = false;
}

/* An activity's state in a period: version 0 = "none set when I looked";
 * then the row's version as for any other row. */
static void test_activity_state_versions(void **state)
{
	(void)state;
	int64_t act = key_id("activity", "rjh-rs-2021-diskriminering-akt-apt");
	char *path = fmt("/api/v1/activities/", act, "/states/2021-T1");
	struct session eva, olle;
	two_sessions(&eva, &olle);
	struct http_res r;
	session_use(&eva);
	assert_int_equal(http_get(path, &r), 404);   /* none set yet */
	res_release(&r);
	json_t *ok = send_req("PUT", path, "{\"state\":\"pågår\",\"version\":0}", NULL, 201);
	assert_int_equal(num(ok, "version"), 1);
	assert_string_equal(str(ok, "period"), "2021-T1");
	int64_t sid = num(ok, "id");
	session_use(&olle);
	json_t *e = send_req("PUT", path, "{\"state\":\"klar\",\"version\":0}", NULL, 409);
	assert_conflict(e, "Aktivitetsläget har lagts in av någon annan sedan du öppnade formuläret "
	                   "(version 1). Ladda om och gör om din ändring.");
	json_decref(e);

	char *tag = NULL;
	json_t *g = get(path, &tag);
	assert_string_equal(str(g, "state"), "ongoing");
	assert_int_equal(num(g, "version"), 1);
	assert_string_equal(tag, "\"1\"");
	size_t updates = audit_updates("activity_status", sid);
	session_use(&eva);
	json_t *ok2 = send_req("PUT", path, "{\"state\":\"klar\",\"comment\":\"Eva\"}",
	                       "If-Match: \"1\"", 200);
	assert_int_equal(num(ok2, "version"), 2);
	session_use(&olle);
	e = send_req("PUT", path, "{\"state\":\"försenad\",\"comment\":\"Olle\",\"version\":1}", NULL,
	             409);
	assert_conflict(e, "Aktivitetsläget har ändrats av någon annan sedan du öppnade det (version "
	                   "2, du utgick från version 1). Ladda om och gör om din ändring.");
	json_decref(g);
	g = get(path, NULL);
	assert_string_equal(str(g, "comment"), "Eva");
	assert_int_equal(num(g, "version"), 2);
	assert_int_equal(audit_updates("activity_status", sid), updates + 1);
	json_decref(ok); json_decref(ok2); json_decref(e); json_decref(g);
	free(tag); free(path);
	http_logged_in = false;
}

/* GET /plans/{id}: every goal of the tree, subgoals too, has its version,
 * the same as the goal's own GET. */
static void test_plan_tree_goal_versions(void **state)
{
	(void)state;
	use_session("admin");
	int64_t plan = key_id("plan", "rjh-rs-vp-2021");
	char *path = fmt("/api/v1/plans/", plan, "");
	json_t *p = get(path, NULL);
	json_t *stack[64];
	size_t n = 0, seen = 0, nested = 0;
	stack[n++] = json_object_get(p, "goals");
	while (n) {
		json_t *arr = stack[--n];
		size_t k;
		json_t *g;
		json_array_foreach(arr, k, g) {
			char *gp = fmt("/api/v1/goals/", num(g, "id"), "");
			json_t *own = get(gp, NULL);
			assert_true(num(g, "version") >= 1);
			assert_int_equal(num(g, "version"), num(own, "version"));
			json_decref(own);
			free(gp);
			seen++;
			nested += arr != json_object_get(p, "goals");
			json_t *ch = json_object_get(g, "children");
			if (json_array_size(ch) && n < 64)
				stack[n++] = ch;
		}
	}
	assert_true(seen >= 5);
	assert_true(nested >= 1);
	json_decref(p);
	free(path);
	http_logged_in = false;
}

/* Two officers have the outcome form open; the second to save gets the
 * form back (409) with what she typed, the message, and the stored value. */
static void test_web_outcome_form(void **state)
{
	(void)state;
	int64_t plan = key_id("plan", "rjh-rs-vp-2021");
	int64_t ind = key_id("indicator", "rjh-rs-2021-uppkopplade-medarbetare");
	char *path = fmt("/plan/", plan, "/utfall/2021-T1");
	char vname[48], uname[48];
	snprintf(vname, sizeof(vname), "version-%lld", (long long)ind);
	snprintf(uname, sizeof(uname), "utfall-%lld", (long long)ind);
	struct session eva, olle;
	two_sessions(&eva, &olle);

	struct http_res r;
	session_use(&eva);
	assert_int_equal(http_get(path, &r), 200);
	char *va = input_value(r.body.buf, vname);
	res_release(&r);
	session_use(&olle);
	assert_int_equal(http_get(path, &r), 200);
	char *vb = input_value(r.body.buf, vname);
	res_release(&r);
	assert_string_equal(va, vb);
	long long v = atoll(va);

	char body[256];
	session_use(&eva);
	snprintf(body, sizeof(body), "%s=71&%s=%s", uname, vname, va);
	assert_int_equal(post_form(path, body, &r), 303);
	res_release(&r);

	session_use(&olle);
	snprintf(body, sizeof(body), "%s=66&kommentar-%lld=Olles+analys&%s=%s", uname, (long long)ind,
	         vname, vb);
	assert_int_equal(post_form(path, body, &r), 409);
	char msg[300];
	snprintf(msg, sizeof(msg), "Utfallet har ändrats av någon annan sedan du öppnade det (version "
	         "%lld, du utgick från version %lld). Ladda om och gör om din ändring.", v + 1, v);
	if (!strstr(r.body.buf, msg))
		fail_msg("no conflict message in %.3000s", r.body.buf);
	assert_non_null(strstr(r.body.buf, "någon annan har sparat 1 av utfallen"));
	char *typed = input_value(r.body.buf, uname);
	assert_string_equal(typed, "66");                       /* Olle's text kept */
	assert_non_null(strstr(r.body.buf, ">Olles analys</textarea>"));
	assert_non_null(strstr(r.body.buf, "Sparat nu: 71"));    /* Eva's beside it */
	char *now = input_value(r.body.buf, vname);
	assert_int_equal(atoll(now), v + 1);                     /* saving again overwrites */
	res_release(&r);

	/* nothing of Olle's was saved */
	char *api = fmt("/api/v1/indicators/", ind, "/outcomes/2021-T1");
	json_t *o = get(api, NULL);
	assert_string_equal(str(o, "text"), "71");
	assert_int_equal(num(o, "version"), v + 1);
	json_decref(o);

	/* Olle saves again from the form he got back: his value goes in */
	snprintf(body, sizeof(body), "%s=66&%s=%s", uname, vname, now);
	assert_int_equal(post_form(path, body, &r), 303);
	res_release(&r);
	o = get(api, NULL);
	assert_string_equal(str(o, "text"), "66");
	json_decref(o);
	free(va); free(vb); free(typed); free(now); free(api); free(path);
	http_logged_in = false;
}

/* The goal's edit form: the same race as over the API, in the browser. */
static void test_web_goal_form(void **state)
{
	(void)state;
	int64_t goal = key_id("goal", "rjh-rs-2021-robusthet");
	char *path = fmt("/mal/", goal, "/andra");
	struct session eva, olle;
	two_sessions(&eva, &olle);

	struct http_res r;
	session_use(&eva);
	assert_int_equal(http_get(path, &r), 200);
	char *va = input_value(r.body.buf, "version");
	char *old_title = input_value(r.body.buf, "rubrik");
	res_release(&r);
	session_use(&olle);
	assert_int_equal(http_get(path, &r), 200);
	char *vb = input_value(r.body.buf, "version");
	res_release(&r);
	assert_string_equal(va, vb);
	long long v = atoll(va);

	char body[256];
	session_use(&eva);
	snprintf(body, sizeof(body), "rubrik=Robust+region+(Eva)&version=%s", va);
	assert_int_equal(post_form(path, body, &r), 303);
	res_release(&r);

	session_use(&olle);
	snprintf(body, sizeof(body), "rubrik=Robust+region+(Olle)&beskrivning=Olles+text&version=%s",
	         vb);
	assert_int_equal(post_form(path, body, &r), 409);
	char msg[300];
	snprintf(msg, sizeof(msg), "Målet har ändrats av någon annan sedan du öppnade det (version "
	         "%lld, du utgick från version %lld). Ladda om och gör om din ändring.", v + 1, v);
	if (!strstr(r.body.buf, msg))
		fail_msg("no conflict message in %.3000s", r.body.buf);
	char *typed = input_value(r.body.buf, "rubrik");
	assert_string_equal(typed, "Robust region (Olle)");     /* Olle's text kept */
	assert_non_null(strstr(r.body.buf, ">Olles text</textarea>"));
	assert_non_null(strstr(r.body.buf, "Sparat nu: Robust region (Eva)"));
	char *now = input_value(r.body.buf, "version");
	assert_int_equal(atoll(now), v + 1);
	res_release(&r);
	char *api = fmt("/api/v1/goals/", goal, "");
	json_t *g = get(api, NULL);
	assert_string_equal(str(g, "title"), "Robust region (Eva)");
	json_decref(g);

	/* an empty rubrik: 422, the form with the message, nothing saved */
	snprintf(body, sizeof(body), "rubrik=+&version=%s", now);
	assert_int_equal(post_form(path, body, &r), 422);
	assert_non_null(strstr(r.body.buf, "Målet måste ha en rubrik."));
	res_release(&r);

	snprintf(body, sizeof(body), "rubrik=Robust+region+(Olle)&version=%s", now);
	assert_int_equal(post_form(path, body, &r), 303);
	res_release(&r);
	g = get(api, NULL);
	assert_string_equal(str(g, "title"), "Robust region (Olle)");
	assert_int_equal(num(g, "version"), v + 2);
	json_decref(g);
	free(va); free(vb); free(old_title); free(typed); free(now); free(api); free(path);
	http_logged_in = false;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_goal_two_sessions),
		cmocka_unit_test(test_if_match_and_entities),
		cmocka_unit_test(test_outcome_and_assessment),
		cmocka_unit_test(test_target_versions),
		cmocka_unit_test(test_activity_state_versions),
		cmocka_unit_test(test_plan_tree_goal_versions),
		cmocka_unit_test(test_web_outcome_form),
		cmocka_unit_test(test_web_goal_form),
	};
	return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
