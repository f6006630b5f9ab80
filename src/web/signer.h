/* signer.h — the server signs the audit chain's head once a day (law/anchor.h). */
#ifndef LANDUN_SIGNER_H
#define LANDUN_SIGNER_H

#include "law/anchor.h"

/* Load the key at key_path and start the thread that, about every minute, signs the day's head
 * when no server has yet (on its own connection to db_url). */
int signer_start(const char *db_url, const char *key_path, struct err *e);
/* Stop the thread (at shutdown). */
void signer_stop(void);
/* The key the server signs with, or NULL when it was started without one. */
const struct anchor_key *signer_key(void);

#endif
