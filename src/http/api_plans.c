/* /api/v1/plans: the plans, and one plan as its whole tree. */
#include "http/api.h"
#include "http/api_routes.h"

static json_t *plan_json(const struct rt_plan *p)
{
	return json_pack("{s:I, s:o, s:s, s:s, s:I, s:o, s:s, s:i, s:i, s:o, s:i, s:s, s:o, s:o}",
	                 "id", (json_int_t)p->id, "key", rt_api_str(p->key),
	                 "kind", rt_plan_kind_name(p->kind), "kind_label", rt_plan_kind_label(p->kind),
	                 "owner_org_id", (json_int_t)p->owner_org_id,
	                 "parent_plan_id", p->parent_plan_id ? json_integer(p->parent_plan_id) : json_null(),
	                 "title", p->title ? p->title : "", "start_year", p->start_year,
	                 "end_year", p->end_year, "case_number", rt_api_str(p->case_number),
	                 "version", p->version, "status", rt_plan_status_name(p->status),
	                 "decision_body", rt_api_str(p->decision_body),
	                 "introduction", rt_api_str(p->introduction));
}

RT_API_HANDLER(rt_api_plans_list)
{
	(void)req;
	rt_err err = RT_ERR_INIT;
	struct rt_plan *plans = NULL;
	size_t n = 0;
	if (rt_store_plan_list(ctx->store, ctx->arena, &plans, &n, &err) != 0)
		return rt_api_err(res, &err);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, plan_json(&plans[i]));
	return rt_api_json(res, 200, arr);
}
