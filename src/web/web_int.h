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

/* ---- page_form_edit.c: the edit form of one versioned row (issue 8 §1) ----
 * A page_*_edit.c describes its row in a struct rt_web_edit; the driver
 * opens the form with the row version in a hidden field "version" and saves
 * it conditionally (store.h rt_store_expect_version); a conflict, bad input
 * or a decided plan bring the form back with the typed text and the
 * message, after a conflict with the stored values beside the fields. */
struct rt_web_edit_in {
	const struct rt_web_param *fields;   /* what was posted; NULL: a fresh form */
	size_t n;
	bool conflict;     /* show the stored values beside the typed ones */
	bool saved;        /* "Ändringarna är sparade" (after POST → redirect) */
	char msg[512];     /* why nothing was saved */
};
struct rt_web_edit {
	size_t size;          /* the page's struct; it starts with the edited row (id first) */
	const char *table;    /* the row's table for the version check */
	bool allow_zero;      /* version 0 = none stored yet (an assessment) */
	/* Reads the row, its version (BEFORE the row) and what the page shows
	 * around it. `key`: a second address part (the period), may be NULL. */
	int (*load)(rt_store *s, rt_arena *a, int64_t id, const char *key, void *row,
	            int64_t *version, rt_err *err);
	/* NULL: rt_store_expect_version(table, the row's id, version) */
	int (*expect)(rt_store *s, const void *row, int64_t version, rt_err *err);
	/* The typed fields over the row; RT_EINVAL with a Swedish message. */
	int (*apply)(rt_arena *a, void *row, const struct rt_web_edit_in *in, rt_err *err);
	int (*put)(rt_store *s, void *row, rt_err *err);
	void (*render)(rt_buf *b, const void *row, int64_t version, const struct rt_web_edit_in *in);
};
int rt_web_edit_page(rt_store *s, const struct rt_web_edit *e, int64_t id, const char *key,
                     bool saved, rt_buf *out, rt_err *err);
int rt_web_edit_save(rt_store *s, const struct rt_web_edit *e, int64_t id, const char *key,
                     const struct rt_web_param *fields, size_t n_fields, const char *actor,
                     rt_buf *page, rt_err *err);
/* The typed value of field `name` (NULL: not posted, or a fresh form). */
const char *rt_web_edit_typed(const struct rt_web_edit_in *in, const char *name);
/* "" and whitespace are no text: NULL in the store. */
char *rt_web_edit_text(const char *v);
/* The stored version of a row, RT_ENOTFOUND as "Det finns `none` med id 7". */
int rt_web_edit_version(rt_store *s, const char *table, int64_t id, const char *none,
                        int64_t *version, rt_err *err);
/* A goal and its plan (every edit page's breadcrumbs). */
int rt_web_edit_goal_plan(rt_store *s, rt_arena *a, int64_t goal_id, struct rt_goal *g,
                          struct rt_plan *p, rt_err *err);
/* The frame of an edit page: the layout, Start › plan › goal › crumb, the
 * heading, the saved notice or the errors, the form (CSRF) and the hidden
 * version; _end the save button, Avbryt (to the goal) and the layout. */
struct rt_web_edit_head {
	const char *title, *crumb, *heading, *action, *form_attrs, *submit;
	const struct rt_plan *plan;
	const struct rt_goal *goal;
};
void rt_web_edit_begin(rt_buf *b, const struct rt_web_edit_head *h,
                       const struct rt_web_edit_in *in, int64_t version);
void rt_web_edit_end(rt_buf *b, const struct rt_web_edit_head *h);
/* A labelled text field (or textarea) named `id`: the typed value, else
 * the stored one; after a conflict "Sparat nu: …" below it. */
void rt_web_edit_field(rt_buf *b, const struct rt_web_edit_in *in, const char *id,
                       const char *label, const char *stored, bool textarea);
/* The text fields of a row as a table: the field's name in the form, its
 * label, where it is in the row (a char *), textarea or not. _apply sets
 * the posted ones ("" and whitespace: NULL; the page's check then says
 * what is required); rt_web_edit_texts renders them in order. */
struct rt_web_edit_text {
	const char *name, *label;
	size_t offset;
	bool textarea;
};
void rt_web_edit_texts_apply(void *row, const struct rt_web_edit_text *f, size_t n,
                             const struct rt_web_edit_in *in);
void rt_web_edit_texts(rt_buf *b, const void *row, const struct rt_web_edit_text *f, size_t n,
                       const struct rt_web_edit_in *in);
/* The same as a <select>; `stored` is an option's value. */
struct rt_web_option {
	const char *value, *label;
};
void rt_web_edit_select(rt_buf *b, const struct rt_web_edit_in *in, const char *id,
                        const char *label, const struct rt_web_option *opts, size_t n,
                        const char *stored);

#endif
