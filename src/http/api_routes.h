/* The JSON API's handlers, one group per file (api_<area>.c). */
#ifndef RT_HTTP_API_ROUTES_H
#define RT_HTTP_API_ROUTES_H
#include "http/http.h"

#define RT_API_HANDLER(name) \
	int name(struct rt_http_ctx *ctx, const struct rt_http_request *req, \
	         struct rt_http_response *res)

/* api_openapi.c */
RT_API_HANDLER(rt_api_openapi);
/* api_plans.c */
RT_API_HANDLER(rt_api_orgs_list);
RT_API_HANDLER(rt_api_org_create);
RT_API_HANDLER(rt_api_org_get);
RT_API_HANDLER(rt_api_org_update);
RT_API_HANDLER(rt_api_plans_list);
RT_API_HANDLER(rt_api_plan_create);
RT_API_HANDLER(rt_api_plan_get);
RT_API_HANDLER(rt_api_plan_update);
RT_API_HANDLER(rt_api_plan_findings);
/* api_goals.c */
RT_API_HANDLER(rt_api_goal_create);
RT_API_HANDLER(rt_api_goal_get);
RT_API_HANDLER(rt_api_goal_update);
RT_API_HANDLER(rt_api_goal_chain);
RT_API_HANDLER(rt_api_activity_create);
RT_API_HANDLER(rt_api_activity_get);
RT_API_HANDLER(rt_api_activity_update);
RT_API_HANDLER(rt_api_activity_delete);
/* api_indicators.c */
RT_API_HANDLER(rt_api_indicator_create);
RT_API_HANDLER(rt_api_indicator_get);
RT_API_HANDLER(rt_api_indicator_update);
RT_API_HANDLER(rt_api_target_create);
RT_API_HANDLER(rt_api_target_get);
RT_API_HANDLER(rt_api_target_update);
RT_API_HANDLER(rt_api_target_delete);
/* api_followup.c */
RT_API_HANDLER(rt_api_plan_followup);
RT_API_HANDLER(rt_api_assessment_put);
RT_API_HANDLER(rt_api_outcome_get);
RT_API_HANDLER(rt_api_outcome_put);
RT_API_HANDLER(rt_api_activity_state_put);
RT_API_HANDLER(rt_api_activity_state_get);
RT_API_HANDLER(rt_api_periods_list);
RT_API_HANDLER(rt_api_period_create);
RT_API_HANDLER(rt_api_period_get);
/* api_reports.c */
RT_API_HANDLER(rt_api_report_get);
/* api_process.c */
RT_API_HANDLER(rt_api_process_get);
RT_API_HANDLER(rt_api_process_calendar);
RT_API_HANDLER(rt_api_process_feedback);
RT_API_HANDLER(rt_api_plan_document);
/* api_opendata.c */
RT_API_HANDLER(rt_api_opendata_get);

#endif
