/* rodtrad economy: budget frames per board over the plan period (seed 004
 * resursramar) and the economic follow-up per period (seed 001 Ekonomi:
 * periodresultat, ackumulerad budgetavvikelse, prognos vid årets slut),
 * shown with the same ● ◆ ■ as the indicators (core/economy.h decides).
 * Amounts are typed in mnkr as the seeds print them and kept as whole tkr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char *const usage[] = {
	"rodtrad economy frame ORG ÅR MNKR [--note TEXT] [--db SÖKVÄG]",
	"rodtrad economy result ORG PERIOD --result MNKR --budget MNKR --annual MNKR",
	"                       --forecast MNKR [--comment TEXT] [--db SÖKVÄG]",
	"rodtrad economy show [--period PERIOD] [--db SÖKVÄG]",
	"",
	"economy frame   sätter nämndens budgetram för ett år i planperioden",
	"economy result  registrerar periodens ekonomiska utfall: periodresultat och",
	"                periodens budget (ackumulerat), årets budget och prognosen",
	"                för årets resultat",
	"economy show    ramar per år och nämnd, och ekonomisk uppföljning med",
	"                ● (ingen avvikelse), ◆ (inom 10 %) eller ■ (större avvikelse)",
	"",
	"ORG är organisationens nyckel. Belopp i mnkr: -713 eller 95,4. Ett negativt",
	"belopp som argument skrivs efter --: economy frame rvb-hsn 2026 -- -713",
	NULL,
};

static int org_id(rt_store *s, const char *key, int64_t *id)
{
	rt_err err = RT_ERR_INIT;
	if (rt_store_find_key(s, "org_unit", key, id, &err) != 0 || !*id)
		return rt_cli_failf("det finns ingen organisation med nyckeln '%s'", key);
	return 0;
}

static int amount(const char *text, const char *what, int64_t *tkr)
{
	rt_err err = RT_ERR_INIT;
	if (!text) return rt_cli_failf("ange %s", what);
	return rt_mnkr_parse(text, tkr, &err) ? rt_cli_fail(&err) : 0;
}

static void mnkr(rt_buf *b, int64_t tkr)
{
	rt_mnkr_format(b, tkr);
	rt_buf_addstr(b, " mnkr");
}

static int write_tx(rt_store *s, int (*put)(rt_store *, void *, rt_err *), void *obj)
{
	rt_err err = RT_ERR_INIT;
	if (rt_store_begin(s, rt_cli_actor(), &err) != 0 || put(s, obj, &err) != 0 ||
	    rt_store_commit(s, &err) != 0) {
		rt_store_rollback(s);
		return rt_cli_fail(&err);
	}
	return 0;
}

static int put_frame(rt_store *s, void *o, rt_err *e) { return rt_store_budget_frame_put(s, o, e); }
static int put_econ(rt_store *s, void *o, rt_err *e) { return rt_store_econ_followup_put(s, o, e); }

static void show(rt_store *s, const char *period_key)
{
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_budget_frame *fr;
	struct rt_econ_followup *ef;
	struct rt_org_unit *orgs;
	struct rt_period *periods;
	size_t nf, ne, no, np;
	int64_t period_id = 0;
	if (rt_store_budget_frame_list(s, &a, 0, &fr, &nf, &err) != 0 ||
	    rt_store_org_list(s, &a, &orgs, &no, &err) != 0 ||
	    rt_store_period_list(s, &a, &periods, &np, &err) != 0) {
		rt_cli_fail(&err);
		goto out;
	}
	for (size_t i = 0; period_key && i < np; i++)
		if (!strcmp(periods[i].key, period_key)) period_id = periods[i].id;
	if (period_key && !period_id) {
		rt_cli_failf("det finns ingen period '%s'", period_key);
		goto out;
	}
	if (rt_store_econ_followup_list(s, &a, period_id, &ef, &ne, &err) != 0) {
		rt_cli_fail(&err);
		goto out;
	}
	rt_buf b = RT_BUF_INIT;
	printf("Budgetramar (mnkr)\n");
	for (size_t i = 0; i < nf; i++) {
		const char *name = "";
		for (size_t j = 0; j < no; j++)
			if (orgs[j].id == fr[i].org_unit_id) name = orgs[j].name;
		rt_buf_reset(&b);
		mnkr(&b, fr[i].amount_tkr);
		printf("  %d  %s: %s%s%s\n", fr[i].year, name, b.buf, fr[i].note ? " – " : "",
		       fr[i].note ? fr[i].note : "");
	}
	if (!nf) printf("  Inga ramar.\n");
	printf("\nEkonomisk uppföljning\n");
	for (size_t i = 0; i < ne; i++) {
		const struct rt_econ_followup *e = &ef[i];
		const char *name = "", *pk = "";
		for (size_t j = 0; j < no; j++)
			if (orgs[j].id == e->org_unit_id) name = orgs[j].name;
		for (size_t j = 0; j < np; j++)
			if (periods[j].id == e->period_id) pk = periods[j].key;
		int64_t dev = rt_econ_deviation(e), fdev = rt_econ_forecast_deviation(e);
		enum rt_status st = rt_econ_status(dev, e->annual_budget_tkr, -1);
		enum rt_status fst = rt_econ_status(fdev, e->annual_budget_tkr, -1);
		printf("  %s  %s\n", pk, name);
		rt_buf_reset(&b);
		mnkr(&b, e->result_tkr);
		printf("    Periodresultat:                 %s\n", b.buf);
		rt_buf_reset(&b);
		mnkr(&b, dev);
		printf("    Ackumulerad budgetavvikelse:    %s  %s %s\n", b.buf, rt_status_symbol(st),
		       rt_status_label(st));
		rt_buf_reset(&b);
		mnkr(&b, fdev);
		printf("    Prognos budgetavvikelse helår:  %s  %s %s\n", b.buf, rt_status_symbol(fst),
		       rt_status_label(fst));
		if (e->comment) printf("    Kommentar: %s\n", e->comment);
	}
	if (!ne) printf("  Ingen uppföljning registrerad.\n");
	rt_buf_release(&b);
out:
	rt_arena_release(&a);
}

int cmd_economy(int argc, char **argv)
{
	const char *db = NULL, *note = NULL, *period = NULL, *result = NULL, *budget = NULL,
	           *annual = NULL, *forecast = NULL, *comment = NULL;
	const struct rt_cli_opt opts[] = {
		{ "note", 0, "TEXT", &note, NULL, "anteckning till ramen (t.ex. budget, plan)" },
		{ "period", 0, "PERIOD", &period, NULL, "visa bara en period" },
		{ "result", 0, "MNKR", &result, NULL, "periodresultat (ackumulerat)" },
		{ "budget", 0, "MNKR", &budget, NULL, "periodens budget (ackumulerad)" },
		{ "annual", 0, "MNKR", &annual, NULL, "årets budget" },
		{ "forecast", 0, "MNKR", &forecast, NULL, "prognos för årets resultat" },
		{ "comment", 0, "TEXT", &comment, NULL, "analys av avvikelsen" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "economy", usage, opts, 1, 4 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc)) return rc;
	const char *sub = args.pos[0];
	int want = !strcmp(sub, "frame") ? 4 : !strcmp(sub, "result") ? 3 : !strcmp(sub, "show") ? 1 : -1;
	if (want < 0) return rt_cli_usage_error(&spec, "okänt underkommando 'economy %s'", sub);
	if (args.n != want) return rt_cli_usage_error(&spec, "fel antal argument till 'economy %s'", sub);
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0) return rc;
	if (want == 1) {
		show(s, period);
	} else if (want == 4) {
		struct rt_budget_frame f = { 0, 0, atoi(args.pos[2]), 0, (char *)note };
		if (f.year < 1900 || f.year > 9999)
			rc = rt_cli_failf("ogiltigt år '%s'", args.pos[2]);
		if (!rc) rc = org_id(s, args.pos[1], &f.org_unit_id);
		if (!rc) rc = amount(args.pos[3], "ramen i mnkr", &f.amount_tkr);
		if (!rc && (rc = write_tx(s, put_frame, &f)) == 0)
			printf("Ramen för %s %d är sparad.\n", args.pos[1], f.year);
	} else {
		struct rt_econ_followup e = { 0, 0, 0, 0, 0, 0, 0, (char *)comment };
		rt_err err = RT_ERR_INIT;
		if (!(rc = org_id(s, args.pos[1], &e.org_unit_id)) &&
		    (rt_store_find_key(s, "period", args.pos[2], &e.period_id, &err) != 0 || !e.period_id))
			rc = rt_cli_failf("det finns ingen period '%s'", args.pos[2]);
		if (!rc) rc = amount(result, "--result", &e.result_tkr);
		if (!rc) rc = amount(budget, "--budget", &e.budget_tkr);
		if (!rc) rc = amount(annual, "--annual", &e.annual_budget_tkr);
		if (!rc) rc = amount(forecast, "--forecast", &e.forecast_tkr);
		if (!rc && (rc = write_tx(s, put_econ, &e)) == 0) {
			enum rt_status st = rt_econ_status(rt_econ_deviation(&e), e.annual_budget_tkr, -1);
			printf("Uppföljningen för %s %s är sparad: %s %s.\n", args.pos[1], args.pos[2],
			       rt_status_symbol(st), rt_status_label(st));
		}
	}
	rt_store_close(s);
	return rc;
}
