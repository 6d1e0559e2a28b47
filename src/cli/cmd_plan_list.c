/* rodtrad plan list: every plan, grouped by region (the root of the owner's
 * org tree, in the order the regions were added), then by level in the
 * cascade (regionplan first, as core's rt_plan_level ranks it), then title. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/print_plan.h"
#include "util/alloc.h"

static const char *const usage[] = {
	"rodtrad plan list [--db SÖKVÄG]",
	"",
	"Listar alla planer per region: id, typ, ägare, år, status och titel.",
	"Inom en region står planerna i styrkedjans ordning (regionplan först),",
	"sedan i bokstavsordning.",
	NULL,
};

struct row {
	const struct rt_plan *plan;
	const struct rt_org_unit *owner, *region;
	int level;
	char *years;
};

static int cmp_row(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	int64_t ra = a->region ? a->region->id : INT64_MAX, rb = b->region ? b->region->id : INT64_MAX;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (a->level != b->level)
		return a->level < b->level ? -1 : 1;
	int t = strcmp(a->plan->title, b->plan->title);
	if (t)
		return t;
	return (a->plan->id > b->plan->id) - (a->plan->id < b->plan->id);
}

static void widen(size_t *w, const char *s)
{
	size_t x = rt_cli_width(s);
	if (x > *w)
		*w = x;
}

int cmd_plan_list(int argc, char **argv)
{
	const char *db = NULL;
	const struct rt_cli_opt opts[] = { RT_CLI_OPT_DB(&db), RT_CLI_OPT_END };
	const struct rt_cli_spec spec = { "plan list", usage, opts, 0, 0 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	const char *path = rt_cli_db_path(db);
	rt_store *s;
	if ((rc = rt_cli_open_existing(path, &s)) != 0)
		return rc;
	rt_arena a = RT_ARENA_INIT;
	struct rt_print_ctx ctx;
	if ((rc = rt_print_ctx_load(s, &a, &ctx)) != 0)
		goto out;
	if (!ctx.n_plans) {
		printf("Databasen %s innehåller inga planer. Läs in en med 'rodtrad import FIL.json'\n"
		       "eller skapa en demodatabas med 'rodtrad demo ANNAN.db'.\n", path);
		goto out;
	}

	struct row *rows = rt_xcalloc(ctx.n_plans, sizeof(*rows));
	size_t w_id = 2, w_kind = 3, w_owner = 5, w_years = 2, w_status = 6;
	for (size_t i = 0; i < ctx.n_plans; i++) {
		struct row *r = &rows[i];
		r->plan = &ctx.plans[i];
		r->owner = rt_print_org(&ctx, r->plan->owner_org_id);
		r->region = rt_print_region(&ctx, r->plan->owner_org_id);
		r->level = rt_plan_level(r->plan->kind, r->owner ? r->owner->kind : RT_ORG_UNIT);
		rt_buf y = RT_BUF_INIT;
		rt_cli_years(&y, r->plan->start_year, r->plan->end_year);
		r->years = rt_arena_strdup(&a, y.buf);
		rt_buf_release(&y);
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)r->plan->id);
		widen(&w_id, id);
		widen(&w_kind, rt_plan_kind_label(r->plan->kind));
		widen(&w_owner, r->owner ? r->owner->name : "?");
		widen(&w_years, r->years);
		widen(&w_status, rt_plan_status_label(r->plan->status));
	}
	qsort(rows, ctx.n_plans, sizeof(*rows), cmp_row);

	const struct rt_org_unit *region = NULL;
	for (size_t i = 0; i < ctx.n_plans; i++) {
		const struct row *r = &rows[i];
		if (i == 0 || r->region != region) {
			region = r->region;
			if (i)
				putchar('\n');
			printf("%s\n", region ? region->name : "Utan region");
			rt_buf h = RT_BUF_INIT;
			rt_cli_pad(&h, "Id", w_id + 2);
			rt_cli_pad(&h, "Typ", w_kind + 2);
			rt_cli_pad(&h, "Ägare", w_owner + 2);
			rt_cli_pad(&h, "År", w_years + 2);
			rt_cli_pad(&h, "Status", w_status + 2);
			rt_buf_addstr(&h, "Titel");
			printf("  %s\n", h.buf);
			rt_buf_release(&h);
		}
		rt_buf line = RT_BUF_INIT;
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)r->plan->id);
		for (size_t k = rt_cli_width(id); k < w_id; k++)
			rt_buf_addch(&line, ' ');
		rt_buf_addstr(&line, id);
		rt_buf_addstr(&line, "  ");
		rt_cli_pad(&line, rt_plan_kind_label(r->plan->kind), w_kind + 2);
		rt_cli_pad(&line, r->owner ? r->owner->name : "?", w_owner + 2);
		rt_cli_pad(&line, r->years, w_years + 2);
		rt_cli_pad(&line, rt_plan_status_label(r->plan->status), w_status + 2);
		rt_buf_addstr(&line, r->plan->title);
		printf("  %s\n", line.buf);
		rt_buf_release(&line);
	}
	printf("\n%zu %s. Visa en med 'rodtrad plan show ID'.\n", ctx.n_plans,
	       ctx.n_plans == 1 ? "plan" : "planer");
	free(rows);
out:
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}
