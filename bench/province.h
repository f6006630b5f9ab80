/* province.h — what the benchmarks at province scale share (bench/complaints.c, bench/cases.c):
 * the clock, percentiles, and the province they build once — 13 cities of 6 counties under
 * 330000, with one account per county. Not part of the tests. */
#ifndef LANDUN_BENCH_PROVINCE_H
#define LANDUN_BENCH_PROVINCE_H

#include "law/ctx.h"

#define PROVINCE_CITIES   13
#define PROVINCE_COUNTIES (PROVINCE_CITIES * 6) /* 6 per city */

/* The counties and their accounts, in the order of their codes (330101 … 331306). */
struct province {
    int64_t county[PROVINCE_COUNTIES]; /* agency ids */
    int64_t user[PROVINCE_COUNTIES];   /* the account of each county (app_user ids) */
};

/* Monotonic seconds. */
double bench_wall(void);
/* Sort the n times t and set the median and the 99th percentile. */
void bench_percentiles(double *t, int n, double *p50, double *p99);

/* Add the province (330000, its cities and counties, each with the short name 测) and in each
 * county the account <prefix>NN (NN from 00) with roles. */
int province_build(struct ctx *c, const char *prefix, unsigned roles, struct province *p,
                   struct err *e);
/* Read back the counties and the accounts <prefix>NN of a province built before. */
int province_read(struct ctx *c, const char *prefix, struct province *p, struct err *e);

#endif
