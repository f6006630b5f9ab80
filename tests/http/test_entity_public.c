/* test_entity_public.c — an entity's public page through the real router: its licences and its
 * published results (and nothing queued, withheld or past its period), a natural person's
 * personal information kept off every public route, the right to reply and its review, the QR
 * code of the page's configured address and the printable 公示牌 (docs/publicity.md). */
#include "tests/support.h"
#include "docs/qr.h"
#include "law/auth.h"
#include "law/role.h"
#include "law/setting.h"
#include "web/public_url.h"
#include "web/web.h"

#include <stdio.h>
#include <string.h>

#define NOW "2026-06-15T10:00:00+08:00" /* every test's now */

/* What is planted in a natural person's registration and in the facts of his penalty. */
#define P_NAME    "欧阳测试甲"
#define P_ID      "32041219800101123X"
#define P_PHONE   "13912345678"
#define P_ADDRESS "常州市武进区湖塘镇某某路99号"

/* ---- records, written as the registry and the publicity queue hold them --------------------- */

static int64_t agency_id(struct harness *h, const char *code)
{
    int64_t id = 0;
    struct err e = {0};
    assert_int_equal(db_get_int(h->db, &e, &id, "SELECT id FROM agency WHERE code = ?", "t", code),
                     0);
    return id;
}

/* An entity of agency code: an organisation with uscc, or a person (uscc NULL). */
static int64_t add_entity(struct harness *h, const char *code, const char *name, const char *uscc,
                          const char *id_number, const char *phone, const char *address)
{
    int64_t id = 0, agency = agency_id(h, code), root = agency_id(h, "320000");
    struct err e = {0};
    if (db_get_int(h->db, &e, &id,
                   "INSERT INTO entity (agency_id, root_id, kind, name, uscc, id_number, address,"
                   " subtype, lines, status, phone, created_at, updated_at)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'medical', 'open', ?, 0, 0) RETURNING id",
                   "iitttttti", agency, root, uscc ? "org" : "person", name, uscc, id_number,
                   address, uscc ? "clinic" : "person", phone))
        fail_msg("entity: %s", e.msg);
    return id;
}

static void add_licence(struct harness *h, int64_t entity, const char *number)
{
    struct err e = {0};
    if (db_exec(h->db, &e,
                "INSERT INTO licence (entity_id, type, number, valid_from, valid_to)"
                " VALUES (?, 'medical_institution', ?, '2024-01-01', '2029-12-31')",
                "it", entity, number) < 0)
        fail_msg("licence: %s", e.msg);
}

/* A publicity item of entity in state, published until max_until (NULL: no end). */
static int64_t add_item(struct harness *h, const char *code, int64_t entity, bool person,
                        const char *state, const char *title, const char *max_until, json_t *data)
{
    static int64_t source = 1000;
    char *text = json_dumps(data, JSON_COMPACT);
    json_decref(data);
    int64_t id = 0;
    struct err e = {0};
    if (db_get_int(
            h->db, &e, &id,
            "INSERT INTO publicity_item (agency_id, kind, source_id, entity_id, line, person,"
            " state, title, decided_on, severity, max_until, published_on, withdraw_reason,"
            " data, changed_at, created_at, updated_at) VALUES (?, 'penalty', ?, ?,"
            " 'medical', ?, ?, ?, '2026-05-10', 'general', ?, '2026-05-12', ?, ?, 0, 0, 0)"
            " RETURNING id",
            "iiiittttt", agency_id(h, code), ++source, entity, (int64_t)person, state, title,
            max_until, strcmp(state, "withdrawn") == 0 ? "复议决定撤销原处罚决定" : NULL, text))
        fail_msg("item: %s", e.msg);
    free(text);
    return id;
}

/* The data of a penalty as the queue keeps it, with facts. */
static json_t *penalty_data(const char *doc_no, const char *party, const char *facts)
{
    return json_pack("{ss ss ss ss ss ss}", "doc_no", doc_no, "party", party, "facts", facts,
                     "types", "警告,罚款", "content", "警告，罚款人民币五千元", "decided_on",
                     "2026-05-10");
}

static int setup(void **state)
{
    int rc = harness_setup(state);
    if (!rc) h_set_now(*state, NOW);
    if (!rc) public_url_set(NULL, &(struct err){0});
    return rc;
}

static void get(struct harness *h, const char *target, int status, struct hresp *r)
{
    h_request(h, NULL, "GET", target, NULL, r);
    ASSERT_STATUS(*r, status);
}

/* ---- the page ----------------------------------------------------------------------------- */

static void test_r_pub_20_the_page_shows_published_results_and_licences_only(void **state)
{
    struct harness *h = *state;
    char uscc[19], target[96];
    h_uscc(41, uscc);
    int64_t e = add_entity(h, "320412", "武进区湖塘某某诊所", uscc, NULL, "0519-86661234",
                           "武进区湖塘镇某路1号");
    add_licence(h, e, "PDY60001232041211D2192");
    int64_t shown =
        add_item(h, "320412", e, false, "published", "武卫医罚〔2026〕11号 某某诊所", "2027-05-10",
                 penalty_data("武卫医罚〔2026〕11号", "武进区湖塘某某诊所",
                              "使用非卫生技术人员从事医疗卫生技术工作"));
    int64_t gone =
        add_item(h, "320412", e, false, "withdrawn", "武卫医罚〔2026〕12号 撤回的", "2027-05-10",
                 penalty_data("武卫医罚〔2026〕12号", "x", "撤回前的事实"));
    add_item(h, "320412", e, false, "queued", "QUEUED-TITLE 待公示", NULL,
             penalty_data("QUEUED-DOC", "x", "QUEUED-FACTS"));
    add_item(h, "320412", e, false, "withheld", "WITHHELD-TITLE 不予公示", NULL,
             penalty_data("WITHHELD-DOC", "x", "WITHHELD-FACTS"));
    add_item(h, "320412", e, false, "published", "EXPIRED-TITLE 期满", "2026-06-01",
             penalty_data("EXPIRED-DOC", "x", "EXPIRED-FACTS"));

    struct hresp r;
    snprintf(target, sizeof target, "/public/entities/%lld", (long long)e);
    get(h, target, 200, &r);
    ASSERT_HAS(r, "武进区湖塘某某诊所");
    ASSERT_HAS(r, uscc);
    ASSERT_HAS(r, "PDY60001232041211D2192");
    ASSERT_HAS(r, "武卫医罚〔2026〕11号 某某诊所");
    ASSERT_HAS(r, "警告，罚款人民币五千元");
    char link[64];
    snprintf(link, sizeof link, "href=\"/public/decisions/%lld\"", (long long)shown);
    ASSERT_HAS(r, link);
    ASSERT_HAS(r, "复议决定撤销原处罚决定");
    ASSERT_LACKS(r, "撤回前的事实");
    ASSERT_HAS(r, "对公示结果的回应");
    for (const char *const *s = (const char *const[]){"QUEUED", "WITHHELD", "EXPIRED", NULL}; *s;
         s++)
        ASSERT_LACKS(r, *s);
    hresp_free(&r);

    snprintf(target, sizeof target, "/api/v1/public/entities/%lld", (long long)e);
    get(h, target, 200, &r);
    json_t *items = json_object_get(r.json, "items");
    assert_int_equal(json_array_size(items), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "id")), gone);
    assert_true(json_is_true(json_object_get(json_array_get(items, 0), "withdrawn")));
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 1), "id")), shown);
    assert_null(json_object_get(json_array_get(items, 1), "reply_form"));
    assert_int_equal(json_array_size(json_object_get(r.json, "licences")), 1);
    hresp_free(&r);

    /* an entity without results still has its page; none at all is 404 */
    int64_t quiet = add_entity(h, "320412", "某某门诊部", "91320412MA1TEST01X", NULL, NULL, "");
    snprintf(target, sizeof target, "/public/entities/%lld", (long long)quiet);
    get(h, target, 200, &r);
    ASSERT_HAS(r, "暂无公示信息");
    hresp_free(&r);
    get(h, "/public/entities/999999", 404, &r);
    hresp_free(&r);
    get(h, "/api/v1/public/entities/999999", 404, &r);
    hresp_free(&r);
    /* the reviewers' pages are not there without login */
    get(h, "/publicity/replies", 303, &r);
    hresp_free(&r);
    get(h, "/api/v1/publicity/replies", 401, &r);
    hresp_free(&r);
}

/* The target of a public GET route for the masking walk: its {…} filled with the person's
 * entity or item. */
static void fill(const char *pattern, int64_t entity, int64_t item, char *out, size_t n)
{
    size_t o = 0;
    for (const char *p = pattern; *p && o + 24 < n;) {
        if (*p != '{') {
            out[o++] = *p++;
            continue;
        }
        const char *close = strchr(p, '}');
        o +=
            (size_t)snprintf(out + o, n - o, "%lld",
                             (long long)(str_prefix(pattern, "/public/entities/") ? entity : item));
        p = close + 1;
    }
    out[o] = 0;
}

static void assert_masked(const struct hresp *r, const char *target)
{
    static const char *const planted[] = {P_NAME, P_ID, P_PHONE, P_ADDRESS, "测试甲", NULL};
    for (int i = 0; planted[i]; i++)
        if (strstr(r->body, planted[i])) fail_msg("%s shows %s", target, planted[i]);
}

static void test_r_pub_20_r_pub_01_a_person_is_masked_on_every_public_route(void **state)
{
    struct harness *h = *state;
    assert_int_equal(public_url_set("https://wsjd.example.gov.cn", &(struct err){0}), 0);
    int64_t e = add_entity(h, "320412", P_NAME, NULL, P_ID, P_PHONE, P_ADDRESS);
    add_licence(h, e, "健康证" P_ID);
    const char *facts = "当事人" P_NAME "（身份证号" P_ID "，电话" P_PHONE "，住" P_ADDRESS
                        "）未取得医疗机构执业许可证擅自执业";
    json_t *data = penalty_data("武卫医罚〔2026〕21号", P_NAME, facts);
    json_object_set_new(data, "content", json_string(facts)); /* the line the page shows */
    int64_t item = add_item(h, "320412", e, true, "published", "武卫医罚〔2026〕21号 " P_NAME,
                            "2027-05-10", data);
    /* an approved reply that names him again */
    struct err err = {0};
    int64_t reply = 0;
    assert_int_equal(db_get_int(h->db, &err, &reply,
                                "INSERT INTO publicity_reply (item_id, body, contact, submitted_at,"
                                " state, moderated_at) VALUES (?, ?, ?, 0, 'approved', 0)"
                                " RETURNING id",
                                "itt", item, "本人" P_NAME "已整改，电话" P_PHONE,
                                P_NAME " " P_PHONE),
                     0);

    char target[160];
    struct hresp r;
    snprintf(target, sizeof target, "/public/entities/%lld", (long long)e);
    get(h, target, 200, &r);
    ASSERT_HAS(r, "欧****");
    ASSERT_HAS(r, "未取得医疗机构执业许可证擅自执业");
    ASSERT_HAS(r, "已整改");
    assert_masked(&r, target);
    hresp_free(&r);
    snprintf(target, sizeof target, "/public/entities/%lld/sign", (long long)e);
    get(h, target, 200, &r);
    ASSERT_HAS(r, "扫码查看监督检查、行政处罚等公示信息");
    assert_masked(&r, target);
    hresp_free(&r);

    /* every public route, HTML and JSON, filled with his records */
    int walked = 0;
    for (size_t i = 0; i < web_nroutes; i++) {
        const struct route *rt = &web_routes[i];
        if (rt->perm != PERM_PUBLIC || strcmp(rt->method, "GET") != 0 ||
            str_prefix(rt->pattern, "/assets/"))
            continue;
        for (int face = 0; face < 2; face++) {
            if (!(rt->faces & (face ? ROUTE_API : ROUTE_HTML))) continue;
            snprintf(target, sizeof target, "%s", face ? "/api/v1" : "");
            fill(rt->pattern, e, item, target + strlen(target), sizeof target - strlen(target));
            h_request(h, NULL, "GET", target, NULL, &r);
            assert_masked(&r, target);
            hresp_free(&r);
            walked++;
        }
    }
    assert_true(walked >= 10);
}

/* ---- the right to reply ------------------------------------------------------------------- */

/* The reply form of item posted without login. */
static void reply(struct harness *h, int64_t item, const char *body, const char *phone,
                  struct hresp *r)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)item);
    FORM(h, NULL, "/public/replies", r, "item_id", id, "body", body, "name", "王经理", "phone",
         phone);
}

static int64_t pending_id(struct harness *h, int64_t item)
{
    return strtoll(h_text(h,
                          "SELECT MAX(id) FROM publicity_reply WHERE item_id = ?"
                          " AND state = 'pending'",
                          "i", item),
                   NULL, 10);
}

static void test_r_pub_21_r_pub_23_a_reply_is_shown_once_approved_without_its_contact(void **state)
{
    struct harness *h = *state;
    assert_int_equal(setting_set(&h->ctx, "public.submissions_per_day", "50", &(struct err){0}), 0);
    char uscc[19], page[64], target[96];
    h_uscc(42, uscc);
    int64_t e = add_entity(h, "320412", "某某口腔诊所", uscc, NULL, NULL, "某路2号");
    int64_t item =
        add_item(h, "320412", e, false, "published", "武卫医罚〔2026〕31号 某某口腔诊所",
                 "2027-05-10", penalty_data("武卫医罚〔2026〕31号", "某某口腔诊所", "f"));
    snprintf(page, sizeof page, "/public/entities/%lld", (long long)e);

    struct hresp r;
    reply(h, item, "我单位已整改完毕，负责人电话13812345678。", "0519-88881234", &r);
    ASSERT_STATUS(r, 303);
    snprintf(target, sizeof target, "%s?replied=1#item-%lld", page, (long long)item);
    assert_string_equal(r.location, target);
    hresp_free(&r);
    get(h, page, 200, &r);
    ASSERT_LACKS(r, "我单位已整改完毕"); /* pending: not yet */
    hresp_free(&r);

    /* the reviewer sees it with its contact, and approves it */
    struct client legal;
    h_login(h, &legal, "legal");
    h_request(h, &legal, "GET", "/publicity/replies", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "我单位已整改完毕");
    ASSERT_HAS(r, "王经理 0519-88881234");
    hresp_free(&r);
    int64_t first = pending_id(h, item);
    snprintf(target, sizeof target, "/publicity/replies/%lld/approve", (long long)first);
    FORM(h, &legal, target, &r, "_csrf", legal.csrf);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    get(h, page, 200, &r);
    ASSERT_HAS(r, "我单位已整改完毕");
    ASSERT_LACKS(r, "13812345678"); /* its text masked as the item's */
    ASSERT_LACKS(r, "王经理");
    ASSERT_LACKS(r, "88881234");
    hresp_free(&r);
    snprintf(target, sizeof target, "/api/v1%s", page);
    get(h, target, 200, &r);
    ASSERT_LACKS(r, "王经理");
    ASSERT_LACKS(r, "contact");
    hresp_free(&r);
    /* a reply is decided once */
    snprintf(target, sizeof target, "/api/v1/publicity/replies/%lld/reject", (long long)first);
    h_request(h, &legal, "POST", target, "{\"note\":\"重复\"}", &r);
    ASSERT_STATUS(r, 409);
    hresp_free(&r);

    /* a rejection needs its reason, and is not shown */
    reply(h, item, "另一条不予采纳的回应", "13900001111", &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    int64_t second = pending_id(h, item);
    snprintf(target, sizeof target, "/publicity/replies/%lld/reject", (long long)second);
    FORM(h, &legal, target, &r, "_csrf", legal.csrf, "note", "");
    ASSERT_STATUS(r, 422);
    h_assert_error_count(&r);
    h_assert_field_error(&r, "note", "不予采纳的，请写明理由");
    hresp_free(&r);
    FORM(h, &legal, target, &r, "_csrf", legal.csrf, "note", "与公示内容无关");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    get(h, page, 200, &r);
    ASSERT_LACKS(r, "另一条不予采纳的回应");
    hresp_free(&r);
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM audit_log WHERE action = 'publicity_reply.approve'"
                         " AND object_id = ?",
                         "i", item));
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM audit_log WHERE action = 'publicity_reply.reject'"
                         " AND summary LIKE '%与公示内容无关%'",
                         ""));
    /* the reviewers' list by state */
    h_request(h, &legal, "GET", "/api/v1/publicity/replies?state=rejected", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "rows")), 1);
    hresp_free(&r);
    /* an officer may not review; logged in, the public form carries the session's token */
    struct client officer;
    h_login(h, &officer, "officer");
    h_request(h, &officer, "GET", "/publicity/replies", NULL, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &officer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, officer.csrf);
    hresp_free(&r);
    snprintf(target, sizeof target, "%lld", (long long)item);
    FORM(h, &officer, "/public/replies", &r, "_csrf", officer.csrf, "item_id", target, "body",
         "回应", "name", "王经理", "phone", "13900005555");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
}

static void test_r_pub_23_another_countys_reviewer_gets_404(void **state)
{
    struct harness *h = *state;
    struct user_input in = {.username = "legal2",
                            .display_name = "新北法制",
                            .password = TEST_PASSWORD,
                            .agency_code = "320411",
                            .roles = 1u << ROLE_LEGAL};
    int64_t uid;
    struct err err = {0};
    assert_int_equal(user_add(&h->ctx, &in, &uid, &err), 0);
    int64_t e = add_entity(h, "320412", "某某美容店", "91320412MA1TEST02X", NULL, NULL, "");
    int64_t item = add_item(h, "320412", e, false, "published", "武卫公罚〔2026〕1号 某某美容店",
                            "2027-05-10", penalty_data("武卫公罚〔2026〕1号", "某某美容店", "f"));
    struct hresp r;
    reply(h, item, "武进的回应", "13900002222", &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    struct client other;
    h_login(h, &other, "legal2");
    h_request(h, &other, "GET", "/api/v1/publicity/replies", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "rows")), 0);
    hresp_free(&r);
    char target[96];
    snprintf(target, sizeof target, "/api/v1/publicity/replies/%lld/approve",
             (long long)pending_id(h, item));
    h_request(h, &other, "POST", target, "{}", &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    assert_true(h_exists(h->db, "SELECT 1 FROM publicity_reply WHERE state = 'pending'", ""));
}

static void test_r_pub_22_replies_are_checked_and_limited(void **state)
{
    struct harness *h = *state;
    assert_int_equal(setting_set(&h->ctx, "public.submissions_per_day", "2", &(struct err){0}), 0);
    int64_t e = add_entity(h, "320412", "某某游泳馆", "91320412MA1TEST03X", NULL, NULL, "");
    int64_t item = add_item(h, "320412", e, false, "published", "武卫公罚〔2026〕2号 某某游泳馆",
                            "2027-05-10", penalty_data("武卫公罚〔2026〕2号", "某某游泳馆", "f"));
    int64_t queued =
        add_item(h, "320412", e, false, "queued", "待公示的", NULL, penalty_data("x", "x", "x"));
    struct hresp r;
    /* the fields, beside the form on the entity page; a refused form costs nothing */
    char longer[3100] = "";
    for (int i = 0; i < 1001; i++)
        strcat(longer, "字");
    reply(h, item, longer, "电话", &r);
    ASSERT_STATUS(r, 422);
    h_assert_error_count(&r);
    h_assert_field_error(&r, "body", "回应内容不超过1000个字");
    ASSERT_HAS(r, "某某游泳馆");
    hresp_free(&r);
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)item);
    FORM(h, NULL, "/public/replies", &r, "item_id", id, "body", "", "name", "", "phone", "");
    ASSERT_STATUS(r, 422);
    h_assert_error_count(&r);
    h_assert_field_error(&r, "name", "请填写联系人");
    hresp_free(&r);
    h_request(h, NULL, "POST", "/api/v1/public/replies",
              "{\"item_id\":\"999999\",\"body\":\"\",\"name\":\"x\",\"phone\":\"x\"}", &r);
    ASSERT_STATUS(r, 404); /* no such published item: nothing to check */
    hresp_free(&r);
    /* not to an item the public does not see */
    reply(h, queued, "回应待公示的", "13900003333", &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    char body[160];
    snprintf(body, sizeof body,
             "{\"item_id\":\"%lld\",\"body\":\"\",\"name\":\"\",\"phone\":\"x\"}", (long long)item);
    h_request(h, NULL, "POST", "/api/v1/public/replies", body, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "body"));
    assert_non_null(h_field_msg(&r, "name"));
    assert_non_null(h_field_msg(&r, "phone"));
    hresp_free(&r);
    /* two a day from one address */
    for (int i = 0; i < 2; i++) {
        reply(h, item, "回应", "13900004444", &r);
        ASSERT_STATUS(r, 303);
        hresp_free(&r);
    }
    reply(h, item, "第三条回应", "13900004444", &r);
    ASSERT_STATUS(r, 429);
    ASSERT_HAS(r, "已达上限");
    hresp_free(&r);
    assert_false(h_exists(h->db, "SELECT 1 FROM publicity_reply WHERE body = '第三条回应'", ""));
}

/* ---- the QR code and the 公示牌 ------------------------------------------------------------ */

static void test_r_pub_24_the_qr_code_encodes_the_configured_address(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    /* the library's round trip: 37 bytes at level M take version 3, 29 modules a side */
    int version = 0, width = 0;
    assert_int_equal(qr_size("https://example.org/public/entities/1", &version, &width, &e), 0);
    assert_int_equal(version, 3);
    assert_int_equal(width, 29);
    struct buf svg = {0};
    assert_int_equal(qr_svg("https://example.org/public/entities/1", &svg, &e), 0);
    assert_true(str_prefix(buf_str(&svg), "<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_non_null(strstr(buf_str(&svg), "viewBox=\"0 0 37 37\""));
    assert_non_null(strstr(buf_str(&svg), "</svg>"));
    /* the finder pattern at the top left: a row of 7 dark modules inside the quiet zone */
    assert_non_null(strstr(buf_str(&svg), "M4 4h7v1h-7z"));
    buf_free(&svg);
    assert_int_equal(qr_size("", &version, &width, &e), ERR_INVALID);
    err_clear(&e);

    /* only a well-formed address is configured */
    static const char *const bad[] = {
        "wsjd.example.gov.cn",  "javascript:alert(1)", "https://", "https://x.gov.cn/?a=1",
        "https://x.gov.cn/a b", "https://u@x.gov.cn",  NULL};
    for (int i = 0; bad[i]; i++) {
        assert_int_equal(public_url_set(bad[i], &e), ERR_INVALID);
        err_clear(&e);
    }
    int64_t entity = add_entity(h, "320412", "某某宾馆", "91320412MA1TEST04X", NULL, NULL, "");
    add_licence(h, entity, "苏卫公证字〔2024〕第320412-0088号");
    char target[96];
    struct hresp r;
    /* without an address: no QR code, and the sign says which option it needs */
    snprintf(target, sizeof target, "/public/entities/%lld/qr.svg", (long long)entity);
    get(h, target, 404, &r);
    hresp_free(&r);
    snprintf(target, sizeof target, "/public/entities/%lld/sign", (long long)entity);
    get(h, target, 200, &r);
    ASSERT_HAS(r, "--public-url");
    ASSERT_LACKS(r, "qr.svg");
    hresp_free(&r);

    assert_int_equal(public_url_set("https://wsjd.example.gov.cn/landun/", &e), 0);
    assert_string_equal(public_url(), "https://wsjd.example.gov.cn/landun");
    get(h, target, 200, &r);
    char url[96];
    snprintf(url, sizeof url, "https://wsjd.example.gov.cn/landun/public/entities/%lld",
             (long long)entity);
    ASSERT_HAS(r, url);
    ASSERT_HAS(r, "扫码查看监督检查、行政处罚等公示信息");
    ASSERT_HAS(r, "苏卫公证字〔2024〕第320412-0088号");
    ASSERT_HAS(r, "武进区"); /* the agency (常州市武进区卫生健康局) */
    ASSERT_HAS(r, "qr.svg");
    hresp_free(&r);
    snprintf(target, sizeof target, "/public/entities/%lld/qr.svg", (long long)entity);
    get(h, target, 200, &r);
    assert_string_equal(r.content_type, "image/svg+xml");
    assert_true(str_prefix(r.body, "<svg"));
    struct buf want = {0};
    assert_int_equal(qr_svg(url, &want, &e), 0);
    assert_string_equal(r.body, buf_str(&want)); /* the symbol of exactly that address */
    buf_free(&want);
    hresp_free(&r);
    get(h, "/public/entities/999999/qr.svg", 404, &r);
    hresp_free(&r);

    /* the staff's entity page links to the sign */
    struct client admin;
    h_login(h, &admin, "admin");
    snprintf(target, sizeof target, "/entities/%lld", (long long)entity);
    h_request(h, &admin, "GET", target, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "打印公示牌");
    hresp_free(&r);
    public_url_set(NULL, &e);
}

int main(int argc, char **argv)
{
    (void)argc, (void)argv;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_r_pub_20_the_page_shows_published_results_and_licences_only, setup,
            harness_teardown),
        cmocka_unit_test_setup_teardown(
            test_r_pub_20_r_pub_01_a_person_is_masked_on_every_public_route, setup,
            harness_teardown),
        cmocka_unit_test_setup_teardown(
            test_r_pub_21_r_pub_23_a_reply_is_shown_once_approved_without_its_contact, setup,
            harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_pub_23_another_countys_reviewer_gets_404, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_pub_22_replies_are_checked_and_limited, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_pub_24_the_qr_code_encodes_the_configured_address,
                                        setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
