/* rodtrad activity: aktiviteternas uppföljning. `activity status` sets an
 * activity's state for a period (ej påbörjad, pågår, klar, försenad,
 * inställd) with a comment, or shows it when no state is given. The store
 * keeps one row per activity and period; every change is audited. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "ingest/followup_entry.h"

static const char *const usage[] = {
	"rodtrad activity status --activity ID|NYCKEL --period PERIOD [LÄGE]",
	"                        [--comment TEXT] [--by NAMN] [--db SÖKVÄG]",
	"",
	"Sätter aktivitetens läge för perioden: ej-påbörjad, pågår, klar, försenad",
	"eller inställd, med en kommentar. Utan LÄGE visas det läge som är satt.",
	NULL,
};

/* The failure; an unknown period comes with the command that adds it. */
static int fail_state(const rt_err *err, const char *period)
{
	if (err->code == RT_ENOTFOUND && !strcmp(err->field, "period"))
		return rt_cli_failf("%s; lägg till den med 'rodtrad period add %s'", err->msg,
		                    period);
	return err->msg[0] ? rt_cli_failf("%s", err->msg) : rt_cli_fail(err);
}

static void print_state(const struct rt_activity_status *st, const char *activity,
                        const char *period)
{
	printf("Aktivitet %s, %s: %s\n", activity, period, rt_activity_state_label(st->state));
	if (st->comment)
		printf("  Kommentar: %s\n", st->comment);
	printf("  Inmatat:   %s, %s\n", st->entered_by ? st->entered_by : "okänd",
	       st->entered_at ? st->entered_at : "okänt när");
}

static int show_state(rt_store *s, const char *activity, const char *period)
{
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	int64_t act_id, period_id;
	struct rt_activity_status st;
	int rc;
	if (rt_followup_resolve(s, "activity", activity, &act_id, &err) != 0 ||
	    rt_followup_resolve(s, "period", period, &period_id, &err) != 0) {
		rc = fail_state(&err, period);
	} else if ((rc = rt_store_activity_status_find(s, &a, act_id, period_id, &st, &err)) ==
	           RT_ENOTFOUND) {
		printf("Aktivitet %s, %s: inget läge är satt\n", activity, period);
		rc = RT_EXIT_OK;
	} else if (rc != 0) {
		rc = rt_cli_fail(&err);
	} else {
		print_state(&st, activity, period);
	}
	rt_arena_release(&a);
	return rc;
}

static int activity_status(int argc, char **argv)
{
	const char *db = NULL, *activity = NULL, *period = NULL, *comment = NULL, *by = NULL;
	const struct rt_cli_opt opts[] = {
		{ "activity", 'a', "ID|NYCKEL", &activity, NULL, "aktivitetens id eller nyckel" },
		{ "period", 'p', "PERIOD", &period, NULL, "perioden, t.ex. 2021-T1" },
		{ "comment", 'c', "TEXT", &comment, NULL, "kommentar till läget" },
		{ "by", 0, "NAMN", &by, NULL, "vem som rapporterar (standard: $USER)" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "activity status", usage, opts, 0, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	if (!activity || !period)
		return rt_cli_usage_error(&spec, "ange --activity och --period");
	rt_err err = RT_ERR_INIT;
	enum rt_activity_state state = RT_ACT_NOT_STARTED;
	if (args.n && rt_activity_state_parse_sv(args.pos[0], &state, &err) != 0)
		return rt_cli_usage_error(&spec, "%s", err.msg);
	if (!args.n && comment)
		return rt_cli_usage_error(&spec, "ange läget (t.ex. pågår) tillsammans med --comment");

	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		return rc;
	if (!args.n) {
		rc = show_state(s, activity, period);
		rt_store_close(s);
		return rc;
	}
	rt_arena a = RT_ARENA_INIT;
	struct rt_activity_status st;
	bool updated;
	if (rt_store_begin(s, rt_cli_actor(), &err) != 0 ||
	    rt_followup_activity_state_put(s, &a, activity, period, state, comment,
	                                   by ? by : rt_cli_actor(), &st, &updated, &err) != 0 ||
	    rt_store_commit(s, &err) != 0) {
		rt_store_rollback(s);
		rc = fail_state(&err, period);
	} else {
		printf("%s\n", updated ? "Läget är ändrat." : "Läget är sparat.");
		print_state(&st, activity, period);
	}
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}

int cmd_activity(int argc, char **argv)
{
	const struct rt_cli_spec spec = { "activity", usage, NULL, 1, 1 };
	if (argc < 2)
		return rt_cli_usage_error(&spec, "ange 'activity status --activity … --period …'");
	const char *sub = argv[1];
	if (!strcmp(sub, "status"))
		return activity_status(argc - 1, argv + 1);
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h")) {
		rt_cli_print_usage(stdout, &spec);
		return RT_EXIT_OK;
	}
	return rt_cli_usage_error(&spec, "okänt underkommando 'activity %s'", sub);
}
