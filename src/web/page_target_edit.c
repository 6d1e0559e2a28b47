/* A target's (målvärde's) edit form (/malvarde/{id}/andra): the year and
 * the target as written ("≤ 4,7 %", "Bibehålla/öka", "-10 % jämfört med
 * 2018", "Ja"), with the row version in a hidden field (issue 8 §1; the
 * driver and the conflict page are page_form_edit.c's). The text is parsed
 * by the core and checked against its indicator as the API does: a
 * qualitative indicator takes Ja/Delvis/Nej, a quantitative one numbers. */
#include "web/web_int.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/text.h"

struct target_page {
	struct rt_target t;        /* first: the edited row */
	struct rt_indicator ind;
	struct rt_goal g;
	struct rt_plan p;
};

static int load(rt_store *s, rt_arena *a, int64_t id, const char *key, void *row,
                int64_t *version, rt_err *err)
{
	(void)key;
	struct target_page *pg = row;
	int rc = rt_web_edit_version(s, "target", id, "inget målvärde", version, err);
	if (rc == 0)
		rc = rt_store_target_get(s, a, id, &pg->t, err);
	if (rc == 0)
		rc = rt_store_indicator_get(s, a, pg->t.indicator_id, &pg->ind, err);
	return rc ? rc : rt_web_edit_goal_plan(s, a, pg->ind.goal_id, &pg->g, &pg->p, err);
}

/* The year as typed: four digits in 1900–2200, nothing else. */
static int parse_year(const char *s, int *year, rt_err *err)
{
	char *end = NULL;
	long y = s ? strtol(s, &end, 10) : 0;
	if (!s || end == s || !rt_str_blank(end) || y < 1900 || y > 2200)
		return rt_err_set(err, RT_EINVAL, "ar", "Ange året som fyra siffror (1900–2200).");
	*year = (int)y;
	return 0;
}

static int apply(rt_arena *a, void *row, const struct rt_web_edit_in *in, rt_err *err)
{
	(void)a;
	struct target_page *pg = row;
	struct rt_target *t = &pg->t;
	const char *year = rt_web_edit_typed(in, "ar");
	const char *text = rt_web_edit_typed(in, "malvarde");
	if (year) {
		int rc = parse_year(year, &t->year, err);
		if (rc)
			return rc;
	}
	if (text)
		t->text = rt_web_edit_text(text);
	if (!t->text)
		return rt_err_set(err, RT_EINVAL, "malvarde", "Skriv målvärdet, t.ex. ≤ 4,7 %%, "
		                  "Bibehålla/öka eller Ja.");
	int rc = rt_target_parse(t->text, &t->spec, err);
	return rc ? rc : rt_target_check(&pg->ind, t, err);
}

static int put(rt_store *s, void *row, rt_err *err)
{
	return rt_store_target_put(s, row, err);
}

static void render(rt_buf *b, const void *row, int64_t version, const struct rt_web_edit_in *in)
{
	const struct target_page *pg = row;
	rt_buf title = RT_BUF_INIT;
	rt_buf_addf(&title, "Ändra målvärde – %s", pg->ind.name ? pg->ind.name : "");
	char action[64], year[16];
	snprintf(action, sizeof(action), "/malvarde/%lld/andra", (long long)pg->t.id);
	snprintf(year, sizeof(year), "%d", pg->t.year);
	const struct rt_web_edit_head h = { title.buf, "Ändra målvärde", title.buf, action,
	                                    "class=\"target-edit\"", "Spara målvärdet", &pg->p,
	                                    &pg->g };
	rt_web_edit_begin(b, &h, in, version);
	rt_web_edit_field(b, in, "ar", "År", year, false);
	rt_web_edit_field(b, in, "malvarde",
	                  "Målvärde (t.ex. ≤ 4,7 %, >75, Bibehålla/öka, -10 % jämfört med 2018, Ja)",
	                  pg->t.text, false);
	rt_web_edit_end(b, &h);
	rt_buf_release(&title);
}

static const struct rt_web_edit target_edit = {
	sizeof(struct target_page), "target", false, load, NULL, apply, put, render,
};

int rt_web_target_edit(rt_store *s, int64_t id, bool saved, rt_buf *out, rt_err *err)
{
	return rt_web_edit_page(s, &target_edit, id, NULL, saved, out, err);
}

int rt_web_target_edit_save(rt_store *s, int64_t id, const struct rt_web_param *fields,
                            size_t n_fields, const char *actor, rt_buf *page, rt_err *err)
{
	return rt_web_edit_save(s, &target_edit, id, NULL, fields, n_fields, actor, page, err);
}
