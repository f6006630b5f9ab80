/* publicity_internal.h — what the files of the publicity queue share (law/publicity*.c). */
#ifndef LANDUN_PUBLICITY_INTERNAL_H
#define LANDUN_PUBLICITY_INTERNAL_H

#include "law/publicity.h"

/* An item to queue: its record, its fields before masking (data: owned by the caller, masked in
 * place), whose personal details to hide (secrets: the person's name first, then the address;
 * NULL-ended), and its severity (penalties; NULL otherwise). */
struct publicity_new {
    const char *kind;
    int64_t source_id, agency_id, entity_id;
    const char *line;
    bool person;
    const char *decided_on;
    const char *severity;
    json_t *data;
    const char *const *secrets;
};

extern const struct wf_deadline_rule publicity_deadline_decision, publicity_deadline_other;

/* Queue n (inside the caller's transaction): the item in state queued with its publication
 * period and the deadline to publish it; nothing when its source has an item already. */
int publicity_insert(struct ctx *c, const struct publicity_new *n, struct err *e);
/* The public heading of an item of kind with data (arena). */
const char *publicity_title(struct ctx *c, const char *kind, const json_t *data);
/* minor | general | serious for a penalty decision of types (a comma list of 第九条 codes) with
 * fine (分), decided in the summary procedure or not; minor_fine: the highest fine (分) that is
 * still 轻微. */
const char *publicity_severity(const char *types, int64_t fine, bool summary, int64_t minor_fine);
/* The item's data with the reviewer's mask edits applied and masked again (new reference), from
 * the texts stored in its row; secrets as publicity_mask's (the registry's name and address of
 * the person, or NULL). */
json_t *publicity_data_shown(struct ctx *c, const char *data, const char *mask, bool person,
                             const char *const *secrets);

#endif
