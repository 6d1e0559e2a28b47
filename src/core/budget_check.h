/* Budget sums are computed, never typed: the nettobudget of an operating
 * budget is the sum of its lines, and a stated total that differs is a
 * finding. Seed 001 has a real case: 332 − 529 − 515 = −712 mnkr, printed
 * as −713 (rounding in the source). Pure: no I/O. */
#ifndef RT_CORE_BUDGET_CHECK_H
#define RT_CORE_BUDGET_CHECK_H
#include <stdbool.h>
#include <stddef.h>
#include "core/budget.h"
#include "core/finding.h"

/* Sum of the operating lines (all categories except NET) for one org unit
 * and year; *has_lines tells whether there were any. */
int64_t rt_budget_net_sum(const struct rt_budget_line *lines, size_t n, int64_t org_unit_id,
                          int year, bool *has_lines);

/* One finding (warning "budget_net_sum") per stated nettobudget that differs
 * from the sum of its lines; the message gives both amounts in mnkr. */
void rt_budget_check(const struct rt_budget_line *lines, size_t n, struct rt_findings *out);

#endif
