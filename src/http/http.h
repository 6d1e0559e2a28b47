/* The HTTP edge: request and response as plain data, the handler type, the
 * route tables and the server. Handlers (src/http/api_*.c for the JSON API,
 * src/web for the Swedish pages) never see libmicrohttpd: the server copies a
 * request into struct rt_http_request, calls the handler, and turns the
 * filled struct rt_http_response into the answer (ETag/304, gzip, access log).
 *
 * Store access: every worker thread of the server has its OWN SQLite
 * connection (opened on the thread's first request, closed at shutdown after
 * the threads are joined). SQLite connections must not be shared between
 * threads without a lock, and one connection per thread lets reads run in
 * parallel under WAL; writers serialise in SQLite itself (BEGIN IMMEDIATE
 * with the store's busy timeout). So a handler uses ctx->store freely for the
 * duration of one request and never keeps it.
 *
 * The getters below are static inline so that src/web, which is linked
 * before rt_http, needs no symbol from rt_http. */
#ifndef RT_HTTP_HTTP_H
#define RT_HTTP_HTTP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/authz.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

/* A name/value pair: query parameters, form fields, headers, path params. */
struct rt_http_kv {
	const char *name;
	const char *value;
};

#define RT_HTTP_MAX_PARAMS 8

struct rt_http_request {
	const char *method;         /* "GET", "POST", …; HEAD is routed as GET */
	const char *path;           /* percent-decoded, without the query string */
	const char *content_type;   /* media type without parameters, "" when none */
	const char *remote_addr;    /* "127.0.0.1" */
	rt_buf body;                /* the raw body (NUL-terminated) */
	/* Query parameters (decoded), form fields (decoded, from an
	 * application/x-www-form-urlencoded body) and request headers. */
	const struct rt_http_kv *query;
	size_t n_query;
	const struct rt_http_kv *form;
	size_t n_form;
	const struct rt_http_kv *headers;
	size_t n_headers;
	/* Path parameters of the matched route: "/plans/{id}" → id. */
	struct rt_http_kv params[RT_HTTP_MAX_PARAMS];
	size_t n_params;
};

#define RT_HTTP_MAX_HEADERS 12

struct rt_http_response {
	int status;                 /* 200 unless set */
	const char *content_type;   /* a static string or one in ctx->arena */
	rt_buf body;
	/* Extra headers (Location, Content-Disposition, Cache-Control, Allow,
	 * ETag, Set-Cookie …); names and values are owned copies. */
	struct rt_http_kv headers[RT_HTTP_MAX_HEADERS];
	size_t n_headers;
	/* true: the server derives an ETag from the body (unless the handler set
	 * one) and answers If-None-Match with 304. For reports and static assets. */
	bool etag;
};

/* What a handler gets besides the request. */
struct rt_http_ctx {
	rt_store *store;            /* this worker thread's own connection */
	rt_arena *arena;            /* per request; released after the response */
	const char *actor;          /* for audit rows: "webb" */
	const char *db_path;        /* the database file the server serves */
	/* Who asks (auth.c fills these before the handler runs): never NULL
	 * in the server; anonymous has authenticated false and no grants.
	 * `csrf` is the session's CSRF token ("" without a session); `tls`
	 * says whether the connection is encrypted (the cookie gets Secure). */
	const struct rt_principal *principal;
	const char *csrf;
	bool tls;
};

/* Returns 0 when `res` is complete (including expected errors such as 404
 * that the handler answered itself). Any other value: the server answers
 * 500 with a generic message and logs the code. */
typedef int (*rt_http_handler)(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                               struct rt_http_response *res);

/* One route. `perm` is what the caller needs (core/authz.h); the router
 * checks it in ONE place (auth.c) before the handler runs. `pattern` is matched segment by segment: literal segments,
 * "{name}" (one non-empty segment) and a last "{name*}" (the rest of the
 * path, possibly with slashes, never with "." or ".." segments: the server
 * refuses those with 400 before routing). A table ends with { NULL }. */
/* What a route's "{id}" names, so that the authorisation step (auth.c) can
 * find the plan the request is about and check the permission against the
 * plan's owner org unit (store_auth.h rt_store_entity_owner: entity → plan
 * → owner, one indexed read). RT_TARGET_NONE: the check is global (the
 * caller needs the permission on SOME unit); the store checks each row a
 * write then touches against the same rules (store_auth.h
 * rt_store_set_principal). */
enum rt_http_target {
	RT_TARGET_NONE,
	RT_TARGET_PLAN,      /* {id} is a plan id */
	RT_TARGET_GOAL,      /* {id} is a goal id */
	RT_TARGET_INDICATOR, /* {id} is an indicator id */
	RT_TARGET_TARGET,    /* {id} is a target id */
	RT_TARGET_ACTIVITY,  /* {id} is an activity id */
};

struct rt_http_route {
	const char *method;
	const char *pattern;
	rt_http_handler fn;
	enum rt_perm perm;
	enum rt_http_target target;
};

/* The route tables the server tries in order: the API (routes_api*.c), the
 * login and logout pages (auth.c), then the web pages (routes_web.c, filled
 * by src/web). */
extern const struct rt_http_route rt_routes_api[];
extern const struct rt_http_route rt_routes_auth[];
extern const struct rt_http_route rt_routes_web[];

/* The page for an error outside /api/ (404, 405, 413 …): routes_web.c
 * renders it in Swedish. `msg` is a Swedish sentence. */
void rt_routes_web_error(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                         struct rt_http_response *res, int status, const char *msg);

/* ---- getters (NULL when absent) ---- */

static inline const char *rt_http_kv_get(const struct rt_http_kv *kv, size_t n, const char *name,
                                         bool nocase)
{
	for (size_t i = 0; i < n; i++)
		if (nocase ? !strcasecmp(kv[i].name, name) : !strcmp(kv[i].name, name))
			return kv[i].value;
	return NULL;
}

static inline const char *rt_http_param(const struct rt_http_request *req, const char *name)
{
	return rt_http_kv_get(req->params, req->n_params, name, false);
}

static inline const char *rt_http_query(const struct rt_http_request *req, const char *name)
{
	return rt_http_kv_get(req->query, req->n_query, name, false);
}

static inline const char *rt_http_form(const struct rt_http_request *req, const char *name)
{
	return rt_http_kv_get(req->form, req->n_form, name, false);
}

static inline const char *rt_http_header(const struct rt_http_request *req, const char *name)
{
	return rt_http_kv_get(req->headers, req->n_headers, name, true);
}

/* ---- response helpers ---- */

/* Adds (or replaces) a response header; copies name and value. Extra
 * headers beyond RT_HTTP_MAX_HEADERS are dropped (a handler bug). */
static inline void rt_http_set_header(struct rt_http_response *res, const char *name,
                                      const char *value)
{
	for (size_t i = 0; i < res->n_headers; i++) {
		if (!strcasecmp(res->headers[i].name, name)) {
			free((char *)res->headers[i].value);
			res->headers[i].value = rt_xstrdup(value);
			return;
		}
	}
	if (res->n_headers == RT_HTTP_MAX_HEADERS)
		return;
	res->headers[res->n_headers].name = rt_xstrdup(name);
	res->headers[res->n_headers].value = rt_xstrdup(value);
	res->n_headers++;
}

static inline const char *rt_http_res_header(const struct rt_http_response *res, const char *name)
{
	return rt_http_kv_get(res->headers, res->n_headers, name, true);
}

/* A redirect (303 after a form POST): sets status and Location. */
static inline void rt_http_redirect(struct rt_http_response *res, int status, const char *location)
{
	res->status = status;
	res->content_type = "text/plain; charset=utf-8";
	rt_http_set_header(res, "Location", location);
}

#define RT_HTTP_HTML "text/html; charset=utf-8"
#define RT_HTTP_JSON "application/json; charset=utf-8"

/* ---- the server (server.c) ---- */

struct rt_http_config {
	const char *db_path;        /* must exist and be migrated */
	const char *listen;         /* "127.0.0.1:8080"; port 0 picks a free one */
	unsigned threads;           /* worker threads; 0 = 4 */
	size_t max_body;            /* bytes; 0 = 1 MiB; larger bodies get 413 */
	unsigned timeout_s;         /* idle connection timeout; 0 = 30 s */
	bool quiet;                 /* no access log (tests) */
	/* Both set: HTTPS only (libmicrohttpd + GnuTLS), PEM files; the session
	 * cookie gets Secure and every answer Strict-Transport-Security. */
	const char *tls_cert;
	const char *tls_key;
	/* bytes for the outcome upload (POST /import); 0 = 64 MiB. The other
	 * routes keep max_body (and never more than this). */
	size_t max_upload;
};

struct rt_http_server;

/* Body limits (limits.c): "65536", "512K", "64M", "1G" (binary units, K/M/G
 * or KiB/MiB/GiB, any case) to bytes, 1 byte to 1 TiB; 0 or RT_EINVAL. And
 * bytes as the 413 message writes them: "64 MiB", "512 KiB", "1000 byte". */
int rt_http_size_parse(const char *s, size_t *out);
void rt_http_size_text(char *out, size_t cap, size_t bytes);

/* Opens the database once to check it, binds and starts the worker threads.
 * Returns 0 and *out, or an RT_E* code with a Swedish message. */
int rt_http_start(struct rt_http_server **out, const struct rt_http_config *cfg, rt_err *err);
/* The bound port (useful after port 0). */
uint16_t rt_http_port(const struct rt_http_server *srv);
/* Stops accepting, lets in-flight requests finish, joins the threads and
 * closes every store connection. */
void rt_http_stop(struct rt_http_server *srv);

/* The routing step alone (server.c uses it; tests may too): finds the route
 * for method + path across both tables, fills req->params. Returns the
 * handler, or NULL with *status 404 or 405 (then `allow` gets the methods the
 * path accepts, "GET, PUT"). */
rt_http_handler rt_http_route(struct rt_http_request *req, int *status, rt_buf *allow);
/* The same, returning the matched route (its permission and target). */
const struct rt_http_route *rt_http_route_find(struct rt_http_request *req, int *status,
                                               rt_buf *allow);

#endif
