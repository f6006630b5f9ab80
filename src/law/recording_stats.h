/* recording_stats.h — how much of the enforcement was recorded (执法全过程记录, 行政处罚法 第四十七
 * 条): over a period and an agency's subtree, the inspections and the penalty cases with a
 * recording and without, the key steps of those cases (现场笔录, 询问笔录, 送达, 听证) with a
 * recording attached to them and without, and the recordings by media; the lists behind each
 * count; and, for the pre-closing check, the key steps of one case left unrecorded
 * (docs/evidence.md, Coverage). */
#ifndef LANDUN_RECORDING_STATS_H
#define LANDUN_RECORDING_STATS_H

#include <jansson.h>
#include "law/ctx.h"

/* A period of the figures: [from, to] (YYYY-MM-DD, both counted) in the subtree of agency_code
 * (in the actor's scope), or of the actor's agency when it is blank. */
struct recording_period {
    const char *from, *to;
    const char *agency_code;
};

/* The figures of period p as the actor sees them (new reference), or NULL with e filled
 * (ERR_INVALID on the fields from, to, agency). Keys: inspections and cases ({all, recorded,
 * unrecorded, rate, by_line, by_agency}), key_steps ([{code, label, all, recorded, unrecorded,
 * rate}]), media ([{code, label, count, bytes}]), recordings and bytes. Every count is an object
 * {n, list}: list is the query of recording_coverage_list that lists the records behind it. */
json_t *recording_stats(struct ctx *c, const struct recording_period *p, struct err *e);

/* A list behind a count. Strings as the query gives them (NULL or "": no filter). */
struct recording_cover_query {
    const char *what; /* inspection | case | site | inquiry | service | hearing | recording */
    const char *from, *to, *agency;
    const char *at;       /* one agency's own records (its code), not its subtree's */
    const char *line;     /* the line of the inspection or case */
    const char *recorded; /* "1" with a recording, "0" without, blank both */
    const char *media;    /* what=recording: photo | audio | video | scan */
    int page, per_page;
};
/* One page of the records behind a count (paging.h), oldest first: [{id, day, title, line_label,
 * agency, href, recordings}] (for what=recording: the recordings taken in the period, href their
 * page); NULL with e filled (ERR_INVALID on what, from, to, agency). */
json_t *recording_coverage_list(struct ctx *c, const struct recording_cover_query *q,
                                struct err *e);

/* [R-CASE-114] The key steps of case id done without a recording attached to them, in the order
 * they were done: [{part, key_step, name}] (name: 第3号证据（询问笔录）, 送达（2026-12-16）…).
 * New reference; NULL on error. */
json_t *recording_case_unrecorded(struct ctx *c, int64_t id, struct err *e);

#endif
