/* Indicators (mätetal): kind, frequency and gender tokens, and the checks
 * that an indicator and its targets fit together (a qualitative indicator
 * takes Ja/Delvis/Nej, a quantitative one numbers). Pure: no I/O. */
#include "util/text.h"
#include "core/indicator.h"
#include "core/enums.h"

#include <stdbool.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const kind_names[] = { "quantitative", "qualitative" };
static const char *const kind_labels[] = { "Kvantitativ", "Kvalitativ" };
static const char *const freq_names[] = { "month", "tertial", "half_year", "year" };
static const char *const freq_labels[] = { "Månad", "Tertial", "Halvår", "Helår" };
static const char *const gender_names[] = { "total", "women", "men" };
static const char *const gender_labels[] = { "Totalt", "Kvinnor", "Män" };

const char *rt_indicator_kind_name(enum rt_indicator_kind k)
{
	return rt_enum_name(kind_names, COUNT(kind_names), (int)k);
}

const char *rt_indicator_kind_label(enum rt_indicator_kind k)
{
	return rt_enum_name(kind_labels, COUNT(kind_labels), (int)k);
}

int rt_indicator_kind_parse(const char *s, enum rt_indicator_kind *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(kind_names, COUNT(kind_names), s, &v, "kind",
	                       "typ av indikator", err);
	if (rc == 0 && out) *out = (enum rt_indicator_kind)v;
	return rc;
}

const char *rt_frequency_name(enum rt_frequency f)
{
	return rt_enum_name(freq_names, COUNT(freq_names), (int)f);
}

const char *rt_frequency_label(enum rt_frequency f)
{
	return rt_enum_name(freq_labels, COUNT(freq_labels), (int)f);
}

int rt_frequency_parse(const char *s, enum rt_frequency *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(freq_names, COUNT(freq_names), s, &v, "frequency",
	                       "mätfrekvens", err);
	if (rc == 0 && out) *out = (enum rt_frequency)v;
	return rc;
}

const char *rt_gender_name(enum rt_gender g)
{
	return rt_enum_name(gender_names, COUNT(gender_names), (int)g);
}

const char *rt_gender_label(enum rt_gender g)
{
	return rt_enum_name(gender_labels, COUNT(gender_labels), (int)g);
}

int rt_gender_parse(const char *s, enum rt_gender *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(gender_names, COUNT(gender_names), s, &v, "gender", "könsuppdelning", err);
	if (rc == 0 && out) *out = (enum rt_gender)v;
	return rc;
}

int rt_indicator_check(const struct rt_indicator *ind, rt_err *err)
{
	if (rt_str_blank(ind->name))
		return rt_err_set(err, RT_EINVAL, "name", "Indikatorn måste ha ett namn (mätetal)");
	if (ind->kind != RT_IND_QUANTITATIVE && ind->kind != RT_IND_QUALITATIVE)
		return rt_err_set(err, RT_EINVAL, "kind", "Indikatorn '%.200s' har en okänd typ",
		                  ind->name);
	if (ind->direction != RT_DIR_NONE && ind->direction != RT_DIR_HIGHER &&
	    ind->direction != RT_DIR_LOWER)
		return rt_err_set(err, RT_EINVAL, "direction",
		                  "Indikatorn '%.200s' har en okänd riktning", ind->name);
	if ((int)ind->frequency < 0 || (size_t)ind->frequency >= COUNT(freq_names))
		return rt_err_set(err, RT_EINVAL, "frequency",
		                  "Indikatorn '%.200s' har en okänd mätfrekvens", ind->name);
	return 0;
}

int rt_target_check(const struct rt_indicator *ind, const struct rt_target *t, rt_err *err)
{
	const char *text = t->text ? t->text : "";
	if (t->year < 1900 || t->year > 2200)
		return rt_err_set(err, RT_EINVAL, "year",
		                  "Målvärdet '%.100s' har ett ogiltigt år (%d)", text, t->year);
	if ((int)t->gender < 0 || (size_t)t->gender >= COUNT(gender_names))
		return rt_err_set(err, RT_EINVAL, "gender",
		                  "Målvärdet '%.100s' har ett okänt kön", text);
	if (ind->kind == RT_IND_QUALITATIVE && t->spec.cmp != RT_CMP_QUALITATIVE &&
	    t->spec.cmp != RT_CMP_TEXT)
		return rt_err_set(err, RT_EINVAL, "text",
		                  "Indikatorn '%.200s' är kvalitativ: målvärdet ska vara Ja, Delvis "
		                  "eller Nej, inte '%.100s'",
		                  ind->name ? ind->name : "", text);
	if (ind->kind == RT_IND_QUANTITATIVE && t->spec.cmp == RT_CMP_QUALITATIVE)
		return rt_err_set(err, RT_EINVAL, "text",
		                  "Indikatorn '%.200s' är kvantitativ: målvärdet ska vara ett tal, "
		                  "inte '%.100s'",
		                  ind->name ? ind->name : "", text);
	return 0;
}
