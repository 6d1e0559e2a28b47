/* Import of plan documents (docs/plan-json.md): the document, org units,
 * periods, plans, change logs and budget lines; goals and below are in
 * plan_json_goals.c, shared helpers in plan_json_read.c. Validation is the
 * core's; this code only translates JSON into core structs, names the JSON
 * path in every error and writes through the store. It opens a transaction
 * only in rt_import_json_text / _file, and never prints. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/followup.h"
#include "ingest/plan_json_int.h"

#define RT_PLAN_FORMAT "rodtrad-plans/1"

/* Plan and goal keys anywhere in the document, so that a reference to one
 * defined further down is deferred instead of rejected. Shapes are not
 * checked here; the real walk reports them. */
static void collect_goal_keys(struct rt_imp *im, json_t *goals)
{
	size_t i;
	json_t *g;
	json_array_foreach(goals, i, g) {
		json_t *k = json_object_get(g, "key");
		if (json_is_string(k))
			*RT_ARENA_PUSH(&im->arena, im->goal_keys, im->n_goal_keys, im->cap_goal_keys) =
				json_string_value(k);
		json_t *c = json_object_get(g, "children");
		if (json_is_array(c))
			collect_goal_keys(im, c);
	}
}

static void collect_keys(struct rt_imp *im, json_t *plans)
{
	size_t i;
	json_t *p;
	json_array_foreach(plans, i, p) {
		json_t *k = json_object_get(p, "key");
		if (json_is_string(k))
			*RT_ARENA_PUSH(&im->arena, im->plan_keys, im->n_plan_keys, im->cap_plan_keys) =
				json_string_value(k);
		json_t *g = json_object_get(p, "goals");
		if (json_is_array(g))
			collect_goal_keys(im, g);
	}
}

/* ---- org units ------------------------------------------------------- */

static bool same_str(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* An org unit whose key is stored already is reused when it is the same
 * unit, so that several documents can share a region's tree. */
static int org_reuse(struct rt_imp *im, const struct rt_org_unit *u, int64_t id)
{
	rt_err e = RT_ERR_INIT;
	struct rt_org_unit old;
	memset(&old, 0, sizeof(old));
	if (rt_store_org_get(im->s, &im->arena, id, &old, &e) != 0)
		return rt_imp_wrap(im, "key", &e);
	const char *what = NULL;
	if (old.kind != u->kind)
		what = "kind";
	else if (!same_str(old.name, u->name))
		what = "name";
	else if (!same_str(old.short_name, u->short_name))
		what = "short_name";
	else if (old.parent_id != u->parent_id)
		what = "parent";
	if (what)
		return rt_imp_fail(im, RT_ECONFLICT, "key", "Organisationsenheten '%s' finns redan "
		                   "i databasen med andra uppgifter (%s skiljer sig)", u->key, what);
	return 0;
}

static rt_imp_each_fn org_child;

static int import_org(struct rt_imp *im, json_t *j, int64_t parent_id, bool nested)
{
	static const char *const fields[] = { "key", "kind", "name", "short_name", "parent",
	                                      "children", NULL };
	rt_err e = RT_ERR_INIT;
	struct rt_org_unit *u = rt_arena_alloc(&im->arena, sizeof(*u));
	char *kind = NULL, *parent = NULL;
	int rc;
	if ((rc = rt_imp_object(im, j, fields)) || (rc = rt_imp_str(im, j, "key", true, &u->key)) ||
	    (rc = rt_imp_str(im, j, "kind", true, &kind)) ||
	    (rc = rt_imp_str(im, j, "name", true, &u->name)) ||
	    (rc = rt_imp_str(im, j, "short_name", false, &u->short_name)) ||
	    (rc = rt_imp_str(im, j, "parent", false, &parent)))
		return rc;
	if (rt_org_kind_parse(kind, &u->kind, &e) != 0)
		return rt_imp_wrap(im, "kind", &e);
	u->parent_id = parent_id;
	if (parent) {
		if (nested)
			return rt_imp_fail(im, RT_EINVAL, "parent", "En enhet under 'children' har "
			                   "redan sin överordnade enhet; ta bort 'parent'");
		if ((rc = rt_imp_find(im, "org_unit", parent, "parent", &u->parent_id, NULL)))
			return rc;
	}
	bool found;
	int64_t id;
	if ((rc = rt_imp_find(im, "org_unit", u->key, "key", &id, &found)))
		return rc;
	if (found) {
		if ((rc = org_reuse(im, u, id)))
			return rc;
		u->id = id;
	} else {
		if (rt_store_org_put(im->s, u, &e) != 0)
			return rt_imp_wrap(im, NULL, &e);
		im->stats.org_units++;
	}
	return rt_imp_each(im, j, "children", org_child, &u->id);
}

static int org_child(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	(void)pos;
	return import_org(im, it, *(const int64_t *)ctx, true);
}

static int org_top(struct rt_imp *im, json_t *it, void *ctx, int pos)
{
	(void)ctx;
	(void)pos;
	return import_org(im, it, 0, false);
}

/* ---- periods --------------------------------------------------------- */

static int period_reuse(struct rt_imp *im, const struct rt_period *p, int64_t id)
{
	rt_err e = RT_ERR_INIT;
	struct rt_period *list = NULL;
	size_t n = 0;
	if (rt_store_period_list(im->s, &im->arena, &list, &n, &e) != 0)
		return rt_imp_wrap(im, "key", &e);
	for (size_t i = 0; i < n; i++) {
		if (list[i].id != id)
			continue;
		/* a document without a deadline takes the stored one */
		if (p->deadline && !same_str(p->deadline, list[i].deadline))
			return rt_imp_fail(im, RT_ECONFLICT, "deadline", "Perioden '%s' finns redan "
			                   "i databasen med sista dag %s", p->key,
			                   list[i].deadline ? list[i].deadline : "(ingen)");
		return 0;
	}
	return 0;
}

static int import_period(struct rt_imp *im, json_t *j, void *ctx, int pos)
{
	static const char *const fields[] = { "key", "deadline", NULL };
	rt_err e = RT_ERR_INIT;
	(void)ctx;
	(void)pos;
	struct rt_period *p = rt_arena_alloc(&im->arena, sizeof(*p));
	char start[11] = "", end[11] = "";
	int rc;
	if ((rc = rt_imp_object(im, j, fields)) || (rc = rt_imp_str(im, j, "key", true, &p->key)) ||
	    (rc = rt_imp_date(im, j, "deadline", false, &p->deadline)))
		return rc;
	char *key = p->key, *deadline = p->deadline;
	if (rt_period_parse_key(key, p, start, end, &e) != 0)
		return rt_imp_wrap(im, "key", &e);
	p->key = key;          /* the parser fills kind/year/number; keep ours */
	p->deadline = deadline;
	p->id = 0;
	p->start_date = rt_arena_strdup(&im->arena, start);
	p->end_date = rt_arena_strdup(&im->arena, end);
	bool found;
	int64_t id;
	if ((rc = rt_imp_find(im, "period", p->key, "key", &id, &found)))
		return rc;
	if (found)
		return period_reuse(im, p, id);
	if (rt_store_period_put(im->s, p, &e) != 0)
		return rt_imp_wrap(im, NULL, &e);
	im->stats.periods++;
	return 0;
}

/* ---- plans ----------------------------------------------------------- */

static int import_change(struct rt_imp *im, json_t *j, void *ctx, int pos)
{
	const int64_t plan_id = *(const int64_t *)ctx;
	static const char *const fields[] = { "version", "date", "change", "decided_by", NULL };
	rt_err e = RT_ERR_INIT;
	struct rt_plan_change *c = rt_arena_alloc(&im->arena, sizeof(*c));
	int rc;
	(void)pos;
	c->plan_id = plan_id;
	if ((rc = rt_imp_object(im, j, fields)) ||
	    (rc = rt_imp_int(im, j, "version", true, &c->version)) ||
	    (rc = rt_imp_date(im, j, "date", true, &c->date)) ||
	    (rc = rt_imp_str(im, j, "change", true, &c->change)) ||
	    (rc = rt_imp_str(im, j, "decided_by", false, &c->decided_by)))
		return rc;
	if (c->version < 1)
		return rt_imp_fail(im, RT_EINVAL, "version", "Versionen ska vara 1 eller högre");
	if (rt_store_plan_change_put(im->s, c, &e) != 0)
		return rt_imp_wrap(im, NULL, &e);
	im->stats.changes++;
	return 0;
}

static bool category_fits(enum rt_budget_kind k, enum rt_budget_category c)
{
	bool operating = c == RT_BUDGET_INCOME || c == RT_BUDGET_STAFF_COSTS ||
	                 c == RT_BUDGET_OTHER_COSTS || c == RT_BUDGET_NET;
	return (k == RT_BUDGET_OPERATING) == operating;
}

static int import_budget(struct rt_imp *im, json_t *j, void *ctx, int position)
{
	const int64_t plan_id = *(const int64_t *)ctx;
	static const char *const fields[] = { "kind", "category", "label", "org", "year", "mnkr",
	                                      NULL };
	rt_err e = RT_ERR_INIT;
	struct rt_budget_line *l = rt_arena_alloc(&im->arena, sizeof(*l));
	char *kind = NULL, *category = NULL, *mnkr = NULL;
	int rc;
	l->plan_id = plan_id;
	l->position = position;
	if ((rc = rt_imp_object(im, j, fields)) || (rc = rt_imp_str(im, j, "kind", true, &kind)) ||
	    (rc = rt_imp_str(im, j, "category", true, &category)) ||
	    (rc = rt_imp_str(im, j, "label", false, &l->label)) ||
	    (rc = rt_imp_org_ref(im, j, "org", &l->org_unit_id)) ||
	    (rc = rt_imp_int(im, j, "year", true, &l->year)) ||
	    (rc = rt_imp_str(im, j, "mnkr", true, &mnkr)))
		return rc;
	if (rt_budget_kind_parse(kind, &l->kind, &e) != 0)
		return rt_imp_wrap(im, "kind", &e);
	if (rt_budget_category_parse(category, &l->category, &e) != 0)
		return rt_imp_wrap(im, "category", &e);
	if (!category_fits(l->kind, l->category))
		return rt_imp_fail(im, RT_EINVAL, "category", "Kategorin '%s' hör inte till "
		                   "budgetslaget '%s'", category, kind);
	if (rt_mnkr_parse(mnkr, &l->amount_tkr, &e) != 0)
		return rt_imp_wrap(im, "mnkr", &e);
	if (rt_store_budget_put(im->s, l, &e) != 0)
		return rt_imp_wrap(im, NULL, &e);
	im->stats.budget_lines++;
	return 0;
}

static int import_plan(struct rt_imp *im, json_t *j, void *ctx, int pos)
{
	static const char *const fields[] = {
		"key", "kind", "owner", "parent_plan", "title", "start_year", "end_year",
		"case_number", "version", "status", "decision_body", "introduction",
		"changelog", "goals", "budget", NULL,
	};
	rt_err e = RT_ERR_INIT;
	struct rt_plan *p = rt_arena_alloc(&im->arena, sizeof(*p));
	char *kind = NULL, *owner = NULL, *parent = NULL, *status = NULL;
	int rc;
	(void)ctx;
	(void)pos;
	p->version = 1;
	p->status = RT_PLAN_DRAFT;
	if ((rc = rt_imp_object(im, j, fields)) || (rc = rt_imp_str(im, j, "key", true, &p->key)) ||
	    (rc = rt_imp_str(im, j, "kind", true, &kind)) ||
	    (rc = rt_imp_str(im, j, "owner", true, &owner)) ||
	    (rc = rt_imp_str(im, j, "parent_plan", false, &parent)) ||
	    (rc = rt_imp_str(im, j, "title", true, &p->title)) ||
	    (rc = rt_imp_int(im, j, "start_year", true, &p->start_year)) ||
	    (rc = rt_imp_int(im, j, "end_year", true, &p->end_year)) ||
	    (rc = rt_imp_str(im, j, "case_number", false, &p->case_number)) ||
	    (rc = rt_imp_int(im, j, "version", false, &p->version)) ||
	    (rc = rt_imp_str(im, j, "status", false, &status)) ||
	    (rc = rt_imp_str(im, j, "decision_body", false, &p->decision_body)) ||
	    (rc = rt_imp_str(im, j, "introduction", false, &p->introduction)))
		return rc;
	if (rt_plan_kind_parse(kind, &p->kind, &e) != 0)
		return rt_imp_wrap(im, "kind", &e);
	if (status && rt_plan_status_parse(status, &p->status, &e) != 0)
		return rt_imp_wrap(im, "status", &e);
	bool found;
	int64_t id;
	if ((rc = rt_imp_find(im, "plan", p->key, "key", &id, &found)))
		return rc;
	if (found)
		return rt_imp_fail(im, RT_ECONFLICT, "key", "Planen '%s' finns redan", p->key);
	if ((rc = rt_imp_find(im, "org_unit", owner, "owner", &p->owner_org_id, NULL)))
		return rc;
	if (parent) {
		if ((rc = rt_imp_find(im, "plan", parent, "parent_plan", &p->parent_plan_id, &found)))
			return rc;
		if (!found && rt_imp_defined_later(im->plan_keys, im->n_plan_keys, parent))
			rt_imp_defer(im, RT_LINK_PARENT_PLAN, p, parent, "parent_plan");
		else if (!found)
			return rt_imp_find(im, "plan", parent, "parent_plan", &id, NULL);
	}
	if (rt_plan_check_fields(p, &e) != 0)
		return rt_imp_wrap(im, NULL, &e);
	if (rt_store_plan_put(im->s, p, &e) != 0)
		return rt_imp_wrap(im, NULL, &e);
	im->stats.plans++;

	if ((rc = rt_imp_each(im, j, "changelog", import_change, &p->id)))
		return rc;
	im->plan = p;
	im->goal_counter = 0;
	json_t *goals;
	if ((rc = rt_imp_array(im, j, "goals", &goals)))
		return rc;
	if (goals && (rc = rt_imp_goals(im, goals, 0)))
		return rc;
	im->plan = NULL;
	return rt_imp_each(im, j, "budget", import_budget, &p->id);
}

/* Second pass: links to objects that came later in the document. */
static int resolve_links(struct rt_imp *im)
{
	rt_err e = RT_ERR_INIT;
	for (size_t i = 0; i < im->n_links; i++) {
		struct rt_imp_link *l = &im->links[i];
		const char *table = l->kind == RT_LINK_SERVES ? "goal" : "plan";
		int64_t id;
		int rc;
		rt_imp_pop(im, 0);
		rt_buf_addstr(&im->path, l->path);
		if ((rc = rt_imp_find(im, table, l->key, NULL, &id, NULL)))
			return rc;
		switch (l->kind) {
		case RT_LINK_PARENT_PLAN:
			((struct rt_plan *)l->obj)->parent_plan_id = id;
			rc = rt_store_plan_put(im->s, l->obj, &e);
			break;
		case RT_LINK_SERVES:
			((struct rt_goal *)l->obj)->serves_goal_id = id;
			rc = rt_store_goal_put(im->s, l->obj, &e);
			break;
		case RT_LINK_ORIGIN_PLAN:
			((struct rt_activity *)l->obj)->origin_plan_id = id;
			rc = rt_store_activity_put(im->s, l->obj, &e);
			break;
		}
		if (rc)
			return rt_imp_wrap(im, NULL, &e);
	}
	rt_imp_pop(im, 0);
	return 0;
}

/* ---- the document ---------------------------------------------------- */

/* Offset of the first byte that is not well-formed UTF-8, or len. */
static size_t utf8_valid_prefix(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned min, cp;
		if (c < 0x80) { i++; continue; }
		else if ((c & 0xe0) == 0xc0) { n = 1; min = 0x80; cp = c & 0x1f; }
		else if ((c & 0xf0) == 0xe0) { n = 2; min = 0x800; cp = c & 0x0f; }
		else if ((c & 0xf8) == 0xf0) { n = 3; min = 0x10000; cp = c & 0x07; }
		else return i;
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

static int check_utf8(struct rt_imp *im, const char *text, size_t len)
{
	size_t bad = utf8_valid_prefix((const unsigned char *)text, len);
	if (bad == len)
		return 0;
	int line = 1;
	for (size_t i = 0; i < bad; i++)
		line += text[i] == '\n';
	return rt_imp_fail(im, RT_EINVAL, NULL, "Filen är inte giltig UTF-8 (rad %d, byte %zu); "
	                   "spara den som UTF-8", line, bad + 1);
}

static int parse(struct rt_imp *im, const char *text, size_t len, json_t **root)
{
	json_error_t je;
	int rc = check_utf8(im, text, len);
	if (rc)
		return rc;
	*root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (*root)
		return 0;
	const char *why = je.text;
	if (strstr(je.text, "duplicate object key"))
		why = "samma fält förekommer två gånger i ett objekt";
	else if (strstr(je.text, "end of file") || strstr(je.text, "premature"))
		why = "dokumentet tar slut för tidigt";
	return rt_err_set(im->err, RT_EINVAL, "", "%s: rad %d, kolumn %d: Ogiltig JSON: %s",
	                  im->source, je.line, je.column, why);
}

static int import_doc(struct rt_imp *im, json_t *root)
{
	static const char *const fields[] = { "format", "source", "org_units", "periods", "plans",
	                                      NULL };
	if (!json_is_object(root))
		return rt_imp_fail(im, RT_EINVAL, NULL, "Dokumentet ska vara ett JSON-objekt med "
		                   "\"format\": \"" RT_PLAN_FORMAT "\"");
	json_t *format = json_object_get(root, "format");
	if (!format)
		return rt_imp_fail(im, RT_EINVAL, "format", "Fältet saknas; ett plandokument börjar "
		                   "med \"format\": \"" RT_PLAN_FORMAT "\"");
	if (!json_is_string(format) || strcmp(json_string_value(format), RT_PLAN_FORMAT))
		return rt_imp_fail(im, RT_EINVAL, "format", "Okänt format %s (ska vara '"
		                   RT_PLAN_FORMAT "')", json_is_string(format) ?
		                   json_string_value(format) : "(inte en text)");
	int rc;
	char *source = NULL;
	if ((rc = rt_imp_object(im, root, fields)) ||
	    (rc = rt_imp_str(im, root, "source", false, &source)))
		return rc;
	json_t *plans;
	if ((rc = rt_imp_array(im, root, "plans", &plans)))
		return rc;
	if (plans)
		collect_keys(im, plans);
	if ((rc = rt_imp_each(im, root, "org_units", org_top, NULL)) ||
	    (rc = rt_imp_each(im, root, "periods", import_period, NULL)) ||
	    (rc = rt_imp_each(im, root, "plans", import_plan, NULL)))
		return rc;
	return resolve_links(im);
}

static void add_stats(struct rt_import_stats *to, const struct rt_import_stats *from)
{
	to->org_units += from->org_units;
	to->periods += from->periods;
	to->plans += from->plans;
	to->goals += from->goals;
	to->indicators += from->indicators;
	to->targets += from->targets;
	to->baselines += from->baselines;
	to->activities += from->activities;
	to->outcomes += from->outcomes;
	to->assessments += from->assessments;
	to->budget_lines += from->budget_lines;
	to->changes += from->changes;
}

/* Adds to *stats (does not reset it) so that several documents in one
 * transaction can be counted together. On failure the caller rolls back. */
int rt_import_json_in_tx(rt_store *s, const char *source_name, const char *text, size_t len,
                         struct rt_import_stats *stats, rt_err *err)
{
	struct rt_imp im;
	memset(&im, 0, sizeof(im));
	im.s = s;
	im.source = source_name && *source_name ? source_name : "(dokument)";
	im.err = err;
	rt_buf_init(&im.path, 64);
	json_t *root = NULL;
	int rc = parse(&im, text, len, &root);
	if (rc == 0)
		rc = import_doc(&im, root);
	if (rc == 0 && stats)
		add_stats(stats, &im.stats);
	json_decref(root);
	rt_buf_release(&im.path);
	rt_arena_release(&im.arena);
	return rc;
}

int rt_import_json_text(rt_store *s, const char *actor, const char *source_name,
                        const char *text, size_t len, struct rt_import_stats *stats,
                        rt_err *err)
{
	struct rt_import_stats st;
	memset(&st, 0, sizeof(st));
	int rc = rt_store_begin(s, actor && *actor ? actor : "import", err);
	if (rc)
		return rc;
	rc = rt_import_json_in_tx(s, source_name, text, len, &st, err);
	if (rc) {
		rt_store_rollback(s);
		return rc;
	}
	if ((rc = rt_store_commit(s, err)))
		return rc;
	if (stats)
		*stats = st;
	return 0;
}

static const char *read_error(int e)
{
	switch (e) {
	case ENOENT: return "filen finns inte";
	case EACCES: return "behörighet saknas";
	case EISDIR: return "det är en katalog";
	case ENOMEM: return "minnet räcker inte";
	default: return strerror(e);
	}
}

int rt_import_json_file(rt_store *s, const char *actor, const char *path,
                        struct rt_import_stats *stats, rt_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return rt_err_set(err, RT_EIO, "", "Kan inte läsa '%s': %s", path, read_error(errno));
	rt_buf text = RT_BUF_INIT;
	char chunk[8192];
	size_t r;
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rt_buf_add(&text, chunk, r);
	int failed = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	if (failed) {
		rt_buf_release(&text);
		return rt_err_set(err, RT_EIO, "", "Kan inte läsa '%s': %s", path, read_error(failed));
	}
	int rc = rt_import_json_text(s, actor, path, text.buf, text.len, stats, err);
	rt_buf_release(&text);
	return rc;
}
