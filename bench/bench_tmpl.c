/* bench_tmpl.c — how fast the template engine renders a list page.
 *
 * Renders a 50-row entity list (layout around a table, one partial per row, escaping, sections and
 * @number) 100,000 times into one reused buffer and prints nanoseconds per page and per row.
 * Not part of the tests. Build e.g.:
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -Isrc src/base/{util,err,arena,buf}.c src/base/tmpl.c \
 *       bench/bench_tmpl.c -ljansson -o bench_tmpl */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/tmpl.h"

#define ROWS  50
#define PAGES 100000

static const char list_src[] =
    "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{{title}}</title>"
    "</head><body><header>{{user.name}} · {{user.agency}}</header><main><h1>{{title}}</h1>\n"
    "<table class=\"list\"><thead><tr><th>序号</th><th>名称</th><th>统一社会信用代码</th>"
    "<th>地址</th><th>状态</th><th></th></tr></thead><tbody>\n"
    "{{#rows}}{{> entity/row.html}}{{/rows}}{{^rows}}<tr><td colspan=\"6\">暂无数据</td></tr>"
    "{{/rows}}</tbody></table>\n<p>共 {{total}} 条，第 {{page}} 页</p></main></body></html>\n";

static const char row_src[] =
    "<tr{{#@first}} class=\"first\"{{/@first}}><td>{{@number}}</td>"
    "<td><a href=\"/entity/{{id}}\">{{name}}</a></td><td>{{uscc}}</td><td>{{address}}</td>"
    "<td>{{#active}}在营{{/active}}{{^active}}注销{{/active}}</td>"
    "<td>{{#can_edit}}<a href=\"/entity/{{id}}/edit?csrf={{csrf}}\">编辑</a>{{/can_edit}}</td>"
    "</tr>\n";

/* Time on clock in nanoseconds. */
static double now_ns(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* The data a list handler would build. Caller json_decref()s. */
static json_t *page_data(void)
{
    json_t *rows = json_array();
    for (int i = 0; i < ROWS; i++) {
        char name[96], uscc[32], addr[128];
        snprintf(name, sizeof name, "兰州某某食品有限公司第%d分店 & <分部>", i);
        snprintf(uscc, sizeof uscc, "91620100MA7%07dX", i);
        snprintf(addr, sizeof addr, "甘肃省兰州市城关区东岗西路%d号", 100 + i);
        json_array_append_new(rows, json_pack("{s:I, s:s, s:s, s:s, s:b}", "id",
                                              (json_int_t)100000 + i, "name", name, "uscc", uscc,
                                              "address", addr, "active", i % 7 != 0));
    }
    return json_pack("{s:s, s:{s:s, s:s}, s:o, s:i, s:i, s:b, s:s}", "title", "市场主体名录",
                     "user", "name", "张三", "agency", "城关区市场监督管理局", "rows", rows,
                     "total", 1234, "page", 1, "can_edit", 1, "csrf", "k3J9x_0aZ");
}

int main(void)
{
    struct tmpl_set *set = tmpl_set_new();
    struct err e = {0};
    if (tmpl_add(set, "entity/list.html", list_src, strlen(list_src), &e) ||
        tmpl_add(set, "entity/row.html", row_src, strlen(row_src), &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    json_t *data = page_data();
    struct buf out = {0};

    for (int i = 0; i < 1000; i++) { /* warm up caches and the buffer */
        buf_reset(&out);
        tmpl_render(set, "entity/list.html", data, &out, &e);
    }
    /* CPU time as well as wall time: on a busy machine the wall clock also counts other work */
    double w0 = now_ns(CLOCK_MONOTONIC), c0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
    for (int i = 0; i < PAGES; i++) {
        buf_reset(&out);
        if (tmpl_render(set, "entity/list.html", data, &out, &e)) {
            fprintf(stderr, "%s\n", e.msg);
            return 1;
        }
    }
    double wall = (now_ns(CLOCK_MONOTONIC) - w0) / PAGES;
    double cpu = (now_ns(CLOCK_PROCESS_CPUTIME_ID) - c0) / PAGES;
    printf("%d pages of %d rows, %zu bytes each\n", PAGES, ROWS, out.len);
    printf("cpu:  %.0f ns/page, %.0f ns/row, %.0f MB/s\n", cpu, cpu / ROWS,
           (double)out.len / cpu * 1e3);
    printf("wall: %.0f ns/page, %.0f ns/row\n", wall, wall / ROWS);

    buf_free(&out);
    json_decref(data);
    tmpl_set_free(set);
    return 0;
}
