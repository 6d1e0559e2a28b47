/* Small predicates on C strings that several layers need. */
#ifndef RT_UTIL_TEXT_H
#define RT_UTIL_TEXT_H
#include <stdbool.h>

/* NULL, "" and ASCII whitespace only count as blank: a title of spaces is no title. */
bool rt_str_blank(const char *s);

#endif
