/* tally.h — what the list pages and figures pages of the matters a workflow moves share
 * (complaints, petitions, disclosure requests): the list's state filter and the fields its form
 * shows again, the period (and scope) of the figures, and the link from each count to the list
 * behind it. Each area keeps its own filters, figures and links in its file. */
#ifndef LANDUN_TALLY_H
#define LANDUN_TALLY_H

#include <jansson.h>
#include "web/http.h"

/* What a list page of matters shares (the HTML face). */
struct tally_list {
    const char *const (*states)[2]; /* the state filter's {code, label}, ended by {NULL, NULL} */
    const char *const *keep;        /* query fields the filter form shows again, ended by NULL */
    int intake;                     /* the permission to register a matter: "can_intake" */
};
/* Add to list (the answer of a law list) "states", the choices of l's state filter with the
 * query's state selected; each field of l->keep as the query gives it (null when absent);
 * "can_intake"; and the pagination links (page_links). Callers: complaint_index,
 * petition_index, disclosure_index. */
void tally_list_page(struct req *r, json_t *list, const struct tally_list *l);

/* The period, and for some areas the scope, of a figures page. */
struct tally_period {
    const char *from;   /* the query's from, or 1 January of this year (arena) */
    const char *to;     /* the query's to, or today (arena) */
    const char *agency; /* the query's agency when scoped, else NULL: the actor's subtree */
};
/* The period the query asks for: a blank from or to becomes 1 January or today (r->ctx.now).
 * scoped: the figures may be narrowed to an agency's subtree (?agency=). Callers:
 * complaint_stats_page (scoped), petition_stats_page, disclosure_stats_page. */
struct tally_period tally_period(struct req *r, bool scoped);

/* href + "&key=" + value URL-encoded (arena): the list of href narrowed by one more filter. */
const char *tally_href(struct req *r, const char *href, const char *key, const char *value);

/* Link the figures (the HTML face): "list_href" is the list page at path with the period's from
 * and to, and its agency unless blank; each {code, count} row of the arrays named by links
 * ({figures' key, the list's filter}, ended by {NULL, NULL}) gets the "href" of that list with
 * filter = its code. Returns list_href (arena), for the area's own links. Callers:
 * complaint_stats_page, petition_stats_page, disclosure_stats_page. */
const char *tally_link_counts(struct req *r, json_t *figures, const char *path,
                              const struct tally_period *p, const char *const (*links)[2]);

/* Link figures that name their lists themselves (the HTML face): every object inside figures,
 * at any depth, that holds "list" (a query of the list page at path, as law/case_stats.c gives
 * it) gets "href" = path?list. Caller: case_figures_page. */
void tally_link_lists(struct req *r, json_t *figures, const char *path);

#endif
