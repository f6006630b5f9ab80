/* disclosure.c — information disclosure requests (依申请公开): their workflow under
 * 政府信息公开条例, declared as data, and registration. Reading them is disclosure_read.c;
 * figures disclosure_stats.c. */
#include "law/area.h"
#include "base/jpack.h"
#include "law/disclosure.h"
#include "law/audit.h"
#include "law/intake.h"
#include "law/field.h"
#include "base/calendar.h"
#include "base/codes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- codes ---------------------------------------------------------------------------------- */

static const struct wf_option channels[] = {{"in_person", "当面提交"},    {"post", "邮寄"},
                                            {"online", "网络（互联网）"}, {"fax", "传真"},
                                            {"email", "电子邮件"},        {NULL, NULL}};
/* 第三十六条、第三十七条: the kinds of answer */
static const struct wf_option answers[] = {
    {"published", "已主动公开"},
    {"disclose", "予以公开"},
    {"partial", "部分公开"},
    {"withhold", "不予公开"},
    {"not_exist", "信息不存在（无法提供）"},
    {"not_ours", "非本机关负责公开"},
    {"repeat", "重复申请"},
    {"not_handled", "不予处理"},
    {NULL, NULL},
};
/* 第十四条、第十五条、第十六条: the grounds of withholding; 第三十八条、第三十九条: of not handling
 */
static const struct wf_option reasons[] = {
    {"state_secret", "属于国家秘密（第十四条）"},
    {"law_forbids", "法律、行政法规禁止公开（第十四条）"},
    {"security", "公开后可能危及国家安全、公共安全、经济安全、社会稳定（第十四条）"},
    {"third_party", "涉及商业秘密、个人隐私等，公开会损害第三方合法权益（第十五条）"},
    {"internal", "内部事务信息（第十六条）"},
    {"process", "过程性信息（第十六条）"},
    {"case_file", "行政执法案卷信息（第十六条）"},
    {"petition_like", "以政府信息公开申请形式进行信访、投诉、举报（第三十九条）"},
    {"publication", "要求提供公开出版物（第三十九条）"},
    {"processing", "需要对现有政府信息加工、分析（第三十八条）"},
    {NULL, NULL},
};
static const char *const withhold_codes[] = {"state_secret", "law_forbids", "security",
                                             "third_party",  "internal",    "process",
                                             "case_file",    NULL};

const char *disclosure_channel_label(const char *code)
{
    return wf_option_label(channels, code);
}

const char *disclosure_answer_label(const char *code)
{
    return wf_option_label(answers, code);
}

json_t *disclosure_channel_options(const char *selected)
{
    return wf_options_json(channels, selected);
}

json_t *disclosure_answer_options(const char *selected)
{
    return wf_options_json(answers, selected);
}

static const char *disclosure_reason_label(const char *code)
{
    return wf_option_label(reasons, code);
}

/* ---- helpers -------------------------------------------------------------------------------- */

/* The text of one column of request id (arena), or NULL. column: a trusted identifier. */
static const char *get_text(struct ctx *c, int64_t id, const char *column, struct err *e)
{
    const char *sql =
        arena_printf(c->arena, "SELECT %s FROM disclosure_request WHERE id = ?", column);
    struct db_stmt *st = db_query(c->db, e, sql, "i", id);
    if (!st) return NULL;
    const char *v = NULL;
    if (db_step(st, e) == DB_ROW && !db_null(st, 0)) v = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    return v;
}

/* Whether request id has a step named action. */
static int has_step(struct ctx *c, int64_t id, const char *action, struct err *e)
{
    return db_exists(c->db, e,
                     "SELECT 1 FROM wf_step WHERE kind = 'disclosure' AND object_id = ?"
                     " AND action = ?",
                     "it", id, action);
}

/* ---- guards --------------------------------------------------------------------------------- */

/* [R-DIS-02] 《政府信息公开条例》第三十条: correction is asked for once, within 7 working days of
 * receipt. */
static int guard_correction(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int again = has_step(c, id, "request_correction", e);
    if (again < 0) return again;
    if (again)
        return err_set(e, ERR_INVALID,
                       "补正只能一次性告知，不得再次要求补正（《政府信息公开条例》第三十条）");
    const char *received = get_text(c, id, "received_on", e);
    day_t from, on, last;
    if (e->code) return e->code;
    if (!received || date_parse(received, &from)) return err_set(e, ERR_INTERNAL, "收到日期无效");
    if (date_parse(wf_date(c, a), &on)) return err_field(e, "date", "日期格式应为 YYYY-MM-DD");
    if (on < from) return err_field(e, "date", "告知日期不能早于收到申请日期 %s", received);
    bool provisional;
    if (wf_count(c->cal, DISCLOSURE_CORRECTION_DAYS, true, from, &last, &provisional, e))
        return e->code;
    char l[DATE_STRLEN];
    date_format(last, l);
    if (on > last)
        return err_set(e, ERR_INVALID,
                       "应当自收到申请之日起%d个工作日内一次性告知补正（《政府信息公开条例》"
                       "第三十条，截至 %s），已超过期限",
                       DISCLOSURE_CORRECTION_DAYS, l);
    return 0;
}

/* [R-DIS-03] 《政府信息公开条例》第三十三条: extended once, by at most 20 working days. */
static int guard_extend(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int64_t days;
    if (parse_i64(wf_arg(a, "days"), &days) || days <= 0)
        return err_field(e, "days", "延长天数应为正整数");
    if (days > DISCLOSURE_EXTEND_MAX)
        return err_field(e, "days",
                         "延长答复的期限最长不得超过%d个工作日（《政府信息公开条例》第三十三条）",
                         DISCLOSURE_EXTEND_MAX);
    int again = has_step(c, id, "extend", e);
    if (again < 0) return again;
    if (again)
        return err_set(e, ERR_INVALID,
                       "答复期限已经延长过一次，不得再次延长（《政府信息公开条例》第三十三条）");
    return 0;
}

/* [R-DIS-04] 第三十二条: a third party has 15 working days to give its opinion; past them the
 * agency decides without it, so the time not counted ends on their last day at the latest. */
static int guard_consulted(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    const char *due = NULL;
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT due_on FROM wf_deadline WHERE kind = 'disclosure'"
                 " AND object_id = ? AND name = 'third_party' AND ended_on IS NULL",
                 "i", id);
    if (st && db_step(st, e) == DB_ROW) due = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    if (e->code || !due) return e->code;
    if (strcmp(wf_date(c, a), due) > 0)
        return err_field(
            e, "date",
            "第三方提出意见的期限截至 %s（第三十二条：%d个工作日），不计入答复期限的时间"
            "不能超过该日",
            due, DISCLOSURE_THIRD_PARTY_DAYS);
    return 0;
}

/* [R-DIS-05] 第三十六条第（三）项: a withholding states its statutory ground (第十四条至第十六条).
 */
static int guard_withhold(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)c;
    (void)id;
    for (const char *const *k = withhold_codes; *k; k++)
        if (a->reason && strcmp(a->reason, *k) == 0) return 0;
    return err_field(e, "reason",
                     "不予公开应当告知理由：请选择第十四条、第十五条或第十六条规定的情形"
                     "（《政府信息公开条例》第三十六条）");
}

/* [R-DIS-05] 第三十八条、第三十九条: not handled only on those grounds. */
static int guard_not_handled(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)c;
    (void)id;
    static const char *const ok[] = {"petition_like", "publication", "processing", NULL};
    for (const char *const *k = ok; *k; k++)
        if (a->reason && strcmp(a->reason, *k) == 0) return 0;
    return err_field(e, "reason",
                     "不予处理的情形应为第三十八条或第三十九条规定的情形（《政府信息公开条例》）");
}

/* ---- effects -------------------------------------------------------------------------------- */

static int effect_extend(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    (void)id;
    (void)e;
    a->reason = arena_printf(c->arena, "延长 %s 个工作日", wf_arg(a, "days"));
    return 0;
}

static int effect_correct(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return db_exec(c->db, e,
                   "UPDATE disclosure_request SET corrected_on = ?, updated_at = ? WHERE id = ?",
                   "tii", wf_date(c, a), c->now, id) < 0
               ? e->code
               : 0;
}

static int effect_consult(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    (void)id;
    (void)e;
    a->reason = arena_printf(c->arena, "征求 %s 的意见，答复期限暂停计算", wf_arg(a, "party"));
    return 0;
}

/* A text argument, or NULL when blank. */
static struct db_arg text_or_null(const char *v)
{
    if (str_blank(v)) return (struct db_arg){.type = 'n'};
    return (struct db_arg){.type = 't', .s = v};
}

/* Record an answer of kind type: its text, ground, the body named, its day. */
static int answer_as(struct ctx *c, int64_t id, struct wf_args *a, const char *type, struct err *e)
{
    const char *body = wf_arg(a, "body");
    if (body) a->reason = arena_printf(c->arena, "由 %s 负责公开", body);
    struct db_arg args[] = {
        {.type = 't', .s = type},
        text_or_null(wf_arg(a, "answer")),
        text_or_null(body ? NULL : a->reason),
        text_or_null(body),
        {.type = 't', .s = wf_date(c, a)},
        {.type = 'i', .i = c->now},
        {.type = 'i', .i = id},
    };
    struct db_stmt *st = db_query_args(c->db, e,
                                       "UPDATE disclosure_request SET answer_type = ?, answer = ?,"
                                       " reason = ?, body = ?, answered_on = ?, updated_at = ?"
                                       " WHERE id = ?",
                                       (int)countof(args), args);
    int rc = st ? db_step(st, e) : e->code;
    db_done(st);
    return rc < 0 ? rc : e->code;
}

#define ANSWER_EFFECT(type)                                                                        \
    static int effect_##type(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)          \
    {                                                                                              \
        return answer_as(c, id, a, #type, e);                                                      \
    }
ANSWER_EFFECT(published)
ANSWER_EFFECT(disclose)
ANSWER_EFFECT(partial)
ANSWER_EFFECT(withhold)
ANSWER_EFFECT(not_exist)
ANSWER_EFFECT(not_ours)
ANSWER_EFFECT(repeat)
ANSWER_EFFECT(not_handled)
#undef ANSWER_EFFECT

/* ---- the workflow --------------------------------------------------------------------------- */

static const struct wf_state states[] = {
    {"registered", "办理中", false},     {"correcting", "待补正", false},
    {"consulting", "征求意见中", false}, {"answered", "已答复", true},
    {"abandoned", "视为放弃申请", true},
};

/* [R-DIS-01] answered within 20 working days of receipt (第三十三条); fixed by the law. */
const struct wf_deadline_rule disclosure_deadline_answer = {
    "answer", "答复期限", DISCLOSURE_ANSWER_DAYS, true, DISCLOSURE_ANSWER_BASIS, NULL};
/* [R-DIS-04] the third party's opinion within 15 working days (第三十二条) */
static const struct wf_deadline_rule deadline_third_party = {
    "third_party", "第三方提出意见期限",         DISCLOSURE_THIRD_PARTY_DAYS,
    true,          DISCLOSURE_THIRD_PARTY_BASIS, NULL};

#define END                                                                                        \
    {                                                                                              \
        NULL, NULL, 0, false, 0, NULL                                                              \
    }
static const struct wf_input in_correction[] = {
    {"note", "需要补正的事项（一次性告知）", WF_TEXT, true, 1000, NULL},
    {"date", "告知日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_correct[] = {
    {"note", "补正内容", WF_TEXT, false, 1000, NULL},
    {"date", "收到补正日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_abandon[] = {
    {"note", "说明（申请人无正当理由逾期不补正）", WF_TEXT, false, 500, NULL},
    {"date", "日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_extend[] = {
    {"days", "延长工作日数（不超过20个工作日）", WF_TEXT, true, 2, NULL},
    {"note", "延期理由（告知申请人）", WF_TEXT, true, 500, NULL},
    {"date", "批准日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_consult[] = {
    {"party", "征求意见的第三方", WF_TEXT, true, 100, NULL},
    {"note", "征求意见事项", WF_TEXT, false, 500, NULL},
    {"date", "发出征求意见书日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_consult_agency[] = {
    {"party", "征求意见的机关", WF_TEXT, true, 100, NULL},
    {"note", "征求意见事项", WF_TEXT, false, 500, NULL},
    {"date", "发出征求意见日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_consulted[] = {
    {"note", "第三方意见", WF_TEXT, false, 1000, NULL},
    {"date", "收到意见或期满日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_answer[] = {
    {"answer", "答复内容", WF_TEXT, true, 4000, NULL},
    {"date", "答复日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_answer_reason[] = {
    {"reason", "理由（法定情形）", WF_CODE, true, 0, reasons},
    {"answer", "答复内容（说明理由）", WF_TEXT, true, 4000, NULL},
    {"date", "答复日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_not_ours[] = {
    {"body", "负责公开该信息的机关", WF_TEXT, true, 100, NULL},
    {"answer", "答复内容（告知联系方式）", WF_TEXT, false, 4000, NULL},
    {"date", "答复日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_answer_note[] = {
    {"answer", "答复内容", WF_TEXT, false, 4000, NULL},
    {"date", "答复日期", WF_DATE, false, 0, NULL},
    END,
};
#undef END

#define DOCS(...) ((const char *const[]){__VA_ARGS__, NULL})
/* [R-DIS-05] an answer of each kind of 第三十六条/第三十七条, with its document; it meets the
 * 答复期限 and closes the request */
#define ANSWER(action, label, in, g, doc)                                                          \
    {                                                                                              \
        "registered", "answer_" #action, "answered", label, PERM_DISCLOSURE_HANDLE, g, NULL,       \
            "answer", .inputs = in, .effect = effect_##action, .documents = DOCS(doc),             \
                      .audit = "disclosure.answer",                                                \
                      .confirm = "答复后该申请即办结。确定出具答复书？"          \
    }

static const struct wf_transition steps[] = {
    {"registered", "request_correction", "correcting", "告知补正", PERM_DISCLOSURE_HANDLE,
     guard_correction, NULL, NULL, .inputs = in_correction, .restarts = "answer",
     .documents = DOCS("disclosure_correction"),
     .confirm = "补正只能一次性告知，答复期限自收到补正的申请之日起重新计算。确定告知补正？"},
    {"correcting", "correct", "registered", "收到补正", PERM_DISCLOSURE_HANDLE, NULL,
     &disclosure_deadline_answer, NULL, .inputs = in_correct, .effect = effect_correct},
    {"correcting", "abandon", "abandoned", "逾期未补正，视为放弃", PERM_DISCLOSURE_HANDLE, NULL,
     NULL, NULL, .inputs = in_abandon, .confirm = "视为放弃申请后该件即终结。确定？"},
    {"registered", "extend", "registered", "延期答复", PERM_DISCLOSURE_APPROVE, guard_extend, NULL,
     NULL, .inputs = in_extend, .effect = effect_extend, .documents = DOCS("disclosure_extension"),
     .extends = "answer", .confirm = "答复期限只能延长一次。确定批准延期并告知申请人？"},
    /* [R-DIS-04] 第三十四条: the consultation's working days are not counted; a third party has
     * 15 working days (第三十二条) */
    {"registered", "consult", "consulting", "征求第三方意见", PERM_DISCLOSURE_HANDLE, NULL,
     &deadline_third_party, NULL, .inputs = in_consult, .effect = effect_consult,
     .documents = DOCS("disclosure_consultation"), .pauses = "answer"},
    {"registered", "consult_agency", "consulting", "征求其他机关意见", PERM_DISCLOSURE_HANDLE, NULL,
     NULL, NULL, .inputs = in_consult_agency, .effect = effect_consult,
     .documents = DOCS("disclosure_consultation"), .pauses = "answer"},
    {"consulting", "consulted", "registered", "征求意见结束", PERM_DISCLOSURE_HANDLE,
     guard_consulted, NULL, "third_party", .inputs = in_consulted, .resumes = "answer"},
    ANSWER(published, "答复：已主动公开", in_answer, NULL, "disclosure_answer"),
    ANSWER(disclose, "答复：予以公开", in_answer, NULL, "disclosure_answer"),
    ANSWER(partial, "答复：部分公开", in_answer_reason, guard_withhold, "disclosure_answer"),
    ANSWER(withhold, "答复：不予公开", in_answer_reason, guard_withhold, "disclosure_refusal"),
    ANSWER(not_exist, "答复：信息不存在", in_answer, NULL, "disclosure_answer"),
    ANSWER(not_ours, "答复：非本机关负责公开", in_not_ours, NULL, "disclosure_answer"),
    ANSWER(repeat, "答复：重复申请", in_answer_note, NULL, "disclosure_answer"),
    ANSWER(not_handled, "答复：不予处理", in_answer_reason, guard_not_handled, "disclosure_answer"),
};
#undef ANSWER
#undef DOCS

const struct workflow disclosure_workflow = {.kind = "disclosure",
                                             .table = "disclosure_request",
                                             .states = states,
                                             .nstates = countof(states),
                                             .steps = steps,
                                             .nsteps = countof(steps),
                                             .reason_label = disclosure_reason_label};

/* ---- registration --------------------------------------------------------------------------- */

int disclosure_check(const struct disclosure_input *in, struct err *e)
{
    if (!disclosure_channel_label(in->channel)) err_field(e, "channel", "请选择申请方式");
    field_text(in->content, "content", "申请公开的政府信息", true, 4000, e);
    field_text(in->purpose, "purpose", "用途", false, 500, e);
    day_t d;
    field_date(in->received_on, "received_on", "收到申请日期", false, &d, e);
    field_text(in->name, "name", "申请人姓名或者名称", true, 100, e);
    field_phone(in->phone, "phone", e);
    if (str_blank(in->phone)) err_field(e, "phone", "请填写联系电话");
    if (!str_blank(in->id_number)) field_text(in->id_number, "id_number", "证件号码", false, 30, e);
    field_text(in->address, "address", "联系地址", false, 200, e);
    return e->code;
}

static int insert(struct ctx *c, const struct disclosure_input *in, int64_t agency, const char *num,
                  const char *day, const char *sealed, int64_t *id, struct err *e)
{
    struct db_arg args[] = {
        {.type = 'i', .i = agency},
        {.type = 't', .s = num},
        {.type = 't', .s = in->channel},
        {.type = 't', .s = day},
        {.type = 't', .s = in->content},
        text_or_null(in->purpose),
        {.type = 't', .s = sealed},
        c->who->user_id ? (struct db_arg){.type = 'i', .i = c->who->user_id}
                        : (struct db_arg){.type = 'n'},
        {.type = 'i', .i = c->now},
        {.type = 'i', .i = c->now},
    };
    struct db_stmt *st = db_query_args(
        c->db, e,
        "INSERT INTO disclosure_request (agency_id, number, channel, received_on, content,"
        " purpose, applicant, created_by, created_at, updated_at, state)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered') RETURNING id",
        (int)countof(args), args);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_INTERNAL, "登记失败");
}

int disclosure_add(struct ctx *c, const struct disclosure_input *in, int64_t *id, struct err *e)
{
    if (disclosure_check(in, e)) return e->code;
    const char *day, *sealed = NULL, *num = NULL;
    int64_t agency;
    struct person p = {in->name, in->phone, in->id_number, in->address};
    /* [R-DIS-06] the applicant's identity and contact as one sealed value */
    int rc = intake_day(c, in->received_on, "收到申请日期", &day, e);
    if (!rc) rc = intake_seal(c, &p, "申请人", "docs/disclosure.md", &sealed, e);
    if (!rc) rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = intake_agency(c, in->agency_code, &agency, e);
    if (!rc) rc = intake_number(c, "disclosure", "依申", agency, day, &num, e);
    if (!rc) rc = insert(c, in, agency, num, day, sealed, id, e);
    struct wf_args a = {.date = day};
    if (!rc) rc = wf_start(c, &disclosure_workflow, *id, &disclosure_deadline_answer, &a, e);
    /* [R-DIS-06] the summary names no applicant: the audit trail is read more widely */
    if (!rc)
        rc = audit_write(c, "disclosure.create", "disclosure", *id, "登记政府信息公开申请 %s（%s）",
                         num, disclosure_channel_label(in->channel));
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* ---- the area's tables (law/area.h) --------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"disclosure_request",
     "政府信息公开申请",
     true,
     "id",
     {{"agency_id", "agency", REF_ID}, {"created_by", "app_user", REF_ID}}},
};

const struct law_area law_area_disclosures = {
    "disclosures", tables, countof(tables), NULL, 0, &disclosure_workflow, &disclosure_documents};
