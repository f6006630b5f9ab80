/* recording.h — whole-process recordings (执法全过程记录, 行政处罚法 第四十七条): photos, audio,
 * video and scans attached to an inspection, a complaint or a penalty case, kept by content in
 * the evidence store (store/blob.h) and listed in an append-only, hash-chained ledger whose
 * entries are quoted in the audit chain (docs/evidence.md).
 *
 * A file arrives as a resumable upload (tus): recording_upload_new gives it an id, the bytes are
 * appended through the store (web/upload.c streams them), and recording_add attaches the whole
 * upload to its record with who recorded it, with which device, when and where. Nothing deletes a
 * recording: retain_until marks when it may be disposed of, and its ledger entry stays. */
#ifndef LANDUN_RECORDING_H
#define LANDUN_RECORDING_H

#include <jansson.h>
#include "law/ctx.h"
#include "store/blob.h"

/* The largest file accepted: 64 GiB (a day of body-camera video is a few). */
#define RECORDING_MAX_SIZE ((int64_t)64 << 30)
/* Days an unfinished or unattached upload is kept [U]. */
#define RECORDING_UPLOAD_DAYS 7
/* Years a recording is kept by default (setting recording.retain_years) [U]. */
#define RECORDING_RETAIN_YEARS 30
#define RECORDING_RETAIN_BASIS                                                                     \
    "《行政处罚法》第四十七条：执法全过程记录归档保存；年限按机关的档案保管期限确定 [U]"

/* ---- uploads -------------------------------------------------------------------------------- */

/* An upload in progress, as its owner sees it. */
struct recording_upload {
    char id[BLOB_ID_HEX];
    int64_t length;        /* the size announced at creation */
    int64_t offset;        /* the bytes received so far */
    const char *file_name; /* arena */
};

/* Start an upload of length bytes for the actor; its id into id. ERR_INVALID (length, name),
 * ERR_NOSPACE or ERR_INTERNAL. */
int recording_upload_new(struct ctx *c, int64_t length, const char *file_name, char id[BLOB_ID_HEX],
                         struct err *e);
/* The actor's upload id: ERR_NOTFOUND when it is not theirs or is gone. */
int recording_upload_get(struct ctx *c, const char *id, struct recording_upload *out,
                         struct err *e);
/* Drop the actor's upload id and its bytes; 0, ERR_NOTFOUND or ERR_INTERNAL. */
int recording_upload_cancel(struct ctx *c, const char *id, struct err *e);
/* Store len bytes as a whole upload in one go (the demo, tests, small API clients): the id into
 * id. */
int recording_upload_bytes(struct ctx *c, const void *data, size_t len, const char *file_name,
                           char id[BLOB_ID_HEX], struct err *e);

/* ---- recordings ----------------------------------------------------------------------------- */

/* What is attached. Strings are as typed (NULL: absent). */
struct recording_in {
    const char *upload;      /* the finished upload's id */
    const char *object_type; /* inspection | complaint | case */
    int64_t object_id;
    const char *part;     /* '' | step:<id> | evidence:<id> */
    int64_t officer_id;   /* who recorded */
    int64_t device_id;    /* the device used, 0 for none */
    const char *taken_at; /* YYYY-MM-DD HH:MM (China time) */
    const char *place;
    const char *description;
    const char *file_name; /* NULL: the upload's */
};

/* Attach upload in->upload to its record: the file checked (its type by its content), placed in
 * the store, its ledger entry appended and quoted in the audit chain, in one transaction; the
 * upload is gone afterwards. *id is the recording. Refused with field errors and nothing saved
 * (the upload kept, to be attached again) when the record, officer, device, time or type do not
 * hold. */
int recording_add(struct ctx *c, const struct recording_in *in, int64_t *id, struct err *e);

/* The recordings of a record the actor may read, oldest taken first: [{id, seq, media,
 * media_label, content_type, thumb (a JPEG or PNG photo: it has a thumbnail), file_name, size,
 * sha256, officer, device, taken, place, description, part, key_step, key_step_label, uploaded_by,
 * uploaded, retain_until}]; NULL with ERR_NOTFOUND when the record is not the actor's to read. */
json_t *recording_list(struct ctx *c, const char *object_type, int64_t object_id, struct err *e);
/* One recording the actor may read (as in the list, with object_type and object_id). */
json_t *recording_get(struct ctx *c, int64_t id, struct err *e);

/* A recording's file for serving. */
struct recording_file {
    char path[4096];          /* in the store */
    const char *content_type; /* arena */
    const char *file_name;    /* arena */
    int64_t size;
    char sha256[BLOB_HEX];
};
/* Recording id's file, when the actor may read its record: ERR_NOTFOUND otherwise (or no file). */
int recording_file(struct ctx *c, int64_t id, struct recording_file *out, struct err *e);

/* The officers who may have recorded for record (object_type, object_id) — the active officers of
 * its agency — each with the devices they may use today: [{id, name, devices: [{id, kind_label,
 * number, …}]}], for the upload form; NULL when the record is not the actor's to read. */
json_t *recording_officers(struct ctx *c, const char *object_type, int64_t object_id,
                           struct err *e);
/* A photo recording's thumbnail, ready to serve. */
struct recording_thumb {
    char path[4096];          /* thumbs/<sha256>-<px>.jpg in the store */
    char etag[BLOB_HEX + 24]; /* "\"<sha256>-<px>\"", quoted for the header */
    int64_t size;             /* its bytes */
};
/* The thumbnail of recording id (a JPEG fitting in THUMB_PX, docs/thumb.h), made and kept in the
 * store on its first request, when the actor may read its record: ERR_NOTFOUND otherwise, and
 * when it is not a JPEG or PNG photo or its photo cannot be decoded (the message says which);
 * ERR_NOSPACE or ERR_INTERNAL when it cannot be kept. (law/recording_thumb.c) */
int recording_thumb(struct ctx *c, int64_t id, struct recording_thumb *out, struct err *e);

/* True when the actor may attach recordings to record (object_type, object_id). */
bool recording_may_attach(struct ctx *c, const char *object_type, int64_t object_id);
/* The parts of a record a recording may show, for a form: [{value, label, key_step}]. */
json_t *recording_parts(struct ctx *c, const char *object_type, int64_t object_id, struct err *e);

/* ---- the ledger ------------------------------------------------------------------------------ */

/* The hash of a ledger entry: every field of it in order, as text (docs/evidence.md), with the
 * previous entry's hash. row: the entry's columns as recording_ledger_row gives them. */
void recording_entry_hash(json_t *row, char out[BLOB_HEX]);
/* The entries of the ledger in seq order, each passed to fn as a JSON object of its columns
 * (seq, prev_hash, hash, sha256, size, …); a non-zero return stops the walk and is returned. */
typedef int (*recording_row_fn)(json_t *row, void *ctx);
int recording_ledger_walk(struct db *db, recording_row_fn fn, void *arg, struct err *e);

#endif
