/* test_blob.c — the content-addressed evidence store (issue 15, storage layer): streaming writes,
 * abort and a full disk leaving nothing behind, deduplication, resumable uploads across a
 * restart, verification and the walk over every object. Each test has its own temp directory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/crypto.h"
#include "store/blob.h"

#define DATA_SIZE (3 * 1024 * 1024 + 17) /* a few MB, not a multiple of any chunk */

/* One test's directory and the store opened in it. */
struct fixture {
    char dir[64];             /* mkdtemp'd directory, removed after the test */
    struct blob_store *store; /* the store in dir/store */
    char store_dir[96];       /* dir/store */
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct err e = {0};
    strcpy(f->dir, "/tmp/landun-blob-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    snprintf(f->store_dir, sizeof f->store_dir, "%s/store", f->dir);
    if (blob_open(f->store_dir, &f->store, &e) != 0) return -1;
    *state = f;
    return 0;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    blob_close(f->store);
    nftw(f->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(f);
    return 0;
}

/* n pseudo-random bytes (the same for the same seed byte), malloc'd. */
static unsigned char *random_data(size_t n, unsigned char seed_byte)
{
    unsigned char seed[randombytes_SEEDBYTES] = {seed_byte};
    unsigned char *p = malloc(n);
    randombytes_buf_deterministic(p, n, seed);
    return p;
}

/* Entries in dir/sub other than . and .. */
static int count_entries(const char *dir, const char *sub)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    DIR *d = opendir(path);
    assert_non_null(d);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) n++;
    closedir(d);
    return n;
}

/* Write data in chunks of varying size and commit; the result into *res. */
static void write_chunked(struct blob_store *s, const unsigned char *data, size_t len,
                          struct blob_result *res)
{
    struct blob_writer *w = NULL;
    struct err e = {0};
    assert_int_equal(blob_begin(s, &w, &e), 0);
    for (size_t at = 0, chunk = 1; at < len; chunk = chunk * 3 + 1) {
        size_t n = chunk % 70000 + 1;
        if (n > len - at) n = len - at;
        assert_int_equal(blob_write(w, data + at, n, &e), 0);
        at += n;
    }
    assert_int_equal(blob_written(w), (int64_t)len);
    assert_int_equal(blob_commit(w, res, &e), 0);
}

/* The whole file at path, malloc'd, its length into *len. */
static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    *len = (size_t)ftell(fp);
    rewind(fp);
    unsigned char *p = malloc(*len ? *len : 1);
    assert_int_equal(fread(p, 1, *len, fp), *len);
    fclose(fp);
    return p;
}

/* ---- writing -------------------------------------------------------------------------------- */

static void test_chunked_write_is_named_by_its_sha256(void **state)
{
    struct fixture *f = *state;
    unsigned char *data = random_data(DATA_SIZE, 1);
    char want[BLOB_HEX], path[PATH_MAX], fanout[PATH_MAX];
    struct blob_result res;
    struct err e = {0};
    sha256_hex(data, DATA_SIZE, want);
    write_chunked(f->store, data, DATA_SIZE, &res);
    assert_string_equal(res.hex, want);
    assert_int_equal(res.size, DATA_SIZE);
    assert_false(res.existed);
    assert_int_equal(blob_path(f->store, want, path, sizeof path, &e), 0);
    snprintf(fanout, sizeof fanout, "%s/objects/%.2s/%.2s/%s", f->store_dir, want, want + 2, want);
    assert_string_equal(path, fanout);
    size_t len;
    unsigned char *got = read_file(path, &len);
    assert_int_equal(len, DATA_SIZE);
    assert_memory_equal(got, data, DATA_SIZE);
    assert_int_equal(count_entries(f->store_dir, "tmp"), 0);
    free(got);
    free(data);
}

static void test_abort_leaves_no_file(void **state)
{
    struct fixture *f = *state;
    struct blob_writer *w = NULL;
    struct err e = {0};
    assert_int_equal(blob_begin(f->store, &w, &e), 0);
    assert_int_equal(count_entries(f->store_dir, "tmp"), 1);
    assert_int_equal(blob_write(w, "告知书", strlen("告知书"), &e), 0);
    blob_abort(w);
    assert_int_equal(count_entries(f->store_dir, "tmp"), 0);
    assert_int_equal(count_entries(f->store_dir, "objects"), 0);
}

static void test_full_disk_says_so_and_leaves_no_file(void **state)
{
    struct fixture *f = *state;
    unsigned char *data = random_data(1024 * 1024, 2);
    struct blob_writer *w = NULL;
    struct err e = {0};
    struct rlimit saved, small;
    char id[BLOB_ID_HEX];
    int64_t offset = -1;
    assert_int_equal(blob_begin(f->store, &w, &e), 0);
    assert_int_equal(blob_partial_new(f->store, id, &e), 0);
    assert_int_equal(blob_partial_append(f->store, id, 0, data, 1000, NULL, &e), 0);
    /* a file-size limit makes write fail with EFBIG, as a full disk fails with ENOSPC */
    void (*old)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
    small = saved;
    small.rlim_cur = 64 * 1024;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    int rc = blob_write(w, data, 1024 * 1024, &e);
    struct err pe = {0};
    int prc = blob_partial_append(f->store, id, 1000, data, 1024 * 1024, NULL, &pe);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
    signal(SIGXFSZ, old);

    assert_int_equal(rc, ERR_NOSPACE);
    assert_true(strncmp(e.msg, "存储空间不足", strlen("存储空间不足")) == 0);
    assert_int_equal(count_entries(f->store_dir, "tmp"), 0);
    struct blob_result res;
    assert_int_not_equal(blob_commit(w, &res, &e), 0); /* a failed writer cannot commit */
    assert_int_equal(count_entries(f->store_dir, "objects"), 0);

    /* a resumable upload keeps what it had and can go on */
    assert_int_equal(prc, ERR_NOSPACE);
    assert_true(strncmp(pe.msg, "存储空间不足", strlen("存储空间不足")) == 0);
    assert_int_equal(blob_partial_offset(f->store, id, &offset, &e), 0);
    assert_int_equal(offset, 1000);
    assert_int_equal(blob_partial_append(f->store, id, 1000, data + 1000, 500, &offset, &e), 0);
    assert_int_equal(blob_partial_finish(f->store, id, &res, &e), 0);
    char want[BLOB_HEX];
    sha256_hex(data, 1500, want);
    assert_string_equal(res.hex, want);
    free(data);
}

static void test_identical_content_is_stored_once(void **state)
{
    struct fixture *f = *state;
    unsigned char *data = random_data(200000, 3);
    struct blob_result a, b;
    write_chunked(f->store, data, 200000, &a);
    write_chunked(f->store, data, 200000, &b);
    assert_false(a.existed);
    assert_true(b.existed);
    assert_string_equal(a.hex, b.hex);
    assert_int_equal(count_entries(f->store_dir, "tmp"), 0);
    char leaf[PATH_MAX];
    snprintf(leaf, sizeof leaf, "objects/%.2s/%.2s", a.hex, a.hex + 2);
    assert_int_equal(count_entries(f->store_dir, leaf), 1);
    free(data);
}

/* ---- resumable uploads ---------------------------------------------------------------------- */

/* Free the store and open it again, as a restarted process would. */
static void restart(struct fixture *f)
{
    struct err e = {0};
    blob_close(f->store);
    f->store = NULL;
    assert_int_equal(blob_open(f->store_dir, &f->store, &e), 0);
}

static void test_resumable_upload_survives_a_restart(void **state)
{
    struct fixture *f = *state;
    unsigned char *data = random_data(DATA_SIZE, 4);
    size_t cut1 = 1000003, cut2 = 2500000;
    char id[BLOB_ID_HEX], want[BLOB_HEX], path[PATH_MAX];
    int64_t offset = -1;
    struct blob_result res, again;
    struct err e = {0};
    assert_int_equal(blob_partial_new(f->store, id, &e), 0);
    assert_int_equal(blob_partial_append(f->store, id, 0, data, cut1, &offset, &e), 0);
    assert_int_equal(offset, (int64_t)cut1);
    restart(f);
    assert_int_equal(blob_partial_append(f->store, id, 0, data, cut1, NULL, &e), ERR_CONFLICT);
    assert_int_equal(blob_partial_append(f->store, id, (int64_t)cut2, data, 1, NULL, &e),
                     ERR_CONFLICT);
    assert_int_equal(blob_partial_offset(f->store, id, &offset, &e), 0);
    assert_int_equal(offset, (int64_t)cut1);
    assert_int_equal(
        blob_partial_append(f->store, id, (int64_t)cut1, data + cut1, cut2 - cut1, NULL, &e), 0);
    /* a crash after writing but before saving the state leaves extra bytes: they are dropped */
    snprintf(path, sizeof path, "%s/partial/%s", f->store_dir, id);
    FILE *fp = fopen(path, "ab");
    fputs("torn write", fp);
    fclose(fp);
    restart(f);
    assert_int_equal(blob_partial_append(f->store, id, (int64_t)cut2, data + cut2, DATA_SIZE - cut2,
                                         &offset, &e),
                     0);
    assert_int_equal(offset, DATA_SIZE);
    assert_int_equal(blob_partial_finish(f->store, id, &res, &e), 0);
    sha256_hex(data, DATA_SIZE, want);
    assert_string_equal(res.hex, want);
    assert_int_equal(res.size, DATA_SIZE);
    assert_int_equal(count_entries(f->store_dir, "partial"), 0);
    assert_int_equal(blob_partial_offset(f->store, id, &offset, &e), ERR_NOTFOUND);
    assert_int_equal(blob_partial_append(f->store, "../x", 0, data, 1, NULL, &e), ERR_INVALID);
    write_chunked(f->store, data, DATA_SIZE, &again); /* the same as a one-shot write */
    assert_string_equal(again.hex, res.hex);
    assert_true(again.existed);
    free(data);
}

/* ---- reading -------------------------------------------------------------------------------- */

static void test_verify_finds_altered_and_missing_objects(void **state)
{
    struct fixture *f = *state;
    unsigned char *data = random_data(300000, 5);
    struct blob_result res;
    enum blob_check check = BLOB_MISSING;
    char path[PATH_MAX];
    struct err e = {0};
    write_chunked(f->store, data, 300000, &res);
    assert_int_equal(blob_verify(f->store, res.hex, &check, &e), 0);
    assert_int_equal(check, BLOB_OK);

    assert_int_equal(blob_path(f->store, res.hex, path, sizeof path, &e), 0);
    assert_int_equal(chmod(path, 0600), 0);
    int fd = open(path, O_RDWR);
    unsigned char byte;
    assert_int_equal(pread(fd, &byte, 1, 123456), 1);
    byte ^= 0x01;
    assert_int_equal(pwrite(fd, &byte, 1, 123456), 1);
    close(fd);
    assert_int_equal(blob_verify(f->store, res.hex, &check, &e), 0);
    assert_int_equal(check, BLOB_ALTERED);

    assert_int_equal(unlink(path), 0);
    assert_int_equal(blob_verify(f->store, res.hex, &check, &e), 0);
    assert_int_equal(check, BLOB_MISSING);
    assert_int_equal(blob_verify(f->store, "ABC", &check, &e), ERR_INVALID);
    free(data);
}

/* What the walk saw. */
struct seen {
    char hex[8][BLOB_HEX]; /* each object reported */
    int64_t size[8];       /* and its size */
    int n;                 /* how many */
};

static int collect(const char *hex, int64_t size, void *ctx)
{
    struct seen *s = ctx;
    if (s->n == 8) return -1;
    strcpy(s->hex[s->n], hex);
    s->size[s->n++] = size;
    return 0;
}

static void test_walk_lists_every_object_once(void **state)
{
    struct fixture *f = *state;
    struct blob_result res[5];
    struct seen seen = {0};
    struct err e = {0};
    char stray[PATH_MAX];
    for (int i = 0; i < 5; i++) {
        unsigned char *data = random_data(1000 + (size_t)i * 100, (unsigned char)(10 + i));
        write_chunked(f->store, data, 1000 + (size_t)i * 100, &res[i]);
        free(data);
    }
    snprintf(stray, sizeof stray, "%s/objects/zz", f->store_dir); /* not a fan-out name */
    assert_int_equal(mkdir(stray, 0700), 0);
    assert_int_equal(blob_walk(f->store, collect, &seen, &e), 0);
    assert_int_equal(seen.n, 5);
    for (int i = 0; i < 5; i++) {
        int found = 0;
        for (int j = 0; j < seen.n; j++)
            if (strcmp(seen.hex[j], res[i].hex) == 0) {
                found++;
                assert_int_equal(seen.size[j], res[i].size);
            }
        assert_int_equal(found, 1);
    }
}

int main(void)
{
    crypto_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_chunked_write_is_named_by_its_sha256, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abort_leaves_no_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_disk_says_so_and_leaves_no_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_identical_content_is_stored_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resumable_upload_survives_a_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_finds_altered_and_missing_objects, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_walk_lists_every_object_once, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
