/* buf.h — a growable byte string on the heap (the one string builder, like Redis' sds). */
#ifndef LANDUN_BUF_H
#define LANDUN_BUF_H

#include <stdarg.h>
#include "base/util.h"

/* A growable buffer. Zero-initialise; p is always NUL-terminated once anything was added. */
struct buf {
    char *p;    /* bytes, NUL-terminated; NULL while empty and never grown */
    size_t len; /* bytes used, excluding the NUL */
    size_t cap; /* bytes allocated */
};

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) PRINTF(2, 3);
void buf_vaddf(struct buf *b, const char *fmt, va_list ap) PRINTF(2, 0);
/* Append s with HTML special characters (& < > " ') escaped. */
void buf_add_html(struct buf *b, const char *s, size_t n);
/* Append s percent-encoded for a URL query value. */
void buf_add_urlenc(struct buf *b, const char *s);
/* The contents as a C string ("" when empty); stays owned by b. */
const char *buf_str(const struct buf *b);
/* Take ownership of the heap string (caller frees); b is reset. Never NULL. */
char *buf_steal(struct buf *b);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

#endif
