/* draw.c — how fast a random draw and its verification are (docs/draw.md), at province scale:
 * 5% of a 1,000,000-entity pool with teams of two from 5,000 officers. Target: the draw and
 * the verification each under 1 s.
 *
 *   bench_draw                 the algorithm in memory (law/draw.c): snapshot and commitment,
 *                              entities and teams, then verification of both
 *   bench_draw --db URL        the database path (law/plan.c): commit the pool of a 1,000,000-
 *                              entity registry, draw (tasks, teams, workflow rows), verify; the
 *                              registry is generated into URL once (multi-row INSERTs) and reused
 *
 * Not part of the tests. Prints wall and CPU time of each step. */
#include "base/crypto.h"
#include "base/calendar.h"
#include "base/log.h"
#include "law/agency.h"
#include "law/auth.h"
#include "law/check_list.h"
#include "law/draw.h"
#include "law/holiday.h"
#include "law/plan.h"
#include "store/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ENTITIES 1000000
#define OFFICERS 5000
#define RATIO_BP 500 /* 5% */
#define TEAM     2
#define CAP      30 /* tasks per officer: 5,000 × 30 seats for 100,000 */

/* Seconds on clock. */
static double now(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A stopwatch of wall and CPU time. */
struct watch {
    double wall, cpu;
};

static struct watch start(void)
{
    return (struct watch){now(CLOCK_MONOTONIC), now(CLOCK_PROCESS_CPUTIME_ID)};
}

/* Print the time since w under label; returns the wall seconds. */
static double lap(const char *label, struct watch w)
{
    double wall = now(CLOCK_MONOTONIC) - w.wall, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - w.cpu;
    printf("  %-44s %8.1f ms wall %8.1f ms cpu\n", label, wall * 1e3, cpu * 1e3);
    return wall;
}

/* ---- in memory ------------------------------------------------------------------------------- */

/* The teams of picks drawn from cands (reset to load 0) with every 50th entity avoiding two
 * officers and every 5th having a previous team; into teams (npicks × TEAM). Returns failures. */
static int draw_teams(struct draw_candidate *cands, const struct draw_pick *picks, size_t npicks,
                      const struct draw_entry *pool, const uint8_t key[DRAW_KEY_BYTES],
                      int64_t *teams)
{
    for (size_t i = 0; i < OFFICERS; i++)
        cands[i].load = 0;
    struct draw_officers *o = draw_officers_new(cands, OFFICERS, CAP);
    int failed = 0;
    for (size_t i = 0; i < npicks; i++) {
        int64_t id = picks[i].id;
        int64_t avoid[2] = {1 + id % OFFICERS, 1 + (id * 7) % OFFICERS};
        int64_t prev[2] = {1 + (id * 13) % OFFICERS, 1 + (id * 17) % OFFICERS};
        struct draw_team_rules r = {.size = TEAM,
                                    .entity = pool[picks[i].pool_index].name,
                                    .avoid = id % 50 == 0 ? avoid : NULL,
                                    .navoid = id % 50 == 0 ? 2 : 0,
                                    .prev = id % 5 == 0 ? prev : NULL,
                                    .nprev = id % 5 == 0 ? 2 : 0};
        char why[512];
        if (draw_team(o, key, i + 1, &r, teams + i * TEAM, NULL, why, sizeof why)) failed++;
    }
    draw_officers_free(o);
    return failed;
}

static int in_memory(void)
{
    printf("in memory: %d entities, %g%% drawn, teams of %d from %d officers (cap %d)\n", ENTITIES,
           RATIO_BP / 100.0, TEAM, OFFICERS, CAP);
    char *names = xmalloc((size_t)ENTITIES * 48);
    struct draw_entry *pool = xmalloc(ENTITIES * sizeof *pool);
    for (size_t i = 0; i < ENTITIES; i++) {
        char *n = names + i * 48;
        snprintf(n, 48, "常州市武进区康宁诊所第%07zu号", i);
        pool[i] = (struct draw_entry){(int64_t)(1000 + 3 * i), n, 0};
    }
    struct draw_candidate *cands = xcalloc(OFFICERS, sizeof *cands);
    for (size_t i = 0; i < OFFICERS; i++) {
        cands[i].id = (int64_t)i + 1;
        cands[i].why_not = i % 20 == 0 ? "执法证已过有效期" : i % 33 == 0 ? "专业不符" : NULL;
    }
    struct draw_quota q = {.ratio_bp = RATIO_BP, .grade_bp = {-1, -1, -1, -1, -1}};
    const char *seed = "2026年3月15日公开摇号 381920";
    struct err e = {0};

    struct watch w = start();
    struct buf snap = {0};
    if (draw_snapshot(pool, ENTITIES, false, &snap, &e)) return fprintf(stderr, "%s\n", e.msg), 1;
    char hash[DRAW_HASH_HEX];
    draw_commitment(snap.p, snap.len, hash);
    double t_commit = lap("commit: snapshot text + SHA-256", w);
    printf("  (snapshot %.1f MB, commitment %.16s…)\n", snap.len / 1e6, hash);

    w = start();
    uint8_t key[DRAW_KEY_BYTES];
    draw_key(seed, key);
    struct draw_pick *picks;
    size_t np;
    draw_entities(pool, ENTITIES, &q, key, &picks, &np);
    lap("draw: entities (partial Fisher-Yates)", w);
    struct watch wt = start();
    int64_t *teams = xmalloc(np * TEAM * sizeof *teams);
    int failed = draw_teams(cands, picks, np, pool, key, teams);
    lap("draw: teams", wt);
    double t_draw = lap("draw: total", w);
    printf("  (%zu tasks, %d without a team)\n", np, failed);

    w = start();
    int64_t *ids = xmalloc(np * sizeof *ids);
    for (size_t i = 0; i < np; i++)
        ids[i] = picks[i].id;
    struct draw_verdict v;
    if (draw_verify(snap.p, snap.len, hash, seed, &q, ids, np, &v, &e))
        return fprintf(stderr, "%s\n", e.msg), 1;
    lap("verify: parse + SHA-256 + recompute entities", w);
    struct watch wv = start();
    int64_t *again = xmalloc(np * TEAM * sizeof *again);
    draw_teams(cands, picks, np, pool, key, again);
    bool teams_ok = memcmp(again, teams, np * TEAM * sizeof *teams) == 0;
    lap("verify: recompute teams", wv);
    double t_verify = lap("verify: total", w);
    printf("  %s; teams %s\n", v.summary, teams_ok ? "match" : "DIFFER");
    printf("RESULT memory commit=%.3fs draw=%.3fs verify=%.3fs (target each < 1 s)\n", t_commit,
           t_draw, t_verify);
    free(again);
    free(ids);
    free(teams);
    free(picks);
    buf_free(&snap);
    free(cands);
    free(pool);
    free(names);
    return v.ok && teams_ok ? 0 : 1;
}

/* ---- the database path ----------------------------------------------------------------------- */

/* Generate the registry once: an agency, ENTITIES clinics in the medical line, OFFICERS officers
 * (multi-row INSERTs in one transaction: the law/ functions would audit each row, which is not what
 * is measured here). */
static int generate(struct ctx *c, struct err *e)
{
    int64_t agency;
    if (db_get_int(c->db, e, &agency, "SELECT id FROM agency WHERE code = '320412'", "") == 0)
        return 0;
    err_clear(e);
    printf("generating %d entities and %d officers (once)…\n", ENTITIES, OFFICERS);
    struct agency_input ai = {.code = "320412",
                              .name = "常州市武进区卫生健康局",
                              .short_name = "武",
                              .division_code = "320412",
                              .level = "county"};
    int rc = agency_add(c, &ai, &agency, e);
    if (!rc) rc = db_begin(c->db, e);
    if (rc) return rc;
    char day_from[DATE_STRLEN], day_to[DATE_STRLEN];
    date_format(date_from_instant(c->now) - 30, day_from);
    date_format(date_from_instant(c->now) + 3650, day_to);
    /* multi-row INSERTs of 500 entities, then their two lines each in one statement */
    enum { BATCH = 500, COLS = 10 };
    static char names[BATCH][64];
    struct db_arg args[BATCH * COLS];
    for (int at = 0; at < ENTITIES && !rc; at += BATCH) {
        for (int i = 0; i < BATCH; i++) {
            struct db_arg *a = args + i * COLS;
            snprintf(names[i], sizeof names[i], "常州市武进区康宁诊所第%07d号", at + i);
            a[0] = (struct db_arg){.type = 'i', .i = agency};
            a[1] = (struct db_arg){.type = 'i', .i = agency};
            a[2] = (struct db_arg){.type = 't', .s = names[i]};
            a[3] = (struct db_arg){.type = 't', .s = (const char *[]){"A", "B", "C", "D"}[i % 4]};
            a[4] = (struct db_arg){.type = 'i', .i = c->now};
            a[5] = (struct db_arg){.type = 'i', .i = c->now};
            a[6] = (struct db_arg){.type = 't', .s = "medical,infectious"};
            a[7] = (struct db_arg){.type = 't', .s = "湖塘镇"};
            a[8] = (struct db_arg){.type = 't', .s = "320412"};
            a[9] = (struct db_arg){.type = 't', .s = "clinic"};
        }
        if (db_insert_rows(c->db, e,
                           "INSERT INTO entity (agency_id, root_id, name, risk_grade, created_at,"
                           " updated_at, lines, address, division_code, subtype) VALUES",
                           COLS, BATCH, args) < 0)
            rc = e->code;
        if (at % 100000 == 0) fprintf(stderr, "\r  %d", at);
    }
    if (!rc &&
        (db_exec(c->db, e,
                 "INSERT INTO entity_line (entity_id, line) SELECT id, 'medical' FROM entity",
                 "") < 0 ||
         db_exec(c->db, e,
                 "INSERT INTO entity_line (entity_id, line)"
                 " SELECT id, 'infectious' FROM entity",
                 "") < 0))
        rc = e->code;
    for (int i = 0; i < OFFICERS && !rc; i++) {
        char name[32], idno[24], cert[24];
        snprintf(name, sizeof name, "执法员%d", i);
        snprintf(idno, sizeof idno, "B%017d", i);
        snprintf(cert, sizeof cert, "BENCH-%05d", i);
        if (db_exec(c->db, e,
                    "INSERT INTO officer (agency_id, name, id_number, cert_no, cert_issued,"
                    " cert_expires, status, lines, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, 'active', 'medical,infectious', ?, ?)",
                    "itttttii", agency, name, idno, cert, day_from, day_to, c->now, c->now) < 0)
            rc = e->code;
    }
    fprintf(stderr, "\n");
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* Remove the plans of earlier runs (their tasks would count as open loads); a frozen pool is
 * deleted only once its plan is a draft again (migration 014). */
static int clean(struct ctx *c, struct err *e)
{
    static const char *const sql[] = {"DELETE FROM wf_step WHERE kind = 'task'",
                                      "DELETE FROM wf_deadline WHERE kind = 'task'",
                                      "DELETE FROM task_officer",
                                      "DELETE FROM task",
                                      "UPDATE draw_plan SET state = 'draft'",
                                      "DELETE FROM draw_pool",
                                      "DELETE FROM draw_officer",
                                      "DELETE FROM draw_commitment",
                                      "DELETE FROM draw_plan_item",
                                      "DELETE FROM draw_plan",
                                      "DELETE FROM check_list_item"};
    int rc = db_begin(c->db, e);
    for (size_t i = 0; i < sizeof sql / sizeof *sql && !rc; i++)
        if (db_exec(c->db, e, sql[i], "") < 0) rc = e->code;
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    rc = db_commit(c->db, e);
    /* On SQLite the next commit would write the pool into the pages the deleted one freed, in
     * the order they were freed: read back through such scattered pages, the pool took up to
     * twice as long as in a database that never held one (verification 1.1 s instead of 0.6 s
     * after a few dozen runs). Every run starts from a compact file instead. */
    int64_t free_pages = 0;
    if (!rc && db_kind(c->db) == DB_SQLITE &&
        db_get_int(c->db, e, &free_pages, "PRAGMA freelist_count", "") == 0 && free_pages > 1000 &&
        db_exec(c->db, e, "VACUUM", "") < 0)
        rc = e->code;
    return rc;
}

static int database(const char *url)
{
    struct err e = {0};
    struct db *db;
    struct calendar *cal = NULL;
    struct arena arena = {0};
    if (db_open(url, &db, &e) || db_migrate(db, &e) < 0) return fprintf(stderr, "%s\n", e.msg), 1;
    struct ctx c = {.db = db, .arena = &arena, .who = &actor_system, .now = time(NULL)};
    if (holiday_seed(&c, &e) < 0 || holiday_load(db, &cal, &e) < 0)
        return fprintf(stderr, "%s\n", e.msg), 1;
    c.cal = cal;
    if (generate(&c, &e) || clean(&c, &e)) return fprintf(stderr, "%s\n", e.msg), 1;
    printf("database %s: %d entities, %g%% drawn, teams of %d from %d officers (cap %d)\n",
           db_kind(db) == DB_SQLITE ? "SQLite" : "PostgreSQL", ENTITIES, RATIO_BP / 100.0, TEAM,
           OFFICERS, CAP);
    struct check_item_input item = {.agency_code = "320412",
                                    .code = "B-1",
                                    .name = "依法执业",
                                    .line = "medical",
                                    .basis = "《医疗机构管理条例》",
                                    .method = "onsite"};
    int64_t item_id, plan;
    char items[24], from[DATE_STRLEN], to[DATE_STRLEN], cap[8];
    date_format(date_from_instant(c.now), from);
    date_format(date_from_instant(c.now) + 60, to);
    snprintf(cap, sizeof cap, "%d", CAP);
    if (check_item_add(&c, &item, &item_id, &e) || check_item_publish(&c, item_id, true, &e))
        return fprintf(stderr, "%s\n", e.msg), 1;
    snprintf(items, sizeof items, "%lld", (long long)item_id);
    struct plan_input in = {.agency_code = "320412",
                            .name = "性能测试计划",
                            .level = "county",
                            .year = "2026",
                            .line = "medical",
                            .items = items,
                            .quota_mode = "ratio",
                            .ratio = "5",
                            .starts_on = from,
                            .deadline = to,
                            .officer_cap = cap};
    if (plan_add(&c, &in, &plan, &e)) return fprintf(stderr, "%s\n", e.msg), 1;

    struct watch w = start();
    if (plan_commit(&c, plan, "公开摇号", &e)) return fprintf(stderr, "commit: %s\n", e.msg), 1;
    double t_commit = lap("commit: freeze 1M pool rows + officers + SHA-256", w);
    arena_free(&arena);
    w = start();
    json_t *problems = NULL;
    if (plan_draw(&c, plan, "2026年3月15日公开摇号 381920", &problems, &e))
        return fprintf(stderr, "draw: %s\n", e.msg), 1;
    double t_draw = lap("draw: entities, teams, tasks + workflow rows", w);
    arena_free(&arena);
    w = start();
    struct plan_verdict v;
    if (plan_verify(&c, plan, false, &v, &e)) return fprintf(stderr, "verify: %s\n", e.msg), 1;
    double t_verify = lap("verify: pool hash, entities, teams from the db", w);
    printf("  %s; %s\n", v.entities.summary, v.teams_summary);
    printf("RESULT %s commit=%.3fs draw=%.3fs verify=%.3fs\n",
           db_kind(db) == DB_SQLITE ? "sqlite" : "postgres", t_commit, t_draw, t_verify);
    arena_free(&arena);
    calendar_free(cal);
    db_close(db);
    return v.ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    crypto_setup();
    log_set_level(LOG_WARN);
    if (argc == 3 && strcmp(argv[1], "--db") == 0) return database(argv[2]);
    if (argc != 1) {
        fprintf(stderr, "usage: bench_draw [--db URL]\n");
        return 2;
    }
    return in_memory();
}
