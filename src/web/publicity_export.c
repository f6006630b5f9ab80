/* publicity_export.c — the published items as data (law/publicity_export.h): the staff's 双公示
 * export for the credit platforms (/publicity/export, the actor's subtree, audited), and for
 * everyone without login the Atom feed (/public/feed.atom), the paginated JSON API
 * (/api/v1/public/items) and the same export as downloads (/public/data/{file}). Every one of
 * them shows only what the public may see, masked (docs/publicity.md). The item pages these link
 * to, /public/decisions/{id}, are web/publicity.c's. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/date.h"
#include "base/jpack.h"
#include "base/sha256.h"
#include "law/publicity.h"
#include "law/publicity_export.h"
#include "law/role.h"
#include "web/area.h"
#include "web/options.h"
#include "web/web.h"

#define FEED_ENTRIES  100  /* the feed's last changes */
#define API_LIMIT     100  /* items on a page of the API by default */
#define API_LIMIT_MAX 1000 /* and at most */

static const char *const kinds[][2] = {{"penalty", "行政处罚决定"},
                                       {"no_penalty", "不予行政处罚决定"},
                                       {"licence", "行政许可"},
                                       {"inspection", "检查结果"},
                                       {NULL, NULL}};
static const char *const format_names[][2] = {{"xlsx", "Excel（.xlsx）"},
                                              {"csv", "CSV（UTF-8）"},
                                              {"csv-gbk", "CSV（GBK）"},
                                              {"json", "JSON"},
                                              {NULL, NULL}};

/* A query parameter, NULL when absent or blank. */
static const char *query(const struct req *r, const char *name)
{
    const char *v = req_query(r, name);
    return str_blank(v) ? NULL : v;
}

/* ---- Downloads ---- */

/* Export f in fmt to a temporary file and answer with it as the download name.ext (the file is
 * unlinked at once and sent from its descriptor: nothing of it is held in memory). */
static int send_export(struct req *r, struct resp *w, const struct publicity_filter *f,
                       enum publicity_format fmt, bool audit, const char *name)
{
    char dir[] = "/tmp/landun-publicity-XXXXXX";
    if (!mkdtemp(dir)) return err_set(&r->err, ERR_INTERNAL, "无法创建临时文件");
    const char *ext = publicity_format_ext(fmt);
    const char *path = arena_printf(r->arena, "%s/export.%s", dir, ext);
    struct publicity_export_stats st;
    int rc = publicity_export(&r->ctx, f, fmt, path, audit, &st, &r->err);
    int fd = rc ? -1 : open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (!rc && (fd < 0 || fstat(fd, &sb) != 0))
        rc = err_set(&r->err, ERR_INTERNAL, "无法读取导出文件");
    unlink(path);
    rmdir(dir);
    if (rc) {
        if (fd >= 0) close(fd);
        return rc;
    }
    w->tmpl = NULL;
    w->content_type = publicity_format_type(fmt);
    w->fd = fd;
    w->fd_len = sb.st_size;
    if (w->fd_len <= 0) close(fd);
    const char *file =
        arena_printf(r->arena, "%s%s.%s", name, fmt == PUBLICITY_CSV_GBK ? "-gbk" : "", ext);
    resp_header(w, "Content-Disposition",
                arena_printf(r->arena, "attachment; filename=\"%s\"", file));
    if (fmt == PUBLICITY_CSV_GBK)
        resp_header(w, "X-Unmapped-Characters",
                    arena_printf(r->arena, "%lld", (long long)st.replaced));
    return 0;
}

/* The export form's choices and values. */
static json_t *export_form(struct req *r)
{
    const char *kind = req_query(r, "kind"), *format = req_query(r, "format");
    json_t *o = json_object();
    json_object_set_new(o, "kinds", options_table(kinds, kind ? kind : "penalty"));
    json_object_set_new(o, "formats", options_table(format_names, format ? format : "xlsx"));
    jset_text(o, "since", req_query(r, "since") ? req_query(r, "since") : "");
    json_object_set_new(o, "agencies",
                        options_agencies(r, req_query(r, "agency") ? req_query(r, "agency") : ""));
    return o;
}

/* GET /publicity/export?kind=&format=&since=&agency=: the form; with a kind, the file of the
 * user's subtree (or the agency chosen in it), audited. A refused choice shows the form again
 * with the message beside the field. */
static int export_page(struct req *r, struct resp *w)
{
    page(w, "publicity/export.html", "双公示数据导出");
    w->data = export_form(r);
    if (!req_query(r, "kind") && !req_query(r, "format")) return 0;
    struct publicity_filter f = {
        .kind = req_query(r, "kind"), .since = query(r, "since"), .agency = query(r, "agency")};
    enum publicity_format fmt = PUBLICITY_XLSX;
    const char *format = req_query(r, "format");
    if (format && publicity_format_parse(format, &fmt))
        err_field(&r->err, "format", "请选择导出格式：Excel、CSV（UTF-8）、CSV（GBK）或JSON");
    int rc = publicity_each(&r->ctx, &f, true, NULL, NULL, &r->err);
    if (rc || r->err.code) return r->err.code;
    char today[DATE_STRLEN];
    date_format(date_from_instant(r->ctx.now), today);
    return send_export(r, w, &f, fmt, true, arena_printf(r->arena, "%s-%s", f.kind, today));
}

/* GET /public/data/{file}: KIND.csv, KIND.gbk.csv, KIND.xlsx or KIND.json, with ?since= and
 * ?agency=: the export of what the public sees (not audited: anyone may fetch it). */
static int public_data(struct req *r, struct resp *w)
{
    static const char *const exts[][2] = {
        {".gbk.csv", "csv-gbk"}, {".csv", "csv"}, {".xlsx", "xlsx"}, {".json", "json"}};
    const char *file = r->args[0];
    for (size_t i = 0; i < countof(exts); i++) {
        size_t n = strlen(file), k = strlen(exts[i][0]);
        if (n <= k || strcmp(file + n - k, exts[i][0]) != 0) continue;
        const char *kind = arena_strndup(r->arena, file, n - k);
        size_t nf;
        enum publicity_format fmt;
        if (!publicity_fields(kind, &nf) || publicity_format_parse(exts[i][1], &fmt)) break;
        struct publicity_filter f = {
            .kind = kind, .since = query(r, "since"), .agency = query(r, "agency")};
        return send_export(r, w, &f, fmt, false, kind);
    }
    return err_set(&r->err, ERR_NOTFOUND, "没有这个数据文件（如 penalty.csv、licence.xlsx）");
}

/* ---- The JSON API ---- */

/* The public address of the site (LANDUN_PUBLIC_URL, "https://host" without a trailing slash),
 * or "" when none is set: links are then relative. Never the request's Host header. */
static const char *public_base(void)
{
    const char *u = getenv("LANDUN_PUBLIC_URL");
    if (!u || !(str_prefix(u, "https://") || str_prefix(u, "http://")) ||
        strpbrk(u, "\"'<>& \t\r\n"))
        return "";
    return u;
}

/* One item of the API: its place, state and fields keyed by field key. */
static json_t *api_item(struct arena *a, const struct publicity_row *row)
{
    json_t *fields = json_object();
    size_t n;
    const struct publicity_field *pf = publicity_fields(row->kind, &n);
    char cell[32];
    for (size_t i = 0; i < n; i++)
        if (json_object_get(row->data, pf[i].key))
            jset_text(fields, pf[i].key, publicity_cell(&pf[i], row->data, cell, sizeof cell));
    json_t *o =
        jpack("{sI ss ss ss ss ss ss ss sI}", "id", (json_int_t)row->id, "kind", row->kind, "url",
              arena_printf(a, "%s/public/decisions/%lld", public_base(), (long long)row->id),
              "title", row->title, "state", row->state, "status", row->status, "status_note",
              row->note, "decided_on", row->decided_on, "changed_at", (json_int_t)row->changed_at);
    json_object_set_new(o, "fields", fields);
    return o;
}

/* A page of the API being made. */
struct api_page {
    struct arena *arena;
    json_t *items;
    int limit; /* items wanted; one more is read to know whether there are more */
    bool more; /* there is a next page */
    const char *next_after;
};

static int api_row(void *arg, const struct publicity_row *row, struct err *e)
{
    (void)e;
    struct api_page *p = arg;
    if ((int)json_array_size(p->items) == p->limit) {
        p->more = true;
        return 1;
    }
    json_array_append_new(p->items, api_item(p->arena, row));
    p->next_after = publicity_cursor(p->arena, row->changed_at, row->id);
    return 0;
}

/* The link to the next page: this query with after= the last item's cursor. */
static const char *next_link(struct req *r, const char *after, int limit)
{
    struct buf b = {0};
    buf_adds(&b, public_base());
    buf_adds(&b, "/api/v1/public/items?");
    static const char *const keep[] = {"kind", "since", "agency"};
    for (size_t i = 0; i < countof(keep); i++) {
        const char *v = query(r, keep[i]);
        if (!v) continue;
        buf_addf(&b, "%s=", keep[i]);
        buf_add_urlenc(&b, v);
        buf_addc(&b, '&');
    }
    buf_addf(&b, "limit=%d&after=%s", limit, after);
    const char *s = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

/* GET /api/v1/public/items?kind=&since=&agency=&after=&limit=: the published items in the order
 * of (changed_at, id), a page at a time, with the link to the next page while there is one. */
static int public_items(struct req *r, struct resp *w)
{
    int limit = (int)req_int(r, "limit", API_LIMIT, 1, API_LIMIT_MAX);
    if (r->bad_param) return err_field(&r->err, "limit", "每页条数应为 1 至 %d", API_LIMIT_MAX);
    struct publicity_filter f = {.kind = query(r, "kind"),
                                 .since = query(r, "since"),
                                 .agency = query(r, "agency"),
                                 .after = query(r, "after"),
                                 .limit = limit + 1};
    struct api_page p = {.arena = r->arena, .items = json_array(), .limit = limit};
    int rc = publicity_each(&r->ctx, &f, false, api_row, &p, &r->err);
    if (rc) {
        json_decref(p.items);
        return rc;
    }
    w->data = json_object();
    json_object_set_new(w->data, "items", p.items);
    json_object_set_new(w->data, "next",
                        p.more ? json_string(next_link(r, p.next_after, limit)) : json_null());
    resp_header(w, "Cache-Control", "public, max-age=60");
    return 0;
}

/* ---- The Atom feed (RFC 4287) ---- */

/* Append s escaped for XML text and attributes, dropping what XML 1.0 cannot hold. */
static void xml_text(struct buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') continue;
        switch (*p) {
        case '&':
            buf_adds(b, "&amp;");
            break;
        case '<':
            buf_adds(b, "&lt;");
            break;
        case '>':
            buf_adds(b, "&gt;");
            break;
        case '"':
            buf_adds(b, "&quot;");
            break;
        default:
            buf_addc(b, (char)*p);
        }
    }
}

/* An instant as RFC 3339 in China time: 2026-12-07T10:00:00+08:00. */
static void rfc3339(int64_t at, char out[32])
{
    char t[INSTANT_STRLEN];
    instant_format(at, t);
    t[10] = 'T';
    snprintf(out, 32, "%s+08:00", t);
}

/* A stable, absolute id for name (RFC 4287 4.2.6): a name-based UUID (RFC 9562 version 8, from
 * SHA-256) of the site and name, which no change of the site's address changes. */
static void urn_uuid(const char *site, const char *name, char out[48])
{
    struct sha256 s;
    char hex[SHA256_HEX];
    sha256_init(&s);
    sha256_update(&s, "landun:", 7);
    sha256_update(&s, site, strlen(site));
    sha256_update(&s, ":", 1);
    sha256_update(&s, name, strlen(name));
    sha256_final_hex(&s, hex);
    int nibble = hex[16] <= '9' ? hex[16] - '0' : hex[16] - 'a' + 10;
    hex[12] = '8';                /* version 8 */
    hex[16] = "89ab"[nibble & 3]; /* variant 10 */
    snprintf(out, 48, "urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
             hex + 20);
}

/* The feed being written. */
struct feed {
    struct buf entries;
    const char *site; /* the top agency's code, for the ids */
    int64_t updated;  /* the newest entry's changed_at */
};

/* The text of an entry: each field of the kind that has a value, "label：value" a line. */
static void entry_content(struct buf *b, const struct publicity_row *row)
{
    size_t n;
    const struct publicity_field *pf = publicity_fields(row->kind, &n);
    char cell[32];
    for (size_t i = 0; i < n; i++) {
        const char *s = publicity_cell(&pf[i], row->data, cell, sizeof cell);
        if (!*s) continue;
        xml_text(b, pf[i].label);
        buf_adds(b, "：");
        xml_text(b, s);
        buf_addc(b, '\n');
    }
}

static int feed_entry(void *arg, const struct publicity_row *row, struct err *e)
{
    (void)e;
    struct feed *f = arg;
    char id[48], when[32];
    if (row->changed_at > f->updated) f->updated = row->changed_at;
    struct buf *b = &f->entries;
    char name[48];
    snprintf(name, sizeof name, "publicity-item:%lld", (long long)row->id);
    urn_uuid(f->site, name, id);
    rfc3339(row->changed_at, when);
    buf_addf(b, "<entry>\n<id>%s</id>\n<title>", id);
    if (strcmp(row->state, "published") != 0) buf_addf(b, "【%s】", row->status);
    xml_text(b, row->title);
    buf_addf(b, "</title>\n<updated>%s</updated>\n", when);
    buf_addf(b, "<link rel=\"alternate\" type=\"text/html\" href=\"%s/public/decisions/%lld\"/>\n",
             public_base(), (long long)row->id);
    buf_addf(b, "<category term=\"%s\" label=\"", row->kind);
    xml_text(b, publicity_kind_label(row->kind));
    buf_adds(b, "\"/>\n<summary>");
    if (*row->note) {
        xml_text(b, row->status);
        buf_adds(b, "：");
        xml_text(b, row->note);
    } else {
        xml_text(b, publicity_kind_label(row->kind));
        buf_adds(b, "，决定日期 ");
        xml_text(b, row->decided_on);
    }
    buf_adds(b, "</summary>\n<content type=\"text\">");
    entry_content(b, row);
    buf_adds(b, "</content>\n</entry>\n");
    return 0;
}

/* Append the query parameter name of the request, URL-encoded, when set ("&name=value"). */
static void add_param(struct buf *b, const struct req *r, const char *name, char *sep)
{
    const char *v = query(r, name);
    if (!v) return;
    buf_addf(b, "%c%s=", *sep, name);
    buf_add_urlenc(b, v);
    *sep = '&';
}

/* The feed's head: id, title, updated, its own address, its author. */
static void feed_head(struct req *r, struct buf *b, const struct feed *f, const char *author)
{
    char id[48], when[32];
    urn_uuid(f->site,
             arena_printf(r->arena, "feed:%s:%s", query(r, "kind") ? query(r, "kind") : "",
                          query(r, "agency") ? query(r, "agency") : ""),
             id);
    rfc3339(f->updated ? f->updated : r->ctx.now, when);
    const char *label = query(r, "kind") ? publicity_kind_label(query(r, "kind")) : NULL;
    buf_adds(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n");
    buf_addf(b, "<id>%s</id>\n<title>行政执法公示%s%s</title>\n<updated>%s</updated>\n", id,
             label ? "：" : "", label ? label : "", when);
    buf_addf(b, "<link rel=\"self\" type=\"application/atom+xml\" href=\"%s/public/feed.atom",
             public_base());
    struct buf q = {0};
    char sep = '?';
    add_param(&q, r, "kind", &sep);
    add_param(&q, r, "agency", &sep);
    xml_text(b, buf_str(&q));
    buf_free(&q);
    buf_addf(b, "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"%s/public/decisions\"/>\n",
             public_base());
    buf_adds(b, "<author><name>");
    xml_text(b, author);
    buf_adds(b, "</name></author>\n<generator>landun</generator>\n");
}

/* GET /public/feed.atom?kind=&agency=: the last changes of the published items, newest first;
 * an item withdrawn is an entry that says so, with the reason. */
static int public_feed(struct req *r, struct resp *w)
{
    struct publicity_filter f = {.kind = query(r, "kind"),
                                 .agency = query(r, "agency"),
                                 .limit = FEED_ENTRIES,
                                 .newest_first = true};
    struct feed fd = {0};
    const char *author = NULL;
    int rc = publicity_site(&r->ctx, &fd.site, &author, &r->err);
    if (!rc) rc = publicity_each(&r->ctx, &f, false, feed_entry, &fd, &r->err);
    if (rc) {
        buf_free(&fd.entries);
        return rc;
    }
    feed_head(r, &w->body, &fd, author);
    buf_add(&w->body, fd.entries.p ? fd.entries.p : "", fd.entries.len);
    buf_adds(&w->body, "</feed>\n");
    buf_free(&fd.entries);
    w->content_type = "application/atom+xml; charset=utf-8";
    resp_header(w, "Cache-Control", "public, max-age=60");
    return 0;
}

static const struct route routes[] = {
    {"GET", "/publicity/export", PERM_PUBLICITY_READ, ROUTE_HTML, export_page,
     "export the 双公示 data of the user's agencies"},
    {"GET", "/public/feed.atom", PERM_PUBLIC, ROUTE_HTML, public_feed,
     "Atom feed of the published items"},
    {"GET", "/public/items", PERM_PUBLIC, ROUTE_API, public_items,
     "published items, a page at a time"},
    {"GET", "/public/data/{file}", PERM_PUBLIC, ROUTE_HTML, public_data,
     "the 双公示 data of the published items as a file"},
};

const struct area area_publicity_export = {
    "publicity_export", routes, countof(routes), NULL, NULL, NULL, NULL, NULL};
