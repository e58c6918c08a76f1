#!/bin/sh
# Run test programs and suite scripts, each printing its own results, and
# finish with one summary line "N passed, N failed" counting suites.
#   tests/run-suites.sh [PROGRAM...] -- [SCRIPT...]
# A suite script may exit 77 to say it was skipped (a missing optional tool).

passed=0 failed=0 skipped=0 failed_names=""

run() {
    echo "=== $1"
    "$@"
    rc=$?
    if [ $rc -eq 0 ]; then
        passed=$((passed + 1))
    elif [ $rc -eq 77 ]; then
        skipped=$((skipped + 1))
        echo "--- skipped: $1"
    else
        failed=$((failed + 1))
        failed_names="$failed_names $1"
        echo "--- FAILED: $1 (exit $rc)"
    fi
}

while [ $# -gt 0 ] && [ "$1" != -- ]; do
    run "$1"
    shift
done
[ $# -gt 0 ] && shift
for script in "$@"; do
    run sh "$script"
done

[ -n "$failed_names" ] && echo "failed suites:$failed_names"
echo "suites: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
