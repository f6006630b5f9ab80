/* signer.c — the daily signature of the audit chain's head. */
#include "web/signer.h"
#include "base/clock.h"
#include "base/log.h"
#include "law/auth.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#define SIGNER_PERIOD_S 60 /* how often the thread looks whether today's head is signed */

static pthread_t thread;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static bool running, stopping;
static struct anchor_key key;
static bool have_key;
static const char *url;

const struct anchor_key *signer_key(void)
{
    return have_key ? &key : NULL;
}

/* Sign today's head unless a server already did. */
static void sign_today(struct db *db)
{
    struct arena a = {0};
    struct ctx c = {.db = db, .arena = &a, .who = &actor_system, .now = clock_now()};
    struct err e = {0};
    bool made = false;
    if (anchor_sign(&c, &key, true, &made, &e))
        log_warn("could not sign the audit chain's head: %s", e.msg);
    else if (made)
        log_info("signed the audit chain's head of the day");
    arena_free(&a);
}

static void *loop(void *arg)
{
    (void)arg;
    struct db *db = NULL;
    pthread_mutex_lock(&lock);
    while (!stopping) {
        pthread_mutex_unlock(&lock);
        struct err e = {0};
        if (!db && db_open(url, &db, &e)) {
            log_warn("signer: cannot open the database: %s", e.msg);
            db = NULL;
        }
        if (db) sign_today(db);
        pthread_mutex_lock(&lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += SIGNER_PERIOD_S;
        while (!stopping && pthread_cond_timedwait(&wake, &lock, &until) != ETIMEDOUT) {
        }
    }
    pthread_mutex_unlock(&lock);
    if (db) db_close(db);
    return NULL;
}

int signer_start(const char *db_url, const char *key_path, struct err *e)
{
    int rc = anchor_key_load(key_path, &key, e);
    if (rc) return rc;
    have_key = true;
    url = db_url;
    stopping = false;
    if (pthread_create(&thread, NULL, loop, NULL) != 0)
        return err_set(e, ERR_INTERNAL, "无法启动审计链签署线程");
    running = true;
    return 0;
}

void signer_stop(void)
{
    if (running) {
        pthread_mutex_lock(&lock);
        stopping = true;
        pthread_cond_signal(&wake);
        pthread_mutex_unlock(&lock);
        pthread_join(thread, NULL);
        running = false;
    }
    have_key = false;
    explicit_bzero(&key, sizeof key);
}
