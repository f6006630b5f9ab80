/* test_transfer.c — moving a county's database into a provincial one: ids given anew with
 * references following, agencies matched by code, clashes refused with nothing written, the
 * source's audit chain archived and still verifiable. */
#include "support.h"
#include "law/agency.h"
#include "law/area.h"
#include "law/audit.h"
#include "law/auth.h"
#include "law/campaign.h"
#include "law/check_list.h"
#include "law/case.h"
#include "law/discretion.h"
#include "law/power.h"
#include "law/complaint.h"
#include "law/disclosure.h"
#include "base/crypto.h"
#include "law/document.h"
#include "law/entity.h"
#include "law/inspection.h"
#include "law/plan.h"
#include "law/officer.h"
#include "law/role.h"
#include "law/transfer.h"
#include "store/migrate.h"
#include "base/date.h"

#include <stdio.h>
#include <stdlib.h>
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

static void test_r_audit_04_transfer_keeps_both_audit_chains_verifiable(void **state)
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

/* A county whose audit chain was altered is not moved at all: its chain could not be archived
 * as verifiable. */
static void test_r_audit_04_broken_source_chain_is_not_moved(void **state)
{
    struct harness *h = *state;
    fill_source(h);
    struct err e = {0};
    assert_int_equal(db_exec(h->db, &e, "UPDATE audit_log SET summary = 'x' WHERE id = 2", ""), 1);
    struct target t;
    open_target(h, &t);
    int64_t before = count(t.db, "SELECT COUNT(*) FROM entity WHERE id > ?", "0");
    struct transfer_opts o = {.source = "武进区", .user_suffix = "_wj"};
    struct transfer_report rep;
    assert_int_equal(transfer_run(&t.ctx, h->db, &o, &rep, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "源库审计链在第 2 条断开"));
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM entity WHERE id > ?", "0"), before);
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM audit_archive WHERE source = ?", "武进区"),
                     0);
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

/* ---- the domain tables: inspections, documents, campaigns, plans, tasks, workflows -------- */

/* The date offset days from today, YYYY-MM-DD (harness arena). */
static const char *day(struct harness *h, int offset)
{
    char s[DATE_STRLEN];
    date_format(date_from_instant(h->ctx.now) + offset, s);
    return arena_strdup(&h->arena, s);
}

static int64_t one(struct db *db, const char *sql, int64_t arg)
{
    struct err e = {0};
    int64_t n = -1;
    if (db_get_int(db, &e, &n, sql, "i", arg)) fail_msg("%s: %s", sql, e.msg);
    return n;
}

/* An officer of agency (number n) who may enforce today; returns its id. */
static int64_t add_officer(struct ctx *c, const char *agency, int n, const char *issued)
{
    struct err e = {0};
    char idno[19], cert[24], name[24];
    h_idno(n, idno);
    snprintf(cert, sizeof cert, "ZF-%04d", n);
    snprintf(name, sizeof name, "执法员%d", n);
    struct officer_input in = {.agency_code = agency,
                               .name = name,
                               .id_number = idno,
                               .cert_no = cert,
                               .cert_issued = issued,
                               .cert_expires = "2099-12-31",
                               .lines = "medical,infectious"};
    int64_t id;
    if (officer_add(c, &in, &id, &e)) fail_msg("officer_add: %s", e.msg);
    return id;
}

/* The officers of task as "1,2" (ascending). */
static const char *team_of(struct harness *h, int64_t task)
{
    struct err e = {0};
    struct db_stmt *st = db_query(h->db, &e,
                                  "SELECT officer_id FROM task_officer WHERE task_id = ?"
                                  " ORDER BY officer_id",
                                  "i", task);
    const char *out = "";
    while (st && db_step(st, &e) == DB_ROW)
        out = arena_printf(&h->arena, "%s%s%lld", out, *out ? "," : "", (long long)db_int(st, 0));
    db_done(st);
    return out;
}

/* What the county holds besides fill_source's: a drawn plan whose first task was carried out by
 * an inspection (with its documents), a reinspection of it, and a campaign with a target.
 * Returns the plan; *insp gets the task's inspection, *avoided the officer every entity asked
 * to avoid. */
static int64_t fill_domain(struct harness *h, int64_t *insp, int64_t *avoided)
{
    struct err e = {0};
    struct ctx *c = &h->ctx;
    assert_true(
        db_exec(h->db, &e, "UPDATE agency SET short_name = '武' WHERE code = '320412'", "") >= 0);
    const char *issued = day(h, -90);
    int64_t o[5];
    for (int i = 0; i < 5; i++)
        o[i] = add_officer(c, "320412", 20 + i, issued);
    *avoided = o[0];
    /* 回避: every entity of the county asks not to be checked by the first officer */
    assert_true(db_exec(h->db, &e,
                        "INSERT INTO entity_avoid (entity_id, officer_id, reason, created_at,"
                        " created_by) SELECT id, ?, '亲属关系', 0, 'admin' FROM entity",
                        "i", o[0]) > 0);
    struct check_item_input ci = {.agency_code = "320412",
                                  .code = "C-1",
                                  .name = "医疗机构依法执业情况",
                                  .line = "medical",
                                  .basis = "《医疗机构管理条例》第四十条",
                                  .subtypes = "clinic",
                                  .method = "onsite",
                                  .ratio = "5",
                                  .frequency = "每年1次"};
    int64_t item, plan;
    if (check_item_add(c, &ci, &item, &e) || check_item_publish(c, item, true, &e))
        fail_msg("check item: %s", e.msg);
    struct plan_input pi = {.agency_code = "320412",
                            .name = "双随机抽查",
                            .level = "county",
                            .year = arena_printf(&h->arena, "%.4s", day(h, 0)),
                            .line = "medical",
                            .items = arena_printf(&h->arena, "%lld", (long long)item),
                            .quota_mode = "count",
                            .count = "3",
                            .starts_on = day(h, -60),
                            .deadline = day(h, 60)};
    if (plan_add(c, &pi, &plan, &e)) fail_msg("plan_add: %s", e.msg);
    json_t *problems = NULL;
    if (plan_commit(c, plan, "摇号", &e) || plan_draw(c, plan, "迁移前抽取", &problems, &e))
        fail_msg("draw: %s", e.msg);
    int64_t task = one(h->db, "SELECT id FROM task WHERE plan_id = ? AND seq = 1", plan);
    static const struct inspection_item_input items[] = {{"MED-01", "conform", NULL},
                                                         {"MED-03", "nonconform", "未公示"}};
    struct inspection_input in = {.entity_id =
                                      one(h->db, "SELECT entity_id FROM task WHERE id = ?", task),
                                  .type = "random",
                                  .line = "medical",
                                  .date = day(h, 0),
                                  .place = "诊所",
                                  .officers = team_of(h, task),
                                  .items = items,
                                  .nitems = 2,
                                  .outcome = "rectify",
                                  .rectify_by = day(h, 10),
                                  .task_id = task};
    if (inspection_add(c, &in, insp, &e)) fail_msg("inspection_add: %s", e.msg);
    struct inspection_input re = in;
    re.type = "reinspection";
    re.task_id = 0;
    re.checks_id = *insp;
    re.corrected = "1";
    re.outcome = "pass";
    static const struct inspection_item_input fixed[] = {{"MED-01", "conform", NULL},
                                                         {"MED-03", "conform", NULL}};
    re.items = fixed;
    re.rectify_by = NULL;
    int64_t again;
    if (inspection_add(c, &re, &again, &e))
        fail_msg("reinspection: %s %s %s", e.msg, e.nfields ? e.fields[0].name : "",
                 e.nfields ? e.fields[0].msg : "");
    struct campaign_input cp = {.agency_code = "320412",
                                .name = "医疗美容专项检查",
                                .line = "medical",
                                .starts_on = day(h, -10),
                                .ends_on = day(h, 30)};
    int64_t campaign;
    int added;
    if (campaign_add(c, &cp, &campaign, &e) ||
        campaign_target_add(c, campaign, arena_printf(&h->arena, "%lld", (long long)in.entity_id),
                            &added, &e))
        fail_msg("campaign: %s", e.msg);
    /* a disclosure request (its workflow's kind is not its table's name) and a case from the
     * inspection (its source renumbered with it) */
    struct disclosure_input di = {.agency_code = "320412",
                                  .channel = "post",
                                  .content = "本区公共场所卫生监督抽检结果",
                                  .name = "钱七",
                                  .phone = "13900003333"};
    int64_t request, pcase;
    if (disclosure_add(c, &di, &request, &e)) fail_msg("disclosure_add: %s", e.msg);
    struct case_input ki = {.agency_code = "320412",
                            .source = "inspection",
                            .source_id = arena_printf(&h->arena, "%lld", (long long)*insp),
                            .line = "medical",
                            .entity_id = arena_printf(&h->arena, "%lld", (long long)in.entity_id),
                            .summary = "未按规定公示医疗服务信息",
                            .act_on = day(h, -1)};
    if (case_add(c, &ki, &pcase, &e)) fail_msg("case_add: %s", e.msg);
    return plan;
}

/* The snapshot of plan as text (arena of h). */
static const char *snapshot_of(struct harness *h, struct ctx *c, int64_t plan)
{
    struct buf b = {0};
    struct err e = {0};
    if (plan_snapshot(c, plan, false, &b, &e)) fail_msg("snapshot: %s", e.msg);
    const char *s = arena_strdup(&h->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

/* The next document of type on the target continues the county's numbering. */
static void next_number_continues(struct harness *h, struct target *t, const char *type,
                                  int64_t agency, int64_t object)
{
    struct err e = {0};
    int64_t last = -1, doc = 0;
    assert_int_equal(
        db_get_int(h->db, &e, &last, "SELECT MAX(seq) FROM document WHERE type = ?", "t", type), 0);
    assert_true(last >= 1);
    const char *number;
    assert_int_equal(db_begin(t->db, &e), 0);
    if (document_issue(&t->ctx, type, agency, "medical", day(h, 0), "inspection", object, &doc,
                       &number, &e))
        fail_msg("document_issue: %s", e.msg);
    assert_int_equal(db_commit(t->db, &e), 0);
    assert_int_equal(one(t->db, "SELECT seq FROM document WHERE id = ?", doc), last + 1);
    /* never a number the county already gave */
    assert_int_equal(count(h->db, "SELECT COUNT(*) FROM document WHERE number = ?", number), 0);
}

static void test_transfer_moves_inspections_plans_tasks_and_workflows(void **state)
{
    struct harness *h = *state;
    fill_source(h);
    int64_t insp, avoided;
    int64_t plan = fill_domain(h, &insp, &avoided);
    const char *snap = snapshot_of(h, &h->ctx, plan);
    struct target t;
    open_target(h, &t);
    add_officer(&t.ctx, "320500", 90, day(h, -90)); /* the county's officers get other ids */
    struct transfer_opts o = {.source = "武进区", .user_suffix = "_wj"};
    struct transfer_report rep;
    struct err e = {0};
    /* a deadline the county counted provisionally (its last day as if on another calendar) */
    assert_int_equal(db_exec(h->db, &e,
                             "UPDATE wf_deadline SET provisional = 1, due_on = '2099-01-01'"
                             " WHERE name = 'publish' AND kind = 'task'",
                             ""),
                     1);
    int64_t provisional =
        count(h->db, "SELECT COUNT(*) FROM wf_deadline WHERE provisional = 1 AND ? <> ''", "x");
    if (transfer_run(&t.ctx, h->db, &o, &rep, &e)) fail_msg("transfer: %s", e.msg);
    /* counted again on the target's calendar */
    assert_int_equal(rep.recounted, provisional);
    assert_int_equal(rep.moved, 1);
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM wf_deadline WHERE due_on = ?", "2099-01-01"),
                     0);
    /* an inspection's publicity item follows its inspection to the new ids */
    assert_true(count(t.db,
                      "SELECT COUNT(*) FROM publicity_item p JOIN inspection i ON i.id ="
                      " p.source_id WHERE p.kind = 'inspection' AND ? <> ''",
                      "x") >= 1);

    int64_t county = count(t.db, "SELECT id FROM agency WHERE code = ?", "320412");
    int64_t new_plan = one(t.db,
                           "SELECT new_id FROM transfer_map WHERE tbl = 'draw_plan'"
                           " AND old_id = ?",
                           plan);
    int64_t new_insp = one(t.db,
                           "SELECT new_id FROM transfer_map WHERE tbl = 'inspection'"
                           " AND old_id = ?",
                           insp);
    assert_true(new_plan > 0 && new_insp > 0);
    assert_true(one(t.db, "SELECT COUNT(*) FROM entity WHERE id = ?",
                    one(t.db, "SELECT entity_id FROM inspection WHERE id = ?", new_insp)) == 1);
    /* every table came whole */
    static const char *const all[] = {"inspection",
                                      "inspection_officer",
                                      "inspection_item",
                                      "campaign",
                                      "campaign_target",
                                      "document",
                                      "check_list_item",
                                      "draw_plan",
                                      "draw_plan_item",
                                      "draw_pool",
                                      "draw_officer",
                                      "draw_commitment",
                                      "task",
                                      "task_officer",
                                      "entity_avoid",
                                      "wf_step",
                                      "wf_deadline",
                                      "disclosure_request",
                                      "penalty_case"};
    for (size_t i = 0; i < countof(all); i++) {
        char sql[80];
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE ? <> ''", all[i]);
        int64_t n = count(h->db, sql, "x");
        assert_true(n > 0);
        if (count(t.db, sql, "x") != n)
            fail_msg("%s: %lld rows, %lld moved", all[i], (long long)n,
                     (long long)count(t.db, sql, "x"));
    }
    /* the case still comes from the moved inspection; the request's steps follow it */
    assert_int_equal(one(t.db, "SELECT COUNT(*) FROM penalty_case WHERE source_id = ?", new_insp),
                     1);
    assert_int_equal(count(t.db,
                           "SELECT COUNT(*) FROM wf_step s JOIN disclosure_request x ON x.id ="
                           " s.object_id WHERE s.kind = ?",
                           "disclosure"),
                     1);
    /* task ↔ inspection both ways, the reinspection checks the moved inspection */
    assert_int_equal(one(t.db,
                         "SELECT COUNT(*) FROM inspection i JOIN task k ON k.id = i.task_id"
                         " AND k.inspection_id = i.id WHERE i.id = ?",
                         new_insp),
                     1);
    assert_int_equal(one(t.db,
                         "SELECT COUNT(*) FROM inspection r JOIN inspection i ON i.id ="
                         " r.checks_id AND i.entity_id = r.entity_id WHERE i.id = ?",
                         new_insp),
                     1);
    assert_int_equal(one(t.db,
                         "SELECT COUNT(*) FROM inspection_officer k JOIN task_officer o ON"
                         " o.officer_id = k.officer_id JOIN task x ON x.id = o.task_id AND"
                         " x.inspection_id = k.inspection_id WHERE k.inspection_id = ?",
                         new_insp),
                     2);
    /* documents point at the new inspections, issued in the new agency's name */
    assert_int_equal(one(t.db,
                         "SELECT COUNT(*) FROM document d JOIN inspection i ON i.id = d.object_id"
                         " AND d.object_type = 'inspection' AND d.agency_id = i.agency_id"
                         " WHERE i.agency_id = ?",
                         county),
                     count(h->db, "SELECT COUNT(*) FROM document WHERE object_type = ?",
                           "inspection")); /* a case's documents go with the case */
    /* workflow rows point at the new tasks; the inspected step at the new inspection */
    assert_int_equal(one(t.db,
                         "SELECT COUNT(*) FROM wf_step w JOIN task k ON k.id = w.object_id"
                         " WHERE w.kind = 'task' AND k.plan_id = ?",
                         new_plan),
                     count(h->db, "SELECT COUNT(*) FROM wf_step WHERE kind = ?", "task"));
    assert_int_equal(one(t.db,
                         "SELECT COUNT(*) FROM wf_step w JOIN task k ON k.id = w.object_id AND"
                         " k.inspection_id = w.ref_id WHERE w.kind = 'task' AND w.ref_id = ?",
                         new_insp),
                     1);
    assert_int_equal(one(t.db,
                         "SELECT COUNT(*) FROM wf_deadline w JOIN task k ON k.id = w.object_id"
                         " WHERE w.kind = 'task' AND k.plan_id = ?",
                         new_plan),
                     count(h->db, "SELECT COUNT(*) FROM wf_deadline WHERE kind = ?", "task"));
    /* lists of ids in text follow: the plan's agencies, each task's 回避 list */
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", (long long)county);
    assert_int_equal(one(t.db,
                         "SELECT COUNT(*) FROM draw_plan WHERE id = ? AND officer_agencies"
                         " = (SELECT CAST(id AS TEXT) FROM agency WHERE code = '320412')",
                         new_plan),
                     1);
    int64_t new_avoided = count(t.db, "SELECT id FROM officer WHERE cert_no = ?", "ZF-0020");
    assert_true(new_avoided != avoided);
    snprintf(ids, sizeof ids, "%lld", (long long)new_avoided);
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM task WHERE avoid <> ?", ids), 0);
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM task WHERE avoid = ?", ids), 3);
    /* the published snapshot is the same text and the draw still verifies, teams included */
    struct ctx *tc = &t.ctx;
    assert_string_equal(snapshot_of(h, tc, new_plan), snap);
    assert_true(one(t.db,
                    "SELECT COUNT(*) FROM draw_pool WHERE plan_id = ? AND published_id <>"
                    " entity_id",
                    new_plan) > 0);
    struct plan_verdict v;
    if (plan_verify(tc, new_plan, false, &v, &e)) fail_msg("verify: %s", e.msg);
    if (!v.ok) fail_msg("verify: %s / %s", v.entities.summary, v.teams_summary);
    assert_int_equal(v.tasks, 3);
    /* the commitment is found on the county's archived chain, under the plan's old id */
    if (!strstr(v.audit_summary, "迁入的")) fail_msg("audit: %s", v.audit_summary);
    assert_int_equal(plan_verify(tc, new_plan, true, &v, &e), 0);
    assert_true(v.ok);
    /* document numbers go on where the county stopped, 编号 and 文号 alike */
    next_number_continues(h, &t, "site_record", county, new_insp);
    next_number_continues(h, &t, "advice_notice", county, new_insp);
    close_target(&t);
}

/* A committed plan moved before its draw is drawn in the province: the published snapshot
 * still matches and the tasks are the province's entities. */
static void test_transfer_moved_commitment_draws_in_the_target(void **state)
{
    struct harness *h = *state;
    fill_source(h);
    struct err e = {0};
    const char *issued = day(h, -90);
    for (int i = 0; i < 3; i++)
        add_officer(&h->ctx, "320412", 30 + i, issued);
    struct check_item_input ci = {.agency_code = "320412",
                                  .code = "C-2",
                                  .name = "依法执业",
                                  .line = "medical",
                                  .basis = "《医疗机构管理条例》",
                                  .subtypes = "clinic",
                                  .method = "onsite"};
    int64_t item, plan;
    if (check_item_add(&h->ctx, &ci, &item, &e) || check_item_publish(&h->ctx, item, true, &e))
        fail_msg("check item: %s", e.msg);
    struct plan_input pi = {.agency_code = "320412",
                            .name = "抽查",
                            .level = "county",
                            .year = arena_printf(&h->arena, "%.4s", day(h, 0)),
                            .line = "medical",
                            .items = arena_printf(&h->arena, "%lld", (long long)item),
                            .quota_mode = "count",
                            .count = "4",
                            .starts_on = day(h, -60),
                            .deadline = day(h, 60)};
    if (plan_add(&h->ctx, &pi, &plan, &e) || plan_commit(&h->ctx, plan, "摇号", &e))
        fail_msg("plan: %s", e.msg);
    struct target t;
    open_target(h, &t);
    struct transfer_opts o = {.source = "武进区", .user_suffix = "_wj"};
    struct transfer_report rep;
    if (transfer_run(&t.ctx, h->db, &o, &rep, &e)) fail_msg("transfer: %s", e.msg);
    int64_t moved = one(t.db,
                        "SELECT new_id FROM transfer_map WHERE tbl = 'draw_plan'"
                        " AND old_id = ?",
                        plan);
    /* its pool is packed again with the province's ids (the county's pack is not copied) */
    assert_int_equal(one(t.db, "SELECT COUNT(*) FROM draw_pool_pack WHERE plan_id = ?", moved), 1);
    json_t *problems = NULL;
    if (plan_draw(&t.ctx, moved, "省库抽取", &problems, &e)) fail_msg("draw: %s", e.msg);
    assert_int_equal(one(t.db,
                         "SELECT COUNT(*) FROM task k JOIN entity x ON x.id = k.entity_id"
                         " JOIN agency a ON a.id = x.agency_id AND a.code = '320412'"
                         " WHERE k.plan_id = ?",
                         moved),
                     4);
    struct plan_verdict v;
    assert_int_equal(plan_verify(&t.ctx, moved, false, &v, &e), 0);
    if (!v.ok) fail_msg("verify: %s / %s", v.entities.summary, v.teams_summary);
    close_target(&t);
}

/* Every table of the schema is either copied or on the list of tables left behind with a
 * reason: a new area cannot be forgotten by the transfer without this test failing. */
static void test_transfer_knows_every_table(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct db_stmt *st =
        db_kind(h->db) == DB_SQLITE
            ? db_query(h->db, &e,
                       "SELECT name FROM sqlite_master WHERE type = 'table'"
                       " AND name NOT LIKE 'sqlite%' ORDER BY name",
                       "")
            : db_query(h->db, &e,
                       "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                       " current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
                       "");
    assert_non_null(st);
    int tables = 0, copied_n = 0;
    struct buf unknown = {0};
    while (db_step(st, &e) == DB_ROW) {
        bool copied;
        tables++;
        if (!transfer_table_status(db_text(st, 0), &copied))
            buf_addf(&unknown, " %s", db_text(st, 0));
        copied_n += copied;
    }
    db_done(st);
    if (unknown.len) fail_msg("tables neither copied nor listed as left behind:%s", unknown.p);
    buf_free(&unknown);
    assert_true(tables >= 37); /* 27 copied, 10 left behind; SQLite adds its full-text tables */
    assert_true(copied_n >= 27);
}

/* A source with rows in a table the transfer does not know is refused, naming the table. */
static void test_transfer_refuses_unknown_tables_with_rows(void **state)
{
    struct harness *h = *state;
    fill_source(h);
    struct err e = {0};
    assert_true(db_exec(h->db, &e, "CREATE TABLE future_thing (id BIGINT, note TEXT)", "") >= 0);
    assert_true(db_exec(h->db, &e, "INSERT INTO future_thing (id, note) VALUES (1, '噪音')", "") >
                0);
    struct target t;
    open_target(h, &t);
    struct transfer_opts o = {.source = "武进区", .user_suffix = "_wj"};
    struct transfer_report rep;
    assert_int_equal(transfer_run(&t.ctx, h->db, &o, &rep, &e), ERR_INVALID);
    if (!strstr(e.msg, "future_thing") || !strstr(e.msg, "未迁移任何数据")) fail_msg("%s", e.msg);
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM agency WHERE code = ?", "320412"), 0);
    /* an empty one loses nothing */
    err_clear(&e);
    assert_true(db_exec(h->db, &e, "DELETE FROM future_thing", "") > 0);
    if (transfer_run(&t.ctx, h->db, &o, &rep, &e)) fail_msg("transfer: %s", e.msg);
    close_target(&t);
}

/* The areas' tables (law/area.h) are what migrate copies: each declared once, each reference to
 * a table with ids of its own declared before it (parents first) or itself, unless set late, and no
 * table both copied and left behind. */
static void test_transfer_area_tables_are_declared_parents_first(void **state)
{
    (void)state;
    size_t seen = 0;
    const char *names[128];
    for (size_t i = 0; i < law_nareas; i++) {
        const struct law_area *a = law_areas[i];
        for (size_t k = 0; k < a->ntables; k++) {
            const struct table_decl *t = &a->tables[k];
            for (size_t j = 0; j < seen; j++)
                if (strcmp(names[j], t->name) == 0) fail_msg("%s declared twice", t->name);
            for (int r = 0; r < TABLE_MAX_REFS && t->refs[r].col; r++) {
                const struct table_decl *to = law_table(t->refs[r].to);
                if (!to || !to->own_id)
                    fail_msg("%s.%s refers to %s", t->name, t->refs[r].col, t->refs[r].to);
                /* a table's own rows: its order copies parents first (agencies by path) */
                bool before = strcmp(to->name, t->name) == 0;
                for (size_t j = 0; j < seen && !before; j++)
                    before = strcmp(names[j], to->name) == 0;
                if (!before && t->refs[r].how != REF_LATE)
                    fail_msg("%s.%s refers to %s, copied later", t->name, t->refs[r].col, to->name);
            }
            assert_true(seen < countof(names));
            names[seen++] = t->name;
        }
        for (size_t k = 0; k < a->nleft; k++)
            if (law_table(a->left[k].name)) fail_msg("%s copied and left", a->left[k].name);
    }
    assert_true(seen >= 25);
}

/* Complaints move with their deadlines and their complainant still sealed (the same data key
 * reads it in the target, and it is never in clear on the way); the target's kept counts are
 * the source's. */
static void test_r_cmp_06_complaints_move_sealed(void **state)
{
    struct harness *h = *state;
    fill_source(h);
    struct complaint_input in = {.agency_code = "320412",
                                 .channel = "phone",
                                 .line = "medical",
                                 .matter = "other",
                                 .summary = "迁移测试",
                                 .party_name = "某诊所",
                                 .name = "钱七",
                                 .phone = "13600001111"};
    struct err e = {0};
    int64_t id;
    const char *code;
    if (complaint_add(&h->ctx, &in, &id, &code, &e)) fail_msg("add: %s", e.msg);
    if (wf_apply(&h->ctx, &complaint_workflow, id, "accept", NULL, NULL, &e))
        fail_msg("accept: %s", e.msg);
    struct target t;
    open_target(h, &t);
    struct transfer_opts o = {.source = "武进区", .user_suffix = "_wj"};
    struct transfer_report rep;
    if (transfer_run(&t.ctx, h->db, &o, &rep, &e)) fail_msg("transfer: %s", e.msg);
    assert_int_equal(
        count(t.db, "SELECT COUNT(*) FROM complaint WHERE complainant LIKE ?", "%钱七%"), 0);
    assert_int_equal(count(t.db,
                           "SELECT COUNT(*) FROM complaint x JOIN wf_deadline d ON d.kind ="
                           " 'complaint' AND d.object_id = x.id WHERE x.summary = ?",
                           "迁移测试"),
                     2);
    struct db_stmt *st =
        db_query(t.db, &e, "SELECT complainant FROM complaint WHERE summary = ?", "t", "迁移测试");
    assert_non_null(st);
    assert_int_equal(db_step(st, &e), DB_ROW);
    char *plain = unseal_text(db_text(st, 0));
    db_done(st);
    assert_non_null(plain); /* the same key opens it */
    assert_non_null(strstr(plain, "钱七"));
    free(plain);
    assert_int_equal(count(t.db, "SELECT SUM(n) FROM complaint_tally WHERE ? <> ''", "x"),
                     count(h->db, "SELECT SUM(n) FROM complaint_tally WHERE ? <> ''", "x"));
    close_target(&t);
}

/* A penalty item of agency with its baseline (two levels) in force from day. */
static int64_t add_power(struct ctx *c, const char *agency, const char *code, const char *day)
{
    struct err e = {0};
    struct power_item_input in = {.agency_code = agency,
                                  .code = code,
                                  .name = "对未依法取得公共场所卫生许可证擅自营业的行政处罚",
                                  .kind = "penalty",
                                  .line = "public_place",
                                  .basis = "《公共场所卫生管理条例》第八条、第十四条",
                                  .violated = "《公共场所卫生管理条例》第八条",
                                  .penalty_basis = "《公共场所卫生管理条例实施细则》第三十五条",
                                  .terms = {"警告、罚款", "500", "30000", NULL, NULL}};
    int64_t id, v;
    if (power_item_add(c, &in, &id, &e)) fail_msg("power_item_add: %s", e.msg);
    struct discretion_input d = {
        .effective_on = day,
        .levels = {{"一般", "首次", NULL, {"fine", "500", "5000", NULL, NULL}},
                   {"严重", "三个月以上", NULL, {"fine", "5000", "30000", NULL, NULL}}},
        .nlevels = 2};
    if (discretion_add(c, id, &d, &v, &e)) fail_msg("discretion_add: %s", e.msg);
    return id;
}

/* The county's copy of the province's power list is the province's in the target: matched by
 * agency and code, its baseline by day and its levels by place; the county's own items come
 * with their baselines. */
static void test_transfer_moves_the_power_list_matching_the_provinces(void **state)
{
    struct harness *h = *state;
    fill_source(h);
    char today[DATE_STRLEN];
    date_format(date_from_instant(h->ctx.now), today);
    add_power(&h->ctx, "320000", "GG-CF-001", today);
    add_power(&h->ctx, "320412", "WJ-CF-001", today);
    struct target t;
    open_target(h, &t);
    add_power(&t.ctx, "320000", "GG-CF-001", today);
    struct transfer_opts o = {.source = "武进区", .user_suffix = "_wj"};
    struct transfer_report rep;
    struct err e = {0};
    if (transfer_run(&t.ctx, h->db, &o, &rep, &e)) fail_msg("transfer: %s", e.msg);
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM power_item WHERE code = ?", "GG-CF-001"), 1);
    assert_int_equal(count(t.db,
                           "SELECT COUNT(*) FROM power_item i JOIN agency a ON a.id = i.agency_id"
                           " WHERE a.code = ?",
                           "320412"),
                     1);
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM discretion_version WHERE number = ?", "1"),
                     2);
    assert_int_equal(count(t.db,
                           "SELECT COUNT(*) FROM discretion_level l JOIN discretion_version v"
                           " ON v.id = l.version_id JOIN power_item i ON i.id = v.power_item_id"
                           " WHERE i.code = ?",
                           "WJ-CF-001"),
                     2);
    assert_int_equal(count(t.db, "SELECT COUNT(*) FROM discretion_level WHERE name <> ?", ""), 4);
    close_target(&t);
}

/* The bytes of the first kept file of db whose document is of type, in *out; its SHA-256 too. */
static void kept_file(struct db *db, const char *type, struct buf *out, char sha[65])
{
    struct err e = {0};
    struct db_stmt *st = db_query(db, &e,
                                  "SELECT f.pdf, f.sha256 FROM document_file f JOIN document d"
                                  " ON d.id = f.document_id WHERE d.type = ?",
                                  "t", type);
    assert_non_null(st);
    assert_int_equal(db_step(st, &e), DB_ROW);
    size_t n;
    const void *p = db_blob(st, 0, &n);
    buf_add(out, p, n);
    snprintf(sha, 65, "%s", db_text(st, 1));
    db_done(st);
}

/* [R-DOC-04] An issued document's kept PDF moves byte for byte (sealed as it was, the NULs of
 * its bytes and all), with its SHA-256, to the document's new id. */
static void test_r_doc_04_kept_documents_move_byte_for_byte(void **state)
{
    struct harness *h = *state;
    fill_source(h);
    struct complaint_input in = {.agency_code = "320412",
                                 .channel = "phone",
                                 .line = "medical",
                                 .matter = "other",
                                 .summary = "迁移文书测试",
                                 .party_name = "某诊所",
                                 .name = "钱七",
                                 .phone = "13600001111"};
    struct err e = {0};
    int64_t id;
    const char *code;
    if (complaint_add(&h->ctx, &in, &id, &code, &e)) fail_msg("add: %s", e.msg);
    struct wf_args assign = {0}, verify = {.note = "已核实"}, reply = {0};
    wf_arg_set(&assign, "handler", "officer");
    wf_arg_set(&verify, "result", "substantiated");
    wf_arg_set(&reply, "reply", "已依法处理。");
    const struct {
        const char *action;
        struct wf_args *a;
    } steps[] = {{"accept", NULL}, {"assign", &assign}, {"verify", &verify}, {"reply", &reply}};
    for (size_t i = 0; i < countof(steps); i++)
        if (wf_apply(&h->ctx, &complaint_workflow, id, steps[i].action, steps[i].a, NULL, &e))
            fail_msg("%s: %s", steps[i].action, e.msg);
    struct buf before = {0}, after = {0};
    char sha_before[65], sha_after[65];
    kept_file(h->db, "complaint_reply", &before, sha_before);
    struct target t;
    open_target(h, &t);
    struct transfer_opts o = {.source = "武进区", .user_suffix = "_wj"};
    struct transfer_report rep;
    if (transfer_run(&t.ctx, h->db, &o, &rep, &e)) fail_msg("transfer: %s", e.msg);
    kept_file(t.db, "complaint_reply", &after, sha_after);
    assert_string_equal(sha_after, sha_before);
    assert_int_equal(after.len, before.len);
    assert_memory_equal(after.p, before.p, before.len);
    assert_int_equal(count(t.db,
                           "SELECT COUNT(*) FROM document_file f JOIN document d ON d.id ="
                           " f.document_id JOIN complaint x ON x.id = d.object_id AND"
                           " d.object_type = 'complaint' WHERE x.summary = ?",
                           "迁移文书测试"),
                     1);
    buf_free(&before);
    buf_free(&after);
    close_target(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_r_doc_04_kept_documents_move_byte_for_byte,
                                        harness_setup, harness_teardown),
        cmocka_unit_test(test_transfer_area_tables_are_declared_parents_first),
        cmocka_unit_test_setup_teardown(test_r_cmp_06_complaints_move_sealed, harness_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_transfer_refuses_clashes_and_writes_nothing,
                                        harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_transfer_copies_with_new_ids_and_references,
                                        harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_audit_04_transfer_keeps_both_audit_chains_verifiable,
                                        harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_audit_04_broken_source_chain_is_not_moved,
                                        harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_transfer_from_a_sqlite_county_file, harness_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_transfer_moves_inspections_plans_tasks_and_workflows,
                                        harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_transfer_moved_commitment_draws_in_the_target,
                                        harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_transfer_moves_the_power_list_matching_the_provinces,
                                        harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_transfer_knows_every_table, harness_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_transfer_refuses_unknown_tables_with_rows,
                                        harness_setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
