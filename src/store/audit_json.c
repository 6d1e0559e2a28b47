/* The structs as JSON objects for the audit log's before/after columns.
 * Field names follow docs/plan-json.md, plus the ids (references as
 * `*_id`, null when unset); enums as their English tokens; every field is
 * present (null when absent) so that before and after compare key by key.
 * A string that is not valid UTF-8 makes the whole object NULL: the put
 * then fails instead of logging something other than what was stored. */
#include <stdlib.h>

#include "core/activity.h"
#include "core/budget.h"
#include "core/followup.h"
#include "core/goal.h"
#include "core/indicator.h"
#include "core/org.h"
#include "core/plan.h"
#include "store/sqlite_int.h"

/* Builds one object; `ok` turns false at the first value jansson refuses. */
struct jb {
	json_t *o;
	bool ok;
};

static void jb_set(struct jb *j, const char *k, json_t *v)
{
	if (!v || json_object_set_new(j->o, k, v) != 0)
		j->ok = false;
}

static void jstr(struct jb *j, const char *k, const char *v)
{
	jb_set(j, k, v ? json_string(v) : json_null());
}

static void jint(struct jb *j, const char *k, int64_t v)
{
	jb_set(j, k, json_integer((json_int_t)v));
}

static void jid(struct jb *j, const char *k, int64_t v)
{
	jb_set(j, k, v ? json_integer((json_int_t)v) : json_null());
}

static void jbool(struct jb *j, const char *k, bool v)
{
	jb_set(j, k, json_boolean(v));
}

static void jreal(struct jb *j, const char *k, bool has, double v)
{
	jb_set(j, k, has ? json_real(v) : json_null());
}

static struct jb jb_new(int64_t id)
{
	struct jb j = { json_object(), true };
	if (!j.o)
		j.ok = false;
	else
		jint(&j, "id", id);
	return j;
}

static json_t *jb_end(struct jb *j)
{
	if (!j->ok) {
		json_decref(j->o);
		return NULL;
	}
	return j->o;
}

/* The parsed columns of a target or outcome value. */
static void jspec(struct jb *j, const struct rt_target_spec *sp)
{
	jstr(j, "cmp", rt_sql_cmp_name(sp->cmp));
	jreal(j, "value", sp->has_value, sp->value);
	jstr(j, "unit", sp->unit[0] ? sp->unit : NULL);
	jid(j, "base_year", sp->base_year);
	jstr(j, "qual", rt_sql_qual_name(sp->qual));
}

json_t *rt_json_org_unit(const void *obj)
{
	const struct rt_org_unit *u = obj;
	struct jb j = jb_new(u->id);
	jid(&j, "parent_id", u->parent_id);
	jstr(&j, "kind", rt_org_kind_name(u->kind));
	jstr(&j, "key", u->key);
	jstr(&j, "name", u->name);
	jstr(&j, "short_name", u->short_name);
	return jb_end(&j);
}

json_t *rt_json_plan(const void *obj)
{
	const struct rt_plan *p = obj;
	struct jb j = jb_new(p->id);
	jstr(&j, "key", p->key);
	jstr(&j, "kind", rt_plan_kind_name(p->kind));
	jid(&j, "owner_org_id", p->owner_org_id);
	jid(&j, "parent_plan_id", p->parent_plan_id);
	jstr(&j, "title", p->title);
	jint(&j, "start_year", p->start_year);
	jint(&j, "end_year", p->end_year);
	jstr(&j, "case_number", p->case_number);
	jint(&j, "version", p->version);
	jstr(&j, "status", rt_plan_status_name(p->status));
	jstr(&j, "decision_body", p->decision_body);
	jstr(&j, "introduction", p->introduction);
	return jb_end(&j);
}

json_t *rt_json_plan_change(const void *obj)
{
	const struct rt_plan_change *c = obj;
	struct jb j = jb_new(c->id);
	jid(&j, "plan_id", c->plan_id);
	jint(&j, "version", c->version);
	jstr(&j, "date", c->date);
	jstr(&j, "change", c->change);
	jstr(&j, "decided_by", c->decided_by);
	return jb_end(&j);
}

json_t *rt_json_goal(const void *obj)
{
	const struct rt_goal *g = obj;
	struct jb j = jb_new(g->id);
	jid(&j, "plan_id", g->plan_id);
	jid(&j, "parent_id", g->parent_id);
	jint(&j, "position", g->position);
	jstr(&j, "kind", rt_goal_kind_name(g->kind));
	jstr(&j, "key", g->key);
	jstr(&j, "code", g->code);
	jstr(&j, "title", g->title);
	jstr(&j, "description", g->description);
	jid(&j, "serves_goal_id", g->serves_goal_id);
	jbool(&j, "lifted", g->lifted);
	return jb_end(&j);
}

json_t *rt_json_indicator(const void *obj)
{
	const struct rt_indicator *ind = obj;
	struct jb j = jb_new(ind->id);
	jid(&j, "goal_id", ind->goal_id);
	jint(&j, "position", ind->position);
	jstr(&j, "key", ind->key);
	jstr(&j, "name", ind->name);
	jstr(&j, "description", ind->description);
	jstr(&j, "kind", rt_indicator_kind_name(ind->kind));
	jstr(&j, "unit", ind->unit);
	jstr(&j, "direction", rt_direction_name(ind->direction));
	jstr(&j, "source", ind->source);
	jstr(&j, "motivation", ind->motivation);
	jstr(&j, "criteria", ind->criteria);
	jstr(&j, "frequency", rt_frequency_name(ind->frequency));
	jbool(&j, "central_only", ind->central_only);
	jbool(&j, "by_gender", ind->by_gender);
	jbool(&j, "by_org", ind->by_org);
	jreal(&j, "tolerance", ind->has_tolerance, ind->tolerance);
	return jb_end(&j);
}

json_t *rt_json_target(const void *obj)
{
	const struct rt_target *t = obj;
	struct jb j = jb_new(t->id);
	jid(&j, "indicator_id", t->indicator_id);
	jint(&j, "year", t->year);
	jstr(&j, "gender", rt_gender_name(t->gender));
	jid(&j, "org_unit_id", t->org_unit_id);
	jstr(&j, "text", t->text);
	jspec(&j, &t->spec);
	return jb_end(&j);
}

json_t *rt_json_baseline(const void *obj)
{
	const struct rt_baseline *b = obj;
	struct jb j = jb_new(b->id);
	jid(&j, "indicator_id", b->indicator_id);
	jint(&j, "year", b->year);
	jstr(&j, "gender", rt_gender_name(b->gender));
	jid(&j, "org_unit_id", b->org_unit_id);
	jstr(&j, "text", b->text);
	jreal(&j, "value", b->has_value, b->value);
	return jb_end(&j);
}

json_t *rt_json_activity(const void *obj)
{
	const struct rt_activity *a = obj;
	struct jb j = jb_new(a->id);
	jid(&j, "goal_id", a->goal_id);
	jint(&j, "position", a->position);
	jstr(&j, "key", a->key);
	jstr(&j, "title", a->title);
	jstr(&j, "description", a->description);
	jstr(&j, "target_group", a->target_group);
	jstr(&j, "start_date", a->start_date);
	jstr(&j, "end_date", a->end_date);
	jstr(&j, "owner", a->owner);
	jstr(&j, "contact", a->contact);
	jstr(&j, "scope", rt_activity_scope_name(a->scope));
	jstr(&j, "origin", a->origin);
	jid(&j, "origin_plan_id", a->origin_plan_id);
	return jb_end(&j);
}

json_t *rt_json_budget_line(const void *obj)
{
	const struct rt_budget_line *l = obj;
	struct jb j = jb_new(l->id);
	jid(&j, "plan_id", l->plan_id);
	jid(&j, "org_unit_id", l->org_unit_id);
	jint(&j, "position", l->position);
	jstr(&j, "kind", rt_budget_kind_name(l->kind));
	jstr(&j, "category", rt_budget_category_name(l->category));
	jstr(&j, "label", l->label);
	jint(&j, "year", l->year);
	jint(&j, "amount_tkr", l->amount_tkr);
	return jb_end(&j);
}

json_t *rt_json_period(const void *obj)
{
	const struct rt_period *p = obj;
	struct jb j = jb_new(p->id);
	jstr(&j, "key", p->key);
	jstr(&j, "kind", rt_period_kind_name(p->kind));
	jint(&j, "year", p->year);
	jint(&j, "number", p->number);
	jstr(&j, "start_date", p->start_date);
	jstr(&j, "end_date", p->end_date);
	jstr(&j, "deadline", p->deadline);
	return jb_end(&j);
}

json_t *rt_json_outcome(const void *obj)
{
	const struct rt_outcome *o = obj;
	struct jb j = jb_new(o->id);
	jid(&j, "indicator_id", o->indicator_id);
	jid(&j, "period_id", o->period_id);
	jstr(&j, "gender", rt_gender_name(o->gender));
	jid(&j, "org_unit_id", o->org_unit_id);
	jstr(&j, "text", o->text);
	jspec(&j, &o->value);
	jstr(&j, "comment", o->comment);
	jstr(&j, "status", rt_status_name(o->status));
	jstr(&j, "entered_by", o->entered_by);
	jstr(&j, "entered_at", o->entered_at);
	jstr(&j, "computed_status", rt_status_name(o->computed_status));
	jstr(&j, "override_reason", o->override_reason);
	return jb_end(&j);
}

json_t *rt_json_assessment(const void *obj)
{
	const struct rt_assessment *a = obj;
	struct jb j = jb_new(a->id);
	jid(&j, "goal_id", a->goal_id);
	jid(&j, "period_id", a->period_id);
	jstr(&j, "status", rt_status_name(a->status));
	jstr(&j, "analysis", a->analysis);
	return jb_end(&j);
}

json_t *rt_json_activity_status(const void *obj)
{
	const struct rt_activity_status *a = obj;
	struct jb j = jb_new(a->id);
	jid(&j, "activity_id", a->activity_id);
	jid(&j, "period_id", a->period_id);
	jstr(&j, "state", rt_activity_state_name(a->state));
	jstr(&j, "comment", a->comment);
	jstr(&j, "entered_by", a->entered_by);
	jstr(&j, "entered_at", a->entered_at);
	return jb_end(&j);
}

/* 15 significant digits: every decimal a person typed ("4,7") comes back
 * as written, where jansson's default 17 would print 4.7000000000000002. */
char *rt_json_text(json_t *j)
{
	if (!j)
		return NULL;
	return json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
}
