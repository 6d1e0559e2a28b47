/* Kolada fetch (kolada.h). Network first, database second: every page of
 * every mapped KPI is downloaded and parsed before the transaction opens,
 * so a 500, a timeout or a broken page changes nothing. The own region's
 * values go through the same outcome entry as `rodtrad outcome set`
 * (followup_entry.h): parsed against the indicator, status computed,
 * corrections keep history, audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include <jansson.h>

#include "core/followup.h"
#include "ingest/followup_entry.h"
#include "ingest/kolada.h"
#include "util/numfmt.h"

#define MAX_PAGES 1000
#define MAX_BODY (64u << 20)

/* ---- parsing ---------------------------------------------------------- */

static int gender_of(const char *g, enum rt_gender *out)
{
	if (!g)
		return RT_EINVAL;
	if (!strcmp(g, "T"))
		*out = RT_GENDER_TOTAL;
	else if (!strcmp(g, "K"))
		*out = RT_GENDER_WOMEN;
	else if (!strcmp(g, "M"))
		*out = RT_GENDER_MEN;
	else
		return RT_EINVAL;
	return 0;
}

static int bad_page(rt_err *err, const char *url, const char *what)
{
	return rt_err_set(err, RT_EINVAL, "", "Kolada gav ett oväntat svar (%s): %s", url, what);
}

static int period_year(json_t *p, int *year)
{
	if (json_is_integer(p)) {
		*year = (int)json_integer_value(p);
		return 0;
	}
	if (json_is_string(p)) {
		char *end;
		long y = strtol(json_string_value(p), &end, 10);
		if (!*end && end != json_string_value(p)) {
			*year = (int)y;
			return 0;
		}
	}
	return RT_EINVAL;
}

int rt_kolada_parse_page(const char *url, const char *text, size_t len, rt_arena *a,
                         struct rt_kolada_value **out, size_t *n, char **next_page,
                         rt_err *err)
{
	*next_page = NULL;
	json_error_t je;
	json_t *root = json_loadb(text, len, 0, &je);
	if (!root)
		return rt_err_set(err, RT_EINVAL, "", "Kolada gav ett svar som inte är JSON (%s): "
		                  "rad %d: %s", url, je.line, je.text);
	json_t *values = json_object_get(root, "values");
	int rc = 0;
	if (!json_is_array(values))
		rc = bad_page(err, url, "listan \"values\" saknas");
	size_t cap = *n, i;
	json_t *it;
	if (rc == 0)
		json_array_foreach(values, i, it) {
			const char *kpi = json_string_value(json_object_get(it, "kpi"));
			const char *mun = json_string_value(json_object_get(it, "municipality"));
			int year = 0;
			json_t *vals = json_object_get(it, "values");
			if (!kpi || !mun || period_year(json_object_get(it, "period"), &year) != 0 ||
			    !json_is_array(vals)) {
				rc = bad_page(err, url, "ett värde saknar kpi, municipality, period eller "
				              "values");
				break;
			}
			size_t k;
			json_t *v;
			json_array_foreach(vals, k, v) {
				struct rt_kolada_value x;
				memset(&x, 0, sizeof(x));
				if (gender_of(json_string_value(json_object_get(v, "gender")), &x.gender)) {
					rc = bad_page(err, url, "okänt kön (ska vara T, K eller M)");
					break;
				}
				json_t *val = json_object_get(v, "value");
				if (json_is_number(val)) {
					x.has_value = true;
					x.value = json_number_value(val);
				} else if (val && !json_is_null(val)) {
					rc = bad_page(err, url, "\"value\" är varken ett tal eller null");
					break;
				}
				json_t *count = json_object_get(v, "count");
				if (json_is_integer(count)) {
					x.has_count = true;
					x.count = json_integer_value(count);
				}
				const char *status = json_string_value(json_object_get(v, "status"));
				x.kpi = rt_arena_strdup(a, kpi);
				x.municipality = rt_arena_strdup(a, mun);
				x.status = status ? rt_arena_strdup(a, status) : NULL;
				x.year = year;
				*RT_ARENA_PUSH(a, *out, *n, cap) = x;
			}
			if (rc)
				break;
		}
	const char *next = json_string_value(json_object_get(root, "next_page"));
	if (rc == 0 && next && *next)
		*next_page = rt_arena_strdup(a, next);
	json_decref(root);
	return rc;
}

/* ---- HTTP ------------------------------------------------------------- */

static size_t on_body(char *data, size_t size, size_t nmemb, void *ctx)
{
	rt_buf *b = ctx;
	size_t len = size * nmemb;
	if (b->len + len > MAX_BODY)
		return 0;
	rt_buf_add(b, data, len);
	return len;
}

static int get(CURL *c, const char *url, long timeout_s, rt_buf *body, rt_err *err)
{
	rt_buf_reset(body);
	char why[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, body);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, why);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_s);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout_s);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "rodtrad");
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	CURLcode cc = curl_easy_perform(c);
	if (cc == CURLE_OPERATION_TIMEDOUT)
		return rt_err_set(err, RT_EIO, "", "Kolada svarade inte inom %ld sekunder (%s); "
		                  "försök igen senare", timeout_s, url);
	if (cc == CURLE_COULDNT_CONNECT || cc == CURLE_COULDNT_RESOLVE_HOST)
		return rt_err_set(err, RT_EIO, "", "Kunde inte ansluta till Kolada (%s): %s", url,
		                  why[0] ? why : curl_easy_strerror(cc));
	if (cc != CURLE_OK)
		return rt_err_set(err, RT_EIO, "", "Hämtningen från Kolada misslyckades (%s): %s",
		                  url, why[0] ? why : curl_easy_strerror(cc));
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (status != 200)
		return rt_err_set(err, RT_EIO, "", "Kolada svarade med HTTP-status %ld för %s%s",
		                  status, url, status >= 500 ? " (fel hos Kolada; försök igen "
		                  "senare)" : status == 404 ? " (finns inte: kontrollera KPI-id "
		                  "och kommun-id)" : "");
	return 0;
}

/* Every page of one mapping. */
static int fetch_map(CURL *c, const struct rt_kolada_opts *o, const struct rt_kolada_map *m,
                     rt_arena *a, struct rt_kolada_value **vals, size_t *n,
                     struct rt_kolada_stats *st, rt_err *err)
{
	rt_buf url = RT_BUF_INIT, body = RT_BUF_INIT;
	const char *base = o->base_url && *o->base_url ? o->base_url : RT_KOLADA_BASE_URL;
	size_t blen = strlen(base);
	while (blen && base[blen - 1] == '/')
		blen--;
	rt_buf_addf(&url, "%.*s/v2/data/kpi/%s/municipality/%s", (int)blen, base, m->kpi,
	            m->municipality);
	for (size_t i = 0; i < m->n_peers; i++)
		rt_buf_addf(&url, ",%s", m->peers[i]);
	if (o->year)
		rt_buf_addf(&url, "/year/%d", o->year);
	char *next = rt_arena_strdup(a, url.buf);
	int rc = 0;
	for (int page = 0; rc == 0 && next; page++) {
		if (page >= MAX_PAGES) {
			rc = rt_err_set(err, RT_EIO, "", "Kolada gav fler än %d sidor för %s; "
			                "avbryter", MAX_PAGES, m->kpi);
			break;
		}
		const char *this_url = next;
		if ((rc = get(c, this_url, o->timeout_s > 0 ? o->timeout_s : 30, &body, err)) == 0)
			rc = rt_kolada_parse_page(this_url, body.buf ? body.buf : "", body.len, a, vals,
			                          n, &next, err);
		st->pages++;
	}
	rt_buf_release(&url);
	rt_buf_release(&body);
	return rc;
}

/* ---- storing ---------------------------------------------------------- */

static int year_period(rt_store *s, int year, rt_err *err)
{
	char key[16];
	snprintf(key, sizeof(key), "%d", year);
	int64_t id;
	rt_err nf = RT_ERR_INIT;
	if (rt_store_find_key(s, "period", key, &id, &nf) == 0)
		return 0;
	struct rt_period p;
	memset(&p, 0, sizeof(p));
	char start[11], end[11];
	int rc = rt_period_parse_key(key, &p, start, end, err);
	if (rc)
		return rc;
	p.key = key;
	return rt_store_period_put(s, &p, err);
}

static int store_value(rt_store *s, rt_arena *a, const struct rt_kolada_map *m,
                       const struct rt_kolada_value *v, struct rt_kolada_stats *st, rt_err *err)
{
	int rc = rt_store_kolada_value_put(s, v, err);
	if (rc)
		return rc;
	st->values++;
	if (!v->has_value) {
		st->missing++;
		return 0;
	}
	if (strcmp(v->municipality, m->municipality)) {
		st->peer_values++;
		return 0;
	}
	if ((rc = year_period(s, v->year, err)) != 0)
		return rc;
	/* written as a person would type it, with the indicator's unit: "5,6 %" */
	rt_buf text = RT_BUF_INIT;
	rt_num_format_short(&text, v->value);
	struct rt_indicator ind_row;
	if (rt_store_indicator_get(s, a, m->indicator_id, &ind_row, err) != 0) {
		rt_buf_release(&text);
		return err ? err->code : RT_EIO;
	}
	if (ind_row.unit && *ind_row.unit)
		rt_buf_addf(&text, " %s", ind_row.unit);
	char ind[32], period[16];
	snprintf(ind, sizeof(ind), "%lld", (long long)m->indicator_id);
	snprintf(period, sizeof(period), "%d", v->year);
	struct rt_outcome_request rq;
	memset(&rq, 0, sizeof(rq));
	rq.indicator = ind;
	rq.period = period;
	rq.gender = v->gender;
	rq.in.text = text.buf;
	rq.in.comment = rt_arena_sprintf(a, "Från Kolada (%s, %s)", m->kpi, m->municipality);
	rq.by = "Kolada";
	struct rt_outcome_result res;
	rt_err inner = RT_ERR_INIT;
	rc = rt_followup_outcome_put(s, a, &rq, &res, &inner);
	if (rc)
		rc = rt_err_set(err, rc, inner.field, "Kolada-värdet %s för %s år %d (%s) kunde inte "
		                "sparas som utfall: %s", text.buf, m->kpi, v->year,
		                rt_gender_name(v->gender), inner.msg);
	else if (res.updated)
		st->updated++;
	else
		st->inserted++;
	rt_buf_release(&text);
	return rc;
}

int rt_kolada_fetch(rt_store *s, const char *actor, const struct rt_kolada_opts *o,
                    struct rt_kolada_stats *st, rt_err *err)
{
	memset(st, 0, sizeof(*st));
	rt_arena a = RT_ARENA_INIT;
	struct rt_kolada_map *maps = NULL;
	size_t n_maps = 0;
	int rc = rt_store_kolada_map_list(s, &a, &maps, &n_maps, err);
	if (rc == 0 && n_maps == 0)
		rc = rt_err_set(err, RT_ENOTFOUND, "", "Inga indikatorer är kopplade till Kolada; "
		                "koppla först med 'rodtrad kolada map'");
	struct rt_kolada_value **vals = rt_arena_alloc(&a, (n_maps + 1) * sizeof(*vals));
	size_t *n_vals = rt_arena_alloc(&a, (n_maps + 1) * sizeof(*n_vals));
	CURL *c = rc == 0 ? curl_easy_init() : NULL;
	if (rc == 0 && !c)
		rc = rt_err_set(err, RT_EINTERNAL, "", "Kunde inte starta libcurl");
	for (size_t i = 0; rc == 0 && i < n_maps; i++) {
		vals[i] = NULL;
		n_vals[i] = 0;
		rc = fetch_map(c, o, &maps[i], &a, &vals[i], &n_vals[i], st, err);
		st->kpis++;
	}
	if (c)
		curl_easy_cleanup(c);
	if (rc == 0 && (rc = rt_store_begin(s, actor && *actor ? actor : "kolada", err)) == 0) {
		for (size_t i = 0; rc == 0 && i < n_maps; i++)
			for (size_t k = 0; rc == 0 && k < n_vals[i]; k++)
				rc = store_value(s, &a, &maps[i], &vals[i][k], st, err);
		if (rc == 0)
			rc = rt_store_commit(s, err);
		else
			rt_store_rollback(s);
	}
	rt_arena_release(&a);
	return rc;
}
