/* plan_draw.c — a plan's pool and officers: freezing them for its commitment, drawing entities
 * and teams, and recomputing a draw (docs/draw.md). The algorithm itself is law/draw.c; this file
 * feeds it from the database and stores what it decides. The steps that do this work, each in its
 * own transaction, are plan_steps.c's (law/plan_internal.h). */
#include "base/jpack.h"
#include "law/plan_internal.h"
#include "law/audit.h"
#include "law/catalog.h"
#include "law/draw_pack.h"
#include "law/field.h"
#include "law/officer.h"
#include "law/task.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the pool ------------------------------------------------------------------------------- */

/* The registry filter of a plan, as conditions on x (the entity) and a (its agency): entities of
 * the plan's agency subtree in its line, by sub-type, division prefix, risk grade ('-' for none)
 * and status — only the filters the plan sets. */
static void pool_cond(struct ctx *c, const struct plan_rec *p, struct db_cond *w)
{
    db_cond_add(w, "a.path LIKE ?", "t", arena_printf(c->arena, "%s%%", p->agency_path));
    db_cond_add(w, "x.id IN (SELECT entity_id FROM entity_line WHERE line = ?)", "t", p->line);
    if (!str_blank(p->pool_subtypes))
        db_cond_add(w, "(',' || ? || ',') LIKE ('%,' || x.subtype || ',%')", "t", p->pool_subtypes);
    if (p->pool_division)
        db_cond_add(w, "x.division_code LIKE ?", "t",
                    arena_printf(c->arena, "%s%%", p->pool_division));
    if (!str_blank(p->pool_grades))
        db_cond_add(w, "(',' || ? || ',') LIKE ('%,' || COALESCE(x.risk_grade, '-') || ',%')", "t",
                    p->pool_grades);
    db_cond_add(w, "(',' || ? || ',') LIKE ('%,' || x.status || ',%')", "t", p->pool_statuses);
}

/* Run head, the plan's filter over entities and tail as one statement, with the nfirst
 * arguments in first bound before the filter's (head holds their ?s). */
static struct db_stmt *pool_query_with(struct ctx *c, const struct plan_rec *p, const char *head,
                                       const char *tail, const struct db_arg *first, int nfirst,
                                       struct err *e)
{
    struct db_cond w = {0};
    for (int i = 0; i < nfirst; i++)
        w.args[w.nargs++] = first[i];
    pool_cond(c, p, &w);
    const char *sql =
        arena_printf(c->arena, "%s FROM entity x JOIN agency a ON a.id = x.agency_id WHERE %s%s",
                     head, db_cond_sql(&w), tail);
    struct db_stmt *st = db_cond_query(c->db, e, sql, &w);
    db_cond_free(&w);
    return st;
}

/* Run head, the plan's filter and tail with only the filter's arguments. */
static struct db_stmt *pool_query(struct ctx *c, const struct plan_rec *p, const char *head,
                                  const char *tail, struct err *e)
{
    return pool_query_with(c, p, head, tail, NULL, 0, e);
}

/* The frozen pool of a plan, read from draw_pool in one pass. */
struct pool_read {
    struct draw_entry *pool;  /* ids and grades in ascending id (xmalloc'd); no names: the
                                 algorithm does not use them (pool_names fetches those shown) */
    int64_t *local;           /* with pool: each entry's entity id in this database, which
                                 differs from the published id in a pool moved by landun migrate */
    size_t n;                 /* entries (lines) */
    char hash[DRAW_HASH_HEX]; /* SHA-256 of the snapshot text, lower-case hex */
};

static void pool_read_free(struct pool_read *r)
{
    free(r->pool);
    free(r->local);
    memset(r, 0, sizeof *r);
}

/* Hash the bytes of out from *hashed on; without a text to keep, empty out again. */
static void pool_hash_some(crypto_hash_sha256_state *h, struct buf *out, size_t *hashed, bool keep)
{
    if (out->len > *hashed) /* an empty pool has no text at all */
        crypto_hash_sha256_update(h, (const unsigned char *)out->p + *hashed, out->len - *hashed);
    if (keep) {
        *hashed = out->len;
    } else {
        out->len = 0;
        *hashed = 0;
    }
}

/* Read the frozen pool of plan p (draw_pool) in one query in id order (landun migrate inserts
 * entities in id order, so a moved pool's published ids ascend with its new ids), formatting each
 * line with draw_snapshot (the one formatter) and hashing the text as it grows. The text is kept in
 * text when it is not NULL; ids and grades in r->pool when want_entries. */
static int pool_read(struct ctx *c, const struct plan_rec *p, struct buf *text, bool want_entries,
                     struct pool_read *r, struct err *e)
{
    memset(r, 0, sizeof *r);
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT COALESCE(published_id, entity_id) AS pid, name, stratum,"
                                  " entity_id FROM draw_pool WHERE plan_id = ? ORDER BY entity_id",
                                  "i", p->id);
    if (!st) return e->code;
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    struct buf chunk = {0}, *out = text ? text : &chunk;
    size_t hashed = out->len, cap = 0;
    if (want_entries && p->pool_size > 0) { /* sized once: a growing array costs page faults */
        cap = (size_t)p->pool_size;
        r->pool = xmalloc(cap * sizeof *r->pool);
        r->local = xmalloc(cap * sizeof *r->local);
    }
    int64_t last = 0;
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        const char *s = db_text(st, 2);
        struct draw_entry en = {db_int(st, 0), db_text(st, 1), s ? s[0] : 0};
        if (en.id <= last) {
            rc = err_set(e, ERR_INTERNAL, "抽取池未按编号升序排列");
            break;
        }
        last = en.id;
        if ((rc = draw_snapshot(&en, 1, p->quota.stratified, out, e))) break;
        if (want_entries && r->n == cap) {
            cap = cap ? cap * 2 : 1024;
            r->pool = xrealloc(r->pool, cap * sizeof *r->pool);
            r->local = xrealloc(r->local, cap * sizeof *r->local);
        }
        if (want_entries) {
            r->pool[r->n] = (struct draw_entry){en.id, NULL, en.stratum};
            r->local[r->n] = db_int(st, 3);
        }
        r->n++;
        if (out->len - hashed >= 1 << 16) pool_hash_some(&h, out, &hashed, text != NULL);
    }
    db_done(st);
    pool_hash_some(&h, out, &hashed, text != NULL);
    buf_free(&chunk);
    unsigned char bin[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&h, bin);
    sodium_bin2hex(r->hash, sizeof r->hash, bin, sizeof bin);
    if (rc < 0) pool_read_free(r);
    return rc < 0 ? rc : 0;
}

/* Pack the pool r read (its entries, with the ids of this database) into draw_pool_pack: what the
 * draw reads instead of the rows (law/draw_pack.h). Overwrites r->pool's ids. */
static int pool_pack_write(struct ctx *c, int64_t plan_id, struct pool_read *r, struct err *e)
{
    for (size_t i = 0; i < r->n; i++)
        r->pool[i].id = r->local[i];
    struct buf b = {0};
    draw_pack(r->pool, r->n, &b);
    int64_t n = db_exec(c->db, e, "INSERT INTO draw_pool_pack (plan_id, entries) VALUES (?, ?)",
                        "ib", plan_id, (const void *)(b.p ? b.p : ""), b.len);
    buf_free(&b);
    return n < 0 ? (int)n : 0;
}

/* The packed pool of plan p into r->pool and r->n (ids of this database; r->local stays NULL).
 * Returns 0, 1 when the plan has no pack (committed before migration 014), or an error. */
static int pool_pack_read(struct ctx *c, const struct plan_rec *p, struct pool_read *r,
                          struct err *e)
{
    memset(r, 0, sizeof *r);
    struct db_stmt *st =
        db_query(c->db, e, "SELECT entries FROM draw_pool_pack WHERE plan_id = ?", "i", p->id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    size_t len = 0;
    const void *bytes = rc == DB_ROW ? db_blob(st, 0, &len) : NULL;
    if (rc == DB_ROW && draw_unpack(bytes ? bytes : "", len, &r->pool, &r->n))
        rc = err_set(e, ERR_INTERNAL, "冻结的抽取池数据已损坏，不能抽取");
    db_done(st);
    if (rc < 0) return rc;
    if (rc == DB_DONE) return 1;
    if (r->n != (size_t)p->pool_size) {
        pool_read_free(r);
        return err_set(e, ERR_INTERNAL, "冻结的抽取池为 %zu 户，与承诺的 %lld 户不一致，不能抽取",
                       r->n, (long long)p->pool_size);
    }
    return 0;
}

/* Read the frozen pool of plan p from its rows and check their hash against the commitment;
 * r->pool gets the ids of this database. */
static int pool_read_checked(struct ctx *c, const struct plan_rec *p, struct pool_read *r,
                             struct err *e)
{
    int rc = pool_read(c, p, NULL, true, r, e);
    if (rc) return rc;
    if (!p->pool_hash || strcmp(r->hash, p->pool_hash) != 0)
        return err_set(e, ERR_CONFLICT, "冻结的抽取池与公布的承诺不一致（现为 %.16s…），不能抽取",
                       r->hash);
    for (size_t i = 0; i < r->n; i++)
        r->pool[i].id = r->local[i];
    return 0;
}

int plan_pool_pack(struct ctx *c, int64_t id, struct err *e)
{
    struct plan_rec p;
    int rc = plan_load(c, id, false, &p, e);
    if (rc || strcmp(p.state, "committed") != 0) return rc;
    int packed = db_exists(c->db, e, "SELECT 1 FROM draw_pool_pack WHERE plan_id = ?", "i", id);
    if (packed) return packed < 0 ? packed : 0;
    struct pool_read r;
    rc = pool_read_checked(c, &p, &r, e);
    if (!rc) rc = pool_pack_write(c, id, &r, e);
    pool_read_free(&r);
    return rc;
}

/* Entities per pool_names query. */
#define NAMES_BATCH 500

/* The public names, as the snapshot writes them, of the n entities ids of plan_id's frozen pool
 * into names[] (arena; NULL for an id not in the pool), one query per few hundred. */
static int pool_names(struct ctx *c, int64_t plan_id, const int64_t *ids, size_t n,
                      const char **names, struct err *e)
{
    struct db_arg args[NAMES_BATCH + 1];
    struct buf sql = {0}, line = {0};
    int rc = 0;
    for (size_t at = 0; !rc && at < n; at += NAMES_BATCH) {
        size_t k = n - at < NAMES_BATCH ? n - at : NAMES_BATCH;
        buf_reset(&sql);
        buf_adds(&sql,
                 "SELECT entity_id, name FROM draw_pool WHERE plan_id = ? AND entity_id IN (");
        args[0] = (struct db_arg){.type = 'i', .i = plan_id};
        for (size_t i = 0; i < k; i++) {
            buf_adds(&sql, i ? ", ?" : "?");
            args[i + 1] = (struct db_arg){.type = 'i', .i = ids[at + i]};
            names[at + i] = NULL;
        }
        buf_addc(&sql, ')');
        struct db_stmt *st = db_query_args(c->db, e, buf_str(&sql), (int)k + 1, args);
        if (!st) rc = e->code;
        while (!rc && (rc = db_step(st, e)) == DB_ROW) {
            rc = 0;
            int64_t id = db_int(st, 0);
            buf_reset(&line); /* the name as its snapshot line has it: no tab or line break */
            draw_snapshot(&(struct draw_entry){id, db_text(st, 1), 0}, 1, false, &line, e);
            const char *name = strchr(buf_str(&line), '\t') + 1;
            int len = (int)strcspn(name, "\n");
            for (size_t i = 0; i < k; i++)
                if (ids[at + i] == id) names[at + i] = arena_printf(c->arena, "%.*s", len, name);
        }
        db_done(st);
    }
    buf_free(&sql);
    buf_free(&line);
    return rc < 0 ? rc : 0;
}

/* The entry of the pool whose entity in this database is local, or NULL. r->local ascends with
 * the published ids (pool_read reads in entity order and refuses any other). */
static const struct draw_entry *pool_find_local(const struct pool_read *r, int64_t local)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->local[mid] < local)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->n && r->local[lo] == local ? &r->pool[lo] : NULL;
}

/* ---- officers ------------------------------------------------------------------------------- */

/* One officer of the plan's agencies with standing on the plan's date. */
struct cand_set {
    struct draw_candidate *c; /* ascending id (xmalloc'd) */
    const char **names;       /* names (arena), parallel to c */
    size_t n;                 /* entries */
};

static void cand_free(struct cand_set *s)
{
    free(s->c);
    free(s->names);
    memset(s, 0, sizeof *s);
}

/* Grow the set by one entry and return it. */
static struct draw_candidate *cand_push(struct cand_set *s, size_t *cap)
{
    if (s->n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        s->c = xrealloc(s->c, *cap * sizeof *s->c);
        s->names = xrealloc(s->names, *cap * sizeof *s->names);
    }
    memset(&s->c[s->n], 0, sizeof s->c[0]);
    return &s->c[s->n++];
}

#define IN_AGENCIES "(',' || ? || ',') LIKE ('%,' || CAST(o.agency_id AS TEXT) || ',%')"

/* Annual reviews of the officers of the plan's agencies, ascending officer id: reviews[i]
 * belongs to owner[i] (both xmalloc'd). */
static int load_reviews(struct ctx *c, const struct plan_rec *p, struct cert_review **reviews,
                        int64_t **owner, size_t *n, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT r.officer_id, r.year, r.passed FROM certificate_review r"
                                  " JOIN officer o ON o.id = r.officer_id WHERE " IN_AGENCIES
                                  " ORDER BY r.officer_id, r.year",
                                  "t", p->officer_agencies);
    if (!st) return e->code;
    size_t cap = 0;
    int rc;
    *n = 0;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 256;
            *reviews = xrealloc(*reviews, cap * sizeof **reviews);
            *owner = xrealloc(*owner, cap * sizeof **owner);
        }
        (*owner)[*n] = db_int(st, 0);
        (*reviews)[*n].year = (int)db_int(st, 1);
        (*reviews)[(*n)++].passed = db_int(st, 2) != 0;
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* The officers of the plan's agencies as they stand on the plan's date (行政处罚法 第四十二条:
 * a valid certificate whose annual review was passed; competence for the plan's line), with the
 * tasks they hold open. */
static int officers_now(struct ctx *c, const struct plan_rec *p, struct cand_set *s, struct err *e)
{
    day_t date;
    if (date_parse(p->starts_on, &date)) return err_set(e, ERR_INTERNAL, "计划日期无效");
    struct cert_review *reviews = NULL;
    int64_t *owner = NULL;
    size_t nr = 0, r = 0, cap = 0;
    int rc = load_reviews(c, p, &reviews, &owner, &nr, e);
    struct db_stmt *st = rc ? NULL
                            : db_query(c->db, e,
                                       "SELECT o.id, o.name, o.status, o.cert_issued,"
                                       " o.cert_expires, o.lines, COALESCE(l.n, 0)"
                                       " FROM officer o LEFT JOIN (SELECT k.officer_id,"
                                       " COUNT(*) AS n FROM task_officer k JOIN task t"
                                       " ON t.id = k.task_id WHERE t.state = 'pending'"
                                       " GROUP BY k.officer_id) l ON l.officer_id = o.id"
                                       " WHERE " IN_AGENCIES " ORDER BY o.id",
                                       "t", p->officer_agencies);
    if (!st) rc = e->code;
    while (!rc && (rc = db_step(st, e)) == DB_ROW) {
        rc = 0;
        struct draw_candidate *d = cand_push(s, &cap);
        d->id = db_int(st, 0);
        s->names[s->n - 1] = arena_strdup(c->arena, db_text(st, 1));
        d->load = (int)db_int(st, 6);
        struct officer_standing os = {.status = db_text(st, 2)};
        if (date_parse(db_text(st, 3), &os.cert_issued) ||
            date_parse(db_text(st, 4), &os.cert_expires))
            os.status = "cancelled";
        while (r < nr && owner[r] < d->id)
            r++;
        os.reviews = reviews ? reviews + r : NULL;
        while (r < nr && owner[r] == d->id)
            r++, os.nreviews++;
        const char *why = NULL;
        if (!officer_standing_ok(&os, date, &why))
            d->why_not = why;
        else if (!strstr(arena_printf(c->arena, ",%s,", db_text(st, 5)),
                         arena_printf(c->arena, ",%s,", p->line)))
            d->why_not = "专业不符";
    }
    db_done(st);
    free(reviews);
    free(owner);
    return rc < 0 ? rc : 0;
}

/* The frozen officers of a committed plan (draw_officer), ascending id. */
static int officers_frozen(struct ctx *c, int64_t plan_id, struct cand_set *s, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT officer_id, name, why_not, open_tasks FROM draw_officer"
                                  " WHERE plan_id = ? ORDER BY officer_id",
                                  "i", plan_id);
    if (!st) return e->code;
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        struct draw_candidate *d = cand_push(s, &cap);
        d->id = db_int(st, 0);
        s->names[s->n - 1] = arena_strdup(c->arena, db_text(st, 1));
        d->why_not = db_null(st, 2) ? NULL : arena_strdup(c->arena, db_text(st, 2));
        d->load = (int)db_int(st, 3);
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* ---- preview -------------------------------------------------------------------------------- */

/* The plan's pool counted per risk grade (per[], total) and the number of entities its quota
 * draws from it (*quota), as the pool stands now. */
static int pool_quota(struct ctx *c, const struct plan_rec *p, size_t per[DRAW_NSTRATA],
                      size_t *total, size_t *quota, struct err *e)
{
    struct db_stmt *st = pool_query(c, p, "SELECT COALESCE(x.risk_grade, '-'), COUNT(*)",
                                    " GROUP BY COALESCE(x.risk_grade, '-')", e);
    if (!st) return e->code;
    memset(per, 0, DRAW_NSTRATA * sizeof *per);
    *total = *quota = 0;
    while (db_step(st, e) == DB_ROW) {
        const char *at = strchr(DRAW_STRATA, db_text(st, 0)[0]);
        if (at) per[at - DRAW_STRATA] = (size_t)db_int(st, 1);
        *total += (size_t)db_int(st, 1);
    }
    db_done(st);
    for (int g = 0; p->quota.stratified && g < DRAW_NSTRATA; g++)
        *quota += draw_quota_k(&p->quota, DRAW_STRATA[g], per[g]);
    if (!p->quota.stratified) *quota = draw_quota_k(&p->quota, 0, *total);
    return e->code;
}

/* Whether the officers s can staff quota tasks at all, whatever the seed: 0, or 1 with the
 * reason in why. 行政处罚法 第四十二条 wants team_size ≥ 2 officers able to enforce; with a cap
 * per officer (which counts their open tasks in other plans), the officers' free places must
 * cover team_size places per task. What only the seed decides (回避 of a drawn entity, repeated
 * teams) is left to the draw. */
static int staffing_problem(const struct plan_rec *p, const struct cand_set *s, size_t quota,
                            char *why, size_t n)
{
    size_t eligible = 0, places = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->c[i].why_not) continue;
        eligible++;
        if (p->officer_cap > 0 && s->c[i].load < p->officer_cap)
            places += (size_t)(p->officer_cap - s->c[i].load);
    }
    if (eligible < (size_t)p->team_size) {
        snprintf(why, n,
                 "可执法的执法人员只有%zu名，不足以组成%d人检查组（《行政处罚法》第四十二条）",
                 eligible, p->team_size);
        return 1;
    }
    if (p->officer_cap > 0 && places < quota * (size_t)p->team_size) {
        snprintf(
            why, n,
            "每人任务上限%d项（含其他计划未完成的任务）下，执法人员共可承担%zu人次，少于抽取%zu户"
            "所需的%zu人次",
            p->officer_cap, places, quota, quota * (size_t)p->team_size);
        return 1;
    }
    return 0;
}

json_t *plan_preview(struct ctx *c, int64_t id, struct err *e)
{
    struct plan_rec p;
    if (plan_load(c, id, false, &p, e)) return NULL;
    size_t per[DRAW_NSTRATA], total, quota;
    if (pool_quota(c, &p, per, &total, &quota, e)) return NULL;
    json_t *grades = json_array();
    for (int g = 0; g < DRAW_NSTRATA; g++) {
        size_t k = p.quota.stratified ? draw_quota_k(&p.quota, DRAW_STRATA[g], per[g]) : 0;
        json_array_append_new(
            grades,
            jpack("{ss ss sI sI}", "grade", (char[2]){DRAW_STRATA[g], 0}, "label",
                  g < 4 ? catalog_label("risk_grades", (char[2]){DRAW_STRATA[g], 0}) : "未评定",
                  "count", (json_int_t)per[g], "quota", (json_int_t)k));
    }
    struct cand_set s = {0};
    int rc = officers_now(c, &p, &s, e);
    size_t eligible = 0;
    for (size_t i = 0; i < s.n; i++)
        eligible += !s.c[i].why_not;
    json_t *o =
        jpack("{sI sI so sI sI}", "pool", (json_int_t)total, "quota", (json_int_t)quota, "grades",
              grades, "officers", (json_int_t)s.n, "eligible", (json_int_t)eligible);
    char why[300];
    if (!rc && staffing_problem(&p, &s, quota, why, sizeof why))
        json_object_set_new(o, "staffing", json_string(why)); /* the commitment will be refused */
    cand_free(&s);
    if (rc || e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- freezing, for a commitment ------------------------------------------------------------- */

/* Freeze the pool: copy the matching entities into draw_pool (organisations in one statement,
 * natural persons one by one with their names masked), then read it back as the snapshot and
 * hash it (*n lines, hash in hex). */
int plan_freeze_pool(struct ctx *c, const struct plan_rec *p, char hash[DRAW_HASH_HEX], int64_t *n,
                     struct err *e)
{
    struct db_arg first[] = {{.type = 'i', .i = p->id}, {.type = 'i', .i = p->quota.stratified}};
    struct db_stmt *st = pool_query_with(
        c, p,
        "INSERT INTO draw_pool (plan_id, entity_id, name, stratum)"
        " SELECT ?, x.id, x.name, CASE WHEN ? = 1 THEN COALESCE(x.risk_grade, '-') END",
        " AND x.kind <> 'person'", first, 2, e);
    int rc = st ? db_step(st, e) : e->code;
    db_done(st);
    if (rc < 0) return rc;
    st = pool_query(c, p, "SELECT x.id, x.name, x.risk_grade", " AND x.kind = 'person'", e);
    if (!st) return e->code;
    while ((rc = db_step(st, e)) == DB_ROW) {
        char masked[128];
        draw_mask_name(db_text(st, 1), masked, sizeof masked);
        const char *stratum = !p->quota.stratified ? NULL
                              : db_null(st, 2)     ? "-"
                                                   : arena_strdup(c->arena, db_text(st, 2));
        if (db_exec(c->db, e,
                    "INSERT INTO draw_pool (plan_id, entity_id, name, stratum) VALUES (?, ?, ?, ?)",
                    "iitt", p->id, db_int(st, 0), masked, stratum) < 0) {
            rc = e->code;
            break;
        }
    }
    db_done(st);
    if (rc < 0) return rc;
    struct pool_read r;
    rc = pool_read(c, p, NULL, true, &r, e);
    *n = (int64_t)r.n;
    memcpy(hash, r.hash, DRAW_HASH_HEX);
    if (!rc) rc = pool_pack_write(c, p->id, &r, e);
    pool_read_free(&r);
    return rc;
}

/* Freeze the officers with their standing on the plan's date. */
int plan_freeze_officers(struct ctx *c, const struct plan_rec *p, struct err *e)
{
    struct cand_set s = {0};
    size_t per[DRAW_NSTRATA], total, quota;
    int rc = pool_quota(c, p, per, &total, &quota, e);
    if (!rc) rc = officers_now(c, p, &s, e);
    char why[300];
    /* [R-DRAW-09] a draw must not fail for a reason known before its seed */
    if (!rc && staffing_problem(p, &s, quota, why, sizeof why))
        rc = err_set(e, ERR_INVALID, "不能公布承诺：%s。请调整执法机构、执法人员或每人任务上限",
                     why);
    for (size_t i = 0; i < s.n && !rc; i++)
        if (db_exec(c->db, e,
                    "INSERT INTO draw_officer (plan_id, officer_id, name, why_not, open_tasks)"
                    " VALUES (?, ?, ?, ?, ?)",
                    "iitti", p->id, s.c[i].id, s.names[i], s.c[i].why_not,
                    (int64_t)s.c[i].load) < 0)
            rc = e->code;
    cand_free(&s);
    return rc;
}

/* ---- the draw ------------------------------------------------------------------------------- */

/* (entity id, value) pairs in ascending order, for lookups by entity. */
struct pairs {
    int64_t (*p)[2]; /* xmalloc'd */
    size_t n;
};

/* Read pairs from a query of two integer columns ordered by the first (st is released). */
static int read_pairs(struct db_stmt *st, struct pairs *out, struct err *e)
{
    if (!st) return e->code;
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 256;
            out->p = xrealloc(out->p, cap * sizeof *out->p);
        }
        out->p[out->n][0] = db_int(st, 0);
        out->p[out->n++][1] = db_int(st, 1);
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* The values paired with entity: *n of them from the returned index. */
static size_t pairs_of(const struct pairs *ps, int64_t entity, size_t *n)
{
    size_t lo = 0, hi = ps->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ps->p[mid][0] < entity)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < ps->n && ps->p[end][0] == entity)
        end++;
    *n = end - lo;
    return lo;
}

/* The values paired with entity as a plain array (xmalloc'd) and as "1,2,3" (arena). */
static int64_t *pair_values(struct ctx *c, const struct pairs *ps, int64_t entity, size_t *n,
                            const char **text)
{
    size_t at = pairs_of(ps, entity, n);
    int64_t *v = xmalloc((*n ? *n : 1) * sizeof *v);
    struct buf b = {0};
    for (size_t i = 0; i < *n; i++) {
        v[i] = ps->p[at + i][1];
        buf_addf(&b, "%s%lld", i ? "," : "", (long long)v[i]);
    }
    *text = arena_strdup(c->arena, buf_str(&b));
    buf_free(&b);
    return v;
}

/* Ids of "1,2,3" into a plain array (xmalloc'd). */
static int64_t *ids_of(const char *text, size_t *n)
{
    size_t cap = 1;
    for (const char *p = text; p && *p; p++)
        cap += *p == ',';
    int64_t *v = xmalloc(cap * sizeof *v);
    *n = 0;
    for (const char *p = text; p && *p;) {
        v[(*n)++] = strtoll(p, NULL, 10);
        const char *comma = strchr(p, ',');
        p = comma ? comma + 1 : p + strlen(p);
    }
    return v;
}

/* Everything one draw works with. */
struct draw_run {
    struct plan_rec p;                    /* the plan */
    struct pool_read pr;                  /* the frozen pool as read and hashed */
    struct draw_entry *pool;              /* pr.pool: the frozen pool, ascending id */
    size_t npool;                         /* entries in pool */
    struct draw_pick *picks;              /* the entities drawn, in task order */
    size_t npicks;                        /* entries in picks */
    const char **names;                   /* their public names (arena strings) */
    struct cand_set officers;             /* the frozen officers */
    struct pairs avoid, prev, caps;       /* 回避 lists, previous teams, this year's checks */
    int64_t *teams;                       /* npicks × team_size officer ids */
    const char **avoid_text, **prev_text; /* per task, as stored */
    bool *repeat;                         /* per task: the previous team had to serve again */
};

static void run_free(struct draw_run *r)
{
    pool_read_free(&r->pr);
    free(r->picks);
    cand_free(&r->officers);
    free(r->avoid.p);
    free(r->prev.p);
    free(r->caps.p);
    free(r->teams);
    free(r->names);
    free(r->avoid_text);
    free(r->prev_text);
    free(r->repeat);
}

/* Load the frozen pool: its pack, written with the commitment (ids of this database: a moved
 * pool was published with others). A plan committed before migration 014 has none: its rows are
 * read and checked against the commitment. */
static int run_pool(struct ctx *c, struct draw_run *r, struct err *e)
{
    int rc = pool_pack_read(c, &r->p, &r->pr, e);
    if (rc == 1) rc = pool_read_checked(c, &r->p, &r->pr, e);
    r->pool = r->pr.pool;
    r->npool = r->pr.n;
    return rc;
}

/* The public names of the drawn entities a message or warning shows (need[i]) into r->names:
 * a handful usually, so the 50,000 of a large draw are not looked up for nothing. */
static int run_names(struct ctx *c, struct draw_run *r, const bool *need, struct err *e)
{
    int64_t *ids = xmalloc((r->npicks ? r->npicks : 1) * sizeof *ids);
    size_t *at = xmalloc((r->npicks ? r->npicks : 1) * sizeof *at), n = 0;
    for (size_t i = 0; i < r->npicks; i++)
        if (need[i] && !r->names[i]) {
            at[n] = i;
            ids[n++] = r->picks[i].id;
        }
    const char **names = xcalloc(n ? n : 1, sizeof *names);
    int rc = pool_names(c, r->p.id, ids, n, names, e);
    for (size_t k = 0; !rc && k < n; k++)
        r->names[at[k]] = names[k];
    free(names);
    free(at);
    free(ids);
    return rc;
}

/* Draw each task's team; failures go to *problems. */
static int run_teams(struct ctx *c, struct draw_run *r, const uint8_t key[DRAW_KEY_BYTES],
                     json_t **problems)
{
    struct draw_officers *o = draw_officers_new(r->officers.c, r->officers.n, r->p.officer_cap);
    size_t size = (size_t)r->p.team_size;
    free(r->teams); /* a second run (to word failures with names) starts afresh */
    free(r->avoid_text);
    free(r->prev_text);
    free(r->repeat);
    r->teams = xcalloc(r->npicks ? r->npicks * size : 1, sizeof *r->teams);
    r->avoid_text = xcalloc(r->npicks ? r->npicks : 1, sizeof *r->avoid_text);
    r->prev_text = xcalloc(r->npicks ? r->npicks : 1, sizeof *r->prev_text);
    r->repeat = xcalloc(r->npicks ? r->npicks : 1, sizeof *r->repeat);
    int failed = 0;
    for (size_t i = 0; i < r->npicks; i++) {
        const struct draw_entry *en = &r->pool[r->picks[i].pool_index];
        struct draw_team_rules rules = {.size = r->p.team_size,
                                        .entity = r->names[i] ? r->names[i] : ""};
        int64_t *avoid = pair_values(c, &r->avoid, en->id, &rules.navoid, &r->avoid_text[i]);
        int64_t *prev = pair_values(c, &r->prev, en->id, &rules.nprev, &r->prev_text[i]);
        rules.avoid = avoid;
        rules.prev = prev;
        char why[512];
        if (draw_team(o, key, i + 1, &rules, r->teams + i * size, &r->repeat[i], why, sizeof why)) {
            if (!*problems) *problems = json_array();
            /* the rule that failed, without the entity or the officers that would tell it */
            const char *rule = strstr(why, "与上次不同")
                                   ? "无法抽到与上次不同的检查组"
                                   : arena_printf(c->arena, "可选执法人员不足%d名，无法组成检查组",
                                                  r->p.team_size);
            json_array_append_new(*problems, jpack("{sI ss ss}", "seq", (json_int_t)(i + 1),
                                                   "reason", why, "rule", rule));
            failed++;
        }
        free(avoid);
        free(prev);
    }
    draw_officers_free(o);
    return failed;
}

/* The inspections this year of the entity of task i (before this draw's). */
static int64_t run_before(const struct draw_run *r, size_t i)
{
    size_t n, at = pairs_of(&r->caps, r->picks[i].id, &n);
    return n ? r->caps.p[at][1] : 0;
}

/* Look up the names run_warnings shows: the first 200 entities over the cap and the first 200
 * whose team repeats. */
static int run_warning_names(struct ctx *c, struct draw_run *r, struct err *e)
{
    bool *need = xcalloc(r->npicks ? r->npicks : 1, sizeof *need);
    size_t over = 0, again = 0;
    for (size_t i = 0; i < r->npicks; i++) {
        if (run_before(r, i) + 1 > r->p.entity_cap && over < 200) need[i] = true, over++;
        if (r->repeat[i] && again < 200) need[i] = true, again++;
    }
    int rc = run_names(c, r, need, e);
    free(need);
    return rc;
}

/* The draw's warnings: entities over the annual cap (国办发〔2024〕54号), repeated teams, a count
 * above the pool. A JSON array (new reference). */
static json_t *run_warnings(struct draw_run *r)
{
    json_t *w = json_array(), *over = json_array(), *again = json_array();
    for (size_t i = 0; i < r->npicks; i++) {
        const struct draw_entry *en = &r->pool[r->picks[i].pool_index];
        int64_t before = run_before(r, i);
        if (before + 1 > r->p.entity_cap && json_array_size(over) < 200)
            json_array_append_new(over, jpack("{sI ss sI}", "id", (json_int_t)en->id, "name",
                                              r->names[i], "count", (json_int_t)(before + 1)));
        if (r->repeat[i] && json_array_size(again) < 200)
            json_array_append_new(again,
                                  jpack("{sI ss}", "id", (json_int_t)en->id, "name", r->names[i]));
    }
    char msg[256];
    if (json_array_size(over)) {
        snprintf(msg, sizeof msg,
                 "%zu户本年度%s检查将超过%"
                 "d次（不含投诉核查、复查；国办发〔2024〕54号），请核实是否需要调整",
                 json_array_size(over), plan_level_label(r->p.level), r->p.entity_cap);
        json_array_append_new(
            w, jpack("{ss ss sO}", "kind", "entity_cap", "message", msg, "entities", over));
    }
    if (json_array_size(again)) {
        snprintf(msg, sizeof msg, "%zu户只能由上次检查的同一检查组检查（无其他可选执法人员）",
                 json_array_size(again));
        json_array_append_new(
            w, jpack("{ss ss sO}", "kind", "repeat_team", "message", msg, "entities", again));
    }
    if (r->p.quota.by_count && (size_t)r->p.quota.count > r->npool) {
        snprintf(msg, sizeof msg, "抽取数量 %lld 户大于抽取池 %zu 户，已全部抽取",
                 (long long)r->p.quota.count, r->npool);
        json_array_append_new(w, jpack("{ss ss}", "kind", "count_over_pool", "message", msg));
    }
    json_decref(over);
    json_decref(again);
    return w;
}

/* A task and its entity's position in the pool (which is in ascending id), for sorting. */
struct task_at {
    size_t pos;  /* the entity's position in the pool */
    size_t task; /* the task's index */
};

static int by_pos(const void *a, const void *b)
{
    size_t x = ((const struct task_at *)a)->pos, y = ((const struct task_at *)b)->pos;
    return (x > y) - (x < y);
}

/* The task indexes of r in ascending entity id (xmalloc'd): the order the tasks are written in,
 * so the checks of their entities' keys walk the registry forwards instead of at random. */
static size_t *run_entity_order(const struct draw_run *r)
{
    size_t n = r->npicks, *order = xmalloc((n ? n : 1) * sizeof *order);
    struct task_at *at = xmalloc((n ? n : 1) * sizeof *at);
    for (size_t i = 0; i < n; i++)
        at[i] = (struct task_at){r->picks[i].pool_index, i};
    qsort(at, n, sizeof *at, by_pos);
    for (size_t j = 0; j < n; j++)
        order[j] = at[j].task;
    free(at);
    return order;
}

/* Rows per db_insert_rows call of run_store: its arguments are built a batch at a time, not for
 * all 50,000 tasks at once (fresh memory costs a page fault per 4 KB). */
#define STORE_BATCH 500

/* Insert the tasks, row j being task order[j]. */
static int64_t run_store_tasks(struct ctx *c, const struct draw_run *r, const size_t *order,
                               struct err *e)
{
    struct db_arg *args = xmalloc(STORE_BATCH * 11 * sizeof *args);
    char strata[STORE_BATCH][2] = {{0}};
    int64_t rc = 0;
    for (size_t at = 0; rc >= 0 && at < r->npicks; at += STORE_BATCH) {
        size_t k = r->npicks - at < STORE_BATCH ? r->npicks - at : STORE_BATCH;
        for (size_t j = 0; j < k; j++) {
            size_t i = order[at + j];
            struct db_arg *a = args + j * 11;
            strata[j][0] = r->picks[i].stratum;
            a[0] = (struct db_arg){.type = 'i', .i = r->p.id};
            a[1] = (struct db_arg){.type = 'i', .i = r->p.agency_id};
            a[2] = (struct db_arg){.type = 'i', .i = (int64_t)(i + 1)};
            a[3] = (struct db_arg){.type = 'i', .i = r->picks[i].id};
            a[4] = (struct db_arg){.type = 't', .s = strata[j][0] ? strata[j] : NULL};
            a[5] = (struct db_arg){.type = 't', .s = r->p.deadline};
            a[6] = (struct db_arg){.type = 't', .s = r->avoid_text[i]};
            a[7] = (struct db_arg){.type = 't', .s = r->prev_text[i]};
            a[8] = (struct db_arg){.type = 'i', .i = r->repeat[i]};
            a[9] = (struct db_arg){.type = 'i', .i = c->now};
            a[10] = (struct db_arg){.type = 'i', .i = c->now};
        }
        rc = db_insert_rows(c->db, e,
                            "INSERT INTO task (plan_id, agency_id, seq, entity_id, stratum,"
                            " deadline, avoid, prev_team, repeat_team, created_at, updated_at)"
                            " VALUES",
                            11, k, args);
    }
    free(args);
    return rc;
}

/* Insert the teams of the tasks ids (in the order written: ids[j] is task order[j]). */
static int64_t run_store_teams(struct ctx *c, const struct draw_run *r, const size_t *order,
                               const int64_t *ids, struct err *e)
{
    size_t size = (size_t)r->p.team_size, per = STORE_BATCH / size;
    struct db_arg *args = xmalloc(STORE_BATCH * 2 * sizeof *args);
    int64_t rc = 0;
    for (size_t at = 0; rc >= 0 && at < r->npicks; at += per) {
        size_t k = r->npicks - at < per ? r->npicks - at : per, n = 0;
        for (size_t j = at; j < at + k; j++)
            for (size_t m = 0; m < size; m++, n++) {
                args[2 * n] = (struct db_arg){.type = 'i', .i = ids[j]};
                args[2 * n + 1] = (struct db_arg){.type = 'i', .i = r->teams[order[j] * size + m]};
            }
        rc = db_insert_rows(c->db, e, "INSERT INTO task_officer (task_id, officer_id) VALUES", 2, n,
                            args);
    }
    free(args);
    return rc;
}

/* The ids of the plan's n new tasks in task order into ids. */
static int run_task_ids(struct ctx *c, const struct draw_run *r, int64_t *ids, struct err *e)
{
    size_t got = 0, n = r->npicks;
    struct db_stmt *st =
        db_query(c->db, e, "SELECT id FROM task WHERE plan_id = ? ORDER BY seq", "i", r->p.id);
    int rc = st ? 0 : e->code;
    while (st && (rc = db_step(st, e)) == DB_ROW)
        if (got < n) ids[got++] = db_int(st, 0);
    db_done(st);
    if (rc >= 0 && got != n) rc = err_set(e, ERR_INTERNAL, "任务保存不完整");
    return rc < 0 ? rc : 0;
}

/* Store the tasks and their teams (multi-row INSERTs, in the entities' order), then start their
 * workflow. */
static int run_store(struct ctx *c, struct draw_run *r, struct err *e)
{
    size_t n = r->npicks;
    size_t *order = run_entity_order(r);
    int64_t rc = run_store_tasks(c, r, order, e);
    int64_t *by_seq = xmalloc((n ? n : 1) * sizeof *by_seq),
            *ids = xmalloc((n ? n : 1) * sizeof *ids);
    if (rc >= 0) rc = run_task_ids(c, r, by_seq, e);
    for (size_t j = 0; rc >= 0 && j < n; j++)
        ids[j] = by_seq[order[j]]; /* in the order written */
    if (rc >= 0) rc = run_store_teams(c, r, order, ids, e);
    if (rc >= 0) rc = task_start_many(c, ids, n, r->p.deadline, e);
    free(ids);
    free(by_seq);
    free(order);
    return rc < 0 ? (int)rc : 0;
}

/* Record a draw of plan id with seed: ok, or refused for reason. Inside a transaction. */
static int record_attempt(struct ctx *c, int64_t id, const char *seed, bool ok, const char *reason,
                          struct err *e)
{
    int64_t n = db_exec(c->db, e,
                        "INSERT INTO draw_attempt (plan_id, seed, at, username, ok, reason)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        "ititit", id, seed, c->now, c->who->username ? c->who->username : "system",
                        (int64_t)ok, reason);
    return n < 0 ? (int)n : 0;
}

/* The problems of a refused draw told by rule only: [{"reason", "tasks"}], each reason once with
 * the number of tasks it stopped, never which entities (they would tell what the seed picks). */
static json_t *problems_by_reason(json_t *problems)
{
    json_t *out = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(problems, i, p)
    {
        const char *why = json_string_value(json_object_get(p, "rule"));
        if (!why) why = "无法组成检查组";
        size_t k;
        json_t *o;
        bool seen = false;
        json_array_foreach(out, k, o)
        {
            if (strcmp(json_string_value(json_object_get(o, "reason")), why) != 0) continue;
            json_object_set_new(o, "tasks",
                                json_integer(json_integer_value(json_object_get(o, "tasks")) + 1));
            seen = true;
        }
        if (!seen) json_array_append_new(out, jpack("{ss si}", "reason", why, "tasks", 1));
    }
    return out;
}

/* A draw refused because failed tasks could not get a team (rule: the first reason): record the
 * attempt and its seed in a transaction of its own (the draw's was rolled back), and fill e. */
int plan_record_refused_draw(struct ctx *c, int64_t id, const char *seed, int failed,
                             const char *rule, struct err *e)
{
    char reason[256];
    snprintf(reason, sizeof reason, "%d个任务%s", failed, rule ? rule : "无法组成检查组");
    struct err re = {0};
    int rc = db_begin(c->db, &re);
    if (!rc) rc = record_attempt(c, id, seed, false, reason, &re);
    if (!rc)
        rc = audit_write(c, "draw_plan.draw_refused", "draw_plan", id,
                         "抽取未成功（种子「%s」）：%s", seed, reason);
    if (rc)
        db_rollback(c->db);
    else
        rc = db_commit(c->db, &re);
    if (rc) {
        *e = re;
        return rc;
    }
    return err_set(e, ERR_INVALID, "抽取未成功，未保存抽取结果：%s。本次抽取及其种子已记录并公示。",
                   reason);
}

/* Read what a draw needs besides the pool: the frozen officers, every entity's 回避 list, the
 * previous team of each entity and this year's checks of each (the annual cap). */
static int draw_inputs(struct ctx *c, int64_t id, struct draw_run *r, struct err *e)
{
    int rc = run_pool(c, r, e);
    if (!rc) rc = officers_frozen(c, id, &r->officers, e);
    /* 行政处罚法 第四十三条: the officers each entity must not be checked by */
    if (!rc)
        rc = read_pairs(db_query(c->db, e,
                                 "SELECT entity_id, officer_id FROM entity_avoid"
                                 " ORDER BY entity_id, officer_id",
                                 ""),
                        &r->avoid, e);
    /* the previous random check of each entity: its latest task in another plan */
    if (!rc)
        rc = read_pairs(db_query(c->db, e,
                                 "SELECT t.entity_id, k.officer_id FROM task t"
                                 " JOIN task_officer k ON k.task_id = t.id WHERE t.id IN"
                                 " (SELECT MAX(id) FROM task WHERE plan_id <> ? GROUP BY entity_id)"
                                 " ORDER BY t.entity_id, k.officer_id",
                                 "i", id),
                        &r->prev, e);
    /* [R-DRAW-08] 国办发〔2024〕54号: inspections of each entity this year by agencies of this
     * level (complaint checks and reinspections are exempt), plus tasks of other plans still
     * waiting */
    char jan1[16], dec31[16];
    snprintf(jan1, sizeof jan1, "%04d-01-01", r->p.year);
    snprintf(dec31, sizeof dec31, "%04d-12-31", r->p.year);
    if (!rc)
        rc = read_pairs(db_query(c->db, e,
                                 "SELECT entity_id, COUNT(*) FROM ("
                                 " SELECT t.entity_id FROM task t JOIN draw_plan p"
                                 " ON p.id = t.plan_id WHERE p.year = ? AND p.id <> ?"
                                 " AND p.level = ? AND t.state = 'pending'"
                                 " UNION ALL SELECT i.entity_id FROM inspection i"
                                 " JOIN agency a ON a.id = i.agency_id"
                                 " WHERE i.inspected_on BETWEEN ? AND ? AND a.level = ?"
                                 " AND i.type NOT IN ('complaint', 'reinspection')) s"
                                 " GROUP BY entity_id ORDER BY entity_id",
                                 "iitttt", (int64_t)r->p.year, id, r->p.level, jan1, dec31,
                                 r->p.level),
                        &r->caps, e);
    return rc;
}

/* Draw entities and teams with the seed and store them, while the plan is still committed. A
 * team that cannot be formed refuses the draw: *details gets the problems told by rule only. */
int plan_draw_with_seed(struct ctx *c, int64_t id, const char *seed, json_t **details,
                        const char **reason, struct err *e)
{
    struct draw_run r = {0};
    int rc = plan_load(c, id, false, &r.p, e);
    if (!rc) rc = draw_inputs(c, id, &r, e);
    if (rc) goto done;
    uint8_t key[DRAW_KEY_BYTES];
    draw_key(seed, key);
    draw_entities(r.pool, r.npool, &r.p.quota, key, &r.picks, &r.npicks);
    r.names = xcalloc(r.npicks ? r.npicks : 1, sizeof *r.names);
    json_t *problems = NULL;
    if (run_teams(c, &r, key, &problems)) { /* say the rule, not what the seed picked */
        *details = jpack("{so}", "problems", problems_by_reason(problems));
        json_decref(problems);
        rc = err_set(e, ERR_INVALID, "抽取未成功");
        goto done;
    }
    rc = run_warning_names(c, &r, e);
    if (rc) goto done;
    json_t *warnings = run_warnings(&r);
    char *wtext = json_dumps(warnings, JSON_COMPACT);
    json_decref(warnings);
    rc = run_store(c, &r, e);
    if (!rc && db_exec(c->db, e,
                       "UPDATE draw_plan SET seed = ?, drawn_at = ?, drawn_by = ?,"
                       " warnings = ?, updated_at = ?, version = version + 1 WHERE id = ?",
                       "tittii", seed, c->now, c->who->username, wtext, c->now, id) < 0)
        rc = e->code;
    free(wtext);
    if (!rc) rc = record_attempt(c, id, seed, true, NULL, e);
    *reason = arena_printf(c->arena, "种子「%s」，从 %zu 户中抽取 %zu 户，每组 %d 名执法人员", seed,
                           r.npool, r.npicks, r.p.team_size);
done:
    run_free(&r);
    return rc;
}

/* ---- verification --------------------------------------------------------------------------- */

/* Recompute every team from the frozen officers, the inputs stored with each task and the seed,
 * and compare with the stored teams. */
static int verify_teams(struct ctx *c, const struct plan_rec *p, const struct pool_read *pool,
                        struct plan_verdict *v, struct err *e)
{
    struct cand_set s = {0};
    int rc = officers_frozen(c, p->id, &s, e);
    if (rc) return rc;
    struct draw_officers *o = draw_officers_new(s.c, s.n, p->officer_cap);
    uint8_t key[DRAW_KEY_BYTES];
    draw_key(p->seed, key);
    struct pairs stored = {0};
    rc =
        read_pairs(db_query(c->db, e,
                            "SELECT t.seq, k.officer_id FROM task t JOIN task_officer k"
                            " ON k.task_id = t.id WHERE t.plan_id = ? ORDER BY t.seq, k.officer_id",
                            "i", p->id),
                   &stored, e);
    struct db_stmt *st = rc ? NULL
                            : db_query(c->db, e,
                                       "SELECT t.seq, t.avoid, t.prev_team, t.entity_id FROM task t"
                                       " WHERE t.plan_id = ? ORDER BY t.seq",
                                       "i", p->id);
    if (!rc && !st) rc = e->code;
    v->teams_ok = true;
    snprintf(v->teams_summary, sizeof v->teams_summary, "检查组验证通过");
    while (!rc && v->teams_ok && (rc = db_step(st, e)) == DB_ROW) {
        rc = 0;
        int64_t seq = db_int(st, 0);
        int64_t entity = db_int(st, 3);
        const struct draw_entry *en = pool_find_local(pool, entity);
        /* the name only words a failure, which is not shown here */
        struct draw_team_rules rules = {.size = p->team_size, .entity = ""};
        int64_t *avoid = ids_of(db_text(st, 1), &rules.navoid);
        int64_t *prev = ids_of(db_text(st, 2), &rules.nprev);
        rules.avoid = avoid;
        rules.prev = prev;
        int64_t team[DRAW_MAX_TEAM];
        char why[512];
        size_t n, at = pairs_of(&stored, seq, &n);
        bool same = en &&
                    draw_team(o, key, (size_t)seq, &rules, team, NULL, why, sizeof why) == 0 &&
                    n == (size_t)p->team_size;
        for (size_t k = 0; same && k < n; k++)
            same = stored.p[at + k][1] == team[k];
        const char *name = NULL;
        if (!same && pool_names(c, p->id, &entity, 1, &name, e) < 0) rc = e->code;
        if (!same) {
            v->teams_ok = false;
            snprintf(v->teams_summary, sizeof v->teams_summary,
                     "第%lld号任务（%s）的检查组与按种子重算的结果不一致", (long long)seq,
                     name ? name : "不在抽取池中");
        }
        v->tasks++;
        free(avoid);
        free(prev);
    }
    db_done(st);
    draw_officers_free(o);
    free(stored.p);
    cand_free(&s);
    return rc < 0 ? rc : 0;
}

/* The commitment against the row the audit trail wrote when it was made: a pool rewritten
 * with its commitment still differs from that row, or breaks the chain where the row was
 * changed too (and a re-hashed chain differs from its signed heads: landun verify audit). */
static int verify_audit(struct ctx *c, const struct plan_rec *p, struct plan_verdict *v,
                        struct err *e)
{
    struct audit_evidence ev;
    int rc = audit_evidence(c, "draw_plan.commit", "draw_plan", "draw_plan", p->id, &ev, e);
    if (rc) return rc;
    v->audit_id = ev.id;
    const char *hash = arena_printf(c->arena, "SHA-256 %s", p->pool_hash ? p->pool_hash : "");
    const char *size = arena_printf(c->arena, "抽取池 %lld 户", (long long)p->pool_size);
    const char *where = ev.source ? arena_printf(c->arena, "（迁入的 %s 审计链）", ev.source) : "";
    v->audit_ok = ev.found && ev.intact && strstr(ev.summary, hash) && strstr(ev.summary, size);
    if (!ev.found)
        snprintf(v->audit_summary, sizeof v->audit_summary, "审计记录中没有公布该承诺的记录");
    else if (!ev.intact)
        snprintf(v->audit_summary, sizeof v->audit_summary,
                 "公布承诺的审计记录 #%lld%s 已被改动：其哈希或与上一条的链接不符",
                 (long long)ev.id, where);
    else if (!v->audit_ok)
        snprintf(v->audit_summary, sizeof v->audit_summary,
                 "公布承诺的审计记录 #%lld%s 载明的抽取池与现在的承诺不同：承诺被改写",
                 (long long)ev.id, where);
    else
        snprintf(v->audit_summary, sizeof v->audit_summary, "与公布承诺的审计记录 #%lld%s 一致",
                 (long long)ev.id, where);
    return 0;
}

/* A committed plan before its draw: the frozen pool's rows hashed again against the commitment
 * (nothing is drawn yet, so nothing else is checked). */
static int verify_commitment(struct ctx *c, const struct plan_rec *p, bool public_view,
                             struct plan_verdict *v, struct err *e)
{
    struct pool_read pool;
    int rc = pool_read(c, p, NULL, false, &pool, e);
    if (rc) return rc;
    struct draw_verdict *d = &v->entities;
    snprintf(d->hash, sizeof d->hash, "%s", pool.hash);
    d->pool = pool.n;
    d->hash_ok = p->pool_hash && strcmp(pool.hash, p->pool_hash) == 0;
    d->selection_ok = true; /* nothing drawn yet */
    d->ok = d->hash_ok;
    snprintf(d->summary, sizeof d->summary, "%s",
             d->hash_ok ? "验证通过：冻结的抽取池与公布的承诺一致（尚未抽取）"
                        : "抽取池与公布的承诺不一致：承诺公布后抽取池被改动");
    v->teams_ok = true;
    snprintf(v->teams_summary, sizeof v->teams_summary, "尚未抽取，没有检查组");
    pool_read_free(&pool);
    if (public_view)
        v->audit_ok = true; /* the audit trail is not published */
    else
        rc = verify_audit(c, p, v, e);
    v->ok = d->ok && v->audit_ok;
    return rc;
}

int plan_verify(struct ctx *c, int64_t id, bool public_view, struct plan_verdict *v, struct err *e)
{
    memset(v, 0, sizeof *v);
    struct plan_rec p;
    int rc = plan_load(c, id, public_view, &p, e);
    if (rc) return rc;
    if (strcmp(p.state, "committed") == 0) return verify_commitment(c, &p, public_view, v, e);
    if (strcmp(p.state, "drawn") != 0) return err_set(e, ERR_CONFLICT, "计划尚未公布抽取承诺");
    struct pool_read pool;
    struct pairs claimed = {0};
    rc = pool_read(c, &p, NULL, true, &pool, e);
    if (!rc)
        rc = read_pairs(db_query(c->db, e,
                                 "SELECT t.entity_id, t.seq FROM task t WHERE t.plan_id = ?"
                                 " ORDER BY t.seq",
                                 "i", id),
                        &claimed, e);
    /* the published ids of the drawn entities (0, never in a pool, for one outside it) */
    int64_t *ids = xmalloc((claimed.n ? claimed.n : 1) * sizeof *ids);
    for (size_t i = 0; i < claimed.n; i++) {
        const struct draw_entry *en = pool_find_local(&pool, claimed.p[i][0]);
        ids[i] = en ? en->id : 0;
    }
    if (!rc)
        draw_verify_pool(pool.pool, pool.n, p.quota.stratified, pool.hash, p.pool_hash, p.seed,
                         &p.quota, ids, claimed.n, &v->entities);
    if (!rc && !public_view) rc = verify_teams(c, &p, &pool, v, e);
    if (!rc && !public_view) rc = verify_audit(c, &p, v, e);
    /* teams and the audit trail are not published: not checked here */
    if (public_view) v->teams_ok = v->audit_ok = true;
    v->ok = !rc && v->entities.ok && v->teams_ok && v->audit_ok;
    free(ids);
    free(claimed.p);
    pool_read_free(&pool);
    return rc;
}

int plan_snapshot(struct ctx *c, int64_t id, bool public_view, struct buf *out, struct err *e)
{
    struct plan_rec p;
    int rc = plan_load(c, id, public_view, &p, e);
    if (rc) return rc;
    if (!p.pool_hash) return err_set(e, ERR_NOTFOUND, "计划尚未公布抽取池");
    struct pool_read r;
    rc = pool_read(c, &p, out, false, &r, e);
    pool_read_free(&r);
    return rc;
}
