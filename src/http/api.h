/* Shared plumbing of the JSON API handlers (api_*.c): answering with a
 * jansson value, error bodies, reading path ids and request bodies with
 * strict checks (content type, UTF-8, unknown fields). Internal to src/http. */
#ifndef RT_HTTP_API_H
#define RT_HTTP_API_H
#include <jansson.h>

#include "http/http_int.h"

/* Sets a 200 (or `status`) JSON body from v and releases v. Returns 0. */
int rt_api_json(struct rt_http_response *res, int status, json_t *v);
/* An error body from an rt_err: RT_EINVAL → 422 (400 when `bad_request`),
 * RT_ENOTFOUND → 404, RT_ECONFLICT/RT_ESTATE → 409, others 500. Returns 0. */
int rt_api_err(struct rt_http_response *res, const rt_err *err);
int rt_api_fail(struct rt_http_response *res, int status, const char *code, const char *field,
                const char *msg);

/* Path parameter `name` as a positive id; on failure answers 404 and
 * returns false. */
bool rt_api_id(const struct rt_http_request *req, struct rt_http_response *res, const char *name,
               int64_t *id);

/* The JSON object body of a write: checks the content type (415), UTF-8 and
 * syntax (400) and that every key is in `allowed` (NULL-terminated; 400
 * with field = the unknown key). Returns the object (caller decrefs) or
 * NULL with the error answered. */
json_t *rt_api_body(const struct rt_http_request *req, struct rt_http_response *res,
                    const char *const *allowed);

/* json_string or null for NULL. */
json_t *rt_api_str(const char *s);

#endif
