/* rodtrad demo: a database with the seeds' real plans (data/demo, embedded
 * in the binary). Refuses a database that already holds plans, so demo data
 * is never mixed into real data. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "ingest/demo_users.h"
#include "ingest/demo.h"

static const char *const usage[] = {
	"rodtrad demo [DB] [--db SÖKVÄG]",
	"",
	"Skapar databasen (om den saknas) och läser in demodata: riktiga planer från",
	"Region Jämtland Härjedalen, Region Halland och Region Västernorrland, med",
	"målkedjor, indikatorer, målvärden, aktiviteter och uppföljning. En databas",
	"som redan innehåller planer rörs inte.",
	NULL,
};

int cmd_demo(int argc, char **argv)
{
	const char *db = NULL;
	const struct rt_cli_opt opts[] = { RT_CLI_OPT_DB(&db), RT_CLI_OPT_END };
	const struct rt_cli_spec spec = { "demo", usage, opts, 0, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	if (args.n == 1 && db && strcmp(args.pos[0], db))
		return rt_cli_usage_error(&spec, "ange databasen antingen som argument eller med --db");
	const char *path = args.n == 1 ? args.pos[0] : rt_cli_db_path(db);

	rt_store *s;
	bool created;
	if ((rc = rt_cli_open_or_create(path, &s, &created)) != 0)
		return rc;
	rt_err err = RT_ERR_INIT;
	/* A Rödtråd database of an older schema version is brought up to date
	 * first (what 'rodtrad init' would do); the demo needs every table. */
	if (!created && rt_store_migrate(s, NULL, &err) != 0) {
		rt_store_close(s);
		return rt_cli_fail(&err);
	}
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan *plans = NULL;
	size_t n_plans = 0;
	rc = rt_store_plan_list(s, &a, &plans, &n_plans, &err);
	rt_arena_release(&a);
	if (rc != 0) {
		rt_store_close(s);
		return rt_cli_fail(&err);
	}
	if (n_plans > 0) {
		rt_store_close(s);
		return rt_cli_failf("databasen '%s' innehåller redan planer; ta bort filen eller "
		                    "välj en annan", path);
	}
	struct rt_import_stats st = { 0 };
	if (rt_demo_load(s, &st, &err) != 0 || rt_demo_users_load(s, &err) != 0) {
		rt_store_close(s);
		if (created)
			rt_cli_remove_db(path);
		return rt_cli_fail(&err);
	}
	rt_store_close(s);
	printf("Demodatabasen %s är klar. Inläst:\n", path);
	rt_cli_print_stats(stdout, &st);
	printf("\nVisa planerna med 'rodtrad plan list --db %s'.\n", path);
	return RT_EXIT_OK;
}
