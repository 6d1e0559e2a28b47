/* The goal chain (målkedja, röd tråd; seed 000 §4): each goal may serve one
 * goal in a higher plan. This module walks the links up and down and checks
 * them (target in a higher plan, no cycles, target exists). It works on a
 * light list of all goals across plans, which the store provides. Pure. */
#ifndef RT_CORE_CHAIN_H
#define RT_CORE_CHAIN_H
#include <stddef.h>
#include <stdint.h>
#include "core/finding.h"
#include "core/plan.h"

struct rt_goal_ref {
	int64_t goal_id;
	int64_t plan_id;
	int64_t serves_goal_id;    /* 0 = none */
	int plan_level;            /* rt_plan_level() of its plan */
	const char *title;         /* goal title (borrowed) */
	const char *plan_title;    /* borrowed */
};

/* Up: fills *out (malloc'd, caller frees) with the goals from `goal_id` up to
 * the top, starting with goal_id itself. Stops at a cycle. Returns count, or
 * -1 if goal_id is unknown. */
long rt_chain_up(const struct rt_goal_ref *refs, size_t n, int64_t goal_id, int64_t **out);

/* Down: the goals that serve `goal_id`, directly or indirectly, in
 * depth-first order with their depth (1 = direct). Returns count or -1. */
struct rt_chain_node { int64_t goal_id; int depth; };
long rt_chain_down(const struct rt_goal_ref *refs, size_t n, int64_t goal_id,
                   struct rt_chain_node **out);

/* Adds findings for links of goals in plan `plan_id` (all plans if 0): link to
 * an unknown goal, to a plan that is not higher, to a goal in the same plan,
 * and cycles. */
void rt_chain_check(const struct rt_goal_ref *refs, size_t n, int64_t plan_id,
                    struct rt_findings *out);

#endif
