/* fuzz_calendar.c — libFuzzer target for calendar_load_json (holiday files are outside input:
 * an administrator may upload one).
 *
 * Loads arbitrary bytes; a rejected file must leave an ERR_INVALID error, an accepted one must
 * give a calendar whose counts agree with each other: n working days after a start, counted back,
 * are n, and the day reached is a working day.
 */
#include <stdlib.h>

#include "base/calendar.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct calendar *cal = calendar_new();
    struct err e = {0};
    if (calendar_load_json(cal, (const char *)data, size, &e) == 0) {
        int first, last;
        if (calendar_years(cal, &first, &last) != 1 || first != last) abort();
        exercise(cal, date_from_ymd(first, 1, 1) - 1);
        exercise(cal, date_from_ymd(first, 9, 20));
        exercise(cal, date_from_ymd(first, 12, 31));
    } else if (e.code != ERR_INVALID || !e.msg[0]) {
        abort();
    }
    calendar_free(cal);
    return 0;
}
