/* support.h — the test harness: a fresh database with a small agency tree and one user per
 * role, and requests driven through the real router in-process (no socket). */
#ifndef LANDUN_TEST_SUPPORT_H
#define LANDUN_TEST_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>

#include "law/ctx.h"
#include "web/http.h"

#define TEST_PASSWORD "secret2026"

struct workflow;
struct wf_args;

/* Assertions on a struct hresp that show the body when they fail. */
#define ASSERT_STATUS(r, want)                                                                     \
    do {                                                                                           \
        if ((r).status != (want))                                                                  \
            fail_msg("%s:%d: status %d, expected %d: %.1500s", __FILE__, __LINE__, (r).status,     \
                     (want), (r).body);                                                            \
    } while (0)

#define ASSERT_HAS(r, s)                                                                           \
    do {                                                                                           \
        if (!strstr((r).body, (s)))                                                                \
            fail_msg("%s:%d: body lacks \"%s\": %.1500s", __FILE__, __LINE__, (s), (r).body);      \
    } while (0)

#define ASSERT_LACKS(r, s)                                                                         \
    do {                                                                                           \
        if (strstr((r).body, (s)))                                                                 \
            fail_msg("%s:%d: body has \"%s\": %.1500s", __FILE__, __LINE__, (s),                   \
                     strstr((r).body, (s)));                                                       \
    } while (0)

/* A test database — SQLite, or PostgreSQL when LANDUN_TEST_BACKEND=postgres (see tests/run.py) —
 * with agencies 320000 (province) → 320400 (city) → 320412 and 320411 (counties);
 * users admin, officer, clerk, legal, leader, auditor, viewer at 320412 (password
 * TEST_PASSWORD), plus "other" (admin at 320411), "city" (admin at 320400) and "province" (admin
 * of the top-level agency 320000). */
struct harness {
    char dir[64];       /* temporary directory (also on PostgreSQL, for files a test writes) */
    char url[128];      /* database: a file in dir, or a postgresql:// URL of its own database */
    bool postgres;      /* the run is on PostgreSQL (LANDUN_TEST_BACKEND=postgres) */
    struct db *db;      /* connection used by the tests */
    struct arena arena; /* for ctx allocations */
    struct ctx ctx;     /* acting as the system */
    struct blob_store *blobs; /* the evidence store, in dir/evidence (also h->ctx.blobs) */
};

/* A response as a test sees it. */
struct hresp {
    int status;
    char *body;             /* heap, NUL-terminated */
    json_t *json;           /* parsed body when it is JSON */
    const char *location;   /* Location header or NULL (points into headers) */
    char headers[2048];     /* "Name: value\n" lines */
    size_t len;             /* body bytes (binary bodies such as XLSX may contain NULs) */
    char content_type[128]; /* the response Content-Type, "" when none */
};

/* A logged-in client: the session cookie and CSRF token. */
struct client {
    char cookie[128];
    char csrf[72];
    char token[72];                /* bearer token instead of the cookie, when set */
    const char *content_type;      /* request Content-Type instead of the default, or NULL */
    const char *if_none_match;     /* If-None-Match request header, or NULL */
    const char *if_modified_since; /* If-Modified-Since request header, or NULL */
    const char *range;             /* Range request header, or NULL */
    const char *upload_offset;     /* Upload-Offset (tus), or NULL */
    const char *upload_length;     /* Upload-Length (tus), or NULL */
    const char *upload_metadata;   /* Upload-Metadata (tus), or NULL */
};

int harness_setup(void **state);
/* "Now" for the requests and h->ctx from here on: an instant as LANDUN_NOW takes it
 * ("2026-12-07T10:00:00+08:00"); each test case starts on the process clock again. */
void h_set_now(struct harness *h, const char *instant);
/* The tests' "now", UTC seconds: h_set_now's, or the process clock (clock_now). */
int64_t h_clock(void);
/* Put the tests' "now" back to a value h_clock gave (a fixture that needs an earlier day). */
void h_set_clock(struct harness *h, int64_t now);
/* True when the tests run on PostgreSQL; tests of SQLite-only features skip themselves then. */
bool h_postgres(void);
int harness_teardown(void **state);
/* Another fresh, migrated, empty database of the same engine (no agencies or users), removed
 * with the harness; the caller closes the connection. */
void h_second_db(struct harness *h, struct db **out, char url[128]);

/* Perform a request through web_handle. body may be NULL; content_type defaults to form
 * encoding for non-JSON bodies (bodies starting with '{' are sent as JSON). */
void h_request(struct harness *h, struct client *c, const char *method, const char *target,
               const char *body, struct hresp *out);
/* Like h_request with a body of len bytes (binary, as application/offset+octet-stream unless
 * c->content_type says otherwise). */
void h_request_bytes(struct harness *h, struct client *c, const char *method, const char *target,
                     const void *body, size_t len, struct hresp *out);
/* Like h_request but with printf-formatted body. */
void h_requestf(struct harness *h, struct client *c, const char *method, const char *target,
                struct hresp *out, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void hresp_free(struct hresp *r);
/* A form-encoded body from name, value pairs ending with NULL (values escaped). Caller frees. */
char *h_form(const char *name, ...);
/* Send a JSON object (the reference is stolen) with method to target. */
void h_send_json(struct harness *h, struct client *c, const char *method, const char *target,
                 json_t *obj, struct hresp *r);
/* POST a form body (freed) to target. */
void h_send_form(struct harness *h, struct client *c, const char *target, char *body,
                 struct hresp *r);
/* POST the form of name, value pairs given after r (h_form's, without the closing NULL). */
#define FORM(h, c, target, r, ...) h_send_form(h, c, target, h_form(__VA_ARGS__, NULL), r)
/* POST a form body (freed) to target, which must answer 303 to target/<id>: the id of the record
 * made (a record page's "new" form: /complaints, /petitions, /disclosures). */
int64_t h_form_created(struct harness *h, struct client *c, const char *target, char *body);
#define H_BOUNDARY "----landunTestBoundary7MA4YWxk" /* of h_multipart's bodies */
/* A multipart/form-data body: the fields (name, value pairs ending with NULL; fields may be NULL)
 * and then the file, field "file", named filename, with the text data. Caller frees, or passes
 * it to h_post_multipart. */
char *h_multipart(const char *filename, const char *data, const char *const *fields);
/* POST a body made by h_multipart (freed) to target. */
void h_post_multipart(struct harness *h, struct client *c, const char *target, char *body,
                      struct hresp *r);
/* Log in as username through POST /api/v1/login; asserts success. */
void h_login(struct harness *h, struct client *c, const char *username);
/* The value of header name in r (static buffer), or NULL. */
const char *h_header(const struct hresp *r, const char *name);
/* Load the actor of username into who (strings on h->arena). */
void h_actor(struct harness *h, const char *username, struct actor *who);
/* A ctx acting as username. */
struct ctx h_ctx(struct harness *h, const char *username, struct actor *who);
/* A ctx acting as no one, as the public site's requests do (nobody is cleared and used). */
struct ctx h_public_ctx(struct harness *h, struct actor *nobody);
/* Seal personal data with the tests' fixed data key again (harness_setup sets it; a test that
 * sets another key puts this one back). */
void h_seal_test_key(void);
/* Take action on matter id of workflow w as username, with a (NULL: no arguments): wf_take's
 * result, e filled on a refusal. The steps of the complaint, petition and disclosure tests. */
int h_step(struct harness *h, const struct workflow *w, const char *username, int64_t id,
           const char *action, struct wf_args *a, struct err *e);
/* h_step that must succeed: a refusal fails the test, naming the action and the message. */
void h_must(struct harness *h, const struct workflow *w, const char *username, int64_t id,
            const char *action, struct wf_args *a);
/* A valid 统一社会信用代码 numbered n (check characters computed) into out (19 bytes). */
void h_uscc(int n, char *out);
/* A valid 身份证号 numbered n (born 1980-01-01, check character computed) into out (19 bytes). */
void h_idno(int n, char *out);
/* The value of error.fields.<name> of a JSON error answer, or NULL. */
const char *h_field_msg(const struct hresp *r, const char *name);
/* Assert that the banner above a refused form counts its field messages (one per
 * class="field-error" on the page). */
void h_assert_error_count(const struct hresp *r);
/* Assert that msg is shown as a field-error next to the form control called name: after it and
 * before the next control or the end of its form. */
void h_assert_field_error(const struct hresp *r, const char *name, const char *msg);
/* Number of rows of the JSON list answer for target (asserts 200). */
size_t h_count_rows(struct harness *h, struct client *c, const char *target);
/* The id at the end of r's Location, which must start with prefix. */
int64_t h_id_from_location(const struct hresp *r, const char *prefix);
/* Source directory (for data files). */
const char *h_srcdir(void);
/* Whether the query returns a row; a database error fails the test. */
bool h_exists(struct db *db, const char *sql, const char *types, ...);
/* The first column of the query's first row as text on h->arena, "(null)" for SQL NULL; types
 * as db_query's ('i' int64_t, 't' text; at most 8). No row, or a database error, fails the test. */
const char *h_text(struct harness *h, const char *sql, const char *types, ...);
/* The last day (due_on) of the deadline name of the matter kind/id (wf_deadline), as h_text. */
const char *h_due(struct harness *h, const char *kind, int64_t id, const char *name);
/* Whether a row of table holds text anywhere in column (table and column: trusted names), as a
 * LIKE '%text%' on both engines: the tests that personal data is sealed and kept from the audit
 * trail. */
bool h_mentions(struct harness *h, const char *table, const char *column, const char *text);
/* The file at rel below the source directory, NUL-terminated (caller frees); fails the test when
 * it cannot be read. */
char *h_read_file(const char *rel);
/* The text of a PDF (len bytes), as pdftotext (poppler-utils) reads it, flattened for searching:
 * white space and the page footers (第 1 页 共 2 页, 第1联 共2联) dropped, so that a phrase
 * broken across lines or pages is found whole. The file goes to dir/name. Caller frees. */
char *h_pdf_text(const char *dir, const char *name, const void *pdf, size_t len);
/* A phrase as h_pdf_text flattens it (white space dropped), to search for in its text. Caller
 * frees. */
char *h_flat(const char *s);

/* A w × h JPEG of a gradient, with an EXIF orientation when orientation > 0 (malloc'd; its
 * length into *len): a photo for the recordings' tests. */
unsigned char *h_jpeg(int w, int h, int orientation, unsigned long *len);

#endif
