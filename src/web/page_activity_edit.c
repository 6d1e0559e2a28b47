/* An activity's edit form (/aktivitet/{id}/andra): rubrik, beskrivning,
 * målgrupp, ansvarig, kontaktperson and the tidsplan, with the row version
 * in a hidden field (issue 8 §1; the driver and the conflict page are
 * page_form_edit.c's). The core's rt_activity_check decides what is
 * accepted (a title, ISO dates, start before end). */
#include "web/web_int.h"

#include <stddef.h>
#include <stdio.h>

struct activity_page {
	struct rt_activity act;   /* first: the edited row */
	struct rt_goal g;
	struct rt_plan p;
};

static int load(rt_store *s, rt_arena *a, int64_t id, const char *key, void *row,
                int64_t *version, rt_err *err)
{
	(void)key;
	struct activity_page *pg = row;
	int rc = rt_web_edit_version(s, "activity", id, "ingen aktivitet", version, err);
	if (rc == 0)
		rc = rt_store_activity_get(s, a, id, &pg->act, err);
	return rc ? rc : rt_web_edit_goal_plan(s, a, pg->act.goal_id, &pg->g, &pg->p, err);
}

/* The form's fields and where they go (the check wants a title). */
#define F(name, label, member, area) { name, label, offsetof(struct rt_activity, member), area }
static const struct rt_web_edit_text fields[] = {
	F("rubrik", "Rubrik", title, false),
	F("beskrivning", "Beskrivning", description, true),
	F("malgrupp", "Målgrupp", target_group, false),
	F("ansvarig", "Ansvarig för genomförandet", owner, false),
	F("kontakt", "Kontaktperson", contact, false),
	F("start", "Startdatum (ÅÅÅÅ-MM-DD)", start_date, false),
	F("slut", "Slutdatum (ÅÅÅÅ-MM-DD)", end_date, false),
};
#undef F
#define N_FIELDS (sizeof(fields) / sizeof(fields[0]))

static int apply(rt_arena *a, void *row, const struct rt_web_edit_in *in, rt_err *err)
{
	(void)a;
	rt_web_edit_texts_apply(row, fields, N_FIELDS, in);
	return rt_activity_check(row, err);
}

static int put(rt_store *s, void *row, rt_err *err)
{
	return rt_store_activity_put(s, row, err);
}

static void render(rt_buf *b, const void *row, int64_t version, const struct rt_web_edit_in *in)
{
	const struct activity_page *pg = row;
	rt_buf title = RT_BUF_INIT;
	rt_buf_addf(&title, "Ändra aktivitet – %s", pg->act.title ? pg->act.title : "");
	char action[64];
	snprintf(action, sizeof(action), "/aktivitet/%lld/andra", (long long)pg->act.id);
	const struct rt_web_edit_head h = { title.buf, "Ändra aktivitet", "Ändra aktiviteten", action,
	                                    "class=\"activity-edit\"", "Spara aktiviteten", &pg->p,
	                                    &pg->g };
	rt_web_edit_begin(b, &h, in, version);
	rt_web_edit_texts(b, &pg->act, fields, N_FIELDS, in);
	rt_web_edit_end(b, &h);
	rt_buf_release(&title);
}

static const struct rt_web_edit activity_edit = {
	sizeof(struct activity_page), "activity", false, load, NULL, apply, put, render,
};

int rt_web_activity_edit(rt_store *s, int64_t id, bool saved, rt_buf *out, rt_err *err)
{
	return rt_web_edit_page(s, &activity_edit, id, NULL, saved, out, err);
}

int rt_web_activity_edit_save(rt_store *s, int64_t id, const struct rt_web_param *posted,
                              size_t n_posted, const char *actor, rt_buf *page, rt_err *err)
{
	return rt_web_edit_save(s, &activity_edit, id, NULL, posted, n_posted, actor, page, err);
}
