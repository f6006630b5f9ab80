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

/* A row of a table about the case (from_where: "<table> <alias> WHERE <alias>.case_id = x.id
 * …") dated in [from, to] on its column day, narrowed by extra (SQL of fixed text holding at
 * most one ?, bound to arg unless NULL). Callers: review_filter, referral_filter, and the
 * closing, payment and enforcement filters of case_list_figures. */
static void exists_filter(struct ctx *c, struct db_cond *w, const char *from_where, const char *day,
                          const char *from, const char *to, const char *extra, const char *arg)
{
    const char *sql = arena_printf(c->arena, "EXISTS (SELECT 1 FROM %s", from_where);
    if (!str_blank(from)) sql = arena_printf(c->arena, "%s AND %s >= ?", sql, day);
    if (!str_blank(to)) sql = arena_printf(c->arena, "%s AND %s <= ?", sql, day);
    sql = arena_printf(c->arena, "%s%s)", sql, extra ? extra : "");
    /* the arguments in the order of the ?s: at most the two days and arg */
    const char *args[3];
    char types[4] = "";
    int n = 0;
    if (!str_blank(from)) args[n++] = from;
    if (!str_blank(to)) args[n++] = to;
    if (arg) args[n++] = arg;
    memset(types, 't', (size_t)n);
    db_cond_add(w, sql, types, n > 0 ? args[0] : NULL, n > 1 ? args[1] : NULL,
                n > 2 ? args[2] : NULL);
}

/* A legal review (the step review_<outcome>, or any of the three) taken in [from, to]. */
static void review_filter(struct ctx *c, struct db_cond *w, const struct case_query *q)
{
    bool any = strcmp(q->review, "any") == 0;
    exists_filter(c, w, "wf_step s WHERE s.kind = 'case' AND s.object_id = x.id", "s.day",
                  q->review_from, q->review_to,
                  any ? " AND s.action IN ('review_pass', 'review_return', 'review_reject')"
                      : " AND s.action = ?",
                  any ? NULL : arena_printf(c->arena, "review_%s", q->review));
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
    exists_filter(c, w, "case_referral f WHERE f.case_id = x.id AND f.sent_on IS NOT NULL",
                  "f.sent_on", q->referred_from, q->referred_to,
                  pending ? " AND f.answer IS NULL"
                  : one   ? " AND f.answer = ?"
                          : NULL,
                  one ? q->referral : NULL);
}

/* A payment recorded of kind (fine, confiscated, surcharge; "1": any kind), on any day. */
static void paid_filter(struct ctx *c, struct db_cond *w, const char *kind)
{
    bool any = strcmp(kind, "1") == 0;
    exists_filter(c, w, "case_payment p WHERE p.case_id = x.id", "p.paid_on", NULL, NULL,
                  any ? NULL : " AND p.kind = ?", any ? NULL : kind);
}

/* 催告, applications to the court (late: after their three months) and the court's outcomes
 * (one, or any) in their periods. */
static void enforcement_filter(struct ctx *c, struct db_cond *w, const struct case_query *q)
{
    if (!str_blank(q->reminded_from) || !str_blank(q->reminded_to))
        exists_filter(c, w, "case_reminder r WHERE r.case_id = x.id", "r.reminded_on",
                      q->reminded_from, q->reminded_to, NULL, NULL);
    if (!str_blank(q->applied_from) || !str_blank(q->applied_to) || !str_blank(q->applied))
        exists_filter(c, w, "case_court_application k WHERE k.case_id = x.id", "k.applied_on",
                      q->applied_from, q->applied_to,
                      q->applied && strcmp(q->applied, "late") == 0 ? " AND k.late = 1" : NULL,
                      NULL);
    bool one = !str_blank(q->outcome) && strcmp(q->outcome, "any") != 0;
    if (!str_blank(q->outcome_from) || !str_blank(q->outcome_to) || one)
        exists_filter(c, w, "case_court_outcome u WHERE u.case_id = x.id", "u.decided_on",
                      q->outcome_from, q->outcome_to, one ? " AND u.outcome = ?" : NULL,
                      one ? q->outcome : NULL);
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
    range(w, "x.closed_on >= ?", "x.closed_on <= ?", q->closed_from, q->closed_to);
    if (!str_blank(q->paid)) paid_filter(c, w, q->paid);
    enforcement_filter(c, w, q);
    return 0;
}

/* ---- the figures ----------------------------------------------------------------------------- */

#define NTYPES 9 /* the codes of case_severity */

/* The kinds of case_payment: the fine, the amount confiscated, 加处罚款 (第七十二条). */
static const char *const paid_kinds[] = {"fine", "confiscated", "surcharge"};
#define NPAID 3
/* The outcomes of case_court_outcome, in the order the court reaches them. */
static const char *const court_outcomes[] = {"granted", "refused", "round_ended", "completed",
                                             "terminated"};
#define NOUTCOMES 5

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
    int64_t closed;                          /* cases closed (结案) in the period */
    int64_t closed_timed, closed_days;       /* general ones of them, their days from 立案 */
    int64_t paid;                            /* decisions of the period with a payment */
    int64_t collected[NPAID], paid_cases[NPAID]; /* 分 paid, cases paying: by paid_kinds */
    int64_t reminded;                            /* cases given a 催告 in the period */
    int64_t applied, applied_late;               /* cases applied to the court; late */
    int64_t outcomes[NOUTCOMES];                 /* cases by the court's outcome, by outcomes */
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

/* filed_on, closed_on, procedure, count: the cases closed, and the days of general ones. */
static void closed_row(struct figs *f, struct db_stmt *st)
{
    int64_t n = db_int(st, 3);
    day_t filed, closed;
    f->closed += n;
    if (strcmp(db_text(st, 2), "general") != 0 || db_null(st, 0) ||
        date_parse(db_text(st, 0), &filed) || date_parse(db_text(st, 1), &closed))
        return;
    f->closed_timed += n;
    f->closed_days += (int64_t)(closed - filed) * n;
}

/* kind, cases, amount: the payments of the period's decisions, by kind. */
static void paid_row(struct figs *f, struct db_stmt *st)
{
    for (size_t i = 0; i < NPAID; i++)
        if (strcmp(db_text(st, 0), paid_kinds[i]) == 0) {
            f->paid_cases[i] += db_int(st, 1);
            f->collected[i] += db_int(st, 2);
        }
}

static void paying_row(struct figs *f, struct db_stmt *st)
{
    f->paid += db_int(st, 0);
}

static void reminded_row(struct figs *f, struct db_stmt *st)
{
    f->reminded += db_int(st, 0);
}

static void applied_row(struct figs *f, struct db_stmt *st)
{
    f->applied += db_int(st, 0);
    f->applied_late += db_int(st, 1);
}

static void outcome_row(struct figs *f, struct db_stmt *st)
{
    for (size_t i = 0; i < NOUTCOMES; i++)
        if (strcmp(db_text(st, 0), court_outcomes[i]) == 0) f->outcomes[i] += db_int(st, 1);
}

/* A table about the case joined to it, for each_row. */
#define JOINED(table, alias)                                                                       \
    " FROM " table " " alias " JOIN penalty_case x ON x.id = " alias ".case_id WHERE "

/* After the decision: the closings, the payments of the period's decisions, and enforcement
 * (催告, the court's applications and outcomes) dated in the period; each counts cases. */
static int count_after_decision(struct figs *f, struct err *e)
{
    int rc =
        each_row(f,
                 "SELECT x.filed_on, x.closed_on, x.procedure, COUNT(*) FROM penalty_case x"
                 " WHERE ",
                 " GROUP BY x.filed_on, x.closed_on, x.procedure", "x.closed_on", closed_row, e);
    if (!rc)
        rc = each_row(f,
                      "SELECT p.kind, COUNT(DISTINCT p.case_id), COALESCE(SUM(p.amount), 0)" JOINED(
                          "case_payment", "p"),
                      " GROUP BY p.kind", "x.decided_on", paid_row, e);
    if (!rc)
        rc = each_row(f,
                      "SELECT COUNT(*) FROM penalty_case x WHERE EXISTS (SELECT 1 FROM"
                      " case_payment p WHERE p.case_id = x.id) AND ",
                      "", "x.decided_on", paying_row, e);
    if (!rc)
        rc = each_row(f, "SELECT COUNT(DISTINCT r.case_id)" JOINED("case_reminder", "r"), "",
                      "r.reminded_on", reminded_row, e);
    if (!rc)
        rc = each_row(f,
                      "SELECT COUNT(DISTINCT k.case_id), COUNT(DISTINCT CASE WHEN k.late = 1"
                      " THEN k.case_id END)" JOINED("case_court_application", "k"),
                      "", "k.applied_on", applied_row, e);
    if (!rc)
        rc = each_row(
            f, "SELECT u.outcome, COUNT(DISTINCT u.case_id)" JOINED("case_court_outcome", "u"),
            " GROUP BY u.outcome", "u.decided_on", outcome_row, e);
    return rc;
}

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
    if (!rc) rc = count_after_decision(f, e);
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

/* 结案: the cases closed in the period ("closed"), and the average days from 立案 of the general
 * ones ("closing_days"), set on o. */
static void closed_json(const struct figs *f, json_t *o)
{
    const char *from = f->from, *to = f->to;
    json_object_set_new(
        o, "closed",
        count(f->closed, list_of(f, "closed_from", from, "closed_to", to, (char *)NULL)));
    json_t *days = count(f->closed_timed, list_of(f, "closed_from", from, "closed_to", to,
                                                  "procedure", "general", (char *)NULL));
    if (f->closed_timed)
        jset_text(days, "average",
                  arena_printf(f->c->arena, "%.1f", (double)f->closed_days / f->closed_timed));
    json_object_set_new(o, "closing_days", days);
}

/* What the period's decisions imposed and what was paid of it (any day), in 元 and 万元; the
 * decisions with a payment, and those whose 加处罚款 was paid. */
static json_t *money_json(const struct figs *f)
{
    json_t *m = jpack("{ss}", "list", decided_list(f, "ground", "none"));
    money(m, "fine", f->fine);
    money(m, "confiscated", f->confiscated);
    money(m, "fine_paid", f->collected[0]);
    money(m, "confiscated_paid", f->collected[1]);
    money(m, "surcharge_paid", f->collected[2]);
    set_count(m, "paid", f->paid, decided_list(f, "paid", "1"));
    set_count(m, "surcharged", f->paid_cases[2], decided_list(f, "paid", "surcharge"));
    return m;
}

/* 强制执行: cases given a 催告, applied to the court (late), and by the court's outcome. */
static json_t *enforcement_json(const struct figs *f)
{
    const char *from = f->from, *to = f->to;
    json_t *o = json_object();
    set_count(o, "reminders", f->reminded,
              list_of(f, "reminded_from", from, "reminded_to", to, (char *)NULL));
    json_t *k = count(f->applied, list_of(f, "applied_from", from, "applied_to", to, (char *)NULL));
    set_count(k, "late", f->applied_late,
              list_of(f, "applied_from", from, "applied_to", to, "applied", "late", (char *)NULL));
    json_object_set_new(o, "applications", k);
    json_t *out = json_array();
    for (size_t i = 0; i < NOUTCOMES; i++) {
        json_t *r = count(f->outcomes[i], list_of(f, "outcome_from", from, "outcome_to", to,
                                                  "outcome", court_outcomes[i], (char *)NULL));
        jset_text(r, "code", court_outcomes[i]);
        jset_text(r, "label", case_court_outcome_label(court_outcomes[i]));
        json_array_append_new(out, r);
    }
    json_object_set_new(o, "outcomes", out);
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
    json_object_set_new(o, "money", money_json(f));
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
    closed_json(f, o);
    json_object_set_new(o, "enforcement", enforcement_json(f));
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
