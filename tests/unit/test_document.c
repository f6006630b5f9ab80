/* test_document.c — document numbers and the register (law/document.h): 文号 =
 * 地区简称 + 卫 + 执法类别 + 执法性质 + 〔年份〕 + 序号 (卫生行政执法文书规范, 卫生部令第87号;
 * RULES.md §2) and 编号 = 年份 + 序号; sequences per agency, line, nature (or type) and year that
 * never skip or repeat, also with concurrent writers on separate connections. */
#include "tests/support.h"
#include "law/auth.h"
#include "law/counter.h"
#include "law/document.h"

#include <pthread.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------------------------- */

static int64_t agency_id(struct harness *h, const char *code)
{
    struct err e = {0};
    int64_t id = 0;
    assert_int_equal(db_get_int(h->db, &e, &id, "SELECT id FROM agency WHERE code = ?", "t", code),
                     0);
    return id;
}

static void set_short_name(struct harness *h, const char *code, const char *short_name)
{
    struct err e = {0};
    assert_int_equal(db_exec(h->db, &e, "UPDATE agency SET short_name = ? WHERE code = ?", "tt",
                             short_name, code),
                     1);
}

/* Issue one document in its own transaction; returns the number (arena) or NULL with *rc and
 * e set when it was refused (the transaction rolled back). */
static const char *issue_rc(struct harness *h, const char *type, const char *agency,
                            const char *line, const char *date, int64_t object_id, int *rc,
                            struct err *e)
{
    int64_t id = 0;
    const char *number = NULL;
    assert_int_equal(db_begin(h->db, e), 0);
    *rc = document_issue(&h->ctx, type, agency_id(h, agency), line, date, "inspection", object_id,
                         &id, &number, e);
    if (*rc) {
        db_rollback(h->db);
        return NULL;
    }
    assert_true(id > 0);
    assert_int_equal(db_commit(h->db, e), 0);
    return number;
}

/* Issue one document that must succeed; returns its number. */
static const char *issue(struct harness *h, const char *type, const char *agency, const char *line,
                         const char *date)
{
    struct err e = {0};
    int rc;
    const char *n = issue_rc(h, type, agency, line, date, 1, &rc, &e);
    if (rc) fail_msg("document_issue(%s): %s", type, e.msg);
    return n;
}

static int64_t documents(struct harness *h)
{
    struct err e = {0};
    int64_t n = -1;
    assert_int_equal(db_get_int(h->db, &e, &n, "SELECT COUNT(*) FROM document", ""), 0);
    return n;
}

static int setup(void **state)
{
    int rc = harness_setup(state);
    if (rc) return rc;
    struct harness *h = *state;
    set_short_name(h, "320412", "武");
    return 0;
}

/* ---- numbering -------------------------------------------------------------------------- */

/* 87号: 文号 = 地区简称 + 卫 + 执法类别 + 执法性质 + 〔年份〕 + 序号 + 号, from 1 each year. */
static void test_r_doc_01_document_wenhao_counts_from_one(void **state)
{
    struct harness *h = *state;
    assert_string_equal(issue(h, "advice_notice", "320412", "medical", "2026-11-23"),
                        "武卫医监〔2026〕1号");
    assert_string_equal(issue(h, "advice_notice", "320412", "medical", "2026-11-24"),
                        "武卫医监〔2026〕2号");
    assert_string_equal(issue(h, "penalty_decision", "320412", "medical", "2026-11-24"),
                        "武卫医罚〔2026〕1号");
    assert_string_equal(issue(h, "advice_notice", "320412", "medical", "2026-12-01"),
                        "武卫医监〔2026〕3号");
    assert_int_equal(documents(h), 4);
}

/* 87号: documents without a 文号 get 编号 = 年份 + 序号, one sequence per type. */
static void test_r_doc_01_document_serial_numbers_per_type(void **state)
{
    struct harness *h = *state;
    assert_string_equal(issue(h, "site_record", "320412", "medical", "2026-11-23"), "现2026-0001");
    assert_string_equal(issue(h, "site_record", "320412", NULL, "2026-11-23"), "现2026-0002");
    assert_string_equal(issue(h, "inquiry_record", "320412", "public_place", "2026-11-23"),
                        "询2026-0001");
    /* a 编号 needs no 简称: an agency without one still numbers its records */
    assert_string_equal(issue(h, "site_record", "320411", "medical", "2026-11-23"), "现2026-0001");
}

/* A number taken in a transaction that rolls back is given to the next document: no gap. */
static void test_r_doc_02_document_rolled_back_number_is_reused(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    assert_string_equal(issue(h, "advice_notice", "320412", "medical", "2026-11-23"),
                        "武卫医监〔2026〕1号");
    int64_t id = 0;
    const char *number = NULL;
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_int_equal(document_issue(&h->ctx, "advice_notice", agency_id(h, "320412"), "medical",
                                    "2026-11-23", "inspection", 7, &id, &number, &e),
                     0);
    assert_string_equal(number, "武卫医监〔2026〕2号");
    db_rollback(h->db);
    assert_int_equal(documents(h), 1);
    assert_string_equal(issue(h, "advice_notice", "320412", "medical", "2026-11-23"),
                        "武卫医监〔2026〕2号");
}

/* The year of the document's date numbers it; a new year starts again at 1. */
static void test_r_doc_01_document_new_year_restarts(void **state)
{
    struct harness *h = *state;
    issue(h, "advice_notice", "320412", "medical", "2026-12-30");
    issue(h, "site_record", "320412", "medical", "2026-12-30");
    assert_string_equal(issue(h, "advice_notice", "320412", "medical", "2027-01-04"),
                        "武卫医监〔2027〕1号");
    assert_string_equal(issue(h, "site_record", "320412", "medical", "2027-01-04"), "现2027-0001");
    /* a late 2026 document continues 2026's sequence */
    assert_string_equal(issue(h, "advice_notice", "320412", "medical", "2026-12-31"),
                        "武卫医监〔2026〕2号");
}

/* Separate sequences per 执法类别 (line), 执法性质 and agency; types sharing a 执法性质 share one,
 * since they print the same 文号. */
static void test_document_separate_sequences(void **state)
{
    struct harness *h = *state;
    set_short_name(h, "320411", "新");
    issue(h, "advice_notice", "320412", "medical", "2026-11-23");
    assert_string_equal(issue(h, "advice_notice", "320412", "public_place", "2026-11-23"),
                        "武卫公监〔2026〕1号");
    assert_string_equal(issue(h, "advice_notice", "320412", "occupational", "2026-11-23"),
                        "武卫职监〔2026〕1号");
    assert_string_equal(issue(h, "prior_notice", "320412", "medical", "2026-11-23"),
                        "武卫医罚告〔2026〕1号");
    assert_string_equal(issue(h, "advice_notice", "320411", "medical", "2026-11-23"),
                        "新卫医监〔2026〕1号");
    assert_string_equal(issue(h, "advice_notice", "320412", "medical", "2026-11-23"),
                        "武卫医监〔2026〕2号");
}

/* Unknown types and lines, a 文号 without a line, a bad date, and an agency without a 简称 are
 * refused with a Chinese message, and nothing is registered or counted. */
static void test_document_rejects_bad_requests(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int rc;
    assert_null(issue_rc(h, "no_such_document", "320412", "medical", "2026-11-23", 1, &rc, &e));
    assert_int_equal(rc, ERR_INVALID);
    assert_non_null(err_field_msg(&e, "type"));
    err_clear(&e);
    assert_null(issue_rc(h, "advice_notice", "320412", "dentistry", "2026-11-23", 1, &rc, &e));
    assert_int_equal(rc, ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "line"), "未知的专业类别"));
    err_clear(&e);
    assert_null(issue_rc(h, "penalty_decision", "320412", NULL, "2026-11-23", 1, &rc, &e));
    assert_int_equal(rc, ERR_INVALID);
    assert_non_null(err_field_msg(&e, "line"));
    err_clear(&e);
    assert_null(issue_rc(h, "site_record", "320412", "medical", "2026-02-30", 1, &rc, &e));
    assert_int_equal(rc, ERR_INVALID);
    assert_non_null(err_field_msg(&e, "date"));
    err_clear(&e);
    assert_null(issue_rc(h, "advice_notice", "320411", "medical", "2026-11-23", 1, &rc, &e));
    assert_int_equal(rc, ERR_INVALID);
    assert_string_equal(e.msg, "本机构未设置简称，无法编制文号，请管理员在机构设置中填写简称");
    err_clear(&e);
    int64_t id = 0;
    const char *number = NULL;
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_int_equal(document_issue(&h->ctx, "site_record", 999999, NULL, "2026-11-23",
                                    "inspection", 1, &id, &number, &e),
                     ERR_INVALID);
    assert_string_equal(e.msg, "签发文书的机构不存在");
    db_rollback(h->db);
    assert_int_equal(documents(h), 0);
    char name[64];
    snprintf(name, sizeof name, "wenhao:%lld:医:监", (long long)agency_id(h, "320411"));
    assert_int_equal(counter_value(h->db, name, 2026), 0);
}

/* The register lists a record's documents in issue order with their Chinese names. */
static void test_document_register_lists_a_records_documents(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int rc;
    issue_rc(h, "site_record", "320412", "medical", "2026-11-23", 42, &rc, &e);
    issue_rc(h, "advice_notice", "320412", "medical", "2026-11-23", 42, &rc, &e);
    issue_rc(h, "site_record", "320412", "medical", "2026-11-23", 43, &rc, &e);
    json_t *list = document_list(&h->ctx, "inspection", 42, true, &e);
    assert_non_null(list);
    assert_int_equal(json_array_size(list), 2);
    json_t *first = json_array_get(list, 0), *second = json_array_get(list, 1);
    assert_string_equal(json_string_value(json_object_get(first, "type")), "site_record");
    assert_string_equal(json_string_value(json_object_get(first, "type_label")), "现场笔录");
    assert_string_equal(json_string_value(json_object_get(first, "number")), "现2026-0001");
    assert_string_equal(json_string_value(json_object_get(first, "date")), "2026-11-23");
    assert_string_equal(json_string_value(json_object_get(second, "number")),
                        "武卫医监〔2026〕1号");
    assert_string_equal(json_string_value(json_object_get(second, "type_label")), "卫生监督意见书");
    json_decref(list);
    list = document_list(&h->ctx, "case", 42, true, &e);
    assert_int_equal(json_array_size(list), 0);
    json_decref(list);
}

/* Every document type RULES.md §2 names is known, by its Chinese name. */
static void test_document_types_cover_the_rules(void **state)
{
    (void)state;
    static const char *const codes[][2] = {
        {"site_record", "现场笔录"},
        {"inquiry_record", "询问笔录"},
        {"advice_notice", "卫生监督意见书"},
        {"approval_form", "卫生行政执法事项审批表"},
        {"sampling_record", "采样记录"},
        {"sample_confirm_notice", "产品样品确认告知书"},
        {"test_result_notice", "检验结果告知书"},
        {"evidence_preservation_decision", "证据先行登记保存决定书"},
        {"evidence_disposal_decision", "证据先行登记保存处理决定书"},
        {"seizure_decision", "查封扣押决定书"},
        {"seizure_disposal_decision", "查封扣押处理决定书"},
        {"control_decision", "行政控制决定书"},
        {"case_intake_record", "案件受理记录"},
        {"filing_report", "立案报告"},
        {"prior_notice", "行政处罚事先告知书"},
        {"statement_record", "陈述和申辩笔录"},
        {"hearing_notice", "听证告知书"},
        {"hearing_summons", "听证通知书"},
        {"hearing_record", "听证笔录"},
        {"investigation_report", "案件调查终结报告"},
        {"deliberation_record", "合议记录"},
        {"penalty_decision", "行政处罚决定书"},
        {"summary_penalty_decision", "当场行政处罚决定书"},
        {"no_penalty_decision", "不予行政处罚决定书"},
        {"service_receipt", "送达回执"},
        {"extension_notice", "延期通知书"},
        {"item_list", "物品清单"},
        {"seal_strip", "封条"},
        {"announcement", "公告"},
        {"enforcement_application", "强制执行申请书"},
        {"case_transfer", "案件移送书"},
        {"closing_report", "结案报告"},
    };
    for (size_t i = 0; i < countof(codes); i++) {
        const char *label = document_type_label(codes[i][0]);
        if (!label || strcmp(label, codes[i][1]) != 0)
            fail_msg("%s: %s, expected %s", codes[i][0], label ? label : "unknown", codes[i][1]);
    }
    assert_null(document_type_label("nonsense"));
    assert_null(document_type_label(NULL));
}

/* ---- concurrency ------------------------------------------------------------------------ */

enum { WORKERS = 4, EACH = 25 };

/* One writer on its own connection (as another server process would be). */
struct worker {
    const char *url;
    int64_t agency;
    int64_t seq[EACH]; /* the sequence numbers it got */
    int failures;
};

/* Issue EACH 文号, one transaction each, reading back the sequence from the register. */
static void *issue_many(void *arg)
{
    struct worker *w = arg;
    struct db *db = NULL;
    struct err e = {0};
    struct arena arena = {0};
    if (db_open(w->url, &db, &e)) {
        w->failures = EACH;
        return NULL;
    }
    struct ctx c = {.db = db, .arena = &arena, .who = &actor_system, .now = 1795000000};
    for (int i = 0; i < EACH; i++) {
        int64_t id = 0;
        const char *number = NULL;
        if (db_begin(db, &e) ||
            document_issue(&c, "advice_notice", w->agency, "medical", "2026-11-23", "inspection",
                           i + 1, &id, &number, &e) ||
            db_get_int(db, &e, &w->seq[i], "SELECT seq FROM document WHERE id = ?", "i", id) ||
            db_commit(db, &e)) {
            if (db_depth(db)) db_rollback(db);
            w->failures++;
            err_clear(&e);
        }
    }
    db_close(db);
    arena_free(&arena);
    return NULL;
}

/* Four connections issue at once: every number from 1 to 100 exactly once. */
static void test_r_doc_02_document_concurrent_issuing_never_repeats_or_skips(void **state)
{
    struct harness *h = *state;
    struct worker w[WORKERS] = {0};
    pthread_t t[WORKERS];
    for (int i = 0; i < WORKERS; i++) {
        w[i].url = h->url;
        w[i].agency = agency_id(h, "320412");
        assert_int_equal(pthread_create(&t[i], NULL, issue_many, &w[i]), 0);
    }
    for (int i = 0; i < WORKERS; i++)
        pthread_join(t[i], NULL);
    bool seen[WORKERS * EACH + 1] = {0};
    for (int i = 0; i < WORKERS; i++) {
        assert_int_equal(w[i].failures, 0);
        for (int k = 0; k < EACH; k++) {
            int64_t v = w[i].seq[k];
            assert_true(v >= 1 && v <= WORKERS * EACH);
            assert_false(seen[v]);
            seen[v] = true;
        }
    }
    assert_int_equal(documents(h), WORKERS * EACH);
    struct err e = {0};
    int64_t distinct = 0;
    assert_int_equal(
        db_get_int(h->db, &e, &distinct, "SELECT COUNT(DISTINCT number) FROM document", ""), 0);
    assert_int_equal(distinct, WORKERS * EACH);
    assert_true(
        h_exists(h->db, "SELECT 1 FROM document WHERE number = ?", "t", "武卫医监〔2026〕100号"));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_doc_01_document_wenhao_counts_from_one),
        T(test_r_doc_01_document_serial_numbers_per_type),
        T(test_r_doc_02_document_rolled_back_number_is_reused),
        T(test_r_doc_01_document_new_year_restarts),
        T(test_document_separate_sequences),
        T(test_document_rejects_bad_requests),
        T(test_document_register_lists_a_records_documents),
        T(test_document_types_cover_the_rules),
        T(test_r_doc_02_document_concurrent_issuing_never_repeats_or_skips),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
