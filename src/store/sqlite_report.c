/* The bulk read behind the compiled follow-up report (store.h,
 * rt_store_plan_load_followup): a plan document in exactly the order
 * rt_store_plan_load gives, but only with the rows a report for one period
 * can show, and ordered by SQLite instead of in C. The plan's goals are put
 * in document order here (depth-first, siblings by position) and handed to
 * every other query as a JSON array, so json_each's index is the goal's
 * place; each table is then one indexed, ordered query per plan. Rows go into
 * a malloc'd array first and into the document's arena once, at their final
 * size (a growing arena array would leave every smaller copy behind). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/followup.h"
#include "core/indicator.h"
#include "store/sqlite_int.h"
#include "util/alloc.h"

/* ---- goals in document order -------------------------------------------- */

/* Goals arrive ordered by (parent, position, id), so the children of one
 * parent are a contiguous run; `first` gives where each run starts. */
static size_t run_of(const struct rt_goal *g, size_t n, int64_t parent)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g[mid].parent_id < parent)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Depth-first pre-order with an explicit stack, the order
 * rt_store_plan_load gives: top goals first, then goals whose parent is
 * outside the plan (or in a cycle), each followed by its subtree. */
static void goals_in_document_order(struct rt_goal *goals, size_t n)
{
	if (n < 2)
		return;
	bool *done = rt_xcalloc(n, sizeof(*done));
	size_t *stack = rt_xmalloc(n * sizeof(*stack));
	struct rt_goal *out = rt_xmalloc(n * sizeof(*out));
	size_t m = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t start = 0; start < n; start++) {
			if (done[start] || (pass == 0 && goals[start].parent_id != 0))
				continue;
			size_t top = 0;
			stack[top++] = start;
			done[start] = true;
			while (top > 0) {
				size_t i = stack[--top];
				out[m++] = goals[i];
				/* push children last-first so the first pops first */
				size_t b = run_of(goals, n, goals[i].id), e = b;
				while (e < n && goals[e].parent_id == goals[i].id)
					e++;
				for (size_t j = e; j > b; j--)
					if (!done[j - 1]) {
						done[j - 1] = true;
						stack[top++] = j - 1;
					}
			}
		}
	}
	memcpy(goals, out, n * sizeof(*out));
	free(out);
	free(stack);
	free(done);
}

/* ---- one ordered query into one document array ---------------------------- */

struct params {
	int64_t plan_id;
	const char *goal_ids;     /* JSON array of the plan's goal ids, in document order */
	const struct rt_period *period;
	char *rows;               /* scratch for one table's rows, reused by every query */
	size_t room;              /* bytes in rows */
};

static int bad_value(const struct rt_sql_entity *e, const char *col, rt_err *err)
{
	return rt_err_set(err, RT_EIO, col,
	                  "Databasen innehåller ett okänt värde i %s.%s; är den skapad av en "
	                  "nyare rodtrad?", e->table, col);
}

/* Runs SELECT <e's columns as x> `tail` with the named parameters of `p`
 * bound and stores the rows in doc's arena as *items / *n. */
static int load(rt_store *s, struct rt_plan_doc *doc, const struct rt_sql_entity *e,
                const char *tail, struct params *p, void **items, size_t *n,
                size_t *cap, rt_err *err)
{
	/* e's column list, but our own FROM: the join order is spelled out
	 * with CROSS JOIN (SQLite keeps it), goals first, since the planner
	 * cannot tell how few rows json_each gives and would rather scan the
	 * big table. */
	rt_buf sql = RT_BUF_INIT;
	rt_sql_select(&sql, e, "x");
	size_t from = sql.len - strlen(" FROM ") - strlen(e->table) - strlen(" x");
	rt_buf_setlen(&sql, from);
	rt_buf_addch(&sql, ' ');
	rt_buf_addstr(&sql, tail);
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st)
		return err ? err->code : RT_EIO;
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

	size_t count = 0;
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		if ((count + 1) * e->size > p->room) {
			p->room = p->room ? p->room * 2 : 64 * 1024;
			p->rows = rt_xrealloc(p->rows, p->room);
		}
		void *obj = p->rows + count * e->size;
		memset(obj, 0, e->size);
		struct rt_col c = { st, 0, &doc->arena, NULL };
		e->read(&c, obj);
		if (c.bad) {
			rt_sql_done(st);
			return bad_value(e, c.bad, err);
		}
		count++;
	}
	rt_sql_done(st);
	if (rc != RT_DB_DONE)
		return rt_sql_fail(s, rc, e->table, err);
	*n = *cap = count;
	*items = NULL;
	if (count) {
		*items = rt_arena_alloc(&doc->arena, count * e->size);
		memcpy(*items, p->rows, count * e->size);
	}
	return 0;
}

/* ---- the report's own row readers ---------------------------------------- */

/* The two big tables are read with only the columns a report shows or the
 * status rule reads: every other column of 120 000 outcomes and 20 000
 * indicators was copied into the arena for nothing, and the outcome's
 * parsed value was put together again column by column (read_spec). */

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

/* A measured value as the status rule reads it (core/status.c): the
 * number, or Ja/Delvis/Nej. The comparator, unit and base year of a
 * measured value mean nothing to the report and stay zero. */
static void read_report_outcome(struct rt_col *c, void *obj)
{
	struct rt_outcome *o = obj;
	o->id = rt_col_int(c);
	o->indicator_id = rt_col_int(c);
	o->period_id = rt_col_int(c);
	REPORT_ENUM(c, "total", RT_GENDER_TOTAL, rt_gender_parse, o->gender, "gender");
	o->org_unit_id = rt_col_id(c);
	o->text = rt_col_text(c);
	o->value.has_value = rt_col_double(c, &o->value.value);
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

static const struct rt_sql_entity report_outcome = {
	.table = "outcome",
	.cols = "indicator_id, period_id, gender, org_unit_id, text, value, qual, comment, "
	        "status, computed_status, override_reason",
	.size = sizeof(struct rt_outcome),
	.key_offset = (size_t)-1,
	.read = read_report_outcome,
};

/* What the report and the status rule read of an indicator: its name,
 * unit, kind, direction, frequency and tolerance (no description, source,
 * motivation or criteria: the report does not show them). */
static void read_report_indicator(struct rt_col *c, void *obj)
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

static const struct rt_sql_entity report_indicator = {
	.table = "indicator",
	.cols = "goal_id, position, key, name, kind, unit, direction, frequency, tolerance",
	.size = sizeof(struct rt_indicator),
	.key_offset = offsetof(struct rt_indicator, key),
	.read = read_report_indicator,
};

/* ---- outcomes in document order, sorted here ------------------------------ */

/* The outcome rows come without ORDER BY (SQLite's sorter carried every
 * column of ~120 000 rows through a merge sort: a tenth of a region
 * report's CPU) and are put in rt_store_plan_load's order here on small
 * keys: the indicator's place in the document, the period's place
 * (start, end, id: doc->periods is in that order), gender total/women/men,
 * org unit (0 = whole scope first), id. */
struct id_rank {
	int64_t id;
	size_t rank;
};

struct outcome_key {
	size_t ind, per;
	int64_t gender, org, id;
	size_t at;                /* index of the row as loaded */
};

static int id_rank_cmp(const void *pa, const void *pb)
{
	const struct id_rank *a = pa, *b = pb;
	return (a->id > b->id) - (a->id < b->id);
}

static size_t rank_of(const struct id_rank *map, size_t n, int64_t id)
{
	struct id_rank k = { id, 0 };
	const struct id_rank *hit = bsearch(&k, map, n, sizeof(*map), id_rank_cmp);
	return hit ? hit->rank : SIZE_MAX;
}

static struct id_rank *rank_map(size_t n, const void *base, size_t size)
{
	struct id_rank *map = rt_xmalloc((n ? n : 1) * sizeof(*map));
	for (size_t i = 0; i < n; i++) {
		memcpy(&map[i].id, (const char *)base + i * size, sizeof(int64_t)); /* id is first */
		map[i].rank = i;
	}
	qsort(map, n, sizeof(*map), id_rank_cmp);
	return map;
}

static int outcome_key_cmp(const void *pa, const void *pb)
{
	const struct outcome_key *a = pa, *b = pb;
	if (a->ind != b->ind) return a->ind < b->ind ? -1 : 1;
	if (a->per != b->per) return a->per < b->per ? -1 : 1;
	if (a->gender != b->gender) return a->gender < b->gender ? -1 : 1;
	if (a->org != b->org) return a->org < b->org ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

static void sort_outcomes(struct rt_plan_doc *doc)
{
	size_t n = doc->n_outcomes;
	if (n < 2)
		return;
	struct id_rank *inds = rank_map(doc->n_indicators, doc->indicators, sizeof(*doc->indicators));
	struct id_rank *pers = rank_map(doc->n_periods, doc->periods, sizeof(*doc->periods));
	struct outcome_key *keys = rt_xmalloc(n * sizeof(*keys));
	bool sorted = true, grouped = true;
	for (size_t i = 0; i < n; i++) {
		const struct rt_outcome *o = &doc->outcomes[i];
		keys[i] = (struct outcome_key){
			rank_of(inds, doc->n_indicators, o->indicator_id),
			rank_of(pers, doc->n_periods, o->period_id),
			o->gender, o->org_unit_id, o->id, i,
		};
		/* a period outside the window cannot be loaded; should one be,
		 * its id still orders it, after the known ones */
		if (keys[i].per == SIZE_MAX)
			keys[i].per = SIZE_MAX / 2 + (size_t)o->period_id;
		if (i && outcome_key_cmp(&keys[i - 1], &keys[i]) > 0)
			sorted = false;
		if (i && keys[i - 1].ind > keys[i].ind)
			grouped = false;
	}
	if (!sorted && grouped) {
		/* SQLite's nested loop gives the indicators in order already, each
		 * with its handful of rows by period id and gender name: an
		 * insertion sort within each indicator is all that is left */
		for (size_t i = 1; i < n; i++) {
			struct outcome_key k = keys[i];
			size_t j = i;
			for (; j > 0 && outcome_key_cmp(&keys[j - 1], &k) > 0; j--)
				keys[j] = keys[j - 1];
			keys[j] = k;
		}
	} else if (!sorted) {
		qsort(keys, n, sizeof(*keys), outcome_key_cmp);
	}
	if (!sorted) {
		struct rt_outcome *out = rt_xmalloc(n * sizeof(*out));
		for (size_t i = 0; i < n; i++)
			out[i] = doc->outcomes[keys[i].at];
		memcpy(doc->outcomes, out, n * sizeof(*out));
		free(out);
	}
	free(keys);
	free(pers);
	free(inds);
}

#define LOAD(e, tail, arr) \
	load(s, doc, (e), (tail), &p, (void **)&doc->arr, &doc->n_##arr, &doc->cap_##arr, err)

/* The report's notion of "this period or before it" (followup.c,
 * period_before): ends earlier, or ends the same day and starts later
 * (tertials are cumulative from January). */
#define UP_TO_PERIOD(p)                                                                 \
	"(" p ".id = :period OR COALESCE(" p ".end_date, '') < :end OR "                 \
	"(COALESCE(" p ".end_date, '') = :end AND COALESCE(" p ".start_date, '') > :start))"

/* The orders below are rt_store_plan_load's: a row's goal's (or
 * indicator's, activity's) place, then its own keys, then id. */
#define GOALS "FROM json_each(:goals) r "
#define BY_INDICATOR GOALS "CROSS JOIN indicator i ON i.goal_id = r.value "

static const char goals_sql[] = "FROM goal x WHERE x.plan_id = :plan "
                                "ORDER BY COALESCE(x.parent_id, 0), x.position, x.id";
static const char indicators_sql[] =
	GOALS "CROSS JOIN indicator x ON x.goal_id = r.value ORDER BY r.key, x.position, x.id";
static const char targets_sql[] =
	BY_INDICATOR "CROSS JOIN target x ON x.indicator_id = i.id "
	"WHERE x.gender = 'total' AND x.org_unit_id IS NULL "
	"ORDER BY r.key, i.position, i.id, x.year, x.id";
static const char baselines_sql[] =
	BY_INDICATOR "CROSS JOIN baseline x ON x.indicator_id = i.id "
	"WHERE x.gender = 'total' AND x.org_unit_id IS NULL "
	"ORDER BY r.key, i.position, i.id, x.year, x.id";
/* Outcomes for the whole scope up to the period (trend, "Bibehålla/öka"),
 * and every outcome of the period itself (a breakdown row still means the
 * plan has follow-up in it). Unordered: sort_outcomes orders them. The
 * window is the ids of the periods loaded before (periods_sql), written
 * into the SQL as a list checked per row: a join with period and the date
 * comparison per row cost more (the + keeps SQLite from seeking the index
 * once per period instead). The SQL is the same for every plan of one
 * report, so the statement cache still prepares it once. */
#define OUTCOMES_SQL_HEAD BY_INDICATOR "CROSS JOIN outcome x ON x.indicator_id = i.id " \
	"WHERE +x.period_id IN ("
#define OUTCOMES_SQL_TAIL ") AND (x.period_id = :period OR " \
	"(x.gender = 'total' AND x.org_unit_id IS NULL))"
static const char activities_sql[] =
	GOALS "CROSS JOIN activity x ON x.goal_id = r.value ORDER BY r.key, x.position, x.id";
static const char assessments_sql[] =
	GOALS "CROSS JOIN assessment x ON x.goal_id = r.value WHERE x.period_id = :period "
	"ORDER BY r.key, x.id";
static const char activity_statuses_sql[] =
	GOALS "CROSS JOIN activity ac ON ac.goal_id = r.value "
	"CROSS JOIN activity_status x ON x.activity_id = ac.id WHERE x.period_id = :period "
	"ORDER BY r.key, ac.position, ac.id, x.id";
static const char periods_sql[] =
	"FROM period x WHERE " UP_TO_PERIOD("x") " ORDER BY x.start_date, x.end_date, x.id";

static int load_followup(rt_store *s, int64_t plan_id, const struct rt_period *period,
                         struct rt_plan_doc *doc, rt_err *err)
{
	int rc;
	if ((rc = rt_sql_get(s, &rt_sql_plan, &doc->arena, plan_id, &doc->plan, err)) != 0 ||
	    (rc = rt_sql_get(s, &rt_sql_org_unit, &doc->arena, doc->plan.owner_org_id,
	                     &doc->owner, err)) != 0)
		return rc;
	struct params p = { plan_id, "[]", period, NULL, 0 };
	if ((rc = LOAD(&rt_sql_goal, goals_sql, goals)) != 0) {
		free(p.rows);
		return rc;
	}
	goals_in_document_order(doc->goals, doc->n_goals);

	rt_buf ids = RT_BUF_INIT;
	rt_buf_addch(&ids, '[');
	for (size_t i = 0; i < doc->n_goals; i++)
		rt_buf_addf(&ids, "%s%lld", i ? "," : "", (long long)doc->goals[i].id);
	rt_buf_addch(&ids, ']');
	p.goal_ids = ids.buf;
	rt_buf outcomes_sql = RT_BUF_INIT;
	if ((rc = LOAD(&rt_sql_period, periods_sql, periods)) == 0) {
		/* the period itself is always in its window; named first anyway
		 * so that the list is never empty */
		rt_buf_addf(&outcomes_sql, OUTCOMES_SQL_HEAD "%lld", (long long)period->id);
		for (size_t i = 0; i < doc->n_periods; i++)
			if (doc->periods[i].id != period->id)
				rt_buf_addf(&outcomes_sql, ",%lld", (long long)doc->periods[i].id);
		rt_buf_addstr(&outcomes_sql, OUTCOMES_SQL_TAIL);
	}
	if (rc != 0 ||
	    (rc = LOAD(&report_indicator, indicators_sql, indicators)) != 0 ||
	    (rc = LOAD(&rt_sql_target, targets_sql, targets)) != 0 ||
	    (rc = LOAD(&rt_sql_baseline, baselines_sql, baselines)) != 0 ||
	    (rc = LOAD(&rt_sql_activity, activities_sql, activities)) != 0 ||
	    (rc = LOAD(&report_outcome, outcomes_sql.buf, outcomes)) != 0 ||
	    (rc = LOAD(&rt_sql_assessment, assessments_sql, assessments)) != 0 ||
	    (rc = LOAD(&rt_sql_activity_status, activity_statuses_sql, activity_statuses)) != 0) {
		rt_buf_release(&outcomes_sql);
		rt_buf_release(&ids);
		free(p.rows);
		return rc;
	}
	rt_buf_release(&outcomes_sql);
	rt_buf_release(&ids);
	free(p.rows);
	sort_outcomes(doc);
	return 0;
}

int rt_store_plan_load_followup(rt_store *s, int64_t plan_id, const struct rt_period *period,
                                struct rt_plan_doc *doc, rt_err *err)
{
	int rc = load_followup(s, plan_id, period, doc, err);
	if (rc) {
		rt_plan_doc_release(doc);
		rt_plan_doc_init(doc);
	}
	return rc;
}
