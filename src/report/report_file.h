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

/* "Kan inte skriva PATH: filen eller katalogen finns inte" into err. */
int rt_report_file_error(rt_err *err, const char *path, int errnum);

#endif
