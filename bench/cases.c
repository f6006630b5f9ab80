/* cases.c — penalty cases at province scale: 200,000 cases of a year across the province of
 * bench/province.h (78 counties), in every state, line, source and procedure, with penalty types,
 * fines and confiscations, legal reviews, hearings and 不予行政处罚 decisions. Targets: the case
 * list p99 under 20 ms, the figures of a province-year under 1 s, on both engines.
 *
 *   bench_cases --db URL [--generate]
 *                          generate the province into URL once (multi-row INSERTs) and reuse
 *                          it (--generate: only that); then time case_stats (the province-year, one
 * county's year) and the lists a county's officer opens (the list page, 我承办的 open cases, the
 * list behind a figure)
 *
 * Not part of the tests. Prints wall time of each step and a RESULT line. */
#include "base/crypto.h"
#include "base/calendar.h"
#include "base/log.h"
#include "law/auth.h"
#include "law/case.h"
#include "law/case_stats.h"
#include "law/holiday.h"
#include "law/role.h"
#include "store/migrate.h"
#include "province.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CASES 200000
#define YEAR  2026

static struct province P;

/* ---- 200,000 cases -------------------------------------------------------------------------- */

static const char *const lines[] = {"medical",      "medical",      "medical",      "medical",
                                    "public_place", "public_place", "occupational", "water",
                                    "disinfection", "infectious",   "radiation",    "school"};
static const char *const sources[] = {"inspection", "inspection", "task",
                                      "complaint",  "complaint",  "referral",
                                      "assigned",   "monitoring", "other"};
/* the decisions' types, canonical lists in 第九条's order */
static const char *const types[] = {"warning",
                                    "warning,fine",
                                    "fine",
                                    "fine,confiscation",
                                    "fine,licence_suspension",
                                    "warning,fine,confiscation",
                                    "fine,licence_revocation",
                                    "closure",
                                    "fine,practice_ban",
                                    "fine,downgrade",
                                    "warning,fine"};
static const char *const grounds[] = {"minor", "first", "no_fault"};

/* How far a case has come: its state, whether it was filed, decided (and how), heard. */
static const struct {
    const char *state;
    bool filed, decided, summary, heard, not_penalised;
} stages[] = {
    {"registered", false, false, false, false, false},
    {"declined", false, false, false, false, false},
    {"filed", true, false, false, false, false},
    {"concluded", true, false, false, false, false},
    {"notified", true, false, false, false, false},
    {"decided", true, true, false, false, false},
    {"decided", true, true, false, false, false},
    {"decided", true, true, false, false, false},
    {"decided", true, true, false, false, false},
    {"decided", true, true, false, true, false},
    {"decided", false, true, true, false, false},
    {"not_penalised", true, true, false, false, true},
};

enum { BATCH = 400, COLS = 24 };

/* The text of the day d (YYYY-MM-DD) into out. */
static const char *day(day_t d, char *out)
{
    date_format(d, out);
    return out;
}

/* What row i holds besides its dates. */
struct gen {
    char number[48], act[DATE_STRLEN], received[DATE_STRLEN], filed[DATE_STRLEN],
        decided[DATE_STRLEN], heard[DATE_STRLEN];
};

static struct db_arg text(const char *s)
{
    return s ? (struct db_arg){.type = 't', .s = s} : (struct db_arg){.type = 'n'};
}

static struct db_arg num(int64_t v, bool set)
{
    return set ? (struct db_arg){.type = 'i', .i = v} : (struct db_arg){.type = 'n'};
}

/* Row i of the generated cases into a (COLS values). */
static void case_row(struct ctx *c, int i, struct db_arg *a, struct gen *g)
{
    int st = (i / 7) % (int)countof(stages);
    day_t received = date_from_ymd(YEAR, 1, 1) + (i % 365);
    day_t filed = received + 3, decided = filed + 15 + (i % 70);
    bool penalised = stages[st].decided && !stages[st].not_penalised;
    const char *t = penalised ? types[(i / 3) % countof(types)] : NULL;
    int64_t fine = t && strstr(t, "fine") ? (int64_t)((i % 40) + 1) * 50000 : 0;
    int64_t conf = t && strstr(t, "confiscation") ? (int64_t)((i % 20) + 1) * 100000 : 0;
    bool review =
        stages[st].filed &&
        (fine >= 1000000 ||
         (t && (strstr(t, "revocation") || strstr(t, "closure") || strstr(t, "practice_ban"))));
    if (stages[st].summary) decided = received;
    snprintf(g->number, sizeof g->number, "测卫医罚〔%d〕%d号", YEAR, i + 1);
    a[0] = (struct db_arg){.type = 'i', .i = P.county[i % PROVINCE_COUNTIES]};
    a[1] = text(stages[st].filed || stages[st].summary ? g->number : NULL);
    a[2] = text(lines[(i / 5) % countof(lines)]);
    a[3] = text(sources[(i / 11) % countof(sources)]);
    a[4] = text("某诊所");
    a[5] = text("organisation");
    a[6] = text("使用非卫生技术人员从事医疗卫生技术工作");
    a[7] = text(day(received - 5, g->act));
    a[8] = text(day(received, g->received));
    a[9] = text(g->received);
    a[10] = text(stages[st].state);
    a[11] = text(stages[st].filed ? day(filed, g->filed) : NULL);
    a[12] = text(stages[st].summary ? "summary" : "general");
    a[13] = text(stages[st].decided ? day(decided, g->decided) : NULL);
    a[14] = text(t);
    a[15] = num(fine, fine > 0);
    a[16] = num(conf, conf > 0);
    a[17] = text(stages[st].not_penalised ? grounds[i % 3] : NULL);
    a[18] = num(review, true);
    a[19] = text(stages[st].heard ? day(decided - 10, g->heard) : NULL);
    a[20] = num(i % 3 == 0, true);
    a[21] = text(st >= 3 && !stages[st].summary ? (t ? t : "warning") : NULL);
    a[22] = num(c->now, true);
    a[23] = num(c->now, true);
}

static int cases(struct ctx *c, struct err *e)
{
    static struct db_arg args[BATCH * COLS];
    static struct gen g[BATCH];
    int rc = 0;
    for (int at = 0; at < CASES && !rc; at += BATCH) {
        for (int i = 0; i < BATCH; i++)
            case_row(c, at + i, args + i * COLS, &g[i]);
        if (db_insert_rows(c->db, e,
                           "INSERT INTO penalty_case (agency_id, number, line, source, party_name,"
                           " party_kind, summary, act_on, found_on, received_on, state, filed_on,"
                           " procedure, decided_on, decision_types, decision_fine,"
                           " decision_confiscated, no_penalty_ground, review_required, heard_on,"
                           " hearing_absent, penalty_types, created_at, updated_at) VALUES",
                           COLS, BATCH, args) < 0)
            rc = e->code;
        if (at % 50000 == 0) fprintf(stderr, "\r  %d", at);
    }
    fprintf(stderr, "\n");
    return rc;
}

/* The day n days after the column's (SQL of a trusted column, per engine). */
static const char *plus(struct ctx *c, const char *column, int n)
{
    return db_kind(c->db) == DB_SQLITE
               ? arena_printf(c->arena, "date(%s, '+%d days')", column, n)
               : arena_printf(c->arena, "to_char(%s::date + %d, 'YYYY-MM-DD')", column, n);
}

/* After the decision: three in four fines paid in full 20 days after it, one in eight with a
 * tenth more of 加处罚款; the other fines reminded (催告) after 25 days, half of them applied to
 * the court after 60 (one in two of those after the three months), a quarter of those granted
 * 20 days later; two in three decisions closed (结案) 30 days after them. */
static int after_decision(struct ctx *c, struct err *e)
{
    const char *sql[] = {
        arena_printf(c->arena,
                     "INSERT INTO case_payment (case_id, kind, amount, paid_on, how, created_at)"
                     " SELECT id, 'fine', decision_fine, %s, 'bank', 0 FROM penalty_case"
                     " WHERE decision_fine > 0 AND id %% 4 <> 0",
                     plus(c, "decided_on", 20)),
        arena_printf(c->arena,
                     "INSERT INTO case_payment (case_id, kind, amount, paid_on, how, created_at)"
                     " SELECT id, 'surcharge', decision_fine / 10, %s, 'bank', 0 FROM"
                     " penalty_case WHERE decision_fine > 0 AND id %% 8 = 1",
                     plus(c, "decided_on", 20)),
        arena_printf(c->arena,
                     "INSERT INTO case_reminder (case_id, reminded_on, served_on, method,"
                     " fine_owed, surcharge_owed, confiscated_owed, perform_by, created_at)"
                     " SELECT id, %s, %s, 'direct', decision_fine, 0, 0, %s, 0 FROM penalty_case"
                     " WHERE decision_fine > 0 AND id %% 4 = 0",
                     plus(c, "decided_on", 25), plus(c, "decided_on", 26),
                     plus(c, "decided_on", 40)),
        arena_printf(
            c->arena,
            "INSERT INTO case_court_application (case_id, reminder_id, applied_on, court,"
            " fine_amount, surcharge_amount, confiscated_amount, window_opens_on,"
            " apply_by, late, status, created_at) SELECT r.case_id, r.id, %s, '人民法院',"
            " r.fine_owed, 0, 0, r.reminded_on, r.perform_by, CASE WHEN r.case_id %% 16 = 0"
            " THEN 1 ELSE 0 END,"
            " 'applied', 0 FROM case_reminder r WHERE r.case_id %% 8 = 0",
            plus(c, "r.reminded_on", 35)),
        arena_printf(c->arena,
                     "INSERT INTO case_court_outcome (application_id, case_id, outcome,"
                     " decided_on, doc_no, created_at) SELECT k.id, k.case_id, 'granted', %s,"
                     " '行审', 0 FROM case_court_application k WHERE k.case_id %% 32 = 8",
                     plus(c, "k.applied_on", 20)),
        arena_printf(c->arena,
                     "UPDATE penalty_case SET closed_on = %s WHERE decided_on IS NOT NULL"
                     " AND id %% 3 <> 0",
                     plus(c, "decided_on", 30)),
    };
    for (size_t i = 0; i < countof(sql); i++)
        if (db_exec(c->db, e, sql[i], "") < 0) return e->code;
    return 0;
}

/* Ten officers per county, the county's account the first (ZF0-<county>); every filed case
 * investigated by two of them (by its id), so an officer's 我承办的 is a fifth of the county's;
 * the 90 days of each filed case; the steps of 立案 and of the legal reviews. */
static int around(struct ctx *c, struct err *e)
{
    for (int k = 0; k < 10; k++)
        if (db_exec(c->db, e,
                    "INSERT INTO officer (agency_id, name, id_number, cert_no, cert_issued,"
                    " cert_expires, lines, created_at, updated_at) SELECT id, ?, ? || code,"
                    " ? || code, '2025-01-01', '2030-12-31', 'medical', 0, 0 FROM agency"
                    " WHERE level = 'county'",
                    "ttt", arena_printf(c->arena, "执法人员%d", k),
                    arena_printf(c->arena, "ID%d-", k), arena_printf(c->arena, "ZF%d-", k)) < 0)
            return e->code;
    const char *sql[] = {
        "UPDATE app_user SET officer_id = (SELECT o.id FROM officer o JOIN agency a ON a.id ="
        " o.agency_id WHERE o.agency_id = app_user.agency_id AND o.cert_no = 'ZF0-' || a.code)"
        " WHERE username LIKE 'case%'",
        "INSERT INTO case_officer (case_id, officer_id) SELECT x.id, o.id FROM penalty_case x"
        " JOIN agency a ON a.id = x.agency_id JOIN officer o ON o.agency_id = x.agency_id"
        " AND (o.cert_no = 'ZF' || (x.id % 10) || '-' || a.code OR o.cert_no = 'ZF' ||"
        " ((x.id + 1) % 10) || '-' || a.code) WHERE x.filed_on IS NOT NULL",
        arena_printf(c->arena,
                     "INSERT INTO wf_deadline (kind, object_id, agency_id, name, label, basis,"
                     " start_on, due_on, days, working, provisional, ended_on, outcome)"
                     " SELECT 'case', id, agency_id, 'decide', '作出处罚决定期限', '', filed_on,"
                     " %s, 90, 0, 0, decided_on, CASE WHEN decided_on IS NULL THEN NULL ELSE"
                     " 'met' END FROM penalty_case WHERE filed_on IS NOT NULL",
                     plus(c, "filed_on", 90)),
        "INSERT INTO wf_step (kind, object_id, agency_id, from_state, action, to_state, day, at,"
        " username) SELECT 'case', id, agency_id, 'proposed', 'approve', 'filed', filed_on, 0,"
        " 'bench' FROM penalty_case WHERE filed_on IS NOT NULL",
        arena_printf(c->arena,
                     "INSERT INTO wf_step (kind, object_id, agency_id, from_state, action,"
                     " to_state, day, at, username) SELECT 'case', id, agency_id, 'concluded',"
                     " 'review_return', 'filed', %s, 0, 'bench' FROM penalty_case"
                     " WHERE review_required = 1 AND id %% 5 = 0",
                     plus(c, "filed_on", 8)),
        arena_printf(c->arena,
                     "INSERT INTO wf_step (kind, object_id, agency_id, from_state, action,"
                     " to_state, day, at, username) SELECT 'case', id, agency_id, 'concluded',"
                     " 'review_pass', 'reviewed', %s, 0, 'bench' FROM penalty_case"
                     " WHERE review_required = 1 AND (decided_on IS NOT NULL OR state ="
                     " 'notified')",
                     plus(c, "filed_on", 12)),
    };
    for (size_t i = 0; i < countof(sql); i++)
        if (db_exec(c->db, e, sql[i], "") < 0) return e->code;
    return after_decision(c, e);
}

static int generate(struct ctx *c, struct err *e)
{
    int64_t n = 0;
    if (db_get_int(c->db, e, &n, "SELECT COUNT(*) FROM penalty_case", "")) return e->code;
    if (n >= CASES) return province_read(c, "case", &P, e);
    fprintf(stderr, "generating %d cases (once)\n", CASES);
    double t = bench_wall();
    int rc = db_begin(c->db, e);
    if (!rc) rc = province_build(c, "case", 1u << ROLE_OFFICER, &P, e);
    if (!rc) rc = cases(c, e);
    if (!rc) rc = around(c, e);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    rc = db_commit(c->db, e);
    if (!rc) rc = db_exec(c->db, e, "ANALYZE", "") < 0;
    fprintf(stderr, "  generated in %.0f s\n", bench_wall() - t);
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

static long long count_at(json_t *o, const char *a, const char *b)
{
    json_t *at = json_object_get(o, a);
    if (b) at = json_object_get(at, b);
    return (long long)json_integer_value(json_object_get(at, "count"));
}

/* The figures after the decision, on one line. */
static void after_decision_line(json_t *o)
{
    json_t *m = json_object_get(o, "money"), *x = json_object_get(o, "enforcement"),
           *days = json_object_get(json_object_get(o, "closing_days"), "average");
    printf("  结案 %lld (平均 %s 日), 罚款实缴 %s 万元, 加处罚款 %s 万元, 催告 %lld,"
           " 申请强制执行 %lld (超期 %lld), 准予执行 %lld\n",
           count_at(o, "closed", NULL), days ? json_string_value(days) : "—",
           json_string_value(json_object_get(m, "fine_paid_wan")),
           json_string_value(json_object_get(m, "surcharge_paid_wan")),
           count_at(x, "reminders", NULL), count_at(x, "applications", NULL),
           count_at(x, "applications", "late"),
           (long long)json_integer_value(
               json_object_get(json_array_get(json_object_get(x, "outcomes"), 0), "count")));
}

/* The figures of [from, to] as who sees them (NULL: the system, the whole province): best of 3,
 * its CPU time into *cpu_s. */
static double figures(struct ctx *c, const struct actor *who, const char *from, const char *to,
                      bool show, double *cpu_s, struct err *e)
{
    struct ctx as = *c;
    if (who) as.who = who;
    struct case_period p = {.from = from, .to = to};
    double best = 1e9;
    for (int i = 0; i < 3; i++) {
        double t = bench_wall(), u = cpu();
        json_t *o = case_stats(&as, &p, e);
        t = bench_wall() - t;
        u = cpu() - u;
        if (!o) return -1;
        json_t *d = json_object_get(o, "decided"), *m = json_object_get(o, "money");
        if (i == 0 && show)
            printf("  %s…%s: 立案 %lld, 决定 %lld (简易 %lld), 罚款 %s 万元, 没收 %s 万元,"
                   " 法制审核率 %s, 平均办案 %s 日, 超期 %lld\n",
                   from, to,
                   (long long)json_integer_value(
                       json_object_get(json_object_get(o, "filed"), "count")),
                   (long long)json_integer_value(json_object_get(d, "count")),
                   (long long)json_integer_value(
                       json_object_get(json_object_get(d, "summary"), "count")),
                   json_string_value(json_object_get(m, "fine_wan")),
                   json_string_value(json_object_get(m, "confiscated_wan")),
                   json_string_value(json_object_get(json_object_get(o, "reviews"), "rate")),
                   json_object_get(json_object_get(o, "days"), "average")
                       ? json_string_value(json_object_get(json_object_get(o, "days"), "average"))
                       : "—",
                   (long long)json_integer_value(
                       json_object_get(json_object_get(o, "overdue"), "count")));
        if (i == 0 && show) after_decision_line(o);
        json_decref(o);
        arena_free(c->arena);
        if (t < best) best = t, *cpu_s = u;
    }
    return best;
}

/* One kind of list, for each county's officer in turn (the first three pages): p50 and p99. */
static int lists(struct ctx *c, const struct case_query *base, double *p50, double *p99,
                 double *cpu_mean, struct err *e)
{
    enum { RUNS = 390 };
    static double t[RUNS];
    double u = 0;
    for (int i = 0; i < RUNS; i++) {
        struct actor who;
        if (auth_load_actor(c, P.user[i % PROVINCE_COUNTIES], &who, e)) return e->code;
        struct ctx as = *c;
        as.who = &who;
        struct case_query q = *base;
        q.page = 1 + i % 3;
        q.per_page = 50;
        double s = bench_wall(), s_cpu = cpu();
        json_t *o = case_list(&as, &q, e);
        t[i] = bench_wall() - s;
        u += cpu() - s_cpu;
        if (!o) return e->code;
        json_decref(o);
        arena_free(c->arena);
    }
    bench_percentiles(t, RUNS, p50, p99);
    *cpu_mean = u / RUNS;
    return 0;
}

int main(int argc, char **argv)
{
    const char *url = argc >= 3 && strcmp(argv[1], "--db") == 0 ? argv[2] : NULL;
    bool only_generate = argc == 4 && strcmp(argv[3], "--generate") == 0;
    if (!url || argc > 4) {
        fprintf(stderr, "usage: bench_cases --db URL [--generate]\n");
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
    if (only_generate) {
        calendar_free(cal);
        arena_free(&arena);
        db_close(db);
        return 0;
    }
    const char *engine = db_kind(db) == DB_SQLITE ? "sqlite" : "postgres";
    printf("%s: %d cases in %d counties\n", engine, CASES, PROVINCE_COUNTIES);
    /* the county's account, on an arena of its own (figures frees c's after each run) */
    struct arena county_arena = {0};
    struct ctx county_ctx = c;
    county_ctx.arena = &county_arena;
    struct actor county;
    if (auth_load_actor(&county_ctx, P.user[0], &county, &e))
        return fprintf(stderr, "%s\n", e.msg), 1;
    double u_year = 0, u_county = 0;
    double t_year = figures(&c, NULL, "2026-01-01", "2026-12-31", true, &u_year, &e);
    double t_county =
        t_year < 0 ? -1 : figures(&c, &county, "2026-01-01", "2026-12-31", true, &u_county, &e);
    if (t_year < 0 || t_county < 0) return fprintf(stderr, "figures: %s\n", e.msg), 1;
    printf("  figures of the province-year: %.3f s (CPU %.3f s); of one county's year: %.3f s"
           " (CPU %.3f s) (best of 3)\n",
           t_year, u_year, t_county, u_county);
    static const struct {
        const char *name;
        struct case_query q;
    } kinds[] = {
        {"the list page", {0}},
        {"我承办的 open cases", {.mine = true, .state = "open"}},
        {"the list behind a figure (decided in the year, most severe type 罚款)",
         {.decided_from = "2026-01-01", .decided_to = "2026-12-31", .severest = "fine"}},
    };
    double p50[3], p99[3], u[3];
    for (size_t k = 0; k < countof(kinds); k++) {
        if (lists(&c, &kinds[k].q, &p50[k], &p99[k], &u[k], &e))
            return fprintf(stderr, "list: %s\n", e.msg), 1;
        printf("  a county officer's %s: p50 %.2f ms, p99 %.2f ms (CPU %.2f ms each)\n",
               kinds[k].name, p50[k] * 1e3, p99[k] * 1e3, u[k] * 1e3);
    }
    printf("RESULT %s figures=%.3fs figures_county=%.3fs list_p99=%.2fms mine_p99=%.2fms"
           " figure_list_p99=%.2fms\n",
           engine, t_year, t_county, p99[0] * 1e3, p99[1] * 1e3, p99[2] * 1e3);
    calendar_free(cal);
    arena_free(&county_arena);
    arena_free(&arena);
    db_close(db);
    return 0;
}
