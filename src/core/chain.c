/* The goal chain (målkedja, seed 000 §4): walking the "serves" links up and
 * down across plans, and checking them. Each goal has at most one outgoing
 * link, so the links form a functional graph: walks up are paths, and a
 * cycle is found by following links until a goal repeats. Lookups go
 * through sorted indexes because the store hands over every goal of the
 * database. Pure: no I/O. */
#include "core/chain.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* ---- index by goal id and by served goal id -------------------------- */

struct slot { int64_t key; size_t idx; };

static int slot_cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	if (x->key != y->key) return x->key < y->key ? -1 : 1;
	/* ties keep input order, so children come out in document order */
	return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

static struct slot *index_by(const struct rt_goal_ref *refs, size_t n, bool by_serves)
{
	struct slot *s = rt_xmalloc((n ? n : 1) * sizeof(*s));
	for (size_t i = 0; i < n; i++) {
		s[i].key = by_serves ? refs[i].serves_goal_id : refs[i].goal_id;
		s[i].idx = i;
	}
	qsort(s, n, sizeof(*s), slot_cmp);
	return s;
}

/* First slot with key >= id. */
static size_t lower_bound(const struct slot *s, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s[mid].key < id) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

static long lookup(const struct slot *by_id, size_t n, int64_t id)
{
	size_t i = lower_bound(by_id, n, id);
	return i < n && by_id[i].key == id ? (long)by_id[i].idx : -1;
}

/* ---- walking ----------------------------------------------------------- */

long rt_chain_up(const struct rt_goal_ref *refs, size_t n, int64_t goal_id, int64_t **out)
{
	*out = NULL;
	long cur = -1;
	for (size_t i = 0; i < n; i++)
		if (refs[i].goal_id == goal_id) { cur = (long)i; break; }
	if (cur < 0) return -1;
	int64_t *ids = NULL;
	size_t count = 0, cap = 0;
	for (;;) {
		RT_ALLOC_GROW(ids, count + 1, cap);
		ids[count++] = refs[cur].goal_id;
		int64_t next_id = refs[cur].serves_goal_id;
		if (next_id == 0) break;
		bool seen = false;
		for (size_t k = 0; k < count; k++)
			if (ids[k] == next_id) seen = true;
		if (seen) break;                 /* a cycle: stop before repeating */
		long next = -1;
		for (size_t i = 0; i < n; i++)
			if (refs[i].goal_id == next_id) { next = (long)i; break; }
		if (next < 0) break;             /* link to an unknown goal */
		cur = next;
	}
	*out = ids;
	return (long)count;
}

long rt_chain_down(const struct rt_goal_ref *refs, size_t n, int64_t goal_id,
                   struct rt_chain_node **out)
{
	*out = NULL;
	long start = -1;
	for (size_t i = 0; i < n; i++)
		if (refs[i].goal_id == goal_id) { start = (long)i; break; }
	if (start < 0) return -1;

	struct slot *kids = index_by(refs, n, true);
	bool *seen = rt_xcalloc(n, sizeof(*seen));
	struct { size_t idx; int depth; } *stack = NULL;
	size_t sn = 0, scap = 0;
	struct rt_chain_node *res = NULL;
	size_t rn = 0, rcap = 0;

	seen[start] = true;
	RT_ALLOC_GROW(stack, sn + 1, scap);
	stack[sn].idx = (size_t)start;
	stack[sn++].depth = 0;
	while (sn) {
		size_t cur = stack[--sn].idx;
		int depth = stack[sn].depth;
		if (depth > 0) {
			RT_ALLOC_GROW(res, rn + 1, rcap);
			res[rn].goal_id = refs[cur].goal_id;
			res[rn++].depth = depth;
		}
		/* Push children in reverse so the first one is visited first. */
		size_t lo = lower_bound(kids, n, refs[cur].goal_id), hi = lo;
		while (hi < n && kids[hi].key == refs[cur].goal_id) hi++;
		for (size_t k = hi; k > lo; k--) {
			size_t child = kids[k - 1].idx;
			if (seen[child]) continue;
			seen[child] = true;
			RT_ALLOC_GROW(stack, sn + 1, scap);
			stack[sn].idx = child;
			stack[sn++].depth = depth + 1;
		}
	}
	free(stack);
	free(seen);
	free(kids);
	*out = res;
	return (long)rn;
}

/* ---- checking ---------------------------------------------------------- */

/* Appends s cut to at most max bytes on a UTF-8 boundary, with "…" if cut. */
static void add_cut(rt_buf *b, const char *s, size_t max)
{
	size_t len = strlen(s);
	if (len <= max) {
		rt_buf_addstr(b, s);
		return;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
	rt_buf_add(b, s, max);
	rt_buf_addstr(b, "…");
}

static void add_goal_name(rt_buf *b, const struct rt_goal_ref *r)
{
	if (r->title && *r->title) add_cut(b, r->title, 80);
	else rt_buf_addf(b, "mål %lld", (long long)r->goal_id);
}

static void add_plan_name(rt_buf *b, const struct rt_goal_ref *r)
{
	if (r->plan_title && *r->plan_title) add_cut(b, r->plan_title, 100);
	else rt_buf_addf(b, "plan %lld", (long long)r->plan_id);
}

static bool in_scope(const struct rt_goal_ref *r, int64_t plan_id)
{
	return plan_id == 0 || r->plan_id == plan_id;
}

static void check_link(const struct rt_goal_ref *refs, const struct slot *by_id, size_t n,
                       size_t i, struct rt_findings *out)
{
	const struct rt_goal_ref *r = &refs[i];
	long t = lookup(by_id, n, r->serves_goal_id);
	rt_buf m = RT_BUF_INIT;
	if (t < 0) {
		rt_findings_add(out, RT_SEV_ERROR, "chain_unknown_goal", "goal", r->goal_id,
		                "Målet kopplas till ett mål som inte finns (id %lld)",
		                (long long)r->serves_goal_id);
	} else if (refs[t].plan_id == r->plan_id) {
		rt_buf_addstr(&m, "Målet kopplas till ett mål i samma plan (");
		add_plan_name(&m, r);
		rt_buf_addstr(&m, "); målkedjan ska peka till ett mål i en överordnad plan");
		rt_findings_add(out, RT_SEV_ERROR, "chain_same_plan", "goal", r->goal_id, "%s", m.buf);
	} else if (refs[t].plan_level >= r->plan_level) {
		rt_buf_addstr(&m, "Målkedjan måste peka uppåt: målet i ");
		add_plan_name(&m, r);
		rt_buf_addf(&m, " (nivå %d) kopplas till ", r->plan_level);
		add_plan_name(&m, &refs[t]);
		rt_buf_addf(&m, " (nivå %d)", refs[t].plan_level);
		rt_findings_add(out, RT_SEV_ERROR, "chain_not_upward", "goal", r->goal_id, "%s", m.buf);
	}
	rt_buf_release(&m);
}

/* Finds every cycle once. cycle_of[i] is the number (1-based) of the cycle
 * goal i lies on, 0 when none; anchor[c] is the member of cycle c that the
 * finding is reported on: the first in input order that is in scope. */
static size_t find_cycles(const struct rt_goal_ref *refs, const struct slot *by_id, size_t n,
                          int64_t plan_id, size_t *cycle_of, long *anchor)
{
	long *stamp = rt_xcalloc(n, sizeof(*stamp));   /* 0 new, >0 walk, -1 done */
	size_t n_cycles = 0;
	for (size_t i = 0; i < n; i++) {
		if (stamp[i]) continue;
		long walk = (long)i + 1;
		long cur = (long)i;
		while (cur >= 0 && stamp[cur] == 0) {
			stamp[cur] = walk;
			cur = refs[cur].serves_goal_id ? lookup(by_id, n, refs[cur].serves_goal_id) : -1;
		}
		if (cur >= 0 && stamp[cur] == walk) {
			size_t c = ++n_cycles;
			anchor[c] = -1;
			long k = cur;
			do {
				cycle_of[k] = c;
				if (in_scope(&refs[k], plan_id) && (anchor[c] < 0 || k < anchor[c]))
					anchor[c] = k;
				k = lookup(by_id, n, refs[k].serves_goal_id);
			} while (k != cur);
		}
		for (long k = (long)i; k >= 0 && stamp[k] == walk;
		     k = refs[k].serves_goal_id ? lookup(by_id, n, refs[k].serves_goal_id) : -1)
			stamp[k] = -1;
	}
	free(stamp);
	return n_cycles;
}

static void report_cycle(const struct rt_goal_ref *refs, const struct slot *by_id, size_t n,
                         size_t start, struct rt_findings *out)
{
	rt_buf m = RT_BUF_INIT;
	rt_buf_addstr(&m, "Målkedjan bildar en cirkel: ");
	long k = (long)start;
	do {
		add_goal_name(&m, &refs[k]);
		rt_buf_addstr(&m, " → ");
		k = lookup(by_id, n, refs[k].serves_goal_id);
	} while (k != (long)start && m.len < 400);
	add_goal_name(&m, &refs[start]);
	rt_findings_add(out, RT_SEV_ERROR, "chain_cycle", "goal", refs[start].goal_id, "%s", m.buf);
	rt_buf_release(&m);
}

void rt_chain_check(const struct rt_goal_ref *refs, size_t n, int64_t plan_id,
                    struct rt_findings *out)
{
	if (!refs || !n) return;
	struct slot *by_id = index_by(refs, n, false);
	size_t *cycle_of = rt_xcalloc(n, sizeof(*cycle_of));
	long *anchor = rt_xcalloc(n + 1, sizeof(*anchor));
	find_cycles(refs, by_id, n, plan_id, cycle_of, anchor);
	/* Findings in input order (document order); a cycle at its anchor. */
	for (size_t i = 0; i < n; i++) {
		if (in_scope(&refs[i], plan_id) && refs[i].serves_goal_id)
			check_link(refs, by_id, n, i, out);
		if (cycle_of[i] && anchor[cycle_of[i]] == (long)i)
			report_cycle(refs, by_id, n, i, out);
	}
	free(anchor);
	free(cycle_of);
	free(by_id);
}
