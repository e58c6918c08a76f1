#!/usr/bin/env python3
"""Generate the table-driven cases of tests/unit/test_translate_fp.c.

Every case is an instruction sequence with its inputs (FPCR, NZCV, X0-X7,
V0-V7).  The script assembles the instructions (GNU as for aarch64), runs
them on the reference (qemu-aarch64-static) through tests/fp/oracle-harness.c
and writes the words, inputs and the reference's outputs between the
GENERATED markers of tests/unit/test_translate_fp.c.  The unit test then
runs each case through both backends and checks the destination registers,
NZCV and FPSR.  The reference is only used here, never by `make check`.

Usage: python3 tests/fp/gen-unit-cases.py   (from the top of the tree)
"""
import os
import struct
import subprocess
import sys
import tempfile

CROSS = "aarch64-linux-gnu-"
QEMU = "qemu-aarch64-static"
TEST_C = "tests/unit/test_translate_fp.c"

FZ, DN, AHP, FZ16 = 1 << 24, 1 << 25, 1 << 26, 1 << 19
RN, RP, RM, RZ = 0, 1 << 22, 2 << 22, 3 << 22


def f32(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


def f64(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def f16(x):
    return struct.unpack("<H", struct.pack("<e", x))[0]


def vs(*lanes):
    """Four single-precision lanes (floats or raw ints) -> (lo, hi)."""
    w = [l if isinstance(l, int) else f32(l) for l in lanes] + [0] * (4 - len(lanes))
    return (w[0] | w[1] << 32, w[2] | w[3] << 32)


def vd(a, b=0):
    return tuple(l if isinstance(l, int) else f64(l) for l in (a, b))


class Raw(int):
    """A half-precision lane given as its bit pattern (plain numbers are values)."""


def vh(*lanes):
    w = [int(l) if isinstance(l, Raw) else f16(l) for l in lanes] + [0] * (8 - len(lanes))
    lo = w[0] | w[1] << 16 | w[2] << 32 | w[3] << 48
    hi = w[4] | w[5] << 16 | w[6] << 32 | w[7] << 48
    return (lo, hi)


S = lambda x: (f32(x) if not isinstance(x, int) else x, 0)
D = lambda x: (f64(x) if not isinstance(x, int) else x, 0)
H = lambda x: (int(x) if isinstance(x, Raw) else f16(x), 0)

# Special values.
S_QNAN, S_SNAN, S_QNANP, S_SNANP = 0x7fc00000, 0x7f800001, 0x7fc12345, 0xff812345
S_INF, S_NINF, S_MAX, S_DEN, S_NDEN = 0x7f800000, 0xff800000, 0x7f7fffff, 0x00000001, 0x80400000
S_MINNORM = 0x00800000
D_QNAN, D_SNAN, D_QNANP, D_SNANP = 0x7ff8000000000000, 0x7ff0000000000001, 0x7ff8000000012345, 0xfff0000000012345
D_INF, D_NINF, D_MAX, D_DEN = 0x7ff0000000000000, 0xfff0000000000000, 0x7fefffffffffffff, 0x0000000000000001
D_MINNORM = 0x0010000000000000
H_QNAN, H_SNAN, H_INF, H_DEN = Raw(0x7e00), Raw(0x7c01), Raw(0x7c00), Raw(0x0001)

CASES = []


def C(group, asm, out, v=None, x=None, fpcr=0, nzcv=0, feat="ALL"):
    """out: destination registers to check ('v0', 'x1', ...)."""
    if isinstance(asm, str):
        asm = [asm]
    CASES.append(dict(group=group, asm=asm, out=out, v=v or {}, x=x or {}, fpcr=fpcr,
                      nzcv=nzcv, feat=feat))


# ---------------------------------------------------------------- cases
# FMOV (register, general, immediate)
C("fmov", "fmov s0, s1", ["v0"], v={1: vs(1.5, 2.5, 3.5, 4.5)})
C("fmov", "fmov d0, d1", ["v0"], v={1: vd(-1.25, 7.0)})
C("fmov", "fmov h0, h1", ["v0"], v={1: vh(1.5, 2.0)})
C("fmov", "fmov w0, s1", ["x0"], v={1: vs(-2.0, 9.0)})
C("fmov", "fmov s0, w1", ["v0"], x={1: 0xffffffff3f800000})
C("fmov", "fmov x0, d1", ["x0"], v={1: vd(3.0, 4.0)})
C("fmov", "fmov d0, x1", ["v0"], x={1: 0x400921fb54442d18})
C("fmov", "fmov x0, v1.d[1]", ["x0"], v={1: vd(3.0, 4.0)})
C("fmov", "fmov v0.d[1], x1", ["v0"], x={1: 0x4010000000000000}, v={0: vd(1.0, 2.0)})
C("fmov", "fmov w0, h1", ["x0"], v={1: vh(-1.0, 5.0)})
C("fmov", "fmov x0, h1", ["x0"], v={1: vh(0.25)})
C("fmov", "fmov h0, w1", ["v0"], x={1: 0x12345678})
C("fmov", "fmov s0, #1.0", ["v0"])
C("fmov", "fmov d0, #-2.5", ["v0"])
C("fmov", "fmov s0, #0.125", ["v0"])
C("fmov", "fmov d0, #31.0", ["v0"])
C("fmov", "fmov h0, #0.5", ["v0"])
C("fmov", ["fmov v0.8h, #-1.25", "fmov v1.4h, #31.0"], ["v0", "v1"])

# FABS / FNEG: bit operations, NaNs untouched, no FPSR
C("absneg", ["fabs s0, s1", "fneg s2, s3"], ["v0", "v2"], v={1: S(S_SNANP), 3: S(S_SNAN)})
C("absneg", ["fabs d0, d1", "fneg d2, d3"], ["v0", "v2"], v={1: D(-0.0), 3: D(0.0)})
C("absneg", ["fabs d0, d1", "fneg d2, d3"], ["v0", "v2"], v={1: D(D_SNANP), 3: D(D_NINF)})
C("absneg", ["fabs h0, h1", "fneg h2, h3"], ["v0", "v2"], v={1: H(-3.0), 3: H(H_SNAN)})

# 2-source arithmetic
C("arith", "fadd s0, s1, s2", ["v0"], v={1: S(1.5), 2: S(2.25)})
C("arith", "fadd d0, d1, d2", ["v0"], v={1: D(0.1), 2: D(0.2)})
C("arith", "fadd s0, s1, s2", ["v0"], v={1: S(1.0), 2: S(2.0 ** -30)})
for rm in (RN, RP, RM, RZ):
    C("arith", "fadd s0, s1, s2", ["v0"], v={1: S(1.0), 2: S(2.0 ** -24 * 1.5)}, fpcr=rm)
    C("arith", "fsub d0, d1, d2", ["v0"], v={1: D(-1.0), 2: D(2.0 ** -53 * 1.5)}, fpcr=rm)
C("arith", "fadd s0, s1, s2", ["v0"], v={1: S(S_MAX), 2: S(S_MAX)})
C("arith", "fadd s0, s1, s2", ["v0"], v={1: S(S_MAX), 2: S(S_MAX)}, fpcr=RZ)
C("arith", "fsub s0, s1, s2", ["v0"], v={1: S(S_INF), 2: S(S_INF)})
C("arith", "fsub d0, d1, d2", ["v0"], v={1: D(1.0), 2: D(1.0)}, fpcr=RM)
C("arith", "fsub d0, d1, d2", ["v0"], v={1: D(1.0), 2: D(1.0)})
C("arith", "fmul s0, s1, s2", ["v0"], v={1: S(0.0), 2: S(S_NINF)})
C("arith", "fmul d0, d1, d2", ["v0"], v={1: D(-0.0), 2: D(5.0)})
C("arith", "fmul d0, d1, d2", ["v0"], v={1: D(D_MINNORM), 2: D(0.5)})
C("arith", "fmul d0, d1, d2", ["v0"], v={1: D(D_MINNORM), 2: D(0.5)}, fpcr=FZ)
C("arith", "fmul s0, s1, s2", ["v0"], v={1: S(S_MINNORM), 2: S(0.75)})
C("arith", "fmul s0, s1, s2", ["v0"], v={1: S(S_MINNORM), 2: S(0.75)}, fpcr=FZ)
C("arith", "fdiv s0, s1, s2", ["v0"], v={1: S(1.0), 2: S(0.0)})
C("arith", "fdiv d0, d1, d2", ["v0"], v={1: D(-1.0), 2: D(0.0)})
C("arith", "fdiv d0, d1, d2", ["v0"], v={1: D(0.0), 2: D(0.0)})
C("arith", "fdiv s0, s1, s2", ["v0"], v={1: S(1.0), 2: S(3.0)})
C("arith", "fdiv d0, d1, d2", ["v0"], v={1: D(1.0), 2: D(3.0)}, fpcr=RP)
C("arith", "fadd s0, s1, s2", ["v0"], v={1: S(S_SNANP), 2: S(1.0)})
C("arith", "fadd s0, s1, s2", ["v0"], v={1: S(S_QNANP), 2: S(S_SNAN)})
C("arith", "fadd d0, d1, d2", ["v0"], v={1: D(D_QNANP), 2: D(D_QNAN)})
C("arith", "fadd d0, d1, d2", ["v0"], v={1: D(1.0), 2: D(D_SNANP)})
C("arith", "fadd d0, d1, d2", ["v0"], v={1: D(1.0), 2: D(D_SNANP)}, fpcr=DN)
C("arith", "fadd s0, s1, s2", ["v0"], v={1: S(S_DEN), 2: S(0.0)}, fpcr=FZ)
C("arith", "fadd s0, s1, s2", ["v0"], v={1: S(S_DEN), 2: S(S_DEN)})
C("arith", "fadd d0, d1, d2", ["v0"], v={1: D(D_DEN), 2: D(1.0)}, fpcr=FZ)
C("arith", "fadd d0, d1, d2", ["v0"], v={1: D(D_DEN), 2: D(1.0)})
C("arith", "fmax s0, s1, s2", ["v0"], v={1: S(-0.0), 2: S(0.0)})
C("arith", "fmin s0, s1, s2", ["v0"], v={1: S(0.0), 2: S(-0.0)})
C("arith", "fmax d0, d1, d2", ["v0"], v={1: D(D_QNAN), 2: D(1.0)})
C("arith", "fmaxnm d0, d1, d2", ["v0"], v={1: D(D_QNAN), 2: D(1.0)})
C("arith", "fminnm s0, s1, s2", ["v0"], v={1: S(2.0), 2: S(S_QNANP)})
C("arith", "fminnm s0, s1, s2", ["v0"], v={1: S(2.0), 2: S(S_SNANP)})
C("arith", "fmin d0, d1, d2", ["v0"], v={1: D(-3.0), 2: D(D_NINF)})
C("arith", "fnmul s0, s1, s2", ["v0"], v={1: S(3.0), 2: S(0.5)})
C("arith", "fnmul d0, d1, d2", ["v0"], v={1: D(D_QNANP), 2: D(0.5)})
C("arith", "fadd h0, h1, h2", ["v0"], v={1: H(1.5), 2: H(0.25)})
C("arith", "fmul h0, h1, h2", ["v0"], v={1: H(300.0), 2: H(300.0)})
C("arith", "fdiv h0, h1, h2", ["v0"], v={1: H(1.0), 2: H(3.0)})
C("arith", "fsub h0, h1, h2", ["v0"], v={1: H(H_SNAN), 2: H(3.0)})
C("arith", "fadd h0, h1, h2", ["v0"], v={1: H(H_DEN), 2: H(0.0)}, fpcr=FZ16)
C("arith", "fadd h0, h1, h2", ["v0"], v={1: H(H_DEN), 2: H(0.0)}, fpcr=FZ)

# 3-source fused
C("fma", "fmadd d0, d1, d2, d3", ["v0"], v={1: D(1.0 + 2.0 ** -30), 2: D(1.0 - 2.0 ** -30), 3: D(-1.0)})
C("fma", "fmadd s0, s1, s2, s3", ["v0"], v={1: S(2.0), 2: S(3.0), 3: S(0.5)})
C("fma", "fmsub s0, s1, s2, s3", ["v0"], v={1: S(2.0), 2: S(3.0), 3: S(0.5)})
C("fma", "fnmadd s0, s1, s2, s3", ["v0"], v={1: S(2.0), 2: S(3.0), 3: S(0.5)})
C("fma", "fnmsub s0, s1, s2, s3", ["v0"], v={1: S(2.0), 2: S(3.0), 3: S(0.5)})
C("fma", "fmadd d0, d1, d2, d3", ["v0"], v={1: D(0.0), 2: D(D_INF), 3: D(D_QNANP)})
C("fma", "fmadd d0, d1, d2, d3", ["v0"], v={1: D(0.0), 2: D(D_INF), 3: D(1.0)})
C("fma", "fnmadd d0, d1, d2, d3", ["v0"], v={1: D(D_QNANP), 2: D(1.0), 3: D(1.0)})
C("fma", "fmsub d0, d1, d2, d3", ["v0"], v={1: D(1.0), 2: D(1.0), 3: D(D_SNANP)})
C("fma", "fnmsub s0, s1, s2, s3", ["v0"], v={1: S(1.0), 2: S(1.0), 3: S(1.0)})
C("fma", "fmadd h0, h1, h2, h3", ["v0"], v={1: H(2.0), 2: H(3.0), 3: H(0.5)})

# FSQRT
C("sqrt", "fsqrt d0, d1", ["v0"], v={1: D(2.0)})
C("sqrt", "fsqrt s0, s1", ["v0"], v={1: S(-1.0)})
C("sqrt", "fsqrt s0, s1", ["v0"], v={1: S(-0.0)})
C("sqrt", "fsqrt d0, d1", ["v0"], v={1: D(D_INF)})
C("sqrt", "fsqrt d0, d1", ["v0"], v={1: D(16.0)})
C("sqrt", "fsqrt h0, h1", ["v0"], v={1: H(2.0)})

# FCVT between precisions
C("fcvt", "fcvt d0, s1", ["v0"], v={1: S(1.1)})
C("fcvt", "fcvt s0, d1", ["v0"], v={1: D(0.1)})
C("fcvt", "fcvt s0, d1", ["v0"], v={1: D(0.1)}, fpcr=RZ)
C("fcvt", "fcvt s0, d1", ["v0"], v={1: D(1e300)})
C("fcvt", "fcvt s0, d1", ["v0"], v={1: D(D_SNANP)})
C("fcvt", "fcvt d0, s1", ["v0"], v={1: S(S_QNANP)})
C("fcvt", "fcvt h0, s1", ["v0"], v={1: S(65520.0)})
C("fcvt", "fcvt h0, s1", ["v0"], v={1: S(65520.0)}, fpcr=AHP)
C("fcvt", "fcvt h0, d1", ["v0"], v={1: D(1.0 / 3)})
C("fcvt", "fcvt d0, h1", ["v0"], v={1: H(H_SNAN)})
C("fcvt", "fcvt s0, h1", ["v0"], v={1: H(-2.5)})
C("fcvt", "fcvt s0, d1", ["v0"], v={1: D(1e-50)})
C("fcvt", "fcvt s0, d1", ["v0"], v={1: D(1e-50)}, fpcr=FZ)

# FRINT*
for val in (2.5, -2.5, 1.5, -0.4999, 0.5):
    C("frint", ["frintn d0, d1", "frintp d2, d1", "frintm d3, d1", "frintz d4, d1",
                "frinta d5, d1"], ["v0", "v2", "v3", "v4", "v5"], v={1: D(val)})
for rm in (RN, RP, RM, RZ):
    C("frint", ["frinti s0, s1", "frintx s2, s3"], ["v0", "v2"], v={1: S(-1.5), 3: S(2.5)}, fpcr=rm)
C("frint", "frintx d0, d1", ["v0"], v={1: D(4.0)})
C("frint", "frintn s0, s1", ["v0"], v={1: S(S_SNANP)})
C("frint", "frintm d0, d1", ["v0"], v={1: D(-0.0)})
C("frint", "frintp d0, d1", ["v0"], v={1: D(-0.25)})
C("frint", "frinta h0, h1", ["v0"], v={1: H(2.5)})
C("frint", "frintz s0, s1", ["v0"], v={1: S(1e20)})
# FRINT32/FRINT64 (FEAT_FRINTTS): out of range, NaN and infinity give -2^(N-1) with IOC only
for val in (2.5, -2.5, 2147483647.5, -2147483648.4, 3e9, 1e19, -9.3e18, D_QNAN, D_NINF, -0.0, D_DEN):
    C("frint", ["frint32z d0, d1", "frint32x d2, d1", "frint64z d3, d1", "frint64x d4, d1"],
      ["v0", "v2", "v3", "v4"], v={1: D(val)}, fpcr=FZ if val == D_DEN else RP)
for val in (2.5, 2147483520.0, 2147483648.0, -2147483648.0, 9.3e18, S_SNAN, S_INF):
    C("frint", ["frint32z s0, s1", "frint32x s2, s1", "frint64z s3, s1", "frint64x s4, s1"],
      ["v0", "v2", "v3", "v4"], v={1: S(val)})
C("frint", ["frint32z v0.4s, v1.4s", "frint64x v2.2d, v3.2d", "frint32x v4.2s, v1.2s", "frint64z v5.2d, v3.2d"],
  ["v0", "v2", "v4", "v5"], v={1: vs(1.5, -3e9, S_QNAN, -0.5), 3: vd(-2.5, 1e19)})

# FCMP / FCMPE
for a, b in ((1.0, 2.0), (2.0, 1.0), (3.0, 3.0), (-0.0, 0.0)):
    C("fcmp", "fcmp d1, d2", [], v={1: D(a), 2: D(b)})
C("fcmp", "fcmp s1, s2", [], v={1: S(S_QNAN), 2: S(1.0)})
C("fcmp", "fcmpe s1, s2", [], v={1: S(S_QNAN), 2: S(1.0)})
C("fcmp", "fcmp s1, s2", [], v={1: S(1.0), 2: S(S_SNAN)})
C("fcmp", "fcmp d1, #0.0", [], v={1: D(-1.0)})
C("fcmp", "fcmpe d1, #0.0", [], v={1: D(D_QNAN)})
C("fcmp", "fcmp s1, #0.0", [], v={1: S(-0.0)})
C("fcmp", "fcmp h1, h2", [], v={1: H(1.0), 2: H(-1.0)})
C("fcmp", "fcmp d1, d2", [], v={1: D(D_DEN), 2: D(0.0)}, fpcr=FZ)

# FCCMP / FCCMPE / FCSEL: both paths
C("fccmp", "fccmp d1, d2, #0x5, eq", [], v={1: D(1.0), 2: D(2.0)}, nzcv=0x4)
C("fccmp", "fccmp d1, d2, #0x5, eq", [], v={1: D(1.0), 2: D(2.0)}, nzcv=0x0)
C("fccmp", "fccmp s1, s2, #0xf, ne", [], v={1: S(S_QNAN), 2: S(2.0)}, nzcv=0x0)
C("fccmp", "fccmpe s1, s2, #0x0, ne", [], v={1: S(S_QNAN), 2: S(2.0)}, nzcv=0x0)
C("fccmp", "fccmpe s1, s2, #0x2, ne", [], v={1: S(S_QNAN), 2: S(2.0)}, nzcv=0x4)
C("fccmp", "fccmp s1, s2, #0x2, al", [], v={1: S(3.0), 2: S(2.0)}, nzcv=0x4)
C("fccmp", "fccmp h1, h2, #0x8, gt", [], v={1: H(3.0), 2: H(3.0)}, nzcv=0x0)
C("fcsel", "fcsel d0, d1, d2, eq", ["v0"], v={1: D(1.0), 2: D(2.0)}, nzcv=0x4)
C("fcsel", "fcsel d0, d1, d2, eq", ["v0"], v={1: D(1.0), 2: D(2.0)}, nzcv=0x0)
C("fcsel", "fcsel s0, s1, s2, lt", ["v0"], v={1: vs(1.0, 9.0), 2: vs(2.0, 8.0)}, nzcv=0x8)
C("fcsel", "fcsel s0, s1, s2, lt", ["v0"], v={1: vs(1.0, 9.0), 2: vs(2.0, 8.0)}, nzcv=0x9)
C("fcsel", "fcsel h0, h1, h2, hi", ["v0"], v={1: vh(1.0, 9.0), 2: vh(2.0, 8.0)}, nzcv=0x2)

# FP -> integer
for val in (1.5, -1.5, 2.5, -2.5, 0.5):
    C("cvt_int", ["fcvtns w0, d1", "fcvtps w2, d1", "fcvtms w3, d1", "fcvtzs w4, d1",
                  "fcvtas w5, d1"], ["x0", "x2", "x3", "x4", "x5"], v={1: D(val)})
C("cvt_int", ["fcvtzs w0, s1", "fcvtzs x2, s1", "fcvtzu w3, s1", "fcvtzu x4, s1"],
  ["x0", "x2", "x3", "x4"], v={1: S(3e9)})
C("cvt_int", ["fcvtzs w0, s1", "fcvtzs x2, s1", "fcvtzu w3, s1", "fcvtzu x4, s1"],
  ["x0", "x2", "x3", "x4"], v={1: S(-3e9)})
C("cvt_int", ["fcvtzs w0, d1", "fcvtzu x2, d1"], ["x0", "x2"], v={1: D(D_QNAN)})
C("cvt_int", ["fcvtzs x0, d1", "fcvtzu x2, d1"], ["x0", "x2"], v={1: D(1e30)})
C("cvt_int", ["fcvtzs x0, d1", "fcvtzu x2, d1"], ["x0", "x2"], v={1: D(-1.0)})
C("cvt_int", ["fcvtnu w0, s1", "fcvtau x2, s1", "fcvtpu w3, s1", "fcvtmu x4, s1"],
  ["x0", "x2", "x3", "x4"], v={1: S(4.5)})
C("cvt_int", ["fcvtzs w0, d1, #8", "fcvtzu x2, d1, #32", "fcvtzs x3, d1, #1"], ["x0", "x2", "x3"],
  v={1: D(-1.00390625 - 2.0 ** -12)})
C("cvt_int", ["fcvtzs w0, s1, #31", "fcvtzs x2, s1, #64"], ["x0", "x2"], v={1: S(0.75)})
C("cvt_int", ["fcvtzs w0, h1", "fcvtns x2, h1", "fcvtzu w3, h1, #4"], ["x0", "x2", "x3"], v={1: H(-7.5)})
C("cvt_int", "fcvtzs w0, d1", ["x0"], v={1: D(D_DEN)}, fpcr=FZ)

# integer -> FP
C("cvtf_int", ["scvtf s0, w1", "ucvtf s2, w1", "scvtf d3, w1", "ucvtf d4, w1"],
  ["v0", "v2", "v3", "v4"], x={1: 0xffffffff})
C("cvtf_int", ["scvtf s0, x1", "ucvtf s2, x1", "scvtf d3, x1", "ucvtf d4, x1"],
  ["v0", "v2", "v3", "v4"], x={1: 0x8000000000000401})
for rm in (RN, RP, RM, RZ):
    C("cvtf_int", ["scvtf s0, w1", "ucvtf d2, x3"], ["v0", "v2"],
      x={1: 0x01000003, 3: 0xffffffffffffffff}, fpcr=rm)
C("cvtf_int", ["scvtf d0, w1, #16", "ucvtf s2, x3, #64", "scvtf d3, x3, #1"], ["v0", "v2", "v3"],
  x={1: 0xfffe8000, 3: 0x8000000000000000})
C("cvtf_int", ["scvtf h0, w1", "ucvtf h2, x3", "scvtf h4, w5, #2"], ["v0", "v2", "v4"],
  x={1: 70000, 3: 2049, 5: 0xfffffffd})
C("cvtf_int", "scvtf s0, wzr", ["v0"])

# FJCVTZS
C("jcvt", "fjcvtzs w0, d1", ["x0"], v={1: D(-2.0)}, nzcv=0xf)
C("jcvt", "fjcvtzs w0, d1", ["x0"], v={1: D(1.5)})
C("jcvt", "fjcvtzs w0, d1", ["x0"], v={1: D(4294967298.0 + 2 ** 40)})
C("jcvt", "fjcvtzs w0, d1", ["x0"], v={1: D(D_QNAN)})

# AdvSIMD three same
C("vec3", "fadd v0.4s, v1.4s, v2.4s", ["v0"], v={1: vs(1.0, 2.0, 3.0, S_INF), 2: vs(0.5, -2.0, 1e-45, S_NINF)})
C("vec3", "fadd v0.2s, v1.2s, v2.2s", ["v0"], v={1: vs(1.0, 2.0, 3.0, 4.0), 2: vs(0.5, 0.25, 9.0, 9.0)})
C("vec3", "fsub v0.2d, v1.2d, v2.2d", ["v0"], v={1: vd(1.0, D_SNANP), 2: vd(0.1, 1.0)})
C("vec3", "fmul v0.4s, v1.4s, v2.4s", ["v0"], v={1: vs(1.5, 0.0, S_MINNORM, 3.0), 2: vs(2.0, S_INF, 0.5, -1.0)})
C("vec3", "fmul v0.4s, v1.4s, v2.4s", ["v0"], v={1: vs(1.5, 0.0, S_MINNORM, 3.0), 2: vs(2.0, 3.0, 0.5, -1.0)}, fpcr=FZ)
C("vec3", "fdiv v0.2d, v1.2d, v2.2d", ["v0"], v={1: vd(1.0, 6.0), 2: vd(0.0, 3.0)})
C("vec3", "fmla v0.4s, v1.4s, v2.4s", ["v0"], v={0: vs(1.0, 2.0, 3.0, 4.0), 1: vs(2.0, 2.0, 2.0, 2.0), 2: vs(0.5, 1.0, -1.5, 2.0)})
C("vec3", "fmls v0.2d, v1.2d, v2.2d", ["v0"], v={0: vd(1.0, 2.0), 1: vd(2.0, D_QNANP), 2: vd(0.5, 1.0)})
C("vec3", "fmla v0.2s, v1.2s, v2.2s", ["v0"], v={0: vs(1.0, 2.0, 3.0, 4.0), 1: vs(2.0, 2.0, 2.0, 2.0), 2: vs(0.5, 1.0, -1.5, 2.0)})
C("vec3", "fabd v0.4s, v1.4s, v2.4s", ["v0"], v={1: vs(1.0, -2.0, 3.0, S_QNANP), 2: vs(3.0, 2.0, 3.0, 1.0)})
C("vec3", "fmulx v0.2d, v1.2d, v2.2d", ["v0"], v={1: vd(0.0, -0.0), 2: vd(D_INF, D_INF)})
C("vec3", "frecps v0.4s, v1.4s, v2.4s", ["v0"], v={1: vs(2.0, 0.0, 1.5, 3.0), 2: vs(0.25, S_INF, 0.5, 3.0)})
C("vec3", "frsqrts v0.2d, v1.2d, v2.2d", ["v0"], v={1: vd(2.0, D_INF), 2: vd(0.25, 0.0)})
C("vec3", "fmax v0.4s, v1.4s, v2.4s", ["v0"], v={1: vs(1.0, -0.0, S_QNAN, 5.0), 2: vs(2.0, 0.0, 1.0, S_SNAN)})
C("vec3", "fminnm v0.4s, v1.4s, v2.4s", ["v0"], v={1: vs(1.0, -0.0, S_QNAN, 5.0), 2: vs(2.0, 0.0, 1.0, S_SNAN)})
C("vec3", "fmaxnm v0.2d, v1.2d, v2.2d", ["v0"], v={1: vd(D_QNAN, -1.0), 2: vd(-5.0, -2.0)})
C("vec3", "fmin v0.2s, v1.2s, v2.2s", ["v0"], v={1: vs(1.0, -1.0), 2: vs(0.5, -0.5)})
C("vec3", "fcmeq v0.4s, v1.4s, v2.4s", ["v0"], v={1: vs(1.0, -0.0, S_QNAN, S_SNAN), 2: vs(1.0, 0.0, S_QNAN, 1.0)})
C("vec3", "fcmge v0.4s, v1.4s, v2.4s", ["v0"], v={1: vs(1.0, -0.0, S_QNAN, 3.0), 2: vs(1.0, 0.0, 1.0, 4.0)})
C("vec3", "fcmgt v0.2d, v1.2d, v2.2d", ["v0"], v={1: vd(2.0, 1.0), 2: vd(1.0, 1.0)})
C("vec3", "facge v0.4s, v1.4s, v2.4s", ["v0"], v={1: vs(-3.0, 1.0, 2.0, -0.0), 2: vs(2.0, -1.0, -3.0, 0.0)})
C("vec3", "facgt v0.4s, v1.4s, v2.4s", ["v0"], v={1: vs(-3.0, 1.0, 2.0, -0.0), 2: vs(2.0, -1.0, -3.0, 0.0)})
C("vec3", "faddp v0.4s, v1.4s, v2.4s", ["v0"], v={1: vs(1.0, 2.0, 3.0, 4.0), 2: vs(10.0, 20.0, 30.0, 40.0)})
C("vec3", "faddp v0.2d, v1.2d, v2.2d", ["v0"], v={1: vd(1.0, 2.0), 2: vd(10.0, 20.0)})
C("vec3", "fmaxp v0.2s, v1.2s, v2.2s", ["v0"], v={1: vs(1.0, 2.0, 99.0, 99.0), 2: vs(-10.0, -20.0, 99.0, 99.0)})
C("vec3", "fminnmp v0.4s, v1.4s, v2.4s", ["v0"], v={1: vs(S_QNAN, 2.0, 3.0, 4.0), 2: vs(10.0, 20.0, S_QNAN, S_QNAN)})
C("vec3", "fmaxnmp v0.2d, v1.2d, v2.2d", ["v0"], v={1: vd(1.0, D_QNAN), 2: vd(D_SNAN, 20.0)})
C("vec3", "fminp v0.4s, v1.4s, v2.4s", ["v0"], v={1: vs(1.0, 2.0, -0.0, 0.0), 2: vs(10.0, 20.0, 30.0, 40.0)})
C("vec3", "fadd v0.8h, v1.8h, v2.8h", ["v0"], v={1: vh(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 65504.0), 2: vh(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 65504.0)})
C("vec3", "fmul v0.4h, v1.4h, v2.4h", ["v0"], v={1: vh(1.5, 2.0, 3.0, 4.0, 5.0), 2: vh(2.0, 0.5, -1.0, H_QNAN, 9.0)})
C("vec3", "fmla v0.8h, v1.8h, v2.8h", ["v0"], v={0: vh(1, 1, 1, 1, 1, 1, 1, 1), 1: vh(2, 3, 4, 5, 6, 7, 8, 9), 2: vh(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5)})
C("vec3", "fcmgt v0.8h, v1.8h, v2.8h", ["v0"], v={1: vh(1, 2, 3, 4, 5, 6, 7, 8), 2: vh(2, 2, 2, 2, 2, 2, 2, H_QNAN)})
C("vec3", "faddp v0.8h, v1.8h, v2.8h", ["v0"], v={1: vh(1, 2, 3, 4, 5, 6, 7, 8), 2: vh(10, 20, 30, 40, 50, 60, 70, 80)})

# scalar three same
C("scl3", "fmulx s0, s1, s2", ["v0"], v={1: S(S_NINF), 2: S(0.0)})
C("scl3", "fmulx d0, d1, d2", ["v0"], v={1: D(3.0), 2: D(0.5)})
C("scl3", "fcmeq d0, d1, d2", ["v0"], v={1: D(3.0), 2: D(3.0)})
C("scl3", "fcmge s0, s1, s2", ["v0"], v={1: S(S_QNAN), 2: S(3.0)})
C("scl3", "fcmgt s0, s1, s2", ["v0"], v={1: S(4.0), 2: S(3.0)})
C("scl3", "facgt d0, d1, d2", ["v0"], v={1: D(-4.0), 2: D(3.0)})
C("scl3", "facge s0, s1, s2", ["v0"], v={1: S(-3.0), 2: S(3.0)})
C("scl3", "fabd d0, d1, d2", ["v0"], v={1: D(1.0), 2: D(4.0)})
C("scl3", "frecps s0, s1, s2", ["v0"], v={1: S(1.5), 2: S(0.5)})
C("scl3", "frsqrts d0, d1, d2", ["v0"], v={1: D(1.5), 2: D(0.5)})
C("scl3", "fabd h0, h1, h2", ["v0"], v={1: H(1.0), 2: H(4.0)})

# two-register misc
C("misc", ["fabs v0.4s, v1.4s", "fneg v2.2d, v3.2d"], ["v0", "v2"], v={1: vs(-1.0, S_SNANP, -0.0, 2.0), 3: vd(D_QNAN, 0.0)})
C("misc", ["fneg v0.2s, v1.2s", "fabs v2.8h, v3.8h"], ["v0", "v2"], v={1: vs(-1.0, 2.0, 3.0, 4.0), 3: vh(-1, -2, 3, -4, 5, -6, 7, -8)})
C("misc", "fsqrt v0.4s, v1.4s", ["v0"], v={1: vs(4.0, 2.0, -1.0, S_INF)})
C("misc", "fsqrt v0.2d, v1.2d", ["v0"], v={1: vd(9.0, -0.0)})
C("misc", ["frintn v0.4s, v1.4s", "frintp v2.4s, v1.4s", "frintm v3.4s, v1.4s", "frintz v4.4s, v1.4s",
           "frinta v5.4s, v1.4s"], ["v0", "v2", "v3", "v4", "v5"], v={1: vs(2.5, -2.5, 0.5, -1.75)})
C("misc", ["frinti v0.2d, v1.2d", "frintx v2.2d, v1.2d"], ["v0", "v2"], v={1: vd(2.5, -0.5)}, fpcr=RP)
C("misc", "frintx v0.2s, v1.2s", ["v0"], v={1: vs(2.0, -7.0, 1.5, 1.5)})
C("misc", ["fcvtns v0.4s, v1.4s", "fcvtms v2.4s, v1.4s", "fcvtas v3.4s, v1.4s", "fcvtps v4.4s, v1.4s",
           "fcvtzs v5.4s, v1.4s"], ["v0", "v2", "v3", "v4", "v5"], v={1: vs(2.5, -2.5, 3e9, S_QNAN)})
C("misc", ["fcvtnu v0.2d, v1.2d", "fcvtmu v2.2d, v1.2d", "fcvtau v3.2d, v1.2d", "fcvtpu v4.2d, v1.2d",
           "fcvtzu v5.2d, v1.2d"], ["v0", "v2", "v3", "v4", "v5"], v={1: vd(-1.5, 2.5)})
C("misc", ["scvtf v0.4s, v1.4s", "ucvtf v2.4s, v1.4s"], ["v0", "v2"], v={1: vs(1, 0xffffffff, 0x7fffffff, 0x80000000)})
C("misc", ["scvtf v0.2d, v1.2d", "ucvtf v2.2d, v1.2d"], ["v0", "v2"], v={1: vd(0xffffffffffffffff, 3)})
C("misc", ["fcvtzs v0.8h, v1.8h", "scvtf v2.4h, v3.4h"], ["v0", "v2"],
  v={1: vh(1.5, -2.5, 65504.0, H_QNAN, -0.5, 100.0, 7.0, -7.0), 3: vh(Raw(1), Raw(0xffff), Raw(0x7fff), Raw(0x8000))})
C("misc", ["frecpe v0.4s, v1.4s", "frsqrte v2.4s, v1.4s"], ["v0", "v2"], v={1: vs(2.0, 0.0, -3.0, S_INF)})
C("misc", ["frecpe v0.2d, v1.2d", "frsqrte v2.2d, v1.2d"], ["v0", "v2"], v={1: vd(10.0, D_DEN)})
C("misc", ["urecpe v0.4s, v1.4s", "ursqrte v2.4s, v1.4s"], ["v0", "v2"], v={1: vs(0x80000000, 0x12345678, 0xffffffff, 0x40000000)})
C("misc", ["frecpe s0, s1", "frsqrte d2, d3", "frecpx s4, s1", "frecpx d5, d3"], ["v0", "v2", "v4", "v5"],
  v={1: S(5.0), 3: D(0.3)})
C("misc", ["frecpx s0, s1", "frecpx d2, d3"], ["v0", "v2"], v={1: S(S_DEN), 3: D(D_QNAN)})
C("misc", ["fcmeq v0.4s, v1.4s, #0.0", "fcmge v2.4s, v1.4s, #0.0", "fcmgt v3.4s, v1.4s, #0.0",
           "fcmle v4.4s, v1.4s, #0.0", "fcmlt v5.4s, v1.4s, #0.0"], ["v0", "v2", "v3", "v4", "v5"],
  v={1: vs(-0.0, 1.0, -1.0, S_QNAN)})
C("misc", ["fcmeq d0, d1, #0.0", "fcmge d2, d1, #0.0", "fcmlt s3, s4, #0.0", "fcmle s5, s4, #0.0"],
  ["v0", "v2", "v3", "v5"], v={1: D(0.0), 4: S(-2.0)})
C("misc", ["fcmgt v0.2d, v1.2d, #0.0", "fcmeq v2.8h, v3.8h, #0.0"], ["v0", "v2"],
  v={1: vd(1.0, D_SNAN), 3: vh(0, -0.0, 1, H_QNAN, 0, 0, 2, 0)})
C("misc", ["fcvtn v0.4h, v1.4s", "fcvtn2 v0.8h, v2.4s"], ["v0"], v={1: vs(1.0, 65520.0, 1e-8, S_SNANP), 2: vs(2.0, 3.0, 4.0, 5.0)})
C("misc", ["fcvtn v0.2s, v1.2d", "fcvtn2 v2.4s, v1.2d"], ["v0", "v2"], v={1: vd(0.1, 1e300), 2: vd(7.0, 8.0)})
C("misc", ["fcvtl v0.4s, v1.4h", "fcvtl2 v2.4s, v1.8h"], ["v0", "v2"], v={1: vh(1.0, -2.0, H_SNAN, H_INF, 0.5, 0.25, H_DEN, 3.0)})
C("misc", ["fcvtl v0.2d, v1.2s", "fcvtl2 v2.2d, v1.4s"], ["v0", "v2"], v={1: vs(1.1, S_QNANP, S_DEN, -0.0)})
C("misc", ["fcvtxn v0.2s, v1.2d", "fcvtxn2 v2.4s, v1.2d", "fcvtxn s3, d4"], ["v0", "v2", "v3"],
  v={1: vd(1.0 + 2.0 ** -30, 0.1), 2: vd(5.0, 6.0), 4: D(1e300)})
C("misc", ["fcvtns s0, s1", "fcvtzu d2, d3", "scvtf s4, s5", "ucvtf d6, d7"], ["v0", "v2", "v4", "v6"],
  v={1: S(-2.5), 3: D(7.9), 5: S(0xfffffffe), 7: D(0xffffffffffffffff)})

# across lanes
C("reduce", ["fmaxv s0, v1.4s", "fminv s2, v1.4s", "fmaxnmv s3, v1.4s", "fminnmv s4, v1.4s"],
  ["v0", "v2", "v3", "v4"], v={1: vs(1.0, -5.0, 7.0, 2.0)})
C("reduce", ["fmaxv s0, v1.4s", "fminv s2, v1.4s", "fmaxnmv s3, v1.4s", "fminnmv s4, v1.4s"],
  ["v0", "v2", "v3", "v4"], v={1: vs(1.0, S_QNAN, 7.0, 2.0)})
C("reduce", ["fmaxv h0, v1.8h", "fminnmv h2, v1.4h"], ["v0", "v2"], v={1: vh(1, 9, -3, H_QNAN, 100, 2, 3, 4)})

# scalar pairwise
C("pair", ["faddp s0, v1.2s", "faddp d2, v3.2d", "fmaxp s4, v1.2s", "fminnmp d5, v3.2d"],
  ["v0", "v2", "v4", "v5"], v={1: vs(1.5, 2.25, 100.0, 100.0), 3: vd(D_QNAN, 4.0)})
C("pair", ["fmaxnmp s0, v1.2s", "fminp d2, v3.2d"], ["v0", "v2"], v={1: vs(S_SNAN, 2.0), 3: vd(-0.0, 0.0)})
C("pair", ["faddp h0, v1.2h", "fmaxp h2, v1.2h"], ["v0", "v2"], v={1: vh(1.5, 2.5, 9, 9)})

# by element
C("elem", "fmul v0.4s, v1.4s, v2.s[3]", ["v0"], v={1: vs(1.0, 2.0, 3.0, 4.0), 2: vs(9.0, 9.0, 9.0, 0.5)})
C("elem", "fmul v0.2s, v1.2s, v18.s[1]", ["v0"], v={1: vs(1.0, 2.0, 3.0, 4.0)})
C("elem", "fmla v0.2d, v1.2d, v2.d[1]", ["v0"], v={0: vd(1.0, 2.0), 1: vd(3.0, 4.0), 2: vd(9.0, 0.5)})
C("elem", "fmls v0.4s, v1.4s, v2.s[0]", ["v0"], v={0: vs(1.0, 2.0, 3.0, 4.0), 1: vs(1.0, 2.0, 3.0, 4.0), 2: vs(2.0, 9.0)})
C("elem", "fmulx v0.2d, v1.2d, v2.d[0]", ["v0"], v={1: vd(D_INF, 3.0), 2: vd(-0.0, 1.0)})
C("elem", "fmul s0, s1, v2.s[2]", ["v0"], v={1: S(3.0), 2: vs(1.0, 1.0, 0.25, 1.0)})
C("elem", "fmla d0, d1, v2.d[1]", ["v0"], v={0: D(1.0), 1: D(3.0), 2: vd(9.0, 0.5)})
C("elem", "fmulx s0, s1, v2.s[1]", ["v0"], v={1: S(0.0), 2: vs(1.0, S_NINF)})
C("elem", "fmul v0.8h, v1.8h, v2.h[7]", ["v0"], v={1: vh(1, 2, 3, 4, 5, 6, 7, 8), 2: vh(0, 0, 0, 0, 0, 0, 0, 0.5)})
C("elem", "fmla h0, h1, v2.h[5]", ["v0"], v={0: H(1.0), 1: H(3.0), 2: vh(0, 0, 0, 0, 0, 2.0)})

# fixed-point shifts
C("fixed", ["scvtf v0.4s, v1.4s, #16", "ucvtf v2.4s, v1.4s, #32"], ["v0", "v2"], v={1: vs(0x10000, 0xffff0000, 0x8000, 1)})
C("fixed", ["fcvtzs v0.2d, v1.2d, #32", "fcvtzu v2.2d, v1.2d, #1"], ["v0", "v2"], v={1: vd(1.5, -0.25)})
C("fixed", ["fcvtzs v0.2s, v1.2s, #3", "ucvtf s2, s3, #4", "fcvtzu d4, d5, #1", "scvtf d6, d7, #64"],
  ["v0", "v2", "v4", "v6"], v={1: vs(1.3, -1.3, 5.0, 5.0), 3: S(0x50), 5: D(3.75), 7: D(0x8000000000000000)})
C("fixed", ["fcvtzs v0.8h, v1.8h, #4", "scvtf v2.4h, v3.4h, #8"], ["v0", "v2"],
  v={1: vh(1.5, -2.25, 2048.0, 0.0625, 0.03125, 1, 1, 1), 3: vh(Raw(0x100), Raw(0xff00), Raw(1), Raw(0x7fff))})

# upper half zeroing of scalar / 64-bit writes mixed in one block
C("zero", ["fadd s0, s1, s2", "fmul v3.2s, v1.2s, v2.2s", "fsqrt d4, d5", "fcvtn v6.2s, v5.2d"],
  ["v0", "v3", "v4", "v6"], v={1: vs(1.0, 2.0, 3.0, 4.0), 2: vs(1.0, 2.0, 3.0, 4.0), 5: vd(4.0, 9.0)})

# ---------------------------------------------------------------- machinery


def default_v(k):
    return (0xdead0000beef0000 | k << 8 | k, 0x5a5a00005a5a0000 | k << 40 | k)


def default_x(k):
    return 0x1111000022220000 | k


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        # 1. assemble every case's instructions to words
        src = [".text"]
        for i, c in enumerate(CASES):
            src.append(f"w{i}:")
            src += ["    " + a for a in c["asm"]]
        with open(f"{tmp}/w.s", "w") as f:
            f.write("\n".join(src) + "\n")
        run([CROSS + "as", "-march=armv8.5-a+fp16", "-o", f"{tmp}/w.o", f"{tmp}/w.s"])
        run([CROSS + "objcopy", "-O", "binary", "-j", ".text", f"{tmp}/w.o", f"{tmp}/w.bin"])
        data = open(f"{tmp}/w.bin", "rb").read()
        words = struct.unpack(f"<{len(data) // 4}I", data)
        pos = 0
        for c in CASES:
            c["words"] = words[pos:pos + len(c["asm"])]
            pos += len(c["asm"])

        # 2. the oracle program
        a = [".text"]
        for i, c in enumerate(CASES):
            a += [f".globl case_{i}", f"case_{i}:",
                  "    stp x19, x20, [sp, #-16]!", "    mov x19, x0",
                  "    ldr x9, [x19, #0]", "    msr fpcr, x9",
                  "    ldr x9, [x19, #8]", "    msr nzcv, x9", "    msr fpsr, xzr"]
            a += [f"    ldr q{k}, [x19, #{96 + 16 * k}]" for k in range(8)]
            a += [f"    ldp x{k}, x{k + 1}, [x19, #{32 + 8 * k}]" for k in range(0, 8, 2)]
            a += ["    " + s for s in c["asm"]]
            a += [f"    stp x{k}, x{k + 1}, [x19, #{32 + 8 * k}]" for k in range(0, 8, 2)]
            a += [f"    str q{k}, [x19, #{96 + 16 * k}]" for k in range(8)]
            a += ["    mrs x9, nzcv", "    str x9, [x19, #8]", "    mrs x9, fpsr", "    str x9, [x19, #16]",
                  "    msr fpcr, xzr", "    ldp x19, x20, [sp], #16", "    ret"]
        a += [".section .rodata", ".balign 8", ".globl case_table", "case_table:"]
        a += [f"    .quad case_{i}" for i in range(len(CASES))]
        a += [".globl case_count", "case_count:", f"    .word {len(CASES)}", ".balign 16", ".globl case_inputs",
              "case_inputs:"]
        for c in CASES:
            a.append(f"    .quad {c['fpcr']}, {c['nzcv'] << 28}, 0, 0")
            a.append("    .quad " + ", ".join(str(c["x"].get(k, default_x(k))) for k in range(8)))
            for k in range(8):
                lo, hi = c["v"].get(k, default_v(k))
                a.append(f"    .quad {lo}, {hi}")
        with open(f"{tmp}/o.s", "w") as f:
            f.write("\n".join(a) + "\n")
        run([CROSS + "gcc", "-static", "-O1", "-march=armv8.5-a+fp16", "-o", f"{tmp}/oracle",
             "tests/fp/oracle-harness.c", f"{tmp}/o.s"])
        out = run([QEMU, "-cpu", "max", f"{tmp}/oracle"]).stdout.split("\n")
        for line in out:
            f = line.split()
            if not f:
                continue
            c = CASES[int(f[0])]
            c["nzcv_out"] = int(f[1], 16)
            c["fpsr_out"] = int(f[2], 16)
            c["x_out"] = [int(v, 16) for v in f[3:11]]
            c["v_out"] = [(int(f[11 + 2 * k], 16), int(f[12 + 2 * k], 16)) for k in range(8)]

    # 3. the C table
    lines = []
    for c in CASES:
        xm = vm = 0
        for o in c["out"]:
            n = int(o[1:])
            if o[0] == "x":
                xm |= 1 << n
            else:
                vm |= 1 << n
        wl = ", ".join(f"0x{w:08x}" for w in c["words"])
        lines.append(f"    {{ \"{c['group']}\", \"{'; '.join(c['asm'])}\", {{ {wl} }}, {len(c['words'])},")
        lines.append(f"      0x{c['fpcr']:x}, 0x{c['nzcv']:x}, 0x{xm:02x}, 0x{vm:02x}, 0x{c['nzcv_out']:x}, 0x{c['fpsr_out']:x},")
        lines.append("      { " + ", ".join(f"0x{c['x'].get(k, default_x(k)):x}ull" for k in range(8)) + " },")
        lines.append("      { " + ", ".join("{ 0x%xull, 0x%xull }" % c["v"].get(k, default_v(k)) for k in range(8)) + " },")
        lines.append("      { " + ", ".join(f"0x{v:x}ull" for v in c["x_out"]) + " },")
        lines.append("      { " + ", ".join("{ 0x%xull, 0x%xull }" % v for v in c["v_out"]) + " } },")
    text = open(TEST_C).read()
    b = text.index("/* BEGIN GENERATED")
    b = text.index("\n", b) + 1
    e = text.index("/* END GENERATED")
    text = text[:b] + "\n".join(lines) + "\n" + text[e:]
    open(TEST_C, "w").write(text)
    print(f"{len(CASES)} cases written to {TEST_C}")


if __name__ == "__main__":
    main()
