/* complaint_public.h — the complaint figures on the public site (事后公开: 投诉举报办理情况),
 * counted by complaint_stats, docs/publicity.md. */
#ifndef LANDUN_COMPLAINT_PUBLIC_H
#define LANDUN_COMPLAINT_PUBLIC_H

#include <jansson.h>
#include "law/ctx.h"

#define COMPLAINT_PUBLIC_FIRST_YEAR 2000 /* the earliest year asked for */

/* The figures of the complaints received in year (YYYY; blank: this year) by the agency with
 * code agency_code and its subtree (blank: every agency): {"year", "agency", "agency_name",
 * "total", "by_channel", "by_line", "by_result": [{code, label, count}], "rates": {"accepted",
 * "closed", "closure_rate", "decided", "decided_on_time", "decide_on_time_rate", "handled",
 * "handled_on_time", "handle_on_time_rate"}}. A year that is not one from
 * COMPLAINT_PUBLIC_FIRST_YEAR to this year is a field error "year", an unknown agency one of
 * "agency". */
json_t *complaint_public_figures(struct ctx *c, const char *year, const char *agency_code,
                                 struct err *e);

#endif
