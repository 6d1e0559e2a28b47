/* Plan workflow and period closing rules (workflow.h). */
#include "core/workflow.h"

#include "util/text.h"

int rt_workflow_status_check(const struct rt_plan *p, enum rt_plan_status to, rt_err *err)
{
	if (!rt_plan_status_transition_ok(p->status, to))
		return rt_err_set(err, RT_ESTATE, "status", "En plan som är '%s' kan inte bli '%s'",
		                  rt_plan_status_label(p->status), rt_plan_status_label(to));
	/* The registrar's number is what makes the decision findable (seed 000
	 * §2.4: decided versions are registered). */
	if ((to == RT_PLAN_FOR_DECISION || to == RT_PLAN_DECIDED) && rt_str_blank(p->case_number))
		return rt_err_set(err, RT_EINVAL, "case_number",
		                  "Planen måste ha ett diarienummer innan den går till beslut");
	return 0;
}

bool rt_workflow_frozen(enum rt_plan_status s)
{
	return s == RT_PLAN_DECIDED || s == RT_PLAN_ARCHIVED;
}

int rt_workflow_frozen_error(const struct rt_plan *p, rt_err *err)
{
	return rt_err_set(err, RT_ESTATE, "status",
	                  "Planen '%s' är %s och kan inte ändras; skapa en ny version "
	                  "(rodtrad plan new-version %lld)",
	                  p->title ? p->title : "", p->status == RT_PLAN_ARCHIVED ? "arkiverad"
	                                                                         : "beslutad",
	                  (long long)p->id);
}

enum rt_perm rt_workflow_status_perm(enum rt_plan_status from, enum rt_plan_status to)
{
	(void)from;
	return to == RT_PLAN_DECIDED || to == RT_PLAN_ARCHIVED ? RT_PERM_PLAN_DECIDE
	                                                       : RT_PERM_PLAN_EDIT;
}

int rt_workflow_move_check(const struct rt_principal *who, const struct rt_plan *p,
                           enum rt_plan_status to, const char *owner_name,
                           const struct rt_org_link *org, size_t n_org, rt_err *err)
{
	int rc = rt_authz_check(who, rt_workflow_status_perm(p->status, to), p->owner_org_id,
	                        owner_name, org, n_org, err);
	return rc ? rc : rt_workflow_status_check(p, to, err);
}

int rt_workflow_outcome_check(const struct rt_principal *who, bool period_open,
                              const char *period_key, const char *deadline, int64_t org_unit_id,
                              const struct rt_org_link *org, size_t n_org, rt_err *err)
{
	if (rt_authz_followup_allows(who, org_unit_id, period_open, org, n_org))
		return 0;
	if (!rt_authz_followup_allows(who, org_unit_id, true, org, n_org))
		return rt_authz_check(who, RT_PERM_REPORT, org_unit_id, NULL, org, n_org, err);
	return rt_err_set(err, RT_ESTATE, "period",
	                  "Perioden %s är stängd sedan %s; en planerare kan öppna den igen",
	                  period_key ? period_key : "", deadline ? deadline : "sista dagen");
}
