/* The goal's edit form (/mal/{id}/andra): rubrik, numrering and
 * beskrivning, with the goal's row version in a hidden field (issue 8 §1).
 * Opening, saving and the conflict page are page_form_edit.c's; this file
 * says what a goal's form holds. */
#include "web/web_int.h"

#include <stddef.h>
#include <stdio.h>

#include "util/text.h"

struct goal_page {
	struct rt_goal g;   /* first: the edited row */
	struct rt_plan p;
};

static int load(rt_store *s, rt_arena *a, int64_t id, const char *key, void *row,
                int64_t *version, rt_err *err)
{
	(void)key;
	struct goal_page *pg = row;
	int rc = rt_web_edit_version(s, "goal", id, "inget mål", version, err);
	return rc ? rc : rt_web_edit_goal_plan(s, a, id, &pg->g, &pg->p, err);
}

#define F(name, label, member, area) { name, label, offsetof(struct rt_goal, member), area }
static const struct rt_web_edit_text texts[] = {
	F("rubrik", "Rubrik", title, false),
	F("numrering", "Numrering (t.ex. 2.1)", code, false),
	F("beskrivning", "Beskrivning", description, true),
};
#undef F
#define N_TEXTS (sizeof(texts) / sizeof(texts[0]))

static int apply(rt_arena *a, void *row, const struct rt_web_edit_in *in, rt_err *err)
{
	(void)a;
	struct rt_goal *g = row;
	rt_web_edit_texts_apply(g, texts, N_TEXTS, in);
	if (rt_str_blank(g->title))
		return rt_err_set(err, RT_EINVAL, "rubrik", "Målet måste ha en rubrik.");
	return 0;
}

static int put(rt_store *s, void *row, rt_err *err)
{
	return rt_store_goal_put(s, row, err);
}

static void render(rt_buf *b, const void *row, int64_t version, const struct rt_web_edit_in *in)
{
	const struct goal_page *pg = row;
	rt_buf title = RT_BUF_INIT;
	rt_buf_addf(&title, "Ändra mål – %s", pg->g.title ? pg->g.title : "");
	char action[64];
	snprintf(action, sizeof(action), "/mal/%lld/andra", (long long)pg->g.id);
	const struct rt_web_edit_head h = { title.buf, "Ändra", "Ändra målet", action,
	                                    "class=\"goal-edit\"", "Spara målet", &pg->p, &pg->g };
	rt_web_edit_begin(b, &h, in, version);
	rt_web_edit_texts(b, &pg->g, texts, N_TEXTS, in);
	rt_web_edit_end(b, &h);
	rt_buf_release(&title);
}

static const struct rt_web_edit goal_edit = {
	sizeof(struct goal_page), "goal", false, load, NULL, apply, put, render,
};

int rt_web_goal_edit(rt_store *s, int64_t goal_id, rt_buf *out, rt_err *err)
{
	return rt_web_edit_page(s, &goal_edit, goal_id, NULL, false, out, err);
}

int rt_web_goal_edit_save(rt_store *s, int64_t goal_id, const struct rt_web_param *fields,
                          size_t n_fields, const char *actor, rt_buf *page, rt_err *err)
{
	return rt_web_edit_save(s, &goal_edit, goal_id, NULL, fields, n_fields, actor, page, err);
}
