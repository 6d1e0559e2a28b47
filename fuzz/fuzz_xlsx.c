/* The XLSX reader (src/ingest/xlsx_read.c): libzip from memory, the
 * workbook, shared strings, styles and the first sheet through libxml2. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ingest/xlsx_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_xlsx_sheet sheet;
	memset(&sheet, 0, sizeof(sheet));
	rt_err err = RT_ERR_INIT;
	int rc = rt_xlsx_read("utfall.xlsx", (const char *)data, size, &a, &sheet, &err);
	if (rc == 0) {
		for (size_t r = 0; r < sheet.n_rows; r++) {
			assert(sheet.rows[r].number > 0);
			for (size_t c = 0; c < sheet.rows[r].n; c++)
				assert(sheet.rows[r].cells[c]);
		}
	} else {
		assert(err.msg[0]);
	}
	rt_arena_release(&a);
	return 0;
}
