/* The HTTP server itself: routing errors (404, 405 with Allow), the body
 * limit (413, announced and chunked), gzip when asked and only then, HEAD,
 * path traversal and invalid UTF-8 refused, ETag on the OpenAPI document,
 * many clients at once on the per-thread store connections (reads and
 * writes), the per-thread response cache seeing every write, and graceful shutdown of `rodtrad serve` on SIGTERM while a slow
 * request is in flight. */
#define HTTP_TEST_DB "http_server.db"
#include "test_http.h"

#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

static void test_not_found_and_method(void **state)
{
	(void)state;
	struct http_res r;
	assert_int_equal(http_get("/api/v1/nothing", &r), 404);
	json_t *j = res_json(&r);
	assert_string_equal(err_code(j), "not_found");
	assert_true(json_is_null(json_object_get(json_object_get(j, "error"), "field")));
	json_decref(j);
	res_release(&r);
	/* outside /api/ the error is a Swedish page */
	assert_int_equal(http_get("/finns/inte", &r), 404);
	char *ct = res_header(&r, "Content-Type");
	assert_string_equal(ct, "text/html; charset=utf-8");
	assert_non_null(strstr(r.body.buf, "lang=\"sv\""));
	free(ct);
	res_release(&r);

	assert_int_equal(http_do("DELETE", "/api/v1/plans", NULL, NULL, 0, NULL, &r), 405);
	char *allow = res_header(&r, "Allow");
	assert_string_equal(allow, "GET, HEAD, POST");
	free(allow);
	j = res_json(&r);
	assert_string_equal(err_code(j), "method_not_allowed");
	json_decref(j);
	res_release(&r);
	assert_int_equal(http_do("PATCH", "/api/v1/plans/1", "application/json", "{}", 2, NULL, &r), 405);
	allow = res_header(&r, "Allow");
	assert_string_equal(allow, "GET, HEAD, PUT");
	free(allow);
	res_release(&r);

	assert_int_equal(http_do("HEAD", "/api/v1/plans", NULL, NULL, 0, NULL, &r), 200);
	assert_int_equal(r.body.len, 0);
	res_release(&r);
}

static void test_body_limit(void **state)
{
	(void)state;
	/* the test server allows 64 KiB */
	size_t n = 200 * 1024;
	char *big = rt_xmalloc(n + 1);
	memset(big, ' ', n);
	big[0] = '{';
	big[n - 1] = '}';
	big[n] = '\0';
	struct http_res r;
	assert_int_equal(http_do("POST", "/api/v1/periods", "application/json", big, n, NULL, &r), 413);
	json_t *j = res_json(&r);
	assert_string_equal(err_code(j), "too_large");
	json_decref(j);
	res_release(&r);
	/* chunked, no Content-Length: refused once it grows past the limit */
	assert_int_equal(http_do("POST", "/api/v1/periods", "application/json", big, n,
	                         "Transfer-Encoding: chunked", &r), 413);
	res_release(&r);
	free(big);
	/* nothing was created */
	assert_int_equal(http_get("/api/v1/periods", &r), 200);
	j = res_json(&r);
	assert_int_equal(json_array_size(j), 1);
	json_decref(j);
	res_release(&r);
}

static void test_gzip_and_etag(void **state)
{
	(void)state;
	struct http_res plain, gz;
	assert_int_equal(http_get("/api/v1/openapi.json", &plain), 200);
	char *enc = res_header(&plain, "Content-Encoding");
	assert_null(enc);
	char *etag = res_header(&plain, "ETag");
	assert_non_null(etag);
	assert_int_equal(http_do("GET", "/api/v1/openapi.json", NULL, NULL, 0,
	                         "Accept-Encoding: gzip, deflate", &gz), 200);
	enc = res_header(&gz, "Content-Encoding");
	assert_string_equal(enc, "gzip");
	free(enc);
	char *vary = res_header(&gz, "Vary");
	assert_string_equal(vary, "Accept-Encoding");
	free(vary);
	assert_true(gz.body.len < plain.body.len / 3);
	assert_int_equal((unsigned char)gz.body.buf[0], 0x1f);
	assert_int_equal((unsigned char)gz.body.buf[1], 0x8b);
	/* it inflates to exactly the plain body */
	rt_buf out = RT_BUF_INIT;
	rt_buf_grow(&out, plain.body.len + 16);
	z_stream z;
	memset(&z, 0, sizeof(z));
	assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
	z.next_in = (Bytef *)gz.body.buf;
	z.avail_in = (uInt)gz.body.len;
	z.next_out = (Bytef *)out.buf;
	z.avail_out = (uInt)(plain.body.len + 16);
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.total_out, plain.body.len);
	assert_memory_equal(out.buf, plain.body.buf, plain.body.len);
	inflateEnd(&z);
	rt_buf_release(&out);
	/* gzip refused with q=0: identity */
	res_release(&gz);
	assert_int_equal(http_do("GET", "/api/v1/openapi.json", NULL, NULL, 0,
	                         "Accept-Encoding: gzip;q=0", &gz), 200);
	assert_null(res_header(&gz, "Content-Encoding"));
	res_release(&gz);
	/* the gzip'ed variant's tag also revalidates */
	rt_buf h = RT_BUF_INIT;
	rt_buf_addf(&h, "If-None-Match: W/%s", etag);
	assert_int_equal(http_do("GET", "/api/v1/openapi.json", NULL, NULL, 0, h.buf, &gz), 304);
	res_release(&gz);
	rt_buf_release(&h);
	/* small bodies are not worth it */
	assert_int_equal(http_do("GET", "/api/v1/periods", NULL, NULL, 0, "Accept-Encoding: gzip", &gz),
	                 200);
	assert_null(res_header(&gz, "Content-Encoding"));
	res_release(&gz);
	free(etag);
	res_release(&plain);
}

static void test_bad_paths_and_queries(void **state)
{
	(void)state;
	struct http_res r;
	static const char *const bad[] = {
		"/api/v1/../../etc/passwd", "/static/../rodtrad.db", "/static/%2e%2e/x", "/a/./b",
		"/api/v1/plans/%ff", "/x%00y",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long st = http_get(bad[i], &r);
		if (st != 400)
			fail_msg("%s gave %ld", bad[i], st);
		res_release(&r);
	}
	assert_int_equal(http_get("/api/v1/reports/2021-T1?scope=%ff", &r), 400);
	json_t *j = res_json(&r);
	assert_string_equal(err_code(j), "bad_encoding");
	json_decref(j);
	res_release(&r);
	/* still serving */
	assert_int_equal(http_get("/api/v1/plans", &r), 200);
	res_release(&r);
}

/* Many clients at once: reads of the whole plan tree and outcome writes,
 * each on some worker thread's own store connection. */
struct hammer {
	int64_t indicator;
	int id;
	int ok;
};

static void *hammer_run(void *arg)
{
	struct hammer *h = arg;
	for (int i = 0; i < 15; i++) {
		struct http_res r;
		rt_buf path = RT_BUF_INIT;
		if (i % 3 == 0) {
			rt_buf_addf(&path, "/api/v1/indicators/%lld/outcomes/2021-T1", (long long)h->indicator);
			rt_buf body = RT_BUF_INIT;
			rt_buf_addf(&body, "{\"value\":\"%d\",\"comment\":\"tråd %d\"}", 300 + i, h->id);
			if (http_json("PUT", path.buf, body.buf, &r) == 200)
				h->ok++;
			rt_buf_release(&body);
		} else {
			rt_buf_addstr(&path, "/api/v1/plans/6");
			if (http_get(path.buf, &r) == 200 && strstr(r.body.buf, "Regionstyrelsens verksamhetsplan 2021"))
				h->ok++;
		}
		res_release(&r);
		rt_buf_release(&path);
	}
	return NULL;
}

static void test_concurrent_clients(void **state)
{
	(void)state;
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	int64_t ind = 0;
	assert_int_equal(rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &err), 0);
	assert_int_equal(rt_store_find_key(s, "indicator", "rjh-rs-2021-uppkopplade-medarbetare", &ind,
	                                   &err), 0);
	rt_store_close(s);
	enum { N = 8 };
	pthread_t t[N];
	struct hammer h[N];
	for (int i = 0; i < N; i++) {
		h[i] = (struct hammer){ ind, i, 0 };
		pthread_create(&t[i], NULL, hammer_run, &h[i]);
	}
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(h[i].ok, 15);
	}
	/* every write is in the history: 8 × 5 corrections of the seed value */
	struct http_res r;
	rt_buf path = RT_BUF_INIT;
	rt_buf_addf(&path, "/api/v1/indicators/%lld/outcomes/2021-T1", (long long)ind);
	assert_int_equal(http_get(path.buf, &r), 200);
	json_t *j = res_json(&r);
	assert_int_equal(json_array_size(json_object_get(j, "history")), N * 5);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "history"), 0), "text")), "466");
	json_decref(j);
	res_release(&r);
	rt_buf_release(&path);
}

/* GET /api/ answers are cached per worker thread until the database
 * changes: a write by another process (here a direct store connection, as
 * the CLI would) must show on every thread at once. */
static void test_cache_sees_outside_writes(void **state)
{
	(void)state;
	struct http_res r;
	for (int i = 0; i < 12; i++) {       /* warm every worker's cache */
		assert_int_equal(http_get("/api/v1/plans/1", &r), 200);
		assert_non_null(strstr(r.body.buf, "\"title\":\"Regionplan 2016\""));
		res_release(&r);
	}
	rt_store *s = NULL;
	rt_err err = RT_ERR_INIT;
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan p;
	assert_int_equal(rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &err), 0);
	assert_int_equal(rt_store_plan_get(s, &a, 1, &p, &err), 0);
	p.title = "Regionplan 2016 (reviderad)";
	assert_int_equal(rt_store_begin(s, "test", &err), 0);
	assert_int_equal(rt_store_plan_put(s, &p, &err), 0);
	assert_int_equal(rt_store_commit(s, &err), 0);
	rt_store_close(s);
	rt_arena_release(&a);
	for (int i = 0; i < 12; i++) {
		assert_int_equal(http_get("/api/v1/plans/1", &r), 200);
		assert_non_null(strstr(r.body.buf, "\"title\":\"Regionplan 2016 (reviderad)\""));
		res_release(&r);
	}
	/* and a write through the API itself, seen by every thread */
	struct http_res w;
	assert_int_equal(http_json("PUT", "/api/v1/plans/1", "{\"title\":\"Regionplan 2016\"}", &w), 200);
	res_release(&w);
	for (int i = 0; i < 12; i++) {
		assert_int_equal(http_get("/api/v1/plans/1", &r), 200);
		assert_non_null(strstr(r.body.buf, "\"title\":\"Regionplan 2016\""));
		res_release(&r);
	}
}

/* ---- graceful shutdown of the real binary ---- */

struct slow {
	char url[128];
	long status;
	rt_buf body;
};

static void *slow_run(void *arg)
{
	struct slow *s = arg;
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, s->url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &s->body);
	struct curl_slist *h = curl_slist_append(NULL, "X-Test-Delay-Ms: 1500");
	h = curl_slist_append(h, http_cookie_hdr);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &s->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return NULL;
}

static void test_graceful_shutdown(void **state)
{
	(void)state;
	int out[2];
	assert_int_equal(pipe(out), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(out[1], 1);
		close(out[0]);
		close(out[1]);
		setenv("RODTRAD_HTTP_TEST_DELAY", "1", 1);
		const char *bin = getenv("RODTRAD_BIN");
		execl(bin, bin, "serve", "--db", db_path, "--listen", "127.0.0.1:0", "--quiet", (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	/* "Rödtråd lyssnar på http://127.0.0.1:PORT/ (databas …)" */
	char line[512] = "";
	size_t len = 0;
	while (len < sizeof(line) - 1 && !strchr(line, '\n')) {
		ssize_t k = read(out[0], line + len, sizeof(line) - 1 - len);
		if (k <= 0)
			break;
		len += (size_t)k;
		line[len] = '\0';
	}
	close(out[0]);
	const char *p = strstr(line, "http://127.0.0.1:");
	assert_non_null(p);
	unsigned port = (unsigned)strtoul(p + strlen("http://127.0.0.1:"), NULL, 10);
	assert_true(port > 0);

	if (!http_logged_in)
		http_login_admin();
	struct slow s = { "", 0, RT_BUF_INIT };
	snprintf(s.url, sizeof(s.url), "http://127.0.0.1:%u/api/v1/plans", port);
	pthread_t t;
	pthread_create(&t, NULL, slow_run, &s);
	usleep(400 * 1000);      /* the request is being handled (sleeping) now */
	assert_int_equal(kill(pid, SIGTERM), 0);
	pthread_join(t, NULL);
	assert_int_equal(s.status, 200);
	assert_non_null(strstr(s.body.buf, "Regionstyrelsens verksamhetsplan 2021"));
	rt_buf_release(&s.body);
	int wst = 0;
	assert_int_equal(waitpid(pid, &wst, 0), pid);
	assert_true(WIFEXITED(wst));
	assert_int_equal(WEXITSTATUS(wst), 0);
	/* and it is gone */
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, s.url);
	curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	assert_int_equal(curl_easy_perform(c), CURLE_COULDNT_CONNECT);
	curl_easy_cleanup(c);
}

static void test_serve_refuses_bad_setup(void **state)
{
	(void)state;
	rt_buf out = RT_BUF_INIT, err = RT_BUF_INIT;
	char *missing = rt_test_tmp_path("missing.db");
	const char *a1[] = { "serve", "--db", missing, NULL };
	assert_int_equal(rt_test_run(&out, &err, a1), 1);
	assert_non_null(strstr(err.buf, "finns inte"));
	rt_buf_reset(&err);
	const char *a2[] = { "serve", "--db", db_path, "--listen", "nonsense", NULL };
	assert_int_equal(rt_test_run(&out, &err, a2), 1);
	assert_non_null(strstr(err.buf, "VÄRD:PORT"));
	rt_buf_reset(&err);
	const char *a3[] = { "serve", "--db", db_path, "--threads", "0", NULL };
	assert_int_equal(rt_test_run(&out, &err, a3), 2);
	free(missing);
	rt_buf_release(&out);
	rt_buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_found_and_method),
		cmocka_unit_test(test_body_limit),
		cmocka_unit_test(test_gzip_and_etag),
		cmocka_unit_test(test_bad_paths_and_queries),
		cmocka_unit_test(test_concurrent_clients),
		cmocka_unit_test(test_cache_sees_outside_writes),
		cmocka_unit_test(test_graceful_shutdown),
		cmocka_unit_test(test_serve_refuses_bad_setup),
	};
	return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
