/* rodtrad: the entry point. A table of subcommands (git's builtin/ pattern);
 * each lives in its own cmd_*.c with its usage text at the top. This file
 * only dispatches, prints the overall help and checks that stdout was
 * really written. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct rt_cli_cmd commands[] = {
	{ "init",        cmd_init,        "skapa en tom databas (eller uppdatera schemat)" },
	{ "demo",        cmd_demo,        "skapa en databas med demodata från riktiga regioners planer" },
	{ "import",      cmd_import,      "läs in ett plandokument (JSON) i databasen" },
	{ "plan",        cmd_plan,        "lista planer (plan list) eller visa en plan (plan show ID)" },
	{ "chain",       cmd_chain,       "visa målkedjan för ett mål, uppåt och nedåt" },
	{ "check",       cmd_check,       "granska en plan mot reglerna och visa fel och varningar" },
	{ "export-json", cmd_export_json, "skriv en plan som plandokument (JSON)" },
	{ "report",      cmd_report,      "skriv sammanställd måluppfyllelse för en period (HTML, XLSX, DOCX)" },
	{ "period",      cmd_period,      "lägg till och lista uppföljningsperioder (period add, period list)" },
	{ "outcome",     cmd_outcome,     "registrera, rätta och läs in utfall (outcome set, history, import)" },
	{ "activity",    cmd_activity,    "sätt en aktivitets läge för en period (activity status)" },
	{ "process",     cmd_process,     "planeringsprocessen (årshjulet): läge, datum och kalenderfil" },
	{ "economy",     cmd_economy,     "budgetramar per nämnd och ekonomisk uppföljning med ● ◆ ■" },
	{ "feedback",    cmd_feedback,    "nämndernas återkoppling på planeringsförutsättningarna" },
	{ "serve",       cmd_serve,       "starta webbservern: webbsidor och JSON-API (/api/v1)" },
	{ "dump",        cmd_dump,        "skriv hela databasen som en JSON-säkerhetskopia till standard ut" },
	{ "load",        cmd_load,        "läs in en säkerhetskopia från rodtrad dump i en tom databas" },
	{ "export",      cmd_export,      "skriv öppna data om publicerade planer (export opendata KATALOG)" },
	{ "kolada",      cmd_kolada,      "koppla indikatorer till Koladas nyckeltal och hämta värden" },
	{ "user",        cmd_user,        "användare och roller per enhet (user add, passwd, disable, list, role)" },
	{ "audit",       cmd_audit,       "ändringsloggen: lista, exportera som JSON, kontrollera kedjan (verify)" },
	{ "reminders",   cmd_reminders,   "indikatorer som ännu saknar utfall för den öppna perioden" },
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void print_main_usage(FILE *f)
{
	fprintf(f, "Användning: rodtrad KOMMANDO [ARGUMENT] [--db SÖKVÄG]\n"
	           "       rodtrad help KOMMANDO | rodtrad KOMMANDO --help\n"
	           "       rodtrad --version\n\n"
	           "Rödtråd – mål- och resultatstyrning för regioner: planer, målkedjor,\n"
	           "indikatorer, aktiviteter och uppföljning.\n\nKommandon:\n");
	for (size_t i = 0; i < N_COMMANDS; i++) {
		rt_buf b = RT_BUF_INIT;
		rt_cli_pad(&b, commands[i].name, 13);
		fprintf(f, "  %s %s\n", b.buf, commands[i].summary);
		rt_buf_release(&b);
	}
	fprintf(f, "\nDatabasen är ./rodtrad.db om inte --db SÖKVÄG eller miljövariabeln\n"
	           "RODTRAD_DB anger en annan (flaggan vinner).\n");
}

static const struct rt_cli_cmd *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	return rt_cli_usage_error(NULL, "okänt kommando '%s'", name);
}

/* `rodtrad help [CMD [SUB]]`: the command's own --help. */
static int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		print_main_usage(stdout);
		return RT_EXIT_OK;
	}
	const struct rt_cli_cmd *c = find_command(argv[1]);
	if (!c)
		return unknown_command(argv[1]);
	char help[] = "--help";
	char *sub_argv[4] = { argv[1], help, NULL, NULL };
	if (argc >= 3) {
		/* "help plan show" */
		sub_argv[1] = argv[2];
		sub_argv[2] = help;
		return c->fn(3, sub_argv);
	}
	return c->fn(2, sub_argv);
}

static int finish(int rc)
{
	/* A full disk or a closed pipe must not look like success. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "rodtrad: kunde inte skriva utdata\n");
		return rc ? rc : RT_EXIT_FAIL;
	}
	return rc;
}

int main(int argc, char **argv)
{
	argc = rt_cli_strip_as(argc, argv);   /* --as NAMN: who runs the command */
	if (argc < 2)
		return rt_cli_usage_error(NULL, "ange ett kommando, t.ex. 'rodtrad plan list'");
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h")) {
		print_main_usage(stdout);
		return finish(RT_EXIT_OK);
	}
	if (!strcmp(name, "--version") || !strcmp(name, "-V")) {
		printf("rodtrad %s\n", RT_VERSION);
		return finish(RT_EXIT_OK);
	}
	if (!strcmp(name, "help"))
		return finish(cmd_help(argc - 1, argv + 1));
	if (name[0] == '-')
		return rt_cli_usage_error(NULL, "okänd flagga '%s'; ange först ett kommando", name);
	const struct rt_cli_cmd *c = find_command(name);
	if (!c)
		return unknown_command(name);
	return finish(c->fn(argc - 1, argv + 1));
}
