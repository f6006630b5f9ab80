/* pg.h — the pure text helpers of the PostgreSQL engine (private to store/, exposed for tests). */
#ifndef LANDUN_PG_H
#define LANDUN_PG_H

#include "base/buf.h"

/* Append sql to out with each `?` placeholder numbered `$1`, `$2`, … in order. A `?` inside a
 * '…' string, a "…" identifier, a -- comment or a block comment is left alone. Returns the
 * number of placeholders. When null_tests is not NULL it receives one byte per placeholder: 1
 * when the placeholder stands right before IS NULL or IS NOT NULL (its only use, so the server
 * has nothing to infer its type from), else 0. */
int pg_placeholders(const char *sql, struct buf *out, struct buf *null_tests);

/* Searching on PostgreSQL. pg_trgm alone cannot use its index for one or two characters, the
 * most common Chinese searches. So the index covers landun_grams(text) (migrations 004 and 005):
 * the text lowered and rewritten as its pairs of adjacent characters, each a word of its own
 * (" 湖塘 塘镇 镇…"). A fragment becomes those pairs in a row, and every pattern then holds a
 * whole word start that pg_trgm can look up: "诊" is "% 诊%" (a pair starting with 诊),
 * "湖塘镇" is "% 湖塘 塘镇%". */

/* Append the indexed text of alias: its column search_text, which migration 005 stores as
 * landun_grams(lower(...)) of the searched columns cols (that list is for the reader: the
 * migration names the same columns). */
void pg_search_expr(const char *alias, const char *const *cols, struct buf *out);

/* Append the LIKE pattern for the fragment q. Runs of ASCII white space or punctuation (LIKE's
 * own `%`, `_` and `\` included, so user text never acts as a wildcard or an escape) split q
 * into pieces that must appear in that order, as the SQLite tokenizer drops them too: "长虹路 88"
 * finds "长虹路88号". ASCII letters are lowered, as the indexed text is. */
void pg_search_pattern(const char *q, struct buf *out);

#endif
