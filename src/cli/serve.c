/* serve.c — `landun serve`: run the web server until SIGINT/SIGTERM. */
#include "cli/cli.h"
#include "web/server.h"
#include "web/public_url.h"
#include "web/public_cache.h"
#include "base/log.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

int cmd_serve(struct cli *c)
{
    const char *listen = cli_option(&c->argc, c->argv, "--listen");
    const char *threads = cli_option(&c->argc, c->argv, "--threads");
    bool quiet = cli_flag(&c->argc, c->argv, "--quiet");
    const char *proxy = cli_option(&c->argc, c->argv, "--trusted-proxy");
    const char *audit_key = cli_option(&c->argc, c->argv, "--audit-key");
    const char *public = cli_option(&c->argc, c->argv, "--public-url");
    if (!public) public = getenv("LANDUN_PUBLIC_URL");
    const char *cache_mb = cli_option(&c->argc, c->argv, "--public-cache-mb");
    const char *cache_poll = cli_option(&c->argc, c->argv, "--public-cache-poll-ms");
    struct err e = {0};
    /* the address the 公示牌's QR codes point at (docs/deploy.md) */
    if (public_url_set(public, &e)) return cli_fail(&e);
    struct cli_env env;
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    cli_close(&env);

    /* Block the signals in every thread; the main thread waits for them. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct server_config cfg = {
        .db_url = c->db,
        .listen = listen ? listen : "127.0.0.1:8080",
        .threads = threads ? (unsigned)atoi(threads) : 0,
        .max_body = 32u << 20,
        .timeout = 30,
        .quiet = quiet,
        .trusted_proxy = proxy,
        .audit_key = audit_key,
        .evidence_dir = c->evidence,
        .public_cache_mb = cache_mb ? (unsigned)atoi(cache_mb) : PUBLIC_CACHE_MB,
        .public_cache_poll_ms = cache_poll ? atoi(cache_poll) : PUBLIC_CACHE_POLL_MS};
    struct server *srv;
    if (server_start(&cfg, &srv, &e)) return cli_fail(&e);
    char shown[512];
    log_info("landun serving http://%s (port %u), database %s, evidence files in %s", cfg.listen,
             server_port(srv), cli_db_shown(c->db, shown, sizeof shown), c->evidence);
    int sig = 0;
    sigwait(&set, &sig);
    log_info("signal %d: finishing requests in flight and stopping", sig);
    server_stop(srv);
    log_info("stopped");
    return 0;
}
