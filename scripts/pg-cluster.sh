#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite.
#
#   scripts/pg-cluster.sh start DIR   initdb into DIR, start on 127.0.0.1, print the base URL
#   scripts/pg-cluster.sh stop DIR    stop the cluster and remove DIR
#   scripts/pg-cluster.sh keep DIR    start the cluster in DIR, creating it only when DIR has none
#                                     (the benchmarks keep their loaded database between runs)
#   scripts/pg-cluster.sh halt DIR    stop the cluster in DIR and keep its files
# PGCLUSTER_OPTS adds server options (e.g. "-c shared_buffers=256MB").
#
# The cluster trusts every local connection, listens only on loopback (a free port, retried when
# taken) with its socket inside DIR, and trades durability for speed: it lives for one test run.
# A DIR left by a run that crashed is stopped and wiped before a new start.
set -euo pipefail

cmd="${1:-}"
dir="${2:-}"
if [ -z "$dir" ] || ! [[ "$cmd" =~ ^(start|stop|keep|halt)$ ]]; then
    echo "usage: $0 start|stop|keep|halt DIR" >&2
    exit 2
fi
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac

# The Debian packages keep the server programs out of PATH, under /usr/lib/postgresql/VERSION;
# take the newest, then fall back to PATH (other systems).
bindir=""
for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then bindir="$d"; break; fi
done
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then
    bindir="$(dirname "$(command -v initdb)")"
fi
if [ -z "$bindir" ]; then
    echo "pg-cluster: no PostgreSQL server programs (initdb, pg_ctl); run scripts/deps.sh test" >&2
    exit 1
fi

# PostgreSQL refuses to run as root: then the cluster belongs to the packaged postgres user.
owner=""
if [ "$(id -u)" = 0 ]; then
    owner=postgres
    getent passwd "$owner" >/dev/null || owner=nobody
fi
as_owner() {
    # from /: the owner may not be allowed into the directory we were started in
    if [ -n "$owner" ]; then (cd / && runuser -u "$owner" -- "$@"); else "$@"; fi
}

# Stop whatever runs in DIR (also a postmaster orphaned by a crashed run) and remove DIR.
stop_cluster() {
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" stop -D "$dir/data" -m immediate -s >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

halt_cluster() {
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" stop -D "$dir/data" -m fast -s >/dev/null 2>&1 || true
    fi
}

# A port nobody listens on now; the start retries when it is taken meanwhile.
pick_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

init_cluster() {
    mkdir -p "$dir/sock"
    [ -z "$owner" ] || chown -R "$owner" "$dir"
    chmod 700 "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U landun -E UTF8 --locale=C.UTF-8 -A trust \
        --no-sync >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        return 1
    }
    # Test data is disposable: no fsync, no full-page images, no waiting for the WAL; enough
    # connections for parallel test binaries (each holds a maintenance and a test connection,
    # the socket tests a pool).
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/sock'
max_connections = 200
shared_buffers = 64MB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 2GB
checkpoint_timeout = 1h
autovacuum = off
jit = off
max_parallel_workers_per_gather = 0
log_min_messages = warning
log_min_error_statement = panic
EOF
}

start_cluster() {
    for attempt in 1 2 3 4 5 6 7 8; do
        port="$(pick_port)"
        rm -f "$dir/server.log"
        if as_owner "$bindir/pg_ctl" start -D "$dir/data" -w -t 60 -s -l "$dir/server.log" \
            -o "-p $port ${PGCLUSTER_OPTS:-}" >/dev/null 2>&1; then
            echo "postgresql://landun@127.0.0.1:$port/" >"$dir/url"
            cat "$dir/url"
            return 0
        fi
        # Retry only when another process took the port between pick and bind.
        grep -q 'could not bind\|Address already in use' "$dir/server.log" 2>/dev/null || break
        echo "pg-cluster: port $port taken (attempt $attempt), retrying" >&2
    done
    echo "pg-cluster: the server did not start; its log:" >&2
    cat "$dir/server.log" >&2 2>/dev/null || true
    return 1
}

case "$cmd" in
start)
    stop_cluster
    init_cluster || { stop_cluster; exit 1; }
    start_cluster || { stop_cluster; exit 1; }
    ;;
stop)
    stop_cluster
    ;;
keep)
    if [ -f "$dir/data/PG_VERSION" ]; then
        halt_cluster
        start_cluster
    else
        stop_cluster
        init_cluster || { stop_cluster; exit 1; }
        start_cluster || exit 1
    fi
    ;;
halt)
    halt_cluster
    ;;
esac
