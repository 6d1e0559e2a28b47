/* Targets (målvärde) and measured values (utfall): parsing the forms the
 * seeds print, deciding whether a value meets a target, and rendering the
 * canonical Swedish form. Prose targets ("Ny indikator", "Ska utarbetas")
 * are not errors: they are kept as RT_CMP_TEXT and never computed.
 * Pure: no I/O. */
#include "core/target.h"
#include "core/enums.h"
#include "util/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const dir_names[] = { "none", "higher", "lower" };
static const char *const qual_labels[] = { "", "Ja", "Delvis", "Nej" };

const char *rt_direction_name(enum rt_direction d)
{
	return rt_enum_name(dir_names, COUNT(dir_names), (int)d);
}

int rt_direction_parse(const char *s, enum rt_direction *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(dir_names, COUNT(dir_names), s, &v, "direction", "riktning", err);
	if (rc == 0 && out) *out = (enum rt_direction)v;
	return rc;
}

const char *rt_qual_label(enum rt_qual q)
{
	return rt_enum_name(qual_labels, COUNT(qual_labels), (int)q);
}

/* ---- text helpers ---------------------------------------------------- */

/* Byte length of a space character that ends at s[len-1], or 0. */
static size_t space_before(const char *s, size_t len)
{
	for (size_t k = 1; k <= 3 && k <= len; k++)
		if (rt_num_space_len(s + len - k) == k) return k;
	return 0;
}

/* Copies s without surrounding spaces (also U+00A0 / U+202F). */
static void trimmed(rt_buf *out, const char *s)
{
	size_t sp;
	if (!s) return;
	while ((sp = rt_num_space_len(s))) s += sp;
	size_t len = strlen(s);
	while ((sp = space_before(s, len))) len -= sp;
	rt_buf_add(out, s, len);
}

/* Lower case for ASCII and the Latin-1 letters (Å Ä Ö É …), which is all a
 * Swedish keyword needs; other bytes are copied as they are. Runs of space
 * become one ' ', and spaces next to '/' are dropped, so "Bibehålla / öka"
 * and "bibehålla/öka" compare equal. */
static void fold(rt_buf *out, const char *s)
{
	size_t sp;
	while (*s) {
		if ((sp = rt_num_space_len(s))) {
			while ((sp = rt_num_space_len(s))) s += sp;
			if (*s && *s != '/' && out->len && out->buf[out->len - 1] != '/')
				rt_buf_addch(out, ' ');
			continue;
		}
		unsigned char c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z') {
			rt_buf_addch(out, (char)(c + 32));
		} else if (c == 0xC3 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9E &&
		           (unsigned char)s[1] != 0x97) {
			rt_buf_addch(out, (char)c);
			rt_buf_addch(out, (char)((unsigned char)s[1] + 0x20));
			s++;
		} else if (c == '/' && out->len && out->buf[out->len - 1] == ' ') {
			out->buf[--out->len] = '\0';
			rt_buf_addch(out, '/');
		} else {
			rt_buf_addch(out, (char)c);
		}
		s++;
	}
}

static enum rt_qual qual_of(const char *folded)
{
	if (!strcmp(folded, "ja")) return RT_QUAL_YES;
	if (!strcmp(folded, "delvis")) return RT_QUAL_PARTLY;
	if (!strcmp(folded, "nej")) return RT_QUAL_NO;
	return RT_QUAL_NONE;
}

static int is_letter_start(const char *s)
{
	unsigned char c = (unsigned char)*s;
	return c == '%' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* The unit after a number: "%", "kWh/m2", "mnkr", at most 15 bytes. In a
 * target, text longer than a unit ("<250 recept per 1000 invånare") keeps
 * only its first word as the unit, since the caller keeps the whole text
 * anyway; a measured value (strict) must be number and unit only.
 * Returns 0, or -1 when what follows is not a unit ("2024: …", ")"). */
static int take_unit(const char *rest, char unit[16], int strict)
{
	size_t sp;
	unit[0] = '\0';
	while ((sp = rt_num_space_len(rest))) rest += sp;
	if (!*rest) return 0;
	if (!is_letter_start(rest)) return -1;
	size_t len = strlen(rest);
	while ((sp = space_before(rest, len))) len -= sp;
	if (len > 15) {
		if (strict) return -1;
		len = 0;
		while (rest[len] && !rt_num_space_len(rest + len)) len++;
		if (len > 15) return -1;
	}
	memcpy(unit, rest, len);
	unit[len] = '\0';
	return 0;
}

/* ---- parsing ----------------------------------------------------------- */

struct cmp_prefix {
	const char *text;      /* as folded (lower case) */
	enum rt_comparator cmp;
	int word;              /* a word: without a number after it the text is prose */
};

static const struct cmp_prefix prefixes[] = {
	{ "<=", RT_CMP_LE, 0 }, { "\xe2\x89\xa4", RT_CMP_LE, 0 }, { "\xe2\xa9\xbd", RT_CMP_LE, 0 },
	{ ">=", RT_CMP_GE, 0 }, { "\xe2\x89\xa5", RT_CMP_GE, 0 }, { "\xe2\xa9\xbe", RT_CMP_GE, 0 },
	{ "<", RT_CMP_LT, 0 }, { ">", RT_CMP_GT, 0 }, { "=", RT_CMP_EQ, 0 },
	{ "minst ", RT_CMP_GE, 1 }, { "lägst ", RT_CMP_GE, 1 },
	{ "högst ", RT_CMP_LE, 1 }, { "max ", RT_CMP_LE, 1 }, { "max. ", RT_CMP_LE, 1 },
	{ "mindre än ", RT_CMP_LT, 1 }, { "lägre än ", RT_CMP_LT, 1 }, { "färre än ", RT_CMP_LT, 1 },
	{ "mer än ", RT_CMP_GT, 1 }, { "fler än ", RT_CMP_GT, 1 }, { "högre än ", RT_CMP_GT, 1 },
};

#define RELATIVE_WORDS "jämfört med"

static void set_text(struct rt_target_spec *out)
{
	memset(out, 0, sizeof(*out));
	out->cmp = RT_CMP_TEXT;
}

static int malformed_target(const char *text, const rt_err *why, rt_err *err)
{
	return rt_err_set(err, RT_EINVAL, "text", "Målvärdet '%.200s' kan inte tolkas. %s",
	                  text, why->msg);
}

/* "-10 % jämfört med 2018" → value -10, unit "%", base_year 2018.
 * Returns 1 parsed, 0 not this form (then it is prose), <0 error. Works on
 * the folded text: only the number, "%" and the year are kept from it. */
static int parse_relative(const char *t, const char *folded, struct rt_target_spec *out,
                          rt_err *err)
{
	const char *at = strstr(folded, RELATIVE_WORDS);
	if (!at) return 0;
	rt_buf left = RT_BUF_INIT, right = RT_BUF_INIT, tmp = RT_BUF_INIT;
	rt_buf_add(&tmp, folded, (size_t)(at - folded));
	trimmed(&left, tmp.buf);
	trimmed(&right, at + strlen(RELATIVE_WORDS));
	int rc = 0;
	double v;
	size_t used;
	rt_err why = RT_ERR_INIT;
	char unit[16];
	int s = rt_num_scan(left.buf, &v, &used, &why);
	if (s == RT_EINVAL) {
		rc = malformed_target(t, &why, err);
	} else if (s == 0 && take_unit(left.buf + used, unit, 0) == 0 && unit[0] == '%' &&
	           right.len == 4 && strspn(right.buf, "0123456789") == 4) {
		int year = atoi(right.buf);
		if (year >= 1900 && year <= 2200) {
			memset(out, 0, sizeof(*out));
			out->cmp = RT_CMP_RELATIVE;
			out->has_value = true;
			out->value = v;
			out->unit[0] = '%';
			out->base_year = year;
			rc = 1;
		}
	}
	rt_buf_release(&left);
	rt_buf_release(&right);
	rt_buf_release(&tmp);
	return rc;
}

static int parse_target(const char *t, struct rt_target_spec *out, rt_err *err)
{
	set_text(out);
	if (!*t) return 0;
	rt_buf f = RT_BUF_INIT;
	fold(&f, t);
	int rc = 0;

	enum rt_qual q = qual_of(f.buf);
	if (q != RT_QUAL_NONE) {
		out->cmp = RT_CMP_QUALITATIVE;
		out->qual = q;
		goto done;
	}
	if (!strcmp(f.buf, "bibehålla/öka") || !strcmp(f.buf, "bibehålla eller öka")) {
		out->cmp = RT_CMP_MAINTAIN_OR_INCREASE;
		goto done;
	}
	rc = parse_relative(t, f.buf, out, err);
	if (rc > 0) rc = 0;
	/* "jämfört med" that is not a relative change in % is prose
	 * ("-10 ton jämfört med 2018"): never read it as a plain number. */
	if (rc != 0 || out->cmp == RT_CMP_RELATIVE || strstr(f.buf, RELATIVE_WORDS))
		goto done;

	/* An optional comparator, then a number and an optional unit. The
	 * comparator is matched on the folded text, where letters keep their
	 * byte length and only spaces differ, so t is skipped by counting the
	 * prefix's non-space bytes. */
	enum rt_comparator cmp = RT_CMP_REACH;
	int word = 0;
	const char *p = t;
	for (size_t i = 0; i < COUNT(prefixes); i++) {
		size_t n = strlen(prefixes[i].text);
		if (strncmp(f.buf, prefixes[i].text, n)) continue;
		cmp = prefixes[i].cmp;
		word = prefixes[i].word;
		size_t need = 0;
		for (size_t k = 0; k < n; k++)
			if (prefixes[i].text[k] != ' ') need++;
		while (need && *p) {
			size_t sp = rt_num_space_len(p);
			if (sp) { p += sp; continue; }
			p++;
			need--;
		}
		break;
	}
	size_t sp;
	while ((sp = rt_num_space_len(p))) p += sp;
	double v;
	size_t used;
	rt_err why = RT_ERR_INIT;
	int s = rt_num_scan(p, &v, &used, &why);
	if (s == RT_EINVAL) {
		rc = malformed_target(t, &why, err);
		goto done;
	}
	if (s == RT_ENOTFOUND) {
		if (cmp != RT_CMP_REACH && !word)
			rc = rt_err_set(err, RT_EINVAL, "text",
			                "Målvärdet '%.200s' saknar ett tal efter jämförelsetecknet, "
			                "skriv t.ex. '< 250' eller '≥ 4,5'", t);
		goto done;   /* prose: stays RT_CMP_TEXT */
	}
	char unit[16];
	if (take_unit(p + used, unit, 0) != 0) goto done;   /* "2024: …" is prose */
	out->cmp = cmp;
	out->has_value = true;
	out->value = v;
	memcpy(out->unit, unit, sizeof(out->unit));
done:
	if (rc < 0) set_text(out);
	rt_buf_release(&f);
	return rc;
}

int rt_target_parse(const char *text, struct rt_target_spec *out, rt_err *err)
{
	rt_buf t = RT_BUF_INIT;
	trimmed(&t, text);
	int rc = parse_target(t.buf, out, err);
	rt_buf_release(&t);
	return rc;
}

int rt_value_parse(const char *text, struct rt_target_spec *out, rt_err *err)
{
	rt_buf t = RT_BUF_INIT, f = RT_BUF_INIT;
	trimmed(&t, text);
	fold(&f, t.buf);
	memset(out, 0, sizeof(*out));
	int rc = 0;
	enum rt_qual q = qual_of(f.buf);
	if (q != RT_QUAL_NONE) {
		out->cmp = RT_CMP_QUALITATIVE;
		out->qual = q;
		goto done;
	}
	double v;
	size_t used;
	rt_err why = RT_ERR_INIT;
	int s = rt_num_scan(t.buf, &v, &used, &why);
	char unit[16];
	if (s == RT_EINVAL) {
		rc = rt_err_set(err, RT_EINVAL, "text", "Utfallet '%.200s' kan inte tolkas. %s",
		                t.buf, why.msg);
	} else if (s != 0 || take_unit(t.buf + used, unit, 1) != 0) {
		rc = rt_err_set(err, RT_EINVAL, "text",
		                "Utfallet '%.200s' är inte ett tal eller Ja/Delvis/Nej", t.buf);
	} else {
		out->cmp = RT_CMP_REACH;
		out->has_value = true;
		out->value = v;
		memcpy(out->unit, unit, sizeof(out->unit));
	}
done:
	if (rc < 0) {
		memset(out, 0, sizeof(*out));
		out->cmp = RT_CMP_TEXT;
	}
	rt_buf_release(&t);
	rt_buf_release(&f);
	return rc;
}

/* ---- evaluation -------------------------------------------------------- */

/* Equality for numbers that were typed with a few decimals. */
static int near(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

int rt_target_met(const struct rt_target_spec *target, enum rt_direction dir,
                  double value, bool has_base, double base)
{
	if (!target) return -1;
	double t = target->value;
	switch (target->cmp) {
	case RT_CMP_REACH:
		if (!target->has_value) return -1;
		/* målvärde without a sign: reach it in the indicator's direction */
		if (dir == RT_DIR_HIGHER) return value >= t || near(value, t);
		if (dir == RT_DIR_LOWER) return value <= t || near(value, t);
		return near(value, t);
	case RT_CMP_LT: return target->has_value ? value < t && !near(value, t) : -1;
	case RT_CMP_LE: return target->has_value ? value <= t || near(value, t) : -1;
	case RT_CMP_GT: return target->has_value ? value > t && !near(value, t) : -1;
	case RT_CMP_GE: return target->has_value ? value >= t || near(value, t) : -1;
	case RT_CMP_EQ: return target->has_value ? near(value, t) : -1;
	case RT_CMP_MAINTAIN_OR_INCREASE:
		/* "Bibehålla/öka": at least the base (the previous outcome) */
		if (!has_base) return -1;
		return value >= base || near(value, base);
	case RT_CMP_RELATIVE: {
		if (!has_base || !target->has_value || base == 0) return -1;
		double change = (value - base) / fabs(base) * 100.0;
		/* "-10 %" means reduce by at least 10 %, "+5 %" increase by at
		 * least 5 %; a 0 % target follows the indicator's direction. */
		if (t < 0 || (t == 0 && dir == RT_DIR_LOWER)) return change <= t || near(change, t);
		return change >= t || near(change, t);
	}
	case RT_CMP_QUALITATIVE:
	case RT_CMP_TEXT:
		return -1;
	}
	return -1;
}

int rt_target_met_qual(const struct rt_target_spec *target, enum rt_qual value)
{
	if (!target || target->cmp != RT_CMP_QUALITATIVE || value == RT_QUAL_NONE) return -1;
	switch (target->qual) {
	case RT_QUAL_YES: return value == RT_QUAL_YES;
	case RT_QUAL_PARTLY: return value == RT_QUAL_YES || value == RT_QUAL_PARTLY;
	/* A "Nej" target (something that must not happen) is met only by Nej. */
	case RT_QUAL_NO: return value == RT_QUAL_NO;
	case RT_QUAL_NONE: break;
	}
	return -1;
}

/* ---- rendering --------------------------------------------------------- */

static void add_number_unit(rt_buf *out, const struct rt_target_spec *t)
{
	rt_num_format_short(out, t->value);
	if (t->unit[0]) {
		rt_buf_addch(out, ' ');
		rt_buf_addstr(out, t->unit);
	}
}

void rt_target_format(rt_buf *out, const struct rt_target_spec *t)
{
	const char *sym = NULL;
	switch (t->cmp) {
	case RT_CMP_REACH: add_number_unit(out, t); return;
	case RT_CMP_LT: sym = "<"; break;
	case RT_CMP_LE: sym = "≤"; break;
	case RT_CMP_GT: sym = ">"; break;
	case RT_CMP_GE: sym = "≥"; break;
	case RT_CMP_EQ: sym = "="; break;
	case RT_CMP_MAINTAIN_OR_INCREASE: rt_buf_addstr(out, "Bibehålla/öka"); return;
	case RT_CMP_RELATIVE:
		if (t->value > 0) rt_buf_addch(out, '+');
		rt_num_format_short(out, t->value);
		rt_buf_addf(out, " %s jämfört med %d", t->unit[0] ? t->unit : "%", t->base_year);
		return;
	case RT_CMP_QUALITATIVE: rt_buf_addstr(out, rt_qual_label(t->qual)); return;
	case RT_CMP_TEXT: return;   /* prose: the caller shows the original text */
	}
	if (!sym) return;
	rt_buf_addstr(out, sym);
	rt_buf_addch(out, ' ');
	add_number_unit(out, t);
}
