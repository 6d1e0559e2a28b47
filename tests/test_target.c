/* Targets and values: every form the seeds print, every comparator, the
 * direction rule, relative, maintain, qualitative and prose targets, and the
 * canonical rendering. Table-driven: one row per written form. */
#include "test_util.h"
#include "core/target.h"

#include <math.h>
#include <string.h>

/* cmocka 1.1 has no assert_double_equal */
#define assert_double_equal(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

#define NBSP "\xc2\xa0"

struct parse_row {
	const char *text;
	int rc;
	enum rt_comparator cmp;
	bool has_value;
	double value;
	const char *unit;
	int base_year;
	enum rt_qual qual;
};

static const struct parse_row parse_rows[] = {
	/* seeds 003 and 004 */
	{ "<250", 0, RT_CMP_LT, true, 250, "", 0, RT_QUAL_NONE },
	{ "< 250", 0, RT_CMP_LT, true, 250, "", 0, RT_QUAL_NONE },
	{ "≤ 4,7 %", 0, RT_CMP_LE, true, 4.7, "%", 0, RT_QUAL_NONE },
	{ "≥ 4,5", 0, RT_CMP_GE, true, 4.5, "", 0, RT_QUAL_NONE },
	{ ">75", 0, RT_CMP_GT, true, 75, "", 0, RT_QUAL_NONE },
	{ "=100", 0, RT_CMP_EQ, true, 100, "", 0, RT_QUAL_NONE },
	{ "<= 3", 0, RT_CMP_LE, true, 3, "", 0, RT_QUAL_NONE },
	{ ">= 3", 0, RT_CMP_GE, true, 3, "", 0, RT_QUAL_NONE },
	{ "5,7 %", 0, RT_CMP_REACH, true, 5.7, "%", 0, RT_QUAL_NONE },
	{ "100 %", 0, RT_CMP_REACH, true, 100, "%", 0, RT_QUAL_NONE },
	{ "203,5", 0, RT_CMP_REACH, true, 203.5, "", 0, RT_QUAL_NONE },
	{ "203,5 kWh/m2", 0, RT_CMP_REACH, true, 203.5, "kWh/m2", 0, RT_QUAL_NONE },
	{ "-26 151", 0, RT_CMP_REACH, true, -26151, "", 0, RT_QUAL_NONE },
	{ "-26" NBSP "151 tkr", 0, RT_CMP_REACH, true, -26151, "tkr", 0, RT_QUAL_NONE },
	{ "\xe2\x88\x92" "5", 0, RT_CMP_REACH, true, -5, "", 0, RT_QUAL_NONE },
	{ "0", 0, RT_CMP_REACH, true, 0, "", 0, RT_QUAL_NONE },
	{ "0 %", 0, RT_CMP_REACH, true, 0, "%", 0, RT_QUAL_NONE },
	{ "4,11", 0, RT_CMP_REACH, true, 4.11, "", 0, RT_QUAL_NONE },
	{ "4.5", 0, RT_CMP_REACH, true, 4.5, "", 0, RT_QUAL_NONE },
	{ "95,4 mnkr", 0, RT_CMP_REACH, true, 95.4, "mnkr", 0, RT_QUAL_NONE },
	{ "48 st", 0, RT_CMP_REACH, true, 48, "st", 0, RT_QUAL_NONE },
	{ "30 dagar", 0, RT_CMP_REACH, true, 30, "dagar", 0, RT_QUAL_NONE },
	{ "  42 %  ", 0, RT_CMP_REACH, true, 42, "%", 0, RT_QUAL_NONE },
	{ "<250 recept per 1000 invånare", 0, RT_CMP_LT, true, 250, "recept", 0, RT_QUAL_NONE },
	/* words */
	{ "minst 41 %", 0, RT_CMP_GE, true, 41, "%", 0, RT_QUAL_NONE },
	{ "Högst 5", 0, RT_CMP_LE, true, 5, "", 0, RT_QUAL_NONE },
	{ "Mer än 0 %", 0, RT_CMP_GT, true, 0, "%", 0, RT_QUAL_NONE },
	{ "minst en per avdelning", 0, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	/* maintain or increase */
	{ "Bibehålla/öka", 0, RT_CMP_MAINTAIN_OR_INCREASE, false, 0, "", 0, RT_QUAL_NONE },
	{ "bibehålla/öka", 0, RT_CMP_MAINTAIN_OR_INCREASE, false, 0, "", 0, RT_QUAL_NONE },
	{ "BIBEHÅLLA/ÖKA", 0, RT_CMP_MAINTAIN_OR_INCREASE, false, 0, "", 0, RT_QUAL_NONE },
	{ "Bibehålla / öka", 0, RT_CMP_MAINTAIN_OR_INCREASE, false, 0, "", 0, RT_QUAL_NONE },
	{ "bibehålla eller öka", 0, RT_CMP_MAINTAIN_OR_INCREASE, false, 0, "", 0, RT_QUAL_NONE },
	{ "Bibehålla  eller  öka ", 0, RT_CMP_MAINTAIN_OR_INCREASE, false, 0, "", 0, RT_QUAL_NONE },
	/* relative */
	{ "-10 % jämfört med 2018", 0, RT_CMP_RELATIVE, true, -10, "%", 2018, RT_QUAL_NONE },
	{ "+5 % jämfört med 2019", 0, RT_CMP_RELATIVE, true, 5, "%", 2019, RT_QUAL_NONE },
	{ "-10% Jämfört med 2018", 0, RT_CMP_RELATIVE, true, -10, "%", 2018, RT_QUAL_NONE },
	{ "\xe2\x88\x92" "2,5 % jämfört med 2020", 0, RT_CMP_RELATIVE, true, -2.5, "%", 2020, RT_QUAL_NONE },
	{ "-10 ton jämfört med 2018", 0, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	{ "Minska jämfört med 2018", 0, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	/* qualitative */
	{ "Ja", 0, RT_CMP_QUALITATIVE, false, 0, "", 0, RT_QUAL_YES },
	{ "ja", 0, RT_CMP_QUALITATIVE, false, 0, "", 0, RT_QUAL_YES },
	{ "DELVIS", 0, RT_CMP_QUALITATIVE, false, 0, "", 0, RT_QUAL_PARTLY },
	{ " Nej ", 0, RT_CMP_QUALITATIVE, false, 0, "", 0, RT_QUAL_NO },
	/* prose */
	{ "Ny indikator", 0, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	{ "Ska utarbetas", 0, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	{ "Ny indikator 2024", 0, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	{ "-", 0, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	{ "", 0, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	{ "Ja Ja", 0, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	{ "RVN 77, RLF 74", 0, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	{ "2024: ska utarbetas", 0, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	/* malformed */
	{ "5,4,3 %", RT_EINVAL, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	{ "<", RT_EINVAL, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	{ "≥ mycket", RT_EINVAL, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	{ "1 23", RT_EINVAL, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	{ "5, %", RT_EINVAL, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
	{ "-1,2,3 % jämfört med 2018", RT_EINVAL, RT_CMP_TEXT, false, 0, "", 0, RT_QUAL_NONE },
};

static void test_parse_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(parse_rows) / sizeof(parse_rows[0]); i++) {
		const struct parse_row *r = &parse_rows[i];
		struct rt_target_spec s;
		memset(&s, 0x5a, sizeof(s));
		rt_err err = RT_ERR_INIT;
		int rc = rt_target_parse(r->text, &s, &err);
		if (rc != r->rc || s.cmp != r->cmp || s.has_value != r->has_value ||
		    (r->has_value && (s.value < r->value - 1e-9 || s.value > r->value + 1e-9)) ||
		    strcmp(s.unit, r->unit) || s.base_year != r->base_year || s.qual != r->qual)
			fail_msg("'%s': rc %d cmp %d has %d value %g unit '%s' year %d qual %d (%s)",
			         r->text, rc, s.cmp, s.has_value, s.value, s.unit, s.base_year, s.qual,
			         err.msg);
		if (r->rc) {
			assert_int_equal(err.code, RT_EINVAL);
			assert_non_null(strstr(err.msg, r->text));
		}
	}
}

static void test_parse_messages(void **state)
{
	(void)state;
	struct rt_target_spec s;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_target_parse("<", &s, &err), RT_EINVAL);
	assert_string_equal(err.field, "text");
	assert_non_null(strstr(err.msg, "saknar ett tal efter jämförelsetecknet"));
	rt_err_clear(&err);
	assert_int_equal(rt_target_parse("5,4,3 %", &s, &err), RT_EINVAL);
	assert_non_null(strstr(err.msg, "Målvärdet '5,4,3 %' kan inte tolkas"));
	assert_non_null(strstr(err.msg, "mer än ett decimaltecken"));
	/* NULL text is empty prose, and err may be NULL */
	assert_int_equal(rt_target_parse(NULL, &s, NULL), 0);
	assert_int_equal(s.cmp, RT_CMP_TEXT);
	assert_int_equal(rt_target_parse("<", &s, NULL), RT_EINVAL);
}

static void test_value_parse(void **state)
{
	(void)state;
	struct rt_target_spec v;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_value_parse("5,4 %", &v, &err), 0);
	assert_true(v.has_value);
	assert_double_equal(v.value, 5.4, 1e-12);
	assert_string_equal(v.unit, "%");
	assert_int_equal(rt_value_parse("100 662", &v, &err), 0);
	assert_double_equal(v.value, 100662, 0);
	assert_int_equal(rt_value_parse("-26 151", &v, &err), 0);
	assert_double_equal(v.value, -26151, 0);
	assert_int_equal(rt_value_parse("\xe2\x88\x92" "3,5", &v, &err), 0);
	assert_double_equal(v.value, -3.5, 1e-12);
	assert_int_equal(rt_value_parse("4,46", &v, &err), 0);
	assert_double_equal(v.value, 4.46, 1e-12);
	assert_int_equal(rt_value_parse("36.7", &v, &err), 0);
	assert_double_equal(v.value, 36.7, 1e-12);
	assert_int_equal(rt_value_parse("203,5 kWh/m2", &v, &err), 0);
	assert_string_equal(v.unit, "kWh/m2");
	assert_int_equal(rt_value_parse("delvis", &v, &err), 0);
	assert_int_equal(v.cmp, RT_CMP_QUALITATIVE);
	assert_int_equal(v.qual, RT_QUAL_PARTLY);
	assert_false(v.has_value);

	const char *bad[] = { "", "   ", "Ingen uppgift", "RVN 77, RLF 74", "<5",
	                      "12 medarbetare av totalt 48 chefer", "Ny indikator 2024" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rt_err_clear(&err);
		assert_int_equal(rt_value_parse(bad[i], &v, &err), RT_EINVAL);
		assert_false(v.has_value);
		assert_non_null(strstr(err.msg, "är inte ett tal eller Ja/Delvis/Nej"));
	}
	rt_err_clear(&err);
	assert_int_equal(rt_value_parse("Ingen uppgift", &v, &err), RT_EINVAL);
	assert_string_equal(err.msg, "Utfallet 'Ingen uppgift' är inte ett tal eller Ja/Delvis/Nej");
	rt_err_clear(&err);
	assert_int_equal(rt_value_parse("5,4,3", &v, &err), RT_EINVAL);
	assert_non_null(strstr(err.msg, "Utfallet '5,4,3' kan inte tolkas"));
}

struct met_row {
	const char *target;
	enum rt_direction dir;
	double value;
	bool has_base;
	double base;
	int want;
};

static const struct met_row met_rows[] = {
	/* plain number: the direction decides */
	{ "4,6 %", RT_DIR_LOWER, 5.4, false, 0, 0 },
	{ "4,6 %", RT_DIR_LOWER, 4.6, false, 0, 1 },
	{ "4,6 %", RT_DIR_LOWER, 3.0, false, 0, 1 },
	{ "336", RT_DIR_HIGHER, 466, false, 0, 1 },
	{ "336", RT_DIR_HIGHER, 336, false, 0, 1 },
	{ "27", RT_DIR_HIGHER, 24, false, 0, 0 },
	{ "100", RT_DIR_NONE, 100, false, 0, 1 },
	{ "100", RT_DIR_NONE, 99, false, 0, 0 },
	{ "100", RT_DIR_NONE, 101, false, 0, 0 },
	{ "0", RT_DIR_LOWER, -26151, false, 0, 1 },
	{ "4,65", RT_DIR_HIGHER, 4.67, false, 0, 1 },
	/* literal comparators ignore the direction */
	{ "<250", RT_DIR_HIGHER, 200, false, 0, 1 },
	{ "<250", RT_DIR_NONE, 250, false, 0, 0 },
	{ "<250", RT_DIR_NONE, 251, false, 0, 0 },
	{ "≤ 4,7 %", RT_DIR_NONE, 4.7, false, 0, 1 },
	{ "≤ 4,7 %", RT_DIR_NONE, 4.71, false, 0, 0 },
	{ ">75", RT_DIR_LOWER, 75, false, 0, 0 },
	{ ">75", RT_DIR_LOWER, 76, false, 0, 1 },
	{ "≥ 4,5", RT_DIR_NONE, 4.5, false, 0, 1 },
	{ "≥ 4,5", RT_DIR_NONE, 4.46, false, 0, 0 },
	{ "=100", RT_DIR_HIGHER, 100, false, 0, 1 },
	{ "=100", RT_DIR_HIGHER, 101, false, 0, 0 },
	/* maintain or increase: against the base */
	{ "Bibehålla/öka", RT_DIR_HIGHER, 77, true, 77, 1 },
	{ "Bibehålla/öka", RT_DIR_HIGHER, 78, true, 77, 1 },
	{ "Bibehålla/öka", RT_DIR_HIGHER, 76, true, 77, 0 },
	{ "Bibehålla/öka", RT_DIR_HIGHER, 76, false, 0, -1 },
	/* relative: seed 003 CO2, 192 855 kg in 2018, 100 662 kg in 2021 */
	{ "-10 % jämfört med 2018", RT_DIR_LOWER, 100662, true, 192855, 1 },
	{ "-10 % jämfört med 2018", RT_DIR_LOWER, 90, true, 100, 1 },
	{ "-10 % jämfört med 2018", RT_DIR_LOWER, 90.5, true, 100, 0 },
	{ "-10 % jämfört med 2018", RT_DIR_LOWER, 110, true, 100, 0 },
	{ "-10 % jämfört med 2018", RT_DIR_LOWER, 90, false, 0, -1 },
	{ "-10 % jämfört med 2018", RT_DIR_LOWER, 90, true, 0, -1 },
	{ "+5 % jämfört med 2019", RT_DIR_HIGHER, 105, true, 100, 1 },
	{ "+5 % jämfört med 2019", RT_DIR_HIGHER, 104, true, 100, 0 },
	{ "+5 % jämfört med 2019", RT_DIR_HIGHER, 27.3, true, 26, 1 },
	/* not computable */
	{ "Ja", RT_DIR_NONE, 1, false, 0, -1 },
	{ "Ska utarbetas", RT_DIR_HIGHER, 3, false, 0, -1 },
	{ "", RT_DIR_HIGHER, 3, false, 0, -1 },
};

static void test_met_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(met_rows) / sizeof(met_rows[0]); i++) {
		const struct met_row *r = &met_rows[i];
		struct rt_target_spec t;
		assert_int_equal(rt_target_parse(r->target, &t, NULL), 0);
		int got = rt_target_met(&t, r->dir, r->value, r->has_base, r->base);
		if (got != r->want)
			fail_msg("'%s' dir %d value %g base %g: got %d, want %d", r->target, r->dir,
			         r->value, r->base, got, r->want);
	}
	assert_int_equal(rt_target_met(NULL, RT_DIR_NONE, 1, false, 0), -1);
}

static void test_met_qual(void **state)
{
	(void)state;
	struct rt_target_spec ja, delvis, nej, num;
	assert_int_equal(rt_target_parse("Ja", &ja, NULL), 0);
	assert_int_equal(rt_target_parse("Delvis", &delvis, NULL), 0);
	assert_int_equal(rt_target_parse("Nej", &nej, NULL), 0);
	assert_int_equal(rt_target_parse("5", &num, NULL), 0);
	assert_int_equal(rt_target_met_qual(&ja, RT_QUAL_YES), 1);
	assert_int_equal(rt_target_met_qual(&ja, RT_QUAL_PARTLY), 0);
	assert_int_equal(rt_target_met_qual(&ja, RT_QUAL_NO), 0);
	assert_int_equal(rt_target_met_qual(&delvis, RT_QUAL_YES), 1);
	assert_int_equal(rt_target_met_qual(&delvis, RT_QUAL_PARTLY), 1);
	assert_int_equal(rt_target_met_qual(&delvis, RT_QUAL_NO), 0);
	assert_int_equal(rt_target_met_qual(&nej, RT_QUAL_NO), 1);
	assert_int_equal(rt_target_met_qual(&nej, RT_QUAL_YES), 0);
	assert_int_equal(rt_target_met_qual(&ja, RT_QUAL_NONE), -1);
	assert_int_equal(rt_target_met_qual(&num, RT_QUAL_YES), -1);
}

static void test_format(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } rows[] = {
		{ "≤ 4,7 %", "≤ 4,7 %" },
		{ "<=4,7%", "≤ 4,7 %" },
		{ "<250", "< 250" },
		{ ">75", "> 75" },
		{ ">=4.5", "≥ 4,5" },
		{ "=100", "= 100" },
		{ "5,7 %", "5,7 %" },
		{ "203,5 kWh/m2", "203,5 kWh/m2" },
		{ "-26 151", "-26" NBSP "151" },
		{ "4,11", "4,11" },
		{ "bibehålla eller öka", "Bibehålla/öka" },
		{ "-10 % jämfört med 2018", "-10 % jämfört med 2018" },
		{ "+5 % jämfört med 2019", "+5 % jämfört med 2019" },
		{ "5% jämfört med 2019", "+5 % jämfört med 2019" },
		{ "ja", "Ja" },
		{ "DELVIS", "Delvis" },
		{ "nej", "Nej" },
		{ "minst 41 %", "≥ 41 %" },
		{ "Ska utarbetas", "" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct rt_target_spec t;
		assert_int_equal(rt_target_parse(rows[i].in, &t, NULL), 0);
		rt_buf b = RT_BUF_INIT;
		rt_target_format(&b, &t);
		if (strcmp(b.buf, rows[i].out))
			fail_msg("'%s' formatted as '%s', want '%s'", rows[i].in, b.buf, rows[i].out);
		/* the canonical form parses back to the same spec */
		struct rt_target_spec again;
		assert_int_equal(rt_target_parse(b.buf, &again, NULL), 0);
		assert_int_equal(again.cmp, t.cmp);
		assert_true(again.value == t.value);
		rt_buf_release(&b);
	}
}

static void test_direction_and_qual_names(void **state)
{
	(void)state;
	assert_string_equal(rt_direction_name(RT_DIR_NONE), "none");
	assert_string_equal(rt_direction_name(RT_DIR_HIGHER), "higher");
	assert_string_equal(rt_direction_name(RT_DIR_LOWER), "lower");
	enum rt_direction d = RT_DIR_NONE;
	assert_int_equal(rt_direction_parse("lower", &d, NULL), 0);
	assert_int_equal(d, RT_DIR_LOWER);
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_direction_parse("upp", &d, &err), RT_EINVAL);
	assert_string_equal(err.msg, "Okänd riktning 'upp'. Giltiga värden: none, higher, lower");
	assert_string_equal(rt_qual_label(RT_QUAL_YES), "Ja");
	assert_string_equal(rt_qual_label(RT_QUAL_PARTLY), "Delvis");
	assert_string_equal(rt_qual_label(RT_QUAL_NO), "Nej");
	assert_string_equal(rt_qual_label(RT_QUAL_NONE), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_parse_messages),
		cmocka_unit_test(test_value_parse),
		cmocka_unit_test(test_met_table),
		cmocka_unit_test(test_met_qual),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_direction_and_qual_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
