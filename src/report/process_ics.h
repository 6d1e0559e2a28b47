/* The planning process as iCalendar (RFC 5545), built with libical, so staff
 * get the process's dates into their calendars (seed 002: "Tidplanen är
 * inte känd … man blir ibland överraskad"). One all-day VEVENT per phase
 * (its whole span), per milestone and meeting (with syfte, mål, deltagare
 * in the description) and per board delivery (its due date). UIDs are
 * stable per row, so a re-import updates instead of duplicating. */
#ifndef RT_REPORT_PROCESS_ICS_H
#define RT_REPORT_PROCESS_ICS_H
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

int rt_process_ics(const struct rt_process_doc *doc, rt_buf *out, rt_err *err);

#endif
