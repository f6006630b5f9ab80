/* jpack.c — checked json_pack. */
#include "base/jpack.h"
#include "base/util.h"

#include <stdarg.h>
#include <string.h>

json_t *jpack(const char *fmt, ...)
{
    json_error_t je;
    va_list ap;
    va_start(ap, fmt);
    json_t *v = json_vpack_ex(&je, 0, fmt, ap);
    va_end(ap);
    if (!v) fatal("json pack \"%s\": %s", fmt, je.text);
    return v;
}

void jset_text(json_t *o, const char *key, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    json_t *v = s && utf8_valid_text(s, n) ? json_stringn_nocheck(s, n) : json_null();
    json_object_set_new_nocheck(o, key, v);
}

void jset_int(json_t *o, const char *key, int64_t v)
{
    json_object_set_new_nocheck(o, key, json_integer((json_int_t)v));
}

void jset_bool(json_t *o, const char *key, bool v)
{
    json_object_set_new_nocheck(o, key, json_boolean(v));
}

int64_t jget_int(const json_t *o, const char *key)
{
    return (int64_t)json_integer_value(json_object_get(o, key));
}

const char *jget_text(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}
