/* The HTTP edge's pure parts, without a server: routing with path
 * parameters (404, 405 with the allowed methods), If-None-Match matching,
 * when to gzip (q=0 refuses it), the gzip itself, UTF-8 and path checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "http/http_int.h"

static rt_http_handler route(const char *method, const char *path, struct rt_http_request *req,
                             int *status, rt_buf *allow)
{
	memset(req, 0, sizeof(*req));
	req->method = method;
	req->path = path;
	*status = 0;
	rt_buf_reset(allow);
	return rt_http_route(req, status, allow);
}

static void test_route_params(void **state)
{
	(void)state;
	struct rt_http_request req;
	int status;
	rt_buf allow = RT_BUF_INIT;
	assert_non_null(route("GET", "/api/v1/plans/6/followup/2021-T1", &req, &status, &allow));
	assert_int_equal(req.n_params, 2);
	assert_string_equal(rt_http_param(&req, "id"), "6");
	assert_string_equal(rt_http_param(&req, "period"), "2021-T1");
	assert_null(rt_http_param(&req, "goal"));
	/* HEAD is routed as GET */
	assert_non_null(route("HEAD", "/api/v1/plans", &req, &status, &allow));
	/* a trailing slash or an extra segment is another path */
	assert_null(route("GET", "/api/v1/plans/", &req, &status, &allow));
	assert_int_equal(status, 404);
	assert_null(route("GET", "/api/v1/plans/6/extra/x/y", &req, &status, &allow));
	assert_int_equal(status, 404);
	assert_int_equal(req.n_params, 0);
	/* the path exists, the method does not */
	assert_null(route("DELETE", "/api/v1/plans/6", &req, &status, &allow));
	assert_int_equal(status, 405);
	assert_string_equal(allow.buf, "GET, HEAD, PUT");
	assert_null(route("GET", "/api/v1/goals/3/activities", &req, &status, &allow));
	assert_int_equal(status, 405);
	assert_string_equal(allow.buf, "POST");
	rt_buf_release(&allow);
}

static void test_etag_matching(void **state)
{
	(void)state;
	rt_buf body = RT_BUF_INIT;
	rt_buf_addstr(&body, "Sammanställd måluppfyllelse");
	char tag[20], tag2[20];
	rt_http_etag_of(&body, tag);
	assert_int_equal(strlen(tag), 18);
	assert_true(tag[0] == '"' && tag[17] == '"');
	rt_buf_addch(&body, '.');
	rt_http_etag_of(&body, tag2);
	assert_string_not_equal(tag, tag2);

	char gz[32], weak[32], list[96];
	snprintf(gz, sizeof(gz), "%.*s-gz\"", 17, tag);
	snprintf(weak, sizeof(weak), "W/%s", tag);
	snprintf(list, sizeof(list), "\"x\", %s , \"y\"", tag);
	assert_true(rt_http_etag_matches(tag, tag));
	assert_true(rt_http_etag_matches(gz, tag));
	assert_true(rt_http_etag_matches(weak, tag));
	assert_true(rt_http_etag_matches(list, tag));
	assert_true(rt_http_etag_matches("*", tag));
	assert_false(rt_http_etag_matches(tag2, tag));
	assert_false(rt_http_etag_matches("", tag));
	assert_false(rt_http_etag_matches(NULL, tag));
	rt_buf_release(&body);
}

static void test_gzip_choice_and_roundtrip(void **state)
{
	(void)state;
	const char *json = RT_HTTP_JSON;
	assert_true(rt_http_want_gzip("gzip", json, 5000));
	assert_true(rt_http_want_gzip("deflate, gzip;q=0.5", json, 5000));
	assert_true(rt_http_want_gzip("br,gzip", "text/html; charset=utf-8", 5000));
	assert_false(rt_http_want_gzip("gzip;q=0", json, 5000));
	assert_false(rt_http_want_gzip("gzip; q=0.000", json, 5000));
	assert_false(rt_http_want_gzip("x-gzip-not", json, 5000));
	assert_false(rt_http_want_gzip("deflate", json, 5000));
	assert_false(rt_http_want_gzip(NULL, json, 5000));
	assert_false(rt_http_want_gzip("gzip", json, 1023));           /* too small to bother */
	assert_false(rt_http_want_gzip("gzip", "application/pdf", 5000)); /* already compressed */
	assert_false(rt_http_want_gzip("gzip", "application/zip", 5000));

	rt_buf in = RT_BUF_INIT, out = RT_BUF_INIT;
	for (int i = 0; i < 500; i++)
		rt_buf_addf(&in, "{\"mätetal\":%d,\"utfall\":\"5,4 %%\"}", i);
	assert_int_equal(rt_http_gzip(&in, &out), 0);
	assert_true(out.len < in.len / 4);
	char *back = malloc(in.len + 1);
	z_stream z;
	memset(&z, 0, sizeof(z));
	assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
	z.next_in = (Bytef *)out.buf;
	z.avail_in = (uInt)out.len;
	z.next_out = (Bytef *)back;
	z.avail_out = (uInt)in.len + 1;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.total_out, in.len);
	assert_memory_equal(back, in.buf, in.len);
	inflateEnd(&z);
	free(back);
	rt_buf_release(&in);
	rt_buf_release(&out);
}

static void test_utf8_and_paths(void **state)
{
	(void)state;
	static const struct { const char *s; bool ok; } utf8[] = {
		{ "Rödtråd ●◆■", true },
		{ "\xf0\x9f\x98\x80", true },         /* U+1F600 */
		{ "\xc3", false },                    /* cut short */
		{ "\xc0\xaf", false },                /* overlong '/' */
		{ "\xe0\x80\xaf", false },            /* overlong '/' */
		{ "\xed\xa0\x80", false },            /* surrogate U+D800 */
		{ "\xf4\x90\x80\x80", false },        /* beyond U+10FFFF */
		{ "\xff", false },
		{ "a\x80" "b", false },               /* lone continuation byte */
	};
	for (size_t i = 0; i < sizeof(utf8) / sizeof(utf8[0]); i++)
		if (rt_http_utf8_ok(utf8[i].s, strlen(utf8[i].s)) != utf8[i].ok)
			fail_msg("utf8 case %zu", i);

	static const struct { const char *p; bool ok; } paths[] = {
		{ "/", true }, { "/plan/6", true }, { "/static/app.css", true }, { "/sök", true },
		{ "/static/..", false }, { "/static/../rodtrad.db", false }, { "/a/./b", false },
		{ "/.", false }, { "relative", false }, { "/a\\..\\b", false }, { "/x\x01y", false },
		{ "/x\x7fy", false }, { "/\xc0\xae\xc0\xae/", false }, { "/..a/b.", true },
	};
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (rt_http_path_ok(paths[i].p) != paths[i].ok)
			fail_msg("path %s", paths[i].p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_route_params),
		cmocka_unit_test(test_etag_matching),
		cmocka_unit_test(test_gzip_choice_and_roundtrip),
		cmocka_unit_test(test_utf8_and_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
