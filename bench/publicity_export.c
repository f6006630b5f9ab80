/* publicity_export.c — the 双公示 export at province scale: 200,000 published penalty decisions
 * of a year across the province of bench/province.h (78 counties), each with about 1 KB of data
 * (facts, basis, content …), a tenth of them of natural persons and one in a hundred withdrawn.
 * Target: the export of the province-year under 5 s in every format, on both engines, with memory
 * that does not grow with the rows.
 *
 *   bench_publicity_export --db URL [--generate]
 *                          generate the items into URL once (multi-row INSERTs in one
 *                          transaction) and reuse them (--generate: only that); then time the
 *                          export of the province-year in each format, and an incremental one
 *
 * Not part of the tests. Prints wall and CPU time and the peak memory of each export and a
 * RESULT line. */
#include "base/codes.h"
#include "base/crypto.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/log.h"
#include "law/auth.h"
#include "law/publicity_export.h"
#include "law/role.h"
#include "store/migrate.h"
#include "province.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#define ITEMS 200000
#define NOW   "2026-12-28T10:00:00+08:00" /* every item of 2026 is still shown */
#define CHUNK 2000                        /* rows built and inserted at a time */
#define COLS  14

static struct province P;

/* ---- 200,000 items ----------------------------------------------------------------------------
 */

static const char *const violations[] = {
    "未取得医疗机构执业许可证擅自执业", "使用非卫生技术人员从事医疗卫生技术工作",
    "公共场所未取得卫生许可证经营",     "供水单位供应的饮用水不符合国家卫生标准",
    "未按规定对医疗废物进行分类收集",   "放射诊疗场所未按规定设置警示标志"};
static const char *const surnames[] = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄"};

/* A valid 统一社会信用代码 of the county's health bureau (机关, 11), digits as most are. */
static const char *agency_uscc(struct arena *a, int county)
{
    char *s = arena_printf(a, "11330%03d%08d", county, 1000 + county);
    s[16] = orgcode_check_char(s + 8);
    s[17] = uscc_check_char(s);
    return s;
}

/* The data of item k (about 1 KB of JSON), on the arena. */
static const char *item_data(struct arena *a, int k, int county, bool person, const char *doc_no,
                             const char *decided, const char *until)
{
    const char *violation = violations[k % countof(violations)];
    const char *party =
        person ? arena_printf(a, "%s某%d", surnames[k % countof(surnames)], k % 97)
               : arena_printf(a, "测试市第%d区某某医疗美容诊所有限公司第%d分店", county, k % 50);
    json_t *d = json_pack(
        "{ss ss ss ss ss ss ss ss ss ss ss sI sI ss ss ss ss ss ss ss}", "doc_no", doc_no, "party",
        party, "party_category", person ? "自然人" : "法人及非法人组织", "uscc",
        person ? "" : arena_printf(a, "91330%03dMA2%07dX", county, k), "legal_rep",
        person ? "" : "王某某", "violation", violation, "facts",
        arena_printf(a,
                     "经查，当事人于%s在其经营场所%s。执法人员现场检查时发现上述情况，制作了现场笔"
                     "录，拍摄了照片，调取了相关登记资料；当事人对上述事实无异议。以上事实有现场笔"
                     "录、询问笔录、照片及相关证据材料为证（第%d号）。",
                     decided, violation, k),
        "basis",
        "《医疗机构管理条例》第二十四条、《医疗机构管理条例实施细则》第七十七条，参照本机关行政处罚"
        "裁量基准第三档",
        "types", k % 3 ? "警告;罚款" : "罚款;没收违法所得", "content",
        arena_printf(a, "1.警告；2.罚款人民币%d元；3.没收违法所得人民币%d元", 1000 + k % 50000,
                     k % 7 * 100),
        "id_type", person ? "身份证" : "", "fine", (json_int_t)(1000 + k % 50000) * 100,
        "confiscated", (json_int_t)(k % 7) * 10000, "decided_on", decided, "publish_until", until,
        "agency", arena_printf(a, "测试市第%d区卫生健康局", county), "agency_uscc",
        agency_uscc(a, county), "source", arena_printf(a, "测试市第%d区卫生健康局", county),
        "source_uscc", agency_uscc(a, county), "note", "");
    char *s = json_dumps(d, JSON_COMPACT);
    json_decref(d);
    const char *r = arena_strdup(a, s);
    free(s);
    return r;
}

/* Insert items [from, from + n). */
static int insert_chunk(struct ctx *c, int from, int n, struct err *e)
{
    struct arena a = {0};
    struct db_arg *args = xcalloc((size_t)n * COLS, sizeof *args);
    day_t first = date_from_ymd(2026, 1, 1);
    int64_t now = c->now;
    for (int i = 0; i < n; i++) {
        int k = from + i, county = k % PROVINCE_COUNTIES;
        bool person = k % 10 == 0, withdrawn = k % 100 == 7;
        day_t d = first + (k * 7) % 361;
        char decided[DATE_STRLEN], until[DATE_STRLEN];
        date_format(d, decided);
        date_format(date_add_months(d, 12), until);
        const char *doc = arena_printf(&a, "测卫罚〔2026〕%d号", k + 1);
        int64_t at = date_instant(d) + 9 * 3600 + k % 3600;
        struct db_arg *r = args + (size_t)i * COLS;
        r[0] = (struct db_arg){'i', .i = P.county[county]};
        r[1] = (struct db_arg){'i', .i = k + 1};
        r[2] = (struct db_arg){'i', .i = person};
        r[3] = (struct db_arg){'t', .s = withdrawn ? "withdrawn" : "published"};
        r[4] = (struct db_arg){'t', .s = arena_printf(&a, "%s 某某", doc)};
        r[5] = (struct db_arg){'t', .s = arena_strdup(&a, decided)};
        r[6] = (struct db_arg){'t', .s = arena_strdup(&a, until)};
        r[7] = (struct db_arg){'t', .s = r[5].s};
        r[8] = (struct db_arg){'t', .s = withdrawn ? "2026-12-01" : NULL};
        r[9] = (struct db_arg){'t', .s = withdrawn ? "行政复议决定撤销原处罚决定" : NULL};
        r[10] = (struct db_arg){'t', .s = item_data(&a, k, county, person, doc, decided, until)};
        r[11] =
            (struct db_arg){'i', .i = withdrawn ? date_instant(date_from_ymd(2026, 12, 1)) : at};
        r[12] = (struct db_arg){'i', .i = now};
        r[13] = (struct db_arg){'i', .i = now};
    }
    int64_t rc =
        db_rows(c->db, e,
                "INSERT INTO publicity_item (agency_id, kind, source_id, line, person, state,"
                " title, decided_on, severity, max_until, published_on, withdrawn_on,"
                " withdraw_reason, data, changed_at, created_at, updated_at) VALUES",
                "(?, 'penalty', ?, 'medical', ?, ?, ?, ?, 'general', ?, ?, ?, ?, ?, ?, ?, ?)", NULL,
                COLS, (size_t)n, args);
    free(args);
    arena_free(&a);
    return rc < 0 ? (int)rc : 0;
}

static int generate(struct ctx *c, struct err *e)
{
    int64_t n = 0;
    if (db_get_int(c->db, e, &n, "SELECT COUNT(*) FROM publicity_item", "")) return e->code;
    if (n >= ITEMS) return province_read(c, "pub", &P, e);
    fprintf(stderr, "generating %d items (once)\n", ITEMS);
    double t = bench_wall();
    int rc = db_begin(c->db, e);
    if (!rc) rc = province_build(c, "pub", 1u << ROLE_OFFICER, &P, e);
    for (int k = 0; !rc && k < ITEMS; k += CHUNK)
        rc = insert_chunk(c, k, ITEMS - k < CHUNK ? ITEMS - k : CHUNK, e);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    rc = db_commit(c->db, e);
    if (!rc) rc = db_exec(c->db, e, "ANALYZE", "") < 0;
    fprintf(stderr, "  generated in %.1f s\n", bench_wall() - t);
    return rc;
}

/* ---- timing ---------------------------------------------------------------------------------- */

/* CPU seconds of this process (SQLite works in it; PostgreSQL's server is not counted). */
static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Peak resident memory of this process so far, MB. */
static double peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

/* Export the province-year in format name (since: NULL, or a day) to dir; its wall time. */
static double run(struct ctx *c, const char *name, const char *since, const char *dir,
                  struct err *e)
{
    enum publicity_format fmt;
    publicity_format_parse(name, &fmt);
    char path[512];
    snprintf(path, sizeof path, "%s/publicity-%s%s.%s", dir, name, since ? "-since" : "",
             publicity_format_ext(fmt));
    struct publicity_filter f = {.kind = "penalty", .since = since};
    struct publicity_export_stats st;
    double t = bench_wall(), u = cpu();
    if (publicity_export(c, &f, fmt, path, true, &st, e)) return -1;
    t = bench_wall() - t, u = cpu() - u;
    struct stat sb;
    stat(path, &sb);
    printf("  %-8s%s %lld rows, %.1f MB: %.2f s (CPU %.2f s), peak memory %.0f MB\n", name,
           since ? " since" : "", (long long)st.rows, (double)sb.st_size / 1e6, t, u, peak_mb());
    fflush(stdout);
    arena_free(c->arena);
    return t;
}

int main(int argc, char **argv)
{
    const char *url = argc >= 3 && strcmp(argv[1], "--db") == 0 ? argv[2] : NULL;
    bool only_generate = argc == 4 && strcmp(argv[3], "--generate") == 0;
    if (!url || argc > 4) {
        fprintf(stderr, "usage: bench_publicity_export --db URL [--generate]\n");
        return 2;
    }
    crypto_setup();
    crypto_set_fast_hashing(true);
    log_set_level(LOG_WARN);
    struct err e = {0};
    struct db *db;
    struct arena arena = {0};
    int64_t now;
    if (clock_parse(NOW, &now)) return 1;
    if (db_open(url, &db, &e) || db_migrate(db, &e) < 0) return fprintf(stderr, "%s\n", e.msg), 1;
    struct ctx c = {.db = db, .arena = &arena, .who = &actor_system, .now = now};
    if (generate(&c, &e)) return fprintf(stderr, "generate: %s\n", e.msg), 1;
    int rc = 0;
    if (!only_generate) {
        const char *engine = db_kind(db) == DB_SQLITE ? "sqlite" : "postgres";
        const char *dir = getenv("BENCH_OUT") ? getenv("BENCH_OUT") : "bench/out";
        printf("%s: %d penalty items in %d counties (peak memory before: %.0f MB)\n", engine, ITEMS,
               PROVINCE_COUNTIES, peak_mb());
        static const char *const names[] = {"csv", "csv-gbk", "json", "xlsx"};
        double t[countof(names)];
        for (size_t i = 0; i < countof(names) && !rc; i++)
            if ((t[i] = run(&c, names[i], NULL, dir, &e)) < 0) rc = 1;
        /* the December increment: what changed, and what was taken down, since the 1st */
        double inc = rc ? -1 : run(&c, "csv", "2026-12-01", dir, &e);
        double inc_x = inc < 0 ? -1 : run(&c, "xlsx", "2026-12-01", dir, &e);
        if (rc || inc_x < 0) return fprintf(stderr, "export: %s\n", e.msg), 1;
        printf("RESULT %s csv=%.2fs csv_gbk=%.2fs json=%.2fs xlsx=%.2fs incremental=%.2fs "
               "incremental_xlsx=%.2fs peak=%.0fMB\n",
               engine, t[0], t[1], t[2], t[3], inc, inc_x, peak_mb());
    }
    arena_free(&arena);
    db_close(db);
    return rc;
}
