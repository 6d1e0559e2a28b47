/* Optimistic concurrency at the API's edge (issue 8 §1): a read of a plan,
 * goal, indicator, activity, outcome or assessment carries the row's
 * version ("version"; "row_version" for a plan, whose "version" is the
 * decided document's) and a single entity's GET sends it as ETag: "3".
 * A PUT that names the version it started from, in the body or as
 * If-Match, is refused with 409 and the store's Swedish message when the
 * row has moved on (store.h rt_store_expect_version). Without one the
 * write goes through as before. */
#include <stdlib.h>
#include <string.h>

#include "http/api.h"

const char *rt_api_version_key(const char *table)
{
	return table && !strcmp(table, "plan") ? "row_version" : "version";
}

/* "3", W/"3", 3, or the gzip'ed representation's "3-gz": the version. */
static bool parse_if_match(const char *h, int64_t *v)
{
	while (*h == ' ' || *h == '\t')
		h++;
	if (!strncmp(h, "W/", 2))
		h += 2;
	bool quoted = *h == '"';
	if (quoted)
		h++;
	if (*h < '0' || *h > '9')
		return false;
	char *end = NULL;
	long long n = strtoll(h, &end, 10);
	if (!strncmp(end, "-gz", 3))
		end += 3;
	if (quoted && *end++ != '"')
		return false;
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end || n < 0)
		return false;
	*v = (int64_t)n;
	return true;
}

bool rt_api_expected(const struct rt_http_request *req, json_t *body, const char *key,
                     struct rt_http_response *res, bool allow_zero, bool *has, int64_t *version)
{
	*has = false;
	*version = 0;
	const char *h = rt_http_header(req, "If-Match");
	int64_t hv = 0;
	if (h && strcmp(h, "*") != 0) {   /* "*": any version, i.e. no check */
		if (!parse_if_match(h, &hv) || (hv == 0 && !allow_zero)) {
			rt_api_fail(res, 400, "invalid", "If-Match",
			            "If-Match ska vara versionen som GET gav som ETag, t.ex. \"3\".");
			return false;
		}
		*has = true;
		*version = hv;
	}
	json_t *j = body ? json_object_get(body, key) : NULL;
	if (j && !json_is_null(j)) {
		json_int_t bv = json_is_integer(j) ? json_integer_value(j) : -1;
		if (bv < 0 || (bv == 0 && !allow_zero)) {
			rt_api_fail(res, 400, "invalid", key,
			            "Versionen ska vara ett heltal, den som läsningen gav.");
			return false;
		}
		if (*has && hv != (int64_t)bv) {
			rt_api_fail(res, 400, "invalid", key, "If-Match och versionen i kroppen skiljer sig.");
			return false;
		}
		*has = true;
		*version = (int64_t)bv;
	}
	return true;
}

void rt_api_version_out(struct rt_http_response *res, json_t *j, const char *table,
                        int64_t version, bool etag)
{
	json_object_set_new(j, rt_api_version_key(table), json_integer((json_int_t)version));
	if (etag && res) {
		char tag[32];
		snprintf(tag, sizeof(tag), "\"%lld\"", (long long)version);
		rt_http_set_header(res, "ETag", tag);
	}
}

bool rt_api_row_version(struct rt_http_ctx *ctx, struct rt_http_response *res, const char *table,
                        int64_t id, int64_t *version)
{
	rt_err err = RT_ERR_INIT;
	if (rt_store_row_version(ctx->store, table, id, version, &err) != 0) {
		rt_api_err(res, &err);
		return false;
	}
	return true;
}

struct rt_api_versions rt_api_versions_read(struct rt_http_ctx *ctx, const char *table,
                                            int64_t parent_id)
{
	struct rt_api_versions v = { NULL, 0 };
	/* on an error the rows go out without versions; the entity's own GET
	 * still has its version (and answers the error) */
	rt_store_child_versions(ctx->store, ctx->arena, table, parent_id, &v.rows, &v.n, NULL);
	return v;
}

void rt_api_versions_add(json_t *arr, struct rt_api_versions v)
{
	size_t i;
	json_t *item;
	json_array_foreach(arr, i, item) {
		json_t *id = json_object_get(item, "id");
		if (!json_is_integer(id))
			continue;
		/* the rows are by id (a plan's tree can hold thousands of goals);
		 * a row added after the versions were read has none: GET it alone */
		int64_t want = (int64_t)json_integer_value(id);
		size_t lo = 0, hi = v.n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (v.rows[mid].id < want)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < v.n && v.rows[lo].id == want)
			json_object_set_new(item, "version", json_integer((json_int_t)v.rows[lo].version));
		/* a plan's goal tree: subgoals under "children", same table */
		json_t *children = json_object_get(item, "children");
		if (json_is_array(children))
			rt_api_versions_add(children, v);
	}
}

bool rt_api_write_versioned(struct rt_http_ctx *ctx, struct rt_http_response *res,
                            int (*write)(rt_store *s, void *obj, rt_err *err), void *obj,
                            const char *table, bool has, int64_t expected, int64_t *after)
{
	rt_err err = RT_ERR_INIT;
	int64_t id = *(const int64_t *)obj;
	int rc = rt_store_begin(ctx->store, ctx->actor, &err);
	if (!rc && has && id)
		rc = rt_store_expect_version(ctx->store, table, id, expected, &err);
	if (!rc)
		rc = write(ctx->store, obj, &err);
	/* the version this write made, read before anyone else can move it */
	if (!rc)
		rc = rt_store_row_version(ctx->store, table, *(const int64_t *)obj, after, &err);
	if (!rc)
		rc = rt_store_commit(ctx->store, &err);
	else
		rt_store_rollback(ctx->store);
	if (rc) {
		rt_api_err(res, &err);
		return false;
	}
	return true;
}
