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

/* May `who` change outcomes of a period that is (not) open? Open: yes.
 * Closed: only an administrator of the unit; everyone else gets RT_ESTATE
 * "Perioden 2021-T1 är stängd sedan 2021-05-15 …". */
int rt_workflow_outcome_check(const struct rt_principal *who, bool period_open,
                              const char *period_key, const char *deadline, int64_t org_unit_id,
                              const struct rt_org_link *org, size_t n_org, rt_err *err);

#endif
