/* Follow-up records: period kinds and keys ("2021-T1", "2024-H1",
 * "2024-M02", "2024") with the dates they cover, the ●◆■ status tokens and
 * the activity states (Ej påbörjad … Inställd).
 * The status rule itself lives in status.c. Pure: no I/O. */
#include "core/followup.h"
#include "core/enums.h"
#include "util/date.h"

#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const period_names[] = { "month", "tertial", "half_year", "year" };
static const char *const period_labels[] = { "Månad", "Tertial", "Halvår", "År" };
static const char *const status_names[] = { "none", "achieved", "partly", "not_achieved" };
static const char *const status_labels[] = {
	"Status saknas", "Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt",
};
static const char *const status_symbols[] = { "", "●", "◆", "■" };
static const char *const act_state_names[] = {
	"not_started", "ongoing", "done", "delayed", "cancelled",
};
static const char *const act_state_labels[] = {
	"Ej påbörjad", "Pågår", "Klar", "Försenad", "Inställd",
};

const char *rt_period_kind_name(enum rt_period_kind k)
{
	return rt_enum_name(period_names, COUNT(period_names), (int)k);
}

const char *rt_period_kind_label(enum rt_period_kind k)
{
	return rt_enum_name(period_labels, COUNT(period_labels), (int)k);
}

int rt_period_kind_parse(const char *s, enum rt_period_kind *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(period_names, COUNT(period_names), s, &v, "kind",
	                       "periodtyp", err);
	if (rc == 0 && out) *out = (enum rt_period_kind)v;
	return rc;
}

static int bad_key(const char *key, rt_err *err)
{
	return rt_err_set(err, RT_EINVAL, "key",
	                  "Ogiltig periodnyckel '%.40s'. Skriv ÅÅÅÅ (år), ÅÅÅÅ-T1..T3 (tertial), "
	                  "ÅÅÅÅ-H1..H2 (halvår) eller ÅÅÅÅ-M01..M12 (månad)",
	                  key ? key : "");
}

static int parse_digits(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int rt_period_parse_key(const char *key, struct rt_period *out, char start[11], char end[11],
                        rt_err *err)
{
	if (!key) return bad_key(key, err);
	size_t len = strlen(key);
	int year = len >= 4 ? parse_digits(key, 4) : -1;
	if (year < 1900 || year > 2200) return bad_key(key, err);

	enum rt_period_kind kind;
	int number = 0, m_first = 1, m_last = 12;
	if (len == 4) {
		kind = RT_PERIOD_YEAR;
	} else if (len >= 7 && key[4] == '-') {
		char c = key[5];
		int n = parse_digits(key + 6, len - 6);
		if ((c == 'T' || c == 't') && len == 7 && n >= 1 && n <= 3) {
			/* Tertial reports are cumulative from January (seed 001/003:
			 * "per april", "per augusti", årsrapport). */
			kind = RT_PERIOD_TERTIAL;
			m_last = 4 * n;
		} else if ((c == 'H' || c == 'h') && len == 7 && n >= 1 && n <= 2) {
			/* Seed 000 §2.3: action plans are followed up "per maj och per
			 * december", so the halves are jan–maj and jun–dec. */
			kind = RT_PERIOD_HALF_YEAR;
			m_first = n == 1 ? 1 : 6;
			m_last = n == 1 ? 5 : 12;
		} else if ((c == 'M' || c == 'm') && len == 8 && n >= 1 && n <= 12) {
			kind = RT_PERIOD_MONTH;
			m_first = m_last = n;
		} else {
			return bad_key(key, err);
		}
		number = n;
	} else {
		return bad_key(key, err);
	}
	rt_date_format(start, year, m_first, 1);
	rt_date_format(end, year, m_last, rt_days_in_month(year, m_last));
	if (out) {
		out->kind = kind;
		out->year = year;
		out->number = number;
		out->start_date = start;
		out->end_date = end;
	}
	return 0;
}

const char *rt_status_name(enum rt_status s)
{
	return rt_enum_name(status_names, COUNT(status_names), (int)s);
}

const char *rt_status_label(enum rt_status s)
{
	return rt_enum_name(status_labels, COUNT(status_labels), (int)s);
}

const char *rt_status_symbol(enum rt_status s)
{
	return rt_enum_name(status_symbols, COUNT(status_symbols), (int)s);
}

int rt_status_parse(const char *s, enum rt_status *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(status_names, COUNT(status_names), s, &v, "status",
	                       "status för måluppfyllelse", err);
	if (rc == 0 && out) *out = (enum rt_status)v;
	return rc;
}

const char *rt_activity_state_name(enum rt_activity_state s)
{
	return rt_enum_name(act_state_names, COUNT(act_state_names), (int)s);
}

const char *rt_activity_state_label(enum rt_activity_state s)
{
	return rt_enum_name(act_state_labels, COUNT(act_state_labels), (int)s);
}

int rt_activity_state_parse(const char *s, enum rt_activity_state *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(act_state_names, COUNT(act_state_names), s, &v, "state",
	                       "aktivitetens läge", err);
	if (rc == 0 && out) *out = (enum rt_activity_state)v;
	return rc;
}
