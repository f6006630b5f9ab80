/* test_audit.c — the tamper-evident audit trail (操作日志): one row per change in the change's own
 * transaction, a hash chain that exposes edits, deletions and relinking, and scoped browsing. */
#include "tests/support.h"
#include "law/audit.h"
#include "law/auth.h"
#include "law/entity.h"
#include "base/codes.h"

#include <string.h>

/* ---- helpers ---------------------------------------------------------------------------- */

static const char *uscc_of(struct harness *h, int seq)
{
    char s[USCC_LEN + 1];
    snprintf(s, sizeof s, "91320412%08d", seq);
    s[16] = orgcode_check_char(s + 8);
    s[17] = 0;
    s[17] = uscc_check_char(s);
    s[18] = 0;
    return arena_strdup(&h->arena, s);
}

static int64_t add_entity(struct harness *h, struct ctx *c, int seq, const char *name)
{
    struct err e = {0};
    struct entity_input in = {
        .name = name, .uscc = uscc_of(h, seq), .address = "武进区", .subtype = "clinic"};
    int64_t id = 0;
    if (entity_add(c, &in, &id, &e)) fail_msg("entity_add %s: %s", name, e.msg);
    return id;
}

static int64_t audit_rows(struct harness *h)
{
    struct err e = {0};
    int64_t n = -1;
    assert_int_equal(db_get_int(h->db, &e, &n, "SELECT count(*) FROM audit_log", ""), 0);
    return n;
}

static int64_t max_id(struct harness *h)
{
    struct err e = {0};
    int64_t n = -1;
    assert_int_equal(db_get_int(h->db, &e, &n, "SELECT max(id) FROM audit_log", ""), 0);
    return n;
}

/* Make sure there are at least a few rows to tamper with. */
static void some_history(struct harness *h)
{
    static int seq = 900;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    for (int i = 0; i < 3; i++)
        add_entity(h, &c, seq++, "历史诊所");
}

static void assert_intact(struct harness *h)
{
    struct err e = {0};
    struct audit_check chk;
    assert_int_equal(audit_verify(h->db, &chk, &e), 0);
    assert_int_equal(chk.broken_id, 0);
    assert_string_equal(chk.reason, "");
    assert_int_equal(chk.rows, audit_rows(h));
}

/* True when a row with this summary is in the list. */
static bool has_summary(json_t *rows, const char *summary)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        if (strcmp(json_string_value(json_object_get(r, "summary")), summary) == 0) return true;
    }
    return false;
}

/* ---- one row per change, in the same transaction ---------------------------------------- */

static void test_r_audit_01_audit_every_change_writes_exactly_one_row(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "clerk", &who);
    struct err e = {0};
    int64_t before = audit_rows(h);
    int64_t id = add_entity(h, &c, 1, "一行诊所");
    assert_int_equal(audit_rows(h), before + 1);
    struct db_stmt *st = db_query(h->db, &e,
                                  "SELECT action, object_type, object_id, username, agency_id,"
                                  " user_id, summary FROM audit_log ORDER BY id DESC LIMIT 1",
                                  "");
    assert_int_equal(db_step(st, &e), DB_ROW);
    assert_string_equal(db_text(st, 0), "entity.create");
    assert_string_equal(db_text(st, 1), "entity");
    assert_int_equal(db_int(st, 2), id);
    assert_string_equal(db_text(st, 3), "clerk");
    assert_int_equal(db_int(st, 4), who.agency_id);
    assert_int_equal(db_int(st, 5), who.user_id);
    assert_non_null(strstr(db_text(st, 6), "一行诊所"));
    db_done(st);

    /* a refused change (duplicate USCC) writes none */
    struct entity_input dup = {
        .name = "重复", .uscc = uscc_of(h, 1), .address = "武进区", .subtype = "clinic"};
    assert_int_equal(entity_add(&c, &dup, &id, &e), ERR_CONFLICT);
    assert_int_equal(audit_rows(h), before + 1);
    /* nor does an invalid one */
    err_clear(&e);
    dup.uscc = "123";
    assert_int_equal(entity_add(&c, &dup, &id, &e), ERR_INVALID);
    assert_int_equal(audit_rows(h), before + 1);
}

static void test_r_audit_01_audit_row_is_part_of_the_change_transaction(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    /* a change rolled back by its caller takes its audit row with it */
    int64_t before = audit_rows(h);
    assert_int_equal(db_begin(h->db, &e), 0);
    add_entity(h, &c, 2, "回滚诊所");
    assert_int_equal(audit_rows(h), before + 1);
    db_rollback(h->db);
    assert_int_equal(audit_rows(h), before);
    assert_false(h_exists(h->db, "SELECT 1 FROM entity WHERE name = ?", "t", "回滚诊所"));
    /* and the chain continues cleanly after it */
    add_entity(h, &c, 2, "回滚诊所");
    assert_intact(h);
}

/* ---- the hash chain --------------------------------------------------------------------- */

static void test_audit_verify_intact_chain(void **state)
{
    struct harness *h = *state;
    some_history(h);
    assert_intact(h);
    struct err e = {0};
    /* the first row links to the genesis value, each later row to its predecessor */
    assert_true(h_exists(h->db, "SELECT 1 FROM audit_log WHERE id = 1 AND prev_hash = ?", "t",
                         "0000000000000000000000000000000000000000000000000000000000000000"));
    int64_t broken = 0;
    assert_int_equal(db_get_int(h->db, &e, &broken,
                                "SELECT count(*) FROM audit_log l JOIN audit_log p"
                                " ON p.id = l.id - 1 WHERE l.prev_hash <> p.hash",
                                ""),
                     0);
    assert_int_equal(broken, 0);
}

static void test_r_audit_02_audit_altered_summary_is_detected(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    some_history(h);
    int64_t k = max_id(h) - 2;
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_int_equal(db_exec(h->db, &e, "UPDATE audit_log SET summary = ? WHERE id = ?", "ti",
                             "登记管理相对人 无事发生", k),
                     1);
    struct audit_check chk;
    assert_int_equal(audit_verify(h->db, &chk, &e), 0);
    assert_int_equal(chk.broken_id, k);
    assert_non_null(strstr(chk.reason, "已被修改"));
    assert_int_equal(chk.rows, k - 1);
    db_rollback(h->db);
    assert_intact(h);

    /* so are a changed time, user and action */
    static const char *const edits[] = {"UPDATE audit_log SET at = at + 1 WHERE id = ?",
                                        "UPDATE audit_log SET username = 'nobody' WHERE id = ?",
                                        "UPDATE audit_log SET action = 'x.y' WHERE id = ?",
                                        "UPDATE audit_log SET object_id = 0 WHERE id = ?"};
    for (size_t i = 0; i < sizeof edits / sizeof *edits; i++) {
        assert_int_equal(db_begin(h->db, &e), 0);
        assert_int_equal(db_exec(h->db, &e, edits[i], "i", k), 1);
        assert_int_equal(audit_verify(h->db, &chk, &e), 0);
        assert_int_equal(chk.broken_id, k);
        db_rollback(h->db);
    }
    assert_intact(h);
}

static void test_r_audit_02_audit_deleted_middle_row_is_detected(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    some_history(h);
    int64_t k = max_id(h) - 1;
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_int_equal(db_exec(h->db, &e, "DELETE FROM audit_log WHERE id = ?", "i", k), 1);
    struct audit_check chk;
    assert_int_equal(audit_verify(h->db, &chk, &e), 0);
    assert_int_equal(chk.broken_id, k + 1);
    assert_non_null(strstr(chk.reason, "删除"));
    db_rollback(h->db);

    /* renumbering the later rows to close the gap breaks their links instead */
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_int_equal(db_exec(h->db, &e, "DELETE FROM audit_log WHERE id = ?", "i", k), 1);
    assert_int_equal(
        db_exec(h->db, &e, "UPDATE audit_log SET id = id - 1 WHERE id = ?", "i", k + 1), 1);
    assert_int_equal(audit_verify(h->db, &chk, &e), 0);
    assert_int_equal(chk.broken_id, k);
    db_rollback(h->db);
    assert_intact(h);
}

static void test_r_audit_02_audit_deleted_newest_rows_are_detected(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    some_history(h);
    int64_t last = max_id(h);
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_int_equal(db_exec(h->db, &e, "DELETE FROM audit_log WHERE id >= ?", "i", last - 1), 2);
    struct audit_check chk;
    assert_int_equal(audit_verify(h->db, &chk, &e), 0);
    assert_int_equal(chk.broken_id, last - 1);
    assert_non_null(strstr(chk.reason, "删除"));
    db_rollback(h->db);
    assert_intact(h);
}

static void test_audit_head_follows_every_append(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    some_history(h);
    int64_t head = 0;
    assert_int_equal(db_get_int(h->db, &e, &head, "SELECT last_id FROM audit_head", ""), 0);
    assert_int_equal(head, max_id(h));
    /* a rolled-back change gives its id back: the next row follows without a gap */
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_int_equal(audit_write(&c, "test.rollback", "test", 0, "回滚"), 0);
    db_rollback(h->db);
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_int_equal(audit_write(&c, "test.commit", "test", 0, "提交"), 0);
    assert_int_equal(db_commit(h->db, &e), 0);
    assert_int_equal(max_id(h), head + 1);
    assert_intact(h);
}

static void test_r_audit_02_audit_changed_prev_hash_is_detected(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    some_history(h);
    int64_t k = max_id(h) - 1;
    assert_int_equal(db_begin(h->db, &e), 0);
    /* link row k to the row two before it, as if k-1 had never existed */
    assert_int_equal(db_exec(h->db, &e,
                             "UPDATE audit_log SET prev_hash ="
                             " (SELECT hash FROM audit_log WHERE id = ?) WHERE id = ?",
                             "ii", k - 2, k),
                     1);
    struct audit_check chk;
    assert_int_equal(audit_verify(h->db, &chk, &e), 0);
    assert_int_equal(chk.broken_id, k);
    assert_non_null(strstr(chk.reason, "链接"));
    db_rollback(h->db);

    /* a rewritten hash breaks the row itself */
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_int_equal(
        db_exec(h->db, &e, "UPDATE audit_log SET hash = prev_hash WHERE id = ?", "i", k), 1);
    assert_int_equal(audit_verify(h->db, &chk, &e), 0);
    assert_int_equal(chk.broken_id, k);
    db_rollback(h->db);
    assert_intact(h);
}

/* ---- browsing ----------------------------------------------------------------------------- */

static json_t *list_as(struct harness *h, const char *username, struct audit_query q, bool *more)
{
    struct actor who;
    struct ctx c = h_ctx(h, username, &who);
    struct err e = {0};
    json_t *rows = audit_list(&c, &q, more, &e);
    assert_non_null(rows);
    return rows;
}

static void test_r_audit_05_audit_list_shows_only_the_actor_subtree(void **state)
{
    struct harness *h = *state;
    struct actor wa, wo;
    struct ctx admin = h_ctx(h, "admin", &wa);
    struct ctx other = h_ctx(h, "other", &wo);
    add_entity(h, &admin, 10, "武进范围诊所");
    add_entity(h, &other, 11, "新北范围诊所");
    bool more;
    struct audit_query q = {.object_type = "entity", .limit = 500};
    json_t *rows = list_as(h, "other", q, &more);
    assert_true(has_summary(rows, "登记管理相对人 新北范围诊所"));
    assert_false(has_summary(rows, "登记管理相对人 武进范围诊所"));
    json_decref(rows);
    rows = list_as(h, "admin", q, &more);
    assert_true(has_summary(rows, "登记管理相对人 武进范围诊所"));
    assert_false(has_summary(rows, "登记管理相对人 新北范围诊所"));
    json_decref(rows);
    rows = list_as(h, "city", q, &more);
    assert_true(has_summary(rows, "登记管理相对人 武进范围诊所"));
    assert_true(has_summary(rows, "登记管理相对人 新北范围诊所"));
    json_decref(rows);
}

/* The command line acts as the system, of no agency: its rows are seen from the agency of the
 * record they touch, not by every county (they name people and certificate numbers). */
static void test_audit_rows_of_the_system_belong_to_the_record_agency(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct entity_input in = {.agency_code = "320412",
                              .name = "系统导入诊所",
                              .uscc = uscc_of(h, 77),
                              .address = "武进区",
                              .subtype = "clinic"};
    int64_t id = 0;
    if (entity_add(&h->ctx, &in, &id, &e)) fail_msg("entity_add: %s", e.msg);
    bool more;
    struct audit_query q = {.object_type = "entity", .limit = 500};
    json_t *rows = list_as(h, "other", q, &more); /* 320411 */
    assert_false(has_summary(rows, "登记管理相对人 系统导入诊所"));
    json_decref(rows);
    rows = list_as(h, "auditor", q, &more); /* 320412 */
    assert_true(has_summary(rows, "登记管理相对人 系统导入诊所"));
    json_decref(rows);
}

static void test_r_audit_05_audit_list_hides_logins_of_other_counties(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    char sid[SECRET_HEX + 1], csrf[SECRET_HEX + 1];
    assert_int_equal(auth_login(&h->ctx, "viewer", TEST_PASSWORD, "10.9.8.7", sid, csrf, &e), 0);
    bool more;
    struct audit_query q = {.q = "10.9.8.7", .limit = 500};
    json_t *rows = list_as(h, "other", q, &more);
    assert_int_equal(json_array_size(rows), 0);
    json_decref(rows);
    rows = list_as(h, "admin", q, &more);
    assert_int_equal(json_array_size(rows), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 0), "username")),
                        "viewer");
    json_decref(rows);
}

static void test_audit_list_keyset_pages_cover_every_row_once(void **state)
{
    struct harness *h = *state;
    some_history(h);
    bool more;
    json_t *all = list_as(h, "admin", (struct audit_query){.limit = 500}, &more);
    assert_false(more);
    size_t total = json_array_size(all);
    assert_true(total >= 7);

    struct audit_query q = {.limit = 3};
    size_t seen = 0;
    int pages = 0;
    do {
        json_t *page = list_as(h, "admin", q, &more);
        size_t n = json_array_size(page);
        assert_true(n <= 3);
        assert_true(n == 3 || !more);
        for (size_t i = 0; i < n; i++) {
            int64_t id = json_integer_value(json_object_get(json_array_get(page, i), "id"));
            int64_t want = json_integer_value(json_object_get(json_array_get(all, seen), "id"));
            assert_int_equal(id, want); /* newest first, no gap, no repeat */
            if (q.before_id) assert_true(id < q.before_id);
            seen++;
        }
        if (n) q.before_id = json_integer_value(json_object_get(json_array_get(page, n - 1), "id"));
        json_decref(page);
        pages++;
    } while (more);
    assert_int_equal(seen, total);
    assert_int_equal(pages, (int)((total + 2) / 3));
    json_decref(all);
}

static void test_audit_list_search_and_object_filter(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    int64_t id = add_entity(h, &c, 20, "搜索专用卫生室");
    bool more;
    json_t *rows = list_as(h, "admin", (struct audit_query){.q = "搜索专用"}, &more);
    assert_int_equal(json_array_size(rows), 1);
    json_t *r = json_array_get(rows, 0);
    assert_string_equal(json_string_value(json_object_get(r, "summary")),
                        "登记管理相对人 搜索专用卫生室");
    assert_string_equal(json_string_value(json_object_get(r, "action")), "entity.create");
    assert_int_equal(json_integer_value(json_object_get(r, "object_id")), id);
    json_decref(rows);
    /* by username and by action */
    rows = list_as(h, "admin", (struct audit_query){.q = "entity.create", .limit = 500}, &more);
    assert_true(has_summary(rows, "登记管理相对人 搜索专用卫生室"));
    json_decref(rows);
    /* ASCII case does not matter, on either engine */
    rows = list_as(h, "admin", (struct audit_query){.q = "Entity.CREATE", .limit = 500}, &more);
    assert_true(has_summary(rows, "登记管理相对人 搜索专用卫生室"));
    json_decref(rows);
    rows = list_as(h, "admin", (struct audit_query){.q = "没有这样的摘要"}, &more);
    assert_int_equal(json_array_size(rows), 0);
    json_decref(rows);
    /* the registries' search rule (store/): punctuation is dropped on both sides, so % and _
     * are no wildcards, a query of punctuation alone searches nothing, and entity_create finds
     * entity.create */
    bool all_more;
    json_t *all = list_as(h, "admin", (struct audit_query){0}, &all_more);
    rows = list_as(h, "admin", (struct audit_query){.q = "%"}, &more);
    assert_int_equal(json_array_size(rows), json_array_size(all));
    json_decref(rows);
    json_decref(all);
    rows = list_as(h, "admin", (struct audit_query){.q = "entity_create", .limit = 500}, &more);
    assert_true(has_summary(rows, "登记管理相对人 搜索专用卫生室"));
    json_decref(rows);
    rows = list_as(h, "admin", (struct audit_query){.q = "卫生室 搜索"}, &more);
    assert_int_equal(json_array_size(rows), 0); /* one fragment, as it stands */
    json_decref(rows);
    /* by object */
    rows =
        list_as(h, "admin", (struct audit_query){.object_type = "entity", .object_id = id}, &more);
    assert_int_equal(json_array_size(rows), 1);
    json_decref(rows);
    rows =
        list_as(h, "admin", (struct audit_query){.object_type = "officer", .object_id = id}, &more);
    assert_int_equal(json_array_size(rows), 0);
    json_decref(rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r_audit_01_audit_every_change_writes_exactly_one_row),
        cmocka_unit_test(test_r_audit_01_audit_row_is_part_of_the_change_transaction),
        cmocka_unit_test(test_audit_verify_intact_chain),
        cmocka_unit_test(test_r_audit_02_audit_altered_summary_is_detected),
        cmocka_unit_test(test_r_audit_02_audit_deleted_middle_row_is_detected),
        cmocka_unit_test(test_r_audit_02_audit_changed_prev_hash_is_detected),
        cmocka_unit_test(test_r_audit_02_audit_deleted_newest_rows_are_detected),
        cmocka_unit_test(test_audit_head_follows_every_append),
        cmocka_unit_test(test_r_audit_05_audit_list_shows_only_the_actor_subtree),
        cmocka_unit_test(test_audit_rows_of_the_system_belong_to_the_record_agency),
        cmocka_unit_test(test_r_audit_05_audit_list_hides_logins_of_other_counties),
        cmocka_unit_test(test_audit_list_keyset_pages_cover_every_row_once),
        cmocka_unit_test(test_audit_list_search_and_object_filter),
    };
    return cmocka_run_group_tests(tests, harness_setup, harness_teardown);
}
