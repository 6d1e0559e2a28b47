/* The JSON API's route table (/api/v1). Every route here must be described
 * in openapi.json; tests/test_http_openapi.c checks both directions. */
#include "http/api_routes.h"

const struct rt_http_route rt_routes_api[] = {
	{ "GET", "/api/v1/plans", rt_api_plans_list },
	{ NULL, NULL, NULL },
};
