/* rodtrad init: create a database and bring its schema up to date. An
 * existing, up-to-date database is left exactly as it is. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/migrations.h"

static const char *const usage[] = {
	"rodtrad init [DB] [--db SÖKVÄG]",
	"",
	"Skapar en tom databas och lägger upp schemat. Finns databasen redan och",
	"är den uppdaterad ändras ingenting; saknas nyare schemaversioner läggs de",
	"till. En befintlig fil som inte är en Rödtråd-databas rörs inte.",
	NULL,
};

static int latest_version(void)
{
	int v = 0;
	for (int i = 0; i < rt_migrations_count; i++)
		if (rt_migrations[i].version > v)
			v = rt_migrations[i].version;
	return v;
}

int cmd_init(int argc, char **argv)
{
	const char *db = NULL;
	const struct rt_cli_opt opts[] = { RT_CLI_OPT_DB(&db), RT_CLI_OPT_END };
	const struct rt_cli_spec spec = { "init", usage, opts, 0, 1 };
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
	int version = 0;
	if (rt_store_schema_version(s, &version, &err) != 0) {
		rt_store_close(s);
		return rt_cli_fail(&err);
	}
	if (created) {
		printf("Skapade databasen %s (schemaversion %d).\n", path, version);
	} else if (version >= latest_version()) {
		printf("Databasen %s finns redan och är uppdaterad (schemaversion %d); "
		       "ingenting ändrades.\n", path, version);
	} else {
		int applied = 0;
		if (rt_store_migrate(s, &applied, &err) != 0 ||
		    rt_store_schema_version(s, &version, &err) != 0) {
			rt_store_close(s);
			return rt_cli_fail(&err);
		}
		printf("Uppdaterade databasen %s till schemaversion %d (%d %s).\n", path, version,
		       applied, applied == 1 ? "migrering" : "migreringar");
	}
	rt_store_close(s);
	return RT_EXIT_OK;
}
