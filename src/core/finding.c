/* Validation findings: an append-only list with Swedish messages.
 * Pure: no I/O. */
#include "core/finding.h"
#include "util/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rt_findings_add(struct rt_findings *f, enum rt_severity sev, const char *rule,
                     const char *entity, int64_t entity_id, const char *fmt, ...)
{
	RT_ALLOC_GROW(f->items, f->n + 1, f->cap);
	struct rt_finding *it = &f->items[f->n++];
	memset(it, 0, sizeof(*it));
	it->severity = sev;
	it->rule = rule ? rule : "";
	it->entity = entity ? entity : "";
	it->entity_id = entity_id;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(it->message, sizeof(it->message), fmt, ap);
	va_end(ap);
}

size_t rt_findings_errors(const struct rt_findings *f)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (f->items[i].severity == RT_SEV_ERROR) n++;
	return n;
}

void rt_findings_release(struct rt_findings *f)
{
	free(f->items);
	f->items = NULL;
	f->n = f->cap = 0;
}

const char *rt_severity_label(enum rt_severity s)
{
	switch (s) {
	case RT_SEV_ERROR: return "Fel";
	case RT_SEV_WARNING: return "Varning";
	}
	return "";
}
