/* One row ⇄ one struct: for every table, its column list, how a struct is
 * bound to an INSERT/UPDATE and how a SELECT row is read back, gathered in
 * the rt_sql_entity descriptors that drive the generic put and read code.
 * The column order here is the only place that must agree with the
 * migrations (0001, and the columns 0002 appends). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/activity.h"
#include "core/budget.h"
#include "core/followup.h"
#include "core/goal.h"
#include "core/indicator.h"
#include "core/org.h"
#include "core/plan.h"
#include "store/sqlite_int.h"

static const char *col_peek(struct rt_col *c)
{
	return rt_db_col_text(c->st, c->i);
}

/* Reads an enum column through the core's parse function; a token the core
 * does not know marks the row bad (the caller reports which column). */
#define COL_ENUM(c, parse, dst, name)                                           \
	do {                                                                    \
		const char *t_ = col_peek(c);                                   \
		if (!t_ || parse(t_, &(dst), NULL) != 0) {                      \
			if (!(c)->bad)                                          \
				(c)->bad = (name);                              \
		}                                                               \
		(c)->i++;                                                       \
	} while (0)

/* The five parsed columns cmp, value, unit, base_year, qual. */
static void bind_spec(struct rt_bind *b, const struct rt_target_spec *sp)
{
	rt_bind_text(b, rt_sql_cmp_name(sp->cmp));
	rt_bind_double(b, sp->has_value, sp->value);
	rt_bind_text(b, sp->unit[0] ? sp->unit : NULL);
	rt_bind_id(b, sp->base_year);
	rt_bind_text(b, rt_sql_qual_name(sp->qual));
}

static void read_spec(struct rt_col *c, struct rt_target_spec *sp)
{
	memset(sp, 0, sizeof(*sp));
	if (rt_sql_cmp_parse(col_peek(c), &sp->cmp) != 0 && !c->bad)
		c->bad = "cmp";
	c->i++;
	sp->has_value = rt_col_double(c, &sp->value);
	const char *unit = col_peek(c);
	snprintf(sp->unit, sizeof(sp->unit), "%s", unit ? unit : "");
	c->i++;
	sp->base_year = (int)rt_col_id(c);
	if (rt_sql_qual_parse(col_peek(c), &sp->qual) != 0 && !c->bad)
		c->bad = "qual";
	c->i++;
}

/* ---- org_unit ----------------------------------------------------------- */

static void bind_org_unit(struct rt_bind *b, const void *obj)
{
	const struct rt_org_unit *u = obj;
	rt_bind_id(b, u->parent_id);
	rt_bind_text(b, rt_org_kind_name(u->kind));
	rt_bind_text(b, u->key);
	rt_bind_text(b, u->name);
	rt_bind_text(b, u->short_name);
}

static void read_org_unit(struct rt_col *c, void *obj)
{
	struct rt_org_unit *u = obj;
	u->id = rt_col_int(c);
	u->parent_id = rt_col_id(c);
	COL_ENUM(c, rt_org_kind_parse, u->kind, "kind");
	u->key = rt_col_text(c);
	u->name = rt_col_text(c);
	u->short_name = rt_col_text(c);
}

const struct rt_sql_entity rt_sql_org_unit = {
	"org_unit", "parent_id, kind, key, name, short_name", sizeof(struct rt_org_unit),
	offsetof(struct rt_org_unit, key), "ingen organisationsenhet", "Organisationsenheten",
	(const struct rt_sql_fk[]){
		{ "parent_id", offsetof(struct rt_org_unit, parent_id), &rt_sql_org_unit },
	}, 1,
	bind_org_unit, read_org_unit, rt_json_org_unit, NULL, NULL,
};

/* ---- plan --------------------------------------------------------------- */

static void bind_plan(struct rt_bind *b, const void *obj)
{
	const struct rt_plan *p = obj;
	rt_bind_text(b, p->key);
	rt_bind_text(b, rt_plan_kind_name(p->kind));
	rt_bind_id(b, p->owner_org_id);
	rt_bind_id(b, p->parent_plan_id);
	rt_bind_text(b, p->title);
	rt_bind_int(b, p->start_year);
	rt_bind_int(b, p->end_year);
	rt_bind_text(b, p->case_number);
	rt_bind_int(b, p->version);
	rt_bind_text(b, rt_plan_status_name(p->status));
	rt_bind_text(b, p->decision_body);
	rt_bind_text(b, p->introduction);
}

static void read_plan(struct rt_col *c, void *obj)
{
	struct rt_plan *p = obj;
	p->id = rt_col_int(c);
	p->key = rt_col_text(c);
	COL_ENUM(c, rt_plan_kind_parse, p->kind, "kind");
	p->owner_org_id = rt_col_id(c);
	p->parent_plan_id = rt_col_id(c);
	p->title = rt_col_text(c);
	p->start_year = (int)rt_col_int(c);
	p->end_year = (int)rt_col_int(c);
	p->case_number = rt_col_text(c);
	p->version = (int)rt_col_int(c);
	COL_ENUM(c, rt_plan_status_parse, p->status, "status");
	p->decision_body = rt_col_text(c);
	p->introduction = rt_col_text(c);
}

const struct rt_sql_entity rt_sql_plan = {
	"plan",
	"key, kind, owner_org_id, parent_plan_id, title, start_year, end_year, case_number, "
	"version, status, decision_body, introduction",
	sizeof(struct rt_plan), offsetof(struct rt_plan, key), "ingen plan", "Planen",
	(const struct rt_sql_fk[]){
		{ "owner_org_id", offsetof(struct rt_plan, owner_org_id), &rt_sql_org_unit },
		{ "parent_plan_id", offsetof(struct rt_plan, parent_plan_id), &rt_sql_plan },
	}, 2,
	bind_plan, read_plan, rt_json_plan, NULL, NULL,
};

/* ---- plan_change -------------------------------------------------------- */

static void bind_plan_change(struct rt_bind *b, const void *obj)
{
	const struct rt_plan_change *ch = obj;
	rt_bind_id(b, ch->plan_id);
	rt_bind_int(b, ch->version);
	rt_bind_text(b, ch->date);
	rt_bind_text(b, ch->change);
	rt_bind_text(b, ch->decided_by);
}

static void read_plan_change(struct rt_col *c, void *obj)
{
	struct rt_plan_change *ch = obj;
	ch->id = rt_col_int(c);
	ch->plan_id = rt_col_id(c);
	ch->version = (int)rt_col_int(c);
	ch->date = rt_col_text(c);
	ch->change = rt_col_text(c);
	ch->decided_by = rt_col_text(c);
}

const struct rt_sql_entity rt_sql_plan_change = {
	"plan_change", "plan_id, version, date, change, decided_by",
	sizeof(struct rt_plan_change), (size_t)-1, "ingen ändring", "Ändringen",
	(const struct rt_sql_fk[]){
		{ "plan_id", offsetof(struct rt_plan_change, plan_id), &rt_sql_plan },
	}, 1,
	bind_plan_change, read_plan_change, rt_json_plan_change, NULL, NULL,
};

/* ---- goal --------------------------------------------------------------- */

static void bind_goal(struct rt_bind *b, const void *obj)
{
	const struct rt_goal *g = obj;
	rt_bind_id(b, g->plan_id);
	rt_bind_id(b, g->parent_id);
	rt_bind_int(b, g->position);
	rt_bind_text(b, rt_goal_kind_name(g->kind));
	rt_bind_text(b, g->key);
	rt_bind_text(b, g->code);
	rt_bind_text(b, g->title);
	rt_bind_text(b, g->description);
	rt_bind_id(b, g->serves_goal_id);
	rt_bind_int(b, g->lifted);
}

static void read_goal(struct rt_col *c, void *obj)
{
	struct rt_goal *g = obj;
	g->id = rt_col_int(c);
	g->plan_id = rt_col_id(c);
	g->parent_id = rt_col_id(c);
	g->position = (int)rt_col_int(c);
	COL_ENUM(c, rt_goal_kind_parse, g->kind, "kind");
	g->key = rt_col_text(c);
	g->code = rt_col_text(c);
	g->title = rt_col_text(c);
	g->description = rt_col_text(c);
	g->serves_goal_id = rt_col_id(c);
	g->lifted = rt_col_int(c) != 0;
}

const struct rt_sql_entity rt_sql_goal = {
	"goal",
	"plan_id, parent_id, position, kind, key, code, title, description, serves_goal_id, lifted",
	sizeof(struct rt_goal), offsetof(struct rt_goal, key), "inget mål", "Målet",
	(const struct rt_sql_fk[]){
		{ "plan_id", offsetof(struct rt_goal, plan_id), &rt_sql_plan },
		{ "parent_id", offsetof(struct rt_goal, parent_id), &rt_sql_goal },
		{ "serves_goal_id", offsetof(struct rt_goal, serves_goal_id), &rt_sql_goal },
	}, 3,
	bind_goal, read_goal, rt_json_goal, NULL, NULL,
};

/* ---- indicator ---------------------------------------------------------- */

static void bind_indicator(struct rt_bind *b, const void *obj)
{
	const struct rt_indicator *ind = obj;
	rt_bind_id(b, ind->goal_id);
	rt_bind_int(b, ind->position);
	rt_bind_text(b, ind->key);
	rt_bind_text(b, ind->name);
	rt_bind_text(b, ind->description);
	rt_bind_text(b, rt_indicator_kind_name(ind->kind));
	rt_bind_text(b, ind->unit);
	rt_bind_text(b, rt_direction_name(ind->direction));
	rt_bind_text(b, ind->source);
	rt_bind_text(b, ind->motivation);
	rt_bind_text(b, ind->criteria);
	rt_bind_text(b, rt_frequency_name(ind->frequency));
	rt_bind_int(b, ind->central_only);
	rt_bind_int(b, ind->by_gender);
	rt_bind_int(b, ind->by_org);
	rt_bind_double(b, ind->has_tolerance, ind->tolerance);
}

static void read_indicator(struct rt_col *c, void *obj)
{
	struct rt_indicator *ind = obj;
	ind->id = rt_col_int(c);
	ind->goal_id = rt_col_id(c);
	ind->position = (int)rt_col_int(c);
	ind->key = rt_col_text(c);
	ind->name = rt_col_text(c);
	ind->description = rt_col_text(c);
	COL_ENUM(c, rt_indicator_kind_parse, ind->kind, "kind");
	ind->unit = rt_col_text(c);
	COL_ENUM(c, rt_direction_parse, ind->direction, "direction");
	ind->source = rt_col_text(c);
	ind->motivation = rt_col_text(c);
	ind->criteria = rt_col_text(c);
	COL_ENUM(c, rt_frequency_parse, ind->frequency, "frequency");
	ind->central_only = rt_col_int(c) != 0;
	ind->by_gender = rt_col_int(c) != 0;
	ind->by_org = rt_col_int(c) != 0;
	ind->has_tolerance = rt_col_double(c, &ind->tolerance);
}

const struct rt_sql_entity rt_sql_indicator = {
	"indicator",
	"goal_id, position, key, name, description, kind, unit, direction, source, motivation, "
	"criteria, frequency, central_only, by_gender, by_org, tolerance",
	sizeof(struct rt_indicator), offsetof(struct rt_indicator, key), "ingen indikator",
	"Indikatorn",
	(const struct rt_sql_fk[]){
		{ "goal_id", offsetof(struct rt_indicator, goal_id), &rt_sql_goal },
	}, 1,
	bind_indicator, read_indicator, rt_json_indicator, NULL, NULL,
};

/* ---- target ------------------------------------------------------------- */

static void bind_target(struct rt_bind *b, const void *obj)
{
	const struct rt_target *t = obj;
	rt_bind_id(b, t->indicator_id);
	rt_bind_int(b, t->year);
	rt_bind_text(b, rt_gender_name(t->gender));
	rt_bind_id(b, t->org_unit_id);
	rt_bind_text(b, t->text);
	bind_spec(b, &t->spec);
}

static void read_target(struct rt_col *c, void *obj)
{
	struct rt_target *t = obj;
	t->id = rt_col_int(c);
	t->indicator_id = rt_col_id(c);
	t->year = (int)rt_col_int(c);
	COL_ENUM(c, rt_gender_parse, t->gender, "gender");
	t->org_unit_id = rt_col_id(c);
	t->text = rt_col_text(c);
	read_spec(c, &t->spec);
}

static void conflict_value(rt_buf *msg, const char *what, int64_t indicator_id, int year,
                           enum rt_gender g, int64_t org_unit_id)
{
	rt_buf_addf(msg, "Det finns redan %s för indikator %lld år %d (%s", what,
	            (long long)indicator_id, year, rt_gender_label(g));
	if (org_unit_id)
		rt_buf_addf(msg, ", organisationsenhet %lld", (long long)org_unit_id);
	rt_buf_addch(msg, ')');
}

static void conflict_target(const void *obj, rt_buf *msg)
{
	const struct rt_target *t = obj;
	conflict_value(msg, "ett målvärde", t->indicator_id, t->year, t->gender, t->org_unit_id);
}

static const struct rt_sql_fk value_fks[] = {
	{ "indicator_id", offsetof(struct rt_target, indicator_id), &rt_sql_indicator },
	{ "org_unit_id", offsetof(struct rt_target, org_unit_id), &rt_sql_org_unit },
};

const struct rt_sql_entity rt_sql_target = {
	"target", "indicator_id, year, gender, org_unit_id, text, cmp, value, unit, base_year, qual",
	sizeof(struct rt_target), (size_t)-1, "inget målvärde", "Målvärdet",
	value_fks, 2,
	bind_target, read_target, rt_json_target, conflict_target, NULL,
};

/* ---- baseline ----------------------------------------------------------- */

static void bind_baseline(struct rt_bind *b, const void *obj)
{
	const struct rt_baseline *bl = obj;
	rt_bind_id(b, bl->indicator_id);
	rt_bind_int(b, bl->year);
	rt_bind_text(b, rt_gender_name(bl->gender));
	rt_bind_id(b, bl->org_unit_id);
	rt_bind_text(b, bl->text);
	rt_bind_double(b, bl->has_value, bl->value);
}

static void read_baseline(struct rt_col *c, void *obj)
{
	struct rt_baseline *bl = obj;
	bl->id = rt_col_int(c);
	bl->indicator_id = rt_col_id(c);
	bl->year = (int)rt_col_int(c);
	COL_ENUM(c, rt_gender_parse, bl->gender, "gender");
	bl->org_unit_id = rt_col_id(c);
	bl->text = rt_col_text(c);
	bl->has_value = rt_col_double(c, &bl->value);
}

static void conflict_baseline(const void *obj, rt_buf *msg)
{
	const struct rt_baseline *bl = obj;
	conflict_value(msg, "ett utgångsvärde", bl->indicator_id, bl->year, bl->gender,
	               bl->org_unit_id);
}

/* The offsets of indicator_id and org_unit_id differ between structs. */
static const struct rt_sql_fk baseline_fks[] = {
	{ "indicator_id", offsetof(struct rt_baseline, indicator_id), &rt_sql_indicator },
	{ "org_unit_id", offsetof(struct rt_baseline, org_unit_id), &rt_sql_org_unit },
};

const struct rt_sql_entity rt_sql_baseline = {
	"baseline", "indicator_id, year, gender, org_unit_id, text, value",
	sizeof(struct rt_baseline), (size_t)-1, "inget utgångsvärde", "Utgångsvärdet",
	baseline_fks, 2,
	bind_baseline, read_baseline, rt_json_baseline, conflict_baseline, NULL,
};

/* ---- activity ----------------------------------------------------------- */

static void bind_activity(struct rt_bind *b, const void *obj)
{
	const struct rt_activity *a = obj;
	rt_bind_id(b, a->goal_id);
	rt_bind_int(b, a->position);
	rt_bind_text(b, a->key);
	rt_bind_text(b, a->title);
	rt_bind_text(b, a->description);
	rt_bind_text(b, a->target_group);
	rt_bind_text(b, a->start_date);
	rt_bind_text(b, a->end_date);
	rt_bind_text(b, a->owner);
	rt_bind_text(b, a->contact);
	rt_bind_text(b, rt_activity_scope_name(a->scope));
	rt_bind_text(b, a->origin);
	rt_bind_id(b, a->origin_plan_id);
}

static void read_activity(struct rt_col *c, void *obj)
{
	struct rt_activity *a = obj;
	a->id = rt_col_int(c);
	a->goal_id = rt_col_id(c);
	a->position = (int)rt_col_int(c);
	a->key = rt_col_text(c);
	a->title = rt_col_text(c);
	a->description = rt_col_text(c);
	a->target_group = rt_col_text(c);
	a->start_date = rt_col_text(c);
	a->end_date = rt_col_text(c);
	a->owner = rt_col_text(c);
	a->contact = rt_col_text(c);
	COL_ENUM(c, rt_activity_scope_parse, a->scope, "scope");
	a->origin = rt_col_text(c);
	a->origin_plan_id = rt_col_id(c);
}

const struct rt_sql_entity rt_sql_activity = {
	"activity",
	"goal_id, position, key, title, description, target_group, start_date, end_date, owner, "
	"contact, scope, origin, origin_plan_id",
	sizeof(struct rt_activity), offsetof(struct rt_activity, key), "ingen aktivitet",
	"Aktiviteten",
	(const struct rt_sql_fk[]){
		{ "goal_id", offsetof(struct rt_activity, goal_id), &rt_sql_goal },
		{ "origin_plan_id", offsetof(struct rt_activity, origin_plan_id), &rt_sql_plan },
	}, 2,
	bind_activity, read_activity, rt_json_activity, NULL, NULL,
};

/* ---- budget_line -------------------------------------------------------- */

static void bind_budget_line(struct rt_bind *b, const void *obj)
{
	const struct rt_budget_line *l = obj;
	rt_bind_id(b, l->plan_id);
	rt_bind_id(b, l->org_unit_id);
	rt_bind_int(b, l->position);
	rt_bind_text(b, rt_budget_kind_name(l->kind));
	rt_bind_text(b, rt_budget_category_name(l->category));
	rt_bind_text(b, l->label);
	rt_bind_int(b, l->year);
	rt_bind_int(b, l->amount_tkr);
}

static void read_budget_line(struct rt_col *c, void *obj)
{
	struct rt_budget_line *l = obj;
	l->id = rt_col_int(c);
	l->plan_id = rt_col_id(c);
	l->org_unit_id = rt_col_id(c);
	l->position = (int)rt_col_int(c);
	COL_ENUM(c, rt_budget_kind_parse, l->kind, "kind");
	COL_ENUM(c, rt_budget_category_parse, l->category, "category");
	l->label = rt_col_text(c);
	l->year = (int)rt_col_int(c);
	l->amount_tkr = rt_col_int(c);
}

const struct rt_sql_entity rt_sql_budget_line = {
	"budget_line", "plan_id, org_unit_id, position, kind, category, label, year, amount_tkr",
	sizeof(struct rt_budget_line), (size_t)-1, "ingen budgetrad", "Budgetraden",
	(const struct rt_sql_fk[]){
		{ "plan_id", offsetof(struct rt_budget_line, plan_id), &rt_sql_plan },
		{ "org_unit_id", offsetof(struct rt_budget_line, org_unit_id), &rt_sql_org_unit },
	}, 2,
	bind_budget_line, read_budget_line, rt_json_budget_line, NULL, NULL,
};

/* ---- period ------------------------------------------------------------- */

static void bind_period(struct rt_bind *b, const void *obj)
{
	const struct rt_period *p = obj;
	rt_bind_text(b, p->key);
	rt_bind_text(b, rt_period_kind_name(p->kind));
	rt_bind_int(b, p->year);
	rt_bind_int(b, p->number);
	rt_bind_text(b, p->start_date);
	rt_bind_text(b, p->end_date);
	rt_bind_text(b, p->deadline);
}

static void read_period(struct rt_col *c, void *obj)
{
	struct rt_period *p = obj;
	p->id = rt_col_int(c);
	p->key = rt_col_text(c);
	COL_ENUM(c, rt_period_kind_parse, p->kind, "kind");
	p->year = (int)rt_col_int(c);
	p->number = (int)rt_col_int(c);
	p->start_date = rt_col_text(c);
	p->end_date = rt_col_text(c);
	p->deadline = rt_col_text(c);
}

const struct rt_sql_entity rt_sql_period = {
	"period", "key, kind, year, number, start_date, end_date, deadline",
	sizeof(struct rt_period), offsetof(struct rt_period, key), "ingen period", "Perioden",
	NULL, 0,
	bind_period, read_period, rt_json_period, NULL, NULL,
};

/* ---- outcome ------------------------------------------------------------ */

static void bind_outcome(struct rt_bind *b, const void *obj)
{
	const struct rt_outcome *o = obj;
	rt_bind_id(b, o->indicator_id);
	rt_bind_id(b, o->period_id);
	rt_bind_text(b, rt_gender_name(o->gender));
	rt_bind_id(b, o->org_unit_id);
	rt_bind_text(b, o->text);
	bind_spec(b, &o->value);
	rt_bind_text(b, o->comment);
	rt_bind_text(b, rt_status_name(o->status));
	rt_bind_text(b, o->entered_by);
	rt_bind_text(b, o->entered_at);
	rt_bind_text(b, rt_status_name(o->computed_status));
	rt_bind_text(b, o->override_reason);
}

static void read_outcome(struct rt_col *c, void *obj)
{
	struct rt_outcome *o = obj;
	o->id = rt_col_int(c);
	o->indicator_id = rt_col_id(c);
	o->period_id = rt_col_id(c);
	COL_ENUM(c, rt_gender_parse, o->gender, "gender");
	o->org_unit_id = rt_col_id(c);
	o->text = rt_col_text(c);
	read_spec(c, &o->value);
	o->comment = rt_col_text(c);
	COL_ENUM(c, rt_status_parse, o->status, "status");
	o->entered_by = rt_col_text(c);
	o->entered_at = rt_col_text(c);
	COL_ENUM(c, rt_status_parse, o->computed_status, "computed_status");
	o->override_reason = rt_col_text(c);
}

static void conflict_outcome(const void *obj, rt_buf *msg)
{
	const struct rt_outcome *o = obj;
	rt_buf_addf(msg, "Det finns redan ett utfall för indikator %lld period %lld (%s",
	            (long long)o->indicator_id, (long long)o->period_id, rt_gender_label(o->gender));
	if (o->org_unit_id)
		rt_buf_addf(msg, ", organisationsenhet %lld", (long long)o->org_unit_id);
	rt_buf_addch(msg, ')');
}

/* outcome_history: the stored row, before an update replaces it. */
static int outcome_keep_history(rt_store *s, const void *old, rt_err *err)
{
	const struct rt_outcome *o = old;
	rt_db_stmt *st = rt_sql_stmt(s,
		"INSERT INTO outcome_history (outcome_id, text, cmp, value, unit, base_year, qual, "
		"comment, status, computed_status, override_reason, entered_by, entered_at, "
		"changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", err);
	if (!st)
		return err ? err->code : RT_EIO;
	char now[32];
	rt_sql_now(now);
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_int(&b, o->id);
	rt_bind_text(&b, o->text);
	bind_spec(&b, &o->value);
	rt_bind_text(&b, o->comment);
	rt_bind_text(&b, rt_status_name(o->status));
	rt_bind_text(&b, rt_status_name(o->computed_status));
	rt_bind_text(&b, o->override_reason);
	rt_bind_text(&b, o->entered_by);
	rt_bind_text(&b, o->entered_at);
	rt_bind_text(&b, s->actor);
	rt_bind_text(&b, now);
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "spara utfallets historik", err);
}

void rt_sql_read_outcome_history(struct rt_col *c, struct rt_outcome_history *h)
{
	h->id = rt_col_int(c);
	h->outcome_id = rt_col_id(c);
	h->text = rt_col_text(c);
	read_spec(c, &h->value);
	h->comment = rt_col_text(c);
	COL_ENUM(c, rt_status_parse, h->status, "status");
	COL_ENUM(c, rt_status_parse, h->computed_status, "computed_status");
	h->override_reason = rt_col_text(c);
	h->entered_by = rt_col_text(c);
	h->entered_at = rt_col_text(c);
	h->changed_by = rt_col_text(c);
	h->changed_at = rt_col_text(c);
}

const struct rt_sql_entity rt_sql_outcome = {
	"outcome",
	"indicator_id, period_id, gender, org_unit_id, text, cmp, value, unit, base_year, qual, "
	"comment, status, entered_by, entered_at, computed_status, override_reason",
	sizeof(struct rt_outcome), (size_t)-1, "inget utfall", "Utfallet",
	(const struct rt_sql_fk[]){
		{ "indicator_id", offsetof(struct rt_outcome, indicator_id), &rt_sql_indicator },
		{ "period_id", offsetof(struct rt_outcome, period_id), &rt_sql_period },
		{ "org_unit_id", offsetof(struct rt_outcome, org_unit_id), &rt_sql_org_unit },
	}, 3,
	bind_outcome, read_outcome, rt_json_outcome, conflict_outcome, outcome_keep_history,
};

/* ---- assessment --------------------------------------------------------- */

static void bind_assessment(struct rt_bind *b, const void *obj)
{
	const struct rt_assessment *as = obj;
	rt_bind_id(b, as->goal_id);
	rt_bind_id(b, as->period_id);
	rt_bind_text(b, rt_status_name(as->status));
	rt_bind_text(b, as->analysis);
}

static void read_assessment(struct rt_col *c, void *obj)
{
	struct rt_assessment *as = obj;
	as->id = rt_col_int(c);
	as->goal_id = rt_col_id(c);
	as->period_id = rt_col_id(c);
	COL_ENUM(c, rt_status_parse, as->status, "status");
	as->analysis = rt_col_text(c);
}

static void conflict_assessment(const void *obj, rt_buf *msg)
{
	const struct rt_assessment *as = obj;
	rt_buf_addf(msg, "Det finns redan en bedömning av mål %lld för period %lld",
	            (long long)as->goal_id, (long long)as->period_id);
}

const struct rt_sql_entity rt_sql_assessment = {
	"assessment", "goal_id, period_id, status, analysis",
	sizeof(struct rt_assessment), (size_t)-1, "ingen bedömning", "Bedömningen",
	(const struct rt_sql_fk[]){
		{ "goal_id", offsetof(struct rt_assessment, goal_id), &rt_sql_goal },
		{ "period_id", offsetof(struct rt_assessment, period_id), &rt_sql_period },
	}, 2,
	bind_assessment, read_assessment, rt_json_assessment, conflict_assessment, NULL,
};

/* ---- activity_status ---------------------------------------------------- */

static void bind_activity_status(struct rt_bind *b, const void *obj)
{
	const struct rt_activity_status *as = obj;
	rt_bind_id(b, as->activity_id);
	rt_bind_id(b, as->period_id);
	rt_bind_text(b, rt_activity_state_name(as->state));
	rt_bind_text(b, as->comment);
	rt_bind_text(b, as->entered_by);
	rt_bind_text(b, as->entered_at);
}

static void read_activity_status(struct rt_col *c, void *obj)
{
	struct rt_activity_status *as = obj;
	as->id = rt_col_int(c);
	as->activity_id = rt_col_id(c);
	as->period_id = rt_col_id(c);
	COL_ENUM(c, rt_activity_state_parse, as->state, "state");
	as->comment = rt_col_text(c);
	as->entered_by = rt_col_text(c);
	as->entered_at = rt_col_text(c);
}

static void conflict_activity_status(const void *obj, rt_buf *msg)
{
	const struct rt_activity_status *as = obj;
	rt_buf_addf(msg, "Det finns redan ett läge för aktivitet %lld i period %lld",
	            (long long)as->activity_id, (long long)as->period_id);
}

const struct rt_sql_entity rt_sql_activity_status = {
	"activity_status", "activity_id, period_id, state, comment, entered_by, entered_at",
	sizeof(struct rt_activity_status), (size_t)-1, "inget aktivitetsläge", "Aktivitetsläget",
	(const struct rt_sql_fk[]){
		{ "activity_id", offsetof(struct rt_activity_status, activity_id), &rt_sql_activity },
		{ "period_id", offsetof(struct rt_activity_status, period_id), &rt_sql_period },
	}, 2,
	bind_activity_status, read_activity_status, rt_json_activity_status,
	conflict_activity_status, NULL,
};

void rt_sql_select(rt_buf *out, const struct rt_sql_entity *e, const char *alias)
{
	if (!alias) {
		rt_buf_addf(out, "SELECT id, %s FROM %s", e->cols, e->table);
		return;
	}
	/* Qualify every column with the alias, for joins. */
	rt_buf_addf(out, "SELECT %s.id", alias);
	const char *p = e->cols;
	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		rt_buf_addf(out, ", %s.%.*s", alias, (int)len, p);
		if (!end)
			break;
		p = end + 1;
		while (*p == ' ')
			p++;
	}
	rt_buf_addf(out, " FROM %s %s", e->table, alias);
}
