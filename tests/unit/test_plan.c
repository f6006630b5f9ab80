/* test_plan.c — the 随机抽查事项清单 and random-check plans on the database (RULES.md §4):
 * only published items of the plan's line (国办发〔2024〕54号), commit freezes the pool and
 * publishes its SHA-256, the draw stores tasks with teams of ≥ 2 eligible officers that respect
 * 回避 (行政处罚法 第四十二、四十三条), recomputation from the database catches any change, the
 * annual cap warns, impossible teams store nothing and say why. */
#include "tests/support.h"
#include "law/check_list.h"
#include "law/officer.h"
#include "law/entity.h"
#include "law/plan.h"
#include "law/avoid.h"
#include "law/task.h"
#include "law/inspection.h"
#include "cli/cli.h"
#include "base/codes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------------------------ */

/* The date offset days from today, YYYY-MM-DD (arena). Plans start today: a draw after the
 * plan's deadline is refused. */
static const char *day(struct harness *h, int offset)
{
    char s[DATE_STRLEN];
    date_format(date_from_instant(h->ctx.now) + offset, s);
    return arena_strdup(&h->arena, s);
}

static int64_t count(struct harness *h, const char *sql, int64_t arg)
{
    struct err e = {0};
    int64_t n = -1;
    if (db_get_int(h->db, &e, &n, sql, "i", arg)) fail_msg("%s: %s", sql, e.msg);
    return n;
}

/* Register n clinics (sub-type clinic, line medical) named 诊所<i>, grades cycling A–D and none;
 * returns the first id. */
static int64_t add_clinics(struct harness *h, int from, int n)
{
    struct err e = {0};
    int64_t first = 0;
    static const char *const grades[] = {"A", "B", "C", "D", ""};
    for (int i = from; i < from + n; i++) {
        char uscc[USCC_LEN + 1], name[32];
        h_uscc(i, uscc);
        snprintf(name, sizeof name, "武进区康宁诊所%d号", i);
        struct entity_input in = {.agency_code = "320412",
                                  .name = name,
                                  .uscc = uscc,
                                  .address = "常州市武进区湖塘镇1号",
                                  .subtype = "clinic",
                                  .risk_grade = grades[i % 5]};
        int64_t id;
        if (entity_add(&h->ctx, &in, &id, &e)) fail_msg("entity_add: %s", e.msg);
        if (!first) first = id;
    }
    return first;
}

/* Register officer number n of agency 320412 with lines; expires gives the certificate's end. */
static int64_t add_officer(struct harness *h, int n, const char *lines, const char *expires)
{
    struct err e = {0};
    char idno[IDCARD_LEN + 1], cert[32], name[32];
    h_idno(n, idno);
    snprintf(cert, sizeof cert, "JS-2025-%04d", n);
    snprintf(name, sizeof name, "执法员%d", n);
    struct officer_input in = {.agency_code = "320412",
                               .name = name,
                               .id_number = idno,
                               .cert_no = cert,
                               .cert_issued = day(h, -1),
                               .cert_expires = expires ? expires : day(h, 3650),
                               .lines = lines ? lines : "medical,infectious"};
    int64_t id;
    if (officer_add(&h->ctx, &in, &id, &e)) fail_msg("officer_add: %s", e.msg);
    return id;
}

/* A published check item of line (code C-<n>); returns its id. */
static int64_t add_item(struct harness *h, int n, const char *line, bool publish)
{
    struct err e = {0};
    char code[16];
    snprintf(code, sizeof code, "C-%d", n);
    struct check_item_input in = {.agency_code = "320412",
                                  .code = code,
                                  .name = "医疗机构依法执业情况",
                                  .line = line,
                                  .basis = "《医疗机构管理条例》第四十条",
                                  .subtypes = "clinic,hospital",
                                  .method = "onsite,document",
                                  .ratio = "5",
                                  .frequency = "每年1次"};
    int64_t id;
    if (check_item_add(&h->ctx, &in, &id, &e)) fail_msg("check_item_add: %s", e.msg);
    if (publish && check_item_publish(&h->ctx, id, true, &e)) fail_msg("publish: %s", e.msg);
    return id;
}

/* A valid plan input drawing count entities of the medical line with item. */
static struct plan_input plan_of(struct harness *h, int64_t item, const char *count)
{
    return (struct plan_input){
        .agency_code = "320412",
        .name = "医疗机构双随机抽查",
        .level = "county",
        .year = arena_printf(&h->arena, "%d", date_year(date_from_instant(h->ctx.now))),
        .line = "medical",
        .items = arena_printf(&h->arena, "%lld", (long long)item),
        .quota_mode = "count",
        .count = count,
        .starts_on = day(h, 0),
        .deadline = day(h, 60),
    };
}

static int64_t add_plan(struct harness *h, const struct plan_input *in)
{
    struct err e = {0};
    int64_t id;
    if (plan_add(&h->ctx, in, &id, &e))
        fail_msg("plan_add: %s (%s)", e.msg, e.nfields ? e.fields[0].msg : "");
    return id;
}

static void commit(struct harness *h, int64_t plan)
{
    struct err e = {0};
    if (plan_commit(&h->ctx, plan, "2026年3月2日公开摇号现场公布的号码", &e))
        fail_msg("commit: %s", e.msg);
}

static void draw(struct harness *h, int64_t plan, const char *seed)
{
    struct err e = {0};
    json_t *problems = NULL;
    if (plan_draw(&h->ctx, plan, seed, &problems, &e)) fail_msg("draw: %s", e.msg);
    assert_null(problems);
}

/* ---- the list of check items ------------------------------------------------------------- */

static void test_r_plan_02_check_items_validate_publish_and_lock(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct check_item_input bad = {
        .code = "C 1", .line = "nope", .method = "guess", .ratio = "120"};
    assert_int_equal(check_item_validate(&bad, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "code"));
    assert_string_equal(err_field_msg(&e, "name"), "请填写抽查事项名称");
    assert_non_null(err_field_msg(&e, "line"));
    assert_string_equal(err_field_msg(&e, "basis"), "请填写抽查依据");
    assert_non_null(strstr(err_field_msg(&e, "method"), "现场检查"));
    assert_non_null(strstr(err_field_msg(&e, "ratio"), "百分数"));

    int64_t id = add_item(h, 1, "medical", false);
    /* the same code again in the same agency */
    struct check_item_input dup = {.agency_code = "320412",
                                   .code = "C-1",
                                   .name = "x",
                                   .line = "medical",
                                   .basis = "y",
                                   .method = "onsite"};
    err_clear(&e);
    int64_t other;
    assert_int_equal(check_item_add(&h->ctx, &dup, &other, &e), ERR_CONFLICT);
    assert_non_null(strstr(err_field_msg(&e, "code"), "C-1"));

    json_t *o = check_item_get(&h->ctx, id, &e);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "ratio")), "5%");
    assert_string_equal(json_string_value(json_object_get(o, "method_label")),
                        "现场检查、书面检查");
    assert_false(json_is_true(json_object_get(o, "published")));
    json_decref(o);

    /* published items are locked; withdrawing unlocks them */
    assert_int_equal(check_item_publish(&h->ctx, id, true, &e), 0);
    assert_int_equal(check_item_publish(&h->ctx, id, true, &e), ERR_CONFLICT);
    err_clear(&e);
    dup.code = "C-1";
    dup.name = "改名";
    assert_int_equal(check_item_update(&h->ctx, id, &dup, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "撤回公布"));
    err_clear(&e);
    json_t *pub = check_item_public_list(&h->ctx, NULL, &e);
    assert_int_equal(json_array_size(json_object_get(pub, "rows")), 1);
    json_decref(pub);
    assert_int_equal(check_item_publish(&h->ctx, id, false, &e), 0);
    assert_int_equal(check_item_update(&h->ctx, id, &dup, &e), 0);
    pub = check_item_public_list(&h->ctx, NULL, &e);
    assert_int_equal(json_array_size(json_object_get(pub, "rows")), 0);
    json_decref(pub);
}

static void test_r_plan_01_plan_only_uses_published_items_of_its_line(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int64_t draft = add_item(h, 1, "medical", false);
    int64_t other_line = add_item(h, 2, "public_place", true);
    int64_t good = add_item(h, 3, "medical", true);
    struct plan_input in = plan_of(h, draft, "3");
    int64_t id;
    /* 国办发〔2024〕54号: only items on the published list */
    assert_int_equal(plan_add(&h->ctx, &in, &id, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "items"), "尚未公布"));
    err_clear(&e);
    in = plan_of(h, other_line, "3");
    assert_int_equal(plan_add(&h->ctx, &in, &id, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "items"), "不属于本计划的专业"));
    assert_int_equal(count(h, "SELECT COUNT(*) FROM draw_plan WHERE id > ?", 0), 0);
    err_clear(&e);
    in = plan_of(h, good, "3");
    assert_int_equal(plan_add(&h->ctx, &in, &id, &e), 0);

    /* field rules */
    struct plan_input bad = {.level = "moon",
                             .quota_mode = "ratio",
                             .ratio = "0",
                             .team_size = "1",
                             .starts_on = "2026-05-01",
                             .deadline = "2026-04-01",
                             .grade_ratio = {"3", NULL, NULL, "abc"}};
    err_clear(&e);
    assert_int_equal(plan_validate(&bad, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "name"), "请填写计划名称");
    assert_non_null(err_field_msg(&e, "level"));
    assert_non_null(err_field_msg(&e, "ratio"));
    assert_non_null(err_field_msg(&e, "ratio_d"));
    assert_null(err_field_msg(&e, "ratio_a"));
    /* the range, and the rule behind its lower end: 行政处罚法 第四十二条 */
    assert_non_null(strstr(err_field_msg(&e, "team_size"), "2至8"));
    assert_non_null(strstr(err_field_msg(&e, "team_size"), "《行政处罚法》第四十二条"));
    assert_string_equal(err_field_msg(&e, "deadline"), "完成期限不能早于计划开始日期");
    assert_string_equal(err_field_msg(&e, "items"), "请至少选择一项已公布的抽查事项");
    struct plan_input joint = plan_of(h, good, "3");
    joint.level = "joint";
    err_clear(&e);
    assert_int_equal(plan_validate(&joint, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "joint_departments"), "部门联合抽查须填写参加的部门");
}

/* A plan's level follows its agency (a county cannot make a 国家级 or 市级 plan), and a deadline
 * already past is refused when the plan is saved and when it is committed. */
static void test_r_plan_03_r_plan_04_plan_level_and_deadline_are_checked(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    add_clinics(h, 1, 3);
    for (int i = 1; i <= 2; i++)
        add_officer(h, i, NULL, NULL);
    int64_t item = add_item(h, 1, "medical", true), id;
    struct plan_input in = plan_of(h, item, "1");
    static const char *const wrong[] = {"national", "city", "province"};
    for (size_t i = 0; i < countof(wrong); i++) {
        in.level = wrong[i];
        assert_int_equal(plan_add(&h->ctx, &in, &id, &e), ERR_INVALID);
        assert_non_null(strstr(err_field_msg(&e, "level"), "本机构为县区级"));
        err_clear(&e);
    }
    in.level = "county";
    in.starts_on = day(h, -30);
    in.deadline = day(h, -1);
    assert_int_equal(plan_add(&h->ctx, &in, &id, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "deadline"), "已过"));
    err_clear(&e);
    in.deadline = day(h, 0); /* today is still in time */
    int64_t plan = add_plan(h, &in);
    in.level = "joint";
    in.joint_departments = "市场监管局";
    assert_int_equal(plan_update(&h->ctx, plan, &in, &e), 0);
    /* the next day the draft cannot be committed until its deadline is changed */
    h->ctx.now += 86400;
    assert_int_equal(plan_commit(&h->ctx, plan, "摇号现场", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "完成期限"));
    assert_int_equal(count(h, "SELECT COUNT(*) FROM draw_pool WHERE plan_id = ?", plan), 0);
}

/* A clinic pool of 10, 4 officers and a plan drawing 3: the usual set-up. */
static int64_t setup_plan(struct harness *h, const char *count, int64_t *first_entity)
{
    int64_t first = add_clinics(h, 1, 10);
    if (first_entity) *first_entity = first;
    for (int i = 1; i <= 4; i++)
        add_officer(h, i, NULL, NULL);
    struct plan_input in = plan_of(h, add_item(h, 1, "medical", true), count);
    return add_plan(h, &in);
}

/* The snapshot of plan as text (arena). */
static const char *snapshot(struct harness *h, int64_t plan)
{
    struct buf b = {0};
    struct err e = {0};
    if (plan_snapshot(&h->ctx, plan, false, &b, &e)) fail_msg("snapshot: %s", e.msg);
    const char *s = arena_strdup(&h->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

static void test_r_draw_01_commit_freezes_the_pool(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int64_t plan = setup_plan(h, "3", NULL);
    json_t *pv = plan_preview(&h->ctx, plan, &e);
    assert_non_null(pv);
    assert_int_equal(json_integer_value(json_object_get(pv, "pool")), 10);
    assert_int_equal(json_integer_value(json_object_get(pv, "quota")), 3);
    assert_int_equal(json_integer_value(json_object_get(pv, "eligible")), 4);
    json_decref(pv);

    /* a seed source is required */
    assert_int_equal(plan_commit(&h->ctx, plan, " ", &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "seed_source"), "请填写种子来源");
    err_clear(&e);
    commit(h, plan);
    struct plan_rec p;
    assert_int_equal(plan_load(&h->ctx, plan, false, &p, &e), 0);
    assert_string_equal(p.state, "committed");
    assert_int_equal(p.pool_size, 10);
    const char *snap = snapshot(h, plan);
    char hash[DRAW_HASH_HEX];
    draw_commitment(snap, strlen(snap), hash);
    assert_string_equal(p.pool_hash, hash); /* the commitment is the snapshot's SHA-256 */
    /* before the draw, the verification hashes the frozen rows against the commitment */
    struct plan_verdict pv2;
    assert_int_equal(plan_verify(&h->ctx, plan, false, &pv2, &e), 0);
    assert_true(pv2.ok && pv2.entities.hash_ok);
    assert_int_equal(pv2.entities.pool, 10);
    assert_non_null(strstr(pv2.entities.summary, "尚未抽取"));
    assert_true(str_prefix(
        snap, arena_printf(&h->arena, "%lld\t武进区康宁诊所1号\n",
                           (long long)count(h, "SELECT MIN(id) FROM entity WHERE id > ?", 0))));

    /* new entities after the commitment do not enter the frozen pool */
    add_clinics(h, 11, 5);
    assert_string_equal(snapshot(h, plan), snap);
    pv = plan_preview(&h->ctx, plan, &e);
    assert_int_equal(json_integer_value(json_object_get(pv, "pool")), 15);
    json_decref(pv);
    /* and the plan can no longer be edited, committed again or deleted */
    struct plan_input in = plan_of(h, 1, "4");
    in.items =
        arena_printf(&h->arena, "%lld",
                     (long long)count(h, "SELECT MIN(id) FROM check_list_item WHERE id > ?", 0));
    assert_int_equal(plan_update(&h->ctx, plan, &in, &e), ERR_CONFLICT);
    err_clear(&e);
    assert_int_equal(plan_commit(&h->ctx, plan, "再次", &e), ERR_CONFLICT);
    err_clear(&e);
    assert_int_equal(plan_delete(&h->ctx, plan, &e), ERR_CONFLICT);
    err_clear(&e);

    /* its frozen pool cannot be edited or emptied (migration 014) */
    assert_int_equal(
        db_exec(h->db, &e, "UPDATE draw_pool SET name = '改名' WHERE plan_id = ?", "i", plan),
        ERR_CONFLICT);
    err_clear(&e);
    assert_int_equal(db_exec(h->db, &e, "DELETE FROM draw_pool WHERE plan_id = ?", "i", plan),
                     ERR_CONFLICT);
    err_clear(&e);
    assert_int_equal(count(h, "SELECT COUNT(*) FROM draw_pool WHERE plan_id = ?", plan), 10);

    /* withdrawing the commitment keeps it on record and unfreezes the plan */
    assert_int_equal(plan_withdraw(&h->ctx, plan, "", &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(plan_withdraw(&h->ctx, plan, "抽取范围漏列乡镇卫生院", &e), 0);
    assert_int_equal(count(h, "SELECT COUNT(*) FROM draw_pool WHERE plan_id = ?", plan), 0);
    json_t *o = plan_get(&h->ctx, plan, &e);
    assert_string_equal(json_string_value(json_object_get(o, "state")), "draft");
    json_t *cm = json_array_get(json_object_get(o, "commitments"), 0);
    assert_string_equal(json_string_value(json_object_get(cm, "pool_hash")), hash);
    assert_true(json_is_true(json_object_get(cm, "withdrawn")));
    /* the steps went through the shared workflow: made, committed, withdrawn, with the reason */
    json_t *steps = json_object_get(o, "steps");
    assert_int_equal(json_array_size(steps), 3);
    json_t *last = json_array_get(steps, 2);
    assert_string_equal(json_string_value(json_object_get(last, "action")), "withdraw");
    assert_string_equal(json_string_value(json_object_get(last, "to")), "draft");
    assert_non_null(
        strstr(json_string_value(json_object_get(last, "reason")), "抽取范围漏列乡镇卫生院"));
    assert_int_equal(count(h,
                           "SELECT COUNT(*) FROM audit_log WHERE action = 'draw_plan.withdraw'"
                           " AND object_id = ?",
                           plan),
                     1);
    json_decref(o);
    assert_int_equal(plan_update(&h->ctx, plan, &in, &e), 0);
    assert_int_equal(plan_delete(&h->ctx, plan, &e), ERR_CONFLICT); /* its commitment stays */

    /* an empty pool cannot be committed */
    err_clear(&e);
    struct plan_input empty = plan_of(h, 1, "1");
    empty.items = in.items;
    empty.pool_division = "110101"; /* 北京 */
    int64_t none = add_plan(h, &empty);
    assert_int_equal(plan_commit(&h->ctx, none, "摇号", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "抽取池为空"));
    assert_int_equal(count(h, "SELECT COUNT(*) FROM draw_commitment WHERE plan_id = ?", none), 0);
    err_clear(&e);
    assert_int_equal(plan_delete(&h->ctx, none, &e), 0);
    /* its steps went with it, and the next plan gets a new id, not the deleted one (whose audit
     * rows stay): nothing of the old draft's history is the new plan's */
    assert_int_equal(count(h,
                           "SELECT COUNT(*) FROM wf_step WHERE kind = 'draw_plan'"
                           " AND object_id = ?",
                           none),
                     0);
    int64_t next = add_plan(h, &empty);
    assert_true(next > none);
    json_t *fresh = plan_get(&h->ctx, next, &e);
    assert_int_equal(json_array_size(json_object_get(fresh, "steps")), 1); /* its own start */
    json_decref(fresh);
}

static void test_draw_stores_tasks_and_teams(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int64_t first;
    int64_t plan = setup_plan(h, "6", &first);
    /* an expired certificate and a lone public-place officer are never drawn */
    int64_t expired = add_officer(h, 5, NULL, day(h, 0));
    db_exec(h->db, &e, "UPDATE officer SET cert_issued = ?, cert_expires = ? WHERE id = ?", "tti",
            day(h, -400), day(h, -1), expired); /* expired yesterday */
    int64_t wrong_line = add_officer(h, 6, "public_place", NULL);
    /* 回避: officer 1 must not check the first clinic */
    int64_t o1 = count(h, "SELECT MIN(id) FROM officer WHERE id > ?", 0);
    assert_int_equal(avoid_add(&h->ctx, first, o1, NULL, "其配偶为该诊所负责人", &e), 0);
    assert_int_equal(avoid_add(&h->ctx, first, 0, "JS-2025-0001", "重复", &e), ERR_CONFLICT);
    err_clear(&e);
    commit(h, plan);
    assert_int_equal(count(h, "SELECT COUNT(*) FROM draw_officer WHERE plan_id = ?", plan), 6);
    assert_int_equal(
        count(h, "SELECT COUNT(*) FROM draw_officer WHERE plan_id = ? AND why_not IS NULL", plan),
        4);

    /* before the seed: the seed is required */
    json_t *problems = NULL;
    assert_int_equal(plan_draw(&h->ctx, plan, "  ", &problems, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "seed"), "请填写随机种子");
    err_clear(&e);
    /* every entity is drawn (6 of 10 in two plans below), so the avoidance is exercised */
    draw(h, plan, " 2026年3月2日 公开摇号 381920 ");
    struct plan_rec p;
    assert_int_equal(plan_load(&h->ctx, plan, false, &p, &e), 0);
    assert_string_equal(p.state, "drawn");
    assert_string_equal(p.seed, "2026年3月2日 公开摇号 381920"); /* trimmed */
    assert_int_equal(count(h, "SELECT COUNT(*) FROM task WHERE plan_id = ?", plan), 6);
    assert_int_equal(count(h,
                           "SELECT COUNT(*) FROM task_officer k JOIN task t ON t.id = k.task_id"
                           " WHERE t.plan_id = ?",
                           plan),
                     12);
    /* 行政处罚法 第四十二条: two distinct eligible officers per task */
    assert_int_equal(count(h,
                           "SELECT COUNT(*) FROM (SELECT task_id FROM task_officer k JOIN task t"
                           " ON t.id = k.task_id WHERE t.plan_id = ? GROUP BY task_id"
                           " HAVING COUNT(DISTINCT officer_id) = 2) x",
                           plan),
                     6);
    assert_int_equal(count(h, "SELECT COUNT(*) FROM task_officer WHERE officer_id = ?", expired),
                     0);
    assert_int_equal(count(h, "SELECT COUNT(*) FROM task_officer WHERE officer_id = ?", wrong_line),
                     0);
    /* 第四十三条 */
    assert_int_equal(count(h,
                           "SELECT COUNT(*) FROM task_officer k JOIN task t ON t.id = k.task_id"
                           " JOIN entity_avoid v ON v.entity_id = t.entity_id"
                           " AND v.officer_id = k.officer_id WHERE t.plan_id = ?",
                           plan),
                     0);
    assert_int_equal(count(h,
                           "SELECT COUNT(*) FROM task t WHERE t.plan_id = ? AND t.state = 'pending'"
                           " AND deadline = (SELECT deadline FROM draw_plan WHERE id = t.plan_id)",
                           plan),
                     6);

    /* the stored draw recomputes, and equals the pure algorithm on the published pieces */
    struct plan_verdict v;
    assert_int_equal(plan_verify(&h->ctx, plan, false, &v, &e), 0);
    assert_true(v.ok);
    assert_true(str_prefix(v.entities.summary, "验证通过"));
    assert_int_equal(v.tasks, 6);
    /* drawing again is refused */
    assert_int_equal(plan_draw(&h->ctx, plan, "x", &problems, &e), ERR_CONFLICT);
    err_clear(&e);

    /* the public view names no person and carries the verification */
    json_t *pub = plan_public_get(&h->ctx, plan, &e);
    assert_non_null(pub);
    assert_int_equal(json_array_size(json_object_get(pub, "selection")), 6);
    assert_true(json_is_true(json_object_get(json_object_get(pub, "verification"), "ok")));
    assert_null(json_object_get(pub, "warnings"));
    json_decref(pub);
}

/* Drop a trigger of migration 014, as someone with the database file could: which = "pool" (the
 * rows' UPDATE guard) or "pack" (the pack's DELETE guard). */
static void drop_guard(struct harness *h, const char *which)
{
    struct err e = {0};
    bool pool = strcmp(which, "pool") == 0, insert = strcmp(which, "pool_insert") == 0;
    bool lite = db_kind(h->db) == DB_SQLITE;
    const char *sql = insert ? (lite ? "DROP TRIGGER draw_pool_frozen_insert"
                                     : "DROP TRIGGER draw_pool_frozen_insert ON draw_pool")
                      : lite ? (pool ? "DROP TRIGGER draw_pool_frozen_update"
                                     : "DROP TRIGGER draw_pool_pack_frozen_delete")
                             : (pool ? "DROP TRIGGER draw_pool_frozen ON draw_pool"
                                     : "DROP TRIGGER draw_pool_pack_frozen ON draw_pool_pack");
    if (db_exec(h->db, &e, sql, "") < 0) fail_msg("%s: %s", sql, e.msg);
}

static void test_verify_catches_changes_in_the_database(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int64_t plan = setup_plan(h, "4", NULL);
    commit(h, plan);
    draw(h, plan, "7741");
    struct plan_verdict v;

    /* a team changed after the draw (task ids follow the entities, not the task numbers) */
    int64_t task = count(h, "SELECT id FROM task WHERE plan_id = ? AND seq = 1", plan);
    int64_t member = count(h, "SELECT MIN(officer_id) FROM task_officer WHERE task_id = ?", task);
    int64_t outsider = count(h,
                             "SELECT MIN(id) FROM officer WHERE id NOT IN (SELECT officer_id"
                             " FROM task_officer WHERE task_id = ?)",
                             task);
    assert_true(db_exec(h->db, &e,
                        "UPDATE task_officer SET officer_id = ? WHERE task_id = ?"
                        " AND officer_id = ?",
                        "iii", outsider, task, member) == 1);
    assert_int_equal(plan_verify(&h->ctx, plan, false, &v, &e), 0);
    assert_true(v.entities.ok);
    assert_false(v.teams_ok);
    assert_false(v.ok);
    assert_non_null(strstr(v.teams_summary, "第1号任务"));
    db_exec(h->db, &e,
            "UPDATE task_officer SET officer_id = ? WHERE task_id = ? AND officer_id = ?", "iii",
            member, task, outsider);
    assert_int_equal(plan_verify(&h->ctx, plan, false, &v, &e), 0);
    assert_true(v.ok);

    /* an entity swapped in a task */
    int64_t drawn = count(h, "SELECT entity_id FROM task WHERE id = ?", task);
    int64_t not_drawn = count(h,
                              "SELECT MIN(entity_id) FROM draw_pool WHERE plan_id = ?"
                              " AND entity_id NOT IN (SELECT entity_id FROM task)",
                              plan);
    db_exec(h->db, &e, "UPDATE task SET entity_id = ? WHERE id = ?", "ii", not_drawn, task);
    assert_int_equal(plan_verify(&h->ctx, plan, false, &v, &e), 0);
    assert_false(v.entities.selection_ok);
    assert_non_null(strstr(v.entities.summary, "第1个中选单位不一致"));
    db_exec(h->db, &e, "UPDATE task SET entity_id = ? WHERE id = ?", "ii", drawn, task);

    /* the frozen pool refuses changes (migration 014); with its guard removed behind landun's
     * back, a name edited in it: the hash no longer matches the commitment */
    assert_true(
        db_exec(h->db, &e,
                "UPDATE draw_pool SET name = '改名诊所' WHERE plan_id = ? AND entity_id = ?", "ii",
                plan, drawn) < 0);
    err_clear(&e);
    drop_guard(h, "pool");
    db_exec(h->db, &e, "UPDATE draw_pool SET name = '改名诊所' WHERE plan_id = ? AND entity_id = ?",
            "ii", plan, drawn);
    assert_int_equal(plan_verify(&h->ctx, plan, false, &v, &e), 0);
    assert_false(v.entities.hash_ok);
    assert_false(v.ok);
    assert_non_null(strstr(v.entities.summary, "与公布的承诺"));
    assert_true(v.audit_ok);

    /* …and the commitment rewritten to match: the pool and its commitment agree again, but the
     * audit row written when it was made quotes the old hash */
    char *committed = NULL;
    struct db_stmt *st =
        db_query(h->db, &e, "SELECT pool_hash FROM draw_plan WHERE id = ?", "i", plan);
    if (db_step(st, &e) == DB_ROW) committed = strdup(db_text(st, 0));
    db_done(st);
    assert_non_null(committed);
    db_exec(h->db, &e, "UPDATE draw_plan SET pool_hash = ? WHERE id = ?", "ti", v.entities.hash,
            plan);
    db_exec(h->db, &e, "UPDATE draw_commitment SET pool_hash = ? WHERE plan_id = ?", "ti",
            v.entities.hash, plan);
    assert_int_equal(plan_verify(&h->ctx, plan, false, &v, &e), 0);
    assert_true(v.entities.hash_ok);
    assert_false(v.audit_ok);
    assert_false(v.ok);
    assert_non_null(strstr(v.audit_summary, "承诺被改写"));
    /* the audit row rewritten too: its own hash gives it away (and a re-hashed chain differs
     * from its signed heads: test_anchor.c) */
    int64_t row = v.audit_id;
    assert_true(row > 0);
    db_exec(h->db, &e, "UPDATE audit_log SET summary = replace(summary, ?, ?) WHERE id = ?", "tti",
            committed, v.entities.hash, row);
    assert_int_equal(plan_verify(&h->ctx, plan, false, &v, &e), 0);
    assert_false(v.audit_ok);
    assert_non_null(strstr(v.audit_summary, "已被改动"));
    /* put everything back */
    db_exec(h->db, &e, "UPDATE audit_log SET summary = replace(summary, ?, ?) WHERE id = ?", "tti",
            v.entities.hash, committed, row);
    db_exec(h->db, &e, "UPDATE draw_plan SET pool_hash = ? WHERE id = ?", "ti", committed, plan);
    db_exec(h->db, &e, "UPDATE draw_commitment SET pool_hash = ? WHERE plan_id = ?", "ti",
            committed, plan);
    free(committed);

    /* the seed changed */
    db_exec(h->db, &e,
            "UPDATE draw_pool SET name = (SELECT name FROM entity WHERE id = ?)"
            " WHERE plan_id = ? AND entity_id = ?",
            "iii", drawn, plan, drawn);
    db_exec(h->db, &e, "UPDATE draw_plan SET seed = '7742' WHERE id = ?", "i", plan);
    assert_int_equal(plan_verify(&h->ctx, plan, false, &v, &e), 0);
    assert_true(v.entities.hash_ok);
    assert_false(v.ok);
}

/* The draw reads the pool packed at the commitment, not the rows: a row added later (refused,
 * unless the guard is gone) is not drawn, and the verification, which hashes the rows, shows
 * the change. */
static void test_r_draw_01_draw_reads_the_pool_as_committed(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int64_t plan = setup_plan(h, "20", NULL); /* all of the 10 */
    commit(h, plan);
    assert_int_equal(count(h, "SELECT COUNT(*) FROM draw_pool_pack WHERE plan_id = ?", plan), 1);
    assert_int_equal(db_exec(h->db, &e, "DELETE FROM draw_pool_pack WHERE plan_id = ?", "i", plan),
                     ERR_CONFLICT);
    err_clear(&e);
    int64_t extra = add_clinics(h, 11, 1);
    /* a row added to the sealed pool is refused (migration 021); with the guard dropped behind
     * landun's back it goes in, but the draw does not see it */
    assert_int_equal(db_exec(h->db, &e,
                             "INSERT INTO draw_pool (plan_id, entity_id, name) VALUES (?, ?, ?)",
                             "iit", plan, extra, "新增诊所"),
                     ERR_CONFLICT);
    err_clear(&e);
    drop_guard(h, "pool_insert");
    assert_int_equal(db_exec(h->db, &e,
                             "INSERT INTO draw_pool (plan_id, entity_id, name) VALUES (?, ?, ?)",
                             "iit", plan, extra, "新增诊所"),
                     1);
    draw(h, plan, "7741");
    assert_int_equal(count(h, "SELECT COUNT(*) FROM task WHERE plan_id = ?", plan), 10);
    assert_int_equal(count(h, "SELECT COUNT(*) FROM task WHERE entity_id = ?", extra), 0);
    struct plan_verdict v;
    assert_int_equal(plan_verify(&h->ctx, plan, false, &v, &e), 0);
    assert_false(v.entities.hash_ok);
    assert_false(v.ok);
}

/* A plan committed before migration 014 has no pack: its draw reads the rows and refuses them
 * unless their hash is the commitment; then it draws as from the pack. */
static void test_draw_without_a_pack_checks_the_rows(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int64_t plan = setup_plan(h, "4", NULL);
    commit(h, plan);
    drop_guard(h, "pack");
    drop_guard(h, "pool");
    assert_int_equal(db_exec(h->db, &e, "DELETE FROM draw_pool_pack WHERE plan_id = ?", "i", plan),
                     1);
    int64_t first = count(h, "SELECT MIN(entity_id) FROM draw_pool WHERE plan_id = ?", plan);
    db_exec(h->db, &e, "UPDATE draw_pool SET name = '改名诊所' WHERE plan_id = ? AND entity_id = ?",
            "ii", plan, first);
    json_t *problems = NULL;
    assert_int_equal(plan_draw(&h->ctx, plan, "7741", &problems, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "与公布的承诺不一致"));
    assert_null(problems);
    err_clear(&e);
    db_exec(h->db, &e,
            "UPDATE draw_pool SET name = (SELECT name FROM entity WHERE id = ?)"
            " WHERE plan_id = ? AND entity_id = ?",
            "iii", first, plan, first);
    draw(h, plan, "7741");
    assert_int_equal(count(h, "SELECT COUNT(*) FROM task WHERE plan_id = ?", plan), 4);
    struct plan_verdict v;
    assert_int_equal(plan_verify(&h->ctx, plan, false, &v, &e), 0);
    assert_true(v.ok);
}

/* The officers frozen with a commitment carry their open load: the tasks of other plans still
 * waiting for them (the per-officer cap counts those too). */
static void test_r_draw_07_frozen_officers_carry_their_waiting_tasks(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int64_t first = setup_plan(h, "6", NULL);
    commit(h, first);
    draw(h, first, "5150");
    /* one task done: it no longer weighs */
    int64_t done = count(h, "SELECT MIN(id) FROM task WHERE plan_id = ?", first);
    assert_int_equal(db_exec(h->db, &e, "UPDATE task SET state = 'unable' WHERE id = ?", "i", done),
                     1);
    struct plan_input in =
        plan_of(h, count(h, "SELECT MIN(id) FROM check_list_item WHERE id > ?", 0), "2");
    int64_t second = add_plan(h, &in);
    commit(h, second);
    /* every officer's open_tasks is the count of its waiting tasks, zero for the others */
    assert_int_equal(count(h,
                           "SELECT COUNT(*) FROM draw_officer d WHERE d.plan_id = ? AND"
                           " d.open_tasks <> (SELECT COUNT(*) FROM task_officer k JOIN task t"
                           " ON t.id = k.task_id WHERE k.officer_id = d.officer_id"
                           " AND t.state = 'pending')",
                           second),
                     0);
    assert_int_equal(count(h, "SELECT SUM(open_tasks) FROM draw_officer WHERE plan_id = ?", second),
                     2 * 5); /* six tasks of two officers, one of them no longer waiting */
}

/* A reason known before the seed (too few officers able to enforce, not enough places under the
 * cap) refuses the commitment; a draw refused for what only the seed decides (回避 of the drawn
 * entities) names the rule, not the entities, and leaves its seed on the public record. */
static void test_r_draw_10_impossible_team_stores_nothing_and_says_why(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    add_clinics(h, 1, 5);
    int64_t o1 = add_officer(h, 1, NULL, NULL);
    int64_t o2 = add_officer(h, 2, NULL, NULL), o3 = add_officer(h, 3, NULL, NULL);
    /* expired before the plan: one officer left */
    db_exec(h->db, &e, "UPDATE officer SET cert_issued = ?, cert_expires = ? WHERE id IN (?, ?)",
            "ttii", day(h, -400), day(h, -1), o2, o3);
    struct plan_input in = plan_of(h, add_item(h, 1, "medical", true), "2");
    int64_t plan = add_plan(h, &in);
    json_t *pv = plan_preview(&h->ctx, plan, &e);
    assert_non_null(strstr(json_string_value(json_object_get(pv, "staffing")), "只有1名"));
    json_decref(pv);
    assert_int_equal(plan_commit(&h->ctx, plan, "摇号", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "可执法的执法人员只有1名，不足以组成2人检查组"));
    err_clear(&e);
    /* two officers, but o1 on every clinic's 回避 list: each drawn task fails, whatever the seed */
    db_exec(h->db, &e, "UPDATE officer SET cert_issued = ?, cert_expires = ? WHERE id = ?", "tti",
            day(h, -90), day(h, 400), o2);
    db_exec(h->db, &e,
            "INSERT INTO entity_avoid (entity_id, officer_id, reason, created_at, created_by)"
            " SELECT id, ?, '近亲属', 0, 'test' FROM entity",
            "i", o1);
    commit(h, plan);
    json_t *problems = NULL;
    assert_int_equal(plan_draw(&h->ctx, plan, "42", &problems, &e), ERR_INVALID);
    assert_int_equal(json_array_size(problems), 1); /* one rule */
    json_t *first = json_array_get(problems, 0);
    assert_int_equal(json_integer_value(json_object_get(first, "tasks")), 2);
    assert_string_equal(json_string_value(json_object_get(first, "reason")),
                        "可选执法人员不足2名，无法组成检查组");
    char *dump = json_dumps(problems, 0);
    assert_null(strstr(dump, "诊所")); /* no entity named: that would tell what the seed picks */
    free(dump);
    json_decref(problems);
    assert_non_null(strstr(e.msg, "本次抽取及其种子已记录并公示"));
    assert_null(strstr(e.msg, "诊所"));
    err_clear(&e);
    assert_int_equal(count(h, "SELECT COUNT(*) FROM task WHERE plan_id = ?", plan), 0);
    struct plan_rec p;
    assert_int_equal(plan_load(&h->ctx, plan, false, &p, &e), 0);
    assert_string_equal(p.state, "committed");
    assert_null(p.seed);
    /* the attempt is public, with its seed; so is the next one */
    db_exec(h->db, &e, "DELETE FROM entity_avoid", "");
    draw(h, plan, "43");
    json_t *pub = plan_public_get(&h->ctx, plan, &e);
    json_t *attempts = json_object_get(pub, "attempts");
    assert_int_equal(json_array_size(attempts), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(attempts, 0), "seed")),
                        "42");
    assert_false(json_is_true(json_object_get(json_array_get(attempts, 0), "ok")));
    assert_true(json_is_true(json_object_get(json_array_get(attempts, 1), "ok")));
    json_decref(pub);
}

static void test_r_draw_08_annual_cap_warns(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    add_clinics(h, 1, 4);
    for (int i = 1; i <= 4; i++)
        add_officer(h, i, NULL, NULL);
    int64_t item = add_item(h, 1, "medical", true);
    /* 国办发〔2024〕54号: at most one random check per entity per year at this level */
    struct plan_input in = plan_of(h, item, "4");
    in.entity_cap = "1";
    int64_t a = add_plan(h, &in);
    commit(h, a);
    draw(h, a, "first");
    json_t *o = plan_get(&h->ctx, a, &e);
    assert_int_equal(json_array_size(json_object_get(o, "warnings")), 0);
    json_decref(o);

    in.name = "第二批";
    int64_t b = add_plan(h, &in);
    commit(h, b);
    draw(h, b, "second"); /* warns, does not refuse */
    o = plan_get(&h->ctx, b, &e);
    json_t *w = json_array_get(json_object_get(o, "warnings"), 0);
    assert_non_null(w);
    assert_string_equal(json_string_value(json_object_get(w, "kind")), "entity_cap");
    assert_non_null(strstr(json_string_value(json_object_get(w, "message")), "4户"));
    assert_int_equal(json_array_size(json_object_get(w, "entities")), 4);
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(w, "entities"), 0), "count")),
                     2);
    json_decref(o);
    assert_int_equal(count(h, "SELECT COUNT(*) FROM task WHERE plan_id = ?", b), 4);

    /* the team of each entity differs from the first plan's when others are eligible */
    assert_int_equal(count(h,
                           "SELECT COUNT(*) FROM task t2 JOIN task t1 ON t1.entity_id ="
                           " t2.entity_id AND t1.plan_id <> t2.plan_id WHERE t2.plan_id = ?"
                           " AND (SELECT MIN(officer_id) || ',' || MAX(officer_id) FROM"
                           " task_officer WHERE task_id = t1.id) = (SELECT MIN(officer_id) ||"
                           " ',' || MAX(officer_id) FROM task_officer WHERE task_id = t2.id)",
                           b),
                     0);
}

static void test_stratified_plan_and_masked_persons(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    add_clinics(h, 1, 20); /* 4 per grade A–D and 4 ungraded */
    struct entity_input person = {
        .agency_code = "320412", .kind = "person", .name = "张三丰", .subtype = "person"};
    char idno[IDCARD_LEN + 1];
    h_idno(77, idno);
    person.id_number = idno;
    int64_t pid;
    assert_int_equal(entity_add(&h->ctx, &person, &pid, &e), 0);
    for (int i = 1; i <= 4; i++)
        add_officer(h, i, NULL, NULL);
    struct plan_input in = plan_of(h, add_item(h, 1, "medical", true), NULL);
    in.quota_mode = "ratio";
    in.ratio = "25";
    in.grade_ratio[0] = "50";  /* A: 2 of 4 */
    in.grade_ratio[3] = "100"; /* D: all 4 */
    in.pool_subtypes = "clinic,person";
    int64_t plan = add_plan(h, &in);
    json_t *pv = plan_preview(&h->ctx, plan, &e);
    /* A 2, B 1, C 1, D 4, none (4 clinics + the person) 2 */
    assert_int_equal(json_integer_value(json_object_get(pv, "quota")), 10);
    json_decref(pv);
    commit(h, plan);
    const char *snap = snapshot(h, plan);
    assert_non_null(strstr(snap, arena_printf(&h->arena, "%lld\t张**\t-\n", (long long)pid)));
    assert_null(strstr(snap, "张三丰"));
    assert_non_null(strstr(snap, "\tA\n"));
    draw(h, plan, "grades");
    assert_int_equal(
        count(h, "SELECT COUNT(*) FROM task WHERE plan_id = ? AND stratum = 'D'", plan), 4);
    assert_int_equal(
        count(h, "SELECT COUNT(*) FROM task WHERE plan_id = ? AND stratum = 'A'", plan), 2);
    assert_int_equal(
        count(h, "SELECT MIN(seq) FROM task WHERE plan_id = ? AND stratum = 'A'", plan), 1);
    struct plan_verdict v;
    assert_int_equal(plan_verify(&h->ctx, plan, false, &v, &e), 0);
    assert_true(v.ok);
}

static void test_scope_and_public_view(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int64_t plan = setup_plan(h, "2", NULL);
    struct actor other;
    struct ctx oc = h_ctx(h, "other", &other); /* another county */
    assert_null(plan_get(&oc, plan, &e));
    assert_int_equal(e.code, ERR_NOTFOUND);
    err_clear(&e);
    assert_int_equal(plan_commit(&oc, plan, "摇号", &e), ERR_NOTFOUND);
    err_clear(&e);
    struct plan_input in = plan_of(h, 1, "2");
    assert_int_equal(plan_update(&oc, plan, &in, &e), ERR_NOTFOUND);
    assert_string_equal(e.msg, "抽查计划不存在");
    err_clear(&e);
    /* nor its check items, nor a plan or item that is not there at all */
    int64_t item = count(h, "SELECT MIN(id) FROM check_list_item WHERE id > ?", 0);
    assert_int_equal(check_item_publish(&oc, item, false, &e), ERR_NOTFOUND);
    assert_string_equal(e.msg, "抽查事项不存在");
    err_clear(&e);
    assert_int_equal(check_item_publish(&h->ctx, item + 1000, false, &e), ERR_NOTFOUND);
    err_clear(&e);
    assert_int_equal(plan_update(&h->ctx, plan + 1000, &in, &e), ERR_NOTFOUND);
    err_clear(&e);
    /* drafts are not public */
    assert_null(plan_public_get(&h->ctx, plan, &e));
    assert_int_equal(e.code, ERR_NOTFOUND);
    err_clear(&e);
    commit(h, plan);
    json_t *pub = plan_public_get(&h->ctx, plan, &e);
    assert_non_null(pub);
    assert_null(json_object_get(pub, "selection"));
    assert_non_null(json_object_get(pub, "pool_hash"));
    json_decref(pub);
    json_t *list = plan_public_list(&h->ctx, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    json_decref(list);
}

/* The id of task seq of plan. */
static int64_t task_at(struct harness *h, int64_t plan, int seq)
{
    struct err e = {0};
    int64_t id = 0;
    if (db_get_int(h->db, &e, &id, "SELECT id FROM task WHERE plan_id = ? AND seq = ?", "ii", plan,
                   (int64_t)seq))
        fail_msg("no task %d", seq);
    return id;
}

static void test_r_task_02_r_task_06_task_workflow_and_figures(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    add_clinics(h, 1, 10);
    for (int i = 1; i <= 4; i++)
        add_officer(h, i, NULL, NULL);
    db_exec(h->db, &e, "UPDATE officer SET cert_issued = ?", "t", day(h, -90));
    struct plan_input in = plan_of(h, add_item(h, 1, "medical", true), "6");
    in.starts_on = day(h, -60);
    int64_t plan = add_plan(h, &in);
    commit(h, plan);
    draw(h, plan, "tasks");
    int64_t t[7];
    for (int i = 1; i <= 6; i++)
        t[i] = task_at(h, plan, i);
    /* each task started its workflow with the plan's deadline */
    assert_int_equal(count(h,
                           "SELECT COUNT(*) FROM wf_deadline WHERE kind = 'task' AND name ="
                           " 'inspect' AND ended_on IS NULL AND object_id IN"
                           " (SELECT id FROM task WHERE plan_id = ?)",
                           plan),
                     6);

    /* only through an inspection, dated, not in the future */
    assert_int_equal(task_complete(&h->ctx, t[1], 0, day(h, 0), "pass", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "检查记录"));
    err_clear(&e);
    assert_int_equal(task_complete(&h->ctx, t[1], 9001, day(h, 1), "pass", &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "date"), "检查日期不能晚于今天");
    err_clear(&e);
    assert_int_equal(task_complete(&h->ctx, t[1], 9001, day(h, 0), "great", &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "outcome"));
    err_clear(&e);
    assert_int_equal(task_complete(&h->ctx, t[1], 9001, day(h, -50), "pass", &e), 0);
    assert_int_equal(task_complete(&h->ctx, t[2], 9002, day(h, -2), "rectify", &e), 0);
    assert_int_equal(task_complete(&h->ctx, t[3], 9003, day(h, -1), "refer", &e), 0);
    /* 无法检查 needs a lawful reason; "other" needs words */
    assert_int_equal(task_unable(&h->ctx, t[4], "bored", NULL, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "reason"), "查无此户"));
    err_clear(&e);
    assert_int_equal(task_unable(&h->ctx, t[4], "closed", NULL, NULL, &e), 0);
    assert_int_equal(task_unable(&h->ctx, t[5], "other", " ", NULL, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "note"), "原因为“其他”时须写明具体情况");
    err_clear(&e);
    assert_int_equal(task_unable(&h->ctx, t[5], "other", "房屋拆迁，经营者下落不明", NULL, &e), 0);
    /* a closed task does not move again */
    assert_int_equal(task_unable(&h->ctx, t[1], "closed", NULL, NULL, &e), ERR_CONFLICT);
    err_clear(&e);
    /* a viewer may not record anything */
    struct actor viewer;
    struct ctx vc = h_ctx(h, "viewer", &viewer);
    assert_int_equal(task_unable(&vc, t[6], "closed", NULL, NULL, &e), ERR_FORBIDDEN);
    err_clear(&e);
    /* only the task's team, or its agency's leader: not an administrator, not another officer */
    struct actor admin_who, stranger_who;
    struct ctx ac = h_ctx(h, "admin", &admin_who);
    assert_int_equal(task_unable(&ac, t[6], "closed", NULL, NULL, &e), ERR_FORBIDDEN);
    err_clear(&e);
    int64_t stranger = count(h,
                             "SELECT MIN(id) FROM officer WHERE id NOT IN"
                             " (SELECT officer_id FROM task_officer WHERE task_id = ?)",
                             t[6]);
    db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE username = 'officer'", "i",
            stranger);
    struct ctx sc = h_ctx(h, "officer", &stranger_who);
    assert_int_equal(task_unable(&sc, t[6], "closed", NULL, NULL, &e), ERR_FORBIDDEN);
    assert_non_null(strstr(e.msg, "检查组的执法人员或本机构负责人"));
    err_clear(&e);
    db_exec(h->db, &e, "UPDATE app_user SET officer_id = NULL WHERE username = 'officer'", "");
    /* (the team's member and the leader succeed: tests/http/test_draw.c) */

    /* 国发〔2019〕5号: published within 20 working days of the inspection, else late */
    assert_int_equal(task_publish(&h->ctx, t[6], NULL, &e), ERR_CONFLICT);
    err_clear(&e);
    assert_int_equal(task_publish(&h->ctx, t[1], NULL, &e), 0);
    assert_int_equal(task_publish(&h->ctx, t[2], NULL, &e), 0);
    json_t *o = task_get(&h->ctx, t[1], &e);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "state")), "published");
    assert_true(json_is_true(json_object_get(o, "publish_late")));
    assert_int_equal(json_array_size(json_object_get(o, "team")), 2);
    assert_true(json_array_size(json_object_get(o, "steps")) == 3); /* start, inspect, publish */
    json_decref(o);
    o = task_get(&h->ctx, t[2], &e);
    assert_false(json_is_true(json_object_get(o, "publish_late")));
    json_decref(o);
    o = task_get(&h->ctx, t[3], &e); /* inspected, not yet published, still in time */
    assert_false(json_is_true(json_object_get(o, "publish_overdue")));
    assert_int_equal(json_array_size(json_object_get(o, "actions")), 1);
    json_decref(o);

    /* RULES.md §4: 完成率 = 3/6, 完结率 = (3 + 2)/6 */
    json_t *st = task_stats(&h->ctx, 0, "plan", &e);
    assert_non_null(st);
    json_t *row = json_array_get(json_object_get(st, "rows"), 0);
    assert_int_equal(json_integer_value(json_object_get(row, "tasks")), 6);
    assert_int_equal(json_integer_value(json_object_get(row, "inspected")), 3);
    assert_int_equal(json_integer_value(json_object_get(row, "unable")), 2);
    assert_string_equal(json_string_value(json_object_get(row, "completion_rate")), "50.00%");
    assert_string_equal(json_string_value(json_object_get(row, "closure_rate")), "83.33%");
    assert_int_equal(json_integer_value(json_object_get(row, "rectify")), 1);
    assert_int_equal(json_integer_value(json_object_get(row, "filed")), 1);
    assert_int_equal(json_integer_value(json_object_get(row, "publish_late")), 1);
    json_decref(st);
    st = task_stats(&h->ctx, 1999, "line", &e);
    assert_int_equal(json_array_size(json_object_get(st, "rows")), 0);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(st, "total"), "completion_rate")), "—");
    json_decref(st);

    /* the public results: published ones only, late flagged */
    json_t *pub = task_public_results(&h->ctx, plan, &e);
    assert_int_equal(json_array_size(pub), 2);
    assert_true(json_is_true(json_object_get(json_array_get(pub, 0), "late")));
    assert_string_equal(json_string_value(json_object_get(json_array_get(pub, 1), "outcome_label")),
                        "责令整改");
    json_decref(pub);

    /* lists: per plan, by state, and "my tasks" of an account without an officer */
    struct task_query q = {.plan_id = plan};
    json_t *list = task_list(&h->ctx, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 6);
    json_decref(list);
    q.state = "pending";
    list = task_list(&h->ctx, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    json_decref(list);
    struct actor officer;
    struct ctx oc = h_ctx(h, "officer", &officer);
    q = (struct task_query){.mine = true};
    list = task_list(&oc, &q, &e);
    assert_true(json_is_true(json_object_get(list, "no_officer")));
    json_decref(list);
    /* link the account to a team member: their tasks appear */
    int64_t member = count(h, "SELECT MIN(officer_id) FROM task_officer WHERE task_id = ?", t[6]);
    db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE username = 'officer'", "i",
            member);
    list = task_list(&oc, &q, &e);
    assert_true(json_array_size(json_object_get(list, "rows")) >= 1);
    assert_int_equal((int64_t)json_array_size(json_object_get(list, "rows")),
                     count(h, "SELECT COUNT(*) FROM task_officer WHERE officer_id = ?", member));
    json_decref(list);
}

/* Run `landun draw ARGS…` on the harness database; returns its exit status. */
static int run_draw_cli(struct harness *h, int argc, const char **args)
{
    char *argv[4];
    for (int i = 0; i < argc; i++)
        argv[i] = (char *)args[i];
    struct cli cl = {.db = h->url, .argc = argc, .argv = argv, .prog = "landun"};
    return cmd_draw(&cl);
}

static void test_cli_draw_verify_and_snapshot(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int64_t plan = setup_plan(h, "3", NULL);
    commit(h, plan);
    draw(h, plan, "cli");
    char id[24], path[128];
    snprintf(id, sizeof id, "%lld", (long long)plan);
    snprintf(path, sizeof path, "%s/snapshot.txt", h->dir);
    assert_int_equal(run_draw_cli(h, 2, (const char *[]){"verify", id}), 0);
    /* the written snapshot hashes to the commitment */
    assert_int_equal(run_draw_cli(h, 3, (const char *[]){"snapshot", id, path}), 0);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    char hash[DRAW_HASH_HEX];
    draw_commitment(buf, n, hash);
    struct plan_rec p;
    assert_int_equal(plan_load(&h->ctx, plan, false, &p, &e), 0);
    assert_string_equal(hash, p.pool_hash);
    /* a changed team: exit 1 */
    int64_t task = count(h, "SELECT MIN(id) FROM task WHERE plan_id = ?", plan);
    int64_t member = count(h, "SELECT MIN(officer_id) FROM task_officer WHERE task_id = ?", task);
    int64_t outsider = count(h,
                             "SELECT MIN(id) FROM officer WHERE id NOT IN (SELECT officer_id"
                             " FROM task_officer WHERE task_id = ?)",
                             task);
    assert_true(
        db_exec(h->db, &e,
                "UPDATE task_officer SET officer_id = ? WHERE task_id = ? AND officer_id = ?",
                "iii", outsider, task, member) == 1);
    assert_int_equal(run_draw_cli(h, 2, (const char *[]){"verify", id}), 1);
    /* usage */
    assert_int_equal(run_draw_cli(h, 1, (const char *[]){"verify"}), 2);
    assert_int_equal(run_draw_cli(h, 2, (const char *[]){"redo", id}), 2);
}

/* Officer ids of task id's team, as "a,b" (arena). */
static const char *team_list(struct harness *h, int64_t task)
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

/* 双随机: the drawn task is carried out by an inspection of its entity, of its plan's line, by
 * the drawn team; saving the inspection moves the task to 已检查 and starts the 20-working-day
 * publication period (国发〔2019〕5号); the inspection counts toward the annual cap. */
static void test_r_task_01_inspection_carries_out_its_task(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    db_exec(h->db, &e, "UPDATE agency SET short_name = '武' WHERE code = '320412'", "");
    add_clinics(h, 1, 3);
    int64_t spare = 0;
    for (int i = 1; i <= 4; i++)
        spare = add_officer(h, i, NULL, NULL);
    db_exec(h->db, &e, "UPDATE officer SET cert_issued = ?", "t", day(h, -90));
    struct plan_input in = plan_of(h, add_item(h, 1, "medical", true), "2");
    in.entity_cap = "1";
    int64_t plan = add_plan(h, &in);
    commit(h, plan);
    draw(h, plan, "tasks");
    int64_t t1 = task_at(h, plan, 1), t2 = task_at(h, plan, 2);
    int64_t entity = count(h, "SELECT entity_id FROM task WHERE id = ?", t1);
    const char *team = team_list(h, t1);
    static const struct inspection_item_input items[] = {{"MED-01", "conform", NULL},
                                                         {"MED-03", "nonconform", "未公示"}};
    struct inspection_input ins = {.entity_id = entity,
                                   .type = "random",
                                   .line = "medical",
                                   .date = day(h, 0),
                                   .place = "诊所",
                                   .officers = team,
                                   .items = items,
                                   .nitems = 2,
                                   .outcome = "rectify",
                                   .rectify_by = day(h, 10),
                                   .task_id = t1};
    int64_t id;
    /* only a random check carries out a task */
    ins.type = "routine";
    assert_int_equal(inspection_add(&h->ctx, &ins, &id, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "task_id"), "只有双随机抽查可以关联抽查任务");
    err_clear(&e);
    ins.type = "random";
    /* the task's own entity */
    ins.task_id = t2;
    assert_int_equal(inspection_add(&h->ctx, &ins, &id, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "task_id"), "该抽查任务的被检查单位不是所选单位");
    err_clear(&e);
    ins.task_id = t1;
    /* the drawn team, not officers chosen by hand */
    int64_t first = count(h, "SELECT MIN(officer_id) FROM task_officer WHERE task_id = ?", t1);
    int64_t other = count(h,
                          "SELECT MIN(id) FROM officer WHERE id NOT IN"
                          " (SELECT officer_id FROM task_officer WHERE task_id = ?)",
                          t1);
    assert_true(other > 0 && other <= spare);
    ins.officers = arena_printf(&h->arena, "%lld,%lld", (long long)first, (long long)other);
    assert_int_equal(inspection_add(&h->ctx, &ins, &id, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "officers"), "双随机抽查须由抽取的检查组实施，缺少"));
    err_clear(&e);
    json_t *t = task_get(&h->ctx, t1, &e);
    assert_string_equal(json_string_value(json_object_get(t, "state")), "pending");
    json_decref(t);
    ins.officers = team;
    if (inspection_add(&h->ctx, &ins, &id, &e)) fail_msg("inspection_add: %s", e.msg);
    t = task_get(&h->ctx, t1, &e);
    assert_string_equal(json_string_value(json_object_get(t, "state")), "inspected");
    assert_string_equal(json_string_value(json_object_get(t, "outcome")), "rectify");
    assert_int_equal(json_integer_value(json_object_get(t, "inspection_id")), id);
    assert_non_null(json_string_value(json_object_get(t, "publish_due")));
    json_decref(t);
    json_t *o = inspection_get(&h->ctx, id, &e);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "task"), "id")), t1);
    json_decref(o);
    /* a task is carried out once */
    assert_int_equal(inspection_add(&h->ctx, &ins, &id, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "task_id"), "该抽查任务已不是“待检查”状态");
    err_clear(&e);
    /* figures: one inspected of two, one correction order */
    json_t *stats = task_stats(&h->ctx, date_year(date_from_instant(h->ctx.now)), "plan", &e);
    json_t *row = json_array_get(json_object_get(stats, "rows"), 0);
    assert_int_equal(json_integer_value(json_object_get(row, "inspected")), 1);
    assert_int_equal(json_integer_value(json_object_get(row, "rectify")), 1);
    json_decref(stats);
    /* 国办发〔2024〕54号: the inspection and the waiting task count toward the cap of one */
    in.name = "第二批";
    in.count = "3";
    int64_t again = add_plan(h, &in);
    commit(h, again);
    draw(h, again, "again");
    o = plan_get(&h->ctx, again, &e);
    json_t *w = json_array_get(json_object_get(o, "warnings"), 0);
    assert_non_null(strstr(json_string_value(json_object_get(w, "message")), "2户"));
    json_decref(o);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_plan_02_check_items_validate_publish_and_lock),
        T(test_r_plan_01_plan_only_uses_published_items_of_its_line),
        T(test_r_plan_03_r_plan_04_plan_level_and_deadline_are_checked),
        T(test_r_draw_01_commit_freezes_the_pool),
        T(test_draw_stores_tasks_and_teams),
        T(test_verify_catches_changes_in_the_database),
        T(test_r_draw_01_draw_reads_the_pool_as_committed),
        T(test_draw_without_a_pack_checks_the_rows),
        T(test_r_draw_07_frozen_officers_carry_their_waiting_tasks),
        T(test_r_draw_10_impossible_team_stores_nothing_and_says_why),
        T(test_r_draw_08_annual_cap_warns),
        T(test_stratified_plan_and_masked_persons),
        T(test_scope_and_public_view),
        T(test_r_task_02_r_task_06_task_workflow_and_figures),
        T(test_cli_draw_verify_and_snapshot),
        T(test_r_task_01_inspection_carries_out_its_task),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
