/* GET /api/v1/process[?year=]: where the planning process (årshjul, seed
 * 002) stands, as JSON — phases with process owners, milestones and
 * meetings, each board's deliveries and the progress per kind — so anyone
 * can see it (the transparency the seed asks for).
 * GET /api/v1/process/calendar.ics[?year=]: the same dates as iCalendar
 * (report/process_ics.c) for staff's calendars.
 * GET /api/v1/process/feedback[?year=&format=html|docx|pdf]: the boards'
 * feedback compiled for the regional board (report/feedback_doc.c).
 * GET /api/v1/plans/{id}/document[?format=html|docx|pdf]: the plan document with
 * seed 000's numbering (report/plan_document.c). */
#include <stdlib.h>
#include <string.h>

#include "http/api.h"
#include "http/api_routes.h"
#include "report/feedback_doc.h"
#include "report/plan_document.h"
#include "report/process_ics.h"
#include "util/date.h"

/* Loads the cycle of ?year= (latest without it); answers the error itself
 * and returns false on failure. */
static bool load(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                 struct rt_http_response *res, struct rt_process_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	const char *ys = rt_http_query(req, "year");
	int year = 0;
	if (ys && *ys) {
		char *end;
		long v = strtol(ys, &end, 10);
		if (*end || v < 1900 || v > 9999) {
			rt_api_fail(res, 400, "invalid", "year", "Ogiltigt år; skriv t.ex. year=2026.");
			return false;
		}
		year = (int)v;
	}
	rt_err err = RT_ERR_INIT;
	int64_t id;
	if (rt_store_process_find(ctx->store, 0, year, &id, &err) != 0 ||
	    rt_store_process_load(ctx->store, id, doc, &err) != 0) {
		rt_api_err(res, &err);
		return false;
	}
	return true;
}

RT_API_HANDLER(rt_api_process_calendar)
{
	struct rt_process_doc doc;
	if (!load(ctx, req, res, &doc)) {
		rt_store_process_doc_release(&doc);
		return 0;
	}
	rt_err err = RT_ERR_INIT;
	int rc = rt_process_ics(&doc, &res->body, &err);
	if (rc) {
		rt_buf_reset(&res->body);
		rt_api_err(res, &err);
	} else {
		res->status = 200;
		res->content_type = "text/calendar; charset=utf-8";
		char cd[64];
		snprintf(cd, sizeof(cd), "attachment; filename=\"arshjul-%d.ics\"", doc.cycle.year);
		rt_http_set_header(res, "Content-Disposition", cd);
	}
	rt_store_process_doc_release(&doc);
	return 0;
}

static json_t *delivery_json(const struct rt_process_delivery *d)
{
	return json_pack("{s:I, s:I, s:o, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)d->id,
	                 "org_unit_id", (json_int_t)d->org_unit_id, "org_unit", rt_api_str(d->org_name),
	                 "kind", rt_delivery_kind_name(d->kind), "kind_label",
	                 rt_delivery_kind_label(d->kind), "due_on", d->due_on, "status",
	                 rt_delivery_status_name(d->status), "delivered_on",
	                 rt_api_str(d->delivered_on));
}

RT_API_HANDLER(rt_api_process_get)
{
	struct rt_process_doc doc;
	if (!load(ctx, req, res, &doc)) {
		rt_store_process_doc_release(&doc);
		return 0;
	}
	char today[11];
	rt_date_today(today);
	int now = rt_process_phase_at(doc.phases, doc.n_phases, today);
	json_t *phases = json_array(), *events = json_array(), *dels = json_array(),
	       *progress = json_array();
	for (size_t i = 0; i < doc.n_phases; i++) {
		const struct rt_process_phase *p = &doc.phases[i];
		json_array_append_new(phases, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:b}", "id",
		                      (json_int_t)p->id, "name", p->name, "starts_on", p->starts_on,
		                      "ends_on", p->ends_on, "owner", rt_api_str(p->owner),
		                      "description", rt_api_str(p->description), "current",
		                      (int)i == now));
	}
	for (size_t i = 0; i < doc.n_events; i++) {
		const struct rt_process_event *e = &doc.events[i];
		json_array_append_new(events, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o}", "id",
		                      (json_int_t)e->id, "kind", rt_event_kind_name(e->kind), "title",
		                      e->title, "on_date", e->on_date, "purpose", rt_api_str(e->purpose),
		                      "goal", rt_api_str(e->goal), "participants",
		                      rt_api_str(e->participants)));
	}
	for (size_t i = 0; i < doc.n_deliveries; i++)
		json_array_append_new(dels, delivery_json(&doc.deliveries[i]));
	for (int k = 0; k < RT_DELIVERY_KIND_COUNT; k++) {
		size_t done, total;
		rt_process_progress(doc.deliveries, doc.n_deliveries, k, &done, &total);
		if (total)
			json_array_append_new(progress, json_pack("{s:s, s:I, s:I}", "kind",
			                      rt_delivery_kind_name((enum rt_delivery_kind)k), "delivered",
			                      (json_int_t)done, "total", (json_int_t)total));
	}
	json_t *out = json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "id",
	                        (json_int_t)doc.cycle.id, "year", (json_int_t)doc.cycle.year,
	                        "title", doc.cycle.title, "region", doc.region_name, "owner",
	                        rt_api_str(doc.cycle.owner), "phases", phases, "events", events,
	                        "deliveries", dels, "progress", progress);
	rt_store_process_doc_release(&doc);
	return rt_api_json(res, 200, out);
}

/* Answers a rendered document: HTML inline, DOCX and PDF as downloads. */
static int document(struct rt_http_response *res, enum rt_doc_format f, const char *name, int rc,
                    const rt_err *err)
{
	if (rc) {
		rt_buf_reset(&res->body);
		return rt_api_err(res, err);
	}
	res->status = 200;
	res->content_type = f == RT_DOC_DOCX ? "application/vnd.openxmlformats-officedocument."
	                                      "wordprocessingml.document"
	                  : f == RT_DOC_PDF ? "application/pdf" : RT_HTTP_HTML;
	char cd[96];
	snprintf(cd, sizeof(cd), "%s; filename=\"%s.%s\"", f == RT_DOC_HTML ? "inline" : "attachment",
	         name, f == RT_DOC_DOCX ? "docx" : f == RT_DOC_PDF ? "pdf" : "html");
	rt_http_set_header(res, "Content-Disposition", cd);
	return 0;
}

static bool format(const struct rt_http_request *req, struct rt_http_response *res,
                   enum rt_doc_format *f)
{
	rt_err err = RT_ERR_INIT;
	if (rt_doc_format_parse(rt_http_query(req, "format"), f, &err) == 0) return true;
	rt_api_fail(res, 400, "invalid", "format", "Okänt format; välj html, docx eller pdf.");
	return false;
}

RT_API_HANDLER(rt_api_process_feedback)
{
	enum rt_doc_format f;
	if (!format(req, res, &f)) return 0;
	struct rt_process_doc doc;
	if (!load(ctx, req, res, &doc)) {
		rt_store_process_doc_release(&doc);
		return 0;
	}
	rt_err err = RT_ERR_INIT;
	char name[48];
	snprintf(name, sizeof(name), "aterkoppling-pf-%d", doc.cycle.year);
	int rc = rt_feedback_render(&doc, f, &res->body, &err);
	rt_store_process_doc_release(&doc);
	return document(res, f, name, rc, &err);
}

RT_API_HANDLER(rt_api_plan_document)
{
	int64_t id;
	if (!rt_api_id(req, res, "id", &id)) return 0;
	enum rt_doc_format f;
	if (!format(req, res, &f)) return 0;
	rt_err err = RT_ERR_INIT;
	char name[48];
	snprintf(name, sizeof(name), "plan-%lld", (long long)id);
	int rc = rt_plan_document_render(ctx->store, id, f, &res->body, &err);
	return document(res, f, name, rc, &err);
}
