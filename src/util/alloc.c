/* Checked allocation wrappers; see alloc.h for why they abort. */
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die_oom(size_t n)
{
	fprintf(stderr, "rodtrad: slut på minne (%zu byte)\n", n);
	abort();
}

void *rt_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) die_oom(n);
	return p;
}

void *rt_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p) die_oom(count * size);
	return p;
}

void *rt_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) die_oom(n);
	return q;
}

char *rt_xstrdup(const char *s)
{
	return s ? rt_xstrndup(s, strlen(s)) : NULL;
}

char *rt_xstrndup(const char *s, size_t n)
{
	if (!s) return NULL;
	char *d = rt_xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}
