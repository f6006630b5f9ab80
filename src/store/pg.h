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

/* Searching on PostgreSQL. pg_trgm looks a LIKE pattern up by the trigrams (three characters in
 * a row) it holds, so a fragment of one or two characters, the most common Chinese searches,
 * gives it nothing to look up. Each searched table has two indexed columns for that:
 *  - search_text (migrations 004 and 005): landun_grams(lower(...)), the text rewritten as its
 *    pairs of adjacent characters, each a word of its own (" 湖塘 塘镇 镇…"). A fragment becomes
 *    those pairs in a row, each with the end of its word, and every pattern then holds a word
 *    boundary that pg_trgm can look up: "诊所" is "%诊所 %" (the one trigram "诊所 ", a word
 *    ending in 诊所), "诊" is "% 诊%" (a word starting with 诊: a pair, or the text's last
 *    character).
 *  - search_plain (migration 009): lower(...) itself. A fragment of three characters or more is
 *    looked up by its own trigrams: "长虹路88" is "%长虹路88%", three trigrams, where its pairs
 *    would make eleven, among them every word starting with 8 or with 路 — long lists of rows
 *    that the index reads through for nothing. */

/* Append the indexed column of alias: search_plain when plain, else search_text, which the
 * migrations compute from the searched columns cols (that list is for the reader: the
 * migrations name the same columns). */
void pg_search_expr(const char *alias, const char *const *cols, bool plain, struct buf *out);

/* Append the LIKE pattern for the fragment q. Runs of ASCII white space or punctuation (LIKE's
 * own `%`, `_` and `\` included, so user text never acts as a wildcard or an escape) split q
 * into pieces that must appear in that order, as the SQLite tokenizer drops them too: "长虹路 88"
 * finds "长虹路88号". ASCII letters are lowered, as the indexed text is. Returns true when every
 * piece has three characters or more: the pattern is then for search_plain ("长虹路 88号" is
 * "%长虹路%88号%"), else for search_text ("长虹路 88" is "%长虹 虹路 %88 %"). */
bool pg_search_pattern(const char *q, struct buf *out);

/* Append the pattern of q's pieces as they are, for search_plain whatever their length ("诊所" is
 * "%诊所%"); returns how many pieces q has. A walk of the newest rows, which matches LIKE against
 * each row's text rather than reading the index, takes it for a query of one piece: a fragment
 * is in the text exactly when its pairs are in the pairs text (a pair is a word there, and a
 * single character starts one), and the plain text is less than half as long. With two pieces or
 * more the two differ at the edges: pairs let the pieces "ab bc" share the b of "abc". */
int pg_plain_pattern(const char *q, struct buf *out);

/* Append the elements of a PostgreSQL array in its text form ("{a,\"b c\"}", as pg_stats shows
 * a column's sample) to out, each followed by a NUL; SQL NULLs are left out. Returns how many
 * were appended, or -1 when lit is not such an array. */
int pg_array_elements(const char *lit, struct buf *out);

/* True when text matches pattern, a LIKE pattern as pg_search_pattern writes it: literal pieces
 * that must appear in that order, between `%` (it starts and ends with one). */
bool pg_like_pieces(const char *text, const char *pattern);

/* Whether a search for pattern is to walk the newest rows rather than look the fragment up in
 * the index, given the n NUL-separated texts of the column's sample (pg_stats: the planner's
 * own): yes when any of them matches (the fragment is then in about 1% of the rows or more) or
 * when there is hardly a sample (fewer than 10: a table never analyzed, most likely small). */
bool pg_search_walks(const char *pattern, const char *texts, int n);

#endif
