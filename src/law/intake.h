/* intake.h — what every request from the public (a complaint, a petition, a disclosure request)
 * shares on its way in: the person behind it, sealed at rest; the receiving agency; the day it
 * was received; its number. And on its way out: the person, shown only to whom its area allows.
 *
 * Each area decides who may see its person (law/complaint_read.c, petition_read.c,
 * disclosure_read.c); this file holds only the mechanics. */
#ifndef LANDUN_INTAKE_H
#define LANDUN_INTAKE_H

#include <jansson.h>
#include "law/ctx.h"

/* Who made a request: their identity and contact. Blank id_number and address are left out. */
struct person {
    const char *name;
    const char *phone;
    const char *id_number;
    const char *address;
};

/* p as one sealed value (base/crypto.h) in *out (arena). whose names the person in the error
 * (投诉人) and doc the page that says how to configure the key; ERR_INTERNAL without a key. */
int intake_seal(struct ctx *c, const struct person *p, const char *whose, const char *doc,
                const char **out, struct err *e);
/* The person of a sealed value as {"name","phone",…} (new reference), or NULL: sealed is NULL
 * (anonymous), or it cannot be opened (another key, or altered). */
json_t *intake_unseal(const char *sealed);
/* Put the person of sealed on o: under key when shown, else key_hidden: true; key_error with a
 * message naming whose when it cannot be opened. Nothing when sealed is NULL (anonymous). */
void intake_show(json_t *o, const char *key, const char *whose, const char *sealed, bool shown);

/* The receiving agency: the one of agency_code (in the actor's scope), or the actor's own.
 * A field error on "agency" otherwise. */
int intake_agency(struct ctx *c, const char *agency_code, int64_t *agency, struct err *e);
/* The day it was received (arena): received_on, or today when blank; never after today (a
 * field error on "received_on" whose message names label). */
int intake_day(struct ctx *c, const char *received_on, const char *label, const char **day,
               struct err *e);
/* Its number (arena), per agency and the year of day, never skipped or repeated:
 * prefix〔2026〕12号. kind keys the counter (complaint, petition, disclosure). */
int intake_number(struct ctx *c, const char *kind, const char *prefix, int64_t agency,
                  const char *day, const char **out, struct err *e);
/* Whether the actor took one of actions (ended by NULL) on matter id of workflow kind: those
 * who decided on a request see who made it. 1, 0 or an error. */
int intake_took(struct ctx *c, const char *kind, int64_t id, const char *const *actions,
                struct err *e);

#endif
