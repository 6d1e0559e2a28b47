/* The one create and one update step of the JSON API: every entity that can
 * be written (org unit, plan, goal, indicator, activity) describes itself in
 * a struct rt_api_entity and the step does the rest in the same order for
 * all: resolve, check the plan is still open for edits, read the body
 * strictly, apply it over the stored row, run the core's checks, write in
 * one audited transaction, answer. Also where structural edits are allowed:
 * a plan in draft or up for decision (a decided plan changes by a new
 * version, ARCHITECTURE.md). */
#include <stdlib.h>
#include <string.h>

#include "http/api.h"

bool rt_api_plan_editable(const struct rt_plan *p, struct rt_http_response *res)
{
	if (p->status == RT_PLAN_DRAFT || p->status == RT_PLAN_FOR_DECISION)
		return true;
	rt_err err = RT_ERR_INIT;
	rt_err_set(&err, RT_ESTATE, "plan_id",
	           "Planen '%.200s' är %s; ändringar görs i en ny version av planen.",
	           p->title ? p->title : "", rt_plan_status_label(p->status));
	rt_api_err(res, &err);
	return false;
}

bool rt_api_editable_plan_id(struct rt_http_ctx *ctx, struct rt_http_response *res,
                             int64_t plan_id)
{
	rt_err err = RT_ERR_INIT;
	struct rt_plan p;
	if (rt_store_plan_get(ctx->store, ctx->arena, plan_id, &p, &err) != 0) {
		rt_api_err(res, &err);
		return false;
	}
	return rt_api_plan_editable(&p, res);
}

bool rt_api_editable_goal_id(struct rt_http_ctx *ctx, struct rt_http_response *res,
                             int64_t goal_id)
{
	rt_err err = RT_ERR_INIT;
	struct rt_goal g;
	if (rt_store_goal_get(ctx->store, ctx->arena, goal_id, &g, &err) != 0) {
		rt_api_err(res, &err);
		return false;
	}
	return rt_api_editable_plan_id(ctx, res, g.plan_id);
}

/* Reads the body, applies it, writes; answers `status` with the result. */
static void apply_and_write(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                            struct rt_http_response *res, const struct rt_api_entity *e,
                            void *obj, bool update)
{
	if (e->editable && !e->editable(ctx, res, obj))
		return;
	json_t *body = rt_api_body(req, res, e->fields);
	if (!body)
		return;
	bool has = false;
	int64_t expected = 0, version = 0;
	if (e->table && update &&
	    !rt_api_expected(req, body, rt_api_version_key(e->table), res, false, &has, &expected)) {
		json_decref(body);
		return;
	}
	if (e->from_json(ctx, body, res, obj, update) &&
	    (e->table ? rt_api_write_versioned(ctx, res, e->put, obj, e->table, has, expected,
	                                       &version)
	              : rt_api_write(ctx, res, e->put, obj))) {
		json_t *j = e->to_json(obj);
		if (e->table)
			rt_api_version_out(res, j, e->table, version, true);
		if (!update && e->location) {
			rt_buf loc = RT_BUF_INIT;
			rt_buf_addf(&loc, "%s/%lld", e->location, (long long)*(const int64_t *)obj);
			rt_http_set_header(res, "Location", loc.buf);
			rt_buf_release(&loc);
		}
		rt_api_json(res, update ? 200 : 201, j);
	}
	json_decref(body);
}

int rt_api_create(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                  struct rt_http_response *res, const struct rt_api_entity *e, void *obj)
{
	apply_and_write(ctx, req, res, e, obj, false);
	return 0;
}

/* The stored row of …/{id} in the request's arena; NULL with 404 answered. */
static void *load(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                  struct rt_http_response *res, const struct rt_api_entity *e)
{
	int64_t id;
	if (!rt_api_id(req, res, "id", &id))
		return NULL;
	rt_err err = RT_ERR_INIT;
	void *obj = rt_arena_alloc(ctx->arena, e->size);
	if (e->get(ctx->store, ctx->arena, id, obj, &err) != 0) {
		rt_api_err(res, &err);
		return NULL;
	}
	return obj;
}

int rt_api_update(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                  struct rt_http_response *res, const struct rt_api_entity *e)
{
	void *obj = load(ctx, req, res, e);
	if (obj)
		apply_and_write(ctx, req, res, e, obj, true);
	return 0;
}

int rt_api_read(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                struct rt_http_response *res, const struct rt_api_entity *e)
{
	/* the version before the row (store.h rt_store_row_version) */
	int64_t id = 0, version = 0;
	if (e->table && (!rt_api_id(req, res, "id", &id) ||
	                 !rt_api_row_version(ctx, res, e->table, id, &version)))
		return 0;
	void *obj = load(ctx, req, res, e);
	if (!obj)
		return 0;
	json_t *j = e->to_json(obj);
	if (e->table)
		rt_api_version_out(res, j, e->table, version, true);
	return rt_api_json(res, 200, j);
}

int rt_api_list(struct rt_http_ctx *ctx, struct rt_http_response *res,
                const struct rt_api_entity *e)
{
	rt_err err = RT_ERR_INIT;
	void *items = NULL;
	size_t n = 0;
	if (e->list(ctx->store, ctx->arena, &items, &n, &err) != 0)
		return rt_api_err(res, &err);
	return rt_api_json(res, 200, rt_api_array(items, n, e->size, e->to_json));
}

json_t *rt_api_array(const void *items, size_t n, size_t size, json_t *(*to_json)(const void *))
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, to_json((const char *)items + i * size));
	return arr;
}
