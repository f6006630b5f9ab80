/* site_record.c — 现场笔录 of an inspection, after the national form (卫生行政执法文书规范): the
 * party and circumstances, the officers and their certificates, the statement that they showed
 * them and explained the right to 回避, what was checked item by item, the findings and outcome,
 * and the signatures of the officers and the inspected party. */
#include "docs/inspection_docs.h"
#include "docs/document.h"
#include "base/arena.h"
#include "base/date.h"

#include <stdio.h>
#include <string.h>

/* Member key of o as a string, or "" (never NULL). */
static const char *str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

void inspection_doc_date(const char *date, char *out, size_t n)
{
    day_t d;
    int y, m, dd;
    if (!date || date_parse(date, &d)) {
        snprintf(out, n, "%s", date ? date : "");
        return;
    }
    date_ymd(d, &y, &m, &dd);
    snprintf(out, n, "%d年%d月%d日", y, m, dd);
}

const char *inspection_doc_number(json_t *inspection, const char *type)
{
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(inspection, "documents"), i, d)
    {
        if (strcmp(str(d, "type"), type) == 0) return str(d, "number");
    }
    return NULL;
}

/* "张三（执法证号 3204…）、李四（…）" into b. */
static void officers_line(json_t *o, struct buf *b)
{
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(o, "officers"), i, v)
    {
        buf_addf(b, "%s%s（执法证号 %s）", i ? "、" : "", str(v, "name"), str(v, "cert_no"));
    }
}

/* "张三、李四" into b. */
static void officer_names(json_t *o, struct buf *b)
{
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(o, "officers"), i, v)
    {
        buf_addf(b, "%s%s", i ? "、" : "", str(v, "name"));
    }
}

/* The checklist items, by group, with their results: "【资质管理】" then "1．… 检查结果：符合。".
 */
static void items_text(json_t *o, struct buf *b)
{
    json_t *counts = json_object_get(o, "counts"), *v;
    size_t i;
    int n = 0;
    json_array_foreach(json_object_get(o, "items"), i, v)
    {
        if (json_is_true(json_object_get(v, "first_in_group")))
            buf_addf(b, "%s【%s】\n", b->len ? "" : "", str(v, "group"));
        buf_addf(b, "%d．%s。检查结果：%s", ++n, str(v, "text"), str(v, "result_label"));
        if (*str(v, "note")) buf_addf(b, "（%s）", str(v, "note"));
        buf_adds(b, "。\n");
    }
    buf_addf(b, "本次共检查 %d 项，其中符合 %lld 项，不符合 %lld 项，合理缺项 %lld 项。", n,
             (long long)json_integer_value(json_object_get(counts, "conform")),
             (long long)json_integer_value(json_object_get(counts, "nonconform")),
             (long long)json_integer_value(json_object_get(counts, "not_applicable")));
}

/* The outcome in words, with the deadline and the advice notice of a correction order. */
static void outcome_text(json_t *o, struct buf *b)
{
    const char *outcome = str(o, "outcome");
    if (json_is_boolean(json_object_get(o, "corrected")))
        buf_addf(b, "经复查，原责令整改的事项%s。",
                 json_is_true(json_object_get(o, "corrected")) ? "已改正" : "未改正");
    if (strcmp(outcome, "rectify") == 0) {
        char by[40];
        inspection_doc_date(str(o, "rectify_by"), by, sizeof by);
        buf_addf(b, "责令整改：责令被检查单位于%s前改正上述问题", by);
        const char *notice = inspection_doc_number(o, "advice_notice");
        if (notice) buf_addf(b, "（见卫生监督意见书 %s）", notice);
        buf_adds(b, "。");
    } else if (strcmp(outcome, "refer") == 0) {
        buf_adds(b, "建议立案：现场检查发现的问题涉嫌违法，建议依法立案调查。");
    } else {
        buf_adds(b, "合格：本次检查的事项符合要求。");
    }
}

int site_record_pdf(json_t *o, struct buf *out, struct err *e)
{
    const char *number = inspection_doc_number(o, "site_record");
    if (!number) return err_set(e, ERR_NOTFOUND, "该检查未出具现场笔录");
    json_t *x = json_object_get(o, "entity"), *agency = json_object_get(o, "agency");
    struct arena a = {0};
    struct buf officers = {0}, names = {0}, items = {0}, result = {0};
    officers_line(o, &officers);
    officer_names(o, &names);
    items_text(o, &items);
    outcome_text(o, &result);
    char date[40];
    inspection_doc_date(str(o, "date"), date, sizeof date);
    const char *when = *str(o, "time_from")
                           ? arena_printf(&a, "%s %s%s%s", date, str(o, "time_from"),
                                          *str(o, "time_to") ? " 至 " : "", str(o, "time_to"))
                           : date;
    const char *present =
        *str(o, "present_person")
            ? arena_printf(&a, "%s%s%s%s", str(o, "present_person"),
                           *str(o, "present_title") ? "（" : "", str(o, "present_title"),
                           *str(o, "present_title") ? "）" : "")
            : NULL;
    const char *reason = arena_printf(
        &a, "%s（%s）%s%s", str(o, "type_label"), str(o, "line_label"),
        json_object_get(o, "campaign") ? " · " : "", str(json_object_get(o, "campaign"), "name"));
    /* a 复查 says which correction order it checks (卫生行政执法文书规范: 复查 cites the 意见书) */
    json_t *checks = json_object_get(o, "checks");
    const char *advice = checks ? inspection_doc_number(checks, "advice_notice") : NULL;
    char checked_on[32], due[32];
    inspection_doc_date(str(checks, "date"), checked_on, sizeof checked_on);
    inspection_doc_date(str(checks, "rectify_by"), due, sizeof due);
    const char *checked =
        checks ? arena_printf(&a, "%s%s（%s检查，责令于%s前改正）", advice ? "卫生监督意见书 " : "",
                              advice ? advice : "原检查记录", checked_on, due)
               : NULL;
    struct doc_field fields[] = {
        {"复查依据", checked},
        {"被检查单位", str(x, "name")},
        {"地址", str(x, "address")},
        {"法定代表人（负责人）", str(x, "legal_rep")},
        {"联系电话", str(x, "phone")},
        {"检查时间", when},
        {"检查地点", str(o, "place")},
        {"检查类别", reason},
        {"执法人员", buf_str(&officers)},
        {"被检查人（在场人）", present},
    };
    /* 行政处罚法 第五十五条: certificates shown; 第四十三条: the right to 回避 explained. */
    const char *opening = arena_printf(
        &a,
        "执法人员%s向被检查人出示了行政执法证件，说明了检查的依据和内容，并告知被检查人：执法人员"
        "与被检查单位有直接利害关系或者有其他关系可能影响公正执法的，被检查人有权申请回避"
        "（《中华人民共和国行政处罚法》第四十三条、第五十五条）。被检查人对回避的意见：＿＿＿＿＿＿"
        "。",
        buf_str(&names));
    const char *findings = *str(o, "findings") ? str(o, "findings") : "未发现其他问题。";
    struct doc_section sections[] = {
        {NULL, opening},
        {"现场检查情况", buf_str(&items)},
        {"检查发现的问题", findings},
        {"检查结论", buf_str(&result)},
        {NULL, "以上笔录已交被检查人阅读（或已向被检查人宣读），被检查人确认与事实相符。"},
    };
    json_t *list = json_object_get(o, "officers");
    size_t nofficers = json_array_size(list);
    struct doc_signature *sigs = arena_alloc(&a, (nofficers + 3) * sizeof *sigs);
    int nsigs = 0;
    /* a recorded refusal is written where the party would have signed; otherwise that line and
     * one for the officers to note a refusal by hand */
    if (*str(o, "refused_sign")) {
        sigs[nsigs++] =
            (struct doc_signature){"被检查人（签名）", str(o, "refused_sign"), str(o, "date")};
    } else {
        sigs[nsigs++] = (struct doc_signature){"被检查人（签名）", NULL, NULL};
        sigs[nsigs++] = (struct doc_signature){"被检查人拒绝签名的，执法人员注明情况", NULL, NULL};
    }
    /* each officer's line prints their name and certificate (第五十五条) beside the handwritten
     * signature */
    for (size_t i = 0; i < nofficers; i++) {
        json_t *v = json_array_get(list, i);
        sigs[nsigs++] = (struct doc_signature){
            "执法人员（签名）", arena_printf(&a, "%s 证号 %s", str(v, "name"), str(v, "cert_no")),
            str(o, "date")};
    }
    json_t *rec = json_object_get(o, "recorder");
    const char *rec_name =
        *str(rec, "cert_no") ? arena_printf(&a, "%s 证号 %s", str(rec, "name"), str(rec, "cert_no"))
                             : NULL;
    sigs[nsigs++] = (struct doc_signature){"记录人（签名）", rec_name, str(o, "date")};
    struct document d = {
        .agency_name = str(agency, "name"),
        .title = "现场笔录",
        .number = number,
        .number_label = "编号",
        /* the first field only on a 复查 */
        .fields = checked ? fields : fields + 1,
        .nfields = (int)(sizeof fields / sizeof fields[0]) - (checked ? 0 : 1),
        .sections = sections,
        .nsections = (int)(sizeof sections / sizeof sections[0]),
        .sigs = sigs,
        .nsigs = nsigs,
        .notice = "被检查人拒绝签名的，执法人员应当在笔录上注明情况。笔录有修改的，应当由被检查人在"
                  "修改处签名或者按指印。",
    };
    int rc = doc_render_pdf(&d, out, e);
    buf_free(&officers);
    buf_free(&names);
    buf_free(&items);
    buf_free(&result);
    arena_free(&a);
    return rc;
}
