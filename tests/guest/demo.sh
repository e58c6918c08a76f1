#!/bin/bash
# make demo: fetch Debian's arm64 busybox (and kernel) and run it.
#
# Until aarch64-system boots Linux (issues #7/#8), the demo runs Debian's
# static arm64 busybox through aarch64-user: first a few non-interactive
# commands, then an interactive `busybox sh` when stdin is a terminal.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cache="$root/tests/cache"
user="$root/build/aarch64-user"

"$root/tests/guest/fetch-debian-arm64.sh" --cache "$cache"
"$root/tests/guest/mkinitramfs.sh" --cache "$cache" >/dev/null

busybox="$cache/arm64/busybox"
echo "demo: running Debian's arm64 busybox ($(grep -m1 busybox "$cache/arm64/VERSIONS" || true)) through aarch64-user"
"$user" "$busybox" echo "hello from arm64 busybox"
"$user" "$busybox" uname -m
if [ -t 0 ]; then
    echo "demo: interactive arm64 busybox shell; type 'exit' to leave"
    exec "$user" "$busybox" sh
fi
