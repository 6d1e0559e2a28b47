/* Search across goals and indicators of every plan: a case-insensitive
 * substring match that folds Swedish letters too (Å = å), over titles,
 * descriptions and indicator names. Plans are small, so each is loaded
 * once per search; the hits link to the goal page. */
#include "web/web_int.h"

#include <string.h>

#define MAX_QUERY 200
#define MAX_HITS 100

/* Lower-case ASCII and the Latin-1 capitals in UTF-8 (C3 80–9E → C3 A0–BE,
 * without × at C3 97), enough for Swedish text. */
static void fold(rt_buf *b, const char *s)
{
	rt_buf_reset(b);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p >= 'A' && *p <= 'Z') {
			rt_buf_addch(b, (char)(*p + 32));
		} else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0x9e && p[1] != 0x97) {
			rt_buf_addch(b, (char)0xc3);
			rt_buf_addch(b, (char)(p[1] + 0x20));
			p++;
		} else {
			rt_buf_addch(b, (char)*p);
		}
	}
}

static bool matches(rt_buf *tmp, const char *text, const char *folded_q)
{
	if (!text)
		return false;
	fold(tmp, text);
	return strstr(tmp->buf, folded_q) != NULL;
}

struct hits {
	rt_buf goals, indicators;
	size_t n_goals, n_indicators;
};

static void add_plan_ref(rt_buf *b, const struct rt_plan_doc *d)
{
	rt_buf_addstr(b, " <span class=\"meta\">(");
	rt_buf_add_html(b, d->plan.title);
	rt_buf_addstr(b, ")</span></li>\n");
}

static void search_plan(const struct rt_plan_doc *d, const char *q, rt_buf *tmp, struct hits *h)
{
	for (size_t i = 0; i < d->n_goals && h->n_goals < MAX_HITS; i++) {
		const struct rt_goal *g = &d->goals[i];
		if (!matches(tmp, g->title, q) && !matches(tmp, g->description, q))
			continue;
		rt_buf_addf(&h->goals, "<li><a href=\"/mal/%lld\">", (long long)g->id);
		rt_buf_add_html(&h->goals, g->title);
		rt_buf_addstr(&h->goals, "</a>");
		add_plan_ref(&h->goals, d);
		h->n_goals++;
	}
	for (size_t i = 0; i < d->n_indicators && h->n_indicators < MAX_HITS; i++) {
		const struct rt_indicator *ind = &d->indicators[i];
		if (!matches(tmp, ind->name, q) && !matches(tmp, ind->description, q))
			continue;
		rt_buf_addf(&h->indicators, "<li><a href=\"/mal/%lld\">", (long long)ind->goal_id);
		rt_buf_add_html(&h->indicators, ind->name);
		rt_buf_addstr(&h->indicators, "</a>");
		add_plan_ref(&h->indicators, d);
		h->n_indicators++;
	}
}

static void add_hits(rt_buf *b, const char *heading, const rt_buf *list, size_t n)
{
	rt_buf_addf(b, "<h2>%s (%zu%s)</h2>\n", heading, n, n >= MAX_HITS ? "+" : "");
	if (n)
		rt_buf_addf(b, "<ul class=\"hits\">\n%s</ul>\n", list->buf);
	else
		rt_buf_addstr(b, "<p>Inga träffar.</p>\n");
}

int rt_web_search(rt_store *s, const char *q, rt_buf *out, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan *plans = NULL;
	size_t n_plans = 0;
	int rc = rt_store_plan_list(s, &a, &plans, &n_plans, err);
	if (rc) {
		rt_arena_release(&a);
		return rc;
	}
	rt_buf fq = RT_BUF_INIT, tmp = RT_BUF_INIT;
	fold(&fq, q);
	rt_buf_trim(&fq);
	bool too_long = fq.len > MAX_QUERY;

	rt_web_page_begin(out, fq.len ? "Sökresultat" : "Sök", RT_NAV_SEARCH);
	rt_buf_addstr(out, "<h1>Sök mål och indikatorer</h1>\n"
	                   "<form class=\"search-page\" action=\"/sok\" method=\"get\" role=\"search\" aria-label=\"Sökformulär\">\n"
	                   "<label for=\"sok\">Sökord</label>\n<input id=\"sok\" name=\"q\" "
	                   "type=\"search\" value=\"");
	rt_buf_add_html(out, q ? q : "");
	rt_buf_addstr(out, "\">\n<button type=\"submit\">Sök</button>\n</form>\n");
	if (too_long) {
		rt_buf_addf(out, "<p class=\"error\">Sökordet är för långt (högst %d tecken).</p>\n",
		            MAX_QUERY);
	} else if (fq.len) {
		struct hits h = { RT_BUF_INIT, RT_BUF_INIT, 0, 0 };
		for (size_t i = 0; i < n_plans && rc == 0; i++) {
			struct rt_plan_doc d;
			rc = rt_web_load_plan(s, plans[i].id, &d, err);
			if (rc == 0)
				search_plan(&d, fq.buf, &tmp, &h);
			rt_plan_doc_release(&d);
		}
		rt_buf_addstr(out, "<p role=\"status\">");
		rt_buf_addf(out, "%zu träffar på ”", h.n_goals + h.n_indicators);
		rt_buf_add_html(out, q);
		rt_buf_addstr(out, "”.</p>\n");
		add_hits(out, "Mål", &h.goals, h.n_goals);
		add_hits(out, "Indikatorer och mätetal", &h.indicators, h.n_indicators);
		rt_buf_release(&h.goals);
		rt_buf_release(&h.indicators);
	}
	rt_web_page_end(out);
	rt_buf_release(&fq);
	rt_buf_release(&tmp);
	rt_arena_release(&a);
	return rc;
}
