/* complaints.c — complaints at province scale: 1,000,000 complaints of a year across a province
 * of 13 cities and 78 counties. Targets (issue 12): the statistics of the province-year under
 * 1 s, a handler's work list p99 under 20 ms, and 100 concurrent public submissions all kept.
 *
 *   bench_complaints --db URL   generate the province into URL once (multi-row INSERTs) and
 *                               reuse it; then time complaint_stats, the work lists, and 100
 *                               threads taking a complaint in at once, each on its connection
 *
 * Not part of the tests. Prints wall time of each step and a RESULT line. */
#include "base/crypto.h"
#include "base/calendar.h"
#include "base/log.h"
#include "law/agency.h"
#include "law/auth.h"
#include "law/complaint.h"
#include "law/holiday.h"
#include "law/role.h"
#include "store/migrate.h"
#include "province.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define COMPLAINTS 1000000
#define CITIES     PROVINCE_CITIES
#define COUNTIES   6 /* per city */
#define YEAR       2026
#define WRITERS    100

/* ---- the province (bench/province.h): in each county an officer who handles complaints ---- */

static struct province P;
#define county_ids  P.county
#define handler_ids P.user

/* ---- a million complaints ----------------------------------------------------------------------
 */

static const char *const channels[] = {"phone",  "phone",  "phone", "hotline",  "hotline",
                                       "online", "letter", "visit", "superior", "referral"};
static const char *const lines[] = {"medical",      "medical",      "medical",      "medical",
                                    "public_place", "public_place", "occupational", "water",
                                    "disinfection", "infectious",   "radiation",    "school",
                                    "other"};
static const char *const matters[] = {"unlicensed_practice", "medical_practice", "illegal_beauty",
                                      "public_place",        "drinking_water",   "other"};
/* how far a complaint has come, and what it holds there */
static const struct {
    const char *state;
    bool handler, result, replied, closed;
} stages[] = {
    {"closed", true, true, true, true},       {"closed", true, true, true, true},
    {"closed", true, true, true, true},       {"closed", true, true, true, true},
    {"closed", true, true, true, true},       {"closed", true, true, true, true},
    {"replied", true, true, true, false},     {"verified", true, true, false, false},
    {"handling", true, false, false, false},  {"accepted", false, false, false, false},
    {"received", false, false, false, false}, {"refused", false, false, false, false},
};

enum { BATCH = 500, COLS = 19 };

/* Row i of the generated complaints into a (COLS values); day is its received date. */
static void complaint_row(struct ctx *c, int i, struct db_arg *a, char *number, char *code,
                          char *day, char *replied)
{
    int county = i % (CITIES * COUNTIES), st = (i / 7) % (int)countof(stages);
    date_format(date_from_ymd(YEAR, 1, 1) + (i % 365), day);
    date_format(date_from_ymd(YEAR, 1, 1) + (i % 365) + 20, replied);
    snprintf(number, 40, "投诉〔%d〕%d号", YEAR, i / (CITIES * COUNTIES) + 1);
    snprintf(code, 16, "B%09d", i);
    a[0] = (struct db_arg){.type = 'i', .i = county_ids[county]};
    a[1] = (struct db_arg){.type = 't', .s = number};
    a[2] = (struct db_arg){.type = 't', .s = code};
    a[3] = (struct db_arg){.type = 't', .s = channels[i % countof(channels)]};
    a[4] = (struct db_arg){.type = 't', .s = day};
    a[5] = (struct db_arg){.type = 't', .s = lines[(i / 3) % countof(lines)]};
    a[6] = (struct db_arg){.type = 't', .s = matters[(i / 5) % countof(matters)]};
    a[7] = (struct db_arg){.type = 't', .s = "某小区有人无证开展静脉输液，请予查处"};
    a[8] = (struct db_arg){.type = 't', .s = "无名诊所"};
    a[9] = (struct db_arg){.type = 'i', .i = 1};
    a[10] = (struct db_arg){.type = 't', .s = stages[st].state};
    a[11] = stages[st].handler ? (struct db_arg){.type = 'i', .i = handler_ids[county]}
                               : (struct db_arg){.type = 'n'};
    a[12] = (struct db_arg){
        .type = stages[st].result ? 't' : 'n',
        .s = (const char *[]){"substantiated", "partly", "unsubstantiated", "unverifiable"}[i % 4]};
    a[13] = (struct db_arg){.type = stages[st].replied ? 't' : 'n', .s = "已核实处理"};
    a[14] = (struct db_arg){.type = stages[st].replied ? 't' : 'n', .s = replied};
    a[15] = (struct db_arg){
        .type = stages[st].closed ? 't' : 'n',
        .s = (const char *[]){"satisfied", "satisfied", "fairly", "dissatisfied"}[i % 4]};
    a[16] = (struct db_arg){.type = stages[st].closed ? 't' : 'n', .s = replied};
    a[17] = (struct db_arg){.type = 'i', .i = c->now};
    a[18] = (struct db_arg){.type = 'i', .i = c->now};
}

static int complaints(struct ctx *c, struct err *e)
{
    static struct db_arg args[BATCH * COLS];
    static char number[BATCH][40], code[BATCH][16], day[BATCH][DATE_STRLEN],
        replied[BATCH][DATE_STRLEN];
    int rc = 0;
    for (int at = 0; at < COMPLAINTS && !rc; at += BATCH) {
        for (int i = 0; i < BATCH; i++)
            complaint_row(c, at + i, args + i * COLS, number[i], code[i], day[i], replied[i]);
        if (db_insert_rows(c->db, e,
                           "INSERT INTO complaint (agency_id, number, tracking_code, channel,"
                           " received_on, line, matter, summary, party_name, anonymous, state,"
                           " handler_id, result, reply, replied_on, satisfaction, closed_on,"
                           " created_at, updated_at) VALUES",
                           COLS, BATCH, args) < 0)
            rc = e->code;
        if (at % 100000 == 0) fprintf(stderr, "\r  %d", at);
    }
    fprintf(stderr, "\n");
    /* the deadlines: the 受理期限 met (or open for those waiting) and the 办理期限 of the accepted
     */
    static const char *const deadlines[] = {
        "INSERT INTO wf_deadline (kind, object_id, agency_id, name, label, basis, start_on,"
        " due_on, days, working, provisional, ended_on, outcome)"
        " SELECT 'complaint', id, agency_id, 'decide', '受理期限', '', received_on, received_on,"
        " 15, 0, 0, CASE WHEN state = 'received' THEN NULL ELSE received_on END,"
        " CASE WHEN state = 'received' THEN NULL ELSE 'met' END FROM complaint",
        "INSERT INTO wf_deadline (kind, object_id, agency_id, name, label, basis, start_on,"
        " due_on, days, working, provisional, ended_on, outcome)"
        " SELECT 'complaint', id, agency_id, 'handle', '办理期限', '', received_on,"
        " COALESCE(replied_on, received_on),"
        " 60, 0, 0, replied_on, CASE WHEN replied_on IS NULL THEN NULL ELSE 'met' END"
        " FROM complaint WHERE state NOT IN ('received', 'refused')"};
    for (size_t i = 0; i < countof(deadlines) && !rc; i++)
        if (db_exec(c->db, e, deadlines[i], "") < 0) rc = e->code;
    /* the numbers taken: each county's counter goes on after them (law/counter.h) */
    if (!rc && db_exec(c->db, e,
                       "INSERT INTO counter (name, year, value) SELECT 'complaint:' || agency_id,"
                       " ?, COUNT(*) FROM complaint GROUP BY agency_id",
                       "i", (int64_t)YEAR) < 0)
        rc = e->code;
    return rc;
}

static int generate(struct ctx *c, struct err *e)
{
    int64_t n = 0;
    if (db_get_int(c->db, e, &n, "SELECT COUNT(*) FROM complaint", "")) return e->code;
    if (n >= COMPLAINTS) return province_read(c, "handler", &P, e);
    fprintf(stderr, "generating %d complaints (once)\n", COMPLAINTS);
    double t = bench_wall();
    int rc = db_begin(c->db, e);
    if (!rc) rc = province_build(c, "handler", 1u << ROLE_OFFICER, &P, e);
    if (!rc) rc = complaints(c, e);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    rc = db_commit(c->db, e);
    if (!rc && db_kind(c->db) == DB_POSTGRES) rc = db_exec(c->db, e, "ANALYZE", "") < 0;
    if (!rc && db_kind(c->db) == DB_SQLITE) rc = db_exec(c->db, e, "ANALYZE", "") < 0;
    fprintf(stderr, "  generated in %.0f s\n", bench_wall() - t);
    return rc;
}

/* ---- timing ---------------------------------------------------------------------------------- */

static int actor_of(struct ctx *c, int64_t user, struct actor *who, struct err *e)
{
    return auth_load_actor(c, user, who, e);
}

/* The province's figures from 1 January to `to`, as the 省级 administrator sees them: best of 3.
 * A whole year reads only the counts kept per month; one ending on 6 December counts that
 * month's days from the complaints. */
static double stats(struct ctx *c, const char *to_md, struct err *e)
{
    char from[16], to[16];
    snprintf(from, sizeof from, "%d-01-01", YEAR);
    snprintf(to, sizeof to, "%d-%s", YEAR, to_md);
    struct complaint_period p = {.from = from, .to = to};
    double best = 1e9;
    for (int i = 0; i < 3; i++) {
        double t = bench_wall();
        json_t *o = complaint_stats(c, &p, e);
        t = bench_wall() - t;
        if (!o) return -1;
        if (i == 0)
            printf("  province-year: %lld complaints, 办结率 %s, 按期办结率 %s, 满意率 %s\n",
                   (long long)json_integer_value(json_object_get(o, "total")),
                   json_string_value(json_object_get(json_object_get(o, "rates"), "closure_rate")),
                   json_string_value(
                       json_object_get(json_object_get(o, "rates"), "handle_on_time_rate")),
                   json_string_value(
                       json_object_get(json_object_get(o, "rates"), "satisfaction_rate")));
        json_decref(o);
        arena_free(c->arena);
        if (t < best) best = t;
    }
    return best;
}

/* A handler's open work (the 我承办的 list), for each county's handler in turn: p50 and p99. */
static int work_lists(struct ctx *c, double *p50, double *p99, struct err *e)
{
    enum { RUNS = 390 };
    static double t[RUNS];
    for (int i = 0; i < RUNS; i++) {
        struct actor who;
        if (actor_of(c, handler_ids[i % (CITIES * COUNTIES)], &who, e)) return e->code;
        struct ctx as = *c;
        as.who = &who;
        struct complaint_query q = {
            .mine = true, .state = "open", .page = 1 + i % 3, .per_page = 50};
        double s = bench_wall();
        json_t *o = complaint_list(&as, &q, e);
        t[i] = bench_wall() - s;
        if (!o) return e->code;
        json_decref(o);
        arena_free(c->arena);
    }
    bench_percentiles(t, RUNS, p50, p99);
    return 0;
}

/* ---- 100 public submissions at once ------------------------------------------------------------
 */

struct writer {
    const char *url;
    int n;
    char code[16];
    int rc;
    char msg[256];
};

static void *submit(void *arg)
{
    struct writer *w = arg;
    struct err e = {0};
    struct db *db;
    struct arena a = {0};
    if (db_open(w->url, &db, &e)) {
        w->rc = e.code;
        snprintf(w->msg, sizeof w->msg, "%s", e.msg);
        return NULL;
    }
    struct actor nobody = {0};
    struct ctx c = {.db = db, .arena = &a, .who = &nobody, .now = time(NULL)};
    holiday_load(db, (struct calendar **)&c.cal, &e);
    char summary[64];
    snprintf(summary, sizeof summary, "并发提交测试第%d件", w->n);
    struct complaint_input in = {.agency_code = "330101",
                                 .channel = "online",
                                 .line = "public_place",
                                 .matter = "public_place",
                                 .summary = summary,
                                 .party_name = "某游泳馆",
                                 .anonymous = true};
    int64_t id;
    const char *code;
    w->rc = complaint_add(&c, &in, &id, &code, &e);
    if (!w->rc) snprintf(w->code, sizeof w->code, "%s", code);
    snprintf(w->msg, sizeof w->msg, "%s", e.msg);
    calendar_free((struct calendar *)c.cal);
    arena_free(&a);
    db_close(db);
    return NULL;
}

static int concurrent(struct ctx *c, const char *url, double *secs, struct err *e)
{
    int64_t before = 0, after = 0;
    if (db_get_int(c->db, e, &before, "SELECT COUNT(*) FROM complaint", "")) return e->code;
    static struct writer w[WRITERS];
    pthread_t th[WRITERS];
    double t = bench_wall();
    for (int i = 0; i < WRITERS; i++) {
        w[i] = (struct writer){.url = url, .n = i};
        pthread_create(&th[i], NULL, submit, &w[i]);
    }
    int failed = 0;
    for (int i = 0; i < WRITERS; i++) {
        pthread_join(th[i], NULL);
        if (w[i].rc) {
            if (failed++ < 3) fprintf(stderr, "  submission %d failed: %s\n", i, w[i].msg);
        }
    }
    *secs = bench_wall() - t;
    if (db_get_int(c->db, e, &after, "SELECT COUNT(*) FROM complaint", "")) return e->code;
    printf("  %d submissions at once: %d refused, %lld rows added in %.2f s\n", WRITERS, failed,
           (long long)(after - before), *secs);
    return failed || after - before != WRITERS ? -1 : 0;
}

int main(int argc, char **argv)
{
    const char *url = argc == 3 && strcmp(argv[1], "--db") == 0 ? argv[2] : NULL;
    if (!url) {
        fprintf(stderr, "usage: bench_complaints --db URL\n");
        return 2;
    }
    crypto_setup();
    crypto_set_fast_hashing(true);
    log_set_level(LOG_WARN);
    struct err e = {0};
    struct db *db;
    struct calendar *cal = NULL;
    struct arena arena = {0};
    if (db_open(url, &db, &e) || db_migrate(db, &e) < 0) return fprintf(stderr, "%s\n", e.msg), 1;
    struct ctx c = {.db = db, .arena = &arena, .who = &actor_system, .now = time(NULL)};
    if (holiday_seed(&c, &e) < 0 || holiday_load(db, &cal, &e) < 0)
        return fprintf(stderr, "%s\n", e.msg), 1;
    c.cal = cal;
    if (generate(&c, &e)) return fprintf(stderr, "generate: %s\n", e.msg), 1;
    const char *engine = db_kind(db) == DB_SQLITE ? "sqlite" : "postgres";
    printf("%s: %d complaints in %d counties\n", engine, COMPLAINTS, CITIES * COUNTIES);
    double t_stats = stats(&c, "12-31", &e), t_part = stats(&c, "12-06", &e);
    if (t_stats < 0 || t_part < 0) return fprintf(stderr, "stats: %s\n", e.msg), 1;
    printf(
        "  statistics of the province-year: %.3f s; 1 January to 6 December: %.3f s (best of 3)\n",
        t_stats, t_part);
    double p50 = 0, p99 = 0;
    if (work_lists(&c, &p50, &p99, &e)) return fprintf(stderr, "list: %s\n", e.msg), 1;
    printf("  a handler's open work list: p50 %.2f ms, p99 %.2f ms\n", p50 * 1e3, p99 * 1e3);
    double t_conc;
    int ok = concurrent(&c, url, &t_conc, &e) == 0;
    printf("RESULT %s stats=%.3fs stats_to_dec6=%.3fs list_p50=%.2fms list_p99=%.2fms"
           " concurrent=%s\n",
           engine, t_stats, t_part, p50 * 1e3, p99 * 1e3, ok ? "kept" : "LOST");
    calendar_free(cal);
    arena_free(&arena);
    db_close(db);
    return ok ? 0 : 1;
}
