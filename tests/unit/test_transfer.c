/* test_transfer.c — moving a county's database into a provincial one: ids given anew with
 * references following, agencies matched by code, clashes refused with nothing written, the
 * source's audit chain archived and still verifiable. */
#include "support.h"
#include "law/agency.h"
#include "law/audit.h"
#include "law/auth.h"
#include "law/entity.h"
#include "law/officer.h"
#include "law/role.h"
#include "law/transfer.h"
#include "store/migrate.h"

#include <stdio.h>
#include <string.h>

/* The target: a province database that already has the province (code 320000) and, to make the
 * ids differ from the source's, an agency of another city and some entities under it. */
struct target {
    struct db *db;
    char url[128];
    struct arena arena;
    struct ctx ctx;
};

static int64_t add_agency(struct ctx *c, const char *code, const char *name, const char *parent)
{
    struct err e = {0};
    int64_t id = 0;
    struct agency_input in = {.code = code, .name = name, .parent_code = parent, .level = "city"};
    assert_int_equal(agency_add(c, &in, &id, &e), 0);
    return id;
}

static void add_org(struct ctx *c, const char *agency, int seq, const char *name)
{
    struct err e = {0};
    char uscc[19];
    h_uscc(seq, uscc);
    struct entity_input in = {.agency_code = agency,
                              .name = name,
                              .uscc = uscc,
                              .address = "某市某路1号",
                              .subtype = "clinic"};
    int64_t id;
    if (entity_add(c, &in, &id, &e)) fail_msg("entity_add: %s", e.msg);
}

static void open_target(struct harness *h, struct target *t)
{
    memset(t, 0, sizeof *t);
    h_second_db(h, &t->db, t->url);
    t->ctx = (struct ctx){.db = t->db, .arena = &t->arena, .who = &actor_system, .now = h->ctx.now};
    add_agency(&t->ctx, "320000", "江苏省卫生健康委员会", NULL);
    add_agency(&t->ctx, "320500", "苏州市卫生健康委员会", "320000");
    for (int i = 0; i < 5; i++)
        add_org(&t->ctx, "320500", 900 + i, "苏州诊所");
    struct err e = {0};
    int64_t id;
    struct user_input u = {.username = "admin",
                           .display_name = "省管理员",
                           .password = "province2026",
                           .agency_code = "320000",
                           .roles = 1u << ROLE_ADMIN};
    assert_int_equal(user_add(&t->ctx, &u, &id, &e), 0);
}

static void close_target(struct target *t)
{
    db_close(t->db);
    arena_free(&t->arena);
}

/* The county's records in the harness database. */
static void fill_source(struct harness *h)
{
    for (int i = 0; i < 12; i++)
        add_org(&h->ctx, "320412", i + 1, i % 2 ? "湖塘口腔诊所" : "武进宾馆");
    add_org(&h->ctx, "320411", 50, "新北诊所");
    struct err e = {0};
    int64_t county = 0, dept = 0;
    assert_int_equal(
        db_get_int(h->db, &e, &county, "SELECT id FROM agency WHERE code = '320412'", ""), 0);
    assert_int_equal(department_add(&h->ctx, county, "医疗卫生监督科", &dept, &e), 0);
    char idno[19];
    h_idno(7, idno);
    struct officer_input o = {.agency_code = "320412",
                              .department = "医疗卫生监督科",
                              .name = "王执法",
                              .id_number = idno,
                              .cert_no = "32041200007",
                              .cert_issued = "2024-01-01",
                              .cert_expires = "2029-12-31",
                              .status = "active",
                              .lines = "medical"};
    int64_t id;
    if (officer_add(&h->ctx, &o, &id, &e)) fail_msg("officer_add: %s", e.msg);
}

static int64_t count(struct db *db, const char *sql, const char *arg)
{
    struct err e = {0};
    int64_t n = -1;
    if (db_get_int(db, &e, &n, sql, "t", arg)) fail_msg("%s: %s", sql, e.msg);
    return n;
}

static void test_transfer_refuses_clashes_and_writes_nothing(void **state)
{
    struct harness *h = *state;
    fill_source(h);
    struct target t;
    open_target(h, &t);
    add_org(&t.ctx, "320500", 3, "已在省库登记的宾馆"); /* the county's entity no. 3 */
    int64_t before = count(t.db, "SELECT COUNT(*) FROM entity WHERE id > ?", "0");
    struct transfer_opts o = {.source = "武进区"};
    struct transfer_report rep;
    struct err e = {0};
    assert_int_equal(transfer_run(&t.ctx, h->db, &o, &rep, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "用户 admin 在目标库已存在"));
    if (!strstr(e.msg, "管理相对人 武进宾馆（")) fail_msg("%s", e.msg);
    /* a suffix that makes an invalid user name (one that could never log in) is refused */
    struct transfer_opts bad = {.source = "武进区", .user_suffix = "@wj"};
    memset(&e, 0, sizeof e);
    assert_int_equal(transfer_run(&t.ctx, h->db, &bad, &rep, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "admin@wj"));
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM entity WHERE id > ?", "0"), before);
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM agency WHERE code <> ?", "320000"), 1);
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM transfer_map WHERE source = ?", "武进区"),
                     0);
    close_target(&t);
}

static void test_transfer_copies_with_new_ids_and_references(void **state)
{
    struct harness *h = *state;
    fill_source(h);
    struct target t;
    open_target(h, &t);
    struct transfer_opts o = {.source = "武进区", .user_suffix = "_wj"};
    struct transfer_report rep;
    struct err e = {0};
    if (transfer_run(&t.ctx, h->db, &o, &rep, &e)) fail_msg("transfer: %s", e.msg);

    /* the province was matched by code, the city and the counties are new under it */
    int64_t province = count(t.db, "SELECT id FROM agency WHERE code = ?", "320000");
    char like[32];
    snprintf(like, sizeof like, "/%lld/%%", (long long)province);
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM agency WHERE path LIKE ?", like), 5);
    assert_int_equal(count(t.db,
                           "SELECT COUNT(*) FROM agency c JOIN agency p ON p.id = c.parent_id"
                           " WHERE c.code = ? AND p.code = '320400'"
                           " AND c.path = p.path || c.id || '/'",
                           "320412"),
                     1);
    /* every entity came, under its own county, in the province's tree */
    assert_int_equal(count(t.db,
                           "SELECT COUNT(*) FROM entity x JOIN agency a ON a.id = x.agency_id"
                           " WHERE a.code = ?",
                           "320412"),
                     12);
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM entity WHERE root_id <> ?", "0"), 18);
    int64_t roots = count(t.db, "SELECT COUNT(DISTINCT root_id) FROM entity WHERE id > ?", "0");
    assert_int_equal(roots, 1);
    /* lines and the officer's department followed their new ids */
    const char *lines_of = "SELECT COUNT(*) FROM entity_line l JOIN entity x ON x.id ="
                           " l.entity_id WHERE x.name = ?";
    assert_true(count(h->db, lines_of, "湖塘口腔诊所") >= 6);
    assert_int_equal(count(t.db, lines_of, "湖塘口腔诊所"), count(h->db, lines_of, "湖塘口腔诊所"));
    assert_int_equal(count(t.db,
                           "SELECT COUNT(*) FROM officer o JOIN department d ON d.id ="
                           " o.department_id JOIN agency a ON a.id = d.agency_id"
                           " WHERE o.cert_no = ? AND a.code = '320412'",
                           "32041200007"),
                     1);
    /* the clashing account was renamed, the others kept their names and roles */
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM app_user WHERE username = ?", "admin_wj"),
                     1);
    assert_int_equal(count(t.db,
                           "SELECT COUNT(*) FROM user_role r JOIN app_user u ON u.id = r.user_id"
                           " WHERE u.username = ?",
                           "clerk"),
                     1);
    assert_int_equal(rep.nrenamed, 1);

    assert_string_equal(rep.renamed[0], "admin→admin_wj");
    /* every moved row can be traced from its old id */
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM transfer_map WHERE tbl = ?", "entity"), 13);
    close_target(&t);
}

static void test_transfer_keeps_both_audit_chains_verifiable(void **state)
{
    struct harness *h = *state;
    fill_source(h);
    struct audit_check src_check;
    struct err e = {0};
    assert_int_equal(audit_verify(h->db, &src_check, &e), 0);
    struct target t;
    open_target(h, &t);
    struct transfer_opts o = {.source = "武进区", .user_suffix = "_wj"};
    struct transfer_report rep;
    assert_int_equal(transfer_run(&t.ctx, h->db, &o, &rep, &e), 0);
    assert_int_equal(rep.audit_rows, src_check.rows);

    struct audit_check check;
    assert_int_equal(audit_verify(t.db, &check, &e), 0);
    assert_int_equal(check.broken_id, 0);
    char head[65];
    assert_int_equal(audit_verify_archive(t.db, "武进区", &check, head, &e), 0);
    assert_int_equal(check.broken_id, 0);
    assert_int_equal(check.rows, src_check.rows);
    assert_string_equal(head, rep.audit_head);
    char like[80];
    snprintf(like, sizeof like, "%%%s%%", head);
    assert_int_equal(count(t.db,
                           "SELECT COUNT(*) FROM audit_log WHERE action = 'transfer.import'"
                           " AND summary LIKE ?",
                           like),
                     1);
    /* an archived row altered afterwards is found */
    assert_int_equal(db_exec(t.db, &e, "UPDATE audit_archive SET summary = 'x' WHERE id = 2", ""),
                     1);
    assert_int_equal(audit_verify_archive(t.db, "武进区", &check, head, &e), 0);
    assert_int_equal(check.broken_id, 2);
    /* the same source twice is refused */
    assert_int_equal(transfer_run(&t.ctx, h->db, &o, &rep, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "已经迁入过"));
    close_target(&t);
}

/* A county on its own SQLite file moves into the harness database, which is PostgreSQL in the
 * suite's second run: the deployment this command is for. */
static void test_transfer_from_a_sqlite_county_file(void **state)
{
    struct harness *h = *state;
    char url[160];
    snprintf(url, sizeof url, "sqlite:%s/county.db", h->dir);
    struct db *src = NULL;
    struct err e = {0};
    assert_int_equal(db_open(url, &src, &e), 0);
    assert_true(db_migrate(src, &e) >= 0);
    struct arena a = {0};
    struct ctx sc = {.db = src, .arena = &a, .who = &actor_system, .now = h->ctx.now};
    add_agency(&sc, "320000", "江苏省卫生健康委员会", NULL);
    add_agency(&sc, "320481", "溧阳市卫生健康局", "320000");
    for (int i = 0; i < 30; i++)
        add_org(&sc, "320481", 700 + i, i % 3 ? "溧阳宾馆" : "天目湖游泳馆");

    struct transfer_opts o = {.source = url};
    struct transfer_report rep;
    if (transfer_run(&h->ctx, src, &o, &rep, &e)) fail_msg("transfer: %s", e.msg);
    assert_int_equal(count(h->db,
                           "SELECT COUNT(*) FROM entity x JOIN agency a ON a.id = x.agency_id"
                           " WHERE a.code = ?",
                           "320481"),
                     30);
    /* the moved entities are found by the target's own search */
    struct entity_query q = {.q = "天目湖", .page = 1, .per_page = 50};
    json_t *list = entity_list(&h->ctx, &q, &e);
    assert_non_null(list);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 10);
    json_decref(list);
    struct audit_check check;
    char head[65];
    assert_int_equal(audit_verify_archive(h->db, url, &check, head, &e), 0);
    assert_int_equal(check.broken_id, 0);
    assert_true(check.rows >= 32);
    /* the auditor's page shows the archived chain beside the live one */
    struct client c = {0};
    struct hresp r;
    h_login(h, &c, "auditor");
    h_request(h, &c, "GET", "/audit/verify", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "迁入的操作日志");
    ASSERT_HAS(r, "county.db");
    ASSERT_HAS(r, "完整");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/audit/verify", NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *arch = json_array_get(json_object_get(r.json, "archives"), 0);
    assert_true(json_is_true(json_object_get(arch, "intact")));
    hresp_free(&r);
    db_close(src);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_transfer_refuses_clashes_and_writes_nothing,
                                        harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_transfer_copies_with_new_ids_and_references,
                                        harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_transfer_keeps_both_audit_chains_verifiable,
                                        harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_transfer_from_a_sqlite_county_file, harness_setup,
                                        harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
