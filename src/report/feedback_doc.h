/* The boards' feedback on the planning premises compiled into one document
 * for the regional board (seed 002: "Nämnderna återkopplar till
 * regionstyrelsen synpunkter på PF i april — Mall med sex rubriker"), plus
 * the risk and sensitivity analysis. An overview table (board, deadline,
 * status, headings filled) first, then each board under the template's
 * headings in the template's order; an empty heading says so. HTML or DOCX
 * (report/doc_sink.h). */
#ifndef RT_REPORT_FEEDBACK_DOC_H
#define RT_REPORT_FEEDBACK_DOC_H
#include "report/doc_sink.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

int rt_feedback_render(const struct rt_process_doc *doc, enum rt_doc_format f, rt_buf *out,
                       rt_err *err);

#endif
