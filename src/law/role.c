/* role.c — the role → permission table. */
#include "law/role.h"
#include "base/util.h"
#include "base/codes.h"
#include "law/ctx.h"

#include <string.h>

#define R(x) (1u << (x))
#define ALL_STAFF                                                                                  \
    (R(ROLE_ADMIN) | R(ROLE_OFFICER) | R(ROLE_CLERK) | R(ROLE_LEGAL) | R(ROLE_LEADER) |            \
     R(ROLE_AUDITOR) | R(ROLE_VIEWER))

/* Which roles hold each permission. Changing who may do what is a change to this table only. */
static const unsigned perm_roles[PERM_COUNT] = {
    [PERM_NONE] = 0,
    [PERM_PUBLIC] = ~0u,
    [PERM_LOGIN] = ALL_STAFF,
    [PERM_ENTITY_READ] = ALL_STAFF,
    [PERM_ENTITY_WRITE] = R(ROLE_ADMIN) | R(ROLE_OFFICER) | R(ROLE_CLERK),
    [PERM_OFFICER_READ] = ALL_STAFF,
    [PERM_OFFICER_WRITE] = R(ROLE_ADMIN),
    [PERM_AGENCY_ADMIN] = R(ROLE_ADMIN),
    [PERM_USER_ADMIN] = R(ROLE_ADMIN),
    [PERM_AUDIT_READ] = R(ROLE_ADMIN) | R(ROLE_AUDITOR),
    [PERM_CALENDAR_ADMIN] = R(ROLE_ADMIN),
    [PERM_INSPECTION_READ] = ALL_STAFF,
    [PERM_INSPECTION_WRITE] = R(ROLE_ADMIN) | R(ROLE_OFFICER),
    [PERM_DRAW_READ] = ALL_STAFF,
    [PERM_PLAN_WRITE] = R(ROLE_ADMIN) | R(ROLE_OFFICER) | R(ROLE_LEADER),
    [PERM_DRAW_RUN] = R(ROLE_ADMIN) | R(ROLE_LEADER),
    [PERM_TASK_CLOSE] = R(ROLE_OFFICER) | R(ROLE_LEADER),
    [PERM_PERSONAL_READ] = ALL_STAFF & ~R(ROLE_VIEWER),
    [PERM_AUDIT_SIGN] = R(ROLE_ADMIN) | R(ROLE_AUDITOR),
    [PERM_COMPLAINT_READ] = ALL_STAFF,
    [PERM_COMPLAINT_INTAKE] = R(ROLE_CLERK) | R(ROLE_OFFICER),
    [PERM_COMPLAINT_DECIDE] = R(ROLE_CLERK) | R(ROLE_LEADER),
    [PERM_COMPLAINT_HANDLE] = R(ROLE_OFFICER) | R(ROLE_LEADER),
    [PERM_SETTING_ADMIN] = R(ROLE_ADMIN),
    [PERM_PETITION_READ] = ALL_STAFF,
    [PERM_PETITION_INTAKE] = R(ROLE_CLERK) | R(ROLE_OFFICER),
    [PERM_PETITION_DECIDE] = R(ROLE_CLERK) | R(ROLE_LEADER),
    [PERM_PETITION_HANDLE] = R(ROLE_OFFICER) | R(ROLE_LEADER),
    [PERM_PETITION_APPROVE] = R(ROLE_LEADER),
    [PERM_DISCLOSURE_READ] = ALL_STAFF,
    [PERM_DISCLOSURE_INTAKE] = R(ROLE_CLERK) | R(ROLE_OFFICER),
    [PERM_DISCLOSURE_HANDLE] = R(ROLE_CLERK) | R(ROLE_OFFICER) | R(ROLE_LEADER),
    [PERM_DISCLOSURE_APPROVE] = R(ROLE_LEADER),
    [PERM_POWER_READ] = ALL_STAFF,
    /* the legal department (法制机构) drafts the list and the baselines; an administrator keeps
     * them */
    [PERM_POWER_WRITE] = R(ROLE_ADMIN) | R(ROLE_LEGAL),
    [PERM_CASE_READ] = ALL_STAFF,
    [PERM_CASE_HANDLE] = R(ROLE_OFFICER),
    [PERM_CASE_APPROVE] = R(ROLE_LEADER),
    [PERM_CASE_REVIEW] = R(ROLE_LEGAL),
    /* 案卷评查 by the auditors (稽查) and, like the audit trail, administrators */
    [PERM_FILE_REVIEW] = R(ROLE_ADMIN) | R(ROLE_AUDITOR),
    [PERM_PUBLICITY_READ] = ALL_STAFF,
    [PERM_PUBLICITY_REVIEW] = R(ROLE_LEGAL) | R(ROLE_LEADER),
};

static const struct {
    const char *code;
    const char *label;
} roles[ROLE_COUNT] = {
    [ROLE_ADMIN] = {"admin", "系统管理员"}, [ROLE_OFFICER] = {"officer", "执法人员"},
    [ROLE_CLERK] = {"clerk", "受理员"},     [ROLE_LEGAL] = {"legal", "法制审核"},
    [ROLE_LEADER] = {"leader", "负责人"},   [ROLE_AUDITOR] = {"auditor", "稽查"},
    [ROLE_VIEWER] = {"viewer", "只读"},
};

static const char *perm_codes[PERM_COUNT] = {
    [PERM_NONE] = "none",
    [PERM_PUBLIC] = "public",
    [PERM_LOGIN] = "login",
    [PERM_ENTITY_READ] = "entity.read",
    [PERM_ENTITY_WRITE] = "entity.write",
    [PERM_OFFICER_READ] = "officer.read",
    [PERM_OFFICER_WRITE] = "officer.write",
    [PERM_AGENCY_ADMIN] = "agency.admin",
    [PERM_USER_ADMIN] = "user.admin",
    [PERM_AUDIT_READ] = "audit.read",
    [PERM_CALENDAR_ADMIN] = "calendar.admin",
    [PERM_INSPECTION_READ] = "inspection.read",
    [PERM_INSPECTION_WRITE] = "inspection.write",
    [PERM_DRAW_READ] = "draw.read",
    [PERM_PLAN_WRITE] = "plan.write",
    [PERM_DRAW_RUN] = "draw.run",
    [PERM_TASK_CLOSE] = "task.close",
    [PERM_PERSONAL_READ] = "personal.read",
    [PERM_AUDIT_SIGN] = "audit.sign",
    [PERM_COMPLAINT_READ] = "complaint.read",
    [PERM_COMPLAINT_INTAKE] = "complaint.intake",
    [PERM_COMPLAINT_DECIDE] = "complaint.decide",
    [PERM_COMPLAINT_HANDLE] = "complaint.handle",
    [PERM_SETTING_ADMIN] = "setting.admin",
    [PERM_PETITION_READ] = "petition.read",
    [PERM_PETITION_INTAKE] = "petition.intake",
    [PERM_PETITION_DECIDE] = "petition.decide",
    [PERM_PETITION_HANDLE] = "petition.handle",
    [PERM_PETITION_APPROVE] = "petition.approve",
    [PERM_DISCLOSURE_READ] = "disclosure.read",
    [PERM_DISCLOSURE_INTAKE] = "disclosure.intake",
    [PERM_DISCLOSURE_HANDLE] = "disclosure.handle",
    [PERM_DISCLOSURE_APPROVE] = "disclosure.approve",
    [PERM_POWER_READ] = "power.read",
    [PERM_POWER_WRITE] = "power.write",
    [PERM_CASE_READ] = "case.read",
    [PERM_CASE_HANDLE] = "case.handle",
    [PERM_CASE_APPROVE] = "case.approve",
    [PERM_CASE_REVIEW] = "case.review",
    [PERM_FILE_REVIEW] = "review.file",
    [PERM_PUBLICITY_READ] = "publicity.read",
    [PERM_PUBLICITY_REVIEW] = "publicity.review",
};

/* [R-AUTH-07] what the table does not give is refused */
bool role_allows(unsigned roles_held, enum perm p)
{
    if (p <= PERM_NONE || p >= PERM_COUNT) return false;
    if (p == PERM_PUBLIC) return true;
    return (perm_roles[p] & roles_held) != 0;
}

const char *role_code(enum role r)
{
    return (unsigned)r < ROLE_COUNT ? roles[r].code : NULL;
}

const char *role_label(enum role r)
{
    return (unsigned)r < ROLE_COUNT ? roles[r].label : NULL;
}

int role_parse(const char *code)
{
    for (int i = 0; i < ROLE_COUNT; i++)
        if (code && strcmp(code, roles[i].code) == 0) return i;
    return -1;
}

const char *perm_code(enum perm p)
{
    return (unsigned)p < PERM_COUNT ? perm_codes[p] : "none";
}

/* [R-AUTH-08] */
const char *role_idcard_shown(const struct ctx *c, const char *id)
{
    if (!id || c->who->user_id == 0 || role_allows(c->who->roles, PERM_PERSONAL_READ)) return id;
    char masked[IDCARD_LEN + 1];
    idcard_mask(id, masked);
    return arena_strdup(c->arena, masked);
}
