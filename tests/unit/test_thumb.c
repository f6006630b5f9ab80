/* test_thumb.c — thumbnails of photos (docs/thumb.h): a JPEG and a PNG made here come back as a
 * JPEG within the size asked for, with their proportions; a PNG's transparency on white; EXIF
 * orientation turns the picture; a truncated or garbled photo is an error, not a crash; a photo
 * declaring a huge size is refused before it is decoded; HEIC and WebP have none. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jpeglib.h>

#include "docs/thumb.h"
#include "support.h"

/* The size and the middle pixel of a JPEG. */
static void jpeg_info(const struct buf *b, int *w, int *h, unsigned char mid[3])
{
    struct jpeg_decompress_struct ci;
    struct jpeg_error_mgr err;
    ci.err = jpeg_std_error(&err);
    jpeg_create_decompress(&ci);
    jpeg_mem_src(&ci, (const unsigned char *)b->p, (unsigned long)b->len);
    assert_int_equal(jpeg_read_header(&ci, TRUE), JPEG_HEADER_OK);
    ci.out_color_space = JCS_RGB;
    jpeg_start_decompress(&ci);
    *w = (int)ci.output_width;
    *h = (int)ci.output_height;
    unsigned char *row = malloc((size_t)*w * 3);
    while (ci.output_scanline < ci.output_height) {
        bool middle = ci.output_scanline == ci.output_height / 2;
        JSAMPROW rows[1] = {row};
        jpeg_read_scanlines(&ci, rows, 1);
        if (middle) memcpy(mid, row + (*w / 2) * 3, 3);
    }
    jpeg_finish_decompress(&ci);
    jpeg_destroy_decompress(&ci);
    free(row);
}

static cairo_status_t png_sink(void *closure, const unsigned char *data, unsigned int len)
{
    buf_add(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* A w × h PNG: its left half opaque red, its right half transparent. */
static void make_png(int w, int h, struct buf *out)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 0, 0);
    cairo_rectangle(cr, 0, 0, w / 2.0, h);
    cairo_fill(cr);
    cairo_destroy(cr);
    assert_int_equal(cairo_surface_write_to_png_stream(s, png_sink, out), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
}

static void test_jpeg_shrinks_to_fit_keeping_its_proportions(void **state)
{
    (void)state;
    unsigned long len;
    unsigned char *jpeg = h_jpeg(2400, 1800, 0, &len);
    struct buf out = {0};
    struct err e = {0};
    assert_int_equal(thumb_make_mem(jpeg, len, "image/jpeg", 320, &out, &e), 0);
    int w, h;
    unsigned char mid[3];
    jpeg_info(&out, &w, &h, mid);
    assert_int_equal(w, 320);
    assert_int_equal(h, 240);
    assert_true(out.len < len);
    buf_free(&out);

    /* from a file, portrait, and a small one is not enlarged */
    char path[] = "/tmp/landun-thumb-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    free(jpeg);
    jpeg = h_jpeg(1000, 2000, 0, &len);
    assert_int_equal(write(fd, jpeg, len), (ssize_t)len);
    close(fd);
    assert_int_equal(thumb_make(path, "image/jpeg", 320, &out, &e), 0);
    jpeg_info(&out, &w, &h, mid);
    assert_int_equal(w, 160);
    assert_int_equal(h, 320);
    buf_free(&out);
    free(jpeg);
    jpeg = h_jpeg(200, 100, 0, &len);
    assert_int_equal(thumb_make_mem(jpeg, len, "image/jpeg", 320, &out, &e), 0);
    jpeg_info(&out, &w, &h, mid);
    assert_int_equal(w, 200);
    assert_int_equal(h, 100);
    buf_free(&out);
    free(jpeg);
    unlink(path);
    assert_int_equal(thumb_make(path, "image/jpeg", 320, &out, &e), ERR_NOTFOUND);
}

static void test_exif_orientation_turns_the_picture(void **state)
{
    (void)state;
    for (int o = 5; o <= 8; o++) {
        unsigned long len;
        unsigned char *jpeg = h_jpeg(640, 320, o, &len);
        struct buf out = {0};
        struct err e = {0};
        assert_int_equal(thumb_make_mem(jpeg, len, "image/jpeg", 320, &out, &e), 0);
        int w, h;
        unsigned char mid[3];
        jpeg_info(&out, &w, &h, mid);
        assert_int_equal(w, 160); /* turned a quarter: portrait */
        assert_int_equal(h, 320);
        buf_free(&out);
        free(jpeg);
    }
}

static void test_png_on_white(void **state)
{
    (void)state;
    struct buf png = {0}, out = {0};
    struct err e = {0};
    make_png(800, 200, &png);
    assert_int_equal(thumb_make_mem(png.p, png.len, "image/png", 320, &out, &e), 0);
    int w, h;
    unsigned char mid[3];
    jpeg_info(&out, &w, &h, mid);
    assert_int_equal(w, 320);
    assert_int_equal(h, 80);
    buf_free(&out);
    /* the transparent half is white: a thumbnail of the right half alone */
    buf_reset(&png);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 400, 100);
    cairo_surface_write_to_png_stream(s, png_sink, &png);
    cairo_surface_destroy(s);
    assert_int_equal(thumb_make_mem(png.p, png.len, "image/png", 320, &out, &e), 0);
    jpeg_info(&out, &w, &h, mid);
    assert_true(mid[0] > 245 && mid[1] > 245 && mid[2] > 245);
    buf_free(&out);
    buf_free(&png);
}

static void test_corrupt_photos_are_errors(void **state)
{
    (void)state;
    unsigned long len;
    unsigned char *jpeg = h_jpeg(640, 480, 0, &len);
    struct buf out = {0};
    struct err e = {0};
    /* truncated halfway, and cut before its frame header */
    assert_int_equal(thumb_make_mem(jpeg, len / 2, "image/jpeg", 320, &out, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "照片无法解码"));
    assert_int_equal(thumb_make_mem(jpeg, 40, "image/jpeg", 320, &out, &e), ERR_INVALID);
    assert_int_equal(thumb_make_mem(jpeg, 0, "image/jpeg", 320, &out, &e), ERR_INVALID);
    /* garbage after the SOI marker */
    unsigned char junk[600];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)(i * 131 + 7);
    junk[0] = 0xff, junk[1] = 0xd8, junk[2] = 0xff;
    assert_int_equal(thumb_make_mem(junk, sizeof junk, "image/jpeg", 320, &out, &e), ERR_INVALID);
    /* a PNG cut short, and one with garbage after its signature */
    struct buf png = {0};
    make_png(300, 300, &png);
    assert_int_equal(thumb_make_mem(png.p, png.len / 2, "image/png", 320, &out, &e), ERR_INVALID);
    memcpy(junk, "\x89PNG\r\n\x1a\n", 8);
    assert_int_equal(thumb_make_mem(junk, sizeof junk, "image/png", 320, &out, &e), ERR_INVALID);
    assert_int_equal(out.len, 0);
    buf_free(&png);
    free(jpeg);
}

static void test_huge_declared_size_is_refused(void **state)
{
    (void)state;
    unsigned long len;
    unsigned char *jpeg = h_jpeg(64, 48, 0, &len);
    struct buf out = {0};
    struct err e = {0};
    /* the frame header (SOF0): FF C0, length, precision, then height and width */
    unsigned char *sof = NULL;
    for (unsigned long i = 0; i + 9 < len && !sof; i++)
        if (jpeg[i] == 0xff && jpeg[i + 1] == 0xc0) sof = jpeg + i;
    assert_non_null(sof);
    sof[5] = 0xea, sof[6] = 0x60; /* 60000 */
    sof[7] = 0xea, sof[8] = 0x60;
    assert_int_equal(thumb_make_mem(jpeg, len, "image/jpeg", 320, &out, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "尺寸过大"));
    free(jpeg);
    struct buf png = {0};
    make_png(16, 16, &png);
    memcpy(png.p + 16, "\0\0\x75\x30\0\0\x75\x30", 8); /* 30000 × 30000 in IHDR */
    assert_int_equal(thumb_make_mem(png.p, png.len, "image/png", 320, &out, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "尺寸过大"));
    buf_free(&png);
}

static void test_other_types_have_no_thumbnail(void **state)
{
    (void)state;
    struct buf out = {0};
    struct err e = {0};
    assert_int_equal(thumb_make_mem("RIFF\0\0\0\0WEBP", 12, "image/webp", 320, &out, &e),
                     THUMB_UNSUPPORTED);
    assert_int_equal(thumb_make("/nonexistent", "image/heic", 320, &out, &e), THUMB_UNSUPPORTED);
    assert_int_equal(thumb_make("/nonexistent", "application/pdf", 320, &out, &e),
                     THUMB_UNSUPPORTED);
    assert_int_equal(e.code, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jpeg_shrinks_to_fit_keeping_its_proportions),
        cmocka_unit_test(test_exif_orientation_turns_the_picture),
        cmocka_unit_test(test_png_on_white),
        cmocka_unit_test(test_corrupt_photos_are_errors),
        cmocka_unit_test(test_huge_declared_size_is_refused),
        cmocka_unit_test(test_other_types_have_no_thumbnail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
