/* The web UI's finishing pieces through the real server: the upload page
 * for outcome import (GET /import, POST multipart/form-data with a dry run
 * and a commit, a bad file → 422 with the row and reason and nothing
 * written, malformed or non-multipart bodies refused), the goal page's
 * Kolada comparison (the region beside Riket and a peer), and the outcome
 * form's live status using the region-wide default tolerance. */
#include "test_http.h"
#include "http/multipart.h"

#define SJUK "rjh-rs-2021-sjukfranvaro-ind"   /* lower is better, target 4,6 %, utfall 5,4 % */
#define BOUNDARY "rtGrans7d3f"

static int setup(void **state)
{
	(void)state;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	db_path = rt_test_db("http_web_import.db");
	const char *argv[] = { "demo", db_path, NULL };
	rt_buf out = RT_BUF_INIT, err = RT_BUF_INIT;
	int rc = rt_test_run(&out, &err, argv);
	rt_buf_release(&out);
	rt_buf_release(&err);
	/* 64 KiB for the API and pages, 128 KiB for the upload (--max-body) */
	struct rt_http_config cfg = { db_path, "127.0.0.1:0", 2, 64 * 1024, 5, true, NULL, NULL,
	                              128 * 1024 };
	rt_err e = RT_ERR_INIT;
	if (rc != 0 || rt_http_start(&srv, &cfg, &e) != 0)
		return -1;
	snprintf(base_url, sizeof(base_url), "http://127.0.0.1:%u", (unsigned)rt_http_port(srv));
	return 0;
}

static void assert_has(const struct http_res *r, const char *needle)
{
	if (!r->body.buf || !strstr(r->body.buf, needle))
		fail_msg("missing in body: %s\n---\n%s", needle, r->body.buf ? r->body.buf : "");
}

/* The test database (next to the server's connections) and SJUK's id. */
static rt_store *open_db(int64_t *sjuk)
{
	rt_store *s;
	rt_err e = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &e), 0);
	assert_int_equal(rt_store_find_key(s, "indicator", SJUK, sjuk, &e), 0);
	return s;
}

/* The SJUK outcome for 2021-T1 (whole scope) as its stored text. */
static char *sjuk_text(void)
{
	int64_t ind, per;
	rt_store *s = open_db(&ind);
	rt_err e = RT_ERR_INIT;
	assert_int_equal(rt_store_find_key(s, "period", "2021-T1", &per, &e), 0);
	rt_arena a = RT_ARENA_INIT;
	struct rt_outcome o;
	assert_int_equal(rt_store_outcome_find(s, &a, ind, per, RT_GENDER_TOTAL, 0, &o, &e), 0);
	char *t = strdup(o.text ? o.text : "");
	rt_arena_release(&a);
	rt_store_close(s);
	return t;
}

/* POST /import with the file and the button `action`. */
static long post_file(const char *filename, const char *csv, const char *action,
                      struct http_res *r)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_addf(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"fil\"; "
	                "filename=\"%s\"\r\nContent-Type: text/csv\r\n\r\n%s\r\n"
	                "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"atgard\"\r\n\r\n"
	                "%s\r\n--" BOUNDARY "--\r\n", filename, csv, action);
	long st = http_do("POST", "/import", "multipart/form-data; boundary=" BOUNDARY, b.buf, b.len,
	                  NULL, r);
	rt_buf_release(&b);
	return st;
}

static void test_form(void **state)
{
	(void)state;
	struct http_res r;
	assert_int_equal(http_get("/import", &r), 200);
	char *csp = res_header(&r, "Content-Security-Policy");
	assert_non_null(csp);
	assert_non_null(strstr(csp, "script-src 'self'"));
	free(csp);
	assert_has(&r, "<h1>Importera utfall</h1>");
	assert_has(&r, "enctype=\"multipart/form-data\"");
	assert_has(&r, "<label for=\"fil\">");
	assert_has(&r, "<input id=\"fil\" name=\"fil\" type=\"file\"");
	assert_has(&r, "value=\"provkor\">Förhandsgranska (dry run)</button>");
	assert_has(&r, "value=\"importera\" class=\"primary\">Importera</button>");
	assert_has(&r, "<a href=\"/import\" aria-current=\"page\">Importera</a>");
	assert_null(strstr(r.body.buf, "style="));
	res_release(&r);
	/* Every page links to it. */
	assert_int_equal(http_get("/", &r), 200);
	assert_has(&r, "<a href=\"/import\">Importera</a>");
	res_release(&r);
}

static void test_bad_file(void **state)
{
	(void)state;
	char *before = sjuk_text();
	assert_string_equal(before, "5,4 %");
	struct http_res r;
	assert_int_equal(post_file("utfall.csv", "indikator;period;värde\n" SJUK ";2021-T1;3,9 %\n"
	                           "finns-inte;2021-T1;3\n", "importera", &r), 422);
	assert_has(&r, "Ingenting lästes in");
	assert_has(&r, "rad 3");
	assert_has(&r, "finns-inte");
	assert_has(&r, "<form class=\"import\"");
	res_release(&r);
	char *after = sjuk_text();
	assert_string_equal(after, "5,4 %");
	free(after);

	/* An empty file and a missing one. */
	assert_int_equal(post_file("tom.csv", "", "importera", &r), 422);
	assert_has(&r, "Välj en fil");
	res_release(&r);
	/* Not multipart, and a multipart body that stops in the middle. */
	assert_int_equal(http_do("POST", "/import", "application/x-www-form-urlencoded", "fil=x", 5,
	                         NULL, &r), 415);
	assert_has(&r, "multipart/form-data");
	res_release(&r);
	const char *cut = "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"fil\"\r\n\r\nabc";
	assert_int_equal(http_do("POST", "/import", "multipart/form-data; boundary=" BOUNDARY, cut,
	                         strlen(cut), NULL, &r), 400);
	assert_has(&r, "Formuläret kunde inte läsas");
	res_release(&r);
	assert_int_equal(http_do("POST", "/import", "multipart/form-data", "x", 1, NULL, &r), 400);
	res_release(&r);
	after = sjuk_text();
	assert_string_equal(after, "5,4 %");
	free(after);
	free(before);
}

/* The upload route takes files up to its own limit (rodtrad serve
 * --max-body), larger than the API's; beyond it a Swedish 413 page. */
static void test_upload_limit(void **state)
{
	(void)state;
	/* 100 KiB: over the API's 64 KiB, under the upload's 128 KiB (blank
	 * lines are skipped, so this is a valid file with one row) */
	rt_buf csv = RT_BUF_INIT;
	rt_buf_addstr(&csv, "indikator;period;värde\n" SJUK ";2021-T1;3,9 %\n");
	while (csv.len < 100 * 1024)
		rt_buf_addstr(&csv, "\r\n");
	struct http_res r;
	assert_int_equal(post_file("stor.csv", csv.buf, "provkor", &r), 200);
	assert_has(&r, "stor.csv: 1 rader.");
	res_release(&r);
	/* the same body to the API is refused at 64 KiB */
	assert_int_equal(http_do("POST", "/api/v1/periods", "application/json", csv.buf, csv.len,
	                         NULL, &r), 413);
	assert_has(&r, "Begäran är för stor: högst 64 KiB.");
	res_release(&r);
	/* 200 KiB to the upload: 413 with the limit and how to change it */
	while (csv.len < 200 * 1024)
		rt_buf_addstr(&csv, "\r\n");
	assert_int_equal(post_file("for-stor.csv", csv.buf, "importera", &r), 413);
	assert_has(&r, "Filen är för stor: högst 128 KiB kan laddas upp");
	assert_has(&r, "--max-body");
	res_release(&r);
	rt_buf_release(&csv);
	char *t = sjuk_text();
	assert_string_equal(t, "5,4 %");
	free(t);
}

/* The limits as `rodtrad serve --max-body` reads and the page writes them. */
static void test_size_parse(void **state)
{
	(void)state;
	size_t n = 0;
	assert_int_equal(rt_http_size_parse("65536", &n), 0);
	assert_int_equal(n, 65536);
	assert_int_equal(rt_http_size_parse("512K", &n), 0);
	assert_int_equal(n, 512 * 1024);
	assert_int_equal(rt_http_size_parse("64m", &n), 0);
	assert_int_equal(n, 64 * 1024 * 1024);
	assert_int_equal(rt_http_size_parse("1 GiB", &n), 0);
	assert_int_equal(n, (size_t)1 << 30);
	assert_int_equal(rt_http_size_parse("0", &n), RT_EINVAL);
	assert_int_equal(rt_http_size_parse("-1", &n), RT_EINVAL);
	assert_int_equal(rt_http_size_parse("12X", &n), RT_EINVAL);
	assert_int_equal(rt_http_size_parse("2000G", &n), RT_EINVAL);
	assert_int_equal(rt_http_size_parse("", &n), RT_EINVAL);
	char text[32];
	rt_http_size_text(text, sizeof(text), 64 * 1024 * 1024);
	assert_string_equal(text, "64 MiB");
	rt_http_size_text(text, sizeof(text), 1000);
	assert_string_equal(text, "1000 byte");
	/* the command refuses a bad size with one Swedish line */
	const char *argv[] = { "serve", "--max-body", "mycket", "--db", db_path, NULL };
	rt_buf out = RT_BUF_INIT, err = RT_BUF_INIT;
	assert_int_equal(rt_test_run(&out, &err, argv), 2);
	assert_non_null(strstr(err.buf, "ogiltig storlek 'mycket' för --max-body"));
	rt_buf_release(&out);
	rt_buf_release(&err);
}

static void test_dry_run_then_import(void **state)
{
	(void)state;
	const char *csv = "\xef\xbb\xbfindikator;period;värde;kommentar\n"
	                  SJUK ";2021-T1;3,9 %;Från <HR>\n";
	struct http_res r;
	assert_int_equal(post_file("hr.csv", csv, "provkor", &r), 200);
	assert_has(&r, "Förhandsgranskning – ingenting sparades");
	assert_has(&r, "hr.csv: 1 rader.");
	assert_has(&r, "<dt>Utfall som skulle rättas</dt><dd>1</dd>");
	assert_has(&r, "<dt>Nya utfall som skulle läsas in</dt><dd>0</dd>");
	assert_has(&r, "rad 2");
	res_release(&r);
	char *t = sjuk_text();
	assert_string_equal(t, "5,4 %");
	free(t);

	assert_int_equal(post_file("hr.csv", csv, "importera", &r), 200);
	assert_has(&r, "Utfallen är inlästa");
	assert_has(&r, "<dt>Rättade utfall</dt><dd>1</dd>");
	res_release(&r);
	t = sjuk_text();
	assert_string_equal(t, "3,9 %");
	free(t);
	/* The comment is escaped where it shows. */
	assert_int_equal(http_get("/plan/6/utfall/2021-T1", &r), 200);
	assert_has(&r, "Från &lt;HR&gt;");
	res_release(&r);
}

static void put_value(rt_store *s, const char *mun, int year, bool has, double v)
{
	rt_err e = RT_ERR_INIT;
	struct rt_kolada_value kv = { .kpi = "N00945", .municipality = (char *)mun, .year = year,
	                              .gender = RT_GENDER_TOTAL, .has_value = has, .value = v };
	assert_int_equal(rt_store_kolada_value_put(s, &kv, &e), 0);
}

static void test_kolada_comparison(void **state)
{
	(void)state;
	int64_t ind;
	rt_store *s = open_db(&ind);
	rt_err e = RT_ERR_INIT;
	rt_arena a = RT_ARENA_INIT;
	struct rt_indicator in;
	assert_int_equal(rt_store_indicator_get(s, &a, ind, &in, &e), 0);
	int64_t goal = in.goal_id;

	struct http_res r;
	rt_buf path = RT_BUF_INIT;
	rt_buf_addf(&path, "/mal/%lld", (long long)goal);
	assert_int_equal(http_get(path.buf, &r), 200);
	assert_null(strstr(r.body.buf, "Kolada"));
	res_release(&r);

	char *peers[] = { "0024", "0000" };
	struct rt_kolada_map m = { .indicator_id = ind, .kpi = "N00945", .municipality = "0023",
	                           .peers = peers, .n_peers = 2 };
	assert_int_equal(rt_store_begin(s, "test", &e), 0);
	assert_int_equal(rt_store_kolada_map_put(s, &m, &e), 0);
	assert_int_equal(rt_store_commit(s, &e), 0);
	assert_int_equal(http_get(path.buf, &r), 200);
	assert_has(&r, "följs med Kolada (KPI N00945), men inga värden är hämtade ännu");
	res_release(&r);

	assert_int_equal(rt_store_begin(s, "test", &e), 0);
	put_value(s, "0023", 2021, true, 5.6);
	put_value(s, "0000", 2021, true, 5.9);
	put_value(s, "0024", 2021, true, 6.25);
	put_value(s, "0023", 2020, true, 5.1);
	put_value(s, "0000", 2020, false, 0);
	put_value(s, "0099", 2020, true, 9.9);   /* not a peer: not shown */
	assert_int_equal(rt_store_commit(s, &e), 0);
	rt_arena_release(&a);
	rt_store_close(s);

	assert_int_equal(http_get(path.buf, &r), 200);
	assert_has(&r, "<caption>Jämförelse med riket och andra regioner (Kolada, KPI N00945, "
	               "totalt)</caption>");
	/* The region, then Riket, then the peer, whatever the mapping order. */
	assert_has(&r, "<th scope=\"col\">År</th><th scope=\"col\">Regionen <span class=\"meta\">"
	               "0023</span></th><th scope=\"col\">Riket (snitt)</th><th scope=\"col\">"
	               "Jämförelse <span class=\"meta\">0024</span></th>");
	assert_has(&r, "<tr><th scope=\"row\">2020</th><td class=\"num\">5,1</td>"
	               "<td class=\"num\">saknas</td><td class=\"num\">saknas</td></tr>\n"
	               "<tr><th scope=\"row\">2021</th><td class=\"num\">5,6</td>"
	               "<td class=\"num\">5,9</td><td class=\"num\">6,25</td></tr>");
	assert_null(strstr(r.body.buf, "9,9"));
	res_release(&r);
	rt_buf_release(&path);
}

/* The live status and the save path use the region-wide default tolerance
 * ("default_tolerance"), as `rodtrad outcome set` does. */
static void test_default_tolerance(void **state)
{
	(void)state;
	int64_t ind;
	rt_store *s = open_db(&ind);
	rt_err e = RT_ERR_INIT;
	rt_buf path = RT_BUF_INIT;
	rt_buf_addf(&path, "/utfall/status?indikator=%lld&period=2021-T1&utfall=5,4%%20%%25",
	            (long long)ind);
	struct http_res r;
	assert_int_equal(http_get(path.buf, &r), 200);
	assert_has(&r, "\"status\":\"not_achieved\"");
	res_release(&r);

	assert_int_equal(rt_store_begin(s, "test", &e), 0);
	assert_int_equal(rt_store_setting_put(s, 0, "default_tolerance", "20", &e), 0);
	assert_int_equal(rt_store_commit(s, &e), 0);
	assert_int_equal(http_get(path.buf, &r), 200);
	assert_has(&r, "\"status\":\"partly\"");
	res_release(&r);

	/* Saving through the form gives the same status. */
	rt_buf body = RT_BUF_INIT;
	rt_buf_addf(&body, "utfall-%lld=5%%2C4+%%25", (long long)ind);
	assert_int_equal(http_do("POST", "/plan/6/utfall/2021-T1", "application/x-www-form-urlencoded",
	                         body.buf, body.len, NULL, &r), 303);
	res_release(&r);
	int64_t per;
	assert_int_equal(rt_store_find_key(s, "period", "2021-T1", &per, &e), 0);
	rt_arena a = RT_ARENA_INIT;
	struct rt_outcome o;
	assert_int_equal(rt_store_outcome_find(s, &a, ind, per, RT_GENDER_TOTAL, 0, &o, &e), 0);
	assert_string_equal(o.text, "5,4 %");
	assert_int_equal(o.status, RT_STATUS_PARTLY);
	rt_arena_release(&a);
	rt_buf_release(&body);
	rt_buf_release(&path);
	rt_store_close(s);
}

/* The parser alone: a quoted boundary, a preamble and an epilogue, a
 * client path in the filename, an escaped quote, a part without headers,
 * and the limits. */
static void test_multipart(void **state)
{
	(void)state;
	rt_arena a = RT_ARENA_INIT;
	rt_err e = RT_ERR_INIT;
	struct rt_multipart_part p[RT_MULTIPART_MAX_PARTS];
	size_t n;
	const char *body = "preamble\r\n--x y\r\n"
	                   "content-disposition: form-data; name=\"fil\"; "
	                   "filename=\"C:\\\\Users\\\\a\\\"b.csv\"\r\n\r\nrad1\r\nrad2\r\n"
	                   "--x y\r\nContent-Disposition: form-data; name=atgard\r\n\r\n"
	                   "provkor\r\n--x y--\r\nepilog";
	assert_int_equal(rt_multipart_parse(&a, "multipart/form-data; boundary=\"x y\"", body,
	                                    strlen(body), p, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].name, "fil");
	assert_string_equal(p[0].filename, "a\"b.csv");
	assert_int_equal(p[0].len, 10);
	assert_memory_equal(p[0].data, "rad1\r\nrad2", 10);
	assert_string_equal(p[1].name, "atgard");
	assert_null(p[1].filename);
	assert_memory_equal(p[1].data, "provkor", 7);
	assert_ptr_equal(rt_multipart_get(p, n, "atgard"), &p[1]);
	assert_null(rt_multipart_get(p, n, "annat"));

	const char *noname = "--b\r\n\r\ndata\r\n--b--";
	assert_int_equal(rt_multipart_parse(&a, "multipart/form-data; boundary=b", noname,
	                                    strlen(noname), p, &n, &e), RT_EINVAL);
	assert_string_equal(e.msg, "Formuläret kunde inte läsas (en del saknar fältnamn)");
	rt_buf many = RT_BUF_INIT;
	for (int i = 0; i <= RT_MULTIPART_MAX_PARTS; i++)
		rt_buf_addf(&many, "--b\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nv\r\n", i);
	rt_buf_addstr(&many, "--b--\r\n");
	assert_int_equal(rt_multipart_parse(&a, "multipart/form-data; boundary=b", many.buf, many.len,
	                                    p, &n, &e), RT_EINVAL);
	assert_string_equal(e.msg, "Formuläret kunde inte läsas (för många fält)");
	assert_int_equal(rt_multipart_parse(&a, "multipart/form-data; charset=utf-8", "x", 1, p, &n,
	                                    &e), RT_EINVAL);
	assert_string_equal(e.field, "Content-Type");
	rt_buf_release(&many);
	rt_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_multipart),
		cmocka_unit_test(test_form),
		cmocka_unit_test(test_bad_file),
		cmocka_unit_test(test_upload_limit),
		cmocka_unit_test(test_size_parse),
		cmocka_unit_test(test_dry_run_then_import),
		cmocka_unit_test(test_kolada_comparison),
		cmocka_unit_test(test_default_tolerance),
	};
	return cmocka_run_group_tests(tests, setup, http_teardown);
}
