/* Files embedded into the binary at build time (cmake/embed_files.cmake):
 * the demo data, so `rodtrad demo` works wherever the binary is copied. */
#ifndef RT_UTIL_EMBEDDED_H
#define RT_UTIL_EMBEDDED_H
#include <stddef.h>

struct rt_embedded_file {
	const char *name;    /* base name, e.g. "region-halland.json" */
	const char *data;    /* NUL-terminated */
	size_t len;
};

#endif
