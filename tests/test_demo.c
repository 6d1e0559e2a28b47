/* Tests of the demo loader (src/ingest/demo.c): every embedded data/demo
 * file loads into an empty database in one transaction, and the seeds'
 * real values come back (Region Halland's Verksamhetsplan 2024, seed 003's
 * sjukfrånvaro 5,4 % against 4,6 %, seed 000's målkedja with 5,7 % / 6,5 % /
 * ≤ 4,7 %). Value asserts look objects up by their printed names, not by
 * keys, and are skipped only while no demo file is embedded yet. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/demo.h"
#include "report/plan_json.h"
#include "util/embedded.h"

extern const struct rt_embedded_file rt_demo_files[];
extern const int rt_demo_files_count;

struct demo {
	rt_store *s;
	struct rt_import_stats st;
};

static int setup(void **state)
{
	struct demo *d = calloc(1, sizeof(*d));
	char *path = rt_test_db("demo-load.db");
	rt_err err = RT_ERR_INIT;
	if (rt_store_open(&d->s, path, RT_STORE_OPEN_CREATE, &err) != 0) {
		fprintf(stderr, "open: %s\n", err.msg);
		free(path);
		free(d);
		return -1;
	}
	free(path);
	if (rt_demo_load(d->s, &d->st, &err) != 0) {
		fprintf(stderr, "demo: %s\n", err.msg);
		rt_store_close(d->s);
		free(d);
		return -1;
	}
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	struct demo *d = *state;
	rt_store_close(d->s);
	free(d);
	return 0;
}

static void skip_without_data(void)
{
	if (rt_demo_files_count == 0)
		skip();
}

/* Every plan of the demo, loaded; calls fn until it returns true. */
static bool each_plan(rt_store *s, bool (*fn)(rt_store *s, const struct rt_plan_doc *d, void *ctx),
                      void *ctx)
{
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_plan *plans = NULL;
	size_t n = 0;
	assert_int_equal(rt_store_plan_list(s, &a, &plans, &n, &err), 0);
	bool done = false;
	for (size_t i = 0; i < n && !done; i++) {
		struct rt_plan_doc d;
		rt_plan_doc_init(&d);
		assert_int_equal(rt_store_plan_load(s, plans[i].id, &d, &err), 0);
		done = fn(s, &d, ctx);
		rt_plan_doc_release(&d);
	}
	rt_arena_release(&a);
	return done;
}

static const struct rt_target *target_of(const struct rt_plan_doc *d, int64_t ind, int year,
                                         enum rt_gender g)
{
	for (size_t i = 0; i < d->n_targets; i++)
		if (d->targets[i].indicator_id == ind && d->targets[i].year == year &&
		    d->targets[i].gender == g && !d->targets[i].org_unit_id)
			return &d->targets[i];
	return NULL;
}

/* ---- tests ----------------------------------------------------------- */

static void test_loads_everything(void **state)
{
	struct demo *d = *state;
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_audit_row *rows = NULL;
	size_t n = 0;
	assert_int_equal(rt_store_audit_list(d->s, &a, NULL, 0, &rows, &n, &err), 0);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(rows[i].actor, "demo");
	rt_arena_release(&a);
	skip_without_data();
	assert_true(d->st.plans >= 4);
	assert_true(d->st.org_units >= 4);
	assert_true(d->st.goals > d->st.plans);
	assert_true(d->st.indicators > 0 && d->st.targets > 0 && d->st.outcomes > 0);
	assert_true(n > d->st.goals);
}

static bool is_halland_vp(rt_store *s, const struct rt_plan_doc *d, void *ctx)
{
	(void)ctx;
	if (strcmp(d->plan.title, "Verksamhetsplan 2024") != 0)
		return false;
	if (strcmp(d->owner.name, "Regionstyrelsen") != 0 || !d->owner.parent_id)
		return false;
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_org_unit region;
	assert_int_equal(rt_store_org_get(s, &a, d->owner.parent_id, &region, &err), 0);
	bool ok = strcmp(region.name, "Region Halland") == 0;
	rt_arena_release(&a);
	return ok;
}

static void test_halland_plan(void **state)
{
	struct demo *d = *state;
	skip_without_data();
	assert_true(each_plan(d->s, is_halland_vp, NULL));
}

/* seed 003: "Sjukfrånvaron ska vara lägre än utsatt målvärde", 5,4 % per
 * april 2021 against the målvärde 4,6 % */
static bool has_sick_leave_2021(rt_store *s, const struct rt_plan_doc *d, void *ctx)
{
	(void)s;
	(void)ctx;
	for (size_t i = 0; i < d->n_indicators; i++) {
		const struct rt_indicator *ind = &d->indicators[i];
		if (strcmp(ind->name, "Sjukfrånvaron ska vara lägre än utsatt målvärde") != 0)
			continue;
		const struct rt_target *t = target_of(d, ind->id, 2021, RT_GENDER_TOTAL);
		if (!t)
			continue;
		assert_string_equal(t->text, "4,6 %");
		assert_float_equal(t->spec.value, 4.6, 1e-9);
		assert_int_equal(ind->direction, RT_DIR_LOWER);
		for (size_t k = 0; k < d->n_outcomes; k++) {
			const struct rt_outcome *o = &d->outcomes[k];
			const struct rt_period *p = rt_doc_period(d, o->period_id);
			if (o->indicator_id != ind->id || !p || strcmp(p->key, "2021-T1"))
				continue;
			assert_string_equal(o->text, "5,4 %");
			assert_float_equal(o->value.value, 5.4, 1e-9);
			return true;
		}
	}
	return false;
}

static void test_seed003_sick_leave(void **state)
{
	struct demo *d = *state;
	skip_without_data();
	assert_true(each_plan(d->s, has_sick_leave_2021, NULL));
}

/* seed 000 §4 målkedja: "Sänka sjukfrånvaron för medarbetare" with 5,7 %
 * in total, 6,5 % for women and "≤ 4,7 %" for men in 2016, and a link up
 * the chain */
static bool has_chain_goal(rt_store *s, const struct rt_plan_doc *d, void *ctx)
{
	(void)s;
	(void)ctx;
	for (size_t g = 0; g < d->n_goals; g++) {
		if (strcmp(d->goals[g].title, "Sänka sjukfrånvaron för medarbetare") != 0)
			continue;
		assert_int_not_equal(d->goals[g].serves_goal_id, 0);
		for (size_t i = 0; i < d->n_indicators; i++) {
			if (d->indicators[i].goal_id != d->goals[g].id)
				continue;
			int64_t id = d->indicators[i].id;
			const struct rt_target *tot = target_of(d, id, 2016, RT_GENDER_TOTAL);
			const struct rt_target *w = target_of(d, id, 2016, RT_GENDER_WOMEN);
			const struct rt_target *m = target_of(d, id, 2016, RT_GENDER_MEN);
			if (!tot || !w || !m)
				continue;
			assert_string_equal(tot->text, "5,7 %");
			assert_string_equal(w->text, "6,5 %");
			assert_string_equal(m->text, "≤ 4,7 %");
			assert_int_equal(m->spec.cmp, RT_CMP_LE);
			assert_float_equal(m->spec.value, 4.7, 1e-9);
			return true;
		}
	}
	return false;
}

static void test_seed000_chain(void **state)
{
	struct demo *d = *state;
	skip_without_data();
	assert_true(each_plan(d->s, has_chain_goal, NULL));
}

/* Every demo plan exports; the documents name the format. */
static bool exports(rt_store *s, const struct rt_plan_doc *d, void *ctx)
{
	rt_buf out = RT_BUF_INIT;
	rt_err err = RT_ERR_INIT;
	int rc = rt_export_plan_json(s, d->plan.id, &out, &err);
	if (rc)
		fprintf(stderr, "export %s: %s\n", d->plan.title, err.msg);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out.buf, "\"format\": \"rodtrad-plans/1\""));
	rt_buf_release(&out);
	(*(int *)ctx)++;
	return false;
}

static void test_every_plan_exports(void **state)
{
	struct demo *d = *state;
	int n = 0;
	each_plan(d->s, exports, &n);
	assert_int_equal((size_t)n, d->st.plans);
}

/* The real data survives the codec: every demo plan exported, imported in
 * the same order into an empty database (chain targets first) and exported
 * again gives the same bytes. */
static void test_every_plan_round_trips(void **state)
{
	struct demo *d = *state;
	skip_without_data();
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_plan *plans = NULL;
	size_t n = 0;
	assert_int_equal(rt_store_plan_list(d->s, &a, &plans, &n, &err), 0);
	rt_buf *first = calloc(n, sizeof(*first));
	int64_t *ids = calloc(n, sizeof(*ids));
	const char **keys = calloc(n, sizeof(*keys));
	for (size_t i = 0; i < n; i++) {
		first[i] = (rt_buf)RT_BUF_INIT;
		ids[i] = plans[i].id;
		keys[i] = plans[i].key;
	}
	/* plan_list is in display order; import in id order, as the demo did */
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			if (ids[k] < ids[i]) {
				int64_t t = ids[i];
				const char *tk = keys[i];
				ids[i] = ids[k];
				keys[i] = keys[k];
				ids[k] = t;
				keys[k] = tk;
			}
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rt_export_plan_json(d->s, ids[i], &first[i], &err), 0);

	char *path = rt_test_db("demo-roundtrip.db");
	rt_store *b = NULL;
	assert_int_equal(rt_store_open(&b, path, RT_STORE_OPEN_CREATE, &err), 0);
	for (size_t i = 0; i < n; i++) {
		int rc = rt_import_json_text(b, "test", "export.json", first[i].buf, first[i].len,
		                             NULL, &err);
		if (rc)
			fprintf(stderr, "re-import of plan %lld: %s\n", (long long)ids[i], err.msg);
		assert_int_equal(rc, 0);
	}
	for (size_t i = 0; i < n; i++) {
		rt_buf second = RT_BUF_INIT;
		int64_t id = 0;
		assert_non_null(keys[i]);
		assert_int_equal(rt_store_find_key(b, "plan", keys[i], &id, &err), 0);
		assert_int_equal(rt_export_plan_json(b, id, &second, &err), 0);
		if (strcmp(first[i].buf, second.buf))
			fprintf(stderr, "first:\n%s\nsecond:\n%s\n", first[i].buf, second.buf);
		assert_string_equal(first[i].buf, second.buf);
		rt_buf_release(&second);
		rt_buf_release(&first[i]);
	}
	rt_store_close(b);
	free(path);
	free(first);
	free(ids);
	free(keys);
	rt_arena_release(&a);
}

/* A second load into the same database fails on the first plan and
 * changes nothing. */
static void test_second_load_rolls_back(void **state)
{
	struct demo *d = *state;
	skip_without_data();
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_audit_row *rows = NULL;
	size_t before = 0, after = 0;
	assert_int_equal(rt_store_audit_list(d->s, &a, NULL, 0, &rows, &before, &err), 0);
	struct rt_import_stats st = { 0 };
	assert_int_equal(rt_demo_load(d->s, &st, &err), RT_ECONFLICT);
	assert_non_null(strstr(err.msg, "finns redan"));
	assert_non_null(strstr(err.msg, rt_demo_files[0].name));
	assert_int_equal(rt_store_audit_list(d->s, &a, NULL, 0, &rows, &after, &err), 0);
	assert_int_equal(after, before);
	rt_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loads_everything),
		cmocka_unit_test(test_halland_plan),
		cmocka_unit_test(test_seed003_sick_leave),
		cmocka_unit_test(test_seed000_chain),
		cmocka_unit_test(test_every_plan_exports),
		cmocka_unit_test(test_every_plan_round_trips),
		cmocka_unit_test(test_second_load_rolls_back),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
