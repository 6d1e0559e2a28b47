/* rodtrad report: the compiled follow-up (sammanställd måluppfyllelse) for
 * a period and an optional org scope, as HTML, PDF, XLSX or DOCX. The model and
 * the status rule live in report/followup.h and core/status.h; this file only
 * wires the options to them and writes the result. An HTML file is written
 * as FILE.tmp and renamed, so a failure never leaves half a report. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "report/followup.h"

static const char *const usage[] = {
	"rodtrad report --period PERIOD [--scope ENHET] [--format html|pdf|xlsx|docx] [-o FIL]",
	"               [--db SÖKVÄG]",
	"",
	"Skriver den sammanställda måluppfyllelsen för en period, t.ex. 2021-T1",
	"(\"per april 2021\"): per styrelse eller nämnd målen med status och analys,",
	"mätetalen med utfall, målvärde, kommentar och status (● Uppfyllt,",
	"◆ Delvis uppfyllt, ■ Ej uppfyllt) och aktiviteterna. ENHET är en",
	"organisationsenhets id eller nyckel (t.ex. rjh-rs); utan --scope tas alla",
	"planer med uppföljning för perioden med.",
	"",
	"Formatet är html om inget annat anges. HTML skrivs till standard ut eller",
	"till -o FIL; pdf, xlsx och docx kräver -o FIL. En rad om vad rapporten omfattar",
	"skrivs till standard fel.",
	NULL,
};

enum format { FMT_HTML, FMT_XLSX, FMT_DOCX, FMT_PDF };

static const char *const format_names[] = { "html", "xlsx", "docx", "pdf" };

static bool parse_format(const char *s, enum format *out)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (!strcmp(s, format_names[i])) {
			*out = (enum format)i;
			return true;
		}
	return false;
}

/* "rodtrad: rapport 2021-T1: 1 styrelse, 34 mål, 36 mätetal" */
static void progress(const struct rt_followup_report *r)
{
	size_t goals = 0, inds = 0;
	for (size_t i = 0; i < r->n_sections; i++) {
		goals += r->sections[i].n_goals;
		for (size_t g = 0; g < r->sections[i].n_goals; g++)
			inds += r->sections[i].goals[g].n_indicators;
	}
	fprintf(stderr, "rodtrad: rapport %s: %zu %s, %zu mål, %zu mätetal\n", r->period_key,
	        r->n_sections, r->n_sections == 1 ? "styrelse" : "styrelser", goals, inds);
}

static int write_html(FILE *f, void *r)
{
	return rt_report_html_stream(r, f, NULL);
}

static int render(const struct rt_followup_report *r, enum format fmt, const char *out)
{
	rt_err err = RT_ERR_INIT;
	int rc = 0;
	switch (fmt) {
	case FMT_HTML:
		/* streamed: a whole region is tens of MB of HTML */
		if (out && strcmp(out, "-"))
			return rt_cli_write_with(out, write_html, (void *)r);
		/* a failed write to stdout is reported once, by main */
		return write_html(stdout, (void *)r) != 0 ? RT_EXIT_FAIL : 0;
	case FMT_XLSX:
		if (rt_report_xlsx(r, out, &err) != 0)
			rc = rt_cli_fail(&err);
		return rc;
	case FMT_DOCX:
		if (rt_report_docx(r, out, &err) != 0)
			rc = rt_cli_fail(&err);
		return rc;
	case FMT_PDF:
		if (rt_report_pdf(r, out, &err) != 0)
			rc = rt_cli_fail(&err);
		return rc;
	}
	return RT_EXIT_FAIL;
}

int cmd_report(int argc, char **argv)
{
	const char *db = NULL, *out = NULL, *period = NULL, *scope = NULL, *format = "html";
	const struct rt_cli_opt opts[] = {
		{ "period", 0, "PERIOD", &period, NULL, "perioden, t.ex. 2021-T1, 2024-H1, 2024-M03, 2024" },
		{ "scope", 0, "ENHET", &scope, NULL, "organisationsenhetens id eller nyckel (standard: alla)" },
		{ "format", 'f', "FORMAT", &format, NULL, "html (standard), pdf, xlsx eller docx" },
		{ "output", 'o', "FIL", &out, NULL, "skriv till FIL i stället för standard ut" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "report", usage, opts, 0, 0 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	enum format fmt;
	if (!parse_format(format, &fmt))
		return rt_cli_usage_error(&spec, "okänt format '%s'; välj html, pdf, xlsx eller docx", format);
	if (!period)
		return rt_cli_usage_error(&spec, "ange perioden med --period, t.ex. --period 2021-T1");
	if (fmt != FMT_HTML && (!out || !strcmp(out, "-")))
		return rt_cli_usage_error(&spec, "formatet %s kräver -o FIL", format_names[fmt]);

	/* the model of a region is ~30 MB, made at once (cli/batch_heap.c) */
	rt_cli_batch_heap(32 << 20, 256 << 20, 48 << 20);
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		return rc;
	rt_err err = RT_ERR_INIT;
	struct rt_followup_report r;
	/* two threads read the plans (two cores: issue 3's timings) */
	if (rt_followup_report_build2(s, rt_cli_db_path(db), period, scope, &r, &err) != 0) {
		rc = rt_cli_fail(&err);
		rt_store_close(s);
		return rc;
	}
	rt_store_close(s);
	progress(&r);
	rc = render(&r, fmt, out);
	rt_followup_report_release(&r);
	return rc;
}
