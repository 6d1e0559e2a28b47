/* rodtrad plan show: one plan as a reader meets it in the seeds: header,
 * ändringsförteckning, the goal tree with indicators, targets, activities,
 * budget and recorded follow-up. Rendering is in print_plan.c. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/print_plan.h"

static const char *const usage[] = {
	"rodtrad plan show PLAN_ID [--db SÖKVÄG]",
	"",
	"Visar en plan: titel, typ, ägare, period, Dnr, version, status och",
	"beslutsinstans; ändringsförteckningen (Version | Datum | Ändring | Beslutat av);",
	"målträdet med målområden, mål, indikatorer med målvärden per år (även för",
	"kvinnor och män) och utgångsvärden, aktiviteter med målgrupp, tidsplan,",
	"ansvarig och kontaktperson, budgetrader i mnkr och registrerad uppföljning",
	"(utfall per period med status ● uppfyllt, ◆ delvis uppfyllt, ■ ej uppfyllt).",
	"",
	"PLAN_ID är planens id (ett heltal, se 'rodtrad plan list') eller dess nyckel.",
	NULL,
};

int cmd_plan_show(int argc, char **argv)
{
	const char *db = NULL;
	const struct rt_cli_opt opts[] = { RT_CLI_OPT_DB(&db), RT_CLI_OPT_END };
	const struct rt_cli_spec spec = { "plan show", usage, opts, 1, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	rt_store *s;
	int64_t id;
	if ((rc = rt_cli_open_resolved(db, args.pos[0], rt_cli_plan_id, &s, &id)) != 0)
		return rc;
	rt_err err = RT_ERR_INIT;
	struct rt_plan_doc doc;
	rt_plan_doc_init(&doc);
	if (rt_store_plan_load(s, id, &doc, &err) != 0) {
		rt_plan_doc_release(&doc);
		rt_store_close(s);
		return rt_cli_fail(&err);
	}
	rt_arena a = RT_ARENA_INIT;
	struct rt_print_ctx ctx;
	rc = rt_print_ctx_load(s, &a, &ctx);
	if (rc == 0)
		rt_print_plan(stdout, &doc, &ctx);
	rt_arena_release(&a);
	rt_plan_doc_release(&doc);
	rt_store_close(s);
	return rc;
}
