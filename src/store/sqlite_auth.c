/* SQLite backend of store_auth.h: users, roles, sessions, API tokens,
 * failed-login counters and period reopenings (0007_auth.sql). Users,
 * roles, tokens and reopenings are audited like every put, never with a
 * password hash or token in the JSON. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/sqlite_auth_int.h"

int rt_sql_auth_need_tx(rt_store *s, rt_err *err)
{
	return s->in_tx ? 0 : rt_err_set(err, RT_ESTATE, "",
	                                 "Ändringar kan bara göras i en transaktion (rt_store_begin)");
}

int rt_sql_auth_audit(rt_store *s, const char *entity, int64_t id, const char *action,
                      json_t *after, rt_err *err)
{
	return rt_sql_audit(s, entity, id, action, after, err);
}

int rt_sql_auth_run(rt_store *s, rt_db_stmt *st, struct rt_bind *b, const char *what, int *changes,
               rt_err *err)
{
	int rc = b->rc != RT_DB_OK ? b->rc : rt_db_step(st);
	rt_sql_done(st);
	if (changes)
		*changes = rt_db_changes(s->db);
	if (rc == RT_DB_DONE)
		return 0;
	if (rt_db_errcode(s->db) == RT_DB_CONSTRAINT_UNIQUE)
		return rt_err_set(err, RT_ECONFLICT, "", "Finns redan (%s)", what);
	return rt_sql_fail(s, rc, what, err);
}

/* ---- passwords ----------------------------------------------------------- */

int rt_password_hash(const char *password, char out[128], rt_err *err)
{
	_Static_assert(crypto_pwhash_STRBYTES <= 128, "hash buffer");
	size_t n = password ? strlen(password) : 0;
	if (n < RT_PW_MIN)
		return rt_err_set(err, RT_EINVAL, "password",
		                  "Lösenordet måste ha minst %d tecken", RT_PW_MIN);
	if (n > 1024)
		return rt_err_set(err, RT_EINVAL, "password", "Lösenordet är för långt");
	if (sodium_init() < 0)
		return rt_err_set(err, RT_EINTERNAL, "", "libsodium kunde inte startas");
	if (crypto_pwhash_str_alg(out, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                          crypto_pwhash_MEMLIMIT_INTERACTIVE,
	                          crypto_pwhash_ALG_ARGON2ID13) != 0)
		return rt_err_set(err, RT_EIO, "", "Minnet räckte inte för att hasha lösenordet");
	return 0;
}

bool rt_password_verify(const char *hash, const char *password)
{
	if (!hash || !password || sodium_init() < 0)
		return false;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* ---- users --------------------------------------------------------------- */

static json_t *user_json(int64_t id, const char *name, const char *display, bool disabled)
{
	return json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)id, "name", name,
	                 "display_name", display, "disabled", disabled);
}

static bool bad_name(const char *name)
{
	return !name || !*name || strlen(name) > 64 || strpbrk(name, " \t\r\n:");
}

int rt_store_user_add_hashed(rt_store *s, const char *name, const char *display_name,
                             const char *pw_hash, int64_t *id, rt_err *err)
{
	int rc = rt_sql_auth_need_tx(s, err);
	if (rc)
		return rc;
	if (bad_name(name))
		return rt_err_set(err, RT_EINVAL, "name",
		                  "Användarnamnet måste vara 1–64 tecken utan mellanslag och kolon");
	char now[32];
	rt_sql_now(now);
	const char *display = display_name && *display_name ? display_name : name;
	STMT(s, "INSERT INTO app_user (name, display_name, pw_hash, created_at) VALUES (?, ?, ?, ?)",
	     err);
	rt_bind_text(&b, name);
	rt_bind_text(&b, display);
	rt_bind_text(&b, pw_hash);
	rt_bind_text(&b, now);
	if ((rc = rt_sql_auth_run(s, st, &b, "användare", NULL, err)) != 0)
		return rc == RT_ECONFLICT ? rt_err_set(err, RT_ECONFLICT, "name",
		                                       "Användaren '%s' finns redan", name) : rc;
	*id = rt_db_last_id(s->db);
	return rt_sql_auth_audit(s, "app_user", *id, "insert", user_json(*id, name, display, false),
	                         err);
}

int rt_store_user_add(rt_store *s, const char *name, const char *display_name,
                      const char *password, int64_t *id, rt_err *err)
{
	char hash[128];
	int rc = rt_password_hash(password, hash, err);
	return rc ? rc : rt_store_user_add_hashed(s, name, display_name, hash, id, err);
}

int rt_store_user_get(rt_store *s, rt_arena *a, const char *name, struct rt_user *out,
                      rt_err *err)
{
	STMT(s, "SELECT id, name, display_name, disabled, created_at FROM app_user WHERE name = ?",
	     err);
	rt_bind_text(&b, name);
	int rc = rt_db_step(st);
	if (rc == RT_DB_ROW) {
		struct rt_col c = { st, 0, a, NULL };
		out->id = rt_col_int(&c);
		out->name = rt_col_text(&c);
		out->display_name = rt_col_text(&c);
		out->disabled = rt_col_int(&c) != 0;
		out->created_at = rt_col_text(&c);
	}
	rt_sql_done(st);
	if (rc == RT_DB_DONE)
		return rt_err_set(err, RT_ENOTFOUND, "name", "Det finns ingen användare '%s'", name);
	return rc == RT_DB_ROW ? 0 : rt_sql_fail(s, rc, "app_user", err);
}

int rt_store_user_get_id(rt_store *s, rt_arena *a, int64_t id, struct rt_user *out, rt_err *err)
{
	STMT(s, "SELECT name FROM app_user WHERE id = ?", err);
	rt_bind_int(&b, id);
	int rc = rt_db_step(st);
	char *name = rc == RT_DB_ROW ? rt_arena_strdup(a, rt_db_col_text(st, 0))
	                              : NULL;
	rt_sql_done(st);
	if (rc == RT_DB_DONE)
		return rt_err_set(err, RT_ENOTFOUND, "id", "Det finns ingen användare med id %lld",
		                  (long long)id);
	if (rc != RT_DB_ROW)
		return rt_sql_fail(s, rc, "app_user", err);
	return rt_store_user_get(s, a, name, out, err);
}

int rt_store_user_list(rt_store *s, rt_arena *a, struct rt_user **out, size_t *n, rt_err *err)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	STMT(s, "SELECT id, name, display_name, disabled, created_at FROM app_user ORDER BY name",
	     err);
	(void)b;
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		struct rt_user *u = RT_ARENA_PUSH(a, *out, *n, cap);
		struct rt_col c = { st, 0, a, NULL };
		u->id = rt_col_int(&c);
		u->name = rt_col_text(&c);
		u->display_name = rt_col_text(&c);
		u->disabled = rt_col_int(&c) != 0;
		u->created_at = rt_col_text(&c);
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "app_user", err);
}

int rt_store_user_passwd(rt_store *s, const char *name, const char *password, rt_err *err)
{
	int rc = rt_sql_auth_need_tx(s, err);
	rt_arena a = RT_ARENA_INIT;
	struct rt_user u;
	char hash[128];
	if (!rc)
		rc = rt_store_user_get(s, &a, name, &u, err);
	if (!rc)
		rc = rt_password_hash(password, hash, err);
	if (!rc) {
		rt_db_stmt *st = rt_sql_stmt(s, "UPDATE app_user SET pw_hash = ? WHERE id = ?", err);
		struct rt_bind b = { st, 1, RT_DB_OK };
		rc = st ? 0 : (err ? err->code : RT_EIO);
		if (st) {
			rt_bind_text(&b, hash);
			rt_bind_int(&b, u.id);
			rc = rt_sql_auth_run(s, st, &b, "byta lösenord", NULL, err);
		}
	}
	/* A new password ends the sessions the old one opened. */
	if (!rc) {
		rt_db_stmt *st = rt_sql_stmt(s, "DELETE FROM session WHERE user_id = ?", err);
		struct rt_bind b = { st, 1, RT_DB_OK };
		rc = st ? 0 : (err ? err->code : RT_EIO);
		if (st) {
			rt_bind_int(&b, u.id);
			rc = rt_sql_auth_run(s, st, &b, "avsluta sessioner", NULL, err);
		}
	}
	if (!rc)
		rc = rt_sql_auth_audit(s, "app_user", u.id, "update",
		           json_pack("{s:I, s:s, s:b}", "id", (json_int_t)u.id, "name", u.name,
		                     "password_changed", 1), err);
	rt_arena_release(&a);
	return rc;
}

int rt_store_user_set_disabled(rt_store *s, const char *name, bool disabled, rt_err *err)
{
	int rc = rt_sql_auth_need_tx(s, err);
	rt_arena a = RT_ARENA_INIT;
	struct rt_user u;
	if (!rc)
		rc = rt_store_user_get(s, &a, name, &u, err);
	if (!rc) {
		rt_db_stmt *st = rt_sql_stmt(s, "UPDATE app_user SET disabled = ? WHERE id = ?", err);
		struct rt_bind b = { st, 1, RT_DB_OK };
		rc = st ? 0 : (err ? err->code : RT_EIO);
		if (st) {
			rt_bind_int(&b, disabled);
			rt_bind_int(&b, u.id);
			rc = rt_sql_auth_run(s, st, &b, "stänga av användaren", NULL, err);
		}
	}
	if (!rc && disabled) {
		rt_db_stmt *st = rt_sql_stmt(s, "DELETE FROM session WHERE user_id = ?", err);
		struct rt_bind b = { st, 1, RT_DB_OK };
		rc = st ? 0 : (err ? err->code : RT_EIO);
		if (st) {
			rt_bind_int(&b, u.id);
			rc = rt_sql_auth_run(s, st, &b, "avsluta sessioner", NULL, err);
		}
	}
	if (!rc)
		rc = rt_sql_auth_audit(s, "app_user", u.id, "update",
		           user_json(u.id, u.name, u.display_name, disabled), err);
	rt_arena_release(&a);
	return rc;
}

/* ---- roles --------------------------------------------------------------- */

static int role_change(rt_store *s, const char *name, enum rt_role role, int64_t org_unit_id,
                       bool add, rt_err *err)
{
	int rc = rt_sql_auth_need_tx(s, err);
	rt_arena a = RT_ARENA_INIT;
	struct rt_user u;
	if (!rc)
		rc = rt_store_user_get(s, &a, name, &u, err);
	if (!rc && org_unit_id) {
		struct rt_org_unit org;
		rc = rt_store_org_get(s, &a, org_unit_id, &org, err);
	}
	int changes = 0;
	int64_t id = 0;
	if (!rc) {
		rt_db_stmt *st = rt_sql_stmt(s, add
			? "INSERT INTO user_role (user_id, role, org_unit_id) VALUES (?, ?, ?)"
			: "DELETE FROM user_role WHERE user_id = ? AND role = ? "
			  "AND COALESCE(org_unit_id, 0) = ?", err);
		struct rt_bind b = { st, 1, RT_DB_OK };
		rc = st ? 0 : (err ? err->code : RT_EIO);
		if (st) {
			rt_bind_int(&b, u.id);
			rt_bind_text(&b, rt_role_name(role));
			if (add)
				rt_bind_id(&b, org_unit_id);
			else
				rt_bind_int(&b, org_unit_id);
			rc = rt_sql_auth_run(s, st, &b, "roll", &changes, err);
			id = rt_db_last_id(s->db);
		}
		if (rc == RT_ECONFLICT)
			rc = rt_err_set(err, RT_ECONFLICT, "role", "%s har redan rollen %s där", name,
			                rt_role_label(role));
		else if (!rc && !add && changes == 0)
			rc = rt_err_set(err, RT_ENOTFOUND, "role", "%s har inte rollen %s där", name,
			                rt_role_label(role));
	}
	if (!rc) {
		json_t *j = json_pack("{s:I, s:s, s:s, s:o}", "user_id", (json_int_t)u.id, "user", name,
		                      "role", rt_role_name(role), "org_unit_id",
		                      org_unit_id ? json_integer((json_int_t)org_unit_id)
		                                  : json_null());
		rc = rt_sql_auth_audit(s, "user_role", add ? id : u.id, add ? "insert" : "delete", j, err);
	}
	rt_arena_release(&a);
	return rc;
}

int rt_store_user_role_add(rt_store *s, const char *name, enum rt_role role,
                           int64_t org_unit_id, rt_err *err)
{
	return role_change(s, name, role, org_unit_id, true, err);
}

int rt_store_user_role_remove(rt_store *s, const char *name, enum rt_role role,
                              int64_t org_unit_id, rt_err *err)
{
	return role_change(s, name, role, org_unit_id, false, err);
}

int rt_store_user_roles(rt_store *s, rt_arena *a, int64_t user_id, struct rt_user_role **out,
                        size_t *n, rt_err *err)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	STMT(s, "SELECT r.id, r.user_id, r.role, COALESCE(r.org_unit_id, 0), o.name "
	        "FROM user_role r LEFT JOIN org_unit o ON o.id = r.org_unit_id "
	        "WHERE r.user_id = ? ORDER BY r.role, r.org_unit_id", err);
	rt_bind_int(&b, user_id);
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		struct rt_user_role *r = RT_ARENA_PUSH(a, *out, *n, cap);
		struct rt_col c = { st, 0, a, NULL };
		r->id = rt_col_int(&c);
		r->user_id = rt_col_int(&c);
		char *role = rt_col_text(&c);
		r->org_unit_id = rt_col_int(&c);
		r->org_name = rt_col_text(&c);
		if (rt_role_parse(role, &r->role, NULL))
			r->role = RT_ROLE_READER;   /* the CHECK forbids it; be least privileged */
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "user_role", err);
}

int rt_store_org_links(rt_store *s, rt_arena *a, struct rt_org_link **out, size_t *n,
                       rt_err *err)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	STMT(s, "SELECT id, COALESCE(parent_id, 0) FROM org_unit ORDER BY id", err);
	(void)b;
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		struct rt_org_link *l = RT_ARENA_PUSH(a, *out, *n, cap);
		l->id = rt_db_col_int(st, 0);
		l->parent_id = rt_db_col_int(st, 1);
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "org_unit", err);
}

int rt_store_principal(rt_store *s, rt_arena *a, const char *name, struct rt_principal *out,
                       rt_err *err)
{
	struct rt_user u;
	int rc = rt_store_user_get(s, a, name, &u, err);
	if (rc)
		return rc;
	if (u.disabled)
		return rt_err_set(err, RT_ESTATE, "name", "Användaren '%s' är avstängd", name);
	struct rt_user_role *roles;
	size_t n;
	if ((rc = rt_store_user_roles(s, a, u.id, &roles, &n, err)) != 0)
		return rc;
	struct rt_role_grant *g = n ? rt_arena_alloc(a, n * sizeof *g) : NULL;
	for (size_t i = 0; i < n; i++)
		g[i] = (struct rt_role_grant){ roles[i].role, roles[i].org_unit_id };
	*out = (struct rt_principal){ u.name, true, g, n };
	return 0;
}
