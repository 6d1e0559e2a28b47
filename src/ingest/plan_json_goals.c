/* Import of the goal tree of one plan (docs/plan-json.md, GOAL and below):
 * goals nested through "children", their indicators with targets,
 * baselines and outcomes, activities and assessments. Keys that a document
 * leaves out are generated from the enclosing object's key, so that the
 * same document always gives the same keys:
 *   goal       "<plan-key>/g<n>"   n = 1, 2, … over the plan's goals in
 *                                  document order (depth first)
 *   indicator  "<goal-key>/i<n>"   n = position among the goal's indicators, from 1
 *   activity   "<goal-key>/a<n>"   n = position among the goal's activities, from 1
 * See plan_json_int.h for the conventions; never prints. */
#include <string.h>

#include "core/followup.h"
#include "ingest/plan_json_int.h"

static int gender(struct rt_imp *im, json_t *j, enum rt_gender *out)
{
	char *g = NULL;
	rt_err e = RT_ERR_INIT;
	int rc = rt_imp_str(im, j, "gender", false, &g);
	*out = RT_GENDER_TOTAL;
	if (rc == 0 && g && rt_gender_parse(g, out, &e) != 0)
		return rt_imp_wrap(im, "gender", &e);
	return rc;
}

static int period_ref(struct rt_imp *im, json_t *j, int64_t *id)
{
	char *key = NULL;
	int rc = rt_imp_str(im, j, "period", true, &key);
	if (rc)
		return rc;
	return rt_imp_find(im, "period", key, "period", id, NULL);
}

/* ---- indicators ------------------------------------------------------ */

static int import_target(struct rt_imp *im, json_t *j, void *ctx, int pos)
{
	static const char *const fields[] = { "year", "gender", "org", "text", NULL };
	const struct rt_indicator *ind = ctx;
	rt_err e = RT_ERR_INIT;
	struct rt_target t;
	int rc;
	(void)pos;
	memset(&t, 0, sizeof(t));
	t.indicator_id = ind->id;
	if ((rc = rt_imp_object(im, j, fields)) || (rc = rt_imp_int(im, j, "year", true, &t.year)) ||
	    (rc = gender(im, j, &t.gender)) || (rc = rt_imp_org_ref(im, j, "org", &t.org_unit_id)) ||
	    (rc = rt_imp_str(im, j, "text", true, &t.text)))
		return rc;
	if (rt_target_parse(t.text, &t.spec, &e) != 0)
		return rt_imp_wrap(im, "text", &e);
	if (rt_target_check(ind, &t, &e) != 0)
		return rt_imp_wrap(im, e.field[0] ? NULL : "text", &e);
	if (rt_store_target_put(im->s, &t, &e) != 0)
		return rt_imp_wrap(im, NULL, &e);
	im->stats.targets++;
	return 0;
}

static int import_baseline(struct rt_imp *im, json_t *j, void *ctx, int pos)
{
	static const char *const fields[] = { "year", "gender", "org", "text", NULL };
	const struct rt_indicator *ind = ctx;
	rt_err e = RT_ERR_INIT;
	struct rt_baseline b;
	int rc;
	(void)pos;
	memset(&b, 0, sizeof(b));
	b.indicator_id = ind->id;
	if ((rc = rt_imp_object(im, j, fields)) || (rc = rt_imp_int(im, j, "year", true, &b.year)) ||
	    (rc = gender(im, j, &b.gender)) || (rc = rt_imp_org_ref(im, j, "org", &b.org_unit_id)) ||
	    (rc = rt_imp_str(im, j, "text", true, &b.text)))
		return rc;
	/* "Utfall 2021" may be prose ("Ny indikator 2024", "-"): kept as text */
	struct rt_target_spec v;
	memset(&v, 0, sizeof(v));
	if (rt_value_parse(b.text, &v, &e) == 0 && v.has_value) {
		b.has_value = true;
		b.value = v.value;
	}
	if (rt_store_baseline_put(im->s, &b, &e) != 0)
		return rt_imp_wrap(im, NULL, &e);
	im->stats.baselines++;
	return 0;
}

static int import_outcome(struct rt_imp *im, json_t *j, void *ctx, int pos)
{
	static const char *const fields[] = { "period", "gender", "org", "text", "comment",
	                                      "status", NULL };
	const struct rt_indicator *ind = ctx;
	rt_err e = RT_ERR_INIT;
	struct rt_outcome o;
	char *status = NULL;
	int rc;
	(void)pos;
	memset(&o, 0, sizeof(o));
	o.indicator_id = ind->id;
	o.status = RT_STATUS_NONE;
	o.value.cmp = RT_CMP_TEXT;
	if ((rc = rt_imp_object(im, j, fields)) || (rc = period_ref(im, j, &o.period_id)) ||
	    (rc = gender(im, j, &o.gender)) || (rc = rt_imp_org_ref(im, j, "org", &o.org_unit_id)) ||
	    (rc = rt_imp_str(im, j, "text", false, &o.text)) ||
	    (rc = rt_imp_str(im, j, "comment", false, &o.comment)) ||
	    (rc = rt_imp_str(im, j, "status", false, &status)))
		return rc;
	if (status && rt_status_parse(status, &o.status, &e) != 0)
		return rt_imp_wrap(im, "status", &e);
	/* a seed's empty Utfall cell omits "text"; prose belongs in "comment" */
	if (o.text && rt_value_parse(o.text, &o.value, &e) != 0)
		return rt_imp_wrap(im, "text", &e);
	if (rt_store_outcome_put(im->s, &o, &e) != 0)
		return rt_imp_wrap(im, NULL, &e);
	im->stats.outcomes++;
	return 0;
}

static int import_indicator(struct rt_imp *im, json_t *j, void *ctx, int pos)
{
	static const char *const fields[] = {
		"key", "name", "kind", "unit", "direction", "frequency", "central_only",
		"by_gender", "by_org", "source", "motivation", "criteria", "description",
		"targets", "baselines", "outcomes", NULL,
	};
	const struct rt_goal *g = ctx;
	rt_err e = RT_ERR_INIT;
	struct rt_indicator *ind = rt_arena_alloc(&im->arena, sizeof(*ind));
	char *kind = NULL, *direction = NULL, *frequency = NULL;
	int rc;
	ind->goal_id = g->id;
	ind->position = pos;
	ind->direction = RT_DIR_NONE;
	ind->frequency = RT_FREQ_TERTIAL; /* the seeds' follow-up rhythm; "year" = mäts helår */
	if ((rc = rt_imp_object(im, j, fields)) ||
	    (rc = rt_imp_key(im, j, &ind->key)) ||
	    (rc = rt_imp_str(im, j, "name", true, &ind->name)) ||
	    (rc = rt_imp_str(im, j, "kind", true, &kind)) ||
	    (rc = rt_imp_str(im, j, "unit", false, &ind->unit)) ||
	    (rc = rt_imp_str(im, j, "direction", false, &direction)) ||
	    (rc = rt_imp_str(im, j, "frequency", false, &frequency)) ||
	    (rc = rt_imp_bool(im, j, "central_only", &ind->central_only)) ||
	    (rc = rt_imp_bool(im, j, "by_gender", &ind->by_gender)) ||
	    (rc = rt_imp_bool(im, j, "by_org", &ind->by_org)) ||
	    (rc = rt_imp_str(im, j, "source", false, &ind->source)) ||
	    (rc = rt_imp_str(im, j, "motivation", false, &ind->motivation)) ||
	    (rc = rt_imp_str(im, j, "criteria", false, &ind->criteria)) ||
	    (rc = rt_imp_str(im, j, "description", false, &ind->description)))
		return rc;
	if (rt_indicator_kind_parse(kind, &ind->kind, &e) != 0)
		return rt_imp_wrap(im, "kind", &e);
	if (direction && rt_direction_parse(direction, &ind->direction, &e) != 0)
		return rt_imp_wrap(im, "direction", &e);
	if (frequency && rt_frequency_parse(frequency, &ind->frequency, &e) != 0)
		return rt_imp_wrap(im, "frequency", &e);
	if (!ind->key)
		ind->key = rt_arena_sprintf(&im->arena, "%s/i%d", g->key, pos + 1);
	if (rt_indicator_check(ind, &e) != 0)
		return rt_imp_wrap(im, NULL, &e);
	if (rt_store_indicator_put(im->s, ind, &e) != 0)
		return rt_imp_wrap(im, NULL, &e);
	im->stats.indicators++;
	if ((rc = rt_imp_each(im, j, "targets", import_target, ind)) ||
	    (rc = rt_imp_each(im, j, "baselines", import_baseline, ind)) ||
	    (rc = rt_imp_each(im, j, "outcomes", import_outcome, ind)))
		return rc;
	return 0;
}

/* ---- activities and assessments -------------------------------------- */

static int import_activity(struct rt_imp *im, json_t *j, void *ctx, int pos)
{
	static const char *const fields[] = {
		"key", "title", "description", "target_group", "start_date", "end_date",
		"owner", "contact", "scope", "origin", "origin_plan", NULL,
	};
	const struct rt_goal *g = ctx;
	rt_err e = RT_ERR_INIT;
	struct rt_activity *a = rt_arena_alloc(&im->arena, sizeof(*a));
	char *scope = NULL, *origin_plan = NULL;
	int rc;
	a->goal_id = g->id;
	a->position = pos;
	a->scope = RT_SCOPE_OPERATIONS;
	if ((rc = rt_imp_object(im, j, fields)) ||
	    (rc = rt_imp_key(im, j, &a->key)) ||
	    (rc = rt_imp_str(im, j, "title", true, &a->title)) ||
	    (rc = rt_imp_str(im, j, "description", false, &a->description)) ||
	    (rc = rt_imp_str(im, j, "target_group", false, &a->target_group)) ||
	    (rc = rt_imp_date(im, j, "start_date", false, &a->start_date)) ||
	    (rc = rt_imp_date(im, j, "end_date", false, &a->end_date)) ||
	    (rc = rt_imp_str(im, j, "owner", false, &a->owner)) ||
	    (rc = rt_imp_str(im, j, "contact", false, &a->contact)) ||
	    (rc = rt_imp_str(im, j, "scope", false, &scope)) ||
	    (rc = rt_imp_str(im, j, "origin", false, &a->origin)) ||
	    (rc = rt_imp_str(im, j, "origin_plan", false, &origin_plan)))
		return rc;
	if (scope && rt_activity_scope_parse(scope, &a->scope, &e) != 0)
		return rt_imp_wrap(im, "scope", &e);
	if (!a->key)
		a->key = rt_arena_sprintf(&im->arena, "%s/a%d", g->key, pos + 1);
	if (origin_plan) {
		bool found;
		if ((rc = rt_imp_find(im, "plan", origin_plan, "origin_plan", &a->origin_plan_id,
		                      &found)))
			return rc;
		if (!found && rt_imp_defined_later(im->plan_keys, im->n_plan_keys, origin_plan))
			rt_imp_defer(im, RT_LINK_ORIGIN_PLAN, a, origin_plan, "origin_plan");
		else if (!found)
			return rt_imp_find(im, "plan", origin_plan, "origin_plan", &a->origin_plan_id,
			                   NULL);
	}
	if (rt_activity_check(a, &e) != 0)
		return rt_imp_wrap(im, NULL, &e);
	if (rt_store_activity_put(im->s, a, &e) != 0)
		return rt_imp_wrap(im, NULL, &e);
	im->stats.activities++;
	return 0;
}

static int import_assessment(struct rt_imp *im, json_t *j, void *ctx, int pos)
{
	static const char *const fields[] = { "period", "status", "analysis", NULL };
	const struct rt_goal *g = ctx;
	rt_err e = RT_ERR_INIT;
	struct rt_assessment a;
	char *status = NULL;
	int rc;
	(void)pos;
	memset(&a, 0, sizeof(a));
	a.goal_id = g->id;
	a.status = RT_STATUS_NONE;
	if ((rc = rt_imp_object(im, j, fields)) || (rc = period_ref(im, j, &a.period_id)) ||
	    (rc = rt_imp_str(im, j, "status", false, &status)) ||
	    (rc = rt_imp_str(im, j, "analysis", false, &a.analysis)))
		return rc;
	if (status && rt_status_parse(status, &a.status, &e) != 0)
		return rt_imp_wrap(im, "status", &e);
	if (rt_store_assessment_put(im->s, &a, &e) != 0)
		return rt_imp_wrap(im, NULL, &e);
	im->stats.assessments++;
	return 0;
}

/* ---- goals ----------------------------------------------------------- */

static int import_goal(struct rt_imp *im, json_t *j, void *ctx, int pos)
{
	static const char *const fields[] = {
		"key", "kind", "code", "title", "description", "serves", "lifted",
		"children", "indicators", "activities", "assessments", NULL,
	};
	const int64_t *parent_id = ctx;
	rt_err e = RT_ERR_INIT;
	struct rt_goal *g = rt_arena_alloc(&im->arena, sizeof(*g));
	char *kind = NULL, *serves = NULL;
	int rc;
	g->plan_id = im->plan->id;
	g->parent_id = *parent_id;
	g->position = pos;
	int n = ++im->goal_counter;
	if ((rc = rt_imp_object(im, j, fields)) ||
	    (rc = rt_imp_key(im, j, &g->key)) ||
	    (rc = rt_imp_str(im, j, "kind", true, &kind)) ||
	    (rc = rt_imp_str(im, j, "code", false, &g->code)) ||
	    (rc = rt_imp_str(im, j, "title", true, &g->title)) ||
	    (rc = rt_imp_str(im, j, "description", false, &g->description)) ||
	    (rc = rt_imp_str(im, j, "serves", false, &serves)) ||
	    (rc = rt_imp_bool(im, j, "lifted", &g->lifted)))
		return rc;
	if (rt_goal_kind_parse(kind, &g->kind, &e) != 0)
		return rt_imp_wrap(im, "kind", &e);
	if (!g->key)
		g->key = rt_arena_sprintf(&im->arena, "%s/g%d", im->plan->key, n);
	if (serves) {
		bool found;
		if ((rc = rt_imp_find(im, "goal", serves, "serves", &g->serves_goal_id, &found)))
			return rc;
		/* målkedja to a goal further down the file: linked in the second pass */
		if (!found && rt_imp_defined_later(im->goal_keys, im->n_goal_keys, serves))
			rt_imp_defer(im, RT_LINK_SERVES, g, serves, "serves");
		else if (!found)
			return rt_imp_find(im, "goal", serves, "serves", &g->serves_goal_id, NULL);
	}
	if (rt_store_goal_put(im->s, g, &e) != 0)
		return rt_imp_wrap(im, NULL, &e);
	im->stats.goals++;
	if ((rc = rt_imp_each(im, j, "indicators", import_indicator, g)) ||
	    (rc = rt_imp_each(im, j, "activities", import_activity, g)) ||
	    (rc = rt_imp_each(im, j, "assessments", import_assessment, g)) ||
	    (rc = rt_imp_each(im, j, "children", import_goal, &g->id)))
		return rc;
	return 0;
}

int rt_imp_goals(struct rt_imp *im, json_t *arr, int64_t parent_id)
{
	json_t *it;
	size_t i;
	json_array_foreach(arr, i, it) {
		size_t mark = rt_imp_push(im, "goals[%zu]", i);
		int rc = import_goal(im, it, &parent_id, (int)i);
		if (rc)
			return rc;
		rt_imp_pop(im, mark);
	}
	return 0;
}
