/* The client side of the crash-safety test (tests/crash/crash.sh, issue 8
 * §3). It starts `rodtrad serve` itself (the command after "--"), sends
 * outcome updates over the JSON API from several threads with an API token,
 * and at random points kills the server with SIGKILL and starts it again.
 * A write counts as acknowledged only when its 200/201 answer arrived; a
 * write without an answer is sent again with the same value until it is
 * acknowledged, so the last acknowledged value of each (indicator, period)
 * must be the stored one. At the end the server is killed once more,
 * restarted, and every key is read back: the current value must be the last
 * acknowledged one and every acknowledged value must be in the outcome's
 * history (nothing acknowledged was lost, nothing unacknowledged won).
 *
 *   crash_client --base URL --token T --port P [--period KEY] [--writes N]
 *                [--kills K] [--threads T] [--timeout S] [--seed S]
 *                [--log FILE] -- rodtrad serve … --listen 127.0.0.1:P
 *
 * Exit 0 when everything verified, 1 on a lost write or any other failure.
 * Keys are partitioned between the threads, so each key's writes (and their
 * acknowledgements) are in one order. Bounded: --timeout (default 600 s). */
#include <curl/curl.h>
#include <fcntl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#define MAX_KEYS 512
#define MAX_THREADS 32

struct key {
	int indicator;
	int *acked;        /* acknowledged values, in order */
	size_t n, cap;
};

static struct {
	const char *base, *token, *period, *log;
	int port, writes, kills, threads, timeout_s;
	unsigned seed;
	char **server_argv;
	struct key keys[MAX_KEYS];
	int n_keys;
	atomic_int next_seq;          /* the next value to write (1, 2, …) */
	atomic_int acked;             /* acknowledged writes */
	atomic_int retries;           /* writes sent again after no answer */
	atomic_bool failed;
	pid_t server;
	int kills_done, early_kills;
	double max_down_ms;
	struct timespec t0;
} g = { .period = "2021-T1", .writes = 10000, .kills = 100, .threads = 4, .timeout_s = 600,
        .seed = 1 };

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double elapsed_s(void)
{
	return (now_ms() - ((double)g.t0.tv_sec * 1e3 + (double)g.t0.tv_nsec / 1e6)) / 1e3;
}

static void sleep_ms(double ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)((ms - (double)(time_t)(ms / 1000) * 1000) * 1e6) };
	nanosleep(&ts, NULL);
}

static void fail(const char *msg)
{
	fprintf(stderr, "crash_client: %s\n", msg);
	atomic_store(&g.failed, true);
}

/* ---- the server process ---- */

static bool port_open(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)g.port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bool ok = connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
	close(fd);
	return ok;
}

static void server_spawn(void)
{
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		int fd = open(g.log ? g.log : "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0644);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execv(g.server_argv[0], g.server_argv);
		_exit(127);
	}
	g.server = pid;
}

/* Waits until the server accepts connections; false if it died or took
 * longer than 30 s. */
static bool server_ready(void)
{
	double until = now_ms() + 30000;
	while (now_ms() < until) {
		int st;
		if (waitpid(g.server, &st, WNOHANG) == g.server) {
			g.server = 0;
			return false;
		}
		if (port_open())
			return true;
		sleep_ms(2);
	}
	return false;
}

static void server_kill(void)
{
	if (g.server <= 0)
		return;
	kill(g.server, SIGKILL);
	int st;
	waitpid(g.server, &st, 0);
	g.server = 0;
}

static bool server_start(void)
{
	server_spawn();
	if (!server_ready()) {
		fail("rodtrad serve startade inte (se loggen)");
		return false;
	}
	return true;
}

/* ---- HTTP ---- */

struct body {
	char *buf;
	size_t len;
};

static size_t on_data(char *p, size_t sz, size_t n, void *ud)
{
	struct body *b = ud;
	char *nb = realloc(b->buf, b->len + sz * n + 1);
	if (!nb)
		return 0;
	b->buf = nb;
	memcpy(b->buf + b->len, p, sz * n);
	b->len += sz * n;
	b->buf[b->len] = '\0';
	return sz * n;
}

/* One request; returns the HTTP status, or 0 when no answer arrived. */
static long request(CURL *c, const char *method, const char *path, const char *json,
                    struct body *out)
{
	char url[512], auth[256];
	snprintf(url, sizeof(url), "%s%s", g.base, path);
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", g.token);
	struct curl_slist *h = curl_slist_append(NULL, auth);
	if (json)
		h = curl_slist_append(h, "Content-Type: application/json");
	free(out->buf);
	out->buf = NULL;
	out->len = 0;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, json);
	if (!json)
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 15000L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	long status = 0;
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	return status;
}

/* Writes value v to the key until acknowledged. A 4xx is fatal: the
 * workload is built so that every write is valid. */
static bool write_acked(CURL *c, struct key *k, int v, struct body *b)
{
	char path[128], json[128];
	snprintf(path, sizeof(path), "/api/v1/indicators/%d/outcomes/%s", k->indicator, g.period);
	snprintf(json, sizeof(json), "{\"value\":\"%d\",\"comment\":\"krasch %d\"}", v, v);
	for (int attempt = 0; !atomic_load(&g.failed); attempt++) {
		if (elapsed_s() > g.timeout_s) {
			fail("tidsgränsen nåddes");
			return false;
		}
		long st = request(c, "PUT", path, json, b);
		if (st == 200 || st == 201) {
			if (k->n == k->cap) {
				k->cap = k->cap ? 2 * k->cap : 64;
				k->acked = realloc(k->acked, k->cap * sizeof(int));
			}
			k->acked[k->n++] = v;
			atomic_fetch_add(&g.acked, 1);
			return true;
		}
		if (st >= 400 && st < 500) {
			fprintf(stderr, "crash_client: PUT %s gav %ld: %s\n", path, st, b->buf ? b->buf : "");
			atomic_store(&g.failed, true);
			return false;
		}
		if (attempt == 0)
			atomic_fetch_add(&g.retries, 1);
		sleep_ms(5);
	}
	return false;
}

static void *writer(void *arg)
{
	int t = (int)(intptr_t)arg;
	CURL *c = curl_easy_init();
	struct body b = { NULL, 0 };
	for (int i = t; !atomic_load(&g.failed); i += g.threads) {
		int v = atomic_fetch_add(&g.next_seq, 1);
		if (v > g.writes)
			break;
		/* this thread's keys: t, t + threads, t + 2·threads, … */
		int nk = (g.n_keys - t + g.threads - 1) / g.threads;
		struct key *k = &g.keys[t + g.threads * ((i / g.threads) % nk)];
		if (!write_acked(c, k, v, &b))
			break;
	}
	free(b.buf);
	curl_easy_cleanup(c);
	return NULL;
}

/* The indicators that take a plain number in the period: every id that
 * answers 2xx to a write (those writes are journalled like any other). */
static bool find_keys(void)
{
	CURL *c = curl_easy_init();
	struct body b = { NULL, 0 };
	int misses = 0;
	for (int id = 1; misses < 20 && g.n_keys < MAX_KEYS && g.n_keys < g.threads * 16; id++) {
		struct key *k = &g.keys[g.n_keys];
		char path[128];
		snprintf(path, sizeof(path), "/api/v1/indicators/%d/outcomes/%s", id, g.period);
		long st = request(c, "PUT", path, "{\"value\":\"0\",\"comment\":\"krasch 0\"}", &b);
		if (st == 200 || st == 201) {
			k->indicator = id;
			k->acked = malloc(64 * sizeof(int));
			k->cap = 64;
			k->acked[k->n++] = 0;
			g.n_keys++;
			misses = 0;
		} else if (st == 404) {
			misses++;
		} else if (st == 401 || st == 403 || st == 0 || st >= 500) {
			fprintf(stderr, "crash_client: %s gav %ld: %s\n", path, st, b.buf ? b.buf : "");
			break;
		}
	}
	free(b.buf);
	curl_easy_cleanup(c);
	if (g.n_keys < g.threads) {
		fail("för få indikatorer tar ett tal i perioden");
		return false;
	}
	return true;
}

/* Kills at g.kills random acknowledged-write counts, each a random 0–4 ms
 * after the count is passed (so writes are in flight), and now and then a
 * second time 0–40 ms after a restart (during start-up). */
static void kill_loop(void)
{
	int *at = malloc(sizeof(int) * (size_t)(g.kills + 1));
	for (int i = 0; i < g.kills; i++)
		at[i] = (int)((double)g.writes * (0.02 + 0.96 * (double)rand() / RAND_MAX));
	for (int i = 1; i < g.kills; i++)
		for (int j = i; j > 0 && at[j - 1] > at[j]; j--) {
			int x = at[j];
			at[j] = at[j - 1];
			at[j - 1] = x;
		}
	for (int i = 0; i < g.kills && !atomic_load(&g.failed); i++) {
		while (atomic_load(&g.acked) < at[i] && atomic_load(&g.next_seq) <= g.writes &&
		       !atomic_load(&g.failed))
			sleep_ms(0.5);
		if (atomic_load(&g.next_seq) > g.writes)
			break;
		sleep_ms(4.0 * rand() / RAND_MAX);
		double t = now_ms();
		server_kill();
		g.kills_done++;
		if (rand() % 4 == 0) {
			server_spawn();
			sleep_ms(40.0 * rand() / RAND_MAX);
			server_kill();
			g.early_kills++;
		}
		if (!server_start())
			break;
		double down = now_ms() - t;
		if (down > g.max_down_ms)
			g.max_down_ms = down;
	}
	free(at);
}

/* ---- verification ---- */

static bool has_text(json_t *o, const char *want)
{
	json_t *t = json_object_get(o, "text");
	return json_is_string(t) && !strcmp(json_string_value(t), want);
}

static int verify(void)
{
	CURL *c = curl_easy_init();
	struct body b = { NULL, 0 };
	int lost = 0, wrong = 0, checked = 0;
	for (int i = 0; i < g.n_keys; i++) {
		struct key *k = &g.keys[i];
		char path[128];
		snprintf(path, sizeof(path), "/api/v1/indicators/%d/outcomes/%s", k->indicator, g.period);
		long st = request(c, "GET", path, NULL, &b);
		json_t *o = st == 200 ? json_loads(b.buf, 0, NULL) : NULL;
		if (!o) {
			fprintf(stderr, "crash_client: GET %s gav %ld\n", path, st);
			lost += (int)k->n;
			continue;
		}
		char want[32];
		snprintf(want, sizeof(want), "%d", k->acked[k->n - 1]);
		if (!has_text(o, want)) {
			json_t *t = json_object_get(o, "text");
			fprintf(stderr, "crash_client: indikator %d: värdet är %s, senast kvitterat %s\n",
			        k->indicator, json_is_string(t) ? json_string_value(t) : "(inget)", want);
			wrong++;
		}
		/* every acknowledged value: the current row or a history row */
		json_t *h = json_object_get(o, "history");
		for (size_t j = 0; j < k->n; j++) {
			snprintf(want, sizeof(want), "%d", k->acked[j]);
			bool found = has_text(o, want);
			size_t x;
			json_t *row;
			json_array_foreach(h, x, row) {
				if (found)
					break;
				found = has_text(row, want);
			}
			checked++;
			if (!found) {
				if (lost < 10)
					fprintf(stderr, "crash_client: indikator %d: kvitterat värde %s saknas\n",
					        k->indicator, want);
				lost++;
			}
		}
		json_decref(o);
	}
	free(b.buf);
	curl_easy_cleanup(c);
	printf("kontroll: %d nycklar, %d kvitterade skrivningar kontrollerade, %d saknas, "
	       "%d nycklar med fel slutvärde\n", g.n_keys, checked, lost, wrong);
	return lost || wrong ? 1 : 0;
}

static void usage(void)
{
	fprintf(stderr, "användning: crash_client --base URL --token T --port P [--period KEY] "
	                "[--writes N] [--kills K] [--threads T] [--timeout S] [--seed S] [--log FIL] "
	                "-- rodtrad serve …\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int i;
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v)
			usage();
		if (!strcmp(o, "--base")) g.base = v;
		else if (!strcmp(o, "--token")) g.token = v;
		else if (!strcmp(o, "--period")) g.period = v;
		else if (!strcmp(o, "--log")) g.log = v;
		else if (!strcmp(o, "--port")) g.port = atoi(v);
		else if (!strcmp(o, "--writes")) g.writes = atoi(v);
		else if (!strcmp(o, "--kills")) g.kills = atoi(v);
		else if (!strcmp(o, "--threads")) g.threads = atoi(v);
		else if (!strcmp(o, "--timeout")) g.timeout_s = atoi(v);
		else if (!strcmp(o, "--seed")) g.seed = (unsigned)strtoul(v, NULL, 10);
		else usage();
		i++;
	}
	if (i >= argc - 1 || !g.base || !g.token || g.port <= 0 || g.writes < 1 || g.kills < 0 ||
	    g.threads < 1 || g.threads > MAX_THREADS)
		usage();
	g.server_argv = argv + i + 1;
	srand(g.seed);
	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	clock_gettime(CLOCK_MONOTONIC, &g.t0);
	atomic_store(&g.next_seq, 1);

	int rc = 1;
	if (!server_start() || !find_keys())
		goto out;
	pthread_t th[MAX_THREADS];
	for (int t = 0; t < g.threads; t++)
		pthread_create(&th[t], NULL, writer, (void *)(intptr_t)t);
	kill_loop();
	for (int t = 0; t < g.threads; t++)
		pthread_join(th[t], NULL);
	double write_s = elapsed_s();
	if (atomic_load(&g.failed))
		goto out;
	/* One last kill right after the last acknowledgement, then read back. */
	server_kill();
	g.kills_done++;
	if (!server_start())
		goto out;
	printf("skrivningar: %d kvitterade (+%d sökta nycklar) på %.1f s, %d omsända utan svar; "
	       "%d SIGKILL (+%d under uppstart), längsta avbrott %.0f ms; %d trådar, %d nycklar\n",
	       atomic_load(&g.acked) , g.n_keys, write_s, atomic_load(&g.retries), g.kills_done,
	       g.early_kills, g.max_down_ms, g.threads, g.n_keys);
	rc = verify();
out:
	if (g.server > 0) {
		kill(g.server, SIGTERM);
		int st;
		waitpid(g.server, &st, 0);
	}
	curl_global_cleanup();
	if (atomic_load(&g.failed))
		rc = 1;
	for (int k = 0; k < g.n_keys; k++)
		free(g.keys[k].acked);
	return rc;
}
