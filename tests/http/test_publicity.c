/* test_publicity.c — the publicity queue through the real router: a decision queued with its
 * deadline on the calendar, unreachable by the public until a reviewer publishes it, a natural
 * person's details masked on every face, the reviewer's masking, withdrawal after a revoked
 * decision, the publication period and credit repair, the figures and the scope. */
#include "support.h"
#include "case_fixture.h"
#include "law/publicity.h"
#include "law/remedy.h"
#include "law/setting.h"
#include "law/entity.h"
#include "law/inspection.h"

#include <stdio.h>
#include <string.h>

#define NAME    "欧阳测试甲"
#define IDNO    "32041219800101123X"
#define PHONE   "13912345678"
#define ADDRESS "常州市武进区湖塘镇某某路99号"

/* The publicity item of case id. */
static int64_t item_of(struct harness *h, int64_t case_id)
{
    return atoll(h_text(
        h,
        "SELECT id FROM publicity_item WHERE source_id = ? AND kind IN ('penalty', 'no_penalty')",
        "i", case_id));
}

/* A case against a natural person not in the registry, its facts naming the person's ID
 * number, phone and address, decided by "leader" on 2026-12-15 (警告、罚款 2,000 元). */
static int64_t person_decided(struct harness *h)
{
    struct case_input in = cf_sample("2026-11-02", "2026-10-30");
    in.entity_id = NULL;
    in.party_name = NAME;
    in.party_kind = "citizen";
    in.party_address = ADDRESS;
    in.summary = "当事人" NAME "（身份证号" IDNO "，电话" PHONE "）在" ADDRESS "非法行医";
    return cf_decided_in(h, in, "warning,fine", "2000");
}

static void assert_no_person(const struct hresp *r)
{
    ASSERT_LACKS(*r, NAME);
    ASSERT_LACKS(*r, IDNO);
    ASSERT_LACKS(*r, "1980010112");
    ASSERT_LACKS(*r, PHONE);
    ASSERT_LACKS(*r, ADDRESS);
}

static void publish(struct harness *h, int64_t item, const char *day)
{
    struct wf_args a = {.date = day};
    h_must(h, &publicity_workflow, "legal", item, "publish", &a);
}

/* [R-PUB-03] [R-PUB-11] A decision enters the queue at once with its 7 working days; nobody
 * without login reaches it before it is published; published, it is listed and shown with every
 * field, on the page and in the JSON alike. */
static void test_r_pub_03_r_pub_11_r_pub_13_queued_then_published(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_decided(h, "warning,fine", "2000");
    int64_t item = item_of(h, id);
    assert_string_equal(h_text(h, "SELECT state FROM publicity_item WHERE id = ?", "i", item),
                        "queued");
    /* 2026-12-15 (Tuesday) + 7 working days */
    assert_string_equal(h_due(h, "publicity", item, "publish"), "2026-12-24");
    assert_string_equal(h_text(h, "SELECT severity FROM publicity_item WHERE id = ?", "i", item),
                        "minor");
    struct client anon = {0}, legal, viewer;
    h_login(h, &legal, "legal");
    h_login(h, &viewer, "viewer");
    char url[80], api[80];
    snprintf(url, sizeof url, "/public/decisions/%lld", (long long)item);
    snprintf(api, sizeof api, "/api/v1/public/decisions/%lld", (long long)item);
    struct hresp r;
    h_request(h, &anon, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    h_request(h, &anon, "GET", "/public/decisions", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "康宁诊所");
    hresp_free(&r);
    /* the queue shows it to staff, the publish button to the reviewer only */
    h_request(h, &legal, "GET", "/publicity?state=queued", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "康宁诊所");
    ASSERT_HAS(r, "2026-12-24");
    hresp_free(&r);
    char show[64];
    snprintf(show, sizeof show, "/publicity/%lld", (long long)item);
    h_request(h, &viewer, "GET", show, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "/publish\"");
    hresp_free(&r);
    /* a withholding needs its reason */
    char post[80];
    snprintf(post, sizeof post, "/publicity/%lld/withhold", (long long)item);
    FORM(h, &legal, post, &r, "reason", "");
    ASSERT_STATUS(r, 422);
    h_assert_error_count(&r);
    hresp_free(&r);
    snprintf(post, sizeof post, "/publicity/%lld/publish", (long long)item);
    FORM(h, &legal, post, &r, "date", "2026-12-18");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    h_request(h, &anon, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "行政处罚决定书文号");
    ASSERT_HAS(r, "康宁诊所");
    ASSERT_HAS(r, "0.200000"); /* 2,000 元 in 万元 */
    ASSERT_HAS(r, "公示截止期");
    hresp_free(&r);
    h_request(h, &anon, "GET", api, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_non_null(json_object_get(r.json, "fields"));
    hresp_free(&r);
    h_request(h, &anon, "GET", "/public/decisions?kind=penalty&q=康宁", NULL, &r);
    ASSERT_HAS(r, url);
    hresp_free(&r);
    /* [R-PUB-13] a filter that is not one is refused beside its field */
    h_request(h, &anon, "GET", "/public/decisions?kind=bogus&from=2026-13-01", NULL, &r);
    ASSERT_STATUS(r, 400);
    h_assert_field_error(&r, "kind", "公示类别有误");
    hresp_free(&r);
    /* on time: the figures count it */
    h_request(h, &legal, "GET", "/api/v1/publicity/figures?from=2026-12-01&to=2026-12-31", NULL,
              &r);
    ASSERT_STATUS(r, 200);
    json_t *p = json_object_get(r.json, "publish");
    assert_int_equal(json_integer_value(json_object_get(p, "on_time")), 1);
    assert_string_equal(json_string_value(json_object_get(p, "rate")), "100.00%");
    hresp_free(&r);
}

/* [R-PUB-01] [R-PUB-10] A natural person's name, ID number, phone and address reach no public
 * face, whatever the facts say and whatever the reviewer types; the reviewer's edit is shown. */
static void test_r_pub_01_r_pub_10_person_masked_on_every_face(void **state)
{
    struct harness *h = *state;
    int64_t id = person_decided(h);
    int64_t item = item_of(h, id);
    struct client anon = {0}, legal;
    h_login(h, &legal, "legal");
    char post[80];
    snprintf(post, sizeof post, "/api/v1/publicity/%lld/mask", (long long)item);
    struct hresp r;
    /* the reviewer edits the facts, carelessly pasting the phone number back in */
    h_request(h, &legal, "POST", post,
              "{\"mask\":{\"facts\":\"当事人欧**非法行医，联系电话" PHONE "。\"}}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    h_request(h, &legal, "POST", post, "{\"mask\":{\"fine\":\"1\"}}", &r);
    ASSERT_STATUS(r, 422);
    hresp_free(&r);
    /* the form: a text too long is refused beside its field, what was typed kept */
    char form[80], *tall = calloc(4100, 1);
    memset(tall, 0x78, 4001);
    snprintf(form, sizeof form, "/publicity/%lld/mask", (long long)item);
    FORM(h, &legal, form, &r, "mask_facts", tall);
    free(tall);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "mask_facts", "不超过4000个字");
    h_assert_error_count(&r);
    hresp_free(&r);
    publish(h, item, "2026-12-16");
    char url[80];
    snprintf(url, sizeof url, "/public/decisions/%lld", (long long)item);
    const char *faces[] = {"/public/decisions", "/api/v1/public/decisions", url};
    for (size_t i = 0; i < 3; i++) {
        h_request(h, &anon, "GET", faces[i], NULL, &r);
        ASSERT_STATUS(r, 200);
        ASSERT_HAS(r, "欧****");
        assert_no_person(&r);
        hresp_free(&r);
    }
    snprintf(url, sizeof url, "/api/v1/public/decisions/%lld", (long long)item);
    h_request(h, &anon, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "非法行医，联系电话");
    assert_no_person(&r);
    hresp_free(&r);
    assert_true(h_exists(h->db, "SELECT 1 FROM audit_log WHERE action = 'publicity.mask'", ""));
}

/* [R-PUB-04] A revoked decision: its published item must be withdrawn within 3 working days,
 * and then the public sees only the notice with the reason. */
static void test_r_pub_04_withdrawn_after_revocation(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_decided(h, "warning,fine", "2000");
    int64_t item = item_of(h, id);
    publish(h, item, "2026-12-16");
    struct remedy_input in = {.kind = "reconsideration",
                              .known_on = "2026-12-16",
                              .filed_on = "2026-12-17",
                              .received_on = "2026-12-17",
                              .body = "常州市武进区人民政府",
                              .applicant = "康宁诊所"};
    struct actor who;
    struct ctx c = h_ctx(h, "legal", &who);
    struct err e = {0};
    int64_t remedy = 0;
    if (remedy_add(&c, id, &in, &remedy, &e)) fail_msg("remedy: %s", e.msg);
    struct wf_args a = {.date = "2026-12-18"};
    wf_arg_set(&a, "outcome", "revoked");
    wf_arg_set(&a, "instrument", "decision");
    wf_arg_set(&a, "instrument_no", "武政复决字〔2026〕9号");
    h_must(h, &remedy_workflow, "legal", remedy, "decide_outcome", &a);
    assert_string_equal(h_text(h, "SELECT state FROM publicity_item WHERE id = ?", "i", item),
                        "to_withdraw");
    /* Friday 12-18 + 3 working days */
    assert_string_equal(h_due(h, "publicity", item, "withdraw"), "2026-12-23");
    struct wf_args w = {.date = "2026-12-19", .reason = "该决定已被行政复议决定撤销"};
    h_must(h, &publicity_workflow, "legal", item, "withdraw", &w);
    struct client anon = {0};
    char url[80];
    snprintf(url, sizeof url, "/public/decisions/%lld", (long long)item);
    struct hresp r;
    h_request(h, &anon, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已于 2026-12-19 撤回");
    ASSERT_HAS(r, "该决定已被行政复议决定撤销");
    ASSERT_LACKS(r, "处罚内容");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/public/decisions/%lld", (long long)item);
    h_request(h, &anon, "GET", url, NULL, &r);
    assert_null(json_object_get(r.json, "fields"));
    hresp_free(&r);
}

/* A decision revoked before it was published is never published. */
static void test_r_pub_04_revoked_before_publishing(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_decided(h, "warning,fine", "2000");
    int64_t item = item_of(h, id);
    struct actor who;
    struct ctx c = h_ctx(h, "legal", &who);
    struct err e = {0};
    if (db_begin(c.db, &e) || publicity_decision_changed(&c, id, "2026-12-17", "撤销", &e) ||
        db_commit(c.db, &e))
        fail_msg("%s", e.msg);
    assert_string_equal(h_text(h, "SELECT state FROM publicity_item WHERE id = ?", "i", item),
                        "withheld");
}

/* [R-PUB-05] [R-PUB-06] [R-PUB-08] [R-PUB-09] A 一般 penalty is published from its decision for at
 * least 3 months and at most a year; repair is refused before the minimum and decided by
 * another reviewer; approved, the item leaves the public site; past the maximum an item leaves
 * by itself. */
static void test_r_pub_05_r_pub_06_r_pub_08_r_pub_09_period_and_repair(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    if (setting_set(&h->ctx, "publicity.minor_fine_yuan", "1000", &e)) fail_msg("%s", e.msg);
    int64_t id = cf_decided(h, "warning,fine", "2000");
    int64_t item = item_of(h, id);
    assert_string_equal(h_text(h, "SELECT severity FROM publicity_item WHERE id = ?", "i", item),
                        "general");
    assert_string_equal(h_text(h, "SELECT min_until FROM publicity_item WHERE id = ?", "i", item),
                        "2027-03-15");
    assert_string_equal(h_text(h, "SELECT max_until FROM publicity_item WHERE id = ?", "i", item),
                        "2027-12-15");
    publish(h, item, "2026-12-16");
    struct wf_args a = {.date = "2026-12-20"};
    wf_arg_set(&a, "applicant", "康宁诊所");
    wf_arg_set(&a, "commitment", "今后依法执业");
    wf_arg_set(&a, "correction", "已辞退非卫生技术人员，罚款已缴纳");
    assert_int_equal(h_step(h, &publicity_workflow, "legal", item, "apply_repair", &a, &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.nfields ? e.fields[0].msg : e.msg, "2027-03-15"));
    h_set_now(h, "2027-03-20T10:00:00+08:00");
    a.date = "2027-03-16";
    h_must(h, &publicity_workflow, "legal", item, "apply_repair", &a);
    struct wf_args ok = {.date = "2027-03-18", .note = "符合修复条件"};
    err_clear(&e);
    assert_int_equal(h_step(h, &publicity_workflow, "legal", item, "approve_repair", &ok, &e),
                     ERR_FORBIDDEN);
    h_must(h, &publicity_workflow, "leader", item, "approve_repair", &ok);
    struct client anon = {0}, legal;
    char url[80];
    snprintf(url, sizeof url, "/public/decisions/%lld", (long long)item);
    struct hresp r;
    h_request(h, &anon, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    h_login(h, &legal, "legal");
    h_request(h, &legal, "GET", "/api/v1/publicity/figures?from=2027-01-01&to=2027-12-31", NULL,
              &r);
    json_t *rep = json_object_get(r.json, "repairs");
    assert_int_equal(json_integer_value(json_object_get(rep, "applied")), 1);
    assert_int_equal(json_integer_value(json_object_get(rep, "approved")), 1);
    hresp_free(&r);
}

/* [R-PUB-06] [R-PUB-11] Publication ends by itself on max_until; the staff still see the item. */
static void test_r_pub_06_publication_ends_by_itself(void **state)
{
    struct harness *h = *state;
    int64_t item = item_of(h, cf_decided(h, "warning,fine", "2000"));
    publish(h, item, "2026-12-16");
    struct client anon = {0}, legal;
    char url[80];
    snprintf(url, sizeof url, "/public/decisions/%lld", (long long)item);
    struct hresp r;
    h_set_now(h, "2027-03-14T10:00:00+08:00"); /* the last day of its 3 months */
    h_request(h, &anon, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    h_set_now(h, "2027-03-15T10:00:00+08:00");
    h_request(h, &anon, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    h_login(h, &legal, "legal");
    snprintf(url, sizeof url, "/publicity/%lld", (long long)item);
    h_request(h, &legal, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "公示期满");
    hresp_free(&r);
}

/* [R-PUB-03] [R-PUB-12] Published after its last day: late, and the rate says so; another
 * county's staff cannot see the item. */
static void test_r_pub_07_r_pub_12_late_and_scope(void **state)
{
    struct harness *h = *state;
    int64_t item = item_of(h, cf_decided(h, "warning,fine", "2000"));
    struct client legal, other;
    h_login(h, &legal, "legal");
    h_login(h, &other, "other");
    struct hresp r;
    h_set_now(h, "2026-12-24T10:00:00+08:00"); /* its last day */
    h_request(h, &legal, "GET", "/publicity?overdue=1", NULL, &r);
    ASSERT_LACKS(r, "康宁诊所");
    hresp_free(&r);
    h_set_now(h, "2026-12-28T10:00:00+08:00");
    h_request(h, &legal, "GET", "/publicity?overdue=1", NULL, &r);
    ASSERT_HAS(r, "康宁诊所");
    hresp_free(&r);
    publish(h, item, "2026-12-28");
    h_request(h, &legal, "GET", "/api/v1/publicity/figures?from=2026-12-01&to=2026-12-31", NULL,
              &r);
    json_t *p = json_object_get(r.json, "publish");
    assert_int_equal(json_integer_value(json_object_get(p, "late")), 1);
    assert_string_equal(json_string_value(json_object_get(p, "rate")), "0.00%");
    hresp_free(&r);
    char url[64];
    snprintf(url, sizeof url, "/publicity/%lld", (long long)item);
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    /* [R-PUB-07] not before the decision */
    int64_t again = item_of(h, cf_decided(h, "warning,fine", "2000"));
    struct wf_args a = {.date = "2026-12-01"};
    struct err e = {0};
    assert_int_equal(h_step(h, &publicity_workflow, "legal", again, "publish", &a, &e),
                     ERR_INVALID);
}

/* [R-PUB-14] [R-PUB-15] An inspection's result is queued with 20 working days; a licence the
 * registry records is queued with 7 when it is recent, not when it is the registry's history. */
static void test_r_pub_14_r_pub_15_inspections_and_licences(void **state)
{
    struct harness *h = *state;
    static const struct inspection_item_input ok[] = {
        {"MED-01", "conform", NULL}, {"MED-02", "conform", NULL}, {"MED-03", "conform", NULL}};
    struct inspection_input in = {.entity_id = CF.clinic,
                                  .type = "routine",
                                  .line = "medical",
                                  .date = "2026-12-18",
                                  .place = "康宁诊所诊室",
                                  .officers = cf_team(CF.o1, CF.o2),
                                  .items = ok,
                                  .nitems = 3,
                                  .outcome = "pass"};
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct err e = {0};
    int64_t insp = 0;
    if (inspection_add(&c, &in, &insp, &e))
        fail_msg("inspection: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    const char *item = h_text(
        h, "SELECT id FROM publicity_item WHERE kind = 'inspection' AND source_id = ?", "i", insp);
    assert_string_equal(h_text(h,
                               "SELECT days FROM wf_deadline WHERE kind = 'publicity' AND"
                               " object_id = ? AND name = 'publish'",
                               "i", atoll(item)),
                        "20");
    struct licence_input li = {.type = "medical_institution",
                               .number = "PDY00001320412",
                               .valid_from = "2026-12-18",
                               .valid_to = "2031-12-17"};
    int64_t lic = 0, old = 0;
    if (licence_add(&c, CF.clinic, &li, &lic, &e)) fail_msg("licence: %s", e.msg);
    const char *litem = h_text(
        h, "SELECT id FROM publicity_item WHERE kind = 'licence' AND source_id = ?", "i", lic);
    assert_string_equal(h_due(h, "publicity", atoll(litem), "publish"), "2026-12-29");
    li.number = "PDY00000320412";
    li.valid_from = "2020-01-01";
    if (licence_add(&c, CF.clinic, &li, &old, &e)) fail_msg("licence: %s", e.msg);
    assert_false(h_exists(
        h->db, "SELECT 1 FROM publicity_item WHERE kind = 'licence' AND source_id = ?", "i", old));
}

/* The agency's 统一社会信用代码, checked when the administrator enters it, is the 处罚机关's and
 * the 数据来源单位's code in the data of the decisions queued after it. */
static void test_the_agency_code_in_the_data(void **state)
{
    struct harness *h = *state;
    struct client admin;
    h_login(h, &admin, "admin");
    const char *agency = h_text(h, "SELECT id FROM agency WHERE code = '320412'", "");
    char url[64];
    snprintf(url, sizeof url, "/agencies/%s", agency);
    struct hresp r;
    FORM(h, &admin, url, &r, "name", "常州市武进区卫生健康局", "uscc", "11320412MB1234567X");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "uscc", "校验不通过");
    hresp_free(&r);
    FORM(h, &admin, url, &r, "name", "常州市武进区卫生健康局", "short_name", "武", "uscc",
         "11320412MB1234562N");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    int64_t item = item_of(h, cf_decided(h, "warning,fine", "2000"));
    const char *data = h_text(h, "SELECT data FROM publicity_item WHERE id = ?", "i", item);
    assert_non_null(strstr(data, "\"agency_uscc\":\"11320412MB1234562N\""));
    assert_non_null(strstr(data, "\"source_uscc\":\"11320412MB1234562N\""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_r_pub_03_r_pub_11_r_pub_13_queued_then_published,
                                        cf_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_pub_01_r_pub_10_person_masked_on_every_face,
                                        cf_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_pub_04_withdrawn_after_revocation, cf_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_pub_04_revoked_before_publishing, cf_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_pub_05_r_pub_06_r_pub_08_r_pub_09_period_and_repair,
                                        cf_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_pub_06_publication_ends_by_itself, cf_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_pub_14_r_pub_15_inspections_and_licences, cf_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_the_agency_code_in_the_data, cf_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_pub_07_r_pub_12_late_and_scope, cf_setup,
                                        harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
