/* power.c — the power list (权责清单): kinds and penalty types, penalty terms, and adding and
 * changing items. Reading the list is power_read.c; the baselines discretion.c. */
#include "law/power.h"
#include "law/area.h"
#include "base/jpack.h"
#include "base/money.h"
#include "law/agency.h"
#include "law/audit.h"
#include "law/catalog.h"
#include "law/discretion.h"
#include "law/field.h"
#include "law/record.h"

#include <stdio.h>
#include <string.h>

/* ---- vocabularies ------------------------------------------------------------------------- */

static const struct {
    const char *code, *label;
} kinds[] = {
    {"licensing", "行政许可"},  {"penalty", "行政处罚"},      {"coercion", "行政强制"},
    {"inspection", "行政检查"}, {"confirmation", "行政确认"}, {"other", "其他行政权力"},
    {"service", "公共服务"},
};

#define WORDS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* The penalty types of 行政处罚法 第九条 that a health agency imposes (行政拘留 is the police's),
 * in the article's order, with the words of the article that name each. */
static const struct penalty_type {
    const char *code, *label;
    const char *const *words;
} penalty_types[] = {
    {"warning", "警告、通报批评", WORDS("警告", "通报批评")},
    {"fine", "罚款", WORDS("罚款")},
    {"confiscation", "没收违法所得、没收非法财物", WORDS("没收违法所得", "没收非法财物", "没收")},
    {"licence_suspension", "暂扣许可证件", WORDS("暂扣许可证件", "暂扣")},
    {"downgrade", "降低资质等级", WORDS("降低资质等级")},
    {"licence_revocation", "吊销许可证件", WORDS("吊销许可证件", "吊销")},
    {"closure", "限制开展生产经营活动、责令停产停业、责令关闭",
     WORDS("限制开展生产经营活动", "责令停产停业", "责令关闭", "停产停业", "停业整顿")},
    {"practice_ban", "限制从业", WORDS("限制从业")},
    {"other", "其他行政处罚", WORDS("其他")},
};

json_t *power_kinds(void)
{
    json_t *a = json_array();
    for (size_t i = 0; i < countof(kinds); i++)
        json_array_append_new(a, jpack("{ss ss}", "code", kinds[i].code, "label", kinds[i].label));
    return a;
}

const char *power_kind_label(const char *code)
{
    for (size_t i = 0; code && i < countof(kinds); i++)
        if (strcmp(code, kinds[i].code) == 0) return kinds[i].label;
    return NULL;
}

const char *power_kind_code(const char *value)
{
    for (size_t i = 0; value && i < countof(kinds); i++)
        if (strcmp(value, kinds[i].code) == 0 || strcmp(value, kinds[i].label) == 0)
            return kinds[i].code;
    return value && strcmp(value, "其他权力") == 0 ? "other" : NULL;
}

json_t *power_penalty_types(void)
{
    json_t *a = json_array();
    for (size_t i = 0; i < countof(penalty_types); i++)
        json_array_append_new(
            a, jpack("{ss ss}", "code", penalty_types[i].code, "label", penalty_types[i].label));
    return a;
}

void power_types_label(const char *codes, char *out, size_t n)
{
    size_t used = 0;
    out[0] = 0;
    for (size_t i = 0; i < countof(penalty_types); i++) {
        if (!csv_has(codes, penalty_types[i].code)) continue;
        int w = snprintf(out + used, n - used, "%s%s", used ? "；" : "", penalty_types[i].label);
        if (w < 0 || (size_t)w >= n - used) return;
        used += (size_t)w;
    }
}

/* The index of the type a word names (its code, label or one of its words), or -1. */
static int type_of_word(const char *word, size_t len)
{
    for (size_t i = 0; i < countof(penalty_types); i++) {
        const struct penalty_type *t = &penalty_types[i];
        if (strlen(t->code) == len && memcmp(t->code, word, len) == 0) return (int)i;
        if (strlen(t->label) == len && memcmp(t->label, word, len) == 0) return (int)i;
        for (const char *const *w = t->words; *w; w++)
            if (strlen(*w) == len && memcmp(*w, word, len) == 0) return (int)i;
    }
    return -1;
}

/* Length of the separator at p (, ， 、 ; ；), or 0. */
static size_t type_separator(const char *p)
{
    static const char *const seps[] = {",", "，", "、", ";", "；"};
    for (size_t i = 0; i < countof(seps); i++)
        if (str_prefix(p, seps[i])) return strlen(seps[i]);
    return 0;
}

int power_types_parse(const char *text, char out[POWER_TYPES_MAX], char *bad, size_t n)
{
    bool seen[countof(penalty_types)] = {false};
    for (const char *p = text ? text : ""; *p;) {
        size_t sep = type_separator(p);
        if (sep || *p == ' ') {
            p += sep ? sep : 1;
            continue;
        }
        const char *start = p;
        while (*p && *p != ' ' && !type_separator(p))
            p++;
        int k = type_of_word(start, (size_t)(p - start));
        if (k < 0) {
            snprintf(bad, n, "%.*s", (int)(p - start), start);
            return -1;
        }
        seen[k] = true;
    }
    size_t used = 0;
    out[0] = 0;
    for (size_t i = 0; i < countof(penalty_types); i++)
        if (seen[i])
            used += (size_t)snprintf(out + used, POWER_TYPES_MAX - used, "%s%s", used ? "," : "",
                                     penalty_types[i].code);
    return 0;
}

/* ---- terms -------------------------------------------------------------------------------- */

/* A copy of value without a trailing unit (元, 倍) and white space, into out (n bytes). */
static const char *without_unit(const char *value, const char *unit, char *out, size_t n)
{
    snprintf(out, n, "%s", value);
    str_trim(out);
    size_t len = strlen(out), ul = strlen(unit);
    if (len >= ul && strcmp(out + len - ul, unit) == 0) out[len - ul] = 0;
    return str_trim(out);
}

/* One side of a range: an amount in 元 (as fen) or a multiple (as hundredths); blank is 0. */
static int range_value(const char *value, const char *unit, int64_t *out)
{
    char text[48];
    *out = 0;
    if (str_blank(value)) return 0;
    if (strlen(value) >= sizeof text) return -1;
    return money_parse(without_unit(value, unit, text, sizeof text), out);
}

/* What a range is called in messages and the names of its fields. */
struct range_kind {
    const char *field; /* fine, mult */
    const char *unit;  /* 元, 倍 */
    const char *label; /* 罚款, 违法所得倍数 */
    const char *bad;   /* the message for a value that does not read */
};

static const struct range_kind fine_range = {"fine", "元", "罚款",
                                             "罚款金额以元为单位填写，如 5000 或 5000.50"};
static const struct range_kind mult_range = {"mult", "倍", "违法所得倍数",
                                             "倍数填写数字，如 2 或 2.5"};

/* Read a range's two sides into *has, *min and *max; messages under prefix + field_min/_max. */
static void read_range(const char *min_text, const char *max_text, const char *prefix,
                       const struct range_kind *k, bool *has, int64_t *min, int64_t *max,
                       struct err *e)
{
    char fmin[48], fmax[48];
    snprintf(fmin, sizeof fmin, "%s%s_min", prefix, k->field);
    snprintf(fmax, sizeof fmax, "%s%s_max", prefix, k->field);
    *has = !str_blank(min_text) || !str_blank(max_text);
    if (!*has) return;
    bool ok = true;
    if (range_value(min_text, k->unit, min)) ok = !err_field(e, fmin, "%s", k->bad);
    if (str_blank(max_text))
        ok = !err_field(e, fmax, "请填写%s上限（只有上限的，下限可不填）", k->label);
    else if (range_value(max_text, k->unit, max))
        ok = !err_field(e, fmax, "%s", k->bad);
    else if (*max <= 0)
        ok = !err_field(e, fmax, "%s上限应大于0", k->label);
    /* [R-POW-01] a range's lower bound is not above its upper bound */
    if (ok && *min > *max) err_field(e, fmin, "%s下限不能高于上限", k->label);
}

int power_terms_read(const struct power_terms_input *in, const char *prefix,
                     struct power_terms *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    char bad[64], field[48];
    snprintf(field, sizeof field, "%spenalty_types", prefix);
    /* [R-POW-01] 行政处罚法 第九条: the types are the article's */
    if (power_types_parse(in->types, out->types, bad, sizeof bad))
        err_field(e, field, "“%s”不是行政处罚法第九条规定的处罚种类", bad);
    read_range(in->fine_min, in->fine_max, prefix, &fine_range, &out->has_fine, &out->fine_min,
               &out->fine_max, e);
    read_range(in->mult_min, in->mult_max, prefix, &mult_range, &out->has_mult, &out->mult_min,
               &out->mult_max, e);
    return e->code;
}

/* A multiple in hundredths as text: 5, 2.5, 0.25. */
static void multiple_text(int64_t h, char out[32])
{
    if (h % 100 == 0)
        snprintf(out, 32, "%lld", (long long)(h / 100));
    else if (h % 10 == 0)
        snprintf(out, 32, "%lld.%lld", (long long)(h / 100), (long long)(h % 100 / 10));
    else
        snprintf(out, 32, "%lld.%02lld", (long long)(h / 100), (long long)(h % 100));
}

/* An amount in fen as text without grouping, as a form takes it: 5000, 5000.5. */
static void yuan_plain(int64_t fen, char out[32])
{
    multiple_text(fen, out); /* the same digits: hundredths */
}

void power_terms_text(const struct power_terms *t, char *out, size_t n)
{
    char a[MONEY_YUAN_SIZE], b[MONEY_YUAN_SIZE], fine[96] = "", mult[96] = "";
    if (t->has_fine && t->fine_min > 0)
        snprintf(fine, sizeof fine, "罚款%s元以上%s元以下", money_yuan(t->fine_min, a, sizeof a),
                 money_yuan(t->fine_max, b, sizeof b));
    else if (t->has_fine)
        snprintf(fine, sizeof fine, "罚款%s元以下", money_yuan(t->fine_max, b, sizeof b));
    char m1[32], m2[32];
    multiple_text(t->mult_min, m1);
    multiple_text(t->mult_max, m2);
    if (t->has_mult && t->mult_min > 0)
        snprintf(mult, sizeof mult, "违法所得%s倍以上%s倍以下", m1, m2);
    else if (t->has_mult)
        snprintf(mult, sizeof mult, "违法所得%s倍以下", m2);
    snprintf(out, n, "%s%s%s", fine, *fine && *mult ? "；" : "", mult);
}

void power_terms_from_row(struct db_stmt *st, int col, struct power_terms *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->types, sizeof t->types, "%s", db_text(st, col) ? db_text(st, col) : "");
    t->has_fine = !db_null(st, col + 2);
    t->fine_min = db_int(st, col + 1);
    t->fine_max = db_int(st, col + 2);
    t->has_mult = !db_null(st, col + 4);
    t->mult_min = db_int(st, col + 3);
    t->mult_max = db_int(st, col + 4);
}

/* Set key to the number v, or null when !has. */
static void set_number(json_t *o, const char *key, bool has, int64_t v)
{
    json_object_set_new(o, key, has ? json_integer(v) : json_null());
}

/* Set key to v as a form writes it, or null when !has. */
static void set_plain(json_t *o, const char *key, bool has, int64_t v)
{
    char text[32];
    yuan_plain(v, text);
    jset_text(o, key, has ? text : NULL);
}

void power_terms_json(json_t *o, const struct power_terms *t)
{
    char label[512], range[200];
    power_types_label(t->types, label, sizeof label);
    power_terms_text(t, range, sizeof range);
    jset_text(o, "penalty_types", t->types);
    jset_text(o, "penalty_types_label", label);
    set_number(o, "fine_min", t->has_fine, t->fine_min);
    set_number(o, "fine_max", t->has_fine, t->fine_max);
    set_number(o, "mult_min", t->has_mult, t->mult_min);
    set_number(o, "mult_max", t->has_mult, t->mult_max);
    set_plain(o, "fine_min_yuan", t->has_fine, t->fine_min);
    set_plain(o, "fine_max_yuan", t->has_fine, t->fine_max);
    set_plain(o, "mult_min_times", t->has_mult, t->mult_min);
    set_plain(o, "mult_max_times", t->has_mult, t->mult_max);
    jset_text(o, "range", range);
}

/* ---- validating an item ------------------------------------------------------------------- */

/* A field a non-penalty item leaves blank. */
static void blank_unless_penalty(const char *v, const char *field, struct err *e)
{
    if (!str_blank(v)) err_field(e, field, "只有行政处罚事项填写此项");
}

/* [R-POW-01] 行政处罚法 第九条: a penalty item names the provision violated and the one that
 * punishes it, and its types; a fine among them has a range, a range has a fine among them. */
static void check_penalty(const struct power_item_input *in, const struct power_terms *t,
                          struct err *e)
{
    field_text(in->violated, "violated", "违法条款", true, 1000, e);
    field_text(in->penalty_basis, "penalty_basis", "处罚条款", true, 1000, e);
    bool ranged = t->has_fine || t->has_mult;
    if (!t->types[0] && !err_field_msg(e, "penalty_types"))
        err_field(e, "penalty_types", "请选择处罚种类");
    else if (csv_has(t->types, "fine") && !ranged && !err_field_msg(e, "fine_max"))
        err_field(e, "fine_max", "处罚种类有罚款的，请填写罚款幅度（金额或违法所得倍数）");
    else if (t->types[0] && !csv_has(t->types, "fine") && ranged)
        err_field(e, "penalty_types", "填写了罚款幅度的，处罚种类须包括罚款");
}

static void check_code(const char *code, struct err *e)
{
    if (field_text(code, "code", "事项编码", true, 40, e)) return;
    for (const char *p = code; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
              *p == '-' || *p == '_' || *p == '.')) {
            err_field(e, "code", "事项编码只能由字母、数字和 - _ . 组成");
            return;
        }
}

int power_item_validate(const struct power_item_input *in, struct power_terms *terms, struct err *e)
{
    check_code(in->code, e);
    field_text(in->name, "name", "事项名称", true, 200, e);
    const char *kind = power_kind_code(in->kind);
    if (str_blank(in->kind))
        err_field(e, "kind", "请选择权力类型");
    else if (!kind)
        err_field(e, "kind",
                  "权力类型应为行政许可、行政处罚、行政强制、行政检查、行政确认、"
                  "其他行政权力或公共服务");
    field_catalog(in->line, "lines", "line", "专业", true, e);
    field_text(in->basis, "basis", "设定依据", true, 2000, e);
    power_terms_read(&in->terms, "", terms, e);
    if (kind && strcmp(kind, "penalty") == 0) {
        check_penalty(in, terms, e);
    } else if (kind) {
        blank_unless_penalty(in->violated, "violated", e);
        blank_unless_penalty(in->penalty_basis, "penalty_basis", e);
        blank_unless_penalty(in->terms.types, "penalty_types", e);
        blank_unless_penalty(in->terms.fine_max, "fine_max", e);
        blank_unless_penalty(in->terms.mult_max, "mult_max", e);
    }
    return e->code;
}

/* ---- saving ------------------------------------------------------------------------------- */

/* The agency an item goes to: the given code in the actor's subtree, or the actor's own. */
static int item_agency(struct ctx *c, const char *code, int64_t *id, struct err *e)
{
    if (str_blank(code)) {
        *id = c->who->agency_id;
        return *id ? 0 : err_field(e, "agency", "请选择制定机构");
    }
    if (agency_find(c, code, id, NULL, e)) {
        err_clear(e);
        return err_field(e, "agency", "机构 %s 不存在或不在您的管辖范围内", code);
    }
    return 0;
}

/* A duplicate code as a field error, after the failed statement was rolled back. */
static int duplicate_code(struct ctx *c, const char *code, struct err *e)
{
    db_rollback(c->db);
    err_clear(e);
    err_field(e, "code", "该机构已有编码为 %s 的事项", code);
    return e->code = ERR_CONFLICT;
}

/* The values an item's row holds besides its agency, in column order from code. */
#define ITEM_SET_TYPES "ttttttttIIII"
#define ITEM_SET_ARGS(in, t)                                                                       \
    (in)->code, (in)->name, power_kind_code((in)->kind), (in)->line, (in)->basis,                  \
        blank_to_null((in)->violated), blank_to_null((in)->penalty_basis),                         \
        (t)->types[0] ? (t)->types : NULL, (t)->has_fine ? (t)->fine_min : 0,                      \
        (t)->has_fine ? (t)->fine_max : 0, (t)->has_mult ? (t)->mult_min : 0,                      \
        (t)->has_mult ? (t)->mult_max : 0

/* ('I' binds 0 as NULL: a minimum of 0 is stored as NULL and read back as 0; whether a range is
 * set is read from its maximum, which is never 0: power_terms_from_row.) */

int power_item_add(struct ctx *c, const struct power_item_input *in, int64_t *id, struct err *e)
{
    struct power_terms t;
    if (power_item_validate(in, &t, e)) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t agency_id;
    rc = item_agency(c, in->agency_code, &agency_id, e);
    if (rc) goto fail;
    rc = db_get_int(c->db, e, id,
                    "INSERT INTO power_item (agency_id, code, name, kind, line, basis, violated,"
                    " penalty_basis, penalty_types, fine_min, fine_max, mult_min, mult_max,"
                    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " RETURNING id",
                    "i" ITEM_SET_TYPES "ii", agency_id, ITEM_SET_ARGS(in, &t), c->now, c->now);
    /* [R-POW-08] an agency's codes are unique */
    if (rc == ERR_CONFLICT) return duplicate_code(c, in->code, e);
    if (!rc)
        rc = audit_write(c, "power_item.create", "power_item", *id, "登记权责事项 %s %s", in->code,
                         in->name);
    if (rc) goto fail;
    return db_commit(c->db, e);
fail:
    db_rollback(c->db);
    return rc;
}

int power_item_own(struct ctx *c, int64_t id, int64_t *version, struct err *e)
{
    struct record_ref r;
    int rc = record_read(c, "power_item", id, NULL, "权责事项不存在", &r, e);
    if (rc) return rc;
    if (actor_sees_path(c->who, r.path)) {
        *version = r.version;
        return 0;
    }
    if (c->who->agency_path && str_prefix(c->who->agency_path, r.path))
        return err_set(e, ERR_FORBIDDEN, "该事项由上级机构制定，只能由上级机构修改");
    return err_set(e, ERR_NOTFOUND, "权责事项不存在");
}

int power_item_update(struct ctx *c, int64_t id, const struct power_item_input *in, struct err *e)
{
    struct power_terms t;
    if (power_item_validate(in, &t, e)) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t version, agency_id;
    rc = power_item_own(c, id, &version, e);
    if (!rc && in->version && in->version != version)
        rc = err_set(e, ERR_CONFLICT, "该事项已被他人修改，请刷新后重新编辑");
    if (!rc) rc = item_agency(c, in->agency_code, &agency_id, e);
    if (!rc)
        rc = discretion_fits(c, id, &t, strcmp(power_kind_code(in->kind), "penalty") == 0,
                             "fine_max", e);
    if (rc) goto fail;
    int64_t n = db_exec(c->db, e,
                        "UPDATE power_item SET agency_id = ?, code = ?, name = ?, kind = ?,"
                        " line = ?, basis = ?, violated = ?, penalty_basis = ?, penalty_types = ?,"
                        " fine_min = ?, fine_max = ?, mult_min = ?, mult_max = ?, updated_at = ?,"
                        " version = version + 1 WHERE id = ?",
                        "i" ITEM_SET_TYPES "ii", agency_id, ITEM_SET_ARGS(in, &t), c->now, id);
    if (n == ERR_CONFLICT) return duplicate_code(c, in->code, e);
    rc = n < 0 ? (int)n : 0;
    if (!rc)
        rc = audit_write(c, "power_item.update", "power_item", id, "修改权责事项 %s %s", in->code,
                         in->name);
    if (rc) goto fail;
    return db_commit(c->db, e);
fail:
    db_rollback(c->db);
    return rc;
}

int64_t power_item_find(struct ctx *c, int64_t agency_id, const char *code, struct err *e)
{
    int64_t id = 0;
    int rc = db_get_int(c->db, e, &id, "SELECT id FROM power_item WHERE agency_id = ? AND code = ?",
                        "it", agency_id, code);
    if (rc == ERR_NOTFOUND) {
        err_clear(e);
        return 0;
    }
    return rc ? rc : id;
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"power_item", "权责事项", true, "id", {{"agency_id", "agency", REF_ID}}},
    {"discretion_version",
     "裁量基准版本",
     true,
     "id",
     {{"power_item_id", "power_item", REF_ID}, {"created_by", "app_user", REF_ID}}},
    {"discretion_level", "裁量档次", true, "id", {{"version_id", "discretion_version", REF_ID}}},
};

const struct law_area law_area_power = {"power", tables, countof(tables), NULL, 0};
