/* The outcome import as one batch (store.h rt_store_import_*, 0009, 0011).
 * Each checked row goes straight into outcome, no staging copy: a new
 * outcome by an INSERT, a correction by copying the stored row into
 * outcome_history (the before image) and an UPDATE of the non-key columns
 * (so the outcome indexes and key foreign keys are left alone). The after
 * image is the outcome row itself (or, once something changes it later,
 * the next history row of that outcome). import_row keeps only the trace —
 * batch, file line, the outcome written and the history row holding the
 * version it replaced — so an auditor can tell which line of which file
 * wrote which value; the batch's one audit_log row names the file (name,
 * SHA-256, counts).
 * The rows are written CHUNK at a time, each kind by one statement with a
 * VALUES list: SQLite's cost per statement (opening the cursors of the
 * table and its three indexes, the statement journal, halting) was half of
 * a one-row INSERT (callgrind: 29 000 instructions per row one at a time,
 * 16 000 in chunks of 50). The ids of new outcomes and history rows are
 * given here, counting on from the largest: the caller's transaction holds
 * the write lock from begin on, and nothing else writes outcomes in it.
 * A writer thread runs the chunks' statements, in the order they were
 * filled, while the caller checks the next rows (SQLite's writes were
 * about half of the import's instructions); the caller takes the
 * connection's lock (rt_store_import_lock) for its own queries meanwhile.
 * Every row was checked before it is staged, so a failed write is the
 * database's error (disk full, I/O), reported with the next row staged or
 * by finish; the caller then rolls everything back. */
#include <jansson.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/alloc.h"

#define CHUNK 32
#define QUEUE_MAX 64   /* chunks filled and not yet written: ~0,5 MB */
#define WAKE_AT 8      /* an idle writer is woken for this many chunks, not each one */

struct staged {
	struct rt_outcome o;   /* text and comment copied into the chunk's arena (the
	                        * caller frees its rows in pieces), the other strings
	                        * the caller's for the whole import or constants */
	int64_t history;
};

/* One chunk of one kind of statement, filled by the caller, written by
 * the writer thread (or in line when there is none). */
enum job_kind { JOB_FRESH, JOB_FIXES, JOB_TRACE, N_KINDS };
struct job {
	struct job *next;
	enum job_kind kind;
	size_t n;
	union {
		struct staged rows[CHUNK];
		int64_t trace[CHUNK * 4][3];   /* line, outcome, history (0 = none) */
	} u;
	rt_arena text;         /* the staged rows' copied strings */
};
static const size_t job_cap[N_KINDS] = { CHUNK, CHUNK, CHUNK * 4 };

struct bulk {
	rt_store *s;
	int64_t batch_id;
	int64_t next_outcome_id, next_history_id;
	char now[32];
	struct job *cur[N_KINDS];   /* being filled */
	rt_buf sql;            /* the writer's (or finish's) statement text */
	/* the writer thread and its queue */
	bool threaded;
	pthread_t writer;
	pthread_mutex_t conn;  /* the store's connection: writer or caller */
	pthread_mutex_t qlock; /* the queue and the fields below */
	pthread_cond_t work, room;
	struct job *head, *tail;
	size_t queued;
	bool stop, abort;
	bool idle;             /* the writer emptied the queue: woken again at WAKE_AT */
	int failed;            /* the writer's first error, in werr */
	rt_err werr;
};

static int flush(rt_store *s, struct bulk *k, struct job *j, rt_err *err);

static void job_free(struct job *j)
{
	if (!j)
		return;
	rt_arena_release(&j->text);
	free(j);
}

static void *writer_main(void *arg)
{
	struct bulk *k = arg;
	pthread_mutex_lock(&k->qlock);
	for (;;) {
		while (!k->stop && (!k->head || (k->idle && k->queued < WAKE_AT)))
			pthread_cond_wait(&k->work, &k->qlock);
		k->idle = false;
		struct job *j = k->head;
		if (!j)
			break;   /* stopped, and nothing left */
		if (j == k->tail)
			k->idle = true;   /* the last one: sleep until WAKE_AT more */
		k->head = j->next;
		if (!k->head)
			k->tail = NULL;
		bool skip = k->failed || k->abort;
		if (--k->queued == QUEUE_MAX / 2)
			pthread_cond_signal(&k->room);   /* a full queue waits for half of it */
		pthread_mutex_unlock(&k->qlock);
		rt_err e = RT_ERR_INIT;
		int rc = 0;
		if (!skip) {
			pthread_mutex_lock(&k->conn);
			rc = flush(k->s, k, j, &e);
			pthread_mutex_unlock(&k->conn);
		}
		job_free(j);
		pthread_mutex_lock(&k->qlock);
		if (rc && !k->failed) {
			k->failed = rc;
			k->werr = e;
			pthread_cond_signal(&k->room);   /* a waiting caller sees it */
		}
	}
	pthread_mutex_unlock(&k->qlock);
	return NULL;
}

static void writer_sync_destroy(struct bulk *k)
{
	pthread_cond_destroy(&k->work);
	pthread_cond_destroy(&k->room);
	pthread_mutex_destroy(&k->qlock);
	pthread_mutex_destroy(&k->conn);
}

/* Stops the writer after the chunks queued (all written, or on `abort`
 * dropped) and waits for it. */
static void writer_stop(struct bulk *k, bool abort)
{
	if (!k->threaded)
		return;
	pthread_mutex_lock(&k->qlock);
	k->stop = true;
	k->abort |= abort;
	pthread_cond_signal(&k->work);
	pthread_mutex_unlock(&k->qlock);
	pthread_join(k->writer, NULL);
	k->threaded = false;
	writer_sync_destroy(k);
}

static void writer_start(struct bulk *k)
{
	pthread_mutex_init(&k->conn, NULL);
	pthread_mutex_init(&k->qlock, NULL);
	pthread_cond_init(&k->work, NULL);
	pthread_cond_init(&k->room, NULL);
	k->threaded = pthread_create(&k->writer, NULL, writer_main, k) == 0;
	if (!k->threaded)   /* no thread: every chunk written in line */
		writer_sync_destroy(k);
}

void rt_store_import_lock(struct rt_import_batch *b)
{
	struct bulk *k = b->store;
	if (k && k->threaded)
		pthread_mutex_lock(&k->conn);
}

void rt_store_import_unlock(struct rt_import_batch *b)
{
	struct bulk *k = b->store;
	if (k && k->threaded)
		pthread_mutex_unlock(&k->conn);
}

/* The full (or, from finish, last) chunk of a kind to the writer, or
 * written in line; the writer's first error, if any, is returned. */
static int submit(struct bulk *k, enum job_kind kind, rt_err *err)
{
	struct job *j = k->cur[kind];
	k->cur[kind] = NULL;
	if (!j || !j->n) {
		job_free(j);
		return 0;
	}
	if (!k->threaded) {
		int rc = flush(k->s, k, j, err);
		job_free(j);
		return rc;
	}
	pthread_mutex_lock(&k->qlock);
	if (k->queued >= QUEUE_MAX)   /* the writer is behind: let it write half */
		while (k->queued > QUEUE_MAX / 2 && !k->failed)
			pthread_cond_wait(&k->room, &k->qlock);
	int rc = k->failed;
	if (rc) {
		if (err)
			*err = k->werr;
		job_free(j);
	} else {
		j->next = NULL;
		if (k->tail)
			k->tail->next = j;
		else
			k->head = j;
		k->tail = j;
		if (++k->queued >= WAKE_AT)
			pthread_cond_signal(&k->work);
	}
	pthread_mutex_unlock(&k->qlock);
	return rc;
}

static struct job *job_of(struct bulk *k, enum job_kind kind)
{
	if (!k->cur[kind]) {
		k->cur[kind] = rt_xcalloc(1, sizeof(*k->cur[kind]));
		k->cur[kind]->kind = kind;
	}
	return k->cur[kind];
}

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
	struct bulk *k = rt_xcalloc(1, sizeof(*k));
	k->s = s;
	rt_sql_now(k->now);
	struct rt_bind bd = { st, 1, RT_DB_OK };
	rt_bind_text(&bd, k->now);
	rt_bind_text(&bd, s->actor);
	rt_bind_text(&bd, source ? source : "");
	rt_bind_text(&bd, sha256_hex ? sha256_hex : "");
	int rc = bd.rc != RT_DB_OK ? bd.rc : rt_db_step(st);
	rt_sql_done(st);
	if (rc != RT_DB_DONE) {
		free(k);
		return rt_sql_fail(s, rc, "skriva inläsningen", err);
	}
	b->id = k->batch_id = rt_db_last_id(s->db);
	b->store = k;
	/* the write lock is held from the INSERT above on */
	if ((rc = max_id(s, "SELECT COALESCE(MAX(id), 0) FROM outcome", &k->next_outcome_id,
	                 err)) != 0 ||
	    (rc = max_id(s, "SELECT COALESCE(MAX(id), 0) FROM outcome_history",
	                 &k->next_history_id, err)) != 0) {
		rt_store_import_end(b);
		return rc;
	}
	writer_start(k);
	return 0;
}

void rt_store_import_end(struct rt_import_batch *b)
{
	struct bulk *k = b->store;
	if (!k)
		return;
	writer_stop(k, true);
	for (int i = 0; i < N_KINDS; i++)
		job_free(k->cur[i]);
	rt_buf_release(&k->sql);
	free(k);
	b->store = NULL;
}

int rt_store_import_foreign_keys(rt_store *s, bool on, rt_err *err)
{
	if (s->in_tx)
		return rt_err_set(err, RT_ESTATE, "", "Internt fel: främmande nycklar kan bara slås "
		                  "av och på utanför en transaktion");
	return rt_sql_exec(s, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF", err);
}

/* The statement `head` followed by n copies of `tuple`, comma separated,
 * then `tail`; from the store's statement cache (the full chunk's text
 * is the same every time). */
static rt_db_stmt *chunk_stmt(rt_store *s, struct bulk *k, const char *head, const char *tuple,
                              size_t n, const char *tail, rt_err *err)
{
	rt_buf_reset(&k->sql);
	rt_buf_addstr(&k->sql, head);
	for (size_t i = 0; i < n; i++) {
		if (i)
			rt_buf_addstr(&k->sql, ", ");
		rt_buf_addstr(&k->sql, tuple);
	}
	rt_buf_addstr(&k->sql, tail);
	return rt_sql_stmt(s, k->sql.buf, err);
}

/* Steps a chunk's statement, which must change `want` rows. */
static int chunk_run(rt_store *s, rt_db_stmt *st, const struct rt_bind *bd, size_t want,
                     const char *what, rt_err *err)
{
	int rc = bd->rc;
	if (rc == RT_DB_OK)
		while ((rc = rt_db_step(st)) == RT_DB_ROW)
			;
	int64_t changed = rt_db_changes(s->db);
	rt_sql_done(st);
	if (rc != RT_DB_DONE)
		return rt_sql_fail(s, rc, what, err);
	if (changed != (int64_t)want)
		return rt_err_set(err, RT_EINTERNAL, "", "Internt fel: %s skrev %lld rader, inte %zu",
		                  what, (long long)changed, want);
	return 0;
}

/* rt_bind_text without the copy: every string bound for a chunk (the
 * rows', the staged structs', constants) lives until the chunk is written. */
static void bind_str(struct rt_bind *bd, const char *s)
{
	int rc = s ? rt_db_bind_text_static(bd->st, bd->i, s) : rt_db_bind_null(bd->st, bd->i);
	if (rc != RT_DB_OK && bd->rc == RT_DB_OK)
		bd->rc = rc;
	bd->i++;
}

/* The non-key columns of an outcome, in rt_sql_outcome's order. */
static void bind_values(struct rt_bind *bd, const struct rt_outcome *o)
{
	bind_str(bd, o->text);
	bind_str(bd, rt_sql_cmp_name(o->value.cmp));
	rt_bind_double(bd, o->value.has_value, o->value.value);
	bind_str(bd, o->value.unit[0] ? o->value.unit : NULL);
	rt_bind_id(bd, o->value.base_year);
	bind_str(bd, rt_sql_qual_name(o->value.qual));
	bind_str(bd, o->comment);
	bind_str(bd, rt_status_name(o->status));
	bind_str(bd, o->entered_by);
	bind_str(bd, o->entered_at);
	bind_str(bd, rt_status_name(o->computed_status));
	bind_str(bd, o->override_reason);
}

static int flush_fresh(rt_store *s, struct bulk *k, struct job *j, rt_err *err)
{
	rt_db_stmt *st = chunk_stmt(s, k,
		"INSERT INTO outcome (id, indicator_id, period_id, gender, org_unit_id, text, cmp, "
		"value, unit, base_year, qual, comment, status, entered_by, entered_at, "
		"computed_status, override_reason) VALUES ",
		"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", j->n, "", err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind bd = { st, 1, RT_DB_OK };
	for (size_t i = 0; i < j->n; i++) {
		const struct rt_outcome *o = &j->u.rows[i].o;
		rt_bind_int(&bd, o->id);
		rt_bind_id(&bd, o->indicator_id);
		rt_bind_id(&bd, o->period_id);
		bind_str(&bd, rt_gender_name(o->gender));
		rt_bind_id(&bd, o->org_unit_id);
		bind_values(&bd, o);
	}
	return chunk_run(s, st, &bd, j->n, "skriva utfallen", err);
}

/* Corrections: first the stored versions into the history (under the ids
 * the trace names), then the new values. VALUES columns are column1 …
 * in SQLite and PostgreSQL alike; the casts give PostgreSQL the types of
 * columns that may be NULL in every row of a chunk. */
static int flush_fixes(rt_store *s, struct bulk *k, struct job *j, rt_err *err)
{
	size_t n = j->n;
	rt_db_stmt *st = chunk_stmt(s, k,
		"INSERT INTO outcome_history (id, outcome_id, text, cmp, value, unit, base_year, qual, "
		"comment, status, computed_status, override_reason, entered_by, entered_at, "
		"changed_by, changed_at) "
		"SELECT v.column1, o.id, o.text, o.cmp, o.value, o.unit, o.base_year, o.qual, "
		"o.comment, o.status, o.computed_status, o.override_reason, o.entered_by, "
		"o.entered_at, ?, ? FROM (VALUES ", "(?, ?)", n,
		") AS v JOIN outcome o ON o.id = v.column2", err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind bd = { st, 1, RT_DB_OK };
	rt_bind_text(&bd, s->actor);
	rt_bind_text(&bd, k->now);
	for (size_t i = 0; i < n; i++) {
		rt_bind_int(&bd, j->u.rows[i].history);
		rt_bind_int(&bd, j->u.rows[i].o.id);
	}
	int rc = chunk_run(s, st, &bd, n, "spara utfallens historik", err);
	if (rc)
		return rc;
	st = chunk_stmt(s, k,
		"UPDATE outcome SET text = v.column2, cmp = v.column3, "
		"value = CAST(v.column4 AS DOUBLE PRECISION), unit = v.column5, "
		"base_year = CAST(v.column6 AS INTEGER), qual = v.column7, comment = v.column8, "
		"status = v.column9, entered_by = v.column10, entered_at = v.column11, "
		"computed_status = v.column12, override_reason = v.column13, "
		"row_version = outcome.row_version + 1 FROM (VALUES ",
		"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", n, ") AS v WHERE outcome.id = v.column1",
		err);
	if (!st)
		return err ? err->code : RT_EIO;
	bd = (struct rt_bind){ st, 1, RT_DB_OK };
	for (size_t i = 0; i < n; i++) {
		rt_bind_int(&bd, j->u.rows[i].o.id);
		bind_values(&bd, &j->u.rows[i].o);
	}
	return chunk_run(s, st, &bd, n, "rätta utfallen", err);
}

static int flush_trace(rt_store *s, struct bulk *k, struct job *j, rt_err *err)
{
	rt_db_stmt *st = chunk_stmt(s, k,
		"INSERT INTO import_row (batch_id, line, outcome_id, history_id) VALUES ",
		"(?, ?, ?, ?)", j->n, "", err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind bd = { st, 1, RT_DB_OK };
	for (size_t i = 0; i < j->n; i++) {
		rt_bind_int(&bd, k->batch_id);
		rt_bind_int(&bd, j->u.trace[i][0]);
		rt_bind_int(&bd, j->u.trace[i][1]);
		rt_bind_id(&bd, j->u.trace[i][2]);
	}
	return chunk_run(s, st, &bd, j->n, "skriva inläsningens rader", err);
}

static int flush(rt_store *s, struct bulk *k, struct job *j, rt_err *err)
{
	switch (j->kind) {
	case JOB_FRESH: return flush_fresh(s, k, j, err);
	case JOB_FIXES: return flush_fixes(s, k, j, err);
	default: return flush_trace(s, k, j, err);
	}
}

int rt_store_import_row(rt_store *s, struct rt_import_batch *b, int64_t line,
                        struct rt_outcome *o, rt_err *err)
{
	(void)s;
	struct bulk *k = b->store;
	if (!k)
		return rt_err_set(err, RT_ESTATE, "", "Internt fel: ingen inläsning är påbörjad");
	int rc = 0;
	int64_t history = 0;
	enum job_kind kind = o->id ? JOB_FIXES : JOB_FRESH;
	if (o->id) {
		history = ++k->next_history_id;
		b->updated++;
	} else {
		o->id = ++k->next_outcome_id;
		b->inserted++;
	}
	struct job *j = job_of(k, kind);
	struct staged *x = &j->u.rows[j->n++];
	x->o = *o;
	x->o.text = rt_arena_strdup(&j->text, o->text);
	x->o.comment = rt_arena_strdup(&j->text, o->comment);
	x->history = history;
	if (j->n == job_cap[kind])
		rc = submit(k, kind, err);
	j = job_of(k, JOB_TRACE);
	j->u.trace[j->n][0] = line;
	j->u.trace[j->n][1] = o->id;
	j->u.trace[j->n++][2] = history;
	if (rc == 0 && j->n == job_cap[JOB_TRACE])
		rc = submit(k, JOB_TRACE, err);
	b->rows++;
	return rc;
}

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
	struct bulk *k = b->store;
	if (!k)
		return rt_err_set(err, RT_ESTATE, "", "Internt fel: ingen inläsning är påbörjad");
	int rc = 0;
	for (int i = 0; rc == 0 && i < N_KINDS; i++)
		rc = submit(k, (enum job_kind)i, err);
	writer_stop(k, rc != 0);   /* every chunk written: the connection is the caller's */
	if (rc == 0 && k->failed) {
		rc = k->failed;
		if (err)
			*err = k->werr;
	}
	rt_store_import_end(b);
	if (rc == 0)
		rc = resync_ids(s, err);
	if (rc)
		return rc;
	rt_db_stmt *st = rt_sql_stmt(s,
		"UPDATE import_batch SET rows = ?, inserted = ?, updated = ?, "
		"sha256 = COALESCE(?, sha256) WHERE id = ?", err);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind bd = { st, 1, RT_DB_OK };
	rt_bind_int(&bd, (int64_t)b->rows);
	rt_bind_int(&bd, (int64_t)b->inserted);
	rt_bind_int(&bd, (int64_t)b->updated);
	rt_bind_text(&bd, b->sha256_hex);
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

/* Groups the outcomes, read in id order, by indicator (doc->indicators is
 * in id order), keeping id order within each: a counting sort, since
 * qsort moving 190 000 whole structs cost more than reading them. */
static void group_by_indicator(struct rt_plan_doc *doc)
{
	size_t n = doc->n_outcomes, m = doc->n_indicators;
	uint32_t *at = rt_xcalloc(n + 1, sizeof(*at));
	size_t *start = rt_xcalloc(m + 2, sizeof(*start));
	for (size_t i = 0; i < n; i++) {
		size_t lo = 0, hi = m;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (doc->indicators[mid].id < doc->outcomes[i].indicator_id)
				lo = mid + 1;
			else
				hi = mid;
		}
		at[i] = (uint32_t)lo;   /* the indicators were read first: always found */
		start[lo + 1]++;
	}
	for (size_t k = 0; k < m; k++)
		start[k + 1] += start[k];
	struct rt_outcome *tmp = rt_xmalloc(n * sizeof(*tmp));
	memcpy(tmp, doc->outcomes, n * sizeof(*tmp));
	for (size_t i = 0; i < n; i++)
		doc->outcomes[start[at[i]]++] = tmp[i];
	free(tmp);
	free(start);
	free(at);
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
		  "x.comment FROM outcome x WHERE +x.indicator_id " OF_IDS " ORDER BY x.id"
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
		group_by_indicator(doc);
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
