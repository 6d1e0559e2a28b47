/* ISO dates; see date.h. The only function that reads the clock is
 * rt_date_today, so everything else is deterministic and testable. */
#include "util/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

bool rt_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int rt_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12) return 0;
	if (month == 2 && rt_is_leap_year(year)) return 29;
	return days[month - 1];
}

static bool digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool split(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
	if (!digits(s, 4, y) || !digits(s + 5, 2, m) || !digits(s + 8, 2, d)) return false;
	return *y >= 1 && *d >= 1 && *d <= rt_days_in_month(*y, *m);
}

bool rt_date_valid(const char *s)
{
	int y, m, d;
	return split(s, &y, &m, &d);
}

int rt_date_parse(const char *s, int *y, int *m, int *d, const char *field, rt_err *err)
{
	int yy, mm, dd;
	if (!split(s, &yy, &mm, &dd))
		return rt_err_set(err, RT_EINVAL, field,
		                  "Ogiltigt datum '%.40s': skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2021-12-31",
		                  s ? s : "");
	if (y) *y = yy;
	if (m) *m = mm;
	if (d) *d = dd;
	return 0;
}

void rt_date_format(char out[11], int y, int m, int d)
{
	/* Clamp into the printable range so the output is always 10 bytes. */
	if (y < 0) y = 0;
	if (y > 9999) y = 9999;
	if (m < 0 || m > 99) m = 0;
	if (d < 0 || d > 99) d = 0;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

int rt_date_cmp(const char *a, const char *b)
{
	if (!a || !b) return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

void rt_date_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	rt_date_format(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
