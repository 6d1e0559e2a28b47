/* Shared by the fuzz targets that need a database: the demo database,
 * loaded once per fuzzing process into a fresh directory under $TMPDIR
 * and removed at exit. fuzz_demo_reset puts the file back as loaded (a
 * target whose inputs may write calls it every so often, so the database
 * stays small and close to what a crash input is replayed on).
 * Header-only, static: each target includes it once. */
#ifndef RT_FUZZ_COMMON_H
#define RT_FUZZ_COMMON_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/demo.h"
#include "store/store.h"

static char fuzz_dir[256];
static char fuzz_db[300];
static rt_store *fuzz_store;
static char *fuzz_pristine;          /* the loaded database file's bytes */
static size_t fuzz_pristine_len;

static void fuzz_die(const char *what, const rt_err *err)
{
	fprintf(stderr, "fuzz: %s: %s\n", what, err ? err->msg : "");
	abort();
}

static void fuzz_remove_db(void)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	char path[320];
	for (size_t i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", fuzz_db, sfx[i]);
		unlink(path);
	}
}

static void fuzz_cleanup(void)
{
	if (fuzz_store)
		rt_store_close(fuzz_store);
	fuzz_store = NULL;
	fuzz_remove_db();
	rmdir(fuzz_dir);
	free(fuzz_pristine);
}

/* The demo database's store; aborts when it cannot be made (a broken
 * harness must not look like a clean fuzzing run). */
static rt_store *fuzz_demo_store(void)
{
	if (fuzz_store)
		return fuzz_store;
	const char *tmp = getenv("TMPDIR");
	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/rt-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fuzz_dir))
		fuzz_die("mkdtemp", NULL);
	snprintf(fuzz_db, sizeof(fuzz_db), "%s/demo.db", fuzz_dir);
	atexit(fuzz_cleanup);
	rt_err err = RT_ERR_INIT;
	struct rt_import_stats st;
	if (rt_store_open(&fuzz_store, fuzz_db, RT_STORE_OPEN_CREATE, &err) != 0 ||
	    rt_demo_load(fuzz_store, &st, &err) != 0)
		fuzz_die("the demo database failed", &err);
	/* closing checkpoints the WAL: the one file is the whole database */
	rt_store_close(fuzz_store);
	fuzz_store = NULL;
	FILE *f = fopen(fuzz_db, "rb");
	if (!f)
		fuzz_die("cannot read the demo database", NULL);
	fseek(f, 0, SEEK_END);
	fuzz_pristine_len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	fuzz_pristine = malloc(fuzz_pristine_len);
	if (!fuzz_pristine || fread(fuzz_pristine, 1, fuzz_pristine_len, f) != fuzz_pristine_len)
		fuzz_die("cannot read the demo database", NULL);
	fclose(f);
	if (rt_store_open(&fuzz_store, fuzz_db, RT_STORE_OPEN_EXISTING, &err) != 0)
		fuzz_die("cannot reopen the demo database", &err);
	return fuzz_store;
}

/* Back to the database as loaded. */
static __attribute__((unused)) rt_store *fuzz_demo_reset(void)
{
	if (!fuzz_store)
		return fuzz_demo_store();
	rt_store_close(fuzz_store);
	fuzz_store = NULL;
	fuzz_remove_db();
	FILE *f = fopen(fuzz_db, "wb");
	if (!f || fwrite(fuzz_pristine, 1, fuzz_pristine_len, f) != fuzz_pristine_len || fclose(f))
		fuzz_die("cannot restore the demo database", NULL);
	rt_err err = RT_ERR_INIT;
	if (rt_store_open(&fuzz_store, fuzz_db, RT_STORE_OPEN_EXISTING, &err) != 0)
		fuzz_die("cannot reopen the demo database", &err);
	return fuzz_store;
}

#endif
