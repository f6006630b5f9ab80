/* file_review.c — the case-file audit (案卷评查, file_review.h): the rubric (built in, or a version
 * an agency loaded), starting a review with its separation of duties and scope, the scores and
 * the grade, and the workflow declared as data (completion, 补正 with its deadline, its answer,
 * acceptance or return, lapse). Reading is file_review_read.c, figures and sampling
 * file_review_stats.c. */
#include "law/file_review.h"
#include "base/embed.h"
#include "base/jpack.h"
#include "law/area.h"
#include "law/audit.h"
#include "law/case.h"
#include "law/role.h"
#include "law/setting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* [R-FILE-01] Only a closed file is audited (结案后评查): the one place that says so. */
bool file_review_auditable(const char *state)
{
    return state && strcmp(state, "closed") == 0;
}

/* ---- the rubric ----------------------------------------------------------------------------- */

/* A positive integer member of o, or 0. */
static int int_of(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_integer(v) && json_integer_value(v) > 0 && json_integer_value(v) <= 1000
               ? (int)json_integer_value(v)
               : 0;
}

static const char *text_of(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s && *s ? s : NULL;
}

/* One section's items checked; their points added to *total, their codes to seen. */
static int check_section(json_t *s, size_t k, json_t *seen, int *total, struct err *e)
{
    json_t *items = json_object_get(s, "items"), *it;
    if (!text_of(s, "name") || !json_array_size(items))
        return err_field(e, "rubric", "第%zu部分缺少名称（name）或评查项目（items）", k + 1);
    size_t i;
    int points = 0;
    json_array_foreach(items, i, it)
    {
        const char *code = text_of(it, "code");
        if (!code || !text_of(it, "text") || !int_of(it, "max"))
            return err_field(e, "rubric", "%s第%zu项缺少编号（code）、内容（text）或分值（max）",
                             text_of(s, "name"), i + 1);
        if (json_object_get(seen, code))
            return err_field(e, "rubric", "评查项目编号 %s 重复", code);
        json_object_set_new(seen, code, json_true());
        points += int_of(it, "max");
    }
    json_object_set_new(s, "max", json_integer(points));
    *total += points;
    return 0;
}

int file_review_rubric_check(json_t *r, struct err *e)
{
    json_t *sections = json_object_get(r, "sections"), *s;
    if (!json_is_object(r) || !text_of(r, "version") || !text_of(r, "title") ||
        !json_array_size(sections))
        return err_field(e, "rubric",
                         "评查标准应为 JSON，含版本（version）、名称（title）和各部分"
                         "（sections）");
    json_t *seen = json_object();
    int total = 0;
    size_t k;
    json_array_foreach(sections, k, s)
    {
        if (check_section(s, k, seen, &total, e)) break;
    }
    json_decref(seen);
    if (!e->code && total != FILE_REVIEW_TOTAL)
        err_field(e, "rubric", "各项分值合计应为%d分，现为%d分", FILE_REVIEW_TOTAL, total);
    return e->code;
}

/* The built-in rubric (data/review_rubric.json), checked (new reference). */
static json_t *builtin(struct err *e)
{
    const struct embed_file *f = embed_find("data/review_rubric.json");
    json_t *r = f ? json_loadb(f->data, f->len, 0, NULL) : NULL;
    if (!r || file_review_rubric_check(r, e)) {
        json_decref(r);
        err_clear(e);
        err_set(e, ERR_INTERNAL, "内置评查标准 data/review_rubric.json 不可用");
        return NULL;
    }
    jset_int(r, "id", 0);
    return r;
}

/* Rubric id as loaded (new reference), or NULL with e filled. */
static json_t *loaded(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e, "SELECT body FROM review_rubric WHERE id = ?", "i", id);
    json_t *r = NULL;
    if (st && db_step(st, e) == DB_ROW) r = json_loads(db_text(st, 0), 0, NULL);
    db_done(st);
    if (r && file_review_rubric_check(r, e)) json_decref(r), r = NULL;
    if (!r && !e->code) err_set(e, ERR_INTERNAL, "评查标准 %lld 不可用", (long long)id);
    if (r) jset_int(r, "id", id);
    return r;
}

json_t *file_review_rubric_of(struct ctx *c, int64_t id, struct err *e)
{
    return id ? loaded(c, id, e) : builtin(e);
}

json_t *file_review_rubric(struct ctx *c, struct err *e)
{
    int64_t id = 0;
    /* the nearest agency above (or the actor's own) that loaded one: the longest path */
    int rc = db_get_int(c->db, e, &id,
                        "SELECT r.id FROM review_rubric r JOIN agency a ON a.id = r.agency_id"
                        " JOIN agency me ON me.id = ? WHERE me.path LIKE a.path || '%'"
                        " ORDER BY LENGTH(a.path) DESC, r.id DESC LIMIT 1",
                        "i", c->who->agency_id);
    if (rc == ERR_NOTFOUND)
        err_clear(e), id = 0;
    else if (rc)
        return NULL;
    return file_review_rubric_of(c, id, e);
}

int file_review_rubric_load(struct ctx *c, const char *text, int64_t *id, struct err *e)
{
    if (!role_allows(c->who->roles, PERM_FILE_REVIEW))
        return err_set(e, ERR_FORBIDDEN, "只有稽查人员可以载入评查标准");
    json_error_t je;
    json_t *r = text ? json_loads(text, 0, &je) : NULL;
    if (!r) return err_field(e, "rubric", "评查标准不是有效的 JSON");
    int rc = file_review_rubric_check(r, e);
    if (rc) goto out;
    if ((rc = db_begin(c->db, e))) goto out;
    const char *version = text_of(r, "version");
    int dup = db_exists(c->db, e, "SELECT 1 FROM review_rubric WHERE agency_id = ? AND version = ?",
                        "it", c->who->agency_id, version);
    if (dup)
        rc = dup < 0 ? dup : err_field(e, "rubric", "本机构已有版本 %s，请换一个版本号", version);
    if (!rc)
        rc = db_get_int(c->db, e, id,
                        "INSERT INTO review_rubric (agency_id, version, title, body, created_by,"
                        " created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                        "itttIi", c->who->agency_id, version, text_of(r, "title"), text,
                        c->who->user_id, c->now);
    if (!rc)
        rc = audit_write(c, "review.rubric", "review_rubric", *id, "载入评查标准 %s（%s）",
                         text_of(r, "title"), version);
    if (rc)
        db_rollback(c->db);
    else
        rc = db_commit(c->db, e);
out:
    json_decref(r);
    return rc;
}

/* ---- starting a review ---------------------------------------------------------------------- */

/* [R-FILE-03] Separation of duties: one who investigated the case, proposed or approved it
 * (立案, the decision) or made its legal review does not audit its file. */
static int guard_apart(struct ctx *c, int64_t case_id, struct err *e)
{
    int64_t me = c->who->user_id;
    int mine = db_exists(c->db, e,
                         "SELECT 1 FROM penalty_case WHERE id = ? AND proposed_by = ?"
                         " UNION ALL SELECT 1 FROM case_officer k JOIN app_user u"
                         " ON u.officer_id = k.officer_id WHERE k.case_id = ? AND u.id = ?"
                         " UNION ALL SELECT 1 FROM wf_step WHERE kind = 'case' AND object_id = ?"
                         " AND user_id = ? AND action IN ('approve', 'decide', 'decide_none',"
                         " 'review_pass', 'review_return', 'review_reject')",
                         "iiiiii", case_id, me, case_id, me, case_id, me);
    if (mine < 0) return mine;
    if (!mine) return 0;
    return err_set(e, ERR_FORBIDDEN,
                   "评查与办案分离：承办、审批或法制审核过本案的人员不能评查本案卷");
}

static int insert_review(struct ctx *c, int64_t case_id, const struct case_facts *f,
                         int64_t sample_id, json_t *rubric, int64_t *id, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    return db_get_int(c->db, e, id,
                      "INSERT INTO file_review (agency_id, reviewer_agency_id, case_id, line,"
                      " state, reviewer_id, reviewed_on, rubric_id, rubric_version, sample_id,"
                      " created_at) VALUES (?, ?, ?, ?, 'reviewing', ?, ?, ?, ?, ?, ?)"
                      " RETURNING id",
                      "iiititItIi", f->agency, c->who->agency_id, case_id, f->line, c->who->user_id,
                      today, json_integer_value(json_object_get(rubric, "id")),
                      text_of(rubric, "version"), sample_id, c->now);
}

int file_review_add_in(struct ctx *c, int64_t case_id, int64_t sample_id, int64_t *id,
                       struct err *e)
{
    if (!role_allows(c->who->roles, PERM_FILE_REVIEW))
        return err_set(e, ERR_FORBIDDEN, "只有稽查人员可以评查案卷");
    /* [R-FILE-02] 层级稽查: the case in the actor's scope (its agency and those below), else
     * ERR_NOTFOUND as if it did not exist */
    struct case_facts f = {0};
    int rc = case_facts_read(c, case_id, &f, e);
    if (rc) return rc;
    if (!file_review_auditable(f.state))
        return err_set(e, ERR_INVALID, "案件尚未结案，不能评查其案卷（结案后评查）");
    if ((rc = guard_apart(c, case_id, e))) return rc;
    int open =
        db_exists(c->db, e, "SELECT 1 FROM file_review WHERE case_id = ? AND state = 'reviewing'",
                  "i", case_id);
    if (open) return open < 0 ? open : err_set(e, ERR_INVALID, "本案卷已有评查中的评查记录");
    json_t *rubric = file_review_rubric(c, e);
    if (!rubric) return e->code;
    rc = insert_review(c, case_id, &f, sample_id, rubric, id, e);
    if (!rc) rc = wf_start(c, &file_review_workflow, *id, NULL, &(struct wf_args){0}, e);
    if (!rc)
        rc = audit_write(c, "review.create", "file_review", *id, "评查案卷（案件 %lld），标准 %s",
                         (long long)case_id, text_of(rubric, "version"));
    json_decref(rubric);
    return rc;
}

int file_review_add(struct ctx *c, int64_t case_id, int64_t sample_id, int64_t *id, struct err *e)
{
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = file_review_add_in(c, case_id, sample_id, id, e);
    if (rc)
        db_rollback(c->db);
    else
        rc = db_commit(c->db, e);
    return rc;
}

/* ---- scores --------------------------------------------------------------------------------- */

/* What the steps and the scores read of review id. */
struct review_facts {
    int64_t case_id, reviewer, rubric;
    char state[16];
};

static int read_review(struct ctx *c, int64_t id, struct review_facts *r, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT v.case_id, v.reviewer_id, v.rubric_id, v.state"
                                  " FROM file_review v JOIN agency a ON a.id = v.agency_id"
                                  " WHERE v.id = ? AND a.path LIKE ?",
                                  "it", id, actor_scope(c));
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        r->case_id = db_int(st, 0);
        r->reviewer = db_int(st, 1);
        r->rubric = db_null(st, 2) ? 0 : db_int(st, 2);
        snprintf(r->state, sizeof r->state, "%s", db_text(st, 3));
    }
    db_done(st);
    if (rc != DB_ROW)
        return e->code ? e->code : err_set(e, ERR_NOTFOUND, "评查记录不存在或不在您的管辖范围内");
    return 0;
}

/* [R-FILE-11] Only the reviewer scores, completes, asks for, accepts or returns corrections. */
static int guard_reviewer(struct ctx *c, const struct review_facts *r, struct err *e)
{
    if (r->reviewer == c->who->user_id) return 0;
    return err_set(e, ERR_FORBIDDEN, "只有本案卷的评查人员可以进行此项操作");
}

/* The rubric's item with code, or NULL. */
static json_t *item_of(json_t *rubric, const char *code)
{
    size_t i, k;
    json_t *s, *it;
    json_array_foreach(json_object_get(rubric, "sections"), i, s)
    {
        json_array_foreach(json_object_get(s, "items"), k, it)
        {
            if (code && strcmp(text_of(it, "code"), code) == 0) return it;
        }
    }
    return NULL;
}

/* [R-FILE-04] A score between 0 and the item's points; [R-FILE-05] a deduction, and a request
 * for correction, with what was found. Field errors score_<code>, finding_<code>. */
static void check_mark(struct ctx *c, json_t *item, const struct file_review_mark *m,
                       int64_t *score, struct err *e)
{
    const char *sf = arena_printf(c->arena, "score_%s", m->item);
    const char *ff = arena_printf(c->arena, "finding_%s", m->item);
    int max = int_of(item, "max");
    bool correction = m->correction && strcmp(m->correction, "1") == 0;
    if (parse_i64(m->score, score) || *score < 0 || *score > max) {
        err_field(e, sf, "得分应为0至%d之间的整数（本项满分%d分）", max, max);
        return;
    }
    if (*score < max && str_blank(m->finding))
        err_field(e, ff, "扣分须写明扣分理由（发现的问题）");
    else if (correction && str_blank(m->finding))
        err_field(e, ff, "要求补正须写明需补正的问题");
    else if (m->finding && strlen(m->finding) > 1500)
        err_field(e, ff, "扣分理由不超过500字");
}

static int store_mark(struct ctx *c, int64_t id, const struct file_review_mark *m, int64_t score,
                      struct err *e)
{
    if (db_exec(c->db, e, "DELETE FROM file_review_score WHERE review_id = ? AND item = ?", "it",
                id, m->item) < 0)
        return e->code;
    if (str_blank(m->score)) return 0;
    bool correction = m->correction && strcmp(m->correction, "1") == 0;
    return db_exec(c->db, e,
                   "INSERT INTO file_review_score (review_id, item, score, finding, correction)"
                   " VALUES (?, ?, ?, ?, ?)",
                   "ititi", id, m->item, score, str_blank(m->finding) ? NULL : m->finding,
                   (int64_t)correction) < 0
               ? e->code
               : 0;
}

static int save_in(struct ctx *c, int64_t id, const struct file_review_mark *m, size_t n,
                   const char *findings, struct err *e)
{
    struct review_facts r = {0};
    int rc = read_review(c, id, &r, e);
    if (!rc) rc = guard_reviewer(c, &r, e);
    if (!rc && strcmp(r.state, "reviewing") != 0)
        rc = err_set(e, ERR_CONFLICT, "评查已完成，评分不能再修改");
    json_t *rubric = rc ? NULL : file_review_rubric_of(c, r.rubric, e);
    if (!rubric) return e->code;
    int64_t *scores = arena_alloc(c->arena, (n ? n : 1) * sizeof *scores);
    for (size_t i = 0; i < n; i++) {
        json_t *item = item_of(rubric, m[i].item);
        if (!item)
            err_field(e, "rubric", "评查项目 %s 不在所用的评查标准中", m[i].item);
        else if (!str_blank(m[i].score))
            check_mark(c, item, &m[i], &scores[i], e);
    }
    json_decref(rubric);
    if (!e->code && findings && strlen(findings) > 6000)
        err_field(e, "findings", "评查意见不超过2000字");
    for (size_t i = 0; !e->code && i < n; i++)
        store_mark(c, id, &m[i], scores[i], e);
    if (!e->code)
        db_exec(c->db, e, "UPDATE file_review SET findings = ? WHERE id = ?", "ti",
                str_blank(findings) ? NULL : findings, id);
    if (!e->code) audit_write(c, "review.score", "file_review", id, "保存评分（%zu项）", n);
    return e->code;
}

int file_review_save(struct ctx *c, int64_t id, const struct file_review_mark *m, size_t n,
                     const char *findings, struct err *e)
{
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = save_in(c, id, m, n, findings, e);
    if (rc)
        db_rollback(c->db);
    else
        rc = db_commit(c->db, e);
    return rc;
}

static const char *const grade_labels[2][3] = {{"优秀", "合格", "不合格"}, {"甲", "乙", "丙"}};

int file_review_grade_labels(struct ctx *c, const char *out[3], struct err *e)
{
    int scheme = 0;
    if (setting_int(c, "review.grade_scheme", &scheme, e)) return e->code;
    for (int g = 0; g < 3; g++)
        out[g] = grade_labels[scheme ? 1 : 0][g];
    return 0;
}

/* [R-FILE-07] The grade from the thresholds of the settings, in the scheme they choose. */
int file_review_grade(struct ctx *c, int total, const char **code, const char **label,
                      struct err *e)
{
    int top = FILE_REVIEW_GRADE_TOP, pass = FILE_REVIEW_GRADE_PASS;
    const char *labels[3];
    if (setting_int(c, "review.grade_top", &top, e) ||
        setting_int(c, "review.grade_pass", &pass, e) || file_review_grade_labels(c, labels, e))
        return e->code;
    int g = total >= top ? 0 : total >= pass ? 1 : 2;
    static const char *const codes[] = {"top", "pass", "fail"};
    *code = codes[g];
    *label = labels[g];
    return 0;
}

/* ---- the workflow --------------------------------------------------------------------------- */

static const struct wf_state states[] = {
    {"reviewing", "评查中", false},  {"reviewed", "已评查", false},
    {"correcting", "补正中", false}, {"answered", "补正待确认", false},
    {"corrected", "已补正", true},   {"lapsed", "逾期未补正", true},
};

/* [R-FILE-10] The handlers correct within review.correction_days working days. */
static const struct wf_deadline_rule deadline_correct = {
    "correct", "补正期限",        FILE_REVIEW_CORRECTION_DAYS,
    true,      FILE_REVIEW_BASIS, .setting = "review.correction_days"};

static int reviewer_only(struct ctx *c, int64_t id, struct review_facts *r, struct err *e)
{
    int rc = read_review(c, id, r, e);
    return rc ? rc : guard_reviewer(c, r, e);
}

static int guard_reviewer_step(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)a;
    struct review_facts r = {0};
    return reviewer_only(c, id, &r, e);
}

/* The total of review id's scores and how many items are scored and flagged for correction. */
static int tally(struct ctx *c, int64_t id, int64_t *total, int64_t *scored, int64_t *flagged,
                 struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT COALESCE(SUM(score), 0), COUNT(*),"
                                  " COALESCE(SUM(correction), 0) FROM file_review_score"
                                  " WHERE review_id = ?",
                                  "i", id);
    if (st && db_step(st, e) == DB_ROW) {
        *total = db_int(st, 0);
        *scored = db_int(st, 1);
        *flagged = db_int(st, 2);
    }
    db_done(st);
    return e->code;
}

/* The items of a rubric. */
static int64_t items_in(json_t *rubric)
{
    int64_t n = 0;
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(rubric, "sections"), i, s)
    {
        n += (int64_t)json_array_size(json_object_get(s, "items"));
    }
    return n;
}

/* [R-FILE-06] Completed only with every item of its rubric scored; [R-FILE-08] 优秀案卷 only
 * when the grade is the top one. */
static int guard_complete(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    struct review_facts r = {0};
    int rc = reviewer_only(c, id, &r, e);
    json_t *rubric = rc ? NULL : file_review_rubric_of(c, r.rubric, e);
    if (!rubric) return e->code;
    int64_t total = 0, scored = 0, flagged = 0, items = items_in(rubric);
    json_decref(rubric);
    if (tally(c, id, &total, &scored, &flagged, e)) return e->code;
    if (scored < items)
        return err_set(e, ERR_INVALID, "尚有%lld项未评分，全部评分后才能完成评查",
                       (long long)(items - scored));
    const char *code, *label;
    if (file_review_grade(c, (int)total, &code, &label, e)) return e->code;
    const char *ex = wf_arg(a, "excellent"), *top, *top_label;
    if (ex && strcmp(ex, "yes") == 0 && strcmp(code, "top") != 0 &&
        !file_review_grade(c, FILE_REVIEW_TOTAL, &top, &top_label, e))
        return err_field(e, "excellent", "只有评为“%s”的案卷才能评为优秀案卷（本案卷%lld分，%s）",
                         top_label, (long long)total, label);
    return 0;
}

static int effect_complete(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    int64_t total = 0, scored = 0, flagged = 0;
    const char *code, *label;
    if (tally(c, id, &total, &scored, &flagged, e) ||
        file_review_grade(c, (int)total, &code, &label, e))
        return e->code;
    const char *ex = wf_arg(a, "excellent");
    bool excellent = ex && strcmp(ex, "yes") == 0;
    if (db_exec(c->db, e,
                "UPDATE file_review SET total = ?, grade = ?, grade_label = ?, excellent = ?,"
                " reviewed_on = ? WHERE id = ?",
                "ittiti", total, code, label, (int64_t)excellent, wf_date(c, a), id) < 0)
        return e->code;
    a->note = arena_printf(c->arena, "%lld分，%s%s", (long long)total, label,
                           excellent ? "，优秀案卷" : "");
    return 0;
}

/* [R-FILE-09] Corrections are asked for with the findings that need them. */
static int guard_request(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)a;
    struct review_facts r = {0};
    int64_t total = 0, scored = 0, flagged = 0;
    if (reviewer_only(c, id, &r, e) || tally(c, id, &total, &scored, &flagged, e)) return e->code;
    if (flagged) return 0;
    return err_set(e, ERR_INVALID, "没有标记“要求补正”的评查意见，无需补正");
}

/* [R-FILE-11] The case's handlers (its investigators) answer a request for correction. */
static int guard_answer(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)a;
    struct review_facts r = {0};
    int rc = read_review(c, id, &r, e);
    if (rc) return rc;
    int mine = case_actor_investigates(c, r.case_id, e);
    if (mine < 0) return mine;
    return mine ? 0 : err_set(e, ERR_FORBIDDEN, "只有本案的承办人员可以答复补正");
}

static int effect_answer(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return db_exec(c->db, e, "UPDATE file_review SET correction_answer = ? WHERE id = ?", "ti",
                   wf_arg(a, "answer"), id) < 0
               ? e->code
               : 0;
}

static int effect_accept(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return db_exec(c->db, e, "UPDATE file_review SET corrected_on = ? WHERE id = ?", "ti",
                   wf_date(c, a), id) < 0
               ? e->code
               : 0;
}

/* [R-FILE-10] A file is found 逾期未补正 only once its period has run out. */
static int guard_lapse(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    struct review_facts r = {0};
    if (reviewer_only(c, id, &r, e)) return e->code;
    int open = db_exists(c->db, e,
                         "SELECT 1 FROM wf_deadline WHERE kind = 'file_review' AND object_id = ?"
                         " AND name = 'correct' AND ended_on IS NULL AND due_on < ?",
                         "it", id, wf_date(c, a));
    if (open) return open < 0 ? open : 0;
    return err_set(e, ERR_INVALID, "补正期限尚未届满，不能认定逾期未补正");
}

static const struct wf_option yes_no[] = {{"yes", "评为优秀案卷"}, {"no", "否"}, {NULL, NULL}};
static const struct wf_input in_complete[] = {
    {"excellent", "优秀案卷", WF_CODE, false, 0, yes_no, NULL, NULL},
    {NULL, NULL, 0, false, 0, NULL, NULL, NULL},
};
static const struct wf_input in_request[] = {
    {"note", "补正要求", WF_TEXT, false, 500, NULL, NULL, NULL},
    {NULL, NULL, 0, false, 0, NULL, NULL, NULL},
};
static const struct wf_input in_answer[] = {
    {"answer", "补正情况", WF_TEXT, true, 1000, NULL, NULL, NULL},
    {NULL, NULL, 0, false, 0, NULL, NULL, NULL},
};
static const struct wf_input in_reason[] = {
    {"reason", "退回理由", WF_TEXT, true, 500, NULL, NULL, NULL},
    {NULL, NULL, 0, false, 0, NULL, NULL, NULL},
};

static const struct wf_transition steps[] = {
    {"reviewing", "complete", "reviewed", "完成评查", PERM_FILE_REVIEW, guard_complete, NULL, NULL,
     .inputs = in_complete, .effect = effect_complete,
     .documents = (const char *const[]){"file_review_sheet", NULL},
     .confirm = "完成评查后评分不能再修改，确定完成？"},
    {"reviewed", "request_correction", "correcting", "要求补正", PERM_FILE_REVIEW, guard_request,
     &deadline_correct, NULL, .inputs = in_request},
    {"correcting", "answer", "answered", "答复补正情况", PERM_CASE_HANDLE, guard_answer, NULL,
     "correct", .inputs = in_answer, .effect = effect_answer},
    {"answered", "accept", "corrected", "确认已补正", PERM_FILE_REVIEW, guard_reviewer_step, NULL,
     NULL, .effect = effect_accept},
    {"answered", "send_back", "correcting", "退回重新补正", PERM_FILE_REVIEW, guard_reviewer_step,
     &deadline_correct, NULL, .inputs = in_reason},
    {"correcting", "lapse", "lapsed", "认定逾期未补正", PERM_FILE_REVIEW, guard_lapse, NULL, NULL,
     .confirm = "确定认定该案卷逾期未补正？"},
};

const struct workflow file_review_workflow = {"file_review",
                                              "file_review",
                                              states,
                                              countof(states),
                                              steps,
                                              countof(steps),
                                              .start_label = "开始评查",
                                              .line_column = "line"};

/* ---- the area's tables (law/area.h) --------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"review_rubric",
     "评查标准",
     true,
     "id",
     {{"agency_id", "agency", REF_ID}, {"created_by", "app_user", REF_ID}}},
    {"file_review_sample",
     "评查抽样",
     true,
     "id",
     {{"agency_id", "agency", REF_ID},
      {"case_ids", "penalty_case", REF_LIST},
      {"created_by", "app_user", REF_ID}}},
    {"file_review",
     "案卷评查",
     true,
     "id",
     {{"agency_id", "agency", REF_ID},
      {"reviewer_agency_id", "agency", REF_ID},
      {"case_id", "penalty_case", REF_ID},
      {"reviewer_id", "app_user", REF_ID},
      {"rubric_id", "review_rubric", REF_ID},
      {"sample_id", "file_review_sample", REF_ID}}},
    {"file_review_score", "案卷评查评分", true, "id", {{"review_id", "file_review", REF_ID}}},
};

const struct law_area law_area_file_reviews = {
    "file_reviews",        tables, countof(tables), NULL, 0, &file_review_workflow,
    &file_review_documents};
