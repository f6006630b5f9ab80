/* err.h — errors are values: a code, a message, and field-level messages for forms. */
#ifndef LANDUN_ERR_H
#define LANDUN_ERR_H

#include "base/util.h"

/* Negative codes returned by functions that can fail; the web layer maps them to HTTP statuses. */
enum err_code {
    ERR_OK = 0,
    ERR_INVALID = -1,   /* bad input: 422 (form/JSON field errors) */
    ERR_BADREQ = -2,    /* malformed request: 400 */
    ERR_UNAUTH = -3,    /* not logged in / bad credentials: 401 */
    ERR_FORBIDDEN = -4, /* logged in but not allowed: 403 */
    ERR_NOTFOUND = -5,  /* no such record (or not in the caller's scope): 404 */
    ERR_CONFLICT = -6,  /* duplicate or stale state: 409 */
    ERR_TOOLARGE = -7,  /* body or upload too large: 413 */
    ERR_LOCKED = -8,    /* too many attempts: 429 */
    ERR_INTERNAL = -9,  /* database or I/O failure: 500 */
    ERR_NOSPACE = -10,  /* the disk (or a quota) is full: 507 */
};

#define ERR_MAX_FIELDS 24

/* One field's error: the input name and a Chinese message for the user. */
struct err_field {
    char name[48]; /* form field / JSON key */
    char msg[320]; /* Chinese message shown next to the field (about 100 characters) */
};

/* The error value filled by a failing function. Zero-initialise before use. */
/* The message of an error that is only its fields' (err_field): the web layer counts them. */
#define ERR_FIELDS_MSG "提交的内容有误，请按提示修改"

struct err {
    int code;                                /* enum err_code; 0 while no error */
    char msg[256];                           /* Chinese summary for the user */
    int nfields;                             /* number of entries in fields */
    struct err_field fields[ERR_MAX_FIELDS]; /* per-field messages */
};

/* Set code and summary message; returns code so callers can `return err_set(...)`. */
int err_set(struct err *e, int code, const char *fmt, ...) PRINTF(3, 4);
/* Add a field message and make the error ERR_INVALID (unless already set); returns ERR_INVALID. */
int err_field(struct err *e, const char *field, const char *fmt, ...) PRINTF(3, 4);
/* The message for field, or NULL. */
const char *err_field_msg(const struct err *e, const char *field);
/* Reset to no error. */
void err_clear(struct err *e);
/* Short English name of a code ("invalid", "not_found", …) for JSON. */
const char *err_code_name(int code);

#endif
