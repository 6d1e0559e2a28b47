/* GET /api/v1/opendata/{file}: the open data files of `rodtrad export
 * opendata` (report/opendata.h, docs/opendata.md) — datapackage.json and
 * plans|goals|indicators|targets|outcomes as .csv or .json — built from the
 * database on each request. An unknown name is 404 naming the files. */
#include <string.h>

#include "http/api.h"
#include "http/api_routes.h"
#include "report/opendata.h"

RT_API_HANDLER(rt_api_opendata_get)
{
	const char *name = rt_http_param(req, "file");
	rt_err err = RT_ERR_INIT;
	struct rt_opendata od;
	if (rt_opendata_build(ctx->store, &od, &err) != 0)
		return rt_api_err(res, &err);
	const struct rt_opendata_file *f = rt_opendata_find(&od, name ? name : "");
	if (!f) {
		rt_opendata_release(&od);
		return rt_api_fail(res, 404, "not_found", "file",
		                   "Filen finns inte; välj datapackage.json eller plans, goals, "
		                   "indicators, targets, outcomes med .csv eller .json.");
	}
	rt_buf_add(&res->body, f->data.buf, f->data.len);
	res->status = 200;
	res->content_type = f->media_type;
	res->etag = true;
	rt_opendata_release(&od);
	return 0;
}
