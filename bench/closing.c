/* bench/closing.c — the pre-closing check (law/case_closing.c, case_closing_check) on one decided
 * and executed case whose file holds 200 documents, each kept: the median and worst of 200 runs.
 * Target: under 10 ms (docs/benchmarks.md). usage: bench_closing --db URL */
#include "base/arena.h"
#include "base/calendar.h"
#include "base/crypto.h"
#include "base/log.h"
#include "law/auth.h"
#include "law/case_closing.h"
#include "law/holiday.h"
#include "store/db.h"
#include "store/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DOCS 200
#define RUNS 200

static const char *const types[] = {
    "filing_report",    "deliberation_record", "investigation_report", "prior_notice",
    "penalty_decision", "service_receipt",     "statement_record"};

/* One agency, one decided case served and paid in full (executed), DOCS documents of it (each
 * with a file). */
static int generate(struct ctx *c, int64_t *id, struct err *e)
{
    if (db_begin(c->db, e)) return e->code;
    int64_t agency = 0;
    if (db_get_int(c->db, e, &agency,
                   "INSERT INTO agency (code, name, short_name, path, created_at)"
                   " VALUES ('320412', '常州市武进区卫生健康局', '武', '/', 0) RETURNING id",
                   "") ||
        db_exec(c->db, e, "UPDATE agency SET path = '/' || id || '/'", "") < 0 ||
        db_get_int(c->db, e, id,
                   "INSERT INTO penalty_case (agency_id, number, line, source, party_name,"
                   " party_kind, summary, act_on, found_on, received_on, state, filed_on,"
                   " decided_on, decision_types, decision_fine, notified_on, waived_on,"
                   " decision_received_on, executed_on, created_at, updated_at) VALUES (?,"
                   " '武卫医罚〔2026〕1号', 'medical', 'inspection', '康宁诊所', 'organisation',"
                   " '案由', '2026-10-30', '2026-11-02', '2026-11-02', 'decided', '2026-11-04',"
                   " '2026-12-15', 'warning,fine', 300000, '2026-12-14', '2026-12-14',"
                   " '2026-12-16', '2026-12-17', 0, 0) RETURNING id",
                   "i", agency))
        return db_rollback(c->db), e->code;
    for (int i = 0; i < DOCS; i++) {
        char number[32];
        snprintf(number, sizeof number, "B2026-%04d", i + 1);
        int64_t doc = 0;
        if (db_get_int(c->db, e, &doc,
                       "INSERT INTO document (agency_id, type, line, number, year, seq, date,"
                       " object_type, object_id, created_at) VALUES (?, ?, 'medical', ?, 2026, ?,"
                       " '2026-12-15', 'case', ?, 0) RETURNING id",
                       "ittii", agency, types[i % (int)(sizeof types / sizeof *types)], number,
                       (int64_t)i + 1, *id) ||
            db_exec(c->db, e,
                    "INSERT INTO document_file (document_id, sha256, sealed, pdf)"
                    " VALUES (?, 'x', 0, ?)",
                    "ib", doc, "%PDF", (size_t)4) < 0)
            return db_rollback(c->db), e->code;
    }
    if (db_exec(
            c->db, e,
            "INSERT INTO case_service (case_id, document_id, document_type, document_number,"
            " method, served_on, server, receipt_on, late, created_at) VALUES (?, (SELECT MIN(id)"
            " FROM document WHERE type = 'penalty_decision'),"
            " 'penalty_decision', '武卫医罚〔2026〕1号', 'direct', '2026-12-16', '执法人员',"
            " '2026-12-16', 0, 0)",
            "i", *id) < 0 ||
        db_exec(c->db, e,
                "INSERT INTO case_payment (case_id, kind, amount, paid_on, how, created_at)"
                " VALUES (?, 'fine', 300000, '2026-12-17', 'bank', 0)",
                "i", *id) < 0)
        return db_rollback(c->db), e->code;
    return db_commit(c->db, e);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 3 || strcmp(argv[1], "--db") != 0) {
        fprintf(stderr, "usage: bench_closing --db URL\n");
        return 2;
    }
    crypto_setup();
    log_set_level(LOG_WARN);
    struct err e = {0};
    struct db *db;
    struct calendar *cal = NULL;
    struct arena arena = {0};
    if (db_open(argv[2], &db, &e) || db_migrate(db, &e) < 0)
        return fprintf(stderr, "%s\n", e.msg), 1;
    struct ctx c = {.db = db, .arena = &arena, .who = &actor_system, .now = time(NULL)};
    if (holiday_seed(&c, &e) < 0 || holiday_load(db, &cal, &e) < 0)
        return fprintf(stderr, "%s\n", e.msg), 1;
    c.cal = cal;
    int64_t id;
    if (generate(&c, &id, &e)) return fprintf(stderr, "generate: %s\n", e.msg), 1;
    /* one untimed run first, as the other benches warm up: it prepares the statements */
    json_decref(case_closing_check(&c, id, NULL, &e));
    arena_free(&arena);
    static double t[RUNS];
    size_t found = 0;
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        json_t *items = case_closing_check(&c, id, NULL, &e);
        t[i] = now_ms() - t0;
        if (!items) return fprintf(stderr, "check: %s\n", e.msg), 1;
        found = json_array_size(items);
        json_decref(items);
        arena_free(&arena);
    }
    if (found) /* the whole check runs only on a complete file; an item means the data is wrong */
        return fprintf(stderr, "the generated file lacks %zu items\n", found), 1;
    qsort(t, RUNS, sizeof *t, by_value);
    printf("%s: the pre-closing check of a case with %d documents (%zu items): median %.2f ms,"
           " p99 %.2f ms, worst %.2f ms (%d runs after one untimed)\n",
           db_kind(db) == DB_SQLITE ? "sqlite" : "postgres", DOCS, found, t[RUNS / 2],
           t[RUNS * 99 / 100], t[RUNS - 1], RUNS);
    calendar_free(cal);
    arena_free(&arena);
    db_close(db);
    return 0;
}
