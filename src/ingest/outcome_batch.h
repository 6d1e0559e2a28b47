/* The engine of the outcome import (outcome_csv.h reads the file into
 * rows; this checks and writes them). Three passes over the rows, in file
 * order, so the first bad row is always the one reported:
 *  1. references: indicator, period and org unit resolved once per distinct
 *     text (the same rules and messages as `rodtrad outcome set`), and a
 *     row that repeats an earlier row's indicator, period, gender and org
 *     unit refused;
 *  2. one bulk read of what the status rule needs about every indicator
 *     named (targets, baselines, stored outcomes, plan owners), then per row
 *     the value parsed against its indicator and the status computed in C —
 *     a correction found in memory, not by a query, and each written value
 *     kept in memory so a later row's "bibehålla/öka" compares with it;
 *  3. the store writes the batch (rt_store_import_*): every row staged, the
 *     corrected rows' old versions kept in the history, one audit row.
 * The passes run per piece of the file (rt_outcome_batch_rows): the bulk
 * read of 2 covers the indicators a piece names for the first time.
 * A dry run does 1 and 2 and writes nothing. */
#ifndef RT_INGEST_OUTCOME_BATCH_H
#define RT_INGEST_OUTCOME_BATCH_H
#include <stddef.h>
#include "ingest/outcome_csv.h"

/* One data row as read from the file (strings borrowed). */
struct rt_outcome_row {
	size_t line;
	const char *indicator;   /* id or key */
	const char *period;      /* key or id */
	const char *org;         /* NULL = the whole scope */
	enum rt_gender gender;
	const char *value;       /* NULL = none (a comment alone) */
	const char *comment;     /* NULL = keep a correction's comment */
};

/* The file is handed over in pieces, so that a file of a million rows is
 * never held whole in memory (nor a parsed copy of every row): open, then
 * rows for each piece (its strings may be freed once the call returns),
 * then close. One transaction from open to close (begun here; committed
 * by close, or rolled back on any error and on a dry run). */
struct rt_outcome_batch;

/* Begins the transaction. `name` names the file in messages, `sha256_hex`
 * identifies it in the audit log (read only by close: the caller may still
 * be computing it until then); `st` counts the rows as they go. */
int rt_outcome_batch_open(rt_store *s, const struct rt_outcome_import_opts *o, const char *name,
                          const char *sha256_hex, struct rt_outcome_csv_stats *st,
                          struct rt_outcome_batch **out, rt_err *err);

/* Checks and writes rows[0..n), in file order; the first bad row's error. */
int rt_outcome_batch_rows(struct rt_outcome_batch *b, const struct rt_outcome_row *rows,
                          size_t n, rt_err *err);

/* Ends the batch and frees it. `rc` is the caller's result so far: not 0
 * rolls everything back and is returned. `pending` (may be NULL) is an
 * error the reader found after the last row given: reported, nothing
 * written. Otherwise the batch is committed (rolled back on a dry run). */
int rt_outcome_batch_close(struct rt_outcome_batch *b, int rc, const rt_err *pending,
                           rt_err *err);

#endif
