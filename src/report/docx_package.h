/* The zip of an Office Open XML package (DOCX), built in memory with
 * libzip, shared by the follow-up report (followup_docx.c) and the
 * documents of doc_sink.h. Deterministic: every part has the same fixed
 * DOS time (2000-01-01 00:00, independent of the local time zone) and is
 * deflated, so the same document gives the same bytes. */
#ifndef RT_REPORT_DOCX_PACKAGE_H
#define RT_REPORT_DOCX_PACKAGE_H
#include <stddef.h>
#include "util/buf.h"

struct rt_docx_part {
	const char *name;                  /* "word/document.xml" */
	const char *data;
	size_t len;
};

/* The parts in the order given ([Content_Types].xml first, as readers that
 * stream the zip expect) into out. Returns 0, or -1 if libzip fails. */
int rt_docx_package(const struct rt_docx_part *parts, size_t n, rt_buf *out);

#endif
