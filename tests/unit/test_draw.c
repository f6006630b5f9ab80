/* test_draw.c — the verifiable draw of 双随机、一公开 (国办发〔2015〕58号, RULES.md §4), without a
 * database: canonical snapshot and commitment, the keyed stream, uniformity, the same seed giving
 * the same selection, verification catching a changed pool or seed, the team rules (two
 * officers and 回避: 行政处罚法 第四十二、四十三条; a different team from last time; the cap),
 * the completion figures, and an independent Python re-implementation agreeing with C. */
#include "tests/support.h"
#include "law/draw.h"
#include "law/draw_pack.h"
#include "base/crypto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- helpers ------------------------------------------------------------------------------ */

static const char *const brands[] = {"康宁", "仁和", "华康", "益民", "博爱", "安泰", "福寿",
                                     "新城", "阳光", "金鼎", "锦绣", "百草", "东方", "天和"};

/* A pool of n entities with ids 10, 13, 16, … and Chinese names (names live in static storage
 * of up to 4096 entries). Grades cycle A B C D - when stratified. */
static struct draw_entry *make_pool(size_t n, bool stratified)
{
    static char names[4096][64];
    struct draw_entry *p = calloc(n, sizeof *p);
    for (size_t i = 0; i < n; i++) {
        snprintf(names[i % 4096], sizeof names[0], "武进区%s诊所%zu号", brands[i % countof(brands)],
                 i);
        p[i].id = 10 + 3 * (int64_t)i;
        p[i].name = names[i % 4096];
        p[i].stratum = stratified ? DRAW_STRATA[i % DRAW_NSTRATA] : 0;
    }
    return p;
}

static struct draw_quota count_quota(int64_t k)
{
    struct draw_quota q = {.by_count = true, .count = k};
    for (int i = 0; i < DRAW_NSTRATA; i++)
        q.grade_bp[i] = -1;
    return q;
}

/* Ids drawn from pool with seed and quota, comma-joined into out. */
static void drawn_ids(const struct draw_entry *pool, size_t n, const struct draw_quota *q,
                      const char *seed, char *out, size_t outlen)
{
    uint8_t key[DRAW_KEY_BYTES];
    draw_key(seed, key);
    struct draw_pick *picks;
    size_t np;
    draw_entities(pool, n, q, key, &picks, &np);
    size_t o = 0;
    out[0] = 0;
    for (size_t i = 0; i < np && o + 24 < outlen; i++)
        o += (size_t)snprintf(out + o, outlen - o, "%s%lld", i ? "," : "", (long long)picks[i].id);
    free(picks);
}

/* ---- snapshot and commitment --------------------------------------------------------------- */

static void test_r_draw_01_snapshot_is_canonical_and_hashed(void **state)
{
    (void)state;
    struct draw_entry pool[] = {{3, "仁和诊所", 0}, {17, "康宁\t口腔\n诊所", 0}, {250, "张*", 0}};
    struct buf b = {0};
    struct err e = {0};
    assert_int_equal(draw_snapshot(pool, 3, false, &b, &e), 0);
    assert_string_equal(buf_str(&b), "3\t仁和诊所\n17\t康宁 口腔 诊所\n250\t张*\n");
    char hex[DRAW_HASH_HEX], want[65];
    draw_commitment(b.p, b.len, hex);
    sha256_hex(b.p, b.len, want);
    assert_string_equal(hex, want);
    assert_int_equal(strlen(hex), 64);

    /* the commitment is the hash of exactly these bytes: one changed name changes it */
    struct buf b2 = {0};
    pool[2].name = "李*";
    assert_int_equal(draw_snapshot(pool, 3, false, &b2, &e), 0);
    char hex2[DRAW_HASH_HEX];
    draw_commitment(b2.p, b2.len, hex2);
    assert_string_not_equal(hex, hex2);

    /* unsorted pools are refused */
    struct draw_entry bad[] = {{5, "甲", 0}, {4, "乙", 0}};
    buf_reset(&b2);
    assert_int_equal(draw_snapshot(bad, 2, false, &b2, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "升序"));

    /* stratified pools carry the grade */
    struct draw_entry graded[] = {{1, "甲", 'A'}, {2, "乙", '-'}};
    buf_reset(&b2);
    assert_int_equal(draw_snapshot(graded, 2, true, &b2, &e), 0);
    assert_string_equal(buf_str(&b2), "1\t甲\tA\n2\t乙\t-\n");
    buf_free(&b);
    buf_free(&b2);
}

static void test_snapshot_parse_round_trip_and_rejects(void **state)
{
    (void)state;
    struct draw_entry *pool = make_pool(50, true), *back;
    struct buf b = {0};
    struct err e = {0};
    assert_int_equal(draw_snapshot(pool, 50, true, &b, &e), 0);
    char *text = strdup(b.p);
    size_t n;
    bool strat;
    assert_int_equal(draw_snapshot_parse(text, b.len, &back, &n, &strat, &e), 0);
    assert_int_equal(n, 50);
    assert_true(strat);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(back[i].id, pool[i].id);
        assert_string_equal(back[i].name, pool[i].name);
        assert_int_equal(back[i].stratum, pool[i].stratum);
    }
    free(back);
    free(text);

    static const char *const bad[] = {
        "2\t甲\n1\t乙\n",    /* not ascending */
        "1\t甲\n1\t乙\n",    /* duplicate */
        "01\t甲\n",          /* leading zero */
        "1\t甲",             /* no final newline */
        "1\t甲\tA\n2\t乙\n", /* mixed forms */
        "1\t甲\tE\n",        /* no such grade */
        "x\t甲\n",           /* not a number */
        "1\t甲\r\n",         /* carriage return */
    };
    for (size_t i = 0; i < countof(bad); i++) {
        char *t = strdup(bad[i]);
        err_clear(&e);
        back = NULL;
        assert_int_equal(draw_snapshot_parse(t, strlen(t), &back, &n, &strat, &e), ERR_INVALID);
        assert_non_null(strstr(e.msg, "快照第"));
        free(t);
    }
    /* an empty pool is a valid (empty) snapshot */
    char empty[1] = "";
    assert_int_equal(draw_snapshot_parse(empty, 0, &back, &n, &strat, &e), 0);
    assert_int_equal(n, 0);
    free(back);
    buf_free(&b);
    free(pool);
}

static void test_r_draw_11_person_names_are_masked(void **state)
{
    (void)state;
    char out[64];
    draw_mask_name("张三", out, sizeof out);
    assert_string_equal(out, "张*");
    draw_mask_name("欧阳娜娜", out, sizeof out);
    assert_string_equal(out, "欧***");
    draw_mask_name("王", out, sizeof out);
    assert_string_equal(out, "*");
    draw_mask_name("", out, sizeof out);
    assert_string_equal(out, "*");
}

/* ---- the stream ----------------------------------------------------------------------------- */

static void test_stream_is_keyed_and_purpose_separated(void **state)
{
    (void)state;
    uint8_t k1[DRAW_KEY_BYTES], k2[DRAW_KEY_BYTES];
    draw_key("2026年3月15日公开摇号 381920", k1);
    draw_key("2026年3月15日公开摇号 381921", k2);
    assert_memory_not_equal(k1, k2, DRAW_KEY_BYTES);
    struct draw_stream a, b, c;
    draw_stream_init(&a, k1, "entities");
    draw_stream_init(&b, k1, "entities");
    draw_stream_init(&c, k1, "team:1");
    bool differs = false;
    for (int i = 0; i < 2000; i++) { /* crosses several refills of the buffer */
        uint64_t x = draw_stream_u64(&a);
        assert_true(x == draw_stream_u64(&b));
        differs |= x != draw_stream_u64(&c);
    }
    assert_true(differs);
    /* the key is SHA-256("landun-draw-v1" 0x00 seed) */
    char hex[65];
    unsigned char msg[64] = "landun-draw-v1";
    memcpy(msg + 15, "abc", 3);
    sha256_hex(msg, 18, hex);
    draw_key("abc", k1);
    char khex[65];
    for (int i = 0; i < 32; i++)
        snprintf(khex + 2 * i, 3, "%02x", k1[i]);
    assert_string_equal(khex, hex);
}

static void test_uniform_has_no_modulo_bias(void **state)
{
    (void)state;
    /* n = 3 · 2^62 makes the top quarter of the words unusable; every answer must be < n and
     * the low half must not be favoured (it would be, two to one, with a plain modulo). */
    uint8_t key[DRAW_KEY_BYTES];
    draw_key("bias", key);
    struct draw_stream s;
    draw_stream_init(&s, key, "entities");
    uint64_t n = 3ull << 62, low = 0;
    for (int i = 0; i < 30000; i++) {
        uint64_t x = draw_uniform(&s, n);
        assert_true(x < n);
        low += x < n / 2;
    }
    /* fair: 15000 ± a few hundred; a plain modulo: about 18750 */
    assert_true(low > 14400 && low < 15600);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(draw_uniform(&s, 1), 0);
}

/* Chi-square statistic of counts against a uniform expectation. */
static double chi_square(const int *counts, int cells, double expected)
{
    double chi = 0;
    for (int i = 0; i < cells; i++)
        chi += (counts[i] - expected) * (counts[i] - expected) / expected;
    return chi;
}

static void test_selection_is_uniform(void **state)
{
    (void)state;
    /* 20,000 draws of 3 out of 10 with seeds "u0" … : every position is chosen 6,000 times on
     * average, and each position is equally likely to come first. The seeds are fixed, so the
     * statistics are too; the bounds are the 99.9% quantiles of chi-square with 9 degrees of
     * freedom (27.88). */
    int chosen[10] = {0}, first[10] = {0};
    for (int t = 0; t < 20000; t++) {
        char seed[16];
        snprintf(seed, sizeof seed, "u%d", t);
        uint8_t key[DRAW_KEY_BYTES];
        draw_key(seed, key);
        struct draw_stream s;
        draw_stream_init(&s, key, "entities");
        uint32_t out[3];
        draw_select(&s, 10, 3, out);
        assert_true(out[0] != out[1] && out[1] != out[2] && out[0] != out[2]);
        for (int i = 0; i < 3; i++)
            chosen[out[i]]++;
        first[out[0]]++;
    }
    double c1 = chi_square(chosen, 10, 6000), c2 = chi_square(first, 10, 2000);
    if (c1 >= 27.88 || c2 >= 27.88) fail_msg("chi-square %.2f / %.2f", c1, c2);
}

/* ---- entity draws ---------------------------------------------------------------------------- */

static void test_r_draw_02_same_seed_same_selection(void **state)
{
    (void)state;
    struct draw_entry *pool = make_pool(1000, false);
    struct draw_quota q = count_quota(50);
    char a[2048], b[2048], c[2048];
    drawn_ids(pool, 1000, &q, "381920", a, sizeof a);
    drawn_ids(pool, 1000, &q, "381920", b, sizeof b);
    drawn_ids(pool, 1000, &q, "381921", c, sizeof c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    /* 50 distinct ids from the pool */
    uint8_t key[DRAW_KEY_BYTES];
    draw_key("381920", key);
    struct draw_pick *p;
    size_t np;
    draw_entities(pool, 1000, &q, key, &p, &np);
    assert_int_equal(np, 50);
    for (size_t i = 0; i < np; i++) {
        assert_int_equal(pool[p[i].pool_index].id, p[i].id);
        for (size_t j = 0; j < i; j++)
            assert_true(p[i].id != p[j].id);
    }
    free(p);
    /* a count larger than the pool draws the whole pool */
    q.count = 5000;
    draw_entities(pool, 1000, &q, key, &p, &np);
    assert_int_equal(np, 1000);
    free(p);
    free(pool);
}

static void test_r_draw_03_quota_ratio_rounds_up_and_strata(void **state)
{
    (void)state;
    struct draw_quota q = count_quota(0);
    q.by_count = false;
    q.ratio_bp = 500; /* 5% */
    assert_int_equal(draw_quota_k(&q, 0, 1000000), 50000);
    assert_int_equal(draw_quota_k(&q, 0, 21), 2); /* 1.05 → 2: the ratio is a minimum */
    assert_int_equal(draw_quota_k(&q, 0, 20), 1);
    assert_int_equal(draw_quota_k(&q, 0, 0), 0);
    q.stratified = true;
    q.grade_bp[0] = 300;  /* A 3% */
    q.grade_bp[3] = 2000; /* D 20% */
    assert_int_equal(draw_quota_k(&q, 'A', 100), 3);
    assert_int_equal(draw_quota_k(&q, 'B', 100), 5); /* falls back to the plan's ratio */
    assert_int_equal(draw_quota_k(&q, 'D', 100), 20);
    q.grade_bp[2] = 10000;
    assert_int_equal(draw_quota_k(&q, 'C', 7), 7);

    struct draw_entry *pool = make_pool(500, true); /* 100 per grade */
    uint8_t key[DRAW_KEY_BYTES];
    draw_key("grades", key);
    struct draw_pick *p;
    size_t np;
    draw_entities(pool, 500, &q, key, &p, &np);
    /* A 3, B 5, C 100, D 20, - 5, in that order */
    assert_int_equal(np, 3 + 5 + 100 + 20 + 5);
    assert_int_equal(p[0].stratum, 'A');
    assert_int_equal(p[3].stratum, 'B');
    assert_int_equal(p[np - 1].stratum, '-');
    for (size_t i = 0; i < np; i++)
        assert_int_equal(pool[p[i].pool_index].stratum, p[i].stratum);
    free(p);
    free(pool);
}

static void test_verify_detects_changed_pool_or_seed(void **state)
{
    (void)state;
    struct draw_entry *pool = make_pool(300, false);
    struct draw_quota q = count_quota(12);
    struct buf snap = {0};
    struct err e = {0};
    assert_int_equal(draw_snapshot(pool, 300, false, &snap, &e), 0);
    char commitment[DRAW_HASH_HEX];
    draw_commitment(snap.p, snap.len, commitment);
    uint8_t key[DRAW_KEY_BYTES];
    draw_key("公开摇号 2026-03-15 第1组 7741", key);
    struct draw_pick *p;
    size_t np;
    draw_entities(pool, 300, &q, key, &p, &np);
    int64_t ids[12];
    for (size_t i = 0; i < np; i++)
        ids[i] = p[i].id;
    free(p);

    struct draw_verdict v;
    assert_int_equal(draw_verify(snap.p, snap.len, commitment, "公开摇号 2026-03-15 第1组 7741", &q,
                                 ids, 12, &v, &e),
                     0);
    assert_true(v.ok);
    assert_true(str_prefix(v.summary, "验证通过"));
    assert_int_equal(v.pool, 300);

    /* another seed: the selection no longer matches, and the verdict says where */
    assert_int_equal(draw_verify(snap.p, snap.len, commitment, "公开摇号 2026-03-15 第1组 7742", &q,
                                 ids, 12, &v, &e),
                     0);
    assert_false(v.ok);
    assert_true(v.hash_ok);
    assert_false(v.selection_ok);
    assert_non_null(strstr(v.summary, "中选单位不一致"));

    /* one entity dropped from the pool after the commitment: the hash and the draw differ */
    struct buf changed = {0};
    assert_int_equal(draw_snapshot(pool + 1, 299, false, &changed, &e), 0);
    assert_int_equal(draw_verify(changed.p, changed.len, commitment,
                                 "公开摇号 2026-03-15 第1组 7741", &q, ids, 12, &v, &e),
                     0);
    assert_false(v.hash_ok);
    assert_false(v.ok);
    assert_non_null(strstr(v.summary, "与公布的承诺"));

    /* a renamed entity: only the hash tells */
    pool[5].name = "改过名的诊所";
    buf_reset(&changed);
    assert_int_equal(draw_snapshot(pool, 300, false, &changed, &e), 0);
    assert_int_equal(draw_verify(changed.p, changed.len, commitment,
                                 "公开摇号 2026-03-15 第1组 7741", &q, ids, 12, &v, &e),
                     0);
    assert_false(v.hash_ok);
    assert_true(v.selection_ok);
    assert_false(v.ok);

    /* a published selection with one id swapped */
    ids[4] = 10;
    assert_int_equal(draw_verify(snap.p, snap.len, commitment, "公开摇号 2026-03-15 第1组 7741", &q,
                                 ids, 12, &v, &e),
                     0);
    assert_false(v.ok);
    assert_non_null(strstr(v.summary, "第5个中选单位不一致"));
    buf_free(&snap);
    buf_free(&changed);
    free(pool);
}

/* ---- teams ----------------------------------------------------------------------------------- */

/* n candidates with ids 101 … ; why[i] (may be NULL) marks the ineligible ones. */
static struct draw_candidate *make_officers(size_t n, const char *const *why)
{
    struct draw_candidate *c = calloc(n, sizeof *c);
    for (size_t i = 0; i < n; i++) {
        c[i].id = 101 + (int64_t)i;
        c[i].why_not = why ? why[i] : NULL;
    }
    return c;
}

static void test_r_draw_04_team_has_two_distinct_eligible_officers(void **state)
{
    (void)state;
    static const char *const why[] = {NULL, "执法证已过有效期", NULL, "专业不符", NULL, NULL};
    struct draw_candidate *c = make_officers(6, why);
    struct draw_officers *o = draw_officers_new(c, 6, 0);
    uint8_t key[DRAW_KEY_BYTES];
    draw_key("teams", key);
    struct draw_team_rules r = {.size = 2, .entity = "康宁诊所"};
    char reason[512];
    int used[6] = {0};
    for (size_t t = 1; t <= 400; t++) {
        int64_t team[2];
        assert_int_equal(draw_team(o, key, t, &r, team, NULL, reason, sizeof reason), 0);
        assert_true(team[0] < team[1]); /* ascending, distinct */
        for (int i = 0; i < 2; i++) {
            assert_null(c[team[i] - 101].why_not); /* 行政处罚法 第四十二条 */
            used[team[i] - 101]++;
        }
    }
    assert_int_equal(used[1] + used[3], 0);
    for (int i = 0; i < 6; i++)
        if (!why[i]) assert_true(used[i] > 100); /* 800 seats over 4 officers: about 200 each */
    assert_int_equal(c[0].load, used[0]);
    /* the same key and task number give the same team */
    int64_t t1[2], t2[2];
    struct draw_officers *o2 = draw_officers_new(c, 6, 0);
    draw_team(o2, key, 7, &r, t1, NULL, reason, sizeof reason);
    draw_team(o2, key, 7, &r, t2, NULL, reason, sizeof reason);
    assert_memory_equal(t1, t2, sizeof t1);
    /* a team of one is refused */
    r.size = 1;
    assert_int_equal(draw_team(o2, key, 1, &r, t1, NULL, reason, sizeof reason), ERR_INVALID);
    draw_officers_free(o);
    draw_officers_free(o2);
    free(c);
}

static void test_r_draw_05_team_never_includes_avoided_officer(void **state)
{
    (void)state;
    struct draw_candidate *c = make_officers(5, NULL);
    struct draw_officers *o = draw_officers_new(c, 5, 0);
    uint8_t key[DRAW_KEY_BYTES];
    draw_key("avoid", key);
    int64_t avoid[] = {104, 102, 999}; /* 999 is not a candidate at all */
    struct draw_team_rules r = {.size = 3, .entity = "仁和诊所", .avoid = avoid, .navoid = 3};
    char reason[512];
    for (size_t t = 1; t <= 300; t++) {
        int64_t team[3];
        assert_int_equal(draw_team(o, key, t, &r, team, NULL, reason, sizeof reason), 0);
        for (int i = 0; i < 3; i++) /* 行政处罚法 第四十三条 */
            assert_true(team[i] != 102 && team[i] != 104);
        assert_int_equal(team[0], 101);
        assert_int_equal(team[1], 103);
        assert_int_equal(team[2], 105);
    }
    draw_officers_free(o);
    free(c);
}

static void test_r_draw_06_team_differs_from_previous_when_possible(void **state)
{
    (void)state;
    struct draw_candidate *c = make_officers(3, NULL);
    struct draw_officers *o = draw_officers_new(c, 3, 0);
    uint8_t key[DRAW_KEY_BYTES];
    draw_key("previous", key);
    int64_t prev[] = {102, 101};
    struct draw_team_rules r = {.size = 2, .entity = "华康诊所", .prev = prev, .nprev = 2};
    char reason[512];
    int seen_13 = 0, seen_23 = 0;
    for (size_t t = 1; t <= 300; t++) {
        int64_t team[2];
        bool repeat;
        assert_int_equal(draw_team(o, key, t, &r, team, &repeat, reason, sizeof reason), 0);
        assert_false(repeat);
        assert_false(team[0] == 101 && team[1] == 102);
        seen_13 += team[0] == 101 && team[1] == 103;
        seen_23 += team[0] == 102 && team[1] == 103;
    }
    assert_true(seen_13 > 100 && seen_23 > 100);
    draw_officers_free(o);

    /* with only the previous two eligible, they serve again and the draw says so */
    static const char *const why[] = {NULL, NULL, "执法证已注销"};
    struct draw_candidate *c2 = make_officers(3, why);
    o = draw_officers_new(c2, 3, 0);
    int64_t team[2];
    bool repeat;
    assert_int_equal(draw_team(o, key, 1, &r, team, &repeat, reason, sizeof reason), 0);
    assert_true(repeat);
    assert_int_equal(team[0], 101);
    assert_int_equal(team[1], 102);
    draw_officers_free(o);
    free(c);
    free(c2);
}

static void test_r_draw_07_team_cap_balances_load(void **state)
{
    (void)state;
    struct draw_candidate *c = make_officers(4, NULL);
    struct draw_officers *o = draw_officers_new(c, 4, 1); /* at most 1 task each */
    uint8_t key[DRAW_KEY_BYTES];
    draw_key("cap", key);
    struct draw_team_rules r = {.size = 2, .entity = "益民诊所"};
    char reason[512];
    int64_t team[2], second[2];
    assert_int_equal(draw_team(o, key, 1, &r, team, NULL, reason, sizeof reason), 0);
    assert_int_equal(draw_team(o, key, 2, &r, second, NULL, reason, sizeof reason), 0);
    /* the second team is the two the first did not take */
    for (int i = 0; i < 2; i++)
        assert_true(second[i] != team[0] && second[i] != team[1]);
    for (int i = 0; i < 4; i++)
        assert_int_equal(c[i].load, 1);
    assert_int_equal(draw_team(o, key, 3, &r, team, NULL, reason, sizeof reason), ERR_INVALID);
    assert_string_equal(
        reason, "单位「益民诊所」可选执法人员不足2名（可选0名）：4人已达本计划任务上限（1项）");
    draw_officers_free(o);

    /* with a cap of 3, 60 tasks over 40 officers (120 seats) fill every officer exactly */
    struct draw_candidate *many = make_officers(40, NULL);
    o = draw_officers_new(many, 40, 3);
    int done = 0;
    for (size_t t = 1; t <= 60; t++)
        done += draw_team(o, key, t, &r, team, NULL, reason, sizeof reason) == 0;
    for (int i = 0; i < 40; i++)
        assert_true(many[i].load <= 3);
    assert_true(done >= 58); /* the last pair may be one officer's two free seats */
    draw_officers_free(o);
    free(many);

    /* officers already at the cap from the start are not drawn */
    c[0].load = 0;
    c[1].load = 0;
    o = draw_officers_new(c, 4, 1);
    assert_int_equal(draw_team(o, key, 1, &r, team, NULL, reason, sizeof reason), 0);
    assert_int_equal(team[0], 101);
    assert_int_equal(team[1], 102);
    draw_officers_free(o);
    free(c);
}

static void test_impossible_team_says_exactly_why(void **state)
{
    (void)state;
    static const char *const why[] = {"执法证已过有效期", "执法证已过有效期", NULL,
                                      "执法证已过有效期", NULL};
    struct draw_candidate *c = make_officers(5, why);
    struct draw_officers *o = draw_officers_new(c, 5, 0);
    uint8_t key[DRAW_KEY_BYTES];
    draw_key("impossible", key);
    int64_t avoid[] = {105};
    struct draw_team_rules r = {.size = 2, .entity = "某某诊所", .avoid = avoid, .navoid = 1};
    char reason[512];
    int64_t team[2];
    assert_int_equal(draw_team(o, key, 1, &r, team, NULL, reason, sizeof reason), ERR_INVALID);
    assert_string_equal(
        reason, "单位「某某诊所」可选执法人员不足2名（可选1名）：3人执法证已过有效期，1人回避");
    assert_int_equal(c[2].load, 0); /* nothing assigned */
    draw_officers_free(o);
    /* nobody at all */
    o = draw_officers_new(c, 0, 0);
    assert_int_equal(draw_team(o, key, 1, &r, team, NULL, reason, sizeof reason), ERR_INVALID);
    assert_non_null(strstr(reason, "计划的执法机构中没有执法人员"));
    draw_officers_free(o);
    free(c);
}

/* ---- completion figures (RULES.md §4) ---------------------------------------------------- */

/* The pack the draw reads a committed pool from: ids and grades back as they went in, and bytes
 * that are not a pack of ascending ids refused. */
static void test_pack_round_trip_and_rejects(void **state)
{
    (void)state;
    struct draw_entry in[] = {{1, "甲", 'A'},
                              {2, "乙", 0},
                              {130, "丙", '-'},
                              {131, NULL, 'D'},
                              {INT64_C(1) << 40, NULL, 'B'}};
    struct buf b = {0};
    draw_pack(in, 5, &b);
    assert_int_equal(b.len, 2 + 2 + 3 + 2 + 7); /* increases 1, 1, 128, 1, 2^40 − 131 */
    struct draw_entry *out;
    size_t n;
    assert_int_equal(draw_unpack(b.p, b.len, &out, &n), 0);
    assert_int_equal(n, 5);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(out[i].id, in[i].id);
        assert_int_equal(out[i].stratum, in[i].stratum);
        assert_null(out[i].name);
    }
    free(out);
    assert_int_equal(draw_unpack("", 0, &out, &n), 0); /* an empty pool */
    assert_int_equal(n, 0);
    free(out);
    assert_int_equal(draw_unpack(b.p, b.len - 1, &out, &n), -1); /* a grade missing */
    assert_null(out);
    assert_int_equal(draw_unpack("\x81", 1, &out, &n), -1); /* a varint cut short */
    static const char repeated[] = {1, 'A', 0, 'B'};        /* an id repeated */
    assert_int_equal(draw_unpack(repeated, sizeof repeated, &out, &n), -1);
    buf_free(&b);
}

static void test_r_task_05_rates_564_tasks(void **state)
{
    (void)state;
    char t[DRAW_RATE_TEXT];
    /* 564 tasks, 560 inspected, 4 closed down: 完成率 99.29%, 完结率 100% */
    assert_int_equal(draw_rate_bp(560, 564), 9929);
    draw_rate_text(560, 564, t);
    assert_string_equal(t, "99.29%");
    draw_rate_text(560 + 4, 564, t);
    assert_string_equal(t, "100.00%");
    /* half up at the second decimal: 1/8 = 12.5% exactly; 1/3 = 33.333… */
    draw_rate_text(1, 8, t);
    assert_string_equal(t, "12.50%");
    draw_rate_text(1, 3, t);
    assert_string_equal(t, "33.33%");
    draw_rate_text(2, 3, t);
    assert_string_equal(t, "66.67%");
    assert_int_equal(draw_rate_bp(1, 20000), 1); /* 0.005% rounds up to 0.01% */
    assert_int_equal(draw_rate_bp(1, 20001), 0);
    draw_rate_text(0, 0, t);
    assert_string_equal(t, "—");
}

static void test_ratio_parse_and_text(void **state)
{
    (void)state;
    int bp;
    assert_int_equal(draw_ratio_parse("5", &bp), 0);
    assert_int_equal(bp, 500);
    assert_int_equal(draw_ratio_parse("5.5%", &bp), 0);
    assert_int_equal(bp, 550);
    assert_int_equal(draw_ratio_parse(" 0.25 ", &bp), 0);
    assert_int_equal(bp, 25);
    assert_int_equal(draw_ratio_parse("100", &bp), 0);
    assert_int_equal(bp, 10000);
    assert_int_equal(draw_ratio_parse("5.555", &bp), -1);
    assert_int_equal(draw_ratio_parse("5.", &bp), -1);
    assert_int_equal(draw_ratio_parse("", &bp), -1);
    assert_int_equal(draw_ratio_parse("abc", &bp), -1);
    assert_int_equal(draw_ratio_parse("-5", &bp), -1);
    char t[16];
    draw_ratio_text(500, t);
    assert_string_equal(t, "5%");
    draw_ratio_text(550, t);
    assert_string_equal(t, "5.5%");
    draw_ratio_text(25, t);
    assert_string_equal(t, "0.25%");
}

/* ---- the independent re-implementation ----------------------------------------------------- */

/* Run tools/draw_verify.py on pool with the seed file holding file_seed (seed when NULL) and
 * compare its ids with the C draw under seed. */
static void compare_seed_file(const struct draw_entry *pool, size_t n, bool stratified,
                              const struct draw_quota *q, const char *args, const char *seed,
                              const char *file_seed)
{
    if (!file_seed) file_seed = seed;
    struct buf snap = {0};
    struct err e = {0};
    assert_int_equal(draw_snapshot(pool, n, stratified, &snap, &e), 0);
    char path[] = "/tmp/landun-snapshot-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, snap.p, snap.len), (ssize_t)snap.len);
    close(fd);
    char want[65536];
    drawn_ids(pool, n, q, seed, want, sizeof want);
    char commitment[DRAW_HASH_HEX];
    draw_commitment(snap.p, snap.len, commitment);
    /* the seed goes in a file, exactly as the public page offers it (seed.txt): no shell quoting */
    char seed_path[] = "/tmp/landun-seed-XXXXXX";
    int sfd = mkstemp(seed_path);
    assert_true(sfd >= 0);
    assert_int_equal(write(sfd, file_seed, strlen(file_seed)), (ssize_t)strlen(file_seed));
    close(sfd);
    char cmd[16384];
    int len =
        snprintf(cmd, sizeof cmd,
                 "python3 %s/tools/draw_verify.py %s --seed-file %s %s --commitment %s --expect %s",
                 h_srcdir(), path, seed_path, args, commitment, want);
    assert_true(len > 0 && (size_t)len < sizeof cmd);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[512];
    bool matched = false, hash_ok = false;
    while (fgets(line, sizeof line, p)) {
        matched |= strcmp(line, "selection matches\n") == 0;
        hash_ok |= strcmp(line, "commitment matches\n") == 0;
    }
    int rc = pclose(p);
    unlink(path);
    unlink(seed_path);
    buf_free(&snap);
    if (!matched || !hash_ok || rc != 0)
        fail_msg("python disagrees (rc %d) for %s: want %s", rc, args, want);
}

static void compare_with_python(const struct draw_entry *pool, size_t n, bool stratified,
                                const struct draw_quota *q, const char *args, const char *seed)
{
    compare_seed_file(pool, n, stratified, q, args, seed, NULL);
}

/* The exit status of tools/draw_verify.py with args on a snapshot of pool (seed "x"). */
static int python_status(const struct draw_entry *pool, size_t n, bool stratified, const char *args)
{
    struct buf snap = {0};
    struct err e = {0};
    assert_int_equal(draw_snapshot(pool, n, stratified, &snap, &e), 0);
    char path[] = "/tmp/landun-snapshot-XXXXXX";
    int fd = mkstemp(path);
    assert_int_equal(write(fd, snap.p, snap.len), (ssize_t)snap.len);
    close(fd);
    buf_free(&snap);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "python3 %s/tools/draw_verify.py %s --seed x %s >/dev/null 2>&1",
             h_srcdir(), path, args);
    int rc = system(cmd);
    unlink(path);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void test_r_draw_02_python_reimplementation_agrees(void **state)
{
    (void)state;
    struct draw_entry *pool = make_pool(400, false);
    struct draw_quota q = count_quota(23);
    compare_with_python(pool, 400, false, &q, "--count 23", "2026年3月15日 见证人 王某 38192");
    /* a seed a shell would misread: quotes, backticks, $( ), a tab, a new line */
    compare_with_python(pool, 400, false, &q, "--count 23", "王某's `seed` $(date)\tline\nnext");
    struct draw_quota r = count_quota(0);
    r.by_count = false;
    r.ratio_bp = 550;
    compare_with_python(pool, 400, false, &r, "--ratio 5.5%", "x");
    /* §3: white space at the ends (an editor's final line feed, an ideographic space) is trimmed,
     * nothing else: the C draw gets the seed as plan_draw stores it */
    compare_seed_file(pool, 400, false, &r, "--ratio 5.5%", "公开摇号 381920",
                      "\u3000公开摇号 381920 \r\n");
    /* §7: 100% draws every entity, in the shuffled order */
    r.ratio_bp = DRAW_RATIO_FULL;
    compare_with_python(pool, 400, false, &r, "--ratio 100%", "all of them");
    uint8_t key[DRAW_KEY_BYTES];
    draw_key("all of them", key);
    struct draw_pick *picks;
    size_t np;
    draw_entities(pool, 400, &r, key, &picks, &np);
    assert_int_equal(np, 400);
    bool ascending = true;
    for (size_t i = 1; i < np; i++)
        ascending &= picks[i - 1].id < picks[i].id;
    assert_false(ascending);
    free(picks);
    /* §7: a third decimal is refused, not rounded, by both */
    int bp;
    assert_int_equal(draw_ratio_parse("5.555%", &bp), -1);
    assert_int_not_equal(python_status(pool, 400, false, "--ratio 5.555%"), 0);
    assert_int_equal(python_status(pool, 400, false, "--ratio 5.55%"), 0);
    free(pool);
    struct draw_entry *graded = make_pool(600, true);
    r.ratio_bp = 550;
    r.stratified = true;
    r.grade_bp[0] = 300;
    r.grade_bp[3] = 2000;
    compare_with_python(graded, 600, true, &r, "--ratio 5.5% --grade A=3% --grade D=20%",
                        "graded seed");
    /* §7: a count is not combined with grades */
    assert_int_equal(python_status(graded, 600, true, "--count 5"), 2);
    free(graded);
}

int main(void)
{
    crypto_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r_draw_01_snapshot_is_canonical_and_hashed),
        cmocka_unit_test(test_snapshot_parse_round_trip_and_rejects),
        cmocka_unit_test(test_r_draw_11_person_names_are_masked),
        cmocka_unit_test(test_stream_is_keyed_and_purpose_separated),
        cmocka_unit_test(test_uniform_has_no_modulo_bias),
        cmocka_unit_test(test_selection_is_uniform),
        cmocka_unit_test(test_r_draw_02_same_seed_same_selection),
        cmocka_unit_test(test_r_draw_03_quota_ratio_rounds_up_and_strata),
        cmocka_unit_test(test_verify_detects_changed_pool_or_seed),
        cmocka_unit_test(test_r_draw_04_team_has_two_distinct_eligible_officers),
        cmocka_unit_test(test_r_draw_05_team_never_includes_avoided_officer),
        cmocka_unit_test(test_r_draw_06_team_differs_from_previous_when_possible),
        cmocka_unit_test(test_r_draw_07_team_cap_balances_load),
        cmocka_unit_test(test_impossible_team_says_exactly_why),
        cmocka_unit_test(test_pack_round_trip_and_rejects),
        cmocka_unit_test(test_r_task_05_rates_564_tasks),
        cmocka_unit_test(test_ratio_parse_and_text),
        cmocka_unit_test(test_r_draw_02_python_reimplementation_agrees),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
