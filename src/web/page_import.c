/* The upload page for outcome import: the form, and the result of a dry run
 * or an import of the uploaded file through rt_import_outcomes, the very
 * function `rodtrad import outcomes` calls (one transaction, all or
 * nothing; a dry run rolls back). The page never parses the file itself. */
#include "web/web_import.h"

#include <string.h>

#include "ingest/outcome_csv.h"
#include "web/web_int.h"

/* Lines of "what would change" shown after a dry run. */
#define MAX_CHANGES 200

static void add_form(rt_buf *b)
{
	rt_web_form_post(b, "/import", "class=\"import\" enctype=\"multipart/form-data\"");
	rt_buf_addstr(b,
		"<p><label for=\"fil\">Fil med utfall (CSV eller Excel, .xlsx)</label>\n"
		"<input id=\"fil\" name=\"fil\" type=\"file\" required aria-describedby=\"fil-hjalp\" "
		"accept=\".csv,.txt,.xlsx,text/csv,"
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"></p>\n"
		"<p id=\"fil-hjalp\" class=\"meta\">Rubrikraden namnger kolumnerna indikator, period, "
		"värde och valfritt kön (k/m/t), enhet och kommentar. Semikolon, komma eller tabb; "
		"decimalkomma eller decimalpunkt; UTF-8. Allt eller inget: en felaktig rad stoppar "
		"inläsningen och ingenting sparas.</p>\n"
		"<div class=\"actions\">"
		"<button type=\"submit\" name=\"atgard\" value=\"provkor\">"
		"Förhandsgranska (dry run)</button>\n"
		"<button type=\"submit\" name=\"atgard\" value=\"importera\" class=\"primary\">"
		"Importera</button></div>\n</form>\n");
}

static void page_begin(rt_buf *b)
{
	rt_web_page_begin(b, "Importera utfall", RT_NAV_IMPORT);
	rt_buf_addstr(b, "<h1>Importera utfall</h1>\n");
}

int rt_web_import_form(rt_buf *out, rt_err *err)
{
	(void)err;
	page_begin(out);
	add_form(out);
	rt_web_page_end(out);
	return 0;
}

int rt_web_import(rt_store *s, const char *filename, const char *data, size_t len, bool dry_run,
                  const char *actor, rt_buf *out, rt_err *err)
{
	const char *name = filename && *filename ? filename : "filen";
	if (!data || len == 0) {
		rt_err_set(err, RT_EINVAL, "fil", "Välj en fil med utfall att läsa in (filen var tom "
		           "eller saknades); ingenting sparades");
	} else {
		rt_buf changes = RT_BUF_INIT;
		struct rt_outcome_import_opts o;
		memset(&o, 0, sizeof(o));
		o.actor = actor;
		o.by = actor;
		o.source_name = name;
		o.dry_run = dry_run;
		o.changes = dry_run ? &changes : NULL;
		o.max_changes = MAX_CHANGES;
		struct rt_outcome_csv_stats st;
		int rc = rt_import_outcomes(s, &o, data, len, &st, err);
		if (rc == 0) {
			page_begin(out);
			rt_buf_addstr(out, "<div class=\"notice\" role=\"status\"><h2>");
			rt_buf_addstr(out, dry_run ? "Förhandsgranskning – ingenting sparades"
			                           : "Utfallen är inlästa");
			rt_buf_addstr(out, "</h2>\n<p>");
			rt_buf_add_html(out, name);
			rt_buf_addf(out, ": %zu rader.</p>\n<dl class=\"counts\">\n"
			                 "<dt>%s</dt><dd>%zu</dd>\n<dt>%s</dt><dd>%zu</dd>\n</dl>\n</div>\n",
			            st.rows, dry_run ? "Nya utfall som skulle läsas in" : "Nya utfall",
			            st.inserted, dry_run ? "Utfall som skulle rättas" : "Rättade utfall",
			            st.updated);
			if (dry_run && changes.len) {
				rt_buf_addstr(out, "<h2>Ändringar</h2>\n<pre class=\"changes\">");
				rt_buf_add_html(out, changes.buf);
				rt_buf_addstr(out, "</pre>\n");
			}
			rt_buf_release(&changes);
			if (dry_run)
				rt_buf_addstr(out, "<h2>Importera filen</h2>\n<p>Välj filen igen och tryck "
				                   "på Importera för att spara utfallen.</p>\n");
			else
				rt_buf_addstr(out, "<h2>Importera en fil till</h2>\n");
			add_form(out);
			rt_web_page_end(out);
			return 0;
		}
		rt_buf_release(&changes);
		/* Bad rows, unknown indicators, closed periods: the person's to fix. */
		if (rc == RT_EIO || rc == RT_EINTERNAL)
			return rc;
	}
	page_begin(out);
	rt_buf_addstr(out, "<div class=\"errors\" role=\"alert\"><h2>Ingenting lästes in</h2>\n<p>");
	rt_buf_add_html(out, err->msg);
	rt_buf_addstr(out, "</p></div>\n");
	add_form(out);
	rt_web_page_end(out);
	/* a refusal stays one (403): a row of a unit the person may not report for */
	return err->code == RT_EFORBIDDEN ? RT_EFORBIDDEN : RT_EINVAL;
}
