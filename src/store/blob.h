/* blob.h — a content-addressed, streaming store of files (evidence: photos, audio, video, scans).
 *
 * Files are named by the lower-case hex SHA-256 of their content and kept under one directory:
 *   objects/ab/cd/abcd…   finished objects (read-only, mode 0400), never partial
 *   tmp/                  files being written by a blob_writer (removed on abort or failure)
 *   partial/<id>          resumable uploads, with partial/<id>.state (offset and hash state)
 * A file reaches objects/ only whole: written, fsync'd, then linked in one atomic step, and the
 * directory fsync'd. Memory stays constant whatever the size: content is hashed as it streams.
 * No database: the ledger that says which object belongs to which record lives above (issue 15).
 */
#ifndef LANDUN_BLOB_H
#define LANDUN_BLOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define BLOB_HEX    65 /* SHA-256 as lower-case hex, with the NUL */
#define BLOB_ID_HEX 33 /* a resumable upload's id: 16 random bytes as hex, with the NUL */

struct blob_store;
struct blob_writer;

/* What a commit or a finish produced. */
struct blob_result {
    char hex[BLOB_HEX]; /* the object's name: SHA-256 of its content */
    int64_t size;       /* its length in bytes */
    bool existed;       /* true when the same content was already stored (deduplicated) */
};

/* What blob_verify found. */
enum blob_check {
    BLOB_OK,      /* the file is there and hashes to its name */
    BLOB_MISSING, /* no such file */
    BLOB_ALTERED, /* the file's content no longer hashes to its name */
};

/* ---- the store ---------------------------------------------------------------------------- */

/* Open the store in dir, creating dir, objects/, tmp/ and partial/ (mode 0700) when missing.
 * On success *out is the store (free with blob_close); 0 or ERR_INTERNAL. */
int blob_open(const char *dir, struct blob_store **out, struct err *e);
/* Free the store (NULL is fine). Writers must be committed or aborted before. */
void blob_close(struct blob_store *s);
/* The store's directory (owned by the store). */
const char *blob_dir(const struct blob_store *s);

/* ---- writing in one go ---------------------------------------------------------------------- */

/* Start a new object: a temporary file in tmp/ with a random name. *out is the writer, which
 * blob_commit or blob_abort frees; 0 or ERR_INTERNAL. */
int blob_begin(struct blob_store *s, struct blob_writer **out, struct err *e);
/* Append len bytes (all of them) and hash them. On failure the temporary file is already removed
 * (a full disk says 存储空间不足) and the caller still calls blob_abort; 0 or ERR_INTERNAL. */
int blob_write(struct blob_writer *w, const void *data, size_t len, struct err *e);
/* Make the written content an object (or find it already stored) and free w. 0 with *res
 * filled, or ERR_INTERNAL (nothing left in tmp/). */
int blob_commit(struct blob_writer *w, struct blob_result *res, struct err *e);
/* blob_commit of content that must hash to expect (a copy of a known object): when it does not,
 * nothing is placed and ERR_CONFLICT says so. Callers: recording_backup. */
int blob_commit_expect(struct blob_writer *w, const char *expect, struct blob_result *res,
                       struct err *e);
/* Make the written content the file <dir>/name beside objects/ (no '/', not hidden), replacing
 * any file of that name in one atomic step (fsync, rename, fsync of dir), and free w. 0,
 * ERR_INVALID or ERR_INTERNAL (nothing replaced). Callers: recording_backup (ledger.jsonl). */
int blob_commit_named(struct blob_writer *w, const char *name, struct err *e);
/* Drop the content written so far and free w (NULL is fine). */
void blob_abort(struct blob_writer *w);
/* Bytes written so far. */
int64_t blob_written(const struct blob_writer *w);

/* ---- resumable uploads ---------------------------------------------------------------------- */

/* Start a resumable upload; its id (hex) into id. 0 or ERR_INTERNAL. */
int blob_partial_new(struct blob_store *s, char id[BLOB_ID_HEX], struct err *e);
/* The number of bytes an upload holds so far into *offset. 0, ERR_NOTFOUND or ERR_INTERNAL. */
int blob_partial_offset(struct blob_store *s, const char *id, int64_t *offset, struct err *e);
/* Append len bytes at expected_offset, which must be the upload's current length (else
 * ERR_CONFLICT); the new length into *offset (may be NULL). Once this returns 0 the bytes are on
 * disk and survive a restart. On failure the upload keeps its previous length. 0, ERR_INVALID
 * (bad id), ERR_NOTFOUND, ERR_CONFLICT or ERR_INTERNAL. */
int blob_partial_append(struct blob_store *s, const char *id, int64_t expected_offset,
                        const void *data, size_t len, int64_t *offset, struct err *e);
/* An append that streams: open the upload at expected_offset (its current length, else
 * ERR_CONFLICT), holding its lock; write chunks as they come (hashed, not yet durable); close
 * makes every chunk written whole durable and saves the new length — also after a failed write
 * or an interrupted request, so a client resumes from there. *out is freed by close. */
struct blob_append;
int blob_partial_open(struct blob_store *s, const char *id, int64_t expected_offset,
                      struct blob_append **out, struct err *e);
/* 0, or ERR_NOSPACE / ERR_INTERNAL (then every later write fails too). */
int blob_partial_write(struct blob_append *a, const void *data, size_t len, struct err *e);
/* The upload's length with the chunks written so far. */
int64_t blob_partial_written(const struct blob_append *a);
/* Save and release (NULL is fine); the upload's length into *offset (may be NULL). 0,
 * ERR_NOSPACE or ERR_INTERNAL (the upload then keeps its previous length). */
int blob_partial_close(struct blob_append *a, int64_t *offset, struct err *e);
/* Make the upload an object like blob_commit; the upload is gone afterwards. 0 with *res
 * filled, ERR_INVALID, ERR_NOTFOUND or ERR_INTERNAL. */
int blob_partial_finish(struct blob_store *s, const char *id, struct blob_result *res,
                        struct err *e);
/* Drop an upload; 0, ERR_INVALID, ERR_NOTFOUND or ERR_INTERNAL. */
int blob_partial_abort(struct blob_store *s, const char *id, struct err *e);

/* ---- derived files -------------------------------------------------------------------------- */

/* Files made from objects (thumbnails: law/recording_thumb.c) live in <dir>/<area>/<name>. They
 * are not evidence: not in the ledger, not walked by blob_walk (objects/ only), not backed up,
 * and made again whenever missing; removing an area's directory loses nothing. */

/* The path of derived file area/name into out (cap bytes); 0, or ERR_INVALID when area or name
 * holds a '/', is hidden, or area is one of the store's own (objects, tmp, partial). The file
 * need not exist. */
int blob_derived_path(const struct blob_store *s, const char *area, const char *name, char *out,
                      size_t cap, struct err *e);
/* Make the written content the derived file area/name (the area's directory created when
 * missing), replacing any file of that name in one atomic step, and free w. 0, ERR_INVALID,
 * ERR_NOSPACE or ERR_INTERNAL (nothing replaced). Two writers of one name leave one whole file. */
int blob_commit_derived(struct blob_writer *w, const char *area, const char *name, struct err *e);

/* ---- reading -------------------------------------------------------------------------------- */

/* True when hex is 64 lower-case hex digits (an object's name). */
bool blob_hex_valid(const char *hex);
/* The path of object hex into out (cap bytes); 0, or ERR_INVALID when hex is not a name. The
 * file need not exist. */
int blob_path(const struct blob_store *s, const char *hex, char *out, size_t cap, struct err *e);
/* Re-hash object hex (streaming) and say whether it is ok, missing or altered into *check.
 * 0, ERR_INVALID (bad hex) or ERR_INTERNAL (an I/O error other than absence). */
int blob_verify(struct blob_store *s, const char *hex, enum blob_check *check, struct err *e);

/* Called by blob_walk once per object; a non-zero return stops the walk and is returned. */
typedef int (*blob_walk_fn)(const char *hex, int64_t size, void *ctx);
/* Call fn for every object in objects/ (in directory order, each once). Files whose name or
 * place is not an object's are skipped. 0, fn's non-zero return, or ERR_INTERNAL. */
int blob_walk(struct blob_store *s, blob_walk_fn fn, void *ctx, struct err *e);

#endif
