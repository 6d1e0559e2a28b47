/* rodtrad import: load one plan document (docs/plan-json.md) into an
 * existing database. All or nothing: the importer writes the document in one
 * transaction; here we only report what came in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

#include "cli/cli.h"

static const char *const usage[] = {
	"rodtrad import FIL.json [--db SÖKVÄG]",
	"rodtrad import outcomes FIL.csv|FIL.xlsx [--dry-run] (se 'rodtrad import outcomes --help')",
	"",
	"Läser in ett plandokument (formatet rodtrad-plans/1, se docs/plan-json.md):",
	"organisationsenheter, perioder och planer med mål, indikatorer, målvärden,",
	"aktiviteter, budget och uppföljning. Allt eller inget: vid fel ändras",
	"ingenting i databasen. Befintliga nycklar skrivs aldrig över. Ändringarna",
	"loggas med användaren från $USER.",
	NULL,
};

static int plan_ids(rt_store *s, int64_t **ids, size_t *n, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan *plans = NULL;
	int rc = rt_store_plan_list(s, &a, &plans, n, err);
	if (rc == 0) {
		*ids = rt_xcalloc(*n ? *n : 1, sizeof(**ids));
		for (size_t i = 0; i < *n; i++)
			(*ids)[i] = plans[i].id;
	}
	rt_arena_release(&a);
	return rc;
}

static bool contains(const int64_t *ids, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* The plans that were not there before, so the user can go on with
 * `rodtrad check ID`. */
static void print_new_plans(rt_store *s, const int64_t *before, size_t n_before)
{
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_plan *plans = NULL;
	size_t n = 0;
	if (rt_store_plan_list(s, &a, &plans, &n, &err) == 0) {
		bool header = false;
		for (size_t i = 0; i < n; i++) {
			if (contains(before, n_before, plans[i].id))
				continue;
			if (!header)
				printf("\nNya planer:\n");
			header = true;
			rt_buf id = RT_BUF_INIT;
			rt_buf_addf(&id, "%lld", (long long)plans[i].id);
			rt_buf col = RT_BUF_INIT;
			rt_cli_pad(&col, id.buf, 5);
			printf("  %s %s%s%s%s\n", col.buf, plans[i].title,
			       plans[i].key ? " (" : "", plans[i].key ? plans[i].key : "",
			       plans[i].key ? ")" : "");
			rt_buf_release(&id);
			rt_buf_release(&col);
		}
	}
	rt_arena_release(&a);
}

int cmd_import(int argc, char **argv)
{
	const char *db = NULL;
	const struct rt_cli_opt opts[] = { RT_CLI_OPT_DB(&db), RT_CLI_OPT_END };
	const struct rt_cli_spec spec = { "import", usage, opts, 1, 1 };
	struct rt_cli_args args;
	int rc;
	/* `import outcomes FILE`: outcomes from CSV/XLSX (cmd_import_outcomes.c) */
	if (argc >= 2 && !strcmp(argv[1], "outcomes"))
		return cmd_import_outcomes(argc - 1, argv + 1);
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	const char *file = args.pos[0];
	if (!rt_cli_file_exists(file))
		return rt_cli_failf("filen '%s' finns inte", file);

	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		return rc;
	rt_err err = RT_ERR_INIT;
	int64_t *before = NULL;
	size_t n_before = 0;
	if (plan_ids(s, &before, &n_before, &err) != 0) {
		rt_store_close(s);
		return rt_cli_fail(&err);
	}
	struct rt_import_stats st = { 0 };
	if (rt_import_json_file(s, rt_cli_actor(), file, &st, &err) != 0) {
		free(before);
		rt_store_close(s);
		return rt_cli_fail(&err);
	}
	printf("Importerade %s:\n", file);
	rt_cli_print_stats(stdout, &st);
	print_new_plans(s, before, n_before);
	free(before);
	rt_store_close(s);
	return RT_EXIT_OK;
}
