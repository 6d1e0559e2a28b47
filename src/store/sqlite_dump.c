/* SQLite backend: what a full backup and restore (rodtrad dump / load,
 * src/report/dump_json.c, src/ingest/load_json.c) needs beyond the ordinary
 * puts and reads: whether a database is empty, every setting, writing an
 * outcome's earlier version as it was (its history survives the restore,
 * instead of the put writing a new one), and the stored tokens of a parsed
 * value so a backup carries them as the database does. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_dump.h"
#include "util/alloc.h"

int rt_store_is_empty(rt_store *s, bool *empty, rt_err *err)
{
	*empty = false;
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT (SELECT count(*) FROM org_unit) + (SELECT count(*) FROM plan) + "
		"(SELECT count(*) FROM period) + (SELECT count(*) FROM setting)", err);
	if (!st)
		return err ? err->code : RT_EIO;
	int rc = rt_db_step(st);
	if (rc == RT_DB_ROW)
		*empty = rt_db_col_int(st, 0) == 0;
	rt_sql_done(st);
	return rc == RT_DB_ROW ? 0 : rt_sql_fail(s, rc, "räkna rader", err);
}

int rt_store_setting_list(rt_store *s, rt_arena *a, struct rt_setting **out, size_t *n,
                          rt_err *err)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT id, COALESCE(org_unit_id, 0), name, value FROM setting ORDER BY id", err);
	if (!st)
		return err ? err->code : RT_EIO;
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		struct rt_setting *x = RT_ARENA_PUSH(a, *out, *n, cap);
		struct rt_col c = { st, 0, a, NULL };
		x->id = rt_col_int(&c);
		x->org_unit_id = rt_col_int(&c);
		x->name = rt_col_text(&c);
		x->value = rt_col_text(&c);
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "setting", err);
}

static json_t *history_json(const struct rt_outcome_history *h, int64_t id)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer((json_int_t)id));
	json_object_set_new(j, "outcome_id", json_integer((json_int_t)h->outcome_id));
	json_object_set_new(j, "text", h->text ? json_string(h->text) : json_null());
	json_object_set_new(j, "status", json_string(rt_status_name(h->status)));
	json_object_set_new(j, "changed_by", json_string(h->changed_by ? h->changed_by : ""));
	json_object_set_new(j, "changed_at", json_string(h->changed_at ? h->changed_at : ""));
	return j;
}

int rt_store_outcome_history_restore(rt_store *s, struct rt_outcome_history *h, rt_err *err)
{
	if (!s->in_tx)
		return rt_err_set(err, RT_ESTATE, "",
		                  "Ändringar kan bara göras i en transaktion (rt_store_begin)");
	if (!h->changed_by || !h->changed_at)
		return rt_err_set(err, RT_EINVAL, "changed_at",
		                  "En tidigare version av ett utfall saknar vem och när");
	rt_db_stmt *st = rt_sql_stmt(s,
		"INSERT INTO outcome_history (outcome_id, text, cmp, value, unit, base_year, qual, "
		"comment, status, computed_status, override_reason, entered_by, entered_at, "
		"changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_int(&b, h->outcome_id);
	rt_bind_text(&b, h->text);
	rt_bind_text(&b, rt_sql_cmp_name(h->value.cmp));
	rt_bind_double(&b, h->value.has_value, h->value.value);
	rt_bind_text(&b, h->value.unit[0] ? h->value.unit : NULL);
	rt_bind_id(&b, h->value.base_year);
	rt_bind_text(&b, rt_sql_qual_name(h->value.qual));
	rt_bind_text(&b, h->comment);
	rt_bind_text(&b, rt_status_name(h->status));
	rt_bind_text(&b, rt_status_name(h->computed_status));
	rt_bind_text(&b, h->override_reason);
	rt_bind_text(&b, h->entered_by);
	rt_bind_text(&b, h->entered_at);
	rt_bind_text(&b, h->changed_by);
	rt_bind_text(&b, h->changed_at);
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	rt_sql_done(st);
	if (rc != RT_DB_DONE)
		return rt_sql_fail(s, rc, "återställa utfallets historik", err);
	h->id = rt_db_last_id(s->db);

	/* audited like every write */
	return rt_sql_audit(s, "outcome_history", h->id, "insert", history_json(h, h->id), err);
}

const char *rt_store_cmp_name(enum rt_comparator c)
{
	return rt_sql_cmp_name(c);
}

int rt_store_cmp_parse(const char *name, enum rt_comparator *out)
{
	return rt_sql_cmp_parse(name, out);
}

const char *rt_store_qual_name(enum rt_qual q)
{
	return rt_sql_qual_name(q);
}

int rt_store_qual_parse(const char *name, enum rt_qual *out)
{
	return rt_sql_qual_parse(name, out);
}

int rt_store_bulk_hint(rt_store *s, int cache_mb, rt_err *err)
{
	/* One transaction that rewrites many pages: keep them and the
	 * savepoints' sub-journals in memory instead of spilling to files
	 * (SQLite's default cache is about 2 MB). Outside a transaction. */
	char sql[48];
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", cache_mb * 1024);
	int rc = rt_sql_exec(s, sql, err);
	if (rc == 0)
		rc = rt_sql_exec(s, "PRAGMA temp_store = MEMORY", err);
	return rc;
}

/* ---- what the backup carries beyond the plans ----------------------------- */

int rt_store_process_cycle_ids(rt_store *s, rt_arena *a, int64_t **ids, size_t *n, rt_err *err)
{
	*ids = NULL;
	*n = 0;
	size_t cap = 0;
	rt_db_stmt *st = rt_sql_stmt(s, "SELECT id FROM process_cycle ORDER BY id", err);
	if (!st)
		return err ? err->code : RT_EIO;
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW)
		*RT_ARENA_PUSH(a, *ids, *n, cap) = rt_db_col_int(st, 0);
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "process_cycle", err);
}

static int roles_of(rt_store *s, rt_arena *a, struct rt_user_backup *u, rt_err *err)
{
	size_t cap = 0;
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT role, COALESCE(org_unit_id, 0) FROM user_role WHERE user_id = ? ORDER BY id",
		err);
	if (!st)
		return err ? err->code : RT_EIO;
	rt_db_bind_int(st, 1, u->id);
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		struct rt_user_role_backup *r = RT_ARENA_PUSH(a, u->roles, u->n_roles, cap);
		struct rt_col c = { st, 0, a, NULL };
		r->role = rt_col_text(&c);
		r->org_unit_id = rt_col_int(&c);
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "user_role", err);
}

int rt_store_user_backup_list(rt_store *s, rt_arena *a, struct rt_user_backup **out, size_t *n,
                              rt_err *err)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT id, name, display_name, pw_hash, disabled, created_at FROM app_user ORDER BY id",
		err);
	if (!st)
		return err ? err->code : RT_EIO;
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		struct rt_user_backup *u = RT_ARENA_PUSH(a, *out, *n, cap);
		memset(u, 0, sizeof(*u));
		struct rt_col c = { st, 0, a, NULL };
		u->id = rt_col_int(&c);
		u->name = rt_col_text(&c);
		u->display_name = rt_col_text(&c);
		u->pw_hash = rt_col_text(&c);
		u->disabled = rt_col_int(&c) != 0;
		u->created_at = rt_col_text(&c);
	}
	rt_sql_done(st);
	if (rc != RT_DB_DONE)
		return rt_sql_fail(s, rc, "app_user", err);
	for (size_t i = 0; i < *n && rc == RT_DB_DONE; i++)
		if (roles_of(s, a, &(*out)[i], err) != 0)
			return err ? err->code : RT_EIO;
	return 0;
}

static int insert_run(rt_store *s, rt_db_stmt *st, struct rt_bind *b, const char *what,
                      rt_err *err)
{
	int rc = b->rc != RT_DB_OK ? b->rc : rt_db_step(st);
	rt_sql_done(st);
	if (rc == RT_DB_DONE)
		return 0;
	if ((rc & 0xff) == RT_DB_CONSTRAINT)
		return rt_err_set(err, RT_ECONFLICT, "", "%s finns redan eller är ogiltig (%s)", what,
		                  rt_db_errmsg(s->db));
	return rt_sql_fail(s, rc, what, err);
}

int rt_store_user_restore(rt_store *s, struct rt_user_backup *u, rt_err *err)
{
	if (!s->in_tx)
		return rt_err_set(err, RT_ESTATE, "",
		                  "Ändringar kan bara göras i en transaktion (rt_store_begin)");
	if (!u->name || !u->pw_hash || !u->created_at)
		return rt_err_set(err, RT_EINVAL, "name", "En användare saknar namn, lösenordshash "
		                  "eller när den skapades");
	rt_db_stmt *st = rt_sql_stmt(s,
		"INSERT INTO app_user (name, display_name, pw_hash, disabled, created_at) "
		"VALUES (?, ?, ?, ?, ?)", err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_text(&b, u->name);
	rt_bind_text(&b, u->display_name ? u->display_name : u->name);
	rt_bind_text(&b, u->pw_hash);
	rt_bind_int(&b, u->disabled);
	rt_bind_text(&b, u->created_at);
	int rc = insert_run(s, st, &b, "Användaren", err);
	if (rc)
		return rc;
	u->id = rt_db_last_id(s->db);
	/* audited like 'user add': never the hash */
	if ((rc = rt_sql_audit(s, "app_user", u->id, "insert",
	                       json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)u->id, "name",
	                                 u->name, "display_name",
	                                 u->display_name ? u->display_name : u->name, "disabled",
	                                 u->disabled), err)) != 0)
		return rc;
	for (size_t i = 0; i < u->n_roles; i++) {
		const struct rt_user_role_backup *r = &u->roles[i];
		st = rt_sql_stmt(s, "INSERT INTO user_role (user_id, role, org_unit_id) VALUES (?, ?, ?)",
		                 err);
		if (!st)
			return err ? err->code : RT_EIO;
		b = (struct rt_bind){ st, 1, RT_DB_OK };
		rt_bind_int(&b, u->id);
		rt_bind_text(&b, r->role);
		rt_bind_id(&b, r->org_unit_id);
		if ((rc = insert_run(s, st, &b, "Rollen", err)) != 0)
			return rc;
		int64_t id = rt_db_last_id(s->db);
		json_t *j = json_pack("{s:I, s:I, s:s}", "id", (json_int_t)id, "user_id",
		                      (json_int_t)u->id, "role", r->role);
		if (j && r->org_unit_id)
			json_object_set_new(j, "org_unit_id", json_integer((json_int_t)r->org_unit_id));
		if ((rc = rt_sql_audit(s, "user_role", id, "insert", j, err)) != 0)
			return rc;
	}
	return 0;
}

/* ---- the bulk of a restore (store_dump.h) ----------------------------------- */

/* Rows per chunk: the largest statement binds 17 × 128 values, well under
 * both databases' limits. A smaller rest is written in pieces of powers of
 * two, so each table needs at most eight statement texts. */
#define RESTORE_CHUNK 128

struct restore_row {
	void *obj;             /* a copy of the caller's struct, id set */
	char *after;           /* the audit row's after image */
	int64_t tag;
};

struct rt_restore {
	rt_store *s;
	const struct rt_sql_entity *e;     /* of the staged rows */
	int (*put)(rt_store *s, void *obj, rt_err *err);
	int64_t next_id;
	struct restore_row rows[RESTORE_CHUNK];
	size_t n;
	rt_arena staged;                   /* the copies, emptied by each flush */
	rt_buf sql;
	bool wrote[2];                     /* outcome, activity_status: ids to resync */
};

static int put_outcome(rt_store *s, void *obj, rt_err *err)
{
	return rt_store_outcome_put(s, obj, err);
}

static int put_activity_status(rt_store *s, void *obj, rt_err *err)
{
	return rt_store_activity_status_put(s, obj, err);
}

struct rt_restore *rt_store_restore_begin(rt_store *s)
{
	struct rt_restore *r = rt_xcalloc(1, sizeof(*r));
	r->s = s;
	return r;
}

void rt_store_restore_end(struct rt_restore *r)
{
	if (!r)
		return;
	rt_arena_release(&r->staged);
	rt_buf_release(&r->sql);
	free(r);
}

/* One INSERT of n rows into the entity's table (ids given) and one of their
 * n audit rows, as audit_append in sqlite_put.c writes them. */
static int restore_piece(struct rt_restore *r, const struct restore_row *rows, size_t n,
                         const char *now)
{
	rt_store *s = r->s;
	const struct rt_sql_entity *e = r->e;
	rt_buf *sql = &r->sql;
	rt_buf_reset(sql);
	rt_buf_addf(sql, "INSERT INTO %s (id, %s) VALUES ", e->table, e->cols);
	for (size_t i = 0; i < n; i++) {
		rt_buf_addstr(sql, i ? ", (?, ?" : "(?, ?");
		for (const char *p = e->cols; (p = strchr(p, ',')) != NULL; p++)
			rt_buf_addstr(sql, ", ?");
		rt_buf_addch(sql, ')');
	}
	rt_db_stmt *st = rt_sql_stmt(s, sql->buf, NULL);
	if (!st)
		return RT_DB_ERROR;
	struct rt_bind b = { st, 1, RT_DB_OK };
	for (size_t i = 0; i < n; i++) {
		rt_bind_int(&b, *(const int64_t *)rows[i].obj);
		e->bind(&b, rows[i].obj);
	}
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	rt_sql_done(st);
	if (rc != RT_DB_DONE)
		return rc;

	rt_buf_reset(sql);
	rt_buf_addstr(sql, "INSERT INTO audit_log (at, actor, entity, entity_id, action, "
	              "before_json, after_json) VALUES ");
	for (size_t i = 0; i < n; i++)
		rt_buf_addstr(sql, i ? ", (?, ?, ?, ?, 'insert', NULL, ?)"
		              : "(?, ?, ?, ?, 'insert', NULL, ?)");
	if (!(st = rt_sql_stmt(s, sql->buf, NULL)))
		return RT_DB_ERROR;
	b = (struct rt_bind){ st, 1, RT_DB_OK };
	for (size_t i = 0; i < n; i++) {
		rt_bind_text(&b, now);
		rt_bind_text(&b, s->actor);
		rt_bind_text(&b, e->table);
		rt_bind_int(&b, *(const int64_t *)rows[i].obj);
		rt_bind_text(&b, rows[i].after);
	}
	rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	rt_sql_done(st);
	return rc == RT_DB_DONE ? RT_DB_OK : rc;
}

/* PostgreSQL's identity sequences do not see ids given explicitly. */
static int restore_resync(struct rt_restore *r, rt_err *err)
{
	static const char *const sql[] = {
		"SELECT setval(pg_get_serial_sequence('outcome', 'id'), "
		"(SELECT COALESCE(MAX(id), 1) FROM outcome))",
		"SELECT setval(pg_get_serial_sequence('activity_status', 'id'), "
		"(SELECT COALESCE(MAX(id), 1) FROM activity_status))",
	};
	if (rt_db_kind(r->s->db) != RT_DB_POSTGRES)
		return 0;
	for (size_t i = 0; i < 2; i++) {
		if (!r->wrote[i])
			continue;
		int rc = rt_sql_exec(r->s, sql[i], err);
		if (rc)
			return rc;
		r->wrote[i] = false;
	}
	return 0;
}

/* The chunk failed: which row, and the put's message for it. */
static int restore_replay(struct rt_restore *r, int64_t *failed_tag, rt_err *err)
{
	int rc = restore_resync(r, err);
	for (size_t i = 0; i < r->n && rc == 0; i++) {
		void *copy = rt_arena_alloc(&r->staged, r->e->size);
		memcpy(copy, r->rows[i].obj, r->e->size);
		*(int64_t *)copy = 0;
		if ((rc = r->put(r->s, copy, err)) != 0)
			*failed_tag = r->rows[i].tag;
	}
	return rc ? rc : rt_err_set(err, RT_EINTERNAL, "", "Raderna kunde inte skrivas (%s)",
	                            r->e->table);
}

static int restore_write(struct rt_restore *r, int64_t *failed_tag, rt_err *err)
{
	*failed_tag = -1;
	if (!r->n)
		return 0;
	char now[32];
	rt_sql_now(now);
	int rc = rt_sql_exec(r->s, "SAVEPOINT rt_restore", err);
	if (rc)
		return rc;
	int src = RT_DB_OK;
	for (size_t done = 0, piece = RESTORE_CHUNK; done < r->n && src == RT_DB_OK;) {
		while (r->n - done < piece)
			piece /= 2;
		src = restore_piece(r, r->rows + done, piece, now);
		done += piece;
	}
	if (src == RT_DB_OK) {
		rc = rt_sql_exec(r->s, "RELEASE rt_restore", err);
	} else {
		rt_sql_exec(r->s, "ROLLBACK TO rt_restore", NULL);
		rt_sql_exec(r->s, "RELEASE rt_restore", NULL);
		rc = restore_replay(r, failed_tag, err);
	}
	r->n = 0;
	rt_arena_release(&r->staged);
	return rc;
}

int rt_store_restore_flush(struct rt_restore *r, int64_t *failed_tag, rt_err *err)
{
	int rc = restore_write(r, failed_tag, err);
	return rc ? rc : restore_resync(r, err);
}

static int restore_stage(struct rt_restore *r, const struct rt_sql_entity *e,
                         int (*put)(rt_store *, void *, rt_err *), size_t which, void *obj,
                         int64_t tag, int64_t *failed_tag, rt_err *err)
{
	*failed_tag = -1;
	if (!r->s->in_tx)
		return rt_err_set(err, RT_ESTATE, "",
		                  "Ändringar kan bara göras i en transaktion (rt_store_begin)");
	int rc = 0;
	if (r->e != e && (rc = rt_store_restore_flush(r, failed_tag, err)) != 0)
		return rc;
	if (r->e != e) {
		rt_buf sql = RT_BUF_INIT;
		rt_buf_addf(&sql, "SELECT COALESCE(MAX(id), 0) FROM %s", e->table);
		rt_db_stmt *st = rt_sql_stmt(r->s, sql.buf, err);
		rt_buf_release(&sql);
		if (!st)
			return err ? err->code : RT_EIO;
		int src = rt_db_step(st);
		r->next_id = src == RT_DB_ROW ? rt_db_col_int(st, 0) + 1 : 0;
		rt_sql_done(st);
		if (src != RT_DB_ROW)
			return rt_sql_fail(r->s, src, e->table, err);
		r->e = e;
		r->put = put;
	}
	/* the after image as the put builds it: without the id, then with it */
	*(int64_t *)obj = 0;
	json_t *after = e->to_json(obj);
	if (!after)
		return rt_err_set(err, RT_EINVAL, "", "Texten är inte giltig UTF-8 (%s)", e->table);
	*(int64_t *)obj = r->next_id++;
	json_object_set_new(after, "id", json_integer((json_int_t) * (int64_t *)obj));
	char *text = rt_json_text(after);
	json_decref(after);
	struct restore_row *row = &r->rows[r->n++];
	row->obj = rt_arena_alloc(&r->staged, e->size);
	memcpy(row->obj, obj, e->size);
	row->after = rt_arena_strdup(&r->staged, text);
	row->tag = tag;
	free(text);
	r->wrote[which] = true;
	return r->n == RESTORE_CHUNK ? restore_write(r, failed_tag, err) : 0;
}

int rt_store_restore_outcome(struct rt_restore *r, struct rt_outcome *o, int64_t tag,
                             int64_t *failed_tag, rt_err *err)
{
	return restore_stage(r, &rt_sql_outcome, put_outcome, 0, o, tag, failed_tag, err);
}

int rt_store_restore_activity_status(struct rt_restore *r, struct rt_activity_status *a,
                                     int64_t tag, int64_t *failed_tag, rt_err *err)
{
	return restore_stage(r, &rt_sql_activity_status, put_activity_status, 1, a, tag,
	                     failed_tag, err);
}
