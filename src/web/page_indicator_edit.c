/* An indicator's (mätetal's) edit form (/indikator/{id}/andra): namn,
 * beskrivning, enhet, källa and its own tolerance for "delvis uppfyllt",
 * with the row version in a hidden field (issue 8 §1; the driver and the
 * conflict page are page_form_edit.c's). The core's rt_indicator_check and
 * the tolerance rule of the outcome entry decide what is accepted. */
#include "web/web_int.h"

#include <stddef.h>
#include <stdio.h>

#include "core/outcome_entry.h"
#include "util/numfmt.h"
#include "util/text.h"

struct indicator_page {
	struct rt_indicator ind;   /* first: the edited row */
	struct rt_goal g;
	struct rt_plan p;
};

static int load(rt_store *s, rt_arena *a, int64_t id, const char *key, void *row,
                int64_t *version, rt_err *err)
{
	(void)key;
	struct indicator_page *pg = row;
	int rc = rt_web_edit_version(s, "indicator", id, "inget mätetal", version, err);
	if (rc == 0)
		rc = rt_store_indicator_get(s, a, id, &pg->ind, err);
	return rc ? rc : rt_web_edit_goal_plan(s, a, pg->ind.goal_id, &pg->g, &pg->p, err);
}

#define F(name, label, member, area) { name, label, offsetof(struct rt_indicator, member), area }
static const struct rt_web_edit_text texts[] = {
	F("namn", "Namn (mätetalet)", name, false),
	F("beskrivning", "Beskrivning", description, true),
	F("enhet", "Enhet (t.ex. %, antal)", unit, false),
	F("kalla", "Källa", source, false),
};
#undef F
#define N_TEXTS (sizeof(texts) / sizeof(texts[0]))

static int apply(rt_arena *a, void *row, const struct rt_web_edit_in *in, rt_err *err)
{
	(void)a;
	struct rt_indicator *ind = row;
	rt_web_edit_texts_apply(ind, texts, N_TEXTS, in);
	if (rt_str_blank(ind->name))
		return rt_err_set(err, RT_EINVAL, "namn", "Mätetalet måste ha ett namn.");
	const char *tol = rt_web_edit_typed(in, "tolerans");
	if (tol && rt_str_blank(tol)) {
		ind->has_tolerance = false;   /* the region's default applies */
	} else if (tol) {
		int rc = rt_tolerance_parse(tol, &ind->tolerance, err);
		if (rc)
			return rc;
		ind->has_tolerance = true;
	}
	return rt_indicator_check(ind, err);
}

static int put(rt_store *s, void *row, rt_err *err)
{
	return rt_store_indicator_put(s, row, err);
}

static void render(rt_buf *b, const void *row, int64_t version, const struct rt_web_edit_in *in)
{
	const struct indicator_page *pg = row;
	rt_buf title = RT_BUF_INIT, tol = RT_BUF_INIT;
	rt_buf_addf(&title, "Ändra mätetal – %s", pg->ind.name ? pg->ind.name : "");
	if (pg->ind.has_tolerance)
		rt_num_format_short(&tol, pg->ind.tolerance);
	char action[64];
	snprintf(action, sizeof(action), "/indikator/%lld/andra", (long long)pg->ind.id);
	const struct rt_web_edit_head h = { title.buf, "Ändra mätetal", "Ändra mätetalet", action,
	                                    "class=\"indicator-edit\"", "Spara mätetalet", &pg->p,
	                                    &pg->g };
	rt_web_edit_begin(b, &h, in, version);
	rt_web_edit_texts(b, &pg->ind, texts, N_TEXTS, in);
	rt_web_edit_field(b, in, "tolerans",
	                  "Tolerans för delvis uppfyllt, procent av målvärdet (tomt: regionens)",
	                  tol.len ? tol.buf : NULL, false);
	rt_web_edit_end(b, &h);
	rt_buf_release(&title);
	rt_buf_release(&tol);
}

static const struct rt_web_edit indicator_edit = {
	sizeof(struct indicator_page), "indicator", false, load, NULL, apply, put, render,
};

int rt_web_indicator_edit(rt_store *s, int64_t id, bool saved, rt_buf *out, rt_err *err)
{
	return rt_web_edit_page(s, &indicator_edit, id, NULL, saved, out, err);
}

int rt_web_indicator_edit_save(rt_store *s, int64_t id, const struct rt_web_param *fields,
                               size_t n_fields, const char *actor, rt_buf *page, rt_err *err)
{
	return rt_web_edit_save(s, &indicator_edit, id, NULL, fields, n_fields, actor, page, err);
}
