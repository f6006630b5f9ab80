#!/usr/bin/env python3
"""Check a file of landun's signed audit heads without landun (docs/audit.md).

    python3 audit_heads_verify.py HEADS.jsonl [--public-key HEX] [--older ARCHIVED.jsonl]

Every head's Ed25519 signature is checked with OpenSSL (by --public-key, or by the key the head
names), heads must not go back in time or in rows, and with --older every head of a copy kept
earlier must still be in the file unchanged: an agency cannot quietly re-sign its history.
Whether the audit chain itself matches the heads needs the database: `landun verify audit
--against HEADS.jsonl`. Exit status 0 when all holds, 1 when something does not, 2 on misuse.
"""
import argparse
import base64
import json
import os
import re
import subprocess
import sys
import tempfile

ED25519_SPKI = bytes.fromhex('302a300506032b6570032100')  # DER prefix of an Ed25519 public key
HEX = {'hash': 64, 'public_key': 64, 'signature': 128}


def read_heads(path):
    """The heads of a file as (line number, head) pairs; SystemExit(1) on a line that is not one."""
    heads = []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            try:
                h = json.loads(line)
                ok = (isinstance(h, dict) and isinstance(h.get('last_id'), int) and
                      h['last_id'] >= 0 and isinstance(h.get('at'), int) and
                      all(isinstance(h.get(k), str) and re.fullmatch(f'[0-9a-f]{{{w}}}', h[k])
                          for k, w in HEX.items()))
            except ValueError:
                ok = False
            if not ok:
                sys.exit(f'{path}:{n}: not a signed head')
            heads.append((n, h))
    return heads


def statement(h):
    return (f"landun audit head v1\nlast_id={h['last_id']}\nhash={h['hash']}\n"
            f"at={h['at']}\n").encode()


def signature_ok(h, key_hex, tmp):
    pem = os.path.join(tmp, 'key.pem')
    with open(pem, 'w') as f:
        der = ED25519_SPKI + bytes.fromhex(key_hex)
        f.write('-----BEGIN PUBLIC KEY-----\n' + base64.b64encode(der).decode() +
                '\n-----END PUBLIC KEY-----\n')
    msg, sig = os.path.join(tmp, 'statement'), os.path.join(tmp, 'sig')
    with open(msg, 'wb') as f:
        f.write(statement(h))
    with open(sig, 'wb') as f:
        f.write(bytes.fromhex(h['signature']))
    r = subprocess.run(['openssl', 'pkeyutl', '-verify', '-pubin', '-inkey', pem, '-rawin',
                        '-in', msg, '-sigfile', sig], capture_output=True)
    return r.returncode == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('heads')
    ap.add_argument('--public-key', help='the key the agency published (64 hex digits)')
    ap.add_argument('--older', help='a copy of the heads file kept earlier')
    a = ap.parse_args()
    if a.public_key and not re.fullmatch('[0-9a-f]{64}', a.public_key):
        ap.error('--public-key: 64 lower-case hex digits')
    heads = read_heads(a.heads)
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, h in heads:
            if not signature_ok(h, a.public_key or h['public_key'], tmp):
                problems.append(f'line {n}: the signature does not verify'
                                + (' with the given key' if a.public_key else ''))
    for (n0, h0), (n1, h1) in zip(heads, heads[1:]):
        if h1['at'] < h0['at'] or h1['last_id'] < h0['last_id']:
            problems.append(f'line {n1}: goes back (row {h1["last_id"]} at {h1["at"]} after '
                            f'row {h0["last_id"]} at {h0["at"]})')
        elif h1['last_id'] == h0['last_id'] and h1['hash'] != h0['hash']:
            problems.append(f'line {n1}: row {h1["last_id"]} has another hash than on line {n0}')
    if a.older:
        now = {json.dumps(h, sort_keys=True) for _, h in heads}
        for n, h in read_heads(a.older):
            if json.dumps(h, sort_keys=True) not in now:
                problems.append(f'{a.older}:{n}: the head of row {h["last_id"]} is missing or '
                                'changed')
    keys = sorted({h['public_key'] for _, h in heads})
    print(f'{len(heads)} heads; signed by {", ".join(keys) if keys else "-"}')
    for p in problems:
        print('DIFFERS: ' + p)
    if not problems:
        print('all signatures verify' + (' with the given key' if a.public_key else '') +
              (f'; every head of {a.older} is still there' if a.older else ''))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
