/* The goal page's Kolada comparison (docs/kolada.md): for an indicator
 * mapped to a Kolada KPI, the region's value per year beside the national
 * average (Kolada's "0000", Riket) and the peer regions, from the values
 * `rodtrad kolada fetch` stored. A table, so every number is in words for a
 * screen reader as well; the totals only (the gender split is in the
 * outcomes themselves). */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/numfmt.h"

#define RIKET "0000"

static const struct rt_kolada_value *find_value(const struct rt_kolada_value *v, size_t n,
                                                const char *municipality, int year)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].year == year && v[i].gender == RT_GENDER_TOTAL &&
		    !strcmp(v[i].municipality, municipality))
			return &v[i];
	return NULL;
}

static int int_cmp(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	return (a > b) - (a < b);
}

static void add_header(rt_buf *b, const char *municipality, bool self)
{
	rt_buf_addstr(b, "<th scope=\"col\">");
	if (self)
		rt_buf_addstr(b, "Regionen");
	else if (!strcmp(municipality, RIKET))
		rt_buf_addstr(b, "Riket (snitt)");
	else
		rt_buf_addstr(b, "Jämförelse");
	if (self || strcmp(municipality, RIKET) != 0) {
		rt_buf_addstr(b, " <span class=\"meta\">");
		rt_buf_add_html(b, municipality);
		rt_buf_addstr(b, "</span>");
	}
	rt_buf_addstr(b, "</th>");
}

static void add_cell(rt_buf *b, const struct rt_kolada_value *v)
{
	rt_buf_addstr(b, "<td class=\"num\">");
	if (v && v->has_value)
		rt_num_format_short(b, v->value);
	else
		rt_buf_addstr(b, "saknas");
	rt_buf_addstr(b, "</td>");
}

int rt_web_goal_kolada(rt_buf *b, rt_store *s, rt_arena *a, const struct rt_indicator *ind,
                       rt_err *err)
{
	struct rt_kolada_map *maps = NULL;
	size_t n_maps = 0;
	int rc = rt_store_kolada_map_list(s, a, &maps, &n_maps, err);
	if (rc)
		return rc;
	const struct rt_kolada_map *m = NULL;
	for (size_t i = 0; i < n_maps && !m; i++)
		if (maps[i].indicator_id == ind->id)
			m = &maps[i];
	if (!m)
		return 0;
	struct rt_kolada_value *v = NULL;
	size_t n = 0;
	if ((rc = rt_store_kolada_value_list(s, a, m->kpi, &v, &n, err)) != 0)
		return rc;

	/* The columns: the region, Riket first among the peers, then the
	 * peers in the order they were mapped. */
	const char **cols = rt_arena_alloc(a, (m->n_peers + 2) * sizeof(*cols));
	size_t n_cols = 0;
	cols[n_cols++] = m->municipality;
	for (size_t i = 0; i < m->n_peers; i++)
		if (!strcmp(m->peers[i], RIKET) && strcmp(m->municipality, RIKET) != 0)
			cols[n_cols++] = m->peers[i];
	for (size_t i = 0; i < m->n_peers; i++)
		if (strcmp(m->peers[i], RIKET) != 0 && strcmp(m->peers[i], m->municipality) != 0)
			cols[n_cols++] = m->peers[i];

	/* The years any column has a total for, oldest first. */
	int *years = rt_arena_alloc(a, (n + 1) * sizeof(*years));
	size_t n_years = 0;
	for (size_t i = 0; i < n; i++) {
		bool wanted = false, seen = false;
		for (size_t c = 0; c < n_cols && !wanted; c++)
			wanted = !strcmp(v[i].municipality, cols[c]);
		for (size_t y = 0; y < n_years && !seen; y++)
			seen = years[y] == v[i].year;
		if (wanted && !seen && v[i].gender == RT_GENDER_TOTAL)
			years[n_years++] = v[i].year;
	}
	qsort(years, n_years, sizeof(*years), int_cmp);

	rt_buf_addstr(b, "<section class=\"kolada\" aria-label=\"Jämförelse med Kolada\">\n");
	if (n_years == 0) {
		rt_buf_addstr(b, "<p>Mätetalet följs med Kolada (KPI ");
		rt_buf_add_html(b, m->kpi);
		rt_buf_addstr(b, "), men inga värden är hämtade ännu "
		                 "(<code>rodtrad kolada fetch</code>).</p>\n</section>\n");
		return 0;
	}
	rt_buf_addstr(b, "<table class=\"kolada-table\">\n<caption>Jämförelse med riket och andra "
	                 "regioner (Kolada, KPI ");
	rt_buf_add_html(b, m->kpi);
	rt_buf_addstr(b, ", totalt)</caption>\n<thead><tr><th scope=\"col\">År</th>");
	for (size_t c = 0; c < n_cols; c++)
		add_header(b, cols[c], c == 0);
	rt_buf_addstr(b, "</tr></thead>\n<tbody>\n");
	for (size_t y = 0; y < n_years; y++) {
		rt_buf_addf(b, "<tr><th scope=\"row\">%d</th>", years[y]);
		for (size_t c = 0; c < n_cols; c++)
			add_cell(b, find_value(v, n, cols[c], years[y]));
		rt_buf_addstr(b, "</tr>\n");
	}
	rt_buf_addstr(b, "</tbody>\n</table>\n</section>\n");
	return 0;
}
