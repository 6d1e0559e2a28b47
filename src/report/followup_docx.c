#include "report/followup.h"
int rt_report_docx(const struct rt_followup_report *r, const char *path, rt_err *err)
{ (void)r; (void)path; return rt_err_set(err, RT_EINVAL, NULL, "ej klart"); }
