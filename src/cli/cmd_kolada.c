/* rodtrad kolada: map an indicator to a Kolada KPI (kolada map), list the
 * mappings (kolada list) and fetch the values (kolada fetch), see
 * ingest/kolada.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ingest/followup_entry.h"
#include "ingest/kolada.h"

static const char *const usage[] = {
	"rodtrad kolada map --indicator NYCKEL --kpi KPI --municipality ID [--peer ID ...]",
	"rodtrad kolada list",
	"rodtrad kolada fetch [--base-url URL] [--year ÅR] [--timeout SEKUNDER]",
	"",
	"Kolada (api.kolada.se) har jämförbara nyckeltal för alla kommuner och regioner.",
	"kolada map    kopplar en indikator till ett nyckeltal (t.ex. N00945) och en",
	"              kommun/region (t.ex. 0023); --peer lägger till jämförelseregioner",
	"              (0000 är riket). En ny koppling ersätter den gamla.",
	"kolada list   visar kopplingarna.",
	"kolada fetch  hämtar alla kopplade nyckeltal (alla sidor) och sparar regionens",
	"              värden som utfall för året (totalt, kvinnor, män) och",
	"              jämförelseregionernas värden för jämförelse. Allt eller inget:",
	"              vid ett fel (HTTP-fel, tidsgräns) ändras ingenting.",
	NULL,
};

/* --peer may be repeated: collect them before the common parser sees argv. */
static int kolada_map(int argc, char **argv)
{
	const char *db = NULL, *ind = NULL, *kpi = NULL, *mun = NULL, *peer = NULL;
	const struct rt_cli_opt opts[] = {
		{ "indicator", 'i', "NYCKEL", &ind, NULL, "indikatorns id eller nyckel" },
		{ "kpi", 0, "KPI", &kpi, NULL, "Koladas nyckeltals-id, t.ex. N00945" },
		{ "municipality", 0, "ID", &mun, NULL, "kommunens eller regionens id, t.ex. 0023" },
		{ "peer", 0, "ID", &peer, NULL, "jämförelseregion (kan anges flera gånger)" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "kolada map", usage, opts, 0, 0 };
	char **peers = calloc((size_t)argc + 1, sizeof(*peers));
	char **rest = calloc((size_t)argc + 1, sizeof(*rest));
	size_t n_peers = 0;
	int n_rest = 0;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--peer") && i + 1 < argc) {
			peers[n_peers++] = argv[++i];
		} else if (!strncmp(argv[i], "--peer=", 7)) {
			peers[n_peers++] = argv[i] + 7;
		} else {
			rest[n_rest++] = argv[i];
		}
	}
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, n_rest, rest, &args, &rc))
		goto out;
	if (!ind || !kpi || !mun) {
		rc = rt_cli_usage_error(&spec, "ange --indicator, --kpi och --municipality");
		goto out;
	}
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		goto out;
	rt_err err = RT_ERR_INIT;
	struct rt_kolada_map m;
	memset(&m, 0, sizeof(m));
	m.kpi = (char *)kpi;
	m.municipality = (char *)mun;
	m.peers = peers;
	m.n_peers = n_peers;
	if (rt_followup_resolve(s, "indicator", ind, &m.indicator_id, &err) != 0 ||
	    rt_store_begin(s, rt_cli_actor(), &err) != 0) {
		rc = rt_cli_fail(&err);
	} else if (rt_store_kolada_map_put(s, &m, &err) != 0 || rt_store_commit(s, &err) != 0) {
		rt_store_rollback(s);
		rc = rt_cli_fail(&err);
	} else {
		printf("Indikatorn %s hämtar nu Kolada %s för %s", ind, kpi, mun);
		for (size_t i = 0; i < n_peers; i++)
			printf("%s%s", i ? ", " : " (jämförelse: ", peers[i]);
		printf("%s.\n", n_peers ? ")" : "");
	}
	rt_store_close(s);
out:
	free(peers);
	free(rest);
	return rc;
}

static int kolada_list(int argc, char **argv)
{
	const char *db = NULL;
	const struct rt_cli_opt opts[] = { RT_CLI_OPT_DB(&db), RT_CLI_OPT_END };
	const struct rt_cli_spec spec = { "kolada list", usage, opts, 0, 0 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		return rc;
	rt_err err = RT_ERR_INIT;
	rt_arena a = RT_ARENA_INIT;
	struct rt_kolada_map *maps;
	size_t n;
	if (rt_store_kolada_map_list(s, &a, &maps, &n, &err) != 0)
		rc = rt_cli_fail(&err);
	else if (!n)
		printf("Inga indikatorer är kopplade till Kolada.\n");
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct rt_indicator ind;
		const char *name = "?";
		if (rt_store_indicator_get(s, &a, maps[i].indicator_id, &ind, &err) == 0)
			name = ind.key ? ind.key : ind.name;
		printf("%s: %s för %s", name, maps[i].kpi, maps[i].municipality);
		for (size_t k = 0; k < maps[i].n_peers; k++)
			printf("%s%s", k ? ", " : " (jämförelse: ", maps[i].peers[k]);
		printf("%s\n", maps[i].n_peers ? ")" : "");
	}
	rt_arena_release(&a);
	rt_store_close(s);
	return rc;
}

static int kolada_fetch(int argc, char **argv)
{
	const char *db = NULL, *base = NULL, *year = NULL, *timeout = NULL;
	const struct rt_cli_opt opts[] = {
		{ "base-url", 0, "URL", &base, NULL, "Koladas adress (standard " RT_KOLADA_BASE_URL ")" },
		{ "year", 0, "ÅR", &year, NULL, "bara detta år" },
		{ "timeout", 0, "SEKUNDER", &timeout, NULL, "tidsgräns per anrop (standard 30)" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "kolada fetch", usage, opts, 0, 0 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	struct rt_kolada_opts o = { base, 0, 0 };
	char *end;
	if (year) {
		long y = strtol(year, &end, 10);
		if (*end || y < 1900 || y > 2100)
			return rt_cli_usage_error(&spec, "ogiltigt år '%s'", year);
		o.year = (int)y;
	}
	if (timeout) {
		long t = strtol(timeout, &end, 10);
		if (*end || t < 1 || t > 3600)
			return rt_cli_usage_error(&spec, "ogiltig tidsgräns '%s' (1–3600 sekunder)",
			                          timeout);
		o.timeout_s = t;
	}
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		return rc;
	rt_err err = RT_ERR_INIT;
	struct rt_kolada_stats st;
	if (rt_kolada_fetch(s, rt_cli_actor(), &o, &st, &err) != 0) {
		rc = rt_cli_fail(&err);
	} else {
		printf("Hämtade %zu nyckeltal från Kolada (%zu sidor, %zu värden, varav %zu "
		       "saknas).\n", st.kpis, st.pages, st.values, st.missing);
		printf("  nya utfall: %zu\n  rättade utfall: %zu\n  jämförelsevärden: %zu\n",
		       st.inserted, st.updated, st.peer_values);
	}
	rt_store_close(s);
	return rc;
}

int cmd_kolada(int argc, char **argv)
{
	const struct rt_cli_spec spec = { "kolada", usage, NULL, 1, 1 };
	if (argc < 2)
		return rt_cli_usage_error(&spec, "ange 'kolada map', 'kolada list' eller "
		                          "'kolada fetch'");
	const char *sub = argv[1];
	if (!strcmp(sub, "map"))
		return kolada_map(argc - 1, argv + 1);
	if (!strcmp(sub, "list"))
		return kolada_list(argc - 1, argv + 1);
	if (!strcmp(sub, "fetch"))
		return kolada_fetch(argc - 1, argv + 1);
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h")) {
		rt_cli_print_usage(stdout, &spec);
		return RT_EXIT_OK;
	}
	return rt_cli_usage_error(&spec, "okänt underkommando 'kolada %s'", sub);
}
