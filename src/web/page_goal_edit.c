/* The goal's edit form (/mal/{id}/andra): rubrik, numrering and
 * beskrivning, with the goal's row version in a hidden field (issue 8 §1).
 * When someone else saved the goal after the form was opened, nothing is
 * saved and the form comes back with what this person typed, the store's
 * message, and the stored text beside each field, so the change can be
 * redone without losing either. Writes go through the store's put (authz,
 * decided plans, audit); this file only renders and reads the form. */
#include "web/web_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

/* What the form sent (NULL: not sent) and what to say about it. */
struct goal_input {
	const char *title, *code, *description;
	bool conflict;     /* show the stored values beside the typed ones */
	char msg[512];
};

static void stored_beside(rt_buf *b, const char *id, const char *value)
{
	rt_buf_addf(b, "<p class=\"meta stored\" id=\"sparat-%s\">Sparat nu: ", id);
	rt_buf_add_html(b, value && value[0] ? value : "(tomt)");
	rt_buf_addstr(b, "</p>\n");
}

static void field(rt_buf *b, const char *id, const char *label, const char *typed,
                  const char *stored, bool textarea, bool conflict)
{
	const char *v = typed ? typed : stored ? stored : "";
	rt_buf_addf(b, "<p><label for=\"%s\">%s</label>\n", id, label);
	if (textarea) {
		rt_buf_addf(b, "<textarea id=\"%s\" name=\"%s\" rows=\"5\" cols=\"60\"%s>", id, id,
		            conflict ? " aria-describedby=\"sparat-beskrivning\"" : "");
		rt_buf_add_html(b, v);
		rt_buf_addstr(b, "</textarea></p>\n");
	} else {
		rt_buf_addf(b, "<input type=\"text\" id=\"%s\" name=\"%s\" value=\"", id, id);
		rt_buf_add_html(b, v);
		rt_buf_addstr(b, "\" size=\"60\"");
		if (conflict)
			rt_buf_addf(b, " aria-describedby=\"sparat-%s\"", id);
		rt_buf_addstr(b, "></p>\n");
	}
	if (conflict)
		stored_beside(b, id, stored);
}

static void render(rt_buf *b, const struct rt_goal *g, const struct rt_plan *p, int64_t version,
                   const struct goal_input *in)
{
	rt_buf title = RT_BUF_INIT;
	rt_buf_addf(&title, "Ändra mål – %s", g->title ? g->title : "");
	rt_web_page_begin(b, title.buf, RT_NAV_NONE);
	rt_buf_release(&title);
	long long id = (long long)g->id;
	rt_buf_addf(b, "<nav aria-label=\"Brödsmulor\" class=\"crumbs\"><a href=\"/\">Start</a> › "
	               "<a href=\"/plan/%lld\">", (long long)p->id);
	rt_buf_add_html(b, p->title);
	rt_buf_addf(b, "</a> › <a href=\"/mal/%lld\">", id);
	rt_buf_add_html(b, g->title);
	rt_buf_addstr(b, "</a> › Ändra</nav>\n<h1>Ändra målet</h1>\n");
	bool conflict = in && in->conflict;
	if (in && in->msg[0]) {
		rt_buf_addstr(b, "<div class=\"errors\" role=\"alert\"><h2>Inget sparades</h2>\n<p>");
		rt_buf_add_html(b, in->msg);
		rt_buf_addstr(b, "</p>\n");
		if (conflict)
			rt_buf_addstr(b, "<p>Det du skrev står kvar i fälten; det som är sparat nu visas "
			                 "under varje fält. Gör om din ändring och spara igen.</p>\n");
		rt_buf_addstr(b, "</div>\n");
	}
	char action[64];
	snprintf(action, sizeof(action), "/mal/%lld/andra", id);
	rt_web_form_post(b, action, "class=\"goal-edit\"");
	/* after a conflict the current version: saving again is deliberate */
	rt_buf_addf(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n", (long long)version);
	field(b, "rubrik", "Rubrik", in ? in->title : NULL, g->title, false, conflict);
	field(b, "numrering", "Numrering (t.ex. 2.1)", in ? in->code : NULL, g->code, false, conflict);
	field(b, "beskrivning", "Beskrivning", in ? in->description : NULL, g->description, true,
	      conflict);
	rt_buf_addf(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">Spara "
	               "målet</button> <a href=\"/mal/%lld\">Avbryt</a></div>\n</form>\n", id);
	rt_web_page_end(b);
}

/* The goal, its plan and its version, the version read first (store.h
 * rt_store_row_version). */
static int load(rt_store *s, rt_arena *a, int64_t goal_id, struct rt_goal *g, struct rt_plan *p,
                int64_t *version, rt_err *err)
{
	int rc = rt_store_row_version(s, "goal", goal_id, version, err);
	if (rc == RT_ENOTFOUND)
		rc = rt_err_set(err, RT_ENOTFOUND, "id", "Det finns inget mål med id %lld",
		                (long long)goal_id);
	if (rc == 0)
		rc = rt_store_goal_get(s, a, goal_id, g, err);
	if (rc == 0)
		rc = rt_store_plan_get(s, a, g->plan_id, p, err);
	return rc;
}

int rt_web_goal_edit(rt_store *s, int64_t goal_id, rt_buf *out, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_goal g;
	struct rt_plan p;
	int64_t version = 0;
	int rc = load(s, &a, goal_id, &g, &p, &version, err);
	if (rc == 0)
		render(out, &g, &p, version, NULL);
	rt_arena_release(&a);
	return rc;
}

/* "" and whitespace are no text: NULL in the store. */
static char *or_null(const char *v)
{
	return rt_str_blank(v) ? NULL : (char *)v;
}

int rt_web_goal_edit_save(rt_store *s, int64_t goal_id, const struct rt_web_param *fields,
                          size_t n_fields, const char *actor, rt_buf *page, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct goal_input in = { rt_web_param(fields, n_fields, "rubrik"),
	                         rt_web_param(fields, n_fields, "numrering"),
	                         rt_web_param(fields, n_fields, "beskrivning"), false, "" };
	const char *ver = rt_web_param(fields, n_fields, "version");
	char *end = NULL;
	long long expected = ver && *ver ? strtoll(ver, &end, 10) : 0;
	bool has = end && *end == '\0' && expected > 0;
	struct rt_goal g;
	struct rt_plan p;
	int64_t version = 0;
	int rc = rt_store_begin(s, actor, err);
	if (rc == 0 && has)
		rc = rt_store_expect_version(s, "goal", goal_id, expected, err);
	if (rc == 0)
		rc = rt_store_goal_get(s, &a, goal_id, &g, err);
	if (rc == 0) {
		if (in.title)
			g.title = (char *)in.title;
		if (in.code)
			g.code = or_null(in.code);
		if (in.description)
			g.description = or_null(in.description);
		if (rt_str_blank(g.title))
			rc = rt_err_set(err, RT_EINVAL, "rubrik", "Målet måste ha en rubrik.");
	}
	if (rc == 0)
		rc = rt_store_goal_put(s, &g, err);
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
		if (load(s, &a, goal_id, &g, &p, &version, &e2) == 0)
			render(page, &g, &p, conflict ? version : (has ? expected : version), &in);
		if (rc == RT_ESTATE)   /* a decided plan: shown as a refused value (422) */
			rc = RT_EINVAL;
	}
	rt_arena_release(&a);
	return rc;
}
