/* The plan document as HTML; see plan_document.h. Reads the plan with
 * rt_store_plan_load and its sections with rt_store_plan_sections_load. */
#include <string.h>

#include "report/plan_document.h"

static void esc(rt_buf *o, const char *s)
{
	rt_buf_add_html(o, s ? s : "");
}

static void changes(rt_buf *o, const struct rt_plan_doc *d)
{
	rt_buf_addstr(o, "<table>\n<caption>Ändringsförteckning</caption>\n<thead><tr>"
	                 "<th scope=\"col\">Version</th><th scope=\"col\">Datum</th>"
	                 "<th scope=\"col\">Ändring</th><th scope=\"col\">Beslutat av</th></tr>"
	                 "</thead>\n<tbody>\n");
	for (size_t i = 0; i < d->n_changes; i++) {
		const struct rt_plan_change *c = &d->changes[i];
		rt_buf_addf(o, "<tr><td>%d.</td><td>", c->version);
		esc(o, c->date);
		rt_buf_addstr(o, "</td><td>");
		esc(o, c->change);
		rt_buf_addstr(o, "</td><td>");
		esc(o, c->decided_by);
		rt_buf_addstr(o, "</td></tr>\n");
	}
	if (!d->n_changes)
		rt_buf_addstr(o, "<tr><td colspan=\"4\">Inga ändringar registrerade.</td></tr>\n");
	rt_buf_addstr(o, "</tbody>\n</table>\n");
}

static void goals(rt_buf *o, const struct rt_plan_doc *d)
{
	rt_buf_addstr(o, "<section>\n<h2>2 Mål</h2>\n");
	if (!d->n_goals) rt_buf_addstr(o, "<p>Inga mål.</p>\n");
	else rt_buf_addstr(o, "<ol>\n");
	for (size_t i = 0; i < d->n_goals; i++) {
		const struct rt_goal *g = &d->goals[i];
		rt_buf_addstr(o, "<li><strong>");
		esc(o, g->title);
		rt_buf_addstr(o, "</strong>");
		if (g->lifted) rt_buf_addstr(o, " (lyfts till regiondirektörens verksamhetsplan)");
		int any = 0;
		for (size_t k = 0; k < d->n_indicators; k++) {
			if (d->indicators[k].goal_id != g->id) continue;
			rt_buf_addstr(o, any++ ? "" : "<ul>");
			rt_buf_addstr(o, "<li>Mätetal: ");
			esc(o, d->indicators[k].name);
			rt_buf_addstr(o, "</li>");
		}
		rt_buf_addstr(o, any ? "</ul></li>\n" : "</li>\n");
	}
	if (d->n_goals) rt_buf_addstr(o, "</ol>\n");
	rt_buf_addstr(o, "</section>\n");
}

static void activities(rt_buf *o, const struct rt_plan_doc *d)
{
	rt_buf_addstr(o, "<section>\n<h2>3 Aktiviteter</h2>\n");
	static const enum rt_activity_scope scopes[] = { RT_SCOPE_OPERATIONS,
	                                                 RT_SCOPE_MANAGEMENT_STAFF };
	for (int sc = 0; sc < 2; sc++) {
		rt_buf_addf(o, "<h3>3.%d Aktiviteter som rör %s</h3>\n", sc + 1,
		            sc == 0 ? "verksamheterna" : "ledningsstaberna");
		rt_buf_addstr(o, "<table>\n<thead><tr><th scope=\"col\">Aktivitet</th>"
		                 "<th scope=\"col\">Målgrupp</th><th scope=\"col\">Tidsplan</th>"
		                 "<th scope=\"col\">Ansvarig genomförande</th>"
		                 "<th scope=\"col\">Kontaktperson</th></tr></thead>\n<tbody>\n");
		int any = 0;
		for (size_t i = 0; i < d->n_activities; i++) {
			const struct rt_activity *a = &d->activities[i];
			if (a->scope != scopes[sc]) continue;
			any = 1;
			rt_buf_addstr(o, "<tr><td>");
			esc(o, a->title);
			rt_buf_addstr(o, "</td><td>");
			esc(o, a->target_group);
			rt_buf_addstr(o, "</td><td>");
			if (a->start_date || a->end_date) {
				esc(o, a->start_date);
				rt_buf_addstr(o, "–");
				esc(o, a->end_date);
			}
			rt_buf_addstr(o, "</td><td>");
			esc(o, a->owner);
			rt_buf_addstr(o, "</td><td>");
			esc(o, a->contact);
			rt_buf_addstr(o, "</td></tr>\n");
		}
		if (!any) rt_buf_addstr(o, "<tr><td colspan=\"5\">Inga aktiviteter.</td></tr>\n");
		rt_buf_addstr(o, "</tbody>\n</table>\n");
	}
	rt_buf_addstr(o, "</section>\n");
}

static const struct rt_checklist_answer *answer(const struct rt_checklist_answer *a, size_t n,
                                                int p, int q)
{
	for (size_t i = 0; i < n; i++)
		if ((int)a[i].perspective == p && a[i].question == q) return &a[i];
	return NULL;
}

static void perspectives(rt_buf *o, const struct rt_checklist_answer *a, size_t n)
{
	rt_buf_addstr(o, "<section>\n<h2>4 Beskrivning av hur handlingsplanen avser uppnå krav "
	                 "enligt särskilda perspektiv</h2>\n");
	for (int p = 0; p < RT_PERSP_COUNT; p++) {
		const struct rt_perspective_def *d = rt_perspective_def((enum rt_perspective)p);
		rt_buf_addf(o, "<h3>4.%d ", p + 1);
		esc(o, d->title);
		rt_buf_addstr(o, "</h3>\n");
		if (d->n_questions) {
			rt_buf_addstr(o, "<table>\n<thead><tr><th scope=\"col\">Fråga</th>"
			                 "<th scope=\"col\">Svar</th></tr></thead>\n<tbody>\n");
			for (int q = 1; q <= d->n_questions; q++) {
				const struct rt_checklist_answer *x = answer(a, n, p, q);
				rt_buf_addstr(o, "<tr><td>");
				esc(o, d->questions[q - 1]);
				rt_buf_addstr(o, "</td><td>");
				esc(o, rt_answer_label(x ? x->answer : RT_ANSWER_NONE));
				rt_buf_addstr(o, "</td></tr>\n");
			}
			rt_buf_addstr(o, "</tbody>\n</table>\n");
		}
		const struct rt_checklist_answer *m = answer(a, n, p, 0);
		if (m && m->motivation) {
			rt_buf_addstr(o, "<p><strong>Motivering:</strong> ");
			esc(o, m->motivation);
			rt_buf_addstr(o, "</p>\n");
		}
	}
	rt_buf_addstr(o, "</section>\n");
}

static void terms(rt_buf *o, const struct rt_plan_term *t, size_t n)
{
	rt_buf_addstr(o, "<section>\n<h2>5 Definitioner</h2>\n");
	if (!n) {
		rt_buf_addstr(o, "<p>Inga begrepp.</p>\n</section>\n");
		return;
	}
	rt_buf_addstr(o, "<dl>\n");
	for (size_t i = 0; i < n; i++) {
		rt_buf_addstr(o, "<dt>");
		esc(o, t[i].term);
		rt_buf_addstr(o, "</dt><dd>");
		esc(o, t[i].definition);
		rt_buf_addstr(o, "</dd>\n");
	}
	rt_buf_addstr(o, "</dl>\n</section>\n");
}

int rt_plan_document_html(rt_store *s, int64_t plan_id, rt_buf *out, rt_err *err)
{
	struct rt_plan_doc d;
	rt_plan_doc_init(&d);
	int rc = rt_store_plan_load(s, plan_id, &d, err);
	struct rt_checklist_answer *a = NULL;
	struct rt_plan_term *t = NULL;
	size_t na = 0, nt = 0;
	if (!rc) rc = rt_store_plan_sections_load(s, &d.arena, plan_id, &a, &na, &t, &nt, err);
	if (rc) {
		rt_plan_doc_release(&d);
		return rc;
	}
	rt_buf_addstr(out, "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
	                   "<title>");
	esc(out, d.plan.title);
	rt_buf_addstr(out, "</title>\n<style>body{font-family:'DejaVu Sans',Arial,sans-serif;"
	                   "max-width:52rem;margin:2rem auto;color:#1b1b1b;line-height:1.5}"
	                   "table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid "
	                   "#767676;padding:.3rem .6rem;text-align:left;vertical-align:top}"
	                   "caption{text-align:left;font-weight:bold}</style>\n</head>\n<body>\n"
	                   "<main>\n<h1>");
	esc(out, d.plan.title);
	rt_buf_addf(out, "</h1>\n<p>Version: %d", d.plan.version);
	if (d.plan.decision_body) {
		rt_buf_addstr(out, ". Beslutsinstans: ");
		esc(out, d.plan.decision_body);
	}
	if (d.plan.case_number) {
		rt_buf_addstr(out, ". Dnr: ");
		esc(out, d.plan.case_number);
	}
	rt_buf_addstr(out, "</p>\n");
	changes(out, &d);
	rt_buf_addstr(out, "<section>\n<h2>1 Inledning</h2>\n<p>");
	esc(out, d.plan.introduction ? d.plan.introduction : "Inledning saknas.");
	rt_buf_addstr(out, "</p>\n</section>\n");
	goals(out, &d);
	activities(out, &d);
	perspectives(out, a, na);
	terms(out, t, nt);
	rt_buf_addstr(out, "</main>\n</body>\n</html>\n");
	rt_plan_doc_release(&d);
	return 0;
}
