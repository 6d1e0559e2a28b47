/* Goals inside a plan: goal areas (målområde, strategi, perspektiv), goals
 * (mål, strategiskt mål), development areas (utvecklingsområde) and
 * assignments (uppdrag), nested as in seeds 003 and 004. A goal may serve a
 * goal in a higher plan: that link is the goal chain (målkedja, seed 000 §4). */
#ifndef RT_CORE_GOAL_H
#define RT_CORE_GOAL_H
#include <stdbool.h>
#include <stdint.h>
#include "util/err.h"

enum rt_goal_kind {
	RT_GOAL_AREA,          /* målområde / strategi / perspektiv */
	RT_GOAL_GOAL,          /* mål */
	RT_GOAL_DEVELOPMENT,   /* utvecklingsområde */
	RT_GOAL_ASSIGNMENT,    /* uppdrag */
	RT_GOAL_KIND_COUNT
};

struct rt_goal {
	int64_t id;
	int64_t plan_id;
	int64_t parent_id;     /* enclosing goal area or goal in the same plan, 0 = top */
	int position;          /* order among siblings, from 0 */
	enum rt_goal_kind kind;
	char *key;             /* stable text key, may be NULL */
	char *code;            /* numbering as printed, e.g. "2.1.1"; may be NULL */
	char *title;
	char *description;     /* brödtext; may be NULL */
	int64_t serves_goal_id;/* målkedja: the goal served in a higher plan, 0 = none */
	bool lifted;           /* action plan: "lyfts till" the director's plan (max 3) */
};

const char *rt_goal_kind_name(enum rt_goal_kind k);   /* "goal_area" */
const char *rt_goal_kind_label(enum rt_goal_kind k);  /* "Målområde" */
int rt_goal_kind_parse(const char *s, enum rt_goal_kind *out, rt_err *err);

#endif
