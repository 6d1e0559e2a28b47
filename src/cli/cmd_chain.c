/* rodtrad chain: the goal chain (målkedja, seed 000 §4) through one goal:
 * from the top of the chain down to the goal (rt_chain_up), then every goal
 * that serves it (rt_chain_down), with targets and activities. The walking
 * is core's; this file only prints. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/print_plan.h"
#include "util/alloc.h"

static const char *const usage[] = {
	"rodtrad chain MÅL [--db SÖKVÄG]",
	"",
	"Visar målkedjan (den röda tråden) för ett mål: från det översta målet",
	"(t.ex. regionplanens strategiska mål) ned till målet, och sedan alla mål i",
	"lägre planer som bidrar till det, ända ned till handlingsplanernas",
	"aktiviteter. Varje rad visar plantyp, planens titel och målet, med mått",
	"(målvärden per år, även för kvinnor och män) och aktiviteter.",
	"",
	"MÅL är målets id (ett heltal, se 'rodtrad plan show') eller dess nyckel.",
	NULL,
};

/* Plan documents loaded once each, for targets and activities. */
struct doc_cache {
	struct rt_plan_doc *docs;
	size_t n, cap;
};

static const struct rt_plan_doc *cached_doc(rt_store *s, struct doc_cache *dc, int64_t plan_id)
{
	for (size_t i = 0; i < dc->n; i++)
		if (dc->docs[i].plan.id == plan_id)
			return &dc->docs[i];
	RT_ALLOC_GROW(dc->docs, dc->n + 1, dc->cap);
	struct rt_plan_doc *d = &dc->docs[dc->n];
	rt_plan_doc_init(d);
	rt_err err = RT_ERR_INIT;
	if (rt_store_plan_load(s, plan_id, d, &err) != 0) {
		rt_plan_doc_release(d);
		return NULL; /* the line is still printed, without details */
	}
	dc->n++;
	return d;
}

static const struct rt_goal_ref *ref_of(const struct rt_print_ctx *c, int64_t goal_id)
{
	for (size_t i = 0; i < c->n_refs; i++)
		if (c->refs[i].goal_id == goal_id)
			return &c->refs[i];
	return NULL;
}

static const struct rt_plan *plan_of(const struct rt_print_ctx *c, int64_t plan_id)
{
	for (size_t i = 0; i < c->n_plans; i++)
		if (c->plans[i].id == plan_id)
			return &c->plans[i];
	return NULL;
}

static void print_link(rt_store *s, struct doc_cache *dc, const struct rt_print_ctx *c,
                       int64_t goal_id, int depth, bool selected)
{
	int indent = 2 * depth;
	const struct rt_goal_ref *r = ref_of(c, goal_id);
	if (!r)
		return;
	const struct rt_plan *p = plan_of(c, r->plan_id);
	const struct rt_plan_doc *doc = cached_doc(s, dc, r->plan_id);
	const struct rt_goal *g = doc ? rt_doc_goal(doc, goal_id) : NULL;

	rt_buf line = RT_BUF_INIT;
	rt_buf_addf(&line, "%s · %s · %s %lld: %s%s", p ? rt_plan_kind_label(p->kind) : "Plan",
	            r->plan_title, g ? rt_goal_kind_label(g->kind) : "Mål", (long long)goal_id,
	            r->title, selected ? " (valt mål)" : "");
	/* one line per link, never wrapped, so the chain stays greppable */
	printf("%*s%s%s\n", indent, "", selected ? "▶ " : "• ", line.buf);
	rt_buf_release(&line);
	if (!g)
		return;
	for (size_t i = 0; i < doc->n_indicators; i++) {
		const struct rt_indicator *ind = &doc->indicators[i];
		if (ind->goal_id != goal_id)
			continue;
		rt_cli_wrap(stdout, indent + 2, "Mätetal: ", ind->name, RT_PRINT_WIDTH);
		rt_print_targets_compact(stdout, indent + 4, doc, ind, c);
	}
	for (size_t i = 0; i < doc->n_activities; i++)
		if (doc->activities[i].goal_id == goal_id)
			rt_print_activity(stdout, indent + 2, &doc->activities[i]);
}

int cmd_chain(int argc, char **argv)
{
	const char *db = NULL;
	const struct rt_cli_opt opts[] = { RT_CLI_OPT_DB(&db), RT_CLI_OPT_END };
	const struct rt_cli_spec spec = { "chain", usage, opts, 1, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	rt_store *s;
	int64_t goal_id;
	if ((rc = rt_cli_open_resolved(db, args.pos[0], rt_cli_goal_id, &s, &goal_id)) != 0)
		return rc;
	rt_arena a = RT_ARENA_INIT;
	struct rt_print_ctx ctx;
	struct doc_cache dc = { 0 };
	int64_t *up = NULL;
	struct rt_chain_node *down = NULL;
	if ((rc = rt_print_ctx_load(s, &a, &ctx)) != 0)
		goto out;
	long n_up = rt_chain_up(ctx.refs, ctx.n_refs, goal_id, &up);
	long n_down = rt_chain_down(ctx.refs, ctx.n_refs, goal_id, &down);
	if (n_up < 0 || n_down < 0) {
		rc = rt_cli_failf("målet %lld finns inte i målkedjan", (long long)goal_id);
		goto out;
	}
	const struct rt_goal_ref *self = ref_of(&ctx, goal_id);
	printf("Målkedja för mål %lld: %s\n\n", (long long)goal_id, self ? self->title : "");
	/* up[0] is the goal itself, up[n_up-1] the top of the chain */
	for (long i = n_up - 1; i >= 0; i--)
		print_link(s, &dc, &ctx, up[i], (int)(n_up - 1 - i), i == 0);
	for (long i = 0; i < n_down; i++)
		print_link(s, &dc, &ctx, down[i].goal_id, (int)(n_up - 1) + down[i].depth, false);
	if (n_up == 1 && n_down == 0)
		printf("\nMålet bidrar inte till något mål i en högre plan, och inget mål bidrar till det.\n");
out:
	free(up);
	free(down);
	for (size_t i = 0; i < dc.n; i++)
		rt_plan_doc_release(&dc.docs[i]);
	free(dc.docs);
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}
