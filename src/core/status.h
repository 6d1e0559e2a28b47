/* The status rule: turns an indicator's outcome for a period into
 * ● uppfyllt / ◆ delvis uppfyllt / ■ ej uppfyllt, or no status with the
 * reason shown instead ("Status saknas", "Mäts helår", …). One rule for the
 * CLI, the API and every report (ARCHITECTURE.md: core decides).
 * Rules, documented with seed-003 examples in docs/status-rules.md:
 *  - met per the target's comparator and the indicator's direction → ●
 *  - not met, but within the tolerance band (default 10 % of the target,
 *    inclusive; per indicator overridable) → ◆, else ■
 *  - relative targets ("-10 % jämfört med 2018") compare the change against
 *    the base-year value; "Bibehålla/öka" compares against the base value
 *  - qualitative: Ja → ●, Delvis → ◆, Nej → ■
 *  - no value: none; a yearly indicator in a shorter period: "Mäts helår".
 * Pure: no I/O. */
#ifndef RT_CORE_STATUS_H
#define RT_CORE_STATUS_H
#include <stdbool.h>
#include "core/followup.h"
#include "core/indicator.h"
#include "core/target.h"

/* Region-wide default width of the "partly" band, in percent of the target. */
#define RT_STATUS_DEFAULT_TOLERANCE 10.0

/* Why a status is what it is; also why there is none. */
enum rt_status_reason {
	RT_REASON_MET,              /* ● target met */
	RT_REASON_WITHIN_TOLERANCE, /* ◆ missed by no more than the tolerance */
	RT_REASON_MISSED,           /* ■ missed by more than the tolerance */
	RT_REASON_QUALITATIVE,      /* Ja/Delvis/Nej mapped to ●◆■ */
	RT_REASON_NO_VALUE,         /* "Status saknas": nothing reported */
	RT_REASON_MEASURED_YEARLY,  /* "Mäts helår": not expected in this period */
	RT_REASON_NO_TARGET,        /* no target for the year */
	RT_REASON_NOT_COMPUTABLE,   /* prose target, missing base value, kind mismatch */
};

struct rt_status_input {
	const struct rt_indicator *indicator;
	const struct rt_target_spec *target;   /* NULL when there is none */
	const struct rt_target_spec *value;    /* NULL or !has_value/qual NONE when missing */
	enum rt_period_kind period_kind;
	int period_number;                     /* to tell T3 (full year) from T1/T2 */
	bool has_base;                         /* base-year / previous value known */
	double base;
	double tolerance;                      /* percent; < 0 means the default */
};

struct rt_status_result {
	enum rt_status status;
	enum rt_status_reason reason;
};

struct rt_status_result rt_status_compute(const struct rt_status_input *in);

/* Swedish text for a reason, e.g. "Mäts helår", "Inom toleransen (10 %)". */
const char *rt_status_reason_label(enum rt_status_reason r);

/* Does a period cover a whole year (årsrapport, tertial 3, half year 2)? */
bool rt_period_is_full_year(enum rt_period_kind kind, int number);

#endif
