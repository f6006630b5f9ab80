/* jpack.c — checked json_pack. */
#include "base/jpack.h"
#include "base/util.h"

#include <stdarg.h>

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
