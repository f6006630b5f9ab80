/* demo_cases.c — the demo's penalty cases (cli.h: demo_cases): the county 320412's cases in every
 * state a person wants to see, each carried there by the workflow's own steps as the demo's
 * officer, leader, legal reviewer and auditor, applying items of the demo's power list with their
 * baselines. Every date is counted back from the demo's "now" on the working-day calendar, so the
 * windows that should be open are open and those that should be closed are closed whatever day
 * the demo runs:
 *   待立案; 已立案 with evidence and a 证据先行登记保存 approved, its 处理决定 still due;
 *   调查终结 waiting for the legal review; 已告知 with the 3 working days of defence running;
 *   已安排听证 (asked within 5 working days, set 7 working days or more ahead);
 *   已听证 and reviewed; decided (a general one, and a major one after the collective
 *   discussion); 不予行政处罚 (首违不罚); a 简易程序 decision; served, paid in full, closed and
 *   audited (案卷评查); served with instalments approved and the first paid; served with a
 *   行政复议 pending; and a filed case referred to the police (涉嫌犯罪移送). */
#include "cli/cli.h"
#include "cli/demo.h"
#include "base/calendar.h"
#include "base/date.h"
#include "law/agency.h"
#include "law/case.h"
#include "law/recording.h"
#include "law/case_summary.h"
#include "law/entity.h"
#include "law/evidence.h"
#include "law/power.h"
#include "law/file_review.h"
#include "law/preservation.h"
#include "law/referral.h"
#include "law/remedy.h"

#include <string.h>

/* Who acts and what the cases share. */
struct dc {
    struct ctx *c;                              /* the system, on the demo's arena */
    struct ctx officer, leader, legal, auditor; /* c acting as those demo accounts */
    struct actor who[4];                        /* their actors */
    struct err *e;                              /* the first failure */
    int64_t province;                           /* the agency whose power list the cases apply */
    int64_t first_officer;                      /* the officer account's officer record */
    int64_t chair; /* the hearing's chair: the leader account (app_user) */
    day_t today;   /* the demo's day */
    day_t work;    /* the last working day on or before today */
};

/* What a case is about: its party, line, source, facts and the penalty it will propose. */
struct spec {
    const char *subtype; /* the party: an open entity of this sub-type in the county … */
    int nth;             /* … the nth, newest first; NULL subtype: the citizen below */
    const char *citizen; /* a party not in the registry (无证行医), or NULL */
    const char *line;    /* 执法类别 */
    const char *source;  /* case source code */
    const char *summary; /* 案由 */
    int partner;         /* the second investigator: first_officer + partner */
    const char *item;    /* power list code */
    const char *level;   /* the baseline level */
    const char *types;   /* the penalty types proposed */
    const char *fine;    /* 元, or NULL */
    bool major;          /* 重大、复杂 */
};

/* ---- dates --------------------------------------------------------------------------------- */

/* day as text on the arena. */
static const char *ds(struct dc *d, day_t day)
{
    char *s = arena_alloc(d->c->arena, DATE_STRLEN);
    date_format(day, s);
    return s;
}

/* The last working day on or before day (a month back at most: the calendar knows the year). */
static day_t workday_before(struct dc *d, day_t day)
{
    for (int i = 0; i < 31 && calendar_day_kind(d->c->cal, day) != CAL_WORKDAY; i++)
        day--;
    return day;
}

/* The working day n working days before the working day day: the cases are counted back
 * from the last working day, so none falls after the demo's "now" whatever the holidays. */
static day_t workdays_back(struct dc *d, day_t day, int n)
{
    for (int i = 0; i < n; i++)
        day = workday_before(d, day - 1);
    return day;
}

/* The last working day s on or before by whose period of n working days (第八十五条) has ended
 * by by: s + n working days <= by. */
static day_t latest_start(struct dc *d, day_t by, int n)
{
    day_t s = workday_before(d, by - 1), end;
    for (int i = 0; i < 40; i++, s = workday_before(d, s - 1))
        if (calendar_add_workdays(d->c->cal, s, n, &end, d->e) || end <= by) break;
    return s;
}

/* ---- steps ---------------------------------------------------------------------------------- */

/* Step action of case id as as, on day. */
static int step(struct dc *d, struct ctx *as, int64_t id, const char *action, day_t day,
                struct wf_args *a)
{
    a->date = ds(d, day);
    return wf_take(as, &case_workflow, id, action, a, NULL, d->e);
}

/* "first_officer,first_officer + partner" on the arena. */
static const char *team(struct dc *d, int partner)
{
    return arena_printf(d->c->arena, "%lld,%lld", (long long)d->first_officer,
                        (long long)(d->first_officer + partner));
}

/* The party's entity id of s as text, or NULL for a citizen (ERR_INTERNAL when the demo county
 * has no such entity). */
static const char *party(struct dc *d, const struct spec *s)
{
    if (!s->subtype) return NULL;
    struct entity_query q = {.subtype = s->subtype, .status = "open", .per_page = s->nth + 1};
    json_t *list = entity_list(&d->officer, &q, d->e);
    int64_t id = json_integer_value(
        json_object_get(json_array_get(json_object_get(list, "rows"), (size_t)s->nth), "id"));
    json_decref(list);
    if (!id && !d->e->code)
        err_set(d->e, ERR_INTERNAL, "演示数据中没有第%d个%s", s->nth + 1, s->subtype);
    return id ? arena_printf(d->c->arena, "%lld", (long long)id) : NULL;
}

/* The case of s received on day (the act three days before), registered by the officer. */
static int registered(struct dc *d, const struct spec *s, day_t day, int64_t *id)
{
    struct case_input in = {.source = s->source,
                            .line = s->line,
                            .entity_id = party(d, s),
                            .party_name = s->citizen,
                            .party_kind = s->citizen ? "citizen" : NULL,
                            .party_address =
                                s->citizen ? "江苏省常州市武进区湖塘镇花园路8号" : NULL,
                            .summary = s->summary,
                            .act_on = ds(d, day - 3),
                            .received_on = ds(d, day)};
    if (d->e->code) return d->e->code;
    if (!s->citizen && !in.entity_id) return d->e->code;
    return case_add(&d->officer, &in, id, d->e);
}

/* An item of evidence of case id obtained on day by the case's two investigators. */
static int evidence(struct dc *d, const struct spec *s, int64_t id, const char *kind,
                    const char *what, const char *how, day_t day)
{
    struct evidence_input in = {.kind = kind,
                                .description = what,
                                .source = how,
                                .obtained_on = ds(d, day),
                                .officers = team(d, s->partner)};
    int64_t item;
    return evidence_add(&d->officer, id, &in, &item, d->e);
}

/* The case of s filed (立案) on filed, proposed and received the working day before, with the
 * 现场笔录 of the day of filing, issued as the case's document. */
static int filed(struct dc *d, const struct spec *s, day_t on, int64_t *id)
{
    day_t proposed = workday_before(d, on - 1);
    struct wf_args p = {.note = "经核查，违法事实基本清楚，需立案调查"}, a = {0};
    wf_arg_set(&p, "officers", team(d, s->partner));
    if (registered(d, s, proposed, id) || step(d, &d->officer, *id, "propose", proposed, &p) ||
        step(d, &d->leader, *id, "approve", on, &a))
        return d->e->code;
    struct evidence_input in = {
        .kind = "record",
        .description = "现场笔录一份（附现场照片6张）",
        .source = "执法人员现场检查时制作，当事人签字确认",
        .obtained_on = ds(d, on),
        .officers = team(d, s->partner),
        .site_time = "9时30分至10时20分",
        .site_place = s->citizen ? "江苏省常州市武进区湖塘镇花园路8号" : "当事人经营场所",
        .site_present = s->citizen ? "当事人本人" : "当事人负责人（在场并陪同检查）",
        .site_scene = s->summary,
        .site_shown = "1"};
    int64_t item;
    return evidence_add(&d->officer, *id, &in, &item, d->e);
}

/* The deliberation (合议) of case id on day: its two investigators and a third officer, the
 * first hosting. */
static int deliberated(struct dc *d, const struct spec *s, int64_t id, day_t day)
{
    struct wf_args a = {.note = "违法事实清楚，证据确凿，建议依法给予行政处罚"};
    wf_arg_set(&a, "participants",
               arena_printf(d->c->arena, "%s,%lld", team(d, s->partner),
                            (long long)(d->first_officer + s->partner + 1)));
    wf_arg_set(&a, "host", arena_printf(d->c->arena, "%lld", (long long)d->first_officer));
    wf_arg_set(&a, "recorder", "案件承办人员");
    wf_arg_set(&a, "facts", s->summary);
    wf_arg_set(&a, "opinions", "参加人员一致认为违法事实清楚，证据确凿，应当依法给予行政处罚。");
    wf_arg_set(&a, "conclusion", "penalise");
    return step(d, &d->officer, id, "deliberate", day, &a);
}

/* The case of s filed on on and its investigation concluded on end, proposing the penalty of s. */
static int concluded(struct dc *d, const struct spec *s, day_t on, day_t end, int64_t *id)
{
    int64_t item = power_item_find(d->c, d->province, s->item, d->e);
    if (item <= 0)
        return d->e->code ? d->e->code : err_set(d->e, ERR_INTERNAL, "权责清单中没有 %s", s->item);
    struct wf_args a = {.note = "违法事实清楚，证据确凿，拟依法给予行政处罚"};
    wf_arg_set(&a, "item", arena_printf(d->c->arena, "%lld", (long long)item));
    wf_arg_set(&a, "level", s->level);
    wf_arg_set(&a, "types", s->types);
    wf_arg_set(&a, "fine", s->fine);
    wf_arg_set(&a, "major", s->major ? "yes" : "no");
    if (filed(d, s, on, id) ||
        evidence(d, s, *id, "statement", "询问笔录一份（当事人陈述违法经过）",
                 "执法人员在本机关询问当事人时制作", workday_before(d, end - 1)) ||
        deliberated(d, s, *id, end))
        return d->e->code;
    return step(d, &d->officer, *id, "conclude", end, &a);
}

static int review(struct dc *d, int64_t id, day_t day)
{
    struct wf_args a = {.note = "事实清楚，证据确凿，适用依据正确，程序合法，处罚适当，同意"};
    return step(d, &d->legal, id, "review_pass", day, &a);
}

static int notify(struct dc *d, int64_t id, day_t day)
{
    struct wf_args a = {0};
    return step(d, &d->officer, id, "notify", day, &a);
}

static int decide(struct dc *d, const struct spec *s, int64_t id, day_t day)
{
    struct wf_args a = {.note = "当事人在规定期限内未提出陈述、申辩意见"};
    wf_arg_set(&a, "types", s->types);
    wf_arg_set(&a, "fine", s->fine);
    return step(d, &d->leader, id, "decide", day, &a);
}

/* ---- the cases ------------------------------------------------------------------------------ */

/* 待立案: referred today by the market regulator. */
static int case_registered(struct dc *d)
{
    static const struct spec s = {.subtype = "beauty_salon",
                                  .nth = 1,
                                  .line = "medical",
                                  .source = "referral",
                                  .summary = "区市场监督管理局移送：该店涉嫌由未取得医师资格的"
                                             "人员开展注射类医疗美容项目",
                                  .partner = 1};
    int64_t id;
    return registered(d, &s, d->work, &id);
}

/* 已立案 five working days ago with evidence, and a 证据先行登记保存 asked the working day before
 * the last and approved on the last: its 7 working days for the 处理决定 are running. */
static int case_filed(struct dc *d)
{
    static const struct spec s = {.subtype = "clinic",
                                  .nth = 1,
                                  .line = "medical",
                                  .source = "complaint",
                                  .summary = "使用非卫生技术人员从事医疗卫生技术工作",
                                  .partner = 1};
    day_t on = workdays_back(d, d->work, 5), asked = workdays_back(d, d->work, 1);
    int64_t id, keep;
    struct preservation_input p = {
        .items = "门诊日志｜1本\n处方笺｜32张\n一次性使用无菌注射器｜5ml｜20支",
        .place = "本机关证据保存室",
        .reason = "门诊日志和处方可能被涂改、销毁，以后难以取得",
        .requested_on = ds(d, asked)};
    struct wf_args ok = {.note = "同意先行登记保存", .date = ds(d, d->work)};
    if (filed(d, &s, on, &id) ||
        evidence(d, &s, id, "documentary", "门诊日志复印件12页、处方复印件8张",
                 "现场调取，当事人在复印件上签字确认", workday_before(d, on + 2)) ||
        preservation_add(&d->officer, id, &p, &keep, d->e))
        return d->e->code;
    return wf_take(&d->leader, &preservation_workflow, keep, "approve", &ok, NULL, d->e);
}

/* 调查终结 today with a fine of 10,000 元 or more: the legal review is required (第五十八条). */
static int case_awaiting_review(struct dc *d)
{
    static const struct spec s = {.subtype = "clinic",
                                  .nth = 2,
                                  .line = "medical",
                                  .source = "assigned",
                                  .summary = "中医诊所超出备案范围开展针刀、埋线等医疗活动",
                                  .partner = 4,
                                  .item = "QT-CF-001",
                                  .level = "一般",
                                  .types = "fine",
                                  .fine = "12000"};
    int64_t id;
    return concluded(d, &s, workday_before(d, d->today - 20), d->work, &id);
}

/* 已告知 on the last working day before today: the 3 working days of defence are running. */
static int case_notified(struct dc *d)
{
    static const struct spec s = {.subtype = "clinic",
                                  .nth = 3,
                                  .line = "infectious",
                                  .source = "monitoring",
                                  .summary = "未对医疗废物进行登记，登记资料保存不足3年",
                                  .partner = 1,
                                  .item = "CR-CF-001",
                                  .level = "较重",
                                  .types = "fine",
                                  .fine = "3000"};
    day_t told = workday_before(d, d->today - 1);
    int64_t id;
    if (concluded(d, &s, workday_before(d, d->today - 25), workday_before(d, told - 2), &id))
        return d->e->code;
    return notify(d, id, told);
}

/* 已安排听证: a fine of 150,000 元 gives the right to a hearing (第六十三条); asked the working day
 * after the notice, set today for ten working days on (第六十四条). */
static int case_hearing_set(struct dc *d)
{
    static const struct spec s = {.subtype = "clinic",
                                  .nth = 4,
                                  .line = "infectious",
                                  .source = "complaint",
                                  .summary = "未经指定擅自从事免疫规划疫苗接种工作",
                                  .partner = 5,
                                  .item = "CR-CF-004",
                                  .level = "一般",
                                  .types = "warning,fine",
                                  .fine = "150000"};
    day_t told = workday_before(d, d->work - 1), reviewed = workday_before(d, told - 1), day;
    int64_t id;
    if (concluded(d, &s, workday_before(d, d->today - 30), workday_before(d, reviewed - 1), &id) ||
        review(d, id, reviewed) || notify(d, id, told) ||
        calendar_add_workdays(d->c->cal, d->work, 10, &day, d->e))
        return d->e->code;
    struct wf_args ask = {.note = "当事人对拟处罚款数额有异议，要求举行听证"};
    wf_arg_set(&ask, "how", "written");
    if (step(d, &d->officer, id, "request_hearing", d->work, &ask)) return d->e->code;
    struct wf_args set = {0};
    wf_arg_set(&set, "hearing_on", ds(d, day));
    wf_arg_set(&set, "hearing_time", "上午9时30分");
    wf_arg_set(&set, "place", "常州市武进区卫生健康局三楼听证室");
    wf_arg_set(&set, "chair", arena_printf(d->c->arena, "%lld", (long long)d->chair));
    wf_arg_set(&set, "publicity", "public");
    return step(d, &d->leader, id, "set_hearing", d->work, &set);
}

/* 已听证 and reviewed since (第五十八条): a citizen practising without a licence, fined 20,000 元
 * (the right to a hearing from 5,000 元 for a citizen); the hearing on the last working day before
 * the review, its notice 7 working days before it. */
static int case_heard(struct dc *d)
{
    static const struct spec s = {.citizen = "周某某",
                                  .line = "medical",
                                  .source = "complaint",
                                  .summary =
                                      "未取得医师执业证书，在出租屋内为他人输液（非医师行医）",
                                  .partner = 6,
                                  .item = "YL-CF-005",
                                  .level = "一般",
                                  .types = "confiscation,fine",
                                  .fine = "20000"};
    day_t held = workday_before(d, d->work - 1), set = latest_start(d, held, 7);
    day_t told = workday_before(d, set - 1), reviewed = workday_before(d, told - 1);
    int64_t id;
    struct wf_args ask = {.note = "当事人书面要求举行听证"}, when = {0}, rec = {0};
    wf_arg_set(&ask, "how", "written");
    wf_arg_set(&when, "hearing_on", ds(d, held));
    wf_arg_set(&when, "hearing_time", "下午2时30分");
    wf_arg_set(&when, "place", "常州市武进区卫生健康局三楼听证室");
    wf_arg_set(&when, "chair", arena_printf(d->c->arena, "%lld", (long long)d->chair));
    wf_arg_set(&when, "publicity", "public");
    wf_arg_set(&rec, "outcome", "held");
    wf_arg_set(&rec, "recorder", "法制科 书记员");
    wf_arg_set(&rec, "participants", "当事人周某某及其委托代理人，调查人员二名");
    wf_arg_set(&rec, "charges",
               "当事人未取得医师执业证书为他人输液，有现场笔录、询问笔录为证，"
               "建议没收违法所得并处罚款2万元");
    wf_arg_set(&rec, "defence", "当事人承认违法事实，称系初次，请求从轻处罚");
    if (concluded(d, &s, workday_before(d, d->today - 45), workday_before(d, reviewed - 1), &id) ||
        review(d, id, reviewed) || notify(d, id, told) ||
        step(d, &d->officer, id, "request_hearing", set, &ask) ||
        step(d, &d->leader, id, "set_hearing", set, &when))
        return d->e->code;
    /* the chair (the leader) records the hearing */
    if (step(d, &d->leader, id, "hold_hearing", held, &rec)) return d->e->code;
    return review(d, id, d->work);
}

/* The case of s decided on day, notified CASE_STATEMENT_DAYS working days or more before (the
 * 3 working days of defence, 第四十五条), filed five weeks before. */
static int decided_on(struct dc *d, const struct spec *s, day_t day, int64_t *id)
{
    day_t told = latest_start(d, day - 1, CASE_STATEMENT_DAYS);
    if (concluded(d, s, workday_before(d, day - 35), workday_before(d, told - 2), id) ||
        notify(d, *id, told))
        return d->e->code;
    return decide(d, s, *id, day);
}

/* The 行政处罚决定书 of case id served on the party by direct service on day (第六十一条). */
static int serve(struct dc *d, int64_t id, const char *recipient, day_t day)
{
    int64_t doc = 0;
    if (db_get_int(d->c->db, d->e, &doc,
                   "SELECT id FROM document WHERE object_type = 'case' AND object_id = ?"
                   " AND type = 'penalty_decision' ORDER BY id DESC LIMIT 1",
                   "i", id))
        return d->e->code;
    struct wf_args a = {0};
    wf_arg_set(&a, "document", arena_printf(d->c->arena, "%lld", (long long)doc));
    wf_arg_set(&a, "method", "direct");
    wf_arg_set(&a, "recipient", recipient);
    wf_arg_set(&a, "relation", "法定代表人");
    wf_arg_set(&a, "place", "当事人经营场所");
    wf_arg_set(&a, "server", "案件承办人员二名");
    wf_arg_set(&a, "signer", recipient);
    return step(d, &d->officer, id, "serve", day, &a);
}

/* A payment of amount 元 of the fine of case id at the bank on day, its receipt no. */
static int pay(struct dc *d, int64_t id, const char *amount, const char *receipt, day_t day)
{
    struct wf_args a = {0};
    wf_arg_set(&a, "kind", "fine");
    wf_arg_set(&a, "amount", amount);
    wf_arg_set(&a, "how", "bank");
    wf_arg_set(&a, "receipt_no", receipt);
    return step(d, &d->officer, id, "pay", day, &a);
}

/* The party's name of case id (arena), or NULL on a failure. */
static const char *party_name(struct dc *d, int64_t id)
{
    const char *name = NULL;
    struct db_stmt *st =
        db_query(d->c->db, d->e, "SELECT party_name FROM penalty_case WHERE id = ?", "i", id);
    if (st && db_step(st, d->e) == DB_ROW) name = arena_strdup(d->c->arena, db_text(st, 0));
    db_done(st);
    if (!name && !d->e->code)
        err_set(d->e, ERR_INTERNAL, "演示案件 %lld 没有当事人", (long long)id);
    return name;
}

/* Decided on the last working day, after the 3 working days of defence (第四十五条). */
static int case_decided(struct dc *d)
{
    static const struct spec s = {.subtype = "clinic",
                                  .nth = 5,
                                  .line = "infectious",
                                  .source = "complaint",
                                  .summary = "重复使用一次性使用医疗用品",
                                  .partner = 4,
                                  .item = "CR-CF-003",
                                  .level = "较重",
                                  .types = "fine",
                                  .fine = "3000"};
    day_t told = latest_start(d, d->work - 1, CASE_STATEMENT_DAYS);
    int64_t id;
    if (concluded(d, &s, workday_before(d, d->today - 35), workday_before(d, told - 2), &id) ||
        notify(d, id, told))
        return d->e->code;
    return decide(d, &s, id, d->work);
}

/* A major case (第五十七条): reviewed, notified, discussed by the leaders and decided. */
static int case_major(struct dc *d)
{
    static const struct spec s = {.subtype = "clinic",
                                  .nth = 6,
                                  .line = "medical",
                                  .source = "assigned",
                                  .summary = "医师未按照注册的执业地点、执业范围执业，开展未经"
                                             "登记的诊疗科目",
                                  .partner = 5,
                                  .item = "YL-CF-004",
                                  .level = "严重",
                                  .types = "warning,fine",
                                  .fine = "28000",
                                  .major = true};
    day_t told = latest_start(d, d->work - 1, CASE_HEARING_REQUEST_DAYS);
    day_t reviewed = workday_before(d, told - 1);
    int64_t id;
    struct wf_args talk = {0};
    wf_arg_set(&talk, "participants", "局长、分管副局长、法制科科长、医疗卫生监督科科长");
    wf_arg_set(&talk, "opinions", "违法事实清楚，情节严重，同意给予警告，并处罚款2.8万元");
    wf_arg_set(&talk, "conclusion", "penalise");
    if (concluded(d, &s, workday_before(d, d->today - 40), workday_before(d, reviewed - 1), &id) ||
        review(d, id, reviewed) || notify(d, id, told) ||
        step(d, &d->leader, id, "discuss", d->work, &talk))
        return d->e->code;
    return decide(d, &s, id, d->work);
}

/* 不予行政处罚: a first offence with slight harm, corrected at once (首违不罚, 第三十三条). */
static int case_not_penalised(struct dc *d)
{
    static const struct spec s = {.subtype = "village_clinic",
                                  .line = "infectious",
                                  .source = "other",
                                  .summary = "感染性废物与生活垃圾混放，未按类别分置于专用包装物",
                                  .partner = 1,
                                  .item = "CR-CF-002",
                                  .level = "轻微",
                                  .types = "warning"};
    day_t end = workday_before(d, d->work - 2);
    int64_t id;
    struct wf_args a = {.note = "当事人系初次违法，危害后果轻微，已当场改正"};
    wf_arg_set(&a, "ground", "first");
    wf_arg_set(&a, "conditions", "first_time,minor_harm,corrected");
    wf_arg_set(&a, "education",
               "向当事人宣讲《医疗废物管理条例》有关规定，当事人表示今后依法分类"
               "收集医疗废物");
    if (concluded(d, &s, workday_before(d, end - 10), end, &id)) return d->e->code;
    return step(d, &d->leader, id, "decide_none", d->work, &a);
}

/* 简易程序: a warning and 500 元 decided on the spot (第五十一条). */
static int case_on_the_spot(struct dc *d)
{
    static const struct spec s = {.subtype = "hotel", .nth = 1, .partner = 1, .item = "GG-CF-002"};
    int64_t item = power_item_find(d->c, d->province, s.item, d->e), id;
    struct case_summary_input in = {
        .source = "other",
        .line = "public_place",
        .entity_id = party(d, &s),
        .place = "该宾馆前台及客房部",
        .act_on = ds(d, d->work),
        .summary = "安排1名未获得有效健康合格证明的从业人员从事直接为顾客服务工作",
        .item = arena_printf(d->c->arena, "%lld", (long long)item),
        .types = "警告、罚款",
        .fine = "500",
        .officers = team(d, s.partner),
        .decided_on = ds(d, d->work)};
    if (d->e->code || item <= 0)
        return d->e->code ? d->e->code : err_set(d->e, ERR_INTERNAL, "权责清单中没有 GG-CF-002");
    return case_summary_add(&d->officer, &in, &id, d->e);
}

/* n working days after day (day itself on a failure, d->e set). */
static day_t workdays_after(struct dc *d, day_t day, int n)
{
    day_t end = day;
    return calendar_add_workdays(d->c->cal, day, n, &end, d->e) ? day : end;
}

/* Review case id (closed) as the auditor today: every item of the rubric full but the first of
 * its second part, two points off with the finding, then completed (案卷评查). */
static int audited(struct dc *d, int64_t id)
{
    int64_t review;
    if (file_review_add(&d->auditor, id, 0, &review, d->e)) return d->e->code;
    json_t *rubric = file_review_rubric(&d->auditor, d->e);
    if (!rubric) return d->e->code;
    size_t n = 0, i, j, cap = 0;
    json_t *sec, *it;
    json_array_foreach(json_object_get(rubric, "sections"), i, sec)
    {
        cap += json_array_size(json_object_get(sec, "items"));
    }
    struct file_review_mark *m = arena_alloc(d->c->arena, (cap ? cap : 1) * sizeof *m);
    json_array_foreach(json_object_get(rubric, "sections"), i, sec)
    {
        json_array_foreach(json_object_get(sec, "items"), j, it)
        {
            json_int_t max = json_integer_value(json_object_get(it, "max"));
            bool off = i == 1 && j == 0 && max > 2;
            m[n++] = (struct file_review_mark){
                .item = arena_strdup(d->c->arena, json_string_value(json_object_get(it, "code"))),
                .score = arena_printf(d->c->arena, "%lld", (long long)(off ? max - 2 : max)),
                .finding = off ? "询问笔录未注明询问的起止时间" : NULL};
        }
    }
    json_decref(rubric);
    struct wf_args a = {0};
    if (file_review_save(&d->auditor, review, m, n, "案卷材料齐全，文书规范，个别笔录要素不全",
                         d->e))
        return d->e->code;
    return wf_take(&d->auditor, &file_review_workflow, review, "complete", &a, NULL, d->e);
}

/* The recordings of case id's key steps (现场笔录, 询问笔录, 送达, 听证: the pre-closing check
 * asks for them), each a small scan taken on day at 10:00 by the officer account. */
static int record_key_steps(struct dc *d, int64_t id, day_t day)
{
    static const char scan[] =
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n"
        "%%EOF\n";
    char taken[DATE_STRLEN + 8];
    date_format(day, taken);
    strcat(taken, " 10:00");
    struct db_stmt *st =
        db_query(d->c->db, d->e,
                 "SELECT 'evidence:' || CAST(id AS TEXT) FROM case_evidence WHERE case_id = ?"
                 " AND (inquiry_person IS NOT NULL OR site_time IS NOT NULL)"
                 " UNION ALL SELECT 'step:' || CAST(id AS TEXT) FROM wf_step WHERE kind = 'case'"
                 " AND object_id = ? AND action IN ('serve', 'hold_hearing')",
                 "ii", id, id);
    json_t *parts = json_array();
    while (st && db_step(st, d->e) == DB_ROW)
        json_array_append_new(parts, json_string(db_text(st, 0)));
    db_done(st);
    size_t i;
    json_t *p;
    json_array_foreach(parts, i, p)
    {
        char upload[BLOB_ID_HEX];
        struct recording_in in = {.upload = upload,
                                  .object_type = "case",
                                  .object_id = id,
                                  .part = json_string_value(p),
                                  .officer_id = d->first_officer,
                                  .taken_at = taken,
                                  .description = "执法记录（演示）"};
        int64_t rec;
        if (d->e->code ||
            recording_upload_bytes(&d->officer, scan, sizeof scan - 1, "记录.pdf", upload, d->e) ||
            recording_add(&d->officer, &in, &rec, d->e))
            break;
    }
    json_decref(parts);
    return d->e->code;
}

/* 已结案 and audited: decided three weeks ago, served the next working day, the fine paid in full
 * three working days later, the file closed by the leader (the pre-closing check finding nothing
 * lacking) and reviewed by the auditor, who handled nothing of it. */
static int case_closed(struct dc *d)
{
    static const struct spec s = {.subtype = "clinic",
                                  .nth = 7,
                                  .line = "infectious",
                                  .source = "monitoring",
                                  .summary = "未按规定对医疗器械进行消毒，消毒记录不全",
                                  .partner = 2,
                                  .item = "CR-CF-003",
                                  .level = "较重",
                                  .types = "fine",
                                  .fine = "3000"};
    day_t closed = d->work, paid = workdays_back(d, closed, 2), served = workdays_back(d, paid, 3);
    day_t on = workdays_back(d, served, 1);
    int64_t id;
    struct wf_args a = {.note = "当事人已按期缴纳全部罚款，行政处罚决定执行完毕，案卷材料齐全，"
                                "建议结案"};
    if (decided_on(d, &s, on, &id) || serve(d, id, "诊所负责人", served) ||
        pay(d, id, "3000", "JK-2026-0318", paid) || record_key_steps(d, id, served) ||
        step(d, &d->leader, id, "close", closed, &a))
        return d->e->code;
    return audited(d, id);
}

/* 分期缴纳: decided two weeks ago and served, the party's application for instalments approved
 * by the leader (第六十六条), the first instalment paid, the second due in two months. */
static int case_instalments(struct dc *d)
{
    static const struct spec s = {.subtype = "clinic",
                                  .nth = 8,
                                  .line = "medical",
                                  .source = "complaint",
                                  .summary = "使用未取得处方权的人员开具处方",
                                  .partner = 3,
                                  .item = "CR-CF-003",
                                  .level = "较重",
                                  .types = "fine",
                                  .fine = "3000"};
    day_t paid = workdays_back(d, d->work, 1), asked = workdays_back(d, paid, 2);
    day_t served = workdays_back(d, asked, 1), on = workdays_back(d, served, 1);
    day_t first = workdays_after(d, asked, 3);
    int64_t id;
    struct wf_args a = {.note = "当事人诊所规模小，近期营业收入下降，一次缴纳确有困难"};
    wf_arg_set(&a, "kind", "instalments");
    wf_arg_set(&a, "applied_on", ds(d, asked));
    wf_arg_set(&a, "schedule",
               arena_printf(d->c->arena, "%s 1000\n%s 2000", ds(d, first), ds(d, d->today + 60)));
    if (decided_on(d, &s, on, &id) || serve(d, id, "诊所负责人", served) ||
        step(d, &d->leader, id, "defer", asked, &a))
        return d->e->code;
    return pay(d, id, "1000", "JK-2026-0352", paid);
}

/* 行政复议 pending: decided ten days ago and served; the party applied to the county's
 * government two working days later and the legal officer registered it. */
static int case_reconsidered(struct dc *d)
{
    static const struct spec s = {.subtype = "clinic",
                                  .nth = 9,
                                  .line = "infectious",
                                  .source = "assigned",
                                  .summary = "未按规定报告传染病疫情",
                                  .partner = 2,
                                  .item = "CR-CF-003",
                                  .level = "较重",
                                  .types = "fine",
                                  .fine = "3000"};
    day_t received = workdays_back(d, d->work, 1), applied = workdays_back(d, received, 1);
    day_t served = workdays_back(d, applied, 2), on = workdays_back(d, served, 1);
    int64_t id, remedy;
    if (decided_on(d, &s, on, &id) || serve(d, id, "诊所负责人", served)) return d->e->code;
    const char *applicant = party_name(d, id);
    if (!applicant) return d->e->code;
    struct remedy_input in = {.kind = "reconsideration",
                              .known_on = ds(d, served),
                              .filed_on = ds(d, applied),
                              .received_on = ds(d, received),
                              .body = "常州市武进区人民政府",
                              .applicant = applicant,
                              .claims = "撤销行政处罚决定"};
    return remedy_add(&d->legal, id, &in, &remedy, d->e);
}

/* 涉嫌犯罪移送: a citizen's unlicensed practice harming a patient, filed a week ago, reported
 * by the investigator, approved by the leader and sent to the police (行政执法机关移送涉嫌犯罪
 * 案件的规定). */
static int case_referred(struct dc *d)
{
    static const struct spec s = {.citizen = "吴某某",
                                  .line = "medical",
                                  .source = "complaint",
                                  .summary = "未取得医师执业证书，在居民楼内为他人静脉输液，"
                                             "致一名就诊人严重不良反应",
                                  .partner = 3};
    day_t approved = workdays_back(d, d->work, 1), reported = workdays_back(d, approved, 1);
    day_t on = workdays_back(d, reported, 3);
    int64_t id, referral;
    struct referral_input in = {.crime = "非法行医罪",
                                .facts = "未取得医生执业资格非法行医，造成就诊人身体严重损害",
                                .persons = "吴某某｜320412198503150018",
                                .goods = "一次性注射器｜5ml｜20支\n输液器｜10套",
                                .organ = "常州市公安局武进分局",
                                .reported_on = ds(d, reported)};
    struct wf_args ok = {.note = "同意移送"},
                   sent = {.note = "涉嫌犯罪案件调查报告、涉案物品清单、现场笔录、询问笔录、"
                                   "就诊人病历资料复印件"};
    wf_arg_set(&sent, "receipt", "常州市公安局武进分局 刘某签收");
    if (filed(d, &s, on, &id) || referral_add(&d->officer, id, &in, &referral, d->e))
        return d->e->code;
    ok.date = ds(d, approved);
    sent.date = ds(d, d->work);
    if (wf_take(&d->leader, &referral_workflow, referral, "approve", &ok, NULL, d->e))
        return d->e->code;
    return wf_take(&d->officer, &referral_workflow, referral, "send", &sent, NULL, d->e);
}

/* ---- the whole ------------------------------------------------------------------------------ */

static int dc_open(struct dc *d, struct ctx *c, struct err *e)
{
    *d = (struct dc){.c = c, .e = e, .today = date_from_instant(c->now)};
    d->work = workday_before(d, d->today);
    if (demo_as(c, "officer", &d->who[0], &d->officer, e) ||
        demo_as(c, "leader", &d->who[1], &d->leader, e) ||
        demo_as(c, "legal", &d->who[2], &d->legal, e) ||
        demo_as(c, "auditor", &d->who[3], &d->auditor, e) ||
        agency_find(c, "320000", &d->province, NULL, e) ||
        db_get_int(c->db, e, &d->first_officer,
                   "SELECT COALESCE(officer_id, 0) FROM app_user WHERE username = 'officer'", ""))
        return e->code;
    d->chair = d->who[1].user_id;
    return d->first_officer ? 0 : err_set(e, ERR_INTERNAL, "演示账号 officer 没有关联执法人员");
}

int demo_cases(struct ctx *c, struct err *e)
{
    static int (*const cases[])(struct dc *) = {
        case_registered,    case_filed,       case_awaiting_review, case_notified,
        case_hearing_set,   case_heard,       case_decided,         case_major,
        case_not_penalised, case_on_the_spot, case_closed,          case_instalments,
        case_reconsidered,  case_referred,
    };
    struct dc d;
    if (dc_open(&d, c, e)) return e->code;
    for (size_t i = 0; i < countof(cases); i++)
        if (cases[i](&d)) return e->code ? e->code : err_set(e, ERR_INTERNAL, "演示案件失败");
    return 0;
}
