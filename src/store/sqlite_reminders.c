/* Reminders (store_auth.h): which indicators still miss an outcome for a
 * follow-up period, and which period is the one open for reporting. */
#include <string.h>

#include "store/sqlite_auth_int.h"

int rt_store_missing_outcomes(rt_store *s, rt_arena *a, int64_t period_id,
                              struct rt_missing_outcome **out, size_t *n, rt_err *err)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	STMT(s, "SELECT i.id, i.key, i.name, p.id, p.title, p.owner_org_id, o.name "
	        "FROM indicator i JOIN goal g ON g.id = i.goal_id JOIN plan p ON p.id = g.plan_id "
	        "JOIN org_unit o ON o.id = p.owner_org_id JOIN period pe ON pe.id = ?1 "
	        "WHERE p.status <> 'archived' AND pe.year BETWEEN p.start_year AND p.end_year "
	        "AND NOT EXISTS (SELECT 1 FROM outcome x WHERE x.indicator_id = i.id "
	        "AND x.period_id = ?1) ORDER BY p.id, g.position, g.id, i.position, i.id", err);
	rt_bind_int(&b, period_id);
	int rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW) {
		struct rt_missing_outcome *m = RT_ARENA_PUSH(a, *out, *n, cap);
		struct rt_col c = { st, 0, a, NULL };
		m->indicator_id = rt_col_int(&c);
		m->indicator_key = rt_col_text(&c);
		m->indicator_name = rt_col_text(&c);
		m->plan_id = rt_col_int(&c);
		m->plan_title = rt_col_text(&c);
		m->owner_org_id = rt_col_int(&c);
		m->owner_name = rt_col_text(&c);
	}
	rt_sql_done(st);
	return rc == RT_DB_DONE ? 0 : rt_sql_fail(s, rc, "påminnelser", err);
}

int rt_store_period_current(rt_store *s, rt_arena *a, const char *today, struct rt_period *out,
                            rt_err *err)
{
	struct rt_period *list;
	size_t n;
	int rc = rt_store_period_list(s, a, &list, &n, err);
	const struct rt_period *best = NULL;
	for (size_t i = 0; i < n && !rc; i++) {
		bool open;
		if ((rc = rt_store_period_open(s, list[i].id, today, &open, err)) != 0)
			break;
		/* Only a period that has ended (or ends today) is reported on. */
		if (open && strcmp(list[i].end_date, today) <= 0 &&
		    (!best || strcmp(list[i].end_date, best->end_date) > 0))
			best = &list[i];
	}
	if (rc)
		return rc;
	if (!best)
		return rt_err_set(err, RT_ENOTFOUND, "period",
		                  "Ingen uppföljningsperiod är öppen för rapportering %s", today);
	*out = *best;
	return 0;
}
