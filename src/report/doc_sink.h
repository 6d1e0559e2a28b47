/* A small document writer for the reports of issue 6 (compiled board
 * feedback, the plan document): headings, paragraphs and tables, written
 * once and rendered as a complete HTML page, as a DOCX package (Office
 * Open XML, zipped with libzip) or as an A4 PDF (doc_sink_pdf.c, with
 * report/pdf_text.h), so all formats always say the same. */
#ifndef RT_REPORT_DOC_SINK_H
#define RT_REPORT_DOC_SINK_H
#include <stdbool.h>
#include "util/buf.h"
#include "util/err.h"

enum rt_doc_format { RT_DOC_HTML, RT_DOC_DOCX, RT_DOC_PDF };

struct rt_doc_item;

struct rt_doc {
	enum rt_doc_format format;
	rt_buf body;
	char *title;
	struct rt_doc_item *items;         /* PDF: the parts, laid out at finish */
	size_t n_items, cap_items, table;  /* table: the open table's item */
};

/* Parses "html", "docx" or "pdf" (NULL: html). */
int rt_doc_format_parse(const char *s, enum rt_doc_format *out, rt_err *err);

void rt_doc_begin(struct rt_doc *d, enum rt_doc_format f, const char *title);
/* level 1–3; the title is not added by begin: write it as a level-1 heading. */
void rt_doc_heading(struct rt_doc *d, int level, const char *text);
/* A paragraph; `label` (may be NULL) is set in bold before the text; `cls`
 * (may be NULL) is an HTML class ("saknas" for a missing text). */
void rt_doc_para(struct rt_doc *d, const char *label, const char *text, const char *cls);
void rt_doc_table_begin(struct rt_doc *d, const char *caption, const char *const *cols, int n);
void rt_doc_row(struct rt_doc *d, const char *const *cells, int n);
void rt_doc_table_end(struct rt_doc *d);
/* The finished document into out (HTML text, DOCX or PDF bytes); releases d. */
int rt_doc_finish(struct rt_doc *d, rt_buf *out, rt_err *err);

#endif
