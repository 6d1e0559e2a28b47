/* rodtrad export opendata DIR: the published plans' goals, indicators,
 * targets and outcomes as open data (CSV, JSON and datapackage.json, see
 * docs/opendata.md) in a directory. Every file is written as FILE.tmp and
 * renamed, so a failure never leaves half a file under its real name. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "report/opendata.h"

static const char *const usage[] = {
	"rodtrad export opendata KATALOG [--db SÖKVÄG]",
	"",
	"Skriver öppna data om de publicerade (beslutade och arkiverade) planerna till",
	"KATALOG (skapas om den saknas): planer, mål, indikatorer, målvärden och",
	"utfall som CSV (UTF-8, komma, punkt som decimaltecken) och JSON, och",
	"datapackage.json som beskriver filerna enligt Frictionless Data",
	"(se docs/opendata.md). Samma databas ger alltid samma filer.",
	NULL,
};

static int export_opendata(int argc, char **argv)
{
	const char *db = NULL;
	const struct rt_cli_opt opts[] = { RT_CLI_OPT_DB(&db), RT_CLI_OPT_END };
	const struct rt_cli_spec spec = { "export opendata", usage, opts, 1, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	const char *dir = args.pos[0];
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return rt_cli_failf("kan inte skapa katalogen '%s': %s", dir, rt_cli_strerror(errno));
	struct stat sb;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return rt_cli_failf("'%s' är ingen katalog", dir);
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		return rc;
	rt_err err = RT_ERR_INIT;
	struct rt_opendata od;
	if (rt_opendata_build(s, &od, &err) != 0) {
		rc = rt_cli_fail(&err);
	} else {
		for (size_t i = 0; i < od.n && rc == 0; i++) {
			rt_buf path = RT_BUF_INIT;
			rt_buf_addf(&path, "%s/%s", dir, od.files[i].name);
			rc = rt_cli_write_file(path.buf, &od.files[i].data);
			rt_buf_release(&path);
		}
		if (rc == 0)
			printf("Skrev %zu filer med öppna data till %s.\n", od.n, dir);
		rt_opendata_release(&od);
	}
	rt_store_close(s);
	return rc;
}

int cmd_export(int argc, char **argv)
{
	const struct rt_cli_spec spec = { "export", usage, NULL, 1, 1 };
	if (argc < 2)
		return rt_cli_usage_error(&spec, "ange 'export opendata KATALOG'");
	const char *sub = argv[1];
	if (!strcmp(sub, "opendata"))
		return export_opendata(argc - 1, argv + 1);
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h")) {
		rt_cli_print_usage(stdout, &spec);
		return RT_EXIT_OK;
	}
	return rt_cli_usage_error(&spec, "okänt underkommando 'export %s'", sub);
}
