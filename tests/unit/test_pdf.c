/* test_pdf.c — the enforcement document engine (docs/document.h): every part of a document
 * comes out of the PDF as text (pdftotext from poppler-utils reads it back), long bodies break
 * into pages without losing or repeating a line, pages are numbered "第 N 页 共 M 页", every
 * Chinese character has a glyph, and several threads render at once.
 *
 * Set LANDUN_PDF_OUT=DIR to keep the PDFs and the page images (pdftoppm -png -r 60) in DIR. */
#include "tests/support.h"
#include "docs/document.h"
#include "base/log.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char outdir[256]; /* where the files go */
static bool keep;        /* LANDUN_PDF_OUT given: leave the files */

/* ---- helpers ---------------------------------------------------------------------------- */

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

static const char last_sentence[] = "以上笔录共三页，经当事人核对无误后逐页签名确认。";

/* A body long enough for three pages (arena). */
static const char *long_body(struct harness *h, int rounds)
{
    struct buf b = {0};
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < countof(paragraphs); i++) {
            buf_addf(&b, "（%d）%s\n", r * (int)countof(paragraphs) + (int)i + 1, paragraphs[i]);
        }
    buf_adds(&b, "检查结束后，执法人员向当事人宣读了本笔录。");
    buf_adds(&b, last_sentence);
    const char *s = arena_strdup(&h->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

static const struct doc_field fields[] = {
    {"被检查单位", "常州市武进区湖塘镇仁和口腔诊所"},
    {"统一社会信用代码", "91320412MA1XYZ1234"},
    {"地址", "江苏省常州市武进区湖塘镇府前路18号仁和大厦一楼东侧门面（与长虹路交叉口向南约"
             "五十米处，原湖塘镇卫生院老门诊楼对面）"},
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

/* A document with every part filled; body as given. */
static struct document full_document(const char *body, struct doc_section *sec)
{
    sec[0] = (struct doc_section){"检查情况", body};
    sec[1] = (struct doc_section){"处理意见", "责令当事人立即改正上述违法行为。"};
    return (struct document){
        .agency_name = "常州市武进区卫生健康局",
        .title = "现场笔录",
        .number = "武卫医监〔2026〕3号",
        .fields = fields,
        .nfields = (int)countof(fields),
        .sections = sec,
        .nsections = 2,
        .sigs = sigs,
        .nsigs = (int)countof(sigs),
        .date = "2026-11-23",
        .seal = true,
        .notice =
            "当事人对本笔录记载内容有异议的，可以当场提出，由执法人员如实记录。本笔录一式两份，"
            "一份交当事人，一份由卫生健康行政部门存档。",
    };
}

/* Write pdf to outdir/name and return its path (static buffer per call site is the caller's). */
static void save(const struct buf *pdf, const char *name, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", outdir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(pdf->p, 1, pdf->len, fp), pdf->len);
    assert_int_equal(fclose(fp), 0);
}

/* The standard output of a shell command (heap; caller frees); fails the test unless it exits 0. */
static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    struct buf b = {0};
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, p)) > 0)
        buf_add(&b, chunk, got);
    int status = pclose(p);
    if (status != 0) fail_msg("%s: exit status %d", cmd, status);
    buf_adds(&b, "");
    return buf_steal(&b);
}

/* The text of pages first..last of the PDF at path, as pdftotext -layout reads it (heap). */
static char *pdf_text(const char *path, int first, int last)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "pdftotext -layout -f %d -l %d '%s' -", first, last, path);
    return run(cmd);
}

/* s without white space (heap): pdftotext spaces out justified and letter-spaced text. */
static char *squeeze(const char *s)
{
    struct buf b = {0};
    for (const char *p = s; *p; p++) {
        if (*p == ' ' || *p == '\n' || *p == '\f' || *p == '\t' || *p == '\r') continue;
        if (strncmp(p, "　", 3) == 0) {
            p += 2;
            continue;
        }
        buf_addc(&b, *p);
    }
    buf_adds(&b, "");
    return buf_steal(&b);
}

#define ASSERT_TEXT_HAS(text, s)                                                                   \
    do {                                                                                           \
        char *flat_ = squeeze(text), *want_ = squeeze(s);                                          \
        if (!strstr(flat_, want_))                                                                 \
            fail_msg("%s:%d: PDF text lacks \"%s\":\n%.3000s", __FILE__, __LINE__, (s), (text));   \
        free(flat_);                                                                               \
        free(want_);                                                                               \
    } while (0)

/* ---- tests ------------------------------------------------------------------------------ */

static void test_pdf_every_part_comes_out(void **state)
{
    struct harness *h = *state;
    struct doc_section sec[2];
    struct document d = full_document(long_body(h, 4), sec);
    struct buf pdf = {0};
    struct err e = {0};
    struct doc_render_info info = {0};
    assert_int_equal(doc_render_pdf_info(&d, &pdf, &info, &e), 0);
    char path[320];
    save(&pdf, "full.pdf", path, sizeof path);
    assert_memory_equal(pdf.p, "%PDF-", 5);
    buf_free(&pdf);
    assert_int_equal(info.pages, 3);
    assert_int_equal(info.missing_glyphs, 0);

    char *all = pdf_text(path, 1, 3);
    ASSERT_TEXT_HAS(all, "常州市武进区卫生健康局");
    ASSERT_TEXT_HAS(all, "现场笔录");
    ASSERT_TEXT_HAS(all, "武卫医监〔2026〕3号");
    ASSERT_TEXT_HAS(all, "被检查单位：常州市武进区湖塘镇仁和口腔诊所");
    ASSERT_TEXT_HAS(all, "法定代表人（负责人）：李明华");
    ASSERT_TEXT_HAS(all, "原湖塘镇卫生院老门诊楼对面");
    ASSERT_TEXT_HAS(all, "执法人员（签名）：王建国、陈晓丽");
    ASSERT_TEXT_HAS(all, "（印章）");
    ASSERT_TEXT_HAS(all, "2026年11月23日");
    ASSERT_TEXT_HAS(all, "一份由卫生健康行政部门存档");
    ASSERT_TEXT_HAS(all, "第 1 页 共 3 页");
    free(all);

    char *last = pdf_text(path, 3, 3);
    ASSERT_TEXT_HAS(last, last_sentence);
    ASSERT_TEXT_HAS(last, "第 3 页 共 3 页");
    ASSERT_TEXT_HAS(last, "处理意见");
    free(last);
    char *first = pdf_text(path, 1, 1);
    if (strstr(first, "第 3 页")) fail_msg("page 1 carries the footer of page 3");
    free(first);

    /* every font in the file is a Noto CJK font, embedded (a subset) */
    char cmd[400];
    snprintf(cmd, sizeof cmd, "pdffonts '%s'", path);
    char *fonts = run(cmd);
    assert_non_null(strstr(fonts, "NotoSerifCJK"));
    assert_non_null(strstr(fonts, "NotoSansCJK")); /* headings */
    for (char *line = strchr(fonts, '\n'); line; line = strchr(line + 1, '\n')) {
        if (!strstr(line, "+")) continue; /* header lines */
        if (!strstr(line, "Noto")) fail_msg("a font other than Noto CJK: %s", line);
    }
    free(fonts);
}

/* The body reads back whole and in order across the page breaks: no line lost, none repeated. */
static void test_pdf_page_breaks_lose_and_repeat_nothing(void **state)
{
    struct harness *h = *state;
    const char *body = long_body(h, 4);
    struct doc_section sec[2];
    struct document d = full_document(body, sec);
    d.notice = NULL;
    d.nsigs = 0;
    d.seal = false;
    d.date = NULL;
    struct buf pdf = {0};
    struct err e = {0};
    struct doc_render_info info = {0};
    assert_int_equal(doc_render_pdf_info(&d, &pdf, &info, &e), 0);
    assert_true(info.pages >= 2);
    char path[320];
    save(&pdf, "breaks.pdf", path, sizeof path);
    buf_free(&pdf);
    char *text = pdf_text(path, 1, info.pages);
    char *flat = squeeze(text), *want = squeeze(body);
    /* drop the footers, then the whole body must appear once, in order */
    for (int p = 1; p <= info.pages; p++) {
        char footer[64];
        snprintf(footer, sizeof footer, "第%d页共%d页", p, info.pages);
        char *at = strstr(flat, footer);
        assert_non_null(at);
        memmove(at, at + strlen(footer), strlen(at + strlen(footer)) + 1);
    }
    char *at = strstr(flat, want);
    if (!at) fail_msg("the body does not read back whole:\n%.4000s", text);
    assert_null(strstr(at + 1, want));
    free(flat);
    free(want);
    free(text);
}

/* Whatever the length of the body, the signatures and the seal never stand alone on the last
 * page: at least the last lines of the body go with them. */
static void test_pdf_seal_never_alone(void **state)
{
    struct harness *h = *state;
    for (int n = 1; n <= 12; n++) {
        struct buf b = {0};
        for (int i = 0; i < n; i++)
            buf_addf(&b, "%s\n", paragraphs[i % countof(paragraphs)]);
        struct doc_section sec[2];
        struct document d = full_document(arena_strdup(&h->arena, buf_str(&b)), sec);
        buf_free(&b);
        struct buf pdf = {0};
        struct err e = {0};
        struct doc_render_info info = {0};
        assert_int_equal(doc_render_pdf_info(&d, &pdf, &info, &e), 0);
        char path[320];
        save(&pdf, "closing.pdf", path, sizeof path);
        buf_free(&pdf);
        char *last = pdf_text(path, info.pages, info.pages);
        ASSERT_TEXT_HAS(last, "责令当事人立即改正上述违法行为。");
        ASSERT_TEXT_HAS(last, "执法人员（签名）");
        ASSERT_TEXT_HAS(last, "（印章）");
        free(last);
    }
}

/* A heading whose one line of text goes to the next page with the seal (a short reply, then a
 * closing line) goes with it: a heading never stands alone at the foot of a page. */
static void test_pdf_heading_never_alone_at_the_foot(void **state)
{
    struct harness *h = *state;
    for (int n = 1; n <= 12; n++) {
        struct buf b = {0};
        for (int i = 0; i < n; i++)
            buf_addf(&b, "%s\n", paragraphs[i % countof(paragraphs)]);
        struct doc_section sec[4];
        struct document d = full_document(arena_strdup(&h->arena, buf_str(&b)), sec);
        buf_free(&b);
        sec[1] = (struct doc_section){"答复意见", "已责令其限期整改。"};
        sec[2] = (struct doc_section){NULL, "感谢你对卫生健康工作的支持。"};
        d.nsections = 3;
        struct buf pdf = {0};
        struct err e = {0};
        struct doc_render_info info = {0};
        assert_int_equal(doc_render_pdf_info(&d, &pdf, &info, &e), 0);
        char path[320];
        save(&pdf, "heading.pdf", path, sizeof path);
        buf_free(&pdf);
        int found = 0;
        for (int p = 1; p <= info.pages; p++) {
            char *page = pdf_text(path, p, p), *flat = squeeze(page);
            if (strstr(flat, "答复意见")) {
                found++;
                if (!strstr(flat, "已责令其限期整改。"))
                    fail_msg("%d paragraphs: the heading stands alone on page %d:\n%s", n, p, page);
            }
            free(flat);
            free(page);
        }
        assert_int_equal(found, 1);
    }
}

/* Empty values and dates print blanks to fill in by hand; a short document is one page. */
static void test_pdf_blanks_to_fill_by_hand(void **state)
{
    (void)state;
    static const struct doc_field blank[] = {
        {"当事人", NULL},
        {"地址", ""},
        {"在场人员的姓名、职务、身份证件号码和联系方式（有多人的，逐一列明；无在场人员的，注明“无”"
         "）",
         "无"},
    };
    static const struct doc_signature sign[] = {{"当事人（签名）", NULL, NULL}};
    struct document d = {.title = "卫生监督意见书",
                         .number = "2026-0007",
                         .number_label = "编号",
                         .fields = blank,
                         .nfields = (int)countof(blank),
                         .sigs = sign,
                         .nsigs = 1};
    struct buf pdf = {0};
    struct err e = {0};
    struct doc_render_info info = {0};
    assert_int_equal(doc_render_pdf_info(&d, &pdf, &info, &e), 0);
    assert_int_equal(info.pages, 1);
    char path[320];
    save(&pdf, "blank.pdf", path, sizeof path);
    buf_free(&pdf);
    char *text = pdf_text(path, 1, 1);
    ASSERT_TEXT_HAS(text, "编号：2026-0007");
    ASSERT_TEXT_HAS(text, "当事人：");
    ASSERT_TEXT_HAS(text, "无在场人员的，注明“无”）：无");
    ASSERT_TEXT_HAS(text, "当事人（签名）：年月日");
    ASSERT_TEXT_HAS(text, "第 1 页 共 1 页");
    free(text);
}

/* copies_note = 2: the document twice, each copy marked with its 联, pages numbered per copy. */
static void test_pdf_copies(void **state)
{
    (void)state;
    static const struct doc_section sec[] = {{"意见", "请于2026年11月30日前改正。"}};
    struct document d = {.agency_name = "常州市武进区卫生健康局",
                         .title = "卫生监督意见书",
                         .sections = sec,
                         .nsections = 1,
                         .copies_note = 2};
    struct buf pdf = {0};
    struct err e = {0};
    assert_int_equal(doc_render_pdf(&d, &pdf, &e), 0);
    char path[320];
    save(&pdf, "copies.pdf", path, sizeof path);
    buf_free(&pdf);
    char *one = pdf_text(path, 1, 1), *two = pdf_text(path, 2, 2);
    ASSERT_TEXT_HAS(one, "第1联 共2联");
    ASSERT_TEXT_HAS(two, "第2联 共2联");
    ASSERT_TEXT_HAS(two, "第 1 页 共 1 页");
    ASSERT_TEXT_HAS(two, "请于2026年11月30日前改正。");
    free(one);
    free(two);
}

/* A character no installed font has is counted (so the zero above means something), rare
 * characters still find their glyphs, and bad input is refused. */
static void test_pdf_missing_glyphs_and_bad_text(void **state)
{
    (void)state;
    static const struct doc_section sec[] = {{NULL, "私用区字符：\xf4\x8f\xbf\xbd。"}};
    struct document d = {.title = "测试", .sections = sec, .nsections = 1};
    struct buf pdf = {0};
    struct err e = {0};
    struct doc_render_info info = {0};
    assert_int_equal(doc_render_pdf_info(&d, &pdf, &info, &e), 0);
    assert_int_equal(info.missing_glyphs, 1);
    buf_free(&pdf);

    /* characters outside GB 2312 (the cut-down fonts) but in Noto CJK: set in the full fonts */
    static const struct doc_section rare[] = {{NULL, "当事人张喆、王堃、刘昇到场。"}};
    d.sections = rare;
    assert_int_equal(doc_render_pdf_info(&d, &pdf, &info, &e), 0);
    assert_int_equal(info.missing_glyphs, 0);
    char path[320];
    save(&pdf, "rare.pdf", path, sizeof path);
    buf_free(&pdf);
    char *text = pdf_text(path, 1, 1);
    ASSERT_TEXT_HAS(text, "当事人张喆、王堃、刘昇到场。");
    free(text);

    static const struct doc_section bad[] = {{NULL, "坏\xff字节"}};
    d.sections = bad;
    assert_int_equal(doc_render_pdf(&d, &pdf, &e), ERR_INVALID);
    assert_int_equal(pdf.len, 0);
    err_clear(&e);
    d.title = NULL;
    d.sections = sec;
    assert_int_equal(doc_render_pdf(&d, &pdf, &e), ERR_INVALID);
    assert_int_equal(pdf.len, 0);
}

enum { THREADS = 4, EACH = 3 };

/* One rendering thread: EACH documents, their page counts and PDF texts kept. */
struct renderer {
    const char *body;
    int pages[EACH];
    int missing;
    int failures;
    struct buf last; /* the last PDF */
};

static void *render_some(void *arg)
{
    struct renderer *r = arg;
    for (int i = 0; i < EACH; i++) {
        struct doc_section sec[2];
        struct document d = full_document(r->body, sec);
        struct buf pdf = {0};
        struct err e = {0};
        struct doc_render_info info = {0};
        if (doc_render_pdf_info(&d, &pdf, &info, &e)) r->failures++;
        r->pages[i] = info.pages;
        r->missing += info.missing_glyphs;
        buf_free(&r->last);
        r->last = pdf;
    }
    return NULL;
}

static void test_pdf_threads_render_at_once(void **state)
{
    struct harness *h = *state;
    struct renderer r[THREADS] = {0};
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        r[i].body = long_body(h, 4);
        assert_int_equal(pthread_create(&t[i], NULL, render_some, &r[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(r[i].failures, 0);
        assert_int_equal(r[i].missing, 0);
        for (int k = 0; k < EACH; k++)
            assert_int_equal(r[i].pages[k], 3);
        char name[32], path[320];
        snprintf(name, sizeof name, "thread%d.pdf", i);
        save(&r[i].last, name, path, sizeof path);
        buf_free(&r[i].last);
        char *text = pdf_text(path, 3, 3);
        ASSERT_TEXT_HAS(text, last_sentence);
        ASSERT_TEXT_HAS(text, "第 3 页 共 3 页");
        free(text);
    }
}

/* Page images for a person to look at (only kept with LANDUN_PDF_OUT); also proves the PDF
 * rasterises. */
static void test_pdf_pages_rasterise(void **state)
{
    (void)state;
    char cmd[700], png[320];
    snprintf(cmd, sizeof cmd, "pdftoppm -png -r 60 '%s/full.pdf' '%s/full'", outdir, outdir);
    free(run(cmd));
    snprintf(png, sizeof png, "%s/full-1.png", outdir);
    assert_int_equal(access(png, R_OK), 0);
    snprintf(png, sizeof png, "%s/full-3.png", outdir);
    assert_int_equal(access(png, R_OK), 0);
}

/* The cut-down copies of the three faces were made in the font cache (fonts.h). */
static void test_pdf_font_copies_made(void **state)
{
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "ls '%s/fonts' | grep -c '^Noto.*CJK.*-v[0-9]*\\.otf$'", outdir);
    char *count = run(cmd);
    assert_int_equal(atoi(count), 3);
    free(count);
}

/* ---- set-up ----------------------------------------------------------------------------- */

/* The tests need no database: a plain harness state with an arena for long strings. */
static int setup(void **state)
{
    static struct harness h;
    memset(&h, 0, sizeof h);
    *state = &h;
    const char *dir = getenv("LANDUN_PDF_OUT");
    keep = dir && *dir;
    if (keep) {
        snprintf(outdir, sizeof outdir, "%s", dir);
        char cmd[300];
        snprintf(cmd, sizeof cmd, "mkdir -p '%s'", outdir);
        if (system(cmd) != 0) return -1;
    } else {
        snprintf(outdir, sizeof outdir, "/tmp/landun-pdf-XXXXXX");
        if (!mkdtemp(outdir)) return -1;
    }
    /* a font cache of its own, so that making the cut-down fonts is tested too */
    char fonts[300];
    snprintf(fonts, sizeof fonts, "%s/fonts", outdir);
    log_set_level(LOG_ERROR); /* the warning about a missing glyph is expected */
    return setenv("LANDUN_FONT_CACHE", fonts, 1);
}

static int teardown(void **state)
{
    struct harness *h = *state;
    arena_free(&h->arena);
    if (!keep) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", outdir);
        if (system(cmd) != 0) return -1;
    }
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf_every_part_comes_out),
        cmocka_unit_test(test_pdf_page_breaks_lose_and_repeat_nothing),
        cmocka_unit_test(test_pdf_seal_never_alone),
        cmocka_unit_test(test_pdf_heading_never_alone_at_the_foot),
        cmocka_unit_test(test_pdf_blanks_to_fill_by_hand),
        cmocka_unit_test(test_pdf_copies),
        cmocka_unit_test(test_pdf_missing_glyphs_and_bad_text),
        cmocka_unit_test(test_pdf_threads_render_at_once),
        cmocka_unit_test(test_pdf_pages_rasterise),
        cmocka_unit_test(test_pdf_font_copies_made),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
