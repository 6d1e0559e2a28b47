/* Arena allocator; see arena.h. Blocks are chained and freed together. */
#include "util/arena.h"
#include "util/alloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rt_arena_block {
	struct rt_arena_block *next;
	size_t size, used;
	max_align_t data[];
};

#define RT_ARENA_BLOCK 16384

void *rt_arena_alloc(rt_arena *a, size_t n)
{
	size_t align = _Alignof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	struct rt_arena_block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > RT_ARENA_BLOCK ? n : RT_ARENA_BLOCK;
		b = rt_xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *rt_arena_strndup(rt_arena *a, const char *s, size_t n)
{
	if (!s) return NULL;
	char *d = rt_arena_alloc(a, n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *rt_arena_strdup(rt_arena *a, const char *s)
{
	return s ? rt_arena_strndup(a, s, strlen(s)) : NULL;
}

char *rt_arena_sprintf(rt_arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = rt_arena_alloc(a, n > 0 ? (size_t)n + 1 : 1);
	if (n > 0) vsnprintf(s, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return s;
}

void rt_arena_reserve(rt_arena *a, void **items, size_t size, size_t *cap, size_t need)
{
	if (need <= *cap) return;
	size_t new_cap = *cap ? *cap * 2 : 8;
	while (new_cap < need) new_cap *= 2;
	void *p = rt_arena_alloc(a, new_cap * size);
	if (*items && *cap) memcpy(p, *items, *cap * size);
	*items = p;
	*cap = new_cap;
}

void rt_arena_release(rt_arena *a)
{
	struct rt_arena_block *b = a->head;
	while (b) {
		struct rt_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}
