/* campaign.h — 专项检查 campaigns: a named, dated campaign (of one line or any), its list of target
 * entities (added one by one or by a registry filter) and its progress (targets inspected under
 * the campaign / all targets, with those not yet done).
 *
 * A campaign belongs to the agency that sets it up. It is seen by that agency's subtree (which
 * may edit it and its list) and by the agencies above it; a campaign of a higher agency is seen
 * by the agencies below, which carry it out. Target lists and progress count the targets in the
 * actor's own scope: a county sees its part of a city campaign. */
#ifndef LANDUN_CAMPAIGN_H
#define LANDUN_CAMPAIGN_H

#include <jansson.h>
#include "law/ctx.h"

#define CAMPAIGN_MAX_IDS 500 /* entity ids added in one request */

/* Fields of a new or edited campaign, as strings from a form, JSON or the demo. */
struct campaign_input {
    const char *agency_code; /* the agency that runs it; default the actor's */
    const char *name;        /* 专项名称 */
    const char *line;        /* line code, or blank for any line */
    const char *starts_on;   /* YYYY-MM-DD */
    const char *ends_on;     /* YYYY-MM-DD, not before starts_on */
    const char *description; /* 检查内容与要求 */
    int64_t version;         /* for edits: the version the user saw (0 = do not check) */
};

/* Registry filter for adding targets; blank fields mean any. At least one field must be set
 * unless the campaign has a line (then the line is implied). */
struct campaign_filter {
    const char *line;       /* line code (must be the campaign's line when it has one) */
    const char *subtype;    /* entity sub-type code */
    const char *risk_grade; /* A–D */
    const char *status;     /* open | suspended | closed */
};

/* True when an actor sees a campaign of the agency at path: in the actor's subtree, or above it. */
static inline bool campaign_sees(const struct actor *who, const char *path)
{
    return who->agency_path && path &&
           (str_prefix(path, who->agency_path) || str_prefix(who->agency_path, path));
}

int campaign_add(struct ctx *c, const struct campaign_input *in, int64_t *id, struct err *e);
int campaign_update(struct ctx *c, int64_t id, const struct campaign_input *in, struct err *e);
/* One campaign the actor sees, with its progress {"total","done","pending","percent",
 * "off_target"} and can_edit; NULL + ERR_NOTFOUND otherwise. Caller owns the result. */
json_t *campaign_get(struct ctx *c, int64_t id, struct err *e);
/* Campaigns the actor sees, newest first, each with its progress:
 * {"rows": [...], "more", "page", "per_page"}. */
json_t *campaign_list(struct ctx *c, int page, int per_page, struct err *e);
/* Campaigns running on date (YYYY-MM-DD) that the actor sees, of line or of any line (line NULL:
 * every line), for choosing one: [{id,name,line_label,starts_on,ends_on}] (new reference). */
json_t *campaign_options(struct ctx *c, const char *date, const char *line, struct err *e);

/* Add entities (comma-separated ids, each in the actor's scope and of the campaign's line) to
 * the list; *added gets the number new to it. */
int campaign_target_add(struct ctx *c, int64_t id, const char *entity_ids, int *added,
                        struct err *e);
/* Add every entity in the actor's scope matching f; *added gets the number new to the list. */
int campaign_target_add_filter(struct ctx *c, int64_t id, const struct campaign_filter *f,
                               int *added, struct err *e);
/* Take an entity off the list (its inspections stay). */
int campaign_target_remove(struct ctx *c, int64_t id, int64_t entity_id, struct err *e);
/* The targets in the actor's scope, by name: which = "pending" (not yet inspected under the
 * campaign), "done", or NULL for all: {"rows": [{entity_id,name,address,subtype_label,done,
 * inspection_id,date}], "more", "page", "per_page"}. */
json_t *campaign_targets(struct ctx *c, int64_t id, const char *which, int page, int per_page,
                         struct err *e);

#endif
