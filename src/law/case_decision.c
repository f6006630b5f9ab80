/* case_decision.c — how a general-procedure case is decided: the leaders' collective discussion
 * (行政处罚法 第五十七条), the penalty decision (第五十九条) only once the party's windows have
 * closed (第四十四条、第四十五条、第六十二条、第六十四条), never heavier than notified
 * (第四十五条), never without a required legal review (第五十八条) and within the 90 days of
 * 第六十条; or a decision not to penalise on a ground of 第三十三条 with the education given. The
 * steps are declared in case.c. */
#include "base/jpack.h"
#include "base/money.h"
#include "law/case_internal.h"
#include "law/power.h"
#include "law/publicity.h"
#include "law/setting.h"

#include <string.h>

const struct wf_option case_grounds[] = {
    {"minor", "违法行为轻微并及时改正，没有造成危害后果"},
    {"first", "初次违法且危害后果轻微并及时改正（首违不罚）"},
    {"no_fault", "当事人有证据足以证明没有主观过错"},
    {NULL, NULL},
};
static const struct wf_option conditions[] = {
    {"minor_act", "违法行为轻微"}, {"first_time", "初次违法"},      {"minor_harm", "危害后果轻微"},
    {"corrected", "及时改正"},     {"no_harm", "没有造成危害后果"}, {NULL, NULL},
};
const struct wf_option case_conclusions[] = {
    {"penalise", "给予行政处罚"},
    {"no_penalty", "不予行政处罚"},
    {"investigate", "补充调查"},
    {"transfer", "移送有管辖权的机关"},
    {NULL, NULL},
};

json_t *case_condition_choices(struct ctx *c, int64_t id)
{
    (void)c;
    (void)id;
    return wf_options_json(conditions, NULL);
}

/* The penalty types the notice proposed: a decision may keep or drop them, never add. */
json_t *case_proposed_type_choices(struct ctx *c, int64_t id)
{
    json_t *all = power_penalty_types(), *out = json_array(), *o;
    const char *types = case_text(c, id, "penalty_types", &(struct err){0});
    size_t i;
    json_array_foreach(all, i, o)
    {
        const char *code = json_string_value(json_object_get(o, "code"));
        if (types && code && csv_has(types, code)) json_array_append(out, o);
    }
    json_decref(all);
    return out;
}

/* What the guards read of a case. */
struct facts {
    const char *notified_on, *waived_on, *requested_on, *heard_on, *types;
    bool right, review, major, absent, has_fine;
    int64_t fine, item, entity;
};

static int read_facts(struct ctx *c, int64_t id, struct facts *f, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT notified_on, waived_on, hearing_requested_on, heard_on,"
                                  " penalty_types, hearing_right, review_required, major,"
                                  " hearing_absent, fine, power_item_id, entity_id"
                                  " FROM penalty_case WHERE id = ?",
                                  "i", id);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        const char **text[] = {&f->notified_on, &f->waived_on, &f->requested_on, &f->heard_on,
                               &f->types};
        for (int i = 0; i < 5; i++)
            *text[i] = db_null(st, i) ? NULL : arena_strdup(c->arena, db_text(st, i));
        f->right = db_int(st, 5) != 0;
        f->review = db_int(st, 6) != 0;
        f->major = db_int(st, 7) != 0;
        f->absent = db_int(st, 8) != 0;
        f->has_fine = !db_null(st, 9);
        f->fine = db_int(st, 9);
        f->item = db_int(st, 10);
        f->entity = db_null(st, 11) ? 0 : db_int(st, 11);
    }
    db_done(st);
    return rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_NOTFOUND, "案件不存在");
}

/* The id of the case's last step of action (0: none). */
static int64_t last_step(struct ctx *c, int64_t id, const char *action, struct err *e)
{
    int64_t n = 0;
    db_get_int(c->db, e, &n,
               "SELECT COALESCE(MAX(id), 0) FROM wf_step WHERE kind = 'case' AND object_id = ?"
               " AND action = ?",
               "it", id, action);
    return n;
}

/* [R-CASE-40] 第五十八条: a case whose decision needs a legal review is decided only after a
 * review passed since the last 调查终结, and, when a hearing was held, since the hearing. */
static int guard_review(struct ctx *c, int64_t id, const struct facts *f, struct err *e)
{
    if (!f->review) return 0;
    bool heard = f->heard_on && !f->absent;
    int passed = case_review_passed(c, id, heard, e);
    if (passed) return passed < 0 ? passed : 0;
    return err_set(e, ERR_INVALID,
                   "%s须经法制审核，审核通过后方可作出决定（《行政处罚法》第五十八条）",
                   heard ? "本案经过听证程序，" : "本案");
}

int case_review_passed(struct ctx *c, int64_t id, bool heard, struct err *e)
{
    int64_t pass = last_step(c, id, "review_pass", e), end = last_step(c, id, "conclude", e),
            hearing = heard ? last_step(c, id, "hold_hearing", e) : 0;
    if (e->code) return e->code;
    return pass > end && pass > hearing;
}

/* [R-CASE-41] 第五十七条: a major or complex case is decided by the leaders' collective
 * discussion, held since the last 调查终结, whose conclusion the decision follows. */
static int guard_discussion(struct ctx *c, int64_t id, const struct facts *f, const char *want,
                            struct err *e)
{
    if (!f->major) return 0;
    int64_t held = last_step(c, id, "discuss", e), end = last_step(c, id, "conclude", e);
    if (e->code) return e->code;
    if (held <= end)
        return err_set(e, ERR_INVALID,
                       "重大、复杂案件须经行政机关负责人集体讨论决定（《行政处罚法》第五十七条）");
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT conclusion FROM case_discussion WHERE case_id = ?"
                                  " ORDER BY id DESC LIMIT 1",
                                  "i", id);
    const char *got = NULL;
    if (st && db_step(st, e) == DB_ROW) got = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    if (e->code) return e->code;
    if (got && strcmp(got, want) == 0) return 0;
    return err_set(e, ERR_INVALID,
                   "集体讨论的结论是“%s”，与本决定不一致（《行政处罚法》第五十七条）",
                   got ? wf_option_label(case_conclusions, got) : "");
}

/* [R-CASE-42] 第六十条: decided within the 90 days of 立案, or the extension approved. */
static int guard_in_time(struct ctx *c, int64_t id, const char *day, struct err *e)
{
    const char *due = NULL;
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT due_on FROM wf_deadline WHERE kind = 'case'"
                                  " AND object_id = ? AND name = 'decide' AND ended_on IS NULL",
                                  "i", id);
    if (st && db_step(st, e) == DB_ROW) due = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    if (e->code || !due || strcmp(day, due) <= 0) return e->code;
    return err_set(
        e, ERR_INVALID,
        "已超过作出处罚决定的期限（%s），未经批准延长不得作出决定（《行政处罚法》第六十条）", due);
}

const char *case_defence_due(struct ctx *c, int64_t id, struct err *e)
{
    const char *due = NULL;
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT due_on FROM wf_deadline WHERE kind = 'case'"
                 " AND object_id = ? AND name = 'defence' ORDER BY id DESC LIMIT 1",
                 "i", id);
    if (st && db_step(st, e) == DB_ROW) due = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    return due;
}

/* [R-CASE-43] 第四十四条、第四十五条、第六十二条、第六十四条: a penalty is decided only after the
 * prior notice, once the party's windows have closed — the statement and defence, and the 5
 * working days to ask for a hearing when the penalty gives that right — unless the party waived
 * them in writing; a hearing asked for is held (or given up) first. */
static int guard_windows(struct ctx *c, int64_t id, const struct facts *f, const char *day,
                         struct err *e)
{
    if (!f->notified_on)
        return err_set(e, ERR_INVALID,
                       "作出行政处罚决定前须告知当事人拟作出的行政处罚内容及事实、"
                       "理由、依据和陈述、申辩的权利（《行政处罚法》第四十四条、"
                       "第六十二条）");
    if (strcmp(day, f->notified_on) < 0)
        return err_field(e, "date", "决定日期不能早于告知日期（%s）", f->notified_on);
    if (f->waived_on) return 0;
    const char *due = case_defence_due(c, id, e);
    if (e->code) return e->code;
    if (due && strcmp(day, due) <= 0)
        return err_set(e, ERR_INVALID,
                       "陈述、申辩期限（至 %s）届满前不得作出处罚决定，当事人书面放弃的除外"
                       "（《行政处罚法》第四十五条、第六十二条）",
                       due);
    if (!f->right || f->requested_on) return 0;
    day_t notified, last;
    char d[DATE_STRLEN];
    if (date_parse(f->notified_on, &notified) ||
        wf_count(c->cal, CASE_HEARING_REQUEST_DAYS, true, notified, &last, &(bool){0}, e))
        return e->code ? e->code : err_set(e, ERR_INTERNAL, "告知日期无效");
    date_format(last, d);
    if (strcmp(day, d) <= 0)
        return err_set(e, ERR_INVALID,
                       "要求听证的期限（告知后五个工作日，至 %s）届满前不得作出处罚决定"
                       "（《行政处罚法》第六十四条）",
                       d);
    return 0;
}

/* What a decision gives: its types and amounts. */
struct decision {
    char types[POWER_TYPES_MAX];
    bool has_fine, has_taken;
    int64_t fine, taken;
    const char *wording; /* the penalties besides the amounts, as the decision states them */
};

/* The types whose content a decision must state in words (a period, a scope: 责令停业整顿十五日,
 * 暂扣医疗机构执业许可证三个月): the code lists group several penalties of 第九条 under one. */
static const char *const worded[] = {
    "licence_suspension", "downgrade", "licence_revocation", "closure", "practice_ban", "other"};

/* The decision's wording: as given, or 警告 for a warning beside the amounts; required for the
 * types in worded. */
static int read_wording(struct ctx *c, const struct wf_args *a, struct decision *d, struct err *e)
{
    d->wording = str_blank(wf_arg(a, "wording")) ? NULL : wf_arg(a, "wording");
    for (size_t i = 0; !d->wording && i < countof(worded); i++)
        if (csv_has(d->types, worded[i])) {
            char label[POWER_TYPES_MAX * 3];
            power_types_label(worded[i], label, sizeof label);
            return err_field(e, "wording", "请写明“%s”的具体内容（如种类、期限）", label);
        }
    if (!d->wording && csv_has(d->types, "warning")) d->wording = arena_strdup(c->arena, "警告");
    return 0;
}

/* [R-CASE-44] 第四十五条: the decision is never heavier than the penalty notified: its types are
 * among those notified and its fine not higher; a fine below the item's legal minimum (减轻处罚,
 * 第三十二条) needs its reason. */
static int read_decision(struct ctx *c, const struct wf_args *a, const struct facts *f,
                         struct decision *d, struct err *e)
{
    char bad[64];
    if (str_blank(wf_arg(a, "types")) ||
        power_types_parse(wf_arg(a, "types"), d->types, bad, sizeof bad))
        return err_field(e, "types", "请选择决定给予的处罚种类");
    if (!f->types || !case_types_within(d->types, f->types))
        return err_field(e, "types",
                         "处罚种类超出事先告知的范围：不得因当事人陈述、申辩而给予更重"
                         "的处罚（《行政处罚法》第四十五条），须补充调查后重新告知");
    d->has_fine = csv_has(d->types, "fine");
    if (d->has_fine && money_parse(wf_arg(a, "fine"), &d->fine))
        return err_field(e, "fine", "请填写罚款金额（元）");
    if (d->has_fine && f->has_fine && d->fine > f->fine) {
        char yuan[MONEY_YUAN_SIZE];
        return err_field(e, "fine",
                         "罚款金额高于事先告知的%s元：不得因当事人陈述、申辩而给予更重的处罚"
                         "（《行政处罚法》第四十五条）",
                         money_yuan(f->fine, yuan, sizeof yuan));
    }
    d->has_taken = !str_blank(wf_arg(a, "confiscated"));
    if (d->has_taken &&
        (!csv_has(d->types, "confiscation") || money_parse(wf_arg(a, "confiscated"), &d->taken)))
        return err_field(e, "confiscated", "没收金额须为金额（元），且处罚种类包括没收");
    int64_t min = 0;
    if (d->has_fine && f->item &&
        db_get_int(c->db, e, &min, "SELECT COALESCE(fine_min, 0) FROM power_item WHERE id = ?", "i",
                   f->item))
        return e->code;
    if (d->has_fine && d->fine < min && str_blank(wf_arg(a, "lighter_reason")))
        return err_field(e, "lighter_reason",
                         "罚款低于法定最低数额，须写明减轻处罚的情形（《行政处罚法》第三十二条）");
    return read_wording(c, a, d, e);
}

int case_guard_decide(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    struct facts f = {0};
    struct decision d = {0};
    const char *day = wf_date(c, a);
    int rc = case_guard_apart(c, id, "行政处罚决定", e);
    if (!rc) rc = read_facts(c, id, &f, e);
    if (!rc) rc = guard_windows(c, id, &f, day, e);
    if (!rc) rc = guard_review(c, id, &f, e);
    if (!rc) rc = guard_discussion(c, id, &f, "penalise", e);
    if (!rc) rc = guard_in_time(c, id, day, e);
    return rc ? rc : read_decision(c, a, &f, &d, e);
}

/* The party's window, if still open, ends with the decision: it has run out (or was waived). */
static int end_defence(struct ctx *c, int64_t id, struct err *e)
{
    return db_exec(c->db, e,
                   "UPDATE wf_deadline SET ended_on = due_on, outcome = 'met' WHERE kind = 'case'"
                   " AND object_id = ? AND name = 'defence' AND ended_on IS NULL",
                   "i", id) < 0
               ? e->code
               : 0;
}

int case_effect_decide(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    struct facts f = {0};
    struct decision d = {0};
    if (read_facts(c, id, &f, e) || read_decision(c, a, &f, &d, e)) return e->code;
    char label[POWER_TYPES_MAX * 3], yuan[MONEY_YUAN_SIZE];
    power_types_label(d.types, label, sizeof label);
    a->reason = arena_printf(
        c->arena, "决定给予%s%s", label,
        d.has_fine ? arena_printf(c->arena, "（罚款%s元）", money_yuan(d.fine, yuan, sizeof yuan))
                   : "");
    struct db_arg args[] = {
        {.type = 't', .s = wf_date(c, a)},
        {.type = 'i', .i = c->who->user_id},
        {.type = 't', .s = d.types},
        d.has_fine ? (struct db_arg){.type = 'i', .i = d.fine} : (struct db_arg){.type = 'n'},
        d.has_taken ? (struct db_arg){.type = 'i', .i = d.taken} : (struct db_arg){.type = 'n'},
        {.type = 't', .s = d.wording},
        {.type = 'i', .i = c->now},
        {.type = 'i', .i = id},
    };
    struct db_stmt *st = db_query_args(c->db, e,
                                       "UPDATE penalty_case SET decided_on = ?, decided_by = ?,"
                                       " decision_types = ?, decision_fine = ?,"
                                       " decision_confiscated = ?, decision_wording = ?,"
                                       " updated_at = ? WHERE id = ?",
                                       (int)countof(args), args);
    int rc = st ? db_step(st, e) : e->code;
    db_done(st);
    if (rc >= 0) rc = end_defence(c, id, e);
    return rc < 0 ? rc : publicity_enqueue_case(c, id, e);
}

/* ---- 不予行政处罚 (第三十三条) ------------------------------------------------------------- */

/* [R-CASE-45] 第三十三条: not penalised only on a ground of the article with every condition it
 * names found — 轻微并及时改正、没有造成危害后果; 初次违法且危害后果轻微并及时改正 (no earlier
 * penalty of the party for the same item); 没有主观过错 proved by the party — and with the
 * education given recorded. */
static int check_ground(struct ctx *c, int64_t id, const struct wf_args *a, const struct facts *f,
                        struct err *e)
{
    static const struct {
        const char *ground, *needs[3];
    } need[] = {{"minor", {"minor_act", "corrected", "no_harm"}},
                {"first", {"first_time", "minor_harm", "corrected"}},
                {"no_fault", {NULL, NULL, NULL}}};
    const char *ground = wf_arg(a, "ground"), *found = wf_arg(a, "conditions");
    for (size_t i = 0; i < countof(need); i++) {
        if (strcmp(ground, need[i].ground) != 0) continue;
        for (int k = 0; k < 3 && need[i].needs[k]; k++)
            if (!csv_has(found, need[i].needs[k]))
                return err_field(e, "conditions",
                                 "不予行政处罚须认定“%s”（《行政处罚法》第三十三条）",
                                 wf_option_label(conditions, need[i].needs[k]));
    }
    if (strcmp(ground, "no_fault") == 0 && str_blank(wf_arg(a, "proof")))
        return err_field(e, "proof",
                         "须记录当事人证明没有主观过错的证据（《行政处罚法》第三十三条第二款）");
    if (strcmp(ground, "first") != 0 || !f->entity || !f->item) return 0;
    const char *earlier = NULL;
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT number FROM penalty_case WHERE entity_id = ?"
                 " AND power_item_id = ? AND id <> ? AND decision_types IS NOT NULL"
                 " ORDER BY decided_on LIMIT 1",
                 "iii", f->entity, f->item, id);
    if (st && db_step(st, e) == DB_ROW) earlier = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    if (e->code) return e->code;
    return earlier ? err_field(e, "ground",
                               "当事人曾因同一违法行为受到行政处罚（%s），不属于初次违法", earlier)
                   : 0;
}

int case_guard_no_penalty(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    struct facts f = {0};
    int rc = case_guard_apart(c, id, "不予行政处罚决定", e);
    if (!rc) rc = read_facts(c, id, &f, e);
    if (!rc) rc = guard_review(c, id, &f, e);
    if (!rc) rc = guard_discussion(c, id, &f, "no_penalty", e);
    if (!rc) rc = guard_in_time(c, id, wf_date(c, a), e);
    return rc ? rc : check_ground(c, id, a, &f, e);
}

int case_effect_no_penalty(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    a->reason = arena_printf(c->arena, "不予行政处罚：%s",
                             wf_option_label(case_grounds, wf_arg(a, "ground")));
    const char *proof = wf_arg(a, "proof");
    const char *found = str_blank(proof)
                            ? wf_arg(a, "conditions")
                            : arena_printf(c->arena, "%s%s证据：%s", wf_arg(a, "conditions"),
                                           str_blank(wf_arg(a, "conditions")) ? "" : "；", proof);
    return db_exec(c->db, e,
                   "UPDATE penalty_case SET decided_on = ?, decided_by = ?, no_penalty_ground = ?,"
                   " no_penalty_conditions = ?, education = ?, updated_at = ? WHERE id = ?",
                   "tItttii", wf_date(c, a), c->who->user_id, wf_arg(a, "ground"), found,
                   wf_arg(a, "education"), c->now, id) < 0 ||
                   end_defence(c, id, e)
               ? e->code
               : publicity_enqueue_case(c, id, e);
}

/* ---- 集体讨论 (第五十七条) ----------------------------------------------------------------- */

/* The names in text, separated by 、 , ， ; ； or spaces. */
static int count_names(const char *text)
{
    static const char *const seps[] = {"、", ",", "，", ";", "；", " ", "\t", "\n", "\r"};
    int n = 0;
    bool in = false;
    for (const char *q = text; *q;) {
        size_t step = 0;
        for (size_t i = 0; i < countof(seps) && !step; i++)
            if (strncmp(q, seps[i], strlen(seps[i])) == 0) step = strlen(seps[i]);
        if (step) {
            in = false;
            q += step;
            continue;
        }
        if (!in) n++;
        in = true;
        q++;
    }
    return n;
}

/* [R-CASE-46] 第五十七条: the collective discussion names its participants — at least the
 * setting case.discussion_min leaders (default 3, [U]) — their opinions and its conclusion. */
int case_guard_discuss(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)id;
    int min = CASE_DISCUSSION_MIN;
    if (setting_int(c, "case.discussion_min", &min, e)) return e->code;
    if (count_names(wf_arg(a, "participants")) < min)
        return err_field(e, "participants",
                         "集体讨论须有%d名以上负责人参加（本机关设定），请逐一填写，用顿号分隔",
                         min);
    return 0;
}

int case_effect_discuss(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    const char *conclusion = wf_arg(a, "conclusion");
    a->reason = arena_printf(c->arena, "结论：%s", wf_option_label(case_conclusions, conclusion));
    return db_exec(c->db, e,
                   "INSERT INTO case_discussion (case_id, held_on, participants, opinions,"
                   " conclusion, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   "ittttIi", id, wf_date(c, a), wf_arg(a, "participants"), wf_arg(a, "opinions"),
                   conclusion, c->who->user_id, c->now) < 0
               ? e->code
               : 0;
}

/* ---- reading ------------------------------------------------------------------------------- */

static json_t *discussions(struct ctx *c, int64_t id, struct err *e)
{
    json_t *out = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT held_on, participants, opinions, conclusion"
                                  " FROM case_discussion WHERE case_id = ? ORDER BY id",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW) {
        json_t *r = jpack("{ss ss ss ss}", "held_on", db_text(st, 0), "participants",
                          db_text(st, 1), "opinions", db_text(st, 2), "conclusion", db_text(st, 3));
        jset_text(r, "conclusion_label", wf_option_label(case_conclusions, db_text(st, 3)));
        json_array_append_new(out, r);
    }
    db_done(st);
    return out;
}

/* An amount as {"yuan", "capital"} under key of o. */
static void amount(json_t *o, const char *key, struct db_stmt *st, int col)
{
    if (db_null(st, col)) return;
    char yuan[MONEY_YUAN_SIZE], cap[MONEY_CAPITAL_SIZE];
    json_object_set_new(o, key,
                        jpack("{ss ss}", "yuan", money_yuan(db_int(st, col), yuan, sizeof yuan),
                              "capital", money_capital(db_int(st, col), cap, sizeof cap)));
}

/* The decision of case id (when decided) as "decision", and its discussions, into o. */
int case_decision_json(struct ctx *c, int64_t id, json_t *o, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT x.decided_on, u.display_name, x.decision_types,"
                                  " x.decision_fine, x.decision_confiscated, x.no_penalty_ground,"
                                  " x.no_penalty_conditions, x.education, x.procedure,"
                                  " en.uscc, en.legal_rep, x.decision_wording"
                                  " FROM penalty_case x LEFT JOIN app_user u ON u.id = x.decided_by"
                                  " LEFT JOIN entity en ON en.id = x.entity_id WHERE x.id = ?",
                                  "i", id);
    bool found = st && db_step(st, e) == DB_ROW;
    if (found && !db_null(st, 0)) {
        json_t *d = json_object();
        jset_text(d, "decided_on", db_text(st, 0));
        jset_text(d, "decided_by", db_text(st, 1));
        char label[POWER_TYPES_MAX * 3];
        if (!db_null(st, 2)) {
            jset_text(d, "types", db_text(st, 2));
            power_types_label(db_text(st, 2), label, sizeof label);
            jset_text(d, "types_label", label);
        }
        amount(d, "fine", st, 3);
        amount(d, "confiscated", st, 4);
        jset_text(d, "ground", db_text(st, 5));
        jset_text(d, "ground_label",
                  db_text(st, 5) ? wf_option_label(case_grounds, db_text(st, 5)) : NULL);
        jset_text(d, "conditions", db_text(st, 6));
        jset_text(d, "education", db_text(st, 7));
        jset_text(d, "wording", db_text(st, 11));
        json_object_set_new(o, "decision", d);
    }
    if (found) {
        jset_text(o, "procedure", db_text(st, 8));
        jset_text(o, "party_uscc", db_text(st, 9));
        jset_text(o, "party_legal_rep", db_text(st, 10));
    }
    db_done(st);
    if (e->code) return e->code;
    json_object_set_new(o, "discussions", discussions(c, id, e));
    return e->code;
}
