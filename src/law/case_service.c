/* case_service.c — the service (送达) of a case's documents (行政处罚法 第六十一条): which
 * document, how, when, where, to whom and the 送达回执; the decision's service meets the 送达期限
 * of 7 working days the decision opened, and one after it is recorded and flagged late. The step
 * (serve) is declared in case.c; table case_service (migration 048). */
#include "law/case_service.h"
#include "base/jpack.h"
#include "law/case_internal.h"
#include "law/document.h"

#include <string.h>

/* The methods of 民事诉讼法 that 第六十一条 refers to, as the issue names them. */
static const struct wf_option methods[] = {
    {"direct", "直接送达"},     {"left", "留置送达"},   {"post", "邮寄送达"},
    {"electronic", "电子送达"}, {"notice", "公告送达"}, {NULL, NULL},
};

/* The documents a party is served, and whether their service meets the 送达期限. */
static const struct {
    const char *type;
    bool decision;
} served_types[] = {
    {"penalty_decision", true},
    {"no_penalty_decision", true},
    {"prior_notice", false},
    {"hearing_summons", false},
};

#define SERVED_IN "('penalty_decision', 'no_penalty_decision', 'prior_notice', 'hearing_summons')"

const char *case_service_method_label(const char *code)
{
    return wf_option_label(methods, code);
}

static bool is_decision(const char *type)
{
    for (size_t i = 0; i < countof(served_types); i++)
        if (strcmp(served_types[i].type, type) == 0) return served_types[i].decision;
    return false;
}

/* [R-CASE-70] 第六十一条: served within 7 working days of the decision (the agency's duty). */
const struct wf_deadline_rule case_deadline_serve = {
    "serve", "送达期限", CASE_SERVE_DAYS, true, CASE_SERVE_BASIS, NULL, NULL};

/* The documents of case id a party is served: [{"code","label"}] (new reference). */
static json_t *document_choices(struct ctx *c, int64_t id)
{
    struct err e = {0};
    json_t *out = json_array();
    struct db_stmt *st = db_query(c->db, &e,
                                  "SELECT id, type, number, date FROM document"
                                  " WHERE object_type = 'case' AND object_id = ?"
                                  " AND type IN " SERVED_IN " ORDER BY id",
                                  "i", id);
    while (st && db_step(st, &e) == DB_ROW)
        json_array_append_new(
            out, jpack("{ss ss}", "code", arena_printf(c->arena, "%lld", (long long)db_int(st, 0)),
                       "label",
                       arena_printf(c->arena, "%s %s（%s）", document_type_label(db_text(st, 1)),
                                    db_text(st, 2), db_text(st, 3))));
    db_done(st);
    return out;
}

const struct wf_input case_in_serve[] = {
    {"document", "送达的文书", WF_CODE, true, 0, NULL, NULL, document_choices},
    {"method", "送达方式", WF_CODE, true, 0, methods},
    {"date", "送达日期", WF_DATE, true, 0, NULL},
    {"recipient", "受送达人或收件人（公告送达不填）", WF_TEXT, false, 100, NULL},
    {"relation", "收件人与当事人的关系（本人、法定代表人、同住成年家属等）", WF_TEXT, false, 50,
     NULL},
    {"place", "送达地点", WF_TEXT, false, 200, NULL},
    {"server", "送达人", WF_TEXT, true, 100, NULL},
    {"witnesses", "见证人（留置送达）", WF_TEXT, false, 200, NULL},
    {"tracking_no", "邮件单号（邮寄送达）", WF_TEXT, false, 50, NULL},
    {"consent_on", "当事人签署电子送达确认书的日期（电子送达）", WF_DATE, false, 0, NULL},
    {"channel", "确认书载明的电子送达地址（传真号码、电子邮箱等）", WF_TEXT, false, 200, NULL},
    {"failed", "采用其他方式无法送达的情况（公告送达）", WF_TEXT, false, 1000, NULL},
    {"signer", "送达回执签收人", WF_TEXT, false, 100, NULL},
    {"receipt_on", "签收日期", WF_DATE, false, 0, NULL},
    {"note", "备注", WF_TEXT, false, 500, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

/* The document served: one of the case's documents a party is served. */
struct served {
    const char *type, *number, *date;
};

/* [R-CASE-73] The document served is one of case id's issued documents a party is served. */
static int read_served(struct ctx *c, int64_t id, const char *doc, struct served *s, struct err *e)
{
    int64_t doc_id;
    struct db_stmt *st = parse_i64(doc, &doc_id)
                             ? NULL
                             : db_query(c->db, e,
                                        "SELECT type, number, date FROM document WHERE id = ?"
                                        " AND object_type = 'case' AND object_id = ?"
                                        " AND type IN " SERVED_IN,
                                        "ii", doc_id, id);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        s->type = arena_strdup(c->arena, db_text(st, 0));
        s->number = arena_strdup(c->arena, db_text(st, 1));
        s->date = arena_strdup(c->arena, db_text(st, 2));
    }
    db_done(st);
    if (rc < 0) return rc;
    return rc == DB_ROW ? 0 : err_field(e, "document", "请选择本案已出具、需要送达当事人的文书");
}

/* [R-CASE-73] A day of the service (field) neither before the document's date nor after
 * today. */
static int check_day(struct ctx *c, const char *field, const char *day, const struct served *s,
                     struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (strcmp(day, s->date) < 0)
        return err_field(e, field, "日期不能早于文书出具的日期（%s）", s->date);
    if (strcmp(day, today) > 0) return err_field(e, field, "日期不能晚于今天（%s）", today);
    return 0;
}

/* [R-CASE-71] 第六十一条第二款: electronic service (传真、电子邮件等) only when the party agreed
 * and signed the 确认书: its day (not after the service) and the address it names. */
static int check_electronic(const struct wf_args *a, const char *day, struct err *e)
{
    const char *consent = wf_arg(a, "consent_on");
    if (str_blank(consent))
        return err_field(
            e, "consent_on",
            "电子送达须当事人同意并签订确认书（《行政处罚法》第六十一条第二款），请填写签署日期");
    if (strcmp(consent, day) > 0)
        return err_field(e, "consent_on", "确认书应当在送达之前签署（送达日期 %s）", day);
    if (str_blank(wf_arg(a, "channel")))
        return err_field(e, "channel",
                         "请填写确认书载明的电子送达地址（《行政处罚法》第六十一条第二款）");
    return 0;
}

/* What each method needs besides the common fields. */
static int check_method(const struct wf_args *a, const char *method, const char *day, struct err *e)
{
    bool notice = strcmp(method, "notice") == 0;
    if (!notice && str_blank(wf_arg(a, "recipient")))
        return err_field(e, "recipient", "请填写受送达人或收件人");
    if (!notice && str_blank(wf_arg(a, "relation")))
        return err_field(e, "relation", "请填写收件人与当事人的关系");
    if ((strcmp(method, "direct") == 0 || strcmp(method, "left") == 0) &&
        str_blank(wf_arg(a, "place")))
        return err_field(e, "place", "请填写送达地点");
    /* [R-CASE-72] 民事诉讼法 第八十九条: 留置送达 before witnesses, named */
    if (strcmp(method, "left") == 0 && str_blank(wf_arg(a, "witnesses")))
        return err_field(e, "witnesses",
                         "留置送达应当有见证人到场，请写明见证人（《民事诉讼法》第八十九条）");
    if (strcmp(method, "post") == 0 && str_blank(wf_arg(a, "tracking_no")))
        return err_field(e, "tracking_no", "邮寄送达请填写邮件单号");
    if (strcmp(method, "direct") == 0 && str_blank(wf_arg(a, "signer")))
        return err_field(e, "signer", "直接送达由受送达人或收件人在送达回执上签收，请填写签收人");
    if (strcmp(method, "electronic") == 0) return check_electronic(a, day, e);
    /* [R-CASE-72] 民事诉讼法 第九十五条: 公告送达 only when the other methods could not serve */
    if (notice && str_blank(wf_arg(a, "failed")))
        return err_field(
            e, "failed",
            "其他方式无法送达的方可公告送达，请写明未能送达的情况（《民事诉讼法》第九十五条）");
    return 0;
}

/* The service of a case's document by one of its investigators: the document, the day, what the
 * method needs [R-CASE-71] [R-CASE-72] [R-CASE-73]. */
int case_guard_serve(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int rc = case_guard_investigator(c, id, "送达文书", e);
    if (rc) return rc;
    struct served s;
    if (read_served(c, id, wf_arg(a, "document"), &s, e)) return e->code;
    const char *day = wf_date(c, a), *receipt = wf_arg(a, "receipt_on");
    if (check_day(c, "date", day, &s, e)) return e->code;
    if (!str_blank(receipt) && check_day(c, "receipt_on", receipt, &s, e)) return e->code;
    return check_method(a, wf_arg(a, "method"), day, e);
}

/* [R-CASE-70] The decision's service meets the 送达期限 on its day; after its last day it is late
 * (the deadline ends late, the service is flagged). *late is set. */
static int meet_deadline(struct ctx *c, int64_t id, const char *day, bool *late, struct err *e)
{
    const char *due = NULL;
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT due_on FROM wf_deadline WHERE kind = 'case'"
                                  " AND object_id = ? AND name = 'serve' ORDER BY id DESC LIMIT 1",
                                  "i", id);
    if (st && db_step(st, e) == DB_ROW) due = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    if (e->code) return e->code;
    *late = due && strcmp(day, due) > 0;
    return db_exec(c->db, e,
                   "UPDATE wf_deadline SET ended_on = ?, outcome = 'met' WHERE kind = 'case'"
                   " AND object_id = ? AND name = 'serve' AND ended_on IS NULL",
                   "ti", day, id) < 0
               ? e->code
               : 0;
}

static const char *arg_or_null(const struct wf_args *a, const char *name)
{
    const char *v = wf_arg(a, name);
    return str_blank(v) ? NULL : v;
}

int case_effect_serve(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    struct served s;
    int64_t doc = 0;
    parse_i64(wf_arg(a, "document"), &doc);
    if (read_served(c, id, wf_arg(a, "document"), &s, e)) return e->code;
    const char *day = wf_date(c, a), *method = wf_arg(a, "method"),
               *receipt = arg_or_null(a, "receipt_on");
    bool late = false;
    if (is_decision(s.type) && meet_deadline(c, id, day, &late, e)) return e->code;
    a->reason = arena_printf(c->arena, "%s %s，%s%s", document_type_label(s.type), s.number,
                             wf_option_label(methods, method), late ? "（超过送达期限）" : "");
    struct db_arg args[] = {
        {.type = 'i', .i = id},
        {.type = 'i', .i = doc},
        {.type = 't', .s = s.type},
        {.type = 't', .s = s.number},
        {.type = 't', .s = method},
        {.type = 't', .s = day},
        {.type = 't', .s = arg_or_null(a, "recipient")},
        {.type = 't', .s = arg_or_null(a, "relation")},
        {.type = 't', .s = arg_or_null(a, "place")},
        {.type = 't', .s = wf_arg(a, "server")},
        {.type = 't', .s = arg_or_null(a, "witnesses")},
        {.type = 't', .s = arg_or_null(a, "tracking_no")},
        {.type = 't', .s = arg_or_null(a, "consent_on")},
        {.type = 't', .s = arg_or_null(a, "channel")},
        {.type = 't', .s = arg_or_null(a, "failed")},
        {.type = 't', .s = arg_or_null(a, "signer")},
        {.type = 't', .s = receipt ? receipt : day},
        {.type = 't', .s = a->note && *a->note ? a->note : NULL},
        {.type = 'i', .i = late},
        c->who->user_id ? (struct db_arg){.type = 'i', .i = c->who->user_id}
                        : (struct db_arg){.type = 'n'},
        {.type = 'i', .i = c->now},
    };
    struct db_stmt *st = db_query_args(
        c->db, e,
        "INSERT INTO case_service (case_id, document_id, document_type, document_number, method,"
        " served_on, recipient, relation, place, server, witnesses, tracking_no, consent_on,"
        " channel, failed, signer, receipt_on, note, late, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (int)countof(args), args);
    int rc = st ? db_step(st, e) : e->code;
    db_done(st);
    if (rc != DB_ROW) return rc < 0 ? rc : err_set(e, ERR_INTERNAL, "送达记录保存失败");
    /* [R-CASE-91] the party received the penalty decision: the 15 days to pay run from then */
    return strcmp(s.type, "penalty_decision") == 0
               ? case_execution_open(c, id, receipt ? receipt : day, e)
               : 0;
}

#define COLS                                                                                       \
    "id, document_id, document_type, document_number, method, served_on, recipient, relation,"     \
    " place, server, witnesses, tracking_no, consent_on, channel, failed, signer, receipt_on,"     \
    " note, late"

static json_t *service_row(struct db_stmt *st)
{
    static const char *const text[] = {"recipient", "relation",    "place",      "server",
                                       "witnesses", "tracking_no", "consent_on", "channel",
                                       "failed",    "signer",      "receipt_on", "note"};
    json_t *o = json_object();
    jset_int(o, "id", db_int(st, 0));
    jset_int(o, "document_id", db_int(st, 1));
    const char *type = db_text(st, 2), *method = db_text(st, 4);
    jset_text(o, "document_type", type);
    jset_text(o, "document_label", document_type_label(type));
    jset_text(o, "document_number", db_text(st, 3));
    jset_bool(o, "decision", is_decision(type));
    jset_text(o, "method", method);
    jset_text(o, "method_label", wf_option_label(methods, method));
    jset_text(o, "served_on", db_text(st, 5));
    for (int i = 0; i < (int)countof(text); i++)
        jset_text(o, text[i], db_null(st, 6 + i) ? NULL : db_text(st, 6 + i));
    jset_bool(o, "late", db_int(st, 18) != 0);
    return o;
}

json_t *case_services_json(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(
        c->db, e, "SELECT " COLS " FROM case_service WHERE case_id = ? ORDER BY id", "i", id);
    if (!st) return NULL;
    json_t *out = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW)
        json_array_append_new(out, service_row(st));
    db_done(st);
    if (rc < 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

int case_service_read(struct ctx *c, int64_t id, json_t *cas, struct err *e)
{
    json_t *served = case_services_json(c, id, e);
    if (!served) return e->code;
    json_object_set_new(cas, "services", served);
    size_t i;
    json_t *d, *actions = json_object_get(cas, "actions");
    /* 第五十二条: a decision on the spot is handed over there; nothing is left to serve */
    const char *procedure = json_string_value(json_object_get(cas, "procedure"));
    for (i = json_array_size(actions); procedure && strcmp(procedure, "summary") == 0 && i-- > 0;)
        if (strcmp(json_string_value(json_object_get(json_array_get(actions, i), "action")),
                   "serve") == 0)
            json_array_remove(actions, i);
    json_array_foreach(json_object_get(cas, "deadlines"), i, d)
    {
        const char *name = json_string_value(json_object_get(d, "name"));
        if (name && strcmp(name, "serve") == 0) json_object_set(cas, "serve_deadline", d);
    }
    return 0;
}
