/* rodtrad process: the planning process (årshjul, seed 002) — where it
 * stands (phases with process owners, dates, deliveries per board) and its
 * dates as an iCalendar file for staff's calendars. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/process_ics.h"
#include "util/date.h"

static const char *const usage[] = {
	"rodtrad process show [--year ÅR] [--db SÖKVÄG]",
	"rodtrad process calendar -o FIL.ics [--year ÅR] [--db SÖKVÄG]",
	"rodtrad process deliver NÄMND TYP STATUS [--due ÅÅÅÅ-MM-DD] [--date ÅÅÅÅ-MM-DD]",
	"                        [--year ÅR] [--db SÖKVÄG]",
	"",
	"process show      planeringsprocessen: faser med processägare, milstolpar och",
	"                  möten (syfte, mål, deltagare), nämndernas leveranser",
	"process calendar  processens datum som iCalendar-fil (.ics) för kalendern",
	"process deliver   sätter läget för en nämnds leverans: TYP är feedback,",
	"                  operational_plan eller activity_plan; STATUS not_started,",
	"                  in_progress eller delivered (--date: lämnad, standard i dag)",
	"",
	"Utan --year visas den senaste processen.",
	NULL,
};

int rt_cli_process_load(rt_store *s, const char *year, struct rt_process_doc *doc)
{
	rt_err err = RT_ERR_INIT;
	int y = 0;
	if (year) {
		char *end;
		long v = strtol(year, &end, 10);
		if (*end || v < 1900 || v > 9999)
			return rt_cli_failf("ogiltigt år '%s'; skriv t.ex. --year 2026", year);
		y = (int)v;
	}
	int64_t id;
	if (rt_store_process_find(s, 0, y, &id, &err) != 0 ||
	    rt_store_process_load(s, id, doc, &err) != 0)
		return rt_cli_fail(&err);
	return 0;
}

static void print_process(const struct rt_process_doc *d)
{
	char today[11];
	rt_date_today(today);
	printf("%s – %s\nProcessägare: %s\n\n", d->cycle.title, d->region_name,
	       d->cycle.owner ? d->cycle.owner : "saknas");
	int now = rt_process_phase_at(d->phases, d->n_phases, today);
	printf("Faser:\n");
	for (size_t i = 0; i < d->n_phases; i++) {
		const struct rt_process_phase *p = &d->phases[i];
		printf("  %s %s – %s  %s (processägare: %s)\n", (int)i == now ? "▶" : " ",
		       p->starts_on, p->ends_on, p->name, p->owner ? p->owner : "saknas");
	}
	printf("\nMilstolpar och möten:\n");
	for (size_t i = 0; i < d->n_events; i++) {
		const struct rt_process_event *e = &d->events[i];
		printf("  %s  %s: %s\n", e->on_date, rt_event_kind_label(e->kind), e->title);
		if (e->kind == RT_EVENT_MEETING)
			printf("              Syfte: %s\n              Mål: %s\n              "
			       "Deltagare: %s\n", e->purpose, e->goal, e->participants);
	}
	printf("\nLeveranser från nämnderna:\n");
	for (int k = 0; k < RT_DELIVERY_KIND_COUNT; k++) {
		size_t done, total;
		rt_process_progress(d->deliveries, d->n_deliveries, k, &done, &total);
		if (!total) continue;
		printf("  %s: %zu av %zu levererade\n", rt_delivery_kind_label((enum rt_delivery_kind)k),
		       done, total);
		for (size_t i = 0; i < d->n_deliveries; i++) {
			const struct rt_process_delivery *x = &d->deliveries[i];
			if ((int)x->kind != k) continue;
			rt_buf name = RT_BUF_INIT;
			rt_cli_pad(&name, x->org_name ? x->org_name : "", 32);
			printf("    %s sista dag %s  %s%s%s\n", name.buf, x->due_on,
			       rt_delivery_status_label(x->status), x->delivered_on ? " " : "",
			       x->delivered_on ? x->delivered_on : "");
			rt_buf_release(&name);
		}
	}
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_process_check(d->phases, d->n_phases, d->deliveries, d->n_deliveries, today, &f);
	if (f.n) printf("\nAtt åtgärda:\n");
	for (size_t i = 0; i < f.n; i++)
		printf("  %s: %s\n", rt_severity_label(f.items[i].severity), f.items[i].message);
	rt_findings_release(&f);
}

static int process_run(int argc, char **argv, bool calendar)
{
	const char *db = NULL, *year = NULL, *outp = NULL;
	const struct rt_cli_opt opts[] = {
		{ "year", 0, "ÅR", &year, NULL, "processens år (standard: det senaste)" },
		{ "output", 'o', "FIL", &outp, NULL, "kalenderfilen att skriva (.ics)" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { calendar ? "process calendar" : "process show", usage,
	                                  opts, 0, 0 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc)) return rc;
	if (calendar && !outp) return rt_cli_usage_error(&spec, "ange kalenderfilen med -o FIL.ics");
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0) return rc;
	struct rt_process_doc doc;
	memset(&doc, 0, sizeof(doc));
	if ((rc = rt_cli_process_load(s, year, &doc)) == 0) {
		if (!calendar) {
			print_process(&doc);
		} else {
			rt_buf ics = RT_BUF_INIT;
			rt_err err = RT_ERR_INIT;
			if (rt_process_ics(&doc, &ics, &err) != 0) rc = rt_cli_fail(&err);
			else if ((rc = rt_cli_write_file(outp, &ics)) == 0)
				printf("Kalendern för %s (%zu faser, %zu milstolpar och möten, %zu "
				       "leveranser) är skriven till %s.\n", doc.cycle.title, doc.n_phases,
				       doc.n_events, doc.n_deliveries, outp);
			rt_buf_release(&ics);
		}
	}
	rt_store_process_doc_release(&doc);
	rt_store_close(s);
	return rc;
}

static int process_deliver(int argc, char **argv)
{
	const char *db = NULL, *year = NULL, *due = NULL, *date = NULL;
	const struct rt_cli_opt opts[] = {
		{ "year", 0, "ÅR", &year, NULL, "processens år (standard: det senaste)" },
		{ "due", 0, "ÅÅÅÅ-MM-DD", &due, NULL, "sista dag (krävs för en ny leverans)" },
		{ "date", 0, "ÅÅÅÅ-MM-DD", &date, NULL, "dagen leveransen lämnades" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "process deliver", usage, opts, 3, 3 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc)) return rc;
	rt_err err = RT_ERR_INIT;
	struct rt_process_delivery d = { 0, 0, 0, NULL, RT_DELIVERY_FEEDBACK, (char *)due,
	                                 RT_DELIVERY_NOT_STARTED, NULL };
	if (rt_delivery_kind_parse(args.pos[1], &d.kind, &err) != 0 ||
	    rt_delivery_status_parse(args.pos[2], &d.status, &err) != 0)
		return rt_cli_fail(&err);
	char today[11];
	rt_date_today(today);
	if (d.status == RT_DELIVERY_DELIVERED) d.delivered_on = (char *)(date ? date : today);
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0) return rc;
	struct rt_process_doc doc;
	memset(&doc, 0, sizeof(doc));
	if ((rc = rt_cli_process_load(s, year, &doc)) != 0) goto out;
	if (rt_store_find_key(s, "org_unit", args.pos[0], &d.org_unit_id, &err) != 0 ||
	    !d.org_unit_id) {
		rc = rt_cli_failf("det finns ingen nämnd med nyckeln '%s'", args.pos[0]);
		goto out;
	}
	d.cycle_id = doc.cycle.id;
	/* An existing delivery keeps its due date unless --due says otherwise. */
	for (size_t i = 0; i < doc.n_deliveries; i++)
		if (doc.deliveries[i].org_unit_id == d.org_unit_id && doc.deliveries[i].kind == d.kind) {
			d.id = doc.deliveries[i].id;
			if (!d.due_on) d.due_on = doc.deliveries[i].due_on;
		}
	if (!d.due_on) {
		rc = rt_cli_failf("ange sista dag med --due för en ny leverans");
		goto out;
	}
	if (rt_store_begin(s, rt_cli_actor(), &err) != 0 ||
	    rt_store_process_delivery_put(s, &d, &err) != 0 || rt_store_commit(s, &err) != 0) {
		rt_store_rollback(s);
		rc = rt_cli_fail(&err);
		goto out;
	}
	printf("%s från %s: %s.\n", rt_delivery_kind_label(d.kind), args.pos[0],
	       rt_delivery_status_label(d.status));
out:
	rt_store_process_doc_release(&doc);
	rt_store_close(s);
	return rc;
}

int cmd_process(int argc, char **argv)
{
	const struct rt_cli_spec spec = { "process", usage, NULL, 1, 1 };
	if (argc < 2) return rt_cli_usage_error(&spec, "ange 'process show' eller 'process calendar'");
	if (!strcmp(argv[1], "show")) return process_run(argc - 1, argv + 1, false);
	if (!strcmp(argv[1], "calendar")) return process_run(argc - 1, argv + 1, true);
	if (!strcmp(argv[1], "deliver")) return process_deliver(argc - 1, argv + 1);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		rt_cli_print_usage(stdout, &spec);
		return RT_EXIT_OK;
	}
	return rt_cli_usage_error(&spec, "okänt underkommando 'process %s'", argv[1]);
}
