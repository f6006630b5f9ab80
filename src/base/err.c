/* err.c — filling struct err. */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Format into out (n bytes); a message too long is cut before the character that does not fit,
 * never inside one (a cut UTF-8 sequence would make the JSON answer invalid). */
__attribute__((format(printf, 3, 0))) static void format(char *out, size_t n, const char *fmt,
                                                         va_list ap)
{
    int len = vsnprintf(out, n, fmt, ap);
    if (len < 0 || (size_t)len < n) return;
    size_t end = n - 1; /* the bytes kept; out[end] is the terminator */
    size_t lead = end;
    while (lead > 0 && ((unsigned char)out[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0) return;
    unsigned char c = (unsigned char)out[lead - 1];
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (end - (lead - 1) < need) out[lead - 1] = '\0';
}

int err_set(struct err *e, int code, const char *fmt, ...)
{
    if (!e) return code;
    va_list ap;
    va_start(ap, fmt);
    e->code = code;
    format(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return code;
}

int err_field(struct err *e, const char *field, const char *fmt, ...)
{
    if (!e) return ERR_INVALID;
    if (!e->code) e->code = ERR_INVALID;
    if (!e->msg[0]) snprintf(e->msg, sizeof e->msg, "%s", ERR_FIELDS_MSG);
    if (err_field_msg(e, field) || e->nfields >= ERR_MAX_FIELDS) return ERR_INVALID;
    struct err_field *f = &e->fields[e->nfields++];
    snprintf(f->name, sizeof f->name, "%s", field);
    va_list ap;
    va_start(ap, fmt);
    format(f->msg, sizeof f->msg, fmt, ap);
    va_end(ap);
    return ERR_INVALID;
}

const char *err_field_msg(const struct err *e, const char *field)
{
    for (int i = 0; i < e->nfields; i++)
        if (strcmp(e->fields[i].name, field) == 0) return e->fields[i].msg;
    return NULL;
}

void err_clear(struct err *e)
{
    memset(e, 0, sizeof *e);
}

const char *err_code_name(int code)
{
    switch (code) {
    case ERR_OK:
        return "ok";
    case ERR_INVALID:
        return "invalid";
    case ERR_BADREQ:
        return "bad_request";
    case ERR_UNAUTH:
        return "unauthorized";
    case ERR_FORBIDDEN:
        return "forbidden";
    case ERR_NOTFOUND:
        return "not_found";
    case ERR_CONFLICT:
        return "conflict";
    case ERR_TOOLARGE:
        return "too_large";
    case ERR_LOCKED:
        return "too_many_attempts";
    case ERR_NOSPACE:
        return "insufficient_storage";
    default:
        return "internal";
    }
}
