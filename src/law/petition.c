/* petition.c — petitions (信访): their workflow under 信访工作条例, declared as data, registration,
 * and the conversion of a petition that is a complaint in substance. Reading them is
 * petition_read.c; figures petition_stats.c. */
#include "law/area.h"
#include "base/crypto.h"
#include "base/jpack.h"
#include "law/petition.h"
#include "law/audit.h"
#include "law/intake.h"
#include "law/complaint.h"
#include "law/field.h"
#include "law/setting.h"
#include "base/calendar.h"
#include "base/codes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- codes ---------------------------------------------------------------------------------- */

static const struct wf_option forms[] = {
    {"letter", "来信"}, {"visit", "来访"}, {"phone", "来电"}, {"online", "网上信访"}, {NULL, NULL}};
/* the content categories of the annual reports (东阳 2022) */
static const struct wf_option contents[] = {
    {"medical_dispute", "医患纠纷"},
    {"conduct", "行风态度"},
    {"hospital_management", "医院管理"},
    {"drugs_devices", "药事器械"},
    {"external_prescription", "外配药"},
    {"personnel", "人事职称"},
    {"public_health", "公卫疾控"},
    {"epidemic", "涉疫防控"},
    {"supervision", "卫生监督"},
    {"pricing", "物价收费"},
    {"parking", "停车收费"},
    {"advice", "咨询建议"},
    {"praise", "表扬"},
    {"other", "其他"},
    {NULL, NULL},
};
static const struct wf_option satisfactions[] = {
    {"satisfied", "满意"}, {"fairly", "基本满意"}, {"dissatisfied", "不满意"}, {NULL, NULL}};
/* 第二十五条 and the like: why a petition is not accepted */
static const struct wf_option refusals[] = {
    {"not_ours", "不属于本机关职权范围"},
    {"other_procedure", "应当通过诉讼、仲裁、行政复议等法定途径解决"},
    {"rechecked", "已经复核终结的同一事项"},
    {"handling", "同一事项正在办理期间"},
    {"other", "其他"},
    {NULL, NULL},
};

const char *petition_form_label(const char *code)
{
    return wf_option_label(forms, code);
}

const char *petition_content_label(const char *code)
{
    return wf_option_label(contents, code);
}

const char *petition_satisfaction_label(const char *code)
{
    return wf_option_label(satisfactions, code);
}

json_t *petition_form_options(const char *selected)
{
    return wf_options_json(forms, selected);
}

json_t *petition_content_options(const char *selected)
{
    return wf_options_json(contents, selected);
}

static const char *petition_reason_label(const char *code)
{
    return wf_option_label(refusals, code);
}

/* ---- helpers -------------------------------------------------------------------------------- */

/* Set one text column of petition id to value (column: a trusted identifier). */
static int set_text(struct ctx *c, int64_t id, const char *column, const char *value, struct err *e)
{
    const char *sql =
        arena_printf(c->arena, "UPDATE petition SET %s = ?, updated_at = ? WHERE id = ?", column);
    return db_exec(c->db, e, sql, "tii", value, c->now, id) < 0 ? e->code : 0;
}

/* The text of one column of petition id (arena), or NULL. */
static const char *get_text(struct ctx *c, int64_t id, const char *column, struct err *e)
{
    const char *sql = arena_printf(c->arena, "SELECT %s FROM petition WHERE id = ?", column);
    struct db_stmt *st = db_query(c->db, e, sql, "i", id);
    if (!st) return NULL;
    const char *v = NULL;
    if (db_step(st, e) == DB_ROW && !db_null(st, 0)) v = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    return v;
}

/* ---- guards --------------------------------------------------------------------------------- */

/* [R-PET-06] 《信访工作条例》第三十六条: a matter closed by 复核 is not accepted again. */
static int guard_accept(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)a;
    int closed = db_exists(c->db, e,
                           "SELECT 1 FROM petition x JOIN petition p ON p.id = x.previous_id"
                           " WHERE x.id = ? AND p.state = 'rechecked'",
                           "i", id);
    if (closed < 0) return closed;
    if (closed)
        return err_set(e, ERR_INVALID,
                       "该信访事项已经复核终结（《信访工作条例》第三十六条），同一事项不再受理；"
                       "请选择“不予受理”并书面告知信访人");
    return 0;
}

/* An active account of the petition's agency subtree holding role; its id or 0 with a field
 * message. */
static int64_t account_in(struct ctx *c, int64_t id, const char *field, const char *username,
                          const char *role, struct err *e)
{
    int64_t uid = 0;
    int ok = db_get_int(c->db, e, &uid,
                        "SELECT u.id FROM petition x JOIN agency pa ON pa.id = x.agency_id,"
                        " app_user u JOIN agency ua ON ua.id = u.agency_id"
                        " WHERE x.id = ? AND u.username = ? AND u.status = 'active'"
                        " AND ua.path LIKE pa.path || '%'"
                        " AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id"
                        " AND r.role = ?)",
                        "itt", id, username ? username : "", role);
    if (ok == 0) return uid;
    if (e->code == ERR_NOTFOUND || e->code == 0) {
        err_clear(e);
        err_field(e, field, "%s 不存在、已停用、不在本机构及其下级或不是%s",
                  username ? username : "", strcmp(role, "leader") == 0 ? "负责人" : "执法人员");
    }
    return 0;
}

/* [R-PET-10] 领导包案: the leader in charge holds the leader role; the handler is an officer or a
 * leader; both of the petition's agency or below. */
static int guard_assign(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int64_t leader = account_in(c, id, "leader", wf_arg(a, "leader"), "leader", e);
    struct err e2 = {0};
    int64_t handler = account_in(c, id, "handler", wf_arg(a, "handler"), "officer", &e2);
    if (!handler) {
        err_clear(&e2);
        handler = account_in(c, id, "handler", wf_arg(a, "handler"), "leader", &e2);
    }
    if (!handler && e2.nfields) err_field(e, "handler", "%s", e2.fields[0].msg);
    return leader && handler ? 0 : e->code ? e->code : ERR_INVALID;
}

/* [R-PET-10] Answers are given by the handler, the leader in charge, or a leader. */
static int guard_handler(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)a;
    if (c->who->user_id == 0 || (c->who->roles & (1u << ROLE_LEADER))) return 0;
    int mine = db_exists(
        c->db, e, "SELECT 1 FROM petition WHERE id = ? AND (handler_id = ? OR leader_id = ?)",
        "iii", id, c->who->user_id, c->who->user_id);
    if (mine < 0) return mine;
    return mine ? 0 : err_set(e, ERR_FORBIDDEN, "只有该信访事项的承办人或包案领导可以答复");
}

/* [R-PET-03] 《信访工作条例》第三十四条: extended once, by at most 30 days, with a reason. */
static int guard_extend(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int64_t days;
    if (parse_i64(wf_arg(a, "days"), &days) || days <= 0)
        return err_field(e, "days", "延长天数应为正整数");
    if (days > PETITION_EXTEND_MAX)
        return err_field(e, "days", "延长期限不得超过%d日（《信访工作条例》第三十四条）",
                         PETITION_EXTEND_MAX);
    int again = db_exists(c->db, e,
                          "SELECT 1 FROM wf_step WHERE kind = 'petition' AND object_id = ?"
                          " AND action = 'extend'",
                          "i", id);
    if (again < 0) return again;
    if (again)
        return err_set(e, ERR_INVALID,
                       "办理期限已经延长过一次，不得再次延长（《信访工作条例》第三十四条）");
    return 0;
}

/* The request's day is within PETITION_REVIEW_DAYS calendar days of the answer in column
 * (a last day on a rest day moves to the next working day); article names the rule. */
static int within_window(struct ctx *c, int64_t id, const struct wf_args *a, const char *column,
                         const char *what, const char *article, struct err *e)
{
    const char *answered = get_text(c, id, column, e), *asked = wf_date(c, a);
    if (e->code) return e->code;
    day_t from, on, last;
    bool provisional;
    if (!answered || date_parse(answered, &from)) return err_set(e, ERR_INVALID, "尚未答复");
    if (date_parse(asked, &on)) return err_field(e, "date", "日期格式应为 YYYY-MM-DD");
    int working = 0;
    if (setting_int(c, "petition.working_days", &working, e)) return e->code;
    if (wf_count(c->cal, PETITION_REVIEW_DAYS, working != 0, from, &last, &provisional, e))
        return e->code;
    char l[DATE_STRLEN];
    date_format(last, l);
    if (on < from) return err_field(e, "date", "申请日期不能早于答复日期 %s", answered);
    if (on > last)
        return err_set(e, ERR_INVALID, "%s应在收到意见之日起%d日内提出（%s，截至 %s），已超过期限",
                       what, PETITION_REVIEW_DAYS, article, l);
    return 0;
}

/* [R-PET-04] 《信访工作条例》第三十五条: 复查 asked within 30 days of the answer. */
static int guard_request_review(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    return within_window(c, id, a, "answered_on", "复查请求", "《信访工作条例》第三十五条", e);
}

/* [R-PET-05] 《信访工作条例》第三十六条: 复核 asked within 30 days of the 复查 answer. */
static int guard_request_recheck(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    return within_window(c, id, a, "review_answered_on", "复核请求", "《信访工作条例》第三十六条",
                         e);
}

/* [R-PET-11] 《信访工作条例》第二十三条: a matter another body sent (转送、交办) that is not
 * this agency's is objected to within 5 working days of receipt, once. */
static int guard_object(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    const char *sent_by = get_text(c, id, "sent_by", e),
               *received = get_text(c, id, "received_on", e);
    if (e->code) return e->code;
    if (!sent_by)
        return err_set(e, ERR_INVALID,
                       "只有上级或其他机关转送、交办的信访事项才能提出异议（《信访工作条例》"
                       "第二十三条）；信访人直接提出的，应当决定是否受理或转送");
    int again = db_exists(c->db, e,
                          "SELECT 1 FROM wf_step WHERE kind = 'petition' AND object_id = ?"
                          " AND action = 'object'",
                          "i", id);
    if (again) return again < 0 ? again : err_set(e, ERR_INVALID, "已经提出过异议");
    day_t from, on, last;
    bool provisional;
    if (!received || date_parse(received, &from)) return err_set(e, ERR_INTERNAL, "收到日期无效");
    if (date_parse(wf_date(c, a), &on)) return err_field(e, "date", "日期格式应为 YYYY-MM-DD");
    if (on < from) return err_field(e, "date", "提出异议日期不能早于收到日期 %s", received);
    if (wf_count(c->cal, PETITION_OBJECT_DAYS, true, from, &last, &provisional, e)) return e->code;
    char l[DATE_STRLEN];
    date_format(last, l);
    if (on > last)
        return err_field(e, "date",
                         "应当自收到之日起%d个工作日内提出异议（《信访工作条例》第二十三条，截至 "
                         "%s），已超过期限",
                         PETITION_OBJECT_DAYS, l);
    return 0;
}

/* A petition is rated once. */
static int guard_rate(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)a;
    int rated = db_exists(
        c->db, e, "SELECT 1 FROM petition WHERE id = ? AND satisfaction IS NOT NULL", "i", id);
    if (rated < 0) return rated;
    return rated ? err_set(e, ERR_CONFLICT, "已记录满意度评价") : 0;
}

/* ---- effects -------------------------------------------------------------------------------- */

static int effect_transfer(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return set_text(c, id, "transferred_to", a->reason, e);
}

static int effect_assign(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    const char *leader = wf_arg(a, "leader"), *handler = wf_arg(a, "handler");
    a->reason = arena_printf(c->arena, "包案领导 %s，承办人 %s", leader, handler);
    return db_exec(c->db, e,
                   "UPDATE petition SET leader_id = (SELECT id FROM app_user WHERE username = ?),"
                   " handler_id = (SELECT id FROM app_user WHERE username = ?), updated_at = ?"
                   " WHERE id = ?",
                   "ttii", leader, handler, c->now, id) < 0
               ? e->code
               : 0;
}

static int effect_extend(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    (void)id;
    (void)e;
    a->reason = arena_printf(c->arena, "延长 %s 日", wf_arg(a, "days"));
    return 0;
}

/* An answer (column) and its day (column_on). */
static int answer_in(struct ctx *c, int64_t id, struct wf_args *a, const char *column,
                     struct err *e)
{
    const char *day = wf_date(c, a);
    const char *sql =
        arena_printf(c->arena, "UPDATE petition SET %s = ?, %s_on = ?, updated_at = ? WHERE id = ?",
                     column, strcmp(column, "answer") == 0 ? "answered" : column);
    if (strcmp(column, "review_answer") == 0)
        sql = "UPDATE petition SET review_answer = ?, review_answered_on = ?, updated_at = ?"
              " WHERE id = ?";
    else if (strcmp(column, "recheck_answer") == 0)
        sql = "UPDATE petition SET recheck_answer = ?, recheck_answered_on = ?, closed_on ="
              " recheck_answered_on, updated_at = ? WHERE id = ?";
    return db_exec(c->db, e, sql, "ttii", wf_arg(a, "answer"), day, c->now, id) < 0 ? e->code : 0;
}

static int effect_answer(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return answer_in(c, id, a, "answer", e);
}

static int effect_review_answer(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return answer_in(c, id, a, "review_answer", e);
}

static int effect_recheck_answer(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    int rc = answer_in(c, id, a, "recheck_answer", e);
    return rc ? rc : set_text(c, id, "closed_on", wf_date(c, a), e);
}

static int effect_close(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return set_text(c, id, "closed_on", wf_date(c, a), e);
}

static int effect_rate(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    a->reason = arena_strdup(c->arena, petition_satisfaction_label(wf_arg(a, "satisfaction")));
    return set_text(c, id, "satisfaction", wf_arg(a, "satisfaction"), e);
}

#define JS(o, k) json_string_value(json_object_get(o, k))

/* [R-PET-08] A petition that is a complaint in substance becomes a complaint with its content
 * and petitioner (the channel its form), and each names the other. */
static int effect_convert(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    struct db_stmt *st = db_query(
        c->db, e,
        "SELECT a.code, x.form, x.received_on, x.summary, x.anonymous, x.petitioner, x.number"
        " FROM petition x JOIN agency a ON a.id = x.agency_id WHERE x.id = ?",
        "i", id);
    if (!st) return e->code;
    if (db_step(st, e) != DB_ROW) {
        db_done(st);
        return e->code ? e->code : err_set(e, ERR_NOTFOUND, "信访事项不存在");
    }
    const char *agency = arena_strdup(c->arena, db_text(st, 0)),
               *form = arena_strdup(c->arena, db_text(st, 1)),
               *received = arena_strdup(c->arena, db_text(st, 2)),
               *summary = arena_strdup(c->arena, db_text(st, 3)),
               *number = arena_strdup(c->arena, db_text(st, 6));
    bool anonymous = db_int(st, 4) != 0;
    json_t *who = db_null(st, 5) ? NULL : intake_unseal(db_text(st, 5));
    db_done(st);
    if (!anonymous && !who) return err_set(e, ERR_INTERNAL, "信访人信息无法解密，不能转为投诉举报");
    struct complaint_input in = {.agency_code = agency,
                                 .channel = form,
                                 .received_on = received,
                                 .line = wf_arg(a, "line"),
                                 .matter = wf_arg(a, "matter"),
                                 .summary = summary,
                                 .party_name = wf_arg(a, "party_name"),
                                 .party_address = wf_arg(a, "party_address"),
                                 .anonymous = anonymous,
                                 .name = JS(who, "name"),
                                 .phone = JS(who, "phone"),
                                 .id_number = JS(who, "id_number"),
                                 .address = JS(who, "address"),
                                 .external_no = number};
    int64_t cid = 0;
    const char *tracking;
    int rc = complaint_add(c, &in, &cid, &tracking, e);
    json_decref(who);
    if (rc) return rc;
    a->reason = arena_printf(c->arena, "转为投诉举报第 %lld 件", (long long)cid);
    a->ref_id = cid;
    if (db_exec(c->db, e, "UPDATE complaint SET petition_id = ? WHERE id = ?", "ii", id, cid) < 0)
        return e->code;
    return db_exec(c->db, e,
                   "UPDATE petition SET complaint_id = ?, closed_on = ?, updated_at = ?"
                   " WHERE id = ?",
                   "itii", cid, wf_date(c, a), c->now, id) < 0
               ? e->code
               : 0;
}
#undef JS

/* ---- the workflow --------------------------------------------------------------------------- */

static const struct wf_state states[] = {
    {"registered", "待受理", false}, {"accepted", "已受理", false},
    {"handling", "办理中", false},   {"answered", "已答复", false},
    {"reviewing", "复查中", false},  {"reviewed", "已复查", false},
    {"rechecking", "复核中", false}, {"rechecked", "已复核（终结）", true},
    {"closed", "已办结", true},      {"not_accepted", "不予受理", true},
    {"transferred", "已转送", true}, {"converted", "已转为投诉举报", true},
    {"objecting", "异议中", false},  {"returned", "已退回转送机关", true},
};

/* [R-PET-01] whether it is accepted, told within 15 days of receipt (第二十三条) */
const struct wf_deadline_rule petition_deadline_decide = {"decide",
                                                          "受理告知期限",
                                                          PETITION_DECIDE_DAYS,
                                                          false,
                                                          PETITION_DECIDE_BASIS,
                                                          .setting = "petition.decide_days",
                                                          .working_setting =
                                                              "petition.working_days"};
/* [R-PET-02] handled within 60 days of 受理 (第三十四条) */
static const struct wf_deadline_rule deadline_handle = {"handle",
                                                        "办理期限",
                                                        PETITION_HANDLE_DAYS,
                                                        false,
                                                        PETITION_HANDLE_BASIS,
                                                        .setting = "petition.handle_days",
                                                        .working_setting = "petition.working_days"};
/* [R-PET-04] 复查 answered within 30 days (第三十五条) */
static const struct wf_deadline_rule deadline_review = {"review",
                                                        "复查期限",
                                                        PETITION_REVIEW_DAYS,
                                                        false,
                                                        PETITION_REVIEW_BASIS,
                                                        "petition.review_days",
                                                        "petition.working_days"};
/* [R-PET-05] 复核 answered within 30 days (第三十六条) */
static const struct wf_deadline_rule deadline_recheck = {"recheck",
                                                         "复核期限",
                                                         PETITION_REVIEW_DAYS,
                                                         false,
                                                         PETITION_RECHECK_BASIS,
                                                         "petition.recheck_days",
                                                         "petition.working_days"};

#define END                                                                                        \
    {                                                                                              \
        NULL, NULL, 0, false, 0, NULL                                                              \
    }
static const struct wf_input in_date[] = {{"date", "日期", WF_DATE, false, 0, NULL}, END};
static const struct wf_input in_refuse[] = {
    {"reason", "不予受理理由", WF_CODE, true, 0, refusals},
    {"note", "说明（写入不予受理告知书）", WF_TEXT, false, 500, NULL},
    {"date", "决定日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_transfer[] = {
    {"reason", "转送机关", WF_TEXT, true, 100, NULL},
    {"note", "转送说明", WF_TEXT, false, 500, NULL},
    {"date", "转送日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_assign[] = {
    {"leader", "包案领导（用户名）", WF_TEXT, true, 32, NULL},
    {"handler", "承办人（用户名）", WF_TEXT, true, 32, NULL},
    {"note", "交办意见", WF_TEXT, false, 500, NULL},
    END,
};
static const struct wf_input in_extend[] = {
    {"days", "延长天数（不超过30日）", WF_TEXT, true, 3, NULL},
    {"note", "延期理由（告知信访人）", WF_TEXT, true, 500, NULL},
    {"date", "批准日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_answer[] = {
    {"answer", "处理意见", WF_TEXT, true, 4000, NULL},
    {"date", "答复日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_request[] = {
    {"note", "请求内容", WF_TEXT, true, 2000, NULL},
    {"date", "收到请求日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_rate[] = {
    {"satisfaction", "满意度", WF_CODE, true, 0, satisfactions},
    END,
};
static const struct wf_input in_object[] = {
    {"note", "异议理由（不属于本机关职权范围的依据）", WF_TEXT, true, 1000, NULL},
    {"date", "提出异议日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_objection_answer[] = {
    {"note", "转送、交办机关的意见", WF_TEXT, false, 1000, NULL},
    {"date", "收到意见日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_convert[] = {
    {"line", "专业类别", WF_CODE, true, 0, NULL, "lines"},
    {"matter", "反映事项", WF_CODE, true, 0, NULL, "complaint_matters"},
    {"party_name", "被投诉单位或个人", WF_TEXT, true, 100, NULL},
    {"party_address", "地址", WF_TEXT, false, 200, NULL},
    {"date", "转办日期", WF_DATE, false, 0, NULL},
    END,
};
#undef END

#define DOCS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define CONVERT(from, meets)                                                                                                 \
    {                                                                                                                        \
        from, "convert", "converted", "转为投诉举报", PERM_PETITION_DECIDE, NULL, NULL, meets,                               \
            .inputs = in_convert, .effect = effect_convert,                                                                  \
            .confirm = "转为投诉举报后本信访事项即终结，按投诉举报办理。确定转为投诉举报？" \
    }

static const struct wf_transition steps[] = {
    {"registered", "accept", "accepted", "受理", PERM_PETITION_DECIDE, guard_accept,
     &deadline_handle, "decide", .inputs = in_date, .documents = DOCS("petition_acceptance")},
    {"registered", "refuse", "not_accepted", "不予受理", PERM_PETITION_DECIDE, NULL, NULL, "decide",
     .inputs = in_refuse, .documents = DOCS("petition_refusal"),
     .confirm = "不予受理后该件即终结，并出具不予受理告知书。确定不予受理？"},
    /* [R-PET-11] 第二十三条: a matter another body sent that is not this agency's */
    {"registered", "object", "objecting", "对转送、交办提出异议", PERM_PETITION_DECIDE,
     guard_object, NULL, NULL, .inputs = in_object},
    {"objecting", "object_upheld", "returned", "异议成立，退回转送机关", PERM_PETITION_DECIDE, NULL,
     NULL, "decide", .inputs = in_objection_answer,
     .confirm = "异议经转送、交办机关同意后，该件退回，本机关不再办理。确定？"},
    {"objecting", "object_rejected", "registered", "异议未获同意，继续办理", PERM_PETITION_DECIDE,
     NULL, NULL, NULL, .inputs = in_objection_answer},
    {"registered", "transfer", "transferred", "转送", PERM_PETITION_DECIDE, NULL, NULL, "decide",
     .inputs = in_transfer, .effect = effect_transfer,
     .confirm = "转送后该件在本机关即终结。确定转送？"},
    CONVERT("registered", "decide"),
    CONVERT("accepted", NULL),
    CONVERT("handling", NULL),
    {"accepted", "assign", "handling", "领导包案、交办", PERM_PETITION_DECIDE, guard_assign, NULL,
     NULL, .inputs = in_assign, .effect = effect_assign},
    {"handling", "assign", "handling", "改派", PERM_PETITION_DECIDE, guard_assign, NULL, NULL,
     .inputs = in_assign, .effect = effect_assign},
    {"handling", "extend", "handling", "延期办理", PERM_PETITION_APPROVE, guard_extend, NULL, NULL,
     .inputs = in_extend, .effect = effect_extend, .documents = DOCS("petition_extension"),
     .extends = "handle", .confirm = "办理期限只能延长一次。确定批准延期并告知信访人？"},
    {"handling", "answer", "answered", "出具处理意见", PERM_PETITION_HANDLE, guard_handler, NULL,
     "handle", .inputs = in_answer, .effect = effect_answer, .documents = DOCS("petition_opinion")},
    {"answered", "request_review", "reviewing", "登记复查请求", PERM_PETITION_DECIDE,
     guard_request_review, &deadline_review, NULL, .inputs = in_request},
    {"reviewing", "review_answer", "reviewed", "出具复查意见", PERM_PETITION_HANDLE, guard_handler,
     NULL, "review", .inputs = in_answer, .effect = effect_review_answer,
     .documents = DOCS("petition_review")},
    {"reviewed", "request_recheck", "rechecking", "登记复核请求", PERM_PETITION_DECIDE,
     guard_request_recheck, &deadline_recheck, NULL, .inputs = in_request},
    {"rechecking", "recheck_answer", "rechecked", "出具复核意见", PERM_PETITION_HANDLE,
     guard_handler, NULL, "recheck", .inputs = in_answer, .effect = effect_recheck_answer,
     .documents = DOCS("petition_recheck"),
     .confirm = "复核意见出具后该信访事项终结，同一事项不再受理。确定出具？"},
    {"answered", "close", "closed", "办结", PERM_PETITION_DECIDE, NULL, NULL, NULL,
     .inputs = in_date, .effect = effect_close},
    {"reviewed", "close", "closed", "办结", PERM_PETITION_DECIDE, NULL, NULL, NULL,
     .inputs = in_date, .effect = effect_close},
    {"closed", "rate", "closed", "记录满意度", PERM_PETITION_INTAKE, guard_rate, NULL, NULL,
     .inputs = in_rate, .effect = effect_rate},
    {"rechecked", "rate", "rechecked", "记录满意度", PERM_PETITION_INTAKE, guard_rate, NULL, NULL,
     .inputs = in_rate, .effect = effect_rate},
};
#undef CONVERT
#undef DOCS

/* A petition handed to the actor (as handler or leader in charge) is theirs, though it belong to
 * an agency above. */
static int petition_in_reach(struct ctx *c, int64_t id, struct err *e)
{
    return db_exists(c->db, e,
                     "SELECT 1 FROM petition WHERE id = ? AND (handler_id = ? OR leader_id = ?)",
                     "iii", id, c->who->user_id, c->who->user_id);
}

const struct workflow petition_workflow = {.kind = "petition",
                                           .table = "petition",
                                           .states = states,
                                           .nstates = countof(states),
                                           .steps = steps,
                                           .nsteps = countof(steps),
                                           .reach = petition_in_reach,
                                           .reason_label = petition_reason_label};

/* ---- registration --------------------------------------------------------------------------- */

int petition_check(const struct petition_input *in, struct err *e)
{
    if (!petition_form_label(in->form)) err_field(e, "form", "请选择信访形式");
    if (!petition_content_label(in->content)) err_field(e, "content", "请选择反映内容分类");
    field_text(in->summary, "summary", "信访内容", true, 4000, e);
    day_t d;
    field_date(in->received_on, "received_on", "收到日期", false, &d, e);
    int64_t n;
    if (!str_blank(in->people) && (parse_i64(in->people, &n) || n < 1 || n > 10000))
        err_field(e, "people", "人数应为 1 至 10000 之间的整数");
    if (!str_blank(in->previous_id) && (parse_i64(in->previous_id, &n) || n <= 0))
        err_field(e, "previous_id", "原信访事项编号无效");
    field_text(in->sent_by, "sent_by", "转送、交办机关", false, 100, e);
    /* [R-PET-07] only a petition made online may be anonymous */
    if (in->anonymous && (!in->form || strcmp(in->form, "online") != 0))
        err_field(e, "anonymous", "来信、来访、来电须登记信访人姓名和联系方式，只有网上信访可匿名");
    if (in->anonymous) return e->code;
    field_text(in->name, "name", "信访人姓名", true, 50, e);
    field_phone(in->phone, "phone", e);
    if (str_blank(in->phone)) err_field(e, "phone", "请填写联系电话");
    if (!str_blank(in->id_number)) idcard_check(in->id_number, e, "id_number");
    field_text(in->address, "address", "联系地址", false, 200, e);
    return e->code;
}

/* [R-PET-07] The petitioner's identity and contact as one sealed value (NULL: anonymous). */
static int seal_petitioner(struct ctx *c, const struct petition_input *in, const char **out,
                           struct err *e)
{
    struct person p = {in->name, in->phone, in->id_number, in->address};
    *out = NULL;
    return in->anonymous ? 0 : intake_seal(c, &p, "信访人", "docs/petitions.md", out, e);
}

/* The receiving agency (in scope), and the earlier petition of the same matter (in scope). */
static int resolve(struct ctx *c, const struct petition_input *in, int64_t *agency,
                   int64_t *previous, struct err *e)
{
    *previous = 0;
    if (intake_agency(c, in->agency_code, agency, e)) return e->code;
    if (str_blank(in->previous_id)) return 0;
    parse_i64(in->previous_id, previous);
    int ok = db_exists(c->db, e,
                       "SELECT 1 FROM petition x JOIN agency a ON a.id = x.agency_id"
                       " WHERE x.id = ? AND a.path LIKE ?",
                       "it", *previous, actor_scope(c));
    if (ok < 0) return ok;
    return ok ? 0
              : err_field(e, "previous_id", "原信访事项 %s 不存在或不在您的管辖范围内",
                          in->previous_id);
}

static int insert(struct ctx *c, const struct petition_input *in, int64_t agency, int64_t previous,
                  const char *num, const char *day, const char *sealed, int64_t *id, struct err *e)
{
    int64_t people = 1;
    if (!str_blank(in->people)) parse_i64(in->people, &people);
    struct db_arg args[] = {
        {.type = 'i', .i = agency},
        {.type = 't', .s = num},
        {.type = 't', .s = in->form},
        {.type = 't', .s = day},
        {.type = 't', .s = in->content},
        {.type = 't', .s = in->summary},
        {.type = 'i', .i = people},
        {.type = 'i', .i = in->anonymous},
        sealed ? (struct db_arg){.type = 't', .s = sealed} : (struct db_arg){.type = 'n'},
        previous ? (struct db_arg){.type = 'i', .i = previous} : (struct db_arg){.type = 'n'},
        {.type = str_blank(in->sent_by) ? 'n' : 't', .s = in->sent_by},
        c->who->user_id ? (struct db_arg){.type = 'i', .i = c->who->user_id}
                        : (struct db_arg){.type = 'n'},
        {.type = 'i', .i = c->now},
        {.type = 'i', .i = c->now},
    };
    struct db_stmt *st = db_query_args(
        c->db, e,
        "INSERT INTO petition (agency_id, number, form, received_on, content, summary, people,"
        " anonymous, petitioner, previous_id, sent_by, created_by, created_at, updated_at, state)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered') RETURNING id",
        (int)countof(args), args);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_INTERNAL, "登记失败");
}

int petition_add(struct ctx *c, const struct petition_input *in, int64_t *id, struct err *e)
{
    if (petition_check(in, e)) return e->code;
    const char *day, *sealed = NULL, *num = NULL;
    int64_t agency, previous;
    int rc = intake_day(c, in->received_on, "收到日期", &day, e);
    if (!rc) rc = seal_petitioner(c, in, &sealed, e);
    if (!rc) rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = resolve(c, in, &agency, &previous, e);
    if (!rc) rc = intake_number(c, "petition", "信访", agency, day, &num, e);
    if (!rc) rc = insert(c, in, agency, previous, num, day, sealed, id, e);
    struct wf_args a = {.date = day};
    if (!rc) rc = wf_start(c, &petition_workflow, *id, &petition_deadline_decide, &a, e);
    /* [R-PET-07] the summary names no petitioner: the audit trail is read more widely */
    if (!rc)
        rc = audit_write(c, "petition.create", "petition", *id, "登记信访事项 %s（%s，%s）", num,
                         petition_form_label(in->form), petition_content_label(in->content));
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* ---- the area's tables (law/area.h) --------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"petition",
     "信访事项",
     true,
     "id",
     {{"agency_id", "agency", REF_ID},
      {"leader_id", "app_user", REF_ID},
      {"handler_id", "app_user", REF_ID},
      {"created_by", "app_user", REF_ID},
      {"complaint_id", "complaint", REF_ID},
      {"previous_id", "petition", REF_LATE}}},
};

const struct law_area law_area_petitions = {
    "petitions", tables, countof(tables), NULL, 0, &petition_workflow, &petition_documents};
