# Common part of the benchmark suite, sourced by tests/bench/run.sh.
#
# A workload is a name with a description, declared with `workload`.  A job
# is a shell function job_NAME RUNNER (RUNNER: ours, qemu or native) that
# runs once, checks its output, and prints one line "WORKLOAD SECONDS" per
# workload it measured (the guest job measures three in one boot); it
# returns non-zero, with a one-line reason on stderr, when the run failed.
# run_rounds runs a job for every round, alternating which emulator goes
# first, and appends every time to rounds.csv; summarise turns rounds.csv
# into the medians of results.md and results.csv.

export LC_ALL=C

# Set by run.sh: $top (repository), $out (build/bench), $rounds, $only.
declare -a wl_names=()
declare -A wl_desc=() wl_mib=() wl_state=() wl_note=()
bench_failed=0

workload() {  # NAME DESCRIPTION [MIB moved, for a throughput figure]
    wl_names+=("$1")
    wl_desc[$1]=$2
    wl_mib[$1]=${3:-}
}

# Is workload NAME wanted (--only lists names and group names)?
wanted() {  # NAME GROUP...
    local w
    [ -z "$only" ] && return 0
    for w in ${only//,/ }; do
        case " $* " in *" $w "*) return 0 ;; esac
    done
    return 1
}

skip() {  # REASON NAME...
    local reason=$1 w
    shift
    for w in "$@"; do
        echo "skipped: $w: $reason"
        wl_state[$w]=skipped
        wl_note[$w]="skipped: $reason"
    done
}

# A command under the time limit.  --foreground keeps it in our process
# group, so that ^C on make bench reaches the emulators too.
limited() { timeout --foreground "$limit" "$@"; }

now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", b - a }'; }

# Time from the start of a tsread log to the first line containing TEXT.
marker_time() {  # LOG TEXT
    awk -v m="$2" 'index($0, m) { print $1; found = 1; exit } END { exit !found }' "$1"
}

# The command's exit status, from tsread's last line.
tsread_status() {  # LOG
    awk '/^tsread: exit / { s = $3 } END { print (s == "" ? "none" : s) }' "$1"
}

# Round loop.  The emulators alternate which one runs first (ours, qemu in
# odd rounds, qemu, ours in even ones) so that neither always profits from
# a warm page cache or suffers from a neighbour's build starting; the
# native run, when the job has one, comes last.
run_rounds() {  # JOB "WORKLOAD..." NATIVE(0|1)
    local job=$1 names=$2 native=$3 r runner lines w t err=$out/last.err
    local -a order
    for w in $names; do wl_state[$w]=run; done
    for r in $(seq "$rounds"); do
        if [ $((r % 2)) = 1 ]; then order=(ours qemu); else order=(qemu ours); fi
        [ "$native" = 1 ] && order+=(native)
        local progress=""
        for runner in "${order[@]}"; do
            export BENCH_ROUND=$r
            if lines=$("job_$job" "$runner" 2> "$err"); then
                while read -r w t; do
                    [ -n "$w" ] || continue
                    echo "$w,$r,$runner,$t" >> "$out/rounds.csv"
                    if [ "$w" = "$names" ]; then progress+=" $runner $t s,"
                    else progress+=" $w/$runner $t s,"; fi
                done <<< "$lines"
            else
                echo "bench: ${names// /+} failed under $runner in round $r: $(tail -n 1 "$err")"
                for w in $names; do
                    echo "$w,$r,$runner,FAIL" >> "$out/rounds.csv"
                done
                progress+=" $runner FAILED,"
                bench_failed=1
            fi
        done
        echo "  ${names// /+} round $r/$rounds:${progress%,}"
    done
}

# Median of a workload's times under one runner: "-" when it has none,
# FAIL when any round failed.
median_of() {  # WORKLOAD RUNNER
    awk -F, -v w="$1" -v r="$2" '$1 == w && $3 == r { print $4 }' "$out/rounds.csv" |
        sort -g | awk '
            $1 == "FAIL" { fail = 1 }
            $1 != "FAIL" { v[++n] = $1 }
            END {
                if (fail) print "FAIL"
                else if (n == 0) print "-"
                else if (n % 2) printf "%.3f\n", v[(n + 1) / 2]
                else printf "%.3f\n", (v[n / 2] + v[n / 2 + 1]) / 2
            }'
}

ratio() {  # A B: A/B to two decimals, or "-" when either is not a number
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f\n", a / b; else print "-" }'
}

mib_per_s() {  # MIB SECONDS
    [ -n "$1" ] || { echo "-"; return; }
    awk -v m="$1" -v s="$2" 'BEGIN { if (s ~ /^[0-9.]+$/ && s > 0) printf "%.1f\n", m / s; else print "-" }'
}

# results.md (the README's table) and results.csv (one line per workload,
# each with the run's date, host, revision and emulator versions); the
# CSV's lines are also appended to history.csv.
summarise() {
    local date host_cpu git_rev ours_ver qemu_user_ver qemu_sys_ver w mo mq mn rq rn tq tn note
    date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    host_cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    git_rev=$(git -C "$top" describe --always --dirty 2> /dev/null || echo unknown)
    ours_ver=$("$top/build/aarch64-system" --version 2> /dev/null | head -n 1)
    qemu_user_ver=$(qemu-aarch64-static --version 2> /dev/null | head -n 1)
    qemu_sys_ver=$(qemu-system-aarch64 --version 2> /dev/null | head -n 1)
    local header="date,host_nproc,host_cpu,git_rev,ours_version,qemu_user_version,qemu_system_version,rounds,workload,ours_s,qemu_s,native_s,ours_over_qemu,ours_over_native,ours_mib_s,qemu_mib_s,note"
    echo "$header" > "$out/results.csv"
    {
        echo "| workload | ours (s) | QEMU (s) | native (s) | ours/QEMU | ours/native | notes |"
        echo "|---|---|---|---|---|---|---|"
    } > "$out/results.md"
    for w in "${wl_names[@]}"; do
        case ${wl_state[$w]:-} in
        run)
            mo=$(median_of "$w" ours) mq=$(median_of "$w" qemu) mn=$(median_of "$w" native)
            rq=$(ratio "$mo" "$mq") rn=$(ratio "$mo" "$mn")
            tq=$(mib_per_s "${wl_mib[$w]}" "$mq") tn=$(mib_per_s "${wl_mib[$w]}" "$mo")
            note=${wl_note[$w]:-}
            [ -n "${wl_mib[$w]}" ] && note="ours $tn MiB/s, QEMU $tq MiB/s${note:+; $note}"
            ;;
        skipped)
            mo=- mq=- mn=- rq=- rn=- tq=- tn=- note=${wl_note[$w]}
            ;;
        *) continue ;;
        esac
        echo "| $w: ${wl_desc[$w]} | $mo | $mq | $mn | $rq | $rn | $note |" >> "$out/results.md"
        printf '%s,%s,"%s",%s,"%s","%s","%s",%s,%s,%s,%s,%s,%s,%s,%s,%s,"%s"\n' \
            "$date" "$(nproc)" "$host_cpu" "$git_rev" "$ours_ver" "$qemu_user_ver" "$qemu_sys_ver" \
            "$rounds" "$w" "$mo" "$mq" "$mn" "$rq" "$rn" "$tn" "$tq" "${note//\"/\'}" >> "$out/results.csv"
    done
    [ -f "$out/history.csv" ] || echo "$header" > "$out/history.csv"
    tail -n +2 "$out/results.csv" >> "$out/history.csv"
    {
        echo
        echo "Medians of $rounds round(s), $date, git $git_rev; host: $(nproc) x $host_cpu;"
        echo "ours: $ours_ver; QEMU: ${qemu_sys_ver:-not installed}."
    } >> "$out/results.md"
}
