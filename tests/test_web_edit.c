/* The web's edit forms of an indicator, an activity, a goal's assessment,
 * a target and an activity's state (issue 8 §1), through the server: two officers open the same
 * form; the first save wins (303), the second gets 409 with what she typed,
 * the Swedish message and the stored values beside the fields; the stored
 * row keeps the first one's text with one audited update. Bad input: 422
 * with the message, nothing written. The goal page links to the forms;
 * who may open them follows the routes' rights (403 otherwise), and a POST
 * without the session's CSRF token is refused. In-process server over a
 * demo database; SQLite and (test_web_edit_pg) PostgreSQL. */
#define HTTP_TEST_DB "web_edit.db"
#include "test_http.h"
#include "test_http_session.h"

/* Asserts the 409 page: the message for `what` ("Indikatorn … den"). */
static void assert_conflict_page(const char *html, const char *what, long long v)
{
	char msg[300];
	snprintf(msg, sizeof(msg), "%s har ändrats av någon annan sedan du öppnade %s (version %lld, "
	         "du utgick från version %lld). Ladda om och gör om din ändring.", what,
	         strcmp(what, "Indikatorn") && strcmp(what, "Aktiviteten") &&
	         strcmp(what, "Bedömningen") ? "det" : "den", v + 1, v);
	if (!strstr(html, msg))
		fail_msg("no conflict message '%s' in %.3000s", msg, html);
	assert_non_null(strstr(html, "Det du skrev står kvar i fälten"));
}

/* GET path as the current session: 200 and the form's version. */
static long long open_form(const char *path)
{
	struct http_res r;
	if (http_get(path, &r) != 200)
		fail_msg("GET %s: %ld %.2000s", path, r.status, r.body.buf);
	char *v = input_value(r.body.buf, "version");
	long long out = atoll(v);
	free(v);
	res_release(&r);
	return out;
}

/* Eva and Olle open the same form (the same version); Eva's session is
 * the current one afterwards. */
static long long both_open(const char *path, struct session *eva, struct session *olle)
{
	two_sessions(eva, olle);
	session_use(olle);
	long long v = open_form(path);
	session_use(eva);
	assert_int_equal(open_form(path), v);
	return v;
}

static void test_indicator_form(void **state)
{
	(void)state;
	int64_t ind = key_id("indicator", "rjh-rs-2021-sjukfranvaro-ind");
	char *path = fmt("/indikator/", ind, "/andra");
	char *api = fmt("/api/v1/indicators/", ind, "");
	struct session eva, olle;
	long long v = both_open(path, &eva, &olle);
	assert_true(v >= 1);
	size_t updates = audit_updates("indicator", ind);

	char body[256];
	struct http_res r;
	session_use(&eva);
	snprintf(body, sizeof(body), "namn=Sjukfr%%C3%%A5nvaro+(Eva)&kalla=HR-systemet&tolerans=5"
	         "&version=%lld", v);
	assert_int_equal(post_form(path, body, &r), 303);
	char *loc = res_header(&r, "Location");
	char *want = fmt("/indikator/", ind, "/andra?sparat=1");
	assert_string_equal(loc, want);
	res_release(&r);
	assert_int_equal(http_get(loc, &r), 200);
	assert_non_null(strstr(r.body.buf, "Ändringarna är sparade."));
	res_release(&r);

	session_use(&olle);
	snprintf(body, sizeof(body), "namn=Sjukfr%%C3%%A5nvaro+(Olle)&beskrivning=Olles+text"
	         "&version=%lld", v);
	assert_int_equal(post_form(path, body, &r), 409);
	assert_conflict_page(r.body.buf, "Indikatorn", v);
	char *typed = input_value(r.body.buf, "namn");
	assert_string_equal(typed, "Sjukfrånvaro (Olle)");
	assert_non_null(strstr(r.body.buf, ">Olles text</textarea>"));
	assert_non_null(strstr(r.body.buf, "Sparat nu: Sjukfrånvaro (Eva)"));
	assert_non_null(strstr(r.body.buf, "Sparat nu: HR-systemet"));
	char *now = input_value(r.body.buf, "version");
	assert_int_equal(atoll(now), v + 1);
	res_release(&r);
	json_t *j = get(api, NULL);
	assert_string_equal(str(j, "name"), "Sjukfrånvaro (Eva)");
	assert_int_equal(num(j, "version"), v + 1);
	assert_int_equal((long long)json_real_value(json_object_get(j, "tolerance")), 5);
	json_decref(j);
	assert_int_equal(audit_updates("indicator", ind), updates + 1);

	/* a tolerance that is no percentage: 422, the message, nothing saved */
	snprintf(body, sizeof(body), "namn=Ny&tolerans=mycket&version=%s", now);
	assert_int_equal(post_form(path, body, &r), 422);
	assert_non_null(strstr(r.body.buf, "Ogiltig tolerans"));
	assert_non_null(strstr(r.body.buf, "ange procent mellan 0 och 100"));
	char *kept = input_value(r.body.buf, "namn");
	assert_string_equal(kept, "Ny");
	free(kept);
	res_release(&r);
	snprintf(body, sizeof(body), "namn=+&version=%s", now);
	assert_int_equal(post_form(path, body, &r), 422);
	assert_non_null(strstr(r.body.buf, "Mätetalet måste ha ett namn."));
	res_release(&r);
	j = get(api, NULL);
	assert_string_equal(str(j, "name"), "Sjukfrånvaro (Eva)");
	assert_int_equal(num(j, "version"), v + 1);
	json_decref(j);
	assert_int_equal(audit_updates("indicator", ind), updates + 1);
	free(path); free(api); free(loc); free(want); free(typed); free(now);
	http_logged_in = false;
}

static void test_activity_form(void **state)
{
	(void)state;
	int64_t act = key_id("activity", "rjh-rs-2021-diskriminering-akt-apt");
	char *path = fmt("/aktivitet/", act, "/andra");
	char *api = fmt("/api/v1/activities/", act, "");
	struct session eva, olle;
	long long v = both_open(path, &eva, &olle);
	size_t updates = audit_updates("activity", act);

	char body[256];
	struct http_res r;
	session_use(&eva);
	snprintf(body, sizeof(body), "ansvarig=Eva&start=2021-02-01&slut=2021-11-30&version=%lld", v);
	assert_int_equal(post_form(path, body, &r), 303);
	res_release(&r);
	session_use(&olle);
	snprintf(body, sizeof(body), "ansvarig=Olle&version=%lld", v);
	assert_int_equal(post_form(path, body, &r), 409);
	assert_conflict_page(r.body.buf, "Aktiviteten", v);
	char *typed = input_value(r.body.buf, "ansvarig");
	assert_string_equal(typed, "Olle");
	assert_non_null(strstr(r.body.buf, "Sparat nu: Eva"));
	assert_non_null(strstr(r.body.buf, "Sparat nu: 2021-11-30"));
	char *now = input_value(r.body.buf, "version");
	res_release(&r);
	json_t *j = get(api, NULL);
	assert_string_equal(str(j, "owner"), "Eva");
	assert_int_equal(num(j, "version"), v + 1);
	json_decref(j);

	/* ends before it starts: the core's message, nothing saved */
	snprintf(body, sizeof(body), "ansvarig=Olle&start=2021-06-01&slut=2021-05-01&version=%s", now);
	assert_int_equal(post_form(path, body, &r), 422);
	assert_non_null(strstr(r.body.buf, "slutar (2021-05-01) före den börjar (2021-06-01)"));
	res_release(&r);
	j = get(api, NULL);
	assert_string_equal(str(j, "owner"), "Eva");
	assert_string_equal(str(j, "end_date"), "2021-11-30");
	json_decref(j);
	assert_int_equal(audit_updates("activity", act), updates + 1);

	/* saving again from the form that came back: Olle's value goes in */
	snprintf(body, sizeof(body), "ansvarig=Olle&version=%s", now);
	assert_int_equal(post_form(path, body, &r), 303);
	res_release(&r);
	j = get(api, NULL);
	assert_string_equal(str(j, "owner"), "Olle");
	json_decref(j);
	free(path); free(api); free(typed); free(now);
	http_logged_in = false;
}

static void test_assessment_form(void **state)
{
	(void)state;
	int64_t goal = key_id("goal", "rjh-rs-2021-lanets-utveckling");
	char *path = fmt("/mal/", goal, "/bedomning");
	char *open = fmt("/mal/", goal, "/bedomning?period=2021-T1");
	char *api = fmt("/api/v1/goals/", goal, "");
	struct session eva, olle;
	long long v = both_open(open, &eva, &olle);
	assert_true(v >= 1);
	json_t *g = get(api, NULL);
	int64_t as_id = num(json_array_get(json_object_get(g, "assessments"), 0), "id");
	json_decref(g);
	size_t updates = audit_updates("assessment", as_id);

	char body[256];
	struct http_res r;
	session_use(&eva);
	snprintf(body, sizeof(body), "period=2021-T1&status=partly&analys=Evas+analys&version=%lld", v);
	assert_int_equal(post_form(path, body, &r), 303);
	char *loc = res_header(&r, "Location");
	char *want = fmt("/mal/", goal, "");
	assert_string_equal(loc, want);
	res_release(&r);
	session_use(&olle);
	snprintf(body, sizeof(body), "period=2021-T1&status=achieved&analys=Olles+analys&version=%lld",
	         v);
	assert_int_equal(post_form(path, body, &r), 409);
	assert_conflict_page(r.body.buf, "Bedömningen", v);
	assert_non_null(strstr(r.body.buf, ">Olles analys</textarea>"));
	assert_non_null(strstr(r.body.buf, "<option value=\"achieved\" selected>"));
	assert_non_null(strstr(r.body.buf, "Sparat nu: Evas analys"));
	assert_non_null(strstr(r.body.buf, "Sparat nu: ◆ Delvis uppfyllt"));
	res_release(&r);
	g = get(api, NULL);
	json_t *as = json_array_get(json_object_get(g, "assessments"), 0);
	assert_string_equal(str(as, "analysis"), "Evas analys");
	assert_string_equal(str(as, "status"), "partly");
	assert_int_equal(num(as, "version"), v + 1);
	json_decref(g);
	assert_int_equal(audit_updates("assessment", as_id), updates + 1);

	/* a status that is none of the four: 422, nothing saved */
	snprintf(body, sizeof(body), "period=2021-T1&status=kanske&version=%lld", v + 1);
	assert_int_equal(post_form(path, body, &r), 422);
	assert_non_null(strstr(r.body.buf, "Välj Uppfyllt, Delvis uppfyllt, Ej uppfyllt eller "
	                                   "Ingen status."));
	res_release(&r);
	assert_int_equal(audit_updates("assessment", as_id), updates + 1);

	/* the first assessment of a period: both officers start from none (0) */
	session_use(&eva);
	json_t *p = send_req("POST", "/api/v1/periods", "{\"key\":\"2021-T2\"}", NULL, 201);
	json_decref(p);
	char *open2 = fmt("/mal/", goal, "/bedomning?period=2021-T2");
	assert_int_equal(open_form(open2), 0);
	assert_int_equal(post_form(path, "period=2021-T2&status=achieved&analys=F%C3%B6rst&version=0",
	                           &r), 303);
	res_release(&r);
	session_use(&olle);
	assert_int_equal(post_form(path, "period=2021-T2&analys=Sist&version=0", &r), 409);
	assert_non_null(strstr(r.body.buf, "Bedömningen har lagts in av någon annan sedan du öppnade "
	                                   "formuläret (version 1)."));
	assert_non_null(strstr(r.body.buf, "Sparat nu: Först"));
	res_release(&r);
	free(path); free(open); free(open2); free(api); free(loc); free(want);
	http_logged_in = false;
}

/* A target's form: the text is parsed and checked against its indicator
 * (a quantitative one takes no Ja/Delvis/Nej); the year is four digits. */
static void test_target_form(void **state)
{
	(void)state;
	int64_t ind = key_id("indicator", "rjh-rs-2021-sjukfranvaro-ind");
	char *iapi = fmt("/api/v1/indicators/", ind, "");
	json_t *j = get(iapi, NULL);
	json_t *t0 = json_array_get(json_object_get(j, "targets"), 0);
	int64_t tid = num(t0, "id");
	long long year = num(t0, "year");
	json_decref(j);
	char *path = fmt("/malvarde/", tid, "/andra");
	char *api = fmt("/api/v1/targets/", tid, "");
	struct session eva, olle;
	long long v = both_open(path, &eva, &olle);
	assert_true(v >= 1);
	size_t updates = audit_updates("target", tid);

	char body[256];
	struct http_res r;
	session_use(&eva);
	snprintf(body, sizeof(body), "ar=%lld&malvarde=%%E2%%89%%A4+4%%2C5+%%25&version=%lld", year, v);
	assert_int_equal(post_form(path, body, &r), 303);
	char *loc = res_header(&r, "Location");
	char *want = fmt("/malvarde/", tid, "/andra?sparat=1");
	assert_string_equal(loc, want);
	res_release(&r);
	assert_int_equal(http_get(loc, &r), 200);
	assert_non_null(strstr(r.body.buf, "Ändringarna är sparade."));
	res_release(&r);
	session_use(&olle);
	snprintf(body, sizeof(body), "ar=%lld&malvarde=5%%2C5&version=%lld", year, v);
	assert_int_equal(post_form(path, body, &r), 409);
	assert_non_null(strstr(r.body.buf, "Målvärdet har ändrats av någon annan sedan du öppnade "
	                                   "det"));
	char *typed = input_value(r.body.buf, "malvarde");
	assert_string_equal(typed, "5,5");
	assert_non_null(strstr(r.body.buf, "Sparat nu: ≤ 4,5 %"));
	char *now = input_value(r.body.buf, "version");
	assert_int_equal(atoll(now), v + 1);
	res_release(&r);
	j = get(api, NULL);
	assert_string_equal(str(j, "text"), "≤ 4,5 %");
	assert_int_equal(num(j, "version"), v + 1);
	json_decref(j);

	/* Ja for a quantitative indicator, a year of letters, no text: 422 each, nothing saved */
	snprintf(body, sizeof(body), "ar=%lld&malvarde=Ja&version=%s", year, now);
	assert_int_equal(post_form(path, body, &r), 422);
	char *kept = input_value(r.body.buf, "malvarde");
	assert_string_equal(kept, "Ja");
	res_release(&r);
	snprintf(body, sizeof(body), "ar=tjugo&malvarde=5&version=%s", now);
	assert_int_equal(post_form(path, body, &r), 422);
	assert_non_null(strstr(r.body.buf, "Ange året som fyra siffror (1900–2200)."));
	res_release(&r);
	snprintf(body, sizeof(body), "ar=%lld&malvarde=+&version=%s", year, now);
	assert_int_equal(post_form(path, body, &r), 422);
	assert_non_null(strstr(r.body.buf, "Skriv målvärdet"));
	res_release(&r);
	j = get(api, NULL);
	assert_string_equal(str(j, "text"), "≤ 4,5 %");
	assert_int_equal(num(j, "version"), v + 1);
	json_decref(j);
	assert_int_equal(audit_updates("target", tid), updates + 1);
	free(iapi); free(path); free(api); free(loc); free(want); free(typed); free(now); free(kept);
	http_logged_in = false;
}

/* An activity's state for a period: the first entry from version 0, the
 * second officer's save refused, a state that is none of the five refused. */
static void test_activity_state_form(void **state)
{
	(void)state;
	int64_t act = key_id("activity", "rjh-rs-2021-diskriminering-akt-apt");
	char *path = fmt("/aktivitet/", act, "/lage");
	char *open = fmt("/aktivitet/", act, "/lage?period=2022-T1");
	char *api = fmt("/api/v1/activities/", act, "/states/2022-T1");
	struct session eva, olle;
	two_sessions(&eva, &olle);
	session_use(&eva);
	json_t *p = send_req("POST", "/api/v1/periods", "{\"key\":\"2022-T1\"}", NULL, 201);
	json_decref(p);
	session_use(&olle);
	assert_int_equal(open_form(open), 0);
	session_use(&eva);
	assert_int_equal(open_form(open), 0);

	struct http_res r;
	assert_int_equal(post_form(path, "period=2022-T1&lage=ongoing&kommentar=Startad&version=0",
	                           &r), 303);
	char *loc = res_header(&r, "Location");
	char *want = fmt("/aktivitet/", act, "/lage?period=2022-T1&sparat=1");
	assert_string_equal(loc, want);
	res_release(&r);
	assert_int_equal(http_get(loc, &r), 200);
	assert_non_null(strstr(r.body.buf, "Ändringarna är sparade."));
	assert_non_null(strstr(r.body.buf, "<option value=\"ongoing\" selected>"));
	res_release(&r);
	session_use(&olle);
	assert_int_equal(post_form(path, "period=2022-T1&lage=done&kommentar=Klar&version=0", &r),
	                 409);
	assert_non_null(strstr(r.body.buf, "Aktivitetsläget har lagts in av någon annan sedan du "
	                                   "öppnade formuläret (version 1)."));
	assert_non_null(strstr(r.body.buf, "Sparat nu: Startad"));
	assert_non_null(strstr(r.body.buf, "<option value=\"done\" selected>"));
	res_release(&r);
	json_t *j = get(api, NULL);
	assert_string_equal(str(j, "state"), "ongoing");
	assert_string_equal(str(j, "comment"), "Startad");
	assert_int_equal(num(j, "version"), 1);
	json_decref(j);

	/* from the stored version: Olle's correction goes in; a bad state does not */
	assert_int_equal(post_form(path, "period=2022-T1&lage=kanske&version=1", &r), 422);
	assert_non_null(strstr(r.body.buf, "Välj Ej påbörjad, Pågår, Klar, Försenad eller Inställd."));
	res_release(&r);
	assert_int_equal(post_form(path, "period=2022-T1&lage=delayed&kommentar=Sen&version=1", &r),
	                 303);
	res_release(&r);
	j = get(api, NULL);
	assert_string_equal(str(j, "state"), "delayed");
	assert_int_equal(num(j, "version"), 2);
	json_decref(j);
	free(path); free(open); free(api); free(loc); free(want);
	http_logged_in = false;
}

/* The goal page links to the three forms; the rights are the routes'. */
static void test_links_and_rights(void **state)
{
	(void)state;
	int64_t goal = key_id("goal", "rjh-rs-2021-diskriminering");
	int64_t act = key_id("activity", "rjh-rs-2021-diskriminering-akt-apt");
	int64_t ind = key_id("indicator", "rjh-rs-2021-sjukfranvaro-ind");
	int64_t sjuk = key_id("goal", "rjh-rs-2021-sjukfranvaro");
	char *gpath = fmt("/mal/", goal, "");
	struct http_res r;
	use_session("planerare");
	assert_int_equal(http_get(gpath, &r), 200);
	char *want = fmt("href=\"/aktivitet/", act, "/andra\">Ändra aktiviteten</a>");
	assert_non_null(strstr(r.body.buf, want));
	free(want);
	want = fmt("href=\"/mal/", goal, "/bedomning\">Bedöm målet för den senaste perioden</a>");
	assert_non_null(strstr(r.body.buf, want));
	free(want);
	want = fmt("href=\"/aktivitet/", act, "/lage\">Ange läget för den senaste perioden</a>");
	assert_non_null(strstr(r.body.buf, want));
	free(want);
	want = fmt("href=\"/aktivitet/", act, "/lage?period=2022-T1\">Ändra läget</a>");
	assert_non_null(strstr(r.body.buf, want));
	assert_non_null(strstr(r.body.buf, "2022-T1: Försenad – Sen"));
	free(want);
	res_release(&r);
	char *spath = fmt("/mal/", sjuk, "");
	assert_int_equal(http_get(spath, &r), 200);
	want = fmt("href=\"/indikator/", ind, "/andra\">Ändra mätetalet</a>");
	assert_non_null(strstr(r.body.buf, want));
	free(want);
	assert_non_null(strstr(r.body.buf, "Ändra målvärdet</a>"));
	assert_non_null(strstr(r.body.buf, ": ≤ 4,5 %"));
	res_release(&r);

	/* without a session: no edit links */
	http_logged_in = false;
	http_anonymous = true;
	if (http_get(spath, &r) == 200)
		assert_null(strstr(r.body.buf, "/andra\">Ändra mätetalet"));
	res_release(&r);
	http_anonymous = false;

	char *ipath = fmt("/indikator/", ind, "/andra");
	char *apath = fmt("/mal/", sjuk, "/bedomning");
	/* a reader may open neither; a reporter the assessment, not the indicator;
	 * a planner of another region not this region's indicator */
	use_session("lasare");
	assert_int_equal(http_get(ipath, &r), 403);
	res_release(&r);
	assert_int_equal(http_get(apath, &r), 403);
	res_release(&r);
	use_session("rapportor");
	assert_int_equal(http_get(ipath, &r), 403);
	res_release(&r);
	assert_int_equal(http_get(apath, &r), 200);
	res_release(&r);
	char *lpath = fmt("/aktivitet/", act, "/lage");   /* the activity's state: a reporter's */
	assert_int_equal(http_get(lpath, &r), 200);
	res_release(&r);
	use_session("lasare");
	assert_int_equal(http_get(lpath, &r), 403);
	res_release(&r);
	free(lpath);
	use_session("halland");
	assert_int_equal(http_get(ipath, &r), 403);
	res_release(&r);

	/* a POST without the session's CSRF token changes nothing */
	use_session("admin");
	long long v = open_form(ipath);
	snprintf(http_csrf_hdr, sizeof(http_csrf_hdr), "X-CSRF-Token: fel");
	char body[96];
	snprintf(body, sizeof(body), "namn=Utan+token&version=%lld", v);
	assert_int_equal(post_form(ipath, body, &r), 403);
	res_release(&r);
	use_session("admin");
	assert_int_equal(open_form(ipath), v);
	free(gpath); free(spath); free(ipath); free(apath);
	http_logged_in = false;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indicator_form),
		cmocka_unit_test(test_activity_form),
		cmocka_unit_test(test_assessment_form),
		cmocka_unit_test(test_target_form),
		cmocka_unit_test(test_activity_state_form),
		cmocka_unit_test(test_links_and_rights),
	};
	return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
