/* Follow-up data entry against a store (see followup_entry.h). The rules
 * (value parsing, status, override) are core/outcome_entry.c; this file only
 * resolves references, loads what the rule needs and writes through the
 * store, so the CLI, the CSV import and the web form behave alike. */
#include "ingest/followup_entry.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/alloc.h"
#include "util/text.h"

/* ---- references ------------------------------------------------------------ */

static bool all_digits(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static const struct {
	const char *table;
	const char *none;      /* "ingen indikator" */
} ref_names[] = {
	{ "indicator", "ingen indikator" },
	{ "period", "ingen period" },
	{ "activity", "ingen aktivitet" },
	{ "org_unit", "ingen organisationsenhet" },
};

static int exists_by_id(rt_store *s, const char *table, int64_t id, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	int rc;
	if (!strcmp(table, "indicator")) {
		struct rt_indicator x;
		rc = rt_store_indicator_get(s, &a, id, &x, err);
	} else if (!strcmp(table, "period")) {
		struct rt_period x;
		rc = rt_store_period_get(s, &a, id, &x, err);
	} else if (!strcmp(table, "activity")) {
		struct rt_activity x;
		rc = rt_store_activity_get(s, &a, id, &x, err);
	} else {
		struct rt_org_unit x;
		rc = rt_store_org_get(s, &a, id, &x, err);
	}
	rt_arena_release(&a);
	return rc;
}

int rt_followup_resolve(rt_store *s, const char *table, const char *ref, int64_t *id,
                        rt_err *err)
{
	const char *none = NULL;
	for (size_t i = 0; i < sizeof(ref_names) / sizeof(ref_names[0]); i++)
		if (!strcmp(ref_names[i].table, table))
			none = ref_names[i].none;
	if (!none)
		return rt_err_set(err, RT_EINTERNAL, "table", "Okänd tabell: %s", table);
	const char *field = !strcmp(table, "org_unit") ? "org" : table;
	if (rt_str_blank(ref))
		return rt_err_set(err, RT_EINVAL, field, "Det finns %s angiven", none);
	rt_err tmp = RT_ERR_INIT;
	int rc;
	/* A year period's key ("2024") is all digits too: keys win over ids. */
	rc = rt_store_find_key(s, table, ref, id, &tmp);
	if (rc == RT_ENOTFOUND && all_digits(ref)) {
		*id = strtoll(ref, NULL, 10);
		rc = *id > 0 ? exists_by_id(s, table, *id, &tmp) : RT_ENOTFOUND;
	}
	if (rc == RT_ENOTFOUND) {
		*id = 0;
		if (!strcmp(table, "period"))
			return rt_err_set(err, RT_ENOTFOUND, field, "Perioden '%.60s' finns inte", ref);
		return rt_err_set(err, RT_ENOTFOUND, field, "Det finns %s med id eller nyckel '%.80s'",
		                  none, ref);
	}
	if (rc)
		return rt_err_set(err, rc, tmp.field, "%s", tmp.msg);
	return 0;
}

/* ---- outcomes -------------------------------------------------------------- */

static char *now_iso(rt_arena *a)
{
	char buf[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return rt_arena_strdup(a, buf);
}

/* The indicator, the period and the plan document the indicator is in. */
struct entry_refs {
	struct rt_indicator ind;
	struct rt_period period;
	int64_t org_id;
};

static int load_refs(rt_store *s, rt_arena *a, const char *indicator, const char *period,
                     const char *org, struct entry_refs *r, rt_err *err)
{
	int64_t ind_id, period_id;
	int rc;
	memset(r, 0, sizeof(*r));
	if ((rc = rt_followup_resolve(s, "indicator", indicator, &ind_id, err)) ||
	    (rc = rt_followup_resolve(s, "period", period, &period_id, err)) ||
	    (org && (rc = rt_followup_resolve(s, "org_unit", org, &r->org_id, err))) ||
	    (rc = rt_store_indicator_get(s, a, ind_id, &r->ind, err)) ||
	    (rc = rt_store_period_get(s, a, period_id, &r->period, err)))
		return rc;
	return 0;
}

int rt_followup_outcome_put(rt_store *s, rt_arena *a, const struct rt_outcome_request *rq,
                            struct rt_outcome_result *res, rt_err *err)
{
	memset(res, 0, sizeof(*res));
	struct entry_refs r;
	struct rt_plan_doc doc;
	int rc;
	if ((rc = load_refs(s, a, rq->indicator, rq->period, rq->org, &r, err)) != 0)
		return rc;
	/* only this indicator's targets, baselines and outcomes */
	rt_plan_doc_init(&doc);
	if ((rc = rt_store_indicator_load(s, r.ind.id, &doc, err)) != 0)
		return rc;

	/* A correction updates the row; the store keeps the old one in history. */
	struct rt_outcome old;
	rt_err nf = RT_ERR_INIT;
	rc = rt_store_outcome_find(s, a, r.ind.id, r.period.id, rq->gender, r.org_id, &old, &nf);
	if (rc && rc != RT_ENOTFOUND) {
		rc = rt_err_set(err, rc, nf.field, "%s", nf.msg);
		goto out;
	}
	res->updated = rc == 0;
	/* Correcting the value keeps the comment unless a new one is given. */
	struct rt_outcome_input in = rq->in;
	if (res->updated && !in.comment)
		in.comment = old.comment;

	struct rt_outcome_context ctx;
	rt_outcome_context_from_doc(&doc, &r.ind, &r.period, rq->gender, r.org_id, &ctx);
	bool found;
	if ((rc = rt_store_default_tolerance(s, doc.plan.owner_org_id, &ctx.default_tolerance,
	                                     &found, err)) != 0)
		goto out;
	struct rt_outcome *o = &res->outcome;
	memset(o, 0, sizeof(*o));
	if ((rc = rt_outcome_entry(&ctx, &in, o, &res->computed, err)) != 0)
		goto out;
	if (ctx.target)
		res->target_text = rt_arena_strdup(a, ctx.target->text);
	if (res->updated) {
		o->id = old.id;
		if (old.override_reason && !o->override_reason && old.status != o->status) {
			res->dropped_override = true;
			res->old_status = old.status;
			res->old_reason = old.override_reason;
		}
	}
	o->indicator_id = r.ind.id;
	o->period_id = r.period.id;
	o->gender = rq->gender;
	o->org_unit_id = r.org_id;
	o->entered_by = rq->by ? (char *)rq->by : NULL;
	o->entered_at = now_iso(a);
	/* The outcome points into rq; copy what the caller reads afterwards. */
	o->text = rt_arena_strdup(a, o->text);
	o->comment = rt_arena_strdup(a, o->comment);
	o->override_reason = rt_arena_strdup(a, o->override_reason);
	if ((rc = rt_store_outcome_put(s, o, err)) != 0)
		goto out;
	res->indicator_name = r.ind.name;
	res->period_key = r.period.key;
out:
	rt_plan_doc_release(&doc);
	return rc;
}

int rt_followup_outcome_get(rt_store *s, rt_arena *a, const char *indicator, const char *period,
                            enum rt_gender gender, const char *org, struct rt_outcome *out,
                            struct rt_outcome_history **hist, size_t *n_hist, rt_err *err)
{
	struct entry_refs r;
	*hist = NULL;
	*n_hist = 0;
	int rc = load_refs(s, a, indicator, period, org, &r, err);
	if (rc)
		return rc;
	rc = rt_store_outcome_find(s, a, r.ind.id, r.period.id, gender, r.org_id, out, err);
	if (rc == RT_ENOTFOUND)
		return rt_err_set(err, RT_ENOTFOUND, "indicator",
		                  "Det finns inget utfall för '%.80s' i %s", indicator, r.period.key);
	if (rc)
		return rc;
	return rt_store_outcome_history(s, a, out->id, hist, n_hist, err);
}

/* ---- activity states -------------------------------------------------------- */

static const struct {
	const char *word;
	enum rt_activity_state state;
} state_words[] = {
	{ "ej-påbörjad", RT_ACT_NOT_STARTED }, { "ej påbörjad", RT_ACT_NOT_STARTED },
	{ "pågår", RT_ACT_ONGOING }, { "klar", RT_ACT_DONE }, { "försenad", RT_ACT_DELAYED },
	{ "inställd", RT_ACT_CANCELLED },
};

void rt_followup_fold(rt_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z') {
			rt_buf_addch(b, (char)(c + 32));
		} else if (c == 0xC3 && (s[1] == '\x85' || s[1] == '\x84' || s[1] == '\x96')) {
			rt_buf_addch(b, (char)c);
			rt_buf_addch(b, (char)(s[1] + 0x20));
			s++;
		} else {
			rt_buf_addch(b, (char)c);
		}
	}
	rt_buf_trim(b);
}

int rt_activity_state_parse_sv(const char *s, enum rt_activity_state *out, rt_err *err)
{
	rt_buf f = RT_BUF_INIT;
	rt_followup_fold(&f, s ? s : "");
	int rc = RT_EINVAL;
	for (size_t i = 0; i < sizeof(state_words) / sizeof(state_words[0]); i++)
		if (!strcmp(f.buf, state_words[i].word)) {
			*out = state_words[i].state;
			rc = 0;
		}
	rt_buf_release(&f);
	if (rc == 0 || rt_activity_state_parse(s, out, NULL) == 0)
		return 0;
	return rt_err_set(err, RT_EINVAL, "state",
	                  "Okänt läge '%.60s' för aktiviteten. Välj ej-påbörjad, pågår, klar, "
	                  "försenad eller inställd", s ? s : "");
}

int rt_followup_activity_state_put(rt_store *s, rt_arena *a, const char *activity,
                                   const char *period, enum rt_activity_state state,
                                   const char *comment, const char *by,
                                   struct rt_activity_status *out, bool *updated, rt_err *err)
{
	int64_t act_id, period_id;
	int rc;
	*updated = false;
	if ((rc = rt_followup_resolve(s, "activity", activity, &act_id, err)) ||
	    (rc = rt_followup_resolve(s, "period", period, &period_id, err)))
		return rc;
	rt_err nf = RT_ERR_INIT;
	rc = rt_store_activity_status_find(s, a, act_id, period_id, out, &nf);
	if (rc && rc != RT_ENOTFOUND)
		return rt_err_set(err, rc, nf.field, "%s", nf.msg);
	if (rc == RT_ENOTFOUND) {
		memset(out, 0, sizeof(*out));
		out->activity_id = act_id;
		out->period_id = period_id;
	} else {
		*updated = true;
	}
	out->state = state;
	out->comment = rt_str_blank(comment) ? NULL : rt_arena_strdup(a, comment);
	out->entered_by = by ? rt_arena_strdup(a, by) : NULL;
	out->entered_at = now_iso(a);
	return rt_store_activity_status_put(s, out, err);
}
