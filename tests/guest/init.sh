#!/bin/sh
# /init of the test initramfs built by mkinitramfs.sh; run by busybox sh as
# PID 1.  Kernel command line switches (see README.md):
#   test=poweroff       print the boot marker, load modules, power off
#   test=script:NAME    run /tests/NAME, print its exit status, power off
#   (neither)           interactive shell on the console
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
export HOME=/root

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts
mount -t devpts devpts /dev/pts 2>/dev/null

# If the archive had no /dev/console node (built without root), the kernel
# started us without stdin/stdout; devtmpfs has the node now.
if [ ! -t 1 ] && [ -c /dev/console ]; then
    exec </dev/console >/dev/console 2>&1
fi

echo "BOOT-OK: busybox init reached"

if [ -f /etc/modules-load ]; then
    while read -r mod; do
        case "$mod" in ''|'#'*) continue ;; esac
        insmod "$mod" || echo "init: insmod $mod failed"
    done </etc/modules-load
fi

# The kernel hands unknown key=value arguments to init as environment
# variables too, but /proc/cmdline is the unambiguous source.
mode=
for arg in $(cat /proc/cmdline); do
    case "$arg" in
    test=*) mode=${arg#test=} ;;
    esac
done

case "$mode" in
poweroff)
    echo "init: test=poweroff, powering off"
    sync
    poweroff -f
    ;;
script:*)
    name=${mode#script:}
    if [ -f "/tests/$name" ]; then
        echo "init: running /tests/$name"
        if [ -x "/tests/$name" ]; then "/tests/$name"; else sh "/tests/$name"; fi
        echo "TEST-EXIT: $name $?"
    else
        echo "init: no test script /tests/$name"
        echo "TEST-EXIT: $name 127"
    fi
    sync
    poweroff -f
    ;;
esac

# Interactive: a new session with the console as controlling tty, so that
# job control and ^C work.
if command -v setsid >/dev/null && command -v cttyhack >/dev/null; then
    exec setsid cttyhack sh
fi
exec sh
