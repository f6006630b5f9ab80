/* setting.h — the values an administrator may change, each with its default in the code and the
 * rule it comes from: the periods the rules leave to the agency (RULES.md marks them [U]). A
 * workflow's deadline rule names its setting (wf_deadline_rule.setting), so a changed value
 * applies to the deadlines opened from then on; those already open keep theirs. */
#ifndef LANDUN_SETTING_H
#define LANDUN_SETTING_H

#include <jansson.h>
#include "law/ctx.h"

/* A setting the program knows. */
struct setting_def {
    const char *name;  /* complaint.handle_days */
    const char *label; /* 投诉举报办理期限（日） */
    int dflt;          /* the default */
    int min, max;      /* the values allowed */
    const char *basis; /* where the default comes from */
};

/* The setting called name, or NULL. */
const struct setting_def *setting_find(const char *name);
/* The value of setting name: the stored one, or its default. */
int setting_int(struct ctx *c, const char *name, int *out, struct err *e);
/* Store value for setting name (an administrator of the top level); audited. */
int setting_set(struct ctx *c, const char *name, const char *value, struct err *e);
/* Every setting: [{"name","label","value","default","min","max","basis","changed"}]. */
json_t *setting_list(struct ctx *c, struct err *e);

#endif
