/* SQLite backend: Kolada mappings and fetched values (0006_kolada.sql).
 * Writes are audited (entities "kolada_map", "kolada_value") in the
 * caller's transaction, like every put. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_auth_int.h"
#include "store/sqlite_int.h"

int rt_sql_audit(rt_store *s, const char *entity, int64_t id, const char *action, json_t *after,
                 rt_err *err)
{
	char *a = rt_json_text(after);
	json_decref(after);
	rt_db_stmt *st = rt_sql_stmt(s,
		"INSERT INTO audit_log (at, actor, entity, entity_id, action, before_json, after_json) "
		"VALUES (?, ?, ?, ?, ?, NULL, ?)", err);
	int rc = st ? RT_DB_OK : (err ? err->code : RT_EIO);
	if (st) {
		char now[32];
		rt_sql_now(now);
		struct rt_bind b = { st, 1, RT_DB_OK };
		rt_bind_text(&b, now);
		rt_bind_text(&b, s->actor);
		rt_bind_text(&b, entity);
		rt_bind_int(&b, id);
		rt_bind_text(&b, action);
		rt_bind_text(&b, a);
		rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
		rt_sql_done(st);
		rc = rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "skriva ändringsloggen", err);
	}
	free(a);
	return rc;
}

static int exec_bound(rt_store *s, const char *sql, const char *t1, const char *t2, int64_t i1,
                      rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s, sql, err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_int(&b, i1);
	if (t1)
		rt_bind_text(&b, t1);
	if (t2)
		rt_bind_text(&b, t2);
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "spara Kolada-kopplingen", err);
}

int rt_store_kolada_map_put(rt_store *s, struct rt_kolada_map *m, rt_err *err)
{
	if (!s->in_tx)
		return rt_err_set(err, RT_ESTATE, "",
		                  "Ändringar kan bara göras i en transaktion (rt_store_begin)");
	rt_arena a = RT_ARENA_INIT;
	struct rt_indicator ind;
	int rc = rt_store_indicator_get(s, &a, m->indicator_id, &ind, err);
	/* a mapping is part of the indicator: its plan's planner decides it */
	if (!rc)
		rc = rt_sql_authz_check(s, &rt_sql_indicator, &ind, 0, err);
	rt_arena_release(&a);
	if (rc)
		return rc;
	if ((rc = rt_sql_exec(s, "SAVEPOINT rt_kolada", err)) != 0)
		return rc;
	/* a new mapping replaces the old one with its peers */
	rc = exec_bound(s, "DELETE FROM kolada_peer WHERE map_id IN "
	                   "(SELECT id FROM kolada_map WHERE indicator_id = ?)", NULL, NULL,
	                m->indicator_id, err);
	if (rc == 0)
		rc = exec_bound(s, "DELETE FROM kolada_map WHERE indicator_id = ?", NULL, NULL,
		                m->indicator_id, err);
	if (rc == 0)
		rc = exec_bound(s, "INSERT INTO kolada_map (indicator_id, kpi, municipality) "
		                   "VALUES (?, ?, ?)", m->kpi, m->municipality, m->indicator_id, err);
	if (rc == 0)
		m->id = rt_db_last_id(s->db);
	json_t *peers = json_array();
	for (size_t i = 0; rc == 0 && i < m->n_peers; i++) {
		rc = exec_bound(s, "INSERT INTO kolada_peer (map_id, municipality) "
		                   "VALUES (?, ?) ON CONFLICT DO NOTHING", m->peers[i], NULL, m->id, err);
		json_array_append_new(peers, json_string(m->peers[i]));
	}
	if (rc == 0)
		rc = rt_sql_audit(s, "kolada_map", m->id, "insert",
		           json_pack("{s:I, s:s, s:s, s:o}", "indicator_id",
		                     (json_int_t)m->indicator_id, "kpi", m->kpi, "municipality",
		                     m->municipality, "peers", peers), err);
	else
		json_decref(peers);
	if (rc)
		rt_sql_exec(s, "ROLLBACK TO rt_kolada", NULL);
	rt_sql_exec(s, "RELEASE rt_kolada", NULL);
	return rc;
}

int rt_store_kolada_map_list(rt_store *s, rt_arena *a, struct rt_kolada_map **out, size_t *n,
                             rt_err *err)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	rt_db_stmt *st = rt_sql_stmt(s, "SELECT id, indicator_id, kpi, municipality "
	                                  "FROM kolada_map ORDER BY id", err);
	if (!st)
		return err ? err->code : RT_EIO;
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		struct rt_kolada_map *m = RT_ARENA_PUSH(a, *out, *n, cap);
		struct rt_col c = { st, 0, a, NULL };
		m->id = rt_col_int(&c);
		m->indicator_id = rt_col_int(&c);
		m->kpi = rt_col_text(&c);
		m->municipality = rt_col_text(&c);
	}
	rt_sql_done(st);
	if (rc != RT_DB_DONE)
		return rt_sql_fail(s, rc, "kolada_map", err);
	for (size_t i = 0; i < *n; i++) {
		struct rt_kolada_map *m = &(*out)[i];
		size_t pcap = 0;
		st = rt_sql_stmt(s, "SELECT municipality FROM kolada_peer WHERE map_id = ? "
		                    "ORDER BY id", err);
		if (!st)
			return err ? err->code : RT_EIO;
		rt_db_bind_int(st, 1, m->id);
		while ((rc = rt_db_step(st)) == RT_DB_ROW) {
			char **p = RT_ARENA_PUSH(a, m->peers, m->n_peers, pcap);
			struct rt_col c = { st, 0, a, NULL };
			*p = rt_col_text(&c);
		}
		rt_sql_done(st);
		if (rc != RT_DB_DONE)
			return rt_sql_fail(s, rc, "kolada_peer", err);
	}
	return 0;
}

int rt_store_kolada_value_put(rt_store *s, const struct rt_kolada_value *v, rt_err *err)
{
	if (!s->in_tx)
		return rt_err_set(err, RT_ESTATE, "",
		                  "Ändringar kan bara göras i en transaktion (rt_store_begin)");
	rt_db_stmt *st = rt_sql_stmt(s,
		"INSERT INTO kolada_value (kpi, municipality, year, gender, value, count, status, "
		"fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
		"ON CONFLICT (kpi, municipality, year, gender) DO UPDATE SET value = excluded.value, "
		"count = excluded.count, status = excluded.status, fetched_at = excluded.fetched_at "
		"RETURNING id", err);
	if (!st)
		return err ? err->code : RT_EIO;
	char now[32];
	rt_sql_now(now);
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_text(&b, v->kpi);
	rt_bind_text(&b, v->municipality);
	rt_bind_int(&b, v->year);
	rt_bind_text(&b, rt_gender_name(v->gender));
	rt_bind_double(&b, v->has_value, v->value);
	if (v->has_count)
		rt_bind_int(&b, v->count);
	else
		rt_bind_id(&b, 0);
	rt_bind_text(&b, v->status && *v->status ? v->status : NULL);
	rt_bind_text(&b, now);
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	int64_t id = rc == RT_DB_ROW ? rt_db_col_int(st, 0) : 0;
	if (rc == RT_DB_ROW)
		rc = rt_db_step(st);
	rt_sql_done(st);
	if (rc != RT_DB_DONE)
		return rt_sql_fail(s, rc, "spara Kolada-värdet", err);
	return rt_sql_audit(s, "kolada_value", id, "update",
	             json_pack("{s:s, s:s, s:i, s:s, s:o}", "kpi", v->kpi, "municipality",
	                       v->municipality, "year", v->year, "gender",
	                       rt_gender_name(v->gender), "value",
	                       v->has_value ? json_real(v->value) : json_null()), err);
}

int rt_store_kolada_value_list(rt_store *s, rt_arena *a, const char *kpi,
                               struct rt_kolada_value **out, size_t *n, rt_err *err)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT kpi, municipality, year, gender, value, count, status FROM kolada_value "
		"WHERE kpi = ? ORDER BY year, municipality, gender", err);
	if (!st)
		return err ? err->code : RT_EIO;
	rt_db_bind_text(st, 1, kpi);
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		struct rt_kolada_value *v = RT_ARENA_PUSH(a, *out, *n, cap);
		struct rt_col c = { st, 0, a, NULL };
		v->kpi = rt_col_text(&c);
		v->municipality = rt_col_text(&c);
		v->year = (int)rt_col_int(&c);
		char *g = rt_col_text(&c);
		if (rt_gender_parse(g, &v->gender, NULL) != 0)
			v->gender = RT_GENDER_TOTAL;
		v->has_value = rt_col_double(&c, &v->value);
		v->has_count = !rt_db_col_is_null(st, c.i);
		v->count = rt_col_int(&c);
		v->status = rt_col_text(&c);
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "kolada_value", err);
}
