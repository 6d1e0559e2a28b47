/* The start page: the region's plans (per region, in the order of the
 * cascade) and the attainment summary of the latest follow-up period, the
 * counts of ● ◆ ■ per board taken from the compiled follow-up report model
 * (report/followup.h) so the page and the reports never disagree. */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>

#include "report/followup.h"

struct plan_row {
	const struct rt_plan *plan;
	const char *region;
	const char *owner;
	int level;
};

static int plan_row_cmp(const void *pa, const void *pb)
{
	const struct plan_row *a = pa, *b = pb;
	int c = strcmp(a->region, b->region);
	if (c) return c;
	if (a->level != b->level) return a->level < b->level ? -1 : 1;
	return a->plan->id < b->plan->id ? -1 : a->plan->id > b->plan->id;
}

static const struct rt_org_unit *unit_by_id(const struct rt_org_unit *u, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (u[i].id == id)
			return &u[i];
	return NULL;
}

/* The region of a unit: the nearest ancestor of kind region (bounded walk). */
static const char *region_of(const struct rt_org_unit *u, size_t n, int64_t id)
{
	const struct rt_org_unit *last = NULL;
	for (size_t steps = 0; id && steps <= n; steps++) {
		const struct rt_org_unit *x = unit_by_id(u, n, id);
		if (!x)
			break;
		if (x->kind == RT_ORG_REGION)
			return x->name ? x->name : "";
		last = x;
		id = x->parent_id;
	}
	return last && last->name ? last->name : "";
}

static void add_years(rt_buf *b, const struct rt_plan *p)
{
	if (p->start_year == p->end_year)
		rt_buf_addf(b, "%d", p->start_year);
	else
		rt_buf_addf(b, "%d–%d", p->start_year, p->end_year);
}

static void add_plans(rt_buf *b, const struct plan_row *rows, size_t n)
{
	const char *region = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct plan_row *r = &rows[i];
		if (!region || strcmp(region, r->region)) {
			if (region)
				rt_buf_addstr(b, "</tbody>\n</table>\n");
			region = r->region;
			rt_buf_addstr(b, "<table class=\"plans\">\n<caption>");
			rt_buf_add_html(b, region[0] ? region : "Utan region");
			rt_buf_addstr(b, "</caption>\n<thead><tr><th scope=\"col\">Plan</th>"
			                 "<th scope=\"col\">Typ</th><th scope=\"col\">Ägare</th>"
			                 "<th scope=\"col\">År</th><th scope=\"col\">Status</th></tr></thead>\n"
			                 "<tbody>\n");
		}
		rt_buf_addf(b, "<tr><th scope=\"row\"><a href=\"/plan/%lld\">", (long long)r->plan->id);
		rt_buf_add_html(b, r->plan->title);
		rt_buf_addstr(b, "</a></th><td>");
		rt_buf_add_html(b, rt_plan_kind_label(r->plan->kind));
		rt_buf_addstr(b, "</td><td>");
		rt_buf_add_html(b, r->owner);
		rt_buf_addstr(b, "</td><td>");
		add_years(b, r->plan);
		rt_buf_addstr(b, "</td><td>");
		rt_buf_add_html(b, rt_plan_status_label(r->plan->status));
		rt_buf_addstr(b, "</td></tr>\n");
	}
	if (region)
		rt_buf_addstr(b, "</tbody>\n</table>\n");
	else
		rt_buf_addstr(b, "<p>Det finns inga planer ännu.</p>\n");
}

/* The plan a report section is about: sections carry the plan's title, and
 * titles within one owner are distinct in practice; NULL when none fits. */
static const struct rt_plan *section_plan(const struct rt_plan *plans, size_t n,
                                          const struct rt_report_section *sec)
{
	for (size_t i = 0; i < n; i++)
		if (plans[i].title && sec->plan_title && !strcmp(plans[i].title, sec->plan_title))
			return &plans[i];
	return NULL;
}

/* One row per board with the counts of each status; the header carries the
 * symbol and the words, so no count depends on colour or shape alone. Each
 * row links to its plan and to the outcome form of the period. */
void rt_web_summary(rt_buf *b, rt_store *s, const struct rt_followup_report *r)
{
	static const enum rt_status order[] = { RT_STATUS_ACHIEVED, RT_STATUS_PARTLY,
	                                        RT_STATUS_NOT_ACHIEVED, RT_STATUS_NONE };
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan *plans = NULL;
	size_t n_plans = 0;
	rt_err ignore = RT_ERR_INIT;
	if (rt_store_plan_list(s, &a, &plans, &n_plans, &ignore) != 0)
		n_plans = 0;
	rt_buf_addstr(b, "<table class=\"summary\">\n<caption>Måluppfyllelse för mätetalen ");
	rt_buf_add_html(b, r->period_label);
	rt_buf_addstr(b, " (");
	rt_buf_add_html(b, r->period_key);
	rt_buf_addstr(b, ")</caption>\n<thead><tr><th scope=\"col\">Styrelse/nämnd och plan</th>");
	for (size_t k = 0; k < 4; k++) {
		rt_buf_addstr(b, "<th scope=\"col\" class=\"num\">");
		rt_web_status(b, order[k], "Status saknas");
		rt_buf_addstr(b, "</th>");
	}
	rt_buf_addstr(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->n_sections; i++) {
		const struct rt_report_section *sec = &r->sections[i];
		const struct rt_plan *p = section_plan(plans, n_plans, sec);
		rt_buf_addstr(b, "<tr><th scope=\"row\">");
		rt_buf_add_html(b, sec->org_name ? sec->org_name : "");
		rt_buf_addstr(b, "<span class=\"meta\"> – ");
		rt_buf_add_html(b, sec->region_name ? sec->region_name : "");
		rt_buf_addstr(b, "</span><br>");
		if (p)
			rt_buf_addf(b, "<a href=\"/plan/%lld\">", (long long)p->id);
		rt_buf_add_html(b, sec->plan_title ? sec->plan_title : "");
		if (p) {
			rt_buf_addf(b, "</a> · <a href=\"/plan/%lld/utfall/", (long long)p->id);
			rt_web_add_url(b, r->period_key);
			rt_buf_addstr(b, "\">Mata in utfall</a>");
		}
		rt_buf_addstr(b, "</th>");
		for (size_t k = 0; k < 4; k++)
			rt_buf_addf(b, "<td class=\"num\">%zu</td>", sec->status_counts[order[k]]);
		rt_buf_addstr(b, "</tr>\n");
	}
	if (r->n_sections == 0)
		rt_buf_addstr(b, "<tr><td colspan=\"5\">Ingen uppföljning är inlagd för perioden.</td></tr>\n");
	rt_buf_addstr(b, "</tbody>\n</table>\n");
	rt_arena_release(&a);
}

int rt_web_start(rt_store *s, rt_buf *out, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_org_unit *units = NULL;
	struct rt_plan *plans = NULL;
	size_t n_units = 0, n_plans = 0;
	int rc;
	if ((rc = rt_store_org_list(s, &a, &units, &n_units, err)) != 0 ||
	    (rc = rt_store_plan_list(s, &a, &plans, &n_plans, err)) != 0) {
		rt_arena_release(&a);
		return rc;
	}
	struct plan_row *rows = rt_arena_alloc(&a, (n_plans + 1) * sizeof(*rows));
	for (size_t i = 0; i < n_plans; i++) {
		const struct rt_org_unit *owner = unit_by_id(units, n_units, plans[i].owner_org_id);
		rows[i].plan = &plans[i];
		rows[i].region = region_of(units, n_units, plans[i].owner_org_id);
		rows[i].owner = owner && owner->name ? owner->name : "";
		rows[i].level = rt_plan_level(plans[i].kind, owner ? owner->kind : RT_ORG_UNIT);
	}
	qsort(rows, n_plans, sizeof(*rows), plan_row_cmp);

	rt_web_page_begin(out, "Start", RT_NAV_START);
	rt_buf_addstr(out, "<h1>Mål och uppföljning</h1>\n");

	struct rt_period period;
	rt_err perr = RT_ERR_INIT;
	if (rt_web_latest_period(s, &a, &period, &perr) == 0) {
		struct rt_followup_report r;
		rt_buf_addstr(out, "<h2>Måluppfyllelse per styrelse och nämnd</h2>\n");
		if ((rc = rt_followup_report_build(s, period.key, NULL, &r, err)) != 0) {
			rt_arena_release(&a);
			return rc;
		}
		rt_web_summary(out, s, &r);
		rt_buf_addstr(out, "<p><a href=\"/rapport?period=");
		rt_web_add_url(out, r.period_key);
		rt_buf_addstr(out, "\">Hela rapporten och nedladdningar</a></p>\n");
		rt_followup_report_release(&r);
	}
	rt_buf_addstr(out, "<h2>Planer</h2>\n");
	add_plans(out, rows, n_plans);
	rt_web_page_end(out);
	rt_arena_release(&a);
	return 0;
}
