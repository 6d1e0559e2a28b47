/* Process documents (rodtrad-process/1) into the store; see process_json.h.
 * Every value is checked by the core and the store; the first problem is
 * reported with the document's name and nothing is kept (the caller rolls
 * back). */
#include <jansson.h>
#include <string.h>

#include "ingest/process_json.h"
#include "util/arena.h"

#define FORMAT "rodtrad-process/1"

bool rt_process_json_is(const char *text, size_t len)
{
	/* Cheap and exact enough: the format line is near the top. */
	size_t n = len < 200 ? len : 200;
	for (size_t i = 0; i + sizeof(FORMAT) - 1 <= n; i++)
		if (!memcmp(text + i, FORMAT, sizeof(FORMAT) - 1)) return true;
	return false;
}

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int missing(const char *src, const char *what, rt_err *err)
{
	return rt_err_set(err, RT_EINVAL, what, "%s: '%s' saknas eller har fel typ", src, what);
}

/* The org unit with `key`, created under parent when new. */
static int org(rt_store *s, json_t *o, enum rt_org_kind kind, int64_t parent, int64_t *id,
               struct rt_import_stats *st, rt_err *err)
{
	const char *key = str(o, "key");
	if (!key) return rt_err_set(err, RT_EINVAL, "key", "En organisation saknar nyckel (key)");
	if (rt_store_find_key(s, "org_unit", key, id, NULL) == 0 && *id) return 0;
	struct rt_org_unit u = { 0, parent, kind, (char *)key, (char *)str(o, "name"),
	                         (char *)str(o, "short_name") };
	int rc = rt_store_org_put(s, &u, err);
	if (!rc) {
		*id = u.id;
		if (st) st->org_units++;
	}
	return rc;
}

static int board_id(rt_store *s, const char *src, json_t *o, int64_t *id, rt_err *err)
{
	const char *key = str(o, "board");
	if (!key) return missing(src, "board", err);
	int rc = rt_store_find_key(s, "org_unit", key, id, err);
	if (rc == 0 && !*id)
		rc = rt_err_set(err, RT_ENOTFOUND, "board", "%s: okänd nämnd '%s'", src, key);
	return rc;
}

static int phases_and_events(rt_store *s, const char *src, json_t *root, int64_t cycle,
                             rt_err *err)
{
	json_t *ph = json_object_get(root, "phases"), *v;
	size_t i, n = json_array_size(ph);
	int64_t ids[32] = { 0 };
	if (n > 32) return rt_err_set(err, RT_EINVAL, "phases", "%s: högst 32 faser", src);
	json_array_foreach(ph, i, v) {
		struct rt_process_phase p = { 0, cycle, (int)i + 1, (char *)str(v, "name"),
		                              (char *)str(v, "starts_on"), (char *)str(v, "ends_on"),
		                              (char *)str(v, "owner"), (char *)str(v, "description") };
		int rc = rt_store_process_phase_put(s, &p, err);
		if (rc) return rc;
		ids[i] = p.id;
	}
	json_array_foreach(json_object_get(root, "events"), i, v) {
		struct rt_process_event e = { 0, cycle, 0, RT_EVENT_MILESTONE, (char *)str(v, "title"),
		                              (char *)str(v, "on_date"), (char *)str(v, "purpose"),
		                              (char *)str(v, "goal"), (char *)str(v, "participants") };
		int rc = rt_event_kind_parse(str(v, "kind"), &e.kind, err);
		json_int_t k = json_integer_value(json_object_get(v, "phase"));
		if (k >= 1 && (size_t)k <= n) e.phase_id = ids[k - 1];
		if (!rc) rc = rt_store_process_event_put(s, &e, err);
		if (rc) return rc;
	}
	return 0;
}

static int deliveries_and_feedback(rt_store *s, const char *src, json_t *root, int64_t cycle,
                                   rt_err *err)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(root, "deliveries"), i, v) {
		struct rt_process_delivery d = { 0, cycle, 0, NULL, RT_DELIVERY_FEEDBACK,
		                                 (char *)str(v, "due_on"), RT_DELIVERY_NOT_STARTED,
		                                 (char *)str(v, "delivered_on") };
		int rc = board_id(s, src, v, &d.org_unit_id, err);
		if (!rc) rc = rt_delivery_kind_parse(str(v, "kind"), &d.kind, err);
		if (!rc) rc = rt_delivery_status_parse(str(v, "status"), &d.status, err);
		if (!rc) rc = rt_store_process_delivery_put(s, &d, err);
		if (rc) return rc;
	}
	json_array_foreach(json_object_get(root, "feedback"), i, v) {
		struct rt_feedback_section f = { 0, cycle, 0, RT_FB_GOALS, (char *)str(v, "body") };
		int rc = board_id(s, src, v, &f.org_unit_id, err);
		if (!rc) rc = rt_feedback_heading_parse(str(v, "heading"), &f.heading, err);
		if (!rc) rc = rt_store_feedback_put(s, &f, err);
		if (rc) return rc;
	}
	return 0;
}

int rt_process_import_json_in_tx(rt_store *s, const char *source_name, const char *text,
                                 size_t len, struct rt_import_stats *stats, rt_err *err)
{
	json_error_t je;
	json_t *root = json_loadb(text, len, 0, &je);
	if (!root)
		return rt_err_set(err, RT_EINVAL, "json", "%s rad %d: %s", source_name, je.line,
		                  je.text);
	int rc = 0;
	int64_t region = 0, id;
	json_t *cy = json_object_get(root, "cycle"), *v;
	size_t i;
	if (!json_is_object(json_object_get(root, "region")) || !json_is_object(cy)) {
		rc = missing(source_name, "region/cycle", err);
		goto out;
	}
	if ((rc = org(s, json_object_get(root, "region"), RT_ORG_REGION, 0, &region, stats, err)))
		goto out;
	json_array_foreach(json_object_get(root, "boards"), i, v)
		if ((rc = org(s, v, RT_ORG_BOARD, region, &id, stats, err)))
			goto out;
	struct rt_process_cycle c = { 0, region, (int)json_integer_value(json_object_get(cy, "year")),
	                              (char *)str(cy, "title"), (char *)str(cy, "owner") };
	if ((rc = rt_store_process_cycle_put(s, &c, err)) ||
	    (rc = phases_and_events(s, source_name, root, c.id, err)) ||
	    (rc = deliveries_and_feedback(s, source_name, root, c.id, err)))
		goto out;
out:
	json_decref(root);
	return rc;
}
