/* rodtrad period: the follow-up periods (uppföljningsperioder). `period add`
 * derives kind and dates from the key (core/followup.h) so that nobody types
 * a tertial's dates by hand; `period list` shows them with their deadlines. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/followup.h"
#include "util/date.h"

static const char *const usage[] = {
	"rodtrad period add NYCKEL [--deadline ÅÅÅÅ-MM-DD] [--db SÖKVÄG]",
	"rodtrad period list [--db SÖKVÄG]",
	"rodtrad period reopen NYCKEL --until ÅÅÅÅ-MM-DD [--reason TEXT] [--db SÖKVÄG]",
	"",
	"period add    lägger till en uppföljningsperiod. NYCKEL anger typ och år:",
	"              2021-T1, 2021-T2, 2021-T3  tertial (jan–apr, jan–aug, helår)",
	"              2024-H1, 2024-H2           halvår (per maj, per december)",
	"              2024-M03                   månad",
	"              2024                       år (årsrapport)",
	"              Start- och slutdatum räknas fram ur nyckeln.",
	"period list   alla perioder med typ, datum och sista dag för rapportering",
	NULL,
};

static const char *const add_usage[] = {
	"rodtrad period add NYCKEL [--deadline ÅÅÅÅ-MM-DD] [--db SÖKVÄG]",
	"",
	"Lägger till uppföljningsperioden NYCKEL, t.ex. 2021-T1 (tertial 1, jan–apr),",
	"2024-H1 (halvår, per maj), 2024-M03 (mars) eller 2024 (helår). Datumen",
	"räknas fram ur nyckeln; --deadline är sista dag för att rapportera utfall.",
	NULL,
};

static const char *const list_usage[] = {
	"rodtrad period list [--db SÖKVÄG]",
	"",
	"Visar alla uppföljningsperioder: nyckel, typ, start–slut och sista",
	"rapporteringsdag.",
	NULL,
};

/* "Tertial 1", "Halvår 2", "Månad 3", "År". */
static void kind_text(rt_buf *b, const struct rt_period *p)
{
	rt_buf_addstr(b, rt_period_kind_label(p->kind));
	if (p->kind != RT_PERIOD_YEAR)
		rt_buf_addf(b, " %d", p->number);
}

/* 2021-t1 → 2021-T1: keys are compared as text, so keep one spelling. */
static void canonical_key(rt_buf *b, const char *key)
{
	rt_buf_addstr(b, key);
	for (size_t i = 0; i < b->len; i++)
		if (b->buf[i] >= 'a' && b->buf[i] <= 'z')
			b->buf[i] = (char)(b->buf[i] - 32);
}

static int period_add(int argc, char **argv)
{
	const char *db = NULL, *deadline = NULL;
	const struct rt_cli_opt opts[] = {
		{ "deadline", 0, "ÅÅÅÅ-MM-DD", &deadline, NULL, "sista dag för rapportering" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "period add", add_usage, opts, 1, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;

	rt_err err = RT_ERR_INIT;
	rt_buf key = RT_BUF_INIT;
	canonical_key(&key, args.pos[0]);
	struct rt_period p;
	memset(&p, 0, sizeof(p));
	char start[11], end[11];
	if (rt_period_parse_key(key.buf, &p, start, end, &err) != 0) {
		rt_buf_release(&key);
		return rt_cli_fail(&err);
	}
	p.key = key.buf;
	if (deadline) {
		if (rt_date_parse(deadline, NULL, NULL, NULL, "deadline", &err) != 0) {
			rt_buf_release(&key);
			return rt_cli_fail(&err);
		}
		if (rt_date_cmp(deadline, end) < 0) {
			rc = rt_cli_failf("sista rapporteringsdag %s ligger före periodens slut %s",
			                  deadline, end);
			rt_buf_release(&key);
			return rc;
		}
		p.deadline = (char *)deadline;
	}

	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0) {
		rt_buf_release(&key);
		return rc;
	}
	if (rt_store_begin(s, rt_cli_actor(), &err) != 0 || rt_store_period_put(s, &p, &err) != 0 ||
	    rt_store_commit(s, &err) != 0) {
		rt_store_rollback(s);
		rc = err.code == RT_ECONFLICT ? rt_cli_failf("perioden %s finns redan", p.key)
		                              : rt_cli_fail(&err);
	} else {
		rt_buf kind = RT_BUF_INIT;
		kind_text(&kind, &p);
		printf("Perioden %s (%s, %s – %s) är tillagd", p.key, kind.buf, start, end);
		if (p.deadline)
			printf(", sista rapporteringsdag %s", p.deadline);
		printf(".\n");
		rt_buf_release(&kind);
	}
	rt_store_close(s);
	rt_buf_release(&key);
	return rc;
}

static int period_list(int argc, char **argv)
{
	const char *db = NULL;
	const struct rt_cli_opt opts[] = { RT_CLI_OPT_DB(&db), RT_CLI_OPT_END };
	const struct rt_cli_spec spec = { "period list", list_usage, opts, 0, 0 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		return rc;
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_period *list;
	size_t n;
	if (rt_store_period_list(s, &a, &list, &n, &err) != 0) {
		rc = rt_cli_fail(&err);
	} else if (n == 0) {
		printf("Inga perioder ännu; lägg till en med 'rodtrad period add 2021-T1'.\n");
	} else {
		rt_buf line = RT_BUF_INIT;
		rt_cli_pad(&line, "Nyckel", 10);
		rt_cli_pad(&line, "Typ", 12);
		rt_cli_pad(&line, "Period", 25);
		rt_buf_addstr(&line, "Sista rapporteringsdag");
		printf("%s\n", line.buf);
		for (size_t i = 0; i < n; i++) {
			rt_buf kind = RT_BUF_INIT, dates = RT_BUF_INIT;
			kind_text(&kind, &list[i]);
			rt_buf_addf(&dates, "%s – %s", list[i].start_date, list[i].end_date);
			rt_buf_reset(&line);
			rt_cli_pad(&line, list[i].key, 10);
			rt_cli_pad(&line, kind.buf, 12);
			rt_cli_pad(&line, dates.buf, 25);
			rt_buf_addstr(&line, list[i].deadline ? list[i].deadline : "–");
			printf("%s\n", line.buf);
			rt_buf_release(&kind);
			rt_buf_release(&dates);
		}
		rt_buf_release(&line);
	}
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}

int cmd_period(int argc, char **argv)
{
	const struct rt_cli_spec spec = { "period", usage, NULL, 1, 1 };
	if (argc < 2)
		return rt_cli_usage_error(&spec, "ange 'period add NYCKEL' eller 'period list'");
	const char *sub = argv[1];
	if (!strcmp(sub, "add"))
		return period_add(argc - 1, argv + 1);
	if (!strcmp(sub, "list"))
		return period_list(argc - 1, argv + 1);
	if (!strcmp(sub, "reopen"))
		return cmd_period_reopen(argc - 1, argv + 1);
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h")) {
		rt_cli_print_usage(stdout, &spec);
		return RT_EXIT_OK;
	}
	return rt_cli_usage_error(&spec, "okänt underkommando 'period %s'", sub);
}
