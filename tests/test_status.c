/* The status rule, table-driven. Most rows are real rows of seed 003
 * ("Sammanställd måluppfyllelse per april 2021"): the expected status is the
 * symbol the region printed, so the rule agrees with how planners judge. */
#include "test_util.h"
#include "core/status.h"

#include <string.h>

struct row {
	const char *what;
	enum rt_indicator_kind kind;
	enum rt_direction dir;
	enum rt_frequency freq;
	const char *target;      /* NULL: no target */
	const char *value;       /* NULL: no outcome */
	bool has_base;
	double base;
	double tolerance;        /* < 0: default */
	enum rt_period_kind pkind;
	int pnum;
	enum rt_status want;
	enum rt_status_reason why;
};

#define T1 RT_PERIOD_TERTIAL, 1
static const struct row rows[] = {
	/* seed 003 rows with the symbol the region printed */
	{ "Sjukfrånvaron 5,4 % mot 4,6 %", RT_IND_QUANTITATIVE, RT_DIR_LOWER, RT_FREQ_TERTIAL,
	  "4,6 %", "5,4 %", false, 0, -1, T1, RT_STATUS_NOT_ACHIEVED, RT_REASON_MISSED },
	{ "Samarbetsproblem 4,46 mot 4,5", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_TERTIAL,
	  "4,5", "4,46", false, 0, -1, T1, RT_STATUS_PARTLY, RT_REASON_WITHIN_TOLERANCE },
	{ "Leverantörstrohet 90 % mot 95 %", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_TERTIAL,
	  "95 %", "90 %", false, 0, -1, T1, RT_STATUS_PARTLY, RT_REASON_WITHIN_TOLERANCE },
	{ "Miljökrav 90 % mot 100 % (kanten)", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_TERTIAL,
	  "100 %", "90 %", false, 0, -1, T1, RT_STATUS_PARTLY, RT_REASON_WITHIN_TOLERANCE },
	{ "Allmäntandvård 24 mot 27", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_TERTIAL,
	  "27", "24", false, 0, -1, T1, RT_STATUS_NOT_ACHIEVED, RT_REASON_MISSED },
	{ "Medicinsk fotvård 24 mot 24", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_TERTIAL,
	  "24", "24", false, 0, -1, T1, RT_STATUS_ACHIEVED, RT_REASON_MET },
	{ "Antibiotika 200 mot 250 (lägre är bättre)", RT_IND_QUANTITATIVE, RT_DIR_LOWER, RT_FREQ_TERTIAL,
	  "250", "200", false, 0, -1, T1, RT_STATUS_ACHIEVED, RT_REASON_MET },
	{ "Nationellt mål <250", RT_IND_QUANTITATIVE, RT_DIR_LOWER, RT_FREQ_TERTIAL,
	  "<250", "200", false, 0, -1, T1, RT_STATUS_ACHIEVED, RT_REASON_MET },
	{ "Bruttokostnadsutveckling 23,5 % mot 1,9 %", RT_IND_QUANTITATIVE, RT_DIR_LOWER, RT_FREQ_TERTIAL,
	  "1,9 %", "23,5 %", false, 0, -1, T1, RT_STATUS_NOT_ACHIEVED, RT_REASON_MISSED },
	{ "Index hälsofrämjande 4,67 mot 4,65", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_TERTIAL,
	  "4,65", "4,67", false, 0, -1, T1, RT_STATUS_ACHIEVED, RT_REASON_MET },
	{ "Uppkopplade 466 mot 336", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_TERTIAL,
	  "336", "466", false, 0, -1, T1, RT_STATUS_ACHIEVED, RT_REASON_MET },
	{ "Automatiserade processer 0 mot 7", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_TERTIAL,
	  "7", "0", false, 0, -1, T1, RT_STATUS_NOT_ACHIEVED, RT_REASON_MISSED },
	{ "Budgetefterlevnad -26 151 mot 0", RT_IND_QUANTITATIVE, RT_DIR_LOWER, RT_FREQ_TERTIAL,
	  "0", "-26 151", false, 0, -1, T1, RT_STATUS_ACHIEVED, RT_REASON_MET },
	{ "Energianvändning mäts helår, inget utfall i T1", RT_IND_QUANTITATIVE, RT_DIR_LOWER, RT_FREQ_YEAR,
	  "203,5", NULL, false, 0, -1, T1, RT_STATUS_NONE, RT_REASON_MEASURED_YEARLY },
	{ "Distansavtal: ingen uppgift", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_TERTIAL,
	  NULL, NULL, false, 0, -1, T1, RT_STATUS_NONE, RT_REASON_NO_VALUE },
	{ "Årsindikator utan värde i årsrapporten", RT_IND_QUANTITATIVE, RT_DIR_LOWER, RT_FREQ_YEAR,
	  "203,5", NULL, false, 0, -1, RT_PERIOD_YEAR, 0, RT_STATUS_NONE, RT_REASON_NO_VALUE },
	/* comparators */
	{ "< gränsen nådd", RT_IND_QUANTITATIVE, RT_DIR_NONE, RT_FREQ_YEAR,
	  "< 250", "249", false, 0, -1, RT_PERIOD_YEAR, 0, RT_STATUS_ACHIEVED, RT_REASON_MET },
	{ "< gränsen exakt är inte nådd men inom tolerans", RT_IND_QUANTITATIVE, RT_DIR_NONE, RT_FREQ_YEAR,
	  "< 250", "250", false, 0, -1, RT_PERIOD_YEAR, 0, RT_STATUS_PARTLY, RT_REASON_WITHIN_TOLERANCE },
	{ "≤ 4,7 % för män", RT_IND_QUANTITATIVE, RT_DIR_LOWER, RT_FREQ_YEAR,
	  "≤ 4,7 %", "4,7 %", false, 0, -1, RT_PERIOD_YEAR, 0, RT_STATUS_ACHIEVED, RT_REASON_MET },
	{ "≥ 4,5 missat med mer än toleransen", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_YEAR,
	  "≥ 4,5", "3,9", false, 0, -1, RT_PERIOD_YEAR, 0, RT_STATUS_NOT_ACHIEVED, RT_REASON_MISSED },
	{ ">75 med 75 är inte nått", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_YEAR,
	  ">75", "75", false, 0, -1, RT_PERIOD_YEAR, 0, RT_STATUS_PARTLY, RT_REASON_WITHIN_TOLERANCE },
	{ "= 100 %", RT_IND_QUANTITATIVE, RT_DIR_NONE, RT_FREQ_YEAR,
	  "=100 %", "100 %", false, 0, -1, RT_PERIOD_YEAR, 0, RT_STATUS_ACHIEVED, RT_REASON_MET },
	{ "smalare tolerans per indikator", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_YEAR,
	  "95 %", "90 %", false, 0, 5, RT_PERIOD_YEAR, 0, RT_STATUS_NOT_ACHIEVED, RT_REASON_MISSED },
	/* maintain or increase */
	{ "Bibehålla/öka: ökat", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_YEAR,
	  "Bibehålla/öka", "78", true, 77, -1, RT_PERIOD_YEAR, 0, RT_STATUS_ACHIEVED, RT_REASON_MET },
	{ "Bibehålla/öka: något lägre", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_YEAR,
	  "Bibehålla/öka", "74", true, 77, -1, RT_PERIOD_YEAR, 0, RT_STATUS_PARTLY, RT_REASON_WITHIN_TOLERANCE },
	{ "Bibehålla/öka utan basvärde", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_YEAR,
	  "Bibehålla/öka", "74", false, 0, -1, RT_PERIOD_YEAR, 0, RT_STATUS_NONE, RT_REASON_NOT_COMPUTABLE },
	/* relative: seed 003, CO2 192 855 kg in 2018, target -10 % */
	{ "CO2 -48 % mot 2018", RT_IND_QUANTITATIVE, RT_DIR_LOWER, RT_FREQ_YEAR,
	  "-10 % jämfört med 2018", "100 662", true, 192855, -1, RT_PERIOD_YEAR, 0,
	  RT_STATUS_ACHIEVED, RT_REASON_MET },
	{ "CO2 -9,5 % mot 2018", RT_IND_QUANTITATIVE, RT_DIR_LOWER, RT_FREQ_YEAR,
	  "-10 % jämfört med 2018", "90,5", true, 100, -1, RT_PERIOD_YEAR, 0,
	  RT_STATUS_PARTLY, RT_REASON_WITHIN_TOLERANCE },
	{ "CO2 oförändrat mot 2018", RT_IND_QUANTITATIVE, RT_DIR_LOWER, RT_FREQ_YEAR,
	  "-10 % jämfört med 2018", "100", true, 100, -1, RT_PERIOD_YEAR, 0,
	  RT_STATUS_NOT_ACHIEVED, RT_REASON_MISSED },
	{ "relativt mål utan basår", RT_IND_QUANTITATIVE, RT_DIR_LOWER, RT_FREQ_YEAR,
	  "-10 % jämfört med 2018", "100", false, 0, -1, RT_PERIOD_YEAR, 0,
	  RT_STATUS_NONE, RT_REASON_NOT_COMPUTABLE },
	/* qualitative (seed 004) */
	{ "Ja", RT_IND_QUALITATIVE, RT_DIR_NONE, RT_FREQ_YEAR,
	  "Ja", "Ja", false, 0, -1, RT_PERIOD_YEAR, 0, RT_STATUS_ACHIEVED, RT_REASON_QUALITATIVE },
	{ "Delvis", RT_IND_QUALITATIVE, RT_DIR_NONE, RT_FREQ_YEAR,
	  "Ja", "Delvis", false, 0, -1, RT_PERIOD_YEAR, 0, RT_STATUS_PARTLY, RT_REASON_QUALITATIVE },
	{ "Nej", RT_IND_QUALITATIVE, RT_DIR_NONE, RT_FREQ_YEAR,
	  "Ja", "nej", false, 0, -1, RT_PERIOD_YEAR, 0, RT_STATUS_NOT_ACHIEVED, RT_REASON_QUALITATIVE },
	/* prose targets cannot be computed */
	{ "Ska utarbetas", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_YEAR,
	  "Ska utarbetas", "3", false, 0, -1, RT_PERIOD_YEAR, 0, RT_STATUS_NONE, RT_REASON_NOT_COMPUTABLE },
	{ "utfall utan målvärde", RT_IND_QUANTITATIVE, RT_DIR_HIGHER, RT_FREQ_TERTIAL,
	  NULL, "13 %", false, 0, -1, T1, RT_STATUS_NONE, RT_REASON_NO_TARGET },
};

static void test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		struct rt_indicator ind = { 0 };
		ind.kind = r->kind;
		ind.direction = r->dir;
		ind.frequency = r->freq;
		struct rt_target_spec target, value;
		memset(&value, 0, sizeof(value));
		if (r->target) assert_int_equal(rt_target_parse(r->target, &target, NULL), 0);
		if (r->value) assert_int_equal(rt_value_parse(r->value, &value, NULL), 0);
		struct rt_status_input in = {
			.indicator = &ind,
			.target = r->target ? &target : NULL,
			.value = r->value ? &value : NULL,
			.period_kind = r->pkind,
			.period_number = r->pnum,
			.has_base = r->has_base,
			.base = r->base,
			.tolerance = r->tolerance,
		};
		struct rt_status_result res = rt_status_compute(&in);
		if (res.status != r->want || res.reason != r->why)
			fail_msg("%s: got status %s (%s), want %s (%s)", r->what,
			         rt_status_name(res.status), rt_status_reason_label(res.reason),
			         rt_status_name(r->want), rt_status_reason_label(r->why));
	}
}

static void test_full_year(void **state)
{
	(void)state;
	assert_true(rt_period_is_full_year(RT_PERIOD_YEAR, 0));
	assert_true(rt_period_is_full_year(RT_PERIOD_TERTIAL, 3));
	assert_false(rt_period_is_full_year(RT_PERIOD_TERTIAL, 2));
	assert_true(rt_period_is_full_year(RT_PERIOD_HALF_YEAR, 2));
	assert_false(rt_period_is_full_year(RT_PERIOD_HALF_YEAR, 1));
	assert_false(rt_period_is_full_year(RT_PERIOD_MONTH, 4));
	assert_string_equal(rt_status_reason_label(RT_REASON_MEASURED_YEARLY), "Mäts helår");
	assert_string_equal(rt_status_reason_label(RT_REASON_NO_VALUE), "Status saknas");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_full_year),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
