/* The demo database's users: one per role, with known passwords (README,
 * `make run` prints them). Never for a real database. */
#ifndef RT_INGEST_DEMO_USERS_H
#define RT_INGEST_DEMO_USERS_H
#include <stddef.h>
#include "store/store_auth.h"

struct rt_demo_user {
	const char *name, *password, *display_name;
	enum rt_role role;
	const char *org_key;     /* NULL = the whole database */
	const char *pw_hash;     /* argon2id of password, made once */
};
extern const struct rt_demo_user rt_demo_users[];
extern const size_t rt_demo_users_count;

/* Adds the users and their roles in its own transaction (actor "demo");
 * users that already exist are left as they are. */
int rt_demo_users_load(rt_store *s, rt_err *err);

#endif
