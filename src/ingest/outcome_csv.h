/* Import of outcomes (utfall) from a CSV file, minimal form: a header
 * `indikator;period;värde;kommentar` (or with ',' as delimiter; kommentar may
 * be left out), one outcome per row, fields in "double quotes" when they
 * hold the delimiter ("5,4 %" in a comma file). UTF-8 with or without BOM;
 * anything else is refused naming the line. All-or-nothing: every row goes
 * through the same rules as `rodtrad outcome set` in ONE transaction, and
 * the first bad row rolls everything back with its row number and reason.
 * (The import issue widens this: more columns, Excel files, dry runs.) */
#ifndef RT_INGEST_OUTCOME_CSV_H
#define RT_INGEST_OUTCOME_CSV_H
#include <stddef.h>
#include "store/store.h"
#include "util/err.h"

struct rt_outcome_csv_stats {
	size_t rows;       /* data rows read */
	size_t inserted;   /* new outcomes */
	size_t updated;    /* corrections (old versions kept in history) */
};

/* `source_name` names the file in messages; `by` is recorded as who entered
 * the values (NULL = nobody named); `actor` goes into the audit log. */
int rt_import_outcome_csv(rt_store *s, const char *actor, const char *by,
                          const char *source_name, const char *data, size_t len,
                          struct rt_outcome_csv_stats *st, rt_err *err);

#endif
