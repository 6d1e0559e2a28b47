/* SQLite backend for 0005_process.sql: the planning process (cycle, phases,
 * events, deliveries), board feedback, plan checklists and ordlista, budget
 * frames and the economic follow-up. One small generic put for these
 * tables: insert or update inside a savepoint, with the audit row's before
 * and after images read from the row itself (SQLite's json_object), so the
 * audit log shows exactly what is stored. Natural keys make puts upserts. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_auth.h"

struct pent {
	const char *table;
	const char *cols;          /* after id, in bind/read order */
	size_t size;
	const char *none;          /* "ingen process" */
	void (*bind)(struct rt_bind *b, const void *obj);
	void (*read)(struct rt_col *c, void *obj);   /* column 0 is id */
};

/* Reads a text column and parses it as an enum token; remembers a bad one. */
#define READ_ENUM(c, parse, dst, name)                                          \
	do {                                                                    \
		const char *t_ = rt_db_col_text((c)->st, (c)->i); \
		if (!t_ || parse(t_, &(dst), NULL) != 0) {                      \
			if (!(c)->bad) (c)->bad = (name);                       \
		}                                                               \
		(c)->i++;                                                       \
	} while (0)

/* ---- generic helpers ---------------------------------------------------- */

static int need_tx(rt_store *s, rt_err *err)
{
	return s->in_tx ? 0 : rt_err_set(err, RT_ESTATE, "",
	                                  "Ändringar kan bara göras i en transaktion (rt_store_begin)");
}

/* SQLite's json_object is compact; PostgreSQL's json_build_object puts
 * spaces around ':', so its text is dumped again in SQLite's form. */
static char *compact_json(rt_store *s, const char *text)
{
	if (rt_db_kind(s->db) != RT_DB_POSTGRES)
		return strdup(text);
	json_t *j = json_loads(text, 0, NULL);
	char *out = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(j);
	return out ? out : strdup(text);
}

/* "SELECT json_object('id', id, 'a', a, …) FROM t WHERE id = ?" */
static int row_json(rt_store *s, const struct pent *e, int64_t id, char **out, rt_err *err)
{
	rt_buf sql = RT_BUF_INIT;
	rt_buf_addstr(&sql, "SELECT json_object('id', id");
	const char *p = e->cols;
	while (*p) {
		while (*p == ' ' || *p == ',') p++;
		size_t n = strcspn(p, ", ");
		if (!n) break;
		rt_buf_addf(&sql, ", '%.*s', %.*s", (int)n, p, (int)n, p);
		p += n;
	}
	rt_buf_addf(&sql, ") FROM %s WHERE id = ?", e->table);
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st) return err ? err->code : RT_EIO;
	rt_db_bind_int(st, 1, id);
	int rc = rt_db_step(st);
	*out = NULL;
	if (rc == RT_DB_ROW) *out = compact_json(s, rt_db_col_text(st, 0));
	rt_sql_done(st);
	if (rc == RT_DB_DONE)
		return rt_err_set(err, RT_ENOTFOUND, "id", "Det finns %s med id %lld", e->none,
		                  (long long)id);
	return rc == RT_DB_ROW ? 0 : rt_sql_fail(s, rc, e->table, err);
}

static int audit(rt_store *s, const char *table, int64_t id, const char *action,
                 const char *before, const char *after, rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s,
		"INSERT INTO audit_log (at, actor, entity, entity_id, action, before_json, after_json) "
		"VALUES (?, ?, ?, ?, ?, ?, ?)", err);
	if (!st) return err ? err->code : RT_EIO;
	char now[32];
	rt_sql_now(now);
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_text(&b, now);
	rt_bind_text(&b, s->actor);
	rt_bind_text(&b, table);
	rt_bind_int(&b, id);
	rt_bind_text(&b, action);
	rt_bind_text(&b, before);
	rt_bind_text(&b, after);
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "skriva ändringsloggen", err);
}

static int write_row(rt_store *s, const struct pent *e, const void *obj, int64_t id,
                     rt_err *err)
{
	rt_buf sql = RT_BUF_INIT;
	size_t ncols = 1;
	for (const char *p = e->cols; *p; p++) ncols += *p == ',';
	if (id) {
		rt_buf_addf(&sql, "UPDATE %s SET (%s) = (", e->table, e->cols);
	} else {
		rt_buf_addf(&sql, "INSERT INTO %s (%s) VALUES (", e->table, e->cols);
	}
	for (size_t i = 0; i < ncols; i++) rt_buf_addstr(&sql, i ? ", ?" : "?");
	rt_buf_addstr(&sql, id ? ") WHERE id = ?" : ")");
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st) return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	e->bind(&b, obj);
	if (id) rt_bind_int(&b, id);
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	rt_sql_done(st);
	if (rc == RT_DB_DONE) return 0;
	if ((rc & 0xff) == RT_DB_CONSTRAINT)
		return rt_err_set(err, RT_ECONFLICT, e->table,
		                  "Kunde inte spara (%s): värdet bryter mot en regel i databasen (%s)",
		                  e->table, rt_db_errmsg(s->db));
	return rt_sql_fail(s, rc, e->table, err);
}

/* Insert (id 0) or update, audited, inside a savepoint. */
static int put(rt_store *s, const struct pent *e, void *obj, rt_err *err)
{
	int rc = need_tx(s, err);
	if (rc) return rc;
	int64_t *idp = obj;
	int64_t id = *idp;
	char *before = NULL, *after = NULL;
	if ((rc = rt_sql_exec(s, "SAVEPOINT rt_pput", err)) != 0) return rc;
	if (id && (rc = row_json(s, e, id, &before, err)) != 0) goto undo;
	if ((rc = write_row(s, e, obj, id, err)) != 0) goto undo;
	int64_t new_id = id ? id : rt_db_last_id(s->db);
	if ((rc = row_json(s, e, new_id, &after, err)) != 0) goto undo;
	if ((rc = audit(s, e->table, new_id, id ? "update" : "insert", before, after, err)) != 0)
		goto undo;
	if ((rc = rt_sql_exec(s, "RELEASE rt_pput", err)) != 0) goto undo;
	*idp = new_id;
	goto out;
undo:
	rt_sql_exec(s, "ROLLBACK TO rt_pput", NULL);
	rt_sql_exec(s, "RELEASE rt_pput", NULL);
out:
	free(before);
	free(after);
	return rc;
}

/* The id of the row `sql` finds with two integers and an optional text
 * bound; 0 when none. */
static int find_id(rt_store *s, const char *sql, int64_t a, int64_t b, const char *t,
                   int64_t *id, rt_err *err)
{
	*id = 0;
	rt_db_stmt *st = rt_sql_stmt(s, sql, err);
	if (!st) return err ? err->code : RT_EIO;
	struct rt_bind bd = { st, 1, RT_DB_OK };
	rt_bind_int(&bd, a);
	rt_bind_int(&bd, b);
	if (t) rt_bind_text(&bd, t);
	int rc = bd.rc != RT_DB_OK ? bd.rc : rt_db_step(st);
	if (rc == RT_DB_ROW) *id = rt_db_col_int(st, 0);
	rt_sql_done(st);
	return rc == RT_DB_ROW || rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "söka", err);
}

/* Rows of `e` matching "WHERE <where> ORDER BY <order>" with `param` bound
 * (when the text has a ?), into an arena array. */
static int list(rt_store *s, const struct pent *e, rt_arena *a, const char *where_order,
                int64_t param, void **out, size_t *n, rt_err *err)
{
	rt_buf sql = RT_BUF_INIT;
	rt_buf_addf(&sql, "SELECT id, %s FROM %s %s", e->cols, e->table, where_order);
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	*out = NULL;
	*n = 0;
	if (!st) return err ? err->code : RT_EIO;
	if (rt_db_param_count(st) > 0) rt_db_bind_int(st, 1, param);
	size_t cap = 0;
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		rt_arena_reserve(a, out, e->size, &cap, *n + 1);
		void *obj = (char *)*out + *n * e->size;
		memset(obj, 0, e->size);
		struct rt_col c = { st, 0, a, NULL };
		e->read(&c, obj);
		if (c.bad) {
			rt_sql_done(st);
			return rt_err_set(err, RT_EIO, c.bad, "Ogiltigt värde i %s.%s", e->table, c.bad);
		}
		(*n)++;
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, e->table, err);
}

static int org_exists(rt_store *s, int64_t id, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_org_unit u;
	int rc = rt_store_org_get(s, &a, id, &u, err);
	rt_arena_release(&a);
	return rc;
}

/* ---- process_cycle ------------------------------------------------------ */

static void bind_cycle(struct rt_bind *b, const void *obj)
{
	const struct rt_process_cycle *c = obj;
	rt_bind_int(b, c->org_unit_id);
	rt_bind_int(b, c->year);
	rt_bind_text(b, c->title);
	rt_bind_text(b, c->owner);
}

static void read_cycle(struct rt_col *c, void *obj)
{
	struct rt_process_cycle *x = obj;
	x->id = rt_col_int(c);
	x->org_unit_id = rt_col_int(c);
	x->year = (int)rt_col_int(c);
	x->title = rt_col_text(c);
	x->owner = rt_col_text(c);
}

static const struct pent e_cycle = {
	"process_cycle", "org_unit_id, year, title, owner", sizeof(struct rt_process_cycle),
	"ingen planeringsprocess", bind_cycle, read_cycle,
};

int rt_store_process_cycle_put(rt_store *s, struct rt_process_cycle *c, rt_err *err)
{
	int rc = rt_process_cycle_check(c, err);
	if (!rc) rc = org_exists(s, c->org_unit_id, err);
	if (!rc) rc = rt_store_authz_org(s, RT_PERM_PLAN_EDIT, c->org_unit_id, err);
	if (!rc && !c->id)
		rc = find_id(s, "SELECT id FROM process_cycle WHERE org_unit_id = ? AND year = ?",
		             c->org_unit_id, c->year, NULL, &c->id, err);
	return rc ? rc : put(s, &e_cycle, c, err);
}

/* ---- process_phase ------------------------------------------------------ */

static void bind_phase(struct rt_bind *b, const void *obj)
{
	const struct rt_process_phase *p = obj;
	rt_bind_int(b, p->cycle_id);
	rt_bind_int(b, p->position);
	rt_bind_text(b, p->name);
	rt_bind_text(b, p->starts_on);
	rt_bind_text(b, p->ends_on);
	rt_bind_text(b, p->owner);
	rt_bind_text(b, p->description);
}

static void read_phase(struct rt_col *c, void *obj)
{
	struct rt_process_phase *p = obj;
	p->id = rt_col_int(c);
	p->cycle_id = rt_col_int(c);
	p->position = (int)rt_col_int(c);
	p->name = rt_col_text(c);
	p->starts_on = rt_col_text(c);
	p->ends_on = rt_col_text(c);
	p->owner = rt_col_text(c);
	p->description = rt_col_text(c);
}

static const struct pent e_phase = {
	"process_phase", "cycle_id, position, name, starts_on, ends_on, owner, description",
	sizeof(struct rt_process_phase), "ingen fas", bind_phase, read_phase,
};

static int cycle_exists(rt_store *s, int64_t id, rt_err *err)
{
	char *j = NULL;
	int rc = row_json(s, &e_cycle, id, &j, err);
	free(j);
	return rc;
}

/* The cycle exists and the principal may plan for its org unit. */
static int cycle_writable(rt_store *s, int64_t id, rt_err *err)
{
	int rc = cycle_exists(s, id, err);
	if (rc || !rt_store_principal_get(s))
		return rc;
	rt_db_stmt *st = rt_sql_stmt(s, "SELECT org_unit_id FROM process_cycle WHERE id = ?", err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	rt_bind_int(&b, id);
	int64_t org = 0;
	rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	if (rc == RT_DB_ROW)
		org = rt_db_col_int(st, 0);
	rt_sql_done(st);
	if (rc != RT_DB_ROW && rc != RT_DB_DONE)
		return rt_sql_fail(s, rc, "process_cycle", err);
	return rt_store_authz_org(s, RT_PERM_PLAN_EDIT, org, err);
}

int rt_store_process_phase_put(rt_store *s, struct rt_process_phase *p, rt_err *err)
{
	int rc = rt_process_phase_check(p, err);
	if (!rc) rc = cycle_writable(s, p->cycle_id, err);
	return rc ? rc : put(s, &e_phase, p, err);
}

/* ---- process_event ------------------------------------------------------ */

static void bind_event(struct rt_bind *b, const void *obj)
{
	const struct rt_process_event *e = obj;
	rt_bind_int(b, e->cycle_id);
	rt_bind_id(b, e->phase_id);
	rt_bind_text(b, rt_event_kind_name(e->kind));
	rt_bind_text(b, e->title);
	rt_bind_text(b, e->on_date);
	rt_bind_text(b, e->purpose);
	rt_bind_text(b, e->goal);
	rt_bind_text(b, e->participants);
}

static void read_event(struct rt_col *c, void *obj)
{
	struct rt_process_event *e = obj;
	e->id = rt_col_int(c);
	e->cycle_id = rt_col_int(c);
	e->phase_id = rt_col_id(c);
	READ_ENUM(c, rt_event_kind_parse, e->kind, "kind");
	e->title = rt_col_text(c);
	e->on_date = rt_col_text(c);
	e->purpose = rt_col_text(c);
	e->goal = rt_col_text(c);
	e->participants = rt_col_text(c);
}

static const struct pent e_event = {
	"process_event", "cycle_id, phase_id, kind, title, on_date, purpose, goal, participants",
	sizeof(struct rt_process_event), "ingen händelse", bind_event, read_event,
};

int rt_store_process_event_put(rt_store *s, struct rt_process_event *e, rt_err *err)
{
	int rc = rt_process_event_check(e, err);
	if (!rc) rc = cycle_writable(s, e->cycle_id, err);
	return rc ? rc : put(s, &e_event, e, err);
}

/* ---- process_delivery --------------------------------------------------- */

static void bind_delivery(struct rt_bind *b, const void *obj)
{
	const struct rt_process_delivery *d = obj;
	rt_bind_int(b, d->cycle_id);
	rt_bind_int(b, d->org_unit_id);
	rt_bind_text(b, rt_delivery_kind_name(d->kind));
	rt_bind_text(b, d->due_on);
	rt_bind_text(b, rt_delivery_status_name(d->status));
	rt_bind_text(b, d->delivered_on);
}

static void read_delivery(struct rt_col *c, void *obj)
{
	struct rt_process_delivery *d = obj;
	d->id = rt_col_int(c);
	d->cycle_id = rt_col_int(c);
	d->org_unit_id = rt_col_int(c);
	READ_ENUM(c, rt_delivery_kind_parse, d->kind, "kind");
	d->due_on = rt_col_text(c);
	READ_ENUM(c, rt_delivery_status_parse, d->status, "status");
	d->delivered_on = rt_col_text(c);
	/* The board's name: an extra column only rt_store_process_load selects. */
	if (c->i < rt_db_col_count(c->st)) d->org_name = rt_col_text(c);
}

static const struct pent e_delivery = {
	"process_delivery", "cycle_id, org_unit_id, kind, due_on, status, delivered_on",
	sizeof(struct rt_process_delivery), "ingen leverans", bind_delivery, read_delivery,
};

int rt_store_process_delivery_put(rt_store *s, struct rt_process_delivery *d, rt_err *err)
{
	int rc = rt_process_delivery_check(d, err);
	if (!rc) rc = cycle_writable(s, d->cycle_id, err);
	if (!rc) rc = org_exists(s, d->org_unit_id, err);
	if (!rc && !d->id)
		rc = find_id(s, "SELECT id FROM process_delivery WHERE cycle_id = ? AND "
		                "org_unit_id = ? AND kind = ?", d->cycle_id, d->org_unit_id,
		             rt_delivery_kind_name(d->kind), &d->id, err);
	return rc ? rc : put(s, &e_delivery, d, err);
}

/* ---- board_feedback ----------------------------------------------------- */

static void bind_feedback(struct rt_bind *b, const void *obj)
{
	const struct rt_feedback_section *f = obj;
	rt_bind_int(b, f->cycle_id);
	rt_bind_int(b, f->org_unit_id);
	rt_bind_text(b, rt_feedback_heading_name(f->heading));
	rt_bind_text(b, f->body);
}

static void read_feedback(struct rt_col *c, void *obj)
{
	struct rt_feedback_section *f = obj;
	f->id = rt_col_int(c);
	f->cycle_id = rt_col_int(c);
	f->org_unit_id = rt_col_int(c);
	READ_ENUM(c, rt_feedback_heading_parse, f->heading, "heading");
	f->body = rt_col_text(c);
}

static const struct pent e_feedback = {
	"board_feedback", "cycle_id, org_unit_id, heading, body",
	sizeof(struct rt_feedback_section), "ingen återkoppling", bind_feedback, read_feedback,
};

int rt_store_feedback_put(rt_store *s, struct rt_feedback_section *f, rt_err *err)
{
	if (!f->body)
		return rt_err_set(err, RT_EINVAL, "body", "Återkopplingen saknar text");
	int rc = cycle_exists(s, f->cycle_id, err);
	if (!rc) rc = org_exists(s, f->org_unit_id, err);
	if (!rc) rc = rt_store_authz_org(s, RT_PERM_PLAN_EDIT, f->org_unit_id, err);
	if (!rc && !f->id)
		rc = find_id(s, "SELECT id FROM board_feedback WHERE cycle_id = ? AND org_unit_id = ? "
		                "AND heading = ?", f->cycle_id, f->org_unit_id,
		             rt_feedback_heading_name(f->heading), &f->id, err);
	return rc ? rc : put(s, &e_feedback, f, err);
}

/* ---- loading a cycle ---------------------------------------------------- */

int rt_store_process_find(rt_store *s, int64_t org_unit_id, int year, int64_t *cycle_id,
                          rt_err *err)
{
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT id FROM process_cycle WHERE (?1 = 0 OR org_unit_id = ?1) "
		"AND (?2 = 0 OR year = ?2) ORDER BY year DESC, id LIMIT 1", err);
	if (!st) return err ? err->code : RT_EIO;
	rt_db_bind_int(st, 1, org_unit_id);
	rt_db_bind_int(st, 2, year);
	int rc = rt_db_step(st);
	if (rc == RT_DB_ROW) *cycle_id = rt_db_col_int(st, 0);
	rt_sql_done(st);
	if (rc == RT_DB_DONE) {
		if (year)
			return rt_err_set(err, RT_ENOTFOUND, "year",
			                  "Det finns ingen planeringsprocess för %d", year);
		return rt_err_set(err, RT_ENOTFOUND, "year", "Det finns ingen planeringsprocess");
	}
	return rc == RT_DB_ROW ? 0 : rt_sql_fail(s, rc, "process_cycle", err);
}

int rt_store_process_load(rt_store *s, int64_t cycle_id, struct rt_process_doc *doc,
                          rt_err *err)
{
	memset(doc, 0, sizeof(*doc));
	rt_arena *a = &doc->arena;
	void *p;
	size_t n;
	int rc = list(s, &e_cycle, a, "WHERE id = ?", cycle_id, &p, &n, err);
	if (!rc && n == 0)
		rc = rt_err_set(err, RT_ENOTFOUND, "id", "Det finns ingen planeringsprocess med id %lld",
		                (long long)cycle_id);
	if (rc) return rc;
	doc->cycle = *(struct rt_process_cycle *)p;
	struct rt_org_unit u;
	if ((rc = rt_store_org_get(s, a, doc->cycle.org_unit_id, &u, err)) != 0) return rc;
	doc->region_name = u.name;
	if ((rc = list(s, &e_phase, a, "WHERE cycle_id = ? ORDER BY position, starts_on, id",
	               cycle_id, (void **)&doc->phases, &doc->n_phases, err)) != 0 ||
	    (rc = list(s, &e_event, a, "WHERE cycle_id = ? ORDER BY on_date, id", cycle_id,
	               (void **)&doc->events, &doc->n_events, err)) != 0)
		return rc;
	/* The board's name rides along as an extra column (read_delivery). */
	static const struct pent e_delivery_named = {
		"process_delivery d", "cycle_id, org_unit_id, kind, due_on, status, delivered_on, "
		"(SELECT name FROM org_unit o WHERE o.id = d.org_unit_id)",
		sizeof(struct rt_process_delivery), "ingen leverans", bind_delivery, read_delivery,
	};
	if ((rc = list(s, &e_delivery_named, a,
	               "WHERE cycle_id = ? ORDER BY (SELECT name FROM org_unit o WHERE "
	               "o.id = d.org_unit_id), kind", cycle_id, (void **)&doc->deliveries,
	               &doc->n_deliveries, err)) != 0)
		return rc;
	/* Heading order is the template's, applied by the readers (core/feedback.h). */
	return list(s, &e_feedback, a, "WHERE cycle_id = ? ORDER BY org_unit_id, id", cycle_id,
	            (void **)&doc->feedback, &doc->n_feedback, err);
}

void rt_store_process_doc_release(struct rt_process_doc *doc)
{
	rt_arena_release(&doc->arena);
	memset(doc, 0, sizeof(*doc));
}

/* ---- plan_checklist, plan_term ------------------------------------------ */

static const char *const persp_keys[] = {
	"equality", "child_rights", "environment", "economy", "regional_development",
};

static void bind_answer(struct rt_bind *b, const void *obj)
{
	const struct rt_checklist_answer *x = obj;
	rt_bind_int(b, x->plan_id);
	rt_bind_text(b, persp_keys[x->perspective]);
	rt_bind_int(b, x->question);
	rt_bind_text(b, x->answer == RT_ANSWER_NONE ? NULL : rt_answer_name(x->answer));
	rt_bind_text(b, x->motivation);
}

static void read_answer(struct rt_col *c, void *obj)
{
	struct rt_checklist_answer *x = obj;
	x->id = rt_col_int(c);
	x->plan_id = rt_col_int(c);
	READ_ENUM(c, rt_perspective_parse, x->perspective, "perspective");
	x->question = (int)rt_col_int(c);
	const char *t = rt_db_col_text(c->st, c->i);
	x->answer = RT_ANSWER_NONE;
	if (t && rt_answer_parse(t, &x->answer, NULL) != 0 && !c->bad) c->bad = "answer";
	c->i++;
	x->motivation = rt_col_text(c);
}

static const struct pent e_answer = {
	"plan_checklist", "plan_id, perspective, question, answer, motivation",
	sizeof(struct rt_checklist_answer), "inget svar", bind_answer, read_answer,
};

/* The plan exists and whoever writes may change it (sqlite_owner.c). */
static int plan_exists(rt_store *s, int64_t id, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan p;
	int rc = rt_store_plan_get(s, &a, id, &p, err);
	rt_arena_release(&a);
	return rc ? rc : rt_sql_authz_plan_edit(s, id, err);
}

int rt_store_checklist_put(rt_store *s, struct rt_checklist_answer *x, rt_err *err)
{
	int rc = rt_checklist_answer_check(x, err);
	if (!rc) rc = plan_exists(s, x->plan_id, err);
	if (!rc && !x->id)
		rc = find_id(s, "SELECT id FROM plan_checklist WHERE plan_id = ? AND question = ? "
		                "AND perspective = ?", x->plan_id, x->question,
		             persp_keys[x->perspective], &x->id, err);
	return rc ? rc : put(s, &e_answer, x, err);
}

static void bind_term(struct rt_bind *b, const void *obj)
{
	const struct rt_plan_term *t = obj;
	rt_bind_int(b, t->plan_id);
	rt_bind_int(b, t->position);
	rt_bind_text(b, t->term);
	rt_bind_text(b, t->definition);
}

static void read_term(struct rt_col *c, void *obj)
{
	struct rt_plan_term *t = obj;
	t->id = rt_col_int(c);
	t->plan_id = rt_col_int(c);
	t->position = (int)rt_col_int(c);
	t->term = rt_col_text(c);
	t->definition = rt_col_text(c);
}

static const struct pent e_term = {
	"plan_term", "plan_id, position, term, definition", sizeof(struct rt_plan_term),
	"inget begrepp", bind_term, read_term,
};

int rt_store_plan_term_put(rt_store *s, struct rt_plan_term *t, rt_err *err)
{
	if (!t->term || !t->definition)
		return rt_err_set(err, RT_EINVAL, "term", "Ett begrepp behöver både ord och förklaring");
	int rc = plan_exists(s, t->plan_id, err);
	return rc ? rc : put(s, &e_term, t, err);
}

int rt_store_plan_sections_load(rt_store *s, rt_arena *a, int64_t plan_id,
                                struct rt_checklist_answer **answers, size_t *n_answers,
                                struct rt_plan_term **terms, size_t *n_terms, rt_err *err)
{
	int rc = list(s, &e_answer, a, "WHERE plan_id = ? ORDER BY id", plan_id,
	              (void **)answers, n_answers, err);
	if (!rc)
		rc = list(s, &e_term, a, "WHERE plan_id = ? ORDER BY position, id", plan_id,
		          (void **)terms, n_terms, err);
	return rc;
}

int rt_store_plan_status_set(rt_store *s, int64_t plan_id, enum rt_plan_status to, rt_err *err)
{
	int rc = need_tx(s, err);
	if (rc) return rc;
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan p;
	struct rt_checklist_answer *ans;
	struct rt_plan_term *terms;
	size_t n_ans, n_terms;
	struct rt_findings f = RT_FINDINGS_INIT;
	if ((rc = rt_store_plan_get(s, &a, plan_id, &p, err)) == 0 &&
	    (rc = rt_store_plan_sections_load(s, &a, plan_id, &ans, &n_ans, &terms, &n_terms,
	                                      err)) == 0) {
		rt_plan_sections_check(&p, ans, n_ans, terms, n_terms, &f);
		if ((rc = rt_plan_sections_status_ok(&p, to, &f, err)) == 0) {
			p.status = to;
			rc = rt_store_plan_put(s, &p, err);
		}
	}
	rt_findings_release(&f);
	rt_arena_release(&a);
	return rc;
}

/* ---- budget_frame, econ_followup ---------------------------------------- */

static void bind_frame(struct rt_bind *b, const void *obj)
{
	const struct rt_budget_frame *f = obj;
	rt_bind_int(b, f->org_unit_id);
	rt_bind_int(b, f->year);
	rt_bind_int(b, f->amount_tkr);
	rt_bind_text(b, f->note);
}

static void read_frame(struct rt_col *c, void *obj)
{
	struct rt_budget_frame *f = obj;
	f->id = rt_col_int(c);
	f->org_unit_id = rt_col_int(c);
	f->year = (int)rt_col_int(c);
	f->amount_tkr = rt_col_int(c);
	f->note = rt_col_text(c);
}

static const struct pent e_frame = {
	"budget_frame", "org_unit_id, year, amount_tkr, note", sizeof(struct rt_budget_frame),
	"ingen budgetram", bind_frame, read_frame,
};

int rt_store_budget_frame_put(rt_store *s, struct rt_budget_frame *f, rt_err *err)
{
	int rc = org_exists(s, f->org_unit_id, err);
	if (!rc) rc = rt_store_authz_org(s, RT_PERM_PLAN_EDIT, f->org_unit_id, err);
	if (!rc && !f->id)
		rc = find_id(s, "SELECT id FROM budget_frame WHERE org_unit_id = ? AND year = ?",
		             f->org_unit_id, f->year, NULL, &f->id, err);
	return rc ? rc : put(s, &e_frame, f, err);
}

int rt_store_budget_frame_list(rt_store *s, rt_arena *a, int64_t org_unit_id,
                               struct rt_budget_frame **out, size_t *n, rt_err *err)
{
	return list(s, &e_frame, a, "WHERE ?1 = 0 OR org_unit_id = ?1 ORDER BY org_unit_id, year",
	            org_unit_id, (void **)out, n, err);
}

static void bind_econ(struct rt_bind *b, const void *obj)
{
	const struct rt_econ_followup *f = obj;
	rt_bind_int(b, f->org_unit_id);
	rt_bind_int(b, f->period_id);
	rt_bind_int(b, f->result_tkr);
	rt_bind_int(b, f->budget_tkr);
	rt_bind_int(b, f->annual_budget_tkr);
	rt_bind_int(b, f->forecast_tkr);
	rt_bind_text(b, f->comment);
}

static void read_econ(struct rt_col *c, void *obj)
{
	struct rt_econ_followup *f = obj;
	f->id = rt_col_int(c);
	f->org_unit_id = rt_col_int(c);
	f->period_id = rt_col_int(c);
	f->result_tkr = rt_col_int(c);
	f->budget_tkr = rt_col_int(c);
	f->annual_budget_tkr = rt_col_int(c);
	f->forecast_tkr = rt_col_int(c);
	f->comment = rt_col_text(c);
}

static const struct pent e_econ = {
	"econ_followup",
	"org_unit_id, period_id, result_tkr, budget_tkr, annual_budget_tkr, forecast_tkr, comment",
	sizeof(struct rt_econ_followup), "ingen ekonomisk uppföljning", bind_econ, read_econ,
};

int rt_store_econ_followup_put(rt_store *s, struct rt_econ_followup *f, rt_err *err)
{
	int rc = rt_econ_followup_check(f, err);
	if (!rc) rc = org_exists(s, f->org_unit_id, err);
	if (!rc) rc = rt_store_authz_org(s, RT_PERM_PLAN_EDIT, f->org_unit_id, err);
	if (!rc) {
		rt_arena a = RT_ARENA_INIT;
		struct rt_period p;
		rc = rt_store_period_get(s, &a, f->period_id, &p, err);
		rt_arena_release(&a);
	}
	if (!rc && !f->id)
		rc = find_id(s, "SELECT id FROM econ_followup WHERE org_unit_id = ? AND period_id = ?",
		             f->org_unit_id, f->period_id, NULL, &f->id, err);
	return rc ? rc : put(s, &e_econ, f, err);
}

int rt_store_econ_followup_list(rt_store *s, rt_arena *a, int64_t period_id,
                                struct rt_econ_followup **out, size_t *n, rt_err *err)
{
	return list(s, &e_econ, a, "WHERE ?1 = 0 OR period_id = ?1 ORDER BY org_unit_id, period_id",
	            period_id, (void **)out, n, err);
}
