/* jpack.h — json_pack that never returns NULL: a bad format or argument is a programming error,
 * so it aborts with the reason (tests then fail loudly instead of dropping data silently). */
#ifndef LANDUN_JPACK_H
#define LANDUN_JPACK_H

#include <jansson.h>

/* As json_pack; the caller owns the result. */
json_t *jpack(const char *fmt, ...);

#endif
