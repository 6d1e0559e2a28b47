/* Activities (aktiviteter): scope tokens and field checks (title, ISO dates
 * of the tidsplan, start not after end). Pure: no I/O. */
#include "core/activity.h"
#include "core/enums.h"
#include "util/text.h"
#include "util/date.h"

#include <stdbool.h>

static const char *const scope_names[] = { "operations", "management_staff" };
static const char *const scope_labels[] = { "Verksamheterna", "Ledningsstaberna" };

const char *rt_activity_scope_name(enum rt_activity_scope s)
{
	return rt_enum_name(scope_names, 2, (int)s);
}

const char *rt_activity_scope_label(enum rt_activity_scope s)
{
	return rt_enum_name(scope_labels, 2, (int)s);
}

int rt_activity_scope_parse(const char *s, enum rt_activity_scope *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(scope_names, 2, s, &v, "scope", "omfattning för aktivitet", err);
	if (rc == 0 && out) *out = (enum rt_activity_scope)v;
	return rc;
}

int rt_activity_check(const struct rt_activity *a, rt_err *err)
{
	if (rt_str_blank(a->title))
		return rt_err_set(err, RT_EINVAL, "title", "Aktiviteten måste ha en titel");
	if (a->scope != RT_SCOPE_OPERATIONS && a->scope != RT_SCOPE_MANAGEMENT_STAFF)
		return rt_err_set(err, RT_EINVAL, "scope",
		                  "Aktiviteten '%.200s' har en okänd omfattning", a->title);
	/* An empty string is treated like NULL: the tidsplan is optional. */
	bool has_start = a->start_date && *a->start_date;
	bool has_end = a->end_date && *a->end_date;
	if (has_start && !rt_date_valid(a->start_date))
		return rt_err_set(err, RT_EINVAL, "start_date",
		                  "Aktiviteten '%.200s' har ett ogiltigt startdatum '%.40s' "
		                  "(skriv ÅÅÅÅ-MM-DD)", a->title, a->start_date);
	if (has_end && !rt_date_valid(a->end_date))
		return rt_err_set(err, RT_EINVAL, "end_date",
		                  "Aktiviteten '%.200s' har ett ogiltigt slutdatum '%.40s' "
		                  "(skriv ÅÅÅÅ-MM-DD)", a->title, a->end_date);
	if (has_start && has_end && rt_date_cmp(a->start_date, a->end_date) > 0)
		return rt_err_set(err, RT_EINVAL, "end_date",
		                  "Aktiviteten '%.200s' slutar (%s) före den börjar (%s)",
		                  a->title, a->end_date, a->start_date);
	return 0;
}
