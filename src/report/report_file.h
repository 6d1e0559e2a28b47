/* Writing a finished report to its file: the bytes go to PATH.tmp, are
 * fsync'ed and renamed over PATH, so a failure never leaves half a report
 * (and never a PATH.tmp). Errors name the file with a Swedish reason.
 * Shared by the renderers that build their output in memory (DOCX); XLSX,
 * which libxlsxwriter writes itself, uses the same messages. */
#ifndef RT_REPORT_REPORT_FILE_H
#define RT_REPORT_REPORT_FILE_H
#include <stddef.h>
#include "util/err.h"

int rt_report_file_write(const char *path, const void *data, size_t len, rt_err *err);

/* Puts the finished TMP in PATH's place: renamed over a regular file (or a
 * new name); copied into PATH when PATH is a device or a pipe, because a
 * rename would replace `/dev/null` with a regular file when run as root.
 * Returns 0 or an errno value; TMP is gone afterwards either way. */
int rt_report_file_publish(const char *tmp, const char *path);

/* "Kan inte skriva PATH: filen eller katalogen finns inte" into err. */
int rt_report_file_error(rt_err *err, const char *path, int errnum);

#endif
