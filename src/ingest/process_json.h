/* Reads a planning process ("format": "rodtrad-process/1", see
 * data/demo/5-*.json): the region and its boards (created when their keys
 * are new), the cycle with phases, events, deliveries and board feedback. */
#ifndef RT_INGEST_PROCESS_JSON_H
#define RT_INGEST_PROCESS_JSON_H
#include <stdbool.h>
#include <stddef.h>
#include "ingest/plan_json.h"

/* Is `text` a process document (and not a plan document)? */
bool rt_process_json_is(const char *text, size_t len);

/* Writes the document inside the caller's transaction; counts org units. */
int rt_process_import_json_in_tx(rt_store *s, const char *source_name, const char *text,
                                 size_t len, struct rt_import_stats *stats, rt_err *err);

#endif
