/* bench_doc_layout.c — how fast a declared document renders: for every type of data/documents/,
 * the record of its area (tests/data/records/<area>.json, the JSON its get function returns)
 * made into what the templates see (law/document.h document_data) and rendered by the one
 * renderer (docs/doc_layout.h) N times on one thread; prints milliseconds per document (mean and
 * slowest), pages and the PDF's size per type, and the mean over all. What a step adds when it
 * issues one — reading the record, sealing, one INSERT — is a few milliseconds more.
 * Run from the source root. Not part of the tests. Usage: bench_doc_layout [N] [TYPE] (N default
 * 50; TYPE: that type alone, e.g. prior_notice or penalty_decision, as bench/cases.sh runs it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "docs/doc_layout.h"
#include "law/case.h"
#include "law/complaint.h"
#include "law/disclosure.h"
#include "law/document.h"
#include "law/petition.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The record of tests/data/records/<name>.json, or exit. */
static json_t *record(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "tests/data/records/%s.json", name);
    json_error_t je;
    json_t *o = json_load_file(path, 0, &je);
    if (!o) {
        fprintf(stderr, "%s: %s (run from the source root)\n", path, je.text);
        exit(1);
    }
    return o;
}

/* The owner and record fixture of a type, by its prefix. */
static const struct doc_owner *owner_of(const char *type, const char **fixture)
{
    if (strncmp(type, "complaint", 9) == 0) return *fixture = "complaint", &complaint_documents;
    if (strncmp(type, "petition", 8) == 0) return *fixture = "petition", &petition_documents;
    if (strncmp(type, "disclosure", 10) == 0) return *fixture = "disclosure", &disclosure_documents;
    return *fixture = "case", &case_documents; /* filing_report, prior_notice, … */
}

/* Render type n times; its mean and slowest milliseconds and its size. */
static int bench(const char *type, int n, double *mean, double *slowest, size_t *bytes)
{
    const char *fixture;
    const struct doc_owner *owner = owner_of(type, &fixture);
    json_t *base = record(fixture);
    double total = 0;
    *slowest = 0;
    for (int i = 0; i < n; i++) {
        json_t *rec = json_deep_copy(base);
        json_t *step = json_pack("{ss ss ss ss}", "action", "bench", "date", "2026-06-26", "note",
                                 "基准测试的步骤说明", "days", "20");
        struct buf pdf = {0};
        struct err e = {0};
        double t0 = now_ms();
        document_data(rec, owner, type, "基2026-0001", "2026-06-26", step);
        int rc = doc_layout_render(type, rec, &pdf, &e);
        double t = now_ms() - t0;
        json_decref(rec);
        if (rc) {
            fprintf(stderr, "%s: %s\n", type, e.msg);
            return rc;
        }
        total += t;
        if (t > *slowest) *slowest = t;
        *bytes = pdf.len;
        buf_free(&pdf);
    }
    json_decref(base);
    *mean = total / n;
    return 0;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 50;
    if (n <= 0) n = 50;
    const char *only = argc > 2 ? argv[2] : NULL;
    if (only && !doc_layout_has(only)) {
        fprintf(stderr, "%s: no such declared document (data/documents/)\n", only);
        return 2;
    }
    /* the first document on a thread loads the fonts: not what a step pays */
    double mean, slowest;
    size_t bytes;
    if (bench(only ? only : doc_layout_type(0), 1, &mean, &slowest, &bytes)) return 1;
    printf("declared documents, %d each, one thread (first load of the fonts: %.1f ms)\n", n, mean);
    double all = 0;
    size_t types = only ? 1 : doc_layout_count();
    for (size_t i = 0; i < types; i++) {
        const char *type = only ? only : doc_layout_type(i);
        if (bench(type, n, &mean, &slowest, &bytes)) return 1;
        printf("  %-26s %6.1f ms (slowest %6.1f)  %4zu KB\n", type, mean, slowest, bytes / 1024);
        all += mean;
    }
    printf("mean over %zu types: %.1f ms per document (target: under 50 ms)\n", types, all / types);
    return 0;
}
