#!/usr/bin/env python3
"""Generate a random differential test program for the A64 integer ISA.

    gen.py --cases N --seed S --march armv8-a|armv8.1-a -o OUT.S [--meta OUT.json]
           [--insns 'INSN; INSN...']

With --insns every case runs the given instructions (on fresh random inputs)
instead of random ones: to look at one instruction that a run found wrong.

Each test case loads X0-X27, X29 and X30 from a table of random and edge
values, sets NZCV, fills a 256-byte scratch buffer with random bytes and
points X28 at its middle (so that negative offsets stay inside), runs 1-8
instruction groups drawn from the templates below, then stores X0-X30 and
NZCV and reports them with the changed scratch bytes (tests/isa/support.c
prints the line).  The same seed always gives the same program.

The metadata file holds one JSON object per line and per case: the
instructions as assembly text and the inputs, for the report of run.sh.

Rules the templates keep so that every case is architecturally defined:
random destinations are X0-X27 (or XZR where the encoding allows it); X28
is only written by writeback forms, each followed by the instruction that
points it back; SP is only written by the controlled add/sub pair; every
memory address stays inside the scratch buffer, aligned where the
instruction requires it; no UNPREDICTABLE register overlaps (writeback base
equal to the transfer register, LDP with Rt1 == Rt2, STXR status equal to
the data or base register...).
"""
import argparse
import json
import random
import sys

SCRATCH = 256
HALF = SCRATCH // 2          # X28 points at scratch + HALF
MASK64 = (1 << 64) - 1

CONDS = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc',
         'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv']
CONDS14 = CONDS[:14]

EDGES = [0, 1, MASK64, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
         1 << 63, (1 << 63) - 1, 0x7fff, 0x8000, 0xffff, 0x7f, 0x80, 0xff,
         31, 32, 63, 64, 0xffffffff80000000, 0x00000000ffff0000]
HALVES = [0, 1, 0xffffffff, 0x80000000, 0x7fffffff, 0xfffffffe]


class CaseGen:
    """Builds the instruction lines of one test case."""

    def __init__(self, rng, march, k):
        self.r = rng
        self.lse = march == 'armv8.1-a'
        self.k = k
        self.labels = 0
        self.pool = []          # (label, 64-bit value) literals of this case

    # ---- register and value helpers ----
    def label(self):
        self.labels += 1
        return 'L%d_%d' % (self.k, self.labels)

    @staticmethod
    def reg(n, sf):
        if n == 31:
            return 'xzr' if sf else 'wzr'
        return ('x%d' if sf else 'w%d') % n

    def dst(self, zr=True, avoid=()):
        """A random destination: X0-X27, sometimes XZR where legal."""
        if zr and self.r.random() < 0.04:
            return 31
        while True:
            n = self.r.randrange(28)
            if n not in avoid:
                return n

    def src(self, zr=True):
        """A random source: X0-X30 (X28 is the scratch pointer), or XZR."""
        if zr and self.r.random() < 0.07:
            return 31
        return self.r.randrange(31)

    def sf(self):
        return self.r.random() < 0.55

    def bits(self, sf):
        return 64 if sf else 32

    def bitmask(self, sf):
        """A valid logical immediate, built from element size, run of ones and rotation."""
        sizes = [2, 4, 8, 16, 32] + ([64] if sf else [])
        e = self.r.choice(sizes)
        ones = self.r.randint(1, e - 1)
        rot = self.r.randrange(e)
        emask = (1 << e) - 1
        pat = (1 << ones) - 1
        pat = ((pat >> rot) | (pat << (e - rot))) & emask
        v = 0
        for i in range(self.bits(sf) // e):
            v |= pat << (i * e)
        return v

    # ---- data processing (immediate) ----
    def t_addsub_imm(self):
        sf = self.sf()
        op = self.r.choice(['add', 'adds', 'sub', 'subs', 'cmp', 'cmn'])
        rn = ('sp' if sf else 'wsp') if self.r.random() < 0.1 else self.reg(self.src(zr=False), sf)
        imm = self.r.choice([self.r.randrange(4096), self.r.randrange(16), 4095])
        sh = ', lsl #12' if self.r.random() < 0.3 else ''
        if op in ('cmp', 'cmn'):
            return ['%s %s, #%d%s' % (op, rn, imm, sh)]
        rd = self.reg(self.dst(zr=op.endswith('s')), sf)
        return ['%s %s, %s, #%d%s' % (op, rd, rn, imm, sh)]

    def t_logic_imm(self):
        sf = self.sf()
        op = self.r.choice(['and', 'orr', 'eor', 'ands', 'tst', 'mov'])
        imm = self.bitmask(sf)
        if op == 'tst':
            return ['tst %s, #0x%x' % (self.reg(self.src(), sf), imm)]
        if op == 'mov':
            return ['orr %s, %s, #0x%x' % (self.reg(self.dst(zr=False), sf), self.reg(31, sf), imm)]
        rd = self.reg(self.dst(zr=(op == 'ands')), sf)
        return ['%s %s, %s, #0x%x' % (op, rd, self.reg(self.src(), sf), imm)]

    def t_movw(self):
        sf = self.sf()
        op = self.r.choice(['movz', 'movn', 'movk', 'movk', 'mov'])
        rd = self.reg(self.dst(zr=False), sf)
        if op == 'mov':
            v = self.value() & (MASK64 if sf else 0xffffffff)
            # let the assembler pick MOVZ/MOVN/ORR; only encodable values
            cands = [v & 0xffff, (v & 0xffff) << 16, ~(v & 0xffff) & (MASK64 if sf else 0xffffffff),
                     self.bitmask(sf)]
            return ['mov %s, #0x%x' % (rd, self.r.choice(cands))]
        hw = self.r.randrange(4 if sf else 2)
        imm = self.r.choice([self.r.randrange(65536), 0, 0xffff, 0x8000])
        return ['%s %s, #0x%x, lsl #%d' % (op, rd, imm, 16 * hw)]

    def t_bitfield(self):
        sf = self.sf()
        n = self.bits(sf)
        rd = self.reg(self.dst(), sf)
        rn = self.reg(self.src(), sf)
        kind = self.r.choice(['sbfm', 'bfm', 'ubfm', 'asr', 'lsr', 'lsl', 'sxt', 'uxt',
                              'bfi', 'bfxil', 'sbfiz', 'sbfx', 'ubfiz', 'ubfx'])
        if kind in ('sbfm', 'bfm', 'ubfm'):
            return ['%s %s, %s, #%d, #%d' % (kind, rd, rn, self.r.randrange(n), self.r.randrange(n))]
        if kind in ('asr', 'lsr', 'lsl'):
            return ['%s %s, %s, #%d' % (kind, rd, rn, self.r.randrange(n))]
        if kind == 'sxt':
            ext = self.r.choice(['sxtb', 'sxth'] + (['sxtw'] if sf else []))
            return ['%s %s, %s' % (ext, rd, self.reg(self.src(), False))]
        if kind == 'uxt':
            return ['%s %s, %s' % (self.r.choice(['uxtb', 'uxth']),
                                   self.reg(self.dst(), False), self.reg(self.src(), False))]
        lsb = self.r.randrange(n)
        width = self.r.randint(1, n - lsb)
        return ['%s %s, %s, #%d, #%d' % (kind, rd, rn, lsb, width)]

    def t_extr(self):
        sf = self.sf()
        rd = self.reg(self.dst(), sf)
        rn = self.reg(self.src(), sf)
        lsb = self.r.randrange(self.bits(sf))
        if self.r.random() < 0.3:
            return ['ror %s, %s, #%d' % (rd, rn, lsb)]
        return ['extr %s, %s, %s, #%d' % (rd, rn, self.reg(self.src(), sf), lsb)]

    def t_adr(self):
        rd = self.reg(self.dst(zr=False), True)
        if self.r.random() < 0.5:
            return ['adr %s, . + %d' % (rd, 4 * self.r.randint(-64, 64))]
        return ['adrp %s, . + %d' % (rd, 4096 * self.r.randint(-4, 4))]

    # ---- data processing (register) ----
    def t_addsub_shift(self):
        sf = self.sf()
        op = self.r.choice(['add', 'adds', 'sub', 'subs', 'cmp', 'cmn', 'neg', 'negs'])
        sh = self.r.choice(['lsl', 'lsr', 'asr'])
        amt = self.r.choice([0, self.r.randrange(self.bits(sf)), self.bits(sf) - 1])
        rm = self.reg(self.src(), sf)
        if op in ('cmp', 'cmn'):
            return ['%s %s, %s, %s #%d' % (op, self.reg(self.src(zr=False), sf), rm, sh, amt)]
        rd = self.reg(self.dst(), sf)
        if op in ('neg', 'negs'):
            return ['%s %s, %s, %s #%d' % (op, rd, rm, sh, amt)]
        return ['%s %s, %s, %s, %s #%d' % (op, rd, self.reg(self.src(zr=False), sf), rm, sh, amt)]

    def t_addsub_ext(self):
        sf = self.sf()
        op = self.r.choice(['add', 'adds', 'sub', 'subs', 'cmp', 'cmn'])
        exts = ['uxtb', 'uxth', 'uxtw', 'sxtb', 'sxth', 'sxtw']
        if sf:
            exts += ['uxtx', 'sxtx']
        ext = self.r.choice(exts)
        amt = self.r.randrange(5)
        rm = self.reg(self.src(), sf and ext in ('uxtx', 'sxtx'))
        if self.r.random() < 0.25:
            rn = 'sp' if sf else 'wsp'
        else:
            rn = self.reg(self.r.randrange(31), sf)
        extstr = '%s #%d' % (ext, amt) if amt or self.r.random() < 0.5 else ext
        if op in ('cmp', 'cmn'):
            return ['%s %s, %s, %s' % (op, rn, rm, extstr)]
        rd = self.reg(self.dst(zr=op.endswith('s')), sf)
        return ['%s %s, %s, %s, %s' % (op, rd, rn, rm, extstr)]

    def t_sp_form(self):
        """The controlled SP-destination forms: move SP, read it, move it back."""
        k = self.dst(zr=False)
        if self.r.random() < 0.5:
            imm = self.r.randrange(4096)
            sh = ', lsl #12' if self.r.random() < 0.3 else ''
            op, inv = self.r.choice([('add', 'sub'), ('sub', 'add')])
            return ['%s sp, sp, #%d%s' % (op, imm, sh), 'mov x%d, sp' % k,
                    '%s sp, sp, #%d%s' % (inv, imm, sh)]
        i = self.dst(zr=False, avoid=(k,))
        ext = self.r.choice(['uxtb', 'uxth', 'uxtw', 'sxtb', 'sxth', 'sxtw', 'uxtx', 'sxtx', 'lsl'])
        rm = ('x%d' if ext in ('uxtx', 'sxtx', 'lsl') else 'w%d') % i
        amt = self.r.randrange(5)
        op, inv = self.r.choice([('add', 'sub'), ('sub', 'add')])
        return ['%s sp, sp, %s, %s #%d' % (op, rm, ext, amt), 'mov x%d, sp' % k,
                '%s sp, sp, %s, %s #%d' % (inv, rm, ext, amt)]

    def t_adc(self):
        sf = self.sf()
        op = self.r.choice(['adc', 'adcs', 'sbc', 'sbcs', 'ngc', 'ngcs'])
        rd = self.reg(self.dst(), sf)
        if op.startswith('ngc'):
            return ['%s %s, %s' % (op, rd, self.reg(self.src(), sf))]
        return ['%s %s, %s, %s' % (op, rd, self.reg(self.src(), sf), self.reg(self.src(), sf))]

    def t_logic_reg(self):
        sf = self.sf()
        op = self.r.choice(['and', 'orr', 'eor', 'ands', 'bic', 'orn', 'eon', 'bics', 'mvn', 'tst', 'mov'])
        sh = self.r.choice(['lsl', 'lsr', 'asr', 'ror'])
        amt = self.r.choice([0, self.r.randrange(self.bits(sf))])
        rm = self.reg(self.src(), sf)
        if op == 'mov':
            return ['mov %s, %s' % (self.reg(self.dst(), sf), rm)]
        if op == 'mvn':
            return ['mvn %s, %s, %s #%d' % (self.reg(self.dst(), sf), rm, sh, amt)]
        if op == 'tst':
            return ['tst %s, %s, %s #%d' % (self.reg(self.src(), sf), rm, sh, amt)]
        return ['%s %s, %s, %s, %s #%d' % (op, self.reg(self.dst(), sf), self.reg(self.src(), sf), rm, sh, amt)]

    def t_ccmp(self):
        sf = self.sf()
        op = self.r.choice(['ccmp', 'ccmn'])
        rn = self.reg(self.src(), sf)
        second = '#%d' % self.r.randrange(32) if self.r.random() < 0.5 else self.reg(self.src(), sf)
        return ['%s %s, %s, #%d, %s' % (op, rn, second, self.r.randrange(16), self.r.choice(CONDS))]

    def t_csel(self):
        sf = self.sf()
        op = self.r.choice(['csel', 'csinc', 'csinv', 'csneg', 'cset', 'csetm', 'cinc', 'cinv', 'cneg'])
        rd = self.reg(self.dst(), sf)
        if op in ('cset', 'csetm'):
            return ['%s %s, %s' % (op, rd, self.r.choice(CONDS14))]
        if op in ('cinc', 'cinv', 'cneg'):
            return ['%s %s, %s, %s' % (op, rd, self.reg(self.src(), sf), self.r.choice(CONDS14))]
        return ['%s %s, %s, %s, %s' % (op, rd, self.reg(self.src(), sf), self.reg(self.src(), sf),
                                       self.r.choice(CONDS))]

    def t_mul(self):
        kind = self.r.choice(['madd', 'msub', 'mul', 'mneg', 'long', 'long2', 'high'])
        if kind in ('madd', 'msub', 'mul', 'mneg'):
            sf = self.sf()
            regs = [self.reg(self.dst(), sf), self.reg(self.src(), sf), self.reg(self.src(), sf)]
            if kind in ('madd', 'msub'):
                regs.append(self.reg(self.src(), sf))
            return ['%s %s' % (kind, ', '.join(regs))]
        rd = self.reg(self.dst(), True)
        wn, wm = self.reg(self.src(), False), self.reg(self.src(), False)
        if kind == 'long':
            op = self.r.choice(['smaddl', 'smsubl', 'umaddl', 'umsubl'])
            return ['%s %s, %s, %s, %s' % (op, rd, wn, wm, self.reg(self.src(), True))]
        if kind == 'long2':
            op = self.r.choice(['smull', 'umull', 'smnegl', 'umnegl'])
            return ['%s %s, %s, %s' % (op, rd, wn, wm)]
        op = self.r.choice(['smulh', 'umulh'])
        return ['%s %s, %s, %s' % (op, rd, self.reg(self.src(), True), self.reg(self.src(), True))]

    def t_div(self):
        sf = self.sf()
        return ['%s %s, %s, %s' % (self.r.choice(['udiv', 'sdiv']), self.reg(self.dst(), sf),
                                   self.reg(self.src(), sf), self.reg(self.src(), sf))]

    def t_shiftv(self):
        sf = self.sf()
        op = self.r.choice(['lslv', 'lsrv', 'asrv', 'rorv', 'lsl', 'lsr', 'asr', 'ror'])
        return ['%s %s, %s, %s' % (op, self.reg(self.dst(), sf), self.reg(self.src(), sf),
                                   self.reg(self.src(), sf))]

    def t_bits1(self):
        sf = self.sf()
        ops = ['rbit', 'rev', 'rev16', 'clz', 'cls'] + (['rev32'] if sf else [])
        return ['%s %s, %s' % (self.r.choice(ops), self.reg(self.dst(), sf), self.reg(self.src(), sf))]

    def t_crc(self):
        sz = self.r.choice('bhwx')
        op = 'crc32%s%s' % (self.r.choice(['', 'c']), sz)
        return ['%s %s, %s, %s' % (op, self.reg(self.dst(), False), self.reg(self.src(), False),
                                   self.reg(self.src(), sz == 'x'))]

    def t_nzcv(self):
        if self.r.random() < 0.5:
            return ['msr nzcv, %s' % self.reg(self.src(), True)]
        return ['mrs %s, nzcv' % self.reg(self.dst(zr=False), True)]

    # ---- loads and stores ----
    LOADS = [('ldrb', 1, False), ('ldrh', 2, False), ('ldr', 4, False), ('ldr', 8, True),
             ('ldrsb', 1, False), ('ldrsb', 1, True), ('ldrsh', 2, False), ('ldrsh', 2, True),
             ('ldrsw', 4, True)]
    STORES = [('strb', 1, False), ('strh', 2, False), ('str', 4, False), ('str', 8, True)]

    def repoint(self, imm):
        """Undo a writeback of imm on X28 so later accesses stay in the buffer."""
        if imm > 0:
            return ['sub x28, x28, #%d' % imm]
        if imm < 0:
            return ['add x28, x28, #%d' % -imm]
        return []

    def addr_reg(self, size, avoid=()):
        """Point a fresh X register at an aligned place in the buffer: (n, setup lines)."""
        n = self.dst(zr=False, avoid=avoid)
        off = size * self.r.randint(-HALF // size, HALF // size - 1)
        if off >= 0:
            return n, ['add x%d, x28, #%d' % (n, off)]
        return n, ['sub x%d, x28, #%d' % (n, -off)]

    def t_ldst(self):
        load = self.r.random() < 0.55
        mn, size, sf = self.r.choice(self.LOADS if load else self.STORES)
        mode = self.r.choice(['uimm', 'unscaled', 'pre', 'post', 'reg', 'reg', 'lit', 'unpriv', 'sp'])
        if load:
            rt = self.reg(self.dst(), sf)
        else:
            rt = self.reg(self.src(), sf)
        if mode == 'lit' and load and mn in ('ldr', 'ldrsw'):
            lab = self.label()
            self.pool.append((lab, self.value()))
            if self.r.random() < 0.2:
                return ['prfm pldl1keep, %s' % lab]
            return ['%s %s, %s' % (mn, rt, lab)]
        if mode == 'sp':
            # SP points at the output record, which holds the previous case's results
            if load:
                return ['%s %s, [sp, #%d]' % (mn, rt, size * self.r.randrange(256 // size))]
            mode = 'uimm'
        if mode == 'uimm':
            off = size * self.r.randrange((HALF - size) // size + 1)
            if self.r.random() < 0.1:
                return ['prfm %s, [x28, #%d]' % (self.r.choice(['pldl1keep', 'pstl2strm', 'plil3keep']),
                                                 off & ~7)]
            return ['%s %s, [x28, #%d]' % (mn, rt, off)]
        if mode in ('unscaled', 'unpriv'):
            off = self.r.randint(-HALF, HALF - size)
            if mode == 'unpriv':
                mn2 = mn.replace('ldr', 'ldtr').replace('str', 'sttr')
            else:
                mn2 = mn.replace('ldr', 'ldur').replace('str', 'stur')
            return ['%s %s, [x28, #%d]' % (mn2, rt, off)]
        if mode in ('pre', 'post'):
            if not load and rt[1:] == '28':
                rt = self.reg(self.dst(zr=True), sf)   # writeback base == Rt is UNPREDICTABLE
            imm = self.r.randint(-HALF, HALF - size)
            if mode == 'pre':
                return ['%s %s, [x28, #%d]!' % (mn, rt, imm)] + self.repoint(imm)
            return ['%s %s, [x28], #%d' % (mn, rt, imm)] + self.repoint(imm)
        # register offset, with an index set just before
        lg = {1: 0, 2: 1, 4: 2, 8: 3}[size]
        ext = self.r.choice(['lsl', 'uxtw', 'sxtw', 'sxtx'])
        sh = self.r.choice([0, lg])
        i = self.dst(zr=False)
        signed = ext in ('sxtw', 'sxtx')
        lo = -HALF // (1 << sh) if signed else 0
        hi = (HALF - size) // (1 << sh)
        v = self.r.randint(lo, hi)
        pre = ['mov x%d, #%d' % (i, v)]
        if ext in ('uxtw', 'sxtw') and self.r.random() < 0.7:
            pre.append('movk x%d, #0x%x, lsl #48' % (i, self.r.randrange(65536)))
        if ext == 'lsl':
            idx = 'x%d' % i + (', lsl #%d' % sh if sh or self.r.random() < 0.3 else '')
            if sh == 0 and lg != 0 and idx.endswith('#0'):
                idx = 'x%d' % i
        else:
            idx = '%s%d, %s' % ('x' if ext == 'sxtx' else 'w', i, ext) + (' #%d' % sh if sh else '')
        if load and rt[1:] == str(i):
            pass  # loading into the index register is fine (no writeback)
        return pre + ['%s %s, [x28, %s]' % (mn, rt, idx)]

    def t_pair(self):
        kind = self.r.choice(['ldp', 'stp', 'ldpsw', 'ldnp', 'stnp'])
        sf = kind == 'ldpsw' or self.r.random() < 0.6
        size = 4 if kind == 'ldpsw' else (8 if sf else 4)
        load = kind.startswith('ld')
        mode = 'off' if kind in ('ldnp', 'stnp') else self.r.choice(['off', 'pre', 'post'])
        imm = size * self.r.randint(-HALF // size, (HALF - 2 * size) // size)
        if load:
            a = self.dst(zr=False)
            b = self.dst(zr=False, avoid=(a,))
        else:
            a, b = self.src(), self.src()
            if mode != 'off':
                a = 31 if a == 28 else a
                b = 31 if b == 28 else b
        ra, rb = self.reg(a, sf), self.reg(b, sf)
        if mode == 'off' and self.r.random() < 0.3:
            # an unaligned pair through a base register of its own
            n = self.dst(zr=False, avoid=(a, b))
            imm = size * self.r.randint(-HALF // size, (HALF - 3 * size) // size)
            return ['add x%d, x28, #%d' % (n, self.r.randint(1, size - 1)),
                    '%s %s, %s, [x%d, #%d]' % (kind, ra, rb, n, imm)]
        if mode == 'off':
            return ['%s %s, %s, [x28, #%d]' % (kind, ra, rb, imm)]
        if mode == 'pre':
            return ['%s %s, %s, [x28, #%d]!' % (kind, ra, rb, imm)] + self.repoint(imm)
        return ['%s %s, %s, [x28], #%d' % (kind, ra, rb, imm)] + self.repoint(imm)

    SIZES = [('b', 1, False), ('h', 2, False), ('', 4, False), ('', 8, True)]

    def t_excl(self):
        if self.r.random() < 0.25:
            # exclusive pair
            sf = self.r.random() < 0.5
            size = 8 if sf else 4
            n, lines = self.addr_reg(2 * size)
            a = self.dst(zr=False, avoid=(n,))
            b = self.dst(zr=False, avoid=(n, a))
            s = self.dst(zr=False, avoid=(n, a, b))
            ld = self.r.choice(['ldxp', 'ldaxp'])
            st = self.r.choice(['stxp', 'stlxp'])
            lines.append('%s %s, %s, [x%d]' % (ld, self.reg(a, sf), self.reg(b, sf), n))
            lines.append('add %s, %s, #%d' % (self.reg(a, sf), self.reg(a, sf), self.r.randrange(4096)))
            lines.append('%s w%d, %s, %s, [x%d]' % (st, s, self.reg(b, sf), self.reg(a, sf), n))
            return lines
        sfx, size, sf = self.r.choice(self.SIZES)
        n, lines = self.addr_reg(size)
        a = self.dst(zr=False, avoid=(n,))
        s = self.dst(zr=False, avoid=(n, a))
        ld = self.r.choice(['ldxr', 'ldaxr']) + sfx
        st = self.r.choice(['stxr', 'stlxr']) + sfx
        mode = self.r.random()
        if mode < 0.8:
            lines.append('%s %s, [x%d]' % (ld, self.reg(a, sf), n))
            lines.append('eor %s, %s, %s' % (self.reg(a, sf), self.reg(a, sf), self.reg(self.src(), sf)))
        elif mode < 0.9:
            lines.append('%s %s, [x%d]' % (ld, self.reg(a, sf), n))
            lines.append('clrex')   # the store-exclusive must now fail
        # else: no load-exclusive at all in this case: the store fails
        lines.append('%s w%d, %s, [x%d]' % (st, s, self.reg(a, sf), n))
        return lines

    def t_acqrel(self):
        sfx, size, sf = self.r.choice(self.SIZES)
        if self.r.random() < 0.3:
            n, lines = 28, []
        else:
            n, lines = self.addr_reg(size)
        if self.r.random() < 0.5:
            rt = self.dst(zr=True, avoid=(n,))
            return lines + ['ldar%s %s, [x%d]' % (sfx, self.reg(rt, sf), n)]
        return lines + ['stlr%s %s, [x%d]' % (sfx, self.reg(self.src(), sf), n)]

    LSE_OPS = ['ldadd', 'ldclr', 'ldeor', 'ldset', 'ldsmax', 'ldsmin', 'ldumax', 'ldumin', 'swp']
    ORDERS = ['', 'a', 'l', 'al']

    def t_lse(self):
        sfx, size, sf = self.r.choice(self.SIZES)
        n, lines = self.addr_reg(size)
        op = self.r.choice(self.LSE_OPS) + self.r.choice(self.ORDERS) + sfx
        rs = self.reg(self.src(), sf)
        rt = self.reg(self.dst(zr=True, avoid=(n,)), sf)
        return lines + ['%s %s, %s, [x%d]' % (op, rs, rt, n)]

    def t_cas(self):
        order = self.r.choice(self.ORDERS)
        if self.r.random() < 0.3:
            sf = self.r.random() < 0.5
            size = 8 if sf else 4
            s = 2 * self.r.randrange(14)              # pair X(s),X(s+1) in X0-X27
            t = 2 * self.r.randrange(15)              # pair X(t),X(t+1) in X0-X29
            n, lines = self.addr_reg(2 * size, avoid=(s, s + 1))
            if self.r.random() < 0.5:                 # make the compare succeed
                lines.append('ldp %s, %s, [x%d]' % (self.reg(s, sf), self.reg(s + 1, sf), n))
            lines.append('casp%s %s, %s, %s, %s, [x%d]' % (order, self.reg(s, sf), self.reg(s + 1, sf),
                                                          self.reg(t, sf), self.reg(t + 1, sf), n))
            return lines
        sfx, size, sf = self.r.choice(self.SIZES)
        s = self.dst(zr=False)
        n, lines = self.addr_reg(size, avoid=(s,))
        if self.r.random() < 0.5:
            ld = {'b': 'ldrb', 'h': 'ldrh', '': 'ldr'}[sfx]
            lines.append('%s %s, [x%d]' % (ld, self.reg(s, sf), n))
        lines.append('cas%s%s %s, %s, [x%d]' % (order, sfx, self.reg(s, sf), self.reg(self.src(), sf), n))
        return lines

    # ---- branches ----
    def simple(self):
        """One single-instruction ALU operation, for the shadow of a branch."""
        while True:
            t = self.r.choice([self.t_addsub_imm, self.t_addsub_shift, self.t_logic_imm, self.t_logic_reg,
                               self.t_movw, self.t_csel, self.t_bitfield, self.t_mul, self.t_shiftv])
            lines = t()
            if len(lines) == 1:
                return lines[0]

    def t_branch(self):
        lab = self.label()
        kind = self.r.choice(['bcond', 'bcond', 'cbz', 'tbz', 'b'])
        if kind == 'bcond':
            br = 'b.%s %s' % (self.r.choice(CONDS), lab)
        elif kind == 'cbz':
            sf = self.sf()
            br = '%s %s, %s' % (self.r.choice(['cbz', 'cbnz']), self.reg(self.src(), sf), lab)
        elif kind == 'tbz':
            sf = self.sf()
            br = '%s %s, #%d, %s' % (self.r.choice(['tbz', 'tbnz']), self.reg(self.src(), sf),
                                     self.r.randrange(self.bits(sf)), lab)
        else:
            br = 'b %s' % lab
        return [br, self.simple(), '%s:' % lab]

    def t_indirect(self):
        """Controlled writes of X30 and indirect branches: BL, BLR, BR, RET
        over one instruction (the link value is an address in this program)."""
        lab = self.label()
        kind = self.r.choice(['bl', 'blr', 'br', 'ret', 'ret30'])
        if kind == 'bl':
            return ['bl %s' % lab, self.simple(), '%s:' % lab]
        t = self.dst(zr=False)
        body = self.simple()
        while self.mentions(body, t):
            body = self.simple()
        if kind == 'ret30':
            return ['adr x30, %s' % lab, 'ret', body, '%s:' % lab]
        op = {'blr': 'blr', 'br': 'br', 'ret': 'ret'}[kind]
        return ['adr x%d, %s' % (t, lab), '%s x%d' % (op, t), body, '%s:' % lab]

    @staticmethod
    def mentions(line, n):
        ops = line.replace(',', ' ').split()[1:]
        return ('x%d' % n) in ops or ('w%d' % n) in ops

    def t_loop(self):
        """A short counted loop: backward conditional branches and flags
        carried around a loop edge."""
        i = self.dst(zr=False)
        lab = self.label()
        body = [self.simple() for _ in range(self.r.randint(1, 2))]
        while any(self.mentions(b, i) for b in body):
            body = [self.simple() for _ in range(len(body))]
        n = self.r.randint(1, 5)
        kind = self.r.choice(['subs', 'cbnz', 'tbz'])
        head = ['mov x%d, #%d' % (i, n), '%s:' % lab] + body
        if kind == 'subs':
            return head + ['subs x%d, x%d, #1' % (i, i), 'b.ne %s' % lab]
        if kind == 'cbnz':
            return head + ['sub w%d, w%d, #1' % (i, i), 'cbnz w%d, %s' % (i, lab)]
        # count up to 2^k: TBZ on bit k branches back until the bit sets
        return ['mov x%d, #0' % i, '%s:' % lab] + body + \
            ['add x%d, x%d, #1' % (i, i), 'tbz x%d, #%d, %s' % (i, self.r.randint(0, 2), lab)]

    def load_const(self, n, v, sf):
        """MOVZ/MOVK (or MOVN) lines that put the constant v in register n."""
        bits = self.bits(sf)
        v &= (1 << bits) - 1
        r = self.reg(n, sf)
        if v >> (bits - 1) and self.r.random() < 0.5:
            inv = ~v & ((1 << bits) - 1)
            lines = ['movn %s, #0x%x' % (r, inv & 0xffff)]
            lines += ['movk %s, #0x%x, lsl #%d' % (r, (v >> h) & 0xffff, h)
                      for h in range(16, bits, 16) if (v >> h) & 0xffff != 0xffff]
            return lines
        lines = ['movz %s, #0x%x' % (r, v & 0xffff)]
        return lines + ['movk %s, #0x%x, lsl #%d' % (r, (v >> h) & 0xffff, h)
                        for h in range(16, bits, 16) if (v >> h) & 0xffff]

    BINOPS = ['add', 'adds', 'sub', 'subs', 'and', 'ands', 'orr', 'eor', 'bic', 'orn', 'lslv', 'lsrv',
              'asrv', 'rorv', 'mul', 'mneg', 'udiv', 'sdiv', 'adc', 'adcs', 'sbc', 'sbcs', 'csel', 'csneg',
              'ccmp', 'crc32', 'smulh', 'umulh', 'extr', 'cmp', 'cmn']

    def t_const(self):
        """Operations on constants built in the same block: exercises the
        optimiser's constant folding and propagation."""
        op = self.r.choice(self.BINOPS)
        sf = True if op in ('smulh', 'umulh') else (False if op == 'crc32' else self.sf())
        a = self.dst(zr=False)
        b = self.dst(zr=False, avoid=(a,))
        lines = self.load_const(a, self.value(), sf)
        if self.r.random() < 0.8:
            lines += self.load_const(b, self.value(), sf)
        ra, rb = self.reg(a, sf), self.reg(b, sf)
        rd = self.reg(self.dst(), sf)
        if op == 'csel' or op == 'csneg':
            return lines + ['%s %s, %s, %s, %s' % (op, rd, ra, rb, self.r.choice(CONDS))]
        if op == 'ccmp':
            return lines + ['ccmp %s, %s, #%d, %s' % (ra, rb, self.r.randrange(16), self.r.choice(CONDS))]
        if op in ('cmp', 'cmn'):
            return lines + ['%s %s, %s' % (op, ra, rb), 'cset w%d, %s' % (self.dst(zr=False),
                                                                   self.r.choice(CONDS14))]
        if op == 'crc32':
            return lines + ['crc32%s %s, %s, %s' % (self.r.choice(['b', 'h', 'w', 'cb', 'ch', 'cw']), rd, ra, rb)]
        if op == 'extr':
            return lines + ['extr %s, %s, %s, #%d' % (rd, ra, rb, self.r.randrange(self.bits(sf)))]
        return lines + ['%s %s, %s, %s' % (op, rd, ra, rb)]

    def t_sys(self):
        k = self.r.choice(['nop', 'hint', 'barrier', 'tpidr', 'nzcv'])
        if k == 'nop':
            return [self.r.choice(['nop', 'yield', 'sevl', 'csdb'])]
        if k == 'hint':
            # NOP-compatible hints only: the PAC ones (#7, #8, #12, #24...) have
            # random per-process keys under QEMU's -cpu max
            return ['hint #%d' % self.r.choice([0, 1, 4, 5, 0x14, 0x45, 0x7f])]
        if k == 'barrier':
            return [self.r.choice(['dmb ish', 'dmb ishld', 'dsb sy', 'dsb ishst', 'isb', 'dmb oshst'])]
        if k == 'tpidr':
            d = self.dst(zr=False)
            return ['msr tpidr_el0, %s' % self.reg(self.src(), True), 'mrs x%d, tpidr_el0' % d]
        return ['mrs x%d, nzcv' % self.dst(zr=False)]

    def value(self):
        return random_value(self.r)

    def templates(self):
        t = [(self.t_addsub_imm, 6), (self.t_addsub_shift, 6), (self.t_addsub_ext, 5), (self.t_sp_form, 1),
             (self.t_adc, 4), (self.t_logic_imm, 5), (self.t_logic_reg, 5), (self.t_movw, 3),
             (self.t_bitfield, 6), (self.t_extr, 2), (self.t_ccmp, 4), (self.t_csel, 5), (self.t_mul, 5),
             (self.t_div, 3), (self.t_shiftv, 3), (self.t_bits1, 3), (self.t_crc, 2), (self.t_nzcv, 1),
             (self.t_adr, 1), (self.t_ldst, 10), (self.t_pair, 4), (self.t_excl, 2), (self.t_acqrel, 2),
             (self.t_branch, 5), (self.t_indirect, 1), (self.t_loop, 1), (self.t_sys, 1),
             (self.t_const, 4)]
        if self.lse:
            t += [(self.t_lse, 5), (self.t_cas, 3)]
        return t

    def body(self):
        temps = self.templates()
        funcs = [f for f, _ in temps]
        weights = [w for _, w in temps]
        lines = []
        for _ in range(self.r.randint(1, 8)):
            lines += self.r.choices(funcs, weights)[0]()
        return lines


def random_value(r):
    x = r.random()
    if x < 0.35:
        return r.getrandbits(64)
    if x < 0.6:
        return r.choice(EDGES)
    if x < 0.75:
        return r.randint(-64, 64) & MASK64
    hi = r.choice(HALVES + [r.getrandbits(32)] * 3)
    lo = r.choice(HALVES + [r.getrandbits(32)] * 3)
    return (hi << 32) | lo


SETUP = r"""
    .text
    .global _start
_start:
    adrp x0, isa_stack_top
    add x0, x0, :lo12:isa_stack_top
    mov sp, x0
    b isa_cases

// x0 = input record; copies its buffer to the scratch area, sets NZCV,
// points SP at the output record, loads X1-X27 and X28; keeps x0 and x30.
isa_setup:
    adrp x1, isa_scratch
    add x1, x1, :lo12:isa_scratch
    add x2, x0, #256
    mov x3, #16
1:  ldp x4, x5, [x2], #16
    stp x4, x5, [x1], #16
    subs x3, x3, #1
    b.ne 1b
    ldr x4, [x0, #248]
    msr nzcv, x4
    clrex
    adrp x1, isa_outrec
    add x1, x1, :lo12:isa_outrec
    mov sp, x1
""" + ''.join('    ldp x%d, x%d, [x0, #%d]\n' % (i, i + 1, 8 * i) for i in range(2, 28, 2)) + r"""
    ldr x1, [x0, #8]
    adrp x28, isa_scratch
    add x28, x28, :lo12:isa_scratch
    add x28, x28, #128
    ret

// x0 = case number, x1 = input record; SP is the output record
isa_finish:
    add x3, x1, #256
    adrp x1, isa_outrec
    add x1, x1, :lo12:isa_outrec
    adrp x2, isa_scratch
    add x2, x2, :lo12:isa_scratch
    adrp x4, isa_stack_top
    add x4, x4, :lo12:isa_stack_top
    mov sp, x4
    b isa_report

isa_cases:
"""

STORE_OUT = ''.join('    stp x%d, x%d, [sp, #%d]\n' % (i, i + 1, 8 * i) for i in range(0, 30, 2)) + \
    '    str x30, [sp, #240]\n    mrs x0, nzcv\n    str x0, [sp, #248]\n'

TRAILER = r"""
    mov x0, #0
    b isa_exit

    .bss
    .balign 256
isa_scratch:
    .space 256
    .balign 16
isa_outrec:
    .space 256
    .balign 16
    .space 65536
isa_stack_top:
"""


def generate(cases, seed, march, out, meta, insns=None):
    rng = random.Random('%s:%d:%s' % ('isa', seed, march))
    data = []
    out.write('// generated by tests/isa/gen.py --cases %d --seed %d --march %s\n' % (cases, seed, march))
    out.write(SETUP)
    for k in range(cases):
        g = CaseGen(rng, march, k)
        regs = [random_value(rng) for _ in range(31)]
        regs[28] = 0
        nzcv = rng.randrange(16)
        buf = bytes(rng.getrandbits(8) for _ in range(SCRATCH))
        body = insns if insns else g.body()
        out.write('// ---- case %d\n' % k)
        if g.pool:
            out.write('    b Lcase%d\n    .balign 8\n' % k)
            for lab, v in g.pool:
                out.write('%s: .quad 0x%x\n' % (lab, v))
            out.write('Lcase%d:\n' % k)
        out.write('    adrp x0, in_%d\n    add x0, x0, :lo12:in_%d\n    bl isa_setup\n' % (k, k))
        out.write('    ldp x29, x30, [x0, #232]\n    ldr x0, [x0]\n')
        for line in body:
            out.write(('%s\n' if line.endswith(':') else '    %s\n') % line)
        out.write(STORE_OUT)
        out.write('    movz x0, #%d\n    movk x0, #%d, lsl #16\n' % (k & 0xffff, k >> 16))
        out.write('    adrp x1, in_%d\n    add x1, x1, :lo12:in_%d\n    bl isa_finish\n' % (k, k))
        data.append((k, regs, nzcv, buf))
        if meta:
            meta.write(json.dumps({'case': k, 'insns': body, 'pool': [[l, '%016x' % v] for l, v in g.pool],
                                   'regs': ['%016x' % v for v in regs], 'nzcv': nzcv,
                                   'buf': buf.hex()}) + '\n')
    out.write(TRAILER)
    out.write('    .section .rodata\n')
    for k, regs, nzcv, buf in data:
        out.write('    .balign 16\nin_%d:\n' % k)
        vals = regs + [nzcv << 28] + [int.from_bytes(buf[i:i + 8], 'little') for i in range(0, SCRATCH, 8)]
        for i in range(0, len(vals), 8):
            out.write('    .quad %s\n' % ', '.join('0x%x' % v for v in vals[i:i + 8]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--cases', type=int, default=1000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--march', choices=['armv8-a', 'armv8.1-a'], default='armv8.1-a')
    ap.add_argument('-o', '--output', required=True)
    ap.add_argument('--meta')
    ap.add_argument('--insns', help='fixed instructions for every case, separated by ";"')
    a = ap.parse_args()
    insns = [i.strip() for i in a.insns.split(';') if i.strip()] if a.insns else None
    if a.cases < 1 or a.cases > 0xffffff:
        sys.exit('gen.py: --cases must be between 1 and 16777215')
    with open(a.output, 'w') as out:
        meta = open(a.meta, 'w') if a.meta else None
        try:
            generate(a.cases, a.seed, a.march, out, meta, insns)
        finally:
            if meta:
                meta.close()


if __name__ == '__main__':
    main()
