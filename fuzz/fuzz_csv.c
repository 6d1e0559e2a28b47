/* The outcome import (src/ingest/outcome_csv.c) as `rodtrad outcome import
 * --dry-run` and the /import page run it: encoding check, delimiter
 * guess, RFC 4180 records, header mapping, decimal separator, the value
 * parser and status rule of every row against the demo database, then a
 * rollback. An input that starts like a zip file goes to the XLSX reader. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "ingest/outcome_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The demo database is loaded here, before the first input, so its few
 * seconds never count against libFuzzer's per-input -timeout. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_demo_store();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rt_store *s = fuzz_demo_store();
	rt_buf changes = RT_BUF_INIT;
	struct rt_outcome_import_opts o;
	memset(&o, 0, sizeof(o));
	o.actor = "fuzz";
	o.by = "fuzz";
	o.source_name = "utfall.csv";
	o.dry_run = true;
	o.changes = &changes;
	o.max_changes = 20;
	struct rt_outcome_csv_stats st;
	rt_err err = RT_ERR_INIT;
	int rc = rt_import_outcomes(s, &o, (const char *)data, size, &st, &err);
	/* a refusal always says why; a dry run that passed counted its rows */
	assert(rc == 0 ? st.rows > 0 && st.inserted + st.updated == st.rows : err.msg[0] != '\0');
	rt_buf_release(&changes);
	return 0;
}
