/* The login page (/logga-in): two labelled fields, one message on failure.
 * The name typed is put back escaped; the password never is. */
#include "web/web_int.h"

void rt_web_login(const char *name, const char *message, rt_buf *out)
{
	rt_web_page_begin(out, "Logga in", RT_NAV_NONE);
	rt_buf_addstr(out, "<h1>Logga in</h1>\n");
	if (message) {
		rt_buf_addstr(out, "<p class=\"error\" role=\"alert\">");
		rt_buf_add_html(out, message);
		rt_buf_addstr(out, "</p>\n");
	}
	rt_web_form_post(out, "/logga-in", "class=\"login\"");
	rt_buf_addstr(out, "<p><label for=\"anvandarnamn\">Användarnamn</label>\n"
	                   "<input id=\"anvandarnamn\" name=\"anvandarnamn\" type=\"text\" "
	                   "autocomplete=\"username\" required value=\"");
	rt_buf_add_html(out, name ? name : "");
	rt_buf_addstr(out, "\"></p>\n<p><label for=\"losenord\">Lösenord</label>\n"
	                   "<input id=\"losenord\" name=\"losenord\" type=\"password\" "
	                   "autocomplete=\"current-password\" required></p>\n"
	                   "<p><button type=\"submit\">Logga in</button></p>\n</form>\n");
	rt_web_page_end(out);
}
