/* clock.c — the process's clock: the system's, shifted once by LANDUN_NOW when it is set. */
#include "base/clock.h"
#include "base/date.h"
#include "base/log.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LOCAL_OFFSET (8 * 3600) /* Asia/Shanghai, no daylight saving */

static pthread_once_t clock_once = PTHREAD_ONCE_INIT;
static int64_t clock_shift; /* seconds added to the system clock */

/* Two digits at s as a number, or -1. */
static int two(const char *s)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9') return -1;
    return (s[0] - '0') * 10 + s[1] - '0';
}

int clock_parse(const char *s, int64_t *out)
{
    char date[DATE_STRLEN];
    day_t d;
    if (!s || strlen(s) < 10) return -1;
    memcpy(date, s, 10);
    date[10] = 0;
    if (date_parse(date, &d)) return -1;
    int64_t local = (int64_t)d * 86400;
    if (s[10] == 0) {
        *out = local + 10 * 3600 - LOCAL_OFFSET;
        return 0;
    }
    const char *t = s + 10;
    if (strlen(t) < 10 || t[0] != 'T') return -1; /* THH:MM:SS and a zone of at least "Z" */
    int h = two(t + 1), m = two(t + 4), sec = two(t + 7);
    if (h < 0 || h > 23 || t[3] != ':' || m < 0 || m > 59 || t[6] != ':' || sec < 0 || sec > 59)
        return -1;
    local += h * 3600 + m * 60 + sec;
    const char *z = t + 9;
    if (strcmp(z, "Z") == 0) {
        *out = local;
        return 0;
    }
    if (strlen(z) != 6) return -1;
    int zh = two(z + 1), zm = two(z + 4);
    if ((z[0] != '+' && z[0] != '-') || zh < 0 || zh > 14 || z[3] != ':' || zm < 0 || zm > 59 ||
        z[6] != 0)
        return -1;
    int64_t offset = zh * 3600 + zm * 60;
    *out = z[0] == '+' ? local - offset : local + offset;
    return 0;
}

/* Read LANDUN_NOW once. */
static void clock_init(void)
{
    const char *s = getenv("LANDUN_NOW");
    if (!s || !*s) return;
    int64_t target;
    if (clock_parse(s, &target))
        fatal("LANDUN_NOW=%s: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+08:00", s);
    clock_shift = target - (int64_t)time(NULL);
}

int64_t clock_now(void)
{
    pthread_once(&clock_once, clock_init);
    return (int64_t)time(NULL) + clock_shift;
}
