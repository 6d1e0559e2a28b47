/* ISO calendar dates ("YYYY-MM-DD") as the plans write them: tidsplan of
 * activities, periods, change-log rows. Dates stay text everywhere (they
 * sort as text); this module only checks, compares and builds them.
 * Years 0001–9999 of the proleptic Gregorian calendar. */
#ifndef RT_UTIL_DATE_H
#define RT_UTIL_DATE_H
#include <stdbool.h>
#include "util/err.h"

bool rt_is_leap_year(int year);
/* 28–31, or 0 for a month outside 1–12. */
int rt_days_in_month(int year, int month);

/* Exactly "YYYY-MM-DD" (10 bytes, no surrounding space) naming a real day:
 * "2024-02-29" is valid, "2023-02-29" and "2024-4-1" are not. */
bool rt_date_valid(const char *s);
/* Same check with the parts and a Swedish message ("Ogiltigt datum '…'");
 * y/m/d may be NULL. */
int rt_date_parse(const char *s, int *y, int *m, int *d, const char *field, rt_err *err);
/* Writes "YYYY-MM-DD" into out (11 bytes incl. NUL). No range check. */
void rt_date_format(char out[11], int y, int m, int d);

/* <0, 0, >0 like strcmp. Both must be valid ISO dates, which compare as text;
 * NULL sorts first. */
int rt_date_cmp(const char *a, const char *b);

/* Today's date in UTC. */
void rt_date_today(char out[11]);

#endif
