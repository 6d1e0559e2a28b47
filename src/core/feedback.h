/* Board feedback on the planning premises (seed 002, "Nämnderna återkopplar
 * till regionstyrelsen synpunkter på PF i april — Mall med sex rubriker"),
 * plus the risk and sensitivity analysis the audit director asked for
 * ("Återkopplingen från nämnderna bör även innehålla en risk- och
 * känslighetsanalys"). One text per board, cycle and heading; deadline and
 * status are the board's "feedback" delivery (core/process.h). Pure. */
#ifndef RT_CORE_FEEDBACK_H
#define RT_CORE_FEEDBACK_H
#include <stddef.h>
#include <stdint.h>
#include "core/finding.h"
#include "util/err.h"

enum rt_feedback_heading {
	RT_FB_GOALS,            /* Nämndens bidrag till fullmäktiges mål och uppdrag */
	RT_FB_DEVELOPMENT,      /* … utvecklingsinsatser och planerade verksamhetsförändringar */
	RT_FB_COMPETENCE,       /* … inriktning för kompetensförsörjning */
	RT_FB_ECONOMY,          /* … plan för hållbar ekonomi och prioriteringar av resurser */
	RT_FB_INVESTMENT,       /* … investeringsplanering */
	RT_FB_OTHER,            /* … övriga synpunkter */
	RT_FB_RISK,             /* Risk- och känslighetsanalys */
	RT_FB_HEADING_COUNT
};

struct rt_feedback_section {
	int64_t id;
	int64_t cycle_id;
	int64_t org_unit_id;
	enum rt_feedback_heading heading;
	char *body;
};

const char *rt_feedback_heading_name(enum rt_feedback_heading h);   /* "competence" */
/* The seed's wording: "Nämndens inriktning för kompetensförsörjning". */
const char *rt_feedback_heading_label(enum rt_feedback_heading h);
int rt_feedback_heading_parse(const char *s, enum rt_feedback_heading *out, rt_err *err);

/* The body of `heading` for one board among `s`, or NULL. */
const char *rt_feedback_body(const struct rt_feedback_section *s, size_t n, int64_t org_unit_id,
                             enum rt_feedback_heading heading);

/* Errors "feedback_missing", one per heading without text for the board
 * (board_name for the message). Returns how many headings are filled. */
int rt_feedback_check(const struct rt_feedback_section *s, size_t n, int64_t org_unit_id,
                      const char *board_name, struct rt_findings *out);

#endif
