/* rules.c — the register of the rules landun enforces: one table, in area order. A parameter's
 * default is the macro the enforcing code uses, so the register cannot drift from the code. */
#include "law/rules.h"
#include "base/jpack.h"
#include "base/util.h"
#include "law/auth.h"
#include "law/draw.h"
#include "law/enforce.h"
#include "law/inspection.h"
#include "law/officer.h"
#include "law/task.h"
#include "law/complaint.h"
#include "law/petition.h"

#include <stdio.h>
#include <string.h>

#define PARAMS(...) ((const struct rule_param[]){__VA_ARGS__, {NULL, NULL, 0, NULL}})

#define LAW_PUNISH "《行政处罚法》"
#define LAW_OWN    "本系统规则" /* the program's own policy, not a law */

static const struct rule_area areas[] = {
    {"OFF", "执法人员与执法资格"},
    {"INSP", "监督检查"},
    {"PLAN", "抽查事项与抽查计划"},
    {"DRAW", "随机抽取"},
    {"TASK", "抽查任务"},
    {"CMP", "投诉举报"},
    {"PET", "信访"},
    {"CAL", "期限计算"},
    {"DOC", "执法文书"},
    {"ENT", "管理相对人"},
    {"AUTH", "账户、权限与个人信息"},
    {"AUDIT", "操作日志"},
};

static const struct rule rules[] = {
    /* ---- OFF -------------------------------------------------------------------------------- */
    {"R-OFF-01", LAW_PUNISH, "第四十二条",
     "执法人员须持有在有效期内的行政执法证：发证日期之前、有效期届满之后均不得执法。", NULL},
    {"R-OFF-02", LAW_PUNISH, "第四十二条", "执法证被暂停使用或已注销的执法人员不得执法。", NULL},
    {"R-OFF-03", LAW_PUNISH, "第四十二条",
     "上一年度的执法证年审到期后，未完成或未通过年审的执法人员不得执法；年审年度之后发证的不需该次"
     "年审。",
     PARAMS({"review_due_month", "年审截止月份（次年）", REVIEW_DUE_MONTH, "月"},
            {"review_due_day", "年审截止日", REVIEW_DUE_DAY, "日"})},
    {"R-OFF-04", LAW_OWN, "", "执法人员状态改为暂停或注销时，须写明原因。", NULL},
    {"R-OFF-05", LAW_OWN, "", "同一执法证号、同一身份证号在执法人员名录中只能登记一次。", NULL},
    {"R-OFF-06", LAW_OWN, "", "执法证即将到期的，执法人员名录和详情中予以提示。",
     PARAMS({"cert_expiry_warn", "到期前提示天数", CERT_EXPIRY_WARN_DAYS, "天"})},

    /* ---- INSP ------------------------------------------------------------------------------- */
    {"R-INSP-01", LAW_PUNISH, "第四十二条",
     "执法须由两名以上执法人员进行；同一执法人员重复选择只计一次。",
     PARAMS({"min_officers", "最少执法人员", ENFORCE_MIN_OFFICERS, "名"})},
    {"R-INSP-02", LAW_PUNISH, "第四十二条",
     "参加检查的每名执法人员须在检查当日具备执法资格，并属于本机构管辖范围或该任务抽取的检查组。",
     NULL},
    {"R-INSP-03", LAW_PUNISH, "第四十三条",
     "在被检查单位回避名单中的执法人员，不得参加对该单位的检查。", NULL},
    {"R-INSP-04", LAW_PUNISH, "第四十三条", "将执法人员列入某单位的回避名单，须写明回避理由。",
     NULL},
    {"R-INSP-05", LAW_PUNISH, "第五十五条",
     "每次检查制作现场笔录，其编号在保存检查记录的同一事务中取得。", NULL},
    {"R-INSP-06", LAW_OWN, "", "责令整改须写明晚于检查日期的整改期限，并出具卫生监督意见书。",
     NULL},
    {"R-INSP-07", LAW_OWN, "",
     "检查结论须与检查结果一致：有不符合项的不能为“合格”，责令整改或建议立案的须写明发现的问题或标"
     "出不符合项。",
     NULL},
    {"R-INSP-08", LAW_OWN, "",
     "检查的专业须是被检查单位的专业之一，检查事项须取自该专业的检查表，每项只填写一次。", NULL},
    {"R-INSP-09", LAW_OWN, "", "检查日期不能晚于今天。", NULL},
    {"R-INSP-10", LAW_OWN, "",
     "复查须针对同一单位、同一专业、尚未复查的责令整改检查，日期不早于原检查并写明是否已改正；未改"
     "正的，复查结论不能为“合格”。",
     NULL},
    {"R-INSP-11", LAW_OWN, "", "整改期限已过而未复查的责令整改列为逾期，即将到期的列为临期。",
     PARAMS({"due_soon", "临期天数", INSPECTION_DUE_SOON, "天"})},
    {"R-INSP-12", LAW_OWN, "",
     "专项检查须在专项期间内、限于专项的专业；被检查单位不在专项对象名单中的，须说明检查原因。",
     NULL},

    /* ---- PLAN ------------------------------------------------------------------------------- */
    {"R-PLAN-01", "国办发〔2024〕54号", "",
     "随机抽查只检查已公布的抽查事项：计划只能选用本专业已公布的事项，公布抽取承诺时事项须仍在公布"
     "中。",
     NULL},
    {"R-PLAN-02", LAW_OWN, "", "已公布的抽查事项不能修改，须先撤回公布。", NULL},
    {"R-PLAN-03", LAW_OWN, "",
     "抽查计划的层级与制定机构的级别一致（或为部门联合计划），任何机构都不能制定国家级计划。",
     NULL},
    {"R-PLAN-04", LAW_OWN, "",
     "计划的完成期限不能早于开始日期；完成期限已过的计划不能保存、公布抽取承诺或抽取。", NULL},
    {"R-PLAN-05", LAW_OWN, "",
     "公布抽取承诺后计划不能修改或删除；撤回承诺须写明理由，曾公布的承诺永久保留并公示。", NULL},

    /* ---- DRAW ------------------------------------------------------------------------------- */
    {"R-DRAW-01", "国办发〔2015〕58号", "",
     "抽取前公布承诺：抽取池冻结为按编号排序的快照并公布其SHA-"
     "256值和种子来源，抽取只按冻结的抽取池进行，与承诺不符的不能抽取。",
     NULL},
    {"R-DRAW-02", "国办发〔2015〕58号", "",
     "抽取结果由公布的种子按公开的算法（landun-draw-"
     "v1）唯一确定，任何人都可以据快照和种子重新计算核对。",
     NULL},
    {"R-DRAW-03", "国办发〔2015〕58号", "",
     "按比例抽取的户数向上取整（比例是最低比例），按数量抽取的不超过抽取池户数。", NULL},
    {"R-DRAW-04", LAW_PUNISH, "第四十二条",
     "每户的检查组由计划规定人数的不同执法人员组成，每人须在计划日期具备执法资格且专业相符。",
     PARAMS({"team_size", "检查组人数", ENFORCE_MIN_OFFICERS, "名"},
            {"team_size_max", "检查组人数上限", DRAW_MAX_TEAM, "名"})},
    {"R-DRAW-05", LAW_PUNISH, "第四十三条", "检查组不得包括该单位回避名单中的执法人员。", NULL},
    {"R-DRAW-06", "国办发〔2015〕58号", "",
     "检查组尽量与该单位上次随机抽查的检查组不同；没有其他可选人员时沿用，并予以提示。", NULL},
    {"R-DRAW-07", LAW_OWN, "",
     "计划可规定每名执法人员的任务上限（含其他计划未完成的任务），达到上限的不再抽取。",
     PARAMS({"officer_cap", "每人任务上限（0为不设上限）", DRAW_OFFICER_CAP_DEFAULT, "项"})},
    {"R-DRAW-08", "国办发〔2024〕54号", "",
     "抽中的单位本年度在同一层级受到的检查（不含投诉核查、复查）将超过年度上限的，抽取时予以警告，"
     "不拒绝。",
     PARAMS({"entity_cap", "每户年度抽查上限", DRAW_ENTITY_CAP_DEFAULT, "次"})},
    {"R-DRAW-09", LAW_PUNISH, "第四十二条",
     "在种子产生之前已可知无法组成检查组的（可执法人员不足、任务上限不够），不能公布抽取承诺。",
     NULL},
    {"R-DRAW-10", LAW_OWN, "",
     "抽取时有单位无法组成检查组的，不保存抽取结果，但该次抽取及其种子记录并公示，只说明原因，不公"
     "开抽中的单位。",
     NULL},
    {"R-DRAW-11", LAW_OWN, "", "公示的抽取池和抽取结果中，自然人的姓名只显示第一个字（张三→张*）。",
     NULL},

    /* ---- TASK ------------------------------------------------------------------------------- */
    {"R-TASK-01", "国办发〔2015〕58号", "",
     "抽查任务只能通过对该单位、该专业的检查完成，由抽取的检查组全体实施，任务须处于“待检查”状态。",
     NULL},
    {"R-TASK-02", "国发〔2019〕5号", "",
     "检查结果自检查之日起按工作日计算的期限内公示；逾期公示或逾期未公示的标为逾期。",
     PARAMS({"publish_days", "结果公示期限", TASK_PUBLISH_DAYS, "个工作日"})},
    {"R-TASK-03", LAW_OWN, "",
     "认定“无法检查”须选择停业、关闭（注销）、查无此户或其他；选择“其他”的须写明具体情况。", NULL},
    {"R-TASK-04", LAW_OWN, "",
     "只有该任务检查组的执法人员或本机构负责人可以认定“无法检查”，系统管理员也不可以。", NULL},
    {"R-TASK-05", LAW_OWN, "",
     "完成率 = 已检查 ÷ 任务数，完结率 =（已检查 + 无法检查）÷ "
     "任务数，以百分数四舍五入保留两位小数。",
     NULL},
    {"R-TASK-06", LAW_OWN, "",
     "任务各步骤的日期不能晚于今天，也不能早于计划开始日期；公示日期不能早于检查日期。", NULL},

    /* ---- CMP -------------------------------------------------------------------------------- */
    {"R-CMP-01", "《信访工作条例》", "第二十三条（参照）",
     "收到投诉举报后，在受理期限内决定受理、不予受理（写明理由）、转办或合并；期限自收到之日起按日"
     "历日"
     "计算，可由管理员调整。",
     PARAMS({"decide_days", "受理期限", COMPLAINT_DECIDE_DAYS, "日"})},
    {"R-CMP-02", "《信访工作条例》", "第三十四条（参照）",
     "受理的投诉举报在办理期限内核查并答复投诉人；期限自受理之日起计算，可由管理员调整。",
     PARAMS({"handle_days", "办理期限", COMPLAINT_HANDLE_DAYS, "日"})},
    {"R-CMP-03", LAW_PUNISH, "第四十三条",
     "投诉举报交由本机构及其下级的在岗执法人员承办；涉及某执法人员的投诉，不得交其本人承办，也不向"
     "其"
     "本人显示。",
     NULL},
    {"R-CMP-04", LAW_OWN, "", "核查结果和答复只能由承办人或负责人录入。", NULL},
    {"R-CMP-05", LAW_OWN, "", "办结后记录一次满意度评价（投诉人凭查询码或由受理员记录）。", NULL},
    {"R-CMP-06", LAW_OWN, "",
     "投诉举报人的姓名和联系方式加密保存，只向登记、受理和承办该件的工作人员显示，不出现在公开页面"
     "、"
     "操作日志和导出中。",
     NULL},
    {"R-CMP-07", LAW_OWN, "",
     "可调整的期限在期限开始时按当时的设置计算，此后修改设置不改变已开始的期限。", NULL},
    {"R-CMP-08", LAW_OWN, "",
     "12345工单按工单编号在本机构只登记一次：导入时已登记过的工单跳过并列出，不作为错误。", NULL},

    {"R-CMP-09", LAW_OWN, "",
     "办结率 = 已办结 ÷ 已受理；按期受理率、按期办结率 = 在期限内完成的 ÷ 已完成的；满意率 =（满意 "
     "+ "
     "基本满意）÷ 已评价；均以收到日期所在期间统计。",
     NULL},
    {"R-CMP-10", LAW_OWN, "",
     "统计期间中的整月按随投诉举报办理同步累计的计数求和，其余日期按投诉举报逐件统计；两种算法结果"
     "一致"
     "。",
     NULL},

    /* ---- PET -------------------------------------------------------------------------------- */
    {"R-PET-01", "《信访工作条例》", "第二十三条",
     "收到信访事项之日起在受理告知期限内决定受理、不予受理（书面告知理由）或转送；期限按日历日计算"
     "，"
     "最后一日是法定休假日的顺延，可由管理员调整。",
     PARAMS({"decide_days", "受理告知期限", PETITION_DECIDE_DAYS, "日"})},
    {"R-PET-02", "《信访工作条例》", "第三十四条",
     "信访事项自受理之日起在办理期限内办结，出具处理意见书；期限可由管理员调整。",
     PARAMS({"handle_days", "办理期限", PETITION_HANDLE_DAYS, "日"})},
    {"R-PET-03", "《信访工作条例》", "第三十四条",
     "情况复杂的，经负责人批准可以延长办理期限一次，延长不超过30日，并出具延期办理告知书告知信访人"
     "延期理由；延长后办理期限自受理之日起重新计算，保留原届满日期。",
     PARAMS({"extend_max", "延长期限上限", PETITION_EXTEND_MAX, "日"})},
    {"R-PET-04", "《信访工作条例》", "第三十五条",
     "信访人对处理意见不服的，可以自收到之日起30日内请求复查，逾期的请求不予登记；复查机关自收到"
     "复查请求之日起30日内提出复查意见。",
     PARAMS({"review_days", "复查请求和答复期限", PETITION_REVIEW_DAYS, "日"})},
    {"R-PET-05", "《信访工作条例》", "第三十六条",
     "信访人对复查意见不服的，可以自收到之日起30日内请求复核；复核机关自收到复核请求之日起30日内"
     "提出复核意见，复核后该信访事项终结。",
     PARAMS({"recheck_days", "复核请求和答复期限", PETITION_REVIEW_DAYS, "日"})},
    {"R-PET-06", "《信访工作条例》", "第三十六条",
     "已经复核终结的信访事项，信访人以同一事实和理由再次提出的，不再受理。", NULL},
    {"R-PET-07", LAW_OWN, "",
     "信访人的姓名和联系方式加密保存，只向登记、受理、包案和承办该件的工作人员显示，不出现在操作日"
     "志"
     "中；来信、来访、来电须登记信访人，只有网上信访可以匿名。",
     NULL},
    {"R-PET-08", LAW_OWN, "",
     "实质为投诉举报的信访事项转为投诉举报办理：以信访内容和信访人登记投诉举报，信访事项终结，两者"
     "互相关联。",
     NULL},
    {"R-PET-09", LAW_OWN, "",
     "办结率 =（已办结 + 已复核终结）÷ 已受理；按期受理率、按期办结率 = 在期限内完成的 ÷ 已完成的；"
     "满意率 =（满意 + 基本满意）÷ 已评价；均以收到日期所在期间统计。",
     NULL},
    {"R-PET-10", LAW_OWN, "",
     "受理的信访事项实行领导包案：包案领导须为本机构或下级机构的负责人，承办人须为执法人员或负责人"
     "；"
     "处理、复查和复核意见由承办人、包案领导或负责人出具。",
     NULL},

    /* ---- CAL -------------------------------------------------------------------------------- */
    {"R-CAL-01", LAW_PUNISH, "第八十五条",
     "二日、三日、五日、七日等期限按工作日计算：周一至周五，除去当年国务院办公厅通知的节假日，加上"
     "调休上班日。",
     NULL},
    {"R-CAL-02", "《民法典》", "第二百零一条", "期间开始的当日不计入，自下一日开始计算。", NULL},
    {"R-CAL-03", "《民法典》", "第二百零三条",
     "期间的最后一日是法定休假日的，以休假日结束的次日为期间的最后一日。", NULL},
    {"R-CAL-04", "《全国年节及纪念日放假办法》", "第二条、第六条",
     "当年节假日安排通知尚未载入的年度，按法定节假日暂定计算：节假日逢周六、周日的顺延补假，不调休"
     "。",
     NULL},
    {"R-CAL-05", LAW_OWN, "",
     "按暂定日历计算的期限标注“暂定”，照常办理；载入该年通知后重算全部暂定期限，并列出届满日期有变"
     "化的事项。",
     NULL},
    {"R-CAL-06", LAW_OWN, "",
     "既未载入通知、也无法推算法定节假日的年度，期限计算报错并指明年度，不作猜测。", NULL},
    {"R-CAL-07", LAW_OWN, "",
     "节假日安排全国统一，只有最上级机构的系统管理员（或命令行）可以修改。", NULL},
    {"R-CAL-08", "《全国年节及纪念日放假办法》", "第二条",
     "载入的节假日通知须把该年的法定节假日列为休息日，否则整份文件不予载入，并列出全部问题。",
     NULL},

    /* ---- DOC -------------------------------------------------------------------------------- */
    {"R-DOC-01", "《卫生行政执法文书规范》（卫生部令第87号）", "",
     "有文号的文书编为“地区简称＋卫＋执法类别＋执法性质＋〔年份〕＋序号”，其他文书编号为“年份＋序号"
     "”，每年重新起号。",
     NULL},
    {"R-DOC-02", "《卫生行政执法文书规范》（卫生部令第87号）", "",
     "文书编号在签发文书的同一事务中取得，不跳号、不重号。", NULL},

    /* ---- ENT -------------------------------------------------------------------------------- */
    {"R-ENT-01", "GB 32100-2015", "",
     "单位须填写统一社会信用代码，并校验其字符、校验码和组织机构代码部分（GB 11714）。", NULL},
    {"R-ENT-02", "GB 11643-1999", "", "个人和执法人员的居民身份证号码须通过校验码和出生日期校验。",
     NULL},
    {"R-ENT-03", LAW_OWN, "", "同一统一社会信用代码在全省只能登记一次。", NULL},

    /* ---- AUTH ------------------------------------------------------------------------------- */
    {"R-AUTH-01", LAW_OWN, "",
     "同一账户在同一地址连续登录失败达到次数后，在该地址锁定；此后每失败一次锁定时间加倍，直至上限"
     "；登录成功即清除失败记录。",
     PARAMS({"max_failures", "账户失败次数", LOGIN_MAX_FAILURES_USER, "次"},
            {"lock_minutes", "首次锁定", LOGIN_WINDOW_SECONDS / 60, "分钟"},
            {"lock_max_hours", "最长锁定", LOGIN_LOCK_MAX_SECONDS / 3600, "小时"})},
    {"R-AUTH-02", LAW_OWN, "",
     "同一地址在一段时间内登录失败达到次数的，该地址锁定同样长的时间，无论登录哪个账户。",
     PARAMS({"max_failures_ip", "地址失败次数", LOGIN_MAX_FAILURES_IP, "次"},
            {"window_minutes", "统计时段", LOGIN_WINDOW_SECONDS / 60, "分钟"})},
    {"R-AUTH-03", LAW_OWN, "", "登录会话闲置超时或自登录起超过最长时间的，须重新登录。",
     PARAMS({"idle_hours", "闲置超时", SESSION_IDLE_SECONDS / 3600, "小时"},
            {"max_hours", "最长时间", SESSION_MAX_SECONDS / 3600, "小时"})},
    {"R-AUTH-04", LAW_OWN, "", "密码须达到最少位数，并同时包含字母和数字。",
     PARAMS({"password_min", "密码最少位数", PASSWORD_MIN_LEN, "位"})},
    {"R-AUTH-05", LAW_OWN, "",
     "停用的账户不能登录，其会话和API令牌随即失效；重置密码后该账户的全部会话失效。", NULL},
    {"R-AUTH-06", LAW_OWN, "", "用户只能查看和处理本机构及其下级机构的记录。", NULL},
    {"R-AUTH-07", LAW_OWN, "", "每项操作所需的权限由角色表规定，表中未赋予的一律拒绝。", NULL},
    {"R-AUTH-08", LAW_OWN, "",
     "没有查看个人信息权限的角色（只读）看到的身份证号只显示前六位和后四位。", NULL},

    /* ---- AUDIT ------------------------------------------------------------------------------ */
    {"R-AUDIT-01", LAW_OWN, "",
     "每项变更在同一事务中写入一条操作日志（何人、何时、何种操作、何对象、摘要）。", NULL},
    {"R-AUDIT-02", LAW_OWN, "", "操作日志逐条以哈希值相链接，校验时指出第一条被修改或删除的记录。",
     NULL},
    {"R-AUDIT-03", LAW_OWN, "",
     "日志链头每天及应要求以保存在数据库之外的密钥签名并公布；改写并重算哈希的日志与已公布的链头不"
     "符。",
     NULL},
    {"R-AUDIT-04", LAW_OWN, "", "源库操作日志链断开的，不能迁移；迁入的日志链原样存档，仍可校验。",
     NULL},
    {"R-AUDIT-05", LAW_OWN, "",
     "稽查人员只看到本机构及其下级机构的操作日志；全国节假日安排的变更所有机构都能看到。", NULL},
};

const struct rule *rules_all(size_t *n)
{
    *n = countof(rules);
    return rules;
}

const struct rule *rule_find(const char *id)
{
    for (size_t i = 0; id && i < countof(rules); i++)
        if (strcmp(rules[i].id, id) == 0) return &rules[i];
    return NULL;
}

const struct rule_area *rule_areas(size_t *n)
{
    *n = countof(areas);
    return areas;
}

bool rule_id_area(const char *id, char *out, size_t n)
{
    if (!id || strncmp(id, "R-", 2) != 0) return false;
    const char *dash = strchr(id + 2, '-');
    size_t len = dash ? (size_t)(dash - id - 2) : 0;
    if (len == 0 || len >= n) return false;
    memcpy(out, id + 2, len);
    out[len] = 0;
    return true;
}

/* One rule as the register shows it (new reference). */
static json_t *rule_json(const struct rule *r)
{
    json_t *params = json_array();
    for (const struct rule_param *p = r->params; p && p->name; p++) {
        char text[48];
        snprintf(text, sizeof text, "%lld%s", p->value, p->unit);
        json_array_append_new(params,
                              jpack("{ss ss sI ss ss}", "name", p->name, "label", p->label, "value",
                                    (json_int_t)p->value, "unit", p->unit, "default", text));
    }
    char basis[160];
    snprintf(basis, sizeof basis, "%s%s", r->law, r->article);
    return jpack("{ss ss ss ss ss so}", "id", r->id, "law", r->law, "article", r->article, "basis",
                 basis, "text", r->text, "params", params);
}

json_t *rules_json(void)
{
    json_t *list = json_array();
    for (size_t a = 0; a < countof(areas); a++) {
        json_t *of = json_array();
        for (size_t i = 0; i < countof(rules); i++) {
            char code[16];
            if (rule_id_area(rules[i].id, code, sizeof code) && strcmp(code, areas[a].code) == 0)
                json_array_append_new(of, rule_json(&rules[i]));
        }
        json_array_append_new(
            list, jpack("{ss ss so}", "code", areas[a].code, "label", areas[a].label, "rules", of));
    }
    return jpack("{sI so}", "count", (json_int_t)countof(rules), "areas", list);
}
