/* Reads: get by id, lists, the whole plan document, the light goal list
 * for the goal chain, key lookup and the audit log. Everything a read
 * returns is allocated in the caller's arena. The plan loader fetches each
 * table with one query and orders in C (goals depth-first, the rest by
 * their goal/indicator's place), so the SQL stays portable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/alloc.h"

static int bad_row(const struct rt_sql_entity *e, const char *col, rt_err *err)
{
	return rt_err_set(err, RT_EIO, col,
	                  "Databasen innehåller ett okänt värde i %s.%s; är den skapad av en "
	                  "nyare rodtrad?", e->table, col);
}

int rt_sql_get(rt_store *s, const struct rt_sql_entity *e, rt_arena *a, int64_t id, void *obj,
               rt_err *err)
{
	rt_buf sql = RT_BUF_INIT;
	rt_sql_select(&sql, e, NULL);
	rt_buf_addstr(&sql, " WHERE id = ?");
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st)
		return err ? err->code : RT_EIO;
	rt_db_bind_int(st, 1, id);
	int rc = rt_db_step(st);
	if (rc == RT_DB_ROW) {
		memset(obj, 0, e->size);
		struct rt_col c = { st, 0, a, NULL };
		e->read(&c, obj);
		rt_sql_done(st);
		return c.bad ? bad_row(e, c.bad, err) : 0;
	}
	rt_sql_done(st);
	if (rc == RT_DB_DONE)
		return rt_err_set(err, RT_ENOTFOUND, "id", "Det finns %s med id %lld", e->none,
		                  (long long)id);
	return rt_sql_fail(s, rc, e->table, err);
}

/* Runs `sql` (with `param` bound to ?1 if it has parameters) and appends
 * every row to the arena array *items of *n (capacity *cap). */
static int load_rows(rt_store *s, const struct rt_sql_entity *e, rt_arena *a, const char *sql,
                     int64_t param, void **items, size_t *n, size_t *cap, rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s, sql, err);
	if (!st)
		return err ? err->code : RT_EIO;
	if (rt_db_param_count(st) > 0)
		rt_db_bind_int(st, 1, param);
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		rt_arena_reserve(a, items, e->size, cap, *n + 1);
		void *obj = (char *)*items + *n * e->size;
		memset(obj, 0, e->size);
		struct rt_col c = { st, 0, a, NULL };
		e->read(&c, obj);
		if (c.bad) {
			rt_sql_done(st);
			return bad_row(e, c.bad, err);
		}
		(*n)++;
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, e->table, err);
}

/* A whole table, ordered. */
static int list_all(rt_store *s, const struct rt_sql_entity *e, rt_arena *a, const char *order,
                    void **out, size_t *n, rt_err *err)
{
	rt_buf sql = RT_BUF_INIT;
	rt_sql_select(&sql, e, NULL);
	rt_buf_addf(&sql, " ORDER BY %s", order);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = load_rows(s, e, a, sql.buf, 0, out, n, &cap, err);
	rt_buf_release(&sql);
	return rc;
}

int rt_store_org_list(rt_store *s, rt_arena *a, struct rt_org_unit **out, size_t *n, rt_err *err)
{
	return list_all(s, &rt_sql_org_unit, a, "id", (void **)out, n, err);
}

int rt_store_org_get(rt_store *s, rt_arena *a, int64_t id, struct rt_org_unit *out, rt_err *err)
{
	return rt_sql_get(s, &rt_sql_org_unit, a, id, out, err);
}

int rt_store_plan_list(rt_store *s, rt_arena *a, struct rt_plan **out, size_t *n, rt_err *err)
{
	return list_all(s, &rt_sql_plan, a, "id", (void **)out, n, err);
}

int rt_store_plan_get(rt_store *s, rt_arena *a, int64_t id, struct rt_plan *out, rt_err *err)
{
	return rt_sql_get(s, &rt_sql_plan, a, id, out, err);
}

int rt_store_goal_get(rt_store *s, rt_arena *a, int64_t id, struct rt_goal *out, rt_err *err)
{
	return rt_sql_get(s, &rt_sql_goal, a, id, out, err);
}

int rt_store_period_list(rt_store *s, rt_arena *a, struct rt_period **out, size_t *n, rt_err *err)
{
	return list_all(s, &rt_sql_period, a, "start_date, end_date, id", (void **)out, n, err);
}

int rt_store_period_get(rt_store *s, rt_arena *a, int64_t id, struct rt_period *out, rt_err *err)
{
	return rt_sql_get(s, &rt_sql_period, a, id, out, err);
}

int rt_store_indicator_get(rt_store *s, rt_arena *a, int64_t id, struct rt_indicator *out,
                           rt_err *err)
{
	return rt_sql_get(s, &rt_sql_indicator, a, id, out, err);
}

int rt_store_activity_get(rt_store *s, rt_arena *a, int64_t id, struct rt_activity *out,
                          rt_err *err)
{
	return rt_sql_get(s, &rt_sql_activity, a, id, out, err);
}

/* The first row of `sql` (parameters already bound by the caller through
 * `b`) into obj; RT_ENOTFOUND with `none` when there is no row. */
static int find_one(rt_store *s, const struct rt_sql_entity *e, rt_db_stmt *st,
                    struct rt_bind *b, rt_arena *a, void *obj, const char *none, rt_err *err)
{
	int rc = b->rc != RT_DB_OK ? b->rc : rt_db_step(st);
	if (rc == RT_DB_ROW) {
		memset(obj, 0, e->size);
		struct rt_col c = { st, 0, a, NULL };
		e->read(&c, obj);
		rt_sql_done(st);
		return c.bad ? bad_row(e, c.bad, err) : 0;
	}
	rt_sql_done(st);
	if (rc == RT_DB_DONE)
		return rt_err_set(err, RT_ENOTFOUND, "", "%s", none);
	return rt_sql_fail(s, rc, e->table, err);
}

int rt_store_outcome_find(rt_store *s, rt_arena *a, int64_t indicator_id, int64_t period_id,
                          enum rt_gender gender, int64_t org_unit_id, struct rt_outcome *out,
                          rt_err *err)
{
	rt_buf sql = RT_BUF_INIT;
	rt_sql_select(&sql, &rt_sql_outcome, NULL);
	/* the same COALESCE as the unique index outcome_one_value */
	rt_buf_addstr(&sql, " WHERE indicator_id = ? AND period_id = ? AND gender = ? "
	                    "AND COALESCE(org_unit_id, 0) = ?");
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_int(&b, indicator_id);
	rt_bind_int(&b, period_id);
	rt_bind_text(&b, rt_gender_name(gender));
	rt_bind_int(&b, org_unit_id);
	return find_one(s, &rt_sql_outcome, st, &b, a, out,
	                "Det finns inget utfall för indikatorn i perioden", err);
}

int rt_store_activity_status_find(rt_store *s, rt_arena *a, int64_t activity_id,
                                  int64_t period_id, struct rt_activity_status *out,
                                  rt_err *err)
{
	rt_buf sql = RT_BUF_INIT;
	rt_sql_select(&sql, &rt_sql_activity_status, NULL);
	rt_buf_addstr(&sql, " WHERE activity_id = ? AND period_id = ?");
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_int(&b, activity_id);
	rt_bind_int(&b, period_id);
	return find_one(s, &rt_sql_activity_status, st, &b, a, out,
	                "Aktiviteten har inget läge för perioden", err);
}

int rt_store_outcome_history(rt_store *s, rt_arena *a, int64_t outcome_id,
                             struct rt_outcome_history **out, size_t *n, rt_err *err)
{
	*out = NULL;
	*n = 0;
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT id, outcome_id, text, cmp, value, unit, base_year, qual, comment, status, "
		"computed_status, override_reason, entered_by, entered_at, changed_by, changed_at "
		"FROM outcome_history WHERE outcome_id = ? ORDER BY id", err);
	if (!st)
		return err ? err->code : RT_EIO;
	rt_db_bind_int(st, 1, outcome_id);
	size_t cap = 0;
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		struct rt_outcome_history *h = RT_ARENA_PUSH(a, *out, *n, cap);
		memset(h, 0, sizeof(*h));
		struct rt_col c = { st, 0, a, NULL };
		rt_sql_read_outcome_history(&c, h);
		if (c.bad) {
			rt_sql_done(st);
			return rt_err_set(err, RT_EIO, c.bad,
			                  "Databasen innehåller ett okänt värde i outcome_history.%s; "
			                  "är den skapad av en nyare rodtrad?", c.bad);
		}
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "outcome_history", err);
}

/* ---- ordering in C ------------------------------------------------------ */

/* Sort keys of one row; idx (its place in SQL id order) breaks ties. */
struct sort_item {
	int64_t k[5];
	size_t idx;
};

static int sort_item_cmp(const void *pa, const void *pb)
{
	const struct sort_item *a = pa, *b = pb;
	for (int i = 0; i < 5; i++)
		if (a->k[i] != b->k[i])
			return a->k[i] < b->k[i] ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Puts items[] into the order of keys[] (which it sorts). */
static void reorder(void *items, size_t n, size_t size, struct sort_item *keys)
{
	if (n < 2)
		return;
	qsort(keys, n, sizeof(*keys), sort_item_cmp);
	char *tmp = rt_xmalloc(n * size);
	for (size_t i = 0; i < n; i++)
		memcpy(tmp + i * size, (char *)items + keys[i].idx * size, size);
	memcpy(items, tmp, n * size);
	free(tmp);
}

/* id → place in the document, for "ordered by its goal's place". */
struct rank {
	int64_t id;
	int64_t rank;
};

static int rank_cmp(const void *pa, const void *pb)
{
	const struct rank *a = pa, *b = pb;
	return a->id < b->id ? -1 : a->id > b->id;
}

struct ranks {
	struct rank *r;
	size_t n;
};

/* Every struct here starts with its int64_t id. */
static struct ranks ranks_of(const void *items, size_t n, size_t size)
{
	struct ranks rk = { rt_xcalloc(n ? n : 1, sizeof(struct rank)), n };
	for (size_t i = 0; i < n; i++) {
		rk.r[i].id = *(const int64_t *)((const char *)items + i * size);
		rk.r[i].rank = (int64_t)i;
	}
	qsort(rk.r, n, sizeof(*rk.r), rank_cmp);
	return rk;
}

static int64_t rank_get(const struct ranks *rk, int64_t id)
{
	struct rank key = { id, 0 };
	const struct rank *hit = rk->n ? bsearch(&key, rk->r, rk->n, sizeof(key), rank_cmp) : NULL;
	return hit ? hit->rank : INT64_MAX;
}

/* Goals come sorted by (parent, position, id); children of one parent are
 * a contiguous run, found by binary search. */
static size_t first_child(const struct rt_goal *g, size_t n, int64_t parent)
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

static void emit_goal(const struct rt_goal *src, size_t n, size_t i, bool *done,
                      struct rt_goal *dst, size_t *m)
{
	done[i] = true;
	dst[(*m)++] = src[i];
	int64_t id = src[i].id;
	for (size_t j = first_child(src, n, id); j < n && src[j].parent_id == id; j++)
		if (!done[j])
			emit_goal(src, n, j, done, dst, m);
}

/* Depth-first pre-order: a parent before its children, siblings by
 * position. Goals whose parent is missing (or in a cycle) come last. */
static void order_goals(struct rt_goal *goals, size_t n)
{
	if (n < 2)
		return;
	bool *done = rt_xcalloc(n, sizeof(bool));
	struct rt_goal *out = rt_xmalloc(n * sizeof(*out));
	size_t m = 0;
	for (size_t i = 0; i < n && goals[i].parent_id == 0; i++)
		if (!done[i])
			emit_goal(goals, n, i, done, out, &m);
	for (size_t i = 0; i < n; i++)
		if (!done[i])
			emit_goal(goals, n, i, done, out, &m);
	memcpy(goals, out, n * sizeof(*out));
	free(out);
	free(done);
}

/* ---- the plan document --------------------------------------------------- */

struct doc_ranks {
	struct ranks goal, indicator, period, activity;
};

#define SORT_BY(doc, arr, keyfn, ctx)                                                   \
	do {                                                                            \
		struct sort_item *k_ = rt_xcalloc((doc)->n_##arr ? (doc)->n_##arr : 1,  \
		                                  sizeof(*k_));                         \
		for (size_t i_ = 0; i_ < (doc)->n_##arr; i_++) {                       \
			keyfn(&(doc)->arr[i_], (ctx), k_[i_].k);                        \
			k_[i_].idx = i_;                                                \
		}                                                                       \
		reorder((doc)->arr, (doc)->n_##arr, sizeof(*(doc)->arr), k_);           \
		free(k_);                                                               \
	} while (0)

static void key_indicator(const struct rt_indicator *x, const struct doc_ranks *r, int64_t k[5])
{
	k[0] = rank_get(&r->goal, x->goal_id);
	k[1] = x->position;
}

static void key_target(const struct rt_target *x, const struct doc_ranks *r, int64_t k[5])
{
	k[0] = rank_get(&r->indicator, x->indicator_id);
	k[1] = x->year;
	k[2] = x->gender;
	k[3] = x->org_unit_id;
}

static void key_baseline(const struct rt_baseline *x, const struct doc_ranks *r, int64_t k[5])
{
	k[0] = rank_get(&r->indicator, x->indicator_id);
	k[1] = x->year;
	k[2] = x->gender;
	k[3] = x->org_unit_id;
}

static void key_activity(const struct rt_activity *x, const struct doc_ranks *r, int64_t k[5])
{
	k[0] = rank_get(&r->goal, x->goal_id);
	k[1] = x->position;
}

static void key_budget(const struct rt_budget_line *x, const struct doc_ranks *r, int64_t k[5])
{
	(void)r;
	k[0] = x->kind;
	k[1] = x->position;
	k[2] = x->year;
	k[3] = x->org_unit_id;
}

static void key_outcome(const struct rt_outcome *x, const struct doc_ranks *r, int64_t k[5])
{
	k[0] = rank_get(&r->indicator, x->indicator_id);
	k[1] = rank_get(&r->period, x->period_id);
	k[2] = x->gender;
	k[3] = x->org_unit_id;
}

static void key_assessment(const struct rt_assessment *x, const struct doc_ranks *r, int64_t k[5])
{
	k[0] = rank_get(&r->goal, x->goal_id);
	k[1] = rank_get(&r->period, x->period_id);
}

static void key_activity_status(const struct rt_activity_status *x, const struct doc_ranks *r,
                                int64_t k[5])
{
	k[0] = rank_get(&r->activity, x->activity_id);
	k[1] = rank_get(&r->period, x->period_id);
}

/* Rows of `e` that belong to the plan, through `join` (which names the
 * plan's goals as g), in id order. */
static int load_part(rt_store *s, struct rt_plan_doc *doc, const struct rt_sql_entity *e,
                     const char *alias, const char *join, void **items, size_t *n, size_t *cap,
                     rt_err *err)
{
	rt_buf sql = RT_BUF_INIT;
	rt_sql_select(&sql, e, alias);
	rt_buf_addf(&sql, " %s ORDER BY %s.id", join, alias);
	int rc = load_rows(s, e, &doc->arena, sql.buf, doc->plan.id, items, n, cap, err);
	rt_buf_release(&sql);
	return rc;
}

#define LOAD(e, alias, join, arr)                                                        \
	load_part(s, doc, (e), (alias), (join), (void **)&doc->arr, &doc->n_##arr,      \
	          &doc->cap_##arr, err)

static const char by_goal[] = "JOIN goal g ON g.id = x.goal_id WHERE g.plan_id = ?";
static const char by_indicator[] =
	"JOIN indicator i ON i.id = x.indicator_id JOIN goal g ON g.id = i.goal_id "
	"WHERE g.plan_id = ?";
static const char by_plan[] = "WHERE x.plan_id = ?";
static const char by_activity[] =
	"JOIN activity ac ON ac.id = x.activity_id JOIN goal g ON g.id = ac.goal_id "
	"WHERE g.plan_id = ?";
static const char periods_of_plan[] =
	"WHERE x.id IN (SELECT o.period_id FROM outcome o "
	"JOIN indicator i ON i.id = o.indicator_id JOIN goal g ON g.id = i.goal_id "
	"WHERE g.plan_id = ?1 "
	"UNION SELECT a.period_id FROM assessment a JOIN goal g ON g.id = a.goal_id "
	"WHERE g.plan_id = ?1 "
	"UNION SELECT s.period_id FROM activity_status s "
	"JOIN activity ac ON ac.id = s.activity_id JOIN goal g ON g.id = ac.goal_id "
	"WHERE g.plan_id = ?1)";

static int plan_load(rt_store *s, int64_t plan_id, struct rt_plan_doc *doc, rt_err *err)
{
	int rc;
	if ((rc = rt_sql_get(s, &rt_sql_plan, &doc->arena, plan_id, &doc->plan, err)) != 0 ||
	    (rc = rt_sql_get(s, &rt_sql_org_unit, &doc->arena, doc->plan.owner_org_id,
	                     &doc->owner, err)) != 0)
		return rc;

	rt_buf sql = RT_BUF_INIT;
	rt_sql_select(&sql, &rt_sql_plan_change, NULL);
	rt_buf_addstr(&sql, " WHERE plan_id = ? ORDER BY version, id");
	rc = load_rows(s, &rt_sql_plan_change, &doc->arena, sql.buf, plan_id,
	               (void **)&doc->changes, &doc->n_changes, &doc->cap_changes, err);
	rt_buf_reset(&sql);
	rt_sql_select(&sql, &rt_sql_goal, NULL);
	rt_buf_addstr(&sql, " WHERE plan_id = ? ORDER BY COALESCE(parent_id, 0), position, id");
	if (!rc)
		rc = load_rows(s, &rt_sql_goal, &doc->arena, sql.buf, plan_id, (void **)&doc->goals,
		               &doc->n_goals, &doc->cap_goals, err);
	rt_buf_release(&sql);
	if (rc)
		return rc;
	order_goals(doc->goals, doc->n_goals);

	if ((rc = LOAD(&rt_sql_indicator, "x", by_goal, indicators)) != 0 ||
	    (rc = LOAD(&rt_sql_target, "x", by_indicator, targets)) != 0 ||
	    (rc = LOAD(&rt_sql_baseline, "x", by_indicator, baselines)) != 0 ||
	    (rc = LOAD(&rt_sql_activity, "x", by_goal, activities)) != 0 ||
	    (rc = LOAD(&rt_sql_budget_line, "x", by_plan, budget)) != 0 ||
	    (rc = LOAD(&rt_sql_outcome, "x", by_indicator, outcomes)) != 0 ||
	    (rc = LOAD(&rt_sql_assessment, "x", by_goal, assessments)) != 0 ||
	    (rc = LOAD(&rt_sql_activity_status, "x", by_activity, activity_statuses)) != 0)
		return rc;

	rt_sql_select(&sql, &rt_sql_period, "x");
	rt_buf_addf(&sql, " %s ORDER BY x.start_date, x.end_date, x.id", periods_of_plan);
	rc = load_rows(s, &rt_sql_period, &doc->arena, sql.buf, plan_id, (void **)&doc->periods,
	               &doc->n_periods, &doc->cap_periods, err);
	rt_buf_release(&sql);
	if (rc)
		return rc;

	struct doc_ranks r;
	r.goal = ranks_of(doc->goals, doc->n_goals, sizeof(*doc->goals));
	r.period = ranks_of(doc->periods, doc->n_periods, sizeof(*doc->periods));
	SORT_BY(doc, indicators, key_indicator, &r);
	r.indicator = ranks_of(doc->indicators, doc->n_indicators, sizeof(*doc->indicators));
	SORT_BY(doc, targets, key_target, &r);
	SORT_BY(doc, baselines, key_baseline, &r);
	SORT_BY(doc, activities, key_activity, &r);
	SORT_BY(doc, budget, key_budget, &r);
	SORT_BY(doc, outcomes, key_outcome, &r);
	SORT_BY(doc, assessments, key_assessment, &r);
	r.activity = ranks_of(doc->activities, doc->n_activities, sizeof(*doc->activities));
	SORT_BY(doc, activity_statuses, key_activity_status, &r);
	free(r.activity.r);
	free(r.goal.r);
	free(r.period.r);
	free(r.indicator.r);
	return 0;
}

int rt_store_plan_load(rt_store *s, int64_t plan_id, struct rt_plan_doc *doc, rt_err *err)
{
	int rc = plan_load(s, plan_id, doc, err);
	if (rc) {
		rt_plan_doc_release(doc);
		rt_plan_doc_init(doc);
	}
	return rc;
}

/* ---- the goal chain, keys, audit log -------------------------------------- */

int rt_store_goal_refs(rt_store *s, rt_arena *a, struct rt_goal_ref **out, size_t *n, rt_err *err)
{
	*out = NULL;
	*n = 0;
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT g.id, g.plan_id, g.serves_goal_id, p.kind, o.kind, g.title, p.title "
		"FROM goal g JOIN plan p ON p.id = g.plan_id JOIN org_unit o ON o.id = p.owner_org_id "
		"ORDER BY g.plan_id, g.id", err);
	if (!st)
		return err ? err->code : RT_EIO;
	size_t cap = 0;
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		struct rt_goal_ref *r = RT_ARENA_PUSH(a, *out, *n, cap);
		struct rt_col c = { st, 0, a, NULL };
		r->goal_id = rt_col_int(&c);
		r->plan_id = rt_col_int(&c);
		r->serves_goal_id = rt_col_id(&c);
		enum rt_plan_kind pk;
		enum rt_org_kind ok;
		if (rt_plan_kind_parse(rt_db_col_text(st, 3), &pk, NULL) != 0 ||
		    rt_org_kind_parse(rt_db_col_text(st, 4), &ok, NULL) != 0) {
			rt_sql_done(st);
			return bad_row(&rt_sql_plan, "kind", err);
		}
		r->plan_level = rt_plan_level(pk, ok);
		c.i = 5;
		r->title = rt_col_text(&c);
		r->plan_title = rt_col_text(&c);
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "goal", err);
}

int rt_store_find_key(rt_store *s, const char *table, const char *key, int64_t *id, rt_err *err)
{
	/* A fixed list: the table name goes into SQL text, so it is never
	 * taken from the caller as it is. */
	static const struct {
		const char *table;
		const char *sql;
		const struct rt_sql_entity *e;
	} tables[] = {
		{ "org_unit", "SELECT id FROM org_unit WHERE key = ?", &rt_sql_org_unit },
		{ "plan", "SELECT id FROM plan WHERE key = ?", &rt_sql_plan },
		{ "goal", "SELECT id FROM goal WHERE key = ?", &rt_sql_goal },
		{ "indicator", "SELECT id FROM indicator WHERE key = ?", &rt_sql_indicator },
		{ "activity", "SELECT id FROM activity WHERE key = ?", &rt_sql_activity },
		{ "period", "SELECT id FROM period WHERE key = ?", &rt_sql_period },
	};
	*id = 0;
	for (size_t i = 0; table && i < sizeof(tables) / sizeof(tables[0]); i++) {
		if (strcmp(tables[i].table, table) != 0)
			continue;
		if (!key || !*key)
			return rt_err_set(err, RT_EINVAL, "key", "Ingen nyckel angiven");
		rt_db_stmt *st = rt_sql_stmt(s, tables[i].sql, err);
		if (!st)
			return err ? err->code : RT_EIO;
		rt_db_bind_text(st, 1, key);
		int rc = rt_db_step(st);
		if (rc == RT_DB_ROW)
			*id = rt_db_col_int(st, 0);
		rt_sql_done(st);
		if (rc == RT_DB_ROW)
			return 0;
		if (rc == RT_DB_DONE)
			return rt_err_set(err, RT_ENOTFOUND, "key", "Det finns %s med nyckeln '%s'",
			                  tables[i].e->none, key);
		return rt_sql_fail(s, rc, table, err);
	}
	return rt_err_set(err, RT_EINVAL, "table", "Okänd tabell för nyckelsökning: %s",
	                  table ? table : "(ingen)");
}

int rt_store_audit_list(rt_store *s, rt_arena *a, const char *entity, int64_t entity_id,
                        struct rt_audit_row **out, size_t *n, rt_err *err)
{
	*out = NULL;
	*n = 0;
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT id, at, actor, entity, entity_id, action, before_json, after_json "
		"FROM audit_log WHERE (?1 IS NULL OR entity = ?1) AND (?2 = 0 OR entity_id = ?2) "
		"ORDER BY id", err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_text(&b, entity);
	rt_bind_int(&b, entity ? entity_id : 0);
	size_t cap = 0;
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		struct rt_audit_row *r = RT_ARENA_PUSH(a, *out, *n, cap);
		struct rt_col c = { st, 0, a, NULL };
		r->id = rt_col_int(&c);
		r->at = rt_col_text(&c);
		r->actor = rt_col_text(&c);
		r->entity = rt_col_text(&c);
		r->entity_id = rt_col_int(&c);
		r->action = rt_col_text(&c);
		r->before = rt_col_text(&c);
		r->after = rt_col_text(&c);
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "audit_log", err);
}
