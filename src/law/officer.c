/* officer.c — the officer registry and officer_can_enforce. */
#include "law/area.h"
#include "base/jpack.h"
#include "law/role.h"
#include "law/officer.h"
#include "law/agency.h"
#include "law/audit.h"
#include "law/catalog.h"
#include "law/field.h"
#include "law/paging.h"
#include "law/record.h"
#include "base/codes.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *code, *label;
} statuses[] = {{"active", "在岗"}, {"suspended", "暂停"}, {"cancelled", "注销"}};

const char *officer_status_label(const char *status)
{
    for (size_t i = 0; i < countof(statuses); i++)
        if (status && strcmp(status, statuses[i].code) == 0) return statuses[i].label;
    return NULL;
}

/* The year whose review must have been passed by date: the previous year once its review is due,
 * otherwise the year before that. */
static int review_year_due(day_t date)
{
    int y = date_year(date);
    return date > date_from_ymd(y, REVIEW_DUE_MONTH, REVIEW_DUE_DAY) ? y - 1 : y - 2;
}

bool officer_standing_ok(const struct officer_standing *s, day_t date, const char **why)
{
    /* [R-OFF-02] 行政处罚法 第四十二条: a suspended or cancelled certificate does not enforce */
    if (!s->status || strcmp(s->status, "active") != 0) {
        *why =
            s->status && strcmp(s->status, "suspended") == 0 ? "执法证已暂停使用" : "执法证已注销";
        return false;
    }
    /* [R-OFF-01] 第四十二条: the certificate in force on date, its last day included */
    if (date < s->cert_issued) {
        *why = "执法证尚未生效";
        return false;
    }
    if (date > s->cert_expires) {
        *why = "执法证已过有效期";
        return false;
    }
    /* [R-OFF-03] 第四十二条: the annual review due by date was passed */
    int due = review_year_due(date);
    if (date_year(s->cert_issued) > due) return true; /* issued after the year under review */
    for (int i = 0; i < s->nreviews; i++) {
        if (s->reviews[i].year != due) continue;
        if (s->reviews[i].passed) return true;
        *why = "执法证年审不合格";
        return false;
    }
    *why = "执法证年审逾期未完成";
    return false;
}

/* Reviews of an officer, newest first, into an arena array. */
static int load_reviews(struct ctx *c, int64_t id, struct cert_review **out, int *n, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT year, passed FROM certificate_review"
                                  " WHERE officer_id = ? ORDER BY year DESC LIMIT 64",
                                  "i", id);
    if (!st) return e->code;
    struct cert_review *r = arena_alloc(c->arena, 64 * sizeof *r);
    int k = 0;
    while (db_step(st, e) == DB_ROW && k < 64) {
        r[k].year = (int)db_int(st, 0);
        r[k].passed = db_int(st, 1) != 0;
        k++;
    }
    db_done(st);
    *out = r;
    *n = k;
    return e->code;
}

int officer_can_enforce(struct ctx *c, int64_t officer_id, day_t date, const char **why,
                        struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT status, cert_issued, cert_expires FROM officer"
                                  " WHERE id = ?",
                                  "i", officer_id);
    if (!st) return e->code;
    struct officer_standing s = {0};
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        s.status = arena_strdup(c->arena, db_text(st, 0));
        if (date_parse(db_text(st, 1), &s.cert_issued) ||
            date_parse(db_text(st, 2), &s.cert_expires))
            s.status = "cancelled";
    }
    db_done(st);
    if (rc == DB_DONE) return err_set(e, ERR_NOTFOUND, "执法人员不存在");
    if (rc < 0) return rc;
    struct cert_review *reviews = NULL;
    rc = load_reviews(c, officer_id, &reviews, &s.nreviews, e);
    if (rc) return rc;
    s.reviews = reviews;
    return officer_standing_ok(&s, date, why) ? 1 : 0;
}

static void validate(const struct officer_input *in, struct err *e)
{
    field_text(in->name, "name", "姓名", true, 30, e);
    if (str_blank(in->id_number))
        err_field(e, "id_number", "请填写身份证号");
    else
        idcard_check(in->id_number, e, "id_number");
    field_phone(in->phone, "phone", e);
    field_text(in->cert_no, "cert_no", "执法证号", true, 40, e);
    day_t from = 0, to = 0;
    field_date(in->cert_issued, "cert_issued", "发证日期", true, &from, e);
    field_date(in->cert_expires, "cert_expires", "有效期至", true, &to, e);
    if (from && to && to <= from) err_field(e, "cert_expires", "有效期至应晚于发证日期");
    if (!str_blank(in->status) && !officer_status_label(in->status))
        err_field(e, "status", "状态应为在岗、暂停或注销");
    /* [R-OFF-04] a suspension or cancellation says why */
    if (!str_blank(in->status) && strcmp(in->status, "active") != 0 && str_blank(in->status_reason))
        err_field(e, "status_reason", "暂停或注销须填写原因");
    field_lines(in->lines, "lines", true, e);
    field_text(in->department, "department", "科室", false, 40, e);
}

/* Resolve agency (default: the actor's) and optional department by name. */
static int resolve_place(struct ctx *c, const struct officer_input *in, int64_t *agency_id,
                         int64_t *dept_id, struct err *e)
{
    *dept_id = 0;
    if (str_blank(in->agency_code)) {
        *agency_id = c->who->agency_id;
        if (!*agency_id) return err_field(e, "agency", "请选择所属机构");
    } else if (agency_find(c, in->agency_code, agency_id, NULL, e)) {
        err_clear(e);
        return err_field(e, "agency", "机构 %s 不存在或不在您的管辖范围内", in->agency_code);
    }
    if (str_blank(in->department)) return 0;
    int rc =
        db_get_int(c->db, e, dept_id, "SELECT id FROM department WHERE agency_id = ? AND name = ?",
                   "it", *agency_id, in->department);
    if (rc == ERR_NOTFOUND) {
        err_clear(e);
        return err_field(e, "department", "该机构没有名为“%s”的科室", in->department);
    }
    return rc;
}

/* Turn a uniqueness violation into a field message. [R-OFF-05] a certificate number and an ID
 * number are registered once (the table's unique indexes refuse a second). */
static int conflict_field(struct ctx *c, const struct officer_input *in, int64_t self,
                          struct err *e)
{
    err_clear(e);
    int cert = db_exists(c->db, e, "SELECT 1 FROM officer WHERE cert_no = ? AND id <> ?", "ti",
                         in->cert_no, self);
    if (cert < 0) return cert;
    if (cert) err_field(e, "cert_no", "执法证号 %s 已登记", in->cert_no);
    int idno = db_exists(c->db, e, "SELECT 1 FROM officer WHERE id_number = ? AND id <> ?", "ti",
                         in->id_number, self);
    if (idno < 0) return idno;
    if (idno) err_field(e, "id_number", "该身份证号已登记为执法人员");
    if (!e->nfields) err_set(e, ERR_CONFLICT, "与已有记录重复");
    return e->code = ERR_CONFLICT;
}

/* End the failed write's transaction, then say which value is taken: PostgreSQL refuses every
 * further statement of a transaction that hit a violation until it rolls back. */
static int conflict_after_rollback(struct ctx *c, const struct officer_input *in, int64_t self,
                                   struct err *e)
{
    db_rollback(c->db);
    return conflict_field(c, in, self, e);
}

int officer_add(struct ctx *c, const struct officer_input *in, int64_t *id, struct err *e)
{
    validate(in, e);
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t agency_id, dept_id;
    rc = resolve_place(c, in, &agency_id, &dept_id, e);
    if (rc) goto fail;
    rc = db_get_int(c->db, e, id,
                    "INSERT INTO officer (agency_id, department_id, name, id_number, phone,"
                    " cert_no, cert_issued, cert_expires, status, status_reason, lines,"
                    " legal_qualified, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    "iItttttttttiii", agency_id, dept_id, in->name, in->id_number,
                    blank_to_null(in->phone), in->cert_no, in->cert_issued, in->cert_expires,
                    str_blank(in->status) ? "active" : in->status, blank_to_null(in->status_reason),
                    in->lines, (int64_t)(in->legal_qualified && *in->legal_qualified == '1'),
                    c->now, c->now);
    if (rc == ERR_CONFLICT) return conflict_after_rollback(c, in, 0, e);
    if (!rc)
        rc = audit_write(c, "officer.create", "officer", *id, "登记执法人员 %s（证号 %s）",
                         in->name, in->cert_no);
    if (rc) goto fail;
    return db_commit(c->db, e);
fail:
    db_rollback(c->db);
    return rc;
}

/* Scope check: ERR_NOTFOUND unless officer id lies in the actor's subtree. */
static int officer_scope(struct ctx *c, int64_t id, int64_t *version, struct err *e)
{
    struct record_ref r;
    int rc = record_in_scope(c, "officer", id, NULL, "执法人员不存在", &r, e);
    if (!rc && version) *version = r.version;
    return rc;
}

int officer_update(struct ctx *c, int64_t id, const struct officer_input *in, struct err *e)
{
    validate(in, e);
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t version = 0, agency_id, dept_id;
    rc = officer_scope(c, id, &version, e);
    if (!rc && in->version && in->version != version)
        rc = err_set(e, ERR_CONFLICT, "该记录已被他人修改，请刷新后重新编辑");
    if (!rc) rc = resolve_place(c, in, &agency_id, &dept_id, e);
    if (rc) goto fail;
    int64_t n = db_exec(c->db, e,
                        "UPDATE officer SET agency_id = ?, department_id = ?, name = ?,"
                        " id_number = ?, phone = ?, cert_no = ?, cert_issued = ?,"
                        " cert_expires = ?, status = ?, status_reason = ?, lines = ?,"
                        " legal_qualified = ?, updated_at = ?, version = version + 1"
                        " WHERE id = ?",
                        "iItttttttttiii", agency_id, dept_id, in->name, in->id_number,
                        blank_to_null(in->phone), in->cert_no, in->cert_issued, in->cert_expires,
                        str_blank(in->status) ? "active" : in->status,
                        blank_to_null(in->status_reason), in->lines,
                        (int64_t)(in->legal_qualified && *in->legal_qualified == '1'), c->now, id);
    if (n == ERR_CONFLICT) return conflict_after_rollback(c, in, id, e);
    if (n < 0) rc = (int)n;
    if (!rc) rc = audit_write(c, "officer.update", "officer", id, "修改执法人员 %s", in->name);
    if (rc) goto fail;
    return db_commit(c->db, e);
fail:
    db_rollback(c->db);
    return rc;
}

int officer_review_add(struct ctx *c, int64_t id, const char *year, const char *reviewed_on,
                       const char *passed, const char *note, struct err *e)
{
    int64_t y = 0;
    if (parse_i64(year ? year : "", &y) || y < 1990 || y > 2200)
        err_field(e, "year", "请填写年审年度，如 2024");
    day_t on = 0;
    field_date(reviewed_on, "reviewed_on", "年审日期", true, &on, e);
    if (on && y && date_year(on) <= y) err_field(e, "reviewed_on", "年审日期应在被审年度之后");
    if (!passed || (strcmp(passed, "1") != 0 && strcmp(passed, "0") != 0))
        err_field(e, "passed", "请选择年审结论");
    field_text(note, "note", "备注", false, 200, e);
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = officer_scope(c, id, NULL, e);
    if (!rc) {
        int64_t n =
            db_exec(c->db, e,
                    "INSERT INTO certificate_review (officer_id, year, reviewed_on,"
                    " passed, note) VALUES (?, ?, ?, ?, ?)",
                    "iitit", id, y, reviewed_on, (int64_t)(*passed == '1'), blank_to_null(note));
        if (n == ERR_CONFLICT) {
            err_clear(e);
            rc = err_field(e, "year", "%lld 年度的年审已登记", (long long)y);
            e->code = rc = ERR_CONFLICT;
        } else if (n < 0) {
            rc = (int)n;
        }
    }
    if (!rc)
        rc = audit_write(c, "officer.review", "officer", id, "登记 %lld 年度年审：%s", (long long)y,
                         *passed == '1' ? "合格" : "不合格");
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

#define OFFICER_COLS                                                                               \
    "o.id, o.name, o.id_number, o.phone, o.cert_no, o.cert_issued, o.cert_expires, o.status,"      \
    " o.status_reason, o.lines, o.legal_qualified, o.version, a.name, a.code, d.name, o.agency_id"
#define OFFICER_FROM                                                                               \
    " FROM officer o JOIN agency a ON a.id = o.agency_id"                                          \
    " LEFT JOIN department d ON d.id = o.department_id"

/* Certificate flag for lists: "expired", "expiring" or NULL. [R-OFF-06] */
static const char *cert_flag(day_t today, const char *expires)
{
    day_t to;
    if (date_parse(expires, &to)) return "expired";
    if (to < today) return "expired";
    if (to - today <= CERT_EXPIRY_WARN_DAYS) return "expiring";
    return NULL;
}

static json_t *officer_row(struct ctx *c, struct db_stmt *st, day_t today)
{
    char lines[256];
    catalog_lines_label(db_text(st, 9), lines, sizeof lines);
    const char *flag = cert_flag(today, db_text(st, 6));
    return jpack("{sI ss ss ss? ss ss ss ss ss ss? ss ss sb sI ss ss ss? ss? sb sb}", "id",
                 (json_int_t)db_int(st, 0), "name", db_text(st, 1), "id_number",
                 role_idcard_shown(c, db_text(st, 2)), "phone", db_text(st, 3), "cert_no",
                 db_text(st, 4), "cert_issued", db_text(st, 5), "cert_expires", db_text(st, 6),
                 "status", db_text(st, 7), "status_label", officer_status_label(db_text(st, 7)),
                 "status_reason", db_text(st, 8), "lines", db_text(st, 9), "lines_label", lines,
                 "legal_qualified", (int)db_int(st, 10), "version", (json_int_t)db_int(st, 11),
                 "agency", db_text(st, 12), "agency_code", db_text(st, 13), "department",
                 db_text(st, 14), "cert_flag", flag, "cert_expired",
                 flag && strcmp(flag, "expired") == 0, "cert_expiring",
                 flag && strcmp(flag, "expiring") == 0);
}

json_t *officer_get(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(
        c->db, e, "SELECT " OFFICER_COLS ", a.path" OFFICER_FROM " WHERE o.id = ?", "i", id);
    if (!st) return NULL;
    day_t today = date_from_instant(c->now);
    json_t *o = NULL;
    if (db_step(st, e) == DB_ROW && actor_sees_path(c->who, db_text(st, 16)))
        o = officer_row(c, st, today);
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "执法人员不存在");
        return NULL;
    }
    json_t *reviews = json_array();
    struct db_stmt *rs = db_query(c->db, e,
                                  "SELECT year, reviewed_on, passed, note FROM certificate_review"
                                  " WHERE officer_id = ? ORDER BY year DESC",
                                  "i", id);
    while (rs && db_step(rs, e) == DB_ROW)
        json_array_append_new(reviews, jpack("{sI ss sb ss?}", "year", (json_int_t)db_int(rs, 0),
                                             "reviewed_on", db_text(rs, 1), "passed",
                                             (int)db_int(rs, 2), "note", db_text(rs, 3)));
    db_done(rs);
    json_object_set_new(o, "reviews", reviews);
    const char *why = NULL;
    int ok = officer_can_enforce(c, id, today, &why, e);
    json_object_set_new(o, "can_enforce", json_boolean(ok == 1));
    if (ok == 0) json_object_set_new(o, "cannot_enforce_reason", json_string(why));
    return o;
}

/* What an officer list's rows are made with. */
struct list_arg {
    struct ctx *c;
    day_t today;
};

static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    const struct list_arg *a = arg;
    return officer_row(a->c, st, a->today);
}

json_t *officer_list(struct ctx *c, const struct officer_query *q, struct err *e)
{
    static const char *const cols[] = {"name", "cert_no", "id_number", NULL};
    struct buf sql = {0}, bind = {0};
    struct db_search s;
    db_search(c->db, c->arena, "officer", "o", cols, q->q, &s, &bind);
    day_t today = date_from_instant(c->now);
    char soon[11];
    date_format(today + CERT_EXPIRY_WARN_DAYS, soon);
    struct db_cond w = {0};
    db_cond_bind(&w, "t", bind.len ? bind.p : NULL); /* the search's ?, before the filters */
    db_cond_add(&w, AGENCY_IN_SCOPE("o.agency_id"), "t", actor_scope(c));
    if (!str_blank(q->status)) db_cond_add(&w, "o.status = ?", "t", q->status);
    if (!str_blank(q->line))
        db_cond_add(&w, "(','||o.lines||',') LIKE ?", "t",
                    arena_printf(c->arena, "%%,%s,%%", q->line));
    if (q->expiring) db_cond_add(&w, "o.cert_expires <= ?", "t", soon);
    char t[DATE_STRLEN];
    date_format(today, t);
    if (q->cert && strcmp(q->cert, "expiring") == 0)
        db_cond_add(&w, "o.cert_expires >= ? AND o.cert_expires <= ?", "tt", t, soon);
    else if (q->cert && strcmp(q->cert, "expired") == 0)
        db_cond_add(&w, "o.cert_expires < ?", "t", t);
    db_search_page(&sql, &s, OFFICER_COLS,
                   "JOIN agency a ON a.id = o.agency_id"
                   " LEFT JOIN department d ON d.id = o.department_id",
                   db_cond_sql(&w));
    struct buf count = {0};
    db_search_count(&count, &s, db_cond_sql(&w));
    struct db_cond k = w; /* the list's arguments, for its count */
    struct paging pg = paging_of(q->page, q->per_page, 20);
    db_cond_bind(&w, "ii", paging_limit(pg), paging_offset(pg));
    struct db_stmt *st = db_cond_query(c->db, e, sql.p, &w);
    struct list_arg arg = {c, today};
    json_t *page =
        paging_total(paging_read(st, pg, list_row, &arg, e), c->db, count.p, true, &k, e);
    db_cond_free(&w);
    buf_free(&sql);
    buf_free(&count);
    buf_free(&bind);
    return page;
}

int officer_each(struct ctx *c, int (*fn)(void *arg, json_t *row), void *arg, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT " OFFICER_COLS OFFICER_FROM
                                  " WHERE " AGENCY_IN_SCOPE("o.agency_id") " ORDER BY o.id",
                                  "t", actor_scope(c));
    if (!st) return e->code;
    day_t today = date_from_instant(c->now);
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        json_t *row = officer_row(c, st, today);
        int stop = fn(arg, row);
        json_decref(row);
        if (stop) {
            rc = stop;
            break;
        }
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"officer",
     "执法人员",
     true,
     "id",
     {{"agency_id", "agency", REF_ID}, {"department_id", "department", REF_ID}}},
    {"certificate_review", "证件年审", true, "id", {{"officer_id", "officer", REF_ID}}},
};

const struct law_area law_area_officers = {"officers", tables, countof(tables), NULL, 0};
