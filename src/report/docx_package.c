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

/* ---- a streamed part: libzip pulls, the producer fills a small buffer -- */

#define STREAM_CHUNK (64 * 1024)

struct stream {
	rt_docx_next_fn next;
	void *ctx;
	void (*rewind)(void *ctx);
	rt_buf buf;                        /* produced, not yet handed to libzip */
	size_t pos;                        /* handed out of buf */
	bool more;                         /* the producer has more pieces */
	bool sized;                        /* size is known */
	zip_uint64_t size;
	zip_error_t error;
};

/* The part's length, from a dry run of the producer through the same small
 * buffer. libzip needs it before the data: without a size it marks the entry
 * as Zip64 (20 more bytes in the local header, which some OOXML readers
 * refuse), and the package would no longer be the same bytes as an
 * in-memory one. Costs one more pass of producing, never the memory. */
static zip_uint64_t stream_size(struct stream *st)
{
	if (st->sized)
		return st->size;
	zip_uint64_t n = 0;
	if (st->rewind)
		st->rewind(st->ctx);
	bool more = true;
	while (more) {
		rt_buf_reset(&st->buf);
		while (more && st->buf.len < STREAM_CHUNK)
			more = st->next(st->ctx, &st->buf);
		n += st->buf.len;
	}
	rt_buf_reset(&st->buf);
	if (st->rewind)
		st->rewind(st->ctx);
	st->sized = true;
	st->size = n;
	return n;
}

/* Refills buf to at least STREAM_CHUNK bytes (or the end of the part). */
static void stream_fill(struct stream *st)
{
	rt_buf_reset(&st->buf);
	st->pos = 0;
	while (st->more && st->buf.len < STREAM_CHUNK)
		st->more = st->next(st->ctx, &st->buf);
}

static zip_int64_t stream_cb(void *userdata, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct stream *st = userdata;
	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		if (st->rewind)
			st->rewind(st->ctx);
		st->more = true;
		rt_buf_reset(&st->buf);
		st->pos = 0;
		return 0;
	case ZIP_SOURCE_READ: {
		if (st->pos == st->buf.len)
			stream_fill(st);
		size_t n = st->buf.len - st->pos;
		if (n > len)
			n = (size_t)len;
		if (n)
			memcpy(data, st->buf.buf + st->pos, n);
		st->pos += n;
		return (zip_int64_t)n;
	}
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *zs = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len, &st->error);
		if (!zs)
			return -1;
		zip_stat_init(zs);
		if (st->rewind) {          /* a producer that cannot rewind is read once */
			zs->size = stream_size(st);
			zs->valid |= ZIP_STAT_SIZE;
		}
		return sizeof(*zs);
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&st->error, data, len);
	case ZIP_SOURCE_FREE:
		rt_buf_release(&st->buf);
		zip_error_fini(&st->error);
		free(st);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
		                                      ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
		                                      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&st->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

static zip_source_t *stream_source(zip_t *za, const struct rt_docx_part *p)
{
	struct stream *st = rt_xcalloc(1, sizeof(*st));
	st->next = p->next;
	st->ctx = p->ctx;
	st->rewind = p->rewind;
	st->buf = (rt_buf)RT_BUF_INIT;
	zip_error_init(&st->error);
	zip_source_t *src = zip_source_function(za, stream_cb, st);
	if (!src) {
		zip_error_fini(&st->error);
		free(st);
	}
	return src;
}

/* Adds a copy of `data` (libzip frees the copy when the archive closes), or
 * the streamed part. */
static int part_add(zip_t *za, const struct rt_docx_part *p)
{
	zip_source_t *src;
	if (p->next) {
		src = stream_source(za, p);
		if (!src)
			return -1;
	} else {
		void *copy = rt_xmalloc(p->len ? p->len : 1);
		memcpy(copy, p->data, p->len);
		src = zip_source_buffer(za, copy, p->len, 1);
		if (!src) {
			free(copy);
			return -1;
		}
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
