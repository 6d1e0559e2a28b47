/* Shared by the HTTP tests: a demo database, the server started in-process
 * on an ephemeral port, and a small libcurl client that keeps status,
 * headers and body. Static functions: each test file includes it once. */
#ifndef RT_TEST_HTTP_H
#define RT_TEST_HTTP_H
#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/http.h"
#include "store/store_auth.h"
#include "test_util.h"

struct http_res {
	long status;
	rt_buf head;   /* raw response header lines */
	rt_buf body;
};

static struct rt_http_server *srv;
static char *db_path;
static char base_url[64];

/* Every request is made as the demo administrator ("admin") with a session
 * cookie and its CSRF token in X-CSRF-Token, created straight in the store
 * on the first request (so the tests exercise the routes, not the login
 * form; tests/test_http_auth.c tests that). http_anonymous true: no
 * credentials at all. http_extra_cookie: a Cookie line sent instead. */
static bool http_anonymous;
static bool http_logged_in;
static char http_cookie_hdr[128];
static char http_csrf_hdr[128];

/* A new session for demo user `name` in the test database. */
static __attribute__((unused)) int http_session_for(const char *name, char token[65],
                                                    char csrf[65])
{
	rt_store *s;
	rt_err e = RT_ERR_INIT;
	rt_arena a = RT_ARENA_INIT;
	struct rt_user u;
	int rc = rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &e);
	if (rc != 0)
		return rc;
	rc = rt_store_user_get(s, &a, name, &u, &e);
	if (rc == 0)
		rc = rt_store_session_create(s, u.id, (int64_t)time(NULL), token, csrf, &e);
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}

static __attribute__((unused)) void http_login_admin(void)
{
	char token[65], csrf[65];
	if (http_session_for("admin", token, csrf) != 0)
		fail_msg("could not create a session for the demo admin");
	snprintf(http_cookie_hdr, sizeof(http_cookie_hdr), "Cookie: rt_session=%s", token);
	snprintf(http_csrf_hdr, sizeof(http_csrf_hdr), "X-CSRF-Token: %s", csrf);
	http_logged_in = true;
}

static __attribute__((unused)) size_t on_data(char *p, size_t sz, size_t n, void *ud)
{
	rt_buf_add(ud, p, sz * n);
	return sz * n;
}

/* Demo database `name` under the test tmp dir + the server on 127.0.0.1:0.
 * Each test program names its own file: ctest -j runs them side by side in
 * the same tmp dir. */
static __attribute__((unused)) int http_setup_db(const char *name)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	db_path = rt_test_db(name);
	const char *argv[] = { "demo", db_path, NULL };
	rt_buf out = RT_BUF_INIT, err = RT_BUF_INIT;
	int rc = rt_test_run(&out, &err, argv);
	rt_buf_release(&out);
	if (rc != 0) {
		fprintf(stderr, "demo failed: %s\n", err.buf);
		rt_buf_release(&err);
		return -1;
	}
	rt_buf_release(&err);
	struct rt_http_config cfg = { db_path, "127.0.0.1:0", 4, 64 * 1024, 5, true, NULL, NULL,
	                              256 * 1024 };
	rt_err e = RT_ERR_INIT;
	if (rt_http_start(&srv, &cfg, &e) != 0) {
		fprintf(stderr, "start failed: %s\n", e.msg);
		return -1;
	}
	snprintf(base_url, sizeof(base_url), "http://127.0.0.1:%u", (unsigned)rt_http_port(srv));
	return 0;
}

/* The group setup for a test that defines HTTP_TEST_DB (its database file
 * name) before including this header. */
#ifdef HTTP_TEST_DB
static int http_setup(void **state)
{
	(void)state;
	return http_setup_db(HTTP_TEST_DB);
}
#endif

static __attribute__((unused)) int http_teardown(void **state)
{
	(void)state;
	rt_http_stop(srv);
	srv = NULL;
	free(db_path);
	http_logged_in = false;
	curl_global_cleanup();
	return 0;
}

static __attribute__((unused)) void res_release(struct http_res *r)
{
	rt_buf_release(&r->head);
	rt_buf_release(&r->body);
}

/* One request. `ctype` NULL: no body. `hdr` an extra header line or NULL. */
static __attribute__((unused)) long http_do(const char *method, const char *path, const char *ctype, const char *body,
                    size_t body_len, const char *hdr, struct http_res *r)
{
	r->head = (rt_buf)RT_BUF_INIT;
	r->body = (rt_buf)RT_BUF_INIT;
	r->status = 0;
	CURL *c = curl_easy_init();
	rt_buf url = RT_BUF_INIT;
	rt_buf_addf(&url, "%s%s", base_url, path);
	curl_easy_setopt(c, CURLOPT_URL, url.buf);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (!strcmp(method, "HEAD"))
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &r->head);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	struct curl_slist *h = NULL;
	rt_buf ct = RT_BUF_INIT;
	if (ctype) {
		rt_buf_addf(&ct, "Content-Type: %s", ctype);
		h = curl_slist_append(h, ct.buf);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)body_len);
	}
	h = curl_slist_append(h, "Expect:");
	if (!http_anonymous) {
		if (!http_logged_in)
			http_login_admin();
		h = curl_slist_append(h, http_cookie_hdr);
		h = curl_slist_append(h, http_csrf_hdr);
	}
	if (hdr)
		h = curl_slist_append(h, hdr);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	CURLcode cc = curl_easy_perform(c);
	if (cc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	rt_buf_release(&url);
	rt_buf_release(&ct);
	return r->status;
}

static __attribute__((unused)) long http_get(const char *path, struct http_res *r)
{
	return http_do("GET", path, NULL, NULL, 0, NULL, r);
}

static __attribute__((unused)) long http_json(const char *method, const char *path, const char *json, struct http_res *r)
{
	return http_do(method, path, "application/json", json, strlen(json), NULL, r);
}

/* The value of response header `name` (case-insensitive), malloc'd or NULL. */
static __attribute__((unused)) char *res_header(const struct http_res *r, const char *name)
{
	size_t nl = strlen(name);
	for (const char *p = r->head.buf; *p;) {
		const char *e = strstr(p, "\r\n");
		if (!e)
			break;
		if ((size_t)(e - p) > nl + 1 && !strncasecmp(p, name, nl) && p[nl] == ':') {
			const char *v = p + nl + 1;
			while (*v == ' ')
				v++;
			return rt_xstrndup(v, (size_t)(e - v));
		}
		p = e + 2;
	}
	return NULL;
}

/* Parses the body as JSON (fails the test if it is not). */
static __attribute__((unused)) json_t *res_json(const struct http_res *r)
{
	json_error_t je;
	json_t *j = json_loadb(r->body.buf, r->body.len, 0, &je);
	if (!j)
		fail_msg("not JSON (%s): %.200s", je.text, r->body.buf);
	return j;
}

/* The id of a row by its key, read straight from the test's database. */
static __attribute__((unused)) int64_t key_id(const char *table, const char *key)
{
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	int64_t id = 0;
	assert_int_equal(rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &err), 0);
	assert_int_equal(rt_store_find_key(s, table, key, &id, &err), 0);
	rt_store_close(s);
	return id;
}

/* The error code of an error body, for assertions. */
static __attribute__((unused)) const char *err_code(json_t *j)
{
	return json_string_value(json_object_get(json_object_get(j, "error"), "code"));
}

static __attribute__((unused)) const char *err_field(json_t *j)
{
	return json_string_value(json_object_get(json_object_get(j, "error"), "field"));
}

#endif
