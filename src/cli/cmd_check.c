/* rodtrad check: a plan against the rules of the seeds (core/validate.h:
 * action plan title, activities per goal, at most three lifted goals, goal
 * chain links; core/budget_check.h: nettobudget sums). Exit 1 if any error. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/budget_check.h"
#include "core/validate.h"

static const char *const usage[] = {
	"rodtrad check PLAN_ID [--db SÖKVÄG]",
	"",
	"Granskar en plan mot reglerna i styrmodellen och skriver varje fynd som",
	"\"Fel: …\" eller \"Varning: …\" med vad det gäller. Exempel på regler: en",
	"övergripande handlingsplan heter \"Övergripande handlingsplan för <ämne> <ÅR>\",",
	"varje mål i den har minst en aktivitet, högst tre mål lyfts till",
	"verksamhetsplanen, och målkedjan pekar bara uppåt mot en högre plan.",
	"",
	"Slutstatus 0 om inga fel hittades (varningar får finnas), 1 om något fel",
	"hittades. PLAN_ID är planens id (ett heltal) eller dess nyckel.",
	NULL,
};

static const char *goal_title(const struct rt_plan_doc *doc, const struct rt_goal_ref *refs,
                              size_t n_refs, int64_t id)
{
	const struct rt_goal *g = rt_doc_goal(doc, id);
	if (g)
		return g->title;
	for (size_t i = 0; i < n_refs; i++)
		if (refs[i].goal_id == id)
			return refs[i].title;
	return NULL;
}

/* "mål 12 «Sänka sjukfrånvaron …»": what a finding is about. */
static void concerns(rt_buf *b, const struct rt_plan_doc *doc, const struct rt_goal_ref *refs,
                     size_t n_refs, const struct rt_finding *f)
{
	const char *e = f->entity ? f->entity : "";
	const char *name = NULL;
	if (!strcmp(e, "plan")) {
		rt_buf_addf(b, "planen «%s»", doc->plan.title);
		return;
	}
	if (!strcmp(e, "goal")) {
		rt_buf_addf(b, "mål %lld", (long long)f->entity_id);
		name = goal_title(doc, refs, n_refs, f->entity_id);
	} else if (!strcmp(e, "indicator")) {
		rt_buf_addf(b, "indikator %lld", (long long)f->entity_id);
		const struct rt_indicator *ind = rt_doc_indicator(doc, f->entity_id);
		name = ind ? ind->name : NULL;
	} else if (!strcmp(e, "activity")) {
		rt_buf_addf(b, "aktivitet %lld", (long long)f->entity_id);
		for (size_t i = 0; i < doc->n_activities; i++)
			if (doc->activities[i].id == f->entity_id)
				name = doc->activities[i].title;
	} else if (!strcmp(e, "budget") || !strcmp(e, "budget_line")) {
		rt_buf_addf(b, "budgetrad %lld", (long long)f->entity_id);
		for (size_t i = 0; i < doc->n_budget; i++)
			if (doc->budget[i].id == f->entity_id && doc->budget[i].label)
				rt_buf_addf(b, " «%s %d»", doc->budget[i].label, doc->budget[i].year);
	} else {
		rt_buf_addf(b, "%s %lld", e, (long long)f->entity_id);
	}
	if (name)
		rt_buf_addf(b, " «%s»", name);
}

static bool has_rule(const struct rt_findings *fs, const char *rule)
{
	for (size_t i = 0; i < fs->n; i++)
		if (fs->items[i].rule && !strcmp(fs->items[i].rule, rule))
			return true;
	return false;
}

int cmd_check(int argc, char **argv)
{
	const char *db = NULL;
	const struct rt_cli_opt opts[] = { RT_CLI_OPT_DB(&db), RT_CLI_OPT_END };
	const struct rt_cli_spec spec = { "check", usage, opts, 1, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	rt_store *s;
	int64_t id;
	if ((rc = rt_cli_open_resolved(db, args.pos[0], rt_cli_plan_id, &s, &id)) != 0)
		return rc;
	rt_err err = RT_ERR_INIT;
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan_doc doc;
	struct rt_goal_ref *refs = NULL;
	size_t n_refs = 0;
	struct rt_findings fs = RT_FINDINGS_INIT;
	rt_plan_doc_init(&doc);
	if (rt_store_plan_load(s, id, &doc, &err) != 0 ||
	    rt_store_goal_refs(s, &a, &refs, &n_refs, &err) != 0) {
		rc = rt_cli_fail(&err);
		goto out;
	}
	rt_validate_plan(&doc, refs, n_refs, &fs);
	/* validate may or may not include the budget sums; never report twice */
	if (!has_rule(&fs, "budget_net_sum"))
		rt_budget_check(doc.budget, doc.n_budget, &fs);

	printf("Granskning av plan %lld: %s\n\n", (long long)doc.plan.id, doc.plan.title);
	size_t n_err = rt_findings_errors(&fs), n_warn = fs.n - n_err;
	/* errors first, each group in the order core found them */
	for (int pass = 0; pass < 2; pass++) {
		enum rt_severity want = pass == 0 ? RT_SEV_ERROR : RT_SEV_WARNING;
		for (size_t i = 0; i < fs.n; i++) {
			const struct rt_finding *f = &fs.items[i];
			if (f->severity != want)
				continue;
			rt_buf label = RT_BUF_INIT, about = RT_BUF_INIT;
			rt_buf_addf(&label, "%s: ", rt_severity_label(f->severity));
			rt_cli_wrap(stdout, 0, label.buf, f->message, 100);
			concerns(&about, &doc, refs, n_refs, f);
			rt_buf pad = RT_BUF_INIT;
			rt_cli_pad(&pad, "", rt_cli_width(label.buf));
			rt_buf_addstr(&pad, "Gäller: ");
			rt_cli_wrap(stdout, 0, pad.buf, about.buf, 100);
			rt_buf_release(&label);
			rt_buf_release(&about);
			rt_buf_release(&pad);
		}
	}
	if (fs.n)
		putchar('\n');
	if (n_err == 0 && n_warn == 0)
		printf("Inga fel hittades.\n");
	else if (n_err == 0)
		printf("Inga fel hittades (%zu %s).\n", n_warn, n_warn == 1 ? "varning" : "varningar");
	else
		printf("%zu fel och %zu %s.\n", n_err, n_warn, n_warn == 1 ? "varning" : "varningar");
	rc = n_err ? RT_EXIT_FAIL : RT_EXIT_OK;
out:
	rt_findings_release(&fs);
	rt_plan_doc_release(&doc);
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}
