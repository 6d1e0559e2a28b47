/* Economy beyond the operating budget lines (core/budget.h): sums of the
 * capital budget per year and category (seed 001 Investeringsbudget:
 * redan beslutade, nya behov, reinvesteringar), budget frames per board
 * over the plan period (seed 004 resursramar 2023–2026), and the economic
 * follow-up per period (seed 001 Ekonomi: periodresultat, ackumulerad
 * budgetavvikelse, prognos budgetavvikelse vid årets slut) with the same
 * ●◆■ logic as the indicators. All amounts are whole tkr. Pure: no I/O. */
#ifndef RT_CORE_ECONOMY_H
#define RT_CORE_ECONOMY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/budget.h"
#include "core/followup.h"
#include "util/err.h"

/* Sum of the capital lines of one year; category < 0 means all three. */
int64_t rt_budget_capital_sum(const struct rt_budget_line *lines, size_t n, int year,
                              int category);

/* A board's frame (ram) for one year of the plan period. */
struct rt_budget_frame {
	int64_t id;
	int64_t org_unit_id;
	int year;
	int64_t amount_tkr;        /* net frame, e.g. -713000 */
	char *note;                /* "budget" / "plan"; may be NULL */
};

/* Sum of all boards' frames for one year; *count the number of frames. */
int64_t rt_budget_frame_total(const struct rt_budget_frame *f, size_t n, int year,
                              size_t *count);

/* Economic follow-up of one org unit for one period (accumulated from
 * 1 January to the period's end). */
struct rt_econ_followup {
	int64_t id;
	int64_t org_unit_id;
	int64_t period_id;
	int64_t result_tkr;         /* periodresultat, ackumulerat */
	int64_t budget_tkr;         /* periodens budget, ackumulerad */
	int64_t annual_budget_tkr;  /* årets budget */
	int64_t forecast_tkr;       /* prognostiserat resultat vid årets slut */
	char *comment;              /* analys; may be NULL */
};

/* Ackumulerad budgetavvikelse: result − budget (negative = worse). */
int64_t rt_econ_deviation(const struct rt_econ_followup *f);
/* Prognos budgetavvikelse: "Prognostiserat resultat minus årets budget". */
int64_t rt_econ_forecast_deviation(const struct rt_econ_followup *f);

/* ● when the deviation is ≥ 0; ◆ when the shortfall is at most `tolerance`
 * percent of |annual budget| (< 0: the default 10 %); ■ otherwise. */
enum rt_status rt_econ_status(int64_t deviation_tkr, int64_t annual_budget_tkr,
                              double tolerance);

int rt_econ_followup_check(const struct rt_econ_followup *f, rt_err *err);

#endif
