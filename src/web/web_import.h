/* The upload page for outcome import (issue 7 §1): the same all-or-nothing
 * import as `rodtrad import outcomes` (ingest/outcome_csv.h) for a CSV or
 * XLSX file sent from a form. Same contract as web.h: complete HTML pages,
 * every text escaped, no inline script or style. */
#ifndef RT_WEB_WEB_IMPORT_H
#define RT_WEB_WEB_IMPORT_H
#include <stdbool.h>
#include "web/web.h"

/* GET /import — the form: a file input, "Förhandsgranska (dry run)" and
 * "Importera" (multipart/form-data, fields fil and atgard=provkor|importera). */
int rt_web_import_form(rt_buf *out, rt_err *err);

/* POST /import — imports `data` (the file `filename`) as `actor`: a dry run
 * (nothing written, the rows that would change listed) or a commit. The
 * page shows the counts. A bad file: RT_EINVAL, nothing written, and `out`
 * gets the form with the reason (the row number and what is wrong). */
int rt_web_import(rt_store *s, const char *filename, const char *data, size_t len, bool dry_run,
                  const char *actor, rt_buf *out, rt_err *err);

#endif
