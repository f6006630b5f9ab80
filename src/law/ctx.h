/* ctx.h — who is acting, on which connection, at what time: passed to every law/ function. */
#ifndef LANDUN_CTX_H
#define LANDUN_CTX_H

#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "store/db.h"

struct calendar;
struct blob_store;

/* The person (or system) on whose behalf a law/ function acts. */
struct actor {
    int64_t user_id;          /* app_user.id; 0 for the system (CLI set-up, demo data) */
    const char *username;     /* for the audit trail */
    const char *display_name; /* 姓名 shown in the UI */
    int64_t agency_id;        /* the user's agency */
    const char *agency_path;  /* its materialised path, e.g. "/1/4/": the user's scope */
    const char *agency_name;  /* for the UI */
    unsigned roles;           /* bit set: 1u << enum role */
};

/* Everything a law/ function needs besides its arguments. */
struct ctx {
    struct db *db;              /* the connection (one per thread) */
    struct arena *arena;        /* where results are allocated; freed by the caller's owner */
    const struct actor *who;    /* never NULL */
    int64_t now;                /* the time of the action, UTC seconds */
    const struct calendar *cal; /* working-day calendar (read-only) */
    struct blob_store *blobs;   /* the evidence store (recordings), or NULL when none is set */
};

/* True when the agency with materialised path `path` lies in the actor's subtree. [R-AUTH-06] an
 * actor sees and acts on the records of their agency's subtree only (this and actor_scope). */
static inline bool actor_sees_path(const struct actor *who, const char *path)
{
    return who->agency_path && path && str_prefix(path, who->agency_path);
}

/* The actor's scope as a LIKE pattern for agency.path: "/1/4/%" (an actor without an agency:
 * every agency), on the arena. With AGENCY_IN_SCOPE(col), the one filter of rows to the actor's
 * subtree. */
static inline const char *actor_scope(const struct ctx *c)
{
    return arena_printf(c->arena, "%s%%", c->who->agency_path ? c->who->agency_path : "/");
}
#define AGENCY_IN_SCOPE(col) col " IN (SELECT id FROM agency WHERE path LIKE ?)"

#endif
