/* Validation of one plan against the rules of the seeds (see validate.h):
 * seed 000's rules for övergripande handlingsplaner (title, activities per
 * goal, at most three lifted goals, case number), field checks of every
 * entity, targets that fit their indicator, budget sums and the goal chain.
 * Findings come in document order: the plan, then each goal followed by
 * its indicators and activities, then budget and chain. Pure: no I/O. */
#include "core/validate.h"
#include "core/budget_check.h"
#include "util/buf.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Seed 000 §3.2: "De mål (max 2-3 stycken) i handlingsplanen …". */
#define RT_MAX_LIFTED 3

#define RULE_TITLE "Rutinen för övergripande handlingsplaner (§2.4) säger: \"För samtliga " \
	"övergripande handlingsplaner gäller att de ska döpas enligt följande; Övergripande " \
	"handlingsplan för xxxx ÅR.\""

/* ---- action plan title --------------------------------------------------- */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool is_space(const char *s) { return *s == ' ' || *s == '\t'; }

static int year4(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (!is_digit(s[i])) return -1;
	return atoi(s);
}

/* Splits "<ämne> <ÅR>" where ÅR is "2024", "2017-2021" or "2017–2021" (en
 * dash, spaces around the dash allowed). Returns the length of the subject
 * (trailing spaces dropped) or -1 when there is no year at the end. */
static long split_subject_year(const char *s, int *from, int *to)
{
	size_t len = strlen(s);
	while (len && is_space(s + len - 1)) len--;
	if (len < 4) return -1;
	size_t y2 = len - 4;
	int b = year4(s + y2);
	if (b < 0 || (y2 > 0 && is_digit(s[y2 - 1]))) return -1;
	size_t p = y2;
	while (p && is_space(s + p - 1)) p--;
	size_t dash = 0;
	if (p >= 1 && s[p - 1] == '-') dash = 1;
	else if (p >= 3 && !memcmp(s + p - 3, "\xe2\x80\x93", 3)) dash = 3;
	size_t end = y2;
	if (dash) {
		size_t q = p - dash;
		while (q && is_space(s + q - 1)) q--;
		if (q >= 4 && year4(s + q - 4) >= 0 && (q == 4 || !is_digit(s[q - 5]))) {
			*from = year4(s + q - 4);
			*to = b;
			end = q - 4;
		} else {
			return -1;   /* "ämne -2024" or "ämne 21-2024" */
		}
	} else {
		*from = *to = b;
	}
	/* the year must be its own word */
	if (end > 0 && !is_space(s + end - 1)) return -1;
	while (end && is_space(s + end - 1)) end--;
	return (long)end;
}

void rt_validate_action_plan_title(const struct rt_plan *p, struct rt_findings *out)
{
	if (p->kind != RT_PLAN_ACTION) return;
	static const char prefix[] = "Övergripande handlingsplan för ";
	const char *t = p->title ? p->title : "";
	while (is_space(t)) t++;
	bool ok = false;
	int from = 0, to = 0;
	/* Exactly the seed's wording; a lower-case first letter is accepted. */
	const char *rest = NULL;
	if (!strncmp(t, prefix, sizeof(prefix) - 1)) rest = t + sizeof(prefix) - 1;
	else if (!strncmp(t, "ö", 2) && !strncmp(t + 2, prefix + 2, sizeof(prefix) - 3))
		rest = t + sizeof(prefix) - 1;
	if (rest) {
		while (is_space(rest)) rest++;
		long subject = split_subject_year(rest, &from, &to);
		ok = subject > 0 && from <= to;
	}
	if (!ok) {
		rt_findings_add(out, RT_SEV_ERROR, "action_plan_title", "plan", p->id,
		                "Titeln \"%.200s\" följer inte mönstret \"Övergripande handlingsplan "
		                "för <ämne> <ÅR>\", t.ex. \"Övergripande handlingsplan för "
		                "jämställdhet 2025\". %s",
		                p->title ? p->title : "", RULE_TITLE);
		return;
	}
	if (from < p->start_year || from > p->end_year)
		rt_findings_add(out, RT_SEV_WARNING, "action_plan_title_year", "plan", p->id,
		                "Året i titeln (%d) ligger utanför planens giltighetstid %d–%d",
		                from, p->start_year, p->end_year);
}

/* ---- goals, indicators, activities ---------------------------------------- */

/* Is goal `id` or one of its sub-goals the goal of some activity? Sub-goals
 * count: a goal broken into sub-goals with activities has activities. */
static bool has_activity(const struct rt_plan_doc *doc, int64_t id, int depth)
{
	for (size_t i = 0; i < doc->n_activities; i++)
		if (doc->activities[i].goal_id == id) return true;
	if (depth > 32) return false;   /* a parent cycle: stop, the tree is broken */
	for (size_t i = 0; i < doc->n_goals; i++)
		if (doc->goals[i].parent_id == id && doc->goals[i].id != id &&
		    has_activity(doc, doc->goals[i].id, depth + 1))
			return true;
	return false;
}

static void check_indicator(const struct rt_plan_doc *doc, const struct rt_indicator *ind,
                            struct rt_findings *out)
{
	rt_err err = RT_ERR_INIT;
	if (rt_indicator_check(ind, &err) != 0)
		rt_findings_add(out, RT_SEV_ERROR, "indicator_fields", "indicator", ind->id, "%s",
		                err.msg);
	size_t n_targets = 0;
	for (size_t i = 0; i < doc->n_targets; i++) {
		const struct rt_target *t = &doc->targets[i];
		if (t->indicator_id != ind->id) continue;
		n_targets++;
		rt_err_clear(&err);
		if (rt_target_check(ind, t, &err) != 0)
			rt_findings_add(out, RT_SEV_ERROR, "target_kind", "indicator", ind->id, "%s",
			                err.msg);
	}
	if (!n_targets)
		rt_findings_add(out, RT_SEV_WARNING, "indicator_no_target", "indicator", ind->id,
		                "Indikatorn saknar målvärde: ange vilken nivå som ska nås och när");
}

static void check_activity(const struct rt_activity *a, struct rt_findings *out)
{
	rt_err err = RT_ERR_INIT;
	if (rt_activity_check(a, &err) != 0)
		rt_findings_add(out, RT_SEV_ERROR, "activity_fields", "activity", a->id, "%s", err.msg);
}

static void check_goal(const struct rt_plan_doc *doc, const struct rt_goal *g,
                       struct rt_findings *out)
{
	bool action = doc->plan.kind == RT_PLAN_ACTION;
	if (g->lifted && !action)
		rt_findings_add(out, RT_SEV_WARNING, "lifted_not_action_plan", "goal", g->id,
		                "Målet är markerat som lyft, men bara mål i en övergripande "
		                "handlingsplan lyfts till verksamhetsplanen");
	if (action && g->kind == RT_GOAL_GOAL && !has_activity(doc, g->id, 0))
		rt_findings_add(out, RT_SEV_ERROR, "action_plan_goal_activity", "goal", g->id,
		                "Målet saknar aktiviteter. Rutinen för övergripande handlingsplaner "
		                "(§3.2) säger: \"För varje mål ska det finnas aktiviteter.\"");
	for (size_t i = 0; i < doc->n_indicators; i++)
		if (doc->indicators[i].goal_id == g->id)
			check_indicator(doc, &doc->indicators[i], out);
	for (size_t i = 0; i < doc->n_activities; i++)
		if (doc->activities[i].goal_id == g->id)
			check_activity(&doc->activities[i], out);
}

/* ---- the plan ---------------------------------------------------------------- */

static void check_plan(const struct rt_plan_doc *doc, struct rt_findings *out)
{
	const struct rt_plan *p = &doc->plan;
	rt_err err = RT_ERR_INIT;
	if (rt_plan_check_fields(p, &err) != 0)
		rt_findings_add(out, RT_SEV_ERROR, "plan_fields", "plan", p->id, "%s", err.msg);
	if (p->kind != RT_PLAN_ACTION) return;
	rt_validate_action_plan_title(p, out);
	if (!p->case_number || !*p->case_number)
		rt_findings_add(out, RT_SEV_WARNING, "case_number_missing", "plan", p->id,
		                "Planen saknar diarienummer. Rutinen för övergripande handlingsplaner "
		                "(§2.4) säger att det inför arbetet med varje handlingsplan ska "
		                "läggas upp ett diarienummer");
	size_t lifted = 0;
	for (size_t i = 0; i < doc->n_goals; i++)
		if (doc->goals[i].lifted) lifted++;
	if (lifted > RT_MAX_LIFTED)
		rt_findings_add(out, RT_SEV_ERROR, "action_plan_lifted_max", "plan", p->id,
		                "%zu mål är markerade att lyftas till verksamhetsplanen, men högst %d "
		                "får lyftas. Rutinen (§3.2) säger: \"De mål (max 2-3 stycken) i "
		                "handlingsplanen som ska genomföras under det år som … "
		                "verksamhetsplan omfattar ska lyftas in direkt i regiondirektörens "
		                "alternativt berörd förvaltningschefs verksamhetsplan.\"",
		                lifted, RT_MAX_LIFTED);
}

void rt_validate_plan(const struct rt_plan_doc *doc, const struct rt_goal_ref *refs,
                      size_t n_refs, struct rt_findings *out)
{
	check_plan(doc, out);
	for (size_t i = 0; i < doc->n_goals; i++)
		check_goal(doc, &doc->goals[i], out);
	/* Rows whose goal is not in the document still get their own checks. */
	for (size_t i = 0; i < doc->n_indicators; i++)
		if (!rt_doc_goal(doc, doc->indicators[i].goal_id))
			check_indicator(doc, &doc->indicators[i], out);
	for (size_t i = 0; i < doc->n_activities; i++)
		if (!rt_doc_goal(doc, doc->activities[i].goal_id))
			check_activity(&doc->activities[i], out);
	rt_budget_check(doc->budget, doc->n_budget, out);
	/* The chain is checked for this plan's goals only; a plan that has no
	 * id yet (not stored) cannot be told apart in refs, so it is skipped. */
	if (refs && n_refs && doc->plan.id != 0)
		rt_chain_check(refs, n_refs, doc->plan.id, out);
}
