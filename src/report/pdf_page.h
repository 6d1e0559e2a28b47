/* A PDF page of report/pdf_text.h's layout as a list of drawing commands,
 * and the thread that draws the pages with cairo. cairo's PDF surface turns
 * a page's drawing into PDF operators at show_page (its analysis, number
 * printing and deflate are most of a large report's time, and cairo can
 * only do that for one surface on one thread), so the layout of page i+1
 * (wrapping, glyphs from the layout's cache, table borders, the charts'
 * geometry) runs on the calling thread while a second thread issues page
 * i's cairo calls. Only the drawing thread uses the PDF's cairo_t and
 * surface; the layout measures with its own scaled fonts and context.
 * Pages are handed over in order under a mutex, at most RT_PDF_AHEAD at a
 * time, so the cairo calls, and the file, are the same as when one thread
 * does both (the fallback when no thread can be started). */
#ifndef RT_REPORT_PDF_PAGE_H
#define RT_REPORT_PDF_PAGE_H
#include "report/pdf_text.h"

#define RT_PDF_AHEAD 8                 /* page buffers: laid out, queued or drawn */

/* Starts the drawing thread for p->cr (a page is drawn on the calling
 * thread when none can be started); stop waits for the queued pages. */
void rt_pdf_pages_start(struct rt_pdf *p);
void rt_pdf_pages_stop(struct rt_pdf *p);
/* A free page buffer for the layout (p->pg); end hands p->pg to the
 * drawing thread, which shows the page when `show` (the last page is
 * shown by cairo_surface_finish). */
void rt_pdf_page_begin(struct rt_pdf *p);
void rt_pdf_page_end(struct rt_pdf *p, bool show);

/* Commands on p->pg, drawn in this order. */
void rt_pdf_page_fills(struct rt_pdf *p, const struct rt_pdf_segs *boxes);
void rt_pdf_page_rules(struct rt_pdf *p, const struct rt_pdf_segs *lines);
void rt_pdf_page_run(struct rt_pdf *p, const struct rt_pdf_run *r);
void rt_pdf_page_extra_draw(struct rt_pdf *p);
void rt_pdf_page_outline(struct rt_pdf *p, int depth, const char *title, bool bold, int page,
                         double y);

#endif
