# System workloads (sourced by run.sh): aarch64-system against Debian's
# qemu-system-aarch64, both given the same command line: -M virt -m 1G,
# Debian's arm64 kernel (tests/guest/fetch-debian-arm64.sh) and one busybox
# initramfs built here by tests/guest/mkinitramfs.sh with the virtio_blk
# module and tests/bench/guest/ added (its /init is tests/guest/init.sh).
#
# Times are the host's: tsread starts the emulator and stamps every console
# line as it arrives, and a workload's time runs from the emulator's start,
# or from one marker line, to another marker line.
#
#   boot-a57, boot-max, boot-max-smp4: from the start to init's
#     "BOOT-OK: busybox init reached" in a boot that does nothing else
#     (test=poweroff: the guest then powers off, and the emulator must exit 0);
#   shell-loop, blk-read, blk-write: one boot (-cpu cortex-a57 -smp 1) whose
#     /tests/bench.sh runs a busybox shell loop, then dd bs=1M of a 256 MiB
#     raw disk to /dev/null, then dd bs=1M conv=fsync of /dev/zero to a
#     second one, each between START and END markers.

sys_emu() {  # RUNNER: sets emu to the emulator's command
    case $1 in
    ours) emu=("$top/build/aarch64-system") ;;
    qemu) emu=(qemu-system-aarch64) ;;
    esac
}

sysdir=$out/system
image=$top/tests/cache/arm64/Image
disk_mib=256

# Boot once: stdout is the tsread log.  Extra arguments go to the emulator.
boot_guest() {  # RUNNER CPU SMP APPEND [ARGS...]
    local runner=$1 cpu=$2 smp=$3 append=$4
    local -a emu
    shift 4
    sys_emu "$runner"
    "$sysdir/tsread" timeout --foreground "$limit" "${emu[@]}" -M virt -cpu "$cpu" -m 1G -smp "$smp" \
        -kernel "$image" -initrd "$sysdir/initramfs.cpio.gz" -append "console=ttyAMA0 panic=-1 $append" \
        -nographic -no-reboot "$@" < /dev/null
}

boot_job() {  # WORKLOAD CPU SMP RUNNER
    local log=$sysdir/logs/$1-$4-r$BENCH_ROUND.log t st
    boot_guest "$4" "$2" "$3" test=poweroff > "$log"
    t=$(marker_time "$log" "BOOT-OK: busybox init reached") ||
        { echo "no init marker ($log: $(tail -n 1 "$log"))" >&2; return 1; }
    st=$(tsread_status "$log")
    [ "$st" = 0 ] || { echo "the emulator's exit status is $st after power-off ($log)" >&2; return 1; }
    echo "$1 $(elapsed 0 "$t")"
}
job_boot_a57() { boot_job boot-a57 cortex-a57 1 "$1"; }
job_boot_max() { boot_job boot-max max 1 "$1"; }
job_boot_max_smp4() { boot_job boot-max-smp4 max 4 "$1"; }

# The disks carry a 16-byte signature by which the guest script tells them
# apart; the written one is made again, sparse, before every boot.
make_disks() {
    head -c $((disk_mib << 20)) /dev/zero | tr '\0' 'B' > "$sysdir/read.img" &&
        printf 'BENCH-READ-DISK0' | dd of="$sysdir/read.img" conv=notrunc status=none
}

job_guest() {  # RUNNER
    local log=$sysdir/logs/guest-$1-r$BENCH_ROUND.log w=$sysdir/write.img a b st parts="" p
    local -a disks=()
    for p in $guest_parts; do parts+=${parts:+,}$p; done
    case " $guest_parts " in
    *" blk-read "*)
        disks+=(-drive file="$sysdir/read.img",if=none,id=rd,format=raw -device virtio-blk-device,drive=rd) ;;
    esac
    case " $guest_parts " in
    *" blk-write "*)
        rm -f "$w"
        truncate -s $((disk_mib << 20)) "$w" &&
            printf 'BENCH-WRITEDISK0' | dd of="$w" conv=notrunc status=none || return 1
        disks+=(-drive file="$w",if=none,id=wr,format=raw -device virtio-blk-device,drive=wr) ;;
    esac
    boot_guest "$1" cortex-a57 1 "test=script:bench.sh bench=$parts" "${disks[@]}" > "$log"
    st=$(tsread_status "$log")
    grep -q "TEST-EXIT: bench.sh 0" "$log" && [ "$st" = 0 ] ||
        { echo "the guest script did not finish (exit status $st, $log)" >&2; return 1; }
    if grep -q "BENCH-ERROR" "$log"; then
        echo "$(grep -m 1 BENCH-ERROR "$log" | cut -d' ' -f2-) ($log)" >&2
        return 1
    fi
    for p in $guest_parts; do
        case $p in
        shell)
            a=$(marker_time "$log" BENCH-SHELL-START) && b=$(marker_time "$log" BENCH-SHELL-END) ||
                { echo "no shell markers ($log)" >&2; return 1; }
            # Its result line must be the same in every run.
            grep -m 1 "BENCH-SHELL-END" "$log" | cut -d' ' -f2- > "$sysdir/shell.$1.out"
            [ -f "$sysdir/shell.ref" ] || cp "$sysdir/shell.$1.out" "$sysdir/shell.ref"
            cmp -s "$sysdir/shell.$1.out" "$sysdir/shell.ref" ||
                { echo "shell loop result differs from the first run's ($log)" >&2; return 1; }
            echo "shell-loop $(elapsed "$a" "$b")"
            ;;
        blk-read|blk-write)
            local m=READ
            [ $p = blk-write ] && m=WRITE
            a=$(marker_time "$log" "BENCH-$m-START") && b=$(marker_time "$log" "BENCH-$m-END") ||
                { echo "no $p markers ($log)" >&2; return 1; }
            # dd's summary comes between the markers.
            awk -v s="BENCH-$m-START" -v e="BENCH-$m-END" 'index($0, s) { on = 1 } index($0, e) { on = 0 }
                on && index($0, "256+0 records out") { ok = 1 } END { exit !ok }' "$log" ||
                { echo "$p: dd did not move 256 MiB ($log)" >&2; return 1; }
            echo "$p $(elapsed "$a" "$b")"
            ;;
        esac
    done
}

bench_system() {
    local boots=() guest=() w
    for w in boot-a57 boot-max boot-max-smp4; do
        wanted "$w" boot system && boots+=("$w")
    done
    for w in shell-loop blk-read blk-write; do
        wanted "$w" guest system && guest+=("$w")
    done
    local all=("${boots[@]}" "${guest[@]}")
    [ ${#all[@]} -gt 0 ] || return 0
    command -v qemu-system-aarch64 > /dev/null ||
        { skip "no qemu-system-aarch64 (apt-get install qemu-system-arm)" "${all[@]}"; return 0; }
    if [ ! -f "$image" ] || [ ! -f "$top/tests/cache/arm64/busybox" ] || [ ! -d "$top/tests/cache/arm64/modules" ]; then
        echo "bench: fetching Debian's arm64 kernel and busybox (tests/guest/fetch-debian-arm64.sh)"
        "$top/tests/guest/fetch-debian-arm64.sh" > "$out/fetch.log" 2>&1 ||
            { skip "no kernel and busybox in tests/cache/arm64 and fetching them failed (see $out/fetch.log)" "${all[@]}"; return 0; }
    fi
    rm -rf "$sysdir"
    mkdir -p "$sysdir/logs"
    gcc -std=gnu11 -O2 -Wall -Wextra -o "$sysdir/tsread" "$top/tests/bench/tsread.c" ||
        { skip "building tsread failed" "${all[@]}"; bench_failed=1; return 0; }
    "$top/tests/guest/mkinitramfs.sh" --modules "virtio_mmio virtio_blk" --add "$top/tests/bench/guest" \
        --out "$sysdir/initramfs.cpio.gz" > "$sysdir/mkinitramfs.log" 2>&1 ||
        { skip "mkinitramfs.sh failed (see $sysdir/mkinitramfs.log)" "${all[@]}"; bench_failed=1; return 0; }
    echo "system: kernel $(awk '$1 == "kernel-release" { print $2 }' "$top/tests/cache/arm64/VERSIONS" 2> /dev/null)," \
         "-M virt -m 1G, initramfs $sysdir/initramfs.cpio.gz"

    for w in "${boots[@]}"; do
        run_rounds "${w//-/_}" "$w" 0
    done

    [ ${#guest[@]} -gt 0 ] || return 0
    guest_parts=""
    for w in "${guest[@]}"; do
        case $w in
        shell-loop) guest_parts+=" shell" ;;
        *) guest_parts+=" $w" ;;
        esac
    done
    if [[ " ${guest[*]} " == *" blk-read "* ]]; then
        make_disks || { skip "cannot make the $disk_mib MiB disk image" "${guest[@]}"; bench_failed=1; return 0; }
    fi
    run_rounds guest "${guest[*]}" 0
    rm -f "$sysdir/read.img" "$sysdir/write.img"
}
