/* Login, sessions, CSRF and the router's authorisation (src/http/auth.c)
 * against the demo database and its demo users (one per role). Plan 1
 * (Regionplan 2016, RJH regionfullmäktige) is made decided here so that an
 * anonymous visitor has a published plan to read; plan 6 (RJH
 * Regionstyrelsen VP 2021) and plan 7 (Halland VP 2024) stay drafts.
 * Session expiry moves the server's clock with $RODTRAD_TEST_NOW. The
 * failed-login test comes last: it locks 127.0.0.1 for the window. */
#define HTTP_TEST_DB "http_auth.db"

#include "test_http.h"

#define FORM "application/x-www-form-urlencoded"

static int auth_setup(void **state)
{
	if (http_setup(state) != 0)
		return -1;
	http_anonymous = true;
	rt_store *s;
	rt_err e = RT_ERR_INIT;
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan p;
	int rc = rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &e);
	if (rc != 0)
		return -1;
	rc = rt_store_plan_get(s, &a, 1, &p, &e);
	p.status = RT_PLAN_DECIDED;
	if (rc == 0 && (rc = rt_store_begin(s, "test", &e)) == 0 &&
	    (rc = rt_store_plan_put(s, &p, &e)) == 0)
		rc = rt_store_commit(s, &e);
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}

/* A new API token for demo user `name`. */
static void token_for(const char *name, char token[65])
{
	rt_store *s;
	rt_err e = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &e), 0);
	assert_int_equal(rt_store_begin(s, "test", &e), 0);
	assert_int_equal(rt_store_api_token_create(s, name, "test", token, &e), 0);
	assert_int_equal(rt_store_commit(s, &e), 0);
	rt_store_close(s);
}

static long as_bearer(const char *method, const char *path, const char *token, const char *json,
                      struct http_res *r)
{
	char h[128];
	snprintf(h, sizeof(h), "Authorization: Bearer %s", token);
	return http_do(method, path, json ? "application/json" : NULL, json, json ? strlen(json) : 0,
	               h, r);
}

static long with_cookie(const char *method, const char *path, const char *token, const char *form,
                        struct http_res *r)
{
	char h[128];
	snprintf(h, sizeof(h), "Cookie: rt_session=%s", token);
	return http_do(method, path, form ? FORM : NULL, form, form ? strlen(form) : 0, h, r);
}

static void assert_location(const struct http_res *r, const char *want)
{
	char *loc = res_header(r, "Location");
	assert_non_null(loc);
	assert_string_equal(loc, want);
	free(loc);
}

static void test_anonymous_sees_only_published_plans(void **state)
{
	(void)state;
	struct http_res r;
	/* the decided plan: page and API */
	assert_int_equal(http_get("/plan/1", &r), 200);
	assert_non_null(strstr(r.body.buf, "Regionplan 2016"));
	res_release(&r);
	assert_int_equal(http_get("/api/v1/plans/1", &r), 200);
	json_t *j = res_json(&r);
	assert_string_equal(json_string_value(json_object_get(j, "title")), "Regionplan 2016");
	json_decref(j);
	res_release(&r);
	/* a draft: the login page for people, 401 JSON for programs */
	assert_int_equal(http_get("/plan/6", &r), 303);
	assert_location(&r, "/logga-in");
	res_release(&r);
	assert_int_equal(http_get("/api/v1/plans/6", &r), 401);
	j = res_json(&r);
	assert_string_equal(err_code(j), "unauthenticated");
	json_decref(j);
	res_release(&r);
	/* everything else too */
	assert_int_equal(http_get("/", &r), 303);
	assert_location(&r, "/logga-in");
	res_release(&r);
	assert_int_equal(http_get("/api/v1/plans", &r), 401);
	res_release(&r);
	assert_int_equal(http_json("PUT", "/api/v1/plans/1", "{}", &r), 401);
	res_release(&r);
	/* static files and the login page are open */
	assert_int_equal(http_get("/static/app.css", &r), 200);
	res_release(&r);
	assert_int_equal(http_get("/logga-in", &r), 200);
	assert_non_null(strstr(r.body.buf, "<label for=\"anvandarnamn\">Användarnamn</label>"));
	assert_non_null(strstr(r.body.buf, "<label for=\"losenord\">Lösenord</label>"));
	res_release(&r);
}

static void test_reporter_cannot_put_plan(void **state)
{
	(void)state;
	char tok[65];
	token_for("rapportor", tok);
	struct http_res r;
	assert_int_equal(as_bearer("GET", "/api/v1/plans/6", tok, NULL, &r), 200);
	res_release(&r);
	assert_int_equal(as_bearer("PUT", "/api/v1/plans/6", tok, "{\"title\":\"x\"}", &r), 403);
	json_t *j = res_json(&r);
	assert_string_equal(err_code(j), "forbidden");
	json_decref(j);
	res_release(&r);
}

static void test_planner_of_a_cannot_edit_b(void **state)
{
	(void)state;
	char rjh[65], halland[65];
	token_for("planerare", rjh);      /* planner of rjh-rs */
	token_for("halland", halland);    /* planner of rh */
	struct http_res r;
	/* Halland's planner may not touch RJH Regionstyrelsen's plan … */
	assert_int_equal(as_bearer("PUT", "/api/v1/plans/6", halland, "{\"title\":\"x\"}", &r), 403);
	res_release(&r);
	assert_int_equal(as_bearer("POST", "/api/v1/plans/6/goals", halland, "{}", &r), 403);
	res_release(&r);
	/* … RJH's planner gets past the authorisation (the handler answers) */
	long st = as_bearer("PUT", "/api/v1/plans/6", rjh, "{\"title\":\"x\"}", &r);
	assert_true(st != 401 && st != 403);
	res_release(&r);
	/* and Halland's planner may edit Halland's plan (7, owned by rh-rs) */
	st = as_bearer("PUT", "/api/v1/plans/7", halland, "{\"title\":\"x\"}", &r);
	assert_true(st != 401 && st != 403);
	res_release(&r);
}

static void test_csrf(void **state)
{
	(void)state;
	char tok[65], csrf[65];
	assert_int_equal(http_session_for("admin", tok, csrf), 0);
	struct http_res r;
	/* the form carries the token in its hidden field */
	assert_int_equal(with_cookie("GET", "/plan/6/checklista", tok, NULL, &r), 200);
	rt_buf want = RT_BUF_INIT;
	rt_buf_addf(&want, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", csrf);
	assert_non_null(strstr(r.body.buf, want.buf));
	rt_buf_release(&want);
	res_release(&r);
	/* missing and wrong tokens: 403, nothing saved */
	assert_int_equal(with_cookie("POST", "/plan/6/utfall/2021-T1", tok, "utfall-28=1", &r), 403);
	assert_non_null(strstr(r.body.buf, "Formuläret har gått ut"));
	res_release(&r);
	assert_int_equal(with_cookie("POST", "/plan/6/utfall/2021-T1", tok,
	                             "csrf=0000000000000000000000000000000000000000000000000000000000000000",
	                             &r), 403);
	res_release(&r);
	/* a Bearer token needs none */
	char api[65];
	token_for("admin", api);
	long st = as_bearer("PUT", "/api/v1/plans/6", api, "{\"title\":\"x\"}", &r);
	assert_true(st != 401 && st != 403);
	res_release(&r);
}

static void test_login_and_logout(void **state)
{
	(void)state;
	struct http_res r;
	const char *ok = "anvandarnamn=lasare&losenord=lasare-demo";
	assert_int_equal(http_do("POST", "/logga-in", FORM, ok, strlen(ok), NULL, &r), 303);
	assert_location(&r, "/");
	char *cookie = res_header(&r, "Set-Cookie");
	res_release(&r);
	assert_non_null(cookie);
	assert_int_equal(strncmp(cookie, "rt_session=", 11), 0);
	assert_non_null(strstr(cookie, "; HttpOnly; SameSite=Strict; Path=/"));
	char tok[65];
	assert_int_equal(strcspn(cookie + 11, ";"), 64);
	memcpy(tok, cookie + 11, 64);
	tok[64] = '\0';
	free(cookie);
	/* the session reads; a reader may not report */
	assert_int_equal(with_cookie("GET", "/", tok, NULL, &r), 200);
	assert_non_null(strstr(r.body.buf, "Mål och uppföljning"));
	res_release(&r);
	/* logout without the CSRF token is refused, with it the session ends */
	assert_int_equal(with_cookie("POST", "/logga-ut", tok, "", &r), 403);
	res_release(&r);
	assert_int_equal(with_cookie("GET", "/", tok, NULL, &r), 200);
	/* the start page's own token, as a browser would send it back */
	res_release(&r);
	rt_store *s;
	rt_err e = RT_ERR_INIT;
	int64_t uid;
	char csrf[65];
	assert_int_equal(rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &e), 0);
	assert_int_equal(rt_store_session_check(s, tok, (int64_t)time(NULL), &uid, csrf, &e), 0);
	rt_store_close(s);
	rt_buf form = RT_BUF_INIT;
	rt_buf_addf(&form, "csrf=%s", csrf);
	assert_int_equal(with_cookie("POST", "/logga-ut", tok, form.buf, &r), 303);
	assert_location(&r, "/logga-in");
	res_release(&r);
	rt_buf_release(&form);
	assert_int_equal(with_cookie("GET", "/", tok, NULL, &r), 303);
	assert_location(&r, "/logga-in");
	res_release(&r);
}

static void test_xss_in_login_name_is_escaped(void **state)
{
	(void)state;
	struct http_res r;
	const char *f = "anvandarnamn=%3Cscript%3Ealert(1)%3C%2Fscript%3E&losenord=fel-fel-fel";
	assert_int_equal(http_do("POST", "/logga-in", FORM, f, strlen(f), NULL, &r), 401);
	assert_null(strstr(r.body.buf, "<script>alert(1)"));
	assert_non_null(strstr(r.body.buf, "value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
	res_release(&r);
}

/* A session of demo user `name` created at `now` (unix seconds). */
static void session_at(const char *name, int64_t now, char token[65], char csrf[65])
{
	rt_store *s;
	rt_err e = RT_ERR_INIT;
	rt_arena a = RT_ARENA_INIT;
	struct rt_user u;
	assert_int_equal(rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &e), 0);
	assert_int_equal(rt_store_user_get(s, &a, name, &u, &e), 0);
	assert_int_equal(rt_store_session_create(s, u.id, now, token, csrf, &e), 0);
	rt_arena_release(&a);
	rt_store_close(s);
}

/* The server's clock for the next requests ($RODTRAD_TEST_NOW). */
static void clock_at(int64_t t)
{
	char v[32];
	snprintf(v, sizeof v, "%lld", (long long)t);
	setenv("RODTRAD_TEST_NOW", v, 1);
}

/* GET / with the session: 200, or 303 to the login page once it is gone. */
static long start_page(const char *tok)
{
	struct http_res r;
	long st = with_cookie("GET", "/", tok, NULL, &r);
	if (st == 303)
		assert_location(&r, "/logga-in");
	res_release(&r);
	return st;
}

static void test_session_idle_and_absolute_expiry(void **state)
{
	(void)state;
	int64_t t = (int64_t)time(NULL);
	char a[65], b[65], c[65], csrf[65];
	session_at("lasare", t, a, csrf);
	session_at("lasare", t, b, csrf);
	session_at("lasare", t, c, csrf);
	/* within a minute the idle timer is not written … */
	clock_at(t + RT_SESSION_TOUCH - 1);
	assert_int_equal(start_page(a), 200);
	/* … so half a minute past the idle limit, counted from the start, it is gone */
	clock_at(t + RT_SESSION_IDLE + 30);
	assert_int_equal(start_page(a), 303);
	/* a request after a minute moves the timer: the same moment is fine */
	clock_at(t + RT_SESSION_TOUCH + 1);
	assert_int_equal(start_page(b), 200);
	clock_at(t + RT_SESSION_IDLE + 30);
	assert_int_equal(start_page(b), 200);
	/* in use every 25 minutes, the session still ends at the absolute limit */
	int64_t at = t;
	for (at = t + 25 * 60; at < t + RT_SESSION_ABSOLUTE; at += 25 * 60) {
		clock_at(at);
		assert_int_equal(start_page(c), 200);
	}
	clock_at(t + RT_SESSION_ABSOLUTE + 1);
	assert_int_equal(start_page(c), 303);
	unsetenv("RODTRAD_TEST_NOW");
}

/* The header has a logout button (a POST form with the CSRF token) for a
 * session, the login link for everyone else. */
static void test_logout_button_in_header(void **state)
{
	(void)state;
	char tok[65], csrf[65];
	assert_int_equal(http_session_for("lasare", tok, csrf), 0);
	struct http_res r;
	assert_int_equal(with_cookie("GET", "/", tok, NULL, &r), 200);
	rt_buf want = RT_BUF_INIT;
	rt_buf_addf(&want, "<form class=\"logout\" method=\"post\" action=\"/logga-ut\">\n"
	                   "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n"
	                   "<button type=\"submit\">Logga ut</button>\n</form>", csrf);
	assert_non_null(strstr(r.body.buf, want.buf));
	assert_null(strstr(r.body.buf, "href=\"/logga-in\">Logga in</a>"));
	rt_buf_release(&want);
	res_release(&r);
	assert_int_equal(http_get("/plan/1", &r), 200);   /* anonymous, a published plan */
	assert_non_null(strstr(r.body.buf, "<a class=\"login\" href=\"/logga-in\">Logga in</a>"));
	assert_null(strstr(r.body.buf, "Logga ut"));
	res_release(&r);
}

/* Last: it locks this address. One message for a wrong password, 429 once
 * the limit is reached — then even the right password is refused. */
static void test_wrong_password_then_locked(void **state)
{
	(void)state;
	struct http_res r;
	const char *bad = "anvandarnamn=admin&losenord=inte-ratt-losen";
	assert_int_equal(http_do("POST", "/logga-in", FORM, bad, strlen(bad), NULL, &r), 401);
	assert_non_null(strstr(r.body.buf, "Fel användarnamn eller lösenord."));
	assert_null(res_header(&r, "Set-Cookie"));
	res_release(&r);
	long st = 401;
	int tries = 1;
	while (st == 401 && tries <= RT_LOGIN_MAX_FAILS) {
		st = http_do("POST", "/logga-in", FORM, bad, strlen(bad), NULL, &r);
		res_release(&r);
		tries++;
	}
	assert_int_equal(st, 429);
	const char *good = "anvandarnamn=admin&losenord=admin-demo-2021";
	assert_int_equal(http_do("POST", "/logga-in", FORM, good, strlen(good), NULL, &r), 429);
	assert_non_null(strstr(r.body.buf, "För många misslyckade inloggningar"));
	res_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_anonymous_sees_only_published_plans),
		cmocka_unit_test(test_reporter_cannot_put_plan),
		cmocka_unit_test(test_planner_of_a_cannot_edit_b),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_login_and_logout),
		cmocka_unit_test(test_xss_in_login_name_is_escaped),
		cmocka_unit_test(test_session_idle_and_absolute_expiry),
		cmocka_unit_test(test_logout_button_in_header),
		cmocka_unit_test(test_wrong_password_then_locked),
	};
	return cmocka_run_group_tests(tests, auth_setup, http_teardown);
}
