/* case_fixture.c — the fixture of the penalty case tests: a clinic, officers who may enforce, the
 * agency's 简称, and the steps that carry a case to where a test begins. */
#include "case_fixture.h"
#include "law/case.h"
#include "law/discretion.h"
#include "law/entity.h"
#include "law/officer.h"
#include "law/power.h"
#include "law/recording.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct case_fixture CF;

int64_t cf_officer(struct harness *h, int n, const char *expires)
{
    struct err e = {0};
    char idno[19], cert[24], name[24];
    h_idno(n, idno);
    snprintf(cert, sizeof cert, "ZF-%04d", n);
    snprintf(name, sizeof name, "执法人员%d", n);
    struct officer_input in = {.agency_code = "320412",
                               .name = name,
                               .id_number = idno,
                               .cert_no = cert,
                               .cert_issued = "2026-01-01",
                               .cert_expires = expires,
                               .lines = "medical"};
    int64_t id;
    if (officer_add(&h->ctx, &in, &id, &e)) fail_msg("officer_add: %s", e.msg);
    return id;
}

int cf_setup(void **state)
{
    return cf_setup_at(state, "2026-12-31T09:00:00+08:00");
}

int cf_setup_at(void **state, const char *instant)
{
    memset(&CF, 0, sizeof CF);
    if (harness_setup(state)) return -1;
    struct harness *h = *state;
    h_set_now(h, instant);
    struct err e = {0};
    char uscc[19];
    h_uscc(1, uscc);
    struct entity_input en = {.agency_code = "320412",
                              .name = "康宁诊所",
                              .uscc = uscc,
                              .legal_rep = "王五",
                              .address = "常州市武进区湖塘镇府前路1号",
                              .subtype = "clinic"};
    if (entity_add(&h->ctx, &en, &CF.clinic, &e)) fail_msg("entity_add: %s", e.msg);
    CF.o1 = cf_officer(h, 1, "2030-12-31");
    CF.o2 = cf_officer(h, 2, "2030-12-31");
    CF.o3 = cf_officer(h, 3, "2026-06-30"); /* expired by the autumn */
    assert_true(
        db_exec(h->db, &e, "UPDATE agency SET short_name = '武' WHERE code = '320412'", "") >= 0);
    assert_true(db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE username = 'officer'",
                        "i", CF.o1) >= 0);
    /* the legal reviewer holds 法律职业资格 (第五十八条第二款) */
    CF.lawyer = cf_officer(h, 8, "2030-12-31");
    assert_true(db_exec(h->db, &e, "UPDATE officer SET legal_qualified = 1 WHERE id = ?", "i",
                        CF.lawyer) >= 0);
    assert_true(db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE username = 'legal'",
                        "i", CF.lawyer) >= 0);
    return 0;
}

struct case_input cf_sample(const char *received, const char *act)
{
    static char entity[24];
    snprintf(entity, sizeof entity, "%lld", (long long)CF.clinic);
    return (struct case_input){.source = "inspection",
                               .line = "medical",
                               .entity_id = entity,
                               .summary = "使用非卫生技术人员从事医疗卫生技术工作",
                               .act_on = act,
                               .received_on = received};
}

int64_t cf_intake(struct harness *h, struct case_input in)
{
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct err e = {0};
    int64_t id;
    if (case_add(&c, &in, &id, &e))
        fail_msg("case_add: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    return id;
}

const char *cf_team(int64_t a, int64_t b)
{
    static char s[48];
    snprintf(s, sizeof s, "%lld,%lld", (long long)a, (long long)b);
    return s;
}

int cf_propose(struct harness *h, int64_t id, const char *officers, const char *date, struct err *e)
{
    struct wf_args a = {.date = date, .note = "经现场检查，违法事实基本清楚，需立案调查"};
    wf_arg_set(&a, "officers", officers);
    return h_step(h, &case_workflow, "officer", id, "propose", &a, e);
}

/* The id (as text, in out) of the penalty item in's code, added first when missing; with the
 * baseline of cf_item when baseline, in force since the start of 2026 (a version takes effect
 * no earlier than the day it is added, so it is added on that day). Serves cf_item,
 * cf_item_plain and cf_summary_item. */
static const char *item_once(struct harness *h, const struct power_item_input *in, bool baseline,
                             char out[24])
{
    struct err e = {0};
    const char *made =
        h_text(h, "SELECT COALESCE(MAX(id), 0) FROM power_item WHERE code = ?", "t", in->code);
    if (strcmp(made, "0") != 0) {
        snprintf(out, 24, "%s", made);
        return out;
    }
    int64_t item, v, now = h_clock();
    h_set_now(h, "2026-01-05T09:00:00+08:00");
    if (power_item_add(&h->ctx, in, &item, &e)) fail_msg("power_item_add: %s", e.msg);
    struct discretion_input d = {
        .levels = {{"一般", "首次", NULL, {"警告、罚款", "500", "5000", NULL, NULL}},
                   {"严重", "三个月以上", NULL, {"警告、罚款", "5000", "30000", NULL, NULL}}},
        .nlevels = 2};
    if (baseline && discretion_add(&h->ctx, item, &d, &v, &e))
        fail_msg("discretion_add: %s", e.msg);
    h_set_clock(h, now);
    snprintf(out, 24, "%lld", (long long)item);
    return out;
}

const char *cf_item(struct harness *h)
{
    static char id[24];
    struct power_item_input in = {.agency_code = "320412",
                                  .code = "WJ-CF-001",
                                  .name = "对使用非卫生技术人员从事医疗卫生技术工作的行政处罚",
                                  .kind = "penalty",
                                  .line = "medical",
                                  .basis = "《医疗机构管理条例》",
                                  .violated = "《医疗机构管理条例》",
                                  .penalty_basis = "《医疗机构管理条例》",
                                  .terms = {"警告、罚款", "500", "30000", NULL, NULL}};
    return item_once(h, &in, true, id);
}

const char *cf_item_plain(struct harness *h)
{
    static char id[24];
    struct power_item_input in = {.agency_code = "320412",
                                  .code = "WJ-CF-002",
                                  .name = "对使用非卫生技术人员从事医疗卫生技术工作的行政处罚",
                                  .kind = "penalty",
                                  .line = "medical",
                                  .basis = "《医疗机构管理条例》",
                                  .violated = "《医疗机构管理条例》第二十八条",
                                  .penalty_basis = "《医疗机构管理条例》第四十八条",
                                  .terms = {"警告、罚款", "500", "30000", NULL, NULL}};
    return item_once(h, &in, false, id);
}

const char *cf_summary_item(struct harness *h)
{
    static char id[24];
    struct power_item_input in = {.agency_code = "320412",
                                  .code = "WJ-CF-101",
                                  .name = "对公共场所未取得健康合格证明从业的行政处罚",
                                  .kind = "penalty",
                                  .line = "medical",
                                  .basis = "《公共场所卫生管理条例》",
                                  .violated = "《公共场所卫生管理条例》第七条",
                                  .penalty_basis = "《公共场所卫生管理条例》第十四条",
                                  .terms = {"警告、罚款", "50", "5000", NULL, NULL}};
    return item_once(h, &in, false, id);
}

int64_t cf_filed_with(struct harness *h, struct case_input in, const char *officers,
                      const char *proposed, const char *approved)
{
    int64_t id = cf_intake(h, in);
    struct err e = {0};
    if (cf_propose(h, id, officers, proposed, &e))
        fail_msg("propose: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    if (!approved) return id;
    struct wf_args a = {.date = approved};
    h_must(h, &case_workflow, "leader", id, "approve", &a);
    return id;
}

int64_t cf_filed(struct harness *h, struct case_input in, const char *proposed,
                 const char *approved)
{
    return cf_filed_with(h, in, cf_team(CF.o1, CF.o2), proposed, approved);
}

/* The third officer a deliberation takes (officer 4, made on first use). */
static int64_t third_officer(struct harness *h)
{
    const char *id =
        h_text(h, "SELECT COALESCE(MAX(id), 0) FROM officer WHERE cert_no = 'ZF-0004'", "");
    return strcmp(id, "0") != 0 ? atoll(id) : cf_officer(h, 4, "2030-12-31");
}

int cf_deliberate_as(struct harness *h, int64_t id, const char *day, const char *conclusion,
                     struct err *e)
{
    char people[72], host[24];
    snprintf(people, sizeof people, "%lld,%lld,%lld", (long long)CF.o1, (long long)CF.o2,
             (long long)third_officer(h));
    snprintf(host, sizeof host, "%lld", (long long)CF.o1);
    struct wf_args a = {.date = day, .note = "违法事实清楚，证据确凿，建议依法给予行政处罚"};
    wf_arg_set(&a, "participants", people);
    wf_arg_set(&a, "host", host);
    wf_arg_set(&a, "recorder", "执法人员2");
    wf_arg_set(&a, "facts",
               "当事人使用非卫生技术人员从事医疗卫生技术工作，有现场笔录、询问笔录为证");
    wf_arg_set(&a, "opinions", "执法人员1：同意给予行政处罚。执法人员2：同意。执法人员4：同意。");
    wf_arg_set(&a, "conclusion", conclusion);
    return h_step(h, &case_workflow, "officer", id, "deliberate", &a, e);
}

void cf_deliberate(struct harness *h, int64_t id, const char *day)
{
    struct err e = {0};
    if (cf_deliberate_as(h, id, day, "penalise", &e))
        fail_msg("deliberate: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
}

int cf_conclude_as(struct harness *h, int64_t id, const struct cf_end *end, struct err *e)
{
    if (cf_deliberate_as(h, id, end->on, "penalise", e)) return e->code;
    struct wf_args a = {.date = end->on, .note = "违法事实清楚，证据确凿"};
    wf_arg_set(&a, "item", end->item);
    wf_arg_set(&a, "level", end->level);
    wf_arg_set(&a, "types", end->types);
    wf_arg_set(&a, "fine", end->fine);
    wf_arg_set(&a, "outside_reason", end->why);
    wf_arg_set(&a, "major", end->major ? "yes" : "no");
    return h_step(h, &case_workflow, "officer", id, "conclude", &a, e);
}

void cf_notify(struct harness *h, int64_t id, const char *day)
{
    struct wf_args a = {.date = day};
    h_must(h, &case_workflow, "officer", id, "notify", &a);
}

int64_t cf_notified(struct harness *h, struct case_input in, const char *proposed,
                    const char *approved, const struct cf_end *end, const char *notified)
{
    int64_t id = cf_filed(h, in, proposed, approved);
    struct err e = {0};
    if (cf_conclude_as(h, id, end, &e))
        fail_msg("conclude: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    cf_notify(h, id, notified);
    return id;
}

const char *cf_user(struct harness *h, const char *username)
{
    static char ring[4][24];
    static int k;
    char *s = ring[k++ % 4];
    snprintf(s, 24, "%s", h_text(h, "SELECT id FROM app_user WHERE username = ?", "t", username));
    return s;
}

int cf_conclude(struct harness *h, int64_t id, const char *item, const char *level,
                const char *types, const char *fine, const char *why, struct err *e)
{
    struct cf_end end = {
        .on = "2026-12-20", .item = item, .level = level, .types = types, .fine = fine, .why = why};
    return cf_conclude_as(h, id, &end, e);
}

int64_t cf_decided(struct harness *h, const char *types, const char *fine)
{
    return cf_decided_in(h, cf_sample("2026-11-02", "2026-10-30"), types, fine);
}

int64_t cf_decided_in(struct harness *h, struct case_input in, const char *types, const char *fine)
{
    int64_t id = cf_filed(h, in, "2026-11-03", "2026-11-04");
    struct cf_end end = {.on = "2026-12-14",
                         .item = cf_item(h),
                         .level = "一般",
                         .types = "警告、罚款",
                         .fine = "3000"};
    struct err e = {0};
    if (cf_conclude_as(h, id, &end, &e))
        fail_msg("conclude: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    cf_notify(h, id, "2026-12-14");
    struct wf_args w = {.date = "2026-12-14", .note = "当事人书面放弃陈述、申辩"};
    h_must(h, &case_workflow, "officer", id, "waive", &w);
    struct wf_args d = {.date = "2026-12-15", .note = "当事人放弃陈述、申辩"};
    wf_arg_set(&d, "types", types);
    wf_arg_set(&d, "fine", fine);
    h_must(h, &case_workflow, "leader", id, "decide", &d);
    return id;
}

void cf_serve(struct harness *h, int64_t id, const char *type, const char *day)
{
    struct wf_args a = {.date = day};
    wf_arg_set(&a, "document",
               h_text(h,
                      "SELECT id FROM document WHERE object_type = 'case' AND object_id = ?"
                      " AND type = ? ORDER BY id DESC LIMIT 1",
                      "it", id, type));
    wf_arg_set(&a, "method", "direct");
    wf_arg_set(&a, "recipient", "王五");
    wf_arg_set(&a, "relation", "法定代表人");
    wf_arg_set(&a, "place", "康宁诊所办公室");
    wf_arg_set(&a, "server", "执法人员1、执法人员2");
    wf_arg_set(&a, "signer", "王五");
    h_must(h, &case_workflow, "officer", id, "serve", &a);
    cf_record(h, id,
              h_text(h,
                     "SELECT 'step:' || CAST(MAX(id) AS TEXT) FROM wf_step WHERE kind = 'case'"
                     " AND object_id = ? AND action = 'serve'",
                     "i", id),
              day);
}

int64_t cf_record(struct harness *h, int64_t id, const char *part, const char *day)
{
    /* a scan: the signature of a PDF is all the store checks */
    static const char body[] = "%PDF-1.4\n% 执法记录\n%%EOF\n";
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct err e = {0};
    char upload[BLOB_ID_HEX];
    if (recording_upload_bytes(&c, body, sizeof body - 1, "record.pdf", upload, &e))
        fail_msg("upload: %s", e.msg);
    char taken[32];
    snprintf(taken, sizeof taken, "%s 00:00", day);
    struct recording_in in = {.upload = upload,
                              .object_type = "case",
                              .object_id = id,
                              .part = part,
                              .officer_id = CF.o1,
                              .taken_at = taken,
                              .place = "康宁诊所"};
    int64_t rec = 0;
    if (recording_add(&c, &in, &rec, &e))
        fail_msg("recording_add %s: %s %s", part, e.msg, e.nfields ? e.fields[0].msg : "");
    return rec;
}

void cf_pay(struct harness *h, int64_t id, const char *amount, const char *day)
{
    struct wf_args a = {.date = day};
    wf_arg_set(&a, "kind", "fine");
    wf_arg_set(&a, "amount", amount);
    wf_arg_set(&a, "how", "bank");
    wf_arg_set(&a, "receipt_no", "JK-0001");
    h_must(h, &case_workflow, "officer", id, "pay", &a);
}

int cf_close_as(struct harness *h, int64_t id, const char *day, const char *ground,
                const char *copies, struct err *e)
{
    struct wf_args a = {.date = day, .note = "当事人已履行行政处罚决定，案卷材料齐全，建议结案"};
    wf_arg_set(&a, "ground", ground);
    if (ground) wf_arg_set(&a, "ground_note", "经核实，当事人已注销登记，无财产可供执行");
    wf_arg_set(&a, "copies", copies);
    int rc = h_step(h, &case_workflow, "leader", id, "close", &a, e);
    json_decref(a.details);
    return rc;
}

void cf_close(struct harness *h, int64_t id, const char *day)
{
    struct err e = {0};
    if (cf_close_as(h, id, day, NULL, NULL, &e))
        fail_msg("close: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
}
