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

/* memmem for the delimiter; NULL when absent. */
static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
    return m && n >= m ? memmem(hay, n, needle, m) : NULL;
}

/* A parameter of a header value, e.g. name="x" in Content-Disposition (arena), or NULL. */
static const char *header_param(struct arena *a, const char *h, size_t hlen, const char *key)
{
    size_t kl = strlen(key);
    for (size_t i = 0; i + kl + 2 <= hlen; i++) {
        if ((i && h[i - 1] != ' ' && h[i - 1] != ';') || strncasecmp(h + i, key, kl) != 0 ||
            h[i + kl] != '=')
            continue;
        const char *v = h + i + kl + 1, *end = h + hlen;
        if (v < end && *v == '"') {
            const char *q = memchr(v + 1, '"', (size_t)(end - v - 1));
            return q ? arena_strndup(a, v + 1, (size_t)(q - v - 1)) : NULL;
        }
        const char *stop = v;
        while (stop < end && *stop != ';' && *stop != ' ' && *stop != '\r')
            stop++;
        return arena_strndup(a, v, (size_t)(stop - v));
    }
    return NULL;
}

/* Parse one part (headers CRLF CRLF content) into params or file. */
static int multipart_part(struct arena *a, const char *p, size_t n, struct param *out, int *k,
                          struct upload *file)
{
    const char *sep = find(p, n, "\r\n\r\n", 4);
    if (!sep) return ERR_BADREQ;
    size_t hlen = (size_t)(sep - p);
    const char *disp = NULL;
    for (size_t i = 0; i + 20 <= hlen; i++)
        if (strncasecmp(p + i, "Content-Disposition:", 20) == 0) disp = p + i;
    if (!disp) return ERR_BADREQ;
    const char *eol = find(disp, (size_t)(p + hlen - disp), "\r\n", 2);
    size_t dlen = eol ? (size_t)(eol - disp) : (size_t)(p + hlen - disp);
    const char *name = header_param(a, disp, dlen, "name");
    const char *filename = header_param(a, disp, dlen, "filename");
    const char *body = sep + 4;
    size_t blen = n - hlen - 4;
    if (!name) return ERR_BADREQ;
    if (filename) {
        if (!file->data) *file = (struct upload){name, filename, body, blen};
        return 0;
    }
    if (*k >= FORM_MAX_PARAMS || !utf8_valid_text(body, blen)) return ERR_BADREQ;
    out[(*k)++] = (struct param){name, arena_strndup(a, body, blen)};
    return 0;
}

int form_parse_multipart(struct arena *a, const char *content_type, const char *data, size_t len,
                         struct param **out, int *n, struct upload *file)
{
    memset(file, 0, sizeof *file);
    const char *b =
        content_type ? header_param(a, content_type, strlen(content_type), "boundary") : NULL;
    if (!b || !*b || strlen(b) > 70) return ERR_BADREQ;
    const char *delim = arena_printf(a, "--%s", b);
    size_t dl = strlen(delim);
    struct param *p = arena_alloc(a, FORM_MAX_PARAMS * sizeof *p);
    int k = 0;
    const char *cur = find(data, len, delim, dl), *end = data + len;
    if (!cur) return ERR_BADREQ;
    const char *crlf_delim = arena_printf(a, "\r\n%s", delim);
    for (;;) {
        cur += dl;
        if (end - cur >= 2 && cur[0] == '-' && cur[1] == '-') break; /* closing delimiter */
        if (end - cur < 2 || cur[0] != '\r' || cur[1] != '\n') return ERR_BADREQ;
        cur += 2;
        const char *next = find(cur, (size_t)(end - cur), crlf_delim, dl + 2);
        if (!next) return ERR_BADREQ;
        if (multipart_part(a, cur, (size_t)(next - cur), p, &k, file)) return ERR_BADREQ;
        cur = next + 2;
    }
    *out = p;
    *n = k;
    return 0;
}
