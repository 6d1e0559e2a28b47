/* Helpers shared by the tests; see test_util.h. */
#include "test_util.h"
#include "util/alloc.h"

#include <ctype.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

char *rt_test_tmp_path(const char *name)
{
	const char *dir = getenv("RODTRAD_TMP");
	rt_buf b = RT_BUF_INIT;
	rt_buf_addf(&b, "%s/%d-%s", dir && *dir ? dir : "/tmp", (int)getpid(), name);
	unlink(b.buf);
	rt_buf wal = RT_BUF_INIT;
	rt_buf_addf(&wal, "%s-wal", b.buf);
	unlink(wal.buf);
	rt_buf_setlen(&wal, wal.len - 4);
	rt_buf_addstr(&wal, "-shm");
	unlink(wal.buf);
	rt_buf_release(&wal);
	return rt_buf_detach(&b, NULL);
}

/* The cluster's URL from $RT_TEST_PG_URL_FILE, or NULL. */
static char *pg_base_url(void)
{
	const char *file = getenv("RT_TEST_PG_URL_FILE");
	if (!file || !*file)
		return NULL;
	FILE *fp = fopen(file, "r");
	if (!fp)
		return NULL;
	char line[512] = "";
	if (!fgets(line, sizeof line, fp))
		line[0] = '\0';
	fclose(fp);
	line[strcspn(line, "\r\n")] = '\0';
	return line[0] ? rt_xstrdup(line) : NULL;
}

bool rt_test_pg(void)
{
	char *url = pg_base_url();
	free(url);
	return url != NULL;
}

char *rt_test_db(const char *name)
{
	char *base = pg_base_url();
	if (!base)
		return rt_test_tmp_path(name);
	/* one schema per process and name: t<pid>_<name as [a-z0-9_]> */
	rt_buf schema = RT_BUF_INIT;
	rt_buf_addf(&schema, "t%d_", (int)getpid());
	for (const char *p = name; *p; p++)
		rt_buf_addch(&schema, isalnum((unsigned char)*p) ? (char)tolower((unsigned char)*p) : '_');
	PGconn *c = PQconnectdb(base);
	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("PostgreSQL %s: %s", base, PQerrorMessage(c));
	rt_buf sql = RT_BUF_INIT;
	rt_buf_addf(&sql, "SET client_min_messages = warning; DROP SCHEMA IF EXISTS %s CASCADE; "
	            "CREATE SCHEMA %s", schema.buf, schema.buf);
	PGresult *r = PQexec(c, sql.buf);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fail_msg("PostgreSQL: %s", PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	rt_buf url = RT_BUF_INIT;
	rt_buf_addf(&url, "%s%coptions=-csearch_path%%3D%s", base, strchr(base, '?') ? '&' : '?',
	            schema.buf);
	rt_buf_release(&sql);
	rt_buf_release(&schema);
	free(base);
	return rt_buf_detach(&url, NULL);
}

static bool is_pg_url(const char *db)
{
	return !strncmp(db, "postgres://", 11) || !strncmp(db, "postgresql://", 13);
}

void rt_test_sql_exec(const char *db, const char *sql)
{
	if (is_pg_url(db)) {
		PGconn *c = PQconnectdb(db);
		PGresult *r = PQexec(c, sql);
		ExecStatusType t = PQresultStatus(r);
		if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK)
			fail_msg("%s: %s", sql, PQerrorMessage(c));
		PQclear(r);
		PQfinish(c);
		return;
	}
	sqlite3 *h;
	if (sqlite3_open(db, &h) != SQLITE_OK)
		fail_msg("%s: %s", db, sqlite3_errmsg(h));
	char *msg = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(h);
}

char *rt_test_sql_text(const char *db, const char *sql)
{
	char *out = NULL;
	if (is_pg_url(db)) {
		PGconn *c = PQconnectdb(db);
		PGresult *r = PQexec(c, sql);
		if (PQresultStatus(r) != PGRES_TUPLES_OK)
			fail_msg("%s: %s", sql, PQerrorMessage(c));
		if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
			out = rt_xstrdup(PQgetvalue(r, 0, 0));
		PQclear(r);
		PQfinish(c);
		return out;
	}
	sqlite3 *h;
	sqlite3_stmt *st;
	if (sqlite3_open(db, &h) != SQLITE_OK || sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		out = rt_xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return out;
}

char *rt_test_src_path(const char *rel)
{
	const char *dir = getenv("RODTRAD_SRC");
	rt_buf b = RT_BUF_INIT;
	rt_buf_addf(&b, "%s/%s", dir && *dir ? dir : ".", rel);
	return rt_buf_detach(&b, NULL);
}

static void slurp(int fd, rt_buf *into)
{
	char chunk[4096];
	ssize_t r;
	while ((r = read(fd, chunk, sizeof(chunk))) > 0)
		if (into) rt_buf_add(into, chunk, (size_t)r);
}

int rt_test_run(rt_buf *out, rt_buf *err, const char *const *argv)
{
	const char *bin = getenv("RODTRAD_BIN");
	if (!bin || !*bin) bin = "./rodtrad";
	size_t argc = 0;
	while (argv[argc]) argc++;
	char **args = rt_xcalloc(argc + 2, sizeof(char *));
	args[0] = (char *)bin;
	for (size_t i = 0; i < argc; i++) args[i + 1] = (char *)argv[i];

	char out_tpl[] = "/tmp/rt-test-out-XXXXXX", err_tpl[] = "/tmp/rt-test-err-XXXXXX";
	int ofd = mkstemp(out_tpl), efd = mkstemp(err_tpl);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, ofd, 1);
	posix_spawn_file_actions_adddup2(&fa, efd, 2);
	pid_t pid;
	int rc = posix_spawn(&pid, bin, &fa, NULL, args, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(args);
	int status = 0, code = 127;
	if (rc == 0 && waitpid(pid, &status, 0) == pid)
		code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	lseek(ofd, 0, SEEK_SET);
	lseek(efd, 0, SEEK_SET);
	slurp(ofd, out);
	slurp(efd, err);
	close(ofd);
	close(efd);
	unlink(out_tpl);
	unlink(err_tpl);
	return code;
}
