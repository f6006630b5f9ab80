/* field.h — validators shared by the registries: each checks one input field and, when it is
 * wrong, adds a Chinese message for that field to e. */
#ifndef LANDUN_FIELD_H
#define LANDUN_FIELD_H

#include "base/date.h"
#include "base/err.h"

/* Required (or optional) text of at most max characters. Returns 0 when fine. */
int field_text(const char *v, const char *field, const char *label, bool required, size_t max,
               struct err *e);
/* A YYYY-MM-DD date; *out set when present and valid (else 0). */
int field_date(const char *v, const char *field, const char *label, bool required, day_t *out,
               struct err *e);
/* The day v (YYYY-MM-DD) of an act under field: not after today, and not before after (the day
 * of the act it follows, named what) when after is given and not blank. */
int field_day_in(const char *v, const char *field, day_t today, const char *after, const char *what,
                 struct err *e);
/* A moment v, "YYYY-MM-DD HH:MM" China time (or with T for the space), not after now: UTC
 * seconds into *out. */
int field_instant(const char *v, const char *field, int64_t now, int64_t *out, struct err *e);
/* Comma-separated line codes, each in the catalogue; at least one when required. */
int field_lines(const char *v, const char *field, bool required, struct err *e);
/* One code of a catalogue list ("subtypes", "risk_grades", …). */
int field_catalog(const char *v, const char *list, const char *field, const char *label,
                  bool required, struct err *e);
/* A phone number: digits, spaces, + and -, 7–20 characters. Optional. */
int field_phone(const char *v, const char *field, struct err *e);
/* A 6-, 9- or 12-digit administrative division code. Optional. */
int field_division(const char *v, const char *field, struct err *e);
/* NULL for a blank string, else s. */
const char *blank_to_null(const char *s);

#endif
