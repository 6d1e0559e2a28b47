/* The JSON API's common steps: one place that maps rt_err codes to HTTP
 * statuses and writes the { "error": { … } } body, and one strict reader
 * of request bodies so no handler can forget a check. */
#include <stdlib.h>
#include <string.h>

#include "http/api.h"

void rt_http_json_error(struct rt_http_response *res, int status, const char *code,
                        const char *field, const char *msg)
{
	res->status = status;
	res->content_type = RT_HTTP_JSON;
	rt_buf_reset(&res->body);
	rt_buf_addstr(&res->body, "{\"error\":{\"code\":\"");
	rt_buf_add_json(&res->body, code);
	rt_buf_addstr(&res->body, "\",\"message\":\"");
	rt_buf_add_json(&res->body, msg);
	rt_buf_addstr(&res->body, "\",\"field\":");
	if (field && *field) {
		rt_buf_addch(&res->body, '"');
		rt_buf_add_json(&res->body, field);
		rt_buf_addch(&res->body, '"');
	} else {
		rt_buf_addstr(&res->body, "null");
	}
	rt_buf_addstr(&res->body, "}}\n");
}

int rt_api_fail(struct rt_http_response *res, int status, const char *code, const char *field,
                const char *msg)
{
	rt_http_json_error(res, status, code, field, msg);
	return 0;
}

int rt_api_json(struct rt_http_response *res, int status, json_t *v)
{
	res->status = status;
	res->content_type = RT_HTTP_JSON;
	rt_buf_reset(&res->body);
	char *s = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(v);
	if (!s)
		return RT_EINTERNAL;
	rt_buf_addstr(&res->body, s);
	rt_buf_addch(&res->body, '\n');
	free(s);
	return 0;
}

int rt_api_err(struct rt_http_response *res, const rt_err *err)
{
	int status;
	switch (err->code) {
	case RT_EINVAL: status = 422; break;
	case RT_ENOTFOUND: status = 404; break;
	case RT_ECONFLICT: status = 409; break;
	case RT_ESTATE: status = 409; break;
	case RT_EFORBIDDEN: status = 403; break;
	default: status = 500; break;
	}
	const char *msg = err->msg[0] ? err->msg : "Ett internt fel inträffade.";
	return rt_api_fail(res, status, rt_code_name(err->code), err->field, msg);
}

bool rt_api_id(const struct rt_http_request *req, struct rt_http_response *res, const char *name,
               int64_t *id)
{
	const char *s = rt_http_param(req, name);
	char *end = NULL;
	long long v = s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || v <= 0 || s[0] == '+' || s[0] == '0') {
		rt_api_fail(res, 404, "not_found", name, "Ogiltigt eller okänt id.");
		return false;
	}
	*id = (int64_t)v;
	return true;
}

json_t *rt_api_body(const struct rt_http_request *req, struct rt_http_response *res,
                    const char *const *allowed)
{
	if (strcmp(req->content_type, "application/json")) {
		rt_api_fail(res, 415, "unsupported_media_type", NULL,
		            "Innehållet måste vara application/json.");
		return NULL;
	}
	if (!rt_http_utf8_ok(req->body.buf, req->body.len)) {
		rt_api_fail(res, 400, "bad_encoding", NULL, "Innehållet är inte giltig UTF-8.");
		return NULL;
	}
	json_error_t je;
	json_t *v = json_loadb(req->body.buf, req->body.len, JSON_REJECT_DUPLICATES, &je);
	if (!v) {
		rt_buf m = RT_BUF_INIT;
		rt_buf_addf(&m, "Ogiltig JSON (rad %d, kolumn %d).", je.line, je.column);
		rt_api_fail(res, 400, "bad_json", NULL, m.buf);
		rt_buf_release(&m);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		rt_api_fail(res, 400, "bad_json", NULL, "Innehållet måste vara ett JSON-objekt.");
		return NULL;
	}
	const char *key;
	json_t *val;
	json_object_foreach(v, key, val) {
		bool ok = false;
		for (size_t i = 0; allowed && allowed[i]; i++)
			if (!strcmp(allowed[i], key))
				ok = true;
		if (!ok) {
			rt_buf m = RT_BUF_INIT;
			rt_buf_addf(&m, "Okänt fält '%s'.", key);
			rt_api_fail(res, 400, "unknown_field", key, m.buf);
			rt_buf_release(&m);
			json_decref(v);
			return NULL;
		}
	}
	return v;
}

json_t *rt_api_str(const char *s)
{
	return s ? json_string(s) : json_null();
}
