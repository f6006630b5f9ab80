/* test_case_summary.c — the summary procedure (简易程序, 当场行政处罚): a warning and fines at the
 * limits of 第五十一条 for a citizen and an organisation accepted; above them, or other penalty
 * types, refused with the article; two officers present who may enforce, the user among them
 * (第四十二条、第四十三条); the item's legal range; the limitation (第三十六条); the number from
 * the 当罚 sequence, the decision kept with its SHA-256, the history and the list filter. */
#include "support.h"
#include "case_fixture.h"
#include "law/case.h"
#include "law/case_summary.h"
#include "law/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the tests take from the fixture, as text. */
static struct {
    char item[24], team[48], clinic_id[24];
} F;

/* cf_setup, and the penalty item of 公共场所 (警告 or a fine of 50–5,000 元). */
static int setup(void **state)
{
    if (cf_setup(state)) return -1;
    struct harness *h = *state;
    snprintf(F.item, sizeof F.item, "%s", cf_summary_item(h));
    snprintf(F.team, sizeof F.team, "%s", cf_team(CF.o1, CF.o2));
    snprintf(F.clinic_id, sizeof F.clinic_id, "%lld", (long long)CF.clinic);
    return 0;
}

/* A citizen warned on the spot today. */
static struct case_summary_input sample(void)
{
    return (struct case_summary_input){.source = "other",
                                       .line = "medical",
                                       .party_name = "李某",
                                       .party_kind = "citizen",
                                       .place = "常州市武进区湖塘镇府前路1号康宁诊所",
                                       .act_on = "2026-12-20",
                                       .summary = "未取得健康合格证明从事直接为顾客服务的工作",
                                       .item = F.item,
                                       .types = "警告",
                                       .officers = F.team,
                                       .decided_on = "2026-12-20"};
}

static int decide(struct harness *h, const struct case_summary_input *in, int64_t *id,
                  struct err *e)
{
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    return case_summary_add(&c, in, id, e);
}

static int64_t must_decide(struct harness *h, const struct case_summary_input *in)
{
    struct err e = {0};
    int64_t id = 0;
    if (decide(h, in, &id, &e))
        fail_msg("case_summary_add: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    return id;
}

/* The refusal's message of field name (or the message). */
static const char *refused(struct harness *h, const struct case_summary_input *in,
                           const char *field)
{
    static struct err e;
    memset(&e, 0, sizeof e);
    int64_t id = 0;
    int rc = decide(h, in, &id, &e);
    if (rc == 0) fail_msg("accepted, expected a refusal of %s", field);
    const char *m = field ? err_field_msg(&e, field) : e.msg;
    if (!m)
        fail_msg("refused (%d) without a message on %s: %s %s", rc, field ? field : "", e.msg,
                 e.nfields ? e.fields[0].msg : "");
    assert_int_equal(
        atoll(h_text(h, "SELECT COUNT(*) FROM penalty_case WHERE procedure = 'summary'", "")),
        atoll(h_text(h, "SELECT COUNT(*) FROM wf_step WHERE action = 'decide_on_spot'", "")));
    return m;
}

static void test_r_case_50_warning_on_the_spot(void **state)
{
    struct harness *h = *state;
    struct case_summary_input in = sample();
    int64_t id = must_decide(h, &in);
    assert_string_equal(
        h_text(h, "SELECT state || '/' || procedure FROM penalty_case WHERE id = ?", "i", id),
        "decided/summary");
    assert_string_equal(h_text(h, "SELECT decision_types FROM penalty_case WHERE id = ?", "i", id),
                        "warning");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM penalty_case WHERE id = ? AND decision_fine IS NULL"
                         " AND decided_on = '2026-12-20' AND decided_by IS NOT NULL",
                         "i", id));
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM case_officer WHERE case_id = ?", "i", id),
                        "2");
    assert_true(h_exists(
        h->db, "SELECT 1 FROM audit_log WHERE action = 'case.summary' AND object_id = ?", "i", id));
    /* the case page's history: the step 当场作出行政处罚决定; no step offered after it */
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct err e = {0};
    json_t *o = case_get(&c, id, &e);
    assert_non_null(o);
    json_t *steps = json_object_get(o, "steps");
    assert_int_equal(json_array_size(steps), 1);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(steps, 0), "action_label")),
        "当场作出行政处罚决定");
    assert_int_equal(json_array_size(json_object_get(o, "actions")), 0);
    assert_string_equal(json_string_value(json_object_get(o, "procedure")), "summary");
    json_t *d = json_object_get(o, "summary_decision");
    assert_string_equal(json_string_value(json_object_get(d, "types_label")), "警告、通报批评");
    json_decref(o);
}

static void test_r_case_50_fines_at_the_limit_for_each_kind(void **state)
{
    struct harness *h = *state;
    struct case_summary_input in = sample();
    in.types = "罚款";
    in.fine = "200";
    int64_t person = must_decide(h, &in);
    assert_string_equal(
        h_text(h, "SELECT decision_fine FROM penalty_case WHERE id = ?", "i", person), "20000");
    struct case_summary_input org = sample();
    org.party_name = NULL;
    org.party_kind = NULL;
    org.entity_id = F.clinic_id;
    org.types = "警告、罚款";
    org.fine = "3000";
    int64_t firm = must_decide(h, &org);
    assert_string_equal(
        h_text(h, "SELECT party_kind || '/' || decision_fine FROM penalty_case WHERE id = ?", "i",
               firm),
        "organisation/300000");
    assert_string_equal(h_text(h, "SELECT party_name FROM penalty_case WHERE id = ?", "i", firm),
                        "康宁诊所");
}

static void test_r_case_50_above_the_limit_refused(void **state)
{
    struct harness *h = *state;
    struct case_summary_input in = sample();
    in.types = "罚款";
    in.fine = "200.01";
    const char *m = refused(h, &in, "fine");
    assert_non_null(strstr(m, "第五十一条"));
    assert_non_null(strstr(m, "200元"));
    struct case_summary_input org = sample();
    org.party_kind = "organisation";
    org.party_name = "某某保健按摩店";
    org.types = "罚款";
    org.fine = "3001";
    m = refused(h, &org, "fine");
    assert_non_null(strstr(m, "第五十一条"));
    assert_non_null(strstr(m, "3000元"));
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM penalty_case", ""), "0");
}

static void test_r_case_50_other_types_refused(void **state)
{
    struct harness *h = *state;
    struct case_summary_input in = sample();
    in.types = "警告、没收违法所得";
    assert_non_null(
        strstr(refused(h, &in, "types"), "应当适用普通程序（《行政处罚法》第五十一条）"));
    in.types = "吊销许可证件";
    assert_non_null(strstr(refused(h, &in, "types"), "第五十一条"));
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM penalty_case", ""), "0");
}

static void test_r_case_51_officers_present(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct case_summary_input in = sample();
    char one[24], others[48], expired[48];
    snprintf(one, sizeof one, "%lld", (long long)CF.o1);
    in.officers = one;
    assert_non_null(strstr(refused(h, &in, "officers"), "第四十二条"));
    int64_t o4 = cf_officer(h, 4, "2030-12-31");
    snprintf(others, sizeof others, "%lld,%lld", (long long)CF.o2, (long long)o4);
    in.officers = others;
    assert_non_null(strstr(refused(h, &in, "officers"), "您本人"));
    snprintf(expired, sizeof expired, "%lld,%lld", (long long)CF.o1, (long long)CF.o3);
    in.officers = expired;
    assert_non_null(strstr(refused(h, &in, "officers"), "执法人员3"));
    /* 第四十三条: an officer on the party's 回避 list */
    assert_true(db_exec(h->db, &e,
                        "INSERT INTO entity_avoid (entity_id, officer_id, reason, created_at,"
                        " created_by) VALUES (?, ?, '亲属关系', 0, 'admin')",
                        "ii", CF.clinic, CF.o2) >= 0);
    struct case_summary_input org = sample();
    org.party_name = NULL;
    org.party_kind = NULL;
    org.entity_id = F.clinic_id;
    assert_non_null(strstr(refused(h, &org, "officers"), "第四十三条"));
    /* a user without an officer record may not decide on the spot */
    assert_true(db_exec(h->db, &e,
                        "UPDATE app_user SET officer_id = NULL WHERE username ="
                        " 'officer'",
                        "") >= 0);
    struct case_summary_input plain = sample();
    assert_non_null(strstr(refused(h, &plain, NULL), "未关联执法人员"));
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM penalty_case", ""), "0");
}

static void test_r_case_52_item_and_its_range(void **state)
{
    struct harness *h = *state;
    struct case_summary_input in = sample();
    in.types = "罚款";
    in.fine = "20"; /* the item's fine starts at 50 元 */
    assert_non_null(strstr(refused(h, &in, "fine"), "法定幅度"));
    in.item = "999999";
    assert_non_null(refused(h, &in, "item"));
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM penalty_case", ""), "0");
}

static void test_r_case_53_limitation(void **state)
{
    struct harness *h = *state;
    struct case_summary_input in = sample();
    in.act_on = "2024-12-19";
    assert_non_null(strstr(refused(h, &in, "act_on"), "第三十六条"));
    in.act_on = "2024-12-20"; /* the last day of the two years */
    must_decide(h, &in);
}

static void test_r_case_54_number_and_decision_kept(void **state)
{
    struct harness *h = *state;
    struct case_summary_input in = sample();
    in.types = "罚款";
    in.fine = "150";
    int64_t first = must_decide(h, &in), second = must_decide(h, &in);
    assert_string_equal(h_text(h, "SELECT number FROM penalty_case WHERE id = ?", "i", first),
                        "武卫医当罚〔2026〕1号");
    assert_string_equal(h_text(h, "SELECT number FROM penalty_case WHERE id = ?", "i", second),
                        "武卫医当罚〔2026〕2号");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM document d JOIN document_file f ON f.document_id = d.id"
                         " JOIN penalty_case x ON x.id = d.object_id AND x.number = d.number"
                         " WHERE d.object_type = 'case' AND d.object_id = ?"
                         " AND d.type = 'summary_penalty_decision' AND d.date = '2026-12-20'"
                         " AND length(f.sha256) = 64",
                         "i", first));
    /* the list's filter: procedure */
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct err e = {0};
    struct case_query q = {.procedure = "summary", .per_page = 50};
    json_t *list = case_list(&c, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 2);
    json_decref(list);
    q.procedure = "general";
    list = case_list(&c, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 0);
    json_decref(list);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_50_warning_on_the_spot),
        T(test_r_case_50_fines_at_the_limit_for_each_kind),
        T(test_r_case_50_above_the_limit_refused),
        T(test_r_case_50_other_types_refused),
        T(test_r_case_51_officers_present),
        T(test_r_case_52_item_and_its_range),
        T(test_r_case_53_limitation),
        T(test_r_case_54_number_and_decision_kept),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
