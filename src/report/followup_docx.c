/* DOCX rendering of the compiled follow-up (rt_report_docx): a minimal
 * WordprocessingML package built with libzip, with real heading styles
 * (Title, Heading1–4 with outline levels, so Word's and LibreOffice's
 * navigator show the goal structure) and real tables with a repeating header
 * row, so a planning officer can go on editing it. The status is always
 * symbol + text. Deterministic: fixed document dates and zip times. The zip
 * is built in memory, written to PATH.tmp and renamed. Never prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "report/docx_package.h"
#include "report/followup.h"
#include "report/report_file.h"
#include "util/alloc.h"
#include "util/numfmt.h"

/* 2000-01-01T00:00:00Z, the same fixed date as the XLSX. */
#define FIXED_W3CDTF "2000-01-01T00:00:00Z"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"

/* A4 with 2 cm margins: 11906 − 2 × 1134 twips of text width. */
#define TEXT_WIDTH 9638
static const int ind_widths[] = { 2900, 1150, 1300, 2688, 1600 };
static const char *const ind_head[] = { "Mätetal", "Utfall", "Målvärde", "Kommentar", "Status" };
static const int act_widths[] = { 2900, 3138, 1500, 2100 };
static const char *const act_head[] = { "Aktiviteter", "Beskrivning", "Start- och slutdatum",
                                        "Kommentar" };

/* Dark enough for text contrast on white; the shape and the words carry the
 * meaning, the colour only helps. */
static const char *const status_colour[] = { "000000", "2E7D32", "8A5A00", "B71C1C" };

/* ---- XML text ----------------------------------------------------------- */

/* Escapes & < > " ' and drops the control characters XML 1.0 forbids. */
static void add_xml(rt_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '&': rt_buf_addstr(b, "&amp;"); break;
		case '<': rt_buf_addstr(b, "&lt;"); break;
		case '>': rt_buf_addstr(b, "&gt;"); break;
		case '"': rt_buf_addstr(b, "&quot;"); break;
		case '\'': rt_buf_addstr(b, "&apos;"); break;
		default:
			if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
				rt_buf_addch(b, (char)c);
		}
	}
}

static void add_xmlstr(rt_buf *b, const char *s)
{
	if (s) add_xml(b, s, strlen(s));
}

/* One run of text; tabs become <w:tab/>, line breaks <w:br/>. */
static void add_run(rt_buf *b, const char *s, size_t n, const char *rpr)
{
	rt_buf_addstr(b, "<w:r>");
	if (rpr && *rpr) rt_buf_addf(b, "<w:rPr>%s</w:rPr>", rpr);
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		char c = i < n ? s[i] : '\0';
		if (i < n && c != '\t' && c != '\n' && c != '\r') continue;
		if (i > start) {
			rt_buf_addstr(b, "<w:t xml:space=\"preserve\">");
			add_xml(b, s + start, i - start);
			rt_buf_addstr(b, "</w:t>");
		}
		if (c == '\t') rt_buf_addstr(b, "<w:tab/>");
		if (c == '\n') rt_buf_addstr(b, "<w:br/>");
		start = i + 1;
	}
	rt_buf_addstr(b, "</w:r>");
}

static void add_runstr(rt_buf *b, const char *s, const char *rpr)
{
	if (s && *s) add_run(b, s, strlen(s), rpr);
}

/* A paragraph with an optional style and paragraph properties. */
static void add_para(rt_buf *b, const char *style, const char *ppr, const char *text,
                     const char *rpr)
{
	rt_buf_addstr(b, "<w:p>");
	if (style || ppr) {
		rt_buf_addstr(b, "<w:pPr>");
		if (style) rt_buf_addf(b, "<w:pStyle w:val=\"%s\"/>", style);
		if (ppr) rt_buf_addstr(b, ppr);
		rt_buf_addstr(b, "</w:pPr>");
	}
	add_runstr(b, text, rpr);
	rt_buf_addstr(b, "</w:p>");
}

/* Analysis text: a blank line starts a new paragraph, a single line break
 * stays a line break inside it. Returns the number of paragraphs. */
static size_t add_paragraphs(rt_buf *b, const char *style, const char *s)
{
	size_t count = 0;
	while (s && *s) {
		const char *end = s;
		for (;;) {
			const char *nl = strchr(end, '\n');
			if (!nl) {
				end += strlen(end);
				break;
			}
			const char *q = nl + 1;
			while (*q == ' ' || *q == '\t' || *q == '\r') q++;
			if (*q == '\n' || !*q) {
				end = nl;
				break;
			}
			end = q;
		}
		size_t n = (size_t)(end - s);
		while (n && (s[n - 1] == '\r' || s[n - 1] == ' ')) n--;
		if (n) {
			rt_buf_addstr(b, "<w:p>");
			if (style) rt_buf_addf(b, "<w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
			add_run(b, s, n, NULL);
			rt_buf_addstr(b, "</w:p>");
			count++;
		}
		s = end;
		while (*s == '\n' || *s == '\r' || *s == ' ' || *s == '\t') s++;
	}
	return count;
}

/* "◆ Delvis uppfyllt" as a coloured bold symbol and bold words; without a
 * status `none_text` ("Mäts helår") or "Status saknas", in italics. */
static void add_status_runs(rt_buf *b, enum rt_status st, const char *none_text)
{
	if (st == RT_STATUS_NONE) {
		add_runstr(b, none_text ? none_text : rt_status_label(st), "<w:i/>");
		return;
	}
	char rpr[64];
	snprintf(rpr, sizeof(rpr), "<w:b/><w:color w:val=\"%s\"/>", status_colour[st]);
	add_runstr(b, rt_status_symbol(st), rpr);
	rt_buf_addstr(b, "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\"> </w:t></w:r>");
	add_runstr(b, rt_status_label(st), "<w:b/>");
}

/* The shown status; when a person chose another one than the rule
 * computed, the computed one follows on its own line, as in the HTML. */
static void add_indicator_status(rt_buf *b, const struct rt_report_indicator *ind)
{
	const char *none = ind->computed.status == RT_STATUS_NONE
	                   ? rt_status_reason_label(ind->computed.reason) : NULL;
	add_status_runs(b, ind->status, none);
	if (ind->status_recorded && ind->computed.status != ind->status) {
		rt_buf_addstr(b, "<w:r><w:br/></w:r>");
		add_runstr(b, "Beräknad status: ", NULL);
		add_status_runs(b, ind->computed.status, none);
	}
}

/* ---- tables ------------------------------------------------------------- */

/* A table with a header row that repeats on every page; `caption` is the
 * alternative text screen readers announce ("Mätetal för …"). */
static void table_begin(rt_buf *b, const int *widths, const char *const *head, size_t n,
                        const char *caption, const char *what)
{
	rt_buf_addf(b, "<w:tbl><w:tblPr><w:tblStyle w:val=\"RtTabell\"/>"
	               "<w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
	               "<w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" "
	               "w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
	               "<w:tblCaption w:val=\"", TEXT_WIDTH);
	rt_buf_addstr(b, what);
	if (caption && *caption) {
		rt_buf_addstr(b, " för ");
		add_xmlstr(b, caption);
	}
	rt_buf_addstr(b, "\"/></w:tblPr><w:tblGrid>");
	for (size_t i = 0; i < n; i++) rt_buf_addf(b, "<w:gridCol w:w=\"%d\"/>", widths[i]);
	rt_buf_addstr(b, "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
	for (size_t i = 0; i < n; i++) {
		rt_buf_addf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>"
		               "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9D9D9\"/></w:tcPr>",
		            widths[i]);
		add_para(b, "Tabelltext", NULL, head[i], "<w:b/>");
		rt_buf_addstr(b, "</w:tc>");
	}
	rt_buf_addstr(b, "</w:tr>");
}

static void cell_begin(rt_buf *b, int width, bool right)
{
	rt_buf_addf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>"
	               "<w:p><w:pPr><w:pStyle w:val=\"Tabelltext\"/>%s</w:pPr>",
	            width, right ? "<w:jc w:val=\"right\"/>" : "");
}

static void cell_end(rt_buf *b)
{
	rt_buf_addstr(b, "</w:p></w:tc>");
}

static void text_cell(rt_buf *b, int width, const char *text, bool right)
{
	cell_begin(b, width, right);
	add_runstr(b, text, NULL);
	cell_end(b);
}

/* Utfall/målvärde as written ("5,4 %"); a number without its text is
 * formatted the Swedish way. Numbers line up on the right; a phrase such
 * as "-10 % jämfört med 2018" reads better from the left. */
static void value_cell(rt_buf *b, int width, const char *text, bool has, double v,
                       const char *unit)
{
	if (text || !has) {
		text_cell(b, width, text, has && text && strlen(text) <= 16);
		return;
	}
	rt_buf num = RT_BUF_INIT;
	rt_num_format_short(&num, v);
	if (unit && strcmp(unit, "%") == 0) rt_buf_addstr(&num, " %");
	text_cell(b, width, num.buf, true);
	rt_buf_release(&num);
}

static void add_indicators(rt_buf *b, const struct rt_report_goal *g)
{
	table_begin(b, ind_widths, ind_head, 5, g->title, "Mätetal");
	for (size_t i = 0; i < g->n_indicators; i++) {
		const struct rt_report_indicator *ind = &g->indicators[i];
		rt_buf_addstr(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		text_cell(b, ind_widths[0], ind->name, false);
		value_cell(b, ind_widths[1], ind->outcome_text, ind->has_value, ind->value, ind->unit);
		value_cell(b, ind_widths[2], ind->target_text, ind->has_target_value,
		           ind->target_value, ind->unit);
		text_cell(b, ind_widths[3], ind->comment, false);
		cell_begin(b, ind_widths[4], false);
		add_indicator_status(b, ind);
		cell_end(b);
		rt_buf_addstr(b, "</w:tr>");
	}
	rt_buf_addstr(b, "</w:tbl>");
}

static void add_activities(rt_buf *b, const struct rt_report_goal *g)
{
	table_begin(b, act_widths, act_head, 4, g->title, "Aktiviteter");
	for (size_t i = 0; i < g->n_activities; i++) {
		const struct rt_report_activity *a = &g->activities[i];
		rt_buf_addstr(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		text_cell(b, act_widths[0], a->title, false);
		/* Beskrivning may hold paragraphs of its own. */
		rt_buf_addf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>",
		            act_widths[1]);
		if (!add_paragraphs(b, "Tabelltext", a->description))
			add_para(b, "Tabelltext", NULL, NULL, NULL);
		rt_buf_addstr(b, "</w:tc>");
		rt_buf tmp = RT_BUF_INIT;
		if (a->start_date) rt_buf_addstr(&tmp, a->start_date);
		if (a->start_date && a->end_date) rt_buf_addch(&tmp, '\n');
		if (a->end_date) rt_buf_addstr(&tmp, a->end_date);
		text_cell(b, act_widths[2], tmp.buf, false);
		rt_buf_release(&tmp);
		text_cell(b, act_widths[3], a->comment, false);
		rt_buf_addstr(b, "</w:tr>");
	}
	rt_buf_addstr(b, "</w:tbl>");
}

/* ---- document body ------------------------------------------------------ */

static const int sum_widths[] = { 3638, 1500, 1500, 1500, 1500 };
static const char *const sum_head[] = { "Styrelse/nämnd", "● Uppfyllt", "◆ Delvis uppfyllt",
                                        "■ Ej uppfyllt", "Status saknas" };

/* Mätetalens status per styrelse, as the HTML summary shows it. */
static void add_summary(rt_buf *b, const struct rt_followup_report *r)
{
	add_para(b, "Heading1", NULL, "Sammanfattning", NULL);
	table_begin(b, sum_widths, sum_head, 5, NULL, "Mätetalens status per styrelse eller nämnd");
	static const enum rt_status order[] = { RT_STATUS_ACHIEVED, RT_STATUS_PARTLY,
	                                        RT_STATUS_NOT_ACHIEVED, RT_STATUS_NONE };
	rt_buf num = RT_BUF_INIT;
	for (size_t i = 0; i < r->n_sections; i++) {
		const struct rt_report_section *sec = &r->sections[i];
		rt_buf_addstr(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		text_cell(b, sum_widths[0], sec->org_name, false);
		for (size_t k = 0; k < 4; k++) {
			rt_buf_reset(&num);
			rt_num_format(&num, (double)sec->status_counts[order[k]], 0);
			text_cell(b, sum_widths[k + 1], num.buf, true);
		}
		rt_buf_addstr(b, "</w:tr>");
	}
	rt_buf_release(&num);
	rt_buf_addstr(b, "</w:tbl>");
	/* An empty paragraph keeps the next table from joining this one. */
	add_para(b, NULL, NULL, NULL, NULL);
}

/* Goal area → Heading2, goal → Heading3, sub-goal and below → Heading4. */
static void add_goal(rt_buf *b, const struct rt_report_goal *g)
{
	static const char *const heading[] = { "Heading2", "Heading3", "Heading4" };
	add_para(b, heading[g->depth < 0 ? 0 : g->depth > 2 ? 2 : g->depth], NULL, g->title, NULL);

	rt_buf_addstr(b, "<w:p><w:pPr><w:pStyle w:val=\"Status\"/></w:pPr>");
	add_runstr(b, "Status: ", NULL);
	add_status_runs(b, g->has_assessment ? g->status : RT_STATUS_NONE, NULL);
	rt_buf_addstr(b, "</w:p>");
	add_paragraphs(b, NULL, g->analysis);
	if (g->n_indicators) {
		add_indicators(b, g);
		add_para(b, NULL, NULL, NULL, NULL);
	}
	if (g->n_activities) {
		add_activities(b, g);
		add_para(b, NULL, NULL, NULL, NULL);
	}
}

static void add_section_head(rt_buf *b, const struct rt_report_section *sec)
{
	/* Each board starts on a new page, as in seed 003. */
	add_para(b, "Heading1", "<w:pageBreakBefore/>", sec->org_name, NULL);
	rt_buf line = RT_BUF_INIT;
	if (sec->plan_title) rt_buf_addstr(&line, sec->plan_title);
	if (sec->plan_title && sec->region_name) rt_buf_addstr(&line, " · ");
	if (sec->region_name) rt_buf_addstr(&line, sec->region_name);
	add_para(b, "Subtitle", NULL, line.buf, NULL);
	rt_buf_release(&line);
}

static const char *report_title(const struct rt_followup_report *r)
{
	return r->title && *r->title ? r->title : "Sammanställd måluppfyllelse";
}

/* word/document.xml is produced a goal at a time while libzip deflates it
 * (docx_package.h): a whole region's document is ~35 MB of XML, which held
 * in memory (twice, while growing) was most of the peak RSS. */
struct doc_cursor {
	const struct rt_followup_report *r;
	int stage;                  /* 0 start, 1 sections, 2 end */
	size_t section, goal;       /* next goal to write; goal 0 writes the heading */
};

static void doc_start(rt_buf *b, const struct rt_followup_report *r)
{
	rt_buf_addstr(b, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_REL "\"><w:body>");
	add_para(b, "Title", NULL, report_title(r), NULL);
	rt_buf line = RT_BUF_INIT;
	rt_buf_addf(&line, "Period %s. Symbolerna står alltid med text: ● Uppfyllt, "
	                   "◆ Delvis uppfyllt, ■ Ej uppfyllt.", r->period_key ? r->period_key : "");
	add_para(b, "Subtitle", NULL, line.buf, NULL);
	rt_buf_release(&line);
	if (r->n_sections == 0)
		add_para(b, NULL, NULL, "Ingen uppföljning i urvalet.", NULL);
	else
		add_summary(b, r);
}

static void doc_end(rt_buf *b)
{
	/* A4 portrait, 2 cm margins, header and footer 1 cm from the edge. */
	rt_buf_addf(b, "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/>"
	               "<w:footerReference w:type=\"default\" r:id=\"rId4\"/>"
	               "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" "
	               "w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" "
	               "w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
}

static void doc_rewind(void *ctx)
{
	struct doc_cursor *c = ctx;
	c->stage = 0;
	c->section = c->goal = 0;
}

/* rt_docx_next_fn: the start, then one section heading or goal per call,
 * then the end. */
static bool doc_next(void *ctx, rt_buf *b)
{
	struct doc_cursor *c = ctx;
	const struct rt_followup_report *r = c->r;
	if (c->stage == 0) {
		doc_start(b, r);
		c->stage = 1;
		return true;
	}
	while (c->stage == 1 && c->section < r->n_sections) {
		const struct rt_report_section *sec = &r->sections[c->section];
		if (c->goal == 0)
			add_section_head(b, sec);
		if (c->goal < sec->n_goals) {
			add_goal(b, &sec->goals[c->goal++]);
			return true;
		}
		c->section++;
		c->goal = 0;
	}
	doc_end(b);
	c->stage = 2;
	return false;
}

/* ---- package parts ------------------------------------------------------ */

#define CT_MAIN "application/vnd.openxmlformats-officedocument.wordprocessingml."
#define REL_DOC "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char content_types[] = XML_DECL
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"" CT_MAIN "document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_MAIN "styles+xml\"/>"
	"<Override PartName=\"/word/settings.xml\" ContentType=\"" CT_MAIN "settings+xml\"/>"
	"<Override PartName=\"/word/header1.xml\" ContentType=\"" CT_MAIN "header+xml\"/>"
	"<Override PartName=\"/word/footer1.xml\" ContentType=\"" CT_MAIN "footer+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" "
	"ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
	"<Override PartName=\"/docProps/app.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
	"</Types>";

static const char package_rels[] = XML_DECL
	"<Relationships xmlns=\"" NS_PKG_REL "\">"
	"<Relationship Id=\"rId1\" Type=\"" REL_DOC "officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/"
	"metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL_DOC "extended-properties\" Target=\"docProps/app.xml\"/>"
	"</Relationships>";

static const char document_rels[] = XML_DECL
	"<Relationships xmlns=\"" NS_PKG_REL "\">"
	"<Relationship Id=\"rId1\" Type=\"" REL_DOC "styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" REL_DOC "settings\" Target=\"settings.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL_DOC "header\" Target=\"header1.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"" REL_DOC "footer\" Target=\"footer1.xml\"/>"
	"</Relationships>";

/* Swedish decimal comma and list separator for fields Word computes. */
static const char settings[] = XML_DECL
	"<w:settings xmlns:w=\"" NS_W "\"><w:zoom w:percent=\"100\"/>"
	"<w:defaultTabStop w:val=\"1304\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
	"<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
	"w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
	"<w:themeFontLang w:val=\"sv-SE\"/><w:decimalSymbol w:val=\",\"/>"
	"<w:listSeparator w:val=\";\"/></w:settings>";

/* DejaVu Sans has å ä ö and ● ◆ ■ (Debian's fonts-dejavu-core, which the
 * PDF uses too); Liberation Sans and Arial are the fallbacks Word and
 * LibreOffice pick on machines without it. */
#define FONT "DejaVu Sans"
#define HEADING(n, lvl, size, before) \
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading" #n "\"><w:name w:val=\"heading " #n "\"/>" \
	"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/>" \
	"<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"" #before "\" " \
	"w:after=\"120\"/><w:outlineLvl w:val=\"" #lvl "\"/></w:pPr><w:rPr><w:b/><w:bCs/>" \
	"<w:sz w:val=\"" #size "\"/><w:szCs w:val=\"" #size "\"/></w:rPr></w:style>"

static const char styles[] = XML_DECL
	"<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>"
	"<w:rFonts w:ascii=\"" FONT "\" w:hAnsi=\"" FONT "\" w:eastAsia=\"" FONT "\" w:cs=\"" FONT "\"/>"
	"<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>"
	"<w:lang w:val=\"sv-SE\" w:eastAsia=\"sv-SE\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
	"<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/>"
	"</w:pPr></w:pPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
	"<w:qFormat/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/><w:qFormat/>"
	"<w:pPr><w:spacing w:after=\"120\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"40\"/>"
	"<w:szCs w:val=\"40\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"11\"/><w:qFormat/>"
	"<w:pPr><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:i/><w:iCs/><w:color w:val=\"404040\"/>"
	"</w:rPr></w:style>"
	/* outlineLvl is 0-based: Heading1 is level 0 in the navigator. */
	HEADING(1, 0, 32, 360) HEADING(2, 1, 28, 320) HEADING(3, 2, 24, 280)
	HEADING(4, 3, 22, 240)
	"<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Status\"><w:name w:val=\"Status\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
	"<w:pPr><w:keepNext/><w:spacing w:after=\"80\"/></w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Tabelltext\">"
	"<w:name w:val=\"Tabelltext\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
	"<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
	"<w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr>"
	"<w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"right\"/></w:pPr>"
	"<w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr></w:style>"
	"<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
	"<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
	"<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
	"<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
	"<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
	"</w:tblCellMar></w:tblPr></w:style>"
	"<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"RtTabell\">"
	"<w:name w:val=\"Rödtråd tabell\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>"
	"<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
	"<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
	"<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
	"<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
	"<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
	"<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
	"</w:tblBorders><w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/>"
	"<w:left w:w=\"80\" w:type=\"dxa\"/><w:bottom w:w=\"40\" w:type=\"dxa\"/>"
	"<w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
	"</w:styles>";

static const char app_props[] = XML_DECL
	"<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
	"<Application>Rödtråd</Application></Properties>";

static void build_core(rt_buf *b, const struct rt_followup_report *r)
{
	rt_buf_addstr(b, XML_DECL "<cp:coreProperties "
	   "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
	   "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	   "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
	add_xmlstr(b, report_title(r));
	rt_buf_addstr(b, "</dc:title><dc:creator>Rödtråd</dc:creator><dc:language>sv-SE</dc:language>"
	   "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" FIXED_W3CDTF "</dcterms:created>"
	   "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" FIXED_W3CDTF "</dcterms:modified>"
	   "</cp:coreProperties>");
}

/* Header: the title and the period; footer: "Sida 3 av 12" from fields
 * Word and LibreOffice fill in when they lay the document out. */
static void build_header(rt_buf *b, const struct rt_followup_report *r)
{
	rt_buf_addstr(b, XML_DECL "<w:hdr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_REL "\">");
	rt_buf line = RT_BUF_INIT;
	rt_buf_addstr(&line, report_title(r));
	if (r->period_key) rt_buf_addf(&line, " (%s)", r->period_key);
	add_para(b, "Header", NULL, line.buf, NULL);
	rt_buf_release(&line);
	rt_buf_addstr(b, "</w:hdr>");
}

static const char footer[] = XML_DECL
	"<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_REL "\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/>"
	"</w:pPr><w:r><w:t xml:space=\"preserve\">Sida </w:t></w:r>"
	"<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"
	"<w:r><w:t xml:space=\"preserve\"> av </w:t></w:r>"
	"<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>";

/* ---- package ------------------------------------------------------------ */

#define STR_PART(n, s) { .name = n, .data = s, .len = sizeof(s) - 1 }
#define BUF_PART(n, b) { .name = n, .data = (b).buf, .len = (b).len }

/* The whole package into `out` (docx_package.h). */
static int build_package(const struct rt_followup_report *r, rt_buf *out)
{
	rt_buf core = RT_BUF_INIT, header = RT_BUF_INIT;
	struct doc_cursor cursor = { r, 0, 0, 0 };
	build_core(&core, r);
	build_header(&header, r);
	const struct rt_docx_part parts[] = {
		STR_PART("[Content_Types].xml", content_types),
		STR_PART("_rels/.rels", package_rels),
		{ .name = "word/document.xml", .next = doc_next, .ctx = &cursor, .rewind = doc_rewind },
		STR_PART("word/styles.xml", styles),
		STR_PART("word/settings.xml", settings),
		BUF_PART("word/header1.xml", header),
		STR_PART("word/footer1.xml", footer),
		STR_PART("word/_rels/document.xml.rels", document_rels),
		BUF_PART("docProps/core.xml", core),
		STR_PART("docProps/app.xml", app_props),
	};
	int rc = rt_docx_package(parts, sizeof(parts) / sizeof(parts[0]), out);
	rt_buf_release(&core);
	rt_buf_release(&header);
	return rc;
}

int rt_report_docx(const struct rt_followup_report *r, const char *path, rt_err *err)
{
	rt_buf zip = RT_BUF_INIT;
	int rc = build_package(r, &zip);
	if (rc != 0)
		rc = rt_err_set(err, RT_EINTERNAL, "", "Kan inte skapa Word-dokumentet %s", path);
	else
		rc = rt_report_file_write(path, zip.buf, zip.len, err);
	rt_buf_release(&zip);
	return rc;
}
