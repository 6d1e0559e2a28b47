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
void rt_sql_goals_in_document_order(struct rt_goal *goals, size_t n)
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

/* Runs SELECT <e's columns> `tail` and stores the rows in doc's arena as
 * *items / *n: read into the scratch rows first, then copied once at their
 * final size. */
static int load(rt_store *s, struct rt_plan_doc *doc, const struct rt_sql_report_rows *e,
                const char *tail, const struct rt_sql_report_params *p,
                struct rt_sql_report_scratch *rows, void **items, size_t *n, size_t *cap,
                rt_err *err)
{
	size_t count = 0;
	int rc = rt_sql_report_read(s, e, tail, p, &doc->arena, rows, &count, err);
	if (rc)
		return rc;
	*n = *cap = count;
	*items = NULL;
	if (count) {
		*items = rt_arena_alloc(&doc->arena, count * e->size);
		memcpy(*items, rows->buf, count * e->size);
	}
	return 0;
}

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

void rt_sql_sort_outcomes(struct rt_plan_doc *doc)
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

#define LOAD(e, tail, arr)                                                             \
	load(s, doc, (e), (tail), &p, &rows, (void **)&doc->arr, &doc->n_##arr, &doc->cap_##arr, \
	     err)

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
const char rt_sql_report_periods_sql[] =
	"FROM period x WHERE " UP_TO_PERIOD("x") " ORDER BY x.start_date, x.end_date, x.id";

static int load_followup(rt_store *s, int64_t plan_id, const struct rt_period *period,
                         struct rt_plan_doc *doc, rt_err *err)
{
	int rc;
	if ((rc = rt_sql_get(s, &rt_sql_plan, &doc->arena, plan_id, &doc->plan, err)) != 0 ||
	    (rc = rt_sql_get(s, &rt_sql_org_unit, &doc->arena, doc->plan.owner_org_id,
	                     &doc->owner, err)) != 0)
		return rc;
	struct rt_sql_report_params p = { plan_id, "[]", period, 0, 0 };
	struct rt_sql_report_scratch rows = { NULL, 0 };
	if ((rc = LOAD(&rt_sql_report_goal, goals_sql, goals)) != 0) {
		free(rows.buf);
		return rc;
	}
	rt_sql_goals_in_document_order(doc->goals, doc->n_goals);

	rt_buf ids = RT_BUF_INIT;
	rt_buf_addch(&ids, '[');
	for (size_t i = 0; i < doc->n_goals; i++)
		rt_buf_addf(&ids, "%s%lld", i ? "," : "", (long long)doc->goals[i].id);
	rt_buf_addch(&ids, ']');
	p.goal_ids = ids.buf;
	rt_buf outcomes_sql = RT_BUF_INIT;
	if ((rc = LOAD(&rt_sql_report_period, rt_sql_report_periods_sql, periods)) == 0) {
		/* the period itself is always in its window; named first anyway
		 * so that the list is never empty */
		rt_buf_addf(&outcomes_sql, OUTCOMES_SQL_HEAD "%lld", (long long)period->id);
		for (size_t i = 0; i < doc->n_periods; i++)
			if (doc->periods[i].id != period->id)
				rt_buf_addf(&outcomes_sql, ",%lld", (long long)doc->periods[i].id);
		rt_buf_addstr(&outcomes_sql, OUTCOMES_SQL_TAIL);
	}
	if (rc != 0 ||
	    (rc = LOAD(&rt_sql_report_indicator, indicators_sql, indicators)) != 0 ||
	    (rc = LOAD(&rt_sql_report_target, targets_sql, targets)) != 0 ||
	    (rc = LOAD(&rt_sql_report_baseline, baselines_sql, baselines)) != 0 ||
	    (rc = LOAD(&rt_sql_report_activity, activities_sql, activities)) != 0 ||
	    (rc = LOAD(&rt_sql_report_outcome, outcomes_sql.buf, outcomes)) != 0 ||
	    (rc = LOAD(&rt_sql_report_assessment, assessments_sql, assessments)) != 0 ||
	    (rc = LOAD(&rt_sql_report_activity_status, activity_statuses_sql, activity_statuses)) != 0) {
		rt_buf_release(&outcomes_sql);
		rt_buf_release(&ids);
		free(rows.buf);
		return rc;
	}
	rt_buf_release(&outcomes_sql);
	rt_buf_release(&ids);
	free(rows.buf);
	rt_sql_sort_outcomes(doc);
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
