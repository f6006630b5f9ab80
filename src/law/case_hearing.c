/* case_hearing.c — the hearing of a penalty case (听证, 行政处罚法 第六十三条至第六十五条): the
 * party's request within 5 working days of the prior notice, the hearing set by a leader at least
 * 7 working days after its notice (听证通知书) with a chair who did not investigate, held and
 * recorded by that chair (听证笔录), or the party's withdrawal. A hearing held makes the legal
 * review required (第五十八条). The steps are declared in case.c; the case page reads the hearing
 * with case_hearing_json. */
#include "base/jpack.h"
#include "law/case_internal.h"

#include <string.h>

/* ---- codes ---------------------------------------------------------------------------------- */

const struct wf_option case_how[] = {{"written", "书面"}, {"oral", "口头"}, {NULL, NULL}};
/* 第六十四条第（三）项: public, unless kept secret by law */
static const struct wf_option publicity[] = {
    {"public", "公开举行"},
    {"state_secret", "不公开：涉及国家秘密"},
    {"trade_secret", "不公开：涉及商业秘密"},
    {"privacy", "不公开：涉及个人隐私"},
    {NULL, NULL},
};
static const struct wf_option outcomes[] = {
    {"held", "举行听证"},
    {"absent", "当事人无正当理由拒不出席或者未经许可中途退出（视为放弃听证权利）"},
    {NULL, NULL},
};

/* ---- the case as the hearing reads it ------------------------------------------------------- */

/* What the guards read of case id (dates on the arena, NULL when not set). */
struct hearing_case {
    int64_t agency; /* the handling agency */
    int64_t chair;  /* the hearing's chair (app_user), 0 before it is set */
    bool right;     /* the notice gave the right to a hearing (第六十三条) */
    const char *notified_on, *requested_on, *hearing_on;
};

static int read_case(struct ctx *c, int64_t id, struct hearing_case *h, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT agency_id, hearing_chair, hearing_right, notified_on,"
                 " hearing_requested_on, hearing_on FROM penalty_case WHERE id = ?",
                 "i", id);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        *h = (struct hearing_case){.agency = db_int(st, 0),
                                   .chair = db_null(st, 1) ? 0 : db_int(st, 1),
                                   .right = db_int(st, 2) != 0};
        const char **dates[] = {&h->notified_on, &h->requested_on, &h->hearing_on};
        for (int i = 0; i < 3; i++)
            *dates[i] = db_null(st, 3 + i) ? NULL : arena_strdup(c->arena, db_text(st, 3 + i));
    }
    db_done(st);
    if (rc < 0) return rc;
    return rc == DB_ROW ? 0 : err_set(e, ERR_NOTFOUND, "案件不存在");
}

/* The step's day into *day; a field message when it is malformed or after today. */
static int step_day(struct ctx *c, const struct wf_args *a, const char *label, day_t *day,
                    struct err *e)
{
    if (date_parse(wf_date(c, a), day)) return err_field(e, "date", "日期格式应为 YYYY-MM-DD");
    if (*day > date_from_instant(c->now)) return err_field(e, "date", "%s不能晚于今天", label);
    return 0;
}

/* The day n working days after the day text from (行政处罚法 第八十五条), into out. */
static int workdays_after(struct ctx *c, const char *from, int n, day_t *out, struct err *e)
{
    day_t start;
    bool provisional;
    if (!from || date_parse(from, &start)) return err_set(e, ERR_INTERNAL, "案件日期无效");
    return wf_count(c->cal, n, true, start, out, &provisional, e);
}

/* ---- 当事人要求听证 ---------------------------------------------------------------------------
 */

const struct wf_input case_in_request_hearing[] = {
    {"how", "提出方式", WF_CODE, true, 0, case_how},
    {"note", "当事人的听证要求（写明理由）", WF_TEXT, false, 1000, NULL},
    {"date", "当事人提出听证要求的日期", WF_DATE, true, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

/* [R-CASE-30] 第六十三条: only a penalty the notice told the party a hearing may be asked against;
 * [R-CASE-31] 第六十四条第（一）项: asked within 5 working days after the notice. */
int case_guard_request_hearing(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    struct hearing_case h;
    day_t day, notified, last;
    if (read_case(c, id, &h, e)) return e->code;
    if (!h.right)
        return err_set(e, ERR_INVALID,
                       "拟作出的行政处罚不属于当事人有权要求听证的情形，不组织听证"
                       "（《行政处罚法》第六十三条）");
    if (step_day(c, a, "提出听证要求的日期", &day, e)) return e->code;
    if (!h.notified_on || date_parse(h.notified_on, &notified))
        return err_set(e, ERR_INTERNAL, "案件没有告知日期");
    if (day < notified) return err_field(e, "date", "不能早于告知日期（%s）", h.notified_on);
    if (workdays_after(c, h.notified_on, CASE_HEARING_REQUEST_DAYS, &last, e)) return e->code;
    if (day <= last) return 0;
    char d[DATE_STRLEN];
    date_format(last, d);
    return err_field(
        e, "date",
        "听证要求应在告知后五个工作日内（%s前）提出（《行政处罚法》第六十四条第（一）项）", d);
}

int case_effect_request_hearing(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    a->reason =
        arena_printf(c->arena, "当事人%s要求听证", wf_option_label(case_how, wf_arg(a, "how")));
    return db_exec(c->db, e,
                   "UPDATE penalty_case SET hearing_requested_on = ?, hearing_request_how = ?,"
                   " hearing_withdrawn_on = NULL, hearing_on = NULL, hearing_time = NULL,"
                   " hearing_place = NULL, hearing_chair = NULL, hearing_publicity = NULL,"
                   " hearing_private_note = NULL, updated_at = ? WHERE id = ?",
                   "ttii", wf_date(c, a), wf_arg(a, "how"), c->now, id) < 0
               ? e->code
               : 0;
}

/* ---- 安排听证 / 变更听证 ----------------------------------------------------------------------
 */

/* The staff of case id's agency who may chair its hearing: active officers, leaders and legal
 * reviewers who neither investigate nor proposed it (the guard checks again). */
json_t *case_chair_choices(struct ctx *c, int64_t id)
{
    struct err e = {0};
    json_t *out = json_array();
    struct db_stmt *st = db_query(
        c->db, &e,
        "SELECT u.id, u.display_name FROM app_user u JOIN penalty_case x ON x.agency_id ="
        " u.agency_id WHERE x.id = ? AND u.status = 'active' AND EXISTS (SELECT 1 FROM"
        " user_role r WHERE r.user_id = u.id AND r.role IN ('officer', 'leader', 'legal'))"
        " AND (x.proposed_by IS NULL OR x.proposed_by <> u.id) AND NOT EXISTS (SELECT 1 FROM"
        " case_officer k WHERE k.case_id = x.id AND k.officer_id = u.officer_id) ORDER BY u.id",
        "i", id);
    while (st && db_step(st, &e) == DB_ROW)
        json_array_append_new(out, jpack("{ss ss}", "code",
                                         arena_printf(c->arena, "%lld", (long long)db_int(st, 0)),
                                         "label", db_text(st, 1)));
    db_done(st);
    return out;
}

const struct wf_input case_in_set_hearing[] = {
    {"hearing_on", "听证日期", WF_DATE, true, 0, NULL},
    {"hearing_time", "听证时间（如 上午9时）", WF_TEXT, true, 40, NULL},
    {"place", "听证地点", WF_TEXT, true, 200, NULL},
    {"chair", "听证主持人（非本案调查人员）", WF_CODE, true, 0, NULL, NULL, case_chair_choices},
    {"publicity", "是否公开举行", WF_CODE, true, 0, publicity},
    {"private_note", "不公开举行的理由", WF_TEXT, false, 500, NULL},
    {"date", "听证通知书日期", WF_DATE, false, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

/* [R-CASE-34] 第六十四条第（四）项: the chair is a staff member of the case's agency whom the
 * agency names and who did not investigate (nor propose) the case. */
static int check_chair(struct ctx *c, int64_t id, const struct hearing_case *h,
                       const struct wf_args *a, struct err *e)
{
    int64_t chair;
    if (parse_i64(wf_arg(a, "chair"), &chair)) return err_field(e, "chair", "请选择听证主持人");
    int staff = db_exists(c->db, e,
                          "SELECT 1 FROM app_user u WHERE u.id = ? AND u.agency_id = ?"
                          " AND u.status = 'active' AND EXISTS (SELECT 1 FROM user_role r WHERE"
                          " r.user_id = u.id AND r.role IN ('officer', 'leader', 'legal'))",
                          "ii", chair, h->agency);
    if (staff <= 0)
        return staff < 0 ? staff : err_field(e, "chair", "听证主持人应为本案办案机构的工作人员");
    int investigated = db_exists(c->db, e,
                                 "SELECT 1 FROM penalty_case WHERE id = ? AND proposed_by = ?"
                                 " UNION ALL SELECT 1 FROM case_officer k JOIN app_user u"
                                 " ON u.officer_id = k.officer_id WHERE k.case_id = ? AND u.id = ?",
                                 "iiii", id, chair, id, chair);
    if (investigated <= 0) return investigated;
    return err_field(e, "chair", "听证由非本案调查人员主持（《行政处罚法》第六十四条第（四）项）");
}

/* [R-CASE-32] 第六十四条第（二）项: the party is told 7 working days before the hearing;
 * [R-CASE-33] 第六十四条第（三）项: public unless a state or trade secret or privacy is kept, the
 * reason written; and the chair (R-CASE-34). */
int case_guard_set_hearing(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    struct hearing_case h;
    day_t notice, hearing, earliest, asked;
    if (read_case(c, id, &h, e)) return e->code;
    if (date_parse(wf_date(c, a), &notice)) return err_field(e, "date", "日期格式应为 YYYY-MM-DD");
    if (h.requested_on && !date_parse(h.requested_on, &asked) && notice < asked)
        err_field(e, "date", "不能早于当事人提出听证要求的日期（%s）", h.requested_on);
    if (date_parse(wf_arg(a, "hearing_on"), &hearing))
        return err_field(e, "hearing_on", "日期格式应为 YYYY-MM-DD");
    if (wf_count(c->cal, CASE_HEARING_NOTICE_DAYS, true, notice, &earliest, &(bool){0}, e))
        return e->code;
    if (hearing < earliest) {
        char d[DATE_STRLEN];
        date_format(earliest, d);
        err_field(e, "hearing_on",
                  "应在举行听证七个工作日前通知当事人，听证最早于%"
                  "s举行（《行政处罚法》第六十四条第（二）项）",
                  d);
    }
    if (strcmp(wf_arg(a, "publicity"), "public") != 0 && str_blank(wf_arg(a, "private_note")))
        err_field(e, "private_note",
                  "不公开举行的，应写明依法保密的理由（《行政处罚法》第六十四条第（三）项）");
    check_chair(c, id, &h, a, e);
    return e->code;
}

int case_effect_set_hearing(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    int64_t chair = 0;
    parse_i64(wf_arg(a, "chair"), &chair);
    a->reason = arena_printf(c->arena, "%s %s，%s（%s）", wf_arg(a, "hearing_on"),
                             wf_arg(a, "hearing_time"), wf_arg(a, "place"),
                             wf_option_label(publicity, wf_arg(a, "publicity")));
    const char *why = str_blank(wf_arg(a, "private_note")) ? NULL : wf_arg(a, "private_note");
    struct db_arg args[] = {
        {.type = 't', .s = wf_arg(a, "hearing_on")},
        {.type = 't', .s = wf_arg(a, "hearing_time")},
        {.type = 't', .s = wf_arg(a, "place")},
        {.type = 'i', .i = chair},
        {.type = 't', .s = wf_arg(a, "publicity")},
        why ? (struct db_arg){.type = 't', .s = why} : (struct db_arg){.type = 'n'},
        {.type = 'i', .i = c->now},
        {.type = 'i', .i = id},
    };
    struct db_stmt *st = db_query_args(c->db, e,
                                       "UPDATE penalty_case SET hearing_on = ?, hearing_time = ?,"
                                       " hearing_place = ?, hearing_chair = ?,"
                                       " hearing_publicity = ?, hearing_private_note = ?,"
                                       " updated_at = ? WHERE id = ?",
                                       (int)countof(args), args);
    int rc = st ? db_step(st, e) : e->code;
    db_done(st);
    return rc < 0 ? rc : e->code;
}

/* ---- 听证笔录 -----------------------------------------------------------------------------------
 */

const struct wf_input case_in_hold_hearing[] = {
    {"outcome", "听证情况", WF_CODE, true, 0, outcomes},
    {"recorder", "记录人", WF_TEXT, true, 40, NULL},
    {"participants", "参加人员（当事人及其代理人、调查人员等）", WF_TEXT, false, 500, NULL},
    {"charges", "调查人员提出的违法事实、证据和行政处罚建议", WF_TEXT, false, 4000, NULL},
    {"defence", "当事人的陈述、申辩和质证意见", WF_TEXT, false, 4000, NULL},
    {"note", "其他情况（中途退出等）", WF_TEXT, false, 1000, NULL},
    {"date", "听证举行日期", WF_DATE, false, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

/* [R-CASE-35] 第六十四条第（四）项、第（七）项、第（八）项: the hearing is recorded by its chair,
 * on or after the day it was set for (not after today); a hearing held records who took part, the
 * investigators' facts, evidence and proposal, and the party's defence and cross-examination. */
int case_guard_hold_hearing(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    struct hearing_case h;
    day_t day, set;
    if (read_case(c, id, &h, e)) return e->code;
    if (!h.chair || h.chair != c->who->user_id)
        return err_set(e, ERR_FORBIDDEN,
                       "听证笔录只能由本案的听证主持人制作（《行政处罚法》第六十四条第（四）项）");
    if (step_day(c, a, "听证举行日期", &day, e)) return e->code;
    if (h.hearing_on && !date_parse(h.hearing_on, &set) && day < set)
        err_field(e, "date", "不能早于安排的听证日期（%s）", h.hearing_on);
    if (strcmp(wf_arg(a, "outcome"), "held") == 0) {
        static const char *const needed[][2] = {
            {"participants", "请填写参加听证的人员"},
            {"charges", "请记录调查人员提出的违法事实、证据和处罚建议（第六十四条第（七）项）"},
            {"defence", "请记录当事人的陈述、申辩和质证意见（第六十四条第（七）项）"},
        };
        for (size_t i = 0; i < countof(needed); i++)
            if (str_blank(wf_arg(a, needed[i][0]))) err_field(e, needed[i][0], "%s", needed[i][1]);
    }
    return e->code;
}

/* [R-CASE-36] 第六十四条第（六）项: a party absent without reason, or gone without leave, gives up
 * the hearing: it ends, recorded as such, and the case goes on to the decision.
 * [R-CASE-37] 第五十八条第一款第（二）项: a case that went through a hearing is reviewed before
 * it is decided (review_required). */
int case_effect_hold_hearing(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    bool held = strcmp(wf_arg(a, "outcome"), "held") == 0;
    a->reason = held ? "举行听证，作出决定前须法制审核"
                     : "当事人无正当理由拒不出席或者中途退出听证，视为放弃听证权利";
    struct db_arg args[] = {
        {.type = 't', .s = wf_date(c, a)},
        {.type = 'i', .i = !held},
        {.type = 't', .s = wf_arg(a, "recorder")},
        {.type = 't', .s = str_blank(wf_arg(a, "participants")) ? NULL : wf_arg(a, "participants")},
        {.type = 't', .s = str_blank(wf_arg(a, "charges")) ? NULL : wf_arg(a, "charges")},
        {.type = 't', .s = str_blank(wf_arg(a, "defence")) ? NULL : wf_arg(a, "defence")},
        {.type = 'i', .i = held},
        {.type = 'i', .i = c->now},
        {.type = 'i', .i = id},
    };
    struct db_stmt *st = db_query_args(
        c->db, e,
        "UPDATE penalty_case SET heard_on = ?, hearing_absent = ?, hearing_recorder = ?,"
        " hearing_participants = ?, hearing_charges = ?, hearing_defence = ?,"
        " review_required = CASE WHEN ? = 1 THEN 1 ELSE review_required END, updated_at = ?"
        " WHERE id = ?",
        (int)countof(args), args);
    int rc = st ? db_step(st, e) : e->code;
    db_done(st);
    return rc < 0 ? rc : e->code;
}

/* ---- 撤回听证申请 ------------------------------------------------------------------------------
 */

const struct wf_input case_in_withdraw_hearing[] = {
    {"note", "撤回情况（当事人书面或口头撤回）", WF_TEXT, true, 500, NULL},
    {"date", "撤回日期", WF_DATE, false, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

/* [R-CASE-38] The party's withdrawal of its request is recorded with its day, not before the
 * request nor after today; the case is notified again, without a hearing. */
int case_guard_withdraw_hearing(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    struct hearing_case h;
    day_t day, asked;
    if (read_case(c, id, &h, e) || step_day(c, a, "撤回日期", &day, e)) return e->code;
    if (h.requested_on && !date_parse(h.requested_on, &asked) && day < asked)
        return err_field(e, "date", "不能早于当事人提出听证要求的日期（%s）", h.requested_on);
    return 0;
}

int case_effect_withdraw_hearing(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    a->reason = "当事人撤回听证申请";
    return db_exec(c->db, e,
                   "UPDATE penalty_case SET hearing_withdrawn_on = ?, updated_at = ? WHERE id = ?",
                   "tii", wf_date(c, a), c->now, id) < 0
               ? e->code
               : 0;
}

/* ---- reading -------------------------------------------------------------------------------- */

/* Set key of o to column col of st as text when it is not NULL. */
static void set_text(json_t *o, const char *key, struct db_stmt *st, int col)
{
    if (!db_null(st, col)) jset_text(o, key, db_text(st, col));
}

json_t *case_hearing_json(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(
        c->db, e,
        "SELECT x.hearing_requested_on, x.hearing_request_how, x.hearing_withdrawn_on,"
        " x.hearing_on, x.hearing_time, x.hearing_place, x.hearing_chair, u.display_name,"
        " x.hearing_publicity, x.hearing_private_note, x.heard_on, x.hearing_absent,"
        " x.hearing_recorder, x.hearing_participants, x.hearing_charges, x.hearing_defence"
        " FROM penalty_case x LEFT JOIN app_user u ON u.id = x.hearing_chair WHERE x.id = ?",
        "i", id);
    json_t *o = NULL;
    if (st && db_step(st, e) == DB_ROW && !db_null(st, 0)) {
        o = json_object();
        static const char *const keys[] = {
            "requested_on", "how",          "withdrawn_on", "on",           "time",     "place",
            NULL,           "chair_name",   "publicity",    "private_note", "heard_on", NULL,
            "recorder",     "participants", "charges",      "defence"};
        for (int i = 0; i < (int)countof(keys); i++)
            if (keys[i]) set_text(o, keys[i], st, i);
        if (!db_null(st, 6)) jset_int(o, "chair_id", db_int(st, 6));
        jset_text(o, "how_label", wf_option_label(case_how, db_text(st, 1)));
        jset_text(o, "publicity_label", wf_option_label(publicity, db_text(st, 8)));
        jset_bool(o, "public", !db_null(st, 8) && strcmp(db_text(st, 8), "public") == 0);
        if (!db_null(st, 10)) jset_bool(o, "absent", db_int(st, 11) != 0);
        if (!db_null(st, 10)) jset_bool(o, "held", db_int(st, 11) == 0);
    }
    db_done(st);
    return o;
}

void case_hearing_actions(struct ctx *c, int64_t id, json_t *actions)
{
    struct err e = {0};
    struct hearing_case h;
    size_t i;
    json_t *o;
    json_array_foreach(actions, i, o)
    {
        if (strcmp(json_string_value(json_object_get(o, "action")), "hold_hearing") != 0) continue;
        if (read_case(c, id, &h, &e) || h.chair != c->who->user_id) json_array_remove(actions, i);
        return;
    }
}
