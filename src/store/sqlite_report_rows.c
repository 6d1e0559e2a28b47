/* The compiled follow-up report's row readers (sqlite_int.h,
 * rt_sql_report_rows), shared by the per-plan reader (sqlite_report.c) and
 * the whole-scope reader (sqlite_report_scope.c), so both give the same
 * documents. Each table is read with only the columns a report shows or
 * the status rule reads: every other column of 120 000 outcomes and
 * 20 000 indicators was copied into the arena for nothing, and SQLite's
 * cost grows with every column a row hands out. */
#include <stdlib.h>
#include <string.h>

#include "core/activity.h"
#include "core/followup.h"
#include "core/goal.h"
#include "core/indicator.h"
#include "store/sqlite_int.h"
#include "util/alloc.h"

/* An enum column: the common token first (one strcmp), the core's parser
 * for the rest; an unknown token marks the row bad like COL_ENUM. */
#define REPORT_ENUM(c, common, common_value, parse, dst, name)                  \
	do {                                                                    \
		const char *t_ = rt_db_col_text((c)->st, (c)->i);               \
		if (t_ && !strcmp(t_, (common)))                                \
			(dst) = (common_value);                                 \
		else if (!t_ || parse(t_, &(dst), NULL) != 0) {                 \
			if (!(c)->bad)                                          \
				(c)->bad = (name);                              \
		}                                                               \
		(c)->i++;                                                       \
	} while (0)

/* Goals: what the report's headings and the document order need. */
static void read_goal(struct rt_col *c, void *obj)
{
	struct rt_goal *g = obj;
	g->id = rt_col_int(c);
	g->plan_id = rt_col_int(c);
	g->parent_id = rt_col_id(c);
	g->position = (int)rt_col_int(c);
	REPORT_ENUM(c, "goal", RT_GOAL_GOAL, rt_goal_kind_parse, g->kind, "kind");
	g->title = rt_col_text(c);
}

/* What the report and the status rule read of an indicator: its name,
 * unit, kind, direction, frequency and tolerance (no description, source,
 * motivation or criteria: the report does not show them). */
static void read_indicator(struct rt_col *c, void *obj)
{
	struct rt_indicator *ind = obj;
	ind->id = rt_col_int(c);
	ind->goal_id = rt_col_int(c);
	ind->position = (int)rt_col_int(c);
	ind->key = rt_col_text(c);
	ind->name = rt_col_text(c);
	REPORT_ENUM(c, "quantitative", RT_IND_QUANTITATIVE, rt_indicator_kind_parse, ind->kind,
	            "kind");
	ind->unit = rt_col_text(c);
	REPORT_ENUM(c, "none", RT_DIR_NONE, rt_direction_parse, ind->direction, "direction");
	REPORT_ENUM(c, "month", RT_FREQ_MONTH, rt_frequency_parse, ind->frequency, "frequency");
	ind->has_tolerance = rt_col_double(c, &ind->tolerance);
}

static void read_target(struct rt_col *c, void *obj) { rt_sql_target.read(c, obj); }
static void read_baseline(struct rt_col *c, void *obj) { rt_sql_baseline.read(c, obj); }
static void read_period(struct rt_col *c, void *obj) { rt_sql_period.read(c, obj); }
static void read_assessment(struct rt_col *c, void *obj) { rt_sql_assessment.read(c, obj); }

/* Activities: the four columns of the report's activity table. */
static void read_activity(struct rt_col *c, void *obj)
{
	struct rt_activity *a = obj;
	a->id = rt_col_int(c);
	a->goal_id = rt_col_int(c);
	a->position = (int)rt_col_int(c);
	a->title = rt_col_text(c);
	a->description = rt_col_text(c);
	a->start_date = rt_col_text(c);
	a->end_date = rt_col_text(c);
}

static void read_activity_status(struct rt_col *c, void *obj)
{
	struct rt_activity_status *st = obj;
	st->id = rt_col_int(c);
	st->activity_id = rt_col_int(c);
	st->period_id = rt_col_int(c);
	REPORT_ENUM(c, "ongoing", RT_ACT_ONGOING, rt_activity_state_parse, st->state, "state");
	st->comment = rt_col_text(c);
}

/* Outcomes. A row of an earlier period only feeds the trend and the
 * "Bibehålla/öka" reference, which read its number: the other columns are
 * NULL for it in the SQL (CASE), so SQLite does not decode them, and the
 * reader stops after the value. Such a row is always for the whole scope
 * (the queries ask for nothing else before the period). A row of the
 * period itself is read whole, as the status rule and the report read it:
 * the number or Ja/Delvis/Nej, text, comment, statuses. */
#define PERIOD_ONLY(col) "CASE WHEN x.period_id = :period THEN x." col " END"

static void read_outcome(struct rt_col *c, void *obj)
{
	struct rt_outcome *o = obj;
	o->id = rt_col_int(c);
	o->indicator_id = rt_col_int(c);
	o->period_id = rt_col_int(c);
	o->value.has_value = rt_col_double(c, &o->value.value);
	o->gender = RT_GENDER_TOTAL;
	o->status = o->computed_status = RT_STATUS_NONE;
	if (rt_db_col_is_null(c->st, c->i))
		return;                 /* an earlier period's row */
	REPORT_ENUM(c, "total", RT_GENDER_TOTAL, rt_gender_parse, o->gender, "gender");
	o->org_unit_id = rt_col_id(c);
	o->text = rt_col_text(c);
	if (!rt_db_col_is_null(c->st, c->i) &&
	    rt_sql_qual_parse(rt_db_col_text(c->st, c->i), &o->value.qual) != 0 && !c->bad)
		c->bad = "qual";
	c->i++;
	o->comment = rt_col_text(c);
	REPORT_ENUM(c, "none", RT_STATUS_NONE, rt_status_parse, o->status, "status");
	REPORT_ENUM(c, "none", RT_STATUS_NONE, rt_status_parse, o->computed_status,
	            "computed_status");
	o->override_reason = rt_col_text(c);
}

const struct rt_sql_report_rows rt_sql_report_goal = {
	"goal", "x.id, x.plan_id, x.parent_id, x.position, x.kind, x.title",
	sizeof(struct rt_goal), read_goal,
};
const struct rt_sql_report_rows rt_sql_report_indicator = {
	"indicator",
	"x.id, x.goal_id, x.position, x.key, x.name, x.kind, x.unit, x.direction, x.frequency, "
	"x.tolerance",
	sizeof(struct rt_indicator), read_indicator,
};
const struct rt_sql_report_rows rt_sql_report_target = {
	"target",
	"x.id, x.indicator_id, x.year, x.gender, x.org_unit_id, x.text, x.cmp, x.value, x.unit, "
	"x.base_year, x.qual",
	sizeof(struct rt_target), read_target,
};
const struct rt_sql_report_rows rt_sql_report_baseline = {
	"baseline", "x.id, x.indicator_id, x.year, x.gender, x.org_unit_id, x.text, x.value",
	sizeof(struct rt_baseline), read_baseline,
};
const struct rt_sql_report_rows rt_sql_report_period = {
	"period", "x.id, x.key, x.kind, x.year, x.number, x.start_date, x.end_date, x.deadline",
	sizeof(struct rt_period), read_period,
};
const struct rt_sql_report_rows rt_sql_report_activity = {
	"activity",
	"x.id, x.goal_id, x.position, x.title, x.description, x.start_date, x.end_date",
	sizeof(struct rt_activity), read_activity,
};
const struct rt_sql_report_rows rt_sql_report_outcome = {
	"outcome",
	"x.id, x.indicator_id, x.period_id, x.value, " PERIOD_ONLY("gender") ", "
	PERIOD_ONLY("org_unit_id") ", " PERIOD_ONLY("text") ", " PERIOD_ONLY("qual") ", "
	PERIOD_ONLY("comment") ", " PERIOD_ONLY("status") ", " PERIOD_ONLY("computed_status")
	", " PERIOD_ONLY("override_reason"),
	sizeof(struct rt_outcome), read_outcome,
};
const struct rt_sql_report_rows rt_sql_report_assessment = {
	"assessment", "x.id, x.goal_id, x.period_id, x.status, x.analysis",
	sizeof(struct rt_assessment), read_assessment,
};
const struct rt_sql_report_rows rt_sql_report_activity_status = {
	"activity_status", "x.id, x.activity_id, x.period_id, x.state, x.comment",
	sizeof(struct rt_activity_status), read_activity_status,
};

/* ---- running one query into rows ------------------------------------------ */

static void bind_named(rt_db_stmt *st, const struct rt_sql_report_params *p)
{
	int k;
	if ((k = rt_db_param_index(st, ":plan")) > 0)
		rt_db_bind_int(st, k, p->plan_id);
	if ((k = rt_db_param_index(st, ":goals")) > 0)
		rt_db_bind_text(st, k, p->goal_ids);
	if ((k = rt_db_param_index(st, ":period")) > 0)
		rt_db_bind_int(st, k, p->period->id);
	if ((k = rt_db_param_index(st, ":start")) > 0)
		rt_db_bind_text(st, k, p->period->start_date ? p->period->start_date : "");
	if ((k = rt_db_param_index(st, ":end")) > 0)
		rt_db_bind_text(st, k, p->period->end_date ? p->period->end_date : "");
	if ((k = rt_db_param_index(st, ":lo")) > 0)
		rt_db_bind_int(st, k, p->lo);
	if ((k = rt_db_param_index(st, ":hi")) > 0)
		rt_db_bind_int(st, k, p->hi);
}

int rt_sql_report_read(rt_store *s, const struct rt_sql_report_rows *e, const char *tail,
                       const struct rt_sql_report_params *p, rt_arena *a,
                       struct rt_sql_report_scratch *rows, size_t *n, rt_err *err)
{
	rt_buf sql = RT_BUF_INIT;
	rt_buf_addstr(&sql, "SELECT ");
	rt_buf_addstr(&sql, e->select);
	rt_buf_addch(&sql, ' ');
	rt_buf_addstr(&sql, tail);
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st)
		return err ? err->code : RT_EIO;
	bind_named(st, p);
	size_t count = *n;
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		if ((count + 1) * e->size > rows->room) {
			rows->room = rows->room ? rows->room * 2 : 64 * 1024;
			rows->buf = rt_xrealloc(rows->buf, rows->room);
		}
		void *obj = rows->buf + count * e->size;
		memset(obj, 0, e->size);
		struct rt_col c = { st, 0, a, NULL };
		e->read(&c, obj);
		if (c.bad) {
			rt_sql_done(st);
			return rt_err_set(err, RT_EIO, c.bad,
			                  "Databasen innehåller ett okänt värde i %s.%s; är den "
			                  "skapad av en nyare rodtrad?", e->table, c.bad);
		}
		count++;
	}
	rt_sql_done(st);
	if (rc != RT_DB_DONE)
		return rt_sql_fail(s, rc, e->table, err);
	*n = count;
	return 0;
}
