/* GET /arshjul: the planning process of seed 002 for everyone to see —
 * where it stands today, the phases with their process owners as a
 * timeline and as a circular årshjul (SVG, January at the top, the phases
 * as numbered arcs, milestones as dots, today as a hand), the milestones
 * and meetings, and what each board has delivered. The wheel repeats what
 * the text says; the text alone is complete (screen readers, no images). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "web/web_int.h"
#include "web/web_process.h"
#include "util/date.h"

static const char *const months[] = {
	"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
	"september", "oktober", "november", "december",
};

/* Colours with at least 4.5:1 against white (white numbers on them, too). */
static const char *const colours[] = {
	"#1d4f91", "#2e6b30", "#8a4b08", "#6a1b9a", "#00695c", "#ad1457", "#37474f",
};

/* "10 februari 2026" */
static void sv_date(rt_buf *b, const char *iso)
{
	int y, m, d;
	if (rt_date_parse(iso, &y, &m, &d, NULL, NULL) != 0) {
		rt_buf_add_html(b, iso ? iso : "");
		return;
	}
	rt_buf_addf(b, "%d %s %d", d, months[m - 1], y);
}

/* Angle in radians of a date on the wheel: 1 January at the top, clockwise. */
static double angle(const char *iso)
{
	int y, m, d;
	rt_date_parse(iso, &y, &m, &d, NULL, NULL);
	int doy = d - 1;
	for (int i = 1; i < m; i++) doy += rt_days_in_month(y, i);
	return (doy / 365.0) * 2 * M_PI - M_PI / 2;
}

static void point(rt_buf *b, double r, double a)
{
	rt_buf_addf(b, "%.1f %.1f", 200 + r * cos(a), 200 + r * sin(a));
}

/* Day of year (0–364) of a date, ignoring leap days: the wheel is a year. */
static int day_of_year(const char *iso)
{
	int y, m, d;
	if (rt_date_parse(iso, &y, &m, &d, NULL, NULL) != 0) return 0;
	int doy = d - 1;
	for (int i = 1; i < m; i++) doy += rt_days_in_month(2001, i);
	return doy;
}

/* Do two spans of the year overlap on the circle (a span may wrap)? */
static bool spans_overlap(int s1, int e1, int s2, int e2)
{
	if (e1 < s1) e1 += 365;
	if (e2 < s2) e2 += 365;
	for (int shift = -365; shift <= 365; shift += 365)
		if (s1 <= e2 + shift && s2 + shift <= e1) return true;
	return false;
}

/* Rings for the phases: each phase on the outermost ring where it overlaps
 * no phase already placed (Förberedelser okt–jan and PF jan–feb differ). */
#define WHEEL_RINGS 3
static void assign_rings(const struct rt_process_doc *d, size_t n, int *ring)
{
	for (size_t i = 0; i < n; i++) {
		int s = day_of_year(d->phases[i].starts_on), e = day_of_year(d->phases[i].ends_on);
		ring[i] = 0;
		for (int r = 0; r < WHEEL_RINGS; r++) {
			bool clash = false;
			for (size_t j = 0; j < i && !clash; j++)
				clash = ring[j] == r &&
				        spans_overlap(s, e, day_of_year(d->phases[j].starts_on),
				                      day_of_year(d->phases[j].ends_on));
			if (!clash) {
				ring[i] = r;
				break;
			}
			ring[i] = (int)(i % WHEEL_RINGS);
		}
	}
}

static void wheel(rt_buf *b, const struct rt_process_doc *d, const char *today)
{
	rt_buf_addf(b, "<figure class=\"chart\">\n<svg viewBox=\"0 0 400 400\" width=\"400\" "
	               "height=\"400\" role=\"img\" aria-labelledby=\"hjul-titel hjul-besk\">\n"
	               "<title id=\"hjul-titel\">Årshjul %d</title>\n<desc id=\"hjul-besk\">"
	               "Planeringsprocessens %zu faser som numrerade bågar runt året, januari "
	               "överst; punkterna är milstolpar och möten. Samma uppgifter finns i "
	               "tidslinjen och tabellerna på sidan.</desc>\n", d->cycle.year, d->n_phases);
	rt_buf_addstr(b, "<circle cx=\"200\" cy=\"200\" r=\"100\" fill=\"none\" stroke=\"#767676\" "
	                 "stroke-width=\"1\"/>\n");
	for (int m = 0; m < 12; m++) {
		double a = (m / 12.0) * 2 * M_PI - M_PI / 2, mid = a + M_PI / 12;
		rt_buf_addstr(b, "<line x1=\"");
		rt_buf_addf(b, "%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#767676\"/>\n",
		            200 + 85 * cos(a), 200 + 85 * sin(a), 200 + 183 * cos(a),
		            200 + 183 * sin(a));
		rt_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" "
		               "dominant-baseline=\"middle\" fill=\"#1b1b1b\">%.3s</text>\n",
		            200 + 193 * cos(mid), 200 + 193 * sin(mid), months[m]);
	}
	int ring[64];
	size_t np = d->n_phases < 64 ? d->n_phases : 64;
	assign_rings(d, np, ring);
	for (size_t i = 0; i < np; i++) {
		const struct rt_process_phase *p = &d->phases[i];
		double r = 170 - 23 * ring[i];
		double a1 = angle(p->starts_on), a2 = angle(p->ends_on) + 2 * M_PI / 365;
		while (a2 <= a1) a2 += 2 * M_PI;
		rt_buf_addstr(b, "<path d=\"M ");
		point(b, r, a1);
		rt_buf_addf(b, " A %.0f %.0f 0 %d 1 ", r, r, a2 - a1 > M_PI ? 1 : 0);
		point(b, r, a2);
		rt_buf_addf(b, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"20\"><title>",
		            colours[i % 7]);
		rt_buf_addf(b, "%zu. ", i + 1);
		rt_buf_add_html(b, p->name);
		rt_buf_addstr(b, "</title></path>\n");
		double mid = (a1 + a2) / 2;
		rt_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" font-weight=\"bold\" "
		               "text-anchor=\"middle\" dominant-baseline=\"middle\" fill=\"#ffffff\">"
		               "%zu</text>\n", 200 + r * cos(mid), 200 + r * sin(mid), i + 1);
	}
	for (size_t i = 0; i < d->n_events; i++) {
		double a = angle(d->events[i].on_date);
		rt_buf_addf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" stroke=\"#1b1b1b\">"
		               "<title>", 200 + 100 * cos(a), 200 + 100 * sin(a),
		            d->events[i].kind == RT_EVENT_MEETING ? "#ffffff" : "#1b1b1b");
		rt_buf_add_html(b, d->events[i].on_date);
		rt_buf_addstr(b, " ");
		rt_buf_add_html(b, d->events[i].title);
		rt_buf_addstr(b, "</title></circle>\n");
	}
	double a = angle(today);
	rt_buf_addf(b, "<line x1=\"200\" y1=\"200\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#8a1c1c\" "
	               "stroke-width=\"3\"><title>I dag</title></line>\n<circle cx=\"200\" "
	               "cy=\"200\" r=\"4\" fill=\"#8a1c1c\"/>\n", 200 + 180 * cos(a),
	            200 + 180 * sin(a));
	rt_buf_addstr(b, "</svg>\n<figcaption>Årshjulet: numren är faserna i tidslinjen, "
	                 "svarta punkter milstolpar, vita punkter möten, den röda visaren dagens "
	                 "datum.</figcaption>\n</figure>\n");
}

static void timeline(rt_buf *b, const struct rt_process_doc *d, int now)
{
	rt_buf_addstr(b, "<h2 id=\"tidslinje\">Tidslinje</h2>\n<ol class=\"timeline\">\n");
	for (size_t i = 0; i < d->n_phases; i++) {
		const struct rt_process_phase *p = &d->phases[i];
		rt_buf_addstr(b, (int)i == now ? "<li aria-current=\"step\"><strong>" : "<li><strong>");
		rt_buf_add_html(b, p->name);
		rt_buf_addstr(b, "</strong>");
		if ((int)i == now) rt_buf_addstr(b, " <span class=\"status status-partly\">Pågår nu</span>");
		rt_buf_addstr(b, "<br><span class=\"meta\">");
		sv_date(b, p->starts_on);
		rt_buf_addstr(b, " – ");
		sv_date(b, p->ends_on);
		rt_buf_addstr(b, ". Processägare: ");
		rt_buf_add_html(b, p->owner ? p->owner : "saknas");
		rt_buf_addstr(b, "</span>");
		if (p->description) {
			rt_buf_addstr(b, "<br>");
			rt_buf_add_html(b, p->description);
		}
		rt_buf_addstr(b, "</li>\n");
	}
	rt_buf_addstr(b, "</ol>\n");
}

static void events(rt_buf *b, const struct rt_process_doc *d)
{
	rt_buf_addstr(b, "<table>\n<caption>Milstolpar och möten</caption>\n<thead><tr>"
	                 "<th scope=\"col\">Datum</th><th scope=\"col\">Händelse</th>"
	                 "<th scope=\"col\">Syfte</th><th scope=\"col\">Mål</th>"
	                 "<th scope=\"col\">Deltagare</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < d->n_events; i++) {
		const struct rt_process_event *e = &d->events[i];
		rt_buf_addstr(b, "<tr><td>");
		sv_date(b, e->on_date);
		rt_buf_addf(b, "</td><th scope=\"row\">%s: ", rt_event_kind_label(e->kind));
		rt_buf_add_html(b, e->title);
		rt_buf_addstr(b, "</th><td>");
		rt_buf_add_html(b, e->purpose ? e->purpose : "–");
		rt_buf_addstr(b, "</td><td>");
		rt_buf_add_html(b, e->goal ? e->goal : "–");
		rt_buf_addstr(b, "</td><td>");
		rt_buf_add_html(b, e->participants ? e->participants : "–");
		rt_buf_addstr(b, "</td></tr>\n");
	}
	rt_buf_addstr(b, "</tbody>\n</table>\n");
}

static void progress(rt_buf *b, const struct rt_process_doc *d, const char *today)
{
	rt_buf_addstr(b, "<h2 id=\"leveranser\">Nämndernas leveranser</h2>\n<ul>\n");
	for (int k = 0; k < RT_DELIVERY_KIND_COUNT; k++) {
		size_t done, total;
		rt_process_progress(d->deliveries, d->n_deliveries, k, &done, &total);
		if (total)
			rt_buf_addf(b, "<li>%s: %zu av %zu levererade</li>\n",
			            rt_delivery_kind_label((enum rt_delivery_kind)k), done, total);
	}
	rt_buf_addstr(b, "</ul>\n<table>\n<caption>Leveranser per nämnd</caption>\n<thead><tr>"
	                 "<th scope=\"col\">Nämnd</th>");
	for (int k = 0; k < RT_DELIVERY_KIND_COUNT; k++)
		rt_buf_addf(b, "<th scope=\"col\">%s</th>",
		            rt_delivery_kind_label((enum rt_delivery_kind)k));
	rt_buf_addstr(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < d->n_deliveries; i++) {
		int64_t org = d->deliveries[i].org_unit_id;
		size_t first = 0;
		while (d->deliveries[first].org_unit_id != org) first++;
		if (first != i) continue;   /* one row per board */
		rt_buf_addstr(b, "<tr><th scope=\"row\">");
		rt_buf_add_html(b, d->deliveries[i].org_name ? d->deliveries[i].org_name : "");
		rt_buf_addstr(b, "</th>");
		for (int k = 0; k < RT_DELIVERY_KIND_COUNT; k++) {
			const struct rt_process_delivery *x = NULL;
			for (size_t j = 0; j < d->n_deliveries; j++)
				if (d->deliveries[j].org_unit_id == org && (int)d->deliveries[j].kind == k)
					x = &d->deliveries[j];
			if (!x) {
				rt_buf_addstr(b, "<td>–</td>");
				continue;
			}
			bool late = x->status != RT_DELIVERY_DELIVERED && rt_date_cmp(x->due_on, today) < 0;
			enum rt_status st = x->status == RT_DELIVERY_DELIVERED ? RT_STATUS_ACHIEVED
			                    : late ? RT_STATUS_NOT_ACHIEVED : RT_STATUS_PARTLY;
			rt_buf_addf(b, "<td><span class=\"status %s\">%s%s</span><br><span class=\"meta\">",
			            rt_web_status_class(st), rt_delivery_status_label(x->status),
			            late ? ", försenad" : "");
			if (x->delivered_on) {
				rt_buf_addstr(b, "Lämnad ");
				sv_date(b, x->delivered_on);
			} else {
				rt_buf_addstr(b, "Senast ");
				sv_date(b, x->due_on);
			}
			rt_buf_addstr(b, "</span></td>");
		}
		rt_buf_addstr(b, "</tr>\n");
	}
	rt_buf_addstr(b, "</tbody>\n</table>\n");
}

int rt_web_process(rt_store *s, const char *year, rt_buf *out, rt_err *err)
{
	int y = 0;
	if (year && *year) {
		char *end;
		long v = strtol(year, &end, 10);
		if (*end || v < 1900 || v > 9999)
			return rt_err_set(err, RT_EINVAL, "ar", "Ogiltigt år '%.20s'", year);
		y = (int)v;
	}
	int64_t id;
	struct rt_process_doc d;
	memset(&d, 0, sizeof(d));
	int rc = rt_store_process_find(s, 0, y, &id, err);
	if (!rc) rc = rt_store_process_load(s, id, &d, err);
	if (rc) {
		rt_store_process_doc_release(&d);
		return rc;
	}
	char today[11];
	rt_date_today(today);
	int now = rt_process_phase_at(d.phases, d.n_phases, today);
	rt_buf title = RT_BUF_INIT;
	rt_buf_addf(&title, "Årshjul %d", d.cycle.year);
	rt_web_page_begin(out, title.buf, RT_NAV_PROCESS);
	rt_buf_addstr(out, "<h1>");
	rt_buf_add_html(out, d.cycle.title);
	rt_buf_addstr(out, "</h1>\n<p class=\"meta\">");
	rt_buf_add_html(out, d.region_name);
	rt_buf_addstr(out, ". Processägare: ");
	rt_buf_add_html(out, d.cycle.owner ? d.cycle.owner : "saknas");
	rt_buf_addstr(out, ".</p>\n<p class=\"notice\">Processen står nu i: <strong>");
	rt_buf_add_html(out, now >= 0 ? d.phases[now].name : "ingen fas (mellan faserna)");
	rt_buf_addstr(out, "</strong>. I dag är det ");
	sv_date(out, today);
	rt_buf_addstr(out, ".</p>\n");
	rt_buf_addf(out, "<p><a href=\"/api/v1/process/calendar.ics?year=%d\">Lägg in datumen i "
	                 "din kalender (iCalendar, .ics)</a></p>\n", d.cycle.year);
	wheel(out, &d, today);
	timeline(out, &d, now);
	rt_buf_addstr(out, "<h2 id=\"handelser\">Milstolpar och möten</h2>\n");
	events(out, &d);
	progress(out, &d, today);
	rt_web_page_end(out);
	rt_buf_release(&title);
	rt_store_process_doc_release(&d);
	return 0;
}
