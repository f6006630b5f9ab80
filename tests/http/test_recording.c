/* test_recording.c — whole-process recordings through the real router: a resumable upload (tus)
 * in pieces, resumed after a wrong offset; attaching it to a case with who, when and where; the
 * refusals beside their fields with the upload kept; the file with Range requests and its ETag;
 * the ledger's chain and its audit rows; who may see and who may upload; the case page's
 * section and timeline; a photo's thumbnail, kept beside the store's objects. */
#include "support.h"
#include "case_fixture.h"
#include "law/recording.h"
#include "base/jpack.h"

#include <unistd.h>
#include "law/recording_verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A small scan: a PDF signature and 30 bytes in all. */
static const char scan[] = "%PDF-1.4\n% landun test scans.\n";
#define SCAN_LEN (sizeof scan - 1)

static const char *day(int n)
{
    static char ring[8][DATE_STRLEN];
    static int k;
    char *s = ring[k++ % 8];
    date_format(date_from_instant(h_clock()) + n, s);
    return s;
}

/* Now minus minutes, as "YYYY-MM-DD HH:MM" China time (a ring of 4). */
static const char *minutes_ago(int minutes)
{
    static char ring[4][INSTANT_STRLEN];
    static int k;
    char *s = ring[k++ % 4];
    instant_format(h_clock() - minutes * 60, s);
    s[16] = 0;
    return s;
}

static int64_t a_case(struct harness *h)
{
    return cf_filed(h, cf_sample(day(-10), day(-10)), day(-1), day(-1));
}

/* Start an upload of len bytes as c; its URL into url (64 bytes). */
static void start_upload(struct harness *h, struct client *c, size_t len, char *url)
{
    char length[24];
    snprintf(length, sizeof length, "%zu", len);
    c->upload_length = length;
    c->upload_metadata = "filename 546w5Zy65omr5o+PLnBkZg=="; /* 现场扫描.pdf */
    struct hresp r;
    h_request(h, c, "POST", "/api/v1/uploads", "", &r);
    ASSERT_STATUS(r, 201);
    assert_non_null(r.location);
    snprintf(url, 64, "%s", r.location);
    c->upload_length = c->upload_metadata = NULL;
    hresp_free(&r);
}

/* PATCH bytes at offset: the status. */
static int patch(struct harness *h, struct client *c, const char *url, size_t offset,
                 const void *data, size_t len, struct hresp *r)
{
    char at[24];
    snprintf(at, sizeof at, "%zu", offset);
    c->upload_offset = at;
    c->content_type = "application/offset+octet-stream";
    h_request_bytes(h, c, "PATCH", url, data, len, r);
    c->upload_offset = NULL;
    c->content_type = NULL;
    return r->status;
}

/* A whole upload of scan as c: its id (static). */
static const char *uploaded(struct harness *h, struct client *c, const void *data, size_t len)
{
    static char url[64];
    start_upload(h, c, len, url);
    struct hresp r;
    assert_int_equal(patch(h, c, url, 0, data, len, &r), 204);
    hresp_free(&r);
    return strrchr(url, '/') + 1;
}

/* Attach upload to case id as officer 1 taken minutes ago: the response. */
static void attach(struct harness *h, struct client *c, const char *upload, int64_t id,
                   const char *taken, struct hresp *r)
{
    h_requestf(h, c, "POST", "/api/v1/recordings", r,
               "{\"upload\":\"%s\",\"object_type\":\"case\",\"object_id\":%lld,"
               "\"officer_id\":%lld,\"taken_at\":\"%s\",\"place\":\"康宁诊所\","
               "\"description\":\"现场检查执法记录\"}",
               upload, (long long)id, (long long)CF.o1, taken);
}

static void test_r_evd_05_resumable_upload_then_attach(void **state)
{
    struct harness *h = *state;
    struct client officer;
    h_login(h, &officer, "officer");
    int64_t id = a_case(h);
    char url[64];
    start_upload(h, &officer, SCAN_LEN, url);
    struct hresp r;
    /* the first 10 bytes, then a retry from a wrong offset is refused with where to resume */
    assert_int_equal(patch(h, &officer, url, 0, scan, 10, &r), 204);
    assert_string_equal(h_header(&r, "Upload-Offset"), "10");
    hresp_free(&r);
    assert_int_equal(patch(h, &officer, url, 4, scan + 4, 6, &r), 409);
    ASSERT_HAS(r, "应从第 10 字节续传");
    hresp_free(&r);
    h_request(h, &officer, "HEAD", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(h_header(&r, "Upload-Offset"), "10");
    assert_string_equal(h_header(&r, "Upload-Length"), "30");
    assert_string_equal(h_header(&r, "Tus-Resumable"), "1.0.0");
    hresp_free(&r);
    /* attaching an unfinished upload is refused beside the upload */
    const char *upload = strrchr(url, '/') + 1;
    attach(h, &officer, upload, id, minutes_ago(30), &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "文件尚未上传完整");
    hresp_free(&r);
    /* more than announced is refused, and nothing of it is kept */
    char more[64];
    memcpy(more, scan + 10, SCAN_LEN - 10);
    memcpy(more + SCAN_LEN - 10, "extra", 5);
    assert_int_equal(patch(h, &officer, url, 10, more, SCAN_LEN - 5, &r), 413);
    hresp_free(&r);
    assert_int_equal(patch(h, &officer, url, 10, scan + 10, SCAN_LEN - 10, &r), 204);
    assert_string_equal(h_header(&r, "Upload-Offset"), "30");
    hresp_free(&r);
    attach(h, &officer, upload, id, minutes_ago(30), &r);
    ASSERT_STATUS(r, 201);
    assert_string_equal(json_string_value(json_object_get(r.json, "file_name")), "现场扫描.pdf");
    assert_string_equal(json_string_value(json_object_get(r.json, "media")), "scan");
    assert_string_equal(json_string_value(json_object_get(r.json, "content_type")),
                        "application/pdf");
    assert_int_equal(json_integer_value(json_object_get(r.json, "size")), SCAN_LEN);
    hresp_free(&r);
    /* the upload is gone once attached */
    h_request(h, &officer, "HEAD", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM recording", ""), "1");
}

static void test_r_evd_01_refusals_keep_the_upload(void **state)
{
    struct harness *h = *state;
    struct client officer;
    h_login(h, &officer, "officer");
    int64_t id = a_case(h);
    /* a page is not a recording */
    const char *page = uploaded(h, &officer, "<html><script>alert(1)</script>", 31);
    struct hresp r;
    attach(h, &officer, page, id, minutes_ago(5), &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "不支持的文件类型");
    hresp_free(&r);
    /* a time after now, and an officer of another agency */
    const char *upload = uploaded(h, &officer, scan, SCAN_LEN);
    attach(h, &officer, upload, id, minutes_ago(-90), &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "时间不能晚于现在");
    hresp_free(&r);
    h_requestf(h, &officer, "POST", "/api/v1/recordings", &r,
               "{\"upload\":\"%s\",\"object_type\":\"case\",\"object_id\":%lld,"
               "\"taken_at\":\"2026-13-01 10:00\"}",
               upload, (long long)id);
    ASSERT_STATUS(r, 422);
    json_t *fields = json_object_get(json_object_get(r.json, "error"), "fields");
    assert_non_null(json_object_get(fields, "taken_at"));
    assert_non_null(json_object_get(fields, "officer_id"));
    hresp_free(&r);
    h_requestf(h, &officer, "POST", "/api/v1/recordings", &r,
               "{\"upload\":\"%s\",\"object_type\":\"petition\",\"object_id\":%lld}", upload,
               (long long)id);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "只能附于检查、投诉举报或案件");
    hresp_free(&r);
    /* a record that does not exist */
    h_requestf(h, &officer, "POST", "/api/v1/recordings", &r,
               "{\"upload\":\"%s\",\"object_type\":\"case\",\"object_id\":99999,"
               "\"officer_id\":%lld,\"taken_at\":\"%s\"}",
               upload, (long long)CF.o1, minutes_ago(5));
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM recording", ""), "0");
    /* mended, the same upload is attached */
    attach(h, &officer, upload, id, minutes_ago(5), &r);
    ASSERT_STATUS(r, 201);
    hresp_free(&r);
    /* an empty or oversized upload is refused at its start */
    officer.upload_length = "0";
    h_request(h, &officer, "POST", "/api/v1/uploads", "", &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "文件为空");
    hresp_free(&r);
    officer.upload_length = "99999999999999";
    h_request(h, &officer, "POST", "/api/v1/uploads", "", &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "文件过大");
    officer.upload_length = NULL;
    hresp_free(&r);
}

/* A recording of case id attached by "officer": its id. */
static int64_t recorded(struct harness *h, int64_t id, const void *data, size_t len)
{
    struct client officer;
    h_login(h, &officer, "officer");
    struct hresp r;
    attach(h, &officer, uploaded(h, &officer, data, len), id, minutes_ago(20), &r);
    ASSERT_STATUS(r, 201);
    int64_t rec = json_integer_value(json_object_get(r.json, "id"));
    hresp_free(&r);
    return rec;
}

static void test_recording_file_with_ranges(void **state)
{
    struct harness *h = *state;
    struct client viewer;
    h_login(h, &viewer, "viewer");
    int64_t rec = recorded(h, a_case(h), scan, SCAN_LEN);
    char url[64], etag[80];
    snprintf(url, sizeof url, "/recordings/%lld/file", (long long)rec);
    struct hresp r;
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(r.len, SCAN_LEN);
    assert_memory_equal(r.body, scan, SCAN_LEN);
    assert_string_equal(r.content_type, "application/pdf");
    assert_string_equal(h_header(&r, "Accept-Ranges"), "bytes");
    ASSERT_HAS((struct hresp){.body = (char *)h_header(&r, "Content-Disposition")}, "inline");
    snprintf(etag, sizeof etag, "%s", h_header(&r, "ETag"));
    assert_int_equal(strlen(etag), 66);
    hresp_free(&r);
    viewer.range = "bytes=5-8";
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 206);
    assert_int_equal(r.len, 4);
    assert_memory_equal(r.body, scan + 5, 4);
    assert_string_equal(h_header(&r, "Content-Range"), "bytes 5-8/30");
    hresp_free(&r);
    viewer.range = "bytes=-3";
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 206);
    assert_memory_equal(r.body, scan + SCAN_LEN - 3, 3);
    hresp_free(&r);
    viewer.range = "bytes=30-";
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 416);
    assert_string_equal(h_header(&r, "Content-Range"), "bytes */30");
    hresp_free(&r);
    viewer.range = NULL;
    viewer.if_none_match = etag;
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 304);
    hresp_free(&r);
    viewer.if_none_match = NULL;
    strcat(url, "?download=1");
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_HAS((struct hresp){.body = (char *)h_header(&r, "Content-Disposition")},
               "attachment; filename*=UTF-8''%E7%8E%B0");
    hresp_free(&r);
}

static void test_r_evd_06_seen_by_those_who_read_the_record(void **state)
{
    struct harness *h = *state;
    struct client other, viewer, clerk, officer;
    h_login(h, &other, "other");
    h_login(h, &viewer, "viewer");
    h_login(h, &clerk, "clerk");
    h_login(h, &officer, "officer");
    int64_t id = a_case(h);
    int64_t rec = recorded(h, id, scan, SCAN_LEN);
    char show[64], file[64], list[96];
    snprintf(show, sizeof show, "/api/v1/recordings/%lld", (long long)rec);
    snprintf(file, sizeof file, "/recordings/%lld/file", (long long)rec);
    snprintf(list, sizeof list, "/api/v1/cases/%lld/recordings", (long long)id);
    struct hresp r;
    /* another county: the recording does not exist */
    h_request(h, &other, "GET", show, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    h_request(h, &other, "GET", file, NULL, &r);
    ASSERT_STATUS(r, 404);
    ASSERT_LACKS(r, "%PDF");
    hresp_free(&r);
    h_request(h, &other, "GET", list, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    /* the county's viewer reads it, but may not upload */
    h_request(h, &viewer, "GET", list, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "items")), 1);
    hresp_free(&r);
    viewer.upload_length = "30";
    h_request(h, &viewer, "POST", "/api/v1/uploads", "", &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    /* an upload is its owner's alone */
    char url[64];
    start_upload(h, &officer, SCAN_LEN, url);
    h_request(h, &other, "HEAD", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    assert_int_equal(patch(h, &other, url, 0, scan, SCAN_LEN, &r), 404);
    hresp_free(&r);
    /* and cannot be attached by another county to a record it cannot see */
    assert_int_equal(patch(h, &officer, url, 0, scan, SCAN_LEN, &r), 204);
    hresp_free(&r);
    attach(h, &other, strrchr(url, '/') + 1, id, minutes_ago(3), &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    /* without the session's token, a PATCH from a page elsewhere is refused */
    officer.csrf[0] = 0;
    assert_int_equal(patch(h, &officer, url, 0, scan, 1, &r), 403);
    hresp_free(&r);
    /* a dropped upload is gone */
    h_login(h, &officer, "officer");
    h_request(h, &officer, "DELETE", url, NULL, &r);
    ASSERT_STATUS(r, 204);
    hresp_free(&r);
    h_request(h, &officer, "HEAD", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
}

static void test_r_evd_04_ledger_chain_and_audit(void **state)
{
    struct harness *h = *state;
    int64_t id = a_case(h);
    recorded(h, id, scan, SCAN_LEN);
    recorded(h, id, "\xff\xd8\xff\xe0 photo bytes", 17);
    recorded(h, id, scan, SCAN_LEN); /* the same content again: one file, two entries */
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM recording", ""), "3");
    assert_string_equal(h_text(h, "SELECT MIN(seq) || '-' || MAX(seq) FROM recording", ""), "1-3");
    assert_string_equal(
        h_text(h,
               "SELECT COUNT(*) FROM recording a JOIN recording b ON b.seq = a.seq + 1"
               " WHERE b.prev_hash = a.hash",
               ""),
        "2");
    assert_string_equal(h_text(h,
                               "SELECT COUNT(*) FROM recording r JOIN recording_head x"
                               " ON x.hash = r.hash AND x.seq = r.seq",
                               ""),
                        "1");
    /* each entry's hash is quoted by its audit row */
    assert_string_equal(
        h_text(h,
               "SELECT COUNT(*) FROM recording r JOIN audit_log a ON a.action = 'recording.add'"
               " AND a.summary LIKE '%' || r.hash || '%'",
               ""),
        "3");
}

static void test_recordings_on_the_case_page(void **state)
{
    struct harness *h = *state;
    struct client officer, viewer;
    h_login(h, &officer, "officer");
    h_login(h, &viewer, "viewer");
    int64_t id = a_case(h);
    char page[64];
    snprintf(page, sizeof page, "/cases/%lld", (long long)id);
    struct hresp r;
    h_request(h, &officer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "执法全过程记录");
    ASSERT_HAS(r, "暂无执法记录");
    ASSERT_HAS(r, "上传执法记录");
    hresp_free(&r);
    int64_t rec = recorded(h, id, "\xff\xd8\xff\xe0 photo bytes", 17);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "上传执法记录");
    char thumb[64];
    snprintf(thumb, sizeof thumb, "/recordings/%lld/thumb", (long long)rec);
    ASSERT_HAS(r, thumb); /* in the section and on the timeline */
    ASSERT_HAS(r, "<img class=\"tl-thumb\"");
    ASSERT_HAS(r, "执法记录（照片）");
    snprintf(thumb, sizeof thumb, "/recordings/%lld/file", (long long)rec);
    ASSERT_LACKS(r, thumb); /* never the whole photo in a list */
    hresp_free(&r);
    snprintf(page, sizeof page, "/recordings/%lld", (long long)rec);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "SHA-256");
    ASSERT_HAS(r, "康宁诊所");
    ASSERT_HAS(r, "<img class=\"rec-view\"");
    hresp_free(&r);
}

static void test_r_evd_08_unattached_uploads_expire(void **state)
{
    struct harness *h = *state;
    struct client officer;
    h_login(h, &officer, "officer");
    char old[64], fresh[64];
    start_upload(h, &officer, SCAN_LEN, old);
    struct hresp r;
    assert_int_equal(patch(h, &officer, old, 0, scan, 10, &r), 204);
    hresp_free(&r);
    /* eight days on, the next upload to start drops the old one and its bytes */
    h_set_clock(h, h_clock() + 8 * 86400);
    h_login(h, &officer, "officer");
    start_upload(h, &officer, SCAN_LEN, fresh);
    h_request(h, &officer, "HEAD", old, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    char partial[160];
    snprintf(partial, sizeof partial, "%s/evidence/partial/%s", h->dir, strrchr(old, '/') + 1);
    assert_int_equal(access(partial, F_OK), -1);
    h_request(h, &officer, "HEAD", fresh, NULL, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
}

static void test_r_evd_30_coverage_pages(void **state)
{
    struct harness *h = *state;
    struct client viewer, other;
    h_login(h, &viewer, "viewer");
    h_login(h, &other, "other");
    int64_t recorded_case = a_case(h);
    a_case(h);
    recorded(h, recorded_case, scan, SCAN_LEN);
    struct hresp r;
    h_request(h, &viewer, "GET", "/recordings/figures?from=2026-01-01&to=2026-12-31", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "执法记录覆盖情况");
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/api/v1/recordings/figures?from=2026-01-01&to=2026-12-31", NULL,
              &r);
    ASSERT_STATUS(r, 200);
    json_t *cases = json_object_get(r.json, "cases");
    assert_int_equal(jget_int(json_object_get(cases, "all"), "n"), 2);
    assert_int_equal(jget_int(json_object_get(cases, "recorded"), "n"), 1);
    hresp_free(&r);
    /* the list behind "cases recorded" names the case; another county sees none of it */
    h_request(h, &viewer, "GET",
              "/api/v1/recordings/coverage/list?what=case&recorded=1&from=2026-01-01"
              "&to=2026-12-31",
              NULL, &r);
    ASSERT_STATUS(r, 200);
    char id[32];
    snprintf(id, sizeof id, "\"id\":%lld", (long long)recorded_case);
    ASSERT_HAS(r, id);
    hresp_free(&r);
    h_request(h, &other, "GET", "/api/v1/recordings/figures?from=2026-01-01&to=2026-12-31", NULL,
              &r);
    ASSERT_STATUS(r, 200);
    cases = json_object_get(r.json, "cases");
    assert_int_equal(jget_int(json_object_get(cases, "all"), "n"), 0);
    hresp_free(&r);
}

static void no_finding(const char *msg, void *arg)
{
    (void)arg;
    fail_msg("landun verify evidence found: %s", msg);
}

static void test_photo_thumbnail(void **state)
{
    struct harness *h = *state;
    struct client viewer, other;
    h_login(h, &viewer, "viewer");
    h_login(h, &other, "other");
    int64_t id = a_case(h);
    unsigned long len;
    unsigned char *jpeg = h_jpeg(1600, 1200, 0, &len);
    int64_t rec = recorded(h, id, jpeg, len);
    free(jpeg);
    char url[64], etag[96];
    snprintf(url, sizeof url, "/recordings/%lld/thumb", (long long)rec);
    struct hresp r;
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(r.content_type, "image/jpeg");
    assert_memory_equal(r.body, "\xff\xd8\xff", 3);
    assert_true(r.len > 0 && r.len < len / 4);
    ASSERT_HAS((struct hresp){.body = (char *)h_header(&r, "Cache-Control")}, "private");
    snprintf(etag, sizeof etag, "%s", h_header(&r, "ETag"));
    ASSERT_HAS((struct hresp){.body = etag}, "-320\"");
    hresp_free(&r);
    /* kept beside the objects, and again served from there, or not at all (304) */
    const char *sha = h_text(h, "SELECT sha256 FROM recording WHERE id = ?", "i", rec);
    char path[4096];
    snprintf(path, sizeof path, "%s/thumbs/%s-320.jpg", blob_dir(h->blobs), sha);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal((int64_t)r.len, (int64_t)st.st_size);
    hresp_free(&r);
    viewer.if_none_match = etag;
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 304);
    hresp_free(&r);
    viewer.if_none_match = NULL;
    /* derived data: landun verify evidence does not count it as an added file */
    struct recording_check check;
    struct err e = {0};
    assert_int_equal(recording_verify(h->ctx.db, h->blobs, no_finding, NULL, &check, &e), 0);
    assert_int_equal(check.findings, 0);
    /* another county: as if it did not exist */
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    /* a scan has none; nor has a photo that cannot be decoded (the page shows its label) */
    snprintf(url, sizeof url, "/recordings/%lld/thumb", (long long)recorded(h, id, scan, SCAN_LEN));
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    ASSERT_HAS(r, "没有缩略图");
    hresp_free(&r);
    snprintf(url, sizeof url, "/recordings/%lld/thumb",
             (long long)recorded(h, id, "\xff\xd8\xff\xe0 photo bytes", 17));
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    ASSERT_HAS(r, "照片无法解码");
    hresp_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_r_evd_05_resumable_upload_then_attach, cf_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_01_refusals_keep_the_upload, cf_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_recording_file_with_ranges, cf_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_06_seen_by_those_who_read_the_record, cf_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_04_ledger_chain_and_audit, cf_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_photo_thumbnail, cf_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_recordings_on_the_case_page, cf_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_08_unattached_uploads_expire, cf_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_r_evd_30_coverage_pages, cf_setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
