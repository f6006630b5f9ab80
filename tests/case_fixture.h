/* case_fixture.h — the fixture of the penalty case tests (unit tests of law/case*.c). */
#ifndef LANDUN_TEST_CASE_FIXTURE_H
#define LANDUN_TEST_CASE_FIXTURE_H

#include "support.h"
#include "law/case.h"

/* What cf_setup made: the clinic 康宁诊所 of 320412 and three medical officers (o3's certificate
 * expired on 2026-06-30); the user "officer" is o1. */
extern struct case_fixture {
    int64_t clinic, o1, o2, o3;
} CF;

/* The harness at 2026-12-20 09:00 with the fixture; a cmocka setup. */
int cf_setup(void **state);
/* Officer n of 320412 for the medical line, certificate valid until expires. */
int64_t cf_officer(struct harness *h, int n, const char *expires);
/* A case of the clinic from an inspection: received, act on act. */
struct case_input cf_sample(const char *received, const char *act);
/* in registered by "officer" (fails the test when refused). */
int64_t cf_intake(struct harness *h, struct case_input in);
/* "a,b" (static buffer). */
const char *cf_team(int64_t a, int64_t b);
/* "officer" proposes 立案 with officers on date. */
int cf_propose(struct harness *h, int64_t id, const char *officers, const char *date,
               struct err *e);
/* A penalty item (warning and a fine of 500–30,000 元) with its baseline in force from today:
 * 一般 500–5,000, 严重 5,000–30,000, made once; its id as text (static buffer). */
const char *cf_item(struct harness *h);
/* "officer" concludes the investigation on 2026-12-20 proposing types and fine under item. */
int cf_conclude(struct harness *h, int64_t id, const char *item, const char *level,
                const char *types, const char *fine, const char *why, struct err *e);

#endif
