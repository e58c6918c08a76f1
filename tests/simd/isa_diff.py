#!/usr/bin/env python3
"""Differential test of AdvSIMD / crypto / SIMD&FP load-store instructions: every
instruction of the case files runs on N random input states (V0-V7, X0-X3 and a 192-byte
memory block at X10 - 64, rich in lane-wise edge values) inside one static program, under
qemu-aarch64-static -cpu max and under our emulator; the registers, FPSR and memory after
each instruction must be identical.

    isa_diff.py EMULATOR_COMMAND WORKDIR CASEFILE...     (env: SEED, N, V=1 for dumps)

Prints "isa_diff: N passed, M failed" (counted in instructions) and exits 1 on a difference."""
import random, subprocess, sys, os, struct
EMU = os.environ.get("EMU", "build/aarch64-user")
WORK = "/tmp"
random.seed(int(os.environ.get("SEED", "1")))
EDGE = [0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
        0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, 0xfe, 0x100, 0x3f, 0x40, 0xc0]

def rnd_q():
    r = random.random()
    if r < 0.4:
        return random.getrandbits(128)
    # lane-wise edges
    esz = random.choice([1, 2, 4, 8])
    v = 0
    for i in range(16 // esz):
        e = random.choice(EDGE + [random.getrandbits(8 * esz)]) & ((1 << (8 * esz)) - 1)
        if random.random() < 0.3:
            e = random.getrandbits(3) if random.random() < 0.5 else (-random.getrandbits(3)) & ((1 << (8*esz))-1)
        v |= e << (8 * esz * i)
    return v

def build(cases, nin, tag):
    lines = [".global _start", "_start:"]
    data = [".data", ".balign 16"]
    outd = [".section .outdata, \"aw\"", ".balign 16"]
    idx = 0
    meta = []
    for ci, insn in enumerate(cases):
        for k in range(nin):
            lines += [f"  adr x20, in_{idx}", "  ldp q0, q1, [x20]", "  ldp q2, q3, [x20, #32]",
                      "  ldp q4, q5, [x20, #64]", "  ldp q6, q7, [x20, #96]",
                      "  ldp x0, x1, [x20, #128]", "  ldp x2, x3, [x20, #144]",
                      f"  adr x10, mem_{idx}", "  add x10, x10, #64", "  mov x11, #16", "  mov x12, #-8",
                      "  msr fpsr, xzr"]
            lines += ["  " + s for s in insn.split(";")]
            lines += ["  mrs x22, fpsr", f"  adrp x20, out_{idx}", f"  add x20, x20, :lo12:out_{idx}", "  stp q0, q1, [x20]", "  stp q2, q3, [x20, #32]",
                      "  stp q4, q5, [x20, #64]", "  stp q6, q7, [x20, #96]", "  stp x0, x1, [x20, #128]",
                      "  stp x2, x3, [x20, #144]", "  str x22, [x20, #160]",
                      f"  adr x21, mem_{idx}", "  sub x10, x10, x21", "  sub x11, x11, x21", "  stp x10, x11, [x20, #168]"]
            lines += [f"  ldr q16, [x21, #{16*j}]; str q16, [x20, #{192+16*j}]".replace("; ", "\n  ") for j in range(12)]
            vin = b"".join(rnd_q().to_bytes(16, "little") for _ in range(8))
            xin = b"".join(random.choice([random.getrandbits(64), random.choice(EDGE), random.getrandbits(5)]).to_bytes(8, "little") for _ in range(4))
            data += [f"in_{idx}: .byte " + ",".join(str(b) for b in vin + xin)]
            data += [f"mem_{idx}: .byte " + ",".join(str(random.getrandbits(8)) for _ in range(192))]
            outd += [f"out_{idx}: .fill 384, 1, 0"]
            meta.append((ci, insn))
            idx += 1
    lines += ["  adrp x1, out_0", "  add x1, x1, :lo12:out_0", f"  adrp x2, out_{idx-1}", f"  add x2, x2, :lo12:out_{idx-1}", "  add x2, x2, #384", "  sub x2, x2, x1",
              "  mov x0, #1", "  mov x8, #64", "  svc 0",
              "  mov x0, #0", "  mov x8, #93", "  svc 0", ".ltorg"]
    src = os.path.join(WORK, f"{tag}.S")
    open(src, "w").write("\n".join(lines + data + outd) + "\n")
    r = subprocess.run(["aarch64-linux-gnu-as", "-march=armv8.2-a+crypto+dotprod+rdm+sha3", src, "-o", src[:-2] + ".o"], capture_output=True, text=True)
    if r.returncode:
        print(r.stderr[:3000]); sys.exit(1)
    subprocess.run(["aarch64-linux-gnu-ld", "-static", "-Ttext=0x400000", src[:-2] + ".o", "-o", src[:-2]], check=True)
    return src[:-2], meta

def run(cases, nin=6, tag="t"):
    exe, meta = build(cases, nin, tag)
    a = subprocess.run(["qemu-aarch64-static", "-cpu", "max", exe], capture_output=True).stdout
    b = subprocess.run(EMU.split() + ["-cpu", "max", exe], capture_output=True)
    if b.returncode:
        print("emu failed", b.returncode, b.stderr.decode()[:500])
    b = b.stdout
    n = len(meta)
    bad = set()
    for i in range(n):
        oa, ob = a[384*i:384*i+384], b[384*i:384*i+384]
        ma, mb = a[192*n+ 192*(3*i):][:1], None
        if oa != ob:
            bad.add(meta[i][1])
            if os.environ.get("V"):
                print(meta[i][1]); print(" q", oa.hex()); print(" e", ob.hex())
    # memory areas: after out region, each 'mem' block interleaved in data; compare whole tail
    if len(a) != len(b):
        print("output sizes differ", len(a), len(b))
    for c in cases:
        if c in bad:
            print("DIFF:", c)
    return len(cases) - len(bad), len(bad)

if __name__ == "__main__":
    EMU, WORK = sys.argv[1], sys.argv[2]
    os.makedirs(WORK, exist_ok=True)
    tp = tf = 0
    for f in sys.argv[3:]:
        cases = [l.strip() for l in open(f) if l.strip() and not l.startswith("#")]
        p, fl = run(cases, int(os.environ.get("N", "6")), os.path.basename(f))
        tp, tf = tp + p, tf + fl
    print(f"isa_diff: {tp} passed, {tf} failed")
    sys.exit(1 if tf else 0)
