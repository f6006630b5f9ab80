/* publicity_case.c — a penalty case's decision as a publicity item (publicity.h): the 双公示
 * fields of a 行政处罚决定 or a 不予行政处罚决定 made from the case, its party, the power item it
 * applied and the agency, queued inside the transaction that recorded the decision. */
#include "law/publicity_internal.h"
#include "base/jpack.h"
#include "base/util.h"
#include "law/case.h"
#include "law/case_internal.h"
#include "law/catalog.h"
#include "law/power.h"
#include "law/setting.h"

#include <string.h>

enum {
    C_NUMBER,
    C_PARTY,
    C_PARTY_KIND,
    C_ADDRESS,
    C_SUMMARY,
    C_DECIDED,
    C_TYPES,
    C_FINE,
    C_TAKEN,
    C_WORDING,
    C_GROUND,
    C_PROCEDURE,
    C_LINE,
    C_ENTITY,
    C_AGENCY,
    C_E_KIND,
    C_USCC,
    C_LEGAL_REP,
    C_ID_NUMBER,
    C_A_NAME,
    C_A_USCC,
    C_P_NAME,
    C_P_VIOLATED,
    C_P_BASIS,
    C_LICENCES,
    C_EDUCATION
};

static const char *const case_sql =
    "SELECT c.number, c.party_name, c.party_kind, c.party_address, c.summary, c.decided_on,"
    " c.decision_types, c.decision_fine, c.decision_confiscated, c.decision_wording,"
    " c.no_penalty_ground, c.procedure, c.line, c.entity_id, c.agency_id, e.kind, e.uscc,"
    " e.legal_rep, e.id_number, a.name, a.uscc, p.name, p.violated, p.penalty_basis,"
    " (SELECT COUNT(*) FROM licence l WHERE l.entity_id = c.entity_id), c.education"
    " FROM penalty_case c JOIN agency a ON a.id = c.agency_id"
    " LEFT JOIN entity e ON e.id = c.entity_id LEFT JOIN power_item p ON p.id = c.power_item_id"
    " WHERE c.id = ?";

static const char *text(struct db_stmt *st, int col)
{
    return db_null(st, col) ? "" : db_text(st, col);
}

/* 法人及非法人组织, 个体工商户 (a USCC of 92…) or 自然人. */
static const char *category(bool person, const char *uscc)
{
    if (person) return "自然人";
    return str_prefix(uscc, "92") ? "个体工商户" : "法人及非法人组织";
}

/* 暂扣或吊销证照名称及编号: the party's licences, when the decision suspends or revokes one. */
static const char *licence_action(struct ctx *c, int64_t entity, const char *types, struct err *e)
{
    if (!entity || !(csv_has(types, "licence_suspension") || csv_has(types, "licence_revocation")))
        return "";
    struct buf b = {0};
    struct db_stmt *st = db_query(
        c->db, e, "SELECT type, number FROM licence WHERE entity_id = ? ORDER BY id", "i", entity);
    while (st && db_step(st, e) == DB_ROW) {
        const char *label = catalog_label("licence_types", db_text(st, 0));
        buf_addf(&b, "%s%s %s", b.len ? "；" : "", label ? label : db_text(st, 0), db_text(st, 1));
    }
    db_done(st);
    const char *r = arena_strdup(c->arena, b.p ? b.p : "");
    buf_free(&b);
    return r;
}

/* The fields both kinds share. */
static json_t *common(struct db_stmt *st, bool person)
{
    const char *uscc = text(st, C_USCC);
    json_t *d =
        jpack("{ss ss ss ss ss ss ss ss ss ss ss ss ss}", "doc_no", text(st, C_NUMBER), "party",
              text(st, C_PARTY), "party_category", category(person, uscc), "uscc",
              person ? "" : uscc, "legal_rep", person ? text(st, C_PARTY) : text(st, C_LEGAL_REP),
              "id_type", person ? "身份证" : "", "id_no", person ? text(st, C_ID_NUMBER) : "",
              "violation", *text(st, C_P_NAME) ? text(st, C_P_NAME) : "", "facts",
              text(st, C_SUMMARY), "decided_on", text(st, C_DECIDED), "agency", text(st, C_A_NAME),
              "agency_uscc", text(st, C_A_USCC), "source", text(st, C_A_NAME));
    jset_text(d, "source_uscc", text(st, C_A_USCC));
    jset_text(d, "note", "");
    if (!*jget_text(d, "violation")) {
        const char *line = catalog_label("lines", text(st, C_LINE));
        jset_text(d, "violation", line ? line : "");
    }
    return d;
}

static json_t *penalty(struct ctx *c, struct db_stmt *st, bool person, struct err *e)
{
    json_t *d = common(st, person);
    char label[POWER_TYPES_MAX * 3];
    power_types_label(text(st, C_TYPES), label, sizeof label);
    jset_text(d, "basis", text(st, C_P_BASIS));
    jset_text(d, "types", label);
    jset_text(d, "content", *text(st, C_WORDING) ? text(st, C_WORDING) : label);
    jset_int(d, "fine", db_null(st, C_FINE) ? 0 : db_int(st, C_FINE));
    jset_int(d, "confiscated", db_null(st, C_TAKEN) ? 0 : db_int(st, C_TAKEN));
    jset_text(d, "licence_action",
              db_int(st, C_LICENCES) ? licence_action(c, db_int(st, C_ENTITY), text(st, C_TYPES), e)
                                     : "");
    return d;
}

static json_t *no_penalty(struct db_stmt *st, bool person)
{
    json_t *d = common(st, person);
    const char *ground = wf_option_label(case_grounds, text(st, C_GROUND));
    jset_text(d, "basis", "《中华人民共和国行政处罚法》第三十三条");
    jset_text(d, "ground", ground ? ground : "");
    return d;
}

/* Fill n from the case row (its texts stay valid until the statement is released). */
static int from_case(struct ctx *c, int64_t case_id, struct db_stmt *st, struct publicity_new *n,
                     struct err *e)
{
    bool person =
        strcmp(text(st, C_PARTY_KIND), "citizen") == 0 || strcmp(text(st, C_E_KIND), "person") == 0;
    bool none = *text(st, C_GROUND) != 0;
    int minor_yuan = 0;
    if (setting_int(c, "publicity.minor_fine_yuan", &minor_yuan, e)) return e->code;
    n->kind = none ? "no_penalty" : "penalty";
    n->source_id = case_id;
    n->agency_id = db_int(st, C_AGENCY);
    n->entity_id = db_null(st, C_ENTITY) ? 0 : db_int(st, C_ENTITY);
    n->line = arena_strdup(c->arena, text(st, C_LINE));
    n->person = person;
    n->decided_on = arena_strdup(c->arena, text(st, C_DECIDED));
    n->severity =
        none ? NULL
             : publicity_severity(text(st, C_TYPES), db_null(st, C_FINE) ? 0 : db_int(st, C_FINE),
                                  strcmp(text(st, C_PROCEDURE), "summary") == 0,
                                  (int64_t)minor_yuan * 100);
    n->data = none ? no_penalty(st, person) : penalty(c, st, person, e);
    const char **secrets = arena_alloc(c->arena, 3 * sizeof *secrets);
    secrets[0] = arena_strdup(c->arena, text(st, C_PARTY));
    secrets[1] = arena_strdup(c->arena, text(st, C_ADDRESS));
    secrets[2] = NULL;
    n->secrets = secrets;
    return e->code;
}

int publicity_enqueue_case(struct ctx *c, int64_t case_id, struct err *e)
{
    struct publicity_new n = {0};
    struct db_stmt *st = db_query(c->db, e, case_sql, "i", case_id);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) rc = db_null(st, C_DECIDED) ? DB_DONE : from_case(c, case_id, st, &n, e);
    db_done(st);
    if (rc < 0 || !n.kind) {
        json_decref(n.data);
        return rc < 0 ? rc : 0;
    }
    rc = publicity_insert(c, &n, e);
    json_decref(n.data);
    return rc;
}
