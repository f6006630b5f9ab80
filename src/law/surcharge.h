/* surcharge.h — 加处罚款 (行政处罚法 第七十二条、第七十三条) as arithmetic, apart from where its
 * inputs are kept: the fine falls due in one sum, or in the instalments approved under 第六十六条;
 * each day an amount stays unpaid after its last day adds 3% of it, never more in all than the
 * fine; the days a 行政复议 or 行政诉讼 is pending are not counted. */
#ifndef LANDUN_SURCHARGE_H
#define LANDUN_SURCHARGE_H

#include "base/date.h"

#include <stdbool.h>
#include <stdint.h>

/* Basis points of the fine added per day overdue: 3% (第七十二条第一项). */
#define SURCHARGE_DAILY_BP 300

/* An amount (分) of the fine due by its last day: the whole fine, or one instalment. */
struct surcharge_due {
    day_t last; /* the last day to pay it */
    int64_t amount;
};

/* A payment of the fine (分) on a day. */
struct surcharge_paid {
    day_t on;
    int64_t amount;
};

/* A 复议 or 诉讼 pending from from to to (both counted as pending; to 0: still pending). */
struct surcharge_pause {
    day_t from, to;
};

struct surcharge_in {
    const struct surcharge_due *due;
    int ndue;
    const struct surcharge_paid *paid;
    int npaid;
    const struct surcharge_pause *pause;
    int npause;
    day_t through; /* the last day counted: today, or the day the fine was paid in full */
};

struct surcharge_out {
    int64_t amount;  /* the 加处罚款 owed through in->through (分) */
    int days;        /* the days that added to it */
    int64_t overdue; /* the part of the fine overdue on in->through (分) */
    bool capped;     /* the amount reached the fine and stopped there */
};

/* The 加处罚款 of in into out. A day adds SURCHARGE_DAILY_BP of the part of the fine whose last
 * day has passed and that was not paid before that day (a payment stops it from the next day), each
 * day's addition rounded to the 分 (half up); days inside a pause add nothing. The sum never
 * exceeds the fine (the dues' total). */
void surcharge_compute(const struct surcharge_in *in, struct surcharge_out *out);

#endif
