/* test_doc_layout.c — documents declared as data (docs/doc_layout.h, data/documents/): every type
 * a step issues is declared, and each declared type renders from a realistic record (the JSON its
 * area's get function returns, tests/data/records/) into a PDF whose text (pdftotext) holds its
 * key fields, its legal bases and its remedies; what a record does not know is left blank, a
 * code picks its paragraph, and a type not declared personal never prints the person.
 *
 * Set LANDUN_PDF_OUT=DIR to keep the PDFs and their page images (pdftoppm -png -r 60) in DIR. */
#include "tests/support.h"
#include "docs/doc_layout.h"
#include "law/case.h"
#include "law/complaint.h"
#include "law/disclosure.h"
#include "law/document.h"
#include "law/petition.h"
#include "law/preservation.h"
#include "law/remedy.h"
#include "law/file_review.h"
#include "law/referral.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char outdir[256]; /* where the PDFs go */
static bool keep;        /* LANDUN_PDF_OUT given: leave them there, with page images */

static int setup(void **state)
{
    (void)state;
    const char *out = getenv("LANDUN_PDF_OUT");
    keep = out && *out;
    if (keep) {
        snprintf(outdir, sizeof outdir, "%s", out);
        char cmd[300];
        snprintf(cmd, sizeof cmd, "mkdir -p '%s'", outdir);
        if (system(cmd) != 0) return -1;
    } else {
        snprintf(outdir, sizeof outdir, "/tmp/landun-doc-layout-XXXXXX");
        if (!mkdtemp(outdir)) return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (!keep) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", outdir);
        if (system(cmd) != 0) return -1;
    }
    return 0;
}

/* The record of tests/data/records/<name>.json (new reference). */
static json_t *record(const char *name)
{
    char rel[128];
    snprintf(rel, sizeof rel, "tests/data/records/%s.json", name);
    char *text = h_read_file(rel);
    json_error_t je;
    json_t *o = json_loads(text, 0, &je);
    if (!o) fail_msg("%s: %s", rel, je.text);
    free(text);
    return o;
}

/* A step as law/workflow.c gives it to documents: action, date, then name/value pairs. */
static json_t *step(const char *action, const char *date, ...)
{
    json_t *o = json_object();
    json_object_set_new(o, "action", json_string(action));
    json_object_set_new(o, "date", json_string(date));
    va_list ap;
    va_start(ap, date);
    for (const char *k; (k = va_arg(ap, const char *));)
        json_object_set_new(o, k, json_string(va_arg(ap, const char *)));
    va_end(ap);
    return o;
}

/* Render type over rec (consumed) as law/document.c would, and return its PDF's flattened text
 * (caller frees). The file is type.pdf in outdir, with its page images when kept. */
static char *render(const char *type, const struct doc_owner *owner, json_t *rec,
                    const char *number, const char *date, json_t *st)
{
    document_data(rec, owner, type, number, date, st);
    struct buf pdf = {0};
    struct err e = {0};
    if (doc_layout_render(type, rec, &pdf, &e)) fail_msg("%s: %s", type, e.msg);
    json_decref(rec);
    assert_memory_equal(pdf.p, "%PDF-", 5);
    char name[96];
    snprintf(name, sizeof name, "%s.pdf", type);
    char *text = h_pdf_text(outdir, name, pdf.p, pdf.len);
    buf_free(&pdf);
    if (keep) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "pdftoppm -png -r 60 '%s/%s' '%s/%s'", outdir, name, outdir,
                 type);
        if (system(cmd) != 0) fail_msg("%s failed", cmd);
    }
    return text;
}

#define HAS(text, s)                                                                               \
    do {                                                                                           \
        char *want_ = h_flat(s);                                                                   \
        if (!strstr((text), want_))                                                                \
            fail_msg("%s:%d: the PDF lacks \"%s\":\n%.4000s", __FILE__, __LINE__, (s), (text));    \
        free(want_);                                                                               \
    } while (0)

#define LACKS(text, s)                                                                             \
    do {                                                                                           \
        char *want_ = h_flat(s);                                                                   \
        if (strstr((text), want_))                                                                 \
            fail_msg("%s:%d: the PDF has \"%s\":\n%.4000s", __FILE__, __LINE__, (s), (text));      \
        free(want_);                                                                               \
    } while (0)

/* ---- the declarations ----------------------------------------------------------------------- */

/* Every document a step of the three workflows issues is declared, and every declaration is a
 * type of data/doc_types.json: nothing issued goes without its PDF. */
static void test_every_issued_type_is_declared(void **state)
{
    (void)state;
    const struct workflow *flows[] = {
        &complaint_workflow,    &petition_workflow, &disclosure_workflow, &case_workflow,
        &preservation_workflow, &remedy_workflow,   &referral_workflow,   &file_review_workflow};
    int issued = 0;
    for (size_t f = 0; f < countof(flows); f++)
        for (size_t i = 0; i < flows[f]->nsteps; i++)
            for (const char *const *t = flows[f]->steps[i].documents; t && *t; t++) {
                if (!doc_layout_has(*t))
                    fail_msg("%s issues %s, which is not declared", flows[f]->kind, *t);
                issued++;
            }
    assert_true(issued >= 23);
    assert_true(doc_layout_count() >= 26);
    for (size_t i = 0; i < doc_layout_count(); i++) {
        const char *type = doc_layout_type(i);
        if (!document_type_label(type)) fail_msg("%s is declared but not in doc_types.json", type);
    }
    assert_null(doc_layout_type(doc_layout_count()));
    assert_false(doc_layout_has("site_record")); /* printed by its own builder */
    assert_true(doc_layout_personal("disclosure_answer"));
    assert_false(doc_layout_personal("disclosure_consultation"));
    struct buf pdf = {0};
    struct err e = {0};
    assert_int_equal(doc_layout_render("seal_strip", NULL, &pdf, &e), ERR_NOTFOUND);
    assert_int_equal(pdf.len, 0);
}

/* ---- cases ---------------------------------------------------------------------------------- */

/* 立案报告: the case, its investigators, the proposal's reason, the limitation, the approval. */
static void test_filing_report(void **state)
{
    (void)state;
    char *t = render("filing_report", &case_documents, record("case"), "立2026-0001", "2026-12-07",
                     step("approve", "2026-12-07", "note", "请抓紧调查取证", NULL));
    HAS(t, "立案报告");
    HAS(t, "编号：立2026-0001");
    HAS(t, "案号：武卫医罚〔2026〕1号");
    HAS(t, "当事人：武进区遥观镇锦绣美容美发店（法人或其他组织）");
    HAS(t, "案件来源：监督检查发现");
    HAS(t, "承办人员：恽秀英（执法证号 320412230100）、刘春梅（执法证号 320412230101）");
    HAS(t, "未取得《医疗机构执业许可证》擅自开展注射类医疗美容项目");
    HAS(t, "现场检查发现违法事实，需立案调查");
    HAS(t, "未超过《中华人民共和国行政处罚法》第三十六条规定的二年期限（截至2028年12月4日）");
    HAS(t, "同意立案。");
    HAS(t, "请抓紧调查取证");
    HAS(t, "第六十条");
    free(t);
}

/* 行政处罚事先告知书: the facts, the provisions, the penalty proposed, the day to answer by and,
 * with the right to one, the hearing. */
static void test_prior_notice(void **state)
{
    (void)state;
    json_t *rec = record("case");
    json_object_set_new(rec, "proposal",
                        json_pack("{ss ss ss ss}", "types_label", "警告、罚款", "fine_yuan",
                                  "15,000.00", "violated", "《医疗机构管理条例》第二十四条",
                                  "penalty_basis", "《医疗机构管理条例》第四十四条"));
    json_object_set_new(rec, "hearing_right", json_true());
    json_array_append_new(json_object_get(rec, "deadlines"),
                          json_pack("{ss ss}", "name", "defence", "due", "2026-12-24"));
    char *t = render("prior_notice", &case_documents, rec, "武卫医罚告〔2026〕1号", "2026-12-21",
                     step("notify", "2026-12-21", NULL));
    HAS(t, "行政处罚事先告知书");
    HAS(t, "武卫医罚告〔2026〕1号");
    HAS(t, "当事人：武进区遥观镇锦绣美容美发店");
    HAS(t, "上述行为违反了《医疗机构管理条例》第二十四条的规定");
    HAS(t, "依据《医疗机构管理条例》第四十四条的规定，本机关拟对你（单位）作出如下行政处罚："
           "警告、罚款，罚款人民币15,000.00元。");
    HAS(t, "请于2026年12月24日前向本机关提出");
    HAS(t, "有要求举行听证的权利");
    HAS(t, "不因当事人陈述、申辩而给予更重的处罚");
    free(t);
    /* without the right, no word of a hearing */
    rec = record("case");
    json_object_set_new(rec, "proposal", json_pack("{ss}", "types_label", "警告"));
    t = render("prior_notice", &case_documents, rec, "武卫医罚告〔2026〕2号", "2026-12-21", NULL);
    LACKS(t, "听证");
    free(t);
}

/* 行政诉讼答辩状 (行政诉讼法 第六十七条): to the court, the 答辩人 and 原告, the decision, the
 * facts, basis and evidence numbered; a 复议's is its 答复书 (行政复议法 第四十八条). */
static void test_remedy_answer(void **state)
{
    (void)state;
    json_t *rec = record("remedy");
    json_object_set_new(rec, "answer", json_string("原告使用未经消毒的美容器械，事实清楚"));
    json_object_set_new(rec, "basis", json_string("《公共场所卫生管理条例》第十四条"));
    json_object_set_new(
        rec, "evidence_items",
        json_pack("[{si ss} {si ss}]", "no", 1, "text", "现场笔录", "no", 2, "text", "询问笔录"));
    char *t = render("remedy_answer", &remedy_documents, rec, "武卫医复诉答〔2027〕1号",
                     "2027-01-20", step("answer", "2027-01-20", "who", "王法制", NULL));
    HAS(t, "行政诉讼答辩状");
    HAS(t, "武卫医复诉答〔2027〕1号");
    HAS(t, "常州市武进区人民法院：");
    HAS(t, "答辩人（被告）：常州市武进区卫生健康局");
    HAS(t, "原告：武进区遥观镇锦绣美容美发店");
    HAS(t, "原告使用未经消毒的美容器械，事实清楚");
    HAS(t, "1．现场笔录");
    HAS(t, "请求人民法院依法驳回武进区遥观镇锦绣美容美发店的诉讼请求");
    HAS(t, "第六十七条");
    LACKS(t, "行政复议答复书");
    free(t);
    rec = record("remedy");
    json_object_set_new(rec, "kind", json_string("reconsideration"));
    json_object_set_new(rec, "body", json_string("常州市武进区人民政府"));
    t = render("remedy_answer", &remedy_documents, rec, "武卫医复诉答〔2027〕2号", "2027-01-20",
               step("answer", "2027-01-20", "who", "王法制", NULL));
    HAS(t, "行政复议答复书");
    HAS(t, "被申请人：常州市武进区卫生健康局");
    HAS(t, "请求复议机关依法予以维持");
    free(t);
}

/* 行政处罚案卷评查表: each item with its points, score and finding, the sections, the total and
 * grade, 优秀案卷, the findings to correct and the reviewer. */
static void test_file_review_sheet(void **state)
{
    (void)state;
    char *t = render("file_review_sheet", &file_review_documents, record("file_review"),
                     "评〔2027〕1号", "2027-01-06", step("complete", "2027-01-06", NULL));
    HAS(t, "行政处罚案卷评查表");
    HAS(t, "案件编号：武卫医罚〔2026〕1号");
    HAS(t, "【主体】满分10分，得分10分");
    HAS(t, "2.2 "
           "证据取得合法，现场笔录、询问笔录制作规范：满分8分，得分4分；扣分理由：询问笔录缺少当事"
           "人签名（要求补正）");
    HAS(t, "总分92分，等次：优秀，评为优秀案卷");
    HAS(t, "评查人");
    HAS(t, "李稽查");
    free(t);
}

/* 证据先行登记保存决定书: the party, the case, the items, the place, 第五十六条 and the day the
 * 处理决定 is due, the officers. */
static void test_evidence_preservation_decision(void **state)
{
    (void)state;
    char *t = render("evidence_preservation_decision", &preservation_documents,
                     record("preservation"), "武卫医证保〔2026〕1号", "2026-12-09",
                     step("approve", "2026-12-09", "note", NULL, NULL));
    HAS(t, "证据先行登记保存决定书");
    HAS(t, "武卫医证保〔2026〕1号");
    HAS(t, "当事人：武进区遥观镇锦绣美容美发店");
    HAS(t, "案号：武卫医罚〔2026〕1号");
    HAS(t, "当事人拒不提供产品来源，现场物品可能被转移");
    HAS(t, "决定自2026年12月9日起对下列物品予以先行登记保存");
    HAS(t, "1．玻尿酸注射液，规格：1ml/支，数量：12支");
    HAS(t, "2．一次性使用无菌注射器，数量：3盒");
    HAS(t, "不得损毁、销毁或者转移上述物品");
    HAS(t, "本机关将于2026年12月18日前依法作出处理决定");
    HAS(t, "恽秀英（执法证号 320412230100）、刘春梅（执法证号 320412230101）");
    HAS(t, "第五十六条");
    free(t);
}

/* 证据先行登记保存处理决定书: the items, the outcome; a return asks the party to collect them, a
 * confiscation waits for the penalty decision. */
static void test_evidence_disposal_decision(void **state)
{
    (void)state;
    json_t *rec = record("preservation");
    json_object_set_new(rec, "disposal", json_string("return"));
    json_object_set_new(rec, "disposal_label", json_string("记录、复制、拍照后退还当事人"));
    char *t =
        render("evidence_disposal_decision", &preservation_documents, rec, "武卫医证处〔2026〕1号",
               "2026-12-15", step("dispose", "2026-12-15", "note", "已拍照记录", NULL));
    HAS(t, "证据先行登记保存处理决定书");
    HAS(t, "武卫医证处〔2026〕1号");
    HAS(t, "先行登记保存日期：2026年12月9日");
    HAS(t, "现对上述物品作出如下处理决定：记录、复制、拍照后退还当事人。");
    HAS(t, "已拍照记录");
    HAS(t, "领回上述物品");
    LACKS(t, "没收");
    free(t);
    rec = record("preservation");
    json_object_set_new(rec, "disposal", json_string("confiscate"));
    json_object_set_new(rec, "disposal_label",
                        json_string("依法应予没收，待作出行政处罚决定时处理"));
    t = render("evidence_disposal_decision", &preservation_documents, rec, "武卫医证处〔2026〕2号",
               "2026-12-15", step("dispose", "2026-12-15", NULL));
    HAS(t, "在行政处罚决定中一并作出决定");
    LACKS(t, "领回");
    free(t);
}

/* 听证通知书: the time, place and chair, the penalty proposed, the party's rights; not public
 * with its ground. */
static void test_hearing_summons(void **state)
{
    (void)state;
    json_t *rec = record("case");
    json_object_set_new(
        rec, "proposal",
        json_pack("{ss ss}", "types_label", "警告、罚款", "fine_yuan", "60,000.00"));
    json_object_set_new(rec, "notified_on", json_string("2026-12-21"));
    json_object_set_new(rec, "hearing",
                        json_pack("{ss ss ss ss ss sb ss ss}", "requested_on", "2026-12-23", "on",
                                  "2027-01-08", "time", "上午9时", "place", "局第一会议室",
                                  "chair_name", "周主持", "public", false, "publicity_label",
                                  "不公开：涉及商业秘密", "private_note", "涉及配方"));
    char *t = render("hearing_summons", &case_documents, rec, "武卫医听通〔2026〕1号", "2026-12-25",
                     step("set_hearing", "2026-12-25", NULL));
    HAS(t, "听证通知书");
    HAS(t, "武卫医听通〔2026〕1号");
    HAS(t, "听证时间：2027年1月8日上午9时");
    HAS(t, "听证主持人：周主持");
    HAS(t, "罚款人民币60,000.00元");
    HAS(t, "不公开：涉及商业秘密，依法予以保密，不公开举行：涉及配方");
    HAS(t, "委托一至二人代理");
    HAS(t, "视为放弃听证权利");
    free(t);
}

/* 听证笔录: held, with both sides' case; or given up by the party's absence. */
static void test_hearing_record(void **state)
{
    (void)state;
    json_t *rec = record("case");
    json_object_set_new(rec, "hearing",
                        json_pack("{ss ss ss ss ss ss ss sb sb sb}", "heard_on", "2027-01-08",
                                  "place", "局第一会议室", "chair_name", "周主持", "recorder",
                                  "张记录", "participants", "当事人及其代理人", "charges",
                                  "调查人员出示证据", "defence", "当事人请求从轻", "public", true,
                                  "held", true, "absent", false));
    char *t = render("hearing_record", &case_documents, rec, "听2027-0001", "2027-01-08",
                     step("hold_hearing", "2027-01-08", NULL));
    HAS(t, "编号：听2027-0001");
    HAS(t, "记录人：张记录");
    HAS(t, "调查人员出示证据");
    HAS(t, "当事人请求从轻");
    HAS(t, "第六十四条第（八）项");
    LACKS(t, "终止听证");
    free(t);
    rec = record("case");
    json_object_set_new(
        rec, "hearing",
        json_pack("{ss sb sb}", "heard_on", "2027-01-08", "held", false, "absent", true));
    t = render("hearing_record", &case_documents, rec, "听2027-0002", "2027-01-08", NULL);
    HAS(t, "视为放弃听证权利，终止听证");
    LACKS(t, "调查人员提出的违法事实");
    free(t);
}

/* 当场行政处罚决定书 (第五十二条): the act, its time and place, the basis, the fine in figures and
 * capitals, paying within 15 days (第六十七条), the remedies, the officers and their certificates.
 */
/* [R-CASE-93] 延期（分期）缴纳罚款决定书: the decision's fine, the application, each instalment,
 * the party's hardship, and what follows a late payment (第七十二条). */
static void test_r_case_93_payment_deferral(void **state)
{
    (void)state;
    json_t *rec = record("case");
    json_object_set_new(rec, "decision",
                        json_pack("{ss s{ss ss}}", "decided_on", "2026-12-28", "fine", "yuan",
                                  "3,000.00", "capital", "人民币叁仟元整"));
    char *t = render("payment_deferral", &case_documents, rec, "缓2027-0001", "2027-01-12",
                     step("defer", "2027-01-12", "kind", "instalments", "applied_on", "2027-01-10",
                          "schedule",
                          "第1期：2027年2月10日前缴纳人民币1,500."
                          "00元\n第2期：2027年3月10日前缴纳人民币1,500.00元",
                          "note", "当事人经营困难，提供了近三个月的银行流水", NULL));
    HAS(t, "延期（分期）缴纳罚款决定书");
    HAS(t, "编号：缓2027-0001");
    HAS(t, "2026年12月28日作出，罚款人民币3,000.00元（人民币叁仟元整）");
    HAS(t, "你（单位）于2027年1月10日提出分期缴纳罚款的申请");
    LACKS(t, "提出延期");
    HAS(t, "第1期：2027年2月10日前缴纳人民币1,500.00元");
    HAS(t, "第2期：2027年3月10日前缴纳人民币1,500.00元");
    HAS(t, "近三个月的银行流水");
    HAS(t, "每日按罚款数额的百分之三加处罚款");
    free(t);
}

/* The 催告书 and the 强制执行申请书 over a case with its enforcement. */
static json_t *enforced(void)
{
    json_t *rec = record("case");
    json_object_set_new(rec, "decision",
                        json_pack("{ss s{ss ss}}", "decided_on", "2026-12-28", "fine", "yuan",
                                  "2,000.00", "capital", "人民币贰仟元整"));
    json_object_set_new(rec, "execution", json_pack("{ss}", "received_on", "2026-12-30"));
    json_object_set_new(
        rec, "enforcement",
        json_pack("{s[{ss ss ss ss ss ss ss ss ss ss sb}] s[{ss ss ss ss ss ss ss ss}]}",
                  "reminders", "reminded_on", "2027-01-20", "served_on", "2027-01-21",
                  "method_label", "直接送达", "recipient", "王某", "fine", "2,000.00", "surcharge",
                  "360.00", "confiscated", "0.00", "total", "2,360.00", "total_capital",
                  "人民币贰仟叁佰陆拾元整", "perform_by", "2027-02-04", "has_confiscated", 0,
                  "applications", "applied_on", "2027-07-12", "court", "常州市武进区人民法院",
                  "fine", "2,000.00", "surcharge", "2,000.00", "total", "4,000.00", "total_capital",
                  "人民币肆仟元整", "window_opens_on", "2027-07-01", "apply_by", "2027-09-30"));
    return rec;
}

/* [R-CASE-105] The 催告书: the amounts owed on its day, ten working days, the right to state and
 * defend. */
static void test_r_case_105_enforcement_reminder(void **state)
{
    (void)state;
    char *t = render("enforcement_reminder", &case_documents, enforced(), "武卫医催〔2027〕1号",
                     "2027-01-20", step("remind", "2027-01-20", NULL));
    HAS(t, "催告书");
    HAS(t, "尚未缴纳的罚款：人民币2,000.00元");
    HAS(t, "计至2027年1月20日的加处罚款：人民币360.00元");
    HAS(t, "合计：人民币2,360.00元（人民币贰仟叁佰陆拾元整）");
    HAS(t, "履行期限至2027年2月4日");
    HAS(t, "有权进行陈述和申辩");
    LACKS(t, "没收违法所得、非法财物款项");
    free(t);
}

/* [R-CASE-109] The 强制执行申请书: the court, the amounts, the 催告 and the periods lapsed. */
static void test_r_case_109_enforcement_application(void **state)
{
    (void)state;
    char *t =
        render("enforcement_application", &case_documents, enforced(), "武卫医强执〔2027〕1号",
               "2027-07-12", step("apply_court", "2027-07-12", NULL));
    HAS(t, "强制执行申请书");
    HAS(t, "常州市武进区人民法院");
    HAS(t, "合计人民币4,000.00元（人民币肆仟元整）");
    HAS(t, "于2027年1月20日作出催告书，于2027年1月21日直接送达被执行人");
    HAS(t, "没有正在审理的行政复议或者行政诉讼（2027年7月1日起可以申请强制执行）");
    HAS(t, "行政机关负责人（签名）");
    free(t);
}

static void test_r_case_54_summary_penalty_decision(void **state)
{
    (void)state;
    json_t *rec = record("case");
    json_object_set_new(rec, "place", json_string("武进区遥观镇锦绣路8号"));
    json_object_set_new(rec, "summary_decision",
                        json_pack("{ss ss ss ss ss}", "types_label", "警告、罚款", "fine_yuan",
                                  "200.00", "fine_capital", "人民币贰佰元整", "violated",
                                  "《公共场所卫生管理条例》第七条", "penalty_basis",
                                  "《公共场所卫生管理条例》第十四条"));
    char *t = render("summary_penalty_decision", &case_documents, rec, "武卫医当罚〔2026〕1号",
                     "2026-12-20", step("decide_on_spot", "2026-12-20", NULL));
    HAS(t, "当场行政处罚决定书");
    HAS(t, "武卫医当罚〔2026〕1号");
    HAS(t, "地点：武进区遥观镇锦绣路8号");
    HAS(t, "违反了《公共场所卫生管理条例》第七条的规定");
    HAS(t, "依据《公共场所卫生管理条例》第十四条和《中华人民共和国行政处罚法》第五十一条的规定");
    HAS(t, "警告、罚款，罚款人民币贰佰元整（￥200.00元）。");
    HAS(t, "十五日内");
    HAS(t, "六十日内依法申请行政复议");
    HAS(t, "恽秀英（执法证号 320412230100）");
    HAS(t, "报本机关备案");
    free(t);
    /* a warning alone: nothing to pay */
    rec = record("case");
    json_object_set_new(rec, "summary_decision", json_pack("{ss}", "types_label", "警告"));
    t = render("summary_penalty_decision", &case_documents, rec, "武卫医当罚〔2026〕2号",
               "2026-12-20", NULL);
    LACKS(t, "缴纳罚款");
    free(t);
}

/* 案件受理记录: the source, party, facts and dates, the 立案期限, the one who registered it. */
static void test_case_intake_record(void **state)
{
    (void)state;
    char *t = render("case_intake_record", &case_documents, record("case"), "受2026-0001",
                     "2026-12-07", step("start", "2026-12-07", NULL));
    HAS(t, "案件受理记录");
    HAS(t, "编号：受2026-0001");
    HAS(t, "案件来源：监督检查发现");
    HAS(t, "当事人：武进区遥观镇锦绣美容美发店（法人或其他组织）");
    HAS(t, "受理日期：2026年12月7日");
    HAS(t, "未取得《医疗机构执业许可证》擅自开展注射类医疗美容项目");
    HAS(t, "请于2026年12月14日前决定是否立案");
    HAS(t, "受理人（签名）：恽秀英");
    HAS(t, "第五十四条");
    free(t);
}

/* 案件调查终结报告: the facts, the evidence, the item and its provisions, the level and its
 * range, the penalty proposed, the reason outside the level, the review and why. */
static void test_investigation_report(void **state)
{
    (void)state;
    json_t *rec = record("case");
    json_object_set_new(
        rec, "proposal",
        json_pack("{ss ss ss ss ss ss ss ss ss sb sb ss}", "item_code", "WJ-CF-001", "item_name",
                  "对未取得医疗机构执业许可证擅自执业的行政处罚", "violated",
                  "《医疗机构管理条例》第二十四条", "penalty_basis",
                  "《医疗机构管理条例》第四十四条", "level", "较重", "level_range",
                  "警告；罚款；罚款10,000.00元以上30,000.00元以下", "level_conditions",
                  "违法所得较多", "types_label", "警告、通报批评；罚款", "fine_yuan", "40,000.00",
                  "review_required", true, "major", false, "review_why", "罚款数额在10000元以上"));
    json_object_set_new(json_object_get(rec, "proposal"), "outside_reason",
                        json_string("注射致一人感染"));
    json_object_set_new(rec, "evidence",
                        json_pack("[{ss ss ss ss}]", "kind_label", "书证", "description",
                                  "营业执照复印件", "source", "当事人提供", "obtained_on",
                                  "2026-12-08"));
    char *t =
        render("investigation_report", &case_documents, rec, "终2026-0001", "2026-12-18",
               step("conclude", "2026-12-18", "note", "经查，当事人为顾客注射玻尿酸12人次", NULL));
    HAS(t, "案件调查终结报告");
    HAS(t, "编号：终2026-0001");
    HAS(t, "经查，当事人为顾客注射玻尿酸12人次");
    HAS(t, "1. 书证：营业执照复印件（当事人提供，2026年12月8日取得）");
    HAS(t, "违反条款：《医疗机构管理条例》第二十四条");
    HAS(t, "适用裁量档次：较重（警告；罚款；罚款10,000.00元以上30,000.00元以下）");
    HAS(t, "拟处罚超出所选裁量档次，理由：注射致一人感染");
    HAS(t, "罚款人民币40,000.00元");
    HAS(t, "本案属于罚款数额在10000元以上的情形，作出行政处罚决定前应当进行法制审核");
    HAS(t, "承办人员（签名）：恽秀英、刘春梅");
    free(t);
}

/* 陈述和申辩笔录: the day and how, what the party said, the review and its reasons. */
static void test_statement_record(void **state)
{
    (void)state;
    json_t *rec = record("case");
    json_object_set_new(rec, "notified_on", json_string("2026-12-21"));
    char *t =
        render("statement_record", &case_documents, rec, "申2026-0001", "2026-12-22",
               step("record_statement", "2026-12-22", "how", "oral", "statement", "已停止注射项目",
                    "review", "rejected", "review_reason", "违法事实有证据证实", NULL));
    HAS(t, "陈述和申辩笔录");
    HAS(t, "编号：申2026-0001");
    HAS(t, "事先告知日期：2026年12月21日");
    HAS(t, "陈述、申辩方式：口头");
    HAS(t, "已停止注射项目");
    HAS(t, "不成立，不予采纳。");
    HAS(t, "理由：违法事实有证据证实");
    HAS(t, "第四十五条");
    LACKS(t, "予以部分采纳");
    free(t);
}

/* 送达回执: the document served with its 文号, the party, place, method, recipient and relation,
 * the signer, the witnesses of a 留置送达, and the late service noted. */
static void test_service_receipt(void **state)
{
    (void)state;
    json_t *rec = record("case");
    json_object_set_new(rec, "services",
                        json_pack("[{ss ss ss ss ss ss ss ss ss ss ss sb}]", "document_label",
                                  "行政处罚决定书", "document_number", "武卫医罚〔2026〕12号",
                                  "method", "left", "method_label", "留置送达", "served_on",
                                  "2026-12-28", "recipient", "王某", "relation", "法定代表人",
                                  "place", "康宁诊所", "server", "张三、李四", "witnesses",
                                  "社区居委会 赵某", "receipt_on", "2026-12-28", "late", 1));
    char *t = render("service_receipt", &case_documents, rec, "送2026-0001", "2026-12-28",
                     step("serve", "2026-12-28", NULL));
    HAS(t, "送达回执");
    HAS(t, "编号：送2026-0001");
    HAS(t, "送达文书名称及文号：行政处罚决定书 武卫医罚〔2026〕12号");
    HAS(t, "送达方式：留置送达");
    HAS(t, "送达地点：康宁诊所");
    HAS(t, "王某（法定代表人）");
    HAS(t, "见证人社区居委会 赵某的见证下");
    HAS(t, "送达期限届满后送达");
    HAS(t, "第六十一条");
    LACKS(t, "邮件单号");
    free(t);
}

/* 涉嫌犯罪案件移送书: to the public security organ, the case and the crime, the facts, the persons
 * with their ID numbers (a personal type), the goods, the materials sent. */
static void test_case_transfer_letter(void **state)
{
    (void)state;
    char *t =
        render("case_transfer_letter", &referral_documents, record("referral"),
               "武卫医移〔2026〕1号", "2026-12-15",
               step("send", "2026-12-15", "note", "涉嫌犯罪案件调查报告、涉案物品清单", NULL));
    HAS(t, "涉嫌犯罪案件移送书");
    HAS(t, "武卫医移〔2026〕1号");
    HAS(t, "武进区公安局：");
    HAS(t, "涉嫌非法行医罪");
    HAS(t, "张某，身份证号码：11010519491231002X");
    HAS(t, "一次性注射器 5ml 20支");
    HAS(t, "涉嫌犯罪案件调查报告、涉案物品清单");
    HAS(t, "第九条");
    free(t);
}

/* 询问笔录: the person asked, time and place, the officers with their certificates (第五十五条),
 * the questions and answers. */
static void test_inquiry_record(void **state)
{
    (void)state;
    json_t *st = step("evidence", "2026-12-08", "person", "李四", "identity", "护士", "relation",
                      "当事人的雇员", "time", "9时30分至10时15分", "place", "店内", "qa",
                      "问：谁给顾客注射？\n答：是我。", "kind_label", "证人证言", NULL);
    json_object_set_new(st, "officers",
                        json_pack("[{ss ss} {ss ss}]", "name", "恽秀英", "cert_no", "320412230100",
                                  "name", "刘春梅", "cert_no", "320412230101"));
    char *t =
        render("inquiry_record", &case_documents, record("case"), "询2026-0001", "2026-12-08", st);
    HAS(t, "询问笔录");
    HAS(t, "编号：询2026-0001");
    HAS(t, "询问时间：2026年12月8日9时30分至10时15分");
    HAS(t, "被询问人：李四");
    HAS(t, "与当事人的关系：当事人的雇员（当事人：武进区遥观镇锦绣美容美发店）");
    HAS(t, "询问人：恽秀英（执法证号 320412230100）、刘春梅（执法证号 320412230101）");
    HAS(t, "已向你出示执法证件（《中华人民共和国行政处罚法》第五十五条）");
    HAS(t, "答：是我。");
    free(t);
}

/* 现场笔录 of a case: time and place, the persons present, the officers with their certificates
 * (第五十五条), what they found; a long account runs on to a second page. */
static void test_case_site_record(void **state)
{
    (void)state;
    char scene[4000] = "";
    for (int i = 0; i < 24; i++)
        strcat(scene, "治疗室内一名未佩戴胸牌的人员正在为患者输液，药品为0.9%氯化钠注射液。\n");
    json_t *st =
        step("evidence", "2026-12-05", "time", "14时10分至15时00分", "place", "锦绣美容美发店二楼",
             "present", "王五，店长", "scene", scene, "kind_label", "勘验笔录、现场笔录", NULL);
    json_object_set_new(st, "officers",
                        json_pack("[{ss ss} {ss ss}]", "name", "恽秀英", "cert_no", "320412230100",
                                  "name", "刘春梅", "cert_no", "320412230101"));
    char *t = render("case_site_record", &case_documents, record("case"), "现2026-0002",
                     "2026-12-05", st);
    HAS(t, "现场笔录");
    HAS(t, "编号：现2026-0002");
    HAS(t, "当事人：武进区遥观镇锦绣美容美发店");
    HAS(t, "检查时间：2026年12月5日14时10分至15时00分");
    HAS(t, "检查地点：锦绣美容美发店二楼");
    HAS(t, "当事人或在场人及其身份：王五，店长");
    HAS(t, "执法人员：恽秀英（执法证号 320412230100）、刘春梅（执法证号 320412230101）");
    HAS(t, "已向你出示执法证件（《中华人民共和国行政处罚法》第五十五条）");
    HAS(t, "药品为0.9%氯化钠注射液");
    HAS(t, "当事人或在场人（签名）");
    HAS(t, "在每页签名");
    free(t);
}

/* ---- complaints ----------------------------------------------------------------------------- */

static void test_complaint_reply(void **state)
{
    (void)state;
    char *t = render("complaint_reply", &complaint_documents, record("complaint"), "答2026-0007",
                     "2026-05-20", step("reply", "2026-05-20", NULL));
    HAS(t, "常州市武进区卫生健康局");
    HAS(t, "投诉举报答复书");
    HAS(t, "编号：答2026-0007");
    HAS(t, "投诉举报人：张晓梅");
    HAS(t, "张晓梅：");
    HAS(t, "投诉举报编号：投诉〔2026〕37号");
    HAS(t, "收到日期：2026年4月8日（12345转办）");
    HAS(t, "被投诉举报单位（人）：常州市武进区湖塘镇仁和口腔诊所");
    HAS(t, "有人在无证开展拔牙、镶牙等口腔诊疗活动");
    HAS(t, "不能出示《医疗机构执业许可证》和《医师执业证书》"); /* the verification's note */
    HAS(t, "经核查，你反映的问题部分属实。");
    HAS(t, "本机关已依法采取以下处理措施：责令整改、建议立案查处。");
    HAS(t, "调查结果将依法向社会公开。");
    HAS(t, "（印章）");
    HAS(t, "2026年5月20日");
    HAS(t, "本机关依法对投诉举报人的个人信息予以保密。");
    LACKS(t, "13905196677"); /* a contact is not printed */
    free(t);
}

/* An anonymous complaint without a verification note or measures: no addressee, the person
 * "匿名", and the paragraphs that would be empty are left out. */
static void test_complaint_reply_anonymous_and_sparse(void **state)
{
    (void)state;
    json_t *rec = record("complaint");
    json_object_del(rec, "complainant");
    json_object_set_new(rec, "anonymous", json_true());
    json_object_set_new(rec, "measures", json_string("none"));
    json_object_set_new(rec, "measures_label", json_string("无需处理"));
    json_array_remove(json_object_get(rec, "steps"), 3); /* no verify step */
    char *t =
        render("complaint_reply", &complaint_documents, rec, "答2026-0008", "2026-05-21", NULL);
    HAS(t, "投诉举报人：匿名");
    LACKS(t, "张晓梅");
    HAS(t, "经核查，未发现需要依法处理的违法行为。");
    LACKS(t, "处理措施：无需处理");
    LACKS(t, "不能出示");
    free(t);
}

/* ---- petitions ------------------------------------------------------------------------------ */

static void test_petition_acceptance(void **state)
{
    (void)state;
    json_t *rec = record("petition");
    json_object_set_new(rec, "due", json_string("2026-05-04"));
    char *t = render("petition_acceptance", &petition_documents, rec, "信受2026-0003", "2026-03-05",
                     step("accept", "2026-03-05", NULL));
    HAS(t, "信访事项受理告知书");
    HAS(t, "编号：信受2026-0003");
    HAS(t, "信访人：刘建平");
    HAS(t, "刘建平：");
    HAS(t, "信访事项编号：信访〔2026〕21号");
    HAS(t, "信访形式：来信");
    HAS(t, "受理日期：2026年3月5日");
    HAS(t, "你于2026年3月2日以来信形式反映的医患纠纷方面的信访事项");
    HAS(t, "根据《信访工作条例》第二十三条的规定，本机关决定予以受理。");
    HAS(t, "于2026年5月4日前提出处理意见并书面答复你");
    HAS(t, "髋关节置换术后出现感染");
    LACKS(t, "320412198001010019"); /* the id number is not printed */
    free(t);
}

static void test_petition_refusal(void **state)
{
    (void)state;
    json_t *rec = record("petition");
    char *t = render("petition_refusal", &petition_documents, rec, "信不受2026-0001", "2026-03-05",
                     step("refuse", "2026-03-05", "reason", "other_procedure", "reason_label",
                          "应当通过诉讼、仲裁、行政复议等法定途径解决", "note",
                          "赔偿诉求可以申请医疗纠纷人民调解或者向人民法院提起诉讼。", NULL));
    HAS(t, "信访事项不予受理告知书");
    HAS(t, "不予受理理由：应当通过诉讼、仲裁、行政复议等法定途径解决");
    HAS(t, "依照《信访工作条例》第二十三条的规定书面告知如下");
    HAS(t, "请你依照有关法律、行政法规规定的程序向有关机关提出。");
    HAS(t, "赔偿诉求可以申请医疗纠纷人民调解");
    LACKS(t, "不属于本机关职权范围"); /* another reason's paragraph */
    free(t);

    rec = record("petition");
    t = render("petition_refusal", &petition_documents, rec, "信不受2026-0002", "2026-03-05",
               step("refuse", "2026-03-05", "reason", "rechecked", NULL));
    HAS(t, "该事项已经复核终结。根据《信访工作条例》第三十六条的规定");
    free(t);
}

static void test_petition_extension(void **state)
{
    (void)state;
    json_t *rec = record("petition");
    json_object_set_new(rec, "due", json_string("2026-06-03"));
    char *t = render("petition_extension", &petition_documents, rec, "信延2026-0001", "2026-04-01",
                     step("extend", "2026-04-01", "days", "30", "note",
                          "需调取医院全部病历资料并委托医学会组织专家论证", "reason", "延长 30 日",
                          NULL));
    HAS(t, "信访事项延期办理告知书");
    HAS(t, "受理日期：2026年3月5日");
    HAS(t, "原办理期限：2026年5月4日");
    HAS(t, "延长后的办理期限：2026年6月3日");
    HAS(t, "需调取医院全部病历资料并委托医学会组织专家论证");
    HAS(t, "根据《信访工作条例》第三十四条的规定，办理期限延长30日。本机关将于2026年6月3日前办结");
    free(t);
}

static void test_petition_opinion(void **state)
{
    (void)state;
    char *t = render("petition_opinion", &petition_documents, record("petition"), "信处2026-0004",
                     "2026-04-28", step("answer", "2026-04-28", NULL));
    HAS(t, "信访事项处理意见书");
    HAS(t, "本机关已于2026年3月5日依法受理。经调查核实，现提出处理意见如下");
    HAS(t, "患者家属签署了《手术知情同意书》");
    HAS(t, "可以自收到本意见书之日起30日内，请求原办理机关的上一级机关复查（《信访工作条例》第三十"
           "五条）");
    free(t);
}

static void test_petition_review(void **state)
{
    (void)state;
    char *t = render("petition_review", &petition_documents, record("petition"), "信复查2026-0001",
                     "2026-06-05", step("review_answer", "2026-06-05", NULL));
    HAS(t, "信访事项复查意见书");
    HAS(t, "处理意见日期：2026年4月28日");
    HAS(t, "收到复查请求日期：2026年5月12日");
    HAS(t, "信访人认为医院隐瞒病情，要求重新调查。");
    HAS(t, "原处理意见认定事实清楚，适用依据正确，予以维持。");
    HAS(t, "向复查机关的上一级机关请求复核（《信访工作条例》第三十六条）");
    free(t);
}

static void test_petition_recheck(void **state)
{
    (void)state;
    char *t = render("petition_recheck", &petition_documents, record("petition"), "信复核2026-0001",
                     "2026-07-10", step("recheck_answer", "2026-07-10", NULL));
    HAS(t, "信访事项复核意见书");
    HAS(t, "复查意见日期：2026年6月5日");
    HAS(t, "收到复核请求日期：2026年6月20日");
    HAS(t, "经复核，同意复查意见。");
    HAS(t, "本复核意见为该信访事项的终结意见。");
    HAS(t, "仍然以同一事实和理由提出投诉请求的，各级党委和政府信访部门和其他机关、单位不再受理");
    free(t);
}

/* ---- disclosure requests -------------------------------------------------------------------- */

static void test_disclosure_correction(void **state)
{
    (void)state;
    json_t *rec = record("disclosure");
    json_object_set_new(rec, "state", json_string("correcting"));
    char *t = render(
        "disclosure_correction", &disclosure_documents, rec, "依申补2026-0002", "2026-06-05",
        step("request_correction", "2026-06-05", "note",
             "请明确所申请的医疗美容机构名称或者所在街道，以及“监督检查记录”的具体时段。", NULL));
    HAS(t, "政府信息公开申请补正告知书");
    HAS(t, "申请人：赵敏");
    HAS(t, "联系地址：常州市天宁区青洋北路1号");
    HAS(t, "赵敏：");
    HAS(t, "根据《中华人民共和国政府信息公开条例》第三十条的规定，现一次性告知");
    HAS(t, "请明确所申请的医疗美容机构名称或者所在街道");
    HAS(t, "自收到本告知书之日起＿＿＿个工作日内"); /* the period to fill in by hand */
    HAS(t, "无正当理由逾期不补正的，视为放弃申请");
    free(t);
}

static void test_disclosure_extension(void **state)
{
    (void)state;
    json_t *rec = record("disclosure");
    json_object_set_new(rec, "due", json_string("2026-07-27"));
    json_object_set_new(rec, "original_due", json_string("2026-06-29"));
    char *t =
        render("disclosure_extension", &disclosure_documents, rec, "依申延2026-0001", "2026-06-24",
               step("extend", "2026-06-24", "days", "20", "note",
                    "申请公开的信息涉及全区47家医疗美容机构，需逐份检索、区分处理", NULL));
    HAS(t, "政府信息公开申请延期答复告知书");
    HAS(t, "原答复期限：2026年6月29日");
    HAS(t, "延长后的答复期限：2026年7月27日");
    HAS(t, "需逐份检索、区分处理");
    HAS(t, "第三十三条的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长20个工作日");
    free(t);
}

/* The consultation goes to a third party: it never names the applicant, whatever the record
 * holds ("personal": false). */
static void test_disclosure_consultation(void **state)
{
    (void)state;
    char *t = render("disclosure_consultation", &disclosure_documents, record("disclosure"),
                     "依申征2026-0001", "2026-06-08",
                     step("consult", "2026-06-08", "party", "常州市武进区美丽人生医疗美容诊所",
                          "note", "是否同意公开贵单位2025年的行政处罚决定书", NULL));
    HAS(t, "政府信息公开征求意见函");
    HAS(t, "被征求意见方：常州市武进区美丽人生医疗美容诊所");
    HAS(t, "常州市武进区美丽人生医疗美容诊所：");
    HAS(t, "根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求你方意见");
    HAS(t, "请你方自收到本函之日起15个工作日内提出书面意见");
    LACKS(t, "第三十四条");
    LACKS(t, "赵敏");
    LACKS(t, "青洋北路");
    free(t);

    t = render("disclosure_consultation", &disclosure_documents, record("disclosure"),
               "依申征2026-0002", "2026-06-08",
               step("consult_agency", "2026-06-08", "party", "常州市卫生健康委员会", NULL));
    HAS(t, "第三十四条的规定，现征求你机关意见");
    HAS(t, "逾期未提出意见的，视为同意公开。");
    LACKS(t, "第三十二条");
    free(t);
}

static void test_disclosure_answer_partial(void **state)
{
    (void)state;
    char *t = render("disclosure_answer", &disclosure_documents, record("disclosure"),
                     "依申答2026-0011", "2026-06-26", step("answer_partial", "2026-06-26", NULL));
    HAS(t, "政府信息公开申请答复书");
    HAS(t, "申请人：赵敏");
    HAS(t, "申请编号：依申〔2026〕14号");
    HAS(t, "收到申请日期：2026年6月1日（网络（互联网））");
    HAS(t, "答复类型：部分公开");
    HAS(t, "2025年度本区对各医疗美容机构开展监督检查的记录及行政处罚决定书。");
    HAS(t, "用途：了解本区医疗美容行业监管情况");
    HAS(t, "根据《中华人民共和国政府信息公开条例》第三十七条的规定");
    HAS(t, "对不予公开的内容，理由是：行政执法案卷信息（第十六条）。");
    HAS(t, "已通过电子邮件发送至你提供的邮箱");
    HAS(t, "六十日内依法申请行政复议，或者自收到本答复书之日起六个月内依法向人民法院提起行政诉讼");
    HAS(t, "其中对不予公开的部分不服的，应当先依法申请行政复议");
    HAS(t, "（《中华人民共和国政府信息公开条例》第五十一条）");
    LACKS(t, "第三十六条第（一）项");
    free(t);
}

/* Each kind of answer prints its own article, and only the partial one the prior 复议. */
static void test_disclosure_answer_kinds(void **state)
{
    (void)state;
    static const struct {
        const char *type, *reason, *article;
    } kinds[] = {
        {"published", NULL, "第三十六条第（一）项"},
        {"disclose", NULL, "第三十六条第（二）项"},
        {"not_exist", NULL, "第三十六条第（四）项"},
        {"not_ours", NULL, "负责公开该政府信息的机关为常州市市场监督管理局"},
        {"repeat", NULL, "第三十六条第（六）项"},
        {"not_handled", "petition_like", "第三十九条第一款"},
        {"not_handled", "publication", "第三十九条第二款"},
        {"not_handled", "processing", "第三十八条"},
    };
    for (size_t i = 0; i < countof(kinds); i++) {
        json_t *rec = record("disclosure");
        json_object_set_new(rec, "answer_type", json_string(kinds[i].type));
        json_object_set_new(rec, "body", json_string("常州市市场监督管理局"));
        if (kinds[i].reason)
            json_object_set_new(rec, "reason", json_string(kinds[i].reason));
        else
            json_object_del(rec, "reason");
        char *t = render("disclosure_answer", &disclosure_documents, rec, "依申答2026-0012",
                         "2026-06-26", NULL);
        HAS(t, kinds[i].article);
        HAS(t, "六个月内依法向人民法院提起行政诉讼。");
        LACKS(t, "应当先依法申请行政复议");
        LACKS(t, "第三十七条");
        free(t);
    }
}

/* 不予公开 states its ground with its article; its remedy is 复议 first (行政复议法 第二十三条). */
static void test_disclosure_refusal(void **state)
{
    (void)state;
    json_t *rec = record("disclosure");
    json_object_set_new(rec, "answer_type", json_string("withhold"));
    json_object_set_new(rec, "reason", json_string("third_party"));
    json_object_set_new(
        rec, "reason_label",
        json_string("涉及商业秘密、个人隐私等，公开会损害第三方合法权益（第十五条）"));
    json_object_set_new(rec, "answer",
                        json_string("所申请的检查记录载有就诊者的个人信息，第三方不同意公开。"));
    char *t = render("disclosure_refusal", &disclosure_documents, rec, "依申不2026-0001",
                     "2026-06-26", step("answer_withhold", "2026-06-26", NULL));
    HAS(t, "政府信息不予公开告知书");
    HAS(t, "不予公开的理由：涉及商业秘密、个人隐私等，公开会损害第三方合法权益（第十五条）");
    HAS(t,
        "根据《中华人民共和国政府信息公开条例》第三十六条第（三）项的规定，本机关决定不予公开。");
    HAS(t, "理由说明：所申请的检查记录载有就诊者的个人信息，第三方不同意公开。");
    HAS(t, "可以自收到本告知书之日起六十日内依法申请行政复议；对行政复议决定不服的，可以自收到行政"
           "复议决定书之日起十五日内依法向人民法院提起行政诉讼");
    HAS(t, "《中华人民共和国行政复议法》第二十三条");
    LACKS(t, "六个月内");
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_issued_type_is_declared),
        cmocka_unit_test(test_filing_report),
        cmocka_unit_test(test_case_intake_record),
        cmocka_unit_test(test_investigation_report),
        cmocka_unit_test(test_statement_record),
        cmocka_unit_test(test_service_receipt),
        cmocka_unit_test(test_case_transfer_letter),
        cmocka_unit_test(test_inquiry_record),
        cmocka_unit_test(test_case_site_record),
        cmocka_unit_test(test_prior_notice),
        cmocka_unit_test(test_r_case_54_summary_penalty_decision),
        cmocka_unit_test(test_r_case_93_payment_deferral),
        cmocka_unit_test(test_r_case_105_enforcement_reminder),
        cmocka_unit_test(test_r_case_109_enforcement_application),
        cmocka_unit_test(test_hearing_summons),
        cmocka_unit_test(test_hearing_record),
        cmocka_unit_test(test_evidence_preservation_decision),
        cmocka_unit_test(test_remedy_answer),
        cmocka_unit_test(test_file_review_sheet),
        cmocka_unit_test(test_evidence_disposal_decision),
        cmocka_unit_test(test_complaint_reply),
        cmocka_unit_test(test_complaint_reply_anonymous_and_sparse),
        cmocka_unit_test(test_petition_acceptance),
        cmocka_unit_test(test_petition_refusal),
        cmocka_unit_test(test_petition_extension),
        cmocka_unit_test(test_petition_opinion),
        cmocka_unit_test(test_petition_review),
        cmocka_unit_test(test_petition_recheck),
        cmocka_unit_test(test_disclosure_correction),
        cmocka_unit_test(test_disclosure_extension),
        cmocka_unit_test(test_disclosure_consultation),
        cmocka_unit_test(test_disclosure_answer_partial),
        cmocka_unit_test(test_disclosure_answer_kinds),
        cmocka_unit_test(test_disclosure_refusal),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
