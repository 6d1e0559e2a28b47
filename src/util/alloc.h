/* Checked allocation: the one place that handles out-of-memory, so that no
 * caller has to. On failure it prints one line and aborts; a planning tool
 * cannot do anything useful without memory and must never write half a row. */
#ifndef RT_UTIL_ALLOC_H
#define RT_UTIL_ALLOC_H
#include <stddef.h>

void *rt_xmalloc(size_t n);
void *rt_xcalloc(size_t count, size_t size);
void *rt_xrealloc(void *p, size_t n);
char *rt_xstrdup(const char *s);          /* NULL stays NULL */
char *rt_xstrndup(const char *s, size_t n);

/* Grow a heap array so that it holds at least `need` elements (git's ALLOC_GROW). */
#define RT_ALLOC_GROW(ptr, need, cap)                                           \
	do {                                                                    \
		if ((size_t)(need) > (cap)) {                                   \
			size_t rt_new_cap_ = (cap) ? (cap) * 2 : 8;             \
			while (rt_new_cap_ < (size_t)(need)) rt_new_cap_ *= 2;  \
			(ptr) = rt_xrealloc((ptr), rt_new_cap_ * sizeof(*(ptr)));\
			(cap) = rt_new_cap_;                                    \
		}                                                               \
	} while (0)

#endif
