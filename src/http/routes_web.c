/* The web pages' route table: src/web's handlers plugged into the router,
 * and the Swedish error page for paths outside /api/. */
#include "http/http.h"

const struct rt_http_route rt_routes_web[] = {
	{ NULL, NULL, NULL },
};

void rt_routes_web_error(struct rt_http_ctx *ctx, const struct rt_http_request *req,
                         struct rt_http_response *res, int status, const char *msg)
{
	(void)ctx;
	(void)req;
	res->status = status;
	res->content_type = RT_HTTP_HTML;
	rt_buf_reset(&res->body);
	rt_buf_addstr(&res->body, "<!doctype html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">"
	                          "<title>Fel – Rödtråd</title></head><body><main><h1>");
	rt_buf_add_html(&res->body, msg);
	rt_buf_addstr(&res->body, "</h1><p><a href=\"/\">Till startsidan</a></p></main></body></html>\n");
}
