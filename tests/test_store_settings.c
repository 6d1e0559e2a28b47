/* Settings in the store (migration 0003, sqlite_followup.c): put, get and
 * remove a setting per org unit or for the whole database, every write
 * audited with its before/after image, the nearest default tolerance up the
 * org tree, and refusals that change nothing. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

struct fx {
	char *path;
	rt_store *s;
	rt_err err;
	rt_arena a;
	int64_t region, board;
};

#define OK(f, call)                                                      \
	do {                                                             \
		int rc_ = (call);                                        \
		if (rc_ != 0)                                            \
			fail_msg("%s: %d %s", #call, rc_, (f)->err.msg); \
	} while (0)

/* A region with a board under it. */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->path = rt_test_db("store_settings.db");
	if (rt_store_open(&f->s, f->path, RT_STORE_OPEN_CREATE, &f->err) != 0)
		return -1;
	*state = f;
	OK(f, rt_store_begin(f->s, "setup", &f->err));
	struct rt_org_unit r = { 0, 0, RT_ORG_REGION, "rjh", "Region Jämtland Härjedalen", NULL };
	OK(f, rt_store_org_put(f->s, &r, &f->err));
	struct rt_org_unit b = { 0, r.id, RT_ORG_BOARD, "rjh-rs", "Regionstyrelsen", NULL };
	OK(f, rt_store_org_put(f->s, &b, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
	f->region = r.id;
	f->board = b.id;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	rt_store_close(f->s);
	rt_arena_release(&f->a);
	free(f->path);
	free(f);
	return 0;
}

static void put(struct fx *f, int64_t org, const char *value)
{
	OK(f, rt_store_begin(f->s, "anna", &f->err));
	OK(f, rt_store_setting_put(f->s, org, "default_tolerance", value, &f->err));
	OK(f, rt_store_commit(f->s, &f->err));
}

static void expect_tolerance(struct fx *f, int64_t org, bool found, double want)
{
	double tol = 0;
	bool got = !found;
	OK(f, rt_store_default_tolerance(f->s, org, &tol, &got, &f->err));
	assert_int_equal(got, found);
	if (found)
		assert_true(tol == want);
	else
		assert_true(tol < 0);
}

static void test_nearest_up_the_tree(void **state)
{
	struct fx *f = *state;
	expect_tolerance(f, f->board, false, 0);
	put(f, 0, "15");
	expect_tolerance(f, f->board, true, 15);
	expect_tolerance(f, f->region, true, 15);
	put(f, f->region, "12,5");
	expect_tolerance(f, f->board, true, 12.5);
	put(f, f->board, "5");
	expect_tolerance(f, f->board, true, 5);
	expect_tolerance(f, f->region, true, 12.5);
	/* removing the board's own lets the region's apply again */
	put(f, f->board, NULL);
	expect_tolerance(f, f->board, true, 12.5);
	put(f, f->region, NULL);
	put(f, 0, NULL);
	expect_tolerance(f, f->board, false, 0);
	/* removing what is not set is no error */
	put(f, 0, NULL);
}

static void test_get_put_audited(void **state)
{
	struct fx *f = *state;
	char *v = NULL;
	assert_int_equal(rt_store_setting_get(f->s, &f->a, f->region, "default_tolerance", &v,
	                                      &f->err), RT_ENOTFOUND);
	put(f, f->region, "20");
	put(f, f->region, "7,5");
	OK(f, rt_store_setting_get(f->s, &f->a, f->region, "default_tolerance", &v, &f->err));
	assert_string_equal(v, "7,5");
	put(f, f->region, NULL);
	assert_int_equal(rt_store_setting_get(f->s, &f->a, f->region, "default_tolerance", &v,
	                                      &f->err), RT_ENOTFOUND);

	struct rt_audit_row *rows;
	size_t n;
	OK(f, rt_store_audit_list(f->s, &f->a, "setting", 0, &rows, &n, &f->err));
	/* this test's three writes are the last three */
	assert_true(n >= 3);
	struct rt_audit_row *ins = &rows[n - 3], *upd = &rows[n - 2], *del = &rows[n - 1];
	char want[160];
	assert_string_equal(ins->action, "insert");
	assert_string_equal(ins->actor, "anna");
	assert_null(ins->before);
	snprintf(want, sizeof(want),
	         "{\"id\":%lld,\"name\":\"default_tolerance\",\"org_unit_id\":%lld,\"value\":\"20\"}",
	         (long long)ins->entity_id, (long long)f->region);
	assert_string_equal(ins->after, want);
	assert_string_equal(upd->action, "update");
	assert_string_equal(upd->before, want);
	assert_int_equal(upd->entity_id, ins->entity_id);
	snprintf(want, sizeof(want),
	         "{\"id\":%lld,\"name\":\"default_tolerance\",\"org_unit_id\":%lld,\"value\":\"7,5\"}",
	         (long long)ins->entity_id, (long long)f->region);
	assert_string_equal(upd->after, want);
	assert_string_equal(del->action, "delete");
	assert_string_equal(del->before, want);
	assert_null(del->after);
}

static void test_refusals(void **state)
{
	struct fx *f = *state;
	/* outside a transaction */
	assert_int_equal(rt_store_setting_put(f->s, 0, "default_tolerance", "5", &f->err),
	                 RT_ESTATE);
	/* an unknown org unit and an unknown name: nothing written, no audit */
	struct rt_audit_row *rows;
	size_t before, after;
	OK(f, rt_store_audit_list(f->s, &f->a, "setting", 0, &rows, &before, &f->err));
	OK(f, rt_store_begin(f->s, "anna", &f->err));
	assert_int_equal(rt_store_setting_put(f->s, 9999, "default_tolerance", "5", &f->err),
	                 RT_ENOTFOUND);
	assert_int_not_equal(rt_store_setting_put(f->s, 0, "colour", "red", &f->err), 0);
	OK(f, rt_store_commit(f->s, &f->err));
	OK(f, rt_store_audit_list(f->s, &f->a, "setting", 0, &rows, &after, &f->err));
	assert_int_equal(before, after);
	expect_tolerance(f, f->board, false, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nearest_up_the_tree),
		cmocka_unit_test(test_get_put_audited),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
