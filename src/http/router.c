/* The router: matches method + path against the API table, then the web
 * table. Patterns are literal segments, "{name}" for one segment and a last
 * "{name*}" for the rest of the path. A path that matches some route but
 * not its method is a 405, and the caller gets the methods it allows. */
#include <string.h>

#include "http/http.h"

/* Length of the segment starting at s (up to '/' or end). */
static size_t seg_len(const char *s)
{
	const char *e = strchr(s, '/');
	return e ? (size_t)(e - s) : strlen(s);
}

/* Matches one route; on success path params are appended to req (names
 * point into static patterns, values are copies in `scratch`). */
static bool match(const char *pattern, const char *path, struct rt_http_request *req,
                  char *scratch, size_t scratch_len)
{
	size_t used = 0;
	req->n_params = 0;
	const char *p = pattern, *s = path;
	for (;;) {
		if (*p == '\0' || *s == '\0')
			return *p == '\0' && *s == '\0';
		if (*p != '/' || *s != '/')
			return false;
		p++, s++;
		size_t pl = seg_len(p), sl = seg_len(s);
		if (pl >= 2 && p[0] == '{' && p[pl - 1] == '}') {
			bool rest = pl >= 3 && p[pl - 2] == '*';
			size_t vl = rest ? strlen(s) : sl;
			size_t nl = pl - 2 - (rest ? 1 : 0);
			if (vl == 0 || req->n_params == RT_HTTP_MAX_PARAMS ||
			    used + nl + vl + 2 > scratch_len)
				return false;
			char *name = scratch + used;
			memcpy(name, p + 1, nl);
			name[nl] = '\0';
			char *val = name + nl + 1;
			memcpy(val, s, vl);
			val[vl] = '\0';
			used += nl + vl + 2;
			req->params[req->n_params].name = name;
			req->params[req->n_params].value = val;
			req->n_params++;
			if (rest)
				return p[pl] == '\0';
		} else if (pl != sl || memcmp(p, s, pl) != 0) {
			return false;
		}
		p += pl, s += sl;
	}
}

/* Param names and values live here until the thread routes its next
 * request: a worker thread handles one request at a time. */
static _Thread_local char route_scratch[4096];

rt_http_handler rt_http_route(struct rt_http_request *req, int *status, rt_buf *allow)
{
	const struct rt_http_route *r = rt_http_route_find(req, status, allow);
	return r ? r->fn : NULL;
}

const struct rt_http_route *rt_http_route_find(struct rt_http_request *req, int *status,
                                               rt_buf *allow)
{
	const struct rt_http_route *tables[] = { rt_routes_api, rt_routes_auth, rt_routes_web };
	const char *method = strcmp(req->method, "HEAD") ? req->method : "GET";
	bool path_known = false;
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		for (const struct rt_http_route *r = tables[t]; r->method; r++) {
			if (!match(r->pattern, req->path, req, route_scratch, sizeof(route_scratch)))
				continue;
			if (!strcmp(r->method, method))
				return r;
			if (!strstr(allow->buf, r->method)) {
				if (allow->len)
					rt_buf_addstr(allow, ", ");
				rt_buf_addstr(allow, r->method);
				if (!strcmp(r->method, "GET"))
					rt_buf_addstr(allow, ", HEAD");
			}
			path_known = true;
		}
	}
	req->n_params = 0;
	*status = path_known ? 405 : 404;
	return NULL;
}
