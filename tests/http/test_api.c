/* test_api.c — the route table as a whole: the OpenAPI document matches it in both directions,
 * every page renders well-formed for an administrator, every JSON answer parses, unknown paths
 * and wrong methods, malformed bodies, security headers, assets with ETags, and /healthz. */
#include "tests/support.h"
#include "base/codes.h"
#include "base/date.h"
#include "law/recording.h"
#include "law/role.h"
#include "web/pages.h"
#include "web/public_url.h"
#include "web/web.h"

#include <cairo.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- helpers ------------------------------------------------------------------------------ */

/* Ids of one record of each kind, for the {…} segments of route patterns. */
struct ids {
    int64_t entity, licence, officer, agency, user;
    int64_t inspection, campaign; /* an inspection with both documents; a campaign listing entity */
    int64_t item, plan, drawn_plan, task; /* an unpublished check item, a draft plan, a drawn one,
                                             its task */
    int64_t complaint;                    /* taken in by the clerk */
    int64_t petition;                     /* registered by the clerk */
    int64_t disclosure;                   /* a disclosure request registered by the clerk */
    int64_t power, baseline;              /* a penalty item and a baseline version of it to come */
    int64_t penalty_case;                 /* a case registered by the officer */
    int64_t preservation;                 /* an evidence preservation of it, as stored */
    int64_t referral;                     /* a referral of it to the police, as stored */
    int64_t remedy;                       /* a 复议 against its decision, as stored */
    int64_t review, sample;               /* a case-file audit of it and a sample, as stored */
    int64_t document;                     /* its consultation letter: names no one */
    int64_t device;                       /* an enforcement device, pooled */
    int64_t recording;                    /* a scan recorded on the case */
    int64_t photo;                        /* a photo recorded on it (for its thumbnail) */
    int64_t publicity;                    /* its decision's publicity item, published, as stored */
    char upload[40];                      /* an unfinished upload of the administrator */
    char tracking[16];                    /* the complaint's tracking code */
};

static cairo_status_t png_sink(void *closure, const unsigned char *data, unsigned int len)
{
    buf_add(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* Attach a small PNG photo to the case, as the officer who recorded the scan. */
static void make_photo(struct ctx *c, struct recording_in in, struct ids *ids)
{
    struct buf png = {0};
    struct err e = {0};
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 8, 6);
    cairo_surface_write_to_png_stream(s, png_sink, &png);
    cairo_surface_destroy(s);
    char up[BLOB_ID_HEX];
    if (recording_upload_bytes(c, png.p, png.len, "photo.png", up, &e)) fail_msg("%s", e.msg);
    buf_free(&png);
    in.upload = up;
    if (recording_add(c, &in, &ids->photo, &e)) fail_msg("photo: %s", e.msg);
}

/* A recording of the case (and a photo), and an unfinished upload of the administrator. */
static void make_recording(struct harness *h, struct client *admin, struct ids *ids)
{
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct err e = {0};
    char up[BLOB_ID_HEX], taken[INSTANT_STRLEN];
    instant_format(h_clock() - 3600, taken);
    taken[16] = 0;
    if (recording_upload_bytes(&c, "%PDF-1.4\n", 9, "scan.pdf", up, &e)) fail_msg("%s", e.msg);
    struct recording_in in = {
        .upload = up, .object_type = "case", .object_id = ids->penalty_case, .taken_at = taken};
    if (db_get_int(h->db, &e, &in.officer_id,
                   "SELECT officer_id FROM case_officer WHERE case_id = ? LIMIT 1", "i",
                   ids->penalty_case))
        in.officer_id = ids->officer;
    if (recording_add(&c, &in, &ids->recording, &e)) fail_msg("recording: %s", e.msg);
    make_photo(&c, in, ids);
    struct hresp r;
    admin->upload_length = "100";
    h_request(h, admin, "POST", "/api/v1/uploads", "", &r);
    admin->upload_length = NULL;
    ASSERT_STATUS(r, 201);
    snprintf(ids->upload, sizeof ids->upload, "%s", strrchr(r.location, '/') + 1);
    hresp_free(&r);
}

static int64_t post_for_id(struct harness *h, struct client *c, const char *target, json_t *obj)
{
    char *s = json_dumps(obj, JSON_COMPACT);
    json_decref(obj);
    struct hresp r;
    h_request(h, c, "POST", target, s, &r);
    free(s);
    ASSERT_STATUS(r, 201);
    int64_t id = json_integer_value(json_object_get(r.json, "id"));
    assert_true(id > 0);
    hresp_free(&r);
    return id;
}

/* A second officer, an inspection of the entity by both that ordered a correction (so both
 * documents exist), and a campaign with the entity on its list. */
static void make_inspection_records(struct harness *h, struct client *admin, struct ids *ids,
                                    const char *from, const char *to)
{
    char idno[IDCARD_LEN + 1], url[96];
    snprintf(idno, sizeof idno, "32041219800101%03d", 2);
    idno[17] = idcard_check_char(idno);
    idno[18] = 0;
    int64_t second = post_for_id(h, admin, "/api/v1/officers",
                                 json_pack("{ss ss ss ss ss s[s]}", "name", "接口人员二",
                                           "id_number", idno, "cert_no", "ZF-2", "cert_issued",
                                           from, "cert_expires", to, "lines", "medical"));
    struct err e = {0};
    assert_true(
        db_exec(h->db, &e, "UPDATE agency SET short_name = '武' WHERE code = '320412'", "") >= 0);
    char today[DATE_STRLEN], later[DATE_STRLEN];
    date_format(date_from_instant(h_clock()), today);
    date_format(date_from_instant(h_clock()) + 10, later);
    ids->inspection = post_for_id(
        h, admin, "/api/v1/inspections",
        json_pack("{sI ss ss ss ss s[II] s[{ss ss ss}] ss ss ss}", "entity_id",
                  (json_int_t)ids->entity, "type", "routine", "line", "medical", "date", today,
                  "place", "诊室", "officers", (json_int_t)ids->officer, (json_int_t)second,
                  "items", "code", "MED-03", "result", "nonconform", "note", "未公示", "findings",
                  "未公示", "outcome", "rectify", "rectify_by", later));
    ids->campaign = post_for_id(h, admin, "/api/v1/campaigns",
                                json_pack("{ss ss ss ss}", "name", "接口专项", "line", "medical",
                                          "starts_on", today, "ends_on", later));
    snprintf(url, sizeof url, "/api/v1/campaigns/%lld/targets", (long long)ids->campaign);
    struct hresp r;
    h_send_json(h, admin, "POST", url, json_pack("{s[I]}", "entity_ids", (json_int_t)ids->entity),
                &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
}

/* A penalty item of the power list and a baseline version of it taking effect tomorrow (one
 * that may still be changed). */
static void make_power_records(struct harness *h, struct client *admin, struct ids *ids,
                               day_t today)
{
    ids->power = post_for_id(
        h, admin, "/api/v1/power-items",
        json_pack("{ss ss ss ss ss ss ss s[ss] si si}", "code", "GG-CF-1", "name", "擅自营业",
                  "kind", "penalty", "line", "public_place", "basis", "《公共场所卫生管理条例》",
                  "violated", "第八条", "penalty_basis", "实施细则第三十五条", "penalty_types",
                  "warning", "fine", "fine_min", 500, "fine_max", 30000));
    char url[96], tomorrow[DATE_STRLEN];
    date_format(today + 1, tomorrow);
    snprintf(url, sizeof url, "/api/v1/power-items/%lld/baselines", (long long)ids->power);
    struct hresp r;
    h_send_json(h, admin, "POST", url,
                json_pack("{ss s[{ss ss ss si si}]}", "effective_on", tomorrow, "levels", "name",
                          "一般", "conditions", "首次", "penalty_types", "fine", "fine_min", 500,
                          "fine_max", 2000),
                &r);
    ASSERT_STATUS(r, 201);
    ids->baseline = json_integer_value(
        json_object_get(json_array_get(json_object_get(r.json, "versions"), 0), "id"));
    assert_true(ids->baseline > 0);
    hresp_free(&r);
}

/* Create an entity with a licence, an officer and a user; the agency is the admin's own. */
static struct ids make_records(struct harness *h, struct client *admin)
{
    struct ids ids = {0};
    char uscc[USCC_LEN + 1], idno[IDCARD_LEN + 1], from[DATE_STRLEN], to[DATE_STRLEN], url[96];
    snprintf(uscc, sizeof uscc, "91320412%08d", 1);
    uscc[16] = orgcode_check_char(uscc + 8);
    uscc[17] = uscc_check_char(uscc);
    uscc[18] = 0;
    ids.entity = post_for_id(h, admin, "/api/v1/entities",
                             json_pack("{ss ss ss ss}", "name", "接口诊所", "uscc", uscc, "address",
                                       "某路1号", "subtype", "clinic"));
    snprintf(url, sizeof url, "/api/v1/entities/%lld/licences", (long long)ids.entity);
    ids.licence = post_for_id(h, admin, url,
                              json_pack("{ss ss}", "type", "medical_institution", "number", "L1"));
    snprintf(idno, sizeof idno, "32041219800101%03d", 1);
    idno[17] = idcard_check_char(idno);
    idno[18] = 0;
    day_t today = date_from_instant(h_clock());
    date_format(today - 10, from);
    date_format(today + 500, to);
    ids.officer = post_for_id(h, admin, "/api/v1/officers",
                              json_pack("{ss ss ss ss ss s[s]}", "name", "接口人员", "id_number",
                                        idno, "cert_no", "ZF-1", "cert_issued", from,
                                        "cert_expires", to, "lines", "medical"));
    ids.user = post_for_id(h, admin, "/api/v1/users",
                           json_pack("{ss ss ss ss s[s]}", "username", "apiuser", "display_name",
                                     "接口用户", "password", TEST_PASSWORD, "agency", "320412",
                                     "roles", "viewer"));
    struct hresp r;
    h_request(h, admin, "GET", "/api/v1/me", NULL, &r);
    ids.agency = json_integer_value(json_object_get(r.json, "agency_id"));
    hresp_free(&r);
    make_inspection_records(h, admin, &ids, from, to);
    /* 双随机: a published item, a draft plan, and a plan drawn (the inspection's second officer
     * makes a team) */
    ids.item =
        post_for_id(h, admin, "/api/v1/check-items",
                    json_pack("{ss ss ss ss ss}", "code", "YL-1", "name", "依法执业", "line",
                              "medical", "basis", "《医疗机构管理条例》", "method", "onsite"));
    int64_t published = post_for_id(h, admin, "/api/v1/check-items",
                                    json_pack("{ss ss ss ss ss}", "code", "YL-2", "name",
                                              "依法执业（已公布）", "line", "medical", "basis",
                                              "《医疗机构管理条例》", "method", "onsite"));
    snprintf(url, sizeof url, "/api/v1/check-items/%lld/publish", (long long)published);
    h_request(h, admin, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    date_format(today, from);
    for (int i = 0; i < 2; i++) {
        int64_t plan = post_for_id(h, admin, "/api/v1/plans",
                                   json_pack("{ss ss ss ss s[I] ss ss ss ss}", "name", "接口计划",
                                             "level", "county", "year", "2026", "line", "medical",
                                             "items", (json_int_t)published, "quota_mode", "count",
                                             "count", "1", "starts_on", from, "deadline", to));
        *(i ? &ids.drawn_plan : &ids.plan) = plan;
    }
    snprintf(url, sizeof url, "/api/v1/plans/%lld/commit", (long long)ids.drawn_plan);
    h_request(h, admin, "POST", url, "{\"seed_source\":\"摇号\"}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/plans/%lld/draw", (long long)ids.drawn_plan);
    h_request(h, admin, "POST", url, "{\"seed\":\"1\"}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    h_request(h, admin, "GET", "/api/v1/tasks", NULL, &r);
    ids.task = json_integer_value(
        json_object_get(json_array_get(json_object_get(r.json, "rows"), 0), "id"));
    hresp_free(&r);
    struct client clerk;
    h_login(h, &clerk, "clerk");
    h_request(h, &clerk, "POST", "/api/v1/complaints",
              "{\"channel\":\"phone\",\"line\":\"medical\",\"matter\":\"other\","
              "\"summary\":\"接口投诉\",\"party_name\":\"某诊所\",\"anonymous\":\"1\"}",
              &r);
    ASSERT_STATUS(r, 201);
    ids.complaint = json_integer_value(json_object_get(r.json, "id"));
    snprintf(ids.tracking, sizeof ids.tracking, "%s",
             json_string_value(json_object_get(r.json, "tracking_code")));
    hresp_free(&r);
    h_request(h, &clerk, "POST", "/api/v1/petitions",
              "{\"form\":\"online\",\"content\":\"advice\",\"summary\":\"接口信访\","
              "\"anonymous\":\"1\"}",
              &r);
    ASSERT_STATUS(r, 201);
    ids.petition = json_integer_value(json_object_get(r.json, "id"));
    hresp_free(&r);
    h_request(h, &clerk, "POST", "/api/v1/disclosures",
              "{\"channel\":\"online\",\"content\":\"接口申请公开的信息\",\"name\":\"申请人\","
              "\"phone\":\"13900004444\"}",
              &r);
    ASSERT_STATUS(r, 201);
    ids.disclosure = json_integer_value(json_object_get(r.json, "id"));
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/disclosures/%lld/consult", (long long)ids.disclosure);
    h_request(h, &clerk, "POST", url, "{\"party\":\"某某诊所\"}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/disclosures/%lld", (long long)ids.disclosure);
    h_request(h, &clerk, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ids.document = json_integer_value(
        json_object_get(json_array_get(json_object_get(r.json, "documents"), 0), "id"));
    assert_true(ids.document > 0);
    hresp_free(&r);
    struct client officer;
    h_login(h, &officer, "officer");
    char act[DATE_STRLEN];
    date_format(date_from_instant(h_clock()), act);
    ids.penalty_case = post_for_id(h, &officer, "/api/v1/cases",
                                   json_pack("{ss ss ss ss ss ss}", "source", "other", "line",
                                             "medical", "party_name", "无名诊所", "party_kind",
                                             "citizen", "summary", "接口案件", "act_on", act));
    struct err e = {0};
    struct db_stmt *st = db_query(
        h->db, &e,
        "INSERT INTO case_preservation (agency_id, case_id, line, state, items, place, reason,"
        " requested_on, created_at, updated_at) SELECT agency_id, id, line, 'requested',"
        " '[{\"name\":\"药品\",\"spec\":\"\",\"quantity\":\"1盒\"}]', '本机关', '可能灭失',"
        " received_on, 0, 0 FROM penalty_case WHERE id = ? RETURNING id",
        "i", ids.penalty_case);
    if (!st || db_step(st, &e) != DB_ROW) fail_msg("preservation: %s", e.msg);
    ids.preservation = db_int(st, 0);
    db_done(st);
    st = db_query(h->db, &e,
                  "INSERT INTO case_referral (agency_id, case_id, line, state, crime, facts, organ,"
                  " goods, reported_on, created_at, updated_at) SELECT agency_id, id, line,"
                  " 'reported', '非法行医罪', '事实', '公安局', '[]', received_on, 0, 0"
                  " FROM penalty_case WHERE id = ? RETURNING id",
                  "i", ids.penalty_case);
    if (!st || db_step(st, &e) != DB_ROW) fail_msg("referral: %s", e.msg);
    ids.referral = db_int(st, 0);
    db_done(st);
    st = db_query(h->db, &e,
                  "INSERT INTO case_remedy (agency_id, case_id, line, state, kind, known_on,"
                  " filed_on, received_on, body, applicant, created_at, updated_at)"
                  " SELECT agency_id, id, line, 'received', 'reconsideration', received_on,"
                  " received_on, received_on, '人民政府', '无名诊所', 0, 0"
                  " FROM penalty_case WHERE id = ? RETURNING id",
                  "i", ids.penalty_case);
    if (!st || db_step(st, &e) != DB_ROW) fail_msg("remedy: %s", e.msg);
    ids.remedy = db_int(st, 0);
    db_done(st);
    st = db_query(h->db, &e,
                  "INSERT INTO file_review_sample (agency_id, period_from, period_to, size, seed,"
                  " pool, case_ids, created_at) SELECT agency_id, received_on, received_on, 1,"
                  " 's', 1, CAST(id AS TEXT), 0 FROM penalty_case WHERE id = ? RETURNING id",
                  "i", ids.penalty_case);
    if (!st || db_step(st, &e) != DB_ROW) fail_msg("sample: %s", e.msg);
    ids.sample = db_int(st, 0);
    db_done(st);
    st = db_query(h->db, &e,
                  "INSERT INTO file_review (agency_id, reviewer_agency_id, case_id, line, state,"
                  " reviewer_id, reviewed_on, rubric_version, sample_id, created_at)"
                  " SELECT x.agency_id, x.agency_id, x.id, x.line, 'reviewing', u.id,"
                  " x.received_on, 'v', ?, 0 FROM penalty_case x, app_user u WHERE x.id = ?"
                  " AND u.username = 'auditor' RETURNING id",
                  "ii", ids.sample, ids.penalty_case);
    if (!st || db_step(st, &e) != DB_ROW) fail_msg("review: %s", e.msg);
    ids.review = db_int(st, 0);
    db_done(st);
    st = db_query(h->db, &e,
                  "INSERT INTO publicity_item (agency_id, kind, source_id, line, state, title,"
                  " decided_on, published_on, max_until, data, changed_at, created_at,"
                  " updated_at) SELECT agency_id, 'penalty', id, line, 'published', '无名诊所',"
                  " received_on, received_on, '2099-12-31', '{\"party\":\"无名诊所\"}', 0,"
                  " 0, 0 FROM penalty_case WHERE id = ? RETURNING id",
                  "i", ids.penalty_case);
    if (!st || db_step(st, &e) != DB_ROW) fail_msg("publicity: %s", e.msg);
    ids.publicity = db_int(st, 0);
    db_done(st);
    make_power_records(h, admin, &ids, today);
    ids.device = post_for_id(h, admin, "/api/v1/devices",
                             json_pack("{ss ss}", "kind", "recorder", "number", "JLY-001"));
    make_recording(h, admin, &ids);
    return ids;
}

/* The request path of pattern with its {…} segments replaced by the ids. */
static void fill(const char *pattern, const struct ids *ids, char *out, size_t n)
{
    size_t o = 0;
    for (const char *p = pattern; *p && o + 24 < n;) {
        if (*p != '{') {
            out[o++] = *p++;
            continue;
        }
        const char *close = strchr(p, '}');
        assert_non_null(close);
        size_t len = (size_t)(close - p - 1);
        int64_t v = 0;
        if (len == 4 && strncmp(p + 1, "name", 4) == 0) {
            o += (size_t)snprintf(out + o, n - o, "app.css");
        } else if (len == 3 && strncmp(p + 1, "lid", 3) == 0) {
            v = ids->licence;
        } else if (len == 3 && strncmp(p + 1, "eid", 3) == 0) {
            v = ids->entity;
        } else if (str_prefix(pattern, "/inspections/")) {
            v = ids->inspection;
        } else if (str_prefix(pattern, "/campaigns/")) {
            v = ids->campaign;
        } else if (len == 3 && strncmp(p + 1, "oid", 3) == 0) {
            v = ids->officer;
        } else if (str_prefix(pattern, "/check-items/")) {
            v = ids->item;
        } else if (str_prefix(pattern, "/plans/")) {
            v = ids->plan;
        } else if (str_prefix(pattern, "/public/draws/")) {
            v = ids->drawn_plan;
        } else if (str_prefix(pattern, "/tasks/")) {
            v = ids->task;
        } else if (str_prefix(pattern, "/power-items/") ||
                   str_prefix(pattern, "/public/power-items/")) {
            v = len == 7 && strncmp(p + 1, "version", 7) == 0 ? ids->baseline : ids->power;
        } else if (str_prefix(pattern, "/complaints/")) {
            v = ids->complaint;
        } else if (str_prefix(pattern, "/petitions/")) {
            v = ids->petition;
        } else if (str_prefix(pattern, "/disclosures/")) {
            v = ids->disclosure;
        } else if (str_prefix(pattern, "/cases/")) {
            v = ids->penalty_case;
        } else if (str_prefix(pattern, "/preservations/")) {
            v = ids->preservation;
        } else if (str_prefix(pattern, "/referrals/")) {
            v = ids->referral;
        } else if (str_prefix(pattern, "/reviews/samples/")) {
            v = ids->sample;
        } else if (str_prefix(pattern, "/reviews/")) {
            v = ids->review;
        } else if (str_prefix(pattern, "/remedies/")) {
            v = ids->remedy;
        } else if (str_prefix(pattern, "/documents/")) {
            v = ids->document;
        } else if (str_prefix(pattern, "/entities/") || str_prefix(pattern, "/public/entities/")) {
            v = ids->entity;
        } else if (str_prefix(pattern, "/publicity/replies/")) {
            v = 999999; /* no reply: its writes answer 404 */
        } else if (str_prefix(pattern, "/devices/")) {
            v = ids->device;
        } else if (str_prefix(pattern, "/recordings/") && strstr(pattern, "/thumb")) {
            v = ids->photo;
        } else if (str_prefix(pattern, "/recordings/")) {
            v = ids->recording;
        } else if (str_prefix(pattern, "/uploads/")) {
            o += (size_t)snprintf(out + o, n - o, "%s", ids->upload);
        } else if (str_prefix(pattern, "/publicity/") ||
                   str_prefix(pattern, "/public/decisions/")) {
            v = ids->publicity;
        } else if (str_prefix(pattern, "/officers/")) {
            v = ids->officer;
        } else if (str_prefix(pattern, "/agencies/")) {
            v = ids->agency;
        } else if (str_prefix(pattern, "/users/")) {
            v = ids->user;
        } else if (str_prefix(pattern, "/public/data/")) {
            o += (size_t)snprintf(out + o, n - o, "penalty.csv");
        } else {
            fail_msg("no id for %s", pattern);
        }
        if (v) o += (size_t)snprintf(out + o, n - o, "%lld", (long long)v);
        p = close + 1;
    }
    out[o] = 0;
    if (strcmp(pattern, "/public/complaints/track") == 0) /* the page asks for its code */
        snprintf(out + o, n - o, "?code=%s", ids->tracking);
}

/* Occurrences of s in body. */
static int count(const char *body, const char *s)
{
    int n = 0;
    for (const char *p = strstr(body, s); p; p = strstr(p + strlen(s), s))
        n++;
    return n;
}

/* Opening tags <tag …> or <tag>. */
static int count_open(const char *body, const char *tag)
{
    char needle[32];
    int n = snprintf(needle, sizeof needle, "<%s", tag);
    int k = 0;
    for (const char *p = strstr(body, needle); p; p = strstr(p + n, needle))
        if (p[n] == ' ' || p[n] == '>' || p[n] == '\n') k++;
    return k;
}

/* The page is a whole document from the layout, with balanced containers and no template
 * syntax left over. what names it in failure messages. */
static void assert_well_formed(const struct hresp *r, const char *what)
{
    if (!str_prefix(r->content_type, "text/html"))
        fail_msg("%s: content type %s", what, r->content_type);
    if (!str_prefix(r->body, "<!doctype html>")) fail_msg("%s: no doctype", what);
    if (count_open(r->body, "main") != 1)
        fail_msg("%s: %d <main>", what, count_open(r->body, "main"));
    if (count(r->body, "</main>") != 1) fail_msg("%s: </main> count", what);
    if (count_open(r->body, "title") != 1) fail_msg("%s: <title> count", what);
    if (strstr(r->body, "{{") || strstr(r->body, "}}")) fail_msg("%s: template syntax left", what);
    static const char *const tags[] = {"form",   "table", "section",  "label", "select", "ul",
                                       "dl",     "nav",   "fieldset", "tr",    "div",    "a",
                                       "button", "p",     "h1",       "h2",    NULL};
    for (int i = 0; tags[i]; i++) {
        char close[32];
        snprintf(close, sizeof close, "</%s>", tags[i]);
        int open = count_open(r->body, tags[i]), closed = count(r->body, close);
        if (open != closed) fail_msg("%s: %d <%s> but %d %s", what, open, tags[i], closed, close);
    }
    /* every form posting data carries the CSRF token */
    for (const char *p = strstr(r->body, "<form"); p; p = strstr(p + 5, "<form")) {
        const char *end = strstr(p, "</form>");
        assert_non_null(end);
        if (strncmp(p, "<form method=\"post\"", 19) != 0) continue;
        if (strncmp(p, "<form method=\"post\" action=\"/login\"", 34) == 0) continue;
        const char *tok = strstr(p, "name=\"_csrf\"");
        if (!tok || tok > end) fail_msg("%s: a POST form without _csrf: %.200s", what, p);
        if (str_prefix(tok, "name=\"_csrf\" value=\"\""))
            fail_msg("%s: an empty _csrf: %.200s", what, p);
    }
}

/* The security headers every answer carries. */
static void assert_security_headers(const struct hresp *r, const char *what)
{
    const char *v = h_header(r, "X-Content-Type-Options");
    if (!v || strcmp(v, "nosniff") != 0) fail_msg("%s: X-Content-Type-Options", what);
    v = h_header(r, "X-Frame-Options");
    if (!v || strcmp(v, "DENY") != 0) fail_msg("%s: X-Frame-Options", what);
    v = h_header(r, "Content-Security-Policy");
    if (!v || !strstr(v, "default-src 'self'") || !strstr(v, "frame-ancestors 'none'"))
        fail_msg("%s: Content-Security-Policy %s", what, v ? v : "(none)");
}

static void lower(const char *s, char *out, size_t n)
{
    size_t i = 0;
    for (; s[i] && i + 1 < n; i++)
        out[i] = (char)tolower((unsigned char)s[i]);
    out[i] = 0;
}

static json_t *load_openapi(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/assets/openapi.json", h_srcdir());
    json_error_t je;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!doc) fail_msg("%s: %s (line %d)", path, je.text, je.line);
    return doc;
}

/* ---- the OpenAPI document ----------------------------------------------------------------- */

static void test_openapi_matches_route_table(void **state)
{
    (void)state;
    json_t *doc = openapi_doc(), *file = load_openapi();
    json_t *paths = json_object_get(doc, "paths");
    assert_true(json_is_object(paths));
    int missing = 0;
    char method[16];
    /* every API route is described, from the table: its permission, summary and path
     * parameters */
    for (size_t i = 0; i < web_nroutes; i++) {
        const struct route *rt = &web_routes[i];
        if (!(rt->faces & ROUTE_API)) continue;
        lower(rt->method, method, sizeof method);
        json_t *op = json_object_get(json_object_get(paths, rt->pattern), method);
        const char *perm = json_string_value(json_object_get(op, "x-permission"));
        if (!op || !perm || strcmp(perm, perm_code((enum perm)rt->perm)) != 0 ||
            !json_string_value(json_object_get(op, "summary")) ||
            (strchr(rt->pattern, '{') && !json_array_size(json_object_get(op, "parameters")))) {
            print_error("%s %s: not described with its permission, summary and parameters\n",
                        rt->method, rt->pattern);
            missing++;
        }
    }
    /* the file says nothing of an operation that is not routed (a stale description) */
    const char *path;
    json_t *item;
    json_object_foreach(json_object_get(file, "paths"), path, item)
    {
        const char *m;
        json_t *op;
        json_object_foreach(item, m, op)
        {
            bool found = false;
            for (size_t i = 0; i < web_nroutes && !found; i++) {
                const struct route *rt = &web_routes[i];
                lower(rt->method, method, sizeof method);
                found = (rt->faces & ROUTE_API) && strcmp(rt->pattern, path) == 0 &&
                        strcmp(method, m) == 0;
            }
            if (!found) {
                print_error("described in openapi.json but not routed: %s %s\n", m, path);
                missing++;
            }
        }
    }
    /* what the file writes by hand wins: a request body, the security of the login route */
    json_t *create = json_object_get(json_object_get(paths, "/entities"), "post");
    assert_non_null(json_object_get(create, "requestBody"));
    json_decref(doc);
    json_decref(file);
    assert_int_equal(missing, 0);
}

static void test_openapi_is_served(void **state)
{
    struct harness *h = *state;
    struct hresp r;
    h_request(h, NULL, "GET", "/api/v1/openapi.json", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(str_prefix(r.content_type, "application/json"));
    assert_non_null(r.json);
    const char *etag = h_header(&r, "ETag");
    assert_non_null(etag);
    char tag[80];
    snprintf(tag, sizeof tag, "%s", etag);
    json_t *doc = openapi_doc();
    assert_true(json_equal(doc, r.json)); /* what is served is the table merged with the file */
    json_decref(doc);
    hresp_free(&r);
    struct client cached;
    memset(&cached, 0, sizeof cached);
    cached.if_none_match = tag;
    h_request(h, &cached, "GET", "/api/v1/openapi.json", NULL, &r);
    ASSERT_STATUS(r, 304);
    hresp_free(&r);
}

/* A workflow step's route comes from its declaration: its permission, and a body with the
 * inputs it declares (a code's options as an enum, the required ones listed). */
static void test_openapi_describes_declared_steps(void **state)
{
    (void)state;
    json_t *doc = openapi_doc();
    json_t *op = json_object_get(
        json_object_get(json_object_get(doc, "paths"), "/tasks/{id}/unable"), "post");
    assert_non_null(op);
    assert_string_equal(json_string_value(json_object_get(op, "x-permission")), "task.close");
    json_t *schema = json_object_get(
        json_object_get(json_object_get(json_object_get(op, "requestBody"), "content"),
                        "application/json"),
        "schema");
    json_t *reason = json_object_get(json_object_get(schema, "properties"), "reason");
    assert_int_equal(json_array_size(json_object_get(reason, "enum")), 4);
    assert_string_equal(json_string_value(json_array_get(json_object_get(schema, "required"), 0)),
                        "reason");
    assert_string_equal(
        json_string_value(json_object_get(
            json_object_get(json_object_get(schema, "properties"), "date"), "format")),
        "date");
    /* an internal step (a task's inspect, taken by an inspection) has no route */
    assert_null(json_object_get(json_object_get(doc, "paths"), "/tasks/{id}/inspect"));
    json_decref(doc);
}

/* ---- every page and every JSON answer ----------------------------------------------------- */

static void test_every_page_renders_well_formed(void **state)
{
    struct harness *h = *state;
    struct client admin, clerk, officer, legal;
    h_login(h, &admin, "admin");
    h_login(h, &clerk, "clerk");
    h_login(h, &officer, "officer");
    h_login(h, &legal, "legal");
    struct ids ids = make_records(h, &admin);
    public_url_set("https://wsjd.example.gov.cn", &(struct err){0}); /* for the QR code */
    int pages = 0;
    char target[160];
    struct hresp r;
    for (size_t i = 0; i < web_nroutes; i++) {
        const struct route *rt = &web_routes[i];
        if (strcmp(rt->method, "GET") != 0 || !(rt->faces & ROUTE_HTML)) continue;
        fill(rt->pattern, &ids, target, sizeof target);
        /* the login page is for anonymous visitors (a logged-in one is sent on); a page the
         * administrator may not open (a complaint's intake) is the clerk's */
        struct client *c = strcmp(rt->pattern, "/login") == 0                   ? NULL
                           : role_allows(1u << ROLE_ADMIN, (enum perm)rt->perm) ? &admin
                           : role_allows(1u << ROLE_CLERK, (enum perm)rt->perm) ? &clerk
                           : role_allows(1u << ROLE_LEGAL, (enum perm)rt->perm) ? &legal
                                                                                : &officer;
        h_request(h, c, "GET", target, NULL, &r);
        if (r.status != 200) fail_msg("GET %s: %d %.800s", target, r.status, r.body);
        if (str_prefix(r.content_type, "text/html")) {
            assert_well_formed(&r, target);
            assert_security_headers(&r, target);
            pages++;
        } else if (strstr(rt->pattern, "/export")) {
            assert_non_null(strstr(r.content_type, "spreadsheetml"));
        } else if (strstr(rt->pattern, ".pdf") || strstr(rt->pattern, "/file")) {
            assert_string_equal(r.content_type, "application/pdf");
        } else if (strstr(rt->pattern, "/thumb")) {
            assert_string_equal(r.content_type, "image/jpeg");
        } else if (strstr(rt->pattern, ".svg")) { /* an entity's QR code */
            assert_string_equal(r.content_type, "image/svg+xml");
        } else if (strstr(rt->pattern, ".atom")) {
            assert_string_equal(r.content_type, "application/atom+xml; charset=utf-8");
        } else if (str_prefix(rt->pattern, "/public/data/")) {
            assert_true(str_prefix(r.content_type, "text/csv"));
        } else if (strstr(rt->pattern, ".txt")) { /* seeds, snapshots, audit heads */
            assert_true(str_prefix(r.content_type, "text/plain"));
        } else if (!str_prefix(rt->pattern, "/healthz") && !str_prefix(rt->pattern, "/assets/")) {
            fail_msg("GET %s answered %s", target, r.content_type);
        }
        hresp_free(&r);
    }
    assert_true(pages >= 14);

    /* the pages a user meets besides the table's GETs: errors and re-displayed forms */
    static const char *const extra[][3] = {
        {"GET", "/no/such/page", NULL},
        {"GET", "/entities/999999", NULL},
        {"POST", "/entities", "name=&subtype="},
        {"POST", "/officers", "name="},
        {"POST", "/devices", "number="},
        {"POST", "/agencies", "code="},
        {"POST", "/users", "username="},
        {"POST", "/calendar/years", "year="},
        {"GET", "/calendar/compute?date=2031-01-05&n=3", NULL},
        {"GET", "/calendar/compute?date=2026-03-02&n=3", NULL},
        {"PUT", "/entities", "x=1"},
    };
    for (size_t i = 0; i < sizeof extra / sizeof *extra; i++) {
        h_request(h, &admin, extra[i][0], extra[i][1], extra[i][2], &r);
        char what[96];
        snprintf(what, sizeof what, "%s %s (%d)", extra[i][0], extra[i][1], r.status);
        assert_well_formed(&r, what);
        assert_security_headers(&r, what);
        hresp_free(&r);
    }
    /* a viewer's pages: no write controls, still well-formed */
    struct client viewer;
    h_login(h, &viewer, "viewer");
    static const char *const viewer_pages[] = {"/", "/entities", "/officers", "/me", NULL};
    for (int i = 0; viewer_pages[i]; i++) {
        h_request(h, &viewer, "GET", viewer_pages[i], NULL, &r);
        ASSERT_STATUS(r, 200);
        assert_well_formed(&r, viewer_pages[i]);
        hresp_free(&r);
    }
    /* anonymous: the login page after a failed attempt */
    h_request(h, NULL, "POST", "/login", "username=admin&password=wrong", &r);
    ASSERT_STATUS(r, 401);
    assert_well_formed(&r, "failed login");
    hresp_free(&r);
}

static void test_every_json_answer_parses(void **state)
{
    struct harness *h = *state;
    struct client admin, legal;
    h_login(h, &admin, "admin");
    h_login(h, &legal, "legal");
    struct ids ids = make_records(h, &admin);
    char target[200];
    struct hresp r;
    /* GETs of every API route answer 200 with JSON (exports answer spreadsheets); a route the
     * administrator may not open (the review of publicity) is the legal staff's */
    for (size_t i = 0; i < web_nroutes; i++) {
        const struct route *rt = &web_routes[i];
        if (strcmp(rt->method, "GET") != 0 || !(rt->faces & ROUTE_API)) continue;
        snprintf(target, sizeof target, "/api/v1");
        fill(rt->pattern, &ids, target + 7, sizeof target - 7);
        h_request(h, role_allows(1u << ROLE_ADMIN, (enum perm)rt->perm) ? &admin : &legal, "GET",
                  target, NULL, &r);
        if (r.status != 200) fail_msg("GET %s: %d %.800s", target, r.status, r.body);
        if (strstr(rt->pattern, "/export")) {
            assert_non_null(strstr(r.content_type, "spreadsheetml"));
        } else if (strstr(rt->pattern, ".pdf") || strstr(rt->pattern, "/file")) {
            assert_string_equal(r.content_type, "application/pdf");
        } else if (strstr(rt->pattern, "/thumb")) {
            assert_string_equal(r.content_type, "image/jpeg");
        } else {
            if (!str_prefix(r.content_type, "application/json") || !r.json)
                fail_msg("GET %s: not JSON (%s): %.300s", target, r.content_type, r.body);
            assert_security_headers(&r, target);
        }
        hresp_free(&r);
    }
    /* every other API route, given an empty object (or nothing), answers JSON and never 5xx;
     * a fresh session each time, as one of them logs out */
    for (size_t i = 0; i < web_nroutes; i++) {
        const struct route *rt = &web_routes[i];
        if (strcmp(rt->method, "GET") == 0 || !(rt->faces & ROUTE_API)) continue;
        struct client c;
        h_login(h, &c, "admin");
        snprintf(target, sizeof target, "/api/v1");
        fill(rt->pattern, &ids, target + 7, sizeof target - 7);
        bool body = strcmp(rt->method, "DELETE") != 0;
        h_request(h, &c, rt->method, target, body ? "{}" : NULL, &r);
        if (r.status >= 500 || r.status < 200)
            fail_msg("%s %s: %d %.500s", rt->method, target, r.status, r.body);
        if (r.status == 204) {
            assert_int_equal(r.len, 0);
        } else if (!str_prefix(r.content_type, "application/json") || !r.json) {
            fail_msg("%s %s: not JSON (%s): %.300s", rt->method, target, r.content_type, r.body);
        }
        if (r.status >= 400) {
            json_t *err = json_object_get(r.json, "error");
            assert_true(json_is_string(json_object_get(err, "code")));
            assert_true(json_is_string(json_object_get(err, "message")));
            assert_true(json_is_object(json_object_get(err, "fields")));
        }
        hresp_free(&r);
    }
    /* anonymous, every protected API route is a 401 JSON error */
    for (size_t i = 0; i < web_nroutes; i++) {
        const struct route *rt = &web_routes[i];
        if (rt->perm == PERM_PUBLIC || !(rt->faces & ROUTE_API)) continue;
        snprintf(target, sizeof target, "/api/v1");
        fill(rt->pattern, &ids, target + 7, sizeof target - 7);
        h_request(h, NULL, rt->method, target, strcmp(rt->method, "GET") ? "{}" : NULL, &r);
        if (r.status != 401 || !r.json)
            fail_msg("anonymous %s %s: %d %.300s", rt->method, target, r.status, r.body);
        hresp_free(&r);
    }
}

/* ---- errors ------------------------------------------------------------------------------- */

static void test_unknown_path_and_wrong_method(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    struct hresp r;
    static const char *const api_paths[] = {"/api/v1/nope", "/api/v1/entities/1/nope", "/api/v1",
                                            "/api/v1/entities/new"};
    for (size_t i = 0; i < 4; i++) {
        h_request(h, &c, "GET", api_paths[i], NULL, &r);
        if (r.status != 404 || !r.json) fail_msg("%s: %d %s", api_paths[i], r.status, r.body);
        assert_string_equal(
            json_string_value(json_object_get(json_object_get(r.json, "error"), "code")),
            "not_found");
        hresp_free(&r);
    }
    /* anonymous too: 404, not a login */
    h_request(h, NULL, "GET", "/api/v1/nope", NULL, &r);
    ASSERT_STATUS(r, 404);
    assert_non_null(r.json);
    hresp_free(&r);

    h_request(h, &c, "GET", "/nope", NULL, &r);
    ASSERT_STATUS(r, 404);
    assert_true(str_prefix(r.content_type, "text/html"));
    assert_well_formed(&r, "/nope");
    ASSERT_HAS(r, "<h1>404</h1>");
    ASSERT_HAS(r, "页面或记录不存在");
    hresp_free(&r);
    h_request(h, NULL, "GET", "/openapi.json", NULL, &r); /* only an API face */
    ASSERT_STATUS(r, 404);
    assert_true(str_prefix(r.content_type, "text/html"));
    hresp_free(&r);

    /* a known path with the wrong method */
    h_request(h, &c, "DELETE", "/api/v1/entities", NULL, &r);
    ASSERT_STATUS(r, 405);
    assert_non_null(r.json);
    assert_non_null(strstr(r.body, "不支持的请求方法 DELETE"));
    assert_string_equal(h_header(&r, "Allow"), "GET, HEAD, POST");
    hresp_free(&r);
    h_request(h, &c, "PUT", "/entities", "x=1", &r);
    ASSERT_STATUS(r, 405);
    assert_true(str_prefix(r.content_type, "text/html"));
    hresp_free(&r);
    h_request(h, &c, "GET", "/logout", NULL, &r);
    ASSERT_STATUS(r, 405);
    hresp_free(&r);
    h_request(h, NULL, "POST", "/healthz", "x=1", &r);
    ASSERT_STATUS(r, 405);
    hresp_free(&r);
    h_request(h, &c, "PUT", "/entities/1", "x=1", &r); /* PUT is the API face only */
    ASSERT_STATUS(r, 405);
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/login", NULL, &r);
    ASSERT_STATUS(r, 405);
    assert_non_null(r.json);
    hresp_free(&r);
}

static void test_malformed_and_unsupported_bodies(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    struct hresp r;
    h_request(h, &c, "POST", "/api/v1/entities", "{\"name\": \"x\",", &r);
    ASSERT_STATUS(r, 400);
    json_t *err = json_object_get(r.json, "error");
    assert_string_equal(json_string_value(json_object_get(err, "code")), "bad_request");
    assert_non_null(strstr(json_string_value(json_object_get(err, "message")), "JSON格式错误"));
    hresp_free(&r);
    h_request(h, &c, "POST", "/api/v1/entities", "{\"name\":\"a\",\"name\":\"b\"}", &r);
    ASSERT_STATUS(r, 400);
    hresp_free(&r);
    h_request(h, &c, "POST", "/api/v1/entities", "{\"name\":\"\xff\xfe\"}", &r);
    ASSERT_STATUS(r, 400);
    hresp_free(&r);
    h_request(h, &c, "POST", "/api/v1/entities", "{\"name\":\"a\\u0001b\"}", &r);
    ASSERT_STATUS(r, 400);
    assert_non_null(strstr(r.body, "控制字符"));
    hresp_free(&r);

    struct client json_array = c;
    json_array.content_type = "application/json";
    h_request(h, &json_array, "POST", "/api/v1/entities", "[1,2]", &r);
    ASSERT_STATUS(r, 400);
    assert_non_null(strstr(r.body, "请求体应为JSON对象"));
    hresp_free(&r);

    struct client text = c;
    text.content_type = "text/plain";
    h_request(h, &text, "POST", "/api/v1/entities", "name=x", &r);
    ASSERT_STATUS(r, 400);
    err = json_object_get(r.json, "error");
    assert_string_equal(json_string_value(json_object_get(err, "message")),
                        "不支持的内容类型：text/plain");
    hresp_free(&r);
    text.content_type = "application/xml";
    h_request(h, &text, "POST", "/entities", "<x/>", &r);
    ASSERT_STATUS(r, 400);
    assert_true(str_prefix(r.content_type, "text/html"));
    assert_well_formed(&r, "unsupported content type");
    ASSERT_HAS(r, "不支持的内容类型：application/xml");
    assert_security_headers(&r, "unsupported content type");
    hresp_free(&r);

    /* a bad form encoding and a bad query string */
    h_request(h, &c, "POST", "/entities", "name=%zz", &r);
    ASSERT_STATUS(r, 400);
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/entities?q=%E8%AF", NULL, &r);
    ASSERT_STATUS(r, 400);
    assert_non_null(r.json);
    hresp_free(&r);
    h_request(h, &c, "GET", "/entities%zz", NULL, &r);
    ASSERT_STATUS(r, 400);
    hresp_free(&r);

    /* nothing was saved */
    h_request(h, &c, "GET", "/api/v1/entities", NULL, &r);
    assert_int_equal(json_array_size(json_object_get(r.json, "rows")), 0);
    hresp_free(&r);
}

/* ---- headers, assets, health -------------------------------------------------------------- */

static void test_security_headers(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    static const char *const targets[] = {
        "/", "/entities", "/login", "/api/v1/me", "/api/v1/nope", "/healthz", NULL};
    struct hresp r;
    for (int i = 0; targets[i]; i++) {
        h_request(h, &c, "GET", targets[i], NULL, &r);
        assert_security_headers(&r, targets[i]);
        hresp_free(&r);
    }
    h_request(h, NULL, "GET", "/entities", NULL, &r); /* the redirect to the login page */
    ASSERT_STATUS(r, 303);
    assert_security_headers(&r, "redirect");
    hresp_free(&r);
    h_request(h, NULL, "GET", "/login", NULL, &r);
    const char *rp = h_header(&r, "Referrer-Policy");
    assert_non_null(rp);
    hresp_free(&r);
}

static void test_assets_with_etag(void **state)
{
    struct harness *h = *state;
    struct hresp r;
    h_request(h, NULL, "GET", "/assets/app.css", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(str_prefix(r.content_type, "text/css"));
    assert_true(r.len > 100);
    char etag[64];
    const char *v = h_header(&r, "ETag");
    assert_non_null(v);
    snprintf(etag, sizeof etag, "%s", v);
    assert_true(etag[0] == '"' && etag[strlen(etag) - 1] == '"');
    assert_string_equal(h_header(&r, "Cache-Control"), "no-cache");
    hresp_free(&r);

    /* the client has it */
    struct client cached;
    memset(&cached, 0, sizeof cached);
    cached.if_none_match = etag;
    h_request(h, &cached, "GET", "/assets/app.css", NULL, &r);
    ASSERT_STATUS(r, 304);
    assert_int_equal(r.len, 0);
    assert_string_equal(h_header(&r, "ETag"), etag);
    hresp_free(&r);
    cached.if_none_match = "\"stale\"";
    h_request(h, &cached, "GET", "/assets/app.css", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(r.len > 100);
    hresp_free(&r);

    /* versioned URLs (as the pages write them) are cached for good */
    h_request(h, NULL, "GET", "/assets/app.css?v=1", NULL, &r);
    assert_non_null(strstr(h_header(&r, "Cache-Control"), "immutable"));
    hresp_free(&r);
    struct client admin;
    h_login(h, &admin, "admin");
    h_request(h, &admin, "GET", "/", NULL, &r);
    char link[96];
    snprintf(link, sizeof link, "href=\"/assets/app.css?v=%.*s\"", (int)strlen(etag) - 2, etag + 1);
    ASSERT_HAS(r, link);
    hresp_free(&r);

    h_request(h, NULL, "GET", "/assets/app.js", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(str_prefix(r.content_type, "text/javascript"));
    hresp_free(&r);
    h_request(h, NULL, "GET", "/assets/htmx.min.js", NULL, &r); /* referenced by the layout */
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    h_request(h, NULL, "GET", "/assets/nope.css", NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    h_request(h, NULL, "GET", "/assets/..%2Fmigrations%2F001_core.sql", NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    h_request(h, NULL, "GET", "/assets/..", NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
}

static void test_healthz(void **state)
{
    struct harness *h = *state;
    struct hresp r;
    h_request(h, NULL, "GET", "/healthz", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(str_prefix(r.content_type, "application/json"));
    assert_non_null(r.json);
    assert_string_equal(json_string_value(json_object_get(r.json, "status")), "ok");
    hresp_free(&r);
    h_request(h, NULL, "HEAD", "/healthz", NULL, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_openapi_matches_route_table),
        T(test_openapi_is_served),
        T(test_openapi_describes_declared_steps),
        T(test_every_page_renders_well_formed),
        T(test_every_json_answer_parses),
        T(test_unknown_path_and_wrong_method),
        T(test_malformed_and_unsupported_bodies),
        T(test_security_headers),
        T(test_assets_with_etag),
        T(test_healthz),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
