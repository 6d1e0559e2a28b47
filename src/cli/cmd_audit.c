/* rodtrad audit: the audit log (ändringsloggen) — list it per entity,
 * export it as JSON, and verify its hash chain (store_auth.h). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store_auth.h"

static const char *const usage[] = {
	"rodtrad audit list [--entity TYP] [--id ID] [--json] [-o FIL] [--db SÖKVÄG]",
	"rodtrad audit verify [--db SÖKVÄG]",
	"",
	"audit list    ändringsloggen, äldst först: när, vem, vad och vilken rad.",
	"              --entity plan, goal, indicator, outcome, app_user … och",
	"              --id begränsar till en rad. --json skriver loggen som JSON",
	"              (före och efter som objekt), till -o FIL eller standard ut.",
	"audit verify  kontrollerar ändringsloggens kedja av kontrollsummor: en rad",
	"              som ändrats eller tagits bort i efterhand rapporteras och",
	"              kommandot avslutas med 1.",
	NULL,
};

static json_t *parsed(const char *text)
{
	if (!text)
		return json_null();
	json_t *j = json_loads(text, 0, NULL);
	return j ? j : json_string(text);
}

static int write_json(const struct rt_audit_row *rows, size_t n, const char *out)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:o, s:o}",
			"id", (json_int_t)rows[i].id, "at", rows[i].at, "actor", rows[i].actor,
			"entity", rows[i].entity, "entity_id", (json_int_t)rows[i].entity_id,
			"action", rows[i].action, "before", parsed(rows[i].before),
			"after", parsed(rows[i].after)));
	char *text = json_dumps(arr, JSON_INDENT(2));
	json_decref(arr);
	rt_buf b = RT_BUF_INIT;
	rt_buf_addstr(&b, text ? text : "[]");
	rt_buf_addch(&b, '\n');
	free(text);
	int rc = RT_EXIT_OK;
	if (out)
		rc = rt_cli_write_file(out, &b);
	else
		fwrite(b.buf, 1, b.len, stdout);
	rt_buf_release(&b);
	return rc;
}

static const char *action_label(const char *a)
{
	if (!strcmp(a, "insert"))
		return "ny";
	if (!strcmp(a, "update"))
		return "ändrad";
	if (!strcmp(a, "delete"))
		return "borttagen";
	return a;
}

static int audit_list(rt_store *s, const char *entity, const char *id_text, bool json,
                      const char *out)
{
	int64_t id = 0;
	if (id_text) {
		char *end;
		id = strtoll(id_text, &end, 10);
		if (*end || id <= 0)
			return rt_cli_failf("ogiltigt id '%s'", id_text);
		if (!entity)
			return rt_cli_failf("--id kräver --entity");
	}
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_audit_row *rows;
	size_t n;
	int rc = RT_EXIT_OK;
	if (rt_store_audit_list(s, &a, entity, id, &rows, &n, &err) != 0) {
		rc = rt_cli_fail(&err);
	} else if (json || out) {
		rc = write_json(rows, n, out);
	} else if (n == 0) {
		printf("Inga rader i ändringsloggen.\n");
	} else {
		for (size_t i = 0; i < n; i++)
			printf("%-6lld %s  %-12s %-9s %s %lld\n", (long long)rows[i].id, rows[i].at,
			       rows[i].actor, action_label(rows[i].action), rows[i].entity,
			       (long long)rows[i].entity_id);
	}
	rt_arena_release(&a);
	return rc;
}

static int audit_verify(rt_store *s)
{
	rt_arena a = RT_ARENA_INIT;
	rt_err err = RT_ERR_INIT;
	struct rt_audit_problem *p;
	size_t rows, n;
	int rc = RT_EXIT_OK;
	if (rt_store_audit_verify(s, &a, &rows, &p, &n, &err) != 0) {
		rc = rt_cli_fail(&err);
	} else if (n == 0) {
		printf("Ändringsloggen är hel: %zu rader, kedjan av kontrollsummor stämmer.\n", rows);
	} else {
		for (size_t i = 0; i < n; i++)
			printf("Rad %lld: %s\n", (long long)p[i].row_id, p[i].what);
		rc = rt_cli_failf("ändringsloggen har ändrats i efterhand: %zu fel bland %zu rader", n,
		                  rows);
	}
	rt_arena_release(&a);
	return rc;
}

int cmd_audit(int argc, char **argv)
{
	const char *db = NULL, *entity = NULL, *id = NULL, *out = NULL;
	bool json = false;
	const struct rt_cli_opt opts[] = {
		{ "entity", 0, "TYP", &entity, NULL, "bara rader om den här typen" },
		{ "id", 0, "ID", &id, NULL, "bara rader om raden med detta id" },
		{ "json", 0, NULL, NULL, &json, "skriv JSON" },
		{ "output", 'o', "FIL", &out, NULL, "skriv JSON till FIL" },
		RT_CLI_OPT_DB(&db),
		RT_CLI_OPT_END,
	};
	const struct rt_cli_spec spec = { "audit", usage, opts, 1, 1 };
	struct rt_cli_args args;
	int rc;
	if (!rt_cli_parse(&spec, argc, argv, &args, &rc))
		return rc;
	const char *sub = args.pos[0];
	if (strcmp(sub, "list") && strcmp(sub, "verify"))
		return rt_cli_usage_error(&spec, "okänt underkommando 'audit %s'", sub);
	rt_store *s;
	if ((rc = rt_cli_open_existing(rt_cli_db_path(db), &s)) != 0)
		return rc;
	rc = !strcmp(sub, "list") ? audit_list(s, entity, id, json, out) : audit_verify(s);
	rt_store_close(s);
	return rc;
}
