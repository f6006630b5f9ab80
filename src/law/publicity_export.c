/* publicity_export.c — which published items leave as data, in which order, and how each looks
 * (publicity_each); the file formats are in publicity_write.c. */
#include "law/publicity_export.h"
#include "base/date.h"
#include "base/util.h"
#include "law/agency.h"
#include "law/publicity.h"

#include <inttypes.h>
#include <string.h>

#define BATCH 2000 /* rows read at a time: memory stays flat on PostgreSQL too */

/* What is kept of an item taken down: enough for a platform to find its copy. */
static const char *const identity_keys[] = {
    "doc_no",   "doc_name",    "party",   "party_category", "uscc",    "reg_no",
    "org_code", "tax_no",      "inst_no", "social_no",      "cert_no", "decided_on",
    "agency",   "agency_uscc", "source",  "source_uscc",    NULL,
};

bool publicity_identity_key(const char *key)
{
    for (size_t i = 0; identity_keys[i]; i++)
        if (strcmp(identity_keys[i], key) == 0) return true;
    return false;
}

/* True when s is a run of 1 to 18 decimal digits (a non-negative int64 without overflow). */
static bool digits_only(const char *s, size_t n)
{
    return n >= 1 && n <= 18 && strspn(s, "0123456789") >= n;
}

int publicity_cursor_parse(const char *s, int64_t *changed_at, int64_t *id)
{
    const char *dash = s ? strchr(s, '-') : NULL;
    if (!dash || !digits_only(s, (size_t)(dash - s)) || !digits_only(dash + 1, strlen(dash + 1)))
        return -1;
    int64_t at = 0, n = 0;
    for (const char *p = s; p < dash; p++)
        at = at * 10 + (*p - '0');
    for (const char *p = dash + 1; *p; p++)
        n = n * 10 + (*p - '0');
    *changed_at = at;
    *id = n;
    return 0;
}

const char *publicity_cursor(struct arena *a, int64_t changed_at, int64_t id)
{
    return arena_printf(a, "%" PRId64 "-%" PRId64, changed_at, id);
}

/* ---- The selection ---- */

/* A filter checked and turned into what the statement binds. */
struct selection {
    const char *scope; /* LIKE pattern of agency.path */
    char today[DATE_STRLEN];
    char since_day[DATE_STRLEN]; /* "" when not incremental */
    int64_t since_at;            /* the first instant of since_day */
    bool cursor;                 /* after the keyset (at, id) */
    int64_t at, id;
};

/* Check f's fields into s; field errors in e. */
static int check(struct ctx *c, const struct publicity_filter *f, bool kind_required,
                 struct selection *s, struct err *e)
{
    size_t n;
    if (f->kind ? !publicity_fields(f->kind, &n) : kind_required)
        err_field(e, "kind", "请选择公示类别：行政处罚决定、不予行政处罚决定、行政许可或检查结果");
    day_t since;
    if (!str_blank(f->since)) {
        if (date_parse(f->since, &since))
            err_field(e, "since", "日期应为 YYYY-MM-DD 格式的有效日期，如 2026-12-01");
        else {
            date_format(since, s->since_day);
            s->since_at = date_instant(since);
        }
    }
    if (!str_blank(f->after) && publicity_cursor_parse(f->after, &s->at, &s->id))
        err_field(e, "after", "翻页标记无效，请从第一页重新获取");
    s->cursor = !str_blank(f->after);
    date_format(date_from_instant(c->now), s->today);
    /* [R-PUB-33] the actor's subtree, or an agency in it; its message beside the others (it
     * clears the error it fills) */
    struct err scope = {0};
    int rc = agency_scope_of(c, f->agency, &s->scope, &scope);
    for (int i = 0; i < scope.nfields; i++)
        err_field(e, scope.fields[i].name, "%s", scope.fields[i].msg);
    if (rc && !scope.nfields) *e = scope; /* a database error */
    return e->code ? e->code : rc;
}

/* The conditions of s and f, in cond. [R-PUB-30] only what the public may see today, and in an
 * incremental export also what was taken down since the day (withdrawn, repaired, or ended at
 * max_until), so that the platforms take it down too. */
static void conditions(const struct publicity_filter *f, const struct selection *s,
                       struct db_cond *cond)
{
    if (f->kind) db_cond_add(cond, "p.kind = ?", "t", f->kind);
    db_cond_add(cond, AGENCY_IN_SCOPE("p.agency_id"), "t", s->scope);
    if (!s->since_day[0])
        db_cond_add(cond, PUBLICITY_VISIBLE, "tt", s->today, s->today);
    else
        db_cond_add(cond,
                    "(p.changed_at >= ? AND (" PUBLICITY_VISIBLE " OR p.state IN ('withdrawn', "
                    "'repaired')) OR p.state IN ('published', 'repair_pending') AND p.max_until "
                    ">= ? AND p.max_until <= ?)",
                    "itttt", s->since_at, s->today, s->today, s->since_day, s->today);
    if (s->cursor)
        db_cond_add(cond,
                    f->newest_first ? "(p.changed_at, p.id) < (?, ?)"
                                    : "(p.changed_at, p.id) > (?, ?)",
                    "ii", s->at, s->id);
}

/* The public state, its label and note of the current row (columns 2, 8–11). */
static void row_status(struct arena *a, struct db_stmt *st, const char *today,
                       struct publicity_row *row)
{
    const char *state = db_text(st, 2), *max_until = db_text(st, 8);
    row->note = "";
    if (strcmp(state, "withdrawn") == 0) {
        row->state = "withdrawn";
        row->status = "已撤回";
        row->note = arena_printf(a, "%s 撤回：%s", db_null(st, 9) ? "" : db_text(st, 9),
                                 db_null(st, 10) ? "" : db_text(st, 10));
    } else if (strcmp(state, "repaired") == 0) {
        row->state = "repaired";
        row->status = "信用修复提前终止";
        row->note =
            arena_printf(a, "%s 信用修复，提前终止公示", db_null(st, 11) ? "" : db_text(st, 11));
    } else if (max_until && strcmp(max_until, today) <= 0) {
        row->state = "expired";
        row->status = "公示期满";
        row->note = arena_printf(a, "公示期至 %s 届满", max_until);
    } else {
        row->state = "published";
        row->status = "公示中";
    }
}

/* [R-PUB-31] Of an item taken down keep only the fields that identify it: enough for a platform
 * to take its copy down, nothing of what was published against the party. */
static void keep_identity(json_t *data)
{
    const char *key;
    json_t *v;
    void *tmp;
    json_object_foreach_safe(data, tmp, key, v)
    {
        if (!publicity_identity_key(key)) json_object_del(data, key);
    }
}

/* ---- Reading an item's data ---- */

/* The flat object an item's data is (written by json_dumps): read here in one pass, because
 * jansson's reader, a character at a time through a callback, took most of an export's time. */
struct flat {
    const char *p, *end;
    struct buf s; /* the string being read */
};

static void skip_ws(struct flat *f)
{
    while (f->p < f->end && (*f->p == ' ' || *f->p == '\t' || *f->p == '\n' || *f->p == '\r'))
        f->p++;
}

/* Four hex digits at f->p into *v; false when they are not. */
static bool hex4(struct flat *f, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++, f->p++) {
        if (f->p >= f->end) return false;
        char c = *f->p;
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) return false;
        *v = *v << 4 | (unsigned)d;
    }
    return true;
}

/* Append code point cp as UTF-8. */
static void add_utf8(struct buf *b, unsigned cp)
{
    if (cp < 0x80) {
        buf_addc(b, (char)cp);
    } else if (cp < 0x800) {
        buf_addc(b, (char)(0xC0 | cp >> 6));
        buf_addc(b, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        buf_addc(b, (char)(0xE0 | cp >> 12));
        buf_addc(b, (char)(0x80 | (cp >> 6 & 0x3F)));
        buf_addc(b, (char)(0x80 | (cp & 0x3F)));
    } else {
        buf_addc(b, (char)(0xF0 | cp >> 18));
        buf_addc(b, (char)(0x80 | (cp >> 12 & 0x3F)));
        buf_addc(b, (char)(0x80 | (cp >> 6 & 0x3F)));
        buf_addc(b, (char)(0x80 | (cp & 0x3F)));
    }
}

/* An escape after its backslash into f->s; false for one JSON does not have. */
static bool read_escape(struct flat *f)
{
    if (f->p >= f->end) return false;
    char c = *f->p++;
    const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t", *k = strchr(from, c);
    if (c && k) {
        buf_addc(&f->s, to[k - from]);
        return true;
    }
    unsigned cp, lo;
    if (c != 'u' || !hex4(f, &cp) || (cp >= 0xDC00 && cp <= 0xDFFF) || cp == 0) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (f->end - f->p < 6 || f->p[0] != '\\' || f->p[1] != 'u') return false;
        f->p += 2;
        if (!hex4(f, &lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    add_utf8(&f->s, cp);
    return true;
}

/* A string at f->p (its opening quote) into f->s; false when it is not one. */
static bool read_string(struct flat *f)
{
    if (f->p >= f->end || *f->p != '"') return false;
    f->p++;
    buf_reset(&f->s);
    while (f->p < f->end) {
        const char *q = f->p;
        while (q < f->end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20)
            q++;
        buf_add(&f->s, f->p, (size_t)(q - f->p));
        f->p = q;
        if (q >= f->end || (unsigned char)*q < 0x20) return false;
        f->p++;
        if (*q == '"') return true;
        if (!read_escape(f)) return false;
    }
    return false;
}

/* A value at f->p: a string, an integer, true, false or null; NULL for anything else. */
static json_t *read_value(struct flat *f)
{
    if (f->p < f->end && *f->p == '"')
        return read_string(f) ? json_stringn(f->s.p ? f->s.p : "", f->s.len) : NULL;
    static const char *const words[] = {"true", "false", "null"};
    for (size_t i = 0; i < countof(words); i++) {
        size_t n = strlen(words[i]);
        if ((size_t)(f->end - f->p) >= n && memcmp(f->p, words[i], n) == 0) {
            f->p += n;
            return i == 0 ? json_true() : i == 1 ? json_false() : json_null();
        }
    }
    bool neg = f->p < f->end && *f->p == '-';
    const char *q = f->p + neg;
    size_t digits = 0;
    while (q + digits < f->end && q[digits] >= '0' && q[digits] <= '9')
        digits++;
    if (!digits || digits > 18 || (digits > 1 && *q == '0')) return NULL;
    const char *after = q + digits;
    if (after < f->end && strchr(".eE", *after)) return NULL;
    int64_t v = 0;
    for (size_t i = 0; i < digits; i++)
        v = v * 10 + (q[i] - '0');
    f->p = after;
    return json_integer(neg ? -v : v);
}

json_t *publicity_data_parse(const char *text, size_t len)
{
    struct flat f = {.p = text, .end = text + len};
    json_t *o = json_object();
    skip_ws(&f);
    bool ok = f.p < f.end && *f.p++ == '{';
    skip_ws(&f);
    if (ok && f.p < f.end && *f.p == '}') {
        f.p++;
    } else {
        while (ok) {
            skip_ws(&f);
            ok = read_string(&f);
            char *key = ok ? xstrdup(buf_str(&f.s)) : NULL;
            skip_ws(&f);
            ok = ok && f.p < f.end && *f.p++ == ':';
            skip_ws(&f);
            json_t *v = ok ? read_value(&f) : NULL;
            ok = v && json_object_set_new(o, key, v) == 0; /* a key not UTF-8 is refused */
            free(key);
            skip_ws(&f);
            if (!ok || f.p >= f.end || *f.p != ',') break;
            f.p++;
        }
        ok = ok && f.p < f.end && *f.p++ == '}';
    }
    skip_ws(&f);
    buf_free(&f.s);
    if (ok && f.p == f.end) return o;
    /* something else than a flat object: jansson reads it (or finds it not JSON) */
    json_decref(o);
    return json_loadb(text, len, 0, NULL);
}

#define TITLE_KEY "\x01title" /* the heading, masked with the fields (never a field's key) */
#define NOTE_KEY  "\x01note"  /* the status note (a withdrawal's reason), masked likewise */

/* The masked data and title of the current row (columns 3, 6, 7, 12–14) into row, with the
 * reviewer's edits of the texts (p.mask) applied as on the pages. [R-PUB-01] every row passes
 * publicity_mask, with the registry's name and address of a natural person as the secrets to
 * scrub from every text (a reviewer may have left them in the facts); the party's own name and
 * address in the data are scrubbed by publicity_mask itself. */
static void row_data(struct arena *a, struct db_stmt *st, struct publicity_row *row)
{
    const char *text = db_text(st, 7);
    json_t *data = publicity_data_parse(text, strlen(text));
    if (!json_is_object(data)) {
        json_decref(data);
        data = json_object();
    }
    if (!db_null(st, 12)) {
        json_t *mask = json_loads(db_text(st, 12), 0, NULL);
        if (json_is_object(mask)) json_object_update_existing(data, mask);
        json_decref(mask);
    }
    bool person = db_int(st, 6) != 0;
    const char *secrets[] = {db_null(st, 13) ? "" : arena_strdup(a, db_text(st, 13)),
                             db_null(st, 14) ? "" : arena_strdup(a, db_text(st, 14)), NULL};
    json_object_set_new(data, TITLE_KEY, json_string(db_text(st, 3)));
    json_object_set_new(data, NOTE_KEY, json_string(row->note));
    publicity_mask(a, data, person, secrets);
    row->title = arena_strdup(a, json_string_value(json_object_get(data, TITLE_KEY)));
    row->note = arena_strdup(a, json_string_value(json_object_get(data, NOTE_KEY)));
    json_object_del(data, TITLE_KEY);
    json_object_del(data, NOTE_KEY);
    if (strcmp(row->state, "published") != 0) keep_identity(data);
    row->data = data;
}

/* Read one batch of at most limit rows after s's cursor; *got rows, *stop when fn stopped. */
static int batch(struct ctx *c, const struct publicity_filter *f, struct selection *s, int limit,
                 publicity_row_fn fn, void *arg, int *got, bool *stop, struct err *e)
{
    struct db_cond cond = {0};
    conditions(f, s, &cond);
    db_cond_bind(&cond, "i", (int64_t)limit);
    const char *sql = arena_printf(
        c->arena,
        "SELECT p.id, p.kind, p.state, p.title, p.decided_on, p.changed_at, p.person, p.data,"
        " p.max_until, p.withdrawn_on, p.withdraw_reason, p.repaired_on, p.mask, e.name,"
        " e.address FROM publicity_item p LEFT JOIN entity e ON e.id = p.entity_id"
        " WHERE %s ORDER BY p.changed_at %s, p.id %s LIMIT ?",
        db_cond_sql(&cond), f->newest_first ? "DESC" : "", f->newest_first ? "DESC" : "");
    struct db_stmt *st = db_cond_query(c->db, e, sql, &cond);
    db_cond_free(&cond);
    if (!st) return e->code;
    struct arena scratch = {0};
    int rc = 0;
    *got = 0;
    while (!*stop && (rc = db_step(st, e)) == DB_ROW) {
        struct publicity_row row = {.id = db_int(st, 0),
                                    .kind = db_text(st, 1),
                                    .decided_on = db_text(st, 4),
                                    .changed_at = db_int(st, 5)};
        row_status(&scratch, st, s->today, &row);
        row_data(&scratch, st, &row);
        rc = fn(arg, &row, e);
        json_decref(row.data);
        arena_free(&scratch);
        s->cursor = true, s->at = row.changed_at, s->id = row.id;
        (*got)++;
        if (rc < 0) break;
        if (rc > 0) *stop = true;
    }
    db_done(st);
    arena_free(&scratch);
    return rc < 0 ? rc : 0;
}

int publicity_each(struct ctx *c, const struct publicity_filter *f, bool kind_required,
                   publicity_row_fn fn, void *arg, struct err *e)
{
    struct selection s = {0};
    int rc = check(c, f, kind_required, &s, e);
    if (rc || !fn) return rc;
    rc = db_begin_read(c->db, e);
    if (rc) return rc;
    int64_t left = f->limit > 0 ? f->limit : INT64_MAX;
    bool stop = false;
    while (!rc && !stop && left > 0) {
        int want = left < BATCH ? (int)left : BATCH, got = 0;
        rc = batch(c, f, &s, want, fn, arg, &got, &stop, e);
        left -= got;
        if (got < want) break;
    }
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

int publicity_site(struct ctx *c, const char **code, const char **name, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT code, name FROM agency WHERE parent_id IS NULL ORDER BY id", "");
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        *code = arena_strdup(c->arena, db_text(st, 0));
        *name = arena_strdup(c->arena, db_text(st, 1));
    } else if (rc == DB_DONE) {
        *code = "";
        *name = "行政执法机关";
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}
