/* inspection.c — inspections (监督检查): recording with every rule checked, documents issued in
 * the same transaction, one inspection with everything about it, lists, overdue corrections and
 * counts. */
#include "law/area.h"
#include "base/jpack.h"
#include "law/role.h"
#include "law/inspection.h"
#include "law/publicity.h"
#include "law/enforce.h"
#include "law/case.h"
#include "law/task.h"
#include "law/audit.h"
#include "law/campaign.h"
#include "law/catalog.h"
#include "law/checklist.h"
#include "law/document.h"
#include "law/field.h"
#include "law/officer.h"
#include "law/paging.h"

#include <stdio.h>
#include <string.h>

/* ---- codes -------------------------------------------------------------------------------- */

struct code_label {
    const char *code, *label;
};

static const struct code_label types[] = {{"routine", "日常监督"},
                                          {"random", "双随机"},
                                          {"campaign", "专项检查"},
                                          {"complaint", "投诉核查"},
                                          {"reinspection", "复查"}};
static const struct code_label outcomes[] = {
    {"pass", "合格"}, {"rectify", "责令整改"}, {"refer", "建议立案"}};
static const struct code_label results[] = {
    {"conform", "符合"}, {"nonconform", "不符合"}, {"not_applicable", "合理缺项"}};

static const char *label_in(const struct code_label *t, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (code && strcmp(code, t[i].code) == 0) return t[i].label;
    return NULL;
}

const char *inspection_type_label(const char *type)
{
    return label_in(types, countof(types), type);
}

const char *inspection_outcome_label(const char *outcome)
{
    return label_in(outcomes, countof(outcomes), outcome);
}

const char *inspection_result_label(const char *result)
{
    return label_in(results, countof(results), result);
}

json_t *inspection_codes(const char *which)
{
    const struct code_label *t = results;
    size_t n = countof(results);
    if (strcmp(which, "types") == 0) {
        t = types;
        n = countof(types);
    } else if (strcmp(which, "outcomes") == 0) {
        t = outcomes;
        n = countof(outcomes);
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, jpack("{ss ss}", "code", t[i].code, "label", t[i].label));
    return arr;
}

static bool is(const char *s, const char *code)
{
    return s && strcmp(s, code) == 0;
}

/* ---- checking a new inspection ------------------------------------------------------------ */

/* What validation learns on the way, used when saving. */
struct plan {
    day_t date;                                /* 检查日期 */
    int64_t officers[INSPECTION_MAX_OFFICERS]; /* distinct officer ids, in the order given */
    int nofficers;                             /* entries in officers */
    bool officers_parsed;                      /* the list could be read (else it has its error) */
    int nonconform;                            /* items answered 不符合 */
    int64_t agency_id;                         /* the agency the inspection belongs to */
    const char *entity_name;                   /* for the audit row (arena) */
    bool entity_ok;                            /* the entity is in scope */
    bool task_reached;   /* a random check of a task the actor reaches (law/task.h) */
    int64_t task_entity; /* …and its drawn entity, in reach through it like its team */
};

/* 双随机: a task of another agency's plan that drew the actor's officers is carried out with
 * its drawn entity and team, in reach through the task though outside the actor's subtree. */
static int reach_task(struct ctx *c, const struct inspection_input *in, struct plan *p,
                      struct err *e)
{
    if (in->task_id <= 0 || !is(in->type, "random")) return 0;
    int reached = task_in_reach(c, in->task_id, e);
    if (reached <= 0) return reached;
    p->task_reached = true;
    int rc = db_get_int(c->db, e, &p->task_entity, "SELECT entity_id FROM task WHERE id = ?", "i",
                        in->task_id);
    return rc == ERR_NOTFOUND ? 0 : rc;
}

/* Whether officer is on the drawn team of the task being carried out: 1, 0 or an error. */
static int on_reached_team(struct ctx *c, const struct inspection_input *in, const struct plan *p,
                           int64_t officer, struct err *e)
{
    if (!p->task_reached) return 0;
    return db_exists(c->db, e, "SELECT 1 FROM task_officer WHERE task_id = ? AND officer_id = ?",
                     "ii", in->task_id, officer);
}

/* A "HH:MM" time of day into minutes; -1 when malformed. */
static int parse_hhmm(const char *s)
{
    if (!s || strlen(s) != 5 || s[2] != ':') return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9')) return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    return h < 24 && m < 60 ? h * 60 + m : -1;
}

static void check_times(const struct inspection_input *in, struct err *e)
{
    int from = -1, to = -1;
    if (!str_blank(in->time_from) && (from = parse_hhmm(in->time_from)) < 0)
        err_field(e, "time_from", "开始时间应为“时:分”，如 09:30");
    if (!str_blank(in->time_to) && (to = parse_hhmm(in->time_to)) < 0)
        err_field(e, "time_to", "结束时间应为“时:分”，如 11:00");
    if (from >= 0 && to >= 0 && to <= from) err_field(e, "time_to", "结束时间应晚于开始时间");
}

/* Checklist items: each from the line's checklist, answered once with a valid result.
 * [R-INSP-08] */
static void check_items(const struct inspection_input *in, struct plan *p, struct err *e)
{
    if (in->nitems <= 0) return; /* reported by check_fields */
    if (in->nitems > INSPECTION_MAX_ITEMS) {
        err_field(e, "items", "检查事项过多");
        return;
    }
    const char *line_label = catalog_label("lines", in->line);
    for (int i = 0; i < in->nitems; i++) {
        const struct inspection_item_input *it = &in->items[i];
        char field[48];
        snprintf(field, sizeof field, "item_%.40s", it->code ? it->code : "");
        const char *of = NULL;
        if (!it->code || !utf8_valid_text(it->code, strlen(it->code))) {
            err_field(e, "items", "检查事项编号有误");
            continue;
        }
        if (!checklist_item(it->code, &of) || !is(of, in->line)) {
            if (line_label)
                err_field(e, field, "检查事项 %.40s 不在%s检查表中", it->code ? it->code : "",
                          line_label);
            continue;
        }
        for (int j = 0; j < i; j++)
            if (strcmp(in->items[j].code, it->code) == 0)
                err_field(e, "items", "检查事项 %s 重复填写", it->code);
        if (!inspection_result_label(it->result))
            err_field(e, field, "请选择符合、不符合或合理缺项");
        else if (is(it->result, "nonconform"))
            p->nonconform++;
        snprintf(field, sizeof field, "note_%.40s", it->code);
        if (it->note && !utf8_valid_text(it->note, strlen(it->note)))
            err_field(e, field, "说明含有不允许的字符");
        else
            field_text(it->note, field, "说明", false, 200, e);
    }
}

/* Read the comma-separated officer ids into p (distinct, in order). Field message for a bad
 * list; duplicates are reported with the two-officer rule. Returns the number of repeats. */
static int parse_officers(const char *list, struct plan *p, struct err *e)
{
    int repeats = 0;
    const char *s = list ? list : "";
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        char num[24];
        int64_t id = 0;
        if (len > 0) {
            if (len >= sizeof num) goto bad;
            memcpy(num, s, len);
            num[len] = 0;
            if (parse_i64(str_trim(num), &id) || id <= 0) goto bad;
            bool seen = false;
            for (int i = 0; i < p->nofficers; i++)
                seen |= p->officers[i] == id;
            if (seen) {
                repeats++;
            } else {
                if (p->nofficers == INSPECTION_MAX_OFFICERS) {
                    err_field(e, "officers", "一次检查最多选择%d名执法人员",
                              INSPECTION_MAX_OFFICERS);
                    return repeats;
                }
                p->officers[p->nofficers++] = id;
            }
        }
        s += len + (comma ? 1 : 0);
    }
    p->officers_parsed = true;
    return repeats;
bad:
    err_field(e, "officers", "执法人员编号有误");
    return repeats;
}

/* Checks that need nothing but the input. */
static void check_fields(struct ctx *c, const struct inspection_input *in, struct plan *p,
                         struct err *e)
{
    if (!inspection_type_label(in->type)) err_field(e, "type", "请选择检查类型");
    if (!catalog_has("lines", in->line)) err_field(e, "line", "请选择专业");
    if (in->entity_id <= 0) err_field(e, "entity_id", "请选择被检查单位");
    day_t today = date_from_instant(c->now);
    /* [R-INSP-09] */
    if (!field_date(in->date, "date", "检查日期", true, &p->date, e) && p->date > today)
        err_field(e, "date", "检查日期不能晚于今天");
    check_times(in, e);
    field_text(in->place, "place", "检查地点", true, 200, e);
    field_text(in->present_person, "present_person", "被检查人", false, 30, e);
    field_text(in->present_title, "present_title", "职务", false, 30, e);
    field_text(in->refused_sign, "refused_sign", "拒绝签名情况", false, 200, e);
    field_text(in->findings, "findings", "检查发现的问题", false, 2000, e);
    field_text(in->advice, "advice", "处理意见", false, 1000, e);
    field_text(in->off_target_reason, "off_target_reason", "检查原因", false, 200, e);
    if (in->nitems <= 0) err_field(e, "items", "请至少填写一项检查事项的检查结果");
    if (catalog_has("lines", in->line)) check_items(in, p, e);

    /* [R-INSP-07] the outcome agrees with the items */
    if (!inspection_outcome_label(in->outcome)) {
        err_field(e, "outcome", "请选择检查结论");
    } else if (is(in->outcome, "pass") && p->nonconform) {
        err_field(e, "outcome", "存在不符合项，检查结论不能为“合格”");
    } else if (!is(in->outcome, "pass") && !p->nonconform && str_blank(in->findings)) {
        err_field(e, "findings", "责令整改或建议立案的，须写明发现的问题或标出不符合项");
    }
    /* [R-INSP-06] A correction order names its deadline, after the inspection (卫生监督意见书:
     * 责令于…前改正). */
    if (is(in->outcome, "rectify")) {
        day_t by = 0;
        if (!field_date(in->rectify_by, "rectify_by", "整改期限", true, &by, e) && p->date &&
            by <= p->date)
            err_field(e, "rectify_by", "整改期限应晚于检查日期");
    }
    if (is(in->type, "campaign") && in->campaign_id <= 0)
        err_field(e, "campaign_id", "专项检查须选择所属的专项检查");
    if (!is(in->type, "campaign") && in->campaign_id > 0)
        err_field(e, "campaign_id", "只有专项检查可以关联专项");
    if (is(in->type, "reinspection") && in->checks_id <= 0)
        err_field(e, "checks_id", "复查须关联被复查的检查记录");
    if (!is(in->type, "reinspection") && in->checks_id > 0)
        err_field(e, "checks_id", "只有复查可以关联原检查记录");
    if (!is(in->type, "random") && in->task_id > 0)
        err_field(e, "task_id", "只有双随机抽查可以关联抽查任务");
    if (!str_blank(in->corrected) && !is(in->corrected, "1") && !is(in->corrected, "0"))
        err_field(e, "corrected", "请选择是否已改正");
}

/* The entity: in scope, and the line one of its lines [R-INSP-08]. */
static int check_entity(struct ctx *c, const struct inspection_input *in, struct plan *p,
                        struct err *e)
{
    if (in->entity_id <= 0) return 0;
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT x.name, a.path, x.agency_id FROM entity x"
                                  " JOIN agency a ON a.id = x.agency_id WHERE x.id = ?",
                                  "i", in->entity_id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW && (actor_sees_path(c->who, db_text(st, 1)) ||
                         (p->task_reached && p->task_entity == in->entity_id))) {
        p->entity_ok = true;
        p->entity_name = arena_strdup(c->arena, db_text(st, 0));
        /* the acting user's agency issues the documents; the system acts for the entity's */
        p->agency_id = c->who->agency_id ? c->who->agency_id : db_int(st, 2);
    }
    db_done(st);
    if (rc < 0) return rc;
    if (!p->entity_ok) return err_field(e, "entity_id", "管理相对人不存在或不在您的管辖范围内");
    int has_line =
        catalog_has("lines", in->line)
            ? db_exists(c->db, e, "SELECT 1 FROM entity_line WHERE entity_id = ? AND line = ?",
                        "it", in->entity_id, in->line)
            : 1;
    if (has_line < 0) return has_line;
    if (!has_line)
        err_field(e, "line", "该单位的专业不含“%s”，请先在管理相对人信息中补充",
                  catalog_label("lines", in->line));
    return 0;
}

/* Append piece to the message in buf (cap bytes) when it fits whole: messages are cut at a
 * piece boundary, never inside a character. */
static void msg_add(char *buf, size_t cap, const char *piece)
{
    size_t used = strlen(buf), n = strlen(piece);
    if (used + n < cap) memcpy(buf + used, piece, n + 1);
}

/* 1 when officer belongs to an agency of the actor's scope, 0 when not, or an error. */
static int officer_in_scope(struct ctx *c, int64_t officer, struct err *e)
{
    return db_exists(c->db, e,
                     "SELECT 1 FROM officer o JOIN agency a ON a.id = o.agency_id"
                     " WHERE o.id = ? AND a.path LIKE ?",
                     "it", officer, actor_scope(c));
}

/* [R-INSP-01] 行政处罚法 第四十二条: an inspection is carried out by at least two officers with
 * 行政执法资格, [R-INSP-02] i.e. for whom officer_can_enforce holds on the inspection date;
 * 第五十五条 they show their certificates; [R-INSP-03] 第四十三条 none of them on the entity's
 * 回避 list. The officers must also be in the actor's scope. */
static int check_officers(struct ctx *c, const struct inspection_input *in, struct plan *p,
                          struct err *e)
{
    const char *list = in->officers;
    struct err pe = {0};
    int repeats = parse_officers(list, p, &pe);
    if (!p->officers_parsed) {
        err_field(e, "officers", "%s", pe.nfields ? pe.fields[0].msg : "执法人员编号有误");
        return 0;
    }
    char msg[sizeof e->fields[0].msg] = "";
    int ok = 0;
    for (int i = 0; i < p->nofficers; i++) {
        int64_t officer = p->officers[i];
        const char *name = NULL, *why = NULL;
        int barred = enforce_bar(c, officer, p->entity_ok ? in->entity_id : 0, p->date, false,
                                 &name, &why, e);
        if (barred < 0) return barred;
        /* in the actor's scope, or of a team the task reached the actor with */
        int team = name && officer_in_scope(c, officer, e);
        if (team < 0) return team;
        if (!team) team = on_reached_team(c, in, p, officer, e);
        if (team < 0) return team;
        if (!team) {
            msg_add(msg, sizeof msg,
                    arena_printf(c->arena, "编号 %lld 的执法人员不存在或不在管辖范围内；",
                                 (long long)officer));
            continue;
        }
        if (barred) { /* [R-INSP-02] 第四十二条, [R-INSP-03] 第四十三条 */
            msg_add(msg, sizeof msg, arena_printf(c->arena, "%s：%s；", name, why));
            continue;
        }
        ok++;
    }
    if (repeats) msg_add(msg, sizeof msg, "同一执法人员不能重复选择；");
    if (ok >= ENFORCE_MIN_OFFICERS && !msg[0]) return 0; /* [R-INSP-01] */
    /* the problems first (what to change), then the rule when there is room */
    static const char rule[] = ENFORCE_MIN_RULE;
    size_t n = strlen(msg);
    if (n >= 3 && strcmp(msg + n - 3, "；") == 0) msg[n - 3] = 0;
    char field[sizeof msg] = "";
    msg_add(field, sizeof field, msg);
    if (msg[0]) msg_add(field, sizeof field, "；");
    msg_add(field, sizeof field, rule);
    n = strlen(field);
    if (n >= 3 && strcmp(field + n - 3, "；") == 0) field[n - 3] = 0;
    err_field(e, "officers", "%s", field);
    /* the summary has room for the whole list */
    snprintf(e->msg, sizeof e->msg, "%s%s%s", msg[0] ? "执法人员不符合要求：" : "", msg,
             msg[0] ? "" : rule);
    return 0;
}

/* [R-INSP-12] 专项检查: the campaign in scope, of the inspection's line (when it names one),
 * running on the date, and the entity on its target list or the reason given why not. */
static int check_campaign(struct ctx *c, const struct inspection_input *in, struct plan *p,
                          struct err *e)
{
    if (in->campaign_id <= 0 || !is(in->type, "campaign")) return 0;
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT m.line, m.starts_on, m.ends_on, a.path FROM campaign m"
                                  " JOIN agency a ON a.id = m.agency_id WHERE m.id = ?",
                                  "i", in->campaign_id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    bool found = rc == DB_ROW && campaign_sees(c->who, db_text(st, 3));
    const char *line = found && !db_null(st, 0) ? arena_strdup(c->arena, db_text(st, 0)) : NULL;
    const char *from = found ? arena_strdup(c->arena, db_text(st, 1)) : NULL;
    const char *to = found ? arena_strdup(c->arena, db_text(st, 2)) : NULL;
    db_done(st);
    if (rc < 0) return rc;
    if (!found) return err_field(e, "campaign_id", "专项检查不存在或不在您的管辖范围内");
    if (line && catalog_has("lines", in->line) && !is(line, in->line))
        err_field(e, "line", "该专项检查限于%s专业", catalog_label("lines", line));
    if (p->date && in->date && (strcmp(in->date, from) < 0 || strcmp(in->date, to) > 0))
        err_field(e, "date", "检查日期不在专项检查期间（%s 至 %s）内", from, to);
    int listed = p->entity_ok && str_blank(in->off_target_reason)
                     ? db_exists(c->db, e,
                                 "SELECT 1 FROM campaign_target WHERE campaign_id = ?"
                                 " AND entity_id = ?",
                                 "ii", in->campaign_id, in->entity_id)
                     : 1;
    if (listed < 0) return listed;
    if (!listed) err_field(e, "off_target_reason", "该单位不在专项检查对象名单中，请说明检查原因");
    return 0;
}

/* [R-INSP-10] 复查: the checked inspection in scope, of the same entity and line, a correction
 * order not yet reinspected, dated no later than the reinspection; a reinspection of a correction
 * order says whether it was corrected, and what was not corrected cannot pass. */
static int check_reinspection(struct ctx *c, const struct inspection_input *in, struct plan *p,
                              struct err *e)
{
    if (in->checks_id <= 0 || !is(in->type, "reinspection")) return 0;
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT i.entity_id, i.outcome, i.inspected_on, i.line, a.path,"
                                  " ea.path FROM inspection i JOIN agency a ON a.id = i.agency_id"
                                  " JOIN entity x ON x.id = i.entity_id"
                                  " JOIN agency ea ON ea.id = x.agency_id WHERE i.id = ?",
                                  "i", in->checks_id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    bool found = rc == DB_ROW && (actor_sees_path(c->who, db_text(st, 4)) ||
                                  actor_sees_path(c->who, db_text(st, 5)));
    int64_t entity = found ? db_int(st, 0) : 0;
    const char *outcome = found ? arena_strdup(c->arena, db_text(st, 1)) : NULL;
    const char *date = found ? arena_strdup(c->arena, db_text(st, 2)) : NULL;
    const char *line = found ? arena_strdup(c->arena, db_text(st, 3)) : NULL;
    db_done(st);
    if (rc < 0) return rc;
    if (!found) return err_field(e, "checks_id", "被复查的检查记录不存在");
    if (entity != in->entity_id)
        return err_field(e, "checks_id", "复查须针对原检查的同一被检查单位");
    if (!is(outcome, "rectify"))
        return err_field(e, "checks_id", "被复查的检查未责令整改，无需复查");
    int checked =
        db_exists(c->db, e, "SELECT 1 FROM inspection WHERE checks_id = ?", "i", in->checks_id);
    if (checked < 0) return checked;
    if (checked) return err_field(e, "checks_id", "该检查已有复查记录，请在该复查记录上继续复查");
    if (p->date && in->date && strcmp(in->date, date) < 0)
        err_field(e, "date", "复查日期不能早于原检查日期（%s）", date);
    if (catalog_has("lines", in->line) && !is(line, in->line))
        err_field(e, "line", "复查应使用原检查的专业（%s）", catalog_label("lines", line));
    if (str_blank(in->corrected))
        err_field(e, "corrected", "请填写责令整改的事项是否已经改正");
    else if (is(in->corrected, "0") && is(in->outcome, "pass"))
        err_field(e, "outcome", "整改事项未改正的，复查结论不能为“合格”");
    return 0;
}

/* The names of the task's team members missing from the inspection's officers ("、"-separated,
 * arena), or "" when the whole team is there. */
static const char *team_missing(struct ctx *c, int64_t task_id, const struct plan *p, int *rc,
                                struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT k.officer_id, o.name FROM task_officer k"
                                  " JOIN officer o ON o.id = k.officer_id WHERE k.task_id = ?"
                                  " ORDER BY k.officer_id",
                                  "i", task_id);
    if (!st) {
        *rc = e->code;
        return "";
    }
    const char *missing = "";
    while ((*rc = db_step(st, e)) == DB_ROW) {
        bool there = false;
        for (int i = 0; i < p->nofficers; i++)
            there |= p->officers[i] == db_int(st, 0);
        if (!there)
            missing =
                arena_printf(c->arena, "%s%s%s", missing, *missing ? "、" : "", db_text(st, 1));
    }
    db_done(st);
    if (*rc > 0) *rc = 0;
    return missing;
}

/* [R-TASK-01] 双随机: the drawn task in scope, still 待检查, of this entity and of its plan's
 * line, carried out by the team drawn for it (国办发〔2015〕58号: the inspectors, too, are chosen
 * by lot). */
static int check_task(struct ctx *c, const struct inspection_input *in, struct plan *p,
                      struct err *e)
{
    if (in->task_id <= 0 || !is(in->type, "random")) return 0;
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT t.entity_id, t.state, d.line, a.path FROM task t"
                                  " JOIN draw_plan d ON d.id = t.plan_id"
                                  " JOIN agency a ON a.id = t.agency_id WHERE t.id = ?",
                                  "i", in->task_id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    bool found = rc == DB_ROW && (c->who->user_id == 0 || actor_sees_path(c->who, db_text(st, 3)) ||
                                  p->task_reached);
    int64_t entity = found ? db_int(st, 0) : 0;
    bool pending = found && is(db_text(st, 1), "pending");
    const char *line = found ? arena_strdup(c->arena, db_text(st, 2)) : NULL;
    db_done(st);
    if (rc < 0) return rc;
    if (!found) return err_field(e, "task_id", "抽查任务不存在或不在您的管辖范围内");
    if (entity != in->entity_id)
        return err_field(e, "task_id", "该抽查任务的被检查单位不是所选单位");
    if (!pending) return err_field(e, "task_id", "该抽查任务已不是“待检查”状态");
    if (catalog_has("lines", in->line) && !is(line, in->line))
        err_field(e, "line", "该抽查任务属%s专业", catalog_label("lines", line));
    const char *missing = team_missing(c, in->task_id, p, &rc, e);
    if (rc < 0) return rc;
    if (*missing) err_field(e, "officers", "双随机抽查须由抽取的检查组实施，缺少：%s", missing);
    return 0;
}

/* ---- saving ------------------------------------------------------------------------------- */

static int insert_inspection(struct ctx *c, const struct inspection_input *in, const struct plan *p,
                             int64_t *id, struct err *e)
{
    bool rectify = is(in->outcome, "rectify"), re = is(in->type, "reinspection");
    bool camp = is(in->type, "campaign");
    const char *corrected = re && !str_blank(in->corrected) ? in->corrected : NULL;
    return db_get_int(
        c->db, e, id,
        "INSERT INTO inspection (agency_id, entity_id, type, line, inspected_on, time_from,"
        " time_to, place, present_person, present_title, findings, outcome, rectify_by, advice,"
        " checks_id, corrected, campaign_id, off_target_reason, task_id, created_by, created_at,"
        " refused_sign)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS INTEGER),"
        " ?, ?, ?, ?, ?, ?) RETURNING id",
        "iittttttttttttItItIIit", p->agency_id, in->entity_id, in->type, in->line, in->date,
        blank_to_null(in->time_from), blank_to_null(in->time_to), in->place,
        blank_to_null(in->present_person), blank_to_null(in->present_title),
        in->findings ? in->findings : "", in->outcome, rectify ? in->rectify_by : NULL,
        blank_to_null(in->advice), re ? in->checks_id : 0, corrected, camp ? in->campaign_id : 0,
        camp ? blank_to_null(in->off_target_reason) : NULL,
        is(in->type, "random") ? in->task_id : 0, c->who->user_id, c->now,
        blank_to_null(in->refused_sign));
}

static int insert_parts(struct ctx *c, const struct inspection_input *in, const struct plan *p,
                        int64_t id, struct err *e)
{
    for (int i = 0; i < p->nofficers; i++)
        if (db_exec(c->db, e,
                    "INSERT INTO inspection_officer (inspection_id, officer_id, position)"
                    " VALUES (?, ?, ?)",
                    "iii", id, p->officers[i], (int64_t)(i + 1)) < 0)
            return e->code;
    for (int i = 0; i < in->nitems; i++)
        if (db_exec(c->db, e,
                    "INSERT INTO inspection_item (inspection_id, code, result, note)"
                    " VALUES (?, ?, ?, ?)",
                    "ittt", id, in->items[i].code, in->items[i].result,
                    blank_to_null(in->items[i].note)) < 0)
            return e->code;
    return 0;
}

/* [R-INSP-05] 现场笔录 always (行政处罚法 第五十五条: inspections are recorded); [R-INSP-06]
 * 卫生监督意见书 for a correction order or when asked. Numbers come from the agency's sequences in
 * this transaction. *summary gets the numbers for the audit row (arena). */
static int issue_documents(struct ctx *c, const struct inspection_input *in, const struct plan *p,
                           int64_t id, const char **summary, struct err *e)
{
    int64_t doc;
    const char *record = NULL, *notice = NULL;
    int rc = document_issue(c, "site_record", p->agency_id, in->line, in->date, "inspection", id,
                            &doc, &record, e);
    if (!rc && (is(in->outcome, "rectify") || in->advice_notice))
        rc = document_issue(c, "advice_notice", p->agency_id, in->line, in->date, "inspection", id,
                            &doc, &notice, e);
    if (rc) return rc;
    *summary = notice ? arena_printf(c->arena, "现场笔录 %s、卫生监督意见书 %s", record, notice)
                      : arena_printf(c->arena, "现场笔录 %s", record);
    return 0;
}

int inspection_add(struct ctx *c, const struct inspection_input *in, int64_t *id, struct err *e)
{
    struct plan p = {0};
    check_fields(c, in, &p, e);
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    /* Every rule is checked, so the form shows all its messages at once. */
    if ((rc = reach_task(c, in, &p, e)) < 0) goto fail;
    if ((rc = check_entity(c, in, &p, e)) < 0 && rc != ERR_INVALID) goto fail;
    if ((rc = check_officers(c, in, &p, e)) < 0) goto fail;
    if ((rc = check_campaign(c, in, &p, e)) < 0 && rc != ERR_INVALID) goto fail;
    if ((rc = check_reinspection(c, in, &p, e)) < 0 && rc != ERR_INVALID) goto fail;
    if ((rc = check_task(c, in, &p, e)) < 0 && rc != ERR_INVALID) goto fail;
    if ((rc = e->code) != 0) goto fail;
    rc = insert_inspection(c, in, &p, id, e);
    if (rc == ERR_CONFLICT) { /* another user recorded the reinspection first */
        db_rollback(c->db);
        err_clear(e);
        if (in->checks_id > 0 && is(in->type, "reinspection"))
            err_field(e, "checks_id", "该检查已有复查记录，请在该复查记录上继续复查");
        else if (in->task_id > 0 && is(in->type, "random"))
            err_field(e, "task_id", "该抽查任务已由他人录入检查结果");
        else
            err_set(e, ERR_CONFLICT, "与他人同时进行的修改冲突，请重试");
        return e->code = ERR_CONFLICT;
    }
    const char *docs = NULL;
    if (!rc) rc = insert_parts(c, in, &p, *id, e);
    if (!rc) rc = issue_documents(c, in, &p, *id, &docs, e);
    if (!rc && in->task_id > 0) /* the task is 已检查 and its publication period starts */
        rc = task_complete(c, in->task_id, *id, in->date, in->outcome, e);
    if (!rc)
        rc = audit_write(c, "inspection.create", "inspection", *id, "%s %s（%s），结论：%s；%s",
                         inspection_type_label(in->type), p.entity_name,
                         catalog_label("lines", in->line), inspection_outcome_label(in->outcome),
                         docs);
    if (!rc) rc = publicity_enqueue_inspection(c, *id, e);
    if (rc) goto fail;
    return db_commit(c->db, e);
fail:
    db_rollback(c->db);
    return rc ? rc : ERR_INVALID;
}

/* ---- reading ------------------------------------------------------------------------------ */

/* Scope: the inspection's agency or its entity's agency lies in the actor's subtree. Two LIKE
 * parameters (the same pattern). */
#define IN_SCOPE " (" AGENCY_IN_SCOPE("i.agency_id") " OR " AGENCY_IN_SCOPE("x.agency_id") ")"

/* Days from a to b (b − a) for two YYYY-MM-DD dates; 0 when either is bad. */
static int days_between(const char *a, const char *b)
{
    day_t x, y;
    if (!a || !b || date_parse(a, &x) || date_parse(b, &y)) return 0;
    return (int)(y - x);
}

#define INSPECTION_COLS                                                                            \
    "i.id, i.type, i.line, i.inspected_on, i.time_from, i.time_to, i.place, i.present_person,"     \
    " i.present_title, i.findings, i.outcome, i.rectify_by, i.advice, i.checks_id, i.corrected,"   \
    " i.campaign_id, i.off_target_reason, i.created_at, i.version, a.name, a.short_name, a.path,"  \
    " x.id, x.name, x.uscc, x.id_number, x.legal_rep, x.address, x.phone, x.subtype, ea.path,"     \
    " u.display_name, m.name, i.refused_sign, ro.id, ro.name, ro.cert_no"
#define INSPECTION_FROM                                                                            \
    " FROM inspection i JOIN agency a ON a.id = i.agency_id"                                       \
    " JOIN entity x ON x.id = i.entity_id JOIN agency ea ON ea.id = x.agency_id"                   \
    " LEFT JOIN app_user u ON u.id = i.created_by LEFT JOIN officer ro ON ro.id = u.officer_id"    \
    " LEFT JOIN campaign m ON m.id = i.campaign_id"

/* The inspection row of INSPECTION_COLS as JSON (without its parts). */
static json_t *inspection_row(struct ctx *c, struct db_stmt *st)
{
    json_t *o = json_object();
    const char *type = db_text(st, 1), *line = db_text(st, 2), *outcome = db_text(st, 10);
    jset_int(o, "id", db_int(st, 0));
    jset_text(o, "type", type);
    jset_text(o, "type_label", inspection_type_label(type));
    jset_text(o, "line", line);
    jset_text(o, "line_label", catalog_label("lines", line));
    jset_text(o, "date", db_text(st, 3));
    jset_text(o, "time_from", db_text(st, 4));
    jset_text(o, "time_to", db_text(st, 5));
    jset_text(o, "place", db_text(st, 6));
    jset_text(o, "present_person", db_text(st, 7));
    jset_text(o, "present_title", db_text(st, 8));
    jset_text(o, "refused_sign", db_text(st, 33));
    jset_text(o, "findings", db_text(st, 9));
    jset_text(o, "outcome", outcome);
    jset_text(o, "outcome_label", inspection_outcome_label(outcome));
    jset_bool(o, "rectify", is(outcome, "rectify"));
    jset_text(o, "rectify_by", db_text(st, 11));
    jset_text(o, "advice", db_text(st, 12));
    if (!db_null(st, 14)) jset_bool(o, "corrected", db_int(st, 14) != 0);
    jset_text(o, "off_target_reason", db_text(st, 16));
    jset_int(o, "created_at", db_int(st, 17));
    jset_int(o, "version", db_int(st, 18));
    jset_text(o, "created_by", db_text(st, 31));
    /* 记录人 is the officer behind the account; an account without one shows its name */
    json_t *rec = json_object();
    if (!db_null(st, 34)) {
        jset_int(rec, "officer_id", db_int(st, 34));
        jset_text(rec, "name", db_text(st, 35));
        jset_text(rec, "cert_no", db_text(st, 36));
    } else {
        jset_text(rec, "name", db_text(st, 31));
    }
    json_object_set_new(o, "recorder", rec);
    json_object_set_new(o, "agency",
                        jpack("{ss ss?}", "name", db_text(st, 19), "short_name", db_text(st, 20)));
    json_t *x = json_object();
    jset_int(x, "id", db_int(st, 22));
    jset_text(x, "name", db_text(st, 23));
    jset_text(x, "uscc", db_text(st, 24));
    jset_text(x, "id_number", role_idcard_shown(c, db_text(st, 25)));
    jset_text(x, "legal_rep", db_text(st, 26));
    jset_text(x, "address", db_text(st, 27));
    jset_text(x, "phone", db_text(st, 28));
    jset_text(x, "subtype_label", catalog_label("subtypes", db_text(st, 29)));
    json_object_set_new(o, "entity", x);
    if (!db_null(st, 15))
        json_object_set_new(
            o, "campaign",
            jpack("{sI ss}", "id", (json_int_t)db_int(st, 15), "name", db_text(st, 32)));
    day_t today = date_from_instant(c->now);
    char t[DATE_STRLEN];
    date_format(today, t);
    if (is(outcome, "rectify") && db_text(st, 11))
        jset_int(o, "days_left", days_between(t, db_text(st, 11)));
    return o;
}

static json_t *officers_of(struct ctx *c, int64_t id, struct err *e)
{
    json_t *arr = json_array();
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT o.id, o.name, o.cert_no, io.position"
                 " FROM inspection_officer io JOIN officer o ON o.id = io.officer_id"
                 " WHERE io.inspection_id = ? ORDER BY io.position",
                 "i", id);
    while (st && db_step(st, e) == DB_ROW)
        json_array_append_new(arr, jpack("{sI ss ss sI}", "id", (json_int_t)db_int(st, 0), "name",
                                         db_text(st, 1), "cert_no", db_text(st, 2), "position",
                                         (json_int_t)db_int(st, 3)));
    db_done(st);
    return arr;
}

/* One checklist item as shown: the catalogue's text, group and basis with the stored result. */
static json_t *item_json(const char *code, json_t *cat, const char *result, const char *note)
{
    json_t *o = json_object();
    jset_text(o, "code", code);
    jset_text(o, "group", cat ? json_string_value(json_object_get(cat, "group")) : "其他");
    jset_text(o, "text",
              cat ? json_string_value(json_object_get(cat, "text")) : "（已停用的检查事项）");
    jset_text(o, "basis", cat ? json_string_value(json_object_get(cat, "basis")) : NULL);
    jset_text(o, "result", result);
    jset_text(o, "result_label", inspection_result_label(result));
    jset_bool(o, "nonconform", is(result, "nonconform"));
    jset_text(o, "note", note);
    return o;
}

/* The answered items in checklist order (items no longer in the checklist last), each with
 * first_in_group set where its group starts; counts per result into counts. */
static json_t *items_of(struct ctx *c, int64_t id, const char *line, json_t *counts, struct err *e)
{
    json_t *stored = json_object(); /* code → [result, note] */
    struct db_stmt *st =
        db_query(c->db, e, "SELECT code, result, note FROM inspection_item WHERE inspection_id = ?",
                 "i", id);
    while (st && db_step(st, e) == DB_ROW)
        json_object_set_new(stored, db_text(st, 0),
                            jpack("[s s?]", db_text(st, 1), db_text(st, 2)));
    db_done(st);
    json_t *arr = json_array(), *cat, *v;
    size_t i;
    const char *prev = NULL;
    json_array_foreach(checklist_line(line), i, cat)
    {
        const char *code = json_string_value(json_object_get(cat, "code"));
        json_t *got = json_object_get(stored, code);
        if (!got) continue;
        json_t *o = item_json(code, cat, json_string_value(json_array_get(got, 0)),
                              json_string_value(json_array_get(got, 1)));
        const char *group = json_string_value(json_object_get(cat, "group"));
        jset_bool(o, "first_in_group", !prev || strcmp(prev, group) != 0);
        prev = group;
        json_array_append_new(arr, o);
        json_object_del(stored, code);
    }
    const char *code;
    json_object_foreach(stored, code, v)
    {
        json_t *o = item_json(code, NULL, json_string_value(json_array_get(v, 0)),
                              json_string_value(json_array_get(v, 1)));
        jset_bool(o, "first_in_group", !prev || strcmp(prev, "其他") != 0);
        prev = "其他";
        json_array_append_new(arr, o);
    }
    json_decref(stored);
    json_array_foreach(arr, i, v)
    {
        const char *r = json_string_value(json_object_get(v, "result"));
        json_t *n = json_object_get(counts, r ? r : "");
        if (n) json_integer_set(n, json_integer_value(n) + 1);
    }
    return arr;
}

/* The reinspection that followed id, or NULL. */
static json_t *followup_of(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id, inspected_on, outcome, corrected, rectify_by"
                                  " FROM inspection WHERE checks_id = ?",
                                  "i", id);
    json_t *o = NULL;
    if (st && db_step(st, e) == DB_ROW)
        o = jpack("{sI ss ss ss sb ss?}", "id", (json_int_t)db_int(st, 0), "date", db_text(st, 1),
                  "outcome", db_text(st, 2), "outcome_label",
                  inspection_outcome_label(db_text(st, 2)), "corrected", db_int(st, 3) == 1,
                  "rectify_by", db_text(st, 4));
    db_done(st);
    return o;
}

/* The inspection that id checks (a reinspection's original), or NULL. */
static json_t *checked_of(struct ctx *c, int64_t checks_id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id, inspected_on, type, outcome, rectify_by"
                                  " FROM inspection WHERE id = ?",
                                  "i", checks_id);
    json_t *o = NULL;
    if (st && db_step(st, e) == DB_ROW)
        o = jpack("{sI ss ss ss ss?}", "id", (json_int_t)db_int(st, 0), "date", db_text(st, 1),
                  "type_label", inspection_type_label(db_text(st, 2)), "outcome_label",
                  inspection_outcome_label(db_text(st, 3)), "rectify_by", db_text(st, 4));
    db_done(st);
    /* its documents: a reinspection's record cites the 卫生监督意见书 it checks */
    json_t *docs = o ? document_list(c, "inspection", checks_id, true, e) : NULL;
    if (docs) json_object_set_new(o, "documents", docs);
    return o;
}

/* The random-check task an inspection carried out: {id, seq, plan_id, plan}, or NULL. */
static json_t *task_of(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT t.id, t.seq, d.id, d.name FROM inspection i"
                                  " JOIN task t ON t.id = i.task_id"
                                  " JOIN draw_plan d ON d.id = t.plan_id WHERE i.id = ?",
                                  "i", id);
    json_t *o = NULL;
    if (st && db_step(st, e) == DB_ROW)
        o = jpack("{sI sI sI ss}", "id", (json_int_t)db_int(st, 0), "seq",
                  (json_int_t)db_int(st, 1), "plan_id", (json_int_t)db_int(st, 2), "plan",
                  db_text(st, 3));
    db_done(st);
    return o;
}

json_t *inspection_get(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT " INSPECTION_COLS INSPECTION_FROM " WHERE i.id = ?", "i", id);
    if (!st) return NULL;
    json_t *o = NULL;
    int64_t checks = 0;
    if (db_step(st, e) == DB_ROW &&
        (actor_sees_path(c->who, db_text(st, 21)) || actor_sees_path(c->who, db_text(st, 30)))) {
        o = inspection_row(c, st);
        checks = db_null(st, 13) ? 0 : db_int(st, 13);
    }
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "检查记录不存在");
        return NULL;
    }
    const char *line = json_string_value(json_object_get(o, "line"));
    json_t *counts = jpack("{si si si}", "conform", 0, "nonconform", 0, "not_applicable", 0);
    json_object_set_new(o, "officers", officers_of(c, id, e));
    json_object_set_new(o, "items", items_of(c, id, line, counts, e));
    json_object_set_new(o, "counts", counts);
    json_t *docs = document_list(c, "inspection", id, true, e);
    json_object_set_new(o, "documents", docs ? docs : json_array());
    json_t *f = followup_of(c, id, e);
    if (f) json_object_set_new(o, "followup", f);
    /* [R-CASE-08] the case it led to */
    json_object_set_new(o, "cases", case_links(c, "inspection", id, e));
    json_t *t = task_of(c, id, e);
    if (t) json_object_set_new(o, "task", t);
    if (checks) {
        json_t *k = checked_of(c, checks, e);
        if (k) json_object_set_new(o, "checks", k);
    }
    json_t *left = json_object_get(o, "days_left");
    if (left && !f && json_integer_value(left) < 0)
        json_object_set_new(o, "days_overdue", json_integer(-json_integer_value(left)));
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* A row of a list. */
static json_t *list_row(struct db_stmt *st)
{
    json_t *o = json_object();
    const char *type = db_text(st, 1), *line = db_text(st, 2), *outcome = db_text(st, 4);
    jset_int(o, "id", db_int(st, 0));
    jset_text(o, "type", type);
    jset_text(o, "type_label", inspection_type_label(type));
    jset_text(o, "line", line);
    jset_text(o, "line_label", catalog_label("lines", line));
    jset_text(o, "date", db_text(st, 3));
    jset_text(o, "outcome", outcome);
    jset_text(o, "outcome_label", inspection_outcome_label(outcome));
    jset_text(o, "rectify_by", db_text(st, 5));
    jset_int(o, "entity_id", db_int(st, 6));
    jset_text(o, "entity_name", db_text(st, 7));
    jset_text(o, "entity_address", db_text(st, 8));
    if (!db_null(st, 9)) jset_int(o, "followup_id", db_int(st, 9));
    jset_text(o, "agency", db_text(st, 10));
    return o;
}

#define LIST_COLS                                                                                  \
    "i.id, i.type, i.line, i.inspected_on, i.outcome, i.rectify_by, x.id, x.name, x.address,"      \
    " (SELECT r.id FROM inspection r WHERE r.checks_id = i.id), a.name"
#define LIST_FROM                                                                                  \
    " FROM inspection i JOIN entity x ON x.id = i.entity_id JOIN agency a ON a.id = i.agency_id"

static json_t *page_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)arg, (void)e;
    return list_row(st);
}

json_t *inspection_list(struct ctx *c, const struct inspection_query *q, struct err *e)
{
    day_t d;
    if (!str_blank(q->from) && date_parse(q->from, &d)) err_field(e, "from", "起始日期无效");
    if (!str_blank(q->to) && date_parse(q->to, &d)) err_field(e, "to", "截止日期无效");
    if (e->code) return NULL;
    struct paging pg = paging_of(q->page, q->per_page, 20);
    const char *scope = actor_scope(c);
    struct db_cond w = {0};
    db_cond_add(&w, IN_SCOPE, "tt", scope, scope);
    if (q->entity_id) db_cond_add(&w, "i.entity_id = ?", "i", q->entity_id);
    if (q->campaign_id) db_cond_add(&w, "i.campaign_id = ?", "i", q->campaign_id);
    if (!str_blank(q->type)) db_cond_add(&w, "i.type = ?", "t", q->type);
    if (!str_blank(q->line)) db_cond_add(&w, "i.line = ?", "t", q->line);
    if (!str_blank(q->outcome)) db_cond_add(&w, "i.outcome = ?", "t", q->outcome);
    if (!str_blank(q->from)) db_cond_add(&w, "i.inspected_on >= ?", "t", q->from);
    if (!str_blank(q->to)) db_cond_add(&w, "i.inspected_on <= ?", "t", q->to);
    if (q->officer_id)
        db_cond_add(&w,
                    "EXISTS (SELECT 1 FROM inspection_officer io WHERE io.inspection_id = i.id"
                    " AND io.officer_id = ?)",
                    "i", q->officer_id);
    const char *count =
        arena_printf(c->arena, "SELECT COUNT(*) FROM (SELECT 1" LIST_FROM " WHERE %s LIMIT ?) AS t",
                     db_cond_sql(&w));
    struct db_cond k = w; /* the list's arguments, for its count */
    db_cond_bind(&w, "ii", paging_limit(pg), paging_offset(pg));
    struct db_stmt *st =
        db_cond_query(c->db, e,
                      arena_printf(c->arena,
                                   "SELECT " LIST_COLS LIST_FROM " WHERE %s"
                                   " ORDER BY i.inspected_on DESC, i.id DESC LIMIT ? OFFSET ?",
                                   db_cond_sql(&w)),
                      &w);
    json_t *page = paging_total(paging_read(st, pg, page_row, NULL, e), c->db, count, true, &k, e);
    db_cond_free(&w);
    return page;
}

/* [R-INSP-11] corrections overdue without a reinspection, and those due within
 * INSPECTION_DUE_SOON days. */
json_t *inspection_overdue(struct ctx *c, struct err *e)
{
    day_t today = date_from_instant(c->now);
    char t[DATE_STRLEN], soon[DATE_STRLEN];
    date_format(today, t);
    date_format(today + INSPECTION_DUE_SOON, soon);
    const char *scope = actor_scope(c);
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT " LIST_COLS LIST_FROM " WHERE" IN_SCOPE
                                  " AND i.outcome = 'rectify' AND i.rectify_by <= ?"
                                  " AND NOT EXISTS (SELECT 1 FROM inspection r"
                                  " WHERE r.checks_id = i.id)"
                                  " ORDER BY i.rectify_by, i.id LIMIT 1000",
                                  "ttt", scope, scope, soon);
    if (!st) return NULL;
    json_t *overdue = json_array(), *due = json_array();
    while (db_step(st, e) == DB_ROW) {
        json_t *row = list_row(st);
        int left = days_between(t, db_text(st, 5));
        if (left < 0) {
            jset_int(row, "days_overdue", -left);
            json_array_append_new(overdue, row);
        } else {
            jset_int(row, "days_left", left);
            json_array_append_new(due, row);
        }
    }
    db_done(st);
    json_t *o = jpack("{so so ss si}", "overdue", overdue, "due_soon", due, "today", t, "soon_days",
                      INSPECTION_DUE_SOON);
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* [{code,label,count}] for every code of t, counts from a GROUP BY query (code, count). */
static json_t *counts_by(const struct code_label *t, size_t n, struct db_stmt *st, struct err *e)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            arr, jpack("{ss ss si}", "code", t[i].code, "label", t[i].label, "count", 0));
    while (st && db_step(st, e) == DB_ROW)
        for (size_t i = 0; i < n; i++)
            if (strcmp(db_text(st, 0), t[i].code) == 0)
                json_object_set_new(json_array_get(arr, i), "count", json_integer(db_int(st, 1)));
    db_done(st);
    return arr;
}

json_t *inspection_stats(struct ctx *c, const char *from, const char *to, struct err *e)
{
    const char *scope = actor_scope(c);
    struct db_cond w = {0};
    db_cond_add(&w, IN_SCOPE, "tt", scope, scope);
    if (!str_blank(from)) db_cond_add(&w, "i.inspected_on >= ?", "t", from);
    if (!str_blank(to)) db_cond_add(&w, "i.inspected_on <= ?", "t", to);
    const char *where = arena_printf(
        c->arena, " FROM inspection i JOIN entity x ON x.id = i.entity_id WHERE %s GROUP BY ",
        db_cond_sql(&w));
    json_t *by_type = counts_by(
        types, countof(types),
        db_cond_query(c->db, e, arena_printf(c->arena, "SELECT i.type, COUNT(*)%si.type", where),
                      &w),
        e);
    json_t *by_outcome = counts_by(
        outcomes, countof(outcomes),
        db_cond_query(c->db, e,
                      arena_printf(c->arena, "SELECT i.outcome, COUNT(*)%si.outcome", where), &w),
        e);
    db_cond_free(&w);
    int64_t total = 0, open = 0, overdue = 0;
    size_t i;
    json_t *v;
    json_array_foreach(by_type, i, v)
    {
        total += json_integer_value(json_object_get(v, "count"));
    }
    char t[DATE_STRLEN];
    date_format(date_from_instant(c->now), t);
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT COUNT(*), COALESCE(SUM(CASE WHEN i.rectify_by < ?"
                                  " THEN 1 ELSE 0 END), 0) FROM inspection i"
                                  " JOIN entity x ON x.id = i.entity_id WHERE" IN_SCOPE
                                  " AND i.outcome = 'rectify' AND NOT EXISTS (SELECT 1"
                                  " FROM inspection r WHERE r.checks_id = i.id)",
                                  "ttt", t, scope, scope);
    if (st && db_step(st, e) == DB_ROW) {
        open = db_int(st, 0);
        overdue = db_int(st, 1);
    }
    db_done(st);
    json_t *o =
        jpack("{sI so so sI sI}", "total", (json_int_t)total, "by_type", by_type, "by_outcome",
              by_outcome, "open_orders", (json_int_t)open, "overdue", (json_int_t)overdue);
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The annual reviews of every officer in scope, officer id → [{year, passed}] (new reference). */
static json_t *reviews_in_scope(struct ctx *c, const char *scope, int64_t task_id, struct err *e)
{
    json_t *by = json_object();
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT r.officer_id, r.year, r.passed FROM certificate_review r"
                 " JOIN officer o ON o.id = r.officer_id JOIN agency a ON a.id = o.agency_id"
                 " WHERE a.path LIKE ? OR o.id IN (SELECT officer_id FROM task_officer"
                 " WHERE task_id = ?)",
                 "ti", scope, task_id);
    while (st && db_step(st, e) == DB_ROW) {
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)db_int(st, 0));
        json_t *arr = json_object_get(by, key);
        if (!arr) json_object_set_new(by, key, arr = json_array());
        json_array_append_new(arr, jpack("[I b]", (json_int_t)db_int(st, 1), db_int(st, 2) != 0));
    }
    db_done(st);
    return by;
}

/* The ids of the officers on entity's 回避 list, as the keys of an object (new reference). */
static json_t *avoid_set(struct ctx *c, int64_t entity_id, struct err *e)
{
    json_t *set = json_object();
    struct db_stmt *st =
        entity_id > 0
            ? db_query(c->db, e, "SELECT officer_id FROM entity_avoid WHERE entity_id = ?", "i",
                       entity_id)
            : NULL;
    while (st && db_step(st, e) == DB_ROW) {
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)db_int(st, 0));
        json_object_set_new(set, key, json_true());
    }
    db_done(st);
    return set;
}

json_t *inspection_officer_options(struct ctx *c, day_t date, int64_t entity_id, int64_t task_id,
                                   struct err *e)
{
    const char *scope = actor_scope(c);
    int reached = task_id > 0 ? task_in_reach(c, task_id, e) : 0;
    if (reached < 0) return NULL;
    if (!reached) task_id = 0;
    int64_t mine = 0;
    if (c->who->user_id &&
        db_get_int(c->db, e, &mine, "SELECT COALESCE(officer_id, 0) FROM app_user WHERE id = ?",
                   "i", c->who->user_id))
        return NULL;
    json_t *reviews = reviews_in_scope(c, scope, task_id, e), *avoid = avoid_set(c, entity_id, e);
    /* those of the subtree, and a drawn team's officers of other agencies */
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT o.id, o.name, o.cert_no, o.status, o.cert_issued,"
                                  " o.cert_expires, a.name FROM officer o"
                                  " JOIN agency a ON a.id = o.agency_id"
                                  " WHERE (a.path LIKE ? OR o.id IN (SELECT officer_id FROM"
                                  " task_officer WHERE task_id = ?)) AND o.status <> 'cancelled'"
                                  " ORDER BY CASE WHEN o.agency_id = ? THEN 0 ELSE 1 END, a.path,"
                                  " o.name, o.id LIMIT 300",
                                  "tii", scope, task_id, c->who->agency_id);
    /* the actor's own officer first, then those who may enforce on the date, then the others */
    json_t *arr = json_array(), *first = json_array(), *unable = json_array();
    while (st && db_step(st, e) == DB_ROW) {
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)db_int(st, 0));
        json_t *rv = json_object_get(reviews, key), *v;
        struct cert_review list[64];
        int n = 0;
        size_t i;
        json_array_foreach(rv, i, v)
        {
            if (n == 64) break;
            list[n].year = (int)json_integer_value(json_array_get(v, 0));
            list[n++].passed = json_is_true(json_array_get(v, 1));
        }
        struct officer_standing s = {.status = db_text(st, 3), .reviews = list, .nreviews = n};
        const char *why = NULL;
        bool ok = !date_parse(db_text(st, 4), &s.cert_issued) &&
                  !date_parse(db_text(st, 5), &s.cert_expires) &&
                  officer_standing_ok(&s, date, &why);
        if (!ok && !why) why = "执法证信息有误";
        if (ok && json_object_get(avoid, key)) {
            ok = false;
            why = "在该单位的回避名单中"; /* 行政处罚法 第四十三条 */
        }
        json_t *o = json_object();
        jset_int(o, "id", db_int(st, 0));
        jset_text(o, "name", db_text(st, 1));
        jset_text(o, "cert_no", db_text(st, 2));
        jset_text(o, "agency", db_text(st, 6));
        jset_bool(o, "can_enforce", ok);
        jset_text(o, "why", ok ? NULL : why);
        jset_bool(o, "mine", db_int(st, 0) == mine);
        json_array_append_new(db_int(st, 0) == mine ? first : ok ? arr : unable, o);
    }
    db_done(st);
    json_decref(reviews);
    json_decref(avoid);
    json_array_extend(first, arr);
    json_array_extend(first, unable);
    json_decref(arr);
    json_decref(unable);
    arr = first;
    if (e->code) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

/* task_id and checks_id are set at the end: tasks come after inspections (they refer to the
 * inspection that carried them out), and a reinspection checks another inspection */
static const struct table_decl tables[] = {
    {"inspection",
     "监督检查",
     true,
     "id",
     {{"agency_id", "agency", REF_ID},
      {"entity_id", "entity", REF_ID},
      {"created_by", "app_user", REF_ID},
      {"campaign_id", "campaign", REF_ID},
      {"checks_id", "inspection", REF_LATE},
      {"task_id", "task", REF_LATE}}},
    {"inspection_officer",
     "检查人员",
     false,
     "inspection_id, officer_id",
     {{"inspection_id", "inspection", REF_ID}, {"officer_id", "officer", REF_ID}}},
    {"inspection_item",
     "检查项目",
     false,
     "inspection_id, code",
     {{"inspection_id", "inspection", REF_ID}}},
};

const struct law_area law_area_inspections = {"inspections", tables, countof(tables), NULL, 0};
