/* case_closing.c — the closing of a penalty case (结案): the pre-closing check of the file (every
 * document of the path the case took, the review and discussions when they were required, the
 * party's windows, the service and the execution or a lawful reason), and the step close that a
 * head apart from the case takes once nothing lacks: it records the summary, the ground, the 抄送
 * and issues the 结案报告. Declared in case.c; table case_copy (migration 052). */
#include "law/case_closing.h"
#include "base/jpack.h"
#include "law/case_internal.h"
#include "law/document.h"
#include "law/field.h"
#include "law/recording_stats.h"
#include "law/setting.h"

#include <string.h>

/* 行政强制法 第四十条 (终结执行) and the referral to the judicial organs: why a decision may be
 * closed without being carried out. */
static const struct wf_option grounds[] = {
    {"revoked", "行政处罚决定被依法撤销（行政复议、行政诉讼）"},
    {"deceased", "当事人死亡，无遗产可供执行，又无义务承受人"},
    {"terminated", "当事人终止，无财产可供执行，又无义务承受人"},
    {"object_lost", "执行标的灭失"},
    {"referred", "涉嫌犯罪，已移送司法机关"},
    {NULL, NULL},
};

const struct wf_input case_in_close[] = {
    {"note", "执行情况及结案理由（结案报告）", WF_TEXT, true, 2000, NULL},
    {"ground", "未执行完毕的，依法终结执行的情形", WF_CODE, false, 0, grounds},
    {"ground_note", "终结执行情形的事实和依据", WF_TEXT, false, 1000, NULL},
    {"copies", "抄送（每行一个：机关名称｜YYYY-MM-DD｜方式）", WF_TEXT, false, 2000, NULL},
    {"date", "结案日期", WF_DATE, false, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

const char *case_closing_ground_label(const char *code)
{
    return code ? wf_option_label(grounds, code) : NULL;
}

/* ---- what the check reads ------------------------------------------------------------------- */

#define MAX_DOCS 512

/* The case as the check reads it. */
struct file {
    const char *procedure, *decided_on, *notified_on, *waived_on, *requested_on, *withdrawn_on,
        *heard_on, *executed_on, *status, *closing_ground, *party_kind;
    bool review, major, right, absent, penalised;
    struct {
        const char *type;
        bool kept;
    } docs[MAX_DOCS];
    int ndocs;
};

static const char *opt_text(struct ctx *c, struct db_stmt *st, int col)
{
    return db_null(st, col) ? NULL : arena_strdup(c->arena, db_text(st, col));
}

static int read_case(struct ctx *c, int64_t id, struct file *f, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT procedure, decided_on, notified_on, waived_on, hearing_requested_on,"
                 " hearing_withdrawn_on, heard_on, executed_on, decision_status, closing_ground,"
                 " party_kind, review_required, major, hearing_right, hearing_absent,"
                 " no_penalty_ground IS NULL FROM penalty_case WHERE id = ?",
                 "i", id);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        const char **text[] = {&f->procedure,      &f->decided_on,   &f->notified_on,
                               &f->waived_on,      &f->requested_on, &f->withdrawn_on,
                               &f->heard_on,       &f->executed_on,  &f->status,
                               &f->closing_ground, &f->party_kind};
        for (int i = 0; i < (int)countof(text); i++)
            *text[i] = opt_text(c, st, i);
        f->review = db_int(st, 11) != 0;
        f->major = db_int(st, 12) != 0;
        f->right = db_int(st, 13) != 0;
        f->absent = db_int(st, 14) != 0;
        f->penalised = db_int(st, 15) != 0;
    }
    db_done(st);
    return rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_NOTFOUND, "案件不存在");
}

/* The case's documents with whether each is kept: one read of the register. */
static int read_docs(struct ctx *c, int64_t id, struct file *f, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT d.type, f.document_id IS NOT NULL FROM document d"
                                  " LEFT JOIN document_file f ON f.document_id = d.id"
                                  " WHERE d.object_type = 'case' AND d.object_id = ? ORDER BY d.id",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW)
        if (f->ndocs < MAX_DOCS) {
            f->docs[f->ndocs].type = arena_strdup(c->arena, db_text(st, 0));
            f->docs[f->ndocs++].kept = db_int(st, 1) != 0;
        }
    db_done(st);
    return e->code;
}

/* 0: no document of type; 1: one, none kept; 2: one kept. */
static int doc_state(const struct file *f, const char *type)
{
    int best = 0;
    for (int i = 0; i < f->ndocs; i++)
        if (strcmp(f->docs[i].type, type) == 0) best = f->docs[i].kept ? 2 : best ? best : 1;
    return best;
}

static void add(struct ctx *c, json_t *items, int64_t id, const char *code, const char *rule,
                const char *anchor, const char *message)
{
    json_array_append_new(
        items,
        jpack("{ss ss ss ss*}", "code", code, "message", message, "rule", rule, "href",
              anchor ? arena_printf(c->arena, "/cases/%lld#%s", (long long)id, anchor) : NULL));
}

/* ---- the items ------------------------------------------------------------------------------ */

/* [R-CASE-95] a document the path requires is in the file; [R-CASE-96] issued and kept (its PDF
 * with the hash), not merely registered. rule: the rule that requires it. */
static void need_doc(struct ctx *c, const struct file *f, json_t *items, int64_t id,
                     const char *type, const char *rule, const char *why)
{
    int got = doc_state(f, type);
    const char *label = document_type_label(type);
    if (got == 0)
        add(c, items, id, arena_printf(c->arena, "doc_%s", type), rule, NULL,
            arena_printf(c->arena, "案卷缺少%s（%s）", label, why));
    else if (got == 1)
        add(c, items, id, arena_printf(c->arena, "kept_%s", type), "R-CASE-96", NULL,
            arena_printf(c->arena, "%s已登记编号但未出具留存（无文书文件），应当补正", label));
}

/* [R-CASE-40] 第五十八条: a required review passed after the last 调查终结 and hearing held. */
static int need_review(struct ctx *c, const struct file *f, json_t *items, int64_t id,
                       struct err *e)
{
    if (!f->review) return 0;
    int passed = case_review_passed(c, id, f->heard_on && !f->absent, e);
    if (passed) return passed < 0 ? passed : 0;
    add(c, items, id, "review", "R-CASE-40", NULL,
        "本案须经法制审核，案卷中没有调查终结（听证）后审核通过的记录（《行政处罚法》第五十八条）");
    return 0;
}

/* [R-CASE-43] 第四十五条、第六十二条、第六十四条: the decision came after the party's statement
 * window and, when the penalty gave the right, the 5 working days to ask for a hearing — unless
 * the party waived in writing — and after a hearing asked for was held or withdrawn. */
static int need_windows(struct ctx *c, const struct file *f, json_t *items, int64_t id,
                        struct err *e)
{
    if (!f->notified_on || !f->decided_on || f->waived_on) return 0;
    const char *due = case_defence_due(c, id, e);
    if (e->code) return e->code;
    if (due && strcmp(f->decided_on, due) <= 0)
        add(c, items, id, "window_statement", "R-CASE-43", NULL,
            arena_printf(c->arena,
                         "处罚决定（%s）作出时陈述、申辩期限（至 %s）尚未届满，当事人亦未书面放弃"
                         "（《行政处罚法》第四十五条）",
                         f->decided_on, due));
    if (f->requested_on && !f->withdrawn_on && !f->heard_on)
        add(c, items, id, "window_hearing", "R-CASE-43", NULL,
            "当事人要求听证，案卷中没有听证笔录或撤回听证申请的记录（《行政处罚法》第六十四条）");
    if (!f->right || f->requested_on) return 0;
    day_t notified, last;
    char d[DATE_STRLEN];
    if (date_parse(f->notified_on, &notified) ||
        wf_count(c->cal, CASE_HEARING_REQUEST_DAYS, true, notified, &last, &(bool){0}, e))
        return e->code ? e->code : err_set(e, ERR_INTERNAL, "告知日期无效");
    date_format(last, d);
    if (strcmp(f->decided_on, d) <= 0)
        add(c, items, id, "window_hearing", "R-CASE-43", NULL,
            arena_printf(c->arena,
                         "处罚决定（%s）作出时要求听证的期限（至 %s）尚未届满（《行政处罚法》"
                         "第六十四条）",
                         f->decided_on, d));
    return 0;
}

/* [R-CASE-70] 第六十一条: the decision served, with its 送达回执 (a decision made on the spot is
 * handed over there, 第五十二条). */
static int need_service(struct ctx *c, const struct file *f, json_t *items, int64_t id,
                        struct err *e)
{
    if (strcmp(f->procedure, "summary") == 0) return 0;
    int served = db_exists(c->db, e,
                           "SELECT 1 FROM case_service WHERE case_id = ? AND document_type IN"
                           " ('penalty_decision', 'no_penalty_decision')",
                           "i", id);
    if (served < 0) return served;
    if (!served)
        add(c, items, id, "service", "R-CASE-70", "services",
            arena_printf(c->arena,
                         "%s尚未送达当事人，案卷中没有送达回执（《行政处罚法》第六十一条）",
                         f->penalised ? "行政处罚决定书" : "不予行政处罚决定书"));
    return 0;
}

/* [R-CASE-114] 第四十七条: each key step of the case (现场笔录, 询问笔录, 送达, 听证) has a
 * recording attached to it, one item per step without; an agency without recorders sets
 * case.recording_required to 0. */
static int need_recordings(struct ctx *c, json_t *items, int64_t id, struct err *e)
{
    int required = 1;
    if (setting_int(c, "case.recording_required", &required, e)) return e->code;
    json_t *acts = required ? recording_case_unrecorded(c, id, e) : NULL;
    if (!acts) return e->code;
    size_t i;
    json_t *o;
    json_array_foreach(acts, i, o)
    {
        add(c, items, id, "recording", "R-CASE-114", "recordings",
            arena_printf(c->arena, "%s缺少音像记录（《行政处罚法》第四十七条）",
                         jget_text(o, "name")));
    }
    json_decref(acts);
    return 0;
}

/* The documents of a general-procedure case's path: [R-CASE-95] and the rule of each. */
static int need_general(struct ctx *c, const struct file *f, json_t *items, int64_t id,
                        struct err *e)
{
    int deliberation = 1;
    if (setting_int(c, "case.deliberation_required", &deliberation, e)) return e->code;
    need_doc(c, f, items, id, "filing_report", "R-CASE-95", "立案须经负责人批准，第五十四条");
    if (deliberation)
        need_doc(c, f, items, id, "deliberation_record", "R-CASE-63", "调查终结前应当合议");
    need_doc(c, f, items, id, "investigation_report", "R-CASE-95", "调查终结");
    if (need_review(c, f, items, id, e)) return e->code;
    if (f->penalised)
        need_doc(c, f, items, id, "prior_notice", "R-CASE-43", "第四十四条：作出决定前应当告知");
    if (f->heard_on) need_doc(c, f, items, id, "hearing_record", "R-CASE-35", "第六十四条");
    if (f->major)
        need_doc(c, f, items, id, "collective_discussion", "R-CASE-41",
                 "重大、复杂案件由负责人集体讨论决定，第五十七条");
    need_doc(c, f, items, id, f->penalised ? "penalty_decision" : "no_penalty_decision",
             "R-CASE-95", "第五十九条");
    return f->penalised ? need_windows(c, f, items, id, e) : 0;
}

/* ---- execution ------------------------------------------------------------------------------ */

/* [R-CASE-98] The ground the closer gives, as the file bears it out: a revocation recorded by a
 * remedy's outcome (remedy.c marks the case), a referral sent to the police. */
static int ground_borne_out(struct ctx *c, const struct file *f, int64_t id, const char *ground,
                            json_t *items, struct err *e)
{
    if (strcmp(ground, "revoked") == 0 && (!f->status || strcmp(f->status, "revoked") != 0))
        add(c, items, id, "ground_revoked", "R-CASE-98", "remedies",
            "案卷中没有撤销本案行政处罚决定的复议决定或者裁判（行政复议、行政诉讼的结果），"
            "不能以“决定被撤销”结案");
    if (strcmp(ground, "referred") != 0) return 0;
    int sent = db_exists(
        c->db, e, "SELECT 1 FROM case_referral WHERE case_id = ? AND sent_on IS NOT NULL", "i", id);
    if (sent < 0) return sent;
    if (!sent)
        add(c, items, id, "ground_referred", "R-CASE-98", "referrals",
            "本案没有已送出的涉嫌犯罪案件移送书，不能以“已移送司法机关”结案");
    return 0;
}

/* The one place that says whether a decision was carried out or lawfully need not be: a decision
 * not to penalise has nothing to carry out; a penalty is settled ([R-CASE-113],
 * case_enforcement.c) once nothing is owed (paid in full, instalments paid, a warning served) or
 * the court's enforcement has ended, and every confiscated item is disposed of; otherwise a
 * lawful ground the file bears out. */
static int execution_ok(struct ctx *c, const struct file *f, int64_t id, const char *ground,
                        json_t *items, struct err *e)
{
    if (!f->penalised) return 0;
    bool settled = false;
    const char *open = "";
    if (case_enforcement_settled(c, id, &settled, &open, e)) return e->code;
    if (settled) return 0;
    if (!str_blank(ground)) return ground_borne_out(c, f, id, ground, items, e);
    add(c, items, id, "execution", "R-CASE-97", NULL,
        arena_printf(c->arena,
                     "行政处罚决定尚未执行完毕：%s也未选择依法终结执行的情形（《行政处罚法》"
                     "第六十七条、第七十二条，《行政强制法》第四十条）",
                     open));
    return 0;
}

int case_closing_execution_ok(struct ctx *c, int64_t id, const char *ground, json_t *items,
                              struct err *e)
{
    struct file *f = arena_alloc(c->arena, sizeof *f);
    memset(f, 0, sizeof *f);
    if (read_case(c, id, f, e)) return e->code;
    return execution_ok(c, f, id, ground, items, e);
}

/* [R-CASE-102] No 复议 or 诉讼 against the decision is pending: its outcome may revoke or change
 * what the file would close on (remedy.c marks the case when it ends). */
static int need_remedies_ended(struct ctx *c, json_t *items, int64_t id, struct err *e)
{
    int pending = db_exists(
        c->db, e, "SELECT 1 FROM case_remedy WHERE case_id = ? AND ended_on IS NULL", "i", id);
    if (pending < 0) return pending;
    if (pending)
        add(c, items, id, "remedy_pending", "R-CASE-102", "remedies",
            "针对本案决定的行政复议或者行政诉讼尚未审结，应当待其结果登记后再结案");
    return 0;
}

/* [R-CASE-103] 国务院令第310号 第十一条: a case closed before any decision is one the police
 * filed after its referral; its file holds the 立案 approval and the referral's 移送书. */
static int need_referral_filed(struct ctx *c, const struct file *f, json_t *items, int64_t id,
                               struct err *e)
{
    need_doc(c, f, items, id, "filing_report", "R-CASE-95", "立案须经负责人批准，第五十四条");
    /* the referral the police filed, with its 移送书 kept (a document of the referral) */
    int filed = db_exists(c->db, e,
                          "SELECT 1 FROM case_referral r JOIN document d ON d.object_type ="
                          " 'referral' AND d.object_id = r.id AND d.type = 'case_transfer_letter'"
                          " JOIN document_file k ON k.document_id = d.id"
                          " WHERE r.case_id = ? AND r.answer = 'filed'",
                          "i", id);
    if (filed < 0) return filed;
    if (!filed)
        add(c, items, id, "referral_filed", "R-CASE-103", "referrals",
            "本案尚未作出决定：只有涉嫌犯罪移送公安机关（移送书已出具）并经其决定立案的，方可不"
            "作决定而结案（《行政执法机关移送涉嫌犯罪案件的规定》第十一条）");
    return 0;
}

/* ---- the check ------------------------------------------------------------------------------ */

json_t *case_closing_check(struct ctx *c, int64_t id, const char *ground, struct err *e)
{
    struct file *f = arena_alloc(c->arena, sizeof *f);
    memset(f, 0, sizeof *f);
    if (read_case(c, id, f, e) || read_docs(c, id, f, e)) return NULL;
    if (str_blank(ground)) ground = f->closing_ground;
    json_t *items = json_array();
    int rc = 0;
    if (!f->decided_on) {
        rc = need_referral_filed(c, f, items, id, e);
        if (rc) json_decref(items);
        return rc ? NULL : items;
    }
    if (strcmp(f->procedure, "summary") == 0)
        need_doc(c, f, items, id, "summary_penalty_decision", "R-CASE-54", "第五十二条");
    else
        rc = need_general(c, f, items, id, e);
    if (!rc) rc = need_service(c, f, items, id, e);
    if (!rc) rc = need_recordings(c, items, id, e);
    if (!rc) rc = execution_ok(c, f, id, ground, items, e);
    if (!rc) rc = need_remedies_ended(c, items, id, e);
    if (rc) {
        json_decref(items);
        return NULL;
    }
    return items;
}

/* ---- the step ------------------------------------------------------------------------------- */

/* One 抄送 line: 机关名称｜YYYY-MM-DD｜方式 (| or ｜ between the parts). */
struct copy {
    const char *body, *on, *how;
};

/* The next part of *p up to a bar (| or ｜) or the end, trimmed (arena). */
static const char *part(struct ctx *c, const char **p)
{
    const char *s = *p, *bar = strchr(s, '|'), *wide = strstr(s, "｜");
    const char *end = bar && (!wide || bar < wide) ? bar : wide;
    size_t len = end ? (size_t)(end - s) : strlen(s);
    *p = end ? end + (end == bar ? 1 : strlen("｜")) : s + len;
    char *out = arena_alloc(c->arena, len + 1);
    memcpy(out, s, len);
    out[len] = 0;
    return str_trim(out);
}

/* [R-CASE-100] The 抄送 lines of text into out (at most CASE_COPIES_MAX): each names the body, the
 * day — neither before the decision (from) nor after the closing (to) — and how it was sent.
 * Sets *n; field errors on copies. */
static int parse_copies(struct ctx *c, const char *text, const char *from, const char *to,
                        struct copy *out, int *n, struct err *e)
{
    *n = 0;
    for (const char *p = text ? text : ""; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *line = arena_alloc(c->arena, len + 1);
        memcpy(line, p, len);
        line[len] = 0;
        p += len + (nl ? 1 : 0);
        const char *q = str_trim(line);
        if (!*q) continue;
        if (*n == CASE_COPIES_MAX)
            return err_field(e, "copies", "抄送不能超过%d个机关", CASE_COPIES_MAX);
        struct copy k;
        k.body = part(c, &q);
        k.on = part(c, &q);
        k.how = part(c, &q);
        day_t d;
        if (!*k.body || !*k.how || *q || date_parse(k.on, &d))
            return err_field(e, "copies", "第%d行：应写为 机关名称｜YYYY-MM-DD｜方式", *n + 1);
        if ((from && strcmp(k.on, from) < 0) || strcmp(k.on, to) > 0)
            return err_field(e, "copies", "第%d行：抄送日期应在决定日期（%s）与结案日期（%s）之间",
                             *n + 1, from ? from : "", to);
        out[(*n)++] = k;
    }
    return 0;
}

/* [R-CASE-99] The closing's day: not before the decision, its execution or the decision's
 * service, and not after today. */
static int check_day(struct ctx *c, int64_t id, const struct file *f, const char *day,
                     struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    const char *served = NULL;
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT MAX(served_on) FROM case_service WHERE case_id = ?"
                 " AND document_type IN ('penalty_decision', 'no_penalty_decision')",
                 "i", id);
    if (st && db_step(st, e) == DB_ROW) served = opt_text(c, st, 0);
    db_done(st);
    if (e->code) return e->code;
    const struct {
        const char *day, *what;
    } before[] = {
        {f->decided_on, "作出决定"}, {f->executed_on, "执行完毕"}, {served, "送达决定书"}};
    for (size_t i = 0; i < countof(before); i++)
        if (before[i].day && strcmp(day, before[i].day) < 0)
            return err_field(e, "date", "结案日期不能早于%s的日期（%s）", before[i].what,
                             before[i].day);
    return strcmp(day, today) > 0 ? err_field(e, "date", "结案日期不能晚于今天（%s）", today) : 0;
}

/* [R-CASE-98] A ground only for a penalty not carried out, with its facts written; 死亡 is a
 * citizen's, 终止 an organisation's. */
static int check_ground(const struct file *f, const struct wf_args *a, struct err *e)
{
    const char *ground = wf_arg(a, "ground");
    if (!f->decided_on && (str_blank(ground) || strcmp(ground, "referred") != 0))
        return err_field(
            e, "ground",
            "本案尚未作出决定，只能以“涉嫌犯罪，已移送司法机关”结案（公安机关已立案）");
    if (!f->decided_on) return 0;
    if (str_blank(ground)) return 0;
    if (!f->penalised) return err_field(e, "ground", "不予行政处罚的案件没有需要执行的内容");
    if (f->executed_on)
        return err_field(e, "ground", "本案已于 %s 执行完毕，无需选择终结执行的情形",
                         f->executed_on);
    if (strcmp(ground, "deceased") == 0 && strcmp(f->party_kind, "citizen") != 0)
        return err_field(e, "ground", "当事人不是公民，不适用“当事人死亡”");
    if (strcmp(ground, "terminated") == 0 && strcmp(f->party_kind, "citizen") == 0)
        return err_field(e, "ground", "当事人是公民，不适用“当事人终止”");
    if (strcmp(ground, "revoked") != 0 && strcmp(ground, "referred") != 0 &&
        str_blank(wf_arg(a, "ground_note")))
        return err_field(e, "ground_note",
                         "请写明终结执行情形的事实和依据（《行政强制法》第四十条），如死亡证明、"
                         "注销登记、财产调查情况");
    return 0;
}

/* [R-CASE-101] the 结案报告 approved by a head apart from the case (审批与承办分离); then the day,
 * the ground and the 抄送. */
int case_guard_close(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int rc = case_guard_apart(c, id, "结案", e);
    if (rc) return rc;
    struct file *f = arena_alloc(c->arena, sizeof *f);
    memset(f, 0, sizeof *f);
    const char *day = wf_date(c, a);
    struct copy copies[CASE_COPIES_MAX];
    int n;
    if (read_case(c, id, f, e) || check_day(c, id, f, day, e) || check_ground(f, a, e))
        return e->code;
    return parse_copies(c, wf_arg(a, "copies"), f->decided_on, day, copies, &n, e);
}

/* The rule ids of items, each once, in order: 「R-CASE-70、R-CASE-97」 (arena). */
static const char *rule_ids(struct ctx *c, json_t *items)
{
    const char *out = "";
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        const char *rule = json_string_value(json_object_get(it, "rule"));
        if (strstr(out, rule)) continue;
        if (strlen(out) > 120) return arena_printf(c->arena, "%s等", out);
        out = arena_printf(c->arena, "%s%s%s", out, *out ? "、" : "", rule);
    }
    return out;
}

/* [R-CASE-94] Closed only when the pre-closing check finds nothing lacking: refused with the
 * count and the rules in the message, and the whole list as details (the page and the API's
 * error.details show every item). */
int case_before_close(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    json_t *items = case_closing_check(c, id, wf_arg(a, "ground"), e);
    if (!items) return e->code;
    size_t n = json_array_size(items);
    if (!n) {
        json_decref(items);
        return 0;
    }
    const char *rules = rule_ids(c, items);
    json_decref(a->details);
    a->details = jpack("{so sb}", "closing_check", items, "closing_ok", false);
    return err_set(e, ERR_INVALID, "结案前检查未通过：案卷尚缺%zu项（%s），补齐后方可结案", n,
                   rules);
}

int case_effect_close(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    const char *day = wf_date(c, a), *ground = blank_to_null(wf_arg(a, "ground"));
    const char *decided = case_text(c, id, "decided_on", e);
    struct copy copies[CASE_COPIES_MAX];
    int n;
    if (e->code || parse_copies(c, wf_arg(a, "copies"), decided, day, copies, &n, e))
        return e->code;
    a->reason =
        ground ? arena_printf(c->arena, "终结执行：%s", case_closing_ground_label(ground)) : NULL;
    if (db_exec(c->db, e,
                "UPDATE penalty_case SET closed_on = ?, closed_by = ?, closing_summary = ?,"
                " closing_ground = ?, closing_ground_note = ?, updated_at = ? WHERE id = ?",
                "tIttti"
                "i",
                day, c->who->user_id, a->note, ground, blank_to_null(wf_arg(a, "ground_note")),
                c->now, id) < 0)
        return e->code;
    for (int i = 0; i < n; i++)
        if (db_exec(c->db, e,
                    "INSERT INTO case_copy (case_id, body, copied_on, how, created_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    "ittti", id, copies[i].body, copies[i].on, copies[i].how, c->now) < 0)
            return e->code;
    return 0;
}

/* ---- reading -------------------------------------------------------------------------------- */

static json_t *copies_json(struct ctx *c, int64_t id, struct err *e)
{
    json_t *out = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT body, copied_on, how FROM case_copy WHERE case_id = ?"
                                  " ORDER BY id",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW)
        json_array_append_new(out, jpack("{ss ss ss}", "body", db_text(st, 0), "copied_on",
                                         db_text(st, 1), "how", db_text(st, 2)));
    db_done(st);
    return out;
}

static int closing_json(struct ctx *c, int64_t id, json_t *cas, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT x.closed_on, x.closing_summary, x.closing_ground,"
                                  " x.closing_ground_note, u.display_name FROM penalty_case x"
                                  " LEFT JOIN app_user u ON u.id = x.closed_by WHERE x.id = ?",
                                  "i", id);
    json_t *o = NULL;
    if (st && db_step(st, e) == DB_ROW && !db_null(st, 0))
        o = jpack("{ss ss* ss* ss* ss* ss*}", "closed_on", db_text(st, 0), "summary",
                  db_text(st, 1), "ground", db_text(st, 2), "ground_label",
                  case_closing_ground_label(db_null(st, 2) ? NULL : db_text(st, 2)), "ground_note",
                  db_text(st, 3), "by", db_text(st, 4));
    db_done(st);
    if (!o) return e->code;
    json_object_set_new(o, "copies", copies_json(c, id, e));
    json_object_set_new(cas, "closing", o);
    return e->code;
}

/* The close step out of a case's offered actions (a case under investigation not referred). */
static void drop_close(json_t *actions)
{
    for (size_t i = json_array_size(actions); i-- > 0;) {
        const char *a = json_string_value(json_object_get(json_array_get(actions, i), "action"));
        if (a && strcmp(a, "close") == 0) json_array_remove(actions, i);
    }
}

int case_closing_read(struct ctx *c, int64_t id, const char *state, json_t *cas, struct err *e)
{
    static const char *const decided[] = {"decided", "not_penalised", "closed"};
    bool applies = false;
    for (size_t i = 0; i < countof(decided); i++)
        applies = applies || strcmp(state, decided[i]) == 0;
    if (!applies && (strcmp(state, "filed") == 0 || strcmp(state, "concluded") == 0)) {
        /* [R-CASE-103] before a decision, only once the police filed the referred case */
        int filed = db_exists(c->db, e,
                              "SELECT 1 FROM case_referral WHERE case_id = ? AND answer = 'filed'",
                              "i", id);
        if (filed < 0) return filed;
        applies = filed == 1;
        if (!applies) drop_close(json_object_get(cas, "actions"));
    }
    if (!applies) return 0;
    json_t *items = case_closing_check(c, id, NULL, e);
    if (!items) return e->code;
    jset_bool(cas, "closing_ok", json_array_size(items) == 0);
    json_object_set_new(cas, "closing_check", items);
    return strcmp(state, "closed") == 0 ? closing_json(c, id, cas, e) : 0;
}
