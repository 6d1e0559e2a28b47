/* /api/v1/plans and /api/v1/org-units: list, read (a plan as its whole
 * tree), create, update (a plan's status only along the core's workflow);
 * a plan's validation findings (core/validate.h). */
#include <string.h>

#include "core/validate.h"
#include "http/api.h"
#include "http/api_routes.h"

static const char *const plan_fields[] = {
	"key", "kind", "owner_org_id", "parent_plan_id", "title", "start_year", "end_year",
	"case_number", "version", "status", "decision_body", "introduction", "row_version", NULL,
};
static const char *const org_fields[] = { "parent_id", "kind", "key", "name", "short_name", NULL };

static int get_plan(rt_store *s, rt_arena *a, int64_t id, void *out, rt_err *err)
{
	return rt_store_plan_get(s, a, id, out, err);
}

static int put_plan(rt_store *s, void *obj, rt_err *err)
{
	return rt_store_plan_put(s, obj, err);
}

static int get_org(rt_store *s, rt_arena *a, int64_t id, void *out, rt_err *err)
{
	return rt_store_org_get(s, a, id, out, err);
}

static int put_org(rt_store *s, void *obj, rt_err *err)
{
	return rt_store_org_put(s, obj, err);
}

static int list_plans(rt_store *s, rt_arena *a, void **out, size_t *n, rt_err *err)
{
	struct rt_plan *items = NULL;
	int rc = rt_store_plan_list(s, a, &items, n, err);
	*out = items;
	return rc;
}

static int list_orgs(rt_store *s, rt_arena *a, void **out, size_t *n, rt_err *err)
{
	struct rt_org_unit *items = NULL;
	int rc = rt_store_org_list(s, a, &items, n, err);
	*out = items;
	return rc;
}

/* Applies the body's fields over the plan and runs the core's checks; a
 * status change must be a step of the workflow, a new plan is a draft. */
static bool plan_from_json(struct rt_http_ctx *ctx, json_t *body, struct rt_http_response *res,
                           void *obj, bool update)
{
	struct rt_plan *p = obj;
	enum rt_plan_status old_status = p->status;
	struct rt_api_in in = { body, ctx->arena, res, false };
	rt_err err = RT_ERR_INIT;
	rt_api_in_str(&in, "key", &p->key);
	rt_api_in_id(&in, "owner_org_id", &p->owner_org_id);
	rt_api_in_id(&in, "parent_plan_id", &p->parent_plan_id);
	rt_api_in_str(&in, "title", &p->title);
	rt_api_in_int(&in, "start_year", &p->start_year);
	rt_api_in_int(&in, "end_year", &p->end_year);
	rt_api_in_str(&in, "case_number", &p->case_number);
	rt_api_in_int(&in, "version", &p->version);
	rt_api_in_str(&in, "decision_body", &p->decision_body);
	rt_api_in_str(&in, "introduction", &p->introduction);
	const char *kind = rt_api_in_token(&in, "kind");
	if (kind && !rt_api_in_check(&in, rt_plan_kind_parse(kind, &p->kind, &err), &err))
		return false;
	const char *status = rt_api_in_token(&in, "status");
	if (status && !rt_api_in_check(&in, rt_plan_status_parse(status, &p->status, &err), &err))
		return false;
	if (in.failed)
		return false;
	if (!p->owner_org_id) {
		rt_api_fail(res, 422, "invalid", "owner_org_id", "Ange vilken enhet som äger planen.");
		return false;
	}
	if (update && p->status != old_status &&
	    !rt_plan_status_transition_ok(old_status, p->status)) {
		rt_err_set(&err, RT_ESTATE, "status", "Planen kan inte gå från %s till %s.",
		           rt_plan_status_label(old_status), rt_plan_status_label(p->status));
		rt_api_err(res, &err);
		return false;
	}
	if (!update && p->status != RT_PLAN_DRAFT) {
		rt_api_fail(res, 422, "invalid", "status", "En ny plan börjar som utkast.");
		return false;
	}
	return rt_api_in_check(&in, rt_plan_check_fields(p, &err), &err);
}

/* The tree rules (parent exists, no cycle) need the whole tree with this
 * unit as it would be. */
static bool org_from_json(struct rt_http_ctx *ctx, json_t *body, struct rt_http_response *res,
                          void *obj, bool update)
{
	(void)update;
	struct rt_org_unit *u = obj;
	struct rt_api_in in = { body, ctx->arena, res, false };
	rt_err err = RT_ERR_INIT;
	rt_api_in_id(&in, "parent_id", &u->parent_id);
	rt_api_in_str(&in, "key", &u->key);
	rt_api_in_str(&in, "name", &u->name);
	rt_api_in_str(&in, "short_name", &u->short_name);
	const char *kind = rt_api_in_token(&in, "kind");
	if (kind && !rt_api_in_check(&in, rt_org_kind_parse(kind, &u->kind, &err), &err))
		return false;
	struct rt_org_unit *units = NULL;
	size_t n = 0;
	if (in.failed ||
	    !rt_api_in_check(&in, rt_store_org_list(ctx->store, ctx->arena, &units, &n, &err), &err))
		return false;
	struct rt_org_unit *all = rt_arena_alloc(ctx->arena, (n + 1) * sizeof(*all));
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (units[i].id != u->id)
			all[m++] = units[i];
	all[m++] = *u;
	return rt_api_in_check(&in, rt_org_tree_check(all, m, &err), &err);
}

static const struct rt_api_entity plan_entity = {
	sizeof(struct rt_plan), plan_fields, get_plan, NULL, plan_from_json, put_plan,
	rt_api_plan_json, "/api/v1/plans", list_plans, "plan",
};
static const struct rt_api_entity org_entity = {
	sizeof(struct rt_org_unit), org_fields, get_org, NULL, org_from_json, put_org,
	rt_api_org_json, "/api/v1/org-units", list_orgs, NULL,
};

RT_API_HANDLER(rt_api_plans_list)
{
	(void)req;
	return rt_api_list(ctx, res, &plan_entity);
}

RT_API_HANDLER(rt_api_plan_get)
{
	int64_t id;
	if (!rt_api_id(req, res, "id", &id))
		return 0;
	rt_err err = RT_ERR_INIT;
	int64_t version = 0;   /* before the plan: store.h rt_store_row_version */
	if (!rt_api_row_version(ctx, res, "plan", id, &version))
		return 0;
	/* the goals one opens for editing from the tree carry theirs too */
	struct rt_api_versions vg = rt_api_versions_read(ctx, "goal", id);
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	if (rt_store_plan_load(ctx->store, id, &doc, &err) != 0)
		return rt_api_err(res, &err);
	json_t *j = rt_api_plan_tree_json(&doc);
	rt_api_version_out(res, j, "plan", version, true);
	rt_api_versions_add(json_object_get(j, "goals"), vg);
	int rc = rt_api_json(res, 200, j);
	rt_plan_doc_release(&doc);
	return rc;
}

RT_API_HANDLER(rt_api_plan_create)
{
	struct rt_plan p;
	memset(&p, 0, sizeof(p));
	p.version = 1;
	p.kind = RT_PLAN_OPERATIONAL;
	return rt_api_create(ctx, req, res, &plan_entity, &p);
}

RT_API_HANDLER(rt_api_plan_update)
{
	return rt_api_update(ctx, req, res, &plan_entity);
}

RT_API_HANDLER(rt_api_plan_findings)
{
	int64_t id;
	if (!rt_api_id(req, res, "id", &id))
		return 0;
	rt_err err = RT_ERR_INIT;
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	struct rt_goal_ref *refs = NULL;
	size_t n_refs = 0;
	if (rt_store_plan_load(ctx->store, id, &doc, &err) != 0 ||
	    rt_store_goal_refs(ctx->store, ctx->arena, &refs, &n_refs, &err) != 0) {
		rt_plan_doc_release(&doc);
		return rt_api_err(res, &err);
	}
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_validate_plan(&doc, refs, n_refs, &f);
	json_t *arr = json_array();
	for (size_t i = 0; i < f.n; i++)
		json_array_append_new(arr, rt_api_finding_json(&f.items[i]));
	json_t *out = json_pack("{s:I, s:I, s:I, s:o}", "plan_id", (json_int_t)id,
	                        "errors", (json_int_t)rt_findings_errors(&f),
	                        "warnings", (json_int_t)(f.n - rt_findings_errors(&f)),
	                        "findings", arr);
	rt_findings_release(&f);
	rt_plan_doc_release(&doc);
	return rt_api_json(res, 200, out);
}

RT_API_HANDLER(rt_api_orgs_list)
{
	(void)req;
	return rt_api_list(ctx, res, &org_entity);
}

RT_API_HANDLER(rt_api_org_get)
{
	return rt_api_read(ctx, req, res, &org_entity);
}

RT_API_HANDLER(rt_api_org_create)
{
	struct rt_org_unit u;
	memset(&u, 0, sizeof(u));
	u.kind = RT_ORG_UNIT;
	return rt_api_create(ctx, req, res, &org_entity, &u);
}

RT_API_HANDLER(rt_api_org_update)
{
	return rt_api_update(ctx, req, res, &org_entity);
}
