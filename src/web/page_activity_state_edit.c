/* An activity's state (läge) in one follow-up period (/aktivitet/{id}/lage
 * ?period=KEY; without a period the latest): ej påbörjad, pågår, klar,
 * försenad or inställd, and a comment (issue 3 §4), with the state's row
 * version in a hidden field, 0 while none is set (issue 8 §1; the driver
 * and the conflict page are page_form_edit.c's). The period travels in a
 * hidden field, so the save writes the period the form was opened for. */
#include "web/web_int.h"

#include <stdio.h>
#include <string.h>

struct state_page {
	struct rt_activity_status st;   /* first: the edited row (id 0: none yet) */
	struct rt_activity act;
	struct rt_goal g;
	struct rt_plan p;
	struct rt_period period;
};

/* The state's version, read before the row: the versions of all the
 * activity's states, then the one whose id the find gives. */
static int find_state(rt_store *s, rt_arena *a, struct state_page *pg, int64_t *version,
                      rt_err *err)
{
	struct rt_row_version *vs = NULL;
	size_t n = 0;
	int rc = rt_store_child_versions(s, a, "activity_status", pg->act.id, &vs, &n, err);
	if (rc == 0)
		rc = rt_store_activity_status_find(s, a, pg->act.id, pg->period.id, &pg->st, err);
	if (rc == RT_ENOTFOUND) {   /* the first state of the period */
		rt_err_clear(err);
		memset(&pg->st, 0, sizeof(pg->st));
		pg->st.activity_id = pg->act.id;
		pg->st.period_id = pg->period.id;
		*version = 0;
		return 0;
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (vs[i].id == pg->st.id)
			*version = vs[i].version;
	return rc;
}

static int load(rt_store *s, rt_arena *a, int64_t act_id, const char *key, void *row,
                int64_t *version, rt_err *err)
{
	struct state_page *pg = row;
	int rc = rt_store_activity_get(s, a, act_id, &pg->act, err);
	if (rc == RT_ENOTFOUND)
		return rt_err_set(err, RT_ENOTFOUND, "id", "Det finns ingen aktivitet med id %lld",
		                  (long long)act_id);
	if (rc == 0)
		rc = rt_web_edit_goal_plan(s, a, pg->act.goal_id, &pg->g, &pg->p, err);
	if (rc == 0)
		rc = key && *key ? rt_web_find_period(s, a, key, &pg->period, err)
		                 : rt_web_latest_period(s, a, &pg->period, err);
	return rc ? rc : find_state(s, a, pg, version, err);
}

static int expect(rt_store *s, const void *row, int64_t version, rt_err *err)
{
	const struct rt_activity_status *st = row;
	return rt_store_expect_activity_status(s, st->activity_id, st->period_id, version, err);
}

static const struct rt_web_option states[] = {
	{ "not_started", "Ej påbörjad" },
	{ "ongoing", "Pågår" },
	{ "done", "Klar" },
	{ "delayed", "Försenad" },
	{ "cancelled", "Inställd" },
};

static int apply(rt_arena *a, void *row, const struct rt_web_edit_in *in, rt_err *err)
{
	(void)a;
	struct rt_activity_status *st = row;
	const char *state = rt_web_edit_typed(in, "lage");
	const char *comment = rt_web_edit_typed(in, "kommentar");
	if (state && rt_activity_state_parse(state, &st->state, err) != 0)
		return rt_err_set(err, RT_EINVAL, "lage", "Välj Ej påbörjad, Pågår, Klar, Försenad "
		                  "eller Inställd.");
	if (comment)
		st->comment = rt_web_edit_text(comment);
	return 0;
}

static int put(rt_store *s, void *row, rt_err *err)
{
	return rt_store_activity_status_put(s, row, err);
}

static void render(rt_buf *b, const void *row, int64_t version, const struct rt_web_edit_in *in)
{
	const struct state_page *pg = row;
	rt_buf title = RT_BUF_INIT, heading = RT_BUF_INIT;
	rt_buf_addf(&title, "Läge %s – %s", pg->period.key, pg->act.title ? pg->act.title : "");
	rt_buf_addf(&heading, "Aktivitetens läge för %s", pg->period.key);
	char action[64];
	snprintf(action, sizeof(action), "/aktivitet/%lld/lage", (long long)pg->act.id);
	const struct rt_web_edit_head h = { title.buf, "Läge", heading.buf, action,
	                                    "class=\"activity-state-edit\"", "Spara läget", &pg->p,
	                                    &pg->g };
	rt_web_edit_begin(b, &h, in, version);
	rt_buf_addstr(b, "<p>Aktivitet: ");
	rt_buf_add_html(b, pg->act.title ? pg->act.title : "");
	rt_buf_addstr(b, "</p>\n<input type=\"hidden\" name=\"period\" value=\"");
	rt_buf_add_html(b, pg->period.key);
	rt_buf_addstr(b, "\">\n");
	rt_web_edit_select(b, in, "lage", "Läge", states, sizeof(states) / sizeof(states[0]),
	                   rt_activity_state_name(pg->st.state));
	rt_web_edit_field(b, in, "kommentar", "Kommentar", pg->st.comment, true);
	rt_web_edit_end(b, &h);
	rt_buf_release(&title);
	rt_buf_release(&heading);
}

static const struct rt_web_edit state_edit = {
	sizeof(struct state_page), "activity_status", true, load, expect, apply, put, render,
};

int rt_web_activity_state_edit(rt_store *s, int64_t act_id, const char *period_key, bool saved,
                               rt_buf *out, rt_err *err)
{
	return rt_web_edit_page(s, &state_edit, act_id, period_key, saved, out, err);
}

int rt_web_activity_state_edit_save(rt_store *s, int64_t act_id,
                                    const struct rt_web_param *fields, size_t n_fields,
                                    const char *actor, rt_buf *page, rt_err *err)
{
	const char *period = rt_web_param(fields, n_fields, "period");
	if (!period || !*period)   /* a save always names its period (the hidden field) */
		return rt_err_set(err, RT_EINVAL, "period", "Formuläret saknar perioden; öppna det igen.");
	return rt_web_edit_save(s, &state_edit, act_id, period, fields, n_fields, actor, page, err);
}
