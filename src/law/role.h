/* role.h — roles and what they permit. One table, used by the route table and by law/. */
#ifndef LANDUN_ROLE_H
#define LANDUN_ROLE_H

#include <stdbool.h>

enum role {
    ROLE_ADMIN,   /* 系统管理员 */
    ROLE_OFFICER, /* 执法人员 */
    ROLE_CLERK,   /* 受理员 */
    ROLE_LEGAL,   /* 法制审核 */
    ROLE_LEADER,  /* 负责人 */
    ROLE_AUDITOR, /* 稽查 */
    ROLE_VIEWER,  /* 只读 */
    ROLE_COUNT
};

/* Permissions a route or an action requires. */
enum perm {
    PERM_NONE = 0, /* not set: a route with this does not start the server */
    PERM_PUBLIC,   /* anyone, no login */
    PERM_LOGIN,    /* any logged-in user */
    PERM_ENTITY_READ,
    PERM_ENTITY_WRITE,
    PERM_OFFICER_READ,
    PERM_OFFICER_WRITE,
    PERM_AGENCY_ADMIN,     /* agencies and departments */
    PERM_USER_ADMIN,       /* accounts and roles */
    PERM_AUDIT_READ,       /* the audit trail */
    PERM_CALENDAR_ADMIN,   /* holiday calendar */
    PERM_INSPECTION_READ,  /* inspections, campaigns and their documents */
    PERM_INSPECTION_WRITE, /* record inspections (执法人员) */
    PERM_DRAW_READ,        /* random-check lists, plans, tasks and statistics */
    PERM_PLAN_WRITE,       /* 抽查事项清单 and plans */
    PERM_DRAW_RUN,         /* commit a plan's pool and carry out the draw */
    PERM_TASK_CLOSE,       /* find a drawn task 无法检查 (its team, or its agency's leader) */
    PERM_PERSONAL_READ,    /* see 身份证号 in full (the read-only role sees them masked) */
    PERM_AUDIT_SIGN,       /* have the server sign the audit chain's head now */
    PERM_COMPLAINT_READ,   /* complaints and reports, their figures */
    PERM_COMPLAINT_INTAKE, /* take a complaint in, record the complainant's satisfaction */
    PERM_COMPLAINT_DECIDE, /* accept, refuse, transfer, merge, assign and close complaints */
    PERM_COMPLAINT_HANDLE, /* verify and answer an assigned complaint */
    PERM_SETTING_ADMIN,    /* the periods an agency may set */
    PERM_PETITION_READ,    /* petitions (信访) and their figures */
    PERM_PETITION_INTAKE,  /* register a petition, record the petitioner's satisfaction */
    PERM_PETITION_DECIDE, /* accept, refuse, transfer, assign, convert; register 复查/复核 requests
                           */
    PERM_PETITION_HANDLE,  /* answer a petition, its 复查 and 复核 */
    PERM_PETITION_APPROVE, /* approve an extension of the 办理期限 (the head, 第三十四条) */
    PERM_DISCLOSURE_READ,  /* information disclosure requests (依申请公开) and their figures */
    PERM_DISCLOSURE_INTAKE,  /* register a disclosure request */
    PERM_DISCLOSURE_HANDLE,  /* 补正, consultation and the answers of a request */
    PERM_DISCLOSURE_APPROVE, /* approve an extension of the 答复期限 (第三十三条) */
    PERM_POWER_READ,         /* the power list (权责清单) and its discretion baselines */
    PERM_POWER_WRITE,        /* change items and baselines, import the list */
    PERM_CASE_READ,          /* penalty cases (行政处罚案件) */
    PERM_CASE_HANDLE,        /* register a case, propose 立案 (an officer) */
    PERM_CASE_APPROVE,       /* approve or decline 立案 (a leader: 负责人) */
    PERM_CASE_REVIEW,        /* the legal review of a case (法制审核, 第五十八条) */
    PERM_FILE_REVIEW,        /* the case-file audit (案卷评查): review files, load a rubric */
    PERM_PUBLICITY_READ, /* the publicity queue (行政执法公示) and its figures, the exports */
    PERM_PUBLICITY_REVIEW, /* publish, withhold, withdraw, mask; repairs and replies */
    PERM_COUNT
};

/* True when a holder of roles (bit set 1u << enum role) has permission p. */
bool role_allows(unsigned roles, enum perm p);
/* "admin", "officer", …; NULL for a bad value. */
const char *role_code(enum role r);
/* 系统管理员, 执法人员, …. */
const char *role_label(enum role r);
/* The role with code, or -1. */
int role_parse(const char *code);
/* Name of a permission, for the OpenAPI document and errors. */
const char *perm_code(enum perm p);

struct ctx;
/* A 身份证号 as the actor may see it: in full with PERM_PERSONAL_READ (and for the system),
 * else masked (idcard_mask, a copy in the arena). NULL stays NULL. Callers: every record that
 * shows one (entities, officers, an inspection's party). */
const char *role_idcard_shown(const struct ctx *c, const char *id);

#endif
