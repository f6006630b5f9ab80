#!/usr/bin/env python3
"""Run every test the build registered, two at a time, and print one summary line.

The whole suite (but the fuzzers) runs a second time on each of a few other days (other_dates:
the year end, a leap day, 春节), with LANDUN_NOW starting the programs' clock there.

usage: run.py BUILD_DIR
Each test binary is a cmocka suite (its "[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)"
lines are counted case by case) or a plain program (one case: passed when it exits 0).

Tests in the meson suite 'db' use the harness database and run twice: on SQLite, and on
PostgreSQL (reported as "name [pg]"). For the second run this script starts a throwaway cluster
(scripts/pg-cluster.sh: initdb into a temporary directory, loopback port), passes its base URL in
LANDUN_TEST_PG with LANDUN_TEST_BACKEND=postgres, and removes the cluster at the end. When the
cluster cannot start (PostgreSQL not installed) every [pg] run fails, unless LANDUN_TEST_NO_PG=1
asks for SQLite only.

Output of failing tests is shown in full; the last line is "tests: N passed, M failed", with the
counts per backend before it.
"""
import concurrent.futures
import fcntl
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time

SRCDIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLUSTER = os.path.join(SRCDIR, 'scripts', 'pg-cluster.sh')


def run(test):
    env = dict(os.environ)
    env.update(test.get('env') or {})
    env.update(test.get('extra_env') or {})
    start = time.time()
    if test.get('cannot_run'):
        return test, 0, 1, -1, test['cannot_run'], 0.0
    try:
        p = subprocess.run(test['cmd'], cwd=test.get('workdir') or None, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=test.get('timeout') or 600)
        out, rc = p.stdout.decode('utf-8', 'replace'), p.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = (e.stdout or b'').decode('utf-8', 'replace') + '\nTIMEOUT', -1
    passed = sum(int(n) for n in re.findall(r'\[  PASSED  \] (\d+) test', out))
    failed = sum(int(n) for n in re.findall(r'\[  FAILED  \] (\d+) test', out))
    test['skipped'] = sum(int(n) for n in re.findall(r'\[  SKIPPED \] (\d+) test', out))
    cmocka = '[==========]' in out
    if not cmocka:
        passed, failed = (1, 0) if rc == 0 else (0, 1)
    elif rc != 0 and failed == 0:
        failed = 1  # crashed (sanitizer) mid-suite
    return test, passed, failed, rc, out, time.time() - start


def is_db_test(test):
    # meson reports suites as "project:suite" (or "suite" for the main project)
    return any(s.split(':')[-1] == 'db' for s in test.get('suite') or [])


def cluster_dir(build):
    """One fixed directory per build tree, so a run that crashed leaves nothing the next run
    does not clean up (the script wipes it before starting). Under /tmp: the cluster's owner
    (postgres, when we are root) must be able to reach it."""
    key = hashlib.sha1(os.path.abspath(build).encode()).hexdigest()[:10]
    return f'/tmp/landun-pg-{os.getuid()}-{key}'


def lock_cluster(build):
    """Hold the cluster directory for this run: a second run of the same build tree would wipe
    the first one's cluster. The lock goes with the process, however it ends."""
    f = open(cluster_dir(build) + '.lock', 'w')
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print('waiting for another test run of this build tree to end', flush=True)
        fcntl.flock(f, fcntl.LOCK_EX)
    return f


def start_cluster(build):
    """Start the cluster; returns (base URL, None) or (None, why it failed)."""
    p = subprocess.run([CLUSTER, 'start', cluster_dir(build)], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        return None, p.stderr.decode('utf-8', 'replace') + p.stdout.decode('utf-8', 'replace')
    return p.stdout.decode().strip().splitlines()[-1], None


def stop_cluster(build):
    subprocess.run([CLUSTER, 'stop', cluster_dir(build)])


def other_dates():
    """The days the suite runs on again (LANDUN_NOW), so that no test passes only on the day it
    was written: the last week of the last year whose holiday notice is shipped, 29 February of
    the next leap year, and 正月初一 of the year after the last shipped one (counted
    provisionally). LANDUN_TEST_DATES overrides them (comma-separated instants; empty: none)."""
    if 'LANDUN_TEST_DATES' in os.environ:
        return [d for d in os.environ['LANDUN_TEST_DATES'].split(',') if d]
    holidays = os.path.join(SRCDIR, 'data', 'holidays')
    last = max(int(f[:4]) for f in os.listdir(holidays) if re.fullmatch(r'\d{4}\.json', f))
    leap = next(y for y in range(last + 1, last + 9) if y % 4 == 0 and (y % 100 or y % 400 == 0))
    with open(os.path.join(holidays, 'movable.tsv'), encoding='utf-8') as f:
        chunjie = next(l.split('\t')[1] for l in f if l.startswith(f'{last + 1}\t'))
    return [f'{last}-12-28T10:00:00+08:00', f'{leap}-02-29T10:00:00+08:00',
            f'{chunjie}T10:00:00+08:00']


def on_date(run, date):
    """run again with the clock starting on date; the browser test only on SQLite (it takes a
    minute, and the engines' part of it is proved by the other runs)."""
    if run['name'].startswith('fuzz_') or (run['name'].startswith('e2e_browser') and
                                          run['backend'] == 'postgres'):
        return None
    env = dict(run.get('extra_env') or {}, LANDUN_NOW=date)
    return dict(run, name=f'{run["name"]} @{date[:10]}', extra_env=env, date=date[:10])


def plan(tests, pg_url, pg_error):
    """The runs: every test once, the db tests again on PostgreSQL, and then all of them (but the
    fuzzers) on other dates. The [pg] runs go first because they are the longest, so the two
    workers end together."""
    runs = []
    for t in tests:
        t['backend'] = 'sqlite' if is_db_test(t) else 'none'
        if not is_db_test(t) or os.environ.get('LANDUN_TEST_NO_PG') == '1':
            continue
        pg = dict(t, name=t['name'] + ' [pg]', backend='postgres')
        if pg_url:
            pg['extra_env'] = {'LANDUN_TEST_BACKEND': 'postgres', 'LANDUN_TEST_PG': pg_url}
        else:
            pg['cannot_run'] = ('PostgreSQL test cluster did not start (set LANDUN_TEST_NO_PG=1 '
                                'to test on SQLite only):\n' + pg_error)
        runs.append(pg)
    runs += tests
    dated = [on_date(r, d) for d in other_dates() for r in runs]
    return runs + [r for r in dated if r]


def main():
    build = sys.argv[1]
    tests = json.loads(subprocess.check_output(['meson', 'introspect', '--tests', build]))
    # LANDUN_TEST_ONLY=unit_anchor,http_audit: only these tests (while working on them)
    only = [n for n in os.environ.get('LANDUN_TEST_ONLY', '').split(',') if n]
    if only:
        tests = [t for t in tests if t['name'] in only]
    want_pg = os.environ.get('LANDUN_TEST_NO_PG') != '1' and any(map(is_db_test, tests))
    # SIGTERM (CI cancelling the job) should still remove the cluster in the finally below
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    pg_url = pg_error = None
    lock = lock_cluster(build) if want_pg else None
    try:
        if want_pg:
            pg_url, pg_error = start_cluster(build)
            if pg_url:
                print(f'PostgreSQL test cluster at {pg_url}', flush=True)
            else:
                print('FAIL PostgreSQL test cluster did not start:\n' + pg_error, flush=True)
        return report(plan(tests, pg_url, pg_error))
    finally:
        if want_pg:
            stop_cluster(build)
            lock.close()


# Lines of a failing test's output that say what failed: cmocka's failed checks, sanitizer
# reports, a timeout.
FAILURE_LINE = re.compile(r'\[  (ERROR|FAILED) +\]|: error:|Failure!|ERROR: \w+Sanitizer|'
                          r'runtime error:|^TIMEOUT$')


def recap(failures):
    """What failed, once more at the very end: a log cut to its last lines still shows it."""
    if not failures:
        return
    print('failed:')
    for name, out in failures:
        lines = [l for l in out.splitlines() if FAILURE_LINE.search(l)]
        print(f'  {name}')
        for l in lines[:12] or ['(no failure line in the output; see it above)']:
            print(f'    {l}')


def report(runs):
    totals = {'none': [0, 0], 'sqlite': [0, 0], 'postgres': [0, 0]}
    dates = {}
    failures = []
    jobs = int(os.environ.get('TEST_JOBS', '2'))
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for test, p, f, rc, out, secs in pool.map(run, runs):
            totals[test['backend']][0] += p
            totals[test['backend']][1] += f
            if test.get('date'):
                dates.setdefault(test['date'], [0, 0])
                dates[test['date']][0] += p
                dates[test['date']][1] += f
            mark = 'ok  ' if f == 0 else 'FAIL'
            skipped = f' ({test["skipped"]} skipped)' if test.get('skipped') else ''
            print(f'{mark} {test["name"]:<34} {p:4d} passed {f:3d} failed {secs:6.1f}s{skipped}',
                  flush=True)
            if f:
                print(out)
                failures.append((test['name'], out))
    recap(failures)
    labels = {'none': 'without a database', 'sqlite': 'on SQLite', 'postgres': 'on PostgreSQL'}
    for backend, (p, f) in totals.items():
        if p or f:
            print(f'  {labels[backend]}: {p} passed, {f} failed')
    for date, (p, f) in sorted(dates.items()):
        print(f'  of which on {date}: {p} passed, {f} failed')
    total_p = sum(p for p, _ in totals.values())
    total_f = sum(f for _, f in totals.values())
    print(f'tests: {total_p} passed, {total_f} failed')
    return 1 if total_f or not total_p else 0


sys.exit(main())
