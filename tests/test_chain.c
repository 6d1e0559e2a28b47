/* The goal chain of seed 000 §4 (regionplan → RS verksamhetsplan → RD
 * verksamhetsplan → övergripande handlingsplan) walked up and down, and
 * every chain rule with a failing and a passing case. */
#include "test_util.h"
#include "core/chain.h"

#include <stdlib.h>
#include <string.h>

/* plans: 10 regionplan (0), 20 RS VP (1), 30 RD VP (2), 40 handlingsplan (3), 50 aktivitetsplan (4) */
#define REF(g, p, s, lvl, title, ptitle) { g, p, s, lvl, title, ptitle }
static const struct rt_goal_ref seed000[] = {
	REF(1, 10, 0, 0, "Attraktiv arbetsgivare", "Regionplan 2016"),
	REF(2, 20, 1, 1, "Minska antalet sjukskrivningar", "Regionstyrelsens verksamhetsplan 2016"),
	REF(3, 30, 2, 2, "Sänka sjukfrånvaron (RD)", "Regiondirektörens verksamhetsplan 2016"),
	REF(4, 40, 3, 3, "Sänka sjukfrånvaron (HP)", "Övergripande handlingsplan för attraktiv arbetsgivare 2016"),
	REF(5, 40, 3, 3, "Friskvård", "Övergripande handlingsplan för attraktiv arbetsgivare 2016"),
	REF(6, 20, 1, 1, "Kompetensförsörjning", "Regionstyrelsens verksamhetsplan 2016"),
	REF(7, 50, 4, 4, "Friskvårdstimmen", "Aktivitetsplan kirurgi 2016"),
};
#define N_SEED (sizeof(seed000) / sizeof(seed000[0]))

static void test_up(void **state)
{
	(void)state;
	int64_t *ids = NULL;
	long n = rt_chain_up(seed000, N_SEED, 7, &ids);
	assert_int_equal(n, 5);
	int64_t want[] = { 7, 4, 3, 2, 1 };
	for (int i = 0; i < 5; i++) assert_int_equal(ids[i], want[i]);
	free(ids);
	n = rt_chain_up(seed000, N_SEED, 1, &ids);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], 1);
	free(ids);
	ids = (int64_t *)1;
	assert_int_equal(rt_chain_up(seed000, N_SEED, 99, &ids), -1);
	assert_null(ids);
}

static void test_down(void **state)
{
	(void)state;
	struct rt_chain_node *nodes = NULL;
	long n = rt_chain_down(seed000, N_SEED, 1, &nodes);
	/* depth-first, children in input order: 2 (3 (4 (7), 5)), 6 */
	assert_int_equal(n, 6);
	struct rt_chain_node want[] = { { 2, 1 }, { 3, 2 }, { 4, 3 }, { 7, 4 }, { 5, 3 }, { 6, 1 } };
	for (int i = 0; i < 6; i++) {
		assert_int_equal(nodes[i].goal_id, want[i].goal_id);
		assert_int_equal(nodes[i].depth, want[i].depth);
	}
	free(nodes);
	n = rt_chain_down(seed000, N_SEED, 7, &nodes);
	assert_int_equal(n, 0);
	free(nodes);
	assert_int_equal(rt_chain_down(seed000, N_SEED, 99, &nodes), -1);
	assert_null(nodes);
}

static void test_check_clean(void **state)
{
	(void)state;
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_chain_check(seed000, N_SEED, 0, &f);
	assert_int_equal(f.n, 0);
	rt_chain_check(seed000, N_SEED, 40, &f);
	assert_int_equal(f.n, 0);
	rt_chain_check(NULL, 0, 0, &f);
	assert_int_equal(f.n, 0);
	rt_findings_release(&f);
}

static void test_check_unknown_same_plan_level(void **state)
{
	(void)state;
	struct rt_goal_ref refs[] = {
		REF(1, 10, 0, 0, "Regionplanens mål", "Regionplan"),
		REF(2, 40, 99, 3, "Pekar på okänt mål", "Handlingsplanen"),
		REF(3, 40, 4, 3, "Pekar inom planen", "Handlingsplanen"),
		REF(4, 40, 1, 3, "Rätt", "Handlingsplanen"),
		REF(5, 40, 6, 3, "Pekar nedåt", "Handlingsplanen"),
		REF(6, 50, 0, 4, "Aktivitetsplanens mål", "Aktivitetsplanen"),
		REF(7, 41, 4, 3, "Pekar i sidled", "En annan handlingsplan"),
	};
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_chain_check(refs, 7, 0, &f);
	assert_int_equal(f.n, 4);
	assert_string_equal(f.items[0].rule, "chain_unknown_goal");
	assert_int_equal(f.items[0].entity_id, 2);
	assert_string_equal(f.items[0].entity, "goal");
	assert_int_equal(f.items[0].severity, RT_SEV_ERROR);
	assert_string_equal(f.items[0].message, "Målet kopplas till ett mål som inte finns (id 99)");
	assert_string_equal(f.items[1].rule, "chain_same_plan");
	assert_int_equal(f.items[1].entity_id, 3);
	assert_non_null(strstr(f.items[1].message, "samma plan (Handlingsplanen)"));
	assert_string_equal(f.items[2].rule, "chain_not_upward");
	assert_int_equal(f.items[2].entity_id, 5);
	assert_string_equal(f.items[2].message, "Målkedjan måste peka uppåt: målet i Handlingsplanen "
	                    "(nivå 3) kopplas till Aktivitetsplanen (nivå 4)");
	assert_string_equal(f.items[3].rule, "chain_not_upward");
	assert_int_equal(f.items[3].entity_id, 7);
	assert_string_equal(rt_severity_label(f.items[3].severity), "Fel");
	assert_int_equal(rt_findings_errors(&f), 4);
	rt_findings_release(&f);

	/* restricted to one plan */
	rt_chain_check(refs, 7, 41, &f);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.items[0].entity_id, 7);
	rt_findings_release(&f);
	rt_chain_check(refs, 7, 10, &f);
	assert_int_equal(f.n, 0);
	rt_findings_release(&f);
}

static void test_cycles(void **state)
{
	(void)state;
	/* 2 → 3 → 2 across two plans at the same level, 8 → 8 itself, 5 leads
	 * into the cycle but is not on it */
	struct rt_goal_ref refs[] = {
		REF(1, 10, 0, 0, "Topp", "Regionplan"),
		REF(5, 60, 2, 3, "Leder in", "Plan C"),
		REF(2, 20, 3, 2, "A", "Plan A"),
		REF(3, 30, 2, 2, "B", "Plan B"),
		REF(8, 70, 8, 2, "Själv", "Plan D"),
	};
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_chain_check(refs, 5, 0, &f);
	size_t cycles = 0;
	for (size_t i = 0; i < f.n; i++) {
		if (strcmp(f.items[i].rule, "chain_cycle")) continue;
		cycles++;
		if (f.items[i].entity_id == 2)
			assert_string_equal(f.items[i].message, "Målkedjan bildar en cirkel: A → B → A");
		else if (f.items[i].entity_id == 8)
			assert_string_equal(f.items[i].message, "Målkedjan bildar en cirkel: Själv → Själv");
		else
			fail_msg("cycle reported on goal %lld", (long long)f.items[i].entity_id);
	}
	assert_int_equal(cycles, 2);   /* each cycle once */
	/* link findings too: 5 → 2 is level 3 → 2 (fine); 2 → 3 and 3 → 2 are
	 * level 2 → 2 (not upward); 8 → 8 is the same plan */
	assert_int_equal(f.n, 5);
	assert_string_equal(f.items[0].rule, "chain_not_upward");
	assert_int_equal(f.items[0].entity_id, 2);
	assert_string_equal(f.items[1].rule, "chain_cycle");   /* after its anchor's link */
	assert_string_equal(f.items[2].rule, "chain_not_upward");
	assert_int_equal(f.items[2].entity_id, 3);
	assert_string_equal(f.items[3].rule, "chain_same_plan");
	assert_string_equal(f.items[4].rule, "chain_cycle");
	rt_findings_release(&f);

	/* scoped to plan B: the cycle is reported on B's goal, once */
	rt_chain_check(refs, 5, 30, &f);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.items[1].rule, "chain_cycle");
	assert_int_equal(f.items[1].entity_id, 3);
	assert_string_equal(f.items[1].message, "Målkedjan bildar en cirkel: B → A → B");
	rt_findings_release(&f);
	/* plan C only leads into the cycle: its link is fine and the cycle is not its own */
	rt_chain_check(refs, 5, 60, &f);
	assert_int_equal(f.n, 0);
	rt_findings_release(&f);

	/* walks stop at the cycle */
	int64_t *ids = NULL;
	long n = rt_chain_up(refs, 5, 5, &ids);
	assert_int_equal(n, 3);
	assert_int_equal(ids[0], 5);
	assert_int_equal(ids[1], 2);
	assert_int_equal(ids[2], 3);
	free(ids);
	struct rt_chain_node *nodes = NULL;
	n = rt_chain_down(refs, 5, 2, &nodes);
	assert_int_equal(n, 2);   /* 5 and 3 in input order; 2 again is not repeated */
	assert_int_equal(nodes[0].goal_id, 5);
	assert_int_equal(nodes[1].goal_id, 3);
	assert_int_equal(nodes[1].depth, 1);
	free(nodes);
	n = rt_chain_down(refs, 5, 8, &nodes);
	assert_int_equal(n, 0);
	free(nodes);
}

static void test_untitled_names(void **state)
{
	(void)state;
	struct rt_goal_ref refs[] = {
		REF(1, 10, 2, 2, NULL, NULL),
		REF(2, 20, 1, 2, "", NULL),
	};
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_chain_check(refs, 2, 0, &f);
	int found = 0;
	for (size_t i = 0; i < f.n; i++) {
		if (!strcmp(f.items[i].rule, "chain_cycle")) {
			assert_string_equal(f.items[i].message, "Målkedjan bildar en cirkel: mål 1 → mål 2 → mål 1");
			found++;
		}
		if (!strcmp(f.items[i].rule, "chain_not_upward") && f.items[i].entity_id == 1)
			assert_string_equal(f.items[i].message, "Målkedjan måste peka uppåt: målet i plan 10 "
			                    "(nivå 2) kopplas till plan 20 (nivå 2)");
	}
	assert_int_equal(found, 1);
	rt_findings_release(&f);
}

static void test_long_chain(void **state)
{
	(void)state;
	/* a big database: 2000 goals, each serving the previous one */
	size_t n = 2000;
	struct rt_goal_ref *refs = calloc(n, sizeof(*refs));
	for (size_t i = 0; i < n; i++) {
		refs[i].goal_id = (int64_t)i + 1;
		refs[i].plan_id = (int64_t)i + 1;
		refs[i].serves_goal_id = (int64_t)i;
		refs[i].plan_level = (int)i;
		refs[i].title = "mål";
	}
	struct rt_findings f = RT_FINDINGS_INIT;
	rt_chain_check(refs, n, 0, &f);
	assert_int_equal(f.n, 0);
	struct rt_chain_node *nodes = NULL;
	assert_int_equal(rt_chain_down(refs, n, 1, &nodes), (long)n - 1);
	assert_int_equal(nodes[n - 2].depth, (int)n - 1);
	free(nodes);
	int64_t *ids = NULL;
	assert_int_equal(rt_chain_up(refs, n, (int64_t)n, &ids), (long)n);
	assert_int_equal(ids[n - 1], 1);
	free(ids);
	free(refs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_up),
		cmocka_unit_test(test_down),
		cmocka_unit_test(test_check_clean),
		cmocka_unit_test(test_check_unknown_same_plan_level),
		cmocka_unit_test(test_cycles),
		cmocka_unit_test(test_untitled_names),
		cmocka_unit_test(test_long_chain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
