/* draw_pack.h — a frozen pool as the draw needs it, in one compact value (law/plan_draw.c stores
 * it with the commitment, so the draw reads it instead of a million rows). */
#ifndef LANDUN_DRAW_PACK_H
#define LANDUN_DRAW_PACK_H

#include "base/buf.h"
#include "law/draw.h"

/* Append n pool entries (ids ascending) to out: per entry the id's increase over the previous
 * (over 0 for the first) as an unsigned LEB128 varint, then the stratum byte (0 for none). About
 * two bytes an entity in a registry of consecutive ids. Names are not packed. */
void draw_pack(const struct draw_entry *pool, size_t n, struct buf *out);

/* Unpack len bytes of draw_pack into *pool (xmalloc'd; ids and strata, names NULL) and *n.
 * Returns 0, or -1 when the bytes are not a packed pool of ascending ids (*pool is then NULL). */
int draw_unpack(const void *bytes, size_t len, struct draw_entry **pool, size_t *n);

#endif
