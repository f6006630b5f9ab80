/* form.c — parsing forms, JSON bodies and cookies. */
#include "web/form.h"

#include <string.h>

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

long url_decode(char *s, size_t len, bool plus_is_space)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '%') {
            if (i + 2 >= len) return -1;
            int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0) return -1;
            s[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else if (s[i] == '+' && plus_is_space) {
            s[o++] = ' ';
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = 0;
    return (long)o;
}

int form_parse_urlencoded(struct arena *a, const char *data, size_t len, struct param **out, int *n)
{
    size_t count = 1;
    for (size_t i = 0; i < len; i++)
        count += data[i] == '&';
    if (count > FORM_MAX_PARAMS) return ERR_BADREQ;
    struct param *p = arena_alloc(a, count * sizeof *p);
    int k = 0;
    size_t start = 0;
    while (start <= len) {
        size_t end = start;
        while (end < len && data[end] != '&')
            end++;
        if (end > start) {
            char *pair = arena_strndup(a, data + start, end - start);
            char *eq = strchr(pair, '=');
            char *value = eq ? eq + 1 : pair + strlen(pair);
            if (eq) *eq = 0;
            long nl = url_decode(pair, strlen(pair), true);
            long vl = url_decode(value, strlen(value), true);
            if (nl < 0 || vl < 0) return ERR_BADREQ;
            if (!utf8_valid_text(pair, (size_t)nl) || !utf8_valid_text(value, (size_t)vl))
                return ERR_BADREQ;
            if (nl > 0) p[k++] = (struct param){pair, value};
        }
        start = end + 1;
    }
    *out = p;
    *n = k;
    return 0;
}

/* Text of a JSON scalar, or NULL for objects, arrays and null. */
static const char *scalar_text(struct arena *a, json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_STRING:
        return arena_strdup(a, json_string_value(v));
    case JSON_INTEGER:
        return arena_printf(a, "%lld", (long long)json_integer_value(v));
    case JSON_REAL:
        return arena_printf(a, "%.17g", json_real_value(v));
    case JSON_TRUE:
        return "1";
    case JSON_FALSE:
        return "0";
    default:
        return NULL;
    }
}

int form_parse_json(struct arena *a, const char *data, size_t len, json_t **json,
                    struct param **out, int *n, struct err *e)
{
    json_error_t je;
    json_t *doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!doc)
        return err_set(e, ERR_BADREQ, "JSON格式错误（第%d行第%d列）：%s", je.line, je.column,
                       je.text);
    if (!json_is_object(doc)) {
        json_decref(doc);
        return err_set(e, ERR_BADREQ, "请求体应为JSON对象");
    }
    size_t cap = 0;
    const char *key;
    json_t *v;
    json_object_foreach(doc, key, v) cap += json_is_array(v) ? json_array_size(v) : 1;
    if (cap > FORM_MAX_PARAMS) {
        json_decref(doc);
        return err_set(e, ERR_BADREQ, "字段过多");
    }
    struct param *p = arena_alloc(a, (cap ? cap : 1) * sizeof *p);
    int k = 0;
    json_object_foreach(doc, key, v)
    {
        if (json_is_array(v)) {
            size_t i;
            json_t *item;
            json_array_foreach(v, i, item)
            {
                const char *t = scalar_text(a, item);
                if (t) p[k++] = (struct param){arena_strdup(a, key), t};
            }
            continue;
        }
        const char *t = scalar_text(a, v);
        if (t) p[k++] = (struct param){arena_strdup(a, key), t};
    }
    for (int i = 0; i < k; i++) {
        if (!utf8_valid_text(p[i].value, strlen(p[i].value))) {
            json_decref(doc);
            return err_set(e, ERR_BADREQ, "字段 %s 含有不允许的控制字符", p[i].name);
        }
    }
    *json = doc;
    *out = p;
    *n = k;
    return 0;
}

const char *cookie_value(struct arena *a, const char *header, const char *name)
{
    if (!header) return NULL;
    size_t nl = strlen(name);
    const char *p = header;
    while (*p) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > nl && strncmp(p, name, nl) == 0 && p[nl] == '=')
            return arena_strndup(a, p + nl + 1, len - nl - 1);
        p += len;
    }
    return NULL;
}
