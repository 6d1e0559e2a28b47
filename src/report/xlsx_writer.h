/* A small SpreadsheetML (XLSX) writer for big, plain workbooks such as the
 * compiled follow-up (followup_xlsx.c): rows are written in order straight
 * into each sheet's XML (no cell tree, no printf per cell), strings go to
 * one shared-string table through a hash, the package is zipped by
 * rt_docx_package (fixed times: the same calls give the same bytes).
 * It knows what the report needs — fonts, bold/italic, wrap, top alignment,
 * thin borders, a grey fill, indent, number formats, one-row merges, frozen
 * rows, print titles, A4 landscape fitted to the width — and nothing more.
 * Never prints, never asks the store. */
#ifndef RT_REPORT_XLSX_WRITER_H
#define RT_REPORT_XLSX_WRITER_H
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "util/buf.h"

typedef struct rt_xlsx rt_xlsx;

/* A cell format; rt_xlsx_style gives its number for the cell calls (0 is
 * the workbook's default format). */
struct rt_xlsx_style {
	bool bold, italic, wrap, top, border, grey;
	int size;                      /* points; 0: 11 */
	int indent;                    /* levels, left aligned; 0: none */
	const char *num_format;        /* Excel format code; NULL: General */
};

struct rt_xlsx_sheet_setup {
	const double *col_widths;      /* in Excel's character units */
	unsigned n_cols;
	unsigned freeze_rows;          /* rows kept on screen when scrolling */
	unsigned repeat_rows;          /* rows printed on top of every page */
	bool landscape;                /* A4, fitted to one page wide */
};

/* `font` is the name of every format's font ("DejaVu Sans"). */
rt_xlsx *rt_xlsx_new(const char *font);
void rt_xlsx_free(rt_xlsx *x);

/* The same style twice gives the same number. */
unsigned rt_xlsx_style(rt_xlsx *x, const struct rt_xlsx_style *s);

/* A sheet with a valid, unique name (Excel's rules are the caller's). The
 * previous sheet, if any, is finished. */
void rt_xlsx_sheet(rt_xlsx *x, const char *name, const struct rt_xlsx_sheet_setup *setup);

/* Starts row `row` (0-based, greater than the previous one) with a height
 * in points (0: the default 15). Then its cells, in column order: */
void rt_xlsx_row(rt_xlsx *x, uint32_t row, double height);
void rt_xlsx_text(rt_xlsx *x, unsigned col, const char *s, unsigned style);  /* "" or NULL: blank */
void rt_xlsx_number(rt_xlsx *x, unsigned col, double v, unsigned style);
void rt_xlsx_blank(rt_xlsx *x, unsigned col, unsigned style);
/* Merges columns c0..c1 of the current row (write their cells too). */
void rt_xlsx_merge(rt_xlsx *x, unsigned c0, unsigned c1);

struct rt_xlsx_props {
	const char *title, *author;
	time_t created;
};

/* The whole workbook as a zip in `out`; 0, or -1 when zipping fails. At
 * least one sheet is needed. */
int rt_xlsx_finish(rt_xlsx *x, const struct rt_xlsx_props *props, rt_buf *out);

#endif
