/* A full backup of a database as one JSON document ("rodtrad-dump/1",
 * docs/dump-json.md): every org unit, period and plan (in the plan-document
 * format of docs/plan-json.md, written by report/plan_json.c), and what a
 * plan document does not carry: outcomes with their computed and chosen
 * status, justification, who/when and history, activity states, indicator
 * tolerances and settings. Deterministic: the same database gives the same
 * bytes, and a database restored from a dump (ingest/load_json.h) dumps to
 * the same bytes again. Objects are referred to by key, never by id. */
#ifndef RT_REPORT_DUMP_JSON_H
#define RT_REPORT_DUMP_JSON_H
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

#define RT_DUMP_FORMAT "rodtrad-dump/1"

int rt_dump_json(rt_store *s, rt_buf *out, rt_err *err);

#endif
