/* iCalendar export of a planning cycle; see process_ics.h. libical builds
 * and serialises (folding, escaping of commas and semicolons, CRLF); this
 * file only maps rows to VEVENTs. */
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/process_ics.h"
#include "util/date.h"

static struct icaltimetype ics_date(const char *iso, int plus_days)
{
	int y = 0, m = 0, d = 0;
	rt_date_parse(iso, &y, &m, &d, NULL, NULL);
	struct icaltimetype t = icaltime_null_date();
	t.year = y;
	t.month = m;
	t.day = d;
	if (plus_days) icaltime_adjust(&t, plus_days, 0, 0, 0);
	return t;
}

/* One all-day event from `from` to `to` inclusive (DTEND is exclusive). */
static void add_event(icalcomponent *cal, const char *uid, const char *summary,
                      const char *description, const char *category, const char *from,
                      const char *to, struct icaltimetype stamp)
{
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(ics_date(from, 0)));
	icalcomponent_add_property(ev, icalproperty_new_dtend(ics_date(to, 1)));
	icalcomponent_add_property(ev, icalproperty_new_summary(summary));
	if (description && *description)
		icalcomponent_add_property(ev, icalproperty_new_description(description));
	icalcomponent_add_property(ev, icalproperty_new_categories(category));
	icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	icalcomponent_add_component(cal, ev);
}

static const char *phase_name(const struct rt_process_doc *doc, int64_t id)
{
	for (size_t i = 0; i < doc->n_phases; i++)
		if (doc->phases[i].id == id) return doc->phases[i].name;
	return NULL;
}

int rt_process_ics(const struct rt_process_doc *doc, rt_buf *out, rt_err *err)
{
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//Rödtråd//Årshjul//SV"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalproperty *name = icalproperty_new_x(doc->cycle.title);
	icalproperty_set_x_name(name, "X-WR-CALNAME");
	icalcomponent_add_property(cal, name);
	struct icaltimetype stamp = icaltime_from_timet_with_zone(time(NULL), 0,
	                                                          icaltimezone_get_utc_timezone());
	rt_buf uid = RT_BUF_INIT, text = RT_BUF_INIT;
	const struct rt_process_cycle *c = &doc->cycle;
	for (size_t i = 0; i < doc->n_phases; i++) {
		const struct rt_process_phase *p = &doc->phases[i];
		rt_buf_reset(&uid);
		rt_buf_addf(&uid, "rodtrad-process-%d-phase-%lld", c->year, (long long)p->id);
		rt_buf_reset(&text);
		rt_buf_addf(&text, "Processägare: %s", p->owner ? p->owner : "saknas");
		if (p->description) rt_buf_addf(&text, "\n\n%s", p->description);
		add_event(cal, uid.buf, p->name, text.buf, "Fas", p->starts_on, p->ends_on, stamp);
	}
	for (size_t i = 0; i < doc->n_events; i++) {
		const struct rt_process_event *e = &doc->events[i];
		rt_buf_reset(&uid);
		rt_buf_addf(&uid, "rodtrad-process-%d-event-%lld", c->year, (long long)e->id);
		rt_buf_reset(&text);
		const char *ph = phase_name(doc, e->phase_id);
		if (ph) rt_buf_addf(&text, "Fas: %s\n", ph);
		if (e->purpose) rt_buf_addf(&text, "Syfte: %s\n", e->purpose);
		if (e->goal) rt_buf_addf(&text, "Mål: %s\n", e->goal);
		if (e->participants) rt_buf_addf(&text, "Deltagare: %s\n", e->participants);
		rt_buf_trim(&text);
		add_event(cal, uid.buf, e->title, text.buf, rt_event_kind_label(e->kind), e->on_date,
		          e->on_date, stamp);
	}
	for (size_t i = 0; i < doc->n_deliveries; i++) {
		const struct rt_process_delivery *d = &doc->deliveries[i];
		rt_buf_reset(&uid);
		rt_buf_addf(&uid, "rodtrad-process-%d-delivery-%lld", c->year, (long long)d->id);
		rt_buf_reset(&text);
		rt_buf_addf(&text, "Sista dag: %s – %s", rt_delivery_kind_label(d->kind),
		            d->org_name ? d->org_name : "");
		add_event(cal, uid.buf, text.buf, rt_delivery_status_label(d->status), "Leverans",
		          d->due_on, d->due_on, stamp);
	}
	rt_buf_release(&uid);
	rt_buf_release(&text);
	char *s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (!s) return rt_err_set(err, RT_EINTERNAL, "ics", "Kunde inte skapa kalenderfilen");
	rt_buf_addstr(out, s);
	free(s);
	return 0;
}
