/* tmpl.c — the template engine: compile mustache-like source into a flat node array once,
 * then render it against jansson data any number of times, from any number of threads.
 *
 * A compiled template is an array of nodes. A section node records where its body ends, so the
 * renderer walks the array and recurses only into section bodies and partials; it never parses
 * and never allocates beyond appending to the output buffer. */
#include "base/tmpl.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

#define TMPL_MAX_SOURCE        (16u << 20) /* bytes: larger sources are surely a mistake */
#define TMPL_MAX_NEST          100         /* sections open at once within one template */
#define TMPL_MAX_SEGMENTS      32          /* parts of one dotted name */
#define TMPL_MAX_PARTIAL_DEPTH 32          /* {{> partial}} chain before a render error */
#define TMPL_MAX_RENDER_DEPTH  256         /* sections and partials nested while rendering */
#define TMPL_STRING_NAME       "(string)"  /* name of the template in tmpl_render_string */

/* Nodes one render may visit (~0.1 s; a 10,000-row table takes ~300,000): nested sections whose
 * names fall back to an outer array multiply, so a runaway template fails instead of spinning.
 * Overridable (-D) for fuzzing. */
#ifndef TMPL_MAX_STEPS
#define TMPL_MAX_STEPS (1L << 24)
#endif

/* ---------------------------------------------------------------------------------------------
 * Compiled form
 * ------------------------------------------------------------------------------------------ */

enum node_kind {
    NODE_TEXT,     /* literal bytes */
    NODE_VAR,      /* {{name}}: escaped value */
    NODE_RAW,      /* {{{name}}} or {{& name}}: unescaped value */
    NODE_SECTION,  /* {{#name}}: body follows, up to end */
    NODE_INVERTED, /* {{^name}}: body follows, up to end */
    NODE_PARTIAL,  /* {{> name}} */
};

enum name_kind {
    NAME_PATH,   /* a or a.b.c, looked up in the context stack */
    NAME_DOT,    /* . : the current value */
    NAME_INDEX,  /* @index: 0-based position in the innermost array section */
    NAME_NUMBER, /* @number: 1-based position */
    NAME_FIRST,  /* @first: true on the first element */
    NAME_LAST,   /* @last: true on the last element */
    NAME_COUNT,  /* @count: how many elements the innermost array has */
};

/* One step of a compiled template. */
struct tmpl_node {
    uint8_t kind;           /* enum node_kind */
    uint8_t name_kind;      /* enum name_kind, for VAR, RAW, SECTION and INVERTED */
    uint16_t nseg;          /* number of entries in seg (NAME_PATH) */
    uint32_t end;           /* SECTION, INVERTED: index of the first node after the body */
    int line;               /* source line of the tag, for render errors */
    size_t len;             /* TEXT: bytes at text */
    const char *text;       /* TEXT: the bytes; PARTIAL: the partial's name, NUL-terminated */
    const char *const *seg; /* NAME_PATH: segments of the dotted name, each NUL-terminated */
    uint64_t hash;          /* PARTIAL: name_hash(text), to look it up without rehashing */
};

/* One compiled template. Everything but nodes lives in arena. */
struct tmpl {
    char *name;              /* the name it was added under (in arena) */
    struct tmpl_node *nodes; /* the program (heap) */
    uint32_t nnodes;         /* entries in nodes */
    struct arena arena;      /* text, names and segments */
};

/* A slot of the set's open-addressing hash table; empty while t is NULL. */
struct tmpl_slot {
    uint64_t hash;  /* name_hash(t->name) */
    struct tmpl *t; /* the template, owned by the set */
};

struct tmpl_set {
    struct tmpl_slot *slots; /* cap entries, cap a power of two (or 0) */
    size_t cap;              /* table size */
    size_t count;            /* occupied slots; kept at most cap / 2 */
    bool plain;              /* {{name}} is not escaped (tmpl_set_plain) */
};

/* FNV-1a over a NUL-terminated name. */
static uint64_t name_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3u;
    }
    return h;
}

/* Free one compiled template. */
static void tmpl_free(struct tmpl *t)
{
    if (!t) return;
    free(t->nodes);
    arena_free(&t->arena);
    free(t);
}

/* ---------------------------------------------------------------------------------------------
 * The set: templates by name
 * ------------------------------------------------------------------------------------------ */

struct tmpl_set *tmpl_set_new(void)
{
    return xcalloc(1, sizeof(struct tmpl_set));
}

void tmpl_set_plain(struct tmpl_set *set, bool plain)
{
    set->plain = plain;
}

void tmpl_set_free(struct tmpl_set *set)
{
    if (!set) return;
    for (size_t i = 0; i < set->cap; i++)
        tmpl_free(set->slots[i].t);
    free(set->slots);
    free(set);
}

/* The slot holding name, or NULL. Read-only, so safe from many threads. */
static const struct tmpl_slot *set_find(const struct tmpl_set *set, const char *name, uint64_t hash)
{
    if (!set || !set->cap) return NULL;
    size_t mask = set->cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const struct tmpl_slot *s = &set->slots[i];
        if (!s->t) return NULL;
        if (s->hash == hash && strcmp(s->t->name, name) == 0) return s;
    }
}

/* Put t into the table, replacing (and freeing) a template of the same name. */
static void set_put(struct tmpl_set *set, struct tmpl *t)
{
    if ((set->count + 1) * 2 > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 16;
        struct tmpl_slot *slots = xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < set->cap; i++) {
            struct tmpl_slot *s = &set->slots[i];
            if (!s->t) continue;
            size_t j = s->hash & (cap - 1);
            while (slots[j].t)
                j = (j + 1) & (cap - 1);
            slots[j] = *s;
        }
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    uint64_t hash = name_hash(t->name);
    size_t mask = set->cap - 1;
    size_t i = hash & mask;
    for (; set->slots[i].t; i = (i + 1) & mask) {
        struct tmpl_slot *s = &set->slots[i];
        if (s->hash == hash && strcmp(s->t->name, t->name) == 0) {
            tmpl_free(s->t);
            s->t = t;
            return;
        }
    }
    set->slots[i].hash = hash;
    set->slots[i].t = t;
    set->count++;
}

bool tmpl_has(const struct tmpl_set *set, const char *name)
{
    return set_find(set, name, name_hash(name)) != NULL;
}

/* ---------------------------------------------------------------------------------------------
 * Compiling
 * ------------------------------------------------------------------------------------------ */

/* A section that is open while compiling. */
struct open_section {
    uint32_t node;    /* index of its SECTION / INVERTED node */
    int line;         /* line of the opening tag */
    char sigil;       /* '#' or '^', for messages */
    const char *name; /* the name as written (trimmed), in the source */
    size_t len;       /* bytes at name */
};

/* State of one compilation. */
struct compiler {
    const char *tname; /* template name, for messages */
    struct tmpl *t;    /* the template being built */
    char *text;        /* text bytes of all TEXT nodes (arena; as big as the source) */
    size_t text_len;   /* bytes used in text */
    size_t cap;        /* entries allocated in t->nodes */
    int line;          /* current source line (1-based) */
    bool merge_text;   /* the last node is TEXT with no tag but comments since */
    int nopen;         /* entries used in open */
    struct open_section open[TMPL_MAX_NEST]; /* sections not yet closed, innermost last */
    struct err *e;                           /* where errors go */
};

/* Fail compilation with "template NAME line N: message". */
static int compile_error(struct compiler *c, int line, const char *fmt, ...) PRINTF(3, 4);
static int compile_error(struct compiler *c, int line, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return err_set(c->e, ERR_INTERNAL, "template %s line %d: %s", c->tname, line, msg);
}

/* Append a zeroed node and return it (valid until the next call). */
static struct tmpl_node *add_node(struct compiler *c)
{
    if (c->t->nnodes == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->t->nodes = xrealloc(c->t->nodes, c->cap * sizeof *c->t->nodes);
    }
    struct tmpl_node *n = &c->t->nodes[c->t->nnodes++];
    memset(n, 0, sizeof *n);
    return n;
}

/* Number of '\n' in [p, end). */
static int count_lines(const char *p, const char *end)
{
    int n = 0;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

/* First occurrence of the NUL-terminated needle in [p, end), or NULL. */
static const char *find(const char *p, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    while (p < end && (size_t)(end - p) >= n) {
        p = memchr(p, needle[0], (size_t)(end - p) - n + 1);
        if (!p) return NULL;
        if (memcmp(p, needle, n) == 0) return p;
        p++;
    }
    return NULL;
}

/* Append literal text, merging with a TEXT node just before. */
static void add_text(struct compiler *c, const char *p, size_t n)
{
    if (!n) return;
    char *dst = c->text + c->text_len;
    memcpy(dst, p, n);
    c->text_len += n;
    if (c->merge_text) {
        c->t->nodes[c->t->nnodes - 1].len += n;
        return;
    }
    struct tmpl_node *node = add_node(c);
    node->kind = NODE_TEXT;
    node->line = c->line;
    node->text = dst;
    node->len = n;
    c->merge_text = true;
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* A byte allowed in a name segment: ASCII letter, digit, '_', '-', or part of a UTF-8 sequence. */
static bool is_name_byte(char ch)
{
    unsigned char u = (unsigned char)ch;
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' ||
           u == '-' || u >= 0x80;
}

/* Shorten a name for messages so that it always fits. */
static int msg_len(size_t len)
{
    return len > 60 ? 60 : (int)len;
}

/* Parse the (trimmed, non-empty) name s of a value or section tag into node. */
static int parse_name(struct compiler *c, int line, const char *s, size_t len,
                      struct tmpl_node *node)
{
    static const struct {
        const char *name;
        enum name_kind kind;
    } specials[] = {
        {"@index", NAME_INDEX}, {"@number", NAME_NUMBER}, {"@first", NAME_FIRST},
        {"@last", NAME_LAST},   {"@count", NAME_COUNT},
    };
    if (len == 1 && s[0] == '.') {
        node->name_kind = NAME_DOT;
        return 0;
    }
    if (s[0] == '@') {
        for (size_t i = 0; i < countof(specials); i++) {
            if (strlen(specials[i].name) == len && memcmp(specials[i].name, s, len) == 0) {
                node->name_kind = (uint8_t)specials[i].kind;
                return 0;
            }
        }
        return compile_error(c, line, "unknown special name \"%.*s\"", msg_len(len), s);
    }
    size_t nseg = 1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.') {
            nseg++;
        } else if (!is_name_byte(s[i])) {
            return compile_error(c, line,
                                 "bad character in tag (names are letters, digits, "
                                 "'_', '-' joined by '.')");
        }
    }
    if (nseg > TMPL_MAX_SEGMENTS) {
        return compile_error(c, line, "name has more than %d parts", TMPL_MAX_SEGMENTS);
    }
    const char **seg = arena_alloc(&c->t->arena, nseg * sizeof *seg);
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != '.') continue;
        if (i == start) {
            return compile_error(c, line, "empty part in name \"%.*s\"", msg_len(len), s);
        }
        seg[k++] = arena_strndup(&c->t->arena, s + start, i - start);
        start = i + 1;
    }
    node->name_kind = NAME_PATH;
    node->seg = seg;
    node->nseg = (uint16_t)nseg;
    return 0;
}

/* Compile the partial tag {{> name}} (name trimmed, non-empty). */
static int compile_partial(struct compiler *c, int line, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!is_name_byte(s[i]) && s[i] != '.' && s[i] != '/') {
            return compile_error(c, line, "bad character in partial name");
        }
    }
    struct tmpl_node *node = add_node(c);
    node->kind = NODE_PARTIAL;
    node->line = line;
    node->text = arena_strndup(&c->t->arena, s, len);
    node->len = len;
    node->hash = name_hash(node->text);
    return 0;
}

/* Compile the closing tag {{/name}}: it must match the innermost open section. */
static int compile_close(struct compiler *c, int line, const char *s, size_t len)
{
    if (!c->nopen) {
        return compile_error(c, line, "{{/%.*s}} closes no open section", msg_len(len), s);
    }
    struct open_section *o = &c->open[c->nopen - 1];
    if (o->len != len || memcmp(o->name, s, len) != 0) {
        return compile_error(c, line, "{{/%.*s}} does not close {{%c%.*s}} opened on line %d",
                             msg_len(len), s, o->sigil, msg_len(o->len), o->name, o->line);
    }
    c->t->nodes[o->node].end = c->t->nnodes;
    c->nopen--;
    return 0;
}

/* Compile the tag starting at tag ("{{"); set *next to the byte after it. */
static int compile_tag(struct compiler *c, const char *tag, const char *end, const char **next)
{
    int line = c->line;
    const char *body, *close;
    char sigil;
    if (tag + 2 < end && tag[2] == '{') {
        body = tag + 3;
        close = find(body, end, "}}}");
        if (!close) return compile_error(c, line, "unterminated tag {{{ (no }}})");
        *next = close + 3;
        sigil = '{';
    } else {
        body = tag + 2;
        close = find(body, end, "}}");
        if (!close) return compile_error(c, line, "unterminated tag {{ (no }})");
        *next = close + 2;
        while (body < close && is_space(*body))
            body++;
        sigil = body < close ? *body : 0;
        if (sigil == '!' || sigil == '#' || sigil == '^' || sigil == '/' || sigil == '>' ||
            sigil == '&') {
            body++;
        } else if (sigil == '=') {
            return compile_error(c, line, "set-delimiter tags {{=…=}} are not supported");
        } else {
            sigil = 0;
        }
    }
    c->line += count_lines(tag, *next);
    if (sigil == '!') return 0;
    /* Text after this tag must not be merged into a node before it (say, a section's body). */
    c->merge_text = false;

    while (body < close && is_space(*body))
        body++;
    while (close > body && is_space(close[-1]))
        close--;
    if (close == body) return compile_error(c, line, "empty name in tag");
    size_t len = (size_t)(close - body);

    switch (sigil) {
    case '>':
        return compile_partial(c, line, body, len);
    case '/':
        return compile_close(c, line, body, len);
    case '#':
    case '^':
        if (c->nopen == TMPL_MAX_NEST) {
            return compile_error(c, line, "sections nested deeper than %d", TMPL_MAX_NEST);
        }
        break;
    default:
        break;
    }

    struct tmpl_node *node = add_node(c);
    node->line = line;
    node->kind = sigil == '#'   ? NODE_SECTION
                 : sigil == '^' ? NODE_INVERTED
                 : sigil == 0   ? NODE_VAR
                                : NODE_RAW;
    int rc = parse_name(c, line, body, len, node);
    if (rc) return rc;
    if (sigil == '#' || sigil == '^') {
        c->open[c->nopen++] = (struct open_section){
            .node = c->t->nnodes - 1,
            .line = line,
            .sigil = sigil,
            .name = body,
            .len = len,
        };
    }
    return 0;
}

/* Compile src into a new template; NULL (and e filled) on error. */
static struct tmpl *compile(const char *name, const char *src, size_t len, struct err *e)
{
    struct compiler *c = xcalloc(1, sizeof *c);
    struct tmpl *t = xcalloc(1, sizeof *t);
    c->tname = name;
    c->t = t;
    c->line = 1;
    c->e = e;
    t->name = arena_strdup(&t->arena, name);
    int rc = 0;
    if (len > TMPL_MAX_SOURCE) {
        rc = compile_error(c, 1, "template larger than %u bytes", TMPL_MAX_SOURCE);
        goto out;
    }
    c->text = arena_alloc(&t->arena, len + 1);

    const char *p = src, *end = src + len;
    while (p < end) {
        const char *tag = find(p, end, "{{");
        if (!tag) {
            add_text(c, p, (size_t)(end - p));
            break;
        }
        add_text(c, p, (size_t)(tag - p));
        c->line += count_lines(p, tag);
        rc = compile_tag(c, tag, end, &p);
        if (rc) goto out;
    }
    if (c->nopen) {
        struct open_section *o = &c->open[c->nopen - 1];
        rc = compile_error(c, o->line, "section {{%c%.*s}} is never closed", o->sigil,
                           msg_len(o->len), o->name);
    }
out:
    if (rc) {
        tmpl_free(t);
        t = NULL;
    }
    free(c);
    return t;
}

int tmpl_add(struct tmpl_set *set, const char *name, const char *src, size_t len, struct err *e)
{
    struct tmpl *t = compile(name, src, len, e);
    if (!t) return ERR_INTERNAL;
    set_put(set, t);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Rendering
 * ------------------------------------------------------------------------------------------ */

/* One entry of the context stack. */
struct frame {
    json_t *v;        /* the value pushed (NULL for an empty context) */
    json_int_t index; /* position when v is an array element, else -1 */
    json_int_t count; /* size of that array */
};

/* What a name resolved to: a JSON value (NULL when missing) or a computed @name. */
struct value {
    enum { VAL_JSON, VAL_INT, VAL_BOOL } type; /* which of the fields below */
    json_t *j;                                 /* VAL_JSON: the value, NULL when missing */
    json_int_t n;                              /* VAL_INT: the number; VAL_BOOL: 0 or 1 */
};

/* State of one render, on the caller's stack; nothing here is shared between threads. */
struct render {
    const struct tmpl_set *set;                     /* for partials */
    struct buf *out;                                /* where output goes */
    struct err *e;                                  /* where errors go */
    int depth;                                      /* render_nodes calls active */
    int partials;                                   /* partials active */
    int nframes;                                    /* entries used in frames */
    long steps;                                     /* nodes visited, up to TMPL_MAX_STEPS */
    struct frame frames[TMPL_MAX_RENDER_DEPTH + 2]; /* context stack, innermost last */
};

/* Look up what node's name means in the current context. */
static struct value resolve(const struct render *r, const struct tmpl_node *n)
{
    struct value v = {VAL_JSON, NULL, 0};
    int top = r->nframes - 1;
    if (n->name_kind == NAME_DOT) {
        v.j = r->frames[top].v;
        return v;
    }
    if (n->name_kind != NAME_PATH) {
        int k = top;
        while (k >= 0 && r->frames[k].index < 0)
            k--;
        if (k < 0) return v; /* not inside an array section: missing */
        const struct frame *f = &r->frames[k];
        v.type =
            n->name_kind == NAME_INDEX || n->name_kind == NAME_NUMBER || n->name_kind == NAME_COUNT
                ? VAL_INT
                : VAL_BOOL;
        if (n->name_kind == NAME_INDEX) v.n = f->index;
        if (n->name_kind == NAME_NUMBER) v.n = f->index + 1;
        if (n->name_kind == NAME_FIRST) v.n = f->index == 0;
        if (n->name_kind == NAME_LAST) v.n = f->index == f->count - 1;
        if (n->name_kind == NAME_COUNT) v.n = f->count;
        return v;
    }
    /* The first segment is searched from the innermost context outwards ... */
    json_t *j = NULL;
    for (int k = top; k >= 0 && !j; k--) {
        if (json_is_object(r->frames[k].v)) j = json_object_get(r->frames[k].v, n->seg[0]);
    }
    /* ... the others only within what it found. */
    for (uint16_t i = 1; j && i < n->nseg; i++) {
        j = json_is_object(j) ? json_object_get(j, n->seg[i]) : NULL;
    }
    v.j = j;
    return v;
}

/* Whether a section on v renders (and an inverted one does not). */
static bool truthy(struct value v)
{
    if (v.type != VAL_JSON) return v.n != 0;
    if (!v.j) return false;
    switch (json_typeof(v.j)) {
    case JSON_OBJECT:
        return true;
    case JSON_ARRAY:
        return json_array_size(v.j) > 0;
    case JSON_STRING:
        return json_string_length(v.j) > 0;
    case JSON_INTEGER:
        return json_integer_value(v.j) != 0;
    case JSON_REAL:
        return json_real_value(v.j) != 0.0;
    case JSON_TRUE:
        return true;
    default:
        return false;
    }
}

/* Append n in decimal (faster than printf on the hot path of list pages). */
static void add_int(struct buf *out, json_int_t n)
{
    char tmp[24];
    char *p = tmp + sizeof tmp;
    unsigned long long u = n < 0 ? 0ull - (unsigned long long)n : (unsigned long long)n;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (n < 0) *--p = '-';
    buf_add(out, p, (size_t)(tmp + sizeof tmp - p));
}

/* Append v as text, HTML-escaped when escape is true. */
static void emit(struct buf *out, struct value v, bool escape)
{
    if (v.type == VAL_INT) {
        add_int(out, v.n);
        return;
    }
    if (v.type == VAL_BOOL) {
        if (v.n) buf_add(out, "true", 4);
        return;
    }
    if (!v.j) return;
    switch (json_typeof(v.j)) {
    case JSON_STRING:
        if (escape) {
            buf_add_html(out, json_string_value(v.j), json_string_length(v.j));
        } else {
            buf_add(out, json_string_value(v.j), json_string_length(v.j));
        }
        break;
    case JSON_INTEGER:
        add_int(out, json_integer_value(v.j));
        break;
    case JSON_REAL:
        buf_addf(out, "%g", json_real_value(v.j));
        break;
    case JSON_TRUE:
        buf_add(out, "true", 4);
        break;
    default:
        break; /* null, false, objects and arrays print nothing */
    }
}

static int render_nodes(struct render *r, const struct tmpl *t, uint32_t from, uint32_t to);

/* Render the body of the section at node i once with v pushed (index/count when an element). */
static int render_pushed(struct render *r, const struct tmpl *t, uint32_t i, json_t *v,
                         json_int_t index, json_int_t count)
{
    r->frames[r->nframes++] = (struct frame){v, index, count};
    int rc = render_nodes(r, t, i + 1, t->nodes[i].end);
    r->nframes--;
    return rc;
}

/* Render the partial named by node n of t. */
static int render_partial(struct render *r, const struct tmpl *t, const struct tmpl_node *n)
{
    const struct tmpl_slot *s = set_find(r->set, n->text, n->hash);
    if (!s) {
        return err_set(r->e, ERR_INTERNAL, "template %s line %d: partial %s not found", t->name,
                       n->line, n->text);
    }
    if (r->partials >= TMPL_MAX_PARTIAL_DEPTH) {
        return err_set(r->e, ERR_INTERNAL,
                       "template %s line %d: partials nested deeper than %d (recursive {{> %s}}?)",
                       t->name, n->line, TMPL_MAX_PARTIAL_DEPTH, n->text);
    }
    r->partials++;
    int rc = render_nodes(r, s->t, 0, s->t->nnodes);
    r->partials--;
    return rc;
}

/* Render nodes [from, to) of t. */
static int render_nodes(struct render *r, const struct tmpl *t, uint32_t from, uint32_t to)
{
    int rc = 0;
    /* from - 1 is the section whose body this is; a partial starts at 0 */
    int line = from ? t->nodes[from - 1].line : 1;
    if (++r->depth > TMPL_MAX_RENDER_DEPTH) {
        rc = err_set(r->e, ERR_INTERNAL, "template %s line %d: nested deeper than %d", t->name,
                     line, TMPL_MAX_RENDER_DEPTH);
        goto out;
    }
    for (uint32_t i = from;;) {
        /* every node visited is a step, and so is every call, so that empty bodies count too */
        if (++r->steps > TMPL_MAX_STEPS) {
            rc = err_set(r->e, ERR_INTERNAL, "template %s line %d: more than %ld steps (runaway?)",
                         t->name, i < to ? t->nodes[i].line : line, (long)TMPL_MAX_STEPS);
            goto out;
        }
        if (i >= to) break;
        const struct tmpl_node *n = &t->nodes[i];
        switch (n->kind) {
        case NODE_TEXT:
            buf_add(r->out, n->text, n->len);
            i++;
            break;
        case NODE_VAR:
        case NODE_RAW:
            emit(r->out, resolve(r, n), n->kind == NODE_VAR && !r->set->plain);
            i++;
            break;
        case NODE_SECTION: {
            struct value v = resolve(r, n);
            if (!truthy(v)) {
                /* skipped */
            } else if (v.type != VAL_JSON) {
                /* @first, @last, @index, @number: the body sees the element itself */
                rc = render_nodes(r, t, i + 1, n->end);
            } else if (json_is_array(v.j)) {
                json_int_t count = (json_int_t)json_array_size(v.j);
                for (json_int_t k = 0; k < count && !rc; k++) {
                    rc = render_pushed(r, t, i, json_array_get(v.j, (size_t)k), k, count);
                }
            } else {
                rc = render_pushed(r, t, i, v.j, -1, 0);
            }
            if (rc) goto out;
            i = n->end;
            break;
        }
        case NODE_INVERTED:
            if (!truthy(resolve(r, n))) {
                rc = render_nodes(r, t, i + 1, n->end);
                if (rc) goto out;
            }
            i = n->end;
            break;
        case NODE_PARTIAL:
            rc = render_partial(r, t, n);
            if (rc) goto out;
            i++;
            break;
        default:
            fatal("tmpl: bad node kind %d", n->kind);
        }
    }
out:
    r->depth--;
    return rc;
}

int tmpl_render(const struct tmpl_set *set, const char *name, json_t *data, struct buf *out,
                struct err *e)
{
    const struct tmpl_slot *s = set_find(set, name, name_hash(name));
    if (!s) return err_set(e, ERR_NOTFOUND, "template %s not found", name);
    struct render r = {.set = set, .out = out, .e = e, .nframes = 1};
    r.frames[0] = (struct frame){data, -1, 0};
    size_t start = out->len;
    int rc = render_nodes(&r, s->t, 0, s->t->nnodes);
    if (rc) {
        /* Never hand back half a page. */
        out->len = start;
        if (out->p) out->p[start] = 0;
    }
    return rc;
}

int tmpl_render_string(const char *src, json_t *data, struct buf *out, struct err *e)
{
    struct tmpl_set *set = tmpl_set_new();
    int rc = tmpl_add(set, TMPL_STRING_NAME, src, strlen(src), e);
    if (!rc) rc = tmpl_render(set, TMPL_STRING_NAME, data, out, e);
    tmpl_set_free(set);
    return rc;
}
