/* publicity.c — the publicity queue (publicity.h): an item for each decision the public is to see,
 * made from its record and masked; the workflow that publishes, withholds, withdraws and repairs
 * it; the publication period by severity. */
#include "law/publicity.h"
#include "law/publicity_internal.h"
#include "base/date.h"
#include "base/jpack.h"
#include "base/util.h"
#include "law/area.h"
#include "law/audit.h"
#include "law/catalog.h"
#include "law/field.h"
#include "law/power.h"
#include "law/setting.h"

#include <string.h>

/* ---- the publication period (RULES.md §3) ---------------------------------------------------- */

/* [R-PUB-05] 《信用修复管理办法》: the tier of a penalty decision — 严重 for
 * 吊销许可、限制生产经营、 责令停产停业或关闭、限制从业; 一般 for 暂扣许可、降低资质、没收, or a
 * fine above the setting publicity.minor_fine_yuan; 轻微 for 警告、通报批评, a low fine and every
 * 简易程序 penalty. */
const char *publicity_severity(const char *types, int64_t fine, bool summary, int64_t minor_fine)
{
    static const char *const serious[] = {"licence_revocation", "closure", "practice_ban", NULL};
    static const char *const general[] = {"licence_suspension", "downgrade", "confiscation", NULL};
    for (const char *const *t = serious; *t; t++)
        if (csv_has(types, *t)) return "serious";
    if (summary) return "minor";
    for (const char *const *t = general; *t; t++)
        if (csv_has(types, *t)) return "general";
    return fine > minor_fine ? "general" : "minor";
}

/* The months of the period of severity (min and max), from the settings. */
static int period_months(struct ctx *c, const char *severity, int *min, int *max, struct err *e)
{
    const char *s = severity ? severity : "other";
    char kmin[64], kmax[64];
    snprintf(kmin, sizeof kmin, "publicity.%s_min_months", s);
    snprintf(kmax, sizeof kmax, "publicity.%s_max_months", s);
    if (setting_int(c, kmin, min, e) || setting_int(c, kmax, max, e)) return e->code;
    if (*min > *max) *min = *max; /* two settings changed apart: the maximum wins */
    return 0;
}

/* [R-PUB-06] the period counts from the decision's day: repair may be applied for from min_until;
 * publication ends by itself on max_until (发改委令第58号, 《信用修复管理办法》). */
static int period(struct ctx *c, const char *severity, const char *decided, char min_until[11],
                  char max_until[11], struct err *e)
{
    int min = 0, max = 0;
    day_t d;
    if (period_months(c, severity, &min, &max, e)) return e->code;
    if (date_parse(decided, &d)) return err_set(e, ERR_INTERNAL, "决定日期有误");
    date_format(date_add_months(d, min), min_until);
    date_format(date_add_months(d, max), max_until);
    return 0;
}

/* ---- queueing a case's decision -------------------------------------------------------------- */

/* [R-PUB-03] 国办发〔2018〕118号: a penalty or licence decision is due within 7 working days of
 * the decision, another enforcement decision (不予处罚, an inspection's result) within 20. */
const struct wf_deadline_rule publicity_deadline_decision = {
    "publish",
    "公示期限",
    PUBLICITY_DECISION_DAYS,
    true,
    "国办发〔2018〕118号：行政处罚、行政许可决定自作出之日起7个工作日内公开",
    NULL,
    NULL};
const struct wf_deadline_rule publicity_deadline_other = {
    "publish",
    "公示期限",
    PUBLICITY_OTHER_DAYS,
    true,
    "国办发〔2018〕118号：其他行政执法决定自作出之日起20个工作日内公开",
    NULL,
    NULL};

/* Insert the item and start its workflow; nothing when the source has one already. */
int publicity_insert(struct ctx *c, const struct publicity_new *n, struct err *e)
{
    int found = db_exists(c->db, e, "SELECT 1 FROM publicity_item WHERE kind = ? AND source_id = ?",
                          "ti", n->kind, n->source_id);
    if (found) return found < 0 ? found : 0;
    char min_until[11] = "", max_until[11] = "";
    if (period(c, n->severity, n->decided_on, min_until, max_until, e)) return e->code;
    json_t *data = n->data;
    jset_text(data, "publish_until", max_until);
    if (!json_object_get(data, "valid_until")) jset_text(data, "valid_until", max_until);
    publicity_mask(c->arena, data, n->person, n->secrets);
    char *text = json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS);
    int64_t id = 0;
    struct db_stmt *st = db_query(
        c->db, e,
        "INSERT INTO publicity_item (agency_id, kind, source_id, entity_id, line, person, state,"
        " title, decided_on, severity, min_until, max_until, data, changed_at, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        "itiItittttttiii", n->agency_id, n->kind, n->source_id, n->entity_id, n->line,
        (int64_t)n->person, publicity_title(c, n->kind, data), n->decided_on, n->severity,
        n->severity ? min_until : NULL, max_until, text, c->now, c->now, c->now);
    free(text);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) id = db_int(st, 0);
    db_done(st);
    if (rc != DB_ROW) return rc < 0 ? rc : err_set(e, ERR_INTERNAL, "公示事项登记失败");
    struct wf_args a = {.date = n->decided_on};
    const struct wf_deadline_rule *due =
        strcmp(n->kind, "penalty") == 0 || strcmp(n->kind, "licence") == 0
            ? &publicity_deadline_decision
            : &publicity_deadline_other;
    return wf_start(c, &publicity_workflow, id, due, &a, e);
}

/* The heading the public sees: the kind, the document number and the party (masked). */
const char *publicity_title(struct ctx *c, const char *kind, const json_t *data)
{
    const char *no = jget_text(data, "doc_no"), *party = jget_text(data, "party");
    return arena_printf(c->arena, "%s%s%s%s", party ? party : "", party ? " " : "",
                        publicity_kind_label(kind),
                        no && *no ? arena_printf(c->arena, "（%s）", no) : "");
}

/* ---- changed and revoked decisions (行政处罚法 第四十八条) --------------------------------- */

int publicity_decision_changed(struct ctx *c, int64_t case_id, const char *day, const char *reason,
                               struct err *e)
{
    int64_t id = 0;
    char state[32] = "";
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id, state FROM publicity_item WHERE source_id = ?"
                                  " AND kind IN ('penalty', 'no_penalty')",
                                  "i", case_id);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        id = db_int(st, 0);
        snprintf(state, sizeof state, "%s", db_text(st, 1));
    }
    db_done(st);
    if (rc < 0) return rc;
    if (!id) return 0;
    /* [R-PUB-04] a decision changed or revoked before it was published is not published; one
     * already published is to be withdrawn within 3 working days, the reason published. */
    struct wf_args a = {.date = day, .reason = reason, .note = reason};
    if (strcmp(state, "queued") == 0)
        return wf_take(c, &publicity_workflow, id, "cancel", &a, NULL, e);
    if (strcmp(state, "published") == 0 || strcmp(state, "repair_pending") == 0)
        return wf_take(c, &publicity_workflow, id, "mark_changed", &a, NULL, e);
    return 0;
}

/* ---- the steps ------------------------------------------------------------------------------- */

static const struct wf_deadline_rule deadline_withdraw = {
    "withdraw",
    "撤回期限",
    PUBLICITY_WITHDRAW_DAYS,
    true,
    "《行政处罚法》第四十八条：公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，"
    "应当在三日内撤回行政处罚决定信息并公开说明理由",
    NULL,
    NULL};

/* Set column (trusted) of item id to the step's day and changed_at to now. */
static int stamp(struct ctx *c, int64_t id, const char *column, const char *day, struct err *e)
{
    const char *sql = arena_printf(
        c->arena, "UPDATE publicity_item SET %s = ?, changed_at = ?, updated_at = ? WHERE id = ?",
        column);
    return db_exec(c->db, e, sql, "tiii", day, c->now, c->now, id) < 0 ? e->code : 0;
}

/* The item's decision day and the day its repair may be applied for. */
static int item_days(struct ctx *c, int64_t id, char decided[11], char min_until[11], struct err *e)
{
    struct db_stmt *st = db_query(
        c->db, e, "SELECT decided_on, min_until FROM publicity_item WHERE id = ?", "i", id);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        snprintf(decided, 11, "%s", db_text(st, 0));
        snprintf(min_until, 11, "%s", db_null(st, 1) ? "" : db_text(st, 1));
    }
    db_done(st);
    return rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_NOTFOUND, "公示事项不存在");
}

/* [R-PUB-07] a step of an item is dated on or after its decision */
static int guard_after_decision(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    char decided[11], min_until[11];
    if (item_days(c, id, decided, min_until, e)) return e->code;
    if (strcmp(wf_date(c, a), decided) < 0)
        return err_field(e, "date", "日期不能早于决定日期（%s）", decided);
    return 0;
}

static int effect_publish(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return stamp(c, id, "published_on", wf_date(c, a), e);
}

static int effect_withdraw(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    if (stamp(c, id, "withdrawn_on", wf_date(c, a), e)) return e->code;
    return db_exec(c->db, e, "UPDATE publicity_item SET withdraw_reason = ? WHERE id = ?", "ti",
                   a->reason, id) < 0
               ? e->code
               : 0;
}

/* [R-PUB-08] repair (信用修复) is applied for once the minimum period has passed, with the
 * party's 信用承诺 and the proof that the violation was corrected and its obligations met; only a
 * penalty's publication is repaired. */
static int guard_apply(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    char decided[11], min_until[11];
    if (item_days(c, id, decided, min_until, e)) return e->code;
    if (!*min_until) return err_set(e, ERR_INVALID, "只有行政处罚信息的公示可以申请信用修复");
    if (strcmp(wf_date(c, a), min_until) < 0)
        return err_field(e, "date", "最短公示期未满：%s起方可申请信用修复", min_until);
    return 0;
}

static int effect_apply(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return db_exec(c->db, e,
                   "INSERT INTO publicity_repair (item_id, applied_on, applicant, commitment,"
                   " correction, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   "itttt"
                   "ii",
                   id, wf_date(c, a), wf_arg(a, "applicant"), wf_arg(a, "commitment"),
                   wf_arg(a, "correction"), c->who->user_id, c->now) < 0
               ? e->code
               : 0;
}

/* [R-PUB-09] the repair is decided by another reviewer than the one who recorded the
 * application, on or after the day it was made. */
static int guard_decide_repair(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int64_t by = 0;
    char applied[11] = "";
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT recorded_by, applied_on FROM publicity_repair"
                                  " WHERE item_id = ? AND approved IS NULL ORDER BY id DESC",
                                  "i", id);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        by = db_int(st, 0);
        snprintf(applied, sizeof applied, "%s", db_text(st, 1));
    }
    db_done(st);
    if (rc < 0) return rc;
    if (rc != DB_ROW) return err_set(e, ERR_CONFLICT, "没有待审核的信用修复申请");
    if (by && by == c->who->user_id)
        return err_set(e, ERR_FORBIDDEN,
                       "登记信用修复申请的人员不能审核该申请，请由其他审核人员办理");
    if (strcmp(wf_date(c, a), applied) < 0)
        return err_field(e, "date", "日期不能早于申请日期（%s）", applied);
    return 0;
}

static int decide_repair(struct ctx *c, int64_t id, struct wf_args *a, bool approved, struct err *e)
{
    const char *note = approved ? a->note : a->reason;
    if (db_exec(c->db, e,
                "UPDATE publicity_repair SET decided_on = ?, decided_by = ?, approved = ?,"
                " decision_note = ? WHERE item_id = ? AND approved IS NULL",
                "tiiti", wf_date(c, a), c->who->user_id, (int64_t)approved, note, id) < 0)
        return e->code;
    return approved ? stamp(c, id, "repaired_on", wf_date(c, a), e) : 0;
}

static int effect_approve(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return decide_repair(c, id, a, true, e);
}

static int effect_refuse(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return decide_repair(c, id, a, false, e);
}

static const struct wf_state states[] = {
    {"queued", "待公示", false},      {"published", "已公示", false},
    {"withheld", "不予公示", true},   {"to_withdraw", "待撤回", false},
    {"withdrawn", "已撤回", true},    {"repair_pending", "信用修复审核中", false},
    {"repaired", "已信用修复", true},
};

#define END                                                                                        \
    {                                                                                              \
        NULL, NULL, 0, false, 0, NULL                                                              \
    }
static const struct wf_input in_publish[] = {
    {"date", "公示日期", WF_DATE, false, 0, NULL},
    {"note", "说明", WF_TEXT, false, 500, NULL},
    END,
};
static const struct wf_input in_withhold[] = {
    {"date", "日期", WF_DATE, false, 0, NULL},
    {"reason", "不予公示的理由（依据）", WF_TEXT, true, 500, NULL},
    END,
};
static const struct wf_input in_withdraw[] = {
    {"date", "撤回日期", WF_DATE, false, 0, NULL},
    {"reason", "撤回原因（将向社会公开）", WF_TEXT, true, 500, NULL},
    END,
};
static const struct wf_input in_apply[] = {
    {"date", "申请日期", WF_DATE, true, 0, NULL},
    {"applicant", "申请人", WF_TEXT, true, 200, NULL},
    {"commitment", "信用承诺", WF_TEXT, true, 2000, NULL},
    {"correction", "纠正违法行为、履行义务的情况及证明", WF_TEXT, true, 2000, NULL},
    END,
};
static const struct wf_input in_approve[] = {
    {"date", "审核日期", WF_DATE, false, 0, NULL},
    {"note", "审核意见", WF_TEXT, false, 500, NULL},
    END,
};
static const struct wf_input in_refuse[] = {
    {"date", "审核日期", WF_DATE, false, 0, NULL},
    {"reason", "不予修复的理由", WF_TEXT, true, 500, NULL},
    END,
};
#undef END

#define WITHDRAW(from, meets)                                                                                     \
    {                                                                                                             \
        from, "withdraw", "withdrawn", "撤回公示", PERM_PUBLICITY_REVIEW, guard_after_decision,                   \
            NULL, meets, .inputs = in_withdraw, .effect = effect_withdraw,                                        \
                         .confirm = "撤回后该信息不再公示，撤回原因将向社会公开。确定？" \
    }
#define CHANGED(from)                                                                              \
    {                                                                                              \
        from, "mark_changed", "to_withdraw", "决定已变更或撤销，待撤回", PERM_CASE_REVIEW, NULL,   \
            &deadline_withdraw, NULL, .internal = true                                             \
    }
static const struct wf_transition steps[] = {
    {"queued", "publish", "published", "公示", PERM_PUBLICITY_REVIEW, guard_after_decision, NULL,
     "publish", .inputs = in_publish, .effect = effect_publish},
    {"queued", "withhold", "withheld", "不予公示", PERM_PUBLICITY_REVIEW, guard_after_decision,
     NULL, "publish", .inputs = in_withhold},
    {"queued", "cancel", "withheld", "决定已变更或撤销，不予公示", PERM_CASE_REVIEW, NULL, NULL,
     "publish", .internal = true},
    CHANGED("published"),
    CHANGED("repair_pending"),
    WITHDRAW("to_withdraw", "withdraw"),
    WITHDRAW("published", NULL),
    {"published", "apply_repair", "repair_pending", "登记信用修复申请", PERM_PUBLICITY_REVIEW,
     guard_apply, NULL, NULL, .inputs = in_apply, .effect = effect_apply},
    {"repair_pending", "approve_repair", "repaired", "准予信用修复，停止公示",
     PERM_PUBLICITY_REVIEW, guard_decide_repair, NULL, NULL, .inputs = in_approve,
     .effect = effect_approve, .confirm = "准予后该信息提前停止公示。确定？"},
    {"repair_pending", "refuse_repair", "published", "不予信用修复", PERM_PUBLICITY_REVIEW,
     guard_decide_repair, NULL, NULL, .inputs = in_refuse, .effect = effect_refuse},
};
#undef WITHDRAW
#undef CHANGED

const struct workflow publicity_workflow = {.kind = "publicity",
                                            .table = "publicity_item",
                                            .states = states,
                                            .nstates = countof(states),
                                            .steps = steps,
                                            .nsteps = countof(steps),
                                            .reason_label = NULL,
                                            .start_label = "进入公示队列",
                                            .line_column = "line"};

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_decl tables[] = {
    /* source_id follows kind's table (law/transfer.c: publicity_source) */
    {"publicity_item",
     "公示事项",
     true,
     "id",
     {{"agency_id", "agency", REF_ID}, {"entity_id", "entity", REF_ID}}},
    {"publicity_repair",
     "信用修复申请",
     true,
     "id",
     {{"item_id", "publicity_item", REF_ID},
      {"recorded_by", "app_user", REF_ID},
      {"decided_by", "app_user", REF_ID}}},
    {"publicity_reply",
     "公示回应",
     true,
     "id",
     {{"item_id", "publicity_item", REF_ID}, {"moderated_by", "app_user", REF_ID}}},
};

const struct law_area law_area_publicity = {"publicity",         tables, countof(tables), NULL, 0,
                                            &publicity_workflow, NULL};
