/* Atomic report files (report_file.h). The reason texts are the common
 * errno values in Swedish; anything rarer falls back to strerror. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report_file.h"
#include "util/buf.h"

static const struct {
	int errnum;
	const char *text;
} reasons[] = {
	{ ENOENT, "katalogen finns inte" },
	{ EACCES, "behörighet saknas" },
	{ EPERM, "behörighet saknas" },
	{ ENOSPC, "disken är full" },
	{ EROFS, "filsystemet är skrivskyddat" },
	{ EISDIR, "det är en katalog" },
	{ ENOTDIR, "en del av sökvägen är inte en katalog" },
};

int rt_report_file_error(rt_err *err, const char *path, int errnum)
{
	const char *text = strerror(errnum);
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].errnum == errnum) text = reasons[i].text;
	return rt_err_set(err, RT_EIO, "", "Kan inte skriva %s: %s", path, text);
}

int rt_report_file_write(const char *path, const void *data, size_t len, rt_err *err)
{
	rt_buf tmp = RT_BUF_INIT;
	rt_buf_addf(&tmp, "%s.tmp", path);
	FILE *f = fopen(tmp.buf, "wb");
	if (!f) {
		int e = errno;
		rt_buf_release(&tmp);
		return rt_report_file_error(err, path, e);
	}
	bool ok = fwrite(data, 1, len, f) == len;
	ok = fflush(f) == 0 && ok;
	ok = fsync(fileno(f)) == 0 && ok;
	int e = ok ? 0 : errno;
	if (fclose(f) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (ok && (e = rt_report_file_publish(tmp.buf, path)) != 0) ok = false;
	if (!ok) unlink(tmp.buf);
	rt_buf_release(&tmp);
	return ok ? 0 : rt_report_file_error(err, path, e);
}

/* Copies TMP's bytes into the existing non-regular PATH (a device or FIFO). */
static int copy_into(const char *tmp, const char *path)
{
	FILE *in = fopen(tmp, "rb");
	if (!in) return errno;
	FILE *out = fopen(path, "wb");
	if (!out) {
		int e = errno;
		fclose(in);
		return e;
	}
	char chunk[65536];
	size_t n;
	int e = 0;
	while (e == 0 && (n = fread(chunk, 1, sizeof chunk, in)) > 0)
		if (fwrite(chunk, 1, n, out) != n) e = errno ? errno : EIO;
	if (e == 0 && ferror(in)) e = EIO;
	if (fclose(out) != 0 && e == 0) e = errno;
	fclose(in);
	return e;
}

bool rt_report_file_in_place(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode);
}

int rt_report_file_publish(const char *tmp, const char *path)
{
	int e = 0;
	if (rt_report_file_in_place(path))
		e = copy_into(tmp, path);
	else if (rename(tmp, path) != 0)
		e = errno;
	unlink(tmp);
	return e;
}
