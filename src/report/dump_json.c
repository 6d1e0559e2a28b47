/* The full backup document (dump_json.h). The plans come from the plan
 * exporter (plan_json.c), one plan at a time, with their outcome lists taken
 * out: outcomes carry more than a plan document can say, so they are
 * written in their own list after the plans. Every list is in id order of
 * the database and the restore inserts in document order, so a restored
 * database numbers everything in the same order and dumps identically.
 * Objects without a key get the plan exporter's names ("org-12"). */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "core/followup.h"
#include "report/dump_json.h"
#include "report/plan_json.h"

struct dump {
	rt_store *s;
	rt_arena arena;
	rt_err *err;
	struct rt_org_unit *orgs;
	size_t n_orgs;
	struct rt_period *periods;
	size_t n_periods;
	json_t *outcomes, *states, *tolerances;
	/* every outcome and activity state of every plan, sorted by id at the end */
	struct item { int64_t id; json_t *j; } *oc, *st;
	size_t n_oc, cap_oc, n_st, cap_st;
};

static void put_str(json_t *o, const char *name, const char *v)
{
	if (v && *v)
		json_object_set_new(o, name, json_string(v));
}

static const char *org_key(struct dump *d, int64_t id)
{
	for (size_t i = 0; i < d->n_orgs; i++)
		if (d->orgs[i].id == id && d->orgs[i].key)
			return d->orgs[i].key;
	return rt_arena_sprintf(&d->arena, "org-%lld", (long long)id);
}

static const char *period_key(struct dump *d, int64_t id)
{
	for (size_t i = 0; i < d->n_periods; i++)
		if (d->periods[i].id == id)
			return d->periods[i].key;
	return rt_arena_sprintf(&d->arena, "period-%lld", (long long)id);
}

/* Org units depth first, children in id order: every parent comes before
 * its children, so the restore can name the parent by key. */
static void orgs_under(struct dump *d, json_t *arr, int64_t parent, int depth)
{
	for (size_t i = 0; i < d->n_orgs && depth < 64; i++) {
		const struct rt_org_unit *u = &d->orgs[i];
		if (u->parent_id != parent || u->id == parent)
			continue;
		json_t *o = json_object();
		put_str(o, "key", org_key(d, u->id));
		put_str(o, "kind", rt_org_kind_name(u->kind));
		put_str(o, "name", u->name);
		put_str(o, "short_name", u->short_name);
		if (u->parent_id)
			put_str(o, "parent", org_key(d, u->parent_id));
		json_array_append_new(arr, o);
		orgs_under(d, arr, u->id, depth + 1);
	}
}

static int id_cmp(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	return (a->id > b->id) - (a->id < b->id);
}

static void spec_json(json_t *o, const struct rt_target_spec *v)
{
	put_str(o, "cmp", rt_store_cmp_name(v->cmp));
	if (v->has_value)
		json_object_set_new(o, "value", json_real(v->value));
	put_str(o, "unit", v->unit);
	if (v->base_year)
		json_object_set_new(o, "base_year", json_integer(v->base_year));
	put_str(o, "qual", rt_store_qual_name(v->qual));
}

static void status_json(json_t *o, const char *name, enum rt_status st)
{
	if (st != RT_STATUS_NONE)
		put_str(o, name, rt_status_name(st));
}

static int outcome_json(struct dump *d, const struct rt_plan_doc *doc, const struct rt_outcome *oc)
{
	const struct rt_indicator *ind = rt_doc_indicator(doc, oc->indicator_id);
	json_t *o = json_object();
	put_str(o, "indicator", ind && ind->key ? ind->key
	                        : rt_arena_sprintf(&d->arena, "indicator-%lld",
	                                           (long long)oc->indicator_id));
	put_str(o, "period", period_key(d, oc->period_id));
	if (oc->gender != RT_GENDER_TOTAL)
		put_str(o, "gender", rt_gender_name(oc->gender));
	if (oc->org_unit_id)
		put_str(o, "org", org_key(d, oc->org_unit_id));
	put_str(o, "text", oc->text);
	spec_json(o, &oc->value);
	put_str(o, "comment", oc->comment);
	status_json(o, "status", oc->status);
	status_json(o, "computed_status", oc->computed_status);
	put_str(o, "override_reason", oc->override_reason);
	put_str(o, "entered_by", oc->entered_by);
	put_str(o, "entered_at", oc->entered_at);

	struct rt_outcome_history *h;
	size_t n;
	int rc = rt_store_outcome_history(d->s, &d->arena, oc->id, &h, &n, d->err);
	if (rc) {
		json_decref(o);
		return rc;
	}
	json_t *hist = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *ho = json_object();
		put_str(ho, "text", h[i].text);
		spec_json(ho, &h[i].value);
		put_str(ho, "comment", h[i].comment);
		status_json(ho, "status", h[i].status);
		status_json(ho, "computed_status", h[i].computed_status);
		put_str(ho, "override_reason", h[i].override_reason);
		put_str(ho, "entered_by", h[i].entered_by);
		put_str(ho, "entered_at", h[i].entered_at);
		put_str(ho, "changed_by", h[i].changed_by);
		put_str(ho, "changed_at", h[i].changed_at);
		json_array_append_new(hist, ho);
	}
	if (n)
		json_object_set_new(o, "history", hist);
	else
		json_decref(hist);
	struct item *it = RT_ARENA_PUSH(&d->arena, d->oc, d->n_oc, d->cap_oc);
	it->id = oc->id;
	it->j = o;
	return 0;
}

static void state_json(struct dump *d, const struct rt_plan_doc *doc,
                       const struct rt_activity_status *as)
{
	const struct rt_activity *act = NULL;
	for (size_t i = 0; i < doc->n_activities && !act; i++)
		if (doc->activities[i].id == as->activity_id)
			act = &doc->activities[i];
	json_t *o = json_object();
	put_str(o, "activity", act && act->key ? act->key
	                       : rt_arena_sprintf(&d->arena, "activity-%lld",
	                                          (long long)as->activity_id));
	put_str(o, "period", period_key(d, as->period_id));
	put_str(o, "state", rt_activity_state_name(as->state));
	put_str(o, "comment", as->comment);
	put_str(o, "entered_by", as->entered_by);
	put_str(o, "entered_at", as->entered_at);
	struct item *it = RT_ARENA_PUSH(&d->arena, d->st, d->n_st, d->cap_st);
	it->id = as->id;
	it->j = o;
}

/* Removes "outcomes" from every indicator under `goals` (they are written
 * in the dump's own outcome list). */
static void strip_outcomes(json_t *goals)
{
	size_t i, k;
	json_t *g, *ind;
	json_array_foreach(goals, i, g) {
		json_array_foreach(json_object_get(g, "indicators"), k, ind)
			json_object_del(ind, "outcomes");
		json_t *kids = json_object_get(g, "children");
		if (kids)
			strip_outcomes(kids);
	}
}

static int plan_json_member(struct dump *d, int64_t plan_id, json_t *plans)
{
	rt_buf text = RT_BUF_INIT;
	int rc = rt_export_plan_json(d->s, plan_id, &text, d->err);
	if (rc) {
		rt_buf_release(&text);
		return rc;
	}
	json_error_t jerr;
	json_t *doc = json_loadb(text.buf, text.len, JSON_DECODE_ANY, &jerr);
	rt_buf_release(&text);
	json_t *plan = doc ? json_array_get(json_object_get(doc, "plans"), 0) : NULL;
	if (!plan) {
		json_decref(doc);
		return rt_err_set(d->err, RT_EINTERNAL, "", "Planen med id %lld gick inte att "
		                  "skriva som JSON", (long long)plan_id);
	}
	strip_outcomes(json_object_get(plan, "goals"));
	json_array_append(plans, plan);
	json_decref(doc);
	return 0;
}

static int plan_extras(struct dump *d, int64_t plan_id)
{
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	int rc = rt_store_plan_load(d->s, plan_id, &doc, d->err);
	for (size_t i = 0; rc == 0 && i < doc.n_indicators; i++) {
		const struct rt_indicator *ind = &doc.indicators[i];
		if (!ind->has_tolerance)
			continue;
		json_t *o = json_object();
		put_str(o, "indicator", ind->key ? ind->key
		                        : rt_arena_sprintf(&d->arena, "indicator-%lld",
		                                           (long long)ind->id));
		json_object_set_new(o, "tolerance", json_real(ind->tolerance));
		json_array_append_new(d->tolerances, o);
	}
	for (size_t i = 0; rc == 0 && i < doc.n_outcomes; i++)
		rc = outcome_json(d, &doc, &doc.outcomes[i]);
	for (size_t i = 0; rc == 0 && i < doc.n_activity_statuses; i++)
		state_json(d, &doc, &doc.activity_statuses[i]);
	rt_plan_doc_release(&doc);
	return rc;
}

static json_t *sorted(struct item *items, size_t n)
{
	if (n > 1)
		qsort(items, n, sizeof(*items), id_cmp);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, items[i].j);
	return arr;
}

/* Kolada mappings (by indicator key) and every fetched value, in the
 * store's order; fetched_at is left out (a restore fetched nothing). */
static int kolada_json(struct dump *d, json_t *root)
{
	struct rt_kolada_map *maps;
	size_t n;
	int rc = rt_store_kolada_map_list(d->s, &d->arena, &maps, &n, d->err);
	if (rc)
		return rc;
	json_t *marr = json_array(), *varr = json_array();
	json_object_set_new(root, "kolada_maps", marr);
	json_object_set_new(root, "kolada_values", varr);
	for (size_t i = 0; i < n; i++) {
		struct rt_indicator ind;
		if ((rc = rt_store_indicator_get(d->s, &d->arena, maps[i].indicator_id, &ind,
		                                 d->err)) != 0)
			return rc;
		json_t *o = json_object(), *peers = json_array();
		put_str(o, "indicator", ind.key ? ind.key
		                        : rt_arena_sprintf(&d->arena, "indicator-%lld",
		                                           (long long)ind.id));
		put_str(o, "kpi", maps[i].kpi);
		put_str(o, "municipality", maps[i].municipality);
		for (size_t k = 0; k < maps[i].n_peers; k++)
			json_array_append_new(peers, json_string(maps[i].peers[k]));
		json_object_set_new(o, "peers", peers);
		json_array_append_new(marr, o);
		/* the values of this KPI, once per KPI */
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = !strcmp(maps[k].kpi, maps[i].kpi);
		struct rt_kolada_value *v;
		size_t nv = 0;
		if (!seen && (rc = rt_store_kolada_value_list(d->s, &d->arena, maps[i].kpi, &v, &nv,
		                                              d->err)) != 0)
			return rc;
		for (size_t k = 0; k < nv; k++) {
			json_t *vo = json_object();
			put_str(vo, "kpi", v[k].kpi);
			put_str(vo, "municipality", v[k].municipality);
			json_object_set_new(vo, "year", json_integer(v[k].year));
			put_str(vo, "gender", rt_gender_name(v[k].gender));
			json_object_set_new(vo, "value", v[k].has_value ? json_real(v[k].value)
			                                                : json_null());
			if (v[k].has_count)
				json_object_set_new(vo, "count", json_integer(v[k].count));
			put_str(vo, "status", v[k].status);
			json_array_append_new(varr, vo);
		}
	}
	return 0;
}

/* ---- the planning process, plan sections, economy and users -------------- */

/* Every struct below starts with its int64_t id: lists are written in id
 * order, the order the restore inserts them, so it numbers them alike. */
static int first_id_cmp(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
	return (a > b) - (a < b);
}
#define BY_ID(arr, n) ((n) > 1 ? qsort((arr), (n), sizeof(*(arr)), first_id_cmp) : (void)0)

static const char *plan_key(struct dump *d, const struct rt_plan *plans, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (plans[i].id == id && plans[i].key)
			return plans[i].key;
	return rt_arena_sprintf(&d->arena, "plan-%lld", (long long)id);
}

static json_t *cycle_json(struct dump *d, struct rt_process_doc *doc)
{
	json_t *c = json_object(), *arr;
	put_str(c, "org", org_key(d, doc->cycle.org_unit_id));
	json_object_set_new(c, "year", json_integer(doc->cycle.year));
	put_str(c, "title", doc->cycle.title);
	put_str(c, "owner", doc->cycle.owner);
	BY_ID(doc->phases, doc->n_phases);
	json_object_set_new(c, "phases", arr = json_array());
	for (size_t i = 0; i < doc->n_phases; i++) {
		const struct rt_process_phase *p = &doc->phases[i];
		json_t *o = json_object();
		put_str(o, "name", p->name);
		json_object_set_new(o, "position", json_integer(p->position));
		put_str(o, "starts_on", p->starts_on);
		put_str(o, "ends_on", p->ends_on);
		put_str(o, "owner", p->owner);
		put_str(o, "description", p->description);
		json_array_append_new(arr, o);
	}
	BY_ID(doc->events, doc->n_events);
	json_object_set_new(c, "events", arr = json_array());
	for (size_t i = 0; i < doc->n_events; i++) {
		const struct rt_process_event *e = &doc->events[i];
		json_t *o = json_object();
		put_str(o, "kind", rt_event_kind_name(e->kind));
		put_str(o, "title", e->title);
		put_str(o, "on_date", e->on_date);
		for (size_t k = 0; k < doc->n_phases; k++)   /* the phase by its place in "phases" */
			if (e->phase_id && doc->phases[k].id == e->phase_id)
				json_object_set_new(o, "phase", json_integer((json_int_t)k));
		put_str(o, "purpose", e->purpose);
		put_str(o, "goal", e->goal);
		put_str(o, "participants", e->participants);
		json_array_append_new(arr, o);
	}
	BY_ID(doc->deliveries, doc->n_deliveries);
	json_object_set_new(c, "deliveries", arr = json_array());
	for (size_t i = 0; i < doc->n_deliveries; i++) {
		const struct rt_process_delivery *x = &doc->deliveries[i];
		json_t *o = json_object();
		put_str(o, "org", org_key(d, x->org_unit_id));
		put_str(o, "kind", rt_delivery_kind_name(x->kind));
		put_str(o, "due_on", x->due_on);
		put_str(o, "status", rt_delivery_status_name(x->status));
		put_str(o, "delivered_on", x->delivered_on);
		json_array_append_new(arr, o);
	}
	BY_ID(doc->feedback, doc->n_feedback);
	json_object_set_new(c, "feedback", arr = json_array());
	for (size_t i = 0; i < doc->n_feedback; i++) {
		const struct rt_feedback_section *f = &doc->feedback[i];
		json_t *o = json_object();
		put_str(o, "org", org_key(d, f->org_unit_id));
		put_str(o, "heading", rt_feedback_heading_name(f->heading));
		json_object_set_new(o, "body", json_string(f->body ? f->body : ""));
		json_array_append_new(arr, o);
	}
	return c;
}

static int process_json(struct dump *d, json_t *root)
{
	int64_t *ids;
	size_t n;
	int rc = rt_store_process_cycle_ids(d->s, &d->arena, &ids, &n, d->err);
	json_t *arr = json_array();
	json_object_set_new(root, "process_cycles", arr);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct rt_process_doc doc;
		if ((rc = rt_store_process_load(d->s, ids[i], &doc, d->err)) == 0)
			json_array_append_new(arr, cycle_json(d, &doc));
		rt_store_process_doc_release(&doc);
	}
	return rc;
}

/* §3.4 checklist answers and §3.5 ordlista of every plan. */
static int sections_json(struct dump *d, json_t *root, const struct rt_plan *plans, size_t n,
                         const int64_t *ids)
{
	json_t *checks = json_array(), *terms = json_array();
	json_object_set_new(root, "plan_checklists", checks);
	json_object_set_new(root, "plan_terms", terms);
	for (size_t i = 0; i < n; i++) {
		struct rt_checklist_answer *ans;
		struct rt_plan_term *t;
		size_t na, nt;
		int rc = rt_store_plan_sections_load(d->s, &d->arena, ids[i], &ans, &na, &t, &nt,
		                                     d->err);
		if (rc)
			return rc;
		const char *key = plan_key(d, plans, n, ids[i]);
		BY_ID(ans, na);
		for (size_t k = 0; k < na; k++) {
			json_t *o = json_object();
			put_str(o, "plan", key);
			put_str(o, "perspective", rt_perspective_def(ans[k].perspective)->key);
			json_object_set_new(o, "question", json_integer(ans[k].question));
			if (ans[k].answer != RT_ANSWER_NONE)
				put_str(o, "answer", rt_answer_name(ans[k].answer));
			put_str(o, "motivation", ans[k].motivation);
			json_array_append_new(checks, o);
		}
		BY_ID(t, nt);
		for (size_t k = 0; k < nt; k++) {
			json_t *o = json_object();
			put_str(o, "plan", key);
			json_object_set_new(o, "position", json_integer(t[k].position));
			put_str(o, "term", t[k].term);
			put_str(o, "definition", t[k].definition);
			json_array_append_new(terms, o);
		}
	}
	return 0;
}

static int economy_json(struct dump *d, json_t *root)
{
	struct rt_budget_frame *f;
	struct rt_econ_followup *e;
	size_t nf, ne;
	int rc = rt_store_budget_frame_list(d->s, &d->arena, 0, &f, &nf, d->err);
	if (rc == 0)
		rc = rt_store_econ_followup_list(d->s, &d->arena, 0, &e, &ne, d->err);
	if (rc)
		return rc;
	json_t *arr = json_array();
	json_object_set_new(root, "budget_frames", arr);
	BY_ID(f, nf);
	for (size_t i = 0; i < nf; i++) {
		json_t *o = json_object();
		put_str(o, "org", org_key(d, f[i].org_unit_id));
		json_object_set_new(o, "year", json_integer(f[i].year));
		json_object_set_new(o, "amount_tkr", json_integer((json_int_t)f[i].amount_tkr));
		put_str(o, "note", f[i].note);
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "econ_followups", arr = json_array());
	BY_ID(e, ne);
	for (size_t i = 0; i < ne; i++) {
		json_t *o = json_object();
		put_str(o, "org", org_key(d, e[i].org_unit_id));
		put_str(o, "period", period_key(d, e[i].period_id));
		json_object_set_new(o, "result_tkr", json_integer((json_int_t)e[i].result_tkr));
		json_object_set_new(o, "budget_tkr", json_integer((json_int_t)e[i].budget_tkr));
		json_object_set_new(o, "annual_budget_tkr",
		                    json_integer((json_int_t)e[i].annual_budget_tkr));
		json_object_set_new(o, "forecast_tkr", json_integer((json_int_t)e[i].forecast_tkr));
		put_str(o, "comment", e[i].comment);
		json_array_append_new(arr, o);
	}
	return 0;
}

/* Users with their password hashes (a backup restores logins) and roles. */
static int users_json(struct dump *d, json_t *root)
{
	struct rt_user_backup *u;
	size_t n;
	int rc = rt_store_user_backup_list(d->s, &d->arena, &u, &n, d->err);
	if (rc)
		return rc;
	json_t *arr = json_array();
	json_object_set_new(root, "users", arr);
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object(), *roles = json_array();
		put_str(o, "name", u[i].name);
		put_str(o, "display_name", u[i].display_name);
		put_str(o, "pw_hash", u[i].pw_hash);
		if (u[i].disabled)
			json_object_set_new(o, "disabled", json_true());
		put_str(o, "created_at", u[i].created_at);
		for (size_t k = 0; k < u[i].n_roles; k++) {
			json_t *r = json_object();
			put_str(r, "role", u[i].roles[k].role);
			if (u[i].roles[k].org_unit_id)
				put_str(r, "org", org_key(d, u[i].roles[k].org_unit_id));
			json_array_append_new(roles, r);
		}
		json_object_set_new(o, "roles", roles);
		json_array_append_new(arr, o);
	}
	return 0;
}

static int build(struct dump *d, json_t *root)
{
	int rc = rt_store_org_list(d->s, &d->arena, &d->orgs, &d->n_orgs, d->err);
	if (rc == 0)
		rc = rt_store_period_list(d->s, &d->arena, &d->periods, &d->n_periods, d->err);
	struct rt_plan *plans = NULL;
	size_t n_plans = 0;
	if (rc == 0)
		rc = rt_store_plan_list(d->s, &d->arena, &plans, &n_plans, d->err);
	struct rt_setting *set = NULL;
	size_t n_set = 0;
	if (rc == 0)
		rc = rt_store_setting_list(d->s, &d->arena, &set, &n_set, d->err);
	if (rc)
		return rc;

	json_object_set_new(root, "format", json_string(RT_DUMP_FORMAT));
	json_t *orgs = json_array();
	orgs_under(d, orgs, 0, 0);
	json_object_set_new(root, "org_units", orgs);

	/* periods and plans in id order: the order the restore inserts them */
	struct item *pi = rt_arena_alloc(&d->arena, (d->n_periods + 1) * sizeof(*pi));
	for (size_t i = 0; i < d->n_periods; i++) {
		json_t *o = json_object();
		put_str(o, "key", d->periods[i].key);
		put_str(o, "deadline", d->periods[i].deadline);
		pi[i] = (struct item){ d->periods[i].id, o };
	}
	json_object_set_new(root, "periods", sorted(pi, d->n_periods));

	int64_t *ids = rt_arena_alloc(&d->arena, (n_plans + 1) * sizeof(*ids));
	for (size_t i = 0; i < n_plans; i++)
		ids[i] = plans[i].id;
	for (size_t i = 1; i < n_plans; i++)   /* insertion sort: plans are few */
		for (size_t k = i; k > 0 && ids[k - 1] > ids[k]; k--) {
			int64_t t = ids[k];
			ids[k] = ids[k - 1];
			ids[k - 1] = t;
		}
	json_t *parr = json_array();
	json_object_set_new(root, "plans", parr);
	d->tolerances = json_array();
	json_object_set_new(root, "indicator_tolerances", d->tolerances);
	for (size_t i = 0; rc == 0 && i < n_plans; i++)
		if ((rc = plan_json_member(d, ids[i], parr)) == 0)
			rc = plan_extras(d, ids[i]);
	json_object_set_new(root, "outcomes", sorted(d->oc, d->n_oc));
	json_object_set_new(root, "activity_states", sorted(d->st, d->n_st));
	d->n_oc = d->n_st = 0;

	json_t *sarr = json_array();
	for (size_t i = 0; i < n_set; i++) {
		json_t *o = json_object();
		if (set[i].org_unit_id)
			put_str(o, "org", org_key(d, set[i].org_unit_id));
		put_str(o, "name", set[i].name);
		json_object_set_new(o, "value", json_string(set[i].value ? set[i].value : ""));
		json_array_append_new(sarr, o);
	}
	json_object_set_new(root, "settings", sarr);
	if (rc == 0)
		rc = kolada_json(d, root);
	if (rc == 0)
		rc = process_json(d, root);
	if (rc == 0)
		rc = sections_json(d, root, plans, n_plans, ids);
	if (rc == 0)
		rc = economy_json(d, root);
	return rc ? rc : users_json(d, root);
}

int rt_dump_json(rt_store *s, rt_buf *out, rt_err *err)
{
	struct dump d;
	memset(&d, 0, sizeof(d));
	d.s = s;
	d.err = err;
	json_t *root = json_object();
	int rc = build(&d, root);
	for (size_t i = 0; i < d.n_oc; i++)   /* not handed to an array on failure */
		json_decref(d.oc[i].j);
	for (size_t i = 0; i < d.n_st; i++)
		json_decref(d.st[i].j);
	if (rc == 0) {
		char *text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		if (!text) {
			rc = rt_err_set(err, RT_EINTERNAL, "", "Kunde inte skriva säkerhetskopian "
			                "som JSON (ogiltig UTF-8 i databasen?)");
		} else {
			rt_buf_addstr(out, text);
			rt_buf_addch(out, '\n');
			free(text);
		}
	}
	json_decref(root);
	rt_arena_release(&d.arena);
	return rc;
}
