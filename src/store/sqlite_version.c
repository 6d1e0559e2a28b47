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
