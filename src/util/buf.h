/* rt_buf: the one growable string type (after git's strbuf).
 * Invariants: `buf` is never NULL (it points at a shared empty string until
 * the first append), the content is always NUL-terminated, and len < alloc
 * once anything is allocated. rt_buf_detach is the only way to take the
 * memory; after it, and after rt_buf_release, the buffer is RT_BUF_INIT again. */
#ifndef RT_UTIL_BUF_H
#define RT_UTIL_BUF_H
#include <stddef.h>

typedef struct rt_buf {
	size_t alloc;
	size_t len;
	char *buf;
} rt_buf;

extern char rt_buf_empty[];
#define RT_BUF_INIT { 0, 0, rt_buf_empty }

void rt_buf_init(rt_buf *b, size_t hint);
void rt_buf_release(rt_buf *b);
char *rt_buf_detach(rt_buf *b, size_t *len);
void rt_buf_grow(rt_buf *b, size_t extra);
void rt_buf_reset(rt_buf *b);                 /* len = 0, keeps memory */
void rt_buf_setlen(rt_buf *b, size_t len);    /* truncate */

void rt_buf_add(rt_buf *b, const void *data, size_t len);
void rt_buf_addstr(rt_buf *b, const char *s);
void rt_buf_addch(rt_buf *b, char c);
void rt_buf_addf(rt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Escaping appenders: HTML text/attribute (& < > " '), and a JSON string body
 * without the surrounding quotes (control characters as \uXXXX). */
void rt_buf_add_html(rt_buf *b, const char *s);
void rt_buf_add_json(rt_buf *b, const char *s);

/* Trim ASCII whitespace on both ends. */
void rt_buf_trim(rt_buf *b);

#endif
