/* auth.h — accounts, roles, sessions, API tokens, and the login rate limit. */
#ifndef LANDUN_AUTH_H
#define LANDUN_AUTH_H

#include <jansson.h>
#include "law/ctx.h"

#define SESSION_IDLE_SECONDS (2 * 3600)  /* idle expiry */
#define SESSION_MAX_SECONDS  (12 * 3600) /* absolute lifetime */
/* The login rate limit. An account is locked for the address that failed (never for everybody:
 * nobody can keep an administrator out from elsewhere): after LOGIN_MAX_FAILURES_USER failures
 * from one address, for LOGIN_WINDOW_SECONDS; each failure after that (one try per lock) doubles
 * the lock, up to LOGIN_LOCK_MAX_SECONDS (failures are kept a day; a success clears them). An
 * address that fails LOGIN_MAX_FAILURES_IP times within the window, whatever the accounts, is
 * locked for the window. The refusal says when it ends. */
#define LOGIN_WINDOW_SECONDS    (15 * 60)  /* failures counted over this window */
#define LOGIN_MAX_FAILURES_USER 5          /* then the account is locked for that address */
#define LOGIN_MAX_FAILURES_IP   30         /* then the address is locked for the window */
#define LOGIN_LOCK_MAX_SECONDS  (8 * 3600) /* the longest lock of an account at an address */
#define SECRET_HEX              64 /* hex characters of a session id, CSRF token, API token */
#define PASSWORD_MIN_LEN        8  /* characters of a password, at the least */

/* A new account. */
struct user_input {
    const char *username;     /* letters, digits, . _ -; 3–32 characters */
    const char *display_name; /* 姓名 */
    const char *password;     /* ≥ 8 characters with a letter and a digit */
    const char *agency_code;  /* the user's agency (in the actor's scope) */
    unsigned roles;           /* bit set 1u << enum role; at least one */
    int64_t officer_id;       /* the officer this account belongs to, or 0 */
    const char *officer_cert; /* … or given by 执法证号 (in scope, no other account), or NULL */
};

int user_add(struct ctx *c, const struct user_input *in, int64_t *id, struct err *e);
/* True for a valid user name: 3–32 letters, digits, '.', '_' or '-'. */
bool auth_username_ok(const char *u);
/* Set the password of the user with this username (or, when username is NULL, this id), who
 * must be in scope; ends the user's sessions. */
int user_set_password(struct ctx *c, const char *username, int64_t user_id, const char *password,
                      struct err *e);
/* Replace the roles of a user in scope. */
int user_set_roles(struct ctx *c, int64_t user_id, unsigned roles, struct err *e);
/* Enable or disable a user in scope; disabling ends the user's sessions and tokens. */
int user_set_active(struct ctx *c, int64_t user_id, bool active, struct err *e);
/* Users in the actor's scope, with roles; JSON array. */
json_t *user_list(struct ctx *c, struct err *e);
/* One user in scope: {id, username, display_name, agency, agency_code, status, active, roles:
 * [labels], role_codes: [codes], officer: {id, name, cert_no} or absent}; NULL + ERR_NOTFOUND. */
json_t *user_get(struct ctx *c, int64_t user_id, struct err *e);
/* Link a user in scope to the 执法人员 record with certificate number cert_no (in scope, not
 * linked to another account), or unlink it when cert_no is blank: the account then acts as that
 * officer (my tasks, the officer ticked on the inspection form). */
int user_link_officer(struct ctx *c, int64_t user_id, const char *cert_no, struct err *e);
/* The actor changes their own password: the current one must be given and right. Other
 * sessions of the account are ended (the one in use, keep_sid — the cookie's value — stays). */
int user_change_own_password(struct ctx *c, const char *current, const char *password,
                             const char *keep_sid, struct err *e);
/* Check a password against the policy; adds a field error to e. */
int password_policy(const char *password, const char *field, struct err *e);

/* Log in: check the rate limit and the password, record the attempt, create a session.
 * Fills sid (cookie value) and csrf (SECRET_HEX+1 bytes each). ERR_UNAUTH for bad credentials,
 * ERR_LOCKED when too many failures. The ctx's actor is ignored. */
int auth_login(struct ctx *c, const char *username, const char *password, const char *ip, char *sid,
               char *csrf, struct err *e);
/* Resolve a session cookie to its user: fills *who (strings on c->arena) and csrf. ERR_UNAUTH
 * when unknown, expired or the user is disabled. Refreshes the idle timer now and then. */
int auth_session(struct ctx *c, const char *sid, struct actor *who, char *csrf, struct err *e);
/* End a session. */
int auth_logout(struct ctx *c, const char *sid, struct err *e);
/* Create an API token for username (in scope); fills token (SECRET_HEX+1 bytes). */
int token_create(struct ctx *c, const char *username, const char *name, char *token, struct err *e);
/* Resolve a bearer token to its user, as auth_session. */
int auth_token(struct ctx *c, const char *token, struct actor *who, struct err *e);
/* Load the user with id as an actor (for the CLI and tests). */
int auth_load_actor(struct ctx *c, int64_t user_id, struct actor *who, struct err *e);

/* The system actor used by the CLI and start-up (sees every agency). */
extern const struct actor actor_system;

#endif
