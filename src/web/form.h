/* form.h — parsers of outside input: URL-encoded forms and queries, JSON bodies, cookies.
 * Each is fuzzed (tests/fuzz/fuzz_form.c). */
#ifndef LANDUN_FORM_H
#define LANDUN_FORM_H

#include <jansson.h>
#include "web/http.h"

#define FORM_MAX_PARAMS 512

/* Decode application/x-www-form-urlencoded data into params (arena). Returns 0, or ERR_BADREQ
 * for invalid UTF-8 or control characters, or more than FORM_MAX_PARAMS fields. */
int form_parse_urlencoded(struct arena *a, const char *data, size_t len, struct param **out,
                          int *n);
/* Parse a JSON object body: *json gets the document (caller decrefs), params its top-level
 * scalar fields as text (numbers in decimal, true/false as "1"/"0") and the scalar elements of
 * top-level arrays as repeated fields. ERR_BADREQ with a message for anything else. */
int form_parse_json(struct arena *a, const char *data, size_t len, json_t **json,
                    struct param **out, int *n, struct err *e);
/* One uploaded file of a multipart/form-data body. */
struct upload {
    const char *field;    /* the form field's name */
    const char *filename; /* as the browser sent it (arena; may be "") */
    const char *data;     /* points into the body */
    size_t len;
};
/* Parse a multipart/form-data body (content_type carries the boundary): text fields into params
 * (arena, valid UTF-8 only), the first file part into *file (file->data NULL when none).
 * ERR_BADREQ for a malformed body. */
int form_parse_multipart(struct arena *a, const char *content_type, const char *data, size_t len,
                         struct param **out, int *n, struct upload *file);
/* The value of cookie name in a Cookie header (arena), or NULL. */
const char *cookie_value(struct arena *a, const char *header, const char *name);
/* Decode %XX and '+' in place; returns the new length, or -1 for a bad escape. */
long url_decode(char *s, size_t len, bool plus_is_space);

#endif
