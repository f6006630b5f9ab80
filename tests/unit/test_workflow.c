/* test_workflow.c — the shared workflow mechanism on a small matter declared here: states,
 * permissions, guards, deadlines on the working-day calendar, scope, and all-or-nothing steps. */
#include "support.h"
#include "law/workflow.h"

#include <string.h>

/* A matter with the three columns the mechanism needs. */
static const char *const MATTER_SQL = "CREATE TABLE wf_matter (id BIGINT PRIMARY KEY,"
                                      " agency_id BIGINT NOT NULL, state TEXT NOT NULL)";

static const struct wf_state states[] = {
    {"open", "待处理", false},
    {"done", "已处理", true},
    {"dropped", "已撤销", true},
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

static const struct wf_transition steps[] = {
    {"open", "finish", "done", "办结", PERM_INSPECTION_WRITE, NULL, NULL, "handle"},
    {"open", "drop", "dropped", "撤销", PERM_INSPECTION_WRITE, needs_note, NULL, NULL},
    {"open", "report", "open", "要求报告", PERM_DRAW_RUN, NULL, &given_day, NULL},
};

static const struct workflow matter = {"matter", "wf_matter", states, 3, steps, 3};

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
    assert_true(db_exec(h->db, &e, "INSERT INTO wf_matter VALUES (?, ?, 'open')", "ii", id,
                        county_id(h)) == 1);
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
    json_t *acts = wf_actions(&c, &matter, "open");
    assert_int_equal(json_array_size(acts), 0);
    json_decref(acts);
    c = h_ctx(h, "officer", &who);
    acts = wf_actions(&c, &matter, "open");
    assert_int_equal(json_array_size(acts), 2); /* finish and drop, not report (draw.run) */
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
    };
    return cmocka_run_group_tests(tests, setup, harness_teardown);
}
