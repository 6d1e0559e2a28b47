/* Outcome CSV import (see outcome_csv.h): checks the encoding, splits the
 * file into records (RFC 4180 quoting, ';' or ','), maps the header and
 * writes every row through rt_followup_outcome_put in one transaction. */
#include "ingest/outcome_csv.h"

#include <stdbool.h>
#include <string.h>

#include "ingest/followup_entry.h"
#include "util/buf.h"
#include "util/text.h"

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid.
 * Overlong forms, surrogates and code points above U+10FFFF are invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80) return 1;
	size_t len;
	unsigned lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF) len = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0) lo = 0xA0;
		if (c == 0xED) hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0) lo = 0x90;
		if (c == 0xF4) hi = 0x8F;
	} else return 0;
	if (n < len || s[1] < lo || s[1] > hi) return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xBF) return 0;
	return len;
}

/* The whole file must be UTF-8 before anything is read from it: a file saved
 * as Windows-1252 ("V\xe4rde") would otherwise be stored as broken text. */
static int check_utf8(const char *name, const char *data, size_t len, rt_err *err)
{
	size_t line = 1;
	for (size_t i = 0; i < len;) {
		if (data[i] == '\0')
			return rt_err_set(err, RT_EINVAL, "", "%s, rad %zu: filen innehåller en "
			                  "NUL-byte och är ingen textfil", name, line);
		size_t n = utf8_len((const unsigned char *)data + i, len - i);
		if (!n)
			return rt_err_set(err, RT_EINVAL, "",
			                  "%s, rad %zu: filen är inte UTF-8 (byte 0x%02X). Spara den "
			                  "som \"CSV UTF-8\" och försök igen", name, line,
			                  (unsigned char)data[i]);
		if (data[i] == '\n')
			line++;
		i += n;
	}
	return 0;
}

/* ---- records ------------------------------------------------------------------ */

#define MAX_FIELDS 16

struct reader {
	const char *p, *end;
	char delim;
	size_t line;           /* line of the next byte */
};

struct record {
	size_t line;           /* where the record starts */
	size_t n;
	rt_buf f[MAX_FIELDS];
	bool too_many;
};

static void record_release(struct record *r)
{
	for (size_t i = 0; i < MAX_FIELDS; i++)
		rt_buf_release(&r->f[i]);
}

/* Reads one record. Returns 1 read, 0 at the end, <0 on a quoting error. */
static int read_record(struct reader *rd, struct record *r, const char *name, rt_err *err)
{
	for (size_t i = 0; i < MAX_FIELDS; i++)
		rt_buf_reset(&r->f[i]);
	r->n = 0;
	r->too_many = false;
	if (rd->p >= rd->end)
		return 0;
	r->line = rd->line;
	size_t cur = 0;
	r->n = 1;
	bool quoted = false, was_quoted = false;
	while (rd->p < rd->end) {
		char c = *rd->p++;
		if (quoted) {
			if (c == '"') {
				if (rd->p < rd->end && *rd->p == '"') {
					rt_buf_addch(&r->f[cur], '"');
					rd->p++;
				} else {
					quoted = false;
				}
				continue;
			}
			if (c == '\n')
				rd->line++;
			rt_buf_addch(&r->f[cur], c);
			continue;
		}
		if (c == '\r' && rd->p < rd->end && *rd->p == '\n')
			continue;
		if (c == '\n') {
			rd->line++;
			return 1;
		}
		if (c == rd->delim) {
			if (++cur >= MAX_FIELDS) {
				r->too_many = true;
				cur = MAX_FIELDS - 1;
			}
			r->n = cur + 1;
			was_quoted = false;
			continue;
		}
		if (c == '"' && r->f[cur].len == 0 && !was_quoted) {
			quoted = was_quoted = true;
			continue;
		}
		rt_buf_addch(&r->f[cur], c);
	}
	if (quoted)
		return rt_err_set(err, RT_EINVAL, "", "%s, rad %zu: ett citattecken (\") stängs "
		                  "aldrig", name, r->line);
	return 1;
}

static bool record_blank(const struct record *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (!rt_str_blank(r->f[i].buf))
			return false;
	return true;
}

/* ---- header ------------------------------------------------------------------- */

enum column { COL_INDICATOR, COL_PERIOD, COL_VALUE, COL_COMMENT, N_COLUMNS };

static const struct {
	const char *name;
	enum column col;
} header_names[] = {
	{ "indikator", COL_INDICATOR }, { "period", COL_PERIOD }, { "värde", COL_VALUE },
	{ "utfall", COL_VALUE }, { "kommentar", COL_COMMENT },
};

/* Header names compare without case (ASCII and Å/Ä/Ö) and surrounding space. */
static bool header_eq(const char *got, const char *want)
{
	rt_buf b = RT_BUF_INIT;
	rt_followup_fold(&b, got);
	bool eq = !strcmp(b.buf, want);
	rt_buf_release(&b);
	return eq;
}

static int map_header(const struct record *h, const char *name, int idx[N_COLUMNS], rt_err *err)
{
	for (int c = 0; c < N_COLUMNS; c++)
		idx[c] = -1;
	for (size_t i = 0; i < h->n; i++) {
		int col = -1;
		for (size_t k = 0; k < sizeof(header_names) / sizeof(header_names[0]); k++)
			if (header_eq(h->f[i].buf, header_names[k].name))
				col = (int)header_names[k].col;
		if (col < 0)
			return rt_err_set(err, RT_EINVAL, "", "%s, rad %zu: okänd kolumn '%.40s'; "
			                  "rubrikraden ska vara indikator;period;värde;kommentar",
			                  name, h->line, h->f[i].buf);
		if (idx[col] >= 0)
			return rt_err_set(err, RT_EINVAL, "", "%s, rad %zu: kolumnen '%.40s' finns två "
			                  "gånger", name, h->line, h->f[i].buf);
		idx[col] = (int)i;
	}
	static const char *const needed[] = { "indikator", "period", "värde" };
	for (int c = 0; c < COL_COMMENT; c++)
		if (idx[c] < 0)
			return rt_err_set(err, RT_EINVAL, "", "%s, rad %zu: kolumnen '%s' saknas; "
			                  "rubrikraden ska vara indikator;period;värde;kommentar",
			                  name, h->line, needed[c]);
	return 0;
}

/* ---- rows --------------------------------------------------------------------- */

static const char *field(const struct record *r, int idx)
{
	return idx >= 0 && (size_t)idx < r->n ? r->f[idx].buf : NULL;
}

static int import_row(rt_store *s, const struct record *r, const int idx[N_COLUMNS],
                      size_t n_header, const char *by, const char *name,
                      struct rt_outcome_csv_stats *st, rt_err *err)
{
	if (r->too_many || r->n != n_header)
		return rt_err_set(err, RT_EINVAL, "", "%s, rad %zu: %zu fält men rubriken har %zu; "
		                  "ett värde med decimalkomma i en kommaseparerad fil skrivs inom "
		                  "citattecken, t.ex. \"5,4 %%\"", name, r->line, r->n, n_header);
	rt_buf value = RT_BUF_INIT, comment = RT_BUF_INIT;
	rt_buf_addstr(&value, field(r, idx[COL_VALUE]));
	rt_buf_trim(&value);
	rt_buf_addstr(&comment, field(r, idx[COL_COMMENT]) ? field(r, idx[COL_COMMENT]) : "");
	rt_buf_trim(&comment);
	struct rt_outcome_request rq;
	memset(&rq, 0, sizeof(rq));
	rq.indicator = field(r, idx[COL_INDICATOR]);
	rq.period = field(r, idx[COL_PERIOD]);
	rq.gender = RT_GENDER_TOTAL;
	rq.in.text = value.len ? value.buf : NULL;
	/* an empty kommentar cell keeps the comment a correction had */
	rq.in.comment = comment.len ? comment.buf : NULL;
	rq.by = by;
	rt_arena a = RT_ARENA_INIT;
	struct rt_outcome_result res;
	rt_err e = RT_ERR_INIT;
	int rc = rt_followup_outcome_put(s, &a, &rq, &res, &e);
	if (rc)
		rt_err_set(err, rc, e.field, "%s, rad %zu: %s", name, r->line, e.msg);
	else if (res.updated)
		st->updated++;
	else
		st->inserted++;
	st->rows++;
	rt_arena_release(&a);
	rt_buf_release(&value);
	rt_buf_release(&comment);
	return rc;
}

int rt_import_outcome_csv(rt_store *s, const char *actor, const char *by,
                          const char *source_name, const char *data, size_t len,
                          struct rt_outcome_csv_stats *st, rt_err *err)
{
	memset(st, 0, sizeof(*st));
	const char *name = source_name ? source_name : "CSV-filen";
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	int rc = check_utf8(name, data, len, err);
	if (rc)
		return rc;

	/* The delimiter is the header's: ';' (Swedish Excel) unless it has none. */
	const char *nl = memchr(data, '\n', len);
	size_t hlen = nl ? (size_t)(nl - data) : len;
	struct reader rd = { data, data + len, memchr(data, ';', hlen) ? ';' : ',', 1 };
	struct record rec;
	memset(&rec, 0, sizeof(rec));
	for (size_t i = 0; i < MAX_FIELDS; i++)
		rec.f[i] = (rt_buf)RT_BUF_INIT;

	int idx[N_COLUMNS];
	do {
		rc = read_record(&rd, &rec, name, err);
	} while (rc == 1 && record_blank(&rec));
	if (rc == 0)
		rc = rt_err_set(err, RT_EINVAL, "", "%s är tom; första raden ska vara "
		                "indikator;period;värde;kommentar", name);
	if (rc < 0 || (rc = map_header(&rec, name, idx, err)) != 0) {
		record_release(&rec);
		return rc;
	}
	size_t n_header = rec.n;

	if ((rc = rt_store_begin(s, actor, err)) != 0) {
		record_release(&rec);
		return rc;
	}
	while ((rc = read_record(&rd, &rec, name, err)) == 1) {
		if (record_blank(&rec))
			continue;
		if ((rc = import_row(s, &rec, idx, n_header, by, name, st, err)) != 0)
			break;
	}
	record_release(&rec);
	if (rc == 0 && st->rows == 0)
		rc = rt_err_set(err, RT_EINVAL, "", "%s har inga rader med utfall efter rubriken",
		                name);
	if (rc == 0)
		return rt_store_commit(s, err);
	rt_store_rollback(s);
	memset(st, 0, sizeof(*st));
	return rc;
}
