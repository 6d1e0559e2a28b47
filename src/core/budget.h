/* Budget lines of a plan (seed 001): driftbudget (operating) and
 * investeringsbudget (capital) per year. Amounts are whole thousands of
 * kronor (tkr), never floats: "95,4 mnkr" is 95400. Pure: no I/O. */
#ifndef RT_CORE_BUDGET_H
#define RT_CORE_BUDGET_H
#include <stdint.h>
#include "util/err.h"
#include "util/buf.h"

enum rt_budget_kind { RT_BUDGET_OPERATING, RT_BUDGET_CAPITAL };

enum rt_budget_category {
	/* operating */
	RT_BUDGET_INCOME,          /* intäkter */
	RT_BUDGET_STAFF_COSTS,     /* personalkostnader */
	RT_BUDGET_OTHER_COSTS,     /* övriga driftskostnader */
	RT_BUDGET_NET,             /* nettobudget: a stated total, checked against the sum */
	/* capital */
	RT_BUDGET_DECIDED,         /* redan beslutade investeringar */
	RT_BUDGET_NEW_NEEDS,       /* nya behov av investeringar */
	RT_BUDGET_REINVESTMENT,    /* reinvesteringar */
};

struct rt_budget_line {
	int64_t id;
	int64_t plan_id;
	int64_t org_unit_id;       /* e.g. Regionkontoret; 0 = the plan's owner */
	int position;
	enum rt_budget_kind kind;
	enum rt_budget_category category;
	char *label;               /* "Bredbandsutbyggnad", "Intäkter" */
	int year;
	int64_t amount_tkr;        /* signed: costs are negative as in seed 001 */
};

const char *rt_budget_kind_name(enum rt_budget_kind k);
const char *rt_budget_kind_label(enum rt_budget_kind k);    /* "Driftbudget" */
int rt_budget_kind_parse(const char *s, enum rt_budget_kind *out, rt_err *err);
const char *rt_budget_category_name(enum rt_budget_category c);   /* "staff_costs" */
const char *rt_budget_category_label(enum rt_budget_category c);  /* "Personalkostnader" */
int rt_budget_category_parse(const char *s, enum rt_budget_category *out, rt_err *err);

/* Parse an amount in mnkr as written in the seeds ("95,4", "-713", "0,5",
 * "−529" with a Unicode minus) into tkr. More than three decimals is an error. */
int rt_mnkr_parse(const char *text, int64_t *tkr, rt_err *err);
/* Format tkr as mnkr with one decimal and Swedish comma: 95400 → "95,4". */
void rt_mnkr_format(rt_buf *out, int64_t tkr);

#endif
