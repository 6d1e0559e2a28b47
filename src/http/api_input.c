/* Reading request objects into domain structs, and the path parameters
 * every handler resolves (a period by id or key, the plan document that
 * holds a goal or indicator), and the one write step (begin → put →
 * commit, audited by the store, rolled back on any failure). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/api.h"
#include "ingest/followup_entry.h"

static void type_error(struct rt_api_in *in, const char *key, const char *what)
{
	if (in->failed)
		return;
	char msg[160];
	snprintf(msg, sizeof(msg), "Fältet '%s' måste vara %s.", key, what);
	rt_api_fail(in->res, 400, "bad_type", key, msg);
	in->failed = true;
}

void rt_api_in_str(struct rt_api_in *in, const char *key, char **dst)
{
	json_t *v = json_object_get(in->obj, key);
	if (!v)
		return;
	if (json_is_null(v))
		*dst = NULL;
	else if (json_is_string(v))
		*dst = rt_arena_strdup(in->a, json_string_value(v));
	else
		type_error(in, key, "en text eller null");
}

void rt_api_in_int(struct rt_api_in *in, const char *key, int *dst)
{
	json_t *v = json_object_get(in->obj, key);
	if (!v)
		return;
	if (json_is_integer(v) && json_integer_value(v) >= -1000000000 &&
	    json_integer_value(v) <= 1000000000)
		*dst = (int)json_integer_value(v);
	else
		type_error(in, key, "ett heltal");
}

void rt_api_in_id(struct rt_api_in *in, const char *key, int64_t *dst)
{
	json_t *v = json_object_get(in->obj, key);
	if (!v)
		return;
	if (json_is_null(v))
		*dst = 0;
	else if (json_is_integer(v) && json_integer_value(v) > 0)
		*dst = json_integer_value(v);
	else
		type_error(in, key, "ett id (positivt heltal) eller null");
}

void rt_api_in_bool(struct rt_api_in *in, const char *key, bool *dst)
{
	json_t *v = json_object_get(in->obj, key);
	if (!v)
		return;
	if (json_is_boolean(v))
		*dst = json_is_true(v);
	else
		type_error(in, key, "true eller false");
}

const char *rt_api_in_token(struct rt_api_in *in, const char *key)
{
	json_t *v = json_object_get(in->obj, key);
	if (!v)
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	type_error(in, key, "en text");
	return NULL;
}

bool rt_api_in_check(struct rt_api_in *in, int rc, const rt_err *err)
{
	if (in->failed)
		return false;
	if (rc == 0)
		return true;
	rt_api_err(in->res, err);
	in->failed = true;
	return false;
}

bool rt_api_period(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                   struct rt_http_response *res, struct rt_period *out)
{
	const char *s = rt_http_param(req, "period");
	rt_err err = RT_ERR_INIT;
	int64_t id = 0;
	/* a key wins over an id: a year period's key "2024" is all digits */
	int rc = rt_followup_resolve(ctx->store, "period", s ? s : "", &id, &err);
	if (!rc)
		rc = rt_store_period_get(ctx->store, ctx->arena, id, out, &err);
	if (rc) {
		if (rc == RT_ENOTFOUND)
			rt_api_fail(res, 404, "not_found", "period", "Perioden finns inte.");
		else
			rt_api_err(res, &err);
		return false;
	}
	return true;
}

bool rt_api_doc_of_goal(struct rt_http_ctx *ctx, struct rt_http_response *res, int64_t goal_id,
                        struct rt_plan_doc *doc)
{
	rt_err err = RT_ERR_INIT;
	struct rt_goal g;
	int rc = rt_store_goal_get(ctx->store, ctx->arena, goal_id, &g, &err);
	if (!rc)
		rc = rt_store_plan_load(ctx->store, g.plan_id, doc, &err);
	if (rc) {
		rt_api_err(res, &err);
		return false;
	}
	return true;
}

bool rt_api_doc_of_indicator(struct rt_http_ctx *ctx, struct rt_http_response *res,
                             int64_t indicator_id, struct rt_plan_doc *doc,
                             const struct rt_indicator **ind)
{
	rt_err err = RT_ERR_INIT;
	struct rt_indicator i;
	if (rt_store_indicator_get(ctx->store, ctx->arena, indicator_id, &i, &err) != 0) {
		rt_api_err(res, &err);
		return false;
	}
	if (!rt_api_doc_of_goal(ctx, res, i.goal_id, doc))
		return false;
	*ind = rt_doc_indicator(doc, indicator_id);
	if (!*ind) {
		rt_api_fail(res, 500, "internal", NULL, "Mätetalet saknas i sin plan.");
		return false;
	}
	return true;
}

bool rt_api_write(struct rt_http_ctx *ctx, struct rt_http_response *res,
                  int (*write)(rt_store *s, void *obj, rt_err *err), void *obj)
{
	rt_err err = RT_ERR_INIT;
	int rc = rt_store_begin(ctx->store, ctx->actor, &err);
	if (!rc) {
		rc = write(ctx->store, obj, &err);
		if (rc)
			rt_store_rollback(ctx->store);
		else
			rc = rt_store_commit(ctx->store, &err);
	}
	if (rc) {
		rt_api_err(res, &err);
		return false;
	}
	return true;
}
