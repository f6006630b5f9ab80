/* case_stats.h — the figures of penalty cases (行政处罚案件) a report quotes, as named queries over
 * a period and an agency's subtree: 立案, decisions by procedure, penalty types (each decision once
 * under its most severe type, and per type), fines and confiscations, 不予行政处罚 by ground, legal
 * reviews, hearings, the days from 立案 to decision, the cases past their 90 days, service,
 * referrals to the police, 结案 and the days to it, what was paid of the fines and confiscations
 * and the 加处罚款, 催告 and the court's enforcement (applications, late, outcomes). Each count
 * carries "list", the query of /cases that lists the cases behind it (docs/cases.md, Figures). */
#ifndef LANDUN_CASE_STATS_H
#define LANDUN_CASE_STATS_H

#include <jansson.h>
#include "law/ctx.h"

/* A period of the figures: [from, to] (YYYY-MM-DD, both counted) in the subtree of agency_code
 * (in the actor's scope), or of the actor's agency when it is blank. */
struct case_period {
    const char *from, *to;
    const char *agency_code;
};

/* The figures of period p as the actor sees them (new reference), or NULL with e filled:
 * ERR_INVALID with the fields "from", "to" (dates, in order) or "agency" (unknown or out of
 * scope). Keys: filed, decided, severest, by_type, money, not_penalised, reviews, hearings,
 * days, overdue, served, referrals, closed, closing_days, enforcement (docs/cases.md). */
json_t *case_stats(struct ctx *c, const struct case_period *p, struct err *e);

/* The penalty types of 第九条 that a health agency imposes, most severe first (the order a
 * decision is counted in by its most severe type): NULL-terminated codes of law/power.h. */
extern const char *const case_severity[];
/* The most severe of a comma list of type codes (a code of case_severity), or NULL when it holds
 * none. */
const char *case_severest(const char *types);

/* The label of a ground of 不予行政处罚 (第三十三条: minor, first, no_fault), or NULL. */
const char *case_ground_label(const char *code);

#endif
