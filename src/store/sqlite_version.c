/* Optimistic concurrency (issue 8 §1, 0010_row_version.sql): the row
 * version of the rows an officer edits, and the expectations a writer
 * sets ("I started from version 3") that the generic put (sqlite_put.c)
 * turns into UPDATE … WHERE id = ? AND row_version = ?. Knows which tables
 * carry a row_version; nothing else here speaks SQL. Backend-neutral: on
 * PostgreSQL the writers' lock (db_pg.c) and the guarded UPDATE keep two
 * server processes from both winning. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/alloc.h"

/* The tables with a row_version column (0010). Compared by name so that a
 * caller can name them in rt_store_row_version without the descriptors. */
static const char *const versioned[] = {
	"plan", "goal", "indicator", "target", "activity", "outcome", "assessment",
	"activity_status", NULL,
};

bool rt_sql_has_row_version(const char *table)
{
	for (size_t i = 0; versioned[i]; i++)
		if (!strcmp(versioned[i], table))
			return true;
	return false;
}

int rt_store_row_version(rt_store *s, const char *table, int64_t id, int64_t *version,
                         rt_err *err)
{
	if (!table || !rt_sql_has_row_version(table))
		return rt_err_set(err, RT_EINVAL, "", "%s har ingen radversion", table ? table : "?");
	rt_buf sql = RT_BUF_INIT;
	/* the table name comes from the list above, never from the caller's text */
	rt_buf_addf(&sql, "SELECT row_version FROM %s WHERE id = ?", table);
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st)
		return err ? err->code : RT_EIO;
	rt_db_bind_int(st, 1, id);
	int rc = rt_db_step(st);
	if (rc == RT_DB_ROW)
		*version = rt_db_col_int(st, 0);
	rt_sql_done(st);
	if (rc == RT_DB_DONE)
		return rt_err_set(err, RT_ENOTFOUND, "id", "Raden med id %lld finns inte (%s)",
		                  (long long)id, table);
	return rc == RT_DB_ROW ? 0 : rt_sql_fail(s, rc, "läsa radversionen", err);
}

int rt_store_expect_version(rt_store *s, const char *table, int64_t id, int64_t version,
                            rt_err *err)
{
	if (!s->in_tx)
		return rt_err_set(err, RT_ESTATE, "",
		                  "En förväntad version gäller bara i en transaktion (rt_store_begin)");
	if (!table || !rt_sql_has_row_version(table))
		return rt_err_set(err, RT_EINVAL, "", "%s har ingen radversion", table ? table : "?");
	if (version < 1)
		return rt_err_set(err, RT_EINVAL, "version", "Ogiltig version: %lld",
		                  (long long)version);
	for (size_t i = 0; i < s->n_expects; i++)
		if (s->expects[i].id == id && !strcmp(s->expects[i].table, table)) {
			s->expects[i].version = version;
			return 0;
		}
	if (s->n_expects == s->cap_expects) {
		s->cap_expects = s->cap_expects ? 2 * s->cap_expects : 4;
		s->expects = rt_xrealloc(s->expects, s->cap_expects * sizeof(*s->expects));
	}
	/* table points into `versioned`, which outlives every store */
	for (size_t i = 0; versioned[i]; i++)
		if (!strcmp(versioned[i], table))
			table = versioned[i];
	s->expects[s->n_expects++] = (struct rt_sql_expect){ table, id, version };
	return 0;
}

bool rt_sql_expect_take(rt_store *s, const char *table, int64_t id, int64_t *version)
{
	for (size_t i = 0; i < s->n_expects; i++) {
		if (s->expects[i].id != id || strcmp(s->expects[i].table, table))
			continue;
		*version = s->expects[i].version;
		/* one update per expectation: a second put of the same row in the
		 * same transaction builds on the first, not on the stale version */
		s->expects[i] = s->expects[--s->n_expects];
		return true;
	}
	return false;
}

void rt_sql_expect_clear(rt_store *s)
{
	s->n_expects = 0;
}

void rt_sql_expect_free(rt_store *s)
{
	free(s->expects);
	s->expects = NULL;
	s->n_expects = s->cap_expects = 0;
}

int rt_sql_version_conflict(rt_store *s, const struct rt_sql_entity *e, int64_t id,
                            int64_t expected, rt_err *err)
{
	int64_t now = 0;
	int rc = rt_store_row_version(s, e->table, id, &now, err);
	if (rc == RT_ENOTFOUND)
		return rt_err_set(err, RT_ENOTFOUND, "id", "Det finns %s med id %lld", e->none,
		                  (long long)id);
	if (rc)
		return rc;
	/* "inget mål" → neuter: "sedan du öppnade det"; "ingen plan" → "den" */
	const char *pron = !strncmp(e->none, "inget", 5) ? "det" : "den";
	return rt_err_set(err, RT_ECONFLICT, "version",
	                  "%s har ändrats av någon annan sedan du öppnade %s (version %lld, du "
	                  "utgick från version %lld). Ladda om och gör om din ändring.",
	                  e->definite, pron, (long long)now, (long long)expected);
}

/* Shared by the two address forms below: `sql` selects (id, row_version)
 * of at most one row; the parameters are bound by the caller. */
static int expect_found(rt_store *s, rt_db_stmt *st, const char *table, const char *what,
                        int64_t version, rt_err *err)
{
	int rc = rt_db_step(st);
	int64_t id = 0, now = 0;
	if (rc == RT_DB_ROW) {
		id = rt_db_col_int(st, 0);
		now = rt_db_col_int(st, 1);
	}
	rt_sql_done(st);
	if (rc != RT_DB_ROW && rc != RT_DB_DONE)
		return rt_sql_fail(s, rc, "läsa radversionen", err);
	if (!id)
		return 0;   /* nothing there yet: the put inserts */
	if (version == 0)
		return rt_err_set(err, RT_ECONFLICT, "version",
		                  "%s har lagts in av någon annan sedan du öppnade formuläret "
		                  "(version %lld). Ladda om och gör om din ändring.", what,
		                  (long long)now);
	return rt_store_expect_version(s, table, id, version, err);
}

int rt_store_expect_outcome(rt_store *s, int64_t indicator_id, int64_t period_id,
                            enum rt_gender gender, int64_t org_unit_id, int64_t version,
                            rt_err *err)
{
	if (!s->in_tx)
		return rt_err_set(err, RT_ESTATE, "",
		                  "En förväntad version gäller bara i en transaktion (rt_store_begin)");
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT id, row_version FROM outcome WHERE indicator_id = ? AND period_id = ? "
		"AND gender = ? AND COALESCE(org_unit_id, 0) = ?", err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_int(&b, indicator_id);
	rt_bind_int(&b, period_id);
	rt_bind_text(&b, rt_gender_name(gender));
	rt_bind_int(&b, org_unit_id);
	return expect_found(s, st, "outcome", "Utfallet", version, err);
}

/* A row addressed by (a, b) — an assessment by (goal, period), an activity
 * state by (activity, period) — as expect_found sees it. */
static int expect_pair(rt_store *s, const char *sql, int64_t a, int64_t b, const char *table,
                       const char *what, int64_t version, rt_err *err)
{
	if (!s->in_tx)
		return rt_err_set(err, RT_ESTATE, "",
		                  "En förväntad version gäller bara i en transaktion (rt_store_begin)");
	rt_db_stmt *st = rt_sql_stmt(s, sql, err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind bd = { st, 1, RT_DB_OK };
	rt_bind_int(&bd, a);
	rt_bind_int(&bd, b);
	return expect_found(s, st, table, what, version, err);
}

int rt_store_expect_assessment(rt_store *s, int64_t goal_id, int64_t period_id, int64_t version,
                               rt_err *err)
{
	return expect_pair(s, "SELECT id, row_version FROM assessment WHERE goal_id = ? AND "
	                      "period_id = ?", goal_id, period_id, "assessment", "Bedömningen",
	                   version, err);
}

int rt_store_expect_activity_status(rt_store *s, int64_t activity_id, int64_t period_id,
                                    int64_t version, rt_err *err)
{
	return expect_pair(s, "SELECT id, row_version FROM activity_status WHERE activity_id = ? "
	                      "AND period_id = ?", activity_id, period_id, "activity_status",
	                   "Aktivitetsläget", version, err);
}

int rt_store_assessment_find(rt_store *s, rt_arena *a, int64_t goal_id, int64_t period_id,
                             struct rt_assessment *out, int64_t *version, rt_err *err)
{
	*version = 0;
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT id, row_version FROM assessment WHERE goal_id = ? AND period_id = ?", err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_int(&b, goal_id);
	rt_bind_int(&b, period_id);
	int rc = rt_db_step(st);
	int64_t id = 0;
	if (rc == RT_DB_ROW) {
		id = rt_db_col_int(st, 0);
		*version = rt_db_col_int(st, 1);
	}
	rt_sql_done(st);
	if (rc == RT_DB_DONE)
		return rt_err_set(err, RT_ENOTFOUND, "period", "Målet har ingen bedömning för perioden");
	if (rc != RT_DB_ROW)
		return rt_sql_fail(s, rc, "läsa bedömningen", err);
	/* the version first, then the row (store.h rt_store_row_version) */
	return rt_sql_get(s, &rt_sql_assessment, a, id, out, err);
}

/* Steps `st` (bound; columns id, version) into an arena array. */
static int collect(rt_store *s, rt_db_stmt *st, rt_arena *a, struct rt_row_version **out,
                   size_t *n, rt_err *err)
{
	size_t cap = 0;
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 32;
			struct rt_row_version *grown = rt_arena_alloc(a, cap * sizeof(*grown));
			if (*n)
				memcpy(grown, *out, *n * sizeof(*grown));
			*out = grown;
		}
		(*out)[(*n)++] = (struct rt_row_version){ rt_db_col_int(st, 0), rt_db_col_int(st, 1) };
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "läsa radversioner", err);
}

/* The parent column of each versioned table, for rt_store_child_versions. */
static const struct {
	const char *table, *parent;
} parents[] = {
	{ "goal", "plan_id" }, { "indicator", "goal_id" }, { "activity", "goal_id" },
	{ "assessment", "goal_id" }, { "outcome", "indicator_id" }, { "target", "indicator_id" },
	{ "activity_status", "activity_id" },
};

int rt_store_child_versions(rt_store *s, rt_arena *a, const char *table, int64_t parent_id,
                            struct rt_row_version **out, size_t *n, rt_err *err)
{
	*out = NULL;
	*n = 0;
	const char *parent = NULL;
	for (size_t i = 0; i < sizeof(parents) / sizeof(parents[0]); i++)
		if (table && !strcmp(parents[i].table, table))
			table = parents[i].table, parent = parents[i].parent;
	if (!parent)
		return rt_err_set(err, RT_EINVAL, "", "%s har ingen radversion under en förälder",
		                  table ? table : "?");
	rt_buf sql = RT_BUF_INIT;
	rt_buf_addf(&sql, "SELECT id, row_version FROM %s WHERE %s = ? ORDER BY id", table, parent);
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st)
		return err ? err->code : RT_EIO;
	rt_db_bind_int(st, 1, parent_id);
	return collect(s, st, a, out, n, err);
}

int rt_store_outcome_versions(rt_store *s, rt_arena *a, int64_t plan_id, int64_t period_id,
                              struct rt_row_version **out, size_t *n, rt_err *err)
{
	*out = NULL;
	*n = 0;
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT o.indicator_id, o.row_version FROM outcome o "
		"JOIN indicator i ON i.id = o.indicator_id JOIN goal g ON g.id = i.goal_id "
		"WHERE g.plan_id = ? AND o.period_id = ? AND o.gender = 'total' "
		"AND o.org_unit_id IS NULL ORDER BY o.indicator_id", err);
	if (!st)
		return err ? err->code : RT_EIO;
	rt_db_bind_int(st, 1, plan_id);
	rt_db_bind_int(st, 2, period_id);
	return collect(s, st, a, out, n, err);
}
