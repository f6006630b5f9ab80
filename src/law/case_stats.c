/* case_stats.c — the figures of penalty cases over a period and an agency's subtree (law/
 * case_stats.h), and the filters of the case list that open the cases behind each figure
 * (case_list_figures): a figure and its list are defined here together, so that they agree.
 * Definitions: docs/cases.md, Figures. */
#include "base/jpack.h"
#include "base/money.h"
#include "law/agency.h"
#include "law/case_internal.h"
#include "law/case_stats.h"
#include "law/catalog.h"
#include "law/draw.h"
#include "law/power.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 吊销许可证件, 责令关闭 (with 责令停产停业 and 限制开展生产经营活动, one type here), 限制从业,
 * 降低资质等级, 暂扣许可证件, 没收违法所得、没收非法财物, 罚款, 警告、通报批评; the other
 * penalties set by law, of no fixed weight, last. */
const char *const case_severity[] = {
    "licence_revocation", "closure", "practice_ban", "downgrade", "licence_suspension",
    "confiscation",       "fine",    "warning",      "other",     NULL,
};

const char *case_severest(const char *types)
{
    for (size_t i = 0; case_severity[i]; i++)
        if (csv_has(types, case_severity[i])) return case_severity[i];
    return NULL;
}

const char *case_ground_label(const char *code)
{
    return wf_option_label(case_grounds, code);
}

/* ---- the lists behind the figures ------------------------------------------------------------ */

/* A filter of a period: [from, to] on the conditions given (SQL of fixed columns, never input). */
static void range(struct db_cond *w, const char *ge, const char *le, const char *from,
                  const char *to)
{
    if (!str_blank(from)) db_cond_add(w, ge, "t", from);
    if (!str_blank(to)) db_cond_add(w, le, "t", to);
}

/* "%,code,%": the LIKE pattern of a comma list holding code (arena). */
static const char *holding(struct ctx *c, const char *code)
{
    return arena_printf(c->arena, "%%,%s,%%", code);
}

#define TYPES_OF "(',' || x.decision_types || ',')"

/* A penalty decision whose types include type; with severest, none more severe than it. */
static void type_filter(struct ctx *c, struct db_cond *w, const char *type, bool severest)
{
    db_cond_add(w, "x.no_penalty_ground IS NULL AND " TYPES_OF " LIKE ?", "t", holding(c, type));
    for (size_t i = 0; severest && case_severity[i] && strcmp(case_severity[i], type) != 0; i++)
        db_cond_add(w, TYPES_OF " NOT LIKE ?", "t", holding(c, case_severity[i]));
}

/* A legal review (the step review_<outcome>, or any of the three) taken in [from, to]. */
static void review_filter(struct ctx *c, struct db_cond *w, const struct case_query *q)
{
    bool any = strcmp(q->review, "any") == 0;
    const char *sql = arena_printf(
        c->arena,
        "EXISTS (SELECT 1 FROM wf_step s WHERE s.kind = 'case' AND s.object_id = x.id AND %s%s%s)",
        any ? "s.action IN ('review_pass', 'review_return', 'review_reject')" : "s.action = ?",
        str_blank(q->review_from) ? "" : " AND s.day >= ?",
        str_blank(q->review_to) ? "" : " AND s.day <= ?");
    /* the arguments in the order of the ?s: at most the action and the two days */
    const char *args[3];
    char types[4] = "";
    int n = 0;
    if (!any) args[n++] = arena_printf(c->arena, "review_%s", q->review);
    if (!str_blank(q->review_from)) args[n++] = q->review_from;
    if (!str_blank(q->review_to)) args[n++] = q->review_to;
    memset(types, 't', (size_t)n);
    db_cond_add(w, sql, types, n > 0 ? args[0] : NULL, n > 1 ? args[1] : NULL,
                n > 2 ? args[2] : NULL);
}

/* The 90 days of 第六十条 of a case, open and not paused (wf_deadline o). */
#define OPEN_DECIDE                                                                                \
    "o.kind = 'case' AND o.name = 'decide' AND o.ended_on IS NULL AND o.paused_on IS NULL"
/* Not decided, not declined, and its 90 days ended before day, not paused. */
#define OVERDUE_ON                                                                                 \
    "x.decided_on IS NULL AND x.state <> 'declined' AND EXISTS (SELECT 1 FROM wf_deadline o"       \
    " WHERE o.object_id = x.id AND " OPEN_DECIDE " AND o.due_on < ?)"

/* [R-CASE-70] Its decision served (any service of it), or served after the 送达期限. */
#define SERVED                                                                                     \
    "EXISTS (SELECT 1 FROM case_service v WHERE v.case_id = x.id"                                  \
    " AND v.document_type IN ('penalty_decision', 'no_penalty_decision')"
#define SERVED_LATE SERVED " AND v.late = 1)"

/* Referred to the police (sent) in [from, to], with the police's answer (filed, declined,
 * pending: none yet; any). */
static void referral_filter(struct ctx *c, struct db_cond *w, const struct case_query *q)
{
    bool pending = q->referral && strcmp(q->referral, "pending") == 0,
         one = !str_blank(q->referral) && !pending && strcmp(q->referral, "any") != 0;
    const char *sql = arena_printf(
        c->arena,
        "EXISTS (SELECT 1 FROM case_referral f WHERE f.case_id = x.id AND f.sent_on IS NOT NULL"
        "%s%s%s)",
        str_blank(q->referred_from) ? "" : " AND f.sent_on >= ?",
        str_blank(q->referred_to) ? "" : " AND f.sent_on <= ?",
        pending ? " AND f.answer IS NULL"
        : one   ? " AND f.answer = ?"
                : "");
    const char *args[3];
    char types[4] = "";
    int n = 0;
    if (!str_blank(q->referred_from)) args[n++] = q->referred_from;
    if (!str_blank(q->referred_to)) args[n++] = q->referred_to;
    if (one) args[n++] = q->referral;
    memset(types, 't', (size_t)n);
    db_cond_add(w, sql, types, n > 0 ? args[0] : NULL, n > 1 ? args[1] : NULL,
                n > 2 ? args[2] : NULL);
}

int case_list_figures(struct ctx *c, const struct case_query *q, struct db_cond *w, struct err *e)
{
    if (!str_blank(q->agency)) {
        const char *scope;
        if (agency_scope_of(c, q->agency, &scope, e)) return e->code;
        db_cond_add(w, "a.path LIKE ?", "t", scope);
    }
    range(w, "x.filed_on >= ?", "x.filed_on <= ?", q->filed_from, q->filed_to);
    range(w, "x.decided_on >= ?", "x.decided_on <= ?", q->decided_from, q->decided_to);
    range(w, "x.heard_on >= ?", "x.heard_on <= ?", q->heard_from, q->heard_to);
    if (!str_blank(q->type)) type_filter(c, w, q->type, false);
    if (!str_blank(q->severest)) type_filter(c, w, q->severest, true);
    if (q->ground && strcmp(q->ground, "any") == 0)
        db_cond_add(w, "x.no_penalty_ground IS NOT NULL", "");
    else if (q->ground && strcmp(q->ground, "none") == 0)
        db_cond_add(w, "x.decided_on IS NOT NULL AND x.no_penalty_ground IS NULL", "");
    else if (!str_blank(q->ground))
        db_cond_add(w, "x.no_penalty_ground = ?", "t", q->ground);
    if (!str_blank(q->reviewed))
        db_cond_add(w, "x.review_required = ?", "i", (int64_t)(strcmp(q->reviewed, "1") == 0));
    if (!str_blank(q->review)) review_filter(c, w, q);
    if (!str_blank(q->absent))
        db_cond_add(w, "x.heard_on IS NOT NULL AND x.hearing_absent = ?", "i",
                    (int64_t)(strcmp(q->absent, "1") == 0));
    if (!str_blank(q->overdue_on)) db_cond_add(w, OVERDUE_ON, "t", q->overdue_on);
    if (q->served && strcmp(q->served, "late") == 0)
        db_cond_add(w, SERVED_LATE, "");
    else if (!str_blank(q->served))
        db_cond_add(w, SERVED ")", "");
    if (!str_blank(q->referred_from) || !str_blank(q->referred_to) || !str_blank(q->referral))
        referral_filter(c, w, q);
    return 0;
}

/* ---- the figures ----------------------------------------------------------------------------- */

#define NTYPES 9 /* the codes of case_severity */

/* What every query of one period shares, and what they count. */
struct figs {
    struct ctx *c;
    const char *scope;                 /* LIKE pattern of the subtree's agency paths */
    const char *from, *to;             /* the period */
    const char *agency;                /* the chosen agency's code, or NULL: the actor's subtree */
    int64_t filed;                     /* 立案 in the period */
    json_t *filed_line, *filed_source; /* [{code, count}] */
    int64_t decided, general, summary; /* decisions in the period, by procedure */
    json_t *decided_line;              /* [{code, count, general, summary}] */
    int64_t penalised, reviewed;       /* penalty decisions; general ones with a review */
    int64_t severest[NTYPES], types[NTYPES]; /* by case_severity's index */
    int64_t fine, confiscated;               /* 分 */
    int64_t not_penalised;                   /* 不予行政处罚 decisions */
    json_t *grounds;                         /* [{code, count}] */
    int64_t review[3];                       /* review steps: pass, return, reject */
    int64_t heard, absent;                   /* hearings held, the party absent */
    int64_t timed, days;                     /* general decisions timed, and their days summed */
    int64_t overdue;                         /* open cases past their 90 days */
    int64_t served, served_late;             /* decisions of the period served; late */
    int64_t referred, referred_persons;      /* cases referred to the police, persons */
    int64_t referral_answers[3];             /* … by answer: filed, declined, pending */
    const char *overdue_on;                  /* the day they are counted on */
};

/* The query of /cases (arena): the chosen agency, then the key, value pairs given (ended by
 * NULL), each value URL-encoded. */
static const char *list_of(const struct figs *f, ...)
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

/* {"count": n, "list": list} (new reference). */
static json_t *count(int64_t n, const char *list)
{
    return jpack("{sI ss}", "count", (json_int_t)n, "list", list);
}

/* The row of code in by, added with count 0 when it has none. */
static json_t *row_of(json_t *by, const char *code)
{
    size_t i;
    json_t *o;
    json_array_foreach(by, i, o)
    {
        if (strcmp(json_string_value(json_object_get(o, "code")), code) == 0) return o;
    }
    o = jpack("{ss sI}", "code", code, "count", (json_int_t)0);
    json_array_append_new(by, o);
    return o;
}

/* Add n to key of o. */
static void add(json_t *o, const char *key, int64_t n)
{
    json_object_set_new(o, key, json_integer(json_integer_value(json_object_get(o, key)) + n));
}

/* Largest first, then by code. */
static int by_count(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t m = json_integer_value(json_object_get(x, "count")),
               n = json_integer_value(json_object_get(y, "count"));
    if (m != n) return m < n ? 1 : -1;
    return strcmp(json_string_value(json_object_get(x, "code")),
                  json_string_value(json_object_get(y, "code")));
}

/* Sort by largest first; give each row its label and the list behind it: base's pairs and
 * key = its code. */
static void finish(const struct figs *f, json_t *by, const char *(*label)(const char *),
                   const char *key, const char *const base[4])
{
    size_t n = json_array_size(by), i;
    json_t **rows = xmalloc((n ? n : 1) * sizeof *rows), *o;
    json_array_foreach(by, i, o) rows[i] = json_incref(o);
    qsort(rows, n, sizeof *rows, by_count);
    json_array_clear(by);
    for (i = 0; i < n; i++) {
        const char *code = json_string_value(json_object_get(rows[i], "code"));
        const char *l = label(code);
        jset_text(rows[i], "label", l ? l : code);
        jset_text(rows[i], "list",
                  list_of(f, base[0], base[1], base[2], base[3], key, code, (char *)NULL));
        json_array_append_new(by, rows[i]);
    }
    free(rows);
}

static const char *line_label(const char *code)
{
    return catalog_label("lines", code);
}

/* Run head + the conditions (the subtree's on the agency column of the table read, the
 * period's on column) + tail, and hand each row to fn. */
static int each_row(struct figs *f, const char *head, const char *tail, const char *column,
                    void (*fn)(struct figs *, struct db_stmt *), struct err *e)
{
    struct db_cond w = {0};
    /* the agency of the table read: the case's, or its step's (the same agency) */
    bool step = strncmp(column, "s.", 2) == 0;
    db_cond_add(&w, step ? AGENCY_IN_SCOPE("s.agency_id") : AGENCY_IN_SCOPE("x.agency_id"), "t",
                f->scope);
    db_cond_add(&w, arena_printf(f->c->arena, "%s >= ? AND %s <= ?", column, column), "tt", f->from,
                f->to);
    struct db_stmt *st = db_cond_query(
        f->c->db, e, arena_printf(f->c->arena, "%s%s%s", head, db_cond_sql(&w), tail), &w);
    int rc = st ? 0 : e->code;
    while (!rc && (rc = db_step(st, e)) == DB_ROW) {
        rc = 0;
        fn(f, st);
    }
    db_done(st);
    db_cond_free(&w);
    return rc < 0 ? rc : 0;
}

static void filed_row(struct figs *f, struct db_stmt *st)
{
    int64_t n = db_int(st, 2);
    f->filed += n;
    add(row_of(f->filed_line, db_text(st, 0)), "count", n);
    add(row_of(f->filed_source, db_text(st, 1)), "count", n);
}

/* The types of one group of penalty decisions: once under the most severe, once under each. */
static void types_row(struct figs *f, const char *types, int64_t n)
{
    f->penalised += n;
    const char *top = case_severest(types);
    for (size_t i = 0; i < NTYPES; i++) {
        if (top && strcmp(case_severity[i], top) == 0) f->severest[i] += n;
        if (csv_has(types, case_severity[i])) f->types[i] += n;
    }
}

/* line, procedure, decision_types, no_penalty_ground, review_required, count, fines, confiscated */
static void decided_row(struct figs *f, struct db_stmt *st)
{
    int64_t n = db_int(st, 5);
    bool general = strcmp(db_text(st, 1), "summary") != 0;
    f->decided += n;
    *(general ? &f->general : &f->summary) += n;
    json_t *line = row_of(f->decided_line, db_text(st, 0));
    add(line, "count", n);
    add(line, general ? "general" : "summary", n);
    if (db_null(st, 3))
        types_row(f, db_text(st, 2), n);
    else {
        f->not_penalised += n;
        add(row_of(f->grounds, db_text(st, 3)), "count", n);
    }
    if (general && db_int(st, 4)) f->reviewed += n;
    f->fine += db_int(st, 6);
    f->confiscated += db_int(st, 7);
}

static void review_row(struct figs *f, struct db_stmt *st)
{
    static const char *const actions[] = {"review_pass", "review_return", "review_reject"};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(db_text(st, 0), actions[i]) == 0) f->review[i] += db_int(st, 1);
}

static void heard_row(struct figs *f, struct db_stmt *st)
{
    *(db_int(st, 0) ? &f->absent : &f->heard) += db_int(st, 1);
}

/* The days of general decisions: Σ(decided_on) − Σ(filed_on), from one count per day each. */
static void decided_day(struct figs *f, struct db_stmt *st)
{
    day_t d;
    if (date_parse(db_text(st, 0), &d)) return;
    f->timed += db_int(st, 1);
    f->days += (int64_t)d * db_int(st, 1);
}

static void filed_day(struct figs *f, struct db_stmt *st)
{
    day_t d;
    if (!date_parse(db_text(st, 0), &d)) f->days -= (int64_t)d * db_int(st, 1);
}

static void served_row(struct figs *f, struct db_stmt *st)
{
    f->served += db_int(st, 0);
    f->served_late += db_int(st, 1);
}

static void referred_row(struct figs *f, struct db_stmt *st)
{
    f->referred += db_int(st, 0);
    f->referred_persons += db_int(st, 1);
}

static void answer_row(struct figs *f, struct db_stmt *st)
{
    const char *answer = db_null(st, 0) ? "" : db_text(st, 0);
    f->referral_answers[strcmp(answer, "filed") == 0      ? 0
                        : strcmp(answer, "declined") == 0 ? 1
                                                          : 2] += db_int(st, 1);
}

#define REFERRED                                                                                   \
    " FROM case_referral f JOIN penalty_case x ON x.id = f.case_id WHERE f.sent_on IS NOT NULL "   \
    "AND "

static void overdue_row(struct figs *f, struct db_stmt *st)
{
    f->overdue += db_int(st, 0);
}

#define TIMED "x.procedure = 'general' AND x.filed_on IS NOT NULL AND "

/* Every count of the period, query by query. */
static int count_all(struct figs *f, struct err *e)
{
    int rc = each_row(f, "SELECT x.line, x.source, COUNT(*) FROM penalty_case x WHERE ",
                      " GROUP BY x.line, x.source", "x.filed_on", filed_row, e);
    if (!rc)
        rc = each_row(f,
                      "SELECT x.line, x.procedure, x.decision_types, x.no_penalty_ground,"
                      " x.review_required, COUNT(*), COALESCE(SUM(x.decision_fine), 0),"
                      " COALESCE(SUM(x.decision_confiscated), 0) FROM penalty_case x WHERE ",
                      " GROUP BY x.line, x.procedure, x.decision_types, x.no_penalty_ground,"
                      " x.review_required",
                      "x.decided_on", decided_row, e);
    if (!rc)
        rc = each_row(f,
                      "SELECT s.action, COUNT(*) FROM wf_step s WHERE s.kind = 'case'"
                      " AND s.action IN"
                      " ('review_pass', 'review_return', 'review_reject') AND ",
                      " GROUP BY s.action", "s.day", review_row, e);
    if (!rc)
        rc = each_row(f, "SELECT x.hearing_absent, COUNT(*) FROM penalty_case x WHERE ",
                      " GROUP BY x.hearing_absent", "x.heard_on", heard_row, e);
    if (!rc)
        rc = each_row(f, "SELECT x.decided_on, COUNT(*) FROM penalty_case x WHERE " TIMED,
                      " GROUP BY x.decided_on", "x.decided_on", decided_day, e);
    if (!rc)
        rc = each_row(f, "SELECT x.filed_on, COUNT(*) FROM penalty_case x WHERE " TIMED,
                      " GROUP BY x.filed_on", "x.decided_on", filed_day, e);
    if (!rc)
        rc = each_row(f,
                      "SELECT COALESCE(SUM(CASE WHEN " SERVED ") THEN 1 ELSE 0 END), 0),"
                      " COALESCE(SUM(CASE WHEN " SERVED_LATE " THEN 1 ELSE 0 END), 0)"
                      " FROM penalty_case x WHERE ",
                      "", "x.decided_on", served_row, e);
    /* [R-CASE-76] referrals sent in the period: cases, persons, and the police's answers */
    if (!rc)
        rc = each_row(f,
                      "SELECT COUNT(DISTINCT f.case_id), COALESCE(SUM((SELECT COUNT(*) FROM"
                      " case_referral_person p WHERE p.referral_id = f.id)), 0)" REFERRED,
                      "", "f.sent_on", referred_row, e);
    if (!rc)
        rc = each_row(f, "SELECT f.answer, COUNT(DISTINCT f.case_id)" REFERRED,
                      " GROUP BY f.answer", "f.sent_on", answer_row, e);
    if (rc) return rc;
    /* OVERDUE_ON read from the open deadlines alone: a decision meets the 90 days, and a case
     * declined never had them, so an open one is a case not decided nor declined */
    struct db_stmt *st = db_query(f->c->db, e,
                                  "SELECT COUNT(*) FROM wf_deadline o WHERE " AGENCY_IN_SCOPE(
                                      "o.agency_id") " AND " OPEN_DECIDE " AND o.due_on < ?",
                                  "tt", f->scope, f->overdue_on);
    rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) overdue_row(f, st);
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* The label of one penalty type (arena). */
static const char *type_label(struct ctx *c, const char *code)
{
    char label[POWER_TYPES_MAX * 3];
    power_types_label(code, label, sizeof label);
    return arena_strdup(c->arena, label);
}

static void set_count(json_t *o, const char *key, int64_t n, const char *list)
{
    json_object_set_new(o, key, count(n, list));
}

static json_t *filed_json(const struct figs *f)
{
    const char *const base[4] = {"filed_from", f->from, "filed_to", f->to};
    finish(f, f->filed_line, line_label, "line", base);
    finish(f, f->filed_source, case_source_label, "source", base);
    json_t *o = count(f->filed, list_of(f, base[0], base[1], base[2], base[3], (char *)NULL));
    json_object_set(o, "by_line", f->filed_line);
    json_object_set(o, "by_source", f->filed_source);
    return o;
}

/* The lists of the period's decisions narrowed by key = value (arena). */
static const char *decided_list(const struct figs *f, const char *key, const char *value)
{
    return list_of(f, "decided_from", f->from, "decided_to", f->to, key, value, (char *)NULL);
}

static json_t *decided_json(const struct figs *f)
{
    const char *const base[4] = {"decided_from", f->from, "decided_to", f->to};
    finish(f, f->decided_line, line_label, "line", base);
    json_t *o = count(f->decided, decided_list(f, NULL, NULL));
    set_count(o, "general", f->general, decided_list(f, "procedure", "general"));
    set_count(o, "summary", f->summary, decided_list(f, "procedure", "summary"));
    set_count(o, "penalised", f->penalised, decided_list(f, "ground", "none"));
    json_object_set(o, "by_line", f->decided_line);
    return o;
}

/* Every type of case_severity, in that order, with its count and list (key = its code). */
static json_t *types_json(const struct figs *f, const int64_t n[NTYPES], const char *key)
{
    json_t *out = json_array();
    for (size_t i = 0; i < NTYPES; i++) {
        json_t *o = count(n[i], decided_list(f, key, case_severity[i]));
        jset_text(o, "code", case_severity[i]);
        jset_text(o, "label", type_label(f->c, case_severity[i]));
        json_array_append_new(out, o);
    }
    return out;
}

/* 元 and 万元 of an amount in 分, as key_fen, key_yuan, key_wan. */
static void money(json_t *o, const char *key, int64_t fen)
{
    char yuan[MONEY_YUAN_SIZE], wan[MONEY_YUAN_SIZE], k[32];
    snprintf(k, sizeof k, "%s_fen", key);
    jset_int(o, k, fen);
    snprintf(k, sizeof k, "%s_yuan", key);
    jset_text(o, k, money_yuan(fen, yuan, sizeof yuan));
    snprintf(k, sizeof k, "%s_wan", key);
    jset_text(o, k, money_wan(fen, wan, sizeof wan));
}

static json_t *not_penalised_json(const struct figs *f)
{
    const char *const base[4] = {"decided_from", f->from, "decided_to", f->to};
    finish(f, f->grounds, case_ground_label, "ground", base);
    json_t *o = count(f->not_penalised, decided_list(f, "ground", "any"));
    json_object_set(o, "by_ground", f->grounds);
    return o;
}

static const char *review_list(const struct figs *f, const char *outcome)
{
    return list_of(f, "review", outcome, "review_from", f->from, "review_to", f->to, (char *)NULL);
}

/* 法制审核: the reviews held, and the rate of general decisions that had one. */
static json_t *reviews_json(const struct figs *f)
{
    json_t *o = count(f->review[0] + f->review[1] + f->review[2], review_list(f, "any"));
    set_count(o, "pass", f->review[0], review_list(f, "pass"));
    set_count(o, "return", f->review[1], review_list(f, "return"));
    set_count(o, "reject", f->review[2], review_list(f, "reject"));
    set_count(o, "decided_reviewed", f->reviewed,
              list_of(f, "decided_from", f->from, "decided_to", f->to, "procedure", "general",
                      "reviewed", "1", (char *)NULL));
    jset_int(o, "decided_general", f->general);
    char rate[DRAW_RATE_TEXT];
    draw_rate_text(f->reviewed, f->general, rate);
    jset_text(o, "rate", rate);
    return o;
}

static json_t *hearings_json(const struct figs *f)
{
    const char *from = f->from, *to = f->to;
    json_t *o =
        count(f->heard + f->absent, list_of(f, "heard_from", from, "heard_to", to, (char *)NULL));
    set_count(o, "held", f->heard,
              list_of(f, "heard_from", from, "heard_to", to, "absent", "0", (char *)NULL));
    set_count(o, "absent", f->absent,
              list_of(f, "heard_from", from, "heard_to", to, "absent", "1", (char *)NULL));
    return o;
}

static json_t *days_json(const struct figs *f)
{
    json_t *o = count(f->timed, decided_list(f, "procedure", "general"));
    if (f->timed)
        jset_text(o, "average", arena_printf(f->c->arena, "%.1f", (double)f->days / f->timed));
    return o;
}

/* 行刑衔接: cases referred to the police in the period, the persons, the police's answers. */
static json_t *referrals_json(const struct figs *f)
{
    static const char *const answers[] = {"filed", "declined", "pending"};
    const char *from = f->from, *to = f->to;
    json_t *o =
        count(f->referred, list_of(f, "referred_from", from, "referred_to", to, (char *)NULL));
    jset_int(o, "persons", f->referred_persons);
    for (size_t i = 0; i < 3; i++)
        set_count(o, answers[i], f->referral_answers[i],
                  list_of(f, "referred_from", from, "referred_to", to, "referral", answers[i],
                          (char *)NULL));
    return o;
}

/* The figures of the counts of f. */
static json_t *figures(const struct figs *f)
{
    json_t *o = jpack("{ss ss}", "from", f->from, "to", f->to);
    if (!str_blank(f->agency)) jset_text(o, "agency", f->agency);
    json_object_set_new(o, "filed", filed_json(f));
    json_object_set_new(o, "decided", decided_json(f));
    json_object_set_new(o, "severest", types_json(f, f->severest, "severest"));
    json_object_set_new(o, "by_type", types_json(f, f->types, "type"));
    json_t *m = jpack("{ss}", "list", decided_list(f, "ground", "none"));
    money(m, "fine", f->fine);
    money(m, "confiscated", f->confiscated);
    json_object_set_new(o, "money", m);
    json_object_set_new(o, "not_penalised", not_penalised_json(f));
    json_object_set_new(o, "reviews", reviews_json(f));
    json_object_set_new(o, "hearings", hearings_json(f));
    json_object_set_new(o, "days", days_json(f));
    json_t *served = count(f->served, decided_list(f, "served", "1"));
    set_count(served, "late", f->served_late, decided_list(f, "served", "late"));
    json_object_set_new(o, "served", served);
    json_object_set_new(o, "referrals", referrals_json(f));
    json_t *late = count(f->overdue, list_of(f, "overdue_on", f->overdue_on, (char *)NULL));
    jset_text(late, "as_of", f->overdue_on);
    json_object_set_new(o, "overdue", late);
    return o;
}

json_t *case_stats(struct ctx *c, const struct case_period *p, struct err *e)
{
    day_t d;
    if (date_parse(p->from, &d)) err_field(e, "from", "起始日期格式应为 YYYY-MM-DD");
    if (date_parse(p->to, &d)) err_field(e, "to", "截止日期格式应为 YYYY-MM-DD");
    if (!e->code && strcmp(p->from, p->to) > 0) err_field(e, "to", "截止日期不能早于起始日期");
    if (e->code) return NULL;
    struct figs f = {.c = c, .from = p->from, .to = p->to, .agency = p->agency_code};
    if (agency_scope_of(c, p->agency_code, &f.scope, e)) return NULL;
    /* overdue on the period's last day, or today while the period lasts */
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    f.overdue_on = strcmp(p->to, today) < 0 ? p->to : arena_strdup(c->arena, today);
    f.filed_line = json_array();
    f.filed_source = json_array();
    f.decided_line = json_array();
    f.grounds = json_array();
    json_t *o = count_all(&f, e) ? NULL : figures(&f);
    json_decref(f.filed_line);
    json_decref(f.filed_source);
    json_decref(f.decided_line);
    json_decref(f.grounds);
    return o;
}
