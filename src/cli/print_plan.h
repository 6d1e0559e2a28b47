/* Terminal rendering of a plan document for `plan show` and `chain`: the
 * header, the change log, the goal tree with indicators, targets, baselines,
 * outcomes and assessments, activities and budget lines. Only formatting:
 * the data comes from the store, statuses are the ones recorded. */
#ifndef RT_CLI_PRINT_PLAN_H
#define RT_CLI_PRINT_PLAN_H
#include <stdio.h>
#include "core/chain.h"
#include "core/plan_doc.h"
#include "store/store.h"
#include "util/buf.h"

#define RT_PRINT_WIDTH 100

/* What the printer needs beyond the document: names of org units, other
 * plans (parent plan) and the goals the document's goals serve. */
struct rt_print_ctx {
	const struct rt_org_unit *orgs;
	size_t n_orgs;
	const struct rt_plan *plans;
	size_t n_plans;
	const struct rt_goal_ref *refs;
	size_t n_refs;
};

/* Loads orgs, plans and goal refs into `a`; prints the failure and returns
 * 1, or returns 0. */
int rt_print_ctx_load(rt_store *s, rt_arena *a, struct rt_print_ctx *c);

const struct rt_org_unit *rt_print_org(const struct rt_print_ctx *c, int64_t id);
/* The root (region) above unit `id`; NULL if unknown. */
const struct rt_org_unit *rt_print_region(const struct rt_print_ctx *c, int64_t id);

/* The whole of `plan show`. */
void rt_print_plan(FILE *f, const struct rt_plan_doc *doc, const struct rt_print_ctx *c);

/* "Mått 2016: Totalt 5,7 % · Kvinnor 6,5 % · Män ≤ 4,7 %", one line per year. */
void rt_print_targets_compact(FILE *f, int indent, const struct rt_plan_doc *doc,
                              const struct rt_indicator *ind, const struct rt_print_ctx *c);
/* "Aktivitet: …" with målgrupp, tid, ansvarig, kontaktperson below it. */
void rt_print_activity(FILE *f, int indent, const struct rt_activity *a);

/* "per april 2021" for 2021-T1, "per maj 2024" for 2024-H1, "helår 2024". */
void rt_print_period_label(rt_buf *b, const struct rt_period *p);
/* "● Uppfyllt", "◆ Delvis uppfyllt", "■ Ej uppfyllt", "Status saknas". */
void rt_print_status(rt_buf *b, enum rt_status s);

#endif
