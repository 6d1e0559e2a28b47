/* The JSON API's handlers, one group per file (api_<area>.c). */
#ifndef RT_HTTP_API_ROUTES_H
#define RT_HTTP_API_ROUTES_H
#include "http/http.h"

#define RT_API_HANDLER(name) \
	int name(struct rt_http_ctx *ctx, const struct rt_http_request *req, \
	         struct rt_http_response *res)

RT_API_HANDLER(rt_api_plans_list);

#endif
