/* Org units: kind tokens and checks of the flat tree (parent_id links).
 * Pure: no I/O. */
#include "util/text.h"
#include "core/org.h"
#include "core/enums.h"

#include <stdbool.h>

static const char *const kind_names[RT_ORG_KIND_COUNT] = {
	"region", "council", "board", "administration", "department", "unit", "staff",
};
static const char *const kind_labels[RT_ORG_KIND_COUNT] = {
	"Region", "Fullmäktige", "Styrelse/nämnd", "Förvaltning", "Verksamhetsområde",
	"Enhet", "Ledningsstab",
};

const char *rt_org_kind_name(enum rt_org_kind k)
{
	return rt_enum_name(kind_names, RT_ORG_KIND_COUNT, (int)k);
}

const char *rt_org_kind_label(enum rt_org_kind k)
{
	return rt_enum_name(kind_labels, RT_ORG_KIND_COUNT, (int)k);
}

int rt_org_kind_parse(const char *s, enum rt_org_kind *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(kind_names, RT_ORG_KIND_COUNT, s, &v, "kind",
	                       "typ av organisationsenhet", err);
	if (rc == 0 && out) *out = (enum rt_org_kind)v;
	return rc;
}

static long find(const struct rt_org_unit *units, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (units[i].id == id) return (long)i;
	return -1;
}

static const char *label(const struct rt_org_unit *u)
{
	return rt_str_blank(u->name) ? (u->key ? u->key : "") : u->name;
}

int rt_org_tree_check(const struct rt_org_unit *units, size_t n, rt_err *err)
{
	for (size_t i = 0; i < n; i++) {
		const struct rt_org_unit *u = &units[i];
		if (rt_str_blank(u->name))
			return rt_err_set(err, RT_EINVAL, "name",
			                  "Organisationsenheten med id %lld saknar namn",
			                  (long long)u->id);
		if ((int)u->kind < 0 || u->kind >= RT_ORG_KIND_COUNT)
			return rt_err_set(err, RT_EINVAL, "kind",
			                  "Organisationsenheten '%.200s' har en okänd typ", u->name);
		if (find(units, i, u->id) >= 0)
			return rt_err_set(err, RT_EINVAL, "id",
			                  "Organisationsenheten '%.200s' har samma id (%lld) som en annan enhet",
			                  u->name, (long long)u->id);
		if (u->parent_id != 0 && find(units, n, u->parent_id) < 0)
			return rt_err_set(err, RT_EINVAL, "parent_id",
			                  "Organisationsenheten '%.200s' har en överordnad enhet som inte finns (id %lld)",
			                  u->name, (long long)u->parent_id);
	}
	for (size_t i = 0; i < n; i++) {
		if (rt_org_depth(units, n, units[i].id) < 0)
			return rt_err_set(err, RT_EINVAL, "parent_id",
			                  "Organisationsträdet bildar en cirkel vid '%.200s' (id %lld)",
			                  label(&units[i]), (long long)units[i].id);
	}
	return 0;
}

int rt_org_depth(const struct rt_org_unit *units, size_t n, int64_t id)
{
	long i = find(units, n, id);
	if (i < 0) return -1;
	/* A path to the root has at most n-1 steps; more means a cycle. */
	int depth = 0;
	while (units[i].parent_id != 0) {
		if ((size_t)depth >= n) return -1;
		i = find(units, n, units[i].parent_id);
		if (i < 0) return -1;
		depth++;
	}
	return depth;
}
