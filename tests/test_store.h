/* The fixture and small builders of the store tests (test_store.c: every
 * entity and enum token round trip; test_store_load.c: a loaded plan's order,
 * keys and goal refs, and the errors a caller acts on). Each test gets a
 * fresh database (a SQLite file or a PostgreSQL schema, rt_test_db). */
#ifndef RT_TEST_STORE_H
#define RT_TEST_STORE_H
#include "test_util.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"

struct fx {
	char *path;
	rt_store *s;
	rt_err err;
	rt_arena a;
};

static __attribute__((unused)) int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->path = rt_test_db("store.db");
	if (rt_store_open(&f->s, f->path, RT_STORE_OPEN_CREATE, &f->err) != 0)
		return -1;
	*state = f;
	return 0;
}

static __attribute__((unused)) int teardown(void **state)
{
	struct fx *f = *state;
	rt_store_close(f->s);
	rt_arena_release(&f->a);
	free(f->path);
	free(f);
	return 0;
}

/* Asserts that a call returns 0, showing the store's message if not. */
#define OK(f, call)                                                             \
	do {                                                                    \
		int rc_ = (call);                                               \
		if (rc_ != 0)                                                   \
			fail_msg("%s: %d %s", #call, rc_, (f)->err.msg);        \
	} while (0)

/* ---- small builders -------------------------------------------------------- */

static __attribute__((unused)) int64_t put_org(struct fx *f, int64_t parent, enum rt_org_kind kind, const char *key,
                       const char *name)
{
	struct rt_org_unit u = { 0, parent, kind, (char *)key, (char *)name, NULL };
	OK(f, rt_store_org_put(f->s, &u, &f->err));
	return u.id;
}

static __attribute__((unused)) int64_t put_plan(struct fx *f, enum rt_plan_kind kind, int64_t owner, const char *key,
                        const char *title)
{
	struct rt_plan p = { 0 };
	p.kind = kind;
	p.owner_org_id = owner;
	p.key = (char *)key;
	p.title = (char *)title;
	p.start_year = 2021;
	p.end_year = 2021;
	p.version = 1;
	OK(f, rt_store_plan_put(f->s, &p, &f->err));
	return p.id;
}

static __attribute__((unused)) int64_t put_goal(struct fx *f, int64_t plan, int64_t parent, int position,
                        const char *title)
{
	struct rt_goal g = { 0 };
	g.plan_id = plan;
	g.parent_id = parent;
	g.position = position;
	g.kind = parent ? RT_GOAL_GOAL : RT_GOAL_AREA;
	g.title = (char *)title;
	OK(f, rt_store_goal_put(f->s, &g, &f->err));
	return g.id;
}

static __attribute__((unused)) int64_t put_indicator(struct fx *f, int64_t goal, int position, const char *name)
{
	struct rt_indicator ind = { 0 };
	ind.goal_id = goal;
	ind.position = position;
	ind.name = (char *)name;
	ind.kind = RT_IND_QUANTITATIVE;
	ind.frequency = RT_FREQ_TERTIAL;
	OK(f, rt_store_indicator_put(f->s, &ind, &f->err));
	return ind.id;
}

static __attribute__((unused)) int64_t put_period(struct fx *f, const char *key, enum rt_period_kind kind, int number,
                          const char *start, const char *end)
{
	struct rt_period p = { 0, (char *)key, kind, 2021, number, (char *)start, (char *)end, NULL };
	OK(f, rt_store_period_put(f->s, &p, &f->err));
	return p.id;
}

#endif
