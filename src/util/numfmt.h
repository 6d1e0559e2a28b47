/* Swedish numbers as plans print them: decimal comma ("5,4"), a space as
 * thousands separator ("-26 151", also U+00A0 no-break space, U+202F narrow
 * no-break space and U+2009 thin space, as Word and Excel write them), and a
 * minus that may be U+2212 or an en dash. A "." is accepted as decimal point
 * too, since numbers pasted from other systems use it.
 *
 * Formatting writes the decimal comma, an ASCII "-" for negatives and
 * U+00A0 NO-BREAK SPACE between thousands (RT_NUM_GROUP_SEP): it keeps
 * "26 151" on one line in HTML, PDF and DOCX and reads as a space in CSV.
 * Parsing does not depend on the C locale. */
#ifndef RT_UTIL_NUMFMT_H
#define RT_UTIL_NUMFMT_H
#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"
#include "util/err.h"

#define RT_NUM_GROUP_SEP "\xc2\xa0"   /* U+00A0, used by every formatter */

/* Byte length of the space character at s (ASCII whitespace, U+00A0,
 * U+202F, U+2009), or 0 when s does not start with one. */
size_t rt_num_space_len(const char *s);

/* Byte length of a minus sign at s ("-", U+2212, U+2013), or 0. */
size_t rt_num_minus_len(const char *s);

/* Reads a number at the very start of s (no leading space skipped) and
 * stores the bytes used in *used. Returns 0 on success, RT_ENOTFOUND when
 * s does not start with a number (a sign alone, a letter, empty) and
 * RT_EINVAL with a Swedish message when it starts like one but is
 * malformed: "5,4,3", "1 23" (a group that is not three digits), "5,"
 * (decimal comma without digits), more than 18 digits. */
int rt_num_scan(const char *s, double *out, size_t *used, rt_err *err);

/* The whole text (surrounding spaces ignored) must be one number. */
int rt_num_parse(const char *s, double *out, rt_err *err);

/* Fixed decimals (0–9): rt_num_format(b, -26151, 0) → "-26 151",
 * rt_num_format(b, 4.7, 1) → "4,7". Rounds half away from zero. */
void rt_num_format(rt_buf *out, double v, int decimals);

/* As many decimals as needed, at most 6, trailing zeros dropped:
 * 203.5 → "203,5", 100 → "100", 4.11 → "4,11". */
void rt_num_format_short(rt_buf *out, double v);

/* An exact integer scaled by 10^decimals (0–20): (954, 1) → "95,4",
 * (-713000, 3) → "-713,000". Used for money kept as whole tkr, and by the
 * two formatters above; no printf, it is on every report's hot path. */
void rt_num_format_scaled(rt_buf *out, int64_t scaled, int decimals);

#endif
