/* preservation.c — 证据先行登记保存 of a penalty case (行政处罚法 第五十六条): its workflow
 * declared as data, its guards, and registration. Reading is preservation_read.c. */
#include "law/preservation.h"
#include "law/area.h"
#include "base/jpack.h"
#include "law/audit.h"
#include "law/case_internal.h"
#include "law/field.h"
#include "law/role.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- codes ---------------------------------------------------------------------------------- */

/* [R-CASE-58] The 处理决定 of 第五十六条: what becomes of the items. Confiscation is a penalty
 * (第九条): only the penalty decision makes it, so the items wait for it. */
static const struct wf_option disposals[] = {
    {"return", "记录、复制、拍照后退还当事人"},
    {"test", "送交检验、检测或者鉴定"},
    {"transfer", "移送有关部门处理"},
    {"confiscate", "依法应予没收，待作出行政处罚决定时处理"},
    {"release", "解除先行登记保存"},
    {NULL, NULL},
};

const char *preservation_disposal_label(const char *code)
{
    return wf_option_label(disposals, code);
}

/* ---- items ---------------------------------------------------------------------------------- */

/* The next part of line up to "|" or "｜" (trimmed, arena); *p moves past the separator. */
static char *next_part(struct arena *a, const char **p)
{
    const char *s = *p, *bar = strchr(s, '|'), *wide = strstr(s, "｜");
    const char *end = bar && (!wide || bar < wide) ? bar : wide;
    size_t n = end ? (size_t)(end - s) : strlen(s);
    char *part = str_trim(arena_strndup(a, s, n));
    *p = end ? end + (end == bar ? 1 : strlen("｜")) : s + n;
    return part;
}

/* One line of the items' text: 名称｜规格｜数量 or 名称｜数量. */
static json_t *item_of(struct arena *a, const char *line, int no, struct err *e)
{
    const char *p = line, *parts[3] = {NULL, NULL, NULL};
    int n = 0;
    while (*p && n < 3)
        parts[n++] = next_part(a, &p);
    if (*p || n < 2) {
        err_field(e, "items", "第%d项应写作“名称｜规格｜数量”或“名称｜数量”", no);
        return NULL;
    }
    const char *name = parts[0], *spec = n == 3 ? parts[1] : "", *qty = parts[n - 1];
    if (!*name || !*qty || utf8_len(name) > 100 || utf8_len(spec) > 100 || utf8_len(qty) > 50) {
        err_field(e, "items", "第%d项须写明物品名称（100字以内）和数量（50字以内）", no);
        return NULL;
    }
    return jpack("{ss ss ss}", "name", name, "spec", spec, "quantity", qty);
}

json_t *preservation_items(const char *text, struct err *e)
{
    struct arena a = {0};
    json_t *items = json_array();
    const char *p = text ? text : "";
    int no = 0;
    while (*p && !e->nfields) {
        size_t n = strcspn(p, "\r\n");
        char *line = str_trim(arena_strndup(&a, p, n));
        p += n + (p[n] ? 1 : 0);
        if (!*line) continue;
        if (++no > PRESERVATION_MAX_ITEMS) {
            err_field(e, "items", "一次最多登记%d项物品", PRESERVATION_MAX_ITEMS);
            break;
        }
        json_t *item = item_of(&a, line, no, e);
        if (item) json_array_append_new(items, item);
    }
    if (!e->nfields && json_array_size(items) == 0)
        err_field(e, "items", "请列明先行登记保存的物品：名称、规格、数量，每行一项");
    arena_free(&a);
    if (e->nfields) {
        json_decref(items);
        return NULL;
    }
    return items;
}

/* [R-CASE-55] 第五十六条: the items (name, spec, quantity), where they are kept, and why the
 * evidence may be lost or hard to obtain later. */
int preservation_check(const struct preservation_input *in, struct err *e)
{
    struct err items = {0};
    json_decref(preservation_items(in->items, &items));
    if (items.nfields) err_field(e, "items", "%s", items.fields[0].msg);
    field_text(in->place, "place", "保存地点", true, 200, e);
    field_text(in->reason, "reason", "证据可能灭失或者以后难以取得的情形", true, 1000, e);
    day_t day;
    field_date(in->requested_on, "requested_on", "登记日期", false, &day, e);
    return e->code;
}

/* ---- the case ------------------------------------------------------------------------------- */

/* [R-CASE-55] 第五十四条、第五十六条: evidence is preserved in the investigation of a filed case
 * (已立案 or 调查终结), by one of its investigators. */
static int guard_case(const struct case_facts *f, struct err *e)
{
    if (!*f->filed)
        return err_set(e, ERR_INVALID,
                       "案件尚未立案，不能先行登记保存证据：立案后调查取证时，证据可能灭失或者以后"
                       "难以取得的，方可先行登记保存（《行政处罚法》第五十四条、第五十六条）");
    if (strcmp(f->state, "filed") != 0 && strcmp(f->state, "concluded") != 0)
        return err_set(e, ERR_INVALID,
                       "案件已不在调查阶段（%s），不能再先行登记保存证据（《行政处罚法》"
                       "第五十六条）",
                       wf_state_label(&case_workflow, f->state));
    if (!f->investigator)
        return err_set(e, ERR_FORBIDDEN, "只有本案的承办人员可以先行登记保存证据");
    return 0;
}

int preservation_may_add(struct ctx *c, int64_t case_id, struct err *e)
{
    if (!role_allows(c->who->roles, PERM_CASE_HANDLE)) return 0;
    struct case_facts f = {0};
    struct err quiet = {0};
    int rc = case_facts_read(c, case_id, &f, &quiet);
    if (rc == ERR_NOTFOUND) return 0;
    if (rc) {
        *e = quiet;
        return rc;
    }
    return guard_case(&f, &quiet) == 0;
}

/* ---- the preservation's own columns ---------------------------------------------------------- */

/* The text of one column of preservation id (arena), or NULL. column: a trusted identifier. */
static const char *get_text(struct ctx *c, int64_t id, const char *column, struct err *e)
{
    const char *sql =
        arena_printf(c->arena, "SELECT %s FROM case_preservation WHERE id = ?", column);
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

/* ---- guards and effects --------------------------------------------------------------------- */

/* [R-CASE-56] 第五十六条: the head approves (the step's permission), and not one who investigates
 * the case, proposed its 立案 or asked for this preservation (审批与承办分离); the approval's day
 * [R-CASE-59] between the registration and today. */
static int guard_approve(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int64_t case_id = case_of(c, id, e);
    if (e->code) return e->code;
    int rc = case_guard_apart(c, case_id, "证据先行登记保存（《行政处罚法》第五十六条）", e);
    if (rc) return rc;
    int asked =
        db_exists(c->db, e, "SELECT 1 FROM case_preservation WHERE id = ? AND requested_by = ?",
                  "iI", id, c->who->user_id);
    if (asked < 0) return asked;
    if (asked)
        return err_set(e, ERR_FORBIDDEN,
                       "提出先行登记保存的人员不能批准（《行政处罚法》第五十六条：经行政机关负责人"
                       "批准）");
    const char *requested = get_text(c, id, "requested_on", e);
    return e->code ? e->code
                   : field_day_in(wf_date(c, a), "date", date_from_instant(c->now), requested,
                                  "登记日期", e);
}

static int effect_approve(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return db_exec(c->db, e,
                   "UPDATE case_preservation SET approved_on = ?, approved_by = ?, updated_at = ?"
                   " WHERE id = ?",
                   "tIii", wf_date(c, a), c->who->user_id, c->now, id) < 0
               ? e->code
               : 0;
}

/* [R-CASE-58] 第五十六条: the 处理决定 is made by an investigator of the case (the step's
 * permission is case.handle); its day [R-CASE-59] between the approval and today. */
static int guard_dispose(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int64_t case_id = case_of(c, id, e);
    if (e->code) return e->code;
    struct case_facts f = {0};
    if (case_facts_read(c, case_id, &f, e)) return e->code;
    if (!f.investigator)
        return err_set(e, ERR_FORBIDDEN,
                       "先行登记保存的处理决定由本案的承办人员作出（《行政处罚法》第五十六条）");
    const char *approved = get_text(c, id, "approved_on", e);
    return e->code ? e->code
                   : field_day_in(wf_date(c, a), "date", date_from_instant(c->now), approved,
                                  "批准日期", e);
}

static int effect_dispose(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return db_exec(c->db, e,
                   "UPDATE case_preservation SET disposal = ?, disposed_on = ?, updated_at = ?"
                   " WHERE id = ?",
                   "ttii", a->reason, wf_date(c, a), c->now, id) < 0
               ? e->code
               : 0;
}

/* ---- the workflow --------------------------------------------------------------------------- */

static const struct wf_state states[] = {
    {"requested", "待批准", false},
    {"preserved", "已先行登记保存", false},
    {"disposed", "已作出处理决定", true},
    {"refused", "不予批准", true},
};

/* [R-CASE-57] 第五十六条、第八十五条: the 处理决定 within 7 working days of the approval. */
static const struct wf_deadline_rule deadline_dispose = {
    "dispose", "处理决定期限", PRESERVATION_DISPOSE_DAYS, true, PRESERVATION_DISPOSE_BASIS, NULL,
    NULL};

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
    {"note", "不予批准的理由", WF_TEXT, true, 500, NULL},
    {"date", "日期", WF_DATE, false, 0, NULL},
    END,
};
static const struct wf_input in_dispose[] = {
    {"reason", "处理决定", WF_CODE, true, 0, disposals},
    {"note", "处理决定的内容（检验机构、移送的部门、退还的物品等）", WF_TEXT, true, 1000, NULL},
    {"date", "作出处理决定的日期", WF_DATE, false, 0, NULL},
    END,
};
#undef END

#define DOCS(...) ((const char *const[]){__VA_ARGS__, NULL})
static const struct wf_transition steps[] = {
    {"requested", "approve", "preserved", "批准先行登记保存", PERM_CASE_APPROVE, guard_approve,
     &deadline_dispose, NULL, .inputs = in_approve, .effect = effect_approve,
     .documents = DOCS("evidence_preservation_decision"),
     .confirm = "批准后出具证据先行登记保存决定书，并开始计算七个工作日的处理期限。确定批准？"},
    {"requested", "refuse", "refused", "不予批准", PERM_CASE_APPROVE, guard_approve, NULL, NULL,
     .inputs = in_refuse},
    {"preserved", "dispose", "disposed", "作出处理决定", PERM_CASE_HANDLE, guard_dispose, NULL,
     "dispose", .inputs = in_dispose, .effect = effect_dispose,
     .documents = DOCS("evidence_disposal_decision"),
     .confirm = "作出处理决定后出具证据先行登记保存处理决定书，不能更改。确定？"},
};
#undef DOCS

const struct workflow preservation_workflow = {.kind = "preservation",
                                               .table = "case_preservation",
                                               .states = states,
                                               .nstates = countof(states),
                                               .steps = steps,
                                               .nsteps = countof(steps),
                                               .reason_label = preservation_disposal_label,
                                               .start_label = "登记",
                                               .line_column = "line"};

/* ---- registration --------------------------------------------------------------------------- */

static int insert(struct ctx *c, int64_t case_id, const struct case_facts *f,
                  const struct preservation_input *in, const char *items, const char *day,
                  int64_t *id, struct err *e)
{
    struct db_stmt *st = db_query(
        c->db, e,
        "INSERT INTO case_preservation (agency_id, case_id, line, state, items, place, reason,"
        " requested_on, requested_by, created_at, updated_at)"
        " VALUES (?, ?, ?, 'requested', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        "iitttttIii", f->agency, case_id, f->line, items, in->place, in->reason, day,
        c->who->user_id, c->now, c->now);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_INTERNAL, "登记失败");
}

/* The checks and the write, inside preservation_add's transaction. */
static int add_in(struct ctx *c, int64_t case_id, const struct preservation_input *in,
                  const char *items, size_t nitems, const char *day, int64_t *id, struct err *e)
{
    struct case_facts f = {0};
    int rc = case_facts_read(c, case_id, &f, e);
    if (!rc) rc = guard_case(&f, e);
    if (!rc)
        rc = field_day_in(day, "requested_on", date_from_instant(c->now), f.filed, "立案日期", e);
    if (!rc) rc = insert(c, case_id, &f, in, items, day, id, e);
    struct wf_args a = {.date = day};
    if (!rc) rc = wf_start(c, &preservation_workflow, *id, NULL, &a, e);
    if (!rc)
        rc = audit_write(c, "preservation.create", "preservation", *id,
                         "先行登记保存证据（案件 %lld）：%zu 项物品，保存于%s", (long long)case_id,
                         nitems, in->place);
    return rc;
}

int preservation_add(struct ctx *c, int64_t case_id, const struct preservation_input *in,
                     int64_t *id, struct err *e)
{
    if (preservation_check(in, e)) return e->code;
    json_t *items = preservation_items(in->items, e);
    if (!items) return e->code;
    char *text = json_dumps(items, JSON_COMPACT);
    size_t n = json_array_size(items);
    json_decref(items);
    const char *day = str_blank(in->requested_on) ? NULL : in->requested_on;
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    int rc = db_begin(c->db, e);
    if (!rc) {
        rc = add_in(c, case_id, in, text, n, day ? day : today, id, e);
        if (rc)
            db_rollback(c->db);
        else
            rc = db_commit(c->db, e);
    }
    free(text);
    return rc;
}

/* ---- the area's tables (law/area.h) --------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"case_preservation",
     "证据先行登记保存",
     true,
     "id",
     {{"agency_id", "agency", REF_ID},
      {"case_id", "penalty_case", REF_ID},
      {"requested_by", "app_user", REF_ID},
      {"approved_by", "app_user", REF_ID}}},
};

const struct law_area law_area_preservations = {
    "preservations",        tables, countof(tables), NULL, 0, &preservation_workflow,
    &preservation_documents};
