/* rodtrad import outcomes FILE: outcomes from a CSV or XLSX file
 * (docs/import-outcomes.md, ingest/outcome_csv.h), all or nothing, with a
 * dry run that lists what would change and progress on stderr for large
 * files. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ingest/outcome_csv.h"

static const char *const usage[] = {
	"rodtrad import outcomes FIL.csv|FIL.xlsx [--dry-run] [--by NAMN] [--db SÖKVÄG]",
	"",
	"Läser in utfall från en CSV-fil (semikolon, komma eller tabb; UTF-8, gärna med",
	"BOM) eller en Excel-arbetsbok (XLSX, första bladet). Rubrikraden namnger",
	"kolumnerna indikator, period, värde och valfritt kön (k/m/t), enhet och",
	"kommentar (se docs/import-outcomes.md). Decimalkomma och decimalpunkt känns",
	"igen. Allt eller inget: en felaktig rad stoppar inläsningen med radnummer",
	"och orsak, och ingenting sparas. --dry-run visar vad som skulle ändras utan",
	"att spara något.",
	NULL,
};

/* The file's bytes: a regular file is mapped (read in place, in the page
 * cache; a million rows are 40 MB that need no copy in the heap), anything
 * else (a pipe, /dev/stdin) read into `buf`. */
struct file_data {
	const char *data;
	size_t len;
	void *map;
	rt_buf buf;
};

static int file_open(const char *path, struct file_data *f)
{
	memset(f, 0, sizeof(*f));
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
		/* populated: one call maps the whole file (it is read through once)
		 * instead of a fault per 4 kB page */
		int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
		flags |= MAP_POPULATE;
#endif
		void *m = mmap(NULL, (size_t)sb.st_size, PROT_READ, flags, fd, 0);
		if (m != MAP_FAILED) {
			(void)madvise(m, (size_t)sb.st_size, MADV_SEQUENTIAL);
			close(fd);
			f->map = m;
			f->data = m;
			f->len = (size_t)sb.st_size;
			return 0;
		}
	}
	if (fd >= 0)
		close(fd);
	int rc = rt_cli_read_file(path, &f->buf);
	f->data = f->buf.buf ? f->buf.buf : "";
	f->len = f->buf.len;
	return rc;
}

static void file_close(struct file_data *f)
{
	if (f->map)
		munmap(f->map, f->len);
	rt_buf_release(&f->buf);
}

static void progress(size_t rows, void *ctx)
{
	(void)ctx;
	fprintf(stderr, "rodtrad: %zu rader lästa …\n", rows);
}

int cmd_import_outcomes(int argc, char **argv)
{
	const char *db = NULL, *by = NULL;
	bool dry = false;
	const struct rt_cli_opt opts[] = {
		{ "dry-run", 'n', NULL, NULL, &dry, "visa vad som skulle ändras; spara ingenting" },
		{ "by", 0, "NAMN", &by, NULL, "vem som rapporterar (standard: $USER)" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "import outcomes", usage, opts, 1, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	/* a million rows touch ~300 MB of fresh memory (SQLite's pages from two
	 * threads, the bulk read, the keys): the heap in steps of 256 MB */
	rt_cli_batch_heap(64 << 20, 1 << 30, 256 << 20);
	struct file_data data;
	if ((rc = file_open(args.pos[0], &data)) != 0) {
		file_close(&data);
		return rc;
	}
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0) {
		file_close(&data);
		return rc;
	}
	rt_buf changes = RT_BUF_INIT;
	struct rt_outcome_import_opts o;
	memset(&o, 0, sizeof(o));
	o.actor = rt_cli_actor();
	o.by = by ? by : rt_cli_actor();
	o.source_name = args.pos[0];
	o.dry_run = dry;
	o.changes = dry ? &changes : NULL;
	o.max_changes = 1000;
	o.progress = progress;
	o.progress_every = 100000;
	/* tests: a file of a few rows in several pieces */
	const char *piece = getenv("RODTRAD_IMPORT_TEST_PIECE_ROWS");
	o.piece_rows = piece ? strtoul(piece, NULL, 10) : 0;
	rt_err err = RT_ERR_INIT;
	struct rt_outcome_csv_stats st;
	if (rt_import_outcomes(s, &o, data.data, data.len, &st, &err) != 0) {
		rc = err.msg[0] ? rt_cli_failf("%s", err.msg) : rt_cli_fail(&err);
		fprintf(stderr, "rodtrad: ingenting är inläst\n");
	} else {
		if (dry)
			printf("Provkörning av %s (ingenting sparades):\n%s", args.pos[0],
			       changes.buf ? changes.buf : "");
		printf("%s %s: %zu rader\n  nya utfall:        %zu\n  rättade utfall:    %zu\n",
		       dry ? "Skulle läsa in från" : "Inläst från", args.pos[0], st.rows, st.inserted,
		       st.updated);
	}
	rt_buf_release(&changes);
	rt_store_close(s);
	file_close(&data);
	return rc;
}
