/* ISO dates: the real calendar (leap years incl. the 100/400 rules),
 * strict format, comparison and today's date. */
#include "test_util.h"
#include "util/date.h"

#include <string.h>

static void test_leap_and_days(void **state)
{
	(void)state;
	assert_true(rt_is_leap_year(2024));
	assert_true(rt_is_leap_year(2000));
	assert_false(rt_is_leap_year(1900));
	assert_false(rt_is_leap_year(2100));
	assert_false(rt_is_leap_year(2023));
	static const int days2023[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	for (int m = 1; m <= 12; m++) {
		assert_int_equal(rt_days_in_month(2023, m), days2023[m - 1]);
		assert_int_equal(rt_days_in_month(2024, m), m == 2 ? 29 : days2023[m - 1]);
	}
	assert_int_equal(rt_days_in_month(2000, 2), 29);
	assert_int_equal(rt_days_in_month(1900, 2), 28);
	assert_int_equal(rt_days_in_month(2024, 0), 0);
	assert_int_equal(rt_days_in_month(2024, 13), 0);
}

static void test_valid(void **state)
{
	(void)state;
	static const char *const good[] = {
		"2015-08-14", "2024-02-29", "2000-02-29", "2021-12-31", "2021-01-01", "0001-01-01", NULL,
	};
	static const char *const bad[] = {
		"2023-02-29", "1900-02-29", "2021-04-31", "2021-13-01", "2021-00-10", "2021-01-00",
		"2021-1-01", "2021-01-1", "21-01-01", "2021/01/01", "2021-01-01 ", " 2021-01-01",
		"2021-01-01T00:00", "", "0000-01-01", "20a1-01-01", "2015-08-1014", NULL,
	};
	for (size_t i = 0; good[i]; i++)
		if (!rt_date_valid(good[i])) fail_msg("'%s' should be valid", good[i]);
	for (size_t i = 0; bad[i]; i++)
		if (rt_date_valid(bad[i])) fail_msg("'%s' should be invalid", bad[i]);
	assert_false(rt_date_valid(NULL));
}

static void test_parse_format(void **state)
{
	(void)state;
	int y = 0, m = 0, d = 0;
	assert_int_equal(rt_date_parse("2024-02-29", &y, &m, &d, "start_date", NULL), 0);
	assert_int_equal(y, 2024);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_date_parse("2023-02-29", &y, &m, &d, "start_date", &err), RT_EINVAL);
	assert_string_equal(err.field, "start_date");
	assert_string_equal(err.msg,
	                    "Ogiltigt datum '2023-02-29': skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2021-12-31");
	assert_int_equal(y, 2024);   /* untouched */
	char out[11];
	rt_date_format(out, 2021, 4, 30);
	assert_string_equal(out, "2021-04-30");
	rt_date_format(out, 5, 1, 2);
	assert_string_equal(out, "0005-01-02");
}

static void test_cmp(void **state)
{
	(void)state;
	assert_true(rt_date_cmp("2021-01-01", "2021-12-31") < 0);
	assert_true(rt_date_cmp("2021-12-31", "2021-01-01") > 0);
	assert_true(rt_date_cmp("2021-06-01", "2021-06-01") == 0);
	assert_true(rt_date_cmp("2020-12-31", "2021-01-01") < 0);
	assert_true(rt_date_cmp(NULL, "2021-01-01") < 0);
	assert_true(rt_date_cmp("2021-01-01", NULL) > 0);
	assert_true(rt_date_cmp(NULL, NULL) == 0);
}

static void test_today(void **state)
{
	(void)state;
	char today[11];
	rt_date_today(today);
	assert_true(rt_date_valid(today));
	assert_true(rt_date_cmp(today, "2024-01-01") > 0);
	assert_true(rt_date_cmp(today, "2200-01-01") < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_and_days),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
