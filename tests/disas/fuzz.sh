#!/bin/sh
# Random-word differential of target-arm/disas.c against GNU objdump (not part
# of make check: objdump knows extensions we do not decode).  Prints the words
# whose text differs, objdump's "undefined" and our ".inst" counted as equal.
#   sh tests/disas/fuzz.sh [COUNT] [SEED]   (from the top of a built tree)
set -e
n=${1:-20000}; seed=${2:-1}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cc -std=gnu11 -O1 -I. -Iinclude -Ibuild/gen tests/disas/fuzz.c build/libemu.a -lm -lpthread -o "$tmp/fuzz"
python3 - "$n" "$seed" "$tmp/w.bin" <<'PY'
import random, struct, sys
n, seed, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
random.seed(seed)
with open(path, "wb") as fh:
    for _ in range(n):
        fh.write(struct.pack("<I", random.getrandbits(32)))
PY
aarch64-linux-gnu-objdump -D -b binary -m aarch64 --adjust-vma=0x400000 "$tmp/w.bin" |
  sed -n 's/^ *\([0-9a-f]*\):\t\([0-9a-f]\{8\}\) \t\(.*\)$/\1\t\2\t\3/p' > "$tmp/obj"
cut -f1,2 "$tmp/obj" | tr '\t' ' ' | "$tmp/fuzz" > "$tmp/ours"
python3 - "$tmp/obj" "$tmp/ours" <<'PY'
import re, sys
def norm(t):
    t = t.split("//")[0].split(" ; ")[0]
    t = re.sub(r"\b([0-9a-f]+) <[^>]*>", r"0x\1", t)
    t = re.sub(r"^(b|bl|b\.\w+|cbn?z|tbn?z|adrp?|ldr|ldrsw|prfm)(\s.*?)\b([0-9a-f]{6,})$", r"\1\2 0x\3", t)
    return " ".join(t.split()).replace(", ", ",").replace(",", ", ")
obj = [l.rstrip("\n").split("\t", 2) for l in open(sys.argv[1])]
ours = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[2])]
same = diff = 0
for (a, w, t), (w2, o) in zip(obj, ours):
    t, o = norm(t), " ".join(o.split())
    if t == o or (t.startswith(".inst") and o.startswith(".inst")):
        same += 1
    else:
        diff += 1
        print(f"{w}\tobjdump: {t}\n\tours:    {o}")
print(f"{same} same, {diff} differ", file=sys.stderr)
PY
