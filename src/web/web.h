/* The web UI: server-rendered Swedish pages over the store, one complete
 * HTML document per call. Renderers never speak HTTP: src/http maps routes
 * to these functions and turns their rt_err into a status code (RT_ENOTFOUND
 * → 404, RT_EINVAL → 422 with the page in `out` when one was rendered).
 * Every text from the data is escaped with rt_buf_add_html. Pages work
 * without JavaScript; /static/app.js only enhances (no inline scripts or
 * style attributes, so a strict Content-Security-Policy holds). */
#ifndef RT_WEB_WEB_H
#define RT_WEB_WEB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

/* One form field (name=value), decoded; src/http passes a POST's fields. */
struct rt_web_param {
	const char *name;
	const char *value;
};

/* The value of the first field called `name`, or NULL. */
const char *rt_web_param(const struct rt_web_param *p, size_t n, const char *name);
/* Appends s percent-encoded for a URL path segment or query value (all but
 * A–Z a–z 0–9 - . _ ~), which is also safe inside an HTML attribute. */
void rt_web_add_url(rt_buf *b, const char *s);

/* GET / — the plans per region and the latest period's attainment summary. */
int rt_web_start(rt_store *s, rt_buf *out, rt_err *err);
/* GET /plan/{id} — structure tree and validation findings. */
int rt_web_plan(rt_store *s, int64_t plan_id, rt_buf *out, rt_err *err);
/* GET /mal/{id} — the goal chain up and down and indicator trends. */
int rt_web_goal(rt_store *s, int64_t goal_id, rt_buf *out, rt_err *err);

/* GET /mal/{id}/andra — the goal's edit form (rubrik, numrering,
 * beskrivning) with its row version in a hidden field. POST saves it
 * (audited as `actor`); if someone else saved the goal since the form was
 * opened, nothing is saved, the result is RT_ECONFLICT and `page` gets the
 * form again with the typed text, the message and the stored values
 * beside the fields (issue 8 §1). A missing rubrik or a decided plan:
 * RT_EINVAL with the form and the message. */
int rt_web_goal_edit(rt_store *s, int64_t goal_id, rt_buf *out, rt_err *err);
int rt_web_goal_edit_save(rt_store *s, int64_t goal_id, const struct rt_web_param *fields,
                          size_t n_fields, const char *actor, rt_buf *page, rt_err *err);

/* GET /indikator/{id}/andra and /aktivitet/{id}/andra — an indicator's
 * (namn, beskrivning, enhet, källa, tolerans) and an activity's (rubrik,
 * beskrivning, målgrupp, ansvarig, kontaktperson, start- och slutdatum)
 * edit forms; GET /mal/{id}/bedomning?period=KEY (none: the latest
 * period) — the goal's assessment for the period (status, analys; its
 * version 0 while none is made). `saved` shows "Ändringarna är sparade".
 * The saves work as rt_web_goal_edit_save: RT_ECONFLICT with the form,
 * the typed text and the stored values after someone else's save; bad
 * input or a decided plan RT_EINVAL with the form and the message. */
int rt_web_indicator_edit(rt_store *s, int64_t id, bool saved, rt_buf *out, rt_err *err);
int rt_web_indicator_edit_save(rt_store *s, int64_t id, const struct rt_web_param *fields,
                               size_t n_fields, const char *actor, rt_buf *page, rt_err *err);
int rt_web_activity_edit(rt_store *s, int64_t id, bool saved, rt_buf *out, rt_err *err);
int rt_web_activity_edit_save(rt_store *s, int64_t id, const struct rt_web_param *fields,
                              size_t n_fields, const char *actor, rt_buf *page, rt_err *err);
int rt_web_assessment_edit(rt_store *s, int64_t goal_id, const char *period_key, bool saved,
                           rt_buf *out, rt_err *err);
/* The period is the form's hidden field "period". */
int rt_web_assessment_edit_save(rt_store *s, int64_t goal_id, const struct rt_web_param *fields,
                                size_t n_fields, const char *actor, rt_buf *page, rt_err *err);

/* GET /malvarde/{id}/andra — a target's form (år, målvärde as written,
 * checked against its indicator); GET /aktivitet/{id}/lage?period=KEY (none:
 * the latest period) — the activity's state and comment for the period
 * (version 0 while none is set). Saves as the forms above. */
int rt_web_target_edit(rt_store *s, int64_t id, bool saved, rt_buf *out, rt_err *err);
int rt_web_target_edit_save(rt_store *s, int64_t id, const struct rt_web_param *fields,
                            size_t n_fields, const char *actor, rt_buf *page, rt_err *err);
int rt_web_activity_state_edit(rt_store *s, int64_t act_id, const char *period_key, bool saved,
                               rt_buf *out, rt_err *err);
/* The period is the form's hidden field "period". */
int rt_web_activity_state_edit_save(rt_store *s, int64_t act_id,
                                    const struct rt_web_param *fields, size_t n_fields,
                                    const char *actor, rt_buf *page, rt_err *err);

/* GET /plan/{id}/utfall/{period} — the outcome entry form. `saved` >= 0
 * shows "N utfall sparade" (after POST → redirect), -1 shows nothing. */
int rt_web_outcomes(rt_store *s, int64_t plan_id, const char *period_key, int saved,
                    rt_buf *out, rt_err *err);
/* POST /plan/{id}/utfall/{period} — saves the form fields utfall-{ind} and
 * kommentar-{ind} of every indicator of the plan in one transaction
 * (audited as `actor`). *saved gets the number of outcomes written. On bad
 * input nothing is saved, err says what, and `page` (if not NULL) gets the
 * form again with the person's input and the messages next to the fields. */
int rt_web_outcomes_save(rt_store *s, int64_t plan_id, const char *period_key,
                         const struct rt_web_param *fields, size_t n_fields, const char *actor,
                         int *saved, rt_buf *page, rt_err *err);
/* GET /utfall/status?indikator=ID&period=KEY&utfall=TEXT — the status the
 * rule gives for a typed value, as JSON {"status","symbol","label","text"}
 * for app.js. A value that cannot be read gives status "invalid". */
int rt_web_status_preview(rt_store *s, int64_t indicator_id, const char *period_key,
                          const char *text, rt_buf *json, rt_err *err);

/* GET /rapport[?period=KEY] — the follow-up report summary and downloads. */
int rt_web_report(rt_store *s, const char *period_key, rt_buf *out, rt_err *err);
/* GET /sok?q= — goals and indicators whose text contains q. */
int rt_web_search(rt_store *s, const char *q, rt_buf *out, rt_err *err);

/* GET/POST /logga-in — the login form; `name` (may be NULL) is put back in
 * the field, `message` (may be NULL) is shown as the one error. */
void rt_web_login(const char *name, const char *message, rt_buf *out);

/* CSRF (form.c): src/http sets the session's CSRF token for the request the
 * calling thread is rendering ("" without a session); every state-changing
 * form is opened with rt_web_form_post, which writes the hidden field
 * "csrf". A thread renders one request at a time, so thread-local storage
 * spares every renderer a parameter. */
void rt_web_set_csrf(const char *token);
/* Does the request being rendered come with a session (a CSRF token)? The
 * header then shows the logout button, else the login link. */
bool rt_web_has_session(void);
/* `<form ATTRS method="post" action="ACTION">` and the hidden csrf field;
 * `action` is escaped, `attrs` (may be "") is trusted markup. */
void rt_web_form_post(rt_buf *b, const char *action, const char *attrs);

/* An error page in the layout (404, 405, 500 …) with a Swedish message. */
void rt_web_error_page(int http_status, const char *message, rt_buf *out);

/* Static assets embedded at build time (the files in src/web/static): the file named
 * `name` ("app.css") or NULL. *content_type gets its MIME type. */
const char *rt_web_static(const char *name, size_t *len, const char **content_type);

/* Where the report downloads live (the JSON API's report route). */
#define RT_WEB_REPORT_API "/api/v1/reports"  /* + "/{period}?format=…" */

#endif
