#!/usr/bin/env python3
"""Run every test the build registered, two at a time, and print one summary line.

usage: run.py BUILD_DIR
Each test binary is a cmocka suite (its "[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)"
lines are counted case by case) or a plain program (one case: passed when it exits 0).
Output of failing tests is shown in full; the last line is "tests: N passed, M failed".
"""
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time


def run(test):
    env = dict(os.environ)
    env.update(test.get('env') or {})
    start = time.time()
    try:
        p = subprocess.run(test['cmd'], cwd=test.get('workdir') or None, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=test.get('timeout') or 600)
        out, rc = p.stdout.decode('utf-8', 'replace'), p.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = (e.stdout or b'').decode('utf-8', 'replace') + '\nTIMEOUT', -1
    passed = sum(int(n) for n in re.findall(r'\[  PASSED  \] (\d+) test', out))
    failed = sum(int(n) for n in re.findall(r'\[  FAILED  \] (\d+) test', out))
    cmocka = '[==========]' in out
    if not cmocka:
        passed, failed = (1, 0) if rc == 0 else (0, 1)
    elif rc != 0 and failed == 0:
        failed = 1  # crashed (sanitizer) mid-suite
    return test['name'], passed, failed, rc, out, time.time() - start


def main():
    build = sys.argv[1]
    tests = json.loads(subprocess.check_output(['meson', 'introspect', '--tests', build]))
    total_p = total_f = 0
    jobs = int(os.environ.get('TEST_JOBS', '2'))
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for name, p, f, rc, out, secs in pool.map(run, tests):
            total_p += p
            total_f += f
            mark = 'ok  ' if f == 0 else 'FAIL'
            print(f'{mark} {name:<28} {p:4d} passed {f:3d} failed {secs:6.1f}s', flush=True)
            if f:
                print(out)
    print(f'tests: {total_p} passed, {total_f} failed')
    return 1 if total_f or not total_p else 0


sys.exit(main())
