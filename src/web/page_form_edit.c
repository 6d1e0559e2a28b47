/* The edit forms of one row that carries a row version (issue 8 §1): the
 * goal, an indicator, an activity, a goal's assessment for a period. One
 * driver opens the form with the row's version in a hidden field and
 * saves it in one audited transaction, conditional on that version; when
 * someone else saved the row after the form was opened, nothing is saved
 * and the form comes back with what this person typed, the store's
 * message, and the stored value beside each field, so the change can be
 * redone without losing either. Bad input (RT_EINVAL) and a decided plan
 * (RT_ESTATE) bring the form back with the message the same way. The
 * pages (page_*_edit.c) only say what the row is, how the fields apply
 * and how it looks; writes go through the store's put (authz, decided
 * plans, audit). */
#include "web/web_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

const char *rt_web_edit_typed(const struct rt_web_edit_in *in, const char *name)
{
	return in && in->fields ? rt_web_param(in->fields, in->n, name) : NULL;
}

char *rt_web_edit_text(const char *v)
{
	return rt_str_blank(v) ? NULL : (char *)v;
}

int rt_web_edit_page(rt_store *s, const struct rt_web_edit *e, int64_t id, const char *key,
                     bool saved, rt_buf *out, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	void *row = rt_arena_alloc(&a, e->size);
	int64_t version = 0;
	int rc = e->load(s, &a, id, key, row, &version, err);
	if (rc == 0) {
		struct rt_web_edit_in in = { NULL, 0, false, saved, "" };
		e->render(out, row, version, &in);
	}
	rt_arena_release(&a);
	return rc;
}

/* The version the form was opened at; false when the field is missing or
 * not one (then the save is unconditional, as the CLI's). */
static bool posted_version(const struct rt_web_edit *e, const struct rt_web_param *fields,
                           size_t n, int64_t *expected)
{
	const char *ver = rt_web_param(fields, n, "version");
	char *end = NULL;
	long long v = ver && *ver ? strtoll(ver, &end, 10) : -1;
	*expected = v;
	return end && *end == '\0' && (v > 0 || (v == 0 && e->allow_zero));
}

int rt_web_edit_save(rt_store *s, const struct rt_web_edit *e, int64_t id, const char *key,
                     const struct rt_web_param *fields, size_t n_fields, const char *actor,
                     rt_buf *page, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_web_edit_in in = { fields, n_fields, false, false, "" };
	int64_t expected = 0, version = 0;
	bool has = posted_version(e, fields, n_fields, &expected);
	void *row = rt_arena_alloc(&a, e->size);
	int rc = rt_store_begin(s, actor, err);
	if (rc == 0)
		rc = e->load(s, &a, id, key, row, &version, err);
	if (rc == 0 && has)
		rc = e->expect ? e->expect(s, row, expected, err)
		               : rt_store_expect_version(s, e->table, *(const int64_t *)row, expected,
		                                         err);
	if (rc == 0)
		rc = e->apply(&a, row, &in, err);
	if (rc == 0)
		rc = e->put(s, row, err);
	if (rc == 0)
		rc = rt_store_commit(s, err);
	else
		rt_store_rollback(s);
	/* the form again for what the person can act on: a conflict (with
	 * the stored values, read afresh) or a refused value */
	bool conflict = rc == RT_ECONFLICT && err && !strcmp(err->field, "version");
	if (page && (conflict || rc == RT_EINVAL || rc == RT_ESTATE)) {
		rt_err e2 = RT_ERR_INIT;
		in.conflict = conflict;
		snprintf(in.msg, sizeof(in.msg), "%s", err ? err->msg : "");
		memset(row, 0, e->size);
		/* after a conflict the current version: saving again is deliberate */
		if (e->load(s, &a, id, key, row, &version, &e2) == 0)
			e->render(page, row, conflict ? version : (has ? expected : version), &in);
		if (rc == RT_ESTATE)   /* a decided plan: shown as a refused value (422) */
			rc = RT_EINVAL;
	}
	rt_arena_release(&a);
	return rc;
}

void rt_web_edit_begin(rt_buf *b, const struct rt_web_edit_head *h,
                       const struct rt_web_edit_in *in, int64_t version)
{
	rt_web_page_begin(b, h->title, RT_NAV_NONE);
	rt_buf_addf(b, "<nav aria-label=\"Brödsmulor\" class=\"crumbs\"><a href=\"/\">Start</a> › "
	               "<a href=\"/plan/%lld\">", (long long)h->plan->id);
	rt_buf_add_html(b, h->plan->title);
	rt_buf_addf(b, "</a> › <a href=\"/mal/%lld\">", (long long)h->goal->id);
	rt_buf_add_html(b, h->goal->title);
	rt_buf_addstr(b, "</a> › ");
	rt_buf_add_html(b, h->crumb);
	rt_buf_addstr(b, "</nav>\n<h1>");
	rt_buf_add_html(b, h->heading);
	rt_buf_addstr(b, "</h1>\n");
	if (in && in->saved)
		rt_buf_addf(b, "<p class=\"notice\" role=\"status\">Ändringarna är sparade. "
		               "<a href=\"/mal/%lld\">Tillbaka till målet</a></p>\n",
		            (long long)h->goal->id);
	if (in && in->msg[0]) {
		rt_buf_addstr(b, "<div class=\"errors\" role=\"alert\"><h2>Inget sparades</h2>\n<p>");
		rt_buf_add_html(b, in->msg);
		rt_buf_addstr(b, "</p>\n");
		if (in->conflict)
			rt_buf_addstr(b, "<p>Det du skrev står kvar i fälten; det som är sparat nu visas "
			                 "under varje fält. Gör om din ändring och spara igen.</p>\n");
		rt_buf_addstr(b, "</div>\n");
	}
	rt_web_form_post(b, h->action, h->form_attrs);
	rt_buf_addf(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n", (long long)version);
}

void rt_web_edit_end(rt_buf *b, const struct rt_web_edit_head *h)
{
	rt_buf_addstr(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">");
	rt_buf_add_html(b, h->submit);
	rt_buf_addf(b, "</button> <a href=\"/mal/%lld\">Avbryt</a></div>\n</form>\n",
	            (long long)h->goal->id);
	rt_web_page_end(b);
}

static void stored_beside(rt_buf *b, const char *id, const char *value)
{
	rt_buf_addf(b, "<p class=\"meta stored\" id=\"sparat-%s\">Sparat nu: ", id);
	rt_buf_add_html(b, value && value[0] ? value : "(tomt)");
	rt_buf_addstr(b, "</p>\n");
}

static void described_by(rt_buf *b, const char *id, bool conflict)
{
	if (conflict)
		rt_buf_addf(b, " aria-describedby=\"sparat-%s\"", id);
}

void rt_web_edit_field(rt_buf *b, const struct rt_web_edit_in *in, const char *id,
                       const char *label, const char *stored, bool textarea)
{
	const char *typed = rt_web_edit_typed(in, id);
	const char *v = typed ? typed : stored ? stored : "";
	bool conflict = in && in->conflict;
	rt_buf_addf(b, "<p><label for=\"%s\">", id);
	rt_buf_add_html(b, label);
	rt_buf_addstr(b, "</label>\n");
	if (textarea) {
		rt_buf_addf(b, "<textarea id=\"%s\" name=\"%s\" rows=\"5\" cols=\"60\"", id, id);
		described_by(b, id, conflict);
		rt_buf_addch(b, '>');
		rt_buf_add_html(b, v);
		rt_buf_addstr(b, "</textarea></p>\n");
	} else {
		rt_buf_addf(b, "<input type=\"text\" id=\"%s\" name=\"%s\" value=\"", id, id);
		rt_buf_add_html(b, v);
		rt_buf_addstr(b, "\" size=\"60\"");
		described_by(b, id, conflict);
		rt_buf_addstr(b, "></p>\n");
	}
	if (conflict)
		stored_beside(b, id, stored);
}

void rt_web_edit_select(rt_buf *b, const struct rt_web_edit_in *in, const char *id,
                        const char *label, const struct rt_web_option *opts, size_t n,
                        const char *stored)
{
	const char *typed = rt_web_edit_typed(in, id);
	const char *v = typed ? typed : stored ? stored : "";
	bool conflict = in && in->conflict;
	const char *stored_label = NULL;
	rt_buf_addf(b, "<p><label for=\"%s\">", id);
	rt_buf_add_html(b, label);
	rt_buf_addf(b, "</label>\n<select id=\"%s\" name=\"%s\"", id, id);
	described_by(b, id, conflict);
	rt_buf_addstr(b, ">\n");
	for (size_t i = 0; i < n; i++) {
		if (stored && !strcmp(opts[i].value, stored))
			stored_label = opts[i].label;
		rt_buf_addstr(b, "<option value=\"");
		rt_buf_add_html(b, opts[i].value);
		rt_buf_addch(b, '"');
		if (!strcmp(opts[i].value, v))
			rt_buf_addstr(b, " selected");
		rt_buf_addch(b, '>');
		rt_buf_add_html(b, opts[i].label);
		rt_buf_addstr(b, "</option>\n");
	}
	rt_buf_addstr(b, "</select></p>\n");
	if (conflict)
		stored_beside(b, id, stored_label);
}

static char **text_slot(const void *row, const struct rt_web_edit_text *f)
{
	return (char **)((const char *)row + f->offset);
}

void rt_web_edit_texts_apply(void *row, const struct rt_web_edit_text *f, size_t n,
                             const struct rt_web_edit_in *in)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = rt_web_edit_typed(in, f[i].name);
		if (v)
			*text_slot(row, &f[i]) = rt_web_edit_text(v);
	}
}

void rt_web_edit_texts(rt_buf *b, const void *row, const struct rt_web_edit_text *f, size_t n,
                       const struct rt_web_edit_in *in)
{
	for (size_t i = 0; i < n; i++)
		rt_web_edit_field(b, in, f[i].name, f[i].label, *text_slot(row, &f[i]), f[i].textarea);
}

int rt_web_edit_goal_plan(rt_store *s, rt_arena *a, int64_t goal_id, struct rt_goal *g,
                          struct rt_plan *p, rt_err *err)
{
	int rc = rt_store_goal_get(s, a, goal_id, g, err);
	return rc ? rc : rt_store_plan_get(s, a, g->plan_id, p, err);
}

int rt_web_edit_version(rt_store *s, const char *table, int64_t id, const char *none,
                        int64_t *version, rt_err *err)
{
	int rc = rt_store_row_version(s, table, id, version, err);
	if (rc == RT_ENOTFOUND)
		rc = rt_err_set(err, RT_ENOTFOUND, "id", "Det finns %s med id %lld", none,
		                (long long)id);
	return rc;
}
