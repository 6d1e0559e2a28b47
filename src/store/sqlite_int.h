/* Internal declarations of the SQLite backend (after sqlite's sqliteInt.h):
 * the store handle, the prepared-statement cache, error mapping, and the
 * table of entities that the generic put/get/load code is driven by.
 * Only the store's .c files and its tests include this; nothing outside the
 * store may know the SQL schema. */
#ifndef RT_STORE_SQLITE_INT_H
#define RT_STORE_SQLITE_INT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "store/db.h"

#include "core/target.h"
#include "store/migrations.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

struct rt_sql_cached {
	char *sql;
	rt_db_stmt *st;
};

struct rt_store {
	rt_db *db;
	char *path;
	char *actor;           /* set between begin and commit/rollback */
	bool in_tx;
	bool in_read;          /* between rt_store_read_begin and _end (SQLite only) */
	/* A session idle-timer touch due when the read transaction ends
	 * (sqlite_session.c): token hash, "" for none, and the time. */
	char touch_hash[65];
	int64_t touch_at;
	bool created;          /* rt_store_open made the schema (rt_store_created) */
	bool has_chain;        /* audit_log has its hash columns (0007); cached once seen */
	struct rt_sql_cached *stmts;
	size_t n_stmts, cap_stmts;
	/* Who writes (store_auth.h rt_store_set_principal); NULL: unchecked. */
	const struct rt_principal *principal;
	/* rt_store_expect_version's expectations (sqlite_version.c), until
	 * commit or rollback. */
	struct rt_sql_expect *expects;
	size_t n_expects, cap_expects;
};

/* An expected row version: `table` is one of sqlite_version.c's names. */
struct rt_sql_expect {
	const char *table;
	int64_t id, version;
};

/* sqlite_owner.c: 0 without a principal, else RT_PERM_PLAN_EDIT on the
 * owner of plan `plan_id` (for plan content written outside the generic
 * put: checklist answers, terms). */
int rt_sql_authz_plan_edit(rt_store *s, int64_t plan_id, rt_err *err);

/* ---- sqlite.c: statements, errors, migrations ------------------------ */

/* The cached statement for `sql`, prepared on first use, reset and with
 * cleared bindings. Hand it back with rt_sql_done. A statement that is
 * still being stepped is not handed out twice (RT_EINTERNAL). */
rt_db_stmt *rt_sql_stmt(rt_store *s, const char *sql, rt_err *err);
void rt_sql_done(rt_db_stmt *st);
/* sqlite_session.c: writes the session touch that rt_store_session_check
 * left for the end of the read transaction (s->touch_hash), if any. */
void rt_sql_session_touch_due(rt_store *s);
/* Runs a statement that returns no rows (BEGIN, SAVEPOINT …) uncached. */
int rt_sql_exec(rt_store *s, const char *sql, rt_err *err);
/* Maps a failed rt_db call to RT_EIO (RT_ECONFLICT for busy/locked) with
 * a Swedish message naming `what` and SQLite's own text. */
int rt_sql_fail(rt_store *s, int rc, const char *what, rt_err *err);

/* Applies the migrations in `list` (ascending versions) that are newer
 * than the database; each in its own transaction. Exposed so the tests can
 * feed a broken list; rt_store_migrate passes rt_migrations. */
int rt_sql_migrate_list(rt_store *s, const struct rt_migration *list, int count,
                        int *applied, rt_err *err);

/* The current time as ISO 8601 UTC, "2024-05-01T12:34:56Z". */
void rt_sql_now(char out[32]);

/* ---- sqlite_rows.c: binding and reading one row ---------------------- */

/* Binds consecutive parameters from 1; remembers the first failure. */
struct rt_bind {
	rt_db_stmt *st;
	int i;
	int rc;
};
void rt_bind_text(struct rt_bind *b, const char *s);        /* NULL → NULL */
void rt_bind_int(struct rt_bind *b, int64_t v);
void rt_bind_id(struct rt_bind *b, int64_t id);             /* 0 → NULL */
void rt_bind_double(struct rt_bind *b, bool has, double v); /* !has → NULL */

/* Reads consecutive columns from 0; remembers the first bad value. */
struct rt_col {
	rt_db_stmt *st;
	int i;
	rt_arena *a;
	const char *bad;       /* column name of the first undecodable value */
};
char *rt_col_text(struct rt_col *c);           /* NULL stays NULL, else arena copy */
int64_t rt_col_int(struct rt_col *c);
int64_t rt_col_id(struct rt_col *c);           /* NULL → 0 */
bool rt_col_double(struct rt_col *c, double *v);/* false when NULL */

/* Tokens of the parsed target columns; the core has no name functions for
 * these, so the store owns them (they must match the CHECKs in 0001). */
const char *rt_sql_cmp_name(enum rt_comparator c);
int rt_sql_cmp_parse(const char *s, enum rt_comparator *out);
const char *rt_sql_qual_name(enum rt_qual q);  /* NULL for RT_QUAL_NONE */
int rt_sql_qual_parse(const char *s, enum rt_qual *out);

/* A foreign key checked before a write so the message can name it. */
struct rt_sql_entity;
struct rt_sql_fk {
	const char *column;                /* "owner_org_id" */
	size_t offset;                     /* of the int64_t in the struct */
	const struct rt_sql_entity *ref;   /* the table it points to */
};

/* One table and the struct it stores. Everything generic (put with audit,
 * get, list, the plan loader) is driven by these descriptors. */
struct rt_sql_entity {
	const char *table;                 /* also the audit entity name */
	const char *cols;                  /* columns after id, in bind/read order */
	size_t size;                       /* sizeof the struct */
	size_t key_offset;                 /* offset of `char *key`, or (size_t)-1 */
	const char *none;                  /* "ingen plan" (for "Det finns …") */
	const char *definite;              /* "Planen" (for "… finns inte") */
	const struct rt_sql_fk *fks;
	size_t n_fks;
	void (*bind)(struct rt_bind *b, const void *obj);
	void (*read)(struct rt_col *c, void *obj);   /* column 0 is id */
	json_t *(*to_json)(const void *obj);         /* NULL on invalid UTF-8 */
	/* Message for a unique violation that is not the key. */
	void (*conflict)(const void *obj, rt_buf *msg);
	/* Called by put before an update with the row as it is stored, inside
	 * the put's savepoint (outcome_history); NULL for most tables. */
	int (*before_update)(rt_store *s, const void *old, rt_err *err);
};

extern const struct rt_sql_entity rt_sql_org_unit, rt_sql_plan, rt_sql_plan_change,
	rt_sql_goal, rt_sql_indicator, rt_sql_target, rt_sql_baseline, rt_sql_activity,
	rt_sql_budget_line, rt_sql_period, rt_sql_outcome, rt_sql_assessment,
	rt_sql_activity_status;

/* Reads one outcome_history row (columns in table order, id first). */
void rt_sql_read_outcome_history(struct rt_col *c, struct rt_outcome_history *h);

/* "SELECT id, <cols> FROM <table>" into out (no WHERE). */
void rt_sql_select(rt_buf *out, const struct rt_sql_entity *e, const char *alias);

/* ---- sqlite_report_rows.c: the compiled report's row readers --------- */

/* One table as the report reads it: `select` is the whole select list on
 * alias x (it may use :period), read takes the columns in that order. */
struct rt_sql_report_rows {
	const char *table;
	const char *select;
	size_t size;                       /* sizeof the struct */
	void (*read)(struct rt_col *c, void *obj);
};
extern const struct rt_sql_report_rows rt_sql_report_goal, rt_sql_report_indicator,
	rt_sql_report_target, rt_sql_report_baseline, rt_sql_report_period,
	rt_sql_report_activity, rt_sql_report_outcome, rt_sql_report_assessment,
	rt_sql_report_activity_status;

/* The named parameters a report query may use: :plan, :goals (a JSON
 * array of goal ids), :period, :start and :end (the period's dates), :lo
 * and :hi (a range of row ids). */
struct rt_sql_report_params {
	int64_t plan_id;
	const char *goal_ids;
	const struct rt_period *period;
	int64_t lo, hi;
};
/* Rows of one query, reused by every query of a load (free buf after). */
struct rt_sql_report_scratch {
	char *buf;
	size_t room;
};
/* Runs SELECT <e->select> <tail> and reads the rows into rows->buf
 * after the *n already there (e->size each; *n counts them all), their
 * strings into `a`. RT_EIO with a
 * Swedish message on an unknown enum value. */
int rt_sql_report_read(rt_store *s, const struct rt_sql_report_rows *e, const char *tail,
                       const struct rt_sql_report_params *p, rt_arena *a,
                       struct rt_sql_report_scratch *rows, size_t *n, rt_err *err);

/* sqlite_report.c, for both report readers: goals sorted by (parent or 0,
 * position, id) into document order (depth-first, siblings by position);
 * a document's outcomes into rt_store_plan_load's order (indicator's
 * place, period's place, gender, org unit, id). */
void rt_sql_goals_in_document_order(struct rt_goal *goals, size_t n);
void rt_sql_sort_outcomes(struct rt_plan_doc *doc);
/* The periods up to the report's (the report's "before": ending earlier,
 * or the same day and starting later), in document order: FROM … ORDER BY
 * after rt_sql_report_period's select list. */
extern const char rt_sql_report_periods_sql[];

/* ---- sqlite_version.c: row versions (0010) --------------------------- */

/* Does `table` have a row_version column? */
bool rt_sql_has_row_version(const char *table);
/* Takes (removes) the expectation for row `id` of `table`, if any. */
bool rt_sql_expect_take(rt_store *s, const char *table, int64_t id, int64_t *version);
/* Forgets every expectation (commit, rollback); _free also the array. */
void rt_sql_expect_clear(rt_store *s);
void rt_sql_expect_free(rt_store *s);
/* After a guarded UPDATE changed nothing: RT_ECONFLICT with the Swedish
 * message naming the stored and the expected version, or RT_ENOTFOUND. */
int rt_sql_version_conflict(rt_store *s, const struct rt_sql_entity *e, int64_t id,
                            int64_t expected, rt_err *err);

/* ---- sqlite_read.c --------------------------------------------------- */

/* Reads row `id` of `e` into obj (strings in a). RT_ENOTFOUND with
 * "Det finns ingen plan med id 7" when absent. */
int rt_sql_get(rt_store *s, const struct rt_sql_entity *e, rt_arena *a, int64_t id,
               void *obj, rt_err *err);

/* ---- audit_json.c: structs as JSON for the audit log ----------------- */

json_t *rt_json_org_unit(const void *obj);
json_t *rt_json_plan(const void *obj);
json_t *rt_json_plan_change(const void *obj);
json_t *rt_json_goal(const void *obj);
json_t *rt_json_indicator(const void *obj);
json_t *rt_json_target(const void *obj);
json_t *rt_json_baseline(const void *obj);
json_t *rt_json_activity(const void *obj);
json_t *rt_json_budget_line(const void *obj);
json_t *rt_json_period(const void *obj);
json_t *rt_json_outcome(const void *obj);
json_t *rt_json_assessment(const void *obj);
json_t *rt_json_activity_status(const void *obj);

/* Compact, key-sorted JSON text (malloc'd), or NULL if j is NULL. */
char *rt_json_text(json_t *j);

/* sqlite_kolada.c: appends an audit row for a write that has no entity
 * descriptor (no before image); takes the reference to `after`. */
int rt_sql_audit(rt_store *s, const char *entity, int64_t id, const char *action, json_t *after,
                 rt_err *err);

#endif
