/* pg.h — the pure text helpers of the PostgreSQL engine (private to store/, exposed for tests). */
#ifndef LANDUN_PG_H
#define LANDUN_PG_H

#include "base/buf.h"

#include <stdbool.h>

/* What the text around a placeholder tells of it (the engine may write some values into the
 * statement's text instead of sending them: pg.c, write_in). */
enum {
    PG_PH_PLAIN = 0,     /* nothing in particular */
    PG_PH_NULL_TEST = 1, /* right before IS NULL or IS NOT NULL: its only use, so the server
                            has nothing to infer its type from */
    PG_PH_LIMIT = 2,     /* right after LIMIT */
    PG_PH_OFFSET = 3,    /* right after OFFSET */
    PG_PH_LIKE = 4,      /* right after LIKE: the pattern */
};

/* Append sql to out with each `?` placeholder numbered `$1`, `$2`, … in order. A `?` inside a
 * '…' string, a "…" identifier, a -- comment or a block comment is left alone. Returns the
 * number of placeholders. When kinds is not NULL it receives one PG_PH_* byte per placeholder. */
int pg_placeholders(const char *sql, struct buf *out, struct buf *kinds);

/* True when the len bytes at v are a LIKE pattern that only asks for a prefix: one `%` at the
 * end, no other wildcard, escape or quote ("/1/2/%"). */
bool pg_prefix_pattern(const char *v, size_t len);

/* Searching on PostgreSQL, by the rule of SQLite's tokenizer (store/ngram.c): ASCII white space
 * and punctuation are dropped from the query and from each searched column, ASCII letters lowered,
 * and what is left of the query must appear in one column as it is. search_plain (migration 015)
 * holds the searched columns so squeezed, joined by spaces. pg_trgm looks a LIKE pattern up by
 * the trigrams (three characters in a row) it holds, which serves a fragment of three characters
 * or more ("%长虹路88%"); one of one or two characters, the most common Chinese searches, has
 * none, and is looked up in the index of landun_pairs(search_plain): the column's characters and
 * pairs of adjacent characters, as an array. */

/* Append q as search_plain holds text (ASCII letters lowered, ASCII white space, punctuation and
 * control characters dropped: LIKE's own `%`, `_` and `\` too, so user text never acts as a
 * wildcard or an escape): "长虹路 88号" is "长虹路88号". Returns its characters (UTF-8). */
size_t pg_search_key(const char *q, struct buf *out);

/* Append the elements of a PostgreSQL array in its text form ("{a,\"b c\"}", as pg_stats shows
 * a column's sample) to out, each followed by a NUL; SQL NULLs are left out. Returns how many
 * were appended, or -1 when lit is not such an array. */
int pg_array_elements(const char *lit, struct buf *out);

/* True when text matches pattern, a LIKE pattern of literal pieces that must appear in that
 * order, between `%` (it starts and ends with one), as pg_search writes "%key%". */
bool pg_like_pieces(const char *text, const char *pattern);

/* Whether a search for pattern is to walk the newest rows rather than look the fragment up in
 * the index, given the n NUL-separated texts of the column's sample (pg_stats: the planner's
 * own): yes when any of them matches (the fragment is then in about 1% of the rows or more) or
 * when there is hardly a sample (fewer than 10: a table never analyzed, most likely small). */
bool pg_search_walks(const char *pattern, const char *texts, int n);

#endif
