/* /api/v1/indicators and /api/v1/targets: an indicator with its targets
 * (målvärden) and baselines; creating and editing indicators and targets
 * in an editable plan, with the core's checks (rt_indicator_check,
 * rt_target_check: a qualitative indicator takes Ja/Delvis/Nej targets). */
#include <string.h>

#include "http/api.h"
#include "http/api_routes.h"

static const char *const indicator_fields[] = {
	"position", "key", "name", "description", "kind", "unit", "direction", "source",
	"motivation", "criteria", "frequency", "central_only", "by_gender", "by_org", "tolerance",
	"version", NULL,
};
static const char *const target_fields[] = {
	"year", "gender", "org_unit_id", "text", "version", NULL,
};

static int get_indicator(rt_store *s, rt_arena *a, int64_t id, void *out, rt_err *err)
{
	return rt_store_indicator_get(s, a, id, out, err);
}

static int put_indicator(rt_store *s, void *obj, rt_err *err)
{
	return rt_store_indicator_put(s, obj, err);
}

static int get_target(rt_store *s, rt_arena *a, int64_t id, void *out, rt_err *err)
{
	return rt_store_target_get(s, a, id, out, err);
}

static json_t *target_json(const void *obj)
{
	return rt_api_target_json(obj);
}

static int put_target(rt_store *s, void *obj, rt_err *err)
{
	return rt_store_target_put(s, obj, err);
}

static int delete_target(rt_store *s, void *obj, rt_err *err)
{
	return rt_store_target_delete(s, *(int64_t *)obj, err);
}

RT_API_HANDLER(rt_api_indicator_get)
{
	int64_t id;
	if (!rt_api_id(req, res, "id", &id))
		return 0;
	int64_t version = 0;   /* before the indicator: store.h rt_store_row_version */
	if (!rt_api_row_version(ctx, res, "indicator", id, &version))
		return 0;
	struct rt_api_versions vo = rt_api_versions_read(ctx, "outcome", id);
	struct rt_api_versions vt = rt_api_versions_read(ctx, "target", id);
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	const struct rt_indicator *ind;
	if (rt_api_doc_of_indicator(ctx, res, id, &doc, &ind)) {
		json_t *j = rt_api_indicator_full_json(&doc, ind);
		rt_api_version_out(res, j, "indicator", version, true);
		json_t *outs = json_array();
		for (size_t i = 0; i < doc.n_outcomes; i++) {
			const struct rt_outcome *o = &doc.outcomes[i];
			if (o->indicator_id != id)
				continue;
			const struct rt_period *p = rt_doc_period(&doc, o->period_id);
			json_array_append_new(outs, rt_api_outcome_json(o, p ? p->key : NULL));
		}
		rt_api_versions_add(outs, vo);
		rt_api_versions_add(json_object_get(j, "targets"), vt);
		json_object_set_new(j, "outcomes", outs);
		json_object_set_new(j, "plan_id", json_integer(doc.plan.id));
		rt_api_json(res, 200, j);
	}
	rt_plan_doc_release(&doc);
	return 0;
}

static bool indicator_from_json(struct rt_http_ctx *ctx, json_t *body,
                                struct rt_http_response *res, void *obj, bool update)
{
	(void)update;
	struct rt_indicator *ind = obj;
	struct rt_api_in in = { body, ctx->arena, res, false };
	rt_err err = RT_ERR_INIT;
	rt_api_in_int(&in, "position", &ind->position);
	rt_api_in_str(&in, "key", &ind->key);
	rt_api_in_str(&in, "name", &ind->name);
	rt_api_in_str(&in, "description", &ind->description);
	rt_api_in_str(&in, "unit", &ind->unit);
	rt_api_in_str(&in, "source", &ind->source);
	rt_api_in_str(&in, "motivation", &ind->motivation);
	rt_api_in_str(&in, "criteria", &ind->criteria);
	rt_api_in_bool(&in, "central_only", &ind->central_only);
	rt_api_in_bool(&in, "by_gender", &ind->by_gender);
	rt_api_in_bool(&in, "by_org", &ind->by_org);
	json_t *tol = json_object_get(body, "tolerance");
	if (tol && json_is_null(tol)) {
		ind->has_tolerance = false;
	} else if (tol && json_is_number(tol) && json_number_value(tol) >= 0 &&
	           json_number_value(tol) <= 100) {
		ind->has_tolerance = true;
		ind->tolerance = json_number_value(tol);
	} else if (tol && !in.failed) {
		rt_api_fail(res, 422, "invalid", "tolerance",
		            "Toleransen anges i procent av målvärdet, 0–100, eller null.");
		return false;
	}
	const char *kind = rt_api_in_token(&in, "kind");
	if (kind && !rt_api_in_check(&in, rt_indicator_kind_parse(kind, &ind->kind, &err), &err))
		return false;
	const char *dir = rt_api_in_token(&in, "direction");
	if (dir && !rt_api_in_check(&in, rt_direction_parse(dir, &ind->direction, &err), &err))
		return false;
	const char *freq = rt_api_in_token(&in, "frequency");
	if (freq && !rt_api_in_check(&in, rt_frequency_parse(freq, &ind->frequency, &err), &err))
		return false;
	if (in.failed)
		return false;
	return rt_api_in_check(&in, rt_indicator_check(ind, &err), &err);
}

static bool indicator_editable(struct rt_http_ctx *ctx, struct rt_http_response *res,
                               const void *obj)
{
	return rt_api_editable_goal_id(ctx, res, ((const struct rt_indicator *)obj)->goal_id);
}

static const struct rt_api_entity indicator_entity = {
	sizeof(struct rt_indicator), indicator_fields, get_indicator, indicator_editable,
	indicator_from_json, put_indicator, rt_api_indicator_json, "/api/v1/indicators", NULL,
	"indicator",
};

RT_API_HANDLER(rt_api_indicator_create)
{
	struct rt_indicator ind;
	memset(&ind, 0, sizeof(ind));
	ind.frequency = RT_FREQ_TERTIAL;
	if (!rt_api_id(req, res, "id", &ind.goal_id))
		return 0;
	return rt_api_create(ctx, req, res, &indicator_entity, &ind);
}

RT_API_HANDLER(rt_api_indicator_update)
{
	return rt_api_update(ctx, req, res, &indicator_entity);
}

/* A target belongs to an indicator of an editable plan; the body is read
 * over the stored target (PUT) or the new one (POST), and the text is
 * parsed and checked against the indicator (a qualitative one takes
 * Ja/Delvis/Nej). */
static bool target_editable(struct rt_http_ctx *ctx, struct rt_http_response *res,
                            const void *obj)
{
	rt_err err = RT_ERR_INIT;
	struct rt_indicator ind;
	if (rt_store_indicator_get(ctx->store, ctx->arena, ((const struct rt_target *)obj)->indicator_id,
	                           &ind, &err) != 0) {
		rt_api_err(res, &err);
		return false;
	}
	return indicator_editable(ctx, res, &ind);
}

static bool target_from_json(struct rt_http_ctx *ctx, json_t *body, struct rt_http_response *res,
                             void *obj, bool update)
{
	(void)update;
	struct rt_target *t = obj;
	struct rt_api_in in = { body, ctx->arena, res, false };
	rt_err err = RT_ERR_INIT;
	rt_api_in_int(&in, "year", &t->year);
	rt_api_in_id(&in, "org_unit_id", &t->org_unit_id);
	rt_api_in_str(&in, "text", &t->text);
	const char *g = rt_api_in_token(&in, "gender");
	if ((g && !rt_api_in_check(&in, rt_gender_parse(g, &t->gender, &err), &err)) || in.failed)
		return false;
	if (!t->text || t->year < 1900 || t->year > 2200) {
		rt_api_fail(res, 422, "invalid", t->text ? "year" : "text",
		            "Ange år (1900–2200) och målvärdets text.");
		return false;
	}
	struct rt_indicator ind;
	return rt_api_in_check(&in, rt_target_parse(t->text, &t->spec, &err), &err) &&
	       rt_api_in_check(&in, rt_store_indicator_get(ctx->store, ctx->arena, t->indicator_id,
	                                                   &ind, &err), &err) &&
	       rt_api_in_check(&in, rt_target_check(&ind, t, &err), &err);
}

static const struct rt_api_entity target_entity = {
	sizeof(struct rt_target), target_fields, get_target, target_editable, target_from_json,
	put_target, target_json, "/api/v1/targets", NULL, "target",
};

RT_API_HANDLER(rt_api_target_create)
{
	struct rt_target t;
	memset(&t, 0, sizeof(t));
	if (!rt_api_id(req, res, "id", &t.indicator_id))
		return 0;
	return rt_api_create(ctx, req, res, &target_entity, &t);
}

RT_API_HANDLER(rt_api_target_get)
{
	return rt_api_read(ctx, req, res, &target_entity);
}

RT_API_HANDLER(rt_api_target_update)
{
	return rt_api_update(ctx, req, res, &target_entity);
}

RT_API_HANDLER(rt_api_target_delete)
{
	int64_t id;
	if (!rt_api_id(req, res, "id", &id))
		return 0;
	rt_err err = RT_ERR_INIT;
	struct rt_target t;
	if (rt_store_target_get(ctx->store, ctx->arena, id, &t, &err) != 0)
		return rt_api_err(res, &err);
	if (target_editable(ctx, res, &t) && rt_api_write(ctx, res, delete_target, &id)) {
		res->status = 204;
		rt_buf_reset(&res->body);
	}
	return 0;
}
