/* util.h — allocation that never returns NULL, and small helpers used everywhere. */
#ifndef LANDUN_UTIL_H
#define LANDUN_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define countof(a)   (sizeof(a) / sizeof((a)[0]))
#define PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Abort the process with a message: only for impossible states and out-of-memory. */
_Noreturn void fatal(const char *fmt, ...) PRINTF(1, 2);

/* Heap allocation; abort on failure (as Redis' zmalloc). Caller frees with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* True when s is NULL or only white space. */
bool str_blank(const char *s);
/* True when s starts with prefix. */
bool str_prefix(const char *s, const char *prefix);
/* Trim ASCII white space and U+3000 (ideographic space) in place; returns s. */
char *str_trim(char *s);
/* True when the len bytes at s are valid UTF-8 without NUL or C0 controls other than \t\n\r. */
bool utf8_valid_text(const char *s, size_t len);
/* Number of code points in the UTF-8 string s. */
size_t utf8_len(const char *s);

/* Comma lists ("medical,water", the form of a multi-valued field and of a stored code list).
 * csv_next takes the next item from *p (its start in *item, its length returned) and moves *p
 * past it and its comma: `for (const char *p = list; *p;) { n = csv_next(&p, &item); … }`.
 * csv_has: whether code is one of list's items (a NULL or empty list or code holds none). */
size_t csv_next(const char **p, const char **item);
bool csv_has(const char *list, const char *code);

/* Parse a base-10 int64 occupying all of s (no trailing text); 0 on success, -1 otherwise. */
int parse_i64(const char *s, int64_t *out);

#endif
