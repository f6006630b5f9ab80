/* case.c — penalty cases from 受理 to 立案: the workflow declared as data, and registration.
 * Reading them is case_read.c. */
#include "law/area.h"
#include "base/jpack.h"
#include "law/case_internal.h"
#include "law/case_service.h"
#include "law/case_closing.h"
#include "law/audit.h"
#include "law/catalog.h"
#include "law/document.h"
#include "law/enforce.h"
#include "law/field.h"
#include "law/intake.h"
#include "law/officer.h"
#include "law/setting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- codes ---------------------------------------------------------------------------------- */

static const struct wf_option sources[] = {
    {"inspection", "监督检查发现"},
    {"task", "双随机抽查发现"},
    {"complaint", "投诉举报"},
    {"referral", "其他部门移送"},
    {"assigned", "上级交办"},
    {"monitoring", "在线监测"},
    {"other", "其他"},
    {NULL, NULL},
};
static const struct wf_option kinds[] = {
    {"organisation", "法人或其他组织"}, {"citizen", "公民"}, {NULL, NULL}};
static const struct wf_option recusal_outcomes[] = {
    {"granted", "决定回避"}, {"refused", "驳回回避申请"}, {NULL, NULL}};
static const struct wf_option recusal_by[] = {
    {"party", "当事人申请"}, {"self", "执法人员自行申请"}, {"ordered", "负责人决定"}, {NULL, NULL}};
static const struct wf_option declines[] = {
    {"no_violation", "违法事实不存在"},
    {"limitation", "超过追责时效（第三十六条）"},
    {"not_ours", "不属于本机关管辖，移送有管辖权的机关"},
    {"minor", "违法行为轻微并及时改正，没有造成危害后果"},
    {"other", "其他"},
    {NULL, NULL},
};

const char *case_source_label(const char *code)
{
    return wf_option_label(sources, code);
}

json_t *case_source_options(const char *selected)
{
    return wf_options_json(sources, selected);
}

static const char *decline_label(const char *code)
{
    return wf_option_label(declines, code);
}

/* ---- helpers -------------------------------------------------------------------------------- */

const char *case_text(struct ctx *c, int64_t id, const char *column, struct err *e)
{
    const char *sql = arena_printf(c->arena, "SELECT %s FROM penalty_case WHERE id = ?", column);
    struct db_stmt *st = db_query(c->db, e, sql, "i", id);
    if (!st) return NULL;
    const char *v = NULL;
    if (db_step(st, e) == DB_ROW && !db_null(st, 0)) v = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    return v;
}

int case_limit_day(const char *act_on, bool harm, char out[11])
{
    day_t act;
    if (date_parse(act_on, &act)) return -1;
    int y, m, d, years = harm ? CASE_LIMIT_HEALTH_YEARS : CASE_LIMIT_YEARS;
    date_ymd(act, &y, &m, &d);
    int last = date_days_in_month(y + years, m);
    date_format(date_from_ymd(y + years, m, d > last ? last : d), out);
    return 0;
}

/* [R-CASE-02] 《行政处罚法》第三十六条: an act discovered after 2 years (5 when it concerns life
 * and health and caused harm) is not punished. */
static int guard_limitation(struct ctx *c, int64_t id, struct err *e)
{
    const char *act = case_text(c, id, "act_on", e), *found = case_text(c, id, "found_on", e),
               *harm = case_text(c, id, "harm", e);
    if (e->code) return e->code;
    char last[11];
    bool health = harm && strcmp(harm, "1") == 0;
    if (!act || !found || case_limit_day(act, health, last))
        return err_set(e, ERR_INTERNAL, "违法行为日期无效");
    if (strcmp(found, last) <= 0) return 0;
    return err_set(e, ERR_INVALID,
                   "违法行为（%s）在%d年内未被发现（%s 发现，时效截至 %s），不再给予行政处罚"
                   "（《行政处罚法》第三十六条），应当不予立案",
                   act, health ? CASE_LIMIT_HEALTH_YEARS : CASE_LIMIT_YEARS, found, last);
}

#define CASE_MAX_OFFICERS 6

/* [R-CASE-03] 第四十二条: two or more investigators who may enforce on the day of the proposal;
 * [R-CASE-04] 第四十三条: none on the party's 回避 list; all in the actor's scope. */
static int guard_team(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int64_t ids[CASE_MAX_OFFICERS], entity = 0;
    int n = enforce_parse_officers(wf_arg(a, "officers"), "承办人员", ids, CASE_MAX_OFFICERS, e);
    if (n < 0) return e->code;
    const char *ent = case_text(c, id, "entity_id", e);
    if (e->code) return e->code;
    if (ent) parse_i64(ent, &entity);
    day_t day;
    if (date_parse(wf_date(c, a), &day)) return err_field(e, "date", "日期格式应为 YYYY-MM-DD");
    for (int i = 0; i < n; i++) {
        const char *name, *why;
        int barred = enforce_bar(c, ids[i], entity, day, true, &name, &why, e);
        if (barred < 0) return barred;
        if (barred)
            return err_field(e, "officers", "%s%s%s", name ? name : "", name ? "：" : "", why);
    }
    if (n < ENFORCE_MIN_OFFICERS) return err_field(e, "officers", "%s", ENFORCE_MIN_RULE);
    return 0;
}

static int guard_propose(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int rc = guard_team(c, id, a, e);
    return rc ? rc : guard_limitation(c, id, e);
}

/* case.h: whether the actor investigates the case. */
int case_actor_investigates(struct ctx *c, int64_t id, struct err *e)
{
    return db_exists(c->db, e,
                     "SELECT 1 FROM case_officer k JOIN app_user u ON u.officer_id = k.officer_id"
                     " WHERE k.case_id = ? AND u.id = ?",
                     "iI", id, c->who->user_id);
}

/* [R-CASE-05] A leader who proposed or investigates the case does not approve its steps. */
int case_guard_apart(struct ctx *c, int64_t id, const char *what, struct err *e)
{
    int64_t me = c->who->user_id;
    int mine = db_exists(c->db, e,
                         "SELECT 1 FROM penalty_case WHERE id = ? AND proposed_by = ?"
                         " UNION ALL SELECT 1 FROM case_officer k JOIN app_user u"
                         " ON u.officer_id = k.officer_id WHERE k.case_id = ? AND u.id = ?",
                         "iiii", id, me, id, me);
    if (mine < 0) return mine;
    if (mine)
        return err_set(e, ERR_FORBIDDEN,
                       "%s由负责人审批，提出立案或承办本案的人员不能审批本案（审批与承办分离）",
                       what);
    return 0;
}

int case_guard_investigator(struct ctx *c, int64_t id, const char *what, struct err *e)
{
    int mine = case_actor_investigates(c, id, e);
    if (mine < 0) return mine;
    return mine ? 0 : err_set(e, ERR_FORBIDDEN, "只有本案的承办人员可以%s", what);
}

static int guard_approve(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)a;
    int rc = case_guard_apart(c, id, "立案", e);
    return rc ? rc : guard_limitation(c, id, e);
}

/* [R-CASE-09] 第六十条: the 90 days are extended only with a leader's approval, once, by at most
 * the days of the setting case.extend_max_days, with the reason. */
static int guard_extend(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int64_t days;
    int max = CASE_EXTEND_MAX_DAYS;
    if (setting_int(c, "case.extend_max_days", &max, e)) return e->code;
    if (parse_i64(wf_arg(a, "days"), &days) || days <= 0)
        return err_field(e, "days", "延长天数应为正整数");
    if (days > max)
        return err_field(e, "days", "延长期限不得超过%d日（本机关设定，《行政处罚法》第六十条）",
                         max);
    int again = db_exists(c->db, e,
                          "SELECT 1 FROM wf_step WHERE kind = 'case' AND object_id = ?"
                          " AND action = 'extend'",
                          "i", id);
    if (again) return again < 0 ? again : err_set(e, ERR_INVALID, "办案期限已经延长过一次");
    return case_guard_apart(c, id, "延长办案期限", e);
}

/* [R-CASE-64] 第五十八条第二款: one who has never made a legal review of a penalty decision
 * here holds 法律职业资格, as the officer record linked to the account says. */
static int guard_qualified(struct ctx *c, struct err *e)
{
    int before = db_exists(c->db, e,
                           "SELECT 1 FROM wf_step WHERE kind = 'case' AND user_id = ? AND action"
                           " IN ('review_pass', 'review_return', 'review_reject')",
                           "I", c->who->user_id);
    if (before) return before < 0 ? before : 0;
    int holds = db_exists(c->db, e,
                          "SELECT 1 FROM app_user u JOIN officer o ON o.id = u.officer_id"
                          " WHERE u.id = ? AND o.legal_qualified = 1",
                          "I", c->who->user_id);
    if (holds) return holds < 0 ? holds : 0;
    return err_set(
        e, ERR_FORBIDDEN,
        "初次从事行政处罚决定法制审核的人员，应当取得法律职业资格（《行政处罚法》第五十八"
        "条第二款）；请管理员在本账号关联的执法人员档案中登记法律职业资格");
}

/* [R-CASE-14] 第五十八条: the legal reviewer holds the legal role (the step's permission) and
 * neither investigated nor proposed the case. */
int case_guard_reviewer(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)a;
    int64_t me = c->who->user_id;
    int mine = db_exists(c->db, e,
                         "SELECT 1 FROM penalty_case WHERE id = ? AND proposed_by = ?"
                         " UNION ALL SELECT 1 FROM case_officer k JOIN app_user u"
                         " ON u.officer_id = k.officer_id WHERE k.case_id = ? AND u.id = ?",
                         "iiii", id, me, id, me);
    if (mine < 0) return mine;
    if (mine)
        return err_set(e, ERR_FORBIDDEN,
                       "调查与审核分离：承办或提出立案本案的人员不能进行法制审核"
                       "（《行政处罚法》第五十八条）");
    return guard_qualified(c, e);
}

static int guard_reinvestigate(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)a;
    return case_guard_apart(c, id, "补充调查", e);
}

static int effect_extend(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    (void)id;
    (void)e;
    a->reason = arena_printf(c->arena, "延长 %s 日", wf_arg(a, "days"));
    return 0;
}

/* ---- effects -------------------------------------------------------------------------------- */

/* The investigators of case id become those of input "officers". */
static int set_team(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    int64_t ids[CASE_MAX_OFFICERS];
    int n = enforce_parse_officers(wf_arg(a, "officers"), "承办人员", ids, CASE_MAX_OFFICERS, e);
    if (n < 0) return e->code;
    if (db_exec(c->db, e, "DELETE FROM case_officer WHERE case_id = ?", "i", id) < 0)
        return e->code;
    for (int i = 0; i < n; i++)
        if (db_exec(c->db, e, "INSERT INTO case_officer (case_id, officer_id) VALUES (?, ?)", "ii",
                    id, ids[i]) < 0)
            return e->code;
    return 0;
}

static int effect_propose(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    if (set_team(c, id, a, e)) return e->code;
    return db_exec(c->db, e, "UPDATE penalty_case SET proposed_by = ?, updated_at = ? WHERE id = ?",
                   "Iii", c->who->user_id, c->now, id) < 0
               ? e->code
               : 0;
}

/* [R-CASE-06] 立案 draws the case's number from the agency's 罚 sequence of its line and year. */
static int effect_approve(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    const char *line = case_text(c, id, "line", e), *agency = case_text(c, id, "agency_id", e);
    if (e->code) return e->code;
    int64_t agency_id = 0;
    parse_i64(agency, &agency_id);
    const char *day = wf_date(c, a), *number;
    int rc = document_number(c, "penalty_decision", agency_id, line, day, &number, e);
    if (rc) return rc;
    a->reason = arena_printf(c->arena, "案号 %s", number);
    return db_exec(c->db, e,
                   "UPDATE penalty_case SET number = ?, filed_on = ?, updated_at = ? WHERE id = ?",
                   "ttii", number, day, c->now, id) < 0
               ? e->code
               : 0;
}

static int effect_decline(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return db_exec(c->db, e,
                   "UPDATE penalty_case SET decline_reason = ?, updated_at = ? WHERE id = ?", "tii",
                   a->reason, c->now, id) < 0
               ? e->code
               : 0;
}

/* The officers of the actor's scope who may enforce today: the investigators a proposal may name
 * (the guard checks them again on its date, with the party's 回避 list). */
static json_t *officer_choices(struct ctx *c, int64_t matter)
{
    (void)matter;
    struct err e = {0};
    json_t *out = json_array();
    day_t today = date_from_instant(c->now);
    struct db_stmt *st = db_query(c->db, &e,
                                  "SELECT o.id, o.name, o.cert_no FROM officer o"
                                  " JOIN agency a ON a.id = o.agency_id"
                                  " WHERE a.path LIKE ? AND o.status = 'active' ORDER BY o.id"
                                  " LIMIT 500",
                                  "t", actor_scope(c));
    json_t *all = json_array();
    while (st && db_step(st, &e) == DB_ROW)
        json_array_append_new(all, jpack("{sI ss ss}", "id", (json_int_t)db_int(st, 0), "name",
                                         db_text(st, 1), "cert", db_text(st, 2)));
    db_done(st);
    size_t i;
    json_t *o;
    json_array_foreach(all, i, o)
    {
        const char *why;
        int64_t id = json_integer_value(json_object_get(o, "id"));
        if (officer_can_enforce(c, id, today, &why, &e) != 1) continue;
        json_array_append_new(
            out,
            jpack("{ss ss}", "code", arena_printf(c->arena, "%lld", (long long)id), "label",
                  arena_printf(c->arena, "%s（%s）", json_string_value(json_object_get(o, "name")),
                               json_string_value(json_object_get(o, "cert")))));
    }
    json_decref(all);
    return out;
}

json_t *case_enforcers_today(struct ctx *c)
{
    return officer_choices(c, 0);
}

/* The investigators of case id: those a recusal may concern. */
static json_t *case_officer_choices(struct ctx *c, int64_t id)
{
    struct err e = {0};
    json_t *out = json_array();
    struct db_stmt *st = db_query(c->db, &e,
                                  "SELECT o.id, o.name, o.cert_no FROM case_officer k"
                                  " JOIN officer o ON o.id = k.officer_id WHERE k.case_id = ?"
                                  " ORDER BY o.id",
                                  "i", id);
    while (st && db_step(st, &e) == DB_ROW)
        json_array_append_new(
            out,
            jpack("{ss ss}", "code", arena_printf(c->arena, "%lld", (long long)db_int(st, 0)),
                  "label", arena_printf(c->arena, "%s（%s）", db_text(st, 1), db_text(st, 2))));
    db_done(st);
    return out;
}

/* [R-CASE-11] 第四十三条: a recusal is decided by the head, about one investigator of the case; a
 * recusal granted leaves at least two (第四十二条: change the team first). */
static int guard_recuse(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int64_t officer;
    if (parse_i64(wf_arg(a, "officer"), &officer) || strchr(wf_arg(a, "officer"), ','))
        return err_field(e, "officer", "请选择一名承办人员");
    int64_t n = 0;
    int on = db_exists(c->db, e, "SELECT 1 FROM case_officer WHERE case_id = ? AND officer_id = ?",
                       "ii", id, officer);
    if (on <= 0) return on < 0 ? on : err_field(e, "officer", "该执法人员不是本案的承办人员");
    if (strcmp(wf_arg(a, "outcome"), "granted") != 0) return case_guard_apart(c, id, "回避决定", e);
    if (db_get_int(c->db, e, &n, "SELECT COUNT(*) FROM case_officer WHERE case_id = ?", "i", id))
        return e->code;
    if (n - 1 < ENFORCE_MIN_OFFICERS)
        return err_set(
            e, ERR_INVALID,
            "回避后承办人员不足两名（《行政处罚法》第四十二条），请先调整承办人员，再决定回避");
    return case_guard_apart(c, id, "回避决定", e);
}

/* A recusal granted takes the officer off the case and puts them on the party's 回避 list. */
static int effect_recuse(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    int64_t officer = 0, entity = 0;
    parse_i64(wf_arg(a, "officer"), &officer);
    const char *ent = case_text(c, id, "entity_id", e), *name = NULL;
    struct db_stmt *st = db_query(c->db, e, "SELECT name FROM officer WHERE id = ?", "i", officer);
    if (st && db_step(st, e) == DB_ROW) name = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    if (e->code) return e->code;
    a->reason = arena_printf(c->arena, "%s：%s（%s）",
                             wf_option_label(recusal_outcomes, wf_arg(a, "outcome")),
                             name ? name : "", wf_option_label(recusal_by, wf_arg(a, "by")));
    if (strcmp(wf_arg(a, "outcome"), "granted") != 0) return 0;
    if (db_exec(c->db, e, "DELETE FROM case_officer WHERE case_id = ? AND officer_id = ?", "ii", id,
                officer) < 0)
        return e->code;
    if (!ent || parse_i64(ent, &entity)) return 0;
    int listed =
        db_exists(c->db, e, "SELECT 1 FROM entity_avoid WHERE entity_id = ? AND officer_id = ?",
                  "ii", entity, officer);
    if (listed) return listed < 0 ? listed : 0;
    return db_exec(c->db, e,
                   "INSERT INTO entity_avoid (entity_id, officer_id, reason, created_at,"
                   " created_by) VALUES (?, ?, ?, ?, ?)",
                   "iitit", entity, officer, a->note ? a->note : "案件回避", c->now,
                   c->who->username) < 0
               ? e->code
               : 0;
}

/* [R-CASE-03] [R-CASE-04] The team of a filed case changed by the head: the same rules. */
static int guard_change_team(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int rc = guard_team(c, id, a, e);
    return rc ? rc : case_guard_apart(c, id, "调整承办人员", e);
}

static int effect_change_team(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return set_team(c, id, a, e);
}

/* ---- the workflow --------------------------------------------------------------------------- */

static const struct wf_state states[] = {
    {"registered", "待立案", false},
    {"proposed", "立案审批中", false},
    {"filed", "已立案（调查中）", false},
    {"concluded", "调查终结", false},
    {"reviewed", "法制审核通过", false},
    {"notified", "已告知（陈述申辩期）", false},
    {"hearing_requested", "已申请听证", false},
    {"hearing_set", "已安排听证", false},
    {"heard", "已听证", false},
    {"decided", "已作出处罚决定", false},
    {"not_penalised", "不予行政处罚", false},
    {"declined", "不予立案", true},
    {"closed", "已结案", true},
};

/* [R-CASE-01] 立案 decided within the 立案期限 of 受理 */
const struct wf_deadline_rule case_deadline_file = {
    "file", "立案期限", CASE_FILE_DAYS, false, CASE_FILE_BASIS, .setting = "case.file_days"};
/* [R-CASE-07] 第六十条: decided within 90 days of 立案 */
/* [R-CASE-17] 第四十五条: the party's statement and defence, in working days from the notice */
static const struct wf_deadline_rule deadline_defence = {
    "defence",    "陈述申辩期限",       CASE_STATEMENT_DAYS,
    true,         CASE_STATEMENT_BASIS, .setting = "case.statement_days",
    .party = true};
static const struct wf_deadline_rule deadline_decide = {
    "decide", "作出处罚决定期限", CASE_DECIDE_DAYS, false, CASE_DECIDE_BASIS, NULL};

#define END                                                                                        \
    {                                                                                              \
        NULL, NULL, 0, false, 0, NULL                                                              \
    }
static const struct wf_input in_propose[] = {
    {"officers", "承办人员（两名以上）", WF_PICK, true, 120, NULL, NULL, officer_choices},
    {"note", "立案理由", WF_TEXT, true, 1000, NULL},
    {"date", "提出日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_approve[] = {
    {"note", "审批意见", WF_TEXT, false, 500, NULL},
    {"date", "立案日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_extend[] = {
    {"days", "延长天数", WF_TEXT, true, 3, NULL},
    {"note", "延期理由", WF_TEXT, true, 1000, NULL},
    {"date", "批准日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_recuse[] = {
    {"officer", "须回避的承办人员", WF_CODE, true, 0, NULL, NULL, case_officer_choices},
    {"by", "回避的提出", WF_CODE, true, 0, recusal_by},
    {"outcome", "负责人决定", WF_CODE, true, 0, recusal_outcomes},
    {"note", "理由", WF_TEXT, true, 500, NULL},
    {"date", "决定日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_change_team[] = {
    {"officers", "承办人员（两名以上）", WF_PICK, true, 120, NULL, NULL, officer_choices},
    {"note", "调整理由", WF_TEXT, true, 500, NULL},
    {"date", "调整日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_option yes_no[] = {{"no", "否"}, {"yes", "是"}, {NULL, NULL}};
static const struct wf_input in_conclude[] = {
    {"item", "适用的行政处罚事项（权责清单）", WF_CODE, true, 0, NULL, NULL, case_item_choices},
    {"level", "裁量档次（如 一般、较重）", WF_TEXT, false, 20, NULL},
    {"types", "拟给予的处罚种类", WF_PICK, true, 160, NULL, NULL, case_type_choices},
    {"fine", "罚款金额（元）", WF_TEXT, false, 20, NULL},
    {"outside_reason", "超出裁量档次的理由", WF_TEXT, false, 1000, NULL},
    {"major", "重大、复杂案件", WF_CODE, true, 0, yes_no},
    {"note", "调查终结意见（违法事实和证据）", WF_TEXT, true, 4000, NULL},
    {"date", "日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_review[] = {
    {"note", "审核意见", WF_TEXT, true, 2000, NULL},
    {"date", "审核日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_notify[] = {
    {"note", "告知的事实、理由和依据（写入事先告知书）", WF_TEXT, false, 2000, NULL},
    {"date", "告知日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_waive[] = {
    {"note", "当事人书面放弃的内容", WF_TEXT, true, 500, NULL},
    {"date", "日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_decide[] = {
    {"types", "决定给予的处罚种类", WF_PICK, true, 160, NULL, NULL, case_proposed_type_choices},
    {"fine", "罚款金额（元）", WF_TEXT, false, 20, NULL},
    {"confiscated", "没收违法所得、非法财物的金额（元）", WF_TEXT, false, 20, NULL},
    {"wording", "处罚内容的表述（罚没款以外；责令停产停业、暂扣或吊销许可证件等须写明期限等）",
     WF_TEXT, false, 500, NULL},
    {"lighter_reason", "减轻处罚的情形（罚款低于法定最低数额时）", WF_TEXT, false, 1000, NULL},
    {"note", "陈述、申辩（听证）意见及采纳情况", WF_TEXT, false, 2000, NULL},
    {"date", "决定日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_no_penalty[] = {
    {"ground", "不予行政处罚的理由（第三十三条）", WF_CODE, true, 0, case_grounds},
    {"conditions", "认定的情形", WF_PICK, false, 120, NULL, NULL, case_condition_choices},
    {"proof", "当事人证明没有主观过错的证据", WF_TEXT, false, 1000, NULL},
    {"education", "对当事人进行教育的情况", WF_TEXT, true, 1000, NULL},
    {"note", "违法事实和理由", WF_TEXT, false, 2000, NULL},
    {"date", "决定日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_discuss[] = {
    {"participants", "参加讨论的负责人（用顿号分隔）", WF_TEXT, true, 300, NULL},
    {"opinions", "讨论意见", WF_TEXT, true, 4000, NULL},
    {"conclusion", "讨论结论", WF_CODE, true, 0, case_conclusions},
    {"date", "讨论日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_reinvestigate[] = {
    {"note", "补充调查的理由", WF_TEXT, true, 1000, NULL},
    {"date", "日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_send_back[] = {
    {"note", "退回理由", WF_TEXT, true, 500, NULL},
    END,
};
static const struct wf_input in_decline[] = {
    {"reason", "不予立案理由", WF_CODE, true, 0, declines},
    {"note", "说明", WF_TEXT, false, 1000, NULL},
    {"date", "决定日期", WF_DATE, false, 0, NULL},
    END,
};
#undef END

#define DOCS(...) ((const char *const[]){__VA_ARGS__, NULL})
/* [R-CASE-09] the 90 days may be extended until the decision */
#define EXTEND(from)                                                                               \
    {                                                                                              \
        from, "extend", from, "批准延长办案期限", PERM_CASE_APPROVE, guard_extend, NULL, NULL,     \
            .inputs = in_extend, .effect = effect_extend, .extends = "decide",                     \
            .confirm = "办案期限只能延长一次。确定批准延长？"                    \
    }
#define DECIDE(from)                                                                                       \
    {                                                                                                      \
        from, "decide", "decided", "作出行政处罚决定", PERM_CASE_APPROVE, case_guard_decide,               \
            &case_deadline_serve, "decide",                                                                \
            .inputs = in_decide, .effect = case_effect_decide,                                             \
            .documents = DOCS("penalty_decision"), .numbered = "number",                                   \
            .confirm = "行政处罚决定书将以立案时取得的文号出具。确定作出决定？" \
    }
#define NO_PENALTY(from)                                                                                   \
    {                                                                                                      \
        from, "decide_none", "not_penalised", "不予行政处罚", PERM_CASE_APPROVE,                           \
            case_guard_no_penalty, &case_deadline_serve, "decide",                                         \
            .inputs = in_no_penalty, .effect = case_effect_no_penalty,                                     \
            .documents = DOCS("no_penalty_decision"), .confirm = "确定作出不予行政处罚决定？" \
    }
#define DISCUSS(from)                                                                              \
    {                                                                                              \
        from, "discuss", from, "负责人集体讨论", PERM_CASE_APPROVE, case_guard_discuss, NULL,      \
            NULL, .inputs = in_discuss, .effect = case_effect_discuss,                             \
                  .documents = DOCS("collective_discussion")                                       \
    }
#define REINVESTIGATE(from)                                                                        \
    {                                                                                              \
        from, "reinvestigate", "filed", "补充调查", PERM_CASE_APPROVE, guard_reinvestigate, NULL,  \
            NULL, .inputs = in_reinvestigate                                                       \
    }
#define STATEMENT(from)                                                                            \
    {                                                                                              \
        from, "record_statement", from, "当事人陈述、申辩", PERM_CASE_HANDLE,                      \
            case_guard_statement, NULL, NULL, .inputs = case_in_statement,                         \
                                              .effect = case_effect_statement,                     \
                                              .documents = DOCS("statement_record")                \
    }
/* [R-CASE-70] the service of the case's documents, the decision's within 7 working days
 * (case_service.c) */
#define SERVE(from)                                                                                \
    {                                                                                              \
        from, "serve", from, "送达文书", PERM_CASE_HANDLE, case_guard_serve, NULL, NULL,           \
            .inputs = case_in_serve, .effect = case_effect_serve,                                  \
            .documents = DOCS("service_receipt")                                                   \
    }
/* [R-CASE-101] the 结案报告 approved by a head apart from the case (case_closing.c) */
#define CLOSE(from)                                                                                \
    {                                                                                              \
        from, "close", "closed", "结案", PERM_CASE_APPROVE, case_guard_close, NULL, NULL,          \
            .inputs = case_in_close, .before = case_before_close, .effect = case_effect_close,     \
            .documents = DOCS("closing_report"),                                                   \
            .confirm = "结案后案件即终结，结案报告将出具。确定结案？"        \
    }
static const struct wf_transition steps[] = {
    {"registered", "propose", "proposed", "提出立案", PERM_CASE_HANDLE, guard_propose, NULL, NULL,
     .inputs = in_propose, .effect = effect_propose},
    {"proposed", "propose", "proposed", "修改立案报告", PERM_CASE_HANDLE, guard_propose, NULL, NULL,
     .inputs = in_propose, .effect = effect_propose},
    {"proposed", "approve", "filed", "批准立案", PERM_CASE_APPROVE, guard_approve, &deadline_decide,
     "file", .inputs = in_approve, .effect = effect_approve, .documents = DOCS("filing_report"),
     .confirm = "批准后即立案，取得案号，并开始计算九十日的办案期限。确定批准立案？"},
    /* [R-CASE-62] the case team's deliberation (合议): case_deliberation.c */
    {"filed", "deliberate", "filed", "合议", PERM_CASE_HANDLE, case_guard_deliberate, NULL, NULL,
     .inputs = case_in_deliberate, .effect = case_effect_deliberate,
     .documents = DOCS("deliberation_record")},
    /* [R-CASE-63] after a deliberation that concluded to penalise or not */
    {"filed", "conclude", "concluded", "调查终结", PERM_CASE_HANDLE, case_guard_conclude, NULL,
     NULL, .inputs = in_conclude, .effect = case_effect_conclude,
     .documents = DOCS("investigation_report")},
    {"concluded", "review_pass", "reviewed", "法制审核：同意", PERM_CASE_REVIEW,
     case_guard_reviewer, NULL, NULL, .inputs = in_review},
    {"concluded", "review_return", "filed", "法制审核：退回补充调查", PERM_CASE_REVIEW,
     case_guard_reviewer, NULL, NULL, .inputs = in_review},
    {"concluded", "review_reject", "filed", "法制审核：不同意", PERM_CASE_REVIEW,
     case_guard_reviewer, NULL, NULL, .inputs = in_review},
    /* [R-CASE-15] no notice before a required review passed */
    {"concluded", "notify", "notified", "行政处罚事先告知", PERM_CASE_HANDLE, case_guard_notify,
     &deadline_defence, NULL, .inputs = in_notify, .effect = case_effect_notify,
     .documents = DOCS("prior_notice")},
    {"reviewed", "notify", "notified", "行政处罚事先告知", PERM_CASE_HANDLE, case_guard_notify,
     &deadline_defence, NULL, .inputs = in_notify, .effect = case_effect_notify,
     .documents = DOCS("prior_notice")},
    {"notified", "waive", "notified", "当事人书面放弃陈述申辩", PERM_CASE_HANDLE, NULL, NULL,
     "defence", .inputs = in_waive, .effect = case_effect_waive},
    EXTEND("filed"),
    EXTEND("concluded"),
    EXTEND("reviewed"),
    EXTEND("notified"),
    EXTEND("hearing_requested"),
    EXTEND("hearing_set"),
    EXTEND("heard"),
    DISCUSS("concluded"),
    DISCUSS("reviewed"),
    DISCUSS("notified"),
    DISCUSS("heard"),
    DECIDE("notified"),
    DECIDE("reviewed"),
    DECIDE("heard"),
    NO_PENALTY("concluded"),
    NO_PENALTY("reviewed"),
    NO_PENALTY("notified"),
    NO_PENALTY("heard"),
    REINVESTIGATE("notified"),
    REINVESTIGATE("reviewed"),
    REINVESTIGATE("heard"),
    /* [R-CASE-60] the party's statement and defence, from the notice to the decision; the
     * statement window stays open (case_statement.c) */
    STATEMENT("notified"),
    STATEMENT("reviewed"),
    STATEMENT("heard"),
    /* execution (执行): case_execution.c */
    {"decided", "pay", "decided", "登记缴纳", PERM_CASE_HANDLE, case_guard_pay, NULL, NULL,
     .inputs = case_in_pay, .effect = case_effect_pay},
    {"decided", "defer", "decided", "批准延期（分期）缴纳罚款", PERM_CASE_APPROVE, case_guard_defer,
     NULL, NULL, .inputs = case_in_defer, .effect = case_effect_defer,
     .documents = DOCS("payment_deferral")},
    SERVE("decided"),
    SERVE("not_penalised"),
    /* [R-CASE-104] … [R-CASE-112] enforcement by the court and the confiscated goods:
     * case_enforcement.c, case_goods.c */
    {"decided", "remind", "decided", "催告履行", PERM_CASE_HANDLE, case_guard_remind,
     &case_deadline_enforce, NULL, .inputs = case_in_remind, .effect = case_effect_remind,
     .restarts = "enforce", .documents = DOCS("enforcement_reminder")},
    {"decided", "apply_court", "decided", "申请人民法院强制执行", PERM_CASE_APPROVE,
     case_guard_apply_court, NULL, "enforce", .inputs = case_in_apply_court,
     .before = case_before_apply_court, .effect = case_effect_apply_court,
     .documents = DOCS("enforcement_application"),
     .confirm = "将出具强制执行申请书，由负责人签名并加盖印章。确定申请？"},
    {"decided", "court_outcome", "decided", "登记法院裁定和执行结果", PERM_CASE_HANDLE,
     case_guard_court_outcome, NULL, NULL, .inputs = case_in_court_outcome,
     .effect = case_effect_court_outcome},
    {"decided", "add_goods", "decided", "登记没收物品", PERM_CASE_HANDLE, case_guard_add_goods,
     NULL, NULL, .inputs = case_in_add_goods, .effect = case_effect_add_goods},
    {"decided", "dispose_goods", "decided", "处置没收物品", PERM_CASE_HANDLE,
     case_guard_dispose_goods, NULL, NULL, .inputs = case_in_dispose_goods,
     .effect = case_effect_dispose_goods},
    /* [R-CASE-94] closing (结案) once the pre-closing check finds nothing lacking:
     * case_closing.c */
    CLOSE("decided"),
    CLOSE("not_penalised"),
    /* [R-CASE-103] a case the police filed after its referral closes without a decision */
    CLOSE("filed"),
    CLOSE("concluded"),
    /* the hearing (听证): case_hearing.c */
    {"notified", "request_hearing", "hearing_requested", "当事人要求听证", PERM_CASE_HANDLE,
     case_guard_request_hearing, NULL, NULL, .inputs = case_in_request_hearing,
     .effect = case_effect_request_hearing},
    {"hearing_requested", "set_hearing", "hearing_set", "安排听证", PERM_CASE_APPROVE,
     case_guard_set_hearing, NULL, NULL, .inputs = case_in_set_hearing,
     .effect = case_effect_set_hearing, .documents = DOCS("hearing_summons")},
    {"hearing_set", "set_hearing", "hearing_set", "变更听证", PERM_CASE_APPROVE,
     case_guard_set_hearing, NULL, NULL, .inputs = case_in_set_hearing,
     .effect = case_effect_set_hearing, .documents = DOCS("hearing_summons")},
    {"hearing_set", "hold_hearing", "heard", "听证笔录", PERM_CASE_READ, case_guard_hold_hearing,
     NULL, NULL, .inputs = case_in_hold_hearing, .effect = case_effect_hold_hearing,
     .documents = DOCS("hearing_record")},
    {"hearing_requested", "withdraw_hearing", "notified", "当事人撤回听证申请", PERM_CASE_HANDLE,
     case_guard_withdraw_hearing, NULL, NULL, .inputs = case_in_withdraw_hearing,
     .effect = case_effect_withdraw_hearing},
    {"hearing_set", "withdraw_hearing", "notified", "当事人撤回听证申请", PERM_CASE_HANDLE,
     case_guard_withdraw_hearing, NULL, NULL, .inputs = case_in_withdraw_hearing,
     .effect = case_effect_withdraw_hearing},
    /* [R-CASE-37] a case heard is reviewed before the decision, by the same rule of who reviews */
    {"heard", "review_pass", "reviewed", "法制审核：同意", PERM_CASE_REVIEW, case_guard_reviewer,
     NULL, NULL, .inputs = in_review},
    {"heard", "review_return", "filed", "法制审核：退回补充调查", PERM_CASE_REVIEW,
     case_guard_reviewer, NULL, NULL, .inputs = in_review},
    {"heard", "review_reject", "filed", "法制审核：不同意", PERM_CASE_REVIEW, case_guard_reviewer,
     NULL, NULL, .inputs = in_review},
    {"filed", "recuse", "filed", "回避决定", PERM_CASE_APPROVE, guard_recuse, NULL, NULL,
     .inputs = in_recuse, .effect = effect_recuse},
    {"filed", "change_team", "filed", "调整承办人员", PERM_CASE_APPROVE, guard_change_team, NULL,
     NULL, .inputs = in_change_team, .effect = effect_change_team},
    {"proposed", "send_back", "registered", "退回", PERM_CASE_APPROVE, NULL, NULL, NULL,
     .inputs = in_send_back},
    {"registered", "decline", "declined", "不予立案", PERM_CASE_APPROVE, NULL, NULL, "file",
     .inputs = in_decline, .effect = effect_decline, .confirm = "不予立案后该案即终结。确定？"},
    {"proposed", "decline", "declined", "不予立案", PERM_CASE_APPROVE, NULL, NULL, "file",
     .inputs = in_decline, .effect = effect_decline, .confirm = "不予立案后该案即终结。确定？"},
    /* 受理: registration (case_add, wf_enter) opens the 立案期限 and issues the 案件受理记录 */
    {"", "start", "registered", "受理", PERM_CASE_HANDLE, NULL, &case_deadline_file, NULL,
     .documents = DOCS("case_intake_record"), .internal = true},
    /* [R-CASE-54] 简易程序: recorded as decided on the spot (case_summary.c, wf_enter) */
    {"", "decide_on_spot", "decided", "当场作出行政处罚决定", PERM_CASE_HANDLE, NULL, NULL, NULL,
     .documents = DOCS("summary_penalty_decision"), .internal = true},
};
#undef DOCS
#undef EXTEND
#undef DECIDE
#undef NO_PENALTY
#undef DISCUSS
#undef REINVESTIGATE
#undef STATEMENT
#undef SERVE
#undef CLOSE

const struct workflow case_workflow = {.kind = "case",
                                       .table = "penalty_case",
                                       .states = states,
                                       .nstates = countof(states),
                                       .steps = steps,
                                       .nsteps = countof(steps),
                                       .reason_label = decline_label,
                                       .start_label = "受理",
                                       .line_column = "line"};

/* ---- registration --------------------------------------------------------------------------- */

int case_check(const struct case_input *in, struct err *e)
{
    if (!case_source_label(in->source)) err_field(e, "source", "请选择案件来源");
    if (!catalog_has("lines", in->line)) err_field(e, "line", "请选择专业类别");
    field_text(in->summary, "summary", "案由和违法事实", true, 4000, e);
    if (str_blank(in->entity_id)) {
        field_text(in->party_name, "party_name", "当事人", true, 100, e);
        if (!wf_option_label(kinds, in->party_kind)) err_field(e, "party_kind", "请选择当事人类型");
    } else if (!str_blank(in->party_kind) && !wf_option_label(kinds, in->party_kind)) {
        err_field(e, "party_kind", "请选择当事人类型");
    }
    field_text(in->party_address, "party_address", "地址", false, 200, e);
    day_t act, found, received;
    field_date(in->act_on, "act_on", "违法行为发生（终了）日期", true, &act, e);
    field_date(in->found_on, "found_on", "发现日期", false, &found, e);
    field_date(in->received_on, "received_on", "受理日期", false, &received, e);
    if (act && found && found < act) err_field(e, "found_on", "发现日期不能早于违法行为日期");
    if (act && received && received < act)
        err_field(e, "received_on", "受理日期不能早于违法行为日期");
    if (found && received && received < found)
        err_field(e, "received_on", "受理日期不能早于发现日期");
    return e->code;
}

int case_resolve_party(struct ctx *c, const struct case_input *in, int64_t *entity,
                       const char **name, struct err *e)
{
    *entity = 0;
    *name = in->party_name;
    if (str_blank(in->entity_id)) return 0;
    struct db_stmt *st =
        parse_i64(in->entity_id, entity)
            ? NULL
            : db_query(c->db, e,
                       "SELECT x.name FROM entity x JOIN agency a ON a.id = x.agency_id"
                       " WHERE x.id = ? AND a.path LIKE ?",
                       "it", *entity, actor_scope(c));
    if (st && db_step(st, e) == DB_ROW)
        *name = arena_strdup(c->arena, db_text(st, 0));
    else
        *name = NULL;
    db_done(st);
    if (e->code) return e->code;
    return *name ? 0 : err_field(e, "entity_id", "管理相对人不存在或不在您的管辖范围内");
}

/* [R-CASE-08] The record the case came from, in the actor's scope. */
int case_resolve_source(struct ctx *c, const struct case_input *in, int64_t *source_id,
                        struct err *e)
{
    static const struct {
        const char *source, *sql;
    } tables[] = {
        {"inspection", "SELECT 1 FROM inspection x JOIN agency a ON a.id = x.agency_id"
                       " WHERE x.id = ? AND a.path LIKE ?"},
        {"task", "SELECT 1 FROM task x JOIN agency a ON a.id = x.agency_id"
                 " WHERE x.id = ? AND a.path LIKE ?"},
        {"complaint", "SELECT 1 FROM complaint x JOIN agency a ON a.id = x.agency_id"
                      " WHERE x.id = ? AND a.path LIKE ?"},
    };
    *source_id = 0;
    for (size_t i = 0; i < countof(tables); i++) {
        if (strcmp(in->source, tables[i].source) != 0) continue;
        if (str_blank(in->source_id)) return 0;
        int ok = parse_i64(in->source_id, source_id)
                     ? 0
                     : db_exists(c->db, e, tables[i].sql, "it", *source_id, actor_scope(c));
        if (ok < 0) return ok;
        return ok ? 0
                  : err_field(e, "source_id", "%s %s 不存在或不在您的管辖范围内",
                              case_source_label(in->source), in->source_id);
    }
    return 0;
}

int case_insert(struct ctx *c, const struct case_input *in, int64_t agency, int64_t source_id,
                int64_t entity, const char *party, const char *day, int64_t *id, struct err *e)
{
    const char *kind = str_blank(in->party_kind) ? "organisation" : in->party_kind;
    const char *found = str_blank(in->found_on) ? day : in->found_on;
    struct db_arg args[] = {
        {.type = 'i', .i = agency},
        {.type = 't', .s = in->line},
        {.type = 't', .s = in->source},
        source_id ? (struct db_arg){.type = 'i', .i = source_id} : (struct db_arg){.type = 'n'},
        entity ? (struct db_arg){.type = 'i', .i = entity} : (struct db_arg){.type = 'n'},
        {.type = 't', .s = party},
        {.type = 't', .s = kind},
        {.type = 't', .s = blank_to_null(in->party_address)},
        {.type = 't', .s = in->summary},
        {.type = 't', .s = in->act_on},
        {.type = 'i', .i = in->harm},
        {.type = 't', .s = found},
        {.type = 't', .s = day},
        c->who->user_id ? (struct db_arg){.type = 'i', .i = c->who->user_id}
                        : (struct db_arg){.type = 'n'},
        {.type = 'i', .i = c->now},
        {.type = 'i', .i = c->now},
    };
    struct db_stmt *st = db_query_args(
        c->db, e,
        "INSERT INTO penalty_case (agency_id, line, source, source_id, entity_id, party_name,"
        " party_kind, party_address, summary, act_on, harm, found_on, received_on, created_by,"
        " created_at, updated_at, state)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered') RETURNING id",
        (int)countof(args), args);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_INTERNAL, "受理失败");
}

int case_add(struct ctx *c, const struct case_input *in, int64_t *id, struct err *e)
{
    if (case_check(in, e)) return e->code;
    const char *day, *party;
    int64_t agency, source_id, entity;
    int rc = intake_day(c, in->received_on, "受理日期", &day, e);
    if (!rc && !str_blank(in->found_on) && strcmp(in->found_on, day) > 0)
        rc = err_field(e, "found_on", "发现日期不能晚于受理日期");
    if (!rc) rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = intake_agency(c, in->agency_code, &agency, e);
    if (!rc) rc = case_resolve_party(c, in, &entity, &party, e);
    if (!rc) rc = case_resolve_source(c, in, &source_id, e);
    if (!rc) rc = case_insert(c, in, agency, source_id, entity, party, day, id, e);
    struct wf_args a = {.date = day};
    if (!rc) rc = wf_enter(c, &case_workflow, *id, "start", &a, e);
    if (!rc)
        rc = audit_write(c, "case.create", "case", *id, "受理案件：%s（%s，%s）", party,
                         catalog_label("lines", in->line), case_source_label(in->source));
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* ---- the area's tables (law/area.h) --------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"penalty_case",
     "行政处罚案件",
     true,
     "id",
     {{"agency_id", "agency", REF_ID},
      {"entity_id", "entity", REF_ID},
      {"proposed_by", "app_user", REF_ID},
      {"power_item_id", "power_item", REF_ID},
      {"baseline_version_id", "discretion_version", REF_ID},
      {"hearing_chair", "app_user", REF_ID},
      {"decided_by", "app_user", REF_ID},
      {"closed_by", "app_user", REF_ID},
      {"created_by", "app_user", REF_ID}}},
    {"case_officer",
     "案件承办人员",
     false,
     "case_id, officer_id",
     {{"case_id", "penalty_case", REF_ID}, {"officer_id", "officer", REF_ID}}},
    {"case_evidence",
     "案件证据",
     true,
     "id",
     {{"case_id", "penalty_case", REF_ID}, {"created_by", "app_user", REF_ID}}},
    {"case_discussion",
     "案件集体讨论",
     true,
     "id",
     {{"case_id", "penalty_case", REF_ID}, {"created_by", "app_user", REF_ID}}},
    {"case_deliberation",
     "案件合议",
     true,
     "id",
     {{"case_id", "penalty_case", REF_ID}, {"created_by", "app_user", REF_ID}}},
    {"case_statement",
     "当事人陈述申辩",
     true,
     "id",
     {{"case_id", "penalty_case", REF_ID}, {"created_by", "app_user", REF_ID}}},
    {"case_instalment", "罚款缴纳期限", true, "id", {{"case_id", "penalty_case", REF_ID}}},
    {"case_payment",
     "罚没款缴纳",
     true,
     "id",
     {{"case_id", "penalty_case", REF_ID}, {"created_by", "app_user", REF_ID}}},
    {"case_service",
     "案件文书送达",
     true,
     "id",
     {{"case_id", "penalty_case", REF_ID},
      {"document_id", "document", REF_LATE},
      {"created_by", "app_user", REF_ID}}},
    {"case_reminder",
     "强制执行催告",
     true,
     "id",
     {{"case_id", "penalty_case", REF_ID}, {"created_by", "app_user", REF_ID}}},
    {"case_court_application",
     "申请人民法院强制执行",
     true,
     "id",
     {{"case_id", "penalty_case", REF_ID},
      {"reminder_id", "case_reminder", REF_ID},
      {"created_by", "app_user", REF_ID}}},
    {"case_court_outcome",
     "法院强制执行结果",
     true,
     "id",
     {{"application_id", "case_court_application", REF_ID},
      {"case_id", "penalty_case", REF_ID},
      {"created_by", "app_user", REF_ID}}},
    {"case_goods",
     "没收物品及其处置",
     true,
     "id",
     {{"case_id", "penalty_case", REF_ID},
      {"created_by", "app_user", REF_ID},
      {"disposed_by", "app_user", REF_ID}}},
    {"case_copy", "案件抄送", true, "id", {{"case_id", "penalty_case", REF_ID}}},
    {"case_evidence_officer",
     "证据取证人员",
     false,
     "evidence_id, officer_id",
     {{"evidence_id", "case_evidence", REF_ID}, {"officer_id", "officer", REF_ID}}},
};

const struct law_area law_area_cases = {"cases", tables,         countof(tables), NULL,
                                        0,       &case_workflow, &case_documents};
