/* test_publicity_mask.c — the one masking of personal information on every public output
 * (law/publicity_mask.c) and the 双公示 field sets (law/publicity_fields.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/arena.h"
#include "law/publicity.h"

#define NAME    "欧阳测试甲"
#define ID      "32041219800101123X"
#define PHONE   "13912345678"
#define ADDRESS "常州市武进区湖塘镇某某路99号"

static json_t *person_item(void)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "party", NAME, "legal_rep", NAME,
                     "id_no", ID, "address", ADDRESS, "phone", PHONE, "facts",
                     "当事人" NAME "（身份证号" ID "，电话" PHONE "、0519-86661234）在" ADDRESS
                     "无证行医。",
                     "doc_no", "武卫医罚〔2026〕12号");
}

static void assert_nothing_personal(json_t *data)
{
    char *text = json_dumps(data, 0);
    assert_null(strstr(text, NAME));
    assert_null(strstr(text, ID));
    assert_null(strstr(text, "1980010112"));
    assert_null(strstr(text, PHONE));
    assert_null(strstr(text, "86661234"));
    assert_null(strstr(text, ADDRESS));
    free(text);
}

static void test_r_pub_01_a_person_is_masked_everywhere(void **state)
{
    (void)state;
    struct arena ar = {0}, *a = &ar;
    json_t *d = person_item();
    const char *secrets[] = {NAME, ADDRESS, NULL};
    publicity_mask(a, d, true, secrets);
    assert_nothing_personal(d);
    assert_string_equal(json_string_value(json_object_get(d, "party")), "欧****");
    assert_string_equal(json_string_value(json_object_get(d, "id_no")), "320412************");
    assert_non_null(strstr(json_string_value(json_object_get(d, "facts")), "当事人欧****"));
    /* the document number's year and sequence are not a phone number */
    assert_string_equal(json_string_value(json_object_get(d, "doc_no")), "武卫医罚〔2026〕12号");
    json_decref(d);
    arena_free(a);
}

static void test_r_pub_01_an_organisation_keeps_its_name_but_not_numbers(void **state)
{
    (void)state;
    struct arena ar = {0}, *a = &ar;
    json_t *d = json_pack("{s:s, s:s, s:s, s:s}", "party", "常州某某口腔诊所有限公司", "legal_rep",
                          "王五", "uscc", "91320412MA1XXXXX3Q", "facts",
                          "举报人" PHONE "反映，患者身份证" ID "。罚款5000元，共计10000000000分。");
    publicity_mask(a, d, false, NULL);
    assert_string_equal(json_string_value(json_object_get(d, "party")), "常州某某口腔诊所有限公司");
    assert_string_equal(json_string_value(json_object_get(d, "legal_rep")), "王五");
    assert_string_equal(json_string_value(json_object_get(d, "uscc")), "91320412MA1XXXXX3Q");
    json_object_set_new(d, "org_code", json_string("913204120000000016"));
    publicity_mask(a, d, false, NULL); /* an all-digit code is not a person's number */
    assert_string_equal(json_string_value(json_object_get(d, "org_code")), "913204120000000016");
    const char *facts = json_string_value(json_object_get(d, "facts"));
    assert_null(strstr(facts, PHONE));
    assert_null(strstr(facts, ID));
    assert_non_null(strstr(facts, "罚款5000元"));
    json_decref(d);
    arena_free(a);
}

static void test_r_pub_02_the_field_sets(void **state)
{
    (void)state;
    size_t n = 0;
    const struct publicity_field *f = publicity_fields("penalty", &n);
    assert_non_null(f);
    const char *want[] = {"行政处罚决定书文号",
                          "行政相对人名称",
                          "行政相对人类别",
                          "法定代表人",
                          "违法行为类型",
                          "违法事实",
                          "处罚依据",
                          "处罚类别",
                          "处罚内容",
                          "罚款金额（万元）",
                          "暂扣或吊销证照名称及编号",
                          "处罚决定日期",
                          "处罚有效期",
                          "公示截止期",
                          "处罚机关",
                          "处罚机关统一社会信用代码",
                          "数据来源单位",
                          "数据来源单位统一社会信用代码"};
    size_t at = 0;
    for (size_t w = 0; w < sizeof want / sizeof *want; w++) {
        while (at < n && strcmp(f[at].label, want[w]) != 0)
            at++;
        assert_true(at < n); /* present, and in the platform's order */
    }
    assert_non_null(publicity_fields("licence", &n));
    assert_true(n > 10);
    assert_null(publicity_fields("nothing", &n));
    assert_int_equal(n, 0);
    assert_string_equal(publicity_kind_label("no_penalty"), "不予行政处罚决定");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r_pub_01_a_person_is_masked_everywhere),
        cmocka_unit_test(test_r_pub_01_an_organisation_keeps_its_name_but_not_numbers),
        cmocka_unit_test(test_r_pub_02_the_field_sets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
