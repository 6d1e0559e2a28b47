/* Targets (målvärde/målnivå) and measured values, parsed from the way the
 * seeds write them: "<250", "≤ 4,7 %", "≥ 4,5", ">75", "5,7 %", "100 %",
 * "-26 151", "Bibehålla/öka", "-10 % jämfört med 2018", "Ja"/"Delvis"/"Nej",
 * and prose that is kept but not computable ("Ny indikator", "Ska utarbetas").
 * Pure: no I/O. Numbers use the Swedish decimal comma. */
#ifndef RT_CORE_TARGET_H
#define RT_CORE_TARGET_H
#include <stdbool.h>
#include "util/err.h"
#include "util/buf.h"

enum rt_direction {
	RT_DIR_NONE,           /* not stated */
	RT_DIR_HIGHER,         /* higher is better */
	RT_DIR_LOWER,          /* lower is better */
};

enum rt_comparator {
	RT_CMP_REACH,          /* plain number: reach it in the indicator's direction */
	RT_CMP_LT, RT_CMP_LE, RT_CMP_GT, RT_CMP_GE, RT_CMP_EQ,
	RT_CMP_MAINTAIN_OR_INCREASE, /* "Bibehålla/öka": >= the base (previous) value */
	RT_CMP_RELATIVE,       /* "-10 % jämfört med 2018": change in % against base_year */
	RT_CMP_QUALITATIVE,    /* "Ja" / "Delvis" / "Nej" */
	RT_CMP_TEXT,           /* prose only, no rule can be computed */
};

enum rt_qual {
	RT_QUAL_NONE,
	RT_QUAL_YES,           /* Ja */
	RT_QUAL_PARTLY,        /* Delvis */
	RT_QUAL_NO,            /* Nej */
};

/* A parsed value or target. `text` is always the original, trimmed, so
 * nothing a person typed is lost even when it cannot be computed. */
struct rt_target_spec {
	enum rt_comparator cmp;
	bool has_value;
	double value;          /* for RELATIVE: the change in percent, e.g. -10 */
	char unit[16];         /* "%", "kWh/m2", "" */
	int base_year;         /* RELATIVE only */
	enum rt_qual qual;     /* QUALITATIVE only */
};

/* Parse a target text. Unparseable prose becomes RT_CMP_TEXT (not an error);
 * an error is only a text that looks numeric but is malformed ("5,4,3 %"). */
int rt_target_parse(const char *text, struct rt_target_spec *out, rt_err *err);

/* Parse a measured value (utfall): a number with optional unit, or Ja/Delvis/
 * Nej. Empty text or prose is RT_EINVAL with a Swedish message. */
int rt_value_parse(const char *text, struct rt_target_spec *out, rt_err *err);

/* Does `value` meet `target`? `base` is the reference value for
 * MAINTAIN_OR_INCREASE (previous value) and RELATIVE (base-year value);
 * has_base false means unknown. Returns 1 met, 0 not met, -1 not computable
 * (TEXT target, missing base, qualitative vs numeric). */
int rt_target_met(const struct rt_target_spec *target, enum rt_direction dir,
                  double value, bool has_base, double base);
int rt_target_met_qual(const struct rt_target_spec *target, enum rt_qual value);

/* Canonical Swedish rendering: "≤ 4,7 %", "Bibehålla/öka", "-10 % jämfört med 2018". */
void rt_target_format(rt_buf *out, const struct rt_target_spec *t);

const char *rt_direction_name(enum rt_direction d);     /* "higher" */
int rt_direction_parse(const char *s, enum rt_direction *out, rt_err *err);
const char *rt_qual_label(enum rt_qual q);              /* "Ja" */

#endif
