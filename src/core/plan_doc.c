/* A plan document in memory: init/release and lookups by id. Everything
 * hangs off the arena, so release is one call. Pure: no I/O. */
#include "core/plan_doc.h"

#include <string.h>

void rt_plan_doc_init(struct rt_plan_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
}

void rt_plan_doc_release(struct rt_plan_doc *doc)
{
	rt_arena_release(&doc->arena);
	rt_plan_doc_init(doc);
}

const struct rt_goal *rt_doc_goal(const struct rt_plan_doc *doc, int64_t id)
{
	for (size_t i = 0; i < doc->n_goals; i++)
		if (doc->goals[i].id == id) return &doc->goals[i];
	return NULL;
}

const struct rt_indicator *rt_doc_indicator(const struct rt_plan_doc *doc, int64_t id)
{
	for (size_t i = 0; i < doc->n_indicators; i++)
		if (doc->indicators[i].id == id) return &doc->indicators[i];
	return NULL;
}

const struct rt_period *rt_doc_period(const struct rt_plan_doc *doc, int64_t id)
{
	for (size_t i = 0; i < doc->n_periods; i++)
		if (doc->periods[i].id == id) return &doc->periods[i];
	return NULL;
}
