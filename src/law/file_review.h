/* file_review.h — the case-file audit (案卷评查): auditors score a closed penalty case file
 * against a rubric (data/review_rubric.json, or a version an agency loaded), grade it, mark the
 * 优秀案卷, and return findings to the case's handlers for correction (补正) with a deadline.
 * A review is a record of its own with its own workflow (law/workflow.h), kind file_review:
 *
 *   reviewing 评查中 ─ complete ─→ reviewed 已评查 ─ request_correction ─→ correcting 补正中
 *   correcting ─ answer ─→ answered 补正待确认 ─ accept ─→ corrected 已补正
 *                                             ─ send_back ─→ correcting (a new period)
 *   correcting ─ lapse ─→ lapsed 逾期未补正 (only once its period has run out)
 *
 * Scope (层级稽查): the review's agency is the case's; a county's auditors review its own files,
 * the city's those of its counties, the province all (R-FILE-02). docs/review.md. */
#ifndef LANDUN_FILE_REVIEW_H
#define LANDUN_FILE_REVIEW_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/workflow.h"

/* Default of the setting review.correction_days: the working days the handlers have to correct
 * a file. [U] no rule fixes it; a common provincial practice. */
#define FILE_REVIEW_CORRECTION_DAYS 10
/* Defaults of review.grade_top and review.grade_pass: the points from which a file is 优秀 (甲)
 * and 合格 (乙). [U] provincial practice. */
#define FILE_REVIEW_GRADE_TOP  90
#define FILE_REVIEW_GRADE_PASS 70
/* The points of a rubric. */
#define FILE_REVIEW_TOTAL 100
/* The largest sample one draw may take. */
#define FILE_REVIEW_SAMPLE_MAX 200
#define FILE_REVIEW_BASIS      "本系统规则（案卷评查：各省行政处罚案卷评查办法通行做法）"

struct doc_owner;
extern const struct workflow file_review_workflow;
extern const struct doc_owner file_review_documents;

/* [R-FILE-01] Whether a case in state may be audited: a closed file. Until the closing step is
 * merged, a case decided or not penalised counts as closed here (the one place that says so). */
bool file_review_auditable(const char *state);

/* The rubric in force for the actor: the newest version loaded by the actor's agency or the
 * nearest agency above it, else the built-in one. {"id" (0: built-in), "version", "title",
 * "sections": [{"code","name","max","items":[{"code","text","max","guidance"}]}]}. New
 * reference; NULL with e filled. */
json_t *file_review_rubric(struct ctx *c, struct err *e);
/* The rubric a review used: id 0 the built-in one, else a loaded version. New reference. */
json_t *file_review_rubric_of(struct ctx *c, int64_t id, struct err *e);
/* Check a rubric's JSON (sections, items with unique codes, max ≥ 1, total 100); 0 or
 * ERR_INVALID with the field "rubric". */
int file_review_rubric_check(json_t *r, struct err *e);
/* Load text (a rubric's JSON) as a new version of the actor's agency's rubric (audited). */
int file_review_rubric_load(struct ctx *c, const char *text, int64_t *id, struct err *e);

/* Start a review of case case_id by the actor (R-FILE-01, 02, 03), with the rubric in force;
 * sample_id the sample it was drawn in, or 0. *id set. */
int file_review_add(struct ctx *c, int64_t case_id, int64_t sample_id, int64_t *id, struct err *e);
/* file_review_add inside the caller's transaction (a sample starts several). */
int file_review_add_in(struct ctx *c, int64_t case_id, int64_t sample_id, int64_t *id,
                       struct err *e);

/* One item's score as a form gives it. */
struct file_review_mark {
    const char *item;       /* the rubric item's code */
    const char *score;      /* points, blank: not scored yet */
    const char *finding;    /* what was found (required when points are deducted) */
    const char *correction; /* "1": the finding asks for a correction */
};
/* Save the scores of review id (only its reviewer, while 评查中): each within 0 … the item's max
 * (R-FILE-04), a deduction with its finding (R-FILE-05); field errors score_<code> and
 * finding_<code>. n marks. */
int file_review_save(struct ctx *c, int64_t id, const struct file_review_mark *m, size_t n,
                     const char *findings, struct err *e);

/* The grade of total under the settings: code top | pass | fail and its label in the scheme
 * (review.grade_scheme 0: 优秀/合格/不合格, 1: 甲/乙/丙) (R-FILE-07). */
int file_review_grade(struct ctx *c, int total, const char **code, const char **label,
                      struct err *e);

/* The labels of top, pass and fail in the scheme of review.grade_scheme, into out. */
int file_review_grade_labels(struct ctx *c, const char *out[3], struct err *e);

/* One review in the actor's scope with its case, rubric and scores by section, deadline,
 * steps, documents; NULL with ERR_NOTFOUND outside the scope. New reference. */
json_t *file_review_get(struct ctx *c, int64_t id, struct err *e);
/* The reviews of case case_id (the caller checked the case's scope). New reference. */
json_t *file_review_of_case(struct ctx *c, int64_t case_id, struct err *e);

/* The filters of /reviews and its figures. */
struct file_review_query {
    const char *agency;     /* an agency code of the actor's subtree (the case's) */
    const char *state;      /* a state, or "overdue" (补正 past its day) */
    const char *grade;      /* top | pass | fail */
    const char *excellent;  /* "1" */
    const char *correction; /* requested | done | overdue */
    const char *from, *to;  /* reviewed in [from, to] */
    const char *mine;       /* "1": files the actor's officer handled (the handler's to-do) */
    const char *sample;     /* a sample's id */
    int page, per_page;
};
json_t *file_review_search(struct ctx *c, const struct file_review_query *q, struct err *e);

/* The figures of [from, to] in the subtree of agency_code (blank: the actor's): reviews
 * completed, by grade, average score, 优秀, corrections requested / done / overdue; each with
 * "list", the query of /reviews behind it. New reference or NULL (fields from, to, agency). */
json_t *file_review_stats(struct ctx *c, const char *from, const char *to, const char *agency_code,
                          struct err *e);

/* Draw n auditable files decided in [from, to] in the subtree of agency_code with seed (blank:
 * a random one), record the draw and start a review of each as the actor (R-FILE-12): the same
 * seed over the same files draws the same sample. *id: the sample. */
int file_review_sample(struct ctx *c, const char *agency_code, const char *from, const char *to,
                       const char *n, const char *seed, int64_t *id, struct err *e);
/* A sample with its files and their reviews. New reference. */
json_t *file_review_sample_get(struct ctx *c, int64_t id, struct err *e);
/* The files a draw over pool (case ids ascending) of n with seed picks, in draw order, into out
 * (k = min(n, npool) of them); the pure part of file_review_sample. */
size_t file_review_draw(const char *seed, const int64_t *pool, size_t npool, size_t n,
                        int64_t *out);

/* For the start page: the actor's corrections to make (files they handle, 补正中). */
int file_review_todo(struct ctx *c, int64_t *count, struct err *e);

#endif
