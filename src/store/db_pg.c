/* db.h on PostgreSQL (libpq). The store's SQL is written for SQLite and
 * mostly runs on both; this driver closes the gap when it prepares:
 *  - `?`, `?NNN` and `:name` placeholders become $n (SQLite's numbering);
 *  - a few SQLite spellings get their PostgreSQL form (rewrite_sql);
 *  - an INSERT into a table with an id gets RETURNING id, which is what
 *    rt_db_last_id answers (no extra round trip per row);
 *  - PRAGMAs (SQLite's tuning) do nothing;
 *  - BEGIN IMMEDIATE becomes BEGIN plus a transaction-scoped advisory lock,
 *    so writers queue for each other as they do on SQLite, and readers
 *    never wait;
 *  - SQLSTATEs map onto db.h's (SQLite's) codes, with SQLite-style
 *    constraint messages ("UNIQUE constraint failed: plan.key"), since the
 *    store's messages are built from them.
 * Statements are prepared per connection (PQprepare) on their first step,
 * when the parameter types are known: integers int8, reals float8, text and
 * NULL left for the server to infer. Values travel as text. */
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/db_int.h"
#include "util/alloc.h"
#include "util/buf.h"

#define OID_INT8 20
#define OID_FLOAT8 701

/* Every writer takes this lock until its transaction ends: a fixed key
 * (any number) and the schema, so Rödtråd databases in different schemas
 * of one PostgreSQL database do not wait for each other. */
#define WRITE_LOCK "SELECT pg_advisory_xact_lock(7470114, hashtext(current_schema()))"

struct pg_db {
	struct rt_db base;
	PGconn *conn;
	int errcode;
	char *errmsg;
	int64_t changes, total_changes, last_id;
	unsigned next_name;
	/* SAVEPOINTs and RELEASEs not yet sent (defer_utility) */
	char **pending;
	size_t n_pending, cap_pending;
};

struct pg_stmt {
	struct rt_db_stmt base;
	struct pg_db *db;
	char *sql;             /* rewritten for PostgreSQL */
	bool utility;          /* BEGIN, SAVEPOINT …: simple protocol, no params */
	bool write;            /* INSERT, UPDATE, DELETE */
	bool noop;             /* PRAGMA: SQLite's tuning, nothing to do here */
	bool returning_id;     /* we appended RETURNING id */
	int nparams;
	char **names;          /* names[i] of ":name" parameter i+1, or NULL */
	char **vals;
	Oid *types, *prep_types;
	char name[24];         /* server-side prepared statement, "" = none */
	PGresult *res;
	int row, nrows;
	bool executed, done;
};

#define DB(db) ((struct pg_db *)(db))
#define ST(st) ((struct pg_stmt *)(st))

/* ---- errors ------------------------------------------------------------ */

static void set_error(struct pg_db *db, int code, const char *msg)
{
	db->errcode = code;
	free(db->errmsg);
	db->errmsg = rt_xstrdup(msg ? msg : "");
	size_t n = strlen(db->errmsg);
	while (n && (db->errmsg[n - 1] == '\n' || db->errmsg[n - 1] == ' '))
		db->errmsg[--n] = '\0';
	/* one line: libpq's messages come as "…\n\tIs the server running …" */
	for (char *p = db->errmsg; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
}

/* "Key (plan_id, version)=(3, 1) already exists." → "plan.plan_id,
 * plan.version"; an expression index is named as SQLite names it. */
static void unique_columns(const PGresult *res, const char *table, rt_buf *out)
{
	const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
	const char *cons = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
	const char *open = detail ? strstr(detail, "Key (") : NULL;
	const char *close = open ? strstr(open, ")=(") : NULL;
	if (!open || !close || memchr(open + 5, '(', (size_t)(close - open - 5))) {
		rt_buf_addf(out, "index '%s'", cons ? cons : "?");
		return;
	}
	const char *p = open + 5;
	while (p < close) {
		const char *end = memchr(p, ',', (size_t)(close - p));
		if (!end)
			end = close;
		rt_buf_addf(out, "%s%s.%.*s", p == open + 5 ? "" : ", ", table, (int)(end - p), p);
		p = end + 1;
		while (p < close && *p == ' ')
			p++;
	}
}

/* Maps a failed result onto db.h's codes and a SQLite-style message. */
static int fail_result(struct pg_db *db, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(db->conn);
	const char *table = res ? PQresultErrorField(res, PG_DIAG_TABLE_NAME) : NULL;
	const char *column = res ? PQresultErrorField(res, PG_DIAG_COLUMN_NAME) : NULL;
	const char *cons = res ? PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME) : NULL;
	int code = RT_DB_ERROR;
	rt_buf b = RT_BUF_INIT;
	if (!state) {
		code = PQstatus(db->conn) == CONNECTION_OK ? RT_DB_ERROR : RT_DB_IOERR;
	} else if (!strcmp(state, "23505")) {
		code = RT_DB_CONSTRAINT_UNIQUE;
		rt_buf_addstr(&b, "UNIQUE constraint failed: ");
		unique_columns(res, table ? table : "?", &b);
	} else if (!strcmp(state, "23503")) {
		code = RT_DB_CONSTRAINT_FOREIGNKEY;
		rt_buf_addstr(&b, "FOREIGN KEY constraint failed");
	} else if (!strcmp(state, "23502")) {
		code = RT_DB_CONSTRAINT_NOTNULL;
		rt_buf_addf(&b, "NOT NULL constraint failed: %s.%s", table ? table : "?",
		            column ? column : "?");
	} else if (!strcmp(state, "23514")) {
		code = RT_DB_CONSTRAINT_CHECK;
		rt_buf_addf(&b, "CHECK constraint failed: %s", cons ? cons : "?");
	} else if (!strncmp(state, "23", 2)) {
		code = RT_DB_CONSTRAINT;
	} else if (!strcmp(state, "40001") || !strcmp(state, "40P01") ||
	           !strcmp(state, "55P03")) {
		/* serialization failure, deadlock, lock timeout: try again */
		code = RT_DB_BUSY;
	} else if (!strcmp(state, "25006")) {
		code = RT_DB_READONLY;
	} else if (!strcmp(state, "53100")) {
		code = RT_DB_FULL;
	} else if (!strncmp(state, "08", 2) || !strncmp(state, "57P", 3)) {
		code = RT_DB_IOERR;
	}
	set_error(db, code, b.len ? b.buf : msg);
	rt_buf_release(&b);
	return code;
}

/* ---- SQL rewriting ------------------------------------------------------- */

static void replace_all(rt_buf *sql, const char *from, const char *to)
{
	if (!strstr(sql->buf, from))
		return;
	rt_buf out = RT_BUF_INIT;
	const char *p = sql->buf, *hit;
	size_t n = strlen(from);
	while ((hit = strstr(p, from)) != NULL) {
		rt_buf_add(&out, p, (size_t)(hit - p));
		rt_buf_addstr(&out, to);
		p = hit + n;
	}
	rt_buf_addstr(&out, p);
	rt_buf_release(sql);
	*sql = out;
}

/* SQLite spellings the store uses, and their PostgreSQL forms. */
static const char *const dialect[][2] = {
	/* json_each over a JSON array of ids (sqlite_report.c): value and the
	 * element's place as key. Through unnest of an array: the planner takes
	 * a set-returning function for 100 rows and then joins a plan's 80 goals
	 * by scanning all 20 000 indicators of a region (hash join), but
	 * estimates an unnest of a computed array at 10 and probes the index —
	 * a third of PostgreSQL's CPU for the region's report. */
	{ "json_each(:goals) r",
	  "(SELECT e.value, e.key FROM unnest(CAST(ARRAY(SELECT json_array_elements_text("
	  "CAST(:goals AS json))) AS BIGINT[])) WITH ORDINALITY AS e(value, key)) r" },
	/* SQLite's CROSS JOIN … ON fixes the join order; PostgreSQL wants JOIN */
	{ " CROSS JOIN ", " JOIN " },
	{ "json_object(", "json_build_object(" },
	/* `a IS ?` compares with NULL = NULL */
	{ " IS ?", " IS NOT DISTINCT FROM ?" },
};

static bool starts_with_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	return !strncasecmp(s, w, n) && (s[n] == ' ' || s[n] == '\0' || s[n] == '\n' || s[n] == '(');
}

/* Tables without an id column: no RETURNING id for them. */
static bool has_id(const char *insert)
{
	static const char *const none[] = { "schema_version", "login_failure", "import_row" };
	const char *t = insert + strlen("INSERT INTO ");
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		if (starts_with_word(t, none[i]))
			return false;
	return true;
}

static int name_index(struct pg_stmt *st, const char *name, size_t len)
{
	for (int i = 0; i < st->nparams; i++)
		if (st->names[i] && strlen(st->names[i]) == len && !strncmp(st->names[i], name, len))
			return i + 1;
	return 0;
}

static void grow_params(struct pg_stmt *st, int n)
{
	if (n <= st->nparams)
		return;
	st->names = rt_xrealloc(st->names, (size_t)n * sizeof(*st->names));
	for (int i = st->nparams; i < n; i++)
		st->names[i] = NULL;
	st->nparams = n;
}

/* Placeholders to $n, numbered as SQLite numbers them: `?` is one more
 * than the largest so far, `?N` is N, a new `:name` one more than the
 * largest. String literals and `::` casts are left alone. */
static char *number_params(struct pg_stmt *st, const char *sql)
{
	rt_buf out = RT_BUF_INIT;
	for (const char *p = sql; *p;) {
		if (*p == '\'') {
			const char *q = p + 1;
			while (*q && !(*q == '\'' && q[1] != '\''))
				q += *q == '\'' ? 2 : 1;
			if (*q)
				q++;
			rt_buf_add(&out, p, (size_t)(q - p));
			p = q;
		} else if (*p == '?') {
			p++;
			int n;
			if (*p >= '0' && *p <= '9') {
				n = (int)strtol(p, (char **)&p, 10);
			} else {
				n = st->nparams + 1;
			}
			grow_params(st, n);
			/* `? IS NULL` alone cannot tell the server the type of a
			 * NULL; text is what such optional filters are */
			if (!strncmp(p, " IS NULL", 8) || !strncmp(p, " IS NOT NULL", 12))
				rt_buf_addf(&out, "CAST($%d AS TEXT)", n);
			else
				rt_buf_addf(&out, "$%d", n);
		} else if (*p == ':' && p[1] != ':' && (p == sql || p[-1] != ':') &&
		           ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') || p[1] == '_')) {
			const char *q = p + 1;
			while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '_' ||
			       (*q >= '0' && *q <= '9'))
				q++;
			int n = name_index(st, p, (size_t)(q - p));
			if (!n) {
				n = st->nparams + 1;
				grow_params(st, n);
				st->names[n - 1] = rt_xstrndup(p, (size_t)(q - p));
			}
			rt_buf_addf(&out, "$%d", n);
			p = q;
		} else {
			rt_buf_addch(&out, *p++);
		}
	}
	return rt_buf_detach(&out, NULL);
}

static void rewrite_sql(struct pg_stmt *st, const char *sql)
{
	while (*sql == ' ' || *sql == '\n' || *sql == '\t')
		sql++;
	rt_buf b = RT_BUF_INIT;
	rt_buf_addstr(&b, sql);
	if (!strcmp(b.buf, "BEGIN IMMEDIATE")) {
		rt_buf_reset(&b);
		rt_buf_addstr(&b, "BEGIN; " WRITE_LOCK);
	}
	for (size_t i = 0; i < sizeof(dialect) / sizeof(dialect[0]); i++)
		replace_all(&b, dialect[i][0], dialect[i][1]);
	if (starts_with_word(b.buf, "INSERT") && !strstr(b.buf, "RETURNING") && has_id(b.buf)) {
		rt_buf_addstr(&b, " RETURNING id");
		st->returning_id = true;
	}
	st->utility = !(starts_with_word(b.buf, "SELECT") || starts_with_word(b.buf, "INSERT") ||
	                starts_with_word(b.buf, "UPDATE") || starts_with_word(b.buf, "DELETE") ||
	                starts_with_word(b.buf, "WITH") || starts_with_word(b.buf, "VALUES"));
	st->noop = starts_with_word(b.buf, "PRAGMA");
	st->write = starts_with_word(b.buf, "INSERT") || starts_with_word(b.buf, "UPDATE") ||
	            starts_with_word(b.buf, "DELETE");
	st->sql = number_params(st, b.buf);
	rt_buf_release(&b);
}

/* ---- connection ------------------------------------------------------- */

static int pg_errcode(rt_db *db) { return DB(db)->errcode; }
static const char *pg_errmsg(rt_db *db) { return DB(db)->errmsg ? DB(db)->errmsg : ""; }

/* ---- deferred savepoints ------------------------------------------------- */

/* Every put is SAVEPOINT, its statements, RELEASE: two of a put's round
 * trips did nothing but open and close the savepoint (a restore of a region
 * is hundreds of thousands of puts). Inside a transaction that is in good
 * order these cannot fail, so they wait here and go to the server in front
 * of the next statement, in the same round trip. ROLLBACK TO (a put that
 * failed) and anything outside a transaction are sent at once. */
static bool defer_utility(struct pg_db *db, const char *sql)
{
	if ((!starts_with_word(sql, "SAVEPOINT") && !starts_with_word(sql, "RELEASE")) ||
	    strchr(sql, ';') || PQtransactionStatus(db->conn) != PQTRANS_INTRANS)
		return false;
	if (db->n_pending == db->cap_pending) {
		db->cap_pending = db->cap_pending ? db->cap_pending * 2 : 4;
		db->pending = rt_xrealloc(db->pending, db->cap_pending * sizeof(*db->pending));
	}
	db->pending[db->n_pending++] = rt_xstrdup(sql);
	return true;
}

static void drop_pending(struct pg_db *db)
{
	for (size_t i = 0; i < db->n_pending; i++)
		free(db->pending[i]);
	db->n_pending = 0;
}

/* The waiting statements and then `sql`, as one simple-protocol query. */
static PGresult *exec_with_pending(struct pg_db *db, const char *sql)
{
	if (!db->n_pending)
		return PQexec(db->conn, sql);
	rt_buf b = RT_BUF_INIT;
	for (size_t i = 0; i < db->n_pending; i++)
		rt_buf_addf(&b, "%s; ", db->pending[i]);
	rt_buf_addstr(&b, sql);
	drop_pending(db);
	PGresult *res = PQexec(db->conn, b.buf);
	rt_buf_release(&b);
	return res;
}

static void pg_close(rt_db *db)
{
	drop_pending(DB(db));
	free(DB(db)->pending);
	PQfinish(DB(db)->conn);
	free(DB(db)->errmsg);
	free(db);
}

/* Runs `sql` with the simple protocol (several statements allowed). */
static int run_simple(struct pg_db *db, const char *sql)
{
	PGresult *res = exec_with_pending(db, sql);
	ExecStatusType t = PQresultStatus(res);
	int rc = t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK || t == PGRES_EMPTY_QUERY
		? RT_DB_OK : fail_result(db, res);
	PQclear(res);
	return rc;
}

static int pg_exec(rt_db *db, const char *sql, char **msg)
{
	int rc = run_simple(DB(db), sql);
	if (msg)
		*msg = rc ? rt_xstrdup(DB(db)->errmsg) : NULL;
	return rc;
}

static bool pg_in_tx(rt_db *db)
{
	PGTransactionStatusType t = PQtransactionStatus(DB(db)->conn);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

static int64_t pg_changes(rt_db *db) { return DB(db)->changes; }
static int64_t pg_total_changes(rt_db *db) { return DB(db)->total_changes; }
static int64_t pg_last_id(rt_db *db) { return DB(db)->last_id; }

/* ---- statements --------------------------------------------------------- */

static const struct rt_db_ops pg_ops;

static int pg_prepare(rt_db *db, const char *sql, rt_db_stmt **out)
{
	struct pg_stmt *st = rt_xcalloc(1, sizeof(*st));
	st->base.ops = &pg_ops;
	st->db = DB(db);
	rewrite_sql(st, sql);
	int n = st->nparams ? st->nparams : 1;
	st->vals = rt_xcalloc((size_t)n, sizeof(*st->vals));
	st->types = rt_xcalloc((size_t)n, sizeof(*st->types));
	st->prep_types = rt_xcalloc((size_t)n, sizeof(*st->prep_types));
	*out = &st->base;
	return RT_DB_OK;
}

static void clear_params(struct pg_stmt *st)
{
	for (int i = 0; i < st->nparams; i++) {
		free(st->vals[i]);
		st->vals[i] = NULL;
		st->types[i] = 0;
	}
}

static void pg_reset(rt_db_stmt *s)
{
	struct pg_stmt *st = ST(s);
	PQclear(st->res);
	st->res = NULL;
	st->executed = st->done = false;
	st->row = -1;
	st->nrows = 0;
	clear_params(st);
}

static void pg_finalize(rt_db_stmt *s)
{
	struct pg_stmt *st = ST(s);
	pg_reset(s);
	/* The server-side statement goes with the connection; deallocating
	 * here could fail inside an aborted transaction. */
	for (int i = 0; i < st->nparams; i++)
		free(st->names[i]);
	free(st->names);
	free(st->vals);
	free(st->types);
	free(st->prep_types);
	free(st->sql);
	free(st);
}

static bool pg_busy(rt_db_stmt *s) { return ST(s)->executed && !ST(s)->done; }

/* Prepared with types that still fit the values bound now? A text or NULL
 * value fits whatever the server chose; a number needs its own type. */
static bool types_fit(const struct pg_stmt *st)
{
	for (int i = 0; i < st->nparams; i++)
		if (st->types[i] && st->prep_types[i] != st->types[i])
			return false;
	return true;
}

/* SQLite undoes a failed statement and keeps the transaction; PostgreSQL
 * aborts the whole transaction. The store relies on SQLite's way (a
 * duplicate is reported and the transaction goes on), so a write inside a
 * transaction runs in a savepoint of its own. */
static bool guarded(const struct pg_stmt *st)
{
	return st->write && PQtransactionStatus(st->db->conn) == PQTRANS_INTRANS;
}

/* Takes the statement's result: rows to step through, changes, last id. */
static void took(struct pg_stmt *st, PGresult *res)
{
	struct pg_db *db = st->db;
	st->res = res;
	/* PQcmdTuples also gives a SELECT's row count; SQLite counts only rows
	 * written, and the server's response cache takes total_changes as part
	 * of its change stamp (every read emptied it before) */
	const char *n = st->write ? PQcmdTuples(res) : NULL;
	if (n && *n) {
		db->changes = strtoll(n, NULL, 10);
		db->total_changes += db->changes;
	}
	st->nrows = PQresultStatus(res) == PGRES_TUPLES_OK && !st->utility ? PQntuples(res) : 0;
	if (st->returning_id) {
		if (st->nrows > 0)
			db->last_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		st->nrows = 0;
	}
}

/* Savepoint, prepare (when needed), execute and release go to the server
 * in one pipeline: one round trip for what would be up to four. Only a
 * failure costs a second one (rolling back to the savepoint). */
static int pipelined(struct pg_stmt *st, bool guard, bool prepare)
{
	struct pg_db *db = st->db;
	PGconn *c = db->conn;
	if (!PQenterPipelineMode(c))
		return fail_result(db, NULL);
	int sent = 0, prep_at = -1, exec_at;
	for (size_t i = 0; i < db->n_pending; i++)
		sent += PQsendQueryParams(c, db->pending[i], 0, NULL, NULL, NULL, NULL, 0) ? 1 : 0;
	drop_pending(db);
	if (guard)
		sent += PQsendQueryParams(c, "SAVEPOINT rt_stmt", 0, NULL, NULL, NULL, NULL, 0) ? 1 : 0;
	if (prepare) {
		snprintf(st->name, sizeof st->name, "rt%u", ++db->next_name);
		PQsendPrepare(c, st->name, st->sql, st->nparams, st->types);
		prep_at = sent++;
	}
	PQsendQueryPrepared(c, st->name, st->nparams, (const char *const *)st->vals, NULL, NULL, 0);
	exec_at = sent++;
	if (guard)
		sent += PQsendQueryParams(c, "RELEASE SAVEPOINT rt_stmt", 0, NULL, NULL, NULL, NULL,
		                          0) ? 1 : 0;
	PQpipelineSync(c);
	int rc = RT_DB_OK;
	for (int i = 0; i < sent; i++) {
		PGresult *r = PQgetResult(c);
		ExecStatusType t = PQresultStatus(r);
		if (t == PGRES_FATAL_ERROR && rc == RT_DB_OK)
			rc = fail_result(db, r);
		if (i == prep_at) {
			if (t == PGRES_COMMAND_OK)
				memcpy(st->prep_types, st->types, (size_t)st->nparams * sizeof(Oid));
			else
				st->name[0] = '\0';
		}
		if (i == exec_at && rc == RT_DB_OK && (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK)) {
			took(st, r);
			r = NULL;
		}
		PQclear(r);
		while ((r = PQgetResult(c)) != NULL)   /* each query's results end with NULL */
			PQclear(r);
	}
	for (PGresult *r; (r = PQgetResult(c)) != NULL;) {
		bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
		PQclear(r);
		if (sync)
			break;
	}
	PQexitPipelineMode(c);
	if (rc == RT_DB_OK && !st->res)
		rc = fail_result(db, NULL);
	if (rc && guard) {
		/* keep the statement's error, not the rollback's */
		int code = db->errcode;
		char *msg = db->errmsg;
		db->errmsg = NULL;
		run_simple(db, "ROLLBACK TO SAVEPOINT rt_stmt; RELEASE SAVEPOINT rt_stmt");
		db->errcode = code;
		free(db->errmsg);
		db->errmsg = msg;
	}
	return rc;
}

static int execute(struct pg_stmt *st)
{
	if (st->noop)
		return RT_DB_OK;
	if (st->utility) {
		if (defer_utility(st->db, st->sql))
			return RT_DB_OK;
		/* BEGIN IMMEDIATE's lock rides along in the same round trip */
		PGresult *r = exec_with_pending(st->db, st->sql);
		ExecStatusType t = PQresultStatus(r);
		if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
			int rc = fail_result(st->db, r);
			PQclear(r);
			return rc;
		}
		took(st, r);
		return RT_DB_OK;
	}
	return pipelined(st, guarded(st), !st->name[0] || !types_fit(st));
}

static int pg_step(rt_db_stmt *s)
{
	struct pg_stmt *st = ST(s);
	if (st->done)
		return RT_DB_DONE;
	if (!st->executed) {
		st->executed = true;
		st->row = -1;
		int rc = execute(st);
		if (rc) {
			st->done = true;
			return rc;
		}
	}
	if (++st->row < st->nrows)
		return RT_DB_ROW;
	st->done = true;
	return RT_DB_DONE;
}

static int pg_param_count(rt_db_stmt *s) { return ST(s)->nparams; }

static int pg_param_index(rt_db_stmt *s, const char *name)
{
	return name_index(ST(s), name, strlen(name));
}

static int bind(rt_db_stmt *s, int i, char *val, Oid type)
{
	struct pg_stmt *st = ST(s);
	if (i < 1 || i > st->nparams) {
		free(val);
		return RT_DB_RANGE;
	}
	free(st->vals[i - 1]);
	st->vals[i - 1] = val;
	st->types[i - 1] = type;
	return RT_DB_OK;
}

static int pg_bind_null(rt_db_stmt *s, int i) { return bind(s, i, NULL, 0); }

static int pg_bind_int(rt_db_stmt *s, int i, int64_t v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%" PRId64, v);
	return bind(s, i, rt_xstrdup(buf), OID_INT8);
}

static int pg_bind_double(rt_db_stmt *s, int i, double v)
{
	char buf[40];
	snprintf(buf, sizeof buf, "%.17g", v);
	return bind(s, i, rt_xstrdup(buf), OID_FLOAT8);
}

static int pg_bind_text(rt_db_stmt *s, int i, const char *v)
{
	return bind(s, i, v ? rt_xstrdup(v) : NULL, 0);
}

static int pg_col_count(rt_db_stmt *s) { return ST(s)->res ? PQnfields(ST(s)->res) : 0; }

static bool in_row(const struct pg_stmt *st, int i)
{
	return st->res && st->row >= 0 && st->row < st->nrows && i >= 0 && i < PQnfields(st->res);
}

static bool pg_col_is_null(rt_db_stmt *s, int i)
{
	struct pg_stmt *st = ST(s);
	return !in_row(st, i) || PQgetisnull(st->res, st->row, i);
}

static const char *pg_col_text(rt_db_stmt *s, int i)
{
	struct pg_stmt *st = ST(s);
	return pg_col_is_null(s, i) ? NULL : PQgetvalue(st->res, st->row, i);
}

/* Booleans come as t/f where SQLite gives 1/0. */
static int64_t pg_col_int(rt_db_stmt *s, int i)
{
	const char *t = pg_col_text(s, i);
	if (!t)
		return 0;
	if (t[0] == 't' && !t[1])
		return 1;
	if (t[0] == 'f' && !t[1])
		return 0;
	if (strpbrk(t, ".eE"))
		return (int64_t)strtod(t, NULL);
	return strtoll(t, NULL, 10);
}

static double pg_col_double(rt_db_stmt *s, int i)
{
	const char *t = pg_col_text(s, i);
	return t ? strtod(t, NULL) : 0.0;
}

static int pg_col_bytes(rt_db_stmt *s, int i)
{
	struct pg_stmt *st = ST(s);
	return pg_col_is_null(s, i) ? 0 : PQgetlength(st->res, st->row, i);
}

static const struct rt_db_ops pg_ops = {
	RT_DB_POSTGRES,
	pg_close, pg_errcode, pg_errmsg, pg_exec, pg_in_tx, pg_changes,
	pg_total_changes, pg_last_id, pg_prepare, pg_finalize, pg_busy, pg_reset,
	pg_step, pg_param_count, pg_param_index, pg_bind_null, pg_bind_int,
	pg_bind_double, pg_bind_text, pg_col_count, pg_col_is_null, pg_col_int,
	pg_col_double, pg_col_text, pg_col_bytes,
	pg_bind_text,   /* bind_text_static: values travel as text, copied either way */
};

/* libpq prints notices ("relation already exists, skipping") on stderr;
 * the store never prints. */
static void quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static bool loopback(const char *host)
{
	return !strcmp(host, "127.0.0.1") || !strcmp(host, "::1") || !strcmp(host, "localhost");
}

/* The URL's parameters, plus what every connection sets, in the startup
 * packet instead of a query each after it (each was a round trip, and a
 * CLI run is one connection): the client encoding and quiet notices. On
 * the loopback interface, unless the URL or PGSSLMODE says otherwise, no
 * SSL request first (sslmode=allow: plain, and SSL only if the server
 * refuses plain), since nothing leaves the machine. NULL when the URL does
 * not parse (PQconnectdb then says why). */
static PGconn *connect_with_startup(const char *url)
{
	PQconninfoOption *info = PQconninfoParse(url, NULL);
	if (!info)
		return NULL;
	size_t n = 0;
	for (PQconninfoOption *o = info; o->keyword; o++)
		n++;
	const char **keys = rt_xcalloc(n + 4, sizeof(*keys));
	const char **vals = rt_xcalloc(n + 4, sizeof(*vals));
	rt_buf options = RT_BUF_INIT;
	const char *host = NULL, *sslmode = getenv("PGSSLMODE");
	size_t k = 0;
	for (PQconninfoOption *o = info; o->keyword; o++) {
		if (!o->val)
			continue;
		if (!strcmp(o->keyword, "options")) {
			rt_buf_addf(&options, "%s ", o->val);
			continue;
		}
		if (!strcmp(o->keyword, "client_encoding"))
			continue;
		if (!strcmp(o->keyword, "host"))
			host = o->val;
		if (!strcmp(o->keyword, "sslmode"))
			sslmode = o->val;
		keys[k] = o->keyword;
		vals[k++] = o->val;
	}
	rt_buf_addstr(&options, "-c client_min_messages=warning");
	keys[k] = "options";
	vals[k++] = options.buf;
	keys[k] = "client_encoding";
	vals[k++] = "UTF8";
	if (!sslmode && host && loopback(host)) {
		keys[k] = "sslmode";
		vals[k++] = "allow";
	}
	PGconn *conn = PQconnectdbParams(keys, vals, 0);
	rt_buf_release(&options);
	free(keys);
	free(vals);
	PQconninfoFree(info);
	return conn;
}

int rt_db_open_pg(const char *url, rt_db **out)
{
	struct pg_db *db = rt_xcalloc(1, sizeof(*db));
	db->base.ops = &pg_ops;
	*out = &db->base;
	db->conn = connect_with_startup(url);
	if (!db->conn)
		db->conn = PQconnectdb(url);
	if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
		set_error(db, RT_DB_CANTOPEN, db->conn ? PQerrorMessage(db->conn) : "libpq");
		return RT_DB_CANTOPEN;
	}
	PQsetNoticeProcessor(db->conn, quiet, NULL);
	return RT_DB_OK;
}
