/* doc_layout.c — the one renderer of declared documents (doc_layout.h): a declaration of
 * data/documents/<type>.json, compiled once into plain-text templates, and a record's JSON become
 * a `struct document`, which docs/document.c lays out as a PDF. The format is docs/documents.md. */
#include "docs/doc_layout.h"
#include "docs/document.h"
#include "base/arena.h"
#include "base/date.h"
#include "base/embed.h"
#include "base/log.h"
#include "base/tmpl.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define DIR "data/documents/"

/* A text of a declaration: its paragraphs, each a template; at render time the paragraphs that
 * come out blank are dropped and the others joined by line breaks. n = 0: not declared. */
struct text {
    int *para; /* template ids (names "t<id>" in the set) */
    size_t n;  /* entries in para */
};

/* A part that may be left out: when is the id of a template that renders non-empty exactly when
 * the part is wanted, or -1 for always. */
struct field {
    struct text label, value;
    int when;
};
struct section {
    struct text heading, text;
    int when;
};
struct signature {
    struct text label, name, date;
    int when;
};

/* One declaration. */
struct layout {
    char *type;    /* file name without .json: a code of data/doc_types.json */
    bool personal; /* prints the person who made the request */
    bool seal;     /* the agency's seal block above the date */
    bool numbered; /* the headings of the sections printed are numbered 一、二、… in order */
    int copies;    /* 0, or the n 联 printed */
    struct text title, agency, addressee, date, notice;
    struct field *fields;
    size_t nfields;
    struct section *sections;
    size_t nsections;
    struct signature *sigs;
    size_t nsigs;
};

static struct tmpl_set *set;    /* every template of every declaration, plain */
static int ntemplates;          /* templates in set, named t0, t1, … */
static struct layout *layouts;  /* in file name order */
static size_t nlayouts;         /* entries in layouts */
static struct arena load_arena; /* the declarations' strings and arrays, kept for good */
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* ---- loading -------------------------------------------------------------------------------- */

/* Compile src as the next template; a template that does not compile stops the program. */
static int compile(const char *where, const char *src)
{
    char name[24];
    snprintf(name, sizeof name, "t%d", ntemplates);
    struct err e = {0};
    if (tmpl_add(set, name, src, strlen(src), &e)) fatal("%s: %s", where, e.msg);
    return ntemplates++;
}

/* The text declared as v at where: a string (one paragraph) or an array of strings; absent (NULL)
 * or a given default (def, or NULL) when v is missing. */
static struct text text_of(const char *where, json_t *v, const char *def)
{
    struct text t = {0};
    if (!v && def)
        v = json_string(def);
    else
        json_incref(v);
    if (!v) return t;
    if (!json_is_string(v) && !json_is_array(v))
        fatal("%s: a text is a string or an array of strings", where);
    size_t n = json_is_array(v) ? json_array_size(v) : 1;
    t.para = arena_alloc(&load_arena, (n ? n : 1) * sizeof *t.para);
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_is_array(v) ? json_array_get(v, i) : v;
        if (!json_is_string(s)) fatal("%s[%zu]: a paragraph is a string", where, i);
        t.para[t.n++] = compile(where, json_string_value(s));
    }
    json_decref(v);
    return t;
}

/* A condition: a path of the data ("step.note"), "!path" for its absence, or an array of these
 * (any of them); -1 when v is missing. As a template that renders "1" when it holds. */
static int when_of(const char *where, json_t *v)
{
    if (!v) return -1;
    size_t n = json_is_array(v) ? json_array_size(v) : 1;
    struct buf src = {0};
    for (size_t i = 0; i < n; i++) {
        const char *p = json_string_value(json_is_array(v) ? json_array_get(v, i) : v);
        bool negated = p && *p == '!';
        if (negated) p++;
        if (!p || !*p ||
            strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") !=
                strlen(p))
            fatal("%s: \"when\" is a path (a.b), !path, or an array of them", where);
        buf_addf(&src, "{{%c%s}}1{{/%s}}", negated ? '^' : '#', p, p);
    }
    int id = compile(where, buf_str(&src));
    buf_free(&src);
    return id;
}

/* Stop the program when o has a key not in keys (NULL-terminated): a misspelt key would be
 * silently ignored otherwise. */
static void known_keys(const char *where, json_t *o, const char *const *keys)
{
    if (!json_is_object(o)) fatal("%s: an object is expected", where);
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
    {
        const char *const *p = keys;
        while (*p && strcmp(*p, k) != 0)
            p++;
        if (!*p) fatal("%s: unknown key \"%s\"", where, k);
    }
}

#define GET(o, k) json_object_get(o, k)

/* The entries of the array under key of o, each through one(where, entry, &out[i]). */
#define LOAD_LIST(o, key, out, n, one, file)                                                       \
    do {                                                                                           \
        json_t *arr_ = GET(o, key);                                                                \
        if (arr_ && !json_is_array(arr_)) fatal("%s: \"%s\" is an array", file, key);              \
        n = json_array_size(arr_);                                                                 \
        out = arena_alloc(&load_arena, (n ? n : 1) * sizeof *out);                                 \
        for (size_t i_ = 0; i_ < n; i_++) {                                                        \
            char w_[160];                                                                          \
            snprintf(w_, sizeof w_, "%s: %s[%zu]", file, key, i_);                                 \
            one(w_, json_array_get(arr_, i_), &out[i_]);                                           \
        }                                                                                          \
    } while (0)

static void field_of(const char *where, json_t *o, struct field *f)
{
    static const char *const keys[] = {"label", "value", "when", NULL};
    known_keys(where, o, keys);
    if (!json_is_string(GET(o, "label"))) fatal("%s: a field needs a label", where);
    *f = (struct field){text_of(where, GET(o, "label"), NULL), text_of(where, GET(o, "value"), ""),
                        when_of(where, GET(o, "when"))};
}

static void section_of(const char *where, json_t *o, struct section *s)
{
    static const char *const keys[] = {"heading", "text", "when", NULL};
    known_keys(where, o, keys);
    if (!GET(o, "text")) fatal("%s: a section needs a text", where);
    *s = (struct section){text_of(where, GET(o, "heading"), NULL),
                          text_of(where, GET(o, "text"), NULL), when_of(where, GET(o, "when"))};
}

static void signature_of(const char *where, json_t *o, struct signature *s)
{
    static const char *const keys[] = {"label", "name", "date", "when", NULL};
    known_keys(where, o, keys);
    if (!json_is_string(GET(o, "label"))) fatal("%s: a signature needs a label", where);
    *s = (struct signature){text_of(where, GET(o, "label"), NULL),
                            text_of(where, GET(o, "name"), ""), text_of(where, GET(o, "date"), ""),
                            when_of(where, GET(o, "when"))};
}

/* The declaration in file f (data/documents/<type>.json) into l. */
static void layout_of(const struct embed_file *f, struct layout *l)
{
    static const char *const keys[] = {"type",      "about",  "personal", "title",    "agency",
                                       "addressee", "fields", "sections", "numbered", "signatures",
                                       "seal",      "date",   "notice",   "copies",   NULL};
    json_error_t je;
    json_t *o = json_loadb(f->data, f->len, JSON_REJECT_DUPLICATES, &je);
    if (!o) fatal("%s: line %d: %s", f->name, je.line, je.text);
    known_keys(f->name, o, keys);
    const char *base = f->name + strlen(DIR);
    l->type = arena_strndup(&load_arena, base, strlen(base) - strlen(".json"));
    const char *type = json_string_value(GET(o, "type"));
    if (!type || strcmp(type, l->type) != 0)
        fatal("%s: \"type\" must be the file's name, %s", f->name, l->type);
    json_t *copies = GET(o, "copies");
    if (copies && (!json_is_integer(copies) || json_integer_value(copies) < 0 ||
                   json_integer_value(copies) > 9))
        fatal("%s: \"copies\" is a number of 联 from 0 to 9", f->name);
    l->personal = json_is_true(GET(o, "personal"));
    l->seal = json_is_true(GET(o, "seal"));
    l->numbered = json_is_true(GET(o, "numbered"));
    l->copies = (int)json_integer_value(copies);
    l->title = text_of(f->name, GET(o, "title"), "{{document.title}}");
    l->agency = text_of(f->name, GET(o, "agency"), "{{agency}}");
    l->addressee = text_of(f->name, GET(o, "addressee"), NULL);
    l->date = text_of(f->name, GET(o, "date"), "{{document.date}}");
    l->notice = text_of(f->name, GET(o, "notice"), NULL);
    LOAD_LIST(o, "fields", l->fields, l->nfields, field_of, f->name);
    LOAD_LIST(o, "sections", l->sections, l->nsections, section_of, f->name);
    LOAD_LIST(o, "signatures", l->sigs, l->nsigs, signature_of, f->name);
    json_decref(o);
}

/* Read and compile every declaration (once). */
static void load(void)
{
    set = tmpl_set_new();
    tmpl_set_plain(set, true);
    const struct embed_file *first;
    size_t n = embed_list(DIR, &first);
    layouts = arena_alloc(&load_arena, (n ? n : 1) * sizeof *layouts);
    for (size_t i = 0; i < n; i++) {
        const char *name = first[i].name;
        size_t len = strlen(name);
        if (len < 5 || strcmp(name + len - 5, ".json") != 0) continue;
        layout_of(&first[i], &layouts[nlayouts++]);
    }
}

/* The declaration of type, or NULL. */
static const struct layout *find(const char *type)
{
    pthread_once(&once, load);
    for (size_t i = 0; type && i < nlayouts; i++)
        if (strcmp(layouts[i].type, type) == 0) return &layouts[i];
    return NULL;
}

bool doc_layout_has(const char *type)
{
    return find(type) != NULL;
}

bool doc_layout_personal(const char *type)
{
    const struct layout *l = find(type);
    return l && l->personal;
}

size_t doc_layout_count(void)
{
    pthread_once(&once, load);
    return nlayouts;
}

const char *doc_layout_type(size_t i)
{
    return i < doc_layout_count() ? layouts[i].type : NULL;
}

/* ---- the data the templates see ---------------------------------------------------------------
 */

/* Whether s is a code: lower-case ASCII letters, digits and _, starting with a letter. */
static bool is_code(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && n <= 40 && s[0] >= 'a' && s[0] <= 'z' &&
           strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

/* Beside every date under k its printed form k_cn, beside every code under k the object k_is
 * with it true; in v and everything v holds. Keys already there are left as they are. */
static void add_twins(json_t *v)
{
    size_t i;
    json_t *x;
    const char *k;
    if (json_is_array(v)) {
        json_array_foreach(v, i, x)
        {
            add_twins(x);
        }
        return;
    }
    if (!json_is_object(v)) return;
    json_t *twins = json_object();
    json_object_foreach(v, k, x)
    {
        add_twins(x);
        const char *s = json_string_value(x);
        day_t d;
        char key[128];
        if (!s || strlen(k) > sizeof key - 4) continue;
        if (strlen(s) == 10 && date_parse(s, &d) == 0) {
            int y, m, dd;
            date_ymd(d, &y, &m, &dd);
            snprintf(key, sizeof key, "%s_cn", k);
            json_object_set_new(twins, key, json_sprintf("%d年%d月%d日", y, m, dd));
        } else if (is_code(s)) {
            snprintf(key, sizeof key, "%s_is", k);
            json_t *is = json_object();
            json_object_set_new(is, s, json_true());
            json_object_set_new(twins, key, is);
        }
    }
    json_object_update_missing(v, twins);
    json_decref(twins);
}

/* ---- rendering ------------------------------------------------------------------------------ */

/* Render template id over data into out (appended). */
static int run(int id, json_t *data, struct buf *out, struct err *e)
{
    char name[24];
    snprintf(name, sizeof name, "t%d", id);
    return tmpl_render(set, name, data, out, e);
}

/* Whether the condition holds (-1: always). */
static int holds(int when, json_t *data, bool *yes, struct err *e)
{
    *yes = true;
    if (when < 0) return 0;
    struct buf b = {0};
    int rc = run(when, data, &b, e);
    *yes = b.len > 0;
    buf_free(&b);
    return rc;
}

/* Whether s holds nothing but white space (ASCII, line breaks, the ideographic space). */
static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            i++;
        } else if (n - i >= 3 && memcmp(s + i, "　", 3) == 0) {
            i += 3;
        } else {
            return false;
        }
    }
    return true;
}

/* The text t over data, its blank paragraphs dropped, on a (NULL when t is not declared). */
static int render_text(const struct text *t, json_t *data, struct arena *a, const char **out,
                       struct err *e)
{
    *out = NULL;
    if (!t->n) return 0;
    struct buf b = {0}, p = {0};
    int rc = 0;
    for (size_t i = 0; !rc && i < t->n; i++) {
        p.len = 0;
        rc = run(t->para[i], data, &p, e);
        if (rc || blank(p.p, p.len)) continue;
        if (b.len) buf_addc(&b, '\n');
        buf_add(&b, p.p, p.len);
    }
    *out = rc ? NULL : arena_strndup(a, b.p ? b.p : "", b.len);
    buf_free(&b);
    buf_free(&p);
    return rc;
}

/* The fields of l that hold for data into d. */
static int fill_fields(const struct layout *l, json_t *data, struct arena *a, struct document *d,
                       struct err *e)
{
    struct doc_field *f = arena_alloc(a, (l->nfields + 1) * sizeof *f);
    int n = 0, rc = 0;
    for (size_t i = 0; !rc && i < l->nfields; i++) {
        bool yes;
        rc = holds(l->fields[i].when, data, &yes, e);
        if (rc || !yes) continue;
        rc = render_text(&l->fields[i].label, data, a, &f[n].label, e);
        if (!rc) rc = render_text(&l->fields[i].value, data, a, &f[n].value, e);
        n += !rc;
    }
    d->fields = f;
    d->nfields = n;
    return rc;
}

/* n (1 to 99) in Chinese numerals: 一, 十, 十二, 二十一 (on a). */
static const char *numeral(struct arena *a, int n)
{
    static const char *const digit[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 10) return digit[n];
    return arena_printf(a, "%s十%s", n >= 20 ? digit[n / 10] : "", digit[n % 10]);
}

/* The sections of l that hold for data and are not blank into d. */
static int fill_sections(const struct layout *l, json_t *data, struct arena *a, struct document *d,
                         struct err *e)
{
    struct doc_section *s = arena_alloc(a, (l->nsections + 1) * sizeof *s);
    int n = 0, rc = 0, headed = 0;
    for (size_t i = 0; !rc && i < l->nsections; i++) {
        bool yes;
        rc = holds(l->sections[i].when, data, &yes, e);
        if (rc || !yes) continue;
        rc = render_text(&l->sections[i].heading, data, a, &s[n].heading, e);
        if (!rc) rc = render_text(&l->sections[i].text, data, a, &s[n].text, e);
        if (rc || !*s[n].text) continue; /* a heading over nothing is left out with it */
        if (l->numbered && s[n].heading && *s[n].heading)
            s[n].heading = arena_printf(a, "%s、%s", numeral(a, ++headed), s[n].heading);
        n++;
    }
    d->sections = s;
    d->nsections = n;
    return rc;
}

/* The signature lines of l that hold for data into d. */
static int fill_signatures(const struct layout *l, json_t *data, struct arena *a,
                           struct document *d, struct err *e)
{
    struct doc_signature *s = arena_alloc(a, (l->nsigs + 1) * sizeof *s);
    int n = 0, rc = 0;
    for (size_t i = 0; !rc && i < l->nsigs; i++) {
        bool yes;
        rc = holds(l->sigs[i].when, data, &yes, e);
        if (rc || !yes) continue;
        rc = render_text(&l->sigs[i].label, data, a, &s[n].label, e);
        if (!rc) rc = render_text(&l->sigs[i].name, data, a, &s[n].name, e);
        if (!rc) rc = render_text(&l->sigs[i].date, data, a, &s[n].date, e);
        n += !rc;
    }
    d->sigs = s;
    d->nsigs = n;
    return rc;
}

/* The struct document of l over data (strings on a). */
static int fill(const struct layout *l, json_t *data, struct arena *a, struct document *d,
                struct err *e)
{
    json_t *doc = json_object_get(data, "document");
    *d = (struct document){
        .number = json_string_value(json_object_get(doc, "number")),
        .number_label = json_string_value(json_object_get(doc, "number_label")),
        .seal = l->seal,
        .copies_note = l->copies,
    };
    int rc = render_text(&l->title, data, a, &d->title, e);
    if (!rc) rc = render_text(&l->agency, data, a, &d->agency_name, e);
    if (!rc) rc = render_text(&l->addressee, data, a, &d->addressee, e);
    if (!rc) rc = render_text(&l->date, data, a, &d->date, e);
    if (!rc) rc = render_text(&l->notice, data, a, &d->notice, e);
    if (!rc) rc = fill_fields(l, data, a, d, e);
    if (!rc) rc = fill_sections(l, data, a, d, e);
    if (!rc) rc = fill_signatures(l, data, a, d, e);
    return rc;
}

int doc_layout_render(const char *type, json_t *data, struct buf *out, struct err *e)
{
    const struct layout *l = find(type);
    if (!l) return err_set(e, ERR_NOTFOUND, "文书种类 %s 没有格式声明", type ? type : "");
    json_t *seen = json_deep_copy(data);
    if (!seen) seen = json_object();
    add_twins(seen);
    struct arena a = {0};
    struct document d;
    int rc = fill(l, seen, &a, &d, e);
    if (!rc) rc = doc_render_pdf(&d, out, e);
    arena_free(&a);
    json_decref(seen);
    return rc;
}
