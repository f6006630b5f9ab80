/* recording_stats.c — how much of the enforcement was recorded (law/recording_stats.h): the
 * records a period counts, whether each has a recording, the figures over them, the lists behind
 * each figure, and one case's key steps left unrecorded for the pre-closing check. A figure and
 * its list read the same units below, so that they agree. Definitions: docs/evidence.md. */
#include "law/recording_stats.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/jpack.h"
#include "base/media.h"
#include "law/agency.h"
#include "law/catalog.h"
#include "law/draw.h"
#include "law/paging.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* ---- the units counted ---------------------------------------------------------------------- */

/* [R-EVD-30] What coverage counts, each unit a row (id: the record's, agency_id, line, day: the
 * day that places it in a period, object_type, part: '' for the record as a whole, key_step, ref:
 * the evidence item or step, done_on, title). An inspection or a case counts as recorded with
 * any recording of it; a key step only with a recording attached to that very part. SQL of fixed
 * text, never input. */
#define UNIT_INSPECTIONS                                                                           \
    "SELECT x.id, x.agency_id, x.line, x.inspected_on AS day, 'inspection' AS object_type,"        \
    " '' AS part, '' AS key_step, x.id AS ref, x.inspected_on AS done_on,"                         \
    " (SELECT n.name FROM entity n WHERE n.id = x.entity_id) AS title FROM inspection x"
#define UNIT_CASES                                                                                 \
    "SELECT x.id, x.agency_id, x.line, x.filed_on AS day, 'case' AS object_type, '' AS part,"      \
    " '' AS key_step, x.id AS ref, x.filed_on AS done_on, x.party_name AS title"                   \
    " FROM penalty_case x"
/* [R-EVD-31] The key steps of a case (行政处罚法 第四十七条): each 现场笔录 and 询问笔录 item of
 * its evidence, each 送达 and each 听证 held. */
#define UNIT_ACTS                                                                                  \
    "SELECT x.id, x.agency_id, x.line, x.filed_on AS day, 'case' AS object_type,"                  \
    " 'evidence:' || CAST(v.id AS TEXT) AS part, CASE WHEN v.inquiry_person IS NOT NULL"           \
    " THEN 'inquiry' ELSE 'site' END AS key_step, v.id AS ref, v.obtained_on AS done_on,"          \
    " x.party_name AS title FROM penalty_case x JOIN case_evidence v ON v.case_id = x.id"          \
    " WHERE v.inquiry_person IS NOT NULL OR v.site_time IS NOT NULL"                               \
    " UNION ALL SELECT x.id, x.agency_id, x.line, x.filed_on, 'case',"                             \
    " 'step:' || CAST(s.id AS TEXT), CASE WHEN s.action = 'serve' THEN 'service'"                  \
    " ELSE 'hearing' END, s.id, s.day, x.party_name FROM penalty_case x JOIN wf_step s"            \
    " ON s.kind = 'case' AND s.object_id = x.id WHERE s.action IN ('serve', 'hold_hearing')"
/* Unit u has a recording. */
#define RECORDED                                                                                   \
    "EXISTS (SELECT 1 FROM recording r WHERE r.object_type = u.object_type"                        \
    " AND r.object_id = u.id AND (u.part = '' OR r.part = u.part))"

/* The key steps in the order the figures show them. */
static const char *const key_steps[][2] = {
    {"site", "现场检查（现场笔录）"},
    {"inquiry", "询问（询问笔录）"},
    {"service", "送达"},
    {"hearing", "听证"},
};

static const char *key_step_label(const char *code)
{
    for (size_t i = 0; i < countof(key_steps); i++)
        if (strcmp(key_steps[i][0], code) == 0) return key_steps[i][1];
    return code;
}

/* The units of what (inspection, case, or one of key_steps; NULL when none). */
static const char *units_of(const char *what)
{
    if (!what) return NULL;
    if (strcmp(what, "inspection") == 0) return UNIT_INSPECTIONS;
    if (strcmp(what, "case") == 0) return UNIT_CASES;
    for (size_t i = 0; i < countof(key_steps); i++)
        if (strcmp(key_steps[i][0], what) == 0) return UNIT_ACTS;
    return NULL;
}

/* The first instant (UTC seconds) of day in China time. */
static int64_t day_start(day_t d)
{
    return (int64_t)d * 86400 - 8 * 3600;
}

/* Check the period and find the scope (a LIKE pattern of agency.path); field errors in e. */
static int period_ok(struct ctx *c, const char *from, const char *to, const char *agency,
                     const char **scope, struct err *e)
{
    day_t d;
    if (date_parse(from ? from : "", &d)) err_field(e, "from", "起始日期格式应为 YYYY-MM-DD");
    if (date_parse(to ? to : "", &d)) err_field(e, "to", "截止日期格式应为 YYYY-MM-DD");
    if (e->code) return e->code;
    if (strcmp(from, to) > 0) return err_field(e, "to", "截止日期不能早于起始日期");
    return agency_scope_of(c, agency, scope, e);
}

/* ---- the figures ---------------------------------------------------------------------------- */

/* The query of the list behind a figure: what in the period, narrowed by key=value unless key
 * is NULL (arena). */
static const char *list_of(struct ctx *c, const struct recording_period *p, const char *what,
                           const char *key, const char *value)
{
    struct buf b = {0};
    buf_addf(&b, "what=%s&from=%s&to=%s", what, p->from, p->to);
    if (!str_blank(p->agency_code)) {
        buf_adds(&b, "&agency=");
        buf_add_urlenc(&b, p->agency_code);
    }
    if (key && value) {
        buf_addf(&b, "&%s=", key);
        buf_add_urlenc(&b, value);
    }
    const char *out = arena_strdup(c->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

/* A count: {n, list}. */
static json_t *count(struct ctx *c, int64_t n, const char *list, const char *more)
{
    return jpack("{sI ss}", "n", (json_int_t)n, "list",
                 more ? arena_printf(c->arena, "%s&%s", list, more) : list);
}

/* Add all and recorded to the running counts of o. */
static void add_counts(json_t *o, int64_t all, int64_t recorded)
{
    json_object_set_new(o, "n_all", json_integer(jget_int(o, "n_all") + all));
    json_object_set_new(o, "n_rec", json_integer(jget_int(o, "n_rec") + recorded));
}

/* Turn the running counts of o into {all, recorded, unrecorded, rate}, each opening list. */
static void finish_counts(struct ctx *c, json_t *o, const char *list)
{
    int64_t all = jget_int(o, "n_all"), rec = jget_int(o, "n_rec");
    json_object_del(o, "n_all");
    json_object_del(o, "n_rec");
    json_object_set_new(o, "all", count(c, all, list, NULL));
    json_object_set_new(o, "recorded", count(c, rec, list, "recorded=1"));
    json_object_set_new(o, "unrecorded", count(c, all - rec, list, "recorded=0"));
    char text[DRAW_RATE_TEXT];
    draw_rate_text(rec, all, text);
    jset_text(o, "rate", text);
}

/* The row of by for code, appended with its label on first use. */
static json_t *row_of(json_t *by, const char *code, const char *label)
{
    size_t i;
    json_t *o;
    json_array_foreach(by, i, o)
    {
        if (strcmp(jget_text(o, "code"), code) == 0) return o;
    }
    o = jpack("{ss ss}", "code", code, "label", label ? label : code);
    json_array_append_new(by, o);
    return o;
}

/* The counts of one kind of unit: the whole, by line and by agency (inspections and cases), or
 * by key step (the key steps). */
struct tally {
    json_t *whole, *by_line, *by_agency, *by_step;
};

/* Count the units of sql in the period's scope into t, one pass grouped by key step, line and
 * agency (in tree order). */
static int count_units(struct ctx *c, const char *sql, const char *scope,
                       const struct recording_period *p, struct tally *t, struct err *e)
{
    const char *q = arena_printf(c->arena,
                                 "SELECT u.key_step, u.line, a.code, a.name, COUNT(*),"
                                 " SUM(CASE WHEN " RECORDED " THEN 1 ELSE 0 END)"
                                 " FROM (%s) u JOIN agency a ON a.id = u.agency_id"
                                 " WHERE a.path LIKE ? AND u.day >= ? AND u.day <= ?"
                                 " GROUP BY u.key_step, u.line, a.path, a.code, a.name"
                                 " ORDER BY a.path, u.line",
                                 sql);
    struct db_stmt *st = db_query(c->db, e, q, "ttt", scope, p->from, p->to);
    int rc = st ? 0 : e->code;
    while (!rc && (rc = db_step(st, e)) == DB_ROW) {
        rc = 0;
        int64_t all = db_int(st, 4), rec = db_int(st, 5);
        add_counts(t->whole, all, rec);
        if (t->by_step) add_counts(row_of(t->by_step, db_text(st, 0), NULL), all, rec);
        if (t->by_line) {
            const char *line = db_text(st, 1);
            add_counts(row_of(t->by_line, line, catalog_label("lines", line)), all, rec);
        }
        if (t->by_agency)
            add_counts(row_of(t->by_agency, db_text(st, 2), db_text(st, 3)), all, rec);
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* The figures of inspections or cases (what): {all, recorded, unrecorded, rate, by_line,
 * by_agency}; NULL on error. */
static json_t *record_figures(struct ctx *c, const char *what, const char *scope,
                              const struct recording_period *p, struct err *e)
{
    struct tally t = {json_object(), json_array(), json_array(), NULL};
    int rc = count_units(c, units_of(what), scope, p, &t, e);
    size_t i;
    json_t *o;
    json_array_foreach(t.by_line, i, o)
    {
        finish_counts(c, o, list_of(c, p, what, "line", jget_text(o, "code")));
    }
    json_array_foreach(t.by_agency, i, o)
    {
        finish_counts(c, o, list_of(c, p, what, "at", jget_text(o, "code")));
    }
    finish_counts(c, t.whole, list_of(c, p, what, NULL, NULL));
    json_object_set_new(t.whole, "by_line", t.by_line);
    json_object_set_new(t.whole, "by_agency", t.by_agency);
    if (rc) json_decref(t.whole);
    return rc ? NULL : t.whole;
}

/* The key steps of the cases filed in the period: [{code, label, all, recorded, …}]. */
static json_t *step_figures(struct ctx *c, const char *scope, const struct recording_period *p,
                            struct err *e)
{
    struct tally t = {json_object(), NULL, NULL, json_array()};
    for (size_t i = 0; i < countof(key_steps); i++)
        row_of(t.by_step, key_steps[i][0], key_steps[i][1]);
    int rc = count_units(c, UNIT_ACTS, scope, p, &t, e);
    json_decref(t.whole);
    size_t i;
    json_t *o;
    json_array_foreach(t.by_step, i, o)
    {
        const char *code = jget_text(o, "code");
        finish_counts(c, o, list_of(c, p, code, NULL, NULL));
    }
    if (rc) json_decref(t.by_step);
    return rc ? NULL : t.by_step;
}

/* "1.5 MB" (arena). */
static const char *size_text(struct ctx *c, int64_t bytes)
{
    static const char *const units[] = {"B", "KB", "MB", "GB", "TB"};
    double v = (double)bytes;
    size_t u = 0;
    while (v >= 1024 && u + 1 < countof(units)) {
        v /= 1024;
        u++;
    }
    return u ? arena_printf(c->arena, "%.1f %s", v, units[u])
             : arena_printf(c->arena, "%" PRId64 " B", bytes);
}

/* The recordings taken in the period by media, and their total: sets media, recordings, bytes
 * and bytes_text in o. */
static int media_figures(struct ctx *c, const char *scope, const struct recording_period *p,
                         json_t *o, struct err *e)
{
    static const char *const kinds[] = {"photo", "audio", "video", "scan"};
    json_t *by = json_array();
    for (size_t i = 0; i < countof(kinds); i++)
        json_array_append_new(by, jpack("{ss ss sI sI}", "code", kinds[i], "label",
                                        media_label(kinds[i]), "count", (json_int_t)0, "bytes",
                                        (json_int_t)0));
    day_t f, t;
    date_parse(p->from, &f);
    date_parse(p->to, &t);
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT r.media, COUNT(*), SUM(r.size) FROM recording r"
                                  " JOIN agency a ON a.id = r.agency_id WHERE a.path LIKE ?"
                                  " AND r.taken_at >= ? AND r.taken_at < ? GROUP BY r.media",
                                  "tii", scope, day_start(f), day_start(t + 1));
    int rc = st ? 0 : e->code;
    int64_t n = 0, bytes = 0;
    while (!rc && (rc = db_step(st, e)) == DB_ROW) {
        rc = 0;
        json_t *row = row_of(by, db_text(st, 0), NULL);
        json_object_set_new(row, "count", json_integer(db_int(st, 1)));
        json_object_set_new(row, "bytes", json_integer(db_int(st, 2)));
        n += db_int(st, 1);
        bytes += db_int(st, 2);
    }
    db_done(st);
    size_t i;
    json_t *row;
    json_array_foreach(by, i, row)
    {
        jset_text(row, "bytes_text", size_text(c, jget_int(row, "bytes")));
        jset_text(row, "list", list_of(c, p, "recording", "media", jget_text(row, "code")));
    }
    json_object_set_new(o, "media", by);
    json_object_set_new(o, "recordings", count(c, n, list_of(c, p, "recording", NULL, NULL), NULL));
    json_object_set_new(o, "bytes", json_integer(bytes));
    jset_text(o, "bytes_text", size_text(c, bytes));
    return rc < 0 ? rc : 0;
}

json_t *recording_stats(struct ctx *c, const struct recording_period *p, struct err *e)
{
    const char *scope;
    if (period_ok(c, p->from, p->to, p->agency_code, &scope, e)) return NULL;
    json_t *o = jpack("{ss ss}", "from", p->from, "to", p->to);
    if (!str_blank(p->agency_code)) jset_text(o, "agency", p->agency_code);
    json_t *part = record_figures(c, "inspection", scope, p, e);
    if (part) json_object_set_new(o, "inspections", part);
    part = part ? record_figures(c, "case", scope, p, e) : NULL;
    if (part) json_object_set_new(o, "cases", part);
    part = part ? step_figures(c, scope, p, e) : NULL;
    if (part) json_object_set_new(o, "key_steps", part);
    if (!part || media_figures(c, scope, p, o, e)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- the lists behind the figures ----------------------------------------------------------- */

/* A row of a list of units: (id, day, line, agency, title, key_step, done_on, object_type,
 * recordings). */
static json_t *unit_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    struct ctx *c = arg;
    const char *type = db_text(st, 7), *line = db_text(st, 2), *step = db_text(st, 5);
    const char *label = catalog_label("lines", line);
    json_t *o =
        jpack("{sI ss ss ss ss ss sI}", "id", (json_int_t)db_int(st, 0), "day",
              db_null(st, 1) ? "" : db_text(st, 1), "line_label", label ? label : line, "agency",
              db_text(st, 3), "title", db_text(st, 4), "done_on",
              db_null(st, 6) ? "" : db_text(st, 6), "recordings", (json_int_t)db_int(st, 8));
    jset_text(o, "step", *step ? key_step_label(step) : "");
    jset_text(o, "href",
              arena_printf(c->arena, "/%s/%" PRId64 "%s",
                           strcmp(type, "case") == 0 ? "cases" : "inspections", db_int(st, 0),
                           *step ? "#recordings" : ""));
    return o;
}

/* A row of the list of recordings: (id, taken_at, media, file_name, size, agency). */
static json_t *recording_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    struct ctx *c = arg;
    char day[DATE_STRLEN];
    date_format(date_from_instant(db_int(st, 1)), day);
    const char *label = media_label(db_text(st, 2));
    return jpack("{sI ss ss ss ss ss ss}", "id", (json_int_t)db_int(st, 0), "day", day, "title",
                 db_text(st, 3), "step", label ? label : "", "done_on", size_text(c, db_int(st, 4)),
                 "agency", db_text(st, 5), "href",
                 arena_printf(c->arena, "/recordings/%" PRId64, db_int(st, 0)));
}

/* The recordings taken in the period (media: one kind, or all). */
static json_t *list_recordings(struct ctx *c, const struct recording_cover_query *q,
                               struct db_cond *w, struct paging p, struct err *e)
{
    day_t f, t;
    date_parse(q->from, &f);
    date_parse(q->to, &t);
    db_cond_add(w, "r.taken_at >= ? AND r.taken_at < ?", "ii", day_start(f), day_start(t + 1));
    if (!str_blank(q->media)) db_cond_add(w, "r.media = ?", "t", q->media);
    const char *sql = arena_printf(c->arena,
                                   "SELECT r.id, r.taken_at, r.media, r.file_name, r.size, a.name"
                                   " FROM recording r JOIN agency a ON a.id = r.agency_id"
                                   " WHERE %s ORDER BY r.taken_at, r.id LIMIT ? OFFSET ?",
                                   db_cond_sql(w));
    db_cond_bind(w, "ii", paging_limit(p), paging_offset(p));
    return paging_read(db_cond_query(c->db, e, sql, w), p, recording_row, c, e);
}

/* The units of q->what in the period, narrowed by line, agency and recorded. */
static json_t *list_units(struct ctx *c, const struct recording_cover_query *q, const char *units,
                          struct db_cond *w, struct paging p, struct err *e)
{
    db_cond_add(w, "u.day >= ? AND u.day <= ?", "tt", q->from, q->to);
    if (strcmp(units, UNIT_ACTS) == 0) db_cond_add(w, "u.key_step = ?", "t", q->what);
    if (!str_blank(q->line)) db_cond_add(w, "u.line = ?", "t", q->line);
    if (!str_blank(q->at)) db_cond_add(w, "a.code = ?", "t", q->at);
    if (q->recorded && strcmp(q->recorded, "1") == 0) db_cond_add(w, RECORDED, "");
    if (q->recorded && strcmp(q->recorded, "0") == 0) db_cond_add(w, "NOT " RECORDED, "");
    const char *sql = arena_printf(
        c->arena,
        "SELECT u.id, u.day, u.line, a.name, u.title, u.key_step, u.done_on, u.object_type,"
        " (SELECT COUNT(*) FROM recording r WHERE r.object_type = u.object_type"
        " AND r.object_id = u.id AND (u.part = '' OR r.part = u.part))"
        " FROM (%s) u JOIN agency a ON a.id = u.agency_id WHERE %s"
        " ORDER BY u.day, u.id, u.done_on, u.ref LIMIT ? OFFSET ?",
        units, db_cond_sql(w));
    db_cond_bind(w, "ii", paging_limit(p), paging_offset(p));
    return paging_read(db_cond_query(c->db, e, sql, w), p, unit_row, c, e);
}

json_t *recording_coverage_list(struct ctx *c, const struct recording_cover_query *q, struct err *e)
{
    const char *units = units_of(q->what), *scope;
    bool recordings = q->what && strcmp(q->what, "recording") == 0;
    if (!units && !recordings) err_field(e, "what", "请选择要列出的记录");
    if (period_ok(c, q->from, q->to, q->agency, &scope, e)) return NULL;
    struct paging p = paging_of(q->page, q->per_page, 50);
    struct db_cond w = {0};
    db_cond_add(&w, "a.path LIKE ?", "t", scope);
    json_t *page = recordings ? list_recordings(c, q, &w, p, e) : list_units(c, q, units, &w, p, e);
    db_cond_free(&w);
    return page;
}

/* ---- one case ------------------------------------------------------------------------------- */

/* How a key step is named: 第3号证据（询问笔录）, 送达（2026-12-16）, 听证（2026-12-20）. */
static const char *act_name(struct ctx *c, const char *step, int64_t number, const char *on)
{
    if (strcmp(step, "inquiry") == 0 || strcmp(step, "site") == 0)
        return arena_printf(c->arena, "第%" PRId64 "号证据（%s）", number,
                            strcmp(step, "inquiry") == 0 ? "询问笔录" : "现场笔录");
    return arena_printf(c->arena, "%s（%s）", strcmp(step, "service") == 0 ? "送达" : "听证", on);
}

json_t *recording_case_unrecorded(struct ctx *c, int64_t id, struct err *e)
{
    /* an evidence item's number is its place among the case's items (the evidence list) */
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT u.part, u.key_step, u.done_on, CASE WHEN u.part LIKE 'evidence:%' THEN"
                 " (SELECT COUNT(*) FROM case_evidence w WHERE w.case_id = u.id AND w.id <= u.ref)"
                 " ELSE 0 END FROM (" UNIT_ACTS ") u WHERE u.id = ? AND NOT " RECORDED
                 " ORDER BY u.done_on, u.ref",
                 "i", id);
    if (!st) return NULL;
    json_t *out = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW)
        json_array_append_new(
            out, jpack("{ss ss ss}", "part", db_text(st, 0), "key_step", db_text(st, 1), "name",
                       act_name(c, db_text(st, 1), db_int(st, 3), db_text(st, 2))));
    db_done(st);
    if (rc < 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}
