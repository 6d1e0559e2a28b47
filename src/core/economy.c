/* Capital sums, budget frames and the economic follow-up; see economy.h.
 * Money stays in int64 tkr; only the tolerance (a percentage) is a double,
 * and it is compared against a product of integers. Pure: no I/O. */
#include "core/economy.h"
#include "core/status.h"

int64_t rt_budget_capital_sum(const struct rt_budget_line *lines, size_t n, int year,
                              int category)
{
	int64_t sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (lines[i].kind != RT_BUDGET_CAPITAL || lines[i].year != year) continue;
		if (category >= 0 && (int)lines[i].category != category) continue;
		sum += lines[i].amount_tkr;
	}
	return sum;
}

int64_t rt_budget_frame_total(const struct rt_budget_frame *f, size_t n, int year,
                              size_t *count)
{
	int64_t sum = 0;
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		if (f[i].year == year) {
			sum += f[i].amount_tkr;
			c++;
		}
	if (count) *count = c;
	return sum;
}

int64_t rt_econ_deviation(const struct rt_econ_followup *f)
{
	return f->result_tkr - f->budget_tkr;
}

int64_t rt_econ_forecast_deviation(const struct rt_econ_followup *f)
{
	return f->forecast_tkr - f->annual_budget_tkr;
}

enum rt_status rt_econ_status(int64_t deviation_tkr, int64_t annual_budget_tkr,
                              double tolerance)
{
	if (deviation_tkr >= 0) return RT_STATUS_ACHIEVED;
	if (tolerance < 0) tolerance = RT_STATUS_DEFAULT_TOLERANCE;
	int64_t shortfall = -deviation_tkr;
	int64_t base = annual_budget_tkr < 0 ? -annual_budget_tkr : annual_budget_tkr;
	/* shortfall ≤ tolerance % of base, without dividing money. */
	if ((double)shortfall * 100.0 <= tolerance * (double)base) return RT_STATUS_PARTLY;
	return RT_STATUS_NOT_ACHIEVED;
}

int rt_econ_followup_check(const struct rt_econ_followup *f, rt_err *err)
{
	if (f->org_unit_id <= 0)
		return rt_err_set(err, RT_EINVAL, "org", "Ekonomisk uppföljning saknar organisation");
	if (f->period_id <= 0)
		return rt_err_set(err, RT_EINVAL, "period", "Ekonomisk uppföljning saknar period");
	return 0;
}
