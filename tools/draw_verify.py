#!/usr/bin/env python3
"""Recompute a landun random draw (双随机抽取) from its published snapshot and seed.

An independent re-implementation of docs/draw.md in plain Python (hashlib and a ChaCha20 of our
own, RFC 8439), sharing no code with the C program, so that anyone can check a draw.

usage:
  draw_verify.py SNAPSHOT.txt (--seed-file SEED.txt | --seed SEED)
                 (--count K | --ratio 5% [--grade A=3% ...]) [--commitment HEX] [--expect ID,ID,...]
  draw_verify.py --self-test

SNAPSHOT.txt is the file published at /public/draws/{id}/snapshot.txt and SEED.txt the seed
exactly as drawn, from /public/draws/{id}/seed.txt (safer than typing it: any spaces, tabs, quotes
or other characters it holds are read as they are); the count or the ratios and the commitment
are shown on the same page. The program prints the commitment it
computes, then one line per drawn entity: task number, stratum, id and name. With --commitment
or --expect it also says whether they match and exits 1 when they do not.
"""
import argparse
import hashlib
import re
import struct
import sys

DOMAIN = b'landun-draw-v1'
STRATA = 'ABCD-'
FULL = 10000  # ratios are in basis points


# ---- ChaCha20 (RFC 8439) ---------------------------------------------------------------------

def _rotl(v, c):
    return ((v << c) & 0xffffffff) | (v >> (32 - c))


def _quarter(s, a, b, c, d):
    s[a] = (s[a] + s[b]) & 0xffffffff
    s[d] = _rotl(s[d] ^ s[a], 16)
    s[c] = (s[c] + s[d]) & 0xffffffff
    s[b] = _rotl(s[b] ^ s[c], 12)
    s[a] = (s[a] + s[b]) & 0xffffffff
    s[d] = _rotl(s[d] ^ s[a], 8)
    s[c] = (s[c] + s[d]) & 0xffffffff
    s[b] = _rotl(s[b] ^ s[c], 7)


def chacha20_block(key, counter, nonce):
    """The 64-byte keystream block number counter (RFC 8439 §2.3)."""
    init = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]
    init += list(struct.unpack('<8I', key))
    init += [counter & 0xffffffff]
    init += list(struct.unpack('<3I', nonce))
    s = list(init)
    for _ in range(10):
        _quarter(s, 0, 4, 8, 12)
        _quarter(s, 1, 5, 9, 13)
        _quarter(s, 2, 6, 10, 14)
        _quarter(s, 3, 7, 11, 15)
        _quarter(s, 0, 5, 10, 15)
        _quarter(s, 1, 6, 11, 12)
        _quarter(s, 2, 7, 8, 13)
        _quarter(s, 3, 4, 9, 14)
    return struct.pack('<16I', *[(s[i] + init[i]) & 0xffffffff for i in range(16)])


class Stream:
    """The keystream of one purpose, read as little-endian 64-bit words."""

    def __init__(self, key, purpose):
        self.key = key
        self.nonce = hashlib.sha256(purpose.encode('ascii')).digest()[:12]
        self.counter = 0
        self.buf = b''
        self.pos = 0

    def u64(self):
        if self.pos + 8 > len(self.buf):
            self.buf = chacha20_block(self.key, self.counter, self.nonce)
            self.counter += 1
            self.pos = 0
        (x,) = struct.unpack_from('<Q', self.buf, self.pos)
        self.pos += 8
        return x

    def uniform(self, n):
        """An integer in [0, n): words below 2^64 - (2^64 mod n), reduced mod n."""
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            x = self.u64()
            if x < limit:
                return x % n


# §3: the white space trimmed from both ends of a seed, and nothing else changes
SEED_SPACE = ' \t\n\v\f\r\u3000'


def seed_text(seed):
    """The seed as the draw uses it: trimmed at both ends, no Unicode normalisation."""
    return seed.strip(SEED_SPACE)


def draw_key(seed):
    return hashlib.sha256(DOMAIN + b'\x00' + seed_text(seed).encode('utf-8')).digest()


def select(stream, n, k):
    """Partial Fisher-Yates: k of the positions 0..n-1, in draw order."""
    a = list(range(n))
    out = []
    for i in range(k):
        j = i + stream.uniform(n - i)
        a[i], a[j] = a[j], a[i]
        out.append(a[i])
    return out


# ---- the snapshot and the quota --------------------------------------------------------------

def parse_snapshot(data):
    """[(id, name, grade or None)] from the snapshot's bytes; raises ValueError when it is not
    canonical."""
    text = data.decode('utf-8')
    if text and not text.endswith('\n'):
        raise ValueError('the last line has no newline')
    pool, width, last = [], None, 0
    for no, line in enumerate(text.split('\n')[:-1], 1):
        parts = line.split('\t')
        if width is None:
            width = len(parts)
        if len(parts) != width or width not in (2, 3):
            raise ValueError('line %d: expected id<TAB>name[<TAB>grade]' % no)
        ident = parts[0]
        if not ident.isdigit() or ident.startswith('0') or int(ident) <= last:
            raise ValueError('line %d: ids must be ascending positive integers' % no)
        last = int(ident)
        grade = parts[2] if width == 3 else None
        if grade is not None and (len(grade) != 1 or grade not in STRATA):
            raise ValueError('line %d: bad grade %r' % (no, grade))
        pool.append((last, parts[1], grade))
    return pool


def parse_ratio(text):
    """'5', '5%', '5.5%' or '5.25%' (§7: at most two decimals; more is refused, never rounded),
    or '525bp' -> basis points."""
    m = re.fullmatch(r' *(?:(\d+)bp|(\d+)(?:\.(\d{1,2}))?%?) *', text)
    if not m:
        raise ValueError('ratio %r: a percentage with at most two decimals, e.g. 5.25%%' % text)
    if m.group(1):
        return int(m.group(1))
    return int(m.group(2)) * 100 + int((m.group(3) or '0').ljust(2, '0'))


def quota(n, count, ratio_bp):
    if count is not None:
        return min(count, n)
    if ratio_bp <= 0:
        return 0
    if ratio_bp >= FULL:
        return n
    return (n * ratio_bp + FULL - 1) // FULL


def draw(pool, seed, count=None, ratio_bp=None, grades=None):
    """[(task number, stratum or None, id, name)] in task order."""
    key = draw_key(seed)
    stratified = bool(pool) and pool[0][2] is not None
    out = []
    strata = list(STRATA) if stratified else [None]
    for code in strata:
        members = [p for p in pool if p[2] == code]
        bp = ratio_bp
        if code is not None and grades and code in grades:
            bp = grades[code]
        k = quota(len(members), count, bp)
        if k == 0:
            continue
        stream = Stream(key, 'entities:' + code if code else 'entities')
        for pos in select(stream, len(members), k):
            ident, name, _ = members[pos]
            out.append((len(out) + 1, code, ident, name))
    return out


def self_test():
    # RFC 8439 §2.3.2: the block function test vector
    key = bytes(range(32))
    nonce = bytes.fromhex('000000090000004a00000000')
    block = chacha20_block(key, 1, nonce)
    want = ('10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e'
            'd2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e')
    assert block.hex() == want, block.hex()
    # uniform() never returns n or more and rejects the top of the range
    s = Stream(draw_key('x'), 'entities')
    assert all(0 <= s.uniform(7) < 7 for _ in range(1000))
    print('self-test passed')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('snapshot', nargs='?')
    ap.add_argument('--seed')
    ap.add_argument('--seed-file',
                    help='the seed: the whole file, UTF-8 (white space at its ends trimmed, §3)')
    ap.add_argument('--count', type=int)
    ap.add_argument('--ratio', help='e.g. 5%%')
    ap.add_argument('--grade', action='append', default=[], help='e.g. A=3%% (per risk grade)')
    ap.add_argument('--commitment', help='the published SHA-256 of the snapshot')
    ap.add_argument('--expect', help='comma-separated ids of the published selection')
    ap.add_argument('--self-test', action='store_true')
    a = ap.parse_args()
    if a.self_test:
        self_test()
        return 0
    if a.seed_file is not None:
        if a.seed is not None:
            ap.error('give --seed or --seed-file, not both')
        with open(a.seed_file, 'rb') as f:
            a.seed = f.read().decode('utf-8')
    if not a.snapshot or a.seed is None or (a.count is None and a.ratio is None):
        ap.error('SNAPSHOT, --seed-file (or --seed) and --count or --ratio are required')
    with open(a.snapshot, 'rb') as f:
        data = f.read()
    digest = hashlib.sha256(data).hexdigest()
    print('commitment %s' % digest)
    ok = True
    if a.commitment is not None:
        same = a.commitment.strip().lower() == digest
        print('commitment %s' % ('matches' if same else 'DIFFERS from ' + a.commitment))
        ok = ok and same
    pool = parse_snapshot(data)
    if a.count is not None and pool and pool[0][2] is not None:
        ap.error('§7: a count is not combined with risk grades; this snapshot has grades, '
                 'so its plan draws by ratio (--ratio, --grade)')
    grades = {}
    for g in a.grade:
        code, _, r = g.partition('=')
        grades[code] = parse_ratio(r)
    picks = draw(pool, a.seed, a.count, parse_ratio(a.ratio) if a.ratio else None, grades)
    for no, code, ident, name in picks:
        print('%d\t%s\t%d\t%s' % (no, code or '', ident, name))
    if a.expect is not None:
        want = [int(x) for x in a.expect.split(',') if x.strip()]
        got = [p[2] for p in picks]
        print('selection %s' % ('matches' if want == got else 'DIFFERS'))
        ok = ok and want == got
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
