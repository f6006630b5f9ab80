/* evidence.h — the evidence of a penalty case (行政处罚法 第四十六条): items of the 8 kinds,
 * recorded once the case is filed (第五十四条), each with its description, where and how it was
 * obtained, the day, and the two or more investigators of the case who obtained it (第四十二条).
 * A statement or witness item may carry the inquiry itself (询问笔录, 第五十五条), a record item
 * the on-site record (现场笔录). */
#ifndef LANDUN_EVIDENCE_H
#define LANDUN_EVIDENCE_H

#include <jansson.h>
#include "law/ctx.h"

/* An item as the investigator enters it (strings from a form or JSON). */
struct evidence_input {
    const char *kind;        /* documentary | physical | audiovisual | electronic | witness |
                              * statement | expert | record */
    const char *description; /* what it is */
    const char *source;      /* where and how it was obtained */
    const char *obtained_on; /* YYYY-MM-DD */
    const char *officers;    /* comma list of officer ids: who obtained it */
    /* The inquiry (询问笔录) a statement or witness item may carry; all blank: none. */
    const char *inquiry_person;   /* the person asked */
    const char *inquiry_identity; /* their ID number or role */
    const char *inquiry_relation; /* their relation to the party */
    const char *inquiry_time;     /* time of day on obtained_on: 09:30至10:15 */
    const char *inquiry_place;    /* where */
    const char *inquiry_qa;       /* the questions and answers */
    const char *inquiry_shown; /* "1": the officers showed their certificates (第五十五条) */
    /* The on-site record (现场笔录) a record item may carry; all blank: none. */
    const char *site_time;    /* time of day on obtained_on: 14时10分至15时00分 */
    const char *site_place;   /* 检查地点 */
    const char *site_present; /* the party or the persons present, and who they are */
    const char *site_scene;   /* 现场情况: what the officers saw and did */
    const char *site_shown;   /* "1": the officers showed their certificates (第五十五条) */
};

/* The label of a kind (书证), or NULL when it is not one of the 8. */
const char *evidence_kind_label(const char *code);
/* The kinds as [{"code","label","selected"}] (new reference). */
json_t *evidence_kind_options(const char *selected);

/* Check the shape of every field; 0, or ERR_INVALID with the fields' messages. */
int evidence_check(const struct evidence_input *in, struct err *e);
/* Record an item of case case_id as the actor, one of its investigators: the case in scope
 * (ERR_NOTFOUND), filed, the day within the case's time, the officers two or more of its
 * investigators who may enforce on that day. An item that carries an inquiry issues and keeps
 * its 询问笔录 (numbered 询) for the case, one that carries an on-site record its 现场笔录
 * (numbered 现, the series of the inspections' 现场笔录). *id is set. One transaction, audited. */
int evidence_add(struct ctx *c, int64_t case_id, const struct evidence_input *in, int64_t *id,
                 struct err *e);
/* The items of case case_id, oldest first: [{"id","kind","kind_label","description","source",
 * "obtained_on","officers":[{"id","name","cert_no"}],"officer_names", and for an inquiry
 * "inquiry":{"person","identity","relation","time","place","qa"}, for an on-site record
 * "site":{"time","place","present","scene"}}] (new reference; NULL on error).
 * The caller has checked the case is in scope (case_get). */
json_t *evidence_list(struct ctx *c, int64_t case_id, struct err *e);
/* Whether the actor may record evidence of case case_id now: 1 (filed, and the actor is one of
 * its investigators with the permission), 0, or a negative error. */
int evidence_may_add(struct ctx *c, int64_t case_id, struct err *e);

#endif
