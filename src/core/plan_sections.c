/* Plan sections of seed 000 §3: the §3.4 checklists with the seed's exact
 * questions, the introduction length and the ordlista; see plan_sections.h.
 * The question texts are copied from the seed character for character
 * (including its spacing "jämställdhets - och"), so that a reader can find
 * them in the routine. Pure: no I/O. */
#include "core/plan_sections.h"
#include "core/enums.h"
#include "util/text.h"

#include <string.h>
#include <strings.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const q_equality[] = {
	"Innebär uppsatta mål och aktiviteter att hänsyn tas till att målgruppen består av "
	"personer med olika kön, utbildningsnivå, socioekonomi, funktionsnedsättning, sexuell "
	"läggning eller annat?",
	"Finns krav på könsuppdelad statistik i uppsatta mål, aktiviteter och vid uppföljning?",
	"Finns jämställdhets - och jämlikhetsperspektivet med i uppsatta mål och aktiviteter?",
	"Finns uttalat/beslutat område att kartlägga ur ett jämställdhets - och "
	"jämlikhetsperspektiv?",
};

static const char *const q_child[] = {
	"Innebär uppsatta mål och aktiviteter i handlingsplanen att barns och ungdomars bästa "
	"sätts i första rummet?",
	"Innebär uppsatta mål och aktiviteter i handlingsplanen att barns och ungdomars sociala, "
	"ekonomiska och kulturella rättigheter beaktas?",
	"Innebär mål och aktiviteter i handlingsplanen att barns och ungdomars rätt till en god "
	"hälsa och utveckling beaktas?",
	"Har barn och ungdom fått möjlighet att uttrycka sin mening?",
	"Har särskild hänsyn tagits till fysiskt och psykiskt handikappade barns och ungdomars "
	"behov?",
};

static const char *const q_environment[] = {
	"medför mål och aktiviteter en ökning av mängden material regionen använder ?",
	"medför mål och aktiviteter en ökning av mängden avfall som uppkommer ?",
	"medför mål och aktiviteter utsläpp av klimatpåverkande gaser (t.ex. koldioxid, "
	"metangas, lustgas) ?",
	"medför mål och aktiviteter anskaffning/hantering av kemikalier eller produkter som kan "
	"innehålla skadliga kemikalier/ämnen ?",
	"medför mål och aktiviteter ett ökat behov av energianvändning ?",
	"medför mål och aktiviteter ökat behov av transporter ?",
	"medför mål och aktiviteter utsläpp eller risk för utsläpp av skadliga ämnen till "
	"avlopp, mark eller vatten ?",
	"uppfyller handlingsplanen det förhållningssätt som beskrivs i miljöpolicyen?",
	"finns ett behov av att ställa särskilda krav på leverantörer/underleverantörer ?",
};

static const char *const q_economy[] = {
	"Vilka konsekvenser får handlingsplanen för ekonomin (resultatpåverkan)?",
	"Medför handlingsplanen att kostnaden ryms inom befintlig ram?",
	"Medför handlingsplanen att annan verksamhet måste skäras ner/förändras för att utrymme "
	"ska finnas i ram?",
	"Medför handlingsplanen att finansiering kan ske med egna medel eller måste upplåning "
	"ske och i så fall till vilken beräknad upplåningskostnad?",
};

static const struct rt_perspective_def defs[RT_PERSP_COUNT] = {
	{ "equality", "3.4.1", "Jämställdhets- och jämlikhetsperspektivet",
	  "Om svaret är nej på ovanstående frågor - arbeta in perspektivet/ta hänsyn till "
	  "ovanstående om så är möjligt. Om det bedöms som ej möjligt - kontakta mångfaldsstrateg "
	  "eller personalstrateg med ansvar för jämställdhet och mångfald.",
	  "Om planen inte berörs av ovanstående - motivera varför.",
	  q_equality, (int)COUNT(q_equality) },
	{ "child_rights", "3.4.2", "Barnens rätt",
	  "Barnchecklista för Region Jämtland Härjedalen. Om svaret är nej på ovanstående frågor "
	  "- arbeta in perspektivet/ta hänsyn till ovanstående om så är möjligt. Om det bedöms "
	  "som ej möjligt – kontakta utvecklingsstrateg för barnkonventionen .",
	  "Om planen inte berörs av ovanstående - motivera varför.",
	  q_child, (int)COUNT(q_child) },
	{ "environment", "3.4.3", "Miljö",
	  "Om handlingsplanens mål och aktiviteter bedöms få negativ miljöpåverkan – beakta "
	  "regionens åtagande att arbeta med ständiga förbättringar inom miljöområdet och ta med "
	  "miljöperspektivet i handlingsplanen utifrån ovan. Om det bedöms som ej möjligt – "
	  "kontakta miljöstrateg.",
	  "Om planen inte har någon påverkan på miljön – motivera varför.",
	  q_environment, (int)COUNT(q_environment) },
	{ "economy", "3.4.4", "Ekonomi",
	  "Bifoga gjorda beräkningar. Ta alltid hjälp av en ekonom för att beräkna de ekonomiska "
	  "konsekvenserna.",
	  "Om handlingsplanen inte får några konsekvenser på ekonomin – motivera varför.",
	  q_economy, (int)COUNT(q_economy) },
	/* The seed says only "Ej klar ännu": no questions, the analysis is a text. */
	{ "regional_development", "3.4.5", "Regional utveckling",
	  "Ej klar ännu.",
	  "Beskriv hur handlingsplanen förhåller sig till den regionala utvecklingen, eller "
	  "motivera varför den inte berörs.",
	  NULL, 0 },
};

const struct rt_perspective_def *rt_perspective_def(enum rt_perspective p)
{
	return (int)p >= 0 && p < RT_PERSP_COUNT ? &defs[p] : NULL;
}

int rt_perspective_parse(const char *s, enum rt_perspective *out, rt_err *err)
{
	static const char *const keys[] = {
		"equality", "child_rights", "environment", "economy", "regional_development",
	};
	int v;
	int rc = rt_enum_parse(keys, COUNT(keys), s, &v, "perspective", "perspektivnyckel", err);
	if (rc == 0 && out) *out = (enum rt_perspective)v;
	return rc;
}

static const char *const answer_names[] = { "", "yes", "no", "not_applicable" };
static const char *const answer_labels[] = { "Ej besvarad", "Ja", "Nej", "Ej aktuellt" };

const char *rt_answer_name(enum rt_answer a)
{
	return rt_enum_name(answer_names, COUNT(answer_names), (int)a);
}

const char *rt_answer_label(enum rt_answer a)
{
	return rt_enum_name(answer_labels, COUNT(answer_labels), (int)a);
}

int rt_answer_parse(const char *s, enum rt_answer *out, rt_err *err)
{
	static const char *const sv[] = { NULL, "ja", "nej", "ej aktuellt" };
	const char *t = s ? s : "";
	for (int i = 1; i < (int)COUNT(sv); i++) {
		if (!strcasecmp(t, sv[i]) || !strcasecmp(t, answer_names[i]) ||
		    (i == RT_ANSWER_NA && !strcasecmp(t, "ej-aktuellt"))) {
			if (out) *out = (enum rt_answer)i;
			return 0;
		}
	}
	return rt_err_set(err, RT_EINVAL, "answer",
	                  "Okänt svar '%.40s'. Giltiga värden: ja, nej, ej aktuellt", t);
}

int rt_checklist_answer_check(const struct rt_checklist_answer *a, rt_err *err)
{
	const struct rt_perspective_def *d = rt_perspective_def(a->perspective);
	if (!d)
		return rt_err_set(err, RT_EINVAL, "perspective", "Okänt perspektiv");
	if (a->question < 0 || a->question > d->n_questions)
		return rt_err_set(err, RT_EINVAL, "question",
		                  "%s %s har %d frågor; fråga %d finns inte", d->number, d->title,
		                  d->n_questions, a->question);
	if (a->question > 0 && a->answer == RT_ANSWER_NONE)
		return rt_err_set(err, RT_EINVAL, "answer", "Svaret ska vara ja, nej eller ej aktuellt");
	return 0;
}

size_t rt_utf8_chars(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
		if ((*p & 0xC0) != 0x80) n++;
	return n;
}

static const struct rt_checklist_answer *find(const struct rt_checklist_answer *a, size_t n,
                                              enum rt_perspective p, int q)
{
	for (size_t i = 0; i < n; i++)
		if (a[i].perspective == p && a[i].question == q) return &a[i];
	return NULL;
}

bool rt_perspective_not_affected(const struct rt_checklist_answer *a, size_t n,
                                 enum rt_perspective p)
{
	const struct rt_perspective_def *d = rt_perspective_def(p);
	for (int q = 1; q <= d->n_questions; q++) {
		const struct rt_checklist_answer *x = find(a, n, p, q);
		if (!x || x->answer == RT_ANSWER_NONE || x->answer == RT_ANSWER_YES) return false;
	}
	return true;
}

static void check_checklists(const struct rt_plan *plan, const struct rt_checklist_answer *a,
                             size_t n, struct rt_findings *out)
{
	for (int p = 0; p < RT_PERSP_COUNT; p++) {
		const struct rt_perspective_def *d = &defs[p];
		int open = 0, first = 0;
		for (int q = 1; q <= d->n_questions; q++) {
			const struct rt_checklist_answer *x = find(a, n, (enum rt_perspective)p, q);
			if (x && x->answer != RT_ANSWER_NONE) continue;
			if (!open) first = q;
			open++;
		}
		if (open) {
			rt_findings_add(out, RT_SEV_ERROR, "checklist_unanswered", "plan", plan->id,
			                "Avsnitt 4: %s %s har %d obesvarade frågor (första: fråga %d "
			                "\"%s\"). Planen kan inte gå till beslut förrän alla frågor "
			                "är besvarade.", d->number, d->title, open, first,
			                d->questions[first - 1]);
			continue;
		}
		if (!rt_perspective_not_affected(a, n, (enum rt_perspective)p)) continue;
		const struct rt_checklist_answer *m = find(a, n, (enum rt_perspective)p, 0);
		if (!m || rt_str_blank(m->motivation))
			rt_findings_add(out, RT_SEV_ERROR, "checklist_motivation", "plan", plan->id,
			                "Avsnitt 4: %s %s – planen bedöms inte beröras men motivering "
			                "saknas. %s", d->number, d->title, d->not_affected);
	}
}

void rt_plan_sections_check(const struct rt_plan *plan, const struct rt_checklist_answer *a,
                            size_t n_a, const struct rt_plan_term *terms, size_t n_terms,
                            struct rt_findings *out)
{
	size_t chars = rt_utf8_chars(plan->introduction);
	if (rt_str_blank(plan->introduction))
		rt_findings_add(out, RT_SEV_WARNING, "introduction_missing", "plan", plan->id,
		                "Avsnitt 1 Inledning saknas: den ska beskriva syfte och innehåll, "
		                "ansvariga för genomförande och tidplan");
	else if (chars > RT_INTRO_MAX_CHARS)
		rt_findings_add(out, RT_SEV_ERROR, "introduction_length", "plan", plan->id,
		                "Avsnitt 1 Inledning är %zu tecken; den ska vara max en sida "
		                "(högst %d tecken)", chars, RT_INTRO_MAX_CHARS);
	if (plan->kind == RT_PLAN_ACTION)
		check_checklists(plan, a, n_a, out);
	for (size_t i = 0; i < n_terms; i++) {
		if (rt_str_blank(terms[i].term) || rt_str_blank(terms[i].definition)) {
			rt_findings_add(out, RT_SEV_ERROR, "term_blank", "plan_term", terms[i].id,
			                "Avsnitt 5 Definitioner: varje begrepp behöver både ord och "
			                "förklaring");
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (terms[j].term && !strcasecmp(terms[j].term, terms[i].term)) {
				rt_findings_add(out, RT_SEV_WARNING, "term_duplicate", "plan_term",
				                terms[i].id, "Avsnitt 5 Definitioner: '%s' står två gånger",
				                terms[i].term);
				break;
			}
	}
}

int rt_plan_sections_status_ok(const struct rt_plan *plan, enum rt_plan_status to,
                               const struct rt_findings *sections, rt_err *err)
{
	if (!rt_plan_status_transition_ok(plan->status, to))
		return rt_err_set(err, RT_ESTATE, "status", "En plan som är '%s' kan inte bli '%s'",
		                  rt_plan_status_label(plan->status), rt_plan_status_label(to));
	if (to != RT_PLAN_FOR_DECISION) return 0;
	for (size_t i = 0; sections && i < sections->n; i++)
		if (sections->items[i].severity == RT_SEV_ERROR)
			return rt_err_set(err, RT_ECONFLICT, "status", "Planen kan inte gå till beslut: %s",
			                  sections->items[i].message);
	return 0;
}
