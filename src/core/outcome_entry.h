/* Turning what a person typed into an outcome (utfall): the value is parsed
 * against the indicator (a number with an optional unit that must match, or
 * Ja/Delvis/Nej for a qualitative one), the status rule (core/status.h) is
 * applied with the indicator's tolerance or the region default, and a chosen
 * status that differs from the computed one needs a justification. Both the
 * computed and the chosen status are kept. Shared by `rodtrad outcome set`,
 * the CSV import and (later) the web form, so they all refuse the same input
 * with the same Swedish message. Pure: no I/O. */
#ifndef RT_CORE_OUTCOME_ENTRY_H
#define RT_CORE_OUTCOME_ENTRY_H
#include <stdbool.h>
#include "core/followup.h"
#include "core/indicator.h"
#include "core/plan_doc.h"
#include "core/status.h"

/* What the status rule needs to know about an indicator in a period. */
struct rt_outcome_context {
	const struct rt_indicator *indicator;
	const struct rt_period *period;
	const struct rt_target *target;  /* målvärde for the period's year; NULL = none */
	bool has_base;                   /* base for relative / Bibehålla-öka targets */
	double base;
	double default_tolerance;        /* region-wide default in percent; < 0 = built-in 10 % */
};

/* Fills ctx from the indicator's plan document: the target of the period's
 * year (for the gender / org unit when there is one, else the whole scope),
 * the base-year baseline of a relative target, and for "Bibehålla/öka" the
 * latest earlier outcome (else the latest earlier baseline). `period` need
 * not be in doc->periods. default_tolerance is set to -1. */
void rt_outcome_context_from_doc(const struct rt_plan_doc *doc, const struct rt_indicator *ind,
                                 const struct rt_period *period, enum rt_gender gender,
                                 int64_t org_unit_id, struct rt_outcome_context *ctx);

/* What was typed. Strings are borrowed: the filled outcome points at them. */
struct rt_outcome_input {
	const char *text;         /* the value as typed; NULL or blank = no value */
	const char *comment;      /* may be NULL */
	bool has_chosen;          /* --status given */
	enum rt_status chosen;
	const char *reason;       /* justification of a chosen status; may be NULL */
};

/* Is the indicator reported in this period? A yearly indicator ("mäts
 * helår") is only expected in a period that covers the whole year. */
bool rt_outcome_expected(const struct rt_indicator *ind, const struct rt_period *period);

/* Parses `text` against the indicator: Ja/Delvis/Nej only for a qualitative
 * indicator, a number only for a quantitative one; a unit must be the
 * indicator's unit (or, when it has none, the target's), "procent" counts
 * as "%". A value without a unit gets the expected unit. `target` may be
 * NULL. RT_EINVAL with a Swedish message otherwise. */
int rt_outcome_value_parse(const struct rt_indicator *ind, const struct rt_target *target,
                           const char *text, struct rt_target_spec *out, rt_err *err);

/* The whole entry: parses the value, refuses a value for an indicator that
 * is not expected in the period (a comment alone is fine: the report shows
 * "Mäts helår" with it), computes the status and applies the chosen one.
 * On success fills o->text, value, comment, status, computed_status and
 * override_reason (pointing into `in`), and *computed (may be NULL) with the
 * rule's result; the ids, gender, org unit and who/when are the caller's. */
int rt_outcome_entry(const struct rt_outcome_context *ctx, const struct rt_outcome_input *in,
                     struct rt_outcome *o, struct rt_status_result *computed, rt_err *err);

/* A tolerance as a person types it: "15", "12,5 %" (0–100 percent). */
int rt_tolerance_parse(const char *s, double *out, rt_err *err);

/* "uppfyllt" / "delvis" / "ej" (also the English tokens and the labels). */
int rt_outcome_status_parse(const char *s, enum rt_status *out, rt_err *err);

/* "● Uppfyllt", "◆ Delvis uppfyllt", "■ Ej uppfyllt", with " – reason" when
 * `why` is given; for no status "– " and the reason ("Mäts helår", "Status
 * saknas", …). Appends to out. */
void rt_outcome_status_format(rt_buf *out, enum rt_status s, const struct rt_status_result *why);

#endif
