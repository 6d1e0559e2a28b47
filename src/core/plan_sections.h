/* The sections of an övergripande handlingsplan beyond goals and activities
 * (seed 000 §3): the introduction ("max en sida", checked as at most
 * RT_INTRO_MAX_CHARS characters), the perspective analyses of §3.4 as
 * checklists with the seed's own questions, and the definitions (ordlista,
 * §3.5). A plan cannot go "för beslut" until every checklist is answered
 * and every perspective the plan is not affected by is motivated ("Om
 * planen inte berörs av ovanstående - motivera varför"). Pure: no I/O. */
#ifndef RT_CORE_PLAN_SECTIONS_H
#define RT_CORE_PLAN_SECTIONS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/finding.h"
#include "core/plan.h"
#include "util/err.h"

/* About one A4 page of running text. */
#define RT_INTRO_MAX_CHARS 3500

enum rt_perspective {
	RT_PERSP_EQUALITY,      /* 3.4.1 Jämställdhets- och jämlikhetsperspektivet */
	RT_PERSP_CHILD,         /* 3.4.2 Barnens rätt (barnchecklista) */
	RT_PERSP_ENVIRONMENT,   /* 3.4.3 Miljö */
	RT_PERSP_ECONOMY,       /* 3.4.4 Ekonomi */
	RT_PERSP_REGIONAL,      /* 3.4.5 Regional utveckling ("Ej klar ännu") */
	RT_PERSP_COUNT
};

enum rt_answer { RT_ANSWER_NONE, RT_ANSWER_YES, RT_ANSWER_NO, RT_ANSWER_NA };

struct rt_perspective_def {
	const char *key;            /* "environment" */
	const char *number;         /* "3.4.3" */
	const char *title;          /* "Miljö" */
	const char *guidance;       /* the seed's instruction after the questions */
	const char *not_affected;   /* "Om planen inte har någon påverkan på miljön – motivera varför." */
	const char *const *questions;
	int n_questions;            /* 0 for Regional utveckling: only a motivation */
};

/* One answer: question 1..n of a perspective; question 0 holds the
 * perspective's motivation (answer NONE). */
struct rt_checklist_answer {
	int64_t id;
	int64_t plan_id;
	enum rt_perspective perspective;
	int question;
	enum rt_answer answer;
	char *motivation;           /* may be NULL */
};

/* One ordlista entry (§3.5). */
struct rt_plan_term {
	int64_t id;
	int64_t plan_id;
	int position;
	char *term;
	char *definition;
};

const struct rt_perspective_def *rt_perspective_def(enum rt_perspective p);
int rt_perspective_parse(const char *s, enum rt_perspective *out, rt_err *err);
const char *rt_answer_name(enum rt_answer a);    /* "yes", "no", "not_applicable" */
const char *rt_answer_label(enum rt_answer a);   /* "Ja", "Nej", "Ej aktuellt" */
/* Accepts the tokens and the Swedish words (ja, nej, ej aktuellt, ej-aktuellt). */
int rt_answer_parse(const char *s, enum rt_answer *out, rt_err *err);

/* Checks an answer row against the definitions (question in range). */
int rt_checklist_answer_check(const struct rt_checklist_answer *a, rt_err *err);

/* Length of a UTF-8 text in characters (not bytes). */
size_t rt_utf8_chars(const char *s);

/* A perspective is "not affected" when every question is answered and none
 * with Ja (and always for a perspective without questions). */
bool rt_perspective_not_affected(const struct rt_checklist_answer *a, size_t n,
                                 enum rt_perspective p);

/* Findings for the sections of one plan:
 *  - error "checklist_unanswered": a question of §3.4 without an answer
 *  - error "checklist_motivation": a perspective the plan is not affected by
 *    without a motivation
 *  - error "introduction_length": introduction over RT_INTRO_MAX_CHARS
 *  - warning "introduction_missing", error "term_blank", warning "term_duplicate".
 * Checklists are only required of action plans (övergripande handlingsplan). */
void rt_plan_sections_check(const struct rt_plan *plan, const struct rt_checklist_answer *a,
                            size_t n_a, const struct rt_plan_term *terms, size_t n_terms,
                            struct rt_findings *out);

/* May the plan move to `to`? Moving to "för beslut" needs no error from
 * rt_plan_sections_check (findings passed in); RT_ECONFLICT with the first
 * error's message otherwise. Also checks rt_plan_status_transition_ok. */
int rt_plan_sections_status_ok(const struct rt_plan *plan, enum rt_plan_status to,
                               const struct rt_findings *sections, rt_err *err);

#endif
