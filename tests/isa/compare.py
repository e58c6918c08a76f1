#!/usr/bin/env python3
"""Compare the outputs of the generated ISA test program (see gen.py).

    compare.py --meta CASES.json --ref REF.out --label TEXT
               [--show N] NAME=OUTPUT:STATUS [NAME=OUTPUT:STATUS...]

REF.out is the reference (QEMU) output; each NAME=OUTPUT:STATUS names one
run under test with its output file and exit status.  A case passes when
every run printed the same line as the reference.  For the first N failing
cases (default 1) prints the instructions, inputs and differences, then a
table of the mnemonics that occur in failing cases, and last the line
`isa: N passed, M failed` (counting cases).  Exits 1 if any case failed.
"""
import argparse
import json
import re
import sys
from collections import Counter

SCRATCH = 256
HALF = 128
REGS = ['x%d' % i for i in range(31)]


def parse_line(line):
    f = line.split()
    if len(f) != 34:
        return None
    mem = {}
    if f[33] != '-':
        for item in f[33].split(','):
            o, v = item.split('=')
            mem[int(o, 16)] = int(v, 16)
    return {'case': int(f[0], 16), 'regs': [int(x, 16) for x in f[1:32]], 'nzcv': int(f[32], 16), 'mem': mem}


def read_lines(path):
    try:
        with open(path, errors='replace') as fh:
            return fh.read().splitlines()
    except OSError:
        return []


def flags(n):
    return ''.join(c if n & (8 >> i) else c.lower() for i, c in enumerate('NZCV'))


def mnemonics(insns):
    out = set()
    for i in insns:
        if i.endswith(':'):
            continue
        out.add(i.split()[0])
    return out


def describe(meta, name, exp_line, got_line, status, label):
    print('isa: %s: case %d differs under %s' % (label, meta['case'], name))
    print('  instructions:')
    for i in meta['insns']:
        print('      %s' % i if not i.endswith(':') else '    %s' % i)
    for lab, v in meta.get('pool', []):
        print('    %s: .quad 0x%s' % (lab, v))
    regs = meta['regs']
    print('  inputs (x28 = scratch+128, not listed):')
    cells = ['%s=%s' % (REGS[i], regs[i]) for i in range(31) if i != 28]
    for i in range(0, len(cells), 4):
        print('      ' + '  '.join(cells[i:i + 4]))
    print('      nzcv=%s' % flags(meta['nzcv']))
    buf = bytes.fromhex(meta['buf'])
    print('  scratch buffer (offsets from x28):')
    for i in range(0, SCRATCH, 32):
        print('      %+5d: %s' % (i - HALF, buf[i:i + 32].hex()))
    exp = parse_line(exp_line) if exp_line is not None else None
    got = parse_line(got_line) if got_line is not None else None
    if got is None:
        print('  %s printed %s for this case (exit status %s)' %
              (name, 'nothing' if got_line is None else 'a malformed line: %r' % got_line[:200], status))
        return
    if exp is None:
        print('  the reference printed nothing for this case')
        return
    print('  differences (expected = reference, got = %s):' % name)
    for i in range(31):
        if exp['regs'][i] != got['regs'][i]:
            print('      %-4s expected %016x  got %016x' % (REGS[i], exp['regs'][i], got['regs'][i]))
    if exp['nzcv'] != got['nzcv']:
        print('      nzcv expected %s  got %s' % (flags(exp['nzcv']), flags(got['nzcv'])))
    for off in range(SCRATCH):
        e = exp['mem'].get(off, buf[off])
        g = got['mem'].get(off, buf[off])
        if e != g:
            print('      [x28%+d] expected %02x  got %02x  (initial %02x)' % (off - HALF, e, g, buf[off]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--meta', required=True)
    ap.add_argument('--ref', required=True)
    ap.add_argument('--label', default='')
    ap.add_argument('--show', type=int, default=1)
    ap.add_argument('runs', nargs='+')
    a = ap.parse_args()

    with open(a.meta) as fh:
        metas = [json.loads(line) for line in fh]
    ref = read_lines(a.ref)
    if len(ref) != len(metas):
        print('isa: %s: the reference printed %d of %d cases; not comparing' % (a.label, len(ref), len(metas)))
        if len(ref) < len(metas):
            print('isa: a generator bug? the instructions of case %d, where it stopped:' % len(ref))
            for i in metas[len(ref)]['insns']:
                print('      %s' % i)
        print('isa: 0 passed, %d failed' % len(metas))
        return 1
    runs = []
    for spec in a.runs:
        m = re.match(r'^([^=]+)=(.*):(-?\d+)$', spec)
        if not m:
            sys.exit('compare.py: bad run %r' % spec)
        runs.append((m.group(1), read_lines(m.group(2)), m.group(3)))

    failed = []
    shown = 0
    bad_mn = Counter()
    all_mn = Counter()
    for k, meta in enumerate(metas):
        mn = mnemonics(meta['insns'])
        all_mn.update(mn)
        bad = False
        for name, lines, status in runs:
            got = lines[k] if k < len(lines) else None
            if got != ref[k]:
                bad = True
                # a run that printed nothing at all is reported by its status line only
                if shown < a.show and lines:
                    describe(meta, name, ref[k], got, status, a.label)
                    shown += 1
        if bad:
            failed.append(k)
            bad_mn.update(mn)
    for name, lines, status in runs:
        if status != '0' or len(lines) < len(metas):
            print('isa: %s: %s exited with status %s after printing %d of %d cases' %
                  (a.label, name, status, len(lines), len(metas)))
    if failed and len(failed) < len(metas):
        print('isa: %s: failing cases: %s%s' % (a.label, ' '.join(str(k) for k in failed[:40]),
                                                 ' ...' if len(failed) > 40 else ''))
        print('isa: %s: mnemonics by share of failing cases (failing/total):' % a.label)
        rows = sorted(bad_mn, key=lambda m: (-bad_mn[m] / all_mn[m], -bad_mn[m], m))
        print('      ' + '  '.join('%s %d/%d' % (m, bad_mn[m], all_mn[m]) for m in rows[:30]))
    print('isa: %d passed, %d failed' % (len(metas) - len(failed), len(failed)))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
