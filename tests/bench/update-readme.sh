#!/bin/bash
# Put the table of the last `make bench` (build/bench/results.md) into
# README.md, replacing what is between the lines <!-- bench-table-start -->
# and <!-- bench-table-end -->.
#   tests/bench/update-readme.sh [RESULTS.md]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
results=${1:-$top/build/bench/results.md}
readme=$top/README.md
[ -f "$results" ] || { echo "update-readme.sh: no $results (run make bench first)" >&2; exit 1; }
grep -q '^<!-- bench-table-start -->$' "$readme" && grep -q '^<!-- bench-table-end -->$' "$readme" ||
    { echo "update-readme.sh: README.md has no bench-table markers" >&2; exit 1; }
awk -v f="$results" '
    /^<!-- bench-table-start -->$/ { print; while ((getline l < f) > 0) print l; skip = 1; next }
    /^<!-- bench-table-end -->$/ { skip = 0 }
    !skip' "$readme" > "$readme.tmp"
mv "$readme.tmp" "$readme"
echo "update-readme.sh: README.md now shows $results"
