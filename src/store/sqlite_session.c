/* SQLite backend of store_auth.h: login with failure counting, sessions,
 * API tokens and the closing and reopening of follow-up periods. Tokens are
 * 256 random bits (randombytes_buf) shown once as hex; the database keeps
 * only their SHA-256. Session and counter rows are bookkeeping, written in
 * their own short transactions and not audited; tokens and reopenings are
 * changes and are audited. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_auth_int.h"

/* 32 random bytes as 64 hex characters. */
static void random_hex(char out[65])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, 65, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
}

static void token_hash(const char *token, char out[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(d, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, d, sizeof d);
}

/* A short write of its own (sessions, counters) outside the caller's
 * transaction; the caller must not be in one. */
static int own_begin(rt_store *s, rt_err *err)
{
	if (s->in_tx)
		return rt_err_set(err, RT_ESTATE, "", "En transaktion pågår redan");
	rt_store_read_end(s);   /* a write starts afresh (rt_store_begin) */
	return rt_sql_exec(s, "BEGIN IMMEDIATE", err);
}

static int own_end(rt_store *s, int rc, rt_err *err)
{
	if (rc) {
		rt_sql_exec(s, "ROLLBACK", NULL);
		return rc;
	}
	return rt_sql_exec(s, "COMMIT", err);
}

/* ---- failed logins ------------------------------------------------------- */

static int failures(rt_store *s, const char *kind, const char *subject, int64_t now, int *count,
                    rt_err *err)
{
	*count = 0;
	STMT(s, "SELECT count FROM login_failure WHERE kind = ? AND subject = ? AND first_at > ?",
	     err);
	rt_bind_text(&b, kind);
	rt_bind_text(&b, subject);
	rt_bind_int(&b, now - RT_LOGIN_WINDOW);
	int rc = rt_db_step(st);
	if (rc == RT_DB_ROW)
		*count = rt_db_col_int(st, 0);
	rt_sql_done(st);
	return rc == RT_DB_ROW || rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "login_failure", err);
}

/* Counts one failure; a window that has passed starts over. */
static int count_failure(rt_store *s, const char *kind, const char *subject, int64_t now,
                         rt_err *err)
{
	STMT(s, "INSERT INTO login_failure (kind, subject, count, first_at, last_at) "
	        "VALUES (?1, ?2, 1, ?3, ?3) ON CONFLICT (kind, subject) DO UPDATE SET "
	        "count = CASE WHEN login_failure.first_at > ?3 - ?4 "
	        "THEN login_failure.count + 1 ELSE 1 END, "
	        "first_at = CASE WHEN login_failure.first_at > ?3 - ?4 "
	        "THEN login_failure.first_at ELSE ?3 END, last_at = ?3",
	     err);
	rt_bind_text(&b, kind);
	rt_bind_text(&b, subject);
	rt_bind_int(&b, now);
	rt_bind_int(&b, RT_LOGIN_WINDOW);
	return rt_sql_auth_run(s, st, &b, "login_failure", NULL, err);
}

static int clear_failures(rt_store *s, const char *name, rt_err *err)
{
	STMT(s, "DELETE FROM login_failure WHERE kind = 'user' AND subject = ?", err);
	rt_bind_text(&b, name);
	return rt_sql_auth_run(s, st, &b, "login_failure", NULL, err);
}

static int read_hash(rt_store *s, const char *name, int64_t *id, bool *disabled, char hash[128],
                     rt_err *err)
{
	*id = 0;
	hash[0] = '\0';
	STMT(s, "SELECT id, disabled, pw_hash FROM app_user WHERE name = ?", err);
	rt_bind_text(&b, name);
	int rc = rt_db_step(st);
	if (rc == RT_DB_ROW) {
		*id = rt_db_col_int(st, 0);
		*disabled = rt_db_col_int(st, 1) != 0;
		snprintf(hash, 128, "%s", rt_db_col_text(st, 2));
	}
	rt_sql_done(st);
	return rc == RT_DB_ROW || rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "app_user", err);
}

int rt_store_login(rt_store *s, const char *name, const char *password, const char *ip,
                   int64_t now, int64_t *user_id, rt_err *err)
{
	*user_id = 0;
	if (!name)
		name = "";
	if (!ip)
		ip = "";
	int rc = own_begin(s, err);
	if (rc)
		return rc;
	int by_user, by_ip;
	if ((rc = failures(s, "user", name, now, &by_user, err)) != 0 ||
	    (rc = failures(s, "ip", ip, now, &by_ip, err)) != 0)
		return own_end(s, rc, err);
	if (by_user >= RT_LOGIN_MAX_FAILS || by_ip >= RT_LOGIN_MAX_FAILS) {
		/* Counting this try too keeps a guesser locked out while it tries. */
		count_failure(s, "ip", ip, now, NULL);
		own_end(s, 0, NULL);
		return rt_err_set(err, RT_ESTATE, "",
		                  "För många misslyckade inloggningar. Försök igen om %d minuter.",
		                  RT_LOGIN_WINDOW / 60);
	}
	int64_t id;
	bool disabled = false;
	char hash[128];
	if ((rc = read_hash(s, name, &id, &disabled, hash, err)) != 0)
		return own_end(s, rc, err);
	/* An unknown name costs one hash too, so timing does not tell which
	 * names exist. */
	bool ok = false;
	if (id)
		ok = rt_password_verify(hash, password) && !disabled;
	else
		(void)rt_password_hash("rodtrad-okänd-användare", hash, NULL);
	sodium_memzero(hash, sizeof hash);
	if (!ok) {
		if ((rc = count_failure(s, "user", name, now, err)) == 0)
			rc = count_failure(s, "ip", ip, now, err);
		own_end(s, rc, err);
		return rc ? rc : rt_err_set(err, RT_EINVAL, "", "Fel användarnamn eller lösenord");
	}
	rc = clear_failures(s, name, err);
	if ((rc = own_end(s, rc, err)) == 0)
		*user_id = id;
	return rc;
}

/* ---- sessions ------------------------------------------------------------ */

int rt_store_session_create(rt_store *s, int64_t user_id, int64_t now, char token[65],
                            char csrf[65], rt_err *err)
{
	if (sodium_init() < 0)
		return rt_err_set(err, RT_EINTERNAL, "", "libsodium kunde inte startas");
	random_hex(token);
	random_hex(csrf);
	char h[65];
	token_hash(token, h);
	int rc = own_begin(s, err);
	if (rc)
		return rc;
	/* Expired sessions go when new ones come. */
	rt_db_stmt *st = rt_sql_stmt(s,
		"DELETE FROM session WHERE expires_at <= ?1 OR last_seen_at <= ?1 - ?2", err);
	struct rt_bind b = { st, 1, RT_DB_OK };
	rc = st ? 0 : (err ? err->code : RT_EIO);
	if (st) {
		rt_bind_int(&b, now);
		rt_bind_int(&b, RT_SESSION_IDLE);
		rc = rt_sql_auth_run(s, st, &b, "session", NULL, err);
	}
	if (!rc) {
		st = rt_sql_stmt(s, "INSERT INTO session (token_hash, user_id, csrf_token, created_at, "
		                    "last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)", err);
		b = (struct rt_bind){ st, 1, RT_DB_OK };
		rc = st ? 0 : (err ? err->code : RT_EIO);
		if (st) {
			rt_bind_text(&b, h);
			rt_bind_int(&b, user_id);
			rt_bind_text(&b, csrf);
			rt_bind_int(&b, now);
			rt_bind_int(&b, now);
			rt_bind_int(&b, now + RT_SESSION_ABSOLUTE);
			rc = rt_sql_auth_run(s, st, &b, "session", NULL, err);
		}
	}
	return own_end(s, rc, err);
}

/* The idle timer moves at most once a minute: a write per request would
 * serialise every reader on the database's write lock. */
static int touch(rt_store *s, const char h[65], int64_t now, rt_err *err)
{
	STMT(s, "UPDATE session SET last_seen_at = ?1 WHERE token_hash = ?2 "
	        "AND last_seen_at <= ?1 - ?3", err);
	rt_bind_int(&b, now);
	rt_bind_text(&b, h);
	rt_bind_int(&b, RT_SESSION_TOUCH);
	return rt_sql_auth_run(s, st, &b, "session", NULL, err);
}

int rt_store_session_check(rt_store *s, const char *token, int64_t now, int64_t *user_id,
                           char csrf[65], rt_err *err)
{
	*user_id = 0;
	csrf[0] = '\0';
	if (!token || strlen(token) != 64)
		return rt_err_set(err, RT_ENOTFOUND, "", "Sessionen finns inte eller har gått ut");
	char h[65];
	token_hash(token, h);
	int64_t id = 0;
	{
		STMT(s, "SELECT s.user_id, s.csrf_token FROM session s JOIN app_user u ON u.id = s.user_id "
		        "WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ? - ? "
		        "AND u.disabled = 0", err);
		rt_bind_text(&b, h);
		rt_bind_int(&b, now);
		rt_bind_int(&b, now);
		rt_bind_int(&b, RT_SESSION_IDLE);
		int rc = rt_db_step(st);
		if (rc == RT_DB_ROW) {
			id = rt_db_col_int(st, 0);
			snprintf(csrf, 65, "%s", rt_db_col_text(st, 1));
		}
		rt_sql_done(st);
		if (rc == RT_DB_DONE)
			return rt_err_set(err, RT_ENOTFOUND, "", "Sessionen finns inte eller har gått ut");
		if (rc != RT_DB_ROW)
			return rt_sql_fail(s, rc, "session", err);
	}
	/* Inside a read transaction the touch waits for its end: a write
	 * there would have to upgrade the shared lock (SQLITE_BUSY). */
	if (s->in_read) {
		memcpy(s->touch_hash, h, sizeof(h));
		s->touch_at = now;
	} else if (!s->in_tx) {
		int rc = touch(s, h, now, err);
		if (rc)
			return rc;
	}
	*user_id = id;
	return 0;
}

void rt_sql_session_touch_due(rt_store *s)
{
	if (!s->touch_hash[0])
		return;
	char h[65];
	memcpy(h, s->touch_hash, sizeof(h));
	s->touch_hash[0] = '\0';
	(void)touch(s, h, s->touch_at, NULL);
}

int rt_store_session_end(rt_store *s, const char *token, rt_err *err)
{
	if (!token)
		return 0;
	char h[65];
	token_hash(token, h);
	STMT(s, "DELETE FROM session WHERE token_hash = ?", err);
	rt_bind_text(&b, h);
	return rt_sql_auth_run(s, st, &b, "session", NULL, err);
}

/* ---- API tokens ---------------------------------------------------------- */

int rt_store_api_token_create(rt_store *s, const char *name, const char *label, char token[65],
                              rt_err *err)
{
	int rc = rt_sql_auth_need_tx(s, err);
	if (rc)
		return rc;
	if (sodium_init() < 0)
		return rt_err_set(err, RT_EINTERNAL, "", "libsodium kunde inte startas");
	rt_arena a = RT_ARENA_INIT;
	struct rt_user u;
	rc = rt_store_user_get(s, &a, name, &u, err);
	char h[65], now[32];
	random_hex(token);
	token_hash(token, h);
	rt_sql_now(now);
	if (!rc) {
		rt_db_stmt *st = rt_sql_stmt(s, "INSERT INTO api_token (token_hash, user_id, label, "
		                                  "created_at) VALUES (?, ?, ?, ?)", err);
		struct rt_bind b = { st, 1, RT_DB_OK };
		rc = st ? 0 : (err ? err->code : RT_EIO);
		if (st) {
			rt_bind_text(&b, h);
			rt_bind_int(&b, u.id);
			rt_bind_text(&b, label ? label : "");
			rt_bind_text(&b, now);
			rc = rt_sql_auth_run(s, st, &b, "api_token", NULL, err);
		}
	}
	if (!rc) {
		int64_t id = rt_db_last_id(s->db);
		rc = rt_sql_auth_audit(s, "api_token", id, "insert",
		                       json_pack("{s:I, s:s, s:s}", "user_id", (json_int_t)u.id,
		                                 "user", u.name, "label", label ? label : ""), err);
	}
	rt_arena_release(&a);
	return rc;
}

int rt_store_api_token_check(rt_store *s, const char *token, int64_t *user_id, rt_err *err)
{
	*user_id = 0;
	if (!token || strlen(token) != 64)
		return rt_err_set(err, RT_ENOTFOUND, "", "Okänd API-nyckel");
	char h[65];
	token_hash(token, h);
	STMT(s, "SELECT t.user_id FROM api_token t JOIN app_user u ON u.id = t.user_id "
	        "WHERE t.token_hash = ? AND t.revoked = 0 AND u.disabled = 0", err);
	rt_bind_text(&b, h);
	int rc = rt_db_step(st);
	if (rc == RT_DB_ROW)
		*user_id = rt_db_col_int(st, 0);
	rt_sql_done(st);
	if (rc == RT_DB_DONE)
		return rt_err_set(err, RT_ENOTFOUND, "", "Okänd API-nyckel");
	return rc == RT_DB_ROW ? 0 : rt_sql_fail(s, rc, "api_token", err);
}

/* ---- periods that close at their deadline -------------------------------- */

int rt_store_period_open(rt_store *s, int64_t period_id, const char *today, bool *open,
                         rt_err *err)
{
	*open = false;
	STMT(s, "SELECT p.deadline IS NULL OR p.deadline >= ?2 OR EXISTS (SELECT 1 FROM "
	        "period_reopen r WHERE r.period_id = p.id AND r.until >= ?2) FROM period p "
	        "WHERE p.id = ?1", err);
	rt_bind_int(&b, period_id);
	rt_bind_text(&b, today);
	int rc = rt_db_step(st);
	if (rc == RT_DB_ROW)
		*open = rt_db_col_int(st, 0) != 0;
	rt_sql_done(st);
	if (rc == RT_DB_DONE)
		return rt_err_set(err, RT_ENOTFOUND, "period", "Det finns ingen period med id %lld",
		                  (long long)period_id);
	return rc == RT_DB_ROW ? 0 : rt_sql_fail(s, rc, "period", err);
}

int rt_store_period_reopen(rt_store *s, int64_t period_id, const char *until,
                           const char *reason, rt_err *err)
{
	int rc = rt_sql_auth_need_tx(s, err);
	if (rc)
		return rc;
	/* A planner or administrator (store_auth.h rt_store_set_principal). */
	if (s->principal &&
	    (rc = rt_authz_check(s->principal, RT_PERM_PERIOD_REOPEN, 0, NULL, NULL, 0, err)) != 0)
		return rc;
	if (!until || strlen(until) != 10 || until[4] != '-' || until[7] != '-')
		return rt_err_set(err, RT_EINVAL, "until", "Ange ett datum ÅÅÅÅ-MM-DD");
	rt_arena a = RT_ARENA_INIT;
	struct rt_period p;
	rc = rt_store_period_get(s, &a, period_id, &p, err);
	rt_arena_release(&a);
	if (rc)
		return rc;
	STMT(s, "INSERT INTO period_reopen (period_id, until, reopened_by, reason) VALUES (?, ?, ?, ?)",
	     err);
	rt_bind_int(&b, period_id);
	rt_bind_text(&b, until);
	rt_bind_text(&b, s->actor);
	rt_bind_text(&b, reason);
	if ((rc = rt_sql_auth_run(s, st, &b, "period_reopen", NULL, err)) != 0)
		return rc;
	int64_t id = rt_db_last_id(s->db);
	return rt_sql_auth_audit(s, "period_reopen", id, "insert",
	                         json_pack("{s:I, s:s, s:s?}", "period_id", (json_int_t)period_id,
	                                   "until", until, "reason", reason), err);
}
