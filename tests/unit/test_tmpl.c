/* test_tmpl.c — the template engine: escaping, lookup, sections, partials, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/tmpl.h"

/* Parse json (NULL → NULL data); the test fails on bad JSON. Caller json_decref()s. */
static json_t *data_of(const char *json)
{
    if (!json) return NULL;
    json_error_t je;
    json_t *d = json_loads(json, JSON_DECODE_ANY, &je);
    if (!d) fail_msg("bad test JSON: %s: %s", je.text, json);
    return d;
}

/* Render src with json and expect exactly want. */
static void check(const char *src, const char *json, const char *want)
{
    json_t *d = data_of(json);
    struct buf out = {0};
    struct err e = {0};
    int rc = tmpl_render_string(src, d, &out, &e);
    if (rc) fail_msg("render of %s failed: %s", src, e.msg);
    assert_string_equal(buf_str(&out), want);
    buf_free(&out);
    json_decref(d);
}

/* Compiling src must fail with a message containing each of want1 and want2. */
static void check_compile_error(const char *src, const char *want1, const char *want2)
{
    struct buf out = {0};
    struct err e = {0};
    int rc = tmpl_render_string(src, NULL, &out, &e);
    assert_int_equal(rc, ERR_INTERNAL);
    assert_int_equal(e.code, ERR_INTERNAL);
    if (!strstr(e.msg, want1) || (want2 && !strstr(e.msg, want2))) {
        fail_msg("error for %s was \"%s\", wanted \"%s\" and \"%s\"", src, e.msg, want1,
                 want2 ? want2 : "");
    }
    assert_true(str_prefix(e.msg, "template (string) line "));
    assert_int_equal(out.len, 0);
    buf_free(&out);
}

static void test_escape_every_special(void **state)
{
    (void)state;
    check("{{x}}", "{\"x\": \"&<>\\\"'\"}", "&amp;&lt;&gt;&quot;&#39;");
    check("a{{x}}b", "{\"x\": \"plain text\"}", "aplain textb");
    check("{{ x }}|{{.}}", "\"<b>\"", "|&lt;b&gt;");
}

static void test_escape_attribute(void **state)
{
    (void)state;
    check("<a title=\"{{x}}\">t</a>", "{\"x\": \"\\\"><script>alert(1)</script>\"}",
          "<a title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">t</a>");
    check("<a title='{{x}}'>", "{\"x\": \"' onmouseover='x\"}",
          "<a title='&#39; onmouseover=&#39;x'>");
}

static void test_raw(void **state)
{
    (void)state;
    const char *json = "{\"h\": \"<b>&amp;</b>\"}";
    check("{{{h}}}", json, "<b>&amp;</b>");
    check("{{{ h }}}", json, "<b>&amp;</b>");
    check("{{&h}}", json, "<b>&amp;</b>");
    check("{{& h }}", json, "<b>&amp;</b>");
    check("{{h}}", json, "&lt;b&gt;&amp;amp;&lt;/b&gt;");
    check("{{{n}}}{{&t}}", "{\"n\": 5, \"t\": true}", "5true");
}

/* A plain set (documents' text) prints {{name}} as it is: nothing is escaped. */
static void test_plain_set_escapes_nothing(void **state)
{
    (void)state;
    struct tmpl_set *set = tmpl_set_new();
    tmpl_set_plain(set, true);
    struct err e = {0};
    const char src[] = "{{x}}|{{{x}}}|{{#l}}{{.}}{{/l}}";
    assert_int_equal(tmpl_add(set, "t", src, strlen(src), &e), 0);
    json_t *d = data_of("{\"x\": \"A&B <公司>\\\"'\", \"l\": [\"<\", \">\"]}");
    struct buf out = {0};
    assert_int_equal(tmpl_render(set, "t", d, &out, &e), 0);
    assert_string_equal(buf_str(&out), "A&B <公司>\"'|A&B <公司>\"'|<>");
    buf_free(&out);
    json_decref(d);
    tmpl_set_free(set);
}

static void test_dotted_names(void **state)
{
    (void)state;
    const char *json = "{\"a\": {\"b\": {\"c\": \"deep\"}, \"s\": \"str\"}, \"x\": \"top\","
                       " \"inner\": {\"a\": {}}}";
    check("{{a.b.c}}", json, "deep");
    check("{{a.s}}", json, "str");
    check("[{{a.nope.c}}][{{a.s.c}}][{{nope.b}}]", json, "[][][]");
    check("{{#a.b}}{{c}}{{/a.b}}", json, "deep");
    /* the first segment binds in the innermost context having it; the rest never search further */
    check("{{#inner}}[{{a.b.c}}]{{/inner}}", json, "[]");
    check("{{#a.b}}{{x}}{{/a.b}}", json, "top");
}

static void test_context_stack(void **state)
{
    (void)state;
    const char *json = "{\"org\": \"市局\", \"name\": \"outer\","
                       " \"person\": {\"name\": \"张三\", \"pet\": {\"kind\": \"cat\"}}}";
    check("{{#person}}{{name}} of {{org}}{{/person}} {{name}}", json, "张三 of 市局 outer");
    check("{{#person}}{{#pet}}{{kind}}/{{name}}/{{org}}{{/pet}}{{/person}}", json, "cat/张三/市局");
    check("{{#person}}{{#pet}}{{#name}}{{.}}{{/name}}{{/pet}}{{/person}}", json, "张三");
}

static void test_arrays_and_positions(void **state)
{
    (void)state;
    check("{{#xs}}{{@index}}:{{@number}}:{{.}}{{#@first}}F{{/@first}}{{#@last}}L{{/@last}}"
          "{{^@last}},{{/@last}}{{/xs}}",
          "{\"xs\": [\"a\", \"b\", \"c\"]}", "0:1:aF,1:2:b,2:3:cL");
    check("{{#xs}}{{#@first}}{{.}}{{/@first}}{{/xs}}", "{\"xs\": [7, 8]}", "7");
    check("{{#xs}}{{^@first}} | {{/@first}}{{.}}{{/xs}}", "{\"xs\": [1, 2, 3]}", "1 | 2 | 3");
    check("{{#xs}}{{#@last}}only{{/@last}}{{/xs}}", "{\"xs\": [1]}", "only");
    /* @count: the array's size, a list's total said once */
    check("{{#xs}}{{#@first}}共{{@count}}:{{/@first}}{{.}}{{/xs}}", "{\"xs\": [4, 5, 6]}",
          "共3:456");
    /* positions refer to the innermost array, also from inside an object section */
    check("{{#rows}}{{#cells}}{{@index}}{{/cells}};{{#o}}{{@number}}{{/o}}|{{/rows}}",
          "{\"rows\": [{\"cells\": [1, 2], \"o\": {}}, {\"cells\": [3], \"o\": {}}]}", "01;1|0;2|");
    /* outside any array they are missing */
    check("[{{@index}}][{{@number}}][{{#@first}}x{{/@first}}][{{^@last}}y{{/@last}}][{{@count}}]",
          "{}", "[][][][y][]");
    check("{{#xs}}{{name}}={{v}} {{/xs}}",
          "{\"xs\": [{\"name\": \"a\", \"v\": 1}, {\"name\": \"b\", \"v\": 2}]}", "a=1 b=2 ");
    check("{{#m}}[{{#.}}{{.}}{{/.}}]{{/m}}", "{\"m\": [[1, 2], [], [3]]}", "[12][][3]");
}

static void test_inverted(void **state)
{
    (void)state;
    const char *falsy[] = {"{\"v\": []}",   "{\"v\": false}", "{}",          "{\"v\": 0}",
                           "{\"v\": \"\"}", "{\"v\": null}",  "{\"v\": 0.0}"};
    for (size_t i = 0; i < countof(falsy); i++) {
        check("{{^v}}none{{/v}}{{#v}}some{{/v}}", falsy[i], "none");
    }
    const char *truthy[] = {"{\"v\": [0]}", "{\"v\": true}",  "{\"v\": {}}",
                            "{\"v\": 3}",   "{\"v\": \"x\"}", "{\"v\": -0.5}"};
    for (size_t i = 0; i < countof(truthy); i++) {
        check("{{^v}}none{{/v}}{{#v}}some{{/v}}", truthy[i], "some");
    }
    /* an inverted section pushes nothing */
    check("{{#o}}{{^v}}[{{k}}]{{/v}}{{/o}}", "{\"o\": {\"k\": \"K\"}, \"v\": false}", "[K]");
}

static void test_section_values_pushed(void **state)
{
    (void)state;
    check("{{#s}}<{{.}}>{{/s}}", "{\"s\": \"a&b\"}", "<a&amp;b>");
    check("{{#n}}{{.}}{{/n}}", "{\"n\": 12}", "12");
    check("{{#t}}{{.}}{{/t}}", "{\"t\": true}", "true");
    check("{{#o}}{{k}}{{/o}}", "{\"o\": {\"k\": \"v\"}}", "v");
}

static void test_nested_sections(void **state)
{
    (void)state;
    const char *json = "{\"cases\": [{\"no\": \"C1\", \"fines\": [100, 200], \"closed\": true},"
                       " {\"no\": \"C2\", \"fines\": [], \"closed\": false}]}";
    check("{{#cases}}{{no}}:{{#fines}}{{.}},{{/fines}}{{^fines}}none{{/fines}}"
          "{{#closed}}(closed){{/closed}}{{^closed}}(open){{/closed}};{{/cases}}",
          json, "C1:100,200,(closed);C2:none(open);");
    check("{{#a}}{{#b}}{{#c}}{{x}}{{/c}}{{/b}}{{/a}}",
          "{\"a\": {\"b\": {\"c\": true}}, \"x\": \"X\"}", "X");
}

static void test_whitespace_and_plain_braces(void **state)
{
    (void)state;
    check("{{ # a }}{{  b  }}{{ / a }}", "{\"a\": {\"b\": 1}}", "1");
    check("{{\n\tb\n}}", "{\"b\": 2}", "2");
    check("a { b } }} c {", "{}", "a { b } }} c {");
    check("x{{! a comment with {{ and } }}y{{!\nmulti\nline}}z", "{}", "xyz");
    check("", "{}", "");
    check("text only", NULL, "text only");
    check("[{{x}}]", NULL, "[]");
}

static void test_scalars(void **state)
{
    (void)state;
    check("{{i}} {{neg}} {{big}} {{min}}",
          "{\"i\": 42, \"neg\": -7, \"big\": 9007199254740993, \"min\": -9223372036854775808}",
          "42 -7 9007199254740993 -9223372036854775808");
    check("{{a}} {{b}} {{c}} {{d}}", "{\"a\": 1.5, \"b\": 0.1, \"c\": 1e20, \"d\": -2.0}",
          "1.5 0.1 1e+20 -2");
    check("[{{t}}][{{f}}][{{n}}][{{o}}][{{arr}}][{{missing}}]",
          "{\"t\": true, \"f\": false, \"n\": null, \"o\": {\"a\": 1}, \"arr\": [1]}",
          "[true][][][][][]");
    check("{{z}}", "{\"z\": 0}", "0");
}

static void test_chinese(void **state)
{
    (void)state;
    check("<h1>{{标题}}</h1><p>{{x}}，共{{n}}件。</p>",
          "{\"标题\": \"行政处罚决定书\", \"x\": \"兰州市城关区\", \"n\": 3}",
          "<h1>行政处罚决定书</h1><p>兰州市城关区，共3件。</p>");
    check("{{#列表}}{{名称}}、{{/列表}}", "{\"列表\": [{\"名称\": \"甲\"}, {\"名称\": \"乙\"}]}",
          "甲、乙、");
    check("　全角空格　{{x}}", "{\"x\": \"「引号」\"}", "　全角空格　「引号」");
}

static void test_partials(void **state)
{
    (void)state;
    struct tmpl_set *set = tmpl_set_new();
    struct err e = {0};
    const char *row = "<tr><td>{{@number}}</td><td>{{name}}</td><td>{{org}}</td></tr>";
    const char *list = "<table>{{#rows}}{{> entity/row.html }}{{/rows}}</table>";
    assert_int_equal(tmpl_add(set, "entity/row.html", row, strlen(row), &e), 0);
    assert_int_equal(tmpl_add(set, "entity/list.html", list, strlen(list), &e), 0);
    assert_true(tmpl_has(set, "entity/row.html"));
    assert_true(tmpl_has(set, "entity/list.html"));
    assert_false(tmpl_has(set, "entity/none.html"));

    json_t *d = data_of("{\"org\": \"局\", \"rows\": [{\"name\": \"<a>\"}, {\"name\": \"b\"}]}");
    struct buf out = {0};
    assert_int_equal(tmpl_render(set, "entity/list.html", d, &out, &e), 0);
    assert_string_equal(buf_str(&out), "<table><tr><td>1</td><td>&lt;a&gt;</td><td>局</td></tr>"
                                       "<tr><td>2</td><td>b</td><td>局</td></tr></table>");

    /* replacing a template; a failed compile leaves the old one */
    const char *row2 = "{{name}};";
    assert_int_equal(tmpl_add(set, "entity/row.html", row2, strlen(row2), &e), 0);
    assert_int_equal(tmpl_add(set, "entity/row.html", "{{#x}}", 6, &e), ERR_INTERNAL);
    assert_non_null(strstr(e.msg, "template entity/row.html line 1:"));
    err_clear(&e);
    buf_reset(&out);
    assert_int_equal(tmpl_render(set, "entity/list.html", d, &out, &e), 0);
    assert_string_equal(buf_str(&out), "<table>&lt;a&gt;;b;</table>");

    /* recursion through a partial, as for the agency tree; leaves need "children": [] or the
     * context stack finds their parent's children (mustache lookup) and recursion never ends */
    const char *node = "{{name}}{{#children}}({{>tree}}){{/children}}";
    assert_int_equal(tmpl_add(set, "tree", node, strlen(node), &e), 0);
    json_t *tree = data_of("{\"name\": \"省\", \"children\": [{\"name\": \"市\", \"children\": "
                           "[{\"name\": \"县\", \"children\": []}]}, {\"name\": \"市2\","
                           " \"children\": []}]}");
    buf_reset(&out);
    assert_int_equal(tmpl_render(set, "tree", tree, &out, &e), 0);
    assert_string_equal(buf_str(&out), "省(市(县))(市2)");

    /* unbounded recursion is an error, and no half page is left in out */
    const char *loop = "x{{>loop}}";
    assert_int_equal(tmpl_add(set, "loop", loop, strlen(loop), &e), 0);
    buf_reset(&out);
    buf_adds(&out, "keep");
    assert_int_equal(tmpl_render(set, "loop", NULL, &out, &e), ERR_INTERNAL);
    assert_non_null(strstr(e.msg, "template loop line 1: partials nested deeper than 32"));
    assert_string_equal(buf_str(&out), "keep");

    /* exactly 32 levels of partials are allowed */
    char name[16], src[32];
    for (int i = 0; i <= 32; i++) {
        snprintf(name, sizeof name, "p%d", i);
        if (i < 32) {
            snprintf(src, sizeof src, "%d{{>p%d}}", i, i + 1);
        } else {
            snprintf(src, sizeof src, "end");
        }
        assert_int_equal(tmpl_add(set, name, src, strlen(src), &e), 0);
    }
    buf_reset(&out);
    assert_int_equal(tmpl_render(set, "p0", NULL, &out, &e), 0);
    assert_true(strstr(buf_str(&out), "3031end") != NULL);

    /* missing partial and missing template */
    err_clear(&e);
    const char *bad = "a\n{{> nope/x.html}}";
    assert_int_equal(tmpl_add(set, "bad", bad, strlen(bad), &e), 0);
    assert_int_equal(tmpl_render(set, "bad", NULL, &out, &e), ERR_INTERNAL);
    assert_string_equal(e.msg, "template bad line 2: partial nope/x.html not found");
    err_clear(&e);
    assert_int_equal(tmpl_render(set, "nope", NULL, &out, &e), ERR_NOTFOUND);

    buf_free(&out);
    json_decref(d);
    json_decref(tree);
    tmpl_set_free(set);
}

static void test_many_templates(void **state)
{
    (void)state;
    struct tmpl_set *set = tmpl_set_new();
    struct err e = {0};
    char name[32], src[32];
    for (int i = 0; i < 500; i++) {
        snprintf(name, sizeof name, "t/%d.html", i);
        snprintf(src, sizeof src, "<%d>", i);
        assert_int_equal(tmpl_add(set, name, src, strlen(src), &e), 0);
    }
    struct buf out = {0};
    for (int i = 0; i < 500; i++) {
        snprintf(name, sizeof name, "t/%d.html", i);
        snprintf(src, sizeof src, "<%d>", i);
        buf_reset(&out);
        assert_int_equal(tmpl_render(set, name, NULL, &out, &e), 0);
        assert_string_equal(buf_str(&out), src);
    }
    buf_free(&out);
    tmpl_set_free(set);
}

static void test_compile_errors(void **state)
{
    (void)state;
    check_compile_error("a\nb\n{{#x}}\nc", "line 3:", "{{#x}} is never closed");
    check_compile_error("{{#a}}\n{{^b}}\n{{/a}}", "line 3:",
                        "{{/a}} does not close {{^b}} opened"
                        " on line 2");
    check_compile_error("{{#a}}\n{{/b}}", "line 2:", "does not close");
    check_compile_error("x\n\n{{name", "line 3:", "unterminated");
    check_compile_error("x\n{{{name}}", "line 2:", "unterminated");
    check_compile_error("ok\n{{/a}}", "line 2:", "closes no open section");
    check_compile_error("{{}}", "line 1:", "empty name");
    check_compile_error("{{  }}", "line 1:", "empty name");
    check_compile_error("{{#}}{{/}}", "line 1:", "empty name");
    check_compile_error("{{>}}", "line 1:", "empty name");
    check_compile_error("{{{}}}", "line 1:", "empty name");
    check_compile_error("{{=<% %>=}}", "line 1:", "not supported");
    check_compile_error("{{@foo}}", "line 1:", "unknown special name");
    check_compile_error("{{a..b}}", "line 1:", "empty part");
    check_compile_error("{{.a}}", "line 1:", "empty part");
    check_compile_error("{{a b}}", "line 1:", "bad character");
    check_compile_error("{{a}b}}", "line 1:", "bad character");
    check_compile_error("{{> a b}}", "line 1:", "bad character");
    check_compile_error("{{!\n\n}}\n{{#x}}", "line 4:", "never closed");
    check_compile_error("{{x\n}}\n{{<y}}", "line 3:", "bad character");

    /* nesting limit */
    struct buf src = {0};
    for (int i = 0; i < 101; i++)
        buf_adds(&src, "{{#a}}");
    check_compile_error(buf_str(&src), "line 1:", "nested deeper than 100");
    buf_free(&src);
}

static void test_render_depth_limit(void **state)
{
    (void)state;
    /* three templates of 100 nested sections each, chained by partials: 300 levels */
    struct tmpl_set *set = tmpl_set_new();
    struct err e = {0};
    for (int t = 0; t < 3; t++) {
        struct buf src = {0};
        char name[8];
        for (int i = 0; i < 100; i++)
            buf_adds(&src, "{{#a}}");
        if (t < 2) buf_addf(&src, "{{>d%d}}", t + 1);
        buf_adds(&src, "x");
        for (int i = 0; i < 100; i++)
            buf_adds(&src, "{{/a}}");
        snprintf(name, sizeof name, "d%d", t);
        assert_int_equal(tmpl_add(set, name, src.p, src.len, &e), 0);
        buf_free(&src);
    }
    json_t *d = data_of("{\"a\": true}");
    struct buf out = {0};
    assert_int_equal(tmpl_render(set, "d1", d, &out, &e), 0); /* 200 levels */
    assert_string_equal(buf_str(&out), "xx");
    buf_reset(&out);
    assert_int_equal(tmpl_render(set, "d0", d, &out, &e), ERR_INTERNAL);
    assert_non_null(strstr(e.msg, "nested deeper than 256"));
    assert_int_equal(out.len, 0);
    buf_free(&out);
    json_decref(d);
    tmpl_set_free(set);
}

static void test_runaway_render(void **state)
{
    (void)state;
    /* each inner {{#a}} falls back to the outer array: 300^4 bodies, stopped by the step limit */
    json_t *a = json_array();
    for (int i = 0; i < 300; i++)
        json_array_append_new(a, json_integer(i));
    json_t *d = json_pack("{s:o}", "a", a);
    struct buf out = {0};
    struct err e = {0};
    assert_int_equal(
        tmpl_render_string("x\n{{#a}}{{#a}}{{#a}}{{#a}}{{/a}}{{/a}}{{/a}}{{/a}}", d, &out, &e),
        ERR_INTERNAL);
    assert_non_null(strstr(e.msg, "template (string) line 2: more than"));
    assert_int_equal(out.len, 0);
    buf_free(&out);
    json_decref(d);
}

static void test_render_1000_rows(void **state)
{
    (void)state;
    json_t *rows = json_array();
    struct buf want = {0};
    buf_adds(&want, "<table>\n");
    for (int i = 0; i < 1000; i++) {
        char name[64];
        snprintf(name, sizeof name, "企业<%d>&", i);
        json_array_append_new(
            rows, json_pack("{s:i, s:s, s:b}", "id", i, "name", name, "active", i % 3 == 0));
        buf_addf(&want,
                 "<tr%s><td>%d</td><td><a href=\"/entity/%d\">企业&lt;%d&gt;&amp;</a></td>"
                 "<td>%s</td></tr>\n",
                 i == 0 ? " class=\"first\"" : "", i + 1, i, i, i % 3 == 0 ? "在营" : "注销");
    }
    buf_adds(&want, "</table>共1000条");
    json_t *d = json_pack("{s:o, s:i}", "rows", rows, "total", 1000);
    const char *src = "<table>\n{{#rows}}<tr{{#@first}} class=\"first\"{{/@first}}>"
                      "<td>{{@number}}</td><td><a href=\"/entity/{{id}}\">{{name}}</a></td>"
                      "<td>{{#active}}在营{{/active}}{{^active}}注销{{/active}}</td></tr>\n"
                      "{{/rows}}</table>共{{total}}条";
    struct buf out = {0};
    struct err e = {0};
    assert_int_equal(tmpl_render_string(src, d, &out, &e), 0);
    assert_int_equal(out.len, want.len);
    assert_string_equal(buf_str(&out), buf_str(&want));
    buf_free(&out);
    buf_free(&want);
    json_decref(d);
}

/* Shared between the threads of test_threads. */
struct thread_job {
    const struct tmpl_set *set; /* the compiled set, read-only */
    json_t *data;               /* the data, read-only */
    const char *want;           /* expected output */
    int failures;               /* renders that differed */
};

static void *render_thread(void *arg)
{
    struct thread_job *job = arg;
    struct buf out = {0};
    struct err e = {0};
    for (int i = 0; i < 2000; i++) {
        buf_reset(&out);
        if (tmpl_render(job->set, "page", job->data, &out, &e) ||
            strcmp(buf_str(&out), job->want) != 0) {
            __atomic_add_fetch(&job->failures, 1, __ATOMIC_RELAXED);
        }
    }
    buf_free(&out);
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    struct tmpl_set *set = tmpl_set_new();
    struct err e = {0};
    const char *page = "{{#xs}}{{>item}}{{/xs}}";
    const char *item = "[{{@index}}{{n}}{{#@last}}!{{/@last}}]";
    assert_int_equal(tmpl_add(set, "page", page, strlen(page), &e), 0);
    assert_int_equal(tmpl_add(set, "item", item, strlen(item), &e), 0);
    struct thread_job job = {
        .set = set,
        .data = data_of("{\"xs\": [{\"n\": \"a\"}, {\"n\": \"<\"}, {\"n\": 3}]}"),
        .want = "[0a][1&lt;][23!]",
    };
    pthread_t th[8];
    for (size_t i = 0; i < countof(th); i++) {
        assert_int_equal(pthread_create(&th[i], NULL, render_thread, &job), 0);
    }
    for (size_t i = 0; i < countof(th); i++)
        pthread_join(th[i], NULL);
    assert_int_equal(job.failures, 0);
    json_decref(job.data);
    tmpl_set_free(set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_every_special),
        cmocka_unit_test(test_escape_attribute),
        cmocka_unit_test(test_raw),
        cmocka_unit_test(test_plain_set_escapes_nothing),
        cmocka_unit_test(test_dotted_names),
        cmocka_unit_test(test_context_stack),
        cmocka_unit_test(test_arrays_and_positions),
        cmocka_unit_test(test_inverted),
        cmocka_unit_test(test_section_values_pushed),
        cmocka_unit_test(test_nested_sections),
        cmocka_unit_test(test_whitespace_and_plain_braces),
        cmocka_unit_test(test_scalars),
        cmocka_unit_test(test_chinese),
        cmocka_unit_test(test_partials),
        cmocka_unit_test(test_many_templates),
        cmocka_unit_test(test_compile_errors),
        cmocka_unit_test(test_render_depth_limit),
        cmocka_unit_test(test_runaway_render),
        cmocka_unit_test(test_render_1000_rows),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
