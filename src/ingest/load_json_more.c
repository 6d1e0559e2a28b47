/* The restore of what a backup carries beyond plans, outcomes and settings
 * (load_json.h, docs/dump-json.md): the planning cycles with their phases,
 * events, deliveries and board feedback, the plans' §3.4 checklists and
 * §3.5 ordlista, budget frames and economic follow-ups, and the users with
 * their password hashes and roles. Same helpers and message shape as the
 * rest of the restore; every row goes through the store's audited puts. */
#include <string.h>
#include <jansson.h>

#include "ingest/load_json.h"
#include "ingest/plan_json_int.h"
#include "store/store.h"

/* A whole number that may not fit an int (tkr). */
static int int64_field(struct rt_imp *im, json_t *o, const char *name, int64_t *out)
{
	json_t *v = json_object_get(o, name);
	if (!json_is_integer(v))
		return rt_imp_fail(im, RT_EINVAL, name, "Ska vara ett heltal");
	*out = (int64_t)json_integer_value(v);
	return 0;
}

/* Runs the store's put and wraps its error at the current path. */
#define PUT(call)                                                       \
	do {                                                            \
		rt_err inner_ = RT_ERR_INIT;                            \
		if (rc == 0 && (call) != 0)                             \
			rc = rt_imp_wrap(im, NULL, &inner_);            \
	} while (0)
#define INNER (&inner_)

/* ---- planning cycles ------------------------------------------------------ */

struct cycle_ctx {
	int64_t id;
	int64_t *phases;        /* ids, in the document's order */
	size_t n_phases;
};

static int phase_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "name", "position", "starts_on", "ends_on", "owner",
	                                      "description", NULL };
	struct cycle_ctx *c = ctx;
	struct rt_process_phase p;
	memset(&p, 0, sizeof(p));
	p.cycle_id = c->id;
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_imp_str(im, it, "name", true, &p.name);
	if (rc == 0)
		rc = rt_imp_int(im, it, "position", false, &p.position);
	if (rc == 0)
		rc = rt_imp_date(im, it, "starts_on", true, &p.starts_on);
	if (rc == 0)
		rc = rt_imp_date(im, it, "ends_on", true, &p.ends_on);
	if (rc == 0)
		rc = rt_imp_str(im, it, "owner", false, &p.owner);
	if (rc == 0)
		rc = rt_imp_str(im, it, "description", false, &p.description);
	PUT(rt_store_process_phase_put(im->s, &p, INNER));
	if (rc == 0)
		c->phases[pos] = p.id;
	return rc;
}

static int event_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "kind", "title", "on_date", "phase", "purpose", "goal",
	                                      "participants", NULL };
	struct cycle_ctx *c = ctx;
	(void)pos;
	struct rt_process_event e;
	memset(&e, 0, sizeof(e));
	e.cycle_id = c->id;
	char *kind = NULL;
	int phase = -1;
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_imp_str(im, it, "kind", true, &kind);
	rt_err why = RT_ERR_INIT;
	if (rc == 0 && rt_event_kind_parse(kind, &e.kind, &why) != 0)
		rc = rt_imp_wrap(im, "kind", &why);
	if (rc == 0)
		rc = rt_imp_str(im, it, "title", true, &e.title);
	if (rc == 0)
		rc = rt_imp_date(im, it, "on_date", true, &e.on_date);
	if (rc == 0)
		rc = rt_imp_int(im, it, "phase", false, &phase);
	if (rc == 0 && phase >= 0) {
		if ((size_t)phase >= c->n_phases)
			rc = rt_imp_fail(im, RT_EINVAL, "phase", "Det finns ingen fas nummer %d i "
			                 "\"phases\" (räknat från 0)", phase);
		else
			e.phase_id = c->phases[phase];
	}
	if (rc == 0)
		rc = rt_imp_str(im, it, "purpose", false, &e.purpose);
	if (rc == 0)
		rc = rt_imp_str(im, it, "goal", false, &e.goal);
	if (rc == 0)
		rc = rt_imp_str(im, it, "participants", false, &e.participants);
	PUT(rt_store_process_event_put(im->s, &e, INNER));
	return rc;
}

static int delivery_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "org", "kind", "due_on", "status", "delivered_on",
	                                      NULL };
	struct cycle_ctx *c = ctx;
	(void)pos;
	struct rt_process_delivery x;
	memset(&x, 0, sizeof(x));
	x.cycle_id = c->id;
	char *kind = NULL, *status = NULL;
	rt_err why = RT_ERR_INIT;
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_load_ref(im, it, "org", "org_unit", true, &x.org_unit_id);
	if (rc == 0)
		rc = rt_imp_str(im, it, "kind", true, &kind);
	if (rc == 0 && rt_delivery_kind_parse(kind, &x.kind, &why) != 0)
		rc = rt_imp_wrap(im, "kind", &why);
	if (rc == 0)
		rc = rt_imp_date(im, it, "due_on", true, &x.due_on);
	if (rc == 0)
		rc = rt_imp_str(im, it, "status", true, &status);
	if (rc == 0 && rt_delivery_status_parse(status, &x.status, &why) != 0)
		rc = rt_imp_wrap(im, "status", &why);
	if (rc == 0)
		rc = rt_imp_date(im, it, "delivered_on", false, &x.delivered_on);
	PUT(rt_store_process_delivery_put(im->s, &x, INNER));
	return rc;
}

static int feedback_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "org", "heading", "body", NULL };
	struct cycle_ctx *c = ctx;
	(void)pos;
	struct rt_feedback_section f;
	memset(&f, 0, sizeof(f));
	f.cycle_id = c->id;
	char *heading = NULL;
	rt_err why = RT_ERR_INIT;
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_load_ref(im, it, "org", "org_unit", true, &f.org_unit_id);
	if (rc == 0)
		rc = rt_imp_str(im, it, "heading", true, &heading);
	if (rc == 0 && rt_feedback_heading_parse(heading, &f.heading, &why) != 0)
		rc = rt_imp_wrap(im, "heading", &why);
	if (rc == 0)
		rc = rt_imp_str(im, it, "body", true, &f.body);
	PUT(rt_store_feedback_put(im->s, &f, INNER));
	return rc;
}

static int cycle_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "org", "year", "title", "owner", "phases", "events",
	                                      "deliveries", "feedback", NULL };
	struct rt_load_stats *st = ctx;
	(void)pos;
	struct rt_process_cycle cy;
	memset(&cy, 0, sizeof(cy));
	json_t *phases = NULL;
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_load_ref(im, it, "org", "org_unit", true, &cy.org_unit_id);
	if (rc == 0)
		rc = rt_imp_int(im, it, "year", true, &cy.year);
	if (rc == 0)
		rc = rt_imp_str(im, it, "title", true, &cy.title);
	if (rc == 0)
		rc = rt_imp_str(im, it, "owner", false, &cy.owner);
	if (rc == 0)
		rc = rt_imp_array(im, it, "phases", &phases);
	PUT(rt_store_process_cycle_put(im->s, &cy, INNER));
	if (rc)
		return rc;
	struct cycle_ctx c = { cy.id, NULL, phases ? json_array_size(phases) : 0 };
	c.phases = rt_arena_alloc(&im->arena, (c.n_phases + 1) * sizeof(*c.phases));
	if ((rc = rt_imp_each(im, it, "phases", phase_one, &c)) == 0 &&
	    (rc = rt_imp_each(im, it, "events", event_one, &c)) == 0 &&
	    (rc = rt_imp_each(im, it, "deliveries", delivery_one, &c)) == 0 &&
	    (rc = rt_imp_each(im, it, "feedback", feedback_one, &c)) == 0)
		st->process++;
	return rc;
}

/* ---- plan sections ----------------------------------------------------------- */

static int checklist_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "plan", "perspective", "question", "answer",
	                                      "motivation", NULL };
	struct rt_load_stats *st = ctx;
	(void)pos;
	struct rt_checklist_answer a;
	memset(&a, 0, sizeof(a));
	char *persp = NULL, *answer = NULL;
	rt_err why = RT_ERR_INIT;
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_load_ref(im, it, "plan", "plan", true, &a.plan_id);
	if (rc == 0)
		rc = rt_imp_str(im, it, "perspective", true, &persp);
	if (rc == 0 && rt_perspective_parse(persp, &a.perspective, &why) != 0)
		rc = rt_imp_wrap(im, "perspective", &why);
	if (rc == 0)
		rc = rt_imp_int(im, it, "question", true, &a.question);
	if (rc == 0)
		rc = rt_imp_str(im, it, "answer", false, &answer);
	if (rc == 0 && answer && rt_answer_parse(answer, &a.answer, &why) != 0)
		rc = rt_imp_wrap(im, "answer", &why);
	if (rc == 0)
		rc = rt_imp_str(im, it, "motivation", false, &a.motivation);
	PUT(rt_store_checklist_put(im->s, &a, INNER));
	if (rc == 0)
		st->sections++;
	return rc;
}

static int term_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "plan", "position", "term", "definition", NULL };
	struct rt_load_stats *st = ctx;
	(void)pos;
	struct rt_plan_term t;
	memset(&t, 0, sizeof(t));
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_load_ref(im, it, "plan", "plan", true, &t.plan_id);
	if (rc == 0)
		rc = rt_imp_int(im, it, "position", false, &t.position);
	if (rc == 0)
		rc = rt_imp_str(im, it, "term", true, &t.term);
	if (rc == 0)
		rc = rt_imp_str(im, it, "definition", true, &t.definition);
	PUT(rt_store_plan_term_put(im->s, &t, INNER));
	if (rc == 0)
		st->sections++;
	return rc;
}

/* ---- economy ------------------------------------------------------------------- */

static int frame_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "org", "year", "amount_tkr", "note", NULL };
	struct rt_load_stats *st = ctx;
	(void)pos;
	struct rt_budget_frame f;
	memset(&f, 0, sizeof(f));
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_load_ref(im, it, "org", "org_unit", true, &f.org_unit_id);
	if (rc == 0)
		rc = rt_imp_int(im, it, "year", true, &f.year);
	if (rc == 0)
		rc = int64_field(im, it, "amount_tkr", &f.amount_tkr);
	if (rc == 0)
		rc = rt_imp_str(im, it, "note", false, &f.note);
	PUT(rt_store_budget_frame_put(im->s, &f, INNER));
	if (rc == 0)
		st->economy++;
	return rc;
}

static int econ_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "org", "period", "result_tkr", "budget_tkr",
	                                      "annual_budget_tkr", "forecast_tkr", "comment", NULL };
	struct rt_load_stats *st = ctx;
	(void)pos;
	struct rt_econ_followup e;
	memset(&e, 0, sizeof(e));
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_load_ref(im, it, "org", "org_unit", true, &e.org_unit_id);
	if (rc == 0)
		rc = rt_load_ref(im, it, "period", "period", true, &e.period_id);
	if (rc == 0)
		rc = int64_field(im, it, "result_tkr", &e.result_tkr);
	if (rc == 0)
		rc = int64_field(im, it, "budget_tkr", &e.budget_tkr);
	if (rc == 0)
		rc = int64_field(im, it, "annual_budget_tkr", &e.annual_budget_tkr);
	if (rc == 0)
		rc = int64_field(im, it, "forecast_tkr", &e.forecast_tkr);
	if (rc == 0)
		rc = rt_imp_str(im, it, "comment", false, &e.comment);
	PUT(rt_store_econ_followup_put(im->s, &e, INNER));
	if (rc == 0)
		st->economy++;
	return rc;
}

/* ---- users ------------------------------------------------------------------------ */

static int role_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "role", "org", NULL };
	struct rt_user_backup *u = ctx;
	struct rt_user_role_backup *r = &u->roles[pos];
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_imp_str(im, it, "role", true, &r->role);
	if (rc == 0)
		rc = rt_load_ref(im, it, "org", "org_unit", false, &r->org_unit_id);
	return rc;
}

static int user_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "name", "display_name", "pw_hash", "disabled",
	                                      "created_at", "roles", NULL };
	struct rt_load_stats *st = ctx;
	(void)pos;
	struct rt_user_backup u;
	memset(&u, 0, sizeof(u));
	json_t *roles = NULL;
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_imp_str(im, it, "name", true, &u.name);
	if (rc == 0)
		rc = rt_imp_str(im, it, "display_name", false, &u.display_name);
	if (rc == 0)
		rc = rt_imp_str(im, it, "pw_hash", true, &u.pw_hash);
	if (rc == 0)
		rc = rt_imp_bool(im, it, "disabled", &u.disabled);
	if (rc == 0)
		rc = rt_imp_str(im, it, "created_at", true, &u.created_at);
	if (rc == 0)
		rc = rt_imp_array(im, it, "roles", &roles);
	if (rc == 0 && roles) {
		u.n_roles = json_array_size(roles);
		u.roles = rt_arena_alloc(&im->arena, (u.n_roles + 1) * sizeof(*u.roles));
		rc = rt_imp_each(im, it, "roles", role_one, &u);
	}
	PUT(rt_store_user_restore(im->s, &u, INNER));
	if (rc == 0)
		st->users++;
	return rc;
}

int rt_load_json_more(struct rt_imp *im, json_t *root, struct rt_load_stats *st)
{
	int rc = rt_imp_each(im, root, "process_cycles", cycle_one, st);
	if (rc == 0)
		rc = rt_imp_each(im, root, "plan_checklists", checklist_one, st);
	if (rc == 0)
		rc = rt_imp_each(im, root, "plan_terms", term_one, st);
	if (rc == 0)
		rc = rt_imp_each(im, root, "budget_frames", frame_one, st);
	if (rc == 0)
		rc = rt_imp_each(im, root, "econ_followups", econ_one, st);
	if (rc == 0)
		rc = rt_imp_each(im, root, "users", user_one, st);
	return rc;
}
