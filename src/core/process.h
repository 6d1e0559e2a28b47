/* The planning process (årshjul) of seed 002: a cycle per year with its
 * phases (Förberedelser okt–jan … Aktivitetsplaner och internbudget dec),
 * each with a process owner; dated events (milestones such as "Kickoff
 * 10 februari", and meetings, which must say purpose, goal and
 * participants — "alla möten har syfte, mål och deltagare"); and what each
 * board delivers (återkoppling på PF, VP, aktivitetsplan) with a due date
 * and a status, so anyone can see where the process stands. Pure: no I/O. */
#ifndef RT_CORE_PROCESS_H
#define RT_CORE_PROCESS_H
#include <stddef.h>
#include <stdint.h>
#include "core/finding.h"
#include "util/err.h"

struct rt_process_cycle {
	int64_t id;
	int64_t org_unit_id;       /* the region whose process it is */
	int year;                  /* the year the plan is decided for: 2026 */
	char *title;               /* "Planerings- och budgetprocess 2026" */
	char *owner;               /* processägare for the whole cycle; may be NULL */
};

struct rt_process_phase {
	int64_t id;
	int64_t cycle_id;
	int position;
	char *name;                /* "Planeringsförutsättningar (PF)" */
	char *starts_on;           /* ISO dates, inclusive */
	char *ends_on;
	char *owner;               /* processägare of the phase; may be NULL */
	char *description;         /* may be NULL */
};

enum rt_event_kind { RT_EVENT_MILESTONE, RT_EVENT_MEETING };

struct rt_process_event {
	int64_t id;
	int64_t cycle_id;
	int64_t phase_id;          /* 0 = none */
	enum rt_event_kind kind;
	char *title;               /* "PF i regionstyrelsen" */
	char *on_date;             /* ISO date */
	char *purpose;             /* syfte; required for a meeting */
	char *goal;                /* mål; required for a meeting */
	char *participants;        /* deltagare; required for a meeting */
};

enum rt_delivery_kind {
	RT_DELIVERY_FEEDBACK,        /* återkoppling på planeringsförutsättningarna */
	RT_DELIVERY_OPERATIONAL,     /* verksamhetsplan */
	RT_DELIVERY_ACTIVITY,        /* aktivitetsplaner och internbudget */
	RT_DELIVERY_KIND_COUNT
};

enum rt_delivery_status {
	RT_DELIVERY_NOT_STARTED,
	RT_DELIVERY_IN_PROGRESS,
	RT_DELIVERY_DELIVERED,
	RT_DELIVERY_STATUS_COUNT
};

struct rt_process_delivery {
	int64_t id;
	int64_t cycle_id;
	int64_t org_unit_id;       /* the board (nämnd) */
	char *org_name;            /* filled by the store on read; may be NULL */
	enum rt_delivery_kind kind;
	char *due_on;              /* ISO date */
	enum rt_delivery_status status;
	char *delivered_on;        /* ISO date or NULL */
};

const char *rt_event_kind_name(enum rt_event_kind k);          /* "meeting" */
const char *rt_event_kind_label(enum rt_event_kind k);         /* "Möte" */
int rt_event_kind_parse(const char *s, enum rt_event_kind *out, rt_err *err);
const char *rt_delivery_kind_name(enum rt_delivery_kind k);    /* "feedback" */
const char *rt_delivery_kind_label(enum rt_delivery_kind k);   /* "Återkoppling på PF" */
int rt_delivery_kind_parse(const char *s, enum rt_delivery_kind *out, rt_err *err);
const char *rt_delivery_status_name(enum rt_delivery_status s);  /* "delivered" */
const char *rt_delivery_status_label(enum rt_delivery_status s); /* "Levererad" */
int rt_delivery_status_parse(const char *s, enum rt_delivery_status *out, rt_err *err);

/* Field checks; 0 or RT_EINVAL with one Swedish message. */
int rt_process_cycle_check(const struct rt_process_cycle *c, rt_err *err);
int rt_process_phase_check(const struct rt_process_phase *p, rt_err *err);
int rt_process_event_check(const struct rt_process_event *e, rt_err *err);
int rt_process_delivery_check(const struct rt_process_delivery *d, rt_err *err);

/* Index of the phase `date` falls in (the latest-starting one when phases
 * overlap, as Beredning apr–maj and Beslut maj–jun do), or -1. */
int rt_process_phase_at(const struct rt_process_phase *phases, size_t n, const char *date);

/* Progress: how many of the deliveries (of `kind`, or all when kind < 0)
 * are delivered. */
void rt_process_progress(const struct rt_process_delivery *d, size_t n, int kind,
                         size_t *delivered, size_t *total);

/* Warnings "delivery_late" for deliveries not delivered by their due date
 * (today: ISO date), and "phase_owner" for a phase without a process owner
 * (seed 002: "Oklart med vem som är processägare"). */
void rt_process_check(const struct rt_process_phase *phases, size_t n_phases,
                      const struct rt_process_delivery *d, size_t n_d, const char *today,
                      struct rt_findings *out);

#endif
