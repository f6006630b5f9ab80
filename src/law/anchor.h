/* anchor.h — signed heads of the audit chain (审计链锚定).
 *
 * The chain (audit.h) shows a change to one row, but someone who can write the database can
 * rewrite a row and re-hash every row after it. A head — the chain's last row and its hash —
 * signed with a key kept outside the database and published outside it (on the public site,
 * sent to the supervising agency, archived by anyone) fixes the chain up to that row: a
 * rewritten chain no longer reproduces the published hash. landun signs a head every day and on
 * demand; `landun verify audit --against FILE` compares the chain with published heads.
 *
 * A head is signed (Ed25519) over the statement, in UTF-8 with "\n" after each line:
 *     landun audit head v1
 *     last_id=<row id>
 *     hash=<that row's hash, 64 hex digits>
 *     at=<UTC seconds when signed>
 * and published as one JSON object per line (docs/audit.md). */
#ifndef LANDUN_ANCHOR_H
#define LANDUN_ANCHOR_H

#include <jansson.h>
#include "base/buf.h"
#include "base/crypto.h"
#include "law/audit.h"
#include "law/ctx.h"

/* The signing key: the secret key's hex from a file only root (or the service user) can read. */
struct anchor_key {
    char secret[SIGN_SECRET_HEX];
    char public_key[SIGN_PUBLIC_HEX];
};
/* Create a new key file at path (mode 0600; refused when path exists); its public key into k. */
int anchor_key_create(const char *path, struct anchor_key *k, struct err *e);
/* Read the key file at path. */
int anchor_key_load(const char *path, struct anchor_key *k, struct err *e);

/* One signed head. */
struct anchor_head {
    int64_t last_id;                  /* the chain's last row when signed (0: empty chain) */
    char hash[65];                    /* its hash (the genesis hash for an empty chain) */
    int64_t at;                       /* when signed, UTC seconds */
    char public_key[SIGN_PUBLIC_HEX]; /* the signer */
    char signature[SIGN_HEX];         /* over anchor_statement */
    size_t line;                      /* its line in the published file (anchor_parse) */
};
/* The signed statement of a head (the header's format) into out. */
void anchor_statement(const struct anchor_head *h, struct buf *out);

/* Sign the chain's current head with k and store it. daily: only when no daily head was signed
 * on c->now's day (China time); *made says whether one was. The caller holds no transaction. */
int anchor_sign(struct ctx *c, const struct anchor_key *k, bool daily, bool *made, struct err *e);

/* Every stored head, oldest first, as JSON lines (the published form) appended to out. */
int anchor_export(struct ctx *c, struct buf *out, struct err *e);
/* The newest limit stored heads, newest first, as a JSON array for the auditors' page. */
json_t *anchor_list(struct ctx *c, int limit, struct err *e);

/* Parse published heads (JSON lines; blank lines and lines starting with # ignored) into a
 * malloc'd array sorted by last_id. ERR_INVALID names the first bad line. */
int anchor_parse(const char *text, size_t len, struct anchor_head **heads, size_t *n,
                 struct err *e);

/* The result of comparing the chain with published heads. */
struct anchor_check {
    size_t heads;           /* heads read */
    size_t signed_ok;       /* of which the signature verifies (by the expected key) */
    size_t matched;         /* of which the chain reproduces */
    size_t bad_sig_line;    /* the file line of the first head whose signature fails; 0 */
    int64_t differs_at;     /* last_id of the first head the chain does not reproduce; 0 */
    int64_t differs_signed; /* …and when that head was signed */
    int64_t matched_before; /* last_id of the last head reproduced before it (0: none) */
    char reason[200];       /* what differs, in Chinese; empty when all is well */
};
/* Check heads' signatures (by public_key when not NULL, else each by its own key) and walk the
 * chain (its own check into chain) comparing each signed head's row with its hash. 0 when the
 * walk ran; ck->reason is empty exactly when every head is signed and reproduced. */
int anchor_check(struct db *db, const struct anchor_head *heads, size_t n, const char *public_key,
                 struct anchor_check *ck, struct audit_check *chain, struct err *e);

/* anchor_check against the heads stored in the database, read exactly as published
 * (anchor_export): they hold while the key is kept off the database server. */
int anchor_check_stored(struct ctx *c, const char *public_key, struct anchor_check *ck,
                        struct audit_check *chain, struct err *e);

#endif
