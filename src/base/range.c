/* range.c — one byte range of a Range header: "bytes=a-b", "bytes=a-", "bytes=-n". */
#include "base/range.h"

#include <stdbool.h>
#include <string.h>

/* A run of digits at *p as a number (at most 18 digits: no overflow); false when none. */
static bool digits(const char **p, int64_t *out)
{
    const char *s = *p;
    int64_t v = 0;
    int n = 0;
    while (*s >= '0' && *s <= '9') {
        if (++n > 18) return false;
        v = v * 10 + (*s++ - '0');
    }
    if (!n) return false;
    *p = s;
    *out = v;
    return true;
}

static void skip_space(const char **p)
{
    while (**p == ' ' || **p == '\t')
        (*p)++;
}

enum range_result range_parse(const char *h, int64_t size, int64_t *from, int64_t *to)
{
    if (!h || strncmp(h, "bytes=", 6) != 0) return RANGE_WHOLE;
    const char *p = h + 6;
    skip_space(&p);
    int64_t a = -1, b = -1;
    if (*p == '-') { /* the last n bytes */
        p++;
        if (!digits(&p, &b)) return RANGE_WHOLE;
        skip_space(&p);
        if (*p) return RANGE_WHOLE; /* several ranges or garbage: the whole file */
        if (b == 0 || size == 0) return RANGE_UNSATISFIABLE;
        *from = b >= size ? 0 : size - b;
        *to = size - 1;
        return RANGE_PART;
    }
    if (!digits(&p, &a) || *p++ != '-') return RANGE_WHOLE;
    if (*p >= '0' && *p <= '9' && !digits(&p, &b)) return RANGE_WHOLE;
    skip_space(&p);
    if (*p || (b >= 0 && b < a)) return RANGE_WHOLE;
    if (a >= size) return RANGE_UNSATISFIABLE;
    *from = a;
    *to = b < 0 || b >= size ? size - 1 : b;
    return RANGE_PART;
}
