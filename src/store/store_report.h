/* The compiled follow-up report's documents for many plans at once
 * (sqlite_report_scope.c): for a report over most of a region, one query
 * per table for all plans instead of one per plan and table. */
#ifndef RT_STORE_STORE_REPORT_H
#define RT_STORE_STORE_REPORT_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* An earlier period's whole-scope outcome with a number: all the trend
 * and the "Bibehålla/öka" reference read of it. */
struct rt_report_point {
	int64_t indicator_id, period_id;
	double value;
};
struct rt_report_points {
	struct rt_report_point *items;
	size_t n;
};

/* The documents of one report: docs[i] is what
 * rt_store_plan_load_followup(s, plan_ids[i], period) gives, same rows in
 * the same order, except that its outcomes are only the period's own;
 * the earlier periods' rows with a number are points[i], in the same
 * order (a region's 100 000 – 220 000 of them as full outcome rows were
 * 14 – 30 MB). The rows live in `arena` and `blocks` (the documents' own
 * arenas stay empty; the period rows are shared). Release with
 * rt_report_docs_release only. */
struct rt_report_docs {
	rt_arena arena, arena2;     /* arena2: the second thread's strings */
	void **blocks;              /* malloc'd row arrays the documents point into */
	size_t n_blocks;
	struct rt_plan_doc *docs;
	struct rt_report_points *points;
	size_t n;
};

/* Reads every table once for all plans (rows of other plans are
 * dropped), so this pays when the plans hold most of the database's rows.
 * With s2 (another connection to the same database, NULL for none) a
 * second thread reads part of the outcomes meanwhile, outside any
 * transaction s is in: not for a caller that needs one snapshot. plan_ids
 * must differ; RT_ENOTFOUND for an unknown plan. On failure *out is
 * released. */
int rt_store_plans_load_followup(rt_store *s, rt_store *s2, const int64_t *plan_ids, size_t n,
                                 const struct rt_period *period, struct rt_report_docs *out,
                                 rt_err *err);
void rt_report_docs_release(struct rt_report_docs *d);

#endif
