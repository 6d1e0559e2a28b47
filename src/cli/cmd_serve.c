/* rodtrad serve: the web application and JSON API on libmicrohttpd
 * (src/http). This file only parses the options, starts the server and
 * waits for SIGTERM or SIGINT; the signals are blocked in every thread and
 * taken here with sigwait, so shutdown runs in ordinary code: stop
 * accepting, let requests in flight finish, close the database. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "http/http.h"

static const char *const usage[] = {
	"rodtrad serve [--listen VÄRD:PORT] [--threads N] [--tls-cert FIL --tls-key FIL]",
	"              [--max-body BYTE] [--db SÖKVÄG]",
	"",
	"Startar webbservern: de svenska webbsidorna och JSON-API:t under /api/v1",
	"(beskrivet i /api/v1/openapi.json). Standardadressen är 127.0.0.1:8080;",
	"port 0 väljer en ledig port. En rad per begäran skrivs till standard fel.",
	"SIGTERM eller Ctrl-C avslutar efter att pågående begäranden besvarats.",
	"Med --tls-cert och --tls-key (PEM-filer) svarar servern bara på HTTPS;",
	"inloggningskakan får då Secure och svaren Strict-Transport-Security.",
	"--max-body är den största fil som kan laddas upp till /import (standard",
	"64M; enheter K, M, G); API:t och övriga sidor tar högst 1 MiB.",
	NULL,
};

int cmd_serve(int argc, char **argv)
{
	const char *db = NULL, *addr = "127.0.0.1:8080", *threads = NULL, *cert = NULL, *key = NULL;
	const char *max_body = NULL;
	bool quiet = false;
	const struct rt_cli_opt opts[] = {
		{ "listen", 'l', "VÄRD:PORT", &addr, NULL, "adress och port (standard 127.0.0.1:8080)" },
		{ "threads", 0, "N", &threads, NULL, "antal arbetstrådar (standard 4)" },
		{ "quiet", 'q', NULL, NULL, &quiet, "ingen logg per begäran" },
		{ "max-body", 0, "BYTE", &max_body, NULL,
		  "största uppladdning till /import, t.ex. 64M (standard)" },
		{ "tls-cert", 0, "FIL", &cert, NULL, "certifikat (PEM) för HTTPS" },
		{ "tls-key", 0, "FIL", &key, NULL, "privat nyckel (PEM, utan lösenord) för HTTPS" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "serve", usage, opts, 0, 0 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	struct rt_http_config cfg = { 0 };
	cfg.db_path = rt_cli_db_path(db);
	cfg.listen = addr;
	cfg.quiet = quiet;
	cfg.tls_cert = cert;
	cfg.tls_key = key;
	if ((cert != NULL) != (key != NULL))
		return rt_cli_usage_error(&spec, "ange både --tls-cert och --tls-key");
	if (max_body && rt_http_size_parse(max_body, &cfg.max_upload) != 0)
		return rt_cli_usage_error(&spec, "ogiltig storlek '%s' för --max-body (t.ex. 65536, "
		                          "512K, 64M eller 1G)", max_body);
	if (threads) {
		char *end = NULL;
		long n = strtol(threads, &end, 10);
		if (*end || n < 1 || n > 256)
			return rt_cli_usage_error(&spec, "ogiltigt antal trådar '%s' (1–256)", threads);
		cfg.threads = (unsigned)n;
	}
	if (!rt_store_is_url(cfg.db_path) && !rt_cli_file_exists(cfg.db_path))
		return rt_cli_failf("databasen %s finns inte; skapa den med 'rodtrad demo %s' eller "
		                    "'rodtrad init %s'", cfg.db_path, cfg.db_path, cfg.db_path);

	/* Block the signals before any thread exists so all inherit the mask. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	rt_err err = RT_ERR_INIT;
	struct rt_http_server *srv;
	if (rt_http_start(&srv, &cfg, &err) != 0)
		return rt_cli_fail(&err);
	printf("Rödtråd lyssnar på %s://%.*s:%u/ (databas %s)\n", cert ? "https" : "http",
	       (int)(strrchr(addr, ':') - addr), addr, (unsigned)rt_http_port(srv), cfg.db_path);
	fflush(stdout);
	int sig = 0;
	sigwait(&set, &sig);
	fprintf(stderr, "rodtrad serve: %s mottagen, avslutar efter pågående begäranden\n",
	        sig == SIGTERM ? "SIGTERM" : "SIGINT");
	rt_http_stop(srv);
	return RT_EXIT_OK;
}
