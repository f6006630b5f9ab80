/* case_deliberation.c — the case team's deliberation (合议): before the investigation ends, the
 * investigators and the officers who join them weigh the facts, the evidence and the law, record
 * each opinion and conclude; the 合议记录 is issued, and 调查终结 follows only a deliberation held
 * since the case last came (back) to investigation that concluded to penalise or not. The step
 * (deliberate) is declared in case.c; table case_deliberation (migration 046). */
#include "base/jpack.h"
#include "law/case_internal.h"
#include "law/enforce.h"
#include "law/setting.h"

#include <string.h>

#define MAX_PARTICIPANTS 15

static const struct wf_option conclusions[] = {
    {"penalise", "建议给予行政处罚"},
    {"no_penalty", "建议不予行政处罚"},
    {"investigate", "证据不足，继续调查"},
    {NULL, NULL},
};

/* The officers a deliberation may name: those of the actor's scope who may enforce today. */
static json_t *participant_choices(struct ctx *c, int64_t id)
{
    (void)id;
    return case_enforcers_today(c);
}

const struct wf_input case_in_deliberate[] = {
    {"participants", "参加合议的人员（三名以上，含本案全部承办人员）", WF_PICK, true, 200, NULL,
     NULL, participant_choices},
    {"host", "主持人", WF_CODE, true, 0, NULL, NULL, participant_choices},
    {"recorder", "记录人", WF_TEXT, true, 50, NULL},
    {"facts", "合议的案情、证据和适用的法律", WF_TEXT, true, 4000, NULL},
    {"opinions", "参加人员的意见（不同意见如实记录）", WF_TEXT, true, 4000, NULL},
    {"conclusion", "合议结论", WF_CODE, true, 0, conclusions},
    {"note", "合议意见（处罚种类、幅度及理由，或者不予处罚、继续调查的理由）", WF_TEXT, true, 2000,
     NULL},
    {"date", "合议日期", WF_DATE, false, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

/* The participants of a (ids, n), each free to take part on day; field errors otherwise. */
static int check_participants(struct ctx *c, int64_t id, const int64_t *ids, int n, day_t day,
                              struct err *e)
{
    int64_t entity = 0;
    const char *ent = case_text(c, id, "entity_id", e);
    if (e->code) return e->code;
    if (ent) parse_i64(ent, &entity);
    for (int i = 0; i < n; i++) {
        const char *name, *why;
        int barred = enforce_bar(c, ids[i], entity, day, true, &name, &why, e);
        if (barred < 0) return barred;
        if (barred)
            return err_field(e, "participants", "%s%s%s", name ? name : "", name ? "：" : "", why);
    }
    return 0;
}

/* Whether every investigator of case id is among ids; field error naming the first who is not. */
static int check_investigators_present(struct ctx *c, int64_t id, const int64_t *ids, int n,
                                       struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT o.id, o.name FROM case_officer k JOIN officer o"
                                  " ON o.id = k.officer_id WHERE k.case_id = ? ORDER BY o.id",
                                  "i", id);
    const char *missing = NULL;
    while (!missing && st && db_step(st, e) == DB_ROW) {
        bool in = false;
        for (int i = 0; i < n; i++)
            in = in || ids[i] == db_int(st, 0);
        if (!in) missing = arena_strdup(c->arena, db_text(st, 1));
    }
    db_done(st);
    if (e->code) return e->code;
    return missing ? err_field(e, "participants", "本案承办人员%s应当参加合议", missing) : 0;
}

/* [R-CASE-62] 合议 by an investigator of the case, on a day from 立案 to today, with at least
 * the setting case.deliberation_min participants (default 3, [U]) who may enforce that day and
 * are not on the party's 回避 list (第四十二条、第四十三条), every investigator among them, and a
 * host who takes part. */
int case_guard_deliberate(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int rc = case_guard_investigator(c, id, "组织合议", e);
    if (rc) return rc;
    int min = CASE_DELIBERATION_MIN;
    if (setting_int(c, "case.deliberation_min", &min, e)) return e->code;
    const char *filed = case_text(c, id, "filed_on", e), *date = wf_date(c, a);
    if (e->code) return e->code;
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (filed && strcmp(date, filed) < 0)
        return err_field(e, "date", "合议日期不能早于立案日期（%s）", filed);
    if (strcmp(date, today) > 0) return err_field(e, "date", "合议日期不能晚于今天");
    int64_t ids[MAX_PARTICIPANTS], host;
    int n = enforce_parse_officers_as(wf_arg(a, "participants"), "participants", "参加合议的人员",
                                      ids, MAX_PARTICIPANTS, e);
    if (n < 0) return e->code;
    if (n < min)
        return err_field(e, "participants", "合议应当有%d名以上执法人员参加（本机关设定）", min);
    day_t day;
    date_parse(date, &day);
    if (check_participants(c, id, ids, n, day, e) || check_investigators_present(c, id, ids, n, e))
        return e->code;
    bool hosts = !parse_i64(wf_arg(a, "host"), &host);
    for (int i = 0; hosts && i < n; i++)
        if (ids[i] == host) return 0;
    return err_field(e, "host", "主持人应当是参加合议的人员");
}

/* The officers of the comma list of ids as printed: 姓名（执法证号 …）, 、-separated (arena). */
static const char *names_of(struct ctx *c, const char *list, struct err *e)
{
    const char *out = "";
    int64_t ids[MAX_PARTICIPANTS];
    int n =
        enforce_parse_officers_as(list, "participants", "参加合议的人员", ids, MAX_PARTICIPANTS, e);
    for (int i = 0; i < n && !e->code; i++) {
        struct db_stmt *st = db_query(
            c->db, e, "SELECT name, COALESCE(cert_no, '') FROM officer WHERE id = ?", "i", ids[i]);
        if (st && db_step(st, e) == DB_ROW)
            out = arena_printf(c->arena, "%s%s%s（执法证号 %s）", out, *out ? "、" : "",
                               db_text(st, 0), db_text(st, 1));
        db_done(st);
    }
    return e->code ? NULL : out;
}

/* The deliberation kept; the step's participants and host become their names, as the 合议记录
 * prints them. */
int case_effect_deliberate(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    const char *people = names_of(c, wf_arg(a, "participants"), e),
               *host = people ? names_of(c, wf_arg(a, "host"), e) : NULL;
    if (!host) return e->code;
    const char *conclusion = wf_arg(a, "conclusion");
    a->reason = arena_printf(c->arena, "合议结论：%s", wf_option_label(conclusions, conclusion));
    wf_arg_set(a, "participants", people);
    wf_arg_set(a, "host", host);
    return db_exec(c->db, e,
                   "INSERT INTO case_deliberation (case_id, held_on, host, recorder, participants,"
                   " facts, opinions, conclusion, conclusion_note, created_by, created_at)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   "itttttttt"
                   "Ii",
                   id, wf_date(c, a), host, wf_arg(a, "recorder"), people, wf_arg(a, "facts"),
                   wf_arg(a, "opinions"), conclusion, a->note, c->who->user_id, c->now) < 0
               ? e->code
               : 0;
}

/* The id of the case's last step of one of the actions of the SQL list in (0: none). */
static int64_t last_of(struct ctx *c, int64_t id, const char *in, struct err *e)
{
    int64_t n = 0;
    db_get_int(c->db, e, &n,
               arena_printf(c->arena,
                            "SELECT COALESCE(MAX(id), 0) FROM wf_step WHERE kind = 'case'"
                            " AND object_id = ? AND action IN (%s)",
                            in),
               "i", id);
    return n;
}

/* [R-CASE-63] 调查终结 follows a deliberation held since the case was filed or last sent back to
 * investigation (补充调查, 法制审核退回 or 不同意) that concluded to penalise or not; one that
 * found the evidence wanting keeps the case in investigation. Required unless the setting
 * case.deliberation_required is 0. */
int case_guard_deliberated(struct ctx *c, int64_t id, struct err *e)
{
    int required = 1;
    if (setting_int(c, "case.deliberation_required", &required, e)) return e->code;
    if (!required) return 0;
    int64_t back =
                last_of(c, id, "'approve', 'reinvestigate', 'review_return', 'review_reject'", e),
            held = last_of(c, id, "'deliberate'", e);
    if (e->code) return e->code;
    if (held <= back)
        return err_set(e, ERR_INVALID, "调查终结前应当由承办人员进行合议，并制作合议记录（%s）",
                       held ? "本案退回补充调查后尚未重新合议" : "本案尚未合议");
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT conclusion FROM case_deliberation WHERE case_id = ?"
                                  " ORDER BY id DESC LIMIT 1",
                                  "i", id);
    const char *got = NULL;
    if (st && db_step(st, e) == DB_ROW) got = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    if (e->code || !got || strcmp(got, "investigate") != 0) return e->code;
    return err_set(e, ERR_INVALID, "最近一次合议的结论是“%s”，应当继续调查后重新合议",
                   wf_option_label(conclusions, got));
}

json_t *case_deliberations_json(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT held_on, host, recorder, participants, facts, opinions,"
                                  " conclusion, conclusion_note FROM case_deliberation"
                                  " WHERE case_id = ? ORDER BY id",
                                  "i", id);
    if (!st) return NULL;
    json_t *out = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW)
        json_array_append_new(
            out, jpack("{ss ss ss ss ss ss ss ss* ss}", "held_on", db_text(st, 0), "host",
                       db_text(st, 1), "recorder", db_text(st, 2), "participants", db_text(st, 3),
                       "facts", db_text(st, 4), "opinions", db_text(st, 5), "conclusion",
                       db_text(st, 6), "conclusion_label",
                       wf_option_label(conclusions, db_text(st, 6)), "note", db_text(st, 7)));
    db_done(st);
    if (rc < 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}
