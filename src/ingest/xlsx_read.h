/* The first worksheet of an XLSX workbook as rows of text cells, read with
 * libzip and libxml2: shared strings, inline strings, numbers (written
 * with a decimal comma, as a Swedish user types them: 5.4 → "5,4") and
 * dates (a number cell whose style is a date format → "2021-04-30").
 * Empty cells between filled ones are "". Rows carry their sheet row
 * number so messages can name it. */
#ifndef RT_INGEST_XLSX_READ_H
#define RT_INGEST_XLSX_READ_H
#include <stdbool.h>
#include <stddef.h>
#include "util/arena.h"
#include "util/err.h"

struct rt_xlsx_row {
	size_t number;       /* 1-based row number in the sheet */
	size_t n;
	char **cells;
};

struct rt_xlsx_sheet {
	struct rt_xlsx_row *rows;
	size_t n_rows;
};

/* True when data starts like a zip file (an XLSX workbook). */
bool rt_xlsx_is_zip(const char *data, size_t len);

/* Reads the first worksheet into sheet (strings in a). `name` names the
 * file in messages. */
int rt_xlsx_read(const char *name, const char *data, size_t len, rt_arena *a,
                 struct rt_xlsx_sheet *sheet, rt_err *err);

#endif
