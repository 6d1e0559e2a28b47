/* The outcome import as one batch (store.h rt_store_import_*, 0009). A
 * million-row file cannot afford a statement per row per table, nor a JSON
 * audit row and a hash per row: the rows are staged in import_row with one
 * prepared INSERT each (no CHECKs, no foreign keys, appended in line
 * order), and finish moves them with three set statements — the corrected
 * rows' old versions into outcome_history (INSERT … SELECT), the
 * corrections into outcome (UPDATE … FROM), the new outcomes into outcome
 * (INSERT … SELECT) — so the outcome table's CHECKs and foreign keys are
 * evaluated in one statement each (SQLite builds the lookup table of each
 * `IN (…)` CHECK once per statement, not once per row). The ids of new
 * outcomes and history rows are given here, counting on from the largest,
 * so import_row knows them before they exist: the caller's transaction
 * holds the write lock from begin on, and nothing else writes outcomes in
 * it. One audit_log row records the batch. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"

static int max_id(rt_store *s, const char *sql, int64_t *out, rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s, sql, err);
	if (!st)
		return err ? err->code : RT_EIO;
	int rc = rt_db_step(st);
	*out = rc == RT_DB_ROW ? rt_db_col_int(st, 0) : 0;
	rt_sql_done(st);
	return rc == RT_DB_ROW ? 0 : rt_sql_fail(s, rc, "läsa största id", err);
}

/* The columns of import_row in the order rt_sql_outcome.bind binds them,
 * then the batch's own. */
static const char row_insert[] =
	"INSERT INTO import_row (indicator_id, period_id, gender, org_unit_id, text, cmp, value, "
	"unit, base_year, qual, comment, status, entered_by, entered_at, computed_status, "
	"override_reason, batch_id, line, outcome_id, history_id) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

int rt_store_import_begin(rt_store *s, const char *source, const char *sha256_hex,
                          struct rt_import_batch *b, rt_err *err)
{
	memset(b, 0, sizeof(*b));
	if (!s->in_tx || !s->actor)
		return rt_err_set(err, RT_ESTATE, "",
		                  "Ändringar kan bara göras i en transaktion (rt_store_begin)");
	rt_db_stmt *st = rt_sql_stmt(s,
		"INSERT INTO import_batch (at, actor, source, sha256) VALUES (?, ?, ?, ?)", err);
	if (!st)
		return err ? err->code : RT_EIO;
	char now[32];
	rt_sql_now(now);
	struct rt_bind bd = { st, 1, RT_DB_OK };
	rt_bind_text(&bd, now);
	rt_bind_text(&bd, s->actor);
	rt_bind_text(&bd, source ? source : "");
	rt_bind_text(&bd, sha256_hex ? sha256_hex : "");
	int rc = bd.rc != RT_DB_OK ? bd.rc : rt_db_step(st);
	rt_sql_done(st);
	if (rc != RT_DB_DONE)
		return rt_sql_fail(s, rc, "skriva inläsningen", err);
	b->id = rt_db_last_id(s->db);
	/* the write lock is held from the INSERT above on */
	if ((rc = max_id(s, "SELECT COALESCE(MAX(id), 0) FROM outcome", &b->next_outcome_id,
	                 err)) != 0 ||
	    (rc = max_id(s, "SELECT COALESCE(MAX(id), 0) FROM outcome_history",
	                 &b->next_history_id, err)) != 0)
		return rc;
	if (!(b->stmt = rt_sql_stmt(s, row_insert, err)))
		return err ? err->code : RT_EIO;
	return 0;
}

int rt_store_import_row(rt_store *s, struct rt_import_batch *b, int64_t line,
                        struct rt_outcome *o, rt_err *err)
{
	rt_db_stmt *st = b->stmt;
	if (!st)
		return rt_err_set(err, RT_ESTATE, "", "Internt fel: ingen inläsning är påbörjad");
	int64_t history = 0;
	if (o->id) {
		history = ++b->next_history_id;
		b->updated++;
	} else {
		o->id = ++b->next_outcome_id;
		b->inserted++;
	}
	rt_db_reset(st);
	struct rt_bind bd = { st, 1, RT_DB_OK };
	rt_sql_outcome.bind(&bd, o);
	rt_bind_int(&bd, b->id);
	rt_bind_int(&bd, line);
	rt_bind_int(&bd, o->id);
	rt_bind_id(&bd, history);
	int rc = bd.rc != RT_DB_OK ? bd.rc : rt_db_step(st);
	if (rc != RT_DB_DONE)
		return rt_sql_fail(s, rc, "skriva inläsningens rad", err);
	b->rows++;
	return 0;
}

/* Runs one set statement of the batch; *changed gets the rows it wrote. */
static int batch_exec(rt_store *s, const char *sql, const struct rt_import_batch *b,
                      const char *actor, const char *now, int64_t *changed, rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s, sql, err);
	if (!st)
		return err ? err->code : RT_EIO;
	int rc = rt_db_bind_int(st, 1, b->id);
	if (rc == RT_DB_OK && actor)
		rc = rt_db_bind_text(st, 2, actor);
	if (rc == RT_DB_OK && now)
		rc = rt_db_bind_text(st, 3, now);
	if (rc == RT_DB_OK)
		rc = rt_db_step(st);
	rt_sql_done(st);
	if (rc != RT_DB_DONE)
		return rt_sql_fail(s, rc, "skriva utfallen", err);
	*changed = rt_db_changes(s->db);
	return 0;
}

/* Before anything changes: the stored version of every corrected row,
 * under the history id import_row already names. */
static const char history_copy[] =
	"INSERT INTO outcome_history (id, outcome_id, text, cmp, value, unit, base_year, qual, "
	"comment, status, computed_status, override_reason, entered_by, entered_at, changed_by, "
	"changed_at) "
	"SELECT r.history_id, o.id, o.text, o.cmp, o.value, o.unit, o.base_year, o.qual, "
	"o.comment, o.status, o.computed_status, o.override_reason, o.entered_by, o.entered_at, "
	"?2, ?3 FROM import_row r JOIN outcome o ON o.id = r.outcome_id "
	"WHERE r.batch_id = ?1 AND r.history_id IS NOT NULL";
/* A correction keeps the row's key, so only the other columns are set
 * (the outcome indexes and key foreign keys are left alone). */
static const char outcome_correct[] =
	"UPDATE outcome SET text = r.text, cmp = r.cmp, value = r.value, unit = r.unit, "
	"base_year = r.base_year, qual = r.qual, comment = r.comment, status = r.status, "
	"entered_by = r.entered_by, entered_at = r.entered_at, "
	"computed_status = r.computed_status, override_reason = r.override_reason "
	"FROM import_row r WHERE r.batch_id = ?1 AND r.history_id IS NOT NULL "
	"AND outcome.id = r.outcome_id";
static const char outcome_new[] =
	"INSERT INTO outcome (id, indicator_id, period_id, gender, org_unit_id, text, cmp, value, "
	"unit, base_year, qual, comment, status, entered_by, entered_at, computed_status, "
	"override_reason) "
	"SELECT outcome_id, indicator_id, period_id, gender, org_unit_id, text, cmp, value, "
	"unit, base_year, qual, comment, status, entered_by, entered_at, computed_status, "
	"override_reason FROM import_row WHERE batch_id = ?1 AND history_id IS NULL";

/* PostgreSQL's identity sequences do not see ids given explicitly. */
static int resync_ids(rt_store *s, rt_err *err)
{
	static const char *const sql[] = {
		"SELECT setval(pg_get_serial_sequence('outcome', 'id'), "
		"(SELECT COALESCE(MAX(id), 1) FROM outcome))",
		"SELECT setval(pg_get_serial_sequence('outcome_history', 'id'), "
		"(SELECT COALESCE(MAX(id), 1) FROM outcome_history))",
	};
	if (rt_db_kind(s->db) != RT_DB_POSTGRES)
		return 0;
	for (size_t i = 0; i < 2; i++) {
		int64_t v;
		int rc = max_id(s, sql[i], &v, err);
		if (rc)
			return rc;
	}
	return 0;
}

int rt_store_import_finish(rt_store *s, struct rt_import_batch *b, rt_err *err)
{
	if (!b->stmt)
		return rt_err_set(err, RT_ESTATE, "", "Internt fel: ingen inläsning är påbörjad");
	rt_sql_done(b->stmt);
	b->stmt = NULL;
	char now[32];
	rt_sql_now(now);
	int64_t hist = 0, upd = 0, ins = 0;
	int rc = batch_exec(s, history_copy, b, s->actor, now, &hist, err);
	if (rc == 0)
		rc = batch_exec(s, outcome_correct, b, NULL, NULL, &upd, err);
	if (rc == 0)
		rc = batch_exec(s, outcome_new, b, NULL, NULL, &ins, err);
	if (rc == 0 && ((size_t)hist != b->updated || (size_t)upd != b->updated ||
	                (size_t)ins != b->inserted))
		rc = rt_err_set(err, RT_EINTERNAL, "", "Internt fel: inläsningen skrev %lld nya och "
		                "%lld rättade utfall, inte %zu och %zu", (long long)ins,
		                (long long)upd, b->inserted, b->updated);
	if (rc == 0)
		rc = resync_ids(s, err);
	if (rc)
		return rc;
	rt_db_stmt *st = rt_sql_stmt(s,
		"UPDATE import_batch SET rows = ?, inserted = ?, updated = ? WHERE id = ?", err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind bd = { st, 1, RT_DB_OK };
	rt_bind_int(&bd, (int64_t)b->rows);
	rt_bind_int(&bd, (int64_t)b->inserted);
	rt_bind_int(&bd, (int64_t)b->updated);
	rt_bind_int(&bd, b->id);
	rc = bd.rc != RT_DB_OK ? bd.rc : rt_db_step(st);
	rt_sql_done(st);
	if (rc != RT_DB_DONE)
		return rt_sql_fail(s, rc, "skriva inläsningen", err);

	/* the batch as its audit row: what, from which file, how many */
	rt_db_stmt *q = rt_sql_stmt(s, "SELECT at, source, sha256 FROM import_batch WHERE id = ?",
	                            err);
	if (!q)
		return err ? err->code : RT_EIO;
	rt_db_bind_int(q, 1, b->id);
	json_t *after = NULL;
	if ((rc = rt_db_step(q)) == RT_DB_ROW)
		after = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I}", "id", (json_int_t)b->id,
		                  "at", rt_db_col_text(q, 0), "source", rt_db_col_text(q, 1),
		                  "sha256", rt_db_col_text(q, 2), "rows", (json_int_t)b->rows,
		                  "inserted", (json_int_t)b->inserted, "updated",
		                  (json_int_t)b->updated);
	rt_sql_done(q);
	if (!after)
		return rc == RT_DB_ROW ? rt_err_set(err, RT_EINVAL, "source", "Filnamnet är inte "
		                                    "giltig UTF-8")
		                       : rt_sql_fail(s, rc, "läsa inläsningen", err);
	return rt_sql_audit(s, "import_batch", b->id, "insert", after, err);
}

/* ---- many indicators at once --------------------------------------------- */

/* The number of rows of `e` that `where` selects. */
static int count_rows(rt_store *s, const struct rt_sql_entity *e, const char *where,
                      size_t *n, rt_err *err)
{
	rt_buf sql = RT_BUF_INIT;
	rt_buf_addf(&sql, "SELECT count(*) FROM %s x %s", e->table, where);
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st)
		return err ? err->code : RT_EIO;
	int rc = rt_db_step(st);
	*n = rc == RT_DB_ROW ? (size_t)rt_db_col_int(st, 0) : 0;
	rt_sql_done(st);
	return rc == RT_DB_ROW ? 0 : rt_sql_fail(s, rc, e->table, err);
}

/* Appends the rows of `e` that `where` selects, in `order`. The rows are
 * counted first so that a list of a million outcomes is allocated once,
 * not doubled and copied twenty times. */
static int load_rows(rt_store *s, const struct rt_sql_entity *e, const char *where,
                     const char *order, rt_arena *a, void **items, size_t *n, size_t *cap,
                     rt_err *err)
{
	size_t count;
	int rc = count_rows(s, e, where, &count, err);
	if (rc)
		return rc;
	rt_arena_reserve(a, items, e->size, cap, *n + count + 1);
	rt_buf sql = RT_BUF_INIT;
	rt_sql_select(&sql, e, "x");
	rt_buf_addf(&sql, " %s ORDER BY %s", where, order);
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st)
		return err ? err->code : RT_EIO;
	const char *bad = NULL;
	while (!bad && (rc = rt_db_step(st)) == RT_DB_ROW) {
		rt_arena_reserve(a, items, e->size, cap, *n + 1);
		void *obj = (char *)*items + *n * e->size;
		memset(obj, 0, e->size);
		struct rt_col c = { st, 0, a, NULL };
		e->read(&c, obj);
		bad = c.bad;
		(*n)++;
	}
	rt_sql_done(st);
	if (bad)
		return rt_err_set(err, RT_EIO, bad, "Databasen innehåller ett okänt värde i %s.%s",
		                  e->table, bad);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, e->table, err);
}

#define ROWS(e, where, order, arr)                                                       \
	load_rows(s, (e), (where), (order), &doc->arena, (void **)&doc->arr, &doc->n_##arr, \
	          &doc->cap_##arr, err)
#define OF_IDS "IN (SELECT id FROM rt_import_ids)"
#define BY_IND(e, arr) ROWS((e), "WHERE x.indicator_id " OF_IDS, "x.indicator_id, x.id", arr)

static int owners_load(rt_store *s, struct rt_plan_doc *doc, int64_t **owners, rt_err *err)
{
	*owners = rt_arena_alloc(&doc->arena, (doc->n_indicators + 1) * sizeof(**owners));
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT i.id, p.owner_org_id FROM indicator i JOIN goal g ON g.id = i.goal_id "
		"JOIN plan p ON p.id = g.plan_id WHERE i.id " OF_IDS " ORDER BY i.id", err);
	if (!st)
		return err ? err->code : RT_EIO;
	size_t k = 0;
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW && k < doc->n_indicators) {
		if (rt_db_col_int(st, 0) == doc->indicators[k].id)
			(*owners)[k++] = rt_db_col_int(st, 1);
	}
	rt_sql_done(st);
	if (rc != RT_DB_DONE && rc != RT_DB_ROW)
		return rt_sql_fail(s, rc, "plan", err);
	return k == doc->n_indicators ? 0 : rt_err_set(err, RT_EIO, "plan", "En indikator "
	                                               "saknar sitt mål eller sin plan");
}

static int by_indicator(const void *pa, const void *pb)
{
	const struct rt_outcome *a = pa, *b = pb;
	if (a->indicator_id != b->indicator_id)
		return a->indicator_id < b->indicator_id ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

/* The stored outcomes of the indicators, with only what the import reads
 * of them: a million full rows would cost a second to decode. When the
 * import names a good part of all indicators the table is read straight
 * through (the index would visit the rows in random order, three times
 * slower) and the rows are grouped here. */
static int outcomes_load(rt_store *s, struct rt_plan_doc *doc, size_t n_ids, rt_err *err)
{
	size_t all;
	int rc = count_rows(s, &rt_sql_indicator, "", &all, err);
	if (rc)
		return rc;
	bool scan = n_ids * 4 >= all;
	size_t count;
	if ((rc = count_rows(s, &rt_sql_outcome, "WHERE x.indicator_id " OF_IDS, &count, err)) != 0)
		return rc;
	rt_arena_reserve(&doc->arena, (void **)&doc->outcomes, sizeof(*doc->outcomes),
	                 &doc->cap_outcomes, count + 1);
	rt_db_stmt *st = rt_sql_stmt(s, scan
		? "SELECT x.id, x.indicator_id, x.period_id, x.gender, x.org_unit_id, x.value, "
		  "x.comment FROM outcome x WHERE +x.indicator_id " OF_IDS
		: "SELECT x.id, x.indicator_id, x.period_id, x.gender, x.org_unit_id, x.value, "
		  "x.comment FROM outcome x WHERE x.indicator_id " OF_IDS
		  " ORDER BY x.indicator_id, x.id", err);
	if (!st)
		return err ? err->code : RT_EIO;
	const char *bad = NULL;
	while (!bad && (rc = rt_db_step(st)) == RT_DB_ROW && doc->n_outcomes < count) {
		struct rt_outcome *o = &doc->outcomes[doc->n_outcomes++];
		memset(o, 0, sizeof(*o));
		o->id = rt_db_col_int(st, 0);
		o->indicator_id = rt_db_col_int(st, 1);
		o->period_id = rt_db_col_int(st, 2);
		if (rt_gender_parse(rt_db_col_text(st, 3), &o->gender, NULL) != 0)
			bad = "gender";
		o->org_unit_id = rt_db_col_is_null(st, 4) ? 0 : rt_db_col_int(st, 4);
		if ((o->value.has_value = !rt_db_col_is_null(st, 5)))
			o->value.value = rt_db_col_double(st, 5);
		o->comment = rt_arena_strdup(&doc->arena, rt_db_col_text(st, 6));
	}
	rt_sql_done(st);
	if (scan && doc->n_outcomes > 1)
		qsort(doc->outcomes, doc->n_outcomes, sizeof(*doc->outcomes), by_indicator);
	if (bad)
		return rt_err_set(err, RT_EIO, bad, "Databasen innehåller ett okänt värde i "
		                  "outcome.%s", bad);
	return rc == RT_DB_DONE || rc == RT_DB_ROW ? 0 : rt_sql_fail(s, rc, "outcome", err);
}

int rt_store_indicators_load(rt_store *s, const int64_t *ids, size_t n, struct rt_plan_doc *doc,
                             int64_t **owners, rt_err *err)
{
	*owners = NULL;
	int rc = rt_sql_exec(s, "CREATE TEMP TABLE IF NOT EXISTS rt_import_ids "
	                     "(id INTEGER PRIMARY KEY)", err);
	if (rc == 0)
		rc = rt_sql_exec(s, "DELETE FROM rt_import_ids", err);
	rt_db_stmt *st = rc ? NULL : rt_sql_stmt(s, "INSERT INTO rt_import_ids (id) VALUES (?) "
	                                         "ON CONFLICT DO NOTHING", err);
	if (!rc && !st)
		rc = err ? err->code : RT_EIO;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		rt_db_reset(st);
		rt_db_bind_int(st, 1, ids[i]);
		int step = rt_db_step(st);
		if (step != RT_DB_DONE)
			rc = rt_sql_fail(s, step, "indikatorer", err);
	}
	rt_sql_done(st);
	if (rc == 0 &&
	    ((rc = ROWS(&rt_sql_indicator, "WHERE x.id " OF_IDS, "x.id", indicators)) ||
	     (rc = owners_load(s, doc, owners, err)) ||
	     (rc = BY_IND(&rt_sql_target, targets)) ||
	     (rc = BY_IND(&rt_sql_baseline, baselines)) ||
	     (rc = outcomes_load(s, doc, n, err)) ||
	     (rc = ROWS(&rt_sql_period, "", "x.id", periods)))) {
		rt_plan_doc_release(doc);
		rt_plan_doc_init(doc);
		*owners = NULL;
	}
	if (rc == 0)
		rc = rt_sql_exec(s, "DELETE FROM rt_import_ids", err);
	return rc;
}
