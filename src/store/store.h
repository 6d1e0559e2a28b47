/* The store: the only code that speaks SQL. This header is the interface a
 * backend implements (sqlite.c now, postgres.c later); nothing in it names a
 * database library. Rules every backend keeps:
 *  - writes happen only between rt_store_begin and rt_store_commit; a put
 *    outside a transaction is RT_ESTATE;
 *  - every put/delete appends an audit row (who, when, entity, id, action,
 *    before/after JSON) in the same transaction;
 *  - SQL only through prepared statements;
 *  - reads allocate into the caller's arena. */
#ifndef RT_STORE_STORE_H
#define RT_STORE_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/chain.h"
#include "core/plan_doc.h"
#include "util/arena.h"
#include "util/err.h"

typedef struct rt_store rt_store;

enum rt_store_open_mode {
	RT_STORE_OPEN_EXISTING,  /* fail with a clear message if the database is missing or not migrated */
	RT_STORE_OPEN_CREATE,    /* create the file if missing and migrate it */
	RT_STORE_OPEN_UPGRADE,   /* an existing Rödtråd database of any older schema
	                          * version, not migrated yet (for 'rodtrad init') */
};

/* `url` is a file path (SQLite) or a postgres://… / postgresql://… URL
 * (PostgreSQL, libpq's URI syntax; the schema is the search_path's first). */
int rt_store_open(rt_store **out, const char *url, enum rt_store_open_mode mode, rt_err *err);
void rt_store_close(rt_store *s);
/* Is `db` a PostgreSQL URL rather than a file path? */
bool rt_store_is_url(const char *db);
/* Did rt_store_open (RT_STORE_OPEN_CREATE) find no Rödtråd schema and
 * create it? */
bool rt_store_created(const rt_store *s);

/* Apply pending migrations; *applied (may be NULL) gets how many ran. */
int rt_store_migrate(rt_store *s, int *applied, rt_err *err);
int rt_store_schema_version(rt_store *s, int *version, rt_err *err);

/* Transactions. `actor` is recorded in every audit row of the transaction
 * (a user name, "demo", "cli"). Commit failure rolls back. */
int rt_store_begin(rt_store *s, const char *actor, rt_err *err);
int rt_store_commit(rt_store *s, rt_err *err);
void rt_store_rollback(rt_store *s);
/* A read transaction: the reads until rt_store_read_end see one snapshot
 * and take SQLite's shared lock once instead of once per statement (the
 * server wraps each GET in one). A no-op on PostgreSQL. rt_store_begin
 * inside it ends it first; a session's idle-timer touch waits for _end.
 * RT_ESTATE inside a write transaction. */
int rt_store_read_begin(rt_store *s, rt_err *err);
void rt_store_read_end(rt_store *s);

/* Puts: id == 0 inserts and sets ->id; id != 0 updates that row (RT_ENOTFOUND
 * if it does not exist). Keys are unique per table (RT_ECONFLICT). */
int rt_store_org_put(rt_store *s, struct rt_org_unit *u, rt_err *err);
int rt_store_plan_put(rt_store *s, struct rt_plan *p, rt_err *err);
int rt_store_plan_change_put(rt_store *s, struct rt_plan_change *c, rt_err *err);
int rt_store_goal_put(rt_store *s, struct rt_goal *g, rt_err *err);
int rt_store_indicator_put(rt_store *s, struct rt_indicator *ind, rt_err *err);
int rt_store_target_put(rt_store *s, struct rt_target *t, rt_err *err);
int rt_store_baseline_put(rt_store *s, struct rt_baseline *b, rt_err *err);
int rt_store_activity_put(rt_store *s, struct rt_activity *a, rt_err *err);
int rt_store_budget_put(rt_store *s, struct rt_budget_line *l, rt_err *err);
int rt_store_period_put(rt_store *s, struct rt_period *p, rt_err *err);
int rt_store_outcome_put(rt_store *s, struct rt_outcome *o, rt_err *err);
int rt_store_assessment_put(rt_store *s, struct rt_assessment *a, rt_err *err);
/* (Every outcome update also keeps the row as it was in the outcome's
 * history, rt_store_outcome_history, in the same transaction.) */
/* One row per (activity, period): RT_ECONFLICT for a second insert; find
 * the existing row with rt_store_activity_status_find and update it. */
int rt_store_activity_status_put(rt_store *s, struct rt_activity_status *a, rt_err *err);

/* Optimistic concurrency (sqlite_version.c, 0010_row_version.sql). The rows
 * an officer edits — tables "plan", "goal", "indicator", "target",
 * "activity", "outcome", "assessment", "activity_status" — carry a row
 * version: 1 when inserted, one more with every update (every put and the
 * outcome import, expected or not).
 * row_version: the stored version (RT_ENOTFOUND; RT_EINVAL for another
 * table). A reader that offers the row for editing reads the version
 * BEFORE the row: a write in between then shows newer content with an
 * older version (a needless conflict), never the reverse (a lost update).
 * expect_version: inside a write transaction, makes this transaction's next
 * update of that row conditional on it still being at `version`; if not,
 * that put fails with RT_ECONFLICT, field "version", and "Målet har ändrats
 * av någon annan sedan du öppnade det (version 4, du utgick från version
 * 3). Ladda om och gör om din ändring.", and writes nothing (no audit row;
 * the caller rolls back). Expectations end at commit or rollback. */
int rt_store_row_version(rt_store *s, const char *table, int64_t id, int64_t *version,
                         rt_err *err);
int rt_store_expect_version(rt_store *s, const char *table, int64_t id, int64_t version,
                            rt_err *err);
/* The same for the outcome at an address (org unit 0: the whole scope) and
 * the assessment of a goal in a period, found here. version 0 expects that
 * there is none yet (a first entry): RT_ECONFLICT, field "version", when
 * someone entered one meanwhile. Nothing there and version > 0: no check
 * (rows are not deleted; the put inserts). */
int rt_store_expect_outcome(rt_store *s, int64_t indicator_id, int64_t period_id,
                            enum rt_gender gender, int64_t org_unit_id, int64_t version,
                            rt_err *err);
int rt_store_expect_assessment(rt_store *s, int64_t goal_id, int64_t period_id, int64_t version,
                               rt_err *err);
/* The same for the state of an activity in a period (activity_status). */
int rt_store_expect_activity_status(rt_store *s, int64_t activity_id, int64_t period_id,
                                    int64_t version, rt_err *err);
/* The assessment of a goal in a period and its row version (read before
 * the row), for a form that edits it; RT_ENOTFOUND (*version 0) when none
 * has been made. */
int rt_store_assessment_find(rt_store *s, rt_arena *a, int64_t goal_id, int64_t period_id,
                             struct rt_assessment *out, int64_t *version, rt_err *err);
/* The versions of the rows of `table` under one parent, by id: the goals
 * of a plan; indicators, activities, assessments of a goal; outcomes and
 * targets of an indicator; states of an activity. Read them before the
 * rows (as rt_store_row_version). */
struct rt_row_version {
	int64_t id, version;
};
int rt_store_child_versions(rt_store *s, rt_arena *a, const char *table, int64_t parent_id,
                            struct rt_row_version **out, size_t *n, rt_err *err);
/* The versions of a plan's outcomes in one period for the whole scope
 * (gender total, no org unit), by indicator: here `id` is the INDICATOR's
 * id. For the outcome form; read before the plan. */
int rt_store_outcome_versions(rt_store *s, rt_arena *a, int64_t plan_id, int64_t period_id,
                              struct rt_row_version **out, size_t *n, rt_err *err);

/* Reads. */
int rt_store_org_list(rt_store *s, rt_arena *a, struct rt_org_unit **out, size_t *n, rt_err *err);
int rt_store_org_get(rt_store *s, rt_arena *a, int64_t id, struct rt_org_unit *out, rt_err *err);
int rt_store_plan_list(rt_store *s, rt_arena *a, struct rt_plan **out, size_t *n, rt_err *err);
int rt_store_plan_get(rt_store *s, rt_arena *a, int64_t id, struct rt_plan *out, rt_err *err);
/* Loads the whole document of a plan (RT_ENOTFOUND if unknown). doc must be
 * rt_plan_doc_init'ed; on failure it is left empty. */
int rt_store_plan_load(rt_store *s, int64_t plan_id, struct rt_plan_doc *doc, rt_err *err);
int rt_store_goal_get(rt_store *s, rt_arena *a, int64_t id, struct rt_goal *out, rt_err *err);
/* All goals of all plans with their plan's level, for the goal chain. */
int rt_store_goal_refs(rt_store *s, rt_arena *a, struct rt_goal_ref **out, size_t *n, rt_err *err);
int rt_store_period_list(rt_store *s, rt_arena *a, struct rt_period **out, size_t *n, rt_err *err);
int rt_store_period_get(rt_store *s, rt_arena *a, int64_t id, struct rt_period *out, rt_err *err);
int rt_store_indicator_get(rt_store *s, rt_arena *a, int64_t id, struct rt_indicator *out,
                           rt_err *err);
int rt_store_activity_get(rt_store *s, rt_arena *a, int64_t id, struct rt_activity *out,
                          rt_err *err);
/* The outcome of an indicator for one period, gender and org unit (0 = the
 * whole scope); RT_ENOTFOUND when none has been entered. */
int rt_store_outcome_find(rt_store *s, rt_arena *a, int64_t indicator_id, int64_t period_id,
                          enum rt_gender gender, int64_t org_unit_id, struct rt_outcome *out,
                          rt_err *err);
/* The earlier versions of an outcome, oldest first (none: *n == 0). */
int rt_store_outcome_history(rt_store *s, rt_arena *a, int64_t outcome_id,
                             struct rt_outcome_history **out, size_t *n, rt_err *err);
/* The state of an activity in a period; RT_ENOTFOUND when none is set. */
int rt_store_activity_status_find(rt_store *s, rt_arena *a, int64_t activity_id,
                                  int64_t period_id, struct rt_activity_status *out,
                                  rt_err *err);

/* Resolve a stable text key to an id. `table` is one of "org_unit", "plan",
 * "goal", "indicator", "activity", "period". */
int rt_store_find_key(rt_store *s, const char *table, const char *key, int64_t *id, rt_err *err);

/* The audit log, newest last. entity NULL = all; entity_id 0 = all of entity. */
struct rt_audit_row {
	int64_t id;
	char *at;        /* ISO 8601 UTC */
	char *actor;
	char *entity;    /* "plan", "goal", … */
	int64_t entity_id;
	char *action;    /* "insert", "update", "delete" */
	char *before;    /* JSON text or NULL */
	char *after;     /* JSON text or NULL */
};
int rt_store_audit_list(rt_store *s, rt_arena *a, const char *entity, int64_t entity_id,
                        struct rt_audit_row **out, size_t *n, rt_err *err);

/* Deletes (sqlite_api.c) of rows nothing refers to, audited as "delete"
 * with the row as it was; RT_ENOTFOUND, or RT_ECONFLICT when the row is
 * still referred to (nothing changes then). Inside a transaction. */
int rt_store_activity_delete(rt_store *s, int64_t id, rt_err *err);
int rt_store_target_delete(rt_store *s, int64_t id, rt_err *err);
int rt_store_target_get(rt_store *s, rt_arena *a, int64_t id, struct rt_target *out, rt_err *err);
/* A number that changes whenever this connection or any other (another
 * thread, another process) has committed a change since: lets a reader
 * keep what it built from the database until the stamp moves. */
int rt_store_change_stamp(rt_store *s, uint64_t *stamp, rt_err *err);

/* The plan document the compiled follow-up report for `period` needs
 * (report/followup.c), in rt_store_plan_load's order but without what that
 * report cannot show, so a whole region reads fast: targets and baselines
 * for the whole scope only; outcomes for the whole scope in the period and
 * the periods before it (period_before in followup.c: ending earlier, or on
 * the same day and starting later) plus every outcome of the period itself;
 * assessments and activity states of the period; the periods in that
 * range; no change log, no budget. */
int rt_store_plan_load_followup(rt_store *s, int64_t plan_id, const struct rt_period *period,
                                struct rt_plan_doc *doc, rt_err *err);

/* Settings (sqlite_followup.c, 0003_settings.sql): one text value per org
 * unit and name; org unit 0 is the default for the whole database. Known
 * names: "default_tolerance" (percent, the region-wide ◆ band).
 * get: RT_ENOTFOUND when unset. put: value NULL removes it; audited as
 * entity "setting"; inside a transaction. */
int rt_store_setting_get(rt_store *s, rt_arena *a, int64_t org_unit_id, const char *name,
                         char **value, rt_err *err);
int rt_store_setting_put(rt_store *s, int64_t org_unit_id, const char *name, const char *value,
                         rt_err *err);
/* The default tolerance for plans owned by `org_unit_id`: the nearest
 * "default_tolerance" up the org tree, else the database-wide one. *found
 * false (and *tol -1) when none is set: the built-in 10 % applies. */
int rt_store_default_tolerance(rt_store *s, int64_t org_unit_id, double *tol, bool *found,
                               rt_err *err);

/* Full backup and restore (sqlite_dump.c; rodtrad dump / load). */
struct rt_setting {
	int64_t id;
	int64_t org_unit_id;   /* 0 = the whole database */
	char *name, *value;
};
/* No org units, plans, periods or settings. */
int rt_store_is_empty(rt_store *s, bool *empty, rt_err *err);
/* Every setting, in id order. */
int rt_store_setting_list(rt_store *s, rt_arena *a, struct rt_setting **out, size_t *n,
                          rt_err *err);
/* Writes an earlier version of an outcome exactly as given (changed_by and
 * changed_at included), audited; sets h->id. Inside a transaction. */
int rt_store_outcome_history_restore(rt_store *s, struct rt_outcome_history *h, rt_err *err);
/* The stored tokens of a parsed value ("lt", "yes"); qual NONE is NULL.
 * parse: 0 or RT_EINVAL; a NULL qual parses as NONE. */
const char *rt_store_cmp_name(enum rt_comparator c);
int rt_store_cmp_parse(const char *name, enum rt_comparator *out);
const char *rt_store_qual_name(enum rt_qual q);
int rt_store_qual_parse(const char *name, enum rt_qual *out);
/* The planning cycles, by id (rt_store_process_load reads each). */
int rt_store_process_cycle_ids(rt_store *s, rt_arena *a, int64_t **ids, size_t *n, rt_err *err);
/* Users with their password hashes and roles, as a backup carries them
 * (sessions, API tokens and failed logins are not carried). Roles are the
 * stored tokens ("planner"); org unit 0 = the whole database. */
struct rt_user_role_backup {
	char *role;
	int64_t org_unit_id;
};
struct rt_user_backup {
	int64_t id;
	char *name, *display_name, *pw_hash, *created_at;
	bool disabled;
	struct rt_user_role_backup *roles;
	size_t n_roles;
};
/* Every user (by id) with its roles (by id). */
int rt_store_user_backup_list(rt_store *s, rt_arena *a, struct rt_user_backup **out, size_t *n,
                              rt_err *err);
/* Writes a user exactly as given (hash, created_at, disabled) and its roles,
 * audited without the hash; sets u->id. RT_ECONFLICT for a taken name or an
 * unknown role. Inside a transaction. */
int rt_store_user_restore(rt_store *s, struct rt_user_backup *u, rt_err *err);
/* Before a transaction that writes very many rows (imports, restores):
 * a page cache of cache_mb and temporary data in memory for this
 * connection. */
int rt_store_bulk_hint(rt_store *s, int cache_mb, rt_err *err);

/* Kolada (sqlite_kolada.c, 0006_kolada.sql): an indicator mapped to a
 * Kolada KPI for one municipality/region id, with peers for comparison,
 * and every value fetched. Writes are audited, inside a transaction. */
struct rt_kolada_map {
	int64_t id;
	int64_t indicator_id;
	char *kpi;             /* "N00945" */
	char *municipality;    /* "0023"; Kolada's "0000" is Riket */
	char **peers;
	size_t n_peers;
};
struct rt_kolada_value {
	char *kpi, *municipality;
	int year;
	enum rt_gender gender;
	bool has_value;        /* false: Kolada has no value (value: null) */
	double value;
	bool has_count;
	int64_t count;
	char *status;          /* Kolada's status text; may be NULL */
};
/* Replaces the indicator's mapping and peers; sets m->id. RT_ENOTFOUND for
 * an unknown indicator. */
int rt_store_kolada_map_put(rt_store *s, struct rt_kolada_map *m, rt_err *err);
int rt_store_kolada_map_list(rt_store *s, rt_arena *a, struct rt_kolada_map **out, size_t *n,
                             rt_err *err);
/* Insert or update by (kpi, municipality, year, gender). */
int rt_store_kolada_value_put(rt_store *s, const struct rt_kolada_value *v, rt_err *err);
/* The values of one KPI by year, municipality, gender. */
int rt_store_kolada_value_list(rt_store *s, rt_arena *a, const char *kpi,
                               struct rt_kolada_value **out, size_t *n, rt_err *err);

/* ---- The planning process and plan sections (sqlite_process.c, 0005) ----
 * Every put is audited (entity = table name) inside the caller's
 * transaction. Puts with id 0 whose natural key already exists update that
 * row: a cycle by (region, year), a delivery by (cycle, board, kind),
 * feedback by (cycle, board, heading), a checklist answer by (plan,
 * perspective, question), a frame by (board, year), a follow-up by (org
 * unit, period). */
#include "core/economy.h"
#include "core/feedback.h"
#include "core/plan_sections.h"
#include "core/process.h"

int rt_store_process_cycle_put(rt_store *s, struct rt_process_cycle *c, rt_err *err);
int rt_store_process_phase_put(rt_store *s, struct rt_process_phase *p, rt_err *err);
int rt_store_process_event_put(rt_store *s, struct rt_process_event *e, rt_err *err);
int rt_store_process_delivery_put(rt_store *s, struct rt_process_delivery *d, rt_err *err);
int rt_store_feedback_put(rt_store *s, struct rt_feedback_section *f, rt_err *err);

/* A cycle with everything that hangs off it, read in one go; strings in
 * doc->arena. Phases by position, events by date, deliveries
 * by board name (then kind), feedback by board. */
struct rt_process_doc {
	rt_arena arena;
	struct rt_process_cycle cycle;
	char *region_name;
	struct rt_process_phase *phases;
	size_t n_phases;
	struct rt_process_event *events;
	size_t n_events;
	struct rt_process_delivery *deliveries;
	size_t n_deliveries;
	struct rt_feedback_section *feedback;
	size_t n_feedback;
};
/* The cycle of `year` (org_unit_id 0: of any region, the lowest id);
 * year 0: the latest year. RT_ENOTFOUND with a Swedish message. */
int rt_store_process_find(rt_store *s, int64_t org_unit_id, int year, int64_t *cycle_id,
                          rt_err *err);
int rt_store_process_load(rt_store *s, int64_t cycle_id, struct rt_process_doc *doc,
                          rt_err *err);
void rt_store_process_doc_release(struct rt_process_doc *doc);

int rt_store_checklist_put(rt_store *s, struct rt_checklist_answer *a, rt_err *err);
int rt_store_plan_term_put(rt_store *s, struct rt_plan_term *t, rt_err *err);
/* The plan's checklist answers (by perspective, question) and ordlista. */
int rt_store_plan_sections_load(rt_store *s, rt_arena *a, int64_t plan_id,
                                struct rt_checklist_answer **answers, size_t *n_answers,
                                struct rt_plan_term **terms, size_t *n_terms, rt_err *err);
/* Moves a plan to `to`, audited as a plan update. Moving to "för beslut"
 * is refused (RT_ECONFLICT, nothing changed) while rt_plan_sections_check
 * has errors: every §3.4 checklist must be answered first. */
int rt_store_plan_status_set(rt_store *s, int64_t plan_id, enum rt_plan_status to,
                             rt_err *err);

int rt_store_budget_frame_put(rt_store *s, struct rt_budget_frame *f, rt_err *err);
/* Frames of one org unit (0: all), by org unit and year. */
int rt_store_budget_frame_list(rt_store *s, rt_arena *a, int64_t org_unit_id,
                               struct rt_budget_frame **out, size_t *n, rt_err *err);
int rt_store_econ_followup_put(rt_store *s, struct rt_econ_followup *f, rt_err *err);
/* Follow-ups of one period (0: all), by org unit. */
int rt_store_econ_followup_list(rt_store *s, rt_arena *a, int64_t period_id,
                                struct rt_econ_followup **out, size_t *n, rt_err *err);

/* What the status rule needs about one indicator (sqlite_followup.c): a
 * plan document with the plan (for its owner), the indicator, its targets,
 * baselines and outcomes and the periods of those outcomes, nothing else,
 * so entering one outcome does not read a whole plan. doc must be
 * rt_plan_doc_init'ed; on failure it is left empty. */
int rt_store_indicator_load(rt_store *s, int64_t indicator_id, struct rt_plan_doc *doc,
                            rt_err *err);

/* The outcome import (sqlite_bulk.c, 0009 and 0011): a whole file
 * written as one batch inside the caller's transaction. begin records the
 * batch (who, when, the file's name and SHA-256 as hex); row writes one
 * validated outcome into outcome (a few rows at a time; o's text and
 * comment are copied, its other strings must live until finish): o->id 0 is a new outcome (row gives it its
 * id), else a correction of that stored row, whose old version is kept in
 * outcome_history first; each row leaves its trace in import_row (batch,
 * line, outcome, history row of the before image). finish writes the
 * rest and appends ONE audit row (entity "import_batch") for the batch. The
 * caller checks every row first (keys, duplicates, values, status). After
 * a failed row, end the batch (rt_store_import_end) and roll back. Nothing
 * else may write outcomes between begin and finish. */
struct rt_import_batch {
	int64_t id;
	size_t rows, inserted, updated;
	const char *sha256_hex;   /* set before finish: replaces begin's (NULL = keep it) */
	void *store;           /* the store's bookkeeping and the rows not yet written */
};
int rt_store_import_begin(rt_store *s, const char *source, const char *sha256_hex,
                          struct rt_import_batch *b, rt_err *err);
int rt_store_import_row(rt_store *s, struct rt_import_batch *b, int64_t line,
                        struct rt_outcome *o, rt_err *err);
int rt_store_import_finish(rt_store *s, struct rt_import_batch *b, rt_err *err);
/* Frees the batch's bookkeeping (finish does it too); safe twice. Stops
 * the batch's writer first, dropping the chunks it has not written. */
void rt_store_import_end(struct rt_import_batch *b);
/* A writer thread runs the batch's statements from begin to finish (or
 * end) while the caller checks more rows: around every other use of the
 * store in that time the caller holds this lock (no-op for a batch not
 * begun). row itself needs no lock. */
void rt_store_import_lock(struct rt_import_batch *b);
void rt_store_import_unlock(struct rt_import_batch *b);
/* The connection's foreign-key checks off (on = false) for an import whose
 * every id was resolved under the write lock of its own transaction, and
 * back on after its commit or rollback. Outside a transaction only (SQLite
 * ignores the pragma inside one); PostgreSQL keeps its checks. */
int rt_store_import_foreign_keys(rt_store *s, bool on, rt_err *err);

/* What the status rule needs about many indicators at once (an import):
 * doc->indicators (ids given, sorted by id; unknown ids are left out),
 * their targets, baselines and stored outcomes (each list grouped by
 * indicator id, in id order; of an outcome only the id, indicator,
 * period, gender, org unit, value and comment are read), every period (by
 * id); owners[i] is the owner
 * org unit of doc->indicators[i]'s plan (in doc->arena). doc must be
 * rt_plan_doc_init'ed. A few queries, whatever the number of indicators. */
int rt_store_indicators_load(rt_store *s, const int64_t *ids, size_t n, struct rt_plan_doc *doc,
                             int64_t **owners, rt_err *err);

#endif
