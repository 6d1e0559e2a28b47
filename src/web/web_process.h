/* Pages of the planning process and the plan sections (issue 6): the
 * årshjul (timeline, circular SVG wheel, progress per board) and the §3.4
 * checklist form of a plan. Same contract as web.h: complete HTML pages,
 * every data text escaped, no inline script or style. */
#ifndef RT_WEB_WEB_PROCESS_H
#define RT_WEB_WEB_PROCESS_H
#include "web/web.h"

/* GET /arshjul[?ar=ÅR] — the planning process of that year (the latest
 * without it). RT_ENOTFOUND when there is none; RT_EINVAL for a bad year. */
int rt_web_process(rt_store *s, const char *year, rt_buf *out, rt_err *err);

/* GET /plan/{id}/checklista — the perspective checklists of seed 000 §3.4
 * as a form, prefilled, with what still blocks "för beslut". `saved` shows
 * "Svaren är sparade." */
int rt_web_checklist(rt_store *s, int64_t plan_id, bool saved, rt_buf *out, rt_err *err);
/* POST /plan/{id}/checklista — fields svar-{perspektiv}-{n} (yes, no,
 * not_applicable) and motivering-{perspektiv}, saved in one transaction as
 * `actor`. Bad input: nothing saved, RT_EINVAL, and `page` gets the form
 * with the message. */
int rt_web_checklist_save(rt_store *s, int64_t plan_id, const struct rt_web_param *fields,
                          size_t n_fields, const char *actor, rt_buf *page, rt_err *err);

#endif
