/* The shared helper for state-changing forms: every POST form carries the
 * session's CSRF token in a hidden field, checked by src/http/auth.c. */
#include "web/web.h"

static _Thread_local char csrf_token[65];

void rt_web_set_csrf(const char *token)
{
	size_t n = 0;
	for (; token && token[n] && n < sizeof(csrf_token) - 1; n++)
		csrf_token[n] = token[n];
	csrf_token[n] = '\0';
}

bool rt_web_has_session(void)
{
	return csrf_token[0] != '\0';
}

void rt_web_form_post(rt_buf *b, const char *action, const char *attrs)
{
	rt_buf_addstr(b, "<form ");
	if (attrs && *attrs)
		rt_buf_addf(b, "%s ", attrs);
	rt_buf_addstr(b, "method=\"post\" action=\"");
	rt_buf_add_html(b, action);
	rt_buf_addstr(b, "\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
	rt_buf_add_html(b, csrf_token);
	rt_buf_addstr(b, "\">\n");
}
