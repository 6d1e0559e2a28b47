/* GET /api/v1/openapi.json: the OpenAPI 3 description, embedded from
 * src/http/openapi.json at build time (cmake/embed_files.cmake). */
#include <string.h>

#include "http/api.h"
#include "http/api_routes.h"
#include "util/embedded.h"

extern const struct rt_embedded_file rt_openapi_files[];

RT_API_HANDLER(rt_api_openapi)
{
	(void)ctx;
	(void)req;
	for (const struct rt_embedded_file *f = rt_openapi_files; f->name; f++) {
		if (strcmp(f->name, "openapi.json"))
			continue;
		res->status = 200;
		res->content_type = RT_HTTP_JSON;
		res->etag = true;
		rt_buf_add(&res->body, f->data, f->len);
		return 0;
	}
	return RT_EINTERNAL;
}
