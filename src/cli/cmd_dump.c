/* rodtrad dump and rodtrad load: the full backup of a database as one JSON
 * document (docs/dump-json.md) and its restore into an empty database. A
 * load that fails removes a database file it created itself, so a failed
 * restore leaves nothing behind. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "ingest/load_json.h"
#include "report/dump_json.h"

static const char *const dump_usage[] = {
	"rodtrad dump [-o FIL] [--db SÖKVÄG]",
	"",
	"Skriver hela databasen som en säkerhetskopia (JSON, formatet rodtrad-dump/1,",
	"se docs/dump-json.md): organisationsenheter, perioder, planer med mål,",
	"indikatorer, målvärden, aktiviteter och budget, utfall med historik och",
	"motiveringar, aktiviteternas lägen, toleranser, inställningar, Kolada-",
	"kopplingar, årshjulet med återkopplingar, planernas checklistor och",
	"ordlistor, budgetramar och ekonomisk uppföljning samt användare med roller",
	"och lösenordshashar (inte inloggningar, API-nycklar eller ändringsloggen).",
	"Samma databas ger alltid samma bytes. Läs in med 'rodtrad load'.",
	NULL,
};

static const char *const load_usage[] = {
	"rodtrad load FIL.json --db NY.db",
	"",
	"Läser in en säkerhetskopia från 'rodtrad dump' i en tom databas (skapas om",
	"den inte finns). En databas som redan har innehåll rörs inte. Allt eller",
	"inget: vid fel ändras ingenting, och en databas som kommandot själv skapade",
	"tas bort igen.",
	NULL,
};

int cmd_dump(int argc, char **argv)
{
	const char *db = NULL, *out = NULL;
	const struct rt_cli_opt opts[] = {
		RT_CLI_OPT_DB(&db),
		{ "output", 'o', "FIL", &out, NULL, "skriv till FIL i stället för standard ut" },
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "dump", dump_usage, opts, 0, 0 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		return rc;
	rt_err err = RT_ERR_INIT;
	rt_buf doc = RT_BUF_INIT;
	if (rt_dump_json(s, &doc, &err) != 0)
		rc = rt_cli_fail(&err);
	else if (out && strcmp(out, "-"))
		rc = rt_cli_write_file(out, &doc);
	else if (fwrite(doc.buf, 1, doc.len, stdout) != doc.len)
		rc = rt_cli_failf("kunde inte skriva utdata");
	rt_buf_release(&doc);
	rt_store_close(s);
	return rc;
}

int cmd_load(int argc, char **argv)
{
	const char *db = NULL;
	const struct rt_cli_opt opts[] = { RT_CLI_OPT_DB(&db), RT_CLI_OPT_END };
	const struct rt_cli_spec spec = { "load", load_usage, opts, 1, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	rt_buf text = RT_BUF_INIT;
	if ((rc = rt_cli_read_file(args.pos[0], &text)) != 0) {
		rt_buf_release(&text);
		return rc;
	}
	const char *path = rt_cli_db_path(db);
	rt_store *s;
	bool created;
	if ((rc = rt_cli_open_or_create(path, &s, &created)) != 0) {
		rt_buf_release(&text);
		return rc;
	}
	rt_err err = RT_ERR_INIT;
	struct rt_load_stats st;
	if (rt_load_json(s, rt_cli_actor(), args.pos[0], text.buf, text.len, &st, &err) != 0) {
		rc = rt_cli_fail(&err);
		rt_store_close(s);
		if (created)
			rt_cli_remove_db(path);
	} else {
		printf("Läste in säkerhetskopian %s i %s:\n", args.pos[0], path);
		rt_cli_print_stats(stdout, &st.plans);
		printf("  utfall: %zu (tidigare versioner: %zu)\n"
		       "  aktiviteters lägen: %zu\n  toleranser: %zu\n  inställningar: %zu\n"
		       "  Kolada-kopplingar och -värden: %zu\n  årshjul: %zu\n"
		       "  checklistsvar och ordlistor: %zu\n  budgetramar och ekonomisk uppföljning: %zu\n"
		       "  användare: %zu\n",
		       st.outcomes, st.history, st.activity_states, st.tolerances, st.settings,
		       st.kolada, st.process, st.sections, st.economy, st.users);
		rt_store_close(s);
	}
	rt_buf_release(&text);
	return rc;
}
