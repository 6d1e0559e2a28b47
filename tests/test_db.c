/* db.h on both backends (test_db on SQLite, test_db_pg on PostgreSQL): what
 * the store builds on behaves alike — changes count only rows written (the
 * server's response cache takes total_changes into its change stamp), the
 * change stamp stands still while only reading, and the report's
 * json_each(:goals) walks the ids in the array's order. */
#include "test_util.h"

#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store.h"

struct fix {
	char *db;
	rt_store *s;
	rt_err err;
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	f->db = rt_test_db("db_test");   /* a fresh file or schema each time */
	f->err = (rt_err)RT_ERR_INIT;
	if (rt_store_open(&f->s, f->db, RT_STORE_OPEN_CREATE, &f->err) != 0)
		fail_msg("%s", f->err.msg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;
	rt_store_close(f->s);
	free(f->db);
	free(f);
	return 0;
}

static void put_org(struct fix *f, const char *key, const char *name)
{
	struct rt_org_unit u = { .kind = RT_ORG_REGION, .key = (char *)key, .name = (char *)name };
	if (rt_store_begin(f->s, "test", &f->err) || rt_store_org_put(f->s, &u, &f->err) ||
	    rt_store_commit(f->s, &f->err))
		fail_msg("%s", f->err.msg);
}

/* Reads many rows, returns how many. */
static int read_all(struct fix *f, const char *sql)
{
	rt_db_stmt *st;
	assert_int_equal(rt_db_prepare(f->s->db, sql, &st), RT_DB_OK);
	int n = 0, rc;
	while ((rc = rt_db_step(st)) == RT_DB_ROW)
		n++;
	assert_int_equal(rc, RT_DB_DONE);
	rt_db_finalize(st);
	return n;
}

static void test_changes_count_writes_only(void **state)
{
	struct fix *f = *state;
	put_org(f, "r1", "Region Ett");
	put_org(f, "r2", "Region Två");
	int64_t total = rt_db_total_changes(f->s->db);
	assert_int_equal(read_all(f, "SELECT id, name FROM org_unit ORDER BY id"), 2);
	assert_int_equal(read_all(f, "SELECT a.id FROM org_unit a, org_unit b"), 4);
	/* a SELECT's rows are not changes (PostgreSQL's command tag counts them) */
	assert_int_equal(rt_db_total_changes(f->s->db), total);

	rt_db_stmt *st;
	assert_int_equal(rt_db_prepare(f->s->db, "UPDATE org_unit SET short_name = 'X'", &st), RT_DB_OK);
	assert_int_equal(rt_db_step(st), RT_DB_DONE);
	rt_db_finalize(st);
	assert_int_equal(rt_db_changes(f->s->db), 2);
	assert_int_equal(rt_db_total_changes(f->s->db), total + 2);
}

static void test_change_stamp_still_while_reading(void **state)
{
	struct fix *f = *state;
	put_org(f, "r1", "Region Ett");
	uint64_t a = 0, b = 0, c = 0;
	assert_int_equal(rt_store_change_stamp(f->s, &a, &f->err), 0);
	rt_arena ar = RT_ARENA_INIT;
	struct rt_org_unit *units;
	size_t n;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(rt_store_org_list(f->s, &ar, &units, &n, &f->err), 0);
		assert_int_equal(n, 1);
		assert_string_equal(units[0].name, "Region Ett");
	}
	assert_int_equal(rt_store_change_stamp(f->s, &b, &f->err), 0);
	assert_true(a == b);
	/* a commit from another connection moves it */
	rt_store *other;
	assert_int_equal(rt_store_open(&other, f->db, RT_STORE_OPEN_EXISTING, &f->err), 0);
	struct rt_org_unit u = { .kind = RT_ORG_REGION, .key = "r2", .name = "Region Två" };
	assert_int_equal(rt_store_begin(other, "test", &f->err), 0);
	assert_int_equal(rt_store_org_put(other, &u, &f->err), 0);
	assert_int_equal(rt_store_commit(other, &f->err), 0);
	rt_store_close(other);
	assert_int_equal(rt_store_change_stamp(f->s, &c, &f->err), 0);
	assert_true(c != b);
	rt_arena_release(&ar);
}

/* The report's spelling (sqlite_report.c), rewritten on PostgreSQL: the
 * ids come in the array's order, duplicates kept, joins work. */
static void test_json_each_goals(void **state)
{
	struct fix *f = *state;
	put_org(f, "r1", "Region Ett");
	put_org(f, "r2", "Region Två");
	put_org(f, "r3", "Region Tre");
	rt_db_stmt *st;
	assert_int_equal(rt_db_prepare(f->s->db,
		"SELECT r.value, x.name FROM json_each(:goals) r JOIN org_unit x ON x.id = r.value "
		"ORDER BY r.key", &st), RT_DB_OK);
	assert_int_equal(rt_db_bind_text(st, rt_db_param_index(st, ":goals"), "[3,1,3,2]"), RT_DB_OK);
	static const char *const want[] = { "Region Tre", "Region Ett", "Region Tre", "Region Två" };
	static const int64_t ids[] = { 3, 1, 3, 2 };
	for (int i = 0; i < 4; i++) {
		assert_int_equal(rt_db_step(st), RT_DB_ROW);
		assert_int_equal(rt_db_col_int(st, 0), ids[i]);
		assert_string_equal(rt_db_col_text(st, 1), want[i]);
	}
	assert_int_equal(rt_db_step(st), RT_DB_DONE);
	/* an empty array: no rows */
	rt_db_reset(st);
	assert_int_equal(rt_db_bind_text(st, rt_db_param_index(st, ":goals"), "[]"), RT_DB_OK);
	assert_int_equal(rt_db_step(st), RT_DB_DONE);
	rt_db_finalize(st);
}

static int exec_stmt(struct fix *f, const char *sql)
{
	rt_db_stmt *st;
	assert_int_equal(rt_db_prepare(f->s->db, sql, &st), RT_DB_OK);
	int rc = rt_db_step(st);
	rt_db_finalize(st);
	return rc;
}

/* Savepoints as the generic put uses them (PostgreSQL sends SAVEPOINT and
 * RELEASE with the next statement): a failed write inside one is undone by
 * ROLLBACK TO, what was released stays, and the transaction commits. */
static void test_savepoints(void **state)
{
	struct fix *f = *state;
	put_org(f, "rs", "Regionstyrelsen");
	assert_int_equal(exec_stmt(f, "BEGIN IMMEDIATE"), RT_DB_DONE);
	assert_int_equal(exec_stmt(f, "SAVEPOINT rt_put"), RT_DB_DONE);
	assert_int_equal(exec_stmt(f, "INSERT INTO org_unit (kind, key, name) "
	                              "VALUES ('board', 'hsn', 'Hälso- och sjukvårdsnämnden')"),
	                 RT_DB_DONE);
	assert_int_equal(exec_stmt(f, "RELEASE rt_put"), RT_DB_DONE);
	assert_int_equal(exec_stmt(f, "SAVEPOINT rt_put"), RT_DB_DONE);
	assert_int_equal(exec_stmt(f, "INSERT INTO org_unit (kind, key, name) "
	                              "VALUES ('board', 'kfn', 'Kulturnämnden')"), RT_DB_DONE);
	int rc = exec_stmt(f, "INSERT INTO org_unit (kind, key, name) VALUES ('board', 'rs', 'X')");
	assert_int_equal(rc, RT_DB_CONSTRAINT_UNIQUE);
	assert_non_null(strstr(rt_db_errmsg(f->s->db), "org_unit.key"));
	assert_int_equal(exec_stmt(f, "ROLLBACK TO rt_put"), RT_DB_DONE);
	assert_int_equal(exec_stmt(f, "RELEASE rt_put"), RT_DB_DONE);
	assert_true(rt_db_in_tx(f->s->db));
	assert_int_equal(exec_stmt(f, "COMMIT"), RT_DB_DONE);
	assert_false(rt_db_in_tx(f->s->db));
	assert_int_equal(read_all(f, "SELECT key FROM org_unit"), 2);   /* rs, hsn; not kfn */
	assert_int_equal(read_all(f, "SELECT key FROM org_unit WHERE key = 'kfn'"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_changes_count_writes_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_stamp_still_while_reading, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_each_goals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_savepoints, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
