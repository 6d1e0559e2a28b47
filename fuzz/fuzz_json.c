/* The JSON API's write path: the strict body reader (rt_api_body: content
 * type, UTF-8, syntax, unknown fields), the field readers and each
 * entity's validation, then the store write, through the real route table
 * and handlers on the demo database as the administrator. Input: the first
 * byte picks the route, the rest is the request body. Writes that pass
 * validation really happen (that is where the core checks run), so the
 * database is put back as loaded every RESET_EVERY inputs. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "http/http_int.h"

#define RESET_EVERY 500

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The demo database is loaded here, before the first input, so its few
 * seconds never count against libFuzzer's per-input -timeout. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_demo_store();
	return 0;
}

/* Ids from the demo database: plan 6 (RJH Regionstyrelsen VP 2021, a
 * draft), its goals 25 and 29, indicators 3 and 9, activity 2, target 11. */
static const struct {
	const char *method, *path;
} routes[] = {
	{ "POST", "/api/v1/org-units" },
	{ "PUT", "/api/v1/org-units/6" },
	{ "POST", "/api/v1/plans" },
	{ "PUT", "/api/v1/plans/6" },
	{ "POST", "/api/v1/plans/6/goals" },
	{ "PUT", "/api/v1/goals/25" },
	{ "POST", "/api/v1/goals/29/indicators" },
	{ "POST", "/api/v1/goals/29/activities" },
	{ "PUT", "/api/v1/goals/29/assessments/2021-T1" },
	{ "PUT", "/api/v1/indicators/3" },
	{ "POST", "/api/v1/indicators/9/targets" },
	{ "PUT", "/api/v1/indicators/3/outcomes/2021-T1" },
	{ "PUT", "/api/v1/activities/2" },
	{ "PUT", "/api/v1/activities/2/states/2021-T1" },
	{ "POST", "/api/v1/periods" },
	{ "PUT", "/api/v1/indicators/9/outcomes/2021-T1" },
};
#define N_ROUTES (sizeof(routes) / sizeof(routes[0]))

static const struct rt_role_grant admin_grant = { RT_ROLE_ADMIN, 0 };
static const struct rt_principal admin = { "admin", true, &admin_grant, 1 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned runs;
	rt_store *s = ++runs % RESET_EVERY == 0 ? fuzz_demo_reset() : fuzz_demo_store();
	if (size < 1)
		return 0;
	rt_arena a = RT_ARENA_INIT;
	struct rt_http_request req;
	memset(&req, 0, sizeof(req));
	req.method = routes[data[0] % N_ROUTES].method;
	req.path = routes[data[0] % N_ROUTES].path;
	req.content_type = "application/json";
	req.remote_addr = "127.0.0.1";
	req.body = (rt_buf)RT_BUF_INIT;
	rt_buf_add(&req.body, (const char *)data + 1, size - 1);
	int status = 0;
	rt_buf allow = RT_BUF_INIT;
	const struct rt_http_route *route = rt_http_route_find(&req, &status, &allow);
	assert(route);
	struct rt_http_ctx ctx = { s, &a, "fuzz", fuzz_db, &admin, "", false };
	struct rt_http_response res;
	memset(&res, 0, sizeof(res));
	res.body = (rt_buf)RT_BUF_INIT;
	int rc = route->fn(&ctx, &req, &res);
	/* a handler answers every bad body itself; only a store failure may
	 * come back as an error code (then the server answers 500) */
	if (rc == 0)
		assert(res.status == 0 || (res.status >= 200 && res.status < 600));
	rt_store_rollback(s);   /* in case a handler left a transaction open */
	rt_http_response_release(&res);
	rt_buf_release(&allow);
	rt_buf_release(&req.body);
	rt_arena_release(&a);
	return 0;
}
