/* test_media.c — a recording's type told by its first bytes (base/media.h), and the Range
 * header of a download (base/range.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/media.h"
#include "base/range.h"

static const char *sniff(const char *bytes, size_t len)
{
    const struct media_type *t = media_sniff((const unsigned char *)bytes, len);
    return t ? t->content_type : NULL;
}

static void test_r_evd_02_types_by_their_signature(void **state)
{
    (void)state;
    assert_string_equal(sniff("\xff\xd8\xff\xe0\x00\x10JFIF", 10), "image/jpeg");
    assert_string_equal(sniff("\x89PNG\r\n\x1a\n\0\0", 10), "image/png");
    assert_string_equal(sniff("%PDF-1.7\n", 9), "application/pdf");
    assert_string_equal(sniff("\0\0\0\x18"
                              "ftypmp42\0\0\0\0",
                              16),
                        "video/mp4");
    assert_string_equal(sniff("\0\0\0\x14"
                              "ftypqt  \0\0\0\0",
                              16),
                        "video/quicktime");
    assert_string_equal(sniff("\0\0\0\x1c"
                              "ftypM4A \0\0\0\0",
                              16),
                        "audio/mp4");
    assert_string_equal(sniff("\0\0\0\x18"
                              "ftypheic\0\0\0\0",
                              16),
                        "image/heic");
    assert_string_equal(sniff("RIFF\x24\0\0\0WAVEfmt ", 16), "audio/wav");
    assert_string_equal(sniff("RIFF\x24\0\0\0WEBPVP8 ", 16), "image/webp");
    assert_string_equal(sniff("ID3\x03\0\0\0", 7), "audio/mpeg");
    assert_string_equal(sniff("#!AMR\n", 6), "audio/amr");
    assert_string_equal(sniff("\x1a\x45\xdf\xa3\x01", 5), "video/webm");
    assert_string_equal(sniff("\xff\xf1\x50\x80", 4), "audio/aac");
    assert_string_equal(sniff("\xff\xfb\x90\x64", 4), "audio/mpeg");
    assert_string_equal(media_sniff((const unsigned char *)"%PDF-", 5)->media, "scan");
    assert_string_equal(media_label("video"), "视频");
    /* what a browser could run or render as a page is none of them */
    assert_null(sniff("<html><script>", 14));
    assert_null(sniff("<svg xmlns=", 11));
    assert_null(sniff("GIF89a", 6));
    assert_null(sniff("RIFF\x24\0\0\0AVI ", 12));
    assert_null(sniff("", 0));
    assert_null(sniff("\xff", 1));
    assert_null(sniff("\0\0\0\x18"
                      "ftyp",
                      8)); /* a box cut before its brand */
}

static void range(const char *h, int64_t size, enum range_result want, int64_t from, int64_t to)
{
    int64_t f = -1, t = -1;
    assert_int_equal(range_parse(h, size, &f, &t), want);
    if (want != RANGE_PART) return;
    assert_int_equal(f, from);
    assert_int_equal(t, to);
}

static void test_range_requests(void **state)
{
    (void)state;
    range(NULL, 100, RANGE_WHOLE, 0, 0);
    range("bytes=0-9", 100, RANGE_PART, 0, 9);
    range("bytes=90-", 100, RANGE_PART, 90, 99);
    range("bytes=90-500", 100, RANGE_PART, 90, 99); /* the end cut to the file */
    range("bytes=-10", 100, RANGE_PART, 90, 99);
    range("bytes=-500", 100, RANGE_PART, 0, 99);
    range("bytes=100-", 100, RANGE_UNSATISFIABLE, 0, 0);
    range("bytes=-0", 100, RANGE_UNSATISFIABLE, 0, 0);
    range("bytes=0-0", 0, RANGE_UNSATISFIABLE, 0, 0);
    /* ignored: the whole file is a lawful answer */
    range("bytes=0-9,20-29", 100, RANGE_WHOLE, 0, 0);
    range("items=0-9", 100, RANGE_WHOLE, 0, 0);
    range("bytes=9-0", 100, RANGE_WHOLE, 0, 0);
    range("bytes=a-b", 100, RANGE_WHOLE, 0, 0);
    range("bytes=99999999999999999999-", 100, RANGE_WHOLE, 0, 0);
    range("bytes=5000000000-5000000099", (int64_t)6 << 30, RANGE_PART, 5000000000, 5000000099);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r_evd_02_types_by_their_signature),
        cmocka_unit_test(test_range_requests),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
