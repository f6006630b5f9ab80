/* check_list.h — the 随机抽查事项清单: the published list of what random checks may look at
 * (国办发〔2015〕58号, 国办发〔2024〕54号: only published items are checked). Each item names its
 * legal basis, the entities it targets, the method, and the ratio or frequency. */
#ifndef LANDUN_CHECK_LIST_H
#define LANDUN_CHECK_LIST_H

#include <jansson.h>
#include "law/ctx.h"

/* Fields of a new or edited item, as strings from a form, JSON or the CLI. */
struct check_item_input {
    const char *agency_code; /* 发布机构; default the actor's agency */
    const char *code;        /* 事项编码, unique within the agency: letters, digits, - _ . */
    const char *name;        /* 抽查事项 */
    const char *line;        /* professional line code */
    const char *basis;       /* 抽查依据 */
    const char *subtypes;  /* 抽查对象: comma-separated entity sub-types (blank: the line's) */
    const char *method;    /* comma-separated: onsite document online sampling */
    const char *ratio;     /* 抽查比例, a percentage ("5", "5%"), optional */
    const char *frequency; /* 抽查频次, optional */
    int64_t version;       /* for edits: the version the user saw (0 = do not check) */
};

/* Check an item's fields without saving. */
int check_item_validate(const struct check_item_input *in, struct err *e);
/* Add an item (unpublished) to an agency in the actor's scope; sets *id. ERR_CONFLICT (field
 * code) when the agency already has the code. */
int check_item_add(struct ctx *c, const struct check_item_input *in, int64_t *id, struct err *e);
/* Edit an unpublished item of the actor's scope; a published one must be withdrawn first. */
int check_item_update(struct ctx *c, int64_t id, const struct check_item_input *in, struct err *e);
/* Publish an item (dated today) or withdraw it from the public list. */
int check_item_publish(struct ctx *c, int64_t id, bool publish, struct err *e);

/* One item the actor may see (own subtree, or an ancestor agency's list); NULL + ERR_NOTFOUND. */
json_t *check_item_get(struct ctx *c, int64_t id, struct err *e);
/* Items the actor may see, by line (or all when NULL), only published ones when asked:
 * {"rows": [...]} ordered by line and code. */
json_t *check_item_list(struct ctx *c, const char *line, bool published_only, struct err *e);
/* The public list (no login): every published item, or an agency's (code), with its agency. */
json_t *check_item_public_list(struct ctx *c, const char *agency_code, struct err *e);

/* 现场检查, 书面检查, … for a comma-separated list of method codes, into out. */
void check_method_labels(const char *codes, char *out, size_t n);
/* The method table as [{code,label}] (new reference). */
json_t *check_methods(void);

#endif
