# User-mode workloads (sourced by run.sh): aarch64-user against Debian's
# qemu-aarch64-static.
#
#   int-loop, fp-loop, simd-loop: freestanding programs (tests/bench/*.c)
#     built for arm64 and, from the same source, for x86-64 (native column);
#   gcc: gcc -O2 -c of a generated 4,200-line C file (gen-csrc.sh) with the
#     arm64 Debian root's own gcc 12;
#   xz: xz -6 of 20 MiB of log-like text (mkdata.c) with the root's xz.
#
# The root is $ARM64_ROOT or --root DIR, by default tests/cache/arm64-root
# (tests/user/mkroot.sh makes it).  Its programs run without chroot, each
# emulator given -L ROOT, which makes the dynamic loader, the libraries and
# absolute paths such as /usr/include come from the root.
#
# qemu-aarch64-static does not follow a guest execve into a new emulator
# (without binfmt_misc, which is global to the host and not ours to
# change), so the gcc driver cannot start cc1 and as under it.  The gcc job
# therefore runs the two commands the driver would run, as `gcc -###`
# prints them: cc1 (preprocessing and compiling, almost all of the time)
# then as, both under the emulator.  The native column is Debian's x86-64
# cross gcc (aarch64-linux-gnu-gcc, the same upstream version) doing the
# whole gcc -O2 -c; for xz, the host's xz of the same upstream version.

user_emu() {  # RUNNER: sets emu to the emulator's command
    case $1 in
    ours) emu=("$top/build/aarch64-user") ;;
    qemu) emu=(qemu-aarch64-static) ;;
    esac
}

# --- freestanding loops ------------------------------------------------------

loops_cflags="-static -nostdlib -ffreestanding -fno-builtin -ffp-contract=off"
build_loop() {  # NAME EXTRA-AARCH64-FLAGS OPTIMISATION
    aarch64-linux-gnu-gcc $loops_cflags $3 $2 -march=armv8-a -o "$out/loops/$1-a64" \
        "$top/tests/bench/$1.c" &&
        gcc $loops_cflags $3 -o "$out/loops/$1-x86" "$top/tests/bench/$1.c" &&
        "$out/loops/$1-x86" > "$out/loops/$1.expected"
}

loop_job() {  # NAME RUNNER
    local name=$1 t0 t1 res=$out/loops/$1.$2.out
    local -a cmd emu
    case $2 in
    native) cmd=("$out/loops/$name-x86") ;;
    *) user_emu "$2"; cmd=("${emu[@]}" "$out/loops/$name-a64") ;;
    esac
    t0=$(now)
    limited "${cmd[@]}" > "$res" || { echo "exit status $?" >&2; return 1; }
    t1=$(now)
    cmp -s "$res" "$out/loops/$name.expected" || { echo "wrong output in $res" >&2; return 1; }
    echo "$name $(elapsed "$t0" "$t1")"
}
job_int_loop() { loop_job int-loop "$1"; }
job_fp_loop() { loop_job fp-loop "$1"; }
job_simd_loop() { loop_job simd-loop "$1"; }

bench_loops() {
    local w runnable=()
    for w in int-loop fp-loop simd-loop; do
        wanted "$w" loops user && runnable+=("$w")
    done
    [ ${#runnable[@]} -gt 0 ] || return 0
    command -v aarch64-linux-gnu-gcc > /dev/null ||
        { skip "no aarch64-linux-gnu-gcc (apt-get install gcc-aarch64-linux-gnu)" "${runnable[@]}"; return 0; }
    mkdir -p "$out/loops"
    build_loop int-loop -mgeneral-regs-only -O2 &&
        build_loop fp-loop "" -O2 &&
        build_loop simd-loop "" -O3 ||
        { skip "building the freestanding programs failed" "${runnable[@]}"; bench_failed=1; return 0; }
    for w in "${runnable[@]}"; do
        run_rounds "${w//-/_}" "$w" 1
    done
}

# --- programs of the arm64 Debian root ---------------------------------------

# The upstream version of an installed package of the root ("12.2.0" of
# "12.2.0-14+deb12u1"), from its dpkg status file.
root_pkg_version() {  # PACKAGE
    awk -v p="$1" '$1 == "Package:" { cur = $2 } cur == p && $1 == "Version:" { print $2; exit }' \
        "$R/var/lib/dpkg/status" | sed 's/^[0-9]*://; s/-[^-]*$//'
}

# Split one command line of `gcc -###` output (every word double-quoted
# where it needs to be, no other shell syntax) into gcc_cmd, replacing the
# driver's temporary assembly file by big.s and resolving the program in
# the root.
parse_gcc_line() {  # LINE
    local -a words
    eval "words=($1)"
    gcc_cmd=()
    local w
    for w in "${words[@]}"; do
        case $w in
        /tmp/cc*.s) w=big.s ;;
        esac
        gcc_cmd+=("$w")
    done
    case ${gcc_cmd[0]} in
    "$R"/*) ;;
    /*) gcc_cmd[0]=$R${gcc_cmd[0]} ;;
    *) gcc_cmd[0]=$R/usr/bin/${gcc_cmd[0]} ;;
    esac
}

gcc_setup() {
    local dir=$out/gcc lines
    rm -rf "$dir"
    mkdir -p "$dir"
    "$top/tests/bench/gen-csrc.sh" > "$dir/big.c" || { echo "gen-csrc.sh failed" >&2; return 1; }
    # Work in $dir with relative file names: -L never prefixes those.
    lines=$(cd "$dir" && qemu-aarch64-static -L "$R" "$R/usr/bin/gcc" -### -O2 -c big.c -o big.o 2>&1) ||
        { echo "gcc -### failed: $(echo "$lines" | tail -n 1)" >&2; return 1; }
    local cc1 as
    cc1=$(echo "$lines" | grep '^ [^ ]*/cc1 ') || { echo "no cc1 command in gcc -### output" >&2; return 1; }
    as=$(echo "$lines" | grep -E '^ ([^ ]*/)?as ') || { echo "no as command in gcc -### output" >&2; return 1; }
    parse_gcc_line "$cc1"
    gcc_cc1=("${gcc_cmd[@]}")
    parse_gcc_line "$as"
    gcc_as=("${gcc_cmd[@]}")
    [ -x "${gcc_cc1[0]}" ] || { echo "no ${gcc_cc1[0]}" >&2; return 1; }
    [ -x "${gcc_as[0]}" ] || { echo "no ${gcc_as[0]}" >&2; return 1; }
    # The object the emulated runs must all produce: the first one's.
    rm -f "$dir/ref.o"
}

job_gcc() {  # RUNNER
    local dir=$out/gcc t0 t1
    local -a emu
    cd "$dir" || return 1
    rm -f big.s big.o
    t0=$(now)
    if [ "$1" = native ]; then
        limited aarch64-linux-gnu-gcc -O2 -c big.c -o native.o 2> gcc.err ||
            { echo "native gcc: $(tail -n 1 gcc.err)" >&2; return 1; }
        t1=$(now)
    else
        user_emu "$1"
        limited "${emu[@]}" -L "$R" "${gcc_cc1[@]}" 2> gcc.err &&
            limited "${emu[@]}" -L "$R" "${gcc_as[@]}" 2>> gcc.err ||
            { echo "cc1 or as: $(tail -n 1 gcc.err)" >&2; return 1; }
        t1=$(now)
        [ -f ref.o ] || cp big.o ref.o
        cmp -s big.o ref.o || { echo "object differs from the first run's (kept as $dir/$1.o)" >&2; cp big.o "$1.o"; return 1; }
    fi
    echo "gcc $(elapsed "$t0" "$t1")"
}

xz_mib=${BENCH_XZ_MIB:-20}

job_xz() {  # RUNNER
    local dir=$out/xz t0 t1
    local -a cmd emu
    case $1 in
    native) cmd=(xz) ;;
    *) user_emu "$1"; cmd=("${emu[@]}" -L "$R" "$R/usr/bin/xz") ;;
    esac
    cd "$dir" || return 1
    rm -f data.xz
    t0=$(now)
    limited "${cmd[@]}" -6 -T1 -c data > data.xz 2> xz.err ||
        { echo "xz: $(tail -n 1 xz.err)" >&2; return 1; }
    t1=$(now)
    if [ "$1" != native ]; then
        [ -f ref.xz ] || cp data.xz ref.xz
        cmp -s data.xz ref.xz || { echo "output differs from the first run's" >&2; return 1; }
    fi
    echo "xz $(elapsed "$t0" "$t1")"
}

xz_setup() {
    local dir=$out/xz
    rm -rf "$dir"
    mkdir -p "$dir"
    gcc -std=gnu11 -O2 -Wall -Wextra -o "$dir/mkdata" "$top/tests/bench/mkdata.c" || return 1
    "$dir/mkdata" "$xz_mib" > "$dir/data" || return 1
}

bench_root() {
    local want_gcc=0 want_xz=0 native
    wanted gcc root user && want_gcc=1
    wanted xz root user && want_xz=1
    [ $want_gcc = 1 ] || [ $want_xz = 1 ] || return 0
    local names=()
    [ $want_gcc = 1 ] && names+=(gcc)
    [ $want_xz = 1 ] && names+=(xz)
    command -v qemu-aarch64-static > /dev/null ||
        { skip "no qemu-aarch64-static (apt-get install qemu-user-static)" "${names[@]}"; return 0; }
    [ -d "$R/usr/lib" ] ||
        { skip "no arm64 Debian root at $R (tests/user/mkroot.sh makes it; or set ARM64_ROOT / --root)" "${names[@]}"; return 0; }

    if [ $want_gcc = 1 ]; then
        if [ ! -e "$R/usr/bin/gcc" ]; then
            skip "$R has no gcc (apt-get install gcc in it)" gcc
        elif ! gcc_setup 2> "$out/gcc-setup.err"; then
            skip "cannot prepare the gcc run: $(tail -n 1 "$out/gcc-setup.err")" gcc
            bench_failed=1
        else
            native=0
            if command -v aarch64-linux-gnu-gcc > /dev/null &&
               [ "$(aarch64-linux-gnu-gcc -dumpfullversion)" = "$(root_pkg_version gcc-12)" ]; then
                native=1
            else
                wl_note[gcc]="no native: the host's aarch64-linux-gnu-gcc is not gcc $(root_pkg_version gcc-12)"
            fi
            echo "gcc: gcc -O2 -c of $(wc -l < "$out/gcc/big.c") lines (cc1 and as of gcc $(root_pkg_version gcc-12))"
            run_rounds gcc gcc $native
        fi
    fi

    if [ $want_xz = 1 ]; then
        if [ ! -x "$R/usr/bin/xz" ]; then
            skip "$R has no xz (apt-get install xz-utils in it)" xz
        elif ! xz_setup; then
            skip "cannot generate the xz input" xz
            bench_failed=1
        else
            native=0
            if command -v xz > /dev/null &&
               [ "$(xz --version | awk 'NR == 1 { print $NF }')" = "$(root_pkg_version xz-utils)" ]; then
                native=1
            else
                wl_note[xz]="no native: the host's xz is not xz $(root_pkg_version xz-utils)"
            fi
            echo "xz: xz -6 -T1 of $xz_mib MiB"
            run_rounds xz xz $native
            rm -f "$out/xz/data" "$out/xz/data.xz"
        fi
    fi
}
