/* GET /api/v1/reports/{period}?scope=…&format=html|xlsx|docx|pdf: the
 * compiled follow-up (report/followup.h) in any format. The XLSX, DOCX and
 * PDF renderers write a file, so they write into a private temporary
 * directory and the bytes are sent back from there; the directory is gone
 * before the response leaves. Reports carry an ETag (304 on a repeat). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/api.h"
#include "http/api_routes.h"
#include "report/followup.h"

struct format {
	const char *name;
	const char *mime;
	int (*render)(const struct rt_followup_report *r, const char *path, rt_err *err);
};

static const struct format formats[] = {
	{ "html", RT_HTTP_HTML, NULL },
	{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	  rt_report_xlsx },
	{ "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	  rt_report_docx },
	{ "pdf", "application/pdf", rt_report_pdf },
};

static int read_file(const char *path, rt_buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return RT_EIO;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rt_buf_add(out, chunk, n);
	int bad = ferror(f);
	fclose(f);
	return bad ? RT_EIO : 0;
}

/* Renders into a fresh directory under $TMPDIR and reads the file back. */
static int render_file(const struct format *fmt, const struct rt_followup_report *r, rt_buf *out,
                       rt_err *err)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512];
	snprintf(dir, sizeof(dir), "%s/rodtrad-report-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return rt_err_set(err, RT_EIO, "", "Kunde inte skapa en tillfällig katalog för rapporten");
	char path[600];
	snprintf(path, sizeof(path), "%s/rapport.%s", dir, fmt->name);
	int rc = fmt->render(r, path, err);
	if (!rc && read_file(path, out) != 0)
		rc = rt_err_set(err, RT_EIO, "", "Kunde inte läsa den skrivna rapporten");
	unlink(path);
	char tmp_path[620];
	snprintf(tmp_path, sizeof(tmp_path), "%s.tmp", path);
	unlink(tmp_path);
	rmdir(dir);
	return rc;
}

RT_API_HANDLER(rt_api_report_get)
{
	const char *period = rt_http_param(req, "period");
	const char *scope = rt_http_query(req, "scope");
	const char *fname = rt_http_query(req, "format");
	const struct format *fmt = &formats[0];
	if (fname) {
		fmt = NULL;
		for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
			if (!strcmp(formats[i].name, fname))
				fmt = &formats[i];
		if (!fmt)
			return rt_api_fail(res, 400, "invalid", "format",
			                   "Okänt format; välj html, xlsx, docx eller pdf.");
	}
	if (scope && !*scope)
		scope = NULL;
	rt_err err = RT_ERR_INIT;
	struct rt_followup_report r;
	if (rt_followup_report_build(ctx->store, period, scope, &r, &err) != 0)
		return rt_api_err(res, &err);
	int rc = fmt->render ? render_file(fmt, &r, &res->body, &err)
	                     : rt_report_html(&r, &res->body, &err);
	rt_followup_report_release(&r);
	if (rc) {
		rt_buf_reset(&res->body);
		return rt_api_err(res, &err);
	}
	res->status = 200;
	res->content_type = fmt->mime;
	res->etag = true;
	/* The period key is [0-9A-Z-]; anything else is replaced in the name. */
	rt_buf cd = RT_BUF_INIT;
	rt_buf_addstr(&cd, fmt->render ? "attachment" : "inline");
	rt_buf_addstr(&cd, "; filename=\"uppfoljning-");
	for (const char *p = period; *p; p++)
		rt_buf_addch(&cd, (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
		                          (*p >= 'a' && *p <= 'z') || *p == '-' ? *p : '_');
	rt_buf_addf(&cd, ".%s\"", fmt->name);
	rt_http_set_header(res, "Content-Disposition", cd.buf);
	rt_buf_release(&cd);
	return 0;
}
