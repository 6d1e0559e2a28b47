/* Swedish number parsing and formatting; see numfmt.h for the conventions.
 * Parsing builds the value from an exact integer mantissa and one division
 * by a power of ten, so "4,7" gives the same double as strtod("4.7") without
 * depending on setlocale(). */
#include "util/numfmt.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define RT_NUM_MAX_DIGITS 18

size_t rt_num_space_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!s) return 0;
	if (*u == ' ' || *u == '\t' || *u == '\r' || *u == '\n' || *u == '\f' || *u == '\v')
		return 1;
	if (u[0] == 0xC2 && u[1] == 0xA0) return 2;                   /* U+00A0 */
	if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xAF || u[2] == 0x89))
		return 3;                                             /* U+202F, U+2009 */
	return 0;
}

size_t rt_num_minus_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!s) return 0;
	if (*u == '-') return 1;
	if (u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92) return 3;   /* U+2212 */
	if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x93) return 3;   /* U+2013 */
	return 0;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static size_t digit_run(const char *p)
{
	size_t n = 0;
	while (is_digit(p[n])) n++;
	return n;
}

static int malformed(rt_err *err, const char *s, const char *why)
{
	return rt_err_set(err, RT_EINVAL, "", "Talet '%.60s' är felskrivet: %s", s, why);
}

int rt_num_scan(const char *s, double *out, size_t *used, rt_err *err)
{
	if (used) *used = 0;
	if (!s) return RT_ENOTFOUND;
	const char *p = s;
	bool neg = false;
	size_t ml = rt_num_minus_len(p);
	if (ml) {
		neg = true;
		p += ml;
	} else if (*p == '+') {
		p++;
	}
	if (!is_digit(*p)) return RT_ENOTFOUND;

	int64_t mant = 0;
	int n_digits = 0, n_frac = 0;
	size_t first = digit_run(p);
	const char *q = p;
	/* Integer part, with optional groups of exactly three digits. */
	for (;;) {
		size_t run = digit_run(q);
		for (size_t i = 0; i < run; i++) {
			if (n_digits == 0 && q[i] == '0') continue;  /* leading zeros */
			if (++n_digits > RT_NUM_MAX_DIGITS)
				return malformed(err, s, "för många siffror");
			mant = mant * 10 + (q[i] - '0');
		}
		q += run;
		size_t sp = rt_num_space_len(q);
		if (!sp || *q == '\n' || *q == '\r' || !is_digit(q[sp])) break;
		size_t group = digit_run(q + sp);
		if (first > 3 || group != 3)
			return malformed(err, s, "tusental skrivs i grupper om tre siffror, t.ex. 26 151");
		q += sp;
	}
	if (*q == ',' || *q == '.') {
		if (!is_digit(q[1]))
			return malformed(err, s, "decimaltecknet ska följas av en siffra");
		q++;
		size_t run = digit_run(q);
		for (size_t i = 0; i < run; i++) {
			if (n_digits > 0 || q[i] != '0') n_digits++;
			if (n_digits > RT_NUM_MAX_DIGITS || n_frac >= 22)
				return malformed(err, s, "för många siffror");
			mant = mant * 10 + (q[i] - '0');
			n_frac++;
		}
		q += run;
		if ((*q == ',' || *q == '.') && is_digit(q[1]))
			return malformed(err, s, "mer än ett decimaltecken");
	}
	double v = (double)mant;
	if (n_frac) v /= pow(10.0, n_frac);
	if (neg) v = -v;
	if (out) *out = v;
	if (used) *used = (size_t)(q - s);
	return 0;
}

int rt_num_parse(const char *s, double *out, rt_err *err)
{
	if (!s) s = "";
	const char *p = s;
	size_t sp;
	while ((sp = rt_num_space_len(p))) p += sp;
	double v;
	size_t used;
	int rc = rt_num_scan(p, &v, &used, err);
	if (rc == RT_ENOTFOUND)
		return rt_err_set(err, RT_EINVAL, "", "'%.60s' är inte ett tal", s);
	if (rc) return rc;
	p += used;
	while ((sp = rt_num_space_len(p))) p += sp;
	if (*p)
		return rt_err_set(err, RT_EINVAL, "", "'%.60s' är inte ett tal", s);
	if (out) *out = v;
	return 0;
}

/* The text is written back to front into one small array (decimals, comma,
 * digits with a separator every three, sign) and appended once: no
 * snprintf, since every outcome and target of a compiled report (and every
 * chart label) is formatted here. */
void rt_num_format_scaled(rt_buf *out, int64_t scaled, int decimals)
{
	if (decimals < 0) decimals = 0;
	if (decimals > 20) decimals = 20;
	/* Work on the magnitude as unsigned so INT64_MIN does not overflow. */
	uint64_t mag = scaled < 0 ? (uint64_t)0 - (uint64_t)scaled : (uint64_t)scaled;
	char text[64];                        /* 20 decimals + 20 digits, 6 separators */
	char *p = text + sizeof text;
	if (decimals) {
		for (int i = 0; i < decimals; i++) {
			*--p = (char)('0' + mag % 10);
			mag /= 10;
		}
		*--p = ',';
	}
	int digits = 0;
	do {                                  /* "0,05": at least one integer digit */
		if (digits > 0 && digits % 3 == 0) {
			p -= 2;
			memcpy(p, RT_NUM_GROUP_SEP, 2);
		}
		*--p = (char)('0' + mag % 10);
		mag /= 10;
		digits++;
	} while (mag);
	if (scaled < 0) *--p = '-';
	rt_buf_add(out, p, (size_t)(text + sizeof text - p));
}

void rt_num_format(rt_buf *out, double v, int decimals)
{
	if (decimals < 0) decimals = 0;
	if (decimals > 9) decimals = 9;
	if (!isfinite(v)) {
		rt_buf_addstr(out, isnan(v) ? "–" : (v < 0 ? "-∞" : "∞"));
		return;
	}
	double scaled = v * pow(10.0, decimals);
	if (fabs(scaled) < 9.2e18) {
		int64_t i = (int64_t)llround(scaled);
		rt_num_format_scaled(out, i, decimals);
		return;
	}
	/* Beyond int64: rare enough to print without grouping. */
	char tmp[512];
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, v);
	for (char *c = tmp; *c; c++)
		if (*c == '.') *c = ',';
	rt_buf_addstr(out, tmp);
}

void rt_num_format_short(rt_buf *out, double v)
{
	if (!isfinite(v) || fabs(v) >= 9.2e12) {
		rt_num_format(out, v, 0);
		return;
	}
	/* llround(v * 1e6) without the libm call: truncate, then the exact rest */
	double t = v * 1e6;
	int64_t scaled = (int64_t)t;
	double rest = t - (double)scaled;
	if (rest >= 0.5) scaled++;
	else if (rest <= -0.5) scaled--;
	int decimals = 6;
	if (scaled % 1000000 == 0) {          /* whole numbers, the usual case */
		scaled /= 1000000;
		decimals = 0;
	}
	while (decimals > 0 && scaled % 10 == 0) {
		scaled /= 10;
		decimals--;
	}
	rt_num_format_scaled(out, scaled, decimals);
}
