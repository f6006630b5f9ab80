/* blob.c — the content-addressed evidence store: streaming writes, resumable uploads, checks.
 *
 * Every write path ends the same way (place_object): the content is fsync'd, made read-only,
 * linked under objects/ab/cd/<hex> (link fails when the name exists, which is how identical
 * content is deduplicated) and the directory fsync'd. A reader therefore never sees a partial
 * object: before the link there is no name, after it there is the whole file.
 */
#include "store/blob.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/crypto.h"
#include "base/sha256.h"

#define BLOB_CHUNK   (64 * 1024)      /* read size when re-hashing an object */
#define BLOB_DIR_MAX (PATH_MAX - 128) /* longest store directory: room for every name below */
#define STATE_MAGIC  "LDBLOB2"        /* first bytes of a partial/<id>.state file */

struct blob_store {
    char *dir; /* the store's directory, without a trailing slash (malloc'd) */
};

struct blob_writer {
    struct blob_store *store; /* the store it writes into */
    int fd;                   /* the temporary file; -1 once failed */
    char tmp[PATH_MAX];       /* its path; empty once removed */
    struct sha256 hash;       /* SHA-256 of the bytes written so far */
    int64_t size;             /* bytes written so far */
};

/* A resumable upload's side file, written whole (temp + rename) after each append. The hash
 * state is OpenSSL's plain SHA256_CTX (base/sha256.h): the file is read back by the same build on
 * the same machine.
 */
struct partial_state {
    char magic[8];           /* STATE_MAGIC */
    uint64_t offset;         /* bytes of partial/<id> covered by hash */
    struct sha256 hash;      /* SHA-256 state after those bytes */
    unsigned char check[32]; /* SHA-256 of the fields above: a torn file is refused */
};

/* ---- small helpers ------------------------------------------------------------------------ */

/* Format a path into out (PATH_MAX bytes). Store directories are limited at open so that every
 * path fits: a cut path is an impossible state. */
static void PRINTF(2, 3) path_fmt(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, PATH_MAX, fmt, ap);
    va_end(ap);
    if (n < 0 || n >= PATH_MAX) fatal("blob: path too long");
}

/* Report an I/O failure of action what with errno errnum. A full disk or quota (or a file-size
 * limit) gets its own message, as the remedy is an administrator's. Returns ERR_INTERNAL. */
static int io_fail(struct err *e, const char *what, int errnum)
{
    if (errnum == ENOSPC || errnum == EFBIG || errnum == EDQUOT)
        return err_set(e, ERR_NOSPACE, "存储空间不足：%s失败（%s），请联系管理员清理磁盘后重试",
                       what, strerror(errnum));
    return err_set(e, ERR_INTERNAL, "%s失败：%s", what, strerror(errnum));
}

/* Write all len bytes to fd, across short writes and EINTR; 0 or an errno. */
static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        if (n == 0) return EIO;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Read up to cap bytes from fd, retrying EINTR; the count (0 at end) or -1 with errno set. */
static ssize_t read_some(int fd, void *buf, size_t cap)
{
    for (;;) {
        ssize_t n = read(fd, buf, cap);
        if (n >= 0 || errno != EINTR) return n;
    }
}

/* fsync the directory at path (so a rename or link in it is durable); 0 or an errno. */
static int fsync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return errno;
    int rc = fsync(fd) == 0 ? 0 : errno;
    close(fd);
    return rc;
}

/* mkdir path (0700) unless it exists; *made tells whether it was created. 0 or an errno. */
static int mkdir_missing(const char *path, bool *made)
{
    *made = false;
    if (mkdir(path, 0700) == 0) {
        *made = true;
        return 0;
    }
    return errno == EEXIST ? 0 : errno;
}

/* True when the n characters at s are lower-case hex digits. */
static bool hex_run(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return false;
    return true;
}

bool blob_hex_valid(const char *hex)
{
    return hex && strlen(hex) == BLOB_HEX - 1 && hex_run(hex, BLOB_HEX - 1);
}

/* The hex of a finished SHA-256 state into hex. */
static void hash_final_hex(struct sha256 *st, char hex[BLOB_HEX])
{
    sha256_final_hex(st, hex);
}

/* ---- the store ------------------------------------------------------------------------------ */

int blob_open(const char *dir, struct blob_store **out, struct err *e)
{
    *out = NULL;
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        len--;
    if (len == 0 || len > BLOB_DIR_MAX)
        return err_set(e, ERR_INTERNAL, "证据存储目录无效：%s", dir);
    struct blob_store *s = xcalloc(1, sizeof *s);
    s->dir = xstrndup(dir, len);
    static const char *const sub[] = {"", "/objects", "/tmp", "/partial"};
    for (size_t i = 0; i < countof(sub); i++) {
        char path[PATH_MAX];
        bool made;
        path_fmt(path, "%s%s", s->dir, sub[i]);
        int rc = mkdir_missing(path, &made);
        if (rc) {
            io_fail(e, "创建证据存储目录", rc);
            blob_close(s);
            return ERR_INTERNAL;
        }
    }
    *out = s;
    return 0;
}

void blob_close(struct blob_store *s)
{
    if (!s) return;
    free(s->dir);
    free(s);
}

const char *blob_dir(const struct blob_store *s)
{
    return s->dir;
}

int blob_path(const struct blob_store *s, const char *hex, char *out, size_t cap, struct err *e)
{
    if (!blob_hex_valid(hex)) return err_set(e, ERR_INVALID, "证据文件编号无效");
    int n = snprintf(out, cap, "%s/objects/%.2s/%.2s/%s", s->dir, hex, hex + 2, hex);
    if (n < 0 || (size_t)n >= cap) return err_set(e, ERR_INTERNAL, "证据文件路径过长");
    return 0;
}

/* Create objects/ab and objects/ab/cd for hex; fsync the parent of each one created. */
static int make_fanout(struct blob_store *s, const char *hex, char leaf[PATH_MAX], struct err *e)
{
    char top[PATH_MAX], objects[PATH_MAX];
    bool made_top = false, made_leaf = false;
    path_fmt(objects, "%s/objects", s->dir);
    path_fmt(top, "%s/%.2s", objects, hex);
    path_fmt(leaf, "%s/%.2s", top, hex + 2);
    int rc = mkdir_missing(top, &made_top);
    if (!rc) rc = mkdir_missing(leaf, &made_leaf);
    if (!rc && made_top) rc = fsync_dir(objects);
    if (!rc && made_leaf) rc = fsync_dir(top);
    return rc ? io_fail(e, "创建证据目录", rc) : 0;
}

/* Link src as dst; when dst exists already (the same content) set *existed. 0 or an errno.
 * link, not rename: it never replaces a name, so "already there" is seen atomically. */
static int link_object(const char *src, const char *dst, bool *existed)
{
    if (link(src, dst) == 0) return 0;
    if (errno == EEXIST) {
        *existed = true;
        return 0;
    }
    /* a file system without hard links: rename (the name was free a moment ago) */
    if (errno != EPERM && errno != EOPNOTSUPP && errno != EMLINK) return errno;
    return rename(src, dst) == 0 ? 0 : errno;
}

/* Move the finished, fsync'd file src into objects/ under hex, or drop it when that object
 * already exists (*existed). src is gone afterwards in every case. 0 or ERR_INTERNAL. */
static int place_object(struct blob_store *s, const char *src, const char *hex, bool *existed,
                        struct err *e)
{
    char leaf[PATH_MAX], dst[PATH_MAX];
    *existed = false;
    int rc = make_fanout(s, hex, leaf, e);
    if (rc) goto out;
    path_fmt(dst, "%s/%s", leaf, hex);
    int errnum = chmod(src, 0400) == 0 ? 0 : errno;
    if (!errnum) errnum = link_object(src, dst, existed);
    if (!errnum && !*existed) errnum = fsync_dir(leaf);
    if (errnum) rc = io_fail(e, "保存证据文件", errnum);
out:
    unlink(src);
    return rc;
}

/* ---- writing in one go ---------------------------------------------------------------------- */

int blob_begin(struct blob_store *s, struct blob_writer **out, struct err *e)
{
    char name[33];
    struct blob_writer *w = xcalloc(1, sizeof *w);
    w->store = s;
    random_hex(name, 16);
    path_fmt(w->tmp, "%s/tmp/%s", s->dir, name);
    w->fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (w->fd < 0) {
        int rc = io_fail(e, "创建证据临时文件", errno);
        free(w);
        *out = NULL;
        return rc;
    }
    sha256_init(&w->hash);
    *out = w;
    return 0;
}

/* Close and remove w's temporary file after a failure of action what (errno errnum). */
static int writer_fail(struct blob_writer *w, const char *what, int errnum, struct err *e)
{
    if (w->fd >= 0) close(w->fd);
    w->fd = -1;
    if (w->tmp[0]) unlink(w->tmp);
    w->tmp[0] = '\0';
    return io_fail(e, what, errnum);
}

int blob_write(struct blob_writer *w, const void *data, size_t len, struct err *e)
{
    if (w->fd < 0) return err_set(e, ERR_INTERNAL, "证据文件写入已中止");
    if (len > (uint64_t)(INT64_MAX - w->size)) return writer_fail(w, "写入证据文件", EFBIG, e);
    int rc = write_all(w->fd, data, len);
    if (rc) return writer_fail(w, "写入证据文件", rc, e);
    sha256_update(&w->hash, data, len);
    w->size += (int64_t)len;
    return 0;
}

/* Make w's content durable and close its file (the temporary file stays, for the caller to
 * place); its hash and size into res. 0 or ERR_INTERNAL (the temporary file then removed). */
static int writer_finish(struct blob_writer *w, struct blob_result *res, struct err *e)
{
    memset(res, 0, sizeof *res);
    if (w->fd < 0) return err_set(e, ERR_INTERNAL, "证据文件写入已中止");
    if (fsync(w->fd) != 0) return writer_fail(w, "保存证据文件", errno, e);
    close(w->fd);
    w->fd = -1;
    hash_final_hex(&w->hash, res->hex);
    res->size = w->size;
    return 0;
}

/* blob_commit, and blob_commit_expect when expect is not NULL. */
static int commit(struct blob_writer *w, const char *expect, struct blob_result *res, struct err *e)
{
    int rc = writer_finish(w, res, e);
    if (!rc && expect && strcmp(res->hex, expect) != 0)
        rc = err_set(e, ERR_CONFLICT, "文件内容与其 SHA-256 %s 不符（实为 %s）", expect, res->hex);
    if (!rc) {
        rc = place_object(w->store, w->tmp, res->hex, &res->existed, e);
        w->tmp[0] = '\0';
    }
    blob_abort(w);
    return rc;
}

int blob_commit(struct blob_writer *w, struct blob_result *res, struct err *e)
{
    return commit(w, NULL, res, e);
}

int blob_commit_expect(struct blob_writer *w, const char *expect, struct blob_result *res,
                       struct err *e)
{
    return commit(w, expect, res, e);
}

/* True when name may be a file's name beside objects/ or in a derived area: no '/', not hidden. */
static bool plain_name(const char *name)
{
    return !str_blank(name) && !strchr(name, '/') && name[0] != '.';
}

/* Make w's content the file dir/name in one atomic step (fsync, rename, fsync of dir), and free
 * w. Callers: blob_commit_named, blob_commit_derived. */
static int commit_into(struct blob_writer *w, const char *dir, const char *name, struct err *e)
{
    struct blob_result res;
    char path[PATH_MAX];
    int rc = writer_finish(w, &res, e);
    if (!rc) {
        path_fmt(path, "%s/%s", dir, name);
        int errnum = rename(w->tmp, path) == 0 ? 0 : errno;
        if (!errnum) w->tmp[0] = '\0';
        if (!errnum) errnum = fsync_dir(dir);
        if (errnum) rc = io_fail(e, "保存文件", errnum);
    }
    blob_abort(w);
    return rc;
}

int blob_commit_named(struct blob_writer *w, const char *name, struct err *e)
{
    if (!plain_name(name)) {
        blob_abort(w);
        return err_set(e, ERR_INVALID, "文件名无效：%s", name ? name : "");
    }
    return commit_into(w, w->store->dir, name, e);
}

/* ---- derived files -------------------------------------------------------------------------- */

int blob_derived_path(const struct blob_store *s, const char *area, const char *name, char *out,
                      size_t cap, struct err *e)
{
    if (!plain_name(area) || !plain_name(name) || strcmp(area, "objects") == 0 ||
        strcmp(area, "tmp") == 0 || strcmp(area, "partial") == 0)
        return err_set(e, ERR_INVALID, "派生文件名无效：%s/%s", area ? area : "", name ? name : "");
    int n = snprintf(out, cap, "%s/%s/%s", s->dir, area, name);
    if (n < 0 || (size_t)n >= cap) return err_set(e, ERR_INTERNAL, "派生文件路径过长");
    return 0;
}

int blob_commit_derived(struct blob_writer *w, const char *area, const char *name, struct err *e)
{
    char path[PATH_MAX], dir[PATH_MAX];
    bool made;
    int rc = blob_derived_path(w->store, area, name, path, sizeof path, e);
    if (!rc) {
        path_fmt(dir, "%s/%s", w->store->dir, area);
        int errnum = mkdir_missing(dir, &made);
        if (!errnum && made) errnum = fsync_dir(w->store->dir);
        if (errnum) rc = io_fail(e, "创建派生文件目录", errnum);
    }
    if (rc) {
        blob_abort(w);
        return rc;
    }
    return commit_into(w, dir, name, e);
}

void blob_abort(struct blob_writer *w)
{
    if (!w) return;
    if (w->fd >= 0) close(w->fd);
    if (w->tmp[0]) unlink(w->tmp);
    free(w);
}

int64_t blob_written(const struct blob_writer *w)
{
    return w->size;
}

/* ---- resumable uploads ---------------------------------------------------------------------- */

/* The state file's checksum over the fields before check. */
static void state_check(const struct partial_state *st, unsigned char out[32])
{
    crypto_hash_sha256(out, (const unsigned char *)st, offsetof(struct partial_state, check));
}

/* Write st as partial/<id>.state, atomically (temp file, fsync, rename, fsync partial/). */
static int state_save(struct blob_store *s, const char *id, struct partial_state *st, struct err *e)
{
    char tmp[PATH_MAX], path[PATH_MAX], dir[PATH_MAX];
    memcpy(st->magic, STATE_MAGIC, sizeof st->magic);
    state_check(st, st->check);
    path_fmt(dir, "%s/partial", s->dir);
    path_fmt(path, "%s/%s.state", dir, id);
    path_fmt(tmp, "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return io_fail(e, "保存续传状态", errno);
    int rc = write_all(fd, st, sizeof *st);
    if (!rc && fsync(fd) != 0) rc = errno;
    close(fd);
    if (!rc && rename(tmp, path) != 0) rc = errno;
    if (!rc) rc = fsync_dir(dir);
    if (rc) unlink(tmp);
    return rc ? io_fail(e, "保存续传状态", rc) : 0;
}

/* Read partial/<id>.state into st; 0, ERR_NOTFOUND or ERR_INTERNAL (unreadable or torn). */
static int state_load(struct blob_store *s, const char *id, struct partial_state *st, struct err *e)
{
    char path[PATH_MAX];
    unsigned char check[32];
    path_fmt(path, "%s/partial/%s.state", s->dir, id);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) return err_set(e, ERR_NOTFOUND, "上传不存在或已结束");
    if (fd < 0) return io_fail(e, "读取续传状态", errno);
    ssize_t n = read_some(fd, st, sizeof *st);
    int errnum = errno;
    close(fd);
    if (n < 0) return io_fail(e, "读取续传状态", errnum);
    state_check(st, check);
    if ((size_t)n != sizeof *st || memcmp(st->magic, STATE_MAGIC, sizeof st->magic) != 0 ||
        sodium_memcmp(check, st->check, sizeof check) != 0)
        return err_set(e, ERR_INTERNAL, "续传状态文件已损坏：%s", id);
    return 0;
}

/* Open partial/<id> for writing and lock it against a concurrent append or finish: the fd into
 * *fd and the state into st. 0, ERR_INVALID, ERR_NOTFOUND, ERR_CONFLICT or ERR_INTERNAL. */
static int partial_open(struct blob_store *s, const char *id, int *fd, struct partial_state *st,
                        struct err *e)
{
    char path[PATH_MAX];
    *fd = -1;
    if (!id || strlen(id) != BLOB_ID_HEX - 1 || !hex_run(id, BLOB_ID_HEX - 1))
        return err_set(e, ERR_INVALID, "上传编号无效");
    path_fmt(path, "%s/partial/%s", s->dir, id);
    int f = open(path, O_RDWR | O_CLOEXEC);
    if (f < 0 && errno == ENOENT) return err_set(e, ERR_NOTFOUND, "上传不存在或已结束");
    if (f < 0) return io_fail(e, "打开续传文件", errno);
    if (flock(f, LOCK_EX | LOCK_NB) != 0) {
        close(f);
        return err_set(e, ERR_CONFLICT, "该上传正在由另一请求写入，请稍后重试");
    }
    int rc = state_load(s, id, st, e);
    if (rc) {
        close(f);
        return rc;
    }
    *fd = f;
    return 0;
}

/* Cut the upload's file back to the length its state covers (bytes written after the last saved
 * state, by a crash or a failed append, are not part of the upload). 0 or an errno. */
static int partial_trim(int fd, const struct partial_state *st)
{
    struct stat sb;
    if (fstat(fd, &sb) != 0) return errno;
    if ((uint64_t)sb.st_size == st->offset) return 0;
    if ((uint64_t)sb.st_size < st->offset) return EIO; /* the file lost bytes it had */
    return ftruncate(fd, (off_t)st->offset) == 0 ? 0 : errno;
}

int blob_partial_new(struct blob_store *s, char id[BLOB_ID_HEX], struct err *e)
{
    char path[PATH_MAX];
    struct partial_state st;
    memset(&st, 0, sizeof st);
    random_hex(id, (BLOB_ID_HEX - 1) / 2);
    path_fmt(path, "%s/partial/%s", s->dir, id);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return io_fail(e, "创建续传文件", errno);
    close(fd);
    sha256_init(&st.hash);
    int rc = state_save(s, id, &st, e);
    if (rc) unlink(path);
    return rc;
}

int blob_partial_offset(struct blob_store *s, const char *id, int64_t *offset, struct err *e)
{
    struct partial_state st;
    int fd;
    int rc = partial_open(s, id, &fd, &st, e);
    if (rc) return rc;
    close(fd);
    *offset = (int64_t)st.offset;
    return 0;
}

/* An open append to a resumable upload: the locked file and the state its bytes advance. */
struct blob_append {
    struct blob_store *store;
    char id[BLOB_ID_HEX];
    int fd;
    struct partial_state st; /* covers the bytes written so far (saved by close) */
    int errnum;              /* the first write error, after which writes are refused */
};

int blob_partial_open(struct blob_store *s, const char *id, int64_t expected_offset,
                      struct blob_append **out, struct err *e)
{
    struct partial_state st;
    int fd;
    *out = NULL;
    int rc = partial_open(s, id, &fd, &st, e);
    if (rc) return rc;
    if (expected_offset < 0 || (uint64_t)expected_offset != st.offset) {
        close(fd);
        return err_set(e, ERR_CONFLICT, "续传位置不符：应从第 %llu 字节续传，请求为第 %lld 字节",
                       (unsigned long long)st.offset, (long long)expected_offset);
    }
    int errnum = partial_trim(fd, &st);
    if (!errnum && lseek(fd, (off_t)st.offset, SEEK_SET) < 0) errnum = errno;
    if (errnum) {
        close(fd);
        return io_fail(e, "写入续传文件", errnum);
    }
    struct blob_append *a = xcalloc(1, sizeof *a);
    a->store = s;
    a->fd = fd;
    a->st = st;
    snprintf(a->id, sizeof a->id, "%s", id);
    *out = a;
    return 0;
}

int blob_partial_write(struct blob_append *a, const void *data, size_t len, struct err *e)
{
    if (a->errnum) return io_fail(e, "写入续传文件", a->errnum);
    int errnum = len > (uint64_t)INT64_MAX - a->st.offset ? EFBIG : write_all(a->fd, data, len);
    if (errnum) {
        a->errnum = errnum;
        return io_fail(e, "写入续传文件", errnum);
    }
    sha256_update(&a->st.hash, data, len);
    a->st.offset += len;
    return 0;
}

int64_t blob_partial_written(const struct blob_append *a)
{
    return (int64_t)a->st.offset;
}

int blob_partial_close(struct blob_append *a, int64_t *offset, struct err *e)
{
    if (!a) return 0;
    /* the bytes written whole are kept, even after a failed write: cut what it left, then make
     * both durable before the state says they are there */
    int errnum = partial_trim(a->fd, &a->st);
    if (!errnum && fsync(a->fd) != 0) errnum = errno;
    int rc = errnum ? io_fail(e, "写入续传文件", errnum) : state_save(a->store, a->id, &a->st, e);
    if (rc) {
        struct partial_state old;
        struct err ignored = {0};
        if (state_load(a->store, a->id, &old, &ignored) == 0) (void)partial_trim(a->fd, &old);
    }
    if (offset) *offset = (int64_t)a->st.offset;
    close(a->fd);
    free(a);
    return rc;
}

int blob_partial_append(struct blob_store *s, const char *id, int64_t expected_offset,
                        const void *data, size_t len, int64_t *offset, struct err *e)
{
    struct blob_append *a;
    int rc = blob_partial_open(s, id, expected_offset, &a, e);
    if (rc) return rc;
    struct err werr = {0};
    int wrc = blob_partial_write(a, data, len, &werr);
    if (wrc) a->st.offset = (uint64_t)expected_offset; /* all or nothing: keep the old length */
    rc = blob_partial_close(a, offset, e);
    if (wrc) {
        *e = werr;
        return wrc;
    }
    return rc;
}

int blob_partial_finish(struct blob_store *s, const char *id, struct blob_result *res,
                        struct err *e)
{
    char path[PATH_MAX];
    struct partial_state st;
    int fd;
    memset(res, 0, sizeof *res);
    int rc = partial_open(s, id, &fd, &st, e);
    if (rc) return rc;
    int errnum = partial_trim(fd, &st);
    if (!errnum && fsync(fd) != 0) errnum = errno;
    if (errnum) {
        rc = io_fail(e, "保存证据文件", errnum);
        goto out;
    }
    hash_final_hex(&st.hash, res->hex);
    res->size = (int64_t)st.offset;
    path_fmt(path, "%s/partial/%s", s->dir, id);
    rc = place_object(s, path, res->hex, &res->existed, e);
    path_fmt(path, "%s/partial/%s.state", s->dir, id);
    unlink(path);
out:
    close(fd);
    return rc;
}

int blob_partial_abort(struct blob_store *s, const char *id, struct err *e)
{
    char path[PATH_MAX];
    struct partial_state st;
    int fd;
    int rc = partial_open(s, id, &fd, &st, e);
    if (rc) return rc;
    path_fmt(path, "%s/partial/%s", s->dir, id);
    unlink(path);
    path_fmt(path, "%s/partial/%s.state", s->dir, id);
    unlink(path);
    close(fd);
    return 0;
}

/* ---- reading -------------------------------------------------------------------------------- */

int blob_verify(struct blob_store *s, const char *hex, enum blob_check *check, struct err *e)
{
    char path[PATH_MAX], got[BLOB_HEX];
    unsigned char *buf = NULL;
    struct sha256 st;
    int rc = blob_path(s, hex, path, sizeof path, e);
    if (rc) return rc;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        *check = BLOB_MISSING;
        return 0;
    }
    if (fd < 0) return io_fail(e, "读取证据文件", errno);
    buf = xmalloc(BLOB_CHUNK);
    sha256_init(&st);
    ssize_t n;
    while ((n = read_some(fd, buf, BLOB_CHUNK)) > 0)
        sha256_update(&st, buf, (size_t)n);
    if (n < 0) {
        rc = io_fail(e, "读取证据文件", errno);
        goto out;
    }
    hash_final_hex(&st, got);
    *check = strcmp(got, hex) == 0 ? BLOB_OK : BLOB_ALTERED;
out:
    free(buf);
    close(fd);
    return rc;
}

/* Walk one leaf directory objects/ab/cd: call fn for each regular file named ab cd … */
static int walk_leaf(const char *path, const char *prefix, blob_walk_fn fn, void *ctx,
                     struct err *e)
{
    DIR *d = opendir(path);
    if (!d) return io_fail(e, "读取证据目录", errno);
    int rc = 0;
    struct dirent *de;
    while (!rc && (de = readdir(d)) != NULL) {
        struct stat sb;
        if (!blob_hex_valid(de->d_name) || strncmp(de->d_name, prefix, 4) != 0) continue;
        if (fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT) rc = io_fail(e, "读取证据目录", errno);
            continue;
        }
        if (S_ISREG(sb.st_mode)) rc = fn(de->d_name, (int64_t)sb.st_size, ctx);
    }
    closedir(d);
    return rc;
}

/* Walk the directories under path named by two hex digits; depth 0 is objects/, 1 objects/ab. */
static int walk_fanout(const char *path, const char *prefix, int depth, blob_walk_fn fn, void *ctx,
                       struct err *e)
{
    DIR *d = opendir(path);
    if (!d) return io_fail(e, "读取证据目录", errno);
    int rc = 0;
    struct dirent *de;
    while (!rc && (de = readdir(d)) != NULL) {
        char sub[PATH_MAX], next[5];
        if (strlen(de->d_name) != 2 || !hex_run(de->d_name, 2)) continue;
        path_fmt(sub, "%s/%s", path, de->d_name);
        snprintf(next, sizeof next, "%s%s", prefix, de->d_name);
        rc = depth == 0 ? walk_fanout(sub, next, 1, fn, ctx, e) : walk_leaf(sub, next, fn, ctx, e);
    }
    closedir(d);
    return rc;
}

int blob_walk(struct blob_store *s, blob_walk_fn fn, void *ctx, struct err *e)
{
    char path[PATH_MAX];
    path_fmt(path, "%s/objects", s->dir);
    return walk_fanout(path, "", 0, fn, ctx, e);
}
