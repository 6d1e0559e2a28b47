/* The bulk outcome write of an import (rt_store_outcome_put_bulk). An
 * import runs in one transaction that is rolled back on any error, so the
 * generic put's savepoint per row buys nothing there; the caller has just
 * read the stored row (rt_store_outcome_find), so it is not read again for
 * the audit before-image and the history; and the caller's ids come from
 * its own look-ups, so the foreign keys are not checked row by row. What
 * is written is exactly what rt_store_outcome_put writes: the row, its
 * history row on a correction, and its audit row. */
#include <stdlib.h>

#include "store/sqlite_auth_int.h"

/* A correction keeps the row's key (it was found by it), so the UPDATE
 * sets the other columns only: SQLite then leaves the three indexes and
 * the foreign keys of the key columns alone, which was most of the cost.
 * The parameters are numbered as rt_sql_outcome.bind binds them (the key
 * 1-4, then 5-16, the id 17); a row whose key would change is not
 * matched and goes the generic way. */
static const char outcome_update[] =
	"UPDATE outcome SET text = ?5, cmp = ?6, value = ?7, unit = ?8, base_year = ?9, "
	"qual = ?10, comment = ?11, status = ?12, entered_by = ?13, entered_at = ?14, "
	"computed_status = ?15, override_reason = ?16 "
	"WHERE id = ?17 AND indicator_id IS ?1 AND period_id IS ?2 AND gender IS ?3 "
	"AND org_unit_id IS ?4";
/* The same text as the generic put builds from rt_sql_outcome.cols. */
static const char outcome_insert[] =
	"INSERT INTO outcome (indicator_id, period_id, gender, org_unit_id, text, cmp, value, "
	"unit, base_year, qual, comment, status, entered_by, entered_at, computed_status, "
	"override_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/* The row itself; 1 when it could not be written (nothing written). */
static int write_outcome(rt_store *s, const struct rt_outcome *o, rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s, o->id ? outcome_update : outcome_insert, err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_sql_outcome.bind(&b, o);
	if (o->id)
		rt_bind_int(&b, o->id);
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	rt_sql_done(st);
	return rc == RT_DB_DONE && (!o->id || rt_db_changes(s->db) == 1) ? 0 : 1;
}

static int audit_row(rt_store *s, int64_t id, const char *action, const char *before,
                     const char *after, rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s,
		"INSERT INTO audit_log (at, actor, entity, entity_id, action, before_json, after_json) "
		"VALUES (?, ?, ?, ?, ?, ?, ?)", err);
	if (!st)
		return err ? err->code : RT_EIO;
	char now[32];
	rt_sql_now(now);
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_text(&b, now);
	rt_bind_text(&b, s->actor);
	rt_bind_text(&b, "outcome");
	rt_bind_int(&b, id);
	rt_bind_text(&b, action);
	rt_bind_text(&b, before);
	rt_bind_text(&b, after);
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "skriva ändringsloggen", err);
}

int rt_store_outcome_put_bulk(rt_store *s, struct rt_outcome *o, const struct rt_outcome *old,
                              rt_err *err)
{
	if (!s->in_tx)
		return rt_err_set(err, RT_ESTATE, "",
		                  "Ändringar kan bara göras i en transaktion (rt_store_begin)");
	if (o->id != (old ? old->id : 0) || !s->actor)
		return rt_store_outcome_put(s, o, err);   /* not the import's case: the generic way */
	json_t *after = rt_json_outcome(o);
	if (!after)
		return rt_err_set(err, RT_EINVAL, "", "Texten är inte giltig UTF-8 (outcome)");
	char *before = NULL, *after_text = NULL;
	/* no-op for outcomes today, but the guard stays the same as put's */
	int rc = rt_sql_frozen_check(s, &rt_sql_outcome, o, 0, err);
	if (rc)
		goto out;
	rc = write_outcome(s, o, err);
	if (rc == 1) {
		/* Nothing of this row is written: the generic put, in its savepoint,
		 * fails the same way and gives the same message (missing reference,
		 * duplicate, bad value). */
		rc = rt_store_outcome_put(s, o, err);
		if (!rc)
			rc = rt_err_set(err, RT_EINTERNAL, "", "Internt fel: utfallet kunde inte skrivas");
		goto out;
	}
	if (rc)
		goto out;
	int64_t id = old ? old->id : rt_db_last_id(s->db);
	if (old) {
		json_t *j = rt_json_outcome(old);
		before = rt_json_text(j);
		json_decref(j);
		if ((rc = rt_sql_outcome.before_update(s, old, err)) != 0)
			goto out;
	}
	json_object_set_new(after, "id", json_integer((json_int_t)id));
	after_text = rt_json_text(after);
	if ((rc = audit_row(s, id, old ? "update" : "insert", before, after_text, err)) != 0)
		goto out;
	o->id = id;
out:
	json_decref(after);
	free(before);
	free(after_text);
	return rc;
}
