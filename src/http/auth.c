/* Authentication and authorisation of every request, in ONE place: the
 * server calls rt_http_auth after routing and before the handler. It finds
 * who asks (an `Authorization: Bearer` API token, else the `rt_session`
 * cookie, else anonymous), checks the CSRF token of state-changing requests
 * made with a cookie, and checks the route's declared permission with
 * core/authz.h — against the owner org unit of the plan that the route's
 * "{id}" names (a plan, goal, indicator, target or activity: entity → plan
 * → owner in store_auth.h rt_store_entity_owner), else globally (see enum
 * rt_http_target). A PUT that moves a plan to "decided" needs the decision
 * maker; a follow-up write the period to be open unless a planner writes.
 * The principal is then handed to the store, which checks every row the
 * handler writes by the same rules (a plan created under another unit, an
 * import). Also the login and logout pages (/logga-in, /logga-ut). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/plan.h"
#include "core/workflow.h"
#include "http/http.h"
#include "http/http_int.h"
#include "http/multipart.h"
#include "store/store_auth.h"
#include "web/web.h"

#define LOGIN_PATH "/logga-in"

static const struct rt_principal anonymous = { "", false, NULL, 0 };

/* The value of cookie `name` from the Cookie header, in the arena. */
static const char *cookie_value(rt_arena *a, const struct rt_http_request *req, const char *name)
{
	const char *h = rt_http_header(req, "Cookie");
	size_t nl = strlen(name);
	while (h && *h) {
		while (*h == ' ' || *h == ';')
			h++;
		const char *end = strchr(h, ';');
		size_t len = end ? (size_t)(end - h) : strlen(h);
		if (len > nl && !strncmp(h, name, nl) && h[nl] == '=')
			return rt_arena_strndup(a, h + nl + 1, len - nl - 1);
		h = end;
	}
	return NULL;
}

/* Compares without an early exit, so that timing does not tell how much of
 * a guessed CSRF token was right. */
static bool same_token(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char d = la != lb;
	for (size_t i = 0; i < la && i < lb; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0 && la > 0;
}

/* Loads the principal of user `user_id` into the arena; false if the user
 * is gone or disabled (then the request is anonymous). */
static bool load_principal(struct rt_http_ctx *ctx, int64_t user_id)
{
	struct rt_user u;
	struct rt_principal *p = rt_arena_alloc(ctx->arena, sizeof(*p));
	if (rt_store_user_get_id(ctx->store, ctx->arena, user_id, &u, NULL) != 0 ||
	    rt_store_principal(ctx->store, ctx->arena, u.name, p, NULL) != 0)
		return false;
	ctx->principal = p;
	return true;
}

/* Who asks: fills ctx->principal and ctx->csrf. *by_cookie says whether a
 * session cookie (and not a Bearer token) authenticated the request. */
static void authenticate(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                         bool *by_cookie)
{
	ctx->principal = &anonymous;
	ctx->csrf = "";
	*by_cookie = false;
	int64_t uid = 0;
	const char *authz = rt_http_header(req, "Authorization");
	if (authz && !strncasecmp(authz, "Bearer ", 7)) {
		if (rt_store_api_token_check(ctx->store, authz + 7, &uid, NULL) == 0)
			load_principal(ctx, uid);
		return;
	}
	const char *tok = cookie_value(ctx->arena, req, "rt_session");
	char csrf[65];
	if (tok && rt_store_session_check(ctx->store, tok, rt_store_clock(), &uid, csrf, NULL) == 0 &&
	    load_principal(ctx, uid)) {
		ctx->csrf = rt_arena_strdup(ctx->arena, csrf);
		*by_cookie = true;
	}
}

static bool is_api(const struct rt_http_request *req)
{
	return !strncmp(req->path, "/api/", 5);
}

static bool is_read(const struct rt_http_request *req)
{
	return !strcmp(req->method, "GET") || !strcmp(req->method, "HEAD");
}

/* The store's kind of row for a route target. */
static const enum rt_entity_kind target_kind[] = {
	[RT_TARGET_PLAN] = RT_ENTITY_PLAN,
	[RT_TARGET_GOAL] = RT_ENTITY_GOAL,
	[RT_TARGET_INDICATOR] = RT_ENTITY_INDICATOR,
	[RT_TARGET_TARGET] = RT_ENTITY_TARGET,
	[RT_TARGET_ACTIVITY] = RT_ENTITY_ACTIVITY,
};

/* The plan, owner org unit and status of what "{id}" names; false when the
 * route names nothing or the id is unknown (the handler then answers 404
 * itself, and the check is the route class's alone). */
static bool target_owner(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                         const struct rt_http_route *route, struct rt_entity_owner *o)
{
	if (route->target == RT_TARGET_NONE)
		return false;
	const char *s = rt_http_param(req, "id");
	char *end;
	long long id = s ? strtoll(s, &end, 10) : 0;
	return s && !*end && id > 0 &&
	       rt_store_entity_owner(ctx->store, ctx->arena, target_kind[route->target], id, o,
	                             NULL) == 0;
}

/* The permission a PUT of a plan needs: a status move to "decided" or
 * "archived" is the decision maker's, anything else the planner's. Only
 * the body's "status" is read here; the handler parses the rest. */
static enum rt_perm plan_put_perm(const struct rt_http_request *req,
                                  const struct rt_entity_owner *o)
{
	enum rt_perm perm = RT_PERM_PLAN_EDIT;
	json_t *j = req->body.len ? json_loadb(req->body.buf, req->body.len, 0, NULL) : NULL;
	const char *to_s = json_string_value(json_object_get(j, "status"));
	enum rt_plan_status to;
	if (to_s && rt_plan_status_parse(to_s, &to, NULL) == 0 && to != o->status)
		perm = rt_workflow_status_perm(o->status, to);
	json_decref(j);
	return perm;
}

/* POST /api/v1/plans names its owner in the body: the planner must be of
 * that unit (0 when the body names none; the handler then refuses it). */
static int64_t new_plan_owner(const struct rt_http_request *req)
{
	json_t *j = req->body.len ? json_loadb(req->body.buf, req->body.len, 0, NULL) : NULL;
	json_t *v = json_object_get(j, "owner_org_id");
	int64_t owner = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
	json_decref(j);
	return owner;
}

/* A follow-up write (a route of class RT_PERM_REPORT) for the plan owned
 * by o: the same decision as the store's (reporter of the unit, period not
 * closed unless a planner or admin writes). 0 or RT_ESTATE with the
 * Swedish reason. An unknown period counts as open: the handler answers
 * 404 for it. */
static int followup_check(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                          const struct rt_entity_owner *o, rt_err *err)
{
	const char *key = rt_http_param(req, "period");
	int64_t pid = 0;
	if (key && rt_store_find_key(ctx->store, "period", key, &pid, NULL) != 0)
		pid = 0;
	return rt_store_followup_check(ctx->store, ctx->principal, o->owner_org_id, pid, err);
}

/* Decided plans are public documents unless the database says otherwise
 * with the setting "publish_decided_plans" = "nej". */
static bool region_publishes(struct rt_http_ctx *ctx)
{
	char *v = NULL;
	if (rt_store_setting_get(ctx->store, ctx->arena, 0, "publish_decided_plans", &v, NULL) != 0)
		return true;
	return strcmp(v, "nej") && strcmp(v, "0") && strcmp(v, "false");
}

static void deny(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                 struct rt_http_response *res, int status, const char *code, const char *msg)
{
	if (status == 401 && !is_api(req)) {
		rt_http_redirect(res, 303, LOGIN_PATH);
		return;
	}
	rt_http_error(ctx, req, res, status, code, msg);
	if (status == 401)
		rt_http_set_header(res, "WWW-Authenticate", "Bearer");
}

/* The CSRF token a request sent: the form field "csrf" (urlencoded or
 * multipart, as the form helper writes it) or the header X-CSRF-Token
 * (for scripts). "" when none. */
static const char *sent_csrf(struct rt_http_ctx *ctx, const struct rt_http_request *req)
{
	const char *v = rt_http_form(req, "csrf");
	if (v)
		return v;
	if (!strcmp(req->content_type, "multipart/form-data")) {
		struct rt_multipart_part parts[RT_MULTIPART_MAX_PARTS];
		size_t n = 0;
		const char *ct = rt_http_header(req, "Content-Type");
		if (ct && rt_multipart_parse(ctx->arena, ct, req->body.buf, req->body.len, parts, &n,
		                             NULL) == 0) {
			const struct rt_multipart_part *p = rt_multipart_get(parts, n, "csrf");
			if (p)
				return rt_arena_strndup(ctx->arena, p->data, p->len);
		}
	}
	v = rt_http_header(req, "X-CSRF-Token");
	return v ? v : "";
}

static bool check(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                  const struct rt_http_route *route, struct rt_http_response *res)
{
	bool by_cookie;
	authenticate(ctx, req, &by_cookie);
	rt_web_set_csrf(ctx->csrf);
	if (by_cookie && !is_read(req)) {
		if (!same_token(sent_csrf(ctx, req), ctx->csrf)) {
			deny(ctx, req, res, 403, "csrf",
			     "Formuläret har gått ut. Ladda om sidan och försök igen.");
			return false;
		}
	}
	if (route->perm == RT_PERM_PUBLIC)
		return true;
	struct rt_org_link *org = NULL;
	size_t n_org = 0;
	struct rt_entity_owner o = { 0, 0, RT_PLAN_DRAFT, NULL };
	bool has_owner = target_owner(ctx, req, route, &o);
	if (has_owner || ctx->principal->authenticated)
		rt_store_org_links(ctx->store, ctx->arena, &org, &n_org, NULL);
	if (has_owner && route->perm == RT_PERM_READ && is_read(req)) {
		if (rt_authz_plan_readable(ctx->principal, o.owner_org_id, (int)o.status,
		                           region_publishes(ctx), org, n_org))
			return true;
	}
	if (!ctx->principal->authenticated) {
		deny(ctx, req, res, 401, "unauthenticated", "Du behöver logga in.");
		return false;
	}
	rt_err err = RT_ERR_INIT;
	enum rt_perm perm = route->perm;
	if (has_owner && route->target == RT_TARGET_PLAN && perm == RT_PERM_PLAN_EDIT &&
	    !strcmp(req->method, "PUT"))
		perm = plan_put_perm(req, &o);
	if (!has_owner && !strcmp(req->method, "POST") && !strcmp(route->pattern, "/api/v1/plans")) {
		o.owner_org_id = new_plan_owner(req);
		has_owner = o.owner_org_id > 0;
	}
	int rc;
	if (perm == RT_PERM_REPORT)
		rc = has_owner ? followup_check(ctx, req, &o, &err)
		               : rt_workflow_outcome_check(ctx->principal, true, NULL, NULL, 0, org,
		                                           n_org, &err);
	else
		rc = rt_authz_check(ctx->principal, perm, has_owner ? o.owner_org_id : 0,
		                    has_owner ? o.owner_name : NULL, org, n_org, &err);
	if (rc) {
		deny(ctx, req, res, 403, "forbidden",
		     err.msg[0] ? err.msg : "Du saknar behörighet för det här.");
		return false;
	}
	return true;
}

bool rt_http_auth(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                  const struct rt_http_route *route, struct rt_http_response *res)
{
	bool ok = check(ctx, req, route, res);
	/* The store checks every row the handler writes against the same rules;
	 * the server clears it after the handler (the principal is in the
	 * request's arena). */
	rt_store_set_principal(ctx->store, ok ? ctx->principal : NULL);
	return ok;
}

/* ---- /logga-in and /logga-ut ---- */

static void page_headers(struct rt_http_response *res)
{
	res->content_type = RT_HTTP_HTML;
	rt_http_set_header(res, "Cache-Control", "no-store");
}

static int h_login_form(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                        struct rt_http_response *res)
{
	(void)ctx, (void)req;
	rt_web_login(NULL, NULL, &res->body);
	page_headers(res);
	return 0;
}

static int h_login(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                   struct rt_http_response *res)
{
	const char *name = rt_http_form(req, "anvandarnamn");
	const char *pw = rt_http_form(req, "losenord");
	rt_err err = RT_ERR_INIT;
	int64_t uid = 0;
	int64_t now = rt_store_clock();
	int rc = rt_store_login(ctx->store, name ? name : "", pw ? pw : "",
	                        req->remote_addr ? req->remote_addr : "", now, &uid, &err);
	if (rc == RT_EINVAL || rc == RT_ESTATE) {
		res->status = rc == RT_ESTATE ? 429 : 401;
		rt_web_login(name, rc == RT_ESTATE ? "För många misslyckade inloggningar. Försök igen om en stund."
		                                   : "Fel användarnamn eller lösenord.",
		             &res->body);
		page_headers(res);
		return 0;
	}
	if (rc != 0)
		return rc;
	char token[65], csrf[65];
	if ((rc = rt_store_session_create(ctx->store, uid, now, token, csrf, &err)) != 0)
		return rc;
	char cookie[160];
	snprintf(cookie, sizeof(cookie), "rt_session=%s; HttpOnly; SameSite=Strict; Path=/%s", token,
	         ctx->tls ? "; Secure" : "");
	rt_http_redirect(res, 303, "/");
	rt_http_set_header(res, "Set-Cookie", cookie);
	return 0;
}

static int h_logout(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                    struct rt_http_response *res)
{
	const char *tok = cookie_value(ctx->arena, req, "rt_session");
	if (tok && ctx->principal->authenticated) {
		int rc = rt_store_session_end(ctx->store, tok, NULL);
		if (rc != 0 && rc != RT_ENOTFOUND)
			return rc;
	}
	rt_http_redirect(res, 303, LOGIN_PATH);
	rt_http_set_header(res, "Set-Cookie",
	                   "rt_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
	return 0;
}

/* Logout is public so that an expired session can still "log out"; the
 * CSRF check above covers it whenever a live session cookie comes along. */
const struct rt_http_route rt_routes_auth[] = {
	{ "GET", LOGIN_PATH, h_login_form, RT_PERM_PUBLIC, RT_TARGET_NONE },
	{ "POST", LOGIN_PATH, h_login, RT_PERM_PUBLIC, RT_TARGET_NONE },
	{ "POST", "/logga-ut", h_logout, RT_PERM_PUBLIC, RT_TARGET_NONE },
	{ NULL, NULL, NULL, RT_PERM_ADMIN, RT_TARGET_NONE },
};
