/* rt_buf implementation; invariants are documented in buf.h. */
#include "util/buf.h"
#include "util/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char rt_buf_empty[1];

void rt_buf_init(rt_buf *b, size_t hint)
{
	b->alloc = b->len = 0;
	b->buf = rt_buf_empty;
	if (hint) rt_buf_grow(b, hint);
}

void rt_buf_release(rt_buf *b)
{
	if (b->alloc) free(b->buf);
	rt_buf_init(b, 0);
}

char *rt_buf_detach(rt_buf *b, size_t *len)
{
	char *s = b->alloc ? b->buf : rt_xstrdup("");
	if (len) *len = b->len;
	rt_buf_init(b, 0);
	return s;
}

void rt_buf_grow(rt_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->alloc) return;
	size_t cap = b->alloc ? b->alloc : 64;
	while (cap < need) cap *= 2;
	if (b->alloc) {
		b->buf = rt_xrealloc(b->buf, cap);
	} else {
		b->buf = rt_xmalloc(cap);
		b->buf[0] = '\0';
	}
	b->alloc = cap;
}

void rt_buf_reset(rt_buf *b) { rt_buf_setlen(b, 0); }

void rt_buf_setlen(rt_buf *b, size_t len)
{
	if (!b->alloc) return;
	if (len > b->len) len = b->len;
	b->len = len;
	b->buf[len] = '\0';
}

void rt_buf_add(rt_buf *b, const void *data, size_t len)
{
	if (!len) return;
	if (b->len + len >= b->alloc) rt_buf_grow(b, len);
	memcpy(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
}

void rt_buf_addstr(rt_buf *b, const char *s)
{
	if (s) rt_buf_add(b, s, strlen(s));
}

void rt_buf_addch(rt_buf *b, char c)
{
	if (b->len + 2 > b->alloc) rt_buf_grow(b, 1);
	b->buf[b->len++] = c;
	b->buf[b->len] = '\0';
}

void rt_buf_addf(rt_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		rt_buf_grow(b, (size_t)n);
		vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap2);
		b->len += (size_t)n;
	}
	va_end(ap2);
}

/* Bytes that end a plain run in rt_buf_add_html: NUL and the five it escapes. */
static const unsigned char html_stop[256] = {
	[0] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
};

/* Runs between special bytes are copied at once: every text of a compiled
 * report (tens of MB for a region) goes through here. */
void rt_buf_add_html(rt_buf *b, const char *s)
{
	if (!s) return;
	for (;;) {
		const char *run = s;
		while (!html_stop[(unsigned char)*s]) s++;
		rt_buf_add(b, run, (size_t)(s - run));
		const char *esc;
		size_t n;
		switch (*s++) {
		case '&': esc = "&amp;"; n = 5; break;
		case '<': esc = "&lt;"; n = 4; break;
		case '>': esc = "&gt;"; n = 4; break;
		case '"': esc = "&quot;"; n = 6; break;
		case '\'': esc = "&#39;"; n = 5; break;
		default: return;                              /* the NUL */
		}
		rt_buf_add(b, esc, n);
	}
}

void rt_buf_add_json(rt_buf *b, const char *s)
{
	if (!s) return;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"': rt_buf_addstr(b, "\\\""); break;
		case '\\': rt_buf_addstr(b, "\\\\"); break;
		case '\n': rt_buf_addstr(b, "\\n"); break;
		case '\r': rt_buf_addstr(b, "\\r"); break;
		case '\t': rt_buf_addstr(b, "\\t"); break;
		default:
			if (c < 0x20) rt_buf_addf(b, "\\u%04x", c);
			else rt_buf_addch(b, (char)c);
		}
	}
}

void rt_buf_trim(rt_buf *b)
{
	size_t start = 0, end = b->len;
	while (start < end && strchr(" \t\r\n\f\v", b->buf[start])) start++;
	while (end > start && strchr(" \t\r\n\f\v", b->buf[end - 1])) end--;
	if (!b->alloc) return;
	memmove(b->buf, b->buf + start, end - start);
	b->len = end - start;
	b->buf[b->len] = '\0';
}
