#!/bin/bash
# make demo: fetch Debian's arm64 kernel and busybox, pack an initramfs, and
# boot them on aarch64-system to a busybox shell on the console (Ctrl-A x
# quits).  Without a terminal on stdin the guest powers itself off after
# reaching init, so the demo also works in scripts.  The same busybox also
# runs directly through aarch64-user first.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cache="$root/tests/cache"

"$root/tests/guest/fetch-debian-arm64.sh" --cache "$cache"
"$root/tests/guest/mkinitramfs.sh" --cache "$cache" >/dev/null

echo "demo: Debian's arm64 busybox through aarch64-user:"
"$root/build/aarch64-user" "$cache/arm64/busybox" echo "  hello from arm64 busybox on $("$root/build/aarch64-user" "$cache/arm64/busybox" uname -m)"

append="console=ttyAMA0"
if [ -t 0 ]; then
    echo "demo: booting the Debian arm64 kernel on aarch64-system; a busybox shell follows (Ctrl-A x quits)"
else
    append="$append test=poweroff"
    echo "demo: booting the Debian arm64 kernel on aarch64-system (no terminal: the guest powers off after init)"
fi
exec "$root/build/aarch64-system" -M virt -cpu cortex-a57 -smp 2 -m 1G \
    -kernel "$cache/arm64/Image" -initrd "$cache/arm64/initramfs.cpio.gz" \
    -append "$append" -nographic
