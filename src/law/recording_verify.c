/* recording_verify.c — `landun verify evidence`: the recordings' ledger checked entry by entry
 * against its own hashes, the audit chain and the evidence store, or a copy of it checked without
 * the database (law/recording_verify.h, docs/evidence.md). The copying is recording_backup.c. */
#include "law/recording_verify.h"
#include "law/recording_internal.h"
#include "base/buf.h"
#include "base/jpack.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A recording.add audit row: the entry it quotes. */
struct quote {
    int64_t seq;         /* the entry's seq */
    int64_t audit_id;    /* the audit row */
    char hash[BLOB_HEX]; /* the entry hash it quotes */
};

/* The state of one check as it walks the ledger. */
struct walk {
    recording_finding_fn fn; /* where findings go */
    void *arg;
    struct recording_check *out;
    struct blob_store *store; /* the files' store (or the copy's) */
    int64_t last_seq;         /* the entry before, 0 at the start */
    char last_hash[BLOB_HEX]; /* its hash, RECORDING_GENESIS at the start */
    bool audited;             /* compared with the audit rows (not for a copy) */
    struct quote *quotes;     /* the audit rows, by seq (xrealloc'd) */
    size_t nquotes;
    char (*known)[BLOB_HEX]; /* the files the entries name (xrealloc'd), sorted before the walk
                                of the store: about 65 bytes a file */
    size_t nknown, capknown;
    struct err *e;
};

static void PRINTF(2, 3) finding(struct walk *w, const char *fmt, ...)
{
    va_list ap;
    struct buf msg = {0};
    va_start(ap, fmt);
    buf_vaddf(&msg, fmt, ap);
    va_end(ap);
    w->out->findings++;
    if (w->fn) w->fn(buf_str(&msg), w->arg);
    buf_free(&msg);
}

static void walk_free(struct walk *w)
{
    free(w->quotes);
    free(w->known);
}

/* ---- the audit rows ------------------------------------------------------------------------- */

/* The seq and entry hash an audit summary quotes (write_entry in recording.c: "执法记录台账第
 * N 条：… 条目哈希 H"); false when it quotes none. */
static bool parse_quote(const char *summary, struct quote *q)
{
    const char *p = strstr(summary, "执法记录台账第 "), *h = strstr(summary, "条目哈希 ");
    if (!p || !h) return false;
    q->seq = strtoll(p + strlen("执法记录台账第 "), NULL, 10);
    h += strlen("条目哈希 ");
    snprintf(q->hash, sizeof q->hash, "%.64s", h);
    return q->seq > 0;
}

static int quote_cmp(const void *a, const void *b)
{
    const struct quote *x = a, *y = b;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Every recording.add row of the audit chain, sorted by the seq it quotes. */
static int load_quotes(struct db *db, struct walk *w, struct err *e)
{
    size_t cap = 0;
    struct db_stmt *st = db_query(db, e,
                                  "SELECT id, summary FROM audit_log"
                                  " WHERE action = 'recording.add' ORDER BY id",
                                  "");
    int rc;
    while (st && (rc = db_step(st, e)) == DB_ROW) {
        struct quote q = {.audit_id = db_int(st, 0)};
        if (!parse_quote(db_text(st, 1), &q)) continue;
        if (w->nquotes == cap) {
            cap = cap ? 2 * cap : 256;
            w->quotes = xrealloc(w->quotes, cap * sizeof *w->quotes);
        }
        w->quotes[w->nquotes++] = q;
    }
    db_done(st);
    if (e->code) return e->code;
    if (w->nquotes) qsort(w->quotes, w->nquotes, sizeof *w->quotes, quote_cmp);
    return 0;
}

/* [R-EVD-21] An entry is what the audit chain recorded when it was added: a recording.add row
 * quotes its hash. A ledger rewritten and re-hashed consistently differs from those rows, and
 * rows changed to match break the audit chain itself (landun verify audit). */
static void check_quote(struct walk *w, int64_t seq, const char *hash, const char *file)
{
    if (!w->audited) return;
    struct quote key = {.seq = seq};
    const struct quote *q =
        w->nquotes ? bsearch(&key, w->quotes, w->nquotes, sizeof key, quote_cmp) : NULL;
    if (!q)
        finding(w,
                "第 %" PRId64
                " 条（文件 SHA-256 %s）在审计链中没有记载（无 recording.add 审计记录）："
                "条目不是经本系统加入的",
                seq, file);
    else if (strcmp(q->hash, hash) != 0)
        finding(w,
                "第 %" PRId64 " 条与审计链记载不符：审计记录第 %" PRId64 " 条记载的条目哈希为 %s，"
                "台账中为 %s（文件 SHA-256 %s）：台账被改写并重新计算了哈希",
                seq, q->audit_id, q->hash, hash, file);
}

/* Audit rows quoting entries past the ledger's end: entries deleted from its end. */
static void check_quotes_past(struct walk *w)
{
    for (size_t i = 0; i < w->nquotes; i++)
        if (w->quotes[i].seq > w->last_seq)
            finding(w,
                    "审计链记载了第 %" PRId64 " 条（审计记录第 %" PRId64 " 条，条目哈希 %s），"
                    "台账中没有：台账末尾的条目被删除",
                    w->quotes[i].seq, w->quotes[i].audit_id, w->quotes[i].hash);
}

/* ---- the entries ---------------------------------------------------------------------------- */

static void known_add(struct walk *w, const char *hex)
{
    if (w->nknown == w->capknown) {
        w->capknown = w->capknown ? 2 * w->capknown : 256;
        w->known = xrealloc(w->known, w->capknown * sizeof *w->known);
    }
    snprintf(w->known[w->nknown++], BLOB_HEX, "%s", hex);
}

/* [R-EVD-22] The file an entry names is in the store and still hashes to its name. */
static int check_file(struct walk *w, int64_t seq, const char *file)
{
    enum blob_check check;
    if (!blob_hex_valid(file)) {
        finding(w, "第 %" PRId64 " 条记载的文件 SHA-256 无效：%s", seq, file);
        return 0;
    }
    known_add(w, file);
    int rc = blob_verify(w->store, file, &check, w->e);
    if (rc) return rc;
    if (check == BLOB_MISSING)
        finding(w, "第 %" PRId64 " 条的文件缺失：SHA-256 %s", seq, file);
    else if (check == BLOB_ALTERED)
        finding(w, "第 %" PRId64 " 条的文件已被改动：内容与 SHA-256 %s 不符", seq, file);
    return 0;
}

/* [R-EVD-20] Each entry hashes to its hash, follows the one before by seq and links to its hash:
 * a row edited, reordered, inserted or deleted shows here. */
static void check_link(struct walk *w, json_t *row, int64_t seq, const char *hash, const char *file)
{
    char again[BLOB_HEX];
    recording_entry_hash(row, again);
    if (strcmp(again, hash) != 0)
        finding(w,
                "第 %" PRId64 " 条（编号 %" PRId64 "）条目内容被改动：记载的条目哈希为 %s，"
                "按内容重算为 %s（文件 SHA-256 %s）",
                seq, jget_int(row, "id"), hash, again, file);
    const char *prev = jget_text(row, "prev_hash");
    if (seq == w->last_seq + 2)
        finding(w, "缺少第 %" PRId64 " 条：台账条目被删除", w->last_seq + 1);
    else if (seq > w->last_seq + 2)
        finding(w, "缺少第 %" PRId64 "–%" PRId64 " 条：台账条目被删除", w->last_seq + 1, seq - 1);
    else if (seq <= w->last_seq)
        finding(w,
                "第 %" PRId64 " 条出现在第 %" PRId64 " 条之后：台账顺序被改动（文件 SHA-256 %s）",
                seq, w->last_seq, file);
    else if (strcmp(prev, w->last_hash) != 0)
        finding(w,
                "第 %" PRId64
                " 条与前一条接不上：台账顺序被改动，或有条目被插入、删除（记载的前一条"
                "哈希为 %s，前一条实为 %s；文件 SHA-256 %s）",
                seq, prev, w->last_hash, file);
}

/* Check one entry (recording_row_fn). */
static int check_entry(json_t *row, void *arg)
{
    struct walk *w = arg;
    int64_t seq = jget_int(row, "seq");
    const char *hash = jget_text(row, "hash"), *file = jget_text(row, "sha256");
    w->out->entries++;
    check_link(w, row, seq, hash, file);
    check_quote(w, seq, hash, file);
    int rc = check_file(w, seq, file);
    w->last_seq = seq;
    snprintf(w->last_hash, sizeof w->last_hash, "%s", hash);
    return rc;
}

/* [R-EVD-20] The head names the last entry: entries deleted from the end (or a head moved)
 * show here. */
static void check_head(struct walk *w, int64_t seq, const char *hash)
{
    if (seq != w->last_seq || strcmp(hash, w->last_hash) != 0)
        finding(w,
                "台账头（第 %" PRId64 " 条，条目哈希 %s）与最后一条（第 %" PRId64 " 条，条目哈希 "
                "%s）不符：台账末尾的条目被删除或添加，或台账头被改动",
                seq, hash, w->last_seq, w->last_hash);
}

/* ---- the store ------------------------------------------------------------------------------ */

static int hex_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* [R-EVD-22] A file of the store that no entry names (blob_walk_fn). */
static int check_named(const char *hex, int64_t size, void *arg)
{
    struct walk *w = arg;
    w->out->files++;
    w->out->bytes += size;
    if (!w->nknown || !bsearch(hex, w->known, w->nknown, sizeof *w->known, hex_cmp))
        finding(w, "多出的文件：SHA-256 %s（%" PRId64 " 字节），台账中没有条目指向它", hex, size);
    return 0;
}

static int check_store(struct walk *w)
{
    if (w->nknown) qsort(w->known, w->nknown, sizeof *w->known, hex_cmp);
    return blob_walk(w->store, check_named, w, w->e);
}

/* ---- the database --------------------------------------------------------------------------- */

int recording_head(struct db *db, int64_t *seq, char hash[BLOB_HEX], struct err *e)
{
    struct db_stmt *st = db_query(db, e, "SELECT seq, hash FROM recording_head WHERE one = 1", "");
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        *seq = db_int(st, 0);
        snprintf(hash, BLOB_HEX, "%s", db_text(st, 1));
    }
    db_done(st);
    return rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_INTERNAL, "执法记录台账头缺失");
}

int recording_verify(struct db *db, struct blob_store *s, recording_finding_fn fn, void *arg,
                     struct recording_check *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    struct walk w = {.fn = fn, .arg = arg, .out = out, .store = s, .audited = true, .e = e};
    snprintf(w.last_hash, sizeof w.last_hash, "%s", RECORDING_GENESIS);
    int64_t head_seq;
    char head_hash[BLOB_HEX];
    int rc = recording_head(db, &head_seq, head_hash, e);
    if (!rc) rc = load_quotes(db, &w, e);
    if (!rc) rc = recording_ledger_walk(db, check_entry, &w, e);
    if (!rc) {
        check_head(&w, head_seq, head_hash);
        check_quotes_past(&w);
        rc = check_store(&w);
    }
    walk_free(&w);
    return rc;
}

/* ---- a copy --------------------------------------------------------------------------------- */

/* The head a copy recorded in head.json; a finding when it cannot be read. */
static void copy_head(struct walk *w, const char *dir)
{
    char path[4096];
    json_error_t je;
    snprintf(path, sizeof path, "%s/%s", dir, RECORDING_HEAD_FILE);
    json_t *h = json_load_file(path, 0, &je);
    if (!json_is_object(h) || !json_is_integer(json_object_get(h, "seq")))
        finding(w, "副本的 %s 缺失或无法读取：无法确认台账末尾是否完整", RECORDING_HEAD_FILE);
    else
        check_head(w, jget_int(h, "seq"), jget_text(h, "hash"));
    json_decref(h);
}

/* Check each line of the copy's ledger.jsonl as an entry. */
static int copy_entries(struct walk *w, FILE *f)
{
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    for (long n = 1; !rc && getline(&line, &cap, f) >= 0; n++) {
        json_error_t je;
        json_t *row = json_loads(line, 0, &je);
        if (json_is_object(row))
            rc = check_entry(row, w);
        else
            finding(w, "%s 第 %ld 行不是台账条目：%s", RECORDING_LEDGER_FILE, n, je.text);
        json_decref(row);
    }
    free(line);
    return rc;
}

/* [R-EVD-24] A copy is checked by the same walk, from its own files only. */
int recording_verify_copy(const char *dir, recording_finding_fn fn, void *arg,
                          struct recording_check *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    struct walk w = {.fn = fn, .arg = arg, .out = out, .e = e};
    snprintf(w.last_hash, sizeof w.last_hash, "%s", RECORDING_GENESIS);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, RECORDING_LEDGER_FILE);
    FILE *f = fopen(path, "r");
    if (!f)
        return err_set(e, ERR_NOTFOUND, "%s 不是执法记录的备份：缺少 %s（%s）", dir,
                       RECORDING_LEDGER_FILE, strerror(errno));
    int rc = blob_open(dir, &w.store, e);
    if (!rc) rc = copy_entries(&w, f);
    fclose(f);
    if (!rc) {
        copy_head(&w, dir);
        rc = check_store(&w);
    }
    blob_close(w.store);
    walk_free(&w);
    return rc;
}
