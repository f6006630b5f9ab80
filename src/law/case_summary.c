/* case_summary.c — the summary procedure (简易程序, 当场行政处罚; case_summary.h): the checks of
 * 第五十一条 and of the officers present, and the case recorded as decided, with its decision
 * issued, in one transaction. The entry step is declared in case.c (decide_on_spot). */
#include "law/case_summary.h"
#include "law/publicity.h"
#include "base/jpack.h"
#include "base/money.h"
#include "law/audit.h"
#include "law/case_internal.h"
#include "law/catalog.h"
#include "law/document.h"
#include "law/enforce.h"
#include "law/field.h"
#include "law/intake.h"

#include <string.h>

#define SUMMARY_MAX_OFFICERS 6

static const struct wf_option sources[] = {
    {"inspection", "监督检查发现"},
    {"task", "双随机抽查发现"},
    {"complaint", "投诉举报"},
    {"other", "其他"},
    {NULL, NULL},
};
static const struct wf_option kinds[] = {
    {"organisation", "法人或其他组织"}, {"citizen", "公民"}, {NULL, NULL}};

json_t *case_summary_sources(const char *selected)
{
    return wf_options_json(sources, selected);
}

json_t *case_summary_items(struct ctx *c)
{
    return case_item_choices(c, 0);
}

json_t *case_summary_officers(struct ctx *c)
{
    return case_enforcers_today(c);
}

/* Every field's shape at once (field messages). */
static int check(const struct case_summary_input *in, struct err *e)
{
    if (!wf_option_label(sources, in->source)) err_field(e, "source", "请选择案件来源");
    if (!catalog_has("lines", in->line)) err_field(e, "line", "请选择专业类别");
    if (str_blank(in->entity_id)) {
        field_text(in->party_name, "party_name", "当事人", true, 100, e);
        if (!wf_option_label(kinds, in->party_kind)) err_field(e, "party_kind", "请选择当事人类型");
    } else if (!str_blank(in->party_kind) && !wf_option_label(kinds, in->party_kind)) {
        err_field(e, "party_kind", "请选择当事人类型");
    }
    field_text(in->party_address, "party_address", "地址", false, 200, e);
    field_text(in->place, "place", "违法行为地点", true, 200, e);
    field_text(in->summary, "summary", "违法事实", true, 4000, e);
    day_t act = 0, decided = 0;
    field_date(in->act_on, "act_on", "违法行为日期", true, &act, e);
    field_date(in->decided_on, "decided_on", "决定日期", false, &decided, e);
    if (act && decided && decided < act) err_field(e, "decided_on", "决定日期不能早于违法行为日期");
    if (str_blank(in->item)) err_field(e, "item", "请选择权责清单中的行政处罚事项");
    if (str_blank(in->types)) err_field(e, "types", "请选择处罚种类");
    if (str_blank(in->officers)) err_field(e, "officers", "%s", ENFORCE_MIN_RULE);
    return e->code;
}

static bool is_citizen(const struct case_summary_input *in)
{
    return in->party_kind && strcmp(in->party_kind, "citizen") == 0;
}

/* [R-CASE-50] 第五十一条: on the spot only a 警告 and/or a fine of at most 200 元 (a citizen) or
 * 3,000 元 (an organisation); anything else goes through the general procedure. */
static int check_limits(const struct case_summary_input *in, struct err *e)
{
    char types[POWER_TYPES_MAX], bad[64];
    if (power_types_parse(in->types, types, bad, sizeof bad))
        return err_field(e, "types", "请选择处罚种类");
    for (const char *q = types; *q;) {
        const char *code;
        size_t n = csv_next(&q, &code);
        if (n && strncmp(code, "warning", n) != 0 && strncmp(code, "fine", n) != 0)
            return err_field(e, "types",
                             "当场处罚只能给予警告或者罚款，给予其他种类的行政处罚应当适用普通程序"
                             "（《行政处罚法》第五十一条）");
    }
    int64_t fine, limit = (is_citizen(in) ? CASE_SUMMARY_FINE_CITIZEN : CASE_SUMMARY_FINE_ORG);
    if (!csv_has(types, "fine")) return 0;
    if (money_parse(in->fine, &fine) || fine <= 0)
        return err_field(e, "fine", "请填写罚款金额（元）");
    if (fine > limit * 100)
        return err_field(
            e, "fine",
            "对%s当场罚款不得超过%lld元，超过的应当适用普通程序（《行政处罚法》第五十一条）",
            is_citizen(in) ? "公民" : "法人或者其他组织", (long long)limit);
    return 0;
}

/* [R-CASE-52] 第三十八条: the item is a penalty item of the power list the actor's agency may
 * apply, and the types and the fine are within its legal terms (case_proposal.c). */
static int check_item(struct ctx *c, const struct case_summary_input *in, struct case_penalty *p,
                      struct err *e)
{
    struct wf_args a = {0};
    wf_arg_set(&a, "item", in->item);
    wf_arg_set(&a, "types", in->types);
    wf_arg_set(&a, "fine", in->fine);
    return case_penalty_check(c, &a, p, e);
}

/* [R-CASE-53] 第三十六条: an act discovered (here: decided on) after its limitation is not
 * punished. */
static int check_limitation(const struct case_summary_input *in, const char *day, struct err *e)
{
    char last[11];
    if (case_limit_day(in->act_on, false, last))
        return err_field(e, "act_on", "日期格式应为 YYYY-MM-DD");
    if (strcmp(day, last) <= 0) return 0;
    return err_field(e, "act_on",
                     "违法行为（%s）在%d年内未被发现（时效截至 %s），不再给予行政处罚"
                     "（《行政处罚法》第三十六条）",
                     in->act_on, CASE_LIMIT_YEARS, last);
}

/* [R-CASE-51] 第四十二条、第四十三条: two or more officers present, the actor's own among them,
 * each may enforce on the day and none is on the party's 回避 list. ids gets them, *n how many. */
static int check_officers(struct ctx *c, const struct case_summary_input *in, int64_t entity,
                          const char *day, int64_t *ids, int *n, struct err *e)
{
    int64_t mine = 0;
    if (db_get_int(c->db, e, &mine, "SELECT COALESCE(officer_id, 0) FROM app_user WHERE id = ?",
                   "I", c->who->user_id))
        return e->code;
    if (!mine)
        return err_set(
            e, ERR_FORBIDDEN,
            "您的账号未关联执法人员，不能当场作出行政处罚决定（《行政处罚法》第四十二条）");
    *n = enforce_parse_officers(in->officers, "执法人员", ids, SUMMARY_MAX_OFFICERS, e);
    if (*n < 0) return e->code;
    day_t d;
    if (date_parse(day, &d)) return err_field(e, "decided_on", "日期格式应为 YYYY-MM-DD");
    bool present = false;
    for (int i = 0; i < *n; i++) {
        const char *name, *why;
        int barred = enforce_bar(c, ids[i], entity, d, true, &name, &why, e);
        if (barred < 0) return barred;
        if (barred)
            return err_field(e, "officers", "%s%s%s", name ? name : "", name ? "：" : "", why);
        present = present || ids[i] == mine;
    }
    if (*n < ENFORCE_MIN_OFFICERS) return err_field(e, "officers", "%s", ENFORCE_MIN_RULE);
    if (!present) return err_field(e, "officers", "当场作出处罚决定的执法人员应当包括您本人");
    return 0;
}

/* The case as decided on the spot: its procedure, place, decision and item; its officers. */
static int decide(struct ctx *c, int64_t id, const struct case_summary_input *in,
                  const struct case_penalty *p, const char *day, const int64_t *ids, int n,
                  struct err *e)
{
    struct db_arg fine =
        p->has_fine ? (struct db_arg){.type = 'i', .i = p->fine} : (struct db_arg){.type = 'n'};
    struct db_arg args[] = {
        {.type = 't', .s = in->place},
        {.type = 't', .s = day},
        c->who->user_id ? (struct db_arg){.type = 'i', .i = c->who->user_id}
                        : (struct db_arg){.type = 'n'},
        {.type = 't', .s = p->types},
        fine,
        {.type = 'i', .i = p->item},
        {.type = 't', .s = p->types},
        fine,
        {.type = 'i', .i = id},
    };
    struct db_stmt *st =
        db_query_args(c->db, e,
                      "UPDATE penalty_case SET procedure = 'summary', state = 'decided', place = ?,"
                      " decided_on = ?, decided_by = ?, decision_types = ?, decision_fine = ?,"
                      " power_item_id = ?, penalty_types = ?, fine = ? WHERE id = ?",
                      (int)countof(args), args);
    int rc = st ? db_step(st, e) : e->code;
    db_done(st);
    if (rc < 0) return rc;
    for (int i = 0; i < n; i++)
        if (db_exec(c->db, e, "INSERT INTO case_officer (case_id, officer_id) VALUES (?, ?)", "ii",
                    id, ids[i]) < 0)
            return e->code;
    return 0;
}

/* What the history says of the decision: 警告、罚款（罚款200.00元）. */
static const char *penalty_text(struct ctx *c, const struct case_penalty *p)
{
    char label[POWER_TYPES_MAX * 3], yuan[MONEY_YUAN_SIZE];
    power_types_label(p->types, label, sizeof label);
    return p->has_fine ? arena_printf(c->arena, "%s（罚款%s元）", label,
                                      money_yuan(p->fine, yuan, sizeof yuan))
                       : arena_strdup(c->arena, label);
}

/* [R-CASE-54] 第五十二条: the step 当场作出行政处罚决定 issues the numbered 当场行政处罚决定书
 * (kept as its PDF) and the case takes its 文号; the record is the decision's 备案. */
static int record(struct ctx *c, int64_t id, const struct case_penalty *p, const char *day,
                  struct err *e)
{
    struct wf_args a = {.date = day, .reason = penalty_text(c, p)};
    int rc = wf_enter(c, &case_workflow, id, "decide_on_spot", &a, e);
    if (!rc) rc = case_execution_open(c, id, day, e); /* 第五十二条: handed over on the spot */
    if (rc) return rc;
    return db_exec(c->db, e,
                   "UPDATE penalty_case SET number = (SELECT number FROM document WHERE"
                   " object_type = 'case' AND object_id = ? AND type = 'summary_penalty_decision'),"
                   " updated_at = ? WHERE id = ?",
                   "iii", id, c->now, id) < 0
               ? e->code
               : publicity_enqueue_case(c, id, e);
}

/* Everything inside the transaction. */
static int add(struct ctx *c, const struct case_summary_input *in, const char *day, int64_t *id,
               struct err *e)
{
    struct case_input ci = {.source = in->source,
                            .source_id = in->source_id,
                            .line = in->line,
                            .entity_id = in->entity_id,
                            .party_name = in->party_name,
                            .party_kind = in->party_kind,
                            .party_address = in->party_address,
                            .summary = in->summary,
                            .act_on = in->act_on,
                            .received_on = day};
    struct case_penalty p;
    int64_t agency, entity, source_id, ids[SUMMARY_MAX_OFFICERS];
    int n = 0;
    const char *party;
    int rc = check_limits(in, e);
    if (!rc) rc = check_item(c, in, &p, e);
    if (!rc) rc = check_limitation(in, day, e);
    if (!rc) rc = intake_agency(c, NULL, &agency, e);
    if (!rc) rc = case_resolve_party(c, &ci, &entity, &party, e);
    if (!rc) rc = check_officers(c, in, entity, day, ids, &n, e);
    if (!rc) rc = case_resolve_source(c, &ci, &source_id, e);
    if (!rc) rc = case_insert(c, &ci, agency, source_id, entity, party, day, id, e);
    if (!rc) rc = decide(c, *id, in, &p, day, ids, n, e);
    if (!rc) rc = record(c, *id, &p, day, e);
    if (!rc)
        rc = audit_write(c, "case.summary", "case", *id, "当场作出行政处罚决定：%s，%s（%s）",
                         party, penalty_text(c, &p), in->place);
    return rc;
}

int case_summary_add(struct ctx *c, const struct case_summary_input *in, int64_t *id, struct err *e)
{
    if (check(in, e)) return e->code;
    const char *day;
    int rc = intake_day(c, in->decided_on, "决定日期", &day, e);
    if (rc) {
        /* intake_day names received_on: the field here is decided_on */
        err_clear(e);
        return err_field(e, "decided_on", "决定日期不能晚于今天");
    }
    rc = db_begin(c->db, e);
    if (!rc) rc = add(c, in, day, id, e);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* ---- reading ----------------------------------------------------------------------------------
 */

int case_summary_read(struct ctx *c, int64_t id, json_t *o, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT x.procedure, x.place, x.decided_on, x.decision_types,"
                                  " x.decision_fine, pi.code, pi.name, pi.violated,"
                                  " pi.penalty_basis FROM penalty_case x"
                                  " LEFT JOIN power_item pi ON pi.id = x.power_item_id"
                                  " WHERE x.id = ?",
                                  "i", id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    bool summary = rc == DB_ROW && strcmp(db_text(st, 0), "summary") == 0;
    if (rc == DB_ROW) {
        jset_text(o, "procedure", db_text(st, 0));
        jset_text(o, "procedure_label", summary ? "简易程序（当场处罚）" : "普通程序");
    }
    if (summary) {
        json_t *d = json_object();
        char label[POWER_TYPES_MAX * 3], yuan[MONEY_YUAN_SIZE], cap[MONEY_CAPITAL_SIZE];
        jset_text(o, "place", db_text(st, 1));
        jset_text(d, "decided_on", db_text(st, 2));
        jset_text(d, "types", db_text(st, 3));
        power_types_label(db_text(st, 3), label, sizeof label);
        jset_text(d, "types_label", label);
        if (!db_null(st, 4)) {
            jset_text(d, "fine_yuan", money_yuan(db_int(st, 4), yuan, sizeof yuan));
            jset_text(d, "fine_capital", money_capital(db_int(st, 4), cap, sizeof cap));
        }
        jset_text(d, "item_code", db_text(st, 5));
        jset_text(d, "item_name", db_text(st, 6));
        jset_text(d, "violated", db_text(st, 7));
        jset_text(d, "penalty_basis", db_text(st, 8));
        jset_int(d, "pay_days", CASE_SUMMARY_PAY_DAYS);
        json_object_set_new(o, "summary_decision", d);
    }
    db_done(st);
    return rc < 0 ? rc : e->code;
}
