/* The planning process's outputs on the demo database (data/demo/5-*.json,
 * seed 002): the iCalendar export parsed back with libical (dates, texts
 * with å ä ö, meetings' syfte/mål/deltagare, one VEVENT per row), the
 * compiled board feedback under the six headings plus the risk analysis in
 * the template's order, and the plan document with seed 000's numbering and
 * the change log first. */
#include "test_util.h"

#include <libical/ical.h>
#include <zip.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/demo.h"
#include "report/feedback_doc.h"
#include "report/plan_document.h"
#include "report/process_ics.h"

struct fx {
	char *path;
	rt_store *s;
	rt_err err;
	struct rt_process_doc doc;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->path = rt_test_db("process_report.db");
	*state = f;
	int64_t id;
	if (rt_store_open(&f->s, f->path, RT_STORE_OPEN_CREATE, &f->err) != 0 ||
	    rt_demo_load(f->s, NULL, &f->err) != 0 ||
	    rt_store_process_find(f->s, 0, 2026, &id, &f->err) != 0 ||
	    rt_store_process_load(f->s, id, &f->doc, &f->err) != 0) {
		fprintf(stderr, "setup: %s\n", f->err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	rt_store_process_doc_release(&f->doc);
	rt_store_close(f->s);
	free(f->path);
	free(f);
	return 0;
}

/* The VEVENT whose SUMMARY is `summary`, or NULL. */
static icalcomponent *event(icalcomponent *cal, const char *summary)
{
	for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
	     e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		if (!strcmp(icalcomponent_get_summary(e), summary)) return e;
	return NULL;
}

static void test_ics_parsed_back(void **state)
{
	struct fx *f = *state;
	rt_buf ics = RT_BUF_INIT;
	assert_int_equal(rt_process_ics(&f->doc, &ics, &f->err), 0);
	assert_non_null(strstr(ics.buf, "\r\n"));
	icalcomponent *cal = icalparser_parse_string(ics.buf);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	/* libical's own RFC 5545 checks add X-LIC-ERROR properties to bad parts. */
	assert_int_equal(icalcomponent_count_errors(cal), 0);
	/* 7 phases + 8 events + 6 deliveries */
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 21);

	icalcomponent *kick = event(cal, "Kickoff: majoritetens förslag till PF presenteras");
	assert_non_null(kick);
	struct icaltimetype t = icalcomponent_get_dtstart(kick);
	assert_true(t.is_date);
	assert_int_equal(t.year, 2026);
	assert_int_equal(t.month, 2);
	assert_int_equal(t.day, 10);
	struct icaltimetype e = icalcomponent_get_dtend(kick);
	assert_int_equal(e.day, 11);   /* all day: DTEND is the next day */

	struct { const char *summary; int month, day; } ms[] = {
		{ "PF beslutas i regionstyrelsen", 3, 9 },
		{ "Nämnderna återkopplar på PF", 4, 16 },
		{ "VP klar", 9, 30 },
	};
	for (size_t i = 0; i < 3; i++) {
		icalcomponent *m = event(cal, ms[i].summary);
		assert_non_null(m);
		t = icalcomponent_get_dtstart(m);
		assert_int_equal(t.month, ms[i].month);
		assert_int_equal(t.day, ms[i].day);
	}

	icalcomponent *sd = event(cal, "Styrdialog");
	assert_non_null(sd);
	const char *desc = icalcomponent_get_description(sd);
	assert_non_null(strstr(desc, "Syfte: Möte mellan nämnd och regionstyrelsens arbetsutskott"));
	assert_non_null(strstr(desc, "Deltagare: Nämndernas presidier, regionstyrelsens arbetsutskott"));

	/* A phase spans its whole period; the description names its owner. */
	icalcomponent *prep = event(cal, "Förberedelser");
	assert_non_null(prep);
	t = icalcomponent_get_dtstart(prep);
	assert_int_equal(t.year, 2025);
	assert_int_equal(t.month, 10);
	e = icalcomponent_get_dtend(prep);
	assert_int_equal(e.year, 2026);
	assert_int_equal(e.month, 2);
	assert_int_equal(e.day, 1);
	assert_non_null(strstr(icalcomponent_get_description(prep), "Processägare: Ekonomidirektören"));

	icalcomponent *late = event(cal, "Sista dag: Återkoppling på planeringsförutsättningarna – "
	                                 "Regionala utvecklingsnämnden");
	assert_non_null(late);
	assert_string_equal(icalcomponent_get_description(late), "Pågår");
	/* Stable, unique UIDs. */
	assert_string_equal(icalcomponent_get_uid(prep), "rodtrad-process-2026-phase-1");
	icalcomponent_free(cal);
	rt_buf_release(&ics);
}

static void test_feedback_six_headings(void **state)
{
	struct fx *f = *state;
	rt_buf html = RT_BUF_INIT;
	assert_int_equal(rt_feedback_render(&f->doc, RT_DOC_HTML, &html, &f->err), 0);
	const char *h = html.buf;
	assert_non_null(strstr(h, "<h1>Nämndernas återkoppling på planeringsförutsättningarna 2026</h1>"));
	/* Overview: HSN delivered with all seven, RUN in progress with three. */
	assert_non_null(strstr(h, "<td>Hälso- och sjukvårdsnämnden</td><td>2026-04-16</td>"
	                          "<td>Levererad</td><td>7 av 7</td>"));
	assert_non_null(strstr(h, "<td>Regionala utvecklingsnämnden</td><td>2026-04-16</td>"
	                          "<td>Pågår</td><td>3 av 7</td>"));
	/* HSN's section has the headings in the template's order. */
	const char *sec = strstr(h, "<h2>Hälso- och sjukvårdsnämnden</h2>");
	assert_non_null(sec);
	const char *prev = sec;
	for (int k = 0; k < RT_FB_HEADING_COUNT; k++) {
		char want[200];
		snprintf(want, sizeof(want), "<h3>%d. %s</h3>", k + 1,
		         rt_feedback_heading_label((enum rt_feedback_heading)k));
		const char *at = strstr(prev, want);
		assert_non_null(at);
		prev = at;
	}
	assert_non_null(strstr(sec, "<h3>6. Nämndens övriga synpunkter</h3>\n<p>Nämnden ser positivt"));
	/* RUN left four headings empty, and it says so. */
	const char *run = strstr(h, "<h2>Regionala utvecklingsnämnden</h2>");
	assert_non_null(run);
	int empty = 0;
	for (const char *p = run; (p = strstr(p, "Ingen text lämnad.")); p++) empty++;
	assert_int_equal(empty, 4);
	rt_buf_release(&html);
}

static void test_plan_document_numbering(void **state)
{
	struct fx *f = *state;
	int64_t id = 0;
	assert_int_equal(rt_store_find_key(f->s, "plan", "rjh-ap-2016-attraktiv-arbetsgivare", &id,
	                                   &f->err), 0);
	assert_true(id > 0);
	rt_buf html = RT_BUF_INIT;
	assert_int_equal(rt_plan_document_render(f->s, id, RT_DOC_HTML, &html, &f->err), 0);
	static const char *const order[] = {
		"<caption>Ändringsförteckning</caption>", "<h2>1 Inledning</h2>", "<h2>2 Mål</h2>",
		"<h2>3 Aktiviteter</h2>", "<h3>3.1 Aktiviteter som rör verksamheterna</h3>",
		"<h3>3.2 Aktiviteter som rör ledningsstaberna</h3>",
		"<h2>4 Beskrivning av hur handlingsplanen avser uppnå krav enligt särskilda perspektiv</h2>",
		"<h3>4.1 Jämställdhets- och jämlikhetsperspektivet</h3>", "<h3>4.2 Barnens rätt</h3>",
		"<h3>4.3 Miljö</h3>", "<h3>4.4 Ekonomi</h3>", "<h3>4.5 Regional utveckling</h3>",
		"<h2>5 Definitioner</h2>",
	};
	const char *prev = html.buf;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const char *at = strstr(prev, order[i]);
		if (!at) fail_msg("'%s' missing or out of order", order[i]);
		prev = at;
	}
	/* The seed's question is in the document, unanswered so far. */
	assert_non_null(strstr(html.buf, "<td>Har barn och ungdom fått möjlighet att uttrycka sin "
	                                 "mening?</td><td>Ej besvarad</td>"));
	rt_buf_release(&html);
	assert_int_equal(rt_plan_document_render(f->s, 9999, RT_DOC_HTML, &html, &f->err), RT_ENOTFOUND);
	rt_buf_release(&html);
}

/* The named part of a DOCX package in memory, NUL-terminated (malloc'd). */
static char *docx_part(const rt_buf *docx, const char *name)
{
	zip_error_t ze;
	zip_source_t *src = zip_source_buffer_create(docx->buf, docx->len, 0, &ze);
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(za);
	zip_stat_t st;
	assert_int_equal(zip_stat(za, name, 0, &st), 0);
	char *out = calloc(1, st.size + 1);
	zip_file_t *zf = zip_fopen(za, name, 0);
	assert_int_equal(zip_fread(zf, out, st.size), (zip_int64_t)st.size);
	zip_fclose(zf);
	zip_close(za);
	return out;
}

static void test_docx(void **state)
{
	struct fx *f = *state;
	int64_t id = 0;
	assert_int_equal(rt_store_find_key(f->s, "plan", "rjh-ap-2016-attraktiv-arbetsgivare", &id,
	                                   &f->err), 0);
	rt_buf docx = RT_BUF_INIT;
	assert_int_equal(rt_plan_document_render(f->s, id, RT_DOC_DOCX, &docx, &f->err), 0);
	assert_memory_equal(docx.buf, "PK", 2);
	char *xml = docx_part(&docx, "word/document.xml");
	static const char *const order[] = {
		"Ändringsförteckning", "<w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">1 Inledning",
		">2 Mål<", ">3 Aktiviteter<", ">3.1 Aktiviteter som rör verksamheterna<", ">4.3 Miljö<",
		">5 Definitioner<",
	};
	const char *prev = xml;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const char *at = strstr(prev, order[i]);
		if (!at) fail_msg("DOCX: '%s' missing or out of order", order[i]);
		prev = at;
	}
	free(xml);
	char *styles = docx_part(&docx, "word/styles.xml");
	assert_non_null(strstr(styles, "w:styleId=\"Heading1\""));
	free(styles);
	rt_buf_release(&docx);

	assert_int_equal(rt_feedback_render(&f->doc, RT_DOC_DOCX, &docx, &f->err), 0);
	xml = docx_part(&docx, "word/document.xml");
	assert_non_null(strstr(xml, ">7. Risk- och känslighetsanalys<"));
	assert_non_null(strstr(xml, ">3 av 7<"));
	free(xml);
	rt_buf_release(&docx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ics_parsed_back),
		cmocka_unit_test(test_feedback_six_headings),
		cmocka_unit_test(test_plan_document_numbering),
		cmocka_unit_test(test_docx),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
