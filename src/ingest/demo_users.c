/* The demo users (demo_users.h). The hashes are crypto_pwhash_str of the
 * passwords with the INTERACTIVE limits, made once so that every
 * `rodtrad demo` (the tests make many) does not spend a second on them;
 * the passwords are public anyway. */
#include "ingest/demo_users.h"

const struct rt_demo_user rt_demo_users[] = {
	{ "admin", "admin-demo-2021", "Demo Administratör", RT_ROLE_ADMIN, NULL,
	  "$argon2id$v=19$m=65536,t=2,p=1$dlcyGIjjC2pZncIobEvbjA$"
	  "fATGsV23SqXbpoAhldgTTgL19q/O0RDNRfPqpJGAecs" },
	{ "planerare", "planerare-demo", "Demo Planerare (RJH Regionstyrelsen)", RT_ROLE_PLANNER,
	  "rjh-rs",
	  "$argon2id$v=19$m=65536,t=2,p=1$ScXWT9hiise8j9EwpLeNBA$"
	  "J0OLe/Ld4D2hxPdXIqwM54jKpco78j98Y+y2rOZTcyE" },
	{ "halland", "halland-demo", "Demo Planerare (Region Halland)", RT_ROLE_PLANNER, "rh",
	  "$argon2id$v=19$m=65536,t=2,p=1$wBsZeUueU7proM24L5aYMQ$"
	  "AJhB5nYbcqEWCrsx92yUdEJgp184clDnGf/EzHjHf+w" },
	{ "rapportor", "rapportor-demo", "Demo Rapportör (RJH Regionstyrelsen)", RT_ROLE_REPORTER,
	  "rjh-rs",
	  "$argon2id$v=19$m=65536,t=2,p=1$iS64Y81suE/rJJGAFMx0QA$"
	  "7pOgphgpwRcvFmtquL2iDI57AG/oXAjX3lkBedMLS3M" },
	{ "beslutsfattare", "beslut-demo", "Demo Beslutsfattare (Region Jämtland Härjedalen)",
	  RT_ROLE_DECIDER, "rjh",
	  "$argon2id$v=19$m=65536,t=2,p=1$/btam2IouLConXWD0QMtJQ$"
	  "OdwDVOOLsL2pCq5JAnLZ4o1V5kHGZTPAtM6gKQTwcAc" },
	{ "lasare", "lasare-demo", "Demo Läsare", RT_ROLE_READER, NULL,
	  "$argon2id$v=19$m=65536,t=2,p=1$tNp23HhemsNMrvA7HdSByg$"
	  "IUGjjGwbq840EXbX2C/bYUGBUGdyN6ZErGHUOmKPSzE" },
};
const size_t rt_demo_users_count = sizeof rt_demo_users / sizeof rt_demo_users[0];

int rt_demo_users_load(rt_store *s, rt_err *err)
{
	int rc = rt_store_begin(s, "demo", err);
	rt_arena a = RT_ARENA_INIT;
	for (size_t i = 0; i < rt_demo_users_count && !rc; i++) {
		const struct rt_demo_user *u = &rt_demo_users[i];
		struct rt_user existing;
		if (rt_store_user_get(s, &a, u->name, &existing, NULL) == 0)
			continue;
		int64_t id, org = 0;
		rc = rt_store_user_add_hashed(s, u->name, u->display_name, u->pw_hash, &id, err);
		if (!rc && u->org_key)
			rc = rt_store_find_key(s, "org_unit", u->org_key, &org, err);
		if (!rc)
			rc = rt_store_user_role_add(s, u->name, u->role, org, err);
	}
	rt_arena_release(&a);
	if (!rc)
		rc = rt_store_commit(s, err);
	else
		rt_store_rollback(s);
	return rc;
}
