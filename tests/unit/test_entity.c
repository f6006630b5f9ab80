/* test_entity.c — the registry of regulated entities (管理相对人): field checks (统一社会信用代码
 * and 身份证号 per GB 32100 / GB 11643, RULES.md §11), uniqueness within the province, scope,
 * versions, licences, search, and that nothing is ever half saved. */
#include "tests/support.h"
#include "law/agency.h"
#include "law/auth.h"
#include "law/dashboard.h"
#include "law/entity.h"
#include "law/role.h"
#include "base/codes.h"
#include "base/date.h"

#include <string.h>

/* ---- helpers ---------------------------------------------------------------------------- */

/* A valid 统一社会信用代码 for sequence seq, registered in division (6 digits) (arena). */
static const char *uscc_of(struct harness *h, const char *division, int seq)
{
    char s[USCC_LEN + 1];
    snprintf(s, sizeof s, "91%.6s%08d", division, seq % 100000000);
    s[16] = orgcode_check_char(s + 8);
    s[17] = 0;
    s[17] = uscc_check_char(s);
    s[18] = 0;
    assert_int_equal(uscc_check(s, NULL, NULL), 0);
    return arena_strdup(&h->arena, s);
}

/* A valid 居民身份证号码 with sequence seq (arena). */
static const char *idno(struct harness *h, int seq)
{
    char s[IDCARD_LEN + 1];
    snprintf(s, sizeof s, "32041219750615%03d", seq % 1000);
    s[17] = idcard_check_char(s);
    s[18] = 0;
    return arena_strdup(&h->arena, s);
}

/* A complete, valid organisation with sequence seq. */
static struct entity_input org_of(struct harness *h, int seq, const char *name)
{
    return (struct entity_input){
        .name = name,
        .uscc = uscc_of(h, "320412", seq),
        .address = "常州市武进区湖塘镇府前路1号",
        .subtype = "clinic",
    };
}

static int64_t count(struct harness *h, const char *sql, int64_t arg)
{
    struct err e = {0};
    int64_t n = -1;
    assert_int_equal(db_get_int(h->db, &e, &n, sql, "i", arg), 0);
    return n;
}

/* Lines indexed for entity id in entity_line, sorted, comma-joined (arena). */
static const char *indexed_lines(struct harness *h, int64_t id)
{
    struct err e = {0};
    struct buf b = {0};
    struct db_stmt *st = db_query(
        h->db, &e, "SELECT line FROM entity_line WHERE entity_id = ? ORDER BY line", "i", id);
    assert_non_null(st);
    while (db_step(st, &e) == DB_ROW) {
        if (b.len) buf_addc(&b, ',');
        buf_adds(&b, db_text(st, 0));
    }
    db_done(st);
    const char *s = arena_strdup(&h->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

static const char *names_of(struct harness *h, json_t *list)
{
    assert_non_null(list);
    struct buf b = {0};
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(list, "rows"), i, row)
    {
        if (i) buf_addc(&b, ',');
        buf_adds(&b, json_string_value(json_object_get(row, "name")));
    }
    const char *s = arena_strdup(&h->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

/* ---- entity_validate, field by field --------------------------------------------------- */

static void test_r_ent_01_gb32100_uscc_with_bad_check_char_is_refused(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct entity_input in = org_of(h, 1, "康泰诊所");
    assert_int_equal(entity_validate(&in, &e), 0);
    char bad[USCC_LEN + 1];
    snprintf(bad, sizeof bad, "%s", in.uscc);
    bad[17] = bad[17] == '0' ? '1' : '0';
    in.uscc = bad;
    assert_int_equal(entity_validate(&in, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "uscc"), "校验位"));
    assert_int_equal(e.nfields, 1);
    err_clear(&e);
    in.uscc = "91350100M000100Y43"; /* the standard's example is valid */
    assert_int_equal(entity_validate(&in, &e), 0);
    in.uscc = "91350100M000100Y4"; /* 17 characters */
    assert_int_equal(entity_validate(&in, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "uscc"));
    err_clear(&e);
    in.uscc = "";
    assert_int_equal(entity_validate(&in, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "uscc"), "单位须填写统一社会信用代码");
}

static void test_r_ent_02_gb11643_person_requires_valid_id_number(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct entity_input in = {.kind = "person", .name = "张三", .subtype = "person"};
    assert_int_equal(entity_validate(&in, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "id_number"), "个人须填写身份证号");
    /* a person needs no USCC and no address */
    assert_null(err_field_msg(&e, "uscc"));
    assert_null(err_field_msg(&e, "address"));
    err_clear(&e);
    char bad[IDCARD_LEN + 1];
    snprintf(bad, sizeof bad, "%s", idno(h, 1));
    bad[17] = bad[17] == '3' ? '4' : '3';
    in.id_number = bad;
    assert_int_equal(entity_validate(&in, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "id_number"), "校验位"));
    err_clear(&e);
    in.id_number = idno(h, 1);
    assert_int_equal(entity_validate(&in, &e), 0);
    in.kind = "robot";
    assert_int_equal(entity_validate(&in, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "kind"));
}

static void test_entity_unknown_subtype_is_refused(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct entity_input in = org_of(h, 2, "康泰诊所");
    in.subtype = "spaceport";
    assert_int_equal(entity_validate(&in, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "subtype"), "spaceport"));
    err_clear(&e);
    in.subtype = NULL;
    assert_int_equal(entity_validate(&in, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "subtype"), "请选择类别");
}

static void test_entity_bad_division_code_is_refused(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct entity_input in = org_of(h, 3, "康泰诊所");
    static const char *const bad[] = {"32041", "3204120", "32041200a", "3204120011",
                                      "３２０４１２"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err_clear(&e);
        in.division_code = bad[i];
        assert_int_equal(entity_validate(&in, &e), ERR_INVALID);
        assert_string_equal(err_field_msg(&e, "division_code"), "行政区划代码应为6、9或12位数字");
    }
    static const char *const good[] = {"320412", "320412001", "320412001001"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        err_clear(&e);
        in.division_code = good[i];
        assert_int_equal(entity_validate(&in, &e), 0);
    }
}

static void test_entity_bad_phone_is_refused(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct entity_input in = org_of(h, 4, "康泰诊所");
    static const char *const bad[] = {"123456", "0519-8888abc", "123456789012345678901",
                                      "0519—88888888"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err_clear(&e);
        in.phone = bad[i];
        assert_int_equal(entity_validate(&in, &e), ERR_INVALID);
        assert_string_equal(err_field_msg(&e, "phone"), "电话号码格式不正确");
    }
    err_clear(&e);
    in.phone = "+86 519-8888 8888";
    assert_int_equal(entity_validate(&in, &e), 0);
}

static void test_entity_bad_risk_grade_is_refused(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct entity_input in = org_of(h, 5, "康泰诊所");
    in.risk_grade = "E";
    assert_int_equal(entity_validate(&in, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "risk_grade"));
    err_clear(&e);
    in.risk_grade = "a";
    assert_int_equal(entity_validate(&in, &e), ERR_INVALID);
    err_clear(&e);
    in.risk_grade = "D";
    assert_int_equal(entity_validate(&in, &e), 0);
    in.risk_grade = "";
    assert_int_equal(entity_validate(&in, &e), 0);
}

static void test_entity_bad_status_lines_and_missing_name_are_refused(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct entity_input in = org_of(h, 6, "");
    in.status = "bankrupt";
    in.lines = "medical,ufo";
    in.address = "";
    assert_int_equal(entity_validate(&in, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "name"), "请填写名称");
    assert_string_equal(err_field_msg(&e, "status"), "状态应为营业、停业或注销");
    assert_string_equal(err_field_msg(&e, "lines"), "未知的专业：ufo");
    assert_string_equal(err_field_msg(&e, "address"), "请填写地址");
}

/* ---- entity_add ------------------------------------------------------------------------- */

static void test_entity_lines_default_to_subtype_lines(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "clerk", &who);
    struct err e = {0};
    struct entity_input in = org_of(h, 10, "同济口腔诊所");
    in.subtype = "dental";
    int64_t id = 0;
    assert_int_equal(entity_add(&c, &in, &id, &e), 0);
    json_t *o = entity_get(&c, id, &e);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "lines")),
                        "medical,infectious,radiation");
    assert_string_equal(json_string_value(json_object_get(o, "status")), "open");
    assert_string_equal(json_string_value(json_object_get(o, "agency_code")), "320412");
    json_decref(o);
    assert_string_equal(indexed_lines(h, id), "infectious,medical,radiation");

    /* lines given explicitly win over the sub-type's */
    in = org_of(h, 11, "龙城游泳馆");
    in.subtype = "swimming";
    in.lines = "public_place,water";
    assert_int_equal(entity_add(&c, &in, &id, &e), 0);
    assert_string_equal(indexed_lines(h, id), "public_place,water");
}

static void test_r_ent_03_entity_duplicate_uscc_in_same_county_is_conflict(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct entity_input in = org_of(h, 20, "健民诊所");
    int64_t id = 0, id2 = 0;
    assert_int_equal(entity_add(&c, &in, &id, &e), 0);
    int64_t n = count(h, "SELECT count(*) FROM entity WHERE ? = 0", 0);
    in.name = "健民诊所（分部）";
    assert_int_equal(entity_add(&c, &in, &id2, &e), ERR_CONFLICT);
    assert_int_equal(e.code, ERR_CONFLICT);
    assert_non_null(strstr(err_field_msg(&e, "uscc"), in.uscc));
    assert_int_equal(count(h, "SELECT count(*) FROM entity WHERE ? = 0", 0), n);
}

static void test_r_ent_03_duplicate_uscc_in_other_county_of_province_is_conflict(void **state)
{
    struct harness *h = *state;
    struct actor wa, wo;
    struct ctx admin = h_ctx(h, "admin", &wa);
    struct ctx other = h_ctx(h, "other", &wo);
    struct err e = {0};
    struct entity_input in = org_of(h, 21, "博爱医院");
    in.subtype = "hospital";
    int64_t id = 0, id2 = 0;
    assert_int_equal(entity_add(&admin, &in, &id, &e), 0);
    /* 320411 cannot see the 320412 entity, yet may not register the same code again */
    in.name = "博爱医院新北院区";
    assert_int_equal(entity_add(&other, &in, &id2, &e), ERR_CONFLICT);
    assert_non_null(err_field_msg(&e, "uscc"));
    assert_false(h_exists(h->db, "SELECT 1 FROM entity WHERE name = ?", "t", "博爱医院新北院区"));

    /* the same holds for a person's ID number */
    err_clear(&e);
    struct entity_input p = {
        .kind = "person", .name = "李四", .id_number = idno(h, 21), .subtype = "person"};
    assert_int_equal(entity_add(&admin, &p, &id, &e), 0);
    assert_int_equal(entity_add(&other, &p, &id2, &e), ERR_CONFLICT);
    assert_non_null(err_field_msg(&e, "id_number"));
}

static void test_entity_uscc_conflict_on_update(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct entity_input a = org_of(h, 22, "甲诊所"), b = org_of(h, 23, "乙诊所");
    int64_t ida = 0, idb = 0;
    assert_int_equal(entity_add(&c, &a, &ida, &e), 0);
    assert_int_equal(entity_add(&c, &b, &idb, &e), 0);
    b.uscc = a.uscc;
    assert_int_equal(entity_update(&c, idb, &b, &e), ERR_CONFLICT);
    assert_non_null(err_field_msg(&e, "uscc"));
    json_t *o = entity_get(&c, idb, &e);
    assert_string_equal(json_string_value(json_object_get(o, "uscc")), uscc_of(h, "320412", 23));
    json_decref(o);
}

/* ---- scope ------------------------------------------------------------------------------ */

static void test_r_auth_06_entity_of_other_county_is_not_found(void **state)
{
    struct harness *h = *state;
    struct actor wa, wo, wc;
    struct ctx admin = h_ctx(h, "admin", &wa);
    struct ctx other = h_ctx(h, "other", &wo);
    struct ctx city = h_ctx(h, "city", &wc);
    struct err e = {0};
    struct entity_input in = org_of(h, 30, "新北康复诊所");
    int64_t id = 0, lid = 0;
    assert_int_equal(entity_add(&other, &in, &id, &e), 0);

    assert_null(entity_get(&admin, id, &e));
    assert_int_equal(e.code, ERR_NOTFOUND);
    err_clear(&e);
    in.name = "被改名的诊所";
    assert_int_equal(entity_update(&admin, id, &in, &e), ERR_NOTFOUND);
    err_clear(&e);
    struct licence_input li = {.type = "clinic_record", .number = "X-1"};
    assert_int_equal(licence_add(&admin, id, &li, &lid, &e), ERR_NOTFOUND);
    err_clear(&e);
    struct entity_query q = {.q = "新北康复"};
    json_t *l = entity_list(&admin, &q, &e);
    assert_string_equal(names_of(h, l), "");
    json_decref(l);

    /* the city above both counties sees it; its own county still has it unchanged */
    json_t *o = entity_get(&city, id, &e);
    assert_non_null(o);
    json_decref(o);
    o = entity_get(&other, id, &e);
    assert_string_equal(json_string_value(json_object_get(o, "name")), "新北康复诊所");
    assert_int_equal(json_array_size(json_object_get(o, "licences")), 0);
    json_decref(o);

    /* nor can an entity be registered into another county */
    in = org_of(h, 31, "越权登记诊所");
    in.agency_code = "320411";
    assert_int_equal(entity_add(&admin, &in, &id, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "agency"));
}

/* ---- entity_update ---------------------------------------------------------------------- */

static void test_entity_update_with_stale_version_is_conflict(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct entity_input in = org_of(h, 40, "华康诊所");
    int64_t id = 0;
    assert_int_equal(entity_add(&c, &in, &id, &e), 0);
    in.version = 1;
    in.subtype = "hotel"; /* lines follow the new sub-type */
    in.name = "华康宾馆";
    assert_int_equal(entity_update(&c, id, &in, &e), 0);
    assert_string_equal(indexed_lines(h, id), "public_place");
    in.name = "华康大酒店";
    assert_int_equal(entity_update(&c, id, &in, &e), ERR_CONFLICT);
    json_t *o = entity_get(&c, id, &e);
    assert_string_equal(json_string_value(json_object_get(o, "name")), "华康宾馆");
    assert_int_equal(json_integer_value(json_object_get(o, "version")), 2);
    json_decref(o);
}

/* ---- licences --------------------------------------------------------------------------- */

static void test_licence_add_and_delete(void **state)
{
    struct harness *h = *state;
    struct actor wa, wo;
    struct ctx c = h_ctx(h, "admin", &wa);
    struct ctx other = h_ctx(h, "other", &wo);
    struct err e = {0};
    struct entity_input in = org_of(h, 50, "仁爱门诊部"), in2 = org_of(h, 51, "德仁门诊部");
    in.subtype = in2.subtype = "outpatient";
    int64_t id = 0, id2 = 0, lid = 0, lid2 = 0;
    assert_int_equal(entity_add(&c, &in, &id, &e), 0);
    assert_int_equal(entity_add(&c, &in2, &id2, &e), 0);
    struct licence_input li = {.type = "medical_institution",
                               .number = "PDY00001332041217D1",
                               .valid_from = "2021-01-01",
                               .valid_to = "2022-12-31"};
    assert_int_equal(licence_add(&c, id, &li, &lid, &e), 0);
    struct licence_input li2 = {.type = "radiation_diagnosis", .number = "苏卫放〔2024〕12号"};
    assert_int_equal(licence_add(&c, id, &li2, &lid2, &e), 0);

    json_t *o = entity_get(&c, id, &e);
    json_t *ls = json_object_get(o, "licences");
    assert_int_equal(json_array_size(ls), 2);
    json_t *l0 = json_array_get(ls, 0);
    assert_string_equal(json_string_value(json_object_get(l0, "type_label")), "医疗机构执业许可证");
    assert_string_equal(json_string_value(json_object_get(l0, "valid_to")), "2022-12-31");
    assert_true(json_is_true(json_object_get(l0, "expired")));
    assert_false(json_is_true(json_object_get(json_array_get(ls, 1), "expired")));
    json_decref(o);

    /* the same licence twice is a conflict */
    assert_int_equal(licence_add(&c, id, &li, &lid2, &e), ERR_CONFLICT);
    assert_non_null(err_field_msg(&e, "number"));
    err_clear(&e);

    /* a licence can be deleted only through its own entity, and only in scope */
    assert_int_equal(licence_delete(&c, id2, lid, &e), ERR_NOTFOUND);
    err_clear(&e);
    assert_int_equal(licence_delete(&other, id, lid, &e), ERR_NOTFOUND);
    err_clear(&e);
    assert_int_equal(licence_delete(&c, id, lid, &e), 0);
    assert_false(h_exists(h->db, "SELECT 1 FROM licence WHERE id = ?", "i", lid));
    assert_int_equal(licence_delete(&c, id, lid, &e), ERR_NOTFOUND);
    err_clear(&e);
    o = entity_get(&c, id, &e);
    assert_int_equal(json_array_size(json_object_get(o, "licences")), 1);
    json_decref(o);

    /* an unknown licence type and a missing number */
    struct licence_input bad = {.type = "fishing", .number = ""};
    assert_int_equal(licence_add(&c, id, &bad, &lid, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "type"));
    assert_string_equal(err_field_msg(&e, "number"), "请填写许可证号");
}

static void test_licence_valid_to_before_valid_from_is_refused(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct entity_input in = org_of(h, 52, "安康诊所");
    int64_t id = 0, lid = 0;
    assert_int_equal(entity_add(&c, &in, &id, &e), 0);
    struct licence_input li = {.type = "clinic_record",
                               .number = "备-0001",
                               .valid_from = "2024-06-01",
                               .valid_to = "2024-05-31"};
    assert_int_equal(licence_add(&c, id, &li, &lid, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "valid_to"), "有效期止应不早于有效期起");
    assert_false(h_exists(h->db, "SELECT 1 FROM licence WHERE entity_id = ?", "i", id));
    err_clear(&e);
    li.valid_to = "2024-13-01";
    assert_int_equal(licence_add(&c, id, &li, &lid, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "valid_to"));
    err_clear(&e);
    li.valid_to = "2024-06-01"; /* a one-day licence is allowed */
    assert_int_equal(licence_add(&c, id, &li, &lid, &e), 0);
}

/* ---- entity_list ------------------------------------------------------------------------ */

/* An agency of its own under 320412 with an admin "elist", and four known entities in it. */
static struct ctx list_fixture(struct harness *h, struct actor *who)
{
    static bool made;
    struct err e = {0};
    if (!made) {
        struct agency_input ai = {.code = "320412001",
                                  .name = "武进区卫生监督所湖塘分所",
                                  .level = "other",
                                  .parent_code = "320412"};
        int64_t aid = 0, uid = 0;
        assert_int_equal(agency_add(&h->ctx, &ai, &aid, &e), 0);
        struct user_input ui = {.username = "elist",
                                .display_name = "列表",
                                .password = TEST_PASSWORD,
                                .agency_code = "320412001",
                                .roles = 1u << ROLE_CLERK};
        assert_int_equal(user_add(&h->ctx, &ui, &uid, &e), 0);
    }
    struct ctx c = h_ctx(h, "elist", who);
    if (made) return c;
    made = true;
    int64_t id;
    struct entity_input e1 = org_of(h, 101, "康宁口腔诊所");
    e1.address = "湖塘镇人民路12号";
    e1.subtype = "dental";
    e1.risk_grade = "A";
    e1.legal_rep = "王建国";
    assert_int_equal(entity_add(&c, &e1, &id, &e), 0);
    struct entity_input e2 = org_of(h, 102, "仁和诊所");
    e2.uscc = uscc_of(h, "320412", 7654321);
    e2.address = "牛塘镇花园街8号";
    e2.risk_grade = "B";
    e2.status = "suspended";
    assert_int_equal(entity_add(&c, &e2, &id, &e), 0);
    struct entity_input e3 = org_of(h, 103, "金水湾游泳馆");
    e3.address = "湖塘镇滨湖路3号";
    e3.subtype = "swimming";
    e3.risk_grade = "C";
    assert_int_equal(entity_add(&c, &e3, &id, &e), 0);
    struct entity_input e4 = {.kind = "person",
                              .name = "李秀兰",
                              .id_number = idno(h, 104),
                              .address = "礼嘉镇坂上村",
                              .subtype = "person",
                              .status = "closed"};
    assert_int_equal(entity_add(&c, &e4, &id, &e), 0);
    return c;
}

static const char *list_names(struct harness *h, struct ctx *c, struct entity_query q)
{
    struct err e = {0};
    if (!q.per_page) q.per_page = 50;
    json_t *l = entity_list(c, &q, &e);
    assert_int_equal(e.code, 0);
    const char *s = names_of(h, l);
    json_decref(l);
    return s;
}

static void test_entity_list_search_by_fragments_of_any_length(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = list_fixture(h, &who);
    /* newest first, only the agency's own */
    assert_string_equal(list_names(h, &c, (struct entity_query){0}),
                        "李秀兰,金水湾游泳馆,仁和诊所,康宁口腔诊所");
    /* one character: name, then address */
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "诊"}),
                        "仁和诊所,康宁口腔诊所");
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "湖"}),
                        "金水湾游泳馆,康宁口腔诊所");
    /* two characters */
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "诊所"}),
                        "仁和诊所,康宁口腔诊所");
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "塘镇"}),
                        "金水湾游泳馆,仁和诊所,康宁口腔诊所");
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "秀兰"}), "李秀兰");
    /* three and more */
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "口腔诊所"}), "康宁口腔诊所");
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "湖塘镇"}),
                        "金水湾游泳馆,康宁口腔诊所");
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "花园街8号"}), "仁和诊所");
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "王建国"}), "康宁口腔诊所");
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "湖塘镇花园"}), "");
    /* a fragment of a USCC */
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "07654321"}), "仁和诊所");
}

static void test_entity_is_found_by_its_new_name_after_an_update(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct entity_input in = org_of(h, 106, "泰和足浴");
    int64_t id = 0, id2 = 0;
    assert_int_equal(entity_add(&c, &in, &id, &e), 0);
    struct entity_input in2 = org_of(h, 107, "泰和足浴二店");
    assert_int_equal(entity_add(&c, &in2, &id2, &e), 0);
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "泰和足浴"}),
                        "泰和足浴二店,泰和足浴");
    in.version = 1;
    in.name = "瑞丰茶楼";
    assert_int_equal(entity_update(&c, id, &in, &e), 0);
    /* found under the new name only, by fragments of any length */
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "泰和足浴"}), "泰和足浴二店");
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "泰和"}), "泰和足浴二店");
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "浴"}), "泰和足浴二店");
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "瑞丰茶楼"}), "瑞丰茶楼");
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "丰茶"}), "瑞丰茶楼");
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "楼"}), "瑞丰茶楼");
}

static void test_entity_list_filters_line_subtype_status_and_risk(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = list_fixture(h, &who);
    assert_string_equal(list_names(h, &c, (struct entity_query){.line = "radiation"}),
                        "康宁口腔诊所");
    assert_string_equal(list_names(h, &c, (struct entity_query){.line = "public_place"}),
                        "金水湾游泳馆");
    assert_string_equal(list_names(h, &c, (struct entity_query){.line = "medical"}),
                        "李秀兰,仁和诊所,康宁口腔诊所");
    assert_string_equal(list_names(h, &c, (struct entity_query){.subtype = "clinic"}), "仁和诊所");
    assert_string_equal(list_names(h, &c, (struct entity_query){.status = "suspended"}),
                        "仁和诊所");
    assert_string_equal(list_names(h, &c, (struct entity_query){.status = "open"}),
                        "金水湾游泳馆,康宁口腔诊所");
    assert_string_equal(list_names(h, &c, (struct entity_query){.risk_grade = "C"}),
                        "金水湾游泳馆");
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "湖塘镇", .risk_grade = "A"}),
                        "康宁口腔诊所");
    assert_string_equal(list_names(h, &c, (struct entity_query){.q = "诊", .status = "open"}),
                        "康宁口腔诊所");
    assert_string_equal(list_names(h, &c, (struct entity_query){.line = "water"}), "");

    struct err e = {0};
    struct entity_query q = {.per_page = 3};
    json_t *l = entity_list(&c, &q, &e);
    assert_string_equal(names_of(h, l), "李秀兰,金水湾游泳馆,仁和诊所");
    assert_true(json_is_true(json_object_get(l, "more")));
    json_decref(l);
    q.page = 2;
    l = entity_list(&c, &q, &e);
    assert_string_equal(names_of(h, l), "康宁口腔诊所");
    assert_false(json_is_true(json_object_get(l, "more")));
    json_decref(l);
}

static void test_dashboard_counts_lines_most_first_then_by_code(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = list_fixture(h, &who);
    struct err e = {0};
    json_t *d = dashboard_summary(&c, &e);
    assert_non_null(d);
    json_t *lines = json_object_get(d, "by_line");
    assert_true(json_array_size(lines) >= 3); /* the fixture has ties: medical and infectious */
    for (size_t i = 1; i < json_array_size(lines); i++) {
        json_t *a = json_array_get(lines, i - 1), *b = json_array_get(lines, i);
        json_int_t na = json_integer_value(json_object_get(a, "count"));
        json_int_t nb = json_integer_value(json_object_get(b, "count"));
        const char *la = json_string_value(json_object_get(a, "line"));
        const char *lb = json_string_value(json_object_get(b, "line"));
        if (na < nb || (na == nb && strcmp(la, lb) >= 0))
            fail_msg("line %s (%lld) listed before %s (%lld)", la, (long long)na, lb,
                     (long long)nb);
    }
    json_decref(d);
}

/* ---- one transaction per action --------------------------------------------------------- */

/* Make inserts into table fail when cond holds for the NEW row, as a full disk or a broken audit
 * store would; the trigger is called name. SQLite raises from the trigger itself; PostgreSQL
 * raises from a function of the same name. */
static void fail_inserts(struct harness *h, const char *name, const char *table, const char *cond)
{
    char sql[512];
    if (h->postgres)
        snprintf(sql, sizeof sql,
                 "CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS"
                 " $$BEGIN RAISE EXCEPTION 'unavailable'; END$$;"
                 "CREATE TRIGGER %s BEFORE INSERT ON %s FOR EACH ROW WHEN (%s)"
                 " EXECUTE FUNCTION %s()",
                 name, name, table, cond, name);
    else
        snprintf(sql, sizeof sql,
                 "CREATE TRIGGER %s BEFORE INSERT ON %s WHEN %s"
                 " BEGIN SELECT RAISE(ABORT, 'unavailable'); END",
                 name, table, cond);
    struct err e = {0};
    if (db_exec_script(h->db, &e, sql)) fail_msg("%s: %s", sql, e.msg);
}

/* Undo fail_inserts. */
static void allow_inserts(struct harness *h, const char *name, const char *table)
{
    char sql[256];
    if (h->postgres)
        snprintf(sql, sizeof sql, "DROP TRIGGER %s ON %s; DROP FUNCTION %s()", name, table, name);
    else
        snprintf(sql, sizeof sql, "DROP TRIGGER %s", name);
    struct err e = {0};
    if (db_exec_script(h->db, &e, sql)) fail_msg("%s: %s", sql, e.msg);
}

static void test_entity_add_failure_leaves_nothing_half_saved(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    const char *counts = "SELECT (SELECT count(*) FROM entity) * 1000000 +"
                         " (SELECT count(*) FROM entity_line) * 1000 +"
                         " (SELECT count(*) FROM audit_log) WHERE ? = 0";
    int64_t before = count(h, counts, 0), id = 0;

    /* the audit row cannot be written: the entity and its lines must go too */
    fail_inserts(h, "t_no_audit", "audit_log", "NEW.action = 'entity.create'");
    struct entity_input in = org_of(h, 60, "半途诊所");
    assert_true(entity_add(&c, &in, &id, &e) < 0);
    assert_int_equal(db_depth(h->db), 0);
    assert_int_equal(count(h, counts, 0), before);
    assert_false(h_exists(h->db, "SELECT 1 FROM entity WHERE name = ?", "t", "半途诊所"));
    allow_inserts(h, "t_no_audit", "audit_log");

    /* an index row cannot be written: the entity row must go */
    err_clear(&e);
    fail_inserts(h, "t_no_line", "entity_line", "NEW.line = 'infectious'");
    assert_true(entity_add(&c, &in, &id, &e) < 0);
    assert_int_equal(db_depth(h->db), 0);
    assert_int_equal(count(h, counts, 0), before);
    allow_inserts(h, "t_no_line", "entity_line");

    /* a duplicate and a validation failure write nothing either */
    err_clear(&e);
    struct entity_input dup = org_of(h, 61, "重复诊所");
    assert_int_equal(entity_add(&c, &dup, &id, &e), 0);
    before = count(h, counts, 0);
    assert_int_equal(entity_add(&c, &dup, &id, &e), ERR_CONFLICT);
    err_clear(&e);
    dup.phone = "abc";
    assert_int_equal(entity_add(&c, &dup, &id, &e), ERR_INVALID);
    assert_int_equal(count(h, counts, 0), before);

    /* and with the obstacles gone the same input saves, lines and audit row included */
    err_clear(&e);
    assert_int_equal(entity_add(&c, &in, &id, &e), 0);
    assert_int_equal(count(h, counts, 0), before + 1000000 + 2000 + 1);
}

static void test_entity_update_failure_keeps_old_lines(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct entity_input in = org_of(h, 62, "旧线诊所");
    int64_t id = 0;
    assert_int_equal(entity_add(&c, &in, &id, &e), 0);
    fail_inserts(h, "t_no_audit2", "audit_log", "NEW.action = 'entity.update'");
    in.lines = "water";
    in.name = "新线诊所";
    assert_true(entity_update(&c, id, &in, &e) < 0);
    allow_inserts(h, "t_no_audit2", "audit_log");
    assert_string_equal(indexed_lines(h, id), "infectious,medical");
    err_clear(&e);
    json_t *o = entity_get(&c, id, &e);
    assert_string_equal(json_string_value(json_object_get(o, "name")), "旧线诊所");
    assert_int_equal(json_integer_value(json_object_get(o, "version")), 1);
    json_decref(o);
}

/* The counts the triggers keep (migration 022) agree with counting the rows: the rows a count
 * finds that the tally lacks, and the other way round, are none. */
static void assert_tallies_agree(struct harness *h)
{
    static const char *const checks[] = {
        "SELECT COUNT(*) FROM (SELECT agency_id, status, count(*) FROM entity"
        " GROUP BY agency_id, status EXCEPT SELECT agency_id, status, n FROM entity_tally"
        " WHERE n <> 0) d",
        "SELECT COUNT(*) FROM (SELECT agency_id, status, n FROM entity_tally WHERE n <> 0"
        " EXCEPT SELECT agency_id, status, count(*) FROM entity GROUP BY agency_id, status) d",
        "SELECT COUNT(*) FROM (SELECT x.agency_id, l.line, count(*) FROM entity_line l"
        " JOIN entity x ON x.id = l.entity_id GROUP BY x.agency_id, l.line"
        " EXCEPT SELECT agency_id, line, n FROM entity_line_tally WHERE n <> 0) d",
        "SELECT COUNT(*) FROM (SELECT agency_id, line, n FROM entity_line_tally WHERE n <> 0"
        " EXCEPT SELECT x.agency_id, l.line, count(*) FROM entity_line l"
        " JOIN entity x ON x.id = l.entity_id GROUP BY x.agency_id, l.line) d",
    };
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
        struct err e = {0};
        int64_t n = -1;
        if (db_get_int(h->db, &e, &n, checks[i], "") || n != 0)
            fail_msg("tally differs (%lld rows): %s %s", (long long)n, checks[i], e.msg);
    }
}

/* The start page's registry figures come from counts kept on every change: new entities, a
 * status or lines changed, an entity moved to another county, rows deleted. */
static void test_registry_tallies_follow_every_change(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    assert_tallies_agree(h);
    struct entity_input in = org_of(h, 71, "计数诊所");
    int64_t id = 0;
    assert_int_equal(entity_add(&c, &in, &id, &e), 0);
    assert_tallies_agree(h);
    json_t *before = dashboard_summary(&c, &e);
    in.status = "closed";
    in.lines = "water,medical";
    in.version = 1;
    assert_int_equal(entity_update(&c, id, &in, &e), 0);
    assert_tallies_agree(h);
    json_t *after = dashboard_summary(&c, &e);
    assert_int_equal(json_integer_value(json_object_get(after, "entities")),
                     json_integer_value(json_object_get(before, "entities")));
    assert_int_equal(json_integer_value(json_object_get(after, "entities_open")),
                     json_integer_value(json_object_get(before, "entities_open")) - 1);
    json_decref(before);
    json_decref(after);
    /* moved to the other county, behind the application's back */
    assert_int_equal(db_exec(h->db, &e,
                             "UPDATE entity SET agency_id = (SELECT id FROM agency"
                             " WHERE code = '320411') WHERE id = ?",
                             "i", id),
                     1);
    assert_tallies_agree(h);
    assert_true(db_exec(h->db, &e, "DELETE FROM entity_line WHERE entity_id = ?", "i", id) > 0);
    assert_tallies_agree(h);
    assert_int_equal(db_exec(h->db, &e, "DELETE FROM entity WHERE id = ?", "i", id), 1);
    assert_tallies_agree(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r_ent_01_gb32100_uscc_with_bad_check_char_is_refused),
        cmocka_unit_test(test_r_ent_02_gb11643_person_requires_valid_id_number),
        cmocka_unit_test(test_entity_unknown_subtype_is_refused),
        cmocka_unit_test(test_entity_bad_division_code_is_refused),
        cmocka_unit_test(test_entity_bad_phone_is_refused),
        cmocka_unit_test(test_entity_bad_risk_grade_is_refused),
        cmocka_unit_test(test_entity_bad_status_lines_and_missing_name_are_refused),
        cmocka_unit_test(test_entity_lines_default_to_subtype_lines),
        cmocka_unit_test(test_r_ent_03_entity_duplicate_uscc_in_same_county_is_conflict),
        cmocka_unit_test(test_r_ent_03_duplicate_uscc_in_other_county_of_province_is_conflict),
        cmocka_unit_test(test_entity_uscc_conflict_on_update),
        cmocka_unit_test(test_r_auth_06_entity_of_other_county_is_not_found),
        cmocka_unit_test(test_entity_update_with_stale_version_is_conflict),
        cmocka_unit_test(test_licence_add_and_delete),
        cmocka_unit_test(test_licence_valid_to_before_valid_from_is_refused),
        cmocka_unit_test(test_entity_list_search_by_fragments_of_any_length),
        cmocka_unit_test(test_entity_list_filters_line_subtype_status_and_risk),
        cmocka_unit_test(test_dashboard_counts_lines_most_first_then_by_code),
        cmocka_unit_test(test_registry_tallies_follow_every_change),
        cmocka_unit_test(test_entity_add_failure_leaves_nothing_half_saved),
        cmocka_unit_test(test_entity_update_failure_keeps_old_lines),
        cmocka_unit_test(test_entity_is_found_by_its_new_name_after_an_update),
    };
    return cmocka_run_group_tests(tests, harness_setup, harness_teardown);
}
