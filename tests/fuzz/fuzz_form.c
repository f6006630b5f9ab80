/* fuzz_form.c — the request parsers: URL-encoded forms, JSON bodies, multipart uploads, cookies,
 * request targets. */
#include "web/form.h"
#include "web/web.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a = {0};
    struct param *p;
    int n;
    struct err e = {0};
    json_t *doc = NULL;
    form_parse_urlencoded(&a, (const char *)data, size, &p, &n);
    if (form_parse_json(&a, (const char *)data, size, &doc, &p, &n, &e) == 0) json_decref(doc);
    struct upload f;
    form_parse_multipart(&a, "multipart/form-data; boundary=XyZ", (const char *)data, size, &p, &n,
                         &f);
    char *s = arena_strndup(&a, (const char *)data, size);
    cookie_value(&a, s, "landun_sid");
    struct req r = {.arena = &a, .method = "GET"};
    if (s[0] == '/') web_parse_target(&r, s);
    arena_free(&a);
    return 0;
}
