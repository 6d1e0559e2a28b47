/* Import of outcomes (utfall) from a CSV or XLSX file (docs/import-outcomes.md):
 * a header row naming the columns indikator, period, värde (required),
 * kön, enhet, kommentar (optional; English names too), one outcome per
 * row. CSV: ';', ',' or tab as delimiter (the header's), fields in
 * "double quotes" per RFC 4180, UTF-8 with or without BOM (anything else
 * is refused naming the line), decimal comma or point (the file's first
 * decimal number decides; the other one in the same file is an error).
 * XLSX (recognised by its zip signature): the first worksheet, read with
 * libzip + libxml2 (xlsx_read.h). All-or-nothing: every row goes through
 * the same rules as `rodtrad outcome set` in ONE transaction, a row that
 * repeats an earlier row's indicator, period, gender and org unit is an
 * error, and the first bad row rolls everything back with its row number
 * and reason. A dry run does all of it and rolls back, reporting what
 * would change. */
#ifndef RT_INGEST_OUTCOME_CSV_H
#define RT_INGEST_OUTCOME_CSV_H
#include <stdbool.h>
#include <stddef.h>
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

struct rt_outcome_csv_stats {
	size_t rows;       /* data rows read */
	size_t inserted;   /* new outcomes */
	size_t updated;    /* corrections (old versions kept in history) */
};

struct rt_outcome_import_opts {
	const char *actor;         /* audit log */
	const char *by;            /* who entered the values; NULL = nobody named */
	const char *source_name;   /* names the file in messages */
	bool dry_run;              /* roll back at the end; nothing is written */
	rt_buf *changes;           /* may be NULL: one line per row, "rad 3: ny …" */
	size_t max_changes;        /* lines in changes before "… och N till"; 0 = all */
	/* called every `progress_every` rows (0 = never) */
	void (*progress)(size_t rows, void *ctx);
	void *progress_ctx;
	size_t progress_every;
	size_t piece_rows;         /* rows checked and written at a time; 0 = 65 536 */
};

int rt_import_outcomes(rt_store *s, const struct rt_outcome_import_opts *o, const char *data,
                       size_t len, struct rt_outcome_csv_stats *st, rt_err *err);

/* The minimal form (rodtrad outcome import): rt_import_outcomes without
 * dry run, changes or progress. */
int rt_import_outcome_csv(rt_store *s, const char *actor, const char *by,
                          const char *source_name, const char *data, size_t len,
                          struct rt_outcome_csv_stats *st, rt_err *err);

#endif
