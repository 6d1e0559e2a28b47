/* Builds the compiled follow-up report (report/followup.h) from the store:
 * picks the plans in scope for a period, walks each plan document once in
 * document order and applies the status rule (core/status.h) per indicator.
 * The only report code that reads the store; renderers only format the
 * model. Everything the model points at is copied into the report's arena,
 * so each plan document is released as soon as its section is built. */
#include "report/followup.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_report.h"
#include "util/alloc.h"
#include "util/text.h"

static const char *const month_names[] = {
	"januari", "februari", "mars", "april", "maj", "juni",
	"juli", "augusti", "september", "oktober", "november", "december",
};

/* "per april 2021" (tertial 1), "per augusti 2021", "helår 2021" (tertial 3
 * and year), "per maj 2024" / "per december 2024" (handlingsplaner, half
 * years), "per mars 2024" (months): the words the seeds put in titles. */
static char *period_label(rt_arena *a, const struct rt_period *p)
{
	switch (p->kind) {
	case RT_PERIOD_TERTIAL:
		if (p->number == 1) return rt_arena_sprintf(a, "per april %d", p->year);
		if (p->number == 2) return rt_arena_sprintf(a, "per augusti %d", p->year);
		return rt_arena_sprintf(a, "helår %d", p->year);
	case RT_PERIOD_HALF_YEAR:
		return rt_arena_sprintf(a, "per %s %d", p->number == 1 ? "maj" : "december", p->year);
	case RT_PERIOD_MONTH:
		if (p->number >= 1 && p->number <= 12)
			return rt_arena_sprintf(a, "per %s %d", month_names[p->number - 1], p->year);
		break;
	case RT_PERIOD_YEAR:
		break;
	}
	return rt_arena_sprintf(a, "helår %d", p->year);
}

/* Report texts are NULL when empty (followup.h). */
static const char *text_or_null(rt_arena *a, const char *s)
{
	return rt_str_blank(s) ? NULL : rt_arena_strdup(a, s);
}

/* ---- finding the period, the scope and the plans ------------------------- */

static int find_period(rt_store *s, rt_arena *a, const char *key, struct rt_period *out,
                       rt_err *err)
{
	struct rt_period *list = NULL;
	size_t n = 0;
	int rc = rt_store_period_list(s, a, &list, &n, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (key && list[i].key && !strcmp(list[i].key, key)) {
			*out = list[i];
			return 0;
		}
	return rt_err_set(err, RT_ENOTFOUND, NULL, "Perioden '%s' finns inte", key ? key : "");
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static const struct rt_org_unit *org_by_id(const struct rt_org_unit *units, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (units[i].id == id)
			return &units[i];
	return NULL;
}

static int resolve_scope(rt_store *s, const struct rt_org_unit *units, size_t n,
                         const char *scope, int64_t *id, rt_err *err)
{
	*id = 0;
	if (!scope)
		return 0;
	if (all_digits(scope)) {
		int64_t v = strtoll(scope, NULL, 10);
		if (org_by_id(units, n, v)) {
			*id = v;
			return 0;
		}
	}
	rt_err tmp = RT_ERR_INIT;
	if (rt_store_find_key(s, "org_unit", scope, id, &tmp) == 0 && org_by_id(units, n, *id))
		return 0;
	if (tmp.code != 0 && tmp.code != RT_ENOTFOUND)
		return rt_err_set(err, tmp.code, tmp.field, "%s", tmp.msg);
	*id = 0;
	return rt_err_set(err, RT_ENOTFOUND, NULL, "Organisationsenheten '%s' finns inte", scope);
}

/* Is `id` the unit `top` or below it? The walk is bounded so a broken
 * (cyclic) tree cannot hang a report. */
static bool org_within(const struct rt_org_unit *units, size_t n, int64_t id, int64_t top)
{
	for (size_t steps = 0; id != 0 && steps <= n; steps++) {
		if (id == top)
			return true;
		const struct rt_org_unit *u = org_by_id(units, n, id);
		if (!u)
			return false;
		id = u->parent_id;
	}
	return false;
}

/* The region a unit belongs to: the nearest ancestor of kind region, else
 * the root of its tree. */
static const struct rt_org_unit *org_region(const struct rt_org_unit *units, size_t n, int64_t id)
{
	const struct rt_org_unit *last = NULL;
	for (size_t steps = 0; id != 0 && steps <= n; steps++) {
		const struct rt_org_unit *u = org_by_id(units, n, id);
		if (!u)
			break;
		if (u->kind == RT_ORG_REGION)
			return u;
		last = u;
		id = u->parent_id;
	}
	return last;
}

struct candidate {
	const struct rt_plan *plan;
	const char *region;
	int level;
};

/* Sections come by region, then the plan's rank in the cascade, then title. */
static int candidate_cmp(const void *pa, const void *pb)
{
	const struct candidate *a = pa, *b = pb;
	int c = strcmp(a->region, b->region);
	if (c) return c;
	if (a->level != b->level) return a->level < b->level ? -1 : 1;
	c = strcmp(a->plan->title ? a->plan->title : "", b->plan->title ? b->plan->title : "");
	if (c) return c;
	return a->plan->id < b->plan->id ? -1 : a->plan->id > b->plan->id;
}

/* ---- per-plan lookups ---------------------------------------------------- */

/* The document's child arrays are sorted by their parent's document order
 * (store.h, rt_store_plan_load_followup), so the rows of one parent are
 * contiguous and successive parents follow each other: a cursor finds them
 * in O(1), with a linear search as fallback should a document come unsorted. */
struct range { size_t begin, end; };

#define RANGE_OF(arr, n, field, id, cursor)                                           \
	range_of((const char *)(arr), (n), sizeof(*(arr)),                             \
	         offsetof(__typeof__(*(arr)), field), (id), (cursor))

static int64_t id_at(const char *base, size_t size, size_t off, size_t i)
{
	int64_t v;
	memcpy(&v, base + i * size + off, sizeof(v));
	return v;
}

static struct range range_of(const char *base, size_t n, size_t size, size_t off, int64_t id,
                             size_t *cursor)
{
	struct range r = { 0, 0 };
	size_t i = *cursor;
	if (i >= n || id_at(base, size, off, i) != id)
		for (i = 0; i < n && id_at(base, size, off, i) != id; i++)
			;
	if (i >= n)
		return r;
	r.begin = i;
	while (i < n && id_at(base, size, off, i) == id)
		i++;
	r.end = i;
	*cursor = i;
	return r;
}

static const struct rt_period *doc_period(const struct rt_plan_doc *d, int64_t id)
{
	return rt_doc_period(d, id);
}

/* Rows for the whole scope: gender total, no org unit. */
#define WHOLE_SCOPE(x) ((x)->gender == RT_GENDER_TOTAL && (x)->org_unit_id == 0)

static const struct rt_target *target_for(const struct rt_plan_doc *d, struct range r, int year)
{
	for (size_t i = r.begin; i < r.end; i++)
		if (d->targets[i].year == year && WHOLE_SCOPE(&d->targets[i]))
			return &d->targets[i];
	return NULL;
}

static const struct rt_baseline *baseline_for(const struct rt_plan_doc *d, struct range r, int year)
{
	for (size_t i = r.begin; i < r.end; i++)
		if (d->baselines[i].year == year && d->baselines[i].has_value &&
		    WHOLE_SCOPE(&d->baselines[i]))
			return &d->baselines[i];
	return NULL;
}

/* Is period q before period p? Tertials are cumulative from January, so
 * they are ordered by their end date first. */
static bool period_before(const struct rt_period *q, const struct rt_period *p)
{
	int c = strcmp(q->end_date ? q->end_date : "", p->end_date ? p->end_date : "");
	if (c) return c < 0;
	return strcmp(q->start_date ? q->start_date : "", p->start_date ? p->start_date : "") > 0;
}

/* The reference value of "Bibehålla/öka": the latest earlier outcome, else
 * the latest baseline before the period's year. */
static bool maintain_base(const struct rt_plan_doc *d, const struct rt_report_point *pts,
                          struct range outs, struct range bases,
                          const struct rt_period *period, double *base)
{
	const struct rt_period *best = NULL;
	for (size_t i = outs.begin; i < outs.end; i++) {
		const struct rt_period *q = doc_period(d, pts[i].period_id);
		if (!q || !period_before(q, period))
			continue;
		if (!best || period_before(best, q)) {
			best = q;
			*base = pts[i].value;
		}
	}
	if (best)
		return true;
	int year = 0;
	for (size_t i = bases.begin; i < bases.end; i++) {
		const struct rt_baseline *b = &d->baselines[i];
		if (b->has_value && WHOLE_SCOPE(b) && b->year < period->year && b->year > year) {
			year = b->year;
			*base = b->value;
		}
	}
	return year != 0;
}

static bool numeric_target(const struct rt_target_spec *t)
{
	switch (t->cmp) {
	case RT_CMP_REACH: case RT_CMP_LT: case RT_CMP_LE:
	case RT_CMP_GT: case RT_CMP_GE: case RT_CMP_EQ:
		return t->has_value;
	default:
		return false;
	}
}

/* ---- building one section ------------------------------------------------ */

struct builder {
	rt_arena *a;                /* where the section goes */
	const struct rt_plan_doc *d;
	const struct rt_period *period;
	size_t cur_ind, cur_tgt, cur_base, cur_out, cur_act, cur_asm;
	size_t cur_act_state;
	/* the earlier periods' whole-scope numbers (store_report.h), in the
	 * outcomes' order */
	const struct rt_report_point *pts;
	size_t n_pts, cur_pt;
	struct range *pt_ranges;    /* per indicator of the document; NULL: look up */
	const char **period_keys;   /* doc->periods' keys in the section's arena, made on
	                             * first use: the trend labels point at them (a
	                             * region has ~140 000 labels of a dozen keys) */
	double default_tolerance;   /* the region's, for indicators without their own; < 0 = 10 % */
};

/* The trend: the earlier periods' numbers and the period's own, in the
 * periods' order (start, end: doc->periods), as the outcomes come. */
static void build_trend(struct builder *b, struct rt_report_indicator *ri, struct range pts,
                        const struct rt_outcome *out, struct range tr,
                        const struct rt_target *target)
{
	const struct rt_plan_doc *d = b->d;
	const struct rt_period *self = out && out->value.has_value ? doc_period(d, b->period->id)
	                                                           : NULL;
	size_t n = self ? 1 : 0;
	for (size_t i = pts.begin; i < pts.end; i++) {
		const struct rt_period *q = doc_period(d, b->pts[i].period_id);
		if (q && period_before(q, b->period))
			n++;
	}
	if (n == 0)
		return;
	rt_arena *a = b->a;
	const char **labels = rt_arena_alloc(a, n * sizeof(*labels));
	double *values = rt_arena_alloc(a, n * sizeof(*values));
	double *targets = rt_arena_alloc(a, n * sizeof(*targets));
	size_t k = 0, i = pts.begin;
	while (i < pts.end || self) {
		const struct rt_period *q = NULL;
		if (i < pts.end) {
			q = doc_period(d, b->pts[i].period_id);
			if (!q || !period_before(q, b->period)) {
				i++;
				continue;
			}
		}
		/* the period's own number before the first point after it (a
		 * period's place is its place in doc->periods) */
		bool own = self && (!q || q > self);
		const struct rt_period *at = own ? self : q;
		values[k] = own ? out->value.value : b->pts[i].value;
		if (own)
			self = NULL;
		else
			i++;
		const struct rt_target *t = at->year == b->period->year ? target
		                                                        : target_for(d, tr, at->year);
		size_t place = (size_t)(at - d->periods);
		if (!b->period_keys[place])
			b->period_keys[place] = rt_arena_strdup(a, at->key);
		labels[k] = b->period_keys[place];
		targets[k] = t && numeric_target(&t->spec) ? t->spec.value : NAN;
		k++;
	}
	ri->n_trend = k;
	ri->trend_labels = labels;
	ri->trend_values = values;
	ri->trend_targets = targets;
}

static void build_indicator(struct builder *b, size_t ind_at, const struct rt_indicator *ind,
                            struct rt_report_indicator *ri)
{
	const struct rt_plan_doc *d = b->d;
	rt_arena *a = b->a;
	struct range tr = RANGE_OF(d->targets, d->n_targets, indicator_id, ind->id, &b->cur_tgt);
	struct range br = RANGE_OF(d->baselines, d->n_baselines, indicator_id, ind->id, &b->cur_base);
	struct range orr = RANGE_OF(d->outcomes, d->n_outcomes, indicator_id, ind->id, &b->cur_out);
	struct range pr = b->pt_ranges ? b->pt_ranges[ind_at]
	                               : RANGE_OF(b->pts, b->n_pts, indicator_id, ind->id, &b->cur_pt);

	const struct rt_target *target = target_for(d, tr, b->period->year);
	const struct rt_outcome *out = NULL;
	for (size_t i = orr.begin; i < orr.end; i++)
		if (d->outcomes[i].period_id == b->period->id && WHOLE_SCOPE(&d->outcomes[i]))
			out = &d->outcomes[i];

	ri->name = text_or_null(a, ind->name);
	ri->unit = text_or_null(a, ind->unit);
	ri->outcome_text = out ? text_or_null(a, out->text) : NULL;
	ri->has_value = out && out->value.has_value;
	ri->value = ri->has_value ? out->value.value : 0;
	ri->target_text = target ? text_or_null(a, target->text) : NULL;
	ri->has_target_value = target && numeric_target(&target->spec);
	ri->target_value = ri->has_target_value ? target->spec.value : 0;
	ri->comment = out ? text_or_null(a, out->comment) : NULL;

	struct rt_status_input in = {
		.indicator = ind,
		.target = target ? &target->spec : NULL,
		.value = out ? &out->value : NULL,
		.period_kind = b->period->kind,
		.period_number = b->period->number,
		.tolerance = ind->has_tolerance ? ind->tolerance : b->default_tolerance,
	};
	if (target && target->spec.cmp == RT_CMP_MAINTAIN_OR_INCREASE) {
		in.has_base = maintain_base(d, b->pts, pr, br, b->period, &in.base);
	} else if (target && target->spec.cmp == RT_CMP_RELATIVE) {
		const struct rt_baseline *bl = baseline_for(d, br, target->spec.base_year);
		in.has_base = bl != NULL;
		in.base = bl ? bl->value : 0;
	}
	ri->computed = rt_status_compute(&in);
	/* "none" in the store means no one chose a status (store schema:
	 * status defaults to 'none'); then the rule's status is shown. A status
	 * the rule computed at entry (computed_status set, no override reason)
	 * is not a choice either: the rule runs again, so a changed target or
	 * tolerance shows. Imported rows (never computed) keep the region's. */
	ri->status_recorded = out && out->status != RT_STATUS_NONE &&
	                      (out->override_reason || out->computed_status == RT_STATUS_NONE);
	ri->status = ri->status_recorded ? out->status : ri->computed.status;
	ri->override_reason = out ? text_or_null(a, out->override_reason) : NULL;
	build_trend(b, ri, pr, out, tr, target);
}

/* Aktiviteternas uppföljning: "Pågår: kommentar" for the period (rodtrad
 * activity status), NULL when no state is set. In the Kommentar column, so
 * every format shows it. */
static const char *activity_comment(struct builder *b, const struct rt_activity *act)
{
	const struct rt_plan_doc *d = b->d;
	struct range r = RANGE_OF(d->activity_statuses, d->n_activity_statuses, activity_id,
	                          act->id, &b->cur_act_state);
	for (size_t i = r.begin; i < r.end; i++) {
		const struct rt_activity_status *st = &d->activity_statuses[i];
		if (st->period_id != b->period->id)
			continue;
		const char *label = rt_activity_state_label(st->state);
		if (rt_str_blank(st->comment))
			return rt_arena_strdup(b->a, label);
		return rt_arena_sprintf(b->a, "%s: %s", label, st->comment);
	}
	return NULL;
}

static void build_goal(struct builder *b, const struct rt_goal *g, int depth,
                       struct rt_report_goal *rg, struct rt_report_section *sec)
{
	const struct rt_plan_doc *d = b->d;
	rt_arena *a = b->a;
	rg->depth = depth;
	rg->kind = g->kind;
	rg->title = text_or_null(a, g->title);
	rg->status = RT_STATUS_NONE;

	struct range ar = RANGE_OF(d->assessments, d->n_assessments, goal_id, g->id, &b->cur_asm);
	for (size_t i = ar.begin; i < ar.end; i++)
		if (d->assessments[i].period_id == b->period->id) {
			rg->has_assessment = true;
			rg->status = d->assessments[i].status;
			rg->analysis = text_or_null(a, d->assessments[i].analysis);
		}

	struct range ir = RANGE_OF(d->indicators, d->n_indicators, goal_id, g->id, &b->cur_ind);
	rg->n_indicators = ir.end - ir.begin;
	if (rg->n_indicators)
		rg->indicators = rt_arena_alloc(a, rg->n_indicators * sizeof(*rg->indicators));
	for (size_t i = ir.begin; i < ir.end; i++) {
		struct rt_report_indicator *ri = &rg->indicators[i - ir.begin];
		build_indicator(b, i, &d->indicators[i], ri);
		if ((int)ri->status >= 0 && (int)ri->status < 4)
			sec->status_counts[ri->status]++;
	}

	struct range acr = RANGE_OF(d->activities, d->n_activities, goal_id, g->id, &b->cur_act);
	rg->n_activities = acr.end - acr.begin;
	if (rg->n_activities)
		rg->activities = rt_arena_alloc(a, rg->n_activities * sizeof(*rg->activities));
	for (size_t i = acr.begin; i < acr.end; i++) {
		const struct rt_activity *act = &d->activities[i];
		struct rt_report_activity *ra = &rg->activities[i - acr.begin];
		ra->title = text_or_null(a, act->title);
		ra->description = text_or_null(a, act->description);
		ra->start_date = text_or_null(a, act->start_date);
		ra->end_date = text_or_null(a, act->end_date);
		ra->comment = activity_comment(b, act);
	}
}

static bool has_followup(const struct rt_plan_doc *d, int64_t period_id)
{
	for (size_t i = 0; i < d->n_outcomes; i++)
		if (d->outcomes[i].period_id == period_id)
			return true;
	for (size_t i = 0; i < d->n_assessments; i++)
		if (d->assessments[i].period_id == period_id)
			return true;
	return false;
}

/* Each indicator's points, in one pass: the points come in the
 * indicators' order, so a range_of per indicator would search all of them
 * for every indicator that has none (qualitative ones). NULL when the
 * points are in another order (range_of then). */
static struct range *point_ranges(const struct rt_plan_doc *d, const struct rt_report_points *pts)
{
	struct range *r = rt_xmalloc((d->n_indicators ? d->n_indicators : 1) * sizeof(*r));
	size_t at = 0;
	for (size_t i = 0; i < d->n_indicators; i++) {
		r[i].begin = at;
		while (at < pts->n && pts->items[at].indicator_id == d->indicators[i].id)
			at++;
		r[i].end = at;
	}
	if (at != pts->n) {
		free(r);
		return NULL;
	}
	return r;
}

static void build_section(rt_arena *a, const struct rt_plan_doc *d,
                          const struct rt_report_points *pts, const struct rt_period *period,
                          const char *region, double default_tolerance,
                          struct rt_report_section *sec)
{
	struct builder b = { .a = a, .d = d, .period = period,
	                     .default_tolerance = default_tolerance,
	                     .pts = pts->items, .n_pts = pts->n };
	b.pt_ranges = point_ranges(d, pts);
	b.period_keys = rt_xcalloc(d->n_periods ? d->n_periods : 1, sizeof(*b.period_keys));
	sec->org_name = text_or_null(a, d->owner.name);
	sec->region_name = text_or_null(a, region);
	sec->plan_title = text_or_null(a, d->plan.title);
	sec->n_goals = d->n_goals;
	if (d->n_goals)
		sec->goals = rt_arena_alloc(a, d->n_goals * sizeof(*sec->goals));
	/* Goals come in depth-first pre-order, so the ancestors of a goal are
	 * exactly the stack of goals still open when it is reached. */
	int64_t *stack = rt_xmalloc((d->n_goals + 1) * sizeof(*stack));
	size_t top = 0;
	for (size_t i = 0; i < d->n_goals; i++) {
		const struct rt_goal *g = &d->goals[i];
		while (top > 0 && stack[top - 1] != g->parent_id)
			top--;
		int depth = (int)top;
		stack[top++] = g->id;
		build_goal(&b, g, depth, &sec->goals[i], sec);
	}
	free(stack);
	free(b.pt_ranges);
	free(b.period_keys);
}

/* ---- the report ---------------------------------------------------------- */

/* The plans of the report read and built by one thread: candidates first,
 * first + step, … into slots[i] (has[i]: the plan has follow-up in the
 * period), on its own connection and arena. */
struct part {
	rt_store *s;
	rt_arena *a;
	const struct candidate *cand;
	size_t n_cand, first, step;
	const struct rt_period *period;
	struct rt_report_section *slots;
	bool *has;
	rt_err err;
	int rc;
	size_t failed_at;           /* the candidate rc is about */
};

/* A whole document's earlier whole-scope numbers as points (what
 * rt_store_plans_load_followup gives beside the documents). */
static struct rt_report_points earlier_points(const struct rt_plan_doc *d, int64_t period_id)
{
	struct rt_report_points pts = { rt_xmalloc((d->n_outcomes ? d->n_outcomes : 1) *
	                                           sizeof(*pts.items)), 0 };
	for (size_t i = 0; i < d->n_outcomes; i++) {
		const struct rt_outcome *o = &d->outcomes[i];
		if (o->period_id != period_id && o->value.has_value && WHOLE_SCOPE(o))
			pts.items[pts.n++] = (struct rt_report_point){ o->indicator_id, o->period_id,
			                                               o->value.value };
	}
	return pts;
}

static void build_part(struct part *p)
{
	for (size_t i = p->first; i < p->n_cand && p->rc == 0; i += p->step) {
		struct rt_plan_doc d;
		rt_plan_doc_init(&d);
		p->rc = rt_store_plan_load_followup(p->s, p->cand[i].plan->id, p->period, &d, &p->err);
		/* the region-wide default tolerance (rodtrad outcome tolerance) */
		double tol = -1;
		bool tol_found;
		if (p->rc == 0)
			p->rc = rt_store_default_tolerance(p->s, d.plan.owner_org_id, &tol, &tol_found,
			                                   &p->err);
		if (p->rc == 0 && has_followup(&d, p->period->id)) {
			struct rt_report_points pts = earlier_points(&d, p->period->id);
			build_section(p->a, &d, &pts, p->period, p->cand[i].region, tol, &p->slots[i]);
			free(pts.items);
			p->has[i] = true;
		}
		p->failed_at = i;
		rt_plan_doc_release(&d);
	}
}

static void *build_part_thread(void *arg)
{
	build_part(arg);
	return NULL;
}

/* Sections built from documents already read: every other one by a second
 * thread into its own arena (the slots are by index, so the report is the
 * same as one thread's). */
struct section_part {
	rt_arena *a;
	const struct rt_report_docs *docs;
	const struct candidate *cand;
	const double *tol;
	const struct rt_period *period;
	struct rt_report_section *slots;
	bool *has;
	size_t first, step;
};

static void build_sections(struct section_part *p)
{
	for (size_t i = p->first; i < p->docs->n; i += p->step) {
		const struct rt_plan_doc *d = &p->docs->docs[i];
		if (!has_followup(d, p->period->id))
			continue;
		build_section(p->a, d, &p->docs->points[i], p->period, p->cand[i].region, p->tol[i],
		              &p->slots[i]);
		p->has[i] = true;
	}
}

static void *build_sections_thread(void *arg)
{
	build_sections(arg);
	return NULL;
}

/* The plans read together, one query per table for all of them
 * (store_report.h), and built in candidate order into slots; with `db`, a
 * second connection and thread read part of the outcomes, and a second
 * thread builds every other section into a2. */
static int build_together(rt_store *s, const char *db, rt_arena *a, rt_arena *a2,
                          const struct candidate *cand, size_t n_cand,
                          const struct rt_period *period, struct rt_report_section *slots,
                          bool *has, rt_err *err)
{
	int64_t *ids = rt_xmalloc(n_cand * sizeof(*ids));
	for (size_t i = 0; i < n_cand; i++)
		ids[i] = cand[i].plan->id;
	rt_store *s2 = NULL;
	rt_err ignored = RT_ERR_INIT;
	if (db && rt_store_open(&s2, db, RT_STORE_OPEN_EXISTING, &ignored) != 0)
		s2 = NULL;              /* e.g. an in-memory database: one thread then */
	struct rt_report_docs docs;
	int rc = rt_store_plans_load_followup(s, s2, ids, n_cand, period, &docs, err);
	if (s2)
		rt_store_close(s2);
	free(ids);
	if (rc)
		return rc;
	/* the region-wide default tolerance (rodtrad outcome tolerance) per
	 * plan, from the store, before any thread builds */
	double *tol = rt_xmalloc(n_cand * sizeof(*tol));
	for (size_t i = 0; i < n_cand && rc == 0; i++) {
		bool tol_found;
		tol[i] = -1;
		rc = rt_store_default_tolerance(s, docs.docs[i].plan.owner_org_id, &tol[i], &tol_found,
		                                err);
	}
	if (rc == 0) {
		struct section_part parts[2] = {
			{ a, &docs, cand, tol, period, slots, has, 0, 1 },
			{ a2, &docs, cand, tol, period, slots, has, 1, 2 },
		};
		pthread_t thread;
		bool threaded = db && n_cand >= 2 &&
		                pthread_create(&thread, NULL, build_sections_thread, &parts[1]) == 0;
		if (threaded)
			parts[0].step = 2;
		build_sections(&parts[0]);
		if (threaded)
			pthread_join(thread, NULL);
	}
	free(tol);
	rt_report_docs_release(&docs);
	return rc;
}

/* The plans read one by one; with `db`, every other plan by a second
 * thread on its own connection into out->arena2. The sections are put in
 * candidate order afterwards, so the report is the same as one thread's. */
static int build_apart(rt_store *s, const char *db, struct rt_followup_report *out,
                       const struct candidate *cand, size_t n_cand,
                       const struct rt_period *period, struct rt_report_section *slots,
                       bool *has, rt_err *err)
{
	rt_store *s2 = NULL;
	rt_err ignored = RT_ERR_INIT;
	if (db && n_cand >= 2 && rt_store_open(&s2, db, RT_STORE_OPEN_EXISTING, &ignored) != 0)
		s2 = NULL;              /* e.g. an in-memory database: one thread then */
	struct part parts[2] = {
		{ s, &out->arena, cand, n_cand, 0, s2 ? 2 : 1, period, slots, has, RT_ERR_INIT, 0, 0 },
		{ s2, &out->arena2, cand, n_cand, 1, 2, period, slots, has, RT_ERR_INIT, 0, 0 },
	};
	pthread_t thread;
	bool threaded = s2 && pthread_create(&thread, NULL, build_part_thread, &parts[1]) == 0;
	if (s2 && !threaded)
		parts[0].step = 1;
	build_part(&parts[0]);
	if (threaded)
		pthread_join(thread, NULL);
	if (s2)
		rt_store_close(s2);
	/* the first failure in candidate order, as one thread would report it */
	const struct part *failed = NULL;
	for (size_t k = 0; k < 2; k++)
		if (parts[k].rc && (!failed || parts[k].failed_at < failed->failed_at))
			failed = &parts[k];
	if (!failed)
		return 0;
	if (err)
		*err = failed->err;
	return failed->rc;
}

/* db: a second connection's database for a second thread; NULL = one. */
static int build(rt_store *s, const char *db, const char *period_key, const char *scope,
                 struct rt_followup_report *out, rt_err *err)
{
	memset(out, 0, sizeof(*out));
	rt_arena tmp = RT_ARENA_INIT;
	struct rt_period period;
	struct rt_org_unit *units = NULL;
	struct rt_plan *plans = NULL;
	size_t n_units = 0, n_plans = 0;
	int64_t scope_id = 0;
	int rc;
	if ((rc = find_period(s, &tmp, period_key, &period, err)) != 0 ||
	    (rc = rt_store_org_list(s, &tmp, &units, &n_units, err)) != 0 ||
	    (rc = resolve_scope(s, units, n_units, scope, &scope_id, err)) != 0 ||
	    (rc = rt_store_plan_list(s, &tmp, &plans, &n_plans, err)) != 0) {
		rt_arena_release(&tmp);
		return rc;
	}

	struct candidate *cand = rt_xcalloc(n_plans ? n_plans : 1, sizeof(*cand));
	size_t n_cand = 0;
	for (size_t i = 0; i < n_plans; i++) {
		const struct rt_plan *p = &plans[i];
		if (p->start_year > period.year || p->end_year < period.year)
			continue;
		if (scope && !org_within(units, n_units, p->owner_org_id, scope_id))
			continue;
		const struct rt_org_unit *owner = org_by_id(units, n_units, p->owner_org_id);
		const struct rt_org_unit *region = org_region(units, n_units, p->owner_org_id);
		cand[n_cand].plan = p;
		cand[n_cand].region = region && region->name ? region->name : "";
		cand[n_cand].level = rt_plan_level(p->kind, owner ? owner->kind : RT_ORG_UNIT);
		n_cand++;
	}
	qsort(cand, n_cand, sizeof(*cand), candidate_cmp);

	rt_arena *a = &out->arena;
	out->period_key = rt_arena_strdup(a, period.key);
	out->period_label = period_label(a, &period);
	out->title = rt_arena_sprintf(a, "Sammanställd måluppfyllelse %s", out->period_label);

	struct rt_report_section *slots = rt_xcalloc(n_cand ? n_cand : 1, sizeof(*slots));
	bool *has = rt_xcalloc(n_cand ? n_cand : 1, sizeof(*has));
	/* Most of the database's plans (a whole region): every table read
	 * once for all of them. A few plans (one board): per plan, through
	 * the indexes, as a whole-table read would mostly drop rows. */
	if (n_cand >= 2 && 2 * n_cand >= n_plans)
		rc = build_together(s, db, a, &out->arena2, cand, n_cand, &period, slots, has, err);
	else
		rc = build_apart(s, db, out, cand, n_cand, &period, slots, has, err);

	if (rc == 0 && n_cand)
		out->sections = rt_arena_alloc(a, n_cand * sizeof(*out->sections));
	for (size_t i = 0; i < n_cand && rc == 0; i++)
		if (has[i])
			out->sections[out->n_sections++] = slots[i];
	free(has);
	free(slots);
	free(cand);
	rt_arena_release(&tmp);
	if (rc)
		rt_followup_report_release(out);
	return rc;
}

int rt_followup_report_build(rt_store *s, const char *period_key, const char *scope,
                             struct rt_followup_report *out, rt_err *err)
{
	return build(s, NULL, period_key, scope, out, err);
}

int rt_followup_report_build2(rt_store *s, const char *db, const char *period_key,
                              const char *scope, struct rt_followup_report *out, rt_err *err)
{
	return build(s, db, period_key, scope, out, err);
}

void rt_followup_report_release(struct rt_followup_report *r)
{
	if (!r)
		return;
	rt_arena_release(&r->arena);
	rt_arena_release(&r->arena2);
	memset(r, 0, sizeof(*r));
}
