/* GET /ekonomi: the boards' budget frames as one table (board × year, with
 * the computed total per year) and the economic follow-up per period:
 * periodresultat, ackumulerad budgetavvikelse and prognos vid årets slut,
 * each deviation with its status as symbol + words. The same store reads
 * as `rodtrad economy show`; the status rule is core/economy.h's, with the
 * region-wide default tolerance of the org unit. Amounts are whole tkr in
 * the store and shown in mnkr with one decimal (core/budget.h). */
#include "web/web_economy.h"

#include <stdlib.h>

#include "core/budget.h"
#include "core/economy.h"
#include "web/web_int.h"

static void add_mnkr(rt_buf *b, int64_t tkr)
{
	rt_buf tmp = RT_BUF_INIT;
	rt_mnkr_format(&tmp, tkr);
	rt_buf_add_html(b, tmp.buf ? tmp.buf : "");
	rt_buf_release(&tmp);
}

static int int_cmp(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	return (a > b) - (a < b);
}

/* The distinct years of the frames, ascending; returns how many. */
static size_t frame_years(const struct rt_budget_frame *f, size_t n, int *years)
{
	size_t ny = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < ny && years[j] != f[i].year)
			j++;
		if (j == ny)
			years[ny++] = f[i].year;
	}
	qsort(years, ny, sizeof(*years), int_cmp);
	return ny;
}

static const struct rt_budget_frame *frame_of(const struct rt_budget_frame *f, size_t n,
                                              int64_t org, int year)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].org_unit_id == org && f[i].year == year)
			return &f[i];
	return NULL;
}

static void add_frames(rt_buf *b, rt_arena *a, const struct rt_budget_frame *f, size_t n,
                       const struct rt_org_unit *orgs, size_t n_orgs)
{
	rt_buf_addstr(b, "<h2>Budgetramar per nämnd</h2>\n");
	if (n == 0) {
		rt_buf_addstr(b, "<p>Inga budgetramar är registrerade.</p>\n");
		return;
	}
	int *years = rt_arena_alloc(a, n * sizeof(*years));
	size_t ny = frame_years(f, n, years);
	rt_buf_addstr(b, "<table class=\"economy\">\n<caption>Nettoramar per år (mnkr)</caption>\n"
	                 "<thead><tr><th scope=\"col\">Nämnd</th>");
	for (size_t y = 0; y < ny; y++)
		rt_buf_addf(b, "<th scope=\"col\" class=\"num\">%d</th>", years[y]);
	rt_buf_addstr(b, "</tr></thead>\n<tbody>\n");
	/* frames come ordered by org unit, so a board's rows are adjacent */
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && f[i].org_unit_id == f[i - 1].org_unit_id)
			continue;
		rt_buf_addstr(b, "<tr><th scope=\"row\">");
		rt_buf_add_html(b, rt_web_org_name(orgs, n_orgs, f[i].org_unit_id));
		rt_buf_addstr(b, "</th>");
		for (size_t y = 0; y < ny; y++) {
			const struct rt_budget_frame *c = frame_of(f, n, f[i].org_unit_id, years[y]);
			rt_buf_addstr(b, "<td class=\"num\">");
			if (c) {
				add_mnkr(b, c->amount_tkr);
				if (c->note) {
					rt_buf_addstr(b, " <span class=\"meta\">(");
					rt_buf_add_html(b, c->note);
					rt_buf_addstr(b, ")</span>");
				}
			} else {
				rt_buf_addstr(b, "–");
			}
			rt_buf_addstr(b, "</td>");
		}
		rt_buf_addstr(b, "</tr>\n");
	}
	rt_buf_addstr(b, "</tbody>\n<tfoot><tr><th scope=\"row\">Summa</th>");
	for (size_t y = 0; y < ny; y++) {
		size_t count;
		int64_t total = rt_budget_frame_total(f, n, years[y], &count);
		rt_buf_addstr(b, "<td class=\"num\">");
		add_mnkr(b, total);
		rt_buf_addstr(b, "</td>");
	}
	rt_buf_addstr(b, "</tr></tfoot>\n</table>\n");
}

static const char *period_key(const struct rt_period *p, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].id == id)
			return p[i].key;
	return "";
}

static void add_deviation(rt_buf *b, int64_t dev, enum rt_status st)
{
	rt_buf_addstr(b, "<td class=\"num\">");
	add_mnkr(b, dev);
	rt_buf_addstr(b, "</td><td>");
	rt_web_status(b, st, NULL);
	rt_buf_addstr(b, "</td>");
}

static int add_followups(rt_buf *b, rt_store *s, const struct rt_econ_followup *e, size_t n,
                         const struct rt_org_unit *orgs, size_t n_orgs,
                         const struct rt_period *periods, size_t n_periods, rt_err *err)
{
	rt_buf_addstr(b, "<h2>Ekonomisk uppföljning per period</h2>\n");
	if (n == 0) {
		rt_buf_addstr(b, "<p>Ingen ekonomisk uppföljning är registrerad.</p>\n");
		return 0;
	}
	rt_buf_addstr(b, "<p>Avvikelse = resultat minus budget; ett negativt belopp är sämre än "
	                 "budget. ● inom budget, ◆ underskott inom toleransen, ■ större underskott."
	                 "</p>\n<table class=\"economy\">\n<caption>Periodresultat och budgetavvikelse "
	                 "(mnkr)</caption>\n<thead><tr><th scope=\"col\">Period</th>"
	                 "<th scope=\"col\">Organisation</th>"
	                 "<th scope=\"col\" class=\"num\">Periodresultat</th>"
	                 "<th scope=\"col\" class=\"num\">Ackumulerad budgetavvikelse</th>"
	                 "<th scope=\"col\">Status</th>"
	                 "<th scope=\"col\" class=\"num\">Prognos budgetavvikelse vid årets slut</th>"
	                 "<th scope=\"col\">Status prognos</th>"
	                 "<th scope=\"col\">Kommentar</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		double tol = -1;
		bool found;
		int rc = rt_store_default_tolerance(s, e[i].org_unit_id, &tol, &found, err);
		if (rc)
			return rc;
		int64_t dev = rt_econ_deviation(&e[i]), fdev = rt_econ_forecast_deviation(&e[i]);
		rt_buf_addstr(b, "<tr><th scope=\"row\">");
		rt_buf_add_html(b, period_key(periods, n_periods, e[i].period_id));
		rt_buf_addstr(b, "</th><td>");
		rt_buf_add_html(b, rt_web_org_name(orgs, n_orgs, e[i].org_unit_id));
		rt_buf_addstr(b, "</td><td class=\"num\">");
		add_mnkr(b, e[i].result_tkr);
		rt_buf_addstr(b, "</td>");
		add_deviation(b, dev, rt_econ_status(dev, e[i].annual_budget_tkr, tol));
		add_deviation(b, fdev, rt_econ_status(fdev, e[i].annual_budget_tkr, tol));
		rt_buf_addstr(b, "<td>");
		rt_buf_add_html(b, e[i].comment ? e[i].comment : "");
		rt_buf_addstr(b, "</td></tr>\n");
	}
	rt_buf_addstr(b, "</tbody>\n</table>\n");
	return 0;
}

int rt_web_economy(rt_store *s, rt_buf *out, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_budget_frame *fr = NULL;
	struct rt_econ_followup *ef = NULL;
	struct rt_org_unit *orgs = NULL;
	struct rt_period *periods = NULL;
	size_t nf = 0, ne = 0, no = 0, np = 0;
	int rc = rt_store_budget_frame_list(s, &a, 0, &fr, &nf, err);
	if (rc == 0)
		rc = rt_store_econ_followup_list(s, &a, 0, &ef, &ne, err);
	if (rc == 0)
		rc = rt_store_org_list(s, &a, &orgs, &no, err);
	if (rc == 0)
		rc = rt_store_period_list(s, &a, &periods, &np, err);
	if (rc) {
		rt_arena_release(&a);
		return rc;
	}
	rt_buf page = RT_BUF_INIT;
	rt_web_page_begin(&page, "Ekonomi", RT_NAV_ECONOMY);
	rt_buf_addstr(&page, "<h1>Ekonomi</h1>\n<p>Belopp i miljoner kronor (mnkr). Summor räknas "
	                     "fram ur nämndernas ramar.</p>\n");
	add_frames(&page, &a, fr, nf, orgs, no);
	rc = add_followups(&page, s, ef, ne, orgs, no, periods, np, err);
	rt_web_page_end(&page);
	if (rc == 0)
		rt_buf_add(out, page.buf, page.len);
	rt_buf_release(&page);
	rt_arena_release(&a);
	return rc;
}
