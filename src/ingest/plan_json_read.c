/* The plan-document importer's shared helpers: error messages that name
 * the source and the JSON path, the path stack, typed member access with
 * Swedish messages, ISO date checks and key resolution through the store
 * (see plan_json_int.h). Used by plan_json.c and plan_json_goals.c only. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/plan_json_int.h"

/* ---- errors and paths ------------------------------------------------ */

static void where(struct rt_imp *im, rt_buf *b, const char *field)
{
	rt_buf_addf(b, "%s: ", im->source);
	if (im->path.len || field) {
		rt_buf_addstr(b, im->path.buf);
		if (field)
			rt_buf_addf(b, "%s%s", im->path.len ? "." : "", field);
		rt_buf_addstr(b, ": ");
	}
}

static int fail_msg(struct rt_imp *im, int code, const char *field, const char *msg)
{
	rt_buf b = RT_BUF_INIT, f = RT_BUF_INIT;
	where(im, &b, field);
	rt_buf_addstr(&b, msg);
	rt_buf_addstr(&f, im->path.buf);
	if (field)
		rt_buf_addf(&f, "%s%s", im->path.len ? "." : "", field);
	rt_err_set(im->err, code, f.buf, "%s", b.buf);
	rt_buf_release(&b);
	rt_buf_release(&f);
	return code;
}

int rt_imp_fail(struct rt_imp *im, int code, const char *field, const char *fmt, ...)
{
	char msg[sizeof(im->err->msg)];   /* the message cannot be longer than rt_err's */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return fail_msg(im, code, field, msg);
}

int rt_imp_wrap(struct rt_imp *im, const char *field, const rt_err *inner)
{
	char copy[sizeof(inner->msg)], fcopy[sizeof(inner->field)];
	snprintf(copy, sizeof(copy), "%s", inner->msg[0] ? inner->msg : "okänt fel");
	snprintf(fcopy, sizeof(fcopy), "%s", inner->field);
	int code = inner->code ? inner->code : RT_EINVAL;
	return fail_msg(im, code, field ? field : (fcopy[0] ? fcopy : NULL), copy);
}

size_t rt_imp_push(struct rt_imp *im, const char *fmt, ...)
{
	size_t mark = im->path.len;
	char part[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(part, sizeof(part), fmt, ap);
	va_end(ap);
	if (mark && part[0] != '[')
		rt_buf_addch(&im->path, '.');
	rt_buf_addstr(&im->path, part);
	return mark;
}

void rt_imp_pop(struct rt_imp *im, size_t mark)
{
	rt_buf_setlen(&im->path, mark);
}

/* ---- members --------------------------------------------------------- */

int rt_imp_object(struct rt_imp *im, json_t *j, const char *const *allowed)
{
	if (!json_is_object(j))
		return rt_imp_fail(im, RT_EINVAL, NULL, "Ska vara ett objekt ({ … })");
	const char *name;
	json_t *v;
	json_object_foreach(j, name, v) {
		bool ok = false;
		for (size_t i = 0; allowed[i] && !ok; i++)
			ok = strcmp(allowed[i], name) == 0;
		if (!ok) {
			rt_err_set(im->err, RT_EINVAL, im->path.buf, "%s: Okänt fält '%s' i %s",
			           im->source, name, im->path.len ? im->path.buf : "dokumentet");
			return RT_EINVAL;
		}
	}
	return 0;
}

static json_t *member(json_t *obj, const char *name)
{
	json_t *v = json_object_get(obj, name);
	return json_is_null(v) ? NULL : v;
}

int rt_imp_str(struct rt_imp *im, json_t *obj, const char *name, bool required, char **out)
{
	json_t *v = member(obj, name);
	if (!v) {
		if (required)
			return rt_imp_fail(im, RT_EINVAL, name, "Fältet saknas");
		return 0;
	}
	if (!json_is_string(v))
		return rt_imp_fail(im, RT_EINVAL, name, "Ska vara en text (\"…\")");
	if (required && json_string_length(v) == 0)
		return rt_imp_fail(im, RT_EINVAL, name, "Får inte vara tomt");
	*out = rt_arena_strndup(&im->arena, json_string_value(v), json_string_length(v));
	return 0;
}

int rt_imp_key(struct rt_imp *im, json_t *obj, char **out)
{
	int rc = rt_imp_str(im, obj, "key", false, out);
	if (rc == 0 && *out && !**out)
		return rt_imp_fail(im, RT_EINVAL, "key", "Får inte vara tomt; utelämna fältet så "
		                   "skapas en nyckel");
	return rc;
}

int rt_imp_int(struct rt_imp *im, json_t *obj, const char *name, bool required, int *out)
{
	json_t *v = member(obj, name);
	if (!v) {
		if (required)
			return rt_imp_fail(im, RT_EINVAL, name, "Fältet saknas");
		return 0;
	}
	if (!json_is_integer(v))
		return rt_imp_fail(im, RT_EINVAL, name, "Ska vara ett heltal");
	json_int_t x = json_integer_value(v);
	if (x < -1000000 || x > 1000000)
		return rt_imp_fail(im, RT_EINVAL, name, "Talet %lld är orimligt stort",
		                   (long long)x);
	*out = (int)x;
	return 0;
}

int rt_imp_bool(struct rt_imp *im, json_t *obj, const char *name, bool *out)
{
	json_t *v = member(obj, name);
	if (!v)
		return 0;
	if (!json_is_boolean(v))
		return rt_imp_fail(im, RT_EINVAL, name, "Ska vara true eller false");
	*out = json_is_true(v);
	return 0;
}

int rt_imp_array(struct rt_imp *im, json_t *obj, const char *name, json_t **out)
{
	json_t *v = member(obj, name);
	*out = NULL;
	if (!v)
		return 0;
	if (!json_is_array(v))
		return rt_imp_fail(im, RT_EINVAL, name, "Ska vara en lista ([ … ])");
	*out = v;
	return 0;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* "YYYY-MM-DD" with a day that exists. */
static bool iso_date_ok(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days[m - 1] + (m == 2 && leap(y));
}

int rt_imp_date(struct rt_imp *im, json_t *obj, const char *name, bool required, char **out)
{
	int rc = rt_imp_str(im, obj, name, required, out);
	if (rc == 0 && *out && !iso_date_ok(*out))
		return rt_imp_fail(im, RT_EINVAL, name,
		                   "Ogiltigt datum '%s' (skriv ÅÅÅÅ-MM-DD, t.ex. 2021-04-30)", *out);
	return rc;
}

/* ---- keys ------------------------------------------------------------ */

static const char *table_noun(const char *table)
{
	if (!strcmp(table, "org_unit")) return "organisationsenhet";
	if (!strcmp(table, "plan")) return "plan";
	if (!strcmp(table, "goal")) return "mål";
	if (!strcmp(table, "indicator")) return "indikator";
	if (!strcmp(table, "activity")) return "aktivitet";
	if (!strcmp(table, "period")) return "period";
	return table;
}

int rt_imp_find(struct rt_imp *im, const char *table, const char *key, const char *field,
                int64_t *id, bool *found)
{
	rt_err e = RT_ERR_INIT;
	*id = 0;
	if (found)
		*found = false;
	int rc = rt_store_find_key(im->s, table, key, id, &e);
	if (rc == 0) {
		if (found)
			*found = true;
		return 0;
	}
	if (rc != RT_ENOTFOUND)
		return rt_imp_wrap(im, field, &e);
	if (found)
		return 0;
	return rt_imp_fail(im, RT_ENOTFOUND, field, "Okänd %s '%s' (finns varken i dokumentet "
	                   "eller i databasen)", table_noun(table), key);
}

bool rt_imp_defined_later(const char *const *keys, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(keys[i], key))
			return true;
	return false;
}

void rt_imp_defer(struct rt_imp *im, enum rt_imp_link_kind kind, void *obj, const char *key,
                  const char *field)
{
	struct rt_imp_link *l = RT_ARENA_PUSH(&im->arena, im->links, im->n_links, im->cap_links);
	l->kind = kind;
	l->obj = obj;
	l->key = key;
	l->path = rt_arena_sprintf(&im->arena, "%s%s%s", im->path.buf, im->path.len ? "." : "",
	                           field);
}

int rt_imp_org_ref(struct rt_imp *im, json_t *obj, const char *field, int64_t *id)
{
	char *key = NULL;
	int rc = rt_imp_str(im, obj, field, false, &key);
	*id = 0;
	if (rc || !key)
		return rc;
	return rt_imp_find(im, "org_unit", key, field, id, NULL);
}

int rt_imp_each(struct rt_imp *im, json_t *obj, const char *name, rt_imp_each_fn *fn, void *ctx)
{
	json_t *arr, *it;
	size_t i;
	int rc = rt_imp_array(im, obj, name, &arr);
	if (rc || !arr)
		return rc;
	json_array_foreach(arr, i, it) {
		size_t mark = rt_imp_push(im, "%s[%zu]", name, i);
		if ((rc = fn(im, it, ctx, (int)i)))
			return rc;
		rt_imp_pop(im, mark);
	}
	return 0;
}
