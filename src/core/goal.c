/* Goal kinds (målområde, mål, utvecklingsområde, uppdrag). Pure: no I/O. */
#include "core/goal.h"
#include "core/enums.h"

static const char *const kind_names[RT_GOAL_KIND_COUNT] = {
	"goal_area", "goal", "development_area", "assignment",
};
static const char *const kind_labels[RT_GOAL_KIND_COUNT] = {
	"Målområde", "Mål", "Utvecklingsområde", "Uppdrag",
};

const char *rt_goal_kind_name(enum rt_goal_kind k)
{
	return rt_enum_name(kind_names, RT_GOAL_KIND_COUNT, (int)k);
}

const char *rt_goal_kind_label(enum rt_goal_kind k)
{
	return rt_enum_name(kind_labels, RT_GOAL_KIND_COUNT, (int)k);
}

int rt_goal_kind_parse(const char *s, enum rt_goal_kind *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(kind_names, RT_GOAL_KIND_COUNT, s, &v, "kind", "måltyp", err);
	if (rc == 0 && out) *out = (enum rt_goal_kind)v;
	return rc;
}
