/* officer.h — enforcement officers (执法人员) and their certificates (行政执法证). */
#ifndef LANDUN_OFFICER_H
#define LANDUN_OFFICER_H

#include <jansson.h>
#include "base/date.h"
#include "law/ctx.h"

#define CERT_EXPIRY_WARN_DAYS 30 /* lists flag certificates expiring within this many days */
#define REVIEW_DUE_MONTH      3  /* the review of year Y is due by the end of this month */
#define REVIEW_DUE_DAY        31 /*   … and day of year Y+1 (local practice; a default) */

/* Fields of a new or edited officer, as strings from a form, JSON, the CLI or an import row. */
struct officer_input {
    const char *agency_code;     /* 所属机构; default the actor's agency */
    const char *department;      /* 科室 name within the agency, optional */
    const char *name;            /* 姓名 */
    const char *id_number;       /* 身份证号 */
    const char *phone;           /* 联系电话 */
    const char *cert_no;         /* 执法证号 */
    const char *cert_issued;     /* 发证日期 YYYY-MM-DD */
    const char *cert_expires;    /* 有效期至 YYYY-MM-DD */
    const char *status;          /* active | suspended | cancelled */
    const char *status_reason;   /* required unless active */
    const char *lines;           /* comma-separated line codes */
    const char *legal_qualified; /* "1"/"0": holds 法律职业资格 */
    int64_t version;             /* for edits: the version the user saw (0 = do not check) */
};

/* One annual review of a certificate. */
struct cert_review {
    int year;    /* the year reviewed */
    bool passed; /* 合格 */
};

/* What decides whether an officer may enforce on a date. */
struct officer_standing {
    const char *status;              /* active | suspended | cancelled */
    day_t cert_issued, cert_expires; /* validity of the certificate */
    const struct cert_review *reviews;
    int nreviews;
};

/* 行政处罚法 第四十二条: only officers holding a valid enforcement certificate may enforce.
 * True when the certificate is valid on date, the officer is active, and the annual review due
 * by date was passed. Otherwise false with *why set to a Chinese reason (static). */
bool officer_standing_ok(const struct officer_standing *s, day_t date, const char **why);
/* The same for an officer by id (any agency; later issues check scope themselves).
 * Returns 1 (may enforce), 0 (may not, *why set), or a negative error. */
int officer_can_enforce(struct ctx *c, int64_t officer_id, day_t date, const char **why,
                        struct err *e);

int officer_add(struct ctx *c, const struct officer_input *in, int64_t *id, struct err *e);
int officer_update(struct ctx *c, int64_t id, const struct officer_input *in, struct err *e);
/* One officer in scope, with reviews and standing today; NULL + ERR_NOTFOUND otherwise. */
json_t *officer_get(struct ctx *c, int64_t id, struct err *e);
/* Record an annual review. */
int officer_review_add(struct ctx *c, int64_t id, const char *year, const char *reviewed_on,
                       const char *passed, const char *note, struct err *e);

/* List filters. */
struct officer_query {
    const char *q;      /* fragment of name, certificate or ID number */
    const char *status; /* or NULL */
    const char *line;   /* or NULL */
    bool expiring;      /* only certificates expiring within CERT_EXPIRY_WARN_DAYS or expired */
    const char *cert;   /* "expiring": within CERT_EXPIRY_WARN_DAYS, not yet expired; "expired";
                           or NULL */
    int page, per_page; /* 1-based page */
};
/* Officers in scope, as {"rows": [...], "total": n, "more": bool}. */
json_t *officer_list(struct ctx *c, const struct officer_query *q, struct err *e);

/* Call fn for every officer in scope (exports), in id order, with a row object (borrowed). */
int officer_each(struct ctx *c, int (*fn)(void *arg, json_t *row), void *arg, struct err *e);

/* Status label (在岗/暂停/注销) or NULL for a bad code. */
const char *officer_status_label(const char *status);

#endif
