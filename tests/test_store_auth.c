/* Users, roles, login, sessions, API tokens, closing periods and the audit
 * chain (store_auth.h): argon2id with libsodium's INTERACTIVE parameters,
 * the same message for a wrong name and a wrong password, a lock-out after
 * five failures per account and per address, idle and absolute session
 * expiry, and `verify` finding a row edited or deleted with raw SQL. */
#include "test_util.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_auth.h"

struct fx {
	char *path;
	rt_store *s;
	rt_err err;
	rt_arena a;
	int64_t region, board, other;
};

#define OK(f, call)                                                             \
	do {                                                                    \
		int rc_ = (call);                                               \
		if (rc_ != 0)                                                   \
			fail_msg("%s: %d %s", #call, rc_, (f)->err.msg);        \
	} while (0)

static int64_t org(struct fx *f, int64_t parent, const char *key, const char *name)
{
	struct rt_org_unit u = { 0, parent, parent ? RT_ORG_BOARD : RT_ORG_REGION, (char *)key,
	                         (char *)name, NULL };
	OK(f, rt_store_org_put(f->s, &u, &f->err));
	return u.id;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->path = rt_test_db("store_auth.db");
	if (rt_store_open(&f->s, f->path, RT_STORE_OPEN_CREATE, &f->err) != 0)
		return -1;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	f->region = org(f, 0, "r", "Region Test");
	f->board = org(f, f->region, "rs", "Regionstyrelsen");
	f->other = org(f, f->region, "hsn", "Hälso- och sjukvårdsnämnden");
	int64_t id;
	OK(f, rt_store_user_add(f->s, "anna", "Anna Planerare", "hemligt-lösen-1", &id, &f->err));
	OK(f, rt_store_user_role_add(f->s, "anna", RT_ROLE_PLANNER, f->board, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	rt_store_close(f->s);
	rt_arena_release(&f->a);
	free(f->path);
	free(f);
	return 0;
}

static void raw_sql(struct fx *f, const char *sql)
{
	rt_test_sql_exec(f->path, sql);
}

static char *raw_text(struct fx *f, const char *sql)
{
	char *out = rt_test_sql_text(f->path, sql);
	assert_non_null(out);
	return out;
}

static void test_password_hash_parameters(void **state)
{
	struct fx *f = *state;
	char *h = raw_text(f, "SELECT pw_hash FROM app_user WHERE name = 'anna'");
	/* argon2id, version 19, 64 MiB (INTERACTIVE), 2 passes, 1 lane. */
	assert_non_null(strstr(h, "$argon2id$v=19$m=65536,t=2,p=1$"));
	assert_null(strstr(h, "hemligt"));
	assert_int_equal(crypto_pwhash_str_needs_rehash(h, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                                crypto_pwhash_MEMLIMIT_INTERACTIVE), 0);
	assert_true(rt_password_verify(h, "hemligt-lösen-1"));
	assert_false(rt_password_verify(h, "hemligt-lösen-2"));
	free(h);
	char buf[128];
	assert_int_equal(rt_password_hash("kort", buf, &f->err), RT_EINVAL);
	assert_string_equal(f->err.msg, "Lösenordet måste ha minst 8 tecken");
	/* The password is in no audit row either. */
	struct rt_audit_row *rows;
	size_t n;
	OK(f, rt_store_audit_list(f->s, &f->a, "app_user", 0, &rows, &n, &f->err));
	assert_int_equal(n, 1);
	assert_null(strstr(rows[0].after, "hemligt"));
	assert_null(strstr(rows[0].after, "argon2"));
}

static void test_login_and_rate_limit(void **state)
{
	struct fx *f = *state;
	int64_t uid;
	OK(f, rt_store_login(f->s, "anna", "hemligt-lösen-1", "10.0.0.1", 1000, &uid, &f->err));
	assert_true(uid > 0);
	assert_int_equal(rt_store_login(f->s, "anna", "fel", "10.0.0.1", 1000, &uid, &f->err),
	                 RT_EINVAL);
	assert_string_equal(f->err.msg, "Fel användarnamn eller lösenord");
	assert_int_equal(rt_store_login(f->s, "okänd", "hemligt-lösen-1", "10.0.0.1", 1000, &uid,
	                                &f->err), RT_EINVAL);
	assert_string_equal(f->err.msg, "Fel användarnamn eller lösenord");
	/* Five failures on the account lock it, even for the right password
	 * from another address, until the window has passed. */
	for (int i = 0; i < 4; i++)
		assert_int_equal(rt_store_login(f->s, "anna", "fel", "10.0.0.2", 1001, &uid, &f->err),
		                 RT_EINVAL);
	assert_int_equal(rt_store_login(f->s, "anna", "hemligt-lösen-1", "10.0.0.9", 1002, &uid,
	                                &f->err), RT_ESTATE);
	assert_non_null(strstr(f->err.msg, "För många misslyckade inloggningar"));
	OK(f, rt_store_login(f->s, "anna", "hemligt-lösen-1", "10.0.0.9", 1000 + RT_LOGIN_WINDOW + 5,
	                     &uid, &f->err));
	/* Per address: five wrong names from one address lock that address. */
	for (int i = 0; i < 5; i++) {
		char name[16];
		snprintf(name, sizeof name, "gissning%d", i);
		rt_store_login(f->s, name, "x", "10.6.6.6", 5000, &uid, &f->err);
	}
	assert_int_equal(rt_store_login(f->s, "anna", "hemligt-lösen-1", "10.6.6.6", 5001, &uid,
	                                &f->err), RT_ESTATE);
	OK(f, rt_store_login(f->s, "anna", "hemligt-lösen-1", "10.0.0.3", 5001, &uid, &f->err));
	/* A disabled account cannot log in, with the same message. */
	OK(f, rt_store_begin(f->s, "test", &f->err));
	OK(f, rt_store_user_set_disabled(f->s, "anna", true, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	assert_int_equal(rt_store_login(f->s, "anna", "hemligt-lösen-1", "10.0.0.4", 9000, &uid,
	                                &f->err), RT_EINVAL);
	assert_string_equal(f->err.msg, "Fel användarnamn eller lösenord");
}

/* anna logs in at 1000 and gets a session. */
static void new_session(struct fx *f, int64_t *uid, char token[65], char csrf[65])
{
	OK(f, rt_store_login(f->s, "anna", "hemligt-lösen-1", "1.1.1.1", 1000, uid, &f->err));
	OK(f, rt_store_session_create(f->s, *uid, 1000, token, csrf, &f->err));
}

static void test_session_expiry(void **state)
{
	struct fx *f = *state;
	int64_t uid, got;
	char token[65], csrf[65], csrf2[65];
	new_session(f, &uid, token, csrf);
	assert_int_equal(strlen(token), 64);
	assert_string_not_equal(token, csrf);
	/* Stored hashed only. */
	char *stored = raw_text(f, "SELECT token_hash FROM session");
	assert_string_not_equal(stored, token);
	free(stored);
	OK(f, rt_store_session_check(f->s, token, 1000 + RT_SESSION_IDLE - 1, &got, csrf2, &f->err));
	assert_int_equal(got, uid);
	assert_string_equal(csrf, csrf2);
	/* Activity keeps it alive past one idle span … */
	OK(f, rt_store_session_check(f->s, token, 1000 + 2 * RT_SESSION_IDLE - 10, &got, csrf2,
	                             &f->err));
	/* … but idleness ends it. */
	assert_int_equal(rt_store_session_check(f->s, token, 1000 + 4 * RT_SESSION_IDLE, &got, csrf2,
	                                        &f->err), RT_ENOTFOUND);
	/* The absolute limit holds however active the session is. */
	OK(f, rt_store_session_create(f->s, uid, 1000, token, csrf, &f->err));
	int64_t t = 1000;
	for (; t < 1000 + RT_SESSION_ABSOLUTE - 60; t += RT_SESSION_IDLE / 2)
		OK(f, rt_store_session_check(f->s, token, t, &got, csrf2, &f->err));
	assert_int_equal(rt_store_session_check(f->s, token, 1000 + RT_SESSION_ABSOLUTE, &got, csrf2,
	                                        &f->err), RT_ENOTFOUND);
	/* Logout ends it at once. */
	OK(f, rt_store_session_create(f->s, uid, 2000, token, csrf, &f->err));
	OK(f, rt_store_session_end(f->s, token, &f->err));
	assert_int_equal(rt_store_session_check(f->s, token, 2001, &got, csrf2, &f->err),
	                 RT_ENOTFOUND);
	assert_int_equal(rt_store_session_check(f->s, "nonsens", 2001, &got, csrf2, &f->err),
	                 RT_ENOTFOUND);
}

/* Inside a read transaction (the server's GET) the session's idle-timer
 * touch waits for rt_store_read_end, and a write started there ends the
 * read first instead of failing on the lock upgrade. */
static void test_session_touch_after_read_tx(void **state)
{
	struct fx *f = *state;
	int64_t uid, got;
	char token[65], csrf[65], csrf2[65];
	new_session(f, &uid, token, csrf);
	int64_t later = 1000 + RT_SESSION_TOUCH + 5;
	OK(f, rt_store_read_begin(f->s, &f->err));
	OK(f, rt_store_session_check(f->s, token, later, &got, csrf2, &f->err));
	assert_int_equal(got, uid);
	rt_store_read_end(f->s);
	char *seen = raw_text(f, "SELECT last_seen_at FROM session");
	assert_int_equal(strtoll(seen, NULL, 10), later);
	free(seen);
	/* A write transaction inside a read one. */
	OK(f, rt_store_read_begin(f->s, &f->err));
	OK(f, rt_store_session_check(f->s, token, later + 1, &got, csrf2, &f->err));
	OK(f, rt_store_begin(f->s, "test", &f->err));
	assert_int_equal(rt_store_read_begin(f->s, &f->err), RT_ESTATE);
	org(f, f->region, "las", "Läsnämnden");
	OK(f, rt_store_commit(f->s, &f->err));
	rt_store_read_end(f->s);
	seen = raw_text(f, "SELECT count(*) FROM org_unit WHERE key = 'las'");
	assert_string_equal(seen, "1");
	free(seen);
}

static void test_api_token_and_principal(void **state)
{
	struct fx *f = *state;
	char token[65];
	int64_t uid;
	OK(f, rt_store_begin(f->s, "test", &f->err));
	OK(f, rt_store_api_token_create(f->s, "anna", "skript", token, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	OK(f, rt_store_api_token_check(f->s, token, &uid, &f->err));
	struct rt_principal p;
	OK(f, rt_store_principal(f->s, &f->a, "anna", &p, &f->err));
	assert_int_equal(p.n_grants, 1);
	assert_int_equal(p.grants[0].role, RT_ROLE_PLANNER);
	struct rt_org_link *links;
	size_t n;
	OK(f, rt_store_org_links(f->s, &f->a, &links, &n, &f->err));
	assert_true(rt_authz_allows(&p, RT_PERM_PLAN_EDIT, f->board, links, n));
	assert_false(rt_authz_allows(&p, RT_PERM_PLAN_EDIT, f->other, links, n));
	OK(f, rt_store_begin(f->s, "test", &f->err));
	assert_int_equal(rt_store_user_role_add(f->s, "anna", RT_ROLE_PLANNER, f->board, &f->err),
	                 RT_ECONFLICT);
	OK(f, rt_store_user_role_remove(f->s, "anna", RT_ROLE_PLANNER, f->board, &f->err));
	OK(f, rt_store_user_set_disabled(f->s, "anna", true, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	assert_int_equal(rt_store_api_token_check(f->s, token, &uid, &f->err), RT_ENOTFOUND);
	assert_int_equal(rt_store_principal(f->s, &f->a, "anna", &p, &f->err), RT_ESTATE);
}

static void test_period_closes_at_deadline(void **state)
{
	struct fx *f = *state;
	struct rt_period p = { 0, "2021-T1", RT_PERIOD_TERTIAL, 2021, 1, "2021-01-01",
	                       "2021-04-30", "2021-05-15" };
	OK(f, rt_store_begin(f->s, "test", &f->err));
	OK(f, rt_store_period_put(f->s, &p, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	bool open;
	OK(f, rt_store_period_open(f->s, p.id, "2021-05-15", &open, &f->err));
	assert_true(open);
	OK(f, rt_store_period_open(f->s, p.id, "2021-05-16", &open, &f->err));
	assert_false(open);
	OK(f, rt_store_begin(f->s, "anna", &f->err));
	OK(f, rt_store_period_reopen(f->s, p.id, "2021-05-31", "Sen leverans", &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	OK(f, rt_store_period_open(f->s, p.id, "2021-05-20", &open, &f->err));
	assert_true(open);
	OK(f, rt_store_period_open(f->s, p.id, "2021-06-01", &open, &f->err));
	assert_false(open);
	struct rt_audit_row *rows;
	size_t n;
	OK(f, rt_store_audit_list(f->s, &f->a, "period_reopen", 0, &rows, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].actor, "anna");
	assert_non_null(strstr(rows[0].after, "\"until\":\"2021-05-31\""));
}

static void verify(struct fx *f, size_t *rows, struct rt_audit_problem **p, size_t *n)
{
	OK(f, rt_store_audit_verify(f->s, &f->a, rows, p, n, &f->err));
}

static void test_audit_chain(void **state)
{
	struct fx *f = *state;
	size_t rows, n;
	struct rt_audit_problem *p;
	verify(f, &rows, &p, &n);
	assert_int_equal(rows, 5);    /* 3 org units, the user, the role */
	assert_int_equal(n, 0);
	/* Edit one row's text with raw SQL: that row is reported. */
	raw_sql(f, "UPDATE audit_log SET after_json = replace(after_json, 'Regionstyrelsen', "
	           "'Regionfullmäktige') WHERE id = 2");
	verify(f, &rows, &p, &n);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].row_id, 2);
	assert_non_null(strstr(p[0].what, "har ändrats"));
	/* Put it back: intact again. Then delete a row in the middle: the next
	 * row's link is broken. */
	raw_sql(f, "UPDATE audit_log SET after_json = replace(after_json, 'Regionfullmäktige', "
	           "'Regionstyrelsen') WHERE id = 2");
	verify(f, &rows, &p, &n);
	assert_int_equal(n, 0);
	raw_sql(f, "DELETE FROM audit_log WHERE id = 3");
	verify(f, &rows, &p, &n);
	assert_int_equal(rows, 4);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].row_id, 4);
	assert_non_null(strstr(p[0].what, "tagits bort"));
	/* New writes keep chaining after the damage, and do not hide it. */
	OK(f, rt_store_begin(f->s, "test", &f->err));
	org(f, f->region, "ny", "Ny nämnd");
	OK(f, rt_store_commit(f->s, &f->err));
	verify(f, &rows, &p, &n);
	assert_int_equal(rows, 5);
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_password_hash_parameters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_and_rate_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_expiry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_touch_after_read_tx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_api_token_and_principal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_period_closes_at_deadline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_chain, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
