/* HTML and DOCX rendering of a struct rt_doc; see doc_sink.h. The DOCX is
 * the minimum Word and LibreOffice open: content types, relationships, a
 * styles part with Heading1–3 (so the navigation pane shows the seed's
 * numbering) and the document; tables get single borders. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/doc_sink.h"
#include "report/docx_package.h"
#include "report/doc_sink_pdf.h"
#include "util/alloc.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

int rt_doc_format_parse(const char *s, enum rt_doc_format *out, rt_err *err)
{
	if (!s || !strcasecmp(s, "html")) *out = RT_DOC_HTML;
	else if (!strcasecmp(s, "docx")) *out = RT_DOC_DOCX;
	else if (!strcasecmp(s, "pdf")) *out = RT_DOC_PDF;
	else return rt_err_set(err, RT_EINVAL, "format", "Okänt format '%.20s'; välj html, docx eller pdf", s);
	return 0;
}

/* Text escaped for XML (the same escapes as HTML's text and attributes). */
static void esc(rt_buf *b, const char *s)
{
	rt_buf_add_html(b, s ? s : "");
}

void rt_doc_begin(struct rt_doc *d, enum rt_doc_format f, const char *title)
{
	memset(d, 0, sizeof(*d));
	d->format = f;
	d->title = rt_xstrdup(title ? title : "");
	rt_buf_init(&d->body, 4096);
}

void rt_doc_heading(struct rt_doc *d, int level, const char *text)
{
	if (d->format == RT_DOC_PDF) {
		rt_doc_pdf_heading(d, level, text);
		return;
	}
	if (d->format == RT_DOC_HTML) {
		rt_buf_addf(&d->body, "<h%d>", level);
		esc(&d->body, text);
		rt_buf_addf(&d->body, "</h%d>\n", level);
		return;
	}
	rt_buf_addf(&d->body, "<w:p><w:pPr><w:pStyle w:val=\"Heading%d\"/></w:pPr><w:r><w:t "
	                      "xml:space=\"preserve\">", level);
	esc(&d->body, text);
	rt_buf_addstr(&d->body, "</w:t></w:r></w:p>");
}

static void docx_run(rt_buf *b, const char *text, bool bold)
{
	rt_buf_addstr(b, bold ? "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">"
	                      : "<w:r><w:t xml:space=\"preserve\">");
	esc(b, text);
	rt_buf_addstr(b, "</w:t></w:r>");
}

void rt_doc_para(struct rt_doc *d, const char *label, const char *text, const char *cls)
{
	if (d->format == RT_DOC_PDF) {
		rt_doc_pdf_para(d, label, text, cls);
		return;
	}
	if (d->format == RT_DOC_HTML) {
		if (cls) rt_buf_addf(&d->body, "<p class=\"%s\">", cls);
		else rt_buf_addstr(&d->body, "<p>");
		if (label) {
			rt_buf_addstr(&d->body, "<strong>");
			esc(&d->body, label);
			rt_buf_addstr(&d->body, "</strong> ");
		}
		esc(&d->body, text);
		rt_buf_addstr(&d->body, "</p>\n");
		return;
	}
	rt_buf_addstr(&d->body, "<w:p>");
	if (label) {
		docx_run(&d->body, label, true);
		docx_run(&d->body, " ", false);
	}
	docx_run(&d->body, text, false);
	rt_buf_addstr(&d->body, "</w:p>");
}

static void docx_cell(rt_buf *b, const char *text, bool bold)
{
	rt_buf_addstr(b, "<w:tc><w:p>");
	docx_run(b, text, bold);
	rt_buf_addstr(b, "</w:p></w:tc>");
}

void rt_doc_table_begin(struct rt_doc *d, const char *caption, const char *const *cols, int n)
{
	if (d->format == RT_DOC_PDF) {
		rt_doc_pdf_table_begin(d, caption, cols, n);
		return;
	}
	rt_buf *b = &d->body;
	if (d->format == RT_DOC_HTML) {
		rt_buf_addstr(b, "<table>\n");
		if (caption) {
			rt_buf_addstr(b, "<caption>");
			esc(b, caption);
			rt_buf_addstr(b, "</caption>\n");
		}
		rt_buf_addstr(b, "<thead><tr>");
		for (int i = 0; i < n; i++) {
			rt_buf_addstr(b, "<th scope=\"col\">");
			esc(b, cols[i]);
			rt_buf_addstr(b, "</th>");
		}
		rt_buf_addstr(b, "</tr></thead>\n<tbody>\n");
		return;
	}
	if (caption) {
		rt_buf_addstr(b, "<w:p>");
		docx_run(b, caption, true);
		rt_buf_addstr(b, "</w:p>");
	}
	rt_buf_addstr(b, "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
	static const char *const sides[] = { "top", "left", "bottom", "right", "insideH", "insideV" };
	for (size_t i = 0; i < 6; i++)
		rt_buf_addf(b, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"767676\"/>",
		            sides[i]);
	rt_buf_addstr(b, "</w:tblBorders></w:tblPr><w:tr><w:trPr><w:tblHeader/></w:trPr>");
	for (int i = 0; i < n; i++) docx_cell(b, cols[i], true);
	rt_buf_addstr(b, "</w:tr>");
}

void rt_doc_row(struct rt_doc *d, const char *const *cells, int n)
{
	if (d->format == RT_DOC_PDF) {
		rt_doc_pdf_row(d, cells, n);
		return;
	}
	rt_buf *b = &d->body;
	rt_buf_addstr(b, d->format == RT_DOC_HTML ? "<tr>" : "<w:tr>");
	for (int i = 0; i < n; i++) {
		if (d->format == RT_DOC_DOCX) {
			docx_cell(b, cells[i], false);
			continue;
		}
		rt_buf_addstr(b, "<td>");
		esc(b, cells[i]);
		rt_buf_addstr(b, "</td>");
	}
	rt_buf_addstr(b, d->format == RT_DOC_HTML ? "</tr>\n" : "</w:tr>");
}

void rt_doc_table_end(struct rt_doc *d)
{
	if (d->format == RT_DOC_PDF) {
		rt_doc_pdf_table_end(d);
		return;
	}
	/* Word needs a paragraph between two tables, so one follows every table. */
	rt_buf_addstr(&d->body, d->format == RT_DOC_HTML ? "</tbody>\n</table>\n" : "</w:tbl><w:p/>");
}

static const char content_types[] = XML_DECL
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
	"officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-"
	"officedocument.wordprocessingml.styles+xml\"/></Types>";

static const char package_rels[] = XML_DECL
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

static const char document_rels[] = XML_DECL
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/styles\" Target=\"styles.xml\"/></Relationships>";

#define HSTYLE(n, size) \
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading" #n "\"><w:name w:val=\"heading " #n \
	"\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>" \
	"<w:keepNext/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"" #n \
	"\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"" #size "\"/></w:rPr></w:style>"

static const char styles[] = XML_DECL
	"<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts "
	"w:ascii=\"DejaVu Sans\" w:hAnsi=\"DejaVu Sans\" w:cs=\"DejaVu Sans\"/><w:sz w:val=\"20\"/>"
	"<w:lang w:val=\"sv-SE\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing "
	"w:after=\"120\"/></w:pPr></w:pPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
	"</w:style>" HSTYLE(1, 32) HSTYLE(2, 26) HSTYLE(3, 22) "</w:styles>";

int rt_doc_finish(struct rt_doc *d, rt_buf *out, rt_err *err)
{
	int rc = 0;
	if (d->format == RT_DOC_PDF) {
		rc = rt_doc_pdf_finish(d, out, err);
	} else if (d->format == RT_DOC_HTML) {
		rt_buf_addstr(out, "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
		                   "<title>");
		esc(out, d->title);
		rt_buf_addstr(out, "</title>\n<style>body{font-family:'DejaVu Sans',Arial,sans-serif;"
		                   "max-width:52rem;margin:2rem auto;color:#1b1b1b;line-height:1.5}"
		                   "table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid "
		                   "#767676;padding:.3rem .6rem;text-align:left;vertical-align:top}"
		                   "caption{text-align:left;font-weight:bold}.saknas{color:#8a1c1c}"
		                   "</style>\n</head>\n<body>\n<main>\n");
		rt_buf_add(out, d->body.buf, d->body.len);
		rt_buf_addstr(out, "</main>\n</body>\n</html>\n");
	} else {
		rt_buf doc = RT_BUF_INIT;
		rt_buf_addstr(&doc, XML_DECL "<w:document xmlns:w=\"" NS_W "\"><w:body>");
		rt_buf_add(&doc, d->body.buf, d->body.len);
		rt_buf_addstr(&doc, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar "
		                    "w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" "
		                    "w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>"
		                    "</w:body></w:document>");
		const struct rt_docx_part parts[] = {
			{ .name = "[Content_Types].xml", .data = content_types,
			  .len = sizeof(content_types) - 1 },
			{ .name = "_rels/.rels", .data = package_rels, .len = sizeof(package_rels) - 1 },
			{ .name = "word/document.xml", .data = doc.buf, .len = doc.len },
			{ .name = "word/styles.xml", .data = styles, .len = sizeof(styles) - 1 },
			{ .name = "word/_rels/document.xml.rels", .data = document_rels,
			  .len = sizeof(document_rels) - 1 },
		};
		if (rt_docx_package(parts, sizeof(parts) / sizeof(parts[0]), out) != 0)
			rc = rt_err_set(err, RT_EIO, "", "Kunde inte skapa DOCX-filen");
		rt_buf_release(&doc);
	}
	rt_buf_release(&d->body);
	free(d->title);
	d->title = NULL;
	return rc;
}
