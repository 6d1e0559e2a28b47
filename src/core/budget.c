/* Budget lines: kind and category tokens, and amounts in mnkr as the seeds
 * print them ("95,4", "-713", "−529"), kept as exact whole tkr. The parser
 * is integer-only on purpose: money must not pass through a double.
 * Pure: no I/O. */
#include "core/budget.h"
#include "core/enums.h"
#include "util/numfmt.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const kind_names[] = { "operating", "capital" };
static const char *const kind_labels[] = { "Driftbudget", "Investeringsbudget" };
static const char *const cat_names[] = {
	"income", "staff_costs", "other_costs", "net", "decided", "new_needs", "reinvestment",
};
static const char *const cat_labels[] = {
	"Intäkter", "Personalkostnader", "Övriga driftskostnader", "Nettobudget",
	"Redan beslutade investeringar", "Nya behov av investeringar", "Reinvesteringar",
};

const char *rt_budget_kind_name(enum rt_budget_kind k)
{
	return rt_enum_name(kind_names, COUNT(kind_names), (int)k);
}

const char *rt_budget_kind_label(enum rt_budget_kind k)
{
	return rt_enum_name(kind_labels, COUNT(kind_labels), (int)k);
}

int rt_budget_kind_parse(const char *s, enum rt_budget_kind *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(kind_names, COUNT(kind_names), s, &v, "kind", "budgettyp", err);
	if (rc == 0 && out) *out = (enum rt_budget_kind)v;
	return rc;
}

const char *rt_budget_category_name(enum rt_budget_category c)
{
	return rt_enum_name(cat_names, COUNT(cat_names), (int)c);
}

const char *rt_budget_category_label(enum rt_budget_category c)
{
	return rt_enum_name(cat_labels, COUNT(cat_labels), (int)c);
}

int rt_budget_category_parse(const char *s, enum rt_budget_category *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(cat_names, COUNT(cat_names), s, &v, "category",
	                       "budgetkategori", err);
	if (rc == 0 && out) *out = (enum rt_budget_category)v;
	return rc;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static int bad_amount(const char *text, const char *why, rt_err *err)
{
	return rt_err_set(err, RT_EINVAL, "mnkr", "Beloppet '%.60s' mnkr är felskrivet: %s",
	                  text ? text : "", why);
}

/* A whole tkr amount beyond this is a typing error (a trillion kronor). */
#define RT_MAX_TKR 1000000000000LL

int rt_mnkr_parse(const char *text, int64_t *tkr, rt_err *err)
{
	const char *p = text ? text : "";
	size_t sp;
	while ((sp = rt_num_space_len(p))) p += sp;
	bool neg = false;
	size_t ml = rt_num_minus_len(p);
	if (ml) {
		neg = true;
		p += ml;
	} else if (*p == '+') {
		p++;
	}
	if (!is_digit(*p))
		return bad_amount(text, "ett belopp i mnkr skrivs som t.ex. 95,4 eller -713", err);
	int64_t whole = 0;
	size_t first = 0;
	while (is_digit(*p)) {
		whole = whole * 10 + (*p++ - '0');
		if (whole > RT_MAX_TKR / 1000) return bad_amount(text, "för stort belopp", err);
		first++;
	}
	/* Thousands groups: "1 234,5" */
	while ((sp = rt_num_space_len(p)) && is_digit(p[sp])) {
		const char *g = p + sp;
		size_t n = 0;
		while (is_digit(g[n])) n++;
		if (first > 3 || n != 3)
			return bad_amount(text, "tusental skrivs i grupper om tre siffror", err);
		for (size_t i = 0; i < 3; i++) whole = whole * 10 + (g[i] - '0');
		if (whole > RT_MAX_TKR / 1000) return bad_amount(text, "för stort belopp", err);
		p = g + 3;
	}
	int64_t frac = 0;
	if (*p == ',' || *p == '.') {
		p++;
		size_t n = 0;
		while (is_digit(p[n])) n++;
		if (n == 0) return bad_amount(text, "decimaltecknet ska följas av en siffra", err);
		if (n > 3)
			return bad_amount(text, "högst tre decimaler (hela tusental kronor)", err);
		for (size_t i = 0; i < 3; i++)
			frac = frac * 10 + (i < n ? p[i] - '0' : 0);
		p += n;
	}
	while ((sp = rt_num_space_len(p))) p += sp;
	/* The unit may be written out: "95,4 mnkr". */
	if (!strncasecmp(p, "mnkr", 4)) {
		p += 4;
		while ((sp = rt_num_space_len(p))) p += sp;
	}
	if (*p) return bad_amount(text, "oväntade tecken efter beloppet", err);
	int64_t v = whole * 1000 + frac;
	if (tkr) *tkr = neg ? -v : v;
	return 0;
}

void rt_mnkr_format(rt_buf *out, int64_t tkr)
{
	/* Round to whole hundreds of tkr (one decimal of mnkr), half away from zero. */
	int64_t tenths = tkr >= 0 ? (tkr + 50) / 100 : -((-tkr + 50) / 100);
	rt_num_format_scaled(out, tenths, 1);
}
