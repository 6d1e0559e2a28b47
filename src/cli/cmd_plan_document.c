/* rodtrad plan document: the plan as a document with seed 000's section
 * numbering (ändringsförteckning first, 1 Inledning … 5 Definitioner). */
#include <stdio.h>

#include "cli/cli.h"
#include "report/plan_document.h"

static const char *const usage[] = {
	"rodtrad plan document PLAN_ID -o FIL [--format html|docx|pdf] [--db SÖKVÄG]",
	"",
	"Skriver planen som dokument: ändringsförteckningen först, sedan 1 Inledning,",
	"2 Mål, 3 Aktiviteter (verksamheterna och ledningsstaberna var för sig),",
	"4 Särskilda perspektiv och 5 Definitioner.",
	NULL,
};

int cmd_plan_document(int argc, char **argv)
{
	const char *db = NULL, *outp = NULL, *format = NULL;
	const struct rt_cli_opt opts[] = {
		{ "output", 'o', "FIL", &outp, NULL, "dokumentet att skriva" },
		{ "format", 'f', "FORMAT", &format, NULL, "html (standard), docx eller pdf" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "plan document", usage, opts, 1, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc)) return rc;
	if (!outp) return rt_cli_usage_error(&spec, "ange dokumentet med -o FIL");
	rt_err err = RT_ERR_INIT;
	enum rt_doc_format fmt;
	if (rt_doc_format_parse(format, &fmt, &err) != 0) return rt_cli_fail(&err);
	rt_store *s;
	int64_t id;
	if ((rc = rt_cli_open_resolved(db, args.pos[0], rt_cli_plan_id, &s, &id)) != 0) return rc;
	rt_buf html = RT_BUF_INIT;
	if (rt_plan_document_render(s, id, fmt, &html, &err) != 0) rc = rt_cli_fail(&err);
	else if ((rc = rt_cli_write_file(outp, &html)) == 0)
		printf("Plandokumentet är skrivet till %s.\n", outp);
	rt_buf_release(&html);
	rt_store_close(s);
	return rc;
}
