/* The response's encoding step and request sanity checks: ETag from the
 * body, If-None-Match, gzip (zlib) for large text bodies, UTF-8 and path
 * checks. Pure functions over buffers; server.c applies them. */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "http/http_int.h"

void rt_http_etag_of(const rt_buf *body, char out[20])
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < body->len; i++) {
		h ^= (unsigned char)body->buf[i];
		h *= 1099511628211ULL;
	}
	snprintf(out, 20, "\"%016llx\"", (unsigned long long)h);
}

/* Compares one listed tag with ours ignoring W/ and a -gz suffix. */
static bool same_tag(const char *t, size_t tl, const char *etag)
{
	if (tl >= 2 && t[0] == 'W' && t[1] == '/')
		t += 2, tl -= 2;
	size_t el = strlen(etag);
	if (tl == el && !memcmp(t, etag, el))
		return true;
	/* "abc-gz" vs "abc" */
	return el >= 2 && tl == el + 3 && !memcmp(t, etag, el - 1) && !memcmp(t + el - 1, "-gz\"", 4);
}

bool rt_http_etag_matches(const char *inm, const char *etag)
{
	if (!inm || !etag)
		return false;
	const char *p = inm;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		const char *s = p;
		while (*p && *p != ',')
			p++;
		const char *e = p;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e - s == 1 && *s == '*')
			return true;
		if (e > s && same_tag(s, (size_t)(e - s), etag))
			return true;
	}
	return false;
}

/* "gzip" listed with a q-value other than 0. */
static bool accepts_gzip(const char *ae)
{
	for (const char *p = ae; (p = strstr(p, "gzip")) != NULL; p += 4) {
		if (p > ae && p[-1] != ' ' && p[-1] != ',')
			continue;
		const char *q = p + 4;
		while (*q == ' ')
			q++;
		if (*q == ',' || *q == '\0')
			return true;
		if (*q != ';')
			continue;
		q++;
		while (*q == ' ')
			q++;
		if (strncmp(q, "q=", 2))
			return true;
		q += 2;
		/* q=0, q=0.0, q=0.000 refuse it */
		if (*q == '0') {
			q++;
			if (*q == '.')
				q++;
			while (*q == '0')
				q++;
			if (*q == '\0' || *q == ',' || *q == ' ' || *q == ';')
				return false;
		}
		return true;
	}
	return false;
}

bool rt_http_want_gzip(const char *ae, const char *ct, size_t len)
{
	if (!ae || !ct || len < 1024)
		return false;
	bool text = !strncmp(ct, "text/", 5) || !strncmp(ct, "application/json", 16) ||
	            !strncmp(ct, "application/javascript", 22) || !strncmp(ct, "image/svg+xml", 13);
	return text && accepts_gzip(ae);
}

int rt_http_gzip(const rt_buf *in, rt_buf *out)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	/* 15 + 16: a gzip wrapper, not zlib's */
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return RT_EINTERNAL;
	size_t bound = deflateBound(&z, (uLong)in->len);
	rt_buf_reset(out);
	rt_buf_grow(out, bound);
	z.next_in = (Bytef *)in->buf;
	z.avail_in = (uInt)in->len;
	z.next_out = (Bytef *)out->buf;
	z.avail_out = (uInt)bound;
	int rc = deflate(&z, Z_FINISH);
	size_t n = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END)
		return RT_EINTERNAL;
	out->len = n;
	out->buf[n] = '\0';
	return 0;
}

bool rt_http_utf8_ok(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1, min = 0x80, c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2, min = 0x800, c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3, min = 0x10000, c &= 0x07;
		} else {
			return false;
		}
		if (i + n >= len)
			return false;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			c = (c << 6) | (s[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return false;
		i += n + 1;
	}
	return true;
}

bool rt_http_path_ok(const char *path)
{
	if (path[0] != '/' || !rt_http_utf8_ok(path, strlen(path)))
		return false;
	for (const char *p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return false;
	for (const char *p = path; *p;) {
		p++; /* past '/' */
		size_t n = strcspn(p, "/");
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		p += n;
	}
	return true;
}
