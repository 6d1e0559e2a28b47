/* Open data: the goals, indicators, targets and outcomes of the published
 * plans (status decided or archived) as CSV and JSON files with a
 * Frictionless Data Tabular Data Package description (datapackage.json),
 * documented in docs/opendata.md. Built in memory, deterministic (same
 * database, same bytes: ordered by plan key, then the plans' own order);
 * written by `rodtrad export opendata DIR` and served at
 * /api/v1/opendata/{file}. */
#ifndef RT_REPORT_OPENDATA_H
#define RT_REPORT_OPENDATA_H
#include <stddef.h>
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

#define RT_OPENDATA_MAX_FILES 16

struct rt_opendata_file {
	const char *name;          /* "goals.csv", "datapackage.json" */
	const char *media_type;    /* "text/csv; charset=utf-8", "application/json" */
	rt_buf data;
};

struct rt_opendata {
	struct rt_opendata_file files[RT_OPENDATA_MAX_FILES];
	size_t n;
};

int rt_opendata_build(rt_store *s, struct rt_opendata *od, rt_err *err);
/* The file called `name`, or NULL. */
const struct rt_opendata_file *rt_opendata_find(const struct rt_opendata *od, const char *name);
void rt_opendata_release(struct rt_opendata *od);

#endif
