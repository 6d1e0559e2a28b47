/* Writing a finished report to its file: the bytes go to PATH.tmp, are
 * fsync'ed and renamed over PATH, so a failure never leaves half a report
 * (and never a PATH.tmp). Errors name the file with a Swedish reason.
 * Shared by the renderers that build their output in memory (DOCX); XLSX,
 * which libxlsxwriter writes itself, uses the same messages. */
#ifndef RT_REPORT_REPORT_FILE_H
#define RT_REPORT_REPORT_FILE_H
#include <stdbool.h>
#include <stddef.h>
#include "util/err.h"

int rt_report_file_write(const char *path, const void *data, size_t len, rt_err *err);

/* True when PATH exists and is neither a regular file nor a directory (a
 * device such as /dev/null, or a pipe): such a target is written into,
 * because PATH.tmp + rename would replace it with a regular file — as root,
 * /dev/null for every process on the machine. */
bool rt_report_file_in_place(const char *path);

/* Puts the finished TMP in PATH's place: renamed over a regular file (or a
 * new name); copied into PATH when rt_report_file_in_place(PATH).
 * Returns 0 or an errno value; TMP is gone afterwards either way. */
int rt_report_file_publish(const char *tmp, const char *path);

/* "Kan inte skriva PATH: filen eller katalogen finns inte" into err. */
int rt_report_file_error(rt_err *err, const char *path, int errnum);

#endif
