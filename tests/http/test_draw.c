/* test_draw.c — 双随机、一公开 through the real router: the check-item list, plans from draft to
 * commitment to draw, the recomputation, tasks and their steps, the figures, 回避 lists, and the
 * public pages without login; field errors in Chinese next to their fields, permissions, CSRF,
 * no personal data on the public site. */
#include "tests/support.h"
#include "base/buf.h"
#include "base/codes.h"
#include "base/date.h"
#include "law/draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- helpers ------------------------------------------------------------------------------ */

/* Today plus offset days, YYYY-MM-DD, in one of four rotating buffers. */
static const char *day(int offset)
{
    static char bufs[4][DATE_STRLEN];
    static int next;
    char *out = bufs[next++ % 4];
    date_format(date_from_instant(h_clock()) + offset, out);
    return out;
}

/* POST a JSON object (stolen) to target, expecting status; returns the id of the answer. */
static int64_t post_json(struct harness *h, struct client *c, const char *target, json_t *o,
                         int status)
{
    struct hresp r;
    h_send_json(h, c, "POST", target, o, &r);
    ASSERT_STATUS(r, status);
    int64_t id = json_integer_value(json_object_get(r.json, "id"));
    hresp_free(&r);
    return id;
}

/* n clinics named 康宁诊所<i> (USCC numbers from from), and one person (张三丰). */
static void add_entities(struct harness *h, struct client *c, int from, int n, bool person)
{
    for (int i = from; i < from + n; i++) {
        char uscc[USCC_LEN + 1], name[32];
        h_uscc(i, uscc);
        snprintf(name, sizeof name, "康宁诊所%d号", i);
        post_json(h, c, "/api/v1/entities",
                  json_pack("{ss ss ss ss}", "name", name, "uscc", uscc, "address", "湖塘镇1号",
                            "subtype", "clinic"),
                  201);
    }
    if (person) {
        char idno[IDCARD_LEN + 1];
        h_idno(99, idno);
        post_json(h, c, "/api/v1/entities",
                  json_pack("{ss ss ss ss}", "kind", "person", "name", "张三丰", "id_number", idno,
                            "subtype", "person"),
                  201);
    }
}

/* An officer of the medical line named 执法员<seq>, certificate JS-<seq>. */
static int64_t add_officer(struct harness *h, struct client *c, int seq)
{
    char idno[IDCARD_LEN + 1], name[32], cert[32];
    h_idno(seq, idno);
    snprintf(name, sizeof name, "执法员%d", seq);
    snprintf(cert, sizeof cert, "JS-%d", seq);
    return post_json(h, c, "/api/v1/officers",
                     json_pack("{ss ss ss ss ss s[ss]}", "name", name, "id_number", idno, "cert_no",
                               cert, "cert_issued", day(-10), "cert_expires", day(1000), "lines",
                               "medical", "infectious"),
                     201);
}

/* A published medical check item; returns its id. */
static int64_t add_item(struct harness *h, struct client *c, const char *code)
{
    int64_t id = post_json(h, c, "/api/v1/check-items",
                           json_pack("{ss ss ss ss s[ss] ss ss}", "code", code, "name",
                                     "医疗机构依法执业情况", "line", "medical", "basis",
                                     "《医疗机构管理条例》第四十条", "method", "onsite", "document",
                                     "ratio", "5", "frequency", "每年1次"),
                           201);
    char url[64];
    snprintf(url, sizeof url, "/api/v1/check-items/%lld/publish", (long long)id);
    struct hresp r;
    h_request(h, c, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    return id;
}

/* A plan drawing count entities with item; returns its id. */
static int64_t add_plan(struct harness *h, struct client *c, int64_t item, int count)
{
    json_t *o =
        json_pack("{ss ss ss ss s[I] ss si ss ss}", "name", "医疗机构双随机抽查", "level", "county",
                  "year", "2026", "line", "medical", "items", (json_int_t)item, "quota_mode",
                  "count", "count", count, "starts_on", day(0), "deadline", day(60));
    return post_json(h, c, "/api/v1/plans", o, 201);
}

/* A complete set-up: 8 clinics, a person, 3 officers, a published item, a plan of 4, committed and
 * drawn through the API. Returns the plan id. */
static int64_t drawn_plan(struct harness *h, struct client *c)
{
    add_entities(h, c, 1, 8, true);
    for (int i = 1; i <= 3; i++)
        add_officer(h, c, i);
    int64_t plan = add_plan(h, c, add_item(h, c, "YL-01"), 4);
    char url[64];
    struct hresp r;
    snprintf(url, sizeof url, "/api/v1/plans/%lld/commit", (long long)plan);
    h_send_json(h, c, "POST", url, json_pack("{ss}", "seed_source", "公开摇号现场公布的号码"), &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/plans/%lld/draw", (long long)plan);
    h_send_json(h, c, "POST", url, json_pack("{ss}", "seed", "381920"), &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "state")), "drawn");
    hresp_free(&r);
    return plan;
}

/* The first task of plan: its id, entity and team (a JSON array of officer ids, new reference). */
static int64_t first_task(struct harness *h, struct client *c, int64_t plan, int64_t *entity,
                          json_t **officers)
{
    char url[96];
    struct hresp r;
    snprintf(url, sizeof url, "/api/v1/tasks?plan=%lld", (long long)plan);
    h_request(h, c, "GET", url, NULL, &r);
    json_t *row = json_array_get(json_object_get(r.json, "rows"), 0);
    int64_t task = json_integer_value(json_object_get(row, "id"));
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/tasks/%lld", (long long)task);
    h_request(h, c, "GET", url, NULL, &r);
    *entity = json_integer_value(json_object_get(r.json, "entity_id"));
    *officers = json_array();
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(r.json, "team"), i, m)
        json_array_append(*officers, json_object_get(m, "id"));
    hresp_free(&r);
    return task;
}

/* An inspection body carrying out task on date (officers is stolen). */
static json_t *inspection_of(int64_t task, int64_t entity, json_t *officers, const char *date)
{
    return json_pack("{sI ss ss ss ss so s[{ss ss}] ss sI}", "entity_id", (json_int_t)entity,
                     "type", "random", "line", "medical", "date", date, "place", "诊室", "officers",
                     officers, "items", "code", "MED-01", "result", "conform", "outcome", "pass",
                     "task_id", (json_int_t)task);
}

/* 双随机: the task page leads to the inspection form, filled with the task's entity, line and
 * drawn team; saving the inspection carries the task out, and its result can be published. */
static void test_r_task_01_task_carried_out_through_the_inspection_form(void **state)
{
    struct harness *h = *state;
    struct client c;
    struct err e = {0};
    h_login(h, &c, "admin");
    db_exec(h->db, &e, "UPDATE agency SET short_name = '武' WHERE code = '320412'", "");
    int64_t plan = drawn_plan(h, &c), entity;
    json_t *officers;
    int64_t task = first_task(h, &c, plan, &entity, &officers);
    char url[96];
    struct hresp r;

    snprintf(url, sizeof url, "/tasks/%lld", (long long)task);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    snprintf(url, sizeof url, "/inspections/new?task=%lld", (long long)task);
    ASSERT_HAS(r, url);
    hresp_free(&r);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "双随机抽查");
    char hidden[64];
    snprintf(hidden, sizeof hidden, "name=\"task_id\" value=\"%lld\"", (long long)task);
    ASSERT_HAS(r, hidden);
    hresp_free(&r);

    json_t *body = inspection_of(task, entity, officers, day(0));
    h_send_json(h, &c, "POST", "/api/v1/inspections", json_deep_copy(body), &r);
    ASSERT_STATUS(r, 201);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(r.json, "task"), "id")),
                     task);
    hresp_free(&r);
    /* once only */
    h_send_json(h, &c, "POST", "/api/v1/inspections", body, &r);
    ASSERT_STATUS(r, 422);
    assert_string_equal(h_field_msg(&r, "task_id"), "该抽查任务已不是“待检查”状态");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/tasks/%lld", (long long)task);
    h_request(h, &c, "GET", url, NULL, &r);
    assert_string_equal(json_string_value(json_object_get(r.json, "state")), "inspected");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/tasks/%lld/publish", (long long)task);
    h_send_json(h, &c, "POST", url, json_pack("{}"), &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    /* the public page shows the result without logging in */
    struct client anon = {0};
    snprintf(url, sizeof url, "/public/draws/%lld", (long long)plan);
    h_request(h, &anon, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "未发现问题");
    hresp_free(&r);
}

/* A city plan that draws county officers (officer_agencies): the drawn officers see their tasks
 * and record the inspections, also of an entity of another county (in reach through the task
 * and its team); others of that county who are not on the team, and other counties, do not. */
static void test_city_plan_carried_out_by_county_officers(void **state)
{
    struct harness *h = *state;
    struct client admin, other, city, officer;
    h_login(h, &admin, "admin"); /* 320412 */
    h_login(h, &other, "other"); /* 320411 */
    h_login(h, &city, "city");   /* 320400 */
    add_entities(h, &other, 1, 3, false);
    for (int i = 1; i <= 2; i++)
        add_officer(h, &admin, i);
    int64_t item = post_json(h, &city, "/api/v1/check-items",
                             json_pack("{ss ss ss ss s[ss] ss ss}", "code", "SJ-01", "name",
                                       "医疗机构依法执业情况", "line", "medical", "basis",
                                       "《医疗机构管理条例》第四十条", "method", "onsite",
                                       "document", "ratio", "5", "frequency", "每年1次"),
                             201);
    char url[96];
    struct hresp r;
    snprintf(url, sizeof url, "/api/v1/check-items/%lld/publish", (long long)item);
    h_request(h, &city, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    int64_t plan =
        post_json(h, &city, "/api/v1/plans",
                  json_pack("{ss ss ss ss s[I] ss si ss ss s[s]}", "name", "全市医疗机构双随机抽查",
                            "level", "city", "year", "2026", "line", "medical", "items",
                            (json_int_t)item, "quota_mode", "count", "count", 1, "starts_on",
                            day(0), "deadline", day(60), "officer_agencies", "320412"),
                  201);
    /* the agencies whose officers a plan draws, by name in the order the plan lists them */
    int64_t two =
        post_json(h, &city, "/api/v1/plans",
                  json_pack("{ss ss ss ss s[I] ss si ss ss s[ss]}", "name", "两区联合抽查", "level",
                            "city", "year", "2026", "line", "medical", "items", (json_int_t)item,
                            "quota_mode", "count", "count", 1, "starts_on", day(0), "deadline",
                            day(60), "officer_agencies", "320411", "320412"),
                  201);
    snprintf(url, sizeof url, "/api/v1/plans/%lld", (long long)two);
    h_request(h, &city, "GET", url, NULL, &r);
    const char *names = json_string_value(json_object_get(r.json, "officer_agencies_label"));
    if (!names || (strcmp(names, "常州市新北区卫生健康局、常州市武进区卫生健康局") != 0 &&
                   strcmp(names, "常州市武进区卫生健康局、常州市新北区卫生健康局") != 0))
        fail_msg("officer agencies: %s", r.body);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/plans/%lld/commit", (long long)plan);
    h_send_json(h, &city, "POST", url, json_pack("{ss}", "seed_source", "公开摇号"), &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/plans/%lld/draw", (long long)plan);
    h_send_json(h, &city, "POST", url, json_pack("{ss}", "seed", "20261207"), &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    int64_t entity;
    json_t *team;
    int64_t task = first_task(h, &city, plan, &entity, &team);
    assert_int_equal(json_array_size(team), 2);

    /* the county officer on the team: linked to the account "officer" of 320412 */
    struct err e = {0};
    db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE username = 'officer'", "i",
            (int64_t)json_integer_value(json_array_get(team, 0)));
    h_login(h, &officer, "officer");
    assert_int_equal(h_count_rows(h, &officer, "/api/v1/tasks?mine=1"), 1);
    snprintf(url, sizeof url, "/tasks/%lld", (long long)task);
    h_request(h, &officer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "全市医疗机构双随机抽查");
    hresp_free(&r);
    /* the form: the entity of 320411, the team checked */
    snprintf(url, sizeof url, "/inspections/new?task=%lld", (long long)task);
    h_request(h, &officer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "康宁诊所");
    char hidden[64];
    snprintf(hidden, sizeof hidden, "name=\"entity_id\" value=\"%lld\"", (long long)entity);
    ASSERT_HAS(r, hidden);
    ASSERT_HAS(r, "执法员1");
    ASSERT_HAS(r, "执法员2");
    hresp_free(&r);
    /* 320411 (the entity's county, not on the team) does not reach the task */
    snprintf(url, sizeof url, "/api/v1/tasks/%lld", (long long)task);
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    /* an inspection of another entity of 320411 is still refused to the county officer */
    json_t *body = inspection_of(task, entity, json_deep_copy(team), day(0));
    json_object_set_new(body, "entity_id", json_integer(entity + 1));
    json_object_set_new(body, "task_id", json_integer(0));
    json_object_set_new(body, "type", json_string("routine"));
    h_send_json(h, &officer, "POST", "/api/v1/inspections", body, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(h_field_msg(&r, "entity_id"), "不在您的管辖范围内"));
    hresp_free(&r);
    /* the drawn task: recorded, and the task is 已检查 */
    h_send_json(h, &officer, "POST", "/api/v1/inspections",
                inspection_of(task, entity, team, day(0)), &r);
    ASSERT_STATUS(r, 201);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/tasks/%lld", (long long)task);
    h_request(h, &city, "GET", url, NULL, &r);
    assert_string_equal(json_string_value(json_object_get(r.json, "state")), "inspected");
    hresp_free(&r);
}

/* ---- the list of check items ------------------------------------------------------------- */

static void test_check_item_pages(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    struct hresp r;
    h_request(h, &c, "GET", "/check-items", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "尚无抽查事项");
    ASSERT_HAS(r, "href=\"/check-items/new\"");
    hresp_free(&r);
    h_request(h, &c, "GET", "/check-items/new", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "name=\"basis\"");
    hresp_free(&r);

    /* field errors in Chinese next to their fields, the typed values kept */
    FORM(h, &c, "/check-items", &r, "code", "C 1", "name", "", "line", "medical", "ratio", "200");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "code", "事项编码只能由字母、数字和 - _ . 组成");
    h_assert_field_error(&r, "name", "请填写抽查事项名称");
    h_assert_field_error(&r, "basis", "请填写抽查依据");
    h_assert_field_error(&r, "ratio", "抽查比例应为大于0且不超过100的百分数");
    ASSERT_HAS(r, "name=\"code\" value=\"C 1\"");
    hresp_free(&r);

    FORM(h, &c, "/check-items", &r, "code", "YL-01", "name", "医疗机构依法执业", "line", "medical",
         "basis", "《医疗机构管理条例》", "method", "onsite", "subtypes", "clinic");
    ASSERT_STATUS(r, 303);
    int64_t id = h_id_from_location(&r, "/check-items/");
    hresp_free(&r);
    char url[96];
    snprintf(url, sizeof url, "/check-items/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "医疗机构依法执业");
    ASSERT_HAS(r, "未公布");
    ASSERT_HAS(r, "诊所");
    hresp_free(&r);
    snprintf(url, sizeof url, "/check-items/%lld/edit", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "name=\"code\" value=\"YL-01\"");
    hresp_free(&r);
    /* save through the form and the API */
    snprintf(url, sizeof url, "/check-items/%lld", (long long)id);
    FORM(h, &c, url, &r, "code", "YL-01", "name", "医疗机构依法执业情况", "line", "medical",
         "basis", "《医疗机构管理条例》第四十条", "method", "onsite");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/check-items/%lld", (long long)id);
    h_send_json(h, &c, "PUT", url,
                json_pack("{ss ss ss ss s[s] ss}", "code", "YL-01", "name", "医疗机构依法执业情况",
                          "line", "medical", "basis", "《医疗机构管理条例》第四十条", "method",
                          "onsite", "ratio", "5.5"),
                &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "ratio")), "5.5%");
    hresp_free(&r);

    /* publish by form; then it is locked */
    snprintf(url, sizeof url, "/check-items/%lld/publish", (long long)id);
    FORM(h, &c, url, &r, "x", "1");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/check-items/%lld/publish", (long long)id);
    h_request(h, &c, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 409);
    hresp_free(&r);
    snprintf(url, sizeof url, "/check-items/%lld/edit", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 409);
    ASSERT_HAS(r, "请先撤回公布");
    hresp_free(&r);
    /* the public list, without login */
    h_request(h, NULL, "GET", "/public/check-items", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "医疗机构依法执业情况");
    ASSERT_HAS(r, "5.5%");
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, NULL, "/api/v1/public/check-items"), 1);
    /* withdraw through the API */
    snprintf(url, sizeof url, "/api/v1/check-items/%lld/withdraw", (long long)id);
    h_request(h, &c, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 200);
    assert_false(json_is_true(json_object_get(r.json, "published")));
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, NULL, "/api/v1/public/check-items"), 0);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/check-items?line=medical"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/check-items?line=water"), 0);
    snprintf(url, sizeof url, "/api/v1/check-items/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "code")), "YL-01");
    hresp_free(&r);
}

/* ---- plans -------------------------------------------------------------------------------- */

static void test_plan_form_commit_and_draw_pages(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    add_entities(h, &c, 1, 6, false);
    for (int i = 1; i <= 3; i++)
        add_officer(h, &c, i);
    int64_t item = add_item(h, &c, "YL-01");
    struct hresp r;
    h_request(h, &c, "GET", "/plans", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "尚无抽查计划");
    ASSERT_HAS(r, ">双随机</a>"); /* the navigation entry */
    hresp_free(&r);
    h_request(h, &c, "GET", "/plans/new", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "请先选择专业");
    ASSERT_LACKS(r, "YL-01 医疗机构依法执业情况");
    ASSERT_HAS(r, "载入该专业的事项和类别"); /* for browsers without JavaScript */
    hresp_free(&r);
    /* the line chosen, the form comes back with its items and sub-types only, values kept */
    FORM(h, &c, "/plans/new", &r, "name", "第一批", "line", "medical");
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "YL-01 医疗机构依法执业情况");
    ASSERT_HAS(r, "value=\"clinic\"");
    ASSERT_LACKS(r, "value=\"hotel\"");
    ASSERT_HAS(r, "name=\"name\" value=\"第一批\"");
    ASSERT_LACKS(r, "field-error");
    hresp_free(&r);
    FORM(h, &c, "/plans/new", &r, "line", "public_place");
    ASSERT_LACKS(r, "YL-01");
    ASSERT_HAS(r, "value=\"hotel\"");
    ASSERT_HAS(r, "公共场所卫生专业尚无已公布的抽查事项");
    hresp_free(&r);
    /* a sub-type of another line is refused by the rule, whatever sends it */
    FORM(h, &c, "/plans", &r, "name", "串类", "level", "county", "year", "2026", "line", "medical",
         "items", "1", "pool_subtypes", "hotel", "quota_mode", "count", "count", "1", "starts_on",
         day(0), "deadline", day(30));
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r,
               "<span class=\"field-error\">类别“宾馆（旅店）”不属于本计划专业（医疗卫生）</span>");
    hresp_free(&r);

    /* errors next to their fields */
    FORM(h, &c, "/plans", &r, "name", "", "level", "county", "year", "2026", "line", "medical",
         "quota_mode", "ratio", "ratio", "0", "starts_on", day(10), "deadline", day(0), "team_size",
         "1");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "name", "请填写计划名称");
    h_assert_field_error(&r, "ratio", "比例应为大于0且不超过100的百分数");
    h_assert_field_error(&r, "deadline", "完成期限不能早于计划开始日期");
    h_assert_field_error(&r, "team_size", "检查组人数应为2至8之间的整数");
    ASSERT_HAS(r, "请至少选择一项已公布的抽查事项");
    hresp_free(&r);

    char item_s[24];
    snprintf(item_s, sizeof item_s, "%lld", (long long)item);
    FORM(h, &c, "/plans", &r, "name", "第一批", "level", "county", "year", "2026", "line",
         "medical", "items", item_s, "quota_mode", "count", "count", "3", "starts_on", day(0),
         "deadline", day(30), "pool_statuses", "open");
    ASSERT_STATUS(r, 303);
    int64_t plan = h_id_from_location(&r, "/plans/");
    hresp_free(&r);
    char url[96];
    snprintf(url, sizeof url, "/plans/%lld", (long long)plan);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "符合条件的监管对象 <b>6</b> 户，按计划抽取 <b>3</b> 户");
    ASSERT_HAS(r, "可参加抽取 <b>3</b> 名");
    ASSERT_HAS(r, "冻结抽取池并公布承诺");
    hresp_free(&r);
    snprintf(url, sizeof url, "/plans/%lld/edit", (long long)plan);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "name=\"name\" value=\"第一批\"");
    hresp_free(&r);
    snprintf(url, sizeof url, "/plans/%lld", (long long)plan);
    FORM(h, &c, url, &r, "name", "第一批（修订）", "level", "county", "year", "2026", "line",
         "medical", "items", item_s, "quota_mode", "count", "count", "3", "starts_on", day(0),
         "deadline", day(30));
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/plans/%lld", (long long)plan);
    h_send_json(h, &c, "PUT", url,
                json_pack("{ss ss ss ss s[I] ss ss ss ss}", "name", "第一批", "level", "county",
                          "year", "2026", "line", "medical", "items", (json_int_t)item,
                          "quota_mode", "count", "count", "3", "starts_on", day(0), "deadline",
                          day(30)),
                &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "quota")), "抽取 3 户");
    hresp_free(&r);

    /* commit: the seed source is required */
    snprintf(url, sizeof url, "/plans/%lld/commit", (long long)plan);
    FORM(h, &c, url, &r, "seed_source", "");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "seed_source", "请填写种子来源");
    hresp_free(&r);
    FORM(h, &c, url, &r, "seed_source", "3月2日公开摇号");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/plans/%lld", (long long)plan);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "快照 SHA-256");
    ASSERT_HAS(r, "name=\"seed\"");
    ASSERT_LACKS(r, "href=\"/plans/1/edit\"");
    hresp_free(&r);
    snprintf(url, sizeof url, "/plans/%lld/edit", (long long)plan);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 409);
    hresp_free(&r);

    /* draw: the seed is required; then the tasks show */
    snprintf(url, sizeof url, "/plans/%lld/draw", (long long)plan);
    FORM(h, &c, url, &r, "seed", " ");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "seed", "请填写随机种子");
    hresp_free(&r);
    FORM(h, &c, url, &r, "seed", "见证人 305817");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/plans/%lld", (long long)plan);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "抽取结果（3 项任务）");
    ASSERT_HAS(r, "见证人 305817");
    ASSERT_HAS(r, "执法员");
    hresp_free(&r);
    snprintf(url, sizeof url, "/plans/%lld/verify", (long long)plan);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "验证通过");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/plans/%lld/verify", (long long)plan);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(json_is_true(json_object_get(r.json, "ok")));
    assert_int_equal(json_integer_value(json_object_get(json_object_get(r.json, "teams"), "tasks")),
                     3);
    hresp_free(&r);
    /* a second draw is refused */
    snprintf(url, sizeof url, "/api/v1/plans/%lld/draw", (long long)plan);
    h_send_json(h, &c, "POST", url, json_pack("{ss}", "seed", "again"), &r);
    ASSERT_STATUS(r, 409);
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/plans?state=drawn"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/plans?year=2025"), 0);
    snprintf(url, sizeof url, "/api/v1/plans/%lld", (long long)plan);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "tasks")), 3);
    hresp_free(&r);
}

static void test_r_plan_05_withdraw_and_delete(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    add_entities(h, &c, 1, 3, false);
    add_officer(h, &c, 1);
    add_officer(h, &c, 2);
    int64_t item = add_item(h, &c, "YL-01");
    int64_t a = add_plan(h, &c, item, 2), b = add_plan(h, &c, item, 2);
    char url[96];
    struct hresp r;
    snprintf(url, sizeof url, "/plans/%lld/commit", (long long)a);
    FORM(h, &c, url, &r, "seed_source", "摇号");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/plans/%lld/withdraw", (long long)a);
    FORM(h, &c, url, &r, "reason", "");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "reason", "请填写撤回理由");
    hresp_free(&r);
    FORM(h, &c, url, &r, "reason", "漏列了乡镇卫生院");
    ASSERT_STATUS(r, 303);
    assert_non_null(strstr(r.location, "?done=withdraw"));
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/plans/%lld/withdraw", (long long)a);
    h_send_json(h, &c, "POST", url, json_pack("{ss}", "reason", "再次"), &r);
    ASSERT_STATUS(r, 409); /* a draft has no commitment to withdraw */
    hresp_free(&r);
    /* the page says what the withdrawal did */
    snprintf(url, sizeof url, "/plans/%lld?done=withdraw", (long long)a);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "已撤回抽取承诺，计划回到草稿");
    ASSERT_HAS(r, "class=\"row confirm\" data-confirm=\"公布后抽取池即冻结");
    hresp_free(&r);
    /* the withdrawn commitment stays public, though the plan is a draft again */
    assert_int_equal(h_count_rows(h, NULL, "/api/v1/public/draws"), 1);
    snprintf(url, sizeof url, "/public/draws/%lld", (long long)a);
    h_request(h, NULL, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已撤回的承诺");
    ASSERT_HAS(r, "漏列了乡镇卫生院");
    hresp_free(&r);
    h_request(h, NULL, "GET", "/public/draws", NULL, &r);
    ASSERT_HAS(r, "承诺已撤回");
    hresp_free(&r);
    /* the withdrawn commitment stays: the plan cannot be deleted, b (never committed) can */
    snprintf(url, sizeof url, "/api/v1/plans/%lld", (long long)a);
    h_request(h, &c, "DELETE", url, NULL, &r);
    ASSERT_STATUS(r, 409);
    hresp_free(&r);
    snprintf(url, sizeof url, "/plans/%lld/delete", (long long)b);
    FORM(h, &c, url, &r, "x", "1");
    ASSERT_STATUS(r, 303);
    assert_string_equal(r.location, "/plans");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/plans/%lld", (long long)b);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    int64_t d = add_plan(h, &c, item, 1);
    snprintf(url, sizeof url, "/api/v1/plans/%lld", (long long)d);
    h_request(h, &c, "DELETE", url, NULL, &r);
    ASSERT_STATUS(r, 204);
    hresp_free(&r);
}

/* Too few officers is known before the seed: the plan page warns, and the commitment is refused
 * (page and API), so that no draw can fail for it after the seed is known. */
static void test_r_draw_09_commit_refused_when_no_team_can_be_formed(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    add_entities(h, &c, 1, 3, false);
    add_officer(h, &c, 1); /* one officer: no team of two */
    int64_t plan = add_plan(h, &c, add_item(h, &c, "YL-01"), 2);
    char url[96];
    struct hresp r;
    snprintf(url, sizeof url, "/plans/%lld", (long long)plan);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "可执法的执法人员只有1名，不足以组成2人检查组");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/plans/%lld/commit", (long long)plan);
    h_send_json(h, &c, "POST", url, json_pack("{ss}", "seed_source", "摇号"), &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "不能公布承诺");
    hresp_free(&r);
    snprintf(url, sizeof url, "/plans/%lld/commit", (long long)plan);
    FORM(h, &c, url, &r, "seed_source", "摇号");
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "不能公布承诺：可执法的执法人员只有1名");
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, NULL, "/api/v1/public/draws"), 0);
}

/* ---- tasks, figures, 回避 ----------------------------------------------------------------- */

static void test_r_task_03_task_pages_and_figures(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    int64_t plan = drawn_plan(h, &c);
    char url[96];
    snprintf(url, sizeof url, "/api/v1/tasks?plan=%lld", (long long)plan);
    assert_int_equal(h_count_rows(h, &c, url), 4);
    struct hresp r;
    h_request(h, &c, "GET", "/tasks", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "待检查");
    hresp_free(&r);
    /* the list's total over its pages */
    char paged[96];
    snprintf(paged, sizeof paged, "/tasks?plan=%lld&per_page=3&state=pending", (long long)plan);
    h_request(h, &c, "GET", paged, NULL, &r);
    ASSERT_HAS(r, "第 1 页 · 共 4 条");
    hresp_free(&r);
    h_request(h, &c, "GET", "/tasks?mine=1", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "您的账户未关联执法人员");
    hresp_free(&r);
    /* a malformed filter is the client's mistake, not "all tasks" */
    h_request(h, &c, "GET", "/api/v1/tasks?plan=abc", NULL, &r);
    ASSERT_STATUS(r, 400);
    assert_non_null(strstr(h_field_msg(&r, "plan"), "编号"));
    hresp_free(&r);
    h_request(h, &c, "GET", "/tasks?plan=abc", NULL, &r);
    ASSERT_STATUS(r, 400);
    ASSERT_HAS(r, "参数 plan 应为编号");
    hresp_free(&r);
    h_request(h, &c, "GET", url, NULL, &r);
    int64_t task = json_integer_value(
        json_object_get(json_array_get(json_object_get(r.json, "rows"), 0), "id"));
    /* task 2 (ids follow the entities drawn, not the task numbers) */
    int64_t other = json_integer_value(
        json_object_get(json_array_get(json_object_get(r.json, "rows"), 1), "id"));
    hresp_free(&r);

    struct client lead; /* 无法检查 is the team's or the leader's finding */
    h_login(h, &lead, "leader");
    snprintf(url, sizeof url, "/tasks/%lld", (long long)task);
    h_request(h, &lead, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    char form[64];
    snprintf(form, sizeof form, "action=\"/tasks/%lld/unable\"", (long long)task);
    ASSERT_HAS(r, form);
    ASSERT_HAS(r, "检查期限");
    hresp_free(&r);
    snprintf(url, sizeof url, "/tasks/%lld/unable", (long long)task);
    FORM(h, &lead, url, &r, "reason", "other", "note", "");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "note", "原因为“其他”时须写明具体情况");
    ASSERT_HAS(r, "<option value=\"other\" selected>其他</option>"); /* the form keeps it */
    hresp_free(&r);
    /* the step's route carries the step's permission: the viewer is refused before it runs */
    struct client view;
    h_login(h, &view, "viewer");
    FORM(h, &view, url, &r, "reason", "closed");
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    FORM(h, &lead, url, &r, "reason", "closed", "note", "已注销");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/tasks/%lld", (long long)task);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "state")), "unable");
    assert_string_equal(json_string_value(json_object_get(r.json, "reason_label")), "关闭（注销）");
    hresp_free(&r);
    /* the history and the audit trail read the reason and who took the step in Chinese, the
     * person by name (not the account, not the code) */
    struct err e = {0};
    if (db_exec(h->db, &e, "UPDATE app_user SET display_name = '周队长' WHERE username = 'leader'",
                "") < 0)
        fail_msg("%s", e.msg);
    snprintf(url, sizeof url, "/tasks/%lld", (long long)task);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "周队长</span> 无法检查 → 无法检查（关闭（注销）） 已注销");
    ASSERT_LACKS(r, "closed");
    hresp_free(&r);
    h_request(h, &c, "GET", "/audit?q=task.unable", NULL, &r);
    ASSERT_HAS(r, "无法检查：待检查 → 无法检查，关闭（注销）");
    ASSERT_HAS(r, "title=\"账号 leader\">周队长</td>");
    hresp_free(&r);
    /* the API refuses a second step and a publication without an inspection */
    snprintf(url, sizeof url, "/api/v1/tasks/%lld/unable", (long long)task);
    h_send_json(h, &lead, "POST", url, json_pack("{ss}", "reason", "closed"), &r);
    ASSERT_STATUS(r, 409);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/tasks/%lld/publish", (long long)other);
    h_send_json(h, &c, "POST", url, json_pack("{}"), &r);
    ASSERT_STATUS(r, 409);
    hresp_free(&r);
    snprintf(url, sizeof url, "/tasks/%lld/publish", (long long)other);
    FORM(h, &c, url, &r, "date", "");
    ASSERT_STATUS(r, 409);
    hresp_free(&r);

    /* figures: 1 of 4 closed out */
    h_request(h, &c, "GET", "/api/v1/draw-stats?by=line", NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *row = json_array_get(json_object_get(r.json, "rows"), 0);
    assert_string_equal(json_string_value(json_object_get(row, "label")), "医疗卫生");
    assert_string_equal(json_string_value(json_object_get(row, "completion_rate")), "0.00%");
    assert_string_equal(json_string_value(json_object_get(row, "closure_rate")), "25.00%");
    hresp_free(&r);
    h_request(h, &c, "GET", "/draw-stats?by=level", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "县区级");
    ASSERT_HAS(r, "25.00%");
    ASSERT_HAS(r, "id=\"draw-chart\"");
    hresp_free(&r);
}

/* 无法检查 is found on the spot: only an officer of the task's team, or the leader of its
 * agency, may record it; an administrator or another officer may not, page or API. */
static void test_r_task_04_only_the_team_or_the_leader_finds_a_task_unable(void **state)
{
    struct harness *h = *state;
    struct client admin, officer;
    struct err e = {0};
    h_login(h, &admin, "admin");
    int64_t plan = drawn_plan(h, &admin), entity;
    json_t *team;
    int64_t task = first_task(h, &admin, plan, &entity, &team);
    int64_t member = json_integer_value(json_array_get(team, 0));
    json_decref(team);
    char url[96];
    struct hresp r;
    snprintf(url, sizeof url, "/tasks/%lld/unable", (long long)task);
    FORM(h, &admin, url, &r, "reason", "closed", "note", "");
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    /* an officer, not on the team */
    int64_t stranger = 0;
    assert_int_equal(db_get_int(h->db, &e, &stranger,
                                "SELECT MIN(id) FROM officer WHERE id NOT IN (SELECT officer_id"
                                " FROM task_officer WHERE task_id = ?)",
                                "i", task),
                     0);
    db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE username = 'officer'", "i",
            stranger);
    h_login(h, &officer, "officer");
    snprintf(url, sizeof url, "/api/v1/tasks/%lld/unable", (long long)task);
    h_send_json(h, &officer, "POST", url, json_pack("{ss}", "reason", "closed"), &r);
    ASSERT_STATUS(r, 403);
    ASSERT_HAS(r, "只有该任务检查组的执法人员或本机构负责人可以认定");
    hresp_free(&r);
    /* on the team */
    db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE username = 'officer'", "i",
            member);
    h_send_json(h, &officer, "POST", url, json_pack("{ss}", "reason", "closed"), &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
}

static void test_r_insp_04_avoid_pages(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    add_entities(h, &c, 1, 1, false);
    int64_t officer = add_officer(h, &c, 1);
    struct hresp r;
    h_request(h, &c, "GET", "/api/v1/entities", NULL, &r);
    int64_t entity = json_integer_value(
        json_object_get(json_array_get(json_object_get(r.json, "rows"), 0), "id"));
    hresp_free(&r);
    char url[96];
    snprintf(url, sizeof url, "/entities/%lld/avoid", (long long)entity);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "没有须回避的执法人员");
    hresp_free(&r);
    FORM(h, &c, url, &r, "cert_no", "NOPE", "reason", "亲属");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "cert_no", "没有该执法人员（请填写执法证号）");
    hresp_free(&r);
    FORM(h, &c, url, &r, "cert_no", "JS-1", "reason", "");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "reason", "请填写回避理由");
    hresp_free(&r);
    FORM(h, &c, url, &r, "cert_no", "JS-1", "reason", "配偶为该诊所负责人");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/entities/%lld/avoid", (long long)entity);
    assert_int_equal(h_count_rows(h, &c, url), 1);
    h_send_json(h, &c, "POST", url,
                json_pack("{sI ss}", "officer_id", (json_int_t)officer, "reason", "再次"), &r);
    ASSERT_STATUS(r, 409);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/entities/%lld/avoid/%lld", (long long)entity,
             (long long)officer);
    h_request(h, &c, "DELETE", url, NULL, &r);
    ASSERT_STATUS(r, 204);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/entities/%lld/avoid", (long long)entity);
    h_send_json(h, &c, "POST", url,
                json_pack("{sI ss}", "officer_id", (json_int_t)officer, "reason", "亲属"), &r);
    ASSERT_STATUS(r, 201);
    hresp_free(&r);
    snprintf(url, sizeof url, "/entities/%lld/avoid/%lld/delete", (long long)entity,
             (long long)officer);
    FORM(h, &c, url, &r, "x", "1");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/entities/%lld/avoid", (long long)entity);
    assert_int_equal(h_count_rows(h, &c, url), 0);
}

/* ---- the public site ---------------------------------------------------------------------- */

static void test_public_pages_without_login(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    int64_t plan = drawn_plan(h, &c);
    struct hresp r;
    h_request(h, &c, "GET", "/api/v1/check-items", NULL, &r);
    int64_t item = json_integer_value(
        json_object_get(json_array_get(json_object_get(r.json, "rows"), 0), "id"));
    hresp_free(&r);
    int64_t draft = add_plan(h, &c, item, 1);
    h_request(h, NULL, "GET", "/public/draws", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "医疗机构双随机抽查");
    ASSERT_LACKS(r, "退出"); /* no login, no navigation */
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, NULL, "/api/v1/public/draws"), 1);

    char url[96];
    snprintf(url, sizeof url, "/public/draws/%lld", (long long)plan);
    h_request(h, NULL, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "验证通过");
    ASSERT_HAS(r, "381920");
    ASSERT_HAS(r, "--count 4");
    ASSERT_LACKS(r, "张三丰"); /* a natural person's name is masked */
    ASSERT_LACKS(r, "执法员"); /* teams are not published before the checks */
    ASSERT_LACKS(r, "身份证");
    hresp_free(&r);
    /* the JSON face shows no more than the page: not the joint inspectors' names */
    struct err e = {0};
    db_exec(h->db, &e, "UPDATE draw_plan SET joint_inspectors = '市场监管局李检查员' WHERE id = ?",
            "i", plan);
    snprintf(url, sizeof url, "/api/v1/public/draws/%lld", (long long)plan);
    h_request(h, NULL, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "李检查员");
    assert_null(json_object_get(r.json, "joint_inspectors"));
    assert_null(json_object_get(r.json, "officer_cap"));
    hresp_free(&r);

    /* the snapshot is the committed text: its SHA-256 is the commitment */
    snprintf(url, sizeof url, "/public/draws/%lld/snapshot.txt", (long long)plan);
    h_request(h, NULL, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(str_prefix(r.content_type, "text/plain"));
    ASSERT_HAS(r, "\t张**\n");
    ASSERT_LACKS(r, "张三丰");
    char hash[DRAW_HASH_HEX];
    draw_commitment(r.body, r.len, hash);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/public/draws/%lld", (long long)plan);
    h_request(h, NULL, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "pool_hash")), hash);
    assert_int_equal(json_array_size(json_object_get(r.json, "selection")), 4);
    assert_true(json_is_true(json_object_get(json_object_get(r.json, "verification"), "ok")));
    assert_null(json_object_get(r.json, "warnings"));
    hresp_free(&r);

    /* drafts are not public */
    snprintf(url, sizeof url, "/public/draws/%lld", (long long)draft);
    h_request(h, NULL, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    snprintf(url, sizeof url, "/public/draws/%lld/snapshot.txt", (long long)draft);
    h_request(h, NULL, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    /* the independent checker is served, and the specification it follows */
    h_request(h, NULL, "GET", "/assets/draw_verify.py", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "landun-draw-v1");
    hresp_free(&r);
    h_request(h, NULL, "GET", "/assets/draw-spec.md", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(str_prefix(r.content_type, "text/markdown"));
    ASSERT_HAS(r, "landun-draw-v1");
    hresp_free(&r);
    /* the seed, exactly, as a file; the page's command reads it from there */
    snprintf(url, sizeof url, "/public/draws/%lld/seed.txt", (long long)plan);
    h_request(h, NULL, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(r.len, strlen("381920"));
    assert_memory_equal(r.body, "381920", r.len);
    hresp_free(&r);
    snprintf(url, sizeof url, "/public/draws/%lld/seed.txt", (long long)draft);
    h_request(h, NULL, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    snprintf(url, sizeof url, "/public/draws/%lld", (long long)plan);
    h_request(h, NULL, "GET", url, NULL, &r);
    ASSERT_HAS(r, "<pre class=\"seed\" id=\"seed\">381920</pre>");
    ASSERT_HAS(r, "--seed-file draw-");
    ASSERT_LACKS(r, "--seed '");
    hresp_free(&r);
}

/* ---- permissions and CSRF ----------------------------------------------------------------- */

static void test_permissions_and_csrf(void **state)
{
    struct harness *h = *state;
    struct client admin, viewer, officer, clerk, other;
    h_login(h, &admin, "admin");
    int64_t plan = drawn_plan(h, &admin);
    h_login(h, &viewer, "viewer");
    h_login(h, &officer, "officer");
    h_login(h, &clerk, "clerk");
    h_login(h, &other, "other");
    struct hresp r;
    char url[96];

    /* anonymous: the login page, or 401 */
    h_request(h, NULL, "GET", "/plans", NULL, &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    h_request(h, NULL, "GET", "/api/v1/tasks", NULL, &r);
    ASSERT_STATUS(r, 401);
    hresp_free(&r);
    /* a viewer reads but writes nothing */
    assert_int_equal(h_count_rows(h, &viewer, "/api/v1/plans"), 1);
    h_send_json(h, &viewer, "POST", "/api/v1/check-items", json_pack("{ss}", "code", "X"), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/plans/new", NULL, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    /* an officer plans but does not commit or draw (负责人 and administrators do) */
    h_request(h, &officer, "GET", "/plans/new", NULL, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/plans/%lld/commit", (long long)plan);
    h_send_json(h, &officer, "POST", url, json_pack("{ss}", "seed_source", "x"), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    /* a clerk cannot close a task */
    snprintf(url, sizeof url, "/api/v1/tasks?plan=%lld", (long long)plan);
    h_request(h, &admin, "GET", url, NULL, &r);
    int64_t task = json_integer_value(
        json_object_get(json_array_get(json_object_get(r.json, "rows"), 0), "id"));
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/tasks/%lld/unable", (long long)task);
    h_send_json(h, &clerk, "POST", url, json_pack("{ss}", "reason", "closed"), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    /* another county sees none of it */
    snprintf(url, sizeof url, "/api/v1/plans/%lld", (long long)plan);
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/tasks/%lld", (long long)task);
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &other, "/api/v1/tasks"), 0);
    /* a cookie-authenticated write without the CSRF token is refused */
    struct client nocsrf = officer;
    nocsrf.csrf[0] = 0;
    snprintf(url, sizeof url, "/tasks/%lld/unable", (long long)task);
    FORM(h, &nocsrf, url, &r, "reason", "closed");
    ASSERT_STATUS(r, 403);
    ASSERT_HAS(r, "CSRF");
    hresp_free(&r);
    /* with it, an officer of the task's team may */
    struct err e2 = {0};
    db_exec(h->db, &e2,
            "UPDATE app_user SET officer_id = (SELECT MIN(officer_id) FROM task_officer"
            " WHERE task_id = ?) WHERE username = 'officer'",
            "i", task);
    FORM(h, &officer, url, &r, "reason", "closed");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
}

/* On 2026-12-07, the county's admin (c) draws a plan (*plan) and records the inspection of its
 * first task, which is returned. */
static int64_t inspected_on_2026_12_07(struct harness *h, struct client *c, int64_t *plan)
{
    h_set_now(h, "2026-12-07T10:00:00+08:00");
    h_login(h, c, "admin");
    *plan = drawn_plan(h, c);
    int64_t entity;
    json_t *officers;
    int64_t task = first_task(h, c, *plan, &entity, &officers);
    struct hresp r;
    h_send_json(h, c, "POST", "/api/v1/inspections",
                inspection_of(task, entity, officers, "2026-12-07"), &r);
    ASSERT_STATUS(r, 201);
    hresp_free(&r);
    return task;
}

/* RULES.md §0 at the year end: an inspection of 2026-12-07 opens its 20-working-day publication
 * deadline in 2027, whose notice is not loaded. It saves; the deadline is 暂定 on the task's page,
 * list and API; loading the 2027 notice recomputes it, audits the move for the county's
 * auditors and lists it for the administrator. */
static void test_r_cal_05_year_end_deadline_is_provisional_until_2027_loads(void **state)
{
    struct harness *h = *state;
    struct client c, top;
    int64_t plan, task = inspected_on_2026_12_07(h, &c, &plan);
    struct hresp r;
    /* 12-08 .. 12-31: 18 working days; 2027-01-01 元旦 (放假办法); 01-04, 01-05 */
    char url[96];
    snprintf(url, sizeof url, "/api/v1/tasks/%lld", (long long)task);
    h_request(h, &c, "GET", url, NULL, &r);
    assert_string_equal(json_string_value(json_object_get(r.json, "publish_due")), "2027-01-05");
    assert_true(json_is_true(json_object_get(r.json, "publish_due_provisional")));
    hresp_free(&r);
    h_request(h, &c, "GET", url + 7, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "应于 2027-01-05 <span class=\"tag tag-provisional\"");
    hresp_free(&r);
    snprintf(url, sizeof url, "/tasks?plan=%lld", (long long)plan);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "应于2027-01-05（暂定）前");
    hresp_free(&r);

    /* the notice arrives (tests/data: an arrangement invented for the test, 2027-01-04 off) */
    static const char *const fields[] = {"_csrf", "x", NULL};
    char *notice = h_read_file("tests/data/notice_2027_test.json");
    h_login(h, &top, "province");
    h_post_multipart(h, &top, "/api/v1/calendar/import", h_multipart("2027.json", notice, fields),
                     &r);
    free(notice);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "recomputed")), 1);
    json_t *moved = json_array_get(json_object_get(r.json, "moved"), 0);
    assert_int_equal(json_integer_value(json_object_get(moved, "object_id")), task);
    assert_string_equal(json_string_value(json_object_get(moved, "old_due")), "2027-01-05");
    assert_string_equal(json_string_value(json_object_get(moved, "new_due")), "2027-01-06");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/tasks/%lld", (long long)task);
    h_request(h, &c, "GET", url, NULL, &r);
    assert_string_equal(json_string_value(json_object_get(r.json, "publish_due")), "2027-01-06");
    assert_true(json_is_false(json_object_get(r.json, "publish_due_provisional")));
    hresp_free(&r);
    h_request(h, &c, "GET", url + 7, NULL, &r);
    ASSERT_HAS(r, "应于 2027-01-06 前公示");
    ASSERT_LACKS(r, "tag-provisional");
    hresp_free(&r);
    /* the move is in the county's audit trail and on the calendar page */
    struct client auditor;
    h_login(h, &auditor, "auditor");
    snprintf(url, sizeof url, "/api/v1/audit?object_type=task&object_id=%lld", (long long)task);
    h_request(h, &auditor, "GET", url, NULL, &r);
    ASSERT_HAS(r, "task.deadline");
    ASSERT_HAS(r, "由 2027-01-05（暂定）调整为 2027-01-06");
    hresp_free(&r);
    h_request(h, &top, "GET", "/calendar", NULL, &r);
    snprintf(url, sizeof url, "<a href=\"/tasks/%lld\">抽查任务 %lld</a>", (long long)task,
             (long long)task);
    ASSERT_HAS(r, url);
    ASSERT_HAS(r, "2027-01-05 → 2027-01-06");
    hresp_free(&r);
}

/* A day the administrator changes by hand moves the deadlines whose period runs over it, and
 * only those; the page lists them. */
static void test_a_day_changed_by_hand_moves_the_deadlines_over_it(void **state)
{
    struct harness *h = *state;
    struct client c, top;
    int64_t plan, task = inspected_on_2026_12_07(h, &c, &plan);
    (void)plan;
    struct hresp r;
    h_login(h, &top, "province");
    h_request(h, &top, "POST", "/api/v1/calendar/years", "{\"year\":2027,\"source\":\"通知\"}", &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "recomputed")), 1);
    assert_int_equal(json_array_size(json_object_get(r.json, "moved")), 0);
    hresp_free(&r);
    /* a day after the deadline changes nothing */
    FORM(h, &top, "/calendar/days", &r, "day", "2027-01-08", "off", "1", "name", "x");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    /* a day inside it moves it */
    FORM(h, &top, "/calendar/days", &r, "day", "2027-01-04", "off", "1", "name", "元旦");
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已保存，重算涉及该日的期限 1 个，其中以下期限的届满日期有调整");
    ASSERT_HAS(
        r, "<td class=\"mono nowrap\">2027-01-05</td><td class=\"mono nowrap\">2027-01-06</td>");
    ASSERT_HAS(r, "<td>手工修改日期</td>");
    hresp_free(&r);
    char url[64];
    snprintf(url, sizeof url, "/api/v1/tasks/%lld", (long long)task);
    h_request(h, &c, "GET", url, NULL, &r);
    assert_string_equal(json_string_value(json_object_get(r.json, "publish_due")), "2027-01-06");
    assert_true(json_is_false(json_object_get(r.json, "publish_due_provisional")));
    hresp_free(&r);
    /* and back */
    h_request(h, &top, "POST", "/api/v1/calendar/days/clear", "{\"day\":\"2027-01-04\"}", &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(r.json, "moved"), 0), "new_due")),
                        "2027-01-05");
    hresp_free(&r);
}

/* The start page counts waiting and overdue tasks and lists deadlines due soon or passed, with
 * links to their matters (law/workflow.c: wf_deadlines). */
static void test_start_page_shows_tasks_and_deadlines(void **state)
{
    struct harness *h = *state;
    struct client c;
    struct err e = {0};
    h_login(h, &c, "admin");
    int64_t plan = drawn_plan(h, &c);
    int64_t task = 0;
    assert_int_equal(
        db_get_int(h->db, &e, &task, "SELECT MIN(id) FROM task WHERE plan_id = ?", "i", plan), 0);
    assert_true(db_exec(h->db, &e,
                        "UPDATE wf_deadline SET due_on = ? WHERE kind = 'task' AND object_id = ?",
                        "ti", day(-1), task) == 1);
    assert_true(
        db_exec(h->db, &e, "UPDATE task SET deadline = ? WHERE id = ?", "ti", day(-1), task) == 1);
    struct hresp r;
    h_request(h, &c, "GET", "/", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<b>4</b><span>双随机待检查</span>");
    ASSERT_HAS(r, "<b>1</b><span>抽查任务逾期</span>");
    char link[64];
    snprintf(link, sizeof link, "href=\"/tasks/%lld\"", (long long)task);
    ASSERT_HAS(r, link);
    ASSERT_HAS(r, "已逾期");
    /* each tile opens the list it counts */
    ASSERT_HAS(r, "href=\"/tasks?state=overdue\"><b>1</b>");
    ASSERT_LACKS(r, "我的待检查任务"); /* the administrator is no officer */
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/tasks?state=overdue"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/tasks?state=pending"), 4);
    /* an officer's start page lists the tasks waiting for them, the overdue one marked */
    db_exec(h->db, &e,
            "UPDATE app_user SET officer_id = (SELECT MIN(officer_id) FROM task_officer"
            " WHERE task_id = ?) WHERE username = 'officer'",
            "i", task);
    struct client officer;
    h_login(h, &officer, "officer");
    h_request(h, &officer, "GET", "/", NULL, &r);
    ASSERT_HAS(r, "我的待检查任务");
    ASSERT_HAS(r, link);
    ASSERT_HAS(r, "href=\"/tasks?mine=1&amp;state=pending\"");
    hresp_free(&r);
    /* the neighbouring county sees none of it */
    struct client other;
    h_login(h, &other, "other");
    h_request(h, &other, "GET", "/", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, link);
    ASSERT_HAS(r, "暂无临近或逾期的事项");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_check_item_pages),
        T(test_plan_form_commit_and_draw_pages),
        T(test_r_plan_05_withdraw_and_delete),
        T(test_r_draw_09_commit_refused_when_no_team_can_be_formed),
        T(test_r_task_03_task_pages_and_figures),
        T(test_r_task_04_only_the_team_or_the_leader_finds_a_task_unable),
        T(test_r_insp_04_avoid_pages),
        T(test_public_pages_without_login),
        T(test_permissions_and_csrf),
        T(test_r_task_01_task_carried_out_through_the_inspection_form),
        T(test_city_plan_carried_out_by_county_officers),
        T(test_start_page_shows_tasks_and_deadlines),
        T(test_r_cal_05_year_end_deadline_is_provisional_until_2027_loads),
        T(test_a_day_changed_by_hand_moves_the_deadlines_over_it),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
