/* The economy page (issue 6 §4): budget frames per board over the plan
 * period (seed 004) and the economic follow-up per period (seed 001) with
 * the same ● ◆ ■ as the indicators. Same contract as web.h: a complete
 * HTML page, every data text escaped, no inline script or style. */
#ifndef RT_WEB_WEB_ECONOMY_H
#define RT_WEB_WEB_ECONOMY_H
#include "web/web.h"

/* GET /ekonomi — what `rodtrad economy show` prints, as tables. */
int rt_web_economy(rt_store *s, rt_buf *out, rt_err *err);

#endif
