#!/usr/bin/env bash
# Whole-process timings of the release binary, as a user runs it: the best
# and median wall time of N runs (default 7) and the peak memory (maximum
# resident set, from /usr/bin/time) of each job:
#   example   the example issue (layouts/tabloid.toml, content/), its photos
#             proven sound by the first run and not decoded again, as in an
#             editor's builds after the first (a proofs folder of its own)
#   ex-cold   the example issue with every photo decoded (MIMEO_CACHE_DIR=)
#   1x        a 4,400-word column of English in one column of A4 (benches/column.toml)
#   10x, 100x the same text ten and a hundred times, as one article
#   1000x     a thousand times (only with --big; about 13,000 pages)
#   20MB      a 20 MB article (only with --big)
# With --typst, the column jobs (1x, 10x, 100x) are also compiled by Typst
# (`typst compile`, whole process, the `typst` on PATH or $TYPST): the same
# text in Charis SIL 11pt, justified and hyphenated, on A4 with 2.5 cm
# margins, timed the same way, runs interleaved with mimeo's; the last
# column is Typst's best time over mimeo's.
# Usage: scripts/bench.sh [--runs N] [--big] [--typst]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=7
big=0
typst_cmd=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --big) big=1; shift ;;
    --typst) typst_cmd="${TYPST:-typst}"; shift ;;
    *) echo "usage: scripts/bench.sh [--runs N] [--big] [--typst]" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
[ -n "${EPOCHREALTIME:-}" ] || { echo "needs bash 5 or later (its \$EPOCHREALTIME)" >&2; exit 1; }
if [ -n "$typst_cmd" ] && ! command -v "$typst_cmd" >/dev/null; then
  echo "--typst needs Typst on PATH or in \$TYPST (cargo install typst-cli --locked)" >&2
  exit 1
fi
cargo build --release --quiet
bin="$PWD/target/release/mimeo"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The column (4,400 words of the example's English) and its Typst twin.
make_article() { # times file
  scripts/column.sh "$1" "$2"
}
make_article 1 "$work/1x.md"
make_article 10 "$work/10x.md"
make_article 100 "$work/100x.md"
jobs=(example ex-cold 1x 10x 100x)
if [ "$big" = 1 ]; then
  make_article 1000 "$work/1000x.md"
  size=$(( $(wc -c <"$work/1x.md") - 31 ))  # (the text, less front matter and a blank line)
  make_article $(( 20000000 / size + 1 )) "$work/20MB.md"
  jobs+=(1000x 20MB)
fi

run() { # job → the command's arguments
  case "$1" in
    example|ex-cold) echo "build -q -o $work/out.pdf" ;;
    1000x|20MB) echo "build -q --max-article-size 30MB --layout benches/column.toml -o $work/out.pdf $work/$1.md" ;;
    *) echo "build -q --layout benches/column.toml -o $work/out.pdf $work/$1.md" ;;
  esac
}

# Best and median of a list of microseconds, in ms.
best_median() {
  local sorted
  sorted=($(printf '%s\n' "$@" | sort -n))
  echo "${sorted[0]} ${sorted[$(( ${#sorted[@]} / 2 ))]}"
}
# Pages of a PDF, or ? without poppler's pdfinfo.
pages_of() {
  { pdfinfo "$1" 2>/dev/null || true; } | awk '/^Pages:/{p=$2} END{print (p ? p : "?")}'
}

header=(job pages best median per-page peak)
[ -n "$typst_cmd" ] && header+=("typst pages" "typst best" "typst median" "ratio")
printf '%-8s %7s %10s %10s %10s %9s' "${header[@]:0:6}"
[ -n "$typst_cmd" ] && printf ' %11s %12s %12s %6s' "${header[@]:6}"
echo
for job in "${jobs[@]}"; do
  n=$runs
  case "$job" in 1000x|20MB) n=3 ;; esac
  with_typst=0
  case "$job" in 1x|10x|100x) [ -n "$typst_cmd" ] && with_typst=1 ;; esac
  times=()
  ttimes=()
  peak=0
  for _ in $(seq "$n"); do
    # Wall times to the microsecond from bash's own clock ($EPOCHREALTIME,
    # its digits without the point), which forks nothing: `date` before and
    # after added about a millisecond to every run of either program.
    if [ "$with_typst" = 1 ]; then
      start=${EPOCHREALTIME//[!0-9]/}
      "$typst_cmd" compile --ignore-system-fonts --font-path fonts/charis \
        "$work/$job.typ" "$work/typst.pdf" 2>"$work/typst.log" || { cat "$work/typst.log" >&2; exit 1; }
      end=${EPOCHREALTIME//[!0-9]/}
      ttimes+=($(( end - start )))
    fi
    read -r -a args <<<"$(run "$job")"
    cache="$work/proofs"
    [ "$job" = ex-cold ] && cache=""
    MIMEO_CACHE_DIR="$cache" /usr/bin/time -f '%e %M' -o "$work/time" "$bin" "${args[@]}" >/dev/null
    read -r _ kb <"$work/time"
    start=${EPOCHREALTIME//[!0-9]/}
    MIMEO_CACHE_DIR="$cache" "$bin" "${args[@]}" >/dev/null
    end=${EPOCHREALTIME//[!0-9]/}
    times+=($(( end - start )))
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  read -r best median < <(best_median "${times[@]}")
  pages=$(pages_of "$work/out.pdf")
  per=$( [ "$pages" != "?" ] && awk -v m="$median" -v p="$pages" 'BEGIN{printf "%.2f ms", m/1000/p}' || echo "?")
  printf '%-8s %7s %8.1f ms %7.1f ms %10s %6d MB' "$job" "$pages" \
    "$(awk -v b="$best" 'BEGIN{print b/1000}')" "$(awk -v m="$median" 'BEGIN{print m/1000}')" \
    "$per" $(( peak / 1024 ))
  if [ "$with_typst" = 1 ]; then
    read -r tbest tmedian < <(best_median "${ttimes[@]}")
    printf ' %11s %9.1f ms %9.1f ms %5.1fx' "$(pages_of "$work/typst.pdf")" \
      "$(awk -v b="$tbest" 'BEGIN{print b/1000}')" "$(awk -v m="$tmedian" 'BEGIN{print m/1000}')" \
      "$(awk -v t="$tbest" -v m="$best" 'BEGIN{print t/m}')"
  fi
  echo
done
