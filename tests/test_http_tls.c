/* HTTPS (src/http/tls.c, server.c): a self-signed certificate made with
 * openssl at test time, the server in-process on an ephemeral port with
 * --tls-cert/--tls-key, a login over https that must give a Secure session
 * cookie and Strict-Transport-Security, plain http on the same port that
 * must fail, and the Swedish messages for a missing, wrong or mismatched
 * certificate or key (through rt_http_start and `rodtrad serve`). */
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_http.h"

static char *cert, *key, *cert2, *key2;
static char https_url[64];

/* A file under the test tmp dir, "pg-" first in the PostgreSQL variant:
 * test_http_tls and test_http_tls_pg may run side by side. */
static char *tls_tmp(const char *name)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_addf(&b, "%s%s", rt_test_pg() ? "pg-" : "", name);
	char *path = rt_test_tmp_path(b.buf);
	rt_buf_release(&b);
	return path;
}

/* One request with test_http.h's response struct; `form` NULL is a GET,
 * `cainfo` NULL trusts only the system's CAs. Returns the status, 0 when
 * the request failed (then *cc says why). */
static long request(const char *url, const char *cainfo, const char *cookie, const char *form,
                    struct http_res *r, CURLcode *cc)
{
	r->head = (rt_buf)RT_BUF_INIT;
	r->body = (rt_buf)RT_BUF_INIT;
	r->status = 0;
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &r->head);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	if (cainfo)
		curl_easy_setopt(c, CURLOPT_CAINFO, cainfo);
	if (cookie)
		curl_easy_setopt(c, CURLOPT_COOKIE, cookie);
	if (form)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
	CURLcode rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	if (cc)
		*cc = rc;
	curl_easy_cleanup(c);
	return r->status;
}

/* A self-signed P-256 certificate for localhost and 127.0.0.1. */
static int make_cert(const char *crt, const char *k, const char *cn)
{
	rt_buf cmd = RT_BUF_INIT;
	rt_buf_addf(&cmd, "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
	            "-nodes -keyout '%s' -out '%s' -days 2 -subj /CN=%s "
	            "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null", k, crt, cn);
	int rc = system(cmd.buf);
	rt_buf_release(&cmd);
	return rc;
}

static int setup(void **state)
{
	(void)state;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	db_path = rt_test_db("http_tls.db");
	cert = tls_tmp("tls-cert.pem");
	key = tls_tmp("tls-key.pem");
	cert2 = tls_tmp("tls-cert2.pem");
	key2 = tls_tmp("tls-key2.pem");
	const char *argv[] = { "demo", db_path, NULL };
	rt_buf out = RT_BUF_INIT, err = RT_BUF_INIT;
	int rc = rt_test_run(&out, &err, argv);
	rt_buf_release(&out);
	rt_buf_release(&err);
	if (rc != 0 || make_cert(cert, key, "localhost") != 0 || make_cert(cert2, key2, "annan") != 0) {
		fprintf(stderr, "demo database or openssl failed\n");
		return -1;
	}
	struct rt_http_config cfg = { 0 };
	cfg.db_path = db_path;
	cfg.listen = "127.0.0.1:0";
	cfg.threads = 2;
	cfg.quiet = true;
	cfg.tls_cert = cert;
	cfg.tls_key = key;
	rt_err e = RT_ERR_INIT;
	if (rt_http_start(&srv, &cfg, &e) != 0) {
		fprintf(stderr, "start failed: %s\n", e.msg);
		return -1;
	}
	snprintf(https_url, sizeof(https_url), "https://localhost:%u", (unsigned)rt_http_port(srv));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rt_http_stop(srv);
	for (char **p = (char *[]){ cert, key, cert2, key2, NULL }; *p; p++) {
		unlink(*p);
		free(*p);
	}
	free(db_path);
	curl_global_cleanup();
	return 0;
}

static void test_login_over_https(void **state)
{
	(void)state;
	struct http_res r;
	rt_buf url = RT_BUF_INIT;
	rt_buf_addf(&url, "%s/logga-in", https_url);
	assert_int_equal(request(url.buf, cert, NULL,
	                         "anvandarnamn=admin&losenord=admin-demo-2021", &r, NULL), 303);
	char *cookie = res_header(&r, "Set-Cookie");
	assert_non_null(cookie);
	assert_int_equal(strncmp(cookie, "rt_session=", 11), 0);
	assert_non_null(strstr(cookie, "; Secure"));
	assert_non_null(strstr(cookie, "HttpOnly"));
	assert_non_null(strstr(cookie, "SameSite=Strict"));
	char *hsts = res_header(&r, "Strict-Transport-Security");
	assert_non_null(hsts);
	assert_string_equal(hsts, "max-age=31536000");
	free(hsts);
	res_release(&r);

	/* the session works over https: the start page, not the login page */
	*strchr(cookie, ';') = '\0';
	rt_buf_reset(&url);
	rt_buf_addf(&url, "%s/", https_url);
	assert_int_equal(request(url.buf, cert, cookie, NULL, &r, NULL), 200);
	assert_non_null(strstr(r.body.buf, "Region Jämtland Härjedalen"));
	assert_non_null(strstr(r.body.buf, "Regionstyrelsen"));
	res_release(&r);
	rt_buf_reset(&url);
	rt_buf_addf(&url, "%s/api/v1/plans/6", https_url);
	assert_int_equal(request(url.buf, cert, cookie, NULL, &r, NULL), 200);
	assert_non_null(strstr(r.body.buf, "\"id\":6"));
	res_release(&r);
	free(cookie);
	rt_buf_release(&url);
}

static void test_plain_http_on_the_tls_port_fails(void **state)
{
	(void)state;
	struct http_res r;
	char url[80];
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/logga-in", (unsigned)rt_http_port(srv));
	CURLcode cc;
	assert_int_equal(request(url, NULL, NULL, NULL, &r, &cc), 0);
	assert_int_not_equal(cc, CURLE_OK);
	res_release(&r);
	/* and the certificate is really the one given: unknown to the system */
	snprintf(url, sizeof(url), "%s/logga-in", https_url);
	assert_int_equal(request(url, NULL, NULL, NULL, &r, &cc), 0);
	assert_int_equal(cc, CURLE_PEER_FAILED_VERIFICATION);
	res_release(&r);
}

static void test_plain_server_cookie_is_not_secure(void **state)
{
	(void)state;
	struct rt_http_config cfg = { 0 };
	cfg.db_path = db_path;
	cfg.listen = "127.0.0.1:0";
	cfg.threads = 1;
	cfg.quiet = true;
	struct rt_http_server *plain;
	rt_err e = RT_ERR_INIT;
	assert_int_equal(rt_http_start(&plain, &cfg, &e), 0);
	char url[80];
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/logga-in", (unsigned)rt_http_port(plain));
	struct http_res r;
	assert_int_equal(request(url, NULL, NULL, "anvandarnamn=admin&losenord=admin-demo-2021", &r,
	                         NULL), 303);
	char *cookie = res_header(&r, "Set-Cookie");
	assert_non_null(cookie);
	assert_null(strstr(cookie, "Secure"));
	assert_non_null(strstr(cookie, "HttpOnly"));
	assert_null(res_header(&r, "Strict-Transport-Security"));
	free(cookie);
	res_release(&r);
	rt_http_stop(plain);
}

/* rt_http_start refuses and says why, in Swedish, naming the file: the
 * message holds the printf-formatted `want`. */
static void __attribute__((format(printf, 3, 4))) expect_start_error(const char *c, const char *k,
                                                                    const char *want, ...)
{
	struct rt_http_config cfg = { 0 };
	cfg.db_path = db_path;
	cfg.listen = "127.0.0.1:0";
	cfg.quiet = true;
	cfg.tls_cert = c;
	cfg.tls_key = k;
	struct rt_http_server *s = NULL;
	rt_err e = RT_ERR_INIT;
	assert_int_not_equal(rt_http_start(&s, &cfg, &e), 0);
	assert_null(s);
	char w[512];
	va_list ap;
	va_start(ap, want);
	vsnprintf(w, sizeof(w), want, ap);
	va_end(ap);
	if (!strstr(e.msg, w))
		fail_msg("'%s' does not say '%s'", e.msg, w);
}

static void test_bad_certificate_or_key(void **state)
{
	(void)state;
	char *missing = tls_tmp("saknas.pem");
	char *empty = tls_tmp("tom.pem");
	FILE *f = fopen(empty, "w");
	assert_non_null(f);
	fclose(f);
	expect_start_error(missing, key, "Certifikatfilen %s finns inte", missing);
	expect_start_error(cert, missing, "Nyckelfilen %s finns inte", missing);
	expect_start_error(empty, key, "Certifikatfilen %s är tom", empty);
	/* a key where the certificate belongs, and the other way round */
	expect_start_error(key, key, "Certifikatfilen %s innehåller inget giltigt certifikat", key);
	expect_start_error(cert, cert, "Nyckelfilen %s innehåller ingen giltig privat nyckel", cert);
	/* another certificate's key */
	expect_start_error(cert, key2, "Nyckeln i %s hör inte till certifikatet i %s", key2, cert);
	expect_start_error(cert, NULL, "Ange både --tls-cert och --tls-key");
	/* a directory */
	expect_start_error("/", key, "Certifikatfilen / kan inte läsas");
	/* an unreadable file (root reads everything, so only as another user) */
	if (geteuid() != 0) {
		char *locked = tls_tmp("last.pem");
		f = fopen(locked, "w");
		assert_non_null(f);
		fclose(f);
		assert_int_equal(chmod(locked, 0), 0);
		expect_start_error(locked, key, "Certifikatfilen %s kan inte läsas: behörighet saknas",
		                   locked);
		unlink(locked);
		free(locked);
	}
	unlink(empty);
	free(empty);
	free(missing);
}

static void test_serve_command_messages(void **state)
{
	(void)state;
	rt_buf out = RT_BUF_INIT, err = RT_BUF_INIT;
	const char *only_cert[] = { "serve", "--db", db_path, "--tls-cert", cert, NULL };
	assert_int_equal(rt_test_run(&out, &err, only_cert), 2);
	assert_non_null(strstr(err.buf, "ange både --tls-cert och --tls-key"));
	rt_buf_reset(&out);
	rt_buf_reset(&err);
	const char *mismatch[] = { "serve", "--db", db_path, "--listen", "127.0.0.1:0", "--tls-cert",
	                           cert, "--tls-key", key2, NULL };
	assert_int_equal(rt_test_run(&out, &err, mismatch), 1);
	rt_buf want = RT_BUF_INIT;
	rt_buf_addf(&want, "Nyckeln i %s hör inte till certifikatet i %s", key2, cert);
	assert_non_null(strstr(err.buf, want.buf));
	assert_int_equal(out.len, 0);
	rt_buf_release(&want);
	rt_buf_release(&out);
	rt_buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_over_https),
		cmocka_unit_test(test_plain_http_on_the_tls_port_fails),
		cmocka_unit_test(test_plain_server_cookie_is_not_secure),
		cmocka_unit_test(test_bad_certificate_or_key),
		cmocka_unit_test(test_serve_command_messages),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
