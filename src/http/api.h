/* Shared plumbing of the JSON API handlers (api_*.c): answering with a
 * jansson value, error bodies, reading path ids and request bodies with
 * strict checks (content type, UTF-8, unknown fields). Internal to src/http. */
#ifndef RT_HTTP_API_H
#define RT_HTTP_API_H
#include <jansson.h>

#include "core/finding.h"
#include "core/plan_doc.h"

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

/* ---- api_json.c: domain structs as the API's JSON ----
 * The first six take their struct as const void * so they serve as the
 * to_json of a struct rt_api_entity and of rt_api_array. */
json_t *rt_api_org_json(const void *obj);         /* struct rt_org_unit */
json_t *rt_api_plan_json(const void *obj);        /* struct rt_plan */
json_t *rt_api_goal_json(const void *obj);        /* struct rt_goal */
json_t *rt_api_indicator_json(const void *obj);   /* struct rt_indicator */
json_t *rt_api_activity_json(const void *obj);    /* struct rt_activity */
json_t *rt_api_period_json(const void *obj);      /* struct rt_period */
json_t *rt_api_target_json(const struct rt_target *t);
json_t *rt_api_baseline_json(const struct rt_baseline *b);
/* period_key may be NULL (then omitted). */
json_t *rt_api_outcome_json(const struct rt_outcome *o, const char *period_key);
json_t *rt_api_assessment_json(const struct rt_assessment *a, const char *period_key);
json_t *rt_api_finding_json(const struct rt_finding *f);
/* The whole plan: the plan, owner, change log, and the goal tree with each
 * goal's indicators (targets, baselines) and activities nested. */
json_t *rt_api_plan_tree_json(const struct rt_plan_doc *doc);
/* One indicator with its targets and baselines from its plan document. */
json_t *rt_api_indicator_full_json(const struct rt_plan_doc *doc, const struct rt_indicator *ind);

/* ---- api_input.c: reading a request object into a struct ----
 * Each reader takes the field if present (absent: the struct keeps its
 * value, so PUT is a partial update), and on a wrong JSON type answers 400
 * with the field named. After the readers, `in.failed` tells whether the
 * response is already an error. Strings are copied into `a`. */
struct rt_api_in {
	json_t *obj;
	rt_arena *a;
	struct rt_http_response *res;
	bool failed;
};
void rt_api_in_str(struct rt_api_in *in, const char *key, char **dst);
void rt_api_in_int(struct rt_api_in *in, const char *key, int *dst);
void rt_api_in_id(struct rt_api_in *in, const char *key, int64_t *dst);  /* null → 0 */
void rt_api_in_bool(struct rt_api_in *in, const char *key, bool *dst);
/* A token field parsed by `parse` (e.g. rt_plan_kind_parse via a cast-free
 * wrapper): returns the string when present and well-typed, else NULL. */
const char *rt_api_in_token(struct rt_api_in *in, const char *key);
/* Answers an rt_err from a parse/check as 422 unless already failed; sets
 * failed. Returns false (for `if (!rt_api_in_ok(...))`). */
bool rt_api_in_check(struct rt_api_in *in, int rc, const rt_err *err);

/* ---- resolving path parameters ---- */
/* {period}: an id or a key like "2021-T1". 404 answered on failure. */
bool rt_api_period(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                   struct rt_http_response *res, struct rt_period *out);
/* Loads the plan document that holds goal / indicator `id` (404 answered). */
bool rt_api_doc_of_goal(struct rt_http_ctx *ctx, struct rt_http_response *res, int64_t goal_id,
                        struct rt_plan_doc *doc);
bool rt_api_doc_of_indicator(struct rt_http_ctx *ctx, struct rt_http_response *res,
                             int64_t indicator_id, struct rt_plan_doc *doc,
                             const struct rt_indicator **ind);

/* ---- api_crud.c: the create and update step ---- */

/* Is the plan still open for structural edits (draft, for decision)?
 * Otherwise answers 409 and returns false. */
bool rt_api_plan_editable(const struct rt_plan *p, struct rt_http_response *res);
/* The same for a plan by id, and for the plan of a goal (404 answered). */
bool rt_api_editable_plan_id(struct rt_http_ctx *ctx, struct rt_http_response *res,
                             int64_t plan_id);
bool rt_api_editable_goal_id(struct rt_http_ctx *ctx, struct rt_http_response *res,
                             int64_t goal_id);

/* A writable entity. Its struct starts with `int64_t id` (as every domain
 * struct does). */
struct rt_api_entity {
	size_t size;
	const char *const *fields;        /* the body's allowed keys */
	int (*get)(rt_store *s, rt_arena *a, int64_t id, void *out, rt_err *err);
	/* NULL, or refuses (answering) a write to obj: a decided plan's parts */
	bool (*editable)(struct rt_http_ctx *ctx, struct rt_http_response *res, const void *obj);
	/* Applies the body over obj and runs the core's checks; false when the
	 * error is answered. On update obj holds the stored row. */
	bool (*from_json)(struct rt_http_ctx *ctx, json_t *body, struct rt_http_response *res,
	                  void *obj, bool update);
	int (*put)(rt_store *s, void *obj, rt_err *err);
	json_t *(*to_json)(const void *obj);
	const char *location;             /* "/api/v1/plans": Location of a new one; may be NULL */
	/* every row, for GET on the collection; may be NULL */
	int (*list)(rt_store *s, rt_arena *a, void **out, size_t *n, rt_err *err);
	/* the store's table when rows carry a version (api_version.c), else NULL */
	const char *table;
};

/* POST: obj holds the defaults and the parent from the path; 201. */
int rt_api_create(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                  struct rt_http_response *res, const struct rt_api_entity *e, void *obj);
/* PUT …/{id}: a partial update of the stored row; 200. */
int rt_api_update(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                  struct rt_http_response *res, const struct rt_api_entity *e);
/* GET …/{id}: the stored row as JSON; 200. */
int rt_api_read(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                struct rt_http_response *res, const struct rt_api_entity *e);
/* GET on the collection: every row as a JSON array; 200. */
int rt_api_list(struct rt_http_ctx *ctx, struct rt_http_response *res,
                const struct rt_api_entity *e);
/* A JSON array of n items of `size` bytes. */
json_t *rt_api_array(const void *items, size_t n, size_t size, json_t *(*to_json)(const void *));

/* Runs `write` between rt_store_begin and commit with the ctx's actor;
 * rolls back and answers the error on failure. Returns true when committed. */
bool rt_api_write(struct rt_http_ctx *ctx, struct rt_http_response *res,
                  int (*write)(rt_store *s, void *obj, rt_err *err), void *obj);

/* ---- api_version.c: optimistic concurrency (issue 8 §1) ---- */

/* The JSON key of a table's row version: "version", "row_version" for a
 * plan (whose "version" is the decided document's). */
const char *rt_api_version_key(const char *table);
/* The version a write starts from: If-Match ("3", W/"3", "3-gz"; "*" is no
 * check) and/or the body's `key`. Neither: *has false. A malformed value,
 * 0 unless allow_zero (outcome, assessment: "none entered yet"), or two
 * different values: 400 answered, false. */
bool rt_api_expected(const struct rt_http_request *req, json_t *body, const char *key,
                     struct rt_http_response *res, bool allow_zero, bool *has, int64_t *version);
/* Sets the version in j under the table's key and, with etag, the ETag
 * header "3" (a single entity's GET and PUT). */
void rt_api_version_out(struct rt_http_response *res, json_t *j, const char *table,
                        int64_t version, bool etag);
/* The stored version; false with the error answered. Read it BEFORE the
 * row (store.h rt_store_row_version). */
bool rt_api_row_version(struct rt_http_ctx *ctx, struct rt_http_response *res, const char *table,
                        int64_t id, int64_t *version);
/* The versions of the rows of `table` under a parent (store.h
 * rt_store_child_versions), read BEFORE the rows; then added as "version"
 * to every object in arr whose "id" is among them, and in the objects of
 * their "children" arrays (a plan's goal tree). */
struct rt_api_versions {
	struct rt_row_version *rows;
	size_t n;
};
struct rt_api_versions rt_api_versions_read(struct rt_http_ctx *ctx, const char *table,
                                            int64_t parent_id);
void rt_api_versions_add(json_t *arr, struct rt_api_versions v);
/* rt_api_write for a row of `table` (its id the struct's first member; 0
 * inserts): with `has`, the update is conditional on `expected` (409 with
 * the store's message otherwise); *after gets the row's version as the
 * write left it, read inside the transaction. */
bool rt_api_write_versioned(struct rt_http_ctx *ctx, struct rt_http_response *res,
                            int (*write)(rt_store *s, void *obj, rt_err *err), void *obj,
                            const char *table, bool has, int64_t expected, int64_t *after);

#endif
