/* Authorisation rules (authz.h). One table says which role carries which
 * permission; the org tree decides where. Kept pure so that the router,
 * the CLI and the tests ask exactly the same question. */
#include "core/authz.h"

#include <stdio.h>
#include <strings.h>

#include "core/plan.h"

static const char *const role_names[RT_ROLE_COUNT] = {
	"administrator", "planner", "reporter", "decision_maker", "reader",
};
static const char *const role_labels[RT_ROLE_COUNT] = {
	"Administratör", "Planerare", "Rapportör", "Beslutsfattare", "Läsare",
};
static const char *const perm_names[RT_PERM_COUNT] = {
	"public", "read", "report", "plan_edit", "plan_decide", "period_reopen", "admin",
};
/* What a refusal says the person lacked ("… behörighet att X"). */
static const char *const perm_verbs[RT_PERM_COUNT] = {
	"läsa", "läsa", "rapportera utfall", "ändra planer", "besluta planer",
	"öppna perioder igen", "administrera",
};

/* role × permission. A planner does not report and a reporter does not
 * plan: seed 000 §2.3 keeps the responsible officer's report separate from
 * the coordination office's plan work. */
static const bool grants_table[RT_ROLE_COUNT][RT_PERM_COUNT] = {
	/*               public read  report plan  decide reopen admin */
	[RT_ROLE_ADMIN]    = { 1, 1, 1, 1, 1, 1, 1 },
	[RT_ROLE_PLANNER]  = { 1, 1, 0, 1, 0, 1, 0 },
	[RT_ROLE_REPORTER] = { 1, 1, 1, 0, 0, 0, 0 },
	[RT_ROLE_DECIDER]  = { 1, 1, 0, 0, 1, 0, 0 },
	[RT_ROLE_READER]   = { 1, 1, 0, 0, 0, 0, 0 },
};

const char *rt_role_name(enum rt_role r)
{
	return (int)r >= 0 && r < RT_ROLE_COUNT ? role_names[r] : "?";
}

const char *rt_role_label(enum rt_role r)
{
	return (int)r >= 0 && r < RT_ROLE_COUNT ? role_labels[r] : "?";
}

const char *rt_perm_name(enum rt_perm p)
{
	return (int)p >= 0 && p < RT_PERM_COUNT ? perm_names[p] : "?";
}

int rt_role_parse(const char *s, enum rt_role *out, rt_err *err)
{
	for (int i = 0; s && i < RT_ROLE_COUNT; i++) {
		if (!strcasecmp(s, role_names[i]) || !strcasecmp(s, role_labels[i])) {
			*out = (enum rt_role)i;
			return 0;
		}
	}
	return rt_err_set(err, RT_EINVAL, "role",
	                  "Okänd roll '%s' (administrator, planner, reporter, decision_maker, "
	                  "reader)", s ? s : "");
}

bool rt_role_has(enum rt_role role, enum rt_perm perm)
{
	if ((int)role < 0 || role >= RT_ROLE_COUNT || (int)perm < 0 || perm >= RT_PERM_COUNT)
		return false;
	return grants_table[role][perm];
}

bool rt_org_within(const struct rt_org_link *org, size_t n_org, int64_t unit, int64_t ancestor)
{
	/* At most n_org steps: a cycle in bad data cannot loop forever. */
	for (size_t steps = 0; unit && steps <= n_org; steps++) {
		if (unit == ancestor)
			return true;
		int64_t parent = 0;
		for (size_t i = 0; i < n_org; i++) {
			if (org[i].id == unit) {
				parent = org[i].parent_id;
				break;
			}
		}
		unit = parent;
	}
	return false;
}

bool rt_authz_allows(const struct rt_principal *p, enum rt_perm perm, int64_t org_unit_id,
                     const struct rt_org_link *org, size_t n_org)
{
	if (perm == RT_PERM_PUBLIC)
		return true;
	if (!p || !p->authenticated)
		return false;
	for (size_t i = 0; i < p->n_grants; i++) {
		const struct rt_role_grant *g = &p->grants[i];
		if (!rt_role_has(g->role, perm))
			continue;
		if (g->org_unit_id == 0 || org_unit_id == 0 ||
		    rt_org_within(org, n_org, org_unit_id, g->org_unit_id))
			return true;
	}
	return false;
}

static const char *verb(enum rt_perm p)
{
	return perm_verbs[(int)p >= 0 && p < RT_PERM_COUNT ? p : 0];
}

int rt_authz_check(const struct rt_principal *p, enum rt_perm perm, int64_t org_unit_id,
                   const char *unit_name, const struct rt_org_link *org, size_t n_org,
                   rt_err *err)
{
	if (rt_authz_allows(p, perm, org_unit_id, org, n_org))
		return 0;
	if (!p || !p->authenticated)
		return rt_err_set(err, RT_EFORBIDDEN, "", "Logga in för att %s",
		                  verb(perm));
	if (unit_name && *unit_name)
		return rt_err_set(err, RT_EFORBIDDEN, "", "%s saknar behörighet att %s för %s",
		                  p->name ? p->name : "Användaren", verb(perm), unit_name);
	return rt_err_set(err, RT_EFORBIDDEN, "", "%s saknar behörighet att %s",
	                  p->name ? p->name : "Användaren", verb(perm));
}

bool rt_authz_plan_readable(const struct rt_principal *p, int64_t owner, int status,
                            bool region_publishes, const struct rt_org_link *org, size_t n_org)
{
	if (region_publishes && status == RT_PLAN_DECIDED)
		return true;
	return rt_authz_allows(p, RT_PERM_READ, owner, org, n_org);
}

bool rt_authz_followup_allows(const struct rt_principal *p, int64_t owner, bool period_open,
                              const struct rt_org_link *org, size_t n_org)
{
	if (rt_authz_allows(p, RT_PERM_PERIOD_REOPEN, owner, org, n_org))
		return true;
	return period_open && rt_authz_allows(p, RT_PERM_REPORT, owner, org, n_org);
}
