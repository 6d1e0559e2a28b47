/* Helpers for the tests of row versions over HTTP (test_http_version.c,
 * test_web_edit.c): sessions of two demo officers, counting
 * audited updates, GET/PUT with the JSON answer, and reading a form's
 * fields. Include after test_http.h. */
#ifndef RT_TEST_HTTP_SESSION_H
#define RT_TEST_HTTP_SESSION_H

#include <strings.h>

#define HS_UNUSED __attribute__((unused))   /* each test uses some */

/* Makes the following requests as demo user `name` (a session of its own). */
static HS_UNUSED void use_session(const char *name)
{
	char token[65], csrf[65];
	if (http_session_for(name, token, csrf) != 0)
		fail_msg("could not create a session for %s", name);
	snprintf(http_cookie_hdr, sizeof(http_cookie_hdr), "Cookie: rt_session=%s", token);
	snprintf(http_csrf_hdr, sizeof(http_csrf_hdr), "X-CSRF-Token: %s", csrf);
	http_logged_in = true;
}

struct session {
	char cookie[128], csrf[128];
};

static HS_UNUSED void session_save(struct session *s)
{
	memcpy(s->cookie, http_cookie_hdr, sizeof(s->cookie));
	memcpy(s->csrf, http_csrf_hdr, sizeof(s->csrf));
}

static HS_UNUSED void session_use(const struct session *s)
{
	memcpy(http_cookie_hdr, s->cookie, sizeof(s->cookie));
	memcpy(http_csrf_hdr, s->csrf, sizeof(s->csrf));
	http_logged_in = true;
}

/* Eva (the demo administrator) and Olle (the planner of RJH
 * Regionstyrelsen): two officers who may both edit plan rjh-rs-vp-2021. */
static HS_UNUSED void two_sessions(struct session *eva, struct session *olle)
{
	use_session("admin");
	session_save(eva);
	use_session("planerare");
	session_save(olle);
}

static HS_UNUSED size_t audit_updates(const char *entity, int64_t id)
{
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	rt_arena a = RT_ARENA_INIT;
	struct rt_audit_row *rows = NULL;
	size_t n = 0, updates = 0;
	assert_int_equal(rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &err), 0);
	assert_int_equal(rt_store_audit_list(s, &a, entity, id, &rows, &n, &err), 0);
	for (size_t i = 0; i < n; i++)
		updates += !strcmp(rows[i].action, "update");
	rt_arena_release(&a);
	rt_store_close(s);
	return updates;
}

static HS_UNUSED char *fmt(const char *pre, long long id, const char *post)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_addf(&b, "%s%lld%s", pre, id, post);
	return rt_buf_detach(&b, NULL);
}

/* GET path: 200, the JSON, and the ETag (malloc'd) in *etag if asked. */
static HS_UNUSED json_t *get(const char *path, char **etag)
{
	struct http_res r;
	if (http_get(path, &r) != 200)
		fail_msg("GET %s: %ld %s", path, r.status, r.body.buf);
	json_t *j = res_json(&r);
	if (etag)
		*etag = res_header(&r, "ETag");
	res_release(&r);
	return j;
}

/* A write with an optional extra header; fails unless `status`. */
static HS_UNUSED json_t *send_req(const char *method, const char *path, const char *body,
                                  const char *hdr, long status)
{
	struct http_res r;
	long got = http_do(method, path, "application/json", body, strlen(body), hdr, &r);
	if (got != status)
		fail_msg("%s %s %s: %ld, want %ld: %s", method, path, body, got, status, r.body.buf);
	json_t *j = res_json(&r);
	res_release(&r);
	return j;
}

static HS_UNUSED json_int_t num(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static HS_UNUSED const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* The value of `<input … name="NAME" value="…">` in html (malloc'd). */
static HS_UNUSED char *input_value(const char *html, const char *name)
{
	char pat[96];
	snprintf(pat, sizeof(pat), "name=\"%s\" value=\"", name);
	const char *p = strstr(html, pat);
	if (!p)
		fail_msg("no input %s", name);
	p += strlen(pat);
	return rt_xstrndup(p, strcspn(p, "\""));
}

static HS_UNUSED long post_form(const char *path, const char *body, struct http_res *r)
{
	return http_do("POST", path, "application/x-www-form-urlencoded", body, strlen(body), NULL, r);
}

#endif
