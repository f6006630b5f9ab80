/* fuzz_tmpl.c — libFuzzer target for the template engine.
 *
 * The input is a template and a JSON document, split at the first NUL (or half-way when there is
 * none). The template is compiled into a set next to a few fixed partials; when it compiles it is
 * rendered with the document (when that parses) and with a fixed data object. Checks beyond "no
 * crash": rendering is deterministic, a failed render leaves the output as it was, and escaped
 * output never contains a raw HTML special character.
 * Build tmpl.c with -DTMPL_MAX_STEPS=100000 for fuzzing: nested sections over arrays can take the
 * full default budget (16M steps) per render, which is right for a server and slow for a fuzzer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/tmpl.h"

/* Fixed data with every JSON type, nesting, arrays and hostile strings. */
static const char fixed_json[] =
    "{\"name\": \"<i>a&b</i>\", \"q\": \"\\\"'\", \"n\": 42, \"neg\": -1, \"r\": 1.5, \"zero\": 0,"
    " \"t\": true, \"f\": false, \"z\": null, \"s\": \"\", \"e\": [], \"cn\": \"行政处罚\","
    " \"items\": [{\"name\": \"x\", \"items\": []}, {\"name\": \"y\", \"items\": [{\"name\": \"z\","
    " \"items\": []}]}, 3, null, \"str\", [1, [2]]],"
    " \"obj\": {\"a\": {\"b\": {\"c\": \"deep\"}}, \"name\": \"inner\"}}";

/* Partials the fuzzed template may include; "self" is replaced by the fuzzed template itself. */
static const char *const partials[][2] = {
    {"p", "<b>{{name}}</b>{{#items}}[{{@index}}{{>p}}]{{/items}}"},
    {"row.html", "<tr>{{#@first}}F{{/@first}}{{.}}{{^@last}},{{/@last}}</tr>"},
    {"loop", "{{>loop}}"},
};

/* Render name twice and check the promises of tmpl_render. */
static void render_checked(const struct tmpl_set *set, const char *name, json_t *data)
{
    struct buf out = {0}, again = {0};
    struct err e = {0};
    buf_adds(&out, "prefix");
    buf_adds(&again, "prefix");
    int rc = tmpl_render(set, name, data, &out, &e);
    int rc2 = tmpl_render(set, name, data, &again, &e);
    if (rc != rc2 || out.len != again.len || memcmp(out.p, again.p, out.len) != 0) abort();
    if (rc && (out.len != 6 || memcmp(out.p, "prefix", 6) != 0)) abort();
    if (rc && rc != ERR_INTERNAL) abort();
    buf_free(&out);
    buf_free(&again);
}

/* The escaper must leave no special character in {{x}} whatever x holds. */
static void check_escaping(const uint8_t *data, size_t size)
{
    json_t *d = json_pack("{s:s%}", "x", (const char *)data, size);
    if (!d) return; /* not valid UTF-8: jansson refuses it, so it never reaches a template */
    struct buf out = {0};
    struct err e = {0};
    if (tmpl_render_string("{{x}}{{#x}}{{.}}{{/x}}", d, &out, &e)) abort();
    if (memchr(buf_str(&out), '<', out.len) || memchr(buf_str(&out), '>', out.len) ||
        memchr(buf_str(&out), '"', out.len) || memchr(buf_str(&out), '\'', out.len)) {
        abort();
    }
    buf_free(&out);
    json_decref(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static json_t *fixed;
    if (!fixed) {
        json_error_t je;
        fixed = json_loads(fixed_json, 0, &je);
        if (!fixed) abort();
    }
    const uint8_t *nul = memchr(data, 0, size);
    size_t tlen = nul ? (size_t)(nul - data) : size / 2;
    const char *tsrc = (const char *)data;
    const char *jsrc = (const char *)data + tlen + (nul ? 1 : 0);
    size_t jlen = size - tlen - (nul ? 1 : 0);

    struct tmpl_set *set = tmpl_set_new();
    struct err e = {0};
    for (size_t i = 0; i < sizeof partials / sizeof partials[0]; i++) {
        if (tmpl_add(set, partials[i][0], partials[i][1], strlen(partials[i][1]), &e)) abort();
    }
    int rc = tmpl_add(set, "self", tsrc, tlen, &e);
    if (rc) {
        /* every compile error says where */
        if (rc != ERR_INTERNAL || strncmp(e.msg, "template self line ", 19) != 0) abort();
        if (tmpl_has(set, "self")) abort();
    } else {
        json_error_t je;
        json_t *doc = json_loadb(jsrc, jlen, JSON_DECODE_ANY, &je);
        if (doc) render_checked(set, "self", doc);
        render_checked(set, "self", fixed);
        render_checked(set, "self", NULL);
        json_decref(doc);
    }
    tmpl_set_free(set);

    check_escaping(data, size < 4096 ? size : 4096);
    return 0;
}
