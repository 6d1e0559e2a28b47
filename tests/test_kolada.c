/* rodtrad kolada map / fetch against a local Kolada: a libmicrohttpd server
 * started by the test serves the recorded v2 fixtures in
 * tests/fixtures/kolada ({BASE} in them becomes the server's address):
 * N00945 for Region Jämtland Härjedalen (0023) with peers Riket (0000) and
 * 0024 over two pages (next_page), one of them with value: null. Error
 * paths: a 500, a request that outlives --timeout, a page that is not JSON,
 * no mapping. Every failure leaves the database as it was (checked: the
 * year period 2021 that a successful fetch creates does not exist). */
#include "test_util.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

#define SJUK "rjh-rs-2021-sjukfranvaro-ind"   /* lower, %, target 4,6 % for 2021 */

static char base[64];

static char *fixture(const char *name)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "tests/fixtures/kolada/%s", name);
	char *path = rt_test_src_path(rel);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return NULL;
	rt_buf raw = RT_BUF_INIT, out = RT_BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rt_buf_add(&raw, chunk, n);
	fclose(f);
	rt_buf_addch(&raw, '\0');
	for (const char *p = raw.buf; *p;) {
		const char *hit = strstr(p, "{BASE}");
		if (!hit) {
			rt_buf_addstr(&out, p);
			break;
		}
		rt_buf_add(&out, p, (size_t)(hit - p));
		rt_buf_addstr(&out, base);
		p = hit + 6;
	}
	rt_buf_release(&raw);
	return out.buf;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_len, void **state)
{
	(void)cls; (void)method; (void)version; (void)upload; (void)upload_len; (void)state;
	unsigned status = MHD_HTTP_OK;
	char *body = NULL;
	const char *page = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "page");
	if (strstr(url, "/kpi/N00945/municipality/0023,0000,0024/year/2021"))
		body = fixture(page && !strcmp(page, "2") ? "n00945-2021-page2.json"
		                                          : "n00945-2021-page1.json");
	else if (strstr(url, "/kpi/FAIL500/"))
		status = MHD_HTTP_INTERNAL_SERVER_ERROR;
	else if (strstr(url, "/kpi/BROKEN/"))
		body = fixture("broken.json");
	else if (strstr(url, "/kpi/SLOW/")) {
		sleep(3);
		body = fixture("n00945-2021-page1.json");
	} else
		status = MHD_HTTP_NOT_FOUND;
	if (!body)
		body = strdup(status == MHD_HTTP_OK ? "{}" : "{\"error\": \"fel\"}");
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), body,
	                                                         MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", "application/json");
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static struct MHD_Daemon *server;

static int start(void **state)
{
	(void)state;
	server = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION,
	                          0, NULL, NULL, answer, NULL,
	                          MHD_OPTION_CONNECTION_TIMEOUT, 10u, MHD_OPTION_END);
	if (!server)
		return -1;
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(server, MHD_DAEMON_INFO_BIND_PORT);
	snprintf(base, sizeof(base), "http://127.0.0.1:%u", (unsigned)info->port);
	return 0;
}

static int stop(void **state)
{
	(void)state;
	MHD_stop_daemon(server);
	return 0;
}

struct run {
	int code;
	rt_buf out, err;
};

static struct run run_argv(const char *const *argv)
{
	struct run r = { 0, RT_BUF_INIT, RT_BUF_INIT };
	r.code = rt_test_run(&r.out, &r.err, argv);
	return r;
}
#define RUN(...) run_argv((const char *const[]){ __VA_ARGS__, NULL })

static void expect(struct run r, int code, const char *want)
{
	if (r.code != code || !strstr(code ? r.err.buf : r.out.buf, want))
		fprintf(stderr, "exit %d (want %d, \"%s\")\nstdout:\n%s\nstderr:\n%s\n", r.code, code,
		        want, r.out.buf, r.err.buf);
	assert_int_equal(r.code, code);
	assert_non_null(strstr(code ? r.err.buf : r.out.buf, want));
	rt_buf_release(&r.out);
	rt_buf_release(&r.err);
}

static char *demo(const char *name)
{
	char *db = rt_test_db(name);
	expect(RUN("demo", db), 0, "");
	return db;
}

/* Nothing was written: the year period a fetch creates is not there. */
static void expect_unchanged(const char *db)
{
	expect(RUN("outcome", "history", "-i", SJUK, "-p", "2021", "--db", db), 1, "2021");
}

static void test_fetch(void **state)
{
	(void)state;
	char *db = demo("kolada.db");
	expect(RUN("kolada", "map", "--indicator", SJUK, "--kpi", "N00945", "--municipality", "0023",
	           "--peer", "0000", "--peer", "0024", "--db", db), 0,
	       "hämtar nu Kolada N00945 för 0023 (jämförelse: 0000, 0024)");
	expect(RUN("kolada", "list", "--db", db), 0,
	       SJUK ": N00945 för 0023 (jämförelse: 0000, 0024)");
	expect(RUN("kolada", "fetch", "--base-url", base, "--year", "2021", "--db", db), 0,
	       "Hämtade 1 nyckeltal från Kolada (2 sidor, 7 värden, varav 2 saknas).\n"
	       "  nya utfall: 3\n  rättade utfall: 0\n  jämförelsevärden: 2\n");
	/* the region's values as outcomes for the year, per gender, status computed */
	expect(RUN("outcome", "history", "-i", SJUK, "-p", "2021", "--db", db), 0, "5,6 %");
	expect(RUN("outcome", "history", "-i", SJUK, "-p", "2021", "--gender", "k", "--db", db), 0,
	       "6,2 %");
	expect(RUN("outcome", "history", "-i", SJUK, "-p", "2021", "--gender", "m", "--db", db), 0,
	       "Från Kolada (N00945, 0023)");
	/* peers and missing values are kept for comparison */
	rt_store *s;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, db, RT_STORE_OPEN_EXISTING, &err), 0);
	rt_arena a = RT_ARENA_INIT;
	struct rt_kolada_value *v;
	size_t n;
	assert_int_equal(rt_store_kolada_value_list(s, &a, "N00945", &v, &n, &err), 0);
	assert_int_equal(n, 7);
	/* ordered by year, municipality, gender text: 0000 men, total, women first */
	assert_string_equal(v[0].municipality, "0000");
	assert_int_equal(v[0].gender, RT_GENDER_MEN);
	assert_true(v[0].has_value && v[0].value == 4.0);
	assert_int_equal(v[2].gender, RT_GENDER_WOMEN);
	assert_false(v[2].has_value);
	assert_string_equal(v[2].status, "Missing");
	assert_string_equal(v[6].municipality, "0024");
	assert_false(v[6].has_value);
	rt_arena_release(&a);
	rt_store_close(s);

	/* a second fetch corrects (history kept) instead of duplicating */
	expect(RUN("kolada", "fetch", "--base-url", base, "--year", "2021", "--db", db), 0,
	       "  nya utfall: 0\n  rättade utfall: 3\n");
	free(db);
}

static void test_errors(void **state)
{
	(void)state;
	char *db = demo("kolada_err.db");
	expect(RUN("kolada", "fetch", "--base-url", base, "--db", db), 1,
	       "Inga indikatorer är kopplade till Kolada");
	expect(RUN("kolada", "map", "--indicator", "finns-inte", "--kpi", "N00945",
	           "--municipality", "0023", "--db", db), 1, "finns-inte");
	expect(RUN("kolada", "map", "--indicator", SJUK, "--kpi", "N00945", "--db", db), 2,
	       "ange --indicator, --kpi och --municipality");

	expect(RUN("kolada", "map", "--indicator", SJUK, "--kpi", "FAIL500", "--municipality",
	           "0023", "--db", db), 0, "FAIL500");
	expect(RUN("kolada", "fetch", "--base-url", base, "--db", db), 1,
	       "Kolada svarade med HTTP-status 500");
	expect_unchanged(db);

	expect(RUN("kolada", "map", "--indicator", SJUK, "--kpi", "NOPE", "--municipality", "0023",
	           "--db", db), 0, "NOPE");
	expect(RUN("kolada", "fetch", "--base-url", base, "--db", db), 1,
	       "HTTP-status 404");

	expect(RUN("kolada", "map", "--indicator", SJUK, "--kpi", "BROKEN", "--municipality",
	           "0023", "--db", db), 0, "BROKEN");
	expect(RUN("kolada", "fetch", "--base-url", base, "--db", db), 1,
	       "Kolada gav ett svar som inte är JSON");
	expect_unchanged(db);

	expect(RUN("kolada", "map", "--indicator", SJUK, "--kpi", "SLOW", "--municipality", "0023",
	           "--db", db), 0, "SLOW");
	expect(RUN("kolada", "fetch", "--base-url", base, "--timeout", "1", "--db", db), 1,
	       "Kolada svarade inte inom 1 sekunder");
	expect_unchanged(db);

	expect(RUN("kolada", "fetch", "--base-url", "http://127.0.0.1:1", "--timeout", "2",
	           "--db", db), 1, "Kunde inte ansluta till Kolada");
	expect(RUN("kolada", "fetch", "--year", "tjugo", "--db", db), 2, "ogiltigt år 'tjugo'");
	expect_unchanged(db);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fetch),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, start, stop);
}
