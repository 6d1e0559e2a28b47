/* rodtrad plan new-version and rodtrad period reopen: the two workflow
 * steps that change what is otherwise closed (core/workflow.h). A decided
 * plan gets a new draft version with a change-log row; a period past its
 * deadline is reopened for reporters until a date. Both are audited. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "store/store_auth.h"
#include "util/date.h"

static const char *const version_usage[] = {
	"rodtrad plan new-version PLAN_ID --change TEXT [--date ÅÅÅÅ-MM-DD] [--db SÖKVÄG]",
	"",
	"Startar en ny version av en beslutad plan: den beslutade versionen sparas",
	"oförändrad, planen blir ett utkast med nästa versionsnummer och",
	"ändringsförteckningen får en rad med --change (och --date, standard i dag).",
	NULL,
};

static const char *const reopen_usage[] = {
	"rodtrad period reopen NYCKEL --until ÅÅÅÅ-MM-DD [--reason TEXT] [--db SÖKVÄG]",
	"",
	"Öppnar en period vars sista rapporteringsdag har passerat, så att utfall",
	"kan rapporteras till och med --until. Skrivs i ändringsloggen.",
	NULL,
};

static void today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int cmd_plan_new_version(int argc, char **argv)
{
	const char *db = NULL, *change = NULL, *date = NULL;
	const struct rt_cli_opt opts[] = {
		{ "change", 0, "TEXT", &change, NULL, "vad som ändras (ändringsförteckningen)" },
		{ "date", 0, "ÅÅÅÅ-MM-DD", &date, NULL, "datum för raden (standard: i dag)" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "plan new-version", version_usage, opts, 1, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	if (!change)
		return rt_cli_usage_error(&spec, "ange --change med vad som ändras");
	rt_err err = RT_ERR_INIT;
	char now[11];
	today(now);
	if (date && rt_date_parse(date, NULL, NULL, NULL, "date", &err) != 0)
		return rt_cli_fail(&err);
	rt_store *s;
	int64_t id;
	if ((rc = rt_cli_open_resolved(db, args.pos[0], rt_cli_plan_id, &s, &id)) != 0)
		return rc;
	int version;
	if (rt_store_begin(s, rt_cli_actor(), &err) != 0 ||
	    rt_store_plan_new_version(s, id, change, date ? date : now, &version, &err) != 0 ||
	    rt_store_commit(s, &err) != 0) {
		rt_store_rollback(s);
		rc = rt_cli_fail(&err);
	} else {
		printf("Version %d av planen är ett utkast; version %d är sparad som den beslutades.\n",
		       version, version - 1);
	}
	rt_store_close(s);
	return rc;
}

int cmd_period_reopen(int argc, char **argv)
{
	const char *db = NULL, *until = NULL, *reason = NULL;
	const struct rt_cli_opt opts[] = {
		{ "until", 0, "ÅÅÅÅ-MM-DD", &until, NULL, "öppen till och med" },
		{ "reason", 0, "TEXT", &reason, NULL, "varför (skrivs i ändringsloggen)" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "period reopen", reopen_usage, opts, 1, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	if (!until)
		return rt_cli_usage_error(&spec, "ange --until ÅÅÅÅ-MM-DD");
	rt_err err = RT_ERR_INIT;
	if (rt_date_parse(until, NULL, NULL, NULL, "until", &err) != 0)
		return rt_cli_fail(&err);
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		return rc;
	int64_t id;
	if (rt_store_find_key(s, "period", args.pos[0], &id, &err) != 0) {
		rc = err.code == RT_ENOTFOUND ? rt_cli_failf("det finns ingen period '%s'", args.pos[0])
		                              : rt_cli_fail(&err);
	} else if (rt_store_begin(s, rt_cli_actor(), &err) != 0 ||
	           rt_store_period_reopen(s, id, until, reason, &err) != 0 ||
	           rt_store_commit(s, &err) != 0) {
		rt_store_rollback(s);
		rc = rt_cli_fail(&err);
	} else {
		printf("Perioden %s är öppen för rapportering till och med %s.\n", args.pos[0], until);
	}
	rt_store_close(s);
	return rc;
}
