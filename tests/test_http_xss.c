/* XSS (issue 5 §5–6): a script payload goes into every text field a user
 * can write — through the JSON API where it has a route, the checklist
 * form, `rodtrad feedback set`, and the store for the planning process's
 * meetings (they come from process JSON files) — and comes back escaped on
 * every page type and in every HTML report and document, while the JSON
 * API returns it unchanged as data. Each field's payload starts with its
 * own tag ("F07") so the test can tell that the field was rendered at all. */
#define HTTP_TEST_DB "http_xss.db"

#include "test_http.h"

#include <zip.h>

#include "core/process.h"

#define PAYLOAD "<script>alert(1)</script>\"'&<img src=x onerror=alert(1)>"
/* How rt_buf_add_html writes the start of it. */
#define ESCAPED "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;&lt;img src=x onerror=alert(1)&gt;"

#define N_FIELDS 40

struct field {
	const char *what;     /* "goal title" */
	bool rendered;        /* seen escaped in some HTML */
};
static struct field fields[N_FIELDS];
static int n_fields;

/* The payload of a new field `what`: "F07<script>…". */
static char *payload(const char *what)
{
	assert_true(n_fields < N_FIELDS);
	fields[n_fields].what = what;
	rt_buf b = RT_BUF_INIT;
	rt_buf_addf(&b, "F%02d%s", n_fields++, PAYLOAD);
	return rt_buf_detach(&b, NULL);
}

/* A JSON string literal of s. */
static void add_json_str(rt_buf *b, const char *s)
{
	rt_buf_addch(b, '"');
	rt_buf_add_json(b, s);
	rt_buf_addch(b, '"');
}

/* Writes `json` to `path` with `method` and expects `want`; returns the
 * "id" of the answer (0 if none). */
static int64_t api_write(const char *method, const char *path, const char *json, long want)
{
	struct http_res r;
	long st = http_json(method, path, json, &r);
	if (st != want)
		fail_msg("%s %s: %ld, want %ld: %s", method, path, st, want, r.body.buf);
	json_t *j = res_json(&r);
	int64_t id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	res_release(&r);
	return id;
}

/* {"k1": P("what1"), …, <extra>} */
static char *body_of(const char *const *keys, const char *extra)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_addch(&b, '{');
	for (size_t i = 0; keys[i]; i += 2) {
		char *p = payload(keys[i + 1]);
		rt_buf_addf(&b, "%s\"%s\":", i ? "," : "", keys[i]);
		add_json_str(&b, p);
		free(p);
	}
	if (extra && *extra)
		rt_buf_addf(&b, ",%s", extra);
	rt_buf_addch(&b, '}');
	return rt_buf_detach(&b, NULL);
}

static int64_t goal_id, indicator_id, activity_id;
static const char *checklist_plan = "/plan/4/checklista";

static void write_api_fields(void)
{
	/* RJH Regionstyrelsen (org 3) owns plan 6, the draft VP 2021 */
	static const char *const org[] = { "name", "org unit name", "short_name", "data: org short name",
	                                   NULL };
	char *b = body_of(org, NULL);
	api_write("PUT", "/api/v1/org-units/3", b, 200);
	free(b);
	static const char *const plan[] = { "title", "plan title", "introduction", "plan introduction",
	                                    "decision_body", "plan decision body", NULL };
	b = body_of(plan, NULL);
	api_write("PUT", "/api/v1/plans/6", b, 200);
	free(b);
	static const char *const goal[] = { "title", "goal title", "description", "goal description",
	                                    NULL };
	b = body_of(goal, "\"kind\":\"goal\",\"parent_id\":25");
	goal_id = api_write("POST", "/api/v1/plans/6/goals", b, 201);
	free(b);
	static const char *const ind[] = { "name", "indicator name", "description",
	                                   "data: indicator description", "unit", "indicator unit",
	                                   "source", "data: indicator source", "motivation",
	                                   "data: indicator motivation", "criteria", "data: indicator criteria",
	                                   NULL };
	b = body_of(ind, "\"kind\":\"quantitative\",\"direction\":\"lower\"");
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/goals/%lld/indicators", (long long)goal_id);
	indicator_id = api_write("POST", path, b, 201);
	free(b);
	static const char *const target[] = { "text", "target text", NULL };
	b = body_of(target, "\"year\":2021");
	snprintf(path, sizeof(path), "/api/v1/indicators/%lld/targets", (long long)indicator_id);
	api_write("POST", path, b, 201);
	free(b);
	static const char *const act[] = { "title", "activity title", "description",
	                                   "activity description", "target_group",
	                                   "activity target group", "owner", "activity owner",
	                                   "contact", "activity contact", NULL };
	b = body_of(act, NULL);
	snprintf(path, sizeof(path), "/api/v1/goals/%lld/activities", (long long)goal_id);
	activity_id = api_write("POST", path, b, 201);
	free(b);
	static const char *const outcome[] = { "comment", "outcome comment", NULL };
	b = body_of(outcome, "\"value\":\"5\"");
	snprintf(path, sizeof(path), "/api/v1/indicators/%lld/outcomes/2021-T1",
	         (long long)indicator_id);
	api_write("PUT", path, b, 201);
	free(b);
	static const char *const assess[] = { "analysis", "assessment analysis", NULL };
	b = body_of(assess, "\"status\":\"partly\"");
	snprintf(path, sizeof(path), "/api/v1/goals/%lld/assessments/2021-T1", (long long)goal_id);
	struct http_res r;
	long st = http_json("PUT", path, b, &r);
	if (st != 200 && st != 201)
		fail_msg("assessment: %ld %s", st, r.body.buf);
	res_release(&r);
	free(b);
	static const char *const state[] = { "comment", "activity state comment", NULL };
	b = body_of(state, "\"state\":\"ongoing\"");
	snprintf(path, sizeof(path), "/api/v1/activities/%lld/states/2021-T1",
	         (long long)activity_id);
	st = http_json("PUT", path, b, &r);
	if (st != 200 && st != 201)
		fail_msg("activity state: %ld %s", st, r.body.buf);
	res_release(&r);
	free(b);
}

/* The checklist's motivation fields are only a form: every
 * "motivering-…" field of plan 4's checklist gets a payload. */
static void write_checklist(void)
{
	struct http_res r;
	assert_int_equal(http_get(checklist_plan, &r), 200);
	rt_buf form = RT_BUF_INIT;
	rt_buf_addstr(&form, "x=1");
	int n = 0;
	for (const char *p = r.body.buf; (p = strstr(p, "name=\"motivering-")) != NULL; n++) {
		p += 6;
		const char *e = strchr(p, '"');
		char *p2 = payload("checklist motivation");
		char *enc = curl_easy_escape(NULL, p2, 0);
		rt_buf_addf(&form, "&%.*s=%s", (int)(e - p), p, enc);
		curl_free(enc);
		free(p2);
		p = e;
	}
	res_release(&r);
	assert_true(n > 0);
	long st = http_do("POST", checklist_plan, "application/x-www-form-urlencoded", form.buf,
	                  form.len, NULL, &r);
	if (st != 303 && st != 200)
		fail_msg("checklist: %ld %s", st, r.body.buf);
	res_release(&r);
	rt_buf_release(&form);
}

static void write_feedback_and_process(void)
{
	static const char *const headings[][2] = {
		{ "goals", "feedback goals" }, { "risk", "feedback risk" },
		{ "economy", "feedback economy" },
	};
	for (size_t i = 0; i < 3; i++) {
		char *p = payload(headings[i][1]);
		const char *argv[] = { "feedback", "set", "rvb-hsn", headings[i][0], p, "--db", db_path,
		                       NULL };
		rt_buf out = RT_BUF_INIT, err = RT_BUF_INIT;
		if (rt_test_run(&out, &err, argv) != 0)
			fail_msg("feedback set: %s", err.buf);
		rt_buf_release(&out);
		rt_buf_release(&err);
		free(p);
	}
	/* a meeting of the planning process */
	rt_store *s;
	rt_err e = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, db_path, RT_STORE_OPEN_EXISTING, &e), 0);
	int64_t cycle;
	struct rt_process_doc doc;
	assert_int_equal(rt_store_process_find(s, 0, 0, &cycle, &e), 0);
	assert_int_equal(rt_store_process_load(s, cycle, &doc, &e), 0);
	struct rt_process_event *m = NULL;
	for (size_t i = 0; i < doc.n_events && !m; i++)
		if (doc.events[i].kind == RT_EVENT_MEETING)
			m = &doc.events[i];
	assert_non_null(m);
	char *t = payload("meeting title"), *pu = payload("meeting purpose"),
	     *g = payload("meeting goal"), *pa = payload("meeting participants");
	m->title = t, m->purpose = pu, m->goal = g, m->participants = pa;
	assert_int_equal(rt_store_begin(s, "test", &e), 0);
	assert_int_equal(rt_store_process_event_put(s, m, &e), 0);
	assert_int_equal(rt_store_commit(s, &e), 0);
	free(t), free(pu), free(g), free(pa);
	rt_store_process_doc_release(&doc);
	rt_store_close(s);
}

static int xss_setup(void **state)
{
	if (http_setup(state) != 0)
		return -1;
	return 0;
}

/* No raw payload anywhere in `html`; marks the fields seen escaped. */
static void check_html(const char *what, const struct http_res *r)
{
	const char *h = r->body.buf ? r->body.buf : "";
	if (strstr(h, "<script>alert(1)") || strstr(h, "<img src=x onerror") ||
	    strstr(h, "</script>\"'&"))
		fail_msg("%s: the payload is not escaped", what);
	char tag[16];
	for (int i = 0; i < n_fields; i++) {
		snprintf(tag, sizeof(tag), "F%02d", i);
		for (const char *p = h; (p = strstr(p, tag)) != NULL; p += 3) {
			if (!strncmp(p + 3, ESCAPED, strlen(ESCAPED)) ||
			    !strncmp(p + 3, "&lt;script&gt;alert(1)&lt;/script&gt;", 37))
				fields[i].rendered = true;
		}
	}
}

static void fetch_html(const char *path, long want)
{
	struct http_res r;
	long st = http_get(path, &r);
	if (st != want)
		fail_msg("GET %s: %ld, want %ld", path, st, want);
	check_html(path, &r);
	res_release(&r);
}

static void test_payload_in_every_field_comes_back_escaped(void **state)
{
	(void)state;
	write_api_fields();
	write_checklist();
	write_feedback_and_process();

	char path[128];
	fetch_html("/", 200);
	fetch_html("/plan/6", 200);
	fetch_html("/plan/6/utfall/2021-T1", 200);
	fetch_html("/plan/4", 200);
	fetch_html(checklist_plan, 200);
	snprintf(path, sizeof(path), "/mal/%lld", (long long)goal_id);
	fetch_html(path, 200);
	fetch_html("/mal/25", 200);
	fetch_html("/rapport", 200);
	fetch_html("/sok?q=F0", 200);
	fetch_html("/sok?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%27%26%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", 200);
	fetch_html("/arshjul", 200);
	fetch_html("/ekonomi", 200);
	fetch_html("/import", 200);
	fetch_html("/finns-inte%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404);
	/* the reports and documents as HTML */
	fetch_html("/api/v1/reports/2021-T1?format=html", 200);
	fetch_html("/api/v1/reports/2021-T1?format=html&scope=rjh-rs", 200);
	fetch_html("/api/v1/plans/6/document?format=html", 200);
	fetch_html("/api/v1/plans/4/document?format=html", 200);
	fetch_html("/api/v1/process/feedback?format=html", 200);

	rt_buf missing = RT_BUF_INIT;
	/* "data: …" fields are shown on no page (the API returns them, see
	 * below); if a page starts showing them, check_html covers it */
	for (int i = 0; i < n_fields; i++)
		if (!fields[i].rendered && strncmp(fields[i].what, "data: ", 6))
			rt_buf_addf(&missing, "F%02d %s; ", i, fields[i].what);
	if (missing.len)
		fail_msg("never seen escaped on a page or in a report: %s", missing.buf);
	rt_buf_release(&missing);
}

/* Every file in the DOCX/XLSX zip `body` is XML with the payload escaped:
 * a raw "<script>" would be a broken (or hostile) document. Returns how
 * many files carry an escaped payload. */
static int check_office(const char *path)
{
	struct http_res r;
	if (http_get(path, &r) != 200)
		fail_msg("GET %s: %ld", path, r.status);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(r.body.buf, r.body.len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!z)
		fail_msg("%s is not a zip file", path);
	int escaped = 0;
	for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); i++) {
		zip_stat_t st;
		zip_file_t *f = NULL;
		if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) == 0)
			f = zip_fopen_index(z, (zip_uint64_t)i, 0);
		if (!f)
			fail_msg("%s: cannot read entry %lld", path, (long long)i);
		char *data = rt_xcalloc(1, (size_t)st.size + 1);
		assert_int_equal(zip_fread(f, data, st.size), (zip_int64_t)st.size);
		zip_fclose(f);
		if (strstr(data, "<script>alert(1)") || strstr(data, "<img src=x onerror"))
			fail_msg("%s: %s has the payload unescaped", path, st.name);
		if (strstr(data, "&lt;script&gt;alert(1)&lt;/script&gt;"))
			escaped++;
		free(data);
	}
	zip_close(z);
	res_release(&r);
	return escaped;
}

static void test_office_reports_escape_the_payload(void **state)
{
	(void)state;
	assert_true(check_office("/api/v1/reports/2021-T1?format=docx") > 0);
	assert_true(check_office("/api/v1/reports/2021-T1?format=xlsx") > 0);
	assert_true(check_office("/api/v1/plans/6/document?format=docx") > 0);
	assert_true(check_office("/api/v1/process/feedback?format=docx") > 0);
}

/* The API gives the text back as data, byte for byte. */
static void test_json_returns_the_payload_as_data(void **state)
{
	(void)state;
	struct http_res r;
	assert_int_equal(http_get("/api/v1/plans/6", &r), 200);
	json_t *j = res_json(&r);
	const char *title = json_string_value(json_object_get(j, "title"));
	assert_non_null(title);
	assert_string_equal(title + 3, PAYLOAD);
	assert_int_equal(strncmp(title, "F", 1), 0);
	json_decref(j);
	/* JSON is not HTML: no entity in it */
	assert_null(strstr(r.body.buf, "&lt;"));
	char *ct = res_header(&r, "Content-Type");
	assert_string_equal(ct, "application/json; charset=utf-8");
	free(ct);
	res_release(&r);
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/indicators/%lld", (long long)indicator_id);
	assert_int_equal(http_get(path, &r), 200);
	j = res_json(&r);
	static const char *const keys[] = { "name", "unit", "description", "source", "motivation",
	                                    "criteria" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = json_string_value(json_object_get(j, keys[i]));
		if (!v || strcmp(v + 3, PAYLOAD))
			fail_msg("indicator %s: %s", keys[i], v ? v : "(saknas)");
	}
	json_decref(j);
	res_release(&r);
	assert_int_equal(http_get("/api/v1/org-units/3", &r), 200);
	j = res_json(&r);
	assert_string_equal(json_string_value(json_object_get(j, "short_name")) + 3, PAYLOAD);
	assert_string_equal(json_string_value(json_object_get(j, "name")) + 3, PAYLOAD);
	json_decref(j);
	res_release(&r);
}

/* A failed login shows the typed user name again, escaped. */
static void test_login_form_escapes_the_user_name(void **state)
{
	(void)state;
	bool was = http_anonymous;
	http_anonymous = true;
	char *enc = curl_easy_escape(NULL, PAYLOAD, 0);
	rt_buf form = RT_BUF_INIT;
	rt_buf_addf(&form, "anvandarnamn=%s&losenord=fel-losenord", enc);
	curl_free(enc);
	struct http_res r;
	assert_int_equal(http_do("POST", "/logga-in", "application/x-www-form-urlencoded", form.buf,
	                         form.len, NULL, &r), 401);
	check_html("/logga-in", &r);
	assert_non_null(strstr(r.body.buf, "value=\"" ESCAPED "\""));
	res_release(&r);
	rt_buf_release(&form);
	http_anonymous = was;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_payload_in_every_field_comes_back_escaped),
		cmocka_unit_test(test_office_reports_escape_the_payload),
		cmocka_unit_test(test_json_returns_the_payload_as_data),
		cmocka_unit_test(test_login_form_escapes_the_user_name),
	};
	return cmocka_run_group_tests(tests, xss_setup, http_teardown);
}
