/* test_document.c — issued documents through the real router: GET /documents/{id}.pdf serves
 * the kept PDF of a complaint's reply to its handler, and refuses it to a viewer (403: it names
 * the complainant), to another county (404), to the public (login first); the record's page
 * and JSON link each document with its SHA-256, without the link to whom may not have it; a
 * document that names no one reaches every reader. */
#include "support.h"

#include <stdlib.h>
#include <string.h>

/* A complaint taken in, accepted, given to officer, verified and answered through the routes;
 * its id. */
static int64_t replied(struct harness *h)
{
    struct client clerk, leader, officer;
    h_login(h, &clerk, "clerk");
    h_login(h, &leader, "leader");
    h_login(h, &officer, "officer");
    int64_t id = h_form_created(h, &clerk, "/complaints",
                                h_form("agency", "320412", "channel", "phone", "line", "medical",
                                       "matter", "unlicensed_practice", "summary",
                                       "花园路8号有人无证输液", "party_name", "无名诊所", "name",
                                       "张三丰", "phone", "13900002222", NULL));
    char url[80];
    struct hresp r;
    snprintf(url, sizeof url, "/complaints/%lld/accept", (long long)id);
    FORM(h, &leader, url, &r, "date", "");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/complaints/%lld/assign", (long long)id);
    FORM(h, &leader, url, &r, "handler", "officer");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/complaints/%lld/verify", (long long)id);
    h_request(h, &officer, "POST", url,
              "{\"result\":\"substantiated\",\"note\":\"现场查见无证输液\"}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/complaints/%lld/reply", (long long)id);
    h_request(h, &officer, "POST", url, "{\"reply\":\"已立案查处，依法取缔。\"}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    return id;
}

/* The first document of record (base/id) as username's JSON shows it (a new reference). */
static json_t *first_document(struct harness *h, struct client *c, const char *base, int64_t id)
{
    char url[80];
    snprintf(url, sizeof url, "/api/v1/%s/%lld", base, (long long)id);
    struct hresp r;
    h_request(h, c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *d = json_incref(json_array_get(json_object_get(r.json, "documents"), 0));
    if (!d) fail_msg("%s has no document: %.1000s", url, r.body);
    hresp_free(&r);
    return d;
}

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* ---- tests ---------------------------------------------------------------------------------- */

static void test_r_doc_03_the_reply_goes_to_its_handler_and_not_beyond(void **state)
{
    struct harness *h = *state;
    int64_t id = replied(h);
    struct client officer, viewer, other, city;
    h_login(h, &officer, "officer");
    h_login(h, &viewer, "viewer");
    h_login(h, &other, "other");
    h_login(h, &city, "city");
    json_t *d = first_document(h, &officer, "complaints", id);
    assert_string_equal(str(d, "type"), "complaint_reply");
    char pdf[64], sha[65];
    snprintf(pdf, sizeof pdf, "/documents/%lld.pdf",
             (long long)json_integer_value(json_object_get(d, "id")));
    assert_string_equal(str(d, "pdf"), pdf);
    snprintf(sha, sizeof sha, "%s", str(d, "sha256"));
    assert_int_equal(strlen(sha), 64);
    json_decref(d);

    /* the handler: the page links it, and the file names the complainant */
    char page[64];
    snprintf(page, sizeof page, "/complaints/%lld", (long long)id);
    struct hresp r;
    h_request(h, &officer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    char link[96];
    snprintf(link, sizeof link, "href=\"%s\"", pdf);
    ASSERT_HAS(r, link);
    hresp_free(&r);
    h_request(h, &officer, "GET", pdf, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(r.content_type, "application/pdf");
    assert_memory_equal(r.body, "%PDF-", 5);
    char etag[70];
    snprintf(etag, sizeof etag, "\"%s\"", sha);
    assert_string_equal(h_header(&r, "ETag"), etag);
    assert_non_null(strstr(h_header(&r, "Content-Disposition"), "filename*=UTF-8''"));
    char *text = h_pdf_text(h->dir, "reply.pdf", r.body, r.len);
    char *want = h_flat("投诉举报人：张三丰");
    assert_non_null(strstr(text, want));
    free(want);
    want = h_flat("已立案查处，依法取缔。");
    assert_non_null(strstr(text, want));
    free(want);
    free(text);
    hresp_free(&r);
    char api[80];
    snprintf(api, sizeof api, "/api/v1%s", pdf);
    h_request(h, &officer, "GET", api, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(r.content_type, "application/pdf");
    hresp_free(&r);

    /* a viewer sees the complaint, not the complainant: the document is listed, not linked,
     * and refused */
    d = first_document(h, &viewer, "complaints", id);
    assert_null(json_object_get(d, "pdf"));
    assert_string_equal(str(d, "sha256"), sha);
    assert_true(json_is_true(json_object_get(d, "personal")));
    json_decref(d);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, link);
    ASSERT_HAS(r, "投诉举报答复书");
    ASSERT_HAS(r, "载有个人信息");
    hresp_free(&r);
    h_request(h, &viewer, "GET", pdf, NULL, &r);
    ASSERT_STATUS(r, 403);
    ASSERT_HAS(r, "该文书载有投诉人的个人信息");
    assert_null(strstr(r.content_type, "pdf"));
    hresp_free(&r);
    h_request(h, &viewer, "GET", api, NULL, &r);
    ASSERT_STATUS(r, 403);
    ASSERT_HAS(r, "投诉人");
    hresp_free(&r);
    /* the city above sees the complaint, not the complainant either */
    h_request(h, &city, "GET", pdf, NULL, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    /* another county does not see the complaint at all */
    h_request(h, &other, "GET", pdf, NULL, &r);
    ASSERT_STATUS(r, 404);
    ASSERT_HAS(r, "投诉举报不存在或不在您的管辖范围内");
    hresp_free(&r);
    /* the public: a login first, and nothing of the file */
    h_request(h, NULL, "GET", pdf, NULL, &r);
    ASSERT_STATUS(r, 303);
    assert_non_null(strstr(r.location, "/login"));
    ASSERT_LACKS(r, "%PDF");
    hresp_free(&r);
    h_request(h, NULL, "GET", api, NULL, &r);
    ASSERT_STATUS(r, 401);
    hresp_free(&r);
    /* no such document */
    h_request(h, &officer, "GET", "/documents/999999.pdf", NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    h_request(h, &officer, "GET", "/documents/abc.pdf", NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
}

/* A petition's acceptance names the petitioner (its registering clerk has it, a viewer not); a
 * disclosure request's consultation letter names no one and reaches the viewer. */
static void test_r_doc_03_petition_and_disclosure_documents(void **state)
{
    struct harness *h = *state;
    struct client clerk, viewer;
    h_login(h, &clerk, "clerk");
    h_login(h, &viewer, "viewer");
    int64_t pid = h_form_created(h, &clerk, "/petitions",
                                 h_form("form", "letter", "content", "medical_dispute", "summary",
                                        "反映某医院术后感染", "name", "刘建平", "phone",
                                        "13812345678", NULL));
    char url[80];
    struct hresp r;
    snprintf(url, sizeof url, "/api/v1/petitions/%lld/accept", (long long)pid);
    h_request(h, &clerk, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    json_t *d = first_document(h, &clerk, "petitions", pid);
    assert_string_equal(str(d, "type"), "petition_acceptance");
    char pdf[64];
    snprintf(pdf, sizeof pdf, "%s", str(d, "pdf"));
    json_decref(d);
    h_request(h, &clerk, "GET", pdf, NULL, &r);
    ASSERT_STATUS(r, 200);
    char *text = h_pdf_text(h->dir, "acceptance.pdf", r.body, r.len);
    char *want = h_flat("信访人：刘建平");
    assert_non_null(strstr(text, want));
    free(want);
    free(text);
    hresp_free(&r);
    h_request(h, &viewer, "GET", pdf, NULL, &r);
    ASSERT_STATUS(r, 403);
    ASSERT_HAS(r, "信访人");
    hresp_free(&r);

    int64_t did = h_form_created(h, &clerk, "/disclosures",
                                 h_form("channel", "online", "content", "某诊所的行政处罚决定书",
                                        "name", "赵敏", "phone", "13511112222", NULL));
    snprintf(url, sizeof url, "/api/v1/disclosures/%lld/consult", (long long)did);
    h_request(h, &clerk, "POST", url, "{\"party\":\"某某诊所\",\"note\":\"是否同意公开\"}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    d = first_document(h, &viewer, "disclosures", did);
    assert_string_equal(str(d, "type"), "disclosure_consultation");
    assert_false(json_is_true(json_object_get(d, "personal")));
    snprintf(pdf, sizeof pdf, "%s", str(d, "pdf"));
    json_decref(d);
    h_request(h, &viewer, "GET", pdf, NULL, &r);
    ASSERT_STATUS(r, 200);
    text = h_pdf_text(h->dir, "consultation.pdf", r.body, r.len);
    assert_null(strstr(text, "赵敏"));
    want = h_flat("某某诊所：");
    assert_non_null(strstr(text, want));
    free(want);
    free(text);
    hresp_free(&r);
}

/* The route is described in the API's description like every other. */
static void test_the_route_is_in_the_openapi_description(void **state)
{
    struct harness *h = *state;
    struct hresp r;
    h_request(h, NULL, "GET", "/api/v1/openapi.json", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "/documents/{id}.pdf");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_doc_03_the_reply_goes_to_its_handler_and_not_beyond),
        T(test_r_doc_03_petition_and_disclosure_documents),
        T(test_the_route_is_in_the_openapi_description),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
