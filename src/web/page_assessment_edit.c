/* A goal's assessment (bedömning) for one period (/mal/{id}/bedomning
 * ?period=KEY; without a period the latest): the status and the analysis
 * text, with the assessment's row version in a hidden field, 0 while none
 * has been made (issue 8 §1; the driver and the conflict page are
 * page_form_edit.c's). The period travels in a hidden field too, so the
 * save writes the period the form was opened for. */
#include "web/web_int.h"

#include <stdio.h>
#include <string.h>

#include "core/outcome_entry.h"

struct assessment_page {
	struct rt_assessment as;   /* first: the edited row (id 0: none yet) */
	struct rt_goal g;
	struct rt_plan p;
	struct rt_period period;
};

static int load(rt_store *s, rt_arena *a, int64_t goal_id, const char *key, void *row,
                int64_t *version, rt_err *err)
{
	struct assessment_page *pg = row;
	int rc = rt_web_edit_goal_plan(s, a, goal_id, &pg->g, &pg->p, err);
	if (rc == RT_ENOTFOUND)
		return rt_err_set(err, RT_ENOTFOUND, "id", "Det finns inget mål med id %lld",
		                  (long long)goal_id);
	if (rc == 0)
		rc = key && *key ? rt_web_find_period(s, a, key, &pg->period, err)
		                 : rt_web_latest_period(s, a, &pg->period, err);
	if (rc)
		return rc;
	rc = rt_store_assessment_find(s, a, goal_id, pg->period.id, &pg->as, version, err);
	if (rc == RT_ENOTFOUND) {   /* the first assessment of the period */
		memset(&pg->as, 0, sizeof(pg->as));
		pg->as.goal_id = goal_id;
		pg->as.period_id = pg->period.id;
		*version = 0;
		return 0;
	}
	return rc;
}

static int expect(rt_store *s, const void *row, int64_t version, rt_err *err)
{
	const struct rt_assessment *as = row;
	return rt_store_expect_assessment(s, as->goal_id, as->period_id, version, err);
}

static const struct rt_web_option statuses[] = {
	{ "", "Ingen status" },
	{ "achieved", "● Uppfyllt" },
	{ "partly", "◆ Delvis uppfyllt" },
	{ "not_achieved", "■ Ej uppfyllt" },
};

static int apply(rt_arena *a, void *row, const struct rt_web_edit_in *in, rt_err *err)
{
	(void)a;
	struct rt_assessment *as = row;
	const char *status = rt_web_edit_typed(in, "status");
	const char *analysis = rt_web_edit_typed(in, "analys");
	if (status && !*status)
		as->status = RT_STATUS_NONE;
	else if (status && rt_outcome_status_parse(status, &as->status, err) != 0)
		return rt_err_set(err, RT_EINVAL, "status", "Välj Uppfyllt, Delvis uppfyllt, Ej "
		                  "uppfyllt eller Ingen status.");
	if (analysis)
		as->analysis = rt_web_edit_text(analysis);
	return 0;
}

static int put(rt_store *s, void *row, rt_err *err)
{
	return rt_store_assessment_put(s, row, err);
}

static void render(rt_buf *b, const void *row, int64_t version, const struct rt_web_edit_in *in)
{
	const struct assessment_page *pg = row;
	rt_buf title = RT_BUF_INIT, heading = RT_BUF_INIT;
	rt_buf_addf(&title, "Bedömning %s – %s", pg->period.key, pg->g.title ? pg->g.title : "");
	rt_buf_addf(&heading, "Bedömning av målet för %s", pg->period.key);
	char action[64];
	snprintf(action, sizeof(action), "/mal/%lld/bedomning", (long long)pg->g.id);
	const struct rt_web_edit_head h = { title.buf, "Bedömning", heading.buf, action,
	                                    "class=\"assessment-edit\"", "Spara bedömningen",
	                                    &pg->p, &pg->g };
	rt_web_edit_begin(b, &h, in, version);
	rt_buf_addstr(b, "<input type=\"hidden\" name=\"period\" value=\"");
	rt_buf_add_html(b, pg->period.key);
	rt_buf_addstr(b, "\">\n");
	const char *stored = pg->as.status == RT_STATUS_NONE ? "" : rt_status_name(pg->as.status);
	rt_web_edit_select(b, in, "status", "Status", statuses,
	                   sizeof(statuses) / sizeof(statuses[0]), stored);
	rt_web_edit_field(b, in, "analys", "Analys", pg->as.analysis, true);
	rt_web_edit_end(b, &h);
	rt_buf_release(&title);
	rt_buf_release(&heading);
}

static const struct rt_web_edit assessment_edit = {
	sizeof(struct assessment_page), "assessment", true, load, expect, apply, put, render,
};

int rt_web_assessment_edit(rt_store *s, int64_t goal_id, const char *period_key, bool saved,
                           rt_buf *out, rt_err *err)
{
	return rt_web_edit_page(s, &assessment_edit, goal_id, period_key, saved, out, err);
}

int rt_web_assessment_edit_save(rt_store *s, int64_t goal_id, const struct rt_web_param *fields,
                                size_t n_fields, const char *actor, rt_buf *page, rt_err *err)
{
	const char *period = rt_web_param(fields, n_fields, "period");
	if (!period || !*period)   /* a save always names its period (the hidden field) */
		return rt_err_set(err, RT_EINVAL, "period", "Formuläret saknar perioden; öppna det igen.");
	return rt_web_edit_save(s, &assessment_edit, goal_id, period, fields, n_fields, actor, page,
	                        err);
}
