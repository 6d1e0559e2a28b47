/* Activities (aktiviteter, seed 000 §3.3): what is done to reach a goal, with
 * målgrupp, tidsplan, ansvarig genomförande and kontaktperson. Seed 000 asks
 * that activities for the operations and for the management staffs are kept
 * apart, hence `scope`. Pure: no I/O. */
#ifndef RT_CORE_ACTIVITY_H
#define RT_CORE_ACTIVITY_H
#include <stdint.h>
#include "util/err.h"

enum rt_activity_scope {
	RT_SCOPE_OPERATIONS,       /* verksamheterna */
	RT_SCOPE_MANAGEMENT_STAFF, /* ledningsstaberna */
};

struct rt_activity {
	int64_t id;
	int64_t goal_id;
	int position;
	char *key;             /* may be NULL */
	char *title;
	char *description;     /* may be NULL */
	char *target_group;    /* målgrupp; may be NULL */
	char *start_date;      /* ISO date or NULL */
	char *end_date;        /* ISO date or NULL */
	char *owner;           /* ansvarig genomförande; may be NULL */
	char *contact;         /* kontaktperson; may be NULL */
	enum rt_activity_scope scope;
	char *origin;          /* e.g. "Från Övergripande handlingsplan gällande …"; may be NULL */
	int64_t origin_plan_id;/* the plan it comes from when known, 0 = none */
};

const char *rt_activity_scope_name(enum rt_activity_scope s);  /* "operations" */
const char *rt_activity_scope_label(enum rt_activity_scope s); /* "Verksamheterna" */
int rt_activity_scope_parse(const char *s, enum rt_activity_scope *out, rt_err *err);

/* Title present, dates valid ISO dates, start <= end. */
int rt_activity_check(const struct rt_activity *a, rt_err *err);

#endif
