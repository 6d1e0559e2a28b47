/* multipart/form-data (RFC 7578 over RFC 2046 §5.1.1): the body is
 *   preamble "--B" CRLF headers CRLF CRLF data CRLF "--B" … "--B--" epilogue
 * A part's data ends at the first CRLF "--B", which the sender guarantees
 * does not occur inside it. Every scan is bounded by the body's length; the
 * data is never copied (uploads can be as large as the server's max_body). */
#include "http/multipart.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
	if (m == 0 || n < m)
		return NULL;
	for (const char *p = hay, *last = hay + (n - m); p <= last; p++) {
		p = memchr(p, needle[0], (size_t)(last - p) + 1);
		if (!p)
			return NULL;
		if (!memcmp(p, needle, m))
			return p;
	}
	return NULL;
}

static int bad(rt_err *err, const char *what)
{
	return rt_err_set(err, RT_EINVAL, "body", "Formuläret kunde inte läsas (%s)", what);
}

/* The value of parameter `key` in "type; k=v; k2=\"v 2\"", in the arena;
 * NULL when absent. Backslash escapes in quoted values are honoured. */
static char *param(rt_arena *a, const char *s, size_t len, const char *key)
{
	size_t klen = strlen(key);
	const char *end = s + len, *p = memchr(s, ';', len);
	while (p && p < end) {
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		const char *eq = memchr(p, '=', (size_t)(end - p));
		if (!eq)
			return NULL;
		const char *k_end = eq;
		while (k_end > p && (k_end[-1] == ' ' || k_end[-1] == '\t'))
			k_end--;
		bool match = (size_t)(k_end - p) == klen && !strncasecmp(p, key, klen);
		const char *v = eq + 1;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		char *out = rt_arena_alloc(a, (size_t)(end - v) + 1);
		size_t n = 0;
		if (v < end && *v == '"') {
			for (v++; v < end && *v != '"'; v++) {
				if (*v == '\\' && v + 1 < end)
					v++;
				out[n++] = *v;
			}
			if (v < end)
				v++;
		} else {
			while (v < end && *v != ';' && *v != ' ' && *v != '\t')
				out[n++] = *v++;
		}
		out[n] = '\0';
		if (match)
			return out;
		p = memchr(v, ';', (size_t)(end - v));
	}
	return NULL;
}

/* Parses the header block of one part (without the blank line). */
static int part_headers(rt_arena *a, const char *h, size_t len, struct rt_multipart_part *part,
                        rt_err *err)
{
	static const char cd[] = "Content-Disposition:";
	const char *end = h + len;
	while (h < end) {
		const char *eol = find(h, (size_t)(end - h), "\r\n", 2);
		size_t n = eol ? (size_t)(eol - h) : (size_t)(end - h);
		if (n >= sizeof(cd) - 1 && !strncasecmp(h, cd, sizeof(cd) - 1)) {
			part->name = param(a, h, n, "name");
			char *fn = param(a, h, n, "filename");
			if (fn) {
				/* Some browsers send the whole client path. */
				char *base = fn;
				for (char *c = fn; *c; c++)
					if (*c == '/' || *c == '\\')
						base = c + 1;
				part->filename = base;
			}
		}
		h += n + (eol ? 2 : 0);
	}
	if (!part->name)
		return bad(err, "en del saknar fältnamn");
	return 0;
}

int rt_multipart_parse(rt_arena *a, const char *content_type, const char *body, size_t len,
                       struct rt_multipart_part *parts, size_t *n_parts, rt_err *err)
{
	*n_parts = 0;
	const char *ct = content_type ? content_type : "";
	char *boundary = param(a, ct, strlen(ct), "boundary");
	if (strncasecmp(ct, "multipart/form-data", 19) != 0 || !boundary || !*boundary ||
	    strlen(boundary) > 70)
		return rt_err_set(err, RT_EINVAL, "Content-Type", "Formuläret måste skickas som "
		                  "multipart/form-data med en boundary");
	size_t blen = strlen(boundary);
	char *delim = rt_arena_alloc(a, blen + 5);
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, blen + 1);
	size_t dlen = blen + 4;

	/* The first delimiter may start the body (no CRLF before it). */
	const char *end = body + len, *p;
	if (len >= dlen - 2 && !memcmp(body, delim + 2, dlen - 2))
		p = body + dlen - 2;
	else if ((p = find(body, len, delim, dlen)) != NULL)
		p += dlen;
	else
		return bad(err, "ingen början på formulärets delar");
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0;   /* the close delimiter; the epilogue is ignored */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return bad(err, "ofullständig avgränsare");
		p += 2;
		if (*n_parts == RT_MULTIPART_MAX_PARTS)
			return bad(err, "för många fält");
		struct rt_multipart_part *part = &parts[*n_parts];
		memset(part, 0, sizeof(*part));
		const char *head_end;
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
			head_end = p;   /* no headers at all */
		else if (!(head_end = find(p, (size_t)(end - p), "\r\n\r\n", 4)))
			return bad(err, "en del saknar slut på rubrikerna");
		else if (head_end - p > RT_MULTIPART_MAX_HEAD)
			return bad(err, "för långa rubriker i en del");
		int rc = part_headers(a, p, (size_t)(head_end - p), part, err);
		if (rc)
			return rc;
		const char *data = head_end + (head_end == p ? 2 : 4);
		const char *stop = find(data, (size_t)(end - data), delim, dlen);
		if (!stop)
			return bad(err, "formuläret tar slut mitt i en del");
		part->data = data;
		part->len = (size_t)(stop - data);
		(*n_parts)++;
		p = stop + dlen;
	}
}

const struct rt_multipart_part *rt_multipart_get(const struct rt_multipart_part *parts, size_t n,
                                                 const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (parts[i].name && !strcmp(parts[i].name, name))
			return &parts[i];
	return NULL;
}
