/* entity_public.h — what the public sees of a regulated entity (单位公示页, domain/RULES.md §3):
 * its registration, its licences and its published results with the replies a reviewer approved
 * (law/publicity_reply.h). A natural person's personal information goes through publicity_mask,
 * as every public output does (R-PUB-01). docs/publicity.md, "单位公示页、回应与公示牌". */
#ifndef LANDUN_ENTITY_PUBLIC_H
#define LANDUN_ENTITY_PUBLIC_H

#include <jansson.h>
#include "law/ctx.h"

#define ENTITY_PUBLIC_ITEMS 200 /* the newest published results listed on an entity's page */

/* The public page of entity id, by anyone (no scope): {"id", "name" (a person's masked),
 * "person", "uscc" (organisations), "subtype_label", "lines_label", "status", "status_label",
 * "agency", "agency_code", "licences": [{"type_label", "number", "valid_from", "valid_to",
 * "expired"}], "items": [{"id", "kind", "kind_label", "title", "doc_no", "summary", "decided_on",
 * "withdrawn", "withdraw_reason", "can_reply", "replies": [{"body", "on"}]}]}, newest first.
 * NULL with ERR_NOTFOUND when there is no such entity. */
json_t *entity_public_get(struct ctx *c, int64_t id, struct err *e);

#endif
