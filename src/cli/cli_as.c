/* Who runs a CLI command (issue 5 §2: every CLI write is authorised like a
 * web request). `rodtrad --as NAMN …` (or $RODTRAD_AS) names a user of the
 * database: the command then writes with that user's roles, checked by the
 * store against core/authz.h exactly as the router's requests are, and the
 * audit log names the user. Without it the command runs as the local
 * operator, who has the database file and so every right already: an
 * administrator of the whole database, named by $USER in the audit log. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_auth.h"

static const char *as_name;
/* The principal lives as long as the process: the store keeps a pointer. */
static rt_arena principal_arena = RT_ARENA_INIT;
static struct rt_principal principal;
static const struct rt_role_grant local_admin = { RT_ROLE_ADMIN, 0 };

void rt_cli_set_as(const char *name)
{
	as_name = name;
}

const char *rt_cli_as(void)
{
	if (as_name && *as_name)
		return as_name;
	const char *env = getenv("RODTRAD_AS");
	return env && *env ? env : NULL;
}

int rt_cli_bind_principal(rt_store *s)
{
	const char *name = rt_cli_as();
	if (!name) {
		principal = (struct rt_principal){ rt_cli_actor(), true, &local_admin, 1 };
		rt_store_set_principal(s, &principal);
		return RT_EXIT_OK;
	}
	rt_err err = RT_ERR_INIT;
	int rc = rt_store_principal(s, &principal_arena, name, &principal, &err);
	if (rc == RT_ENOTFOUND)
		return rt_cli_failf("det finns ingen användare '%s' (--as)", name);
	if (rc == RT_ESTATE)
		return rt_cli_failf("användaren '%s' är avstängd (--as)", name);
	if (rc)
		return rt_cli_fail(&err);
	rt_store_set_principal(s, &principal);
	return RT_EXIT_OK;
}

int rt_cli_strip_as(int argc, char **argv)
{
	int out = 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--as") && i + 1 < argc) {
			rt_cli_set_as(argv[++i]);
		} else if (!strncmp(argv[i], "--as=", 5)) {
			rt_cli_set_as(argv[i] + 5);
		} else if (!strcmp(argv[i], "--")) {
			while (i < argc)
				argv[out++] = argv[i++];
		} else {
			argv[out++] = argv[i];
		}
	}
	argv[out] = NULL;
	return out;
}
