/* advice_notice.c — 卫生监督意见书 of an inspection: the party, the problems found (the items
 * answered 不符合 and the findings), the 意见 — correct by the deadline, with the legal basis of
 * each problem — the agency's seal block and date, and the signatures. Printed 一式两联: one for
 * the party, one for the file. */
#include "docs/inspection_docs.h"
#include "docs/document.h"
#include "base/arena.h"

#include <stdio.h>
#include <string.h>

/* Member key of o as a string, or "" (never NULL). */
static const char *str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* The problems: the 不符合 items numbered, then the findings. */
static void problems_text(json_t *o, struct buf *b)
{
    size_t i;
    json_t *v;
    int n = 0;
    json_array_foreach(json_object_get(o, "items"), i, v)
    {
        if (!json_is_true(json_object_get(v, "nonconform"))) continue;
        buf_addf(b, "%d．%s：不符合", ++n, str(v, "text"));
        if (*str(v, "note")) buf_addf(b, "（%s）", str(v, "note"));
        buf_adds(b, "。\n");
    }
    if (*str(o, "findings")) buf_addf(b, "%s%s", n ? "其他情况：" : "", str(o, "findings"));
    if (!n && !*str(o, "findings")) buf_adds(b, "未发现违反卫生法律法规的问题。");
}

/* The legal bases of the 不符合 items, each once, joined with "、" into b; false when none. */
static bool bases_text(json_t *o, struct buf *b)
{
    json_t *seen = json_object(), *v;
    size_t i;
    json_array_foreach(json_object_get(o, "items"), i, v)
    {
        const char *basis = str(v, "basis");
        if (!json_is_true(json_object_get(v, "nonconform")) || !*basis) continue;
        if (json_object_get(seen, basis)) continue;
        json_object_set_new(seen, basis, json_true());
        buf_addf(b, "%s%s", b->len ? "、" : "", basis);
    }
    json_decref(seen);
    return b->len > 0;
}

/* The 意见: correct by the deadline (with the basis), or the advice given. */
static void opinion_text(json_t *o, struct buf *b)
{
    struct buf bases = {0};
    bool any = bases_text(o, &bases);
    if (strcmp(str(o, "outcome"), "rectify") == 0) {
        char by[40];
        inspection_doc_date(str(o, "rectify_by"), by, sizeof by);
        if (any) buf_addf(b, "你单位的上述行为不符合%s的规定。", buf_str(&bases));
        buf_addf(b,
                 "现责令你单位于%s前改正上述问题，并将整改情况书面报告本机关。"
                 "逾期不改正的，本机关将依法处理。",
                 by);
    } else if (strcmp(str(o, "outcome"), "refer") == 0) {
        if (any) buf_addf(b, "你单位的上述行为涉嫌违反%s的规定，", buf_str(&bases));
        buf_adds(b, "本机关将依法调查处理。请你单位立即停止违法行为，并配合调查。");
    } else {
        buf_adds(b, "请你单位继续落实卫生管理制度，保持良好的卫生状况。");
    }
    if (*str(o, "advice")) buf_addf(b, "\n%s", str(o, "advice"));
    buf_free(&bases);
}

int advice_notice_pdf(json_t *o, struct buf *out, struct err *e)
{
    const char *number = inspection_doc_number(o, "advice_notice");
    if (!number) return err_set(e, ERR_NOTFOUND, "该检查未出具卫生监督意见书");
    json_t *x = json_object_get(o, "entity");
    struct arena a = {0};
    struct buf problems = {0}, opinion = {0};
    problems_text(o, &problems);
    opinion_text(o, &opinion);
    char date[40];
    inspection_doc_date(str(o, "date"), date, sizeof date);
    bool person = !*str(x, "uscc") && *str(x, "id_number");
    struct doc_field fields[] = {
        {"当事人", str(x, "name")},
        {person ? "身份证号" : "统一社会信用代码", person ? str(x, "id_number") : str(x, "uscc")},
        {"法定代表人（负责人）", str(x, "legal_rep")},
        {"地址", str(x, "address")},
    };
    const char *intro =
        arena_printf(&a, "%s，本机关执法人员在%s对你单位进行了%s（%s），发现你单位存在下列问题：",
                     date, str(o, "place"), str(o, "type_label"), str(o, "line_label"));
    const char *opinion_head = arena_printf(&a, "监督意见：%s", buf_str(&opinion));
    struct doc_section sections[] = {
        {NULL, intro},
        {"检查发现的问题", buf_str(&problems)},
        /* no heading of its own: the engine keeps the last paragraph with the signatures, and
         * a heading would stay behind at the foot of the page */
        {NULL, opinion_head},
    };
    json_t *list = json_object_get(o, "officers");
    size_t nofficers = json_array_size(list);
    struct doc_signature *sigs = arena_alloc(&a, (nofficers + 1) * sizeof *sigs);
    int nsigs = 0;
    for (size_t i = 0; i < nofficers; i++)
        sigs[nsigs++] = (struct doc_signature){"执法人员（签名）", NULL, str(o, "date")};
    sigs[nsigs++] = (struct doc_signature){"当事人（签收）", NULL, NULL};
    struct document d = {
        .agency_name = str(json_object_get(o, "agency"), "name"),
        .title = "卫生监督意见书",
        .number = number,
        .fields = fields,
        .nfields = (int)(sizeof fields / sizeof fields[0]),
        .sections = sections,
        .nsections = (int)(sizeof sections / sizeof sections[0]),
        .sigs = sigs,
        .nsigs = nsigs,
        .date = str(o, "date"),
        .seal = true,
        .notice = "本意见书一式两联，第一联交当事人，第二联由执法机关存档。",
        .copies_note = 2,
    };
    int rc = doc_render_pdf(&d, out, e);
    buf_free(&problems);
    buf_free(&opinion);
    arena_free(&a);
    return rc;
}
