/* test_rules.c — the register of rules (law/rules.h) against the code and the tests: every
 * [R-…] mark in a comment under src/ names a registered rule, every registered rule is marked
 * somewhere under src/ ("enforced") and carried by the name of a test under tests/ ("proved"),
 * and the register itself is well formed. The checking functions are first proved on small
 * made-up inputs, so that a check that could never fail is caught too. */
#include "tests/support.h"
#include "law/rules.h"
#include "law/task.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- collecting ids ------------------------------------------------------------------------ */

#define ID_MAX 24 /* bytes of an id with its NUL: R-AUDIT-01 is 10 */

/* One id found, and where. */
struct hit {
    char id[160];    /* R-INSP-01, or a test's name for scan_tests */
    char where[256]; /* file:line, or the test's file */
};

/* A growing list of hits. */
struct hits {
    struct hit *v; /* xrealloc'd */
    size_t n, cap; /* used, allocated */
};

static void hits_add(struct hits *h, const char *id, size_t len, const char *where)
{
    if (h->n == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 64;
        h->v = xrealloc(h->v, h->cap * sizeof *h->v);
    }
    struct hit *x = &h->v[h->n++];
    snprintf(x->id, sizeof x->id, "%.*s", (int)len, id);
    snprintf(x->where, sizeof x->where, "%s", where);
}

static void hits_free(struct hits *h)
{
    free(h->v);
    memset(h, 0, sizeof *h);
}

/* The first hit with id, or NULL. */
static const struct hit *hits_find(const struct hits *h, const char *id)
{
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->v[i].id, id) == 0) return &h->v[i];
    return NULL;
}

/* The length of the id that starts at p ("R-", capitals, "-", two digits), or 0. */
static size_t id_at(const char *p)
{
    if (p[0] != 'R' || p[1] != '-') return 0;
    size_t n = 2;
    while (p[n] >= 'A' && p[n] <= 'Z')
        n++;
    if (n == 2 || p[n] != '-') return 0;
    if (!isdigit((unsigned char)p[n + 1]) || !isdigit((unsigned char)p[n + 2])) return 0;
    size_t end = n + 3 + (isdigit((unsigned char)p[n + 3]) ? 1 : 0); /* R-CASE-100 */
    return end < ID_MAX ? end : 0;
}

/* The marks "[R-AREA-NN]" inside the comments of the C text of file, into out with file:line.
 * Text in string and character literals is not a comment. */
static void scan_marks(const char *text, const char *file, struct hits *out)
{
    enum { CODE, BLOCK, LINE, STRING, CHAR } in = CODE;
    int line = 1;
    for (const char *p = text; *p; p++) {
        if (*p == '\n') line++;
        if (in == CODE) {
            if (p[0] == '/' && (p[1] == '*' || p[1] == '/')) {
                in = p[1] == '*' ? BLOCK : LINE;
                p++;
            } else if (*p == '"' || *p == '\'') {
                in = *p == '"' ? STRING : CHAR;
            }
            continue;
        }
        if (in == STRING || in == CHAR) {
            if (*p == '\\' && p[1]) {
                line += *++p == '\n';
            } else if (*p == (in == STRING ? '"' : '\'') || *p == '\n') {
                in = CODE; /* (an unterminated literal ends with its line) */
            }
            continue;
        }
        if (in == LINE && *p == '\n') {
            in = CODE;
            continue;
        }
        if (in == BLOCK && p[0] == '*' && p[1] == '/') {
            in = CODE;
            p++;
            continue;
        }
        size_t n = *p == '[' ? id_at(p + 1) : 0;
        if (n && p[1 + n] == ']') {
            char where[256];
            snprintf(where, sizeof where, "%s:%d", file, line);
            hits_add(out, p + 1, n, where);
        }
    }
}

/* The names of the cmocka test functions of file: lines "static void NAME(void **state)", the
 * name on the next line when it is too long for one (clang-format puts it there). */
static void scan_tests(const char *text, const char *file, struct hits *out)
{
    static const char head[] = "static void";
    for (const char *p = strstr(text, head); p; p = strstr(p + 1, head)) {
        if (p > text && p[-1] != '\n') continue; /* not a definition (in a string, say) */
        const char *name = p + strlen(head), *end;
        if (*name != ' ' && *name != '\n') continue;
        while (*name == ' ' || *name == '\n')
            name++;
        end = name;
        while (isalnum((unsigned char)*end) || *end == '_')
            end++;
        if (end > name && strncmp(end, "(void **", 8) == 0)
            hits_add(out, name, (size_t)(end - name), file);
    }
}

/* A character of an id as a test name spells it: lower case, '-' as '_'. */
static int as_name(char c)
{
    return c == '-' ? '_' : tolower((unsigned char)c);
}

/* Whether test name carries id: the id with '-' as '_', in any case, standing between
 * underscores or the ends of the name (test_r_insp_01_…, …_R_INSP_01). */
static bool name_carries(const char *name, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = name; *p; p++) {
        if (p > name && p[-1] != '_') continue;
        size_t i = 0;
        while (i < n && p[i] && tolower((unsigned char)p[i]) == as_name(id[i]))
            i++;
        if (i == n && (p[n] == 0 || p[n] == '_')) return true;
    }
    return false;
}

/* The ids a test name carries ("r_<letters>_<two or three digits>" between underscores or the
 * ends), as R-LETTERS-NN, into out. */
static void ids_in_name(const char *name, const char *where, struct hits *out)
{
    for (const char *p = name; *p; p++) {
        if ((p > name && p[-1] != '_') || tolower((unsigned char)p[0]) != 'r' || p[1] != '_')
            continue;
        char id[ID_MAX] = "R-";
        size_t n = 2, i = 2;
        while (isalpha((unsigned char)p[i]) && n < ID_MAX - 4)
            id[n++] = (char)toupper((unsigned char)p[i++]);
        if (n == 2 || p[i] != '_' || !isdigit((unsigned char)p[i + 1]) ||
            !isdigit((unsigned char)p[i + 2]))
            continue;
        size_t digits = isdigit((unsigned char)p[i + 3]) ? 3 : 2;
        if (p[i + 1 + digits] && p[i + 1 + digits] != '_') continue;
        id[n++] = '-';
        for (size_t k = 1; k <= digits; k++)
            id[n++] = p[i + k];
        hits_add(out, id, n, where);
    }
}

/* ---- the check ----------------------------------------------------------------------------- */

static bool listed(const char *const *ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0) return true;
    return false;
}

/* Whether any test of tests carries id. */
static bool proved(const struct hits *tests, const char *id)
{
    for (size_t i = 0; i < tests->n; i++)
        if (name_carries(tests->v[i].id, id)) return true;
    return false;
}

/* Check the register's ids against the marks found in src/ and the test names found in tests/.
 * One line per problem goes to report, naming the id; returns the number of problems. */
static int check_register(const char *const *ids, size_t nids, const struct hits *marks,
                          const struct hits *tests, struct buf *report)
{
    int problems = 0;
#define PROBLEM(...) (problems++, buf_addf(report, __VA_ARGS__), buf_add(report, "\n", 1))
    for (size_t i = 0; i < marks->n; i++)
        if (!listed(ids, nids, marks->v[i].id))
            PROBLEM("%s: marked at %s, but not in the register (src/law/rules.c)", marks->v[i].id,
                    marks->v[i].where);
    for (size_t i = 0; i < nids; i++) {
        if (!hits_find(marks, ids[i]))
            PROBLEM("%s: enforced nowhere (no [%s] mark in a comment under src/)", ids[i], ids[i]);
        if (!proved(tests, ids[i]))
            PROBLEM("%s: no test (no test function's name carries it, as test_r_…_NN_…)", ids[i]);
    }
    struct hits named = {0};
    for (size_t i = 0; i < tests->n; i++)
        ids_in_name(tests->v[i].id, tests->v[i].where, &named);
    for (size_t i = 0; i < named.n; i++)
        if (!listed(ids, nids, named.v[i].id))
            PROBLEM("%s: carried by a test name in %s, but not in the register", named.v[i].id,
                    named.v[i].where);
    hits_free(&named);
#undef PROBLEM
    return problems;
}

/* ---- reading the tree ---------------------------------------------------------------------- */

typedef void (*file_fn)(const char *text, const char *file, struct hits *out);

/* Call fn on every file under rel (a directory relative to the source tree) whose name ends in
 * one of exts (NULL-terminated), in any order, with the path relative to the tree. */
static void walk(const char *rel, const char *const *exts, file_fn fn, struct hits *out)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", h_srcdir(), rel);
    DIR *d = opendir(path);
    if (!d) fail_msg("cannot read %s", path);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        char sub[1024];
        snprintf(sub, sizeof sub, "%s/%s", rel, de->d_name);
        snprintf(path, sizeof path, "%s/%s", h_srcdir(), sub);
        DIR *inner = opendir(path);
        if (inner) {
            closedir(inner);
            walk(sub, exts, fn, out);
            continue;
        }
        size_t len = strlen(de->d_name);
        for (const char *const *x = exts; *x; x++) {
            size_t xl = strlen(*x);
            if (len <= xl || strcmp(de->d_name + len - xl, *x) != 0) continue;
            char *text = h_read_file(sub);
            fn(text, sub, out);
            free(text);
            break;
        }
    }
    closedir(d);
}

/* The register's ids, in table order (xmalloc'd array of static strings). */
static const char **register_ids(size_t *n)
{
    const struct rule *all = rules_all(n);
    const char **ids = xmalloc((*n ? *n : 1) * sizeof *ids);
    for (size_t i = 0; i < *n; i++)
        ids[i] = all[i].id;
    return ids;
}

/* ---- the checking functions on made-up inputs ---------------------------------------------- */

static void test_marks_are_read_from_comments_only(void **state)
{
    (void)state;
    static const char text[] = "/* [R-A-01] */ int x;\n"
                               "// [R-B-02] line comment\n"
                               "const char *s = \"[R-C-03]\"; char c = '[';\n"
                               "/* [R-D-4] [r-e-05] [R-E-05 ] R-F-06 */\n"
                               "/* two: [R-G-07][R-HH-08],\n"
                               " * \"[R-I-09]\" quoted in a comment still counts */\n"
                               "const char *t = \"/* [R-J-10] */\";\n";
    struct hits h = {0};
    scan_marks(text, "x.c", &h);
    assert_int_equal(h.n, 5);
    static const char *const want[] = {"R-A-01", "R-B-02", "R-G-07", "R-HH-08", "R-I-09"};
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(h.v[i].id, want[i]);
    assert_string_equal(h.v[1].where, "x.c:2");
    assert_string_equal(h.v[4].where, "x.c:6");
    hits_free(&h);
}

static void test_test_names_are_read_and_matched(void **state)
{
    (void)state;
    static const char text[] = "static void helper(int n)\n{\n}\n"
                               "static void test_r_a_01_two_officers(void **state)\n{\n}\n"
                               "static void checks_R_B_02(void **state)\n{\n}\n"
                               "static void\ntest_r_c_03_a_name_too_long_for_one_line(void **st)\n"
                               "static voidish(void **state)\n";
    struct hits h = {0};
    scan_tests(text, "t.c", &h);
    assert_int_equal(h.n, 3);
    assert_string_equal(h.v[0].id, "test_r_a_01_two_officers");
    assert_string_equal(h.v[1].id, "checks_R_B_02");
    assert_string_equal(h.v[2].id, "test_r_c_03_a_name_too_long_for_one_line");
    assert_true(name_carries("test_r_insp_02_two_officers", "R-INSP-02"));
    assert_true(name_carries("TEST_R_INSP_02", "R-INSP-02"));
    assert_true(name_carries("r_insp_02", "R-INSP-02"));
    assert_false(name_carries("test_r_insp_021_x", "R-INSP-02"));
    assert_false(name_carries("test_xr_insp_02", "R-INSP-02"));
    assert_false(name_carries("test_r_insp_03", "R-INSP-02"));
    struct hits ids = {0};
    ids_in_name("test_r_a_01_r_bc_02_rules_0_r_x_1_user_r_d_3456_r_case_100", "t.c", &ids);
    assert_int_equal(ids.n, 3);
    assert_string_equal(ids.v[0].id, "R-A-01");
    assert_string_equal(ids.v[1].id, "R-BC-02");
    assert_string_equal(ids.v[2].id, "R-CASE-100"); /* three digits once two run out */
    hits_free(&ids);
    hits_free(&h);
}

/* The report holds a line starting with id and holding words. */
static void assert_reported(const char *report, const char *id, const char *words)
{
    for (const char *p = report; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        size_t len = strchr(p, '\n') ? (size_t)(strchr(p, '\n') - p) : strlen(p);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        if (str_prefix(line, id) && line[strlen(id)] == ':' && strstr(line, words)) return;
    }
    fail_msg("no \"%s … %s\" in the report:\n%s", id, words, report);
}

static void test_check_names_every_problem(void **state)
{
    (void)state;
    static const char *const ids[] = {"R-A-01", "R-A-02", "R-A-03", "R-A-04"};
    struct hits marks = {0}, tests = {0};
    scan_marks("/* [R-A-01] */\n/* [R-X-09] */\n/* [R-A-04] */\n", "src/x.c", &marks);
    scan_tests("static void test_r_a_01_ok(void **state)\n"
               "static void test_r_a_04_ok(void **state)\n"
               "static void test_r_q_07_stray(void **state)\n",
               "tests/t.c", &tests);
    struct buf report = {0};
    int n = check_register(ids, 4, &marks, &tests, &report);
    const char *r = buf_str(&report);
    assert_reported(r, "R-X-09", "src/x.c:2, but not in the register");
    assert_reported(r, "R-A-02", "enforced nowhere");
    assert_reported(r, "R-A-02", "no test");
    assert_reported(r, "R-A-03", "enforced nowhere");
    assert_reported(r, "R-A-03", "no test");
    assert_reported(r, "R-Q-07", "carried by a test name in tests/t.c");
    assert_int_equal(n, 6);
    assert_null(strstr(r, "R-A-01"));
    assert_null(strstr(r, "R-A-04"));
    buf_free(&report);
    hits_free(&marks);
    hits_free(&tests);
}

static void test_check_passes_a_consistent_set(void **state)
{
    (void)state;
    static const char *const ids[] = {"R-A-01", "R-BC-02"};
    struct hits marks = {0}, tests = {0};
    scan_marks("// [R-A-01] and [R-BC-02]\n/* [R-A-01] marked twice */\n", "src/x.c", &marks);
    scan_tests("static void test_r_a_01_r_bc_02_both(void **state)\n", "tests/t.c", &tests);
    struct buf report = {0};
    assert_int_equal(check_register(ids, 2, &marks, &tests, &report), 0);
    assert_int_equal(report.len, 0);
    buf_free(&report);
    hits_free(&marks);
    hits_free(&tests);
}

/* ---- the register -------------------------------------------------------------------------- */

/* The position of area code in rule_areas, or -1. */
static long area_index(const char *code)
{
    size_t n;
    const struct rule_area *a = rule_areas(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(a[i].code, code) == 0) return (long)i;
    return -1;
}

/* An id's number (the two or three digits after its last '-'). */
static int id_number(const char *id)
{
    return atoi(strrchr(id, '-') + 1);
}

static void test_register_is_well_formed(void **state)
{
    (void)state;
    size_t n;
    const struct rule *all = rules_all(&n);
    assert_true(n >= 30);
    long area = 0;
    for (size_t i = 0; i < n; i++) {
        const struct rule *r = &all[i];
        char code[16];
        if (id_at(r->id) != strlen(r->id) || !rule_id_area(r->id, code, sizeof code))
            fail_msg("malformed id %s", r->id);
        long at = area_index(code);
        if (at < 0) fail_msg("%s: no area %s in rule_areas", r->id, code);
        /* grouped by area in area order, numbered upwards within it */
        if (at < area) fail_msg("%s: out of its area's place in the table", r->id);
        if (at == area && i && strstr(all[i - 1].id, code) &&
            id_number(r->id) <= id_number(all[i - 1].id))
            fail_msg("%s: after %s", r->id, all[i - 1].id);
        area = at;
        assert_ptr_equal(rule_find(r->id), r); /* and so no id twice */
        if (str_blank(r->law) || !r->article || str_blank(r->text))
            fail_msg("%s: law, article or text missing", r->id);
        if (!strstr(r->text, "。")) fail_msg("%s: the rule is not a sentence", r->id);
        for (const struct rule_param *p = r->params; p && p->name; p++) {
            for (const char *c = p->name; *c; c++)
                if (!islower((unsigned char)*c) && *c != '_') fail_msg("%s: %s", r->id, p->name);
            if (str_blank(p->label) || str_blank(p->unit) || p->value < 0)
                fail_msg("%s: parameter %s incomplete", r->id, p->name);
        }
    }
    assert_null(rule_find("R-NONE-99"));
    assert_null(rule_find(NULL));
    /* the register as served: every rule once, under its area */
    json_t *j = rules_json(), *a;
    size_t k, total = 0;
    assert_int_equal(json_integer_value(json_object_get(j, "count")), (json_int_t)n);
    json_array_foreach(json_object_get(j, "areas"), k, a)
    {
        size_t m = json_array_size(json_object_get(a, "rules"));
        if (m == 0) fail_msg("area %s has no rule", json_string_value(json_object_get(a, "code")));
        total += m;
    }
    assert_int_equal(total, n);
    json_decref(j);
}

static void test_register_parameters_come_from_the_code(void **state)
{
    (void)state;
    json_t *j = rules_json();
    const char *text = NULL;
    size_t i, k;
    json_t *a, *r;
    json_array_foreach(json_object_get(j, "areas"), i, a)
    {
        json_array_foreach(json_object_get(a, "rules"), k, r)
        {
            if (strcmp(json_string_value(json_object_get(r, "id")), "R-TASK-02") == 0)
                text = json_string_value(
                    json_object_get(json_array_get(json_object_get(r, "params"), 0), "default"));
        }
    }
    assert_non_null(text);
    char want[32];
    snprintf(want, sizeof want, "%d个工作日", TASK_PUBLISH_DAYS);
    assert_string_equal(text, want);
    json_decref(j);
}

/* ---- the source tree ----------------------------------------------------------------------- */

static void test_every_rule_is_marked_in_src_and_proved_by_a_test(void **state)
{
    (void)state;
    static const char *const c_files[] = {".c", ".h", NULL};
    static const char *const tests_dirs[] = {"tests/unit", "tests/http", "tests/e2e", NULL};
    struct hits marks = {0}, tests = {0};
    walk("src", c_files, scan_marks, &marks);
    for (const char *const *d = tests_dirs; *d; d++)
        walk(*d, c_files, scan_tests, &tests);
    assert_true(marks.n > 0);
    assert_true(tests.n > 100);
    size_t n;
    const char **ids = register_ids(&n);
    struct buf report = {0};
    int problems = check_register(ids, n, &marks, &tests, &report);
    /* one line at a time: cmocka cuts a long message */
    const char *line = buf_str(&report), *nl;
    for (; (nl = strchr(line, '\n')); line = nl + 1)
        print_error("%.*s\n", (int)(nl - line), line);
    free(ids);
    buf_free(&report);
    hits_free(&marks);
    hits_free(&tests);
    assert_int_equal(problems, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_marks_are_read_from_comments_only),
        cmocka_unit_test(test_test_names_are_read_and_matched),
        cmocka_unit_test(test_check_names_every_problem),
        cmocka_unit_test(test_check_passes_a_consistent_set),
        cmocka_unit_test(test_register_is_well_formed),
        cmocka_unit_test(test_register_parameters_come_from_the_code),
        cmocka_unit_test(test_every_rule_is_marked_in_src_and_proved_by_a_test),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
