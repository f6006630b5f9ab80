/* test_recording_verify.c — the recordings' ledger checked (landun verify evidence): an intact
 * ledger passes, and each way of tampering — a row edited, reordered, inserted or deleted, the
 * ledger rewritten and re-hashed, a file altered, deleted or added — is found and named; the
 * backup copies each file once, re-hashed, and a copy is checked without the database. First,
 * on the same fixture, the rules of attaching a recording that the ledger relies on
 * (R-EVD-01–07). */
#include "tests/support.h"
#include "law/entity.h"
#include "law/inspection.h"
#include "law/officer.h"
#include "law/recording_internal.h"
#include "law/recording_verify.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/jpack.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- fixture -------------------------------------------------------------------------------- */

/* What every test starts from besides the harness. */
struct fixture {
    int64_t o1, o2;   /* officers of 320412 */
    int64_t insp;     /* an inspection of 320412 the recordings belong to */
    struct actor who; /* the officer account (320412) */
    struct ctx c;     /* acting as it */
};
static struct fixture F;

/* A date n days from the tests' now. */
static const char *day(int n)
{
    static char ring[4][DATE_STRLEN];
    static int k;
    char *s = ring[k++ % 4];
    date_format(date_from_instant(h_clock()) + n, s);
    return s;
}

static int64_t add_officer(struct harness *h, int n)
{
    struct err e = {0};
    char idno[19], cert[24], name[24];
    h_idno(n, idno);
    snprintf(cert, sizeof cert, "ZF-%04d", n);
    snprintf(name, sizeof name, "执法人员%d", n);
    struct officer_input in = {.agency_code = "320412",
                               .name = name,
                               .id_number = idno,
                               .cert_no = cert,
                               .cert_issued = day(-60),
                               .cert_expires = day(900),
                               .lines = "medical,public_place"};
    int64_t id;
    if (officer_add(&h->ctx, &in, &id, &e)) fail_msg("officer_add: %s", e.msg);
    return id;
}

static int64_t add_inspection(struct harness *h)
{
    struct err e = {0};
    char uscc[19], officers[64];
    h_uscc(1, uscc);
    struct entity_input ent = {.agency_code = "320412",
                               .name = "康宁诊所",
                               .uscc = uscc,
                               .legal_rep = "王五",
                               .address = "常州市武进区湖塘镇府前路1号",
                               .subtype = "clinic",
                               .risk_grade = "B"};
    int64_t entity, id;
    if (entity_add(&h->ctx, &ent, &entity, &e)) fail_msg("entity_add: %s", e.msg);
    static const struct inspection_item_input items[] = {
        {"MED-01", "conform", NULL}, {"MED-02", "conform", NULL}, {"MED-03", "conform", NULL}};
    snprintf(officers, sizeof officers, "%lld,%lld", (long long)F.o1, (long long)F.o2);
    struct inspection_input in = {.entity_id = entity,
                                  .type = "routine",
                                  .line = "medical",
                                  .date = day(0),
                                  .place = "康宁诊所诊室",
                                  .officers = officers,
                                  .items = items,
                                  .nitems = 3,
                                  .outcome = "pass"};
    if (inspection_add(&F.c, &in, &id, &e)) fail_msg("inspection_add: %s", e.msg);
    return id;
}

/* A scan (PDF) numbered n attached to the inspection by o1, taken at 09:00 today. */
static int64_t add_recording(int n)
{
    struct err e = {0};
    char data[64], id[BLOB_ID_HEX], taken[32];
    int len = snprintf(data, sizeof data, "%%PDF-1.4\n%% 现场检查扫描件 %d\n", n);
    if (recording_upload_bytes(&F.c, data, (size_t)len, "扫描件.pdf", id, &e))
        fail_msg("upload: %s", e.msg);
    snprintf(taken, sizeof taken, "%s 09:00", day(0));
    struct recording_in in = {.upload = id,
                              .object_type = "inspection",
                              .object_id = F.insp,
                              .officer_id = F.o1,
                              .taken_at = taken,
                              .place = "康宁诊所诊室",
                              .description = "现场检查"};
    int64_t rec;
    if (recording_add(&F.c, &in, &rec, &e)) fail_msg("recording_add: %s", e.msg);
    return rec;
}

static int setup(void **state)
{
    if (harness_setup(state)) return -1;
    struct harness *h = *state;
    memset(&F, 0, sizeof F);
    h_set_now(h, "2026-06-15T10:00:00+08:00");
    F.o1 = add_officer(h, 1);
    F.o2 = add_officer(h, 2);
    F.c = h_ctx(h, "officer", &F.who);
    F.insp = add_inspection(h);
    for (int i = 1; i <= 3; i++)
        add_recording(i);
    return 0;
}

/* ---- helpers -------------------------------------------------------------------------------- */

/* Collects findings, one a line. */
static void collect(const char *msg, void *arg)
{
    buf_addf(arg, "%s\n", msg);
}

/* Run the check on the harness's database and store; the findings as text (h->arena). */
static const char *verify(struct harness *h, struct recording_check *ck)
{
    struct err e = {0};
    struct buf b = {0};
    if (recording_verify(h->db, h->blobs, collect, &b, ck, &e)) fail_msg("verify: %s", e.msg);
    const char *text = arena_strdup(&h->arena, buf_str(&b));
    buf_free(&b);
    return text;
}

static const char *verify_copy(struct harness *h, const char *dir, struct recording_check *ck)
{
    struct err e = {0};
    struct buf b = {0};
    if (recording_verify_copy(dir, collect, &b, ck, &e)) fail_msg("verify copy: %s", e.msg);
    const char *text = arena_strdup(&h->arena, buf_str(&b));
    buf_free(&b);
    return text;
}

#define ASSERT_FOUND(text, s)                                                                      \
    do {                                                                                           \
        if (!strstr((text), (s))) fail_msg("no finding \"%s\" in:\n%s", (s), (text));              \
    } while (0)

static void sql(struct harness *h, const char *q)
{
    struct err e = {0};
    if (db_exec(h->db, &e, q, "") < 0) fail_msg("%s: %s", q, e.msg);
}

/* The path of the file of entry seq in store s. */
static const char *file_of(struct harness *h, struct blob_store *s, int seq)
{
    struct err e = {0};
    char path[4096];
    const char *hex = h_text(h, "SELECT sha256 FROM recording WHERE seq = ?", "i", (int64_t)seq);
    if (blob_path(s, hex, path, sizeof path, &e)) fail_msg("%s", e.msg);
    return arena_strdup(&h->arena, path);
}

/* Change one byte of the file at path (objects are read-only). */
static void alter_file(const char *path)
{
    assert_int_equal(chmod(path, 0600), 0);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, 3, SEEK_SET);
    fputc('X', f);
    fclose(f);
}

/* Store a file no entry names; its hash into hex. */
static void add_stray(struct blob_store *s, char hex[BLOB_HEX])
{
    struct err e = {0};
    struct blob_writer *w;
    struct blob_result res;
    assert_int_equal(blob_begin(s, &w, &e), 0);
    assert_int_equal(blob_write(w, "%PDF-1.4\nstray\n", 15, &e), 0);
    assert_int_equal(blob_commit(w, &res, &e), 0);
    snprintf(hex, BLOB_HEX, "%s", res.hex);
}

/* Collects the ledger's rows (recording_row_fn). */
static int keep_row(json_t *row, void *arg)
{
    json_array_append(arg, row);
    return 0;
}

/* Rewrite the ledger from entry 2 on as a forger would: every hash recomputed and linked, the
 * head moved; only the audit rows still quote the old hashes. */
static void rehash_from_2(struct harness *h)
{
    struct err e = {0};
    json_t *rows = json_array(), *row;
    size_t i;
    char prev[BLOB_HEX] = "", hash[BLOB_HEX];
    assert_int_equal(recording_ledger_walk(h->db, keep_row, rows, &e), 0);
    json_array_foreach(rows, i, row)
    {
        if (jget_int(row, "seq") >= 2) {
            jset_text(row, "prev_hash", prev);
            recording_entry_hash(row, hash);
            assert_true(db_exec(h->db, &e,
                                "UPDATE recording SET prev_hash = ?, hash = ? WHERE seq = ?", "tti",
                                prev, hash, jget_int(row, "seq")) >= 0);
            assert_true(db_exec(h->db, &e, "UPDATE recording_head SET hash = ?", "t", hash) >= 0);
        }
        snprintf(prev, sizeof prev, "%s",
                 jget_int(row, "seq") >= 2 ? hash : jget_text(row, "hash"));
    }
    json_decref(rows);
}

/* ---- attaching (R-EVD-01–07) ---------------------------------------------------------------- */

/* recording_add of in (upload: a finished upload of data unless in->upload is set) as c: its
 * result, e filled. */
static int attach(struct ctx *c, const char *data, struct recording_in in, struct err *e)
{
    char id[BLOB_ID_HEX], taken[32];
    struct err up = {0};
    if (!in.upload && recording_upload_bytes(c, data, strlen(data), "记录", id, &up))
        fail_msg("upload: %s", up.msg);
    snprintf(taken, sizeof taken, "%s 09:00", day(0));
    if (!in.upload) in.upload = id;
    in.object_type = "inspection";
    in.object_id = F.insp;
    in.taken_at = taken;
    if (!in.officer_id) in.officer_id = F.o1;
    int64_t rec;
    return recording_add(c, &in, &rec, e);
}

static void test_r_evd_01_name_and_size_are_checked(void **state)
{
    (void)state;
    struct err e = {0}, e2 = {0};
    char id[BLOB_ID_HEX];
    assert_int_equal(recording_upload_new(&F.c, 0, "a.pdf", id, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "length"));
    assert_int_equal(recording_upload_new(&F.c, RECORDING_MAX_SIZE + 1, "../a.pdf", id, &e2),
                     ERR_INVALID);
    assert_string_equal(err_field_msg(&e2, "file_name"), "文件名不能含路径");
    assert_non_null(strstr(err_field_msg(&e2, "length"), "文件过大"));
}

static void test_r_evd_02_type_is_read_from_the_content(void **state)
{
    (void)state;
    struct err e = {0};
    assert_int_equal(attach(&F.c, "just text, called a photo", (struct recording_in){0}, &e),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "upload"), "不支持的文件类型"));
}

static void test_r_evd_03_recorder_is_an_officer_of_the_agency(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int64_t far = add_officer(h, 9);
    assert_true(
        db_exec(h->db, &e,
                "UPDATE officer SET agency_id = (SELECT id FROM agency WHERE code = '320411')"
                " WHERE id = ?",
                "i", far) >= 0);
    assert_int_equal(attach(&F.c, "%PDF-1.4\n", (struct recording_in){.officer_id = far}, &e),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "officer_id"), "所属机关的执法人员"));
}

static void test_r_evd_04_each_entry_is_quoted_in_the_audit_chain(void **state)
{
    struct harness *h = *state;
    const char *hash = h_text(h, "SELECT hash FROM recording WHERE seq = 2", "");
    const char *file = h_text(h, "SELECT sha256 FROM recording WHERE seq = 2", "");
    const char *summary = h_text(h,
                                 "SELECT summary FROM audit_log WHERE action = 'recording.add'"
                                 " ORDER BY id LIMIT 1 OFFSET 1",
                                 "");
    assert_non_null(strstr(summary, "执法记录台账第 2 条"));
    assert_non_null(strstr(summary, hash));
    assert_non_null(strstr(summary, file));
}

static void test_r_evd_05_only_a_whole_upload_is_attached(void **state)
{
    (void)state;
    struct err e = {0};
    char id[BLOB_ID_HEX];
    assert_int_equal(recording_upload_new(&F.c, 100, "半个.pdf", id, &e), 0);
    assert_int_equal(blob_partial_append(F.c.blobs, id, 0, "%PDF-1.4\n", 9, NULL, &e), 0);
    assert_int_equal(attach(&F.c, "", (struct recording_in){.upload = id}, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "upload"), "尚未上传完整"));
}

static void test_r_evd_06_r_evd_07_who_sees_and_who_uploads(void **state)
{
    struct harness *h = *state;
    struct err e = {0}, e2 = {0};
    struct actor other_who, viewer_who;
    struct ctx other = h_ctx(h, "other", &other_who), viewer = h_ctx(h, "viewer", &viewer_who);
    char id[BLOB_ID_HEX];
    int64_t rec = 0;
    assert_int_equal(db_get_int(h->db, &e, &rec, "SELECT id FROM recording WHERE seq = 1", ""), 0);
    /* another county's administrator does not see it; a viewer of the county does */
    assert_null(recording_get(&other, rec, &e));
    assert_int_equal(e.code, ERR_NOTFOUND);
    json_t *r = recording_get(&viewer, rec, &e2);
    assert_non_null(r);
    json_decref(r);
    /* a viewer may not upload, nor attach */
    struct err e3 = {0};
    assert_int_equal(recording_upload_new(&viewer, 10, "a.pdf", id, &e3), ERR_FORBIDDEN);
}

/* ---- the ledger in the database ------------------------------------------------------------- */

static void test_r_evd_20_r_evd_21_r_evd_22_intact_ledger_passes(void **state)
{
    struct harness *h = *state;
    struct recording_check ck;
    const char *found = verify(h, &ck);
    assert_string_equal(found, "");
    assert_int_equal(ck.entries, 3);
    assert_int_equal(ck.files, 3);
    assert_int_equal(ck.findings, 0);
}

static void test_r_evd_20_edited_row_is_found(void **state)
{
    struct harness *h = *state;
    struct recording_check ck;
    sql(h, "UPDATE recording SET description = '无关内容' WHERE seq = 2");
    const char *found = verify(h, &ck);
    ASSERT_FOUND(found, "第 2 条（编号");
    ASSERT_FOUND(found, "条目内容被改动");
    assert_int_equal(ck.findings, 1);
}

static void test_r_evd_20_reordered_rows_are_found(void **state)
{
    struct harness *h = *state;
    struct recording_check ck;
    sql(h, "UPDATE recording SET seq = -2 WHERE seq = 2");
    sql(h, "UPDATE recording SET seq = 2 WHERE seq = 3");
    sql(h, "UPDATE recording SET seq = 3 WHERE seq = -2");
    const char *found = verify(h, &ck);
    ASSERT_FOUND(found, "台账顺序被改动");
    ASSERT_FOUND(found, "条目内容被改动");
}

static void test_r_evd_20_deleted_row_is_found(void **state)
{
    struct harness *h = *state;
    struct recording_check ck;
    sql(h, "DELETE FROM recording WHERE seq = 2");
    const char *found = verify(h, &ck);
    ASSERT_FOUND(found, "缺少第 2 条");
    ASSERT_FOUND(found, "多出的文件"); /* its file no longer named */
    assert_int_equal(ck.entries, 2);
}

static void test_r_evd_20_deleted_last_row_is_found(void **state)
{
    struct harness *h = *state;
    struct recording_check ck;
    sql(h, "DELETE FROM recording WHERE seq = 3");
    ASSERT_FOUND(verify(h, &ck), "台账头（第 3 条");
    /* the head moved back too: the audit chain still quotes the entry */
    sql(h, "UPDATE recording_head SET seq = 2, hash = (SELECT hash FROM recording WHERE seq = 2)");
    const char *found = verify(h, &ck);
    ASSERT_FOUND(found, "审计链记载了第 3 条");
    ASSERT_FOUND(found, "台账末尾的条目被删除");
}

static void test_r_evd_20_r_evd_21_inserted_row_is_found(void **state)
{
    struct harness *h = *state;
    struct recording_check ck;
    sql(h, "INSERT INTO recording (seq, agency_id, object_type, object_id, part, key_step, media,"
           " content_type, file_name, size, sha256, officer_id, device_id, taken_at, place,"
           " description, uploaded_by, uploaded_at, retain_until, prev_hash, hash)"
           " SELECT 4, agency_id, object_type, object_id, part, key_step, media, content_type,"
           " file_name, size, sha256, officer_id, device_id, taken_at, place, '补录', uploaded_by,"
           " uploaded_at, retain_until, hash, hash FROM recording WHERE seq = 3");
    const char *found = verify(h, &ck);
    ASSERT_FOUND(found, "第 4 条");
    ASSERT_FOUND(found, "在审计链中没有记载");
    ASSERT_FOUND(found, "台账头（第 3 条");
    assert_int_equal(ck.entries, 4);
}

static void test_r_evd_21_rehashed_ledger_differs_from_audit_chain(void **state)
{
    struct harness *h = *state;
    struct recording_check ck;
    sql(h, "UPDATE recording SET description = '改写后的说明' WHERE seq = 2");
    rehash_from_2(h);
    const char *found = verify(h, &ck);
    /* consistent in itself: only the audit rows show it */
    ASSERT_FOUND(found, "第 2 条与审计链记载不符");
    ASSERT_FOUND(found, "第 3 条与审计链记载不符");
    assert_null(strstr(found, "条目内容被改动"));
    assert_null(strstr(found, "接不上"));
    assert_int_equal(ck.findings, 2);
}

static void test_r_evd_22_altered_file_is_found(void **state)
{
    struct harness *h = *state;
    struct recording_check ck;
    alter_file(file_of(h, h->blobs, 1));
    const char *found = verify(h, &ck);
    ASSERT_FOUND(found, "第 1 条的文件已被改动");
    ASSERT_FOUND(found, h_text(h, "SELECT sha256 FROM recording WHERE seq = 1", ""));
    assert_int_equal(ck.findings, 1);
}

static void test_r_evd_22_missing_and_added_files_are_found(void **state)
{
    struct harness *h = *state;
    struct recording_check ck;
    char stray[BLOB_HEX];
    assert_int_equal(unlink(file_of(h, h->blobs, 3)), 0);
    add_stray(h->blobs, stray);
    const char *found = verify(h, &ck);
    ASSERT_FOUND(found, "第 3 条的文件缺失");
    ASSERT_FOUND(found, "多出的文件");
    ASSERT_FOUND(found, stray);
    assert_int_equal(ck.findings, 2);
    assert_int_equal(ck.files, 3);
}

/* ---- the backup and its check --------------------------------------------------------------- */

static const char *backup(struct harness *h, const char *dest, struct recording_backup_result *r)
{
    struct err e = {0};
    struct buf b = {0};
    if (recording_backup(h->db, h->blobs, dest, h_clock(), collect, &b, r, &e))
        fail_msg("backup: %s", e.msg);
    const char *text = arena_strdup(&h->arena, buf_str(&b));
    buf_free(&b);
    return text;
}

static const char *copy_dir(struct harness *h)
{
    return arena_printf(&h->arena, "%s/copy", h->dir);
}

static void test_r_evd_23_r_evd_24_backup_copies_each_file_once(void **state)
{
    struct harness *h = *state;
    struct recording_backup_result r;
    struct recording_check ck;
    const char *dest = copy_dir(h);
    assert_string_equal(backup(h, dest, &r), "");
    assert_int_equal(r.entries, 3);
    assert_int_equal(r.copied, 3);
    assert_true(r.copied_bytes > 0);
    assert_int_equal(backup(h, dest, &r)[0], 0);
    assert_int_equal(r.copied, 0); /* 0 个新文件 */
    assert_int_equal(r.present, 3);
    add_recording(4);
    backup(h, dest, &r);
    assert_int_equal(r.copied, 1);
    assert_int_equal(r.entries, 4);
    assert_string_equal(verify_copy(h, dest, &ck), "");
    assert_int_equal(ck.entries, 4);
    assert_int_equal(ck.files, 4);
    /* the copy's ledger: one entry a line, in seq order, with its hash */
    FILE *f = fopen(arena_printf(&h->arena, "%s/ledger.jsonl", dest), "r");
    char line[8192];
    int n = 0;
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        json_t *row = json_loads(line, 0, NULL);
        assert_int_equal(jget_int(row, "seq"), ++n);
        assert_string_equal(jget_text(row, "hash"),
                            h_text(h, "SELECT hash FROM recording WHERE seq = ?", "i", (int64_t)n));
        json_decref(row);
    }
    fclose(f);
    assert_int_equal(n, 4);
}

static void test_r_evd_23_backup_leaves_out_an_altered_file(void **state)
{
    struct harness *h = *state;
    struct recording_backup_result r;
    alter_file(file_of(h, h->blobs, 2));
    const char *found = backup(h, copy_dir(h), &r);
    ASSERT_FOUND(found, "第 2 条的文件已被改动，未复制");
    assert_int_equal(r.copied, 2);
    assert_int_equal(r.failed, 1);
}

/* Rewrite line n (from 1) of the copy's ledger with description changed, or drop it. */
static void edit_copy_ledger(struct harness *h, const char *dest, int n, bool drop)
{
    const char *path = arena_printf(&h->arena, "%s/ledger.jsonl", dest);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    struct buf out = {0};
    char line[8192];
    for (int i = 1; fgets(line, sizeof line, f); i++) {
        if (i != n) {
            buf_adds(&out, line);
        } else if (!drop) {
            json_t *row = json_loads(line, 0, NULL);
            jset_text(row, "description", "改动过的说明");
            char *text = json_dumps(row, JSON_COMPACT);
            buf_addf(&out, "%s\n", text);
            free(text);
            json_decref(row);
        }
    }
    fclose(f);
    f = fopen(path, "w");
    fwrite(out.p, 1, out.len, f);
    fclose(f);
    buf_free(&out);
}

static void test_r_evd_24_copy_check_finds_tampering(void **state)
{
    struct harness *h = *state;
    struct recording_backup_result r;
    struct recording_check ck;
    const char *dest = copy_dir(h);
    struct err e = {0};
    struct blob_store *copy;
    char stray[BLOB_HEX];
    backup(h, dest, &r);
    assert_int_equal(blob_open(dest, &copy, &e), 0);
    alter_file(file_of(h, copy, 1));
    add_stray(copy, stray);
    blob_close(copy);
    edit_copy_ledger(h, dest, 2, false);
    const char *found = verify_copy(h, dest, &ck);
    ASSERT_FOUND(found, "第 1 条的文件已被改动");
    ASSERT_FOUND(found, "第 2 条（编号");
    ASSERT_FOUND(found, "条目内容被改动");
    ASSERT_FOUND(found, stray);
    assert_int_equal(ck.findings, 3);
    /* the last entry cut off: head.json still names it */
    edit_copy_ledger(h, dest, 3, true);
    found = verify_copy(h, dest, &ck);
    ASSERT_FOUND(found, "台账头（第 3 条");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_r_evd_01_name_and_size_are_checked, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_02_type_is_read_from_the_content, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_03_recorder_is_an_officer_of_the_agency, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_04_each_entry_is_quoted_in_the_audit_chain,
                                        setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_05_only_a_whole_upload_is_attached, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_06_r_evd_07_who_sees_and_who_uploads, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_20_r_evd_21_r_evd_22_intact_ledger_passes, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_20_edited_row_is_found, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_20_reordered_rows_are_found, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_20_deleted_row_is_found, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_20_deleted_last_row_is_found, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_20_r_evd_21_inserted_row_is_found, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_21_rehashed_ledger_differs_from_audit_chain,
                                        setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_22_altered_file_is_found, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_22_missing_and_added_files_are_found, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_23_r_evd_24_backup_copies_each_file_once, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_23_backup_leaves_out_an_altered_file, setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_24_copy_check_finds_tampering, setup,
                                        harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
