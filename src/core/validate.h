/* Validation of a plan against the rules of the seeds, as findings:
 *  - action plan title is "Övergripande handlingsplan för <ämne> <ÅR>" (seed 000 §2.4)
 *  - every goal of an action plan has at least one activity (§3.2)
 *  - at most 3 goals of an action plan are lifted into the director's plan (§3.2)
 *  - goal-chain links point to a higher plan, and there are no cycles (§4)
 * plus field checks (years, dates, targets that match the indicator kind).
 * Pure: no I/O. */
#ifndef RT_CORE_VALIDATE_H
#define RT_CORE_VALIDATE_H
#include "core/chain.h"
#include "core/finding.h"
#include "core/plan_doc.h"

/* refs/n_refs: all goals of the database for the chain rules (may be NULL/0
 * to skip them). Findings are appended to *out. */
void rt_validate_plan(const struct rt_plan_doc *doc, const struct rt_goal_ref *refs,
                      size_t n_refs, struct rt_findings *out);

/* The single rules, exposed for tests and for the edit forms. */
void rt_validate_action_plan_title(const struct rt_plan *p, struct rt_findings *out);

#endif
