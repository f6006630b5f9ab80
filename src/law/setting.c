/* setting.c — values an administrator may change, with their defaults (setting.h). */
#include "base/jpack.h"
#include "law/setting.h"
#include "law/publicity.h"
#include "law/recording.h"
#include "law/audit.h"
#include "law/case.h"
#include "law/case_closing.h"
#include "law/complaint.h"
#include "law/file_review.h"
#include "law/petition.h"
#include "law/recording.h"
#include "law/role.h"

#include <stdlib.h>
#include <string.h>

static const struct setting_def defs[] = {
    {"complaint.decide_days", "投诉举报受理期限（日）", COMPLAINT_DECIDE_DAYS, 1, 60,
     COMPLAINT_DECIDE_BASIS},
    {"complaint.handle_days", "投诉举报办理期限（日）", COMPLAINT_HANDLE_DAYS, 1, 180,
     COMPLAINT_HANDLE_BASIS},
    {"public.submissions_per_day", "每个网络地址每日可提交的投诉举报（件）",
     COMPLAINT_PUBLIC_PER_DAY, 1, 1000, "本系统规则：防止滥用公开提交"},
    {"petition.decide_days", "信访事项受理告知期限（日）", PETITION_DECIDE_DAYS, 1, 60,
     PETITION_DECIDE_BASIS},
    {"petition.handle_days", "信访事项办理期限（日）", PETITION_HANDLE_DAYS, 1, 180,
     PETITION_HANDLE_BASIS},
    {"petition.review_days", "信访复查期限（日）", PETITION_REVIEW_DAYS, 1, 90,
     PETITION_REVIEW_BASIS},
    {"petition.recheck_days", "信访复核期限（日）", PETITION_REVIEW_DAYS, 1, 90,
     PETITION_RECHECK_BASIS},
    {"case.file_days", "案件立案期限（日）", CASE_FILE_DAYS, 1, 30, CASE_FILE_BASIS},
    {"case.review_fine_yuan", "须法制审核的罚款数额（元）", CASE_REVIEW_FINE_YUAN, 1, 100000000,
     CASE_REVIEW_FINE_BASIS},
    {"case.statement_days", "陈述申辩期限（工作日）", CASE_STATEMENT_DAYS, 1, 15,
     CASE_STATEMENT_BASIS},
    {"case.hearing_fine_citizen_yuan", "听证：对公民的较大数额罚款（元）",
     CASE_HEARING_FINE_CITIZEN, 1, 100000000, CASE_HEARING_FINE_BASIS},
    {"case.hearing_fine_org_yuan", "听证：对法人或其他组织的较大数额罚款（元）",
     CASE_HEARING_FINE_ORG, 1, 100000000, CASE_HEARING_FINE_BASIS},
    {"case.discussion_min", "集体讨论最少参加的负责人（人）", CASE_DISCUSSION_MIN, 2, 15,
     CASE_DISCUSSION_BASIS},
    {"case.deliberation_min", "合议最少参加的执法人员（人）", CASE_DELIBERATION_MIN, 2, 15,
     CASE_DELIBERATION_BASIS},
    {"case.deliberation_required", "调查终结前须经合议（1 是，0 否）", 1, 0, 1,
     CASE_DELIBERATION_BASIS},
    {"case.recording_required", "结案前关键环节须有音像记录（1 是，0 否）", 1, 0, 1,
     CASE_RECORDING_BASIS},
    {"case.extend_max_days", "办案期限延长上限（日）", CASE_EXTEND_MAX_DAYS, 1, 180,
     CASE_EXTEND_MAX_BASIS},
    {"review.correction_days", "案卷评查补正期限（工作日）", FILE_REVIEW_CORRECTION_DAYS, 1, 60,
     FILE_REVIEW_BASIS},
    {"review.grade_top", "案卷评查：优秀（甲）最低分", FILE_REVIEW_GRADE_TOP, 1, 100,
     FILE_REVIEW_BASIS},
    {"review.grade_pass", "案卷评查：合格（乙）最低分", FILE_REVIEW_GRADE_PASS, 0, 100,
     FILE_REVIEW_BASIS},
    {"review.grade_scheme", "案卷评查等次（0 优秀/合格/不合格，1 甲/乙/丙）", 0, 0, 1,
     FILE_REVIEW_BASIS},
    {"recording.retain_years", "执法全过程记录保存年限（年）", RECORDING_RETAIN_YEARS, 1, 100,
     RECORDING_RETAIN_BASIS},
    {"publicity.minor_fine_yuan", "公示：轻微违法的罚款上限（元）", PUBLICITY_MINOR_FINE_YUAN, 0,
     100000000, PUBLICITY_TIER_BASIS},
    {"publicity.minor_min_months", "公示期：轻微，最短（月）", 0, 0, 36, PUBLICITY_PERIOD_BASIS},
    {"publicity.minor_max_months", "公示期：轻微，最长（月）", 3, 0, 36, PUBLICITY_PERIOD_BASIS},
    {"publicity.general_min_months", "公示期：一般，最短（月）", 3, 0, 36, PUBLICITY_PERIOD_BASIS},
    {"publicity.general_max_months", "公示期：一般，最长（月）", 12, 1, 36, PUBLICITY_PERIOD_BASIS},
    {"publicity.serious_min_months", "公示期：严重，最短（月）", 12, 0, 36, PUBLICITY_PERIOD_BASIS},
    {"publicity.serious_max_months", "公示期：严重，最长（月）", 36, 1, 60, PUBLICITY_PERIOD_BASIS},
    {"publicity.other_min_months", "公示期：其他执法决定，最短（月）", 0, 0, 36,
     PUBLICITY_PERIOD_BASIS},
    {"publicity.other_max_months", "公示期：其他执法决定（不予处罚、检查结果），最长（月）", 12, 1,
     60, PUBLICITY_PERIOD_BASIS},
    {"petition.working_days", "信访期限按工作日计算（1 是，0 按日历日）", 0, 0, 1,
     PETITION_WORKING_BASIS},
};

const struct setting_def *setting_find(const char *name)
{
    for (size_t i = 0; name && i < countof(defs); i++)
        if (strcmp(defs[i].name, name) == 0) return &defs[i];
    return NULL;
}

/* The stored value of name, or NULL (arena). */
static const char *stored(struct ctx *c, const char *name, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e, "SELECT value FROM setting WHERE name = ?", "t", name);
    if (!st) return NULL;
    const char *v = db_step(st, e) == DB_ROW ? arena_strdup(c->arena, db_text(st, 0)) : NULL;
    db_done(st);
    return v;
}

int setting_int(struct ctx *c, const char *name, int *out, struct err *e)
{
    const struct setting_def *d = setting_find(name);
    if (!d) return err_set(e, ERR_INTERNAL, "未知的设置项 %s", name);
    const char *v = stored(c, name, e);
    if (e->code) return e->code;
    int64_t n;
    *out = v && !parse_i64(v, &n) && n >= d->min && n <= d->max ? (int)n : d->dflt;
    return 0;
}

int setting_set(struct ctx *c, const char *name, const char *value, struct err *e)
{
    const struct setting_def *d = setting_find(name);
    if (!d) return err_field(e, "name", "未知的设置项");
    int64_t n;
    if (!value || parse_i64(value, &n) || n < d->min || n > d->max)
        return err_field(e, "value", "%s应为 %d 至 %d 之间的整数", d->label, d->min, d->max);
    /* one value for the whole database: set at its top agency */
    const char *path = c->who->agency_path, *second = path ? strchr(path + 1, '/') : NULL;
    if (c->who->user_id &&
        (!role_allows(c->who->roles, PERM_SETTING_ADMIN) || !second || second[1]))
        return err_set(e, ERR_FORBIDDEN, "设置项只能由最上级机构的系统管理员修改");
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    const char *who = c->who->username ? c->who->username : "system";
    if (db_exec(c->db, e, "DELETE FROM setting WHERE name = ?", "t", name) < 0 ||
        db_exec(c->db, e,
                "INSERT INTO setting (name, value, updated_at, updated_by) VALUES (?, ?, ?, ?)",
                "ttit", name, value, c->now, who) < 0 ||
        audit_write(c, "setting.set", "setting", 0, "%s 设为 %lld（默认 %d）", d->label,
                    (long long)n, d->dflt)) {
        db_rollback(c->db);
        return e->code;
    }
    return db_commit(c->db, e);
}

json_t *setting_list(struct ctx *c, struct err *e)
{
    json_t *out = json_array();
    for (size_t i = 0; i < countof(defs) && !e->code; i++) {
        int v = 0;
        setting_int(c, defs[i].name, &v, e);
        json_array_append_new(out, jpack("{ss ss si si si si ss sb}", "name", defs[i].name, "label",
                                         defs[i].label, "value", v, "default", defs[i].dflt, "min",
                                         defs[i].min, "max", defs[i].max, "basis", defs[i].basis,
                                         "changed", v != defs[i].dflt));
    }
    if (e->code) {
        json_decref(out);
        return NULL;
    }
    return out;
}
