/* The UI's static assets (the files in src/web/static), embedded at build time by
 * cmake/embed_files.cmake so the binary serves them without files on disk.
 * Only names in the table exist: a request for anything else, "../" and
 * all, is simply not found. */
#include "web/web.h"

#include <string.h>

#include "util/embedded.h"

extern const struct rt_embedded_file rt_web_static_files[];

static const char *mime_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot) return "application/octet-stream";
	if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
	if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".svg")) return "image/svg+xml";
	if (!strcmp(dot, ".txt")) return "text/plain; charset=utf-8";
	return "application/octet-stream";
}

const char *rt_web_static(const char *name, size_t *len, const char **content_type)
{
	if (!name)
		return NULL;
	for (const struct rt_embedded_file *f = rt_web_static_files; f->name; f++)
		if (!strcmp(f->name, name)) {
			if (len) *len = f->len;
			if (content_type) *content_type = mime_of(name);
			return f->data;
		}
	return NULL;
}
