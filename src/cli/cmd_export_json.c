/* rodtrad export-json: one plan as a plan document (docs/plan-json.md), to
 * stdout or to a file. A file is written as FILE.tmp and renamed, so a
 * failure never leaves half a document under the real name. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "report/plan_json.h"

static const char *const usage[] = {
	"rodtrad export-json PLAN_ID [-o FIL] [--db SÖKVÄG]",
	"",
	"Skriver en plan som plandokument (rodtrad-plans/1, se docs/plan-json.md),",
	"med organisationsenheterna och perioderna den använder, så att dokumentet",
	"kan läsas in i en tom databas med 'rodtrad import'. Utan -o skrivs",
	"dokumentet till standard ut. PLAN_ID är planens id eller nyckel.",
	NULL,
};

int cmd_export_json(int argc, char **argv)
{
	const char *db = NULL, *out = NULL;
	const struct rt_cli_opt opts[] = {
		RT_CLI_OPT_DB(&db),
		{ "output", 'o', "FIL", &out, NULL, "skriv till FIL i stället för standard ut" },
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "export-json", usage, opts, 1, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	rt_store *s;
	int64_t id;
	if ((rc = rt_cli_open_resolved(db, args.pos[0], rt_cli_plan_id, &s, &id)) != 0)
		return rc;
	rt_err err = RT_ERR_INIT;
	rt_buf doc = RT_BUF_INIT;
	if (rt_export_plan_json(s, id, &doc, &err) != 0)
		rc = rt_cli_fail(&err);
	else if (out && strcmp(out, "-"))
		rc = rt_cli_write_file(out, &doc);
	else if (fwrite(doc.buf, 1, doc.len, stdout) != doc.len)
		rc = rt_cli_failf("kunde inte skriva utdata");
	rt_buf_release(&doc);
	rt_store_close(s);
	return rc;
}
