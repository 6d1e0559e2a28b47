/* The PDF half of doc_sink (doc_sink_pdf.c): the document's parts are kept
 * as items while they are written and laid out with report/pdf_text.h at
 * the end, because the layout runs twice (page count for "Sida N av M") and
 * a table's column widths depend on all its rows. Internal to doc_sink*.c. */
#ifndef RT_REPORT_DOC_SINK_PDF_H
#define RT_REPORT_DOC_SINK_PDF_H
#include "report/doc_sink.h"

void rt_doc_pdf_heading(struct rt_doc *d, int level, const char *text);
void rt_doc_pdf_para(struct rt_doc *d, const char *label, const char *text, const char *cls);
void rt_doc_pdf_table_begin(struct rt_doc *d, const char *caption, const char *const *cols, int n);
void rt_doc_pdf_row(struct rt_doc *d, const char *const *cells, int n);
void rt_doc_pdf_table_end(struct rt_doc *d);
/* Renders into out and frees the items. */
int rt_doc_pdf_finish(struct rt_doc *d, rt_buf *out, rt_err *err);

#endif
