/* referral.c — the referral of a case to the police (涉嫌犯罪案件移送, 国务院令第310号, 行政处罚法
 * 第二十七条): its workflow declared as data, its guards, and the report. Reading is
 * referral_read.c. */
#include "law/referral.h"
#include "law/area.h"
#include "base/codes.h"
#include "base/crypto.h"
#include "base/jpack.h"
#include "law/audit.h"
#include "law/case_internal.h"
#include "law/field.h"
#include "law/preservation.h"
#include "law/role.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ORDER_310 "《行政执法机关移送涉嫌犯罪案件的规定》"

static const struct wf_option answers[] = {
    {"filed", "立案"}, {"declined", "不予立案"}, {NULL, NULL}};

const char *referral_answer_label(const char *code)
{
    return wf_option_label(answers, code);
}

/* ---- persons -------------------------------------------------------------------------------- */

/* One line of the persons' text: 姓名｜身份证号码. */
static json_t *person_of(struct arena *a, const char *line, int no, struct err *e)
{
    const char *bar = strchr(line, '|'), *wide = strstr(line, "｜");
    const char *sep = bar && (!wide || bar < wide) ? bar : wide;
    if (!sep) {
        err_field(e, "persons", "第%d人应写作“姓名｜身份证号码”", no);
        return NULL;
    }
    char *name = str_trim(arena_strndup(a, line, (size_t)(sep - line)));
    char *number = str_trim(arena_strdup(a, sep + (sep == bar ? 1 : strlen("｜"))));
    struct err bad = {0};
    if (!*name || utf8_len(name) > 50) {
        err_field(e, "persons", "第%d人须写明姓名（50字以内）", no);
        return NULL;
    }
    if (idcard_check(number, &bad, "persons")) {
        err_field(e, "persons", "第%d人（%s）：%s", no, name, bad.nfields ? bad.fields[0].msg : "");
        return NULL;
    }
    return jpack("{ss ss}", "name", name, "id_number", number);
}

json_t *referral_persons(const char *text, struct err *e)
{
    struct arena a = {0};
    json_t *out = json_array();
    const char *p = text ? text : "";
    int no = 0;
    while (*p && !e->nfields) {
        size_t n = strcspn(p, "\r\n");
        char *line = str_trim(arena_strndup(&a, p, n));
        p += n + (p[n] ? 1 : 0);
        if (!*line) continue;
        if (++no > REFERRAL_MAX_PERSONS) {
            err_field(e, "persons", "一次最多移送%d人", REFERRAL_MAX_PERSONS);
            break;
        }
        json_t *one = person_of(&a, line, no, e);
        if (one) json_array_append_new(out, one);
    }
    if (!e->nfields && json_array_size(out) == 0)
        err_field(e, "persons", "请列明移送的涉案人员：姓名｜身份证号码，每行一人");
    arena_free(&a);
    if (e->nfields) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* The goods' text as JSON text (malloc'd): "[]" when blank; NULL with a field error on goods. */
static char *goods_json(const char *text, struct err *e)
{
    if (str_blank(text)) return strdup("[]");
    struct err items = {0};
    json_t *goods = preservation_items(text, &items);
    if (!goods) {
        err_field(e, "goods", "%s", items.nfields ? items.fields[0].msg : "涉案物品有误");
        return NULL;
    }
    char *out = json_dumps(goods, JSON_COMPACT);
    json_decref(goods);
    return out;
}

/* [R-CASE-79] 第三条、第六条: the suspected crime, its facts, the persons referred with valid ID
 * numbers, the goods, the receiving public security organ. */
int referral_check(const struct referral_input *in, struct err *e)
{
    field_text(in->crime, "crime", "涉嫌罪名", true, 100, e);
    field_text(in->facts, "facts", "涉嫌犯罪的事实", true, 4000, e);
    field_text(in->organ, "organ", "受移送的公安机关", true, 100, e);
    struct err persons = {0};
    json_decref(referral_persons(in->persons, &persons));
    if (persons.nfields) err_field(e, "persons", "%s", persons.fields[0].msg);
    struct err goods = {0};
    free(goods_json(in->goods, &goods));
    if (goods.nfields) err_field(e, "goods", "%s", goods.fields[0].msg);
    day_t day;
    field_date(in->reported_on, "reported_on", "报告日期", false, &day, e);
    return e->code;
}

/* [R-CASE-79] A filed case is referred by one of its investigators. */
static int guard_case(const struct case_facts *f, struct err *e)
{
    if (!*f->filed)
        return err_set(e, ERR_INVALID, "案件尚未立案，不能移送涉嫌犯罪案件（" ORDER_310 "第三条）");
    if (!f->investigator)
        return err_set(e, ERR_FORBIDDEN, "只有本案的承办人员可以提出移送涉嫌犯罪案件");
    return 0;
}

int referral_may_add(struct ctx *c, int64_t case_id, struct err *e)
{
    (void)e;
    if (!role_allows(c->who->roles, PERM_CASE_HANDLE)) return 0;
    struct case_facts f = {0};
    struct err quiet = {0};
    if (case_facts_read(c, case_id, &f, &quiet)) return 0;
    return guard_case(&f, &quiet) == 0;
}

/* ---- the referral's own columns ------------------------------------------------------------- */

static const char *get_text(struct ctx *c, int64_t id, const char *column, struct err *e)
{
    const char *sql = arena_printf(c->arena, "SELECT %s FROM case_referral WHERE id = ?", column);
    struct db_stmt *st = db_query(c->db, e, sql, "i", id);
    if (!st) return NULL;
    const char *v = NULL;
    if (db_step(st, e) == DB_ROW && !db_null(st, 0)) v = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    return v;
}

static int64_t case_of(struct ctx *c, int64_t id, struct err *e)
{
    int64_t case_id = 0;
    const char *v = get_text(c, id, "case_id", e);
    if (v) parse_i64(v, &case_id);
    return case_id;
}

/* An investigator of the referral's case acts on the day of the step, after column (what). */
static int guard_handler(struct ctx *c, int64_t id, const struct wf_args *a, const char *column,
                         const char *what, struct err *e)
{
    int64_t case_id = case_of(c, id, e);
    if (e->code) return e->code;
    int rc = case_guard_investigator(c, case_id, "办理移送", e);
    if (rc) return rc;
    const char *after = get_text(c, id, column, e);
    return e->code ? e->code
                   : field_day_in(wf_date(c, a), "date", date_from_instant(c->now), after, what, e);
}

/* Set column of referral id to the step's day (and text column to the step's value). */
static int set_day(struct ctx *c, int64_t id, const char *column, const char *day, struct err *e)
{
    const char *sql = arena_printf(
        c->arena, "UPDATE case_referral SET %s = ?, updated_at = ? WHERE id = ?", column);
    return db_exec(c->db, e, sql, "tii", day, c->now, id) < 0 ? e->code : 0;
}

/* ---- guards and effects --------------------------------------------------------------------- */

/* [R-CASE-75] 第五条: 正职负责人或者主持工作的负责人 approves (the step's permission), neither
 * an investigator of the case nor its 立案's proposer; a refusal says why; the day between the
 * report and today. The 3 days are the deadline approve. */
static int guard_approve(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int64_t case_id = case_of(c, id, e);
    if (e->code) return e->code;
    int rc = case_guard_apart(c, case_id, "移送涉嫌犯罪案件（" ORDER_310 "第五条）", e);
    if (rc) return rc;
    const char *reported = get_text(c, id, "reported_on", e);
    return e->code ? e->code
                   : field_day_in(wf_date(c, a), "date", date_from_instant(c->now), reported,
                                  "报告日期", e);
}

static int effect_approve(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return db_exec(c->db, e,
                   "UPDATE case_referral SET approved_on = ?, approved_by = ?, updated_at = ?"
                   " WHERE id = ?",
                   "tIii", wf_date(c, a), c->who->user_id, c->now, id) < 0
               ? e->code
               : 0;
}

/* [R-CASE-76] 第五条、第六条: sent after the approval (the step's from-state) with the
 * 涉嫌犯罪案件移送书, on a day between the approval and today. */
static int guard_send(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    return guard_handler(c, id, a, "approved_on", "批准日期", e);
}

static int effect_send(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return set_day(c, id, "sent_on", wf_date(c, a), e);
}

/* [R-CASE-77] 第八条: the police's receipt, after the sending. */
static int guard_receive(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    return guard_handler(c, id, a, "sent_on", "移送日期", e);
}

static int effect_receive(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    if (set_day(c, id, "received_on", wf_date(c, a), e)) return e->code;
    return db_exec(c->db, e, "UPDATE case_referral SET receipt = ? WHERE id = ?", "ti",
                   wf_arg(a, "receipt"), id) < 0
               ? e->code
               : 0;
}

/* [R-CASE-77] 第八条: the police's answer after the receipt; 不予立案 with its reason. */
static int guard_answer(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    return guard_handler(c, id, a, "received_on", "公安机关接收日期", e);
}

static int record_answer(struct ctx *c, int64_t id, const struct wf_args *a, const char *answer,
                         struct err *e)
{
    return db_exec(c->db, e,
                   "UPDATE case_referral SET answer = ?, answered_on = ?, answer_reason = ?,"
                   " updated_at = ? WHERE id = ?",
                   "tttii", answer, wf_date(c, a), a->note && *a->note ? a->note : NULL, c->now,
                   id) < 0
               ? e->code
               : 0;
}

static int effect_filed(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return record_answer(c, id, a, "filed", e);
}

static int effect_declined(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return record_answer(c, id, a, "declined", e);
}

/* [R-CASE-78] 第九条: 复议 of a 不予立案 asked within 3 days of its notice (the deadline
 * reconsider), once. */
static int guard_reconsider(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int rc = guard_handler(c, id, a, "answered_on", "不予立案通知日期", e);
    if (rc) return rc;
    if (get_text(c, id, "reconsider_on", e)) return err_set(e, ERR_INVALID, "已经提请过复议");
    const char *due = NULL;
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT due_on FROM wf_deadline WHERE kind = 'referral'"
                                  " AND object_id = ? AND name = 'reconsider' ORDER BY id DESC"
                                  " LIMIT 1",
                                  "i", id);
    if (st && db_step(st, e) == DB_ROW) due = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    if (e->code) return e->code;
    if (due && strcmp(wf_date(c, a), due) > 0)
        return err_field(
            e, "date", "应当自接到不予立案通知书之日起3日内提请复议（至 %s，" ORDER_310 "第九条）",
            due);
    return 0;
}

static int effect_reconsider(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return set_day(c, id, "reconsider_on", wf_date(c, a), e);
}

static int guard_follow_up(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    return guard_handler(c, id, a, "sent_on", "移送日期", e);
}

static int guard_close(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    return guard_handler(c, id, a, "answered_on", "公安机关答复日期", e);
}

static int effect_close(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    if (set_day(c, id, "closed_on", wf_date(c, a), e)) return e->code;
    return db_exec(c->db, e, "UPDATE case_referral SET outcome = ? WHERE id = ?", "ti", a->note,
                   id) < 0
               ? e->code
               : 0;
}

/* ---- the workflow --------------------------------------------------------------------------- */

static const struct wf_state states[] = {
    {"reported", "待批准", false},       {"approved", "已批准移送", false},
    {"refused", "不批准移送", true},     {"sent", "已移送", false},
    {"received", "公安已接收", false},   {"filed", "公安已立案", false},
    {"declined", "公安不予立案", false}, {"closed", "已办结", true},
};

/* [R-CASE-75] 第五条: the head decides within 3 days of the report. */
static const struct wf_deadline_rule deadline_approve = {
    "approve",
    "移送审批期限",
    REFERRAL_APPROVE_DAYS,
    false,
    ORDER_310 "第五条：自接到报告之日起3日内作出批准移送或者不批准移送的决定",
    NULL,
    NULL};
/* [R-CASE-76] 第五条: sent within 24 hours of the approval. */
static const struct wf_deadline_rule deadline_send = {
    "send",
    "移送期限",
    REFERRAL_SEND_DAYS,
    false,
    ORDER_310 "第五条：决定批准的，应当在24小时内向同级公安机关移送",
    NULL,
    NULL};
/* [R-CASE-77] 第八条: the police's 3 days (theirs, not the agency's). */
static const struct wf_deadline_rule deadline_answer = {
    "answer",
    "公安机关审查期限",
    REFERRAL_ANSWER_DAYS,
    false,
    ORDER_310 "第八条：公安机关自接受移送之日起3日内审查，决定是否立案",
    NULL,
    NULL,
    .party = true};
/* [R-CASE-78] 第九条: 复议 may be asked within 3 days of the 不予立案 notice. */
static const struct wf_deadline_rule deadline_reconsider = {
    "reconsider",
    "提请复议期限",
    REFERRAL_RECONSIDER_DAYS,
    false,
    ORDER_310 "第九条：自接到不予立案通知书之日起3日内提请复议",
    NULL,
    NULL,
    .party = true};

#define END                                                                                        \
    {                                                                                              \
        NULL, NULL, 0, false, 0, NULL                                                              \
    }
static const struct wf_input in_approve[] = {
    {"note", "审批意见", WF_TEXT, false, 500, NULL},
    {"date", "批准日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_refuse[] = {
    {"note", "不批准移送的理由", WF_TEXT, true, 1000, NULL},
    {"date", "日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_send[] = {
    {"note", "随案移送的材料（涉嫌犯罪案件调查报告、涉案物品清单、检验报告等）", WF_TEXT, true,
     1000, NULL},
    {"date", "移送日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_receive[] = {
    {"receipt", "公安机关接收回执（签收人、回执编号）", WF_TEXT, true, 200, NULL},
    {"date", "公安机关接收日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_filed[] = {
    {"note", "立案通知书（文号、承办单位）", WF_TEXT, false, 500, NULL},
    {"date", "公安机关决定日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_declined[] = {
    {"note", "不予立案的理由（不予立案通知书载明）", WF_TEXT, true, 1000, NULL},
    {"date", "接到不予立案通知书的日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_reconsider[] = {
    {"note", "提请复议的理由", WF_TEXT, true, 1000, NULL},
    {"date", "提请复议日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_follow_up[] = {
    {"note", "后续情况（复议结果、检察机关立案监督、退回案件的处理等）", WF_TEXT, true, 2000, NULL},
    {"date", "日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_close[] = {
    {"note", "办理结果", WF_TEXT, true, 1000, NULL},
    {"date", "办结日期", WF_DATE, false, 0, NULL},
    END,
};
#undef END

#define DOCS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define FOLLOW_UP(from)                                                                            \
    {                                                                                              \
        from, "follow_up", from, "记录后续情况", PERM_CASE_HANDLE, guard_follow_up, NULL, NULL,    \
            .inputs = in_follow_up                                                                 \
    }
static const struct wf_transition steps[] = {
    {"reported", "approve", "approved", "批准移送", PERM_CASE_APPROVE, guard_approve,
     &deadline_send, "approve", .inputs = in_approve, .effect = effect_approve,
     .confirm = "批准后应当在24小时内向公安机关移送。确定批准移送？"},
    {"reported", "refuse", "refused", "不批准移送", PERM_CASE_APPROVE, guard_approve, NULL,
     "approve", .inputs = in_refuse},
    {"approved", "send", "sent", "移送公安机关", PERM_CASE_HANDLE, guard_send, NULL, "send",
     .inputs = in_send, .effect = effect_send, .documents = DOCS("case_transfer_letter"),
     .confirm = "将出具涉嫌犯罪案件移送书，不能更改。确定移送？"},
    {"sent", "receive", "received", "公安机关接收", PERM_CASE_HANDLE, guard_receive,
     &deadline_answer, NULL, .inputs = in_receive, .effect = effect_receive},
    {"received", "answer_filed", "filed", "公安机关决定立案", PERM_CASE_HANDLE, guard_answer, NULL,
     "answer", .inputs = in_filed, .effect = effect_filed},
    {"received", "answer_declined", "declined", "公安机关不予立案", PERM_CASE_HANDLE, guard_answer,
     &deadline_reconsider, "answer", .inputs = in_declined, .effect = effect_declined},
    {"declined", "reconsider", "declined", "提请复议", PERM_CASE_HANDLE, guard_reconsider, NULL,
     "reconsider", .inputs = in_reconsider, .effect = effect_reconsider},
    FOLLOW_UP("sent"),
    FOLLOW_UP("received"),
    FOLLOW_UP("filed"),
    FOLLOW_UP("declined"),
    {"filed", "close", "closed", "办结", PERM_CASE_HANDLE, guard_close, NULL, NULL,
     .inputs = in_close, .effect = effect_close},
    {"declined", "close", "closed", "办结", PERM_CASE_HANDLE, guard_close, NULL, NULL,
     .inputs = in_close, .effect = effect_close},
};
#undef DOCS
#undef FOLLOW_UP

const struct workflow referral_workflow = {.kind = "referral",
                                           .table = "case_referral",
                                           .states = states,
                                           .nstates = countof(states),
                                           .steps = steps,
                                           .nsteps = countof(steps),
                                           .start_label = "报告",
                                           .line_column = "line"};

/* ---- the report ----------------------------------------------------------------------------- */

/* The persons of referral id sealed (their ID numbers). */
static int insert_persons(struct ctx *c, int64_t id, json_t *persons, struct err *e)
{
    if (!seal_ready())
        return err_set(
            e, ERR_INTERNAL,
            "服务器未配置数据密钥，不能保存涉案人员的身份证号码（见 docs/operations.md）");
    size_t i;
    json_t *p;
    json_array_foreach(persons, i, p)
    {
        char *sealed = seal_text(json_string_value(json_object_get(p, "id_number")));
        int rc = sealed ? 0 : err_set(e, ERR_INTERNAL, "身份证号码加密失败");
        if (!rc && db_exec(c->db, e,
                           "INSERT INTO case_referral_person (referral_id, name, id_number)"
                           " VALUES (?, ?, ?)",
                           "itt", id, json_string_value(json_object_get(p, "name")), sealed) < 0)
            rc = e->code;
        free(sealed);
        if (rc) return rc;
    }
    return 0;
}

static int insert(struct ctx *c, int64_t case_id, const struct case_facts *f,
                  const struct referral_input *in, const char *goods, const char *day, int64_t *id,
                  struct err *e)
{
    struct db_stmt *st = db_query(
        c->db, e,
        "INSERT INTO case_referral (agency_id, case_id, line, state, crime, facts, organ, goods,"
        " reported_on, reported_by, created_at, updated_at)"
        " VALUES (?, ?, ?, 'reported', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        "iitttttt"
        "Iii",
        f->agency, case_id, f->line, in->crime, in->facts, in->organ, goods, day, c->who->user_id,
        c->now, c->now);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_INTERNAL, "登记失败");
}

static int add_in(struct ctx *c, int64_t case_id, const struct referral_input *in, json_t *persons,
                  const char *goods, const char *day, int64_t *id, struct err *e)
{
    struct case_facts f = {0};
    int rc = case_facts_read(c, case_id, &f, e);
    if (!rc) rc = guard_case(&f, e);
    if (!rc)
        rc = field_day_in(day, "reported_on", date_from_instant(c->now), f.filed, "立案日期", e);
    if (!rc) rc = insert(c, case_id, &f, in, goods, day, id, e);
    if (!rc) rc = insert_persons(c, *id, persons, e);
    struct wf_args a = {.date = day};
    if (!rc) rc = wf_start(c, &referral_workflow, *id, &deadline_approve, &a, e);
    if (!rc)
        rc = audit_write(c, "referral.create", "referral", *id,
                         "报告移送涉嫌犯罪案件（案件 %lld）：涉嫌%s，%zu 人，移送%s",
                         (long long)case_id, in->crime, json_array_size(persons), in->organ);
    return rc;
}

int referral_add(struct ctx *c, int64_t case_id, const struct referral_input *in, int64_t *id,
                 struct err *e)
{
    if (referral_check(in, e)) return e->code;
    json_t *persons = referral_persons(in->persons, e);
    char *goods = persons ? goods_json(in->goods, e) : NULL;
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    const char *day = str_blank(in->reported_on) ? today : in->reported_on;
    int rc = goods ? db_begin(c->db, e) : e->code;
    if (!rc) {
        rc = add_in(c, case_id, in, persons, goods, day, id, e);
        if (rc)
            db_rollback(c->db);
        else
            rc = db_commit(c->db, e);
    }
    json_decref(persons);
    free(goods);
    return rc;
}

/* ---- the area's tables (law/area.h) --------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"case_referral",
     "涉嫌犯罪案件移送",
     true,
     "id",
     {{"agency_id", "agency", REF_ID},
      {"case_id", "penalty_case", REF_ID},
      {"reported_by", "app_user", REF_ID},
      {"approved_by", "app_user", REF_ID}}},
    {"case_referral_person",
     "移送的涉案人员",
     true,
     "id",
     {{"referral_id", "case_referral", REF_ID}}},
};

const struct law_area law_area_referrals = {
    "referrals", tables, countof(tables), NULL, 0, &referral_workflow, &referral_documents};
