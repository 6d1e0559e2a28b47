/* rodtrad outcome: entering follow-up outcomes (utfall). `outcome set` enters
 * or corrects one value, `outcome history` shows every version of it and
 * `outcome import` reads a CSV file all-or-nothing. The rules (value against
 * the indicator, status, override with justification) are in
 * core/outcome_entry.c and ingest/followup_entry.c; this file only wires
 * options to them and prints the result. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "ingest/followup_entry.h"
#include "ingest/outcome_csv.h"
#include "util/numfmt.h"

static const char *const usage[] = {
	"rodtrad outcome set --indicator ID|NYCKEL --period PERIOD [VÄRDE] [flaggor]",
	"rodtrad outcome history --indicator ID|NYCKEL --period PERIOD",
	"rodtrad outcome import FIL.csv",
	"rodtrad outcome tolerance [--org ENHET] [PROCENT | --clear]",
	"",
	"outcome set      registrerar eller rättar ett utfall och visar dess status",
	"outcome history  visar alla versioner av ett utfall: värde, status, vem, när",
	"outcome import   läser in utfall från en CSV-fil (allt eller inget)",
	"outcome tolerance  visar eller sätter regionens standardtolerans för ◆",
	"",
	"Se 'rodtrad outcome set --help' och så vidare för flaggorna.",
	NULL,
};

static const char *const set_usage[] = {
	"rodtrad outcome set --indicator ID|NYCKEL --period PERIOD [VÄRDE]",
	"                    [--comment TEXT] [--gender k|m|t] [--org ENHET]",
	"                    [--status uppfyllt|delvis|ej --reason TEXT] [--by NAMN]",
	"",
	"Registrerar utfallet VÄRDE för en indikator och period, t.ex. \"5,4 %\",",
	"203,5 eller -26 151 för en kvantitativ indikator (enheten får utelämnas men",
	"måste annars vara indikatorns) och Ja, Delvis eller Nej för en kvalitativ.",
	"Statusen räknas fram ur målvärdet (● Uppfyllt, ◆ Delvis uppfyllt, ■ Ej",
	"uppfyllt; se docs/status-rules.md). Med --status väljer du en annan status;",
	"då krävs en motivering med --reason, och både den beräknade och den valda",
	"statusen sparas.",
	"",
	"Finns ett utfall redan rättas det: den gamla versionen sparas i historiken",
	"('rodtrad outcome history') och kommentaren behålls om ingen ny anges.",
	"En indikator som mäts helår tar inte emot värden i kortare perioder (t.ex.",
	"tertial 1); ange då bara --comment, så visar rapporten \"Mäts helår\".",
	NULL,
};

static const char *const history_usage[] = {
	"rodtrad outcome history --indicator ID|NYCKEL --period PERIOD [--gender k|m|t]",
	"                        [--org ENHET]",
	"",
	"Visar varje version av utfallet, äldst först: värde, vald och beräknad",
	"status, motivering, kommentar, vem som matade in det och när det ersattes.",
	NULL,
};

static const char *const import_usage[] = {
	"rodtrad outcome import FIL.csv [--by NAMN] [--db SÖKVÄG]",
	"",
	"Läser in utfall från en CSV-fil i UTF-8 (med eller utan BOM). Första raden",
	"är rubriken indikator;period;värde;kommentar (semikolon eller komma som",
	"avgränsare; kommentar får saknas). Indikatorn anges med id eller nyckel.",
	"Ett värde med decimalkomma i en kommaseparerad fil skrivs inom citattecken.",
	"Allt eller inget: en felaktig rad ger radnumret och orsaken, och då sparas",
	"ingenting.",
	NULL,
};

static const char *const tolerance_usage[] = {
	"rodtrad outcome tolerance [--org ENHET] [PROCENT | --clear] [--db SÖKVÄG]",
	"",
	"Standardtoleransen är hur långt från målvärdet ett utfall får ligga och",
	"ändå bli ◆ Delvis uppfyllt, i procent av målvärdet. Den gäller indikatorer",
	"utan egen tolerans i planer som ägs av ENHET eller enheter under den (t.ex.",
	"regionen rjh); utan --org gäller den hela databasen. Utan PROCENT visas den",
	"tolerans som gäller; --clear tar bort enhetens egen. Inbyggd standard: 10 %.",
	NULL,
};

/* The options that name one outcome: indicator, period, gender, org unit. */
#define OUTCOME_REF_OPTS(ind, per, gender, org)                                                   \
	{ "indicator", 'i', "ID|NYCKEL", (ind), NULL, "indikatorns id eller nyckel" },            \
	{ "period", 'p', "PERIOD", (per), NULL, "perioden, t.ex. 2021-T1" },                      \
	{ "gender", 0, "k|m|t", (gender), NULL, "kvinnor, män eller totalt (standard)" },         \
	{ "org", 0, "ENHET", (org), NULL, "organisationsenhetens id eller nyckel" }

/* ---- shared -------------------------------------------------------------- */

static int parse_gender(const struct rt_cli_spec *spec, const char *s, enum rt_gender *out)
{
	*out = RT_GENDER_TOTAL;
	if (!s || !strcmp(s, "t") || !strcmp(s, "totalt"))
		return 0;
	if (!strcmp(s, "k") || !strcmp(s, "kvinnor")) {
		*out = RT_GENDER_WOMEN;
		return 0;
	}
	if (!strcmp(s, "m") || !strcmp(s, "män")) {
		*out = RT_GENDER_MEN;
		return 0;
	}
	return rt_cli_usage_error(spec, "okänt kön '%s'; välj k (kvinnor), m (män) eller t "
	                          "(totalt)", s);
}

/* The failure, with the command that fixes an unknown period. */
static int fail_entry(const rt_err *err, const char *period)
{
	if (err->code == RT_ENOTFOUND && !strcmp(err->field, "period"))
		return rt_cli_failf("%s; lägg till den med 'rodtrad period add %s'", err->msg,
		                    period);
	if (!strcmp(err->field, "reason"))
		return rt_cli_failf("%s (--reason TEXT)", err->msg);
	/* the messages name the input themselves: no "(value)" after them */
	return err->msg[0] ? rt_cli_failf("%s", err->msg) : rt_cli_fail(err);
}

/* "  Label:            value", aligned by characters, not bytes. */
static void field(const char *label, const char *value)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_addstr(&b, "  ");
	rt_cli_pad(&b, label, 18);
	printf("%s %s\n", b.buf, value);
	rt_buf_release(&b);
}

static void print_status_line(const char *label, enum rt_status st,
                              const struct rt_status_result *why)
{
	rt_buf b = RT_BUF_INIT;
	rt_outcome_status_format(&b, st, why);
	field(label, b.buf);
	rt_buf_release(&b);
}

/* Status as stored: chosen and, when it differs, computed with the reason. */
static void print_statuses(enum rt_status status, enum rt_status computed,
                           const struct rt_status_result *why, const char *reason)
{
	if (reason) {
		print_status_line("Vald status:", status, NULL);
		print_status_line("Beräknad status:", computed, why);
		field("Motivering:", reason);
	} else {
		print_status_line("Status:", status, why);
	}
}

/* ---- set ------------------------------------------------------------------- */

static int outcome_set(int argc, char **argv)
{
	const char *db = NULL, *indicator = NULL, *period = NULL, *comment = NULL, *gender = NULL,
	           *org = NULL, *status = NULL, *reason = NULL, *by = NULL;
	const struct rt_cli_opt opts[] = {
		OUTCOME_REF_OPTS(&indicator, &period, &gender, &org),
		{ "comment", 'c', "TEXT", &comment, NULL, "kommentar till utfallet" },
		{ "status", 0, "STATUS", &status, NULL, "välj status: uppfyllt, delvis eller ej" },
		{ "reason", 0, "TEXT", &reason, NULL, "motivering till en vald status" },
		{ "by", 0, "NAMN", &by, NULL, "vem som rapporterar (standard: $USER)" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "outcome set", set_usage, opts, 0, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	if (!indicator || !period)
		return rt_cli_usage_error(&spec, "ange --indicator och --period");
	struct rt_outcome_request rq;
	memset(&rq, 0, sizeof(rq));
	rt_err err = RT_ERR_INIT;
	if ((rc = parse_gender(&spec, gender, &rq.gender)) != 0)
		return rc;
	if (status) {
		if (rt_outcome_status_parse(status, &rq.in.chosen, &err) != 0)
			return rt_cli_usage_error(&spec, "%s", err.msg);
		rq.in.has_chosen = true;
	} else if (reason) {
		return rt_cli_usage_error(&spec, "--reason motiverar en vald status; ange även --status");
	}
	rq.indicator = indicator;
	rq.period = period;
	rq.org = org;
	rq.in.text = args.n ? args.pos[0] : NULL;
	rq.in.comment = comment;
	rq.in.reason = reason;
	rq.by = by ? by : rt_cli_actor();

	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		return rc;
	rt_arena a = RT_ARENA_INIT;
	struct rt_outcome_result res;
	if (rt_store_begin(s, rt_cli_actor(), &err) != 0 ||
	    rt_followup_outcome_put(s, &a, &rq, &res, &err) != 0 || rt_store_commit(s, &err) != 0) {
		rt_store_rollback(s);
		rc = fail_entry(&err, period);
	} else {
		const struct rt_outcome *o = &res.outcome;
		printf("%s: %s, %s\n", res.updated ? "Utfallet är rättat" : "Utfallet är sparat",
		       res.indicator_name, res.period_key);
		field("Utfall:", o->text ? o->text : "–");
		field("Målvärde:", res.target_text ? res.target_text : "saknas för året");
		print_statuses(o->status, o->computed_status, &res.computed, o->override_reason);
		if (o->comment)
			field("Kommentar:", o->comment);
		if (res.dropped_override) {
			rt_buf b = RT_BUF_INIT;
			rt_outcome_status_format(&b, res.old_status, NULL);
			printf("Obs: den tidigare valda statusen (%s, motivering: %s) gäller inte\n"
			       "längre; ange --status och --reason igen om den ska stå kvar.\n", b.buf,
			       res.old_reason);
			rt_buf_release(&b);
		}
		if (res.updated)
			printf("Den tidigare versionen finns i historiken: rodtrad outcome history "
			       "--indicator %s --period %s\n", indicator, res.period_key);
	}
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}

/* ---- history ---------------------------------------------------------------- */

static void print_version(const char *text, const char *comment, enum rt_status st,
                          enum rt_status computed, const char *reason, const char *by,
                          const char *at)
{
	field("Utfall:", text ? text : "–");
	/* 'none' computed on a row from before 0002 or an import: never computed */
	if (computed == RT_STATUS_NONE && st != RT_STATUS_NONE && !reason) {
		print_status_line("Status:", st, NULL);
		field("Beräknad status:", "ej beräknad (inläst)");
	} else {
		print_statuses(st, computed, NULL, reason);
	}
	if (comment)
		field("Kommentar:", comment);
	rt_buf b = RT_BUF_INIT;
	rt_buf_addf(&b, "%s, %s", by ? by : "okänd", at ? at : "okänt när");
	field("Inmatat:", b.buf);
	rt_buf_release(&b);
}

static int outcome_history(int argc, char **argv)
{
	const char *db = NULL, *indicator = NULL, *period = NULL, *gender = NULL, *org = NULL;
	const struct rt_cli_opt opts[] = {
		OUTCOME_REF_OPTS(&indicator, &period, &gender, &org),
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "outcome history", history_usage, opts, 0, 0 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	if (!indicator || !period)
		return rt_cli_usage_error(&spec, "ange --indicator och --period");
	enum rt_gender g;
	if ((rc = parse_gender(&spec, gender, &g)) != 0)
		return rc;
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		return rc;
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_outcome o;
	struct rt_outcome_history *h;
	size_t n;
	if (rt_followup_outcome_get(s, &a, indicator, period, g, org, &o, &h, &n, &err) != 0) {
		rc = fail_entry(&err, period);
	} else {
		printf("Utfall för %s, %s: %zu %s\n", indicator, period, n + 1,
		       n ? "versioner, äldst först" : "version");
		for (size_t i = 0; i < n; i++) {
			printf("\nVersion %zu (ersatt %s av %s)\n", i + 1, h[i].changed_at,
			       h[i].changed_by);
			print_version(h[i].text, h[i].comment, h[i].status,
			              h[i].computed_status, h[i].override_reason, h[i].entered_by,
			              h[i].entered_at);
		}
		printf("\nVersion %zu (gällande)\n", n + 1);
		print_version(o.text, o.comment, o.status, o.computed_status,
		              o.override_reason, o.entered_by, o.entered_at);
	}
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}

/* ---- import ----------------------------------------------------------------- */

static int outcome_import(int argc, char **argv)
{
	const char *db = NULL, *by = NULL;
	const struct rt_cli_opt opts[] = {
		{ "by", 0, "NAMN", &by, NULL, "vem som rapporterar (standard: $USER)" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "outcome import", import_usage, opts, 1, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	rt_buf data = RT_BUF_INIT;
	if ((rc = rt_cli_read_file(args.pos[0], &data)) != 0)
		return rc;
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0) {
		rt_buf_release(&data);
		return rc;
	}
	rt_err err = RT_ERR_INIT;
	struct rt_outcome_csv_stats st;
	if (rt_import_outcome_csv(s, rt_cli_actor(), by ? by : rt_cli_actor(), args.pos[0],
	                          data.buf, data.len, &st, &err) != 0) {
		rc = err.msg[0] ? rt_cli_failf("%s", err.msg) : rt_cli_fail(&err);
		fprintf(stderr, "rodtrad: ingenting är inläst\n");
	} else {
		printf("Inläst från %s: %zu rader\n", args.pos[0], st.rows);
		rt_buf b = RT_BUF_INIT;
		rt_buf_addf(&b, "%zu", st.inserted);
		field("nya utfall:", b.buf);
		rt_buf_reset(&b);
		rt_buf_addf(&b, "%zu", st.updated);
		field("rättade utfall:", b.buf);
		rt_buf_release(&b);
	}
	rt_store_close(s);
	rt_buf_release(&data);
	return rc;
}

/* ---- tolerance ---------------------------------------------------------------- */

static void print_tolerance(rt_store *s, int64_t org_id, const char *org_name, rt_err *err,
                            int *rc)
{
	double tol;
	bool found;
	if (rt_store_default_tolerance(s, org_id, &tol, &found, err) != 0) {
		*rc = rt_cli_fail(err);
		return;
	}
	rt_buf b = RT_BUF_INIT;
	if (found)
		rt_num_format_short(&b, tol);
	else
		rt_num_format_short(&b, RT_STATUS_DEFAULT_TOLERANCE);
	printf("Standardtolerans för %s: %s %%%s\n", org_name, b.buf,
	       found ? "" : " (inbyggd standard)");
	rt_buf_release(&b);
}

static int outcome_tolerance(int argc, char **argv)
{
	const char *db = NULL, *org = NULL;
	bool clear = false;
	const struct rt_cli_opt opts[] = {
		{ "org", 0, "ENHET", &org, NULL, "organisationsenhetens id eller nyckel, t.ex. rjh" },
		{ "clear", 0, NULL, NULL, &clear, "ta bort enhetens egen standardtolerans" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "outcome tolerance", tolerance_usage, opts, 0, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	rt_err err = RT_ERR_INIT;
	double tol = 0;
	if (args.n && clear)
		return rt_cli_usage_error(&spec, "ange PROCENT eller --clear, inte båda");
	if (args.n && rt_tolerance_parse(args.pos[0], &tol, &err) != 0)
		return rt_cli_usage_error(&spec, "%s", err.msg);
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		return rc;
	rt_arena a = RT_ARENA_INIT;
	int64_t org_id = 0;
	const char *name = "hela databasen";
	struct rt_org_unit u;
	if (org && (rt_followup_resolve(s, "org_unit", org, &org_id, &err) != 0 ||
	            rt_store_org_get(s, &a, org_id, &u, &err) != 0)) {
		rc = err.msg[0] ? rt_cli_failf("%s", err.msg) : rt_cli_fail(&err);
		goto out;
	}
	if (org)
		name = u.name;
	if (args.n || clear) {
		rt_buf value = RT_BUF_INIT;
		rt_num_format_short(&value, tol);
		if (rt_store_begin(s, rt_cli_actor(), &err) != 0 ||
		    rt_store_setting_put(s, org_id, "default_tolerance", clear ? NULL : value.buf,
		                         &err) != 0 ||
		    rt_store_commit(s, &err) != 0) {
			rt_store_rollback(s);
			rc = rt_cli_fail(&err);
		}
		rt_buf_release(&value);
	}
	if (rc == 0)
		print_tolerance(s, org_id, name, &err, &rc);
out:
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}

int cmd_outcome(int argc, char **argv)
{
	const struct rt_cli_spec spec = { "outcome", usage, NULL, 1, 1 };
	if (argc < 2)
		return rt_cli_usage_error(&spec, "ange 'outcome set', 'outcome history' eller "
		                          "'outcome import'");
	const char *sub = argv[1];
	if (!strcmp(sub, "set"))
		return outcome_set(argc - 1, argv + 1);
	if (!strcmp(sub, "history"))
		return outcome_history(argc - 1, argv + 1);
	if (!strcmp(sub, "import"))
		return outcome_import(argc - 1, argv + 1);
	if (!strcmp(sub, "tolerance"))
		return outcome_tolerance(argc - 1, argv + 1);
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h")) {
		rt_cli_print_usage(stdout, &spec);
		return RT_EXIT_OK;
	}
	return rt_cli_usage_error(&spec, "okänt underkommando 'outcome %s'", sub);
}
