/* Follow-up over the API: periods, outcomes (utfall) per indicator and
 * period, assessments per goal and period, activity states, and a plan's
 * whole follow-up for a period. Outcomes go through the same entry step as
 * `rodtrad outcome set` and the CSV import (ingest/followup_entry.h →
 * core/outcome_entry.h), so the status rule, unit checks and "a changed
 * status needs a reason" are the same everywhere. */
#include <string.h>
#include <time.h>

#include "http/api.h"
#include "http/api_routes.h"
#include "ingest/followup_entry.h"

static const char *const period_fields[] = { "key", "deadline", NULL };
static const char *const outcome_fields[] = {
	"value", "comment", "status", "reason", "gender", "org_unit_id", "version", NULL,
};
static const char *const assessment_fields[] = { "status", "analysis", "version", NULL };
static const char *const state_fields[] = { "state", "comment", "version", NULL };

RT_API_HANDLER(rt_api_periods_list)
{
	(void)req;
	rt_err err = RT_ERR_INIT;
	struct rt_period *ps = NULL;
	size_t n = 0;
	if (rt_store_period_list(ctx->store, ctx->arena, &ps, &n, &err) != 0)
		return rt_api_err(res, &err);
	return rt_api_json(res, 200, rt_api_array(ps, n, sizeof(*ps), rt_api_period_json));
}

RT_API_HANDLER(rt_api_period_get)
{
	struct rt_period p;
	if (rt_api_period(ctx, req, res, &p))
		rt_api_json(res, 200, rt_api_period_json(&p));
	return 0;
}

static int put_period(rt_store *s, void *obj, rt_err *err)
{
	return rt_store_period_put(s, obj, err);
}

RT_API_HANDLER(rt_api_period_create)
{
	json_t *body = rt_api_body(req, res, period_fields);
	if (!body)
		return 0;
	struct rt_api_in in = { body, ctx->arena, res, false };
	rt_err err = RT_ERR_INIT;
	struct rt_period p;
	memset(&p, 0, sizeof(p));
	char *key = NULL;
	char start[11], end[11];
	rt_api_in_str(&in, "key", &key);
	rt_api_in_str(&in, "deadline", &p.deadline);
	if (!in.failed && !key)
		rt_api_fail(res, 422, "invalid", "key", "Ange periodens nyckel, t.ex. 2024-T1.");
	else if (rt_api_in_check(&in, rt_period_parse_key(key, &p, start, end, &err), &err)) {
		p.key = key;
		p.start_date = start;
		p.end_date = end;
		if (rt_api_write(ctx, res, put_period, &p))
			rt_api_json(res, 201, rt_api_period_json(&p));
	}
	json_decref(body);
	return 0;
}

/* ?gender=women&org=ID of an outcome address (defaults: total, whole). */
static bool outcome_address(const struct rt_http_request *req, struct rt_http_response *res,
                            enum rt_gender *gender)
{
	const char *g = rt_http_query(req, "gender");
	rt_err err = RT_ERR_INIT;
	*gender = RT_GENDER_TOTAL;
	if (g && rt_gender_parse(g, gender, &err) != 0) {
		rt_api_fail(res, 400, "invalid", "gender", err.msg);
		return false;
	}
	return true;
}

RT_API_HANDLER(rt_api_outcome_get)
{
	enum rt_gender gender;
	struct rt_period period;
	if (!outcome_address(req, res, &gender) || !rt_api_period(ctx, req, res, &period))
		return 0;
	rt_err err = RT_ERR_INIT;
	int64_t ind_id = 0;
	if (rt_followup_resolve(ctx->store, "indicator", rt_http_param(req, "id"), &ind_id, &err))
		return rt_api_err(res, &err);
	/* the versions before the outcome (store.h rt_store_row_version) */
	struct rt_api_versions vs = rt_api_versions_read(ctx, "outcome", ind_id);
	struct rt_outcome o;
	struct rt_outcome_history *hist = NULL;
	size_t n_hist = 0;
	if (rt_followup_outcome_get(ctx->store, ctx->arena, rt_http_param(req, "id"),
	                            rt_http_param(req, "period"), gender, rt_http_query(req, "org"),
	                            &o, &hist, &n_hist, &err) != 0)
		return rt_api_err(res, &err);
	json_t *j = rt_api_outcome_json(&o, period.key);
	for (size_t i = 0; i < vs.n; i++)
		if (vs.rows[i].id == o.id)
			rt_api_version_out(res, j, "outcome", vs.rows[i].version, true);
	json_t *h = json_array();
	for (size_t i = 0; i < n_hist; i++)
		json_array_append_new(h, json_pack("{s:o, s:o, s:s, s:o, s:o, s:o, s:o}",
		                                   "text", rt_api_str(hist[i].text),
		                                   "comment", rt_api_str(hist[i].comment),
		                                   "status", rt_status_name(hist[i].status),
		                                   "entered_by", rt_api_str(hist[i].entered_by),
		                                   "entered_at", rt_api_str(hist[i].entered_at),
		                                   "changed_by", rt_api_str(hist[i].changed_by),
		                                   "changed_at", rt_api_str(hist[i].changed_at)));
	json_object_set_new(j, "history", h);
	return rt_api_json(res, 200, j);
}

/* The follow-up writes of ingest/followup_entry.h as rt_api_write steps. */
struct outcome_write {
	rt_arena *arena;
	const struct rt_outcome_request *rq;
	struct rt_outcome_result r;
	bool has;                  /* the client named the version it started from */
	int64_t expected, version; /* 0 expected: none entered yet; version: after */
};

static int write_outcome(rt_store *s, void *obj, rt_err *err)
{
	struct outcome_write *w = obj;
	const struct rt_outcome_request *rq = w->rq;
	int rc = 0;
	if (w->has) {
		int64_t ind = 0, per = 0, org = 0;
		if ((rc = rt_followup_resolve(s, "indicator", rq->indicator, &ind, err)) ||
		    (rc = rt_followup_resolve(s, "period", rq->period, &per, err)) ||
		    (rq->org && (rc = rt_followup_resolve(s, "org_unit", rq->org, &org, err))) ||
		    (rc = rt_store_expect_outcome(s, ind, per, rq->gender, org, w->expected, err)))
			return rc;
	}
	if ((rc = rt_followup_outcome_put(s, w->arena, rq, &w->r, err)) != 0)
		return rc;
	return rt_store_row_version(s, "outcome", w->r.outcome.id, &w->version, err);
}

struct state_write {
	rt_arena *arena;
	const char *activity, *period, *comment;
	enum rt_activity_state state;
	struct rt_activity_status out;
	bool updated;
	bool has;
	int64_t expected, version;   /* as in struct outcome_write */
};

static int write_state(rt_store *s, void *obj, rt_err *err)
{
	struct state_write *w = obj;
	int rc = 0;
	if (w->has) {
		int64_t act = 0, per = 0;
		if ((rc = rt_followup_resolve(s, "activity", w->activity, &act, err)) ||
		    (rc = rt_followup_resolve(s, "period", w->period, &per, err)) ||
		    (rc = rt_store_expect_activity_status(s, act, per, w->expected, err)))
			return rc;
	}
	if ((rc = rt_followup_activity_state_put(s, w->arena, w->activity, w->period, w->state,
	                                         w->comment, NULL, &w->out, &w->updated, err)) != 0)
		return rc;
	return rt_store_row_version(s, "activity_status", w->out.id, &w->version, err);
}

static json_t *state_json(const struct rt_activity_status *st, const char *period_key)
{
	return json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)st->id,
	                 "activity_id", (json_int_t)st->activity_id,
	                 "period_id", (json_int_t)st->period_id, "period", period_key,
	                 "state", rt_activity_state_name(st->state),
	                 "state_label", rt_activity_state_label(st->state),
	                 "comment", rt_api_str(st->comment));
}

/* GET: the activity's state in a period, with its version and ETag. */
RT_API_HANDLER(rt_api_activity_state_get)
{
	struct rt_period period;
	if (!rt_api_period(ctx, req, res, &period))
		return 0;
	rt_err err = RT_ERR_INIT;
	int64_t act_id = 0;
	if (rt_followup_resolve(ctx->store, "activity", rt_http_param(req, "id"), &act_id, &err))
		return rt_api_err(res, &err);
	/* the versions before the state (store.h rt_store_row_version) */
	struct rt_api_versions vs = rt_api_versions_read(ctx, "activity_status", act_id);
	struct rt_activity_status st;
	int rc = rt_store_activity_status_find(ctx->store, ctx->arena, act_id, period.id, &st, &err);
	if (rc == RT_ENOTFOUND)
		return rt_api_fail(res, 404, "not_found", "period",
		                   "Aktiviteten har inget läge för perioden ännu (version 0).");
	if (rc)
		return rt_api_err(res, &err);
	json_t *j = state_json(&st, period.key);
	for (size_t i = 0; i < vs.n; i++)
		if (vs.rows[i].id == st.id)
			rt_api_version_out(res, j, "activity_status", vs.rows[i].version, true);
	return rt_api_json(res, 200, j);
}

/* PUT and POST: enter or correct an outcome. */
RT_API_HANDLER(rt_api_outcome_put)
{
	json_t *body = rt_api_body(req, res, outcome_fields);
	if (!body)
		return 0;
	struct rt_api_in in = { body, ctx->arena, res, false };
	rt_err err = RT_ERR_INIT;
	struct rt_outcome_request rq;
	memset(&rq, 0, sizeof(rq));
	rq.indicator = rt_http_param(req, "id");
	rq.period = rt_http_param(req, "period");
	rq.by = ctx->actor;
	char *value = NULL, *comment = NULL, *reason = NULL;
	int64_t org = 0;
	rt_api_in_str(&in, "value", &value);
	rt_api_in_str(&in, "comment", &comment);
	rt_api_in_str(&in, "reason", &reason);
	rt_api_in_id(&in, "org_unit_id", &org);
	rq.in.text = value;
	rq.in.comment = comment;
	rq.in.reason = reason;
	const char *status = rt_api_in_token(&in, "status");
	const char *gender = rt_api_in_token(&in, "gender");
	if (status && rt_api_in_check(&in, rt_outcome_status_parse(status, &rq.in.chosen, &err), &err))
		rq.in.has_chosen = true;
	if (gender)
		rt_api_in_check(&in, rt_gender_parse(gender, &rq.gender, &err), &err);
	if (org)
		rq.org = rt_arena_sprintf(ctx->arena, "%lld", (long long)org);
	struct outcome_write w;
	memset(&w, 0, sizeof(w));
	if (in.failed || !rt_api_expected(req, body, "version", res, true, &w.has, &w.expected)) {
		json_decref(body);
		return 0;
	}
	w.arena = ctx->arena;
	w.rq = &rq;
	if (rt_api_write(ctx, res, write_outcome, &w)) {
		const struct rt_outcome_result *r = &w.r;
		json_t *j = rt_api_outcome_json(&r->outcome, r->period_key);
		rt_api_version_out(res, j, "outcome", w.version, true);
		json_object_set_new(j, "reason_label",
		                    json_string(rt_status_reason_label(r->computed.reason)));
		json_object_set_new(j, "target", rt_api_str(r->target_text));
		json_object_set_new(j, "updated", json_boolean(r->updated));
		rt_api_json(res, r->updated ? 200 : 201, j);
	}
	json_decref(body);
	return 0;
}

struct assessment_write {
	struct rt_assessment a;
	bool has;
	int64_t expected, version;   /* as in struct outcome_write */
};

static int put_assessment(rt_store *s, void *obj, rt_err *err)
{
	struct assessment_write *w = obj;
	int rc = 0;
	if ((w->has && (rc = rt_store_expect_assessment(s, w->a.goal_id, w->a.period_id, w->expected,
	                                                err)) != 0) ||
	    (rc = rt_store_assessment_put(s, &w->a, err)) != 0)
		return rc;
	return rt_store_row_version(s, "assessment", w->a.id, &w->version, err);
}

RT_API_HANDLER(rt_api_assessment_put)
{
	int64_t goal_id;
	struct rt_period period;
	if (!rt_api_id(req, res, "id", &goal_id) || !rt_api_period(ctx, req, res, &period))
		return 0;
	json_t *body = rt_api_body(req, res, assessment_fields);
	if (!body)
		return 0;
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	struct rt_api_in in = { body, ctx->arena, res, false };
	rt_err err = RT_ERR_INIT;
	struct assessment_write w;
	memset(&w, 0, sizeof(w));
	struct rt_assessment a = w.a;
	a.goal_id = goal_id;
	a.period_id = period.id;
	if (rt_api_doc_of_goal(ctx, res, goal_id, &doc)) {
		for (size_t i = 0; i < doc.n_assessments; i++)
			if (doc.assessments[i].goal_id == goal_id && doc.assessments[i].period_id == period.id)
				a = doc.assessments[i];
		bool existed = a.id != 0;
		rt_api_in_str(&in, "analysis", &a.analysis);
		const char *st = rt_api_in_token(&in, "status");
		if (st)
			rt_api_in_check(&in, rt_outcome_status_parse(st, &a.status, &err), &err);
		if (!in.failed &&
		    rt_api_expected(req, body, "version", res, true, &w.has, &w.expected)) {
			w.a = a;
			if (rt_api_write(ctx, res, put_assessment, &w)) {
				json_t *j = rt_api_assessment_json(&w.a, period.key);
				rt_api_version_out(res, j, "assessment", w.version, true);
				rt_api_json(res, existed ? 200 : 201, j);
			}
		}
	}
	rt_plan_doc_release(&doc);
	json_decref(body);
	return 0;
}

RT_API_HANDLER(rt_api_activity_state_put)
{
	json_t *body = rt_api_body(req, res, state_fields);
	if (!body)
		return 0;
	struct rt_api_in in = { body, ctx->arena, res, false };
	rt_err err = RT_ERR_INIT;
	char *comment = NULL;
	rt_api_in_str(&in, "comment", &comment);
	const char *st = rt_api_in_token(&in, "state");
	struct state_write w;
	memset(&w, 0, sizeof(w));
	w.state = RT_ACT_NOT_STARTED;
	if (!st && !in.failed)
		rt_api_fail(res, 422, "invalid", "state", "Ange aktivitetens läge (state).");
	else if (st && rt_api_in_check(&in, rt_activity_state_parse_sv(st, &w.state, &err), &err) &&
	         rt_api_expected(req, body, "version", res, true, &w.has, &w.expected)) {
		w.arena = ctx->arena;
		w.activity = rt_http_param(req, "id");
		w.period = rt_http_param(req, "period");
		w.comment = comment;
		if (rt_api_write(ctx, res, write_state, &w)) {
			const char *key = rt_http_param(req, "period");
			struct rt_period p;
			if (rt_store_period_get(ctx->store, ctx->arena, w.out.period_id, &p, &err) == 0)
				key = p.key;
			json_t *j = state_json(&w.out, key);
			rt_api_version_out(res, j, "activity_status", w.version, true);
			rt_api_json(res, w.updated ? 200 : 201, j);
		}
	}
	json_decref(body);
	return 0;
}

/* A plan's follow-up for one period: every outcome and assessment. */
RT_API_HANDLER(rt_api_plan_followup)
{
	int64_t id;
	struct rt_period period;
	if (!rt_api_id(req, res, "id", &id) || !rt_api_period(ctx, req, res, &period))
		return 0;
	rt_err err = RT_ERR_INIT;
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	if (rt_store_plan_load(ctx->store, id, &doc, &err) != 0) {
		rt_plan_doc_release(&doc);
		return rt_api_err(res, &err);
	}
	json_t *outs = json_array(), *ass = json_array();
	size_t counts[4] = { 0 };
	for (size_t i = 0; i < doc.n_outcomes; i++) {
		const struct rt_outcome *o = &doc.outcomes[i];
		if (o->period_id != period.id)
			continue;
		counts[o->status]++;
		json_array_append_new(outs, rt_api_outcome_json(o, period.key));
	}
	for (size_t i = 0; i < doc.n_assessments; i++)
		if (doc.assessments[i].period_id == period.id)
			json_array_append_new(ass, rt_api_assessment_json(&doc.assessments[i], period.key));
	json_t *j = json_pack("{s:I, s:s, s:o, s:o, s:{s:I, s:I, s:I, s:I}}", "plan_id",
	                      (json_int_t)id, "period", period.key, "outcomes", outs,
	                      "assessments", ass, "status_counts",
	                      "achieved", (json_int_t)counts[RT_STATUS_ACHIEVED],
	                      "partly", (json_int_t)counts[RT_STATUS_PARTLY],
	                      "not_achieved", (json_int_t)counts[RT_STATUS_NOT_ACHIEVED],
	                      "none", (json_int_t)counts[RT_STATUS_NONE]);
	rt_plan_doc_release(&doc);
	return rt_api_json(res, 200, j);
}
