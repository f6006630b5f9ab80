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

/* Append the text the search index covers for cols (NULL-terminated) of alias: the same
 * expression the migrations index with gin_trgm_ops, e.g.
 * (coalesce(x.name,'')||' '||coalesce(x.address,'')). */
void pg_search_expr(const char *alias, const char *const *cols, struct buf *out);

/* Append the ILIKE pattern that finds q as a fragment: `%q%`, with every run of ASCII white space
 * or punctuation (LIKE's own `%`, `_` and `\` included, so user text never acts as a wildcard or
 * an escape) turned into `%`. The SQLite tokenizer drops them too, so "长虹路 88" finds
 * "长虹路88号" on both engines; here the parts may also stand further apart. */
void pg_search_pattern(const char *q, struct buf *out);

#endif
