/* The compiled follow-up report (sammanställd måluppfyllelse, seed 003) as
 * one in-memory model that every format renders: board → goal area/strategy
 * → goal (status symbol + analysis) → indicator rows (Mätetal | Utfall |
 * Målvärde | Kommentar, with a status per row) and activity rows (Aktiviteter
 * | Beskrivning | Start- och slutdatum | Kommentar). Building it is the only
 * place that asks the store and applies the status rule; renderers
 * (followup_html.c, followup_xlsx.c, followup_docx.c, …) only format it,
 * so all formats show the same thing. Everything lives in `arena`. */
#ifndef RT_REPORT_FOLLOWUP_H
#define RT_REPORT_FOLLOWUP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "core/status.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

/* One Mätetal row. Texts are as stored ("5,4 %", "4,6 %"); NULL when empty. */
struct rt_report_indicator {
	const char *name;           /* the mätetal text */
	const char *unit;           /* may be NULL */
	const char *outcome_text;   /* utfall, may be NULL */
	bool has_value;             /* outcome parsed as a number */
	double value;
	const char *target_text;    /* målvärde for the period's year, may be NULL */
	bool has_target_value;      /* target is a plain/compared number */
	double target_value;
	const char *comment;        /* kommentar, may be NULL */
	enum rt_status status;      /* the status shown: recorded if any, else computed */
	struct rt_status_result computed; /* what the rule says */
	bool status_recorded;       /* a person chose `status` */
	const char *override_reason;/* why a person chose another status than the
	                             * rule (outcome set --reason); NULL = none */
	/* trend: outcomes of this indicator in earlier periods, oldest first,
	 * ending with this period; used for charts when n_trend >= 2 */
	size_t n_trend;
	const char **trend_labels;  /* period keys */
	const double *trend_values;
	const double *trend_targets;/* NaN where no numeric target */
};

struct rt_report_activity {
	const char *title;
	const char *description;    /* may be NULL */
	const char *start_date;     /* ISO, may be NULL */
	const char *end_date;       /* ISO, may be NULL */
	const char *comment;        /* may be NULL */
};

/* A goal area, goal or sub-goal, in document order with its depth (0 = top). */
struct rt_report_goal {
	int depth;
	enum rt_goal_kind kind;
	const char *title;
	bool has_assessment;        /* an assessment exists for the period */
	enum rt_status status;      /* the goal's assessed status (none if none) */
	const char *analysis;       /* may be NULL */
	struct rt_report_indicator *indicators;
	size_t n_indicators;
	struct rt_report_activity *activities;
	size_t n_activities;
};

/* One board (or other owner) and the plan reported on. */
struct rt_report_section {
	const char *org_name;       /* "Regionstyrelsen" */
	const char *region_name;    /* "Region Jämtland Härjedalen" */
	const char *plan_title;
	struct rt_report_goal *goals;
	size_t n_goals;
	/* counts of shown indicator statuses, for summaries: index by enum rt_status */
	size_t status_counts[4];
};

struct rt_followup_report {
	rt_arena arena;
	rt_arena arena2;            /* sections built by a second thread (rt_followup_report_build2) */
	const char *title;          /* "Sammanställd måluppfyllelse per april 2021" */
	const char *period_key;     /* "2021-T1" */
	const char *period_label;   /* "per april 2021" */
	struct rt_report_section *sections;
	size_t n_sections;
};

/* Builds the report for a period key and an optional scope (an org unit id
 * or key; NULL = every plan with follow-up in the period). A plan is in
 * scope when its owner is the scope unit or below it, its validity covers
 * the period's year and it has outcomes or assessments for the period.
 * Unknown period or scope → RT_ENOTFOUND with a Swedish message. */
int rt_followup_report_build(rt_store *s, const char *period_key, const char *scope,
                             struct rt_followup_report *out, rt_err *err);
/* The same report, with every other plan read and built by a second
 * thread on its own connection to `db` (the database `s` is on, opened
 * here): for a command-line run on a machine with two cores. The second
 * connection reads outside any transaction `s` is in, so it is not for a
 * caller that needs one snapshot (the server). Falls back to one thread
 * when `db` cannot be opened again (an in-memory database). */
int rt_followup_report_build2(rt_store *s, const char *db, const char *period_key,
                              const char *scope, struct rt_followup_report *out, rt_err *err);
void rt_followup_report_release(struct rt_followup_report *r);

/* Renderers. Deterministic: the same report gives byte-identical output. */
int rt_report_html(const struct rt_followup_report *r, rt_buf *out, rt_err *err);
/* The same bytes written to f as they are made (a whole region is tens of
 * MB); RT_EIO when writing fails. The caller flushes and closes f. */
int rt_report_html_stream(const struct rt_followup_report *r, FILE *f, rt_err *err);
int rt_report_xlsx(const struct rt_followup_report *r, const char *path, rt_err *err);
int rt_report_docx(const struct rt_followup_report *r, const char *path, rt_err *err);
/* A4 PDF (cairo, embedded DejaVu Sans, "Sida N av M", trend charts);
 * written to PATH.tmp and renamed. */
int rt_report_pdf(const struct rt_followup_report *r, const char *path, rt_err *err);

#endif
