/* The plan document; see plan_document.h. Reads the plan with
 * rt_store_plan_load and its sections with rt_store_plan_sections_load,
 * and writes through report/doc_sink.h. */
#include <stdio.h>
#include <string.h>

#include "report/plan_document.h"

static const char *or_empty(const char *s) { return s ? s : ""; }

static void changes(struct rt_doc *d, const struct rt_plan_doc *p)
{
	static const char *const cols[] = { "Version", "Datum", "Ändring", "Beslutat av" };
	rt_doc_table_begin(d, "Ändringsförteckning", cols, 4);
	for (size_t i = 0; i < p->n_changes; i++) {
		const struct rt_plan_change *c = &p->changes[i];
		char v[16];
		snprintf(v, sizeof(v), "%d.", c->version);
		const char *row[] = { v, or_empty(c->date), or_empty(c->change), or_empty(c->decided_by) };
		rt_doc_row(d, row, 4);
	}
	if (!p->n_changes) {
		const char *row[] = { "", "", "Inga ändringar registrerade.", "" };
		rt_doc_row(d, row, 4);
	}
	rt_doc_table_end(d);
}

static void goals(struct rt_doc *d, const struct rt_plan_doc *p)
{
	rt_doc_heading(d, 2, "2 Mål");
	if (!p->n_goals) rt_doc_para(d, NULL, "Inga mål.", NULL);
	rt_buf label = RT_BUF_INIT;
	for (size_t i = 0; i < p->n_goals; i++) {
		const struct rt_goal *g = &p->goals[i];
		rt_buf_reset(&label);
		rt_buf_addf(&label, "Mål %zu:", i + 1);
		rt_doc_para(d, label.buf, g->title, NULL);
		if (g->lifted)
			rt_doc_para(d, NULL, "Lyfts till regiondirektörens verksamhetsplan.", NULL);
		for (size_t k = 0; k < p->n_indicators; k++)
			if (p->indicators[k].goal_id == g->id)
				rt_doc_para(d, "Mätetal:", p->indicators[k].name, NULL);
	}
	rt_buf_release(&label);
}

static void activities(struct rt_doc *d, const struct rt_plan_doc *p)
{
	rt_doc_heading(d, 2, "3 Aktiviteter");
	static const char *const cols[] = { "Aktivitet", "Målgrupp", "Tidsplan",
	                                    "Ansvarig genomförande", "Kontaktperson" };
	static const char *const heads[] = { "3.1 Aktiviteter som rör verksamheterna",
	                                     "3.2 Aktiviteter som rör ledningsstaberna" };
	static const enum rt_activity_scope scopes[] = { RT_SCOPE_OPERATIONS,
	                                                 RT_SCOPE_MANAGEMENT_STAFF };
	rt_buf when = RT_BUF_INIT;
	for (int sc = 0; sc < 2; sc++) {
		rt_doc_heading(d, 3, heads[sc]);
		rt_doc_table_begin(d, NULL, cols, 5);
		int any = 0;
		for (size_t i = 0; i < p->n_activities; i++) {
			const struct rt_activity *a = &p->activities[i];
			if (a->scope != scopes[sc]) continue;
			any = 1;
			rt_buf_reset(&when);
			if (a->start_date || a->end_date)
				rt_buf_addf(&when, "%s–%s", or_empty(a->start_date), or_empty(a->end_date));
			const char *row[] = { a->title, or_empty(a->target_group), when.buf,
			                      or_empty(a->owner), or_empty(a->contact) };
			rt_doc_row(d, row, 5);
		}
		if (!any) {
			const char *row[] = { "Inga aktiviteter.", "", "", "", "" };
			rt_doc_row(d, row, 5);
		}
		rt_doc_table_end(d);
	}
	rt_buf_release(&when);
}

static const struct rt_checklist_answer *answer(const struct rt_checklist_answer *a, size_t n,
                                                int p, int q)
{
	for (size_t i = 0; i < n; i++)
		if ((int)a[i].perspective == p && a[i].question == q) return &a[i];
	return NULL;
}

static void perspectives(struct rt_doc *d, const struct rt_checklist_answer *a, size_t n)
{
	rt_doc_heading(d, 2, "4 Beskrivning av hur handlingsplanen avser uppnå krav enligt "
	                     "särskilda perspektiv");
	static const char *const cols[] = { "Fråga", "Svar" };
	char head[160];
	for (int p = 0; p < RT_PERSP_COUNT; p++) {
		const struct rt_perspective_def *def = rt_perspective_def((enum rt_perspective)p);
		snprintf(head, sizeof(head), "4.%d %s", p + 1, def->title);
		rt_doc_heading(d, 3, head);
		if (def->n_questions) {
			rt_doc_table_begin(d, NULL, cols, 2);
			for (int q = 1; q <= def->n_questions; q++) {
				const struct rt_checklist_answer *x = answer(a, n, p, q);
				const char *row[] = { def->questions[q - 1],
				                      rt_answer_label(x ? x->answer : RT_ANSWER_NONE) };
				rt_doc_row(d, row, 2);
			}
			rt_doc_table_end(d);
		}
		const struct rt_checklist_answer *m = answer(a, n, p, 0);
		if (m && m->motivation) rt_doc_para(d, "Motivering:", m->motivation, NULL);
	}
}

static void terms(struct rt_doc *d, const struct rt_plan_term *t, size_t n)
{
	rt_doc_heading(d, 2, "5 Definitioner");
	if (!n) {
		rt_doc_para(d, NULL, "Inga begrepp.", NULL);
		return;
	}
	static const char *const cols[] = { "Begrepp", "Förklaring" };
	rt_doc_table_begin(d, NULL, cols, 2);
	for (size_t i = 0; i < n; i++) {
		const char *row[] = { t[i].term, t[i].definition };
		rt_doc_row(d, row, 2);
	}
	rt_doc_table_end(d);
}

int rt_plan_document_render(rt_store *s, int64_t plan_id, enum rt_doc_format f, rt_buf *out,
                            rt_err *err)
{
	struct rt_plan_doc p;
	rt_plan_doc_init(&p);
	int rc = rt_store_plan_load(s, plan_id, &p, err);
	struct rt_checklist_answer *a = NULL;
	struct rt_plan_term *t = NULL;
	size_t na = 0, nt = 0;
	if (!rc) rc = rt_store_plan_sections_load(s, &p.arena, plan_id, &a, &na, &t, &nt, err);
	if (rc) {
		rt_plan_doc_release(&p);
		return rc;
	}
	struct rt_doc d;
	rt_doc_begin(&d, f, p.plan.title);
	rt_doc_heading(&d, 1, p.plan.title);
	rt_buf meta = RT_BUF_INIT;
	rt_buf_addf(&meta, "Version: %d", p.plan.version);
	if (p.plan.decision_body) rt_buf_addf(&meta, ". Beslutsinstans: %s", p.plan.decision_body);
	if (p.plan.case_number) rt_buf_addf(&meta, ". Dnr: %s", p.plan.case_number);
	rt_doc_para(&d, NULL, meta.buf, NULL);
	rt_buf_release(&meta);
	changes(&d, &p);
	rt_doc_heading(&d, 2, "1 Inledning");
	rt_doc_para(&d, NULL, p.plan.introduction ? p.plan.introduction : "Inledning saknas.", NULL);
	goals(&d, &p);
	activities(&d, &p);
	perspectives(&d, a, na);
	terms(&d, t, nt);
	rc = rt_doc_finish(&d, out, err);
	rt_plan_doc_release(&p);
	return rc;
}
