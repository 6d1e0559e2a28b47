/* Board feedback headings (seed 002) and the completeness check; see
 * feedback.h. Pure: no I/O. */
#include "core/feedback.h"
#include "core/enums.h"
#include "util/text.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const names[] = {
	"goals", "development", "competence", "economy", "investment", "other", "risk",
};
/* Exactly the six headings of the seed's template, then the risk analysis. */
static const char *const labels[] = {
	"Nämndens bidrag till fullmäktiges mål och uppdrag",
	"Nämndens utvecklingsinsatser och planerade verksamhetsförändringar",
	"Nämndens inriktning för kompetensförsörjning",
	"Nämndens plan för hållbar ekonomi och prioriteringar av resurser",
	"Nämndens investeringsplanering",
	"Nämndens övriga synpunkter",
	"Risk- och känslighetsanalys",
};

const char *rt_feedback_heading_name(enum rt_feedback_heading h)
{
	return rt_enum_name(names, COUNT(names), (int)h);
}

const char *rt_feedback_heading_label(enum rt_feedback_heading h)
{
	return rt_enum_name(labels, COUNT(labels), (int)h);
}

int rt_feedback_heading_parse(const char *s, enum rt_feedback_heading *out, rt_err *err)
{
	int v;
	int rc = rt_enum_parse(names, COUNT(names), s, &v, "heading", "rubrik", err);
	if (rc == 0 && out) *out = (enum rt_feedback_heading)v;
	return rc;
}

const char *rt_feedback_body(const struct rt_feedback_section *s, size_t n, int64_t org_unit_id,
                             enum rt_feedback_heading heading)
{
	for (size_t i = 0; i < n; i++)
		if (s[i].org_unit_id == org_unit_id && s[i].heading == heading &&
		    !rt_str_blank(s[i].body))
			return s[i].body;
	return NULL;
}

int rt_feedback_check(const struct rt_feedback_section *s, size_t n, int64_t org_unit_id,
                      const char *board_name, struct rt_findings *out)
{
	int filled = 0;
	for (int h = 0; h < RT_FB_HEADING_COUNT; h++) {
		if (rt_feedback_body(s, n, org_unit_id, (enum rt_feedback_heading)h)) {
			filled++;
			continue;
		}
		if (out)
			rt_findings_add(out, RT_SEV_ERROR, "feedback_missing", "org_unit", org_unit_id,
			                "Återkopplingen från %s saknar text under rubriken '%s'",
			                board_name ? board_name : "nämnden", labels[h]);
	}
	return filled;
}
