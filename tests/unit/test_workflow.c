/* test_workflow.c — the shared workflow mechanism on a small matter declared here: states,
 * permissions, guards, deadlines on the working-day calendar, scope, and all-or-nothing steps. */
#include "support.h"
#include "law/workflow.h"

#include <string.h>

/* A matter with the three columns the mechanism needs. */
static const char *const MATTER_SQL =
    "CREATE TABLE wf_matter (id BIGINT PRIMARY KEY, agency_id BIGINT NOT NULL,"
    " state TEXT NOT NULL, line TEXT NOT NULL DEFAULT 'medical', kind TEXT, seen TEXT);"
    "CREATE TABLE wf_matter_log (matter_id BIGINT, what TEXT)";

static const struct wf_state states[] = {
    {"open", "待处理", false},   {"review", "待复核", false}, {"done", "已处理", true},
    {"dropped", "已撤销", true}, {"held", "暂停", false},
};

/* 行政处罚法 第八十五条: "五日" is five working days. */
static const struct wf_deadline_rule five_days = {"handle", "办理期限", 5, true, "测试规则"};
static const struct wf_deadline_rule given_day = {"report", "报告期限", 0, false, "测试规则"};

/* Refuses unless a note is given. */
static int needs_note(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)c, (void)id;
    if (!a || !a->note || !*a->note) return err_field(e, "note", "撤销须说明理由（测试第1条）");
    return 0;
}

/* A declared step's inputs, effects and documents: submit takes a kind and a note, writes the
 * kind, issues a 现场笔录; approve notes the state its two effects see, and refuses when
 * told to, leaving a trace that outlives the refusal. */
static const struct wf_option kinds[] = {{"a", "甲"}, {"b", "乙"}, {"c", "丙"}, {NULL, NULL}};
static const struct wf_input submit_inputs[] = {
    {"kind", "种类", WF_CODE, true, 0, kinds},
    {"note", "说明", WF_TEXT, true, 10, NULL},
    {"date", "提交日期", WF_DATE, false, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

static int note_seen(struct ctx *c, int64_t id, const char *tail, struct err *e)
{
    return db_exec(c->db, e,
                   "UPDATE wf_matter SET seen = COALESCE(seen, '') ||"
                   " (SELECT state FROM wf_matter WHERE id = ?) || ? WHERE id = ?",
                   "iti", id, tail, id) < 0
               ? e->code
               : 0;
}

static int submit_effect(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    a->reason = arena_printf(c->arena, "种类%s", wf_arg(a, "kind"));
    return db_exec(c->db, e, "UPDATE wf_matter SET kind = ? WHERE id = ?", "ti", wf_arg(a, "kind"),
                   id) < 0
               ? e->code
               : 0;
}

static int approve_before(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    (void)a;
    return note_seen(c, id, ">", e);
}

static int approve_effect(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    if (note_seen(c, id, "", e)) return e->code;
    if (a->note && strcmp(a->note, "refuse") == 0) return err_set(e, ERR_INVALID, "拒绝");
    return 0;
}

static int approve_refused(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    (void)a;
    struct err mine = {0};
    if (db_exec(c->db, &mine, "INSERT INTO wf_matter_log VALUES (?, 'refused')", "i", id) < 0)
        return mine.code;
    return err_set(e, ERR_INVALID, "核准未成功，已留记录");
}

static const char *const advice[] = {"site_record", NULL};

static const struct wf_input extend_inputs[] = {
    {"days", "延长天数", WF_TEXT, true, 3, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

static const struct wf_transition steps[] = {
    {"open", "finish", "done", "办结", PERM_INSPECTION_WRITE, NULL, NULL, "handle"},
    {"open", "drop", "dropped", "撤销", PERM_INSPECTION_WRITE, needs_note, NULL, NULL},
    {"open", "report", "open", "要求报告", PERM_DRAW_RUN, NULL, &given_day, NULL},
    {"open", "submit", "review", "提交复核", PERM_INSPECTION_WRITE, NULL, NULL, NULL,
     .inputs = submit_inputs, .effect = submit_effect, .documents = advice,
     .audit = "matter.submitted"},
    {"open", "extend", "open", "延期", PERM_INSPECTION_WRITE, NULL, NULL, NULL,
     .inputs = extend_inputs, .extends = "handle"},
    {"open", "hold", "held", "暂停", PERM_INSPECTION_WRITE, NULL, NULL, NULL, .pauses = "handle"},
    {"held", "resume", "open", "恢复", PERM_INSPECTION_WRITE, NULL, NULL, NULL,
     .resumes = "handle"},
    {"review", "approve", "done", "核准", PERM_INSPECTION_WRITE, NULL, NULL, "handle",
     .before = approve_before, .effect = approve_effect, .refused = approve_refused},
};

static const struct workflow matter = {
    "matter", "wf_matter", states, countof(states), steps, countof(steps), .line_column = "line"};

static int64_t county_id(struct harness *h)
{
    struct err e = {0};
    int64_t id = 0;
    assert_int_equal(db_get_int(h->db, &e, &id, "SELECT id FROM agency WHERE code = '320412'", ""),
                     0);
    return id;
}

/* Insert matter id in the county and start it on date with the five-day deadline. */
static void new_matter(struct harness *h, int64_t id, const char *date)
{
    struct err e = {0};
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_true(db_exec(h->db, &e,
                        "INSERT INTO wf_matter (id, agency_id, state) VALUES (?, ?, 'open')", "ii",
                        id, county_id(h)) == 1);
    struct wf_args a = {.date = date};
    if (wf_start(&h->ctx, &matter, id, &five_days, &a, &e)) fail_msg("wf_start: %s", e.msg);
    assert_int_equal(db_commit(h->db, &e), 0);
}

static const char *state_of(struct harness *h, int64_t id)
{
    static char s[32];
    struct err e = {0};
    struct db_stmt *st = db_query(h->db, &e, "SELECT state FROM wf_matter WHERE id = ?", "i", id);
    assert_non_null(st);
    assert_int_equal(db_step(st, &e), DB_ROW);
    snprintf(s, sizeof s, "%s", db_text(st, 0));
    db_done(st);
    return s;
}

static int64_t count(struct harness *h, const char *sql)
{
    struct err e = {0};
    int64_t n = -1;
    assert_int_equal(db_get_int(h->db, &e, &n, sql, ""), 0);
    return n;
}

/* Five working days from 2026-09-30 skip the National Day holidays (10/1–10/7) and count the
 * 调休 Saturday 10/10: 10/8, 10/9, 10/10, 10/12, 10/13. */
static const char *text_of(struct harness *h, const char *sql)
{
    static char s[128];
    struct err e = {0};
    struct db_stmt *st = db_query(h->db, &e, sql, "");
    assert_non_null(st);
    assert_int_equal(db_step(st, &e), DB_ROW);
    snprintf(s, sizeof s, "%s", db_null(st, 0) ? "(null)" : db_text(st, 0));
    db_done(st);
    return s;
}

/* A step that extends an open deadline counts its period again from its start with the days
 * added (on the working-day calendar), and keeps the first last day. */
static void test_workflow_step_extends_an_open_deadline(void **state)
{
    struct harness *h = *state;
    new_matter(h, 23, "2026-09-30"); /* five working days: 10-13 */
    struct err e = {0};
    struct wf_args a = {0};
    wf_arg_set(&a, "days", "x");
    assert_int_equal(wf_take(&h->ctx, &matter, 23, "extend", &a, NULL, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "days"));
    err_clear(&e);
    wf_arg_set(&a, "days", "2");
    if (wf_take(&h->ctx, &matter, 23, "extend", &a, NULL, &e)) fail_msg("extend: %s", e.msg);
    assert_string_equal(text_of(h, "SELECT due_on FROM wf_deadline WHERE object_id = 23"),
                        "2026-10-15");
    assert_string_equal(text_of(h, "SELECT original_due_on FROM wf_deadline WHERE object_id = 23"),
                        "2026-10-13");
    assert_string_equal(text_of(h, "SELECT CAST(days AS TEXT) FROM wf_deadline"
                                   " WHERE object_id = 23"),
                        "7");
}

/* A step that pauses an open deadline stops it counting (not overdue, not listed as due); the
 * step that resumes it moves its last day by the working days of the pause, and says so. */
static void test_workflow_steps_pause_and_resume_a_deadline(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-10-20T09:00:00+08:00");
    new_matter(h, 24, "2026-09-30"); /* five working days: 10-13 */
    struct err e = {0};
    struct wf_args a = {.date = "2026-10-08"};
    if (wf_take(&h->ctx, &matter, 24, "hold", &a, NULL, &e)) fail_msg("hold: %s", e.msg);
    assert_string_equal(text_of(h, "SELECT paused_on FROM wf_deadline WHERE object_id = 24"),
                        "2026-10-08");
    json_t *due = wf_deadlines(&h->ctx, 3, 500, &e);
    size_t i;
    json_t *row;
    json_array_foreach(due, i, row) /* past its day, but paused */
        assert_int_not_equal(json_integer_value(json_object_get(row, "object_id")), 24);
    json_decref(due);
    json_t *hist = wf_history(&h->ctx, &matter, 24, &e);
    json_t *d = json_array_get(json_object_get(hist, "deadlines"), 0);
    assert_false(json_is_true(json_object_get(d, "overdue")));
    assert_string_equal(json_string_value(json_object_get(d, "paused_on")), "2026-10-08");
    json_decref(hist);
    /* paused after 10-08 up to 10-12: 10-09, 10-10 (调休 Saturday), 10-12 = 3 working days */
    struct wf_args b = {.date = "2026-10-12"};
    if (wf_take(&h->ctx, &matter, 24, "resume", &b, NULL, &e)) fail_msg("resume: %s", e.msg);
    assert_string_equal(text_of(h, "SELECT due_on FROM wf_deadline WHERE object_id = 24"),
                        "2026-10-16");
    assert_string_equal(text_of(h, "SELECT original_due_on FROM wf_deadline WHERE object_id = 24"),
                        "2026-10-13");
    assert_string_equal(text_of(h, "SELECT paused_on FROM wf_deadline WHERE object_id = 24"),
                        "(null)");
    assert_string_equal(text_of(h, "SELECT reason FROM wf_step WHERE object_id = 24"
                                   " AND action = 'resume'"),
                        "暂停期间 3 个工作日不计入期限");
    /* nothing paused: resuming is refused */
    struct wf_args c2 = {.date = "2026-10-13"};
    if (wf_take(&h->ctx, &matter, 24, "hold", &c2, NULL, &e)) fail_msg("hold: %s", e.msg);
    assert_int_equal(
        db_exec(h->db, &e, "UPDATE wf_deadline SET paused_on = NULL WHERE object_id = 24", ""), 1);
    assert_int_equal(wf_take(&h->ctx, &matter, 24, "resume", &c2, NULL, &e), ERR_INVALID);
}

/* A step checks every input it declares before its guard, all messages at once. */
static void test_workflow_declared_inputs_are_checked_together(void **state)
{
    struct harness *h = *state;
    new_matter(h, 20, NULL);
    struct err e = {0};
    struct wf_args a = {0};
    assert_int_equal(wf_take(&h->ctx, &matter, 20, "submit", &a, NULL, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "kind"), "请选择种类：甲、乙或丙");
    assert_non_null(err_field_msg(&e, "note"));
    err_clear(&e);
    wf_arg_set(&a, "kind", "z");
    a.note = "一二三四五六七八九十一"; /* 11 characters */
    a.date = "2026-13-01";
    assert_int_equal(wf_take(&h->ctx, &matter, 20, "submit", &a, NULL, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "kind"), "种类应为甲、乙或丙");
    assert_non_null(err_field_msg(&e, "note"));
    assert_non_null(err_field_msg(&e, "date"));
    assert_string_equal(state_of(h, 20), "open");
    assert_int_equal(count(h, "SELECT COUNT(*) FROM document WHERE object_type = 'matter'"), 0);
}

/* Its effect, record, documents and audit action are the declaration's. */
static void test_workflow_declared_step_effect_documents_and_audit(void **state)
{
    struct harness *h = *state;
    new_matter(h, 21, NULL);
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct err e = {0};
    struct wf_args a = {.note = "  已核实  "};
    wf_arg_set(&a, "kind", "b");
    if (wf_take(&c, &matter, 21, "submit", &a, NULL, &e)) fail_msg("submit: %s", e.msg);
    assert_string_equal(state_of(h, 21), "review");
    assert_string_equal(text_of(h, "SELECT kind FROM wf_matter WHERE id = 21"), "b");
    assert_string_equal(text_of(h, "SELECT note FROM wf_step WHERE object_id = 21"
                                   " AND action = 'submit'"),
                        "已核实"); /* trimmed */
    assert_string_equal(text_of(h, "SELECT reason FROM wf_step WHERE object_id = 21"
                                   " AND action = 'submit'"),
                        "种类b");
    assert_int_equal(count(h, "SELECT COUNT(*) FROM document WHERE object_type = 'matter'"
                              " AND object_id = 21 AND type = 'site_record'"),
                     1);
    assert_int_equal(count(h, "SELECT COUNT(*) FROM audit_log WHERE action = 'matter.submitted'"
                              " AND object_id = '21'"),
                     1);
    json_t *acts = wf_actions(&c, &matter, 0, "open");
    json_t *in = json_array_get(json_object_get(json_array_get(acts, 2), "inputs"), 0);
    assert_string_equal(json_string_value(json_object_get(in, "kind")), "code");
    assert_int_equal(json_array_size(json_object_get(in, "options")), 3);
    json_decref(acts);
}

/* before runs in the old state, effect in the new; a refusal by the effect rolls everything back
 * and then lets the step leave its trace. */
static void test_workflow_before_effect_and_refused_hooks(void **state)
{
    struct harness *h = *state;
    new_matter(h, 22, NULL);
    struct err e = {0};
    struct wf_args a = {0};
    assert_int_equal(wf_take(&h->ctx, &matter, 22, "approve", &a, NULL, &e), ERR_CONFLICT);
    assert_string_equal(e.msg, "「核准」须在「待复核」状态下进行，当前为「待处理」");
    err_clear(&e);
    assert_int_equal(db_exec(h->db, &e, "UPDATE wf_matter SET state = 'review' WHERE id = 22", ""),
                     1);
    a.note = "refuse";
    assert_int_equal(wf_take(&h->ctx, &matter, 22, "approve", &a, NULL, &e), ERR_INVALID);
    assert_string_equal(e.msg, "核准未成功，已留记录");
    assert_string_equal(state_of(h, 22), "review");
    assert_string_equal(text_of(h, "SELECT seen FROM wf_matter WHERE id = 22"), "(null)");
    assert_int_equal(count(h, "SELECT COUNT(*) FROM wf_matter_log WHERE matter_id = 22"), 1);
    err_clear(&e);
    a.note = "同意";
    if (wf_take(&h->ctx, &matter, 22, "approve", &a, NULL, &e)) fail_msg("approve: %s", e.msg);
    assert_string_equal(text_of(h, "SELECT seen FROM wf_matter WHERE id = 22"), "review>done");
}

static void test_workflow_start_opens_a_working_day_deadline_art85(void **state)
{
    struct harness *h = *state;
    new_matter(h, 1, "2026-09-30");
    struct err e = {0};
    json_t *hist = wf_history(&h->ctx, &matter, 1, &e);
    assert_non_null(hist);
    json_t *d = json_array_get(json_object_get(hist, "deadlines"), 0);
    assert_string_equal(json_string_value(json_object_get(d, "due")), "2026-10-13");
    assert_string_equal(json_string_value(json_object_get(d, "label")), "办理期限");
    json_t *s = json_array_get(json_object_get(hist, "steps"), 0);
    assert_string_equal(json_string_value(json_object_get(s, "to_label")), "待处理");
    json_decref(hist);
}

static void test_workflow_step_moves_records_meets_deadline_and_audits(void **state)
{
    struct harness *h = *state;
    new_matter(h, 2, "2026-09-30");
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct err e = {0};
    const char *to = NULL;
    struct wf_args a = {.date = "2026-10-14", .note = "已办结"};
    int64_t audits = count(h, "SELECT COUNT(*) FROM audit_log WHERE action = 'matter.finish'");
    assert_int_equal(wf_apply(&c, &matter, 2, "finish", &a, &to, &e), 0);
    assert_string_equal(to, "done");
    assert_string_equal(state_of(h, 2), "done");
    assert_int_equal(count(h, "SELECT COUNT(*) FROM audit_log WHERE action = 'matter.finish'"),
                     audits + 1);
    json_t *hist = wf_history(&c, &matter, 2, &e);
    json_t *d = json_array_get(json_object_get(hist, "deadlines"), 0);
    assert_true(json_is_true(json_object_get(d, "met")));
    assert_true(json_is_true(json_object_get(d, "late"))); /* met on 10/14, due 10/13 */
    assert_int_equal(json_array_size(json_object_get(hist, "steps")), 2);
    json_decref(hist);
}

/* A step is dated on or before today, in China's time: a past day may be entered late, the next
 * day is refused beside the date and saves nothing; half an hour into 01-01 (+08:00) it is today.
 */
static void test_r_cal_09_no_step_dated_after_today(void **state)
{
    struct harness *h = *state;
    new_matter(h, 9, "2026-12-01");
    h_set_now(h, "2026-12-31T23:30:00+08:00");
    int64_t before = count(h, "SELECT COUNT(*) FROM wf_step");
    struct err e = {0};
    struct wf_args a = {.date = "2027-01-01", .note = "已办结"};
    assert_int_equal(wf_apply(&h->ctx, &matter, 9, "finish", &a, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "date"), "不能晚于今天"));
    assert_string_equal(state_of(h, 9), "open");
    assert_int_equal(count(h, "SELECT COUNT(*) FROM wf_step"), before);
    err_clear(&e);
    h_set_now(h, "2027-01-01T00:30:00+08:00");
    assert_int_equal(wf_apply(&h->ctx, &matter, 9, "finish", &a, NULL, &e), 0);
    assert_string_equal(state_of(h, 9), "done");
}

static void test_workflow_step_from_wrong_state_conflicts(void **state)
{
    struct harness *h = *state;
    new_matter(h, 3, NULL);
    struct err e = {0};
    assert_int_equal(wf_apply(&h->ctx, &matter, 3, "finish", NULL, NULL, &e), 0);
    err_clear(&e);
    assert_int_equal(wf_apply(&h->ctx, &matter, 3, "finish", NULL, NULL, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "已处理"));
    err_clear(&e);
    assert_int_equal(wf_apply(&h->ctx, &matter, 3, "fly", NULL, NULL, &e), ERR_INVALID);
}

static void test_workflow_needs_the_permission(void **state)
{
    struct harness *h = *state;
    new_matter(h, 4, NULL);
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct err e = {0};
    assert_int_equal(wf_apply(&c, &matter, 4, "finish", NULL, NULL, &e), ERR_FORBIDDEN);
    assert_string_equal(state_of(h, 4), "open");
    json_t *acts = wf_actions(&c, &matter, 0, "open");
    assert_int_equal(json_array_size(acts), 0);
    json_decref(acts);
    c = h_ctx(h, "officer", &who);
    acts = wf_actions(&c, &matter, 0, "open");
    assert_int_equal(json_array_size(acts), 5); /* finish, drop, submit, extend, hold; not report */
    json_decref(acts);
}

static void test_workflow_guard_refusal_saves_nothing(void **state)
{
    struct harness *h = *state;
    new_matter(h, 5, NULL);
    int64_t before = count(h, "SELECT COUNT(*) FROM wf_step");
    struct err e = {0};
    assert_int_equal(wf_apply(&h->ctx, &matter, 5, "drop", NULL, NULL, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "note"), "撤销须说明理由（测试第1条）");
    assert_string_equal(state_of(h, 5), "open");
    assert_int_equal(count(h, "SELECT COUNT(*) FROM wf_step"), before);
    err_clear(&e);
    struct wf_args a = {.note = "重复登记"};
    assert_int_equal(wf_apply(&h->ctx, &matter, 5, "drop", &a, NULL, &e), 0);
    /* Entering a final state voids the deadlines still open. */
    assert_int_equal(count(h, "SELECT COUNT(*) FROM wf_deadline WHERE object_id = 5"
                              " AND outcome = 'void' AND ended_on IS NOT NULL"),
                     1);
}

static void test_workflow_matter_outside_scope_is_not_found(void **state)
{
    struct harness *h = *state;
    new_matter(h, 6, NULL);
    struct actor who;
    struct ctx c = h_ctx(h, "other", &who); /* admin of the neighbouring county */
    struct err e = {0};
    assert_int_equal(wf_apply(&c, &matter, 6, "finish", NULL, NULL, &e), ERR_NOTFOUND);
    assert_string_equal(state_of(h, 6), "open");
}

static void test_workflow_step_inside_a_rolled_back_action_leaves_nothing(void **state)
{
    struct harness *h = *state;
    new_matter(h, 7, NULL);
    int64_t before = count(h, "SELECT COUNT(*) FROM wf_step");
    struct err e = {0};
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_int_equal(wf_apply(&h->ctx, &matter, 7, "finish", NULL, NULL, &e), 0);
    db_rollback(h->db);
    assert_string_equal(state_of(h, 7), "open");
    assert_int_equal(count(h, "SELECT COUNT(*) FROM wf_step"), before);
}

static void test_workflow_given_deadline_and_dashboard_list(void **state)
{
    struct harness *h = *state;
    new_matter(h, 8, "2024-01-02"); /* long overdue five-day deadline */
    struct err e = {0};
    struct wf_args bad = {.due = "2023-12-31", .date = "2024-01-02"};
    assert_int_equal(wf_apply(&h->ctx, &matter, 8, "report", &bad, NULL, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "due"));
    err_clear(&e);
    struct wf_args none = {.date = "2024-01-02"};
    assert_int_equal(wf_apply(&h->ctx, &matter, 8, "report", &none, NULL, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "due"), "请填写报告期限");
    err_clear(&e);
    struct wf_args ok = {.due = "2024-02-01", .date = "2024-01-02"};
    assert_int_equal(wf_apply(&h->ctx, &matter, 8, "report", &ok, NULL, &e), 0);

    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    json_t *list = wf_deadlines(&c, 7, 50, &e);
    assert_non_null(list);
    bool five = false, given = false;
    size_t i;
    json_t *d;
    json_array_foreach(list, i, d)
    {
        if (json_integer_value(json_object_get(d, "object_id")) != 8) continue;
        assert_true(json_is_true(json_object_get(d, "overdue")));
        const char *due = json_string_value(json_object_get(d, "due"));
        five |= strcmp(due, "2024-01-09") == 0; /* 1/3, 1/4, 1/5, 1/8, 1/9 */
        given |= strcmp(due, "2024-02-01") == 0;
    }
    assert_true(five && given);
    json_decref(list);
    c = h_ctx(h, "other", &who);
    list = wf_deadlines(&c, 7, 50, &e);
    json_array_foreach(list, i, d)
        assert_int_not_equal(json_integer_value(json_object_get(d, "object_id")), 8);
    json_decref(list);
}

/* Insert matters first … first + n - 1 (open, in the county) in the current transaction. */
static void insert_matters(struct harness *h, int64_t first, size_t n)
{
    struct err e = {0};
    for (size_t i = 0; i < n; i++)
        assert_true(db_exec(h->db, &e,
                            "INSERT INTO wf_matter (id, agency_id, state) VALUES (?, ?, 'open')",
                            "ii", first + (int64_t)i, county_id(h)) == 1);
}

/* Rows of table for matters from first on, keyed by their offset from first: the same
 * columns whoever wrote them, except the row's own id. */
#define STEP_COLS                                                                                  \
    "kind, agency_id, from_state, action, to_state, day, at, user_id, username, reason, note,"     \
    " ref_id"
#define DEADLINE_ROW_COLS "kind, agency_id, name, label, basis, start_on, due_on, ended_on, outcome"

/* wf_start_many writes exactly the rows wf_start writes, one by one, for the same matters:
 * 1,203 of them (more than one batch of each statement), by an officer, with a date, note,
 * reason and reference. */
static void test_workflow_start_many_writes_what_start_writes(void **state)
{
    struct harness *h = *state;
    enum { N = 1203, ONE = 10000, MANY = 20000 };
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct wf_args a = {.date = "2026-09-30", .note = "批量", .reason = "测试", .ref_id = 42};
    struct err e = {0};
    assert_int_equal(db_begin(h->db, &e), 0);
    insert_matters(h, ONE, N);
    insert_matters(h, MANY, N);
    for (int64_t i = 0; i < N; i++)
        if (wf_start(&c, &matter, ONE + i, &five_days, &a, &e)) fail_msg("wf_start: %s", e.msg);
    int64_t ids[N];
    for (int64_t i = 0; i < N; i++)
        ids[i] = MANY + i;
    if (wf_start_many(&c, &matter, ids, N, &five_days, &a, &e))
        fail_msg("wf_start_many: %s", e.msg);
    assert_int_equal(db_commit(h->db, &e), 0);
    static const char *const tables[][2] = {{"wf_step", STEP_COLS},
                                            {"wf_deadline", DEADLINE_ROW_COLS}};
    for (size_t t = 0; t < 2; t++) {
        char sql[1024];
        snprintf(sql, sizeof sql,
                 "SELECT COUNT(*) FROM %s WHERE object_id >= %d AND object_id < %d", tables[t][0],
                 MANY, MANY + N);
        assert_int_equal(count(h, sql), N);
        for (int dir = 0; dir < 2; dir++) { /* each side's rows are all on the other side */
            int x = dir ? MANY : ONE, y = dir ? ONE : MANY;
            snprintf(sql, sizeof sql,
                     "SELECT COUNT(*) FROM (SELECT object_id - %d AS k, %s FROM %s"
                     " WHERE object_id >= %d AND object_id < %d EXCEPT"
                     " SELECT object_id - %d AS k, %s FROM %s"
                     " WHERE object_id >= %d AND object_id < %d) d",
                     x, tables[t][1], tables[t][0], x, x + N, y, tables[t][1], tables[t][0], y,
                     y + N);
            assert_int_equal(count(h, sql), 0);
        }
    }
    assert_int_equal(count(h, "SELECT COUNT(*) FROM wf_deadline WHERE object_id = 20000"
                              " AND due_on = '2026-10-13'"),
                     1);
}

/* All or nothing: one matter out of the actor's scope and none is started. */
static void test_workflow_start_many_outside_scope_starts_none(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "other", &who); /* admin of the neighbouring county */
    struct err e = {0};
    assert_int_equal(db_begin(h->db, &e), 0);
    insert_matters(h, 30000, 3);
    int64_t ids[] = {30000, 30001, 30002};
    assert_int_equal(wf_start_many(&c, &matter, ids, 3, &five_days, NULL, &e), ERR_NOTFOUND);
    assert_int_equal(db_commit(h->db, &e), 0);
    assert_int_equal(count(h, "SELECT COUNT(*) FROM wf_step WHERE object_id >= 30000"), 0);
    assert_int_equal(count(h, "SELECT COUNT(*) FROM wf_deadline WHERE object_id >= 30000"), 0);
}

/* The harness database plus the matter's table. */
static int setup(void **state)
{
    int rc = harness_setup(state);
    struct harness *h = *state;
    struct err e = {0};
    if (!rc && db_exec_script(h->db, &e, MATTER_SQL)) fail_msg("%s", e.msg);
    return rc;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workflow_start_opens_a_working_day_deadline_art85),
        cmocka_unit_test(test_workflow_step_moves_records_meets_deadline_and_audits),
        cmocka_unit_test(test_workflow_step_from_wrong_state_conflicts),
        cmocka_unit_test(test_workflow_needs_the_permission),
        cmocka_unit_test(test_workflow_guard_refusal_saves_nothing),
        cmocka_unit_test(test_workflow_matter_outside_scope_is_not_found),
        cmocka_unit_test(test_workflow_step_inside_a_rolled_back_action_leaves_nothing),
        cmocka_unit_test(test_workflow_given_deadline_and_dashboard_list),
        cmocka_unit_test(test_workflow_start_many_writes_what_start_writes),
        cmocka_unit_test(test_workflow_start_many_outside_scope_starts_none),
        cmocka_unit_test(test_workflow_declared_inputs_are_checked_together),
        cmocka_unit_test(test_workflow_declared_step_effect_documents_and_audit),
        cmocka_unit_test(test_workflow_before_effect_and_refused_hooks),
        cmocka_unit_test(test_workflow_step_extends_an_open_deadline),
        cmocka_unit_test(test_workflow_steps_pause_and_resume_a_deadline),
        cmocka_unit_test(test_r_cal_09_no_step_dated_after_today), /* last: it sets the clock */
    };
    return cmocka_run_group_tests(tests, setup, harness_teardown);
}
