/* The outcome import's engine (see outcome_batch.h). Everything a row
 * needs is found in memory: references through a table of the distinct
 * texts, the stored outcome of a row through a table of (indicator,
 * period, gender, org unit) made before the rows are checked, and the
 * status rule's context through one plan document per indicator that is a
 * view into a bulk read (rt_store_indicators_load, once per piece of the
 * file for the indicators it names first). The stored outcomes of every
 * indicator read are in the key table too, so that a row of a later piece
 * finds the version it corrects. */
#include "ingest/outcome_batch.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/outcome_entry.h"
#include "ingest/followup_entry.h"
#include "store/store_auth.h"
#include "util/alloc.h"
#include "util/arena.h"

/* ---- the references, once per distinct text --------------------------- */

struct ref_slot {
	uint64_t hash;
	const char *text;       /* a copy in refs.arena: the rows' pieces are freed */
	char kind;              /* 'i' indicator, 'p' period, 'o' org unit */
	int64_t id;
};

struct refs {
	struct ref_slot *slots;
	size_t cap, n;
	rt_arena arena;         /* the distinct texts */
};

static uint64_t text_hash(char kind, const char *s)
{
	uint64_t h = 1469598103934665603ull ^ (unsigned char)kind;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h ? h : 1;
}

static struct ref_slot *ref_slot(struct refs *t, char kind, const char *text)
{
	if (t->n * 2 >= t->cap) {
		struct refs old = *t;
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->slots = rt_xcalloc(t->cap, sizeof(*t->slots));
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].hash) {
				size_t k = old.slots[i].hash & (t->cap - 1);
				while (t->slots[k].hash)
					k = (k + 1) & (t->cap - 1);
				t->slots[k] = old.slots[i];
			}
		free(old.slots);
	}
	uint64_t h = text_hash(kind, text);
	size_t k = h & (t->cap - 1);
	for (; t->slots[k].hash; k = (k + 1) & (t->cap - 1))
		if (t->slots[k].hash == h && t->slots[k].kind == kind &&
		    !strcmp(t->slots[k].text, text))
			return &t->slots[k];
	t->slots[k] = (struct ref_slot){ h, rt_arena_strdup(&t->arena, text), kind, 0 };
	t->n++;
	return &t->slots[k];
}

static const char *const ref_table[] = { ['i'] = "indicator", ['p'] = "period",
                                         ['o'] = "org_unit" };

static int resolve(rt_store *s, struct rt_import_batch *ib, struct refs *t, char kind,
                   const char *text, int64_t *id, rt_err *err)
{
	struct ref_slot *r = ref_slot(t, kind, text ? text : "");
	if (!r->id) {
		int64_t found;
		rt_store_import_lock(ib);
		int rc = rt_followup_resolve(s, ref_table[(int)kind], text, &found, err);
		rt_store_import_unlock(ib);
		if (rc)
			return rc;
		r = ref_slot(t, kind, text ? text : "");   /* the table may have grown */
		r->id = found;
	}
	*id = r->id;
	return 0;
}

/* ---- one slot per outcome: named by the file or stored ----------------- */

struct key_val {
	size_t line;            /* the row that names it; 0 = stored, named by no row yet */
	int32_t at;             /* index in its indicator's view outcomes; -1 = none */
};

/* A key with an org unit; those of the whole scope (most) are in their
 * view's cells instead (struct view). */
struct key_slot {
	int64_t ind, period, org;
	struct key_val v;
	int8_t gender;          /* -1 = free */
};

struct keys {
	struct key_slot *slots;
	size_t cap, n;          /* cap a power of two, at most 3/4 full */
};

static size_t key_home(size_t cap, int64_t ind, int64_t period, int gender, int64_t org)
{
	uint64_t z = (uint64_t)ind * 0x9e3779b97f4a7c15ull ^ (uint64_t)period * 0xbf58476d1ce4e5b9ull ^
	             (uint64_t)org * 0x94d049bb133111ebull ^ (uint64_t)gender;
	z ^= z >> 31;
	z *= 0xd6e8feb86659fd93ull;
	z ^= z >> 32;
	return z & (cap - 1);
}

/* Room for `more` keys. Moves the slots: pointers to them do not live
 * past the next insert (a row finds its slot again by its key). */
static void keys_reserve(struct keys *t, size_t more)
{
	if ((t->n + more) * 4 <= t->cap * 3)
		return;
	struct keys old = *t;
	t->cap = t->cap ? t->cap * 2 : 4096;
	while ((t->n + more) * 4 > t->cap * 3)
		t->cap *= 2;
	t->slots = rt_xmalloc(t->cap * sizeof(*t->slots));
	for (size_t i = 0; i < t->cap; i++)
		t->slots[i].gender = -1;
	for (size_t i = 0; i < old.cap; i++) {
		const struct key_slot *x = &old.slots[i];
		if (x->gender < 0)
			continue;
		size_t k = key_home(t->cap, x->ind, x->period, x->gender, x->org);
		while (t->slots[k].gender >= 0)
			k = (k + 1) & (t->cap - 1);
		t->slots[k] = *x;
	}
	free(old.slots);
}

/* The slot of the key; *fresh when it was free (now taken, if `insert`). */
static struct key_slot *key_slot(struct keys *t, int64_t ind, int64_t period, int gender,
                                 int64_t org, bool insert, bool *fresh)
{
	if (insert)
		keys_reserve(t, 1);
	*fresh = false;
	if (!t->cap)
		return NULL;
	size_t k = key_home(t->cap, ind, period, gender, org);
	for (; t->slots[k].gender >= 0; k = (k + 1) & (t->cap - 1)) {
		struct key_slot *x = &t->slots[k];
		if (x->ind == ind && x->period == period && x->gender == gender && x->org == org)
			return x;
	}
	if (!insert)
		return NULL;
	*fresh = true;
	t->n++;
	t->slots[k] = (struct key_slot){ ind, period, org, { 0, -1 }, (int8_t)gender };
	return &t->slots[k];
}

/* ---- per indicator: a plan document that is a view into a bulk read ---- */

struct view {
	struct rt_plan_doc doc; /* arrays borrowed from a bulk read, outcomes maybe own */
	/* The keys of the whole scope (org unit 0) by period (index in
	 * doc.periods) and gender: a row's look-up stays in its indicator's 1 KB
	 * instead of a random slot of a table of every key (8 % of the import's
	 * CPU on a million rows); made when first needed. */
	struct key_val *cells;
	const struct rt_indicator *ind;
	bool own;               /* doc.outcomes is this view's malloc'd copy */
	bool maintain;          /* a target "bibehålla/öka": the status reads earlier outcomes */
	int64_t owner;
};

/* Indicator id → index in views (open addressing; id 0 = free). */
struct view_map {
	struct { int64_t id; size_t view; } *slots;
	size_t cap, n;
};

#define VIEW_PENDING SIZE_MAX         /* just put in the map */
#define VIEW_QUEUED (SIZE_MAX - 1)    /* named by the piece being read, not loaded yet */

static size_t *view_at(struct view_map *m, int64_t id, bool insert)
{
	if (insert && (m->n + 1) * 2 > m->cap) {
		struct view_map old = *m;
		m->cap = m->cap ? m->cap * 2 : 1024;
		m->slots = rt_xcalloc(m->cap, sizeof(*m->slots));
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].id)
				*view_at(m, old.slots[i].id, true) = old.slots[i].view;
		free(old.slots);
	}
	if (!m->cap)
		return NULL;
	size_t k = ((uint64_t)id * 0x9e3779b97f4a7c15ull >> 20) & (m->cap - 1);
	for (; m->slots[k].id; k = (k + 1) & (m->cap - 1))
		if (m->slots[k].id == id)
			return &m->slots[k].view;
	if (!insert)
		return NULL;
	m->slots[k].id = id;
	m->slots[k].view = VIEW_PENDING;
	m->n++;
	return &m->slots[k].view;
}

static struct key_val *view_cell(struct view *v, const struct rt_period *p, int gender)
{
	if (!v->cells) {
		size_t n = v->doc.n_periods * 3;
		v->cells = rt_xmalloc((n + 1) * sizeof(*v->cells));
		for (size_t i = 0; i <= n; i++)
			v->cells[i] = (struct key_val){ 0, -1 };
	}
	return &v->cells[(size_t)(p - v->doc.periods) * 3 + (size_t)gender];
}

struct rt_outcome_batch {
	rt_store *s;
	const struct rt_outcome_import_opts *o;
	const char *name;
	const char *sha256_hex; /* the file's hash: read at close (see outcome_batch.h) */
	bool write;             /* not a dry run: rows go to the store */
	struct rt_import_batch ib;
	char now[32];
	const struct rt_outcome_row *rows;   /* the piece being read */
	int64_t (*res)[3];      /* per row of the piece: indicator, period, org unit ids */
	size_t cap_res;
	struct refs refs;
	struct keys keys;
	struct rt_plan_doc **docs;   /* the bulk reads, one per piece that named new indicators */
	size_t n_docs;
	struct view *views;
	size_t n_views, cap_views;
	struct view_map vmap;
	struct { int64_t org; double tol; } *tols;
	size_t n_tols;
	struct { int64_t owner, period; } *allowed;   /* pairs the principal may write */
	size_t n_allowed;
	size_t shown;
	struct rt_outcome_csv_stats *st;
};

static const struct rt_period *period_by_id(const struct rt_plan_doc *d, int64_t id)
{
	size_t lo = 0, hi = d->n_periods;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->periods[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->n_periods && d->periods[lo].id == id ? &d->periods[lo] : NULL;
}

/* Pass 1 for rows[i]: its references. */
static int pass_refs(struct rt_outcome_batch *b, size_t i, rt_err *err)
{
	const struct rt_outcome_row *r = &b->rows[i];
	int64_t *id = b->res[i];
	rt_err e = RT_ERR_INIT;
	int rc = resolve(b->s, &b->ib, &b->refs, 'i', r->indicator, &id[0], &e);
	if (rc == 0)
		rc = resolve(b->s, &b->ib, &b->refs, 'p', r->period, &id[1], &e);
	id[2] = 0;
	if (rc == 0 && r->org)
		rc = resolve(b->s, &b->ib, &b->refs, 'o', r->org, &id[2], &e);
	if (rc)
		return rt_err_set(err, rc, e.field, "%s, rad %zu: %s", b->name, r->line, e.msg);
	return 0;
}

/* The bulk read for the indicators rows[0..limit) name for the first time,
 * and a view on it for each; every stored outcome of them gets its key
 * slot (a row of this piece or a later one finds it there). */
static int load(struct rt_outcome_batch *b, size_t limit, rt_err *err)
{
	int64_t *ids = rt_xcalloc(limit + 1, sizeof(*ids));
	size_t n = 0;
	for (size_t i = 0; i < limit; i++) {
		size_t *v = view_at(&b->vmap, b->res[i][0], true);
		if (*v == VIEW_PENDING) {
			ids[n++] = b->res[i][0];
			*v = VIEW_QUEUED;
		}
	}
	if (!n) {
		free(ids);
		return 0;
	}
	struct rt_plan_doc *d = rt_xcalloc(1, sizeof(*d));
	rt_plan_doc_init(d);
	b->docs = rt_xrealloc(b->docs, (b->n_docs + 1) * sizeof(*b->docs));
	b->docs[b->n_docs++] = d;
	int64_t *owners;
	rt_store_import_lock(&b->ib);
	int rc = rt_store_indicators_load(b->s, ids, n, d, &owners, err);
	rt_store_import_unlock(&b->ib);
	free(ids);
	if (rc)
		return rc;
	RT_ALLOC_GROW(b->views, b->n_views + d->n_indicators + 1, b->cap_views);
	size_t t = 0, bl = 0, oc = 0;
	for (size_t k = 0; k < d->n_indicators; k++) {
		size_t vi = b->n_views++;
		struct view *v = &b->views[vi];
		memset(v, 0, sizeof(*v));
		int64_t id = d->indicators[k].id;
		*view_at(&b->vmap, id, true) = vi;
		rt_plan_doc_init(&v->doc);
		v->ind = &d->indicators[k];
		v->owner = owners[k];
		v->doc.plan.owner_org_id = owners[k];
		v->doc.indicators = &d->indicators[k];
		v->doc.n_indicators = 1;
		v->doc.periods = d->periods;
		v->doc.n_periods = d->n_periods;
		/* the lists are grouped by indicator in id order, like the indicators */
		while (t < d->n_targets && d->targets[t].indicator_id < id) t++;
		v->doc.targets = d->targets + t;
		for (; t < d->n_targets && d->targets[t].indicator_id == id; t++) {
			v->doc.n_targets++;
			v->maintain |= d->targets[t].spec.cmp == RT_CMP_MAINTAIN_OR_INCREASE;
		}
		while (bl < d->n_baselines && d->baselines[bl].indicator_id < id) bl++;
		v->doc.baselines = d->baselines + bl;
		while (bl < d->n_baselines && d->baselines[bl].indicator_id == id)
			bl++, v->doc.n_baselines++;
		while (oc < d->n_outcomes && d->outcomes[oc].indicator_id < id) oc++;
		v->doc.outcomes = d->outcomes + oc;
		for (; oc < d->n_outcomes && d->outcomes[oc].indicator_id == id; oc++) {
			const struct rt_outcome *x = &d->outcomes[oc];
			const struct rt_period *p = x->org_unit_id ? NULL
			                            : period_by_id(&v->doc, x->period_id);
			bool fresh;
			struct key_val *kv = p ? view_cell(v, p, (int)x->gender)
			                       : &key_slot(&b->keys, x->indicator_id, x->period_id,
			                                   (int)x->gender, x->org_unit_id, true,
			                                   &fresh)->v;
			kv->at = (int32_t)v->doc.n_outcomes++;
		}
		v->doc.cap_outcomes = v->doc.n_outcomes;
	}
	return 0;
}

static int tolerance(struct rt_outcome_batch *b, int64_t org, double *tol, rt_err *err)
{
	for (size_t i = 0; i < b->n_tols; i++)
		if (b->tols[i].org == org) {
			*tol = b->tols[i].tol;
			return 0;
		}
	bool found;
	rt_store_import_lock(&b->ib);
	int rc = rt_store_default_tolerance(b->s, org, tol, &found, err);
	rt_store_import_unlock(&b->ib);
	if (rc)
		return rc;
	b->tols = rt_xrealloc(b->tols, (b->n_tols + 1) * sizeof(*b->tols));
	b->tols[b->n_tols].org = org;
	b->tols[b->n_tols++].tol = *tol;
	return 0;
}

/* May the store's principal report on plans of `owner` for `period`? The
 * same decision as every put (store_auth.h rt_store_followup_check), asked
 * once per distinct pair: a refused row refuses the whole file. */
static int may_report(struct rt_outcome_batch *b, int64_t owner, int64_t period, rt_err *err)
{
	const struct rt_principal *p = rt_store_principal_get(b->s);
	if (!p)
		return 0;
	for (size_t i = 0; i < b->n_allowed; i++)
		if (b->allowed[i].owner == owner && b->allowed[i].period == period)
			return 0;
	rt_store_import_lock(&b->ib);
	int rc = rt_store_followup_check(b->s, p, owner, period, err);
	rt_store_import_unlock(&b->ib);
	if (rc)
		return rc;
	b->allowed = rt_xrealloc(b->allowed, (b->n_allowed + 1) * sizeof(*b->allowed));
	b->allowed[b->n_allowed].owner = owner;
	b->allowed[b->n_allowed++].period = period;
	return 0;
}

/* The written value, for the status of later rows of the same indicator:
 * only "bibehålla/öka" reads earlier outcomes (of a view with such a
 * target), and only their value and scope — the row's strings are gone
 * once its piece is done. A later row never reads this outcome as its own
 * stored version: the same key twice in a file is refused. */
static void remember(struct view *v, struct key_val *k, const struct rt_outcome *o)
{
	if (k->at >= 0) {
		v->doc.outcomes[k->at].value = o->value;
		return;
	}
	if (!v->maintain)
		return;
	if (!v->own || v->doc.n_outcomes == v->doc.cap_outcomes) {
		size_t cap = v->doc.n_outcomes * 2 + 4;
		struct rt_outcome *arr = rt_xcalloc(cap, sizeof(*arr));
		if (v->doc.n_outcomes)
			memcpy(arr, v->doc.outcomes, v->doc.n_outcomes * sizeof(*arr));
		if (v->own)
			free(v->doc.outcomes);
		v->doc.outcomes = arr;
		v->doc.cap_outcomes = cap;
		v->own = true;
	}
	k->at = (int32_t)v->doc.n_outcomes;
	struct rt_outcome *x = &v->doc.outcomes[v->doc.n_outcomes++];
	memset(x, 0, sizeof(*x));
	x->id = o->id;
	x->indicator_id = o->indicator_id;
	x->period_id = o->period_id;
	x->gender = o->gender;
	x->org_unit_id = o->org_unit_id;
	x->value = o->value;
	x->status = o->status;
	x->computed_status = o->computed_status;
}

static void note_change(struct rt_outcome_batch *b, const struct rt_outcome_row *r,
                        const char *period, bool updated, const struct rt_outcome *o)
{
	rt_buf *out = b->o->changes;
	if (!out)
		return;
	if (b->o->max_changes && b->shown++ >= b->o->max_changes)
		return;
	rt_buf_addf(out, "rad %zu: %s %s %s", r->line, updated ? "rättar" : "nytt utfall",
	            r->indicator, period);
	if (r->gender != RT_GENDER_TOTAL)
		rt_buf_addf(out, " (%s)", r->gender == RT_GENDER_WOMEN ? "kvinnor" : "män");
	if (r->org)
		rt_buf_addf(out, " %s", r->org);
	rt_buf_addf(out, ": %s", r->value ? r->value : "(bara kommentar)");
	if (o->status != RT_STATUS_NONE)
		rt_buf_addf(out, " %s", rt_status_symbol(o->status));
	rt_buf_addch(out, '\n');
}

/* Pass 2 for rows[i]: its key, the value and its status; written unless
 * dry. (No key slot pointer lives past the next insert.) */
static int pass_value(struct rt_outcome_batch *b, size_t i, bool write, rt_err *err)
{
	const struct rt_outcome_row *r = &b->rows[i];
	const int64_t *id = b->res[i];
	size_t *vi = view_at(&b->vmap, id[0], false);
	const struct rt_period *period = NULL;
	if (vi && *vi < b->n_views)
		period = period_by_id(&b->views[*vi].doc, id[1]);
	if (!period)
		return rt_err_set(err, RT_EINTERNAL, "", "%s, rad %zu: Internt fel: indikatorn eller "
		                  "perioden saknas i inläsningen", b->name, r->line);
	/* its key: a stored outcome (line 0) or new; a second row of a key is refused */
	struct view *v = &b->views[*vi];
	bool fresh;
	struct key_val *k = id[2] ? &key_slot(&b->keys, id[0], id[1], (int)r->gender, id[2], true,
	                                      &fresh)->v
	                          : view_cell(v, period, (int)r->gender);
	if (k->line)
		return rt_err_set(err, RT_ECONFLICT, "", "%s, rad %zu: samma indikator, period, kön "
		                  "och enhet som rad %zu; varje utfall får bara finnas på en rad",
		                  b->name, r->line, k->line);
	k->line = r->line;
	const struct rt_outcome *old = k->at >= 0 ? &v->doc.outcomes[k->at] : NULL;

	struct rt_outcome_input in;
	memset(&in, 0, sizeof(in));
	in.text = r->value;
	/* correcting the value keeps the comment unless a new one is given */
	in.comment = r->comment ? r->comment : old ? old->comment : NULL;
	struct rt_outcome_context ctx;
	rt_outcome_context_from_doc(&v->doc, v->ind, period, r->gender, id[2], &ctx);
	rt_err e = RT_ERR_INIT;
	int rc = may_report(b, v->owner, id[1], &e);
	if (rc == 0)
		rc = tolerance(b, v->owner, &ctx.default_tolerance, &e);
	struct rt_outcome o;
	memset(&o, 0, sizeof(o));
	if (rc == 0)
		rc = rt_outcome_entry(&ctx, &in, &o, NULL, &e);
	if (rc)
		return rt_err_set(err, rc, e.field, "%s, rad %zu: %s", b->name, r->line, e.msg);
	o.id = old ? old->id : 0;
	o.indicator_id = id[0];
	o.period_id = id[1];
	o.gender = r->gender;
	o.org_unit_id = id[2];
	o.entered_by = (char *)b->o->by;
	o.entered_at = b->now;
	if (write && (rc = rt_store_import_row(b->s, &b->ib, (int64_t)r->line, &o, &e)) != 0)
		return rt_err_set(err, rc, e.field, "%s, rad %zu: %s", b->name, r->line, e.msg);
	if (old)
		b->st->updated++;
	else
		b->st->inserted++;
	b->st->rows++;
	note_change(b, r, period->key, old != NULL, &o);
	remember(v, k, &o);
	if (b->o->progress && b->o->progress_every && b->st->rows % b->o->progress_every == 0)
		b->o->progress(b->st->rows, b->o->progress_ctx);
	return 0;
}

int rt_outcome_batch_rows(struct rt_outcome_batch *b, const struct rt_outcome_row *rows,
                          size_t n, rt_err *err)
{
	if (n + 1 > b->cap_res) {
		free(b->res);
		b->cap_res = n + 1;
		b->res = rt_xcalloc(b->cap_res, sizeof(*b->res));
	}
	b->rows = rows;
	rt_err first = RT_ERR_INIT;
	size_t limit = n;
	for (size_t i = 0; i < n; i++)
		if (pass_refs(b, i, &first) != 0) {
			limit = i;
			break;
		}
	int rc = load(b, limit, err);
	if (rc)
		return rc;
	/* a bad reference further down: the rows before it are still checked
	 * (an earlier bad value is the error to report), not written */
	bool write = b->write && limit == n;
	for (size_t i = 0; i < limit; i++)
		if ((rc = pass_value(b, i, write, err)) != 0)
			return rc;
	if (limit < n)
		return rt_err_set(err, first.code, first.field, "%s", first.msg);
	return 0;
}

static void batch_free(struct rt_outcome_batch *b)
{
	if (b->write)
		rt_store_import_end(&b->ib);
	for (size_t i = 0; i < b->n_views; i++) {
		if (b->views[i].own)
			free(b->views[i].doc.outcomes);
		free(b->views[i].cells);
	}
	free(b->views);
	for (size_t i = 0; i < b->n_docs; i++) {
		rt_plan_doc_release(b->docs[i]);
		free(b->docs[i]);
	}
	free(b->docs);
	free(b->vmap.slots);
	free(b->tols);
	free(b->allowed);
	free(b->refs.slots);
	rt_arena_release(&b->refs.arena);
	free(b->keys.slots);
	free(b->res);
	free(b);
}

int rt_outcome_batch_open(rt_store *s, const struct rt_outcome_import_opts *o, const char *name,
                          const char *sha256_hex, struct rt_outcome_csv_stats *st,
                          struct rt_outcome_batch **out, rt_err *err)
{
	*out = NULL;
	memset(st, 0, sizeof(*st));
	struct rt_outcome_batch *b = rt_xcalloc(1, sizeof(*b));
	b->s = s;
	b->o = o;
	b->name = name;
	b->sha256_hex = sha256_hex;
	b->st = st;
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(b->now, sizeof(b->now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* The import's own statements skip SQLite's foreign-key look-ups: every
	 * id they write was read in this transaction, which holds the write lock
	 * (BEGIN IMMEDIATE), so no referenced row can go before the commit. Three
	 * look-ups per new outcome, one per history row; back on at close. */
	/* A page cache of 32 MB, not a restore's 256: the import's tables and
	 * history are appended to, so their pages are written once and may
	 * spill to the WAL (from the writer thread) long before the commit; the
	 * unique index's pages stay. 1 M rows: peak RSS 417 -> 298 MB, CPU the
	 * same within the noise. */
	int rc = rt_store_bulk_hint(s, 32, err);
	bool fk_off = rc == 0 && !o->dry_run;
	if (fk_off)
		rc = rt_store_import_foreign_keys(s, false, err);
	if (rc == 0)
		rc = rt_store_begin(s, o->actor, err);
	if (rc) {
		if (fk_off)
			rt_store_import_foreign_keys(s, true, NULL);
		free(b);
		return rc;
	}
	/* the batch row first: the transaction holds the write lock from here */
	if (!o->dry_run && (rc = rt_store_import_begin(s, name, NULL, &b->ib, err)) != 0) {
		rt_store_rollback(s);
		rt_store_import_foreign_keys(s, true, NULL);
		free(b);
		return rc;
	}
	b->write = !o->dry_run;
	*out = b;
	return 0;
}

int rt_outcome_batch_close(struct rt_outcome_batch *b, int rc, const rt_err *pending,
                           rt_err *err)
{
	if (rc == 0 && pending)
		rc = rt_err_set(err, pending->code, pending->field, "%s", pending->msg);
	if (rc == 0 && b->o->changes && b->o->max_changes && b->shown > b->o->max_changes)
		rt_buf_addf(b->o->changes, "… och %zu rader till\n", b->shown - b->o->max_changes);
	if (rc == 0 && b->write) {
		b->ib.sha256_hex = b->sha256_hex;
		rc = rt_store_import_finish(b->s, &b->ib, err);
	}
	if (rc == 0 && b->write)
		rc = rt_store_commit(b->s, err);
	else {
		rt_store_import_end(&b->ib);   /* its writer stopped before the rollback */
		rt_store_rollback(b->s);
	}
	/* outside the transaction again (a failed commit rolls back); the
	 * pragma cannot fail there */
	if (b->write)
		rt_store_import_foreign_keys(b->s, true, NULL);
	if (rc)
		memset(b->st, 0, sizeof(*b->st));
	batch_free(b);
	return rc;
}
