/* recording_backup.c — `landun backup evidence DEST`: the files the recordings' ledger names,
 * copied into a directory of the store's layout, with the whole ledger as ledger.jsonl and its
 * head as head.json (law/recording_verify.h, docs/evidence.md). */
#include "law/recording_verify.h"
#include "law/recording_internal.h"
#include "base/buf.h"
#include "base/jpack.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COPY_CHUNK (64 * 1024)

/* The state of one backup as it walks the ledger. */
struct backup {
    struct blob_store *src, *dst;
    struct blob_writer *ledger; /* the new ledger.jsonl, in dst's tmp/ */
    int64_t head_seq;           /* entries past the head (added during the walk) are left out */
    recording_finding_fn fn;
    void *arg;
    struct recording_backup_result *out;
    struct err *e;
};

/* Stream the file at path into w (hashed as it goes): 0, an errno (ENOENT: no such file), or
 * -1 when blob_write failed (e filled). */
static int copy_bytes(const char *path, struct blob_writer *w, struct err *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    char *chunk = xmalloc(COPY_CHUNK);
    ssize_t n;
    int rc = 0;
    while (!rc && (n = read(fd, chunk, COPY_CHUNK)) != 0) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            rc = errno;
        else if (blob_write(w, chunk, (size_t)n, e))
            rc = -1;
    }
    free(chunk);
    close(fd);
    return rc;
}

/* The file of entry seq is left out of the copy (why: 缺失, 已被改动): reported, counted. */
static int skip_file(struct backup *b, int64_t seq, const char *hex, const char *why)
{
    struct buf msg = {0};
    buf_addf(&msg, "第 %" PRId64 " 条的文件%s，未复制：SHA-256 %s", seq, why, hex);
    if (b->fn) b->fn(buf_str(&msg), b->arg);
    buf_free(&msg);
    b->out->failed++;
    *b->e = (struct err){0};
    return 0;
}

/* [R-EVD-23] Copy the file of entry seq unless the copy has it: re-hashed while it is copied and
 * placed only when it is the file the entry names. A file missing or altered here is reported
 * and left out. */
static int copy_file(struct backup *b, int64_t seq, const char *hex)
{
    char from[4096], to[4096];
    struct stat sb;
    struct blob_writer *w;
    struct blob_result res;
    if (!blob_hex_valid(hex)) return skip_file(b, seq, hex, "编号无效");
    if (blob_path(b->src, hex, from, sizeof from, b->e) ||
        blob_path(b->dst, hex, to, sizeof to, b->e))
        return b->e->code;
    if (stat(to, &sb) == 0) {
        b->out->present++;
        return 0;
    }
    if (blob_begin(b->dst, &w, b->e)) return b->e->code;
    int errnum = copy_bytes(from, w, b->e), rc = 0;
    if (errnum)
        blob_abort(w);
    else
        rc = blob_commit_expect(w, hex, &res, b->e);
    if (errnum < 0) return b->e->code;
    if (errnum == ENOENT) return skip_file(b, seq, hex, "缺失");
    if (errnum) return err_set(b->e, ERR_INTERNAL, "读取 %s 失败：%s", from, strerror(errnum));
    if (rc == ERR_CONFLICT) return skip_file(b, seq, hex, "已被改动");
    if (rc) return rc;
    b->out->copied++;
    b->out->copied_bytes += res.size;
    return 0;
}

/* The entry as a line of ledger.jsonl: its hashed columns in hash order, its hash and id. */
static int write_line(struct backup *b, json_t *row)
{
    json_t *o = json_object();
    for (size_t i = 0; i < recording_ncolumns; i++)
        json_object_set(o, recording_columns[i], json_object_get(row, recording_columns[i]));
    json_object_set(o, "hash", json_object_get(row, "hash"));
    json_object_set(o, "id", json_object_get(row, "id"));
    char *text = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    int rc = blob_write(b->ledger, text, strlen(text), b->e);
    if (!rc) rc = blob_write(b->ledger, "\n", 1, b->e);
    free(text);
    return rc;
}

/* One entry: its line, and its file (recording_row_fn). */
static int backup_entry(json_t *row, void *arg)
{
    struct backup *b = arg;
    int64_t seq = jget_int(row, "seq");
    if (seq > b->head_seq) return 0;
    b->out->entries++;
    int rc = write_line(b, row);
    return rc ? rc : copy_file(b, seq, jget_text(row, "sha256"));
}

/* Write text and a newline as the file name beside dst's objects/, atomically. */
static int write_named(struct blob_store *dst, const char *name, const char *text, struct err *e)
{
    struct blob_writer *w;
    int rc = blob_begin(dst, &w, e);
    if (rc) return rc;
    rc = blob_write(w, text, strlen(text), e);
    if (!rc) rc = blob_write(w, "\n", 1, e);
    if (rc) {
        blob_abort(w);
        return rc;
    }
    return blob_commit_named(w, name, e);
}

/* head.json: the ledger's head (seq, hash) and the audit chain's, at now. */
static int write_head(struct db *db, struct backup *b, const char *hash, int64_t now)
{
    json_t *h = jpack("{sI ss}", "seq", (json_int_t)b->head_seq, "hash", hash);
    struct db_stmt *st =
        db_query(db, b->e, "SELECT last_id, hash FROM audit_head WHERE one = 1", "");
    if (st && db_step(st, b->e) == DB_ROW) {
        jset_int(h, "audit_last_id", db_int(st, 0));
        jset_text(h, "audit_hash", db_text(st, 1));
    }
    db_done(st);
    jset_int(h, "at", now);
    char *text = json_dumps(h, JSON_COMPACT);
    json_decref(h);
    int rc = b->e->code ? b->e->code : write_named(b->dst, RECORDING_HEAD_FILE, text, b->e);
    free(text);
    return rc;
}

int recording_backup(struct db *db, struct blob_store *s, const char *dest, int64_t now,
                     recording_finding_fn fn, void *arg, struct recording_backup_result *out,
                     struct err *e)
{
    memset(out, 0, sizeof *out);
    struct backup b = {.src = s, .fn = fn, .arg = arg, .out = out, .e = e};
    char hash[BLOB_HEX];
    /* the head first: every entry up to it is committed, so the walk sees them all */
    int rc = recording_head(db, &b.head_seq, hash, e);
    if (!rc) rc = blob_open(dest, &b.dst, e);
    if (!rc) rc = blob_begin(b.dst, &b.ledger, e);
    if (!rc) rc = recording_ledger_walk(db, backup_entry, &b, e);
    if (!rc) {
        rc = blob_commit_named(b.ledger, RECORDING_LEDGER_FILE, e);
        b.ledger = NULL;
    }
    if (!rc) rc = write_head(db, &b, hash, now);
    blob_abort(b.ledger);
    blob_close(b.dst);
    return rc;
}
