/* The planning process (årshjul): enum tokens, field checks, the current
 * phase and progress per board; see process.h. Pure: no I/O. */
#include "core/process.h"
#include "core/enums.h"
#include "util/date.h"
#include "util/text.h"

#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const event_names[] = { "milestone", "meeting" };
static const char *const event_labels[] = { "Milstolpe", "Möte" };
static const char *const dkind_names[] = { "feedback", "operational_plan", "activity_plan" };
static const char *const dkind_labels[] = {
	"Återkoppling på planeringsförutsättningarna", "Verksamhetsplan",
	"Aktivitetsplan och internbudget",
};
static const char *const dstatus_names[] = { "not_started", "in_progress", "delivered" };
static const char *const dstatus_labels[] = { "Ej påbörjad", "Pågår", "Levererad" };

const char *rt_event_kind_name(enum rt_event_kind k)
{
	return rt_enum_name(event_names, COUNT(event_names), (int)k);
}

const char *rt_event_kind_label(enum rt_event_kind k)
{
	return rt_enum_name(event_labels, COUNT(event_labels), (int)k);
}

int rt_event_kind_parse(const char *s, enum rt_event_kind *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(event_names, COUNT(event_names), s, &v, "kind", "händelsetyp", err);
	if (rc == 0 && out) *out = (enum rt_event_kind)v;
	return rc;
}

const char *rt_delivery_kind_name(enum rt_delivery_kind k)
{
	return rt_enum_name(dkind_names, COUNT(dkind_names), (int)k);
}

const char *rt_delivery_kind_label(enum rt_delivery_kind k)
{
	return rt_enum_name(dkind_labels, COUNT(dkind_labels), (int)k);
}

int rt_delivery_kind_parse(const char *s, enum rt_delivery_kind *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(dkind_names, COUNT(dkind_names), s, &v, "kind", "leveranstyp", err);
	if (rc == 0 && out) *out = (enum rt_delivery_kind)v;
	return rc;
}

const char *rt_delivery_status_name(enum rt_delivery_status s)
{
	return rt_enum_name(dstatus_names, COUNT(dstatus_names), (int)s);
}

const char *rt_delivery_status_label(enum rt_delivery_status s)
{
	return rt_enum_name(dstatus_labels, COUNT(dstatus_labels), (int)s);
}

int rt_delivery_status_parse(const char *s, enum rt_delivery_status *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(dstatus_names, COUNT(dstatus_names), s, &v, "status",
	                       "leveransstatus", err);
	if (rc == 0 && out) *out = (enum rt_delivery_status)v;
	return rc;
}

int rt_process_cycle_check(const struct rt_process_cycle *c, rt_err *err)
{
	if (c->year < 1900 || c->year > 9999)
		return rt_err_set(err, RT_EINVAL, "year", "Ogiltigt år för processen: %d", c->year);
	if (rt_str_blank(c->title))
		return rt_err_set(err, RT_EINVAL, "title", "Processen %d saknar rubrik", c->year);
	return 0;
}

int rt_process_phase_check(const struct rt_process_phase *p, rt_err *err)
{
	if (rt_str_blank(p->name))
		return rt_err_set(err, RT_EINVAL, "name", "En fas i processen saknar namn");
	int rc;
	if ((rc = rt_date_parse(p->starts_on, NULL, NULL, NULL, "starts_on", err)) != 0 ||
	    (rc = rt_date_parse(p->ends_on, NULL, NULL, NULL, "ends_on", err)) != 0)
		return rc;
	if (rt_date_cmp(p->starts_on, p->ends_on) > 0)
		return rt_err_set(err, RT_EINVAL, "ends_on",
		                  "Fasen '%s' slutar (%s) före den börjar (%s)", p->name, p->ends_on,
		                  p->starts_on);
	return 0;
}

int rt_process_event_check(const struct rt_process_event *e, rt_err *err)
{
	if (rt_str_blank(e->title))
		return rt_err_set(err, RT_EINVAL, "title", "En händelse i processen saknar rubrik");
	int rc = rt_date_parse(e->on_date, NULL, NULL, NULL, "on_date", err);
	if (rc) return rc;
	if (e->kind != RT_EVENT_MEETING) return 0;
	/* Seed 002: "alla möten har syfte, mål och deltagare". */
	const char *missing = rt_str_blank(e->purpose) ? "syfte"
	                      : rt_str_blank(e->goal) ? "mål"
	                      : rt_str_blank(e->participants) ? "deltagare" : NULL;
	if (missing)
		return rt_err_set(err, RT_EINVAL, "meeting",
		                  "Mötet '%s' saknar %s: alla möten ska ha syfte, mål och deltagare",
		                  e->title, missing);
	return 0;
}

int rt_process_delivery_check(const struct rt_process_delivery *d, rt_err *err)
{
	if (d->org_unit_id <= 0)
		return rt_err_set(err, RT_EINVAL, "org", "En leverans måste höra till en nämnd");
	int rc = rt_date_parse(d->due_on, NULL, NULL, NULL, "due_on", err);
	if (rc) return rc;
	if (d->status == RT_DELIVERY_DELIVERED && d->delivered_on &&
	    (rc = rt_date_parse(d->delivered_on, NULL, NULL, NULL, "delivered_on", err)) != 0)
		return rc;
	return 0;
}

int rt_process_phase_at(const struct rt_process_phase *phases, size_t n, const char *date)
{
	int best = -1;
	for (size_t i = 0; i < n; i++) {
		if (rt_date_cmp(phases[i].starts_on, date) > 0 ||
		    rt_date_cmp(phases[i].ends_on, date) < 0)
			continue;
		if (best < 0 || rt_date_cmp(phases[i].starts_on, phases[best].starts_on) >= 0)
			best = (int)i;
	}
	return best;
}

void rt_process_progress(const struct rt_process_delivery *d, size_t n, int kind,
                         size_t *delivered, size_t *total)
{
	size_t done = 0, all = 0;
	for (size_t i = 0; i < n; i++) {
		if (kind >= 0 && (int)d[i].kind != kind) continue;
		all++;
		if (d[i].status == RT_DELIVERY_DELIVERED) done++;
	}
	if (delivered) *delivered = done;
	if (total) *total = all;
}

void rt_process_check(const struct rt_process_phase *phases, size_t n_phases,
                      const struct rt_process_delivery *d, size_t n_d, const char *today,
                      struct rt_findings *out)
{
	for (size_t i = 0; i < n_phases; i++)
		if (rt_str_blank(phases[i].owner))
			rt_findings_add(out, RT_SEV_WARNING, "phase_owner", "process_phase",
			                phases[i].id, "Fasen '%s' har ingen processägare",
			                phases[i].name ? phases[i].name : "");
	for (size_t i = 0; i < n_d; i++) {
		if (d[i].status == RT_DELIVERY_DELIVERED || rt_date_cmp(d[i].due_on, today) >= 0)
			continue;
		rt_findings_add(out, RT_SEV_WARNING, "delivery_late", "process_delivery", d[i].id,
		                "%s från %s skulle ha lämnats senast %s",
		                rt_delivery_kind_label(d[i].kind),
		                d[i].org_name ? d[i].org_name : "nämnden", d[i].due_on);
	}
}
