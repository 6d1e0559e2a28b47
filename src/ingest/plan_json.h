/* Import of plan documents (docs/plan-json.md, "rodtrad-plans/1") into a
 * store. All-or-nothing: the whole document is written in one transaction,
 * or nothing is, and the error names the JSON path at fault
 * ("plans[2].goals[0].indicators[1].targets[0].text"). Keys that are missing
 * are generated deterministically from the parent's key. */
#ifndef RT_INGEST_PLAN_JSON_H
#define RT_INGEST_PLAN_JSON_H
#include <stddef.h>
#include "store/store.h"
#include "util/err.h"

struct rt_import_stats {
	size_t org_units, periods, plans, goals, indicators, targets, baselines,
	       activities, outcomes, assessments, budget_lines, changes;
};

/* Parses and writes one document. `source_name` names it in messages.
 * `actor` is recorded in the audit log. Opens its own transaction. */
int rt_import_json_text(rt_store *s, const char *actor, const char *source_name,
                        const char *text, size_t len, struct rt_import_stats *stats,
                        rt_err *err);
int rt_import_json_file(rt_store *s, const char *actor, const char *path,
                        struct rt_import_stats *stats, rt_err *err);

/* Same, inside a transaction the caller already opened (for loading several
 * documents at once, as the demo does). */
int rt_import_json_in_tx(rt_store *s, const char *source_name, const char *text,
                         size_t len, struct rt_import_stats *stats, rt_err *err);

#endif
