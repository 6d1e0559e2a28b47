/* Restore of a full backup ("rodtrad-dump/1", docs/dump-json.md, written by
 * report/dump_json.c) into an EMPTY database: anything else is refused, so a
 * restore never mixes two regions. All-or-nothing in one transaction; the
 * first error names the JSON path ("outcomes[12].period") and nothing is
 * written. The org units, periods and plans go through the plan-document
 * importer (plan_json.h); outcomes with their history, activity states,
 * tolerances and settings through the store. */
#ifndef RT_INGEST_LOAD_JSON_H
#define RT_INGEST_LOAD_JSON_H
#include <stddef.h>
#include <jansson.h>
#include "ingest/plan_json.h"
#include "store/store.h"
#include "util/err.h"

struct rt_load_stats {
	struct rt_import_stats plans;   /* what the plan part wrote */
	size_t outcomes, history, activity_states, tolerances, settings;
	size_t kolada;                  /* Kolada mappings and values */
	size_t process;                 /* planning cycles (with phases, events, …) */
	size_t sections;                /* checklist answers and ordlista terms */
	size_t economy;                 /* budget frames and economic follow-ups */
	size_t users;
};

/* load_json_more.c: process_cycles … users of the document (inside the
 * restore's transaction). */
struct rt_imp;
int rt_load_json_more(struct rt_imp *im, json_t *root, struct rt_load_stats *st);
/* The key in member `name` of o resolved in `table`; 0 when absent and not
 * required. */
int rt_load_ref(struct rt_imp *im, json_t *o, const char *name, const char *table, bool required,
                int64_t *id);

int rt_load_json(rt_store *s, const char *actor, const char *source_name, const char *text,
                 size_t len, struct rt_load_stats *st, rt_err *err);

#endif
