/* test_power.c — the power list (权责清单) and its discretion baselines: a penalty item's terms
 * (行政处罚法 第九条), a baseline's levels within them and in order, versions that take effect on a
 * date and are kept once in force, which version is in force on a day, who sees and changes an
 * item, and the import that saves all or nothing. Every "today" is set (h_set_now). */
#include "support.h"
#include "base/date.h"
#include "docs/power_export.h"
#include "law/catalog.h"
#include "law/discretion.h"
#include "law/power.h"
#include "law/power_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW      "2026-06-15T10:00:00+08:00"
#define TODAY    "2026-06-15"
#define LATER    "2026-07-01T09:00:00+08:00" /* after the second version below takes effect */
#define EARLIER  "2026-06-14"
#define TOMORROW "2026-06-16"

/* A penalty item: 警告、罚款 500–30000 元 (细则 第三十五条). */
static struct power_item_input penalty_item(const char *code)
{
    return (struct power_item_input){
        .agency_code = "320412",
        .code = code,
        .name = "对未依法取得公共场所卫生许可证擅自营业的行政处罚",
        .kind = "penalty",
        .line = "public_place",
        .basis = "《公共场所卫生管理条例》第八条、第十四条",
        .violated = "《公共场所卫生管理条例》第八条",
        .penalty_basis = "《公共场所卫生管理条例实施细则》第三十五条第一款",
        .terms = {"警告、罚款", "500", "30000", NULL, NULL},
    };
}

/* Three levels: 500–2000, 2000–5000, 5000–30000 (touching ends). */
static struct discretion_input three_levels(const char *effective_on)
{
    return (struct discretion_input){
        .effective_on = effective_on,
        .source = "示例裁量基准",
        .levels = {{"一般",
                    "首次被查处",
                    "警告，并处500元以上2000元以下罚款",
                    {"warning,fine", "500", "2000", NULL, NULL}},
                   {"较重", "一个月以上", NULL, {"fine", "2000", "5000", NULL, NULL}},
                   {"严重", "三个月以上", NULL, {"fine", "5000", "30000", NULL, NULL}}},
        .nlevels = 3,
    };
}

static int64_t add_item(struct ctx *c, const char *code)
{
    struct err e = {0};
    struct power_item_input in = penalty_item(code);
    int64_t id;
    if (power_item_add(c, &in, &id, &e))
        fail_msg("power_item_add: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    return id;
}

static int64_t add_version(struct ctx *c, int64_t item, const char *day)
{
    struct err e = {0};
    struct discretion_input in = three_levels(day);
    int64_t id;
    if (discretion_add(c, item, &in, &id, &e))
        fail_msg("discretion_add: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    return id;
}

/* Assert e holds field with a message containing words. */
static void assert_field(const struct err *e, const char *field, const char *words)
{
    const char *m = err_field_msg(e, field);
    if (!m || !strstr(m, words)) {
        char all[2048] = "";
        for (int i = 0; i < e->nfields; i++)
            snprintf(all + strlen(all), sizeof all - strlen(all), "%s: %s; ", e->fields[i].name,
                     e->fields[i].msg);
        fail_msg("no \"%s\" on %s: %s [%s]", words, field, all, e->msg);
    }
}

/* ---- R-POW-01: a penalty item's terms ------------------------------------------------------- */

static void test_r_pow_01_art9_penalty_item_needs_provisions_types_and_range(void **state)
{
    (void)state;
    struct power_terms t;
    struct err e = {0};
    struct power_item_input in = penalty_item("A-1");
    in.violated = NULL;
    in.terms.types = "警告、记大过";
    assert_int_equal(power_item_validate(&in, &t, &e), ERR_INVALID);
    assert_field(&e, "violated", "违法条款");
    assert_field(&e, "penalty_types", "“记大过”不是行政处罚法第九条规定的处罚种类");

    err_clear(&e); /* a fine without a range, a range without a fine */
    in = penalty_item("A-1");
    in.terms = (struct power_terms_input){"警告、罚款", NULL, NULL, NULL, NULL};
    assert_int_equal(power_item_validate(&in, &t, &e), ERR_INVALID);
    assert_field(&e, "fine_max", "请填写罚款幅度");
    err_clear(&e);
    in.terms = (struct power_terms_input){"警告", "500", "30000", NULL, NULL};
    assert_int_equal(power_item_validate(&in, &t, &e), ERR_INVALID);
    assert_field(&e, "penalty_types", "须包括罚款");

    err_clear(&e); /* min above max, for amounts and multiples alike */
    in.terms = (struct power_terms_input){"罚款", "30000", "500", "5", "2"};
    assert_int_equal(power_item_validate(&in, &t, &e), ERR_INVALID);
    assert_field(&e, "fine_min", "罚款下限不能高于上限");
    assert_field(&e, "mult_min", "违法所得倍数下限不能高于上限");

    err_clear(&e); /* amounts in 元 and multiples as the law writes them */
    in.terms = (struct power_terms_input){"没收违法所得；罚款", "5,000元", "3万", NULL, "20倍"};
    assert_int_equal(power_item_validate(&in, &t, &e), ERR_INVALID);
    assert_field(&e, "fine_max", "以元为单位");
    err_clear(&e);
    in.terms = (struct power_terms_input){"没收违法所得；罚款", "5,000元", "30000", NULL, "20倍"};
    assert_int_equal(power_item_validate(&in, &t, &e), 0);
    assert_string_equal(t.types, "fine,confiscation");
    assert_true(t.has_fine && t.fine_min == 500000 && t.fine_max == 3000000);
    assert_true(t.has_mult && t.mult_min == 0 && t.mult_max == 2000);
    char text[200];
    power_terms_text(&t, text, sizeof text);
    assert_string_equal(text, "罚款5,000.00元以上30,000.00元以下；违法所得20倍以下");

    err_clear(&e); /* the other kinds carry no penalty terms */
    in = penalty_item("A-1");
    in.kind = "行政许可";
    assert_int_equal(power_item_validate(&in, &t, &e), ERR_INVALID);
    assert_field(&e, "violated", "只有行政处罚事项填写此项");
    assert_field(&e, "penalty_types", "只有行政处罚事项填写此项");
    in.violated = in.penalty_basis = NULL;
    in.terms = (struct power_terms_input){0};
    err_clear(&e);
    assert_int_equal(power_item_validate(&in, &t, &e), 0);
}

static void test_r_pow_01_types_are_read_as_codes_labels_or_the_articles_words(void **state)
{
    (void)state;
    char out[POWER_TYPES_MAX], bad[64];
    assert_int_equal(
        power_types_parse("吊销许可证件、罚款,warning；没收非法财物", out, bad, sizeof bad), 0);
    assert_string_equal(out, "warning,fine,confiscation,licence_revocation");
    assert_int_equal(
        power_types_parse("警告、通报批评；责令停产停业、责令关闭", out, bad, sizeof bad), 0);
    assert_string_equal(out, "warning,closure");
    assert_int_equal(power_types_parse("警告、行政拘留", out, bad, sizeof bad), -1);
    assert_string_equal(bad, "行政拘留"); /* the police's, not a health agency's */
    char label[256];
    power_types_label("fine,warning", label, sizeof label);
    assert_string_equal(label, "警告、通报批评；罚款");
}

/* ---- R-POW-02, R-POW-03: a version's levels ----------------------------------------------- */

static void test_r_pow_02_levels_lie_within_the_items_terms(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    struct actor who;
    struct ctx c = h_ctx(h, "legal", &who);
    int64_t item = add_item(&c, "GG-1");
    struct err e = {0};
    struct discretion_input in = three_levels(NULL);
    in.levels[2].terms.fine_max = "50000";                /* above the item's 30000 */
    in.levels[1].terms.types = "fine,licence_revocation"; /* not among the item's types */
    in.levels[0].terms.mult_max = "2";                    /* the item has no multiple */
    int64_t id;
    assert_int_equal(discretion_add(&c, item, &in, &id, &e), ERR_INVALID);
    assert_field(&e, "level3_fine_max",
                 "须在该事项的法定幅度之内（罚款500.00元以上30,000.00元以下）");
    assert_field(&e, "level2_penalty_types", "“吊销许可证件”不在该事项的处罚种类之内");
    assert_field(&e, "level1_mult_max", "该事项没有违法所得倍数幅度");
    assert_false(h_exists(h->db, "SELECT 1 FROM discretion_version", ""));

    /* a level without a type and a range is 不予处罚; a fine among its types needs its range */
    err_clear(&e);
    in = three_levels(NULL);
    in.levels[0] = (struct discretion_level_input){
        "轻微", "初次违法且危害后果轻微并及时改正", "不予行政处罚", {NULL, NULL, NULL, NULL, NULL}};
    in.levels[1].terms.fine_min = in.levels[1].terms.fine_max = NULL;
    assert_int_equal(discretion_add(&c, item, &in, &id, &e), ERR_INVALID);
    assert_null(err_field_msg(&e, "level1_name"));
    assert_field(&e, "level2_fine_max", "请填写本档次的罚款幅度");

    /* the item's change keeps the baseline in force within it, or is refused */
    add_version(&c, item, NULL);
    err_clear(&e);
    struct power_item_input narrower = penalty_item("GG-1");
    narrower.terms.fine_max = "20000";
    assert_int_equal(power_item_update(&c, item, &narrower, &e), ERR_INVALID);
    assert_field(&e, "fine_max", "裁量基准第1版“严重”档次与修改后的事项不符");
    narrower.kind = "行政检查";
    narrower.violated = narrower.penalty_basis = NULL;
    narrower.terms = (struct power_terms_input){0};
    err_clear(&e);
    assert_int_equal(power_item_update(&c, item, &narrower, &e), ERR_INVALID);
    assert_field(&e, "kind", "已有裁量基准");
    struct power_item_input wider = penalty_item("GG-1");
    wider.terms.fine_max = "50000";
    err_clear(&e);
    assert_int_equal(power_item_update(&c, item, &wider, &e), 0);
}

static void test_r_pow_03_levels_climb_without_crossing(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    struct actor who;
    struct ctx c = h_ctx(h, "legal", &who);
    int64_t item = add_item(&c, "GG-1");
    struct err e = {0};
    struct discretion_input in = three_levels(NULL);
    in.levels[1].terms.fine_min = "1500"; /* crosses 一般's 2000 */
    in.levels[2].name = "一般";
    in.levels[2].conditions = "";
    int64_t id;
    assert_int_equal(discretion_add(&c, item, &in, &id, &e), ERR_INVALID);
    assert_field(&e, "level3_name", "档次名称与第1档重复");
    assert_field(&e, "level3_conditions", "请填写第3档适用情形");
    err_clear(&e);
    in = three_levels(NULL);
    in.levels[1].terms.fine_min = "1500";
    assert_int_equal(discretion_add(&c, item, &in, &id, &e), ERR_INVALID);
    assert_field(&e, "level2_fine_min", "罚款幅度与“一般”档次交叉");
    /* a level without a range between two with one: the order is of those with one */
    err_clear(&e);
    in = three_levels(NULL);
    in.levels[1] = (struct discretion_level_input){"较重", "拒不改正", "警告", {"warning"}};
    in.levels[2].terms.fine_min = "1000";
    assert_int_equal(discretion_add(&c, item, &in, &id, &e), ERR_INVALID);
    assert_field(&e, "level3_fine_min", "“一般”档次交叉");
    /* no level at all; at most DISCRETION_MAX_LEVELS */
    err_clear(&e);
    in.nlevels = 0;
    assert_int_equal(discretion_add(&c, item, &in, &id, &e), ERR_INVALID);
    assert_field(&e, "level1_name", "请至少填写一个裁量档次");
    err_clear(&e);
    in = three_levels(NULL);
    in.nlevels = DISCRETION_MAX_LEVELS + 1;
    assert_int_equal(discretion_validate(&in, &(struct power_terms){0}, NULL, &e), ERR_INVALID);
    assert_field(&e, "levels", "最多");
    /* touching ends are fine */
    err_clear(&e);
    in = three_levels(NULL);
    assert_int_equal(discretion_add(&c, item, &in, &id, &e), 0);
}

/* ---- R-POW-04 … R-POW-06: versions -------------------------------------------------------- */

static void test_r_pow_04_a_version_in_force_is_kept_a_scheduled_one_may_change(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    struct actor who;
    struct ctx c = h_ctx(h, "legal", &who);
    int64_t item = add_item(&c, "GG-1");
    int64_t v1 = add_version(&c, item, NULL); /* in force today */
    int64_t v2 = add_version(&c, item, "2026-07-01");
    struct err e = {0};
    struct discretion_input in = three_levels(NULL);
    in.levels[0].conditions = "改过的情形";
    assert_int_equal(discretion_update(&c, item, v1, &in, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "第1版已于" TODAY "生效，不能修改"));
    err_clear(&e);
    in.effective_on = "2026-06-20";
    assert_int_equal(discretion_update(&c, item, v2, &in, &e), 0);
    assert_string_equal(
        h_text(h, "SELECT effective_on FROM discretion_version WHERE id = ?", "i", v2),
        "2026-06-20");
    assert_string_equal(h_text(h,
                               "SELECT conditions FROM discretion_level WHERE version_id = ?"
                               " AND position = 1",
                               "i", v2),
                        "改过的情形");
    /* once its day has come, it is kept too; the first is as it was */
    h_set_now(h, LATER);
    c = h_ctx(h, "legal", &who);
    err_clear(&e);
    assert_int_equal(discretion_update(&c, item, v2, &in, &e), ERR_CONFLICT);
    assert_string_equal(h_text(h,
                               "SELECT conditions FROM discretion_level WHERE version_id = ?"
                               " AND position = 1",
                               "i", v1),
                        "首次被查处");
}

static void test_r_pow_05_a_new_version_takes_effect_today_or_later_after_the_others(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    struct actor who;
    struct ctx c = h_ctx(h, "legal", &who);
    int64_t item = add_item(&c, "GG-1");
    struct err e = {0};
    struct discretion_input in = three_levels(EARLIER);
    int64_t id;
    assert_int_equal(discretion_add(&c, item, &in, &id, &e), ERR_INVALID);
    assert_field(&e, "effective_on", "生效日期不能早于今天（" TODAY "）");
    add_version(&c, item, "2026-06-20");
    err_clear(&e);
    in = three_levels(TOMORROW);
    assert_int_equal(discretion_add(&c, item, &in, &id, &e), ERR_INVALID);
    assert_field(&e, "effective_on", "须晚于第1版的生效日期（2026-06-20）");
    err_clear(&e);
    in = three_levels("2026-06-20");
    assert_int_equal(discretion_add(&c, item, &in, &id, &e), ERR_INVALID);
    /* a scheduled version moved past a later one is refused too */
    assert_true(add_version(&c, item, "2026-07-01") > 0);
    err_clear(&e);
    in = three_levels("2026-07-05");
    int64_t first;
    assert_int_equal(db_get_int(h->db, &e, &first,
                                "SELECT id FROM discretion_version WHERE power_item_id = ?"
                                " AND number = 1",
                                "i", item),
                     0);
    assert_int_equal(discretion_update(&c, item, first, &in, &e), ERR_INVALID);
    assert_field(&e, "effective_on", "须早于第2版的生效日期（2026-07-01）");
    /* a blank date is today */
    int64_t other = add_item(&c, "GG-2");
    add_version(&c, other, NULL);
    assert_string_equal(h_text(h,
                               "SELECT effective_on FROM discretion_version WHERE"
                               " power_item_id = ?",
                               "i", other),
                        TODAY);
}

static void test_r_pow_06_the_version_in_force_on_a_day_is_the_latest_before_it(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    struct actor who;
    struct ctx c = h_ctx(h, "legal", &who);
    int64_t item = add_item(&c, "GG-1");
    struct err e = {0};
    int64_t got = -1;
    day_t d;
    date_parse(TODAY, &d);
    assert_int_equal(discretion_version_on(h->db, item, d, &got, &e), 0);
    assert_int_equal(got, 0); /* none yet */
    int64_t v1 = add_version(&c, item, TOMORROW);
    int64_t v2 = add_version(&c, item, "2026-07-01");
    static const struct {
        const char *day;
        int which; /* 0 none, 1 v1, 2 v2 */
    } cases[] = {
        {TODAY, 0}, {TOMORROW, 1}, {"2026-06-30", 1}, {"2026-07-01", 2}, {"2030-01-01", 2}};
    for (size_t i = 0; i < countof(cases); i++) {
        date_parse(cases[i].day, &d);
        assert_int_equal(discretion_version_on(h->db, item, d, &got, &e), 0);
        if (got != (cases[i].which == 0 ? 0 : cases[i].which == 1 ? v1 : v2))
            fail_msg("%s: version %lld", cases[i].day, (long long)got);
    }
    /* as JSON, and the same answer for a case decided on that day whatever today is */
    json_t *v = discretion_in_force(&c, item, "2026-06-30", &e);
    assert_non_null(v);
    assert_int_equal(json_integer_value(json_object_get(v, "number")), 1);
    assert_int_equal(json_array_size(json_object_get(v, "levels")), 3);
    json_decref(v);
    v = discretion_in_force(&c, item, NULL, &e);
    assert_true(json_is_null(v));
    json_decref(v);
    h_set_now(h, "2028-02-29T12:00:00+08:00");
    c = h_ctx(h, "legal", &who);
    v = discretion_in_force(&c, item, "2026-06-30", &e);
    assert_int_equal(json_integer_value(json_object_get(v, "number")), 1);
    json_decref(v);
    assert_null(discretion_in_force(&c, item, "2026-02-30", &e));
    assert_field(&e, "on", "YYYY-MM-DD");
    json_t *o = power_item_get(&c, item, &e);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "baseline"), "number")),
                     2);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(o, "versions"), 1), "state")),
                        "superseded");
    json_decref(o);
}

/* ---- R-POW-08: who sees and who changes --------------------------------------------------- */

static void test_r_pow_08_items_are_shared_down_and_changed_in_their_subtree(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    struct actor pw, cw, ow, vw;
    struct ctx province = h_ctx(h, "province", &pw), county = h_ctx(h, "admin", &cw);
    struct ctx other = h_ctx(h, "other", &ow), viewer = h_ctx(h, "viewer", &vw);
    struct err e = {0};
    struct power_item_input in = penalty_item("SHARED-1");
    in.agency_code = "320000";
    int64_t shared, own;
    assert_int_equal(power_item_add(&province, &in, &shared, &e), 0);
    own = add_item(&county, "OWN-1");
    /* the county sees the province's item, but may not change it or give it a baseline */
    json_t *o = power_item_get(&county, shared, &e);
    assert_non_null(o);
    assert_false(json_is_true(json_object_get(o, "own")));
    json_decref(o);
    assert_int_equal(power_item_update(&county, shared, &in, &e), ERR_FORBIDDEN);
    err_clear(&e);
    struct discretion_input dv = three_levels(NULL);
    int64_t vid;
    assert_int_equal(discretion_add(&county, shared, &dv, &vid, &e), ERR_FORBIDDEN);
    /* the other county sees the province's, not Wujin's own */
    err_clear(&e);
    assert_null(power_item_get(&other, own, &e));
    assert_int_equal(e.code, ERR_NOTFOUND);
    err_clear(&e);
    json_t *list = power_item_list(&other, &(struct power_query){0}, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    json_decref(list);
    list = power_item_list(&viewer, &(struct power_query){.q = "OWN"}, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    json_decref(list);
    /* codes are unique within an agency, not across agencies */
    in.agency_code = "320412";
    assert_int_equal(power_item_add(&county, &in, &vid, &e), 0);
    assert_int_equal(power_item_add(&county, &in, &vid, &e), ERR_CONFLICT);
    assert_field(&e, "code", "该机构已有编码为 SHARED-1 的事项");
}

/* ---- R-POW-09: import ---------------------------------------------------------------------- */

#define HEAD                                                                                                                   \
    "事项编码,事项名称,权力类型,专业,设定依据,违法条款,处罚条款,处罚种类,罚款下限（元）," \
    "罚款上限（元）,基准生效日期,裁量档次,适用情形,档次处罚种类,档次罚款下限（元）,"       \
    "档次罚款上限（元）\n"

static const char good_csv[] =
    HEAD "GG-9,擅自营业,行政处罚,公共场所卫生,条例第八条,条例第八条,细则第三十五条,警告、罚款,"
         "500,30000,,一般,首次,警告、罚款,500,2000\n"
         "GG-9,,,,,,,,,,,严重,三个月以上,罚款,2000,30000\n"
         "GG-XK,公共场所卫生许可,行政许可,公共场所卫生,条例第四条、第八条,,,,,,,,,,,\n";

static int import_text(struct ctx *c, const char *text, bool preview,
                       struct power_import_result *res, struct err *e)
{
    struct power_import_options o = {.preview = preview};
    return power_import(c, text, strlen(text), "list.csv", &o, res, e);
}

/* The problem of res on row with a message containing words. */
static void assert_problem(const struct power_import_result *res, int row, const char *column,
                           const char *words)
{
    size_t i;
    json_t *p;
    json_array_foreach(res->problems, i, p)
    {
        if (json_integer_value(json_object_get(p, "row")) == row &&
            strcmp(json_string_value(json_object_get(p, "column")), column) == 0 &&
            strstr(json_string_value(json_object_get(p, "message")), words))
            return;
    }
    char *all = json_dumps(res->problems, 0);
    fail_msg("no problem row %d %s \"%s\": %s", row, column, words, all);
}

static void test_r_pow_09_an_import_saves_everything_or_nothing(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    struct actor who;
    struct ctx c = h_ctx(h, "legal", &who);
    struct power_import_result res;
    struct err e = {0};
    /* a bad row keeps the good ones out too */
    static const char bad_csv[] =
        HEAD "GG-9,擅自营业,行政处罚,公共场所卫生,条例第八条,条例第八条,细则第三十五条,警告、罚款,"
             "500,30000,,一般,首次,警告、罚款,500,2000\n"
             "GG-9,,,,,,,,,,,严重,三个月以上,罚款,1000,50000\n"
             "GG-8,名称,行政许可,游泳,依据,,,,,,,,,,,\n"
             "GG-9,改了名字,,,,,,,,,,较重,,罚款,,\n";
    assert_int_equal(import_text(&c, bad_csv, false, &res, &e), ERR_INVALID);
    assert_problem(&res, 3, "档次罚款上限（元）", "法定幅度之内");
    assert_problem(&res, 4, "专业", "专业“游泳”不在目录中");
    assert_problem(&res, 5, "事项名称", "不一致");
    assert_problem(&res, 5, "适用情形", "请填写第3档适用情形");
    assert_false(res.saved);
    power_import_result_free(&res);
    assert_false(h_exists(h->db, "SELECT 1 FROM power_item", ""));

    /* a preview says what would happen and saves nothing */
    err_clear(&e);
    assert_int_equal(import_text(&c, good_csv, true, &res, &e), 0);
    assert_int_equal(res.items_added, 2);
    assert_int_equal(res.versions_added, 1);
    assert_false(res.saved);
    power_import_result_free(&res);
    assert_false(h_exists(h->db, "SELECT 1 FROM power_item", ""));
    assert_false(h_exists(h->db, "SELECT 1 FROM audit_log WHERE action LIKE 'power%'", ""));

    assert_int_equal(import_text(&c, good_csv, false, &res, &e), 0);
    assert_true(res.saved);
    power_import_result_free(&res);
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM discretion_level", ""), "2");
    assert_true(h_exists(h->db, "SELECT 1 FROM audit_log WHERE action = 'power_item.import'", ""));

    /* the same file again changes nothing, also on a later day */
    h_set_now(h, LATER);
    c = h_ctx(h, "legal", &who);
    assert_int_equal(import_text(&c, good_csv, false, &res, &e), 0);
    assert_int_equal(res.items_same, 2);
    assert_int_equal(res.versions_same, 1);
    power_import_result_free(&res);
    /* … and with a version to come: the file's undated baseline is the one in force */
    add_version(&c, power_item_find(&c, who.agency_id, "GG-9", &e), "2026-08-01");
    assert_int_equal(import_text(&c, good_csv, false, &res, &e), 0);
    assert_int_equal(res.versions_same, 1);
    power_import_result_free(&res);
    /* a changed level under the date of the version in force is refused ([R-POW-04]) */
    static const char changed[] =
        HEAD "GG-9,擅自营业,行政处罚,公共场所卫生,条例第八条,条例第八条,细则第三十五条,警告、罚款,"
             "500,30000," TODAY ",一般,首次,警告、罚款,500,3000\n"
             "GG-9,,,,,,,,,,," TODAY ",严重,三个月以上,罚款,3000,30000\n";
    assert_int_equal(import_text(&c, changed, false, &res, &e), ERR_INVALID);
    assert_problem(&res, 2, "", "第1版已于" TODAY "生效，不能修改");
    power_import_result_free(&res);
}

/* The export reads back as it was: every item and baseline the same. */
static void test_r_pow_09_an_export_imports_again_unchanged(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct power_import_result res;
    struct err e = {0};
    assert_int_equal(import_text(&c, good_csv, false, &res, &e), 0);
    power_import_result_free(&res);
    int64_t item = power_item_find(&c, who.agency_id, "GG-9", &e);
    add_version(&c, item, "2026-08-01"); /* a version to come is exported too */
    char path[128];
    snprintf(path, sizeof path, "%s/power.xlsx", h->dir);
    assert_int_equal(export_power(&c, path, &e), 0);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *data = malloc(1 << 20);
    size_t len = fread(data, 1, 1 << 20, f);
    fclose(f);
    struct power_import_options o = {0};
    h_set_now(h, LATER);
    c = h_ctx(h, "admin", &who);
    if (power_import(&c, data, len, "power.xlsx", &o, &res, &e))
        fail_msg("%s %s", e.msg, json_dumps(res.problems, 0));
    assert_int_equal(res.items_same, 2);
    assert_int_equal(res.versions_same, 2);
    assert_int_equal(res.items_added + res.items_changed + res.versions_added, 0);
    power_import_result_free(&res);
    free(data);
}

/* The sample list (data/power_list.csv) imports cleanly and covers every line and every kind. */
static void test_r_pow_09_the_sample_list_covers_every_line_and_kind(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    struct actor who;
    struct ctx c = h_ctx(h, "province", &who);
    char *csv = h_read_file("data/power_list.csv");
    struct power_import_result res;
    struct err e = {0};
    if (import_text(&c, csv, false, &res, &e))
        fail_msg("%s %s", e.msg, json_dumps(res.problems, 0));
    power_import_result_free(&res);
    free(csv);
    json_t *lines = json_object_get(catalog_json(), "lines"), *l;
    size_t i;
    json_array_foreach(lines, i, l)
    {
        const char *code = json_string_value(json_object_get(l, "code"));
        if (!h_exists(h->db, "SELECT 1 FROM power_item WHERE line = ? AND kind = 'penalty'", "t",
                      code))
            fail_msg("no penalty item of line %s", code);
    }
    json_t *kinds = power_kinds(), *k;
    json_array_foreach(kinds, i, k)
    {
        if (!h_exists(h->db, "SELECT 1 FROM power_item WHERE kind = ?", "t",
                      json_string_value(json_object_get(k, "code"))))
            fail_msg("no item of kind %s", json_string_value(json_object_get(k, "code")));
    }
    json_decref(kinds);
    /* every penalty item has its baseline in force */
    assert_false(h_exists(h->db,
                          "SELECT 1 FROM power_item i WHERE kind = 'penalty' AND NOT EXISTS"
                          " (SELECT 1 FROM discretion_version v WHERE v.power_item_id = i.id)",
                          ""));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r_pow_01_art9_penalty_item_needs_provisions_types_and_range),
        cmocka_unit_test(test_r_pow_01_types_are_read_as_codes_labels_or_the_articles_words),
        T(test_r_pow_02_levels_lie_within_the_items_terms),
        T(test_r_pow_03_levels_climb_without_crossing),
        T(test_r_pow_04_a_version_in_force_is_kept_a_scheduled_one_may_change),
        T(test_r_pow_05_a_new_version_takes_effect_today_or_later_after_the_others),
        T(test_r_pow_06_the_version_in_force_on_a_day_is_the_latest_before_it),
        T(test_r_pow_08_items_are_shared_down_and_changed_in_their_subtree),
        T(test_r_pow_09_an_import_saves_everything_or_nothing),
        T(test_r_pow_09_an_export_imports_again_unchanged),
        T(test_r_pow_09_the_sample_list_covers_every_line_and_kind),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
