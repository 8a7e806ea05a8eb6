#!/usr/bin/env bash
# Times `careerbook sync` between two machines (two data directories and a
# bare repository in a temporary directory): with nothing new, sending one
# win, taking one win (a fast-forward), and merging one win from each side.
# Once with the demo workbook, once with 20,000 wins.
#   cargo build --release && examples/measure_sync.sh
# Each figure is the wall time of one run, process start included; the
# medians go into docs/architecture.md ("Speed").
set -euo pipefail
cb="$(cd "$(dirname "$0")/.." && pwd)/target/release/careerbook"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 CAREERBOOK_TODAY=2026-11-26
cd "$tmp"

ms() { local start; start=$(date +%s%N); "$@" >/dev/null; echo -n "$(( ($(date +%s%N) - start) / 1000000 )) ms  "; }

python3 - <<'PY'
lines = ['(version: 2, next_id: 20001, impact: (wins: [']
for i in range(1, 20001):
    lines.append(f'(id: {i}, date: "2026-{i % 11 + 1:02d}-{i % 27 + 1:02d}", title: "Win {i}: cut the bill", category: cost_savings, tags: ["t{i % 50}"]),')
lines.append(']))')
open('big.ron', 'w').write('\n'.join(lines) + '\n')
PY

for case in demo big; do
    git init -q --bare "$case.git"
    mkdir "$case-a"
    if [ "$case" = demo ]; then cp "$(dirname "$cb")/../../assets/demo.ron" "$case-a/workbook.ron"; else cp big.ron "$case-a/workbook.ron"; fi
    a="$case-a" b="$case-b"
    "$cb" --data-dir "$a" sync init "$tmp/$case.git" >/dev/null
    "$cb" --data-dir "$b" sync init "$tmp/$case.git" >/dev/null
    echo "== $case ($(wc -c < "$a/workbook.ron") bytes)"
    echo -n "nothing new:  "; for i in 1 2 3 4 5; do ms "$cb" --data-dir "$a" sync; done; echo
    echo -n "send a win:   "; for i in 1 2 3 4 5; do "$cb" --data-dir "$a" log "sent $i" >/dev/null; ms "$cb" --data-dir "$a" sync; done; echo
    echo -n "take a win:   "; for i in 1 2 3 4 5; do "$cb" --data-dir "$a" log "taken $i" >/dev/null; "$cb" --data-dir "$a" sync >/dev/null; ms "$cb" --data-dir "$b" sync; done; echo
    echo -n "merge:        "; for i in 1 2 3 4 5; do "$cb" --data-dir "$a" log "a $i" >/dev/null; "$cb" --data-dir "$a" sync >/dev/null; "$cb" --data-dir "$b" log "b $i" >/dev/null; ms "$cb" --data-dir "$b" sync; done; echo
    "$cb" --data-dir "$a" sync >/dev/null
    cmp -s "$a/workbook.ron" "$b/workbook.ron" || { echo "the two machines differ"; exit 1; }
done
