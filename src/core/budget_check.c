/* Budget sum checks; see budget_check.h. Pure: no I/O. */
#include "core/budget_check.h"

int64_t rt_budget_net_sum(const struct rt_budget_line *lines, size_t n, int64_t org_unit_id,
                          int year, bool *has_lines)
{
	int64_t sum = 0;
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		const struct rt_budget_line *l = &lines[i];
		if (l->kind != RT_BUDGET_OPERATING || l->category == RT_BUDGET_NET) continue;
		if (l->org_unit_id != org_unit_id || l->year != year) continue;
		sum += l->amount_tkr;
		any = true;
	}
	if (has_lines) *has_lines = any;
	return sum;
}

void rt_budget_check(const struct rt_budget_line *lines, size_t n, struct rt_findings *out)
{
	for (size_t i = 0; i < n; i++) {
		const struct rt_budget_line *net = &lines[i];
		if (net->kind != RT_BUDGET_OPERATING || net->category != RT_BUDGET_NET) continue;
		bool any;
		int64_t sum = rt_budget_net_sum(lines, n, net->org_unit_id, net->year, &any);
		if (!any || sum == net->amount_tkr) continue;
		rt_buf stated = RT_BUF_INIT, computed = RT_BUF_INIT;
		rt_mnkr_format(&stated, net->amount_tkr);
		rt_mnkr_format(&computed, sum);
		rt_findings_add(out, RT_SEV_WARNING, "budget_net_sum", "budget_line", net->id,
		                "Nettobudgeten %d är angiven till %s mnkr men raderna summerar till "
		                "%s mnkr. Summor räknas fram, de skrivs inte in.",
		                net->year, stated.buf, computed.buf);
		rt_buf_release(&stated);
		rt_buf_release(&computed);
	}
}
