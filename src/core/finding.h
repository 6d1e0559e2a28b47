/* Validation findings: what the rules of the seeds say about a plan, as a
 * list of errors and warnings with a Swedish message each. Pure: no I/O. */
#ifndef RT_CORE_FINDING_H
#define RT_CORE_FINDING_H
#include <stddef.h>
#include <stdint.h>

enum rt_severity { RT_SEV_WARNING, RT_SEV_ERROR };

struct rt_finding {
	enum rt_severity severity;
	const char *rule;          /* stable id, e.g. "action_plan_title" (static string) */
	const char *entity;        /* "plan", "goal", "indicator", "activity" (static) */
	int64_t entity_id;
	char message[512];         /* Swedish */
};

struct rt_findings {
	struct rt_finding *items;
	size_t n, cap;
};

#define RT_FINDINGS_INIT { 0, 0, 0 }

void rt_findings_add(struct rt_findings *f, enum rt_severity sev, const char *rule,
                     const char *entity, int64_t entity_id, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
size_t rt_findings_errors(const struct rt_findings *f);
void rt_findings_release(struct rt_findings *f);
const char *rt_severity_label(enum rt_severity s);  /* "Fel", "Varning" */

#endif
