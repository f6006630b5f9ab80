/* publicity_fields.c — the 双公示 field sets: what an item of each kind holds in its data and
 * how the credit platforms name each column (行政处罚 and 行政许可 as the national credit
 * platform's data standard lists them; the other kinds as the agency's own publicity shows them).
 */
#include <string.h>
#include "base/util.h"
#include "law/publicity.h"

/* [R-PUB-02] the penalty field set of the credit platforms, in their order */
static const struct publicity_field penalty[] = {
    {"doc_no", "行政处罚决定书文号", PF_TEXT},
    {"party", "行政相对人名称", PF_TEXT},
    {"party_category", "行政相对人类别", PF_TEXT},
    {"uscc", "行政相对人代码_1（统一社会信用代码）", PF_TEXT},
    {"reg_no", "行政相对人代码_2（工商注册号）", PF_TEXT},
    {"org_code", "行政相对人代码_3（组织机构代码）", PF_TEXT},
    {"tax_no", "行政相对人代码_4（税务登记号）", PF_TEXT},
    {"inst_no", "行政相对人代码_5（事业单位证书号）", PF_TEXT},
    {"social_no", "行政相对人代码_6（社会组织登记证号）", PF_TEXT},
    {"legal_rep", "法定代表人", PF_TEXT},
    {"id_type", "证件类型", PF_TEXT},
    {"id_no", "证件号码", PF_TEXT},
    {"violation", "违法行为类型", PF_TEXT},
    {"facts", "违法事实", PF_TEXT},
    {"basis", "处罚依据", PF_TEXT},
    {"types", "处罚类别", PF_TEXT},
    {"content", "处罚内容", PF_TEXT},
    {"fine", "罚款金额（万元）", PF_WAN},
    {"confiscated", "没收违法所得、没收非法财物的金额（万元）", PF_WAN},
    {"licence_action", "暂扣或吊销证照名称及编号", PF_TEXT},
    {"decided_on", "处罚决定日期", PF_DATE},
    {"valid_until", "处罚有效期", PF_DATE},
    {"publish_until", "公示截止期", PF_DATE},
    {"agency", "处罚机关", PF_TEXT},
    {"agency_uscc", "处罚机关统一社会信用代码", PF_TEXT},
    {"source", "数据来源单位", PF_TEXT},
    {"source_uscc", "数据来源单位统一社会信用代码", PF_TEXT},
    {"note", "备注", PF_TEXT},
};

/* A 不予行政处罚 decision (行政处罚法 第三十三条): the penalty set without amounts, with its
 * ground. */
static const struct publicity_field no_penalty[] = {
    {"doc_no", "不予行政处罚决定书文号", PF_TEXT},
    {"party", "行政相对人名称", PF_TEXT},
    {"party_category", "行政相对人类别", PF_TEXT},
    {"uscc", "统一社会信用代码", PF_TEXT},
    {"legal_rep", "法定代表人", PF_TEXT},
    {"id_type", "证件类型", PF_TEXT},
    {"id_no", "证件号码", PF_TEXT},
    {"violation", "违法行为类型", PF_TEXT},
    {"facts", "违法事实", PF_TEXT},
    {"basis", "不予处罚依据", PF_TEXT},
    {"ground", "不予处罚理由", PF_TEXT},
    {"decided_on", "决定日期", PF_DATE},
    {"agency", "决定机关", PF_TEXT},
    {"agency_uscc", "决定机关统一社会信用代码", PF_TEXT},
    {"source", "数据来源单位", PF_TEXT},
    {"source_uscc", "数据来源单位统一社会信用代码", PF_TEXT},
    {"note", "备注", PF_TEXT},
};

/* [R-PUB-02] the licensing field set of the credit platforms, in their order */
static const struct publicity_field licence[] = {
    {"doc_no", "行政许可决定文书号", PF_TEXT},
    {"doc_name", "行政许可决定文书名称", PF_TEXT},
    {"party", "行政相对人名称", PF_TEXT},
    {"party_category", "行政相对人类别", PF_TEXT},
    {"uscc", "行政相对人代码_1（统一社会信用代码）", PF_TEXT},
    {"legal_rep", "法定代表人", PF_TEXT},
    {"id_type", "证件类型", PF_TEXT},
    {"id_no", "证件号码", PF_TEXT},
    {"category", "许可类别", PF_TEXT},
    {"cert_name", "许可证书名称", PF_TEXT},
    {"cert_no", "许可编号", PF_TEXT},
    {"content", "许可内容", PF_TEXT},
    {"decided_on", "许可决定日期", PF_DATE},
    {"valid_from", "有效期自", PF_DATE},
    {"valid_until", "有效期至", PF_DATE},
    {"agency", "许可机关", PF_TEXT},
    {"agency_uscc", "许可机关统一社会信用代码", PF_TEXT},
    {"source", "数据来源单位", PF_TEXT},
    {"source_uscc", "数据来源单位统一社会信用代码", PF_TEXT},
    {"note", "备注", PF_TEXT},
};

/* An inspection's result (事后公开: 执法机关、对象、类别、结论). */
static const struct publicity_field inspection[] = {
    {"doc_no", "检查编号", PF_TEXT},
    {"party", "检查对象", PF_TEXT},
    {"party_category", "对象类别", PF_TEXT},
    {"uscc", "统一社会信用代码", PF_TEXT},
    {"category", "检查类别", PF_TEXT},
    {"line", "执法类别", PF_TEXT},
    {"content", "检查结论", PF_TEXT},
    {"decided_on", "检查日期", PF_DATE},
    {"agency", "检查机关", PF_TEXT},
    {"agency_uscc", "检查机关统一社会信用代码", PF_TEXT},
    {"note", "备注", PF_TEXT},
};

static const struct {
    const char *kind, *label;
    const struct publicity_field *fields;
    size_t n;
} kinds[] = {
    {"penalty", "行政处罚决定", penalty, countof(penalty)},
    {"no_penalty", "不予行政处罚决定", no_penalty, countof(no_penalty)},
    {"licence", "行政许可", licence, countof(licence)},
    {"inspection", "检查结果", inspection, countof(inspection)},
};

const struct publicity_field *publicity_fields(const char *kind, size_t *n)
{
    for (size_t i = 0; kind && i < countof(kinds); i++)
        if (strcmp(kinds[i].kind, kind) == 0) {
            *n = kinds[i].n;
            return kinds[i].fields;
        }
    *n = 0;
    return NULL;
}

const char *publicity_kind_label(const char *kind)
{
    for (size_t i = 0; kind && i < countof(kinds); i++)
        if (strcmp(kinds[i].kind, kind) == 0) return kinds[i].label;
    return NULL;
}
