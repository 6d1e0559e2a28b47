/* Plans (styrdokument): kind and status tokens, the rank of a plan in the
 * cascade, the status workflow and the checks of a plan's own fields.
 * Pure: no I/O. */
#include "util/text.h"
#include "core/plan.h"
#include "core/enums.h"

#include <stdbool.h>

static const char *const kind_names[RT_PLAN_KIND_COUNT] = {
	"region_plan", "planning_premises", "operational_plan", "action_plan", "activity_plan",
};
static const char *const kind_labels[RT_PLAN_KIND_COUNT] = {
	"Regionplan", "Planeringsförutsättningar", "Verksamhetsplan",
	"Övergripande handlingsplan", "Aktivitetsplan",
};
static const char *const status_names[RT_PLAN_STATUS_COUNT] = {
	"draft", "for_decision", "decided", "archived",
};
static const char *const status_labels[RT_PLAN_STATUS_COUNT] = {
	"Utkast", "För beslut", "Beslutad", "Arkiverad",
};

const char *rt_plan_kind_name(enum rt_plan_kind k)
{
	return rt_enum_name(kind_names, RT_PLAN_KIND_COUNT, (int)k);
}

const char *rt_plan_kind_label(enum rt_plan_kind k)
{
	return rt_enum_name(kind_labels, RT_PLAN_KIND_COUNT, (int)k);
}

int rt_plan_kind_parse(const char *s, enum rt_plan_kind *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(kind_names, RT_PLAN_KIND_COUNT, s, &v, "kind", "plantyp", err);
	if (rc == 0 && out) *out = (enum rt_plan_kind)v;
	return rc;
}

const char *rt_plan_status_name(enum rt_plan_status s)
{
	return rt_enum_name(status_names, RT_PLAN_STATUS_COUNT, (int)s);
}

const char *rt_plan_status_label(enum rt_plan_status s)
{
	return rt_enum_name(status_labels, RT_PLAN_STATUS_COUNT, (int)s);
}

int rt_plan_status_parse(const char *s, enum rt_plan_status *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(status_names, RT_PLAN_STATUS_COUNT, s, &v, "status",
	                       "planstatus", err);
	if (rc == 0 && out) *out = (enum rt_plan_status)v;
	return rc;
}

int rt_plan_level(enum rt_plan_kind kind, enum rt_org_kind owner_kind)
{
	switch (kind) {
	case RT_PLAN_REGION_PLAN:
	case RT_PLAN_PLANNING_PREMISES:
		return 0;
	case RT_PLAN_OPERATIONAL:
		/* Seed 000 §4: Regionstyrelsens verksamhetsplan (a board) sits
		 * above Regiondirektörens verksamhetsplan (the administration). */
		switch (owner_kind) {
		case RT_ORG_REGION:
		case RT_ORG_COUNCIL:
		case RT_ORG_BOARD:
			return 1;
		default:
			return 2;
		}
	case RT_PLAN_ACTION:
		return 3;
	case RT_PLAN_ACTIVITY:
		return 4;
	case RT_PLAN_KIND_COUNT:
		break;
	}
	return 4;
}

int rt_plan_status_transition_ok(enum rt_plan_status from, enum rt_plan_status to)
{
	switch (from) {
	case RT_PLAN_DRAFT: return to == RT_PLAN_FOR_DECISION;
	case RT_PLAN_FOR_DECISION: return to == RT_PLAN_DECIDED || to == RT_PLAN_DRAFT;
	case RT_PLAN_DECIDED: return to == RT_PLAN_ARCHIVED;
	case RT_PLAN_ARCHIVED:
	case RT_PLAN_STATUS_COUNT:
		break;
	}
	return 0;
}

/* Years outside this range are typing errors, not plans. */
#define RT_YEAR_MIN 1900
#define RT_YEAR_MAX 2200

int rt_plan_check_fields(const struct rt_plan *p, rt_err *err)
{
	if (rt_str_blank(p->title))
		return rt_err_set(err, RT_EINVAL, "title", "Planen måste ha en titel");
	if ((int)p->kind < 0 || p->kind >= RT_PLAN_KIND_COUNT)
		return rt_err_set(err, RT_EINVAL, "kind", "Planen har en okänd plantyp");
	if ((int)p->status < 0 || p->status >= RT_PLAN_STATUS_COUNT)
		return rt_err_set(err, RT_EINVAL, "status", "Planen har en okänd status");
	if (p->start_year < RT_YEAR_MIN || p->start_year > RT_YEAR_MAX)
		return rt_err_set(err, RT_EINVAL, "start_year",
		                  "Planens startår %d ligger inte mellan %d och %d",
		                  p->start_year, RT_YEAR_MIN, RT_YEAR_MAX);
	if (p->end_year < RT_YEAR_MIN || p->end_year > RT_YEAR_MAX)
		return rt_err_set(err, RT_EINVAL, "end_year",
		                  "Planens slutår %d ligger inte mellan %d och %d",
		                  p->end_year, RT_YEAR_MIN, RT_YEAR_MAX);
	if (p->end_year < p->start_year)
		return rt_err_set(err, RT_EINVAL, "end_year",
		                  "Planens slutår %d ligger före startåret %d",
		                  p->end_year, p->start_year);
	if (p->version < 1)
		return rt_err_set(err, RT_EINVAL, "version",
		                  "Planens version måste vara 1 eller högre (är %d)", p->version);
	return 0;
}
