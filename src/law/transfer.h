/* transfer.h — moving a county's records into a provincial database (landun migrate). */
#ifndef LANDUN_TRANSFER_H
#define LANDUN_TRANSFER_H

#include <stdbool.h>
#include <stdint.h>
#include "law/ctx.h"

/* What to do with accounts whose user name the target already uses. */
struct transfer_opts {
    const char *source;      /* how the source is named in the target (its URL, say) */
    const char *user_suffix; /* appended to clashing user names; NULL: refuse the transfer */
    void (*progress)(const char *table, long done, long total); /* or NULL */
};

/* Rows per table, for the report. */
struct transfer_count {
    const char *table; /* table name */
    const char *label; /* its Chinese name */
    long copied;       /* new rows in the target */
    long matched;      /* rows the target already had (agencies by code, departments by name) */
};

#define TRANSFER_MAX_TABLES 96 /* the areas' copied tables (start of a transfer checks it) */

struct transfer_report {
    struct transfer_count tables[TRANSFER_MAX_TABLES];
    int ntables;
    long audit_rows;     /* rows of the source's audit chain archived */
    char audit_head[65]; /* the source chain's last hash */
    char renamed[4][64]; /* the first few renamed accounts ("old→new") */
    int nrenamed;
    char clashes[2048]; /* when refused: the records the target already has, one per line */
    int recounted;      /* provisional deadlines counted again on the target's calendar */
    int moved;          /* of which the last day changed */
};

/* Copy every agency, department, officer, review, account, entity, licence, 回避 list, campaign,
 * inspection, document, check item, random-check plan (pool, officers, commitments), task,
 * workflow step and deadline, holiday and counter of src into c->db in one transaction: ids are
 * given anew (agencies already in the target, matched by code, are reused), references follow
 * (lists of ids in text, polymorphic object ids and the document counters named after agencies
 * too), a frozen pool keeps the ids its snapshot was published with (the draw still verifies),
 * the source's audit chain is archived as it is (verifiable as before) and the target's chain
 * records the transfer with that chain's head hash. Sessions and login attempts are not copied;
 * a source with rows in a table the transfer does not know is refused. Nothing is written unless
 * everything is; a clash (user name, 执法证号, USCC in one tree) is refused with the records
 * named. */
int transfer_run(struct ctx *c, struct db *src, const struct transfer_opts *o,
                 struct transfer_report *rep, struct err *e);

/* What the transfer does with a table of the schema: *copied and its Chinese name when it copies
 * the rows, or why it does not (sessions, the audit chain archived whole, counters merged …);
 * NULL for a table it does not know — a source with rows there is refused (ERR_INVALID). */
const char *transfer_table_status(const char *table, bool *copied);

#endif
