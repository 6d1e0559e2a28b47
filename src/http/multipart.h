/* multipart/form-data bodies (RFC 7578), for the upload form at /import.
 * The server hands handlers the raw body (at most its max_body); this
 * splits it into parts without copying the data. Limits: at most
 * RT_MULTIPART_MAX_PARTS parts and RT_MULTIPART_MAX_HEAD bytes of headers
 * per part; anything malformed is RT_EINVAL with a Swedish message. */
#ifndef RT_HTTP_MULTIPART_H
#define RT_HTTP_MULTIPART_H
#include <stddef.h>
#include "util/arena.h"
#include "util/err.h"

#define RT_MULTIPART_MAX_PARTS 16
#define RT_MULTIPART_MAX_HEAD 8192

struct rt_multipart_part {
	const char *name;          /* the form field (Content-Disposition name) */
	const char *filename;      /* NULL unless a file was sent */
	const char *data;          /* points into the body; not NUL-terminated */
	size_t len;
};

/* `content_type` is the whole header ("multipart/form-data; boundary=…").
 * Names and filenames are allocated in `a`. */
int rt_multipart_parse(rt_arena *a, const char *content_type, const char *body, size_t len,
                       struct rt_multipart_part *parts, size_t *n_parts, rt_err *err);

/* The first part called `name`, or NULL. */
const struct rt_multipart_part *rt_multipart_get(const struct rt_multipart_part *parts, size_t n,
                                                 const char *name);

#endif
