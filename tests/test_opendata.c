/* rodtrad export opendata (docs/opendata.md) on the demo database with two
 * plans published: Regionstyrelsen's VP 2021 decided (seed 003, 36 outcomes
 * per 2021-T1) and VP 2016 archived; every other demo plan is a draft and
 * must not appear. Checks seed values in the CSV (RFC 4180 quoting, '.'
 * decimals, ISO dates) and the JSON, that datapackage.json describes exactly
 * the CSV headers, and that a second export gives the same bytes. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "store/store.h"

static void publish(const char *db, const char *key, enum rt_plan_status status)
{
	rt_store *s;
	rt_err err = RT_ERR_INIT;
	assert_int_equal(rt_store_open(&s, db, RT_STORE_OPEN_EXISTING, &err), 0);
	int64_t id;
	assert_int_equal(rt_store_find_key(s, "plan", key, &id, &err), 0);
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan p;
	assert_int_equal(rt_store_begin(s, "test", &err), 0);
	assert_int_equal(rt_store_plan_get(s, &a, id, &p, &err), 0);
	p.status = status;
	assert_int_equal(rt_store_plan_put(s, &p, &err), 0);
	assert_int_equal(rt_store_commit(s, &err), 0);
	rt_arena_release(&a);
	rt_store_close(s);
}

static char *slurp(const char *dir, const char *name)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	rt_buf b = RT_BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rt_buf_add(&b, chunk, n);
	fclose(f);
	rt_buf_addch(&b, '\0');
	return b.buf;
}

#define IN(text, s)                                                              \
	do {                                                                     \
		if (!strstr((text), (s)))                                        \
			fprintf(stderr, "missing \"%s\"\n", (s));                \
		assert_non_null(strstr((text), (s)));                            \
	} while (0)

static const char *const files[] = { "datapackage.json", "plans.csv", "plans.json", "goals.csv",
	"goals.json", "indicators.csv", "indicators.json", "targets.csv", "targets.json",
	"outcomes.csv", "outcomes.json", NULL };

static void test_export(void **state)
{
	(void)state;
	char *db = rt_test_db("opendata.db");
	char *dir = rt_test_tmp_path("opendata"), *dir2 = rt_test_tmp_path("opendata2");
	rt_buf o = RT_BUF_INIT, e = RT_BUF_INIT;
	assert_int_equal(rt_test_run(&o, &e, (const char *const[]){ "demo", db, NULL }), 0);
	publish(db, "rjh-rs-vp-2021", RT_PLAN_DECIDED);
	publish(db, "rjh-rs-vp-2016", RT_PLAN_ARCHIVED);
	rt_buf_reset(&o);
	assert_int_equal(rt_test_run(&o, &e, (const char *const[]){ "export", "opendata", dir,
	                                                          "--db", db, NULL }), 0);
	IN(o.buf, "Skrev 11 filer");

	char *plans = slurp(dir, "plans.csv");
	assert_string_equal(plans,
		"plan_key,title,kind,status,org_unit_key,org_unit_name,start_year,end_year,"
		"case_number,parent_plan_key\r\n"
		"rjh-rs-vp-2016,Regionstyrelsens verksamhetsplan 2016,operational_plan,archived,"
		"rjh-rs,Regionstyrelsen,2016,2016,,rjh-rp-2016\r\n"
		"rjh-rs-vp-2021,Regionstyrelsens verksamhetsplan 2021,operational_plan,decided,"
		"rjh-rs,Regionstyrelsen,2021,2021,,rjh-rp-2021-2023\r\n");
	char *outcomes = slurp(dir, "outcomes.csv");
	/* "5,4 %" holds the delimiter: quoted; the number with a '.' */
	IN(outcomes, "\r\nrjh-rs-2021-sjukfranvaro-ind,2021-T1,2021-01-01,2021-04-30,total,,"
	             "\"5,4 %\",5.4,%,not_achieved,");
	size_t rows = 0;
	for (const char *p = outcomes; (p = strstr(p, "\r\n")); p += 2)
		rows++;
	assert_int_equal(rows, 1 + 36);
	char *targets = slurp(dir, "targets.csv");
	IN(targets, "\r\nrjh-rs-2021-sjukfranvaro-ind,2021,total,,\"4,6 %\",reach,4.6,%\r\n");
	char *inds = slurp(dir, "indicators.csv");
	/* a quote inside a field is doubled */
	IN(inds, "\"Arbetsmiljöenkät: \"\"Index hälsofrämjande arbetsplats\"\"\"");
	char *goals = slurp(dir, "goals.csv");
	IN(goals, "\r\nrjh-rs-2021-regionalt-ledarskap,rjh-rs-vp-2021,rjh-rs-2021-lanets-utveckling,"
	          "goal,,Regionalt ledarskap för tillväxt och utveckling,,"
	          "rjh-rp-2021-regionalt-ledarskap\r\n");
	/* drafts are not published */
	assert_null(strstr(goals, "rh-rs-vp-2024"));
	assert_null(strstr(goals, "rjh-rp-2021-2023,"));

	/* JSON: typed values, null for no value */
	json_error_t je;
	char path[1024];
	snprintf(path, sizeof(path), "%s/outcomes.json", dir);
	json_t *oj = json_load_file(path, 0, &je);
	assert_non_null(oj);
	assert_int_equal(json_array_size(oj), 36);
	bool found = false;
	size_t i;
	json_t *it;
	json_array_foreach(oj, i, it) {
		if (strcmp(json_string_value(json_object_get(it, "indicator_key")),
		           "rjh-rs-2021-sjukfranvaro-ind"))
			continue;
		found = true;
		assert_true(json_is_real(json_object_get(it, "value")));
		assert_true(json_real_value(json_object_get(it, "value")) == 5.4);
		assert_string_equal(json_string_value(json_object_get(it, "text")), "5,4 %");
		assert_true(json_is_null(json_object_get(it, "org_unit_key")));
	}
	assert_true(found);
	json_decref(oj);

	/* datapackage.json: one tabular resource per CSV, fields = the header */
	snprintf(path, sizeof(path), "%s/datapackage.json", dir);
	json_t *dp = json_load_file(path, 0, &je);
	assert_non_null(dp);
	assert_string_equal(json_string_value(json_object_get(dp, "profile")),
	                    "tabular-data-package");
	json_t *res = json_object_get(dp, "resources");
	assert_int_equal(json_array_size(res), 5);
	json_array_foreach(res, i, it) {
		assert_string_equal(json_string_value(json_object_get(it, "profile")),
		                    "tabular-data-resource");
		char *csv = slurp(dir, json_string_value(json_object_get(it, "path")));
		rt_buf header = RT_BUF_INIT;
		size_t k;
		json_t *f;
		json_array_foreach(json_object_get(json_object_get(it, "schema"), "fields"), k, f) {
			rt_buf_addf(&header, "%s%s", k ? "," : "",
			            json_string_value(json_object_get(f, "name")));
			const char *type = json_string_value(json_object_get(f, "type"));
			assert_true(!strcmp(type, "string") || !strcmp(type, "integer") ||
			            !strcmp(type, "number") || !strcmp(type, "date"));
		}
		rt_buf_addstr(&header, "\r\n");
		assert_memory_equal(csv, header.buf, header.len);
		rt_buf_release(&header);
		free(csv);
	}
	json_decref(dp);

	/* deterministic */
	assert_int_equal(rt_test_run(&o, &e, (const char *const[]){ "export", "opendata", dir2,
	                                                          "--db", db, NULL }), 0);
	for (size_t f = 0; files[f]; f++) {
		char *a = slurp(dir, files[f]), *b = slurp(dir2, files[f]);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	free(plans);
	free(outcomes);
	free(targets);
	free(inds);
	free(goals);
	rt_buf_release(&o);
	rt_buf_release(&e);
	free(db);
	free(dir);
	free(dir2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
