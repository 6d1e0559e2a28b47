/* rodtrad feedback: the boards' feedback on the planning premises (seed
 * 002's template with six headings plus the risk and sensitivity analysis):
 * write one heading's text for a board, and compile every board's feedback
 * into one document for the regional board. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "report/feedback_doc.h"

static const char *const usage[] = {
	"rodtrad feedback set NÄMND RUBRIK TEXT [--year ÅR] [--db SÖKVÄG]",
	"rodtrad feedback compile -o FIL [--format html|docx|pdf] [--year ÅR] [--db SÖKVÄG]",
	"",
	"feedback set      sätter texten under en rubrik i nämndens återkoppling",
	"feedback compile  sammanställer alla nämnders återkoppling till regionstyrelsen",
	"",
	"NÄMND är nämndens nyckel (t.ex. rvb-hsn). RUBRIK är en av:",
	"  goals        Nämndens bidrag till fullmäktiges mål och uppdrag",
	"  development  Nämndens utvecklingsinsatser och planerade verksamhetsförändringar",
	"  competence   Nämndens inriktning för kompetensförsörjning",
	"  economy      Nämndens plan för hållbar ekonomi och prioriteringar av resurser",
	"  investment   Nämndens investeringsplanering",
	"  other        Nämndens övriga synpunkter",
	"  risk         Risk- och känslighetsanalys",
	NULL,
};

static int feedback_run(int argc, char **argv, bool compile)
{
	const char *db = NULL, *year = NULL, *outp = NULL, *format = NULL;
	const struct rt_cli_opt opts[] = {
		{ "year", 0, "ÅR", &year, NULL, "processens år (standard: det senaste)" },
		{ "output", 'o', "FIL", &outp, NULL, "dokumentet att skriva" },
		{ "format", 'f', "FORMAT", &format, NULL, "html (standard), docx eller pdf" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { compile ? "feedback compile" : "feedback set", usage, opts,
	                                  compile ? 0 : 3, compile ? 0 : 3 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc)) return rc;
	if (compile && !outp) return rt_cli_usage_error(&spec, "ange dokumentet med -o FIL");
	rt_err err = RT_ERR_INIT;
	enum rt_doc_format fmt;
	if (rt_doc_format_parse(format, &fmt, &err) != 0) return rt_cli_fail(&err);
	struct rt_feedback_section f = { 0, 0, 0, RT_FB_GOALS, NULL };
	if (!compile && rt_feedback_heading_parse(args.pos[1], &f.heading, &err) != 0)
		return rt_cli_fail(&err);
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0) return rc;
	struct rt_process_doc doc;
	memset(&doc, 0, sizeof(doc));
	if ((rc = rt_cli_process_load(s, year, &doc)) != 0) goto out;
	if (compile) {
		rt_buf html = RT_BUF_INIT;
		if (rt_feedback_render(&doc, fmt, &html, &err) != 0) rc = rt_cli_fail(&err);
		else if ((rc = rt_cli_write_file(outp, &html)) == 0)
			printf("Återkopplingen för %d är sammanställd i %s.\n", doc.cycle.year, outp);
		rt_buf_release(&html);
		goto out;
	}
	if (rt_store_find_key(s, "org_unit", args.pos[0], &f.org_unit_id, &err) != 0 ||
	    !f.org_unit_id) {
		rc = rt_cli_failf("det finns ingen nämnd med nyckeln '%s'", args.pos[0]);
		goto out;
	}
	f.cycle_id = doc.cycle.id;
	f.body = (char *)args.pos[2];
	if (rt_store_begin(s, rt_cli_actor(), &err) != 0 || rt_store_feedback_put(s, &f, &err) != 0 ||
	    rt_store_commit(s, &err) != 0) {
		rt_store_rollback(s);
		rc = rt_cli_fail(&err);
		goto out;
	}
	printf("Texten under '%s' är sparad för %s (%d).\n", rt_feedback_heading_label(f.heading),
	       args.pos[0], doc.cycle.year);
out:
	rt_store_process_doc_release(&doc);
	rt_store_close(s);
	return rc;
}

int cmd_feedback(int argc, char **argv)
{
	const struct rt_cli_spec spec = { "feedback", usage, NULL, 1, 1 };
	if (argc < 2) return rt_cli_usage_error(&spec, "ange 'feedback set' eller 'feedback compile'");
	if (!strcmp(argv[1], "set")) return feedback_run(argc - 1, argv + 1, false);
	if (!strcmp(argv[1], "compile")) return feedback_run(argc - 1, argv + 1, true);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		rt_cli_print_usage(stdout, &spec);
		return RT_EXIT_OK;
	}
	return rt_cli_usage_error(&spec, "okänt underkommando 'feedback %s'", argv[1]);
}
