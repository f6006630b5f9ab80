/* bench_pdf.c — how fast the document engine renders an enforcement document to PDF.
 *
 * Renders a three-page 现场笔录-like document (agency, title, number, eight labelled fields, a
 * body of sixteen paragraphs, two signature lines, seal block and small print) on 1 and on 2
 * threads and prints documents per second, milliseconds per document and the PDF's size; then
 * renders twice as many again on one thread and prints how much the resident memory grew over
 * each half (the libraries' small leaks, see docs/documents.md). Not part of the tests.
 * Usage: bench_pdf [DOCUMENTS] (default 200). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "docs/document.h"

static const char *const paragraphs[] = {
    "经查，该单位于2026年11月23日上午在门诊部开展诊疗活动，现场有患者十余人候诊。执法人员出示"
    "行政执法证件，说明来意，告知当事人依法享有的权利和义务，当事人表示清楚，不申请回避。",
    "现场检查发现：一、《医疗机构执业许可证》正本悬挂于大厅，有效期至2028年6月30日，诊疗科目为"
    "内科、外科、口腔科；二、口腔科诊室内使用的牙科手机未见灭菌记录，消毒登记本最后一次记录为"
    "2026年10月5日；三、医疗废物暂存处未设置明显警示标识，感染性废物与生活垃圾混放。",
    "执法人员对上述情况进行了拍照取证，共拍摄照片十二张，并对消毒登记本第1页至第8页进行了复印，"
    "由当事人在复印件上签字确认。检查过程使用执法记录仪全程录像，录像编号为JL-2026-1123-07。",
    "当事人陈述：牙科手机的灭菌工作由护士张某负责，近期因人员变动未能及时登记；医疗废物暂存处的"
    "警示标识因装修被拆除，尚未恢复。当事人承诺立即整改，并于七日内将整改情况书面报告。",
};

static const struct doc_field fields[] = {
    {"被检查单位", "常州市武进区湖塘镇仁和口腔诊所"},
    {"统一社会信用代码", "91320412MA1XYZ1234"},
    {"地址", "江苏省常州市武进区湖塘镇府前路18号仁和大厦一楼东侧门面"},
    {"法定代表人（负责人）", "李明华"},
    {"联系电话", "0519-86601234"},
    {"检查时间", "2026年11月23日9时30分至11时10分"},
    {"执法人员及证号", "王建国 32041200123、陈晓丽 32041200456"},
    {"记录人", ""},
};

static const struct doc_signature sigs[] = {
    {"执法人员（签名）", "王建国、陈晓丽", "2026-11-23"},
    {"被检查人（签名）", NULL, NULL},
};

static char body[16384];       /* the body text, built once */
static struct document doc;    /* the document every thread renders */
static struct doc_section sec; /* its one section */

/* One thread's share: render n documents, keep the last size and count failures. */
struct share {
    int n;        /* documents to render */
    int failures; /* renderings that failed */
    size_t bytes; /* size of the last PDF */
    int pages;    /* pages of the last PDF */
};

static void *render(void *arg)
{
    struct share *s = arg;
    for (int i = 0; i < s->n; i++) {
        struct buf pdf = {0};
        struct err e = {0};
        struct doc_render_info info = {0};
        if (doc_render_pdf_info(&doc, &pdf, &info, &e)) s->failures++;
        s->bytes = pdf.len;
        s->pages = info.pages;
        buf_free(&pdf);
    }
    return NULL;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Resident memory in kB. */
static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = 0;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) kb = atol(line + 6);
    if (f) fclose(f);
    return kb;
}

/* Render total documents on nthreads threads; print the rate. */
static int run(int total, int nthreads)
{
    struct share s[8] = {0};
    pthread_t t[8];
    double start = now_s();
    for (int i = 0; i < nthreads; i++) {
        s[i].n = total / nthreads;
        pthread_create(&t[i], NULL, render, &s[i]);
    }
    int failures = 0;
    for (int i = 0; i < nthreads; i++) {
        pthread_join(t[i], NULL);
        failures += s[i].failures;
    }
    double secs = now_s() - start;
    int done = total / nthreads * nthreads;
    printf("   %d thread%s: %d documents of %d pages in %.2f s: %.1f documents/s, %.1f ms each,"
           " %zu KB each\n",
           nthreads, nthreads > 1 ? "s" : "", done, s[0].pages, secs, done / secs,
           1000 * secs * nthreads / done, s[0].bytes / 1024);
    return failures;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 200;
    if (n < 2) n = 2;
    size_t used = 0;
    for (int i = 0; i < 16; i++)
        used += (size_t)snprintf(body + used, sizeof body - used, "（%d）%s\n", i + 1,
                                 paragraphs[i % 4]);
    sec = (struct doc_section){"检查情况", body};
    doc = (struct document){
        .agency_name = "常州市武进区卫生健康局",
        .title = "现场笔录",
        .number = "现2026-0003",
        .number_label = "编号",
        .fields = fields,
        .nfields = 8,
        .sections = &sec,
        .nsections = 1,
        .sigs = sigs,
        .nsigs = 2,
        .date = "2026-11-23",
        .seal = true,
        .notice = "当事人对本笔录记载内容有异议的，可以当场提出，由执法人员如实记录。",
    };
    printf("== PDF documents (docs/document.c)\n");
    struct share warm = {.n = 1};
    render(&warm); /* font loading, once per thread */
    int failures = run(n, 1) + run(n, 2);
    /* memory: a first batch warms the allocator and caches; a second shows any leak */
    struct share more[2] = {{.n = n}, {.n = n}};
    long before = rss_kb();
    render(&more[0]);
    long middle = rss_kb();
    render(&more[1]);
    printf("   resident memory grew %ld KB over %d more documents, then %ld KB over %d more\n",
           middle - before, n, rss_kb() - middle, n);
    failures += more[0].failures + more[1].failures;
    if (failures + warm.failures) {
        fprintf(stderr, "bench_pdf: %d renderings failed\n", failures);
        return 1;
    }
    return 0;
}
