/* rodtrad plan checklist / plan status: the perspective analyses of seed
 * 000 §3.4 as checklists with the seed's questions, answered ja / nej / ej
 * aktuellt, with a motivation when the plan is not affected; and the plan's
 * status, which cannot become "för beslut" until every checklist is
 * answered (core/plan_sections.h decides, the store refuses). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char *const usage[] = {
	"rodtrad plan checklist PLAN_ID [--db SÖKVÄG]",
	"rodtrad plan checklist PLAN_ID answer PERSPEKTIV FRÅGA SVAR [--db SÖKVÄG]",
	"rodtrad plan checklist PLAN_ID motivate PERSPEKTIV TEXT [--db SÖKVÄG]",
	"rodtrad plan status PLAN_ID STATUS [--db SÖKVÄG]",
	"",
	"plan checklist   visar avsnitt 4: frågorna per perspektiv med svar, och vad",
	"                 som saknas innan planen kan gå till beslut",
	"  answer         besvarar fråga FRÅGA (1, 2, …) med ja, nej eller 'ej aktuellt'",
	"  motivate       motiverar varför planen inte berörs av perspektivet",
	"plan status      byter status: draft, for_decision, decided, archived",
	"",
	"PERSPEKTIV: equality (jämställdhet och jämlikhet), child_rights (barnens rätt),",
	"environment (miljö), economy (ekonomi), regional_development (regional utveckling).",
	NULL,
};

static void show(rt_store *s, int64_t plan_id, const struct rt_plan *p)
{
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_checklist_answer *ans = NULL;
	struct rt_plan_term *terms = NULL;
	size_t na = 0, nt = 0;
	if (rt_store_plan_sections_load(s, &a, plan_id, &ans, &na, &terms, &nt, &err) != 0) {
		rt_cli_fail(&err);
		rt_arena_release(&a);
		return;
	}
	printf("%s\nAvsnitt 4 – särskilda perspektiv\n", p->title);
	for (int k = 0; k < RT_PERSP_COUNT; k++) {
		const struct rt_perspective_def *d = rt_perspective_def((enum rt_perspective)k);
		printf("\n%s %s (%s)\n", d->number, d->title, d->key);
		const char *motivation = NULL;
		for (size_t i = 0; i < na; i++)
			if ((int)ans[i].perspective == k && ans[i].question == 0)
				motivation = ans[i].motivation;
		for (int q = 1; q <= d->n_questions; q++) {
			enum rt_answer x = RT_ANSWER_NONE;
			for (size_t i = 0; i < na; i++)
				if ((int)ans[i].perspective == k && ans[i].question == q) x = ans[i].answer;
			printf("  %d. [%s] %s\n", q, rt_answer_label(x), d->questions[q - 1]);
		}
		printf("  Motivering: %s\n", motivation ? motivation : "–");
	}
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_plan_sections_check(p, ans, na, terms, nt, &f);
	printf(f.n ? "\nAtt åtgärda innan planen kan gå till beslut:\n"
	           : "\nAlla frågor är besvarade; planen kan gå till beslut.\n");
	for (size_t i = 0; i < f.n; i++)
		printf("  %s: %s\n", rt_severity_label(f.items[i].severity), f.items[i].message);
	rt_findings_release(&f);
	rt_arena_release(&a);
}

/* Writes one answer row (question 0: the motivation). */
static int write_answer(rt_store *s, struct rt_checklist_answer *x)
{
	rt_err err = RT_ERR_INIT;
	rt_arena a = RT_ARENA_INIT;
	struct rt_checklist_answer *ans;
	struct rt_plan_term *terms;
	size_t na, nt;
	/* Keep what the row already has (answer or motivation). */
	if (rt_store_plan_sections_load(s, &a, x->plan_id, &ans, &na, &terms, &nt, &err) == 0)
		for (size_t i = 0; i < na; i++)
			if (ans[i].perspective == x->perspective && ans[i].question == x->question) {
				x->id = ans[i].id;
				if (!x->motivation) x->motivation = ans[i].motivation;
			}
	int rc = 0;
	if (rt_store_begin(s, rt_cli_actor(), &err) != 0 || rt_store_checklist_put(s, x, &err) != 0 ||
	    rt_store_commit(s, &err) != 0) {
		rt_store_rollback(s);
		rc = rt_cli_fail(&err);
	}
	rt_arena_release(&a);
	return rc;
}

int cmd_plan_checklist(int argc, char **argv)
{
	const char *db = NULL;
	const struct rt_cli_opt opts[] = { RT_CLI_OPT_DB(&db), RT_CLI_OPT_END };
	const struct rt_cli_spec spec = { "plan checklist", usage, opts, 1, 5 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc)) return rc;
	rt_err err = RT_ERR_INIT;
	struct rt_checklist_answer x = { 0, 0, RT_PERSP_EQUALITY, 0, RT_ANSWER_NONE, NULL };
	const char *sub = args.n > 1 ? args.pos[1] : NULL;
	if (sub && strcmp(sub, "answer") && strcmp(sub, "motivate"))
		return rt_cli_usage_error(&spec, "okänt underkommando '%s'; ange answer eller motivate",
		                          sub);
	if (sub && args.n != (!strcmp(sub, "answer") ? 5 : 4))
		return rt_cli_usage_error(&spec, "fel antal argument till '%s'", sub);
	if (sub && rt_perspective_parse(args.pos[2], &x.perspective, &err) != 0)
		return rt_cli_fail(&err);
	if (sub && !strcmp(sub, "answer")) {
		char *end;
		long q = strtol(args.pos[3], &end, 10);
		if (*end || q < 1) return rt_cli_failf("ogiltigt frågenummer '%s'", args.pos[3]);
		x.question = (int)q;
		if (rt_answer_parse(args.pos[4], &x.answer, &err) != 0) return rt_cli_fail(&err);
	} else if (sub) {
		x.motivation = (char *)args.pos[3];
	}
	rt_store *s;
	if ((rc = rt_cli_open_resolved(db, args.pos[0], rt_cli_plan_id, &s, &x.plan_id)) != 0)
		return rc;
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan p;
	if (rt_store_plan_get(s, &a, x.plan_id, &p, &err) != 0) {
		rc = rt_cli_fail(&err);
	} else if (!sub) {
		show(s, x.plan_id, &p);
	} else if ((rc = write_answer(s, &x)) == 0) {
		const struct rt_perspective_def *d = rt_perspective_def(x.perspective);
		if (x.question)
			printf("%s %s fråga %d: %s.\n", d->number, d->title, x.question,
			       rt_answer_label(x.answer));
		else
			printf("%s %s: motiveringen är sparad.\n", d->number, d->title);
	}
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}

int cmd_plan_status(int argc, char **argv)
{
	const char *db = NULL;
	const struct rt_cli_opt opts[] = { RT_CLI_OPT_DB(&db), RT_CLI_OPT_END };
	const struct rt_cli_spec spec = { "plan status", usage, opts, 2, 2 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc)) return rc;
	rt_err err = RT_ERR_INIT;
	enum rt_plan_status to;
	if (rt_plan_status_parse(args.pos[1], &to, &err) != 0) return rt_cli_fail(&err);
	rt_store *s;
	int64_t id;
	if ((rc = rt_cli_open_resolved(db, args.pos[0], rt_cli_plan_id, &s, &id)) != 0) return rc;
	if (rt_store_begin(s, rt_cli_actor(), &err) != 0 ||
	    rt_store_plan_status_set(s, id, to, &err) != 0 || rt_store_commit(s, &err) != 0) {
		rt_store_rollback(s);
		rc = rt_cli_fail(&err);
	} else {
		printf("Planen har nu status '%s'.\n", rt_plan_status_label(to));
	}
	rt_store_close(s);
	return rc;
}
