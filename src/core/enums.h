/* Shared helper for the enum name tables of the core modules: every enum has
 * an English snake_case token (the one docs/plan-json.md uses) and a parse
 * function that names the valid tokens in its Swedish error message, so a
 * typo in an import file tells the person what would have been accepted.
 * Internal to src/core; not part of the agreed interface. Pure: no I/O. */
#ifndef RT_CORE_ENUMS_H
#define RT_CORE_ENUMS_H
#include <stddef.h>
#include "util/err.h"

/* names[i] is the token of value i (NULL entries are skipped). Matching is
 * ASCII case-insensitive and ignores surrounding whitespace. On failure
 * returns RT_EINVAL with "Okänd <what> '<s>'. Giltiga värden: a, b, c". */
int rt_enum_parse(const char *const *names, size_t n, const char *s, int *out,
                  const char *field, const char *what, rt_err *err);

/* names[v] or "" when v is out of range (never NULL, safe for printf). */
const char *rt_enum_name(const char *const *names, size_t n, int v);

#endif
