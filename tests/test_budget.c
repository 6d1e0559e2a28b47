/* Amounts in mnkr as seed 001 prints them, kept as exact whole tkr. */
#include "test_util.h"
#include "core/budget.h"

#include <string.h>

#define NBSP "\xc2\xa0"
#define MINUS "\xe2\x88\x92"

static void test_parse(void **state)
{
	(void)state;
	static const struct { const char *in; int64_t tkr; } rows[] = {
		{ "95,4", 95400 }, { "-713", -713000 }, { "0,5", 500 }, { MINUS "529", -529000 },
		{ "332", 332000 }, { "20,0", 20000 }, { "0", 0 }, { "-0,001", -1 }, { "1,234", 1234 },
		{ "1 234,5", 1234500 }, { "1" NBSP "234", 1234000 }, { "+12", 12000 }, { "12.5", 12500 },
		{ " 95,4 ", 95400 }, { "95,4 mnkr", 95400 }, { "-25 MNKR", -25000 },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int64_t tkr = 42;
		rt_err err = RT_ERR_INIT;
		if (rt_mnkr_parse(rows[i].in, &tkr, &err) != 0) fail_msg("'%s': %s", rows[i].in, err.msg);
		if (tkr != rows[i].tkr) fail_msg("'%s': %lld want %lld", rows[i].in, (long long)tkr,
		                                 (long long)rows[i].tkr);
	}
}

static void test_parse_errors(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "-", "abc", "95,4321", "95,", "1 23", "95,4,3", "95 kr", "12 mnkr extra",
		"9999999999", NULL,
	};
	for (size_t i = 0; bad[i]; i++) {
		int64_t tkr = 42;
		rt_err err = RT_ERR_INIT;
		if (rt_mnkr_parse(bad[i], &tkr, &err) != RT_EINVAL) fail_msg("'%s' accepted", bad[i]);
		assert_int_equal(tkr, 42);
		assert_string_equal(err.field, "mnkr");
	}
	rt_err err = RT_ERR_INIT;
	rt_mnkr_parse("95,4321", NULL, &err);
	assert_string_equal(err.msg,
	                    "Beloppet '95,4321' mnkr är felskrivet: högst tre decimaler (hela tusental kronor)");
	assert_int_equal(rt_mnkr_parse(NULL, NULL, NULL), RT_EINVAL);
}

static void test_format(void **state)
{
	(void)state;
	static const struct { int64_t tkr; const char *out; } rows[] = {
		{ 95400, "95,4" }, { -713000, "-713,0" }, { 500, "0,5" }, { 0, "0,0" },
		{ 95450, "95,5" }, { 95449, "95,4" }, { -95450, "-95,5" }, { -40, "0,0" },
		{ 1234500, "1" NBSP "234,5" }, { 20000, "20,0" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		rt_buf b = RT_BUF_INIT;
		rt_mnkr_format(&b, rows[i].tkr);
		if (strcmp(b.buf, rows[i].out)) fail_msg("%lld: '%s' want '%s'", (long long)rows[i].tkr, b.buf, rows[i].out);
		rt_buf_release(&b);
	}
	/* what is formatted parses back */
	rt_buf b = RT_BUF_INIT;
	rt_mnkr_format(&b, -712000);
	int64_t tkr;
	assert_int_equal(rt_mnkr_parse(b.buf, &tkr, NULL), 0);
	assert_int_equal(tkr, -712000);
	rt_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
