/* The command line's shared plumbing: the command table, a small option
 * parser (long and short options, "--opt=value", "--"), opening the
 * database, resolving plan and goal ids or keys, and the one place where an
 * rt_err becomes a line on stderr and an exit code. Commands (cmd_*.c) only
 * wire arguments to core/store/ingest/report calls through these helpers. */
#ifndef RT_CLI_CLI_H
#define RT_CLI_CLI_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "ingest/plan_json.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

#define RT_VERSION "0.1.0"
#define RT_CLI_DEFAULT_DB "rodtrad.db"

/* Exit codes: 0 done, 1 the work failed (nothing changed), 2 bad usage. */
enum rt_exit { RT_EXIT_OK = 0, RT_EXIT_FAIL = 1, RT_EXIT_USAGE = 2 };

/* One subcommand: `argv[0]` is the command's own name ("init", "plan"). */
typedef int (*rt_cli_fn)(int argc, char **argv);

struct rt_cli_cmd {
	const char *name;
	rt_cli_fn fn;
	const char *summary;   /* one Swedish line for `rodtrad --help` */
};

int cmd_init(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_plan_list(int argc, char **argv);
int cmd_plan_show(int argc, char **argv);
int cmd_chain(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_export_json(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_period(int argc, char **argv);
int cmd_outcome(int argc, char **argv);
int cmd_activity(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_process(int argc, char **argv);
int cmd_feedback(int argc, char **argv);
int cmd_plan_checklist(int argc, char **argv);
int cmd_plan_status(int argc, char **argv);
int cmd_plan_document(int argc, char **argv);
int cmd_economy(int argc, char **argv);
/* The planning process of --year (NULL: the latest) into doc; prints the
 * failure and returns the exit code (cmd_process.c). */
int rt_cli_process_load(rt_store *s, const char *year, struct rt_process_doc *doc);
int cmd_dump(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_kolada(int argc, char **argv);
int cmd_import_outcomes(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_reminders(int argc, char **argv);
int cmd_plan_new_version(int argc, char **argv);
int cmd_period_reopen(int argc, char **argv);

/* An option of a command. An option with `arg` takes a value (stored in
 * *value); one without is a flag (*flag set to true). */
struct rt_cli_opt {
	const char *long_name;   /* "db", without dashes */
	char short_name;         /* 'o', or 0 */
	const char *arg;         /* "SÖKVÄG", or NULL for a flag */
	const char **value;
	bool *flag;
	const char *help;        /* Swedish */
};

#define RT_CLI_OPT_DB(ptr) \
	{ "db", 0, "SÖKVÄG", (ptr), NULL, "databasfilen (standard ./rodtrad.db eller $RODTRAD_DB)" }
#define RT_CLI_OPT_END { NULL, 0, NULL, NULL, NULL, NULL }

/* What a command accepts. `usage` is the array at the top of its file: the
 * synopsis lines, then "" and the description; NULL-terminated. */
struct rt_cli_spec {
	const char *name;               /* "plan show", for messages */
	const char *const *usage;
	const struct rt_cli_opt *opts;  /* ends with RT_CLI_OPT_END; may be NULL */
	int min_args, max_args;         /* positional arguments */
};

#define RT_CLI_MAX_ARGS 8
struct rt_cli_args {
	const char *pos[RT_CLI_MAX_ARGS];
	int n;
};

/* Parses argv[1..] against spec. -h/--help prints the usage to stdout.
 * Returns true when the command should run; false when it must return
 * *exit_code at once (0 after help, 2 after a usage error on stderr). */
bool rt_cli_parse(const struct rt_cli_spec *spec, int argc, char **argv,
                  struct rt_cli_args *args, int *exit_code);
void rt_cli_print_usage(FILE *f, const struct rt_cli_spec *spec);

/* Errors: one Swedish line "rodtrad: …" on stderr; return the exit code. */
/* For a command that allocates a lot at once and exits (batch_heap.c): one
 * malloc arena, blocks below `mmap_threshold` from the heap, no trim below
 * `trim_threshold`, the heap grown by `top_pad` at a time (huge pages for
 * the first step). Call before the command allocates anything big. */
void rt_cli_batch_heap(int mmap_threshold, int trim_threshold, int top_pad);
int rt_cli_fail(const rt_err *err);
int rt_cli_failf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int rt_cli_usage_error(const struct rt_cli_spec *spec, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Swedish text for the common errno values (strerror otherwise). */
const char *rt_cli_strerror(int errnum);

/* The database path: the flag, else $RODTRAD_DB, else ./rodtrad.db. */
const char *rt_cli_db_path(const char *flag_value);
bool rt_cli_file_exists(const char *path);

/* Opens an existing, migrated database; never creates one. Prints the
 * failure and returns 1, or returns 0 with *out set. */
int rt_cli_open_existing(const char *path, rt_store **out);
/* Opens `path` for init/demo: creates and migrates it when missing (or an
 * empty file), opens it as it is otherwise. *created tells which. */
int rt_cli_open_or_create(const char *path, rt_store **out, bool *created);
/* Removes a database file we created, with its -wal and -shm companions. */
void rt_cli_remove_db(const char *path);

/* "12" or a plan key → plan id; prints the failure and returns 1. */
int rt_cli_plan_id(rt_store *s, const char *arg, int64_t *id);
int rt_cli_goal_id(rt_store *s, const char *arg, int64_t *id);

/* Opens the database at `db` (NULL: the default) and resolves `arg` with
 * `resolve_id` (rt_cli_plan_id or rt_cli_goal_id). On failure the message is
 * printed, nothing stays open and the exit code is returned. */
int rt_cli_open_resolved(const char *db, const char *arg,
                         int (*resolve_id)(rt_store *, const char *, int64_t *),
                         rt_store **out, int64_t *id);

/* Writes `data` to `path` as path.tmp, fsync, rename: a failure never
 * leaves half a file under the real name. Prints the failure; returns the
 * exit code. */
int rt_cli_write_file(const char *path, const rt_buf *data);
/* The same for content made while it is written: write(f, ctx) returns 0 or
 * non-zero on failure (a report streamed to its file). */
int rt_cli_write_with(const char *path, int (*write)(FILE *f, void *ctx), void *ctx);
/* Reads a whole file into out (appended). Prints the failure; returns the
 * exit code. */
int rt_cli_read_file(const char *path, rt_buf *out);

/* The counts of an import or demo load, one line per non-zero count. */
void rt_cli_print_stats(FILE *f, const struct rt_import_stats *st);

/* The actor written to the audit log: the --as user, else $USER, else "cli". */
const char *rt_cli_actor(void);

/* cli_as.c: who runs the command. `--as NAMN` anywhere on the command line
 * (or $RODTRAD_AS) names a user whose roles every write is checked against
 * (store_auth.h rt_store_set_principal); without it the local operator is
 * an administrator. main() strips the flag (returns the new argc);
 * the open helpers bind the principal to every store they open. */
int rt_cli_strip_as(int argc, char **argv);
void rt_cli_set_as(const char *name);
const char *rt_cli_as(void);   /* NULL when none */
int rt_cli_bind_principal(rt_store *s);

/* Terminal text helpers (UTF-8; every character counts as one column). */
size_t rt_cli_width(const char *s);
void rt_cli_pad(rt_buf *b, const char *s, size_t width);
/* Word-wraps `text` to `width` columns, lines joined by '\n'; the text's
 * own line breaks are kept. */
void rt_cli_wrap_text(rt_buf *out, const char *text, size_t width);
/* Writes `text` word-wrapped to `width` columns; every line starts with
 * `indent` spaces, the first with `label` after them (may be NULL). */
void rt_cli_wrap(FILE *f, int indent, const char *label, const char *text, size_t width);
/* "2016" or "2024–2026". */
void rt_cli_years(rt_buf *b, int start, int end);

#endif
