/* A whole plan in memory: the plan, its change log, goals, indicators,
 * targets, baselines, activities, budget lines and the follow-up records
 * (periods, outcomes, assessments, activity states) that belong to it. All arrays are flat,
 * ordered by parent then position, and linked by ids; everything lives in
 * `arena` and is freed by rt_plan_doc_release. This is what the store loads,
 * what validation reads and what exports render. Pure: no I/O. */
#ifndef RT_CORE_PLAN_DOC_H
#define RT_CORE_PLAN_DOC_H
#include <stddef.h>
#include "core/activity.h"
#include "core/budget.h"
#include "core/followup.h"
#include "core/goal.h"
#include "core/indicator.h"
#include "core/org.h"
#include "core/plan.h"
#include "util/arena.h"

#define RT_DOC_ARRAY(type, name) type *name; size_t n_##name, cap_##name

struct rt_plan_doc {
	rt_arena arena;
	struct rt_plan plan;
	struct rt_org_unit owner;               /* the owning org unit */
	RT_DOC_ARRAY(struct rt_plan_change, changes);
	RT_DOC_ARRAY(struct rt_goal, goals);
	RT_DOC_ARRAY(struct rt_indicator, indicators);
	RT_DOC_ARRAY(struct rt_target, targets);
	RT_DOC_ARRAY(struct rt_baseline, baselines);
	RT_DOC_ARRAY(struct rt_activity, activities);
	RT_DOC_ARRAY(struct rt_budget_line, budget);
	RT_DOC_ARRAY(struct rt_period, periods);        /* periods used by outcomes/assessments */
	RT_DOC_ARRAY(struct rt_outcome, outcomes);
	RT_DOC_ARRAY(struct rt_assessment, assessments);
	RT_DOC_ARRAY(struct rt_activity_status, activity_statuses); /* per activity, period */
};

void rt_plan_doc_init(struct rt_plan_doc *doc);
void rt_plan_doc_release(struct rt_plan_doc *doc);

/* Lookups by id; NULL when absent. Linear: documents are small. */
const struct rt_goal *rt_doc_goal(const struct rt_plan_doc *doc, int64_t id);
const struct rt_indicator *rt_doc_indicator(const struct rt_plan_doc *doc, int64_t id);
const struct rt_period *rt_doc_period(const struct rt_plan_doc *doc, int64_t id);

#endif
