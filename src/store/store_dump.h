/* The bulk of a restore (rodtrad load, ingest/load_json.c): the outcomes
 * and activity states, a region's hundreds of thousands of rows, written
 * many rows per statement instead of one put each (on PostgreSQL a put was
 * up to eight round trips). Each row is audited as its put would audit it
 * (one "insert" row with the same after image) and gets its id at once, in
 * the order the rows come (the tables must be written by nothing else
 * during the restore: the caller's transaction holds the write lock).
 *
 * A row that the database refuses is found again by writing the failed
 * chunk's rows one by one through the ordinary put, so the message is the
 * put's; *failed_tag is then the caller's tag of that row (-1 when the
 * write fails for another reason). The caller rolls back after a failure.
 * Implemented in sqlite_dump.c. */
#ifndef RT_STORE_STORE_DUMP_H
#define RT_STORE_STORE_DUMP_H
#include <stdint.h>
#include "store/store.h"
#include "util/err.h"

struct rt_restore;

struct rt_restore *rt_store_restore_begin(rt_store *s);
/* Stage a row (its strings must live until the flush); sets its id. May
 * write a full chunk, so it can fail for an earlier row. */
int rt_store_restore_outcome(struct rt_restore *r, struct rt_outcome *o, int64_t tag,
                             int64_t *failed_tag, rt_err *err);
int rt_store_restore_activity_status(struct rt_restore *r, struct rt_activity_status *a,
                                     int64_t tag, int64_t *failed_tag, rt_err *err);
/* Writes what is staged (before anything refers to the staged rows, and at
 * the end). */
int rt_store_restore_flush(struct rt_restore *r, int64_t *failed_tag, rt_err *err);
/* Frees; what is still staged is dropped. NULL is fine. */
void rt_store_restore_end(struct rt_restore *r);

#endif
