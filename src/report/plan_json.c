/* Export of one plan as a plan document (docs/plan-json.md), the exact
 * format the importer reads, so import(export(P)) into an empty database
 * and exporting again gives the same bytes. Deterministic: object members
 * in a fixed order, arrays sorted by position or by (year/period, gender,
 * org key), never by database id alone. Optional fields that are NULL or
 * empty, false booleans and default genders/statuses are left out. Objects
 * without a key are named "<kind>-<id>" ("goal-12"). Never prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "core/followup.h"
#include "report/plan_json.h"
#include "util/alloc.h"

/* One row to sort: (parent, a, b, c, id) ascending. */
struct row {
	int64_t parent;        /* the goal, indicator … it belongs to */
	int a, b;
	const char *c;
	int64_t id;
	const void *obj;
};

struct rows {
	struct row *items;
	size_t n, cap;
};

struct exp {
	rt_store *s;
	const struct rt_plan_doc *doc;
	rt_arena arena;
	struct rt_org_unit *orgs;
	size_t n_orgs;
	bool *needed;                   /* per orgs[i]: exported */
	const struct rt_period **periods;  /* sorted */
	size_t n_periods;
	/* the children of each kind, grouped by parent and sorted (build_groups) */
	struct rows goals, indicators, activities, assessments, targets, baselines, outcomes;
	const char *bad;                /* field whose text is not UTF-8 */
	rt_err *err;
	int rc;                         /* first store error */
};

/* ---- members --------------------------------------------------------- */

static void put_str(struct exp *x, json_t *o, const char *name, const char *s)
{
	if (!s || !*s)
		return;
	json_t *v = json_string(s);
	if (!v) {
		if (!x->bad)
			x->bad = name;
		return;
	}
	json_object_set_new(o, name, v);
}

/* Also "" (seed 000's empty "Beslutat av" cell is a fact worth keeping). */
static void put_str_or_empty(struct exp *x, json_t *o, const char *name, const char *s)
{
	if (s && !*s)
		json_object_set_new(o, name, json_string(""));
	else
		put_str(x, o, name, s);
}

static void put_int(json_t *o, const char *name, long long v)
{
	json_object_set_new(o, name, json_integer(v));
}

static void put_true(json_t *o, const char *name, bool b)
{
	if (b)
		json_object_set_new(o, name, json_true());
}

static void put_array(json_t *o, const char *name, json_t *arr)
{
	if (json_array_size(arr))
		json_object_set_new(o, name, arr);
	else
		json_decref(arr);
}

/* ---- keys of things outside the document ----------------------------- */

static const char *org_key(struct exp *x, int64_t id)
{
	for (size_t i = 0; i < x->n_orgs; i++)
		if (x->orgs[i].id == id)
			return x->orgs[i].key ? x->orgs[i].key
			                      : rt_arena_sprintf(&x->arena, "org-%lld", (long long)id);
	return rt_arena_sprintf(&x->arena, "org-%lld", (long long)id);
}

static const char *plan_key(struct exp *x, int64_t id)
{
	struct rt_plan p;
	rt_err e = RT_ERR_INIT;
	memset(&p, 0, sizeof(p));
	if (id == x->doc->plan.id)
		p = x->doc->plan;
	else if (rt_store_plan_get(x->s, &x->arena, id, &p, &e) != 0 && !x->rc) {
		x->rc = e.code ? e.code : RT_EIO;
		if (x->err)
			*x->err = e;
	}
	return p.key ? p.key : rt_arena_sprintf(&x->arena, "plan-%lld", (long long)id);
}

static const char *goal_key(struct exp *x, int64_t id)
{
	const struct rt_goal *g = rt_doc_goal(x->doc, id);
	struct rt_goal other;
	rt_err e = RT_ERR_INIT;
	if (!g) {
		memset(&other, 0, sizeof(other));
		if (rt_store_goal_get(x->s, &x->arena, id, &other, &e) != 0 && !x->rc) {
			x->rc = e.code ? e.code : RT_EIO;
			if (x->err)
				*x->err = e;
		}
		g = &other;
	}
	return g->key ? g->key : rt_arena_sprintf(&x->arena, "goal-%lld", (long long)id);
}

static const char *period_key(struct exp *x, int64_t id)
{
	const struct rt_period *p = rt_doc_period(x->doc, id);
	return p && p->key ? p->key : rt_arena_sprintf(&x->arena, "period-%lld", (long long)id);
}

static int period_rank(struct exp *x, int64_t id)
{
	for (size_t i = 0; i < x->n_periods; i++)
		if (x->periods[i]->id == id)
			return (int)i;
	return (int)x->n_periods;
}

/* ---- sorting --------------------------------------------------------- */


static int row_cmp(const void *pa, const void *pb)
{
	const struct row *x = pa, *y = pb;
	if (x->parent != y->parent)
		return x->parent < y->parent ? -1 : 1;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	if (x->b != y->b)
		return x->b < y->b ? -1 : 1;
	int c = strcmp(x->c ? x->c : "", y->c ? y->c : "");
	if (c)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}


static void rows_add(struct exp *x, struct rows *r, int64_t parent, int a, int b, const char *c,
                     int64_t id, const void *obj)
{
	struct row *w = RT_ARENA_PUSH(&x->arena, r->items, r->n, r->cap);
	*w = (struct row){ parent, a, b, c, id, obj };
}

static void rows_sort(struct rows *r)
{
	if (r->n > 1)
		qsort(r->items, r->n, sizeof(*r->items), row_cmp);
}

/* The rows of `parent` in a sorted list: [*lo, *hi). Binary search, so
 * that large plans export in n log n rather than goals × indicators. */
static void rows_range(const struct rows *r, int64_t parent, size_t *lo, size_t *hi)
{
	size_t a = 0, b = r->n;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (r->items[m].parent < parent)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	while (b < r->n && r->items[b].parent == parent)
		b++;
	*hi = b > a ? b : a;
}

/* ---- org units and periods ------------------------------------------- */

static void need_org(struct exp *x, int64_t id)
{
	/* the unit and its ancestors; bounded by n_orgs against a cyclic tree */
	for (size_t step = 0; id && step <= x->n_orgs; step++) {
		size_t i = 0;
		while (i < x->n_orgs && x->orgs[i].id != id)
			i++;
		if (i == x->n_orgs)
			return;
		x->needed[i] = true;
		id = x->orgs[i].parent_id;
	}
}

static json_t *org_json(struct exp *x, size_t i, int depth)
{
	const struct rt_org_unit *u = &x->orgs[i];
	json_t *o = json_object();
	put_str(x, o, "key", org_key(x, u->id));
	put_str(x, o, "kind", rt_org_kind_name(u->kind));
	put_str(x, o, "name", u->name);
	put_str(x, o, "short_name", u->short_name);
	struct rows kids = { 0 };
	for (size_t k = 0; k < x->n_orgs; k++)
		if (x->needed[k] && x->orgs[k].parent_id == u->id && k != i)
			rows_add(x, &kids, 0, 0, 0, NULL, x->orgs[k].id, &x->orgs[k]);
	rows_sort(&kids);
	json_t *arr = json_array();
	for (size_t k = 0; k < kids.n && depth < 64; k++)
		json_array_append_new(arr, org_json(x, (size_t)((const struct rt_org_unit *)
		                                               kids.items[k].obj - x->orgs),
		                                   depth + 1));
	put_array(o, "children", arr);
	return o;
}

static json_t *orgs_json(struct exp *x)
{
	const struct rt_plan_doc *d = x->doc;
	x->needed = rt_arena_alloc(&x->arena, (x->n_orgs + 1) * sizeof(*x->needed));
	need_org(x, d->plan.owner_org_id);
	for (size_t i = 0; i < d->n_targets; i++)
		need_org(x, d->targets[i].org_unit_id);
	for (size_t i = 0; i < d->n_baselines; i++)
		need_org(x, d->baselines[i].org_unit_id);
	for (size_t i = 0; i < d->n_outcomes; i++)
		need_org(x, d->outcomes[i].org_unit_id);
	for (size_t i = 0; i < d->n_budget; i++)
		need_org(x, d->budget[i].org_unit_id);
	json_t *arr = json_array();
	struct rows roots = { 0 };
	for (size_t i = 0; i < x->n_orgs; i++) {
		if (!x->needed[i])
			continue;
		bool has_parent = false;
		for (size_t k = 0; k < x->n_orgs && !has_parent; k++)
			has_parent = x->needed[k] && x->orgs[k].id == x->orgs[i].parent_id;
		if (!has_parent)
			rows_add(x, &roots, 0, 0, 0, NULL, x->orgs[i].id, (void *)(uintptr_t)i);
	}
	rows_sort(&roots);
	for (size_t k = 0; k < roots.n; k++)
		json_array_append_new(arr, org_json(x, (size_t)(uintptr_t)roots.items[k].obj, 0));
	return arr;
}

static int period_cmp(const void *pa, const void *pb)
{
	const struct rt_period *x = *(const struct rt_period *const *)pa;
	const struct rt_period *y = *(const struct rt_period *const *)pb;
	int c = strcmp(x->start_date ? x->start_date : "", y->start_date ? y->start_date : "");
	if (!c)
		c = strcmp(x->end_date ? x->end_date : "", y->end_date ? y->end_date : "");
	if (!c)
		c = strcmp(x->key ? x->key : "", y->key ? y->key : "");
	return c;
}

static json_t *periods_json(struct exp *x)
{
	const struct rt_plan_doc *d = x->doc;
	x->n_periods = d->n_periods;
	x->periods = rt_arena_alloc(&x->arena, (d->n_periods + 1) * sizeof(*x->periods));
	for (size_t i = 0; i < d->n_periods; i++)
		x->periods[i] = &d->periods[i];
	if (d->n_periods > 1)
		qsort(x->periods, d->n_periods, sizeof(*x->periods), period_cmp);
	json_t *arr = json_array();
	for (size_t i = 0; i < x->n_periods; i++) {
		json_t *o = json_object();
		put_str(x, o, "key", x->periods[i]->key);
		put_str(x, o, "deadline", x->periods[i]->deadline);
		json_array_append_new(arr, o);
	}
	return arr;
}

/* ---- indicators ------------------------------------------------------ */

/* target, baseline and outcome rows share year/gender/org/text */
static void value_row(struct exp *x, json_t *o, enum rt_gender g, int64_t org, const char *text)
{
	if (g != RT_GENDER_TOTAL)
		put_str(x, o, "gender", rt_gender_name(g));
	if (org)
		put_str(x, o, "org", org_key(x, org));
	put_str(x, o, "text", text);
}

static json_t *targets_json(struct exp *x, int64_t ind_id)
{
	size_t lo, hi;
	rows_range(&x->targets, ind_id, &lo, &hi);
	const struct rows r = { x->targets.items + lo, hi - lo, 0 };
	json_t *arr = json_array();
	for (size_t k = 0; k < r.n; k++) {
		const struct rt_target *t = r.items[k].obj;
		json_t *o = json_object();
		put_int(o, "year", t->year);
		value_row(x, o, t->gender, t->org_unit_id, t->text);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *baselines_json(struct exp *x, int64_t ind_id)
{
	size_t lo, hi;
	rows_range(&x->baselines, ind_id, &lo, &hi);
	const struct rows r = { x->baselines.items + lo, hi - lo, 0 };
	json_t *arr = json_array();
	for (size_t k = 0; k < r.n; k++) {
		const struct rt_baseline *b = r.items[k].obj;
		json_t *o = json_object();
		put_int(o, "year", b->year);
		value_row(x, o, b->gender, b->org_unit_id, b->text);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *outcomes_json(struct exp *x, int64_t ind_id)
{
	size_t lo, hi;
	rows_range(&x->outcomes, ind_id, &lo, &hi);
	const struct rows r = { x->outcomes.items + lo, hi - lo, 0 };
	json_t *arr = json_array();
	for (size_t k = 0; k < r.n; k++) {
		const struct rt_outcome *oc = r.items[k].obj;
		json_t *o = json_object();
		put_str(x, o, "period", period_key(x, oc->period_id));
		value_row(x, o, oc->gender, oc->org_unit_id, oc->text);
		put_str(x, o, "comment", oc->comment);
		if (oc->status != RT_STATUS_NONE)
			put_str(x, o, "status", rt_status_name(oc->status));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *indicator_json(struct exp *x, const struct rt_indicator *ind)
{
	json_t *o = json_object();
	put_str(x, o, "key", ind->key ? ind->key
	                              : rt_arena_sprintf(&x->arena, "indicator-%lld",
	                                                 (long long)ind->id));
	put_str(x, o, "name", ind->name);
	put_str(x, o, "kind", rt_indicator_kind_name(ind->kind));
	put_str(x, o, "unit", ind->unit);
	put_str(x, o, "direction", rt_direction_name(ind->direction));
	put_str(x, o, "frequency", rt_frequency_name(ind->frequency));
	put_true(o, "central_only", ind->central_only);
	put_true(o, "by_gender", ind->by_gender);
	put_true(o, "by_org", ind->by_org);
	put_str(x, o, "source", ind->source);
	put_str(x, o, "motivation", ind->motivation);
	put_str(x, o, "criteria", ind->criteria);
	put_str(x, o, "description", ind->description);
	put_array(o, "targets", targets_json(x, ind->id));
	put_array(o, "baselines", baselines_json(x, ind->id));
	put_array(o, "outcomes", outcomes_json(x, ind->id));
	return o;
}

/* ---- goals ----------------------------------------------------------- */

static json_t *activity_json(struct exp *x, const struct rt_activity *a)
{
	json_t *o = json_object();
	put_str(x, o, "key", a->key ? a->key
	                            : rt_arena_sprintf(&x->arena, "activity-%lld",
	                                               (long long)a->id));
	put_str(x, o, "title", a->title);
	put_str(x, o, "description", a->description);
	put_str(x, o, "target_group", a->target_group);
	put_str(x, o, "start_date", a->start_date);
	put_str(x, o, "end_date", a->end_date);
	put_str(x, o, "owner", a->owner);
	put_str(x, o, "contact", a->contact);
	put_str(x, o, "scope", rt_activity_scope_name(a->scope));
	put_str(x, o, "origin", a->origin);
	if (a->origin_plan_id)
		put_str(x, o, "origin_plan", plan_key(x, a->origin_plan_id));
	return o;
}

static json_t *goals_json(struct exp *x, int64_t parent_id, int depth);

static json_t *goal_json(struct exp *x, const struct rt_goal *g, int depth)
{
	json_t *o = json_object();
	put_str(x, o, "key", goal_key(x, g->id));
	put_str(x, o, "kind", rt_goal_kind_name(g->kind));
	put_str(x, o, "code", g->code);
	put_str(x, o, "title", g->title);
	put_str(x, o, "description", g->description);
	if (g->serves_goal_id)
		put_str(x, o, "serves", goal_key(x, g->serves_goal_id));
	put_true(o, "lifted", g->lifted);
	if (depth < 64)
		put_array(o, "children", goals_json(x, g->id, depth + 1));

	size_t lo, hi;
	json_t *arr = json_array();
	rows_range(&x->indicators, g->id, &lo, &hi);
	for (size_t k = lo; k < hi; k++)
		json_array_append_new(arr, indicator_json(x, x->indicators.items[k].obj));
	put_array(o, "indicators", arr);

	arr = json_array();
	rows_range(&x->activities, g->id, &lo, &hi);
	for (size_t k = lo; k < hi; k++)
		json_array_append_new(arr, activity_json(x, x->activities.items[k].obj));
	put_array(o, "activities", arr);

	arr = json_array();
	rows_range(&x->assessments, g->id, &lo, &hi);
	for (size_t k = lo; k < hi; k++) {
		const struct rt_assessment *a = x->assessments.items[k].obj;
		json_t *ao = json_object();
		put_str(x, ao, "period", period_key(x, a->period_id));
		put_str(x, ao, "status", rt_status_name(a->status));
		put_str(x, ao, "analysis", a->analysis);
		json_array_append_new(arr, ao);
	}
	put_array(o, "assessments", arr);
	return o;
}

static json_t *goals_json(struct exp *x, int64_t parent_id, int depth)
{
	size_t lo, hi;
	json_t *arr = json_array();
	rows_range(&x->goals, parent_id, &lo, &hi);
	for (size_t k = lo; k < hi; k++) {
		const struct rt_goal *g = x->goals.items[k].obj;
		if (g->id != parent_id)
			json_array_append_new(arr, goal_json(x, g, depth));
	}
	return arr;
}

/* Sorts every child list once; needs the periods sorted (their rank orders
 * outcomes and assessments) and the org units loaded (keys order breakdowns). */
static void build_groups(struct exp *x)
{
	const struct rt_plan_doc *d = x->doc;
	for (size_t i = 0; i < d->n_goals; i++)
		rows_add(x, &x->goals, d->goals[i].parent_id, d->goals[i].position, 0, NULL,
		         d->goals[i].id, &d->goals[i]);
	for (size_t i = 0; i < d->n_indicators; i++)
		rows_add(x, &x->indicators, d->indicators[i].goal_id, d->indicators[i].position, 0,
		         NULL, d->indicators[i].id, &d->indicators[i]);
	for (size_t i = 0; i < d->n_activities; i++)
		rows_add(x, &x->activities, d->activities[i].goal_id, d->activities[i].position, 0,
		         NULL, d->activities[i].id, &d->activities[i]);
	for (size_t i = 0; i < d->n_assessments; i++)
		rows_add(x, &x->assessments, d->assessments[i].goal_id,
		         period_rank(x, d->assessments[i].period_id), 0, NULL,
		         d->assessments[i].id, &d->assessments[i]);
	for (size_t i = 0; i < d->n_targets; i++) {
		const struct rt_target *t = &d->targets[i];
		rows_add(x, &x->targets, t->indicator_id, t->year, (int)t->gender,
		         t->org_unit_id ? org_key(x, t->org_unit_id) : NULL, t->id, t);
	}
	for (size_t i = 0; i < d->n_baselines; i++) {
		const struct rt_baseline *b = &d->baselines[i];
		rows_add(x, &x->baselines, b->indicator_id, b->year, (int)b->gender,
		         b->org_unit_id ? org_key(x, b->org_unit_id) : NULL, b->id, b);
	}
	for (size_t i = 0; i < d->n_outcomes; i++) {
		const struct rt_outcome *oc = &d->outcomes[i];
		rows_add(x, &x->outcomes, oc->indicator_id, period_rank(x, oc->period_id),
		         (int)oc->gender, oc->org_unit_id ? org_key(x, oc->org_unit_id) : NULL,
		         oc->id, oc);
	}
	rows_sort(&x->goals);
	rows_sort(&x->indicators);
	rows_sort(&x->activities);
	rows_sort(&x->assessments);
	rows_sort(&x->targets);
	rows_sort(&x->baselines);
	rows_sort(&x->outcomes);
}

/* ---- the plan -------------------------------------------------------- */

/* mnkr as printed; exact when the amount is not whole hundreds of tkr,
 * where rt_mnkr_format's one decimal would lose money. */
static const char *mnkr_text(struct exp *x, int64_t tkr)
{
	rt_buf b = RT_BUF_INIT;
	if (tkr % 100 == 0) {
		rt_mnkr_format(&b, tkr);
	} else {
		unsigned long long a = tkr < 0 ? (unsigned long long)(-(tkr + 1)) + 1
		                               : (unsigned long long)tkr;
		char frac[4];
		snprintf(frac, sizeof(frac), "%03llu", a % 1000);
		for (int i = 2; i > 0 && frac[i] == '0'; i--)
			frac[i] = '\0';
		rt_buf_addf(&b, "%s%llu,%s", tkr < 0 ? "-" : "", a / 1000, frac);
	}
	const char *s = rt_arena_strdup(&x->arena, b.buf);
	rt_buf_release(&b);
	return s;
}

static json_t *plan_json(struct exp *x)
{
	const struct rt_plan_doc *d = x->doc;
	const struct rt_plan *p = &d->plan;
	json_t *o = json_object();
	put_str(x, o, "key", plan_key(x, p->id));
	put_str(x, o, "kind", rt_plan_kind_name(p->kind));
	put_str(x, o, "owner", org_key(x, p->owner_org_id));
	if (p->parent_plan_id)
		put_str(x, o, "parent_plan", plan_key(x, p->parent_plan_id));
	put_str(x, o, "title", p->title);
	put_int(o, "start_year", p->start_year);
	put_int(o, "end_year", p->end_year);
	put_str(x, o, "case_number", p->case_number);
	put_int(o, "version", p->version);
	put_str(x, o, "status", rt_plan_status_name(p->status));
	put_str(x, o, "decision_body", p->decision_body);
	put_str(x, o, "introduction", p->introduction);

	struct rows r = { 0 };
	for (size_t i = 0; i < d->n_changes; i++)
		rows_add(x, &r, 0, d->changes[i].version, 0, NULL, d->changes[i].id, &d->changes[i]);
	rows_sort(&r);
	json_t *arr = json_array();
	for (size_t k = 0; k < r.n; k++) {
		const struct rt_plan_change *c = r.items[k].obj;
		json_t *co = json_object();
		put_int(co, "version", c->version);
		put_str(x, co, "date", c->date);
		put_str(x, co, "change", c->change);
		put_str_or_empty(x, co, "decided_by", c->decided_by);
		json_array_append_new(arr, co);
	}
	put_array(o, "changelog", arr);
	put_array(o, "goals", goals_json(x, 0, 0));

	r = (struct rows){ 0 };
	for (size_t i = 0; i < d->n_budget; i++)
		rows_add(x, &r, 0, d->budget[i].position, 0, NULL, d->budget[i].id, &d->budget[i]);
	rows_sort(&r);
	arr = json_array();
	for (size_t k = 0; k < r.n; k++) {
		const struct rt_budget_line *l = r.items[k].obj;
		json_t *bo = json_object();
		put_str(x, bo, "kind", rt_budget_kind_name(l->kind));
		put_str(x, bo, "category", rt_budget_category_name(l->category));
		put_str(x, bo, "label", l->label);
		if (l->org_unit_id)
			put_str(x, bo, "org", org_key(x, l->org_unit_id));
		put_int(bo, "year", l->year);
		put_str(x, bo, "mnkr", mnkr_text(x, l->amount_tkr));
		json_array_append_new(arr, bo);
	}
	put_array(o, "budget", arr);
	return o;
}

int rt_export_plan_json(rt_store *s, int64_t plan_id, rt_buf *out, rt_err *err)
{
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	int rc = rt_store_plan_load(s, plan_id, &doc, err);
	if (rc) {
		rt_plan_doc_release(&doc);
		return rc;
	}
	struct exp x;
	memset(&x, 0, sizeof(x));
	x.s = s;
	x.doc = &doc;
	x.err = err;
	if ((rc = rt_store_org_list(s, &x.arena, &x.orgs, &x.n_orgs, err)) == 0) {
		json_t *root = json_object();
		json_object_set_new(root, "format", json_string("rodtrad-plans/1"));
		put_array(root, "org_units", orgs_json(&x));
		put_array(root, "periods", periods_json(&x));
		build_groups(&x);
		json_t *plans = json_array();
		json_array_append_new(plans, plan_json(&x));
		json_object_set_new(root, "plans", plans);
		if (x.rc) {
			rc = x.rc;
		} else if (x.bad) {
			rc = rt_err_set(err, RT_EINTERNAL, x.bad, "Planen '%s' innehåller text som inte "
			                "är giltig UTF-8 (fältet %s)", doc.plan.title, x.bad);
		} else {
			char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			if (!text) {
				rc = rt_err_set(err, RT_EINTERNAL, "", "Kunde inte skriva JSON för "
				                "planen '%s'", doc.plan.title);
			} else {
				rt_buf_addstr(out, text);
				rt_buf_addch(out, '\n');
				free(text);
			}
		}
		json_decref(root);
	}
	rt_arena_release(&x.arena);
	rt_plan_doc_release(&doc);
	return rc;
}
