/* draw_pack.c — packing a frozen pool's ids and grades (law/draw_pack.h). */
#include "law/draw_pack.h"

#include <stdlib.h>

void draw_pack(const struct draw_entry *pool, size_t n, struct buf *out)
{
    buf_grow(out, n * 2);
    int64_t last = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t step = (uint64_t)(pool[i].id - last);
        last = pool[i].id;
        unsigned char b[11];
        size_t k = 0;
        do {
            b[k] = (unsigned char)(step & 0x7f);
            step >>= 7;
            b[k] |= step ? 0x80 : 0;
            k++;
        } while (step);
        b[k++] = (unsigned char)pool[i].stratum;
        buf_add(out, b, k);
    }
}

/* The varint at *p (before end) into *v; advances *p. -1 when it runs past end or 64 bits. */
static int varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
    *v = 0;
    for (int shift = 0; *p < end && shift < 64; shift += 7) {
        unsigned char b = *(*p)++;
        *v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) return 0;
    }
    return -1;
}

int draw_unpack(const void *bytes, size_t len, struct draw_entry **pool, size_t *n)
{
    const unsigned char *p = bytes, *end = p + len;
    size_t cap = len / 2 + 1; /* every entry takes two bytes at least */
    struct draw_entry *out = xmalloc(cap * sizeof *out);
    int64_t last = 0;
    size_t k = 0;
    bool bad = false;
    while (p < end) {
        uint64_t step;
        bad =
            varint(&p, end, &step) || p == end || step == 0 || step > (uint64_t)(INT64_MAX - last);
        if (bad) break;
        last += (int64_t)step;
        out[k++] = (struct draw_entry){last, NULL, (char)*p++};
    }
    if (bad) {
        free(out);
        *pool = NULL;
        *n = 0;
        return -1;
    }
    *pool = out;
    *n = k;
    return 0;
}
