/* An övergripande handlingsplan as a document with the numbering of seed
 * 000 §3: the ändringsförteckning table first, then 1 Inledning, 2 Mål,
 * 3 Aktiviteter (3.1 verksamheterna, 3.2 ledningsstaberna — "så att chefer
 * … på ett enkelt sätt ska hitta mål och aktiviteter som rör dem"),
 * 4 Särskilda perspektiv (the §3.4 checklists with their answers and
 * motivations) and 5 Definitioner (ordlista). HTML or DOCX. */
#ifndef RT_REPORT_PLAN_DOCUMENT_H
#define RT_REPORT_PLAN_DOCUMENT_H
#include "report/doc_sink.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

int rt_plan_document_render(rt_store *s, int64_t plan_id, enum rt_doc_format f, rt_buf *out,
                            rt_err *err);

#endif
