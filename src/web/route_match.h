/* route_match.h — which route a path takes: patterns with {param} segments, the most specific
 * pattern winning whatever the table's order, and the table's check at start-up. */
#ifndef LANDUN_ROUTE_MATCH_H
#define LANDUN_ROUTE_MATCH_H

#include "base/arena.h"
#include "base/err.h"
#include "web/http.h"

#include <stdbool.h>

/* Whether path fits pattern; the {…} segments' values go to args (arena copies, at most
 * MAX_PATH_ARGS) and their count to *nargs. A {…} takes one non-empty segment, or what comes
 * before the literal rest of its segment (/documents/{id}.pdf: "12" of /documents/12.pdf). */
bool route_match(const char *pattern, const char *path, struct arena *a, const char **args,
                 int *nargs);

/* How specific a pattern is: of two patterns that fit the same path, the one whose first literal
 * segment comes where the other has a {…} ranks higher (/plans/new over /plans/{id},
 * /entities/{id}/edit over /entities/{id}/{what}). */
unsigned route_rank(const char *pattern);

/* Refuse a table a request could not be routed through unambiguously: a route without a
 * permission, face or handler, or two routes of the same method and face whose patterns differ
 * only in their {…} names (one would shadow the other). */
int route_table_check(const struct route *t, size_t n, struct err *e);

#endif
