/* case_goods.c — the 非法财物 a penalty decision confiscated and their disposal (行政处罚法 第九条
 * 第（二）项、第七十四条): each item recorded on the decided case (name, quantity, unit, estimated
 * value), and each one's disposal — destroyed, auctioned with the proceeds paid to the treasury,
 * handed to the competent department, or otherwise — with its day, who was present and the
 * record's number. The case is executed only once every item is disposed of
 * (case_execution_settle). Steps add_goods and dispose_goods are declared in case.c; table
 * case_goods (migration 053). */
#include "base/jpack.h"
#include "base/money.h"
#include "law/case_internal.h"
#include "law/field.h"

#include <stdlib.h>
#include <string.h>

static const struct wf_option disposals[] = {
    {"destroy", "销毁"},
    {"auction", "拍卖（所得款项上缴国库）"},
    {"transfer", "移交有关部门"},
    {"other", "其他方式"},
    {NULL, NULL},
};

static json_t *goods_choices(struct ctx *c, int64_t id);

const struct wf_input case_in_add_goods[] = {
    {"name", "物品名称", WF_TEXT, true, 100, NULL},
    {"quantity", "数量", WF_TEXT, true, 20, NULL},
    {"unit", "单位（如 支、盒、台）", WF_TEXT, true, 10, NULL},
    {"value", "估价（元）", WF_TEXT, false, 20, NULL},
    {"note", "说明（规格、存放地点等）", WF_TEXT, false, 500, NULL},
    {"date", "登记日期", WF_DATE, false, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};
const struct wf_input case_in_dispose_goods[] = {
    {"goods", "处置的物品", WF_CODE, true, 0, NULL, NULL, goods_choices},
    {"how", "处置方式", WF_CODE, true, 0, disposals},
    {"present", "在场的执法人员及其他人员（两人以上，用顿号分隔）", WF_TEXT, true, 200, NULL},
    {"record_no", "处置记录编号", WF_TEXT, true, 60, NULL},
    {"proceeds", "拍卖所得（元）", WF_TEXT, false, 20, NULL},
    {"treasury_receipt", "上缴国库的缴款凭证号码", WF_TEXT, false, 60, NULL},
    {"receiver", "接收的部门", WF_TEXT, false, 100, NULL},
    {"note", "说明（其他方式的，写明方式和依据）", WF_TEXT, false, 1000, NULL},
    {"date", "处置日期", WF_DATE, false, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

/* The goods of case id not yet disposed of, as a form's choices. */
static json_t *goods_choices(struct ctx *c, int64_t id)
{
    struct err e = {0};
    json_t *out = json_array();
    struct db_stmt *st = db_query(c->db, &e,
                                  "SELECT id, name, quantity, unit FROM case_goods"
                                  " WHERE case_id = ? AND disposal IS NULL ORDER BY id",
                                  "i", id);
    while (st && db_step(st, &e) == DB_ROW)
        json_array_append_new(out, jpack("{ss ss}", "code",
                                         arena_printf(c->arena, "%lld", (long long)db_int(st, 0)),
                                         "label",
                                         arena_printf(c->arena, "%s %s%s", db_text(st, 1),
                                                      db_text(st, 2), db_text(st, 3))));
    db_done(st);
    return out;
}

/* case_internal.h */
int case_goods_undisposed(struct ctx *c, int64_t id, int64_t *n, struct err *e)
{
    return db_get_int(c->db, e, n,
                      "SELECT COUNT(*) FROM case_goods WHERE case_id = ? AND disposal IS NULL", "i",
                      id);
}

/* Whether the decision of case id confiscates (its types hold confiscation). */
static int confiscates(struct ctx *c, int64_t id, struct err *e)
{
    const char *types = case_text(c, id, "decision_types", e);
    if (e->code) return e->code;
    if (!types) return 0;
    const char *p = strstr(types, "confiscation");
    return p && (p == types || p[-1] == ',') ? 1 : 0;
}

/* [R-CASE-111] 第九条第（二）项: goods are recorded on a decision that confiscates; a name, a
 * quantity above zero, a unit, and a value (when given) not below zero; not dated after today
 * nor before the decision. */
int case_guard_add_goods(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int yes = confiscates(c, id, e);
    if (yes <= 0)
        return yes < 0 ? yes
                       : err_set(e, ERR_INVALID,
                                 "本案的行政处罚决定没有没收违法所得、非法财物，不登记没收物品");
    char *end;
    double q = strtod(wf_arg(a, "quantity"), &end);
    if (end == wf_arg(a, "quantity") || *end || !(q > 0))
        err_field(e, "quantity", "数量应为大于零的数，如 20 或 1.5");
    int64_t value;
    if (!str_blank(wf_arg(a, "value")) && (money_parse(wf_arg(a, "value"), &value) || value < 0))
        err_field(e, "value", "估价应为不小于零的金额，如 300 或 300.50");
    const char *day = wf_date(c, a), *decided = case_text(c, id, "decided_on", e);
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (strcmp(day, today) > 0) err_field(e, "date", "登记日期不能晚于今天");
    if (decided && strcmp(day, decided) < 0)
        err_field(e, "date", "登记日期不能早于处罚决定日期（%s）", decided);
    return e->code;
}

/* The item kept; the case is not executed while it waits for its disposal. */
int case_effect_add_goods(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    int64_t value = 0;
    bool valued = !str_blank(wf_arg(a, "value")) && !money_parse(wf_arg(a, "value"), &value);
    struct db_arg args[] = {
        {.type = 'i', .i = id},
        {.type = 't', .s = wf_arg(a, "name")},
        {.type = 't', .s = wf_arg(a, "quantity")},
        {.type = 't', .s = wf_arg(a, "unit")},
        valued ? (struct db_arg){.type = 'i', .i = value} : (struct db_arg){.type = 'n'},
        {.type = 't', .s = blank_to_null(a->note)},
        {.type = 'i', .i = c->who->user_id},
        {.type = 'i', .i = c->now},
    };
    struct db_stmt *st = db_query_args(c->db, e,
                                       "INSERT INTO case_goods (case_id, name, quantity, unit,"
                                       " value, note, created_by, created_at)"
                                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                       (int)countof(args), args);
    int rc = st ? db_step(st, e) : e->code;
    db_done(st);
    if (rc < 0) return rc;
    a->reason = arena_printf(c->arena, "没收物品：%s %s%s", wf_arg(a, "name"),
                             wf_arg(a, "quantity"), wf_arg(a, "unit"));
    return case_execution_settle(c, id, wf_date(c, a), e);
}

/* The number of names in a list separated by 、，, ; or spaces. */
static int count_names(const char *s)
{
    int n = 0;
    bool in = false;
    for (const char *p = s ? s : ""; *p;) {
        size_t sep = !strncmp(p, "、", 3) || !strncmp(p, "，", 3) || !strncmp(p, "；", 3) ? 3
                     : (*p == ',' || *p == ';' || *p == ' ')                              ? 1
                                                                                          : 0;
        if (sep) {
            in = false;
            p += sep;
            continue;
        }
        if (!in) n++;
        in = true;
        p++;
    }
    return n;
}

/* The disposal's own fields: 拍卖 with the proceeds paid to the treasury and its receipt
 * (第七十四条), 移交 with the department, 其他 with what was done. */
static int check_how(const struct wf_args *a, struct err *e)
{
    const char *how = wf_arg(a, "how");
    int64_t proceeds;
    if (strcmp(how, "auction") == 0) {
        if (money_parse(wf_arg(a, "proceeds"), &proceeds) || proceeds < 0)
            err_field(e, "proceeds", "请填写拍卖所得的金额（元）");
        if (str_blank(wf_arg(a, "treasury_receipt")))
            err_field(e, "treasury_receipt",
                      "拍卖的款项应当全部上缴国库（《行政处罚法》第七十四条），请填写缴款凭证号码");
    } else if (strcmp(how, "transfer") == 0 && str_blank(wf_arg(a, "receiver"))) {
        err_field(e, "receiver", "请填写接收物品的部门");
    } else if (strcmp(how, "other") == 0 && str_blank(wf_arg(a, "note"))) {
        err_field(e, "note", "以其他方式处置的，请写明方式和依据");
    }
    return e->code;
}

/* [R-CASE-112] 第七十四条: an item of the case not yet disposed of, disposed of on a day from the
 * decision to today in the presence of two or more persons, with the record's number and the
 * fields of its way; the case executed once nothing is owed and every item is disposed of. */
int case_guard_dispose_goods(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int64_t item;
    int open = parse_i64(wf_arg(a, "goods"), &item)
                   ? 0
                   : db_exists(c->db, e,
                               "SELECT 1 FROM case_goods WHERE id = ? AND case_id = ?"
                               " AND disposal IS NULL",
                               "ii", item, id);
    if (open < 0) return open;
    if (!open) return err_field(e, "goods", "请选择本案尚未处置的没收物品");
    if (count_names(wf_arg(a, "present")) < 2)
        err_field(e, "present", "处置没收物品应当有两名以上执法人员在场，请写明在场人员");
    const char *day = wf_date(c, a), *decided = case_text(c, id, "decided_on", e);
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (strcmp(day, today) > 0) err_field(e, "date", "处置日期不能晚于今天");
    if (decided && strcmp(day, decided) < 0)
        err_field(e, "date", "处置日期不能早于处罚决定日期（%s）", decided);
    return check_how(a, e);
}

int case_effect_dispose_goods(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    int64_t item = 0, proceeds = 0;
    parse_i64(wf_arg(a, "goods"), &item);
    const char *how = wf_arg(a, "how"), *day = wf_date(c, a);
    bool auction = strcmp(how, "auction") == 0;
    if (auction) money_parse(wf_arg(a, "proceeds"), &proceeds);
    struct db_arg args[] = {
        {.type = 't', .s = how},
        {.type = 't', .s = day},
        {.type = 't', .s = wf_arg(a, "present")},
        {.type = 't', .s = wf_arg(a, "record_no")},
        auction ? (struct db_arg){.type = 'i', .i = proceeds} : (struct db_arg){.type = 'n'},
        {.type = 't', .s = auction ? wf_arg(a, "treasury_receipt") : NULL},
        {.type = 't', .s = strcmp(how, "transfer") == 0 ? wf_arg(a, "receiver") : NULL},
        {.type = 't', .s = blank_to_null(a->note)},
        {.type = 'i', .i = c->who->user_id},
        {.type = 'i', .i = item},
    };
    struct db_stmt *st = db_query_args(
        c->db, e,
        "UPDATE case_goods SET disposal = ?, disposed_on = ?, present = ?, record_no = ?,"
        " proceeds = ?, treasury_receipt = ?, receiver = ?, disposal_note = ?, disposed_by = ?"
        " WHERE id = ?",
        (int)countof(args), args);
    int rc = st ? db_step(st, e) : e->code;
    db_done(st);
    if (rc < 0) return rc;
    const char *name = NULL;
    st = db_query(c->db, e, "SELECT name FROM case_goods WHERE id = ?", "i", item);
    if (st && db_step(st, e) == DB_ROW) name = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    a->reason = arena_printf(c->arena, "处置没收物品：%s，%s", name ? name : "",
                             wf_option_label(disposals, how));
    return e->code ? e->code : case_execution_settle(c, id, day, e);
}

/* case_internal.h: [{"id","name","quantity","unit","value","note","disposal","disposal_label",
 * "disposed_on","present","record_no","proceeds","treasury_receipt","receiver","disposal_note"}].
 */
json_t *case_goods_json(struct ctx *c, int64_t id, struct err *e)
{
    json_t *out = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id, name, quantity, unit, value, note, disposal,"
                                  " disposed_on, present, record_no, proceeds, treasury_receipt,"
                                  " receiver, disposal_note FROM case_goods WHERE case_id = ?"
                                  " ORDER BY id",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW) {
        char v[MONEY_YUAN_SIZE], p[MONEY_YUAN_SIZE];
        json_t *g = jpack(
            "{sI ss ss ss ss* ss* ss* ss* ss* ss* ss* ss* ss* ss* ss*}", "id",
            (json_int_t)db_int(st, 0), "name", db_text(st, 1), "quantity", db_text(st, 2), "unit",
            db_text(st, 3), "value", db_null(st, 4) ? NULL : money_yuan(db_int(st, 4), v, sizeof v),
            "note", db_text(st, 5), "disposal", db_text(st, 6), "disposal_label",
            db_null(st, 6) ? NULL : wf_option_label(disposals, db_text(st, 6)), "disposed_on",
            db_text(st, 7), "present", db_text(st, 8), "record_no", db_text(st, 9), "proceeds",
            db_null(st, 10) ? NULL : money_yuan(db_int(st, 10), p, sizeof p), "treasury_receipt",
            db_text(st, 11), "receiver", db_text(st, 12), "disposal_note", db_text(st, 13));
        json_array_append_new(out, g);
    }
    db_done(st);
    return out;
}

/* case_internal.h: add_goods while the decision confiscates, dispose_goods while an item waits. */
void case_goods_actions(struct ctx *c, int64_t id, json_t *actions)
{
    struct err e = {0};
    int64_t open = 0;
    bool add = confiscates(c, id, &e) == 1,
         dispose = add && !case_goods_undisposed(c, id, &open, &e) && open > 0;
    for (size_t i = json_array_size(actions); i-- > 0;) {
        const char *a = json_string_value(json_object_get(json_array_get(actions, i), "action"));
        if ((strcmp(a, "add_goods") == 0 && !add) || (strcmp(a, "dispose_goods") == 0 && !dispose))
            json_array_remove(actions, i);
    }
}
