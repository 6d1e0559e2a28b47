/* Open data files (opendata.h). Each resource is a table described once
 * (column name, Frictionless type, description); its rows are built as
 * JSON values, and the CSV file, the JSON file and the datapackage.json
 * schema are all written from that one description, so they cannot drift
 * apart. CSV: UTF-8 without BOM, ',' delimiter, CRLF line ends and quoting
 * per RFC 4180, '.' decimals, ISO dates, empty cell = no value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "core/followup.h"
#include "report/opendata.h"

struct col {
	const char *name, *type, *desc;
};

struct table {
	const char *name, *title, *desc;
	const struct col *cols;
	size_t n_cols;
	const char *const *primary_key;   /* NULL-terminated */
	json_t *rows;                     /* array of arrays, one value per column */
};

static const struct col plan_cols[] = {
	{ "plan_key", "string", "Planens stabila nyckel" },
	{ "title", "string", "Planens titel" },
	{ "kind", "string", "region_plan, planning_premises, operational_plan, action_plan eller activity_plan" },
	{ "status", "string", "decided (beslutad) eller archived (arkiverad)" },
	{ "org_unit_key", "string", "Ägande organisationsenhetens nyckel" },
	{ "org_unit_name", "string", "Ägande organisationsenhetens namn" },
	{ "start_year", "integer", "Första år planen gäller" },
	{ "end_year", "integer", "Sista år planen gäller" },
	{ "case_number", "string", "Diarienummer" },
	{ "parent_plan_key", "string", "Planen som denna plan bryter ned" },
};
static const struct col goal_cols[] = {
	{ "goal_key", "string", "Målets stabila nyckel" },
	{ "plan_key", "string", "Planen målet hör till" },
	{ "parent_goal_key", "string", "Överordnat målområde eller mål i samma plan" },
	{ "kind", "string", "goal_area, goal, development_area eller assignment" },
	{ "code", "string", "Numrering som i planen, t.ex. 2.1.1" },
	{ "title", "string", "Målets lydelse" },
	{ "description", "string", "Beskrivning" },
	{ "serves_goal_key", "string", "Målet i en överordnad plan som detta mål bidrar till (målkedjan)" },
};
static const struct col indicator_cols[] = {
	{ "indicator_key", "string", "Indikatorns stabila nyckel" },
	{ "goal_key", "string", "Målet indikatorn mäter" },
	{ "plan_key", "string", "Planen" },
	{ "name", "string", "Indikatorns namn" },
	{ "kind", "string", "quantitative eller qualitative (Ja/Delvis/Nej)" },
	{ "unit", "string", "Enhet, t.ex. %" },
	{ "direction", "string", "higher (högre är bättre), lower eller none" },
	{ "frequency", "string", "month, tertial, half_year eller year" },
	{ "source", "string", "Datakälla" },
	{ "description", "string", "Beskrivning" },
};
static const struct col target_cols[] = {
	{ "indicator_key", "string", "Indikatorn" },
	{ "year", "integer", "Året målvärdet gäller" },
	{ "gender", "string", "total, women eller men" },
	{ "org_unit_key", "string", "Organisationsenhet för en uppdelning; tom = hela planens område" },
	{ "text", "string", "Målvärdet som det står i planen, t.ex. ≤ 4,7 %" },
	{ "comparator", "string", "reach, lt, le, gt, ge, eq, maintain_or_increase, relative, qualitative eller text" },
	{ "value", "number", "Målvärdets tal (punkt som decimaltecken); tomt när det inte är ett tal" },
	{ "unit", "string", "Målvärdets enhet" },
};
static const struct col outcome_cols[] = {
	{ "indicator_key", "string", "Indikatorn" },
	{ "period", "string", "Uppföljningsperiodens nyckel, t.ex. 2021-T1" },
	{ "period_start", "date", "Periodens första dag" },
	{ "period_end", "date", "Periodens sista dag" },
	{ "gender", "string", "total, women eller men" },
	{ "org_unit_key", "string", "Organisationsenhet för en uppdelning; tom = hela planens område" },
	{ "text", "string", "Utfallet som det rapporterades, t.ex. 5,4 %" },
	{ "value", "number", "Utfallets tal (punkt som decimaltecken); tomt när det inte är ett tal" },
	{ "unit", "string", "Utfallets enhet" },
	{ "status", "string", "achieved (uppfyllt), partly (delvis), not_achieved (ej uppfyllt) eller none" },
	{ "comment", "string", "Kommentar" },
};

#define COLS(a) a, sizeof(a) / sizeof(a[0])
static const char *const pk_plan[] = { "plan_key", NULL };
static const char *const pk_goal[] = { "goal_key", NULL };
static const char *const pk_ind[] = { "indicator_key", NULL };
static const char *const pk_target[] = { "indicator_key", "year", "gender", "org_unit_key", NULL };
static const char *const pk_outcome[] = { "indicator_key", "period", "gender", "org_unit_key",
                                          NULL };

enum { T_PLANS, T_GOALS, T_INDICATORS, T_TARGETS, T_OUTCOMES, N_TABLES };

static void tables_init(struct table *t)
{
	const struct table init[N_TABLES] = {
		{ "plans", "Planer", "Publicerade (beslutade eller arkiverade) planer",
		  COLS(plan_cols), pk_plan, NULL },
		{ "goals", "Mål", "Målområden, mål, utvecklingsområden och uppdrag i planerna",
		  COLS(goal_cols), pk_goal, NULL },
		{ "indicators", "Indikatorer", "Mätetal som följer upp målen",
		  COLS(indicator_cols), pk_ind, NULL },
		{ "targets", "Målvärden", "Målvärden per indikator och år",
		  COLS(target_cols), pk_target, NULL },
		{ "outcomes", "Utfall", "Rapporterade utfall per indikator och uppföljningsperiod",
		  COLS(outcome_cols), pk_outcome, NULL },
	};
	for (size_t i = 0; i < N_TABLES; i++) {
		t[i] = init[i];
		t[i].rows = json_array();
	}
}

/* ---- cells ------------------------------------------------------------- */

static json_t *str(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *num(const struct rt_target_spec *v)
{
	return v->has_value && v->cmp != RT_CMP_QUALITATIVE && v->cmp != RT_CMP_TEXT
		? json_real(v->value) : json_null();
}

static void row(struct table *t, json_t *r)
{
	json_array_append_new(t->rows, r);
}

/* ---- walking the published plans --------------------------------------- */

struct od {
	rt_store *s;
	rt_arena arena;
	rt_err *err;
	struct rt_org_unit *orgs;
	size_t n_orgs;
	struct table *t;
	const struct rt_plan_doc *doc;
};

static const struct rt_org_unit *org(struct od *o, int64_t id)
{
	for (size_t i = 0; i < o->n_orgs; i++)
		if (o->orgs[i].id == id)
			return &o->orgs[i];
	return NULL;
}

static const char *org_key(struct od *o, int64_t id)
{
	if (!id)
		return NULL;
	const struct rt_org_unit *u = org(o, id);
	return u && u->key ? u->key : rt_arena_sprintf(&o->arena, "org-%lld", (long long)id);
}

static const char *goal_key(struct od *o, int64_t id)
{
	if (!id)
		return NULL;
	const struct rt_goal *g = rt_doc_goal(o->doc, id);
	struct rt_goal other;
	if (!g) {
		rt_err e = RT_ERR_INIT;
		memset(&other, 0, sizeof(other));
		if (rt_store_goal_get(o->s, &o->arena, id, &other, &e) == 0)
			g = &other;
	}
	return g && g->key ? g->key : rt_arena_sprintf(&o->arena, "goal-%lld", (long long)id);
}

static const char *plan_key(struct od *o, const struct rt_plan *p)
{
	return p->key ? p->key : rt_arena_sprintf(&o->arena, "plan-%lld", (long long)p->id);
}

static const char *ind_key(struct od *o, const struct rt_indicator *ind)
{
	return ind->key ? ind->key
	                : rt_arena_sprintf(&o->arena, "indicator-%lld", (long long)ind->id);
}

static int target_cmp(const void *pa, const void *pb)
{
	const struct rt_target *a = *(const struct rt_target *const *)pa;
	const struct rt_target *b = *(const struct rt_target *const *)pb;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->gender != b->gender)
		return a->gender < b->gender ? -1 : 1;
	return (a->org_unit_id > b->org_unit_id) - (a->org_unit_id < b->org_unit_id);
}

struct oc_sort { const struct rt_outcome *o; const struct rt_period *p; };

static int outcome_cmp(const void *pa, const void *pb)
{
	const struct oc_sort *a = pa, *b = pb;
	int c = strcmp(a->p->start_date, b->p->start_date);
	if (!c)
		c = strcmp(a->p->end_date, b->p->end_date);
	if (!c)
		c = strcmp(a->p->key, b->p->key);
	if (!c && a->o->gender != b->o->gender)
		c = a->o->gender < b->o->gender ? -1 : 1;
	if (!c)
		c = (a->o->org_unit_id > b->o->org_unit_id) - (a->o->org_unit_id < b->o->org_unit_id);
	return c;
}

static void indicator_rows(struct od *o, const struct rt_goal *g, const struct rt_indicator *ind)
{
	const struct rt_plan_doc *d = o->doc;
	const char *key = ind_key(o, ind);
	row(&o->t[T_INDICATORS], json_pack("[s o s o s o s s o o]", key, str(goal_key(o, g->id)),
	    plan_key(o, &d->plan), str(ind->name), rt_indicator_kind_name(ind->kind),
	    str(ind->unit), rt_direction_name(ind->direction), rt_frequency_name(ind->frequency),
	    str(ind->source), str(ind->description)));

	const struct rt_target **ts = rt_arena_alloc(&o->arena, (d->n_targets + 1) * sizeof(*ts));
	size_t n = 0;
	for (size_t i = 0; i < d->n_targets; i++)
		if (d->targets[i].indicator_id == ind->id)
			ts[n++] = &d->targets[i];
	qsort(ts, n, sizeof(*ts), target_cmp);
	for (size_t i = 0; i < n; i++)
		row(&o->t[T_TARGETS], json_pack("[s i s o o s o o]", key, ts[i]->year,
		    rt_gender_name(ts[i]->gender), str(org_key(o, ts[i]->org_unit_id)),
		    str(ts[i]->text), rt_store_cmp_name(ts[i]->spec.cmp), num(&ts[i]->spec),
		    str(ts[i]->spec.unit)));

	struct oc_sort *os = rt_arena_alloc(&o->arena, (d->n_outcomes + 1) * sizeof(*os));
	n = 0;
	for (size_t i = 0; i < d->n_outcomes; i++) {
		const struct rt_period *p = rt_doc_period(d, d->outcomes[i].period_id);
		if (d->outcomes[i].indicator_id == ind->id && p)
			os[n++] = (struct oc_sort){ &d->outcomes[i], p };
	}
	qsort(os, n, sizeof(*os), outcome_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct rt_outcome *oc = os[i].o;
		row(&o->t[T_OUTCOMES], json_pack("[s s s s s o o o o s o]", key, os[i].p->key,
		    os[i].p->start_date, os[i].p->end_date, rt_gender_name(oc->gender),
		    str(org_key(o, oc->org_unit_id)), str(oc->text), num(&oc->value),
		    str(oc->value.unit), rt_status_name(oc->status), str(oc->comment)));
	}
}

static bool ind_after(const struct rt_indicator *a, const struct rt_indicator *b)
{
	return a->position != b->position ? a->position > b->position : a->id > b->id;
}

/* Goals depth first in the plan's order (position among siblings). */
static void goal_rows(struct od *o, int64_t parent, int depth)
{
	const struct rt_plan_doc *d = o->doc;
	/* the children of parent, sorted by (position, id) */
	size_t n = 0;
	const struct rt_goal **kids = rt_arena_alloc(&o->arena, (d->n_goals + 1) * sizeof(*kids));
	for (size_t i = 0; i < d->n_goals; i++)
		if (d->goals[i].parent_id == parent && d->goals[i].id != parent)
			kids[n++] = &d->goals[i];
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && (kids[k - 1]->position > kids[k]->position ||
		                             (kids[k - 1]->position == kids[k]->position &&
		                              kids[k - 1]->id > kids[k]->id)); k--) {
			const struct rt_goal *tmp = kids[k];
			kids[k] = kids[k - 1];
			kids[k - 1] = tmp;
		}
	for (size_t i = 0; i < n && depth < 32; i++) {
		const struct rt_goal *g = kids[i];
		row(&o->t[T_GOALS], json_pack("[s s o s o s o o]", goal_key(o, g->id),
		    plan_key(o, &d->plan), str(goal_key(o, g->parent_id)),
		    rt_goal_kind_name(g->kind), str(g->code), g->title ? g->title : "",
		    str(g->description), str(goal_key(o, g->serves_goal_id))));
		/* indicators of the goal by (position, id) */
		const struct rt_indicator *prev = NULL;
		for (;;) {
			const struct rt_indicator *best = NULL;
			for (size_t k = 0; k < d->n_indicators; k++) {
				const struct rt_indicator *c = &d->indicators[k];
				if (c->goal_id != g->id || (prev && !ind_after(c, prev)))
					continue;
				if (!best || ind_after(best, c))
					best = c;
			}
			if (!best)
				break;
			indicator_rows(o, g, best);
			prev = best;
		}
		goal_rows(o, g->id, depth + 1);
	}
}

static int plan_rows(struct od *o, const struct rt_plan *p)
{
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	int rc = rt_store_plan_load(o->s, p->id, &doc, o->err);
	if (rc == 0) {
		o->doc = &doc;
		const struct rt_org_unit *u = org(o, p->owner_org_id);
		const char *parent = NULL;
		struct rt_plan pp;
		rt_err e = RT_ERR_INIT;
		if (p->parent_plan_id &&
		    rt_store_plan_get(o->s, &o->arena, p->parent_plan_id, &pp, &e) == 0)
			parent = plan_key(o, &pp);
		row(&o->t[T_PLANS], json_pack("[s s s s o o i i o o]", plan_key(o, p),
		    p->title ? p->title : "", rt_plan_kind_name(p->kind),
		    rt_plan_status_name(p->status), str(org_key(o, p->owner_org_id)),
		    str(u ? u->name : NULL), p->start_year, p->end_year, str(p->case_number),
		    str(parent)));
		goal_rows(o, 0, 0);
		o->doc = NULL;
	}
	rt_plan_doc_release(&doc);
	return rc;
}

/* ---- writers ----------------------------------------------------------- */

static void csv_cell(rt_buf *b, json_t *v)
{
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		if (!strpbrk(s, ",\"\r\n")) {
			rt_buf_addstr(b, s);
			return;
		}
		rt_buf_addch(b, '"');
		for (; *s; s++) {
			if (*s == '"')
				rt_buf_addch(b, '"');
			rt_buf_addch(b, *s);
		}
		rt_buf_addch(b, '"');
	} else if (json_is_integer(v)) {
		rt_buf_addf(b, "%lld", (long long)json_integer_value(v));
	} else if (json_is_real(v)) {
		/* 15 significant digits: what was typed ("5,4") comes back as 5.4 */
		char tmp[64];
		snprintf(tmp, sizeof(tmp), "%.15g", json_real_value(v));
		for (char *c = tmp; *c; c++)
			if (*c == ',')
				*c = '.';   /* never a locale's decimal comma */
		rt_buf_addstr(b, tmp);
	}
}

static void write_csv(const struct table *t, rt_buf *b)
{
	for (size_t c = 0; c < t->n_cols; c++) {
		if (c)
			rt_buf_addch(b, ',');
		rt_buf_addstr(b, t->cols[c].name);
	}
	rt_buf_addstr(b, "\r\n");
	size_t i;
	json_t *r;
	json_array_foreach(t->rows, i, r) {
		for (size_t c = 0; c < t->n_cols; c++) {
			if (c)
				rt_buf_addch(b, ',');
			csv_cell(b, json_array_get(r, c));
		}
		rt_buf_addstr(b, "\r\n");
	}
}

static int add_json(struct rt_opendata *od, const char *name, json_t *j, rt_err *err)
{
	char *text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(j);
	if (!text)
		return rt_err_set(err, RT_EINTERNAL, "", "Kunde inte skriva %s (ogiltig UTF-8?)", name);
	struct rt_opendata_file *f = &od->files[od->n++];
	f->name = name;
	f->media_type = "application/json";
	rt_buf_init(&f->data, strlen(text) + 2);
	rt_buf_addstr(&f->data, text);
	rt_buf_addch(&f->data, '\n');
	free(text);
	return 0;
}

static json_t *table_json(const struct table *t)
{
	json_t *arr = json_array();
	size_t i;
	json_t *r;
	json_array_foreach(t->rows, i, r) {
		json_t *o = json_object();
		for (size_t c = 0; c < t->n_cols; c++)
			json_object_set(o, t->cols[c].name, json_array_get(r, c));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *schema_json(const struct table *t)
{
	json_t *fields = json_array();
	for (size_t c = 0; c < t->n_cols; c++) {
		json_t *f = json_pack("{s:s, s:s, s:s}", "name", t->cols[c].name,
		                      "type", t->cols[c].type, "description", t->cols[c].desc);
		if (!strcmp(t->cols[c].type, "number"))
			json_object_set_new(f, "decimalChar", json_string("."));
		json_array_append_new(fields, f);
	}
	json_t *pk = json_array();
	for (const char *const *k = t->primary_key; *k; k++)
		json_array_append_new(pk, json_string(*k));
	return json_pack("{s:o, s:o, s:[s]}", "fields", fields, "primaryKey", pk,
	                 "missingValues", "");
}

static json_t *datapackage(const struct table *t, size_t n)
{
	json_t *res = json_array();
	for (size_t i = 0; i < n; i++) {
		char path[64];
		snprintf(path, sizeof(path), "%s.csv", t[i].name);
		json_array_append_new(res, json_pack(
			"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:b}, s:o}",
			"name", t[i].name, "path", path, "title", t[i].title,
			"description", t[i].desc, "profile", "tabular-data-resource",
			"format", "csv", "mediatype", "text/csv", "encoding", "utf-8",
			"dialect", "delimiter", ",", "quoteChar", "\"", "lineTerminator", "\r\n",
			"header", 1, "schema", schema_json(&t[i])));
	}
	return json_pack("{s:s, s:s, s:s, s:[{s:s, s:s, s:s}], s:o}",
	                 "profile", "tabular-data-package", "name", "rodtrad-opendata",
	                 "title", "Mål, indikatorer, målvärden och utfall i publicerade planer",
	                 "licenses", "name", "CC0-1.0", "path",
	                 "https://creativecommons.org/publicdomain/zero/1.0/", "title",
	                 "Creative Commons Zero v1.0 Universal", "resources", res);
}

static int plan_cmp(const void *pa, const void *pb)
{
	const struct rt_plan *a = pa, *b = pb;
	int c = strcmp(a->key ? a->key : "", b->key ? b->key : "");
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

int rt_opendata_build(rt_store *s, struct rt_opendata *od, rt_err *err)
{
	memset(od, 0, sizeof(*od));
	struct table t[N_TABLES];
	tables_init(t);
	struct od o;
	memset(&o, 0, sizeof(o));
	o.s = s;
	o.err = err;
	o.t = t;
	struct rt_plan *plans = NULL;
	size_t n_plans = 0;
	int rc = rt_store_org_list(s, &o.arena, &o.orgs, &o.n_orgs, err);
	if (rc == 0)
		rc = rt_store_plan_list(s, &o.arena, &plans, &n_plans, err);
	if (rc == 0 && n_plans > 1)
		qsort(plans, n_plans, sizeof(*plans), plan_cmp);
	for (size_t i = 0; rc == 0 && i < n_plans; i++)
		if (plans[i].status == RT_PLAN_DECIDED || plans[i].status == RT_PLAN_ARCHIVED)
			rc = plan_rows(&o, &plans[i]);
	static const char *const csv_names[N_TABLES] = { "plans.csv", "goals.csv",
		"indicators.csv", "targets.csv", "outcomes.csv" };
	static const char *const json_names[N_TABLES] = { "plans.json", "goals.json",
		"indicators.json", "targets.json", "outcomes.json" };
	for (size_t i = 0; rc == 0 && i < N_TABLES; i++) {
		struct rt_opendata_file *f = &od->files[od->n++];
		f->name = csv_names[i];
		f->media_type = "text/csv; charset=utf-8";
		write_csv(&t[i], &f->data);
		rc = add_json(od, json_names[i], table_json(&t[i]), err);
	}
	if (rc == 0)
		rc = add_json(od, "datapackage.json", datapackage(t, N_TABLES), err);
	for (size_t i = 0; i < N_TABLES; i++)
		json_decref(t[i].rows);
	rt_arena_release(&o.arena);
	if (rc)
		rt_opendata_release(od);
	return rc;
}

const struct rt_opendata_file *rt_opendata_find(const struct rt_opendata *od, const char *name)
{
	for (size_t i = 0; i < od->n; i++)
		if (!strcmp(od->files[i].name, name))
			return &od->files[i];
	return NULL;
}

void rt_opendata_release(struct rt_opendata *od)
{
	for (size_t i = 0; i < od->n; i++)
		rt_buf_release(&od->files[i].data);
	od->n = 0;
}
