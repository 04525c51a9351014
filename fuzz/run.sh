#!/usr/bin/env bash
# Fuzzes mimeo's readers and the whole build with cargo-fuzz (libFuzzer).
#   bash fuzz/run.sh [SECONDS]   each target for SECONDS (default 60)
#   bash fuzz/run.sh 1800 spec   one target for half an hour
# FUZZ_QUICK=1 (CI's smoke run) builds with Cargo.toml's dev profile and
# without AddressSanitizer: mimeo, the shaper and the hyphenator at
# opt-level 1, the pixel crates at 2, the rest unoptimised. That builds in
# about 4 minutes on 2 cores against 6.5 at opt-level 1 throughout, and runs
# a fifth to a third as many inputs in the same time; longer runs should
# keep the default (fully optimised, with AddressSanitizer).
# Needs the nightly toolchain (rustup toolchain install nightly) and
# cargo-fuzz (cargo install cargo-fuzz). The corpus starts from the
# repository's articles, layouts and photos. A crash, a hang over 5 s or a
# build that writes an invalid PDF stops the run and leaves its input in
# fuzz/artifacts/TARGET/; copy it into fuzz/regressions/TARGET/ so that
# `cargo test` keeps checking it. Exit status: 0 no finding, 1 a finding,
# 2 the targets did not build.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
profile=--release
quick=()
if [ -n "${FUZZ_QUICK:-}" ]; then
  profile=--dev
  quick=(--sanitizer none)
fi
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(article spec image pipeline)

seed() { # target, files...
  local dir=corpus/$1; shift
  mkdir -p "$dir"
  for f in "$@"; do cp "$f" "$dir/" 2>/dev/null || true; done
}
seed article ../content/*.md regressions/article/*
seed spec ../layouts/*.toml regressions/spec/*
seed image ../content/*.jpg regressions/image/*
seed pipeline regressions/pipeline/*
for layout in ../layouts/leaflet-a4.toml ../layouts/measure.toml; do
  for article in ../content/0[1-3]*.md; do
    { cat "$layout"; printf '\0'; cat "$article"; } > "corpus/pipeline/$(basename "$layout" .toml)-$(basename "$article" .md)"
  done
done

rm -rf artifacts
if ! cargo +nightly fuzz build "$profile" "${quick[@]}" > fuzz-build.log 2>&1; then
  tail -20 fuzz-build.log
  echo "the fuzz targets did not build (see fuzz/fuzz-build.log)"
  exit 2
fi
for t in "${targets[@]}"; do
  echo "== fuzz $t for ${secs}s"
  set +e
  cargo +nightly fuzz run "$profile" "${quick[@]}" "$t" "corpus/$t" -- \
    -max_total_time="$secs" -timeout=5 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    > "fuzz-$t.log" 2>&1
  status=$?
  set -e
  grep -E 'stat::number_of_executed_units|SUMMARY|panicked|Test unit written' "fuzz-$t.log" || true
  if [ $status -ne 0 ]; then
    tail -40 "fuzz-$t.log"
    echo "FAIL fuzz $t (exit $status): the input is in fuzz/artifacts/$t/"
    exit 1
  fi
done
