/* The audit log's hash chain (store_auth.h). Each row's hash is the
 * SHA-256 of a canonical text of the row — every column, each as
 * "<length>:<bytes>;" or "~;" for NULL, so no two different rows share a
 * text — followed by the previous row's hash. Editing a row changes its
 * hash; deleting one breaks the next row's link. Rows are sealed at commit
 * (rt_store_commit), whichever store file wrote them. Anyone who can write
 * the file can also recompute the chain: this is evidence against quiet
 * edits, not a signature. */
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_auth.h"
#include "util/alloc.h"

#define HASH_HEX (crypto_hash_sha256_BYTES * 2 + 1)

struct audit_raw {
	int64_t id, entity_id;
	char *at, *actor, *entity, *action, *before, *after, *prev_hash, *hash;
};

static void feed(crypto_hash_sha256_state *h, const char *v)
{
	char len[32];
	if (!v) {
		crypto_hash_sha256_update(h, (const unsigned char *)"~;", 2);
		return;
	}
	size_t n = strlen(v);
	int k = snprintf(len, sizeof len, "%zu:", n);
	crypto_hash_sha256_update(h, (const unsigned char *)len, (unsigned long long)k);
	crypto_hash_sha256_update(h, (const unsigned char *)v, n);
	crypto_hash_sha256_update(h, (const unsigned char *)";", 1);
}

static void feed_int(crypto_hash_sha256_state *h, int64_t v)
{
	char num[32];
	snprintf(num, sizeof num, "%" PRId64, v);
	feed(h, num);
}

/* The row's hash given the hash it links to (NULL for the first row). */
static void row_hash(const struct audit_raw *r, const char *prev, char out[HASH_HEX])
{
	crypto_hash_sha256_state h;
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&h);
	feed(&h, "rodtrad-audit-v1");
	feed_int(&h, r->id);
	feed(&h, r->at);
	feed(&h, r->actor);
	feed(&h, r->entity);
	feed_int(&h, r->entity_id);
	feed(&h, r->action);
	feed(&h, r->before);
	feed(&h, r->after);
	feed(&h, prev);
	crypto_hash_sha256_final(&h, d);
	sodium_bin2hex(out, HASH_HEX, d, sizeof d);
}

/* Does this schema have the chain columns (0007)? Tests run older ones.
 * Every commit asks, and on PostgreSQL the question is an
 * information_schema query (a join over the catalogs, ~1 ms): a yes is
 * kept for the connection, since a column is never dropped. */
static int has_chain(rt_store *s, bool *yes, rt_err *err)
{
	if (s->has_chain) {
		*yes = true;
		return 0;
	}
	rt_db_stmt *st = rt_sql_stmt(s, rt_db_kind(s->db) == RT_DB_POSTGRES
		? "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
		  "AND table_name = 'audit_log' AND column_name = 'hash'"
		: "SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'hash'", err);
	if (!st)
		return err ? err->code : RT_EIO;
	int rc = rt_db_step(st);
	rt_sql_done(st);
	*yes = s->has_chain = rc == RT_DB_ROW;
	return rc == RT_DB_ROW || rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "audit_log", err);
}

/* Rows with id > after_id, in id order, into the arena. */
static int read_rows(rt_store *s, rt_arena *a, int64_t after_id, struct audit_raw **out,
                     size_t *n, rt_err *err)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT id, at, actor, entity, entity_id, action, before_json, after_json, "
		"prev_hash, hash FROM audit_log WHERE id > ? ORDER BY id", err);
	if (!st)
		return err ? err->code : RT_EIO;
	rt_db_bind_int(st, 1, after_id);
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		struct audit_raw *r = RT_ARENA_PUSH(a, *out, *n, cap);
		struct rt_col c = { st, 0, a, NULL };
		r->id = rt_col_int(&c);
		r->at = rt_col_text(&c);
		r->actor = rt_col_text(&c);
		r->entity = rt_col_text(&c);
		r->entity_id = rt_col_int(&c);
		r->action = rt_col_text(&c);
		r->before = rt_col_text(&c);
		r->after = rt_col_text(&c);
		r->prev_hash = rt_col_text(&c);
		r->hash = rt_col_text(&c);
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "läsa ändringsloggen", err);
}

#define SEAL_CHUNK 64

/* Writes the chain columns of n rows with one UPDATE … FROM (VALUES …)
 * (both databases name the VALUES columns column1, column2, …). */
static int seal_rows(rt_store *s, const struct audit_raw *rows, size_t n, rt_err *err)
{
	rt_buf sql = RT_BUF_INIT;
	rt_buf_addstr(&sql, "UPDATE audit_log SET prev_hash = v.column2, hash = v.column3 FROM (VALUES ");
	for (size_t i = 0; i < n; i++)
		rt_buf_addstr(&sql, i ? ", (?, ?, ?)" : "(?, ?, ?)");
	rt_buf_addstr(&sql, ") AS v WHERE audit_log.id = v.column1");
	rt_db_stmt *st = rt_sql_stmt(s, sql.buf, err);
	rt_buf_release(&sql);
	if (!st)
		return err ? err->code : RT_EIO;
	struct rt_bind b = { st, 1, RT_DB_OK };
	for (size_t i = 0; i < n; i++) {
		rt_bind_int(&b, rows[i].id);
		rt_bind_text(&b, rows[i].prev_hash);
		rt_bind_text(&b, rows[i].hash);
	}
	int rc = b.rc != RT_DB_OK ? b.rc : rt_db_step(st);
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "försegla ändringsloggen", err);
}

int rt_store_audit_seal(rt_store *s, rt_err *err)
{
	bool chain;
	int rc = has_chain(s, &chain, err);
	if (rc || !chain)
		return rc;
	rt_db_stmt *st = rt_sql_stmt(s,
		"SELECT id, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1", err);
	if (!st)
		return err ? err->code : RT_EIO;
	int64_t last_id = 0;
	char prev[HASH_HEX] = "";
	int src = rt_db_step(st);
	if (src == RT_DB_ROW) {
		last_id = rt_db_col_int(st, 0);
		snprintf(prev, sizeof prev, "%s", rt_db_col_text(st, 1));
	}
	rt_sql_done(st);
	if (src != RT_DB_ROW && src != RT_DB_DONE)
		return rt_sql_fail(s, src, "läsa ändringsloggen", err);

	rt_arena a = RT_ARENA_INIT;
	struct audit_raw *rows;
	size_t n;
	rc = read_rows(s, &a, last_id, &rows, &n, err);
	for (size_t i = 0; i < n && !rc; i++) {
		char h[HASH_HEX];
		row_hash(&rows[i], prev[0] ? prev : NULL, h);
		rows[i].prev_hash = prev[0] ? rt_arena_strdup(&a, prev) : NULL;
		rows[i].hash = rt_arena_strdup(&a, h);
		memcpy(prev, h, HASH_HEX);
	}
	/* SEAL_CHUNK rows per UPDATE, the rest in pieces of powers of two (at
	 * most seven statement texts): a restore seals hundreds of thousands of
	 * rows, and on PostgreSQL each statement is a round trip */
	for (size_t done = 0, piece = SEAL_CHUNK; done < n && !rc;) {
		while (n - done < piece)
			piece /= 2;
		rc = seal_rows(s, rows + done, piece, err);
		done += piece;
	}
	rt_arena_release(&a);
	return rc;
}

static bool same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && !strcmp(x, y));
}

static void problem(rt_arena *a, struct rt_audit_problem **out, size_t *n, size_t *cap,
                    int64_t id, const char *what)
{
	struct rt_audit_problem *p = RT_ARENA_PUSH(a, *out, *n, *cap);
	p->row_id = id;
	p->what = rt_arena_strdup(a, what);
}

int rt_store_audit_verify(rt_store *s, rt_arena *a, size_t *n_rows,
                          struct rt_audit_problem **out, size_t *n, rt_err *err)
{
	*out = NULL;
	*n = 0;
	*n_rows = 0;
	bool chain;
	int rc = has_chain(s, &chain, err);
	if (rc)
		return rc;
	if (!chain)
		return rt_err_set(err, RT_ESTATE, "",
		                  "Databasen saknar ändringsloggens kedja: kör 'rodtrad init' först");
	rt_arena tmp = RT_ARENA_INIT;
	struct audit_raw *rows;
	size_t nr, cap = 0;
	rc = read_rows(s, &tmp, 0, &rows, &nr, err);
	const char *prev = NULL;
	for (size_t i = 0; i < nr && !rc; i++) {
		const struct audit_raw *r = &rows[i];
		if (!same(r->prev_hash, prev))
			problem(a, out, n, &cap, r->id,
			        "länken till föregående rad stämmer inte: en rad före den har tagits "
			        "bort eller ändrats");
		if (!r->hash) {
			problem(a, out, n, &cap, r->id, "raden saknar kontrollsumma");
		} else {
			char h[HASH_HEX];
			row_hash(r, r->prev_hash, h);
			if (strcmp(h, r->hash))
				problem(a, out, n, &cap, r->id,
				        "raden har ändrats efter att den skrevs (kontrollsumman stämmer inte)");
		}
		prev = r->hash;
	}
	*n_rows = nr;
	rt_arena_release(&tmp);
	return rc;
}
