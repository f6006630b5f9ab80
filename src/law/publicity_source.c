/* publicity_source.c — the other decisions that enter the publicity queue (publicity.h): an
 * inspection's result (事后公开: 执法机关、对象、类别、结论; 20 working days) and a licence the
 * registry records (行政许可; 7 working days), each queued inside the transaction that recorded
 * it. A random check's result is published with its plan (/public/draws) and is not queued
 * again. */
#include "law/publicity_internal.h"
#include "base/date.h"
#include "base/jpack.h"
#include "base/util.h"
#include "law/catalog.h"
#include "law/inspection.h"

#include <string.h>

/* The party's fields both kinds share, from entity id: name, category, code, legal
 * representative; *person and the secrets (name, address) set. */
static json_t *party(struct ctx *c, int64_t entity, bool *person, const char **secrets,
                     struct err *e)
{
    json_t *d = NULL;
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT kind, name, uscc, legal_rep, address, id_number"
                                  " FROM entity WHERE id = ?",
                                  "i", entity);
    if (st && db_step(st, e) == DB_ROW) {
        *person = strcmp(db_text(st, 0), "person") == 0;
        const char *uscc = db_null(st, 2) ? "" : db_text(st, 2);
        d = jpack("{ss ss ss ss ss ss}", "party", db_text(st, 1), "party_category",
                  *person                  ? "自然人"
                  : str_prefix(uscc, "92") ? "个体工商户"
                                           : "法人及非法人组织",
                  "uscc", uscc, "legal_rep",
                  *person ? db_text(st, 1) : (db_null(st, 3) ? "" : db_text(st, 3)), "id_type",
                  *person ? "身份证" : "", "id_no",
                  *person && !db_null(st, 5) ? db_text(st, 5) : "");
        secrets[0] = arena_strdup(c->arena, db_text(st, 1));
        secrets[1] = arena_strdup(c->arena, db_null(st, 4) ? "" : db_text(st, 4));
        secrets[2] = NULL;
    }
    db_done(st);
    if (!d && !e->code) err_set(e, ERR_NOTFOUND, "管理相对人不存在");
    return d;
}

/* The agency's name and code into d (as 决定机关 and 数据来源单位). */
static int agency_fields(struct ctx *c, int64_t agency, json_t *d, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT name, uscc FROM agency WHERE id = ?", "i", agency);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        const char *uscc = db_null(st, 1) ? "" : db_text(st, 1);
        jset_text(d, "agency", db_text(st, 0));
        jset_text(d, "agency_uscc", uscc);
        jset_text(d, "source", db_text(st, 0));
        jset_text(d, "source_uscc", uscc);
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* Queue n with its data, the party's secrets and the agency's fields. */
static int queue(struct ctx *c, struct publicity_new *n, struct err *e)
{
    int rc = agency_fields(c, n->agency_id, n->data, e);
    if (!rc) rc = publicity_insert(c, n, e);
    json_decref(n->data);
    return rc;
}

/* [R-PUB-14] an inspection's result is queued for 事后公开 within 20 working days, unless it is a
 * random check's (published with its plan) */
int publicity_enqueue_inspection(struct ctx *c, int64_t id, struct err *e)
{
    struct publicity_new n = {.kind = "inspection", .source_id = id};
    const char **secrets = arena_alloc(c->arena, 3 * sizeof *secrets);
    char type[32] = "", line[32] = "", day[11] = "", outcome[32] = "";
    const char *record = NULL, *findings = NULL;
    struct db_stmt *st = db_query(
        c->db, e,
        "SELECT i.agency_id, i.entity_id, i.type, i.line, i.inspected_on, i.outcome, i.findings,"
        " (SELECT number FROM document d WHERE d.object_type = 'inspection' AND d.object_id = i.id"
        " AND d.type = 'site_record') FROM inspection i WHERE i.id = ?",
        "i", id);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        n.agency_id = db_int(st, 0);
        n.entity_id = db_int(st, 1);
        snprintf(type, sizeof type, "%s", db_text(st, 2));
        snprintf(line, sizeof line, "%s", db_text(st, 3));
        snprintf(day, sizeof day, "%s", db_text(st, 4));
        snprintf(outcome, sizeof outcome, "%s", db_text(st, 5));
        findings = arena_strdup(c->arena, db_text(st, 6));
        record = arena_strdup(c->arena, db_null(st, 7) ? "" : db_text(st, 7));
    }
    db_done(st);
    if (rc != DB_ROW) return rc < 0 ? rc : err_set(e, ERR_NOTFOUND, "检查记录不存在");
    if (strcmp(type, "random") == 0) return 0;
    n.data = party(c, n.entity_id, &n.person, secrets, e);
    if (!n.data) return e->code;
    const char *label = inspection_outcome_label(outcome);
    jset_text(n.data, "doc_no", record);
    jset_text(n.data, "category", inspection_type_label(type));
    jset_text(n.data, "line", catalog_label("lines", line));
    jset_text(n.data, "content",
              str_blank(findings) ? label : arena_printf(c->arena, "%s。%s", label, findings));
    jset_text(n.data, "decided_on", day);
    jset_text(n.data, "note", "");
    n.line = arena_strdup(c->arena, line);
    n.decided_on = arena_strdup(c->arena, day);
    n.secrets = secrets;
    return queue(c, &n, e);
}

/* [R-PUB-15] a licence the registry records is queued as a 行政许可 decision within 7 working
 * days of its first day of validity, when that day is recent (within PUBLICITY_LICENCE_RECENT
 * days of today): an older licence is the registry's history, not a decision made now. */
int publicity_enqueue_licence(struct ctx *c, int64_t id, struct err *e)
{
    struct publicity_new n = {.kind = "licence", .source_id = id};
    const char **secrets = arena_alloc(c->arena, 3 * sizeof *secrets);
    char type[64] = "", number[64] = "", from[11] = "", to[11] = "", lines[128] = "";
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT e.agency_id, l.entity_id, l.type, l.number, l.valid_from,"
                                  " l.valid_to, e.lines FROM licence l JOIN entity e"
                                  " ON e.id = l.entity_id WHERE l.id = ?",
                                  "i", id);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        n.agency_id = db_int(st, 0);
        n.entity_id = db_int(st, 1);
        snprintf(type, sizeof type, "%s", db_text(st, 2));
        snprintf(number, sizeof number, "%s", db_text(st, 3));
        snprintf(from, sizeof from, "%s", db_null(st, 4) ? "" : db_text(st, 4));
        snprintf(to, sizeof to, "%s", db_null(st, 5) ? "" : db_text(st, 5));
        snprintf(lines, sizeof lines, "%s", db_text(st, 6));
    }
    db_done(st);
    if (rc != DB_ROW) return rc < 0 ? rc : err_set(e, ERR_NOTFOUND, "许可证不存在");
    day_t d, today = date_from_instant(c->now);
    if (!*from || date_parse(from, &d) || d > today || today - d > PUBLICITY_LICENCE_RECENT)
        return 0;
    n.data = party(c, n.entity_id, &n.person, secrets, e);
    if (!n.data) return e->code;
    const char *name = catalog_label("licence_types", type);
    jset_text(n.data, "doc_no", number);
    jset_text(n.data, "doc_name", arena_printf(c->arena, "%s决定书", name ? name : "行政许可"));
    jset_text(n.data, "category", "普通");
    jset_text(n.data, "cert_name", name ? name : type);
    jset_text(n.data, "cert_no", number);
    jset_text(n.data, "content", arena_printf(c->arena, "准予许可，核发%s", name ? name : type));
    jset_text(n.data, "decided_on", from);
    jset_text(n.data, "valid_from", from);
    jset_text(n.data, "valid_until", *to ? to : "2099-12-31");
    jset_text(n.data, "note", "");
    const char *comma = strchr(lines, ',');
    n.line = arena_strndup(c->arena, lines, comma ? (size_t)(comma - lines) : strlen(lines));
    n.decided_on = arena_strdup(c->arena, from);
    n.secrets = secrets;
    return queue(c, &n, e);
}
