#!/usr/bin/env bash
# Line quality on held-out prose (tools/heldout.py) in the measuring column
# (layouts/measure.toml) at 9 pt and at 10/12 pt: linequality.py and
# pagecheck.py from ../shared/tools, one line per text.
#   bash tools/measure.sh [HELDOUT_DIR]     (needs pdfplumber: PYTHON=/tmp/venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/heldout}
py=${PYTHON:-python3}
bin=target/release/mimeo
tools=../shared/tools
[ -f "$dir/en.md" ] || python3 tools/heldout.py "$dir"
cargo build --release --quiet
work=$(mktemp -d)
cp layouts/measure.toml "$work/m9.toml"
sed 's/size = "9pt"/size = "10pt"/; s/leading = "11pt"/leading = "12pt"/; s/baseline = "11pt"/baseline = "12pt"/; s/indent = "9pt"/indent = "10pt"/' \
  layouts/measure.toml > "$work/m10.toml"
for size in 9 10; do
  for lang in en es de fr pt; do
    "$bin" build --layout "$work/m$size.toml" -o "$work/$lang$size.pdf" --force "$dir/$lang.md" >/dev/null 2>&1
    q=$("$py" "$tools/linequality.py" "$work/$lang$size.pdf" --font-name Charis --size "$size" --space-em 0.293)
    c=$("$py" "$tools/pagecheck.py" "$work/$lang$size.pdf" --body-size "$size" --max-ls 0.02 || true)
    python3 -c '
import json, sys
lang, size, q, c = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
print("%s %spt: loose %s%% very loose %s%% p95 %s hyphen run %s letter-spaced >2%% em %s" % (
    lang, size, q["loose_pct"], q["very_loose_pct"], q["ratio_p95"], q["hyphen_run_max"], c["letterspaced"]))
' "$lang" "$size" "$q" "$c"
  done
done
rm -rf "$work"
