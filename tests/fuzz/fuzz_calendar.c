/* fuzz_calendar.c — libFuzzer target for calendar_load_json (holiday files are outside input:
 * an administrator may upload one), with and without the provisional years, and for
 * clock_parse (LANDUN_NOW).
 *
 * Loads arbitrary bytes; a rejected file must leave an ERR_INVALID error, an accepted one must
 * give a calendar whose counts agree with each other: n working days after a start, counted back,
 * are n, and the day reached is a working day.
 */
#include <stdlib.h>

#include "base/calendar.h"
#include "base/clock.h"
#include "base/embed.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Count from start a few times and check the answers against each other. */
static void exercise(const struct calendar *cal, day_t start)
{
    for (int n = 0; n < 400; n += 37) {
        struct err e = {0};
        day_t out;
        if (calendar_add_workdays(cal, start, n, &out, &e) == 0) {
            int back = -1;
            if (calendar_workdays_between(cal, start, out, &back, &e) != 0 || back != n) abort();
            if (n > 0 && calendar_day_kind(cal, out) != CAL_WORKDAY) abort();
        } else if (e.code != ERR_INVALID) {
            abort();
        }
        if (calendar_add_days(cal, start, n, &out, &e) == 0 &&
            (out < start + n || calendar_day_kind(cal, out) != CAL_WORKDAY))
            abort();
        (void)calendar_day_name(cal, start + n);
    }
}

/* Count a few probes on a calendar, with or without its provisional years: whatever the file,
 * counts agree with each other, and a count over known and provisional years never fails. */
static bool load_and_count(const uint8_t *data, size_t size, bool movable)
{
    bool loaded = false;
    struct calendar *cal = calendar_new();
    struct err e = {0};
    if (movable) {
        const struct embed_file *f = embed_find("data/holidays/movable.tsv");
        if (!f || calendar_load_movable(cal, f->data, f->len, &e)) abort();
    }
    if (calendar_load_json(cal, (const char *)data, size, &e) == 0) {
        loaded = true;
        int first, last;
        if (calendar_years(cal, &first, &last) != 1 || first != last) abort();
        exercise(cal, date_from_ymd(first, 1, 1) - 1);
        exercise(cal, date_from_ymd(first, 9, 20));
        exercise(cal, date_from_ymd(first, 12, 31));
        if (movable && first >= 2015 && first <= 2098) {
            day_t out;
            if (calendar_add_workdays(cal, date_from_ymd(first - 1, 12, 1), 300, &out, &e)) abort();
        }
    } else if (e.code != ERR_INVALID || !e.msg[0]) {
        abort();
    }
    calendar_free(cal);
    return loaded;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a file refused on its own is refused with the provisional years too (they only add the
     * statutory check), so only an accepted one is read again with them, which costs more */
    if (load_and_count(data, size, false)) load_and_count(data, size, true);
    /* the clock's LANDUN_NOW parser: any bytes, never a crash, and a parsed instant's date is
     * real */
    char *s = strndup((const char *)data, size);
    int64_t t;
    if (s && clock_parse(s, &t) == 0 && date_from_instant(t) < date_from_ymd(1899, 12, 30)) abort();
    free(s);
    return 0;
}
