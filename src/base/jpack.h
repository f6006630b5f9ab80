/* jpack.h — json_pack that never returns NULL: a bad format or argument is a programming error,
 * so it aborts with the reason (tests then fail loudly instead of dropping data silently). */
#ifndef LANDUN_JPACK_H
#define LANDUN_JPACK_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

/* As json_pack; the caller owns the result. */
json_t *jpack(const char *fmt, ...);

/* Setting one member without parsing a format: for rows of lists, built many times per request.
 * key is an ASCII literal (not checked). Text is checked as UTF-8 here once (json_string checks
 * byte by byte through a function call, a tenth of a list page's time); NULL or text that is not
 * UTF-8 sets null. */
void jset_text(json_t *o, const char *key, const char *s);
void jset_int(json_t *o, const char *key, int64_t v);
void jset_bool(json_t *o, const char *key, bool v);

/* Reading one member: its integer (0 when absent or not one), its text ("" when absent or not
 * text). */
int64_t jget_int(const json_t *o, const char *key);
const char *jget_text(const json_t *o, const char *key);

#endif
