/* Terminal rendering of plan documents (see print_plan.h). Everything shown
 * is the text as written in the plan ("≤ 4,7 %"), never a recomputed value;
 * statuses are shown with symbol and words, never the symbol alone. */
#include "cli/print_plan.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char *const month_names[] = {
	"januari", "februari", "mars", "april", "maj", "juni",
	"juli", "augusti", "september", "oktober", "november", "december",
};

int rt_print_ctx_load(rt_store *s, rt_arena *a, struct rt_print_ctx *c)
{
	rt_err err = RT_ERR_INIT;
	struct rt_org_unit *orgs = NULL;
	struct rt_plan *plans = NULL;
	struct rt_goal_ref *refs = NULL;
	memset(c, 0, sizeof(*c));
	if (rt_store_org_list(s, a, &orgs, &c->n_orgs, &err) != 0 ||
	    rt_store_plan_list(s, a, &plans, &c->n_plans, &err) != 0 ||
	    rt_store_goal_refs(s, a, &refs, &c->n_refs, &err) != 0)
		return rt_cli_fail(&err);
	c->orgs = orgs;
	c->plans = plans;
	c->refs = refs;
	return RT_EXIT_OK;
}

const struct rt_org_unit *rt_print_org(const struct rt_print_ctx *c, int64_t id)
{
	for (size_t i = 0; i < c->n_orgs; i++)
		if (c->orgs[i].id == id)
			return &c->orgs[i];
	return NULL;
}

const struct rt_org_unit *rt_print_region(const struct rt_print_ctx *c, int64_t id)
{
	const struct rt_org_unit *u = rt_print_org(c, id);
	/* bounded walk: a broken tree must not hang the printer */
	for (size_t steps = 0; u && u->parent_id && steps < c->n_orgs; steps++) {
		const struct rt_org_unit *p = rt_print_org(c, u->parent_id);
		if (!p)
			break;
		u = p;
	}
	return u;
}

static const struct rt_plan *find_plan(const struct rt_print_ctx *c, int64_t id)
{
	for (size_t i = 0; i < c->n_plans; i++)
		if (c->plans[i].id == id)
			return &c->plans[i];
	return NULL;
}

static const struct rt_goal_ref *find_ref(const struct rt_print_ctx *c, int64_t goal_id)
{
	for (size_t i = 0; i < c->n_refs; i++)
		if (c->refs[i].goal_id == goal_id)
			return &c->refs[i];
	return NULL;
}

void rt_print_period_label(rt_buf *b, const struct rt_period *p)
{
	if (!p) {
		rt_buf_addstr(b, "okänd period");
		return;
	}
	switch (p->kind) {
	case RT_PERIOD_TERTIAL: {
		static const char *const per[] = { "april", "augusti", "december" };
		if (p->number >= 1 && p->number <= 3)
			rt_buf_addf(b, "per %s %d", per[p->number - 1], p->year);
		else
			rt_buf_addstr(b, p->key);
		break;
	}
	case RT_PERIOD_HALF_YEAR:
		if (p->number == 1 || p->number == 2)
			rt_buf_addf(b, "per %s %d", p->number == 1 ? "maj" : "december", p->year);
		else
			rt_buf_addstr(b, p->key);
		break;
	case RT_PERIOD_MONTH:
		if (p->number >= 1 && p->number <= 12)
			rt_buf_addf(b, "per %s %d", month_names[p->number - 1], p->year);
		else
			rt_buf_addstr(b, p->key);
		break;
	case RT_PERIOD_YEAR:
		rt_buf_addf(b, "helår %d", p->year);
		break;
	}
}

void rt_print_status(rt_buf *b, enum rt_status s)
{
	const char *sym = rt_status_symbol(s);
	if (sym && *sym)
		rt_buf_addf(b, "%s %s", sym, rt_status_label(s));
	else
		rt_buf_addstr(b, rt_status_label(s));
}

/* "Kvinnor", "RVN", "RVN, Kvinnor", or NULL for the whole scope in total. */
static void row_label(rt_buf *b, const struct rt_print_ctx *c, enum rt_gender g, int64_t org)
{
	if (org) {
		const struct rt_org_unit *u = rt_print_org(c, org);
		rt_buf_addstr(b, u ? (u->short_name ? u->short_name : u->name) : "okänd enhet");
	}
	if (g != RT_GENDER_TOTAL) {
		if (b->len)
			rt_buf_addstr(b, ", ");
		rt_buf_addstr(b, rt_gender_label(g));
	}
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The distinct years of an indicator's targets (which = 0) or baselines
 * (which = 1), ascending; malloc'd. */
static size_t years_of(const struct rt_plan_doc *doc, int64_t ind_id, int which, int **out)
{
	size_t n_src = which ? doc->n_baselines : doc->n_targets;
	int *ys = malloc((n_src ? n_src : 1) * sizeof(int));
	size_t n = 0;
	for (size_t i = 0; i < n_src; i++) {
		int64_t owner = which ? doc->baselines[i].indicator_id : doc->targets[i].indicator_id;
		int y = which ? doc->baselines[i].year : doc->targets[i].year;
		if (owner != ind_id)
			continue;
		bool seen = false;
		for (size_t k = 0; k < n; k++)
			seen |= ys[k] == y;
		if (!seen)
			ys[n++] = y;
	}
	qsort(ys, n, sizeof(int), cmp_int);
	*out = ys;
	return n;
}

void rt_print_targets_compact(FILE *f, int indent, const struct rt_plan_doc *doc,
                              const struct rt_indicator *ind, const struct rt_print_ctx *c)
{
	int *ys;
	size_t ny = years_of(doc, ind->id, 0, &ys);
	for (size_t k = 0; k < ny; k++) {
		rt_buf line = RT_BUF_INIT;
		rt_buf_addf(&line, "Mått %d:", ys[k]);
		bool first = true;
		for (size_t i = 0; i < doc->n_targets; i++) {
			const struct rt_target *t = &doc->targets[i];
			if (t->indicator_id != ind->id || t->year != ys[k])
				continue;
			rt_buf lbl = RT_BUF_INIT;
			row_label(&lbl, c, t->gender, t->org_unit_id);
			rt_buf_addf(&line, "%s %s %s", first ? "" : " ·",
			            lbl.len ? lbl.buf : "Totalt", t->text ? t->text : "");
			first = false;
			rt_buf_release(&lbl);
		}
		rt_cli_wrap(f, indent, NULL, line.buf, RT_PRINT_WIDTH);
		rt_buf_release(&line);
	}
	free(ys);
}

/* Targets (which = 0) or baselines (which = 1) per year: the total on the
 * year's line, breakdown rows ("Kvinnor: 6,5 %") below it. */
static void print_values(FILE *f, int indent, const struct rt_plan_doc *doc,
                         const struct rt_indicator *ind, const struct rt_print_ctx *c, int which)
{
	int *ys;
	size_t ny = years_of(doc, ind->id, which, &ys);
	size_t n_src = which ? doc->n_baselines : doc->n_targets;
	for (size_t k = 0; k < ny; k++) {
		const char *total = NULL;
		for (size_t i = 0; i < n_src; i++) {
			int64_t owner = which ? doc->baselines[i].indicator_id : doc->targets[i].indicator_id;
			int y = which ? doc->baselines[i].year : doc->targets[i].year;
			enum rt_gender g = which ? doc->baselines[i].gender : doc->targets[i].gender;
			int64_t org = which ? doc->baselines[i].org_unit_id : doc->targets[i].org_unit_id;
			if (owner == ind->id && y == ys[k] && g == RT_GENDER_TOTAL && !org)
				total = which ? doc->baselines[i].text : doc->targets[i].text;
		}
		fprintf(f, "%*s%s %d:%s%s\n", indent, "", which ? "Utgångsvärde" : "Målvärde", ys[k],
		        total ? " " : "", total ? total : "");
		for (size_t i = 0; i < n_src; i++) {
			int64_t owner = which ? doc->baselines[i].indicator_id : doc->targets[i].indicator_id;
			int y = which ? doc->baselines[i].year : doc->targets[i].year;
			enum rt_gender g = which ? doc->baselines[i].gender : doc->targets[i].gender;
			int64_t org = which ? doc->baselines[i].org_unit_id : doc->targets[i].org_unit_id;
			const char *text = which ? doc->baselines[i].text : doc->targets[i].text;
			if (owner != ind->id || y != ys[k] || (g == RT_GENDER_TOTAL && !org))
				continue;
			rt_buf lbl = RT_BUF_INIT;
			row_label(&lbl, c, g, org);
			fprintf(f, "%*s%s: %s\n", indent + 2, "", lbl.buf, text ? text : "");
			rt_buf_release(&lbl);
		}
	}
	free(ys);
}

static void print_outcomes(FILE *f, int indent, const struct rt_plan_doc *doc,
                           const struct rt_indicator *ind, const struct rt_print_ctx *c)
{
	for (size_t i = 0; i < doc->n_outcomes; i++) {
		const struct rt_outcome *o = &doc->outcomes[i];
		if (o->indicator_id != ind->id)
			continue;
		rt_buf line = RT_BUF_INIT, lbl = RT_BUF_INIT;
		rt_buf_addstr(&line, "Utfall ");
		rt_print_period_label(&line, rt_doc_period(doc, o->period_id));
		row_label(&lbl, c, o->gender, o->org_unit_id);
		if (lbl.len)
			rt_buf_addf(&line, ", %s", lbl.buf);
		rt_buf_addf(&line, ": %s", o->text && *o->text ? o->text : "–");
		if (o->status != RT_STATUS_NONE) {
			rt_buf_addstr(&line, "  ");
			rt_print_status(&line, o->status);
		}
		rt_cli_wrap(f, indent, NULL, line.buf, RT_PRINT_WIDTH);
		if (o->comment && *o->comment)
			rt_cli_wrap(f, indent + 2, "Kommentar: ", o->comment, RT_PRINT_WIDTH);
		rt_buf_release(&line);
		rt_buf_release(&lbl);
	}
}

static void print_indicator(FILE *f, int indent, const struct rt_plan_doc *doc,
                            const struct rt_indicator *ind, const struct rt_print_ctx *c)
{
	rt_buf props = RT_BUF_INIT;
	if (ind->kind == RT_IND_QUALITATIVE)
		rt_buf_addstr(&props, "kvalitativ: Ja/Delvis/Nej");
	else if (ind->unit && *ind->unit)
		rt_buf_addf(&props, "enhet %s", ind->unit);
	if (ind->direction != RT_DIR_NONE)
		rt_buf_addf(&props, "%s%s", props.len ? ", " : "",
		            ind->direction == RT_DIR_LOWER ? "lägre är bättre" : "högre är bättre");
	rt_buf_addf(&props, "%sfrekvens: %s", props.len ? ", " : "",
	            rt_frequency_label(ind->frequency));
	if (ind->by_gender)
		rt_buf_addstr(&props, ", könsuppdelad");
	if (ind->by_org)
		rt_buf_addstr(&props, ", per enhet");
	if (ind->central_only)
		rt_buf_addstr(&props, ", mäts centralt");
	rt_buf head = RT_BUF_INIT;
	rt_buf_addf(&head, "%s (%s)", ind->name, props.buf);
	rt_cli_wrap(f, indent, "Indikator: ", head.buf, RT_PRINT_WIDTH);
	rt_buf_release(&head);
	rt_buf_release(&props);
	int in = indent + 2;
	if (ind->description && *ind->description)
		rt_cli_wrap(f, in, NULL, ind->description, RT_PRINT_WIDTH);
	if (ind->criteria && *ind->criteria)
		rt_cli_wrap(f, in, "Bedömningsgrunder: ", ind->criteria, RT_PRINT_WIDTH);
	if (ind->source && *ind->source)
		rt_cli_wrap(f, in, "Källa: ", ind->source, RT_PRINT_WIDTH);
	if (ind->motivation && *ind->motivation)
		rt_cli_wrap(f, in, "Motivering: ", ind->motivation, RT_PRINT_WIDTH);
	print_values(f, in, doc, ind, c, 1);
	print_values(f, in, doc, ind, c, 0);
	print_outcomes(f, in, doc, ind, c);
}

void rt_print_activity(FILE *f, int indent, const struct rt_activity *a)
{
	rt_cli_wrap(f, indent, "Aktivitet: ", a->title, RT_PRINT_WIDTH);
	int in = indent + 2;
	if (a->description && *a->description)
		rt_cli_wrap(f, in, NULL, a->description, RT_PRINT_WIDTH);
	if (a->target_group && *a->target_group)
		rt_cli_wrap(f, in, "Målgrupp: ", a->target_group, RT_PRINT_WIDTH);
	if (a->start_date || a->end_date)
		fprintf(f, "%*sTidsplan: %s–%s\n", in, "", a->start_date ? a->start_date : "",
		        a->end_date ? a->end_date : "");
	if (a->owner && *a->owner)
		rt_cli_wrap(f, in, "Ansvarig: ", a->owner, RT_PRINT_WIDTH);
	if (a->contact && *a->contact)
		rt_cli_wrap(f, in, "Kontaktperson: ", a->contact, RT_PRINT_WIDTH);
	fprintf(f, "%*sAvser: %s\n", in, "", rt_activity_scope_label(a->scope));
	if (a->origin && *a->origin)
		rt_cli_wrap(f, in, "Ursprung: ", a->origin, RT_PRINT_WIDTH);
}

static void print_goal(FILE *f, int indent, const struct rt_plan_doc *doc,
                       const struct rt_goal *g, const struct rt_print_ctx *c, int depth)
{
	rt_buf head = RT_BUF_INIT;
	rt_buf_addstr(&head, rt_goal_kind_label(g->kind));
	if (g->code && *g->code)
		rt_buf_addf(&head, " %s", g->code);
	rt_buf_addf(&head, " [%lld]: ", (long long)g->id);
	rt_cli_wrap(f, indent, head.buf, g->title, RT_PRINT_WIDTH);
	rt_buf_release(&head);
	int in = indent + 2;
	if (g->description && *g->description)
		rt_cli_wrap(f, in, NULL, g->description, RT_PRINT_WIDTH);
	if (g->serves_goal_id) {
		const struct rt_goal_ref *r = find_ref(c, g->serves_goal_id);
		rt_buf s = RT_BUF_INIT;
		if (r)
			rt_buf_addf(&s, "%s (mål %lld i %s)", r->title, (long long)r->goal_id,
			            r->plan_title);
		else
			rt_buf_addf(&s, "mål %lld", (long long)g->serves_goal_id);
		rt_cli_wrap(f, in, "Bidrar till: ", s.buf, RT_PRINT_WIDTH);
		rt_buf_release(&s);
	}
	if (g->lifted)
		fprintf(f, "%*sLyfts till regiondirektörens/förvaltningschefens verksamhetsplan\n",
		        in, "");
	for (size_t i = 0; i < doc->n_assessments; i++) {
		const struct rt_assessment *as = &doc->assessments[i];
		if (as->goal_id != g->id)
			continue;
		rt_buf line = RT_BUF_INIT;
		rt_buf_addstr(&line, "Bedömning ");
		rt_print_period_label(&line, rt_doc_period(doc, as->period_id));
		rt_buf_addstr(&line, ": ");
		rt_print_status(&line, as->status);
		fprintf(f, "%*s%s\n", in, "", line.buf);
		if (as->analysis && *as->analysis)
			rt_cli_wrap(f, in + 2, "Analys: ", as->analysis, RT_PRINT_WIDTH);
		rt_buf_release(&line);
	}
	for (size_t i = 0; i < doc->n_indicators; i++)
		if (doc->indicators[i].goal_id == g->id)
			print_indicator(f, in, doc, &doc->indicators[i], c);
	/* seed 000 §3.3: activities for the operations apart from those for the
	 * management staffs */
	for (int scope = RT_SCOPE_OPERATIONS; scope <= RT_SCOPE_MANAGEMENT_STAFF; scope++)
		for (size_t i = 0; i < doc->n_activities; i++)
			if (doc->activities[i].goal_id == g->id &&
			    (int)doc->activities[i].scope == scope)
				rt_print_activity(f, in, &doc->activities[i]);
	if (depth > 32)
		return; /* a cyclic parent chain in broken data */
	for (size_t i = 0; i < doc->n_goals; i++)
		if (doc->goals[i].parent_id == g->id && doc->goals[i].id != g->id)
			print_goal(f, in, doc, &doc->goals[i], c, depth + 1);
}

static void print_header(FILE *f, const struct rt_plan_doc *doc, const struct rt_print_ctx *c)
{
	const struct rt_plan *p = &doc->plan;
	fprintf(f, "%s\n", p->title);
	size_t w = rt_cli_width(p->title);
	for (size_t i = 0; i < w; i++)
		fputc('=', f);
	fputc('\n', f);

	rt_buf owner = RT_BUF_INIT, years = RT_BUF_INIT, id = RT_BUF_INIT;
	const struct rt_org_unit *region = rt_print_region(c, p->owner_org_id);
	rt_buf_addstr(&owner, doc->owner.name ? doc->owner.name : "okänd ägare");
	if (region && region->id != p->owner_org_id)
		rt_buf_addf(&owner, ", %s", region->name);
	rt_cli_years(&years, p->start_year, p->end_year);
	rt_buf_addf(&id, "%lld", (long long)p->id);
	if (p->key)
		rt_buf_addf(&id, " (nyckel %s)", p->key);
	rt_buf ver = RT_BUF_INIT;
	rt_buf_addf(&ver, "%d", p->version);
	const struct { const char *label, *value; } rows[] = {
		{ "Typ", rt_plan_kind_label(p->kind) },
		{ "Ägare", owner.buf },
		{ "Period", years.buf },
		{ "Dnr", p->case_number && *p->case_number ? p->case_number : "–" },
		{ "Version", ver.buf },
		{ "Status", rt_plan_status_label(p->status) },
		{ "Beslutsinstans", p->decision_body && *p->decision_body ? p->decision_body : "–" },
		{ "Id", id.buf },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		rt_buf l = RT_BUF_INIT;
		rt_buf_addf(&l, "%s:", rows[i].label);
		rt_buf pad = RT_BUF_INIT;
		rt_cli_pad(&pad, l.buf, 17);
		fprintf(f, "%s%s\n", pad.buf, rows[i].value);
		rt_buf_release(&l);
		rt_buf_release(&pad);
	}
	if (p->parent_plan_id) {
		const struct rt_plan *pp = find_plan(c, p->parent_plan_id);
		rt_buf s = RT_BUF_INIT;
		if (pp)
			rt_buf_addf(&s, "%s (%lld)", pp->title, (long long)pp->id);
		else
			rt_buf_addf(&s, "plan %lld", (long long)p->parent_plan_id);
		rt_cli_wrap(f, 0, "Överordnad plan: ", s.buf, RT_PRINT_WIDTH);
		rt_buf_release(&s);
	}
	rt_buf_release(&owner);
	rt_buf_release(&years);
	rt_buf_release(&id);
	rt_buf_release(&ver);
	if (p->introduction && *p->introduction) {
		fprintf(f, "\nInledning\n");
		rt_cli_wrap(f, 2, NULL, p->introduction, RT_PRINT_WIDTH);
	}
}

/* Ändringsförteckning: Version | Datum | Ändring | Beslutat av, with the
 * change text wrapped inside its column. */
static void print_changelog(FILE *f, const struct rt_plan_doc *doc)
{
	if (!doc->n_changes)
		return;
	enum { W_VER = 8, W_DATE = 12, W_CHANGE = 56 };
	fprintf(f, "\nÄndringsförteckning\n");
	rt_buf h = RT_BUF_INIT;
	rt_cli_pad(&h, "Version", W_VER);
	rt_cli_pad(&h, "Datum", W_DATE);
	rt_cli_pad(&h, "Ändring", W_CHANGE + 2);
	rt_buf_addstr(&h, "Beslutat av");
	fprintf(f, "  %s\n", h.buf);
	rt_buf_release(&h);
	for (size_t i = 0; i < doc->n_changes; i++) {
		const struct rt_plan_change *ch = &doc->changes[i];
		rt_buf wrapped = RT_BUF_INIT, ver = RT_BUF_INIT;
		rt_cli_wrap_text(&wrapped, ch->change, W_CHANGE);
		rt_buf_addf(&ver, "%d.", ch->version);
		const char *p = wrapped.buf;
		bool first = true;
		for (;;) {
			const char *nl = strchr(p, '\n');
			rt_buf seg = RT_BUF_INIT, row = RT_BUF_INIT;
			rt_buf_add(&seg, p, nl ? (size_t)(nl - p) : strlen(p));
			rt_cli_pad(&row, first ? ver.buf : "", W_VER);
			rt_cli_pad(&row, first ? (ch->date ? ch->date : "") : "", W_DATE);
			if (first && ch->decided_by && *ch->decided_by) {
				rt_cli_pad(&row, seg.buf, W_CHANGE + 2);
				rt_buf_addstr(&row, ch->decided_by);
			} else {
				rt_buf_addstr(&row, seg.buf);
			}
			while (row.len && row.buf[row.len - 1] == ' ')
				rt_buf_setlen(&row, row.len - 1);
			fprintf(f, "  %s\n", row.buf);
			rt_buf_release(&seg);
			rt_buf_release(&row);
			first = false;
			if (!nl)
				break;
			p = nl + 1;
		}
		rt_buf_release(&wrapped);
		rt_buf_release(&ver);
	}
}

static void print_budget(FILE *f, const struct rt_plan_doc *doc, const struct rt_print_ctx *c)
{
	if (!doc->n_budget)
		return;
	fprintf(f, "\nBudget (mnkr)\n");
	for (int kind = RT_BUDGET_OPERATING; kind <= RT_BUDGET_CAPITAL; kind++) {
		bool header = false;
		for (size_t i = 0; i < doc->n_budget; i++) {
			const struct rt_budget_line *l = &doc->budget[i];
			if ((int)l->kind != kind)
				continue;
			if (!header)
				fprintf(f, "  %s\n", kind == RT_BUDGET_OPERATING ? "Driftbudget"
				                                                 : "Investeringsbudget");
			header = true;
			rt_buf row = RT_BUF_INIT, amount = RT_BUF_INIT, label = RT_BUF_INIT;
			rt_buf_addf(&row, "%d  ", l->year);
			rt_buf_addstr(&label, l->label && *l->label ? l->label
			                                            : rt_budget_category_label(l->category));
			if (l->org_unit_id) {
				const struct rt_org_unit *u = rt_print_org(c, l->org_unit_id);
				if (u)
					rt_buf_addf(&label, " (%s)", u->name);
			}
			rt_cli_pad(&row, label.buf, 52);
			rt_mnkr_format(&amount, l->amount_tkr);
			for (size_t w = rt_cli_width(amount.buf); w < 10; w++)
				rt_buf_addch(&row, ' ');
			rt_buf_addstr(&row, amount.buf);
			fprintf(f, "    %s\n", row.buf);
			rt_buf_release(&row);
			rt_buf_release(&amount);
			rt_buf_release(&label);
		}
	}
}

void rt_print_plan(FILE *f, const struct rt_plan_doc *doc, const struct rt_print_ctx *c)
{
	print_header(f, doc, c);
	print_changelog(f, doc);
	if (doc->n_goals) {
		fprintf(f, "\nMål, indikatorer och aktiviteter\n");
		for (size_t i = 0; i < doc->n_goals; i++) {
			const struct rt_goal *g = &doc->goals[i];
			/* top level, and goals whose parent is missing from the document */
			if (!g->parent_id || !rt_doc_goal(doc, g->parent_id))
				print_goal(f, 2, doc, g, c, 0);
		}
	} else {
		fprintf(f, "\nPlanen har inga mål ännu.\n");
	}
	print_budget(f, doc, c);
}
