#!/usr/bin/env bash
# Writes the benchmark column: the English example articles' paragraphs
# (content/, without front matter, headings or quotes) until 4,400 words,
# TIMES times over as one article FILE.md, and the same text for Typst as
# FILE.typ (Charis SIL 11pt, justified, hyphenated, A4 with 2.5 cm margins).
# Usage: scripts/column.sh TIMES FILE.md
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: scripts/column.sh TIMES FILE.md" >&2; exit 2; }
times=$1
out=$2
root="$(cd "$(dirname "$0")/.." && pwd)"
para=$(mktemp)
trap 'rm -f "$para"' EXIT
for f in "$root"/content/[0-9][0-9]-*.md; do
  case "$f" in *.??.md) continue ;; esac
  grep -q '^lang = ' "$f" && ! grep -q '^lang = "en"' "$f" && continue
  awk 'BEGIN{n=0} /^\+\+\+$/{n++; next} n>=2 && !/^#/ && !/^>/' "$f"
done | awk -v max=4400 'BEGIN{w=0} { if (w < max) print; w += NF }' >"$para"
{ printf '+++\nheadline = "A column"\n+++\n'
  for _ in $(seq "$times"); do cat "$para"; echo; done; } >"$out"
# Markdown's **strong** and *emphasis* become Typst's *strong* and _emphasis_
# (the text holds no other markup).
{ printf '#set page(paper: "a4", margin: 2.5cm)\n'
  printf '#set text(font: "Charis SIL", size: 11pt, lang: "en")\n'
  printf '#set par(justify: true)\n= A column\n\n'
  for _ in $(seq "$times"); do
    sed -e 's/\*\*/\x01/g' -e 's/\*/_/g' -e 's/\x01/*/g' "$para"; echo
  done; } >"${out%.md}.typ"
