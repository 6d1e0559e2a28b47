/* The server: libmicrohttpd in its internal polling thread + epoll mode with
 * a thread pool. It copies each request into struct rt_http_request, routes
 * it, runs the handler with the worker thread's own store connection (see
 * http.h), then applies ETag/304 and gzip, queues the answer and writes one
 * access-log line. Shutdown is graceful: stop accepting, wait for requests
 * in flight, join the threads, close the stores. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "http/http_int.h"
#include "store/store_auth.h"

/* A worker thread's own store connection and response cache. */
struct worker {
	rt_store *store;
	struct rt_http_cache *cache;
	struct worker *next;
};

struct rt_http_server {
	struct MHD_Daemon *daemon;
	char *db_path;
	size_t max_body, max_upload;
	bool quiet;
	bool test_delay;            /* honour X-Test-Delay-Ms (tests of shutdown) */
	uint16_t port;
	pthread_key_t key;
	pthread_mutex_t mu;
	pthread_cond_t idle;
	int inflight;
	struct worker *workers;
	rt_store *spare;            /* the start-up check's connection, for the first worker */
	bool tls;                   /* HTTPS: Secure cookies, HSTS */
	char *tls_cert, *tls_key;   /* PEM text, kept for the daemon's lifetime */
};

/* One request's state across libmicrohttpd's calls. */
struct request_state {
	struct timespec start;
	rt_buf body;
	size_t limit;               /* max_body, or max_upload for the upload route */
	bool upload;                /* POST /import */
	bool too_large;
	bool answered;
};

static double ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* time=… method=… path=… status=… bytes=… ms=… on stderr, one write. */
static void access_log(const struct rt_http_server *srv, const char *method, const char *path,
                       int status, size_t bytes, const struct timespec *t0)
{
	if (srv->quiet)
		return;
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	char ts[32];
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	rt_buf line = RT_BUF_INIT;
	rt_buf_addf(&line, "time=%s method=%s path=\"", ts, method);
	rt_buf_add_json(&line, path);
	rt_buf_addf(&line, "\" status=%d bytes=%zu ms=%.2f\n", status, bytes, ms_since(t0));
	(void)!write(STDERR_FILENO, line.buf, line.len);
	rt_buf_release(&line);
}

/* The calling worker thread's store and cache, opened on first use; NULL
 * when the database cannot be opened. */
static struct worker *thread_worker(struct rt_http_server *srv)
{
	struct worker *w = pthread_getspecific(srv->key);
	if (w)
		return w;
	rt_err err = RT_ERR_INIT;
	pthread_mutex_lock(&srv->mu);
	rt_store *s = srv->spare;
	srv->spare = NULL;
	pthread_mutex_unlock(&srv->mu);
	if (!s && rt_store_open(&s, srv->db_path, RT_STORE_OPEN_EXISTING, &err) != 0) {
		fprintf(stderr, "rodtrad serve: %s\n", err.msg);
		return NULL;
	}
	w = rt_xcalloc(1, sizeof(*w));
	w->store = s;
	w->cache = rt_http_cache_new();
	pthread_mutex_lock(&srv->mu);
	w->next = srv->workers;
	srv->workers = w;
	pthread_mutex_unlock(&srv->mu);
	pthread_setspecific(srv->key, w);
	return w;
}

void rt_http_response_release(struct rt_http_response *res)
{
	for (size_t i = 0; i < res->n_headers; i++) {
		free((char *)res->headers[i].name);
		free((char *)res->headers[i].value);
	}
	res->n_headers = 0;
	rt_buf_release(&res->body);
}

void rt_http_error(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                   struct rt_http_response *res, int status, const char *code, const char *msg)
{
	res->etag = false;
	if (!strncmp(req->path, "/api/", 5) || !strcmp(req->path, "/api"))
		rt_http_json_error(res, status, code, NULL, msg);
	else
		rt_routes_web_error(ctx, req, res, status, msg);
}

/* ---- copying the request out of libmicrohttpd ---- */

struct kv_list {
	rt_arena *arena;
	struct rt_http_kv *items;
	size_t n, cap;
};

static enum MHD_Result collect_kv(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
	(void)kind;
	struct kv_list *l = cls;
	struct rt_http_kv *kv = RT_ARENA_PUSH(l->arena, l->items, l->n, l->cap);
	kv->name = rt_arena_strdup(l->arena, key ? key : "");
	kv->value = rt_arena_strdup(l->arena, value ? value : "");
	return MHD_YES;
}

static const char *media_type(rt_arena *a, const char *ct)
{
	if (!ct)
		return "";
	size_t n = strcspn(ct, ";");
	while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
		n--;
	char *m = rt_arena_strndup(a, ct, n);
	for (char *p = m; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return m;
}

static const char *client_addr(rt_arena *a, struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[INET6_ADDRSTRLEN] = "";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
			          sizeof(buf));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
			          sizeof(buf));
	}
	return rt_arena_strdup(a, buf);
}

static void build_request(struct rt_http_request *req, rt_arena *a, struct MHD_Connection *conn,
                          const char *method, const char *url, struct request_state *st)
{
	req->method = method;
	req->path = url;
	req->remote_addr = client_addr(a, conn);
	req->body = st->body;
	struct kv_list q = { a, NULL, 0, 0 }, h = { a, NULL, 0, 0 };
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_kv, &q);
	MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_kv, &h);
	req->query = q.items, req->n_query = q.n;
	req->headers = h.items, req->n_headers = h.n;
	req->content_type = media_type(a, rt_http_header(req, "Content-Type"));
	struct rt_http_kv *form = NULL;
	size_t n_form = 0;
	if (!strcmp(req->content_type, "application/x-www-form-urlencoded"))
		rt_http_form_parse(a, st->body.buf, st->body.len, &form, &n_form);
	req->form = form, req->n_form = n_form;
}

/* ---- answering ---- */

/* The ETag of a cacheable 200 (reports, static assets), unless set. */
static void set_etag(struct rt_http_response *res)
{
	if (!res->etag || res->status != 200)
		return;
	if (!rt_http_res_header(res, "ETag")) {
		char tag[20];
		rt_http_etag_of(&res->body, tag);
		rt_http_set_header(res, "ETag", tag);
	}
	if (!rt_http_res_header(res, "Cache-Control"))
		rt_http_set_header(res, "Cache-Control", "no-cache");
}

/* Runs the handler, or answers from the worker's cache when the request is
 * a GET under /api/ and nothing has been committed since it was cached.
 * *hit gets the cache entry the response came from or went into. */
static int run_handler(struct worker *w, rt_http_handler fn, struct rt_http_ctx *ctx,
                       const struct rt_http_request *req, struct rt_http_response *res,
                       struct rt_http_cache_entry **hit)
{
	uint64_t stamp = 0;
	bool cacheable = (!strcmp(req->method, "GET") || !strcmp(req->method, "HEAD")) &&
	                 !strncmp(req->path, "/api/", 5) &&
	                 rt_store_change_stamp(ctx->store, &stamp, NULL) == 0;
	rt_buf key = RT_BUF_INIT;
	if (cacheable) {
		rt_http_cache_key(&key, req);
		*hit = rt_http_cache_get(w->cache, key.buf, stamp, res);
		if (*hit) {
			rt_buf_release(&key);
			return 0;
		}
	}
	int rc = fn(ctx, req, res);
	if (rc == 0) {
		if (!res->status)
			res->status = 200;
		if (!res->content_type)
			res->content_type = RT_HTTP_JSON;
		set_etag(res);
		if (cacheable && res->status == 200)
			*hit = rt_http_cache_put(w->cache, key.buf, stamp, res);
	}
	rt_buf_release(&key);
	return rc;
}

/* Authorises the routed request and runs its handler. */
static void run_route(struct rt_http_server *srv, struct worker *w, struct rt_http_ctx *ctx,
                      const struct rt_http_request *req, struct rt_http_response *res,
                      const struct rt_http_route *route, struct rt_http_cache_entry **hit)
{
	if (!rt_http_auth(ctx, req, route, res))
		return;
	if (ctx->principal->authenticated)
		ctx->actor = ctx->principal->name;
	if (srv->test_delay) {
		const char *d = rt_http_header(req, "X-Test-Delay-Ms");
		long ms = d ? strtol(d, NULL, 10) : 0;
		if (ms > 0 && ms <= 10000) {
			struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
			nanosleep(&ts, NULL);
		}
	}
	int rc = run_handler(w, route->fn, ctx, req, res, hit);
	/* The principal lives in the request's arena: the store must not keep it. */
	rt_store_set_principal(ctx->store, NULL);
	if (rc != 0) {
		fprintf(stderr, "rodtrad serve: %s %s: internt fel (%s)\n", req->method, req->path,
		        rt_code_name(rc));
		rt_http_response_release(res);
		rt_http_error(ctx, req, res, 500, "internal", "Ett internt fel inträffade.");
	}
}

static void dispatch(struct rt_http_server *srv, struct worker *w, struct rt_http_ctx *ctx,
                     struct rt_http_request *req, struct rt_http_response *res,
                     const struct request_state *st, struct rt_http_cache_entry **hit)
{
	if (st->too_large) {
		char size[32], msg[200];
		rt_http_size_text(size, sizeof(size), st->limit);
		if (st->upload)
			snprintf(msg, sizeof(msg), "Filen är för stor: högst %s kan laddas upp (servern "
			         "startas med --max-body för en annan gräns).", size);
		else
			snprintf(msg, sizeof(msg), "Begäran är för stor: högst %s.", size);
		rt_http_error(ctx, req, res, 413, "too_large", msg);
		return;
	}
	if (!rt_http_path_ok(req->path)) {
		rt_http_error(ctx, req, res, 400, "bad_path", "Ogiltig sökväg.");
		return;
	}
	for (size_t i = 0; i < req->n_query; i++) {
		if (!rt_http_utf8_ok(req->query[i].value, strlen(req->query[i].value)) ||
		    !rt_http_utf8_ok(req->query[i].name, strlen(req->query[i].name))) {
			rt_http_error(ctx, req, res, 400, "bad_encoding",
			              "Frågeparametrarna är inte giltig UTF-8.");
			return;
		}
	}
	int status = 0;
	rt_buf allow = RT_BUF_INIT;
	const struct rt_http_route *route = rt_http_route_find(req, &status, &allow);
	if (!route) {
		if (status == 405) {
			rt_http_error(ctx, req, res, 405, "method_not_allowed",
			              "Metoden är inte tillåten för den här adressen.");
			rt_http_set_header(res, "Allow", allow.buf);
		} else {
			rt_http_error(ctx, req, res, 404, "not_found", "Sidan finns inte.");
		}
		rt_buf_release(&allow);
		return;
	}
	rt_buf_release(&allow);
	if (!ctx->store) {
		rt_http_error(ctx, req, res, 503, "unavailable", "Databasen kan inte öppnas just nu.");
		return;
	}
	/* A read's half a dozen lookups (API key, user, roles, owner, cache
	 * stamp …) and its handler in one read transaction: one shared lock
	 * per request instead of one per statement. Without it (it failed)
	 * each statement runs on its own, as before. */
	bool read_tx = (!strcmp(req->method, "GET") || !strcmp(req->method, "HEAD")) &&
	               rt_store_read_begin(ctx->store, NULL) == 0;
	run_route(srv, w, ctx, req, res, route, hit);
	if (read_tx)
		rt_store_read_end(ctx->store);
}

/* ETag/304 and gzip, then libmicrohttpd's response. */
static enum MHD_Result send_response(struct rt_http_server *srv, struct MHD_Connection *conn,
                                     const struct rt_http_request *req,
                                     struct rt_http_response *res,
                                     struct rt_http_cache_entry *hit, const struct timespec *t0)
{
	if (!res->status)
		res->status = 200;
	if (!res->content_type)
		res->content_type = RT_HTTP_JSON;
	set_etag(res);
	if (res->etag && res->status == 200) {
		if (rt_http_etag_matches(rt_http_header(req, "If-None-Match"),
		                         rt_http_res_header(res, "ETag"))) {
			res->status = 304;
			rt_buf_reset(&res->body);
		}
	}
	bool gz = res->status != 304 &&
	          rt_http_want_gzip(rt_http_header(req, "Accept-Encoding"), res->content_type,
	                            res->body.len);
	if (gz) {
		rt_buf z = RT_BUF_INIT;
		const rt_buf *cached = hit ? rt_http_cache_gzip(hit) : NULL;
		if (cached)
			rt_buf_add(&z, cached->buf, cached->len);
		if (cached || rt_http_gzip(&res->body, &z) == 0) {
			rt_buf_release(&res->body);
			res->body = z;
			rt_http_set_header(res, "Content-Encoding", "gzip");
			const char *tag = rt_http_res_header(res, "ETag");
			if (tag && strlen(tag) >= 2) {
				/* a different representation, a different strong tag */
				char gtag[32];
				snprintf(gtag, sizeof(gtag), "%.*s-gz\"", (int)strlen(tag) - 1, tag);
				rt_http_set_header(res, "ETag", gtag);
			}
		} else {
			rt_buf_release(&z);
		}
	}
	if (rt_http_want_gzip("gzip", res->content_type, 1024))
		rt_http_set_header(res, "Vary", "Accept-Encoding");
	size_t len = res->body.len;
	char *data = rt_buf_detach(&res->body, NULL);
	struct MHD_Response *r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(data);
		return MHD_NO;
	}
	if (res->status != 304)
		MHD_add_response_header(r, "Content-Type", res->content_type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	if (srv->tls)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	for (size_t i = 0; i < res->n_headers; i++)
		MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
	enum MHD_Result ok = MHD_queue_response(conn, (unsigned)res->status, r);
	MHD_destroy_response(r);
	access_log(srv, req->method, req->path, res->status, len, t0);
	return ok;
}

static enum MHD_Result answer(struct rt_http_server *srv, struct MHD_Connection *conn,
                              const char *url, const char *method, struct request_state *st)
{
	rt_arena arena = RT_ARENA_INIT;
	struct rt_http_request req;
	memset(&req, 0, sizeof(req));
	build_request(&req, &arena, conn, method, url, st);
	struct worker *w = thread_worker(srv);
	struct rt_http_ctx ctx = { w ? w->store : NULL, &arena, "webb", srv->db_path, NULL, "",
	                           srv->tls };
	struct rt_http_response res;
	memset(&res, 0, sizeof(res));
	res.body = (rt_buf)RT_BUF_INIT;
	struct rt_http_cache_entry *hit = NULL;
	dispatch(srv, w, &ctx, &req, &res, st, &hit);
	enum MHD_Result ok = send_response(srv, conn, &req, &res, hit, &st->start);
	rt_http_response_release(&res);
	rt_arena_release(&arena);
	st->answered = true;
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
	(void)version;
	struct rt_http_server *srv = cls;
	struct request_state *st = *con_cls;
	if (!st) {
		st = rt_xcalloc(1, sizeof(*st));
		clock_gettime(CLOCK_MONOTONIC, &st->start);
		st->body = (rt_buf)RT_BUF_INIT;
		*con_cls = st;
		pthread_mutex_lock(&srv->mu);
		srv->inflight++;
		pthread_mutex_unlock(&srv->mu);
		/* The upload route may take more than the rest (rodtrad serve --max-body). */
		st->upload = !strcmp(method, "POST") && !strcmp(url, "/import");
		st->limit = st->upload ? srv->max_upload : srv->max_body;
		/* Refuse an announced oversized body before reading it. */
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > st->limit) {
			st->too_large = true;
			return answer(srv, conn, url, method, st);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!st->too_large && st->body.len + *upload_data_size <= st->limit)
			rt_buf_add(&st->body, upload_data, *upload_data_size);
		else
			st->too_large = true;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (st->answered)
		return MHD_YES;
	return answer(srv, conn, url, method, st);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)conn;
	(void)toe;
	struct rt_http_server *srv = cls;
	struct request_state *st = *con_cls;
	if (!st)
		return;
	rt_buf_release(&st->body);
	free(st);
	*con_cls = NULL;
	pthread_mutex_lock(&srv->mu);
	if (--srv->inflight == 0)
		pthread_cond_broadcast(&srv->idle);
	pthread_mutex_unlock(&srv->mu);
}

/* libmicrohttpd's percent-decoding of the path and query, except that %00
 * becomes 0x01: a NUL would cut "/x%00y" short to "/x" unseen, while a
 * control character is refused by rt_http_path_ok. */
static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	(void)cls;
	(void)conn;
	char *o = s;
	for (const char *p = s; *p; p++) {
		if (p[0] == '%' && rt_http_hexval(p[1]) >= 0 && rt_http_hexval(p[2]) >= 0) {
			char c = (char)(rt_http_hexval(p[1]) * 16 + rt_http_hexval(p[2]));
			*o++ = c ? c : 0x01;
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return (size_t)(o - s);
}

/* "127.0.0.1:8080", "localhost:0", "[::1]:8080". */
static int parse_listen(const char *listen, struct sockaddr_storage *ss, bool *v6, rt_err *err)
{
	const char *colon = strrchr(listen, ':');
	if (!colon || !colon[1])
		return rt_err_set(err, RT_EINVAL, "listen",
		                  "Ogiltig adress '%s': ange VÄRD:PORT, t.ex. 127.0.0.1:8080", listen);
	char *end = NULL;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return rt_err_set(err, RT_EINVAL, "listen", "Ogiltig port i '%s'", listen);
	char host[64];
	size_t hl = (size_t)(colon - listen);
	if (hl >= sizeof(host))
		return rt_err_set(err, RT_EINVAL, "listen", "Ogiltig adress '%s'", listen);
	memcpy(host, listen, hl);
	host[hl] = '\0';
	memset(ss, 0, sizeof(*ss));
	if (!strcmp(host, "localhost") || !hl)
		strcpy(host, hl ? "127.0.0.1" : "0.0.0.0");
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	if (host[0] == '[' && hl >= 2 && host[hl - 1] == ']') {
		host[hl - 1] = '\0';
		if (inet_pton(AF_INET6, host + 1, &in6->sin6_addr) != 1)
			return rt_err_set(err, RT_EINVAL, "listen", "Ogiltig adress '%s'", listen);
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*v6 = true;
		return 0;
	}
	if (inet_pton(AF_INET, host, &in4->sin_addr) != 1)
		return rt_err_set(err, RT_EINVAL, "listen", "Ogiltig adress '%s'", listen);
	in4->sin_family = AF_INET;
	in4->sin_port = htons((uint16_t)port);
	*v6 = false;
	return 0;
}

int rt_http_start(struct rt_http_server **out, const struct rt_http_config *cfg, rt_err *err)
{
	*out = NULL;
	struct sockaddr_storage ss;
	bool v6 = false;
	int rc = parse_listen(cfg->listen ? cfg->listen : "127.0.0.1:8080", &ss, &v6, err);
	if (rc)
		return rc;
	char *cert = NULL, *key = NULL;
	if (cfg->tls_cert || cfg->tls_key) {
		if (!cfg->tls_cert || !cfg->tls_key)
			return rt_err_set(err, RT_EINVAL, "tls", "Ange både --tls-cert och --tls-key");
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
			return rt_err_set(err, RT_EINVAL, "tls", "Den här libmicrohttpd är byggd utan "
			                  "TLS; servern kan inte köra HTTPS");
		if ((rc = rt_http_tls_load(cfg->tls_cert, cfg->tls_key, &cert, &key, err)) != 0)
			return rc;
	}
	/* Fail early and clearly on a missing or foreign database; the
	 * connection is kept for the first worker thread (a faster first
	 * request). */
	rt_store *probe = NULL;
	rc = rt_store_open(&probe, cfg->db_path, RT_STORE_OPEN_EXISTING, err);
	if (rc) {
		free(cert);
		free(key);
		return rc;
	}

	struct rt_http_server *srv = rt_xcalloc(1, sizeof(*srv));
	srv->db_path = rt_xstrdup(cfg->db_path);
	srv->spare = probe;
	srv->max_upload = cfg->max_upload ? cfg->max_upload : 64 * 1024 * 1024;
	srv->max_body = cfg->max_body ? cfg->max_body : 1024 * 1024;
	if (srv->max_body > srv->max_upload)
		srv->max_body = srv->max_upload;
	srv->quiet = cfg->quiet;
	srv->tls = cert != NULL;
	srv->tls_cert = cert;
	srv->tls_key = key;
	const char *td = getenv("RODTRAD_HTTP_TEST_DELAY");
	srv->test_delay = td && *td == '1';
	pthread_mutex_init(&srv->mu, NULL);
	pthread_cond_init(&srv->idle, NULL);
	pthread_key_create(&srv->key, NULL);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
	                 MHD_USE_TURBO | (v6 ? MHD_USE_IPv6 : 0) | (srv->tls ? MHD_USE_TLS : 0);
	/* The certificate and key, or (without TLS) an empty option array. */
	struct MHD_OptionItem tls_opts[] = {
		{ srv->tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, srv->tls_cert },
		{ MHD_OPTION_HTTPS_MEM_KEY, 0, srv->tls_key },
		{ MHD_OPTION_END, 0, NULL },
	};
	srv->daemon = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, srv,
		MHD_OPTION_ARRAY, tls_opts,
		MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads ? cfg->threads : 4),
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(cfg->timeout_s ? cfg->timeout_s : 30),
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)1024,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
		MHD_OPTION_END);
	if (!srv->daemon) {
		int e = errno;
		rt_http_stop(srv);
		return rt_err_set(err, RT_EIO, "listen", "Kunde inte lyssna på %s: %s",
		                  cfg->listen ? cfg->listen : "127.0.0.1:8080", strerror(e));
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : 0;
	*out = srv;
	return 0;
}

uint16_t rt_http_port(const struct rt_http_server *srv)
{
	return srv->port;
}

void rt_http_stop(struct rt_http_server *srv)
{
	if (!srv)
		return;
	if (srv->daemon) {
		MHD_socket fd = MHD_quiesce_daemon(srv->daemon);
		/* Requests in flight finish (at most 30 s) before the threads go. */
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 30;
		pthread_mutex_lock(&srv->mu);
		while (srv->inflight > 0)
			if (pthread_cond_timedwait(&srv->idle, &srv->mu, &until) == ETIMEDOUT)
				break;
		pthread_mutex_unlock(&srv->mu);
		MHD_stop_daemon(srv->daemon);
		if (fd != MHD_INVALID_SOCKET)
			close(fd);
	}
	for (struct worker *w = srv->workers, *next; w; w = next) {
		next = w->next;
		rt_store_close(w->store);
		rt_http_cache_free(w->cache);
		free(w);
	}
	if (srv->spare)
		rt_store_close(srv->spare);
	pthread_key_delete(srv->key);
	pthread_cond_destroy(&srv->idle);
	pthread_mutex_destroy(&srv->mu);
	free(srv->db_path);
	free(srv->tls_cert);
	free(srv->tls_key);
	free(srv);
}
