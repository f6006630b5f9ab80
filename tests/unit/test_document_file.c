/* test_document_file.c — issued documents kept as PDFs (law/document.h document_keep,
 * document_pdf; docs/documents.md): a step that issues a declared document keeps its PDF and
 * SHA-256 in the same transaction; the kept file never changes, whatever later happens to its
 * record [R-DOC-04]; one that names the complainant, petitioner or applicant is sealed at rest
 * and served only to whom may see that person [R-DOC-03]; one that does not name them is kept
 * plain and served to every reader of the record. */
#include "tests/support.h"
#include "base/crypto.h"
#include "law/complaint.h"
#include "law/disclosure.h"
#include "law/document.h"
#include "law/petition.h"

#include <stdlib.h>
#include <string.h>

/* ---- helpers -------------------------------------------------------------------------------- */

/* A complaint taken in by the clerk, accepted, given to "officer", verified and answered:
 * its complaint_reply is issued. anonymous: without a complainant. */
static int64_t replied_complaint(struct harness *h, bool anonymous)
{
    struct complaint_input in = {.channel = "phone",
                                 .line = "medical",
                                 .matter = "unlicensed_practice",
                                 .summary = "花园路8号有人无证开展静脉输液",
                                 .party_name = "无名诊所",
                                 .anonymous = anonymous,
                                 .name = anonymous ? NULL : "李四",
                                 .phone = anonymous ? NULL : "13900001111"};
    struct actor who;
    struct ctx c = h_ctx(h, "clerk", &who);
    struct err e = {0};
    int64_t id;
    const char *code;
    if (complaint_add(&c, &in, &id, &code, &e)) fail_msg("complaint_add: %s", e.msg);
    h_must(h, &complaint_workflow, "clerk", id, "accept", NULL);
    struct wf_args a = {0};
    wf_arg_set(&a, "handler", "officer");
    h_must(h, &complaint_workflow, "leader", id, "assign", &a);
    struct wf_args v = {.note = "现场核实，确有无证输液，已当场制止"};
    wf_arg_set(&v, "result", "substantiated");
    wf_arg_set(&v, "measures", "case");
    h_must(h, &complaint_workflow, "officer", id, "verify", &v);
    struct wf_args r = {0};
    wf_arg_set(&r, "reply", "经核查，反映情况属实，已立案查处。");
    h_must(h, &complaint_workflow, "officer", id, "reply", &r);
    return id;
}

/* The id of the document of type issued for (kind, id). */
static int64_t document_of(struct harness *h, const char *kind, int64_t id, const char *type)
{
    return atoll(h_text(h,
                        "SELECT id FROM document WHERE object_type = ? AND object_id = ?"
                        " AND type = ?",
                        "tit", kind, id, type));
}

/* document_pdf of doc as username: its result, the file in *pdf (freed by the caller). */
static int fetch(struct harness *h, const char *username, int64_t doc, struct document_pdf *pdf,
                 struct err *e)
{
    struct actor who;
    struct ctx c = username ? h_ctx(h, username, &who) : h_public_ctx(h, &who);
    return document_pdf(&c, doc, pdf, e);
}

/* The flattened text of a fetched file (caller frees). */
static char *text_of(struct harness *h, const struct document_pdf *pdf)
{
    return h_pdf_text(h->dir, "kept.pdf", pdf->pdf.p, pdf->pdf.len);
}

#define HAS(text, s)                                                                               \
    do {                                                                                           \
        char *want_ = h_flat(s);                                                                   \
        if (!strstr((text), want_))                                                                \
            fail_msg("%s:%d: the PDF lacks \"%s\":\n%.3000s", __FILE__, __LINE__, (s), (text));    \
        free(want_);                                                                               \
    } while (0)

/* ---- tests ---------------------------------------------------------------------------------- */

/* The reply is kept with its SHA-256 when it is issued; edits of the complaint afterwards, and
 * its later steps, leave the kept file as it was; the row refuses to change or go. */
static void test_r_doc_04_an_issued_document_is_kept_and_never_changes(void **state)
{
    struct harness *h = *state;
    int64_t id = replied_complaint(h, false);
    int64_t doc = document_of(h, "complaint", id, "complaint_reply");
    const char *sha = h_text(h, "SELECT sha256 FROM document_file WHERE document_id = ?", "i", doc);
    assert_int_equal(strlen(sha), 64);
    struct document_pdf first;
    struct err e = {0};
    if (fetch(h, "officer", doc, &first, &e)) fail_msg("document_pdf: %s", e.msg);
    assert_memory_equal(first.pdf.p, "%PDF-", 5);
    assert_string_equal(first.sha256, sha);
    assert_string_equal(first.type_label, "投诉举报答复书");
    char *text = text_of(h, &first);
    HAS(text, "投诉举报答复书");
    HAS(text, "投诉举报人：李四");
    HAS(text, "现场核实，确有无证输液，已当场制止");
    HAS(text, "经核查，反映情况属实，已立案查处。");
    free(text);

    /* the record changes: a later step, and its texts edited */
    h_must(h, &complaint_workflow, "leader", id, "close", NULL);
    assert_true(db_exec(h->db, &e, "UPDATE complaint SET reply = ?, summary = ? WHERE id = ?",
                        "tti", "改过的答复", "改过的内容", id) == 1);
    struct document_pdf later;
    if (fetch(h, "officer", doc, &later, &e)) fail_msg("document_pdf: %s", e.msg);
    assert_int_equal(later.pdf.len, first.pdf.len);
    assert_memory_equal(later.pdf.p, first.pdf.p, first.pdf.len);
    assert_string_equal(later.sha256, sha);
    buf_free(&later.pdf);
    buf_free(&first.pdf);

    /* the kept row itself never changes */
    assert_true(db_exec(h->db, &e, "UPDATE document_file SET sha256 = 'x' WHERE document_id = ?",
                        "i", doc) < 0);
    err_clear(&e);
    assert_true(db_exec(h->db, &e, "DELETE FROM document_file WHERE document_id = ?", "i", doc) <
                0);
    err_clear(&e);
    assert_string_equal(
        h_text(h, "SELECT sha256 FROM document_file WHERE document_id = ?", "i", doc), sha);
}

/* The reply names the complainant: sealed at rest, and served to its handler but not to a
 * viewer, the city above (who may not see the complainant either), the public or another
 * county (which does not see the complaint at all). The list shows every reader its number and
 * hash, and the link only to those who may have it. */
static void
test_r_doc_03_a_document_naming_the_complainant_goes_only_to_whom_may_see_them(void **state)
{
    struct harness *h = *state;
    int64_t id = replied_complaint(h, false);
    int64_t doc = document_of(h, "complaint", id, "complaint_reply");
    assert_string_equal(
        h_text(h, "SELECT sealed FROM document_file WHERE document_id = ?", "i", doc), "1");
    struct err e = {0};
    struct db_stmt *st =
        db_query(h->db, &e, "SELECT pdf FROM document_file WHERE document_id = ?", "i", doc);
    assert_int_equal(db_step(st, &e), DB_ROW);
    size_t n;
    const char *raw = db_blob(st, 0, &n);
    assert_true(n > SEAL_OVERHEAD);
    assert_false(memcmp(raw, "%PDF", 4) == 0); /* not readable as it lies */
    db_done(st);

    struct document_pdf pdf;
    assert_int_equal(fetch(h, "officer", doc, &pdf, &e), 0);
    buf_free(&pdf.pdf);
    assert_int_equal(fetch(h, "clerk", doc, &pdf, &e), 0); /* took it in */
    buf_free(&pdf.pdf);
    assert_int_equal(fetch(h, "viewer", doc, &pdf, &e), ERR_FORBIDDEN);
    assert_non_null(strstr(e.msg, "投诉人"));
    assert_int_equal(pdf.pdf.len, 0);
    err_clear(&e);
    assert_int_equal(fetch(h, "city", doc, &pdf, &e), ERR_FORBIDDEN);
    err_clear(&e);
    assert_int_equal(fetch(h, "other", doc, &pdf, &e), ERR_NOTFOUND);
    err_clear(&e);
    assert_int_equal(fetch(h, NULL, doc, &pdf, &e), ERR_FORBIDDEN);
    err_clear(&e);
    assert_int_equal(fetch(h, "officer", 999999, &pdf, &e), ERR_NOTFOUND);
    err_clear(&e);

    struct actor who;
    struct ctx viewer = h_ctx(h, "viewer", &who);
    json_t *o = complaint_get(&viewer, id, &e);
    json_t *d = json_array_get(json_object_get(o, "documents"), 0);
    assert_string_equal(
        json_string_value(json_object_get(d, "sha256")),
        h_text(h, "SELECT sha256 FROM document_file WHERE document_id = ?", "i", doc));
    assert_true(json_is_true(json_object_get(d, "personal")));
    assert_null(json_object_get(d, "pdf"));
    json_decref(o);
    struct ctx officer = h_ctx(h, "officer", &who);
    o = complaint_get(&officer, id, &e);
    d = json_array_get(json_object_get(o, "documents"), 0);
    char link[64];
    snprintf(link, sizeof link, "/documents/%lld.pdf", (long long)doc);
    assert_string_equal(json_string_value(json_object_get(d, "pdf")), link);
    json_decref(o);
}

/* The reply of an anonymous complaint names no one: kept plain, served to every reader. */
static void test_r_doc_03_a_document_naming_no_one_is_kept_plain(void **state)
{
    struct harness *h = *state;
    int64_t id = replied_complaint(h, true);
    int64_t doc = document_of(h, "complaint", id, "complaint_reply");
    assert_string_equal(
        h_text(h, "SELECT sealed FROM document_file WHERE document_id = ?", "i", doc), "0");
    struct document_pdf pdf;
    struct err e = {0};
    if (fetch(h, "viewer", doc, &pdf, &e)) fail_msg("document_pdf: %s", e.msg);
    char *text = text_of(h, &pdf);
    HAS(text, "投诉举报人：匿名");
    free(text);
    buf_free(&pdf.pdf);
}

/* A consultation letter goes to a third party: its type does not print the applicant, so the
 * letter is kept plain and reaches every reader of the request, and holds no applicant. */
static void test_r_doc_03_a_type_not_personal_never_holds_the_applicant(void **state)
{
    struct harness *h = *state;
    struct disclosure_input in = {.channel = "online",
                                  .content = "某诊所2025年的行政处罚决定书",
                                  .name = "赵敏",
                                  .phone = "13511112222",
                                  .address = "常州市天宁区青洋北路1号"};
    struct actor who;
    struct ctx c = h_ctx(h, "clerk", &who);
    struct err e = {0};
    int64_t id;
    if (disclosure_add(&c, &in, &id, &e)) fail_msg("disclosure_add: %s", e.msg);
    struct wf_args a = {.note = "是否同意公开贵单位的行政处罚决定书"};
    wf_arg_set(&a, "party", "某某诊所");
    h_must(h, &disclosure_workflow, "clerk", id, "consult", &a);
    int64_t doc = document_of(h, "disclosure", id, "disclosure_consultation");
    assert_string_equal(
        h_text(h, "SELECT sealed FROM document_file WHERE document_id = ?", "i", doc), "0");
    struct document_pdf pdf;
    if (fetch(h, "viewer", doc, &pdf, &e)) fail_msg("document_pdf: %s", e.msg);
    char *text = text_of(h, &pdf);
    HAS(text, "政府信息公开征求意见函");
    HAS(text, "某某诊所：");
    HAS(text, "第三十二条");
    assert_null(strstr(text, "赵敏"));
    assert_null(strstr(text, "青洋北路"));
    free(text);
    buf_free(&pdf.pdf);
}

/* A petition's acceptance and opinion are kept as their steps issue them, naming the
 * petitioner, each with the step's own facts. */
static void test_petition_documents_are_kept_step_by_step(void **state)
{
    struct harness *h = *state;
    struct petition_input in = {.form = "letter",
                                .content = "medical_dispute",
                                .summary = "反映某医院术后感染未如实告知风险",
                                .name = "刘建平",
                                .phone = "13812345678"};
    struct actor who;
    struct ctx c = h_ctx(h, "clerk", &who);
    struct err e = {0};
    int64_t id;
    if (petition_add(&c, &in, &id, &e)) fail_msg("petition_add: %s", e.msg);
    h_must(h, &petition_workflow, "clerk", id, "accept", NULL);
    struct wf_args a = {0};
    wf_arg_set(&a, "leader", "leader");
    wf_arg_set(&a, "handler", "officer");
    h_must(h, &petition_workflow, "clerk", id, "assign", &a);
    struct wf_args x = {.note = "需委托医学会组织专家论证"};
    wf_arg_set(&x, "days", "30");
    h_must(h, &petition_workflow, "leader", id, "extend", &x);
    struct wf_args ans = {0};
    wf_arg_set(&ans, "answer", "医院已履行告知义务，术后感染属于手术并发症。");
    h_must(h, &petition_workflow, "officer", id, "answer", &ans);

    struct document_pdf pdf;
    int64_t doc = document_of(h, "petition", id, "petition_acceptance");
    if (fetch(h, "officer", doc, &pdf, &e)) fail_msg("document_pdf: %s", e.msg);
    char *text = text_of(h, &pdf);
    HAS(text, "信访事项受理告知书");
    HAS(text, "信访人：刘建平");
    HAS(text, "第二十三条");
    free(text);
    buf_free(&pdf.pdf);

    doc = document_of(h, "petition", id, "petition_extension");
    if (fetch(h, "leader", doc, &pdf, &e)) fail_msg("document_pdf: %s", e.msg);
    text = text_of(h, &pdf);
    HAS(text, "需委托医学会组织专家论证");
    HAS(text, "办理期限延长30日");
    free(text);
    buf_free(&pdf.pdf);

    doc = document_of(h, "petition", id, "petition_opinion");
    if (fetch(h, "officer", doc, &pdf, &e)) fail_msg("document_pdf: %s", e.msg);
    text = text_of(h, &pdf);
    HAS(text, "信访事项处理意见书");
    HAS(text, "医院已履行告知义务，术后感染属于手术并发症。");
    HAS(text, "第三十五条");
    free(text);
    buf_free(&pdf.pdf);
    assert_int_equal(fetch(h, "viewer", doc, &pdf, &e), ERR_FORBIDDEN);
}

/* Without the data key the reply cannot name whom it answers: the step is refused whole, and
 * nothing is numbered or kept. */
static void test_a_document_that_cannot_name_its_addressee_is_not_issued(void **state)
{
    struct harness *h = *state;
    struct complaint_input in = {.channel = "phone",
                                 .line = "medical",
                                 .matter = "unlicensed_practice",
                                 .summary = "无证行医",
                                 .party_name = "无名诊所",
                                 .name = "王六",
                                 .phone = "13900002222"};
    struct actor who;
    struct ctx c = h_ctx(h, "clerk", &who);
    struct err e = {0};
    int64_t id;
    const char *code;
    if (complaint_add(&c, &in, &id, &code, &e)) fail_msg("complaint_add: %s", e.msg);
    h_must(h, &complaint_workflow, "clerk", id, "accept", NULL);
    struct wf_args a = {0};
    wf_arg_set(&a, "handler", "officer");
    h_must(h, &complaint_workflow, "leader", id, "assign", &a);
    struct wf_args v = {.note = "已核实"};
    wf_arg_set(&v, "result", "substantiated");
    h_must(h, &complaint_workflow, "officer", id, "verify", &v);
    static const unsigned char other_key[SEAL_KEY_BYTES] = {9, 9, 9};
    seal_set_key(other_key);
    struct wf_args r = {0};
    wf_arg_set(&r, "reply", "已处理");
    assert_int_equal(h_step(h, &complaint_workflow, "officer", id, "reply", &r, &e), ERR_INTERNAL);
    h_seal_test_key();
    assert_non_null(strstr(e.msg, "投诉人信息无法解密"));
    assert_string_equal(h_text(h, "SELECT state FROM complaint WHERE id = ?", "i", id), "verified");
    assert_false(h_exists(h->db,
                          "SELECT 1 FROM document WHERE object_id = ? AND"
                          " object_type = 'complaint'",
                          "i", id));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_doc_04_an_issued_document_is_kept_and_never_changes),
        T(test_r_doc_03_a_document_naming_the_complainant_goes_only_to_whom_may_see_them),
        T(test_r_doc_03_a_document_naming_no_one_is_kept_plain),
        T(test_r_doc_03_a_type_not_personal_never_holds_the_applicant),
        T(test_petition_documents_are_kept_step_by_step),
        T(test_a_document_that_cannot_name_its_addressee_is_not_issued),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
