/* The plan workflow and the closing of follow-up periods (issue 5, seed
 * 000 §2.2–2.4): draft → for decision → decided → archived (for decision →
 * draft sends it back); a plan needs its diarienummer before it goes for
 * decision; a decided or archived plan is frozen — a change makes a new
 * version; outcomes of a period whose deadline has passed are closed to
 * reporters until a planner reopens it. Pure rules; the store and the
 * edges call them. */
#ifndef RT_CORE_WORKFLOW_H
#define RT_CORE_WORKFLOW_H
#include <stdbool.h>
#include "core/authz.h"
#include "core/plan.h"

/* May `p` move to `to`? RT_ESTATE with a Swedish message naming both
 * states, or RT_EINVAL (field "case_number") when the diarienummer is
 * missing for "för beslut" or "beslutad". */
int rt_workflow_status_check(const struct rt_plan *p, enum rt_plan_status to, rt_err *err);

/* Decided and archived plans are frozen. */
bool rt_workflow_frozen(enum rt_plan_status s);

/* The refusal for a change to a frozen plan (RT_ESTATE). */
int rt_workflow_frozen_error(const struct rt_plan *p, rt_err *err);

/* The permission a status move needs: "decided" and "archived" are the
 * decision maker's (seed 000 §2.2: the regional director decides); the
 * planner sends a draft for decision and takes it back. */
enum rt_perm rt_workflow_status_perm(enum rt_plan_status from, enum rt_plan_status to);

/* The whole decision when person `who` moves plan `p` (owned by org unit
 * p->owner_org_id, named `owner_name` for the message) to `to`: the
 * permission on the owner (RT_ESTATE "… saknar behörighet att besluta
 * planer för …"), then rt_workflow_status_check. */
int rt_workflow_move_check(const struct rt_principal *who, const struct rt_plan *p,
                           enum rt_plan_status to, const char *owner_name,
                           const struct rt_org_link *org, size_t n_org, rt_err *err);

/* May `who` change outcomes, assessments or activity states of a plan owned
 * by org unit `org_unit_id` in a period that is (not) open? Open: a
 * reporter (or a planner or admin) of the unit or above. Closed: only a
 * planner or admin of the unit (they may reopen it, and their write is
 * audited); a reporter gets RT_ESTATE "Perioden 2021-T1 är stängd sedan
 * 2021-05-15 …". Anyone else gets RT_ESTATE "… saknar behörighet att
 * rapportera utfall …". */
int rt_workflow_outcome_check(const struct rt_principal *who, bool period_open,
                              const char *period_key, const char *deadline, int64_t org_unit_id,
                              const struct rt_org_link *org, size_t n_org, rt_err *err);

#endif
