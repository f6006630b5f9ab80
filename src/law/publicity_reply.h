/* publicity_reply.h — the right to reply (回应): an entity's response to one of its published
 * results, sent from its public page without login, held until a reviewer of the item's agency
 * approves it, and then shown beside the result (migrations/059_publicity.sql, publicity_reply).
 * The contact is for the reviewer only. docs/publicity.md, "单位公示页、回应与公示牌". */
#ifndef LANDUN_PUBLICITY_REPLY_H
#define LANDUN_PUBLICITY_REPLY_H

#include <jansson.h>
#include "law/ctx.h"

#define REPLY_MAX_CHARS  1000 /* the reply's text, in characters */
#define REPLY_NAME_CHARS 40   /* the contact's name */
#define REPLY_NOTE_CHARS 500  /* the reviewer's note */

/* A reply as the public's form sends it. */
struct reply_input {
    const char *item_id; /* the published result replied to */
    const char *body;    /* 回应内容 */
    const char *name;    /* 联系人 (for the reviewer) */
    const char *phone;   /* 联系电话 (for the reviewer) */
    const char *ip;      /* the sender's address (kept with the reply) */
};

/* The form's fields, each wrong one a field error in e: 0 or ERR_INVALID. */
int publicity_reply_check(const struct reply_input *in, struct err *e);
/* The entity of the result in->item_id when the public may reply to it today (published and
 * within its period): 0 and *entity_id set; ERR_NOTFOUND otherwise. */
int publicity_reply_target(struct ctx *c, const char *item_id, int64_t *entity_id, struct err *e);
/* Record the reply as pending (checked as publicity_reply_check and publicity_reply_target);
 * *id set. */
int publicity_reply_add(struct ctx *c, const struct reply_input *in, int64_t *id, struct err *e);

/* The approved replies to item_id as the public sees them, oldest first: [{"body", "on"}], the
 * text masked as the item's (R-PUB-01). The caller shows them only for an item the public may
 * see (PUBLICITY_VISIBLE). NULL on a database error. */
json_t *publicity_reply_shown(struct ctx *c, int64_t item_id, struct err *e);

/* The replies to items of the actor's subtree, newest first, as a page (law/paging.h): each
 * {"id", "item_id", "item_title", "entity_id", "body", "contact", "submitted", "state",
 * "state_label", "note", "moderator", "moderated"}; state pending, approved or rejected (blank:
 * every reply). */
json_t *publicity_reply_list(struct ctx *c, const char *state, int page, int per_page,
                             struct err *e);
/* Approve or reject the pending reply id of an item in the actor's subtree (a rejection with
 * its note); ERR_NOTFOUND outside it, ERR_CONFLICT when already decided. */
int publicity_reply_decide(struct ctx *c, int64_t id, bool approve, const char *note,
                           struct err *e);
/* 待审核, 已公开, 未采纳; NULL for another code. */
const char *publicity_reply_state_label(const char *state);

#endif
