/* GET/POST /plan/{id}/checklista: avsnitt 4 of an övergripande
 * handlingsplan (seed 000 §3.4) as a form — each perspective a fieldset,
 * each of the seed's questions a group of three radio buttons (Ja, Nej, Ej
 * aktuellt), and the motivation the seed asks for when the plan is not
 * affected. What still blocks "för beslut" is listed first, from the same
 * core rule the CLI and the store use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web_int.h"
#include "web/web_process.h"

static const struct rt_checklist_answer *find(const struct rt_checklist_answer *a, size_t n,
                                              int p, int q)
{
	for (size_t i = 0; i < n; i++)
		if ((int)a[i].perspective == p && a[i].question == q) return &a[i];
	return NULL;
}

static void form(rt_buf *b, const struct rt_plan *plan, const struct rt_checklist_answer *a,
                 size_t n, bool saved, const char *error)
{
	rt_buf title = RT_BUF_INIT;
	rt_buf_addstr(&title, "Särskilda perspektiv – ");
	rt_buf_addstr(&title, plan->title);
	rt_web_page_begin(b, title.buf, RT_NAV_NONE);
	rt_buf_release(&title);
	rt_buf_addstr(b, "<h1>Avsnitt 4 – särskilda perspektiv</h1>\n<p class=\"meta\">");
	rt_buf_addf(b, "<a href=\"/plan/%lld\">", (long long)plan->id);
	rt_buf_add_html(b, plan->title);
	rt_buf_addf(b, "</a>. Status: %s.</p>\n", rt_plan_status_label(plan->status));
	if (saved) rt_buf_addstr(b, "<p class=\"notice\" role=\"status\">Svaren är sparade.</p>\n");
	if (error) {
		rt_buf_addstr(b, "<div class=\"errors\" role=\"alert\"><p>");
		rt_buf_add_html(b, error);
		rt_buf_addstr(b, "</p></div>\n");
	}
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_plan_sections_check(plan, a, n, NULL, 0, &f);
	size_t blocking = 0;
	for (size_t i = 0; i < f.n; i++)
		if (!strncmp(f.items[i].rule, "checklist_", 10)) blocking++;
	if (blocking) {
		rt_buf_addf(b, "<section class=\"errors\" aria-labelledby=\"blockerar\"><h2 id=\"blockerar\">"
		               "Planen kan inte gå till beslut än (%zu kvar)</h2>\n<ul>\n", blocking);
		for (size_t i = 0; i < f.n; i++) {
			if (strncmp(f.items[i].rule, "checklist_", 10)) continue;
			rt_buf_addstr(b, "<li>");
			rt_buf_add_html(b, f.items[i].message);
			rt_buf_addstr(b, "</li>\n");
		}
		rt_buf_addstr(b, "</ul>\n</section>\n");
	} else {
		rt_buf_addstr(b, "<p class=\"notice\">Alla perspektiv är besvarade; avsnitt 4 hindrar "
		                 "inte att planen går till beslut.</p>\n");
	}
	rt_findings_release(&f);
	char action[64];
	snprintf(action, sizeof(action), "/plan/%lld/checklista", (long long)plan->id);
	rt_web_form_post(b, action, "class=\"checklist\"");
	static const enum rt_answer choices[] = { RT_ANSWER_YES, RT_ANSWER_NO, RT_ANSWER_NA };
	for (int p = 0; p < RT_PERSP_COUNT; p++) {
		const struct rt_perspective_def *d = rt_perspective_def((enum rt_perspective)p);
		rt_buf_addf(b, "<fieldset>\n<legend><h2>%s ", d->number);
		rt_buf_add_html(b, d->title);
		rt_buf_addstr(b, "</h2></legend>\n");
		for (int q = 1; q <= d->n_questions; q++) {
			const struct rt_checklist_answer *x = find(a, n, p, q);
			rt_buf_addf(b, "<fieldset class=\"question\">\n<legend>%d. ", q);
			rt_buf_add_html(b, d->questions[q - 1]);
			rt_buf_addstr(b, "</legend>\n");
			for (int c = 0; c < 3; c++) {
				const char *v = rt_answer_name(choices[c]);
				rt_buf_addf(b, "<label><input type=\"radio\" name=\"svar-%s-%d\" value=\"%s\"%s> "
				               "%s</label>\n", d->key, q, v,
				            x && x->answer == choices[c] ? " checked" : "",
				            rt_answer_label(choices[c]));
			}
			rt_buf_addstr(b, "</fieldset>\n");
		}
		const struct rt_checklist_answer *m = find(a, n, p, 0);
		rt_buf_addstr(b, "<p class=\"meta\">");
		rt_buf_add_html(b, d->guidance);
		rt_buf_addstr(b, "</p>\n");
		rt_buf_addf(b, "<label for=\"motivering-%s\">Motivering – ", d->key);
		rt_buf_add_html(b, d->not_affected);
		rt_buf_addf(b, "</label>\n<textarea id=\"motivering-%s\" name=\"motivering-%s\" "
		               "rows=\"3\" cols=\"60\">", d->key, d->key);
		if (m && m->motivation) rt_buf_add_html(b, m->motivation);
		rt_buf_addstr(b, "</textarea>\n</fieldset>\n");
	}
	rt_buf_addstr(b, "<p><button type=\"submit\" class=\"primary\">Spara svaren</button></p>\n"
	                 "</form>\n");
	rt_web_page_end(b);
}

static int load(rt_store *s, rt_arena *a, int64_t plan_id, struct rt_plan *p,
                struct rt_checklist_answer **ans, size_t *n, rt_err *err)
{
	struct rt_plan_term *t;
	size_t nt;
	int rc = rt_store_plan_get(s, a, plan_id, p, err);
	if (rc == RT_ENOTFOUND) rt_err_set(err, RT_ENOTFOUND, "id", "Planen finns inte.");
	if (!rc) rc = rt_store_plan_sections_load(s, a, plan_id, ans, n, &t, &nt, err);
	return rc;
}

int rt_web_checklist(rt_store *s, int64_t plan_id, bool saved, rt_buf *out, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan p;
	struct rt_checklist_answer *ans = NULL;
	size_t n = 0;
	int rc = load(s, &a, plan_id, &p, &ans, &n, err);
	if (!rc) form(out, &p, ans, n, saved, NULL);
	rt_arena_release(&a);
	return rc;
}

/* The existing row of (perspective, question), to update in place. */
static int64_t existing(const struct rt_checklist_answer *a, size_t n, int p, int q)
{
	const struct rt_checklist_answer *x = find(a, n, p, q);
	return x ? x->id : 0;
}

int rt_web_checklist_save(rt_store *s, int64_t plan_id, const struct rt_web_param *fields,
                          size_t n_fields, const char *actor, rt_buf *page, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan p;
	struct rt_checklist_answer *ans = NULL;
	size_t n = 0;
	int rc = load(s, &a, plan_id, &p, &ans, &n, err);
	if (rc) goto out;
	if ((rc = rt_store_begin(s, actor, err)) != 0) goto out;
	char name[64];
	for (int k = 0; k < RT_PERSP_COUNT && !rc; k++) {
		const struct rt_perspective_def *d = rt_perspective_def((enum rt_perspective)k);
		for (int q = 1; q <= d->n_questions && !rc; q++) {
			snprintf(name, sizeof(name), "svar-%s-%d", d->key, q);
			const char *v = rt_web_param(fields, n_fields, name);
			if (!v || !*v) continue;
			struct rt_checklist_answer x = { existing(ans, n, k, q), plan_id,
			                                 (enum rt_perspective)k, q, RT_ANSWER_NONE, NULL };
			if ((rc = rt_answer_parse(v, &x.answer, err)) == 0)
				rc = rt_store_checklist_put(s, &x, err);
		}
		snprintf(name, sizeof(name), "motivering-%s", d->key);
		const char *m = rt_web_param(fields, n_fields, name);
		int64_t id = existing(ans, n, k, 0);
		if (!rc && m && (*m || id)) {
			struct rt_checklist_answer x = { id, plan_id, (enum rt_perspective)k, 0,
			                                 RT_ANSWER_NONE, (char *)m };
			rc = rt_store_checklist_put(s, &x, err);
		}
	}
	if (!rc) rc = rt_store_commit(s, err);
	if (rc) {
		rt_store_rollback(s);
		if (rc == RT_EINVAL && page) form(page, &p, ans, n, false, err->msg);
	}
out:
	rt_arena_release(&a);
	return rc;
}
