/* gen_region: a synthetic region for the benchmarks (bench/README.md).
 * Default size is the one issue 3 §9 names: 25 boards (nämnder), 2 000
 * goals, 20 000 indicators, 12 monthly periods of one year = 240 000
 * outcomes, plus activities, goal assessments and activity states per period.
 * Deterministic: the same --seed and --scale give the same database.
 *
 * Every plan goes in through the real import path (docs/plan-json.md,
 * rt_import_json_in_tx) so targets and values are parsed exactly as for a
 * real document; the plan's activity states, which plan documents do not
 * carry, are written with rt_store_activity_status_put in the same
 * transaction: one audited transaction per plan. Not a test, never run by
 * ctest. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ingest/plan_json.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/numfmt.h"

#define N_PERIODS 12
#define BASE_BOARDS 25
#define BASE_GOALS_PER_BOARD 80   /* 25 × 80 = 2 000 goals */
#define IND_PER_GOAL 10           /* on average: 20 000 indicators */

/* ---- a small deterministic PRNG (splitmix64) ----------------------------- */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double rng_unit(void) /* [0, 1) */
{
	return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

static int rng_below(int n)
{
	return (int)(rng_unit() * n);
}

#define PICK(arr) (arr)[rng_below((int)(sizeof(arr) / sizeof((arr)[0])))]

/* ---- Swedish-looking words ----------------------------------------------- */

static const char *const boards[BASE_BOARDS] = {
	"Regionstyrelsen", "Hälso- och sjukvårdsnämnden", "Regionala utvecklingsnämnden",
	"Kollektivtrafiknämnden", "Kulturnämnden", "Patientnämnden", "Tandvårdsnämnden",
	"Servicenämnden", "Folkhälsonämnden", "Miljö- och klimatnämnden",
	"Primärvårdsnämnden Norr", "Primärvårdsnämnden Söder", "Psykiatrinämnden",
	"Länssjukhusnämnden Östersund", "Länssjukhusnämnden Sundsvall", "Ambulansnämnden",
	"Habiliteringsnämnden", "Utbildningsnämnden", "Naturbruksnämnden",
	"Fastighetsnämnden", "Digitaliseringsnämnden", "Personalnämnden",
	"Revisionsnämnden", "Krisledningsnämnden", "Samverkansnämnden Fjällvärlden",
};

static const char *const areas[] = {
	"Medborgare och patient", "Medarbetare", "Verksamhet och process", "Ekonomi",
	"Hållbar utveckling", "Samverkan och kunskap",
};

static const char *const subjects[] = {
	"vårdcentralerna", "akutmottagningen", "barn- och ungdomspsykiatrin", "tandvården",
	"ambulanssjukvården", "kollektivtrafiken", "folkhögskolorna", "länstrafiken",
	"cancervården", "förlossningsvården", "rehabiliteringen", "hemsjukvården",
	"habiliteringen", "ungdomsmottagningarna", "digitala vårdtjänster", "smittskyddet",
	"kulturskolan", "besöksnäringen", "landsbygdens vårdcentraler", "laboratoriemedicin",
};

static const char *const goal_forms[] = {
	"Tillgängligheten inom %s ska öka",
	"Patientsäkerheten inom %s ska förbättras",
	"Medarbetarna inom %s ska ha en hälsofrämjande arbetsmiljö",
	"Kostnaderna inom %s ska rymmas inom budget",
	"Invånarnas förtroende för %s ska stärkas",
	"Klimatpåverkan från %s ska minska",
	"Jämlikheten i %s ska öka för kvinnor och män",
	"Samverkan mellan kommunerna och %s ska utvecklas",
};

static const char *const quant_forms[] = {
	"Andel patienter inom %s som får besök inom 90 dagar",
	"Sjukfrånvaro bland medarbetare inom %s",
	"Väntetid i dagar till första kontakt med %s",
	"Antal genomförda besök inom %s",
	"Nöjd-Kund-Index för %s",
	"Energianvändning i lokaler för %s",
	"Andel digitala kontakter inom %s",
	"Personalomsättning inom %s",
	"Avvikelser per tusen vårdtillfällen inom %s",
};

static const char *const qual_forms[] = {
	"Handlingsplan för %s är framtagen och beslutad",
	"Riskanalys för %s är genomförd",
	"Rutin för uppföljning av %s finns och är känd",
	"Kompetensförsörjningsplan för %s är uppdaterad",
};

static const char *const activity_forms[] = {
	"Införa digitalt vårdmöte inom %s",
	"Genomföra medarbetarenkät inom %s",
	"Revidera rutinerna för %s",
	"Utbilda chefer inom %s i arbetsmiljöarbete",
	"Kartlägga väntetiderna inom %s",
	"Ta fram en kommunikationsplan för %s",
};

static const char *const comments[] = {
	"Utfallet påverkas av ökad sjukfrånvaro under perioden.",
	"Förbättringsarbete pågår och väntas ge effekt under hösten.",
	"Värdet är preliminärt; slutlig siffra redovisas i delårsrapporten.",
	"Ökningen beror på fler vårdtillfällen än planerat.",
	"Arbetet har försenats av rekryteringsläget.",
	"Målet bedöms nås under året med nuvarande insatser.",
	"Rapporteringen från verksamheterna är ofullständig för perioden.",
};

static const char *const analyses[] = {
	"Arbetet går enligt plan. Flertalet mätetal visar en positiv utveckling jämfört med "
	"föregående år, men tillgängligheten inom vissa verksamheter behöver förbättras.",
	"Målet är delvis uppfyllt. Sjukfrånvaron har minskat men ligger fortfarande över "
	"målvärdet. Insatser för hälsofrämjande arbetsplatser fortsätter under året.",
	"Målet bedöms inte uppfyllas under året. Kostnadsutvecklingen är högre än budgeterat "
	"och en åtgärdsplan tas fram i samverkan med verksamheterna.",
	"Uppföljningen visar att aktiviteterna genomförs som planerat. Effekten på "
	"mätetalen kan ännu inte bedömas fullt ut.",
};

static const char *const states[] = { "not_started", "ongoing", "done", "delayed", "cancelled" };
static const char *const statuses[] = { "achieved", "partly", "not_achieved" };

/* ---- the document of one plan -------------------------------------------- */

/* An activity of the plan being written, for its states per month. */
struct act {
	char key[48];
	int start;    /* month it starts; it runs six months */
};

struct gen {
	struct act *acts;
	size_t n_acts;
	int year;
	int n_boards;
	int goals_per_board;
	/* what was written, for the summary line */
	long goals, indicators, outcomes, outcomes_gender, activities, assessments, activity_states;
};

static void jstr(rt_buf *b, const char *name, const char *value)
{
	rt_buf_addf(b, "\"%s\":\"", name);
	rt_buf_add_json(b, value);
	rt_buf_addstr(b, "\",");
}

/* A word form with its "%s" replaced by arg (not printf: the forms are
 * data, and -Wformat=2 rightly refuses a format that is not a literal). */
static void jfmt(rt_buf *b, const char *name, const char *form, const char *arg)
{
	rt_buf t = RT_BUF_INIT;
	const char *hole = strstr(form, "%s");
	if (hole) {
		rt_buf_add(&t, form, (size_t)(hole - form));
		rt_buf_addstr(&t, arg);
		rt_buf_addstr(&t, hole + 2);
	} else {
		rt_buf_addstr(&t, form);
	}
	jstr(b, name, t.buf);
	rt_buf_release(&t);
}

/* Drop the trailing comma of the last member before a closing bracket. */
static void jclose(rt_buf *b, char c)
{
	if (b->len && b->buf[b->len - 1] == ',')
		rt_buf_setlen(b, b->len - 1);
	rt_buf_addch(b, c);
	rt_buf_addch(b, ',');
}

/* "84,3 %" / "212 dagar": a value written the way a planning officer types it. */
static void value_text(rt_buf *out, double v, int decimals, const char *unit)
{
	rt_buf_reset(out);
	rt_num_format(out, v, decimals);
	if (unit && *unit) {
		rt_buf_addch(out, ' ');
		rt_buf_addstr(out, unit);
	}
}

/* One indicator with its target, maybe a baseline, and an outcome per month.
 * The mix follows what the seeds hold: plain numbers to reach, comparators,
 * "Bibehålla/öka", targets relative to a base year, qualitative Ja/Delvis/Nej
 * and a few indicators reported by gender. */
static void gen_indicator(struct gen *g, rt_buf *b, const char *goal_key, int i,
                          const char *subject)
{
	char key[96], tmp[256];
	rt_buf v = RT_BUF_INIT;
	snprintf(key, sizeof(key), "%s-i%02d", goal_key, i);
	int r = rng_below(100);
	bool qual = r < 15;
	bool by_gender = !qual && rng_below(100) < 8;
	rt_buf_addch(b, '{');
	jstr(b, "key", key);
	jfmt(b, "name", qual ? PICK(qual_forms) : PICK(quant_forms), subject);
	jstr(b, "kind", qual ? "qualitative" : "quantitative");
	jstr(b, "frequency", "month");
	if (by_gender)
		rt_buf_addstr(b, "\"by_gender\":true,");
	if (rng_below(3) == 0)
		jstr(b, "source", "Regionens verksamhetssystem, månadsuttag");

	/* target: text, direction, unit and a level the outcomes move around */
	const char *unit = "%", *dir = "higher", *target;
	double level, spread;
	int decimals = 1;
	bool relative = false;
	if (qual) {
		target = "Ja";
		dir = "none";
		unit = "";
		level = spread = 0;
	} else {
		level = 20 + rng_unit() * 75;
		spread = level * 0.15;
		int t = rng_below(100);
		rt_buf_reset(&v);
		if (t < 30) {          /* plain number: "85,0 %" */
			dir = rng_below(2) ? "higher" : "lower";
			rt_num_format(&v, level, 1);
			rt_buf_addstr(&v, " %");
		} else if (t < 45) {   /* "≤ 4,7 %" */
			dir = "lower";
			level = 2 + rng_unit() * 8;
			spread = level * 0.2;
			rt_buf_addstr(&v, "≤ ");
			rt_num_format(&v, level, 1);
			rt_buf_addstr(&v, " %");
		} else if (t < 55) {   /* "<250" dagar */
			dir = "lower";
			unit = "dagar";
			decimals = 0;
			level = 30 + rng_below(300);
			spread = level * 0.2;
			rt_buf_addch(&v, '<');
			rt_num_format(&v, level, 0);
		} else if (t < 65) {   /* ">75" */
			rt_buf_addch(&v, '>');
			rt_num_format(&v, level, 0);
			unit = "";
			decimals = 0;
		} else if (t < 75) {   /* "≥ 4,5" */
			unit = "";
			level = 3 + rng_unit() * 2;
			spread = 0.6;
			rt_buf_addstr(&v, "≥ ");
			rt_num_format(&v, level, 1);
		} else if (t < 85) {   /* "Bibehålla/öka" against the previous month */
			rt_buf_addstr(&v, "Bibehålla/öka");
		} else {               /* "-10 % jämfört med 2024" */
			dir = "lower";
			unit = "";
			decimals = 0;
			relative = true;
			level = 500 + rng_below(5000);
			spread = level * 0.12;
			rt_buf_addf(&v, "-%d %% jämfört med %d", 5 + 5 * rng_below(3), g->year - 1);
		}
		target = tmp;
		snprintf(tmp, sizeof(tmp), "%s", v.buf);
	}
	jstr(b, "direction", dir);
	if (*unit)
		jstr(b, "unit", unit);
	rt_buf_addf(b, "\"targets\":[{\"year\":%d,", g->year);
	jstr(b, "text", target);
	jclose(b, '}');
	rt_buf_setlen(b, b->len - 1);
	rt_buf_addstr(b, "],");
	if (relative) {
		value_text(&v, level, 0, "");
		rt_buf_addf(b, "\"baselines\":[{\"year\":%d,", g->year - 1);
		jstr(b, "text", v.buf);
		jclose(b, '}');
		rt_buf_setlen(b, b->len - 1);
		rt_buf_addstr(b, "],");
	}

	rt_buf_addstr(b, "\"outcomes\":[");
	static const char *const genders[] = { "total", "women", "men" };
	for (int m = 1; m <= N_PERIODS; m++) {
		for (int gi = 0; gi < (by_gender ? 3 : 1); gi++) {
			char period[16];
			snprintf(period, sizeof(period), "%d-M%02d", g->year, m);
			rt_buf_addch(b, '{');
			jstr(b, "period", period);
			if (gi)
				jstr(b, "gender", genders[gi]);
			if (qual) {
				int q = rng_below(10);
				jstr(b, "text", q < 6 ? "Ja" : q < 9 ? "Delvis" : "Nej");
			} else {
				double x = level + (rng_unit() * 2 - 1) * spread + (m - 6) * spread * 0.02;
				value_text(&v, x < 0 ? 0 : x, decimals, unit);
				jstr(b, "text", v.buf);
			}
			if (rng_below(100) < 30)
				jstr(b, "comment", PICK(comments));
			jclose(b, '}');
			if (gi)
				g->outcomes_gender++;
			else
				g->outcomes++;
		}
	}
	jclose(b, ']');
	jclose(b, '}');
	rt_buf_release(&v);
	g->indicators++;
}

/* Indicators per goal vary 6–14 around IND_PER_GOAL and sum to exactly
 * IND_PER_GOAL per goal over a board. */
static int n_ind_of(const struct gen *g, int idx)
{
	int full = g->goals_per_board - g->goals_per_board % 5;
	return idx < full ? IND_PER_GOAL + (idx % 5 - 2) * 2 : IND_PER_GOAL;
}

/* A goal (area < 0) or a goal area numbered `area` with n_children goals
 * under it; idx is the goal's number in its plan, in document order. */
static void gen_goal(struct gen *g, rt_buf *b, int board, int idx, int area, int n_children,
                     int *next_idx)
{
	int n_ind = n_ind_of(g, idx);
	char key[32], tmp[64];
	snprintf(key, sizeof(key), "bench-b%02d-g%03d", board % 100, idx % 1000);
	const char *subject = subjects[(board * 7 + idx) % (int)(sizeof(subjects) / sizeof(subjects[0]))];
	rt_buf_addch(b, '{');
	jstr(b, "key", key);
	jstr(b, "kind", area >= 0 ? "goal_area" : "goal");
	snprintf(tmp, sizeof(tmp), "%d.%d", board, idx);
	jstr(b, "code", tmp);
	if (area >= 0)
		jstr(b, "title", areas[area % (int)(sizeof(areas) / sizeof(areas[0]))]);
	else
		jfmt(b, "title", PICK(goal_forms), subject);

	rt_buf_addstr(b, "\"indicators\":[");
	for (int i = 1; i <= n_ind; i++)
		gen_indicator(g, b, key, i, subject);
	jclose(b, ']');

	rt_buf_addstr(b, "\"activities\":[");
	int n_act = 2 + idx % 2;
	for (int a = 1; a <= n_act; a++) {
		char akey[48], date[32];
		snprintf(akey, sizeof(akey), "%s-a%d", key, a);
		rt_buf_addch(b, '{');
		jstr(b, "key", akey);
		jfmt(b, "title", PICK(activity_forms), subject);
		jstr(b, "description", "Genomförs i samverkan med verksamheterna och följs upp "
		                       "på ledningsgruppens möten.");
		int start = 1 + rng_below(6);
		struct act *ac = &g->acts[g->n_acts++];
		snprintf(ac->key, sizeof(ac->key), "%s", akey);
		ac->start = start;
		snprintf(date, sizeof(date), "%d-%02d-01", g->year, start);
		jstr(b, "start_date", date);
		snprintf(date, sizeof(date), "%d-%02d-%02d", g->year, start + 6, 28);
		jstr(b, "end_date", date);
		jstr(b, "owner", "Regiondirektör");
		jclose(b, '}');
		g->activities++;
	}
	jclose(b, ']');

	rt_buf_addstr(b, "\"assessments\":[");
	for (int m = 1; m <= N_PERIODS; m++) {
		char period[16];
		snprintf(period, sizeof(period), "%d-M%02d", g->year, m);
		rt_buf_addch(b, '{');
		jstr(b, "period", period);
		jstr(b, "status", PICK(statuses));
		jstr(b, "analysis", PICK(analyses));
		jclose(b, '}');
		g->assessments++;
	}
	jclose(b, ']');
	g->goals++;

	if (n_children) {
		rt_buf_addstr(b, "\"children\":[");
		for (int c = 0; c < n_children; c++) {
			int child = (*next_idx)++;
			gen_goal(g, b, board, child, -1, 0, next_idx);
		}
		jclose(b, ']');
	}
	jclose(b, '}');
}

/* ---- writing the region -------------------------------------------------- */

static void doc_head(const struct gen *g, rt_buf *b, bool first)
{
	rt_buf_addstr(b, "{\"format\":\"rodtrad-plans/1\","
	                 "\"source\":\"bench/gen_region: syntetisk region för prestandamätning\",");
	if (!first)
		return;
	rt_buf_addstr(b, "\"org_units\":[{\"key\":\"bench\",\"kind\":\"region\","
	                 "\"name\":\"Region Norrsund\",\"short_name\":\"RN\",\"children\":[");
	for (int i = 1; i <= g->n_boards; i++) {
		char key[32];
		snprintf(key, sizeof(key), "bench-b%02d", i % 100);
		rt_buf_addch(b, '{');
		jstr(b, "key", key);
		jstr(b, "kind", "board");
		jstr(b, "name", boards[(i - 1) % BASE_BOARDS]);
		jclose(b, '}');
	}
	jclose(b, ']');
	jclose(b, '}');
	rt_buf_setlen(b, b->len - 1);
	rt_buf_addstr(b, "],\"periods\":[");
	for (int m = 1; m <= N_PERIODS; m++)
		rt_buf_addf(b, "{\"key\":\"%d-M%02d\"}%s", g->year, m, m < N_PERIODS ? "," : "");
	rt_buf_addstr(b, "],");
}

/* The operational plan (verksamhetsplan) of board `board`: goal areas with
 * their goals under them, goals_per_board goal rows in all. */
static void gen_plan_doc(struct gen *g, rt_buf *b, int board)
{
	char key[48];
	int total = g->goals_per_board;
	int n_areas = total / 16 > 0 ? total / 16 : 1;
	int under = total - n_areas;
	doc_head(g, b, board == 1);
	rt_buf_addstr(b, "\"plans\":[{");
	snprintf(key, sizeof(key), "bench-b%02d-vp-%d", board % 100, g->year % 10000);
	jstr(b, "key", key);
	jstr(b, "kind", "operational_plan");
	snprintf(key, sizeof(key), "bench-b%02d", board % 100);
	jstr(b, "owner", key);
	jfmt(b, "title", "%s verksamhetsplan", boards[(board - 1) % BASE_BOARDS]);
	rt_buf_addf(b, "\"start_year\":%d,\"end_year\":%d,", g->year, g->year);
	jstr(b, "status", "decided");
	rt_buf_addstr(b, "\"goals\":[");
	int next = 0;
	for (int a = 0; a < n_areas; a++) {
		int idx = next++;
		int children = under / n_areas + (a < under % n_areas);
		gen_goal(g, b, board, idx, a, children, &next);
	}
	jclose(b, ']');
	jclose(b, '}');
	rt_buf_setlen(b, b->len - 1);
	rt_buf_addstr(b, "]}");
}

/* Activity states per month (aktiviteternas uppföljning): not started
 * before the start month, then ongoing (some delayed), done after six
 * months (a few cancelled). */
static int put_activity_states(struct gen *g, rt_store *s, const int64_t *period_ids,
                               rt_err *err)
{
	for (size_t i = 0; i < g->n_acts; i++) {
		int64_t id;
		int rc = rt_store_find_key(s, "activity", g->acts[i].key, &id, err);
		if (rc)
			return rc;
		int start = g->acts[i].start, fate = rng_below(100);
		for (int m = 1; m <= N_PERIODS; m++) {
			struct rt_activity_status as = { 0 };
			as.activity_id = id;
			as.period_id = period_ids[m - 1];
			const char *st = m < start ? states[0]
			               : m < start + 6 ? (fate < 10 ? states[3] : states[1])
			               : (fate < 3 ? states[4] : fate < 10 ? states[3] : states[2]);
			if ((rc = rt_activity_state_parse(st, &as.state, err)) != 0)
				return rc;
			if (as.state == RT_ACT_DELAYED)
				as.comment = (char *)"Försenad på grund av resursbrist; ny plan tas fram.";
			if ((rc = rt_store_activity_status_put(s, &as, err)) != 0)
				return rc;
			g->activity_states++;
		}
	}
	return 0;
}

static int gen_region(struct gen *g, rt_store *s, rt_err *err)
{
	int64_t period_ids[N_PERIODS];
	rt_buf doc = RT_BUF_INIT;
	int rc = 0;
	g->acts = calloc((size_t)g->goals_per_board * 3 + 1, sizeof(*g->acts));
	if (!g->acts)
		return rt_err_set(err, RT_EINTERNAL, NULL, "slut på minne");
	for (int board = 1; board <= g->n_boards && rc == 0; board++) {
		char name[32];
		snprintf(name, sizeof(name), "syntetisk nämnd %d", board);
		rt_buf_reset(&doc);
		g->n_acts = 0;
		gen_plan_doc(g, &doc, board);
		if ((rc = rt_store_begin(s, "bench", err)) != 0)
			break;
		rc = rt_import_json_in_tx(s, name, doc.buf, doc.len, NULL, err);
		for (int m = 1; m <= N_PERIODS && rc == 0 && board == 1; m++) {
			char key[16];
			snprintf(key, sizeof(key), "%d-M%02d", g->year % 10000, m);
			rc = rt_store_find_key(s, "period", key, &period_ids[m - 1], err);
		}
		if (rc == 0)
			rc = put_activity_states(g, s, period_ids, err);
		if (rc == 0)
			rc = rt_store_commit(s, err);
		else
			rt_store_rollback(s);
		if (isatty(2))
			fprintf(stderr, "\rgen_region: nämnd %d av %d", board, g->n_boards);
	}
	if (isatty(2))
		fputc('\n', stderr);
	rt_buf_release(&doc);
	free(g->acts);
	return rc;
}

static void usage(void)
{
	fputs("usage: gen_region [--scale S] [--seed N] [--year ÅR] [--force] DB\n"
	      "  Skapar en syntetisk region i DB: 25 nämnder, 2 000 mål, 20 000 mätetal,\n"
	      "  12 månadsperioder = 240 000 utfall (vid --scale 1). --scale 0.1 ger\n"
	      "  en tiondel av målen och mätetalen per nämnd. --force skriver över DB.\n",
	      stderr);
}

int main(int argc, char **argv)
{
	struct gen g = { .year = 2025, .n_boards = BASE_BOARDS };
	double scale = 1.0;
	uint64_t seed = 20250101;
	bool force = false;
	const char *db = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--scale") && i + 1 < argc)
			scale = strtod(argv[++i], NULL);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--year") && i + 1 < argc)
			g.year = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--force"))
			force = true;
		else if (argv[i][0] != '-' && !db)
			db = argv[i];
		else {
			usage();
			return 2;
		}
	}
	if (!db || !(scale > 0 && scale <= 10) || g.year < 1900 || g.year > 9999) {
		usage();
		return 2;
	}
	g.goals_per_board = (int)lround(BASE_GOALS_PER_BOARD * scale);
	if (g.goals_per_board < 2)
		g.goals_per_board = 2;
	rng_state = seed;

	if (access(db, F_OK) == 0) {
		if (!force) {
			fprintf(stderr, "gen_region: %s finns redan (använd --force)\n", db);
			return 1;
		}
		rt_buf side = RT_BUF_INIT;
		unlink(db);
		rt_buf_addf(&side, "%s-wal", db);
		unlink(side.buf);
		rt_buf_reset(&side);
		rt_buf_addf(&side, "%s-shm", db);
		unlink(side.buf);
		rt_buf_release(&side);
	}

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rt_err err = RT_ERR_INIT;
	rt_store *s;
	int rc = rt_store_open(&s, db, RT_STORE_OPEN_CREATE, &err);
	if (rc == 0) {
		rc = gen_region(&g, s, &err);
		rt_store_close(s);
	}
	if (rc) {
		fprintf(stderr, "gen_region: %s\n", err.msg);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr,
	        "gen_region: %s: %d nämnder, %ld mål, %ld mätetal, %ld utfall (+ %ld per kön), "
	        "%ld aktiviteter, "
	        "%ld bedömningar, %ld aktivitetslägen, perioder %d-M01–M%02d (%.1f s)\n",
	        db, g.n_boards, g.goals, g.indicators, g.outcomes, g.outcomes_gender, g.activities, g.assessments,
	        g.activity_states, g.year, N_PERIODS,
	        (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
