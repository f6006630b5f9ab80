/* test_arena.c — arena, buf and string helpers. */
#include "tests/support.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"

#include <string.h>

static void test_arena_alloc_aligned_zeroed_and_large(void **state)
{
    (void)state;
    struct arena a = {0};
    for (int i = 1; i < 2000; i += 37) {
        unsigned char *p = arena_alloc(&a, (size_t)i);
        assert_int_equal((uintptr_t)p % 16, 0);
        for (int k = 0; k < i; k++)
            assert_int_equal(p[k], 0);
        memset(p, 0xAB, (size_t)i);
    }
    char *big = arena_alloc(&a, 1 << 20);
    big[(1 << 20) - 1] = 'x';
    assert_string_equal(arena_printf(&a, "%s-%d", "案件", 42), "案件-42");
    assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
    arena_free(&a);
    assert_null(a.head);
    assert_non_null(arena_alloc(&a, 10)); /* usable again */
    arena_free(&a);
}

static void test_buf_html_escaping_covers_every_special_character(void **state)
{
    (void)state;
    struct buf b = {0};
    const char *s = "<a href=\"x\" onclick='y'>&</a>";
    buf_add_html(&b, s, strlen(s));
    assert_string_equal(buf_str(&b),
                        "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    buf_reset(&b);
    buf_add_urlenc(&b, "诊所 a&b=c");
    assert_string_equal(buf_str(&b), "%E8%AF%8A%E6%89%80%20a%26b%3Dc");
    buf_free(&b);
}

static void test_utf8_validation_and_trim(void **state)
{
    (void)state;
    assert_true(utf8_valid_text("武进区 abc\n", strlen("武进区 abc\n")));
    assert_false(utf8_valid_text("\xC0\xAF", 2));     /* overlong */
    assert_false(utf8_valid_text("\xED\xA0\x80", 3)); /* surrogate */
    assert_false(utf8_valid_text("a\x01", 2));        /* control */
    assert_false(utf8_valid_text("\xE6\xAD", 2));     /* truncated */
    char s[] = "\xE3\x80\x80 湖塘镇 \t";
    assert_string_equal(str_trim(s), "湖塘镇");
    assert_int_equal(utf8_len("武进a"), 3);
    int64_t v;
    assert_int_equal(parse_i64("42", &v), 0);
    assert_int_equal(v, 42);
    assert_int_equal(parse_i64("4x", &v), -1);
    assert_int_equal(parse_i64("", &v), -1);
    assert_int_equal(parse_i64(" 4", &v), -1);
}

static void test_comma_lists(void **state)
{
    (void)state;
    assert_true(csv_has("medical,water", "water"));
    assert_true(csv_has("medical,water", "medical"));
    assert_false(csv_has("medical,water", "wat"));
    assert_false(csv_has("medical,waters", "water"));
    assert_false(csv_has(NULL, "water"));
    assert_false(csv_has("medical", NULL));
    assert_false(csv_has("a,,b", ""));
    const char *items[4], *item;
    size_t lens[4], n = 0;
    for (const char *p = "12,,345,"; *p && n < 4;) {
        lens[n] = csv_next(&p, &item);
        items[n++] = item;
    }
    assert_int_equal(n, 3); /* a trailing comma ends the list */
    assert_int_equal(lens[0], 2);
    assert_int_equal(lens[1], 0);
    assert_int_equal(lens[2], 3);
    assert_memory_equal(items[2], "345", 3);
}

static void test_err_fields_keep_first_message_per_field(void **state)
{
    (void)state;
    struct err e = {0};
    assert_int_equal(err_field(&e, "name", "请填写%s", "名称"), ERR_INVALID);
    err_field(&e, "name", "second");
    err_field(&e, "uscc", "校验位错误");
    assert_int_equal(e.code, ERR_INVALID);
    assert_int_equal(e.nfields, 2);
    assert_string_equal(err_field_msg(&e, "name"), "请填写名称");
    assert_null(err_field_msg(&e, "phone"));
    assert_string_equal(err_code_name(ERR_CONFLICT), "conflict");
}

/* A message longer than its buffer is cut between characters, never inside one: what is kept
 * is valid UTF-8 (a JSON answer carries it), whatever the offset of the cut. */
static void test_err_long_messages_are_cut_between_characters(void **state)
{
    (void)state;
    char long_text[512] = "";
    for (int i = 0; i < 150; i++)
        strcat(long_text, "医");
    for (int pad = 0; pad < 4; pad++) {
        struct err e = {0};
        err_field(&e, "line", "%.*s%s", pad, "abc", long_text);
        const char *m = err_field_msg(&e, "line");
        assert_true(strlen(m) > 310);
        assert_true(utf8_valid_text(m, strlen(m)));
        err_set(&e, ERR_INVALID, "%.*s%s", pad, "abc", long_text);
        assert_true(strlen(e.msg) > 250);
        assert_true(utf8_valid_text(e.msg, strlen(e.msg)));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alloc_aligned_zeroed_and_large),
        cmocka_unit_test(test_buf_html_escaping_covers_every_special_character),
        cmocka_unit_test(test_utf8_validation_and_trim),
        cmocka_unit_test(test_err_fields_keep_first_message_per_field),
        cmocka_unit_test(test_err_long_messages_are_cut_between_characters),
        cmocka_unit_test(test_comma_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
