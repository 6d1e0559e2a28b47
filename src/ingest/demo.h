/* The demo database: the seeds' real plans (the JSON files in data/demo, embedded in
 * the binary) loaded in file-name order in one transaction. */
#ifndef RT_INGEST_DEMO_H
#define RT_INGEST_DEMO_H
#include "ingest/plan_json.h"

int rt_demo_load(rt_store *s, struct rt_import_stats *stats, rt_err *err);

#endif
