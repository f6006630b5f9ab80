/* publicity_mask.c — [R-PUB-01] the one masking of personal information that every public
 * output of an item passes (publicity.h: publicity_mask). */
#include <ctype.h>
#include <string.h>
#include "base/codes.h"
#include "base/util.h"
#include "law/draw.h"
#include "law/publicity.h"

#define HIDDEN "（已隐去）"

/* Fields that name a person's own details; hidden whole when the party is a natural person. */
static const char *const personal_fields[] = {"address", "phone", NULL};

/* The registration codes of an organisation (统一社会信用代码 and the older ones): published as
 * they are for an organisation — an all-digit code is not a person's number — and left empty for
 * a natural person, who has none. */
static const char *const code_fields[] = {"uscc",        "reg_no",      "org_code",
                                          "tax_no",      "inst_no",     "social_no",
                                          "agency_uscc", "source_uscc", NULL};

static bool is_code(const char *key)
{
    for (const char *const *f = code_fields; *f; f++)
        if (strcmp(*f, key) == 0) return true;
    return false;
}

/* Length of the run of digits (and a final X of an ID number) at s. */
static size_t digit_run(const char *s, bool *x_end)
{
    size_t n = 0;
    while (isdigit((unsigned char)s[n]))
        n++;
    *x_end = n == 17 && (s[n] == 'X' || s[n] == 'x');
    return n + (*x_end ? 1 : 0);
}

/* A run of digits that is an ID number (15 or 18 characters) or a mobile number (11 digits
 * beginning 13…19), or a landline with its area code (0 and 9 to 11 more). */
static bool personal_number(const char *s, size_t n, bool x_end)
{
    if (x_end || n == 18 || n == 15) return true;
    if (n == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9') return true;
    return n >= 10 && n <= 12 && s[0] == '0';
}

/* Whether text may hold a personal number: a run of ten or more digits and hyphens (every
 * number personal_number takes has ten digits or more). Most texts have none and are kept as
 * they are without being copied. */
static bool has_long_number(const char *text)
{
    size_t run = 0;
    for (const char *p = text; *p; p++) {
        run = isdigit((unsigned char)*p) || *p == '-' ? run + 1 : 0;
        if (run >= 10) return true;
    }
    return false;
}

/* text with every ID-, mobile- or landline-shaped run of digits starred (arena), or text itself
 * when it has none. A landline written 0519-8888888 is one run once the hyphen is read through. */
static const char *scrub_numbers(struct arena *a, const char *text)
{
    if (!has_long_number(text)) return text;
    struct buf out = {0};
    bool changed = false;
    for (const char *p = text; *p;) {
        if (!isdigit((unsigned char)*p) || (p > text && isalnum((unsigned char)p[-1]))) {
            buf_addc(&out, *p++);
            continue;
        }
        bool x_end = false;
        size_t n = digit_run(p, &x_end), m = n;
        if (!x_end && p[n] == '-' && p[0] == '0' && n >= 3 && n <= 4) {
            size_t rest = digit_run(p + n + 1, &x_end);
            if (rest >= 7 && rest <= 8) m = n + 1 + rest, n = n + rest;
        }
        if (!isalpha((unsigned char)p[m]) && personal_number(p, n, x_end)) {
            for (size_t i = 0; i < m; i++)
                buf_addc(&out, p[i] == '-' ? '-' : '*');
            changed = true;
        } else {
            buf_add(&out, p, m);
        }
        p += m;
    }
    const char *r = changed ? arena_strndup(a, out.p ? out.p : "", out.len) : text;
    buf_free(&out);
    return r;
}

/* text with every occurrence of secret replaced by with (arena), or text itself. */
static const char *replace_all(struct arena *a, const char *text, const char *secret,
                               const char *with)
{
    size_t sl = strlen(secret);
    if (sl < 2 || !strstr(text, secret)) return text;
    struct buf out = {0};
    for (const char *p = text, *q; *p; p = q + sl) {
        q = strstr(p, secret);
        if (!q) {
            buf_adds(&out, p);
            break;
        }
        buf_add(&out, p, (size_t)(q - p));
        buf_adds(&out, with);
        if (!q[sl]) break;
    }
    const char *r = arena_strndup(a, out.p ? out.p : "", out.len);
    buf_free(&out);
    return r;
}

/* An ID number as the public may see it: its region (the first six) and nothing of the person. */
static const char *public_id(struct arena *a, const char *id)
{
    size_t n = strlen(id);
    if (n < 7) return n ? "******" : "";
    char *s = arena_strndup(a, id, n);
    memset(s + 6, '*', n - 6);
    return s;
}

static void mask_person(struct arena *a, json_t *data)
{
    char name[128];
    const char *party = json_string_value(json_object_get(data, "party"));
    if (party) {
        draw_mask_name(party, name, sizeof name);
        json_object_set_new(data, "party", json_string(name));
    }
    const char *rep = json_string_value(json_object_get(data, "legal_rep"));
    if (rep && *rep) {
        draw_mask_name(rep, name, sizeof name);
        json_object_set_new(data, "legal_rep", json_string(name));
    }
    const char *id = json_string_value(json_object_get(data, "id_no"));
    if (id) json_object_set_new(data, "id_no", json_string(public_id(a, id)));
    for (const char *const *f = personal_fields; *f; f++)
        if (json_object_get(data, *f)) json_object_set_new(data, *f, json_string(HIDDEN));
    for (const char *const *f = code_fields; *f && f < code_fields + 6; f++)
        if (json_object_get(data, *f)) json_object_set_new(data, *f, json_string(""));
}

/* The person's own values in data before masking, as secrets: the name (party) first, then the
 * legal representative's name and the address. */
static void own_secrets(struct arena *a, json_t *data, const char **out)
{
    static const char *const keys[] = {"party", "legal_rep", "address"};
    for (int i = 0; i < 3; i++) {
        const char *v = json_string_value(json_object_get(data, keys[i]));
        out[i] = v && strcmp(v, HIDDEN) != 0 ? arena_strdup(a, v) : NULL;
    }
}

/* text with the secrets replaced: a name by its masked form, anything else hidden. */
static const char *hide(struct arena *a, const char *text, const char *const *secrets, size_t n,
                        size_t names)
{
    for (size_t i = 0; i < n; i++) {
        if (str_blank(secrets[i])) continue;
        char name[128];
        draw_mask_name(secrets[i], name, sizeof name);
        text = replace_all(a, text, secrets[i], i < names ? name : HIDDEN);
    }
    return text;
}

/* Whether field key holds a 统一社会信用代码 (uscc, agency_uscc, source_uscc) and text is a valid
 * one: an organisation's code, which the credit platforms need whole, not a person's number,
 * though 17 digits and a check character look like one. */
static bool org_code(const char *key, const char *text)
{
    size_t n = strlen(key);
    struct err e = {0};
    return n >= 4 && strcmp(key + n - 4, "uscc") == 0 && uscc_check(text, &e, NULL) == 0;
}

void publicity_mask(struct arena *a, json_t *data, bool person, const char *const *secrets)
{
    if (!json_is_object(data)) return;
    const char *own[3] = {NULL, NULL, NULL};
    if (person) {
        own_secrets(a, data, own);
        mask_person(a, data);
    }
    const char *key;
    json_t *v;
    void *tmp;
    json_object_foreach_safe(data, tmp, key, v)
    {
        const char *text = json_string_value(v);
        /* a code field is published as it is when it holds a valid code; anything else in it is
         * scrubbed like any text */
        if (!text || !*text || org_code(key, text) || (is_code(key) && !strstr(key, "uscc")))
            continue;
        const char *t = text;
        if (person) {
            t = hide(a, t, own, 3, 2);
            /* the caller's: the person's name first (shown masked), the others hidden */
            size_t n = 0;
            while (secrets && secrets[n])
                n++;
            t = hide(a, t, secrets, n, 1);
        }
        t = scrub_numbers(a, t);
        if (t != text) json_object_set_new(data, key, json_string(t));
    }
}
