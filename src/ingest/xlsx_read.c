/* XLSX reading (xlsx_read.h): libzip opens the workbook from memory,
 * libxml2 parses the parts. Only what an outcome sheet needs: the first
 * worksheet, shared strings (rich text runs joined), inline strings,
 * numbers and dates. A workbook is trusted no further than a CSV file: no
 * network, no entity expansion (XML_PARSE_NONET, no NOENT). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "ingest/xlsx_read.h"
#include "util/buf.h"
#include "util/numfmt.h"

#define MAX_PART (256u << 20)
#define MAX_COLS 64

bool rt_xlsx_is_zip(const char *data, size_t len)
{
	return len >= 4 && !memcmp(data, "PK\x03\x04", 4);
}

/* A part of the package; *out NULL (and 0) when it does not exist. */
static int read_part(zip_t *z, const char *part, const char *name, rt_buf *out, rt_err *err)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat(z, part, 0, &st) != 0)
		return 0;
	if (st.size > MAX_PART)
		return rt_err_set(err, RT_EINVAL, "", "%s: delen %s är för stor", name, part);
	zip_file_t *f = zip_fopen(z, part, 0);
	if (!f)
		return rt_err_set(err, RT_EINVAL, "", "%s: kan inte läsa %s i arbetsboken", name, part);
	char chunk[65536];
	zip_int64_t n;
	while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0)
		rt_buf_add(out, chunk, (size_t)n);
	zip_fclose(f);
	if (n < 0)
		return rt_err_set(err, RT_EINVAL, "", "%s: %s i arbetsboken är trasig", name, part);
	return 0;
}

static xmlDocPtr parse_xml(const rt_buf *b)
{
	return xmlReadMemory(b->buf, (int)b->len, NULL, NULL,
	                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                     XML_PARSE_HUGE);
}

static bool is(const xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, local);
}

/* The text of every <t> under n, in order, skipping phonetic runs. */
static void text_of(const xmlNode *n, rt_buf *out)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is(c, "rPh"))
			continue;
		if (is(c, "t")) {
			xmlChar *t = xmlNodeGetContent(c);
			if (t)
				rt_buf_addstr(out, (const char *)t);
			xmlFree(t);
		} else if (c->type == XML_ELEMENT_NODE) {
			text_of(c, out);
		}
	}
}

static char *attr(const xmlNode *n, const char *name, rt_arena *a)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? rt_arena_strdup(a, (const char *)v) : NULL;
	xmlFree(v);
	return s;
}

struct book {
	char **strings;
	size_t n_strings;
	bool *date_style;      /* per cellXfs index */
	size_t n_styles;
};

static void shared_strings(xmlDocPtr doc, rt_arena *a, struct book *b)
{
	size_t cap = 0;
	xmlNode *root = xmlDocGetRootElement(doc);
	for (xmlNode *si = root ? root->children : NULL; si; si = si->next) {
		if (!is(si, "si"))
			continue;
		rt_buf t = RT_BUF_INIT;
		text_of(si, &t);
		*RT_ARENA_PUSH(a, b->strings, b->n_strings, cap) = rt_arena_strdup(a, t.buf ? t.buf : "");
		rt_buf_release(&t);
	}
}

/* A custom number format shows a date when it has d or y outside quotes and
 * [colour] brackets (m alone could be minutes). */
static bool date_format(const char *code)
{
	bool quoted = false;
	int bracket = 0;
	for (const char *p = code; p && *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == '[')
			bracket++;
		else if (!quoted && *p == ']' && bracket)
			bracket--;
		else if (!quoted && !bracket && *p == '\\')
			p += p[1] ? 1 : 0;
		else if (!quoted && !bracket && (*p == 'd' || *p == 'D' || *p == 'y' || *p == 'Y'))
			return true;
	}
	return false;
}

static void styles(xmlDocPtr doc, rt_arena *a, struct book *b)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	int custom_ids[256];
	bool custom_date[256];
	size_t n_custom = 0, cap = 0;
	for (xmlNode *sec = root ? root->children : NULL; sec; sec = sec->next) {
		if (is(sec, "numFmts")) {
			for (xmlNode *f = sec->children; f && n_custom < 256; f = f->next)
				if (is(f, "numFmt")) {
					char *id = attr(f, "numFmtId", a), *code = attr(f, "formatCode", a);
					custom_ids[n_custom] = id ? atoi(id) : -1;
					custom_date[n_custom++] = date_format(code);
				}
		} else if (is(sec, "cellXfs")) {
			for (xmlNode *x = sec->children; x; x = x->next) {
				if (!is(x, "xf"))
					continue;
				char *id = attr(x, "numFmtId", a);
				int fid = id ? atoi(id) : 0;
				bool date = (fid >= 14 && fid <= 22) || (fid >= 45 && fid <= 47);
				for (size_t i = 0; i < n_custom; i++)
					if (custom_ids[i] == fid)
						date = custom_date[i];
				*RT_ARENA_PUSH(a, b->date_style, b->n_styles, cap) = date;
			}
		}
	}
}

/* Excel's 1900 date system: serial 1 = 1900-01-01, with its phantom
 * 1900-02-29 (serial 60), so from 61 on day 0 is 1899-12-30. */
static void serial_date(double serial, char out[32])
{
	long days = (long)serial;
	if (days < 61)
		days += 1;
	long z = days - 25569 + 719468;  /* days since 1970-01-01, shifted to 0000-03-01 */
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(out, 32, "%04d-%02d-%02d", (int)((y + (m <= 2)) % 10000), (int)m, (int)d);
}

/* "AB12" → 27 (0-based column); -1 when there are no letters. */
static int column_of(const char *ref)
{
	int col = 0;
	const char *p = ref;
	for (; p && *p >= 'A' && *p <= 'Z'; p++)
		col = col * 26 + (*p - 'A' + 1);
	return p == ref || !ref ? -1 : col - 1;
}

static char *cell_text(const xmlNode *c, const struct book *b, rt_arena *a)
{
	char *type = attr(c, "t", a), *style = attr(c, "s", a);
	rt_buf v = RT_BUF_INIT;
	bool have_v = false;
	for (const xmlNode *k = c->children; k; k = k->next) {
		if (is(k, "v")) {
			xmlChar *t = xmlNodeGetContent(k);
			rt_buf_addstr(&v, t ? (const char *)t : "");
			xmlFree(t);
			have_v = true;
		} else if (is(k, "is")) {
			text_of(k, &v);
		}
	}
	char *out;
	if (type && !strcmp(type, "s")) {
		long i = have_v ? strtol(v.buf, NULL, 10) : -1;
		out = i >= 0 && (size_t)i < b->n_strings ? b->strings[i] : "";
	} else if (type && !strcmp(type, "b")) {
		out = have_v && !strcmp(v.buf, "1") ? "Ja" : "Nej";
	} else if (type && (!strcmp(type, "str") || !strcmp(type, "inlineStr") ||
	                    !strcmp(type, "e"))) {
		out = rt_arena_strdup(a, v.buf ? v.buf : "");
	} else if (have_v && v.len) {
		char *end;
		double d = strtod(v.buf, &end);
		long si = style ? strtol(style, NULL, 10) : 0;
		rt_buf num = RT_BUF_INIT;
		if (*end) {
			rt_buf_addstr(&num, v.buf);
		} else if (si >= 0 && (size_t)si < b->n_styles && b->date_style[si]) {
			char date[32];
			serial_date(d, date);
			rt_buf_addstr(&num, date);
		} else {
			rt_num_format_short(&num, d);
			/* numbers as typed: no thousands space ("12000", not "12 000") */
			size_t w = 0;
			for (size_t r = 0; r < num.len; r++) {
				if ((unsigned char)num.buf[r] == 0xC2 && r + 1 < num.len &&
				    (unsigned char)num.buf[r + 1] == 0xA0) {
					r++;
					continue;
				}
				if (num.buf[r] != ' ')
					num.buf[w++] = num.buf[r];
			}
			num.buf[w] = '\0';
			num.len = w;
		}
		out = rt_arena_strdup(a, num.buf ? num.buf : "");
		rt_buf_release(&num);
	} else {
		out = "";
	}
	rt_buf_release(&v);
	return out;
}

static int sheet_rows(xmlDocPtr doc, const struct book *b, rt_arena *a, struct rt_xlsx_sheet *s)
{
	size_t cap = 0;
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlNode *data = NULL;
	for (xmlNode *n = root ? root->children : NULL; n && !data; n = n->next)
		if (is(n, "sheetData"))
			data = n;
	size_t next_number = 1;
	for (xmlNode *r = data ? data->children : NULL; r; r = r->next) {
		if (!is(r, "row"))
			continue;
		char *rn = attr(r, "r", a);
		struct rt_xlsx_row *row = RT_ARENA_PUSH(a, s->rows, s->n_rows, cap);
		row->number = rn ? (size_t)strtoul(rn, NULL, 10) : next_number;
		next_number = row->number + 1;
		char *cells[MAX_COLS] = { 0 };
		int n = 0, pos = 0;
		for (xmlNode *c = r->children; c; c = c->next) {
			if (!is(c, "c"))
				continue;
			int col = column_of(attr(c, "r", a));
			if (col < 0)
				col = pos;
			if (col >= MAX_COLS)
				continue;
			cells[col] = cell_text(c, b, a);
			pos = col + 1;
			if (pos > n)
				n = pos;
		}
		row->n = (size_t)n;
		row->cells = rt_arena_alloc(a, ((size_t)n + 1) * sizeof(char *));
		for (int i = 0; i < n; i++)
			row->cells[i] = cells[i] ? cells[i] : "";
	}
	return 0;
}

static const char *first_sheet(zip_t *z)
{
	if (zip_name_locate(z, "xl/worksheets/sheet1.xml", 0) >= 0)
		return "xl/worksheets/sheet1.xml";
	zip_int64_t n = zip_get_num_entries(z, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *nm = zip_get_name(z, (zip_uint64_t)i, 0);
		if (nm && !strncmp(nm, "xl/worksheets/sheet", 19))
			return nm;
	}
	return NULL;
}

int rt_xlsx_read(const char *name, const char *data, size_t len, rt_arena *a,
                 struct rt_xlsx_sheet *sheet, rt_err *err)
{
	memset(sheet, 0, sizeof(*sheet));
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!z) {
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		return rt_err_set(err, RT_EINVAL, "", "%s: filen är ingen läsbar XLSX-arbetsbok "
		                  "(zip-arkivet är trasigt)", name);
	}
	zip_error_fini(&ze);
	struct book b;
	memset(&b, 0, sizeof(b));
	rt_buf part = RT_BUF_INIT;
	int rc = read_part(z, "xl/sharedStrings.xml", name, &part, err);
	xmlDocPtr doc;
	if (rc == 0 && part.len) {
		if (!(doc = parse_xml(&part)))
			rc = rt_err_set(err, RT_EINVAL, "", "%s: de delade texterna är inte giltig XML",
			                name);
		else {
			shared_strings(doc, a, &b);
			xmlFreeDoc(doc);
		}
	}
	rt_buf_reset(&part);
	if (rc == 0 && (rc = read_part(z, "xl/styles.xml", name, &part, err)) == 0 && part.len &&
	    (doc = parse_xml(&part)) != NULL) {
		styles(doc, a, &b);
		xmlFreeDoc(doc);
	}
	rt_buf_reset(&part);
	const char *sheet_name = rc == 0 ? first_sheet(z) : NULL;
	if (rc == 0 && !sheet_name)
		rc = rt_err_set(err, RT_EINVAL, "", "%s: arbetsboken har inget kalkylblad", name);
	if (rc == 0 && (rc = read_part(z, sheet_name, name, &part, err)) == 0) {
		if (!(doc = parse_xml(&part))) {
			rc = rt_err_set(err, RT_EINVAL, "", "%s: kalkylbladet är inte giltig XML", name);
		} else {
			rc = sheet_rows(doc, &b, a, sheet);
			xmlFreeDoc(doc);
		}
	}
	rt_buf_release(&part);
	zip_close(z);
	return rc;
}
