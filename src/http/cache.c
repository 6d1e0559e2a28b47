/* A small response cache per worker thread for GET /api/…: the plan tree,
 * reports and lists are rebuilt from the database on every request, which
 * costs milliseconds; the same bytes can be sent again as long as the
 * store's change stamp (rt_store_change_stamp: any commit by any
 * connection or process) has not moved. Each worker thread owns its cache,
 * so there is no lock; entries are replaced round-robin. The gzip'ed body
 * is made once, on the first request that asks for it. */
#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"

#define CACHE_SLOTS 32
#define CACHE_MAX_BODY (8u * 1024 * 1024)

struct rt_http_cache_entry {
	char *key;
	uint64_t stamp;
	struct rt_http_response res;   /* a deep copy */
	rt_buf gz;                     /* empty until first asked for */
	bool gz_failed;
};

struct rt_http_cache {
	struct rt_http_cache_entry slots[CACHE_SLOTS];
	size_t next;
};

struct rt_http_cache *rt_http_cache_new(void)
{
	struct rt_http_cache *c = rt_xcalloc(1, sizeof(*c));
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		c->slots[i].res.body = (rt_buf)RT_BUF_INIT;
		c->slots[i].gz = (rt_buf)RT_BUF_INIT;
	}
	return c;
}

static void entry_clear(struct rt_http_cache_entry *e)
{
	free(e->key);
	e->key = NULL;
	rt_http_response_release(&e->res);
	free((char *)e->res.content_type);
	e->res.content_type = NULL;
	rt_buf_release(&e->gz);
	e->gz_failed = false;
}

void rt_http_cache_free(struct rt_http_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < CACHE_SLOTS; i++)
		entry_clear(&c->slots[i]);
	free(c);
}

/* Copies status, type, headers and body; `owned_type` copies the type too. */
static void copy_response(struct rt_http_response *dst, const struct rt_http_response *src,
                          bool owned_type)
{
	dst->status = src->status;
	dst->etag = src->etag;
	dst->content_type = owned_type ? rt_xstrdup(src->content_type) : src->content_type;
	rt_buf_reset(&dst->body);
	rt_buf_add(&dst->body, src->body.buf, src->body.len);
	for (size_t i = 0; i < src->n_headers; i++)
		rt_http_set_header(dst, src->headers[i].name, src->headers[i].value);
}

void rt_http_cache_key(rt_buf *key, const struct rt_http_request *req)
{
	rt_buf_addstr(key, req->path);
	for (size_t i = 0; i < req->n_query; i++) {
		/* \x1f cannot come from a valid query: it separates unambiguously */
		rt_buf_addch(key, '\x1f');
		rt_buf_addstr(key, req->query[i].name);
		rt_buf_addch(key, '=');
		rt_buf_addstr(key, req->query[i].value);
	}
}

struct rt_http_cache_entry *rt_http_cache_get(struct rt_http_cache *c, const char *key,
                                              uint64_t stamp, struct rt_http_response *res)
{
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		struct rt_http_cache_entry *e = &c->slots[i];
		if (!e->key || strcmp(e->key, key))
			continue;
		if (e->stamp != stamp) {
			entry_clear(e);
			return NULL;
		}
		copy_response(res, &e->res, false);
		return e;
	}
	return NULL;
}

struct rt_http_cache_entry *rt_http_cache_put(struct rt_http_cache *c, const char *key,
                                              uint64_t stamp, const struct rt_http_response *res)
{
	if (res->body.len > CACHE_MAX_BODY)
		return NULL;
	struct rt_http_cache_entry *e = NULL;
	for (size_t i = 0; i < CACHE_SLOTS && !e; i++)
		if (c->slots[i].key && !strcmp(c->slots[i].key, key))
			e = &c->slots[i];
	if (!e) {
		e = &c->slots[c->next];
		c->next = (c->next + 1) % CACHE_SLOTS;
	}
	entry_clear(e);
	e->key = rt_xstrdup(key);
	e->stamp = stamp;
	copy_response(&e->res, res, true);
	return e;
}

const rt_buf *rt_http_cache_gzip(struct rt_http_cache_entry *e)
{
	if (!e->gz.len && !e->gz_failed && rt_http_gzip(&e->res.body, &e->gz) != 0)
		e->gz_failed = true;
	return e->gz_failed ? NULL : &e->gz;
}
