/* The restore of a full backup (load_json.h). The document's org units,
 * periods and plans form a plan document that the plan importer writes;
 * then the outcomes (with every field the database keeps, so a restore
 * computes nothing again), their earlier versions, activity states,
 * indicator tolerances and settings follow, in document order, so the
 * restored database numbers its rows in the dump's order. Fields are read
 * with the plan importer's helpers (plan_json_int.h), so the messages have
 * the same shape: "FIL: outcomes[3].period: …". */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "ingest/load_json.h"
#include "ingest/plan_json_int.h"
#include "store/store_dump.h"
#include "util/alloc.h"

#define RT_DUMP_FORMAT "rodtrad-dump/1"

static int status_field(struct rt_imp *im, json_t *o, const char *name, enum rt_status *out)
{
	char *s = NULL;
	int rc = rt_imp_str(im, o, name, false, &s);
	*out = RT_STATUS_NONE;
	if (rc == 0 && s && rt_status_parse(s, out, NULL) != 0)
		rc = rt_imp_fail(im, RT_EINVAL, name, "Okänd status '%s'", s);
	return rc;
}

int rt_load_ref(struct rt_imp *im, json_t *o, const char *name, const char *table, bool required,
                int64_t *id)
{
	char *key = NULL;
	*id = 0;
	int rc = rt_imp_str(im, o, name, required, &key);
	if (rc == 0 && key)
		rc = rt_imp_find(im, table, key, name, id, NULL);
	return rc;
}

/* The outcomes and activity states: a region's 300 000 rows name a few
 * thousand indicators, activities and periods by key, so each key is looked
 * up once (a lookup is a round trip on PostgreSQL), and the rows go to the
 * store's bulk restore (store_dump.h). Keys only get added during a load,
 * so a found id stays right. */
struct ref_slot {
	const char *table, *key;   /* NULL key: free */
	int64_t id;
};

struct bulk_ctx {
	struct rt_load_stats *st;
	struct rt_restore *r;
	struct ref_slot *slots;    /* open addressing, cap a power of two */
	size_t cap, n;
};

static size_t ref_hash(const char *table, const char *key)
{
	size_t h = 14695981039346656037u;
	for (const char *p = table; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	return h;
}

static struct ref_slot *ref_slot(struct bulk_ctx *c, const char *table, const char *key)
{
	size_t i = ref_hash(table, key) & (c->cap - 1);
	while (c->slots[i].key && (strcmp(c->slots[i].key, key) || strcmp(c->slots[i].table, table)))
		i = (i + 1) & (c->cap - 1);
	return &c->slots[i];
}

static void ref_grow(struct bulk_ctx *c)
{
	struct ref_slot *old = c->slots;
	size_t old_cap = c->cap;
	c->cap = c->cap ? c->cap * 2 : 1024;
	c->slots = rt_xcalloc(c->cap, sizeof(*c->slots));
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].key)
			*ref_slot(c, old[i].table, old[i].key) = old[i];
	free(old);
}

/* rt_load_ref through the cache. */
static int cached_ref(struct bulk_ctx *c, struct rt_imp *im, json_t *o, const char *name,
                      const char *table, bool required, int64_t *id)
{
	char *key = NULL;
	*id = 0;
	int rc = rt_imp_str(im, o, name, required, &key);
	if (rc || !key)
		return rc;
	if (c->n * 2 >= c->cap)
		ref_grow(c);
	struct ref_slot *slot = ref_slot(c, table, key);
	if (slot->key) {
		*id = slot->id;
		return 0;
	}
	if ((rc = rt_imp_find(im, table, key, name, id, NULL)) == 0) {
		*slot = (struct ref_slot){ table, key, *id };
		c->n++;
	}
	return rc;
}

/* A failure of the bulk restore, at the row it names (else the current one). */
static int restore_fail(struct rt_imp *im, const char *array, int64_t failed,
                        const rt_err *inner)
{
	if (failed >= 0) {
		rt_buf_reset(&im->path);
		rt_buf_addf(&im->path, "%s[%lld]", array, (long long)failed);
	}
	return rt_imp_wrap(im, NULL, inner);
}

/* cmp, value, unit, base_year, qual: the parsed value as the database has it */
static int spec_fields(struct rt_imp *im, json_t *o, struct rt_target_spec *v)
{
	char *cmp = NULL, *unit = NULL, *qual = NULL;
	memset(v, 0, sizeof(*v));
	int rc = rt_imp_str(im, o, "cmp", true, &cmp);
	if (rc == 0 && rt_store_cmp_parse(cmp, &v->cmp) != 0)
		rc = rt_imp_fail(im, RT_EINVAL, "cmp", "Okänd jämförelse '%s'", cmp);
	json_t *val = json_object_get(o, "value");
	if (rc == 0 && val && !json_is_null(val)) {
		if (!json_is_number(val))
			rc = rt_imp_fail(im, RT_EINVAL, "value", "Ska vara ett tal");
		v->has_value = true;
		v->value = json_number_value(val);
	}
	if (rc == 0)
		rc = rt_imp_str(im, o, "unit", false, &unit);
	if (rc == 0 && unit) {
		if (strlen(unit) >= sizeof(v->unit))
			rc = rt_imp_fail(im, RT_EINVAL, "unit", "Enheten '%s' är för lång", unit);
		else
			memcpy(v->unit, unit, strlen(unit) + 1);
	}
	if (rc == 0)
		rc = rt_imp_int(im, o, "base_year", false, &v->base_year);
	if (rc == 0)
		rc = rt_imp_str(im, o, "qual", false, &qual);
	if (rc == 0 && qual && rt_store_qual_parse(qual, &v->qual) != 0)
		rc = rt_imp_fail(im, RT_EINVAL, "qual", "Okänt värde '%s'", qual);
	return rc;
}

/* The fields outcomes and their earlier versions share. */
#define OUTCOME_FIELDS "text", "cmp", "value", "unit", "base_year", "qual", "comment", \
	"status", "computed_status", "override_reason", "entered_by", "entered_at"

static int history_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { OUTCOME_FIELDS, "changed_by", "changed_at", NULL };
	(void)pos;
	struct rt_outcome_history h;
	memset(&h, 0, sizeof(h));
	h.outcome_id = *(const int64_t *)ctx;
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_imp_str(im, it, "text", false, &h.text);
	if (rc == 0)
		rc = spec_fields(im, it, &h.value);
	if (rc == 0)
		rc = rt_imp_str(im, it, "comment", false, &h.comment);
	if (rc == 0)
		rc = status_field(im, it, "status", &h.status);
	if (rc == 0)
		rc = status_field(im, it, "computed_status", &h.computed_status);
	if (rc == 0)
		rc = rt_imp_str(im, it, "override_reason", false, &h.override_reason);
	if (rc == 0)
		rc = rt_imp_str(im, it, "entered_by", false, &h.entered_by);
	if (rc == 0)
		rc = rt_imp_str(im, it, "entered_at", false, &h.entered_at);
	if (rc == 0)
		rc = rt_imp_str(im, it, "changed_by", true, &h.changed_by);
	if (rc == 0)
		rc = rt_imp_str(im, it, "changed_at", true, &h.changed_at);
	rt_err inner = RT_ERR_INIT;
	if (rc == 0 && rt_store_outcome_history_restore(im->s, &h, &inner) != 0)
		rc = rt_imp_wrap(im, NULL, &inner);
	return rc;
}

static int outcome_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "indicator", "period", "gender", "org",
	                                      OUTCOME_FIELDS, "history", NULL };
	struct bulk_ctx *c = ctx;
	struct rt_load_stats *st = c->st;
	struct rt_outcome o;
	memset(&o, 0, sizeof(o));
	char *gender = NULL;
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = cached_ref(c, im, it, "indicator", "indicator", true, &o.indicator_id);
	if (rc == 0)
		rc = cached_ref(c, im, it, "period", "period", true, &o.period_id);
	if (rc == 0)
		rc = cached_ref(c, im, it, "org", "org_unit", false, &o.org_unit_id);
	if (rc == 0)
		rc = rt_imp_str(im, it, "gender", false, &gender);
	if (rc == 0 && gender && rt_gender_parse(gender, &o.gender, NULL) != 0)
		rc = rt_imp_fail(im, RT_EINVAL, "gender", "Okänt kön '%s' (total, women, men)",
		                 gender);
	if (rc == 0)
		rc = rt_imp_str(im, it, "text", false, &o.text);
	if (rc == 0)
		rc = spec_fields(im, it, &o.value);
	if (rc == 0)
		rc = rt_imp_str(im, it, "comment", false, &o.comment);
	if (rc == 0)
		rc = status_field(im, it, "status", &o.status);
	if (rc == 0)
		rc = status_field(im, it, "computed_status", &o.computed_status);
	if (rc == 0)
		rc = rt_imp_str(im, it, "override_reason", false, &o.override_reason);
	if (rc == 0)
		rc = rt_imp_str(im, it, "entered_by", false, &o.entered_by);
	if (rc == 0)
		rc = rt_imp_str(im, it, "entered_at", false, &o.entered_at);
	rt_err inner = RT_ERR_INIT;
	int64_t failed;
	if (rc == 0 && rt_store_restore_outcome(c->r, &o, pos, &failed, &inner) != 0)
		rc = restore_fail(im, "outcomes", failed, &inner);
	json_t *h = json_object_get(it, "history");
	/* its earlier versions refer to it: written first */
	if (rc == 0 && json_array_size(h) && rt_store_restore_flush(c->r, &failed, &inner) != 0)
		rc = restore_fail(im, "outcomes", failed, &inner);
	if (rc == 0) {
		size_t before = st->history;
		rc = rt_imp_each(im, it, "history", history_one, &o.id);
		if (rc == 0) {
			st->outcomes++;
			st->history = before + (h ? json_array_size(h) : 0);
		}
	}
	return rc;
}

static int state_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "activity", "period", "state", "comment",
	                                      "entered_by", "entered_at", NULL };
	struct bulk_ctx *c = ctx;
	struct rt_activity_status as;
	memset(&as, 0, sizeof(as));
	char *state = NULL;
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = cached_ref(c, im, it, "activity", "activity", true, &as.activity_id);
	if (rc == 0)
		rc = cached_ref(c, im, it, "period", "period", true, &as.period_id);
	if (rc == 0)
		rc = rt_imp_str(im, it, "state", true, &state);
	if (rc == 0 && rt_activity_state_parse(state, &as.state, NULL) != 0)
		rc = rt_imp_fail(im, RT_EINVAL, "state", "Okänt läge '%s'", state);
	if (rc == 0)
		rc = rt_imp_str(im, it, "comment", false, &as.comment);
	if (rc == 0)
		rc = rt_imp_str(im, it, "entered_by", false, &as.entered_by);
	if (rc == 0)
		rc = rt_imp_str(im, it, "entered_at", false, &as.entered_at);
	rt_err inner = RT_ERR_INIT;
	int64_t failed;
	if (rc == 0 && rt_store_restore_activity_status(c->r, &as, pos, &failed, &inner) != 0)
		rc = restore_fail(im, "activity_states", failed, &inner);
	if (rc == 0)
		c->st->activity_states++;
	return rc;
}

static int tolerance_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "indicator", "tolerance", NULL };
	struct rt_load_stats *st = ctx;
	(void)pos;
	int64_t id;
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_load_ref(im, it, "indicator", "indicator", true, &id);
	json_t *t = json_object_get(it, "tolerance");
	if (rc == 0 && (!json_is_number(t) || json_number_value(t) < 0))
		rc = rt_imp_fail(im, RT_EINVAL, "tolerance", "Ska vara ett tal (procent, minst 0)");
	if (rc)
		return rc;
	rt_err inner = RT_ERR_INIT;
	struct rt_indicator ind;
	if (rt_store_indicator_get(im->s, &im->arena, id, &ind, &inner) == 0) {
		ind.tolerance = json_number_value(t);
		ind.has_tolerance = true;
		if (rt_store_indicator_put(im->s, &ind, &inner) == 0) {
			st->tolerances++;
			return 0;
		}
	}
	return rt_imp_wrap(im, NULL, &inner);
}

static int setting_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "org", "name", "value", NULL };
	struct rt_load_stats *st = ctx;
	(void)pos;
	int64_t org = 0;
	char *name = NULL, *value = NULL;
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_load_ref(im, it, "org", "org_unit", false, &org);
	if (rc == 0)
		rc = rt_imp_str(im, it, "name", true, &name);
	if (rc == 0)
		rc = rt_imp_str(im, it, "value", true, &value);
	rt_err inner = RT_ERR_INIT;
	if (rc == 0 && rt_store_setting_put(im->s, org, name, value, &inner) != 0)
		rc = rt_imp_wrap(im, NULL, &inner);
	if (rc == 0)
		st->settings++;
	return rc;
}

static int kolada_map_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "indicator", "kpi", "municipality", "peers", NULL };
	struct rt_load_stats *st = ctx;
	(void)pos;
	struct rt_kolada_map m;
	memset(&m, 0, sizeof(m));
	json_t *peers = NULL, *p;
	size_t i;
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_load_ref(im, it, "indicator", "indicator", true, &m.indicator_id);
	if (rc == 0)
		rc = rt_imp_str(im, it, "kpi", true, &m.kpi);
	if (rc == 0)
		rc = rt_imp_str(im, it, "municipality", true, &m.municipality);
	if (rc == 0)
		rc = rt_imp_array(im, it, "peers", &peers);
	if (rc == 0 && peers) {
		m.peers = rt_arena_alloc(&im->arena, (json_array_size(peers) + 1) * sizeof(char *));
		json_array_foreach(peers, i, p) {
			if (!json_is_string(p))
				return rt_imp_fail(im, RT_EINVAL, "peers", "Ska vara en lista med texter");
			m.peers[m.n_peers++] = rt_arena_strdup(&im->arena, json_string_value(p));
		}
	}
	rt_err inner = RT_ERR_INIT;
	if (rc == 0 && rt_store_kolada_map_put(im->s, &m, &inner) != 0)
		rc = rt_imp_wrap(im, NULL, &inner);
	if (rc == 0)
		st->kolada++;
	return rc;
}

static int kolada_value_one(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	static const char *const fields[] = { "kpi", "municipality", "year", "gender", "value",
	                                      "count", "status", NULL };
	struct rt_load_stats *st = ctx;
	(void)pos;
	struct rt_kolada_value v;
	memset(&v, 0, sizeof(v));
	char *gender = NULL;
	int rc = rt_imp_object(im, it, fields);
	if (rc == 0)
		rc = rt_imp_str(im, it, "kpi", true, &v.kpi);
	if (rc == 0)
		rc = rt_imp_str(im, it, "municipality", true, &v.municipality);
	if (rc == 0)
		rc = rt_imp_int(im, it, "year", true, &v.year);
	if (rc == 0)
		rc = rt_imp_str(im, it, "gender", true, &gender);
	if (rc == 0 && rt_gender_parse(gender, &v.gender, NULL) != 0)
		rc = rt_imp_fail(im, RT_EINVAL, "gender", "Okänt kön '%s'", gender);
	json_t *val = json_object_get(it, "value"), *count = json_object_get(it, "count");
	if (rc == 0 && val && !json_is_null(val) && !json_is_number(val))
		rc = rt_imp_fail(im, RT_EINVAL, "value", "Ska vara ett tal eller null");
	v.has_value = json_is_number(val);
	v.value = v.has_value ? json_number_value(val) : 0;
	v.has_count = json_is_integer(count);
	v.count = v.has_count ? json_integer_value(count) : 0;
	if (rc == 0)
		rc = rt_imp_str(im, it, "status", false, &v.status);
	rt_err inner = RT_ERR_INIT;
	if (rc == 0 && rt_store_kolada_value_put(im->s, &v, &inner) != 0)
		rc = rt_imp_wrap(im, NULL, &inner);
	if (rc == 0)
		st->kolada++;
	return rc;
}

/* The org units, periods and plans as a plan document for the importer. */
static int load_plans(struct rt_imp *im, json_t *root, struct rt_load_stats *st)
{
	json_t *doc = json_object();
	json_object_set_new(doc, "format", json_string("rodtrad-plans/1"));
	static const char *const parts[] = { "org_units", "periods", "plans" };
	for (size_t i = 0; i < 3; i++) {
		json_t *v = json_object_get(root, parts[i]);
		if (v)
			json_object_set(doc, parts[i], v);
	}
	char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (!text)
		return rt_imp_fail(im, RT_EINTERNAL, NULL, "Kunde inte läsa planerna");
	int rc = rt_import_json_in_tx(im->s, im->source, text, strlen(text), &st->plans, im->err);
	free(text);
	return rc;
}

/* The outcomes and activity states through the bulk restore. */
static int load_bulk(struct rt_imp *im, json_t *root, struct rt_load_stats *st)
{
	struct bulk_ctx c = { st, rt_store_restore_begin(im->s), NULL, 0, 0 };
	rt_err inner = RT_ERR_INIT;
	int64_t failed;
	int rc = rt_imp_each(im, root, "outcomes", outcome_one, &c);
	if (rc == 0 && rt_store_restore_flush(c.r, &failed, &inner) != 0)
		rc = restore_fail(im, "outcomes", failed, &inner);
	if (rc == 0)
		rc = rt_imp_each(im, root, "activity_states", state_one, &c);
	if (rc == 0 && rt_store_restore_flush(c.r, &failed, &inner) != 0)
		rc = restore_fail(im, "activity_states", failed, &inner);
	rt_store_restore_end(c.r);
	free(c.slots);
	return rc;
}

static int load_doc(struct rt_imp *im, json_t *root, struct rt_load_stats *st)
{
	static const char *const fields[] = { "format", "org_units", "periods", "plans",
	                                      "indicator_tolerances", "outcomes",
	                                      "activity_states", "settings", "kolada_maps",
	                                      "kolada_values", "process_cycles", "plan_checklists",
	                                      "plan_terms", "budget_frames", "econ_followups",
	                                      "users", NULL };
	if (!json_is_object(root))
		return rt_imp_fail(im, RT_EINVAL, NULL, "Säkerhetskopian ska vara ett JSON-objekt "
		                   "med \"format\": \"" RT_DUMP_FORMAT "\"");
	json_t *format = json_object_get(root, "format");
	if (!json_is_string(format) || strcmp(json_string_value(format), RT_DUMP_FORMAT))
		return rt_imp_fail(im, RT_EINVAL, "format", "Ingen säkerhetskopia från rodtrad dump "
		                   "(\"format\" ska vara \"" RT_DUMP_FORMAT "\")");
	int rc = rt_imp_object(im, root, fields);
	if (rc == 0)
		rc = load_plans(im, root, st);
	if (rc == 0)
		rc = rt_imp_each(im, root, "indicator_tolerances", tolerance_one, st);
	if (rc == 0)
		rc = load_bulk(im, root, st);
	if (rc == 0)
		rc = rt_imp_each(im, root, "settings", setting_one, st);
	if (rc == 0)
		rc = rt_imp_each(im, root, "kolada_maps", kolada_map_one, st);
	if (rc == 0)
		rc = rt_imp_each(im, root, "kolada_values", kolada_value_one, st);
	if (rc == 0)
		rc = rt_load_json_more(im, root, st);
	return rc;
}

int rt_load_json(rt_store *s, const char *actor, const char *source_name, const char *text,
                 size_t len, struct rt_load_stats *st, rt_err *err)
{
	struct rt_load_stats local;
	memset(&local, 0, sizeof(local));
	struct rt_imp im;
	memset(&im, 0, sizeof(im));
	im.s = s;
	im.source = source_name && *source_name ? source_name : "(säkerhetskopia)";
	im.err = err;
	rt_buf_init(&im.path, 64);

	bool empty = false;
	int rc = rt_store_is_empty(s, &empty, err);
	if (rc == 0 && !empty)
		rc = rt_err_set(err, RT_ECONFLICT, "", "Databasen är inte tom: en säkerhetskopia "
		                "läses bara in i en tom databas (skapa en med 'rodtrad init')");
	json_t *root = NULL;
	if (rc == 0) {
		json_error_t je;
		root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
		if (!root)
			rc = rt_err_set(err, RT_EINVAL, "", "%s: rad %d, kolumn %d: Ogiltig JSON: %s",
			                im.source, je.line, je.column, je.text);
	}
	if (rc == 0 && (rc = rt_store_bulk_hint(s, 256, err)) == 0 &&
	    (rc = rt_store_begin(s, actor && *actor ? actor : "load", err)) == 0) {
		rc = load_doc(&im, root, &local);
		if (rc == 0)
			rc = rt_store_commit(s, err);
		else
			rt_store_rollback(s);
	}
	if (rc == 0 && st)
		*st = local;
	json_decref(root);
	rt_buf_release(&im.path);
	rt_arena_release(&im.arena);
	return rc;
}
