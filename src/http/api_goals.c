/* /api/v1/goals and /api/v1/activities: a goal with its indicators,
 * activities and assessments; its goal chain (målkedja, core/chain.h) up
 * and down; creating, editing (api_crud.c) and deleting an activity in a
 * plan that is still open for edits. */
#include <stdlib.h>
#include <string.h>

#include "http/api.h"
#include "http/api_routes.h"

static const char *const goal_fields[] = {
	"parent_id", "position", "kind", "key", "code", "title", "description", "serves_goal_id",
	"lifted", "version", NULL,
};
static const char *const activity_fields[] = {
	"position", "key", "title", "description", "target_group", "start_date", "end_date", "owner",
	"contact", "scope", "origin", "origin_plan_id", "version", NULL,
};

static int get_goal(rt_store *s, rt_arena *a, int64_t id, void *out, rt_err *err)
{
	return rt_store_goal_get(s, a, id, out, err);
}

static int put_goal(rt_store *s, void *obj, rt_err *err)
{
	return rt_store_goal_put(s, obj, err);
}

static int get_activity(rt_store *s, rt_arena *a, int64_t id, void *out, rt_err *err)
{
	return rt_store_activity_get(s, a, id, out, err);
}

static int put_activity(rt_store *s, void *obj, rt_err *err)
{
	return rt_store_activity_put(s, obj, err);
}

static int delete_activity(rt_store *s, void *obj, rt_err *err)
{
	return rt_store_activity_delete(s, *(int64_t *)obj, err);
}

static bool goal_editable(struct rt_http_ctx *ctx, struct rt_http_response *res, const void *obj)
{
	return rt_api_editable_plan_id(ctx, res, ((const struct rt_goal *)obj)->plan_id);
}

static bool activity_editable(struct rt_http_ctx *ctx, struct rt_http_response *res,
                              const void *obj)
{
	return rt_api_editable_goal_id(ctx, res, ((const struct rt_activity *)obj)->goal_id);
}

RT_API_HANDLER(rt_api_goal_get)
{
	int64_t id;
	if (!rt_api_id(req, res, "id", &id))
		return 0;
	int64_t version = 0;   /* before the goal: store.h rt_store_row_version */
	if (!rt_api_row_version(ctx, res, "goal", id, &version))
		return 0;
	/* the parts one edits from the goal's page carry their versions too */
	struct rt_api_versions vi = rt_api_versions_read(ctx, "indicator", id);
	struct rt_api_versions va = rt_api_versions_read(ctx, "activity", id);
	struct rt_api_versions vs = rt_api_versions_read(ctx, "assessment", id);
	/* and each indicator's targets (the indicators' ids are vi's rows) */
	struct rt_api_versions *vt = rt_arena_alloc(ctx->arena, (vi.n + 1) * sizeof(*vt));
	for (size_t k = 0; k < vi.n; k++)
		vt[k] = rt_api_versions_read(ctx, "target", vi.rows[k].id);
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	if (!rt_api_doc_of_goal(ctx, res, id, &doc)) {
		rt_plan_doc_release(&doc);
		return 0;
	}
	const struct rt_goal *g = rt_doc_goal(&doc, id);
	json_t *j = rt_api_goal_json(g);
	rt_api_version_out(res, j, "goal", version, true);
	json_t *inds = json_array(), *acts = json_array(), *ass = json_array();
	for (size_t k = 0; k < doc.n_indicators; k++) {
		if (doc.indicators[k].goal_id != id)
			continue;
		json_t *ind = rt_api_indicator_full_json(&doc, &doc.indicators[k]);
		for (size_t m = 0; m < vi.n; m++)
			if (vi.rows[m].id == doc.indicators[k].id)
				rt_api_versions_add(json_object_get(ind, "targets"), vt[m]);
		json_array_append_new(inds, ind);
	}
	for (size_t k = 0; k < doc.n_activities; k++)
		if (doc.activities[k].goal_id == id)
			json_array_append_new(acts, rt_api_activity_json(&doc.activities[k]));
	for (size_t k = 0; k < doc.n_assessments; k++) {
		const struct rt_assessment *a = &doc.assessments[k];
		if (a->goal_id != id)
			continue;
		const struct rt_period *p = rt_doc_period(&doc, a->period_id);
		json_array_append_new(ass, rt_api_assessment_json(a, p ? p->key : NULL));
	}
	rt_api_versions_add(inds, vi);
	rt_api_versions_add(acts, va);
	rt_api_versions_add(ass, vs);
	json_object_set_new(j, "plan_title", rt_api_str(doc.plan.title));
	json_object_set_new(j, "indicators", inds);
	json_object_set_new(j, "activities", acts);
	json_object_set_new(j, "assessments", ass);
	rt_plan_doc_release(&doc);
	return rt_api_json(res, 200, j);
}

static bool goal_from_json(struct rt_http_ctx *ctx, json_t *body, struct rt_http_response *res,
                           void *obj, bool update)
{
	(void)update;
	struct rt_goal *g = obj;
	struct rt_api_in in = { body, ctx->arena, res, false };
	rt_err err = RT_ERR_INIT;
	rt_api_in_id(&in, "parent_id", &g->parent_id);
	rt_api_in_int(&in, "position", &g->position);
	rt_api_in_str(&in, "key", &g->key);
	rt_api_in_str(&in, "code", &g->code);
	rt_api_in_str(&in, "title", &g->title);
	rt_api_in_str(&in, "description", &g->description);
	rt_api_in_id(&in, "serves_goal_id", &g->serves_goal_id);
	rt_api_in_bool(&in, "lifted", &g->lifted);
	const char *kind = rt_api_in_token(&in, "kind");
	if (kind && !rt_api_in_check(&in, rt_goal_kind_parse(kind, &g->kind, &err), &err))
		return false;
	if (in.failed)
		return false;
	if (!g->title || !g->title[0] || strspn(g->title, " \t\n") == strlen(g->title)) {
		rt_api_fail(res, 422, "invalid", "title", "Målet måste ha en rubrik.");
		return false;
	}
	if (g->position < 0) {
		rt_api_fail(res, 422, "invalid", "position", "Positionen kan inte vara negativ.");
		return false;
	}
	/* A goal-chain link goes to a goal in a higher plan (seed 000 §4). */
	if (g->serves_goal_id) {
		struct rt_goal_ref *refs = NULL;
		size_t n = 0;
		if (rt_store_goal_refs(ctx->store, ctx->arena, &refs, &n, &err) != 0) {
			rt_api_err(res, &err);
			return false;
		}
		const struct rt_goal_ref *to = NULL, *self = NULL;
		for (size_t i = 0; i < n; i++) {
			if (refs[i].goal_id == g->serves_goal_id)
				to = &refs[i];
			if (refs[i].plan_id == g->plan_id)
				self = &refs[i];
		}
		if (!to) {
			rt_api_fail(res, 422, "invalid", "serves_goal_id", "Målet som ska tjänas finns inte.");
			return false;
		}
		if (to->plan_id == g->plan_id || (self && to->plan_level >= self->plan_level)) {
			rt_api_fail(res, 422, "invalid", "serves_goal_id",
			            "Målkedjan måste peka på ett mål i en högre plan.");
			return false;
		}
	}
	return true;
}

static const struct rt_api_entity goal_entity = {
	sizeof(struct rt_goal), goal_fields, get_goal, goal_editable, goal_from_json, put_goal,
	rt_api_goal_json, "/api/v1/goals", NULL, "goal",
};

RT_API_HANDLER(rt_api_goal_create)
{
	struct rt_goal g;
	memset(&g, 0, sizeof(g));
	g.kind = RT_GOAL_GOAL;
	if (!rt_api_id(req, res, "id", &g.plan_id))
		return 0;
	return rt_api_create(ctx, req, res, &goal_entity, &g);
}

RT_API_HANDLER(rt_api_goal_update)
{
	return rt_api_update(ctx, req, res, &goal_entity);
}

static json_t *chain_goal(const struct rt_goal_ref *refs, size_t n, int64_t id, int depth)
{
	for (size_t i = 0; i < n; i++) {
		if (refs[i].goal_id != id)
			continue;
		json_t *j = json_pack("{s:I, s:I, s:o, s:o}", "goal_id", (json_int_t)id,
		                      "plan_id", (json_int_t)refs[i].plan_id,
		                      "title", rt_api_str(refs[i].title),
		                      "plan_title", rt_api_str(refs[i].plan_title));
		if (depth >= 0)
			json_object_set_new(j, "depth", json_integer(depth));
		return j;
	}
	return json_pack("{s:I}", "goal_id", (json_int_t)id);
}

RT_API_HANDLER(rt_api_goal_chain)
{
	int64_t id;
	if (!rt_api_id(req, res, "id", &id))
		return 0;
	rt_err err = RT_ERR_INIT;
	struct rt_goal_ref *refs = NULL;
	size_t n = 0;
	if (rt_store_goal_refs(ctx->store, ctx->arena, &refs, &n, &err) != 0)
		return rt_api_err(res, &err);
	int64_t *up = NULL;
	struct rt_chain_node *down = NULL;
	long n_up = rt_chain_up(refs, n, id, &up);
	long n_down = n_up < 0 ? -1 : rt_chain_down(refs, n, id, &down);
	if (n_up < 0 || n_down < 0) {
		free(up);
		free(down);
		return rt_api_fail(res, 404, "not_found", "id", "Målet finns inte.");
	}
	/* up: from the top of the chain down to this goal */
	json_t *ju = json_array(), *jd = json_array();
	for (long i = n_up - 1; i >= 0; i--)
		json_array_append_new(ju, chain_goal(refs, n, up[i], -1));
	for (long i = 0; i < n_down; i++)
		json_array_append_new(jd, chain_goal(refs, n, down[i].goal_id, down[i].depth));
	free(up);
	free(down);
	return rt_api_json(res, 200, json_pack("{s:I, s:o, s:o}", "goal_id", (json_int_t)id,
	                                       "up", ju, "down", jd));
}

/* ---- activities ---- */

static bool activity_from_json(struct rt_http_ctx *ctx, json_t *body,
                               struct rt_http_response *res, void *obj, bool update);
static const struct rt_api_entity activity_entity = {
	sizeof(struct rt_activity), activity_fields, get_activity, activity_editable,
	activity_from_json, put_activity, rt_api_activity_json, "/api/v1/activities", NULL,
	"activity",
};

RT_API_HANDLER(rt_api_activity_get)
{
	return rt_api_read(ctx, req, res, &activity_entity);
}

static bool activity_from_json(struct rt_http_ctx *ctx, json_t *body,
                               struct rt_http_response *res, void *obj, bool update)
{
	(void)update;
	struct rt_activity *a = obj;
	struct rt_api_in in = { body, ctx->arena, res, false };
	rt_err err = RT_ERR_INIT;
	rt_api_in_int(&in, "position", &a->position);
	rt_api_in_str(&in, "key", &a->key);
	rt_api_in_str(&in, "title", &a->title);
	rt_api_in_str(&in, "description", &a->description);
	rt_api_in_str(&in, "target_group", &a->target_group);
	rt_api_in_str(&in, "start_date", &a->start_date);
	rt_api_in_str(&in, "end_date", &a->end_date);
	rt_api_in_str(&in, "owner", &a->owner);
	rt_api_in_str(&in, "contact", &a->contact);
	rt_api_in_str(&in, "origin", &a->origin);
	rt_api_in_id(&in, "origin_plan_id", &a->origin_plan_id);
	const char *scope = rt_api_in_token(&in, "scope");
	if (scope && !rt_api_in_check(&in, rt_activity_scope_parse(scope, &a->scope, &err), &err))
		return false;
	if (in.failed)
		return false;
	return rt_api_in_check(&in, rt_activity_check(a, &err), &err);
}


RT_API_HANDLER(rt_api_activity_create)
{
	struct rt_activity a;
	memset(&a, 0, sizeof(a));
	if (!rt_api_id(req, res, "id", &a.goal_id))
		return 0;
	return rt_api_create(ctx, req, res, &activity_entity, &a);
}

RT_API_HANDLER(rt_api_activity_update)
{
	return rt_api_update(ctx, req, res, &activity_entity);
}

RT_API_HANDLER(rt_api_activity_delete)
{
	int64_t id;
	if (!rt_api_id(req, res, "id", &id))
		return 0;
	rt_err err = RT_ERR_INIT;
	struct rt_activity a;
	if (rt_store_activity_get(ctx->store, ctx->arena, id, &a, &err) != 0)
		return rt_api_err(res, &err);
	if (!activity_editable(ctx, res, &a))
		return 0;
	if (rt_api_write(ctx, res, delete_activity, &id)) {
		res->status = 204;
		res->content_type = RT_HTTP_JSON;
		rt_buf_reset(&res->body);
	}
	return 0;
}
