/* demo.c — `landun demo`: a realistic county (agency tree, ~25 officers, ~800 entities across
 * every line, one account per role), or N entities for scale tests. Deterministic: the same
 * database every time. Everything goes through law/, so it is validated and audited as real
 * input would be. */
#include "cli/cli.h"
#include "store/blob.h"
#include "cli/demo.h"
#include "base/crypto.h"
#include "law/discretion.h"
#include "law/power.h"
#include "law/power_import.h"
#include "base/embed.h"
#include "law/agency.h"
#include "law/auth.h"
#include "law/case.h"
#include "law/campaign.h"
#include "law/checklist.h"
#include "law/inspection.h"
#include "law/avoid.h"
#include "law/check_list.h"
#include "law/entity.h"
#include "law/officer.h"
#include "law/plan.h"
#include "law/task.h"
#include "law/role.h"
#include "base/codes.h"
#include "base/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_PASSWORD "landun2026"

static uint64_t rng = 0x9E3779B97F4A7C15ull;

/* xorshift64*: a small deterministic generator (not for secrets). */
static uint32_t rnd(uint32_t n)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (uint32_t)((rng * 2685821657736338717ull) >> 33) % n;
}

#define PICK(a) (a[rnd(countof(a))])

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                       "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "钱",
                                       "蒋", "沈", "韩", "唐", "冯", "许", "邹", "薛", "恽", "史"};
static const char *const given[] = {
    "伟",   "芳",   "娜",   "敏",   "静",   "丽",   "强",   "磊",   "洋",   "艳",   "勇",   "军",
    "杰",   "娟",   "涛",   "明",   "超",   "秀英", "华",   "平",   "建国", "志强", "晓东", "丽娟",
    "海燕", "文博", "雨萱", "子涵", "浩然", "佳怡", "建华", "卫东", "小红", "国庆", "春梅"};
static const char *const towns[] = {
    "湖塘镇", "牛塘镇", "洛阳镇", "遥观镇",     "横林镇",   "横山桥镇", "雪堰镇",   "前黄镇",
    "礼嘉镇", "嘉泽镇", "湟里镇", "南夏墅街道", "西湖街道", "丁堰街道", "潞城街道", "戚墅堰街道"};
static const char *const roads[] = {"人民路", "延政中路", "长虹路", "武宜路", "花园街", "常武路",
                                    "湖滨路", "府北路",   "聚湖路", "鸣新路", "环湖路", "长沟路",
                                    "淹城路", "滆湖路",   "广电路", "定安路"};
static const char *const shops[] = {"康宁", "仁和", "华康", "益民", "博爱", "安泰", "福寿", "新城",
                                    "阳光", "金鼎", "锦绣", "百草", "东方", "天和", "美佳", "丽人",
                                    "碧波", "清源", "恒信", "永安", "家和", "佳美", "盛世", "万福"};

/* One sub-type with how many a county has and how its names are made. */
static const struct {
    const char *subtype;
    int weight;            /* per 1000 entities */
    const char *pattern;   /* %s town, %s brand */
    const char *licence;   /* catalogue code or NULL */
    const char *uscc_head; /* 登记管理部门 + 机构类别 */
} kinds[] = {
    {"hospital", 15, "常州市武进区%s%s医院", "medical_institution", "12"},
    {"health_center", 17, "常州市武进区%s卫生院", "medical_institution", "12"},
    {"community_health", 25, "武进区%s%s社区卫生服务站", "medical_institution", "12"},
    {"clinic", 210, "武进区%s%s诊所", "clinic_record", "92"},
    {"outpatient", 30, "常州%s%s门诊部有限公司", "medical_institution", "91"},
    {"dental", 50, "武进区%s%s口腔诊所", "medical_institution", "92"},
    {"village_clinic", 130, "武进区%s%s村卫生室", NULL, "52"},
    {"medical_beauty", 10, "常州%s%s医疗美容诊所有限公司", "medical_institution", "91"},
    {"maternal_child", 2, "常州市武进区%s妇幼保健所", "maternal_child", "12"},
    {"hotel", 100, "常州%s%s宾馆有限公司", "public_place", "91"},
    {"swimming", 45, "武进区%s%s游泳馆", "public_place", "91"},
    {"beauty_salon", 140, "武进区%s%s美容美发店", "public_place", "92"},
    {"bath", 18, "常州%s%s浴室", "public_place", "92"},
    {"entertainment", 20, "常州%s%sKTV有限公司", "public_place", "91"},
    {"water_supply", 8, "常州市武进%s%s水务有限公司", "water_supply", "91"},
    {"secondary_supply", 35, "常州%s%s物业管理有限公司", NULL, "91"},
    {"school", 60, "常州市武进区%s%s小学", NULL, "12"},
    {"kindergarten", 50, "常州市武进区%s%s幼儿园", NULL, "52"},
    {"employer", 105, "常州%s%s机械制造有限公司", NULL, "91"},
    {"radiology_user", 8, "武进区%s%s口腔医院", "radiation_diagnosis", "91"},
    {"disinfection_maker", 6, "江苏%s%s消毒用品有限公司", "disinfection_maker", "91"},
    {"person", 4, NULL, NULL, NULL},
};

/* A valid 统一社会信用代码 with the given head, in division 320412. */
static void make_uscc(char out[19], const char *head, unsigned serial)
{
    static const char alnum[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    char org[9];
    snprintf(org, sizeof org, "%c%07u", "MJ"[serial % 2], serial % 10000000u);
    (void)alnum;
    char first17[18];
    snprintf(first17, sizeof first17, "%s320412%s%c", head, org, orgcode_check_char(org));
    snprintf(out, 19, "%s%c", first17, uscc_check_char(first17));
}

/* A valid 身份证号 born on a date in [1965, 2000], in division 320412. */
static void make_idcard(char out[19], unsigned serial)
{
    char first17[18];
    snprintf(first17, sizeof first17, "320412%04u%02u%02u%03u", 1965 + rnd(36), 1 + rnd(12),
             1 + rnd(28), serial % 1000u);
    snprintf(out, 19, "%s%c", first17, idcard_check_char(first17));
}

static void person_name(char *out, size_t n)
{
    snprintf(out, n, "%s%s", PICK(surnames), PICK(given));
}

struct demo {
    struct cli_env *env;
    struct err e;
    unsigned serial;
};

static int add_agencies(struct demo *d)
{
    static const struct agency_input agencies[] = {
        {"320000", "江苏省卫生健康委员会", "苏", "320000", "province", NULL},
        {"320400", "常州市卫生健康委员会", "常", "320400", "city", "320000"},
        {"320412", "常州市武进区卫生健康局", "武", "320412", "county", "320400",
         "11320412MB1234562N"},
        {"320411", "常州市新北区卫生健康局", "新", "320411", "county", "320400",
         "11320411MB12345703"},
    };
    static const char *const depts[] = {"医疗卫生监督科", "公共卫生监督科", "职业卫生监督科",
                                        "稽查科", "法制科"};
    int64_t id, dept;
    for (size_t i = 0; i < countof(agencies); i++)
        if (agency_add(&d->env->ctx, &agencies[i], &id, &d->e)) return d->e.code;
    int64_t wujin;
    if (agency_find(&d->env->ctx, "320412", &wujin, NULL, &d->e)) return d->e.code;
    for (size_t i = 0; i < countof(depts); i++)
        if (department_add(&d->env->ctx, wujin, depts[i], &dept, &d->e)) return d->e.code;
    return 0;
}

static const char *const officer_lines[] = {"medical,infectious",
                                            "medical,radiation",
                                            "public_place,water",
                                            "occupational,radiation",
                                            "school,infectious,disinfection",
                                            "medical,blood,family_planning",
                                            "public_place,school"};
static const char *const officer_depts[] = {"医疗卫生监督科", "公共卫生监督科", "职业卫生监督科",
                                            "稽查科", "法制科"};

/* ~25 officers; certificate states chosen so the lists show every flag. */
static int add_officers(struct demo *d, int64_t *first_id)
{
    day_t today = date_from_instant(d->env->ctx.now);
    for (int i = 0; i < 25; i++) {
        char name[32], idn[19], cert[24], issued[11], expires[11];
        person_name(name, sizeof name);
        make_idcard(idn, 100u + (unsigned)i);
        snprintf(cert, sizeof cert, "32041223%04d", 100 + i);
        day_t from = today - 365 * (1 + rnd(4)) - rnd(200);
        day_t to = from + 365 * 5;
        if (i == 3) to = today + 12;  /* expiring soon */
        if (i == 7) to = today + 25;  /* expiring soon */
        if (i == 11) to = today - 20; /* expired */
        date_format(from, issued);
        date_format(to, expires);
        struct officer_input in = {.agency_code = i < 22 ? "320412" : "320411",
                                   .department =
                                       i < 22 ? officer_depts[i % countof(officer_depts)] : NULL,
                                   .name = name,
                                   .id_number = idn,
                                   .phone = "0519-86500000",
                                   .cert_no = cert,
                                   .cert_issued = issued,
                                   .cert_expires = expires,
                                   .status = i == 15 ? "suspended" : "active",
                                   .status_reason = i == 15 ? "借调期间暂停执法" : NULL,
                                   .lines = officer_lines[i % countof(officer_lines)],
                                   .legal_qualified = i % 5 == 4 ? "1" : "0"};
        int64_t id;
        if (officer_add(&d->env->ctx, &in, &id, &d->e)) return d->e.code;
        if (i == 0) *first_id = id;
        int year = date_year(today);
        for (int y = date_year(from); y < year; y++) {
            if (i == 19 && y == year - 1) continue; /* review overdue */
            char on[11];
            date_format(date_from_ymd(y + 1, 2, 20), on);
            char ys[16];
            snprintf(ys, sizeof ys, "%d", y);
            if (officer_review_add(&d->env->ctx, id, ys, on, "1", NULL, &d->e)) return d->e.code;
        }
    }
    return 0;
}

static int add_entity(struct demo *d, size_t k)
{
    char name[160], uscc[19], idn[19], rep[32], addr[200], phone[24], lic[40], from[11], to[11];
    unsigned serial = ++d->serial;
    const char *town = PICK(towns);
    person_name(rep, sizeof rep);
    snprintf(addr, sizeof addr, "江苏省常州市武进区%s%s%u号", town, PICK(roads), 1 + rnd(600));
    snprintf(phone, sizeof phone, "1%u%09u", 3 + rnd(7), rnd(1000000000u));
    bool person = kinds[k].pattern == NULL;
    if (person) {
        person_name(name, sizeof name);
        make_idcard(idn, serial);
    } else {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        snprintf(name, sizeof name, kinds[k].pattern, town,
                 PICK(shops)); /* patterns: table above */
#pragma GCC diagnostic pop
        make_uscc(uscc, kinds[k].uscc_head, serial);
    }
    static const char *const grades[] = {"A", "B", "B", "B", "C", "C", "D", "A"};
    uint32_t st = rnd(100);
    struct entity_input in = {.agency_code = serial % 10 == 0 ? "320411" : "320412",
                              .kind = person ? "person" : "org",
                              .name = name,
                              .uscc = person ? NULL : uscc,
                              .id_number = person ? idn : NULL,
                              .legal_rep = rep,
                              .address = addr,
                              .division_code = "320412",
                              .subtype = kinds[k].subtype,
                              .status = st < 93   ? "open"
                                        : st < 97 ? "suspended"
                                                  : "closed",
                              .risk_grade = PICK(grades),
                              .phone = phone};
    int64_t id;
    if (entity_add(&d->env->ctx, &in, &id, &d->e)) return d->e.code;
    if (!kinds[k].licence) return 0;
    day_t today = date_from_instant(d->env->ctx.now);
    day_t f = today - 30 * (int)rnd(60);
    date_format(f, from);
    date_format(f + 365 * 4 + (rnd(10) == 0 ? -365 * 3 : 0), to);
    snprintf(lic, sizeof lic, "320412%08u", serial);
    struct licence_input li = {
        .type = kinds[k].licence, .number = lic, .valid_from = from, .valid_to = to};
    int64_t lid;
    return licence_add(&d->env->ctx, id, &li, &lid, &d->e) ? d->e.code : 0;
}

static int add_entities(struct demo *d, long count)
{
    int total_weight = 0;
    for (size_t k = 0; k < countof(kinds); k++)
        total_weight += kinds[k].weight;
    long done = 0;
    while (done < count) {
        for (size_t k = 0; k < countof(kinds) && done < count; k++) {
            long n = (long)kinds[k].weight * (count < 1000 ? count : 1000) / total_weight;
            if (n < 1) n = 1;
            for (long i = 0; i < n && done < count; i++, done++) {
                arena_free(&d->env->arena);
                if (add_entity(d, k)) return d->e.code;
                if (done % 1000 == 0) cli_progress("entities", done, count);
            }
        }
    }
    cli_progress("entities", done, count);
    return 0;
}

/* The published list of check items (two lines). */
static int add_check_items(struct demo *d, int64_t ids[4])
{
    static const struct check_item_input items[] = {
        {"320412", "YL-01", "医疗机构依法执业情况", "medical",
         "《医疗机构管理条例》第二十四条、第二十六条、第二十八条",
         "hospital,health_center,clinic,outpatient,dental,village_clinic", "onsite,document", "5",
         "每年1次", 0},
        {"320412", "YL-02", "医疗卫生人员依法执业情况", "medical",
         "《中华人民共和国医师法》第十三条、第十四条；《护士条例》第二十一条",
         "hospital,clinic,outpatient,dental", "onsite,document", "5", "每年1次", 0},
        {"320412", "GG-01", "公共场所卫生许可及从业人员健康管理", "public_place",
         "《公共场所卫生管理条例》第六条、第七条、第八条", "hotel,swimming,beauty_salon,bath",
         "onsite", "3", "每年1次", 0},
        {"320412", "GG-02", "公共场所卫生检测及公示", "public_place",
         "《公共场所卫生管理条例实施细则》第十九条、第二十条", "hotel,swimming", "onsite,sampling",
         NULL, "每年1次", 0},
    };
    for (size_t i = 0; i < countof(items); i++) {
        if (check_item_add(&d->env->ctx, &items[i], &ids[i], &d->e)) return d->e.code;
        if (i < 3 && check_item_publish(&d->env->ctx, ids[i], true, &d->e)) return d->e.code;
    }
    return 0;
}

/* Random checks: a medical plan drawn a month ago (a few tasks closed out), a public-place plan
 * committed and waiting for its public draw, and an entity's 回避 entry. */
static int add_random_checks(struct demo *d)
{
    struct ctx *c = &d->env->ctx;
    int64_t items[4], entity, officer, plan;
    if (add_check_items(d, items)) return d->e.code;
    day_t today = date_from_instant(c->now);
    char year[8], from[11], to[11], later[11], list[48];
    snprintf(year, sizeof year, "%d", date_year(today));
    date_format(today - 30, from);
    date_format(today + 60, to);
    date_format(today + 90, later);
    /* 回避: the first officer is related to the first clinic's operator */
    if (db_get_int(c->db, &d->e, &entity, "SELECT MIN(id) FROM entity WHERE subtype = 'clinic'",
                   "") ||
        db_get_int(c->db, &d->e, &officer, "SELECT MIN(id) FROM officer", "") ||
        avoid_add(c, entity, officer, NULL, "该执法人员的配偶系该诊所负责人", &d->e))
        return d->e.code;
    snprintf(list, sizeof list, "%lld,%lld", (long long)items[0], (long long)items[1]);
    struct plan_input medical = {.agency_code = "320412",
                                 .name =
                                     arena_printf(&d->env->arena, "%s年医疗机构双随机抽查", year),
                                 .level = "county",
                                 .year = year,
                                 .line = "medical",
                                 .items = list,
                                 .pool_subtypes = "clinic,outpatient,dental,village_clinic",
                                 .quota_mode = "ratio",
                                 .ratio = "5",
                                 .grade_ratio = {"3", NULL, "10", "20"},
                                 .starts_on = from,
                                 .deadline = to,
                                 .officer_cap = "6"};
    if (plan_add(c, &medical, &plan, &d->e) ||
        plan_commit(c, plan, "抽取当日在局机关公开摇号，由见证人现场抽取的六位数字", &d->e))
        return d->e.code;
    json_t *problems = NULL;
    int rc = plan_draw(c, plan, "见证人王某抽取 305817", &problems, &d->e);
    json_decref(problems);
    if (rc) return rc;
    /* two drawn entities turned out to be closed down: closed out with a lawful reason */
    struct db_stmt *st = db_query(
        c->db, &d->e, "SELECT id FROM task WHERE plan_id = ? ORDER BY seq DESC LIMIT 2", "i", plan);
    int64_t closed[2] = {0, 0};
    for (int i = 0; st && i < 2 && db_step(st, &d->e) == DB_ROW; i++)
        closed[i] = db_int(st, 0);
    db_done(st);
    if ((closed[0] && task_unable(c, closed[0], "closed", "已办理注销登记", NULL, &d->e)) ||
        (closed[1] && task_unable(c, closed[1], "not_found", "登记地址已拆迁", NULL, &d->e)))
        return d->e.code;
    snprintf(list, sizeof list, "%lld", (long long)items[2]);
    struct plan_input places = {
        .agency_code = "320412",
        .name = arena_printf(&d->env->arena, "%s年公共场所卫生双随机抽查", year),
        .level = "county",
        .year = year,
        .line = "public_place",
        .items = list,
        .quota_mode = "count",
        .count = "8",
        .starts_on = to,
        .deadline = later};
    if (plan_add(c, &places, &plan, &d->e) ||
        plan_commit(c, plan, "计划开始日在局机关公开摇号，由见证人现场抽取的六位数字", &d->e))
        return d->e.code;
    return 0;
}

/* The demo officer (first + 9, holding 法律职业资格: i % 5 == 4 in add_officers) the legal
 * reviewer's account is linked to: 第五十八条 asks it of a first-time reviewer, and no demo case
 * has it among its investigators. */
#define LEGAL_OFFICER 9

/* One account per role; the officer account is linked to the first officer. */
static int add_users(struct demo *d, int64_t officer_id)
{
    static const struct {
        const char *username, *name, *agency;
        int role;
    } users[] = {
        {"admin", "系统管理员", "320412", ROLE_ADMIN},
        {"officer", "执法人员", "320412", ROLE_OFFICER},
        {"clerk", "受理员", "320412", ROLE_CLERK},
        {"legal", "法制审核员", "320412", ROLE_LEGAL},
        {"leader", "分管领导", "320412", ROLE_LEADER},
        {"auditor", "稽查员", "320412", ROLE_AUDITOR},
        {"viewer", "只读用户", "320412", ROLE_VIEWER},
        {"city", "市级管理员", "320400", ROLE_ADMIN},
        {"province", "省级管理员", "320000", ROLE_ADMIN}, /* the national calendar is theirs */
    };
    for (size_t i = 0; i < countof(users); i++) {
        struct user_input in = {.username = users[i].username,
                                .display_name = users[i].name,
                                .password = DEMO_PASSWORD,
                                .agency_code = users[i].agency,
                                .roles = 1u << users[i].role,
                                .officer_id = users[i].role == ROLE_OFFICER ? officer_id
                                              : users[i].role == ROLE_LEGAL
                                                  ? officer_id + LEGAL_OFFICER
                                                  : 0};
        int64_t id;
        if (user_add(&d->env->ctx, &in, &id, &d->e)) return d->e.code;
    }
    return 0;
}

/* ---- inspections and a campaign ------------------------------------------------------------ */

/* The n-th entity (0-based, newest first) of sub-type in the actor's scope, or 0. */
static int64_t demo_entity(struct ctx *c, const char *subtype, int n, struct err *e)
{
    struct entity_query q = {.subtype = subtype, .status = "open", .per_page = n + 1};
    json_t *list = entity_list(c, &q, e);
    int64_t id = json_integer_value(
        json_object_get(json_array_get(json_object_get(list, "rows"), (size_t)n), "id"));
    json_decref(list);
    return id;
}

/* One inspection of entity in line with the line's first nitems items answered: those whose
 * index is in bad (a bit set) 不符合 with a note, the others 符合. */
static int demo_inspection(struct ctx *c, struct inspection_input *in, int nitems, unsigned bad,
                           const char *note, int64_t *id, struct err *e)
{
    struct inspection_item_input items[16];
    json_t *list = checklist_line(in->line), *v;
    size_t i;
    int n = 0;
    json_array_foreach(list, i, v)
    {
        if (n == nitems || n == 16) break;
        bool nc = (bad >> n) & 1u;
        items[n++] =
            (struct inspection_item_input){.code = json_string_value(json_object_get(v, "code")),
                                           .result = nc ? "nonconform" : "conform",
                                           .note = nc ? note : NULL};
    }
    in->items = items;
    in->nitems = n;
    if (!in->place) in->place = "被检查单位经营场所";
    return inspection_add(c, in, id, e);
}

/* A case from inspection id of entity (medical line, the act three days ago), registered by the
 * officer of c; with officers, proposed with them and approved by the leader. */
static int demo_case(struct ctx *c, int64_t id, int64_t entity, const char *summary,
                     const char *officers, struct err *e)
{
    struct case_input in = {.source = "inspection",
                            .source_id = arena_printf(c->arena, "%lld", (long long)id),
                            .line = "medical",
                            .entity_id = arena_printf(c->arena, "%lld", (long long)entity),
                            .summary = summary,
                            .act_on = demo_days_from_today(c, -3),
                            .harm = false};
    int64_t cid;
    int rc = case_add(c, &in, &cid, e);
    if (rc || !officers) return rc;
    struct wf_args a = {.note = "现场检查发现违法事实，需立案调查"};
    wf_arg_set(&a, "officers", officers);
    rc = wf_take(c, &case_workflow, cid, "propose", &a, NULL, e);
    int64_t uid;
    struct actor leader;
    struct ctx as = *c;
    if (!rc)
        rc = db_get_int(c->db, e, &uid, "SELECT id FROM app_user WHERE username = 'leader'", "");
    if (!rc) rc = auth_load_actor(c, uid, &leader, e);
    as.who = &leader;
    struct wf_args ok = {0};
    return rc ? rc : wf_take(&as, &case_workflow, cid, "approve", &ok, NULL, e);
}

/* A few inspections acted by the officer account (so documents are issued in the county's name):
 * one passed, one correction order overdue, one corrected and reinspected, one of a campaign due
 * in two days, one referred for a case; and the campaign with its target list. */
static int add_inspections(struct demo *d, int64_t first_officer)
{
    struct arena arena = {0};
    struct actor who;
    struct ctx c = d->env->ctx;
    c.arena = &arena;
    int64_t uid, id, reviewed, camp;
    struct err *e = &d->e;
    int rc = db_get_int(c.db, e, &uid, "SELECT id FROM app_user WHERE username = 'officer'", "");
    if (!rc) rc = auth_load_actor(&c, uid, &who, e);
    if (rc) goto out;
    c.who = &who;
    const char *pair_med =
        arena_printf(&arena, "%lld,%lld", (long long)first_officer, (long long)first_officer + 1);
    const char *pair_pub = arena_printf(&arena, "%lld,%lld", (long long)first_officer + 2,
                                        (long long)first_officer + 9);
    struct campaign_input ci = {.name = "医疗美容机构专项检查",
                                .line = "medical",
                                .starts_on = demo_days_from_today(&c, -30),
                                .ends_on = demo_days_from_today(&c, 60),
                                .description = "检查医疗美容机构执业资质、医师执业范围、"
                                               "医疗美容项目备案和医疗广告发布情况。"};
    struct campaign_filter cf = {.subtype = "medical_beauty", .status = "open"};
    int added;
    if ((rc = campaign_add(&c, &ci, &camp, e)) ||
        (rc = campaign_target_add_filter(&c, camp, &cf, &added, e)))
        goto out;
    struct inspection_input pass = {.entity_id = demo_entity(&c, "clinic", 0, e),
                                    .type = "routine",
                                    .line = "medical",
                                    .date = demo_days_from_today(&c, -20),
                                    .time_from = "09:30",
                                    .time_to = "10:40",
                                    .officers = pair_med,
                                    .outcome = "pass"};
    struct inspection_input overdue = {.entity_id = demo_entity(&c, "dental", 0, e),
                                       .type = "random",
                                       .line = "infectious",
                                       .date = demo_days_from_today(&c, -40),
                                       .officers = pair_med,
                                       .findings = "医疗废物暂存处未设置警示标识，"
                                                   "医疗废物登记资料不全。",
                                       .outcome = "rectify",
                                       .rectify_by = demo_days_from_today(&c, -10)};
    struct inspection_input hotel = {.entity_id = demo_entity(&c, "hotel", 0, e),
                                     .type = "routine",
                                     .line = "public_place",
                                     .date = demo_days_from_today(&c, -30),
                                     .officers = pair_pub,
                                     .findings =
                                         "2名直接为顾客服务的从业人员未持有效健康合格证明。",
                                     .outcome = "rectify",
                                     .rectify_by = demo_days_from_today(&c, -15)};
    if ((rc = demo_inspection(&c, &pass, 10, 0, NULL, &id, e)) ||
        (rc = demo_inspection(&c, &overdue, 12, 1u << 8 | 1u << 11, "现场未见登记记录", &id, e)) ||
        (rc = demo_inspection(&c, &hotel, 10, 1u << 4, "查见2人健康证明过期", &reviewed, e)))
        goto out;
    struct inspection_input re = {.entity_id = hotel.entity_id,
                                  .type = "reinspection",
                                  .line = "public_place",
                                  .date = demo_days_from_today(&c, -12),
                                  .officers = pair_pub,
                                  .checks_id = reviewed,
                                  .corrected = "1",
                                  .outcome = "pass"};
    struct inspection_input beauty = {.entity_id = demo_entity(&c, "medical_beauty", 0, e),
                                      .type = "campaign",
                                      .line = "medical",
                                      .date = demo_days_from_today(&c, -5),
                                      .officers = pair_med,
                                      .campaign_id = camp,
                                      .findings = "医疗广告未取得《医疗广告审查证明》。",
                                      .outcome = "rectify",
                                      .rectify_by = demo_days_from_today(&c, 2)};
    struct inspection_input salon = {.entity_id = demo_entity(&c, "beauty_salon", 0, e),
                                     .type = "complaint",
                                     .line = "public_place",
                                     .date = demo_days_from_today(&c, -3),
                                     .officers = pair_pub,
                                     .findings =
                                         "群众投诉反映的问题属实：店内开展注射类医疗美容项目，"
                                         "涉嫌非法行医。",
                                     .outcome = "refer",
                                     .advice_notice = true};
    int64_t beauty_id, salon_id;
    if ((rc = demo_inspection(&c, &re, 10, 0, NULL, &id, e)) ||
        (rc =
             demo_inspection(&c, &beauty, 15, 1u << 14, "门口展架广告无审查证明", &beauty_id, e)) ||
        (rc = demo_inspection(&c, &salon, 8, 1u << 0, "未取得公共场所卫生许可证", &salon_id, e)))
        goto out;
    /* the salon's case filed, the beauty clinic's waiting for 立案 */
    if ((rc = demo_case(&c, salon_id, salon.entity_id,
                        "未取得《医疗机构执业许可证》擅自开展注射类"
                        "医疗美容项目",
                        pair_med, e)) ||
        (rc = demo_case(&c, beauty_id, beauty.entity_id, "发布医疗广告未取得《医疗广告审查证明》",
                        NULL, e)))
        goto out;
out:
    arena_free(&arena);
    return rc;
}

/* The sample power list of health supervision (data/power_list.csv: every line, real
 * provisions, sample baselines) as the province's, shared down to the counties; and for one
 * item a second baseline version to take effect in a month. */
static int add_power_list(struct demo *d)
{
    struct ctx *c = &d->env->ctx;
    const struct embed_file *f = embed_find("data/power_list.csv");
    if (!f) return err_set(&d->e, ERR_INTERNAL, "data/power_list.csv is not embedded");
    struct power_import_options o = {.agency_code = "320000"};
    struct power_import_result res;
    int rc = power_import(c, f->data, f->len, "power_list.csv", &o, &res, &d->e);
    if (rc && json_array_size(res.problems))
        err_set(&d->e, rc, "data/power_list.csv: %s",
                json_string_value(json_object_get(json_array_get(res.problems, 0), "message")));
    power_import_result_free(&res);
    if (rc) return rc;
    int64_t province, item, version;
    if (agency_find(c, "320000", &province, NULL, &d->e)) return d->e.code;
    item = power_item_find(c, province, "GG-CF-001", &d->e);
    if (item <= 0) return item < 0 ? (int)item : err_set(&d->e, ERR_INTERNAL, "GG-CF-001 missing");
    struct discretion_input next = {
        .effective_on = demo_days_from_today(c, 30),
        .source = "示例裁量基准（演示数据，非正式文件）第二版",
        .levels = {{"一般",
                    "擅自营业时间不足一个月，首次被查处，主动停业改正",
                    "责令限期改正，给予警告，并处500元以上1500元以下的罚款",
                    {"警告、罚款", "500", "1500", NULL, NULL}},
                   {"较重",
                    "擅自营业时间一个月以上不足三个月",
                    "责令限期改正，给予警告，并处1500元以上5000元以下的罚款",
                    {"警告、罚款", "1500", "5000", NULL, NULL}},
                   {"严重",
                    "擅自营业曾受过卫生行政部门处罚，擅自营业时间三个月以上，或者以涂改、转让、"
                    "倒卖、伪造的卫生许可证擅自营业",
                    "处5000元以上3万元以下的罚款",
                    {"警告、罚款", "5000", "30000", NULL, NULL}}},
        .nlevels = 3};
    return discretion_add(c, item, &next, &version, &d->e);
}

int cmd_demo(struct cli *c)
{
    const char *n = cli_option(&c->argc, c->argv, "--entities");
    int64_t count = 800;
    if (n && (parse_i64(n, &count) || count < 0 || count > 10000000)) {
        fprintf(stderr, "usage: landun demo [--entities N]  (0 ≤ N ≤ 10000000)\n");
        return 2;
    }
    struct cli_env env;
    struct demo d = {.env = &env};
    if (cli_open(c->db, &env, &d.e)) return cli_fail(&d.e);
    int rc = 0;
    int filled = db_exists(env.db, &d.e, "SELECT 1 FROM agency", "");
    if (filled < 0) {
        cli_close(&env);
        return cli_fail(&d.e);
    }
    if (filled) {
        char shown[512];
        fprintf(stderr, "landun: %s already has data; demo fills only an empty database\n",
                cli_db_shown(c->db, shown, sizeof shown));
        cli_close(&env);
        return 1;
    }
    struct blob_store *blobs = NULL; /* the demo case's recordings go into the evidence store */
    if (blob_open(c->evidence, &blobs, &d.e)) {
        cli_close(&env);
        return cli_fail(&d.e);
    }
    env.ctx.blobs = blobs;
    int64_t officer_id = 0;
    rc = db_begin(env.db, &d.e);
    if (!rc) rc = add_agencies(&d);
    if (!rc) rc = add_officers(&d, &officer_id);
    if (!rc) rc = add_entities(&d, (long)count);
    if (!rc) rc = add_users(&d, officer_id);
    if (!rc) rc = demo_devices(&env.ctx, &d.e);
    if (!rc && count >= 800) rc = add_inspections(&d, officer_id);
    if (!rc && count >= 200 && count <= 20000) rc = add_random_checks(&d);
    if (!rc && count >= 200) rc = demo_requests(&env.ctx, &d.e);
    if (!rc) rc = add_power_list(&d);
    if (!rc && count >= 200) rc = demo_cases(&env.ctx, &d.e);
    if (!rc) rc = demo_publicity(&env.ctx, &d.e);
    if (!rc) rc = db_commit(env.db, &d.e);
    if (rc) {
        if (db_depth(env.db)) db_rollback(env.db);
        blob_close(blobs);
        cli_close(&env);
        return cli_fail(&d.e);
    }
    blob_close(blobs);
    printf("demo data: 4 agencies, 25 officers, %lld entities\n", (long long)count);
    if (count >= 800)
        printf("  6 inspections (one correction overdue), 1 campaign, 2 cases from them\n");
    if (count >= 200 && count <= 20000)
        printf("  a published check-item list, a drawn random-check plan and a committed one\n");
    if (count >= 200)
        printf("  6 complaints, 5 petitions and 5 disclosure requests at every stage of their"
               " workflows%s\n",
               seal_ready() ? "" : " (complainants anonymous: no --data-key given)");
    printf("  the publicity queue: decisions, inspection results and new licences published by"
           " legal, the newest %d waiting (/publicity, /public)\n",
           3);
    printf("  9 enforcement devices (执法记录仪, 移动执法终端 …), assigned, pooled, retired\n");
    if (count >= 200)
        printf("  recordings of the closed case's key steps in %s (landun verify evidence)\n",
               c->evidence);
    printf("  the power list of health supervision with sample discretion baselines (province)\n");
    if (count >= 200)
        printf("  10 penalty cases from 待立案 to 已作出处罚决定, a hearing set and one held, a"
               " preservation awaiting its 处理决定, a 简易程序 decision\n");
    printf("demo accounts (password %s):\n", DEMO_PASSWORD);
    printf("  admin 系统管理员  officer 执法人员  clerk 受理员  legal 法制审核\n"
           "  leader 负责人  auditor 稽查  viewer 只读  city 市级管理员\n"
           "  province 省级管理员（节假日安排）\n");
    cli_close(&env);
    return 0;
}
