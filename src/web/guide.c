/* guide.c — the public guides under /public/guides (事前、事中公示, 国办发〔2018〕118号): how a
 * penalty case goes, the summary procedure, the random inspections, complaints, the remedies,
 * what officers show and hand over, and how to ask the agency for something. Every period and
 * document name a guide states is taken from the constants and the document register the rest of
 * the program enforces, so a guide cannot say other than what the system does. */
#include "base/jpack.h"
#include "web/area.h"
#include "web/web.h"
#include "law/case.h"
#include "law/case_service.h"
#include "law/case_summary.h"
#include "law/complaint.h"
#include "law/disclosure.h"
#include "law/document.h"
#include "law/publicity.h"
#include "law/remedy.h"
#include "law/role.h"
#include "law/surcharge.h"
#include "law/task.h"

#include <string.h>

/* One guide: its address under /public/guides, its title, its template and what it fills in. */
struct guide {
    const char *slug;
    const char *title;
    const char *stage; /* 事前 or 事中 */
    const char *summary;
    void (*fill)(json_t *data);
};

/* The names of the documents with these codes, as the document register gives them. */
static json_t *doc_names(const char *const *codes)
{
    json_t *out = json_array();
    for (int i = 0; codes[i]; i++) {
        const char *label = document_type_label(codes[i]);
        if (label) json_array_append_new(out, json_string(label));
    }
    return out;
}

static void set_doc(json_t *d, const char *key, const char *code)
{
    const char *label = document_type_label(code);
    jset_text(d, key, label ? label : code);
}

/* A step of a flow: its name and what happens. */
static void step(json_t *steps, const char *name, const char *text)
{
    json_array_append_new(steps, jpack("{ss ss}", "name", name, "text", text));
}

/* [R-PUB-53] the guides' periods and document names are the ones the program enforces */
static void fill_penalty(json_t *d)
{
    json_t *s = json_array();
    char t[512];
    step(s, "受理与立案",
         "执法机关对发现、投诉举报或移送的违法线索进行核查；符合立案条件的及时立案。");
    snprintf(
        t, sizeof t,
        "至少两名执法人员调查，出示行政执法证件，制作笔录；您可以申请执法人员回避。调查期间可能"
        "依法%s。",
        document_type_label("evidence_preservation_decision") ? "对证据先行登记保存" : "保全证据");
    step(s, "调查取证", t);
    snprintf(
        t, sizeof t,
        "作出处罚决定前，执法机关送达《%s》，告知拟作出的处罚及其事实、理由、依据。您可以在收到后 "
        "%d 个工作日内陈述、申辩（以告知书载明的期限为准）。",
        document_type_label("prior_notice"), CASE_STATEMENT_DAYS);
    step(s, "事先告知", t);
    snprintf(t, sizeof t,
             "拟作出较大数额罚款、没收较大数额违法所得、吊销许可证件、责令停产停业等处罚的，您可以"
             "在告知后 "
             "%d 个工作日内要求听证；听证举行 %d 个工作日前会收到《%s》。",
             CASE_HEARING_REQUEST_DAYS, CASE_HEARING_NOTICE_DAYS,
             document_type_label("hearing_summons"));
    step(s, "陈述申辩、听证", t);
    step(s, "法制审核、集体讨论",
         "重大执法决定作出前经法制审核；情节复杂或者重大违法行为由执法机关负责人集体讨论决定。");
    snprintf(t, sizeof t,
             "执法机关自立案之日起 %d "
             "日内作出《%s》或《%s》，经批准可以延长。决定书载明救济途径和期限。",
             CASE_DECIDE_DAYS, document_type_label("penalty_decision"),
             document_type_label("no_penalty_decision"));
    step(s, "作出决定", t);
    snprintf(t, sizeof t, "决定书当场交付；您不在场的，%d 个工作日内依法送达，并制作《%s》。",
             CASE_SERVE_DAYS, document_type_label("service_receipt"));
    step(s, "送达", t);
    snprintf(t, sizeof t,
             "自收到决定书之日起 %d 日内缴纳罚款；逾期不缴纳的，每日按罚款数额的 %d%% "
             "加处罚款（不超过罚款"
             "数额），执法机关可以依法申请法院强制执行。确有困难的可以申请延期或者分期缴纳。",
             CASE_PAY_DAYS, SURCHARGE_DAILY_BP / 100);
    step(s, "执行", t);
    snprintf(t, sizeof t,
             "具有一定社会影响的行政处罚决定在作出之日起 %d "
             "个工作日内公示，个人信息依法隐去；决定被变更、"
             "撤销的，%d 个工作日内撤回并说明理由。",
             PUBLICITY_DECISION_DAYS, PUBLICITY_WITHDRAW_DAYS);
    step(s, "公示", t);
    jset_int(d, "nsteps", (int64_t)json_array_size(s));
    json_object_set_new(d, "steps", s);
    jset_int(d, "apply_days", REMEDY_APPLY_DAYS);
    jset_int(d, "sue_months", REMEDY_SUE_MONTHS);
}

static void fill_summary(json_t *d)
{
    jset_int(d, "fine_citizen", CASE_SUMMARY_FINE_CITIZEN);
    jset_int(d, "fine_org", CASE_SUMMARY_FINE_ORG);
    jset_int(d, "spot_fine", CASE_SPOT_FINE_YUAN);
    jset_int(d, "pay_days", CASE_SUMMARY_PAY_DAYS);
    jset_int(d, "apply_days", REMEDY_APPLY_DAYS);
    set_doc(d, "decision", "summary_penalty_decision");
}

static void fill_draw(json_t *d)
{
    jset_int(d, "publish_days", TASK_PUBLISH_DAYS);
}

static void fill_complaint(json_t *d)
{
    jset_int(d, "decide_days", COMPLAINT_DECIDE_DAYS);
    jset_int(d, "handle_days", COMPLAINT_HANDLE_DAYS);
    jset_int(d, "per_day", COMPLAINT_PUBLIC_PER_DAY);
    set_doc(d, "reply", "complaint_reply");
}

static void fill_remedy(json_t *d)
{
    jset_int(d, "apply_days", REMEDY_APPLY_DAYS);
    jset_int(d, "sue_months", REMEDY_SUE_MONTHS);
    jset_int(d, "after_days", REMEDY_AFTER_DAYS);
    jset_int(d, "appeal_judgment_days", REMEDY_APPEAL_JUDGMENT_DAYS);
    jset_int(d, "appeal_ruling_days", REMEDY_APPEAL_RULING_DAYS);
    set_doc(d, "summary_decision", "summary_penalty_decision");
}

/* The documents an officer hands over or asks the party to sign (domain/RULES.md §2). */
static const char *const site_docs[] = {"site_record",
                                        "inquiry_record",
                                        "advice_notice",
                                        "sampling_record",
                                        "sample_confirm_notice",
                                        "test_result_notice",
                                        "item_list",
                                        "seal_strip",
                                        NULL};
static const char *const measure_docs[] = {
    "evidence_preservation_decision", "evidence_disposal_decision", "seizure_decision",
    "seizure_disposal_decision",      "control_decision",           NULL};
static const char *const case_docs[] = {"prior_notice",
                                        "statement_record",
                                        "hearing_notice",
                                        "hearing_summons",
                                        "hearing_record",
                                        "penalty_decision",
                                        "summary_penalty_decision",
                                        "no_penalty_decision",
                                        "service_receipt",
                                        "extension_notice",
                                        NULL};

static void fill_officer(json_t *d)
{
    json_object_set_new(d, "site_docs", doc_names(site_docs));
    json_object_set_new(d, "measure_docs", doc_names(measure_docs));
    json_object_set_new(d, "case_docs", doc_names(case_docs));
}

static void fill_service(json_t *d)
{
    jset_int(d, "decide_days", COMPLAINT_DECIDE_DAYS);
    jset_int(d, "handle_days", COMPLAINT_HANDLE_DAYS);
    jset_int(d, "answer_days", DISCLOSURE_ANSWER_DAYS);
    jset_int(d, "extend_days", DISCLOSURE_EXTEND_MAX);
    jset_int(d, "correction_days", DISCLOSURE_CORRECTION_DAYS);
    set_doc(d, "disclosure_answer", "disclosure_answer");
}

static const struct guide guides[] = {
    {"penalty-procedure", "行政处罚一般程序", "事前",
     "从立案到执行、公示，每一步做什么、期限多长、您有哪些权利。", fill_penalty},
    {"summary-procedure", "简易程序（当场处罚）", "事前",
     "哪些情形可以当场处罚，当场处罚怎样进行。", fill_summary},
    {"random-inspection", "双随机抽查流程", "事前",
     "抽查事项、检查对象和执法人员如何随机确定，结果何时公开。", fill_draw},
    {"complaints", "投诉举报办理流程", "事前", "如何投诉举报，多长时间受理和办结，如何查询和评价。",
     fill_complaint},
    {"remedies", "救济渠道", "事前",
     "对行政处罚决定不服时，申请行政复议、提起行政诉讼的途径和期限。", fill_remedy},
    {"officers-and-documents", "执法人员应当出示的证件和出具的文书", "事中",
     "执法检查时如何核实执法人员身份，您应当收到哪些文书。", fill_officer},
    {"services", "服务指南", "事前", "投诉举报、申请政府信息公开、申请信用修复怎样办理。",
     fill_service},
};

/* Every guide, for the index and for the links between them; the current one marked. */
static json_t *guide_list(struct req *r, const struct guide *current)
{
    json_t *out = json_array();
    for (size_t i = 0; i < countof(guides); i++) {
        const struct guide *g = &guides[i];
        const char *href = arena_printf(r->arena, "/public/guides/%s", g->slug);
        json_array_append_new(out,
                              jpack("{ss ss ss ss sb}", "href", href, "title", g->title, "stage",
                                    g->stage, "summary", g->summary, "current", g == current));
    }
    return out;
}

static int guide_index(struct req *r, struct resp *w)
{
    w->data = json_object();
    json_object_set_new(w->data, "guides", guide_list(r, NULL));
    page(w, "public/guide_index.html", "办事指南与执法流程");
    return 0;
}

/* GET /public/guides/<slug>: the guide of that name. */
static int guide_show(struct req *r, struct resp *w)
{
    const struct guide *g = NULL;
    for (size_t i = 0; i < countof(guides); i++)
        if (strcmp(r->path + strlen("/public/guides/"), guides[i].slug) == 0) g = &guides[i];
    if (!g) return err_set(&r->err, ERR_NOTFOUND, "没有这份指南");
    w->data = jpack("{ss ss}", "title", g->title, "stage", g->stage);
    g->fill(w->data);
    json_object_set_new(w->data, "guides", guide_list(r, g));
    page(w, arena_printf(r->arena, "public/guide_%s.html", g->slug), g->title);
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

#define GUIDE(slug)                                                                                \
    {                                                                                              \
        "GET", "/public/guides/" slug, PERM_PUBLIC, ROUTE_HTML, guide_show, "public guide: " slug  \
    }

static const struct route routes[] = {
    {"GET", "/public/guides", PERM_PUBLIC, ROUTE_HTML, guide_index,
     "the public guides: procedures, remedies, services (no login)"},
    GUIDE("penalty-procedure"),
    GUIDE("summary-procedure"),
    GUIDE("random-inspection"),
    GUIDE("complaints"),
    GUIDE("remedies"),
    GUIDE("officers-and-documents"),
    GUIDE("services"),
};

const struct area area_guides = {"guides", routes, countof(routes), NULL, NULL, NULL, NULL, NULL};
