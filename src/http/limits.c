/* Body limits as a person writes them on the command line (rodtrad serve
 * --max-body 64M) and as the 413 page states them (http.h). Binary units,
 * since that is what the limits are: 1 MiB is 1 048 576 bytes. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/http.h"

int rt_http_size_parse(const char *s, size_t *out)
{
	if (!s || !isdigit((unsigned char)*s))
		return RT_EINVAL;
	char *end = NULL;
	unsigned long long n = strtoull(s, &end, 10);
	while (*end == ' ')
		end++;
	unsigned shift = 0;
	if (*end) {
		static const char *const units[] = { "k", "kib", "m", "mib", "g", "gib" };
		size_t u = 0;
		while (u < sizeof(units) / sizeof(units[0]) && strcasecmp(end, units[u]))
			u++;
		if (u == sizeof(units) / sizeof(units[0]))
			return RT_EINVAL;
		shift = (unsigned)(10 * (u / 2 + 1));
	}
	if (n == 0 || n > (1ull << 40) >> shift)
		return RT_EINVAL;
	*out = (size_t)(n << shift);
	return 0;
}

void rt_http_size_text(char *out, size_t cap, size_t bytes)
{
	static const char *const units[] = { "GiB", "MiB", "KiB" };
	for (int i = 0; i < 3; i++) {
		size_t unit = (size_t)1 << (10 * (3 - i));
		if (bytes >= unit && bytes % unit == 0) {
			snprintf(out, cap, "%zu %s", bytes / unit, units[i]);
			return;
		}
	}
	snprintf(out, cap, "%zu byte", bytes);
}
