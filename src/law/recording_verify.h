/* recording_verify.h — checking the recordings' ledger (law/recording.h) against itself, the
 * audit chain and the evidence store (landun verify evidence), copying it and its files out
 * (landun backup evidence) and checking such a copy without the database (docs/evidence.md). */
#ifndef LANDUN_RECORDING_VERIFY_H
#define LANDUN_RECORDING_VERIFY_H

#include "law/recording.h"

/* The file a copy keeps the ledger in, one entry a line, and the file with its head. */
#define RECORDING_LEDGER_FILE "ledger.jsonl"
#define RECORDING_HEAD_FILE   "head.json"

/* Called once per problem as the check streams: msg in Chinese, naming the entry's seq and the
 * file's SHA-256 (valid during the call only). */
typedef void (*recording_finding_fn)(const char *msg, void *arg);

/* What a check saw. */
struct recording_check {
    int64_t entries;  /* ledger entries read */
    int64_t files;    /* objects found in the store (or the copy) */
    int64_t bytes;    /* their total size */
    int64_t findings; /* problems reported through the callback */
};

/* Walk the ledger in seq order and check every entry: its hash, its link to the one before and
 * its seq, its audit row (recording.add quoting its hash), its file in store s; then the head
 * and the store's files no entry names. Every problem goes to fn; 0 when the walk completed
 * (see out->findings), or a database or I/O error. */
int recording_verify(struct db *db, struct blob_store *s, recording_finding_fn fn, void *arg,
                     struct recording_check *out, struct err *e);

/* The same checks on a copy made by recording_backup in dir, without the database: the chain of
 * its ledger.jsonl against head.json, and its files (no audit rows to compare with). */
int recording_verify_copy(const char *dir, recording_finding_fn fn, void *arg,
                          struct recording_check *out, struct err *e);

/* What a backup did. */
struct recording_backup_result {
    int64_t entries;      /* ledger entries written to ledger.jsonl */
    int64_t copied;       /* files copied this run */
    int64_t copied_bytes; /* their size */
    int64_t present;      /* files the copy had already (not read again) */
    int64_t failed;       /* files not copied: missing or altered here (each reported to fn) */
};

/* Copy into dest (created when missing, the store's layout) every file the ledger names that
 * dest lacks — each re-hashed as it is copied and placed only when it matches its entry — and
 * rewrite dest/ledger.jsonl and dest/head.json atomically (now: the time head.json records).
 * 0 (see out->failed) or an error. */
int recording_backup(struct db *db, struct blob_store *s, const char *dest, int64_t now,
                     recording_finding_fn fn, void *arg, struct recording_backup_result *out,
                     struct err *e);

#endif
