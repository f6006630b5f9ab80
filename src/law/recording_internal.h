/* recording_internal.h — what recording.c and recording_read.c share. */
#ifndef LANDUN_RECORDING_INTERNAL_H
#define LANDUN_RECORDING_INTERNAL_H

#include "law/recording.h"

/* The record a recording belongs to, as checked. */
struct recording_target {
    const char *object_type; /* inspection | complaint | case (static) */
    const char *label;       /* 检查 | 投诉举报 | 案件 (static) */
    int64_t agency_id;       /* the record's agency */
    const char *part;        /* '' | step:<id> | evidence:<id> (arena) */
    const char *key_step;    /* site | inquiry | service | hearing | '' (static) */
};

/* Check that record (type, id) exists for the actor (whose read permission and scope its own
 * reader applies) and, when write, that the actor may attach to it; part must be one of its own
 * parts. ERR_NOTFOUND, ERR_FORBIDDEN or ERR_INVALID (field part / object_type). */
int recording_target_check(struct ctx *c, const char *type, int64_t id, const char *part,
                           bool write, struct recording_target *out, struct err *e);

/* The hash before the first entry (recording_head's initial hash). */
#define RECORDING_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* The ledger's head: the last entry's seq and hash (recording_head). Callers: recording_verify,
 * recording_backup. */
int recording_head(struct db *db, int64_t *seq, char hash[BLOB_HEX], struct err *e);

/* The ledger's columns in the order an entry's hash covers them. */
extern const char *const recording_columns[];
extern const size_t recording_ncolumns;
/* True when column name of an entry holds an integer. */
bool recording_int_column(const char *name);

#endif
