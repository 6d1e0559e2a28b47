/* Internal to the plan-document importer (plan_json.c: document, org units,
 * periods, plans, budget; plan_json_goals.c: goals and everything under
 * them; plan_json_read.c: the helpers declared here). The importer walks the jansson tree and writes as it goes, inside
 * the caller's transaction; the first error stops it and the caller rolls
 * back. Every message starts with "SOURCE: JSON.PATH: ". */
#ifndef RT_INGEST_PLAN_JSON_INT_H
#define RT_INGEST_PLAN_JSON_INT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#include "core/plan_doc.h"
#include "ingest/plan_json.h"
#include "util/arena.h"
#include "util/buf.h"

/* A link that names an object defined later in the document: written with
 * 0 first and set in a second pass, once everything is inserted. */
enum rt_imp_link_kind { RT_LINK_PARENT_PLAN, RT_LINK_SERVES, RT_LINK_ORIGIN_PLAN };

struct rt_imp_link {
	enum rt_imp_link_kind kind;
	void *obj;                 /* struct rt_plan / rt_goal / rt_activity (arena) */
	const char *key;
	const char *path;          /* JSON path of the field, for messages */
};

struct rt_imp {
	rt_store *s;
	const char *source;
	rt_err *err;
	struct rt_import_stats stats;   /* added to the caller's on success */
	rt_arena arena;                 /* every struct written lives here until the end */
	rt_buf path;                    /* JSON path of the object being read */
	/* keys of plans and goals anywhere in the document (forward references) */
	const char **plan_keys, **goal_keys;
	size_t n_plan_keys, cap_plan_keys, n_goal_keys, cap_goal_keys;
	struct rt_imp_link *links;
	size_t n_links, cap_links;
	/* the plan being read: goal keys are generated from its key */
	const struct rt_plan *plan;
	int goal_counter;
};

/* Errors: "SOURCE: PATH.FIELD: message". field may be NULL. */
int rt_imp_fail(struct rt_imp *im, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Wraps an error of the core or the store; uses inner->field when field is NULL. */
int rt_imp_wrap(struct rt_imp *im, const char *field, const rt_err *inner);

/* Path: push returns the old length to pop back to. */
size_t rt_imp_push(struct rt_imp *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rt_imp_pop(struct rt_imp *im, size_t mark);

/* The object at the current path; every member must be in `allowed`
 * (NULL-terminated). */
int rt_imp_object(struct rt_imp *im, json_t *j, const char *const *allowed);

/* Members. Absent (or null) optional members leave *out untouched (strings:
 * NULL). Strings are copied into the arena. */
int rt_imp_str(struct rt_imp *im, json_t *obj, const char *name, bool required, char **out);
/* An optional key: absent is fine (one is generated), "" is not. */
int rt_imp_key(struct rt_imp *im, json_t *obj, char **out);
int rt_imp_int(struct rt_imp *im, json_t *obj, const char *name, bool required, int *out);
int rt_imp_bool(struct rt_imp *im, json_t *obj, const char *name, bool *out);
int rt_imp_array(struct rt_imp *im, json_t *obj, const char *name, json_t **out);
int rt_imp_date(struct rt_imp *im, json_t *obj, const char *name, bool required, char **out);

/* Calls fn for each element of the array member `name` of obj (absent is
 * empty), with the path at "name[i]"; stops at the first error. */
typedef int rt_imp_each_fn(struct rt_imp *im, json_t *it, void *ctx, int pos);
int rt_imp_each(struct rt_imp *im, json_t *obj, const char *name, rt_imp_each_fn *fn, void *ctx);

/* Resolves a key already in the store (this document's objects are in it
 * too, in the same transaction). RT_ENOTFOUND with a message naming `field`
 * when absent; *found (may be NULL) lets the caller try a forward reference
 * instead of failing. */
int rt_imp_find(struct rt_imp *im, const char *table, const char *key, const char *field,
                int64_t *id, bool *found);
bool rt_imp_defined_later(const char *const *keys, size_t n, const char *key);
void rt_imp_defer(struct rt_imp *im, enum rt_imp_link_kind kind, void *obj, const char *key,
                  const char *field);

/* Org unit key in `field` of obj → id; 0 when absent. */
int rt_imp_org_ref(struct rt_imp *im, json_t *obj, const char *field, int64_t *id);

/* plan_json_goals.c: the goals array of a plan (or children of a goal). */
int rt_imp_goals(struct rt_imp *im, json_t *arr, int64_t parent_id);

#endif
