/* The outcome import's engine (see outcome_batch.h). Everything a row
 * needs is found in memory: references through a table of the distinct
 * texts, the stored outcome of a row through a table of (indicator,
 * period, gender, org unit) made before the rows are checked, and the
 * status rule's context through one plan document per indicator that is a
 * view into one bulk read (rt_store_indicators_load). */
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

/* ---- the references, once per distinct text --------------------------- */

struct ref_slot {
	uint64_t hash;
	const char *text;       /* borrowed from the rows */
	char kind;              /* 'i' indicator, 'p' period, 'o' org unit */
	int64_t id;
};

struct refs {
	struct ref_slot *slots;
	size_t cap, n;
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
	t->slots[k] = (struct ref_slot){ h, text, kind, 0 };
	t->n++;
	return &t->slots[k];
}

static const char *const ref_table[] = { ['i'] = "indicator", ['p'] = "period",
                                         ['o'] = "org_unit" };

static int resolve(rt_store *s, struct refs *t, char kind, const char *text, int64_t *id,
                   rt_err *err)
{
	struct ref_slot *r = ref_slot(t, kind, text ? text : "");
	if (!r->id) {
		int64_t found;
		int rc = rt_followup_resolve(s, ref_table[(int)kind], text, &found, err);
		if (rc)
			return rc;
		r = ref_slot(t, kind, text ? text : "");   /* the table may have grown */
		r->id = found;
	}
	*id = r->id;
	return 0;
}

/* ---- one slot per outcome the file names ------------------------------ */

struct key_slot {
	int64_t ind, period, org;
	int gender;             /* -1 = free */
	size_t line;            /* the row that names it */
	int64_t at;             /* index in its indicator's view outcomes; -1 = none stored */
};

struct keys {
	struct key_slot *slots;
	size_t cap;             /* a power of two, at least twice the rows: never grows */
};

static size_t key_home(const struct keys *t, int64_t ind, int64_t period, int gender,
                       int64_t org)
{
	uint64_t z = (uint64_t)ind * 0x9e3779b97f4a7c15ull ^ (uint64_t)period * 0xbf58476d1ce4e5b9ull ^
	             (uint64_t)org * 0x94d049bb133111ebull ^ (uint64_t)gender;
	z ^= z >> 31;
	z *= 0xd6e8feb86659fd93ull;
	z ^= z >> 32;
	return z & (t->cap - 1);
}

/* The slot of the key; *fresh when it was free (now taken). */
static struct key_slot *key_slot(struct keys *t, int64_t ind, int64_t period, int gender,
                                 int64_t org, bool insert, bool *fresh)
{
	size_t k = key_home(t, ind, period, gender, org);
	for (; t->slots[k].gender >= 0; k = (k + 1) & (t->cap - 1)) {
		struct key_slot *x = &t->slots[k];
		if (x->ind == ind && x->period == period && x->gender == gender && x->org == org) {
			*fresh = false;
			return x;
		}
	}
	*fresh = insert;
	if (!insert)
		return NULL;
	t->slots[k] = (struct key_slot){ ind, period, org, gender, 0, -1 };
	return &t->slots[k];
}

/* ---- per indicator: a plan document that is a view into the bulk read -- */

struct view {
	struct rt_plan_doc doc; /* arrays borrowed from the bulk read, outcomes maybe own */
	bool own;               /* doc.outcomes is this view's malloc'd copy */
	int64_t owner;
};

struct batch {
	rt_store *s;
	const struct rt_outcome_import_opts *o;
	const char *name;
	const struct rt_outcome_row *rows;
	int64_t (*res)[3];      /* per row: indicator, period, org unit ids */
	struct key_slot **slot; /* per row */
	struct refs refs;
	struct keys keys;
	struct rt_plan_doc all; /* the bulk read */
	struct view *views;     /* one per all.indicators[] */
	struct { int64_t org; double tol; } *tols;
	size_t n_tols;
	struct { int64_t owner, period; } *allowed;   /* pairs the principal may write */
	size_t n_allowed;
	size_t shown;
	struct rt_outcome_csv_stats *st;
};

static size_t ind_index(const struct batch *b, int64_t id)
{
	size_t lo = 0, hi = b->all.n_indicators;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (b->all.indicators[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

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

/* Pass 1 for rows[i]: its references and its key. */
static int pass_refs(struct batch *b, size_t i, rt_err *err)
{
	const struct rt_outcome_row *r = &b->rows[i];
	int64_t *id = b->res[i];
	rt_err e = RT_ERR_INIT;
	int rc = resolve(b->s, &b->refs, 'i', r->indicator, &id[0], &e);
	if (rc == 0)
		rc = resolve(b->s, &b->refs, 'p', r->period, &id[1], &e);
	id[2] = 0;
	if (rc == 0 && r->org)
		rc = resolve(b->s, &b->refs, 'o', r->org, &id[2], &e);
	if (rc)
		return rt_err_set(err, rc, e.field, "%s, rad %zu: %s", b->name, r->line, e.msg);
	bool fresh;
	struct key_slot *k = key_slot(&b->keys, id[0], id[1], (int)r->gender, id[2], true, &fresh);
	if (!fresh)
		return rt_err_set(err, RT_ECONFLICT, "", "%s, rad %zu: samma indikator, period, kön "
		                  "och enhet som rad %zu; varje utfall får bara finnas på en rad",
		                  b->name, r->line, k->line);
	k->line = r->line;
	b->slot[i] = k;
	return 0;
}

/* The bulk read for the indicators of rows[0..limit) and the views on it;
 * every stored outcome that a row names is found in its key slot. */
static int load(struct batch *b, size_t limit, rt_err *err)
{
	int64_t *ids = rt_xcalloc(limit + 1, sizeof(*ids));
	size_t n = 0;
	for (size_t i = 0; i < b->refs.cap; i++)
		if (b->refs.slots[i].hash && b->refs.slots[i].kind == 'i' && b->refs.slots[i].id)
			ids[n++] = b->refs.slots[i].id;
	int64_t *owners;
	int rc = rt_store_indicators_load(b->s, ids, n, &b->all, &owners, err);
	free(ids);
	if (rc)
		return rc;
	struct rt_plan_doc *d = &b->all;
	b->views = rt_xcalloc(d->n_indicators + 1, sizeof(*b->views));
	size_t t = 0, bl = 0, oc = 0;
	for (size_t k = 0; k < d->n_indicators; k++) {
		struct view *v = &b->views[k];
		int64_t id = d->indicators[k].id;
		rt_plan_doc_init(&v->doc);
		v->owner = owners[k];
		v->doc.plan.owner_org_id = owners[k];
		v->doc.indicators = &d->indicators[k];
		v->doc.n_indicators = 1;
		v->doc.periods = d->periods;
		v->doc.n_periods = d->n_periods;
		/* the lists are grouped by indicator in id order, like the indicators */
		while (t < d->n_targets && d->targets[t].indicator_id < id) t++;
		v->doc.targets = d->targets + t;
		while (t < d->n_targets && d->targets[t].indicator_id == id) t++, v->doc.n_targets++;
		while (bl < d->n_baselines && d->baselines[bl].indicator_id < id) bl++;
		v->doc.baselines = d->baselines + bl;
		while (bl < d->n_baselines && d->baselines[bl].indicator_id == id)
			bl++, v->doc.n_baselines++;
		while (oc < d->n_outcomes && d->outcomes[oc].indicator_id < id) oc++;
		v->doc.outcomes = d->outcomes + oc;
		for (; oc < d->n_outcomes && d->outcomes[oc].indicator_id == id; oc++) {
			const struct rt_outcome *x = &d->outcomes[oc];
			bool fresh;
			struct key_slot *ks = key_slot(&b->keys, x->indicator_id, x->period_id,
			                               (int)x->gender, x->org_unit_id, false, &fresh);
			if (ks)
				ks->at = (int64_t)v->doc.n_outcomes;
			v->doc.n_outcomes++;
		}
		v->doc.cap_outcomes = v->doc.n_outcomes;
	}
	return 0;
}

static int tolerance(struct batch *b, int64_t org, double *tol, rt_err *err)
{
	for (size_t i = 0; i < b->n_tols; i++)
		if (b->tols[i].org == org) {
			*tol = b->tols[i].tol;
			return 0;
		}
	bool found;
	int rc = rt_store_default_tolerance(b->s, org, tol, &found, err);
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
static int may_report(struct batch *b, int64_t owner, int64_t period, rt_err *err)
{
	const struct rt_principal *p = rt_store_principal_get(b->s);
	if (!p)
		return 0;
	for (size_t i = 0; i < b->n_allowed; i++)
		if (b->allowed[i].owner == owner && b->allowed[i].period == period)
			return 0;
	int rc = rt_store_followup_check(b->s, p, owner, period, err);
	if (rc)
		return rc;
	b->allowed = rt_xrealloc(b->allowed, (b->n_allowed + 1) * sizeof(*b->allowed));
	b->allowed[b->n_allowed].owner = owner;
	b->allowed[b->n_allowed++].period = period;
	return 0;
}

/* The written value, for the status of later rows of the same indicator. */
static void remember(struct view *v, struct key_slot *k, const struct rt_outcome *o)
{
	if (k->at >= 0) {
		struct rt_outcome *x = &v->doc.outcomes[k->at];
		int64_t id = x->id;
		*x = *o;
		x->id = id;
		return;
	}
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
	k->at = (int64_t)v->doc.n_outcomes;
	v->doc.outcomes[v->doc.n_outcomes++] = *o;
}

static void note_change(struct batch *b, const struct rt_outcome_row *r, const char *period,
                        bool updated, const struct rt_outcome *o)
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

/* Pass 2 for rows[i]: the value and its status; staged in the batch. */
static int pass_value(struct batch *b, size_t i, struct rt_import_batch *ib, const char *now,
                      rt_err *err)
{
	const struct rt_outcome_row *r = &b->rows[i];
	const int64_t *id = b->res[i];
	struct key_slot *k = b->slot[i];
	size_t x = ind_index(b, id[0]);
	const struct rt_period *period = period_by_id(&b->all, id[1]);
	if (x >= b->all.n_indicators || b->all.indicators[x].id != id[0] || !period)
		return rt_err_set(err, RT_EINTERNAL, "", "%s, rad %zu: Internt fel: indikatorn eller "
		                  "perioden saknas i inläsningen", b->name, r->line);
	struct view *v = &b->views[x];
	const struct rt_indicator *ind = &b->all.indicators[x];
	const struct rt_outcome *old = k->at >= 0 ? &v->doc.outcomes[k->at] : NULL;

	struct rt_outcome_input in;
	memset(&in, 0, sizeof(in));
	in.text = r->value;
	/* correcting the value keeps the comment unless a new one is given */
	in.comment = r->comment ? r->comment : old ? old->comment : NULL;
	struct rt_outcome_context ctx;
	rt_outcome_context_from_doc(&v->doc, ind, period, r->gender, id[2], &ctx);
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
	o.entered_at = (char *)now;
	if (ib && (rc = rt_store_import_row(b->s, ib, (int64_t)r->line, &o, &e)) != 0)
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

static int passes(struct batch *b, size_t n, bool write, struct rt_import_batch *ib,
                  const rt_err *pending, rt_err *err)
{
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	int rc;
	rt_err first = RT_ERR_INIT;
	size_t limit = n;
	for (size_t i = 0; i < n; i++)
		if (pass_refs(b, i, &first) != 0) {
			limit = i;
			write = false;
			break;
		}
	if ((rc = load(b, limit, err)) != 0)
		return rc;
	for (size_t i = 0; i < limit; i++)
		if ((rc = pass_value(b, i, write ? ib : NULL, now, err)) != 0)
			break;
	if (rc)
		return rc;
	if (limit < n)
		return rt_err_set(err, first.code, first.field, "%s", first.msg);
	if (pending)
		return rt_err_set(err, pending->code, pending->field, "%s", pending->msg);
	if (b->o->changes && b->o->max_changes && b->shown > b->o->max_changes)
		rt_buf_addf(b->o->changes, "… och %zu rader till\n", b->shown - b->o->max_changes);
	return write ? rt_store_import_finish(b->s, ib, err) : 0;
}

static int run(struct batch *b, size_t n, const char *sha256_hex, const rt_err *pending,
               rt_err *err)
{
	bool write = !b->o->dry_run && !pending;
	struct rt_import_batch ib;
	/* the batch row first: the transaction holds the write lock from here */
	int rc = write ? rt_store_import_begin(b->s, b->name, sha256_hex, &ib, err) : 0;
	if (rc)
		return rc;
	rc = passes(b, n, write, &ib, pending, err);
	if (write)
		rt_store_import_end(&ib);
	return rc;
}

int rt_outcome_batch(rt_store *s, const struct rt_outcome_import_opts *o, const char *name,
                     const char *sha256_hex, const struct rt_outcome_row *rows, size_t n,
                     const rt_err *pending, struct rt_outcome_csv_stats *st, rt_err *err)
{
	memset(st, 0, sizeof(*st));
	struct batch b;
	memset(&b, 0, sizeof(b));
	b.s = s;
	b.o = o;
	b.name = name;
	b.rows = rows;
	b.st = st;
	b.res = rt_xcalloc(n + 1, sizeof(*b.res));
	b.slot = rt_xcalloc(n + 1, sizeof(*b.slot));
	b.keys.cap = 16;
	while (b.keys.cap < 2 * n + 2)
		b.keys.cap *= 2;
	b.keys.slots = rt_xcalloc(b.keys.cap, sizeof(*b.keys.slots));
	for (size_t i = 0; i < b.keys.cap; i++)
		b.keys.slots[i].gender = -1;
	rt_plan_doc_init(&b.all);

	int rc = rt_store_bulk_hint(s, err);
	if (rc == 0 && (rc = rt_store_begin(s, o->actor, err)) == 0) {
		rc = run(&b, n, sha256_hex, pending, err);
		if (rc == 0 && !o->dry_run)
			rc = rt_store_commit(s, err);
		else
			rt_store_rollback(s);
	}
	for (size_t i = 0; b.views && i < b.all.n_indicators; i++)
		if (b.views[i].own)
			free(b.views[i].doc.outcomes);
	free(b.views);
	free(b.tols);
	free(b.allowed);
	rt_plan_doc_release(&b.all);
	free(b.refs.slots);
	free(b.keys.slots);
	free(b.res);
	free(b.slot);
	if (rc)
		memset(st, 0, sizeof(*st));
	return rc;
}
