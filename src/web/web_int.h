/* Internals shared by the page renderers of src/web: the page layout, the
 * status badge, period lookups and the per-indicator status rule inputs.
 * Not part of the interface (web.h is). */
#ifndef RT_WEB_WEB_INT_H
#define RT_WEB_WEB_INT_H
#include <stdbool.h>
#include "core/plan_doc.h"
#include "core/status.h"
#include "web/web.h"

/* Top-level navigation entries; the current one gets aria-current. */
enum rt_web_nav {
	RT_NAV_NONE, RT_NAV_START, RT_NAV_REPORT, RT_NAV_PROCESS, RT_NAV_ECONOMY, RT_NAV_SEARCH,
	RT_NAV_IMPORT
};

/* <!doctype html> … <main id="innehall">: skip link, header with Rödtråd,
 * navigation and the search box. `title` is escaped. */
void rt_web_page_begin(rt_buf *b, const char *title, enum rt_web_nav nav);
/* </main>, footer and the closing tags. */
void rt_web_page_end(rt_buf *b);

/* Appends s percent-encoded for a URL path segment or query value (all but
 * A–Z a–z 0–9 - . _ ~), which is also safe inside an HTML attribute. */
void rt_web_add_url(rt_buf *b, const char *s);

/* A status as symbol + words, never colour alone: "● Uppfyllt". Without a
 * status, `none_text` (or "Status saknas") in words. */
void rt_web_status(rt_buf *b, enum rt_status s, const char *none_text);
const char *rt_web_status_class(enum rt_status s);

/* The latest period by end date (the "current" one for summaries);
 * RT_ENOTFOUND when there is none. */
int rt_web_latest_period(rt_store *s, rt_arena *a, struct rt_period *out, rt_err *err);
/* The period with `key`, RT_ENOTFOUND with a Swedish message if none. */
int rt_web_find_period(rt_store *s, rt_arena *a, const char *key, struct rt_period *out,
                       rt_err *err);

/* The target (whole scope) of an indicator for a year, or NULL. */
const struct rt_target *rt_web_target(const struct rt_plan_doc *d, int64_t indicator_id, int year);
/* The outcome (whole scope) of an indicator for a period, or NULL. */
const struct rt_outcome *rt_web_outcome(const struct rt_plan_doc *d, int64_t indicator_id,
                                        int64_t period_id);
/* The status shown for an indicator in a period: the recorded one when a
 * person chose it, else what the rule (core/outcome_entry.h) gives for the
 * stored value. `default_tol` is the region-wide tolerance the caller read
 * with rt_store_default_tolerance (< 0: the built-in 10 %); an indicator's
 * own tolerance wins. *why (may be NULL) gets the rule's result. */
enum rt_status rt_web_shown_status(const struct rt_plan_doc *d, const struct rt_indicator *ind,
                                   const struct rt_period *period, const struct rt_outcome *o,
                                   double default_tol, struct rt_status_result *why);

/* The attainment summary table: one row per board/plan with the counts of
 * ● ◆ ■ and no status, linked to the plan and its outcome form
 * (page_start.c; also on the report page). */
struct rt_followup_report;
void rt_web_summary(rt_buf *b, rt_store *s, const struct rt_followup_report *r);

/* Loads a plan (RT_ENOTFOUND → "Planen finns inte"). */
int rt_web_load_plan(rt_store *s, int64_t plan_id, struct rt_plan_doc *doc, rt_err *err);

/* For an indicator mapped to a Kolada KPI: the region's stored values per
 * year beside Riket (the national average) and the peer regions, as a
 * table (page_goal_kolada.c). Nothing when the indicator is not mapped. */
int rt_web_goal_kolada(rt_buf *b, rt_store *s, rt_arena *a, const struct rt_indicator *ind,
                       rt_err *err);

/* The name of an org unit by id from a list, "" if unknown. */
const char *rt_web_org_name(const struct rt_org_unit *units, size_t n, int64_t id);

#endif
