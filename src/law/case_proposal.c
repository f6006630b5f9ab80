/* case_proposal.c — the end of a case's investigation (调查终结): the penalty proposed, chosen
 * from the power list's penalty item and its discretion baseline in force (行政处罚法 第三十四条),
 * and whether the decision needs a legal review (第五十八条). The step is declared in case.c. */
#include "base/jpack.h"
#include "base/money.h"
#include "law/case_internal.h"
#include "law/discretion.h"
#include "law/power.h"
#include "law/setting.h"

#include <string.h>

/* The penalty items of the power list the actor may apply (their agency's and its ancestors'). */
json_t *case_item_choices(struct ctx *c, int64_t id)
{
    (void)id;
    struct err e = {0};
    struct power_query q = {.kind = "penalty", .per_page = 200};
    json_t *list = power_item_list(c, &q, &e), *out = json_array(), *o;
    size_t i;
    json_array_foreach(json_object_get(list, "rows"), i, o)
    {
        json_array_append_new(
            out,
            jpack("{ss ss}", "code",
                  arena_printf(c->arena, "%lld",
                               (long long)json_integer_value(json_object_get(o, "id"))),
                  "label",
                  arena_printf(c->arena, "%s %s", json_string_value(json_object_get(o, "code")),
                               json_string_value(json_object_get(o, "name")))));
    }
    json_decref(list);
    return out;
}

json_t *case_type_choices(struct ctx *c, int64_t id)
{
    (void)c;
    (void)id;
    return power_penalty_types();
}

/* What the proposal reads: the item's legal terms, the chosen level's, and the fine. */
struct proposal {
    int64_t item, version;
    struct power_terms legal, level;
    bool has_level;
    char types[POWER_TYPES_MAX];
    bool has_fine;
    int64_t fine;
};

/* The item (a visible penalty item) and its legal terms. */
static int read_item(struct ctx *c, const struct wf_args *a, struct proposal *p, struct err *e)
{
    if (parse_i64(wf_arg(a, "item"), &p->item) || power_item_visible(c, p->item, e)) {
        err_clear(e);
        return err_field(e, "item", "请选择权责清单中的行政处罚事项");
    }
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT kind, penalty_types, fine_min, fine_max, mult_min,"
                                  " mult_max FROM power_item WHERE id = ?",
                                  "i", p->item);
    int rc = st ? db_step(st, e) : e->code;
    bool penalty = rc == DB_ROW && strcmp(db_text(st, 0), "penalty") == 0;
    if (penalty) power_terms_from_row(st, 1, &p->legal);
    db_done(st);
    if (rc < 0) return rc;
    return penalty ? 0 : err_field(e, "item", "所选事项不是行政处罚事项");
}

/* The version of the item's baseline in force on the step's date, and the level named. */
static int read_level(struct ctx *c, const struct wf_args *a, struct proposal *p, struct err *e)
{
    day_t day;
    if (date_parse(wf_date(c, a), &day)) return err_field(e, "date", "日期格式应为 YYYY-MM-DD");
    if (discretion_version_on(c->db, p->item, day, &p->version, e)) return e->code;
    const char *name = wf_arg(a, "level");
    if (!p->version) return 0; /* no baseline: the legal range alone */
    if (str_blank(name)) return err_field(e, "level", "该事项有裁量基准，请填写适用的裁量档次");
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT penalty_types, fine_min, fine_max, mult_min, mult_max"
                                  " FROM discretion_level WHERE version_id = ? AND name = ?",
                                  "it", p->version, name);
    int rc = st ? db_step(st, e) : e->code;
    p->has_level = rc == DB_ROW;
    if (p->has_level) power_terms_from_row(st, 0, &p->level);
    db_done(st);
    if (rc < 0) return rc;
    return p->has_level ? 0 : err_field(e, "level", "裁量基准中没有“%s”档次", name);
}

bool case_types_within(const char *list, const char *of)
{
    for (const char *q = list; *q;) {
        const char *item;
        size_t n = csv_next(&q, &item);
        char code[40];
        if (n == 0 || n >= sizeof code) continue;
        memcpy(code, item, n);
        code[n] = 0;
        if (!csv_has(of, code)) return false;
    }
    return true;
}

/* The types and the fine: within the law's range always; outside the level's only with a
 * written reason. */
static int check_terms(const struct wf_args *a, struct proposal *p, struct err *e)
{
    char bad[64];
    if (str_blank(wf_arg(a, "types")) ||
        power_types_parse(wf_arg(a, "types"), p->types, bad, sizeof bad))
        return err_field(e, "types", "请选择拟给予的处罚种类");
    if (!case_types_within(p->types, p->legal.types))
        return err_field(e, "types",
                         "处罚种类超出该事项处罚条款规定的种类（《行政处罚法》第三十八条）");
    p->has_fine = csv_has(p->types, "fine");
    if (p->has_fine && money_parse(wf_arg(a, "fine"), &p->fine))
        return err_field(e, "fine", "请填写罚款金额（元）");
    if (p->has_fine && p->legal.has_fine &&
        (p->fine < p->legal.fine_min || p->fine > p->legal.fine_max))
        return err_field(e, "fine", "罚款金额超出该事项的法定幅度");
    bool outside = p->has_level && (!case_types_within(p->types, p->level.types) ||
                                    (p->has_fine && p->level.has_fine &&
                                     (p->fine < p->level.fine_min || p->fine > p->level.fine_max)));
    if (outside && str_blank(wf_arg(a, "outside_reason")))
        return err_field(e, "outside_reason",
                         "拟处罚超出所选裁量档次的范围，须写明理由（法制审核时审查）");
    return 0;
}

int case_penalty_check(struct ctx *c, const struct wf_args *a, struct case_penalty *out,
                       struct err *e)
{
    struct proposal p = {0};
    int rc = read_item(c, a, &p, e);
    if (!rc) rc = check_terms(a, &p, e);
    if (rc) return rc;
    *out = (struct case_penalty){.item = p.item, .has_fine = p.has_fine, .fine = p.fine};
    memcpy(out->types, p.types, sizeof out->types);
    return 0;
}

/* [R-CASE-12] The proposal applies a penalty item of the power list and its baseline in force;
 * only the case's investigators conclude its investigation. */
int case_guard_conclude(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    struct proposal p = {0};
    int rc = case_guard_investigator(c, id, "提出调查终结意见", e);
    if (!rc) rc = case_guard_deliberated(c, id, e);
    if (!rc) rc = read_item(c, a, &p, e);
    if (!rc) rc = read_level(c, a, &p, e);
    return rc ? rc : check_terms(a, &p, e);
}

/* [R-CASE-13] 第五十八条: a legal review is required for a major or complex case, a fine of the
 * set amount or more, or a licence revoked, a closure or a ban on practice. */
static bool review_required(struct ctx *c, const struct proposal *p, bool major, struct err *e)
{
    int threshold = CASE_REVIEW_FINE_YUAN;
    setting_int(c, "case.review_fine_yuan", &threshold, e);
    return major || (p->has_fine && p->fine >= (int64_t)threshold * 100) ||
           csv_has(p->types, "licence_revocation") || csv_has(p->types, "closure") ||
           csv_has(p->types, "practice_ban");
}

int case_effect_conclude(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    struct proposal p = {0};
    if (read_item(c, a, &p, e) || read_level(c, a, &p, e) || check_terms(a, &p, e)) return e->code;
    bool major = wf_arg(a, "major") && strcmp(wf_arg(a, "major"), "yes") == 0;
    bool review = review_required(c, &p, major, e);
    char label[POWER_TYPES_MAX * 3];
    power_types_label(p.types, label, sizeof label);
    char yuan[32];
    a->reason = arena_printf(
        c->arena, "拟%s%s%s", label,
        p.has_fine ? arena_printf(c->arena, "（罚款%s元）", money_yuan(p.fine, yuan, sizeof yuan))
                   : "",
        review ? "，须法制审核" : "");
    struct db_arg args[] = {
        {.type = 'i', .i = p.item},
        p.version ? (struct db_arg){.type = 'i', .i = p.version} : (struct db_arg){.type = 'n'},
        {.type = 't', .s = p.has_level ? wf_arg(a, "level") : NULL},
        {.type = 't', .s = p.types},
        p.has_fine ? (struct db_arg){.type = 'i', .i = p.fine} : (struct db_arg){.type = 'n'},
        {.type = 't',
         .s = str_blank(wf_arg(a, "outside_reason")) ? NULL : wf_arg(a, "outside_reason")},
        {.type = 'i', .i = major},
        {.type = 'i', .i = review},
        {.type = 'i', .i = c->now},
        {.type = 'i', .i = id},
    };
    struct db_stmt *st = db_query_args(c->db, e,
                                       "UPDATE penalty_case SET power_item_id = ?,"
                                       " baseline_version_id = ?, baseline_level = ?,"
                                       " penalty_types = ?, fine = ?, outside_reason = ?,"
                                       " major = ?, review_required = ?, updated_at = ?,"
                                       " notified_on = NULL, hearing_right = 0,"
                                       " waived_on = NULL, hearing_requested_on = NULL,"
                                       " hearing_on = NULL, hearing_place = NULL,"
                                       " hearing_chair = NULL, heard_on = NULL,"
                                       " hearing_absent = 0 WHERE id = ?",
                                       (int)countof(args), args);
    int rc = st ? db_step(st, e) : e->code;
    db_done(st);
    return rc < 0 ? rc : e->code;
}

/* The baseline version kept with the proposal (its levels with their ranges, the level chosen
 * marked "chosen") and the item's legal range, into the case's "proposal": what the legal
 * reviewer weighs a proposal against (第三十四条). */
int case_baseline_json(struct ctx *c, json_t *proposal, struct err *e)
{
    json_int_t item = json_integer_value(json_object_get(proposal, "item_id")),
               kept = json_integer_value(json_object_get(proposal, "baseline_version_id"));
    const char *chosen = json_string_value(json_object_get(proposal, "level"));
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT penalty_types, fine_min, fine_max, mult_min, mult_max"
                                  " FROM power_item WHERE id = ?",
                                  "i", (int64_t)item);
    if (st && db_step(st, e) == DB_ROW) {
        struct power_terms t;
        char range[256];
        power_terms_from_row(st, 0, &t);
        power_terms_text(&t, range, sizeof range);
        jset_text(proposal, "legal_range", range);
    }
    db_done(st);
    if (e->code || !kept) return e->code;
    json_t *all = discretion_versions(c, item, e), *v;
    size_t i;
    json_array_foreach(all, i, v)
    {
        if (json_integer_value(json_object_get(v, "id")) != kept) continue;
        size_t k;
        json_t *l;
        json_array_foreach(json_object_get(v, "levels"), k, l)
        {
            const char *name = json_string_value(json_object_get(l, "name"));
            jset_bool(l, "chosen", chosen && name && strcmp(name, chosen) == 0);
        }
        json_object_set(proposal, "baseline", v);
    }
    json_decref(all);
    return e->code;
}

/* ---- reading -------------------------------------------------------------------------------- */

/* The level of the baseline version kept with the case: its conditions and range (power_terms_
 * text) into p as level_conditions and level_range. */
static int read_kept_level(struct ctx *c, json_t *p, struct err *e)
{
    json_int_t version = json_integer_value(json_object_get(p, "baseline_version_id"));
    const char *level = json_string_value(json_object_get(p, "level"));
    if (!version || !level) return 0;
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT conditions, penalty_types, fine_min, fine_max, mult_min,"
                 " mult_max FROM discretion_level WHERE version_id = ? AND name = ?",
                 "it", (int64_t)version, level);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        struct power_terms t;
        char range[256], label[POWER_TYPES_MAX * 3];
        power_terms_from_row(st, 1, &t);
        power_terms_text(&t, range, sizeof range);
        power_types_label(t.types, label, sizeof label);
        jset_text(p, "level_conditions", db_text(st, 0));
        jset_text(p, "level_range",
                  *range ? arena_printf(c->arena, "%s；%s", label, range) : label);
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* [R-CASE-13] Why the review is required, in words (第五十八条第一款): the case's facts as
 * review_required and the hearing held decided it. */
static const char *review_why(struct ctx *c, json_t *p, const char *types, int64_t fine, bool heard,
                              struct err *e)
{
    int threshold = CASE_REVIEW_FINE_YUAN;
    setting_int(c, "case.review_fine_yuan", &threshold, e);
    const char *why = "";
    if (json_is_true(json_object_get(p, "major"))) why = "重大、复杂案件";
    if (fine >= (int64_t)threshold * 100)
        why = arena_printf(c->arena, "%s%s罚款数额在%d元以上", why, *why ? "、" : "", threshold);
    if (csv_has(types, "licence_revocation") || csv_has(types, "closure") ||
        csv_has(types, "practice_ban"))
        why = arena_printf(c->arena, "%s%s拟吊销许可证件、责令关闭或者限制从业", why,
                           *why ? "、" : "");
    if (heard) why = arena_printf(c->arena, "%s%s经过听证", why, *why ? "、" : "");
    return *why ? why : NULL;
}

int case_proposal_read(struct ctx *c, int64_t id, json_t *cas, struct err *e)
{
    json_t *p = json_object_get(cas, "proposal");
    if (!p) return 0;
    if (read_kept_level(c, p, e)) return e->code;
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT COALESCE(penalty_types, ''), COALESCE(fine, 0),"
                 " CASE WHEN heard_on IS NOT NULL AND hearing_absent = 0 THEN 1 ELSE 0 END"
                 " FROM penalty_case WHERE id = ?",
                 "i", id);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW && json_is_true(json_object_get(p, "review_required")))
        jset_text(p, "review_why",
                  review_why(c, p, arena_strdup(c->arena, db_text(st, 0)), db_int(st, 1),
                             db_int(st, 2) != 0, e));
    db_done(st);
    return rc < 0 ? rc : e->code;
}
