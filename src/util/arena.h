/* rt_arena: bump allocation for documents that are read, used and dropped
 * together (a plan loaded from the store, a parsed JSON file). Everything
 * allocated from an arena is freed by one rt_arena_release; nothing in it is
 * freed on its own. Memory is zeroed. */
#ifndef RT_UTIL_ARENA_H
#define RT_UTIL_ARENA_H
#include <stddef.h>

struct rt_arena_block;
typedef struct rt_arena {
	struct rt_arena_block *head;
} rt_arena;

#define RT_ARENA_INIT { 0 }

void *rt_arena_alloc(rt_arena *a, size_t n);
char *rt_arena_strdup(rt_arena *a, const char *s);          /* NULL stays NULL */
char *rt_arena_strndup(rt_arena *a, const char *s, size_t n);
char *rt_arena_sprintf(rt_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Make room for `need` elements of `size` in the array *items whose capacity
 * is *cap; the old block stays in the arena (it is freed with the arena). */
void rt_arena_reserve(rt_arena *a, void **items, size_t size, size_t *cap, size_t need);
void rt_arena_release(rt_arena *a);

/* Append one zeroed element to an arena array; evaluates to its address. */
#define RT_ARENA_PUSH(arena, items, n, cap)                                               \
	(rt_arena_reserve((arena), (void **)&(items), sizeof(*(items)), &(cap), (n) + 1), \
	 &(items)[(n)++])

#endif
