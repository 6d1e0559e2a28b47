/* Numbered schema migrations, embedded from src/store/migrations/NNNN_*.sql
 * by cmake/embed_migrations.cmake. Versions are applied in order, each in
 * its own transaction, and recorded in schema_version. */
#ifndef RT_STORE_MIGRATIONS_H
#define RT_STORE_MIGRATIONS_H

struct rt_migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct rt_migration rt_migrations[];
extern const int rt_migrations_count;
/* The same versions for PostgreSQL, from src/store/migrations/pg/. */
extern const struct rt_migration rt_pg_migrations[];
extern const int rt_pg_migrations_count;

#endif
