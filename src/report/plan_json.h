/* Export of one plan as a plan document (docs/plan-json.md), including the
 * org units on the owner's path to the root and the periods its outcomes
 * use, so the output imports into an empty database. Deterministic: the same
 * data gives byte-identical output (keys and arrays in document order). */
#ifndef RT_REPORT_PLAN_JSON_H
#define RT_REPORT_PLAN_JSON_H
#include <stdint.h>
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

int rt_export_plan_json(rt_store *s, int64_t plan_id, rt_buf *out, rt_err *err);

#endif
