/* entity.h — regulated entities (管理相对人) and their licences. */
#ifndef LANDUN_ENTITY_H
#define LANDUN_ENTITY_H

#include <jansson.h>
#include "law/ctx.h"

/* Fields of a new or edited entity, as strings from a form, JSON, the CLI or an import row. */
struct entity_input {
    const char *agency_code;   /* 管辖机构; default the actor's agency */
    const char *kind;          /* org | person (default org) */
    const char *name;          /* 名称 (or the person's name) */
    const char *uscc;          /* 统一社会信用代码 (org) */
    const char *id_number;     /* 身份证号 (person) */
    const char *legal_rep;     /* 法定代表人/负责人 */
    const char *address;       /* 地址 */
    const char *division_code; /* 行政区划代码 */
    const char *subtype;       /* catalogue code */
    const char *lines;         /* comma-separated line codes; default the sub-type's lines */
    const char *status;        /* open | suspended | closed */
    const char *risk_grade;    /* A–D or blank */
    const char *phone;
    int64_t version; /* for edits: the version the user saw (0 = do not check) */
};

/* A licence of an entity. */
struct licence_input {
    const char *type;       /* catalogue code */
    const char *number;     /* 许可证号 */
    const char *valid_from; /* YYYY-MM-DD, optional */
    const char *valid_to;   /* YYYY-MM-DD, optional */
};

/* Check an entity's fields without saving (imports check every row first). */
int entity_validate(const struct entity_input *in, struct err *e);
int entity_add(struct ctx *c, const struct entity_input *in, int64_t *id, struct err *e);
int entity_update(struct ctx *c, int64_t id, const struct entity_input *in, struct err *e);
/* One entity in scope with its licences; NULL + ERR_NOTFOUND otherwise. */
json_t *entity_get(struct ctx *c, int64_t id, struct err *e);
int licence_validate(const struct licence_input *in, struct err *e);
int licence_add(struct ctx *c, int64_t entity_id, const struct licence_input *in, int64_t *id,
                struct err *e);
int licence_delete(struct ctx *c, int64_t entity_id, int64_t licence_id, struct err *e);

/* List filters. */
struct entity_query {
    const char *q;          /* fragment of name, address, USCC or legal representative */
    const char *line;       /* line code or NULL */
    const char *subtype;    /* or NULL */
    const char *status;     /* or NULL */
    const char *risk_grade; /* or NULL */
    int page, per_page;     /* 1-based page */
};
/* Entities in scope, newest first: {"rows": [...], "more": bool, "page", "per_page"}. */
json_t *entity_list(struct ctx *c, const struct entity_query *q, struct err *e);
/* Call fn for every entity in scope (exports), in id order, with a row object (borrowed): one
 * call per licence, with licence_type (label), licence_number, licence_from and licence_to;
 * one call without them for an entity with no licence. */
int entity_each(struct ctx *c, int (*fn)(void *arg, json_t *row), void *arg, struct err *e);

const char *entity_status_label(const char *status);

#endif
