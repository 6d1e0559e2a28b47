/* The demo loader: every plan document embedded from data/demo (sorted by
 * file name, so later files may refer to keys of earlier ones) imported in
 * one transaction with actor "demo". Any failure rolls back all of it, so a
 * demo database is either complete or not written at all. Never prints. */
#include <string.h>

#include "ingest/demo.h"
#include "ingest/process_json.h"
#include "util/embedded.h"

extern const struct rt_embedded_file rt_demo_files[];
extern const int rt_demo_files_count;

int rt_demo_load(rt_store *s, struct rt_import_stats *stats, rt_err *err)
{
	struct rt_import_stats st;
	memset(&st, 0, sizeof(st));
	int rc = rt_store_begin(s, "demo", err);
	if (rc)
		return rc;
	for (int i = 0; i < rt_demo_files_count && rt_demo_files[i].name; i++) {
		const struct rt_embedded_file *f = &rt_demo_files[i];
		/* The planning process (seed 002) has its own format. */
		if (rt_process_json_is(f->data, f->len))
			rc = rt_process_import_json_in_tx(s, f->name, f->data, f->len, &st, err);
		else
			rc = rt_import_json_in_tx(s, f->name, f->data, f->len, &st, err);
		if (rc) {
			rt_store_rollback(s);
			return rc;
		}
	}
	if ((rc = rt_store_commit(s, err)))
		return rc;
	if (stats)
		*stats = st;
	return 0;
}
