/* rodtrad plan: the plan subcommands, `plan list` and `plan show`. This
 * file only dispatches; each subcommand has its own file. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char *const usage[] = {
	"rodtrad plan list [--db SÖKVÄG]",
	"rodtrad plan show PLAN_ID [--db SÖKVÄG]",
	"rodtrad plan checklist PLAN_ID [answer|motivate …] [--db SÖKVÄG]",
	"rodtrad plan status PLAN_ID STATUS [--db SÖKVÄG]",
	"rodtrad plan document PLAN_ID -o FIL.html [--db SÖKVÄG]",
	"rodtrad plan new-version PLAN_ID --change TEXT [--date ÅÅÅÅ-MM-DD] [--db SÖKVÄG]",
	"",
	"plan list   alla planer, per region och nivå i styrkedjan",
	"plan show   en plan: uppgifter, ändringsförteckning, mål, indikatorer med",
	"            målvärden, aktiviteter, budget och uppföljning",
	"",
	"PLAN_ID är planens id (ett heltal) eller dess nyckel.",
	NULL,
};

int cmd_plan(int argc, char **argv)
{
	const struct rt_cli_spec spec = { "plan", usage, NULL, 1, 1 };
	if (argc < 2)
		return rt_cli_usage_error(&spec, "ange 'plan list' eller 'plan show PLAN_ID'");
	const char *sub = argv[1];
	if (!strcmp(sub, "list"))
		return cmd_plan_list(argc - 1, argv + 1);
	if (!strcmp(sub, "show"))
		return cmd_plan_show(argc - 1, argv + 1);
	if (!strcmp(sub, "checklist"))
		return cmd_plan_checklist(argc - 1, argv + 1);
	if (!strcmp(sub, "status"))
		return cmd_plan_status(argc - 1, argv + 1);
	if (!strcmp(sub, "document"))
		return cmd_plan_document(argc - 1, argv + 1);
	if (!strcmp(sub, "new-version"))
		return cmd_plan_new_version(argc - 1, argv + 1);
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h")) {
		rt_cli_print_usage(stdout, &spec);
		return RT_EXIT_OK;
	}
	if (sub[0] == '-')
		return rt_cli_usage_error(&spec, "okänd flagga '%s'; ange först 'list' eller 'show'",
		                          sub);
	return rt_cli_usage_error(&spec, "okänt underkommando 'plan %s'", sub);
}
