/* The compiled report's documents for many plans at once (store_report.h).
 * Per plan, sqlite_report.c runs nine indexed queries: for a region of 25
 * plans that is 20 000 index seeks into each of target, baseline and
 * outcome, and SQLite's VDBE spent more on the seeks than on the rows.
 * Here each table is one scan in its own order (no ORDER BY, no join),
 * and the rows are put in document order in C: every row gets its
 * parent's place (a goal's, indicator's or activity's, over all plans in
 * order) and its own keys; a counting sort by the parent's place and an
 * insertion sort within each parent (a handful of rows) give the order
 * rt_store_plan_load_followup gives, and each plan's rows are then one
 * contiguous slice. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_report.h"
#include "util/alloc.h"

/* ---- id → place --------------------------------------------------------- */

/* Open addressing on positive ids (0 marks an empty slot). */
struct id_map {
	int64_t *keys;
	uint32_t *vals;
	size_t mask;
};

static void map_init(struct id_map *m, size_t n)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	m->keys = rt_xcalloc(cap, sizeof(*m->keys));
	m->vals = rt_xmalloc(cap * sizeof(*m->vals));
	m->mask = cap - 1;
}

static size_t map_slot(const struct id_map *m, int64_t id)
{
	size_t h = (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15u) >> 32) & m->mask;
	while (m->keys[h] != 0 && m->keys[h] != id)
		h = (h + 1) & m->mask;
	return h;
}

static void map_put(struct id_map *m, int64_t id, uint32_t v)
{
	size_t h = map_slot(m, id);
	m->keys[h] = id;
	m->vals[h] = v;
}

static bool map_get(const struct id_map *m, int64_t id, uint32_t *v)
{
	if (id <= 0)
		return false;
	size_t h = map_slot(m, id);
	if (m->keys[h] != id)
		return false;
	*v = m->vals[h];
	return true;
}

static void map_free(struct id_map *m)
{
	free(m->keys);
	free(m->vals);
}

/* ---- one table: read, order, hand out per plan ---------------------------- */

/* A row's place: its parent's place over all plans, then its own keys. */
struct row_key {
	uint32_t rank, at;
	int32_t k1, k2;             /* position, year, period's place, gender */
	int64_t k3, id;
};

static int key_cmp(const struct row_key *a, const struct row_key *b)
{
	if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
	if (a->k1 != b->k1) return a->k1 < b->k1 ? -1 : 1;
	if (a->k2 != b->k2) return a->k2 < b->k2 ? -1 : 1;
	if (a->k3 != b->k3) return a->k3 < b->k3 ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

struct ctx {
	rt_store *s, *s2;          /* s2: a second connection for a second thread, or NULL */
	struct rt_report_docs *out;
	struct rt_sql_report_params p;
	struct id_map goals, indicators, activities, periods;
	uint32_t *goal_doc, *indicator_doc, *activity_doc; /* place → document */
	size_t n_goals, n_indicators, n_activities;
};

/* Fills *k for a row, false to drop it (not in the report's plans). */
typedef bool (*key_fn)(const struct ctx *c, const void *row, struct row_key *k);

/* A table's rows in document order: `rows` (*n of them) is a malloc'd
 * block owned by c->out; each document's rows are a slice of it. */
struct table {
	const struct rt_sql_report_rows *e;
	const char *tail;
	key_fn key;
	size_t n_ranks;              /* parents' places */
	const uint32_t *doc_of_rank; /* NULL: the rank is the document */
	size_t items, count, cap;    /* offsets of the array in struct rt_plan_doc */
	void *dest;                  /* per document, stride apart: NULL = the documents */
	size_t stride;
};

#define DOC_ARRAY(arr)                                                          \
	offsetof(struct rt_plan_doc, arr), offsetof(struct rt_plan_doc, n_##arr), \
	offsetof(struct rt_plan_doc, cap_##arr), NULL, 0

static void keep_block(struct rt_report_docs *out, void *block)
{
	out->blocks = rt_xrealloc(out->blocks, (out->n_blocks + 1) * sizeof(*out->blocks));
	out->blocks[out->n_blocks++] = block;
}

/* Rows read into one or two scratch blocks (two threads' outcomes); a
 * row's number counts on from the first block into the second. */
struct sources {
	struct rt_sql_report_scratch rows[2];
	size_t n[2];
};

static const char *source_row(const struct sources *src, size_t i, size_t size)
{
	return i < src->n[0] ? src->rows[0].buf + i * size
	                     : src->rows[1].buf + (i - src->n[0]) * size;
}

/* Puts the rows of `src` that belong to the report in document order into
 * one malloc'd block (*rows_out, for the caller to give c->out: keep_block)
 * and gives each document its slice. */
static void order_place(struct ctx *c, const struct table *t, const struct sources *src,
                        char **rows_out, size_t *n_out)
{
	size_t size = t->e->size, n = src->n[0] + src->n[1];
	/* the rows kept, counted per parent; then their keys by parent (the
	 * keys made twice rather than held twice: 240 000 outcomes) */
	size_t *start = rt_xcalloc(t->n_ranks + 1, sizeof(*start));
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		struct row_key k = { 0 };
		if (t->key(c, source_row(src, i, size), &k)) {
			start[k.rank + 1]++;
			m++;
		}
	}
	for (size_t r = 0; r < t->n_ranks; r++)
		start[r + 1] += start[r];
	struct row_key *sorted = rt_xmalloc((m ? m : 1) * sizeof(*sorted));
	for (size_t i = 0; i < n; i++) {
		struct row_key k = { 0 };
		if (t->key(c, source_row(src, i, size), &k)) {
			k.at = (uint32_t)i;
			sorted[start[k.rank]++] = k;
		}
	}
	free(start);
	/* within a parent: insertion sort (a few rows each; already in order
	 * when the table was written parent by parent) */
	for (size_t i = 1; i < m; i++) {
		struct row_key k = sorted[i];
		size_t j = i;
		for (; j > 0 && key_cmp(&sorted[j - 1], &k) > 0; j--)
			sorted[j] = sorted[j - 1];
		sorted[j] = k;
	}
	/* only each row's source and document are needed from here: the
	 * keys go before the block is made (120 000 outcomes: 6 MB) */
	uint32_t *at = rt_xmalloc((m ? m : 1) * 2 * sizeof(*at));
	for (size_t i = 0; i < m; i++) {
		at[2 * i] = sorted[i].at;
		at[2 * i + 1] = t->doc_of_rank ? t->doc_of_rank[sorted[i].rank] : sorted[i].rank;
	}
	free(sorted);

	char *block = rt_xmalloc((m ? m : 1) * size);
	for (size_t i = 0; i < m; i++)
		memcpy(block + i * size, source_row(src, at[2 * i], size), size);
	for (size_t i = 0; i < m; i++) {
		char *d = t->dest ? (char *)t->dest + at[2 * i + 1] * t->stride
		                  : (char *)&c->out->docs[at[2 * i + 1]];
		void **items = (void **)(d + t->items);
		size_t *cnt = (size_t *)(d + t->count), *cap = (size_t *)(d + t->cap);
		if (*cnt == 0)
			*items = block + i * size;
		*cap = ++*cnt;
	}
	free(at);
	*rows_out = block;
	*n_out = m;
}

/* order_place on a thread of its own. */
struct placing {
	struct ctx *c;
	struct table t;
	const struct sources *src;
	char *rows;
	size_t n;
};

static void *place_thread(void *arg)
{
	struct placing *p = arg;
	order_place(p->c, &p->t, p->src, &p->rows, &p->n);
	return NULL;
}

static int read_table(struct ctx *c, const struct table *t, char **rows_out, size_t *n_out,
                      rt_err *err)
{
	struct sources src = { 0 };
	int rc = rt_sql_report_read(c->s, t->e, t->tail, &c->p, &c->out->arena, &src.rows[0],
	                            &src.n[0], err);
	if (rc == 0) {
		order_place(c, t, &src, rows_out, n_out);
		keep_block(c->out, *rows_out);
	}
	free(src.rows[0].buf);
	return rc;
}

/* ---- outcomes in chunks of row ids, from both ends ------------------------------ */

/* The outcome table's id range cut into chunks; the main thread takes
 * them from the bottom once it has read the other tables, a second
 * thread (its own connection) from the top from the start, so both
 * finish together whatever the tables' sizes. */
struct chunks {
	pthread_mutex_t mu;
	int64_t lo, step;
	int next_low, next_high;    /* chunks left: next_low … next_high */
	int count;
};

/* The next chunk's id range; false when none is left. */
static bool chunk_take(struct chunks *ch, bool from_top, int64_t *lo, int64_t *hi)
{
	pthread_mutex_lock(&ch->mu);
	int k = -1;
	if (ch->next_low <= ch->next_high)
		k = from_top ? ch->next_high-- : ch->next_low++;
	pthread_mutex_unlock(&ch->mu);
	if (k < 0)
		return false;
	*lo = ch->lo + k * ch->step;
	*hi = k == ch->count - 1 ? INT64_MAX : *lo + ch->step - 1;
	return true;
}

struct outcome_reader {
	rt_store *s;
	rt_arena *a;
	struct rt_sql_report_params p;
	const char *sql;            /* the whole SELECT */
	struct chunks *ch;
	bool from_top;
	struct rt_sql_report_scratch *rows, *points; /* the period's rows; earlier numbers */
	size_t *n, *n_points;
	rt_err err;
	int rc;
};

static void grow(struct rt_sql_report_scratch *b, size_t need)
{
	if (need <= b->room)
		return;
	b->room = b->room ? b->room * 2 : 64 * 1024;
	if (b->room < need)
		b->room = need;
	b->buf = rt_xrealloc(b->buf, b->room);
}

/* One chunk: a row of the period itself whole (rt_sql_report_outcome),
 * an earlier one as a point when it has a number (its columns after the
 * value are NULL: PERIOD_ONLY). */
static int read_chunk(struct outcome_reader *r)
{
	rt_db_stmt *st = rt_sql_stmt(r->s, r->sql, &r->err);
	if (!st)
		return r->err.code ? r->err.code : RT_EIO;
	int k;
	if ((k = rt_db_param_index(st, ":period")) > 0)
		rt_db_bind_int(st, k, r->p.period->id);
	if ((k = rt_db_param_index(st, ":lo")) > 0)
		rt_db_bind_int(st, k, r->p.lo);
	if ((k = rt_db_param_index(st, ":hi")) > 0)
		rt_db_bind_int(st, k, r->p.hi);
	const size_t size = sizeof(struct rt_outcome);
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		if (rt_db_col_is_null(st, 4)) {
			if (rt_db_col_is_null(st, 3))
				continue;
			grow(r->points, (*r->n_points + 1) * sizeof(struct rt_report_point));
			struct rt_report_point *pt = (struct rt_report_point *)r->points->buf +
			                             (*r->n_points)++;
			pt->indicator_id = rt_db_col_int(st, 1);
			pt->period_id = rt_db_col_int(st, 2);
			pt->value = rt_db_col_double(st, 3);
			continue;
		}
		grow(r->rows, (*r->n + 1) * size);
		void *obj = r->rows->buf + *r->n * size;
		memset(obj, 0, size);
		struct rt_col c = { st, 0, r->a, NULL };
		rt_sql_report_outcome.read(&c, obj);
		if (c.bad) {
			rt_sql_done(st);
			return rt_err_set(&r->err, RT_EIO, c.bad,
			                  "Databasen innehåller ett okänt värde i outcome.%s; är den "
			                  "skapad av en nyare rodtrad?", c.bad);
		}
		(*r->n)++;
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(r->s, rc, "outcome", &r->err);
}

static void read_chunks(struct outcome_reader *r)
{
	while (r->rc == 0 && chunk_take(r->ch, r->from_top, &r->p.lo, &r->p.hi))
		r->rc = read_chunk(r);
}

static void *read_chunks_thread(void *arg)
{
	read_chunks(arg);
	return NULL;
}

/* The ids of the outcome table: the chunks' range (none when empty). Two
 * subqueries: min and max in one SELECT scan a whole index. */
static int outcome_ids(rt_store *s, struct chunks *ch, int n_chunks, rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s, "SELECT (SELECT min(id) FROM outcome), "
	                                "(SELECT max(id) FROM outcome)", err);
	if (!st)
		return err ? err->code : RT_EIO;
	int rc = rt_db_step(st);
	ch->count = 0;
	if (rc == RT_DB_ROW && !rt_db_col_is_null(st, 0)) {
		int64_t lo = rt_db_col_int(st, 0), hi = rt_db_col_int(st, 1);
		ch->lo = lo;
		ch->step = (hi - lo) / n_chunks + 1;
		ch->count = n_chunks;
	}
	rt_sql_done(st);
	if (rc != RT_DB_ROW)
		return rt_sql_fail(s, rc, "outcome", err);
	ch->next_low = 0;
	ch->next_high = ch->count - 1;
	return 0;
}

/* ---- the keys per table ---------------------------------------------------- */

/* A plan's goals by (parent or 0, position, id), as goals_in_document_order
 * wants them. */
static int goal_cmp(const void *pa, const void *pb)
{
	const struct rt_goal *a = pa, *b = pb;
	if (a->parent_id != b->parent_id) return a->parent_id < b->parent_id ? -1 : 1;
	if (a->position != b->position) return a->position < b->position ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

static bool goal_key(const struct ctx *c, const void *row, struct row_key *k)
{
	const struct rt_goal *g = row;
	/* the query asks for the report's plans only; the plan's place */
	for (size_t i = 0; i < c->out->n; i++)
		if (c->out->docs[i].plan.id == g->plan_id) {
			*k = (struct row_key){ (uint32_t)i, 0, 0, 0, 0, g->id };
			return true;
		}
	return false;
}

#define BY_PARENT(name, type, parent_map, parent, k1_, k2_, k3_)                         \
	static bool name(const struct ctx *c, const void *row, struct row_key *k)           \
	{                                                                                  \
		const type *x = row;                                                         \
		uint32_t r;                                                                \
		if (!map_get(&c->parent_map, x->parent, &r))                               \
			return false;                                                      \
		*k = (struct row_key){ r, 0, (k1_), (k2_), (k3_), x->id };                \
		return true;                                                               \
	}

BY_PARENT(indicator_key, struct rt_indicator, goals, goal_id, x->position, 0, 0)
BY_PARENT(target_key, struct rt_target, indicators, indicator_id, x->year, 0, 0)
BY_PARENT(baseline_key, struct rt_baseline, indicators, indicator_id, x->year, 0, 0)
BY_PARENT(activity_key, struct rt_activity, goals, goal_id, x->position, 0, 0)
BY_PARENT(assessment_key, struct rt_assessment, goals, goal_id, 0, 0, 0)
BY_PARENT(activity_status_key, struct rt_activity_status, activities, activity_id, 0, 0, 0)

/* An outcome's indicator's and period's places; false when outside. */
static bool places(const struct ctx *c, int64_t indicator_id, int64_t period_id, uint32_t *r,
                   int32_t *per)
{
	uint32_t p;
	if (!map_get(&c->indicators, indicator_id, r) || !map_get(&c->periods, period_id, &p))
		return false;
	*per = (int32_t)p;
	return true;
}

/* rt_sql_sort_outcomes' order: indicator, period's place, gender, org unit */
static bool outcome_key(const struct ctx *c, const void *row, struct row_key *k)
{
	const struct rt_outcome *o = row;
	*k = (struct row_key){ 0, 0, 0, (int32_t)o->gender, o->org_unit_id, o->id };
	return places(c, o->indicator_id, o->period_id, &k->rank, &k->k1);
}

/* Points in the outcomes' order: indicator, period's place. */
static bool point_key(const struct ctx *c, const void *row, struct row_key *k)
{
	const struct rt_report_point *pt = row;
	*k = (struct row_key){ 0 };
	return places(c, pt->indicator_id, pt->period_id, &k->rank, &k->k1);
}

static const struct rt_sql_report_rows point_rows = {
	"outcome", NULL, sizeof(struct rt_report_point), NULL,
};

/* Places of a goal's child rows (indicators, activities: in document
 * order) by id, and their documents. */
static void index_rows(const struct ctx *c, const char *rows, size_t n, size_t size,
                       size_t goal_off, struct id_map *map, uint32_t **doc_of)
{
	map_init(map, n);
	*doc_of = rt_xmalloc((n ? n : 1) * sizeof(**doc_of));
	for (size_t i = 0; i < n; i++) {
		int64_t id;
		memcpy(&id, rows + i * size, sizeof(id)); /* id is first */
		map_put(map, id, (uint32_t)i);
		int64_t goal;
		uint32_t g = 0;
		memcpy(&goal, rows + i * size + goal_off, sizeof(goal));
		map_get(&c->goals, goal, &g); /* kept rows have their goal */
		(*doc_of)[i] = c->goal_doc[g];
	}
}

/* ---- the documents ---------------------------------------------------------- */

/* The report's plans and owners, and the period window every document
 * shares; ids gets the plan ids as an SQL list. */
static int load_plans(struct ctx *c, const int64_t *plan_ids, size_t n, rt_buf *ids,
                      rt_err *err)
{
	struct rt_report_docs *out = c->out;
	rt_arena *a = &out->arena;
	int rc;
	for (size_t i = 0; i < n; i++) {
		struct rt_plan_doc *d = &out->docs[i];
		if ((rc = rt_sql_get(c->s, &rt_sql_plan, a, plan_ids[i], &d->plan, err)) != 0 ||
		    (rc = rt_sql_get(c->s, &rt_sql_org_unit, a, d->plan.owner_org_id, &d->owner,
		                     err)) != 0)
			return rc;
		rt_buf_addf(ids, "%s%lld", i ? "," : "", (long long)plan_ids[i]);
	}
	struct rt_sql_report_scratch prow = { NULL, 0 };
	size_t n_periods = 0;
	rc = rt_sql_report_read(c->s, &rt_sql_report_period, rt_sql_report_periods_sql, &c->p, a,
	                        &prow, &n_periods, err);
	struct rt_period *periods = NULL;
	if (rc == 0 && n_periods) {
		periods = rt_arena_alloc(a, n_periods * sizeof(*periods));
		memcpy(periods, prow.buf, n_periods * sizeof(*periods));
	}
	free(prow.buf);
	if (rc)
		return rc;
	map_init(&c->periods, n_periods);
	for (size_t i = 0; i < n_periods; i++)
		map_put(&c->periods, periods[i].id, (uint32_t)i);
	for (size_t i = 0; i < n; i++) {
		out->docs[i].periods = periods;
		out->docs[i].n_periods = out->docs[i].cap_periods = n_periods;
	}
	return 0;
}

/* Outcomes: one scan of the table (each row's period and scope are in the
 * row itself, so an index would only add a seek per row), a chunk of row
 * ids at a time; the + keeps SQLite from an index per OR branch. The
 * window's ids as a range (two comparisons a row) and, only when it has
 * gaps, the list (a lookup in a temporary index a row). */
static void outcome_sql(const struct ctx *c, rt_buf *sql)
{
	const struct rt_plan_doc *d = &c->out->docs[0];
	int64_t self = c->p.period->id, lo = self, hi = self;
	for (size_t i = 0; i < d->n_periods; i++) {
		lo = d->periods[i].id < lo ? d->periods[i].id : lo;
		hi = d->periods[i].id > hi ? d->periods[i].id : hi;
	}
	rt_buf_addf(sql, "SELECT %s FROM outcome x WHERE x.id BETWEEN :lo AND :hi AND ",
	            rt_sql_report_outcome.select);
	rt_buf_addf(sql, "+x.period_id BETWEEN %lld AND %lld", (long long)lo, (long long)hi);
	if ((uint64_t)(hi - lo) + 1 != d->n_periods) {
		rt_buf_addf(sql, " AND +x.period_id IN (%lld", (long long)self);
		for (size_t i = 0; i < d->n_periods; i++)
			if (d->periods[i].id != self)
				rt_buf_addf(sql, ",%lld", (long long)d->periods[i].id);
		rt_buf_addch(sql, ')');
	}
	rt_buf_addstr(sql, " AND (+x.period_id = :period OR "
	                   "(x.gender = 'total' AND +x.org_unit_id IS NULL))");
}

/* Every table but outcome, into the documents. */
static int load_tables(struct ctx *c, size_t n, const char *plan_ids, rt_err *err)
{
	struct rt_report_docs *out = c->out;
	/* goals: by plan, then (parent, position, id), then document order */
	rt_buf sql = RT_BUF_INIT;
	rt_buf_addf(&sql, "FROM goal x WHERE x.plan_id IN (%s)", plan_ids);
	struct table goals_t = { &rt_sql_report_goal, sql.buf, goal_key, n, NULL, DOC_ARRAY(goals) };
	char *goals;
	int rc = read_table(c, &goals_t, &goals, &c->n_goals, err);
	rt_buf_release(&sql);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		qsort(out->docs[i].goals, out->docs[i].n_goals, sizeof(struct rt_goal), goal_cmp);
		rt_sql_goals_in_document_order(out->docs[i].goals, out->docs[i].n_goals);
	}
	c->goal_doc = rt_xmalloc((c->n_goals ? c->n_goals : 1) * sizeof(*c->goal_doc));
	map_init(&c->goals, c->n_goals);
	for (size_t i = 0, g = 0; i < n; i++)
		for (size_t j = 0; j < out->docs[i].n_goals; j++, g++) {
			map_put(&c->goals, out->docs[i].goals[j].id, (uint32_t)g);
			c->goal_doc[g] = (uint32_t)i;
		}

	struct table ind_t = { &rt_sql_report_indicator, "FROM indicator x", indicator_key,
	                       c->n_goals, c->goal_doc, DOC_ARRAY(indicators) };
	char *inds;
	if ((rc = read_table(c, &ind_t, &inds, &c->n_indicators, err)) != 0)
		return rc;
	index_rows(c, inds, c->n_indicators, sizeof(struct rt_indicator),
	           offsetof(struct rt_indicator, goal_id), &c->indicators, &c->indicator_doc);

	struct table act_t = { &rt_sql_report_activity, "FROM activity x", activity_key,
	                       c->n_goals, c->goal_doc, DOC_ARRAY(activities) };
	char *acts;
	if ((rc = read_table(c, &act_t, &acts, &c->n_activities, err)) != 0)
		return rc;
	index_rows(c, acts, c->n_activities, sizeof(struct rt_activity),
	           offsetof(struct rt_activity, goal_id), &c->activities, &c->activity_doc);

	const struct table rest[] = {
		{ &rt_sql_report_target, "FROM target x WHERE x.gender = 'total' AND "
		  "x.org_unit_id IS NULL", target_key, c->n_indicators, c->indicator_doc,
		  DOC_ARRAY(targets) },
		{ &rt_sql_report_baseline, "FROM baseline x WHERE x.gender = 'total' AND "
		  "x.org_unit_id IS NULL", baseline_key, c->n_indicators, c->indicator_doc,
		  DOC_ARRAY(baselines) },
		{ &rt_sql_report_assessment, "FROM assessment x WHERE x.period_id = :period",
		  assessment_key, c->n_goals, c->goal_doc, DOC_ARRAY(assessments) },
		{ &rt_sql_report_activity_status,
		  "FROM activity_status x WHERE x.period_id = :period", activity_status_key,
		  c->n_activities, c->activity_doc, DOC_ARRAY(activity_statuses) },
	};
	for (size_t i = 0; i < sizeof(rest) / sizeof(rest[0]) && rc == 0; i++) {
		char *rows;
		size_t m;
		rc = read_table(c, &rest[i], &rows, &m, err);
	}
	return rc;
}

static int load(struct ctx *c, const int64_t *plan_ids, size_t n, rt_err *err)
{
	rt_buf ids = RT_BUF_INIT, sql = RT_BUF_INIT;
	struct chunks ch = { PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, -1, 0 };
	int rc = load_plans(c, plan_ids, n, &ids, err);
	if (rc == 0 && n)
		rc = outcome_ids(c->s, &ch, c->s2 ? 16 : 1, err);
	if (rc || n == 0) {
		rt_buf_release(&ids);
		return rc;
	}
	outcome_sql(c, &sql);
	/* the second thread reads outcomes while this one reads the rest */
	struct sources src = { 0 }, pts = { 0 };
	struct outcome_reader r[2] = {
		{ c->s, &c->out->arena, c->p, sql.buf, &ch, false, &src.rows[0], &pts.rows[0],
		  &src.n[0], &pts.n[0], RT_ERR_INIT, 0 },
		{ c->s2, &c->out->arena2, c->p, sql.buf, &ch, true, &src.rows[1], &pts.rows[1],
		  &src.n[1], &pts.n[1], RT_ERR_INIT, 0 },
	};
	pthread_t thread;
	bool threaded = c->s2 && pthread_create(&thread, NULL, read_chunks_thread, &r[1]) == 0;
	rc = load_tables(c, n, ids.buf, err);
	if (rc == 0) {
		read_chunks(&r[0]);
	} else {
		pthread_mutex_lock(&ch.mu); /* leave the second thread nothing more */
		ch.next_low = ch.next_high + 1;
		pthread_mutex_unlock(&ch.mu);
	}
	if (threaded)
		pthread_join(thread, NULL);
	for (size_t k = 0; k < 2 && rc == 0; k++)
		if (r[k].rc) {
			rc = r[k].rc;
			if (err)
				*err = r[k].err;
		}
	if (rc == 0) {
		/* the points put in order by a second thread meanwhile: the two
		 * write different arrays of the documents */
		struct placing pl = { c, { &point_rows, NULL, point_key, c->n_indicators,
		                           c->indicator_doc, offsetof(struct rt_report_points, items),
		                           offsetof(struct rt_report_points, n),
		                           offsetof(struct rt_report_points, n), c->out->points,
		                           sizeof(struct rt_report_points) },
		                      &pts, NULL, 0 };
		pthread_t placer;
		bool placing = c->s2 && pthread_create(&placer, NULL, place_thread, &pl) == 0;
		struct table out_t = { &rt_sql_report_outcome, NULL, outcome_key, c->n_indicators,
		                       c->indicator_doc, DOC_ARRAY(outcomes) };
		char *rows;
		size_t m;
		order_place(c, &out_t, &src, &rows, &m);
		keep_block(c->out, rows);
		free(src.rows[0].buf);
		free(src.rows[1].buf);
		src = (struct sources){ 0 };
		if (placing)
			pthread_join(placer, NULL);
		else
			place_thread(&pl);
		keep_block(c->out, pl.rows);
	}
	free(src.rows[0].buf);
	free(src.rows[1].buf);
	free(pts.rows[0].buf);
	free(pts.rows[1].buf);
	rt_buf_release(&sql);
	rt_buf_release(&ids);
	return rc;
}

int rt_store_plans_load_followup(rt_store *s, rt_store *s2, const int64_t *plan_ids, size_t n,
                                 const struct rt_period *period, struct rt_report_docs *out,
                                 rt_err *err)
{
	memset(out, 0, sizeof(*out));
	out->docs = rt_xcalloc(n ? n : 1, sizeof(*out->docs));
	out->points = rt_xcalloc(n ? n : 1, sizeof(*out->points));
	out->n = n;
	struct ctx c = { .s = s, .s2 = s2, .out = out, .p = { 0, "[]", period, 0, 0 } };
	int rc = load(&c, plan_ids, n, err);
	map_free(&c.goals);
	map_free(&c.indicators);
	map_free(&c.activities);
	map_free(&c.periods);
	free(c.goal_doc);
	free(c.indicator_doc);
	free(c.activity_doc);
	if (rc)
		rt_report_docs_release(out);
	return rc;
}

void rt_report_docs_release(struct rt_report_docs *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_blocks; i++)
		free(d->blocks[i]);
	free(d->blocks);
	free(d->docs);
	free(d->points);
	rt_arena_release(&d->arena);
	rt_arena_release(&d->arena2);
	memset(d, 0, sizeof(*d));
}
