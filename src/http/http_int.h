/* Internal to src/http: the pieces server.c shares with the API handlers
 * and the encoding step. Not for src/web. */
#ifndef RT_HTTP_HTTP_INT_H
#define RT_HTTP_HTTP_INT_H
#include "http/http.h"

/* The API's error body { "error": { "code", "message", "field" } }; field
 * may be NULL or "" (then null). Replaces the body. */
void rt_http_json_error(struct rt_http_response *res, int status, const char *code,
                        const char *field, const char *msg);

/* The answer for an error the server itself decides (404, 405, 413 …):
 * JSON under /api/, the Swedish page elsewhere. */
void rt_http_error(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                   struct rt_http_response *res, int status, const char *code, const char *msg);

/* auth.c: who asks (ctx->principal, ctx->csrf), the CSRF check of a
 * state-changing request made with the session cookie, and the route's
 * permission. false: res holds the refusal (303 to /logga-in for pages,
 * 401/403 JSON for the API, 403 for a CSRF mismatch). */
bool rt_http_auth(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                  const struct rt_http_route *route, struct rt_http_response *res);

/* form_parse.c: an application/x-www-form-urlencoded body as decoded
 * name/value pairs in the arena, in order ("a&b=" gives a="" and b=""). */
void rt_http_form_parse(rt_arena *a, const char *body, size_t len, struct rt_http_kv **items,
                        size_t *n);
/* The value of a hex digit, -1 for any other character. */
int rt_http_hexval(char c);

/* tls.c: reads the PEM certificate and key files for HTTPS and checks them
 * (readable, a certificate, an unencrypted key, the key belongs to the
 * certificate) so `serve` stops with a Swedish message naming the file
 * instead of libmicrohttpd's silent start failure. *cert and *key are
 * malloc'd NUL-terminated PEM text. */
int rt_http_tls_load(const char *cert_path, const char *key_path, char **cert, char **key,
                     rt_err *err);

/* Frees the owned header copies and the body. */
void rt_http_response_release(struct rt_http_response *res);

/* The ETag of a body: a quoted 64-bit FNV-1a hash in hex. */
void rt_http_etag_of(const rt_buf *body, char out[20]);
/* Does an If-None-Match header list `etag` (or "*")? Weak tags (W/) and
 * a "-gz" variant count as the same representation. */
bool rt_http_etag_matches(const char *if_none_match, const char *etag);
/* Should a body of this type and size go out gzip'ed for this request? */
bool rt_http_want_gzip(const char *accept_encoding, const char *content_type, size_t len);
/* gzip `in` into `out`; 0 or RT_EINTERNAL. */
int rt_http_gzip(const rt_buf *in, rt_buf *out);
/* Is a decoded path safe to route: absolute, valid UTF-8, no "." or ".."
 * segment, no control characters or backslashes? */
bool rt_http_path_ok(const char *path);
/* Is s (len bytes) valid UTF-8 (no overlongs, no surrogates)? */
bool rt_http_utf8_ok(const char *s, size_t len);

/* ---- cache.c: a worker thread's cache of GET /api/ responses ---- */
struct rt_http_cache;
struct rt_http_cache_entry;
struct rt_http_cache *rt_http_cache_new(void);
void rt_http_cache_free(struct rt_http_cache *c);
/* The key of a request: path and query parameters in order. */
void rt_http_cache_key(rt_buf *key, const struct rt_http_request *req);
/* A hit made with the same change stamp fills res (a copy) and returns the
 * entry; a stale entry is dropped. NULL on a miss. */
struct rt_http_cache_entry *rt_http_cache_get(struct rt_http_cache *c, const char *key,
                                              uint64_t stamp, struct rt_http_response *res);
/* Keeps a copy of res (NULL when too large to keep). */
struct rt_http_cache_entry *rt_http_cache_put(struct rt_http_cache *c, const char *key,
                                              uint64_t stamp, const struct rt_http_response *res);
/* The entry's body gzip'ed (made on first use); NULL if zlib failed. */
const rt_buf *rt_http_cache_gzip(struct rt_http_cache_entry *e);

#endif
