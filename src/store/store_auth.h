/* The store's interface for issue 5: users and their roles, sessions, API
 * tokens, failed-login counters, period reopenings and the audit log's
 * hash chain (sqlite_auth.c, sqlite_audit.c; 0007_auth.sql). Same rules as
 * store.h: writes inside rt_store_begin/commit and audited — except the
 * session and login-failure bookkeeping, which is not a change of the
 * region's data and would flood the log. Passwords and tokens are never
 * stored or logged in clear. */
#ifndef RT_STORE_STORE_AUTH_H
#define RT_STORE_STORE_AUTH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/authz.h"
#include "store/store.h"

/* ---- the audit chain (sqlite_audit.c) ---------------------------------- */

/* Seals every audit row written since the last sealed one: prev_hash is
 * the previous row's hash, hash the SHA-256 of the row's canonical text and
 * prev_hash. rt_store_commit does this before it commits, so every writer
 * of audit rows is covered. */
int rt_store_audit_seal(rt_store *s, rt_err *err);

struct rt_audit_problem {
	int64_t row_id;
	char *what;            /* Swedish: "raden har ändrats efter att den skrevs" */
};
/* Walks the whole chain. *n_rows gets how many rows were checked; every
 * broken link or wrong hash is one problem (none: the log is intact). */
int rt_store_audit_verify(rt_store *s, rt_arena *a, size_t *n_rows,
                          struct rt_audit_problem **out, size_t *n, rt_err *err);

/* ---- users and roles (sqlite_auth.c) ----------------------------------- */

struct rt_user {
	int64_t id;
	char *name;            /* login name: "planerare" */
	char *display_name;
	bool disabled;
	char *created_at;
};

struct rt_user_role {
	int64_t id;
	int64_t user_id;
	enum rt_role role;
	int64_t org_unit_id;   /* 0 = the whole database */
	char *org_name;        /* for listings; NULL for the whole database */
};

/* libsodium argon2id with the INTERACTIVE limits (about 64 MiB, 2 passes).
 * The password must be 8–1024 bytes. out gets crypto_pwhash_STRBYTES. */
#define RT_PW_MIN 8
int rt_password_hash(const char *password, char out[128], rt_err *err);
bool rt_password_verify(const char *hash, const char *password);

/* Adds a user (RT_ECONFLICT when the name is taken); sets *id. */
int rt_store_user_add(rt_store *s, const char *name, const char *display_name,
                      const char *password, int64_t *id, rt_err *err);
/* The same with a hash made earlier by rt_password_hash (the demo users,
 * so that loading the demo does not spend a second hashing). */
int rt_store_user_add_hashed(rt_store *s, const char *name, const char *display_name,
                             const char *pw_hash, int64_t *id, rt_err *err);
int rt_store_user_passwd(rt_store *s, const char *name, const char *password, rt_err *err);
/* disabled true also ends the user's sessions and API tokens. */
int rt_store_user_set_disabled(rt_store *s, const char *name, bool disabled, rt_err *err);
int rt_store_user_get(rt_store *s, rt_arena *a, const char *name, struct rt_user *out,
                      rt_err *err);
int rt_store_user_get_id(rt_store *s, rt_arena *a, int64_t id, struct rt_user *out,
                         rt_err *err);
int rt_store_user_list(rt_store *s, rt_arena *a, struct rt_user **out, size_t *n, rt_err *err);
int rt_store_user_role_add(rt_store *s, const char *name, enum rt_role role,
                           int64_t org_unit_id, rt_err *err);
int rt_store_user_role_remove(rt_store *s, const char *name, enum rt_role role,
                              int64_t org_unit_id, rt_err *err);
/* The user's roles, by role then org unit. */
int rt_store_user_roles(rt_store *s, rt_arena *a, int64_t user_id, struct rt_user_role **out,
                        size_t *n, rt_err *err);
/* The org tree as parent links, for core/authz.h. */
int rt_store_org_links(rt_store *s, rt_arena *a, struct rt_org_link **out, size_t *n,
                       rt_err *err);
/* A user's principal: name, grants (in a), authenticated. RT_ENOTFOUND for
 * an unknown user, RT_ESTATE for a disabled one. */
int rt_store_principal(rt_store *s, rt_arena *a, const char *name, struct rt_principal *out,
                       rt_err *err);

/* ---- login, sessions, API tokens (sqlite_auth.c) ------------------------ */

/* Failed logins: after RT_LOGIN_MAX_FAILS failures per account or per
 * address within RT_LOGIN_WINDOW seconds, logins are refused until the
 * window has passed, even with the right password. */
#define RT_LOGIN_MAX_FAILS 5
#define RT_LOGIN_WINDOW (15 * 60)
/* Session lifetimes: idle and absolute, in seconds. */
#define RT_SESSION_IDLE (30 * 60)
#define RT_SESSION_ABSOLUTE (12 * 60 * 60)
/* The idle timer is written at most this often (seconds). */
#define RT_SESSION_TOUCH 60

/* Checks name and password at time `now` (unix seconds) from `ip`. On
 * success *user_id is set and the account's failures are cleared. Wrong
 * name or password: RT_EINVAL "Fel användarnamn eller lösenord" (the same
 * text for both); rate limited: RT_ESTATE; disabled: RT_EINVAL (same text).
 * Runs its own short write (no audit), so call it outside a transaction. */
int rt_store_login(rt_store *s, const char *name, const char *password, const char *ip,
                   int64_t now, int64_t *user_id, rt_err *err);

/* A new session: token (64 hex chars, 256 random bits) for the cookie and
 * csrf (64 hex) for forms. Outside a transaction. */
int rt_store_session_create(rt_store *s, int64_t user_id, int64_t now, char token[65],
                            char csrf[65], rt_err *err);
/* The session's user and CSRF token at `now`; refreshes the idle timer
 * when it is older than RT_SESSION_TOUCH.
 * RT_ENOTFOUND for an unknown, expired (idle or absolute) or disabled
 * user's session. */
int rt_store_session_check(rt_store *s, const char *token, int64_t now, int64_t *user_id,
                           char csrf[65], rt_err *err);
int rt_store_session_end(rt_store *s, const char *token, rt_err *err);

/* A new API token (shown once); inside a transaction (audited without the
 * token). */
int rt_store_api_token_create(rt_store *s, const char *name, const char *label, char token[65],
                              rt_err *err);
/* RT_ENOTFOUND for an unknown, revoked or disabled user's token. */
int rt_store_api_token_check(rt_store *s, const char *token, int64_t *user_id, rt_err *err);

/* ---- follow-up periods that close (sqlite_auth.c) ----------------------- */

/* Is the period open for reporters on `today` (ISO date)? Open when it has
 * no deadline, the deadline has not passed, or a reopening lasts to today. */
int rt_store_period_open(rt_store *s, int64_t period_id, const char *today, bool *open,
                         rt_err *err);
/* A planner reopens a period until `until` (ISO date); audited. */
int rt_store_period_reopen(rt_store *s, int64_t period_id, const char *until,
                           const char *reason, rt_err *err);

/* ---- the plan workflow (sqlite_workflow.c, core/workflow.h) ------------ */

/* Every put and delete of a plan's content (goals, indicators, targets,
 * baselines, activities, budget lines, change log) is refused with
 * RT_ESTATE while the plan is decided or archived (unless the plan was
 * inserted in the same transaction: an import). The plan row itself is not
 * guarded here. Follow-up data (outcomes, assessments, activity states) is
 * not plan content. */

/* Starts version N+1 of a decided (or archived) plan: the decided version
 * is kept as a snapshot, the plan becomes a draft with version N+1, and a
 * change-log row (N+1, date, change) is added. *version (may be NULL) gets
 * N+1. Inside a transaction. */
int rt_store_plan_new_version(rt_store *s, int64_t plan_id, const char *change,
                              const char *date, int *version, rt_err *err);

/* ---- who may write what (sqlite_owner.c, core/authz.h) ------------------ */

/* The kinds of row an edge names by id when it asks who owns it. */
enum rt_entity_kind {
	RT_ENTITY_PLAN,
	RT_ENTITY_GOAL,
	RT_ENTITY_INDICATOR,
	RT_ENTITY_TARGET,
	RT_ENTITY_ACTIVITY,
};

/* The plan a row belongs to and the plan's owner org unit and status. */
struct rt_entity_owner {
	int64_t plan_id;
	int64_t owner_org_id;
	enum rt_plan_status status;
	char *owner_name;      /* in the arena: "Regionstyrelsen" */
};

/* Entity → plan → owner org unit in one indexed read: the router's check
 * and the store's own write check ask this. RT_ENOTFOUND for an unknown
 * id. */
int rt_store_entity_owner(rt_store *s, rt_arena *a, enum rt_entity_kind kind, int64_t id,
                          struct rt_entity_owner *out, rt_err *err);

/* May `p` write outcomes, assessments or activity states of a plan owned
 * by `owner_org_id` for period `period_id` now (rt_store_clock, local
 * date)? 0, or RT_ESTATE from core/workflow.h rt_workflow_outcome_check
 * ("Perioden 2021-T1 är stängd sedan 2021-05-15; …"). */
int rt_store_followup_check(rt_store *s, const struct rt_principal *p, int64_t owner_org_id,
                            int64_t period_id, rt_err *err);

/* Who writes through this connection from now on (NULL: nobody in
 * particular — the store's own tools, fixtures and tests — then only the
 * workflow's frozen-plan rule holds). With a principal every put and
 * delete is checked here, whichever edge asked (API, form, CLI, import):
 * a plan's content and the plan row need RT_PERM_PLAN_EDIT on the plan's
 * owner unit; a status move the permission core/workflow.h names (and the
 * diarienummer); outcomes, assessments and activity states
 * rt_workflow_outcome_check with the period's closing. Refusals are
 * RT_EFORBIDDEN (a closed period, a frozen plan: RT_ESTATE) with a Swedish
 * message. The pointer is kept, not copied. */
void rt_store_set_principal(rt_store *s, const struct rt_principal *p);
const struct rt_principal *rt_store_principal_get(rt_store *s);

/* May the connection's principal write `perm` data of org unit
 * `org_unit_id` (budget frames, economic follow-up, board feedback, the
 * planning process: the planner of the unit or above; 0, region-wide: the
 * administrator)? 0 without a principal, else RT_EFORBIDDEN. */
int rt_store_authz_org(rt_store *s, enum rt_perm perm, int64_t org_unit_id, rt_err *err);

/* The clock the closing of periods and the sessions use: time(NULL), or
 * the unix seconds in $RODTRAD_TEST_NOW (meant for tests only). */
int64_t rt_store_clock(void);

/* ---- reminders (sqlite_reminders.c) ------------------------------------ */

/* An indicator that has no outcome at all for a period, in a plan that is
 * valid in the period's year and not archived. */
struct rt_missing_outcome {
	int64_t indicator_id;
	char *indicator_key, *indicator_name;
	int64_t plan_id;
	char *plan_title;
	int64_t owner_org_id;
	char *owner_name;
};
/* By plan, then indicator position. */
int rt_store_missing_outcomes(rt_store *s, rt_arena *a, int64_t period_id,
                              struct rt_missing_outcome **out, size_t *n, rt_err *err);
/* The period open for reporting on `today`: the open one (store_auth.h
 * rt_store_period_open) that ends latest; RT_ENOTFOUND when none is. */
int rt_store_period_current(rt_store *s, rt_arena *a, const char *today, struct rt_period *out,
                            rt_err *err);

#endif
