/* util.c — allocation that never fails and small string helpers. */
#include "base/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void fatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("landun: fatal: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) fatal("out of memory (%zu bytes)", n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) fatal("out of memory (%zu x %zu bytes)", n, size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) fatal("out of memory (%zu bytes)", n);
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

bool str_blank(const char *s)
{
    if (!s) return true;
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) return false;
    return true;
}

size_t csv_next(const char **p, const char **item)
{
    size_t len = strcspn(*p, ",");
    *item = *p;
    *p += len + ((*p)[len] == ',');
    return len;
}

bool csv_has(const char *list, const char *code)
{
    size_t n = code ? strlen(code) : 0;
    const char *item;
    for (const char *p = list ? list : ""; n && *p;) {
        size_t len = csv_next(&p, &item);
        if (len == n && strncmp(item, code, n) == 0) return true;
    }
    return false;
}

bool str_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* U+3000 IDEOGRAPHIC SPACE in UTF-8, common in pasted Chinese text. */
static size_t ideo_space(const char *s)
{
    return ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
            (unsigned char)s[2] == 0x80)
               ? 3
               : 0;
}

char *str_trim(char *s)
{
    char *start = s;
    for (;;) {
        if (isspace((unsigned char)*start))
            start++;
        else if (ideo_space(start))
            start += 3;
        else
            break;
    }
    size_t n = strlen(start);
    while (n > 0) {
        if (isspace((unsigned char)start[n - 1]))
            n--;
        else if (n >= 3 && ideo_space(start + n - 3))
            n -= 3;
        else
            break;
    }
    memmove(s, start, n);
    s[n] = 0;
    return s;
}

bool utf8_valid_text(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str, *end = s + len;
    while (s < end) {
        unsigned c = *s;
        if (c < 0x80) {
            if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
                return false;
            s++;
            continue;
        }
        int n;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF)
            n = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3, cp = c & 0x07;
        else
            return false;
        if (end - s < n + 1) return false;
        for (int i = 1; i <= n; i++) {
            if ((s[i] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        s += n + 1;
    }
    return true;
}

size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

int parse_i64(const char *s, int64_t *out)
{
    if (!s || !*s || isspace((unsigned char)*s)) return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end) return -1;
    *out = v;
    return 0;
}
