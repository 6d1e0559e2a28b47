/* Compiled board feedback; see feedback_doc.h. The boards are the ones
 * with a "feedback" delivery in the cycle (each has a deadline and a status
 * there), then any other board that wrote feedback. */
#include <stdio.h>
#include <string.h>

#include "report/feedback_doc.h"

/* Boards in order: feedback deliveries first, then others with text. */
static size_t boards(const struct rt_process_doc *doc, int64_t *ids, const char **names,
                     const struct rt_process_delivery **del, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < doc->n_deliveries && n < cap; i++) {
		const struct rt_process_delivery *d = &doc->deliveries[i];
		if (d->kind != RT_DELIVERY_FEEDBACK) continue;
		ids[n] = d->org_unit_id;
		names[n] = d->org_name;
		del[n++] = d;
	}
	for (size_t i = 0; i < doc->n_feedback && n < cap; i++) {
		size_t j = 0;
		while (j < n && ids[j] != doc->feedback[i].org_unit_id) j++;
		if (j < n) continue;
		ids[n] = doc->feedback[i].org_unit_id;
		names[n] = NULL;
		del[n++] = NULL;
	}
	return n;
}

int rt_feedback_render(const struct rt_process_doc *doc, enum rt_doc_format f, rt_buf *out,
                       rt_err *err)
{
	enum { MAX_BOARDS = 64 };
	int64_t ids[MAX_BOARDS];
	const char *names[MAX_BOARDS];
	const struct rt_process_delivery *del[MAX_BOARDS];
	size_t n = boards(doc, ids, names, del, MAX_BOARDS);
	char title[160];
	snprintf(title, sizeof(title), "Nämndernas återkoppling på planeringsförutsättningarna %d",
	         doc->cycle.year);
	struct rt_doc d;
	rt_doc_begin(&d, f, title);
	rt_doc_heading(&d, 1, title);
	rt_buf intro = RT_BUF_INIT;
	rt_buf_addf(&intro, "%s. Sammanställning till regionstyrelsen enligt mallen med sex rubriker "
	                    "samt risk- och känslighetsanalys.", doc->region_name);
	rt_doc_para(&d, NULL, intro.buf, NULL);
	rt_buf_release(&intro);
	static const char *const cols[] = { "Nämnd", "Sista dag", "Status", "Ifyllda rubriker" };
	rt_doc_table_begin(&d, "Översikt", cols, 4);
	for (size_t b = 0; b < n; b++) {
		char filled[32];
		snprintf(filled, sizeof(filled), "%d av %d",
		         rt_feedback_check(doc->feedback, doc->n_feedback, ids[b], NULL, NULL),
		         RT_FB_HEADING_COUNT);
		const char *row[] = { names[b] ? names[b] : "Nämnd", del[b] ? del[b]->due_on : "–",
		                      del[b] ? rt_delivery_status_label(del[b]->status) : "–", filled };
		rt_doc_row(&d, row, 4);
	}
	rt_doc_table_end(&d);
	for (size_t b = 0; b < n; b++) {
		rt_doc_heading(&d, 2, names[b] ? names[b] : "Nämnd");
		for (int h = 0; h < RT_FB_HEADING_COUNT; h++) {
			const char *body = rt_feedback_body(doc->feedback, doc->n_feedback, ids[b],
			                                    (enum rt_feedback_heading)h);
			char head[160];
			snprintf(head, sizeof(head), "%d. %s", h + 1,
			         rt_feedback_heading_label((enum rt_feedback_heading)h));
			rt_doc_heading(&d, 3, head);
			rt_doc_para(&d, NULL, body ? body : "Ingen text lämnad.", body ? NULL : "saknas");
		}
	}
	if (!n) rt_doc_para(&d, NULL, "Ingen nämnd har lämnat återkoppling.", NULL);
	return rt_doc_finish(&d, out, err);
}
