/* What the two drivers of db.h share: every connection and statement
 * starts with its driver's table of functions, and db.c dispatches through
 * it. Only db.c, db_sqlite.c and db_pg.c include this. */
#ifndef RT_STORE_DB_INT_H
#define RT_STORE_DB_INT_H
#include "store/db.h"

struct rt_db_ops {
	enum rt_db_kind kind;
	void (*close)(rt_db *db);
	int (*errcode)(rt_db *db);
	const char *(*errmsg)(rt_db *db);
	int (*exec)(rt_db *db, const char *sql, char **msg);
	bool (*in_tx)(rt_db *db);
	int64_t (*changes)(rt_db *db);
	int64_t (*total_changes)(rt_db *db);
	int64_t (*last_id)(rt_db *db);
	int (*prepare)(rt_db *db, const char *sql, rt_db_stmt **out);
	void (*finalize)(rt_db_stmt *st);
	bool (*busy)(rt_db_stmt *st);
	void (*reset)(rt_db_stmt *st);
	int (*step)(rt_db_stmt *st);
	int (*param_count)(rt_db_stmt *st);
	int (*param_index)(rt_db_stmt *st, const char *name);
	int (*bind_null)(rt_db_stmt *st, int i);
	int (*bind_int)(rt_db_stmt *st, int i, int64_t v);
	int (*bind_double)(rt_db_stmt *st, int i, double v);
	int (*bind_text)(rt_db_stmt *st, int i, const char *s);
	int (*col_count)(rt_db_stmt *st);
	bool (*col_is_null)(rt_db_stmt *st, int i);
	int64_t (*col_int)(rt_db_stmt *st, int i);
	double (*col_double)(rt_db_stmt *st, int i);
	const char *(*col_text)(rt_db_stmt *st, int i);
	int (*col_bytes)(rt_db_stmt *st, int i);
	int (*bind_text_static)(rt_db_stmt *st, int i, const char *s);
};

/* The first member of each driver's connection and statement structs. */
struct rt_db {
	const struct rt_db_ops *ops;
};

struct rt_db_stmt {
	const struct rt_db_ops *ops;
};

#endif
