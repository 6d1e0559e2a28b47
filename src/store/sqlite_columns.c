/* The column codec under every table descriptor in sqlite_rows.c: binding a
 * struct's fields in column order (rt_bind_*: 0 ids and absent numbers
 * become NULL), reading a SELECT row back into an arena (rt_col_*), and the
 * tokens the comparator and Ja/Delvis/Nej columns store. */
#include <stddef.h>
#include <string.h>

#include "core/target.h"
#include "store/sqlite_int.h"

/* ---- binding ---------------------------------------------------------- */

static void bind_done(struct rt_bind *b, int rc)
{
	if (rc != RT_DB_OK && b->rc == RT_DB_OK)
		b->rc = rc;
	b->i++;
}

void rt_bind_text(struct rt_bind *b, const char *s)
{
	bind_done(b, s ? rt_db_bind_text(b->st, b->i, s)
	               : rt_db_bind_null(b->st, b->i));
}

void rt_bind_int(struct rt_bind *b, int64_t v)
{
	bind_done(b, rt_db_bind_int(b->st, b->i, v));
}

void rt_bind_id(struct rt_bind *b, int64_t id)
{
	bind_done(b, id ? rt_db_bind_int(b->st, b->i, id) : rt_db_bind_null(b->st, b->i));
}

void rt_bind_double(struct rt_bind *b, bool has, double v)
{
	bind_done(b, has ? rt_db_bind_double(b->st, b->i, v) : rt_db_bind_null(b->st, b->i));
}

/* ---- reading ---------------------------------------------------------- */

char *rt_col_text(struct rt_col *c)
{
	const char *t = rt_db_col_text(c->st, c->i);
	int len = rt_db_col_bytes(c->st, c->i);
	c->i++;
	return t ? rt_arena_strndup(c->a, (const char *)t, (size_t)len) : NULL;
}

int64_t rt_col_int(struct rt_col *c)
{
	return rt_db_col_int(c->st, c->i++);
}

int64_t rt_col_id(struct rt_col *c)
{
	return rt_db_col_is_null(c->st, c->i) ? (c->i++, 0) : rt_col_int(c);
}

bool rt_col_double(struct rt_col *c, double *v)
{
	bool has = !rt_db_col_is_null(c->st, c->i);
	*v = has ? rt_db_col_double(c->st, c->i) : 0.0;
	c->i++;
	return has;
}

/* ---- target-spec tokens ------------------------------------------------ */

static const char *const cmp_names[] = {
	[RT_CMP_REACH] = "reach",
	[RT_CMP_LT] = "lt",
	[RT_CMP_LE] = "le",
	[RT_CMP_GT] = "gt",
	[RT_CMP_GE] = "ge",
	[RT_CMP_EQ] = "eq",
	[RT_CMP_MAINTAIN_OR_INCREASE] = "maintain_or_increase",
	[RT_CMP_RELATIVE] = "relative",
	[RT_CMP_QUALITATIVE] = "qualitative",
	[RT_CMP_TEXT] = "text",
};
#define N_CMP (sizeof(cmp_names) / sizeof(cmp_names[0]))

static const char *const qual_names[] = {
	[RT_QUAL_NONE] = NULL,
	[RT_QUAL_YES] = "yes",
	[RT_QUAL_PARTLY] = "partly",
	[RT_QUAL_NO] = "no",
};
#define N_QUAL (sizeof(qual_names) / sizeof(qual_names[0]))

const char *rt_sql_cmp_name(enum rt_comparator c)
{
	return (size_t)c < N_CMP ? cmp_names[c] : NULL;
}

int rt_sql_cmp_parse(const char *s, enum rt_comparator *out)
{
	for (size_t i = 0; s && i < N_CMP; i++)
		if (!strcmp(cmp_names[i], s)) {
			*out = (enum rt_comparator)i;
			return 0;
		}
	return RT_EINVAL;
}

const char *rt_sql_qual_name(enum rt_qual q)
{
	return (size_t)q < N_QUAL ? qual_names[q] : NULL;
}

int rt_sql_qual_parse(const char *s, enum rt_qual *out)
{
	*out = RT_QUAL_NONE;
	if (!s)
		return 0;
	for (size_t i = 1; i < N_QUAL; i++)
		if (!strcmp(qual_names[i], s)) {
			*out = (enum rt_qual)i;
			return 0;
		}
	return RT_EINVAL;
}
