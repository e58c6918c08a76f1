#!/bin/sh
# make check suite: the FP library against qemu-aarch64-static (see tests/fpu-oracle/run.sh).
exec sh "$(dirname "$0")/../fpu-oracle/run.sh" "${FPU_ORACLE_COUNT:-150}"
