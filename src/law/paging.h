/* paging.h — one page of a list: the page asked for within bounds, the LIMIT and OFFSET that
 * read it (one row more than the page holds, which tells whether another page follows), and the
 * page object every list returns: {"rows": [...], "more": bool, "page": n, "per_page": n}. */
#ifndef LANDUN_PAGING_H
#define LANDUN_PAGING_H

#include <jansson.h>
#include <stdint.h>
#include "base/err.h"
#include "store/db.h"

#define PAGING_MAX       200  /* rows on one page at the most */
#define PAGING_COUNT_CAP 1000 /* a list counts its rows up to this many ("超过 1000 条") */

/* Which page (from 1) and how many rows on it. */
struct paging {
    int page, per;
};

/* The page asked for: page below 1 is the first; per_page outside 1..PAGING_MAX is default_per. */
struct paging paging_of(int page, int per_page, int default_per);

/* The values for the statement's LIMIT and OFFSET. */
int64_t paging_limit(struct paging p);
int64_t paging_offset(struct paging p);

/* Makes the JSON of the statement's current row; may set e (the page then fails). */
typedef json_t *paging_row_fn(void *arg, struct db_stmt *st, struct err *e);

/* Reads the page's rows from st with row(arg, st, e), ends st, and returns the page object;
 * NULL when st is NULL or reading failed (e says why). */
json_t *paging_read(struct db_stmt *st, struct paging p, paging_row_fn *row, void *arg,
                    struct err *e);

/* The page object of rows already read (taken over), or NULL and rows freed when e is set: for
 * lists that add to their rows after reading them. */
json_t *paging_result(json_t *rows, bool more, struct paging p, struct err *e);

/* Set page's "total", and "total_over" when count_sql counted more than PAGING_COUNT_CAP rows:
 * from its rows when it is the first page and the last, else by count_sql run with w's
 * arguments (the list's, taken before the page's LIMIT and OFFSET were bound) and, when capped,
 * the cap plus one: "SELECT COUNT(*) FROM (SELECT 1 … LIMIT ?) AS t" over the list's rows, or
 * an exact figure kept elsewhere (capped false). count_sql NULL: no total unless one page holds
 * every row. Returns page, or NULL with page freed when page is NULL or the count failed. */
json_t *paging_total(json_t *page, struct db *db, const char *count_sql, bool capped,
                     const struct db_cond *w, struct err *e);

#endif
