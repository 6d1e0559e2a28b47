/* Indicators (mätetal, indikatorer, resultatmått): quantitative with unit,
 * direction, targets and baselines per year, or qualitative (Ja/Delvis/Nej
 * with bedömningsgrunder); optionally broken down by gender and org unit.
 * Pure: no I/O. */
#ifndef RT_CORE_INDICATOR_H
#define RT_CORE_INDICATOR_H
#include <stdbool.h>
#include <stdint.h>
#include "core/target.h"
#include "util/err.h"

enum rt_indicator_kind { RT_IND_QUANTITATIVE, RT_IND_QUALITATIVE };

enum rt_frequency {
	RT_FREQ_MONTH,
	RT_FREQ_TERTIAL,
	RT_FREQ_HALF_YEAR,
	RT_FREQ_YEAR,          /* "mäts helår" */
};

/* Gender of a target, baseline or outcome row (könsuppdelad statistik). */
enum rt_gender { RT_GENDER_TOTAL, RT_GENDER_WOMEN, RT_GENDER_MEN };

struct rt_indicator {
	int64_t id;
	int64_t goal_id;
	int position;
	char *key;             /* stable key, also used by imports; may be NULL */
	char *name;            /* the mätetal text */
	char *description;     /* may be NULL */
	enum rt_indicator_kind kind;
	char *unit;            /* "%", "antal", "kWh/m2"; may be NULL */
	enum rt_direction direction;
	char *source;          /* källa; may be NULL */
	char *motivation;      /* may be NULL */
	char *criteria;        /* bedömningsgrunder (qualitative); may be NULL */
	enum rt_frequency frequency;
	bool central_only;     /* "mäts centralt / på övergripande nivå" */
	bool by_gender;        /* reported for kvinnor/män/totalt */
	bool by_org;           /* reported per org unit */
	/* Appended with 0002: width of the "partly" band in percent of the
	 * target for this indicator; has_tolerance false = region default. */
	double tolerance;
	bool has_tolerance;
};

/* A target (målvärde) for one year, optionally for one gender / org unit. */
struct rt_target {
	int64_t id;
	int64_t indicator_id;
	int year;
	enum rt_gender gender;
	int64_t org_unit_id;   /* 0 = whole scope */
	char *text;            /* as written: "≤ 4,7 %" */
	struct rt_target_spec spec; /* parsed from text */
};

/* A baseline (e.g. "Utfall 2021" in seed 004) for one year. */
struct rt_baseline {
	int64_t id;
	int64_t indicator_id;
	int year;
	enum rt_gender gender;
	int64_t org_unit_id;   /* 0 = whole scope */
	char *text;            /* as written: "77", "Ny indikator 2024", "-" */
	bool has_value;
	double value;
};

const char *rt_indicator_kind_name(enum rt_indicator_kind k);
const char *rt_indicator_kind_label(enum rt_indicator_kind k); /* "Kvantitativ" */
int rt_indicator_kind_parse(const char *s, enum rt_indicator_kind *out, rt_err *err);
const char *rt_frequency_name(enum rt_frequency f);     /* "tertial" */
const char *rt_frequency_label(enum rt_frequency f);    /* "Tertial" */
int rt_frequency_parse(const char *s, enum rt_frequency *out, rt_err *err);
const char *rt_gender_name(enum rt_gender g);           /* "total", "women", "men" */
const char *rt_gender_label(enum rt_gender g);          /* "Totalt", "Kvinnor", "Män" */
int rt_gender_parse(const char *s, enum rt_gender *out, rt_err *err);

/* Checks an indicator's own fields; a qualitative indicator may only have
 * qualitative or text targets, a quantitative one no Ja/Delvis/Nej. */
int rt_indicator_check(const struct rt_indicator *ind, rt_err *err);
int rt_target_check(const struct rt_indicator *ind, const struct rt_target *t, rt_err *err);

#endif
