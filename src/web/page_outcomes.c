/* The outcome entry form (the daily task of a planning officer): utfall and
 * kommentar for every indicator of a plan in one period on one page, as a
 * table read in tab order (utfall, kommentar, next row). Saving goes through
 * core/outcome_entry.h (the same parse, status rule and messages as the CLI)
 * and the store, in one audited transaction; bad input saves nothing and the
 * form comes back with the person's text and a message at each field. The
 * status column shows the saved status; app.js updates it while typing from
 * /utfall/status (rt_web_status_preview), the same rule on the server. */
#include "web/web_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/outcome_entry.h"
#include "util/text.h"

#define MAX_FIELD_BYTES 4000

/* What the person sent for one indicator, and what was wrong with it. */
struct row_input {
	const char *text;       /* NULL = field not sent */
	const char *comment;
	int64_t version;        /* the outcome's row version the form showed; -1 not sent */
	bool conflict;          /* someone else saved since: show the stored value beside */
	char msg[512];          /* "" = fine */
};

/* The outcome versions of the form (store.h rt_store_outcome_versions), by
 * indicator; read before the plan so a write in between can only cause a
 * needless conflict, never hide one (issue 8 §1). */
struct versions {
	struct rt_row_version *rows;
	size_t n;
};

static int64_t version_of(const struct versions *v, int64_t indicator_id)
{
	for (size_t i = 0; v && i < v->n; i++)
		if (v->rows[i].id == indicator_id)
			return v->rows[i].version;
	return 0;   /* none entered yet */
}

static int read_versions(rt_store *s, rt_arena *a, int64_t plan_id, const char *period_key,
                         struct versions *v, rt_err *err)
{
	struct rt_period p;
	int rc = rt_web_find_period(s, a, period_key, &p, err);
	return rc ? rc : rt_store_outcome_versions(s, a, plan_id, p.id, &v->rows, &v->n, err);
}

static bool valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2
		      : (*p & 0xf8) == 0xf0 ? 3 : -1;
		if (n < 0 || (n == 1 && *p < 0xc2) || (n == 3 && *p > 0xf4))
			return false;
		for (int i = 1; i <= n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return false;
		p += n + 1;
	}
	return true;
}

static void add_row(rt_buf *b, const struct rt_plan_doc *d, const struct rt_period *period,
                    const struct rt_indicator *ind, const struct row_input *in, double tol,
                    int64_t version)
{
	long long id = (long long)ind->id;
	const struct rt_outcome *o = rt_web_outcome(d, ind->id, period->id);
	const struct rt_target *t = rt_web_target(d, ind->id, period->year);
	const char *text = in && in->text ? in->text : o && o->text ? o->text : "";
	const char *comment = in && in->comment ? in->comment : o && o->comment ? o->comment : "";
	bool bad = in && in->msg[0];

	rt_buf_addf(b, "<tr><th scope=\"row\" id=\"ind-%lld\">", id);
	rt_buf_add_html(b, ind->name);
	if (ind->unit) {
		rt_buf_addstr(b, " <span class=\"meta\">(");
		rt_buf_add_html(b, ind->unit);
		rt_buf_addstr(b, ")</span>");
	}
	rt_buf_addstr(b, "</th><td class=\"num\" data-col=\"Målvärde\">");
	rt_buf_add_html(b, t && t->text ? t->text : "–");
	rt_buf_addf(b, "</td><td data-col=\"Utfall\"%s>", bad ? " class=\"field-error\"" : "");
	if (rt_outcome_expected(ind, period) || text[0]) {
		rt_buf_addf(b, "<label class=\"vh\" for=\"utfall-%lld\">Utfall för ", id);
		rt_buf_add_html(b, ind->name);
		rt_buf_addf(b, "</label><input type=\"text\" id=\"utfall-%lld\" name=\"utfall-%lld\" "
		               "value=\"", id, id);
		rt_buf_add_html(b, text);
		rt_buf_addf(b, "\" data-indicator=\"%lld\" data-period=\"", id);
		rt_buf_add_html(b, period->key);
		rt_buf_addf(b, "\" autocomplete=\"off\" aria-describedby=\"status-%lld", id);
		if (bad)
			rt_buf_addf(b, " fel-%lld\" aria-invalid=\"true", id);
		rt_buf_addstr(b, "\">");
	} else {
		rt_buf_addstr(b, "<span class=\"meta\">Mäts helår</span>");
	}
	if (bad) {
		rt_buf_addf(b, "<span class=\"msg\" id=\"fel-%lld\">", id);
		rt_buf_add_html(b, in->msg);
		rt_buf_addstr(b, "</span>");
	}
	if (in && in->conflict) {
		/* what the other person saved, beside what this one typed */
		rt_buf_addf(b, "<span class=\"meta stored\" id=\"sparat-%lld\">Sparat nu: ", id);
		rt_buf_add_html(b, o && o->text && o->text[0] ? o->text : "(inget utfall)");
		if (o && o->comment && o->comment[0]) {
			rt_buf_addstr(b, " – ");
			rt_buf_add_html(b, o->comment);
		}
		rt_buf_addstr(b, "</span>");
	}
	/* the version this form was made from (0: none entered yet); after a
	 * conflict the current one, so saving again is a deliberate overwrite */
	rt_buf_addf(b, "<input type=\"hidden\" name=\"version-%lld\" value=\"%lld\">", id,
	            (long long)version);
	rt_buf_addf(b, "</td><td data-col=\"Kommentar\"><label class=\"vh\" for=\"kommentar-%lld\">"
	               "Kommentar till ", id);
	rt_buf_add_html(b, ind->name);
	rt_buf_addf(b, "</label><textarea id=\"kommentar-%lld\" name=\"kommentar-%lld\" rows=\"2\">",
	            id, id);
	rt_buf_add_html(b, comment);
	rt_buf_addf(b, "</textarea></td><td data-col=\"Status\"><output id=\"status-%lld\" for=\"utfall-%lld\" "
	               "aria-live=\"polite\">", id, id);
	struct rt_status_result why;
	enum rt_status st = rt_web_shown_status(d, ind, period, o, tol, &why);
	rt_web_status(b, st, rt_status_reason_label(why.reason));
	rt_buf_addstr(b, "</output></td></tr>\n");
}

static void render_form(rt_buf *b, const struct rt_plan_doc *d, const struct rt_period *period,
                        const struct row_input *inputs, int saved, double tol,
                        const struct versions *v)
{
	rt_buf title = RT_BUF_INIT;
	rt_buf_addf(&title, "Utfall %s – %s", period->key, d->plan.title ? d->plan.title : "");
	rt_web_page_begin(b, title.buf, RT_NAV_NONE);
	rt_buf_release(&title);
	long long pid = (long long)d->plan.id;
	rt_buf_addf(b, "<nav aria-label=\"Brödsmulor\" class=\"crumbs\"><a href=\"/\">Start</a> › "
	               "<a href=\"/plan/%lld\">", pid);
	rt_buf_add_html(b, d->plan.title);
	rt_buf_addstr(b, "</a> › Utfall</nav>\n<h1>Utfall för ");
	rt_buf_add_html(b, period->key);
	rt_buf_addstr(b, "</h1>\n<p class=\"meta\">");
	rt_buf_add_html(b, d->plan.title);
	rt_buf_addstr(b, " · ");
	rt_buf_add_html(b, d->owner.name ? d->owner.name : "");
	rt_buf_addstr(b, "</p>\n");

	size_t n_bad = 0;
	for (size_t i = 0; inputs && i < d->n_indicators; i++)
		n_bad += inputs[i].msg[0] != '\0';
	if (n_bad) {
		bool conflict = false;
		for (size_t i = 0; i < d->n_indicators; i++)
			conflict |= inputs[i].conflict;
		if (conflict)
			rt_buf_addf(b, "<div class=\"errors\" role=\"alert\"><h2>Inget sparades: någon "
			               "annan har sparat %zu av utfallen sedan du öppnade formuläret</h2>\n"
			               "<p>Det du skrev står kvar; det som är sparat nu visas under fältet. "
			               "Gör om din ändring och spara igen.</p>\n<ul>\n", n_bad);
		else
			rt_buf_addf(b, "<div class=\"errors\" role=\"alert\"><h2>Inget sparades: %zu fält "
			               "att rätta</h2>\n<ul>\n", n_bad);
		for (size_t i = 0; i < d->n_indicators; i++) {
			if (!inputs[i].msg[0])
				continue;
			rt_buf_addf(b, "<li><a href=\"#utfall-%lld\">", (long long)d->indicators[i].id);
			rt_buf_add_html(b, d->indicators[i].name);
			rt_buf_addstr(b, "</a>: ");
			rt_buf_add_html(b, inputs[i].msg);
			rt_buf_addstr(b, "</li>\n");
		}
		rt_buf_addstr(b, "</ul></div>\n");
	} else if (saved >= 0) {
		rt_buf_addf(b, "<p class=\"notice\" role=\"status\">%d utfall sparade.</p>\n", saved);
	}
	rt_buf_addstr(b, "<p>Skriv utfallet som i planen, till exempel <kbd>5,4 %</kbd>, "
	                 "<kbd>-26 151</kbd> eller <kbd>Ja</kbd>. Statusen räknas fram när du "
	                 "sparar.</p>\n");
	rt_buf action = RT_BUF_INIT;
	rt_buf_addf(&action, "/plan/%lld/utfall/", pid);
	rt_web_add_url(&action, period->key);
	rt_web_form_post(b, action.buf, "class=\"outcomes\"");
	rt_buf_release(&action);
	rt_buf_addstr(b, "<table class=\"outcome-table\">\n<caption>Mätetal, målvärde ");
	rt_buf_addf(b, "%d, utfall och kommentar</caption>\n", period->year);
	rt_buf_addstr(b, "<thead><tr><th scope=\"col\">Mätetal</th><th scope=\"col\">Målvärde</th>"
	                 "<th scope=\"col\">Utfall</th><th scope=\"col\">Kommentar</th>"
	                 "<th scope=\"col\">Status</th></tr></thead>\n");
	size_t rows = 0;
	for (size_t g = 0; g < d->n_goals; g++) {
		bool open = false;
		for (size_t i = 0; i < d->n_indicators; i++) {
			if (d->indicators[i].goal_id != d->goals[g].id)
				continue;
			if (!open) {
				rt_buf_addstr(b, "<tbody>\n<tr><th scope=\"rowgroup\" colspan=\"5\" "
				                 "class=\"group\">");
				rt_buf_add_html(b, d->goals[g].title);
				rt_buf_addstr(b, "</th></tr>\n");
				open = true;
			}
			add_row(b, d, period, &d->indicators[i], inputs ? &inputs[i] : NULL, tol,
			        version_of(v, d->indicators[i].id));
			rows++;
		}
		if (open)
			rt_buf_addstr(b, "</tbody>\n");
	}
	rt_buf_addstr(b, "</table>\n");
	if (rows == 0)
		rt_buf_addstr(b, "<p>Planen har inga mätetal att följa upp.</p>\n");
	rt_buf_addstr(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">"
	                 "Spara utfall</button></div>\n</form>\n");
	rt_web_page_end(b);
}

/* Loads the plan and the period. `tol` (may be NULL) gets the region-wide
 * default tolerance for the plan's owner (-1 when none is set: the built-in
 * 10 %), so that the form computes the same status as `rodtrad outcome set`. */
static int load(rt_store *s, rt_arena *a, int64_t plan_id, const char *period_key,
                struct rt_plan_doc *d, struct rt_period *period, double *tol, rt_err *err)
{
	int rc = rt_web_load_plan(s, plan_id, d, err);
	if (rc == 0)
		rc = rt_web_find_period(s, a, period_key, period, err);
	/* Outcomes belong to the plan that is in force in the period. */
	if (rc == 0 && (period->year < d->plan.start_year || period->year > d->plan.end_year))
		rc = d->plan.start_year == d->plan.end_year
		     ? rt_err_set(err, RT_ENOTFOUND, "period", "Perioden %s ligger utanför planens "
		                  "giltighetstid (%d)", period->key, d->plan.start_year)
		     : rt_err_set(err, RT_ENOTFOUND, "period", "Perioden %s ligger utanför planens "
		                  "giltighetstid (%d–%d)", period->key, d->plan.start_year,
		                  d->plan.end_year);
	bool found;
	if (rc == 0 && tol)
		rc = rt_store_default_tolerance(s, d->plan.owner_org_id, tol, &found, err);
	return rc;
}

int rt_web_outcomes(rt_store *s, int64_t plan_id, const char *period_key, int saved,
                    rt_buf *out, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan_doc d;
	struct rt_period period;
	double tol = -1;
	struct versions v = { NULL, 0 };
	rt_plan_doc_init(&d);
	int rc = read_versions(s, &a, plan_id, period_key, &v, err);
	if (rc == 0)
		rc = load(s, &a, plan_id, period_key, &d, &period, &tol, err);
	if (rc == 0)
		render_form(out, &d, &period, NULL, saved, tol, &v);
	rt_plan_doc_release(&d);
	rt_arena_release(&a);
	return rc;
}

static bool same_text(const char *a, const char *b)
{
	if (rt_str_blank(a) || rt_str_blank(b))
		return rt_str_blank(a) && rt_str_blank(b);
	return !strcmp(a, b);
}

/* Checks one row and fills *o with what to write; returns 1 when there is
 * something to write, 0 when the row is unchanged, -1 on bad input. */
static int prepare_row(const struct rt_plan_doc *d, const struct rt_period *period,
                       const struct rt_indicator *ind, double default_tolerance,
                       struct row_input *in, struct rt_outcome *o)
{
	const struct rt_outcome *old = rt_web_outcome(d, ind->id, period->id);
	if (!in->text && !in->comment)
		return 0;
	const char *text = in->text ? in->text : old ? old->text : NULL;
	const char *comment = in->comment ? in->comment : old ? old->comment : NULL;
	if ((text && (!valid_utf8(text) || strlen(text) > MAX_FIELD_BYTES)) ||
	    (comment && (!valid_utf8(comment) || strlen(comment) > MAX_FIELD_BYTES))) {
		snprintf(in->msg, sizeof(in->msg), "Texten är för lång eller inte giltig UTF-8 "
		         "(högst %d byte)", MAX_FIELD_BYTES);
		return -1;
	}
	bool text_same = same_text(text, old ? old->text : NULL);
	if (text_same && same_text(comment, old ? old->comment : NULL))
		return 0;
	if (old && text_same) {
		/* Only the comment changed: keep the value and the status as they
		 * are, including a status someone chose with a justification. */
		*o = *old;
		o->comment = rt_str_blank(comment) ? NULL : (char *)comment;
		return 1;
	}
	if (!old && rt_str_blank(text) && rt_str_blank(comment))
		return 0;
	struct rt_outcome_context ctx;
	rt_outcome_context_from_doc(d, ind, period, RT_GENDER_TOTAL, 0, &ctx);
	ctx.default_tolerance = default_tolerance;
	struct rt_outcome_input oi = { .text = text, .comment = comment };
	rt_err e = RT_ERR_INIT;
	memset(o, 0, sizeof(*o));
	if (rt_str_blank(text) && rt_str_blank(comment)) {
		/* Emptying both fields clears the outcome: no value, no status. */
		o->value.cmp = RT_CMP_TEXT;
	} else if (rt_outcome_entry(&ctx, &oi, o, NULL, &e) != 0) {
		snprintf(in->msg, sizeof(in->msg), "%s", e.msg);
		return -1;
	}
	o->id = old ? old->id : 0;
	o->indicator_id = ind->id;
	o->period_id = period->id;
	o->gender = RT_GENDER_TOTAL;
	o->org_unit_id = 0;
	return 1;
}

int rt_web_outcomes_save(rt_store *s, int64_t plan_id, const char *period_key,
                         const struct rt_web_param *fields, size_t n_fields, const char *actor,
                         int *saved, rt_buf *page, rt_err *err)
{
	*saved = 0;
	rt_arena a = RT_ARENA_INIT;
	struct rt_plan_doc d;
	struct rt_period period;
	double tol = -1;
	int rc = load(s, &a, plan_id, period_key, &d, &period, &tol, err);
	if (rc) {
		rt_plan_doc_release(&d);
		rt_arena_release(&a);
		return rc;
	}
	size_t n = d.n_indicators;
	struct row_input *in = rt_arena_alloc(&a, (n + 1) * sizeof(*in));
	struct rt_outcome *outs = rt_arena_alloc(&a, (n + 1) * sizeof(*outs));
	bool *write = rt_arena_alloc(&a, (n + 1) * sizeof(*write));
	size_t n_bad = 0;
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (size_t i = 0; i < n; i++) {
		char name[48];
		snprintf(name, sizeof(name), "utfall-%lld", (long long)d.indicators[i].id);
		in[i].text = rt_web_param(fields, n_fields, name);
		snprintf(name, sizeof(name), "kommentar-%lld", (long long)d.indicators[i].id);
		in[i].comment = rt_web_param(fields, n_fields, name);
		snprintf(name, sizeof(name), "version-%lld", (long long)d.indicators[i].id);
		const char *ver = rt_web_param(fields, n_fields, name);
		char *end = NULL;
		long long vv = ver && *ver ? strtoll(ver, &end, 10) : -1;
		in[i].version = end && *end == '\0' && vv >= 0 ? (int64_t)vv : -1;
		in[i].conflict = false;
		int r = prepare_row(&d, &period, &d.indicators[i], tol, &in[i], &outs[i]);
		write[i] = r > 0;
		n_bad += r < 0;
		outs[i].entered_by = (char *)actor;
		outs[i].entered_at = stamp;
	}
	if (n_bad) {
		rc = rt_err_set(err, RT_EINVAL, "utfall", "%zu utfall kunde inte läsas; inget sparades",
		                n_bad);
		if (page)
			render_form(page, &d, &period, in, -1, tol, NULL);
	} else if ((rc = rt_store_begin(s, actor, err)) == 0) {
		/* Every row is tried so that every conflict is named at once; a
		 * refused put leaves the transaction as it was (its savepoint). */
		size_t n_conflict = 0;
		for (size_t i = 0; i < n && rc == 0; i++) {
			if (!write[i])
				continue;
			rt_err e = RT_ERR_INIT;
			int r = in[i].version < 0 ? 0
			        : rt_store_expect_outcome(s, d.indicators[i].id, period.id, RT_GENDER_TOTAL,
			                                  0, in[i].version, &e);
			if (r == 0)
				r = rt_store_outcome_put(s, &outs[i], &e);
			if (r == RT_ECONFLICT && !strcmp(e.field, "version")) {
				snprintf(in[i].msg, sizeof(in[i].msg), "%s", e.msg);
				in[i].conflict = true;
				n_conflict++;
			} else if (r) {
				rc = r;
				if (err)
					*err = e;
			} else {
				*saved += 1;
			}
		}
		if (rc == 0 && n_conflict)
			rc = rt_err_set(err, RT_ECONFLICT, "version", "%zu utfall har ändrats av någon "
			                "annan sedan formuläret öppnades; inget sparades", n_conflict);
		if (rc == 0)
			rc = rt_store_commit(s, err);
		else
			rt_store_rollback(s);
		if (rc)
			*saved = 0;
		if (n_conflict && rc == RT_ECONFLICT && page) {
			/* the form again: the person's text, the stored values, the
			 * current versions (read before the plan, as on a GET) */
			struct versions v = { NULL, 0 };
			rt_err e2 = RT_ERR_INIT;
			rt_plan_doc_release(&d);
			rt_plan_doc_init(&d);
			if (read_versions(s, &a, plan_id, period_key, &v, &e2) == 0 &&
			    load(s, &a, plan_id, period_key, &d, &period, &tol, &e2) == 0)
				render_form(page, &d, &period, in, -1, tol, &v);
		}
	}
	rt_plan_doc_release(&d);
	rt_arena_release(&a);
	return rc;
}

int rt_web_status_preview(rt_store *s, int64_t indicator_id, const char *period_key,
                          const char *text, rt_buf *json, rt_err *err)
{
	rt_arena a = RT_ARENA_INIT;
	struct rt_indicator ind;
	struct rt_goal g;
	struct rt_plan_doc d;
	struct rt_period period;
	double tol = -1;
	rt_plan_doc_init(&d);
	int rc = rt_store_indicator_get(s, &a, indicator_id, &ind, err);
	if (rc == RT_ENOTFOUND)
		rt_err_set(err, rc, "indikator", "Indikatorn med id %lld finns inte",
		           (long long)indicator_id);
	if (rc == 0)
		rc = rt_store_goal_get(s, &a, ind.goal_id, &g, err);
	if (rc == 0)
		rc = load(s, &a, g.plan_id, period_key, &d, &period, &tol, err);
	const struct rt_indicator *di = rc == 0 ? rt_doc_indicator(&d, indicator_id) : NULL;
	if (rc == 0 && di) {
		struct rt_outcome_context ctx;
		rt_outcome_context_from_doc(&d, di, &period, RT_GENDER_TOTAL, 0, &ctx);
		ctx.default_tolerance = tol;
		struct rt_outcome_input oi = { .text = text, .comment = "-" };
		struct rt_outcome o;
		struct rt_status_result res = { RT_STATUS_NONE, RT_REASON_NO_VALUE };
		rt_err e = RT_ERR_INIT;
		bool ok = text && valid_utf8(text) && rt_outcome_entry(&ctx, &oi, &o, &res, &e) == 0;
		rt_buf_addstr(json, "{\"status\":\"");
		rt_buf_add_json(json, ok ? rt_status_name(res.status) : "invalid");
		rt_buf_addstr(json, "\",\"symbol\":\"");
		rt_buf_add_json(json, ok ? rt_status_symbol(res.status) : "");
		rt_buf_addstr(json, "\",\"label\":\"");
		rt_buf_add_json(json, !ok ? "Kan inte läsas"
		                : res.status == RT_STATUS_NONE ? rt_status_reason_label(res.reason)
		                                               : rt_status_label(res.status));
		rt_buf_addstr(json, "\",\"text\":\"");
		rt_buf_add_json(json, ok ? rt_status_reason_label(res.reason) : e.msg);
		rt_buf_addstr(json, "\"}");
	}
	rt_plan_doc_release(&d);
	rt_arena_release(&a);
	return rc;
}
