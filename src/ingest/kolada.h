/* Kolada (api.kolada.se, v2 JSON): comparable KPIs for every Swedish
 * municipality and region. An indicator is mapped to a KPI id and the
 * region's own municipality id, with peers for comparison (store.h,
 * rt_store_kolada_map_put). rt_kolada_fetch pulls every mapped KPI over
 * HTTP(S) with libcurl — all pages (next_page) of
 * BASE/v2/data/kpi/KPI/municipality/ID,PEER,…[/year/YEAR] — and only when
 * every request succeeded writes, in ONE transaction: every value into
 * kolada_value, and the own region's values as the indicator's outcomes
 * for the year period ("2021"), per gender (T total, K women, M men).
 * `value: null` is a missing value: kept as missing, never an outcome. */
#ifndef RT_INGEST_KOLADA_H
#define RT_INGEST_KOLADA_H
#include <stddef.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

#define RT_KOLADA_BASE_URL "https://api.kolada.se"

struct rt_kolada_opts {
	const char *base_url;   /* NULL = RT_KOLADA_BASE_URL */
	int year;               /* 0 = every year Kolada has */
	long timeout_s;         /* per request; 0 = 30 s */
};

struct rt_kolada_stats {
	size_t kpis, pages, values, missing;
	size_t inserted, updated;   /* outcomes of the own region */
	size_t peer_values;         /* values of peers (comparison only) */
};

/* One page of a v2 response: the values (strings in a) and next_page (NULL
 * when it is the last). `url` names the page in messages. */
int rt_kolada_parse_page(const char *url, const char *text, size_t len, rt_arena *a,
                         struct rt_kolada_value **out, size_t *n, char **next_page,
                         rt_err *err);

int rt_kolada_fetch(rt_store *s, const char *actor, const struct rt_kolada_opts *o,
                    struct rt_kolada_stats *st, rt_err *err);

#endif
