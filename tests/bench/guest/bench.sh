#!/bin/sh
# Runs inside the benchmark guest (busybox sh), started by the initramfs's
# /init through test=script:bench.sh; the kernel command line's
# bench=PART[,PART...] says which parts to run: shell, blk-read, blk-write.
# Every part prints a START and an END marker on the console; the host
# timestamps the lines as they arrive and takes the time between them (the
# guest's own clock is not used).  The disks are told apart by the
# signature the host wrote at their start, so that the read-only test disk
# is never written whatever order the emulator gives them.
parts=
for arg in $(cat /proc/cmdline); do
    case "$arg" in
    bench=*) parts=$(echo "${arg#bench=}" | tr , ' ') ;;
    esac
done

find_disk() {  # signature -> /dev/vdX holding it
    for d in /dev/vda /dev/vdb /dev/vdc; do
        [ -b "$d" ] || continue
        if [ "$(dd if="$d" bs=16 count=1 2>/dev/null)" = "$1" ]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}

# A few thousand iterations of what shell scripts do: arithmetic, tests,
# case, string operations, and every 16th iteration a pipeline and a
# command substitution that fork and exec busybox applets by path.
shell_loop() {
    i=0 s=7 n=0 str=
    while [ $i -lt 3000 ]; do
        s=$(( (s * 1103515245 + 12345 + i) % 2147483648 ))
        case $(( s % 3 )) in
        0) str="a$str" ;;
        1) str="${str#a}" ;;
        *) [ ${#str} -gt 8 ] && str=b ;;
        esac
        if [ $(( s % 5 )) -eq 2 ] && [ "$str" != b ]; then
            n=$(( n + 1 ))
        fi
        if [ $(( i % 16 )) -eq 0 ]; then
            h=$(/bin/echo "$s $str" | /usr/bin/md5sum)
            n=$(( n + $(/usr/bin/expr "${h%% *}" : '[0-9]*') ))
        fi
        i=$(( i + 1 ))
    done
    echo "$s $n ${#str}"
}

for part in $parts; do
    case "$part" in
    shell)
        echo "BENCH-SHELL-START"
        r=$(shell_loop)
        echo "BENCH-SHELL-END $r"
        ;;
    blk-read|blk-write)
        sig=BENCH-READ-DISK0
        [ "$part" = blk-write ] && sig=BENCH-WRITEDISK0
        # virtio_blk was insmod'ed by /init; its disks may take a moment.
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            d=$(find_disk $sig) && break
            sleep 1
        done
        [ -n "$d" ] || { echo "BENCH-ERROR no disk with signature $sig"; continue; }
        if [ "$part" = blk-read ]; then
            echo "BENCH-READ-START $d"
            dd if="$d" of=/dev/null bs=1M count=256 2>&1
            echo "BENCH-READ-END"
        else
            echo "BENCH-WRITE-START $d"
            dd if=/dev/zero of="$d" bs=1M count=256 conv=fsync 2>&1
            echo "BENCH-WRITE-END"
        fi
        ;;
    *)
        echo "BENCH-ERROR unknown part $part"
        ;;
    esac
done
exit 0
