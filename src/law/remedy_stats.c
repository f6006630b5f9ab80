/* remedy_stats.c — the figures of 行政复议 and 行政诉讼 a report quotes (remedy.h): each kind's
 * remedies ended in a period by outcome, the 纠错率, and the 负责人出庭应诉率; every count with
 * the query of /remedies (remedy_search's filters) that lists what it counts. */
#include "law/remedy.h"
#include "base/buf.h"
#include "base/jpack.h"
#include "law/agency.h"
#include "law/draw.h"

#include <stdarg.h>
#include <string.h>

/* The counts of one period. */
struct rfigs {
    struct ctx *c;
    const char *from, *to, *agency; /* the period, the chosen agency (NULL: the actor's) */
    const char *scope;              /* LIKE pattern of the subtree */
    json_t *by[2];                  /* per kind: {outcome: count} */
    int64_t heard, head;            /* litigations with a hearing; where the head appeared */
};

static const char *const KINDS[] = {"reconsideration", "litigation"};
static const char *const OUTCOMES[] = {
    "upheld", "revoked", "changed", "confirmed_illegal", "dismissed", "settled_withdrawn"};

/* The query of /remedies: the agency chosen, then key, value pairs (ended by NULL) (arena). */
static const char *list_of(const struct rfigs *f, ...)
{
    struct buf b = {0};
    if (!str_blank(f->agency)) {
        buf_adds(&b, "agency=");
        buf_add_urlenc(&b, f->agency);
    }
    va_list ap;
    va_start(ap, f);
    for (const char *k; (k = va_arg(ap, const char *));) {
        const char *v = va_arg(ap, const char *);
        if (b.len) buf_adds(&b, "&");
        buf_adds(&b, k);
        buf_adds(&b, "=");
        buf_add_urlenc(&b, v);
    }
    va_end(ap);
    const char *out = arena_strdup(f->c->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

static const char *ended_list(const struct rfigs *f, const char *kind, const char *outcome)
{
    return list_of(f, "kind", kind, "outcome", outcome, "ended_from", f->from, "ended_to", f->to,
                   (char *)NULL);
}

static json_t *count(int64_t n, const char *list)
{
    return jpack("{sI ss}", "count", (json_int_t)n, "list", list);
}

static int count_ended(struct rfigs *f, struct err *e)
{
    struct db_stmt *st = db_query(f->c->db, e,
                                  "SELECT r.kind, r.outcome, COUNT(*) FROM case_remedy r"
                                  " JOIN agency a ON a.id = r.agency_id WHERE a.path LIKE ?"
                                  " AND r.ended_on >= ? AND r.ended_on <= ?"
                                  " GROUP BY r.kind, r.outcome",
                                  "ttt", f->scope, f->from, f->to);
    int rc;
    while (st && (rc = db_step(st, e)) == DB_ROW) {
        int k = strcmp(db_text(st, 0), "litigation") == 0;
        json_object_set_new(f->by[k], db_text(st, 1), json_integer(db_int(st, 2)));
    }
    db_done(st);
    return e->code;
}

/* [R-CASE-88] 负责人出庭应诉率: litigations with a hearing in the period, and those of them with a
 * hearing in the period where the head appeared in person. */
static int count_hearings(struct rfigs *f, struct err *e)
{
    static const char *const sql =
        "SELECT COUNT(*) FROM case_remedy r JOIN agency a ON a.id = r.agency_id"
        " WHERE a.path LIKE ? AND r.kind = 'litigation' AND EXISTS (SELECT 1 FROM"
        " case_remedy_hearing h WHERE h.remedy_id = r.id AND h.heard_on >= ? AND h.heard_on <= ?"
        " AND h.head >= ?)";
    if (db_get_int(f->c->db, e, &f->heard, sql, "ttti", f->scope, f->from, f->to, (int64_t)0))
        return e->code;
    return db_get_int(f->c->db, e, &f->head, sql, "ttti", f->scope, f->from, f->to, (int64_t)1);
}

/* One kind's figures: ended, by outcome, corrected and the 纠错率. */
static json_t *kind_json(const struct rfigs *f, int k)
{
    const char *kind = KINDS[k];
    int64_t ended = 0, corrected = 0;
    json_t *rows = json_array();
    for (size_t i = 0; i < countof(OUTCOMES); i++) {
        int64_t n = json_integer_value(json_object_get(f->by[k], OUTCOMES[i]));
        ended += n;
        if (remedy_corrects(OUTCOMES[i])) corrected += n;
        json_t *r = count(n, ended_list(f, kind, OUTCOMES[i]));
        jset_text(r, "code", OUTCOMES[i]);
        jset_text(r, "label", remedy_outcome_label(OUTCOMES[i]));
        json_array_append_new(rows, r);
    }
    json_t *o = count(ended, ended_list(f, kind, "ended"));
    jset_text(o, "label", remedy_kind_label(kind));
    json_object_set_new(o, "by_outcome", rows);
    json_object_set_new(o, "corrected", count(corrected, ended_list(f, kind, "corrected")));
    /* [R-CASE-88] 纠错率: revoked + changed + confirmed illegal over those ended */
    char rate[DRAW_RATE_TEXT];
    draw_rate_text(corrected, ended, rate);
    jset_text(o, "rate", rate);
    return o;
}

static json_t *figures(const struct rfigs *f)
{
    json_t *o = jpack("{ss ss}", "from", f->from, "to", f->to);
    if (!str_blank(f->agency)) jset_text(o, "agency", f->agency);
    json_object_set_new(o, "reconsideration", kind_json(f, 0));
    json_object_set_new(o, "litigation", kind_json(f, 1));
    json_t *h = count(f->heard, list_of(f, "kind", "litigation", "heard_from", f->from, "heard_to",
                                        f->to, (char *)NULL));
    json_object_set_new(h, "head",
                        count(f->head, list_of(f, "kind", "litigation", "heard_from", f->from,
                                               "heard_to", f->to, "head", "1", (char *)NULL)));
    char rate[DRAW_RATE_TEXT];
    draw_rate_text(f->head, f->heard, rate);
    jset_text(h, "rate", rate);
    json_object_set_new(o, "appearance", h);
    return o;
}

json_t *remedy_stats(struct ctx *c, const char *from, const char *to, const char *agency_code,
                     struct err *e)
{
    day_t d;
    if (date_parse(from, &d)) err_field(e, "from", "起始日期格式应为 YYYY-MM-DD");
    if (date_parse(to, &d)) err_field(e, "to", "截止日期格式应为 YYYY-MM-DD");
    if (!e->code && strcmp(from, to) > 0) err_field(e, "to", "截止日期不能早于起始日期");
    if (e->code) return NULL;
    struct rfigs f = {.c = c, .from = from, .to = to, .agency = agency_code};
    if (agency_scope_of(c, agency_code, &f.scope, e)) return NULL;
    f.by[0] = json_object();
    f.by[1] = json_object();
    json_t *o = count_ended(&f, e) || count_hearings(&f, e) ? NULL : figures(&f);
    json_decref(f.by[0]);
    json_decref(f.by[1]);
    return o;
}
