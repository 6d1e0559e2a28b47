/* Plans (styrdokument): regionplan, planeringsförutsättningar, verksamhetsplan,
 * övergripande handlingsplan, aktivitetsplan, with their status workflow and
 * change log (ändringsförteckning, seed 000). Pure: no I/O. */
#ifndef RT_CORE_PLAN_H
#define RT_CORE_PLAN_H
#include <stddef.h>
#include <stdint.h>
#include "core/org.h"
#include "util/err.h"

enum rt_plan_kind {
	RT_PLAN_REGION_PLAN,        /* regionplan (och budget), fullmäktige */
	RT_PLAN_PLANNING_PREMISES,  /* planeringsförutsättningar (PF) */
	RT_PLAN_OPERATIONAL,        /* verksamhetsplan (VP) */
	RT_PLAN_ACTION,             /* övergripande handlingsplan */
	RT_PLAN_ACTIVITY,           /* aktivitetsplan */
	RT_PLAN_KIND_COUNT
};

enum rt_plan_status {
	RT_PLAN_DRAFT,
	RT_PLAN_FOR_DECISION,
	RT_PLAN_DECIDED,
	RT_PLAN_ARCHIVED,
	RT_PLAN_STATUS_COUNT
};

struct rt_plan {
	int64_t id;
	char *key;                  /* stable text key, may be NULL */
	enum rt_plan_kind kind;
	int64_t owner_org_id;       /* the body or unit that owns the plan */
	int64_t parent_plan_id;     /* the plan this one breaks down, 0 = none */
	char *title;
	int start_year, end_year;   /* period of validity, inclusive */
	char *case_number;          /* diarienummer: "RS/1321/2015", "23RS106"; may be NULL */
	int version;                /* 1, 2, … */
	enum rt_plan_status status;
	char *decision_body;        /* beslutsinstans: "Regiondirektör" */
	char *introduction;         /* inledning; may be NULL */
};

/* One row of the ändringsförteckning. */
struct rt_plan_change {
	int64_t id;
	int64_t plan_id;
	int version;
	char *date;                 /* ISO "2015-08-14" */
	char *change;               /* "Nyutgåva" */
	char *decided_by;           /* may be NULL or "" (seed 000 rows 1–2) */
};

const char *rt_plan_kind_name(enum rt_plan_kind k);     /* "action_plan" */
const char *rt_plan_kind_label(enum rt_plan_kind k);    /* "Övergripande handlingsplan" */
int rt_plan_kind_parse(const char *s, enum rt_plan_kind *out, rt_err *err);
const char *rt_plan_status_name(enum rt_plan_status s); /* "for_decision" */
const char *rt_plan_status_label(enum rt_plan_status s);/* "För beslut" */
int rt_plan_status_parse(const char *s, enum rt_plan_status *out, rt_err *err);

/* Rank of a plan in the cascade: 0 = regionplan (top). An operational plan
 * of a council or board ranks above one of an administration or staff, as in
 * seed 000 §4 (RS verksamhetsplan above regiondirektörens verksamhetsplan).
 * A goal-chain link must point to a plan of strictly lower rank number. */
int rt_plan_level(enum rt_plan_kind kind, enum rt_org_kind owner_kind);

/* May a plan move from `from` to `to`? draft → for decision → decided →
 * archived, and for decision → draft (sent back). */
int rt_plan_status_transition_ok(enum rt_plan_status from, enum rt_plan_status to);

/* Checks one plan's own fields (title, years, version); 0 or RT_EINVAL. */
int rt_plan_check_fields(const struct rt_plan *p, rt_err *err);

#endif
