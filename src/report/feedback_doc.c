/* Compiled board feedback as HTML; see feedback_doc.h. The boards are the
 * ones with a "feedback" delivery in the cycle (each has a deadline and a
 * status there), then any other board that wrote feedback. */
#include <string.h>

#include "report/feedback_doc.h"

static void head(rt_buf *o, const char *title)
{
	rt_buf_addstr(o, "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
	                 "<title>");
	rt_buf_add_html(o, title);
	rt_buf_addstr(o, "</title>\n<style>body{font-family:'DejaVu Sans',Arial,sans-serif;"
	                 "max-width:50rem;margin:2rem auto;color:#1b1b1b;line-height:1.5}"
	                 "table{border-collapse:collapse}th,td{border:1px solid #767676;"
	                 "padding:.3rem .6rem;text-align:left}.saknas{color:#8a1c1c}</style>\n"
	                 "</head>\n<body>\n<main>\n");
}

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

int rt_feedback_html(const struct rt_process_doc *doc, rt_buf *out, rt_err *err)
{
	(void)err;
	enum { MAX_BOARDS = 64 };
	int64_t ids[MAX_BOARDS];
	const char *names[MAX_BOARDS];
	const struct rt_process_delivery *del[MAX_BOARDS];
	size_t n = boards(doc, ids, names, del, MAX_BOARDS);
	rt_buf title = RT_BUF_INIT;
	rt_buf_addf(&title, "Nämndernas återkoppling på planeringsförutsättningarna %d",
	            doc->cycle.year);
	head(out, title.buf);
	rt_buf_addstr(out, "<h1>");
	rt_buf_add_html(out, title.buf);
	rt_buf_addstr(out, "</h1>\n<p>");
	rt_buf_add_html(out, doc->region_name);
	rt_buf_addstr(out, ". Sammanställning till regionstyrelsen enligt mallen med sex rubriker "
	                   "samt risk- och känslighetsanalys.</p>\n");
	rt_buf_addstr(out, "<table>\n<caption>Översikt</caption>\n<thead><tr><th scope=\"col\">Nämnd"
	                   "</th><th scope=\"col\">Sista dag</th><th scope=\"col\">Status</th>"
	                   "<th scope=\"col\">Ifyllda rubriker</th></tr></thead>\n<tbody>\n");
	for (size_t b = 0; b < n; b++) {
		int filled = rt_feedback_check(doc->feedback, doc->n_feedback, ids[b], NULL, NULL);
		rt_buf_addstr(out, "<tr><td>");
		rt_buf_add_html(out, names[b] ? names[b] : "Nämnd");
		rt_buf_addf(out, "</td><td>%s</td><td>%s</td><td>%d av %d</td></tr>\n",
		            del[b] ? del[b]->due_on : "–",
		            del[b] ? rt_delivery_status_label(del[b]->status) : "–", filled,
		            RT_FB_HEADING_COUNT);
	}
	rt_buf_addstr(out, "</tbody>\n</table>\n");
	for (size_t b = 0; b < n; b++) {
		rt_buf_addstr(out, "<section>\n<h2>");
		rt_buf_add_html(out, names[b] ? names[b] : "Nämnd");
		rt_buf_addstr(out, "</h2>\n");
		for (int h = 0; h < RT_FB_HEADING_COUNT; h++) {
			const char *body = rt_feedback_body(doc->feedback, doc->n_feedback, ids[b],
			                                    (enum rt_feedback_heading)h);
			rt_buf_addf(out, "<h3>%d. ", h + 1);
			rt_buf_add_html(out, rt_feedback_heading_label((enum rt_feedback_heading)h));
			rt_buf_addstr(out, "</h3>\n");
			if (body) {
				rt_buf_addstr(out, "<p>");
				rt_buf_add_html(out, body);
				rt_buf_addstr(out, "</p>\n");
			} else {
				rt_buf_addstr(out, "<p class=\"saknas\">Ingen text lämnad.</p>\n");
			}
		}
		rt_buf_addstr(out, "</section>\n");
	}
	if (!n) rt_buf_addstr(out, "<p>Ingen nämnd har lämnat återkoppling.</p>\n");
	rt_buf_addstr(out, "</main>\n</body>\n</html>\n");
	rt_buf_release(&title);
	return 0;
}
