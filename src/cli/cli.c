/* Shared plumbing of the command line (see cli.h): option parsing, opening
 * the database, id/key resolution, and turning rt_err into a Swedish line
 * on stderr. No business rules here: they live in core/. */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report_file.h"
#include "util/arena.h"

/* ---- usage and errors ------------------------------------------------ */

const char *rt_cli_strerror(int errnum)
{
	switch (errnum) {
	case ENOENT: return "filen eller katalogen finns inte";
	case EACCES: case EPERM: return "behörighet saknas";
	case ENOSPC: return "disken är full";
	case EROFS: return "filsystemet är skrivskyddat";
	case EISDIR: return "är en katalog";
	case ENOTDIR: return "en del av sökvägen är inte en katalog";
	case EEXIST: return "filen finns redan";
	default: return strerror(errnum);
	}
}

void rt_cli_print_usage(FILE *f, const struct rt_cli_spec *spec)
{
	const char *const *u = spec->usage;
	bool first = true;
	/* synopsis lines up to the first "" */
	for (; *u && **u; u++) {
		fprintf(f, "%s%s\n", first ? "Användning: " : "       ", *u);
		first = false;
	}
	for (; *u; u++)
		fprintf(f, "%s\n", *u);
	if (spec->opts && spec->opts[0].long_name) {
		fprintf(f, "\nFlaggor:\n");
		for (const struct rt_cli_opt *o = spec->opts; o->long_name; o++) {
			rt_buf left = RT_BUF_INIT;
			if (o->short_name)
				rt_buf_addf(&left, "-%c, ", o->short_name);
			rt_buf_addf(&left, "--%s", o->long_name);
			if (o->arg)
				rt_buf_addf(&left, " %s", o->arg);
			rt_buf line = RT_BUF_INIT;
			rt_cli_pad(&line, left.buf, 22);
			fprintf(f, "  %s %s\n", line.buf, o->help);
			rt_buf_release(&left);
			rt_buf_release(&line);
		}
	}
	rt_buf help = RT_BUF_INIT;
	rt_cli_pad(&help, "-h, --help", 22);
	fprintf(f, "  %s visa denna hjälp\n", help.buf);
	rt_buf_release(&help);
}

static void vfail(const char *fmt, va_list ap)
{
	fputs("rodtrad: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int rt_cli_failf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(fmt, ap);
	va_end(ap);
	return RT_EXIT_FAIL;
}

int rt_cli_fail(const rt_err *err)
{
	const char *msg = err && err->msg[0] ? err->msg : NULL;
	if (!msg)
		return rt_cli_failf("ett oväntat fel inträffade (%s)",
		                    rt_code_name(err ? err->code : RT_EINTERNAL));
	/* The field names the input at fault ("plans[2].title") unless the
	 * message already does. */
	if (err->field[0] && !strstr(msg, err->field))
		return rt_cli_failf("%s (%s)", msg, err->field);
	return rt_cli_failf("%s", msg);
}

int rt_cli_usage_error(const struct rt_cli_spec *spec, const char *fmt, ...)
{
	rt_buf b = RT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	char tmp[512];
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	rt_buf_addstr(&b, tmp);
	if (spec)
		rt_buf_addf(&b, " (se 'rodtrad %s --help')", spec->name);
	else
		rt_buf_addstr(&b, " (se 'rodtrad --help')");
	fprintf(stderr, "rodtrad: %s\n", b.buf);
	rt_buf_release(&b);
	return RT_EXIT_USAGE;
}

/* ---- option parsing -------------------------------------------------- */

static const struct rt_cli_opt *find_long(const struct rt_cli_opt *opts, const char *name,
                                          size_t len)
{
	for (const struct rt_cli_opt *o = opts; o && o->long_name; o++)
		if (strlen(o->long_name) == len && !strncmp(o->long_name, name, len))
			return o;
	return NULL;
}

static const struct rt_cli_opt *find_short(const struct rt_cli_opt *opts, char c)
{
	for (const struct rt_cli_opt *o = opts; o && o->long_name; o++)
		if (o->short_name && o->short_name == c)
			return o;
	return NULL;
}

static bool add_pos(const struct rt_cli_spec *spec, struct rt_cli_args *args, const char *a,
                    int *exit_code)
{
	if (args->n >= spec->max_args || args->n >= RT_CLI_MAX_ARGS) {
		*exit_code = rt_cli_usage_error(spec, "för många argument: '%s'", a);
		return false;
	}
	args->pos[args->n++] = a;
	return true;
}

bool rt_cli_parse(const struct rt_cli_spec *spec, int argc, char **argv,
                  struct rt_cli_args *args, int *exit_code)
{
	memset(args, 0, sizeof(*args));
	*exit_code = RT_EXIT_OK;
	bool only_pos = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_pos || a[0] != '-' || a[1] == '\0') {
			if (!add_pos(spec, args, a, exit_code))
				return false;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = true;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			rt_cli_print_usage(stdout, spec);
			*exit_code = RT_EXIT_OK;
			return false;
		}
		const struct rt_cli_opt *o;
		const char *inline_val = NULL;
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			o = find_long(spec->opts, name, len);
			if (eq)
				inline_val = eq + 1;
		} else {
			o = find_short(spec->opts, a[1]);
			if (o && a[2])
				inline_val = a + 2;
		}
		if (!o) {
			*exit_code = rt_cli_usage_error(spec, "okänd flagga '%s'", a);
			return false;
		}
		if (!o->arg) {
			if (inline_val) {
				*exit_code = rt_cli_usage_error(spec, "flaggan '%s' tar inget värde", a);
				return false;
			}
			*o->flag = true;
			continue;
		}
		if (!inline_val) {
			if (i + 1 >= argc) {
				*exit_code = rt_cli_usage_error(spec, "flaggan '%s' kräver %s", a,
				                                o->arg);
				return false;
			}
			inline_val = argv[++i];
		}
		if (!*inline_val) {
			*exit_code = rt_cli_usage_error(spec, "flaggan '--%s' fick ett tomt värde",
			                                o->long_name);
			return false;
		}
		*o->value = inline_val;
	}
	if (args->n < spec->min_args) {
		/* the synopsis names what is missing */
		*exit_code = rt_cli_usage_error(spec, "argument saknas; användning: %s",
		                                spec->usage[0]);
		return false;
	}
	return true;
}

/* ---- database -------------------------------------------------------- */

const char *rt_cli_db_path(const char *flag_value)
{
	if (flag_value && *flag_value)
		return flag_value;
	const char *env = getenv("RODTRAD_DB");
	if (env && *env)
		return env;
	return RT_CLI_DEFAULT_DB;
}

bool rt_cli_file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Every store the CLI opens writes as the command's principal (cli_as.c). */
static int bind_or_close(rt_store **out)
{
	int rc = rt_cli_bind_principal(*out);
	if (rc) {
		rt_store_close(*out);
		*out = NULL;
	}
	return rc;
}

int rt_cli_open_existing(const char *path, rt_store **out)
{
	*out = NULL;
	struct stat st;
	if (rt_store_is_url(path)) {
		/* PostgreSQL: the store says what is missing */
	} else if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return rt_cli_failf("databasen '%s' finns inte; skapa den med 'rodtrad init %s' "
			                    "eller ange en annan med --db", path, path);
		return rt_cli_failf("kan inte läsa databasen '%s': %s", path, rt_cli_strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		return rt_cli_failf("'%s' är en katalog, inte en databasfil", path);
	}
	rt_err err = RT_ERR_INIT;
	if (rt_store_open(out, path, RT_STORE_OPEN_EXISTING, &err) != 0) {
		*out = NULL;
		return rt_cli_fail(&err);
	}
	return bind_or_close(out);
}

int rt_cli_open_or_create(const char *path, rt_store **out, bool *created)
{
	*out = NULL;
	*created = false;
	if (rt_store_is_url(path)) {
		/* PostgreSQL: an empty schema gets the tables, ours is upgraded */
		rt_err err = RT_ERR_INIT;
		if (rt_store_open(out, path, RT_STORE_OPEN_CREATE, &err) != 0) {
			*out = NULL;
			return rt_cli_fail(&err);
		}
		*created = rt_store_created(*out);
		return bind_or_close(out);
	}
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (exists && S_ISDIR(st.st_mode))
		return rt_cli_failf("'%s' är en katalog, inte en databasfil", path);
	/* An existing non-empty file is opened as it is (the caller decides
	 * whether to migrate it): never touch a file that belongs to something
	 * else, but do accept our own database of an older schema version. */
	if (exists && st.st_size > 0) {
		rt_err err = RT_ERR_INIT;
		if (rt_store_open(out, path, RT_STORE_OPEN_UPGRADE, &err) != 0) {
			*out = NULL;
			return rt_cli_fail(&err);
		}
		return bind_or_close(out);
	}
	if (!exists) {
		/* name a missing directory ourselves: SQLite only says "unable to open" */
		const char *slash = strrchr(path, '/');
		if (slash && slash != path) {
			rt_buf dir = RT_BUF_INIT;
			rt_buf_add(&dir, path, (size_t)(slash - path));
			struct stat dst;
			bool ok = stat(dir.buf, &dst) == 0 && S_ISDIR(dst.st_mode);
			int rc = ok ? RT_EXIT_OK
			            : rt_cli_failf("kan inte skapa '%s': katalogen '%s' finns inte",
			                           path, dir.buf);
			rt_buf_release(&dir);
			if (rc)
				return rc;
		}
	}
	rt_err err = RT_ERR_INIT;
	if (rt_store_open(out, path, RT_STORE_OPEN_CREATE, &err) != 0) {
		*out = NULL;
		if (!exists)
			rt_cli_remove_db(path);
		return rt_cli_fail(&err);
	}
	/* An empty file counts as new: there was nothing in it to keep. */
	*created = true;
	return bind_or_close(out);
}

void rt_cli_remove_db(const char *path)
{
	rt_buf b = RT_BUF_INIT;
	unlink(path);
	rt_buf_addf(&b, "%s-wal", path);
	unlink(b.buf);
	rt_buf_reset(&b);
	rt_buf_addf(&b, "%s-shm", path);
	unlink(b.buf);
	rt_buf_reset(&b);
	rt_buf_addf(&b, "%s-journal", path);
	unlink(b.buf);
	rt_buf_release(&b);
}

/* ---- ids and keys ---------------------------------------------------- */

static bool parse_id(const char *s, int64_t *id)
{
	if (!*s)
		return false;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno || *end)
		return false;
	*id = (int64_t)v;
	return true;
}

/* Resolves "12" or a key in `table`; `exists` checks a numeric id. */
static int resolve(rt_store *s, const char *table, const char *none, const char *arg,
                   int64_t *id)
{
	rt_err err = RT_ERR_INIT;
	if (parse_id(arg, id)) {
		rt_arena a = RT_ARENA_INIT;
		int rc;
		if (!strcmp(table, "plan")) {
			struct rt_plan p;
			rc = rt_store_plan_get(s, &a, *id, &p, &err);
		} else {
			struct rt_goal g;
			rc = rt_store_goal_get(s, &a, *id, &g, &err);
		}
		rt_arena_release(&a);
		if (rc == RT_ENOTFOUND || (rc == 0 && *id <= 0))
			return rt_cli_failf("det finns %s med id %s", none, arg);
		if (rc != 0)
			return rt_cli_fail(&err);
		return RT_EXIT_OK;
	}
	int rc = rt_store_find_key(s, table, arg, id, &err);
	if (rc == RT_ENOTFOUND)
		return rt_cli_failf("det finns %s med id eller nyckel '%s' "
		                    "(ett id är ett heltal, t.ex. 5)", none, arg);
	if (rc != 0)
		return rt_cli_fail(&err);
	return RT_EXIT_OK;
}

int rt_cli_plan_id(rt_store *s, const char *arg, int64_t *id)
{
	return resolve(s, "plan", "ingen plan", arg, id);
}

int rt_cli_goal_id(rt_store *s, const char *arg, int64_t *id)
{
	return resolve(s, "goal", "inget mål", arg, id);
}

void rt_cli_print_stats(FILE *f, const struct rt_import_stats *st)
{
	const struct { const char *label; size_t n; } rows[] = {
		{ "organisationsenheter", st->org_units },
		{ "perioder", st->periods },
		{ "planer", st->plans },
		{ "ändringsrader", st->changes },
		{ "mål och målområden", st->goals },
		{ "indikatorer", st->indicators },
		{ "målvärden", st->targets },
		{ "utgångsvärden", st->baselines },
		{ "aktiviteter", st->activities },
		{ "budgetrader", st->budget_lines },
		{ "utfall", st->outcomes },
		{ "bedömningar", st->assessments },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (!rows[i].n)
			continue;
		rt_buf b = RT_BUF_INIT;
		rt_buf_addf(&b, "%s:", rows[i].label);
		rt_buf line = RT_BUF_INIT;
		rt_cli_pad(&line, b.buf, 22);
		fprintf(f, "  %s %5zu\n", line.buf, rows[i].n);
		rt_buf_release(&b);
		rt_buf_release(&line);
	}
}

const char *rt_cli_actor(void)
{
	if (rt_cli_as())
		return rt_cli_as();
	const char *u = getenv("USER");
	return u && *u ? u : "cli";
}

/* ---- text ------------------------------------------------------------ */

size_t rt_cli_width(const char *s)
{
	size_t w = 0;
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
		if ((*p & 0xC0) != 0x80)
			w++;
	return w;
}

void rt_cli_pad(rt_buf *b, const char *s, size_t width)
{
	rt_buf_addstr(b, s ? s : "");
	for (size_t w = rt_cli_width(s); w < width; w++)
		rt_buf_addch(b, ' ');
}

void rt_cli_wrap_text(rt_buf *out, const char *text, size_t width)
{
	const char *p = text ? text : "";
	if (width < 20)
		width = 20;
	bool first_para = true;
	for (;;) {
		const char *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);
		if (!first_para)
			rt_buf_addch(out, '\n');
		first_para = false;
		size_t col = 0;
		while (p < end) {
			while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
				p++;
			const char *w = p;
			while (p < end && *p != ' ' && *p != '\t' && *p != '\r')
				p++;
			if (p == w)
				break;
			rt_buf word = RT_BUF_INIT;
			rt_buf_add(&word, w, (size_t)(p - w));
			size_t ww = rt_cli_width(word.buf);
			if (col && col + 1 + ww > width) {
				rt_buf_addch(out, '\n');
				col = 0;
			} else if (col) {
				rt_buf_addch(out, ' ');
				col++;
			}
			rt_buf_addstr(out, word.buf);
			col += ww;
			rt_buf_release(&word);
		}
		if (!nl || !nl[1])
			break;
		p = nl + 1;
	}
}

void rt_cli_wrap(FILE *f, int indent, const char *label, const char *text, size_t width)
{
	size_t hang = label ? rt_cli_width(label) : 0;
	rt_buf w = RT_BUF_INIT;
	size_t used = (size_t)indent + hang;
	rt_cli_wrap_text(&w, text, width > used + 20 ? width - used : 20);
	const char *p = w.buf;
	bool first = true;
	for (;;) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);
		if (len == 0 && !(first && label))
			fputc('\n', f); /* a blank line between paragraphs, no trailing blanks */
		else
			fprintf(f, "%*s%s%*s%.*s\n", indent, "", first && label ? label : "",
			        first ? 0 : (int)hang, "", len, p);
		first = false;
		if (!nl)
			break;
		p = nl + 1;
	}
	rt_buf_release(&w);
}

void rt_cli_years(rt_buf *b, int start, int end)
{
	if (start == end || end == 0)
		rt_buf_addf(b, "%d", start);
	else
		rt_buf_addf(b, "%d–%d", start, end);
}

int rt_cli_open_resolved(const char *db, const char *arg,
                         int (*resolve_id)(rt_store *, const char *, int64_t *),
                         rt_store **out, int64_t *id)
{
	int rc = rt_cli_open_existing(rt_cli_db_path(db), out);
	if (rc != 0)
		return rc;
	if ((rc = resolve_id(*out, arg, id)) != 0) {
		rt_store_close(*out);
		*out = NULL;
	}
	return rc;
}

/* ---- files ------------------------------------------------------------ */

static int write_buf(FILE *f, void *ctx)
{
	const rt_buf *doc = ctx;
	return fwrite(doc->buf, 1, doc->len, f) == doc->len ? 0 : -1;
}

int rt_cli_write_file(const char *path, const rt_buf *doc)
{
	return rt_cli_write_with(path, write_buf, (void *)doc);
}

/* `-o /dev/null` (or a pipe): written in place (rt_report_file_in_place). */
static int write_special(const char *path, int (*write)(FILE *f, void *ctx), void *ctx)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return rt_cli_failf("kan inte skriva '%s': %s", path, rt_cli_strerror(errno));
	bool ok = write(f, ctx) == 0;
	ok = fclose(f) == 0 && ok;
	return ok ? RT_EXIT_OK : rt_cli_failf("kan inte skriva '%s': %s", path, rt_cli_strerror(errno));
}

int rt_cli_write_with(const char *path, int (*write)(FILE *f, void *ctx), void *ctx)
{
	if (rt_report_file_in_place(path))
		return write_special(path, write, ctx);
	rt_buf tmp = RT_BUF_INIT;
	rt_buf_addf(&tmp, "%s.tmp", path);
	FILE *f = fopen(tmp.buf, "wb");
	if (!f) {
		int rc = rt_cli_failf("kan inte skriva '%s': %s", tmp.buf, rt_cli_strerror(errno));
		rt_buf_release(&tmp);
		return rc;
	}
	errno = 0;
	bool ok = write(f, ctx) == 0;
	ok = fflush(f) == 0 && ok;
	ok = fsync(fileno(f)) == 0 && ok;
	int saved = errno;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp.buf, path) != 0) {
		if (ok)
			saved = errno;
		unlink(tmp.buf);
		int rc = rt_cli_failf("kan inte skriva '%s': %s", path, rt_cli_strerror(saved));
		rt_buf_release(&tmp);
		return rc;
	}
	rt_buf_release(&tmp);
	return RT_EXIT_OK;
}

int rt_cli_read_file(const char *path, rt_buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return rt_cli_failf("kan inte läsa '%s': %s", path, rt_cli_strerror(errno));
	char chunk[65536];
	size_t r;
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rt_buf_add(out, chunk, r);
	int failed = ferror(f) ? errno : 0;
	fclose(f);
	if (failed)
		return rt_cli_failf("kan inte läsa '%s': %s", path, rt_cli_strerror(failed));
	return RT_EXIT_OK;
}
