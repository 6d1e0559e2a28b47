/* rodtrad user: local accounts and their roles per org unit (issue 5).
 * A password is never an argument (it would sit in the shell history and
 * in `ps`): it is read from standard input, or asked for twice without
 * echo when standard input is a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ingest/demo_users.h"
#include "store/store_auth.h"

static const char *const usage[] = {
	"rodtrad user add NAMN [--name VISNINGSNAMN] [--role ROLL [--org ENHET]] [--db SÖKVÄG]",
	"rodtrad user passwd NAMN [--db SÖKVÄG]",
	"rodtrad user disable NAMN [--enable] [--db SÖKVÄG]",
	"rodtrad user list [--db SÖKVÄG]",
	"rodtrad user role add|remove NAMN ROLL [--org ENHET] [--db SÖKVÄG]",
	"rodtrad user token NAMN [--label TEXT] [--db SÖKVÄG]",
	"rodtrad user demo",
	"",
	"Användare och roller. Lösenordet läses från standard in (en rad), eller",
	"frågas efter utan eko när standard in är en terminal; aldrig som argument.",
	"ROLL: administrator, planner (planerare), reporter (rapportör),",
	"decision_maker (beslutsfattare), reader (läsare). ENHET: id eller nyckel",
	"för en organisatorisk enhet; rollen gäller den och allt under den. Utan",
	"--org gäller rollen hela databasen. 'user token' skapar en API-nyckel",
	"(Authorization: Bearer …) som visas en gång. 'user demo' visar",
	"demodatabasens användare och deras lösenord.",
	NULL,
};

/* One line from `f` without its newline; false at end of file. */
static bool read_line(FILE *f, char *buf, size_t size)
{
	if (!fgets(buf, (int)size, f))
		return false;
	buf[strcspn(buf, "\r\n")] = '\0';
	return true;
}

static bool ask_hidden(const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	fputs(prompt, stderr);
	fflush(stderr);
	bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
	if (tty) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	bool ok = read_line(stdin, buf, size);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	return ok;
}

/* The new password into buf; prints the failure and returns the exit code. */
static int read_password(char *buf, size_t size)
{
	if (!isatty(STDIN_FILENO)) {
		if (!read_line(stdin, buf, size))
			return rt_cli_failf("inget lösenord på standard in");
		return RT_EXIT_OK;
	}
	char again[1100];
	if (!ask_hidden("Nytt lösenord: ", buf, size) ||
	    !ask_hidden("Samma lösenord igen: ", again, sizeof again))
		return rt_cli_failf("inget lösenord angavs");
	int rc = strcmp(buf, again) ? rt_cli_failf("lösenorden är inte lika") : RT_EXIT_OK;
	memset(again, 0, sizeof again);
	return rc;
}

/* "12" or an org unit key → id; "" or NULL → 0 (the whole database). */
static int org_id(rt_store *s, const char *arg, int64_t *id, rt_err *err)
{
	*id = 0;
	if (!arg || !*arg)
		return 0;
	char *end;
	long long v = strtoll(arg, &end, 10);
	if (*end == '\0' && v > 0) {
		rt_arena a = RT_ARENA_INIT;
		struct rt_org_unit u;
		int rc = rt_store_org_get(s, &a, v, &u, err);
		rt_arena_release(&a);
		*id = v;
		return rc;
	}
	int rc = rt_store_find_key(s, "org_unit", arg, id, err);
	if (rc == RT_ENOTFOUND)
		return rt_err_set(err, RT_ENOTFOUND, "org", "Det finns ingen enhet '%s'", arg);
	return rc;
}

/* What one subcommand writes. */
struct job {
	const char *name, *display, *role, *org, *label;
	char password[1100];
	bool enable;
	bool add;
	char token[65];
	int64_t id;
};

static int w_passwd(rt_store *s, struct job *j, rt_err *err);

/* User administration is the administrator's (core/authz.h RT_PERM_ADMIN),
 * except that a user may change their own password. Without --as the
 * principal is the local file owner, an administrator. */
static int may_administer(rt_store *s, int (*write)(rt_store *, struct job *, rt_err *),
                          const struct job *j, rt_err *err)
{
	const struct rt_principal *p = rt_store_principal_get(s);
	if (!p || (write == w_passwd && p->name && j->name && !strcmp(p->name, j->name)))
		return 0;
	rt_arena a = RT_ARENA_INIT;
	struct rt_org_link *org = NULL;
	size_t n_org = 0;
	int rc = rt_store_org_links(s, &a, &org, &n_org, err);
	if (!rc)
		rc = rt_authz_check(p, RT_PERM_ADMIN, 0, NULL, org, n_org, err);
	rt_arena_release(&a);
	return rc;
}

/* Runs `write` in one transaction on the database; prints any failure. */
static int with_tx(const char *db, int (*write)(rt_store *, struct job *, rt_err *),
                   struct job *j)
{
	rt_store *s;
	int rc = rt_cli_open_existing(rt_cli_db_path(db), &s);
	if (rc)
		return rc;
	rt_err err = RT_ERR_INIT;
	if (may_administer(s, write, j, &err) != 0 ||
	    rt_store_begin(s, rt_cli_actor(), &err) != 0 || write(s, j, &err) != 0 ||
	    rt_store_commit(s, &err) != 0) {
		rt_store_rollback(s);
		rc = rt_cli_fail(&err);
	}
	rt_store_close(s);
	memset(j->password, 0, sizeof j->password);
	return rc;
}

static int parse_role(const struct job *j, enum rt_role *r, rt_err *err)
{
	return rt_role_parse(j->role, r, err);
}

static int w_add(rt_store *s, struct job *j, rt_err *err)
{
	int rc = rt_store_user_add(s, j->name, j->display, j->password, &j->id, err);
	if (!rc && j->role) {
		enum rt_role r;
		int64_t org;
		if ((rc = parse_role(j, &r, err)) == 0 && (rc = org_id(s, j->org, &org, err)) == 0)
			rc = rt_store_user_role_add(s, j->name, r, org, err);
	}
	return rc;
}

static int w_passwd(rt_store *s, struct job *j, rt_err *err)
{
	return rt_store_user_passwd(s, j->name, j->password, err);
}

static int w_disable(rt_store *s, struct job *j, rt_err *err)
{
	return rt_store_user_set_disabled(s, j->name, !j->enable, err);
}

static int w_role(rt_store *s, struct job *j, rt_err *err)
{
	enum rt_role r;
	int64_t org;
	int rc = parse_role(j, &r, err);
	if (!rc)
		rc = org_id(s, j->org, &org, err);
	if (!rc)
		rc = j->add ? rt_store_user_role_add(s, j->name, r, org, err)
		            : rt_store_user_role_remove(s, j->name, r, org, err);
	return rc;
}

static int w_token(rt_store *s, struct job *j, rt_err *err)
{
	return rt_store_api_token_create(s, j->name, j->label, j->token, err);
}

static int user_list(const char *db)
{
	rt_store *s;
	int rc = rt_cli_open_existing(rt_cli_db_path(db), &s);
	if (rc)
		return rc;
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_user *users;
	size_t n;
	if (rt_store_user_list(s, &a, &users, &n, &err) != 0) {
		rc = rt_cli_fail(&err);
	} else if (n == 0) {
		printf("Inga användare ännu; lägg till en med 'rodtrad user add NAMN'.\n");
	}
	for (size_t i = 0; i < n && !rc; i++) {
		rt_buf line = RT_BUF_INIT;
		rt_cli_pad(&line, users[i].name, 16);
		rt_buf_addch(&line, ' ');
		rt_cli_pad(&line, users[i].display_name, 48);
		rt_buf_addch(&line, ' ');
		rt_buf_addstr(&line, users[i].disabled ? "avstängd " : "");
		struct rt_user_role *roles;
		size_t nr;
		if (rt_store_user_roles(s, &a, users[i].id, &roles, &nr, &err) != 0) {
			rc = rt_cli_fail(&err);
			rt_buf_release(&line);
			break;
		}
		for (size_t k = 0; k < nr; k++)
			rt_buf_addf(&line, "%s%s (%s)", k ? ", " : "", rt_role_label(roles[k].role),
			            roles[k].org_name ? roles[k].org_name : "hela databasen");
		if (!nr)
			rt_buf_addstr(&line, "inga roller");
		printf("%s\n", line.buf);
		rt_buf_release(&line);
	}
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}

/* The demo database's accounts with their passwords (make run). */
static int demo_accounts(void)
{
	printf("Demoanvändare (bara i demodatabasen):\n");
	for (size_t i = 0; i < rt_demo_users_count; i++) {
		const struct rt_demo_user *u = &rt_demo_users[i];
		rt_buf line = RT_BUF_INIT;
		rt_buf_addstr(&line, "  ");
		rt_cli_pad(&line, u->name, 16);
		rt_cli_pad(&line, u->password, 18);
		rt_buf_addf(&line, "%s (%s)", rt_role_label(u->role), u->org_key ? u->org_key
		                                                                  : "hela databasen");
		printf("%s\n", line.buf);
		rt_buf_release(&line);
	}
	return RT_EXIT_OK;
}

int cmd_user(int argc, char **argv)
{
	const char *db = NULL;
	bool enable = false;
	struct job j;
	memset(&j, 0, sizeof j);
	const struct rt_cli_opt opts[] = {
		{ "name", 0, "VISNINGSNAMN", &j.display, NULL, "namnet som visas (standard: NAMN)" },
		{ "role", 0, "ROLL", &j.role, NULL, "ge användaren en roll direkt" },
		{ "org", 0, "ENHET", &j.org, NULL, "enheten rollen gäller (id eller nyckel)" },
		{ "label", 0, "TEXT", &j.label, NULL, "vad API-nyckeln är till för" },
		{ "enable", 0, NULL, NULL, &enable, "slå på en avstängd användare igen" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "user", usage, opts, 1, 4 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	const char *sub = args.pos[0];
	j.enable = enable;
	if (!strcmp(sub, "list")) {
		if (args.n != 1)
			return rt_cli_usage_error(&spec, "'user list' tar inga argument");
		return user_list(db);
	}
	if (!strcmp(sub, "demo"))
		return demo_accounts();
	if (!strcmp(sub, "role")) {
		if (args.n != 4 || (strcmp(args.pos[1], "add") && strcmp(args.pos[1], "remove")))
			return rt_cli_usage_error(&spec, "ange 'user role add|remove NAMN ROLL'");
		j.add = !strcmp(args.pos[1], "add");
		j.name = args.pos[2];
		j.role = args.pos[3];
		if ((rc = with_tx(db, w_role, &j)) == 0)
			printf("%s har %s rollen %s.\n", j.name, j.add ? "fått" : "inte längre",
			       args.pos[3]);
		return rc;
	}
	if (args.n != 2)
		return rt_cli_usage_error(&spec, "ange 'user %s NAMN'", sub);
	j.name = args.pos[1];
	if (!strcmp(sub, "add") || !strcmp(sub, "passwd")) {
		bool add = !strcmp(sub, "add");
		if ((rc = read_password(j.password, sizeof j.password)) != 0)
			return rc;
		rc = with_tx(db, add ? w_add : w_passwd, &j);
		if (!rc)
			printf(add ? "Användaren %s är tillagd.\n" : "Lösenordet för %s är bytt.\n",
			       j.name);
		return rc;
	}
	if (!strcmp(sub, "disable")) {
		if ((rc = with_tx(db, w_disable, &j)) == 0)
			printf(enable ? "%s kan logga in igen.\n"
			              : "%s är avstängd; sessioner och API-nycklar gäller inte längre.\n",
			       j.name);
		return rc;
	}
	if (!strcmp(sub, "token")) {
		if ((rc = with_tx(db, w_token, &j)) == 0)
			printf("%s\n", j.token);
		return rc;
	}
	return rt_cli_usage_error(&spec, "okänt underkommando 'user %s'", sub);
}
