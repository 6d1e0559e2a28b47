/* Outcome entry (core/outcome_entry.h), table-driven: a typed value against
 * its indicator, the status the rule gives for every comparator, direction,
 * tolerance edge, relative and "Bibehålla/öka" target, qualitative values,
 * missing values and yearly indicators, and overrides with and without a
 * justification. tests/test_status.c covers the bare rule with seed-003 rows;
 * these rows go through the entry path a person's input takes. */
#include "test_util.h"
#include "core/outcome_entry.h"

#include <string.h>

#define NO_TOL -1.0
#define T1 RT_PERIOD_TERTIAL, 1
#define YEAR RT_PERIOD_YEAR, 0

struct row {
	const char *what;
	enum rt_indicator_kind kind;
	enum rt_direction dir;
	enum rt_frequency freq;
	const char *unit;          /* indicator's unit, may be NULL */
	double ind_tol;            /* per indicator; < 0 none */
	double region_tol;         /* region default; < 0 built-in 10 % */
	const char *target;        /* NULL: no target */
	bool has_base;
	double base;
	enum rt_period_kind pkind;
	int pnum;
	const char *text;          /* typed value, NULL: none */
	const char *comment;
	const char *chosen;        /* --status, NULL: none */
	const char *reason;
	/* expected */
	int rc;
	enum rt_status status;     /* shown */
	enum rt_status computed;
	enum rt_status_reason why;
	const char *msg;           /* substring of the error, or of the stored unit */
};

#define Q RT_IND_QUANTITATIVE
#define QL RT_IND_QUALITATIVE
#define HI RT_DIR_HIGHER
#define LO RT_DIR_LOWER
#define NODIR RT_DIR_NONE
#define TER RT_FREQ_TERTIAL
#define YR RT_FREQ_YEAR
#define NONE RT_STATUS_NONE
#define ACH RT_STATUS_ACHIEVED
#define PART RT_STATUS_PARTLY
#define NOT RT_STATUS_NOT_ACHIEVED
#define OK 0, /* rc */
#define BAD RT_EINVAL

static const struct row rows[] = {
	/* plain number (reach) in each direction: seed 003 values */
	{ "högre är bättre, nått", Q, HI, TER, NULL, NO_TOL, NO_TOL, "336", false, 0, T1,
	  "466", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_MET, NULL },
	{ "högre är bättre, missat mer än 10 %", Q, HI, TER, NULL, NO_TOL, NO_TOL, "27", false, 0, T1,
	  "24", NULL, NULL, NULL, OK NOT, NOT, RT_REASON_MISSED, NULL },
	{ "lägre är bättre, nått", Q, LO, TER, NULL, NO_TOL, NO_TOL, "250", false, 0, T1,
	  "200", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_MET, NULL },
	{ "lägre är bättre, sjukfrånvaro 5,4 % mot 4,6 %", Q, LO, TER, "%", NO_TOL, NO_TOL, "4,6 %",
	  false, 0, T1, "5,4 %", NULL, NULL, NULL, OK NOT, NOT, RT_REASON_MISSED, NULL },
	{ "lägre är bättre, 5 % mot 4,6 % inom 10 %", Q, LO, TER, "%", NO_TOL, NO_TOL, "4,6 %",
	  false, 0, T1, "5 %", NULL, NULL, NULL, OK PART, PART, RT_REASON_WITHIN_TOLERANCE, NULL },
	{ "utan riktning: bara lika är nått", Q, NODIR, TER, NULL, NO_TOL, NO_TOL, "4", false, 0, T1,
	  "4", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_MET, NULL },
	{ "utan riktning: 2 mot 4", Q, NODIR, TER, NULL, NO_TOL, NO_TOL, "4", false, 0, T1,
	  "2", NULL, NULL, NULL, OK NOT, NOT, RT_REASON_MISSED, NULL },
	/* literal comparators */
	{ "< nått", Q, LO, TER, NULL, NO_TOL, NO_TOL, "<250", false, 0, T1,
	  "249", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_MET, NULL },
	{ "< exakt på gränsen är inte nått", Q, LO, TER, NULL, NO_TOL, NO_TOL, "<250", false, 0, T1,
	  "250", NULL, NULL, NULL, OK PART, PART, RT_REASON_WITHIN_TOLERANCE, NULL },
	{ "≤ exakt på gränsen är nått", Q, LO, TER, "%", NO_TOL, NO_TOL, "≤ 4,7 %", false, 0, T1,
	  "4,7 %", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_MET, NULL },
	{ "≤ missat mer än 10 %", Q, LO, TER, "%", NO_TOL, NO_TOL, "≤ 4,7 %", false, 0, T1,
	  "5,4 %", NULL, NULL, NULL, OK NOT, NOT, RT_REASON_MISSED, NULL },
	{ "> exakt på gränsen är inte nått", Q, HI, TER, NULL, NO_TOL, NO_TOL, ">75", false, 0, T1,
	  "75", NULL, NULL, NULL, OK PART, PART, RT_REASON_WITHIN_TOLERANCE, NULL },
	{ "> nått", Q, HI, TER, NULL, NO_TOL, NO_TOL, ">75", false, 0, T1,
	  "76", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_MET, NULL },
	{ "≥ nått på gränsen", Q, HI, TER, NULL, NO_TOL, NO_TOL, "≥ 4,5", false, 0, T1,
	  "4,5", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_MET, NULL },
	{ "≥ samarbetsproblem 4,46 mot 4,5", Q, HI, TER, NULL, NO_TOL, NO_TOL, "≥ 4,5", false, 0, T1,
	  "4,46", NULL, NULL, NULL, OK PART, PART, RT_REASON_WITHIN_TOLERANCE, NULL },
	{ "= nått", Q, NODIR, TER, "%", NO_TOL, NO_TOL, "=100 %", false, 0, T1,
	  "100 %", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_MET, NULL },
	{ "= 50 mot 100 missat", Q, NODIR, TER, "%", NO_TOL, NO_TOL, "=100 %", false, 0, T1,
	  "50 %", NULL, NULL, NULL, OK NOT, NOT, RT_REASON_MISSED, NULL },
	/* the tolerance band and its edges */
	{ "kanten 10 %: 90 mot 100 är delvis", Q, HI, TER, "%", NO_TOL, NO_TOL, "100 %", false, 0, T1,
	  "90 %", NULL, NULL, NULL, OK PART, PART, RT_REASON_WITHIN_TOLERANCE, NULL },
	{ "just utanför kanten: 89,9 mot 100", Q, HI, TER, "%", NO_TOL, NO_TOL, "100 %", false, 0, T1,
	  "89,9 %", NULL, NULL, NULL, OK NOT, NOT, RT_REASON_MISSED, NULL },
	{ "indikatorns tolerans 5 %: 90 mot 95 är ej", Q, HI, TER, "%", 5, NO_TOL, "95 %", false, 0, T1,
	  "90 %", NULL, NULL, NULL, OK NOT, NOT, RT_REASON_MISSED, NULL },
	{ "indikatorns tolerans 5 %: kanten 95 mot 100", Q, HI, TER, "%", 5, NO_TOL, "100 %", false, 0,
	  T1, "95 %", NULL, NULL, NULL, OK PART, PART, RT_REASON_WITHIN_TOLERANCE, NULL },
	{ "regionens standard 20 %: 80 mot 100 är delvis", Q, HI, TER, "%", NO_TOL, 20, "100 %", false,
	  0, T1, "80 %", NULL, NULL, NULL, OK PART, PART, RT_REASON_WITHIN_TOLERANCE, NULL },
	{ "indikatorns tolerans går före regionens", Q, HI, TER, "%", 5, 20, "100 %", false, 0, T1,
	  "80 %", NULL, NULL, NULL, OK NOT, NOT, RT_REASON_MISSED, NULL },
	{ "tolerans 0: varje miss är ej", Q, HI, TER, NULL, 0, NO_TOL, "4,5", false, 0, T1,
	  "4,46", NULL, NULL, NULL, OK NOT, NOT, RT_REASON_MISSED, NULL },
	/* relative: seed 003 CO2 from tjänsteresor, -10 % jämfört med 2018 */
	{ "relativt: -48 % mot 2018", Q, LO, TER, NULL, NO_TOL, NO_TOL, "-10 % jämfört med 2018", true,
	  192855, T1, "100 662", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_MET, NULL },
	{ "relativt: -9,5 % är delvis", Q, LO, TER, NULL, NO_TOL, NO_TOL, "-10 % jämfört med 2018",
	  true, 100, T1, "90,5", NULL, NULL, NULL, OK PART, PART, RT_REASON_WITHIN_TOLERANCE, NULL },
	{ "relativt: oförändrat är ej", Q, LO, TER, NULL, NO_TOL, NO_TOL, "-10 % jämfört med 2018",
	  true, 100, T1, "100", NULL, NULL, NULL, OK NOT, NOT, RT_REASON_MISSED, NULL },
	{ "relativt utan basår: kan inte beräknas", Q, LO, TER, NULL, NO_TOL, NO_TOL,
	  "-10 % jämfört med 2018", false, 0, T1, "100", NULL, NULL, NULL,
	  OK NONE, NONE, RT_REASON_NOT_COMPUTABLE, NULL },
	/* Bibehålla/öka against the previous value */
	{ "bibehålla/öka: ökat", Q, HI, TER, NULL, NO_TOL, NO_TOL, "Bibehålla/öka", true, 77, T1,
	  "78", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_MET, NULL },
	{ "bibehålla/öka: något lägre", Q, HI, TER, NULL, NO_TOL, NO_TOL, "Bibehålla/öka", true, 77, T1,
	  "74", NULL, NULL, NULL, OK PART, PART, RT_REASON_WITHIN_TOLERANCE, NULL },
	/* qualitative */
	{ "kvalitativ Ja", QL, NODIR, TER, NULL, NO_TOL, NO_TOL, "Ja", false, 0, T1,
	  "Ja", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_QUALITATIVE, NULL },
	{ "kvalitativ delvis (gemener)", QL, NODIR, TER, NULL, NO_TOL, NO_TOL, "Ja", false, 0, T1,
	  "delvis", NULL, NULL, NULL, OK PART, PART, RT_REASON_QUALITATIVE, NULL },
	{ "kvalitativ Nej", QL, NODIR, TER, NULL, NO_TOL, NO_TOL, "Ja", false, 0, T1,
	  "NEJ", NULL, NULL, NULL, OK NOT, NOT, RT_REASON_QUALITATIVE, NULL },
	{ "kvalitativ med ett tal vägras", QL, NODIR, TER, NULL, NO_TOL, NO_TOL, "Ja", false, 0, T1,
	  "5", NULL, NULL, NULL, BAD, NONE, NONE, 0, "ska vara Ja, Delvis eller Nej" },
	{ "kvalitativ med prosa vägras", QL, NODIR, TER, NULL, NO_TOL, NO_TOL, "Ja", false, 0, T1,
	  "Kanske", NULL, NULL, NULL, BAD, NONE, NONE, 0, "inte ett tal eller Ja/Delvis/Nej" },
	{ "kvantitativ med Ja vägras", Q, HI, TER, NULL, NO_TOL, NO_TOL, "5", false, 0, T1,
	  "Ja", NULL, NULL, NULL, BAD, NONE, NONE, 0, "Indikatorn är kvantitativ" },
	/* units */
	{ "enheten procent är %", Q, LO, TER, "%", NO_TOL, NO_TOL, "4,6 %", false, 0, T1,
	  "5,4 PROCENT", NULL, NULL, NULL, OK NOT, NOT, RT_REASON_MISSED, "%" },
	{ "utan enhet får indikatorns enhet", Q, LO, TER, "kWh/m2", NO_TOL, NO_TOL, "203,5", false, 0,
	  YEAR, "203,5", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_MET, "kWh/m2" },
	{ "enheten jämförs utan skiftläge", Q, LO, TER, "kWh/m2", NO_TOL, NO_TOL, "203,5", false, 0,
	  YEAR, "199 KWH/M2", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_MET, "kWh/m2" },
	{ "fel enhet vägras", Q, LO, TER, "%", NO_TOL, NO_TOL, "4,6 %", false, 0, T1,
	  "5 kr", NULL, NULL, NULL, BAD, NONE, NONE, 0, "Enheten 'kr' i utfallet '5 kr' passar inte" },
	{ "enheten tas från målvärdet när indikatorn saknar", Q, HI, TER, NULL, NO_TOL, NO_TOL,
	  "95 %", false, 0, T1, "90 ton", NULL, NULL, NULL, BAD, NONE, NONE, 0, "mäts i '%'" },
	{ "felskrivet tal vägras", Q, HI, TER, "%", NO_TOL, NO_TOL, "95 %", false, 0, T1,
	  "5,4,3 %", NULL, NULL, NULL, BAD, NONE, NONE, 0, "kan inte tolkas" },
	{ "tusental med mellanslag", Q, LO, TER, NULL, NO_TOL, NO_TOL, "0", false, 0, T1,
	  "-26 151", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_MET, NULL },
	/* missing values and yearly indicators */
	{ "bara kommentar: status saknas", Q, HI, TER, NULL, NO_TOL, NO_TOL, "336", false, 0, T1,
	  NULL, "Uppgift saknas", NULL, NULL, OK NONE, NONE, RT_REASON_NO_VALUE, NULL },
	{ "tomt värde räknas som inget värde", Q, HI, TER, NULL, NO_TOL, NO_TOL, "336", false, 0, T1,
	  "  ", "Uppgift saknas", NULL, NULL, OK NONE, NONE, RT_REASON_NO_VALUE, NULL },
	{ "varken värde eller kommentar vägras", Q, HI, TER, NULL, NO_TOL, NO_TOL, "336", false, 0, T1,
	  NULL, NULL, NULL, NULL, BAD, NONE, NONE, 0, "Ange ett utfall, en kommentar" },
	{ "mäts helår, kommentar i T1: Mäts helår", Q, LO, YR, "kWh/m2", NO_TOL, NO_TOL, "203,5", false,
	  0, T1, NULL, "Mäts helår", NULL, NULL, OK NONE, NONE, RT_REASON_MEASURED_YEARLY, NULL },
	{ "mäts helår, värde i T1 vägras", Q, LO, YR, "kWh/m2", NO_TOL, NO_TOL, "203,5", false, 0, T1,
	  "198", NULL, NULL, NULL, BAD, NONE, NONE, 0, "mäts helår och rapporteras inte i 2021-T1" },
	{ "mäts helår, värde i T3 tas emot", Q, LO, YR, "kWh/m2", NO_TOL, NO_TOL, "203,5", false, 0,
	  RT_PERIOD_TERTIAL, 3, "198", NULL, NULL, NULL, OK ACH, ACH, RT_REASON_MET, NULL },
	{ "utfall utan målvärde", Q, HI, TER, "%", NO_TOL, NO_TOL, NULL, false, 0, T1,
	  "13 %", NULL, NULL, NULL, OK NONE, NONE, RT_REASON_NO_TARGET, NULL },
	{ "prosamål kan inte beräknas", Q, HI, TER, NULL, NO_TOL, NO_TOL, "Ska utarbetas", false, 0,
	  T1, "3", NULL, NULL, NULL, OK NONE, NONE, RT_REASON_NOT_COMPUTABLE, NULL },
	/* a chosen status */
	{ "vald status = beräknad: ingen avvikelse", Q, LO, TER, "%", NO_TOL, NO_TOL, "4,6 %", false, 0,
	  T1, "5,4 %", NULL, "ej", NULL, OK NOT, NOT, RT_REASON_MISSED, NULL },
	{ "vald status utan motivering vägras", Q, LO, TER, "%", NO_TOL, NO_TOL, "4,6 %", false, 0, T1,
	  "5,4 %", NULL, "delvis", NULL, BAD, NONE, NONE, 0,
	  "Den valda statusen (◆ Delvis uppfyllt) skiljer sig från den beräknade "
	  "(■ Ej uppfyllt – Målvärdet är inte nått)" },
	{ "vald status med blank motivering vägras", Q, LO, TER, "%", NO_TOL, NO_TOL, "4,6 %", false,
	  0, T1, "5,4 %", NULL, "uppfyllt", "   ", BAD, NONE, NONE, 0, "kräver en motivering" },
	{ "vald status med motivering: båda sparas", Q, LO, TER, "%", NO_TOL, NO_TOL, "4,6 %", false,
	  0, T1, "5,4 %", NULL, "delvis", "Pandemin", OK PART, NOT, RT_REASON_MISSED, NULL },
	{ "seedens ■ för Mäts helår, med motivering", Q, LO, YR, NULL, NO_TOL, NO_TOL, "203,5", false,
	  0, T1, NULL, "Mäts helår", "ej", "Regionen bedömer målet som ej nått", OK NOT, NONE,
	  RT_REASON_MEASURED_YEARLY, NULL },
};

static void run_row(const struct row *r)
{
	struct rt_indicator ind;
	memset(&ind, 0, sizeof(ind));
	ind.kind = r->kind;
	ind.direction = r->dir;
	ind.frequency = r->freq;
	ind.unit = (char *)r->unit;
	ind.name = (char *)r->what;
	if (r->ind_tol >= 0) {
		ind.has_tolerance = true;
		ind.tolerance = r->ind_tol;
	}
	struct rt_target target;
	memset(&target, 0, sizeof(target));
	if (r->target) {
		target.text = (char *)r->target;
		assert_int_equal(rt_target_parse(r->target, &target.spec, NULL), 0);
	}
	struct rt_period period;
	memset(&period, 0, sizeof(period));
	period.kind = r->pkind;
	period.number = r->pnum;
	period.year = 2021;
	period.key = r->pkind == RT_PERIOD_YEAR ? "2021" : r->pnum == 3 ? "2021-T3" : "2021-T1";

	struct rt_outcome_context ctx = {
		.indicator = &ind,
		.period = &period,
		.target = r->target ? &target : NULL,
		.has_base = r->has_base,
		.base = r->base,
		.default_tolerance = r->region_tol,
	};
	struct rt_outcome_input in = { r->text, r->comment, false, RT_STATUS_NONE, r->reason };
	if (r->chosen) {
		assert_int_equal(rt_outcome_status_parse(r->chosen, &in.chosen, NULL), 0);
		in.has_chosen = true;
	}
	struct rt_outcome o;
	memset(&o, 0, sizeof(o));
	o.status = (enum rt_status)99;  /* must stay untouched on failure */
	struct rt_status_result res = { RT_STATUS_NONE, RT_REASON_NO_VALUE };
	rt_err err = RT_ERR_INIT;
	int rc = rt_outcome_entry(&ctx, &in, &o, &res, &err);
	if (rc != r->rc)
		fail_msg("%s: rc %d, want %d (%s)", r->what, rc, r->rc, err.msg);
	if (rc) {
		if (r->msg && !strstr(err.msg, r->msg))
			fail_msg("%s: message '%s' lacks '%s'", r->what, err.msg, r->msg);
		assert_int_equal(o.status, 99);
		return;
	}
	if (o.status != r->status || o.computed_status != r->computed || res.reason != r->why)
		fail_msg("%s: got %s/%s (%s), want %s/%s (%s)", r->what, rt_status_name(o.status),
		         rt_status_name(o.computed_status), rt_status_reason_label(res.reason),
		         rt_status_name(r->status), rt_status_name(r->computed),
		         rt_status_reason_label(r->why));
	/* an override keeps its reason; no override stores none */
	if (o.status != o.computed_status) {
		assert_non_null(o.override_reason);
		assert_string_equal(o.override_reason, r->reason);
	} else {
		assert_null(o.override_reason);
	}
	if (r->msg)
		assert_string_equal(o.value.unit, r->msg);
	bool has_text = r->text && strspn(r->text, " ") != strlen(r->text);
	if (has_text)
		assert_string_equal(o.text, r->text);
	else
		assert_null(o.text);
	assert_int_equal(o.value.has_value || o.value.qual != RT_QUAL_NONE, has_text);
}

static void test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		run_row(&rows[i]);
}

static void test_status_words(void **state)
{
	(void)state;
	enum rt_status st;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_outcome_status_parse("uppfyllt", &st, NULL), 0);
	assert_int_equal(st, RT_STATUS_ACHIEVED);
	assert_int_equal(rt_outcome_status_parse("Delvis", &st, NULL), 0);
	assert_int_equal(st, RT_STATUS_PARTLY);
	assert_int_equal(rt_outcome_status_parse("EJ", &st, NULL), 0);
	assert_int_equal(st, RT_STATUS_NOT_ACHIEVED);
	assert_int_equal(rt_outcome_status_parse("ej uppfyllt", &st, NULL), 0);
	assert_int_equal(st, RT_STATUS_NOT_ACHIEVED);
	assert_int_equal(rt_outcome_status_parse("not_achieved", &st, NULL), 0);
	assert_int_equal(rt_outcome_status_parse("grön", &st, &err), RT_EINVAL);
	assert_string_equal(err.msg, "Okänd status 'grön'. Välj uppfyllt (●), delvis (◆) eller ej (■)");

	rt_buf b = RT_BUF_INIT;
	rt_outcome_status_format(&b, RT_STATUS_ACHIEVED, NULL);
	assert_string_equal(b.buf, "● Uppfyllt");
	rt_buf_reset(&b);
	struct rt_status_result why = { RT_STATUS_PARTLY, RT_REASON_WITHIN_TOLERANCE };
	rt_outcome_status_format(&b, RT_STATUS_PARTLY, &why);
	assert_string_equal(b.buf, "◆ Delvis uppfyllt – Inom toleransen");
	rt_buf_reset(&b);
	rt_outcome_status_format(&b, RT_STATUS_NOT_ACHIEVED, NULL);
	assert_string_equal(b.buf, "■ Ej uppfyllt");
	rt_buf_reset(&b);
	struct rt_status_result yearly = { RT_STATUS_NONE, RT_REASON_MEASURED_YEARLY };
	rt_outcome_status_format(&b, RT_STATUS_NONE, &yearly);
	assert_string_equal(b.buf, "– Mäts helår");
	rt_buf_release(&b);
}

static void test_expected(void **state)
{
	(void)state;
	struct rt_indicator ind;
	memset(&ind, 0, sizeof(ind));
	struct rt_period p = { .kind = RT_PERIOD_TERTIAL, .number = 1, .year = 2021 };
	ind.frequency = RT_FREQ_TERTIAL;
	assert_true(rt_outcome_expected(&ind, &p));
	ind.frequency = RT_FREQ_YEAR;
	assert_false(rt_outcome_expected(&ind, &p));
	p.number = 3;
	assert_true(rt_outcome_expected(&ind, &p));
	p.kind = RT_PERIOD_HALF_YEAR;
	p.number = 1;
	assert_false(rt_outcome_expected(&ind, &p));
	p.kind = RT_PERIOD_YEAR;
	p.number = 0;
	assert_true(rt_outcome_expected(&ind, &p));
}

/* The context from a plan document: the target of the period's year, the
 * gender's own target, the base year of a relative target, and the previous
 * outcome (else baseline) for "Bibehålla/öka". */
static void test_context_from_doc(void **state)
{
	(void)state;
	struct rt_plan_doc d;
	rt_plan_doc_init(&d);
	struct rt_indicator ind = { .id = 7, .kind = RT_IND_QUANTITATIVE, .direction = RT_DIR_HIGHER };
	struct rt_period periods[] = {
		{ .id = 1, .key = "2020", .kind = RT_PERIOD_YEAR, .year = 2020,
		  .start_date = "2020-01-01", .end_date = "2020-12-31" },
		{ .id = 2, .key = "2021-T1", .kind = RT_PERIOD_TERTIAL, .number = 1, .year = 2021,
		  .start_date = "2021-01-01", .end_date = "2021-04-30" },
		{ .id = 3, .key = "2021-T2", .kind = RT_PERIOD_TERTIAL, .number = 2, .year = 2021,
		  .start_date = "2021-01-01", .end_date = "2021-08-31" },
	};
	struct rt_target targets[4];
	memset(targets, 0, sizeof(targets));
	const char *texts[] = { "80", "Bibehålla/öka", "≥ 90", "-10 % jämfört med 2018" };
	int years[] = { 2020, 2021, 2021, 2022 };
	for (int i = 0; i < 4; i++) {
		targets[i].indicator_id = 7;
		targets[i].year = years[i];
		targets[i].text = (char *)texts[i];
		assert_int_equal(rt_target_parse(texts[i], &targets[i].spec, NULL), 0);
	}
	targets[2].gender = RT_GENDER_WOMEN;
	struct rt_baseline bases[] = {
		{ .indicator_id = 7, .year = 2018, .has_value = true, .value = 500 },
		{ .indicator_id = 7, .year = 2019, .has_value = true, .value = 70 },
	};
	struct rt_outcome outs[2];
	memset(outs, 0, sizeof(outs));
	outs[0].indicator_id = 7;
	outs[0].period_id = 1;
	outs[0].value.has_value = true;
	outs[0].value.value = 77;
	outs[1].indicator_id = 7;
	outs[1].period_id = 2;
	outs[1].value.has_value = true;
	outs[1].value.value = 79;
	d.indicators = &ind;
	d.n_indicators = 1;
	d.periods = periods;
	d.n_periods = 3;
	d.targets = targets;
	d.n_targets = 4;
	d.baselines = bases;
	d.n_baselines = 2;
	d.outcomes = outs;
	d.n_outcomes = 2;

	struct rt_outcome_context ctx;
	/* T2 2021, whole scope: Bibehålla/öka against the T1 outcome (79) */
	rt_outcome_context_from_doc(&d, &ind, &periods[2], RT_GENDER_TOTAL, 0, &ctx);
	assert_ptr_equal(ctx.target, &targets[1]);
	assert_true(ctx.has_base);
	assert_true(ctx.base == 79);
	assert_true(ctx.default_tolerance < 0);
	/* T1 2021: the earlier outcome is 2020's (77) */
	rt_outcome_context_from_doc(&d, &ind, &periods[1], RT_GENDER_TOTAL, 0, &ctx);
	assert_true(ctx.has_base && ctx.base == 77);
	/* women have their own target for 2021 */
	rt_outcome_context_from_doc(&d, &ind, &periods[1], RT_GENDER_WOMEN, 0, &ctx);
	assert_ptr_equal(ctx.target, &targets[2]);
	assert_false(ctx.has_base);
	/* 2020: a plain target, no base needed */
	rt_outcome_context_from_doc(&d, &ind, &periods[0], RT_GENDER_TOTAL, 0, &ctx);
	assert_ptr_equal(ctx.target, &targets[0]);
	assert_false(ctx.has_base);
	/* 2022 (not in the document's periods): relative to the 2018 baseline */
	struct rt_period p2022 = { .id = 9, .key = "2022", .kind = RT_PERIOD_YEAR, .year = 2022,
	                           .start_date = "2022-01-01", .end_date = "2022-12-31" };
	rt_outcome_context_from_doc(&d, &ind, &p2022, RT_GENDER_TOTAL, 0, &ctx);
	assert_ptr_equal(ctx.target, &targets[3]);
	assert_true(ctx.has_base && ctx.base == 500);
	/* no target for 2023 */
	p2022.year = 2023;
	rt_outcome_context_from_doc(&d, &ind, &p2022, RT_GENDER_TOTAL, 0, &ctx);
	assert_null(ctx.target);
	/* Bibehålla/öka with no earlier outcome falls back to the latest baseline */
	d.n_outcomes = 0;
	rt_outcome_context_from_doc(&d, &ind, &periods[1], RT_GENDER_TOTAL, 0, &ctx);
	assert_true(ctx.has_base && ctx.base == 70);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_status_words),
		cmocka_unit_test(test_expected),
		cmocka_unit_test(test_context_from_doc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
