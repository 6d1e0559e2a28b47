/* The status rule (see status.h for the rules and docs/status-rules.md for
 * worked examples from seed 003). Pure: no I/O. */
#include "core/status.h"

#include <math.h>

bool rt_period_is_full_year(enum rt_period_kind kind, int number)
{
	switch (kind) {
	case RT_PERIOD_YEAR: return true;
	case RT_PERIOD_TERTIAL: return number == 3;
	case RT_PERIOD_HALF_YEAR: return number == 2;
	case RT_PERIOD_MONTH: return number == 12;
	}
	return false;
}

static struct rt_status_result result(enum rt_status s, enum rt_status_reason r)
{
	struct rt_status_result res = { s, r };
	return res;
}

static bool value_present(const struct rt_target_spec *v)
{
	return v && (v->has_value || v->qual != RT_QUAL_NONE);
}

static struct rt_status_result qualitative(const struct rt_target_spec *v)
{
	switch (v->qual) {
	case RT_QUAL_YES: return result(RT_STATUS_ACHIEVED, RT_REASON_QUALITATIVE);
	case RT_QUAL_PARTLY: return result(RT_STATUS_PARTLY, RT_REASON_QUALITATIVE);
	case RT_QUAL_NO: return result(RT_STATUS_NOT_ACHIEVED, RT_REASON_QUALITATIVE);
	case RT_QUAL_NONE: break;
	}
	return result(RT_STATUS_NONE, RT_REASON_NO_VALUE);
}

/* How far the value falls short of the target, in percent of the target's
 * size; the reference is the quantity the comparator bounds. Returns a
 * negative number when no meaningful distance exists (target 0 …). */
static double shortfall_pct(const struct rt_status_input *in, double value)
{
	const struct rt_target_spec *t = in->target;
	double ref, got;
	switch (t->cmp) {
	case RT_CMP_MAINTAIN_OR_INCREASE:
		ref = in->base;
		got = value;
		break;
	case RT_CMP_RELATIVE:
		/* Both as changes in percent against the base year: a target of
		 * -10 % reached by -9,5 % misses by 5 % of the target change. */
		if (in->base == 0) return -1;
		ref = t->value;
		got = (value - in->base) / fabs(in->base) * 100.0;
		break;
	default:
		ref = t->value;
		got = value;
	}
	if (ref == 0) return -1;
	return fabs(got - ref) / fabs(ref) * 100.0;
}

struct rt_status_result rt_status_compute(const struct rt_status_input *in)
{
	const struct rt_indicator *ind = in->indicator;
	const struct rt_target_spec *v = in->value;

	if (!value_present(v)) {
		if (ind && ind->frequency == RT_FREQ_YEAR &&
		    !rt_period_is_full_year(in->period_kind, in->period_number))
			return result(RT_STATUS_NONE, RT_REASON_MEASURED_YEARLY);
		return result(RT_STATUS_NONE, RT_REASON_NO_VALUE);
	}
	if (v->qual != RT_QUAL_NONE)
		return qualitative(v);
	if (!in->target)
		return result(RT_STATUS_NONE, RT_REASON_NO_TARGET);

	enum rt_direction dir = ind ? ind->direction : RT_DIR_NONE;
	int met = rt_target_met(in->target, dir, v->value, in->has_base, in->base);
	if (met < 0)
		return result(RT_STATUS_NONE, RT_REASON_NOT_COMPUTABLE);
	if (met)
		return result(RT_STATUS_ACHIEVED, RT_REASON_MET);

	double tol = in->tolerance >= 0 ? in->tolerance : RT_STATUS_DEFAULT_TOLERANCE;
	double miss = shortfall_pct(in, v->value);
	/* A small epsilon keeps "exactly 10 % off" inside a 10 % band despite
	 * binary rounding (90 against 100 must be ◆, as in seed 003). */
	if (miss >= 0 && miss <= tol + 1e-9)
		return result(RT_STATUS_PARTLY, RT_REASON_WITHIN_TOLERANCE);
	return result(RT_STATUS_NOT_ACHIEVED, RT_REASON_MISSED);
}

const char *rt_status_reason_label(enum rt_status_reason r)
{
	switch (r) {
	case RT_REASON_MET: return "Målvärdet är nått";
	case RT_REASON_WITHIN_TOLERANCE: return "Inom toleransen";
	case RT_REASON_MISSED: return "Målvärdet är inte nått";
	case RT_REASON_QUALITATIVE: return "Kvalitativ bedömning";
	case RT_REASON_NO_VALUE: return "Status saknas";
	case RT_REASON_MEASURED_YEARLY: return "Mäts helår";
	case RT_REASON_NO_TARGET: return "Målvärde saknas";
	case RT_REASON_NOT_COMPUTABLE: return "Kan inte beräknas";
	}
	return "";
}
