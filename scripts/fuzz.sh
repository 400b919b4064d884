#!/usr/bin/env bash
# Runs Lede's fuzz targets (fuzz/fuzz_targets: `analyze` and `jsonl`) with cargo-fuzz, each for a
# given time, one after the other, and prints libFuzzer's execution count for each.
#
#   scripts/fuzz.sh SECONDS [TARGET...]     default: every target; `make fuzz` runs it
#   scripts/fuzz.sh --smoke SECONDS         a short run from the seeds only (`make test`)
#
# Works on a stable toolchain: no sanitizer (safe Rust needs none; the targets assert the Report's
# invariants and debug assertions are on), RUSTC_BOOTSTRAP=1 for the few -Z flags cargo-fuzz passes.
# A full run adds what it finds to fuzz/corpus/TARGET/ (ignored by git, except the seed-* files) and
# writes a crash to fuzz/artifacts/TARGET/; a smoke run keeps its finds in a scratch directory.
# The build goes to $FUZZ_TARGET_DIR (default fuzz/target) and is reused while the sources stand still.
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=0
if [ "${1:-}" = --smoke ]; then smoke=1; shift; fi
seconds=${1:?usage: scripts/fuzz.sh [--smoke] SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(analyze jsonl)

export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || { echo "fuzz: cargo-fuzz is missing; run scripts/bootstrap.sh" >&2; exit 1; }
target_dir=${FUZZ_TARGET_DIR:-$PWD/fuzz/target}
triple=$(rustc -vV | sed -n 's/^host: //p')
flags=(--sanitizer none --debug-assertions --no-trace-compares --target "$triple")

echo "fuzz: building ${targets[*]} (reused when nothing changed)"
for t in "${targets[@]}"; do
  (cd fuzz && CARGO_TARGET_DIR="$target_dir" RUSTC_BOOTSTRAP=1 cargo fuzz build "${flags[@]}" "$t" 2>&1 |
    { grep -vE '^ +(Compiling|Finished|Blocking|Updating|Locking|Downloaded|Downloading)' || true; })
  [ "${PIPESTATUS[0]}" = 0 ] || { echo "fuzz: building $t failed" >&2; exit 1; }
done

status=0
for t in "${targets[@]}"; do
  bin="$target_dir/$triple/release/$t"
  mkdir -p "fuzz/artifacts/$t" "fuzz/corpus/$t"
  if [ $smoke = 1 ]; then
    # From the committed seeds only, whatever earlier runs added beside them.
    scratch=$(mktemp -d)
    cp fuzz/corpus/"$t"/seed-* "$scratch"/
    corpus=("$scratch")
  else
    scratch=
    corpus=("fuzz/corpus/$t")
  fi
  log=$(mktemp)
  echo "fuzz: $t for ${seconds}s"
  set +e
  "$bin" "${corpus[@]}" -max_total_time="$seconds" -max_len=4096 -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$t/" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  if [ $rc -ne 0 ]; then
    status=1
    echo "fuzz: $t FAILED (exit $rc); libFuzzer's output:" >&2
    grep -vE '^#[0-9]+' "$log" | tail -60 >&2
  fi
  echo "fuzz: $t: ${execs:-0} executions (${rate:-0}/s) in ${seconds}s, exit $rc"
  grep -E '^(stat::|Done )' "$log" | sed "s/^/fuzz: $t: /"
  rm -f "$log"
  [ -z "$scratch" ] || rm -rf "$scratch"
done
exit $status
