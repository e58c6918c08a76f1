#!/bin/sh
# Make sure the Debian packages the build and the tests need are installed.
# As root, installs what is missing with apt-get; otherwise prints the exact
# apt-get line and fails, so `make check` and `make demo` work on a fresh
# Debian 12 machine or say precisely what to do.
#
#   scripts/ensure-deps.sh [build|check|demo]   (default: check)

set -eu

build_pkgs="gcc make pkg-config python3 libc6-dev libfdt-dev libglib2.0-dev libpixman-1-dev libslirp-dev libcunit1-dev"
# Cross compiler for our guest test programs; QEMU as the test oracle only.
check_pkgs="$build_pkgs gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static qemu-system-arm bc gdb-multiarch"
# Fetching Debian's arm64 kernel and busybox and packing an initramfs.
demo_pkgs="$build_pkgs cpio gzip file apt kmod"

case "${1:-check}" in
    build) want=$build_pkgs ;;
    check) want=$check_pkgs ;;
    demo) want=$demo_pkgs ;;
    *) echo "ensure-deps.sh: unknown set '$1' (build, check or demo)" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
        *" installed") ;;
        *) missing="$missing $p" ;;
    esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    echo "ensure-deps.sh: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    # shellcheck disable=SC2086
    apt-get install -y -q $missing >/dev/null
else
    echo "ensure-deps.sh: missing Debian packages; run: sudo apt-get install -y$missing" >&2
    exit 1
fi
