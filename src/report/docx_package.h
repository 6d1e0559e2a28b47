/* The zip of an Office Open XML package (DOCX), built in memory with
 * libzip, shared by the follow-up report (followup_docx.c) and the
 * documents of doc_sink.h. Deterministic: every part has the same fixed
 * DOS time (2000-01-01 00:00, independent of the local time zone) and is
 * deflated, so the same document gives the same bytes. A big part (a
 * whole region's word/document.xml is ~35 MB) can be produced piece by
 * piece while libzip deflates it, so it is never held whole in memory. */
#ifndef RT_REPORT_DOCX_PACKAGE_H
#define RT_REPORT_DOCX_PACKAGE_H
#include <stdbool.h>
#include <stddef.h>
#include "util/buf.h"

/* Appends the next piece of a streamed part to `out`; returns false when
 * the part is complete (then `out` may hold a last piece). */
typedef bool (*rt_docx_next_fn)(void *ctx, rt_buf *out);

struct rt_docx_part {
	const char *name;                  /* "word/document.xml" */
	const char *data;                  /* the whole part, unless `next` is set */
	size_t len;
	rt_docx_next_fn next;              /* streamed part: data/len unused */
	void *ctx;                         /* for next */
	void (*rewind)(void *ctx);         /* back to the first piece; may be NULL */
};

/* The parts in the order given ([Content_Types].xml first, as readers that
 * stream the zip expect) into out. Returns 0, or -1 if libzip fails. */
int rt_docx_package(const struct rt_docx_part *parts, size_t n, rt_buf *out);

#endif
