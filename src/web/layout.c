/* The page frame every renderer shares: skip link, header with Rödtråd,
 * navigation and search box, <main>, footer; the status badge; and the
 * small lookups (periods, targets, outcomes) the pages have in common.
 * Scripts and styles are external files (/static/…) so the pages need no
 * inline code and a strict Content-Security-Policy holds. */
#include "web/web_int.h"

#include <string.h>

#include "core/outcome_entry.h"

void rt_web_page_begin(rt_buf *b, const char *title, enum rt_web_nav nav)
{
	static const struct { enum rt_web_nav nav; const char *href, *label; } items[] = {
		{ RT_NAV_START, "/", "Start" },
		{ RT_NAV_REPORT, "/rapport", "Rapporter" },
		{ RT_NAV_PROCESS, "/arshjul", "Årshjul" },
		{ RT_NAV_ECONOMY, "/ekonomi", "Ekonomi" },
		{ RT_NAV_SEARCH, "/sok", "Sök" },
		{ RT_NAV_IMPORT, "/import", "Importera" },
	};
	rt_buf_addstr(b, "<!doctype html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
	                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                 "<title>");
	rt_buf_add_html(b, title);
	rt_buf_addstr(b, " – Rödtråd</title>\n"
	                 "<link rel=\"stylesheet\" href=\"/static/app.css\">\n"
	                 "<script src=\"/static/app.js\" defer></script>\n"
	                 "</head>\n<body>\n"
	                 "<a class=\"skip\" href=\"#innehall\">Hoppa till innehållet</a>\n"
	                 "<header class=\"site\">\n<div class=\"bar\">\n"
	                 "<a class=\"brand\" href=\"/\">Rödtråd</a>\n"
	                 "<nav aria-label=\"Huvudmeny\"><ul>\n");
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		rt_buf_addf(b, "<li><a href=\"%s\"%s>%s</a></li>\n", items[i].href,
		            items[i].nav == nav ? " aria-current=\"page\"" : "", items[i].label);
	rt_buf_addstr(b, "</ul></nav>\n"
	                 "<form class=\"search\" role=\"search\" aria-label=\"Snabbsök\" action=\"/sok\" method=\"get\">\n"
	                 "<label for=\"sok-topp\">Sök mål och indikatorer</label>\n"
	                 "<input id=\"sok-topp\" name=\"q\" type=\"search\">\n"
	                 "<button type=\"submit\">Sök</button>\n</form>\n");
	/* Logging out changes state, so it is a POST with the CSRF token, never
	 * a link a page could make the browser follow. */
	if (rt_web_has_session()) {
		rt_web_form_post(b, "/logga-ut", "class=\"logout\"");
		rt_buf_addstr(b, "<button type=\"submit\">Logga ut</button>\n</form>\n");
	} else {
		rt_buf_addstr(b, "<a class=\"login\" href=\"/logga-in\">Logga in</a>\n");
	}
	rt_buf_addstr(b, "</div>\n</header>\n<main id=\"innehall\" tabindex=\"-1\">\n");
}

void rt_web_page_end(rt_buf *b)
{
	rt_buf_addstr(b, "</main>\n<footer class=\"site\"><p>Rödtråd – mål- och resultatstyrning. "
	                 "<a href=\"/api/v1/openapi.json\">API</a></p></footer>\n</body>\n</html>\n");
}

void rt_web_add_url(rt_buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_' || *p == '~')
			rt_buf_addch(b, (char)*p);
		else
			rt_buf_addf(b, "%%%02X", *p);
	}
}

const char *rt_web_status_class(enum rt_status s)
{
	switch (s) {
	case RT_STATUS_ACHIEVED: return "status-achieved";
	case RT_STATUS_PARTLY: return "status-partly";
	case RT_STATUS_NOT_ACHIEVED: return "status-not-achieved";
	case RT_STATUS_NONE: break;
	}
	return "status-none";
}

void rt_web_status(rt_buf *b, enum rt_status s, const char *none_text)
{
	rt_buf_addf(b, "<span class=\"status %s\">", rt_web_status_class(s));
	if (s != RT_STATUS_NONE) {
		/* The symbol is read as part of the words: "● Uppfyllt". */
		rt_buf_addf(b, "<span class=\"sym\">%s</span> ", rt_status_symbol(s));
		rt_buf_add_html(b, rt_status_label(s));
	} else {
		rt_buf_add_html(b, none_text ? none_text : rt_status_label(s));
	}
	rt_buf_addstr(b, "</span>");
}

void rt_web_error_page(int http_status, const char *message, rt_buf *out)
{
	const char *title = http_status == 404 ? "Sidan finns inte"
	                  : http_status == 405 ? "Metoden stöds inte"
	                  : http_status >= 500 ? "Något gick fel"
	                                       : "Felaktig begäran";
	rt_web_page_begin(out, title, RT_NAV_NONE);
	rt_buf_addstr(out, "<h1>");
	rt_buf_add_html(out, title);
	rt_buf_addstr(out, "</h1>\n<p class=\"error\">");
	rt_buf_add_html(out, message ? message : "");
	rt_buf_addstr(out, "</p>\n<p><a href=\"/\">Till startsidan</a></p>\n");
	rt_web_page_end(out);
}

/* ---- lookups ------------------------------------------------------------- */

int rt_web_latest_period(rt_store *s, rt_arena *a, struct rt_period *out, rt_err *err)
{
	struct rt_period *list = NULL;
	size_t n = 0;
	int rc = rt_store_period_list(s, a, &list, &n, err);
	if (rc)
		return rc;
	const struct rt_period *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (!best || strcmp(list[i].end_date ? list[i].end_date : "",
		                    best->end_date ? best->end_date : "") > 0)
			best = &list[i];
	if (!best)
		return rt_err_set(err, RT_ENOTFOUND, "period", "Det finns inga uppföljningsperioder");
	*out = *best;
	return 0;
}

int rt_web_find_period(rt_store *s, rt_arena *a, const char *key, struct rt_period *out,
                       rt_err *err)
{
	int64_t id = 0;
	rt_err tmp = RT_ERR_INIT;
	int rc = key ? rt_store_find_key(s, "period", key, &id, &tmp) : RT_ENOTFOUND;
	if (rc == 0)
		return rt_store_period_get(s, a, id, out, err);
	if (rc != RT_ENOTFOUND)
		return rt_err_set(err, rc, tmp.field, "%s", tmp.msg);
	return rt_err_set(err, RT_ENOTFOUND, "period", "Perioden '%s' finns inte", key ? key : "");
}

int rt_web_load_plan(rt_store *s, int64_t plan_id, struct rt_plan_doc *doc, rt_err *err)
{
	rt_plan_doc_init(doc);
	int rc = rt_store_plan_load(s, plan_id, doc, err);
	if (rc == RT_ENOTFOUND)
		rt_err_set(err, rc, "plan", "Planen med id %lld finns inte", (long long)plan_id);
	return rc;
}

const char *rt_web_org_name(const struct rt_org_unit *units, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (units[i].id == id)
			return units[i].name ? units[i].name : "";
	return "";
}

#define WHOLE_SCOPE(x) ((x)->gender == RT_GENDER_TOTAL && (x)->org_unit_id == 0)

const struct rt_target *rt_web_target(const struct rt_plan_doc *d, int64_t indicator_id, int year)
{
	for (size_t i = 0; i < d->n_targets; i++)
		if (d->targets[i].indicator_id == indicator_id && d->targets[i].year == year &&
		    WHOLE_SCOPE(&d->targets[i]))
			return &d->targets[i];
	return NULL;
}

const struct rt_outcome *rt_web_outcome(const struct rt_plan_doc *d, int64_t indicator_id,
                                        int64_t period_id)
{
	for (size_t i = 0; i < d->n_outcomes; i++)
		if (d->outcomes[i].indicator_id == indicator_id &&
		    d->outcomes[i].period_id == period_id && WHOLE_SCOPE(&d->outcomes[i]))
			return &d->outcomes[i];
	return NULL;
}

enum rt_status rt_web_shown_status(const struct rt_plan_doc *d, const struct rt_indicator *ind,
                                   const struct rt_period *period, const struct rt_outcome *o,
                                   double default_tol, struct rt_status_result *why)
{
	struct rt_outcome_context ctx;
	rt_outcome_context_from_doc(d, ind, period, RT_GENDER_TOTAL, 0, &ctx);
	struct rt_status_input in = {
		.indicator = ind,
		.target = ctx.target ? &ctx.target->spec : NULL,
		.value = o ? &o->value : NULL,
		.period_kind = period->kind,
		.period_number = period->number,
		.has_base = ctx.has_base,
		.base = ctx.base,
		.tolerance = ind->has_tolerance ? ind->tolerance : default_tol,
	};
	struct rt_status_result r = rt_status_compute(&in);
	if (why)
		*why = r;
	return o && o->status != RT_STATUS_NONE ? o->status : r.status;
}

const char *rt_web_param(const struct rt_web_param *p, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].name && !strcmp(p[i].name, name))
			return p[i].value;
	return NULL;
}
