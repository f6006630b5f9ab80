/* file_review_stats.c — the figures of the case-file audit (files audited, by grade, the average
 * score, 优秀案卷, corrections asked for, made and overdue; each count with the query of /reviews
 * behind it) and the random sample of files to audit (seeded, recorded, drawn again alike). */
#include "law/file_review.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/jpack.h"
#include "law/agency.h"
#include "law/audit.h"
#include "law/draw.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- figures -------------------------------------------------------------------------------- */

/* The query of /reviews: the agency chosen and the period, then key, value pairs (ended by
 * NULL) (arena). */
static const char *list_of(struct ctx *c, const char *agency, const char *from, const char *to, ...)
{
    struct buf b = {0};
    if (!str_blank(agency)) {
        buf_adds(&b, "agency=");
        buf_add_urlenc(&b, agency);
        buf_adds(&b, "&");
    }
    buf_adds(&b, "from=");
    buf_add_urlenc(&b, from);
    buf_adds(&b, "&to=");
    buf_add_urlenc(&b, to);
    va_list ap;
    va_start(ap, to);
    for (const char *k; (k = va_arg(ap, const char *));) {
        buf_adds(&b, "&");
        buf_adds(&b, k);
        buf_adds(&b, "=");
        buf_add_urlenc(&b, va_arg(ap, const char *));
    }
    va_end(ap);
    const char *out = arena_strdup(c->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

static json_t *count(int64_t n, const char *list)
{
    return jpack("{sI ss}", "count", (json_int_t)n, "list", list);
}

/* The counts of one period: reviews completed, by grade, sum of totals, excellent, and the
 * corrections. */
struct rfigs {
    int64_t done, by[3], points, excellent, requested, corrected, overdue;
};

static int count_all(struct ctx *c, const char *scope, const char *from, const char *to,
                     struct rfigs *f, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    struct db_stmt *st = db_query(
        c->db, e,
        "SELECT v.grade, v.excellent, v.total, v.state, d.due_on FROM file_review v"
        " JOIN agency a ON a.id = v.agency_id LEFT JOIN wf_deadline d ON d.kind = 'file_review'"
        " AND d.object_id = v.id AND d.name = 'correct' AND d.ended_on IS NULL"
        " WHERE a.path LIKE ? AND v.reviewed_on >= ? AND v.reviewed_on <= ?"
        " AND v.state <> 'reviewing'",
        "ttt", scope, from, to);
    while (st && db_step(st, e) == DB_ROW) {
        const char *g = db_text(st, 0), *s = db_text(st, 3), *due = db_text(st, 4);
        f->done++;
        f->by[strcmp(g, "top") == 0 ? 0 : strcmp(g, "pass") == 0 ? 1 : 2]++;
        f->excellent += db_int(st, 1) != 0;
        f->points += db_int(st, 2);
        bool asked = strcmp(s, "reviewed") != 0;
        f->requested += asked;
        f->corrected += strcmp(s, "corrected") == 0;
        f->overdue += strcmp(s, "lapsed") == 0 ||
                      (strcmp(s, "correcting") == 0 && due && strcmp(due, today) < 0);
    }
    db_done(st);
    return e->code;
}

json_t *file_review_stats(struct ctx *c, const char *from, const char *to, const char *agency_code,
                          struct err *e)
{
    day_t d;
    if (date_parse(from, &d)) err_field(e, "from", "起始日期格式应为 YYYY-MM-DD");
    if (date_parse(to, &d)) err_field(e, "to", "截止日期格式应为 YYYY-MM-DD");
    if (!e->code && strcmp(from, to) > 0) err_field(e, "to", "截止日期不能早于起始日期");
    const char *scope;
    if (e->code || agency_scope_of(c, agency_code, &scope, e)) return NULL;
    struct rfigs f = {0};
    if (count_all(c, scope, from, to, &f, e)) return NULL;
    const char *ag = agency_code;
    json_t *o = jpack("{ss ss}", "from", from, "to", to);
    if (!str_blank(ag)) jset_text(o, "agency", ag);
    json_object_set_new(o, "audited", count(f.done, list_of(c, ag, from, to, (char *)NULL)));
    static const char *const codes[] = {"top", "pass", "fail"};
    json_t *grades = json_array();
    const char *labels[3] = {"", "", ""};
    file_review_grade_labels(c, labels, e);
    for (int g = 0; g < 3; g++) {
        json_t *x = count(f.by[g], list_of(c, ag, from, to, "grade", codes[g], (char *)NULL));
        jset_text(x, "code", codes[g]);
        jset_text(x, "label", labels[g]);
        json_array_append_new(grades, x);
    }
    json_object_set_new(o, "by_grade", grades);
    char avg[16];
    snprintf(avg, sizeof avg, "%.1f", f.done ? (double)f.points / (double)f.done : 0.0);
    jset_text(o, "average", avg);
    json_object_set_new(
        o, "excellent",
        count(f.excellent, list_of(c, ag, from, to, "excellent", "1", (char *)NULL)));
    json_t *corr =
        count(f.requested, list_of(c, ag, from, to, "correction", "requested", (char *)NULL));
    json_object_set_new(
        corr, "done",
        count(f.corrected, list_of(c, ag, from, to, "correction", "done", (char *)NULL)));
    json_object_set_new(
        corr, "overdue",
        count(f.overdue, list_of(c, ag, from, to, "correction", "overdue", (char *)NULL)));
    json_object_set_new(o, "corrections", corr);
    if (e->code) json_decref(o), o = NULL;
    return o;
}

/* ---- the sample ----------------------------------------------------------------------------- */

/* [R-FILE-12] The draw: the pool in ascending id order, k positions chosen by the stream of the
 * seed's key (law/draw.h), so the seed and the pool decide the sample. */
size_t file_review_draw(const char *seed, const int64_t *pool, size_t npool, size_t n, int64_t *out)
{
    size_t k = n < npool ? n : npool;
    if (!k) return 0;
    uint8_t key[DRAW_KEY_BYTES];
    draw_key(seed, key);
    struct draw_stream s;
    draw_stream_init(&s, key, "file_review");
    uint32_t *at = xmalloc(k * sizeof *at);
    draw_select(&s, (uint32_t)npool, (uint32_t)k, at);
    for (size_t i = 0; i < k; i++)
        out[i] = pool[at[i]];
    free(at);
    return k;
}

/* The auditable files decided in [from, to] in scope, ascending (xmalloc'd into *pool). */
static int pool_of(struct ctx *c, const char *scope, const char *from, const char *to,
                   int64_t **pool, size_t *n, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT x.id, x.state FROM penalty_case x JOIN agency a"
                                  " ON a.id = x.agency_id WHERE a.path LIKE ?"
                                  " AND x.decided_on >= ? AND x.decided_on <= ? ORDER BY x.id",
                                  "ttt", scope, from, to);
    size_t cap = 0;
    *pool = NULL;
    *n = 0;
    while (st && db_step(st, e) == DB_ROW) {
        if (!file_review_auditable(db_text(st, 1))) continue;
        if (*n == cap) *pool = xrealloc(*pool, (cap = cap ? 2 * cap : 64) * sizeof **pool);
        (*pool)[(*n)++] = db_int(st, 0);
    }
    db_done(st);
    return e->code;
}

/* A review of each file drawn that the actor may audit (one who handled a file, or a file
 * already under review, is left for another: R-FILE-03); the number started into *started. */
static int start_each(struct ctx *c, int64_t sample, const int64_t *drawn, size_t k, int *started,
                      struct err *e)
{
    for (size_t i = 0; i < k; i++) {
        struct err one = {0};
        int64_t id;
        if (db_begin(c->db, e)) return e->code;
        if (file_review_add_in(c, drawn[i], sample, &id, &one)) {
            db_rollback(c->db);
            if (one.code != ERR_FORBIDDEN && one.code != ERR_INVALID) {
                *e = one;
                return e->code;
            }
            continue;
        }
        if (db_commit(c->db, e)) return e->code;
        (*started)++;
    }
    return 0;
}

static int sample_in(struct ctx *c, const char *scope, int64_t agency, const char *from,
                     const char *to, int64_t n, const char *seed, int64_t *id, struct err *e)
{
    int64_t *pool = NULL, *drawn = NULL;
    size_t np = 0;
    if (pool_of(c, scope, from, to, &pool, &np, e)) goto out;
    drawn = xmalloc((np ? np : 1) * sizeof *drawn);
    size_t k = file_review_draw(seed, pool, np, (size_t)n, drawn);
    struct buf ids = {0};
    for (size_t i = 0; i < k; i++)
        buf_addf(&ids, "%s%lld", i ? "," : "", (long long)drawn[i]);
    int rc = db_get_int(c->db, e, id,
                        "INSERT INTO file_review_sample (agency_id, period_from, period_to, size,"
                        " seed, pool, case_ids, created_by, created_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        "ittititIi", agency, from, to, n, seed, (int64_t)np, buf_str(&ids),
                        c->who->user_id, c->now);
    buf_free(&ids);
    int started = 0;
    if (!rc) rc = start_each(c, *id, drawn, k, &started, e);
    if (!rc)
        audit_write(c, "review.sample", "file_review_sample", *id,
                    "抽取评查案卷 %s 至 %s：%zu 件中抽取 %zu 件（种子 %s），开始评查 %d 件", from,
                    to, np, k, seed, started);
out:
    free(pool);
    free(drawn);
    return e->code;
}

int file_review_sample(struct ctx *c, const char *agency_code, const char *from, const char *to,
                       const char *n, const char *seed, int64_t *id, struct err *e)
{
    day_t d;
    int64_t size = 0;
    if (!role_allows(c->who->roles, PERM_FILE_REVIEW))
        return err_set(e, ERR_FORBIDDEN, "只有稽查人员可以抽取评查案卷");
    if (date_parse(from, &d)) err_field(e, "from", "起始日期格式应为 YYYY-MM-DD");
    if (date_parse(to, &d)) err_field(e, "to", "截止日期格式应为 YYYY-MM-DD");
    if (!e->code && strcmp(from, to) > 0) err_field(e, "to", "截止日期不能早于起始日期");
    if (parse_i64(n, &size) || size < 1 || size > FILE_REVIEW_SAMPLE_MAX)
        err_field(e, "n", "抽取数量应为1至%d之间的整数", FILE_REVIEW_SAMPLE_MAX);
    if (seed && strlen(seed) > 64) err_field(e, "seed", "随机种子不超过64个字符");
    const char *scope, *path;
    int64_t agency = c->who->agency_id;
    if (e->code || agency_scope_of(c, agency_code, &scope, e)) return e->code;
    if (!str_blank(agency_code) && agency_find(c, agency_code, &agency, &path, e)) return e->code;
    char made[33];
    if (str_blank(seed)) random_hex(made, 16), seed = made;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = sample_in(c, scope, agency, from, to, size, seed, id, e);
    if (rc)
        db_rollback(c->db);
    else
        rc = db_commit(c->db, e);
    return rc;
}

json_t *file_review_sample_get(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT s.id, a.name, a.code, s.period_from, s.period_to,"
                                  " s.size, s.seed, s.pool, s.case_ids FROM file_review_sample s"
                                  " JOIN agency a ON a.id = s.agency_id WHERE s.id = ?"
                                  " AND a.path LIKE ?",
                                  "it", id, actor_scope(c));
    json_t *o = NULL;
    if (st && db_step(st, e) == DB_ROW)
        o = jpack("{sI ss ss ss ss sI ss sI ss}", "id", (json_int_t)db_int(st, 0), "agency",
                  db_text(st, 1), "agency_code", db_text(st, 2), "from", db_text(st, 3), "to",
                  db_text(st, 4), "size", (json_int_t)db_int(st, 5), "seed", db_text(st, 6), "pool",
                  (json_int_t)db_int(st, 7), "case_ids", db_text(st, 8));
    db_done(st);
    if (!o && !e->code) err_set(e, ERR_NOTFOUND, "抽样记录不存在或不在您的管辖范围内");
    return o;
}
