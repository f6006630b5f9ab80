/* complaint.c — complaints and reports (投诉举报): their workflow, declared as data, and intake
 * from a clerk or the public. Reading them is complaint_read.c; figures complaint_stats.c. */
#include "law/area.h"
#include "base/crypto.h"
#include "base/jpack.h"
#include "law/complaint.h"
#include "law/intake.h"
#include "law/audit.h"
#include "law/catalog.h"
#include "law/field.h"
#include "law/setting.h"
#include "base/codes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- codes ---------------------------------------------------------------------------------- */

static const struct wf_option results[] = {
    {"substantiated", "属实"},    {"partly", "部分属实"}, {"unsubstantiated", "不属实"},
    {"unverifiable", "无法核实"}, {NULL, NULL},
};
static const struct wf_option measures[] = {
    {"rectify", "责令整改"},
    {"advice", "出具卫生监督意见书"},
    {"case", "建议立案查处"},
    {"none", "无需处理"},
    {NULL, NULL},
};
static const struct wf_option satisfactions[] = {
    {"satisfied", "满意"}, {"fairly", "基本满意"}, {"dissatisfied", "不满意"}, {NULL, NULL}};
static const struct wf_option refusals[] = {
    {"not_ours", "不属于本机关职责"},
    {"no_facts", "无具体违法事实或线索"},
    {"other_procedure", "已经或应当通过诉讼、仲裁、复议等途径解决"},
    {"repeated", "重复投诉且无新的事实"},
    {"other", "其他"},
    {NULL, NULL},
};

const char *complaint_result_label(const char *code)
{
    return wf_option_label(results, code);
}

const char *complaint_measure_label(const char *code)
{
    return wf_option_label(measures, code);
}

const char *complaint_satisfaction_label(const char *code)
{
    return wf_option_label(satisfactions, code);
}

static const char *refusal_label(const char *code)
{
    return wf_option_label(refusals, code);
}

/* ---- guards --------------------------------------------------------------------------------- */

/* [R-CMP-03] The handler: an active account of the complaint's agency subtree holding the
 * officer role, and not the officer complained about. */
static int guard_assign(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    const char *username = wf_arg(a, "handler");
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT u.id, COALESCE(u.officer_id, 0), x.officer_id, u.status,"
                 " (SELECT COUNT(*) FROM user_role r WHERE r.user_id = u.id AND r.role = 'officer')"
                 " FROM complaint x JOIN agency ca ON ca.id = x.agency_id, app_user u"
                 " JOIN agency ua ON ua.id = u.agency_id"
                 " WHERE x.id = ? AND u.username = ? AND ua.path LIKE ca.path || '%'",
                 "it", id, username);
    if (!st) return e->code;
    int rc = db_step(st, e);
    int64_t officer = rc == DB_ROW ? db_int(st, 1) : 0;
    int64_t subject = rc == DB_ROW && !db_null(st, 2) ? db_int(st, 2) : 0;
    bool active = rc == DB_ROW && strcmp(db_text(st, 3), "active") == 0;
    bool enforcer = rc == DB_ROW && db_int(st, 4) > 0;
    db_done(st);
    if (rc < 0) return rc;
    if (rc != DB_ROW || !active)
        return err_field(e, "handler", "承办人 %s 不存在、已停用或不在本机构及其下级", username);
    if (!enforcer) return err_field(e, "handler", "承办人须为执法人员");
    if (subject && officer == subject)
        return err_field(e, "handler", "投诉涉及该执法人员本人，不能由其承办（回避）");
    return 0;
}

/* [R-CMP-04] Only the assigned handler (or a leader of the agency) verifies and replies. */
static int guard_handler(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)a;
    if (c->who->user_id == 0 || (c->who->roles & (1u << ROLE_LEADER))) return 0;
    int64_t handler = 0;
    if (db_get_int(c->db, e, &handler, "SELECT COALESCE(handler_id, 0) FROM complaint WHERE id = ?",
                   "i", id))
        return e->code;
    if (handler != c->who->user_id)
        return err_set(e, ERR_FORBIDDEN, "只有该投诉举报的承办人或负责人可以办理此步骤");
    return 0;
}

/* The verification: its measures are known codes; a linked inspection is one of the agency's,
 * of the same entity when the complaint names one. */
static int guard_verify(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    if (guard_handler(c, id, a, e)) return e->code;
    const char *list = wf_arg(a, "measures"), *item;
    for (const char *p = list ? list : ""; *p;) {
        size_t len = csv_next(&p, &item);
        char code[32];
        snprintf(code, sizeof code, "%.*s", (int)(len < 31 ? len : 31), item);
        if (!complaint_measure_label(code))
            return err_field(e, "measures",
                             "处理措施应为责令整改、出具卫生监督意见书、建议立案查处或无需处理");
    }
    const char *insp = wf_arg(a, "inspection_id");
    int64_t iid;
    if (str_blank(insp)) return 0;
    if (parse_i64(insp, &iid) || iid <= 0) return err_field(e, "inspection_id", "检查记录编号无效");
    int ok = db_exists(c->db, e,
                       "SELECT 1 FROM inspection i, complaint x WHERE i.id = ? AND x.id = ?"
                       " AND i.agency_id IN (SELECT id FROM agency WHERE path LIKE"
                       " (SELECT path FROM agency WHERE id = x.agency_id) || '%')"
                       " AND (x.entity_id IS NULL OR i.entity_id = x.entity_id)",
                       "ii", iid, id);
    if (ok < 0) return ok;
    if (!ok)
        return err_field(e, "inspection_id",
                         "检查记录 %lld 不存在、不属于本机构或检查的不是被投诉单位",
                         (long long)iid);
    return 0;
}

/* [R-CMP-05] A complaint is rated once. */
static int guard_rate(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)a;
    int rated = db_exists(
        c->db, e, "SELECT 1 FROM complaint WHERE id = ? AND satisfaction IS NOT NULL", "i", id);
    if (rated < 0) return rated;
    return rated ? err_set(e, ERR_CONFLICT, "已记录满意度评价") : 0;
}

/* A duplicate is merged into an earlier complaint of the same agency that is not itself merged. */
static int guard_merge(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int64_t into;
    const char *v = wf_arg(a, "into");
    if (parse_i64(v, &into) || into <= 0 || into == id)
        return err_field(e, "into", "请填写要并入的投诉举报编号（另一件）");
    int ok = db_exists(c->db, e,
                       "SELECT 1 FROM complaint o, complaint x WHERE o.id = ? AND x.id = ?"
                       " AND o.agency_id = x.agency_id AND o.state NOT IN"
                       " ('merged', 'refused', 'transferred')",
                       "ii", into, id);
    if (ok < 0) return ok;
    return ok ? 0
              : err_field(e, "into", "投诉举报 %lld 不存在、不属于同一机构或已办结以外的终结状态",
                          (long long)into);
}

/* ---- effects -------------------------------------------------------------------------------- */

static int effect_assign(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    int64_t user = 0;
    if (db_get_int(c->db, e, &user, "SELECT id FROM app_user WHERE username = ?", "t",
                   wf_arg(a, "handler")))
        return e->code;
    a->reason = arena_printf(c->arena, "承办人 %s", wf_arg(a, "handler"));
    return db_exec(c->db, e, "UPDATE complaint SET handler_id = ?, updated_at = ? WHERE id = ?",
                   "iii", user, c->now, id) < 0
               ? e->code
               : 0;
}

static int effect_verify(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    const char *insp = wf_arg(a, "inspection_id");
    int64_t iid = 0;
    if (!str_blank(insp)) parse_i64(insp, &iid);
    a->reason = arena_strdup(c->arena, complaint_result_label(wf_arg(a, "result")));
    const char *m = wf_arg(a, "measures");
    return db_exec(c->db, e,
                   "UPDATE complaint SET result = ?, measures = ?, inspection_id = ?,"
                   " updated_at = ? WHERE id = ?",
                   "ttIii", wf_arg(a, "result"), str_blank(m) ? NULL : m, iid, c->now, id) < 0
               ? e->code
               : 0;
}

/* The reply: the day it is given (the step's date), also for the complaints merged into this one.
 */
static int effect_reply(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    const char *day = str_blank(a->date) ? today : a->date;
    return db_exec(c->db, e,
                   "UPDATE complaint SET reply = ?, replied_on = ?, updated_at = ?"
                   " WHERE id = ? OR merged_into = ?",
                   "ttiii", wf_arg(a, "reply"), day, c->now, id, id) < 0
               ? e->code
               : 0;
}

static int effect_close(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    const char *day = str_blank(a->date) ? today : a->date;
    return db_exec(c->db, e, "UPDATE complaint SET closed_on = ?, updated_at = ? WHERE id = ?",
                   "tii", day, c->now, id) < 0
               ? e->code
               : 0;
}

static int effect_rate(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    a->reason = arena_strdup(c->arena, complaint_satisfaction_label(wf_arg(a, "satisfaction")));
    return db_exec(c->db, e, "UPDATE complaint SET satisfaction = ?, updated_at = ? WHERE id = ?",
                   "tii", wf_arg(a, "satisfaction"), c->now, id) < 0
               ? e->code
               : 0;
}

static int effect_merge(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    int64_t into = 0;
    parse_i64(wf_arg(a, "into"), &into);
    a->reason = arena_printf(c->arena, "并入第 %lld 件", (long long)into);
    return db_exec(c->db, e, "UPDATE complaint SET merged_into = ?, updated_at = ? WHERE id = ?",
                   "iii", into, c->now, id) < 0
               ? e->code
               : 0;
}

/* ---- the workflow --------------------------------------------------------------------------- */

static const struct wf_state states[] = {
    {"received", "待受理", false}, {"accepted", "已受理", false},   {"handling", "办理中", false},
    {"verified", "已核实", false}, {"replied", "已答复", false},    {"closed", "已办结", true},
    {"refused", "不予受理", true}, {"transferred", "已转办", true}, {"merged", "已合并", true},
};

/* [R-CMP-01] whether it is accepted, decided within the 受理期限 */
const struct wf_deadline_rule complaint_deadline_decide = {"decide",
                                                           "受理期限",
                                                           COMPLAINT_DECIDE_DAYS,
                                                           false,
                                                           COMPLAINT_DECIDE_BASIS,
                                                           .setting = "complaint.decide_days"};
/* [R-CMP-02] handled and answered within the 办理期限 from 受理 */
static const struct wf_deadline_rule deadline_handle = {"handle",
                                                        "办理期限",
                                                        COMPLAINT_HANDLE_DAYS,
                                                        false,
                                                        COMPLAINT_HANDLE_BASIS,
                                                        .setting = "complaint.handle_days"};

#define END                                                                                        \
    {                                                                                              \
        NULL, NULL, 0, false, 0, NULL                                                              \
    }
static const struct wf_input in_date[] = {{"date", "日期", WF_DATE, false, 0, NULL}, END};
static const struct wf_input in_refuse[] = {
    {"reason", "不予受理理由", WF_CODE, true, 0, refusals},
    {"note", "说明", WF_TEXT, false, 500, NULL},
    {"date", "决定日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_transfer[] = {
    {"reason", "转办机关", WF_TEXT, true, 100, NULL},
    {"note", "转办说明", WF_TEXT, false, 500, NULL},
    {"date", "转办日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_assign[] = {
    {"handler", "承办人（用户名）", WF_TEXT, true, 32, NULL},
    {"note", "交办意见", WF_TEXT, false, 500, NULL},
    END,
};
static const struct wf_input in_verify[] = {
    {"result", "核查结果", WF_CODE, true, 0, results},
    {"measures", "处理措施（可多项，逗号分隔）", WF_TEXT, false, 100, NULL},
    {"inspection_id", "核查的检查记录编号", WF_TEXT, false, 20, NULL},
    {"note", "核查情况", WF_TEXT, true, 2000, NULL},
    {"date", "核查日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_reply[] = {
    {"reply", "答复内容", WF_TEXT, true, 2000, NULL},
    {"date", "答复日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_rate[] = {
    {"satisfaction", "满意度", WF_CODE, true, 0, satisfactions},
    END,
};
static const struct wf_input in_merge[] = {
    {"into", "并入的投诉举报（编号）", WF_TEXT, true, 20, NULL},
    {"note", "说明", WF_TEXT, false, 500, NULL},
    END,
};
#undef END

static const char *const reply_docs[] = {"complaint_reply", NULL};

static const struct wf_transition steps[] = {
    {"received", "accept", "accepted", "受理", PERM_COMPLAINT_DECIDE, NULL, &deadline_handle,
     "decide", .inputs = in_date},
    {"received", "refuse", "refused", "不予受理", PERM_COMPLAINT_DECIDE, NULL, NULL, "decide",
     .inputs = in_refuse, .confirm = "不予受理后该件即终结。确定不予受理？"},
    {"received", "transfer", "transferred", "转办", PERM_COMPLAINT_DECIDE, NULL, NULL, "decide",
     .inputs = in_transfer, .confirm = "转办后该件在本机关即终结。确定转办？"},
    {"received", "merge", "merged", "合并重复件", PERM_COMPLAINT_DECIDE, guard_merge, NULL,
     "decide", .inputs = in_merge, .effect = effect_merge,
     .confirm = "合并后本件随所并入的一件答复，两位投诉人都能看到答复。确定合并？"},
    {"accepted", "assign", "handling", "交办", PERM_COMPLAINT_DECIDE, guard_assign, NULL, NULL,
     .inputs = in_assign, .effect = effect_assign},
    {"handling", "assign", "handling", "改派", PERM_COMPLAINT_DECIDE, guard_assign, NULL, NULL,
     .inputs = in_assign, .effect = effect_assign},
    {"handling", "verify", "verified", "录入核查结果", PERM_COMPLAINT_HANDLE, guard_verify, NULL,
     NULL, .inputs = in_verify, .effect = effect_verify},
    {"verified", "reply", "replied", "答复投诉人", PERM_COMPLAINT_HANDLE, guard_handler, NULL,
     "handle", .inputs = in_reply, .effect = effect_reply, .documents = reply_docs,
     .confirm = "答复将通过查询码向投诉人公开。确定答复？"},
    {"replied", "close", "closed", "办结", PERM_COMPLAINT_DECIDE, NULL, NULL, NULL,
     .inputs = in_date, .effect = effect_close},
    {"closed", "rate", "closed", "记录满意度", PERM_COMPLAINT_INTAKE, guard_rate, NULL, NULL,
     .inputs = in_rate, .effect = effect_rate},
};

static const char *complaint_reason_label(const char *code)
{
    const char *l = refusal_label(code);
    return l ? l : complaint_result_label(code);
}

/* A complaint handed to the actor is theirs to handle, though it belong to an agency above. */
static int complaint_in_reach(struct ctx *c, int64_t id, struct err *e)
{
    return db_exists(c->db, e, "SELECT 1 FROM complaint WHERE id = ? AND handler_id = ?", "ii", id,
                     c->who->user_id);
}

const struct workflow complaint_workflow = {.kind = "complaint",
                                            .table = "complaint",
                                            .states = states,
                                            .nstates = countof(states),
                                            .steps = steps,
                                            .nsteps = countof(steps),
                                            .reach = complaint_in_reach,
                                            .reason_label = complaint_reason_label,
                                            .line_column = "line"};

/* ---- intake --------------------------------------------------------------------------------- */

int complaint_check(const struct complaint_input *in, struct err *e)
{
    if (!catalog_has("complaint_channels", in->channel)) err_field(e, "channel", "请选择来源渠道");
    if (!catalog_has("lines", in->line)) err_field(e, "line", "请选择专业类别");
    if (!catalog_has("complaint_matters", in->matter)) err_field(e, "matter", "请选择反映事项");
    field_text(in->summary, "summary", "反映内容", true, 4000, e);
    day_t d;
    field_date(in->received_on, "received_on", "收到日期", false, &d, e);
    field_text(in->party_name, "party_name", "被投诉单位或个人", false, 100, e);
    field_text(in->party_address, "party_address", "地址", false, 200, e);
    field_text(in->external_no, "external_no", "工单号", false, 50, e);
    if (str_blank(in->entity_id) && str_blank(in->party_name))
        err_field(e, "party_name", "请选择被投诉的管理相对人，或填写被投诉单位或个人");
    if (in->anonymous) return e->code;
    field_text(in->name, "name", "投诉人姓名", true, 50, e);
    field_phone(in->phone, "phone", e);
    if (str_blank(in->phone)) err_field(e, "phone", "请填写联系电话，或选择匿名");
    if (!str_blank(in->id_number)) idcard_check(in->id_number, e, "id_number");
    field_text(in->address, "address", "联系地址", false, 200, e);
    return e->code;
}

/* [R-CMP-06] The complainant's identity and contact as one sealed value (NULL: anonymous). */
static int seal_complainant(struct ctx *c, const struct complaint_input *in, const char **out,
                            struct err *e)
{
    struct person p = {in->name, in->phone, in->id_number, in->address};
    *out = NULL;
    return in->anonymous ? 0 : intake_seal(c, &p, "投诉人", "docs/complaints.md", out, e);
}

/* A tracking code: ten characters without look-alikes (about 49 bits). */
static const char *new_tracking(struct ctx *c)
{
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    unsigned char raw[10];
    random_bytes(raw, sizeof raw);
    char *s = arena_alloc(c->arena, sizeof raw + 1);
    for (size_t i = 0; i < sizeof raw; i++)
        s[i] = alphabet[raw[i] % (sizeof alphabet - 1)];
    return s;
}

/* The receiving agency (in scope) and its id; the entity and officer named, if any. */
static int resolve(struct ctx *c, const struct complaint_input *in, int64_t *agency,
                   int64_t *entity, int64_t *officer, struct err *e)
{
    *entity = *officer = 0;
    if (intake_agency(c, in->agency_code, agency, e)) return e->code;
    if (!str_blank(in->entity_id) &&
        (parse_i64(in->entity_id, entity) ||
         db_get_int(c->db, e, entity, "SELECT id FROM entity WHERE id = ?", "i", *entity))) {
        err_clear(e);
        return err_field(e, "entity_id", "管理相对人不存在");
    }
    if (!str_blank(in->officer_cert) &&
        db_get_int(c->db, e, officer, "SELECT id FROM officer WHERE cert_no = ?", "t",
                   in->officer_cert)) {
        err_clear(e);
        return err_field(e, "officer_cert", "执法证号 %s 不存在", in->officer_cert);
    }
    return 0;
}

int complaint_add(struct ctx *c, const struct complaint_input *in, int64_t *id,
                  const char **tracking, struct err *e)
{
    if (complaint_check(in, e)) return e->code;
    const char *day, *sealed = NULL, *num = NULL;
    int64_t agency, entity, officer;
    int rc = intake_day(c, in->received_on, "收到日期", &day, e);
    if (!rc) rc = seal_complainant(c, in, &sealed, e);
    if (!rc) rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = resolve(c, in, &agency, &entity, &officer, e);
    if (!rc && !str_blank(in->external_no)) {
        int seen = db_exists(c->db, e,
                             "SELECT 1 FROM complaint WHERE agency_id = ? AND channel = ?"
                             " AND external_no = ?",
                             "itt", agency, in->channel, in->external_no);
        if (seen) rc = seen < 0 ? seen : err_field(e, "external_no", "该工单已登记过");
    }
    if (!rc) rc = intake_number(c, "complaint", "投诉", agency, day, &num, e);
    *tracking = new_tracking(c);
    struct db_arg args[] = {
        {.type = 'i', .i = agency},
        {.type = 't', .s = num},
        {.type = 't', .s = *tracking},
        {.type = 't', .s = in->channel},
        {.type = 't', .s = day},
        {.type = 't', .s = in->line},
        {.type = 't', .s = in->matter},
        {.type = 't', .s = in->summary},
        entity ? (struct db_arg){.type = 'i', .i = entity} : (struct db_arg){.type = 'n'},
        {.type = 't', .s = blank_to_null(in->party_name)},
        {.type = 't', .s = blank_to_null(in->party_address)},
        officer ? (struct db_arg){.type = 'i', .i = officer} : (struct db_arg){.type = 'n'},
        {.type = 'i', .i = in->anonymous},
        {.type = 't', .s = sealed},
        {.type = 't', .s = blank_to_null(in->external_no)},
        c->who->user_id ? (struct db_arg){.type = 'i', .i = c->who->user_id}
                        : (struct db_arg){.type = 'n'},
        {.type = 'i', .i = c->now},
        {.type = 'i', .i = c->now},
    };
    for (size_t i = 0; i < countof(args); i++)
        if (args[i].type == 't' && !args[i].s) args[i].type = 'n';
    if (!rc) {
        struct db_stmt *st = db_query_args(
            c->db, e,
            "INSERT INTO complaint (agency_id, number, tracking_code, channel, received_on, line,"
            " matter, summary, entity_id, party_name, party_address, officer_id, anonymous,"
            " complainant, external_no, created_by, created_at, updated_at, state)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received')"
            " RETURNING id",
            (int)countof(args), args);
        rc = st ? db_step(st, e) : e->code;
        if (rc == DB_ROW) *id = db_int(st, 0);
        db_done(st);
        rc = rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_INTERNAL, "登记失败");
    }
    struct wf_args a = {.date = day};
    if (!rc) rc = wf_start(c, &complaint_workflow, *id, &complaint_deadline_decide, &a, e);
    /* the summary names no complainant: the audit trail is read more widely than the record */
    if (!rc)
        rc = audit_write(c, "complaint.create", "complaint", *id, "登记投诉举报 %s（%s，%s）", num,
                         catalog_label("complaint_channels", in->channel),
                         catalog_label("lines", in->line));
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

int complaint_public_quota(struct ctx *c, const char *ip, struct err *e)
{
    int limit = 0;
    int64_t used = 0;
    int rc = setting_int(c, "public.submissions_per_day", &limit, e);
    if (!rc) rc = db_begin(c->db, e);
    if (rc) return rc;
    if (db_exec(c->db, e, "DELETE FROM public_submission WHERE at < ?", "i", c->now - 86400) < 0 ||
        db_get_int(c->db, e, &used, "SELECT COUNT(*) FROM public_submission WHERE ip = ?", "t",
                   ip)) {
        db_rollback(c->db);
        return e->code;
    }
    if (used >= limit) {
        db_rollback(c->db);
        return 0;
    }
    if (db_exec(c->db, e, "INSERT INTO public_submission (ip, at) VALUES (?, ?)", "ti", ip,
                c->now) < 0) {
        db_rollback(c->db);
        return e->code;
    }
    rc = db_commit(c->db, e);
    return rc ? rc : 1;
}

int complaint_rate_public(struct ctx *c, const char *code, const char *satisfaction, struct err *e)
{
    int64_t id = 0;
    if (str_blank(code) ||
        db_get_int(c->db, e, &id, "SELECT id FROM complaint WHERE tracking_code = ?", "t", code)) {
        err_clear(e);
        return err_set(e, ERR_NOTFOUND, "查询码不存在");
    }
    struct wf_args a = {0};
    wf_arg_set(&a, "satisfaction", satisfaction);
    return wf_apply(c, &complaint_workflow, id, "rate", &a, NULL, e);
}

/* ---- the area's tables (law/area.h) --------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"complaint",
     "投诉举报",
     true,
     "id",
     {{"agency_id", "agency", REF_ID},
      {"entity_id", "entity", REF_ID},
      {"officer_id", "officer", REF_ID},
      {"handler_id", "app_user", REF_ID},
      {"created_by", "app_user", REF_ID},
      {"inspection_id", "inspection", REF_ID},
      {"merged_into", "complaint", REF_LATE},
      {"petition_id", "petition", REF_LATE}}},
    {"import_mapping",
     "导入文件的列对应关系",
     false,
     "agency_id, kind",
     {{"agency_id", "agency", REF_ID}, {"updated_by", "app_user", REF_ID}}},
};

static const struct table_left left[] = {
    {"public_submission", "公开提交的限流记录，只保留一天", false},
    {"setting", "目标库有自己的设置", false},
    {"complaint_tally", "按机构、月份和分类的投诉举报计数：由触发器随迁入的记录累计", false},
};

const struct law_area law_area_complaints = {
    "complaints",        tables, countof(tables), left, countof(left), &complaint_workflow,
    &complaint_documents};
