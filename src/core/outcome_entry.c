/* Outcome entry (see outcome_entry.h): parse a typed value against its
 * indicator, apply the status rule and a person's chosen status. Every
 * refusal is one Swedish sentence that says what to type instead, because
 * the people who see it are planning officers, not programmers.
 * Pure: no I/O. */
#include "core/outcome_entry.h"

#include <string.h>

#include "util/text.h"

/* Rows for the whole scope: gender total, no org unit. */
#define WHOLE_SCOPE(x) ((x)->gender == RT_GENDER_TOTAL && (x)->org_unit_id == 0)
#define SAME_SCOPE(x, g, org) ((x)->gender == (g) && (x)->org_unit_id == (org))

/* ---- context from the plan document --------------------------------------- */

/* Is period q before period p? Tertials are cumulative from January, so they
 * are ordered by their end date first (the same order as the report's trend). */
static bool period_before(const struct rt_period *q, const struct rt_period *p)
{
	int c = strcmp(q->end_date ? q->end_date : "", p->end_date ? p->end_date : "");
	if (c) return c < 0;
	return strcmp(q->start_date ? q->start_date : "", p->start_date ? p->start_date : "") > 0;
}

static const struct rt_target *find_target(const struct rt_plan_doc *d, int64_t ind, int year,
                                           enum rt_gender g, int64_t org)
{
	const struct rt_target *whole = NULL;
	for (size_t i = 0; i < d->n_targets; i++) {
		const struct rt_target *t = &d->targets[i];
		if (t->indicator_id != ind || t->year != year)
			continue;
		if (SAME_SCOPE(t, g, org))
			return t;
		if (WHOLE_SCOPE(t))
			whole = t;
	}
	return whole;
}

/* The baseline of `year` (exactly) or, with year 0, the latest before
 * `before`; for the gender/org unit when there is one, else the whole scope. */
static bool find_baseline(const struct rt_plan_doc *d, int64_t ind, int year, int before,
                          enum rt_gender g, int64_t org, double *value)
{
	const struct rt_baseline *best = NULL;
	bool best_exact = false;
	for (size_t i = 0; i < d->n_baselines; i++) {
		const struct rt_baseline *b = &d->baselines[i];
		if (b->indicator_id != ind || !b->has_value)
			continue;
		if (year ? b->year != year : b->year >= before)
			continue;
		bool exact = SAME_SCOPE(b, g, org);
		if (!exact && !WHOLE_SCOPE(b))
			continue;
		/* the own scope wins; among equals the later year */
		if (!best || (exact && !best_exact) ||
		    (exact == best_exact && b->year > best->year)) {
			best = b;
			best_exact = exact;
		}
	}
	if (best)
		*value = best->value;
	return best != NULL;
}

void rt_outcome_context_from_doc(const struct rt_plan_doc *doc, const struct rt_indicator *ind,
                                 const struct rt_period *period, enum rt_gender gender,
                                 int64_t org_unit_id, struct rt_outcome_context *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->indicator = ind;
	ctx->period = period;
	ctx->default_tolerance = -1;
	ctx->target = find_target(doc, ind->id, period->year, gender, org_unit_id);
	if (!ctx->target)
		return;
	const struct rt_target_spec *t = &ctx->target->spec;
	if (t->cmp == RT_CMP_RELATIVE) {
		ctx->has_base = find_baseline(doc, ind->id, t->base_year, 0, gender, org_unit_id,
		                              &ctx->base);
	} else if (t->cmp == RT_CMP_MAINTAIN_OR_INCREASE) {
		/* "Bibehålla/öka": the latest earlier outcome, else the latest
		 * baseline before the period's year ("Utfall 2022") */
		const struct rt_period *best = NULL;
		for (size_t i = 0; i < doc->n_outcomes; i++) {
			const struct rt_outcome *o = &doc->outcomes[i];
			const struct rt_period *q = rt_doc_period(doc, o->period_id);
			if (o->indicator_id != ind->id || !q || !o->value.has_value ||
			    !SAME_SCOPE(o, gender, org_unit_id) || !period_before(q, period))
				continue;
			if (!best || period_before(best, q)) {
				best = q;
				ctx->base = o->value.value;
			}
		}
		ctx->has_base = best != NULL ||
		                find_baseline(doc, ind->id, 0, period->year, gender, org_unit_id,
		                              &ctx->base);
	}
}

/* ---- the value ----------------------------------------------------------- */

bool rt_outcome_expected(const struct rt_indicator *ind, const struct rt_period *period)
{
	if (ind->frequency != RT_FREQ_YEAR)
		return true;
	return rt_period_is_full_year(period->kind, period->number);
}

/* ASCII case-insensitive equality of two words. */
static bool word_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
		if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
		if (x != y) return false;
	}
	return *a == *b;
}

/* Units compare without case, and "procent" is "%". */
static bool unit_eq(const char *a, const char *b)
{
	if (word_eq(a, "procent")) a = "%";
	if (word_eq(b, "procent")) b = "%";
	return word_eq(a, b);
}

/* The unit the indicator is measured in: its own, else its target's. */
static const char *expected_unit(const struct rt_indicator *ind, const struct rt_target *target)
{
	if (!rt_str_blank(ind->unit))
		return ind->unit;
	if (target && target->spec.has_value && target->spec.cmp != RT_CMP_RELATIVE &&
	    target->spec.unit[0])
		return target->spec.unit;
	return NULL;
}

int rt_outcome_value_parse(const struct rt_indicator *ind, const struct rt_target *target,
                           const char *text, struct rt_target_spec *out, rt_err *err)
{
	int rc = rt_value_parse(text, out, err);
	if (rc)
		return rc;
	if (ind->kind == RT_IND_QUALITATIVE) {
		if (out->cmp == RT_CMP_QUALITATIVE)
			return 0;
		rc = rt_err_set(err, RT_EINVAL, "value",
		                "Indikatorn är kvalitativ: utfallet ska vara Ja, Delvis eller Nej, "
		                "inte '%.100s'", text);
		goto fail;
	}
	if (out->cmp == RT_CMP_QUALITATIVE) {
		rc = rt_err_set(err, RT_EINVAL, "value",
		                "Indikatorn är kvantitativ: utfallet ska vara ett tal, t.ex. "
		                "'5,4 %%' eller '203,5', inte '%.100s'", text);
		goto fail;
	}
	const char *want = expected_unit(ind, target);
	if (want && out->unit[0] && !unit_eq(out->unit, want)) {
		rc = rt_err_set(err, RT_EINVAL, "value",
		                "Enheten '%s' i utfallet '%.100s' passar inte indikatorn, som mäts "
		                "i '%s'; skriv talet med '%s' eller utan enhet",
		                out->unit, text, want, want);
		goto fail;
	}
	/* "5,4" for a %-indicator is 5,4 %: store the unit it is measured in */
	if (want && strlen(want) < sizeof(out->unit))
		strcpy(out->unit, unit_eq(want, "%") ? "%" : want);
	return 0;
fail:
	memset(out, 0, sizeof(*out));
	out->cmp = RT_CMP_TEXT;
	return rc;
}

int rt_tolerance_parse(const char *s, double *out, rt_err *err)
{
	struct rt_target_spec v;
	rt_err why = RT_ERR_INIT;
	if (rt_value_parse(s, &v, &why) != 0 || !v.has_value || (v.unit[0] && strcmp(v.unit, "%")) ||
	    v.value < 0 || v.value > 100)
		return rt_err_set(err, RT_EINVAL, "tolerance",
		                  "Ogiltig tolerans '%.40s'; ange procent mellan 0 och 100, t.ex. 10 "
		                  "eller 12,5 %%", s ? s : "");
	*out = v.value;
	return 0;
}

/* ---- the status ------------------------------------------------------------ */

static const struct {
	const char *word;
	enum rt_status status;
} status_words[] = {
	{ "uppfyllt", RT_STATUS_ACHIEVED }, { "delvis", RT_STATUS_PARTLY },
	{ "ej", RT_STATUS_NOT_ACHIEVED }, { "delvis uppfyllt", RT_STATUS_PARTLY },
	{ "ej uppfyllt", RT_STATUS_NOT_ACHIEVED }, { "achieved", RT_STATUS_ACHIEVED },
	{ "partly", RT_STATUS_PARTLY }, { "not_achieved", RT_STATUS_NOT_ACHIEVED },
};

int rt_outcome_status_parse(const char *s, enum rt_status *out, rt_err *err)
{
	for (size_t i = 0; s && i < sizeof(status_words) / sizeof(status_words[0]); i++)
		if (word_eq(s, status_words[i].word)) {
			*out = status_words[i].status;
			return 0;
		}
	return rt_err_set(err, RT_EINVAL, "status",
	                  "Okänd status '%.60s'. Välj uppfyllt (●), delvis (◆) eller ej (■)",
	                  s ? s : "");
}

void rt_outcome_status_format(rt_buf *out, enum rt_status s, const struct rt_status_result *why)
{
	if (s != RT_STATUS_NONE) {
		rt_buf_addf(out, "%s %s", rt_status_symbol(s), rt_status_label(s));
		if (why)
			rt_buf_addf(out, " – %s", rt_status_reason_label(why->reason));
		return;
	}
	rt_buf_addf(out, "– %s", why ? rt_status_reason_label(why->reason) : rt_status_label(s));
}

int rt_outcome_entry(const struct rt_outcome_context *ctx, const struct rt_outcome_input *in,
                     struct rt_outcome *o, struct rt_status_result *computed, rt_err *err)
{
	const struct rt_indicator *ind = ctx->indicator;
	struct rt_target_spec value;
	memset(&value, 0, sizeof(value));
	value.cmp = RT_CMP_TEXT;
	bool has_value = !rt_str_blank(in->text);
	if (!has_value && rt_str_blank(in->comment) && !in->has_chosen)
		return rt_err_set(err, RT_EINVAL, "value",
		                  "Ange ett utfall, en kommentar eller båda");
	if (has_value) {
		int rc = rt_outcome_value_parse(ind, ctx->target, in->text, &value, err);
		if (rc)
			return rc;
		if (!rt_outcome_expected(ind, ctx->period))
			return rt_err_set(err, RT_EINVAL, "period",
			                  "Indikatorn mäts helår och rapporteras inte i %s; ange "
			                  "utfallet i en helårsperiod (t.ex. %d eller %d-T3), eller "
			                  "lämna utfallet tomt och skriv bara en kommentar (rapporten "
			                  "visar då \"Mäts helår\")",
			                  ctx->period->key ? ctx->period->key : "perioden",
			                  ctx->period->year, ctx->period->year);
	}

	struct rt_status_input si = {
		.indicator = ind,
		.target = ctx->target ? &ctx->target->spec : NULL,
		.value = has_value ? &value : NULL,
		.period_kind = ctx->period->kind,
		.period_number = ctx->period->number,
		.has_base = ctx->has_base,
		.base = ctx->base,
		.tolerance = ind->has_tolerance ? ind->tolerance : ctx->default_tolerance,
	};
	struct rt_status_result res = rt_status_compute(&si);

	enum rt_status status = res.status;
	const char *reason = NULL;
	if (in->has_chosen && in->chosen != res.status) {
		if (rt_str_blank(in->reason)) {
			rt_buf want = RT_BUF_INIT, got = RT_BUF_INIT;
			rt_outcome_status_format(&want, in->chosen, NULL);
			rt_outcome_status_format(&got, res.status, &res);
			rt_err_set(err, RT_EINVAL, "reason",
			           "Den valda statusen (%s) skiljer sig från den beräknade (%s); "
			           "en ändrad status kräver en motivering", want.buf, got.buf);
			rt_buf_release(&want);
			rt_buf_release(&got);
			return RT_EINVAL;
		}
		status = in->chosen;
		reason = in->reason;
	}

	o->text = has_value ? (char *)in->text : NULL;
	o->value = value;
	o->comment = rt_str_blank(in->comment) ? NULL : (char *)in->comment;
	o->status = status;
	o->computed_status = res.status;
	o->override_reason = (char *)reason;
	if (computed)
		*computed = res;
	return 0;
}
