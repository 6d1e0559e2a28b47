/* String predicates; see text.h. */
#include "util/text.h"

bool rt_str_blank(const char *s)
{
	if (!s) return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') return false;
	return true;
}
