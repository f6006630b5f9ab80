/* surcharge.c — 加处罚款 (行政处罚法 第七十二条、第七十三条): see surcharge.h. */
#include "law/surcharge.h"

/* [R-CASE-90] 第七十三条第三款: the days a 复议 or 诉讼 is pending are not counted. */
static bool paused(const struct surcharge_in *in, day_t d)
{
    for (int i = 0; i < in->npause; i++)
        if (d >= in->pause[i].from && (in->pause[i].to == 0 || d <= in->pause[i].to)) return true;
    return false;
}

/* The part of the fine overdue on day d: due by a last day before d, less what was paid before d
 * (a payment on d itself still leaves d overdue: the days overdue run to the day paid). */
static int64_t overdue_on(const struct surcharge_in *in, day_t d)
{
    int64_t due = 0, paid = 0;
    for (int i = 0; i < in->ndue; i++)
        if (in->due[i].last < d) due += in->due[i].amount;
    for (int i = 0; i < in->npaid; i++)
        if (in->paid[i].on < d) paid += in->paid[i].amount;
    return due > paid ? due - paid : 0;
}

/* [R-CASE-90] 第七十二条: 3% of the overdue fine a day, never more in all than the fine. */
void surcharge_compute(const struct surcharge_in *in, struct surcharge_out *out)
{
    *out = (struct surcharge_out){0};
    int64_t fine = 0;
    day_t first = 0;
    for (int i = 0; i < in->ndue; i++) {
        fine += in->due[i].amount;
        if (!first || in->due[i].last < first) first = in->due[i].last;
    }
    if (!in->ndue || fine <= 0) return;
    for (day_t d = first + 1; d <= in->through && !out->capped; d++) {
        int64_t owed = overdue_on(in, d);
        if (owed <= 0 || paused(in, d)) continue;
        out->amount += (owed * SURCHARGE_DAILY_BP + 5000) / 10000;
        out->days++;
        if (out->amount >= fine) {
            out->amount = fine;
            out->capped = true;
        }
    }
    out->overdue = in->through > first ? overdue_on(in, in->through + 1) : 0;
}
