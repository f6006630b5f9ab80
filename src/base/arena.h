/* arena.h — a region allocator: many allocations, freed in one go (one per request). */
#ifndef LANDUN_ARENA_H
#define LANDUN_ARENA_H

#include <stdarg.h>
#include "base/util.h"

struct arena_block;

/* An arena. Zero-initialise (`struct arena a = {0};`) or use arena_new(). */
struct arena {
    struct arena_block *head; /* newest block; older ones chained behind it */
    size_t total;             /* bytes obtained from the heap, for limits and stats */
};

/* Allocate n bytes aligned for any type, zeroed; lives until arena_free. Never NULL. */
void *arena_alloc(struct arena *a, size_t n);
/* Copies into the arena. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF(2, 3);
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap) PRINTF(2, 0);
/* Free every allocation; the arena can be used again afterwards. */
void arena_free(struct arena *a);

#endif
