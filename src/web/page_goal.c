/* The goal page: where the goal sits in its plan, its goal chain (målkedja,
 * core/chain.h) drawn as a list from the regionplan down to this goal and
 * the goals that serve it below, and per indicator the outcomes over the
 * periods as a table and, from two periods on, as a trend chart (the SVG of
 * report/trend_chart.h, which carries every value in words as well). */
#include "web/web_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/chain.h"
#include "report/trend_chart.h"
#include "util/numfmt.h"

static const struct rt_goal_ref *ref_of(const struct rt_goal_ref *refs, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (refs[i].goal_id == id)
			return &refs[i];
	return NULL;
}

static void add_ref(rt_buf *b, const struct rt_goal_ref *r)
{
	rt_buf_addf(b, "<a href=\"/mal/%lld\">", (long long)r->goal_id);
	rt_buf_add_html(b, r->title ? r->title : "");
	rt_buf_addstr(b, "</a> <span class=\"meta\">(");
	rt_buf_add_html(b, r->plan_title ? r->plan_title : "");
	rt_buf_addstr(b, ")</span>");
}

static void add_chain(rt_buf *b, const struct rt_goal_ref *refs, size_t n, int64_t goal_id)
{
	int64_t *up = NULL;
	struct rt_chain_node *down = NULL;
	long n_up = rt_chain_up(refs, n, goal_id, &up);
	long n_down = rt_chain_down(refs, n, goal_id, &down);

	rt_buf_addstr(b, "<h2>Målkedja</h2>\n<h3>Uppåt: målen som detta mål bidrar till</h3>\n");
	if (n_up <= 1) {
		rt_buf_addstr(b, "<p>Målet är inte kopplat till något mål i en högre plan.</p>\n");
	} else {
		/* rt_chain_up starts with the goal itself; show the top first. */
		rt_buf_addstr(b, "<ol class=\"chain\">\n");
		for (long i = n_up - 1; i >= 0; i--) {
			const struct rt_goal_ref *r = ref_of(refs, n, up[i]);
			if (!r)
				continue;
			rt_buf_addstr(b, i == 0 ? "<li class=\"self\" aria-current=\"true\">" : "<li>");
			add_ref(b, r);
			rt_buf_addstr(b, "</li>\n");
		}
		rt_buf_addstr(b, "</ol>\n");
	}
	rt_buf_addstr(b, "<h3>Nedåt: mål i lägre planer som bidrar till detta mål</h3>\n");
	if (n_down <= 0) {
		rt_buf_addstr(b, "<p>Inga mål i lägre planer är kopplade hit.</p>\n");
	} else {
		/* Depth-first with depths: open and close nested lists as the depth
		 * changes, so the tree reads as a tree to a screen reader too. */
		int depth = 0;
		for (long i = 0; i < n_down; i++) {
			const struct rt_goal_ref *r = ref_of(refs, n, down[i].goal_id);
			int want = down[i].depth;
			if (want > depth + 1)
				want = depth + 1;
			if (want > depth) {
				rt_buf_addstr(b, depth == 0 ? "<ul class=\"tree\">\n<li>" : "\n<ul>\n<li>");
			} else {
				rt_buf_addstr(b, "</li>\n");
				for (; depth > want; depth--)
					rt_buf_addstr(b, "</ul>\n</li>\n");
				rt_buf_addstr(b, "<li>");
			}
			depth = want;
			if (r)
				add_ref(b, r);
		}
		rt_buf_addstr(b, "</li>\n");
		for (; depth > 1; depth--)
			rt_buf_addstr(b, "</ul>\n</li>\n");
		rt_buf_addstr(b, "</ul>\n");
	}
	free(up);
	free(down);
}

static int period_end_cmp(const void *pa, const void *pb)
{
	const struct rt_period *const *a = pa, *const *b = pb;
	return strcmp((*a)->end_date ? (*a)->end_date : "", (*b)->end_date ? (*b)->end_date : "");
}

/* The indicator's targets (målvärden) as written, per year, each with its
 * edit form when logged in. */
static void add_targets(rt_buf *b, const struct rt_plan_doc *d, int64_t indicator_id)
{
	size_t n = 0;
	bool edit = rt_web_has_session();
	for (size_t i = 0; i < d->n_targets; i++) {
		const struct rt_target *t = &d->targets[i];
		if (t->indicator_id != indicator_id)
			continue;
		if (!n++)
			rt_buf_addstr(b, "<ul class=\"targets\" aria-label=\"Målvärden\">\n");
		rt_buf_addf(b, "<li>Målvärde %d", t->year);
		if (t->gender != RT_GENDER_TOTAL) {
			rt_buf_addstr(b, ", ");
			rt_buf_add_html(b, rt_gender_label(t->gender));
		}
		rt_buf_addstr(b, ": ");
		rt_buf_add_html(b, t->text ? t->text : "");
		if (edit)
			rt_buf_addf(b, " <a href=\"/malvarde/%lld/andra\">Ändra målvärdet</a>",
			            (long long)t->id);
		rt_buf_addstr(b, "</li>\n");
	}
	if (n)
		rt_buf_addstr(b, "</ul>\n");
}

/* The indicator's outcomes (whole scope) over the periods, oldest first,
 * with the target of each year: a table, and a chart from two points. */
static void add_indicator(rt_buf *b, rt_arena *a, const struct rt_plan_doc *d,
                          const struct rt_indicator *ind, double tol)
{
	const struct rt_period **ps = rt_arena_alloc(a, (d->n_periods + 1) * sizeof(*ps));
	size_t np = 0;
	for (size_t i = 0; i < d->n_periods; i++)
		if (rt_web_outcome(d, ind->id, d->periods[i].id))
			ps[np++] = &d->periods[i];
	qsort(ps, np, sizeof(*ps), period_end_cmp);

	rt_buf_addstr(b, "<h3>");
	rt_buf_add_html(b, ind->name);
	rt_buf_addstr(b, "</h3>\n");
	if (rt_web_has_session())   /* the form itself checks the right to edit */
		rt_buf_addf(b, "<p><a href=\"/indikator/%lld/andra\">Ändra mätetalet</a></p>\n",
		            (long long)ind->id);
	add_targets(b, d, ind->id);
	if (np == 0) {
		rt_buf_addstr(b, "<p>Inga utfall är inlagda ännu.</p>\n");
		return;
	}
	struct rt_report_indicator ri = { .name = ind->name, .unit = ind->unit };
	const char **labels = rt_arena_alloc(a, np * sizeof(*labels));
	double *values = rt_arena_alloc(a, np * sizeof(*values));
	double *targets = rt_arena_alloc(a, np * sizeof(*targets));

	rt_buf_addstr(b, "<table class=\"trend-table\">\n<caption>Utfall per period</caption>\n"
	                 "<thead><tr><th scope=\"col\">Period</th><th scope=\"col\">Utfall</th>"
	                 "<th scope=\"col\">Målvärde</th><th scope=\"col\">Status</th>"
	                 "<th scope=\"col\">Kommentar</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < np; i++) {
		const struct rt_outcome *o = rt_web_outcome(d, ind->id, ps[i]->id);
		const struct rt_target *t = rt_web_target(d, ind->id, ps[i]->year);
		struct rt_status_result why;
		enum rt_status st = rt_web_shown_status(d, ind, ps[i], o, tol, &why);
		rt_buf_addstr(b, "<tr><th scope=\"row\">");
		rt_buf_add_html(b, ps[i]->key);
		rt_buf_addstr(b, "</th><td class=\"num\">");
		rt_buf_add_html(b, o->text ? o->text : "");
		rt_buf_addstr(b, "</td><td class=\"num\">");
		rt_buf_add_html(b, t && t->text ? t->text : "");
		rt_buf_addstr(b, "</td><td>");
		rt_web_status(b, st, rt_status_reason_label(why.reason));
		rt_buf_addstr(b, "</td><td>");
		rt_buf_add_html(b, o->comment ? o->comment : "");
		rt_buf_addstr(b, "</td></tr>\n");
		if (o->value.has_value) {
			labels[ri.n_trend] = ps[i]->key;
			values[ri.n_trend] = o->value.value;
			targets[ri.n_trend] = t && t->spec.has_value && t->spec.cmp <= RT_CMP_EQ
			                      ? t->spec.value : NAN;
			ri.n_trend++;
		}
	}
	rt_buf_addstr(b, "</tbody>\n</table>\n");
	ri.trend_labels = labels;
	ri.trend_values = values;
	ri.trend_targets = targets;
	struct rt_trend_chart c;
	if (rt_trend_chart_wanted(&ri) && rt_trend_chart_init(&c, &ri, 560, 220)) {
		rt_buf_addstr(b, "<figure class=\"chart\">\n");
		rt_trend_chart_svg(&c, b);
		rt_buf_addstr(b, "<figcaption>Trend för mätetalet</figcaption>\n</figure>\n");
		rt_trend_chart_release(&c);
	}
}

/* The goal's own assessment (bedömning) per period, with the analysis;
 * with a session each links to its form, and one to assess the latest
 * period. */
static void add_assessments(rt_buf *b, const struct rt_plan_doc *d, int64_t goal_id)
{
	size_t n = 0;
	bool edit = rt_web_has_session();
	for (size_t i = 0; i < d->n_assessments; i++) {
		const struct rt_assessment *x = &d->assessments[i];
		const struct rt_period *p = x->goal_id == goal_id ? rt_doc_period(d, x->period_id) : NULL;
		if (!p)
			continue;
		if (!n++)
			rt_buf_addstr(b, "<h2>Bedömning</h2>\n<dl class=\"assessments\">\n");
		rt_buf_addstr(b, "<dt>");
		rt_buf_add_html(b, p->key);
		rt_buf_addstr(b, ": ");
		rt_web_status(b, x->status, "Status saknas");
		if (edit) {
			rt_buf_addf(b, " <a href=\"/mal/%lld/bedomning?period=", (long long)goal_id);
			rt_web_add_url(b, p->key);
			rt_buf_addstr(b, "\">Ändra bedömningen</a>");
		}
		rt_buf_addstr(b, "</dt>\n<dd>");
		rt_buf_add_html(b, x->analysis ? x->analysis : "Ingen analys.");
		rt_buf_addstr(b, "</dd>\n");
	}
	if (n)
		rt_buf_addstr(b, "</dl>\n");
	if (edit)
		rt_buf_addf(b, "<p><a href=\"/mal/%lld/bedomning\">Bedöm målet för den senaste "
		               "perioden</a></p>\n", (long long)goal_id);
}

/* An activity's state (läge) per period with its comment; with a session
 * each links to its form, and one sets the state for the latest period. */
static void add_states(rt_buf *b, const struct rt_plan_doc *d, int64_t activity_id)
{
	size_t n = 0;
	bool edit = rt_web_has_session();
	for (size_t i = 0; i < d->n_activity_statuses; i++) {
		const struct rt_activity_status *x = &d->activity_statuses[i];
		const struct rt_period *p =
			x->activity_id == activity_id ? rt_doc_period(d, x->period_id) : NULL;
		if (!p)
			continue;
		if (!n++)
			rt_buf_addstr(b, "\n<ul class=\"activity-states\">\n");
		rt_buf_addstr(b, "<li>");
		rt_buf_add_html(b, p->key);
		rt_buf_addstr(b, ": ");
		rt_buf_add_html(b, rt_activity_state_label(x->state));
		if (x->comment) {
			rt_buf_addstr(b, " – ");
			rt_buf_add_html(b, x->comment);
		}
		if (edit) {
			rt_buf_addf(b, " <a href=\"/aktivitet/%lld/lage?period=", (long long)activity_id);
			rt_web_add_url(b, p->key);
			rt_buf_addstr(b, "\">Ändra läget</a>");
		}
		rt_buf_addstr(b, "</li>\n");
	}
	if (n)
		rt_buf_addstr(b, "</ul>\n");
	if (edit)
		rt_buf_addf(b, " <a href=\"/aktivitet/%lld/lage\">Ange läget för den senaste "
		               "perioden</a>", (long long)activity_id);
}

/* The goal's activities, each with its edit form when logged in. */
static void add_activities(rt_buf *b, const struct rt_plan_doc *d, int64_t goal_id)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n_activities; i++) {
		const struct rt_activity *x = &d->activities[i];
		if (x->goal_id != goal_id)
			continue;
		if (!n++)
			rt_buf_addstr(b, "<h2>Aktiviteter</h2>\n<ul class=\"activities\">\n");
		rt_buf_addstr(b, "<li>");
		rt_buf_add_html(b, x->title);
		if (x->owner) {
			rt_buf_addstr(b, " <span class=\"meta\">(");
			rt_buf_add_html(b, x->owner);
			rt_buf_addstr(b, ")</span>");
		}
		if (rt_web_has_session())
			rt_buf_addf(b, " <a href=\"/aktivitet/%lld/andra\">Ändra aktiviteten</a>",
			            (long long)x->id);
		add_states(b, d, x->id);
		rt_buf_addstr(b, "</li>\n");
	}
	if (n)
		rt_buf_addstr(b, "</ul>\n");
}

int rt_web_goal(rt_store *s, int64_t goal_id, rt_buf *out, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_goal g;
	int rc = rt_store_goal_get(s, &a, goal_id, &g, err);
	if (rc) {
		if (rc == RT_ENOTFOUND)
			rt_err_set(err, rc, "goal", "Målet med id %lld finns inte", (long long)goal_id);
		rt_arena_release(&a);
		return rc;
	}
	struct rt_plan_doc d;
	struct rt_goal_ref *refs = NULL;
	size_t n_refs = 0;
	/* the region-wide ◆ band, as the report and the outcome form use it */
	double tol = -1;
	bool tol_found;
	if ((rc = rt_web_load_plan(s, g.plan_id, &d, err)) != 0 ||
	    (rc = rt_store_goal_refs(s, &a, &refs, &n_refs, err)) != 0 ||
	    (rc = rt_store_default_tolerance(s, d.plan.owner_org_id, &tol, &tol_found, err)) != 0) {
		rt_plan_doc_release(&d);
		rt_arena_release(&a);
		return rc;
	}

	rt_web_page_begin(out, g.title, RT_NAV_NONE);
	rt_buf_addf(out, "<nav aria-label=\"Brödsmulor\" class=\"crumbs\"><a href=\"/\">Start</a> › "
	                 "<a href=\"/plan/%lld\">", (long long)d.plan.id);
	rt_buf_add_html(out, d.plan.title);
	rt_buf_addstr(out, "</a> › ");
	rt_buf_add_html(out, g.title);
	rt_buf_addstr(out, "</nav>\n<p class=\"meta\">");
	rt_buf_add_html(out, rt_goal_kind_label(g.kind));
	if (g.code) {
		rt_buf_addch(out, ' ');
		rt_buf_add_html(out, g.code);
	}
	rt_buf_addstr(out, "</p>\n<h1>");
	rt_buf_add_html(out, g.title);
	rt_buf_addstr(out, "</h1>\n");
	if (rt_web_has_session())   /* logged in; the form itself checks the right to edit */
		rt_buf_addf(out, "<p><a href=\"/mal/%lld/andra\">Ändra målet</a></p>\n",
		            (long long)g.id);
	if (g.description) {
		rt_buf_addstr(out, "<p>");
		rt_buf_add_html(out, g.description);
		rt_buf_addstr(out, "</p>\n");
	}
	const struct rt_goal *parent = g.parent_id ? rt_doc_goal(&d, g.parent_id) : NULL;
	if (parent) {
		rt_buf_addf(out, "<p>Ingår i <a href=\"/mal/%lld\">", (long long)parent->id);
		rt_buf_add_html(out, parent->title);
		rt_buf_addstr(out, "</a></p>\n");
	}
	add_assessments(out, &d, g.id);
	add_chain(out, refs, n_refs, g.id);

	rt_buf_addstr(out, "<h2>Mätetal</h2>\n");
	size_t n_ind = 0;
	for (size_t i = 0; i < d.n_indicators && rc == 0; i++)
		if (d.indicators[i].goal_id == g.id) {
			add_indicator(out, &a, &d, &d.indicators[i], tol);
			rc = rt_web_goal_kolada(out, s, &a, &d.indicators[i], err);
			n_ind++;
		}
	if (rc) {
		rt_plan_doc_release(&d);
		rt_arena_release(&a);
		return rc;
	}
	if (n_ind == 0)
		rt_buf_addstr(out, "<p>Målet har inga egna mätetal.</p>\n");
	add_activities(out, &d, g.id);
	size_t n_sub = 0;
	for (size_t i = 0; i < d.n_goals; i++)
		if (d.goals[i].parent_id == g.id) {
			if (!n_sub++)
				rt_buf_addstr(out, "<h2>Delmål</h2>\n<ul>\n");
			rt_buf_addf(out, "<li><a href=\"/mal/%lld\">", (long long)d.goals[i].id);
			rt_buf_add_html(out, d.goals[i].title);
			rt_buf_addstr(out, "</a></li>\n");
		}
	if (n_sub)
		rt_buf_addstr(out, "</ul>\n");
	rt_web_page_end(out);
	rt_plan_doc_release(&d);
	rt_arena_release(&a);
	return 0;
}
