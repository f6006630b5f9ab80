/* audit.c — hash-chained audit rows. */
#include "law/area.h"
#include "base/jpack.h"
#include "law/audit.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/log.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* The text a row's hash covers: every column but the hash itself, unambiguously delimited.
 * [R-AUDIT-02] each row's hash covers the previous row's. */
static void row_hash(char out[65], int64_t id, int64_t at, int64_t user_id, const char *username,
                     int64_t agency_id, const char *action, const char *object_type,
                     int64_t object_id, const char *summary, const char *prev_hash)
{
    struct buf b = {0};
    buf_addf(&b, "%" PRId64 "\x1f%" PRId64 "\x1f%" PRId64 "\x1f%zu:%s\x1f%" PRId64, id, at, user_id,
             strlen(username), username, agency_id);
    buf_addf(&b, "\x1f%zu:%s\x1f%zu:%s\x1f%" PRId64 "\x1f%zu:%s\x1f%s", strlen(action), action,
             strlen(object_type), object_type, object_id, strlen(summary), summary, prev_hash);
    sha256_hex(b.p, b.len, out);
    buf_free(&b);
}

static _Atomic uint64_t rows_written;

uint64_t audit_writes(void)
{
    return atomic_load(&rows_written);
}

int audit_head_id(struct db *db, int64_t *id, struct err *e)
{
    return db_get_int(db, e, id, "SELECT last_id FROM audit_head WHERE one = 1", "");
}

/* One row of audit_write_many with its place on the chain: the arguments of its INSERT. */
#define AUDIT_NCOLS 11

int audit_write_many(struct ctx *c, const struct audit_entry *rows, size_t n)
{
    if (n == 0) return 0;
    if (db_depth(c->db) == 0) fatal("audit_write outside a transaction (%s)", rows[0].action);
    atomic_fetch_add(&rows_written, n);
    struct err e = {0};
    /* Claim the next n ids on the chain's head row first: a concurrent writer (another server
     * process on PostgreSQL) waits here until this transaction ends, then links to these rows. */
    struct db_stmt *st = db_query(c->db, &e,
                                  "UPDATE audit_head SET last_id = last_id + ? WHERE one = 1"
                                  " RETURNING last_id, hash",
                                  "i", (int64_t)n);
    if (!st) return e.code;
    int rc = db_step(st, &e);
    if (rc != DB_ROW) {
        db_done(st);
        return rc < 0 ? rc : err_set(&e, ERR_INTERNAL, "审计链头缺失");
    }
    int64_t id = db_int(st, 0) - (int64_t)n + 1;
    const char *prev = arena_strdup(c->arena, db_text(st, 1));
    while (db_step(st, &e) == DB_ROW) {
    }
    db_done(st);

    const struct actor *w = c->who;
    const char *username = w->username ? w->username : "system";
    struct db_arg *args = xcalloc(n * AUDIT_NCOLS, sizeof *args);
    for (size_t k = 0; k < n; k++, id++) {
        const struct audit_entry *r = &rows[k];
        char *hash = arena_alloc(c->arena, 65);
        row_hash(hash, id, c->now, w->user_id, username, r->agency_id, r->action, r->object_type,
                 r->object_id, r->summary, prev);
        struct db_arg *a = args + k * AUDIT_NCOLS;
        a[0] = (struct db_arg){.type = 'i', .i = id};
        a[1] = (struct db_arg){.type = 'i', .i = c->now};
        a[2] = (struct db_arg){.type = 'i', .i = w->user_id};
        a[3] = (struct db_arg){.type = 't', .s = username};
        a[4] = (struct db_arg){.type = 'i', .i = r->agency_id};
        a[5] = (struct db_arg){.type = 't', .s = r->action};
        a[6] = (struct db_arg){.type = 't', .s = r->object_type};
        a[7] = (struct db_arg){.type = 'i', .i = r->object_id};
        a[8] = (struct db_arg){.type = 't', .s = r->summary};
        a[9] = (struct db_arg){.type = 't', .s = prev};
        a[10] = (struct db_arg){.type = 't', .s = hash};
        prev = hash;
    }
    int64_t done = db_insert_rows(c->db, &e,
                                  "INSERT INTO audit_log (id, at, user_id, username, agency_id,"
                                  " action, object_type, object_id, summary, prev_hash, hash)"
                                  " VALUES",
                                  AUDIT_NCOLS, n, args);
    free(args);
    if (done >= 0)
        done = db_exec(c->db, &e, "UPDATE audit_head SET hash = ? WHERE one = 1", "t", prev);
    return done < 0 ? (int)done : 0;
}

/* Append the row of audit_write/audit_write_at: agency_id is where it is seen from. */
static int audit_row(struct ctx *c, int64_t agency_id, const char *action, const char *object_type,
                     int64_t object_id, const char *summary)
{
    struct audit_entry row = {agency_id, action, object_type, object_id, summary};
    return audit_write_many(c, &row, 1);
}

/* Where each kind of audited object keeps its agency (trusted identifiers). */
static const struct {
    const char *type, *table;
} object_tables[] = {
    {"entity", "entity"},     {"officer", "officer"},     {"inspection", "inspection"},
    {"campaign", "campaign"}, {"draw_plan", "draw_plan"}, {"check_item", "check_list_item"},
    {"task", "task"},         {"user", "app_user"},       {"department", "department"},
};

/* The agency of the audited object, or 0 when it has none (or is gone). */
static int64_t object_agency(struct ctx *c, const char *type, int64_t id)
{
    if (strcmp(type, "agency") == 0) return id;
    for (size_t i = 0; i < sizeof object_tables / sizeof *object_tables; i++) {
        if (strcmp(type, object_tables[i].type) != 0) continue;
        struct err e = {0};
        int64_t agency = 0;
        db_get_int(
            c->db, &e, &agency,
            arena_printf(c->arena, "SELECT agency_id FROM %s WHERE id = ?", object_tables[i].table),
            "i", id);
        return agency;
    }
    return 0;
}

/* [R-AUDIT-01] one row per change, inside the change's transaction (the caller's) */
int audit_write(struct ctx *c, const char *action, const char *object_type, int64_t object_id,
                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *summary = arena_vprintf(c->arena, fmt, ap);
    va_end(ap);
    /* The system (the command line, the demo) belongs to no agency: its row is seen from the
     * record's agency, so that only that agency's subtree reads it. */
    int64_t agency = c->who->agency_id;
    if (c->who->user_id == 0 && object_id > 0) agency = object_agency(c, object_type, object_id);
    return audit_row(c, agency, action, object_type, object_id, summary);
}

int audit_write_at(struct ctx *c, int64_t agency_id, const char *action, const char *object_type,
                   int64_t object_id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *summary = arena_vprintf(c->arena, fmt, ap);
    va_end(ap);
    return audit_row(c, agency_id, action, object_type, object_id, summary);
}

/* The walk ended at row last with hash `hash`; the head row must agree, or rows were removed
 * from the end (or the head was tampered with). */
static void check_head(struct db *db, struct audit_check *check, int64_t last, const char *hash)
{
    struct err e = {0};
    struct db_stmt *st = db_query(db, &e, "SELECT last_id, hash FROM audit_head WHERE one = 1", "");
    if (!st) return;
    if (db_step(st, &e) == DB_ROW && (db_int(st, 0) != last || strcmp(db_text(st, 1), hash))) {
        check->broken_id = db_int(st, 0) > last ? last + 1 : db_int(st, 0);
        snprintf(check->reason, sizeof check->reason, "%s",
                 db_int(st, 0) > last ? "链尾记录被删除（与链头不符）" : "链头与最后一条记录不符");
    }
    db_done(st);
}

/* Row ids whose hash must be as given (published heads), in ascending id order, and how far
 * the walk got through them. */
struct marks {
    const struct audit_mark *m;
    size_t n;
    size_t next;      /* the first mark not yet reached */
    size_t first_bad; /* the first mark whose row had another hash; n when none */
};

/* Compare the marks on row id (hash) and every mark before it not yet reached. */
static void reach_marks(struct marks *mk, int64_t id, const char *hash)
{
    for (; mk && mk->next < mk->n && mk->m[mk->next].id <= id; mk->next++)
        if (mk->first_bad == mk->n &&
            (mk->m[mk->next].id != id || strcmp(mk->m[mk->next].hash, hash) != 0))
            mk->first_bad = mk->next;
}

/* Walk a chain in id order (rows of st), recomputing every hash and comparing it with the marks
 * (or NULL); *last_hash gets the last one. */
static int walk(struct db_stmt *st, struct audit_check *check, char last_hash[65], struct marks *mk,
                struct err *e)
{
    char prev[65] = GENESIS;
    int64_t expect_id = 1;
    int rc;
    reach_marks(mk, 0, GENESIS);
    while ((rc = db_step(st, e)) == DB_ROW) {
        int64_t id = db_int(st, 0);
        char hash[65];
        row_hash(hash, id, db_int(st, 1), db_int(st, 2), db_text(st, 3), db_int(st, 4),
                 db_text(st, 5), db_text(st, 6), db_int(st, 7), db_text(st, 8), db_text(st, 9));
        const char *why = NULL;
        if (id != expect_id)
            why = "序号不连续：有记录被删除";
        else if (strcmp(db_text(st, 9), prev) != 0)
            why = "与上一条记录的链接不符";
        else if (strcmp(hash, db_text(st, 10)) != 0)
            why = "记录内容与其哈希不符：已被修改";
        if (why) {
            check->broken_id = id;
            snprintf(check->reason, sizeof check->reason, "%s", why);
            break;
        }
        snprintf(prev, sizeof prev, "%s", db_text(st, 10));
        reach_marks(mk, id, prev);
        check->rows++;
        expect_id++;
    }
    db_done(st);
    memcpy(last_hash, prev, 65);
    /* marks the walk did not reach lie beyond the chain's (intact) end */
    if (mk && mk->next < mk->n && mk->first_bad == mk->n) mk->first_bad = mk->next;
    return rc < 0 ? rc : 0;
}

#define AUDIT_COLS                                                                                 \
    "id, at, user_id, username, agency_id, action, object_type, object_id, summary, prev_hash,"    \
    " hash"

int audit_verify_marks(struct db *db, const struct audit_mark *marks, size_t n,
                       struct audit_check *check, size_t *first_bad, struct err *e)
{
    memset(check, 0, sizeof *check);
    struct marks mk = {marks, n, 0, n};
    struct db_stmt *st = db_query(db, e, "SELECT " AUDIT_COLS " FROM audit_log ORDER BY id", "");
    if (!st) return e->code;
    char last[65];
    int rc = walk(st, check, last, &mk, e);
    if (rc) return rc;
    if (!check->broken_id) check_head(db, check, check->rows, last);
    if (first_bad) *first_bad = mk.first_bad;
    return 0;
}

int audit_verify(struct db *db, struct audit_check *check, struct err *e)
{
    return audit_verify_marks(db, NULL, 0, check, NULL, e);
}

int audit_verify_archive(struct db *db, const char *source, struct audit_check *check,
                         char head[65], struct err *e)
{
    memset(check, 0, sizeof *check);
    struct db_stmt *st =
        db_query(db, e, "SELECT " AUDIT_COLS " FROM audit_archive WHERE source = ? ORDER BY id",
                 "t", source);
    if (!st) return e->code;
    return walk(st, check, head, NULL, e);
}

/* Whether the live chain's transfer row quotes head (hex: no LIKE wildcards): 1, 0 or an
 * error. */
static int head_quoted(struct db *db, const char *head, struct err *e)
{
    char like[80];
    snprintf(like, sizeof like, "%%%s%%", head);
    return db_exists(db, e,
                     "SELECT 1 FROM audit_log WHERE action = 'transfer.import' AND summary LIKE ?",
                     "t", like);
}

json_t *audit_verify_archives(struct db *db, struct err *e)
{
    struct db_stmt *st =
        db_query(db, e, "SELECT DISTINCT source FROM audit_archive ORDER BY source", "");
    if (!st) return NULL;
    json_t *out = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        const char *source = db_text(st, 0);
        struct audit_check check;
        char head[65];
        if (audit_verify_archive(db, source, &check, head, e)) break;
        int quoted = head_quoted(db, head, e);
        if (quoted < 0) break;
        const char *reason = check.broken_id ? check.reason
                             : quoted        ? ""
                                      : "末条哈希与迁入时记录的不符：链尾记录被删除或改动";
        json_array_append_new(out,
                              jpack("{ss sI sb sI ss}", "source", source, "rows",
                                    (json_int_t)check.rows, "intact", !check.broken_id && quoted,
                                    "broken_id", (json_int_t)check.broken_id, "reason", reason));
    }
    db_done(st);
    if (rc < 0 || e->code) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* Fill out from the row of st (AUDIT_COLS), and check it against the hash of the row before
 * it on the same chain (prev_sql, one argument: the id, or the source and the id). */
static int evidence_row(struct ctx *c, struct db_stmt *st, const char *source,
                        struct audit_evidence *out, struct err *e)
{
    int rc = db_step(st, e);
    if (rc != DB_ROW) {
        db_done(st);
        return rc < 0 ? rc : 0;
    }
    char hash[65];
    int64_t id = db_int(st, 0);
    row_hash(hash, id, db_int(st, 1), db_int(st, 2), db_text(st, 3), db_int(st, 4), db_text(st, 5),
             db_text(st, 6), db_int(st, 7), db_text(st, 8), db_text(st, 9));
    *out = (struct audit_evidence){.found = true,
                                   .id = id,
                                   .source = source ? arena_strdup(c->arena, source) : NULL,
                                   .summary = arena_strdup(c->arena, db_text(st, 8)),
                                   .intact = strcmp(hash, db_text(st, 10)) == 0};
    const char *prev = arena_strdup(c->arena, db_text(st, 9));
    db_done(st);
    st = source ? db_query(c->db, e, "SELECT hash FROM audit_archive WHERE source = ? AND id = ?",
                           "ti", source, id - 1)
                : db_query(c->db, e, "SELECT hash FROM audit_log WHERE id = ?", "i", id - 1);
    if (!st) return e->code;
    rc = db_step(st, e);
    const char *before = rc == DB_ROW ? db_text(st, 0) : id == 1 ? GENESIS : "";
    if (strcmp(before, prev) != 0) out->intact = false;
    db_done(st);
    return rc < 0 ? rc : 0;
}

int audit_evidence(struct ctx *c, const char *action, const char *object_type, const char *table,
                   int64_t id, struct audit_evidence *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT " AUDIT_COLS " FROM audit_log WHERE object_type = ?"
                                  " AND object_id = ? AND action = ? ORDER BY id DESC LIMIT 1",
                                  "tit", object_type, id, action);
    int rc = st ? evidence_row(c, st, NULL, out, e) : e->code;
    if (rc || out->found) return rc;
    /* a moved record: its act is on the chain archived from its source, under its old id */
    st = db_query(c->db, e, "SELECT source, old_id FROM transfer_map WHERE tbl = ? AND new_id = ?",
                  "ti", table, id);
    if (!st) return e->code;
    rc = db_step(st, e);
    const char *source = rc == DB_ROW ? arena_strdup(c->arena, db_text(st, 0)) : NULL;
    int64_t old = rc == DB_ROW ? db_int(st, 1) : 0;
    db_done(st);
    if (rc < 0 || !source) return rc < 0 ? rc : 0;
    st = db_query(c->db, e,
                  "SELECT " AUDIT_COLS " FROM audit_archive WHERE source = ? AND object_type = ?"
                  " AND object_id = ? AND action = ? ORDER BY id DESC LIMIT 1",
                  "ttit", source, object_type, old, action);
    return st ? evidence_row(c, st, source, out, e) : e->code;
}

const char *audit_person(const char *display_name, const char *username)
{
    if (display_name) return display_name;
    return username && strcmp(username, "system") != 0 ? username : "系统";
}

json_t *audit_list(struct ctx *c, const struct audit_query *q, bool *more, struct err *e)
{
    /* a fragment of the summary, user name or action: through the search index, newest first */
    static const char *const cols[] = {"summary", "username", "action", NULL};
    struct db_search s;
    struct buf bind = {0}, sql = {0};
    db_search(c->db, c->arena, "audit_log", "l", cols, q->q, &s, &bind);
    struct db_cond w = {0};
    db_cond_bind(&w, "t", bind.len ? bind.p : NULL); /* the search's ?, before the filters */
    /* (on l alone: a search that sorts its matches applies it before the join; the unary +
     * keeps SQLite from gathering every row of the scope through its index and sorting them,
     * where walking the newest rows fills a page at once) */
    /* [R-AUDIT-05] rows of the actor's subtree, and those every agency sees (AUDIT_EVERYWHERE) */
    db_cond_add(&w,
                "(+" AGENCY_IN_SCOPE("l.agency_id") " OR +l.agency_id IS NULL OR +l.agency_id = 0)",
                "t", actor_scope(c));
    /* a record's history: the index on (object_type, object_id), newest first */
    if (q->object_type && *q->object_type)
        db_cond_add(&w, "l.object_type = ?", "t", q->object_type);
    if (q->object_id) db_cond_add(&w, "l.object_id = ?", "i", q->object_id);
    if (q->before_id) db_cond_add(&w, "l.id < ?", "i", q->before_id);
    int limit = q->limit > 0 && q->limit <= 500 ? q->limit : 50;
    db_search_page(
        &sql, &s,
        "l.id, l.at, l.username, l.action, l.object_type, l.object_id, l.summary,"
        " a.name, u.display_name",
        "LEFT JOIN agency a ON a.id = l.agency_id LEFT JOIN app_user u ON u.id = l.user_id",
        db_cond_sql(&w));
    db_cond_bind(&w, "ii", (int64_t)limit + 1, (int64_t)0);
    struct db_stmt *st = db_cond_query(c->db, e, buf_str(&sql), &w);
    db_cond_free(&w);
    buf_free(&sql);
    buf_free(&bind);
    if (!st) return NULL;
    json_t *rows = json_array();
    int rc, n = 0;
    *more = false;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (++n > limit) {
            *more = true;
            break;
        }
        json_array_append_new(
            rows, jpack("{sI sI ss ss ss ss sI ss ss?}", "id", (json_int_t)db_int(st, 0), "at",
                        (json_int_t)db_int(st, 1), "username", db_text(st, 2), "name",
                        audit_person(db_text(st, 8), db_text(st, 2)), "action", db_text(st, 3),
                        "object_type", db_text(st, 4), "object_id", (json_int_t)db_int(st, 5),
                        "summary", db_text(st, 6), "agency", db_text(st, 7)));
    }
    db_done(st);
    if (rc < 0) {
        json_decref(rows);
        return NULL;
    }
    return rows;
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_left left[] = {
    {"audit_log", "整条审计链存档到 audit_archive，原样可验证", false},
    {"audit_head", "源库审计链的链头，随存档的审计链一并记录", false},
    {"audit_anchor",
     "源库审计链的签署链头：已对外公布，迁移前可用 landun verify audit --against "
     "核对源库；迁入后源链以末条哈希记入本库审计链",
     false},
};

const struct law_area law_area_audit = {"audit", NULL, 0, left, countof(left)};
