/* Org units: the tree of political bodies and the civil service under them
 * (region → council/board → administration → department → unit, staff).
 * Pure: no I/O. The tree is stored flat (parent_id); helpers here check it. */
#ifndef RT_CORE_ORG_H
#define RT_CORE_ORG_H
#include <stddef.h>
#include <stdint.h>
#include "util/err.h"

enum rt_org_kind {
	RT_ORG_REGION,          /* region / kommun: the legal entity */
	RT_ORG_COUNCIL,         /* regionfullmäktige */
	RT_ORG_BOARD,           /* regionstyrelse, nämnd, utskott */
	RT_ORG_ADMINISTRATION,  /* förvaltning, regiondirektörens förvaltning */
	RT_ORG_DEPARTMENT,      /* verksamhetsområde, centrum, område */
	RT_ORG_UNIT,            /* enhet */
	RT_ORG_STAFF,           /* ledningsstab */
	RT_ORG_KIND_COUNT
};

struct rt_org_unit {
	int64_t id;
	int64_t parent_id;      /* 0 = root */
	enum rt_org_kind kind;
	char *key;              /* stable text key, e.g. "rjh-rs"; may be NULL */
	char *name;             /* "Regionstyrelsen" */
	char *short_name;       /* "RS", "RLF"; may be NULL */
};

const char *rt_org_kind_name(enum rt_org_kind k);   /* "board" */
const char *rt_org_kind_label(enum rt_org_kind k);  /* "Styrelse/nämnd" */
int rt_org_kind_parse(const char *s, enum rt_org_kind *out, rt_err *err);

/* Checks a flat list of units: parents exist, no cycles, names not empty.
 * Returns 0 or RT_EINVAL with the first problem in err. */
int rt_org_tree_check(const struct rt_org_unit *units, size_t n, rt_err *err);
/* Depth of unit `id` in the tree (root = 0), -1 if unknown or cyclic. */
int rt_org_depth(const struct rt_org_unit *units, size_t n, int64_t id);

#endif
