/* audit.h — the tamper-evident trail of every change (操作日志). */
#ifndef LANDUN_AUDIT_H
#define LANDUN_AUDIT_H

#include <jansson.h>
#include "law/ctx.h"

/* Append a row (who, when, action, object, summary) chained to the previous row's hash, seen
 * from the actor's agency (the system's rows from the agency of the record they touch).
 * Must be called inside the transaction of the change it records. */
int audit_write(struct ctx *c, const char *action, const char *object_type, int64_t object_id,
                const char *fmt, ...) PRINTF(5, 6);
/* audit_write, but seen from agency_id instead of the actor's agency: the agency of the record
 * changed (a deadline an administrator's act moved), or AUDIT_EVERYWHERE for a change that
 * concerns every agency (the national holiday calendar), which every agency's auditors see. */
int audit_write_at(struct ctx *c, int64_t agency_id, const char *action, const char *object_type,
                   int64_t object_id, const char *fmt, ...) PRINTF(6, 7);
#define AUDIT_EVERYWHERE 0 /* agency_id of rows every agency sees (audit_list) */

/* How many rows this process has appended to the chain so far, counted as they are written
 * (before their transactions end): the public cache's sign that something changed
 * (web/public_cache.h). */
uint64_t audit_writes(void);
/* The id of the chain's last row (audit_head), as every process sharing the database sees it
 * once committed: the public cache's sign that another process changed something. */
int audit_head_id(struct db *db, int64_t *id, struct err *e);

/* One row for audit_write_many. */
struct audit_entry {
    int64_t agency_id;       /* seen from (audit_write_at) */
    const char *action;      /* task.deadline */
    const char *object_type; /* task */
    int64_t object_id;       /* the object's id */
    const char *summary;     /* what changed, in Chinese */
};
/* Append n rows at once, chained in order, as n calls of audit_write_at would (one claim of ids,
 * multi-row INSERTs, one update of the head): for an act that changes many records at once. */
int audit_write_many(struct ctx *c, const struct audit_entry *rows, size_t n);

/* Result of checking the chain. */
struct audit_check {
    int64_t rows;      /* rows checked */
    int64_t broken_id; /* first row whose hash or link does not match; 0 when intact */
    char reason[128];  /* what was wrong with it */
};
/* Recompute every hash in id order; 0 when the walk completed (see check->broken_id). */
int audit_verify(struct db *db, struct audit_check *check, struct err *e);

/* A row's hash as published (a signed head, law/anchor.h); id 0 is the empty chain. */
struct audit_mark {
    int64_t id;
    const char *hash;
};
/* audit_verify, also comparing the hash of each row marks[i].id with marks[i].hash (marks in
 * ascending id order): *first_bad gets the index of the first mark the chain does not reproduce
 * (another hash, a row beyond the chain's end or past the first broken row), or n. */
int audit_verify_marks(struct db *db, const struct audit_mark *marks, size_t n,
                       struct audit_check *check, size_t *first_bad, struct err *e);

/* Check the chain that landun migrate archived from source (see transfer.h) the same way;
 * head gets its last hash, which the live chain's transfer row quotes. */
int audit_verify_archive(struct db *db, const char *source, struct audit_check *check,
                         char head[65], struct err *e);

/* Every archived chain checked: [{source, rows, intact, broken_id, reason}], intact only when
 * the chain is whole and the live chain's transfer row quotes its last hash. NULL on error. */
json_t *audit_verify_archives(struct db *db, struct err *e);

/* One audit row found as evidence of an act, and whether it still is: its hash recomputes from
 * its content and links to the row before it. */
struct audit_evidence {
    bool found;
    int64_t id;         /* its id on its chain */
    const char *source; /* the archived chain it is on (landun migrate), or NULL for the live one */
    const char *summary; /* its summary (in c->arena) */
    bool intact;         /* hash and link hold */
};
/* The latest row recording action on object (object_type, table's row id): on the live chain,
 * else on an archived chain under the id the row had there (transfer_map). */
int audit_evidence(struct ctx *c, const char *action, const char *object_type, const char *table,
                   int64_t id, struct audit_evidence *out, struct err *e);

/* Filters for browsing the trail. */
struct audit_query {
    const char *q;           /* fragment of summary/username/action, or NULL */
    const char *object_type; /* or NULL */
    int64_t object_id;       /* or 0 */
    int64_t before_id;       /* keyset paging: rows with id < before_id; 0 for the newest */
    int limit;               /* rows per page */
};
/* Who did it, as a person is called: the account's 姓名, or its username when the account is gone,
 * or 系统 for the system's own rows. */
const char *audit_person(const char *display_name, const char *username);
/* Rows visible to the actor (their agency subtree), newest first, as a JSON array of objects;
 * *more says whether another page follows. Caller owns the result (json_decref). */
json_t *audit_list(struct ctx *c, const struct audit_query *q, bool *more, struct err *e);

#endif
