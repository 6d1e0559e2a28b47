/* The web pages' route table: src/web's renderers plugged into the router,
 * and the Swedish error page for paths outside /api/. This file only maps
 * HTTP to the renderers (ids from the path, fields from the form, rt_err to
 * a status code); what a page shows is decided in src/web. Every page gets
 * a strict Content-Security-Policy: the UI needs no inline script or style. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "http/http.h"
#include "web/web.h"
#include "http/multipart.h"
#include "web/web_import.h"
#include "web/web_process.h"
#include "web/web_economy.h"

#define CSP "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " \
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

static void html_headers(struct rt_http_response *res)
{
	res->content_type = RT_HTTP_HTML;
	rt_http_set_header(res, "Content-Security-Policy", CSP);
	rt_http_set_header(res, "Referrer-Policy", "same-origin");
	rt_http_set_header(res, "Cache-Control", "no-cache");
}

/* A positive id from the path; 0 when it is not one. */
static int64_t path_id(const struct rt_http_request *req, const char *name)
{
	const char *s = rt_http_param(req, name);
	if (!s || *s < '1' || *s > '9')
		return 0;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	return *end || errno ? 0 : (int64_t)v;
}

static int http_status_of(int code)
{
	switch (code) {
	case RT_ENOTFOUND: return 404;
	case RT_EINVAL: return 422;
	case RT_ECONFLICT: return 409;
	case RT_ESTATE: return 409;
	case RT_EFORBIDDEN: return 403;
	default: return 500;
	}
}

/* The common end of a page handler: the page, or the error page with the
 * renderer's Swedish message; internal errors go to the server's 500. */
static int finish(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                  struct rt_http_response *res, int rc, const rt_err *err)
{
	if (rc == 0) {
		html_headers(res);
		return 0;
	}
	int status = http_status_of(rc);
	if (status == 500)
		return rc;
	rt_routes_web_error(ctx, req, res, status, err->msg[0] ? err->msg : "Sidan finns inte.");
	return 0;
}

static int not_found(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                     struct rt_http_response *res)
{
	rt_routes_web_error(ctx, req, res, 404, "Sidan finns inte.");
	return 0;
}

static int h_start(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                   struct rt_http_response *res)
{
	rt_err err = RT_ERR_INIT;
	return finish(ctx, req, res, rt_web_start(ctx->store, &res->body, &err), &err);
}

/* A page about one object named by a positive id in the path. */
static int by_id(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                 struct rt_http_response *res,
                 int (*render)(rt_store *, int64_t, rt_buf *, rt_err *))
{
	int64_t id = path_id(req, "id");
	if (!id)
		return not_found(ctx, req, res);
	rt_err err = RT_ERR_INIT;
	return finish(ctx, req, res, render(ctx->store, id, &res->body, &err), &err);
}

static int h_plan(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                  struct rt_http_response *res)
{
	return by_id(ctx, req, res, rt_web_plan);
}

static int h_goal(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                  struct rt_http_response *res)
{
	return by_id(ctx, req, res, rt_web_goal);
}

static int h_goal_edit(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                       struct rt_http_response *res)
{
	return by_id(ctx, req, res, rt_web_goal_edit);
}

static struct rt_web_param *form_fields(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                                        struct rt_http_response *res);
static int form_answer(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                       struct rt_http_response *res, int rc, const rt_err *err,
                       const char *location);

/* A form posted to a page of one entity {id}: SAVE stores it; success is a
 * 303 to BEFORE{id}AFTER, bad input the form again. A form of one period
 * (AFTER NULL) goes back to BEFORE{id}/lage?period=KEY&sparat=1, the period
 * being the form's hidden field. */
typedef int (*id_form_save_fn)(rt_store *s, int64_t id, const struct rt_web_param *fields,
                               size_t n_fields, const char *actor, rt_buf *page, rt_err *err);

static int id_form_post(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                        struct rt_http_response *res, id_form_save_fn save, const char *before,
                        const char *after)
{
	int64_t id = path_id(req, "id");
	if (!id)
		return not_found(ctx, req, res);
	struct rt_web_param *fields = form_fields(ctx, req, res);
	if (!fields)
		return 0;
	rt_err err = RT_ERR_INIT;
	int rc = save(ctx->store, id, fields, req->n_form, ctx->actor ? ctx->actor : "webb",
	              &res->body, &err);
	rt_buf loc = RT_BUF_INIT;
	rt_buf_addf(&loc, "%s%lld%s", before, (long long)id, after ? after : "/lage?period=");
	if (!after) {
		const char *period = rt_web_param(fields, req->n_form, "period");
		rt_web_add_url(&loc, period ? period : "");
		rt_buf_addstr(&loc, "&sparat=1");
	}
	rc = form_answer(ctx, req, res, rc, &err, loc.buf);
	rt_buf_release(&loc);
	return rc;
}

/* POST → 303 to the goal; a version conflict → 409 with the form. */
static int h_goal_edit_save(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                            struct rt_http_response *res)
{
	return id_form_post(ctx, req, res, rt_web_goal_edit_save, "/mal/", "");
}

/* A form of one entity {id} that says "saved" after its POST's redirect
 * (?sparat=1). */
static int by_id_saved(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                       struct rt_http_response *res,
                       int (*render)(rt_store *, int64_t, bool, rt_buf *, rt_err *))
{
	int64_t id = path_id(req, "id");
	if (!id)
		return not_found(ctx, req, res);
	rt_err err = RT_ERR_INIT;
	int rc = render(ctx->store, id, rt_http_query(req, "sparat") != NULL, &res->body, &err);
	return finish(ctx, req, res, rc, &err);
}

/* The indicator's and the activity's edit forms (issue 8 §1): POST → 303
 * to the form with "Ändringarna är sparade"; a conflict → 409 with it. */
static int h_indicator_edit(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                            struct rt_http_response *res)
{
	return by_id_saved(ctx, req, res, rt_web_indicator_edit);
}

static int h_indicator_edit_save(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                                 struct rt_http_response *res)
{
	return id_form_post(ctx, req, res, rt_web_indicator_edit_save, "/indikator/",
	                    "/andra?sparat=1");
}

static int h_activity_edit(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                           struct rt_http_response *res)
{
	return by_id_saved(ctx, req, res, rt_web_activity_edit);
}

static int h_activity_edit_save(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                                struct rt_http_response *res)
{
	return id_form_post(ctx, req, res, rt_web_activity_edit_save, "/aktivitet/",
	                    "/andra?sparat=1");
}

/* A form of entity {id} in the period ?period= (default: the latest). */
static int by_id_period(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                        struct rt_http_response *res,
                        int (*render)(rt_store *, int64_t, const char *, bool, rt_buf *,
                                      rt_err *))
{
	int64_t id = path_id(req, "id");
	if (!id)
		return not_found(ctx, req, res);
	rt_err err = RT_ERR_INIT;
	int rc = render(ctx->store, id, rt_http_query(req, "period"),
	                rt_http_query(req, "sparat") != NULL, &res->body, &err);
	return finish(ctx, req, res, rc, &err);
}

/* The goal's assessment; POST → 303 to the goal, whose page lists the
 * assessments. */
static int h_assessment_edit(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                             struct rt_http_response *res)
{
	return by_id_period(ctx, req, res, rt_web_assessment_edit);
}

static int h_assessment_edit_save(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                                  struct rt_http_response *res)
{
	return id_form_post(ctx, req, res, rt_web_assessment_edit_save, "/mal/", "");
}

/* A target's form: POST → 303 to the form with "Ändringarna är sparade". */
static int h_target_edit(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                         struct rt_http_response *res)
{
	return by_id_saved(ctx, req, res, rt_web_target_edit);
}

static int h_target_edit_save(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                              struct rt_http_response *res)
{
	return id_form_post(ctx, req, res, rt_web_target_edit_save, "/malvarde/",
	                    "/andra?sparat=1");
}

/* An activity's state in a period; POST → 303 to the form of the same
 * period with "Ändringarna är sparade". */
static int h_activity_state_edit(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                                 struct rt_http_response *res)
{
	return by_id_period(ctx, req, res, rt_web_activity_state_edit);
}

static int h_activity_state_edit_save(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                                      struct rt_http_response *res)
{
	return id_form_post(ctx, req, res, rt_web_activity_state_edit_save, "/aktivitet/", NULL);
}

static int h_outcomes(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                      struct rt_http_response *res)
{
	int64_t id = path_id(req, "id");
	if (!id)
		return not_found(ctx, req, res);
	const char *sparat = rt_http_query(req, "sparat");
	int saved = sparat ? atoi(sparat) : -1;
	rt_err err = RT_ERR_INIT;
	int rc = rt_web_outcomes(ctx->store, id, rt_http_param(req, "period"), saved < 0 ? -1 : saved,
	                         &res->body, &err);
	return finish(ctx, req, res, rc, &err);
}

/* The fields of a form POST for a src/web save function. Answers 415 itself
 * (and returns NULL) when the body is not an urlencoded form. */
static struct rt_web_param *form_fields(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                                        struct rt_http_response *res)
{
	if (strcmp(req->content_type, "application/x-www-form-urlencoded") != 0) {
		rt_routes_web_error(ctx, req, res, 415,
		                    "Formuläret måste skickas som application/x-www-form-urlencoded.");
		return NULL;
	}
	struct rt_web_param *fields = rt_arena_alloc(ctx->arena, (req->n_form + 1) * sizeof(*fields));
	for (size_t i = 0; i < req->n_form; i++) {
		fields[i].name = req->form[i].name;
		fields[i].value = req->form[i].value;
	}
	return fields;
}

/* After a save: 303 to `location` (so a reload does not post again); bad
 * input with the form rendered → 422 with it (the person's text and the
 * messages), 409 for a version conflict; anything else → the error page. */
static int form_answer(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                       struct rt_http_response *res, int rc, const rt_err *err,
                       const char *location)
{
	/* RT_ECONFLICT with a form: someone else saved since it was opened
	 * (row versions, issue 8 §1); the form shows both */
	if ((rc == RT_EINVAL || rc == RT_EFORBIDDEN || rc == RT_ECONFLICT) && res->body.len) {
		html_headers(res);
		res->status = rc == RT_EFORBIDDEN ? 403 : rc == RT_ECONFLICT ? 409 : 422;
		return 0;
	}
	if (rc)
		return finish(ctx, req, res, rc, err);
	rt_http_redirect(res, 303, location);
	rt_buf_addstr(&res->body, "Sparat.\n");
	return 0;
}

/* POST → 303 to the form with "N utfall sparade". */
static int h_outcomes_save(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                           struct rt_http_response *res)
{
	int64_t id = path_id(req, "id");
	if (!id)
		return not_found(ctx, req, res);
	struct rt_web_param *fields = form_fields(ctx, req, res);
	if (!fields)
		return 0;
	const char *period = rt_http_param(req, "period");
	int saved = 0;
	rt_err err = RT_ERR_INIT;
	int rc = rt_web_outcomes_save(ctx->store, id, period, fields, req->n_form,
	                              ctx->actor ? ctx->actor : "webb", &saved, &res->body, &err);
	rt_buf loc = RT_BUF_INIT;
	rt_buf_addf(&loc, "/plan/%lld/utfall/%s?sparat=%d", (long long)id, period, saved);
	rc = form_answer(ctx, req, res, rc, &err, loc.buf);
	rt_buf_release(&loc);
	return rc;
}

static int h_status(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                    struct rt_http_response *res)
{
	const char *ind = rt_http_query(req, "indikator");
	long long id = ind ? atoll(ind) : 0;
	rt_err err = RT_ERR_INIT;
	int rc = id > 0 ? rt_web_status_preview(ctx->store, id, rt_http_query(req, "period"),
	                                        rt_http_query(req, "utfall"), &res->body, &err)
	                : rt_err_set(&err, RT_ENOTFOUND, "indikator", "Ange en indikator");
	res->content_type = RT_HTTP_JSON;
	if (rc == 0)
		return 0;
	if (http_status_of(rc) == 500)
		return rc;
	rt_buf_reset(&res->body);
	res->status = http_status_of(rc);
	rt_buf_addf(&res->body, "{\"error\":{\"code\":\"%s\",\"message\":\"", rt_code_name(rc));
	rt_buf_add_json(&res->body, err.msg);
	rt_buf_addstr(&res->body, "\",\"field\":\"");
	rt_buf_add_json(&res->body, err.field);
	rt_buf_addstr(&res->body, "\"}}");
	return 0;
}

static int h_report(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                    struct rt_http_response *res)
{
	rt_err err = RT_ERR_INIT;
	int rc = rt_web_report(ctx->store, rt_http_query(req, "period"), &res->body, &err);
	return finish(ctx, req, res, rc, &err);
}

static int h_search(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                    struct rt_http_response *res)
{
	rt_err err = RT_ERR_INIT;
	int rc = rt_web_search(ctx->store, rt_http_query(req, "q"), &res->body, &err);
	return finish(ctx, req, res, rc, &err);
}

static int h_static(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                    struct rt_http_response *res)
{
	size_t len = 0;
	const char *type = NULL;
	const char *data = rt_web_static(rt_http_param(req, "name"), &len, &type);
	if (!data)
		return not_found(ctx, req, res);
	rt_buf_add(&res->body, data, len);
	res->content_type = type;
	res->etag = true;
	rt_http_set_header(res, "Cache-Control", "public, max-age=300");
	return 0;
}

/* GET /arshjul[?ar=]: the planning process (web/page_process.c). */
static int h_process(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                     struct rt_http_response *res)
{
	rt_err err = RT_ERR_INIT;
	int rc = rt_web_process(ctx->store, rt_http_query(req, "ar"), &res->body, &err);
	return finish(ctx, req, res, rc, &err);
}

/* GET /ekonomi: budget frames and economic follow-up (web/page_economy.c). */
static int h_economy(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                     struct rt_http_response *res)
{
	rt_err err = RT_ERR_INIT;
	return finish(ctx, req, res, rt_web_economy(ctx->store, &res->body, &err), &err);
}

static int h_checklist(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                       struct rt_http_response *res)
{
	return by_id_saved(ctx, req, res, rt_web_checklist);
}

/* POST → 303 to the form with "Svaren är sparade"; bad input → 422 with the form. */
static int h_checklist_save(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                            struct rt_http_response *res)
{
	return id_form_post(ctx, req, res, rt_web_checklist_save, "/plan/",
	                    "/checklista?sparat=1");
}

static int h_import_form(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                         struct rt_http_response *res)
{
	rt_err err = RT_ERR_INIT;
	return finish(ctx, req, res, rt_web_import_form(&res->body, &err), &err);
}

/* POST /import (multipart/form-data: fil, atgard=provkor|importera): the
 * result page; a bad file → 422 with the form and the reason. */
static int h_import(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                    struct rt_http_response *res)
{
	struct rt_multipart_part parts[RT_MULTIPART_MAX_PARTS];
	size_t n = 0;
	rt_err err = RT_ERR_INIT;
	if (strcmp(req->content_type, "multipart/form-data") != 0) {
		rt_routes_web_error(ctx, req, res, 415,
		                    "Filen måste skickas som multipart/form-data.");
		return 0;
	}
	if (rt_multipart_parse(ctx->arena, rt_http_header(req, "Content-Type"), req->body.buf,
	                       req->body.len, parts, &n, &err) != 0) {
		rt_routes_web_error(ctx, req, res, 400, err.msg);
		return 0;
	}
	const struct rt_multipart_part *file = rt_multipart_get(parts, n, "fil");
	const struct rt_multipart_part *action = rt_multipart_get(parts, n, "atgard");
	bool dry = !action || action->len != 9 || memcmp(action->data, "importera", 9) != 0;
	int rc = rt_web_import(ctx->store, file ? file->filename : NULL, file ? file->data : NULL,
	                       file ? file->len : 0, dry, ctx->actor ? ctx->actor : "webb",
	                       &res->body, &err);
	if ((rc == RT_EINVAL || rc == RT_EFORBIDDEN) && res->body.len) {
		html_headers(res);
		res->status = rc == RT_EFORBIDDEN ? 403 : 422;
		return 0;
	}
	return finish(ctx, req, res, rc, &err);
}

const struct rt_http_route rt_routes_web[] = {
	{ "GET", "/", h_start, RT_PERM_READ, RT_TARGET_NONE },
	{ "GET", "/plan/{id}", h_plan, RT_PERM_READ, RT_TARGET_PLAN },
	{ "GET", "/plan/{id}/utfall/{period}", h_outcomes, RT_PERM_READ, RT_TARGET_PLAN },
	{ "POST", "/plan/{id}/utfall/{period}", h_outcomes_save, RT_PERM_REPORT, RT_TARGET_PLAN },
	{ "GET", "/utfall/status", h_status, RT_PERM_READ, RT_TARGET_NONE },
	{ "GET", "/mal/{id}", h_goal, RT_PERM_READ, RT_TARGET_GOAL },
	{ "GET", "/mal/{id}/andra", h_goal_edit, RT_PERM_PLAN_EDIT, RT_TARGET_GOAL },
	{ "POST", "/mal/{id}/andra", h_goal_edit_save, RT_PERM_PLAN_EDIT, RT_TARGET_GOAL },
	{ "GET", "/mal/{id}/bedomning", h_assessment_edit, RT_PERM_REPORT, RT_TARGET_GOAL },
	{ "POST", "/mal/{id}/bedomning", h_assessment_edit_save, RT_PERM_REPORT, RT_TARGET_GOAL },
	{ "GET", "/indikator/{id}/andra", h_indicator_edit, RT_PERM_PLAN_EDIT, RT_TARGET_INDICATOR },
	{ "POST", "/indikator/{id}/andra", h_indicator_edit_save, RT_PERM_PLAN_EDIT,
	  RT_TARGET_INDICATOR },
	{ "GET", "/malvarde/{id}/andra", h_target_edit, RT_PERM_PLAN_EDIT, RT_TARGET_TARGET },
	{ "POST", "/malvarde/{id}/andra", h_target_edit_save, RT_PERM_PLAN_EDIT, RT_TARGET_TARGET },
	{ "GET", "/aktivitet/{id}/lage", h_activity_state_edit, RT_PERM_REPORT, RT_TARGET_ACTIVITY },
	{ "POST", "/aktivitet/{id}/lage", h_activity_state_edit_save, RT_PERM_REPORT,
	  RT_TARGET_ACTIVITY },
	{ "GET", "/aktivitet/{id}/andra", h_activity_edit, RT_PERM_PLAN_EDIT, RT_TARGET_ACTIVITY },
	{ "POST", "/aktivitet/{id}/andra", h_activity_edit_save, RT_PERM_PLAN_EDIT,
	  RT_TARGET_ACTIVITY },
	{ "GET", "/rapport", h_report, RT_PERM_READ, RT_TARGET_NONE },
	{ "GET", "/sok", h_search, RT_PERM_READ, RT_TARGET_NONE },
	{ "GET", "/arshjul", h_process, RT_PERM_READ, RT_TARGET_NONE },
	{ "GET", "/ekonomi", h_economy, RT_PERM_READ, RT_TARGET_NONE },
	{ "GET", "/plan/{id}/checklista", h_checklist, RT_PERM_READ, RT_TARGET_PLAN },
	{ "POST", "/plan/{id}/checklista", h_checklist_save, RT_PERM_PLAN_EDIT, RT_TARGET_PLAN },
	{ "GET", "/import", h_import_form, RT_PERM_READ, RT_TARGET_NONE },
	{ "POST", "/import", h_import, RT_PERM_REPORT, RT_TARGET_NONE },   /* rows: the store checks */
	{ "GET", "/static/{name}", h_static, RT_PERM_PUBLIC, RT_TARGET_NONE },
	{ NULL, NULL, NULL, RT_PERM_ADMIN, RT_TARGET_NONE },
};

void rt_routes_web_error(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                         struct rt_http_response *res, int status, const char *msg)
{
	(void)ctx;
	(void)req;
	res->status = status;
	res->etag = false;
	rt_buf_reset(&res->body);
	rt_web_error_page(status, msg, &res->body);
	html_headers(res);
}
