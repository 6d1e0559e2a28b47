/* The plan page: what the plan is (type, owner, years, diarienummer,
 * status), its structure as a tree (goal areas → goals → indicators with
 * their targets, and activities), links to the outcome form per period and
 * the validation findings of core/validate.h in Swedish. */
#include "web/web_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"

static void add_fact(rt_buf *b, const char *term, const char *value)
{
	if (!value || !*value)
		return;
	rt_buf_addstr(b, "<dt>");
	rt_buf_add_html(b, term);
	rt_buf_addstr(b, "</dt><dd>");
	rt_buf_add_html(b, value);
	rt_buf_addstr(b, "</dd>\n");
}

static void add_indicator(rt_buf *b, const struct rt_plan_doc *d, const struct rt_indicator *ind)
{
	rt_buf_addstr(b, "<li><span class=\"kind\">Mätetal</span>");
	rt_buf_add_html(b, ind->name);
	int first = 1;
	for (size_t i = 0; i < d->n_targets; i++) {
		const struct rt_target *t = &d->targets[i];
		if (t->indicator_id != ind->id || t->gender != RT_GENDER_TOTAL || t->org_unit_id)
			continue;
		rt_buf_addstr(b, first ? " <span class=\"meta\">(Målvärde " : ", ");
		rt_buf_addf(b, "%d: ", t->year);
		rt_buf_add_html(b, t->text);
		first = 0;
	}
	if (!first)
		rt_buf_addstr(b, ")</span>");
	rt_buf_addstr(b, "</li>\n");
}

static void add_activity(rt_buf *b, const struct rt_activity *a)
{
	rt_buf_addstr(b, "<li><span class=\"kind\">Aktivitet</span>");
	rt_buf_add_html(b, a->title);
	if (a->start_date || a->end_date) {
		rt_buf_addstr(b, " <span class=\"meta\">(");
		rt_buf_add_html(b, a->start_date ? a->start_date : "");
		rt_buf_addstr(b, "–");
		rt_buf_add_html(b, a->end_date ? a->end_date : "");
		rt_buf_addstr(b, ")</span>");
	}
	rt_buf_addstr(b, "</li>\n");
}

/* Children of `parent` (0 = top), depth-first. The document's goals are in
 * pre-order, but a lookup by parent keeps this independent of that. The
 * depth bound stops a corrupt (cyclic) parent chain. */
static void add_goals(rt_buf *b, const struct rt_plan_doc *d, int64_t parent, int depth)
{
	int open = 0;
	for (size_t i = 0; i < d->n_goals && depth < 16; i++) {
		const struct rt_goal *g = &d->goals[i];
		if (g->parent_id != parent)
			continue;
		if (!open) {
			rt_buf_addstr(b, depth ? "<ul>\n" : "<ul class=\"tree\">\n");
			open = 1;
		}
		rt_buf_addstr(b, "<li><span class=\"kind\">");
		rt_buf_add_html(b, rt_goal_kind_label(g->kind));
		rt_buf_addstr(b, "</span>");
		if (g->code) {
			rt_buf_add_html(b, g->code);
			rt_buf_addch(b, ' ');
		}
		rt_buf_addf(b, "<a href=\"/mal/%lld\">", (long long)g->id);
		rt_buf_add_html(b, g->title);
		rt_buf_addstr(b, "</a>\n");
		int leaf_open = 0;
		for (size_t k = 0; k < d->n_indicators; k++)
			if (d->indicators[k].goal_id == g->id) {
				if (!leaf_open++) rt_buf_addstr(b, "<ul class=\"leaf\">\n");
				add_indicator(b, d, &d->indicators[k]);
			}
		for (size_t k = 0; k < d->n_activities; k++)
			if (d->activities[k].goal_id == g->id) {
				if (!leaf_open++) rt_buf_addstr(b, "<ul class=\"leaf\">\n");
				add_activity(b, &d->activities[k]);
			}
		if (leaf_open)
			rt_buf_addstr(b, "</ul>\n");
		add_goals(b, d, g->id, depth + 1);
		rt_buf_addstr(b, "</li>\n");
	}
	if (open)
		rt_buf_addstr(b, "</ul>\n");
}

/* "1 varning", "2 varningar"; "fel" is the same in both. */
static void add_counts(rt_buf *b, const struct rt_findings *f)
{
	size_t errors = rt_findings_errors(f), warnings = f->n - errors;
	rt_buf_addf(b, "%zu fel och %zu %s", errors, warnings, warnings == 1 ? "varning" : "varningar");
}

/* What a finding concerns, in words: the goal or indicator by its title. */
static void add_subject(rt_buf *b, const struct rt_plan_doc *d, const struct rt_finding *x)
{
	const char *entity = x->entity ? x->entity : "";
	const struct rt_goal *g = !strcmp(entity, "goal") ? rt_doc_goal(d, x->entity_id) : NULL;
	const struct rt_indicator *ind =
		!strcmp(entity, "indicator") ? rt_doc_indicator(d, x->entity_id) : NULL;
	if (g) {
		rt_buf_addf(b, "Mål: <a href=\"/mal/%lld\">", (long long)g->id);
		rt_buf_add_html(b, g->title);
		rt_buf_addstr(b, "</a>");
	} else if (ind) {
		rt_buf_addf(b, "Mätetal: <a href=\"/mal/%lld\">", (long long)ind->goal_id);
		rt_buf_add_html(b, ind->name);
		rt_buf_addstr(b, "</a>");
	} else {
		rt_buf_addstr(b, !strcmp(entity, "plan") ? "Planen"
		               : !strcmp(entity, "activity") ? "Aktivitet"
		               : !strncmp(entity, "budget", 6) ? "Budget" : "Planen");
	}
}

static void add_findings(rt_buf *b, const struct rt_plan_doc *d, const struct rt_findings *f)
{
	rt_buf_addstr(b, "<h2 id=\"granskning\">Granskning</h2>\n");
	if (f->n == 0) {
		rt_buf_addstr(b, "<p>Planen följer reglerna: inga fel eller varningar.</p>\n");
		return;
	}
	rt_buf_addstr(b, "<p>");
	add_counts(b, f);
	rt_buf_addstr(b, ".</p>\n<table class=\"findings\">\n<caption>Fel och varningar</caption>\n"
	                 "<thead><tr><th scope=\"col\">Allvar</th><th scope=\"col\">Gäller</th>"
	                 "<th scope=\"col\">Meddelande</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < f->n; i++) {
		const struct rt_finding *x = &f->items[i];
		rt_buf_addf(b, "<tr><td class=\"%s\">", x->severity == RT_SEV_ERROR ? "error" : "warning");
		rt_buf_add_html(b, rt_severity_label(x->severity));
		rt_buf_addstr(b, "</td><td>");
		add_subject(b, d, x);
		rt_buf_addstr(b, "</td><td>");
		rt_buf_add_html(b, x->message);
		rt_buf_addstr(b, "</td></tr>\n");
	}
	rt_buf_addstr(b, "</tbody>\n</table>\n");
}

/* Ändringsförteckning (seed 000): version, date, change, decided by. */
static void add_changes(rt_buf *b, const struct rt_plan_doc *d)
{
	if (d->n_changes == 0)
		return;
	rt_buf_addstr(b, "<h2>Ändringsförteckning</h2>\n<table class=\"changes\">\n"
	                 "<caption>Versioner av planen</caption>\n<thead><tr>"
	                 "<th scope=\"col\" class=\"num\">Version</th><th scope=\"col\">Datum</th>"
	                 "<th scope=\"col\">Ändring</th><th scope=\"col\">Beslutad av</th></tr></thead>\n"
	                 "<tbody>\n");
	for (size_t i = 0; i < d->n_changes; i++) {
		const struct rt_plan_change *c = &d->changes[i];
		rt_buf_addf(b, "<tr><td class=\"num\">%d</td><td>", c->version);
		rt_buf_add_html(b, c->date ? c->date : "");
		rt_buf_addstr(b, "</td><td>");
		rt_buf_add_html(b, c->change ? c->change : "");
		rt_buf_addstr(b, "</td><td>");
		rt_buf_add_html(b, c->decided_by ? c->decided_by : "");
		rt_buf_addstr(b, "</td></tr>\n");
	}
	rt_buf_addstr(b, "</tbody>\n</table>\n");
}

/* Follow-up: one outcome form per period that falls in the plan's years. */
static void add_periods(rt_buf *b, rt_store *s, rt_arena *a, const struct rt_plan *p)
{
	struct rt_period *list = NULL;
	size_t n = 0, shown = 0;
	rt_err ignore = RT_ERR_INIT;
	rt_buf_addstr(b, "<h2>Uppföljning</h2>\n");
	if (rt_store_period_list(s, a, &list, &n, &ignore) == 0)
		for (size_t i = 0; i < n; i++) {
			if (list[i].year < p->start_year || list[i].year > p->end_year)
				continue;
			rt_buf_addstr(b, shown++ ? "" : "<ul class=\"periods\">\n");
			rt_buf_addf(b, "<li><a href=\"/plan/%lld/utfall/", (long long)p->id);
			rt_web_add_url(b, list[i].key);
			rt_buf_addstr(b, "\">Mata in utfall för ");
			rt_buf_add_html(b, list[i].key);
			rt_buf_addstr(b, "</a> · <a href=\"/rapport?period=");
			rt_web_add_url(b, list[i].key);
			rt_buf_addstr(b, "\">Rapport ");
			rt_buf_add_html(b, list[i].key);
			rt_buf_addstr(b, "</a></li>\n");
		}
	rt_buf_addstr(b, shown ? "</ul>\n" : "<p>Ingen uppföljningsperiod ligger inom planens år.</p>\n");
}

/* The plan's §3.4 checklist form and its document (seed 000 numbering)
 * in the formats GET /api/v1/plans/{id}/document serves. */
static void add_documents(rt_buf *b, int64_t plan_id)
{
	static const struct { const char *format, *label; } docs[] = {
		{ "html", "Plandokument (HTML)" },
		{ "docx", "Plandokument (Word, DOCX)" },
		{ "pdf", "Plandokument (PDF)" },
	};
	long long id = (long long)plan_id;
	rt_buf_addf(b, "<h2>Plandokument och checklistor</h2>\n<ul class=\"links\">\n"
	               "<li><a href=\"/plan/%lld/checklista\">Perspektivanalyser (checklistor)</a></li>\n",
	            id);
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		rt_buf_addf(b, "<li><a href=\"/api/v1/plans/%lld/document?format=%s\">%s</a></li>\n", id,
		            docs[i].format, docs[i].label);
	rt_buf_addstr(b, "</ul>\n");
}

int rt_web_plan(rt_store *s, int64_t plan_id, rt_buf *out, rt_err *err)
{
	struct rt_plan_doc d;
	int rc = rt_web_load_plan(s, plan_id, &d, err);
	if (rc) {
		rt_plan_doc_release(&d);
		return rc;
	}
	rt_arena a = RT_ARENA_INIT;
	struct rt_goal_ref *refs = NULL;
	size_t n_refs = 0;
	if ((rc = rt_store_goal_refs(s, &a, &refs, &n_refs, err)) != 0) {
		rt_arena_release(&a);
		rt_plan_doc_release(&d);
		return rc;
	}
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_validate_plan(&d, refs, n_refs, &f);

	const struct rt_plan *p = &d.plan;
	rt_web_page_begin(out, p->title, RT_NAV_NONE);
	rt_buf_addstr(out, "<nav aria-label=\"Brödsmulor\" class=\"crumbs\"><a href=\"/\">Start</a> › ");
	rt_buf_add_html(out, p->title);
	rt_buf_addstr(out, "</nav>\n<h1>");
	rt_buf_add_html(out, p->title);
	rt_buf_addstr(out, "</h1>\n<dl class=\"facts\">\n");
	add_fact(out, "Typ", rt_plan_kind_label(p->kind));
	add_fact(out, "Ägare", d.owner.name);
	char years[32];
	if (p->start_year == p->end_year)
		snprintf(years, sizeof(years), "%d", p->start_year);
	else
		snprintf(years, sizeof(years), "%d–%d", p->start_year, p->end_year);
	add_fact(out, "Gäller", years);
	add_fact(out, "Diarienummer", p->case_number);
	add_fact(out, "Status", rt_plan_status_label(p->status));
	add_fact(out, "Beslutsinstans", p->decision_body);
	rt_buf_addstr(out, "</dl>\n");
	if (f.n) {
		rt_buf_addstr(out, "<p><a href=\"#granskning\">Granskningen hittade ");
		add_counts(out, &f);
		rt_buf_addstr(out, "</a></p>\n");
	}
	add_periods(out, s, &a, p);
	add_documents(out, p->id);
	rt_buf_addstr(out, "<h2>Struktur</h2>\n");
	if (d.n_goals == 0)
		rt_buf_addstr(out, "<p>Planen har inga mål ännu.</p>\n");
	add_goals(out, &d, 0, 0);
	add_findings(out, &d, &f);
	add_changes(out, &d);
	rt_web_page_end(out);

	rt_findings_release(&f);
	rt_arena_release(&a);
	rt_plan_doc_release(&d);
	return 0;
}
