/* rodtrad user, audit and reminders on the demo database: the demo users
 * (one per role), adding a user with the password on standard input, the
 * refusals (short password, no password, taken name, unknown role or
 * unit), disabling, `audit verify` finding a row edited with raw SQL, the
 * JSON export, and reminders for 2024-T1 filtered by the reporter role. */
#include "test_util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fx {
	char *db;
	rt_buf out, err;
};

static int run(struct fx *f, const char *const *argv)
{
	rt_buf_reset(&f->out);
	rt_buf_reset(&f->err);
	return rt_test_run(&f->out, &f->err, argv);
}

/* Runs `rodtrad ARGS --db DB` with `input` on standard input; output into f->out. */
static int run_stdin(struct fx *f, const char *input, const char *args)
{
	char *outp = rt_test_tmp_path("cli_user.out");
	rt_buf cmd = RT_BUF_INIT;
	rt_buf_addf(&cmd, "printf '%%s\\n' '%s' | '%s' %s --db '%s' > '%s' 2>&1", input,
	            getenv("RODTRAD_BIN"), args, f->db, outp);
	int rc = system(cmd.buf);
	rt_buf_release(&cmd);
	rt_buf_reset(&f->out);
	FILE *fp = fopen(outp, "r");
	char line[512];
	while (fp && fgets(line, sizeof line, fp))
		rt_buf_addstr(&f->out, line);
	if (fp)
		fclose(fp);
	free(outp);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->db = rt_test_db("cli_user.db");
	const char *argv[] = { "demo", f->db, NULL };
	if (run(f, argv) != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	rt_buf_release(&f->out);
	rt_buf_release(&f->err);
	free(f->db);
	free(f);
	return 0;
}

#define CONTAINS(b_, text) \
	do { if (!strstr((b_).buf ? (b_).buf : "", (text))) \
		fail_msg("missing '%s' in:\n%s", (text), (b_).buf); } while (0)

static void test_demo_users_and_add(void **state)
{
	struct fx *f = *state;
	const char *list[] = { "user", "list", "--db", f->db, NULL };
	assert_int_equal(run(f, list), 0);
	CONTAINS(f->out, "planerare");
	CONTAINS(f->out, "Planerare (Regionstyrelsen)");
	CONTAINS(f->out, "Rapportör (Regionstyrelsen)");
	CONTAINS(f->out, "Beslutsfattare (Region Jämtland Härjedalen)");
	CONTAINS(f->out, "Läsare (hela databasen)");
	CONTAINS(f->out, "Administratör (hela databasen)");

	assert_int_equal(run_stdin(f, "ett-bra-lösen", "user add eva --name 'Eva Ek' --role "
	                                               "reporter --org rh-rs"), 0);
	CONTAINS(f->out, "Användaren eva är tillagd.");
	assert_int_equal(run(f, list), 0);
	CONTAINS(f->out, "Eva Ek");
	CONTAINS(f->out, "Rapportör (Regionstyrelsen)");

	/* Refusals: one Swedish line, nothing added. */
	assert_int_equal(run_stdin(f, "kort", "user add per"), 1);
	CONTAINS(f->out, "Lösenordet måste ha minst 8 tecken");
	assert_int_equal(run_stdin(f, "ett-bra-lösen", "user add eva"), 1);
	CONTAINS(f->out, "Användaren 'eva' finns redan");
	assert_int_equal(run_stdin(f, "ett-bra-lösen", "user add olle --role chef"), 1);
	CONTAINS(f->out, "Okänd roll 'chef'");
	assert_int_equal(run_stdin(f, "ett-bra-lösen", "user add olle --role reader --org nix"), 1);
	CONTAINS(f->out, "Det finns ingen enhet 'nix'");
	const char *add_no_pw[] = { "user", "add", "kalle", "--db", f->db, NULL };
	assert_int_equal(run(f, add_no_pw), 1);
	CONTAINS(f->err, "inget lösenord på standard in");
	/* A password is never an option. */
	const char *pw_opt[] = { "user", "add", "kalle", "--password", "x", "--db", f->db, NULL };
	assert_int_equal(run(f, pw_opt), 2);
	assert_int_equal(run(f, list), 0);
	assert_null(strstr(f->out.buf, "per "));
	assert_null(strstr(f->out.buf, "olle"));
	assert_null(strstr(f->out.buf, "kalle"));

	const char *dis[] = { "user", "disable", "eva", "--db", f->db, NULL };
	assert_int_equal(run(f, dis), 0);
	assert_int_equal(run(f, list), 0);
	CONTAINS(f->out, "avstängd");
	const char *role_rm[] = { "user", "role", "remove", "eva", "reporter", "--org", "rh-rs",
	                          "--db", f->db, NULL };
	assert_int_equal(run(f, role_rm), 0);
	assert_int_equal(run(f, role_rm), 1);
	CONTAINS(f->err, "eva har inte rollen Rapportör där");
	assert_int_equal(run_stdin(f, "ett-annat-lösen", "user passwd eva"), 0);
	CONTAINS(f->out, "Lösenordet för eva är bytt.");
}

static void test_audit_verify_and_export(void **state)
{
	struct fx *f = *state;
	const char *verify[] = { "audit", "verify", "--db", f->db, NULL };
	assert_int_equal(run(f, verify), 0);
	CONTAINS(f->out, "Ändringsloggen är hel");
	const char *json[] = { "audit", "list", "--entity", "app_user", "--json", "--db", f->db,
	                       NULL };
	assert_int_equal(run(f, json), 0);
	CONTAINS(f->out, "\"name\": \"rapportor\"");
	assert_null(strstr(f->out.buf, "argon2"));
	/* Edit a row behind the program's back. */
	rt_test_sql_exec(f->db, "UPDATE audit_log SET actor = 'någon annan' WHERE id = 5");
	assert_int_equal(run(f, verify), 1);
	CONTAINS(f->out, "Rad 5: raden har ändrats efter att den skrevs");
	CONTAINS(f->err, "ändringsloggen har ändrats i efterhand: 1 fel");
}

static void test_reminders(void **state)
{
	struct fx *f = *state;
	const char *padd[] = { "period", "add", "2024-T1", "--deadline", "2024-05-15", "--db",
	                       f->db, NULL };
	assert_int_equal(run(f, padd), 0);
	const char *all[] = { "reminders", "--period", "2024-T1", "--db", f->db, NULL };
	assert_int_equal(run(f, all), 0);
	CONTAINS(f->out, "Utfall saknas för 2024-T1:");
	CONTAINS(f->out, "Verksamhetsplan 2024 (Regionstyrelsen)");
	CONTAINS(f->out, "Sjukfrånvaro  rh-rs-2024-sjukfranvaro");
	/* The RJH reporter reports for nothing in Halland. */
	const char *rep[] = { "reminders", "--user", "rapportor", "--period", "2024-T1", "--db",
	                      f->db, NULL };
	assert_int_equal(run(f, rep), 0);
	CONTAINS(f->out, "Inga utfall saknas för 2024-T1 för rapportor.");
	/* The open period on 2024-05-10 is 2024-T1; after its deadline it is
	 * 2021-T1 again (which has no deadline). */
	const char *open[] = { "reminders", "--today", "2024-05-10", "--db", f->db, NULL };
	assert_int_equal(run(f, open), 0);
	CONTAINS(f->out, "Utfall saknas för 2024-T1:");
	const char *unknown[] = { "reminders", "--period", "2030-T1", "--db", f->db, NULL };
	assert_int_equal(run(f, unknown), 1);
	CONTAINS(f->err, "det finns ingen period '2030-T1'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_demo_users_and_add, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_verify_and_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reminders, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
