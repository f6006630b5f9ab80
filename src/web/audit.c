/* audit.c — browsing and checking the audit trail (操作日志). */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "law/role.h"
#include "web/web.h"
#include "law/anchor.h"
#include "law/audit.h"
#include "web/signer.h"

#include <string.h>

/* What each audited action is called (the code stays in the JSON and the search). */
static const struct {
    const char *code, *label;
} action_labels[] = {
    {"entity.create", "登记管理相对人"},
    {"entity.update", "修改管理相对人"},
    {"entity.import", "导入管理相对人"},
    {"entity.avoid", "添加回避"},
    {"entity.avoid_remove", "取消回避"},
    {"licence.create", "添加许可证"},
    {"licence.delete", "删除许可证"},
    {"officer.create", "登记执法人员"},
    {"officer.update", "修改执法人员"},
    {"officer.import", "导入执法人员"},
    {"officer.review", "执法证年审"},
    {"agency.create", "新增机构"},
    {"agency.update", "修改机构"},
    {"department.create", "新增科室"},
    {"user.create", "新增用户"},
    {"user.roles", "修改角色"},
    {"user.password", "重置密码"},
    {"user.password_own", "修改本人密码"},
    {"user.enable", "启用用户"},
    {"user.disable", "停用用户"},
    {"user.officer", "关联执法人员"},
    {"user.login", "登录"},
    {"user.logout", "退出登录"},
    {"token.create", "创建接口令牌"},
    {"calendar.set", "设置节假日"},
    {"calendar.clear", "取消节假日"},
    {"calendar.year", "新增年度日历"},
    {"calendar.import", "导入节假日安排"},
    {"calendar.load", "重算期限"},
    {"calendar.seed", "载入内置节假日安排"},
    {"campaign.create", "设立专项检查"},
    {"campaign.update", "修改专项检查"},
    {"campaign.targets", "调整检查对象"},
    {"check_item.create", "新增抽查事项"},
    {"check_item.update", "修改抽查事项"},
    {"check_item.publish", "公布抽查事项"},
    {"check_item.withdraw", "撤下抽查事项"},
    {"plan.create", "制定抽查计划"},
    {"plan.update", "修改抽查计划"},
    {"plan.delete", "删除计划草稿"},
    {"draw_plan.commit", "公布抽取承诺"},
    {"draw_plan.withdraw", "撤回抽取承诺"},
    {"draw_plan.draw", "抽取"},
    {"draw_plan.draw_refused", "抽取未成功"},
    {"task.inspect", "录入检查结果"},
    {"task.unable", "认定无法检查"},
    {"task.publish", "公示检查结果"},
    {"task.deadline", "期限调整"},
    {"inspection.create", "录入检查"},
    {"transfer.import", "迁入数据"},
};

/* Give each row the name of its action ("action_label"), the code when it has none. */
static void label_actions(json_t *rows)
{
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        const char *code = json_string_value(json_object_get(row, "action"));
        const char *label = code;
        for (size_t k = 0; code && k < countof(action_labels); k++)
            if (strcmp(code, action_labels[k].code) == 0) label = action_labels[k].label;
        jset_text(row, "action_label", label);
    }
}

/* text with a word joiner (U+2060) after the hyphens of its dates (2026-12-07), so that a page
 * never breaks a date over two lines (a phone's narrow summary column); on the arena. */
static const char *dates_unbroken(struct arena *a, const char *text)
{
    struct buf out = {0};
    for (const char *p = text; *p; p++) {
        buf_addc(&out, *p);
        if (*p == '-' && p > text && p[-1] >= '0' && p[-1] <= '9' && p[1] >= '0' && p[1] <= '9')
            buf_adds(&out, "\xE2\x81\xA0");
    }
    const char *s = arena_strdup(a, buf_str(&out));
    buf_free(&out);
    return s;
}

/* The rows' summaries as a page shows them (dates_unbroken); the API keeps them as written. */
static void summaries_shown(struct arena *a, json_t *rows)
{
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        const char *text = json_string_value(json_object_get(row, "summary"));
        if (text) jset_text(row, "summary", dates_unbroken(a, text));
    }
}

int audit_index(struct req *r, struct resp *w)
{
    struct audit_query q = {.q = req_query(r, "q"),
                            .object_type = req_query(r, "object_type"),
                            .object_id = req_int(r, "object_id", 0, 0, INT64_MAX),
                            .before_id = req_int(r, "before", 0, 0, INT64_MAX),
                            .limit = (int)req_int(r, "limit", 50, 1, 500)};
    bool more = false;
    json_t *rows = audit_list(&r->ctx, &q, &more, &r->err);
    if (!rows) return r->err.code ? r->err.code : ERR_INTERNAL;
    page_local_times(rows);
    label_actions(rows);
    if (!r->api) summaries_shown(r->arena, rows);
    w->data = jpack("{so sb}", "rows", rows, "more", more);
    if (more) {
        json_int_t last = json_integer_value(
            json_object_get(json_array_get(rows, json_array_size(rows) - 1), "id"));
        struct buf b = {0};
        buf_addf(&b, "/audit?before=%lld&q=", (long long)last);
        buf_add_urlenc(&b, q.q ? q.q : "");
        json_object_set_new(w->data, "next_url", json_string(buf_str(&b)));
        buf_free(&b);
    }
    json_object_set_new(w->data, "q", json_string(q.q ? q.q : ""));
    page(w, "audit/list.html", "操作日志");
    return 0;
}

/* The expected signer: the server's own key when it has one (else each head's own key). */
static const char *expected_key(void)
{
    return signer_key() ? signer_key()->public_key : NULL;
}

int audit_check(struct req *r, struct resp *w)
{
    struct audit_check check;
    struct anchor_check ck;
    int rc = anchor_check_stored(&r->ctx, expected_key(), &ck, &check, &r->err);
    if (rc) return rc;
    w->data = jpack("{sI sb sI ss}", "rows", (json_int_t)check.rows, "intact", check.broken_id == 0,
                    "broken_id", (json_int_t)check.broken_id, "reason", check.reason);
    json_object_set_new(w->data, "heads",
                        jpack("{sI sI sI sb ss}", "count", (json_int_t)ck.heads, "signed_ok",
                              (json_int_t)ck.signed_ok, "matched", (json_int_t)ck.matched, "ok",
                              !*ck.reason, "reason", ck.reason));
    json_t *archives = audit_verify_archives(r->ctx.db, &r->err);
    if (!archives) return r->err.code ? r->err.code : ERR_INTERNAL;
    json_object_set_new(w->data, "has_archives", json_boolean(json_array_size(archives) > 0));
    json_object_set_new(w->data, "archives", archives);
    page(w, "audit/verify.html", "校验操作日志");
    return 0;
}

#define HEADS_SHOWN 100 /* the page lists the newest; heads.txt has them all */

int audit_heads(struct req *r, struct resp *w)
{
    json_t *heads = anchor_list(&r->ctx, HEADS_SHOWN, &r->err);
    if (!heads) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = jpack("{so sb}", "heads", heads, "can_sign", signer_key() != NULL);
    if (signer_key()) jset_text(w->data, "public_key", signer_key()->public_key);
    jset_bool(w->data, "signed", req_query(r, "signed") != NULL);
    page(w, "audit/heads.html", "审计链签署");
    return 0;
}

int audit_heads_sign(struct req *r, struct resp *w)
{
    if (!signer_key())
        return err_set(&r->err, ERR_CONFLICT,
                       "服务器未配置签名密钥，不能签署（启动时加 --audit-key，见 docs/audit.md）");
    bool made;
    int rc = anchor_sign(&r->ctx, signer_key(), false, &made, &r->err);
    if (rc) return rc;
    if (!r->api) {
        w->redirect = "/audit/heads?signed=1";
        return 0;
    }
    json_t *list = anchor_list(&r->ctx, 1, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = json_incref(json_array_get(list, 0));
    json_decref(list);
    w->status = 201;
    return 0;
}

int public_audit_heads(struct req *r, struct resp *w)
{
    int rc = anchor_export(&r->ctx, &w->body, &r->err);
    if (rc) return rc;
    w->content_type = "text/plain; charset=utf-8";
    resp_header(w, "Content-Disposition", "attachment; filename=\"audit-heads.jsonl\"");
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/audit", PERM_AUDIT_READ, ROUTE_BOTH, audit_index, "the audit trail"},
    {"GET", "/audit/verify", PERM_AUDIT_READ, ROUTE_BOTH, audit_check,
     "check the hash chain, and against its signed heads"},
    {"GET", "/audit/heads", PERM_AUDIT_READ, ROUTE_BOTH, audit_heads, "the signed heads"},
    {"POST", "/audit/heads", PERM_AUDIT_SIGN, ROUTE_BOTH, audit_heads_sign,
     "sign the chain's head now"},
    {"GET", "/public/audit-heads.txt", PERM_PUBLIC, ROUTE_HTML, public_audit_heads,
     "the audit chain's signed heads (JSON lines)"},
};

static const struct nav_item nav[] = {{"/audit", "操作日志", PERM_AUDIT_READ}, {NULL, NULL, 0}};

const struct area area_audit = {"audit", routes, countof(routes), nav, NULL, NULL, NULL, NULL};
