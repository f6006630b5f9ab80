/* demo_requests.c — the demo's requests from the public: complaints, petitions and disclosure
 * requests at every stage of their workflows (cli.h: demo_requests). */
#include "cli/cli.h"
#include "cli/demo.h"
#include "base/crypto.h"
#include "base/date.h"
#include "law/auth.h"
#include "law/complaint.h"
#include "law/disclosure.h"
#include "law/petition.h"

#include <string.h>

const char *demo_days_from_today(struct ctx *c, int n)
{
    char *s = arena_alloc(c->arena, DATE_STRLEN);
    date_format(date_from_instant(c->now) + n, s);
    return s;
}

int demo_actor(struct ctx *c, const char *username, struct actor *who, struct err *e)
{
    int64_t id = 0;
    if (db_get_int(c->db, e, &id, "SELECT id FROM app_user WHERE username = ?", "t", username))
        return e->code;
    return auth_load_actor(c, id, who, e);
}

int demo_step(struct ctx *c, const struct workflow *w, const char *user, int64_t id,
              const char *action, struct wf_args *a, struct err *e)
{
    struct actor who;
    struct ctx as = *c;
    if (demo_actor(c, user, &who, e)) return e->code;
    as.who = &who;
    return wf_take(&as, w, id, action, a, NULL, e);
}

int demo_as(struct ctx *c, const char *user, struct actor *who, struct ctx *as, struct err *e)
{
    *as = *c;
    if (demo_actor(c, user, who, e)) return e->code;
    as->who = who;
    return 0;
}

/* Complaints in each state of their workflow: taken in by the clerk, decided by the leader,
 * handled by the officer. Without a data key the complainants stay anonymous. */
static int add_complaints(struct ctx *c, struct err *e)
{
    static const struct {
        const char *channel, *line, *matter, *summary, *party, *address;
        int steps; /* how far it has come: 0 received … 5 closed and rated */
    } samples[] = {
        {"hotline", "medical", "unlicensed_practice", "小区内有人在出租屋为老人输液，疑似无证行医",
         "无名诊所", "湖塘镇花园路8号", 5},
        {"phone", "public_place", "public_place", "游泳馆池水浑浊，未见水质公示", "碧波游泳馆",
         "延政中路66号", 4},
        {"online", "water", "drinking_water", "二次供水水箱长期未清洗，自来水有异味",
         "阳光小区物业", "长虹路12号", 3},
        {"letter", "medical", "illegal_beauty", "美容店开展注射隆鼻，操作人员无医师资格",
         "丽人美容店", "武宜路101号", 2},
        {"visit", "occupational", "occupational_hazard", "车间粉尘大，工人未配发防尘口罩",
         "恒达机械厂", "常武路300号", 1},
        {"phone", "infectious", "infection_control", "诊所一次性注射器重复使用", "益民诊所",
         "人民路45号", 0},
    };
    for (size_t i = 0; i < countof(samples); i++) {
        struct complaint_input in = {.agency_code = "320412",
                                     .channel = samples[i].channel,
                                     .received_on = demo_days_from_today(c, -20 + (int)i),
                                     .line = samples[i].line,
                                     .matter = samples[i].matter,
                                     .summary = samples[i].summary,
                                     .party_name = samples[i].party,
                                     .party_address = samples[i].address,
                                     .anonymous = !seal_ready() || i % 3 == 2,
                                     .name = "王建国",
                                     .phone = "13812345678"};
        if (strcmp(samples[i].channel, "hotline") == 0) in.external_no = "GD2026120001";
        int64_t id;
        const char *code;
        struct actor clerk;
        struct ctx as;
        int rc = demo_as(c, "clerk", &clerk, &as, e);
        if (!rc) rc = complaint_add(&as, &in, &id, &code, e);
        struct wf_args none = {0}, assign = {0}, verify = {.note = "现场核查，情况基本属实"},
                       reply = {0}, rate = {0};
        wf_arg_set(&assign, "handler", "officer");
        wf_arg_set(&verify, "result", "substantiated");
        wf_arg_set(&verify, "measures", "rectify,advice");
        wf_arg_set(&reply, "reply",
                   "经现场核查，反映的问题属实，已责令其限期整改，我局将跟踪复查。");
        wf_arg_set(&rate, "satisfaction", "satisfied");
        int n = samples[i].steps;
        if (!rc && n > 0) rc = demo_step(c, &complaint_workflow, "leader", id, "accept", &none, e);
        if (!rc && n > 1)
            rc = demo_step(c, &complaint_workflow, "leader", id, "assign", &assign, e);
        if (!rc && n > 2)
            rc = demo_step(c, &complaint_workflow, "officer", id, "verify", &verify, e);
        if (!rc && n > 3) rc = demo_step(c, &complaint_workflow, "officer", id, "reply", &reply, e);
        if (!rc && n > 4) rc = demo_step(c, &complaint_workflow, "leader", id, "close", &none, e);
        if (!rc && n > 4) rc = demo_step(c, &complaint_workflow, "clerk", id, "rate", &rate, e);
        if (rc) return rc;
    }
    return 0;
}

/* Petitions at every stage: registered (one sent by the city's 信访局), handled by the officer
 * with the leader in charge, answered, under 复查, closed and rated. */
static int add_petitions(struct ctx *c, struct err *e)
{
    static const struct {
        const char *form, *content, *summary, *sent_by, *name;
        int people, ago, steps; /* received ago days before today; steps: 0 registered,
                                 * 1 accepted and assigned, 2 answered, 3 复查 asked, 4 closed
                                 * and rated */
    } samples[] = {
        {"visit", "medical_dispute", "母亲在区医院手术后感染，要求医院说明诊疗经过并赔偿", NULL,
         "李秀英", 1, 12, 4},
        {"letter", "hospital_management", "社区卫生服务中心周末不开诊，老人配药困难",
         "常州市信访局", "陈志强", 1, 2, 0},
        {"phone", "pricing", "门诊收取的检查费与公示价格不一致", NULL, "周丽华", 1, 9, 2},
        {"visit", "supervision", "多名居民反映小区旁诊所医疗废物随意堆放", NULL, "吴国平", 6, 11,
         3},
        {"online", "advice", "建议在乡镇卫生院增设夜间急诊", NULL, "郑晓明", 1, 6, 1},
    };
    for (size_t i = 0; i < countof(samples); i++) {
        struct petition_input in = {.agency_code = "320412",
                                    .form = samples[i].form,
                                    .received_on = demo_days_from_today(c, -samples[i].ago),
                                    .content = samples[i].content,
                                    .summary = samples[i].summary,
                                    .people = samples[i].people > 1 ? "6" : "1",
                                    .sent_by = samples[i].sent_by,
                                    .name = samples[i].name,
                                    .phone = "13912345678"};
        struct actor clerk;
        struct ctx as;
        int64_t id;
        int rc = demo_as(c, "clerk", &clerk, &as, e);
        if (!rc) rc = petition_add(&as, &in, &id, e);
        struct wf_args none = {0}, assign = {0}, answer = {0}, review = {.note = "对处理意见不服"},
                       rate = {0};
        wf_arg_set(&assign, "leader", "leader");
        wf_arg_set(&assign, "handler", "officer");
        wf_arg_set(&answer, "answer", "经调查核实，已责成相关单位整改，并将整改情况书面反馈。");
        wf_arg_set(&rate, "satisfaction", "fairly");
        const struct workflow *w = &petition_workflow;
        int n = samples[i].steps;
        if (!rc && n > 0) rc = demo_step(c, w, "leader", id, "accept", &none, e);
        if (!rc && n > 0) rc = demo_step(c, w, "leader", id, "assign", &assign, e);
        if (!rc && n > 1) rc = demo_step(c, w, "officer", id, "answer", &answer, e);
        if (!rc && n == 3) rc = demo_step(c, w, "clerk", id, "request_review", &review, e);
        if (!rc && n > 3) rc = demo_step(c, w, "leader", id, "close", &none, e);
        if (!rc && n > 3) rc = demo_step(c, w, "clerk", id, "rate", &rate, e);
        if (rc) return rc;
    }
    return 0;
}

/* Disclosure requests at every stage: being handled, waiting for 补正, in a third party's
 * consultation, answered 予以公开 and answered 不予公开. */
static int add_disclosures(struct ctx *c, struct err *e)
{
    static const struct {
        const char *channel, *content, *purpose, *name;
        const char *action; /* the last step taken, or NULL: registered */
        const char *note;   /* its note */
        int ago;            /* received this many days before today */
    } samples[] = {
        {"online", "2025年度本区公共场所卫生监督抽检结果", "了解游泳场所水质", "沈佳怡", NULL, NULL,
         3},
        {"post", "某医院的相关材料", NULL, "常州某律师事务所", "request_correction",
         "请明确所需材料的名称、文号或者便于查询的其他特征性描述", 2},
        {"email", "某美容店被投诉后的处理情况", "维护自身权益", "韩梅", "consult",
         "处理情况涉及该店经营信息，征求其是否同意公开", 8},
        {"in_person", "本区2025年生活饮用水监测报告", "研究", "江南大学课题组", "answer_disclose",
         NULL, 12},
        {"online", "某诊所的行政处罚案卷全部材料", NULL, "刘洋", "answer_withhold", NULL, 15},
    };
    for (size_t i = 0; i < countof(samples); i++) {
        struct disclosure_input in = {.agency_code = "320412",
                                      .channel = samples[i].channel,
                                      .received_on = demo_days_from_today(c, -samples[i].ago),
                                      .content = samples[i].content,
                                      .purpose = samples[i].purpose,
                                      .name = samples[i].name,
                                      .phone = "13712345678"};
        struct actor clerk;
        struct ctx as;
        int64_t id;
        int rc = demo_as(c, "clerk", &clerk, &as, e);
        if (!rc) rc = disclosure_add(&as, &in, &id, e);
        const char *action = samples[i].action;
        struct wf_args a = {.note = samples[i].note, .reason = "case_file"};
        wf_arg_set(&a, "party", "丽人美容店");
        wf_arg_set(&a, "answer", "经审查，答复如下：所申请的信息详见附件。");
        if (!rc && action) rc = demo_step(c, &disclosure_workflow, "officer", id, action, &a, e);
        if (rc) return rc;
    }
    return 0;
}

int demo_requests(struct ctx *c, struct err *e)
{
    int rc = add_complaints(c, e);
    /* a petitioner or applicant is never anonymous on paper: without a data key there are none */
    if (!rc && seal_ready()) rc = add_petitions(c, e);
    if (!rc && seal_ready()) rc = add_disclosures(c, e);
    return rc;
}
