/* See docx_package.h. */
#include "report/docx_package.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/alloc.h"

/* 2000-01-01 00:00 as an MS-DOS date and time: fixed, and unlike
 * zip_file_set_mtime independent of the local time zone. */
#define DOS_DATE ((20u << 9) | (1u << 5) | 1u)
#define DOS_TIME 0u

/* Adds a copy of `data`; libzip frees the copy when the archive closes. */
static int part_add(zip_t *za, const struct rt_docx_part *p)
{
	void *copy = rt_xmalloc(p->len ? p->len : 1);
	memcpy(copy, p->data, p->len);
	zip_source_t *src = zip_source_buffer(za, copy, p->len, 1);
	if (!src) {
		free(copy);
		return -1;
	}
	zip_int64_t idx = zip_file_add(za, p->name, src, ZIP_FL_OVERWRITE);
	if (idx < 0) {
		zip_source_free(src);
		return -1;
	}
	if (zip_file_set_dostime(za, (zip_uint64_t)idx, DOS_TIME, DOS_DATE, 0) != 0 ||
	    zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 6) != 0)
		return -1;
	return 0;
}

int rt_docx_package(const struct rt_docx_part *parts, size_t n, rt_buf *out)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &ze) : NULL;
	int rc = za ? 0 : -1;
	if (!za && mem) zip_source_free(mem);
	if (za) {
		zip_source_keep(mem);
		for (size_t i = 0; i < n && rc == 0; i++)
			rc = part_add(za, &parts[i]);
		if (rc == 0) rc = zip_close(za);
		if (rc != 0) zip_discard(za);
	}
	/* The archive now lives in `mem`: copy it out. */
	if (rc == 0) rc = zip_source_open(mem);
	if (rc == 0) {
		char chunk[16384];
		zip_int64_t got;
		while ((got = zip_source_read(mem, chunk, sizeof(chunk))) > 0)
			rt_buf_add(out, chunk, (size_t)got);
		if (got < 0) rc = -1;
		zip_source_close(mem);
	}
	if (za) zip_source_free(mem);
	zip_error_fini(&ze);
	return rc;
}
