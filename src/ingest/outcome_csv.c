/* Outcome import (see outcome_csv.h): checks the encoding, splits a CSV
 * file into records (RFC 4180 quoting, ';', ',' or tab) or reads an XLSX
 * sheet into the same records, maps the header and hands the rows to the
 * batch engine (outcome_batch.h), which checks and writes them. */
#include "ingest/outcome_csv.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>
#include <sodium.h>

#include "ingest/followup_entry.h"
#include "ingest/outcome_batch.h"
#include "ingest/xlsx_read.h"
#include "util/alloc.h"
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

/* Field i's text; "" for an empty field (its rt_buf never allocated). */
static const char *text(const struct record *r, size_t i)
{
	return r->f[i].buf ? r->f[i].buf : "";
}

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

enum column { COL_INDICATOR, COL_PERIOD, COL_VALUE, COL_GENDER, COL_ORG, COL_COMMENT,
              N_COLUMNS };

static const struct {
	const char *name;
	enum column col;
} header_names[] = {
	{ "indikator", COL_INDICATOR }, { "indicator", COL_INDICATOR },
	{ "period", COL_PERIOD },
	{ "värde", COL_VALUE }, { "utfall", COL_VALUE }, { "value", COL_VALUE },
	{ "kön", COL_GENDER }, { "gender", COL_GENDER },
	{ "enhet", COL_ORG }, { "organisationsenhet", COL_ORG }, { "org", COL_ORG },
	{ "kommentar", COL_COMMENT }, { "comment", COL_COMMENT },
};

#define HEADER_HINT "rubrikraden ska vara indikator;period;värde (och valfritt kön;enhet;kommentar)"

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
			if (header_eq(text(h, i), header_names[k].name))
				col = (int)header_names[k].col;
		if (col < 0 && h->n == 1)
			return rt_err_set(err, RT_EINVAL, "", "%s, rad %zu: hittar ingen avgränsare i "
			                  "rubrikraden '%.40s'; skilj kolumnerna med semikolon, komma "
			                  "eller tabb", name, h->line, text(h, i));
		if (col < 0)
			return rt_err_set(err, RT_EINVAL, "", "%s, rad %zu: okänd kolumn '%.40s'; "
			                  HEADER_HINT, name, h->line, text(h, i));
		if (idx[col] >= 0)
			return rt_err_set(err, RT_EINVAL, "", "%s, rad %zu: kolumnen '%.40s' finns två "
			                  "gånger", name, h->line, text(h, i));
		idx[col] = (int)i;
	}
	static const char *const needed[] = { "indikator", "period", "värde" };
	for (int c = 0; c <= COL_VALUE; c++)
		if (idx[c] < 0)
			return rt_err_set(err, RT_EINVAL, "", "%s, rad %zu: kolumnen '%s' saknas; "
			                  HEADER_HINT, name, h->line, needed[c]);
	return 0;
}

/* ---- the import --------------------------------------------------------------- */

/* Where records come from: a CSV reader or the rows of an XLSX sheet. */
struct source {
	struct reader csv;
	const struct rt_xlsx_sheet *sheet;
	size_t next_row;
};

static int next_record(struct source *src, struct record *r, const char *name, rt_err *err)
{
	if (!src->sheet)
		return read_record(&src->csv, r, name, err);
	for (size_t i = 0; i < MAX_FIELDS; i++)
		rt_buf_reset(&r->f[i]);
	if (src->next_row >= src->sheet->n_rows)
		return 0;
	const struct rt_xlsx_row *row = &src->sheet->rows[src->next_row++];
	r->line = row->number;
	r->n = row->n ? row->n : 1;
	r->too_many = row->n > MAX_FIELDS;
	for (size_t i = 0; i < row->n && i < MAX_FIELDS; i++)
		rt_buf_addstr(&r->f[i], row->cells[i]);
	if (r->n > MAX_FIELDS)
		r->n = MAX_FIELDS;
	return 1;
}

struct job {
	const char *name;
	int idx[N_COLUMNS];
	size_t n_header;
	char decimal;          /* ',' or '.' once the first decimal number is seen, else 0 */
	rt_arena arena;        /* the strings of the rows of the piece */
	struct rt_outcome_row *rows;   /* the piece read so far */
	size_t n_rows, cap_rows;
	size_t total;          /* rows handed to the batch */
	struct rt_outcome_batch *batch;   /* opened with the first piece */
	/* The file's SHA-256 for the audit log, made by a thread beside the
	 * import (libsodium's SHA-256 runs ~55 instructions a byte: a second of
	 * CPU for a 41 MB file of a million rows); waited for before the batch
	 * closes, which is the first to read it. */
	const unsigned char *data;
	size_t len;
	char hex[crypto_hash_sha256_BYTES * 2 + 1];
	pthread_t hasher;
	bool hashing;
};

static void *hash_file(void *arg)
{
	struct job *j = arg;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, j->data, j->len);
	sodium_bin2hex(j->hex, sizeof(j->hex), digest, sizeof(digest));
	return NULL;
}

static void hash_start(struct job *j, const char *data, size_t len)
{
	j->data = (const unsigned char *)data;
	j->len = len;
	j->hashing = pthread_create(&j->hasher, NULL, hash_file, j) == 0;
	if (!j->hashing)
		hash_file(j);   /* no thread: the same hash, in line */
}

static void hash_wait(struct job *j)
{
	if (j->hashing)
		pthread_join(j->hasher, NULL);
	j->hashing = false;
}

/* Rows handed to the engine at a time: the file is never held as parsed
 * rows whole (a million rows were ~150 MB of structs and copies). Large
 * enough that a file in period order names every indicator in its first
 * piece: each piece that names many new indicators reads the outcome
 * table through once (16 384 rows a piece cost two such reads more,
 * +40 % instructions for the bulk read). */
#define PIECE_ROWS 65536

static const char *field(const struct record *r, int idx)
{
	return idx >= 0 && (size_t)idx < r->n ? text(r, (size_t)idx) : NULL;
}

static int parse_gender(const char *s, enum rt_gender *g)
{
	rt_buf b = RT_BUF_INIT;
	rt_followup_fold(&b, s ? s : "");
	const char *f = b.buf ? b.buf : "";
	int rc = 0;
	if (!*f || !strcmp(f, "t") || !strcmp(f, "totalt") || !strcmp(f, "total") ||
	    !strcmp(f, "alla"))
		*g = RT_GENDER_TOTAL;
	else if (!strcmp(f, "k") || !strcmp(f, "kvinnor") || !strcmp(f, "women"))
		*g = RT_GENDER_WOMEN;
	else if (!strcmp(f, "m") || !strcmp(f, "män") || !strcmp(f, "men"))
		*g = RT_GENDER_MEN;
	else
		rc = RT_EINVAL;
	rt_buf_release(&b);
	return rc;
}

/* The decimal separator of the file: the first number with one decides;
 * a decimal point becomes the comma the value parser reads. */
static int decimals(struct job *j, rt_buf *value, size_t line, rt_err *err)
{
	for (size_t i = 1; i + 1 < value->len; i++) {
		char c = value->buf[i];
		if ((c != '.' && c != ',') || value->buf[i - 1] < '0' || value->buf[i - 1] > '9' ||
		    value->buf[i + 1] < '0' || value->buf[i + 1] > '9')
			continue;
		if (!j->decimal)
			j->decimal = c;
		if (c != j->decimal)
			return rt_err_set(err, RT_EINVAL, "value", "%s, rad %zu: värdet '%.40s' har "
			                  "decimal%s men filen använder decimal%s", j->name, line,
			                  value->buf, c == '.' ? "punkt" : "komma",
			                  j->decimal == '.' ? "punkt" : "komma");
		value->buf[i] = ',';
	}
	return 0;
}

/* A trimmed copy in the job's arena; NULL when blank. */
static const char *keep(struct job *j, rt_buf *b)
{
	rt_buf_trim(b);
	return b->len ? rt_arena_strndup(&j->arena, b->buf, b->len) : NULL;
}

/* One record as a row (the checks that need only its text). */
static int read_row(struct job *j, struct record *r, rt_err *err)
{
	if (r->too_many || r->n != j->n_header)
		return rt_err_set(err, RT_EINVAL, "", "%s, rad %zu: %zu fält men rubriken har %zu; "
		                  "ett värde med decimalkomma i en kommaseparerad fil skrivs inom "
		                  "citattecken, t.ex. \"5,4 %%\"", j->name, r->line, r->n, j->n_header);
	struct rt_outcome_row row;
	memset(&row, 0, sizeof(row));
	row.line = r->line;
	if (parse_gender(field(r, j->idx[COL_GENDER]), &row.gender) != 0)
		return rt_err_set(err, RT_EINVAL, "gender", "%s, rad %zu: okänt kön '%.20s' (skriv "
		                  "k, m eller t, eller lämna tomt för totalt)", j->name, r->line,
		                  field(r, j->idx[COL_GENDER]));
	rt_buf *value = &r->f[j->idx[COL_VALUE]];
	rt_buf_trim(value);
	int rc = decimals(j, value, r->line, err);
	if (rc)
		return rc;
	row.indicator = rt_arena_strdup(&j->arena, field(r, j->idx[COL_INDICATOR]));
	row.period = rt_arena_strdup(&j->arena, field(r, j->idx[COL_PERIOD]));
	if (j->idx[COL_ORG] >= 0)
		row.org = keep(j, &r->f[j->idx[COL_ORG]]);
	row.value = keep(j, value);
	/* an empty kommentar cell keeps the comment a correction had */
	if (j->idx[COL_COMMENT] >= 0)
		row.comment = keep(j, &r->f[j->idx[COL_COMMENT]]);
	RT_ALLOC_GROW(j->rows, j->n_rows + 1, j->cap_rows);
	j->rows[j->n_rows++] = row;
	return 0;
}

/* The delimiter is the header's most frequent of ';' (Swedish Excel), ','
 * and tab, outside quotes; ';' when it has none. */
static char header_delimiter(const char *data, size_t len)
{
	size_t semi = 0, comma = 0, tab = 0;
	bool quoted = false;
	for (size_t i = 0; i < len && data[i] != '\n'; i++) {
		if (data[i] == '"')
			quoted = !quoted;
		else if (!quoted)
			semi += data[i] == ';', comma += data[i] == ',', tab += data[i] == '\t';
	}
	if (tab > semi && tab > comma)
		return '\t';
	return comma > semi ? ',' : ';';
}

/* Hands the rows read so far to the engine (opening the batch with the
 * first piece) and frees them. */
static int hand_over(struct job *j, rt_store *s, const struct rt_outcome_import_opts *o,
                     const char *sha256_hex, struct rt_outcome_csv_stats *st, rt_err *err)
{
	int rc = 0;
	if (!j->batch)
		rc = rt_outcome_batch_open(s, o, j->name, sha256_hex, st, &j->batch, err);
	if (rc == 0 && j->n_rows)
		rc = rt_outcome_batch_rows(j->batch, j->rows, j->n_rows, err);
	j->total += j->n_rows;
	j->n_rows = 0;
	rt_arena_release(&j->arena);
	return rc;
}

/* Reads the rows and hands them to the engine (outcome_batch.h) a piece
 * at a time; a row the reader refuses is handed over as the pending error,
 * so an earlier row's error still wins. */
static int run(struct job *j, struct source *src, rt_store *s,
               const struct rt_outcome_import_opts *o, const char *sha256_hex,
               struct rt_outcome_csv_stats *st, rt_err *err)
{
	struct record rec;
	memset(&rec, 0, sizeof(rec));
	int rc;
	do {
		rc = next_record(src, &rec, j->name, err);
	} while (rc == 1 && record_blank(&rec));
	if (rc == 0)
		rc = rt_err_set(err, RT_EINVAL, "", "%s är tom; första raden ska vara "
		                "indikator;period;värde;kommentar", j->name);
	if (rc < 0 || (rc = map_header(&rec, j->name, j->idx, err)) != 0) {
		record_release(&rec);
		return rc;
	}
	j->n_header = rec.n;
	rt_err pending = RT_ERR_INIT;
	int bad = 0;           /* the batch's error */
	size_t piece = o->piece_rows ? o->piece_rows : PIECE_ROWS;
	while ((rc = next_record(src, &rec, j->name, &pending)) == 1) {
		if (record_blank(&rec))
			continue;
		if ((rc = read_row(j, &rec, &pending)) != 0)
			break;
		if (j->n_rows == piece && (bad = hand_over(j, s, o, sha256_hex, st, err)) != 0)
			break;
	}
	record_release(&rec);
	if (!bad && j->total + j->n_rows == 0) {
		if (rc == 0)
			return rt_err_set(err, RT_EINVAL, "", "%s har inga rader med utfall efter "
			                  "rubriken", j->name);
		return rt_err_set(err, pending.code, pending.field, "%s", pending.msg);
	}
	if (!bad)
		bad = hand_over(j, s, o, sha256_hex, st, err);
	if (!j->batch)
		return bad;
	struct rt_outcome_batch *b = j->batch;
	j->batch = NULL;
	hash_wait(j);   /* the batch reads j->hex as it closes */
	return rt_outcome_batch_close(b, bad, !bad && rc ? &pending : NULL, err);
}

int rt_import_outcomes(rt_store *s, const struct rt_outcome_import_opts *o, const char *data,
                       size_t len, struct rt_outcome_csv_stats *st, rt_err *err)
{
	memset(st, 0, sizeof(*st));
	struct job j;
	memset(&j, 0, sizeof(j));
	j.name = o->source_name ? o->source_name : "filen";
	/* the file as it was sent, for the audit log */
	hash_start(&j, data, len);
	struct source src;
	memset(&src, 0, sizeof(src));
	rt_arena a = RT_ARENA_INIT;
	struct rt_xlsx_sheet sheet;
	int rc = 0;
	if (rt_xlsx_is_zip(data, len)) {
		if ((rc = rt_xlsx_read(j.name, data, len, &a, &sheet, err)) == 0)
			src.sheet = &sheet;
	} else {
		if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
			data += 3;
			len -= 3;
		}
		if ((rc = check_utf8(j.name, data, len, err)) == 0)
			src.csv = (struct reader){ data, data + len, header_delimiter(data, len), 1 };
	}
	if (rc == 0)
		rc = run(&j, &src, s, o, j.hex, st, err);
	hash_wait(&j);
	free(j.rows);
	rt_arena_release(&j.arena);
	rt_arena_release(&a);
	if (rc)
		memset(st, 0, sizeof(*st));
	return rc;
}

int rt_import_outcome_csv(rt_store *s, const char *actor, const char *by,
                          const char *source_name, const char *data, size_t len,
                          struct rt_outcome_csv_stats *st, rt_err *err)
{
	struct rt_outcome_import_opts o;
	memset(&o, 0, sizeof(o));
	o.actor = actor;
	o.by = by;
	o.source_name = source_name ? source_name : "CSV-filen";
	return rt_import_outcomes(s, &o, data, len, st, err);
}
