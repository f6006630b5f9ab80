/* test_inspection.c — inspections (监督检查) and campaigns (专项检查) through the real router:
 * every page and its API face, the form (fresh, reloaded for another line, refused with Chinese
 * messages beside the fields), the PDFs of the 现场笔录 and 卫生监督意见书 read back with
 * pdftotext, permissions, CSRF, scope and escaping. */
#include "tests/support.h"
#include "law/auth.h"
#include "law/entity.h"
#include "law/officer.h"
#include "base/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- fixture -------------------------------------------------------------------------------- */

struct fixture {
    int64_t o1, o2, expired; /* officers of 320412; expired's certificate ran out 5 days ago */
    int64_t clinic, hotel;   /* entities of 320412 */
    char today[DATE_STRLEN], in10[DATE_STRLEN], ago20[DATE_STRLEN];
};
static struct fixture F;

static int64_t seed_officer(struct harness *h, int n, const char *issued, const char *expires)
{
    struct err e = {0};
    char idno[19], cert[24], name[24];
    h_idno(n, idno);
    snprintf(cert, sizeof cert, "ZF-%04d", n);
    snprintf(name, sizeof name, n == 1 ? "王检查" : n == 2 ? "李监督" : "赵过期");
    struct officer_input in = {.agency_code = "320412",
                               .name = name,
                               .id_number = idno,
                               .cert_no = cert,
                               .cert_issued = issued,
                               .cert_expires = expires,
                               .lines = "medical"};
    int64_t id;
    if (officer_add(&h->ctx, &in, &id, &e)) fail_msg("officer_add: %s", e.msg);
    return id;
}

static int64_t seed_entity(struct harness *h, int n, const char *name, const char *subtype)
{
    struct err e = {0};
    char uscc[19];
    h_uscc(n, uscc);
    struct entity_input in = {.agency_code = "320412",
                              .name = name,
                              .uscc = uscc,
                              .legal_rep = "孙负责",
                              .address = "常州市武进区湖塘镇府前路8号",
                              .subtype = subtype};
    int64_t id;
    if (entity_add(&h->ctx, &in, &id, &e)) fail_msg("entity_add: %s", e.msg);
    return id;
}

static int setup(void **state)
{
    if (harness_setup(state)) return -1;
    struct harness *h = *state;
    day_t t = date_from_instant(h_clock());
    char a60[DATE_STRLEN], f900[DATE_STRLEN], a100[DATE_STRLEN], a5[DATE_STRLEN];
    date_format(t, F.today);
    date_format(t + 10, F.in10);
    date_format(t - 20, F.ago20);
    date_format(t - 60, a60);
    date_format(t + 900, f900);
    date_format(t - 100, a100);
    date_format(t - 5, a5);
    F.o1 = seed_officer(h, 1, a60, f900);
    F.o2 = seed_officer(h, 2, a60, f900);
    F.expired = seed_officer(h, 3, a100, a5);
    F.clinic = seed_entity(h, 1, "康宁诊所", "clinic");
    F.hotel = seed_entity(h, 2, "锦绣宾馆", "hotel");
    struct err e = {0};
    if (db_exec(h->db, &e, "UPDATE agency SET short_name = '武' WHERE code = '320412'", "") < 0)
        fail_msg("%s", e.msg);
    return 0;
}

/* ---- helpers -------------------------------------------------------------------------------- */

/* A valid inspection of the clinic as a JSON body; outcome pass unless changed. */
static json_t *inspection_json(const char *outcome)
{
    json_t *o = json_pack(
        "{sI ss ss ss ss s[II] s[{ss ss}{ss ss ss}] ss ss}", "entity_id", (json_int_t)F.clinic,
        "type", "routine", "line", "medical", "date", F.today, "place", "康宁诊所诊室", "officers",
        (json_int_t)F.o1, (json_int_t)F.o2, "items", "code", "MED-01", "result", "conform", "code",
        "MED-03", "result", "conform", "note", "已公示", "findings", "", "outcome", outcome);
    if (strcmp(outcome, "pass") != 0) {
        json_t *items = json_object_get(o, "items");
        json_object_set_new(json_array_get(items, 1), "result", json_string("nonconform"));
        json_object_set_new(json_array_get(items, 1), "note", json_string("诊疗科目未公示"));
        json_object_set_new(o, "findings", json_string("诊疗科目、收费标准未公示"));
        json_object_set_new(o, "rectify_by", json_string(F.in10));
    }
    return o;
}

/* Record an inspection through the API as c; returns its id (asserts 201). */
static int64_t create(struct harness *h, struct client *c, json_t *body)
{
    struct hresp r;
    h_send_json(h, c, "POST", "/api/v1/inspections", body, &r);
    ASSERT_STATUS(r, 201);
    int64_t id = json_integer_value(json_object_get(r.json, "id"));
    assert_true(id > 0);
    hresp_free(&r);
    return id;
}

/* The text of a PDF body, through pdftotext (poppler-utils); caller frees. */
static char *pdf_text(struct harness *h, const struct hresp *r)
{
    char path[128], cmd[300];
    snprintf(path, sizeof path, "%s/doc.pdf", h->dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(r->body, 1, r->len, f), r->len);
    fclose(f);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s -", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    struct buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        buf_add(&b, chunk, n);
    assert_int_equal(pclose(p), 0);
    /* pdftotext breaks lines where the page does: join them, and drop the page footers
     * (第 1 页 共 2 页, 第1联 共2联), to search across */
    struct buf flat = {0}, joined = {0};
    for (const char *s = buf_str(&b); *s; s++)
        if (*s != '\n' && *s != ' ' && *s != '\f') buf_addc(&flat, *s);
    for (const char *s = buf_str(&flat); *s; s++) {
        const char *t = s;
        if (str_prefix(t, "第") && (t += 3, *t >= '0' && *t <= '9')) {
            while (*t >= '0' && *t <= '9')
                t++;
            const char *unit = str_prefix(t, "页共") ? "页" : str_prefix(t, "联共") ? "联" : NULL;
            if (unit && (t += 6, *t >= '0' && *t <= '9')) {
                while (*t >= '0' && *t <= '9')
                    t++;
                if (str_prefix(t, unit)) {
                    s = t + 2; /* the loop's s++ steps over the unit's last byte */
                    continue;
                }
            }
        }
        buf_addc(&joined, *s);
    }
    buf_free(&flat);
    buf_free(&b);
    return buf_steal(&joined);
}

/* The n-th (0-based) document number of inspection id. */
static char *doc_number(struct harness *h, struct client *c, int64_t id, int n)
{
    char url[64];
    snprintf(url, sizeof url, "/api/v1/inspections/%lld", (long long)id);
    struct hresp r;
    h_request(h, c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    const char *num = json_string_value(
        json_object_get(json_array_get(json_object_get(r.json, "documents"), (size_t)n), "number"));
    char *s = num ? strdup(num) : NULL;
    hresp_free(&r);
    return s;
}

/* The HTML between the first occurrence of from and the next occurrence of to after it. */
static void assert_between(const struct hresp *r, const char *from, const char *to,
                           const char *want)
{
    const char *a = strstr(r->body, from);
    if (!a) fail_msg("no \"%s\" in %.800s", from, r->body);
    const char *b = strstr(a, to);
    const char *m = strstr(a, want);
    if (!m || (b && m > b))
        fail_msg("\"%s\" is not between \"%s\" and \"%s\": %.900s", want, from, to, a);
}

/* ---- the list and the record ---------------------------------------------------------------- */

static void test_list_html_and_json_with_filters(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    struct hresp r;
    h_request(h, &c, "GET", "/inspections", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "没有符合条件的检查记录");
    ASSERT_HAS(r, "href=\"/inspections/new\"");
    ASSERT_HAS(r, "<a href=\"/inspections\" class=\"active\"");
    hresp_free(&r);
    int64_t a = create(h, &c, inspection_json("pass"));
    int64_t b = create(h, &c, inspection_json("rectify"));
    h_request(h, &c, "GET", "/inspections", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "康宁诊所");
    ASSERT_HAS(r, "责令整改");
    ASSERT_HAS(r, "合格");
    char link[64];
    snprintf(link, sizeof link, "href=\"/inspections/%lld\"", (long long)a);
    ASSERT_HAS(r, link);
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/inspections"), 2);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/inspections?outcome=rectify"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/inspections?type=routine&line=medical"), 2);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/inspections?line=public_place"), 0);
    char url[96];
    snprintf(url, sizeof url, "/api/v1/inspections?officer_id=%lld&from=%s&to=%s", (long long)F.o1,
             F.today, F.today);
    assert_int_equal(h_count_rows(h, &c, url), 2);
    snprintf(url, sizeof url, "/api/v1/inspections?entity_id=%lld", (long long)F.hotel);
    assert_int_equal(h_count_rows(h, &c, url), 0);
    /* the total of the filtered list, counted when it has more than one page */
    snprintf(url, sizeof url, "/api/v1/inspections?per_page=1&page=2&officer_id=%lld",
             (long long)F.o1);
    h_request(h, &c, "GET", url, NULL, &r);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 2);
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/inspections?per_page=1&outcome=rectify", NULL, &r);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 1);
    hresp_free(&r);
    h_request(h, &c, "GET", "/inspections?per_page=1", NULL, &r);
    ASSERT_HAS(r, "第 1 页 · 共 2 条");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/inspections?from=2026-13-01", NULL, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "from"));
    hresp_free(&r);
    h_request(h, &c, "GET", "/inspections?outcome=rectify", NULL, &r);
    ASSERT_HAS(r, "<option value=\"rectify\" selected>");
    hresp_free(&r);
    (void)b;
}

static void test_show_page_and_json(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    int64_t id = create(h, &c, inspection_json("rectify"));
    char url[64];
    snprintf(url, sizeof url, "/inspections/%lld?saved=1", (long long)id);
    struct hresp r;
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已保存");
    ASSERT_HAS(r, "康宁诊所");
    ASSERT_HAS(r, "王检查");
    ASSERT_HAS(r, "ZF-0001");
    ASSERT_HAS(r, "诊疗科目未公示");
    ASSERT_HAS(r, "不符合 1");
    ASSERT_HAS(r, "《医疗机构管理条例》第二十六条");
    ASSERT_HAS(r, "现场笔录");
    ASSERT_HAS(r, "卫生监督意见书");
    snprintf(url, sizeof url, "/inspections/%lld/site-record.pdf", (long long)id);
    ASSERT_HAS(r, url);
    snprintf(url, sizeof url, "/inspections/new?checks=%lld", (long long)id);
    ASSERT_HAS(r, url); /* the 复查 button */
    ASSERT_HAS(r, "操作记录");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/inspections/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "outcome")), "rectify");
    assert_int_equal(json_array_size(json_object_get(r.json, "officers")), 2);
    assert_int_equal(json_array_size(json_object_get(r.json, "documents")), 2);
    assert_null(json_object_get(r.json, "history")); /* the HTML face's extras stay out */
    hresp_free(&r);
    h_request(h, &c, "GET", "/inspections/999999", NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
}

/* ---- the form ----------------------------------------------------------------------------- */

static void test_new_form_finds_entities_and_reloads_the_checklist(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    struct hresp r;
    /* no entity yet: a search box; the search finds by a fragment */
    h_request(h, &c, "GET", "/inspections/new", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "name=\"entity_q\"");
    ASSERT_HAS(r, "hx-post=\"/inspections/new\"");
    ASSERT_HAS(r, "王检查"); /* officers to choose: only those who may enforce today */
    ASSERT_LACKS(r, "赵过期");
    ASSERT_HAS(r, "另有 1 名执法人员检查当日不能执法");
    /* a routine inspection has no 复查 or 专项 section */
    ASSERT_LACKS(r, "被复查的检查");
    ASSERT_LACKS(r, "所属专项");
    hresp_free(&r);
    /* on a day the certificate was in force, the officer is offered (the date reloads the form) */
    h_send_form(h, &c, "/inspections/new", h_form("date", F.ago20, "type", "campaign", NULL), &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "赵过期");
    ASSERT_LACKS(r, "另有");
    ASSERT_HAS(r, "所属专项"); /* the type's own section */
    ASSERT_LACKS(r, "被复查的检查");
    hresp_free(&r);
    h_send_form(h, &c, "/inspections/new", h_form("entity_q", "康宁", NULL), &r);
    ASSERT_STATUS(r, 200);
    char want[96];
    snprintf(want, sizeof want, "name=\"entity_id\" value=\"%lld\"", (long long)F.clinic);
    ASSERT_HAS(r, want);
    ASSERT_LACKS(r, "锦绣宾馆");
    hresp_free(&r);
    /* the entity chosen: its lines, the first line's checklist, defaults from the registry */
    char url[64];
    snprintf(url, sizeof url, "/inspections/new?entity_id=%lld", (long long)F.clinic);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<option value=\"medical\" selected>医疗卫生</option>");
    ASSERT_HAS(r, "<option value=\"infectious\">传染病防治</option>");
    ASSERT_LACKS(r, "<option value=\"public_place\"");
    ASSERT_HAS(r, "name=\"item_MED-01\" value=\"conform\"");
    ASSERT_HAS(r, "name=\"item_MED-15\" value=\"not_applicable\"");
    ASSERT_HAS(r, "name=\"place\" value=\"常州市武进区湖塘镇府前路8号\"");
    ASSERT_HAS(r, "name=\"present_person\" value=\"孙负责\"");
    snprintf(want, sizeof want, "name=\"date\" value=\"%s\"", F.today);
    ASSERT_HAS(r, want);
    ASSERT_HAS(r, "载入该专业检查表"); /* the reload button for browsers without JavaScript */
    hresp_free(&r);
    /* the line changed: the form comes back with that line's checklist and the values kept */
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)F.clinic);
    h_send_form(h, &c, "/inspections/new",
                h_form("entity_id", id, "line", "infectious", "type", "random", "place", "二楼诊室",
                       "findings", "待查", NULL),
                &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "name=\"item_INF-09\" value=\"nonconform\"");
    ASSERT_LACKS(r, "name=\"item_MED-01\"");
    ASSERT_HAS(r, "检查事项（传染病防治）");
    ASSERT_HAS(r, "name=\"place\" value=\"二楼诊室\"");
    ASSERT_HAS(r, ">待查</textarea>");
    ASSERT_HAS(r, "<option value=\"random\" selected>双随机</option>");
    hresp_free(&r);
    /* "mark the rest conform": the items not answered become 符合, the answered ones stay */
    h_send_form(h, &c, "/inspections/new",
                h_form("entity_id", id, "line", "infectious", "item_INF-09", "nonconform",
                       "all_conform", "1", NULL),
                &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "name=\"item_INF-09\" value=\"nonconform\" checked");
    ASSERT_HAS(r, "name=\"item_INF-01\" value=\"conform\" checked");
    ASSERT_HAS(r, "name=\"item_INF-14\" value=\"conform\" checked");
    hresp_free(&r);
}

static void test_create_by_form_redirects_and_documents_are_numbered(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    char e[24], o1[24], o2[24];
    snprintf(e, sizeof e, "%lld", (long long)F.clinic);
    snprintf(o1, sizeof o1, "%lld", (long long)F.o1);
    snprintf(o2, sizeof o2, "%lld", (long long)F.o2);
    struct hresp r;
    h_send_form(h, &c, "/inspections",
                h_form("entity_id", e, "type", "routine", "line", "medical", "date", F.today,
                       "time_from", "09:00", "time_to", "10:30", "place", "诊室", "officers", o1,
                       "officers", o2, "item_MED-01", "conform", "item_MED-02", "nonconform",
                       "note_MED-02", "许可证已过校验期", "item_MED-03", "", "findings",
                       "执业许可证未按期校验", "outcome", "rectify", "rectify_by", F.in10, "advice",
                       "整改后书面报告", NULL),
                &r);
    ASSERT_STATUS(r, 303);
    int64_t id = h_id_from_location(&r, "/inspections/");
    assert_non_null(strstr(r.location, "?saved=1"));
    hresp_free(&r);
    char url[64];
    snprintf(url, sizeof url, "/api/v1/inspections/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    /* the blank item_MED-03 was not answered, so it is not recorded */
    assert_int_equal(json_array_size(json_object_get(r.json, "items")), 2);
    assert_string_equal(json_string_value(json_object_get(r.json, "time_from")), "09:00");
    json_t *docs = json_object_get(r.json, "documents");
    int year = date_year(date_from_instant(h_clock()));
    char want[48];
    snprintf(want, sizeof want, "现%d-0001", year);
    assert_string_equal(json_string_value(json_object_get(json_array_get(docs, 0), "number")),
                        want);
    snprintf(want, sizeof want, "武卫医监〔%d〕1号", year);
    assert_string_equal(json_string_value(json_object_get(json_array_get(docs, 1), "number")),
                        want);
    hresp_free(&r);
    /* the next inspection continues both sequences */
    int64_t next = create(h, &c, inspection_json("rectify"));
    char *n0 = doc_number(h, &c, next, 0), *n1 = doc_number(h, &c, next, 1);
    snprintf(want, sizeof want, "现%d-0002", year);
    assert_string_equal(n0, want);
    snprintf(want, sizeof want, "武卫医监〔%d〕2号", year);
    assert_string_equal(n1, want);
    free(n0);
    free(n1);
}

static void test_refused_form_shows_chinese_messages_beside_the_fields(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    char e[24], o1[24];
    snprintf(e, sizeof e, "%lld", (long long)F.clinic);
    snprintf(o1, sizeof o1, "%lld", (long long)F.o1);
    struct hresp r;
    h_send_form(h, &c, "/inspections",
                h_form("entity_id", e, "type", "routine", "line", "medical", "date", F.today,
                       "place", "", "officers", o1, "item_MED-01", "conform", "item_MED-02",
                       "nonconform", "note_MED-02", "校验过期", "outcome", "rectify", "findings",
                       "<script>alert(1)</script>", NULL),
                &r);
    ASSERT_STATUS(r, 422);
    assert_true(str_prefix(r.content_type, "text/html"));
    ASSERT_HAS(r, "class=\"alert\"");
    h_assert_field_error(&r, "place", "请填写检查地点");
    h_assert_field_error(&r, "rectify_by", "请填写整改期限");
    assert_between(&r, "执法人员（至少两名", "</fieldset>", "《行政处罚法》第四十二条");
    /* the values are kept: the officer stays checked, the item answers and notes stay */
    snprintf(e, sizeof e, "value=\"%s\" checked", o1);
    ASSERT_HAS(r, e);
    ASSERT_HAS(r, "name=\"item_MED-02\" value=\"nonconform\" checked");
    ASSERT_HAS(r, "name=\"note_MED-02\" value=\"校验过期\"");
    ASSERT_HAS(r, "&lt;script&gt;alert(1)&lt;/script&gt;");
    ASSERT_LACKS(r, "<script>alert(1)");
    ASSERT_HAS(r, "action=\"/inspections\"");
    hresp_free(&r);
    /* an item from another line's checklist is shown at the top of the checklist */
    char o2[24];
    snprintf(o2, sizeof o2, "%lld", (long long)F.o2);
    snprintf(e, sizeof e, "%lld", (long long)F.clinic);
    h_send_form(h, &c, "/inspections",
                h_form("entity_id", e, "type", "routine", "line", "medical", "date", F.today,
                       "place", "诊室", "officers", o1, "officers", o2, "item_PUB-01", "conform",
                       "outcome", "pass", NULL),
                &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "检查事项 PUB-01 不在医疗卫生检查表中");
    hresp_free(&r);
    /* nothing was saved */
    assert_int_equal(h_count_rows(h, &c, "/api/v1/inspections"), 0);
}

static void test_json_errors_name_the_fields(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    struct hresp r;
    h_request(h, &c, "POST", "/api/v1/inspections", "{}", &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "entity_id"));
    assert_non_null(h_field_msg(&r, "type"));
    assert_non_null(h_field_msg(&r, "line"));
    assert_non_null(h_field_msg(&r, "items"));
    assert_non_null(strstr(h_field_msg(&r, "officers"), "第四十二条"));
    hresp_free(&r);
    /* an officer whose certificate expired is named */
    json_t *body = inspection_json("pass");
    json_object_set_new(body, "officers",
                        json_pack("[II]", (json_int_t)F.o1, (json_int_t)F.expired));
    h_send_json(h, &c, "POST", "/api/v1/inspections", body, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(h_field_msg(&r, "officers"), "赵过期：执法证已过有效期"));
    hresp_free(&r);
    body = inspection_json("pass");
    json_object_set_new(json_array_get(json_object_get(body, "items"), 0), "result",
                        json_string("perhaps"));
    h_send_json(h, &c, "POST", "/api/v1/inspections", body, &r);
    ASSERT_STATUS(r, 422);
    assert_string_equal(h_field_msg(&r, "item_MED-01"), "请选择符合、不符合或合理缺项");
    hresp_free(&r);
    body = inspection_json("rectify");
    json_object_set_new(body, "rectify_by", json_string(F.today));
    h_send_json(h, &c, "POST", "/api/v1/inspections", body, &r);
    ASSERT_STATUS(r, 422);
    assert_string_equal(h_field_msg(&r, "rectify_by"), "整改期限应晚于检查日期");
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/inspections"), 0);
}

/* ---- 复查 and overdue -------------------------------------------------------------------------
 */

static void test_reinspection_form_and_overdue_page(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    json_t *body = inspection_json("rectify");
    json_object_set_new(body, "date", json_string(F.ago20));
    char yesterday[DATE_STRLEN];
    date_format(date_from_instant(h_clock()) - 1, yesterday);
    json_object_set_new(body, "rectify_by", json_string(yesterday));
    int64_t order = create(h, &c, body);
    struct hresp r;
    h_request(h, &c, "GET", "/inspections/overdue", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "康宁诊所");
    ASSERT_HAS(r, "1 天");
    char url[64];
    snprintf(url, sizeof url, "/inspections/new?checks=%lld", (long long)order);
    ASSERT_HAS(r, url);
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/inspections/overdue", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "overdue")), 1);
    assert_null(json_object_get(r.json, "tab_overdue"));
    hresp_free(&r);
    /* the start page's 期限提醒 lists it too, with a link */
    h_request(h, &c, "GET", "/", NULL, &r);
    snprintf(url, sizeof url, "<a href=\"/inspections/%lld\">责令整改 %lld</a>", (long long)order,
             (long long)order);
    ASSERT_HAS(r, url);
    ASSERT_HAS(r, "整改期限");
    ASSERT_LACKS(r, "暂无临近或逾期的事项");
    hresp_free(&r);
    snprintf(url, sizeof url, "/inspections/new?checks=%lld", (long long)order);
    /* the 复查 form: entity and line fixed, the original's problems shown */
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<h1>复查</h1>");
    ASSERT_HAS(r, "诊疗科目未公示");
    snprintf(url, sizeof url, "name=\"checks_id\" value=\"%lld\"", (long long)order);
    ASSERT_HAS(r, url);
    ASSERT_HAS(r, "<option value=\"reinspection\" selected>复查</option>");
    ASSERT_HAS(r, "name=\"corrected\"");
    /* the team that inspected is ticked */
    char ticked[80];
    snprintf(ticked, sizeof ticked, "name=\"officers\" value=\"%lld\" checked", (long long)F.o2);
    ASSERT_HAS(r, ticked);
    hresp_free(&r);
    body = inspection_json("pass");
    json_object_set_new(body, "type", json_string("reinspection"));
    json_object_set_new(body, "checks_id", json_integer(order));
    json_object_set_new(body, "corrected", json_string("1"));
    int64_t re = create(h, &c, body);
    /* its 现场笔录 cites the 卫生监督意见书 it checks */
    char *notice = doc_number(h, &c, order, 1);
    snprintf(url, sizeof url, "/inspections/%lld/site-record.pdf", (long long)re);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    char *text = pdf_text(h, &r);
    hresp_free(&r);
    char cited[160];
    day_t on;
    int y, m, d;
    assert_int_equal(date_parse(F.ago20, &on), 0);
    date_ymd(on, &y, &m, &d);
    /* pdftotext joins the lines without the space */
    snprintf(cited, sizeof cited, "复查依据：卫生监督意见书%s（%d年%d月%d日检查", notice, y, m, d);
    if (!strstr(text, cited)) fail_msg("no \"%s\" in %.2000s", cited, text);
    free(text);
    free(notice);
    h_request(h, &c, "GET", "/api/v1/inspections/overdue", NULL, &r);
    assert_int_equal(json_array_size(json_object_get(r.json, "overdue")), 0);
    hresp_free(&r);
    snprintf(url, sizeof url, "/inspections/%lld", (long long)order);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "已复查");
    ASSERT_HAS(r, "已改正");
    snprintf(url, sizeof url, "href=\"/inspections/%lld\"", (long long)re);
    ASSERT_HAS(r, url);
    ASSERT_LACKS(r, "/inspections/new?checks="); /* no second 复查 button */
    hresp_free(&r);
    /* a second reinspection of the same order is refused */
    body = inspection_json("pass");
    json_object_set_new(body, "type", json_string("reinspection"));
    json_object_set_new(body, "checks_id", json_integer(order));
    json_object_set_new(body, "corrected", json_string("1"));
    h_send_json(h, &c, "POST", "/api/v1/inspections", body, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(h_field_msg(&r, "checks_id"), "已有复查记录"));
    hresp_free(&r);
}

static void test_stats_and_checklists(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "viewer");
    struct client o;
    h_login(h, &o, "officer");
    create(h, &o, inspection_json("pass"));
    create(h, &o, inspection_json("rectify"));
    struct hresp r;
    h_request(h, &c, "GET", "/inspections/stats", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<b>2</b><span>检查次数</span>");
    ASSERT_HAS(r, "<b>1</b><span>待复查的整改</span>");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/inspections/stats?from=2000-01-01", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 2);
    json_t *by = json_object_get(r.json, "by_outcome");
    assert_string_equal(json_string_value(json_object_get(json_array_get(by, 1), "label")),
                        "责令整改");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(by, 1), "count")), 1);
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/inspections/stats?to=bad", NULL, &r);
    ASSERT_STATUS(r, 422);
    hresp_free(&r);
    h_request(h, &c, "GET", "/checklists", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "医疗机构执业许可证");
    ASSERT_HAS(r, "采供血");
    ASSERT_HAS(r, "《中华人民共和国职业病防治法》第二十四条");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/checklists?line=water", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(json_array_size(json_object_get(r.json, "items")) >= 8);
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/checklists", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_object_size(json_object_get(r.json, "lines")), 11);
    hresp_free(&r);
    h_request(h, &c, "GET", "/checklists?line=spaceflight", NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
}

/* ---- documents ------------------------------------------------------------------------------ */

static void test_pdfs_hold_the_entity_and_the_document_number(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    int64_t id = create(h, &c, inspection_json("rectify"));
    char *record = doc_number(h, &c, id, 0), *notice = doc_number(h, &c, id, 1);
    char url[80];
    struct hresp r;
    snprintf(url, sizeof url, "/inspections/%lld/site-record.pdf", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(r.content_type, "application/pdf");
    assert_true(r.len > 1000 && memcmp(r.body, "%PDF", 4) == 0);
    assert_non_null(strstr(h_header(&r, "Content-Disposition"), "inline"));
    char *text = pdf_text(h, &r);
    hresp_free(&r);
    if (!strstr(text, "康宁诊所") || !strstr(text, record) || !strstr(text, "现场笔录"))
        fail_msg("site record text: %.2000s", text);
    assert_non_null(strstr(text, "王检查（执法证号ZF-0001）"));
    assert_non_null(strstr(text, "出示了行政执法证件"));
    assert_non_null(strstr(text, "第四十三条、第五十五条"));
    assert_non_null(strstr(text, "检查结果：不符合（诊疗科目未公示）"));
    assert_non_null(strstr(text, "被检查人（签名）"));
    assert_non_null(strstr(text, "被检查人拒绝签名的，执法人员注明情况"));
    assert_null(strstr(text, "复查依据")); /* not a 复查 */
    free(text);
    /* the API face serves the same PDF */
    snprintf(url, sizeof url, "/api/v1/inspections/%lld/site-record.pdf", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(r.content_type, "application/pdf");
    hresp_free(&r);

    snprintf(url, sizeof url, "/inspections/%lld/advice-notice.pdf", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(r.content_type, "application/pdf");
    text = pdf_text(h, &r);
    hresp_free(&r);
    if (!strstr(text, "康宁诊所") || !strstr(text, notice) || !strstr(text, "卫生监督意见书"))
        fail_msg("advice notice text: %.2000s", text);
    char deadline[64];
    day_t d;
    int y, m, dd;
    assert_int_equal(date_parse(F.in10, &d), 0);
    date_ymd(d, &y, &m, &dd);
    snprintf(deadline, sizeof deadline, "责令你单位于%d年%d月%d日前改正", y, m, dd);
    if (!strstr(text, deadline)) fail_msg("no \"%s\" in %.3000s", deadline, text);
    assert_non_null(strstr(text, "《医疗机构管理条例》第二十六条"));
    assert_non_null(strstr(text, "常州市武进区卫生健康局"));
    free(text);
    free(record);
    free(notice);

    /* a passed inspection has no 卫生监督意见书 */
    int64_t passed = create(h, &c, inspection_json("pass"));
    snprintf(url, sizeof url, "/inspections/%lld/advice-notice.pdf", (long long)passed);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    ASSERT_HAS(r, "该检查未出具卫生监督意见书");
    hresp_free(&r);
    h_request(h, &c, "GET", "/inspections/999999/site-record.pdf", NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
}

/* 被检查人拒绝签名: the officers' note is kept, shown, printed on the 现场笔录's refusal line, and
 * checked for length like every other field. */
static void test_refusal_to_sign_is_recorded_and_printed(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    json_t *body = inspection_json("pass");
    json_object_set_new(body, "refused_sign", json_string("被检查人拒绝签名，在场人李某见证"));
    int64_t id = create(h, &c, body);
    char url[80];
    struct hresp r;
    snprintf(url, sizeof url, "/inspections/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "<dt>拒绝签名</dt><dd>被检查人拒绝签名，在场人李某见证</dd>");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/inspections/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    assert_string_equal(json_string_value(json_object_get(r.json, "refused_sign")),
                        "被检查人拒绝签名，在场人李某见证");
    hresp_free(&r);
    snprintf(url, sizeof url, "/inspections/%lld/site-record.pdf", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    char *text = pdf_text(h, &r);
    hresp_free(&r);
    /* written where the party would sign (wrapping beside the date), without the blank line for
     * a handwritten note */
    if (!strstr(text, "被检查人（签名）：被检查人拒绝签名，在场人李某"))
        fail_msg("no refusal note in %s", strstr(text, "被检查人（签名）"));
    assert_null(strstr(text, "执法人员注明情况："));
    free(text);
    /* an inspection the party signed shows no such line on its page */
    int64_t signed_one = create(h, &c, inspection_json("pass"));
    snprintf(url, sizeof url, "/inspections/%lld", (long long)signed_one);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_LACKS(r, "<dt>拒绝签名</dt>");
    hresp_free(&r);
    /* too long: refused by field, nothing saved */
    char longer[700] = "";
    for (int i = 0; i < 201; i++)
        strcat(longer, "拒");
    body = inspection_json("pass");
    json_object_set_new(body, "refused_sign", json_string(longer));
    h_send_json(h, &c, "POST", "/api/v1/inspections", body, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(h_field_msg(&r, "refused_sign"), "拒绝签名情况"));
    hresp_free(&r);
}

/* 记录人 is the officer behind the recording account, by name and certificate on the page and
 * the 现场笔录; an account linked to no officer shows its own name. */
static void test_recorder_is_the_officer_behind_the_account(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    int64_t plain = create(h, &c, inspection_json("pass"));
    char url[80], want[160];
    struct hresp r;
    snprintf(url, sizeof url, "/inspections/%lld", (long long)plain);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "<dt>记录人</dt><dd>officer</dd>");
    hresp_free(&r);
    struct actor who;
    h_actor(h, "officer", &who);
    struct err e = {0};
    if (user_link_officer(&h->ctx, who.user_id, "ZF-0002", &e)) fail_msg("%s", e.msg);
    int64_t linked = create(h, &c, inspection_json("pass"));
    snprintf(url, sizeof url, "/inspections/%lld", (long long)linked);
    h_request(h, &c, "GET", url, NULL, &r);
    snprintf(want, sizeof want, "<dt>记录人</dt><dd><a href=\"/officers/%lld\">李监督</a>",
             (long long)F.o2);
    ASSERT_HAS(r, want);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/inspections/%lld", (long long)linked);
    h_request(h, &c, "GET", url, NULL, &r);
    json_t *rec = json_object_get(r.json, "recorder");
    assert_string_equal(json_string_value(json_object_get(rec, "cert_no")), "ZF-0002");
    hresp_free(&r);
    snprintf(url, sizeof url, "/inspections/%lld/site-record.pdf", (long long)linked);
    h_request(h, &c, "GET", url, NULL, &r);
    char *text = pdf_text(h, &r);
    hresp_free(&r);
    if (!strstr(text, "记录人（签名）：李监督证号ZF-0002"))
        fail_msg("no recorder in %s", strstr(text, "记录人"));
    free(text);
}

/* ---- permissions, CSRF, scope ------------------------------------------------------------- */

static void test_viewer_reads_but_cannot_record(void **state)
{
    struct harness *h = *state;
    struct client o, v;
    h_login(h, &o, "officer");
    int64_t id = create(h, &o, inspection_json("rectify"));
    h_login(h, &v, "viewer");
    struct hresp r;
    h_send_json(h, &v, "POST", "/api/v1/inspections", inspection_json("pass"), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &v, "GET", "/inspections/new", NULL, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_send_form(h, &v, "/inspections/new", h_form("entity_q", "康宁", NULL), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_send_json(
        h, &v, "POST", "/api/v1/campaigns",
        json_pack("{ss ss ss}", "name", "越权专项", "starts_on", F.today, "ends_on", F.in10), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    /* reading works, without the write controls */
    char url[64];
    snprintf(url, sizeof url, "/inspections/%lld", (long long)id);
    h_request(h, &v, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "/inspections/new?checks=");
    hresp_free(&r);
    h_request(h, &v, "GET", "/inspections", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "href=\"/inspections/new\"");
    hresp_free(&r);
    snprintf(url, sizeof url, "/inspections/%lld/site-record.pdf", (long long)id);
    h_request(h, &v, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    /* a clerk may not record inspections either */
    struct client k;
    h_login(h, &k, "clerk");
    h_send_json(h, &k, "POST", "/api/v1/inspections", inspection_json("pass"), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    /* the menu shows 监督检查 to everyone who may read */
    h_request(h, &v, "GET", "/", NULL, &r);
    ASSERT_HAS(r, "<a href=\"/inspections\">监督检查</a>");
    hresp_free(&r);
}

static void test_csrf_is_required_for_cookie_writes(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    struct client bad = c;
    bad.csrf[0] = 0;
    struct hresp r;
    h_send_json(h, &bad, "POST", "/api/v1/inspections", inspection_json("pass"), &r);
    ASSERT_STATUS(r, 403);
    assert_non_null(strstr(
        json_string_value(json_object_get(json_object_get(r.json, "error"), "message")), "CSRF"));
    hresp_free(&r);
    snprintf(bad.csrf, sizeof bad.csrf, "%s", "0000");
    h_send_form(h, &bad, "/campaigns",
                h_form("name", "专项", "starts_on", F.today, "ends_on", F.in10, NULL), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/inspections"), 0);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/campaigns"), 0);
}

static void test_other_county_gets_404(void **state)
{
    struct harness *h = *state;
    struct client o, x;
    h_login(h, &o, "officer");
    int64_t id = create(h, &o, inspection_json("rectify"));
    h_login(h, &x, "other");
    char url[80];
    struct hresp r;
    const char *paths[] = {"/inspections/%lld", "/api/v1/inspections/%lld",
                           "/inspections/%lld/site-record.pdf",
                           "/inspections/%lld/advice-notice.pdf"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        snprintf(url, sizeof url, paths[i], (long long)id);
#pragma GCC diagnostic pop
        h_request(h, &x, "GET", url, NULL, &r);
        ASSERT_STATUS(r, 404);
        hresp_free(&r);
    }
    assert_int_equal(h_count_rows(h, &x, "/api/v1/inspections"), 0);
    /* the city sees it */
    struct client city;
    h_login(h, &city, "city");
    assert_int_equal(h_count_rows(h, &city, "/api/v1/inspections"), 1);
}

/* ---- campaigns ------------------------------------------------------------------------------ */

static void test_campaign_pages_targets_and_progress(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    struct hresp r;
    h_request(h, &c, "GET", "/campaigns", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "尚未设立专项检查");
    hresp_free(&r);
    h_request(h, &c, "GET", "/campaigns/new", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "设立专项检查");
    hresp_free(&r);
    /* refused with the messages beside the fields */
    h_send_form(
        h, &c, "/campaigns",
        h_form("name", "", "line", "medical", "starts_on", F.in10, "ends_on", F.today, NULL), &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "name", "请填写专项名称");
    h_assert_field_error(&r, "ends_on", "结束日期不能早于开始日期");
    hresp_free(&r);
    h_send_form(h, &c, "/campaigns",
                h_form("name", "诊所依法执业专项检查", "line", "medical", "starts_on", F.ago20,
                       "ends_on", F.in10, "description", "检查执业资质", NULL),
                &r);
    ASSERT_STATUS(r, 303);
    int64_t id = h_id_from_location(&r, "/campaigns/");
    hresp_free(&r);
    char url[96], target[96];
    /* search and add by id */
    snprintf(url, sizeof url, "/campaigns/%lld?q=%%E5%%BA%%B7%%E5%%AE%%81",
             (long long)id); /* 康宁 */
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    char want[80];
    snprintf(want, sizeof want, "name=\"entity_ids\" value=\"%lld\"", (long long)F.clinic);
    ASSERT_HAS(r, want);
    hresp_free(&r);
    char eid[24];
    snprintf(eid, sizeof eid, "%lld", (long long)F.clinic);
    snprintf(target, sizeof target, "/campaigns/%lld/targets", (long long)id);
    h_send_form(h, &c, target, h_form("entity_ids", eid, NULL), &r);
    ASSERT_STATUS(r, 303);
    assert_non_null(strstr(r.location, "added=1"));
    hresp_free(&r);
    /* the hotel is not of the campaign's line: the page again with the message */
    snprintf(eid, sizeof eid, "%lld", (long long)F.hotel);
    h_send_form(h, &c, target, h_form("entity_ids", eid, NULL), &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "锦绣宾馆 不属于本专项的专业（医疗卫生）");
    hresp_free(&r);
    /* by filter: nothing new (the only clinic is on the list already) */
    snprintf(url, sizeof url, "/api/v1/campaigns/%lld/targets/filter", (long long)id);
    h_send_json(h, &c, "POST", url, json_pack("{ss}", "subtype", "clinic"), &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "added")), 0);
    hresp_free(&r);
    /* progress 0/1, then 1/1 after a campaign inspection */
    snprintf(url, sizeof url, "/campaigns/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<progress class=\"bar big\" max=\"100\" value=\"0\">");
    ASSERT_HAS(r, "康宁诊所");
    snprintf(want, sizeof want, "/inspections/new?entity_id=%lld&amp;campaign=%lld",
             (long long)F.clinic, (long long)id);
    ASSERT_HAS(r, want);
    hresp_free(&r);
    snprintf(url, sizeof url, "/inspections/new?entity_id=%lld&campaign=%lld", (long long)F.clinic,
             (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<option value=\"campaign\" selected>专项检查</option>");
    snprintf(want, sizeof want, "<option value=\"%lld\" selected>诊所依法执业专项检查",
             (long long)id);
    ASSERT_HAS(r, want);
    hresp_free(&r);
    json_t *body = inspection_json("pass");
    json_object_set_new(body, "type", json_string("campaign"));
    json_object_set_new(body, "campaign_id", json_integer(id));
    create(h, &c, body);
    snprintf(url, sizeof url, "/api/v1/campaigns/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *p = json_object_get(r.json, "progress");
    assert_int_equal(json_integer_value(json_object_get(p, "done")), 1);
    assert_int_equal(json_integer_value(json_object_get(p, "percent")), 100);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/campaigns/%lld/targets?which=done", (long long)id);
    assert_int_equal(h_count_rows(h, &c, url), 1);
    snprintf(url, sizeof url, "/api/v1/campaigns/%lld/targets?which=pending", (long long)id);
    assert_int_equal(h_count_rows(h, &c, url), 0);
    h_request(h, &c, "GET", "/campaigns", NULL, &r);
    ASSERT_HAS(r, "1/1（100%）");
    hresp_free(&r);
    /* edit through the form and the API; a stale version is refused */
    snprintf(url, sizeof url, "/campaigns/%lld/edit", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "value=\"诊所依法执业专项检查\"");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/campaigns/%lld", (long long)id);
    h_send_json(h, &c, "PUT", url,
                json_pack("{ss ss ss ss si}", "name", "诊所专项（改）", "line", "medical",
                          "starts_on", F.ago20, "ends_on", F.in10, "version", 1),
                &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "name")), "诊所专项（改）");
    hresp_free(&r);
    h_send_json(h, &c, "PUT", url,
                json_pack("{ss ss ss si}", "name", "再改", "starts_on", F.ago20, "ends_on", F.in10,
                          "version", 1),
                &r);
    ASSERT_STATUS(r, 409);
    hresp_free(&r);
    /* take the clinic off the list (form), then through the API a 404 */
    snprintf(url, sizeof url, "/campaigns/%lld/targets/%lld/delete", (long long)id,
             (long long)F.clinic);
    h_send_form(h, &c, url, h_form("x", "1", NULL), &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/campaigns/%lld/targets/%lld", (long long)id,
             (long long)F.clinic);
    h_request(h, &c, "DELETE", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
}

static void test_entity_page_lists_its_inspections(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    int64_t id = create(h, &c, inspection_json("rectify"));
    char url[64], want[64];
    snprintf(url, sizeof url, "/entities/%lld", (long long)F.clinic);
    struct hresp r;
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    snprintf(want, sizeof want, "href=\"/inspections/%lld\"", (long long)id);
    ASSERT_HAS(r, want);
    snprintf(want, sizeof want, "/inspections/new?entity_id=%lld", (long long)F.clinic);
    ASSERT_HAS(r, want);
    ASSERT_HAS(r, "责令整改");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_list_html_and_json_with_filters),
        T(test_show_page_and_json),
        T(test_new_form_finds_entities_and_reloads_the_checklist),
        T(test_create_by_form_redirects_and_documents_are_numbered),
        T(test_refused_form_shows_chinese_messages_beside_the_fields),
        T(test_json_errors_name_the_fields),
        T(test_reinspection_form_and_overdue_page),
        T(test_stats_and_checklists),
        T(test_pdfs_hold_the_entity_and_the_document_number),
        T(test_refusal_to_sign_is_recorded_and_printed),
        T(test_recorder_is_the_officer_behind_the_account),
        T(test_viewer_reads_but_cannot_record),
        T(test_csrf_is_required_for_cookie_writes),
        T(test_other_county_gets_404),
        T(test_campaign_pages_targets_and_progress),
        T(test_entity_page_lists_its_inspections),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
