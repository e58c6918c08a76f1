#!/bin/bash
# Build one bare-metal C test: build.sh NAME OUTDIR  ->  OUTDIR/NAME.elf
set -e
here=$(cd "$(dirname "$0")" && pwd)
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
mkdir -p "$2"
"$cc" -O1 -g -std=gnu11 -Wall -Wextra -Werror -nostdlib -ffreestanding -mgeneral-regs-only \
    -mstrict-align -fno-jump-tables -fno-pic -fno-stack-protector -static -march=armv8-a \
    -Wl,-T,"$here/link.ld" -Wl,--no-warn-rwx-segments -Wl,--build-id=none \
    -o "$2/$1.elf" "$here/start.S" "$here/rt.c" "$here/pt.c" "$here/$1.c"
