/* Authorisation: who may do what on which org unit. Pure rules, no I/O:
 * the caller hands in the principal's role grants and the org tree as
 * parent links; the store loads them, the router and the CLI ask here.
 * A role granted on a unit holds for that unit and every unit below it
 * (seed 000 §2.2: a board's planner plans for its administrations too);
 * a grant on org unit 0 holds for the whole database. */
#ifndef RT_CORE_AUTHZ_H
#define RT_CORE_AUTHZ_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/err.h"

enum rt_role {
	RT_ROLE_ADMIN,          /* administratör: everything, users and roles */
	RT_ROLE_PLANNER,        /* planerare: edits plans, reopens periods */
	RT_ROLE_REPORTER,       /* rapportör: outcomes and activity status */
	RT_ROLE_DECIDER,        /* beslutsfattare: moves a plan to "decided" */
	RT_ROLE_READER,         /* läsare: reads what is not published */
	RT_ROLE_COUNT
};

/* What a route or a command needs. Each route class of the web and API
 * declares one of these; RT_PERM_PUBLIC needs no login at all. */
enum rt_perm {
	RT_PERM_PUBLIC,         /* published plans, static files, login page */
	RT_PERM_READ,           /* unpublished plans, reports, audit log */
	RT_PERM_REPORT,         /* enter outcomes and activity states */
	RT_PERM_PLAN_EDIT,      /* change a plan in draft, its goals, indicators … */
	RT_PERM_PLAN_DECIDE,    /* for decision → decided */
	RT_PERM_PERIOD_REOPEN,  /* let reporters change outcomes after the deadline */
	RT_PERM_ADMIN,          /* users, roles, settings */
	RT_PERM_COUNT
};

const char *rt_role_name(enum rt_role r);    /* "decision_maker" */
const char *rt_role_label(enum rt_role r);   /* "Beslutsfattare" */
/* Accepts the English token or the Swedish label (any case). */
int rt_role_parse(const char *s, enum rt_role *out, rt_err *err);
const char *rt_perm_name(enum rt_perm p);    /* "plan_edit" */

/* Does `role` carry `perm` at all (ignoring where)? */
bool rt_role_has(enum rt_role role, enum rt_perm perm);

struct rt_role_grant {
	enum rt_role role;
	int64_t org_unit_id;    /* 0 = the whole database */
};

/* Who asks. An anonymous visitor has authenticated false and no grants. */
struct rt_principal {
	const char *name;
	bool authenticated;
	const struct rt_role_grant *grants;
	size_t n_grants;
};

struct rt_org_link {
	int64_t id;
	int64_t parent_id;      /* 0 = root */
};

/* Is `ancestor` the unit itself or above it in the tree? Cycles and
 * unknown units end the walk (false). */
bool rt_org_within(const struct rt_org_link *org, size_t n_org, int64_t unit, int64_t ancestor);

/* May p do `perm` on org unit `org_unit_id` (0: somewhere — any grant
 * with the permission will do, e.g. for lists that are filtered later)? */
bool rt_authz_allows(const struct rt_principal *p, enum rt_perm perm, int64_t org_unit_id,
                     const struct rt_org_link *org, size_t n_org);

/* The same as an rt_err: 0, or RT_EFORBIDDEN with a Swedish message naming
 * what was refused ("Du saknar behörighet att ändra planer för …"). */
int rt_authz_check(const struct rt_principal *p, enum rt_perm perm, int64_t org_unit_id,
                   const char *unit_name, const struct rt_org_link *org, size_t n_org,
                   rt_err *err);

/* May p read a plan owned by `owner` in `status` (enum rt_plan_status as
 * int)? Anyone may read a decided plan when its region publishes decided
 * plans; otherwise RT_PERM_READ on the owner is needed. */
bool rt_authz_plan_readable(const struct rt_principal *p, int64_t owner, int status,
                            bool region_publishes, const struct rt_org_link *org, size_t n_org);

/* May p write follow-up data (outcomes, assessments, activity states) of a
 * plan owned by `owner`? A reporter of the owner (or above) may while the
 * period is open; whoever may reopen the period there (planner, admin) may
 * always — the coordination office corrects late figures, and the write is
 * audited like any other. */
bool rt_authz_followup_allows(const struct rt_principal *p, int64_t owner, bool period_open,
                              const struct rt_org_link *org, size_t n_org);

#endif
