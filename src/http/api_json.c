/* The API's JSON shapes of the domain structs. Enum fields carry both the
 * stable token ("kind": "goal_area") and, where a person reads them, the
 * Swedish label; statuses carry symbol and label too, so a client never
 * shows colour alone. */
#include <stdio.h>

#include "http/api.h"

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer((json_int_t)id) : json_null();
}

static void set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v ? v : json_null());
}

json_t *rt_api_org_json(const void *obj)
{
	const struct rt_org_unit *u = obj;
	json_t *o = json_object();
	set(o, "id", json_integer(u->id));
	set(o, "parent_id", id_or_null(u->parent_id));
	set(o, "kind", json_string(rt_org_kind_name(u->kind)));
	set(o, "kind_label", json_string(rt_org_kind_label(u->kind)));
	set(o, "key", rt_api_str(u->key));
	set(o, "name", rt_api_str(u->name));
	set(o, "short_name", rt_api_str(u->short_name));
	return o;
}

json_t *rt_api_plan_json(const void *obj)
{
	const struct rt_plan *p = obj;
	json_t *o = json_object();
	set(o, "id", json_integer(p->id));
	set(o, "key", rt_api_str(p->key));
	set(o, "kind", json_string(rt_plan_kind_name(p->kind)));
	set(o, "kind_label", json_string(rt_plan_kind_label(p->kind)));
	set(o, "owner_org_id", json_integer(p->owner_org_id));
	set(o, "parent_plan_id", id_or_null(p->parent_plan_id));
	set(o, "title", rt_api_str(p->title));
	set(o, "start_year", json_integer(p->start_year));
	set(o, "end_year", json_integer(p->end_year));
	set(o, "case_number", rt_api_str(p->case_number));
	set(o, "version", json_integer(p->version));
	set(o, "status", json_string(rt_plan_status_name(p->status)));
	set(o, "status_label", json_string(rt_plan_status_label(p->status)));
	set(o, "decision_body", rt_api_str(p->decision_body));
	set(o, "introduction", rt_api_str(p->introduction));
	return o;
}

json_t *rt_api_goal_json(const void *obj)
{
	const struct rt_goal *g = obj;
	json_t *o = json_object();
	set(o, "id", json_integer(g->id));
	set(o, "plan_id", json_integer(g->plan_id));
	set(o, "parent_id", id_or_null(g->parent_id));
	set(o, "position", json_integer(g->position));
	set(o, "kind", json_string(rt_goal_kind_name(g->kind)));
	set(o, "kind_label", json_string(rt_goal_kind_label(g->kind)));
	set(o, "key", rt_api_str(g->key));
	set(o, "code", rt_api_str(g->code));
	set(o, "title", rt_api_str(g->title));
	set(o, "description", rt_api_str(g->description));
	set(o, "serves_goal_id", id_or_null(g->serves_goal_id));
	set(o, "lifted", json_boolean(g->lifted));
	return o;
}

json_t *rt_api_indicator_json(const void *obj)
{
	const struct rt_indicator *ind = obj;
	json_t *o = json_object();
	set(o, "id", json_integer(ind->id));
	set(o, "goal_id", json_integer(ind->goal_id));
	set(o, "position", json_integer(ind->position));
	set(o, "key", rt_api_str(ind->key));
	set(o, "name", rt_api_str(ind->name));
	set(o, "description", rt_api_str(ind->description));
	set(o, "kind", json_string(rt_indicator_kind_name(ind->kind)));
	set(o, "unit", rt_api_str(ind->unit));
	set(o, "direction", json_string(rt_direction_name(ind->direction)));
	set(o, "source", rt_api_str(ind->source));
	set(o, "motivation", rt_api_str(ind->motivation));
	set(o, "criteria", rt_api_str(ind->criteria));
	set(o, "frequency", json_string(rt_frequency_name(ind->frequency)));
	set(o, "central_only", json_boolean(ind->central_only));
	set(o, "by_gender", json_boolean(ind->by_gender));
	set(o, "by_org", json_boolean(ind->by_org));
	set(o, "tolerance", ind->has_tolerance ? json_real(ind->tolerance) : json_null());
	return o;
}

static json_t *spec_value(const struct rt_target_spec *sp)
{
	return sp->has_value ? json_real(sp->value) : json_null();
}

json_t *rt_api_target_json(const struct rt_target *t)
{
	json_t *o = json_object();
	set(o, "id", json_integer(t->id));
	set(o, "indicator_id", json_integer(t->indicator_id));
	set(o, "year", json_integer(t->year));
	set(o, "gender", json_string(rt_gender_name(t->gender)));
	set(o, "org_unit_id", id_or_null(t->org_unit_id));
	set(o, "text", rt_api_str(t->text));
	set(o, "value", spec_value(&t->spec));
	return o;
}

json_t *rt_api_baseline_json(const struct rt_baseline *b)
{
	json_t *o = json_object();
	set(o, "id", json_integer(b->id));
	set(o, "indicator_id", json_integer(b->indicator_id));
	set(o, "year", json_integer(b->year));
	set(o, "gender", json_string(rt_gender_name(b->gender)));
	set(o, "org_unit_id", id_or_null(b->org_unit_id));
	set(o, "text", rt_api_str(b->text));
	set(o, "value", b->has_value ? json_real(b->value) : json_null());
	return o;
}

json_t *rt_api_activity_json(const void *obj)
{
	const struct rt_activity *a = obj;
	json_t *o = json_object();
	set(o, "id", json_integer(a->id));
	set(o, "goal_id", json_integer(a->goal_id));
	set(o, "position", json_integer(a->position));
	set(o, "key", rt_api_str(a->key));
	set(o, "title", rt_api_str(a->title));
	set(o, "description", rt_api_str(a->description));
	set(o, "target_group", rt_api_str(a->target_group));
	set(o, "start_date", rt_api_str(a->start_date));
	set(o, "end_date", rt_api_str(a->end_date));
	set(o, "owner", rt_api_str(a->owner));
	set(o, "contact", rt_api_str(a->contact));
	set(o, "scope", json_string(rt_activity_scope_name(a->scope)));
	set(o, "origin", rt_api_str(a->origin));
	set(o, "origin_plan_id", id_or_null(a->origin_plan_id));
	return o;
}

json_t *rt_api_period_json(const void *obj)
{
	const struct rt_period *p = obj;
	json_t *o = json_object();
	set(o, "id", json_integer(p->id));
	set(o, "key", rt_api_str(p->key));
	set(o, "kind", json_string(rt_period_kind_name(p->kind)));
	set(o, "year", json_integer(p->year));
	set(o, "number", json_integer(p->number));
	set(o, "start_date", rt_api_str(p->start_date));
	set(o, "end_date", rt_api_str(p->end_date));
	set(o, "deadline", rt_api_str(p->deadline));
	return o;
}

static void status_fields(json_t *o, const char *prefix, enum rt_status s)
{
	char k[48];
	snprintf(k, sizeof(k), "%s", prefix);
	set(o, k, json_string(rt_status_name(s)));
	snprintf(k, sizeof(k), "%s_symbol", prefix);
	set(o, k, json_string(rt_status_symbol(s)));
	snprintf(k, sizeof(k), "%s_label", prefix);
	set(o, k, json_string(rt_status_label(s)));
}

json_t *rt_api_outcome_json(const struct rt_outcome *o, const char *period_key)
{
	json_t *j = json_object();
	set(j, "id", json_integer(o->id));
	set(j, "indicator_id", json_integer(o->indicator_id));
	set(j, "period_id", json_integer(o->period_id));
	if (period_key)
		set(j, "period", json_string(period_key));
	set(j, "gender", json_string(rt_gender_name(o->gender)));
	set(j, "org_unit_id", id_or_null(o->org_unit_id));
	set(j, "text", rt_api_str(o->text));
	set(j, "value", spec_value(&o->value));
	set(j, "comment", rt_api_str(o->comment));
	status_fields(j, "status", o->status);
	status_fields(j, "computed_status", o->computed_status);
	set(j, "override_reason", rt_api_str(o->override_reason));
	set(j, "entered_by", rt_api_str(o->entered_by));
	set(j, "entered_at", rt_api_str(o->entered_at));
	return j;
}

json_t *rt_api_assessment_json(const struct rt_assessment *a, const char *period_key)
{
	json_t *j = json_object();
	set(j, "id", json_integer(a->id));
	set(j, "goal_id", json_integer(a->goal_id));
	set(j, "period_id", json_integer(a->period_id));
	if (period_key)
		set(j, "period", json_string(period_key));
	status_fields(j, "status", a->status);
	set(j, "analysis", rt_api_str(a->analysis));
	return j;
}

json_t *rt_api_finding_json(const struct rt_finding *f)
{
	json_t *j = json_object();
	set(j, "severity", json_string(f->severity == RT_SEV_ERROR ? "error" : "warning"));
	set(j, "severity_label", json_string(rt_severity_label(f->severity)));
	set(j, "rule", json_string(f->rule));
	set(j, "entity", json_string(f->entity));
	set(j, "entity_id", json_integer(f->entity_id));
	set(j, "message", json_string(f->message));
	return j;
}

json_t *rt_api_indicator_full_json(const struct rt_plan_doc *doc, const struct rt_indicator *ind)
{
	json_t *j = rt_api_indicator_json(ind);
	json_t *ts = json_array(), *bs = json_array();
	for (size_t i = 0; i < doc->n_targets; i++)
		if (doc->targets[i].indicator_id == ind->id)
			json_array_append_new(ts, rt_api_target_json(&doc->targets[i]));
	for (size_t i = 0; i < doc->n_baselines; i++)
		if (doc->baselines[i].indicator_id == ind->id)
			json_array_append_new(bs, rt_api_baseline_json(&doc->baselines[i]));
	set(j, "targets", ts);
	set(j, "baselines", bs);
	return j;
}

/* Goals are flat in the document, ordered by parent then position; the
 * tree nests children under their parent (bounded by the goal count, so a
 * broken parent link cannot recurse forever). */
static json_t *goal_tree(const struct rt_plan_doc *doc, int64_t parent_id, size_t depth)
{
	json_t *arr = json_array();
	if (depth > doc->n_goals)
		return arr;
	for (size_t i = 0; i < doc->n_goals; i++) {
		const struct rt_goal *g = &doc->goals[i];
		if (g->parent_id != parent_id)
			continue;
		json_t *j = rt_api_goal_json(g);
		json_t *inds = json_array(), *acts = json_array();
		for (size_t k = 0; k < doc->n_indicators; k++)
			if (doc->indicators[k].goal_id == g->id)
				json_array_append_new(inds, rt_api_indicator_full_json(doc, &doc->indicators[k]));
		for (size_t k = 0; k < doc->n_activities; k++)
			if (doc->activities[k].goal_id == g->id)
				json_array_append_new(acts, rt_api_activity_json(&doc->activities[k]));
		set(j, "indicators", inds);
		set(j, "activities", acts);
		set(j, "children", goal_tree(doc, g->id, depth + 1));
		json_array_append_new(arr, j);
	}
	return arr;
}

json_t *rt_api_plan_tree_json(const struct rt_plan_doc *doc)
{
	json_t *j = rt_api_plan_json(&doc->plan);
	set(j, "owner", rt_api_org_json(&doc->owner));
	json_t *ch = json_array();
	for (size_t i = 0; i < doc->n_changes; i++) {
		const struct rt_plan_change *c = &doc->changes[i];
		json_array_append_new(ch, json_pack("{s:I, s:i, s:o, s:o, s:o}", "id", (json_int_t)c->id,
		                                    "version", c->version, "date", rt_api_str(c->date),
		                                    "change", rt_api_str(c->change),
		                                    "decided_by", rt_api_str(c->decided_by)));
	}
	set(j, "changes", ch);
	set(j, "goals", goal_tree(doc, 0, 0));
	return j;
}
