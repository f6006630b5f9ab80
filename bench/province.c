/* province.c — the province of the benchmarks at scale (bench/province.h). */
#include "province.h"
#include "law/agency.h"
#include "law/auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

double bench_wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void bench_percentiles(double *t, int n, double *p50, double *p99)
{
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    *p50 = t[n / 2];
    *p99 = t[n * 99 / 100];
}

static int add_agency(struct ctx *c, const char *code, const char *name, const char *parent,
                      const char *level, int64_t *id, struct err *e)
{
    struct agency_input in = {
        .code = code, .name = name, .short_name = "测", .parent_code = parent, .level = level};
    return agency_add(c, &in, id, e);
}

static int add_account(struct ctx *c, const char *prefix, int k, unsigned roles, const char *agency,
                       int64_t *id, struct err *e)
{
    char name[32];
    snprintf(name, sizeof name, "%s%02d", prefix, k);
    struct user_input u = {.username = name,
                           .display_name = name,
                           .password = "bench-password-1",
                           .agency_code = agency,
                           .roles = roles};
    return user_add(c, &u, id, e);
}

int province_build(struct ctx *c, const char *prefix, unsigned roles, struct province *p,
                   struct err *e)
{
    int64_t id;
    int rc = add_agency(c, "330000", "测试省卫生健康委员会", NULL, "province", &id, e);
    for (int i = 0; i < PROVINCE_CITIES && !rc; i++) {
        char city[8], name[64];
        snprintf(city, sizeof city, "33%02d00", i + 1);
        snprintf(name, sizeof name, "第%d市卫生健康委员会", i + 1);
        rc = add_agency(c, city, name, "330000", "city", &id, e);
        for (int k = 0; k < 6 && !rc; k++) {
            char county[8];
            int n = i * 6 + k;
            snprintf(county, sizeof county, "33%02d%02d", i + 1, k + 1);
            snprintf(name, sizeof name, "第%d市第%d县卫生健康局", i + 1, k + 1);
            rc = add_agency(c, county, name, city, "county", &p->county[n], e);
            if (!rc) rc = add_account(c, prefix, n, roles, county, &p->user[n], e);
        }
    }
    return rc;
}

int province_read(struct ctx *c, const char *prefix, struct province *p, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT a.id, u.id FROM agency a JOIN app_user u"
                                  " ON u.agency_id = a.id WHERE a.level = 'county'"
                                  " AND u.username LIKE ? ORDER BY a.code",
                                  "t", arena_printf(c->arena, "%s%%", prefix));
    int k = 0;
    for (; st && db_step(st, e) == DB_ROW && k < PROVINCE_COUNTIES; k++) {
        p->county[k] = db_int(st, 0);
        p->user[k] = db_int(st, 1);
    }
    db_done(st);
    if (!e->code && k < PROVINCE_COUNTIES)
        return err_set(e, ERR_NOTFOUND, "the province has %d accounts %s…, not %d", k, prefix,
                       PROVINCE_COUNTIES);
    return e->code;
}
