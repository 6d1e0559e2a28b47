/* rt_arena: zeroed, aligned memory; allocations larger than a block;
 * string helpers; array growth that keeps the contents; one release. */
#include "test_util.h"
#include "util/arena.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void test_alloc_zeroed_aligned(void **state)
{
	(void)state;
	rt_arena a = RT_ARENA_INIT;
	for (size_t n = 1; n < 200; n += 7) {
		unsigned char *p = rt_arena_alloc(&a, n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
		for (size_t i = 0; i < n; i++) assert_int_equal(p[i], 0);
		memset(p, 0xff, n);   /* the next allocation must not see this */
	}
	rt_arena_release(&a);
	assert_null(a.head);
}

static void test_growth(void **state)
{
	(void)state;
	rt_arena a = RT_ARENA_INIT;
	/* many small allocations span several blocks and stay intact */
	int *ptrs[5000];
	for (int i = 0; i < 5000; i++) {
		ptrs[i] = rt_arena_alloc(&a, sizeof(int) * 4);
		ptrs[i][0] = i;
		ptrs[i][3] = -i;
	}
	for (int i = 0; i < 5000; i++) {
		assert_int_equal(ptrs[i][0], i);
		assert_int_equal(ptrs[i][3], -i);
	}
	/* one allocation larger than a block */
	size_t big = 100000;
	unsigned char *p = rt_arena_alloc(&a, big);
	assert_int_equal(p[0], 0);
	assert_int_equal(p[big - 1], 0);
	memset(p, 1, big);
	int *after = rt_arena_alloc(&a, sizeof(int));
	assert_int_equal(*after, 0);
	assert_int_equal(ptrs[4999][0], 4999);
	rt_arena_release(&a);
	rt_arena_release(&a);   /* twice is harmless */
}

static void test_strings(void **state)
{
	(void)state;
	rt_arena a = RT_ARENA_INIT;
	assert_null(rt_arena_strdup(&a, NULL));
	assert_null(rt_arena_strndup(&a, NULL, 3));
	char *s = rt_arena_strdup(&a, "Regionstyrelsen");
	assert_string_equal(s, "Regionstyrelsen");
	char *t = rt_arena_strndup(&a, "Regionstyrelsen", 6);
	assert_string_equal(t, "Region");
	char *f = rt_arena_sprintf(&a, "%s %d", "Mål", 3);
	assert_string_equal(f, "Mål 3");
	char *e = rt_arena_sprintf(&a, "%s", "");
	assert_string_equal(e, "");
	assert_string_equal(s, "Regionstyrelsen");
	rt_arena_release(&a);
}

struct item { int64_t id; char *name; };

static void test_push_reserve(void **state)
{
	(void)state;
	rt_arena a = RT_ARENA_INIT;
	struct item *items = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 1000; i++) {
		struct item *it = RT_ARENA_PUSH(&a, items, n, cap);
		assert_int_equal(it->id, 0);   /* zeroed */
		assert_null(it->name);
		it->id = i + 1;
		it->name = rt_arena_sprintf(&a, "mål-%d", i);
	}
	assert_int_equal(n, 1000);
	assert_true(cap >= 1000);
	for (int i = 0; i < 1000; i++) {
		assert_int_equal(items[i].id, i + 1);
		char want[16];
		snprintf(want, sizeof(want), "mål-%d", i);
		assert_string_equal(items[i].name, want);
	}
	size_t old_cap = cap;
	rt_arena_reserve(&a, (void **)&items, sizeof(*items), &cap, 10);
	assert_int_equal(cap, old_cap);   /* enough room already: unchanged */
	rt_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_zeroed_aligned),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_push_reserve),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
