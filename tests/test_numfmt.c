/* Swedish number parsing and formatting: decimal comma, the three kinds of
 * space as thousands separator, Unicode minus, and malformed numbers. */
#include "test_util.h"
#include "util/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"
#define THIN "\xe2\x80\x89"
#define MINUS "\xe2\x88\x92"
#define ENDASH "\xe2\x80\x93"

static void test_parse_ok(void **state)
{
	(void)state;
	static const struct { const char *in; double want; } rows[] = {
		{ "5,4", 5.4 }, { "4,11", 4.11 }, { "203,5", 203.5 }, { "0", 0 },
		{ "-26 151", -26151 }, { "-26" NBSP "151", -26151 }, { "26" NNBSP "151", 26151 },
		{ "26" THIN "151", 26151 }, { "1 000 000", 1e6 }, { "1 000,25", 1000.25 },
		{ MINUS "529", -529 }, { ENDASH "3", -3 }, { "+5", 5 }, { "4.7", 4.7 },
		{ "0,05", 0.05 }, { "007", 7 }, { "  42  ", 42 }, { NBSP "42" NBSP, 42 },
		{ "100 662", 100662 }, { "123456789012345678", 123456789012345678.0 },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		double v = -1;
		rt_err err = RT_ERR_INIT;
		if (rt_num_parse(rows[i].in, &v, &err) != 0)
			fail_msg("'%s': %s", rows[i].in, err.msg);
		if (v != rows[i].want)
			fail_msg("'%s': got %.17g want %.17g", rows[i].in, v, rows[i].want);
	}
	/* the decimal comma gives the same double as the C literal */
	double v;
	assert_int_equal(rt_num_parse("4,7", &v, NULL), 0);
	assert_true(v == 4.7);
	assert_int_equal(rt_num_parse("0,1", &v, NULL), 0);
	assert_true(v == 0.1);
}

static void test_parse_errors(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "   ", "-", "abc", "5,4,3", "1 23", "1234 567", "12 3456", "5,", "5.",
		"5 %", ",5", "1234567890123456789", "4,5 6", "1,2.3", NULL,
	};
	for (size_t i = 0; bad[i]; i++) {
		double v = 99;
		rt_err err = RT_ERR_INIT;
		if (rt_num_parse(bad[i], &v, &err) != RT_EINVAL)
			fail_msg("'%s' parsed as %g", bad[i], v);
		assert_int_equal(err.code, RT_EINVAL);
		assert_true(err.msg[0] != '\0');
		assert_true(v == 99);   /* untouched on error */
	}
	rt_err err = RT_ERR_INIT;
	rt_num_parse("5,4,3", NULL, &err);
	assert_string_equal(err.msg, "Talet '5,4,3' är felskrivet: mer än ett decimaltecken");
	rt_num_parse("abc", NULL, &err);
	assert_string_equal(err.msg, "'abc' är inte ett tal");
	assert_int_equal(rt_num_parse(NULL, NULL, NULL), RT_EINVAL);
}

static void test_scan(void **state)
{
	(void)state;
	double v;
	size_t used;
	assert_int_equal(rt_num_scan("5,7 %", &v, &used, NULL), 0);
	assert_true(v == 5.7);
	assert_int_equal(used, 3);
	assert_int_equal(rt_num_scan("-26 151 tkr", &v, &used, NULL), 0);
	assert_true(v == -26151);
	assert_int_equal(used, 7);
	assert_int_equal(rt_num_scan("10%", &v, &used, NULL), 0);
	assert_int_equal(used, 2);
	assert_int_equal(rt_num_scan("4 st", &v, &used, NULL), 0);
	assert_true(v == 4);
	assert_int_equal(used, 1);
	assert_int_equal(rt_num_scan(MINUS "2", &v, &used, NULL), 0);
	assert_int_equal(used, 4);
	assert_int_equal(rt_num_scan("Ja", &v, &used, NULL), RT_ENOTFOUND);
	assert_int_equal(used, 0);
	assert_int_equal(rt_num_scan("-", &v, &used, NULL), RT_ENOTFOUND);
	assert_int_equal(rt_num_scan(" 5", &v, &used, NULL), RT_ENOTFOUND);
	assert_int_equal(rt_num_scan("5,4,3 %", &v, &used, NULL), RT_EINVAL);
	assert_int_equal(rt_num_scan(NULL, &v, &used, NULL), RT_ENOTFOUND);
	assert_int_equal(rt_num_space_len(NBSP), 2);
	assert_int_equal(rt_num_space_len(NNBSP), 3);
	assert_int_equal(rt_num_space_len("x"), 0);
	assert_int_equal(rt_num_minus_len(MINUS), 3);
	assert_int_equal(rt_num_minus_len("+"), 0);
}

static void expect_fmt(double v, int dec, const char *want)
{
	rt_buf b = RT_BUF_INIT;
	rt_num_format(&b, v, dec);
	if (strcmp(b.buf, want)) fail_msg("%.17g/%d: got '%s' want '%s'", v, dec, b.buf, want);
	rt_buf_release(&b);
}

static void test_format(void **state)
{
	(void)state;
	expect_fmt(-26151, 0, "-26" NBSP "151");
	expect_fmt(4.7, 1, "4,7");
	expect_fmt(4.7, 2, "4,70");
	expect_fmt(5.4, 0, "5");
	expect_fmt(2.5, 0, "3");            /* half away from zero */
	expect_fmt(-2.5, 0, "-3");
	expect_fmt(0.05, 1, "0,1");
	expect_fmt(-0.01, 1, "0,0");        /* no "-0,0" */
	expect_fmt(999, 0, "999");
	expect_fmt(1000, 0, "1" NBSP "000");
	expect_fmt(1234567.891, 2, "1" NBSP "234" NBSP "567,89");
	expect_fmt(0, 3, "0,000");
	expect_fmt(12, -1, "12");
	expect_fmt(NAN, 1, "–");

	rt_buf b = RT_BUF_INIT;
	rt_num_format_short(&b, 203.5);
	assert_string_equal(b.buf, "203,5");
	rt_buf_reset(&b);
	rt_num_format_short(&b, 100);
	assert_string_equal(b.buf, "100");
	rt_buf_reset(&b);
	rt_num_format_short(&b, 4.11);
	assert_string_equal(b.buf, "4,11");
	rt_buf_reset(&b);
	rt_num_format_short(&b, -0.125);
	assert_string_equal(b.buf, "-0,125");
	rt_buf_reset(&b);
	rt_num_format_scaled(&b, 954, 1);
	assert_string_equal(b.buf, "95,4");
	rt_buf_reset(&b);
	rt_num_format_scaled(&b, -713000, 3);
	assert_string_equal(b.buf, "-713,000");
	rt_buf_reset(&b);
	rt_num_format_scaled(&b, 5, 2);
	assert_string_equal(b.buf, "0,05");
	rt_buf_reset(&b);
	rt_num_format_scaled(&b, INT64_MIN, 0);
	assert_string_equal(b.buf, "-9" NBSP "223" NBSP "372" NBSP "036" NBSP "854" NBSP "775" NBSP "808");
	rt_buf_release(&b);
}

/* rt_num_format_scaled builds its digits without snprintf: it must give
 * the bytes of the printf definition ("%0*llu", then a separator between
 * groups of three and a comma) for every magnitude, sign and decimals. */
static void scaled_reference(char *out, int64_t scaled, int decimals)
{
	unsigned long long mag = scaled < 0 ? 0ULL - (unsigned long long)scaled
	                                    : (unsigned long long)scaled;
	char digits[48];
	int n = snprintf(digits, sizeof digits, "%0*llu", decimals + 1, mag);
	int int_len = n - decimals;
	char *p = out;
	if (scaled < 0) *p++ = '-';
	for (int i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0) p += sprintf(p, "%s", NBSP);
		*p++ = digits[i];
	}
	if (decimals) p += sprintf(p, ",%s", digits + int_len);
	*p = '\0';
}

static uint64_t xorshift64(uint64_t *seed)
{
	*seed ^= *seed << 13;
	*seed ^= *seed >> 7;
	*seed ^= *seed << 17;
	return *seed;
}

static void test_format_scaled_exhaustive(void **state)
{
	(void)state;
	uint64_t seed = 88172645463325252ULL;
	rt_buf b = RT_BUF_INIT;
	char want[96];
	for (int i = 0; i < 200000; i++) {
		xorshift64(&seed);
		/* every order of magnitude, not only 19-digit numbers */
		int64_t v = (int64_t)(seed >> (seed % 64));
		if (seed & 1) v = -v;
		if (i == 0) v = INT64_MIN;
		if (i == 1) v = 0;
		int decimals = (int)(seed >> 40) % 10;
		rt_buf_reset(&b);
		rt_num_format_scaled(&b, v, decimals);
		scaled_reference(want, v, decimals);
		assert_string_equal(b.buf, want);
	}
	rt_buf_release(&b);
}

/* rt_num_format_short rounds as llround(v * 1e6) does, without calling
 * it: same bytes for halves, negatives and every magnitude it handles. */
static void test_format_short_rounding(void **state)
{
	(void)state;
	uint64_t seed = 2463534242ULL;
	rt_buf b = RT_BUF_INIT;
	char want[96];
	for (int i = 0; i < 200000; i++) {
		xorshift64(&seed);
		double v;
		switch (i % 4) {
		case 0: v = (double)(int64_t)(seed % 20000001) / 10 - 1e6; break;      /* one decimal */
		case 1: v = ((double)(seed % 4000001) - 2e6) * 0.5e-6; break;  /* near halves */
		case 2: v = ((double)(seed >> 11) / 9007199254740992.0 - 0.5) * pow(10, (double)(seed % 19) - 6);
			break;
		default: v = ((double)(int64_t)(seed % 2000001) - 1e6) + 0.0000005; break;
		}
		int64_t scaled = (int64_t)llround(v * 1e6);
		int decimals = 6;
		while (decimals > 0 && scaled % 10 == 0) {
			scaled /= 10;
			decimals--;
		}
		scaled_reference(want, scaled, decimals);
		rt_buf_reset(&b);
		rt_num_format_short(&b, v);
		assert_string_equal(b.buf, want);
	}
	rt_buf_release(&b);
}

static void test_round_trip(void **state)
{
	(void)state;
	static const double vals[] = { 0, 4.7, -26151, 1234567.5, 0.001, 203.5, -0.5 };
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		rt_buf b = RT_BUF_INIT;
		rt_num_format_short(&b, vals[i]);
		double v;
		assert_int_equal(rt_num_parse(b.buf, &v, NULL), 0);
		assert_true(v == vals[i]);
		rt_buf_release(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_ok),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_scaled_exhaustive),
		cmocka_unit_test(test_format_short_rounding),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
