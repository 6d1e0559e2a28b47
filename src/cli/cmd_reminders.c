/* rodtrad reminders: the indicators that still miss an outcome for the
 * period open for reporting, for everyone or for what one user reports on
 * (the reporter role's org units and below, core/authz.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "store/store_auth.h"

static const char *const usage[] = {
	"rodtrad reminders [--user NAMN] [--period NYCKEL] [--today ÅÅÅÅ-MM-DD] [--db SÖKVÄG]",
	"",
	"Påminnelser: indikatorer som ännu saknar utfall för den period som är öppen",
	"för rapportering (den senast avslutade vars sista rapporteringsdag inte har",
	"passerat), eller för --period. Med --user bara de indikatorer användaren",
	"rapporterar för. --today anger dagens datum (standard: i dag, UTC).",
	NULL,
};

static int run(rt_store *s, rt_arena *a, const char *user, const char *period_key,
               const char *today)
{
	rt_err err = RT_ERR_INIT;
	struct rt_period period;
	int64_t pid;
	if (period_key) {
		if (rt_store_find_key(s, "period", period_key, &pid, &err) != 0 ||
		    rt_store_period_get(s, a, pid, &period, &err) != 0)
			return err.code == RT_ENOTFOUND
				? rt_cli_failf("det finns ingen period '%s'", period_key)
				: rt_cli_fail(&err);
	} else if (rt_store_period_current(s, a, today, &period, &err) != 0) {
		return rt_cli_fail(&err);
	}
	struct rt_principal p;
	struct rt_org_link *org = NULL;
	size_t n_org = 0;
	if (user && (rt_store_principal(s, a, user, &p, &err) != 0 ||
	             rt_store_org_links(s, a, &org, &n_org, &err) != 0))
		return rt_cli_fail(&err);
	struct rt_missing_outcome *m;
	size_t n;
	if (rt_store_missing_outcomes(s, a, period.id, &m, &n, &err) != 0)
		return rt_cli_fail(&err);
	size_t shown = 0;
	int64_t plan = 0;
	for (size_t i = 0; i < n; i++) {
		if (user && !rt_authz_allows(&p, RT_PERM_REPORT, m[i].owner_org_id, org, n_org))
			continue;
		if (!shown++)
			printf("Utfall saknas för %s%s%s%s:\n", period.key, user ? " (" : "",
			       user ? user : "", user ? ")" : "");
		if (m[i].plan_id != plan) {
			plan = m[i].plan_id;
			printf("\n%s (%s)\n", m[i].plan_title, m[i].owner_name);
		}
		printf("  %s%s%s\n", m[i].indicator_name, m[i].indicator_key ? "  " : "",
		       m[i].indicator_key ? m[i].indicator_key : "");
	}
	if (!shown)
		printf("Inga utfall saknas för %s%s%s.\n", period.key, user ? " för " : "",
		       user ? user : "");
	else
		printf("\n%zu indikatorer saknar utfall.\n", shown);
	return RT_EXIT_OK;
}

int cmd_reminders(int argc, char **argv)
{
	const char *db = NULL, *user = NULL, *period = NULL, *today = NULL;
	const struct rt_cli_opt opts[] = {
		{ "user", 'u', "NAMN", &user, NULL, "bara det användaren rapporterar för" },
		{ "period", 'p', "NYCKEL", &period, NULL, "perioden (standard: den öppna)" },
		{ "today", 0, "ÅÅÅÅ-MM-DD", &today, NULL, "dagens datum (standard: i dag)" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "reminders", usage, opts, 0, 0 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	char now[11];
	if (!today) {
		time_t t = time(NULL);
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(now, sizeof now, "%Y-%m-%d", &tm);
		today = now;
	}
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		return rc;
	rt_arena a = RT_ARENA_INIT;
	rc = run(s, &a, user, period, today);
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}
